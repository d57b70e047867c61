/* layout.h — lays out a document tree (kobun's typesetting vocabulary, docs/vocabulary.md) into a display list with pango. */
#ifndef KB_LAYOUT_H
#define KB_LAYOUT_H

struct kb_dl;
struct kb_layout;
struct _xmlDoc;

/*
 * A layout engine holds the pango context and the caches that outlive
 * one document (fonts, metrics). Requires kb_fonts_init() to have
 * succeeded. Owned by the caller; kb_layout_free(NULL) is fine.
 */
struct kb_layout *kb_layout_new(void);
void kb_layout_free(struct kb_layout *lo);

/*
 * Lays out the document tree doc. name labels diagnostics (the template
 * that made the tree). Returns a display list the caller owns, or NULL
 * after reporting an error (a template bug: unknown element, bad value).
 */
struct kb_dl *kb_layout_run(struct kb_layout *lo, struct _xmlDoc *doc, const char *name);

#endif
