/* output.c — the writer table over the display list, and atomic file output under the output
 * directory. */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	struct kb_haru_opts ho = {KB_HARU_PROTECT, o->user_password, o->owner_password};

	(void)page;
	return kb_dl_haru_pdf(dl, &ho, out);
}

/* The records office's copy: PDF/A-1b, never encrypted. */
static int
haru_pdfa(const struct kb_dl *dl, size_t page, const struct kb_writer_opts *o, kb_buf *out)
{
	struct kb_haru_opts ho = {KB_HARU_PDFA, NULL, NULL};

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

/* mkdir -p for every directory above path's last component. */
static int
make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL},
			         "cannot create the directory: %s", strerror(errno));
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return 0;
}

int
kb_output_write(const char *dir, const char *rel, const char *data, size_t len)
{
	char *path = kb_asprintf("%s/%s", dir, rel);
	char *tmp = NULL, *slash;
	int fd = -1, rc = -1;
	size_t off = 0;

	if (make_parents(path) != 0)
		goto out;
	slash = strrchr(path, '/');
	tmp = kb_asprintf("%.*s/.kobun-XXXXXX", (int)(slash - path), path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot write: %s",
		         strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot write: %s",
			         n < 0 ? strerror(errno) : "short write");
			goto out;
		}
		off += (size_t)n;
	}
	/* mkstemp makes the file 0600; documents are ordinary files. The data
	 * reaches the disk before the name does, so a power cut never leaves an
	 * empty document under a name the register knows. */
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
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
	if (rename(tmp, path) != 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){path, 0, NULL}, "cannot rename %s: %s", tmp,
		         strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
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
