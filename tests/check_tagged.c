/* check_tagged.c — tagged PDF from the cairo writer: catalog, structure tree, furniture left out,
 * structure markers in the display list. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"

/* s with ASCII white space and U+3000 removed (caller frees). */
static char *
squeeze(const char *s)
{
	kb_buf b = {0};

	for (; *s != '\0'; s++) {
		if (strncmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 2;
			continue;
		}
		if (*s != ' ' && *s != '\n' && *s != '\t')
			kb_buf_put(&b, s, 1);
	}
	kb_buf_puts(&b, "");
	return kb_buf_take(&b);
}

/* The element names of pdfinfo -struct-text's tree in document order, one space before each. */
static char *
struct_names(const char *st)
{
	kb_buf b = {0};

	for (const char *l = st; l != NULL && *l != '\0';) {
		const char *e = strchr(l, '\n'), *p = l;
		size_t n;
		while (*p == ' ')
			p++;
		n = strcspn(p, " \n");
		if (*p != '"' && n > 0) {
			kb_buf_puts(&b, " ");
			kb_buf_put(&b, p, n);
		}
		l = e ? e + 1 : NULL;
	}
	kb_buf_puts(&b, "");
	return kb_buf_take(&b);
}

/* 1 when the names of want (NULL-terminated) occur in names in that order. */
static int
in_order(const char *names, const char *const *want)
{
	const char *at = names;

	for (int i = 0; want[i] != NULL; i++) {
		char *w = kb_asprintf(" %s ", want[i]);
		const char *hit = strstr(at, w);
		free(w);
		if (hit == NULL)
			return 0;
		at = hit + strlen(want[i]) + 1;
	}
	return 1;
}

/* The text of the first element named name in pdfinfo -struct-text's output (caller frees). */
static char *
struct_text(const char *st, const char *name)
{
	char *key = kb_asprintf("\n  %s (block)\n", name);
	const char *p = strstr(st, key), *q;
	char *t;

	ck_assert_msg(p != NULL, "no %s in the structure", name);
	p = strchr(p + strlen(key), '"') + 1;
	q = strchr(p, '"');
	t = kb_strndup(p, (size_t)(q - p));
	free(key);
	return t;
}

/* The text of the <title> of a --dump=tree output: its text lines joined (caller frees). */
static char *
tree_title(const char *tree)
{
	const char *p = strstr(tree, "\n  title");
	kb_buf b = {0};

	ck_assert_msg(p != NULL, "no title in the tree");
	p = strchr(p + 1, '\n') + 1;
	while (strncmp(p, "    ", 4) == 0) {
		const char *e = strchr(p, '\n');
		const char *q = strchr(p, '"');
		if (q != NULL && q < e)
			kb_buf_put(&b, q + 1, (size_t)(e - q - 2));
		p = e + 1;
	}
	kb_buf_puts(&b, "");
	return kb_buf_take(&b);
}

/*
 * The checks every tagged PDF passes: pdfinfo says Tagged, the catalog
 * (qpdf) has /MarkInfo << /Marked true >>, a /StructTreeRoot and /Lang
 * (ja-JP), the
 * tree's elements come in the order of want under one Document, and its
 * H1 is the title of tree (a --dump=tree output). Returns the
 * -struct-text output (caller frees).
 */
static char *
check_tagged(const char *pdf, const char *const *want, const char *tree)
{
	char *out, *names, *h1, *title, *a, *b;
	int root;

	ck_assert_int_eq(tu_run(&out, "pdfinfo '%s'", pdf), 0);
	ck_assert_msg(tu_has(out, "Tagged:          yes"), "%s is not tagged:\n%s", pdf, out);
	free(out);
	ck_assert_int_eq(tu_run(&out, "qpdf --show-object=trailer '%s'", pdf), 0);
	ck_assert_msg(strstr(out, "/Root ") != NULL, "no /Root: %s", out);
	root = atoi(strstr(out, "/Root ") + 6);
	free(out);
	ck_assert_int_eq(tu_run(&out, "qpdf --show-object=%d '%s'", root, pdf), 0);
	ck_assert_msg(tu_has(out, "/MarkInfo << /Marked true >>"), "catalog: %s", out);
	ck_assert_msg(tu_has(out, "/StructTreeRoot "), "catalog: %s", out);
	ck_assert_msg(tu_has(out, "/Lang (ja-JP)"), "catalog: %s", out);
	free(out);
	ck_assert_int_eq(tu_run(&out, "pdfinfo -struct-text '%s'", pdf), 0);
	names = struct_names(out);
	ck_assert_msg(strncmp(names, " Document ", 10) == 0, "%s: the root is not Document: %.200s",
	              pdf, names);
	ck_assert_msg(strstr(names + 1, " Document") == NULL, "%s: two Documents", pdf);
	ck_assert_msg(in_order(names, want), "%s: structure out of order:%.1500s", pdf, names);
	h1 = struct_text(out, "H1");
	title = tree_title(tree);
	a = squeeze(h1), b = squeeze(title);
	ck_assert_msg(strcmp(a, b) == 0, "%s: H1 \"%s\" is not the title \"%s\"", pdf, a, b);
	free(a), free(b), free(h1), free(title), free(names);
	return out;
}

/* The first file matching the shell pattern glob (caller frees). */
static char *
first(const char *glob)
{
	char *out;

	ck_assert_int_eq(tu_run(&out, "ls %s | head -1", glob), 0);
	out[strcspn(out, "\n")] = '\0';
	ck_assert_msg(*out != '\0', "nothing matches %s", glob);
	return out;
}

/* The tree dump of the record whose documents are in dir/ID/ (pdf is one of them). */
static char *
tree_of(const char *pdf, const char *dir)
{
	char *id = kb_strdup(pdf + strlen(dir) + 1), *out;

	id[strcspn(id, "/")] = '\0';
	ck_assert_int_eq(
	    tu_run(&out,
	           "%s build --dump=tree --only %s -o %s/t --register %s/t.db %s/input "
	           "2>/dev/null",
	           KOBUN, id, dir, dir, SRCDIR),
	    0);
	free(id);
	return out;
}

/*
 * The sample month and the busy monthly report: a nomination notice
 * (letterhead, title, 記書き as a list, contact), an authority report
 * (its form as a table of TH and TD) and the monthly report (headings,
 * tables, charts as figures) carry their structure; two runs write the
 * same bytes.
 */
START_TEST(test_tagged_documents)
{
	static const char *const notice[] = {"P",   "P",     "H1", "P", "P",   "L", "LI",
	                                     "Lbl", "LBody", "LI", "P", "Div", "P", NULL};
	static const char *const report[] = {"P", "H1", "P", "Table", "TR", "TH", "TD", "TR", NULL};
	static const char *const monthly[] = {"H1", "H2", "H3", "Table",  "TR", "TH",
	                                      "TR", "TD", "H2", "Figure", NULL};
	char *a = tu_tmpdir(), *b = tu_tmpdir(), *out, *pdf, *tree, *st;
	char *o = kb_asprintf("%s/o", a), *g1 = kb_asprintf("%s/*/nomination-notice.pdf", o),
	     *g2 = kb_asprintf("%s/*/incident-report-authority-*.pdf", o);
	const char *busy = SRCDIR "/tests/data/monthly/busy.xml";

	for (int k = 0; k < 2; k++) {
		const char *d = k ? b : a;
		ck_assert_int_eq(tu_run(&out, "%s build -o %s/o --register %s/r.db %s/input", KOBUN,
		                        d, d, SRCDIR),
		                 0);
		free(out);
		ck_assert_int_eq(
		    tu_run(
		        &out,
		        "%s monthly 2026-10 -o %s/o --register %s/m.db --new-register --org %s %s",
		        KOBUN, d, d, ORG, busy),
		    0);
		free(out);
	}
	pdf = first(g1);
	tree = tree_of(pdf, o);
	free(check_tagged(pdf, notice, tree));
	free(tree), free(pdf);

	pdf = first(g2);
	tree = tree_of(pdf, o);
	free(check_tagged(pdf, report, tree));
	free(tree), free(pdf);

	pdf = kb_asprintf("%s/o/monthly/2026-10.pdf", a);
	ck_assert_int_eq(
	    tu_run(&tree,
	           "%s monthly 2026-10 --dump=tree -o %s/t --register %s/t.db --org %s "
	           "%s 2>/dev/null",
	           KOBUN, a, a, ORG, busy),
	    0);
	st = check_tagged(pdf, monthly, tree);
	/* The charts are Figures holding their labels and captions. */
	ck_assert_msg(tu_has(st, "  Figure\n"), "no Figure");
	free(st), free(tree), free(pdf);

	/* Byte-identical across two runs. */
	ck_assert_msg(tu_run(&out,
	                     "cd %s/o && for f in */*.pdf; do cmp \"$f\" %s/o/\"$f\" || exit 1; "
	                     "done",
	                     a, b) == 0,
	              "two runs differ:\n%s", out);
	free(out);
	tu_rmrf(a), tu_rmrf(b);
	free(a), free(b), free(o), free(g1), free(g2);
}
END_TEST

/*
 * Page furniture (running head, page numbers, 取扱注意, the watermark)
 * and a table's header repeated on later pages stay out of the
 * structure though they are drawn; a paragraph that runs over a page
 * break is one P (its parts are Spans); the markers are in --dump=dl.
 */
START_TEST(test_furniture_untagged)
{
	char *dir = tu_tmpdir(), *doc = kb_asprintf("%s/doc.xml", dir), *out, *st, *names;
	kb_buf x = {0};
	FILE *fp;
	int trs = 0;

	kb_buf_puts(&x, "<document><page/><header>RUNNINGHEAD</header>"
	                "<footer><page-number/> / <page-count/></footer>"
	                "<mark>取扱注意</mark><watermark>案</watermark>");
	for (int i = 0; i < 30; i++)
		kb_buf_printf(&x, "<p>第%d段落の本文です。</p>", i + 1);
	kb_buf_puts(&x, "<p>");
	for (int i = 0; i < 120; i++)
		kb_buf_puts(&x, "長い段落の文章。");
	kb_buf_puts(&x, "</p><table><col width=\"1*\"/><col width=\"1*\"/>"
	                "<thead><tr><th>見出し</th><th>値</th></tr></thead><tbody>");
	for (int i = 0; i < 40; i++)
		kb_buf_printf(&x, "<tr><td>行%d</td><td>値%d</td></tr>", i, i);
	kb_buf_puts(&x, "</tbody></table></document>");
	fp = fopen(doc, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(x.data, fp);
	fclose(fp);
	ck_assert_int_eq(tu_run(&out, "%s render -o %s/doc.pdf %s", KOBUN, dir, doc), 0);
	free(out);
	/* Drawn: pdftotext sees them. */
	ck_assert_int_eq(tu_run(&out, "pdftotext %s/doc.pdf -", dir), 0);
	ck_assert_msg(tu_has(out, "RUNNINGHEAD") && tu_has(out, "取扱注意") && tu_has(out, "1/3") &&
	                  tu_has(out, "案"),
	              "furniture not drawn:\n%s", out);
	free(out);
	ck_assert_int_eq(tu_run(&st, "pdfinfo -struct-text %s/doc.pdf", dir), 0);
	ck_assert_msg(!tu_has(st, "RUNNINGHEAD") && !tu_has(st, "取扱注意") && !tu_has(st, "/3") &&
	                  !tu_has(st, "案"),
	              "furniture in the structure:\n%.3000s", st);
	names = struct_names(st);
	for (const char *p = names; (p = strstr(p, " TR ")) != NULL; p++)
		trs++;
	/* One header row and 40 body rows: the header repeated on pages 2 and 3 is not structure.
	 */
	ck_assert_int_eq(trs, 41);
	ck_assert_msg(tu_has(names, " P Span Span Table "), "split paragraph: %.2000s", names);
	free(names), free(st);
	/* The display list shows the markers. */
	ck_assert_int_eq(tu_run(&out, "%s render --dump=dl %s", KOBUN, doc), 0);
	ck_assert_msg(tu_has(out, "\n  tag Artifact\n") &&
	                  tu_has(out, "\n  tag Table\n  tag TR\n") && tu_has(out, "\n  tag TH\n") &&
	                  tu_has(out, "\n  end TD\n"),
	              "markers missing from --dump=dl");
	free(out);
	kb_buf_free(&x);
	free(doc);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

Suite *
tagged_suite(void)
{
	Suite *s = suite_create("tagged");
	TCase *tc = tcase_create("pdf");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_tagged_documents);
	tcase_add_test(tc, test_furniture_untagged);
	suite_add_tcase(s, tc);
	return s;
}
