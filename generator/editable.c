/* editable.c — what the .docx and .odt writers share: the frame and geometry they read from
 * the document tree, and a zip package whose bytes depend only on its parts. */
#include "editable.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "diag.h"
#include "layout.h"
#include "tree.h"
#include "util.h"

void
kb_ed_frame_init(struct kb_ed_frame *f, const struct kb_node *doc, const char *fallback,
                 const char *dflt)
{
	const struct kb_node *pg;
	char *semi;

	memset(f, 0, sizeof(*f));
	for (const struct kb_node *c = doc->child; c != NULL; c = c->next)
		switch (c->kind) {
		case KB_NODE_PAGE:
			f->page = c;
			break;
		case KB_NODE_HEADER:
			f->header = c;
			break;
		case KB_NODE_FOOTER:
			f->footer = c;
			break;
		case KB_NODE_MARK:
			f->mark = c;
			break;
		case KB_NODE_WATERMARK:
			f->watermark = c;
			break;
		default:
			break;
		}
	pg = f->page;
	f->landscape = pg && (pg->u.page.flags & KB_PAGE_LANDSCAPE);
	f->vertical = pg && (pg->u.page.flags & KB_PAGE_VERTICAL);
	f->mt = pg ? pg->u.page.margin_top : 30;
	f->mb = pg ? pg->u.page.margin_bottom : 25;
	f->ml = pg ? pg->u.page.margin_left : 30;
	f->mr = pg ? pg->u.page.margin_right : 20;
	f->body = pg ? pg->u.page.body_size : 10.5;
	f->spacing = pg ? pg->u.page.line_spacing : 1.75;
	f->pagew = f->landscape ? 297 : 210;
	f->pageh = f->landscape ? 210 : 297;
	/* The measure runs across the page, or down it for vertical writing. */
	f->textw = f->vertical ? f->pageh - f->mt - f->mb : f->pagew - f->ml - f->mr;
	f->mfb = kb_strdup(fallback && *fallback ? fallback : dflt);
	semi = strchr(f->mfb, ';');
	if (semi != NULL) {
		*semi = '\0';
		f->gfb = kb_strdup(semi + 1);
	} else
		f->gfb = kb_strdup(f->mfb);
}

void
kb_ed_frame_fini(struct kb_ed_frame *f)
{
	free(f->mfb), free(f->gfb);
	f->mfb = f->gfb = NULL;
}

int
kb_ed_is_inline(const struct kb_node *n)
{
	enum kb_node_kind k = n->kind;

	return k == KB_NODE_TEXT || k == KB_NODE_EM || k == KB_NODE_NOBR || k == KB_NODE_BR ||
	       k == KB_NODE_PAGE_NUMBER || k == KB_NODE_PAGE_COUNT;
}

void
kb_ed_plain_text(const struct kb_node *n, struct kb_buf *out)
{
	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		if (c->kind == KB_NODE_TEXT)
			kb_buf_puts(out, c->u.text.text);
		else
			kb_ed_plain_text(c, out);
}

double
kb_ed_label_em(const char *s)
{
	return s ? kb_display_width(s) / 2.0 : 0;
}

void
kb_ed_items_tabs(const struct kb_node *items, struct kb_ed_items *it)
{
	double labelw = 0, numw = 0;
	int count = 0;

	it->autonum = (items->u.items.flags & KB_ITEMS_ARABIC) != 0;
	for (const struct kb_node *c = items->child; c != NULL; c = c->next) {
		count++;
		/* Characters, as layout.c counts them. */
		if (c->u.item.label != NULL)
			labelw = fmax(labelw, (double)g_utf8_strlen(c->u.item.label, -1));
		if (c->u.item.num != NULL)
			numw = fmax(numw, (double)g_utf8_strlen(c->u.item.num, -1));
	}
	if (it->autonum && numw < 1)
		numw = count >= 10 ? 2 : 1;
	numw = numw > 0 ? ceil(numw / 2) : 0;
	it->has_num = numw > 0;
	it->has_label = labelw > 0;
	it->t1 = 1 + (numw > 0 ? numw + 1 : 0);
	it->t2 = it->t1 + (labelw > 0 ? labelw + 2 : 0);
}

double
kb_ed_list_label_em(const struct kb_node *list)
{
	double lw = 0;
	int k = list->u.list.start;

	for (const struct kb_node *c = list->child; c != NULL; c = c->next) {
		char *lab = kb_list_label(list->u.list.style, k++);
		lw = fmax(lw, ceil(kb_ed_label_em(lab)));
		free(lab);
	}
	return lw;
}

int
kb_ed_col_widths(const struct kb_node *table, double textw, const struct kb_node **cols, double *mm,
                 int max)
{
	double fixed = 0, shares = 0;
	int n = 0;

	for (const struct kb_node *c = table->child; c != NULL && n < max; c = c->next)
		if (c->kind == KB_NODE_COL) {
			cols[n++] = c;
			fixed += c->u.col.mm;
			shares += c->u.col.share;
		}
	for (int i = 0; i < n; i++)
		mm[i] = cols[i]->u.col.mm > 0 ? cols[i]->u.col.mm
		                              : fmax(0, textw - fixed) * cols[i]->u.col.share /
		                                    (shares > 0 ? shares : 1);
	return n;
}

double
kb_ed_form_label_mm(const struct kb_node *form, double size)
{
	double lw = 0;

	if (form->u.form.label_width >= 0)
		return form->u.form.label_width;
	for (const struct kb_node *r = form->child; r != NULL; r = r->next)
		lw = fmax(lw, (kb_ed_label_em(r->u.row.label) * size + 12) * KB_ED_PT_MM);
	return lw;
}

/* ---- the package ---------------------------------------------------------------- */

int
kb_ed_zip_open(struct kb_ed_zip *z, const char *what)
{
	zip_error_t err;

	z->what = what;
	zip_error_init(&err);
	z->mem = zip_source_buffer_create(NULL, 0, 0, &err);
	z->za = z->mem ? zip_open_from_source(z->mem, ZIP_TRUNCATE, &err) : NULL;
	if (z->za == NULL) {
		kb_diagc(KB_D_OUTPUT, NULL, "cannot make a %s package: %s", what,
		         zip_error_strerror(&err));
		zip_source_free(z->mem);
		z->mem = NULL;
		zip_error_fini(&err);
		return -1;
	}
	zip_error_fini(&err);
	zip_source_keep(z->mem);
	return 0;
}

int
kb_ed_zip_add(struct kb_ed_zip *z, const char *name, char *text, int stored)
{
	zip_source_t *src = zip_source_buffer(z->za, text, strlen(text), 1);
	zip_int64_t i;

	if (src == NULL) {
		free(text);
		return -1;
	}
	i = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		return -1;
	}
	/* DOS date 1980-01-01 (day 1, month 1, year 0), 00:00:00: no clock, no time zone. */
	if (zip_file_set_dostime(z->za, (zip_uint64_t)i, 0, (1 << 5) | 1, 0) != 0 ||
	    zip_set_file_compression(z->za, (zip_uint64_t)i, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
	                             stored ? 0 : 9) != 0 ||
	    zip_file_set_external_attributes(z->za, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX,
	                                     (zip_uint32_t)0100644 << 16) != 0)
		return -1;
	return 0;
}

int
kb_ed_zip_close(struct kb_ed_zip *z, int fail, struct kb_buf *out)
{
	zip_stat_t st;
	char buf[8192];
	zip_int64_t n;

	if (fail || zip_close(z->za) != 0) {
		kb_diagc(KB_D_OUTPUT, NULL, "cannot make a %s package: %s", z->what,
		         zip_strerror(z->za));
		zip_discard(z->za);
		zip_source_free(z->mem);
		return -1;
	}
	if (zip_source_stat(z->mem, &st) != 0 || zip_source_open(z->mem) != 0) {
		kb_diagc(KB_D_OUTPUT, NULL, "cannot read the %s package back", z->what);
		zip_source_free(z->mem);
		return -1;
	}
	while ((n = zip_source_read(z->mem, buf, sizeof(buf))) > 0)
		kb_buf_put(out, buf, (size_t)n);
	zip_source_close(z->mem);
	zip_source_free(z->mem);
	return n < 0 ? -1 : 0;
}

char *
kb_ed_copy_name(const char *rel, const char *ext)
{
	size_t n = strlen(rel);

	if (n > 4 && strcmp(rel + n - 4, ".pdf") == 0)
		n -= 4;
	return kb_asprintf("%.*s.%s", (int)n, rel, ext);
}
