/* table.h — a table of text for the terminal and for CSV: the one way kobun's listings (roster,
 * register list, due) lay out their columns. */
#ifndef KB_TABLE_H
#define KB_TABLE_H

#include <stddef.h>

#include "util.h"

struct kb_table {
	size_t ncol;
	const char *const *head; /* ncol headings (borrowed) */
	char **cells;            /* nrows × ncol, owned; never NULL */
	char **section; /* per row: the heading of its section (text only), owned or NULL */
	size_t nrows, cap, scap; /* rows; cells and sections allocated */
};

void kb_table_init(struct kb_table *t, size_t ncol, const char *const *head);
/* Appends a row of ncol cells (copied; NULL is empty), under section (NULL: none). */
void kb_table_row(struct kb_table *t, const char *section, ...);
/* Columns as wide as their widest cell (East Asian characters count two), two spaces apart, no
 * trailing blanks; a row whose section differs from the row before is preceded by "■ section". */
void kb_table_text(kb_buf *b, const struct kb_table *t);
/* RFC 4180: the headings, then every row; a field holding a comma, quote or line break is quoted;
 * CRLF line ends. Sections are not printed (give them a column of their own). */
void kb_table_csv(kb_buf *b, const struct kb_table *t);
void kb_table_free(struct kb_table *t);

#endif
