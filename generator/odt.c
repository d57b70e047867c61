/* odt.c — the document tree as an editable OpenDocument Text package (.odt): named styles,
 * real tables, a master page with header and footer, zipped with libzip in a fixed order. */
#include "odt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx.h"
#include "editable.h"
#include "layout.h"
#include "tree.h"
#include "util.h"

#define MINCHO "IPAex明朝"
#define GOTHIC "IPAexゴシック"
#define MAXAUTO 512

/* What the writing of one document needs. */
struct od {
	kb_buf *b;              /* the part being written */
	struct kb_ed_frame f;   /* page set-up, furniture, fallback fonts */
	kb_buf autos;           /* automatic styles of content.xml, in order of first use */
	char *akey[MAXAUTO];    /* their properties, to share one style among equal paragraphs */
	char aname[MAXAUTO][8]; /* their names, P1, P2, … */
	int nauto;              /* styles in autos */
	int ntables;            /* tables written */
	unsigned cells;         /* cell styles used: bit (mask << 1 | shaded) */
};

static const char ns[] =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
    "xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\" office:version=\"1.3\"";

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* ---- properties ------------------------------------------------------------------ */

/* The text properties of a face and a size (pt; <= 0: the style's), appended to b. */
static void
tprops(kb_buf *b, enum kb_face face, double size)
{
	if (face == KB_FACE_UNSET && size <= 0)
		return;
	kb_buf_puts(b, "<style:text-properties");
	if (face != KB_FACE_UNSET) {
		const char *fn = face == KB_FACE_GOTHIC ? GOTHIC : MINCHO;
		kb_buf_printf(b, " style:font-name=\"%s\" style:font-name-asian=\"%s\"", fn, fn);
	}
	if (size > 0)
		kb_buf_printf(b, " fo:font-size=\"%.1fpt\" style:font-size-asian=\"%.1fpt\"", size,
		              size);
	kb_buf_puts(b, "/>");
}

static const char *
align_of(enum kb_align a)
{
	switch (a) {
	case KB_ALIGN_LEFT:
	case KB_ALIGN_TOP:
		return "start";
	case KB_ALIGN_CENTER:
		return "center";
	case KB_ALIGN_RIGHT:
	case KB_ALIGN_BOTTOM:
		return "end";
	case KB_ALIGN_JUSTIFY:
		return "justify";
	case KB_ALIGN_UNSET:
		break;
	}
	return NULL;
}

/* Paragraph properties beyond the style's; lengths in em of size em (pt), NULL: none. */
struct pp {
	const char *align;
	double left, right, first, hanging; /* em */
	double before, after;               /* lines of the body pitch */
	int keep;
	double line_mm; /* an exact line height, mm; 0: the style's */
	int page_break; /* a page starts here */
	const char *tabs;
	enum kb_face face;
	double size; /* pt; <= 0: the style's */
};

/*
 * The automatic paragraph style for parent with p's properties: shared by
 * equal paragraphs, named P1, P2, … in order of first use; NULL (use the
 * parent) when p adds nothing.
 */
static const char *
auto_p(struct od *d, const char *parent, const struct pp *p, double em)
{
	kb_buf k = {0};
	double pitch_mm = d->f.body * d->f.spacing * KB_ED_PT_MM;

	if (p->align)
		kb_buf_printf(&k, " fo:text-align=\"%s\"", p->align);
	if (p->left != 0)
		kb_buf_printf(&k, " fo:margin-left=\"%.2fmm\"", p->left * em * KB_ED_PT_MM);
	if (p->right != 0)
		kb_buf_printf(&k, " fo:margin-right=\"%.2fmm\"", p->right * em * KB_ED_PT_MM);
	if (p->hanging != 0)
		kb_buf_printf(&k, " fo:text-indent=\"%.2fmm\"", -p->hanging * em * KB_ED_PT_MM);
	else if (p->first != 0)
		kb_buf_printf(&k, " fo:text-indent=\"%.2fmm\"", p->first * em * KB_ED_PT_MM);
	if (p->before > 0)
		kb_buf_printf(&k, " fo:margin-top=\"%.2fmm\"", p->before * pitch_mm);
	if (p->after > 0)
		kb_buf_printf(&k, " fo:margin-bottom=\"%.2fmm\"", p->after * pitch_mm);
	if (p->keep)
		kb_buf_puts(&k, " fo:keep-with-next=\"always\"");
	if (p->line_mm > 0)
		kb_buf_printf(&k, " fo:line-height=\"%.2fmm\"", p->line_mm);
	if (p->page_break)
		kb_buf_puts(&k, " fo:break-before=\"page\"");
	if (k.len > 0 || p->tabs)
		kb_buf_puts(&k, p->tabs ? ">" : "/>");
	if (p->tabs)
		kb_buf_printf(&k,
		              "<style:tab-stops>%s</style:tab-stops></style:paragraph-properties>",
		              p->tabs);
	tprops(&k, p->face, p->size);
	if (k.len == 0)
		return parent;
	{
		char *key = kb_asprintf("%s|%s", parent, k.data);
		int i;
		for (i = 0; i < d->nauto; i++)
			if (strcmp(d->akey[i], key) == 0)
				break;
		if (i == d->nauto && d->nauto < MAXAUTO) {
			const char *props = k.data;
			snprintf(d->aname[i], sizeof(d->aname[i]), "P%d", i + 1);
			d->akey[d->nauto++] = key;
			key = NULL;
			kb_buf_printf(&d->autos,
			              "<style:style style:name=\"P%d\" style:family=\"paragraph\" "
			              "style:parent-style-name=\"%s\">",
			              i + 1, parent);
			if (props[0] == ' ')
				kb_buf_puts(&d->autos, "<style:paragraph-properties");
			kb_buf_printf(&d->autos, "%s</style:style>", props);
		}
		free(key);
		kb_buf_free(&k);
		return i == MAXAUTO ? parent : d->aname[i];
	}
}

/* ---- inline content ---------------------------------------------------------- */

/* Text with runs of spaces kept (<text:s/>): ODF collapses them. */
static void
put_text(struct od *d, const char *s)
{
	int sp = 0;

	for (const char *p = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			kb_buf_puts(d->b, sp ? "<text:s/>" : " ");
			sp = 1;
			continue;
		}
		sp = 0;
		if (*p == '<')
			kb_buf_puts(d->b, "&lt;");
		else if (*p == '>')
			kb_buf_puts(d->b, "&gt;");
		else if (*p == '&')
			kb_buf_puts(d->b, "&amp;");
		else
			kb_buf_put(d->b, p, 1);
	}
}

static void inlines(struct od *d, const struct kb_node *n);

static void
inline1(struct od *d, const struct kb_node *c)
{
	switch (c->kind) {
	case KB_NODE_TEXT:
		put_text(d, c->u.text.text);
		break;
	case KB_NODE_EM:
		kb_buf_puts(d->b, "<text:span text:style-name=\"KobunEm\">");
		inlines(d, c);
		kb_buf_puts(d->b, "</text:span>");
		break;
	case KB_NODE_NOBR:
		inlines(d, c);
		break;
	case KB_NODE_BR:
		kb_buf_puts(d->b, "<text:line-break/>");
		break;
	case KB_NODE_PAGE_NUMBER:
		kb_buf_puts(d->b,
		            "<text:page-number text:select-page=\"current\">1</text:page-number>");
		break;
	case KB_NODE_PAGE_COUNT:
		kb_buf_puts(d->b, "<text:page-count>1</text:page-count>");
		break;
	default:
		break;
	}
}

static void
inlines(struct od *d, const struct kb_node *n)
{
	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		inline1(d, c);
}

/* ---- paragraphs -------------------------------------------------------------- */

static void
p_open(struct od *d, const char *style)
{
	kb_buf_printf(d->b, "<text:p text:style-name=\"%s\">", style);
}

static void
p_close(struct od *d)
{
	kb_buf_puts(d->b, "</text:p>");
}

static void
p_text(struct od *d, const char *style, const char *s)
{
	p_open(d, style);
	put_text(d, s);
	p_close(d);
}

static void
do_p(struct od *d, const struct kb_node *n, const char *style, double base)
{
	double em = n->u.p.size > 0 ? n->u.p.size : base;
	struct pp p = {.align = align_of(n->u.p.align),
	               .left = n->u.p.left_indent,
	               .right = n->u.p.right_indent,
	               .first = n->u.p.indent,
	               .hanging = n->u.p.hanging,
	               .before = n->u.p.space_before,
	               .after = n->u.p.space_after,
	               .keep = (n->u.p.flags & KB_P_KEEP_WITH_NEXT) != 0,
	               .face = n->u.p.face,
	               .size = n->u.p.size};

	/* A hanging paragraph's first line starts at its left indent less the hang. */
	if (p.hanging != 0)
		p.left += p.hanging;
	p_open(d, auto_p(d, style, &p, em));
	inlines(d, n);
	p_close(d);
}

/* Block content of a cell or row: inline content as one paragraph, or its paragraphs. */
static void
blocks(struct od *d, const struct kb_node *first, const char *style, double em)
{
	const struct kb_node *c = first;

	if (c == NULL) {
		p_open(d, style);
		p_close(d);
		return;
	}
	while (c != NULL) {
		if (kb_ed_is_inline(c)) {
			p_open(d, style);
			for (; c != NULL && kb_ed_is_inline(c); c = c->next)
				inline1(d, c);
			p_close(d);
		} else {
			if (c->kind == KB_NODE_P)
				do_p(d, c, style, em);
			c = c->next;
		}
	}
}

static void
tab_stop(kb_buf *b, double mm)
{
	kb_buf_printf(b, "<style:tab-stop style:position=\"%.2fmm\"/>", mm);
}

/* 記書き items: number, label and value at tab stops, values wrapping under themselves. */
static void
do_items(struct od *d, const struct kb_node *n)
{
	double em = d->f.body;
	struct kb_ed_items it;
	kb_buf tabs = {0};
	const char *style;
	int seq = 0;

	kb_ed_items_tabs(n, &it);
	if (it.has_num)
		tab_stop(&tabs, it.t1 * em * KB_ED_PT_MM);
	if (it.has_label)
		tab_stop(&tabs, it.t2 * em * KB_ED_PT_MM);
	style = auto_p(d, "KobunItem",
	               &(struct pp){.left = it.t2, .hanging = it.t2 - 1, .tabs = tabs.data}, em);
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char buf[16];
		const char *num = kb_item_number(c, it.autonum, ++seq, buf);
		p_open(d, style);
		if (it.has_num) {
			put_text(d, num ? num : "");
			kb_buf_puts(d->b, "<text:tab/>");
		}
		if (it.has_label) {
			put_text(d, c->u.item.label ? c->u.item.label : "");
			kb_buf_puts(d->b, "<text:tab/>");
		}
		for (const struct kb_node *k = c->child; k != NULL; k = k->next)
			if (k->kind == KB_NODE_P) {
				if (k != c->child)
					kb_buf_puts(d->b, "<text:line-break/>");
				inlines(d, k);
			} else
				inline1(d, k);
		p_close(d);
	}
	kb_buf_free(&tabs);
}

/* Lists in the official numbering styles, as docx.c sets them. */
static void
do_list(struct od *d, const struct kb_node *n, double base)
{
	double lw = kb_ed_list_label_em(n), em = d->f.body;
	kb_buf tabs = {0};
	const char *style;
	int k = n->u.list.start;

	tab_stop(&tabs, (base + lw + 2) * em * KB_ED_PT_MM);
	style =
	    auto_p(d, "KobunList",
	           &(struct pp){.left = base + lw + 2, .hanging = lw + 1, .tabs = tabs.data}, em);
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char *lab = kb_list_label(n->u.list.style, k++);
		int first = 1;
		p_open(d, style);
		put_text(d, lab);
		kb_buf_puts(d->b, "<text:tab/>");
		for (const struct kb_node *x = c->child; x != NULL; x = x->next) {
			if (x->kind == KB_NODE_LIST)
				continue; /* after the item's own paragraph */
			if (x->kind == KB_NODE_P) {
				if (!first)
					kb_buf_puts(d->b, "<text:line-break/>");
				inlines(d, x);
			} else
				inline1(d, x);
			first = 0;
		}
		p_close(d);
		for (const struct kb_node *x = c->child; x != NULL; x = x->next)
			if (x->kind == KB_NODE_LIST)
				do_list(d, x, base + lw + 1);
		free(lab);
		/* Each list's style is made before its items are written; so is a nested one's. */
		style = auto_p(
		    d, "KobunList",
		    &(struct pp){.left = base + lw + 2, .hanging = lw + 1, .tabs = tabs.data}, em);
	}
	kb_buf_free(&tabs);
}

/* ---- tables -------------------------------------------------------------------- */

/* Cell sides: top, bottom, left, right. */
enum { S_T = 1, S_B = 2, S_L = 4, S_R = 8 };

/* The cell style of the sides bordered and shading; its definition is written later. */
static void
cell_open(struct od *d, unsigned sides, int shaded, int span)
{
	unsigned bit = sides << 1 | (shaded != 0);

	d->cells |= 1u << bit;
	kb_buf_printf(
	    d->b, "<table:table-cell table:style-name=\"C%u\" office:value-type=\"string\"", bit);
	if (span > 1)
		kb_buf_printf(d->b, " table:number-columns-spanned=\"%d\"", span);
	kb_buf_puts(d->b, ">");
}

static void
cell_close(struct od *d, int span)
{
	kb_buf_puts(d->b, "</table:table-cell>");
	for (int i = 1; i < span; i++)
		kb_buf_puts(d->b, "<table:covered-table-cell/>");
}

/* The sides of the cell at (row, col..col+span) of a rows × ncols table bordered so. */
static unsigned
sides_of(enum kb_borders b, int row, int rows, int col, int span, int ncols)
{
	unsigned s = 0;

	if (b == KB_BORDERS_ALL)
		return S_T | S_B | S_L | S_R;
	if (b == KB_BORDERS_NONE)
		return 0;
	if (row == 0)
		s |= S_T;
	if (row == rows - 1)
		s |= S_B;
	if (col == 0)
		s |= S_L;
	if (col + span >= ncols)
		s |= S_R;
	return s;
}

static void
table_open(struct od *d, const double *mm, int ncols)
{
	double total = 0;
	int t = ++d->ntables;

	for (int i = 0; i < ncols; i++)
		total += mm[i];
	kb_buf_printf(&d->autos,
	              "<style:style style:name=\"T%d\" style:family=\"table\">"
	              "<style:table-properties style:width=\"%.2fmm\" table:align=\"left\"/>"
	              "</style:style>",
	              t, total);
	kb_buf_printf(d->b, "<table:table table:name=\"表%d\" table:style-name=\"T%d\">", t, t);
	for (int i = 0; i < ncols; i++) {
		kb_buf_printf(&d->autos,
		              "<style:style style:name=\"T%d.%d\" style:family=\"table-column\">"
		              "<style:table-column-properties style:column-width=\"%.2fmm\"/>"
		              "</style:style>",
		              t, i + 1, mm[i]);
		kb_buf_printf(d->b, "<table:table-column table:style-name=\"T%d.%d\"/>", t, i + 1);
	}
}

static void
do_table(struct od *d, const struct kb_node *n)
{
	const struct kb_node *cols[128];
	double mm[128];
	int ncols = kb_ed_col_widths(n, d->f.textw, cols, mm, 128), rows = 0, row = 0;
	double size = n->u.table.font_size >= 0 ? n->u.table.font_size : d->f.body * 0.95;

	for (const struct kb_node *g = n->child; g != NULL; g = g->next)
		if (g->kind == KB_NODE_THEAD || g->kind == KB_NODE_TBODY)
			for (const struct kb_node *tr = g->child; tr != NULL; tr = tr->next)
				rows++;
	table_open(d, mm, ncols);
	for (const struct kb_node *g = n->child; g != NULL; g = g->next) {
		int header = g->kind == KB_NODE_THEAD;
		if (!header && g->kind != KB_NODE_TBODY)
			continue;
		if (header)
			kb_buf_puts(d->b, "<table:table-header-rows>");
		for (const struct kb_node *tr = g->child; tr != NULL; tr = tr->next, row++) {
			int col = 0;
			kb_buf_puts(d->b, "<table:table-row>");
			for (const struct kb_node *c = tr->child; c != NULL; c = c->next) {
				int span = c->u.cell.colspan > 0 ? c->u.cell.colspan : 1, th;
				enum kb_align a = c->u.cell.align;
				const char *style;
				th = c->kind == KB_NODE_TH;
				if (a == KB_ALIGN_UNSET)
					a = th            ? KB_ALIGN_CENTER
					    : col < ncols ? cols[col]->u.col.align
					                  : KB_ALIGN_LEFT;
				style =
				    auto_p(d, "KobunTableText",
				           &(struct pp){.align = align_of(a),
				                        .face = th ? KB_FACE_GOTHIC : KB_FACE_UNSET,
				                        .size = size},
				           size);
				cell_open(d,
				          sides_of(n->u.table.borders, row, rows, col, span, ncols),
				          th, span);
				if (c->child == NULL || kb_ed_is_inline(c->child)) {
					p_open(d, style);
					inlines(d, c);
					p_close(d);
				} else
					blocks(d, c->child, style, size);
				cell_close(d, span);
				col += span;
			}
			/* A short row is filled out: ODF rows have every column. */
			for (; col < ncols; col++)
				kb_buf_puts(d->b, "<table:table-cell/>");
			kb_buf_puts(d->b, "</table:table-row>");
		}
		if (header)
			kb_buf_puts(d->b, "</table:table-header-rows>");
	}
	kb_buf_puts(d->b, "</table:table>");
}

/* 項目 | 内容: a two-column table, labels shaded. */
static void
do_form(struct od *d, const struct kb_node *n)
{
	double size = d->f.body * 0.95, mm[2];
	const char *style;

	mm[0] = kb_ed_form_label_mm(n, size);
	mm[1] = fmax(0, d->f.textw - mm[0]);
	style = auto_p(d, "KobunTableText", &(struct pp){.size = size}, size);
	table_open(d, mm, 2);
	for (const struct kb_node *r = n->child; r != NULL; r = r->next) {
		kb_buf_puts(d->b, "<table:table-row>");
		cell_open(d, S_T | S_B | S_L | S_R, 1, 1);
		p_text(d, style, r->u.row.label ? r->u.row.label : "");
		cell_close(d, 1);
		cell_open(d, S_T | S_B | S_L | S_R, 0, 1);
		if (r->child == NULL || kb_ed_is_inline(r->child)) {
			p_open(d, style);
			inlines(d, r);
			p_close(d);
		} else
			blocks(d, r->child, style, size);
		cell_close(d, 1);
		kb_buf_puts(d->b, "</table:table-row>");
	}
	kb_buf_puts(d->b, "</table:table>");
}

/* ---- the other blocks ---------------------------------------------------------- */

static void
do_letterhead(struct od *d, const struct kb_node *n)
{
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		const char *style = NULL;
		switch (c->kind) {
		case KB_NODE_NUMBER:
		case KB_NODE_DATE:
			style = "KobunDocNumber";
			break;
		case KB_NODE_ADDRESSEE:
			style = c->prev != NULL && c->prev->kind == KB_NODE_ADDRESSEE
			            ? "KobunAddressee2"
			            : "KobunAddressee";
			break;
		case KB_NODE_SENDER:
			style = "KobunSender";
			break;
		case KB_NODE_SEAL_OMITTED:
			p_text(d, "KobunSealOmitted", "（公印省略）");
			continue;
		default:
			continue;
		}
		p_open(d, style);
		inlines(d, c);
		p_close(d);
	}
}

/* The 担当 block: boxed lines at the right, as wide as the longest (one border round all). */
static void
do_contact(struct od *d, const struct kb_node *n)
{
	double size = d->f.body * 0.9, maxw = 0, left;
	const char *style;

	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		kb_buf t = {0};
		kb_ed_plain_text(c, &t);
		maxw = fmax(maxw, kb_ed_label_em(t.data ? t.data : "") * size);
		kb_buf_free(&t);
	}
	/* In em of the body: what is left of the measure beside the box and its padding. */
	left = fmax(0, d->f.textw / KB_ED_PT_MM - maxw - 2 * size * 0.6 - 10) / d->f.body;
	style = auto_p(d, "KobunContact", &(struct pp){.left = left}, d->f.body);
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		p_open(d, style);
		inlines(d, c);
		p_close(d);
	}
}

/* A figure: the words drawn in it, in order and a tab apart, then its caption. */
static void
do_figure(struct od *d, const struct kb_node *n)
{
	int any = 0;

	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		if (c->kind == KB_NODE_LABEL) {
			kb_buf s = {0};
			kb_ed_plain_text(c, &s);
			if (s.len > 0) {
				if (!any)
					p_open(d, "KobunFigure");
				else
					kb_buf_puts(d->b, "<text:tab/>");
				put_text(d, s.data);
				any = 1;
			}
			kb_buf_free(&s);
		}
	if (any)
		p_close(d);
	if (n->u.figure.caption != NULL)
		p_text(d, "KobunCaption", n->u.figure.caption);
}

/* A line of a vertical document: indent from the top, or set at the foot. */
static void
do_column(struct od *d, const struct kb_node *n)
{
	int foot = n->u.column.align == KB_ALIGN_BOTTOM;
	double em = n->u.column.size > 0 ? n->u.column.size : d->f.body;
	struct pp p = {.left = foot ? 0 : n->u.column.indent,
	               .right = foot ? n->u.column.indent : 0,
	               .align = foot ? "end" : NULL,
	               .face = n->u.column.face,
	               .size = n->u.column.size};

	p_open(d, auto_p(d, "KobunColumn", &p, em));
	inlines(d, n);
	p_close(d);
}

static void
body(struct od *d, const struct kb_node *doc)
{
	for (const struct kb_node *c = doc->child; c != NULL; c = c->next) {
		switch (c->kind) {
		case KB_NODE_LETTERHEAD:
			do_letterhead(d, c);
			break;
		case KB_NODE_TITLE:
			p_open(d, "Title");
			inlines(d, c);
			p_close(d);
			break;
		case KB_NODE_HEADING: {
			int lv = c->u.heading.level >= 2 ? 2 : 1;
			kb_buf_printf(
			    d->b,
			    "<text:h text:style-name=\"Heading_20_%d\" text:outline-level=\"%d\">",
			    lv, lv);
			inlines(d, c);
			kb_buf_puts(d->b, "</text:h>");
			break;
		}
		case KB_NODE_P:
			do_p(d, c, "Standard", d->f.body);
			break;
		case KB_NODE_KI:
			p_text(d, "KobunKi", "記");
			break;
		case KB_NODE_IJO:
			p_text(d, "KobunIjo", "以上");
			break;
		case KB_NODE_ITEMS:
			do_items(d, c);
			break;
		case KB_NODE_LIST:
			do_list(d, c, 0);
			break;
		case KB_NODE_FORM:
			do_form(d, c);
			break;
		case KB_NODE_TABLE:
			do_table(d, c);
			break;
		case KB_NODE_CONTACT:
			do_contact(d, c);
			break;
		case KB_NODE_SPACE:
		case KB_NODE_VSPACE: {
			double pitch = d->f.body * d->f.spacing * KB_ED_PT_MM;
			p_open(d,
			       auto_p(d, "KobunSpace",
			              &(struct pp){.line_mm = fmax(0.5, c->u.space.lines * pitch)},
			              d->f.body));
			p_close(d);
			break;
		}
		case KB_NODE_PAGE_BREAK:
			/* The next paragraph starts the page: an empty one carries the break. */
			p_open(d, auto_p(d, "Standard", &(struct pp){.page_break = 1}, d->f.body));
			p_close(d);
			break;
		case KB_NODE_FIGURE:
			do_figure(d, c);
			break;
		case KB_NODE_COLUMN:
			do_column(d, c);
			break;
		default: /* page set-up and furniture (the master page), seal boxes */
			break;
		}
	}
}

/* ---- parts ---------------------------------------------------------------------- */

static void
font_faces(struct od *d, kb_buf *b)
{
	kb_buf_puts(b, "<office:font-face-decls>");
	/* LibreOffice takes the first font of a ';' list it has: IPAex, else the city PC's. */
	kb_buf_puts(b, "<style:font-face style:name=\"" MINCHO "\" svg:font-family=\"" MINCHO ";");
	kb_buf_put_xml(b, d->f.mfb);
	kb_buf_puts(b, "\" style:font-family-generic=\"roman\" style:font-pitch=\"variable\"/>"
	               "<style:font-face style:name=\"" GOTHIC "\" svg:font-family=\"" GOTHIC ";");
	kb_buf_put_xml(b, d->f.gfb);
	kb_buf_puts(b, "\" style:font-family-generic=\"modern\" style:font-pitch=\"variable\"/>"
	               "</office:font-face-decls>");
}

static void
cell_styles(struct od *d, kb_buf *b)
{
	static const char *const side[] = {"top", "bottom", "left", "right"};

	for (unsigned bit = 0; bit < 32; bit++) {
		if ((d->cells & (1u << bit)) == 0)
			continue;
		kb_buf_printf(b,
		              "<style:style style:name=\"C%u\" style:family=\"table-cell\">"
		              "<style:table-cell-properties fo:padding-top=\"0.7mm\" "
		              "fo:padding-bottom=\"0.7mm\" fo:padding-left=\"1.2mm\" "
		              "fo:padding-right=\"1.2mm\" style:vertical-align=\"middle\"",
		              bit);
		for (int s = 0; s < 4; s++)
			kb_buf_printf(b, " fo:border-%s=\"%s\"", side[s],
			              (bit >> 1) & (1u << s) ? "0.5pt solid #000000" : "none");
		if (bit & 1)
			kb_buf_puts(b, " fo:background-color=\"#e6e6e6\"");
		kb_buf_puts(b, "/></style:style>");
	}
}

static char *
content_part(struct od *d, const struct kb_node *doc)
{
	kb_buf b = {0}, text = {0};

	d->b = &text;
	body(d, doc);
	kb_buf_printf(&b, "%s<office:document-content %s>", xml_decl, ns);
	font_faces(d, &b);
	kb_buf_puts(&b, "<office:automatic-styles>");
	if (d->autos.len > 0)
		kb_buf_put(&b, d->autos.data, d->autos.len);
	cell_styles(d, &b);
	kb_buf_puts(&b, "</office:automatic-styles><office:body><office:text>");
	if (text.len > 0)
		kb_buf_put(&b, text.data, text.len);
	kb_buf_puts(&b, "</office:text></office:body></office:document-content>");
	kb_buf_free(&text);
	return kb_buf_take(&b);
}

/* A named paragraph style: its paragraph and text properties (attributes only, may be ""). */
static void
pstyle(kb_buf *b, const char *name, const char *display, const char *parent, const char *ppr,
       const char *tpr, const char *extra)
{
	kb_buf_printf(b,
	              "<style:style style:name=\"%s\" style:display-name=\"%s\" "
	              "style:family=\"paragraph\"",
	              name, display);
	if (parent != NULL)
		kb_buf_printf(b, " style:parent-style-name=\"%s\"", parent);
	kb_buf_printf(b, "%s>", extra ? extra : "");
	if (*ppr)
		kb_buf_printf(b, "<style:paragraph-properties%s/>", ppr);
	if (*tpr)
		kb_buf_printf(b, "<style:text-properties%s/>", tpr);
	kb_buf_puts(b, "</style:style>");
}

static void page_styles(struct od *d, kb_buf *b);

static const char goth[] = " style:font-name=\"" GOTHIC "\" style:font-name-asian=\"" GOTHIC "\"";

static char *
styles_part(struct od *d)
{
	kb_buf b = {0};
	double body = d->f.body, pitch = body * d->f.spacing * KB_ED_PT_MM, em = body * KB_ED_PT_MM;
	int latin = d->f.page != NULL && d->f.page->u.page.latin_space > 0;
	unsigned flags = d->f.page ? d->f.page->u.page.flags : 0;
	char s[400], t[200];

	kb_buf_printf(&b, "%s<office:document-styles %s>", xml_decl, ns);
	font_faces(d, &b);
	/* 禁則 on (line-break strict), hanging punctuation; 和欧間 only when the page asks. */
	kb_buf_printf(
	    &b,
	    "<office:styles><style:default-style style:family=\"paragraph\">"
	    "<style:paragraph-properties fo:line-height=\"%.2fmm\" fo:text-align=\"justify\" "
	    "style:line-break=\"strict\" style:punctuation-wrap=\"hanging\" "
	    "style:text-autospace=\"%s\" style:writing-mode=\"%s\" "
	    "style:tab-stop-distance=\"%.2fmm\"/>"
	    "<style:text-properties style:font-name=\"" MINCHO "\" style:font-name-asian=\"" MINCHO
	    "\" style:font-name-complex=\"" MINCHO "\" fo:font-size=\"%.1fpt\" "
	    "style:font-size-asian=\"%.1fpt\" fo:language=\"ja\" fo:country=\"JP\" "
	    "style:language-asian=\"ja\" style:country-asian=\"JP\" fo:hyphenate=\"false\"/>"
	    "</style:default-style>",
	    pitch, latin ? "ideograph-alpha" : "none",
	    (flags & KB_PAGE_VERTICAL) ? "tb-rl" : "lr-tb", 4 * em, body, body);
	pstyle(&b, "Standard", "Standard", NULL, "", "", " style:class=\"text\"");
	snprintf(s, sizeof(s),
	         " fo:margin-top=\"%.2fmm\" fo:margin-bottom=\"%.2fmm\" fo:margin-left=\"%.2fmm\" "
	         "fo:margin-right=\"%.2fmm\" fo:text-align=\"center\" fo:keep-with-next=\"always\"",
	         pitch, pitch, 2 * em, 2 * em);
	snprintf(t, sizeof(t), "%s fo:font-size=\"%.1fpt\" style:font-size-asian=\"%.1fpt\"", goth,
	         body * 12 / 10.5, body * 12 / 10.5);
	pstyle(&b, "Title", "Title", "Standard", s, t,
	       " style:next-style-name=\"Standard\" style:class=\"chapter\"");
	snprintf(s, sizeof(s),
	         " fo:margin-top=\"%.2fmm\" fo:text-align=\"start\" fo:keep-with-next=\"always\"",
	         pitch / 2);
	pstyle(&b, "Heading", "Heading", "Standard", "", goth, " style:class=\"text\"");
	pstyle(&b, "Heading_20_1", "Heading 1", "Heading", s, "",
	       " style:next-style-name=\"Standard\" style:default-outline-level=\"1\" "
	       "style:class=\"text\"");
	pstyle(&b, "Heading_20_2", "Heading 2", "Heading",
	       " fo:text-align=\"start\" fo:keep-with-next=\"always\"", "",
	       " style:next-style-name=\"Standard\" style:default-outline-level=\"2\" "
	       "style:class=\"text\"");
	snprintf(s, sizeof(s),
	         " fo:margin-top=\"%.2fmm\" fo:margin-bottom=\"%.2fmm\" fo:text-align=\"center\"",
	         pitch, pitch);
	pstyle(&b, "KobunKi", "記", "Standard", s, "", NULL);
	snprintf(s, sizeof(s),
	         " fo:margin-top=\"%.2fmm\" fo:margin-right=\"%.2fmm\" fo:text-align=\"end\"",
	         pitch, em);
	pstyle(&b, "KobunIjo", "以上", "Standard", s, "", NULL);
	pstyle(&b, "KobunDocNumber", "文書番号・日付", "Standard", " fo:text-align=\"end\"", "",
	       NULL);
	snprintf(s, sizeof(s), " fo:margin-top=\"%.2fmm\"", pitch);
	pstyle(&b, "KobunAddressee", "宛先", "Standard", s, "", NULL);
	pstyle(&b, "KobunAddressee2", "宛先（続き）", "Standard", "", "", NULL);
	snprintf(s, sizeof(s), " fo:margin-top=\"%.2fmm\" fo:text-align=\"end\"", pitch);
	pstyle(&b, "KobunSender", "発信者", "Standard", s, "", NULL);
	snprintf(s, sizeof(s), " fo:margin-right=\"%.2fmm\" fo:text-align=\"end\"", em);
	pstyle(&b, "KobunSealOmitted", "公印省略", "Standard", s, "", NULL);
	pstyle(&b, "KobunItem", "記書き項目", "Standard", " fo:text-align=\"start\"", "", NULL);
	pstyle(&b, "KobunList", "箇条書き", "Standard", "", "", NULL);
	snprintf(s, sizeof(s),
	         " fo:border=\"0.5pt solid #000000\" fo:padding=\"1mm\" fo:line-height=\"%.2fmm\" "
	         "fo:text-align=\"start\"",
	         body * 0.9 * 1.5 * KB_ED_PT_MM);
	snprintf(t, sizeof(t), " fo:font-size=\"%.1fpt\" style:font-size-asian=\"%.1fpt\"",
	         body * 0.9, body * 0.9);
	pstyle(&b, "KobunContact", "担当", "Standard", s, t, NULL);
	snprintf(s, sizeof(s), " fo:line-height=\"%.2fmm\" fo:text-align=\"start\"",
	         body * 0.95 * 1.45 * KB_ED_PT_MM);
	snprintf(t, sizeof(t), " fo:font-size=\"%.1fpt\" style:font-size-asian=\"%.1fpt\"",
	         body * 0.95, body * 0.95);
	pstyle(&b, "KobunTableText", "表の文字", "Standard", s, t, NULL);
	pstyle(&b, "KobunSpace", "空き", "Standard", "", "", NULL);
	pstyle(&b, "KobunFigure", "図の文字", "Standard", " fo:text-align=\"center\"", "", NULL);
	pstyle(&b, "KobunCaption", "図の表題", "Standard", " fo:text-align=\"center\"", goth, NULL);
	pstyle(&b, "KobunColumn", "行（縦書き）", "Standard", " fo:text-align=\"start\"", "", NULL);
	snprintf(t, sizeof(t), " fo:font-size=\"%.1fpt\" style:font-size-asian=\"%.1fpt\"",
	         body * 0.85, body * 0.85);
	pstyle(&b, "Header", "Header", "Standard", " fo:text-align=\"center\"", t,
	       " style:class=\"extra\"");
	pstyle(&b, "Footer", "Footer", "Standard", " fo:text-align=\"center\"", t,
	       " style:class=\"extra\"");
	pstyle(&b, "KobunMark", "取扱注意", "Header", " fo:text-align=\"end\"", goth, NULL);
	kb_buf_printf(&b,
	              "<style:style style:name=\"KobunEm\" style:display-name=\"強調（ゴシック）\" "
	              "style:family=\"text\"><style:text-properties%s/></style:style>",
	              goth);
	kb_buf_puts(&b, "</office:styles>");
	page_styles(d, &b);
	kb_buf_puts(&b, "</office:document-styles>");
	return kb_buf_take(&b);
}

/* The page layout, the watermark's frame style and the master page with header and footer. */
static void
page_styles(struct od *d, kb_buf *b)
{
	const struct kb_ed_frame *f = &d->f;
	/* A vertical page's margins are of its writing frame: top is the physical right. */
	double pt = f->vertical ? f->ml : f->mt, pb = f->vertical ? f->mr : f->mb;
	double pl = f->vertical ? f->mb : f->ml, pr = f->vertical ? f->mt : f->mr;
	int has_header = f->header != NULL || f->mark != NULL || f->watermark != NULL;
	int has_footer = f->footer != NULL;

	/* Header and footer sit inside the margins: half of the margin, the rest their own. */
	kb_buf_printf(b,
	              "<office:automatic-styles><style:page-layout style:name=\"pm1\">"
	              "<style:page-layout-properties fo:page-width=\"%.2fmm\" "
	              "fo:page-height=\"%.2fmm\" style:print-orientation=\"%s\" "
	              "fo:margin-top=\"%.2fmm\" fo:margin-bottom=\"%.2fmm\" "
	              "fo:margin-left=\"%.2fmm\" fo:margin-right=\"%.2fmm\" "
	              "style:writing-mode=\"%s\" style:layout-grid-mode=\"none\"/>",
	              f->pagew, f->pageh, f->landscape ? "landscape" : "portrait",
	              has_header ? pt / 2 : pt, has_footer ? pb / 2 : pb, pl, pr,
	              f->vertical ? "tb-rl" : "lr-tb");
	if (has_header)
		kb_buf_printf(b,
		              "<style:header-style><style:header-footer-properties "
		              "fo:min-height=\"%.2fmm\" fo:margin-bottom=\"2mm\" "
		              "style:dynamic-spacing=\"false\"/></style:header-style>",
		              fmax(0, pt / 2 - 2));
	if (has_footer)
		kb_buf_printf(b,
		              "<style:footer-style><style:header-footer-properties "
		              "fo:min-height=\"%.2fmm\" fo:margin-top=\"2mm\" "
		              "style:dynamic-spacing=\"false\"/></style:footer-style>",
		              fmax(0, pb / 2 - 2));
	kb_buf_puts(b, "</style:page-layout>");
	/* Paragraphs of the master page take styles of styles.xml, never content.xml's. */
	if (f->header != NULL)
		kb_buf_printf(b,
		              "<style:style style:name=\"Mh\" style:family=\"paragraph\" "
		              "style:parent-style-name=\"Header\"><style:paragraph-properties "
		              "fo:text-align=\"%s\"/></style:style>",
		              align_of(f->header->u.running.align)
		                  ? align_of(f->header->u.running.align)
		                  : "center");
	if (f->footer != NULL)
		kb_buf_printf(b,
		              "<style:style style:name=\"Mf\" style:family=\"paragraph\" "
		              "style:parent-style-name=\"Footer\"><style:paragraph-properties "
		              "fo:text-align=\"%s\"/></style:style>",
		              align_of(f->footer->u.running.align)
		                  ? align_of(f->footer->u.running.align)
		                  : "center");
	/*
	 * The watermark: a shape behind the text in the middle of the page, its
	 * word large and pale; its paragraph's own line height, since the
	 * default's exact one would clip the word.
	 */
	kb_buf_puts(b, "<style:style style:name=\"Wm\" style:family=\"graphic\">"
	               "<style:graphic-properties style:run-through=\"background\" "
	               "style:wrap=\"run-through\" style:vertical-pos=\"middle\" "
	               "style:vertical-rel=\"page\" style:horizontal-pos=\"center\" "
	               "style:horizontal-rel=\"page\" fo:border=\"none\" fo:padding=\"0mm\" "
	               "draw:fill=\"none\" draw:stroke=\"none\"/></style:style>"
	               "<style:style style:name=\"Wp\" style:family=\"paragraph\" "
	               "style:parent-style-name=\"Standard\"><style:paragraph-properties "
	               "fo:line-height=\"100%\" fo:text-align=\"center\"/><style:text-properties "
	               "style:font-name=\"" GOTHIC "\" style:font-name-asian=\"" GOTHIC "\" "
	               "fo:font-size=\"140pt\" style:font-size-asian=\"140pt\" "
	               "fo:color=\"#e0e0e0\"/></style:style>"
	               "</office:automatic-styles><office:master-styles>"
	               "<style:master-page style:name=\"Standard\" "
	               "style:page-layout-name=\"pm1\">");
	d->b = b;
	if (has_header) {
		kb_buf_puts(b, "<style:header>");
		if (f->mark != NULL) {
			p_open(d, "KobunMark");
			inlines(d, f->mark);
			p_close(d);
		}
		if (f->header != NULL) {
			p_open(d, "Mh");
			inlines(d, f->header);
			p_close(d);
		}
		if (f->watermark != NULL) {
			kb_buf w = {0};
			kb_ed_plain_text(f->watermark, &w);
			/*
			 * A shape, not a frame: Writer cannot turn a text frame, and
			 * the word runs up the page's diagonal as on the PDF (layout.c);
			 * the style centres it on the page.
			 */
			kb_buf_printf(
			    b,
			    "<text:p text:style-name=\"Header\"><draw:custom-shape "
			    "draw:style-name=\"Wm\" draw:name=\"透かし\" "
			    "text:anchor-type=\"paragraph\" svg:width=\"140mm\" "
			    "svg:height=\"140mm\" draw:z-index=\"0\" "
			    "draw:transform=\"rotate (%.6f)\"><text:p text:style-name=\"Wp\">",
			    atan2(f->pageh, f->pagew));
			put_text(d, w.data ? w.data : "");
			kb_buf_puts(
			    b, "</text:p><draw:enhanced-geometry svg:viewBox=\"0 0 21600 21600\" "
			       "draw:type=\"rectangle\" draw:enhanced-path=\"M 0 0 L 21600 0 "
			       "21600 21600 0 21600 0 0 Z N\"/></draw:custom-shape></text:p>");
			kb_buf_free(&w);
		}
		kb_buf_puts(b, "</style:header>");
	}
	if (has_footer) {
		kb_buf_puts(b, "<style:footer>");
		p_open(d, "Mf");
		inlines(d, f->footer);
		p_close(d);
		kb_buf_puts(b, "</style:footer>");
	}
	kb_buf_puts(b, "</style:master-page></office:master-styles>");
}

static void
meta_elem(kb_buf *b, const char *tag, const char *v)
{
	if (v == NULL)
		return;
	kb_buf_printf(b, "<%s>", tag);
	kb_buf_put_xml(b, v);
	kb_buf_printf(b, "</%s>", tag);
}

static char *
meta_part(const struct kb_node *doc)
{
	kb_buf b = {0};

	kb_buf_printf(&b, "%s<office:document-meta %s><office:meta>", xml_decl, ns);
	meta_elem(&b, "meta:generator",
	          doc->u.document.creator ? doc->u.document.creator : "kobun");
	meta_elem(&b, "dc:title", doc->u.document.title);
	meta_elem(&b, "dc:subject", doc->u.document.subject);
	meta_elem(&b, "meta:initial-creator", doc->u.document.author);
	meta_elem(&b, "meta:keyword", doc->u.document.keywords);
	meta_elem(&b, "meta:creation-date", doc->u.document.created);
	meta_elem(&b, "dc:language", "ja-JP");
	kb_buf_puts(&b, "</office:meta></office:document-meta>");
	return kb_buf_take(&b);
}

/* Tab stops count from the page's text area, as in a .docx, not from the paragraph's indent. */
static char *
settings_part(void)
{
	return kb_asprintf("%s<office:document-settings %s><office:settings>"
	                   "<config:config-item-set config:name=\"ooo:configuration-settings\">"
	                   "<config:config-item config:name=\"TabsRelativeToIndent\" "
	                   "config:type=\"boolean\">false</config:config-item>"
	                   "</config:config-item-set></office:settings></office:document-settings>",
	                   xml_decl, ns);
}

static char *
manifest_part(void)
{
	static const char *const parts[] = {"content.xml", "styles.xml", "meta.xml",
	                                    "settings.xml"};
	kb_buf b = {0};

	kb_buf_printf(&b,
	              "%s<manifest:manifest "
	              "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
	              "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" "
	              "manifest:version=\"1.3\" "
	              "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>",
	              xml_decl);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		kb_buf_printf(&b,
		              "<manifest:file-entry manifest:full-path=\"%s\" "
		              "manifest:media-type=\"text/xml\"/>",
		              parts[i]);
	kb_buf_puts(&b, "</manifest:manifest>");
	return kb_buf_take(&b);
}

int
kb_odt_write(const struct kb_node *doc, const char *fallback, struct kb_buf *out)
{
	struct od d;
	struct kb_ed_zip z;
	char *content, *styles;
	int fail;

	memset(&d, 0, sizeof(d));
	kb_ed_frame_init(&d.f, doc, fallback, KB_DOCX_FONT_DEFAULT);
	/* content.xml first: its automatic styles are made while writing it, the page's after. */
	content = content_part(&d, doc);
	styles = styles_part(&d);
	if (kb_ed_zip_open(&z, ".odt") != 0) {
		free(content), free(styles);
		fail = -1;
		goto out;
	}
	/* mimetype first and stored, so that the file names its type at a fixed offset. */
	fail = kb_ed_zip_add(&z, "mimetype", kb_strdup("application/vnd.oasis.opendocument.text"),
	                     1) != 0 ||
	       kb_ed_zip_add(&z, "content.xml", content, 0) != 0 ||
	       kb_ed_zip_add(&z, "styles.xml", styles, 0) != 0 ||
	       kb_ed_zip_add(&z, "meta.xml", meta_part(doc), 0) != 0 ||
	       kb_ed_zip_add(&z, "settings.xml", settings_part(), 0) != 0 ||
	       kb_ed_zip_add(&z, "META-INF/manifest.xml", manifest_part(), 0) != 0;
	fail = kb_ed_zip_close(&z, fail, out);
out:
	for (int i = 0; i < d.nauto; i++)
		free(d.akey[i]);
	kb_buf_free(&d.autos);
	kb_ed_frame_fini(&d.f);
	return fail;
}
