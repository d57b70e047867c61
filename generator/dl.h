/* dl.h — the display list: pages of positioned glyph runs, rules and boxes; the seam between layout
 * and writers. */
#ifndef KB_DL_H
#define KB_DL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Units are PostScript points; the origin is the top-left corner of the
 * page and y grows downward. Glyph positions are absolute on the page.
 */

/* A font file known to the process; referred to by its index in kb_dl_fonts. */
struct kb_dl_font {
	char *file;   /* path of the font file (owned) */
	int index;    /* face index inside the file */
	char *family; /* family name, e.g. "IPAexMincho" (owned) */
};

struct kb_dl_glyph {
	uint32_t id; /* glyph index in the font */
	double x, y; /* pen position on the page (baseline origin) */
};

/*
 * cairo's model of a cluster: num_bytes of text shown by num_glyphs glyphs.
 * A U+3000 (or other non-ASCII space) never forms a cluster of its own: it
 * shares one with its neighbour, because text extraction (poppler) drops a
 * white-space character that maps alone; writers emit a cluster of several
 * characters as an ActualText span.
 */
struct kb_dl_cluster {
	int nbytes;
	int nglyphs;
};

enum kb_dl_kind {
	KB_DL_GLYPHS, /* a run of glyphs from one font at one size */
	KB_DL_LINE,   /* a straight rule */
	KB_DL_RECT,   /* a rectangle, stroked or filled */
	/*
	 * Structure markers (tagged PDF). A TAG_BEGIN opens a structure element
	 * named by u.tag.name (a PDF standard structure type: "P", "H1", "Table",
	 * "TR", "TH", "TD", "L", "LI", "Lbl", "LBody", "Figure", "Div") and the
	 * matching TAG_END closes it, on the same page or a later one; they nest.
	 * The name "Artifact" is not a structure element: what it encloses is
	 * page furniture (running heads, page numbers, the classification mark,
	 * the watermark, repeated table headers, seal boxes) that writers leave
	 * out of the structure. The whole document is one "Document" element,
	 * which writers add themselves. Writers that cannot tag skip them.
	 */
	KB_DL_TAG_BEGIN,
	KB_DL_TAG_END
};

/* run flag: glyphs set in vertical writing (upright, top to bottom) */
#define KB_DL_VERTICAL 0x01

struct kb_dl_item {
	enum kb_dl_kind kind;
	union {
		struct {
			int font;                   /* index into the font table */
			double size;                /* em size in points */
			unsigned flags;             /* KB_DL_VERTICAL */
			char *text;                 /* UTF-8 the glyphs show (owned) */
			size_t textlen;             /* bytes of text */
			struct kb_dl_glyph *glyphs; /* owned */
			int nglyphs;
			struct kb_dl_cluster *clusters; /* owned; maps text to glyphs */
			int nclusters;
			double gray;  /* 0 black .. 1 white */
			double angle; /* the run is turned by angle radians
			                 (clockwise on the page) about (ox, oy) */
			double ox, oy;
		} run;
		struct {
			double x0, y0, x1, y1;
			double width; /* stroke width */
			int dash;     /* 1 for a dashed rule */
		} line;
		struct {
			double x, y, w, h;
			double width; /* stroke width; 0 with fill */
			double gray;  /* 0 black .. 1 white */
			int fill;     /* 1 filled, 0 stroked */
		} rect;
		struct {
			const char *name; /* a string constant, never freed */
		} tag;
	} u;
};

struct kb_dl_page {
	double width, height;     /* page size */
	struct kb_dl_item *items; /* owned */
	size_t nitems, cap;
};

/* Document-level metadata the writers record (all owned, may be NULL). */
struct kb_dl_meta {
	char *title;
	char *author;
	char *subject;
	char *keywords;
	char *creator;
	char *create_date; /* ISO 8601, e.g. "2026-11-05T00:00:00+09:00" */
	char *lang;        /* natural language (BCP 47), e.g. "ja-JP": the PDF's /Lang */
};

/* A bookmark of the PDF outline: a level-1 heading and where it stands. */
struct kb_dl_outline {
	char *title; /* owned */
	size_t page; /* page index, from 0 */
	double x, y; /* top-left of the heading on that page */
};

struct kb_dl {
	struct kb_dl_page *pages; /* owned */
	size_t npages, cap;
	struct kb_dl_meta meta;
	struct kb_dl_outline *outline; /* owned, in document order */
	size_t noutline, capoutline;
};

/* Appends a bookmark (title copied). */
void kb_dl_add_outline(struct kb_dl *dl, const char *title, size_t page, double x, double y);

/* The process-wide font table; stable for the life of the process. */
extern struct kb_dl_font *kb_dl_fonts;
extern int kb_dl_nfonts;
/* Returns the id of (file, index), adding it on first use. */
int kb_dl_font_id(const char *file, int index, const char *family);
void kb_dl_fonts_free(void);

struct kb_dl *kb_dl_new(void);
void kb_dl_free(struct kb_dl *dl);
/* Appends a page and returns it (owned by dl; valid until the next add_page). */
struct kb_dl_page *kb_dl_add_page(struct kb_dl *dl, double width, double height);
/* Appends an item to the page, returning it zeroed except for kind. */
struct kb_dl_item *kb_dl_add(struct kb_dl_page *pg, enum kb_dl_kind kind);
/* Appends a structure marker (TAG_BEGIN or TAG_END) naming name, a string constant. */
void kb_dl_add_tag(struct kb_dl_page *pg, enum kb_dl_kind kind, const char *name);

/* The name of a structure element that is page furniture, not structure. */
#define KB_DL_ARTIFACT "Artifact"

/* A stable text dump for tests and --dump=dl; the caller owns the string. */
char *kb_dl_dump(const struct kb_dl *dl);

#endif
