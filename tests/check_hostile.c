/* check_hostile.c — issue 16: hostile and careless input (reserved ids, limits, odd dates, odd
 * files, the hostile corpus of tests/data/hostile/). */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"
#define HEAD "<records version=\"1\">\n"
#define GOOD                                                                                       \
	"<nomination id=\"NOM-H-1\" date=\"2026-05-20\" kind=\"dx-promoter\" nominator=\"p019\" "  \
	"nominee=\"p044\"/>\n"

/* Writes text to dir/name; the caller frees the path. */
static char *
put(const char *dir, const char *name, const char *text)
{
	char *path = kb_asprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/*
 * Issue 16 (8): a record whose id is one of kobun's own names in the
 * output root (manifest.xml, register.sqlite's -wal, monthly in another
 * case) is refused with [reserved-id]; the other record is written and
 * the manifest and register stay usable.
 */
START_TEST(test_reserved_ids)
{
	char *in = tu_tmpdir(), *out = tu_tmpdir(), *msg, *path, *p;
	struct stat st;
	int rc;

	path = put(in, "r.xml",
	           HEAD GOOD
	           "<nomination id=\"manifest.xml\" date=\"2026-05-21\" kind=\"dx-promoter\" "
	           "nominator=\"p019\" nominee=\"p045\"/>\n"
	           "<nomination id=\"register.sqlite-wal\" date=\"2026-05-21\" "
	           "kind=\"dx-promoter\" nominator=\"p019\" nominee=\"p045\"/>\n"
	           "<nomination id=\"Monthly\" date=\"2026-05-21\" kind=\"dx-promoter\" "
	           "nominator=\"p019\" nominee=\"p045\"/>\n</records>\n");
	rc = tu_run(&msg, "%s build -o %s --org %s %s", KOBUN, out, ORG, path);
	ck_assert_msg(rc == 1, "exit %d:\n%s", rc, msg);
	ck_assert_msg(tu_has(msg, "r.xml:3: error: [reserved-id]") &&
	                  tu_has(msg, "(manifest.xml)") && tu_has(msg, "(register.sqlite-wal)") &&
	                  tu_has(msg, "(Monthly)"),
	              "no [reserved-id] for each:\n%s", msg);
	free(msg);
	p = kb_asprintf("%s/manifest.xml", out);
	ck_assert_msg(stat(p, &st) == 0 && S_ISREG(st.st_mode), "manifest.xml is not a file");
	free(p);
	p = kb_asprintf("%s/NOM-H-1/nomination-notice.pdf", out);
	ck_assert_msg(stat(p, &st) == 0, "the good record was not written");
	free(p);
	/* A second run over the same directory works (register and manifest intact). */
	rc = tu_run(&msg, "%s build -q -o %s --org %s %s", KOBUN, out, ORG, path);
	ck_assert_msg(rc == 1 && !tu_has(msg, "fatal"), "second run: exit %d:\n%s", rc, msg);
	free(msg);
	tu_rmrf(in), tu_rmrf(out);
	free(in), free(out), free(path);
}
END_TEST

Suite *
hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("hostile");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_reserved_ids);
	suite_add_tcase(s, tc);
	return s;
}
