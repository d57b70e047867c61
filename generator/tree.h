/* tree.h — kobun's document tree: the vocabulary of docs/vocabulary.md as typed nodes. */
#ifndef KB_TREE_H
#define KB_TREE_H

#include <stdio.h>

struct _xmlDoc;

/*
 * One kind per element of the vocabulary, plus KB_NODE_TEXT for character
 * data. Elements whose name depends on the parent have one kind each:
 * <line> is KB_NODE_LINE in a <contact> and KB_NODE_RULE in a <figure>;
 * <text> in a <figure> is KB_NODE_LABEL.
 */
enum kb_node_kind {
	KB_NODE_DOCUMENT,
	/* page set-up and furniture */
	KB_NODE_PAGE,
	KB_NODE_HEADER,
	KB_NODE_FOOTER,
	KB_NODE_MARK,
	KB_NODE_WATERMARK,
	/* blocks of horizontal documents and their parts */
	KB_NODE_LETTERHEAD,
	KB_NODE_NUMBER,
	KB_NODE_DATE,
	KB_NODE_ADDRESSEE,
	KB_NODE_SENDER,
	KB_NODE_SEAL_OMITTED,
	KB_NODE_SEAL_BOX, /* also a block of vertical documents */
	KB_NODE_TITLE,
	KB_NODE_HEADING,
	KB_NODE_P,
	KB_NODE_KI,
	KB_NODE_IJO,
	KB_NODE_ITEMS,
	KB_NODE_ITEM,
	KB_NODE_LIST,
	KB_NODE_LI,
	KB_NODE_FORM,
	KB_NODE_ROW,
	KB_NODE_TABLE,
	KB_NODE_COL,
	KB_NODE_THEAD,
	KB_NODE_TBODY,
	KB_NODE_TR,
	KB_NODE_TH,
	KB_NODE_TD,
	KB_NODE_CONTACT,
	KB_NODE_LINE, /* a line of a <contact> */
	KB_NODE_SPACE,
	KB_NODE_PAGE_BREAK,
	KB_NODE_FIGURE,
	KB_NODE_BOX,
	KB_NODE_RULE,  /* <line> of a <figure> */
	KB_NODE_LABEL, /* <text> of a <figure> */
	/* blocks of vertical documents */
	KB_NODE_COLUMN,
	KB_NODE_VSPACE,
	/* inline content */
	KB_NODE_EM,
	KB_NODE_BR,
	KB_NODE_NOBR,
	KB_NODE_PAGE_NUMBER,
	KB_NODE_PAGE_COUNT,
	KB_NODE_TEXT,
	KB_NODE__MAX
};

/* Horizontal (and, for <column>, vertical) placement. */
enum kb_align {
	KB_ALIGN_UNSET, /* absent: the enclosing style's */
	KB_ALIGN_LEFT,
	KB_ALIGN_CENTER,
	KB_ALIGN_RIGHT,
	KB_ALIGN_JUSTIFY,
	KB_ALIGN_TOP,   /* <column> */
	KB_ALIGN_BOTTOM /* <column> */
};

/* The two typefaces of the vocabulary (font="mincho|gothic"). */
enum kb_face {
	KB_FACE_UNSET, /* absent: the enclosing style's */
	KB_FACE_MINCHO,
	KB_FACE_GOTHIC
};

enum kb_list_style {
	KB_LIST_ARABIC,         /* 1 2 3 */
	KB_LIST_PAREN,          /* (1) (2) */
	KB_LIST_KATAKANA,       /* ア イ ウ */
	KB_LIST_PAREN_KATAKANA, /* (ア) (イ) */
	KB_LIST_CIRCLED,        /* ① ② */
	KB_LIST_BULLET          /* ・ */
};

enum kb_borders { KB_BORDERS_NONE, KB_BORDERS_OUTER, KB_BORDERS_ALL };

enum kb_anchor { KB_ANCHOR_START, KB_ANCHOR_MIDDLE, KB_ANCHOR_END };

/*
 * Attributes, parsed, with the defaults of docs/vocabulary.md filled in.
 * Lengths carry their unit in the comment: mm as written, pt, em (字: ems
 * of the size in force) or lines (body line pitches). A length that is
 * negative was absent and takes a value that depends on its context (the
 * comment says which). Strings are UTF-8, owned by the node, NULL when
 * absent.
 */
struct kb_node {
	enum kb_node_kind kind;
	struct kb_node *parent; /* NULL for the document */
	struct kb_node *child;  /* first child */
	struct kb_node *last;   /* last child */
	struct kb_node *next;   /* next sibling */
	struct kb_node *prev;   /* previous sibling */
	long line;              /* line in the template's output (or DOC.xml); 0 when unknown */
	union {
		struct { /* KB_NODE_DOCUMENT: the PDF metadata */
			char *title;
			char *author;
			char *subject;
			char *keywords;
			char *creator;
			char *created; /* an instant, 2026-11-05T00:00:00+09:00 */
		} document;
		struct { /* KB_NODE_PAGE; size is always A4 */
			unsigned flags;
#define KB_PAGE_LANDSCAPE 0x01 /* orientation="landscape" */
#define KB_PAGE_VERTICAL 0x02  /* writing="vertical" (縦書き) */
#define KB_PAGE_STRICT 0x04    /* strict="strict" rather than very-strict */
#define KB_PAGE_OPEN_HALF 0x08 /* bracket-start="half": an opening bracket keeps its half */
			double margin_top;    /* mm, default 30 */
			double margin_bottom; /* mm, default 25 */
			double margin_left;   /* mm, default 30 */
			double margin_right;  /* mm, default 20 */
			double body_size;     /* pt, default 10.5 */
			double line_spacing;  /* multiple of the size, default 1.75 */
			double latin_space;   /* 字 between Japanese and Latin letters or digits
			                         (和欧間), default 0 */
		} page;
		struct {                     /* KB_NODE_HEADER, KB_NODE_FOOTER */
			enum kb_align align; /* LEFT, CENTER (default) or RIGHT */
		} running;
		struct {           /* KB_NODE_HEADING */
			int level; /* 1 (default) or 2 */
		} heading;
		struct {                     /* KB_NODE_P */
			enum kb_align align; /* LEFT, CENTER, RIGHT, JUSTIFY or UNSET */
			enum kb_face face;
			double size;         /* pt; < 0: the body size or the table's */
			double indent;       /* em, first line; default 0 */
			double left_indent;  /* em, default 0 */
			double right_indent; /* em, default 0 */
			double hanging;      /* em, default 0 */
			double space_before; /* lines, default 0 */
			double space_after;  /* lines, default 0 */
			unsigned flags;
#define KB_P_KEEP_WITH_NEXT 0x01 /* keep-with-next="true" */
		} p;
		struct { /* KB_NODE_ITEMS */
			unsigned flags;
#define KB_ITEMS_ARABIC 0x01 /* numbering="arabic" (default none) */
		} items;
		struct { /* KB_NODE_ITEM */
			char *label;
			char *num; /* the number printed instead of the running one */
		} item;
		struct {                          /* KB_NODE_LIST */
			enum kb_list_style style; /* default arabic */
			int start;                /* the first number, default 1 */
		} list;
		struct {                    /* KB_NODE_FORM */
			double label_width; /* mm; < 0: as wide as the longest label */
		} form;
		struct {             /* KB_NODE_ROW */
			char *label; /* required */
		} row;
		struct {                         /* KB_NODE_TABLE */
			enum kb_borders borders; /* default all */
			double font_size;        /* pt; < 0: 0.95 of the body size */
		} table;
		struct { /* KB_NODE_COL: width="NNmm" or "N*", exactly one of mm and share set */
			double mm;           /* a fixed width in mm, or 0 */
			double share;        /* a share of what the fixed columns leave, or 0 */
			enum kb_align align; /* LEFT (default), CENTER or RIGHT for its cells */
		} col;
		struct {                     /* KB_NODE_TH, KB_NODE_TD */
			enum kb_align align; /* LEFT, CENTER, RIGHT or UNSET (the column's) */
			int colspan;         /* 1 (default) to 99 */
		} cell;
		struct {              /* KB_NODE_SPACE, KB_NODE_VSPACE */
			double lines; /* lines, default 1 */
		} space;
		struct {                      /* KB_NODE_FIGURE */
			double width, height; /* mm */
			enum kb_align align;  /* LEFT, CENTER (default) or RIGHT */
			char *caption;
		} figure;
		struct {                   /* KB_NODE_BOX */
			double x, y, w, h; /* mm from the figure's top left */
			double fill;       /* gray level 0 black .. 1 white; < 0: not filled */
			double stroke;     /* pt, default 0.5; 0 draws no outline */
		} box;
		struct {                       /* KB_NODE_RULE */
			double x1, y1, x2, y2; /* mm from the figure's top left */
			double width;          /* pt, default 0.5 */
			unsigned flags;
#define KB_RULE_DASH 0x01 /* dash="true" */
		} rule;
		struct {             /* KB_NODE_LABEL */
			double x, y; /* mm: the anchor point on the baseline */
			double size; /* pt; < 0: the body size */
			enum kb_face face;
			enum kb_anchor anchor; /* default start */
		} label;
		struct {               /* KB_NODE_COLUMN */
			double indent; /* em from the top (or the foot with BOTTOM), default 0 */
			enum kb_align align; /* TOP (default) or BOTTOM */
			double size;         /* pt; < 0: the body size */
			enum kb_face face;
		} column;
		struct {            /* KB_NODE_TEXT */
			char *text; /* UTF-8 with template indentation removed; never empty */
		} text;
	} u;
};

/*
 * Converts the document tree doc (the output of a template, validated
 * against schema/document.rng, or a DOC.xml given to kobun render) into
 * kobun's tree, once. Reports each remaining problem (an unknown element,
 * a bad value, a block of the other writing mode) at name:line as a
 * template bug. Returns the document node, owned by the caller, or NULL
 * after reporting. doc stays the caller's.
 */
struct kb_node *kb_tree_from_xml(struct _xmlDoc *doc, const char *name);

/* Frees a whole tree given its document node; NULL is fine. */
void kb_tree_free(struct kb_node *root);

/* The element name of a kind ("p", "line", …; "#text" for text). */
const char *kb_node_name(enum kb_node_kind kind);

/*
 * Writes a readable dump of the tree under n: one node per line, indented
 * two spaces per level, with its parsed attributes (defaults filled in,
 * lengths with their unit) and @LINE when the line is known. Text nodes
 * are shown quoted.
 */
void kb_tree_dump(const struct kb_node *n, FILE *out);

/*
 * Checks the invariants of the tree under root: links that agree
 * (parent, child, last, next, prev), kinds allowed under their parent,
 * enumerations in range, text present. Prints each problem to out (may
 * be NULL) and returns how many there were. Builds with KB_CHECK defined
 * run it after every conversion.
 */
int kb_tree_check(const struct kb_node *root, FILE *out);

/* The number an <item> of <items> shows: its num="", else with numbering="arabic" (autonum) its
 * place seq written into buf, else NULL. */
const char *kb_item_number(const struct kb_node *item, int autonum, int seq, char buf[16]);

#endif
