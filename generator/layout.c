/* layout.c — pango layout of the document vocabulary (docs/vocabulary.md) into pages of glyph runs and rules. */
#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <libxml/tree.h>
#include <math.h>
#include <pango/pangofc-font.h>
#include <pango/pangoft2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dl.h"
#include "fonts.h"
#include "kinsoku.h"
#include "util.h"

#define MM(v) ((v) * 72.0 / 25.4)
#define PU(v) ((int)lround((v) * PANGO_SCALE)) /* points to pango units */
#define PT(v) ((double)(v) / PANGO_SCALE)      /* pango units to points */

/* Memo of a pango font: the display-list font id and its em size. */
struct fontmemo {
	PangoFont *font; /* referenced */
	int id;
	double size;
};

struct kb_layout {
	PangoContext *ctx;  /* horizontal writing */
	PangoContext *vctx; /* vertical writing: gravity east, upright glyphs */
	struct fontmemo *fonts;
	size_t nfonts, capfonts;
};

/* Paragraph style: the attributes of <p> and friends, resolved. */
struct style {
	PangoAlignment align;
	int justify;
	int justify_last; /* 均等割り: stretch even the last line */
	double indent;    /* first-line indent, in 字 (em of size) */
	double left;      /* left indent of every line, in 字 */
	double right;     /* right indent, in 字 */
	double hanging;   /* lines after the first start this much further in, in 字 */
	const char *family;
	double size; /* points */
};

/*
 * The state of one document being laid out. Positions are in a "flow
 * frame": for horizontal writing it is the page; for vertical writing it
 * is the page turned a quarter (flow x runs down the page, flow y runs
 * from the right edge leftwards), so the same code sets both.
 */
struct flow {
	struct kb_layout *lo;
	struct kb_dl *dl;
	struct kb_dl_page *page;
	const char *name;        /* template name for diagnostics */
	double pw, ph;           /* physical page size */
	double fw, fh;           /* page size in the flow frame */
	double ml, mr, mt, mb;   /* margins in the flow frame */
	double y;                /* flow y of the next line's box */
	double body;             /* body size in points */
	double spacing;          /* baseline pitch as a multiple of the size */
	int vertical;            /* 縦書き */
	int very_strict;         /* JLReq kinsoku level */
	const xmlNode *header, *footer, *mark, *watermark;
	double last_x, last_y, last_h, last_em; /* the last line emitted: end, box top, box height, em */
	int err;
};

struct kb_layout *
kb_layout_new(void)
{
	struct kb_layout *lo = kb_calloc(1, sizeof(*lo));
	PangoContext *cs[2];

	lo->ctx = pango_font_map_create_context(kb_fonts_map());
	lo->vctx = pango_font_map_create_context(kb_fonts_map());
	cs[0] = lo->ctx;
	cs[1] = lo->vctx;
	for (int i = 0; i < 2; i++) {
		pango_context_set_language(cs[i], pango_language_from_string("ja"));
		pango_context_set_base_dir(cs[i], PANGO_DIRECTION_LTR);
		/* With rounding on, 10.5 pt characters sit on an 11 pt pitch. */
		pango_context_set_round_glyph_positions(cs[i], FALSE);
	}
	/* Vertical: pango and HarfBuzz pick the vertical forms (「」ー… 、。). */
	pango_context_set_base_gravity(lo->vctx, PANGO_GRAVITY_EAST);
	pango_context_set_gravity_hint(lo->vctx, PANGO_GRAVITY_HINT_STRONG);
	return lo;
}

void
kb_layout_free(struct kb_layout *lo)
{
	if (lo == NULL)
		return;
	for (size_t i = 0; i < lo->nfonts; i++)
		g_object_unref(lo->fonts[i].font);
	free(lo->fonts);
	g_object_unref(lo->ctx);
	g_object_unref(lo->vctx);
	free(lo);
}

/* Returns the memo of font, resolving its file on first sight. */
static const struct fontmemo *
font_memo(struct kb_layout *lo, PangoFont *font)
{
	struct fontmemo *m;
	PangoFontDescription *desc;
	FcPattern *pat;
	FcChar8 *file = NULL, *family = NULL;
	int index = 0;

	for (size_t i = 0; i < lo->nfonts; i++)
		if (lo->fonts[i].font == font)
			return &lo->fonts[i];
	kb_grow((void **)&lo->fonts, &lo->capfonts, lo->nfonts + 1, sizeof(*lo->fonts));
	m = &lo->fonts[lo->nfonts++];
	m->font = g_object_ref(font);
	pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
	FcPatternGetString(pat, FC_FILE, 0, &file);
	FcPatternGetString(pat, FC_FAMILY, 0, &family);
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	m->id = kb_dl_font_id(file ? (const char *)file : "", index,
	                      family ? (const char *)family : "");
	desc = pango_font_describe(font);
	m->size = PT(pango_font_description_get_size(desc));
	pango_font_description_free(desc);
	return m;
}

/* ---- the page and the flow frame ------------------------------------------ */

static void
new_page(struct flow *f)
{
	f->page = kb_dl_add_page(f->dl, f->pw, f->ph);
	f->y = f->mt;
}

static double
bottom(const struct flow *f)
{
	return f->fh - f->mb;
}

static double
measure(const struct flow *f)
{
	return f->fw - f->ml - f->mr;
}

/* The baseline pitch of body text. */
static double
pitch(const struct flow *f)
{
	return f->body * f->spacing;
}

/* Flow frame to page: identity for horizontal writing, a quarter turn for vertical. */
static void
to_page(const struct flow *f, double x, double y, double *px, double *py)
{
	if (f->vertical) {
		*px = f->pw - y;
		*py = x;
	} else {
		*px = x;
		*py = y;
	}
}

static void
add_rect(struct flow *f, double x, double y, double w, double h, double width, double gray,
         int fill)
{
	struct kb_dl_item *it = kb_dl_add(f->page, KB_DL_RECT);
	double px, py;

	if (f->vertical) {
		to_page(f, x, y + h, &px, &py);
		it->u.rect.x = px, it->u.rect.y = py, it->u.rect.w = h, it->u.rect.h = w;
	} else {
		it->u.rect.x = x, it->u.rect.y = y, it->u.rect.w = w, it->u.rect.h = h;
	}
	it->u.rect.width = width;
	it->u.rect.gray = gray;
	it->u.rect.fill = fill;
}

static void
add_line(struct flow *f, double x0, double y0, double x1, double y1, double width, int dash)
{
	struct kb_dl_item *it = kb_dl_add(f->page, KB_DL_LINE);

	to_page(f, x0, y0, &it->u.line.x0, &it->u.line.y0);
	to_page(f, x1, y1, &it->u.line.x1, &it->u.line.y1);
	it->u.line.width = width;
	it->u.line.dash = dash;
}

static void
template_bug(struct flow *f, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
template_bug(struct flow *f, const xmlNode *n, const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kb_diagc(KB_D_LAYOUT, &(struct kb_loc){f->name, n ? xmlGetLineNo(n) : 0, NULL},
	         "%s (template bug)", b.data);
	kb_buf_free(&b);
	f->err = 1;
}

/* ---- text from the tree --------------------------------------------------- */

static int
is_name(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int
attr_is(const xmlNode *n, const char *name, const char *value)
{
	char *s = attr(n, name);
	int r = s != NULL && strcmp(s, value) == 0;

	xmlFree(s);
	return r;
}

/* Reads a numeric attribute ("12", "12.5", "12mm"), or def when absent; a bad number is a template bug. */
static double
num_attr(struct flow *f, const xmlNode *n, const char *name, double def)
{
	char *s = attr(n, name), *end;
	double v = def;

	if (s != NULL) {
		v = strtod(s, &end);
		if (end != s && strcmp(end, "mm") == 0)
			end += 2;
		if (end == s || *end != '\0' || !isfinite(v)) {
			template_bug(f, n, "<%s %s=\"%s\">: not a number", n->name, name, s);
			v = def;
		}
		xmlFree(s);
	}
	return v;
}

/*
 * Appends the text of a text node: whitespace runs that contain a line
 * break are template indentation and vanish (Japanese has no spaces
 * between words); other characters are kept as they are.
 */
static void
put_text(kb_buf *b, const char *s)
{
	while (*s != '\0') {
		size_t n = strspn(s, " \t\r\n");
		if (n > 0) {
			if (memchr(s, '\n', n) == NULL)
				kb_buf_put(b, s, n);
			s += n;
			continue;
		}
		n = strcspn(s, " \t\r\n");
		kb_buf_put(b, s, n);
		s += n;
	}
}

/*
 * Page numbers for <page-number/> and <page-count/>: in the body the page
 * being filled and the count of a first pass; in header and footer the
 * page they are drawn on.
 */
static int cur_page, cur_pages, count_used;

/*
 * Collects the inline content of n into b with pango attributes: <em> →
 * ゴシック, <nobr> → no line break inside, <br/> → a line break.
 */
static void
collect_inline(struct flow *f, const xmlNode *n, kb_buf *b, PangoAttrList *attrs)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			put_text(b, (const char *)c->content);
		} else if (is_name(c, "em") || is_name(c, "nobr")) {
			size_t start = b->len;
			PangoAttribute *a;
			collect_inline(f, c, b, attrs);
			a = is_name(c, "em") ? pango_attr_family_new(KB_FONT_GOTHIC)
			                     : pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)start;
			a->end_index = (guint)b->len;
			pango_attr_list_insert(attrs, a);
		} else if (is_name(c, "br")) {
			kb_buf_puts(b, "\n");
		} else if (is_name(c, "page-number")) {
			kb_buf_printf(b, "%d", cur_page ? cur_page : (int)f->dl->npages);
		} else if (is_name(c, "page-count")) {
			kb_buf_printf(b, "%d", cur_pages);
			count_used = 1;
		} else if (c->type == XML_ELEMENT_NODE) {
			template_bug(f, c, "<%s> is not allowed inside <%s>", c->name, n->name);
		}
	}
}

/* ---- layouts and their lines ------------------------------------------------ */

static PangoLayout *
make_layout(struct flow *f, const char *text, PangoAttrList *attrs, const struct style *st,
            double width)
{
	PangoLayout *l = pango_layout_new(f->vertical ? f->lo->vctx : f->lo->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	PangoAttrList *all = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();

	pango_font_description_set_family_static(fd, st->family);
	pango_font_description_set_size(fd, PU(st->size));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, width > 0 ? PU(width) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, st->align);
	pango_layout_set_justify(l, st->justify);
	pango_layout_set_justify_last_line(l, st->justify_last);
	/* A hanging paragraph: the first line sticks out by `hanging`. */
	pango_layout_set_indent(l, PU((st->indent - st->hanging) * st->size));
	/* Leading between lines; the line boxes get half of it above and below,
	 * so every line box is size × spacing. */
	pango_layout_set_spacing(l, PU(st->size * (f->spacing - 1)));
	pango_layout_set_text(l, text, -1);
	kb_kinsoku_attrs(text, all, f->very_strict);
	pango_layout_set_attributes(l, all);
	pango_attr_list_unref(all);
	return l;
}

/* The measured lines of a layout, in layout coordinates (points). */
struct lines {
	PangoLayout *l; /* referenced */
	int n;
	double *x;    /* logical left of each line */
	double *top;  /* logical top */
	double *bot;  /* logical bottom */
	double *base; /* baseline */
	double half;  /* half the leading: the box of line i is [top - half, bot + half] */
	double width; /* widest line */
};

static struct lines *
lines_of(PangoLayout *l)
{
	struct lines *ls = kb_calloc(1, sizeof(*ls));
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int i = 0;

	ls->l = g_object_ref(l);
	ls->n = pango_layout_get_line_count(l);
	ls->x = kb_calloc((size_t)ls->n, sizeof(double));
	ls->top = kb_calloc((size_t)ls->n, sizeof(double));
	ls->bot = kb_calloc((size_t)ls->n, sizeof(double));
	ls->base = kb_calloc((size_t)ls->n, sizeof(double));
	ls->half = PT(pango_layout_get_spacing(l)) / 2;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		ls->x[i] = PT(r.x);
		ls->top[i] = PT(r.y);
		ls->bot[i] = PT(r.y + r.height);
		ls->base[i] = PT(pango_layout_iter_get_baseline(it));
		if (PT(r.x + r.width) > ls->width)
			ls->width = PT(r.x + r.width);
		i++;
	} while (i < ls->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return ls;
}

static void
lines_free(struct lines *ls)
{
	if (ls == NULL)
		return;
	g_object_unref(ls->l);
	free(ls->x), free(ls->top), free(ls->bot), free(ls->base);
	free(ls);
}

/* The height of line i's box. */
static double
box(const struct lines *ls, int i)
{
	return ls->bot[i] - ls->top[i] + 2 * ls->half;
}

/* Total height of lines [from, to). */
static double
boxes(const struct lines *ls, int from, int to)
{
	double h = 0;

	for (int i = from; i < to; i++)
		h += box(ls, i);
	return h;
}

/* Turns one pango run into a display-list glyph run with its cluster map. */
static void
emit_run(struct flow *f, PangoLayout *l, PangoLayoutRun *run, double x, double baseline)
{
	PangoItem *item = run->item;
	PangoGlyphString *gs = run->glyphs;
	const char *text = pango_layout_get_text(l) + item->offset;
	const struct fontmemo *fm = font_memo(f->lo, item->analysis.font);
	struct kb_dl_item *it;
	double pen = x;
	int ng = 0, nc = 0;

	if (gs->num_glyphs == 0)
		return;
	it = kb_dl_add(f->page, KB_DL_GLYPHS);
	it->u.run.font = fm->id;
	it->u.run.size = fm->size;
	it->u.run.flags = f->vertical ? KB_DL_VERTICAL : 0;
	it->u.run.text = kb_strndup(text, (size_t)item->length);
	it->u.run.textlen = (size_t)item->length;
	it->u.run.glyphs = kb_calloc((size_t)gs->num_glyphs, sizeof(struct kb_dl_glyph));
	it->u.run.clusters = kb_calloc((size_t)gs->num_glyphs, sizeof(struct kb_dl_cluster));
	for (int i = 0; i < gs->num_glyphs; i++) {
		PangoGlyphInfo *g = &gs->glyphs[i];
		int start = gs->log_clusters[i];

		if (i == 0 || start != gs->log_clusters[i - 1]) {
			/* A new cluster: its bytes run to the next cluster's start. */
			int end = item->length;
			for (int j = i + 1; j < gs->num_glyphs; j++)
				if (gs->log_clusters[j] != start) {
					end = gs->log_clusters[j];
					break;
				}
			it->u.run.clusters[nc].nbytes = end - start;
			it->u.run.clusters[nc].nglyphs = 0;
			nc++;
		}
		if (g->glyph != PANGO_GLYPH_EMPTY) {
			struct kb_dl_glyph *dg = &it->u.run.glyphs[ng++];
			dg->id = (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : g->glyph;
			/* In vertical writing pango's offsets already place the upright
			 * glyph in its cell of the turned frame. */
			to_page(f, pen + PT(g->geometry.x_offset), baseline + PT(g->geometry.y_offset),
			        &dg->x, &dg->y);
			it->u.run.clusters[nc - 1].nglyphs++;
		}
		pen += PT(g->geometry.width);
	}
	it->u.run.nglyphs = ng;
	it->u.run.nclusters = nc;
}

/* Emits line i of ls with its box's top at flow y ytop and the layout's left edge at x. */
static void
emit_line(struct flow *f, const struct lines *ls, int i, double x, double ytop)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(ls->l, i);
	double baseline = ytop + ls->half + (ls->base[i] - ls->top[i]);
	double rx = x + ls->x[i];

	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoLayoutRun *run = r->data;
		emit_run(f, ls->l, run, rx, baseline);
		rx += PT(pango_glyph_string_get_width(run->glyphs));
	}
	/* Remembered for a seal that overlaps the last character of a name. */
	f->last_x = rx;
	f->last_y = ytop;
	f->last_h = box(ls, i);
	f->last_em = ls->bot[i] - ls->top[i];
}

/* Places all lines of ls at x, flowing onto new pages line by line. */
static void
flow_lines(struct flow *f, const struct lines *ls, double x)
{
	for (int i = 0; i < ls->n; i++) {
		if (f->y + box(ls, i) > bottom(f) + 0.01 && f->y > f->mt + 0.01)
			new_page(f);
		emit_line(f, ls, i, x, f->y);
		f->y += box(ls, i);
	}
}

/* Places all lines of ls at x together, moving to a new page first when they do not fit. */
static void
keep_lines(struct flow *f, const struct lines *ls, double x)
{
	if (f->y + boxes(ls, 0, ls->n) > bottom(f) + 0.01 && f->y > f->mt + 0.01)
		new_page(f);
	for (int i = 0; i < ls->n; i++) {
		emit_line(f, ls, i, x, f->y);
		f->y += box(ls, i);
	}
}

/* ---- paragraphs ----------------------------------------------------------- */

/* Default paragraph style at the body size. */
static struct style
body_style(const struct flow *f)
{
	struct style st = {PANGO_ALIGN_LEFT, 0, 0, 0, 0, 0, 0, KB_FONT_MINCHO, f->body};
	return st;
}

/* Reads the style attributes of a <p>-like element over st. */
static void
read_style(struct flow *f, const xmlNode *n, struct style *st)
{
	char *s;

	if ((s = attr(n, "align")) != NULL) {
		if (strcmp(s, "left") == 0 || strcmp(s, "top") == 0)
			st->align = PANGO_ALIGN_LEFT, st->justify = 0;
		else if (strcmp(s, "right") == 0 || strcmp(s, "bottom") == 0)
			st->align = PANGO_ALIGN_RIGHT, st->justify = 0;
		else if (strcmp(s, "center") == 0)
			st->align = PANGO_ALIGN_CENTER, st->justify = 0;
		else if (strcmp(s, "justify") == 0)
			st->align = PANGO_ALIGN_LEFT, st->justify = 1;
		else
			template_bug(f, n, "<%s align=\"%s\">: expected left, right, center or justify",
			             n->name, s);
		xmlFree(s);
	}
	if ((s = attr(n, "font")) != NULL) {
		st->family = strcmp(s, "gothic") == 0 ? KB_FONT_GOTHIC : KB_FONT_MINCHO;
		xmlFree(s);
	}
	st->size = num_attr(f, n, "size", st->size);
	st->indent = num_attr(f, n, "indent", st->indent);
	st->left = num_attr(f, n, "left-indent", st->left);
	st->right = num_attr(f, n, "right-indent", st->right);
	st->hanging = num_attr(f, n, "hanging", st->hanging);
}

/* Lays out the inline content of n in style st into lines; the caller frees them. */
static struct lines *
inline_lines(struct flow *f, const xmlNode *n, const struct style *st, double width)
{
	kb_buf text = {0};
	PangoAttrList *attrs = pango_attr_list_new();
	PangoLayout *l;
	struct lines *ls;

	collect_inline(f, n, &text, attrs);
	l = make_layout(f, text.data ? text.data : "", attrs, st, width);
	ls = lines_of(l);
	g_object_unref(l);
	pango_attr_list_unref(attrs);
	kb_buf_free(&text);
	return ls;
}

static struct lines *
text_lines(struct flow *f, const char *text, const struct style *st, double width)
{
	PangoLayout *l = make_layout(f, text, NULL, st, width);
	struct lines *ls = lines_of(l);

	g_object_unref(l);
	return ls;
}

/*
 * How much of the block after n must share its page for n (a heading, or
 * a paragraph with keep-with-next) not to be left alone: a figure whole,
 * a table's header and first row, otherwise two lines.
 */
static double
next_need(struct flow *f, const xmlNode *n)
{
	const xmlNode *next = n ? xmlNextElementSibling((xmlNode *)n) : NULL;

	if (is_name(next, "figure"))
		return MM(num_attr(f, next, "height", 50)) + 2 * pitch(f);
	if (is_name(next, "table") || is_name(next, "form"))
		return 3.5 * pitch(f);
	return 2 * pitch(f);
}

/* Makes sure at least need points fit below the current position, starting a page if not. */
static void
need_space(struct flow *f, double need)
{
	if (f->y + need > bottom(f) + 0.01 && f->y > f->mt + 0.01)
		new_page(f);
}

/* Lays out the inline content of n as one paragraph in style st (attributes of n apply over it). */
static void
paragraph(struct flow *f, const xmlNode *n, struct style st)
{
	struct lines *ls;
	double em;

	read_style(f, n, &st);
	em = st.size;
	f->y += num_attr(f, n, "space-before", 0) * pitch(f);
	ls = inline_lines(f, n, &st, measure(f) - (st.left + st.hanging + st.right) * em);
	/* Keep with the next block: this and two lines of what follows. */
	if (attr_is(n, "keep-with-next", "true"))
		need_space(f, boxes(ls, 0, ls->n) + next_need(f, n));
	flow_lines(f, ls, f->ml + (st.left + st.hanging) * em);
	f->y += num_attr(f, n, "space-after", 0) * pitch(f);
	lines_free(ls);
}

/* A paragraph in an already resolved style (no attributes of n are read). */
static void
column_paragraph(struct flow *f, const xmlNode *n, struct style st)
{
	struct lines *ls = inline_lines(f, n, &st, measure(f) - (st.left + st.right) * st.size);

	flow_lines(f, ls, f->ml + st.left * st.size);
	lines_free(ls);
}

/* ---- blocks ----------------------------------------------------------------- */

static void
do_p(struct flow *f, const xmlNode *n)
{
	paragraph(f, n, body_style(f));
}

static void
do_title(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);

	st.align = PANGO_ALIGN_CENTER;
	st.family = KB_FONT_GOTHIC;
	st.size = f->body * 12.0 / 10.5;
	/* Long titles wrap with a 2字 inset on both sides. */
	st.left = st.right = 2;
	f->y += pitch(f);
	paragraph(f, n, st);
	f->y += pitch(f);
}

/* 見出し: ゴシック, kept with what follows. */
static void
do_heading(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	struct lines *ls;
	int level = (int)num_attr(f, n, "level", 1);

	st.family = KB_FONT_GOTHIC;
	if (level <= 1)
		f->y += pitch(f) * 0.5;
	read_style(f, n, &st);
	ls = inline_lines(f, n, &st, measure(f) - (st.left + st.right) * st.size);
	need_space(f, boxes(ls, 0, ls->n) + next_need(f, n));
	/* A level-1 heading is a bookmark of the PDF. */
	if (level <= 1 && !f->vertical) {
		kb_buf t = {0};
		PangoAttrList *tmp = pango_attr_list_new();
		collect_inline(f, n, &t, tmp);
		kb_dl_add_outline(f->dl, t.data ? t.data : "", f->dl->npages - 1, f->ml, f->y);
		pango_attr_list_unref(tmp);
		kb_buf_free(&t);
	}
	flow_lines(f, ls, f->ml + st.left * st.size);
	lines_free(ls);
}

static void
do_space(struct flow *f, const xmlNode *n)
{
	f->y += num_attr(f, n, "lines", 1) * pitch(f);
	if (f->y > bottom(f))
		new_page(f);
}

static void
do_page_break(struct flow *f, const xmlNode *n)
{
	(void)n;
	if (f->y > f->mt + 0.01)
		new_page(f);
}

/* One line of fixed text, aligned, right inset in 字. */
static void
fixed_line(struct flow *f, const char *text, PangoAlignment align, double right)
{
	struct style st = body_style(f);
	struct lines *ls;

	st.align = align;
	ls = text_lines(f, text, &st, measure(f) - right * st.size);
	keep_lines(f, ls, f->ml);
	lines_free(ls);
}

/* 記: centred on its own line with a blank line before and after. */
static void
do_ki(struct flow *f, const xmlNode *n)
{
	(void)n;
	f->y += pitch(f);
	need_space(f, 3 * pitch(f));
	fixed_line(f, "記", PANGO_ALIGN_CENTER, 0);
	f->y += pitch(f);
}

/* 以上: right-aligned one 字 from the margin, after a blank line. */
static void
do_ijo(struct flow *f, const xmlNode *n)
{
	(void)n;
	f->y += pitch(f);
	fixed_line(f, "以上", PANGO_ALIGN_RIGHT, 1);
}

/* Counts the characters (code points) of a UTF-8 string. */
static long
chars(const char *s)
{
	return (long)g_utf8_strlen(s, -1);
}

/*
 * A labelled row: an optional number and label, each in its own column,
 * and the content wrapping in the rest of the measure. The columns share
 * the first baseline; the row moves to a new page whole unless it is
 * taller than the remaining space, in which case the content flows on.
 */
static void
label_row(struct flow *f, double x, const char *num, double numw, const char *label,
          double labelw, double gap, const xmlNode *content, const struct style *st)
{
	struct lines *ln = NULL, *ll = NULL, *lv;
	struct style ls = *st;
	double em = st->size, vx, top, h;

	if (num != NULL)
		ln = text_lines(f, num, st, numw * em + 1);
	if (label != NULL) {
		/* 均等割り: a label shorter than its column is spread over it. */
		ls.justify = ls.justify_last = chars(label) > 1;
		ll = text_lines(f, label, &ls, labelw * em);
	}
	vx = x + (numw > 0 ? numw + 1 : 0) * em + (labelw > 0 ? labelw + gap : 0) * em;
	lv = inline_lines(f, content, st, f->ml + measure(f) - vx);
	h = lv->n > 0 ? boxes(lv, 0, lv->n) : box(ll ? ll : ln, 0);
	if (h <= bottom(f) - f->mt)
		need_space(f, h);
	else
		need_space(f, lv->n > 0 ? box(lv, 0) : h);
	top = f->y;
	if (ln != NULL)
		emit_line(f, ln, 0, x, top);
	if (ll != NULL)
		emit_line(f, ll, 0, x + (numw > 0 ? numw + 1 : 0) * em, top);
	if (lv->n > 0)
		flow_lines(f, lv, vx);
	if (f->y < top + h)
		f->y = top + h;
	lines_free(ln);
	lines_free(ll);
	lines_free(lv);
}

/*
 * 記書き items: "1　指名日　　value". The number stands one 字 in, the
 * labels share a column as wide as the longest (shorter ones are spread
 * evenly, 均等割り), and values wrap in their own column.
 */
static void
do_items(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	double labelw = 0, numw = 0;
	char *numbering = attr(n, "numbering");
	int autonum = numbering != NULL && strcmp(numbering, "arabic") == 0, seq = 0, count = 0;

	if (numbering != NULL && !autonum && strcmp(numbering, "none") != 0)
		template_bug(f, n, "<items numbering=\"%s\">: expected arabic or none", numbering);
	xmlFree(numbering);
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *label, *num;
		if (!is_name(c, "item"))
			continue;
		count++;
		label = attr(c, "label");
		num = attr(c, "num");
		if (label != NULL && chars(label) > labelw)
			labelw = (double)chars(label);
		if (num != NULL && (double)chars(num) > numw)
			numw = (double)chars(num);
		xmlFree(label);
		xmlFree(num);
	}
	if (autonum && numw < 1)
		numw = count >= 10 ? 2 : 1;
	/* Half-width digits are half an em each. */
	numw = numw > 0 ? ceil(numw / 2) : 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *label, *num, buf[16];
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_name(c, "item")) {
			template_bug(f, c, "<%s> is not allowed inside <items>", c->name);
			continue;
		}
		seq++;
		num = attr(c, "num");
		if (num == NULL && autonum) {
			snprintf(buf, sizeof(buf), "%d", seq);
			num = (char *)xmlStrdup((const xmlChar *)buf);
		}
		label = attr(c, "label");
		label_row(f, f->ml + st.size, num, numw, label, labelw, 2, c, &st);
		xmlFree(num);
		xmlFree(label);
	}
}

/* The label of item k (from 1) in a list style; the caller owns it. */
static char *
list_label(const char *style, int k)
{
	static const char *const kana[] = {
	    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ",
	    "タ", "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ",
	    "マ", "ミ", "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ"};
	const int nk = (int)(sizeof(kana) / sizeof(kana[0]));

	if (strcmp(style, "paren") == 0)
		return kb_asprintf("(%d)", k);
	if (strcmp(style, "katakana") == 0)
		return kb_strdup(kana[(k - 1) % nk]);
	if (strcmp(style, "paren-katakana") == 0)
		return kb_asprintf("(%s)", kana[(k - 1) % nk]);
	if (strcmp(style, "circled") == 0) {
		/* ① … ⑳ then ㉑ … ㊿ */
		gunichar c = k <= 20 ? 0x2460 + (gunichar)(k - 1)
		                     : k <= 35 ? 0x3251 + (gunichar)(k - 21) : 0x32B1 + (gunichar)(k - 36);
		char buf[8];
		buf[g_unichar_to_utf8(c, buf)] = '\0';
		return kb_strdup(buf);
	}
	if (strcmp(style, "bullet") == 0)
		return kb_strdup("・");
	return kb_asprintf("%d", k);
}

/* Width of a label in points at size st->size. */
static double
label_width(struct flow *f, const char *label, const struct style *st)
{
	struct lines *ls = text_lines(f, label, st, -1);
	double w = ls->width;

	lines_free(ls);
	return w;
}

/*
 * Lists in the official numbering styles: labels one 字 in from the
 * list's left edge, the text after a gap, wrapped lines aligned under the
 * text (hanging). A nested list starts under its item's text.
 */
static void
list_at(struct flow *f, const xmlNode *n, double left)
{
	struct style st = body_style(f);
	char *style = attr(n, "style");
	const char *sty = style ? style : "arabic";
	int k = (int)num_attr(f, n, "start", 1), count = 0;
	double lw = 0, gap = st.size, x = left;

	if (strcmp(sty, "arabic") && strcmp(sty, "paren") && strcmp(sty, "katakana") &&
	    strcmp(sty, "paren-katakana") && strcmp(sty, "circled") && strcmp(sty, "bullet"))
		template_bug(f, n, "<list style=\"%s\">: unknown numbering style", sty);
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (is_name(c, "li")) {
			char *lab = list_label(sty, k + count++);
			double w = label_width(f, lab, &st);
			if (w > lw)
				lw = w;
			free(lab);
		}
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *lab;
		struct lines *ll, *lv;
		double top, tx = x + lw + gap;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_name(c, "li")) {
			template_bug(f, c, "<%s> is not allowed inside <list>", c->name);
			continue;
		}
		lab = list_label(sty, k++);
		ll = text_lines(f, lab, &st, -1);
		{
			/* The item's own text: its inline content, without a nested list. */
			xmlNode *copy = xmlCopyNode((xmlNode *)c, 1);
			for (xmlNode *d = copy->children, *next; d != NULL; d = next) {
				next = d->next;
				if (is_name(d, "list")) {
					xmlUnlinkNode(d);
					xmlFreeNode(d);
				}
			}
			lv = inline_lines(f, copy, &st, f->ml + measure(f) - tx);
			xmlFreeNode(copy);
		}
		need_space(f, lv->n > 0 ? box(lv, 0) : box(ll, 0));
		top = f->y;
		/* Right-align labels so (1) and (10) end together. */
		emit_line(f, ll, 0, x + lw - ll->width, top);
		if (lv->n > 0)
			flow_lines(f, lv, tx);
		else
			f->y += box(ll, 0);
		lines_free(ll);
		lines_free(lv);
		free(lab);
		for (const xmlNode *d = c->children; d != NULL; d = d->next)
			if (is_name(d, "list"))
				list_at(f, d, tx);
	}
	xmlFree(style);
}

static void
do_list(struct flow *f, const xmlNode *n)
{
	list_at(f, n, f->ml + body_style(f).size);
}

/* ---- tables and forms ---------------------------------------------------------- */

/* One cell: its paragraphs laid out at its width. */
struct cell {
	struct lines **paras;
	int np;
	int col, span;
	int header;   /* th, or a form label */
	double x, w;  /* left edge and width */
	int next_para, next_line; /* where placing resumes after a page break */
};

struct row {
	struct cell *cells;
	int nc;
	int header; /* a thead row, repeated on every page */
};

struct table {
	struct row *rows;
	int nrows;
	int nheader;
	double x, width;
	double *colx, *colw;
	int ncols;
	int borders; /* 0 none, 1 outer, 2 all */
	double pad;  /* cell padding, points */
	struct style st;
};

/* Height of the unplaced remainder of a cell. */
static double
cell_rest(const struct cell *c)
{
	double h = 0;

	for (int p = c->next_para; p < c->np; p++)
		h += boxes(c->paras[p], p == c->next_para ? c->next_line : 0, c->paras[p]->n);
	return h;
}

static double
cell_full(const struct cell *c)
{
	double h = 0;

	for (int p = 0; p < c->np; p++)
		h += boxes(c->paras[p], 0, c->paras[p]->n);
	return h;
}

/* Places the lines of cell c that fit in avail points from flow y top; returns the height used. */
static double
cell_place(struct flow *f, struct cell *c, double top, double avail, const struct table *t)
{
	double used = 0;

	while (c->next_para < c->np) {
		struct lines *ls = c->paras[c->next_para];
		if (c->next_line >= ls->n) {
			c->next_para++;
			c->next_line = 0;
			continue;
		}
		if (used + box(ls, c->next_line) > avail + 0.01)
			break;
		emit_line(f, ls, c->next_line, c->x + t->pad, top + used);
		used += box(ls, c->next_line);
		c->next_line++;
	}
	return used;
}

/* Draws the backgrounds and rules of one row segment [top, top + h). */
static void
row_frame(struct flow *f, const struct table *t, const struct row *r, double top, double h)
{
	for (int i = 0; i < r->nc; i++) {
		const struct cell *c = &r->cells[i];
		if (c->header)
			add_rect(f, c->x, top, c->w, h, 0, 0.90, 1);
		if (t->borders == 2)
			add_rect(f, c->x, top, c->w, h, 0.5, 0, 0);
	}
}

/* Places a whole row (all its cells) from the flow position; may span pages. */
static void place_row(struct flow *f, struct table *t, struct row *r, int repeat);

static void
table_header(struct flow *f, struct table *t)
{
	for (int i = 0; i < t->nheader; i++) {
		for (int k = 0; k < t->rows[i].nc; k++)
			t->rows[i].cells[k].next_para = t->rows[i].cells[k].next_line = 0;
		place_row(f, t, &t->rows[i], 1);
	}
}

/* Where the table's part on this page starts, and where its body rows start below the header. */
static double seg_top, body_top;

/* The box height of the next unplaced line of a cell (0 when none is left). */
static double
box_first(const struct cell *c)
{
	for (int p = c->next_para; p < c->np; p++) {
		int from = p == c->next_para ? c->next_line : 0;
		if (from < c->paras[p]->n)
			return box(c->paras[p], from);
	}
	return 0;
}

static void
table_break(struct flow *f, struct table *t)
{
	if (t->borders == 1 && f->y > seg_top)
		add_rect(f, t->x, seg_top, t->width, f->y - seg_top, 0.7, 0, 0);
	new_page(f);
	seg_top = f->y;
	table_header(f, t);
	body_top = f->y;
}

static void
place_row(struct flow *f, struct table *t, struct row *r, int repeat)
{
	/* Room for body rows on a page below the repeated header. */
	double capacity = bottom(f) - f->mt - (body_top - seg_top);

	for (;;) {
		double need = 0, avail = bottom(f) - f->y - 2 * t->pad, used = 0, top = f->y;
		int at_top = f->y <= body_top + 0.01;
		for (int i = 0; i < r->nc; i++)
			need = fmax(need, cell_rest(&r->cells[i]));
		if (need <= avail + 0.01 || repeat) {
			row_frame(f, t, r, top, need + 2 * t->pad);
			for (int i = 0; i < r->nc; i++)
				cell_place(f, &r->cells[i], top + t->pad, need + 1, t);
			f->y = top + need + 2 * t->pad;
			return;
		}
		/* A row that fits on a page moves there whole. */
		if (!at_top && need + 2 * t->pad <= capacity) {
			table_break(f, t);
			continue;
		}
		/* A taller row splits at a line boundary: what fits here, the rest after the break. */
		for (int i = 0; i < r->nc; i++)
			used = fmax(used, cell_place(f, &r->cells[i], top + t->pad, avail, t));
		if (used <= 0 && at_top)
			/* Not even one line fits on an empty page: place one line anyway. */
			for (int i = 0; i < r->nc; i++)
				used = fmax(used, cell_place(f, &r->cells[i], top + t->pad, box_first(&r->cells[i]), t));
		if (used > 0) {
			row_frame(f, t, r, top, used + 2 * t->pad);
			f->y = top + used + 2 * t->pad;
		}
		table_break(f, t);
	}
}

/* Parses a column width: "20mm", "20" (mm) or "2*" (a share of what is left). */
static void
col_width(struct flow *f, const xmlNode *col, double *mm, double *share)
{
	char *w = attr(col, "width"), *end;
	double v;

	*mm = 0, *share = 0;
	if (w == NULL) {
		*share = 1;
		return;
	}
	v = strtod(w, &end);
	if (end == w || v < 0)
		template_bug(f, col, "<col width=\"%s\">: expected NNmm or N*", w);
	else if (strcmp(end, "*") == 0)
		*share = v;
	else if (strcmp(end, "mm") == 0 || *end == '\0')
		*mm = v;
	else
		template_bug(f, col, "<col width=\"%s\">: expected NNmm or N*", w);
	xmlFree(w);
}

static PangoAlignment
cell_align(const xmlNode *n, PangoAlignment def, int *justify)
{
	char *a = attr(n, "align");
	PangoAlignment r = def;

	*justify = 0;
	if (a != NULL) {
		if (strcmp(a, "center") == 0)
			r = PANGO_ALIGN_CENTER;
		else if (strcmp(a, "right") == 0)
			r = PANGO_ALIGN_RIGHT;
		else if (strcmp(a, "justify") == 0)
			r = PANGO_ALIGN_LEFT, *justify = 1;
		else
			r = PANGO_ALIGN_LEFT;
		xmlFree(a);
	}
	return r;
}

/* Lays out a cell's content: inline content, or <p> children each a paragraph. */
static void
cell_content(struct flow *f, struct table *t, struct cell *c, const xmlNode *n, const xmlNode *colnode)
{
	struct style st = t->st;
	int has_p = 0;
	double w = c->w - 2 * t->pad;

	/* Header cells are centred; others take their column's alignment; a cell's own wins. */
	st.align = cell_align(n, c->header ? PANGO_ALIGN_CENTER
	                         : colnode ? cell_align(colnode, PANGO_ALIGN_LEFT, &st.justify)
	                                   : PANGO_ALIGN_LEFT,
	                      &st.justify);
	if (c->header)
		st.family = KB_FONT_GOTHIC;
	for (const xmlNode *d = n->children; d != NULL; d = d->next)
		if (is_name(d, "p"))
			has_p = 1;
	if (!has_p) {
		c->paras = kb_calloc(1, sizeof(*c->paras));
		c->paras[c->np++] = inline_lines(f, n, &st, w);
		return;
	}
	for (const xmlNode *d = n->children; d != NULL; d = d->next)
		if (is_name(d, "p")) {
			struct style ps = st;
			read_style(f, d, &ps);
			c->paras = kb_realloc(c->paras, (size_t)(c->np + 1) * sizeof(*c->paras));
			c->paras[c->np++] = inline_lines(f, d, &ps, w - (ps.left + ps.right) * ps.size);
		}
}

static void
table_free(struct table *t)
{
	for (int r = 0; r < t->nrows; r++) {
		for (int i = 0; i < t->rows[r].nc; i++) {
			for (int p = 0; p < t->rows[r].cells[i].np; p++)
				lines_free(t->rows[r].cells[i].paras[p]);
			free(t->rows[r].cells[i].paras);
		}
		free(t->rows[r].cells);
	}
	free(t->rows);
	free(t->colx);
	free(t->colw);
}

/* Adds a row from a <tr> (or a form <row>) to t. */
static void
add_row(struct flow *f, struct table *t, const xmlNode *tr, int header, const xmlNode **cols)
{
	struct row *r;
	int col = 0;

	t->rows = kb_realloc(t->rows, (size_t)(t->nrows + 1) * sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->header = header;
	for (const xmlNode *c = tr->children; c != NULL; c = c->next) {
		struct cell *cell;
		int span;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_name(c, "td") && !is_name(c, "th")) {
			template_bug(f, c, "<%s> is not allowed inside <tr>", c->name);
			continue;
		}
		span = (int)num_attr(f, c, "colspan", 1);
		if (span < 1 || col + span > t->ncols) {
			template_bug(f, c, "<%s>: the row has more cells than <col>s", c->name);
			break;
		}
		r->cells = kb_realloc(r->cells, (size_t)(r->nc + 1) * sizeof(*r->cells));
		cell = &r->cells[r->nc++];
		memset(cell, 0, sizeof(*cell));
		cell->col = col;
		cell->span = span;
		cell->header = header || is_name(c, "th");
		cell->x = t->colx[col];
		cell->w = t->colx[col + span - 1] + t->colw[col + span - 1] - t->colx[col];
		cell_content(f, t, cell, c, cols ? cols[col] : NULL);
		col += span;
	}
}

/* Places every row of t, header rows first; header rows repeat after each page break. */
static void
table_place(struct flow *f, struct table *t)
{
	double first = 0;

	/* Keep the header with at least the first body row. */
	for (int r = 0; r < t->nrows && r <= t->nheader; r++) {
		double h = 0;
		for (int i = 0; i < t->rows[r].nc; i++)
			h = fmax(h, cell_full(&t->rows[r].cells[i]));
		first += h + 2 * t->pad;
	}
	if (first <= bottom(f) - f->mt)
		need_space(f, first);
	seg_top = body_top = f->y;
	for (int r = 0; r < t->nrows; r++) {
		place_row(f, t, &t->rows[r], 0);
		if (r + 1 == t->nheader)
			body_top = f->y;
	}
	if (t->borders == 1 && f->y > seg_top)
		add_rect(f, t->x, seg_top, t->width, f->y - seg_top, 0.7, 0, 0);
}

static void
do_table(struct flow *f, const xmlNode *n)
{
	struct table t;
	const xmlNode *cols[64];
	double fixed = 0, shares = 0, x;
	char *b = attr(n, "borders");

	memset(&t, 0, sizeof(t));
	t.st = body_style(f);
	t.st.size = num_attr(f, n, "font-size", f->body * 0.95);
	t.pad = MM(1.2);
	t.borders = b == NULL || strcmp(b, "all") == 0 ? 2 : strcmp(b, "outer") == 0 ? 1 : 0;
	xmlFree(b);
	t.x = f->ml;
	t.width = measure(f);
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (is_name(c, "col") && t.ncols < 64)
			cols[t.ncols++] = c;
	if (t.ncols == 0) {
		template_bug(f, n, "<table> needs <col> elements");
		return;
	}
	t.colx = kb_calloc((size_t)t.ncols, sizeof(double));
	t.colw = kb_calloc((size_t)t.ncols, sizeof(double));
	for (int i = 0; i < t.ncols; i++) {
		double mm, share;
		col_width(f, cols[i], &mm, &share);
		t.colw[i] = MM(mm);
		fixed += MM(mm);
		shares += share;
	}
	for (int i = 0, k = 0; i < t.ncols; i++, k++) {
		double mm, share;
		col_width(f, cols[i], &mm, &share);
		if (share > 0)
			t.colw[i] = shares > 0 ? fmax(0, t.width - fixed) * share / shares : 0;
	}
	x = t.x;
	for (int i = 0; i < t.ncols; i++) {
		t.colx[i] = x;
		x += t.colw[i];
	}
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		int header = is_name(c, "thead");
		if (!header && !is_name(c, "tbody"))
			continue;
		for (const xmlNode *tr = c->children; tr != NULL; tr = tr->next)
			if (is_name(tr, "tr")) {
				add_row(f, &t, tr, header, cols);
				if (header)
					t.nheader++;
			}
	}
	f->y += pitch(f) * 0.25;
	table_place(f, &t);
	f->y += pitch(f) * 0.25;
	table_free(&t);
}

/* 項目 | 内容: a two-column ruled form; labels shaded, contents wrap and split across pages. */
static void
do_form(struct flow *f, const xmlNode *n)
{
	struct table t;
	double lw = 0;

	memset(&t, 0, sizeof(t));
	t.st = body_style(f);
	t.pad = MM(1.5);
	/* label-width in mm, else as wide as the longest label. */
	if (xmlHasProp(n, (const xmlChar *)"label-width"))
		lw = MM(num_attr(f, n, "label-width", 30));
	else {
		for (const xmlNode *r = n->children; r != NULL; r = r->next) {
			char *label = is_name(r, "row") ? attr(r, "label") : NULL;
			if (label != NULL)
				lw = fmax(lw, label_width(f, label, &t.st) + 2 * t.pad + 1);
			xmlFree(label);
		}
		lw = fmin(fmax(lw, MM(20)), measure(f) / 2);
	}
	t.borders = 2;
	t.x = f->ml;
	t.width = measure(f);
	t.ncols = 2;
	t.colx = kb_calloc(2, sizeof(double));
	t.colw = kb_calloc(2, sizeof(double));
	t.colx[0] = t.x;
	t.colw[0] = lw;
	t.colx[1] = t.x + lw;
	t.colw[1] = t.width - lw;
	for (const xmlNode *r = n->children; r != NULL; r = r->next) {
		struct row *row;
		char *label;
		struct style ls = t.st;
		if (r->type != XML_ELEMENT_NODE)
			continue;
		if (!is_name(r, "row")) {
			template_bug(f, r, "<%s> is not allowed inside <form>", r->name);
			continue;
		}
		label = attr(r, "label");
		t.rows = kb_realloc(t.rows, (size_t)(t.nrows + 1) * sizeof(*t.rows));
		row = &t.rows[t.nrows++];
		memset(row, 0, sizeof(*row));
		row->nc = 2;
		row->cells = kb_calloc(2, sizeof(struct cell));
		row->cells[0].x = t.colx[0], row->cells[0].w = lw, row->cells[0].header = 1;
		row->cells[0].span = 1;
		row->cells[0].paras = kb_calloc(1, sizeof(struct lines *));
		ls.family = KB_FONT_MINCHO;
		row->cells[0].paras[0] = text_lines(f, label ? label : "", &ls, lw - 2 * t.pad);
		row->cells[0].np = 1;
		row->cells[1].x = t.colx[1], row->cells[1].w = t.colw[1], row->cells[1].col = 1;
		row->cells[1].span = 1;
		cell_content(f, &t, &row->cells[1], r, NULL);
		xmlFree(label);
	}
	f->y += pitch(f) * 0.25;
	table_place(f, &t);
	f->y += pitch(f) * 0.25;
	table_free(&t);
}

/* ---- other blocks ----------------------------------------------------------------- */

/* Lays out each <line> child of n as its own unwrapped layout; returns how many. */
static int
line_set(struct flow *f, const xmlNode *n, const struct style *st, struct lines **out, int max,
         double *maxw)
{
	int k = 0;

	*maxw = 0;
	for (const xmlNode *c = n->children; c != NULL && k < max; c = c->next) {
		if (!is_name(c, "line"))
			continue;
		out[k] = inline_lines(f, c, st, -1);
		if (out[k]->width > *maxw)
			*maxw = out[k]->width;
		k++;
	}
	return k;
}

/* The 担当 block: lines in a thin box at the right margin. */
static void
do_contact(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	struct lines *ls[16];
	double maxw, pad, h = 0, x, top;
	int k;

	st.size = f->body * 0.9;
	pad = st.size * 0.6;
	k = line_set(f, n, &st, ls, 16, &maxw);
	for (int i = 0; i < k; i++)
		h += boxes(ls[i], 0, ls[i]->n);
	f->y += pitch(f);
	need_space(f, h + 2 * pad);
	x = f->fw - f->mr - maxw - 2 * pad;
	top = f->y;
	f->y += pad * 0.5;
	for (int i = 0; i < k; i++) {
		keep_lines(f, ls[i], x + pad);
		lines_free(ls[i]);
	}
	add_rect(f, x, top, maxw + 2 * pad, f->y - top + pad * 0.5, 0.5, 0, 0);
	f->y += pad * 0.5;
}

/* A right-aligned line one 字 from the right margin (number, date, sender). */
static void
right_line(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);

	st.align = PANGO_ALIGN_RIGHT;
	st.right = 1;
	paragraph(f, n, st);
}

/* A 公印 box: a square of 2 字 drawn with a thin dashed rule, its right edge at x. */
static void
seal_box(struct flow *f, double right, double top)
{
	double s = 2.2 * f->body;

	add_line(f, right - s, top, right, top, 0.4, 1);
	add_line(f, right, top, right, top + s, 0.4, 1);
	add_line(f, right, top + s, right - s, top + s, 0.4, 1);
	add_line(f, right - s, top + s, right - s, top, 0.4, 1);
}

/* The letterhead: number and date at the top right, addressee at the left, sender at the right. */
static void
do_letterhead(struct flow *f, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(c, "number") || is_name(c, "date")) {
			right_line(f, c);
		} else if (is_name(c, "addressee")) {
			struct style st = body_style(f);
			st.left = 1;
			if (c->prev == NULL || !is_name(xmlPreviousElementSibling((xmlNode *)c), "addressee"))
				f->y += pitch(f);
			paragraph(f, c, st);
		} else if (is_name(c, "sender")) {
			f->y += pitch(f);
			right_line(f, c);
		} else if (is_name(c, "seal-omitted")) {
			fixed_line(f, "（公印省略）", PANGO_ALIGN_RIGHT, 1);
		} else if (is_name(c, "seal-box")) {
			/* The seal overlaps the last character of the sender's name. */
			double s = 2.2 * f->body, cx = f->last_x - f->last_em / 2;
			double cy = f->last_y + f->last_h / 2;
			seal_box(f, cx + s / 2, cy - s / 2);
			if (f->y < cy + s / 2)
				f->y = cy + s / 2;
		} else {
			template_bug(f, c, "<%s> is not allowed inside <letterhead>", c->name);
		}
	}
}

/* A vector figure in the flow: boxes, rules and labels in mm from its top-left corner. */
static void
do_figure(struct flow *f, const xmlNode *n)
{
	double w = MM(num_attr(f, n, "width", 100)), h = MM(num_attr(f, n, "height", 50));
	double x = f->ml, y;
	char *align = attr(n, "align"), *caption = attr(n, "caption");
	struct lines *cap = NULL;
	struct style st = body_style(f);

	if (align != NULL && strcmp(align, "left") == 0)
		x = f->ml;
	else if (align != NULL && strcmp(align, "right") == 0)
		x = f->fw - f->mr - w;
	else
		x = f->ml + (measure(f) - w) / 2;
	if (caption != NULL) {
		st.align = PANGO_ALIGN_CENTER;
		st.size = f->body * 0.9;
		cap = text_lines(f, caption, &st, w);
	}
	f->y += pitch(f) * 0.5;
	need_space(f, h + (cap ? boxes(cap, 0, cap->n) : 0));
	y = f->y;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(c, "box")) {
			double gray = num_attr(f, c, "fill", -1);
			double bx = x + MM(num_attr(f, c, "x", 0)), by = y + MM(num_attr(f, c, "y", 0));
			double bw = MM(num_attr(f, c, "w", 0)), bh = MM(num_attr(f, c, "h", 0));
			double stroke = num_attr(f, c, "stroke", 0.5);
			if (gray >= 0)
				add_rect(f, bx, by, bw, bh, 0, gray, 1);
			if (stroke > 0)
				add_rect(f, bx, by, bw, bh, stroke, 0, 0);
		} else if (is_name(c, "line")) {
			add_line(f, x + MM(num_attr(f, c, "x1", 0)), y + MM(num_attr(f, c, "y1", 0)),
			         x + MM(num_attr(f, c, "x2", 0)), y + MM(num_attr(f, c, "y2", 0)),
			         num_attr(f, c, "width", 0.5), attr_is(c, "dash", "true"));
		} else if (is_name(c, "text")) {
			struct style ts = body_style(f);
			struct lines *ls;
			char *anchor = attr(c, "anchor");
			double tx = x + MM(num_attr(f, c, "x", 0)), ty = y + MM(num_attr(f, c, "y", 0));
			read_style(f, c, &ts);
			ls = inline_lines(f, c, &ts, -1);
			if (ls->n > 0) {
				/* (x, y) is the baseline point the anchor names. */
				double lx = tx - (anchor && strcmp(anchor, "middle") == 0 ? ls->width / 2
				                  : anchor && strcmp(anchor, "end") == 0   ? ls->width
				                                                           : 0);
				emit_line(f, ls, 0, lx, ty - ls->half - (ls->base[0] - ls->top[0]));
			}
			xmlFree(anchor);
			lines_free(ls);
		} else {
			template_bug(f, c, "<%s> is not allowed inside <figure>", c->name);
		}
	}
	f->y = y + h;
	if (cap != NULL) {
		keep_lines(f, cap, x);
		lines_free(cap);
	}
	f->y += pitch(f) * 0.5;
	xmlFree(align);
	xmlFree(caption);
}

/* 縦書き: one column of text (a paragraph in the turned frame); indent from the top in 字. */
static void
do_column(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	double ind;

	/* indent counts from the top, or from the foot for align="bottom"; it
	 * moves the whole column, so it is not a first-line indent here. */
	ind = num_attr(f, n, "indent", 0);
	read_style(f, n, &st);
	st.indent = 0;
	if (st.align == PANGO_ALIGN_RIGHT)
		st.right += ind;
	else
		st.left += ind;
	column_paragraph(f, n, st);
}

static void do_page(struct flow *f, const xmlNode *n);

/* Block handlers indexed by element name. */
static const struct {
	const char *name;
	void (*fn)(struct flow *, const xmlNode *);
} blocks[] = {
    {"page", do_page},       {"letterhead", do_letterhead}, {"title", do_title},
    {"heading", do_heading}, {"p", do_p},                   {"ki", do_ki},
    {"items", do_items},     {"list", do_list},             {"form", do_form},
    {"table", do_table},     {"ijo", do_ijo},               {"contact", do_contact},
    {"space", do_space},     {"vspace", do_space},          {"page-break", do_page_break},
    {"figure", do_figure},   {"column", do_column},
};

/* <page>: size, orientation, writing and margins in mm; must come first. */
static void
do_page(struct flow *f, const xmlNode *n)
{
	char *size = attr(n, "size"), *orient = attr(n, "orientation"), *strict = attr(n, "strict");
	double mt, mb, ml, mr;

	if (size != NULL && strcmp(size, "A4") != 0)
		template_bug(f, n, "<page size=\"%s\">: only A4 is supported", size);
	f->pw = MM(210);
	f->ph = MM(297);
	if (orient != NULL && strcmp(orient, "landscape") == 0) {
		double t = f->pw;
		f->pw = f->ph;
		f->ph = t;
	}
	f->vertical = attr_is(n, "writing", "vertical");
	f->very_strict = strict == NULL || strcmp(strict, "strict") != 0;
	mt = MM(num_attr(f, n, "margin-top", 30));
	mb = MM(num_attr(f, n, "margin-bottom", 25));
	ml = MM(num_attr(f, n, "margin-left", 30));
	mr = MM(num_attr(f, n, "margin-right", 20));
	if (f->vertical) {
		/* The flow frame is the page turned a quarter: lines run down, columns leftwards. */
		f->fw = f->ph, f->fh = f->pw;
		f->ml = mt, f->mr = mb, f->mt = mr, f->mb = ml;
	} else {
		f->fw = f->pw, f->fh = f->ph;
		f->ml = ml, f->mr = mr, f->mt = mt, f->mb = mb;
	}
	f->body = num_attr(f, n, "body-size", 10.5);
	f->spacing = num_attr(f, n, "line-spacing", 1.75);
	f->page->width = f->pw;
	f->page->height = f->ph;
	f->y = f->mt;
	xmlFree(size);
	xmlFree(orient);
	xmlFree(strict);
}

/* ---- page furniture: header, footer, classification mark, watermark -------------- */

/* Lays out the inline content of n on one line in the physical page frame. */
static struct lines *
furniture_lines(struct flow *f, const xmlNode *n, double size, const char *family)
{
	struct style st = body_style(f);
	int vertical = f->vertical;
	struct lines *ls;

	st.size = size;
	st.family = family;
	f->vertical = 0; /* furniture is horizontal on every page */
	ls = inline_lines(f, n, &st, -1);
	f->vertical = vertical;
	return ls;
}

static void
furniture(struct flow *f)
{
	int vertical = f->vertical;
	/* Furniture sits in the physical page's margins. */
	double pml = vertical ? f->mb : f->ml, pmr = vertical ? f->mt : f->mr;
	double pmt = vertical ? f->ml : f->mt, pmb = vertical ? f->mr : f->mb;

	int used = count_used; /* counters in furniture need no second pass */

	cur_pages = (int)f->dl->npages;
	for (size_t p = 0; p < f->dl->npages; p++) {
		f->page = &f->dl->pages[p];
		cur_page = (int)p + 1;
		f->vertical = 0;
		if (f->watermark != NULL) {
			/* A light diagonal word across the middle of the page. */
			struct lines *ls = furniture_lines(f, f->watermark, 140, KB_FONT_GOTHIC);
			size_t before = f->page->nitems;
			double cx = f->pw / 2, cy = f->ph / 2;
			if (ls->n > 0)
				emit_line(f, ls, 0, cx - ls->width / 2, cy - box(ls, 0) / 2);
			for (size_t i = before; i < f->page->nitems; i++) {
				struct kb_dl_item *it = &f->page->items[i];
				it->u.run.gray = 0.88;
				it->u.run.angle = -atan2(f->ph, f->pw);
				it->u.run.ox = cx, it->u.run.oy = cy;
			}
			/* Drawn first so that text stays on top of it. */
			if (f->page->nitems > before) {
				size_t k = f->page->nitems - before;
				struct kb_dl_item *tmp = kb_malloc(k * sizeof(*tmp));
				memcpy(tmp, f->page->items + before, k * sizeof(*tmp));
				memmove(f->page->items + k, f->page->items, before * sizeof(*tmp));
				memcpy(f->page->items, tmp, k * sizeof(*tmp));
				free(tmp);
			}
			lines_free(ls);
		}
		if (f->header != NULL || f->footer != NULL) {
			for (int k = 0; k < 2; k++) {
				const xmlNode *n = k == 0 ? f->header : f->footer;
				struct lines *ls;
				char *a;
				double x, y;
				if (n == NULL)
					continue;
				ls = furniture_lines(f, n, f->body * 0.85, KB_FONT_MINCHO);
				a = attr(n, "align");
				x = a && strcmp(a, "left") == 0    ? pml
				    : a && strcmp(a, "right") == 0 ? f->pw - pmr - ls->width
				                                   : pml + (f->pw - pml - pmr - ls->width) / 2;
				y = k == 0 ? pmt / 2 - box(ls, 0) / 2 : f->ph - pmb / 2 - box(ls, 0) / 2;
				if (ls->n > 0)
					emit_line(f, ls, 0, x, y);
				xmlFree(a);
				lines_free(ls);
			}
		}
		if (f->mark != NULL) {
			/* 取扱注意 / 機密: boxed, in ゴシック, at the top right above the text. */
			struct lines *ls = furniture_lines(f, f->mark, f->body, KB_FONT_GOTHIC);
			double pad = 2.5, x = f->pw - pmr - ls->width - 2 * pad;
			double h = ls->bot[0] - ls->top[0] + 2 * pad, y = pmt - h - MM(6);
			if (ls->n > 0) {
				emit_line(f, ls, 0, x + pad, y + pad - ls->half);
				add_rect(f, x, y, ls->width + 2 * pad, h, 0.8, 0, 0);
			}
			lines_free(ls);
		}
		f->vertical = vertical;
	}
	cur_page = cur_pages = 0;
	count_used = used;
}

/* Blocks that only make sense on a horizontal page. */
static int
horizontal_only(const xmlNode *n)
{
	static const char *const names[] = {"letterhead", "title", "heading", "items", "list",
	                                    "form", "table", "contact", "figure", "ki", "ijo"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is_name(n, names[i]))
			return 1;
	return 0;
}

static char *
meta(const xmlNode *root, const char *name)
{
	char *s = attr(root, name), *r = s ? kb_strdup(s) : NULL;
	xmlFree(s);
	return r;
}

/* One layout pass over the tree; pages is the page count a <page-count/> in the body prints. */
static struct kb_dl *
layout_pass(struct kb_layout *lo, xmlNode *root, const char *name, int pages)
{
	struct flow f = {0};

	f.lo = lo;
	f.name = name;
	f.dl = kb_dl_new();
	f.pw = f.fw = MM(210), f.ph = f.fh = MM(297);
	f.mt = MM(30), f.mb = MM(25), f.ml = MM(30), f.mr = MM(20);
	f.body = 10.5;
	f.spacing = 1.75;
	f.very_strict = 1;
	f.dl->meta.title = meta(root, "title");
	f.dl->meta.author = meta(root, "author");
	f.dl->meta.subject = meta(root, "subject");
	f.dl->meta.keywords = meta(root, "keywords");
	f.dl->meta.creator = meta(root, "creator");
	f.dl->meta.create_date = meta(root, "created");
	cur_page = 0;
	cur_pages = pages;
	new_page(&f);
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		size_t i;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_name(c, "header")) {
			f.header = c;
			continue;
		}
		if (is_name(c, "footer")) {
			f.footer = c;
			continue;
		}
		if (is_name(c, "mark")) {
			f.mark = c;
			continue;
		}
		if (is_name(c, "watermark")) {
			f.watermark = c;
			continue;
		}
		if (is_name(c, "seal-box")) {
			/* 辞令: the seal over the last character of the column before it (the
			 * authority's name), centred on that character's cell. */
			double s = 2.2 * f.body, cx = f.last_x - f.last_em / 2, cy = f.last_y + f.last_h / 2;
			seal_box(&f, cx + s / 2, cy - s / 2);
			continue;
		}
		if (f.vertical ? horizontal_only(c) : is_name(c, "column")) {
			template_bug(&f, c, "<%s> is not allowed in %s writing", c->name,
			             f.vertical ? "vertical" : "horizontal");
			continue;
		}
		for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
			if (is_name(c, blocks[i].name)) {
				blocks[i].fn(&f, c);
				break;
			}
		if (i == sizeof(blocks) / sizeof(blocks[0]))
			template_bug(&f, c, "unknown element <%s> in the document tree", c->name);
	}
	furniture(&f);
	if (f.err) {
		kb_dl_free(f.dl);
		return NULL;
	}
	return f.dl;
}

struct kb_dl *
kb_layout_run(struct kb_layout *lo, xmlDoc *doc, const char *name)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	struct kb_dl *dl;

	if (root == NULL || !is_name(root, "document")) {
		kb_diagc(KB_D_NO_DOCUMENT, &(struct kb_loc){name, 0, NULL},
		         "the template did not produce a <document> (template bug)");
		return NULL;
	}
	count_used = 0;
	dl = layout_pass(lo, root, name, 0);
	/* A body that prints the page count is laid out again once the count is known. */
	if (dl != NULL && count_used) {
		int pages = (int)dl->npages;
		kb_dl_free(dl);
		dl = layout_pass(lo, root, name, pages);
	}
	return dl;
}
