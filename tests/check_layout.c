/* check_layout.c — the layout stage on hand-written document trees, asserted on the display list.
 */
#include <check.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dl.h"
#include "fonts.h"
#include "layout.h"
#include "suites.h"
#include "testutil.h"
#include "tree.h"
#include "util.h"

#define MM(v) ((v)*72.0 / 25.4)

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
	struct kb_node *tree;
	struct kb_dl *dl = NULL;

	ck_assert_ptr_nonnull(doc);
	tree = kb_tree_from_xml(doc, "test.xml");
	if (tree != NULL)
		dl = kb_layout_run(lo, tree);
	kb_tree_free(tree);
	xmlFreeDoc(doc);
	return dl;
}

/* The first glyph run of page p (structure markers come before it); fails without one. */
static const struct kb_dl_item *
first_run(const struct kb_dl *dl, size_t p)
{
	for (size_t i = 0; i < dl->pages[p].nitems; i++)
		if (dl->pages[p].items[i].kind == KB_DL_GLYPHS)
			return &dl->pages[p].items[i];
	ck_abort_msg("page %zu has no glyph run", p + 1);
	return NULL;
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
				if (out[k].page == p &&
				    fabs(out[k].y - it->u.run.glyphs[0].y) < 0.01)
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
	char *xml = kb_asprintf(
	    "<document><page/><p align=\"justify\" indent=\"1\">%s</p></document>", body);
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
		ck_assert_msg(strncmp(l[i].text.data, "、", 3) != 0, "line %d starts with 、",
		              i + 1);
		ck_assert_msg(strncmp(l[i].text.data, "。", 3) != 0, "line %d starts with 。",
		              i + 1);
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

/* Whether the UTF-8 at s starts with a full-width opening bracket. */
static int
opener(const char *s)
{
	static const char *const open[] = {"「", "（", "『", "【", "〔", "［", "｛", "〈", "《"};

	for (size_t i = 0; i < sizeof(open) / sizeof(open[0]); i++)
		if (strncmp(s, open[i], strlen(open[i])) == 0)
			return 1;
	return 0;
}

/* Every glyph and rule of every page lies inside the text area (A4, 30/20/30/25 mm). */
static void
assert_inside(const struct kb_dl *dl)
{
	double l = MM(30) - 0.5, r = MM(210 - 20) + 0.5, t = MM(30) - 0.5, b = MM(297 - 25) + 0.5;

	for (size_t p = 0; p < dl->npages; p++)
		for (size_t i = 0; i < dl->pages[p].nitems; i++) {
			const struct kb_dl_item *it = &dl->pages[p].items[i];
			if (it->kind == KB_DL_GLYPHS) {
				size_t off = 0;
				int c = 0,
				    left = it->u.run.nclusters ? it->u.run.clusters[0].nglyphs : 0;
				for (int g = 0; g < it->u.run.nglyphs; g++) {
					const struct kb_dl_glyph *gl = &it->u.run.glyphs[g];
					/* An opening bracket set flush at a line start has its
					 * blank half in the margin, its ink inside. */
					double lo;
					while (left == 0 && c + 1 < it->u.run.nclusters) {
						off += (size_t)it->u.run.clusters[c++].nbytes;
						left = it->u.run.clusters[c].nglyphs;
					}
					left--;
					lo = opener(it->u.run.text + off) ? l - it->u.run.size * 0.5
					                                  : l;
					ck_assert_msg(gl->x >= lo &&
					                  gl->x + it->u.run.size * 0.5 <= r &&
					                  gl->y >= t && gl->y <= b,
					              "page %zu: glyph of \"%.*s\" at %.1f,%.1f "
					              "outside the margins",
					              p + 1, (int)it->u.run.textlen, it->u.run.text,
					              gl->x, gl->y);
				}
			} else if (it->kind == KB_DL_RECT) {
				ck_assert_msg(
				    it->u.rect.x >= l && it->u.rect.x + it->u.rect.w <= r &&
				        it->u.rect.y >= t && it->u.rect.y + it->u.rect.h <= b,
				    "page %zu: box %.1f,%.1f %.1fx%.1f outside the margins", p + 1,
				    it->u.rect.x, it->u.rect.y, it->u.rect.w, it->u.rect.h);
			}
		}
}

/* All the text of a page, in display-list order. */
static char *
page_text(const struct kb_dl *dl, size_t p)
{
	kb_buf b = {0};

	for (size_t i = 0; i < dl->pages[p].nitems; i++) {
		const struct kb_dl_item *it = &dl->pages[p].items[i];
		if (it->kind == KB_DL_GLYPHS)
			kb_buf_put(&b, it->u.run.text, it->u.run.textlen);
	}
	return kb_buf_take(&b);
}

/*
 * The stress document: a paragraph of 5,000 characters, then a 400-row
 * table with long cells, long unbroken Latin strings and empty cells. It
 * paginates with the header on every page, loses and repeats no row, and
 * draws nothing outside the margins.
 */
START_TEST(test_stress_document)
{
	kb_buf xml = {0}, para = {0};
	struct kb_dl *dl;
	int table_from = -1;

	for (int i = 0; para.len < 5000 * 3; i++)
		kb_buf_puts(&para, "情報セキュリティ対策の徹底について、各課等の情報管理者は「基準"
		                   "」に従い点検し、その結果を報告するものとする。");
	kb_buf_puts(&xml, "<document><page/>");
	kb_buf_printf(&xml, "<p align=\"justify\" indent=\"1\">%s</p>", para.data);
	kb_buf_puts(&xml, "<table><col width=\"22mm\"/><col width=\"1*\"/><col width=\"2*\"/>"
	                  "<thead><tr><th>番号</th><th>項目</th><th>内容</th></tr></thead><tbody>");
	for (int i = 0; i < 400; i++) {
		kb_buf_printf(&xml, "<tr><td>R%04d</td><td>", i);
		if (i % 7 != 0)
			kb_buf_printf(&xml, "点検項目%d", i);
		kb_buf_puts(&xml, "</td><td>");
		if (i % 5 == 0)
			kb_buf_puts(&xml,
			            "https://www.example.lg.jp/johoseisaku/security/guideline/"
			            "AVeryLongUnbrokenIdentifierWithoutAnySpacesAtAll0123456789");
		else if (i % 5 != 3)
			kb_buf_puts(
			    &xml, "委託先を含む関係者に対し、情報資産の取扱いに関する手順を周知し、"
			          "その遵守状況を四半期ごとに確認する。");
		kb_buf_puts(&xml, "</td></tr>");
	}
	kb_buf_puts(&xml, "</tbody></table></document>");
	dl = lay(xml.data);
	ck_assert_ptr_nonnull(dl);
	ck_assert_msg(dl->npages >= 20, "only %zu pages", dl->npages);
	assert_inside(dl);
	for (size_t p = 0; p < dl->npages; p++) {
		char *t = page_text(dl, p);
		if (table_from < 0 && strstr(t, "R0000") != NULL)
			table_from = (int)p;
		/* From the table's first page on, every page starts with its header row. */
		if (table_from >= 0)
			ck_assert_msg(
			    strstr(t, "番号項目内容") == t ||
			        (p == (size_t)table_from && strstr(t, "番号項目内容") != NULL),
			    "page %zu does not start with the table header", p + 1);
		free(t);
	}
	ck_assert_int_ge(table_from, 0);
	/* Every row appears exactly once, in order. */
	{
		kb_buf all = {0};
		const char *at;
		for (size_t p = 0; p < dl->npages; p++) {
			char *t = page_text(dl, p);
			kb_buf_puts(&all, t);
			free(t);
		}
		at = all.data;
		for (int i = 0; i < 400; i++) {
			char key[16];
			snprintf(key, sizeof(key), "R%04d", i);
			at = strstr(at, key);
			ck_assert_msg(at != NULL, "row %s lost or out of order", key);
			ck_assert_msg(strstr(at + 5, key) == NULL, "row %s repeated", key);
		}
		/* The 5,000-character paragraph arrives whole. */
		ck_assert_msg(strstr(all.data, para.data) != NULL, "the long paragraph lost text");
		kb_buf_free(&all);
	}
	kb_dl_free(dl);
	kb_buf_free(&xml);
	kb_buf_free(&para);
}
END_TEST

/* Lists in the official numbering styles, nested, with hanging indent. */
START_TEST(test_lists)
{
	struct kb_dl *dl =
	    lay("<document><page/><list style=\"paren\"><li>一つ目</li>"
	        "<li>二つ目<list style=\"katakana\"><li>細目</li><li>次の細目</li></list></li>"
	        "</list><list style=\"circled\" start=\"3\"><li>丸数字</li></list></document>");
	struct vline l[16];
	int n;

	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 16);
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(l[0].text.data, "(1)一つ目");
	ck_assert_str_eq(l[1].text.data, "(2)二つ目");
	ck_assert_str_eq(l[2].text.data, "ア細目");
	ck_assert_str_eq(l[3].text.data, "イ次の細目");
	ck_assert_str_eq(l[4].text.data, "③丸数字");
	/* The nested list starts under its item's text, to the right of the label. */
	ck_assert_double_gt(l[2].x0, l[1].x0 + 10);
	free_lines(l, n);
	kb_dl_free(dl);
}
END_TEST

/* Header and footer with page numbers, the classification mark and the watermark on every page. */
START_TEST(test_page_furniture)
{
	kb_buf xml = {0};
	struct kb_dl *dl;

	kb_buf_puts(
	    &xml,
	    "<document><page/><footer align=\"center\"><page-number/> / <page-count/></footer>"
	    "<mark>取扱注意</mark><watermark>案</watermark>");
	for (int i = 0; i < 60; i++)
		kb_buf_printf(&xml, "<p>第%d段落</p>", i + 1);
	kb_buf_puts(&xml, "</document>");
	dl = lay(xml.data);
	ck_assert_ptr_nonnull(dl);
	ck_assert_int_eq((int)dl->npages, 2);
	for (size_t p = 0; p < dl->npages; p++) {
		char *t = page_text(dl, p), want[48];
		snprintf(want, sizeof(want), "%zu / 2", p + 1);
		ck_assert_msg(strstr(t, want) != NULL, "page %zu lacks '%s'", p + 1, want);
		ck_assert_msg(strstr(t, "取扱注意") != NULL, "page %zu lacks the mark", p + 1);
		/* The watermark is drawn first, light and turned. */
		ck_assert_msg(first_run(dl, p)->u.run.gray > 0.5 &&
		                  first_run(dl, p)->u.run.angle != 0,
		              "watermark not light and diagonal");
		free(t);
	}
	kb_dl_free(dl);
	kb_buf_free(&xml);
}
END_TEST

/* 縦書き: columns from right to left, top to bottom, vertical forms and upright glyphs. */
START_TEST(test_vertical)
{
	struct kb_dl *dl =
	    lay("<document><page writing=\"vertical\"/>"
	        "<column>任期は「令和九年」まで、</column><column>ー</column></document>");
	double lastx = 1e9;
	int runs = 0;
	uint32_t bracket_h = 0, bracket_v = 0;

	ck_assert_ptr_nonnull(dl);
	for (size_t i = 0; i < dl->pages[0].nitems; i++) {
		const struct kb_dl_item *it = &dl->pages[0].items[i];
		if (it->kind != KB_DL_GLYPHS)
			continue;
		runs++;
		ck_assert(it->u.run.flags & KB_DL_VERTICAL);
		/* Within a column glyphs go down; x stays put. */
		for (int g = 1; g < it->u.run.nglyphs; g++) {
			ck_assert_double_gt(it->u.run.glyphs[g].y, it->u.run.glyphs[g - 1].y);
			ck_assert_double_eq_tol(it->u.run.glyphs[g].x, it->u.run.glyphs[0].x, 0.01);
		}
		if (strncmp(it->u.run.text, "「", 3) == 0)
			bracket_v = it->u.run.glyphs[0].id;
		/* Columns advance right to left. */
		ck_assert_double_le(it->u.run.glyphs[0].x, lastx + 0.01);
		lastx = it->u.run.glyphs[0].x;
	}
	ck_assert_int_ge(runs, 2);
	/* 「 takes its vertical form: a different glyph from the horizontal one. */
	{
		struct kb_dl *h = lay("<document><page/><p>「</p></document>");
		bracket_h = first_run(h, 0)->u.run.glyphs[0].id;
		kb_dl_free(h);
	}
	ck_assert_uint_ne(bracket_v, 0);
	ck_assert_uint_ne(bracket_h, bracket_v);
	kb_dl_free(dl);
}
END_TEST

/* The nth glyph showing ch on page p, or NULL. */
static const struct kb_dl_glyph *
glyph_at(const struct kb_dl *dl, size_t p, const char *ch, int nth)
{
	for (size_t i = 0; i < dl->pages[p].nitems; i++) {
		const struct kb_dl_item *it = &dl->pages[p].items[i];
		size_t off = 0;
		int g = 0;
		if (it->kind != KB_DL_GLYPHS)
			continue;
		for (int c = 0; c < it->u.run.nclusters; c++) {
			if (strncmp(it->u.run.text + off, ch, strlen(ch)) == 0 && nth-- == 0)
				return &it->u.run.glyphs[g];
			off += (size_t)it->u.run.clusters[c].nbytes;
			g += it->u.run.clusters[c].nglyphs;
		}
	}
	return NULL;
}

/* The pen x of the nth glyph showing ch on the first page; -1 if none. */
static double
glyph_x(const struct kb_dl *dl, const char *ch, int nth)
{
	const struct kb_dl_glyph *g = glyph_at(dl, 0, ch, nth);

	return g != NULL ? g->x : -1;
}

/*
 * JLReq 3.1.4: in 」。 and ）、 the closing bracket loses its trailing half
 * em, so the next mark starts half an em (5.25 pt at 10.5 pt) after it; a
 * lone 」 before a kanji keeps its full em.
 */
START_TEST(test_punctuation_pairs)
{
	struct kb_dl *dl = lay("<document><page/><p>「案」。（注）、次」の語</p></document>");
	double q = glyph_x(dl, "」", 0), ku = glyph_x(dl, "。", 0);
	double cp = glyph_x(dl, "）", 0), te = glyph_x(dl, "、", 0);
	double q2 = glyph_x(dl, "」", 1), no = glyph_x(dl, "の", 0);

	ck_assert_double_eq_tol(ku - q, 5.25, 0.2);
	ck_assert_double_eq_tol(te - cp, 5.25, 0.2);
	ck_assert_double_eq_tol(no - q2, 10.5, 0.2);
	kb_dl_free(dl);
}
END_TEST

/*
 * Issue 12: <p indent="0" hanging="1"> sets its first line on the full
 * measure (40字 at a 40字 measure) at the left margin and the later lines
 * 1字 in (39字); with indent="1" the first line stands 1字 in and the later
 * ones 2字. The old layout shifted the whole paragraph by `hanging`.
 */
START_TEST(test_hanging_issue12)
{
	/* 148.2 mm = 420.09 pt: room for exactly 40 characters of 10.5 pt. */
	static const char page[] = "<page margin-left=\"30\" margin-right=\"31.8\"/>";
	static const char text[] =
	    "情報化推進計画策定業務委託契約締結事務処理要領改正案審議会資料作成担当者会議開催"
	    "通知文書発送事務手続確認作業実施計画書提出期限延長申請書類審査基準制定準備作業"
	    "完了報告書提出";
	char *xml = kb_asprintf("<document>%s<p indent=\"0\" hanging=\"1\">%s</p>"
	                        "<p indent=\"1\" hanging=\"1\">%s</p></document>",
	                        page, text, text);
	struct kb_dl *dl = lay(xml);
	struct vline l[16];
	int n;

	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 16);
	ck_assert_int_eq(n, 6);
	ck_assert_double_eq_tol(l[0].x0, MM(30), 0.05);
	ck_assert_int_eq(g_utf8_strlen(l[0].text.data, -1), 40);
	ck_assert_double_eq_tol(l[1].x0, MM(30) + 10.5, 0.05);
	ck_assert_int_eq(g_utf8_strlen(l[1].text.data, -1), 39);
	ck_assert_double_eq_tol(l[2].x0, MM(30) + 10.5, 0.05);
	ck_assert_double_eq_tol(l[3].x0, MM(30) + 10.5, 0.05);
	ck_assert_int_eq(g_utf8_strlen(l[3].text.data, -1), 39);
	ck_assert_double_eq_tol(l[4].x0, MM(30) + 21, 0.05);
	ck_assert_int_eq(g_utf8_strlen(l[4].text.data, -1), 38);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
}
END_TEST

/* A page whose measure holds exactly 40 characters of 10.5 pt (148.2 mm = 420.09 pt). */
#define PAGE40 "<page margin-left=\"30\" margin-right=\"31.8\"/>"
#define RIGHT40 MM(210 - 31.8)

/* n copies of the UTF-8 character c; the caller frees them. */
static char *
rep(const char *c, int n)
{
	kb_buf b = {0};

	for (int i = 0; i < n; i++)
		kb_buf_puts(&b, c);
	return kb_buf_take(&b);
}

/*
 * Issue 12 (JLReq 3.1.5): an opening bracket at the start of a paragraph
 * or of a line is set flush: its ink, not its blank half, starts the
 * line, so its pen stands half an em left of the text column. Before,
 * （趣旨） stood half an em right of the column.
 */
START_TEST(test_bracket_flush_issue12)
{
	char *k40 = rep("字", 40);
	char *xml = kb_asprintf(
	    "<document>" PAGE40 "<p>（趣旨）第一条の本文。</p>"
	    "<p indent=\"1\">「引用」で始まる段落。</p><p>%s「括弧」が次の行頭に来る。</p>"
	    "</document>",
	    k40);
	struct kb_dl *dl = lay(xml);

	ck_assert_ptr_nonnull(dl);
	ck_assert_double_eq_tol(glyph_x(dl, "（", 0), MM(30) - 5.25, 0.05);
	ck_assert_double_eq_tol(glyph_x(dl, "趣", 0), MM(30) + 5.25, 0.05);
	ck_assert_double_eq_tol(glyph_x(dl, "「", 0), MM(30) + 10.5 - 5.25, 0.05);
	/* 40 字 fill the first line; 「 starts the second, flush. */
	ck_assert_double_eq_tol(glyph_x(dl, "「", 1), MM(30) - 5.25, 0.05);
	kb_dl_free(dl);
	free(xml);
	/* bracket-start="half" keeps the blank half at a paragraph start only. */
	xml = kb_asprintf("<document><page margin-left=\"30\" margin-right=\"31.8\" "
	                  "bracket-start=\"half\"/><p>（趣旨）第一条の本文。</p>"
	                  "<p>%s「括弧」が次の行頭に来る。</p></document>",
	                  k40);
	dl = lay(xml);
	ck_assert_ptr_nonnull(dl);
	ck_assert_double_eq_tol(glyph_x(dl, "（", 0), MM(30), 0.05);
	ck_assert_double_eq_tol(glyph_x(dl, "趣", 0), MM(30) + 10.5, 0.05);
	ck_assert_double_eq_tol(glyph_x(dl, "「", 0), MM(30) - 5.25, 0.05);
	kb_dl_free(dl);
	free(xml);
	free(k40);
}
END_TEST

/*
 * Issue 12 (JLReq 3.1.4, 3.1.6): a closing bracket or 、 before a 全角スペース
 * and at the end of a line loses its blank half. 「（1）　本文」 had 1.5字
 * between ） and 本; a justified line ending in 、 ended half an em short.
 */
START_TEST(test_bracket_space_issue12)
{
	char *k39 = rep("字", 39);
	char *xml =
	    kb_asprintf("<document>" PAGE40 "<p>（1）　本文、　次</p>"
	                "<p align=\"justify\">%s、続きの文がここから二行目に入る。</p></document>",
	                k39);
	struct kb_dl *dl = lay(xml);
	struct vline l[8];
	int n;

	ck_assert_ptr_nonnull(dl);
	/* ） 0.5字, then the 全角スペース 1字. */
	ck_assert_double_eq_tol(glyph_x(dl, "本", 0) - glyph_x(dl, "）", 0), 15.75, 0.05);
	ck_assert_double_eq_tol(glyph_x(dl, "次", 0) - glyph_x(dl, "、", 0), 15.75, 0.05);
	/* The justified line ends with the ink of 、 at the right edge of the measure. */
	n = lines_of(dl, l, 8);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(g_utf8_strlen(l[1].text.data, -1), 40);
	ck_assert_double_eq_tol(glyph_x(dl, "、", 1), RIGHT40 - 5.25, 0.05);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
	free(k39);
}
END_TEST

/*
 * Issue 12 (JLReq 3.8, 追い込み before 追い出し): a line of 40 units whose
 * 41st is 。 (which may not start a line) keeps 。 by squeezing the blank
 * halves of its two 、 (a quarter em each here), instead of pushing its
 * last character to the next line.
 */
START_TEST(test_oikomi_issue12)
{
	char *a = rep("あ", 10), *b = rep("い", 10), *c = rep("う", 18);
	char *xml = kb_asprintf("<document>" PAGE40 "<p align=\"justify\">%s、%s、%s。次の行</p>"
	                        "</document>",
	                        a, b, c);
	struct kb_dl *dl = lay(xml);
	struct vline l[8];
	int n;

	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(g_utf8_strlen(l[0].text.data, -1), 41);
	ck_assert_str_eq(l[1].text.data, "次の行");
	/* Each 、 gave up a quarter em: the next character follows 0.75字 after it. */
	ck_assert_double_eq_tol(glyph_x(dl, "い", 0) - glyph_x(dl, "、", 0), 7.875, 0.05);
	ck_assert_double_eq_tol(glyph_x(dl, "う", 0) - glyph_x(dl, "、", 1), 7.875, 0.05);
	/* 。 ends the line with its ink at the right edge. */
	ck_assert_double_eq_tol(glyph_x(dl, "。", 0), RIGHT40 - 5.25, 0.05);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
	free(a), free(b), free(c);
}
END_TEST

/*
 * Issue 12: no paragraph ends with a line of one character and
 * punctuation (「う。」) when the line above can give it one more: 41 字
 * and 。 at a 40字 measure set as 39 + 「字字。」, the first line spread to
 * the full measure. Before: 40 + 「字。」.
 */
START_TEST(test_widow_issue12)
{
	char *k41 = rep("字", 41);
	char *xml =
	    kb_asprintf("<document>" PAGE40 "<p align=\"justify\">%s。</p></document>", k41);
	struct kb_dl *dl = lay(xml);
	struct vline l[8];
	int n;

	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 8);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(g_utf8_strlen(l[0].text.data, -1), 39);
	ck_assert_str_eq(l[1].text.data, "字字。");
	ck_assert_double_eq_tol(glyph_x(dl, "字", 38), RIGHT40 - 10.5, 0.05);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
	free(k41);
}
END_TEST

/*
 * Issue 12 (3): breaks chosen for the whole paragraph (total fit). When the
 * natural break would leave 「す。」 alone, JIS X 4051 prefers squeezing the
 * blank halves of the brackets (追い込み) to pushing characters down
 * (追い出し): the sentence below fits one 43字 line once its brackets are
 * squeezed, where breaking line by line pushed 「です。」 to a line of its
 * own and stretched the line above. The squeezed line still ends flush.
 */
START_TEST(test_total_fit_issue12)
{
	static const char text[] = "提出先は「情報政策課情報政策係」。会場は本庁舎の大会議室（第一"
	                           "会場）、及び別館の研修室です。";
	char *xml = kb_asprintf(
	    "<document><page/><p align=\"justify\" indent=\"0\">%s</p></document>", text);
	struct kb_dl *dl = lay(xml);
	struct vline l[4];
	int n;

	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 4);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(l[0].text.data, text);
	/* 。 ends at the measure (its blank half dropped at the paragraph end): 160 mm from 30 mm.
	 */
	ck_assert_double_le(glyph_x(dl, "。", 1) + 5.25, MM(190) + 0.05);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
}
END_TEST

/*
 * Issue 12: justification adds space between Japanese characters only,
 * never inside a Latin word or a digit run with its separators: in a
 * justified line 「Interoperability」 and 「1,500.25」 keep their natural
 * letter spacing (as in the same text set ragged), while the kanji spread.
 */
START_TEST(test_justify_not_inside_words_issue12)
{
	static const char text[] = "相互運用性Interoperabilityを確保し、予算1,500.25千円の範囲で"
	                           "計画的に推進する。次の行に続く文章をここに置いて二行にする。";
	char *j = kb_asprintf("<document>" PAGE40 "<p align=\"justify\">%s</p></document>", text);
	char *r = kb_asprintf("<document>" PAGE40 "<p>%s</p></document>", text);
	struct kb_dl *dj = lay(j), *dr = lay(r);
	static const char *const marks[] = {"n", "t", "r", "y", ",", "5", ".", "2"};

	ck_assert_ptr_nonnull(dj);
	ck_assert_ptr_nonnull(dr);
	/* Offsets inside the words equal those of the ragged setting. */
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		const char *from = i < 4 ? "I" : "1";
		double a = glyph_x(dj, marks[i], 0) - glyph_x(dj, from, 0);
		double b = glyph_x(dr, marks[i], 0) - glyph_x(dr, from, 0);
		ck_assert_msg(fabs(a - b) < 0.01, "%s: %.2f justified, %.2f ragged", marks[i], a,
		              b);
	}
	/* The line is spread, between the kanji. */
	ck_assert_double_gt(glyph_x(dj, "計", 0) - glyph_x(dj, "円", 0) - 0.01,
	                    glyph_x(dr, "計", 0) - glyph_x(dr, "円", 0));
	kb_dl_free(dj);
	kb_dl_free(dr);
	free(j);
	free(r);
}
END_TEST

/*
 * Issue 12: <page latin-space="0.25"> puts a quarter em (和欧間) between
 * Japanese and Latin letters or digits, either way round, none inside a
 * Latin word nor at a line start; the default sets them solid.
 */
START_TEST(test_latin_space_issue12)
{
	static const char body[] = "<p>CIOは第1条の規定による。</p></document>";
	char *a = kb_asprintf("<document><page/>%s", body);
	char *b = kb_asprintf("<document><page latin-space=\"0.25\"/>%s", body);
	struct kb_dl *solid = lay(a), *spaced = lay(b);

	ck_assert_ptr_nonnull(solid);
	ck_assert_ptr_nonnull(spaced);
	ck_assert_double_eq_tol(glyph_x(spaced, "C", 0), glyph_x(solid, "C", 0), 0.01);
	ck_assert_double_eq_tol(glyph_x(spaced, "O", 0) - glyph_x(spaced, "C", 0),
	                        glyph_x(solid, "O", 0) - glyph_x(solid, "C", 0), 0.01);
	ck_assert_double_eq_tol(glyph_x(spaced, "は", 0) - glyph_x(solid, "は", 0), 2.625, 0.01);
	/* 第 | 1 | 条: two more quarters. */
	ck_assert_double_eq_tol(glyph_x(spaced, "1", 0) - glyph_x(solid, "1", 0), 2 * 2.625, 0.01);
	ck_assert_double_eq_tol(glyph_x(spaced, "条", 0) - glyph_x(solid, "条", 0), 3 * 2.625,
	                        0.01);
	kb_dl_free(solid);
	kb_dl_free(spaced);
	free(a);
	free(b);
}
END_TEST

/* The baseline of the nth glyph showing ch on page p; -1 if none. */
static double
glyph_y(const struct kb_dl *dl, size_t p, const char *ch, int nth)
{
	const struct kb_dl_glyph *g = glyph_at(dl, p, ch, nth);

	return g != NULL ? g->y : -1;
}

/*
 * Issue 12, tables: columns take the width their words need (CSS's
 * min-content) and names and short words are never broken inside a cell.
 * With the template's widths as they were, 「松井　裕/介」, 「重要/度」 and
 * 「住民基本台/帳システム」 broke; a name may break only at its space.
 */
START_TEST(test_table_words_issue12)
{
	struct kb_dl *dl =
	    lay("<document><page/><table font-size=\"9.975\">"
	        "<col width=\"18mm\"/><col width=\"10mm\"/><col width=\"24mm\"/>"
	        "<col width=\"1*\"/><col width=\"1*\"/>"
	        "<thead><tr><th>氏名</th><th>重要度</th><th>系統</th><th>概要</th><th>状況</th>"
	        "</tr></thead><tbody><tr><td>松井　裕介</td><td>高</td>"
	        "<td>住民基本台帳システム</td><td>委託先を含む関係者に対し、情報資産の取扱いに関す"
	        "る手順を周知し、その遵守状況を四半期ごとに確認する。委託先を含む関係者に対し、"
	        "情報資産の取扱いに関する手順を周知する。</td><td>封じ込め済み</td></tr>"
	        "</tbody></table></document>");

	ck_assert_ptr_nonnull(dl);
	ck_assert_double_eq_tol(glyph_y(dl, 0, "裕", 0), glyph_y(dl, 0, "介", 0), 0.01);
	ck_assert_double_eq_tol(glyph_y(dl, 0, "重", 0), glyph_y(dl, 0, "度", 0), 0.01);
	ck_assert_double_eq_tol(glyph_y(dl, 0, "住", 0), glyph_y(dl, 0, "ム", 0), 0.01);
	ck_assert_double_eq_tol(glyph_y(dl, 0, "封", 0), glyph_y(dl, 0, "済", 0), 0.01);
	/* The shared prose column still fills its lines: it wraps. */
	ck_assert_double_gt(glyph_y(dl, 0, "。", 1), glyph_y(dl, 0, "委", 0));
	assert_inside(dl);
	kb_dl_free(dl);
}
END_TEST

/*
 * Issue 12: a table of up to 8 body rows moves to the next page whole
 * rather than splitting 2 + 2 (it did when the page had room for two rows).
 */
START_TEST(test_table_kept_together_issue12)
{
	kb_buf xml = {0};
	struct kb_dl *dl;

	kb_buf_puts(&xml,
	            "<document><page/><space lines=\"30\"/><table><col width=\"1*\"/>"
	            "<col width=\"1*\"/><thead><tr><th>項目</th><th>内容</th></tr></thead><tbody>");
	for (int i = 0; i < 4; i++)
		kb_buf_printf(&xml, "<tr><td>行%d</td><td>一行目<br/>二行目</td></tr>", i + 1);
	kb_buf_puts(&xml, "</tbody></table></document>");
	dl = lay(xml.data);
	ck_assert_ptr_nonnull(dl);
	ck_assert_int_eq((int)dl->npages, 2);
	for (int i = 0; i < 4; i++) {
		char key[16];
		snprintf(key, sizeof(key), "行%d", i + 1);
		ck_assert_msg(glyph_y(dl, 0, key, 0) < 0 && glyph_y(dl, 1, key, 0) > 0,
		              "%s is not on page 2 with the rest", key);
	}
	kb_dl_free(dl);
	kb_buf_free(&xml);
}
END_TEST

/* Characters no line may start with (JLReq 3.1.7, very strict) and end with (3.1.8), written out
 * here. */
static const char *const no_start[] = {
    "、", "。", "，", "．", "・", "：", "；", "？", "！", "）", "」", "』", "】", "〕", "］", "｝",
    "〉", "》", "ー", "々", "ゝ", "ゞ", "ヽ", "ヾ", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ",
    "ょ", "ゎ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", "〜", "～"};
static const char *const no_end[] = {"（", "「", "『", "【", "〔", "［", "｛", "〈", "《"};
/* Sequences that must stay on one line (分離禁止). */
static const char *const whole[] = {"――", "……", "1,500", "12.5％", "100km", "Interoperability"};

static int
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int
ends(const char *s, const char *p)
{
	size_t n = strlen(s), m = strlen(p);
	return n >= m && strcmp(s + n - m, p) == 0;
}

/* tests/data/typeset: each file forces one rule at a line end; no line may break it. */
START_TEST(test_kinsoku_corpus)
{
	static const char *const files[] = {
	    "gyoto-kuten",      "gyoto-touten",      "gyoto-close-bracket", "gyoto-chouon",
	    "gyoto-small-kana", "gyoto-nakaguro",    "gyoto-question",      "gyoto-iteration",
	    "gyoto-wave-dash",  "gyoto-colon",       "gyoto-ellipsis",      "gyomatsu-open-bracket",
	    "bunri-dash",       "bunri-number-unit", "bunri-latin",         "punct-pair"};
	const char *name = files[_i];
	char *path = kb_asprintf(SRCDIR "/tests/data/typeset/%s.xml", name);
	char *xml = tu_read(path, NULL);
	struct kb_dl *dl;
	struct vline l[64];
	int n;

	ck_assert_msg(xml != NULL, "cannot read %s", path);
	dl = lay(xml);
	ck_assert_ptr_nonnull(dl);
	assert_inside(dl);
	n = lines_of(dl, l, 64);
	ck_assert_int_ge(n, 3);
	for (int i = 0; i < n; i++) {
		const char *t = l[i].text.data;
		for (size_t k = 0; k < sizeof(no_start) / sizeof(no_start[0]); k++)
			ck_assert_msg(!starts(t, no_start[k]), "%s: line %d starts with %s: %s",
			              name, i + 1, no_start[k], t);
		for (size_t k = 0; k < sizeof(no_end) / sizeof(no_end[0]); k++)
			ck_assert_msg(!ends(t, no_end[k]), "%s: line %d ends with %s: %s", name,
			              i + 1, no_end[k], t);
		if (i + 1 < n)
			for (size_t k = 0; k < sizeof(whole) / sizeof(whole[0]); k++) {
				/* A sequence split over the line end would appear in the joined
				 * pair only. */
				char *pair = kb_asprintf("%s%s", t, l[i + 1].text.data);
				const char *at = strstr(pair, whole[k]);
				size_t cut = strlen(t);
				ck_assert_msg(at == NULL ||
				                  (size_t)(at - pair) + strlen(whole[k]) <= cut ||
				                  (size_t)(at - pair) >= cut,
				              "%s: %s split between lines %d and %d", name,
				              whole[k], i + 1, i + 2);
				free(pair);
			}
	}
	/* punct-pair: with 」。 and ）、 at half width, 44 characters fit on the first line. */
	if (strcmp(name, "punct-pair") == 0)
		ck_assert_int_ge(g_utf8_strlen(l[0].text.data, -1), 44);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
	free(path);
}
END_TEST

/*
 * Issue 12: the regulation itself (Arts 1-17) at a 40字 measure keeps the
 * break positions of tests/golden/regulation.lines (`make golden` refreshes
 * them after a deliberate change), with no 禁則 violation in any line.
 */
START_TEST(test_regulation_breaks_issue12)
{
	char *xml = tu_read(SRCDIR "/tests/data/typeset/regulation.xml", NULL);
	char *golden = tu_read(SRCDIR "/tests/golden/regulation.lines", NULL), *g;
	struct kb_dl *dl;
	struct vline l[400];
	int n;

	ck_assert_ptr_nonnull(xml);
	ck_assert_ptr_nonnull(golden);
	dl = lay(xml);
	ck_assert_ptr_nonnull(dl);
	n = lines_of(dl, l, 400);
	g = golden;
	for (int i = 0; i < n; i++) {
		char *nl = strchr(g, '\n');
		ck_assert_msg(nl != NULL, "line %d \"%s\" is not in the golden file", i + 1,
		              l[i].text.data);
		*nl = '\0';
		ck_assert_msg(strcmp(g, l[i].text.data) == 0, "line %d: \"%s\", golden \"%s\"",
		              i + 1, l[i].text.data, g);
		for (size_t k = 0; k < sizeof(no_start) / sizeof(no_start[0]); k++)
			ck_assert_msg(!starts(g, no_start[k]), "line %d starts with %s", i + 1,
			              no_start[k]);
		for (size_t k = 0; k < sizeof(no_end) / sizeof(no_end[0]); k++)
			ck_assert_msg(!ends(g, no_end[k]), "line %d ends with %s", i + 1,
			              no_end[k]);
		g = nl + 1;
	}
	ck_assert_msg(*g == '\0', "the golden file has more lines than the %d laid out", n);
	free_lines(l, n);
	kb_dl_free(dl);
	free(xml);
	free(golden);
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
	tcase_add_test(tc, test_stress_document);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_page_furniture);
	tcase_add_test(tc, test_vertical);
	tcase_add_test(tc, test_punctuation_pairs);
	tcase_add_test(tc, test_hanging_issue12);
	tcase_add_test(tc, test_bracket_flush_issue12);
	tcase_add_test(tc, test_bracket_space_issue12);
	tcase_add_test(tc, test_oikomi_issue12);
	tcase_add_test(tc, test_widow_issue12);
	tcase_add_test(tc, test_total_fit_issue12);
	tcase_add_test(tc, test_table_words_issue12);
	tcase_add_test(tc, test_table_kept_together_issue12);
	tcase_add_test(tc, test_regulation_breaks_issue12);
	tcase_add_test(tc, test_justify_not_inside_words_issue12);
	tcase_add_test(tc, test_latin_space_issue12);
	tcase_add_loop_test(tc, test_kinsoku_corpus, 0, 16);
	suite_add_tcase(s, tc);
	return s;
}
