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

/*
 * The entries as the lines of the file, each "  <document …/>\n" in call
 * order, and each entry's file (its key for a merge): a few hundred bytes
 * per document, not a tree, so a run of 100,000 documents keeps its
 * manifest small.
 */
struct kb_manifest {
	kb_buf lines;
	GPtrArray *files; /* the file of each entry, in order (owned) */
	GArray *ends;     /* where each entry's line ends in lines (size_t) */
};

struct kb_manifest *
kb_manifest_new(void)
{
	struct kb_manifest *m = kb_calloc(1, sizeof(*m));

	m->files = g_ptr_array_new_with_free_func(g_free);
	m->ends = g_array_new(FALSE, FALSE, sizeof(size_t));
	return m;
}

/* Appends name="value" to b, the value escaped as libxml2 writes an attribute. */
static void
attr(kb_buf *b, const char *name, const char *value)
{
	kb_buf_printf(b, " %s=\"", name);
	for (const char *p = value; *p != '\0'; p++)
		switch (*p) {
		case '&':
			kb_buf_puts(b, "&amp;");
			break;
		case '<':
			kb_buf_puts(b, "&lt;");
			break;
		case '>':
			kb_buf_puts(b, "&gt;");
			break;
		case '"':
			kb_buf_puts(b, "&quot;");
			break;
		case '\n':
			kb_buf_puts(b, "&#10;");
			break;
		case '\r':
			kb_buf_puts(b, "&#13;");
			break;
		case '\t':
			kb_buf_puts(b, "&#9;");
			break;
		default:
			kb_buf_put(b, p, 1);
		}
	kb_buf_puts(b, "\"");
}

void
kb_manifest_add(struct kb_manifest *m, const struct kb_manifest_doc *d)
{
	kb_buf *b = &m->lines;
	char rev[16], pages[16];
	size_t end;

	/* The attribute order is part of the file's bytes: keep it. */
	snprintf(rev, sizeof(rev), "%d", d->revision);
	snprintf(pages, sizeof(pages), "%d", d->pages);
	kb_buf_puts(b, "  <document");
	if (d->record != NULL)
		attr(b, "record", d->record);
	else {
		attr(b, "date", d->date);
		attr(b, "records", d->records);
	}
	attr(b, "kind", d->kind);
	if (d->authority != NULL)
		attr(b, "authority", d->authority);
	if (d->revision > 0)
		attr(b, "revision", rev);
	if (d->number != NULL)
		attr(b, "number", d->number);
	attr(b, "audience", d->audience);
	attr(b, "file", d->file);
	attr(b, "sha256", d->sha256);
	attr(b, "pages", pages);
	if (d->copy != NULL) {
		char *name = kb_asprintf("%s-sha256", d->copy_format);
		attr(b, d->copy_format, d->copy);
		attr(b, name, d->copy_sha256);
		free(name);
	}
	kb_buf_puts(b, "/>\n");
	end = b->len;
	g_ptr_array_add(m->files, g_strdup(d->file));
	g_array_append_val(m->ends, end);
}

/* Appends entry i's line to out. */
static void
put_entry(const struct kb_manifest *m, guint i, kb_buf *out)
{
	size_t from = i > 0 ? g_array_index(m->ends, size_t, i - 1) : 0;

	kb_buf_put(out, m->lines.data + from, g_array_index(m->ends, size_t, i) - from);
}

/*
 * The entries of DIR/manifest.xml in their order, each replaced by this
 * run's entry of the same file, then this run's new entries, into out.
 */
static void
merge_old(const struct kb_manifest *m, const char *dir, kb_buf *out)
{
	char *path = kb_asprintf("%s/" KB_OUT_MANIFEST, dir), *text = NULL;
	gsize len = 0;
	/* Read whole, then parsed from memory: the loader that guards inputs refuses files. */
	xmlDoc *old =
	    g_file_get_contents(path, &text, &len, NULL)
	        ? xmlReadMemory(text, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS)
	        : NULL;
	GHashTable *mine = g_hash_table_new(g_str_hash, g_str_equal);
	char *used = kb_calloc(m->files->len + 1, 1);

	free(path);
	g_free(text);
	for (guint i = 0; i < m->files->len; i++)
		g_hash_table_insert(mine, m->files->pdata[i], GUINT_TO_POINTER(i + 1));
	for (xmlNode *c = old && xmlDocGetRootElement(old) ? xmlDocGetRootElement(old)->children
	                                                   : NULL;
	     c != NULL; c = c->next) {
		xmlChar *f;
		guint at;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		f = xmlGetProp(c, (const xmlChar *)"file");
		at = f ? GPOINTER_TO_UINT(g_hash_table_lookup(mine, f)) : 0;
		xmlFree(f);
		/* The new entry takes the old one's place; what this run did not write stays. */
		if (at > 0) {
			put_entry(m, at - 1, out);
			used[at - 1] = 1;
		} else {
			xmlBufferPtr xb = xmlBufferCreate();
			xmlNodeDump(xb, old, c, 1, 1);
			kb_buf_puts(out, "  ");
			kb_buf_put(out, (const char *)xmlBufferContent(xb),
			           (size_t)xmlBufferLength(xb));
			kb_buf_puts(out, "\n");
			xmlBufferFree(xb);
		}
	}
	/* New documents follow, in the run's order. */
	for (guint i = 0; i < m->files->len; i++)
		if (!used[i])
			put_entry(m, i, out);
	free(used);
	g_hash_table_destroy(mine);
	xmlFreeDoc(old);
}

int
kb_manifest_write(struct kb_manifest *m, const char *dir, int merge)
{
	static const char decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	kb_buf merged = {0};
	const kb_buf *body = &m->lines;
	int rc;

	if (merge) {
		merge_old(m, dir, &merged);
		body = &merged;
	}
	/* Written in pieces: a run of 100,000 documents has megabytes of lines, not to be copied.
	 */
	if (body->len > 0) {
		struct kb_piece p[] = {{decl, sizeof(decl) - 1},
		                       {"<manifest>\n", 11},
		                       {body->data, body->len},
		                       {"</manifest>\n", 12}};
		rc = kb_output_writev(dir, KB_OUT_MANIFEST, p, 4);
	} else {
		struct kb_piece p[] = {{decl, sizeof(decl) - 1}, {"<manifest/>\n", 12}};
		rc = kb_output_writev(dir, KB_OUT_MANIFEST, p, 2);
	}
	kb_buf_free(&merged);
	return rc;
}

void
kb_manifest_free(struct kb_manifest *m)
{
	if (m == NULL)
		return;
	kb_buf_free(&m->lines);
	g_ptr_array_free(m->files, TRUE);
	g_array_free(m->ends, TRUE);
	free(m);
}
