/* layout.c — pango layout of the document vocabulary (docs/vocabulary.md) into pages of glyph runs
 * and rules. */
#include "layout.h"

#include <assert.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangofc-font.h>
#include <pango/pangoft2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "fonts.h"
#include "kinsoku.h"
#include "tree.h"
#include "util.h"

#define MM(v) ((v)*72.0 / 25.4)
#define PU(v) ((int)lround((v)*PANGO_SCALE)) /* points to pango units */
#define PT(v) ((double)(v) / PANGO_SCALE)    /* pango units to points */

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
	int words;        /* keep words whole where a break between words fits (table cells,
	                     unless justified) */
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
	double pw, ph;         /* physical page size */
	double fw, fh;         /* page size in the flow frame */
	double ml, mr, mt, mb; /* margins in the flow frame */
	double y;              /* flow y of the next line's box */
	double body;           /* body size in points */
	double spacing;        /* baseline pitch as a multiple of the size */
	int vertical;          /* 縦書き */
	int very_strict;       /* JLReq kinsoku level */
	int open_half;         /* an opening bracket starting a paragraph keeps its blank half */
	double latin_space;    /* 和欧間 in 字 */
	const struct kb_node *header, *footer, *mark, *watermark;
	double last_x, last_y, last_h,
	    last_em; /* the last line emitted: end, box top, box height, em */
	/*
	 * Page numbers for <page-number/> and <page-count/>: in the body the
	 * page being filled and the count of a first pass; in header and
	 * footer the page they are drawn on.
	 */
	int page_no;    /* the page a counter in the furniture stands on; 0 in the body */
	int page_count; /* what <page-count/> prints */
	int count_used; /* the body printed <page-count/>: lay out again once it is known */
	/*
	 * Structure tags (dl.h): an element's TAG_BEGIN waits here until its
	 * first content (or its end), so that a page break taken before the
	 * content (need_space) leaves no empty part of it on the old page.
	 */
	const char **pending; /* names, outermost first */
	size_t npending, cappending;
	int artifact; /* inside page furniture: no structure tags */
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

/* Emits the TAG_BEGINs waiting for content onto the current page. */
static void
flush_tags(struct flow *f)
{
	for (size_t i = 0; i < f->npending; i++)
		kb_dl_add_tag(f->page, KB_DL_TAG_BEGIN, f->pending[i]);
	f->npending = 0;
}

/* Opens the structure element name (a string constant) around what is laid out next. */
static void
tag_begin(struct flow *f, const char *name)
{
	if (f->artifact)
		return;
	kb_grow((void **)&f->pending, &f->cappending, f->npending + 1, sizeof(*f->pending));
	f->pending[f->npending++] = name;
}

/* Closes the element tag_begin(f, name) opened; an element with no content is still one. */
static void
tag_end(struct flow *f, const char *name)
{
	if (f->artifact)
		return;
	flush_tags(f);
	kb_dl_add_tag(f->page, KB_DL_TAG_END, name);
}

/* What is laid out between artifact_begin and artifact_end is page furniture, not structure. */
static void
artifact_begin(struct flow *f)
{
	flush_tags(f);
	if (f->artifact++ == 0)
		kb_dl_add_tag(f->page, KB_DL_TAG_BEGIN, KB_DL_ARTIFACT);
}

static void
artifact_end(struct flow *f)
{
	assert(f->artifact > 0);
	if (--f->artifact == 0)
		kb_dl_add_tag(f->page, KB_DL_TAG_END, KB_DL_ARTIFACT);
}

static void
add_rect(struct flow *f, double x, double y, double w, double h, double width, double gray,
         int fill)
{
	struct kb_dl_item *it;

	flush_tags(f);
	it = kb_dl_add(f->page, KB_DL_RECT);
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
	struct kb_dl_item *it;

	flush_tags(f);
	it = kb_dl_add(f->page, KB_DL_LINE);
	to_page(f, x0, y0, &it->u.line.x0, &it->u.line.y0);
	to_page(f, x1, y1, &it->u.line.x1, &it->u.line.y1);
	it->u.line.width = width;
	it->u.line.dash = dash;
}

/* ---- text from the tree --------------------------------------------------- */

/*
 * Collects the inline content of n into b with pango attributes: <em> →
 * ゴシック, <nobr> → no line break inside, <br/> → a line break. A nested
 * <list> of an <li> and the <p>s of a form row are not inline content.
 */
static void
collect_inline(struct flow *f, const struct kb_node *n, kb_buf *b, PangoAttrList *attrs)
{
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		switch (c->kind) {
		case KB_NODE_TEXT:
			kb_buf_puts(b, c->u.text.text);
			break;
		case KB_NODE_EM:
		case KB_NODE_NOBR: {
			size_t start = b->len;
			PangoAttribute *a;
			collect_inline(f, c, b, attrs);
			a = c->kind == KB_NODE_EM ? pango_attr_family_new(KB_FONT_GOTHIC)
			                          : pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)start;
			a->end_index = (guint)b->len;
			pango_attr_list_insert(attrs, a);
			break;
		}
		case KB_NODE_BR:
			kb_buf_puts(b, "\n");
			break;
		case KB_NODE_PAGE_NUMBER:
			kb_buf_printf(b, "%d", f->page_no ? f->page_no : (int)f->dl->npages);
			break;
		case KB_NODE_PAGE_COUNT:
			kb_buf_printf(b, "%d", f->page_count);
			f->count_used = 1;
			break;
		default:
			break;
		}
	}
}

/* ---- line composition -------------------------------------------------------- */

/*
 * Pango shapes; kobun breaks and adjusts. A paragraph is shaped once on
 * one line per forced break; its clusters ("units") are then set in lines
 * after JLReq: 禁則 and 分離禁止 come as pango's break opportunities (the
 * attributes of kinsoku.c), the blank halves of brackets and 、。 are
 * dropped at the line edges and shrink inside a line when 禁則 forbids the
 * natural break (追い込み, tried before pushing a character out), and
 * justification adds space between Japanese characters, never inside a
 * Latin word or a digit run. Table cells prefer breaks between words.
 */

/*
 * Where the lines of a paragraph in style st stand, in points from the
 * left of its box: the first line at left + indent; with hanging, later
 * lines hanging further in than the first, otherwise back at left.
 * *first and *later are the offsets of the first and the later lines,
 * *right the right inset.
 */
static void
indents(const struct style *st, double *first, double *later, double *right)
{
	double em = st->size;

	*first = (st->left + st->indent) * em;
	*later = st->hanging > 0 ? *first + st->hanging * em : st->left * em;
	*right = st->right * em;
}

/* A cluster of the shaped paragraph: the unit of line breaking and spacing. */
struct unit {
	int start, end;      /* its bytes in the text */
	PangoLayoutRun *run; /* the run holding its glyphs */
	int g0, ng;          /* its glyphs: run->glyphs->glyphs[g0 .. g0 + ng) */
	double w;            /* natural advance, blank halves included */
	double gap;          /* 和欧間 before it, unless it starts a line */
	double before;       /* blank half before the ink (full-width opening bracket) */
	double after;        /* blank half after the ink (full-width closing bracket, 、 or 。) */
	unsigned brk : 1;    /* a line may break before it */
	unsigned q : 2;      /* in a table cell, how good a break before it is: 3 between words
	                        (after a space or punctuation, before 「), 2 between phrases of a
	                        long word (after kana, between kanji and katakana), 1 inside a long
	                        word, 0 inside a short word or nowhere (a name, 重要度) */
	unsigned space : 1;  /* a space (ASCII or 全角): it hangs past a line end */
	unsigned first : 1;  /* the first of a segment (after a forced break) */
	unsigned keep : 1;   /* an opening bracket starting a paragraph that keeps its blank half */
	unsigned squeeze : 1; /* its blank may shrink inside a line (not after 。) */
	unsigned word : 1;    /* a Latin letter, digit or sign: no justification inside a run */
	unsigned punct : 1;   /* punctuation or a bracket, for widow control */
};

/* The composed lines of a paragraph, in points from the left and top of its box. */
struct lines {
	PangoLayout *l; /* referenced; holds the runs the units point into */
	int n;
	double *x;      /* left end of each line */
	double *top;    /* top of each line (without leading) */
	double *bot;    /* bottom */
	double *base;   /* baseline */
	double half;    /* half the leading: the box of line i is [top - half, bot + half] */
	double width;   /* right end of the longest line */
	struct unit *u; /* every unit, in text order */
	int nu;
	int *from;   /* line i shows units [from[i], from[i + 1]) */
	double *pen; /* pen x of each unit's first glyph */
};

/* A pango layout of text in style st on one line per forced break. */
static PangoLayout *
make_layout(struct flow *f, const char *text, PangoAttrList *attrs, const struct style *st)
{
	PangoLayout *l = pango_layout_new(f->vertical ? f->lo->vctx : f->lo->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	PangoAttrList *all = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();

	pango_font_description_set_family_static(fd, st->family);
	pango_font_description_set_size(fd, PU(st->size));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, -1);
	pango_layout_set_text(l, text, -1);
	kb_kinsoku_attrs(text, all, f->very_strict);
	pango_layout_set_attributes(l, all);
	pango_attr_list_unref(all);
	return l;
}

/* Only full-width marks carry a blank half (U+3000 and up: 「」（）、。). */
static int
wide(gunichar c)
{
	return c >= 0x3000;
}

/* Fills the spacing facts of unit u, whose first character is c and size em. */
static void
classify(struct unit *u, gunichar c, double em)
{
	enum kb_jclass k = kb_jclass(c);
	/* A mark already set at half width (a pair 」。 shaped with halt) has no blank left. */
	double blank = u->w > 0.75 * em ? u->w - 0.5 * em : 0;

	/* Latin letters, digits and their signs (1,500, https://…) are set solid together. */
	u->word = c > ' ' && c < 0x3000 && g_unichar_type(c) != G_UNICODE_SPACE_SEPARATOR;
	u->punct = k != KB_CL_OTHER && k != KB_CL_LATIN && k != KB_CL_DIGIT;
	if (!wide(c))
		return;
	if (k == KB_CL_OPEN) {
		u->before = blank;
		u->squeeze = 1;
	} else if (k == KB_CL_CLOSE || k == KB_CL_COMMA || k == KB_CL_FULLSTOP) {
		u->after = blank;
		u->squeeze = k != KB_CL_FULLSTOP;
	}
}

/* Cuts the shaped layout into units; *seg receives, per forced-break segment, its first unit. */
static void
units_of(struct flow *f, struct lines *ls, int **seg, int *nseg)
{
	const char *text = pango_layout_get_text(ls->l);
	int nattrs, line = 0;
	const char *cp = text;
	long ci = 0;
	size_t cap = 0;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(ls->l, &nattrs);
	GSList *lines = pango_layout_get_lines_readonly(ls->l);

	*nseg = g_slist_length(lines);
	*seg = kb_calloc((size_t)*nseg + 1, sizeof(**seg));
	for (GSList *ll = lines; ll != NULL; ll = ll->next, line++) {
		PangoLayoutLine *pl = ll->data;
		(*seg)[line] = ls->nu;
		for (GSList *r = pl->runs; r != NULL; r = r->next) {
			PangoLayoutRun *run = r->data;
			PangoGlyphString *gs = run->glyphs;
			double em = font_memo(f->lo, run->item->analysis.font)->size;
			for (int g = 0; g < gs->num_glyphs;) {
				struct unit *u;
				int start = gs->log_clusters[g], e = g;
				gunichar c;
				while (e < gs->num_glyphs && gs->log_clusters[e] == start)
					e++;
				kb_grow((void **)&ls->u, &cap, (size_t)ls->nu + 1, sizeof(*ls->u));
				u = &ls->u[ls->nu++];
				memset(u, 0, sizeof(*u));
				u->run = run;
				u->g0 = g;
				u->ng = e - g;
				u->start = run->item->offset + start;
				u->end =
				    run->item->offset +
				    (e < gs->num_glyphs ? gs->log_clusters[e] : run->item->length);
				for (int k = g; k < e; k++)
					u->w += PT(gs->glyphs[k].geometry.width);
				c = g_utf8_get_char(text + u->start);
				/* Units come in text order: count characters from the last one. */
				if (text + u->start < cp)
					cp = text, ci = 0;
				ci += g_utf8_pointer_to_offset(cp, text + u->start);
				cp = text + u->start;
				u->brk = ci < nattrs && attrs[ci].is_line_break;
				classify(u, c, em);
				u->first = ls->nu - 1 == (*seg)[line];
				g = e;
			}
		}
	}
	(*seg)[*nseg] = ls->nu;
}

/* Words of up to this many characters are never broken in a table cell (names, 重要度,
 * 封じ込め済み). */
#define SHORT_WORD 8

static int
hiragana(gunichar c)
{
	return c >= 0x3041 && c <= 0x309F;
}

static int
kanji(gunichar c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005;
}

static int
katakana(gunichar c)
{
	return (c >= 0x30A1 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF);
}

/*
 * What depends on the unit before: no blank half of a bracket or 、。
 * before a 全角スペース (JLReq 3.1.6); the starts of words, for cells
 * (after a space, punctuation or a closing bracket, or at an opening one).
 */
static void
neighbours(struct lines *ls)
{
	const char *text = pango_layout_get_text(ls->l);

	for (int k = 0; k < ls->nu; k++) {
		struct unit *u = &ls->u[k], *p = k > 0 ? &ls->u[k - 1] : NULL;
		gunichar c = g_utf8_get_char(text + u->start);
		if (p != NULL && p->after > 0 && c == 0x3000) {
			p->w -= p->after;
			p->after = 0;
		}
		if (p != NULL && u->brk) {
			gunichar pc = g_utf8_get_char(text + p->start);
			enum kb_jclass pk = kb_jclass(pc), ck = kb_jclass(c);
			if (p->space || u->space || pk == KB_CL_CLOSE || pk == KB_CL_COMMA ||
			    pk == KB_CL_FULLSTOP || pk == KB_CL_MIDDLE || pk == KB_CL_DIVIDING ||
			    ck == KB_CL_OPEN)
				u->q = 3;
			else if ((hiragana(pc) && !hiragana(c) && !u->punct) ||
			         (kanji(pc) && katakana(c)) || (katakana(pc) && kanji(c)))
				u->q = 2;
			else
				u->q = 1;
		}
	}
	/* Inside a short word no break is good. A forced break ends a word. */
	for (int s = 0, e; s < ls->nu; s = e) {
		for (e = s + 1; e < ls->nu && ls->u[e].q != 3 && !ls->u[e].first; e++)
			;
		if (e - s <= SHORT_WORD)
			for (int k = s + 1; k < e; k++)
				ls->u[k].q = 0;
	}
}

/* The end of line [s, e) without its trailing spaces (they hang past the measure, as in CSS). */
static int
ink_end(const struct lines *ls, int s, int e)
{
	while (e > s + 1 && ls->u[e - 1].space)
		e--;
	return e;
}

/*
 * The natural width of units [s, e) set as one line, its edge blanks and
 * trailing spaces dropped; *shrink (may be NULL) receives how much of it
 * may be squeezed.
 */
static double
span_width(const struct lines *ls, int s, int e, double *shrink)
{
	double w = 0, sh = 0;

	e = ink_end(ls, s, e);
	for (int k = s; k < e; k++) {
		const struct unit *u = &ls->u[k];
		double b = k == s && !u->keep ? 0 : u->before, a = k == e - 1 ? 0 : u->after;
		w += u->w - (u->before - b) - (u->after - a) + (k > s ? u->gap : 0);
		if (u->squeeze) /* a kept half at a paragraph start is not squeezed */
			sh += (k == s ? 0 : b) + a;
	}
	if (shrink != NULL)
		*shrink = sh;
	return w;
}

/*
 * The end of a line from unit s in [s + 1, e] for width w; -1 when no
 * break fits. As JIS X 4051 adjusts a line: the natural break (as much as
 * fits unsqueezed) when 禁則 allows it, else the first allowed break after
 * it that fits once the blank halves of brackets and 、 are squeezed
 * (追い込み, preferred), else the last allowed break before it (追い出し).
 * In a table cell (words) the last fitting break between words when it
 * fills 3/5 of the line, else between phrases of a long word when it
 * fills half, else inside a long word (prose), else between words or
 * phrases however short the line, and inside a short word only when
 * nothing else fits.
 */
static int
line_end(const struct lines *ls, int s, int e, double w, int words)
{
	int best[4] = {-1, -1, -1, -1}, natural = s, squeezed = -1;
	double fill[4] = {0, 0, 0, 0};

	for (int k = s + 1; k <= e; k++) {
		double sh, nat = span_width(ls, s, k, &sh);
		int brk = k == e || ls->u[k].brk;
		if (nat - sh > w + 0.01)
			break;
		if (nat <= w + 0.01)
			natural = k;
		else if (brk && squeezed < 0)
			squeezed = k;
		if (k == e && (words || natural == e))
			return e;
		if (brk) {
			int q = words ? ls->u[k].q : 3;
			best[q] = k, fill[q] = nat;
		}
	}
	if (!words) {
		int allowed = natural > s && (natural == e || ls->u[natural].brk);
		return allowed                              ? natural
		       : squeezed >= 0                      ? squeezed
		       : best[3] >= 0 && best[3] <= natural ? best[3]
		                                            : -1;
	}
	if (best[3] >= 0 && fill[3] >= 0.6 * w)
		return best[3];
	if (best[2] >= 0 && fill[2] >= 0.5 * w)
		return best[2];
	if (best[1] >= 0)
		return best[1];
	return best[3] >= 0 ? best[3] : best[2] >= 0 ? best[2] : best[0];
}

/*
 * Breaks units [s, e) of one segment into lines of the given widths
 * (first for the segment's first line; 0: unlimited); appends the starts
 * to from. words keeps words whole where a break between words fits (table
 * cells); a line with no break that fits is cut at the last cluster that
 * fits (a URL in a narrow cell).
 */
static void
break_lines(struct lines *ls, int s, int e, double first, double later, int words, int *nl,
            int **from, size_t *cap)
{
	int n0 = *nl;

	do {
		double w = *nl == n0 ? first : later;
		int best = w > 0 ? line_end(ls, s, e, w, words) : e;
		if (best < 0) {
			best = s + 1;
			while (best < e && span_width(ls, s, best + 1, NULL) <= w + 0.01)
				best++;
		}
		kb_grow((void **)from, cap, (size_t)*nl + 2, sizeof(**from));
		(*from)[(*nl)++] = s;
		s = best;
	} while (s < e);
}

/* Whether units [s, e) make a widow: fewer than 3 of them, or one character and punctuation. */
static int
widow(const struct lines *ls, int s, int e)
{
	int chars = 0;

	e = ink_end(ls, s, e);
	for (int k = s; k < e; k++)
		chars += !ls->u[k].punct;
	return e - s < 3 || chars <= 1;
}

/*
 * Moves the last break of a segment back when its last line is a widow,
 * to the nearest earlier break that leaves none and keeps at least half
 * the units of the line above.
 */
static void
fix_widow(struct lines *ls, int *from, int nl, int e, int words)
{
	int a, b;

	if (nl < 2)
		return;
	a = from[nl - 2], b = from[nl - 1];
	if (!widow(ls, b, e))
		return;
	/* In a table cell, a break between phrases first, then inside a long word. */
	for (int q = words ? 2 : 0; q >= (words ? 1 : 0); q--)
		for (int k = b - 1; k > a + (b - a) / 2; k--)
			if (ls->u[k].brk && (!words || ls->u[k].q >= q) && !widow(ls, k, e)) {
				from[nl - 1] = k;
				return;
			}
}

/*
 * Prefix sums over the units of a paragraph, so that the width of any span
 * is found in constant time (span_fast): sums of advances, of 和欧間 gaps
 * and of the blank halves that may be squeezed; nb[k] is where a line
 * ending before unit k ends its ink (trailing spaces hang).
 */
struct sums {
	double *w, *gap, *sq;
	int *ink;
};

static void
sums_new(const struct lines *ls, struct sums *p)
{
	p->w = kb_calloc((size_t)ls->nu + 1, sizeof(double));
	p->gap = kb_calloc((size_t)ls->nu + 1, sizeof(double));
	p->sq = kb_calloc((size_t)ls->nu + 1, sizeof(double));
	p->ink = kb_calloc((size_t)ls->nu + 1, sizeof(int));
	for (int k = 0; k < ls->nu; k++) {
		const struct unit *u = &ls->u[k];
		p->w[k + 1] = p->w[k] + u->w;
		p->gap[k + 1] = p->gap[k] + u->gap;
		p->sq[k + 1] = p->sq[k] + (u->squeeze ? u->before + u->after : 0);
		p->ink[k + 1] = u->space ? p->ink[k] : k + 1;
	}
}

static void
sums_free(struct sums *p)
{
	free(p->w), free(p->gap), free(p->sq), free(p->ink);
}

/* span_width(ls, s, e, shrink) from the prefix sums. */
static double
span_fast(const struct lines *ls, const struct sums *p, int s, int e, double *shrink)
{
	const struct unit *a = &ls->u[s], *z;
	double w, sh;

	e = p->ink[e] > s + 1 ? p->ink[e] : s + 1;
	z = &ls->u[e - 1];
	w = p->w[e] - p->w[s] + p->gap[e] - p->gap[s + 1] - (a->keep ? 0 : a->before) - z->after;
	sh = p->sq[e] - p->sq[s] - (a->squeeze ? a->before : 0) - (z->squeeze ? z->after : 0);
	if (e - 1 == s) /* one unit: both ends are the same */
		sh = 0;
#ifdef KB_CHECK
	{
		double sh2, w2 = span_width(ls, s, e, &sh2);
		assert(fabs(w - w2) < 1e-6 && fabs(sh - sh2) < 1e-6);
	}
#endif
	*shrink = sh;
	return w;
}

/*
 * The cost of a line of prose, units [s, k) of a segment ending at e, set
 * w wide; em is the body size. As JIS X 4051 ranks the ways to end a line:
 * where it ends naturally (the next unit would not fit) only the space
 * justification adds counts; squeezing the blank halves of brackets and
 * 、 (追い込み) costs more; a line left short so that its last character
 * starts the next (追い出し) more still. The last line is free unless it
 * is a widow (fewer than 3 units, or one character and punctuation).
 */
static double
line_cost(const struct lines *ls, const struct sums *p, int s, int k, int e, int first, double w,
          double em)
{
	double sh, nat = span_fast(ls, p, s, k, &sh), c;

	if (nat > w + 0.01) {
		double r = sh > 0 ? (nat - w) / sh : 1;
		c = 20 + 10 * r * r;
	} else if (k == e) {
		c = 0;
	} else {
		double sh2, slack = (w - nat) / em;
		int shortened = span_fast(ls, p, s, k + 1, &sh2) <= w + 0.01;
		c = (shortened ? 40 : 0) + 10 * slack * slack;
	}
	if (k == e && !first && widow(ls, s, e))
		c += 1000;
	return c;
}

/*
 * Breaks units [s, e) of one segment of prose into lines (first wide for
 * its first line, later for the others), choosing the breaks of the whole
 * segment together for the least total line_cost (total fit, in the
 * manner of Knuth and Plass): a paragraph pushes a character or two
 * down early rather than ending on a lone 「う。」. Where no break of 禁則
 * fits a line it is cut at the last cluster that fits. Appends the line
 * starts to from.
 */
static void
break_total(struct lines *ls, int s, int e, double first, double later, double em, int *nl,
            int **from, size_t *cap)
{
	int n = e - s, *prev = kb_malloc(((size_t)n + 1) * sizeof(int)), *stack, depth = 0;
	double *best = kb_malloc(((size_t)n + 1) * sizeof(double));
	struct sums p;

	sums_new(ls, &p);
	for (int i = 0; i <= n; i++)
		best[i] = HUGE_VAL, prev[i] = -1;
	best[0] = 0;
	for (int a = s; a < e; a++) {
		double w = a == s ? first : later;
		int fit = a + 1, any = 0;
		if (best[a - s] == HUGE_VAL)
			continue;
		for (int k = a + 1; k <= e; k++) {
			double sh, nat = span_fast(ls, &p, a, k, &sh), c;
			if (nat - sh > w + 0.01)
				break;
			if (nat <= w + 0.01)
				fit = k;
			if (k < e && !ls->u[k].brk)
				continue;
			c = best[a - s] + line_cost(ls, &p, a, k, e, a == s, w, em);
			any = 1;
			if (c < best[k - s])
				best[k - s] = c, prev[k - s] = a;
		}
		/* No break fits: cut where the units stop fitting (a long URL or number). */
		if (!any && best[a - s] + 10000 < best[fit - s])
			best[fit - s] = best[a - s] + 10000, prev[fit - s] = a;
	}
	stack = kb_malloc(((size_t)n + 1) * sizeof(int));
	for (int k = e; k > s; k = prev[k - s])
		stack[depth++] = prev[k - s];
	kb_grow((void **)from, cap, (size_t)*nl + (size_t)depth + 1, sizeof(**from));
	while (depth > 0)
		(*from)[(*nl)++] = stack[--depth];
	free(stack), free(best), free(prev);
	sums_free(&p);
}

/* No justification space between units u and v. */
static int
solid(const struct unit *u, const struct unit *v)
{
	return (u->word && v->word) || u->before > 0 || v->after > 0;
}

/*
 * Sets the pen of units [s, e) as one line width points wide (0: its
 * natural width) starting at x: edge blanks dropped, squeezed to fit,
 * then, when just, spread over the gaps between Japanese characters.
 * Returns the right end (trailing spaces hang past it).
 */
static double
set_line(struct lines *ls, int s, int e, double x, double width, int just)
{
	double sh, nat = span_width(ls, s, e, &sh), r = 0, add = 0, end = x;
	int gaps = 0, all = 0, ie = ink_end(ls, s, e);

	if (width > 0 && nat > width && sh > 0)
		r = fmin(1, (nat - width) / sh);
	if (width > 0 && just && nat < width) {
		for (int k = s; k + 1 < ie; k++)
			gaps += !solid(&ls->u[k], &ls->u[k + 1]), all++;
		/* A line of one Latin word: spread it letter by letter after all. */
		if (gaps == 0)
			gaps = all, all = -1;
		add = gaps > 0 ? (width - nat) / gaps : 0;
	}
	for (int k = s; k < e; k++) {
		const struct unit *u = &ls->u[k];
		double db = k == s ? (u->keep ? 0 : u->before) : u->squeeze ? r * u->before : 0;
		double da = k == ie - 1 ? u->after : u->squeeze ? r * u->after : 0;
		x += k > s ? u->gap : 0;
		ls->pen[k] = x - db;
		x += u->w - db - da;
		if (k + 1 == ie)
			end = x;
		if (k + 1 < ie && add > 0 && (all < 0 || !solid(u, &ls->u[k + 1])))
			x += add;
	}
	return end;
}

/*
 * The min-content width of ls (CSS): its widest word that a table cell
 * keeps whole, a long word counting as cap at most.
 */
static double
min_content(const struct lines *ls, double cap)
{
	double m = 0;

	for (int s = 0, e; s < ls->nu; s = e) {
		for (e = s + 1; e < ls->nu && !ls->u[e].first && !(ls->u[e].brk && ls->u[e].q == 3);
		     e++)
			;
		m = fmax(m, fmin(span_width(ls, s, e, NULL), cap));
	}
	return m;
}

/* The extents of a shaped line: *h its logical height, *asc its ascent. */
static void
line_height(PangoLayout *l, int i, double *h, double *asc)
{
	PangoRectangle r;

	pango_layout_line_get_extents(pango_layout_get_line_readonly(l, i), NULL, &r);
	*h = PT(r.height);
	*asc = PT(-r.y);
}

/*
 * Lays out text (with attrs, may be NULL) in style st into lines for a box
 * width points wide (-1: unlimited), the indents of st applied inside the
 * box; the caller frees them.
 */
static struct lines *
text_lines(struct flow *f, const char *text, PangoAttrList *attrs, const struct style *st,
           double width)
{
	struct lines *ls = kb_calloc(1, sizeof(*ls));
	double first, later, right, spacing = st->size * (f->spacing - 1), y = 0, *lens;
	/* Justified prose fills its lines, even in a cell. */
	int words = st->words && !st->justify;
	int *seg, nseg, nl = 0, *segof = NULL;
	size_t cap = 0, scap = 0;

	ls->l = make_layout(f, text, attrs, st);
	units_of(f, ls, &seg, &nseg);
	neighbours(ls);
	if (f->open_half && ls->nu > 0)
		ls->u[0].keep = 1;
	/* 和欧間: between a Japanese letter and a Latin letter or digit, either way round. */
	for (int k = 1; f->latin_space > 0 && k < ls->nu; k++) {
		const struct unit *p = &ls->u[k - 1], *u = &ls->u[k];
		int pj = !p->word && !p->punct && !p->space,
		    uj = !u->word && !u->punct && !u->space;
		if ((pj && u->word) || (p->word && uj))
			ls->u[k].gap = f->latin_space * st->size;
	}
	indents(st, &first, &later, &right);
	for (int g = 0; g < nseg; g++) {
		int l0 = nl;
		double fw = width > 0 ? fmax(width - first - right, st->size) : 0;
		double lw = width > 0 ? fmax(width - later - right, st->size) : 0;
		if (seg[g] == seg[g + 1]) {
			kb_grow((void **)&ls->from, &cap, (size_t)nl + 2, sizeof(*ls->from));
			ls->from[nl++] = seg[g];
		} else if (width > 0 && !words) {
			break_total(ls, seg[g], seg[g + 1], fw, lw, st->size, &nl, &ls->from, &cap);
		} else {
			break_lines(ls, seg[g], seg[g + 1], fw, lw, words, &nl, &ls->from, &cap);
			if (width > 0)
				fix_widow(ls, ls->from + l0, nl - l0, seg[g + 1], words);
		}
		kb_grow((void **)&segof, &scap, (size_t)nl, sizeof(*segof));
		for (int i = l0; i < nl; i++)
			segof[i] = g;
	}
	ls->from[nl] = ls->nu;
	ls->n = nl;
	ls->x = kb_calloc((size_t)nl, sizeof(double));
	ls->top = kb_calloc((size_t)nl, sizeof(double));
	ls->bot = kb_calloc((size_t)nl, sizeof(double));
	ls->base = kb_calloc((size_t)nl, sizeof(double));
	ls->pen = kb_calloc((size_t)ls->nu + 1, sizeof(double));
	ls->half = spacing / 2;
	lens = kb_calloc((size_t)nl, sizeof(double));
	for (int i = 0; i < nl; i++) {
		int s = ls->from[i], e = ls->from[i + 1];
		/* The last line of a segment is not justified, unless 均等割り. */
		int last = i + 1 == nl || segof[i + 1] != segof[i];
		int just = st->justify && (!last || st->justify_last);
		/* Each segment's first line starts where the paragraph's does. */
		double h, asc, x0 = i == 0 || segof[i - 1] != segof[i] ? first : later;
		double w = width > 0 ? fmax(width - x0 - right, st->size) : 0, len;
		line_height(ls->l, segof[i], &h, &asc);
		ls->top[i] = y;
		ls->bot[i] = y + h;
		ls->base[i] = y + asc;
		y += h + spacing;
		len = e > s ? set_line(ls, s, e, 0, w, just) : 0;
		if (!just && w > 0) {
			if (st->align == PANGO_ALIGN_RIGHT)
				x0 += w - len;
			else if (st->align == PANGO_ALIGN_CENTER)
				x0 += (w - len) / 2;
		}
		for (int k = s; k < e; k++)
			ls->pen[k] += x0;
		ls->x[i] = x0;
		if (x0 + len > ls->width)
			ls->width = x0 + len;
		lens[i] = len;
	}
	/* Without a width, right and centred lines align on the longest. */
	for (int i = 0; width <= 0 && st->align != PANGO_ALIGN_LEFT && i < nl; i++) {
		double d = ls->width - ls->x[i] - lens[i];
		d = st->align == PANGO_ALIGN_CENTER ? d / 2 : d;
		ls->x[i] += d;
		for (int k = ls->from[i]; k < ls->from[i + 1]; k++)
			ls->pen[k] += d;
	}
	free(lens);
	free(segof);
	free(seg);
	return ls;
}

static void
lines_free(struct lines *ls)
{
	if (ls == NULL)
		return;
	g_object_unref(ls->l);
	free(ls->x), free(ls->top), free(ls->bot), free(ls->base);
	free(ls->u), free(ls->from), free(ls->pen);
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

/* A white-space character that text extraction drops when it stands alone (U+3000, U+00A0 …). */
static int
lone_blank(const char *s, int n)
{
	gunichar c = g_utf8_get_char(s);

	return c != ' ' && g_utf8_next_char(s) == s + n &&
	       g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR;
}

/*
 * Joins every cluster that is a lone U+3000 (or other non-ASCII space)
 * to the cluster before it, or after it at the start of a run: poppler
 * and other extractors drop a white-space character that maps alone, so
 * 「小林　優太」 would extract as 「小林 優太」 or two words; within a
 * cluster of several characters it stays.
 */
static void
join_blanks(struct kb_dl_item *it)
{
	struct kb_dl_cluster *cl = it->u.run.clusters;
	int n = it->u.run.nclusters, k = 0, lead = 0;
	size_t off = 0;

	for (int i = 0; i < n; i++) {
		int blank = lone_blank(it->u.run.text + off, cl[i].nbytes);
		off += (size_t)cl[i].nbytes;
		/* lead: the run began with blanks and no other character has joined them yet. */
		if (k > 0 && (blank || lead)) {
			cl[k - 1].nbytes += cl[i].nbytes;
			cl[k - 1].nglyphs += cl[i].nglyphs;
			lead = lead && blank;
		} else {
			cl[k++] = cl[i];
			lead = blank;
		}
	}
	it->u.run.nclusters = k;
}

/* Emits units [s, e) of ls, all of one pango run, as a display-list glyph run with its cluster map.
 */
static void
emit_units(struct flow *f, const struct lines *ls, int s, int e, double x, double baseline)
{
	PangoLayoutRun *run = ls->u[s].run;
	PangoGlyphString *gs = run->glyphs;
	const char *text = pango_layout_get_text(ls->l);
	const struct fontmemo *fm = font_memo(f->lo, run->item->analysis.font);
	struct kb_dl_item *it;
	int ng = 0, nc = 0, nglyphs = 0;

	for (int k = s; k < e; k++)
		nglyphs += ls->u[k].ng;
	if (nglyphs == 0)
		return;
	flush_tags(f);
	it = kb_dl_add(f->page, KB_DL_GLYPHS);
	it->u.run.font = fm->id;
	it->u.run.size = fm->size;
	it->u.run.flags = f->vertical ? KB_DL_VERTICAL : 0;
	it->u.run.text =
	    kb_strndup(text + ls->u[s].start, (size_t)(ls->u[e - 1].end - ls->u[s].start));
	it->u.run.textlen = (size_t)(ls->u[e - 1].end - ls->u[s].start);
	it->u.run.glyphs = kb_calloc((size_t)nglyphs, sizeof(struct kb_dl_glyph));
	it->u.run.clusters = kb_calloc((size_t)(e - s), sizeof(struct kb_dl_cluster));
	for (int k = s; k < e; k++) {
		const struct unit *u = &ls->u[k];
		double pen = x + ls->pen[k];
		it->u.run.clusters[nc].nbytes = u->end - u->start;
		it->u.run.clusters[nc].nglyphs = 0;
		nc++;
		for (int i = u->g0; i < u->g0 + u->ng; i++) {
			PangoGlyphInfo *g = &gs->glyphs[i];
			if (g->glyph != PANGO_GLYPH_EMPTY) {
				struct kb_dl_glyph *dg = &it->u.run.glyphs[ng++];
				dg->id = (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : g->glyph;
				/* In vertical writing pango's offsets already place the upright
				 * glyph in its cell of the turned frame. */
				to_page(f, pen + PT(g->geometry.x_offset),
				        baseline + PT(g->geometry.y_offset), &dg->x, &dg->y);
				it->u.run.clusters[nc - 1].nglyphs++;
			}
			pen += PT(g->geometry.width);
		}
	}
	it->u.run.nglyphs = ng;
	it->u.run.nclusters = nc;
	join_blanks(it);
}

/* Emits line i of ls with its box's top at flow y ytop and the box's left edge at x. */
static void
emit_line(struct flow *f, const struct lines *ls, int i, double x, double ytop)
{
	double baseline = ytop + ls->half + (ls->base[i] - ls->top[i]);
	int s = ls->from[i], e = ls->from[i + 1];

	for (int k = s; k < e;) {
		int j = k + 1;
		while (j < e && ls->u[j].run == ls->u[k].run)
			j++;
		emit_units(f, ls, k, j, x, baseline);
		k = j;
	}
	/* Remembered for a seal that overlaps the last character of a name. */
	f->last_x = e > s ? x + ls->pen[e - 1] + ls->u[e - 1].w - ls->u[e - 1].after : x + ls->x[i];
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
	struct style st = {PANGO_ALIGN_LEFT, 0, 0, 0, 0, 0, 0, 0, KB_FONT_MINCHO, f->body};
	return st;
}

/* Sets the alignment of st from a parsed align attribute (UNSET leaves it). */
static void
set_align(struct style *st, enum kb_align a)
{
	switch (a) {
	case KB_ALIGN_LEFT:
	case KB_ALIGN_TOP:
		st->align = PANGO_ALIGN_LEFT, st->justify = 0;
		break;
	case KB_ALIGN_RIGHT:
	case KB_ALIGN_BOTTOM:
		st->align = PANGO_ALIGN_RIGHT, st->justify = 0;
		break;
	case KB_ALIGN_CENTER:
		st->align = PANGO_ALIGN_CENTER, st->justify = 0;
		break;
	case KB_ALIGN_JUSTIFY:
		st->align = PANGO_ALIGN_LEFT, st->justify = 1;
		break;
	case KB_ALIGN_UNSET:
		break;
	}
}

static void
set_face(struct style *st, enum kb_face face)
{
	if (face != KB_FACE_UNSET)
		st->family = face == KB_FACE_GOTHIC ? KB_FONT_GOTHIC : KB_FONT_MINCHO;
}

/* The style attributes of a <p> over st; other kinds have none. */
static void
read_style(const struct kb_node *n, struct style *st)
{
	if (n->kind != KB_NODE_P)
		return;
	set_align(st, n->u.p.align);
	set_face(st, n->u.p.face);
	if (n->u.p.size >= 0)
		st->size = n->u.p.size;
	st->indent = n->u.p.indent;
	st->left = n->u.p.left_indent;
	st->right = n->u.p.right_indent;
	st->hanging = n->u.p.hanging;
}

/* Lays out the inline content of n as text_lines does; the caller frees the lines. */
static struct lines *
inline_lines(struct flow *f, const struct kb_node *n, const struct style *st, double width)
{
	kb_buf text = {0};
	PangoAttrList *attrs = pango_attr_list_new();
	struct lines *ls;

	collect_inline(f, n, &text, attrs);
	ls = text_lines(f, text.data ? text.data : "", attrs, st, width);
	pango_attr_list_unref(attrs);
	kb_buf_free(&text);
	return ls;
}

/*
 * How much of the block after n must share its page for n (a heading, or
 * a paragraph with keep-with-next) not to be left alone: a figure whole,
 * a table's header and first row, otherwise two lines.
 */
static double
next_need(struct flow *f, const struct kb_node *n)
{
	const struct kb_node *next = n ? n->next : NULL;

	if (next != NULL && next->kind == KB_NODE_FIGURE)
		return MM(next->u.figure.height) + 2 * pitch(f);
	if (next != NULL && (next->kind == KB_NODE_TABLE || next->kind == KB_NODE_FORM))
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
paragraph(struct flow *f, const struct kb_node *n, struct style st)
{
	int p = n->kind == KB_NODE_P;
	struct lines *ls;

	read_style(n, &st);
	f->y += (p ? n->u.p.space_before : 0) * pitch(f);
	ls = inline_lines(f, n, &st, measure(f));
	/* Keep with the next block: this and two lines of what follows. */
	if (p && (n->u.p.flags & KB_P_KEEP_WITH_NEXT))
		need_space(f, boxes(ls, 0, ls->n) + next_need(f, n));
	flow_lines(f, ls, f->ml);
	f->y += (p ? n->u.p.space_after : 0) * pitch(f);
	lines_free(ls);
}

/* A paragraph in an already resolved style (no attributes of n are read). */
static void
column_paragraph(struct flow *f, const struct kb_node *n, struct style st)
{
	struct lines *ls = inline_lines(f, n, &st, measure(f));

	flow_lines(f, ls, f->ml);
	lines_free(ls);
}

/* ---- blocks ----------------------------------------------------------------- */

static void
do_p(struct flow *f, const struct kb_node *n)
{
	tag_begin(f, "P");
	paragraph(f, n, body_style(f));
	tag_end(f, "P");
}

static void
do_title(struct flow *f, const struct kb_node *n)
{
	struct style st = body_style(f);

	st.align = PANGO_ALIGN_CENTER;
	st.family = KB_FONT_GOTHIC;
	st.size = f->body * 12.0 / 10.5;
	/* Long titles wrap with a 2字 inset on both sides. */
	st.left = st.right = 2;
	f->y += pitch(f);
	/* The title heads the structure: headings stand below it (H2, H3). */
	tag_begin(f, "H1");
	paragraph(f, n, st);
	tag_end(f, "H1");
	f->y += pitch(f);
}

/* 見出し: ゴシック, kept with what follows. */
static void
do_heading(struct flow *f, const struct kb_node *n)
{
	struct style st = body_style(f);
	struct lines *ls;
	int level = n->u.heading.level;
	const char *tag = level <= 1 ? "H2" : "H3";

	st.family = KB_FONT_GOTHIC;
	if (level <= 1)
		f->y += pitch(f) * 0.5;
	ls = inline_lines(f, n, &st, measure(f));
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
	tag_begin(f, tag);
	flow_lines(f, ls, f->ml);
	tag_end(f, tag);
	lines_free(ls);
}

static void
do_space(struct flow *f, const struct kb_node *n)
{
	f->y += n->u.space.lines * pitch(f);
	if (f->y > bottom(f))
		new_page(f);
}

static void
do_page_break(struct flow *f, const struct kb_node *n)
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
	ls = text_lines(f, text, NULL, &st, measure(f) - right * st.size);
	keep_lines(f, ls, f->ml);
	lines_free(ls);
}

/* 記: centred on its own line with a blank line before and after. */
static void
do_ki(struct flow *f, const struct kb_node *n)
{
	(void)n;
	f->y += pitch(f);
	need_space(f, 3 * pitch(f));
	tag_begin(f, "P");
	fixed_line(f, "記", PANGO_ALIGN_CENTER, 0);
	tag_end(f, "P");
	f->y += pitch(f);
}

/* 以上: right-aligned one 字 from the margin, after a blank line. */
static void
do_ijo(struct flow *f, const struct kb_node *n)
{
	(void)n;
	f->y += pitch(f);
	tag_begin(f, "P");
	fixed_line(f, "以上", PANGO_ALIGN_RIGHT, 1);
	tag_end(f, "P");
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
label_row(struct flow *f, double x, const char *num, double numw, const char *label, double labelw,
          double gap, const struct kb_node *content, const struct style *st)
{
	struct lines *ln = NULL, *ll = NULL, *lv;
	struct style ls = *st;
	double em = st->size, vx, top, h;

	if (num != NULL)
		ln = text_lines(f, num, NULL, st, numw * em + 1);
	if (label != NULL) {
		/* 均等割り: a label shorter than its column is spread over it. */
		ls.justify = ls.justify_last = chars(label) > 1;
		ll = text_lines(f, label, NULL, &ls, labelw * em);
	}
	vx = x + (numw > 0 ? numw + 1 : 0) * em + (labelw > 0 ? labelw + gap : 0) * em;
	lv = inline_lines(f, content, st, f->ml + measure(f) - vx);
	h = lv->n > 0 ? boxes(lv, 0, lv->n) : box(ll ? ll : ln, 0);
	if (h <= bottom(f) - f->mt)
		need_space(f, h);
	else
		need_space(f, lv->n > 0 ? box(lv, 0) : h);
	top = f->y;
	/* A list item: number and label are its Lbl, the content its LBody. */
	tag_begin(f, "LI");
	if (ln != NULL || ll != NULL) {
		tag_begin(f, "Lbl");
		if (ln != NULL)
			emit_line(f, ln, 0, x, top);
		if (ll != NULL)
			emit_line(f, ll, 0, x + (numw > 0 ? numw + 1 : 0) * em, top);
		tag_end(f, "Lbl");
	}
	tag_begin(f, "LBody");
	if (lv->n > 0)
		flow_lines(f, lv, vx);
	tag_end(f, "LBody");
	tag_end(f, "LI");
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
do_items(struct flow *f, const struct kb_node *n)
{
	struct style st = body_style(f);
	double labelw = 0, numw = 0;
	int autonum = (n->u.items.flags & KB_ITEMS_ARABIC) != 0, seq = 0, count = 0;

	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		const char *label = c->u.item.label, *num = c->u.item.num;
		count++;
		if (label != NULL && chars(label) > labelw)
			labelw = (double)chars(label);
		if (num != NULL && (double)chars(num) > numw)
			numw = (double)chars(num);
	}
	if (autonum && numw < 1)
		numw = count >= 10 ? 2 : 1;
	/* Half-width digits are half an em each. */
	numw = numw > 0 ? ceil(numw / 2) : 0;
	tag_begin(f, "L");
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char buf[16];
		const char *num = kb_item_number(c, autonum, ++seq, buf);
		label_row(f, f->ml + st.size, num, numw, c->u.item.label, labelw, 2, c, &st);
	}
	tag_end(f, "L");
}

char *
kb_list_label(int style, int k)
{
	static const char *const kana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ",
	                                   "コ", "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ",
	                                   "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ",
	                                   "フ", "ヘ", "ホ", "マ", "ミ", "ム", "メ", "モ", "ヤ",
	                                   "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ"};
	const int nk = (int)(sizeof(kana) / sizeof(kana[0]));

	switch ((enum kb_list_style)style) {
	case KB_LIST_PAREN:
		return kb_asprintf("(%d)", k);
	case KB_LIST_KATAKANA:
		return kb_strdup(kana[(k - 1) % nk]);
	case KB_LIST_PAREN_KATAKANA:
		return kb_asprintf("(%s)", kana[(k - 1) % nk]);
	case KB_LIST_CIRCLED: {
		/* ① … ⑳ then ㉑ … ㊿ */
		gunichar c = k <= 20   ? 0x2460 + (gunichar)(k - 1)
		             : k <= 35 ? 0x3251 + (gunichar)(k - 21)
		                       : 0x32B1 + (gunichar)(k - 36);
		char buf[8];
		buf[g_unichar_to_utf8(c, buf)] = '\0';
		return kb_strdup(buf);
	}
	case KB_LIST_BULLET:
		return kb_strdup("・");
	case KB_LIST_ARABIC:
		break;
	}
	return kb_asprintf("%d", k);
}

/* Width of a label in points at size st->size. */
static double
label_width(struct flow *f, const char *label, const struct style *st)
{
	struct lines *ls = text_lines(f, label, NULL, st, -1);
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
list_at(struct flow *f, const struct kb_node *n, double left)
{
	struct style st = body_style(f);
	enum kb_list_style sty = n->u.list.style;
	int k = n->u.list.start, count = 0;
	double lw = 0, gap = st.size, x = left;

	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char *lab = kb_list_label(sty, k + count++);
		double w = label_width(f, lab, &st);
		if (w > lw)
			lw = w;
		free(lab);
	}
	tag_begin(f, "L");
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char *lab;
		struct lines *ll, *lv;
		double top, tx = x + lw + gap;
		lab = kb_list_label(sty, k++);
		ll = text_lines(f, lab, NULL, &st, -1);
		/* The item's own text: its inline content, without a nested list. */
		lv = inline_lines(f, c, &st, f->ml + measure(f) - tx);
		need_space(f, lv->n > 0 ? box(lv, 0) : box(ll, 0));
		top = f->y;
		tag_begin(f, "LI");
		tag_begin(f, "Lbl");
		/* Right-align labels so (1) and (10) end together. */
		emit_line(f, ll, 0, x + lw - ll->width, top);
		tag_end(f, "Lbl");
		/* The body holds the item's text and its nested lists. */
		tag_begin(f, "LBody");
		if (lv->n > 0)
			flow_lines(f, lv, tx);
		else
			f->y += box(ll, 0);
		lines_free(ll);
		lines_free(lv);
		free(lab);
		for (const struct kb_node *d = c->child; d != NULL; d = d->next)
			if (d->kind == KB_NODE_LIST)
				list_at(f, d, tx);
		tag_end(f, "LBody");
		tag_end(f, "LI");
	}
	tag_end(f, "L");
}

static void
do_list(struct flow *f, const struct kb_node *n)
{
	list_at(f, n, f->ml + body_style(f).size);
}

/* ---- tables and forms ---------------------------------------------------------- */

/* One cell: its paragraphs laid out at its width. */
struct cell {
	struct lines **paras;
	int np;
	int col, span;
	int header;               /* th, or a form label */
	double x, w;              /* left edge and width */
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
	int keep;    /* a <table>, not a form: up to 8 body rows stay on one page */
	struct style st;
	double seg_top;  /* where the table's part on this page starts */
	double body_top; /* where its body rows start below the repeated header */
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

/* The header rows again on a new page: furniture, since the structure has them once. */
static void
table_header(struct flow *f, struct table *t)
{
	artifact_begin(f);
	for (int i = 0; i < t->nheader; i++) {
		for (int k = 0; k < t->rows[i].nc; k++)
			t->rows[i].cells[k].next_para = t->rows[i].cells[k].next_line = 0;
		place_row(f, t, &t->rows[i], 1);
	}
	artifact_end(f);
}

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

/*
 * Places each cell of r below top, up to avail points, or with one its
 * next line whatever its height; each cell is a TH or TD of the structure
 * (a row split over pages is one TR on each). Returns the height used.
 */
static double
row_cells(struct flow *f, struct table *t, struct row *r, double top, double avail, int one)
{
	double used = 0;

	for (int i = 0; i < r->nc; i++) {
		struct cell *c = &r->cells[i];
		const char *tag = c->header ? "TH" : "TD";
		tag_begin(f, tag);
		used = fmax(used, cell_place(f, c, top, one ? box_first(c) : avail, t));
		tag_end(f, tag);
	}
	return used;
}

static void
table_break(struct flow *f, struct table *t)
{
	if (t->borders == 1 && f->y > t->seg_top)
		add_rect(f, t->x, t->seg_top, t->width, f->y - t->seg_top, 0.7, 0, 0);
	new_page(f);
	t->seg_top = f->y;
	table_header(f, t);
	t->body_top = f->y;
}

static void
place_row(struct flow *f, struct table *t, struct row *r, int repeat)
{
	/* Room for body rows on a page below the repeated header. */
	double capacity = bottom(f) - f->mt - (t->body_top - t->seg_top);

	for (;;) {
		double need = 0, avail = bottom(f) - f->y - 2 * t->pad, used = 0, top = f->y;
		int at_top = f->y <= t->body_top + 0.01;
		for (int i = 0; i < r->nc; i++)
			need = fmax(need, cell_rest(&r->cells[i]));
		int fits = 0;
		if (need <= avail + 0.01 || repeat) {
			tag_begin(f, "TR");
			row_frame(f, t, r, top, need + 2 * t->pad);
			row_cells(f, t, r, top + t->pad, need + 1, 0);
			tag_end(f, "TR");
			f->y = top + need + 2 * t->pad;
			return;
		}
		/* A row that fits on a page moves there whole. */
		if (!at_top && need + 2 * t->pad <= capacity) {
			table_break(f, t);
			continue;
		}
		/* A taller row splits at a line boundary: what fits here, the rest after the break.
		 */
		for (int i = 0; i < r->nc; i++) {
			double b = box_first(&r->cells[i]);
			fits = fits || (b > 0 && b <= avail + 0.01);
		}
		/* Not even one line fits on an empty page: place one line anyway. */
		if (fits || at_top) {
			tag_begin(f, "TR");
			used = row_cells(f, t, r, top + t->pad, avail, !fits);
			if (used > 0) {
				row_frame(f, t, r, top, used + 2 * t->pad);
				f->y = top + used + 2 * t->pad;
			}
			tag_end(f, "TR");
		}
		table_break(f, t);
	}
}

/* The pango alignment of a parsed horizontal alignment; UNSET gives def. */
static PangoAlignment
halign(enum kb_align a, PangoAlignment def)
{
	switch (a) {
	case KB_ALIGN_CENTER:
		return PANGO_ALIGN_CENTER;
	case KB_ALIGN_RIGHT:
		return PANGO_ALIGN_RIGHT;
	case KB_ALIGN_UNSET:
		return def;
	default:
		return PANGO_ALIGN_LEFT;
	}
}

/* Lays out a cell's content: inline content, or <p> children each a paragraph. */
static void
cell_content(struct flow *f, struct table *t, struct cell *c, const struct kb_node *n,
             const struct kb_node *colnode)
{
	struct style st = t->st;
	int has_p = 0;
	double w = c->w - 2 * t->pad;
	enum kb_align own =
	    n->kind == KB_NODE_TH || n->kind == KB_NODE_TD ? n->u.cell.align : KB_ALIGN_UNSET;

	/* Header cells are centred; others take their column's alignment; a cell's own wins. */
	st.align = halign(own, c->header ? PANGO_ALIGN_CENTER
	                       : colnode ? halign(colnode->u.col.align, PANGO_ALIGN_LEFT)
	                                 : PANGO_ALIGN_LEFT);
	st.justify = 0;
	if (c->header)
		st.family = KB_FONT_GOTHIC;
	for (const struct kb_node *d = n->child; d != NULL; d = d->next)
		if (d->kind == KB_NODE_P)
			has_p = 1;
	if (!has_p) {
		c->paras = kb_calloc(1, sizeof(*c->paras));
		c->paras[c->np++] = inline_lines(f, n, &st, w);
		return;
	}
	for (const struct kb_node *d = n->child; d != NULL; d = d->next)
		if (d->kind == KB_NODE_P) {
			struct style ps = st;
			read_style(d, &ps);
			c->paras = kb_realloc(c->paras, (size_t)(c->np + 1) * sizeof(*c->paras));
			c->paras[c->np++] = inline_lines(f, d, &ps, w);
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

/* Adds a row from a <tr> to t; cols[i] is the <col> of column i. */
static void
add_row(struct flow *f, struct table *t, const struct kb_node *tr, int header,
        const struct kb_node **cols)
{
	struct row *r;
	int col = 0;

	t->rows = kb_realloc(t->rows, (size_t)(t->nrows + 1) * sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	r->header = header;
	for (const struct kb_node *c = tr->child; c != NULL; c = c->next) {
		struct cell *cell;
		int span = c->u.cell.colspan;
		/* kb_tree_from_xml saw that the cells fit the columns. */
		assert(span >= 1 && col + span <= t->ncols);
		r->cells = kb_realloc(r->cells, (size_t)(r->nc + 1) * sizeof(*r->cells));
		cell = &r->cells[r->nc++];
		memset(cell, 0, sizeof(*cell));
		cell->col = col;
		cell->span = span;
		cell->header = header || c->kind == KB_NODE_TH;
		cell->x = t->colx[col];
		cell->w = t->colx[col + span - 1] + t->colw[col + span - 1] - t->colx[col];
		cell_content(f, t, cell, c, cols[col]);
		col += span;
	}
}

/* Places every row of t, header rows first; header rows repeat after each page break. */
static void
table_place(struct flow *f, struct table *t)
{
	double first = 0, head = 0, body = bottom(f) - f->mt;

	/*
	 * Header rows repeat after each break only when they take at most a
	 * third of a page: a taller header (a long value in a heading cell)
	 * would fill every page with itself, or never end. Such rows are
	 * placed once, as body rows, and may split like them.
	 */
	for (int r = 0; r < t->nrows && r < t->nheader; r++) {
		double h = 0;
		for (int i = 0; i < t->rows[r].nc; i++)
			h = fmax(h, cell_full(&t->rows[r].cells[i]));
		head += h + 2 * t->pad;
	}
	if (head > body / 3)
		t->nheader = 0;
	else if (head > 0)
		need_space(f, head); /* the header itself never breaks */
	/* Keep the header with at least the first body row. */
	for (int r = 0; r < t->nrows && r <= t->nheader; r++) {
		double h = 0;
		for (int i = 0; i < t->rows[r].nc; i++)
			h = fmax(h, cell_full(&t->rows[r].cells[i]));
		first += h + 2 * t->pad;
	}
	if (first <= bottom(f) - f->mt)
		need_space(f, first);
	/* A table of up to 8 body rows is kept on one page when a page can hold it. */
	if (t->keep && t->nrows - t->nheader <= 8) {
		double all = 0;
		for (int r = 0; r < t->nrows; r++) {
			double h = 0;
			for (int i = 0; i < t->rows[r].nc; i++)
				h = fmax(h, cell_full(&t->rows[r].cells[i]));
			all += h + 2 * t->pad;
		}
		if (all <= bottom(f) - f->mt)
			need_space(f, all);
	}
	t->seg_top = t->body_top = f->y;
	for (int r = 0; r < t->nrows; r++) {
		place_row(f, t, &t->rows[r], 0);
		if (r + 1 == t->nheader)
			t->body_top = f->y;
	}
	if (t->borders == 1 && f->y > t->seg_top)
		add_rect(f, t->x, t->seg_top, t->width, f->y - t->seg_top, 0.7, 0, 0);
}

/*
 * The widths of t's columns from their content, as CSS's automatic table
 * layout: each column is at least as wide as its widest word (a name, a
 * date: its min-content) and at most as its longest line (max-content). A
 * column of a fixed width (mm) keeps it unless its words need more or its
 * longest line less (no wide column for nothing) and the shared columns
 * keep their words; the
 * columns of shares (N*) share the rest: each gets its max-content and
 * the room left over in proportion to share × max-content when everything
 * fits on one line, otherwise its min-content and the room left over in
 * proportion to what it lacks of its max-content. Only cells of one
 * column count.
 */
static void
col_widths(struct flow *f, struct table *t, const struct kb_node *n, const struct kb_node **cols)
{
	double *lo = kb_calloc((size_t)t->ncols, sizeof(double));
	double *hi = kb_calloc((size_t)t->ncols, sizeof(double));
	double fixed = 0, smin = 0, smax = 0, sweight = 0, sgap = 0, rest;
	int widen;

	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		if (c->kind != KB_NODE_THEAD && c->kind != KB_NODE_TBODY)
			continue;
		for (const struct kb_node *tr = c->child; tr != NULL; tr = tr->next) {
			int col = 0;
			for (const struct kb_node *td = tr->child; td != NULL; td = td->next) {
				struct cell m;
				if (td->u.cell.colspan == 1) {
					memset(&m, 0, sizeof(m));
					m.header =
					    c->kind == KB_NODE_THEAD || td->kind == KB_NODE_TH;
					m.w = -1; /* unlimited: one line per paragraph */
					cell_content(f, t, &m, td, cols[col]);
					for (int p = 0; p < m.np; p++) {
						double em = t->st.size;
						lo[col] =
						    fmax(lo[col], min_content(m.paras[p], 10 * em) +
						                      2 * t->pad);
						hi[col] =
						    fmax(hi[col], m.paras[p]->width + 2 * t->pad);
						lines_free(m.paras[p]);
					}
					free(m.paras);
				}
				col += td->u.cell.colspan;
			}
		}
	}
	for (int i = 0; i < t->ncols; i++) {
		hi[i] = fmax(hi[i], lo[i]);
		if (cols[i]->u.col.share > 0) {
			smin += lo[i], smax += hi[i];
			sweight += cols[i]->u.col.share * hi[i];
			sgap += hi[i] - lo[i];
		} else {
			fixed += fmin(fmax(MM(cols[i]->u.col.mm), lo[i]), hi[i]);
		}
	}
	/* Fixed columns widen to their words only when the shared ones keep theirs. */
	widen = fixed + smin <= t->width;
	if (!widen) {
		fixed = 0;
		for (int i = 0; i < t->ncols; i++)
			fixed += cols[i]->u.col.share > 0 ? 0 : MM(cols[i]->u.col.mm);
	}
	rest = fmax(0, t->width - fixed);
	for (int i = 0; i < t->ncols; i++) {
		double share = cols[i]->u.col.share;
		if (share <= 0)
			t->colw[i] = widen ? fmin(fmax(MM(cols[i]->u.col.mm), lo[i]), hi[i])
			                   : MM(cols[i]->u.col.mm);
		else if (smax <= rest)
			t->colw[i] =
			    hi[i] + (sweight > 0 ? (rest - smax) * share * hi[i] / sweight : 0);
		else if (smin <= rest)
			t->colw[i] =
			    lo[i] + (sgap > 0 ? (rest - smin) * (hi[i] - lo[i]) / sgap : 0);
		else
			t->colw[i] = smin > 0 ? rest * lo[i] / smin : 0;
	}
	free(lo);
	free(hi);
}

static void
do_table(struct flow *f, const struct kb_node *n)
{
	struct table t;
	const struct kb_node **cols;
	double x;

	memset(&t, 0, sizeof(t));
	t.st = body_style(f);
	t.st.words = 1;
	t.keep = 1;
	t.st.size = n->u.table.font_size >= 0 ? n->u.table.font_size : f->body * 0.95;
	t.pad = MM(1.2);
	t.borders = n->u.table.borders == KB_BORDERS_ALL     ? 2
	            : n->u.table.borders == KB_BORDERS_OUTER ? 1
	                                                     : 0;
	t.x = f->ml;
	t.width = measure(f);
	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		t.ncols += c->kind == KB_NODE_COL;
	/* kb_tree_from_xml saw to at least one <col>. */
	assert(t.ncols > 0);
	cols = kb_calloc((size_t)t.ncols, sizeof(*cols));
	t.ncols = 0;
	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		if (c->kind == KB_NODE_COL)
			cols[t.ncols++] = c;
	t.colx = kb_calloc((size_t)t.ncols, sizeof(double));
	t.colw = kb_calloc((size_t)t.ncols, sizeof(double));
	col_widths(f, &t, n, cols);
	x = t.x;
	for (int i = 0; i < t.ncols; i++) {
		t.colx[i] = x;
		x += t.colw[i];
	}
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		int header = c->kind == KB_NODE_THEAD;
		if (!header && c->kind != KB_NODE_TBODY)
			continue;
		for (const struct kb_node *tr = c->child; tr != NULL; tr = tr->next) {
			add_row(f, &t, tr, header, cols);
			if (header)
				t.nheader++;
		}
	}
	f->y += pitch(f) * 0.25;
	tag_begin(f, "Table");
	table_place(f, &t);
	tag_end(f, "Table");
	f->y += pitch(f) * 0.25;
	table_free(&t);
	free(cols);
}

/* 項目 | 内容: a two-column ruled form; labels shaded, contents wrap and split across pages. */
static void
do_form(struct flow *f, const struct kb_node *n)
{
	struct table t;
	double lw = 0;

	memset(&t, 0, sizeof(t));
	t.st = body_style(f);
	t.st.words = 1;
	t.pad = MM(1.5);
	/* label-width in mm, else as wide as the longest label. */
	if (n->u.form.label_width >= 0)
		lw = MM(n->u.form.label_width);
	else {
		for (const struct kb_node *r = n->child; r != NULL; r = r->next)
			if (r->u.row.label != NULL)
				lw =
				    fmax(lw, label_width(f, r->u.row.label, &t.st) + 2 * t.pad + 1);
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
	for (const struct kb_node *r = n->child; r != NULL; r = r->next) {
		struct row *row;
		const char *label = r->u.row.label;
		struct style ls = t.st;
		t.rows = kb_realloc(t.rows, (size_t)(t.nrows + 1) * sizeof(*t.rows));
		row = &t.rows[t.nrows++];
		memset(row, 0, sizeof(*row));
		row->nc = 2;
		row->cells = kb_calloc(2, sizeof(struct cell));
		row->cells[0].x = t.colx[0], row->cells[0].w = lw, row->cells[0].header = 1;
		row->cells[0].span = 1;
		row->cells[0].paras = kb_calloc(1, sizeof(struct lines *));
		ls.family = KB_FONT_MINCHO;
		row->cells[0].paras[0] =
		    text_lines(f, label ? label : "", NULL, &ls, lw - 2 * t.pad);
		row->cells[0].np = 1;
		row->cells[1].x = t.colx[1], row->cells[1].w = t.colw[1], row->cells[1].col = 1;
		row->cells[1].span = 1;
		cell_content(f, &t, &row->cells[1], r, NULL);
	}
	f->y += pitch(f) * 0.25;
	tag_begin(f, "Table");
	table_place(f, &t);
	tag_end(f, "Table");
	f->y += pitch(f) * 0.25;
	table_free(&t);
}

/* ---- other blocks ----------------------------------------------------------------- */

/* The 担当 block: lines in a thin box at the right margin. */
static void
do_contact(struct flow *f, const struct kb_node *n)
{
	struct style st = body_style(f);
	struct lines **ls = NULL;
	size_t cap = 0, k = 0;
	double maxw = 0, pad, h = 0, x, top;

	st.size = f->body * 0.9;
	pad = st.size * 0.6;
	/* Each <line> is its own unwrapped layout. */
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		kb_grow((void **)&ls, &cap, k + 1, sizeof(*ls));
		ls[k] = inline_lines(f, c, &st, -1);
		if (ls[k]->width > maxw)
			maxw = ls[k]->width;
		k++;
	}
	for (size_t i = 0; i < k; i++)
		h += boxes(ls[i], 0, ls[i]->n);
	f->y += pitch(f);
	need_space(f, h + 2 * pad);
	x = f->fw - f->mr - maxw - 2 * pad;
	top = f->y;
	f->y += pad * 0.5;
	/* A division of one paragraph per line; the frame is not content. */
	tag_begin(f, "Div");
	for (size_t i = 0; i < k; i++) {
		tag_begin(f, "P");
		keep_lines(f, ls[i], x + pad);
		tag_end(f, "P");
		lines_free(ls[i]);
	}
	free(ls);
	add_rect(f, x, top, maxw + 2 * pad, f->y - top + pad * 0.5, 0.5, 0, 0);
	tag_end(f, "Div");
	f->y += pad * 0.5;
}

/* A right-aligned line one 字 from the right margin (number, date, sender). */
static void
right_line(struct flow *f, const struct kb_node *n)
{
	struct style st = body_style(f);

	st.align = PANGO_ALIGN_RIGHT;
	st.right = 1;
	tag_begin(f, "P");
	paragraph(f, n, st);
	tag_end(f, "P");
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
do_letterhead(struct flow *f, const struct kb_node *n)
{
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		switch (c->kind) {
		case KB_NODE_NUMBER:
		case KB_NODE_DATE:
			right_line(f, c);
			break;
		case KB_NODE_ADDRESSEE: {
			struct style st = body_style(f);
			st.left = 1;
			if (c->prev == NULL || c->prev->kind != KB_NODE_ADDRESSEE)
				f->y += pitch(f);
			tag_begin(f, "P");
			paragraph(f, c, st);
			tag_end(f, "P");
			break;
		}
		case KB_NODE_SENDER:
			f->y += pitch(f);
			right_line(f, c);
			break;
		case KB_NODE_SEAL_OMITTED:
			tag_begin(f, "P");
			fixed_line(f, "（公印省略）", PANGO_ALIGN_RIGHT, 1);
			tag_end(f, "P");
			break;
		case KB_NODE_SEAL_BOX: {
			/* The seal overlaps the last character of the sender's name. */
			double s = 2.2 * f->body, cx = f->last_x - f->last_em / 2;
			double cy = f->last_y + f->last_h / 2;
			artifact_begin(f);
			seal_box(f, cx + s / 2, cy - s / 2);
			artifact_end(f);
			if (f->y < cy + s / 2)
				f->y = cy + s / 2;
			break;
		}
		default:
			break;
		}
	}
}

/* A vector figure in the flow: boxes, rules and labels in mm from its top-left corner. */
static void
do_figure(struct flow *f, const struct kb_node *n)
{
	double w = MM(n->u.figure.width), h = MM(n->u.figure.height);
	double x = f->ml, y;
	const char *caption = n->u.figure.caption;
	struct lines *cap = NULL;
	struct style st = body_style(f);

	if (n->u.figure.align == KB_ALIGN_LEFT)
		x = f->ml;
	else if (n->u.figure.align == KB_ALIGN_RIGHT)
		x = f->fw - f->mr - w;
	else
		x = f->ml + (measure(f) - w) / 2;
	if (caption != NULL) {
		st.align = PANGO_ALIGN_CENTER;
		st.size = f->body * 0.9;
		cap = text_lines(f, caption, NULL, &st, w);
	}
	f->y += pitch(f) * 0.5;
	need_space(f, h + (cap ? boxes(cap, 0, cap->n) : 0));
	y = f->y;
	/* One Figure: its drawing, its labels and its caption. */
	tag_begin(f, "Figure");
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		if (c->kind == KB_NODE_BOX) {
			double gray = c->u.box.fill;
			double bx = x + MM(c->u.box.x), by = y + MM(c->u.box.y);
			double bw = MM(c->u.box.w), bh = MM(c->u.box.h);
			double stroke = c->u.box.stroke;
			if (gray >= 0)
				add_rect(f, bx, by, bw, bh, 0, gray, 1);
			if (stroke > 0)
				add_rect(f, bx, by, bw, bh, stroke, 0, 0);
		} else if (c->kind == KB_NODE_RULE) {
			add_line(f, x + MM(c->u.rule.x1), y + MM(c->u.rule.y1),
			         x + MM(c->u.rule.x2), y + MM(c->u.rule.y2), c->u.rule.width,
			         (c->u.rule.flags & KB_RULE_DASH) != 0);
		} else if (c->kind == KB_NODE_LABEL) {
			struct style ts = body_style(f);
			struct lines *ls;
			double tx = x + MM(c->u.label.x), ty = y + MM(c->u.label.y);
			set_face(&ts, c->u.label.face);
			if (c->u.label.size >= 0)
				ts.size = c->u.label.size;
			ls = inline_lines(f, c, &ts, -1);
			if (ls->n > 0) {
				/* (x, y) is the baseline point the anchor names. */
				double lx =
				    tx - (c->u.label.anchor == KB_ANCHOR_MIDDLE ? ls->width / 2
				          : c->u.label.anchor == KB_ANCHOR_END  ? ls->width
				                                                : 0);
				emit_line(f, ls, 0, lx, ty - ls->half - (ls->base[0] - ls->top[0]));
			}
			lines_free(ls);
		}
	}
	f->y = y + h;
	if (cap != NULL) {
		keep_lines(f, cap, x);
		lines_free(cap);
	}
	tag_end(f, "Figure");
	f->y += pitch(f) * 0.5;
}

/* 縦書き: one column of text (a paragraph in the turned frame); indent from the top in 字. */
static void
do_column(struct flow *f, const struct kb_node *n)
{
	struct style st = body_style(f);
	double ind;

	/* indent counts from the top, or from the foot for align="bottom"; it
	 * moves the whole column, so it is not a first-line indent here. */
	ind = n->u.column.indent;
	set_align(&st, n->u.column.align);
	set_face(&st, n->u.column.face);
	if (n->u.column.size >= 0)
		st.size = n->u.column.size;
	st.indent = 0;
	if (st.align == PANGO_ALIGN_RIGHT)
		st.right += ind;
	else
		st.left += ind;
	tag_begin(f, "P");
	column_paragraph(f, n, st);
	tag_end(f, "P");
}

/* <page>: size, orientation, writing and margins in mm; comes first. */
static void
do_page(struct flow *f, const struct kb_node *n)
{
	double mt, mb, ml, mr;

	f->pw = MM(210);
	f->ph = MM(297);
	if (n->u.page.flags & KB_PAGE_LANDSCAPE) {
		double t = f->pw;
		f->pw = f->ph;
		f->ph = t;
	}
	f->vertical = (n->u.page.flags & KB_PAGE_VERTICAL) != 0;
	f->very_strict = (n->u.page.flags & KB_PAGE_STRICT) == 0;
	f->open_half = (n->u.page.flags & KB_PAGE_OPEN_HALF) != 0;
	f->latin_space = n->u.page.latin_space;
	mt = MM(n->u.page.margin_top);
	mb = MM(n->u.page.margin_bottom);
	ml = MM(n->u.page.margin_left);
	mr = MM(n->u.page.margin_right);
	if (f->vertical) {
		/* The flow frame is the page turned a quarter: lines run down, columns leftwards.
		 */
		f->fw = f->ph, f->fh = f->pw;
		f->ml = mt, f->mr = mb, f->mt = mr, f->mb = ml;
	} else {
		f->fw = f->pw, f->fh = f->ph;
		f->ml = ml, f->mr = mr, f->mt = mt, f->mb = mb;
	}
	f->body = n->u.page.body_size;
	f->spacing = n->u.page.line_spacing;
	f->page->width = f->pw;
	f->page->height = f->ph;
	f->y = f->mt;
}

/* 辞令: the seal over the last character of the column before it (the
 * authority's name), centred on that character's cell. */
static void
do_seal_box(struct flow *f, const struct kb_node *n)
{
	double s = 2.2 * f->body, cx = f->last_x - f->last_em / 2, cy = f->last_y + f->last_h / 2;

	(void)n;
	artifact_begin(f);
	seal_box(f, cx + s / 2, cy - s / 2);
	artifact_end(f);
}

/*
 * Handlers of the children of <document>, indexed by kind. The page
 * furniture is drawn after the body (furniture()); kb_tree_from_xml has
 * kept out the blocks of the other writing mode.
 */
static void (*const blocks[KB_NODE__MAX])(struct flow *, const struct kb_node *) = {
    [KB_NODE_PAGE] = do_page,
    [KB_NODE_LETTERHEAD] = do_letterhead,
    [KB_NODE_TITLE] = do_title,
    [KB_NODE_HEADING] = do_heading,
    [KB_NODE_P] = do_p,
    [KB_NODE_KI] = do_ki,
    [KB_NODE_ITEMS] = do_items,
    [KB_NODE_LIST] = do_list,
    [KB_NODE_FORM] = do_form,
    [KB_NODE_TABLE] = do_table,
    [KB_NODE_IJO] = do_ijo,
    [KB_NODE_CONTACT] = do_contact,
    [KB_NODE_SPACE] = do_space,
    [KB_NODE_VSPACE] = do_space,
    [KB_NODE_PAGE_BREAK] = do_page_break,
    [KB_NODE_FIGURE] = do_figure,
    [KB_NODE_COLUMN] = do_column,
    [KB_NODE_SEAL_BOX] = do_seal_box,
};

/* ---- page furniture: header, footer, classification mark, watermark -------------- */

/* Lays out the inline content of n on one line in the physical page frame. */
static struct lines *
furniture_lines(struct flow *f, const struct kb_node *n, double size, const char *family)
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

	int used = f->count_used; /* counters in furniture need no second pass */

	f->page_count = (int)f->dl->npages;
	for (size_t p = 0; p < f->dl->npages; p++) {
		f->page = &f->dl->pages[p];
		f->page_no = (int)p + 1;
		f->vertical = 0;
		if (f->watermark != NULL) {
			/* A light diagonal word across the middle of the page. */
			struct lines *ls = furniture_lines(f, f->watermark, 140, KB_FONT_GOTHIC);
			size_t before = f->page->nitems;
			double cx = f->pw / 2, cy = f->ph / 2;
			artifact_begin(f);
			if (ls->n > 0)
				emit_line(f, ls, 0, cx - ls->width / 2, cy - box(ls, 0) / 2);
			artifact_end(f);
			for (size_t i = before; i < f->page->nitems; i++) {
				struct kb_dl_item *it = &f->page->items[i];
				if (it->kind != KB_DL_GLYPHS)
					continue;
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
		if (f->header != NULL || f->footer != NULL || f->mark != NULL)
			artifact_begin(f);
		if (f->header != NULL || f->footer != NULL) {
			for (int k = 0; k < 2; k++) {
				const struct kb_node *n = k == 0 ? f->header : f->footer;
				struct lines *ls;
				enum kb_align a;
				double x, y;
				if (n == NULL)
					continue;
				ls = furniture_lines(f, n, f->body * 0.85, KB_FONT_MINCHO);
				a = n->u.running.align;
				x = a == KB_ALIGN_LEFT ? pml
				    : a == KB_ALIGN_RIGHT
				        ? f->pw - pmr - ls->width
				        : pml + (f->pw - pml - pmr - ls->width) / 2;
				y = k == 0 ? pmt / 2 - box(ls, 0) / 2
				           : f->ph - pmb / 2 - box(ls, 0) / 2;
				if (ls->n > 0)
					emit_line(f, ls, 0, x, y);
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
		if (f->artifact)
			artifact_end(f);
		f->vertical = vertical;
	}
	f->page_no = f->page_count = 0;
	f->count_used = used;
}

/*
 * One layout pass over the tree; pages is the page count a <page-count/>
 * in the body prints. *count_used tells whether the body printed one.
 */
static struct kb_dl *
layout_pass(struct kb_layout *lo, const struct kb_node *root, int pages, int *count_used)
{
	struct flow f = {0};

	f.lo = lo;
	f.dl = kb_dl_new();
	f.pw = f.fw = MM(210), f.ph = f.fh = MM(297);
	f.mt = MM(30), f.mb = MM(25), f.ml = MM(30), f.mr = MM(20);
	f.body = 10.5;
	f.spacing = 1.75;
	f.very_strict = 1;
	f.dl->meta.title = kb_strdup(root->u.document.title);
	f.dl->meta.author = kb_strdup(root->u.document.author);
	f.dl->meta.subject = kb_strdup(root->u.document.subject);
	f.dl->meta.keywords = kb_strdup(root->u.document.keywords);
	f.dl->meta.creator = kb_strdup(root->u.document.creator);
	f.dl->meta.create_date = kb_strdup(root->u.document.created);
	/* The language pango sets the text in (kb_layout_new). */
	f.dl->meta.lang = kb_strdup("ja-JP");
	f.page_no = 0;
	f.page_count = pages;
	new_page(&f);
	for (const struct kb_node *c = root->child; c != NULL; c = c->next) {
		switch (c->kind) {
		case KB_NODE_HEADER:
			f.header = c;
			break;
		case KB_NODE_FOOTER:
			f.footer = c;
			break;
		case KB_NODE_MARK:
			f.mark = c;
			break;
		case KB_NODE_WATERMARK:
			f.watermark = c;
			break;
		default:
			if (blocks[c->kind] != NULL)
				blocks[c->kind](&f, c);
			break;
		}
	}
	furniture(&f);
	assert(f.npending == 0 && f.artifact == 0);
	free(f.pending);
	*count_used = f.count_used;
	return f.dl;
}

struct kb_dl *
kb_layout_run(struct kb_layout *lo, const struct kb_node *doc)
{
	struct kb_dl *dl;
	int count_used;

	assert(doc != NULL && doc->kind == KB_NODE_DOCUMENT);
	dl = layout_pass(lo, doc, 0, &count_used);
	/* A body that prints the page count is laid out again once the count is known. */
	if (count_used) {
		int pages = (int)dl->npages;
		kb_dl_free(dl);
		dl = layout_pass(lo, doc, pages, &count_used);
	}
	return dl;
}
