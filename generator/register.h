/* register.h — the 文書番号簿: document numbers per fiscal year per code, and the log of issued
 * documents (SQLite). */
#ifndef KB_REGISTER_H
#define KB_REGISTER_H

#include <stddef.h>
#include <stdio.h>

#include "table.h"

struct kb_org;
struct kb_plan;
struct kb_register;

/* How a register is opened. */
enum kb_register_mode {
	KB_REGISTER_WRITE, /* the register of record: created when new, numbers taken, issues logged
	                    */
	KB_REGISTER_SCRATCH /* a preview's: an in-memory copy of path (empty when there is none);
	                       numbers it takes are provisional and nothing reaches the disk */
};

/*
 * Opens the register at path in mode. Returns NULL after a fatal
 * diagnostic. The caller owns it.
 */
struct kb_register *kb_register_open(const char *path, enum kb_register_mode mode);
void kb_register_close(struct kb_register *reg);

/* Groups the following calls into one transaction (all or nothing). Return 0 or -1. */
int kb_register_begin(struct kb_register *reg);
int kb_register_commit(struct kb_register *reg);

/*
 * The number of the document (record, kind, authority, revision): the one
 * it already has, or the next of (prefix, fiscal year), when *fresh is set
 * to 1. authority may be NULL. *given receives the fiscal year the number
 * belongs to (fiscal_year for a fresh one). Returns the number (1, 2, ...)
 * or -1 after a fatal diagnostic.
 */
int kb_register_number(struct kb_register *reg, const char *prefix, int fiscal_year,
                       const char *record, const char *kind, const char *authority, int revision,
                       const char *issue_date, int *fresh, int *given);

/*
 * The numbering step: gives every document of plan that has a code
 * (kb_doc.code) its 文書番号 "{code}第{N}号" (kb_doc.number, owned by the
 * plan), in one transaction: a document keeps the number it has, a new
 * one continues its code's sequence for the fiscal year of its issue
 * date, new ones taken in order of issue date (then plan order). Then
 * each follow-up gets the date and number it cites (kb_doc.cite_*): of
 * the document it follows in the plan, else of the latest earlier
 * revision in the register. In a scratch register a new number goes to
 * kb_doc.provisional instead (never printed: the document shows
 * 「第　　号」), and a follow-up of such a document cites it without a
 * number. Returns 0, or -1 after a fatal diagnostic.
 */
int kb_register_assign(struct kb_register *reg, const struct kb_org *org, struct kb_plan *plan);

/*
 * Logs an issued document: its number (may be NULL), file, SHA-256 and
 * pages. A re-issue with the same digest is no new version; a different
 * digest is recorded as a new version. input (may be NULL) is the digest
 * of what it was rendered from, kept for the next run. Returns 0 or -1.
 */
int kb_register_log(struct kb_register *reg, const char *record, const char *kind,
                    const char *authority, int revision, const char *number, const char *file,
                    const char *sha256, const char *issue_date, int pages, const char *input);

/*
 * Logs the editable copy (format "docx") of an issued document under the
 * same key and number: its file and SHA-256. The same digest again
 * changes nothing; a different one is a new version. Returns 0 or -1.
 */
int kb_register_log_copy(struct kb_register *reg, const char *record, const char *kind,
                         const char *authority, int revision, const char *format,
                         const char *number, const char *file, const char *sha256);

/* The latest issued version of a document, as kb_register_issued finds it. */
struct kb_issued {
	int version;  /* 1, 2, ...; 0 when never issued (the other fields are then empty) */
	char *number; /* the number printed on it, or NULL (owned) */
	char *file;   /* its path under the output directory (owned) */
	char *sha256; /* its digest, hex (owned) */
	int pages;
	char *input;       /* the digest of what it was rendered from, or NULL (owned) */
	char *copy_sha256; /* its editable copy's digest in the copy format asked for, or NULL */
};

/*
 * The latest issued version of the document (record, kind, authority,
 * revision) into *out (freed with kb_issued_free), with the digest of its
 * editable copy in copy_format (NULL: none). Returns 0 or -1.
 */
int kb_register_issued(struct kb_register *reg, const char *record, const char *kind,
                       const char *authority, int revision, const char *copy_format,
                       struct kb_issued *out);
void kb_issued_free(struct kb_issued *is);

/* 1 when the register holds no number and no issued document. */
int kb_register_empty(struct kb_register *reg);

/*
 * The 16-byte ID a protected PDF of the document (record, kind,
 * authority, revision) in its issue version carries: an HMAC under the random secret the
 * register made when it was created, so it tells nothing of the content
 * to whoever holds the file without the register, and the same register
 * gives the same bytes again. version is the issue log's (1 for a
 * document first issued); a correction takes a new one, and so new
 * encryption keys. A scratch register (drafts) counts no versions: it
 * gives random bytes, so no two drafts, and no draft and an issued
 * document, share keys. Returns 0, or -1 after a fatal diagnostic.
 */
int kb_register_doc_id(struct kb_register *reg, const char *record, const char *kind,
                       const char *authority, int revision, int version, unsigned char id[16]);

/*
 * The 文書番号簿 of fiscal_year (0: every year) as a table, one row per number in order: fiscal
 * year, number, date, record, kind, authority, revision, the file last issued under it and its
 * sha256. For csv the headings are these names in English and the digest whole; else Japanese
 * headings, a 12-digit digest and （未発行） for a number with no file. Returns 0 or -1.
 */
int kb_register_table(struct kb_register *reg, int fiscal_year, int csv, struct kb_table *t);

#endif
