/* due.h — kobun due: every obligation open on a date, soonest first, with days left or overdue
 * (docs/cli.md). */
#ifndef KB_DUE_H
#define KB_DUE_H

#include <stddef.h>

#include "model.h"

struct kb_input;
struct kb_plan;
struct _xmlDoc;

/* Where an obligation stands on the date judged. */
enum kb_due_item_state {
	KB_DUE_ITEM_OVERDUE, /* its last day has passed and it is not done */
	KB_DUE_ITEM_PENDING, /* not done, its last day is today or later */
	KB_DUE_ITEM_WAITING  /* no deadline: waiting since a day (a 協議 without answer) */
};

/* One open obligation. */
struct kb_due_item {
	enum kb_due_item_state state;
	const char *kind;      /* "ppc-final", "authority", "term-end", ... (docs/cli.md; static) */
	const char *record;    /* the record's id (borrowed from the input) */
	int revision;          /* the record's revision (incidents, plans); 1 otherwise */
	const char *authority; /* the authority's id, or NULL (borrowed from the organization) */
	char *what;            /* the obligation in Japanese (owned) */
	const char *article;   /* the article that imposes it (static) */
	struct kb_date due;    /* the last day in time as seen on the date; y == 0: waiting */
	struct kb_date since;  /* waiting: the day it began; else y == 0 */
	long days;             /* due - date (negative when overdue); waiting: date - since */
};

/* The obligations open on a date, soonest first. */
struct kb_due {
	struct kb_date date;       /* the date judged */
	struct kb_due_item *items; /* owned */
	size_t n, cap;
	size_t overdue; /* items past their last day */
};

/*
 * Collects every obligation open on date from the checked input and the
 * plan of the documents its records call for (what kobun issues, and on
 * which day: a document counts as issued on its issue date):
 *   - incident duties (kb_policy_duties on the latest revision recognised
 *     by date): the CIO's and the prefecture's 第1報, the PPC 速報 and 確報
 *     (from <sent>), and the latest revision's letters not yet issued;
 *   - dx-report reports of DX推進員 nominations not issued by date;
 *   - nominated roles and CIO補佐官 terms in force whose until="" falls
 *     within 60 days and that no later nomination or appointment renews;
 *   - system plans consulted (system-plan) with no decision by date.
 * Sorted by due day (then record id); waiting items last, oldest first.
 * The caller frees out with kb_due_free.
 */
void kb_due_build(const struct kb_input *in, const struct kb_plan *plan, const struct kb_date *date,
                  struct kb_due *out);
void kb_due_free(struct kb_due *d);

/* The list for a clerk: a heading, aligned columns with Japanese labels, a count; the caller frees.
 */
char *kb_due_text(const struct kb_due *d);
/* The list as CSV (RFC 4180, UTF-8, a header line; columns in docs/cli.md); the caller frees. */
char *kb_due_csv(const struct kb_due *d);
/* The list as <due date="" count="" overdue=""><obligation …>what</obligation>…</due>; the caller
 * frees. */
struct _xmlDoc *kb_due_xml(const struct kb_due *d);

#endif
