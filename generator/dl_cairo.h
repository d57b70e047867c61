/* dl_cairo.h — the cairo writer of the display list: compact PDF with subset-embedded fonts. */
#ifndef KB_DL_CAIRO_H
#define KB_DL_CAIRO_H

#include <stddef.h>

struct kb_dl;
struct kb_buf;

/*
 * Renders dl as PDF and appends the bytes to out. Output depends only on
 * dl (its create_date included), so equal display lists give equal bytes.
 * Returns 0, or -1 after reporting a fatal error.
 */
int kb_dl_cairo_pdf(const struct kb_dl *dl, struct kb_buf *out);
/*
 * Renders page (from 0) of dl as a PNG at dpi dots per inch, on white,
 * and appends the bytes to out. Returns 0, or -1 after a fatal error.
 */
int kb_dl_cairo_png(const struct kb_dl *dl, size_t page, double dpi, struct kb_buf *out);
/* Releases the font faces cached across documents. */
void kb_dl_cairo_fini(void);

#endif
