/* check_layout.c — the layout stage on hand-written document trees, asserted on the display list. */
#include <check.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dl.h"
#include "fonts.h"
#include "layout.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define MM(v) ((v) * 72.0 / 25.4)

static struct kb_layout *lo;

static void
setup(void)
{
	ck_assert_int_eq(kb_fonts_init(SRCDIR), 0);
	lo = kb_layout_new();
}

static void
teardown(void)
{
	kb_layout_free(lo);
	lo = NULL;
}

static struct kb_dl *
lay(const char *xml)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "test.xml", "UTF-8", XML_PARSE_NONET);
	struct kb_dl *dl;

	ck_assert_ptr_nonnull(doc);
	dl = kb_layout_run(lo, doc, "test.xml");
	xmlFreeDoc(doc);
	return dl;
}

/* A visual line: the runs that share one baseline on one page. */
struct vline {
	size_t page;
	double y, x0; /* baseline, first glyph's pen x */
	kb_buf text;
};

/* Groups the glyph runs of dl into lines in reading order. */
static int
lines_of(const struct kb_dl *dl, struct vline *out, int max)
{
	int n = 0;

	for (size_t p = 0; p < dl->npages; p++)
		for (size_t i = 0; i < dl->pages[p].nitems; i++) {
			const struct kb_dl_item *it = &dl->pages[p].items[i];
			int k;
			if (it->kind != KB_DL_GLYPHS || it->u.run.nglyphs == 0)
				continue;
			for (k = 0; k < n; k++)
				if (out[k].page == p && fabs(out[k].y - it->u.run.glyphs[0].y) < 0.01)
					break;
			if (k == n) {
				ck_assert_int_lt(n, max);
				memset(&out[n], 0, sizeof(out[n]));
				out[n].page = p;
				out[n].y = it->u.run.glyphs[0].y;
				out[n].x0 = it->u.run.glyphs[0].x;
				n++;
			}
			if (it->u.run.glyphs[0].x < out[k].x0)
				out[k].x0 = it->u.run.glyphs[0].x;
			kb_buf_put(&out[k].text, it->u.run.text, it->u.run.textlen);
		}
	return n;
}

static void
free_lines(struct vline *l, int n)
{
	for (int i = 0; i < n; i++)
		kb_buf_free(&l[i].text);
}

static const char body[] =
    "このことについて、情報化の推進に関する規程の定めるところにより、下記のとおり通知します。"
    "なお、指名を受けた者は、情報管理者を補佐し、情報通信技術の活用による業務効率化等を積極的に"
    "推進するものとします。";

START_TEST(test_paragraph_keeps_text_and_indent)
{
	char *xml = kb_asprintf("<document><page/><p align=\"justify\" indent=\"1\">%s</p></document>",
	                        body);
	struct kb_dl *dl = lay(xml);
	struct vline l[64];
	int n;
	kb_buf all = {0};

	ck_assert_ptr_nonnull(dl);
	ck_assert_int_eq((int)dl->npages, 1);
	n = lines_of(dl, l, 64);
	ck_assert_int_ge(n, 3);
	for (int i = 0; i < n; i++)
		kb_buf_puts(&all, l[i].text.data);
	/* Every character reaches the display list, in order. */
	ck_assert_str_eq(all.data, body);
	/* The first line is indented one 字 (10.5 pt) from the 30 mm margin; the others are not. */
	ck_assert_double_eq_tol(l[0].x0, MM(30) + 10.5, 0.05);
	for (int i = 1; i < n; i++)
		ck_assert_double_eq_tol(l[i].x0, MM(30), 0.05);
	/* Baselines advance by the body pitch. */
	for (int i = 1; i < n; i++)
		ck_assert_double_eq_tol(l[i].y - l[i - 1].y, 10.5 * 1.75, 0.05);
	/* No line starts with 、 or 。 (行頭禁則). */
	for (int i = 0; i < n; i++) {
		ck_assert_msg(strncmp(l[i].text.data, "、", 3) != 0, "line %d starts with 、", i + 1);
		ck_assert_msg(strncmp(l[i].text.data, "。", 3) != 0, "line %d starts with 。", i + 1);
	}
	free_lines(l, n);
	kb_buf_free(&all);
	kb_dl_free(dl);
	free(xml);
}
END_TEST

START_TEST(test_long_text_flows_to_second_page)
{
	kb_buf xml = {0};
	struct kb_dl *dl;
	struct vline *l = kb_calloc(400, sizeof(*l));
	int n;

	kb_buf_puts(&xml, "<document><page/>");
	for (int i = 0; i < 20; i++)
		kb_buf_printf(&xml, "<p align=\"justify\" indent=\"1\">%s</p>", body);
	kb_buf_puts(&xml, "</document>");
	dl = lay(xml.data);
	ck_assert_ptr_nonnull(dl);
	ck_assert_int_eq((int)dl->npages, 2);
	n = lines_of(dl, l, 400);
	for (int i = 0; i < n; i++) {
		/* Every baseline lies within the text area of A4 with 30/25 mm margins. */
		ck_assert_double_gt(l[i].y, MM(30));
		ck_assert_double_lt(l[i].y, MM(297 - 25));
	}
	ck_assert_uint_eq(l[n - 1].page, 1);
	free_lines(l, n);
	free(l);
	kb_dl_free(dl);
	kb_buf_free(&xml);
}
END_TEST

START_TEST(test_ki_centred_ijo_right)
{
	struct kb_dl *dl = lay("<document><page/><ki/><ijo/></document>");
	struct vline l[4];
	int n;
	double centre = MM(30) + (MM(210) - MM(30) - MM(20)) / 2;

	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 4);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(l[0].text.data, "記");
	/* 記 is one em wide and centred on the measure. */
	ck_assert_double_eq_tol(l[0].x0 + 5.25, centre, 0.1);
	ck_assert_str_eq(l[1].text.data, "以上");
	/* 以上 ends one 字 before the right margin. */
	ck_assert_double_eq_tol(l[1].x0 + 21, MM(210 - 20) - 10.5, 0.1);
	free_lines(l, n);
	kb_dl_free(dl);
}
END_TEST

START_TEST(test_template_bug_reported)
{
	kb_buf cap = {0};
	struct kb_dl *dl;

	kb_diag_capture(&cap);
	dl = lay("<document><page/>\n<frobnicate/></document>");
	kb_diag_capture(NULL);
	ck_assert_ptr_null(dl);
	ck_assert_msg(tu_has(cap.data, "test.xml:2:") && tu_has(cap.data, "frobnicate"),
	              "diagnostic: %s", cap.data ? cap.data : "(none)");
	kb_buf_free(&cap);
	kb_diag_reset();
}
END_TEST

START_TEST(test_dump_lists_runs)
{
	struct kb_dl *dl = lay("<document title=\"T\"><page/><p>公文</p></document>");
	char *dump;

	ck_assert_ptr_nonnull(dl);
	dump = kb_dl_dump(dl);
	ck_assert_msg(tu_has(dump, "page 1 595.28x841.89"), "%s", dump);
	ck_assert_msg(tu_has(dump, "font=IPAexMincho size=10.50") && tu_has(dump, "\"公文\""), "%s",
	              dump);
	free(dump);
	kb_dl_free(dl);
}
END_TEST

Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("pango");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_paragraph_keeps_text_and_indent);
	tcase_add_test(tc, test_long_text_flows_to_second_page);
	tcase_add_test(tc, test_ki_centred_ijo_right);
	tcase_add_test(tc, test_template_bug_reported);
	tcase_add_test(tc, test_dump_lists_runs);
	suite_add_tcase(s, tc);
	return s;
}
