/* layout.c — pango layout of the document vocabulary into pages of glyph runs and rules. */
#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <pango/pangofc-font.h>
#include <pango/pangoft2.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dl.h"
#include "fonts.h"
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
	PangoContext *ctx;
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
	const char *family;
	double size; /* points */
};

/* The state of one document being laid out. */
struct flow {
	struct kb_layout *lo;
	struct kb_dl *dl;
	struct kb_dl_page *page;
	const char *name;   /* template name for diagnostics */
	double pw, ph;      /* page size */
	double ml, mr, mt, mb; /* margins */
	double y;           /* top of the next line on the current page */
	double body;        /* body size in points */
	double spacing;     /* baseline pitch as a multiple of the size */
	int err;
};

struct kb_layout *
kb_layout_new(void)
{
	struct kb_layout *lo = kb_calloc(1, sizeof(*lo));

	lo->ctx = pango_font_map_create_context(kb_fonts_map());
	pango_context_set_language(lo->ctx, pango_language_from_string("ja"));
	pango_context_set_base_dir(lo->ctx, PANGO_DIRECTION_LTR);
	/* With rounding on, 10.5 pt characters sit on an 11 pt pitch. */
	pango_context_set_round_glyph_positions(lo->ctx, FALSE);
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

/* ---- pages ---------------------------------------------------------- */

static void
new_page(struct flow *f)
{
	f->page = kb_dl_add_page(f->dl, f->pw, f->ph);
	f->y = f->mt;
}

static double
bottom(const struct flow *f)
{
	return f->ph - f->mb;
}

static double
measure(const struct flow *f)
{
	return f->pw - f->ml - f->mr;
}

/* The baseline pitch of body text. */
static double
pitch(const struct flow *f)
{
	return f->body * f->spacing;
}

/* ---- text from the tree --------------------------------------------- */

static int
is_name(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Reads a numeric attribute, or def when absent; a bad number is a template bug. */
static double
num_attr(struct flow *f, const xmlNode *n, const char *name, double def)
{
	char *s = attr(n, name), *end;
	double v = def;

	if (s != NULL) {
		v = strtod(s, &end);
		if (end == s || *end != '\0' || !isfinite(v)) {
			kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(n), NULL}, NULL, NULL,
			        "<%s %s=\"%s\">: not a number (template bug)", n->name, name, s);
			f->err = 1;
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

/* Collects the inline content of n into b with pango attributes (<em> → ゴシック). */
static void
collect_inline(struct flow *f, const xmlNode *n, kb_buf *b, PangoAttrList *attrs)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			put_text(b, (const char *)c->content);
		} else if (is_name(c, "em")) {
			size_t start = b->len;
			PangoAttribute *a;
			collect_inline(f, c, b, attrs);
			a = pango_attr_family_new(KB_FONT_GOTHIC);
			a->start_index = (guint)start;
			a->end_index = (guint)b->len;
			pango_attr_list_insert(attrs, a);
		} else if (is_name(c, "br")) {
			kb_buf_puts(b, "\n");
		} else if (c->type == XML_ELEMENT_NODE) {
			kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(c), NULL}, NULL, NULL,
			        "<%s> is not allowed inside <%s> (template bug)", c->name, n->name);
			f->err = 1;
		}
	}
}

/* ---- paragraphs ----------------------------------------------------- */

static PangoLayout *
make_layout(struct flow *f, const char *text, PangoAttrList *attrs, const struct style *st,
            double width)
{
	PangoLayout *l = pango_layout_new(f->lo->ctx);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, st->family);
	pango_font_description_set_size(fd, PU(st->size));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, PU(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, st->align);
	pango_layout_set_justify(l, st->justify);
	pango_layout_set_justify_last_line(l, st->justify_last);
	pango_layout_set_indent(l, PU(st->indent * st->size));
	/* Leading between lines; emit_layout puts half of it above the first
	 * line and half below the last, so every line box is size × spacing. */
	pango_layout_set_spacing(l, PU(st->size * (f->spacing - 1)));
	pango_layout_set_text(l, text, -1);
	if (attrs != NULL)
		pango_layout_set_attributes(l, attrs);
	return l;
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
			dg->x = pen + PT(g->geometry.x_offset);
			dg->y = baseline + PT(g->geometry.y_offset);
			it->u.run.clusters[nc - 1].nglyphs++;
		}
		pen += PT(g->geometry.width);
	}
	it->u.run.nglyphs = ng;
	it->u.run.nclusters = nc;
}

/*
 * Places the lines of l with its left edge at x. When split is set,
 * lines flow onto new pages one by one; otherwise the block moves to a
 * new page whole if it does not fit. Advances f->y below the block.
 */
static void
emit_layout(struct flow *f, PangoLayout *l, double x, int split)
{
	PangoLayoutIter *iter;
	PangoRectangle ink, logical;
	double shift; /* page y of layout y = 0 */
	double half;  /* half the leading */

	pango_layout_get_extents(l, &ink, &logical);
	half = PT(pango_layout_get_spacing(l)) / 2;
	if (!split && f->y + PT(logical.height) + 2 * half > bottom(f) && f->y > f->mt)
		new_page(f);
	shift = f->y + half;
	iter = pango_layout_get_iter(l);
	do {
		PangoRectangle lr;
		PangoLayoutLine *line;
		double top, bot, baseline, rx;

		pango_layout_iter_get_line_extents(iter, NULL, &lr);
		top = shift + PT(lr.y) - half;
		bot = shift + PT(lr.y + lr.height) + half;
		if (split && bot > bottom(f) && top > f->mt + 0.01) {
			new_page(f);
			shift = f->mt + half - PT(lr.y);
		}
		baseline = shift + PT(pango_layout_iter_get_baseline(iter));
		line = pango_layout_iter_get_line_readonly(iter);
		rx = x + PT(lr.x);
		for (GSList *r = line->runs; r != NULL; r = r->next) {
			PangoLayoutRun *run = r->data;
			emit_run(f, l, run, rx, baseline);
			rx += PT(pango_glyph_string_get_width(run->glyphs));
		}
		f->y = shift + PT(lr.y + lr.height) + half;
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

/* Default paragraph style at the body size. */
static struct style
body_style(const struct flow *f)
{
	struct style st = {PANGO_ALIGN_LEFT, 0, 0, 0, 0, 0, KB_FONT_MINCHO, f->body};
	return st;
}

/* Reads the style attributes of a <p>-like element over st. */
static void
read_style(struct flow *f, const xmlNode *n, struct style *st)
{
	char *s;

	if ((s = attr(n, "align")) != NULL) {
		if (strcmp(s, "left") == 0)
			st->align = PANGO_ALIGN_LEFT, st->justify = 0;
		else if (strcmp(s, "right") == 0)
			st->align = PANGO_ALIGN_RIGHT, st->justify = 0;
		else if (strcmp(s, "center") == 0)
			st->align = PANGO_ALIGN_CENTER, st->justify = 0;
		else if (strcmp(s, "justify") == 0)
			st->align = PANGO_ALIGN_LEFT, st->justify = 1;
		else {
			kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(n), NULL}, NULL, NULL,
			        "<%s align=\"%s\">: expected left, right, center or justify (template bug)",
			        n->name, s);
			f->err = 1;
		}
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
}

/* Lays out the inline content of n as one paragraph in style st. */
static void
paragraph(struct flow *f, const xmlNode *n, struct style st)
{
	kb_buf text = {0};
	PangoAttrList *attrs = pango_attr_list_new();
	PangoLayout *l;
	double em = st.size;

	read_style(f, n, &st);
	em = st.size;
	f->y += num_attr(f, n, "space-before", 0) * pitch(f);
	collect_inline(f, n, &text, attrs);
	l = make_layout(f, text.data ? text.data : "", attrs, &st,
	                measure(f) - (st.left + st.right) * em);
	emit_layout(f, l, f->ml + st.left * em, 1);
	f->y += num_attr(f, n, "space-after", 0) * pitch(f);
	g_object_unref(l);
	pango_attr_list_unref(attrs);
	kb_buf_free(&text);
}

/* ---- block handlers ------------------------------------------------- */

static void
do_p(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	paragraph(f, n, st);
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

static void
do_space(struct flow *f, const xmlNode *n)
{
	f->y += num_attr(f, n, "lines", 1) * pitch(f);
	if (f->y > bottom(f))
		new_page(f);
}

static void
fixed_line(struct flow *f, const char *text, PangoAlignment align, double right)
{
	struct style st = body_style(f);
	PangoLayout *l;

	st.align = align;
	l = make_layout(f, text, NULL, &st, measure(f) - right * st.size);
	emit_layout(f, l, f->ml, 0);
	g_object_unref(l);
}

/* 記: centred on its own line with a blank line before and after. */
static void
do_ki(struct flow *f, const xmlNode *n)
{
	(void)n;
	f->y += pitch(f);
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
 * 記書き items: "1　指名日　　value". The number stands one 字 in, the
 * labels share a column as wide as the longest label (shorter ones are
 * spread evenly, 均等割り), and values wrap in their own column.
 */
static void
do_items(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	double em = st.size, labelw = 0, numw = 0;
	const double in = 1; /* 字 */

	char *numbering = attr(n, "numbering");
	int autonum = numbering != NULL && strcmp(numbering, "arabic") == 0, seq = 0;

	if (numbering != NULL && !autonum) {
		kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(n), NULL}, NULL, NULL,
		        "<items numbering=\"%s\">: expected arabic (template bug)", numbering);
		f->err = 1;
	}
	xmlFree(numbering);
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *label, *num;
		if (!is_name(c, "item"))
			continue;
		label = attr(c, "label");
		num = attr(c, "num");
		if (num == NULL && autonum)
			num = (char *)xmlStrdup((const xmlChar *)"99");
		if (label != NULL && chars(label) > labelw)
			labelw = (double)chars(label);
		if (num != NULL && chars(num) > numw)
			numw = (double)chars(num);
		xmlFree(label);
		xmlFree(num);
	}
	/* Half-width digits are half an em each. */
	numw = numw > 0 ? ceil(numw / 2) : 0;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		char *label, *num;
		kb_buf text = {0};
		PangoAttrList *attrs;
		PangoLayout *ln = NULL, *ll = NULL, *lv;
		struct style ls = st;
		double x = f->ml + in * em, h, vx;
		PangoRectangle r;

		if (c->type == XML_TEXT_NODE)
			continue;
		if (!is_name(c, "item")) {
			kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(c), NULL}, NULL, NULL,
			        "<%s> is not allowed inside <items> (template bug)", c->name);
			f->err = 1;
			continue;
		}
		num = attr(c, "num");
		seq++;
		if (num == NULL && autonum) {
			char buf[16];
			snprintf(buf, sizeof(buf), "%d", seq);
			num = (char *)xmlStrdup((const xmlChar *)buf);
		}
		label = attr(c, "label");
		if (num != NULL)
			ln = make_layout(f, num, NULL, &st, numw * em);
		if (label != NULL) {
			ls.justify = ls.justify_last = chars(label) > 1;
			ll = make_layout(f, label, NULL, &ls, labelw * em);
		}
		attrs = pango_attr_list_new();
		collect_inline(f, c, &text, attrs);
		vx = x + (numw > 0 ? numw + 1 : 0) * em + (labelw > 0 ? labelw + 2 : 0) * em;
		lv = make_layout(f, text.data ? text.data : "", attrs, &st, f->ml + measure(f) - vx);
		pango_layout_get_extents(lv, NULL, &r);
		h = PT(r.height + pango_layout_get_spacing(lv));
		if (f->y + h > bottom(f) && f->y > f->mt)
			new_page(f);
		{
			double top = f->y;
			if (ln != NULL) {
				emit_layout(f, ln, x, 0);
				f->y = top;
			}
			if (ll != NULL) {
				emit_layout(f, ll, x + (numw > 0 ? numw + 1 : 0) * em, 0);
				f->y = top;
			}
			emit_layout(f, lv, vx, 1);
		}
		if (ln != NULL)
			g_object_unref(ln);
		if (ll != NULL)
			g_object_unref(ll);
		g_object_unref(lv);
		pango_attr_list_unref(attrs);
		kb_buf_free(&text);
		xmlFree(num);
		xmlFree(label);
	}
}

/* Lays out each <line> child of n as its own left-aligned layout; returns how many. */
static int
line_layouts(struct flow *f, const xmlNode *n, const struct style *st, PangoLayout **out, int max,
             double *maxw)
{
	int k = 0;

	*maxw = 0;
	for (const xmlNode *c = n->children; c != NULL && k < max; c = c->next) {
		kb_buf text = {0};
		PangoAttrList *attrs;
		PangoRectangle r;
		if (!is_name(c, "line"))
			continue;
		attrs = pango_attr_list_new();
		collect_inline(f, c, &text, attrs);
		out[k] = make_layout(f, text.data ? text.data : "", attrs, st, -1);
		pango_layout_set_width(out[k], -1);
		pango_layout_get_extents(out[k], NULL, &r);
		if (PT(r.width) > *maxw)
			*maxw = PT(r.width);
		pango_attr_list_unref(attrs);
		kb_buf_free(&text);
		k++;
	}
	return k;
}

/* The 担当 block: lines in a thin box at the right margin. */
static void
do_contact(struct flow *f, const xmlNode *n)
{
	struct style st = body_style(f);
	PangoLayout *ls[16];
	double maxw, pad, h = 0, x, top;
	int k;
	struct kb_dl_item *box;

	st.size = f->body * 0.9;
	pad = st.size * 0.6;
	k = line_layouts(f, n, &st, ls, 16, &maxw);
	for (int i = 0; i < k; i++) {
		PangoRectangle r;
		pango_layout_get_extents(ls[i], NULL, &r);
		h += PT(r.height);
	}
	f->y += pitch(f);
	if (f->y + h + 2 * pad > bottom(f))
		new_page(f);
	x = f->pw - f->mr - maxw - 2 * pad;
	top = f->y;
	f->y += pad;
	for (int i = 0; i < k; i++) {
		emit_layout(f, ls[i], x + pad, 0);
		g_object_unref(ls[i]);
	}
	box = kb_dl_add(f->page, KB_DL_RECT);
	box->u.rect.x = x;
	box->u.rect.y = top;
	box->u.rect.w = maxw + 2 * pad;
	box->u.rect.h = f->y - top + pad * 0.6;
	box->u.rect.width = 0.5;
	f->y = top + box->u.rect.h;
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
			f->y += pitch(f);
			paragraph(f, c, st);
		} else if (is_name(c, "sender")) {
			f->y += pitch(f);
			right_line(f, c);
		} else if (is_name(c, "seal-omitted")) {
			fixed_line(f, "（公印省略）", PANGO_ALIGN_RIGHT, 1);
		} else {
			kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(c), NULL}, NULL, NULL,
			        "<%s> is not allowed inside <letterhead> (template bug)", c->name);
			f->err = 1;
		}
	}
}

static void do_page(struct flow *f, const xmlNode *n);

/* Block handlers indexed by element name. */
static const struct {
	const char *name;
	void (*fn)(struct flow *, const xmlNode *);
} blocks[] = {
    {"page", do_page},       {"letterhead", do_letterhead}, {"title", do_title},
    {"p", do_p},             {"ki", do_ki},                 {"items", do_items},
    {"ijo", do_ijo},         {"contact", do_contact},       {"space", do_space},
};

/* <page>: size and margins in mm; must come first. */
static void
do_page(struct flow *f, const xmlNode *n)
{
	char *size = attr(n, "size"), *orient = attr(n, "orientation");

	if (size != NULL && strcmp(size, "A4") != 0) {
		kb_diag(KB_ERROR, &(struct kb_loc){f->name, xmlGetLineNo(n), NULL}, NULL, NULL,
		        "<page size=\"%s\">: only A4 is supported (template bug)", size);
		f->err = 1;
	}
	f->pw = MM(210);
	f->ph = MM(297);
	if (orient != NULL && strcmp(orient, "landscape") == 0) {
		double t = f->pw;
		f->pw = f->ph;
		f->ph = t;
	}
	f->mt = MM(num_attr(f, n, "margin-top", 30));
	f->mb = MM(num_attr(f, n, "margin-bottom", 25));
	f->ml = MM(num_attr(f, n, "margin-left", 30));
	f->mr = MM(num_attr(f, n, "margin-right", 20));
	f->body = num_attr(f, n, "body-size", 10.5);
	f->spacing = num_attr(f, n, "line-spacing", 1.75);
	f->page->width = f->pw;
	f->page->height = f->ph;
	f->y = f->mt;
	xmlFree(size);
	xmlFree(orient);
}

static char *
meta(const xmlNode *root, const char *name)
{
	char *s = attr(root, name), *r = s ? kb_strdup(s) : NULL;
	xmlFree(s);
	return r;
}

struct kb_dl *
kb_layout_run(struct kb_layout *lo, xmlDoc *doc, const char *name)
{
	struct flow f = {0};
	xmlNode *root = xmlDocGetRootElement(doc);

	if (root == NULL || !is_name(root, "document")) {
		kb_diag(KB_ERROR, &(struct kb_loc){name, 0, NULL}, NULL, NULL,
		        "the template did not produce a <document> (template bug)");
		return NULL;
	}
	f.lo = lo;
	f.name = name;
	f.dl = kb_dl_new();
	f.pw = MM(210), f.ph = MM(297);
	f.mt = MM(30), f.mb = MM(25), f.ml = MM(30), f.mr = MM(20);
	f.body = 10.5;
	f.spacing = 1.75;
	f.dl->meta.title = meta(root, "title");
	f.dl->meta.author = meta(root, "author");
	f.dl->meta.subject = meta(root, "subject");
	f.dl->meta.keywords = meta(root, "keywords");
	f.dl->meta.creator = meta(root, "creator");
	f.dl->meta.create_date = meta(root, "created");
	new_page(&f);
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		size_t i;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
			if (is_name(c, blocks[i].name)) {
				blocks[i].fn(&f, c);
				break;
			}
		if (i == sizeof(blocks) / sizeof(blocks[0])) {
			kb_diag(KB_ERROR, &(struct kb_loc){name, xmlGetLineNo(c), NULL}, NULL, NULL,
			        "unknown element <%s> in the document tree (template bug)", c->name);
			f.err = 1;
		}
	}
	if (f.err) {
		kb_dl_free(f.dl);
		return NULL;
	}
	return f.dl;
}
