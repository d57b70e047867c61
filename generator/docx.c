/* docx.c — the document tree as an editable WordprocessingML package (.docx): named styles,
 * real tables, header and footer with page fields, zipped with libzip in a fixed order. */
#include "docx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "editable.h"
#include "layout.h"
#include "tree.h"
#include "util.h"

#define MINCHO "IPAex明朝"
#define GOTHIC "IPAexゴシック"
/* twips (1/20 pt) per mm */
#define TW_MM (1440.0 / 25.4)

/* What the writing of one document needs. */
struct dx {
	kb_buf *b;       /* the part being written */
	double body;     /* body size, pt */
	double pitch;    /* body line pitch, twips */
	double textw;    /* the measure, twips */
	const char *mfb; /* fallback of 明朝 */
	const char *gfb; /* fallback of ゴシック */
	int has_header;  /* a header part is written */
	int has_footer;  /* a footer part is written */
	const struct kb_node *page, *header, *footer, *mark, *watermark;
};

static const char ns_w[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
    "xmlns:w10=\"urn:schemas-microsoft-com:office:word\"";

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

static long
tw(double pt)
{
	return lround(pt * 20);
}

/* ---- inline content ---------------------------------------------------------- */

/* rPr for a face and a size (pt; <= 0: the style's) into r (at least 160 bytes). */
static void
rpr_of(char *r, size_t n, enum kb_face face, double size)
{
	int k = 0;

	r[0] = '\0';
	if (face == KB_FACE_GOTHIC)
		k = snprintf(r, n,
		             "<w:rFonts w:ascii=\"" GOTHIC "\" w:eastAsia=\"" GOTHIC
		             "\" w:hAnsi=\"" GOTHIC "\"/>");
	else if (face == KB_FACE_MINCHO)
		k = snprintf(r, n,
		             "<w:rFonts w:ascii=\"" MINCHO "\" w:eastAsia=\"" MINCHO
		             "\" w:hAnsi=\"" MINCHO "\"/>");
	if (size > 0 && k >= 0 && (size_t)k < n)
		snprintf(r + k, n - (size_t)k, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>",
		         lround(size * 2), lround(size * 2));
}

static void
run(struct dx *d, const char *text, const char *rstyle, const char *rpr)
{
	kb_buf_puts(d->b, "<w:r>");
	if ((rstyle && *rstyle) || (rpr && *rpr)) {
		kb_buf_puts(d->b, "<w:rPr>");
		if (rstyle && *rstyle)
			kb_buf_printf(d->b, "<w:rStyle w:val=\"%s\"/>", rstyle);
		if (rpr)
			kb_buf_puts(d->b, rpr);
		kb_buf_puts(d->b, "</w:rPr>");
	}
	kb_buf_puts(d->b, "<w:t xml:space=\"preserve\">");
	kb_buf_put_xml(d->b, text);
	kb_buf_puts(d->b, "</w:t></w:r>");
}

static void
field(struct dx *d, const char *instr, const char *rpr)
{
	kb_buf_printf(d->b, "<w:fldSimple w:instr=\" %s \"><w:r>", instr);
	if (rpr && *rpr)
		kb_buf_printf(d->b, "<w:rPr>%s</w:rPr>", rpr);
	kb_buf_puts(d->b, "</w:r></w:fldSimple>");
}

static void inlines(struct dx *d, const struct kb_node *n, const char *rstyle, const char *rpr);

/* One inline node c as runs; em is a character style. */
static void
inline1(struct dx *d, const struct kb_node *c, const char *rstyle, const char *rpr)
{
	switch (c->kind) {
	case KB_NODE_TEXT:
		run(d, c->u.text.text, rstyle, rpr);
		break;
	case KB_NODE_EM:
		inlines(d, c, "KobunEm", rpr);
		break;
	case KB_NODE_NOBR:
		inlines(d, c, rstyle, rpr);
		break;
	case KB_NODE_BR:
		kb_buf_puts(d->b, "<w:r><w:br/></w:r>");
		break;
	case KB_NODE_PAGE_NUMBER:
		field(d, "PAGE", rpr);
		break;
	case KB_NODE_PAGE_COUNT:
		field(d, "NUMPAGES", rpr);
		break;
	default:
		break;
	}
}

/* The inline content under n as runs. */
static void
inlines(struct dx *d, const struct kb_node *n, const char *rstyle, const char *rpr)
{
	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		inline1(d, c, rstyle, rpr);
}

/* ---- paragraphs -------------------------------------------------------------- */

/* Paragraph properties in schema order; NULL or "" leaves one out. */
struct ppr {
	const char *style;
	int keep;
	const char *tabs;
	const char *spacing;
	const char *ind;
	const char *jc;
};

static void
p_open(struct dx *d, const struct ppr *p)
{
	kb_buf_puts(d->b, "<w:p><w:pPr>");
	if (p->style)
		kb_buf_printf(d->b, "<w:pStyle w:val=\"%s\"/>", p->style);
	if (p->keep)
		kb_buf_puts(d->b, "<w:keepNext/>");
	if (p->tabs && *p->tabs)
		kb_buf_printf(d->b, "<w:tabs>%s</w:tabs>", p->tabs);
	if (p->spacing && *p->spacing)
		kb_buf_puts(d->b, p->spacing);
	if (p->ind && *p->ind)
		kb_buf_puts(d->b, p->ind);
	if (p->jc)
		kb_buf_printf(d->b, "<w:jc w:val=\"%s\"/>", p->jc);
	kb_buf_puts(d->b, "</w:pPr>");
}

static void
p_close(struct dx *d)
{
	kb_buf_puts(d->b, "</w:p>");
}

/* A paragraph of style holding the literal text s. */
static void
p_text(struct dx *d, const char *style, const char *s)
{
	p_open(d, &(struct ppr){.style = style});
	run(d, s, NULL, NULL);
	p_close(d);
}

static const char *
jc_of(enum kb_align a)
{
	switch (a) {
	case KB_ALIGN_LEFT:
	case KB_ALIGN_TOP:
		return "left";
	case KB_ALIGN_CENTER:
		return "center";
	case KB_ALIGN_RIGHT:
	case KB_ALIGN_BOTTOM:
		return "right";
	case KB_ALIGN_JUSTIFY:
		return "both";
	case KB_ALIGN_UNSET:
		break;
	}
	return NULL;
}

/*
 * w:ind in 字 (hundredths of a character for Word) and in twips for
 * readers that ignore the character units; em is the size in force (pt).
 */
static void
ind_of(char *s, size_t n, double first, double left, double right, double hanging, double em)
{
	int k = snprintf(s, n, "<w:ind");

	if (left != 0)
		k += snprintf(s + k, n - (size_t)k, " w:leftChars=\"%ld\" w:left=\"%ld\"",
		              lround(left * 100), tw(left * em));
	if (right != 0)
		k += snprintf(s + k, n - (size_t)k, " w:rightChars=\"%ld\" w:right=\"%ld\"",
		              lround(right * 100), tw(right * em));
	if (hanging != 0)
		k += snprintf(s + k, n - (size_t)k, " w:hangingChars=\"%ld\" w:hanging=\"%ld\"",
		              lround(hanging * 100), tw(hanging * em));
	else if (first != 0)
		k += snprintf(s + k, n - (size_t)k, " w:firstLineChars=\"%ld\" w:firstLine=\"%ld\"",
		              lround(first * 100), tw(first * em));
	if (k <= 5)
		s[0] = '\0';
	else
		snprintf(s + k, n - (size_t)k, "/>");
}

static void
spacing_of(char *s, size_t n, double before, double after, double pitch)
{
	int k = 0;

	s[0] = '\0';
	if (before <= 0 && after <= 0)
		return;
	k = snprintf(s, n, "<w:spacing");
	if (before > 0)
		k += snprintf(s + k, n - (size_t)k, " w:before=\"%ld\" w:beforeLines=\"%ld\"",
		              lround(before * pitch), lround(before * 100));
	if (after > 0)
		k += snprintf(s + k, n - (size_t)k, " w:after=\"%ld\" w:afterLines=\"%ld\"",
		              lround(after * pitch), lround(after * 100));
	snprintf(s + k, n - (size_t)k, "/>");
}

/* Block content of a cell, item or row: inline runs, or its paragraphs. */
static void blocks(struct dx *d, const struct kb_node *first, const char *style, const char *rpr);

static void
do_p(struct dx *d, const struct kb_node *n, const char *style, const char *base_rpr)
{
	char ind[256], sp[160], rpr[200];
	double em = n->u.p.size > 0 ? n->u.p.size : d->body;

	ind_of(ind, sizeof(ind), n->u.p.indent, n->u.p.left_indent, n->u.p.right_indent,
	       n->u.p.hanging, em);
	spacing_of(sp, sizeof(sp), n->u.p.space_before, n->u.p.space_after, d->pitch);
	rpr_of(rpr, sizeof(rpr), n->u.p.face, n->u.p.size);
	p_open(d, &(struct ppr){.style = style,
	                        .keep = (n->u.p.flags & KB_P_KEEP_WITH_NEXT) != 0,
	                        .spacing = sp,
	                        .ind = ind,
	                        .jc = jc_of(n->u.p.align)});
	inlines(d, n, NULL, *rpr ? rpr : base_rpr);
	p_close(d);
}

static void
blocks(struct dx *d, const struct kb_node *first, const char *style, const char *rpr)
{
	const struct kb_node *c = first;

	if (c == NULL) {
		p_open(d, &(struct ppr){.style = style});
		p_close(d);
		return;
	}
	while (c != NULL) {
		if (kb_ed_is_inline(c)) {
			/* A run of inline content is one paragraph. */
			p_open(d, &(struct ppr){.style = style});
			for (; c != NULL && kb_ed_is_inline(c); c = c->next)
				inline1(d, c, NULL, rpr);
			p_close(d);
		} else {
			if (c->kind == KB_NODE_P)
				do_p(d, c, style, rpr);
			c = c->next;
		}
	}
}

/* 記書き items: number, label and value at tab stops, values wrapping under themselves. */
static void
do_items(struct dx *d, const struct kb_node *n)
{
	double em = d->body;
	struct kb_ed_items it;
	int seq = 0;
	char tabs[200], ind[200];

	kb_ed_items_tabs(n, &it);
	{
		int k = 0;
		tabs[0] = '\0';
		if (it.has_num)
			k += snprintf(tabs, sizeof(tabs), "<w:tab w:val=\"left\" w:pos=\"%ld\"/>",
			              tw(it.t1 * em));
		if (it.has_label)
			snprintf(tabs + k, sizeof(tabs) - (size_t)k,
			         "<w:tab w:val=\"left\" w:pos=\"%ld\"/>", tw(it.t2 * em));
		ind_of(ind, sizeof(ind), 0, it.t2, 0, it.t2 - 1, em);
	}
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char buf[16];
		const char *num = kb_item_number(c, it.autonum, ++seq, buf);
		p_open(d, &(struct ppr){.style = "KobunItem", .tabs = tabs, .ind = ind});
		if (it.has_num) {
			run(d, num ? num : "", NULL, NULL);
			kb_buf_puts(d->b, "<w:r><w:tab/></w:r>");
		}
		if (it.has_label) {
			run(d, c->u.item.label ? c->u.item.label : "", NULL, NULL);
			kb_buf_puts(d->b, "<w:r><w:tab/></w:r>");
		}
		for (const struct kb_node *k = c->child; k != NULL; k = k->next) {
			if (k->kind == KB_NODE_P) {
				if (k != c->child)
					kb_buf_puts(d->b, "<w:r><w:br/></w:r>");
				inlines(d, k, NULL, NULL);
			} else
				inline1(d, k, NULL, NULL);
		}
		p_close(d);
	}
}

/*
 * Lists in the official numbering styles: the label one 字 in from base
 * (字 from the margin), a tab, the text hanging after it; a list inside an
 * item follows it, in from the item's text.
 */
static void
do_list(struct dx *d, const struct kb_node *n, double base)
{
	double lw = kb_ed_list_label_em(n), em = d->body;
	int k;
	char tabs[100], ind[200];

	snprintf(tabs, sizeof(tabs), "<w:tab w:val=\"left\" w:pos=\"%ld\"/>",
	         tw((base + lw + 2) * em));
	ind_of(ind, sizeof(ind), 0, base + lw + 2, 0, lw + 1, em);
	k = n->u.list.start;
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		char *lab = kb_list_label(n->u.list.style, k++);
		int first = 1;
		p_open(d, &(struct ppr){.style = "KobunList", .tabs = tabs, .ind = ind});
		run(d, lab, NULL, NULL);
		kb_buf_puts(d->b, "<w:r><w:tab/></w:r>");
		for (const struct kb_node *x = c->child; x != NULL; x = x->next) {
			if (x->kind == KB_NODE_LIST)
				continue; /* after the item's own paragraph */
			if (x->kind == KB_NODE_P) {
				if (!first)
					kb_buf_puts(d->b, "<w:r><w:br/></w:r>");
				inlines(d, x, NULL, NULL);
			} else
				inline1(d, x, NULL, NULL);
			first = 0;
		}
		p_close(d);
		for (const struct kb_node *x = c->child; x != NULL; x = x->next)
			if (x->kind == KB_NODE_LIST)
				do_list(d, x, base + lw + 1);
		free(lab);
	}
}

/* ---- tables -------------------------------------------------------------------- */

static void
tbl_open(struct dx *d, enum kb_borders borders, const long *w, int ncols)
{
	static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	long total = 0;

	for (int i = 0; i < ncols; i++)
		total += w[i];
	kb_buf_printf(d->b,
	              "<w:tbl><w:tblPr><w:tblStyle w:val=\"KobunTable\"/>"
	              "<w:tblW w:w=\"%ld\" w:type=\"dxa\"/><w:tblBorders>",
	              total);
	for (int s = 0; s < 6; s++)
		kb_buf_printf(
		    d->b, "<w:%s w:val=\"%s\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
		    sides[s],
		    borders == KB_BORDERS_ALL || (borders == KB_BORDERS_OUTER && s < 4) ? "single"
		                                                                        : "nil");
	kb_buf_puts(d->b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
	for (int i = 0; i < ncols; i++)
		kb_buf_printf(d->b, "<w:gridCol w:w=\"%ld\"/>", w[i]);
	kb_buf_puts(d->b, "</w:tblGrid>");
}

static void
tc_open(struct dx *d, long w, int span, int shaded)
{
	kb_buf_printf(d->b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>", w);
	if (span > 1)
		kb_buf_printf(d->b, "<w:gridSpan w:val=\"%d\"/>", span);
	if (shaded)
		kb_buf_puts(d->b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6E6E6\"/>");
	kb_buf_puts(d->b, "</w:tcPr>");
}

/* Cell content with its alignment: a paragraph per <p>, or one for inline content. */
static void
cell_blocks(struct dx *d, const struct kb_node *cell, const char *jc, const char *rpr)
{
	const struct kb_node *c = cell->child;

	if (c == NULL || kb_ed_is_inline(c)) {
		p_open(d, &(struct ppr){.style = "KobunTableText", .jc = jc});
		if (c != NULL)
			inlines(d, cell, NULL, rpr);
		p_close(d);
		return;
	}
	blocks(d, c, "KobunTableText", rpr);
}

static void
do_table(struct dx *d, const struct kb_node *n)
{
	const struct kb_node *cols[128];
	double mm[128];
	long w[128];
	int ncols = kb_ed_col_widths(n, d->textw / TW_MM, cols, mm, 128);
	double size = n->u.table.font_size >= 0 ? n->u.table.font_size : d->body * 0.95;
	char rpr[200], rpr_th[300];

	for (int i = 0; i < ncols; i++)
		w[i] = lround(mm[i] * TW_MM);
	rpr_of(rpr, sizeof(rpr), KB_FACE_UNSET, size);
	rpr_of(rpr_th, sizeof(rpr_th), KB_FACE_GOTHIC, size);
	tbl_open(d, n->u.table.borders, w, ncols);
	for (const struct kb_node *g = n->child; g != NULL; g = g->next) {
		int header = g->kind == KB_NODE_THEAD;
		if (!header && g->kind != KB_NODE_TBODY)
			continue;
		for (const struct kb_node *tr = g->child; tr != NULL; tr = tr->next) {
			int col = 0;
			kb_buf_puts(d->b, "<w:tr>");
			if (header)
				kb_buf_puts(d->b, "<w:trPr><w:tblHeader/></w:trPr>");
			else
				kb_buf_puts(d->b, "<w:trPr><w:cantSplit/></w:trPr>");
			for (const struct kb_node *c = tr->child; c != NULL; c = c->next) {
				int span = c->u.cell.colspan > 0 ? c->u.cell.colspan : 1;
				long cw = 0;
				enum kb_align a = c->u.cell.align;
				for (int k = col; k < col + span && k < ncols; k++)
					cw += w[k];
				if (a == KB_ALIGN_UNSET)
					a = c->kind == KB_NODE_TH ? KB_ALIGN_CENTER
					    : col < ncols         ? cols[col]->u.col.align
					                          : KB_ALIGN_LEFT;
				tc_open(d, cw, span, c->kind == KB_NODE_TH);
				cell_blocks(d, c, jc_of(a), c->kind == KB_NODE_TH ? rpr_th : rpr);
				kb_buf_puts(d->b, "</w:tc>");
				col += span;
			}
			kb_buf_puts(d->b, "</w:tr>");
		}
	}
	kb_buf_puts(d->b, "</w:tbl>");
}

/* 項目 | 内容: a two-column table, labels shaded. */
static void
do_form(struct dx *d, const struct kb_node *n)
{
	double size = d->body * 0.95, lw = kb_ed_form_label_mm(n, size) * TW_MM;
	long w[2];
	char rpr[200];

	w[0] = lround(lw), w[1] = lround(fmax(0, d->textw - lw));
	rpr_of(rpr, sizeof(rpr), KB_FACE_UNSET, size);
	tbl_open(d, KB_BORDERS_ALL, w, 2);
	for (const struct kb_node *r = n->child; r != NULL; r = r->next) {
		kb_buf_puts(d->b, "<w:tr>");
		tc_open(d, w[0], 1, 1);
		p_open(d, &(struct ppr){.style = "KobunTableText"});
		run(d, r->u.row.label ? r->u.row.label : "", NULL, rpr);
		p_close(d);
		kb_buf_puts(d->b, "</w:tc>");
		tc_open(d, w[1], 1, 0);
		cell_blocks(d, r, NULL, rpr);
		kb_buf_puts(d->b, "</w:tc></w:tr>");
	}
	kb_buf_puts(d->b, "</w:tbl>");
}

/* ---- the other blocks ---------------------------------------------------------- */

static void
do_letterhead(struct dx *d, const struct kb_node *n)
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
		p_open(d, &(struct ppr){.style = style});
		inlines(d, c, NULL, NULL);
		p_close(d);
	}
}

/* The 担当 block: boxed lines at the right, as wide as the longest. */
static void
do_contact(struct dx *d, const struct kb_node *n)
{
	double size = d->body * 0.9, maxw = 0;
	char ind[120];

	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		kb_buf t = {0};
		kb_ed_plain_text(c, &t);
		maxw = fmax(maxw, kb_ed_label_em(t.data ? t.data : "") * size * 20);
		kb_buf_free(&t);
	}
	snprintf(ind, sizeof(ind), "<w:ind w:left=\"%ld\"/>",
	         lround(fmax(0, d->textw - maxw - 2 * size * 0.6 * 20 - 200)));
	for (const struct kb_node *c = n->child; c != NULL; c = c->next) {
		p_open(d, &(struct ppr){.style = c == n->child ? "KobunContact1" : "KobunContact",
		                        .ind = ind});
		inlines(d, c, NULL, NULL);
		p_close(d);
	}
}

/* An empty paragraph as high as lines body lines. */
static void
do_space(struct dx *d, double lines)
{
	kb_buf_printf(d->b,
	              "<w:p><w:pPr><w:pStyle w:val=\"KobunSpace\"/>"
	              "<w:spacing w:line=\"%ld\" w:lineRule=\"exact\"/></w:pPr></w:p>",
	              lround(fmax(1, lines * d->pitch)));
}

/*
 * A figure: the words drawn in it, in order and a tab apart, then its
 * caption (the drawing itself is the PDF's).
 */
static void
do_figure(struct dx *d, const struct kb_node *n)
{
	int any = 0;

	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		if (c->kind == KB_NODE_LABEL) {
			kb_buf s = {0};
			kb_ed_plain_text(c, &s);
			if (s.len > 0) {
				if (!any)
					p_open(d, &(struct ppr){.style = "KobunFigure"});
				else
					kb_buf_puts(d->b, "<w:r><w:tab/></w:r>");
				run(d, s.data, NULL, NULL);
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
do_column(struct dx *d, const struct kb_node *n)
{
	char ind[200], rpr[200];
	double em = n->u.column.size > 0 ? n->u.column.size : d->body;

	ind_of(ind, sizeof(ind), 0, n->u.column.align == KB_ALIGN_BOTTOM ? 0 : n->u.column.indent,
	       n->u.column.align == KB_ALIGN_BOTTOM ? n->u.column.indent : 0, 0, em);
	rpr_of(rpr, sizeof(rpr), n->u.column.face, n->u.column.size);
	p_open(d, &(struct ppr){.style = "KobunColumn",
	                        .ind = ind,
	                        .jc = n->u.column.align == KB_ALIGN_BOTTOM ? "right" : NULL});
	inlines(d, n, NULL, rpr);
	p_close(d);
}

static void
body(struct dx *d, const struct kb_node *doc)
{
	for (const struct kb_node *c = doc->child; c != NULL; c = c->next)
		switch (c->kind) {
		case KB_NODE_LETTERHEAD:
			do_letterhead(d, c);
			break;
		case KB_NODE_TITLE:
			p_open(d, &(struct ppr){.style = "Title"});
			inlines(d, c, NULL, NULL);
			p_close(d);
			break;
		case KB_NODE_HEADING:
			p_open(d, &(struct ppr){.style = c->u.heading.level >= 2 ? "Heading2"
			                                                         : "Heading1"});
			inlines(d, c, NULL, NULL);
			p_close(d);
			break;
		case KB_NODE_P:
			do_p(d, c, NULL, NULL);
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
		case KB_NODE_VSPACE:
			do_space(d, c->u.space.lines);
			break;
		case KB_NODE_PAGE_BREAK:
			kb_buf_puts(d->b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
			break;
		case KB_NODE_FIGURE:
			do_figure(d, c);
			break;
		case KB_NODE_COLUMN:
			do_column(d, c);
			break;
		default: /* page set-up and furniture (sect_pr, header, footer), seal boxes */
			break;
		}
}

/* ---- parts ---------------------------------------------------------------------- */

static void
sect_pr(struct dx *d)
{
	const struct kb_node *pg = d->page;
	unsigned flags = pg ? pg->u.page.flags : 0;
	int land = (flags & KB_PAGE_LANDSCAPE) != 0, vert = (flags & KB_PAGE_VERTICAL) != 0;
	double mt = pg ? pg->u.page.margin_top : 30, mb = pg ? pg->u.page.margin_bottom : 25;
	double ml = pg ? pg->u.page.margin_left : 30, mr = pg ? pg->u.page.margin_right : 20;
	/* A vertical page's margins are of its writing frame: top is the physical right. */
	double pt = vert ? ml : mt, pb = vert ? mr : mb, pl = vert ? mb : ml, pr = vert ? mt : mr;

	kb_buf_puts(d->b, "<w:sectPr>");
	if (d->has_header)
		kb_buf_puts(d->b, "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>");
	if (d->has_footer)
		kb_buf_puts(d->b, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>");
	kb_buf_printf(d->b, "<w:pgSz w:w=\"%d\" w:h=\"%d\"%s/>", land ? 16838 : 11906,
	              land ? 11906 : 16838, land ? " w:orient=\"landscape\"" : "");
	kb_buf_printf(d->b,
	              "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" "
	              "w:header=\"%ld\" w:footer=\"%ld\" w:gutter=\"0\"/>",
	              lround(pt * TW_MM), lround(pr * TW_MM), lround(pb * TW_MM),
	              lround(pl * TW_MM), lround(pt * TW_MM / 2 - 100),
	              lround(pb * TW_MM / 2 - 100));
	kb_buf_puts(d->b, "<w:cols w:space=\"425\"/>");
	if (vert)
		kb_buf_puts(d->b, "<w:textDirection w:val=\"tbRl\"/>");
	kb_buf_printf(d->b, "<w:docGrid w:type=\"lines\" w:linePitch=\"%ld\"/>", lround(d->pitch));
	kb_buf_puts(d->b, "</w:sectPr>");
}

static char *
document_part(struct dx *d, const struct kb_node *doc)
{
	kb_buf b = {0};

	d->b = &b;
	kb_buf_printf(&b, "%s<w:document %s><w:body>", xml_decl, ns_w);
	body(d, doc);
	sect_pr(d);
	kb_buf_puts(&b, "</w:body></w:document>");
	return kb_buf_take(&b);
}

/* A header or footer line: its inline content aligned as it says, at 0.85 of the body. */
static void
running(struct dx *d, const struct kb_node *n, const char *style)
{
	char rpr[200];

	rpr_of(rpr, sizeof(rpr), KB_FACE_UNSET, d->body * 0.85);
	p_open(d,
	       &(struct ppr){.style = style,
	                     .jc = jc_of(n->u.running.align != KB_ALIGN_UNSET ? n->u.running.align
	                                                                      : KB_ALIGN_CENTER)});
	inlines(d, n, NULL, rpr);
	p_close(d);
}

/* Word's own watermark: a WordArt word behind the text, in the header. */
static void
watermark(struct dx *d, const char *word)
{
	kb_buf_puts(
	    d->b,
	    "<w:r><w:pict><v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" "
	    "adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\"><v:formulas>"
	    "<v:f eqn=\"sum #0 0 10800\"/><v:f eqn=\"prod #0 2 1\"/><v:f eqn=\"sum 21600 0 @1\"/>"
	    "<v:f eqn=\"sum 0 0 @2\"/><v:f eqn=\"sum 21600 0 @3\"/><v:f eqn=\"if @0 @3 0\"/>"
	    "<v:f eqn=\"if @0 21600 @1\"/><v:f eqn=\"if @0 0 @2\"/><v:f eqn=\"if @0 @4 21600\"/>"
	    "<v:f eqn=\"mid @5 @6\"/><v:f eqn=\"mid @8 @5\"/><v:f eqn=\"mid @7 @8\"/>"
	    "<v:f eqn=\"mid @6 @7\"/><v:f eqn=\"sum @6 0 @5\"/></v:formulas>"
	    "<v:path textpathok=\"t\" o:connecttype=\"custom\" "
	    "o:connectlocs=\"@9,0;@10,10800;@11,21600;@12,10800\" "
	    "o:connectangles=\"270,180,90,0\"/><v:textpath on=\"t\" fitshape=\"t\"/>"
	    "<o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/></v:shapetype>"
	    "<v:shape id=\"PowerPlusWaterMarkObject1\" o:spid=\"_x0000_s1025\" "
	    "type=\"#_x0000_t136\" style=\"position:absolute;margin-left:0;margin-top:0;"
	    "width:140pt;height:140pt;rotation:305;z-index:-251655168;"
	    "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
	    "mso-position-vertical:center;mso-position-vertical-relative:margin\" "
	    "o:allowincell=\"f\" fillcolor=\"#e0e0e0\" stroked=\"f\"><v:fill opacity=\".5\"/>"
	    "<v:textpath style=\"font-family:&quot;" GOTHIC "&quot;;font-size:1pt\" string=\"");
	kb_buf_put_xml(d->b, word);
	kb_buf_puts(d->b, "\"/><w10:wrap anchorx=\"margin\" anchory=\"margin\"/></v:shape>"
	                  "</w:pict></w:r>");
}

static char *
header_part(struct dx *d)
{
	kb_buf b = {0};

	d->b = &b;
	kb_buf_printf(&b, "%s<w:hdr %s>", xml_decl, ns_w);
	if (d->mark != NULL) {
		p_open(d, &(struct ppr){.style = "KobunMark"});
		inlines(d, d->mark, NULL, NULL);
		p_close(d);
	}
	if (d->header != NULL)
		running(d, d->header, "Header");
	if (d->watermark != NULL) {
		kb_buf w = {0};
		kb_ed_plain_text(d->watermark, &w);
		p_open(d, &(struct ppr){.style = "Header"});
		watermark(d, w.data ? w.data : "");
		p_close(d);
		kb_buf_free(&w);
	}
	if (d->mark == NULL && d->header == NULL && d->watermark == NULL) {
		p_open(d, &(struct ppr){.style = "Header"});
		p_close(d);
	}
	kb_buf_puts(&b, "</w:hdr>");
	return kb_buf_take(&b);
}

static char *
footer_part(struct dx *d)
{
	kb_buf b = {0};

	d->b = &b;
	kb_buf_printf(&b, "%s<w:ftr %s>", xml_decl, ns_w);
	running(d, d->footer, "Footer");
	kb_buf_puts(&b, "</w:ftr>");
	return kb_buf_take(&b);
}

/* A paragraph style; ppr and rpr are their inner XML, may be "". */
static void
pstyle(kb_buf *b, const char *id, const char *name, const char *ppr, const char *rpr,
       const char *extra)
{
	kb_buf_printf(b,
	              "<w:style w:type=\"paragraph\"%s w:styleId=\"%s\"><w:name w:val=\"%s\"/>"
	              "<w:basedOn w:val=\"Normal\"/>%s<w:qFormat/><w:pPr>%s</w:pPr>"
	              "<w:rPr>%s</w:rPr></w:style>",
	              strncmp(id, "Kobun", 5) == 0 ? " w:customStyle=\"1\"" : "", id, name,
	              extra ? extra : "", ppr, rpr);
}

static char *
styles_part(struct dx *d, int very_strict)
{
	kb_buf b = {0};
	const char *goth =
	    "<w:rFonts w:ascii=\"" GOTHIC "\" w:eastAsia=\"" GOTHIC "\" w:hAnsi=\"" GOTHIC "\"/>";
	char s[400], s2[400];
	long one = lround(d->pitch);

	int latin = d->page != NULL && d->page->u.page.latin_space > 0;

	(void)very_strict;
	kb_buf_printf(&b, "%s<w:styles %s><w:docDefaults><w:rPrDefault><w:rPr>", xml_decl, ns_w);
	kb_buf_printf(&b,
	              "<w:rFonts w:ascii=\"" MINCHO "\" w:eastAsia=\"" MINCHO "\" w:hAnsi=\"" MINCHO
	              "\" w:cs=\"" MINCHO "\"/><w:kern w:val=\"2\"/>"
	              "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>"
	              "<w:lang w:val=\"ja-JP\" w:eastAsia=\"ja-JP\" w:bidi=\"ar-SA\"/>",
	              lround(d->body * 2), lround(d->body * 2));
	kb_buf_printf(&b,
	              "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:kinsoku/>"
	              "<w:overflowPunct/><w:autoSpaceDE w:val=\"%d\"/><w:autoSpaceDN w:val=\"%d\"/>"
	              "<w:spacing w:line=\"%ld\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/>"
	              "</w:pPr></w:pPrDefault></w:docDefaults>",
	              latin, latin, one);
	/* 和欧間: no space between Japanese and Latin letters unless the page asks for it. */
	kb_buf_printf(
	    &b,
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	    "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:kinsoku/>"
	    "<w:autoSpaceDE w:val=\"%d\"/><w:autoSpaceDN w:val=\"%d\"/></w:pPr></w:style>",
	    latin, latin);
	kb_buf_puts(&b, "<w:style w:type=\"character\" w:default=\"1\" "
	                "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph "
	                "Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>");
	snprintf(s, sizeof(s),
	         "<w:keepNext/><w:spacing w:before=\"%ld\" w:beforeLines=\"100\" w:after=\"%ld\" "
	         "w:afterLines=\"100\"/><w:ind w:leftChars=\"200\" w:left=\"%ld\" "
	         "w:rightChars=\"200\" w:right=\"%ld\"/><w:jc w:val=\"center\"/>"
	         "<w:outlineLvl w:val=\"0\"/>",
	         one, one, tw(2 * d->body), tw(2 * d->body));
	snprintf(s2, sizeof(s2), "%s<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>", goth,
	         lround(d->body * 24 / 10.5), lround(d->body * 24 / 10.5));
	pstyle(&b, "Title", "Title", s, s2, NULL);
	snprintf(s, sizeof(s),
	         "<w:keepNext/><w:spacing w:before=\"%ld\" w:beforeLines=\"50\"/>"
	         "<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/>",
	         one / 2);
	pstyle(&b, "Heading1", "heading 1", s, goth, "<w:next w:val=\"Normal\"/>");
	pstyle(&b, "Heading2", "heading 2",
	       "<w:keepNext/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/>", goth,
	       "<w:next w:val=\"Normal\"/>");
	snprintf(s, sizeof(s),
	         "<w:spacing w:before=\"%ld\" w:beforeLines=\"100\" w:after=\"%ld\" "
	         "w:afterLines=\"100\"/><w:jc w:val=\"center\"/>",
	         one, one);
	pstyle(&b, "KobunKi", "記", s, "", NULL);
	snprintf(s, sizeof(s),
	         "<w:spacing w:before=\"%ld\" w:beforeLines=\"100\"/><w:ind w:rightChars=\"100\" "
	         "w:right=\"%ld\"/><w:jc w:val=\"right\"/>",
	         one, tw(d->body));
	pstyle(&b, "KobunIjo", "以上", s, "", NULL);
	pstyle(&b, "KobunDocNumber", "文書番号・日付", "<w:jc w:val=\"right\"/>", "", NULL);
	snprintf(s, sizeof(s), "<w:spacing w:before=\"%ld\" w:beforeLines=\"100\"/>", one);
	pstyle(&b, "KobunAddressee", "宛先", s, "", NULL);
	pstyle(&b, "KobunAddressee2", "宛先（続き）", "", "", NULL);
	snprintf(s, sizeof(s),
	         "<w:spacing w:before=\"%ld\" w:beforeLines=\"100\"/><w:jc w:val=\"right\"/>", one);
	pstyle(&b, "KobunSender", "発信者", s, "", NULL);
	snprintf(s, sizeof(s),
	         "<w:ind w:rightChars=\"100\" w:right=\"%ld\"/><w:jc w:val=\"right\"/>",
	         tw(d->body));
	pstyle(&b, "KobunSealOmitted", "公印省略", s, "", NULL);
	pstyle(&b, "KobunItem", "記書き項目", "<w:jc w:val=\"left\"/>", "", NULL);
	pstyle(&b, "KobunList", "箇条書き", "", "", NULL);
	snprintf(s, sizeof(s),
	         "<w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"000000\"/>"
	         "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"000000\"/>"
	         "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"000000\"/>"
	         "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"000000\"/>"
	         "</w:pBdr><w:spacing w:line=\"%ld\" w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>",
	         lround(d->body * 0.9 * 1.5 * 20));
	snprintf(s2, sizeof(s2), "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>",
	         lround(d->body * 1.8), lround(d->body * 1.8));
	pstyle(&b, "KobunContact", "担当", s, s2, NULL);
	{
		char s3[520];
		snprintf(s3, sizeof(s3),
		         "%.*s<w:spacing w:before=\"%ld\" w:line=\"%ld\" "
		         "w:lineRule=\"exact\"/><w:jc w:val=\"left\"/>",
		         (int)(strstr(s, "<w:spacing") - s), s, one,
		         lround(d->body * 0.9 * 1.5 * 20));
		kb_buf_printf(&b,
		              "<w:style w:type=\"paragraph\" w:customStyle=\"1\" "
		              "w:styleId=\"KobunContact1\"><w:name w:val=\"担当（先頭）\"/>"
		              "<w:basedOn w:val=\"KobunContact\"/><w:next w:val=\"KobunContact\"/>"
		              "<w:qFormat/><w:pPr>%s</w:pPr><w:rPr>%s</w:rPr></w:style>",
		              s3, s2);
	}
	snprintf(s, sizeof(s),
	         "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"%ld\" w:lineRule=\"exact\"/>"
	         "<w:jc w:val=\"left\"/>",
	         lround(d->body * 0.95 * 1.45 * 20));
	snprintf(s2, sizeof(s2), "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>",
	         lround(d->body * 1.9), lround(d->body * 1.9));
	pstyle(&b, "KobunTableText", "表の文字", s, s2, NULL);
	pstyle(&b, "KobunSpace", "空き", "", "", NULL);
	pstyle(&b, "KobunFigure", "図の文字", "<w:jc w:val=\"center\"/>", "", NULL);
	pstyle(&b, "KobunCaption", "図の表題", "<w:jc w:val=\"center\"/>", goth, NULL);
	pstyle(&b, "KobunColumn", "行（縦書き）", "<w:jc w:val=\"left\"/>", "", NULL);
	snprintf(s, sizeof(s), "<w:jc w:val=\"center\"/>");
	pstyle(&b, "Header", "header", "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/>", "",
	       NULL);
	pstyle(&b, "Footer", "footer", "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/>", "",
	       NULL);
	snprintf(s2, sizeof(s2),
	         "%s<w:bdr w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/>", goth);
	pstyle(&b, "KobunMark", "取扱注意", "<w:snapToGrid w:val=\"0\"/><w:jc w:val=\"right\"/>",
	       s2, NULL);
	kb_buf_printf(&b,
	              "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"KobunEm\">"
	              "<w:name w:val=\"強調（ゴシック）\"/><w:qFormat/><w:rPr>%s</w:rPr></w:style>",
	              goth);
	kb_buf_puts(&b, "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"KobunTable\">"
	                "<w:name w:val=\"公用文の表\"/><w:tblPr><w:tblCellMar>"
	                "<w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"68\" w:type=\"dxa\"/>"
	                "<w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"68\" w:type=\"dxa\"/>"
	                "</w:tblCellMar></w:tblPr></w:style>");
	kb_buf_puts(&b, "</w:styles>");
	return kb_buf_take(&b);
}

/* 禁則 of JIS X 4051 as Word knows it: no line starts with these, none ends with those. */
static const char no_start[] =
    "!%),.:;?]}¢°’”‰′″℃、。々〉》」』】〕ぁぃぅぇぉっゃゅょゎ゛゜ゝゞァィゥェォッャュョヮヵヶ・ー"
    "ヽヾ！％），．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ￠";
static const char no_end[] = "$([\\{£¥‘“〈《「『【〔＄（［｛｢￡￥";

static char *
settings_part(struct dx *d)
{
	kb_buf b = {0};
	unsigned flags = d->page ? d->page->u.page.flags : 0;

	kb_buf_printf(&b, "%s<w:settings %s><w:zoom w:percent=\"100\"/>", xml_decl, ns_w);
	kb_buf_printf(&b, "<w:defaultTabStop w:val=\"%ld\"/>", tw(d->body * 4));
	kb_buf_puts(&b, "<w:characterSpacingControl w:val=\"compressPunctuation\"/>");
	if ((flags & KB_PAGE_STRICT) == 0)
		kb_buf_puts(&b, "<w:strictFirstAndLastChars/>");
	kb_buf_puts(&b, "<w:noLineBreaksAfter w:lang=\"ja-JP\" w:val=\"");
	kb_buf_put_xml(&b, no_end);
	kb_buf_puts(&b, "\"/><w:noLineBreaksBefore w:lang=\"ja-JP\" w:val=\"");
	kb_buf_put_xml(&b, no_start);
	kb_buf_puts(&b, "\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	                "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	                "</w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"ja-JP\"/>"
	                "</w:settings>");
	return kb_buf_take(&b);
}

static char *
fonts_part(struct dx *d)
{
	kb_buf b = {0};
	const char *const name[] = {MINCHO, GOTHIC}, *const alt[] = {d->mfb, d->gfb};

	kb_buf_printf(&b, "%s<w:fonts %s>", xml_decl, ns_w);
	for (int i = 0; i < 2; i++) {
		kb_buf_printf(&b, "<w:font w:name=\"%s\"><w:altName w:val=\"", name[i]);
		kb_buf_put_xml(&b, alt[i]);
		kb_buf_printf(&b,
		              "\"/><w:charset w:val=\"80\"/><w:family w:val=\"%s\"/>"
		              "<w:pitch w:val=\"variable\"/></w:font>",
		              i == 0 ? "roman" : "modern");
	}
	kb_buf_puts(&b, "</w:fonts>");
	return kb_buf_take(&b);
}

static void
core_elem(kb_buf *b, const char *tag, const char *v)
{
	if (v == NULL)
		return;
	kb_buf_printf(b, "<%s>", tag);
	kb_buf_put_xml(b, v);
	kb_buf_printf(b, "</%s>", tag);
}

static char *
core_part(const struct kb_node *doc)
{
	kb_buf b = {0};

	kb_buf_printf(
	    &b,
	    "%s<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
	    "2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
	    xml_decl);
	core_elem(&b, "dc:title", doc->u.document.title);
	core_elem(&b, "dc:subject", doc->u.document.subject);
	core_elem(&b, "dc:creator", doc->u.document.author);
	core_elem(&b, "cp:keywords", doc->u.document.keywords);
	core_elem(&b, "dc:language", "ja-JP");
	if (doc->u.document.created != NULL) {
		kb_buf_puts(&b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
		kb_buf_put_xml(&b, doc->u.document.created);
		kb_buf_puts(&b, "</dcterms:created>");
	}
	kb_buf_puts(&b, "</cp:coreProperties>");
	return kb_buf_take(&b);
}

static char *
app_part(const struct kb_node *doc)
{
	kb_buf b = {0};

	kb_buf_printf(&b,
	              "%s<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	              "extended-properties\"><Application>",
	              xml_decl);
	kb_buf_put_xml(&b, doc->u.document.creator ? doc->u.document.creator : "kobun");
	kb_buf_puts(&b, "</Application></Properties>");
	return kb_buf_take(&b);
}

static char *
content_types(const struct dx *d)
{
	kb_buf b = {0};
	const char *wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";

	kb_buf_printf(
	    &b,
	    "%s<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"rels\" "
	    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "<Override PartName=\"/word/document.xml\" ContentType=\"%s.document.main+xml\"/>"
	    "<Override PartName=\"/word/styles.xml\" ContentType=\"%s.styles+xml\"/>"
	    "<Override PartName=\"/word/settings.xml\" ContentType=\"%s.settings+xml\"/>"
	    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"%s.fontTable+xml\"/>",
	    xml_decl, wml, wml, wml, wml);
	if (d->has_header)
		kb_buf_printf(
		    &b, "<Override PartName=\"/word/header1.xml\" ContentType=\"%s.header+xml\"/>",
		    wml);
	if (d->has_footer)
		kb_buf_printf(
		    &b, "<Override PartName=\"/word/footer1.xml\" ContentType=\"%s.footer+xml\"/>",
		    wml);
	kb_buf_puts(&b,
	            "<Override PartName=\"/docProps/core.xml\" "
	            "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	            "<Override PartName=\"/docProps/app.xml\" "
	            "ContentType=\"application/vnd.openxmlformats-officedocument.extended-"
	            "properties+xml\"/></Types>");
	return kb_buf_take(&b);
}

static const char rel_ns[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

static char *
package_rels(void)
{
	return kb_asprintf(
	    "%s<Relationships "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"%s/officeDocument\" Target=\"word/document.xml\"/>"
	    "<Relationship Id=\"rId2\" "
	    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
	    "core-properties\" Target=\"docProps/core.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"%s/extended-properties\" "
	    "Target=\"docProps/app.xml\"/>"
	    "</Relationships>",
	    xml_decl, rel_ns, rel_ns);
}

static char *
document_rels(const struct dx *d)
{
	kb_buf b = {0};

	kb_buf_printf(&b,
	              "%s<Relationships "
	              "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	              "<Relationship Id=\"rIdStyles\" Type=\"%s/styles\" Target=\"styles.xml\"/>"
	              "<Relationship Id=\"rIdSettings\" Type=\"%s/settings\" "
	              "Target=\"settings.xml\"/>"
	              "<Relationship Id=\"rIdFonts\" Type=\"%s/fontTable\" "
	              "Target=\"fontTable.xml\"/>",
	              xml_decl, rel_ns, rel_ns, rel_ns);
	if (d->has_header)
		kb_buf_printf(&b,
		              "<Relationship Id=\"rIdHeader\" Type=\"%s/header\" "
		              "Target=\"header1.xml\"/>",
		              rel_ns);
	if (d->has_footer)
		kb_buf_printf(&b,
		              "<Relationship Id=\"rIdFooter\" Type=\"%s/footer\" "
		              "Target=\"footer1.xml\"/>",
		              rel_ns);
	kb_buf_puts(&b, "</Relationships>");
	return kb_buf_take(&b);
}

/* ---- the package ---------------------------------------------------------------- */

int
kb_docx_write(const struct kb_node *doc, const char *fallback, struct kb_buf *out)
{
	struct dx d = {0};
	struct kb_ed_frame f;
	struct kb_ed_zip z;
	int fail;

	kb_ed_frame_init(&f, doc, fallback, KB_DOCX_FONT_DEFAULT);
	d.mfb = f.mfb, d.gfb = f.gfb;
	d.page = f.page, d.header = f.header, d.footer = f.footer;
	d.mark = f.mark, d.watermark = f.watermark;
	d.body = f.body;
	d.pitch = f.body * f.spacing * 20;
	d.textw = f.textw * TW_MM;
	d.has_header = d.header != NULL || d.mark != NULL || d.watermark != NULL;
	d.has_footer = d.footer != NULL;
	if (kb_ed_zip_open(&z, ".docx") != 0) {
		kb_ed_frame_fini(&f);
		return -1;
	}
	/* [Content_Types].xml first, then a fixed order: the same tree gives the same bytes. */
	fail = kb_ed_zip_add(&z, "[Content_Types].xml", content_types(&d), 0) != 0 ||
	       kb_ed_zip_add(&z, "_rels/.rels", package_rels(), 0) != 0 ||
	       kb_ed_zip_add(&z, "docProps/core.xml", core_part(doc), 0) != 0 ||
	       kb_ed_zip_add(&z, "docProps/app.xml", app_part(doc), 0) != 0 ||
	       kb_ed_zip_add(&z, "word/document.xml", document_part(&d, doc), 0) != 0 ||
	       kb_ed_zip_add(&z, "word/styles.xml", styles_part(&d, 1), 0) != 0 ||
	       kb_ed_zip_add(&z, "word/settings.xml", settings_part(&d), 0) != 0 ||
	       kb_ed_zip_add(&z, "word/fontTable.xml", fonts_part(&d), 0) != 0 ||
	       (d.has_header && kb_ed_zip_add(&z, "word/header1.xml", header_part(&d), 0) != 0) ||
	       (d.has_footer && kb_ed_zip_add(&z, "word/footer1.xml", footer_part(&d), 0) != 0) ||
	       kb_ed_zip_add(&z, "word/_rels/document.xml.rels", document_rels(&d), 0) != 0;
	kb_ed_frame_fini(&f);
	return kb_ed_zip_close(&z, fail, out);
}
