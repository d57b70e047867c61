/* plan.h — which documents the accepted records call for (spec/documents.md): kind, audience,
 * addressee, issue date, path. */
#ifndef KB_PLAN_H
#define KB_PLAN_H

#include <stddef.h>

#include "model.h"

struct kb_input;

/* One document to produce. */
struct kb_doc {
	const char *kind;            /* "nomination-notice": names the template too */
	const struct kb_record *rec; /* the record it comes from (borrowed; a structure notice: the
	                                first it covers); NULL for the monthly report */
	size_t index;                /* the record's position in application order */
	size_t *recs; /* structure notice: the appointments of its date that changed roles (indices
	                 into in->records, application order; owned); else NULL */
	size_t nrecs; /* entries of recs */
	enum kb_audience audience;
	int authority;        /* per-authority reports: index into org authorities; else -1 */
	struct kb_date issue; /* the day it is issued (its date line, PDF creation date) */
	char *key;            /* its key in the register: the record id, "structure-YYYY-MM-DD" or
	                         "monthly-YYYY-MM" (owned) */
	int revision;         /* the record's revision; 1 for the monthly report */
	int numbered;         /* carries a 文書番号 (not press drafts, PPC sheets) */
	const char *code;     /* 文書記号 it is numbered under (borrowed from the organization);
	                         NULL: none (numbered: printed 「第　　号」 for hand entry) */
	char *
	    number; /* 文書番号 "亀情政第3号" once numbered (kb_register_assign), or NULL (owned) */
	char *provisional; /* a preview's: the number a real run would take now, never printed
	                      (number is then NULL), or NULL (owned) */
	/*
	 * What a follow-up cites: a 第2報以降 or 最終報 the previous revision's
	 * report to the same addressee, a decision the 協議書 it answers.
	 */
	const char *follows_kind; /* the kind of the document it follows, or NULL (static) */
	long follows;             /* that document's index in this plan, or -1 */
	int cites;                /* 1 when cite_date is known (plan or register) */
	struct kb_date cite_date; /* the date of the document followed */
	char *cite_number;        /* its 文書番号, or NULL when it had none (owned) */
	char *path;               /* output path relative to the output directory (owned) */
	int correction; /* re-issued with changed content under its number: prints 訂正 */
	int draft;      /* a draft (monthly --draft): prints 案, takes no number */
	int refused;    /* not to be written: its register number is of another fiscal year */
};

struct kb_plan {
	struct kb_doc *docs; /* owned */
	size_t ndocs, cap;
	int owed; /* documents due that have no template yet */
};

/*
 * Decides which documents each accepted record yields, in application
 * order, and which 文書記号 numbers each: the sender's (kb_plan_code;
 * none for press drafts and PPC sheets), warning once per sending
 * division that has none; numbers come later, from the register
 * (kb_register_assign). Links each follow-up to the document it follows
 * when that is in the plan (kb_doc.follows, cite_date). A document whose template
 * DATADIR/templates/KIND.xsl does not exist yet is noted as owed (with
 * its article) and counted. Needs the resolve pass (kb_check_run) done.
 * The caller frees plan with kb_plan_free.
 */
void kb_plan_make(const struct kb_input *in, const char *datadir, struct kb_plan *plan);
void kb_plan_free(struct kb_plan *plan);

/*
 * build --only: keeps the documents of record id (every revision, and a
 * structure notice covering it) and drops the others, so nothing else is
 * numbered or written. Returns 0, or -1 after a usage diagnostic when no
 * record of the input has that id.
 */
int kb_plan_only(const struct kb_input *in, struct kb_plan *plan, const char *id);

/*
 * The 文書記号 of what unit sends (-1: the information-policy division,
 * doc-handling): the division's own, else its department's; NULL when neither
 * has one (the document is numbered by hand).
 */
const char *kb_plan_code(const struct kb_org *org, int unit);

#endif
