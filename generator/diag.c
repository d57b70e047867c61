/* diag.c — prints and counts diagnostics; the worst severity decides the exit status. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

static int counts[KB_FATAL + 1];
static kb_buf *capture;
static int quiet;

static const char *const sevname[] = {"note", "warning", "error", "error"};

void
kb_diag(enum kb_sev sev, const struct kb_loc *loc, const char *rule,
        const char *article, const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	counts[sev]++;
	if (sev == KB_NOTE && quiet && capture == NULL)
		return;
	if (loc != NULL && loc->file != NULL) {
		if (loc->line > 0)
			kb_buf_printf(&b, "%s:%ld: ", loc->file, loc->line);
		else
			kb_buf_printf(&b, "%s: ", loc->file);
	} else
		kb_buf_puts(&b, "kobun: ");
	kb_buf_printf(&b, "%s: ", sevname[sev]);
	if (rule != NULL)
		kb_buf_printf(&b, "[%s] ", rule);
	if (article != NULL)
		kb_buf_printf(&b, "%s: ", article);
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (loc != NULL && loc->record != NULL)
		kb_buf_printf(&b, " (%s)", loc->record);
	kb_buf_puts(&b, "\n");
	if (capture != NULL)
		kb_buf_puts(capture, b.data);
	else if (!(sev == KB_NOTE && quiet))
		fputs(b.data, stderr);
	kb_buf_free(&b);
}

int
kb_diag_count(enum kb_sev sev)
{
	return counts[sev];
}

int
kb_diag_exit_status(void)
{
	if (counts[KB_FATAL])
		return 2;
	if (counts[KB_ERROR])
		return 1;
	return 0;
}

void
kb_diag_reset(void)
{
	for (int i = 0; i <= KB_FATAL; i++)
		counts[i] = 0;
}

void
kb_diag_capture(struct kb_buf *b)
{
	capture = b;
}

void
kb_diag_set_quiet(int q)
{
	quiet = q;
}
