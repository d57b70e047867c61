/* manifest.c — builds and writes the manifest of a build: what was written, its number and digest.
 */
#include "manifest.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>

#include "output.h"
#include "util.h"

struct kb_manifest {
	xmlDoc *doc; /* <manifest> with one <document> per entry */
};

struct kb_manifest *
kb_manifest_new(void)
{
	struct kb_manifest *m = kb_calloc(1, sizeof(*m));

	m->doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(m->doc, xmlNewNode(NULL, (const xmlChar *)"manifest"));
	return m;
}

static void
attr(xmlNode *n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void
kb_manifest_add(struct kb_manifest *m, const struct kb_manifest_doc *d)
{
	xmlNode *n =
	    xmlNewChild(xmlDocGetRootElement(m->doc), NULL, (const xmlChar *)"document", NULL);
	char rev[16], pages[16];

	/* The attribute order is part of the file's bytes: keep it. */
	snprintf(rev, sizeof(rev), "%d", d->revision);
	snprintf(pages, sizeof(pages), "%d", d->pages);
	if (d->record != NULL)
		attr(n, "record", d->record);
	else {
		attr(n, "date", d->date);
		attr(n, "records", d->records);
	}
	attr(n, "kind", d->kind);
	if (d->authority != NULL)
		attr(n, "authority", d->authority);
	if (d->revision > 0)
		attr(n, "revision", rev);
	if (d->number != NULL)
		attr(n, "number", d->number);
	attr(n, "audience", d->audience);
	attr(n, "file", d->file);
	attr(n, "sha256", d->sha256);
	attr(n, "pages", pages);
}

int
kb_manifest_write(const struct kb_manifest *m, const char *dir)
{
	xmlChar *text;
	int len, rc;

	xmlDocDumpFormatMemoryEnc(m->doc, &text, &len, "UTF-8", 1);
	rc = kb_output_write(dir, "manifest.xml", (const char *)text, (size_t)len);
	xmlFree(text);
	return rc;
}

void
kb_manifest_free(struct kb_manifest *m)
{
	if (m == NULL)
		return;
	xmlFreeDoc(m->doc);
	free(m);
}
