/* context.h — plans the documents the records call for and builds each one's context document for its template. */
#ifndef KB_CONTEXT_H
#define KB_CONTEXT_H

#include <stddef.h>

#include "model.h"

struct kb_input;
struct kb_register;
struct kb_record;
struct _xmlDoc;

/* One document to produce. */
struct kb_doc {
	const char *kind;              /* "nomination-notice": names the template too */
	const struct kb_record *rec;   /* the record it comes from (borrowed) */
	size_t index;                  /* the record's position in application order */
	enum kb_audience audience;
	int authority;                 /* per-authority reports: index into org authorities; else -1 */
	struct kb_date issue;          /* the day it is issued (its date line, PDF creation date) */
	char *number;                  /* 文書番号 "亀情政第3号", or NULL (owned) */
	char *path;                    /* output path relative to the output directory (owned) */
};

struct kb_plan {
	struct kb_doc *docs; /* owned */
	size_t ndocs, cap;
	int owed;            /* documents due that have no template yet */
};

/*
 * Decides which documents each accepted record yields (spec/documents.md),
 * in application order. With a register, numbered kinds get their
 * 文書番号 from it in one transaction (the same document keeps its number
 * across runs; new ones continue the sequence); without one (check) no
 * numbers are given. A document whose template DATADIR/templates/KIND.xsl
 * does not exist yet is noted as owed (with its article) and counted.
 * Returns 0, or -1 after a fatal register error.
 */
int kb_plan_make(const struct kb_input *in, const char *datadir, struct kb_register *reg,
                 struct kb_plan *plan);
void kb_plan_free(struct kb_plan *plan);

/*
 * Builds the context document for doc: the record as its audience may
 * see it plus everything computed (names, posts, roles, dates, number,
 * contact). Returns a document the caller owns.
 */
struct _xmlDoc *kb_context_build(const struct kb_input *in, const struct kb_doc *doc);

#endif
