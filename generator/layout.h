/* layout.h — lays out a document tree (kobun's typesetting vocabulary, docs/vocabulary.md) into a
 * display list with pango. */
#ifndef KB_LAYOUT_H
#define KB_LAYOUT_H

struct kb_dl;
struct kb_layout;
struct kb_node;

/*
 * A layout engine holds the pango context and the caches that outlive
 * one document (fonts, metrics). Requires kb_fonts_init() to have
 * succeeded. Owned by the caller; kb_layout_free(NULL) is fine.
 */
struct kb_layout *kb_layout_new(void);
void kb_layout_free(struct kb_layout *lo);

/*
 * Lays out the document tree doc (its document node, as kb_tree_from_xml
 * makes it; still the caller's). Every problem of the tree was reported
 * when it was made, so this cannot fail: returns a display list the
 * caller owns.
 */
struct kb_dl *kb_layout_run(struct kb_layout *lo, const struct kb_node *doc);

/* The label of item k (from 1) of a <list> in style (enum kb_list_style); the caller frees it. */
char *kb_list_label(int style, int k);

#endif
