/* dl_cairo.c — draws display lists with cairo into PDF. */
#include "dl_cairo.h"

#include <assert.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "dl.h"
#include "util.h"

/* One cairo font face per display-list font id, loaded once per process. */
static cairo_font_face_t **faces;
static size_t nfaces;

static cairo_font_face_t *
face_for(int id)
{
	if ((size_t)id >= nfaces) {
		faces = kb_realloc(faces, (size_t)kb_dl_nfonts * sizeof(*faces));
		memset(faces + nfaces, 0, ((size_t)kb_dl_nfonts - nfaces) * sizeof(*faces));
		nfaces = (size_t)kb_dl_nfonts;
	}
	if (faces[id] == NULL) {
		FcPattern *pat = FcPatternCreate();
		FcPatternAddString(pat, FC_FILE, (const FcChar8 *)kb_dl_fonts[id].file);
		FcPatternAddInteger(pat, FC_INDEX, kb_dl_fonts[id].index);
		FcPatternAddBool(pat, FC_HINTING, FcFalse);
		faces[id] = cairo_ft_font_face_create_for_pattern(pat);
		FcPatternDestroy(pat);
	}
	return faces[id];
}

void
kb_dl_cairo_fini(void)
{
	for (size_t i = 0; i < nfaces; i++)
		if (faces[i] != NULL)
			cairo_font_face_destroy(faces[i]);
	free(faces);
	faces = NULL;
	nfaces = 0;
	/* Drops cairo's font caches, so leak checkers see only real leaks. */
	cairo_debug_reset_static_data();
}

static void
draw_run(cairo_t *cr, const struct kb_dl_item *it)
{
	cairo_glyph_t *gl = kb_calloc((size_t)it->u.run.nglyphs, sizeof(*gl));
	cairo_text_cluster_t *cl = kb_calloc((size_t)it->u.run.nclusters, sizeof(*cl));

	for (int i = 0; i < it->u.run.nglyphs; i++) {
		gl[i].index = it->u.run.glyphs[i].id;
		gl[i].x = it->u.run.glyphs[i].x;
		gl[i].y = it->u.run.glyphs[i].y;
	}
	for (int i = 0; i < it->u.run.nclusters; i++) {
		cl[i].num_bytes = it->u.run.clusters[i].nbytes;
		cl[i].num_glyphs = it->u.run.clusters[i].nglyphs;
	}
	cairo_save(cr);
	if (it->u.run.angle != 0) {
		cairo_translate(cr, it->u.run.ox, it->u.run.oy);
		cairo_rotate(cr, it->u.run.angle);
		cairo_translate(cr, -it->u.run.ox, -it->u.run.oy);
	}
	cairo_set_source_rgb(cr, it->u.run.gray, it->u.run.gray, it->u.run.gray);
	cairo_set_font_face(cr, face_for(it->u.run.font));
	cairo_set_font_size(cr, it->u.run.size);
	cairo_show_text_glyphs(cr, it->u.run.text, (int)it->u.run.textlen, gl, it->u.run.nglyphs,
	                       cl, it->u.run.nclusters, 0);
	cairo_restore(cr);
	free(gl);
	free(cl);
}

/*
 * Structure tags over a whole display list. cairo 1.16 marks content
 * (BDC/EMC with an MCID) only inside an element that holds no other
 * element, and a marked sequence cannot be suspended: what is drawn
 * while such a leaf is open belongs to it. So page furniture, drawn at
 * a page's start and end, would fall into a paragraph or cell that
 * continues over the page break. The content of such a leaf is
 * therefore put into a Span per page (the leaf holds the Spans), and
 * furniture is drawn with no leaf open, which leaves it unmarked: cairo
 * 1.16 cannot write /Artifact marked content.
 */
struct tags {
	unsigned char *wrap; /* per element, in order of TAG_BEGIN: its content goes into Spans */
	int *stack;          /* open elements (-1: an Artifact), innermost last */
	size_t depth, cap;
	int next;     /* the number of the next element */
	int artifact; /* inside an Artifact */
	int span;     /* a Span is open */
};

/*
 * Finds the elements whose content needs Spans: leaves that are open at
 * a page's end or around an Artifact.
 */
static void
tags_plan(struct tags *tg, const struct kb_dl *dl)
{
	unsigned char *parent;
	size_t n = 0, depth = 0;
	int k = 0;

	for (size_t p = 0; p < dl->npages; p++)
		for (size_t i = 0; i < dl->pages[p].nitems; i++)
			n += dl->pages[p].items[i].kind == KB_DL_TAG_BEGIN;
	memset(tg, 0, sizeof(*tg));
	tg->wrap = kb_calloc(n + 1, 1);
	parent = kb_calloc(n + 1, 1);
	kb_grow((void **)&tg->stack, &tg->cap, n + 1, sizeof(*tg->stack));
	for (size_t p = 0; p < dl->npages; p++) {
		const struct kb_dl_page *pg = &dl->pages[p];
		for (size_t i = 0; i < pg->nitems; i++) {
			const struct kb_dl_item *it = &pg->items[i];
			int art = 0;
			if (it->kind == KB_DL_TAG_BEGIN) {
				art = strcmp(it->u.tag.name, KB_DL_ARTIFACT) == 0;
				for (size_t d = 0; d < depth; d++)
					if (tg->stack[d] >= 0 && art)
						tg->wrap[tg->stack[d]] = 1;
				if (depth > 0 && tg->stack[depth - 1] >= 0 && !art)
					parent[tg->stack[depth - 1]] = 1;
				tg->stack[depth++] = art ? -1 : k;
				k++;
			} else if (it->kind == KB_DL_TAG_END) {
				assert(depth > 0);
				depth--;
			}
		}
		for (size_t d = 0; d < depth; d++)
			if (tg->stack[d] >= 0)
				tg->wrap[tg->stack[d]] = 1;
	}
	assert(depth == 0);
	for (size_t e = 0; e < n; e++)
		tg->wrap[e] = tg->wrap[e] && !parent[e];
	free(parent);
}

static void
tags_free(struct tags *tg)
{
	free(tg->wrap);
	free(tg->stack);
}

static void
span_end(cairo_t *cr, struct tags *tg)
{
	if (tg->span)
		cairo_tag_end(cr, "Span");
	tg->span = 0;
}

/* Follows a marker of the display list with cairo's tags (tg NULL: not tagging). */
static void
tag_item(cairo_t *cr, struct tags *tg, const struct kb_dl_item *it)
{
	int art = strcmp(it->u.tag.name, KB_DL_ARTIFACT) == 0;

	if (tg == NULL)
		return;
	span_end(cr, tg);
	if (it->kind == KB_DL_TAG_BEGIN) {
		tg->stack[tg->depth++] = art ? -1 : tg->next;
		tg->next++;
		if (art)
			tg->artifact++;
		else
			cairo_tag_begin(cr, it->u.tag.name, NULL);
	} else {
		assert(tg->depth > 0);
		tg->depth--;
		if (art)
			tg->artifact--;
		else
			cairo_tag_end(cr, it->u.tag.name);
	}
}

/* Before content: opens the Span the innermost element's content goes into. */
static void
content_item(cairo_t *cr, struct tags *tg)
{
	int top;

	if (tg == NULL || tg->artifact || tg->span || tg->depth == 0)
		return;
	top = tg->stack[tg->depth - 1];
	if (top >= 0 && tg->wrap[top]) {
		cairo_tag_begin(cr, "Span", NULL);
		tg->span = 1;
	}
}

/* Draws one page in points onto cr; shared by every cairo surface. tg is NULL but for tagged PDF.
 */
static void
draw_page(cairo_t *cr, const struct kb_dl_page *pg, struct tags *tg)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < pg->nitems; i++) {
		const struct kb_dl_item *it = &pg->items[i];
		if (it->kind == KB_DL_TAG_BEGIN || it->kind == KB_DL_TAG_END) {
			tag_item(cr, tg, it);
			continue;
		}
		content_item(cr, tg);
		switch (it->kind) {
		case KB_DL_GLYPHS:
			draw_run(cr, it);
			break;
		case KB_DL_LINE: {
			static const double dash[] = {2.0, 1.5};
			cairo_save(cr);
			cairo_set_line_width(cr, it->u.line.width);
			if (it->u.line.dash)
				cairo_set_dash(cr, dash, 2, 0);
			cairo_move_to(cr, it->u.line.x0, it->u.line.y0);
			cairo_line_to(cr, it->u.line.x1, it->u.line.y1);
			cairo_stroke(cr);
			cairo_restore(cr);
			break;
		}
		case KB_DL_RECT:
			cairo_save(cr);
			cairo_set_source_rgb(cr, it->u.rect.gray, it->u.rect.gray, it->u.rect.gray);
			cairo_rectangle(cr, it->u.rect.x, it->u.rect.y, it->u.rect.w, it->u.rect.h);
			if (it->u.rect.fill) {
				cairo_fill(cr);
			} else {
				cairo_set_line_width(cr, it->u.rect.width);
				cairo_stroke(cr);
			}
			cairo_restore(cr);
			break;
		case KB_DL_TAG_BEGIN:
		case KB_DL_TAG_END:
			break;
		}
	}
	if (tg != NULL)
		span_end(cr, tg);
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	kb_buf_put(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void
set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *value)
{
	if (value != NULL && *value != '\0')
		cairo_pdf_surface_set_metadata(s, key, value);
}

/* The last occurrence of the string needle in the n bytes at s, or NULL. */
static const char *
last_of(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

/* The integer after key in the text at s (up to end), or -1. */
static long
key_int(const char *s, const char *end, const char *key)
{
	const char *p = last_of(s, (size_t)(end - s), key);

	return p != NULL ? strtol(p + strlen(key), NULL, 10) : -1;
}

/*
 * cairo 1.16 cannot state the document's language (/Lang of the catalog:
 * no metadata key, no tag attribute). It is added by an incremental
 * update (ISO 32000-1, 7.5.6) to the PDF cairo wrote at out->data +
 * start: the catalog again with /Lang, an xref section of that one
 * object, and a trailer whose /Prev is cairo's xref. Returns 0, or -1
 * with nothing appended when cairo's file is not laid out as 1.16 writes
 * it (a classic xref and trailer, the catalog as "<< /Type /Catalog …>>").
 */
static int
add_lang(struct kb_buf *out, size_t start, const char *lang)
{
	const char *pdf = out->data + start;
	const char *trailer = last_of(pdf, out->len - start, "\ntrailer\n");
	const char *sx = last_of(pdf, out->len - start, "\nstartxref\n");
	long root, info, size, prev;
	const char *obj, *dict, *close;
	char *head;
	size_t at = out->len - start;

	if (trailer == NULL || sx == NULL || sx < trailer)
		return -1;
	root = key_int(trailer, sx, "/Root ");
	info = key_int(trailer, sx, "/Info ");
	size = key_int(trailer, sx, "/Size ");
	prev = strtol(sx + 11, NULL, 10);
	if (root <= 0 || size <= root || prev <= 0)
		return -1;
	head = kb_asprintf("\n%ld 0 obj\n<< /Type /Catalog", root);
	obj = last_of(pdf, (size_t)(trailer - pdf), head);
	free(head);
	if (obj == NULL)
		return -1;
	dict = strchr(obj + 1, '\n') + 1;
	close = strstr(dict, "\nendobj\n"); /* the catalog is text: no NUL before its end */
	if (close == NULL || close > trailer)
		return -1;
	{
		kb_buf b = {0};
		kb_buf_printf(&b, "%ld 0 obj\n<< /Lang (%s)", root, lang);
		kb_buf_put(&b, dict + 2, (size_t)(close - dict - 2));
		kb_buf_puts(&b, "\nendobj\n");
		kb_buf_printf(&b, "xref\n%ld 1\n%010zu 00000 n \n", root, at);
		kb_buf_printf(&b, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
		if (info > 0)
			kb_buf_printf(&b, "   /Info %ld 0 R\n", info);
		kb_buf_printf(&b, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", prev,
		              at + (size_t)(strstr(b.data, "xref\n") - b.data));
		kb_buf_put(out, b.data, b.len);
		kb_buf_free(&b);
	}
	return 0;
}

int
kb_dl_cairo_pdf(const struct kb_dl *dl, struct kb_buf *out)
{
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
	struct tags tg;
	size_t start = out->len;
	double w = dl->npages ? dl->pages[0].width : 595.276;
	double h = dl->npages ? dl->pages[0].height : 841.89;

	s = cairo_pdf_surface_create_for_stream(to_buf, out, w, h);
	set_meta(s, CAIRO_PDF_METADATA_TITLE, dl->meta.title);
	set_meta(s, CAIRO_PDF_METADATA_AUTHOR, dl->meta.author);
	set_meta(s, CAIRO_PDF_METADATA_SUBJECT, dl->meta.subject);
	set_meta(s, CAIRO_PDF_METADATA_KEYWORDS, dl->meta.keywords);
	set_meta(s, CAIRO_PDF_METADATA_CREATOR, dl->meta.creator);
	{
		/* Dates come from the document, else SOURCE_DATE_EPOCH, never from the clock
		 * (cairo would stamp the current time). */
		char stamp[40];
		const char *date = dl->meta.create_date;
		if (date == NULL || *date == '\0') {
			const char *e = getenv("SOURCE_DATE_EPOCH");
			time_t t = e != NULL && *e != '\0' ? (time_t)strtoll(e, NULL, 10) : 0;
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
			date = stamp;
		}
		set_meta(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
		set_meta(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
	cr = cairo_create(s);
	/* Tagged PDF: the layout's structure under one Document element. */
	tags_plan(&tg, dl);
	for (size_t p = 0; p < dl->npages; p++) {
		cairo_pdf_surface_set_size(s, dl->pages[p].width, dl->pages[p].height);
		/* After the first page's size: cairo 1.16 loses a tag begun before it. */
		if (p == 0)
			cairo_tag_begin(cr, "Document", NULL);
		draw_page(cr, &dl->pages[p], &tg);
		cairo_show_page(cr);
	}
	if (dl->npages > 0)
		cairo_tag_end(cr, "Document");
	tags_free(&tg);
	/* Bookmarks: one level, each linking to its heading. */
	for (size_t i = 0; i < dl->noutline; i++) {
		char *link = kb_asprintf("page=%zu pos=[%.2f %.2f]", dl->outline[i].page + 1,
		                         dl->outline[i].x, dl->outline[i].y);
		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, dl->outline[i].title, link,
		                              0);
		free(link);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		kb_diagc(KB_D_CAIRO, NULL, "cairo cannot write the PDF: %s",
		         cairo_status_to_string(st));
		return -1;
	}
	if (dl->meta.lang != NULL && add_lang(out, start, dl->meta.lang) != 0) {
		kb_diagc(KB_D_CAIRO, NULL, "cannot add /Lang to the PDF cairo wrote");
		return -1;
	}
	return 0;
}

int
kb_dl_cairo_png(const struct kb_dl *dl, size_t page, double dpi, struct kb_buf *out)
{
	const struct kb_dl_page *pg = &dl->pages[page];
	double scale = dpi / 72.0;
	int w = (int)ceil(pg->width * scale), h = (int)ceil(pg->height * scale);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	draw_page(cr, pg, NULL);
	cairo_destroy(cr);
	st = cairo_surface_write_to_png_stream(s, to_buf, out);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		kb_diagc(KB_D_CAIRO, NULL, "cairo cannot write the PNG: %s",
		         cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
