/* editable.h — what the writers of editable copies (.docx, .odt) share: the page frame read
 * from the tree, the geometry of items, lists and tables, and a deterministic zip package. */
#ifndef KB_EDITABLE_H
#define KB_EDITABLE_H

struct kb_buf;
struct kb_node;
struct zip;
struct zip_source;

/* mm per point */
#define KB_ED_PT_MM (25.4 / 72.0)

/* The page set-up and furniture of a document tree; nodes are borrowed from the tree. */
struct kb_ed_frame {
	const struct kb_node *page, *header, *footer, *mark, *watermark; /* or NULL */
	int landscape, vertical; /* the page's orientation and writing */
	double mt, mb, ml, mr;   /* margins of the writing frame, mm (top is a vertical page's
	                            physical right) */
	double body;             /* body size, pt */
	double spacing;          /* line pitch as a multiple of body */
	double textw;            /* the measure, mm: across the page, or down it when vertical */
	double pagew, pageh;     /* the paper, mm, as it lies */
	char *mfb, *gfb; /* fallback fonts of 明朝 and ゴシック (owned; kb_ed_frame_fini) */
};

/*
 * Reads the frame of the document node doc, and splits fallback
 * ("MINCHO;GOTHIC", one name for both, NULL or "": dflt) into mfb and gfb.
 */
void kb_ed_frame_init(struct kb_ed_frame *f, const struct kb_node *doc, const char *fallback,
                      const char *dflt);
void kb_ed_frame_fini(struct kb_ed_frame *f);

/* 1 for inline content (text, em, nobr, br, page numbers). */
int kb_ed_is_inline(const struct kb_node *n);
/* The text under n, concatenated, appended to out. */
void kb_ed_plain_text(const struct kb_node *n, struct kb_buf *out);
/* Ems a label takes: full-width characters one, half-width ones half. */
double kb_ed_label_em(const char *s);

/* The tab stops of 記書き items, in ems from the margin. */
struct kb_ed_items {
	double t1;     /* after the number: the label starts here */
	double t2;     /* after the label: values start, and wrap, here */
	int has_num;   /* a number column (and a tab stop at t1) */
	int has_label; /* a label column (and a tab stop at t2) */
	int autonum;   /* numbers run 1, 2, … (numbering="arabic") */
};
void kb_ed_items_tabs(const struct kb_node *items, struct kb_ed_items *it);
/* The widest label of a list, in whole ems. */
double kb_ed_list_label_em(const struct kb_node *list);
/*
 * The columns of table (its <col> children, at most max) into cols and
 * their widths in mm into mm; shares split what the fixed ones leave of
 * textw (mm). Returns their number.
 */
int kb_ed_col_widths(const struct kb_node *table, double textw, const struct kb_node **cols,
                     double *mm, int max);
/* The width of a form's label column, mm; size is the form's text size, pt. */
double kb_ed_form_label_mm(const struct kb_node *form, double size);

/* A package being written: parts in call order, all dated 1980-01-01 00:00. */
struct kb_ed_zip {
	struct zip *za;
	struct zip_source *mem;
	const char *what; /* ".docx" or ".odt", for diagnostics */
};
/* Starts a package in memory. Returns 0, or -1 after a fatal diagnostic. */
int kb_ed_zip_open(struct kb_ed_zip *z, const char *what);
/* Adds part name with text (taken over, freed here), deflated or stored. Returns 0 or -1. */
int kb_ed_zip_add(struct kb_ed_zip *z, const char *name, char *text, int stored);
/*
 * Closes the package and appends its bytes to out; with fail set (a part
 * could not be added) discards it instead. Returns 0, or -1 after a
 * fatal diagnostic.
 */
int kb_ed_zip_close(struct kb_ed_zip *z, int fail, struct kb_buf *out);

/* rel with its .pdf suffix replaced by .ext (or .ext added); the caller frees it. */
char *kb_ed_copy_name(const char *rel, const char *ext);

#endif
