/* diag.h — the one reporter of diagnostics: FILE:LINE: error: [rule] 第N条: text (RECORD-ID). */
#ifndef KB_DIAG_H
#define KB_DIAG_H

enum kb_sev {
	KB_NOTE,    /* informational (skipped records, progress) */
	KB_WARNING, /* output still produced */
	KB_ERROR,   /* the record or file is rejected; exit 1 */
	KB_FATAL    /* usage or environment; exit 2 */
};

/* Where a diagnostic points. Every field may be NULL/0. */
struct kb_loc {
	const char *file;
	long line;
	const char *record; /* record id when known */
};

/*
 * Prints one diagnostic to stderr and counts it. rule and article are
 * given only when a rule of the regulation is broken (e.g. "dx-nominee",
 * "第8条第2項"); both may be NULL.
 */
void kb_diag(enum kb_sev sev, const struct kb_loc *loc, const char *rule,
             const char *article, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Counts of diagnostics so far per severity. */
int kb_diag_count(enum kb_sev sev);
/* The exit status the diagnostics so far call for: 0, 1 or 2. */
int kb_diag_exit_status(void);
/* Resets all counters (tests). */
void kb_diag_reset(void);
/* When set, diagnostics go to this buffer instead of stderr (tests); NULL restores stderr. */
struct kb_buf;
void kb_diag_capture(struct kb_buf *b);
/* Quiet mode: notes are not printed (still counted). */
void kb_diag_set_quiet(int quiet);

#endif
