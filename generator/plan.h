/* plan.h — which documents the accepted records call for (spec/documents.md): kind, audience, addressee, issue date, path. */
#ifndef KB_PLAN_H
#define KB_PLAN_H

#include <stddef.h>

#include "model.h"

struct kb_input;

/* One document to produce. */
struct kb_doc {
	const char *kind;              /* "nomination-notice": names the template too */
	const struct kb_record *rec;   /* the record it comes from (borrowed; a structure notice: the first it covers); NULL for the monthly report */
	size_t index;                  /* the record's position in application order */
	size_t *recs;                  /* structure notice: the appointments of its date that changed roles (indices into in->records, application order; owned); else NULL */
	size_t nrecs;                  /* entries of recs */
	enum kb_audience audience;
	int authority;                 /* per-authority reports: index into org authorities; else -1 */
	struct kb_date issue;          /* the day it is issued (its date line, PDF creation date) */
	char *key;                     /* its key in the register: the record id, "structure-YYYY-MM-DD" or "monthly-YYYY-MM" (owned) */
	int revision;                  /* the record's revision; 1 for the monthly report */
	const char *code;              /* 文書記号 it is numbered under (borrowed from the organization); NULL: no number */
	char *number;                  /* 文書番号 "亀情政第3号" once numbered (kb_register_assign), or NULL (owned) */
	char *path;                    /* output path relative to the output directory (owned) */
};

struct kb_plan {
	struct kb_doc *docs; /* owned */
	size_t ndocs, cap;
	int owed;            /* documents due that have no template yet */
};

/*
 * Decides which documents each accepted record yields, in application
 * order, and which division's 文書記号 numbers each (none for press
 * drafts and PPC sheets); numbers come later, from the register
 * (kb_register_assign). A document whose template
 * DATADIR/templates/KIND.xsl does not exist yet is noted as owed (with
 * its article) and counted. Needs the resolve pass (kb_check_run) done.
 * The caller frees plan with kb_plan_free.
 */
void kb_plan_make(const struct kb_input *in, const char *datadir, struct kb_plan *plan);
void kb_plan_free(struct kb_plan *plan);

/* The division whose 文書記号 numbers what unit sends (第15条: else 情報政策課); NULL when none has one. */
const struct kb_unit *kb_plan_code_unit(const struct kb_org *org, int unit);

#endif
