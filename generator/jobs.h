/* jobs.h — the documents of a run rendered in worker processes and taken back in plan order. */
#ifndef KB_JOBS_H
#define KB_JOBS_H

#include <stddef.h>

struct kb_buf;

/*
 * In a worker: does item i and appends what the parent needs of it to
 * out. Returns 0, or -1 when the run must stop (after a fatal diagnostic).
 */
typedef int (*kb_job_work)(size_t i, struct kb_buf *out, void *arg);
/*
 * In the parent, in the order of i: takes what work gave for item i.
 * Returns 0, or -1 when the run must stop.
 */
typedef int (*kb_job_take)(size_t i, const char *data, size_t len, void *arg);

/*
 * Runs work on items 0..n-1 in nworkers processes forked from this one
 * (item i in worker i mod nworkers) and take on each result in the parent,
 * in order; the diagnostics a worker reports reach the parent before take
 * sees the item, so they are printed and counted in order too. With
 * nworkers 1 (or n < 2) everything runs in this process. A worker dies
 * with its parent. Returns 0, or -1 when work or take stopped the run or
 * a worker was lost (fatal diagnostic); the workers are gone either way.
 */
int kb_jobs_run(int nworkers, size_t n, kb_job_work work, kb_job_take take, void *arg);

/* The number of processors this process may run on (at least 1): --jobs's default. */
int kb_jobs_default(void);

#endif
