/* check_monthly.c — kobun monthly: the report to the CIO on an empty, a busy and an overdue month.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"
#define MONTHLY SRCDIR "/tests/data/monthly/"

/* Runs kobun monthly into a fresh directory; returns the directory (caller frees and removes). */
static char *
monthly(const char *month, const char *inputs, int want_rc)
{
	char *dir = tu_tmpdir(), *out;
	int rc = tu_run(&out, "%s monthly %s -o %s %s", KOBUN, month, dir, inputs);

	ck_assert_msg(rc == want_rc, "kobun monthly %s exited %d, want %d:\n%.2000s", month, rc,
	              want_rc, out);
	free(out);
	return dir;
}

static char *
page_text(const char *pdf, int page)
{
	char *out, *w, *r;

	if (tu_run(&out, "pdftotext -f %d -l %d '%s' -", page, page, pdf) != 0) {
		free(out);
		return NULL;
	}
	for (w = r = out; *r; r++)
		if (*r != ' ' && *r != '\n' && *r != '\f')
			*w++ = *r;
	*w = '\0';
	return out;
}

static int
pages(const char *pdf)
{
	char *out;
	int n = 0;

	tu_run(&out, "pdfinfo '%s' | awk '/^Pages/ {print $2}'", pdf);
	n = atoi(out);
	free(out);
	return n;
}

START_TEST(test_empty_month)
{
	/* The sample has nothing in August 2026: a short, correct report, not an error. */
	char *dir = monthly("2026-08", SRCDIR "/input", 0),
	     *pdf = kb_asprintf("%s/monthly/2026-08.pdf", dir);
	char *text = tu_pdf_text(pdf);

	ck_assert_msg(text != NULL, "no report at %s", pdf);
	ck_assert_msg(tu_has(text, "該当なし"), "an empty month should say 該当なし:\n%.2000s",
	              text);
	ck_assert_msg(tu_has(text, "令和8年8月"), "no month label:\n%.2000s", text);
	ck_assert_msg(tu_has(text, "取扱注意"), "no classification mark");
	free(text);
	free(pdf);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_busy_month)
{
	char *inputs = kb_asprintf("--org %s %sbusy.xml", ORG, MONTHLY);
	char *dir = monthly("2026-10", inputs, 0),
	     *pdf = kb_asprintf("%s/monthly/2026-10.pdf", dir);
	char *out, *all = tu_pdf_text(pdf);
	int n = pages(pdf), with_header = 0, incidents;
	static const char *const labels[] = {
	    "マルウェア感染", "不正アクセス", "情報漏えい", "紛失・盗難", "誤送付・誤送信",
	    "設定誤り",       "サービス停止", "その他",     "4月",        "9月",
	    "10月",           "3月",          "軽微",       "重大"};

	ck_assert_msg(all != NULL, "no report");
	/* The fixture's own count, read from it with xmllint, is what the report says. */
	ck_assert_int_eq(
	    tu_run(&out, "xmllint --xpath 'count(//incident[not(@revision)])' %sbusy.xml", MONTHLY),
	    0);
	incidents = atoi(out);
	free(out);
	ck_assert_int_eq(incidents, 50);
	ck_assert_int_eq(tu_run(&out,
	                        "%s monthly 2026-10 --dump=context -o %s %s | "
	                        "xmllint --xpath 'string(/context/summary/@new)' -",
	                        KOBUN, dir, inputs),
	                 0);
	ck_assert_int_eq(atoi(out), incidents);
	free(out);
	/* Several pages, the incident table's header on each page it runs over. */
	ck_assert_int_ge(n, 4);
	for (int p = 1; p <= n; p++) {
		char *t = page_text(pdf, p);
		if (tu_has(t, "INC-M-") && tu_has(t, "件名") && tu_has(t, "認知日"))
			with_header++;
		free(t);
	}
	ck_assert_msg(with_header >= 2, "the incident table does not repeat its header (%d pages)",
	              with_header);
	for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
		ck_assert_msg(tu_has(all, labels[k]), "chart or table label 「%s」 missing",
		              labels[k]);
	/* Bookmarks: one per section. */
	ck_assert_int_eq(
	    tu_run(&out, "qpdf --json --json-key=outlines '%s' | grep -c '\"title\"'", pdf), 0);
	ck_assert_msg(atoi(out) >= 5, "only %d bookmarks", atoi(out));
	free(out);
	free(all);
	free(pdf);
	free(inputs);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_overdue_month)
{
	char *inputs = kb_asprintf("--org %s %soverdue.xml", ORG, MONTHLY);
	char *dir = monthly("2026-09", inputs, 0),
	     *pdf = kb_asprintf("%s/monthly/2026-09.pdf", dir);
	char *text = tu_pdf_text(pdf);

	ck_assert_msg(text != NULL, "no report");
	ck_assert_msg(tu_has(text, "期限超過"), "no overdue deadline shown:\n%.3000s", text);
	free(text);
	free(pdf);
	free(inputs);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_bad_months_and_determinism)
{
	char *a, *b, *out;

	/* A month that has not begun, or one before the organization existed: usage errors. */
	static const char *const bad[] = {"2099-01", "2025-12", "2026-13", "2026-1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *d = monthly(bad[i], SRCDIR "/input", 2);
		tu_rmrf(d);
		free(d);
	}
	/* Same input, same bytes. */
	a = monthly("2026-11", SRCDIR "/input", 0);
	b = monthly("2026-11", SRCDIR "/input", 0);
	ck_assert_int_eq(tu_run(&out, "cmp %s/monthly/2026-11.pdf %s/monthly/2026-11.pdf", a, b),
	                 0);
	free(out);
	tu_rmrf(a);
	tu_rmrf(b);
	free(a);
	free(b);
}
END_TEST

Suite *
monthly_suite(void)
{
	Suite *s = suite_create("monthly");
	TCase *tc = tcase_create("report");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_empty_month);
	tcase_add_test(tc, test_busy_month);
	tcase_add_test(tc, test_overdue_month);
	tcase_add_test(tc, test_bad_months_and_determinism);
	suite_add_tcase(s, tc);
	return s;
}
