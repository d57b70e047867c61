/* fonts.h — loads kobun's own fontconfig file and checks that the IPAex fonts are there. */
#ifndef KB_FONTS_H
#define KB_FONTS_H

#define KB_FONT_MINCHO "IPAexMincho"
#define KB_FONT_GOTHIC "IPAexGothic"

struct _PangoFontMap;
struct _GChecksum;

/*
 * Builds the process font map from DATADIR/fonts/fonts.conf and verifies
 * that both IPAex families resolve to real files. Prints a fatal
 * diagnostic naming the Debian package and returns -1 when they do not.
 * Idempotent.
 */
int kb_fonts_init(const char *datadir);
/* The font map (owned by this module) once kb_fonts_init succeeded. */
struct _PangoFontMap *kb_fonts_map(void);
void kb_fonts_fini(void);
/*
 * Adds to sum what identifies the fonts in use: each file's path, size
 * and time of change (a font updated by the system renders differently).
 */
void kb_fonts_fingerprint(struct _GChecksum *sum);

/*
 * 1 when character c is missing from either IPAex family (it would print
 * as an empty box); 0 when both have it, or when the fonts cannot be
 * found (kb_fonts_init reports that when a document is rendered).
 */
int kb_fonts_lack(const char *datadir, unsigned int c);

#endif
