/* testutil.h — helpers shared by the Check suites: running commands, reading files, temp dirs. */
#ifndef KB_TESTUTIL_H
#define KB_TESTUTIL_H

#include <stddef.h>

/* The source tree (data, input, tests) and the kobun binary under test. */
#define SRCDIR KOBUN_DATADIR

/*
 * Runs cmd with sh -c, standard error joined to standard output, and
 * returns its exit status (-1 if it did not exit). *out (may be NULL)
 * receives the output; the caller frees it.
 */
int tu_run(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reads a whole file; returns NULL if it cannot. *len may be NULL. Caller frees. */
char *tu_read(const char *path, size_t *len);
/* A fresh directory under /tmp; the caller frees the name (the tree stays for inspection on
 * failure). */
char *tu_tmpdir(void);
/* Writes text to dir/name (the test fails if it cannot); the caller frees the path. */
char *tu_write(const char *dir, const char *name, const char *text);
/* Removes a directory tree. */
void tu_rmrf(const char *dir);
/* Extracted text of a PDF (pdftotext, reading order) with all whitespace removed; NULL on failure.
 */
char *tu_pdf_text(const char *pdf);
/* Removes ASCII whitespace, form feeds and U+3000 from s in place (as tu_pdf_text does). */
void tu_strip_space(char *s);
/*
 * The string value of the XPath expression fmt... over doc ("" when
 * nothing matches; a malformed expression fails the test). Caller frees.
 */
struct _xmlDoc;
char *tu_xpath(struct _xmlDoc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 when needle occurs in hay. */
int tu_has(const char *hay, const char *needle);

#endif
