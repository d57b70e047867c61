/* register.h — the 文書番号簿: document numbers per fiscal year per code, and the log of issued documents (SQLite). */
#ifndef KB_REGISTER_H
#define KB_REGISTER_H

#include <stddef.h>
#include <stdio.h>

struct kb_org;
struct kb_plan;
struct kb_register;

/*
 * Opens the register at path, creating it and its tables when new.
 * Returns NULL after a fatal diagnostic. The caller owns it.
 */
struct kb_register *kb_register_open(const char *path);
void kb_register_close(struct kb_register *reg);

/* Groups the following calls into one transaction (all or nothing). Return 0 or -1. */
int kb_register_begin(struct kb_register *reg);
int kb_register_commit(struct kb_register *reg);

/*
 * The number of the document (record, kind, authority, revision): the one
 * it already has, or the next of (prefix, fiscal year). authority may be
 * NULL. Returns the number (1, 2, ...) or -1 after a fatal diagnostic.
 */
int kb_register_number(struct kb_register *reg, const char *prefix, int fiscal_year,
                       const char *record, const char *kind, const char *authority,
                       int revision, const char *issue_date);

/*
 * The numbering step: gives every document of plan that has a code
 * (kb_doc.code) its 文書番号 "{code}第{N}号" (kb_doc.number, owned by the
 * plan), in one transaction: a document keeps the number it has, a new
 * one continues its code's sequence for the fiscal year of its issue
 * date, new ones taken in order of issue date (then plan order). Then
 * each follow-up gets the date and number it cites (kb_doc.cite_*): of
 * the document it follows in the plan, else of the latest earlier
 * revision in the register. Returns 0, or -1 after a fatal diagnostic.
 */
int kb_register_assign(struct kb_register *reg, const struct kb_org *org, struct kb_plan *plan);

/*
 * Logs an issued document: its number (may be NULL), file, SHA-256 and
 * pages. A re-issue with the same digest changes nothing; a different
 * digest is recorded as a new version. Returns 0 or -1.
 */
int kb_register_log(struct kb_register *reg, const char *record, const char *kind,
                    const char *authority, int revision, const char *number, const char *file,
                    const char *sha256, const char *issue_date, int pages);

/* Prints the 文書番号簿 of fiscal_year (0: every year) to out. Returns 0 or -1. */
int kb_register_list(struct kb_register *reg, int fiscal_year, FILE *out);

#endif
