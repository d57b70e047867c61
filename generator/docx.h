/* docx.h — an editable copy of a document: its document tree written as a WordprocessingML
 * (.docx) package with named styles. */
#ifndef KB_DOCX_H
#define KB_DOCX_H

struct kb_buf;
struct kb_node;

/* The fallback fonts of <policy docx-font="MINCHO;GOTHIC"/> when it is absent. */
#define KB_DOCX_FONT_DEFAULT "ＭＳ 明朝;ＭＳ ゴシック"

/*
 * Writes the document tree doc (its document node, as kb_tree_from_xml
 * makes it) as a .docx package appended to out: headings, paragraphs,
 * 記/以上, items, tables and the 担当 block as paragraphs and tables with
 * named styles, header and footer with page fields, 取扱注意 and the
 * watermark in the header, vertical writing (tbRl) for a vertical page.
 * Fonts are IPAex明朝/ゴシック, with the fallbacks fallback names
 * ("MINCHO;GOTHIC", or one name for both; NULL: KB_DOCX_FONT_DEFAULT).
 * The bytes depend only on the tree and fallback: entries in a fixed
 * order with a fixed time. Returns 0, or -1 after a fatal diagnostic.
 */
int kb_docx_write(const struct kb_node *doc, const char *fallback, struct kb_buf *out);

#endif
