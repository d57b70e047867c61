/* profile.h — where a run's time goes, stage by stage (KOBUN_PROFILE=1; make bench). */
#ifndef KB_PROFILE_H
#define KB_PROFILE_H

enum kb_stage {
	KB_ST_LOAD,     /* reading and validating the organization and the records */
	KB_ST_RULES,    /* the rules of the regulation */
	KB_ST_PLAN,     /* the plan of documents, numbers, what the register holds */
	KB_ST_CONTEXT,  /* each document's context (XML) */
	KB_ST_TEMPLATE, /* XSLT */
	KB_ST_TREE,     /* validating the document tree and reading it */
	KB_ST_LAYOUT,   /* pango: lines, pages, the display list */
	KB_ST_WRITE,    /* the PDF (cairo or libharu) and its file */
	KB_ST_REGISTER, /* logging each document, the manifest */
	KB_ST_SYNC,     /* syncing each batch to disk and committing its log */
	KB_ST__MAX
};

/* A monotonic clock in seconds. */
double kb_prof_now(void);
/* Adds the time since since (from kb_prof_now) to stage. */
void kb_prof_add(enum kb_stage stage, double since);
/*
 * When KOBUN_PROFILE is set (not "0"): one line per stage on standard
 * error, "kobun: profile: STAGE SECONDS", then the total. Time spent in
 * worker processes (build -j N, N > 1) is theirs, not counted here.
 */
void kb_prof_report(void);

#endif
