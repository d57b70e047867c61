/* check_golden.c — rendered pages compared with the committed golden images (tests/golden/). */
#include <cairo.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

/* A pixel differs when a channel moves by more than this; a page fails past MAX_RATIO of them. */
#define CHANNEL_TOLERANCE 48
#define MAX_RATIO 0.0002

struct gcase {
	char *name, *args, *file;
};

static struct gcase cases[16];
static int ncases;

static void
read_cases(void)
{
	char *text = tu_read(SRCDIR "/tests/golden/cases.txt", NULL), *save = NULL;

	ncases = 0;
	if (text == NULL)
		return;
	for (char *line = strtok_r(text, "\n", &save); line != NULL && ncases < 16;
	     line = strtok_r(NULL, "\n", &save)) {
		char *a, *b;
		if (line[0] == '#' || (a = strchr(line, '|')) == NULL ||
		    (b = strchr(a + 1, '|')) == NULL)
			continue;
		cases[ncases].name = kb_strndup(line, (size_t)(a - line));
		cases[ncases].args = kb_strndup(a + 1, (size_t)(b - a - 1));
		cases[ncases].file = kb_strdup(b + 1);
		ncases++;
	}
	free(text);
}

/* Replaces every {dir} in args with dir. */
static char *
expand(const char *args, const char *dir)
{
	kb_buf b = {0};

	for (const char *p = args; *p != '\0';) {
		if (strncmp(p, "{dir}", 5) == 0) {
			kb_buf_puts(&b, dir);
			p += 5;
		} else
			kb_buf_put(&b, p++, 1);
	}
	return kb_buf_take(&b);
}

START_TEST(test_golden)
{
	struct gcase *c;
	char *dir, *args, *out, *png, *golden, *diffpath;
	cairo_surface_t *a, *g, *d;
	int w, h, differ = 0, rc;
	double ratio;

	read_cases();
	ck_assert_msg(ncases > _i, "tests/golden/cases.txt is missing or short");
	c = &cases[_i];
	dir = tu_tmpdir();
	args = expand(c->args, dir);
	rc = tu_run(&out, "cd %s && %s %s", SRCDIR, KOBUN_BIN, args);
	ck_assert_msg(rc == 0, "%s: kobun %s exited %d:\n%s", c->name, args, rc, out);
	png = kb_asprintf("%s/%s", dir, c->file);
	golden = kb_asprintf("%s/tests/golden/%s.png", SRCDIR, c->name);
	a = cairo_image_surface_create_from_png(png);
	g = cairo_image_surface_create_from_png(golden);
	ck_assert_msg(cairo_surface_status(a) == CAIRO_STATUS_SUCCESS, "%s: no page image %s",
	              c->name, png);
	ck_assert_msg(cairo_surface_status(g) == CAIRO_STATUS_SUCCESS,
	              "%s: no golden %s (make golden creates it)", c->name, golden);
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	ck_assert_msg(w == cairo_image_surface_get_width(g) &&
	                  h == cairo_image_surface_get_height(g),
	              "%s: page size changed", c->name);
	cairo_surface_flush(a);
	cairo_surface_flush(g);
	d = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	{
		const unsigned char *pa = cairo_image_surface_get_data(a),
		                    *pg = cairo_image_surface_get_data(g);
		unsigned char *pd = cairo_image_surface_get_data(d);
		int sa = cairo_image_surface_get_stride(a), sg = cairo_image_surface_get_stride(g),
		    sd = cairo_image_surface_get_stride(d);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				const unsigned char *qa = pa + y * sa + 4 * x,
				                    *qg = pg + y * sg + 4 * x;
				unsigned char *qd = pd + y * sd + 4 * x;
				int bad = 0;
				for (int k = 0; k < 3; k++)
					if (abs(qa[k] - qg[k]) > CHANNEL_TOLERANCE)
						bad = 1;
				differ += bad;
				/* The diff image: the golden faded, differences in red. */
				qd[0] = bad ? 0 : (unsigned char)(128 + qg[0] / 2);
				qd[1] = bad ? 0 : (unsigned char)(128 + qg[1] / 2);
				qd[2] = bad ? 255 : (unsigned char)(128 + qg[2] / 2);
			}
	}
	cairo_surface_mark_dirty(d);
	ratio = (double)differ / ((double)w * h);
	diffpath = kb_asprintf("/tmp/kobun-golden-%s-diff.png", c->name);
	if (ratio > MAX_RATIO)
		cairo_surface_write_to_png(d, diffpath);
	ck_assert_msg(ratio <= MAX_RATIO,
	              "%s: %.3f%% of the pixels differ from %s; see %s (and %s); `make golden` "
	              "accepts a deliberate change",
	              c->name, 100 * ratio, golden, diffpath, png);
	cairo_surface_destroy(a);
	cairo_surface_destroy(g);
	cairo_surface_destroy(d);
	tu_rmrf(dir);
	free(dir), free(args), free(out), free(png), free(golden), free(diffpath);
	for (int i = 0; i < ncases; i++)
		free(cases[i].name), free(cases[i].args), free(cases[i].file);
}
END_TEST

/* The cases of tests/golden/texts.txt: FILE|STATUS|kobun arguments. */
struct text_case {
	char *file, *args;
	int status;
};

/* Reads tests/golden/texts.txt into *out (owned by the caller, text_cases_free); returns how many.
 */
static size_t
read_texts(struct text_case **out)
{
	char *text = tu_read(SRCDIR "/tests/golden/texts.txt", NULL), *save = NULL;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (text == NULL)
		return 0;
	for (char *line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char *a, *b;
		if (line[0] == '#' || (a = strchr(line, '|')) == NULL ||
		    (b = strchr(a + 1, '|')) == NULL)
			continue;
		kb_grow((void **)out, &cap, n + 1, sizeof(**out));
		(*out)[n].file = kb_strndup(line, (size_t)(a - line));
		(*out)[n].status = atoi(a + 1);
		(*out)[n].args = kb_strdup(b + 1);
		n++;
	}
	free(text);
	return n;
}

static void
text_cases_free(struct text_case *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].file), free(t[i].args);
	free(t);
}

/*
 * `kobun ARGS`, run from the project root, exits STATUS and prints
 * exactly tests/golden/FILE (standard output and error together): a tree
 * dump, a display list or the diagnostics of a bad input.
 */
START_TEST(test_golden_text)
{
	struct text_case *t;
	size_t n = read_texts(&t);
	int rc;
	char *dir, *path, *golden, *diff = NULL;

	ck_assert_msg(n > (size_t)_i, "tests/golden/texts.txt is missing or short");
	dir = tu_tmpdir();
	path = kb_asprintf("%s/%s", dir, t[_i].file);
	golden = kb_asprintf("%s/tests/golden/%s", SRCDIR, t[_i].file);
	rc = tu_run(NULL, "cd %s && %s %s > '%s' 2>&1", SRCDIR, KOBUN_BIN, t[_i].args, path);
	ck_assert_msg(rc == t[_i].status, "%s: kobun %s exited %d, not %d", t[_i].file, t[_i].args,
	              rc, t[_i].status);
	rc = tu_run(&diff, "diff -u '%s' '%s'", golden, path);
	ck_assert_msg(rc == 0,
	              "%s differs from %s (`make golden` accepts a deliberate change):\n%s", path,
	              golden, diff);
	tu_rmrf(dir);
	free(diff), free(dir), free(path), free(golden);
	text_cases_free(t, n);
}
END_TEST

Suite *
golden_suite(void)
{
	Suite *s = suite_create("golden");
	TCase *tc = tcase_create("pages");

	read_cases();
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_golden, 0, ncases);
	for (int i = 0; i < ncases; i++)
		free(cases[i].name), free(cases[i].args), free(cases[i].file);
	suite_add_tcase(s, tc);
	{
		struct text_case *t;
		size_t n = read_texts(&t);
		TCase *tt = tcase_create("texts");
		tcase_add_loop_test(tt, test_golden_text, 0, (int)n);
		text_cases_free(t, n);
		suite_add_tcase(s, tt);
	}
	return s;
}
