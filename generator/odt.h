/* odt.h — an editable copy of a document: its document tree written as an OpenDocument Text
 * (.odt) package with named styles. */
#ifndef KB_ODT_H
#define KB_ODT_H

struct kb_buf;
struct kb_node;

/*
 * Writes the document tree doc (its document node, as kb_tree_from_xml
 * makes it) as an .odt package appended to out, as kb_docx_write writes a
 * .docx: named paragraph styles, real tables with repeated header rows,
 * a master page with the page layout, header (取扱注意, the watermark)
 * and footer (page numbers), vertical writing (tb-rl) for a vertical page.
 * Fonts are IPAex明朝/ゴシック in the Asian slots, each with its fallback
 * of fallback ("MINCHO;GOTHIC", one name for both; NULL:
 * KB_DOCX_FONT_DEFAULT). The mimetype entry comes first, stored; the bytes
 * depend only on the tree and fallback. Returns 0, or -1 after a fatal
 * diagnostic.
 */
int kb_odt_write(const struct kb_node *doc, const char *fallback, struct kb_buf *out);

#endif
