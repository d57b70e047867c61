/* table.c — text and CSV tables (table.h). */
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
kb_table_init(struct kb_table *t, size_t ncol, const char *const *head)
{
	memset(t, 0, sizeof(*t));
	t->ncol = ncol;
	t->head = head;
}

void
kb_table_row(struct kb_table *t, const char *section, ...)
{
	va_list ap;

	kb_grow((void **)&t->section, &t->scap, t->nrows + 1, sizeof(*t->section));
	kb_grow((void **)&t->cells, &t->cap, (t->nrows + 1) * t->ncol, sizeof(*t->cells));
	t->section[t->nrows] = kb_strdup(section);
	va_start(ap, section);
	for (size_t k = 0; k < t->ncol; k++) {
		const char *s = va_arg(ap, const char *);
		t->cells[t->nrows * t->ncol + k] = kb_strdup(s ? s : "");
	}
	va_end(ap);
	t->nrows++;
}

void
kb_table_text(kb_buf *b, const struct kb_table *t)
{
	size_t *wd = kb_calloc(t->ncol, sizeof(*wd));
	const char *section = NULL;

	for (size_t k = 0; k < t->ncol; k++)
		wd[k] = kb_display_width(t->head[k]);
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 0; k < t->ncol; k++) {
			size_t w = kb_display_width(t->cells[i * t->ncol + k]);
			if (w > wd[k])
				wd[k] = w;
		}
	for (size_t i = 0; i <= t->nrows; i++) {
		const char *const *row =
		    i == 0 ? t->head : (const char *const *)&t->cells[(i - 1) * t->ncol];
		const char *sec = i == 0 ? NULL : t->section[i - 1];
		if (sec != NULL && (section == NULL || strcmp(section, sec) != 0))
			kb_buf_printf(b, "■ %s\n", sec);
		if (i > 0)
			section = sec;
		for (size_t k = 0; k < t->ncol; k++)
			kb_buf_pad(b, row[k], k + 1 == t->ncol ? 0 : wd[k] + 2);
		while (b->len > 0 && b->data[b->len - 1] == ' ')
			b->data[--b->len] = '\0';
		kb_buf_puts(b, "\n");
	}
	free(wd);
}

/* One CSV field, quoted when it holds a comma, a quote or a line break (a quote doubled). */
static void
csv_field(kb_buf *b, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		kb_buf_puts(b, "\"");
		for (const char *p = s; *p != '\0'; p++) {
			if (*p == '"')
				kb_buf_puts(b, "\"");
			kb_buf_put(b, p, 1);
		}
		kb_buf_puts(b, "\"");
	} else
		kb_buf_puts(b, s);
	kb_buf_puts(b, last ? "\r\n" : ",");
}

void
kb_table_csv(kb_buf *b, const struct kb_table *t)
{
	for (size_t k = 0; k < t->ncol; k++)
		csv_field(b, t->head[k], k + 1 == t->ncol);
	for (size_t i = 0; i < t->nrows; i++)
		for (size_t k = 0; k < t->ncol; k++)
			csv_field(b, t->cells[i * t->ncol + k], k + 1 == t->ncol);
}

void
kb_table_free(struct kb_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t k = 0; k < t->ncol; k++)
			free(t->cells[i * t->ncol + k]);
		free(t->section[i]);
	}
	free(t->cells), free(t->section);
	memset(t, 0, sizeof(*t));
}
