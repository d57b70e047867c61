/* diag.h — the catalogue of every diagnostic and its one reporter: FILE:LINE: error: [id] 第N条:
 * text (RECORD-ID). */
#ifndef KB_DIAG_H
#define KB_DIAG_H

#include <stddef.h>

#include "articles.h"

enum kb_sev {
	KB_NOTE,    /* informational (documents owed without a template) */
	KB_WARNING, /* output still produced */
	KB_ERROR,   /* the record or file is rejected; exit 1 */
	KB_FATAL    /* the run stops: usage, organization, environment; exit 2 */
};

/*
 * Every diagnostic kobun emits, grouped by severity (the severity is the
 * catalogue's, never the caller's). The id, article and description of
 * each are in kb_diag_entry(). Ids are stable: users and tests match
 * on them. A new diagnostic gets an entry here, a row in diag.c and a
 * fixture (tests/check_diag.c), or the KB_DF_ENV flag.
 */
enum kb_dcode {
	/* ---- notes ---- */
	KB_D_NO_TEMPLATE, /* a document is owed, but there is no template for it yet */

	/* ---- warnings ---- */
	KB_D_PDF_DATE,            /* a creation date the PDF cannot carry */
	KB_D_ISSUED_BEFORE_EVENT, /* issued="" dates documents before an event they print */
	KB_D_NO_DOC_CODE,         /* a sending division (nor its department) has no 文書記号 */
	KB_D_ORG_ARTICLE_SAME,
	KB_D_DOCX_PROTECTED, /* a protected document gets no .docx copy */
	KB_D_ISSUED_CHANGED, /* an issued document would change: kept as issued (exit 1) */
	KB_D_GLYPH_MISSING,  /* characters the IPAex fonts lack */

	/* ---- errors: a file is unusable ---- */
	KB_D_FILE_UNREADABLE,
	KB_D_FILE_TOO_LARGE,
	KB_D_DOCTYPE,
	KB_D_ENCODING,
	KB_D_EXTERNAL,
	KB_D_NOT_WELL_FORMED,
	KB_D_RECORDS_ROOT,
	KB_D_RECORDS_VERSION,
	KB_D_STRAY_TEXT,
	/* ---- errors: a record is rejected ---- */
	KB_D_SCHEMA_INVALID,
	KB_D_DEPTH_LIMIT,
	KB_D_TEXT_LIMIT,
	KB_D_UNKNOWN_RECORD,
	KB_D_UNIQUE_ID,
	KB_D_RESERVED_ID, /* an id kobun uses for its own files in the output root */
	KB_D_REF_PERSON,
	KB_D_REF_UNIT,
	KB_D_REF_BODY,
	KB_D_REF_SYSTEM,
	KB_D_REF_AUTHORITY,
	KB_D_PERSONS_LIMIT,
	KB_D_BAD_INSTANT,
	KB_D_BAD_DATE,
	KB_D_UNTIL_BEFORE_DATE,
	KB_D_DATE_BASE,
	KB_D_NUMBER_YEAR,    /* a numbered document re-dated into another fiscal year */
	KB_D_REVISION_ORDER, /* revisions out of date order, or with a gap */
	/* ---- errors: the rules of the regulation (rules.c; KB_DF_RULE) ---- */
	KB_D_CIO_VACANT,
	KB_D_CIO_ASSISTANT_TERM,
	KB_D_APPOINTMENT_UNIT_KIND,
	KB_D_APPOINTMENT_LEAVES,
	KB_D_DX_NOMINEE_STAFF,
	KB_D_DX_NOMINATOR,
	KB_D_SUBCOMMITTEE_BODY,
	KB_D_SUBCOMMITTEE_NOMINATOR,
	KB_D_SUBCOMMITTEE_NOMINEE,
	KB_D_SUBCOMMITTEE_CHAIR_NOMINATOR,
	KB_D_SUBCOMMITTEE_CHAIR_MEMBER,
	KB_D_WG_BODY,
	KB_D_WG_NOMINATOR,
	KB_D_WG_CONVENER_NOMINATOR,
	KB_D_WG_CONVENER_MEMBER,
	KB_D_CSIRT_NOMINATOR,
	KB_D_CSIRT_NOMINEE,
	KB_D_SELF_NOMINATION,
	KB_D_INCIDENT_RECOGNIZED_ORDER,
	KB_D_INCIDENT_DIVISION,
	KB_D_PLAN_PLANNER,
	KB_D_PLAN_SYSTEM,
	KB_D_PLAN_CONFORMITY,
	KB_D_PLAN_DECISION_CIO,
	KB_D_PLAN_DECISION_DATE,
	/* ---- errors: a document is not produced ---- */
	KB_D_TEMPLATE_LOAD,
	KB_D_TEMPLATE_ERROR,
	KB_D_TEMPLATE_FAILED,
	KB_D_TREE_INVALID,
	KB_D_LAYOUT,
	KB_D_NO_DOCUMENT,
	KB_D_NOT_PRODUCED,

	/* ---- fatal: the command line ---- */
	KB_D_USAGE,
	KB_D_MONTH_AHEAD,
	KB_D_MONTH_NOT_ENDED,
	KB_D_MONTH_BEFORE_BASE,
	KB_D_ROSTER_DATE,
	KB_D_NO_REGISTER,
	KB_D_REGISTER_LOST, /* no register (or an empty one) beside issued documents */
	KB_D_INPUT_UNREADABLE,
	KB_D_NO_ORG,
	KB_D_PNG_PROTECTED,
	KB_D_PASSWORD_MISSING,
	KB_D_PASSWORD_SAME,
	KB_D_PASSWORD_FILE,
	KB_D_PASSWORD_FORM,
	/* ---- fatal: the organization ---- */
	KB_D_ORG_INVALID,
	KB_D_ORG_FUNCTION_UNIQUE,
	KB_D_ORG_POST_UNIT,
	KB_D_ORG_POST_HOLDER,
	KB_D_ORG_INFO_POLICY,
	KB_D_ORG_UNIQUE_ID,
	KB_D_ORG_STANDING_DATE,
	KB_D_ORG_ARTICLE_KEY,
	KB_D_ORG_AUTHORITY_WHEN,
	/* ---- fatal: the environment ---- */
	KB_D_OUTPUT,
	KB_D_DATADIR,
	KB_D_SCHEMA_LOAD,
	KB_D_FONTCONFIG,
	KB_D_FONT_MISSING,
	KB_D_REGISTER,
	KB_D_CAIRO,
	KB_D_HARU_FONT,
	KB_D_HARU_GLYPHS,
	KB_D_HARU,
	KB_D_NOMEM,
	KB_D_WORKER, /* a worker process of build -j was lost */

	KB_D__MAX /* the number of entries; not a diagnostic */
};

/* One entry of the catalogue. */
struct kb_diag_entry {
	const char *id;      /* stable kebab-case id, printed as [id] */
	enum kb_sev sev;     /* decides the exit status */
	enum kb_art article; /* the provision a breach violates (KB_ART_NONE: none), printed as the
	                        organization's profile cites it (kb_diag_set_profile) */
	const char *text;    /* what the check asks or what went wrong (docs, tests) */
	unsigned flags;      /* KB_DF_* */
};
#define KB_DF_RULE                                                                                 \
	0x1 /* a rule of the regulation checked by rules.c (fixtures tests/data/rules/ID.*.xml) */
#define KB_DF_ENV                                                                                  \
	0x2 /* only a broken environment or kobun's own data raises it: no input fixture can */

/* Where a diagnostic points. Every field may be NULL/0. */
struct kb_loc {
	const char *file;
	long line;
	const char *record; /* record id when known */
};

/* The catalogue entry of code (code < KB_D__MAX); the pointer is static. */
const struct kb_diag_entry *kb_diag_entry(enum kb_dcode code);
/* The code whose id is id, or KB_D__MAX when there is none. */
enum kb_dcode kb_diag_find(const char *id);

/*
 * Prints one diagnostic of the catalogue to stderr and counts it:
 * "FILE:LINE: error: [id] 第N条: text (RECORD)". The article is the
 * entry's; kb_diagc_art cites article instead when it is not KB_ART_NONE
 * (a rule over several articles names the one that applies). Either is
 * printed as the profile (kb_diag_set_profile) cites it.
 */
void kb_diagc(enum kb_dcode code, const struct kb_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void kb_diagc_art(enum kb_dcode code, const struct kb_loc *loc, enum kb_art article,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Out of memory: prints its diagnostic without allocating (util.c then exits 2). */
void kb_diag_nomem(void);

/*
 * One line of plain text to stderr (or the capture buffer), outside the
 * catalogue: the summary a run ends with, the hint after a usage error.
 */
void kb_diag_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Progress on a terminal: "\r" and the text; _end clears the line. Never captured. */
void kb_diag_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kb_diag_progress_end(void);

/* Counts of diagnostics so far per severity, and per code. */
int kb_diag_count(enum kb_sev sev);
int kb_diag_count_code(enum kb_dcode code);
/* The exit status the diagnostics so far call for: 0, 1 or 2. */
int kb_diag_exit_status(void);
/* Resets all counters (tests). */
void kb_diag_reset(void);
/* When set, diagnostics go to this buffer instead of stderr (tests); NULL restores stderr. */
struct kb_buf;
void kb_diag_capture(struct kb_buf *b);
/*
 * The citations the entries' articles are printed with: an array of
 * KB_ART__MAX strings (the organization's profile, struct kb_org's cite),
 * borrowed until the next call; NULL: kobun's defaults (articles.h).
 */
void kb_diag_set_profile(char *const *cite);
/* The profile set last, or NULL. */
char *const *kb_diag_profile(void);
/* Quiet mode: notes are not printed (still counted). */
void kb_diag_set_quiet(int quiet);
/*
 * A worker process's diagnostics: when b is set, each one is appended to
 * b (its code and line) instead of being counted and printed; NULL ends
 * that. The parent hands the bytes to kb_diag_replay, which counts and
 * prints them as if reported there. Returns 0, or -1 when data is not a
 * journal (nothing after the fault is replayed).
 */
void kb_diag_journal(struct kb_buf *b);
int kb_diag_replay(const char *data, size_t len);

#endif
