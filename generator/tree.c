/* tree.c — builds kobun's document tree from a template's XML output, once; dumps and checks it. */
#include "tree.h"

#include <libxml/tree.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

/* Deeper trees are a template bug (a runaway recursion), not a document. */
#define MAX_DEPTH 100

/* Element names, indexed by kind. */
static const char *const names[KB_NODE__MAX] = {
    [KB_NODE_DOCUMENT] = "document",
    [KB_NODE_PAGE] = "page",
    [KB_NODE_HEADER] = "header",
    [KB_NODE_FOOTER] = "footer",
    [KB_NODE_MARK] = "mark",
    [KB_NODE_WATERMARK] = "watermark",
    [KB_NODE_LETTERHEAD] = "letterhead",
    [KB_NODE_NUMBER] = "number",
    [KB_NODE_DATE] = "date",
    [KB_NODE_ADDRESSEE] = "addressee",
    [KB_NODE_SENDER] = "sender",
    [KB_NODE_SEAL_OMITTED] = "seal-omitted",
    [KB_NODE_SEAL_BOX] = "seal-box",
    [KB_NODE_TITLE] = "title",
    [KB_NODE_HEADING] = "heading",
    [KB_NODE_P] = "p",
    [KB_NODE_KI] = "ki",
    [KB_NODE_IJO] = "ijo",
    [KB_NODE_ITEMS] = "items",
    [KB_NODE_ITEM] = "item",
    [KB_NODE_LIST] = "list",
    [KB_NODE_LI] = "li",
    [KB_NODE_FORM] = "form",
    [KB_NODE_ROW] = "row",
    [KB_NODE_TABLE] = "table",
    [KB_NODE_COL] = "col",
    [KB_NODE_THEAD] = "thead",
    [KB_NODE_TBODY] = "tbody",
    [KB_NODE_TR] = "tr",
    [KB_NODE_TH] = "th",
    [KB_NODE_TD] = "td",
    [KB_NODE_CONTACT] = "contact",
    [KB_NODE_LINE] = "line",
    [KB_NODE_SPACE] = "space",
    [KB_NODE_PAGE_BREAK] = "page-break",
    [KB_NODE_FIGURE] = "figure",
    [KB_NODE_BOX] = "box",
    [KB_NODE_RULE] = "line",
    [KB_NODE_LABEL] = "text",
    [KB_NODE_COLUMN] = "column",
    [KB_NODE_VSPACE] = "vspace",
    [KB_NODE_EM] = "em",
    [KB_NODE_BR] = "br",
    [KB_NODE_NOBR] = "nobr",
    [KB_NODE_PAGE_NUMBER] = "page-number",
    [KB_NODE_PAGE_COUNT] = "page-count",
    [KB_NODE_TEXT] = "#text",
};

const char *
kb_node_name(enum kb_node_kind kind)
{
	return (unsigned)kind < KB_NODE__MAX ? names[kind] : "?";
}

/* ---- content models ------------------------------------------------------- */

#define K(k) ((uint64_t)1 << KB_NODE_##k)
#define INLINE (K(TEXT) | K(EM) | K(BR) | K(NOBR) | K(PAGE_NUMBER) | K(PAGE_COUNT))
/* Blocks that belong to one writing mode only; the others serve both. */
#define H_ONLY                                                                                     \
	(K(LETTERHEAD) | K(TITLE) | K(HEADING) | K(ITEMS) | K(LIST) | K(FORM) | K(TABLE) |         \
	 K(CONTACT) | K(FIGURE) | K(KI) | K(IJO))
#define V_ONLY K(COLUMN)
#define BLOCKS (H_ONLY | V_ONLY | K(P) | K(SPACE) | K(VSPACE) | K(PAGE_BREAK) | K(SEAL_BOX))

/* The kinds a node of kind k may hold (the grammar of schema/document.rng, flattened). */
static uint64_t
content(enum kb_node_kind k)
{
	switch (k) {
	case KB_NODE_DOCUMENT:
		return K(PAGE) | K(HEADER) | K(FOOTER) | K(MARK) | K(WATERMARK) | BLOCKS;
	case KB_NODE_HEADER:
	case KB_NODE_FOOTER:
	case KB_NODE_MARK:
	case KB_NODE_WATERMARK:
	case KB_NODE_NUMBER:
	case KB_NODE_DATE:
	case KB_NODE_ADDRESSEE:
	case KB_NODE_SENDER:
	case KB_NODE_TITLE:
	case KB_NODE_HEADING:
	case KB_NODE_P:
	case KB_NODE_ITEM:
	case KB_NODE_TH:
	case KB_NODE_TD:
	case KB_NODE_LINE:
	case KB_NODE_LABEL:
	case KB_NODE_COLUMN:
	case KB_NODE_EM:
		return INLINE;
	case KB_NODE_NOBR: /* a break inside would contradict it */
		return INLINE & ~(K(BR) | K(NOBR));
	case KB_NODE_LI:
		return INLINE | K(LIST);
	case KB_NODE_ROW:
		return INLINE | K(P);
	case KB_NODE_LETTERHEAD:
		return K(NUMBER) | K(DATE) | K(ADDRESSEE) | K(SENDER) | K(SEAL_OMITTED) |
		       K(SEAL_BOX);
	case KB_NODE_ITEMS:
		return K(ITEM);
	case KB_NODE_LIST:
		return K(LI);
	case KB_NODE_FORM:
		return K(ROW);
	case KB_NODE_TABLE:
		return K(COL) | K(THEAD) | K(TBODY);
	case KB_NODE_THEAD:
	case KB_NODE_TBODY:
		return K(TR);
	case KB_NODE_TR:
		return K(TH) | K(TD);
	case KB_NODE_CONTACT:
		return K(LINE);
	case KB_NODE_FIGURE:
		return K(BOX) | K(RULE) | K(LABEL);
	default:
		return 0;
	}
}

static int
allowed(enum kb_node_kind parent, enum kb_node_kind child)
{
	return (unsigned)child < KB_NODE__MAX && (content(parent) & ((uint64_t)1 << child)) != 0;
}

/* The kind of element name under a parent of kind parent; KB_NODE__MAX when unknown. */
static enum kb_node_kind
kind_of(const char *name, enum kb_node_kind parent)
{
	if (parent == KB_NODE_FIGURE && strcmp(name, "line") == 0)
		return KB_NODE_RULE;
	if (parent == KB_NODE_FIGURE && strcmp(name, "text") == 0)
		return KB_NODE_LABEL;
	for (int k = 0; k < KB_NODE__MAX; k++)
		if (k != KB_NODE_RULE && k != KB_NODE_LABEL && k != KB_NODE_TEXT &&
		    strcmp(names[k], name) == 0)
			return (enum kb_node_kind)k;
	return KB_NODE__MAX;
}

/* ---- nodes ---------------------------------------------------------------- */

static struct kb_node *
node_new(enum kb_node_kind kind, long line)
{
	struct kb_node *n = kb_calloc(1, sizeof(*n));

	n->kind = kind;
	n->line = line;
	return n;
}

static void
append(struct kb_node *parent, struct kb_node *n)
{
	n->parent = parent;
	n->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->child = n;
	parent->last = n;
}

/* Frees what a node owns besides its children. */
static void
node_free(struct kb_node *n)
{
	switch (n->kind) {
	case KB_NODE_DOCUMENT:
		free(n->u.document.title);
		free(n->u.document.author);
		free(n->u.document.subject);
		free(n->u.document.keywords);
		free(n->u.document.creator);
		free(n->u.document.created);
		break;
	case KB_NODE_ITEM:
		free(n->u.item.label);
		free(n->u.item.num);
		break;
	case KB_NODE_ROW:
		free(n->u.row.label);
		break;
	case KB_NODE_FIGURE:
		free(n->u.figure.caption);
		break;
	case KB_NODE_TEXT:
		free(n->u.text.text);
		break;
	default:
		break;
	}
	free(n);
}

void
kb_tree_free(struct kb_node *root)
{
	struct kb_node *n = root, *next;

	if (root == NULL)
		return;
	/* Without recursion: splice each node's children in front of its next sibling. */
	root->next = NULL;
	for (; n != NULL; n = next) {
		if (n->child != NULL) {
			n->last->next = n->next;
			n->next = n->child;
		}
		next = n->next;
		node_free(n);
	}
}

/* ---- conversion ----------------------------------------------------------- */

struct conv {
	const char *name; /* labels diagnostics */
	int err;          /* a problem was reported */
	int vertical;     /* the writing mode the <page> seen so far sets */
};

static void vbug(struct conv *cv, long line, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static void bug(struct conv *cv, const xmlNode *x, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void bug_at(struct conv *cv, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports a template bug at name:line. */
static void
vbug(struct conv *cv, long line, const char *fmt, va_list ap)
{
	kb_buf b = {0};

	kb_buf_vprintf(&b, fmt, ap);
	kb_diagc(KB_D_LAYOUT, &(struct kb_loc){cv->name, line > 0 ? line : 0, NULL},
	         "%s (template bug)", b.data);
	kb_buf_free(&b);
	cv->err = 1;
}

/* ... at the line of the XML node x. */
static void
bug(struct conv *cv, const xmlNode *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbug(cv, xmlGetLineNo(x), fmt, ap);
	va_end(ap);
}

/* ... at a line of the output tree. */
static void
bug_at(struct conv *cv, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbug(cv, line, fmt, ap);
	va_end(ap);
}

/* A fresh copy of attribute name of x, or NULL. */
static char *
get(const xmlNode *x, const char *name)
{
	xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
	char *s = v ? kb_strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/*
 * Reads attribute name as a non-negative number into *v, which keeps its
 * default when the attribute is absent. unit (may be NULL) is a suffix
 * the value may carry ("mm").
 */
static void
number(struct conv *cv, const xmlNode *x, const char *name, const char *unit, double *v)
{
	char *s = get(x, name), *end;
	double d;

	if (s == NULL)
		return;
	d = strtod(s, &end);
	if (end == s || !isfinite(d))
		bug(cv, x, "<%s %s=\"%s\">: not a number", x->name, name, s);
	else if (*end != '\0' && (unit == NULL || strcmp(end, unit) != 0) &&
	         ((*end >= 'a' && *end <= 'z') || (*end >= 'A' && *end <= 'Z') || *end == '%'))
		bug(cv, x, "<%s %s=\"%s\">: unknown unit \"%s\"", x->name, name, s, end);
	else if (*end != '\0' && (unit == NULL || strcmp(end, unit) != 0))
		bug(cv, x, "<%s %s=\"%s\">: not a number", x->name, name, s);
	else if (d < 0)
		bug(cv, x, "<%s %s=\"%s\">: must not be negative", x->name, name, s);
	else
		*v = d;
	free(s);
}

/* Reads a whole number up to max (level, start, colspan); the fraction is dropped. */
static void
whole(struct conv *cv, const xmlNode *x, const char *name, int max, int *v)
{
	double d = -1;

	number(cv, x, name, NULL, &d);
	if (d > max)
		bug(cv, x, "<%s %s>: more than %d", x->name, name, max);
	else if (d >= 0)
		*v = (int)d;
}

/*
 * Reads an enumerated attribute: values is a NULL-terminated list and
 * codes the value of each; *v keeps its default when absent.
 */
static void
choice(struct conv *cv, const xmlNode *x, const char *name, const char *const *values,
       const int *codes, int *v)
{
	char *s = get(x, name);
	kb_buf want = {0};
	int i;

	if (s == NULL)
		return;
	for (i = 0; values[i] != NULL; i++)
		if (strcmp(s, values[i]) == 0) {
			*v = codes[i];
			free(s);
			return;
		}
	for (i = 0; values[i] != NULL; i++)
		kb_buf_printf(&want, "%s%s",
		              i == 0          ? ""
		              : values[i + 1] ? ", "
		                              : " or ",
		              values[i]);
	bug(cv, x, "<%s %s=\"%s\">: expected %s", x->name, name, s, want.data);
	kb_buf_free(&want);
	free(s);
}

static void
flag(struct conv *cv, const xmlNode *x, const char *name, unsigned *flags, unsigned bit)
{
	static const char *const values[] = {"true", "false", NULL};
	static const int codes[] = {1, 0};
	int on = 0;

	choice(cv, x, name, values, codes, &on);
	if (on)
		*flags |= bit;
}

static void
halign(struct conv *cv, const xmlNode *x, enum kb_align *a)
{
	static const char *const values[] = {"left", "center", "right", NULL};
	static const int codes[] = {KB_ALIGN_LEFT, KB_ALIGN_CENTER, KB_ALIGN_RIGHT};
	int v = (int)*a;

	choice(cv, x, "align", values, codes, &v);
	*a = (enum kb_align)v;
}

static void
face(struct conv *cv, const xmlNode *x, enum kb_face *f)
{
	static const char *const values[] = {"mincho", "gothic", NULL};
	static const int codes[] = {KB_FACE_MINCHO, KB_FACE_GOTHIC};
	int v = (int)*f;

	choice(cv, x, "font", values, codes, &v);
	*f = (enum kb_face)v;
}

/* Parses the attributes of x into n, with their defaults. */
/* <page>: A4 only, orientation, writing, kinsoku level, bracket start, margins and sizes. */
static void
page_attrs(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	static const char *const orient[] = {"portrait", "landscape", NULL};
	static const char *const writing[] = {"horizontal", "vertical", NULL};
	static const char *const strict[] = {"very-strict", "strict", NULL};
	static const char *const bracket[] = {"flush", "half", NULL};
	static const int codes[] = {0, 1};
	char *size = get(x, "size");
	int v;

	if (size != NULL && strcmp(size, "A4") != 0)
		bug(cv, x, "<page size=\"%s\">: only A4 is supported", size);
	free(size);
	v = 0;
	choice(cv, x, "orientation", orient, codes, &v);
	n->u.page.flags |= v ? KB_PAGE_LANDSCAPE : 0;
	v = 0;
	choice(cv, x, "writing", writing, codes, &v);
	n->u.page.flags |= v ? KB_PAGE_VERTICAL : 0;
	v = 0;
	choice(cv, x, "strict", strict, codes, &v);
	n->u.page.flags |= v ? KB_PAGE_STRICT : 0;
	v = 0;
	choice(cv, x, "bracket-start", bracket, codes, &v);
	n->u.page.flags |= v ? KB_PAGE_OPEN_HALF : 0;
	n->u.page.margin_top = 30;
	n->u.page.margin_bottom = 25;
	n->u.page.margin_left = 30;
	n->u.page.margin_right = 20;
	n->u.page.body_size = 10.5;
	n->u.page.line_spacing = 1.75;
	number(cv, x, "margin-top", "mm", &n->u.page.margin_top);
	number(cv, x, "margin-bottom", "mm", &n->u.page.margin_bottom);
	number(cv, x, "margin-left", "mm", &n->u.page.margin_left);
	number(cv, x, "margin-right", "mm", &n->u.page.margin_right);
	number(cv, x, "body-size", NULL, &n->u.page.body_size);
	number(cv, x, "line-spacing", NULL, &n->u.page.line_spacing);
	number(cv, x, "latin-space", NULL, &n->u.page.latin_space);
}

/* <p>: alignment, face, size, indents, spacing. */
static void
p_attrs(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	static const char *const values[] = {"left", "right", "center", "justify", NULL};
	static const int codes[] = {KB_ALIGN_LEFT, KB_ALIGN_RIGHT, KB_ALIGN_CENTER,
	                            KB_ALIGN_JUSTIFY};
	int v;

	v = KB_ALIGN_UNSET;
	choice(cv, x, "align", values, codes, &v);
	n->u.p.align = (enum kb_align)v;
	face(cv, x, &n->u.p.face);
	n->u.p.size = -1;
	number(cv, x, "size", NULL, &n->u.p.size);
	number(cv, x, "indent", NULL, &n->u.p.indent);
	number(cv, x, "left-indent", NULL, &n->u.p.left_indent);
	number(cv, x, "right-indent", NULL, &n->u.p.right_indent);
	number(cv, x, "hanging", NULL, &n->u.p.hanging);
	number(cv, x, "space-before", NULL, &n->u.p.space_before);
	number(cv, x, "space-after", NULL, &n->u.p.space_after);
	flag(cv, x, "keep-with-next", &n->u.p.flags, KB_P_KEEP_WITH_NEXT);
}

/* <list>: its label style and first number. */
static void
list_attrs(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	static const char *const values[] = {"arabic",  "paren",  "katakana", "paren-katakana",
	                                     "circled", "bullet", NULL};
	static const int codes[] = {KB_LIST_ARABIC,         KB_LIST_PAREN,   KB_LIST_KATAKANA,
	                            KB_LIST_PAREN_KATAKANA, KB_LIST_CIRCLED, KB_LIST_BULLET};
	int v;

	v = KB_LIST_ARABIC;
	choice(cv, x, "style", values, codes, &v);
	n->u.list.style = (enum kb_list_style)v;
	n->u.list.start = 1;
	whole(cv, x, "start", 999, &n->u.list.start);
}

/* <col>: alignment and a width in mm or a share (N*). */
static void
col_attrs(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	char *w = get(x, "width"), *end;
	double d;
	n->u.col.align = KB_ALIGN_LEFT;
	halign(cv, x, &n->u.col.align);
	if (w == NULL) {
		n->u.col.share = 1;
		return;
	}
	d = strtod(w, &end);
	if (end == w || d < 0 || !isfinite(d))
		bug(cv, x, "<col width=\"%s\">: expected NNmm or N*", w);
	else if (strcmp(end, "*") == 0)
		n->u.col.share = d;
	else if (strcmp(end, "mm") == 0 || *end == '\0')
		n->u.col.mm = d;
	else
		bug(cv, x, "<col width=\"%s\">: unknown unit \"%s\", expected NNmm or N*", w, end);
	free(w);
}

/* <label> of a figure: position, size, face, anchor. */
static void
label_attrs(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	static const char *const values[] = {"start", "middle", "end", NULL};
	static const int codes[] = {KB_ANCHOR_START, KB_ANCHOR_MIDDLE, KB_ANCHOR_END};
	int v;

	number(cv, x, "x", "mm", &n->u.label.x);
	number(cv, x, "y", "mm", &n->u.label.y);
	n->u.label.size = -1;
	number(cv, x, "size", NULL, &n->u.label.size);
	face(cv, x, &n->u.label.face);
	v = KB_ANCHOR_START;
	choice(cv, x, "anchor", values, codes, &v);
	n->u.label.anchor = (enum kb_anchor)v;
}

/* <column> of vertical writing: indent, alignment, size, face. */
static void
column_attrs(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	static const char *const values[] = {"top", "bottom", NULL};
	static const int codes[] = {KB_ALIGN_TOP, KB_ALIGN_BOTTOM};
	int v;

	number(cv, x, "indent", NULL, &n->u.column.indent);
	v = KB_ALIGN_TOP;
	choice(cv, x, "align", values, codes, &v);
	n->u.column.align = (enum kb_align)v;
	n->u.column.size = -1;
	number(cv, x, "size", NULL, &n->u.column.size);
	face(cv, x, &n->u.column.face);
}

static void
attributes(struct conv *cv, const xmlNode *x, struct kb_node *n)
{
	int v;

	switch (n->kind) {
	case KB_NODE_DOCUMENT:
		n->u.document.title = get(x, "title");
		n->u.document.author = get(x, "author");
		n->u.document.subject = get(x, "subject");
		n->u.document.keywords = get(x, "keywords");
		n->u.document.creator = get(x, "creator");
		n->u.document.created = get(x, "created");
		break;
	case KB_NODE_PAGE:
		page_attrs(cv, x, n);
		break;
	case KB_NODE_HEADER:
	case KB_NODE_FOOTER:
		n->u.running.align = KB_ALIGN_CENTER;
		halign(cv, x, &n->u.running.align);
		break;
	case KB_NODE_HEADING:
		n->u.heading.level = 1;
		whole(cv, x, "level", 99, &n->u.heading.level);
		break;
	case KB_NODE_P:
		p_attrs(cv, x, n);
		break;
	case KB_NODE_ITEMS: {
		static const char *const values[] = {"arabic", "none", NULL};
		static const int codes[] = {1, 0};
		v = 0;
		choice(cv, x, "numbering", values, codes, &v);
		n->u.items.flags |= v ? KB_ITEMS_ARABIC : 0;
		break;
	}
	case KB_NODE_ITEM:
		n->u.item.label = get(x, "label");
		n->u.item.num = get(x, "num");
		break;
	case KB_NODE_LIST:
		list_attrs(cv, x, n);
		break;
	case KB_NODE_FORM:
		n->u.form.label_width = -1;
		number(cv, x, "label-width", "mm", &n->u.form.label_width);
		break;
	case KB_NODE_ROW:
		n->u.row.label = get(x, "label");
		break;
	case KB_NODE_TABLE: {
		static const char *const values[] = {"all", "outer", "none", NULL};
		static const int codes[] = {KB_BORDERS_ALL, KB_BORDERS_OUTER, KB_BORDERS_NONE};
		v = KB_BORDERS_ALL;
		choice(cv, x, "borders", values, codes, &v);
		n->u.table.borders = (enum kb_borders)v;
		n->u.table.font_size = -1;
		number(cv, x, "font-size", NULL, &n->u.table.font_size);
		break;
	}
	case KB_NODE_COL:
		col_attrs(cv, x, n);
		break;
	case KB_NODE_TH:
	case KB_NODE_TD:
		halign(cv, x, &n->u.cell.align);
		n->u.cell.colspan = 1;
		whole(cv, x, "colspan", 99, &n->u.cell.colspan);
		if (n->u.cell.colspan < 1) {
			bug(cv, x, "<%s colspan>: at least 1", x->name);
			n->u.cell.colspan = 1;
		}
		break;
	case KB_NODE_SPACE:
	case KB_NODE_VSPACE:
		n->u.space.lines = 1;
		number(cv, x, "lines", NULL, &n->u.space.lines);
		break;
	case KB_NODE_FIGURE:
		n->u.figure.width = 100;
		n->u.figure.height = 50;
		number(cv, x, "width", "mm", &n->u.figure.width);
		number(cv, x, "height", "mm", &n->u.figure.height);
		n->u.figure.align = KB_ALIGN_CENTER;
		halign(cv, x, &n->u.figure.align);
		n->u.figure.caption = get(x, "caption");
		break;
	case KB_NODE_BOX:
		number(cv, x, "x", "mm", &n->u.box.x);
		number(cv, x, "y", "mm", &n->u.box.y);
		number(cv, x, "w", "mm", &n->u.box.w);
		number(cv, x, "h", "mm", &n->u.box.h);
		n->u.box.fill = -1;
		number(cv, x, "fill", NULL, &n->u.box.fill);
		n->u.box.stroke = 0.5;
		number(cv, x, "stroke", NULL, &n->u.box.stroke);
		break;
	case KB_NODE_RULE:
		number(cv, x, "x1", "mm", &n->u.rule.x1);
		number(cv, x, "y1", "mm", &n->u.rule.y1);
		number(cv, x, "x2", "mm", &n->u.rule.x2);
		number(cv, x, "y2", "mm", &n->u.rule.y2);
		n->u.rule.width = 0.5;
		number(cv, x, "width", NULL, &n->u.rule.width);
		flag(cv, x, "dash", &n->u.rule.flags, KB_RULE_DASH);
		break;
	case KB_NODE_LABEL:
		label_attrs(cv, x, n);
		break;
	case KB_NODE_COLUMN:
		column_attrs(cv, x, n);
		break;
	default:
		break;
	}
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

/* The rows of a table fit its columns. */
static void
check_spans(struct conv *cv, const xmlNode *x, const struct kb_node *table)
{
	int ncols = 0;

	for (const struct kb_node *c = table->child; c != NULL; c = c->next)
		ncols += c->kind == KB_NODE_COL;
	if (ncols == 0) {
		bug(cv, x, "<table> needs <col> elements");
		return;
	}
	for (const struct kb_node *g = table->child; g != NULL; g = g->next)
		for (const struct kb_node *tr = g->kind != KB_NODE_COL ? g->child : NULL;
		     tr != NULL; tr = tr->next) {
			int col = 0;
			for (const struct kb_node *c = tr->child; c != NULL; c = c->next) {
				if (col + c->u.cell.colspan > ncols) {
					bug_at(cv, c->line,
					       "<%s>: the row has more cells than <col>s",
					       kb_node_name(c->kind));
					break;
				}
				col += c->u.cell.colspan;
			}
		}
}

/* Converts the children of x into children of n. */
static void
children(struct conv *cv, const xmlNode *x, struct kb_node *n, int depth)
{
	for (const xmlNode *c = x->children; c != NULL; c = c->next) {
		struct kb_node *k;
		enum kb_node_kind kind;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			kb_buf b = {0};
			if (s == NULL)
				continue;
			if (!allowed(n->kind, KB_NODE_TEXT)) {
				if (s[strspn(s, " \t\r\n")] != '\0')
					bug(cv, c, "text is not allowed inside <%s>", x->name);
				continue;
			}
			put_text(&b, s);
			if (b.len > 0) {
				k = node_new(KB_NODE_TEXT, xmlGetLineNo(c));
				k->u.text.text = kb_buf_take(&b);
				append(n, k);
			}
			kb_buf_free(&b);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		kind = kind_of((const char *)c->name, n->kind);
		if (kind == KB_NODE__MAX) {
			bug(cv, c, "unknown element <%s> in the document tree", c->name);
			continue;
		}
		if (!allowed(n->kind, kind)) {
			bug(cv, c, "<%s> is not allowed inside <%s>", c->name, x->name);
			continue;
		}
		if (n->kind == KB_NODE_DOCUMENT &&
		    ((cv->vertical ? H_ONLY : V_ONLY) & ((uint64_t)1 << kind)) != 0) {
			bug(cv, c, "<%s> is not allowed in %s writing", c->name,
			    cv->vertical ? "vertical" : "horizontal");
			continue;
		}
		if (depth >= MAX_DEPTH) {
			bug(cv, c, "<%s>: elements nested deeper than %d levels", c->name,
			    MAX_DEPTH);
			continue;
		}
		k = node_new(kind, xmlGetLineNo(c));
		attributes(cv, c, k);
		append(n, k);
		if (kind == KB_NODE_PAGE)
			cv->vertical = (k->u.page.flags & KB_PAGE_VERTICAL) != 0;
		children(cv, c, k, depth + 1);
		if (kind == KB_NODE_TABLE)
			check_spans(cv, c, k);
	}
}

struct kb_node *
kb_tree_from_xml(xmlDoc *doc, const char *name)
{
	struct conv cv = {name, 0, 0};
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	struct kb_node *n;

	if (root == NULL || strcmp((const char *)root->name, "document") != 0) {
		kb_diagc(KB_D_NO_DOCUMENT, &(struct kb_loc){name, 0, NULL},
		         "the template did not produce a <document> (template bug)");
		return NULL;
	}
	n = node_new(KB_NODE_DOCUMENT, xmlGetLineNo(root));
	attributes(&cv, root, n);
	children(&cv, root, n, 1);
	if (cv.err) {
		kb_tree_free(n);
		return NULL;
	}
#ifdef KB_CHECK
	if (kb_tree_check(n, stderr) != 0)
		abort();
#endif
	return n;
}

/* ---- the text dump -------------------------------------------------------- */

static void
put_quoted(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

static void
put_str(FILE *out, const char *key, const char *s)
{
	if (s == NULL)
		return;
	fprintf(out, " %s=", key);
	put_quoted(out, s);
}

static void
put_num(FILE *out, const char *key, double v, const char *unit)
{
	fprintf(out, " %s=%g%s", key, v, unit);
}

static const char *
align_name(enum kb_align a)
{
	static const char *const n[] = {"unset",   "left", "center", "right",
	                                "justify", "top",  "bottom"};
	return (unsigned)a < sizeof(n) / sizeof(n[0]) ? n[a] : "?";
}

static void
put_align(FILE *out, enum kb_align a)
{
	if (a != KB_ALIGN_UNSET)
		fprintf(out, " align=%s", align_name(a));
}

static void
put_face(FILE *out, enum kb_face f)
{
	if (f != KB_FACE_UNSET)
		fprintf(out, " font=%s", f == KB_FACE_GOTHIC ? "gothic" : "mincho");
}

/* A length that may be absent (< 0) or at its default. */
static void
put_opt(FILE *out, const char *key, double v, double def, const char *unit)
{
	if (v >= 0 && v != def)
		put_num(out, key, v, unit);
}

static void
dump_attrs(const struct kb_node *n, FILE *out)
{
	static const char *const styles[] = {"arabic",         "paren",   "katakana",
	                                     "paren-katakana", "circled", "bullet"};
	static const char *const borders[] = {"none", "outer", "all"};
	static const char *const anchors[] = {"start", "middle", "end"};

	switch (n->kind) {
	case KB_NODE_DOCUMENT:
		put_str(out, "title", n->u.document.title);
		put_str(out, "author", n->u.document.author);
		put_str(out, "subject", n->u.document.subject);
		put_str(out, "keywords", n->u.document.keywords);
		put_str(out, "creator", n->u.document.creator);
		put_str(out, "created", n->u.document.created);
		break;
	case KB_NODE_PAGE:
		fprintf(out, " size=A4 orientation=%s writing=%s strict=%s%s",
		        n->u.page.flags & KB_PAGE_LANDSCAPE ? "landscape" : "portrait",
		        n->u.page.flags & KB_PAGE_VERTICAL ? "vertical" : "horizontal",
		        n->u.page.flags & KB_PAGE_STRICT ? "strict" : "very-strict",
		        n->u.page.flags & KB_PAGE_OPEN_HALF ? " bracket-start=half" : "");
		put_num(out, "margin-top", n->u.page.margin_top, "mm");
		put_num(out, "margin-bottom", n->u.page.margin_bottom, "mm");
		put_num(out, "margin-left", n->u.page.margin_left, "mm");
		put_num(out, "margin-right", n->u.page.margin_right, "mm");
		put_num(out, "body-size", n->u.page.body_size, "pt");
		put_num(out, "line-spacing", n->u.page.line_spacing, "");
		put_opt(out, "latin-space", n->u.page.latin_space, 0, "em");
		break;
	case KB_NODE_HEADER:
	case KB_NODE_FOOTER:
		put_align(out, n->u.running.align);
		break;
	case KB_NODE_HEADING:
		fprintf(out, " level=%d", n->u.heading.level);
		break;
	case KB_NODE_P:
		put_align(out, n->u.p.align);
		put_face(out, n->u.p.face);
		put_opt(out, "size", n->u.p.size, -1, "pt");
		put_opt(out, "indent", n->u.p.indent, 0, "em");
		put_opt(out, "left-indent", n->u.p.left_indent, 0, "em");
		put_opt(out, "right-indent", n->u.p.right_indent, 0, "em");
		put_opt(out, "hanging", n->u.p.hanging, 0, "em");
		put_opt(out, "space-before", n->u.p.space_before, 0, "lines");
		put_opt(out, "space-after", n->u.p.space_after, 0, "lines");
		if (n->u.p.flags & KB_P_KEEP_WITH_NEXT)
			fputs(" keep-with-next", out);
		break;
	case KB_NODE_ITEMS:
		fprintf(out, " numbering=%s",
		        n->u.items.flags & KB_ITEMS_ARABIC ? "arabic" : "none");
		break;
	case KB_NODE_ITEM:
		put_str(out, "label", n->u.item.label);
		put_str(out, "num", n->u.item.num);
		break;
	case KB_NODE_LIST:
		fprintf(out, " style=%s start=%d",
		        (unsigned)n->u.list.style < 6 ? styles[n->u.list.style] : "?",
		        n->u.list.start);
		break;
	case KB_NODE_FORM:
		put_opt(out, "label-width", n->u.form.label_width, -1, "mm");
		break;
	case KB_NODE_ROW:
		put_str(out, "label", n->u.row.label);
		break;
	case KB_NODE_TABLE:
		fprintf(out, " borders=%s",
		        (unsigned)n->u.table.borders < 3 ? borders[n->u.table.borders] : "?");
		put_opt(out, "font-size", n->u.table.font_size, -1, "pt");
		break;
	case KB_NODE_COL:
		if (n->u.col.share > 0)
			put_num(out, "width", n->u.col.share, "*");
		else
			put_num(out, "width", n->u.col.mm, "mm");
		put_align(out, n->u.col.align);
		break;
	case KB_NODE_TH:
	case KB_NODE_TD:
		put_align(out, n->u.cell.align);
		if (n->u.cell.colspan != 1)
			fprintf(out, " colspan=%d", n->u.cell.colspan);
		break;
	case KB_NODE_SPACE:
	case KB_NODE_VSPACE:
		put_num(out, "lines", n->u.space.lines, "");
		break;
	case KB_NODE_FIGURE:
		put_num(out, "width", n->u.figure.width, "mm");
		put_num(out, "height", n->u.figure.height, "mm");
		put_align(out, n->u.figure.align);
		put_str(out, "caption", n->u.figure.caption);
		break;
	case KB_NODE_BOX:
		put_num(out, "x", n->u.box.x, "mm");
		put_num(out, "y", n->u.box.y, "mm");
		put_num(out, "w", n->u.box.w, "mm");
		put_num(out, "h", n->u.box.h, "mm");
		put_opt(out, "fill", n->u.box.fill, -1, "");
		put_num(out, "stroke", n->u.box.stroke, "pt");
		break;
	case KB_NODE_RULE:
		put_num(out, "x1", n->u.rule.x1, "mm");
		put_num(out, "y1", n->u.rule.y1, "mm");
		put_num(out, "x2", n->u.rule.x2, "mm");
		put_num(out, "y2", n->u.rule.y2, "mm");
		put_num(out, "width", n->u.rule.width, "pt");
		if (n->u.rule.flags & KB_RULE_DASH)
			fputs(" dash", out);
		break;
	case KB_NODE_LABEL:
		put_num(out, "x", n->u.label.x, "mm");
		put_num(out, "y", n->u.label.y, "mm");
		put_opt(out, "size", n->u.label.size, -1, "pt");
		put_face(out, n->u.label.face);
		fprintf(out, " anchor=%s",
		        (unsigned)n->u.label.anchor < 3 ? anchors[n->u.label.anchor] : "?");
		break;
	case KB_NODE_COLUMN:
		put_opt(out, "indent", n->u.column.indent, 0, "em");
		put_align(out, n->u.column.align);
		put_opt(out, "size", n->u.column.size, -1, "pt");
		put_face(out, n->u.column.face);
		break;
	default:
		break;
	}
}

static void
dump(const struct kb_node *n, FILE *out, int depth)
{
	fprintf(out, "%*s", 2 * depth, "");
	if (n->kind == KB_NODE_TEXT)
		put_quoted(out, n->u.text.text ? n->u.text.text : "");
	else
		fputs(kb_node_name(n->kind), out);
	dump_attrs(n, out);
	if (n->line > 0)
		fprintf(out, " @%ld", n->line);
	putc('\n', out);
	for (const struct kb_node *c = n->child; c != NULL; c = c->next)
		dump(c, out, depth + 1);
}

void
kb_tree_dump(const struct kb_node *n, FILE *out)
{
	if (n != NULL)
		dump(n, out, 0);
}

/* ---- the invariant checker ------------------------------------------------ */

static int problem(FILE *out, const struct kb_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
problem(FILE *out, const struct kb_node *n, const char *fmt, ...)
{
	va_list ap;

	if (out == NULL)
		return 1;
	fprintf(out, "tree check: <%s> at line %ld: ", kb_node_name(n->kind), n->line);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	putc('\n', out);
	return 1;
}

/* Checks n's own fields (not its links). */
static int
check_node(const struct kb_node *n, FILE *out)
{
	int bad = 0;

	switch (n->kind) {
	case KB_NODE_TEXT:
		if (n->u.text.text == NULL || n->u.text.text[0] == '\0')
			bad += problem(out, n, "text node without text");
		if (n->child != NULL)
			bad += problem(out, n, "text node with children");
		break;
	case KB_NODE_PAGE:
		if (!(n->u.page.body_size > 0) || !(n->u.page.line_spacing > 0))
			bad += problem(out, n, "body size or line spacing not positive");
		break;
	case KB_NODE_LIST:
		if ((unsigned)n->u.list.style > KB_LIST_BULLET)
			bad += problem(out, n, "list style %d out of range", (int)n->u.list.style);
		break;
	case KB_NODE_TABLE:
		if ((unsigned)n->u.table.borders > KB_BORDERS_ALL)
			bad += problem(out, n, "borders %d out of range", (int)n->u.table.borders);
		break;
	case KB_NODE_TH:
	case KB_NODE_TD:
		if (n->u.cell.colspan < 1)
			bad += problem(out, n, "colspan %d", n->u.cell.colspan);
		break;
	case KB_NODE_HEADER:
	case KB_NODE_FOOTER:
		if (n->u.running.align < KB_ALIGN_LEFT || n->u.running.align > KB_ALIGN_RIGHT)
			bad += problem(out, n, "align %d out of range", (int)n->u.running.align);
		break;
	case KB_NODE_LABEL:
		if ((unsigned)n->u.label.anchor > KB_ANCHOR_END)
			bad += problem(out, n, "anchor %d out of range", (int)n->u.label.anchor);
		break;
	default:
		break;
	}
	return bad;
}

static int
check(const struct kb_node *n, FILE *out, int depth)
{
	const struct kb_node *c, *prev = NULL;
	int bad = 0;

	if ((unsigned)n->kind >= KB_NODE__MAX)
		return problem(out, n, "kind %d out of range", (int)n->kind);
	if (depth > MAX_DEPTH)
		return problem(out, n, "nested deeper than %d levels", MAX_DEPTH);
	bad += check_node(n, out);
	if ((n->child == NULL) != (n->last == NULL))
		bad += problem(out, n, "first and last child disagree");
	for (c = n->child; c != NULL; prev = c, c = c->next) {
		/*
		 * Past a bad prev link the list cannot be trusted; stopping there
		 * also ends a cycle, whose first node met again has another prev.
		 */
		if (c->prev != prev)
			return bad + problem(out, c, "prev is not the previous sibling");
		if ((unsigned)c->kind >= KB_NODE__MAX) {
			bad += problem(out, n, "a child of kind %d", (int)c->kind);
			continue;
		}
		if (c->parent != n)
			bad += problem(out, c, "its parent is not <%s> at line %ld",
			               kb_node_name(n->kind), n->line);
		if (!allowed(n->kind, c->kind))
			bad += problem(out, c, "not allowed inside <%s>", kb_node_name(n->kind));
		/* Descend only where the links agree, so a bad link cannot loop. */
		if (c->parent == n)
			bad += check(c, out, depth + 1);
	}
	if (prev != n->last)
		bad += problem(out, n, "last is not the last child");
	return bad;
}

int
kb_tree_check(const struct kb_node *root, FILE *out)
{
	int bad = 0;

	if (root == NULL)
		return 0;
	if (root->kind != KB_NODE_DOCUMENT)
		bad += problem(out, root, "the root is not a <document>");
	if (root->parent != NULL || root->next != NULL || root->prev != NULL)
		bad += problem(out, root, "the root has a parent or siblings");
	return bad + check(root, out, 1);
}

const char *
kb_item_number(const struct kb_node *item, int autonum, int seq, char buf[16])
{
	if (item->u.item.num != NULL || !autonum)
		return item->u.item.num;
	snprintf(buf, 16, "%d", seq);
	return buf;
}
