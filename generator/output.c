/* output.c — the writer table over the display list, and atomic file output under the output
 * directory. */
#define _GNU_SOURCE /* syncfs */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "dl_cairo.h"
#include "dl_haru.h"
#include "util.h"

/* ---- the writers ------------------------------------------------------- */

static int
cairo_pdf(const struct kb_dl *dl, size_t page, const struct kb_writer_opts *o, kb_buf *out)
{
	(void)page, (void)o;
	return kb_dl_cairo_pdf(dl, out);
}

static int
cairo_png(const struct kb_dl *dl, size_t page, const struct kb_writer_opts *o, kb_buf *out)
{
	return kb_dl_cairo_png(dl, page, o->dpi, out);
}

static int
haru_protected(const struct kb_dl *dl, size_t page, const struct kb_writer_opts *o, kb_buf *out)
{
	struct kb_haru_opts ho = {KB_HARU_PROTECT, o->user_password, o->owner_password, o->doc_id};

	(void)page;
	return kb_dl_haru_pdf(dl, &ho, out);
}

/* The records office's copy: PDF/A-1b, never encrypted. */
static int
haru_pdfa(const struct kb_dl *dl, size_t page, const struct kb_writer_opts *o, kb_buf *out)
{
	struct kb_haru_opts ho = {KB_HARU_PDFA, NULL, NULL, NULL};

	(void)page, (void)o;
	return kb_dl_haru_pdf(dl, &ho, out);
}

static const struct kb_writer writers[] = {
    {"pdf", 0, 0, cairo_pdf},      /* cairo: compact, subset fonts */
    {"png", 0, 1, cairo_png},      /* cairo: page previews */
    {"pdf", 1, 0, haru_protected}, /* libharu: RC4 128-bit, print only */
    {"pdf-a", 0, 0, haru_pdfa},    /* libharu: PDF/A-1b for --archive */
};

const struct kb_writer *
kb_writer_find(const char *format, int protects)
{
	if (format == NULL)
		format = "pdf";
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].format, format) == 0 && writers[i].protects == !!protects)
			return &writers[i];
	return NULL;
}

/* ---- files ------------------------------------------------------------- */

/*
 * Opens (making it when missing) the directory that holds the last
 * component of rel under dirfd, one component at a time and never through
 * a symbolic link: a link planted in the output tree under a record's name
 * cannot send a document elsewhere. Returns the directory's descriptor
 * (dirfd itself when rel has no '/'), or -1 after a diagnostic.
 */
static int
open_parent(int dirfd, const char *dir, const char *rel)
{
	int fd = dirfd;
	const char *p = rel, *slash;

	while ((slash = strchr(p, '/')) != NULL) {
		char *name = kb_strndup(p, (size_t)(slash - p));
		int next;
		if (name[0] == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			free(name);
			p = slash + 1;
			continue;
		}
		if (mkdirat(fd, name, 0777) != 0 && errno != EEXIST) {
			kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL},
			         "cannot create %.*s: %s", (int)(slash - rel), rel,
			         strerror(errno));
			next = -1;
		} else {
			next = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (next < 0)
				kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL},
				         "%.*s: %s (kobun writes only into real directories of the "
				         "output "
				         "tree, never through a symbolic link)",
				         (int)(slash - rel), rel,
				         errno == ELOOP || errno == ENOTDIR ? "is not a directory"
				                                            : strerror(errno));
		}
		free(name);
		if (fd != dirfd)
			close(fd);
		if (next < 0)
			return -1;
		fd = next;
		p = slash + 1;
	}
	return fd;
}

int
kb_output_reserved(const char *name)
{
	static const char *const names[] = {KB_OUT_MANIFEST,           KB_OUT_REGISTER,
	                                    KB_OUT_STRUCTURE,          KB_OUT_MONTHLY,
	                                    KB_OUT_REGISTER "-wal",    KB_OUT_REGISTER "-shm",
	                                    KB_OUT_REGISTER "-journal"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (g_ascii_strcasecmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* A fresh temporary file ".kobun-XXXXXX" in dirfd (its name in name[]); -1 when none can be made.
 */
static int
temp_at(int dirfd, char name[16])
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";

	for (int tries = 0; tries < 100; tries++) {
		int fd;
		memcpy(name, ".kobun-", 7);
		for (int i = 7; i < 13; i++)
			name[i] = digits[g_random_int_range(0, (gint32)sizeof(digits) - 1)];
		name[13] = '\0';
		fd =
		    openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* A file written complete under its temporary name, to be renamed by kb_output_settle. */
struct rename {
	char *dir, *rel; /* its name: dir/rel */
	char tmp[16];    /* the temporary name, in the same directory */
};

static int batching;    /* kb_output_batch */
static pid_t settler;   /* the process that settles: the renames it makes are its own */
static GArray *renames; /* struct rename, in the order written */

void
kb_output_batch(int on)
{
	batching = on;
	settler = getpid();
}

static void
hold(const char *dir, const char *rel, const char *tmp)
{
	struct rename rn = {kb_strdup(dir), kb_strdup(rel), {0}};

	snprintf(rn.tmp, sizeof(rn.tmp), "%s", tmp);
	if (renames == NULL)
		renames = g_array_new(FALSE, FALSE, sizeof(struct rename));
	g_array_append_val(renames, rn);
}

static void
forget(void)
{
	for (guint i = 0; renames != NULL && i < renames->len; i++) {
		struct rename *rn = &g_array_index(renames, struct rename, i);
		free(rn->dir), free(rn->rel);
	}
	if (renames != NULL)
		g_array_set_size(renames, 0);
}

void
kb_output_hand_over(kb_buf *out)
{
	if (getpid() == settler)
		return; /* rendering in the settling process itself: nothing to hand over */
	for (guint i = 0; renames != NULL && i < renames->len; i++) {
		struct rename *rn = &g_array_index(renames, struct rename, i);
		kb_buf_put(out, rn->dir, strlen(rn->dir) + 1);
		kb_buf_put(out, rn->rel, strlen(rn->rel) + 1);
		kb_buf_put(out, rn->tmp, strlen(rn->tmp) + 1);
	}
	forget();
}

void
kb_output_adopt(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while (p < end) {
		const char *rel = memchr(p, '\0', (size_t)(end - p));
		const char *tmp = rel ? memchr(rel + 1, '\0', (size_t)(end - rel - 1)) : NULL;
		const char *next = tmp ? memchr(tmp + 1, '\0', (size_t)(end - tmp - 1)) : NULL;
		if (next == NULL)
			break; /* cut short: the worker died mid-message, and its files are swept */
		hold(p, rel + 1, tmp + 1);
		p = next + 1;
	}
}

/*
 * The directory holding dir/rel (made first, with make), opened without
 * following a link below dir: dir itself is the user's to name (a link
 * there is theirs). *top gets dir's descriptor, or -1. Returns -1 after a
 * diagnostic.
 */
static int
parent_of(const char *dir, const char *rel, int make, int *top)
{
	*top = !make || g_mkdir_with_parents(dir, 0777) == 0
	           ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
	           : -1;
	if (*top < 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL},
		         "cannot open the directory: %s", strerror(errno));
		return -1;
	}
	return open_parent(*top, dir, rel);
}

/* syncfs of dir's file system: 0, or -1 after a diagnostic. */
static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0 || syncfs(fd) != 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL}, "cannot sync to disk: %s",
		         strerror(errno));
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Syncs the file system of each directory the renames held write into, once. */
static int
sync_held(void)
{
	GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = 0;

	for (guint i = 0; rc == 0 && i < renames->len; i++) {
		struct rename *rn = &g_array_index(renames, struct rename, i);
		if (g_hash_table_add(done, rn->dir))
			rc = sync_dir(rn->dir);
	}
	g_hash_table_destroy(done);
	return rc;
}

/* Renames (rename != 0) or removes one held file; 0 or -1 after a diagnostic. */
static int
settle_one(const struct rename *rn, int rename)
{
	const char *last = strrchr(rn->rel, '/') ? strrchr(rn->rel, '/') + 1 : rn->rel;
	int top, pfd = parent_of(rn->dir, rn->rel, 0, &top), rc = -1;

	if (pfd >= 0 && rename && renameat(pfd, rn->tmp, pfd, last) == 0)
		rc = 0;
	else if (pfd >= 0 && rename)
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){rn->dir, 0, NULL}, "cannot rename %s: %s",
		         rn->rel, strerror(errno));
	if (pfd >= 0 && rc != 0)
		unlinkat(pfd, rn->tmp, 0);
	if (pfd >= 0 && pfd != top)
		close(pfd);
	if (top >= 0)
		close(top);
	return rc;
}

int
kb_output_settle(int durable)
{
	int rc = 0;

	if (renames == NULL || renames->len == 0)
		return 0;
	if (durable)
		rc = sync_held();
	for (guint i = 0; i < renames->len; i++)
		if (settle_one(&g_array_index(renames, struct rename, i), rc == 0) != 0)
			rc = -1;
	if (rc == 0 && durable)
		rc = sync_held();
	forget();
	return rc;
}

void
kb_output_abandon(void)
{
	for (guint i = 0; renames != NULL && i < renames->len; i++)
		settle_one(&g_array_index(renames, struct rename, i), 0);
	forget();
}

int
kb_output_write(const char *dir, const char *rel, const char *data, size_t len)
{
	struct kb_piece one = {data, len};

	return kb_output_writev(dir, rel, &one, 1);
}

int
kb_output_writev(const char *dir, const char *rel, const struct kb_piece *pieces, size_t npieces)
{
	char *path = kb_asprintf("%s/%s", dir, rel), tmp[16];
	const char *last = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	int top, pfd = -1, fd = -1, rc = -1, made = 0;

	pfd = parent_of(dir, rel, 1, &top);
	if (pfd < 0)
		goto out;
	fd = temp_at(pfd, tmp);
	if (fd < 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot write: %s",
		         strerror(errno));
		goto out;
	}
	made = 1;
	for (size_t i = 0, off = 0; i < npieces; i++, off = 0)
		while (off < pieces[i].len) {
			ssize_t n = write(fd, pieces[i].data + off, pieces[i].len - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL},
				         "cannot write: %s",
				         n < 0 ? strerror(errno) : "short write");
				goto out;
			}
			off += (size_t)n;
		}
	/* The temporary file is 0600; documents are ordinary files. The data
	 * reaches the disk before the name does, so a power cut never leaves an
	 * empty document under a name: synced here, or with the rest of its
	 * batch before kb_output_settle renames it. */
	if (fchmod(fd, 0644) != 0 || (!batching && fdatasync(fd) != 0)) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot write: %s",
		         strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot write: %s",
		         strerror(errno));
		goto out;
	}
	fd = -1;
	if (batching) {
		hold(dir, rel, tmp);
		made = 0;
		rc = 0;
		goto out;
	}
	/* renameat replaces a symbolic link under that name; it never writes through one. */
	if (renameat(pfd, tmp, pfd, last) != 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot rename %s: %s", tmp,
		         strerror(errno));
		goto out;
	}
	made = 0;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (made)
		unlinkat(pfd, tmp, 0);
	if (pfd >= 0 && pfd != top)
		close(pfd);
	if (top >= 0)
		close(top);
	free(path);
	return rc;
}

static int
sweep(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = kb_asprintf("%s/%s", dir, e->d_name);
		if (strncmp(e->d_name, ".kobun-", 7) == 0) {
			n += unlink(path) == 0;
		} else if (depth > 0 && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			n += sweep(path, depth - 1);
		}
		free(path);
	}
	closedir(d);
	return n;
}

int
kb_output_sweep(const char *dir)
{
	return sweep(dir, 1);
}

/* 1 when dir (depth levels down) holds a file named *.pdf. */
static int
holds_pdf(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (d == NULL)
		return 0;
	while (!found && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		struct stat st;
		char *path;
		if (e->d_name[0] == '.')
			continue;
		/* A draft (monthly --draft, 案) takes no number: it is no issued document. */
		if (n > 4 && strcmp(e->d_name + n - 4, ".pdf") == 0 &&
		    !(n > 10 && strcmp(e->d_name + n - 10, "-draft.pdf") == 0)) {
			found = 1;
			break;
		}
		path = kb_asprintf("%s/%s", dir, e->d_name);
		if (depth > 0 && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			found = holds_pdf(path, depth - 1);
		free(path);
	}
	closedir(d);
	return found;
}

int
kb_output_has_documents(const char *dir)
{
	char *man = kb_asprintf("%s/manifest.xml", dir);
	int has = access(man, F_OK) == 0 || holds_pdf(dir, 1);

	free(man);
	return has;
}

/* The lock file of a directory kobun writes into; not ".kobun-*": a sweep leaves it. */
#define LOCK_NAME ".kobun.lock"

/*
 * Takes the lock of dir (made when missing): waits when another run
 * holds it (saying so unless quiet), or with nowait gives up. Returns the
 * lock's descriptor, -2 when nowait and it is held, or -1 after a fatal
 * diagnostic.
 */
static int
lock_dir(const char *dir, int nowait, int quiet)
{
	int fd = -1, dfd;

	if (g_mkdir_with_parents(dir, 0777) != 0 ||
	    (dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL},
		         "cannot create the directory: %s", strerror(errno));
		return -1;
	}
	fd = openat(dfd, LOCK_NAME, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	close(dfd);
	if (fd < 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL}, "cannot make %s: %s",
		         LOCK_NAME, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK) {
			kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL}, "cannot lock %s: %s",
			         LOCK_NAME, strerror(errno));
			close(fd);
			return -1;
		}
		if (nowait) {
			close(fd);
			return -2;
		}
		if (!quiet)
			fprintf(stderr,
			        "kobun: another kobun run is writing %s; waiting for it to end\n",
			        dir);
		while (flock(fd, LOCK_EX) != 0)
			if (errno != EINTR) {
				kb_diagc(KB_D_OUTPUT, &(struct kb_loc){dir, 0, NULL},
				         "cannot lock %s: %s", LOCK_NAME, strerror(errno));
				close(fd);
				return -1;
			}
	}
	return fd;
}

struct kb_output_lock {
	int fd[2]; /* the output directory's lock, the archive's (-1: none) */
};

struct kb_output_lock *
kb_output_claim(const char *dir, const char *archive, int quiet)
{
	struct kb_output_lock *l = kb_calloc(1, sizeof(*l));

	l->fd[1] = -1;
	if ((l->fd[0] = lock_dir(dir, 0, quiet)) < 0) {
		free(l);
		return NULL;
	}
	/* What a killed run left half-written never becomes a document. */
	sweep(dir, 1);
	/*
	 * An archive directory may serve runs of several output directories:
	 * swept only when no other run writes into it (then a later run sweeps).
	 */
	if (archive != NULL) {
		l->fd[1] = lock_dir(archive, 1, quiet);
		if (l->fd[1] == -1) {
			kb_output_release(l);
			return NULL;
		}
		if (l->fd[1] >= 0)
			sweep(archive, 1);
	}
	return l;
}

void
kb_output_release(struct kb_output_lock *l)
{
	if (l == NULL)
		return;
	for (int i = 0; i < 2; i++)
		if (l->fd[i] >= 0)
			close(l->fd[i]);
	free(l);
}
