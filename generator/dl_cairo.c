/* dl_cairo.c — draws display lists with cairo into PDF. */
#include "dl_cairo.h"

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

/* Draws one page in points onto cr; shared by every cairo surface. */
static void
draw_page(cairo_t *cr, const struct kb_dl_page *pg)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < pg->nitems; i++) {
		const struct kb_dl_item *it = &pg->items[i];
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
		}
	}
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

int
kb_dl_cairo_pdf(const struct kb_dl *dl, struct kb_buf *out)
{
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
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
	for (size_t p = 0; p < dl->npages; p++) {
		cairo_pdf_surface_set_size(s, dl->pages[p].width, dl->pages[p].height);
		draw_page(cr, &dl->pages[p]);
		cairo_show_page(cr);
	}
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
	draw_page(cr, pg);
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
