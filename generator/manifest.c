/* manifest.c — builds and writes the manifest of a build: what was written, its number and digest.
 */
#include "manifest.h"

#include <glib.h>
#include <libxml/parser.h>
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
	if (d->copy != NULL) {
		char *name = kb_asprintf("%s-sha256", d->copy_format);
		attr(n, d->copy_format, d->copy);
		attr(n, name, d->copy_sha256);
		free(name);
	}
}

/* The <document> of root whose file is file, or NULL. */
static xmlNode *
by_file(xmlNode *root, const xmlChar *file)
{
	for (xmlNode *c = root->children; c != NULL && file != NULL; c = c->next) {
		xmlChar *f =
		    c->type == XML_ELEMENT_NODE ? xmlGetProp(c, (const xmlChar *)"file") : NULL;
		int same = f != NULL && xmlStrEqual(f, file);
		xmlFree(f);
		if (same)
			return c;
	}
	return NULL;
}

/* Puts the entries of DIR/manifest.xml that m does not replace into m, in their order. */
static void
merge_old(struct kb_manifest *m, const char *dir)
{
	char *path = kb_asprintf("%s/" KB_OUT_MANIFEST, dir), *text = NULL;
	gsize len = 0;
	/* Read whole, then parsed from memory: the loader that guards inputs refuses files. */
	xmlDoc *old =
	    g_file_get_contents(path, &text, &len, NULL)
	        ? xmlReadMemory(text, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS)
	        : NULL;
	xmlNode *root = xmlDocGetRootElement(m->doc), *keep, *at = NULL;

	free(path);
	g_free(text);
	if (old == NULL || xmlDocGetRootElement(old) == NULL) {
		xmlFreeDoc(old);
		return;
	}
	keep = xmlNewDocNode(m->doc, NULL, (const xmlChar *)"manifest", NULL);
	for (xmlNode *c = xmlDocGetRootElement(old)->children; c != NULL; c = c->next) {
		xmlChar *f;
		xmlNode *now;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		f = xmlGetProp(c, (const xmlChar *)"file");
		now = by_file(root, f);
		xmlFree(f);
		/* The new entry takes the old one's place; what this run did not write stays. */
		if (now != NULL) {
			xmlUnlinkNode(now);
			xmlAddChild(keep, now);
		} else
			xmlAddChild(keep, xmlDocCopyNode(c, m->doc, 1));
	}
	/* New documents follow, in the run's order. */
	while ((at = root->children) != NULL) {
		xmlUnlinkNode(at);
		xmlAddChild(keep, at);
	}
	xmlFreeNode(xmlReplaceNode(root, keep));
	xmlFreeDoc(old);
}

int
kb_manifest_write(struct kb_manifest *m, const char *dir, int merge)
{
	xmlChar *text;
	int len, rc;

	if (merge)
		merge_old(m, dir);
	xmlDocDumpFormatMemoryEnc(m->doc, &text, &len, "UTF-8", 1);
	rc = kb_output_write(dir, KB_OUT_MANIFEST, (const char *)text, (size_t)len);
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
