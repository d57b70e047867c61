/*
 * jobs.c — rendering across processes. The numbers of a run are taken
 * before rendering starts, so each document can be rendered on its own:
 * workers forked after set-up (fonts, templates, the layout engine are
 * shared copy-on-write) render their share and send back what the parent
 * logs; the parent takes the results in plan order, so the "wrote" lines,
 * the diagnostics, the register's log and the manifest are those of a
 * one-process run. Processes, not threads: cairo, pango, fontconfig and
 * libxslt then need no locking and a crash stays in one worker.
 */
#define _GNU_SOURCE /* sched_getaffinity, prctl */
#include "jobs.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

/* What precedes each result on a worker's pipe. */
struct head {
	int32_t status;   /* what work returned */
	uint32_t pad;     /* zero */
	uint64_t len;     /* the result's bytes */
	uint64_t journal; /* then the diagnostics' bytes (kb_diag_journal) */
};

/*
 * Moves all n bytes between fd and p (writing when out, else reading).
 * Returns 0, or -1 at an error or, reading, the end of the pipe.
 */
static int
move_all(int fd, void *p, size_t n, int out)
{
	char *c = p;

	while (n > 0) {
		ssize_t k = out ? write(fd, c, n) : read(fd, c, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		c += k, n -= (size_t)k;
	}
	return 0;
}

static int
write_all(int fd, const void *p, size_t n)
{
	return move_all(fd, (void *)p, n, 1);
}

static int
read_all(int fd, void *p, size_t n)
{
	return move_all(fd, p, n, 0);
}

/* Worker w of nworkers: items w, w + nworkers, … ; never returns. */
static void
worker(int w, int nworkers, size_t n, kb_job_work work, void *arg, int fd)
{
	kb_buf out = {0}, journal = {0};

	for (size_t i = (size_t)w; i < n; i += (size_t)nworkers) {
		struct head h = {0};
		kb_diag_journal(&journal);
		h.status = work(i, &out, arg);
		kb_diag_journal(NULL);
		h.len = out.len, h.journal = journal.len;
		if (write_all(fd, &h, sizeof(h)) != 0 || write_all(fd, out.data, out.len) != 0 ||
		    write_all(fd, journal.data, journal.len) != 0)
			_exit(3);
		kb_buf_free(&out), kb_buf_free(&journal);
		if (h.status != 0)
			break;
	}
	/* Not exit(): the parent's stdio buffers and atexit handlers are the parent's. */
	_exit(0);
}

/* How many threads this process has now (/proc/self/task), or -1. */
static int
threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * Waits (at most about two seconds) until this process runs one thread.
 * Libraries start short-lived threads of their own (pango matches fonts
 * in threads); a fork while one runs would copy its locks held, and a
 * worker waiting for its result would wait for ever. Returns 0 when the
 * process is single-threaded.
 */
static int
settle(void)
{
	struct timespec ms = {0, 1000000};

	for (int tries = 0; tries < 2000; tries++) {
		int n = threads();
		/* Without /proc, nothing to wait for can be seen: kobun's own wait (fonts.c) holds.
		 */
		if (n == 1 || n < 0)
			return 0;
		nanosleep(&ms, NULL);
	}
	return -1;
}

/* Starts the workers: pids[] and the read ends fds[]. Returns how many started. */
static int
start(int nworkers, size_t n, kb_job_work work, void *arg, pid_t *pids, int *fds)
{
	pid_t parent = getpid();

	/* What the parent has printed is printed once, not again by each child. */
	fflush(stdout), fflush(stderr);
	for (int w = 0; w < nworkers; w++) {
		int p[2];
		if (pipe(p) != 0)
			return w;
		pids[w] = fork();
		if (pids[w] < 0) {
			close(p[0]), close(p[1]);
			return w;
		}
		if (pids[w] == 0) {
			/* A worker dies with its parent: a killed run leaves no renderer behind. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != parent)
				_exit(3);
			close(p[0]);
			for (int k = 0; k < w; k++)
				close(fds[k]);
			worker(w, nworkers, n, work, arg, p[1]);
		}
		close(p[1]);
		fds[w] = p[0];
	}
	return nworkers;
}

/*
 * Reports a worker that ended without sending what it owed: how it ended
 * (it is reaped here; *pid becomes 0).
 */
static void
lost(pid_t *pid, int w)
{
	int st = 0;

	kill(*pid, SIGKILL);
	while (waitpid(*pid, &st, 0) < 0 && errno == EINTR)
		;
	*pid = 0;
	if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL)
		kb_diagc(KB_D_WORKER, NULL, "worker process %d died of signal %d (%s)", w + 1,
		         WTERMSIG(st), strsignal(WTERMSIG(st)));
	else
		kb_diagc(KB_D_WORKER, NULL,
		         "worker process %d ended before it finished its documents (%s)", w + 1,
		         WIFSIGNALED(st) ? "killed" : "exit status not 0");
}

/* Reads item i's result from worker w and hands it to take. Returns 0 or -1. */
static int
collect(size_t i, int w, int fd, pid_t *pid, kb_job_take take, void *arg)
{
	struct head h;
	char *data;
	int rc;

	if (read_all(fd, &h, sizeof(h)) != 0 || h.len > SIZE_MAX / 2 || h.journal > SIZE_MAX / 2) {
		lost(pid, w);
		return -1;
	}
	data = kb_malloc((size_t)(h.len + h.journal) + 1);
	data[h.len + h.journal] = '\0';
	if (read_all(fd, data, (size_t)(h.len + h.journal)) != 0) {
		free(data);
		lost(pid, w);
		return -1;
	}
	if (kb_diag_replay(data + h.len, (size_t)h.journal) != 0)
		kb_diagc(KB_D_WORKER, NULL, "worker process %d sent diagnostics kobun cannot read",
		         w + 1);
	rc = h.status != 0 ? -1 : take(i, data, (size_t)h.len, arg);
	free(data);
	return rc;
}

int
kb_jobs_run(int nworkers, size_t n, kb_job_work work, kb_job_take take, void *arg)
{
	pid_t *pids;
	int *fds, started, rc = 0;

	if (nworkers > (int)n)
		nworkers = (int)n;
	/* Forked only from a single-threaded process; else rendered here. */
	if (nworkers > 1 && settle() != 0)
		nworkers = 1;
	if (nworkers <= 1) {
		kb_buf out = {0};
		for (size_t i = 0; i < n && rc == 0; i++) {
			rc = work(i, &out, arg) != 0 || take(i, out.data, out.len, arg) != 0 ? -1
			                                                                     : 0;
			kb_buf_free(&out);
		}
		return rc;
	}
	pids = kb_malloc(sizeof(*pids) * (size_t)nworkers);
	fds = kb_malloc(sizeof(*fds) * (size_t)nworkers);
	started = start(nworkers, n, work, arg, pids, fds);
	if (started < nworkers) {
		kb_diagc(KB_D_WORKER, NULL, "cannot start worker process %d of %d: %s", started + 1,
		         nworkers, strerror(errno));
		rc = -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		int w = (int)(i % (size_t)nworkers);
		rc = collect(i, w, fds[w], &pids[w], take, arg);
	}
	for (int w = 0; w < started; w++) {
		int st;
		close(fds[w]);
		if (pids[w] == 0)
			continue;
		if (rc != 0)
			kill(pids[w], SIGKILL);
		while (waitpid(pids[w], &st, 0) < 0 && errno == EINTR)
			;
		if (rc == 0 && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
			kb_diagc(KB_D_WORKER, NULL, "worker process %d ended abnormally", w + 1);
			rc = -1;
		}
	}
	free(pids), free(fds);
	return rc;
}

int
kb_jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		n = CPU_COUNT(&set);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}
