/* check_articles.c — the regulation as a profile: one table of citations, overridden by
 * organization.xml, and a second city (examples/azusano) that cites its own articles. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "articles.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define AZUSANO SRCDIR "/examples/azusano"

/* A date after November 2026, so that the example's month has ended. */
#define EPOCH "SOURCE_DATE_EPOCH=1797000000"

/*
 * Laws that are not the city's regulation: their articles are the same for
 * every city, so templates and C may cite them. A citation is allowed when
 * the text before it (markup and white space aside) ends with one of these.
 */
static const char *const laws[] = {
    "個人情報保護法",             /* 第68条第1項: reports to the PPC */
    "個人情報の保護に関する法律", /* the same, spelt out in the documents */
    "施行規則",                   /* 個人情報保護法施行規則第43条・第44条 */
    "番号法",                     /* 第29条の4第1項 */
};

/* The files that hold the table itself. */
static int
is_table(const char *dir, const char *name)
{
	return strcmp(dir, "generator") == 0 &&
	       (strcmp(name, "articles.c") == 0 || strcmp(name, "articles.h") == 0);
}

/* Length of the numeral (0-9, ０-９, 一…十) at s, or 0. */
static size_t
numeral(const char *s)
{
	static const char *const kanji[] = {"一", "二", "三", "四", "五",
	                                    "六", "七", "八", "九", "十"};
	if (*s >= '0' && *s <= '9')
		return 1;
	if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
		return 3;
	for (size_t k = 0; k < sizeof(kanji) / sizeof(kanji[0]); k++)
		if (strncmp(s, kanji[k], strlen(kanji[k])) == 0)
			return strlen(kanji[k]);
	return 0;
}

/* 1 when text[0..at) ends, markup and white space aside, with the name of a law. */
static int
after_law(const char *text, size_t at)
{
	size_t from = at > 240 ? at - 240 : 0, n = 0;
	char *b = kb_malloc(at - from + 1);

	/*
	 * Drop whole tags. Of a tag still open where the citation is (it is
	 * in an attribute value, or in a comment), keep the value's text
	 * before it.
	 */
	for (size_t i = from; i < at; i++) {
		if (text[i] == '<') {
			const char *gt = memchr(text + i, '>', at - i);
			size_t start = at;
			if (gt != NULL) {
				i = (size_t)(gt - text);
				continue;
			}
			for (size_t q = i; q < at; q++)
				if (text[q] == '"' || text[q] == '\'')
					start = q + 1;
			if (start == at && strncmp(text + i, "<!--", 4) == 0)
				start = i + 4;
			memcpy(b + n, text + start, at - start);
			n += at - start;
			break;
		}
		b[n++] = text[i];
	}
	while (n > 0 && strchr(" \t\n\"'", b[n - 1]) != NULL)
		n--;
	b[n] = '\0';
	for (size_t k = 0; k < sizeof(laws) / sizeof(laws[0]); k++) {
		size_t l = strlen(laws[k]);
		if (n >= l && strcmp(b + n - l, laws[k]) == 0) {
			free(b);
			return 1;
		}
	}
	free(b);
	return 0;
}

/* Appends to found each 第N条 of text that is not a law's: "FILE:LINE: 第N条". */
static void
scan(const char *path, const char *text, kb_buf *found)
{
	long line = 1;

	for (size_t i = 0; text[i] != '\0'; i++) {
		size_t j, k;
		if (text[i] == '\n')
			line++;
		if (strncmp(text + i, "第", strlen("第")) != 0)
			continue;
		j = i + strlen("第");
		while ((k = numeral(text + j)) > 0)
			j += k;
		if (j == i + strlen("第") || strncmp(text + j, "条", strlen("条")) != 0)
			continue;
		if (!after_law(text, i))
			kb_buf_printf(found, "%s:%ld: %.*s\n", path, line,
			              (int)(j + strlen("条") - i), text + i);
	}
}

/* Scans every .c, .h or .xsl file of dir (relative to the source tree). */
static void
scan_dir(const char *dir, kb_buf *found, int *files)
{
	char *full = kb_asprintf("%s/%s", SRCDIR, dir);
	DIR *d = opendir(full);
	struct dirent *e;

	ck_assert_msg(d != NULL, "cannot open %s", full);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *path, *text;
		if (!((n > 2 && (strcmp(e->d_name + n - 2, ".c") == 0 ||
		                 strcmp(e->d_name + n - 2, ".h") == 0)) ||
		      (n > 4 && strcmp(e->d_name + n - 4, ".xsl") == 0)) ||
		    is_table(dir, e->d_name))
			continue;
		path = kb_asprintf("%s/%s", full, e->d_name);
		text = tu_read(path, NULL);
		ck_assert_msg(text != NULL, "cannot read %s", path);
		scan(path + strlen(SRCDIR) + 1, text, found);
		(*files)++;
		free(text);
		free(path);
	}
	closedir(d);
	free(full);
}

/* No article number of the city's regulation is written outside the table (code or comment). */
START_TEST(test_no_article_outside_table)
{
	kb_buf found = {0};
	int files = 0;

	scan_dir("generator", &found, &files);
	scan_dir("templates", &found, &files);
	ck_assert_int_gt(files, 40);
	ck_assert_msg(found.len == 0,
	              "article numbers of the regulation outside generator/articles.c:\n%s",
	              found.data);
	kb_buf_free(&found);
}
END_TEST

/* The scanner itself: it finds what the test above forbids, and lets the laws through. */
START_TEST(test_scanner)
{
	kb_buf found = {0};

	scan("t", "規程第14条第4項の規定により", &found);
	scan("t", "<nobr>第１６条</nobr>", &found);
	scan("t", "/* 第十三条 */", &found);
	scan("t", "個人情報保護法第68条第1項、番号法第29条の4", &found);
	scan("t", "（個人情報保護法</xsl:text>\n<nobr><x select=\"'第68条第1項'\"/>", &found);
	scan("t", "第1報、第　　号", &found);
	ck_assert_str_eq(found.data, "t:1: 第14条\nt:1: 第１６条\nt:1: 第十三条\n");
	kb_buf_free(&found);
}
END_TEST

/* Every key of the table is documented, and a cite's article drops its paragraph. */
START_TEST(test_keys_documented)
{
	char *doc = tu_read(SRCDIR "/docs/input-format.md", NULL), *a;

	ck_assert_ptr_nonnull(doc);
	for (int k = KB_ART_NONE + 1; k < KB_ART__MAX; k++) {
		char *tag = kb_asprintf("`%s`", kb_art_key((enum kb_art)k));
		ck_assert_msg(tu_has(doc, tag), "docs/input-format.md does not list %s", tag);
		ck_assert_int_eq(kb_art_find(kb_art_key((enum kb_art)k)), k);
		free(tag);
	}
	ck_assert_int_eq(kb_art_find("dx-promotor"), KB_ART__MAX);
	free(doc);
	a = kb_art_article("第9条第2項");
	ck_assert_str_eq(a, "第9条");
	free(a);
	a = kb_art_article("第14条");
	ck_assert_str_eq(a, "第14条");
	free(a);
}
END_TEST

/* An unknown key is fatal and names the near miss and the keys; a repeated key too. */
START_TEST(test_unknown_key)
{
	char *dir = tu_tmpdir(), *out, *org;
	char *src = tu_read(SRCDIR "/tests/data/diag/org-article-key.org.xml", NULL);
	FILE *f;
	int rc;

	rc = tu_run(&out,
	            "%s check --org %s/tests/data/diag/org-article-key.org.xml "
	            "%s/tests/data/diag/org-article-key.org.xml",
	            KOBUN, SRCDIR, SRCDIR);
	ck_assert_int_eq(rc, 2);
	ck_assert_msg(tu_has(out, "[org-article-key]") && tu_has(out, "key=\"dx-reprot\"") &&
	                  tu_has(out, "did you mean \"dx-report\"") &&
	                  tu_has(out, "incident-report, doc-handling"),
	              "%s", out);
	free(out);
	/* The same key twice. */
	ck_assert_ptr_nonnull(src);
	org = kb_asprintf("%s/org.xml", dir);
	f = fopen(org, "w");
	ck_assert_ptr_nonnull(f);
	{
		const char *bad = "<article key=\"dx-reprot\" cite=\"第9条第2項\"/>";
		char *at = strstr(src, bad);
		ck_assert_ptr_nonnull(at);
		fprintf(f,
		        "%.*s<article key=\"dx-report\" cite=\"第9条第2項\"/>"
		        "<article key=\"dx-report\" cite=\"第9条第3項\"/>%s",
		        (int)(at - src), src, at + strlen(bad));
	}
	fclose(f);
	rc = tu_run(&out, "%s check --org %s %s", KOBUN, org, org);
	ck_assert_int_eq(rc, 2);
	ck_assert_msg(tu_has(out, "[org-article-key]") && tu_has(out, "given twice"), "%s", out);
	free(out);
	free(org);
	free(src);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* A rule's diagnostic cites the article as the organization's profile numbers it. */
START_TEST(test_diagnostic_cites_profile)
{
	char *dir = tu_tmpdir(), *out, *rec = kb_asprintf("%s/bad.xml", dir);
	FILE *f = fopen(rec, "w");
	int rc;

	ck_assert_ptr_nonnull(f);
	/* The CIO (p002) is no 情報管理者: a DX推進員 is nominated by the division's 課長. */
	fputs("<records version=\"1\"><nomination id=\"NOM-X-1\" date=\"2026-11-05\" "
	      "kind=\"dx-promoter\" nominator=\"p002\" nominee=\"p047\"/></records>",
	      f);
	fclose(f);
	rc = tu_run(&out, "%s check --org %s/organization.xml %s", KOBUN, AZUSANO, rec);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(tu_has(out, "[dx-nominator] 第9条第1項:"), "%s", out);
	ck_assert_msg(!tu_has(out, "第8条"), "%s", out);
	free(out);
	/* The same record under Kameoka's regulation cites Kameoka's article. */
	rc = tu_run(&out, "%s check --org %s/input/organization.xml %s", KOBUN, SRCDIR, rec);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(tu_has(out, "[dx-nominator] 第8条第2項:"), "%s", out);
	free(out);
	free(rec);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Text of every PDF under dir, joined (whitespace removed); *n counts them. */
static char *
all_text(const char *dir, int *n)
{
	char *list, *save = NULL;
	kb_buf b = {0};

	ck_assert_int_eq(tu_run(&list, "find '%s' -name '*.pdf' | sort", dir), 0);
	*n = 0;
	for (char *p = strtok_r(list, "\n", &save); p != NULL; p = strtok_r(NULL, "\n", &save)) {
		char *t = tu_pdf_text(p);
		ck_assert_msg(t != NULL, "no text in %s", p);
		kb_buf_printf(&b, "%s\n", t);
		free(t);
		(*n)++;
	}
	free(list);
	return b.data ? kb_buf_take(&b) : kb_strdup("");
}

/*
 * examples/azusano: a second invented city builds with no error, every
 * kind of document, and its documents cite its own regulation, articles,
 * names and codes, never Kameoka's.
 */
START_TEST(test_second_city)
{
	static const char *const kinds[] = {
	    "nomination-notice",    "nomination-report",   "appointment-letter",
	    "structure/",           "incident-report-cio", "incident-report-authority",
	    "ppc-report-sheet",     "press-release-draft", "system-plan-consultation",
	    "system-plan-decision", "monthly/2026-11.pdf"};
	/* Its profile: where its regulation differs from Kameoka's. */
	static const char *const cites[] = {
	    "梓野市情報化推進規程第12条第3項の規定により",      /* incident-report */
	    "梓野市情報化推進規程第9条第2項の規定により",       /* dx-report */
	    "第13条第3項において準用する同条第1項の規定により", /* system-plan-renewal */
	    "新規導入（第13条第1項）",                          /* system-plan */
	    "第14条の規定により",                               /* doc-handling */
	    "長野県知事",
	    "梓DX第",
	    "梓税第"};
	static const char *const never[] = {"亀岡",        "亀情政",      "亀税",
	                                    "京都府",      "第14条第4項", "第8条第3項",
	                                    "第16条第1項", "第16条第2項", "第15条"};
	char *dir = tu_tmpdir(), *out, *text, *files;
	int rc, n;

	rc = tu_run(&out, "cd '%s' && %s %s build -o out %s && %s %s monthly 2026-11 -o out %s",
	            dir, EPOCH, KOBUN, AZUSANO, EPOCH, KOBUN, AZUSANO);
	ck_assert_msg(rc == 0, "exit %d:\n%s", rc, out);
	ck_assert_msg(!tu_has(out, "error:") && !tu_has(out, "warning:"), "%s", out);
	free(out);
	ck_assert_int_eq(tu_run(&files, "cd '%s/out' && find . -name '*.pdf' | sort", dir), 0);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		ck_assert_msg(tu_has(files, kinds[k]), "no %s among:\n%s", kinds[k], files);
	free(files);
	out = kb_asprintf("%s/out", dir);
	text = all_text(out, &n);
	free(out);
	ck_assert_int_ge(n, 20);
	for (size_t k = 0; k < sizeof(cites) / sizeof(cites[0]); k++)
		ck_assert_msg(tu_has(text, cites[k]), "no 「%s」 in the documents", cites[k]);
	for (size_t k = 0; k < sizeof(never) / sizeof(never[0]); k++)
		ck_assert_msg(!tu_has(text, never[k]), "「%s」 in the documents of 梓野市",
		              never[k]);
	free(text);
	/* The roster names the articles of its regulation too. */
	rc = tu_run(&out, "%s roster --date 2026-11-30 %s", KOBUN, AZUSANO);
	ck_assert_msg(rc == 0, "%s", out);
	ck_assert_msg(tu_has(out, "推進体制（第2条〜第3条・第5条）") &&
	                  tu_has(out, "CSIRT（第12条）") && !tu_has(out, "第14条"),
	              "%s", out);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * docs/adopting.md walks a new city (山吹市) from organization.xml to issued documents: its files
 * are written out from the page and run, so the page cannot drift from what kobun does.
 */
static void
write_doc_files(const char *doc, const char *dir)
{
	static const char mark[] = "<!-- file: ";
	int n = 0;

	for (const char *p = strstr(doc, mark); p != NULL; p = strstr(p + 1, mark)) {
		const char *name = p + strlen(mark), *end = strstr(name, " -->");
		const char *body = strstr(name, "```xml\n"), *stop;
		char *fname, *path;
		FILE *f;
		ck_assert(end != NULL && body != NULL);
		body += strlen("```xml\n");
		stop = strstr(body, "```");
		ck_assert_ptr_nonnull(stop);
		fname = kb_strndup(name, (size_t)(end - name));
		path = kb_asprintf("%s/%s", dir, fname);
		f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fwrite(body, 1, (size_t)(stop - body), f);
		fclose(f);
		free(fname), free(path);
		n++;
	}
	ck_assert_int_eq(n, 3);
}

START_TEST(test_adopting_walkthrough)
{
	char *doc = tu_read(SRCDIR "/docs/adopting.md", NULL);
	char *dir = tu_tmpdir(), *city = kb_asprintf("%s/city", dir), *out = NULL, *t, *pdf;
	const char *q, *qe;
	char *quoted;

	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(tu_run(NULL, "mkdir -p '%s'", city), 0);
	write_doc_files(doc, city);
	ck_assert_int_eq(tu_run(&out, "%s check '%s/city'", KOBUN, dir), 0);
	ck_assert_msg(!tu_has(out, "warning") && !tu_has(out, "error"), "%s", out);
	free(out);
	ck_assert_int_eq(tu_run(&out, "%s roster '%s/city'", KOBUN, dir), 0);
	ck_assert_msg(tu_has(out, "山吹市情報化推進要綱") && tu_has(out, "第7条第1項"), "%.400s",
	              out);
	free(out);
	/* The error the page quotes for a typo is the one kobun prints. */
	q = strstr(doc, "\norganization.xml:");
	ck_assert_ptr_nonnull(q);
	qe = strchr(q + 1, '\n');
	quoted = kb_strndup(q + 1, (size_t)(qe - q - 1));
	tu_run(&out,
	       "mkdir '%s/typo' && cp '%s/city/2027-04.xml' '%s/typo/' && sed "
	       "'s/rank=\"division-head\" title=\"課長\" unit=\"zeimu\"/rank=\"division-haed\" "
	       "title=\"課長\" unit=\"zeimu\"/' '%s/city/organization.xml' > "
	       "'%s/typo/organization.xml'"
	       " && cd '%s/typo' && %s check organization.xml",
	       dir, dir, dir, dir, dir, dir, KOBUN);
	ck_assert_msg(tu_has(out, quoted), "the page quotes\n%s\nkobun prints\n%s", quoted, out);
	free(out), free(quoted);
	/* Issued: the report cites the city's own article; the prefecture's report leaves out the
	 * CIO-only detail. */
	ck_assert_int_eq(tu_run(&out, "%s build -q -o '%s/out' '%s/city'", KOBUN, dir, dir), 0);
	free(out);
	pdf = kb_asprintf("%s/out/NOM-2027-0001/nomination-report.pdf", dir);
	t = tu_pdf_text(pdf);
	ck_assert_msg(t != NULL && tu_has(t, "山吹市情報化推進要綱第7条第2項の規定により"), "%s",
	              t ? t : "(no text)");
	free(t), free(pdf);
	pdf = kb_asprintf("%s/out/INC-2027-0001/incident-report-authority-iwate-r1.pdf", dir);
	t = tu_pdf_text(pdf);
	ck_assert_msg(t != NULL && tu_has(t, "岩手県知事") && tu_has(t, "第10条第2項") &&
	                  !tu_has(t, "受取人の氏名"),
	              "%s", t ? t : "(no text)");
	free(t), free(pdf);
	ck_assert_int_eq(tu_run(&out, "%s register list '%s'", KOBUN, city), 0);
	ck_assert_msg(tu_has(out, "山総第2号") && tu_has(out, "山デ第2号"), "%s", out);
	free(out);
	free(doc), free(city);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Names the documents and the roster give to a body or a vacant post come from organization.xml:
 * the committee's name, the CIO's department, the 情報政策課長's division. */
START_TEST(test_names_from_organization)
{
	char *dir = tu_tmpdir(), *out = NULL, *pdf, *t;

	ck_assert_int_eq(tu_run(&out, "%s roster --date 2026-11-30 '%s'", KOBUN, AZUSANO), 0);
	ck_assert_msg(tu_has(out, "■ 梓野市デジタル化推進本部（第6条）"), "%.500s", out);
	free(out);
	/* No 副市長 in charge of 総合政策部: the roster says which department lacks one. */
	ck_assert_int_eq(
	    tu_run(NULL,
	           "mkdir '%s/c' '%s/d' && cp '%s/2026-11.xml' '%s/c/' && cp '%s/2026-11.xml' "
	           "'%s/d/' && sed 's/charge=\"seisaku somu kiki\"/charge=\"somu kiki\"/' "
	           "'%s/organization.xml' > '%s/c/organization.xml' && sed '/person=\"p013\" "
	           "rank=\"division-head\"/d' '%s/organization.xml' > '%s/d/organization.xml'",
	           dir, dir, AZUSANO, dir, AZUSANO, dir, AZUSANO, dir, AZUSANO, dir),
	    0);
	tu_run(&out, "%s roster --date 2026-11-30 '%s/c'", KOBUN, dir);
	ck_assert_msg(tu_has(out, "欠員（総合政策部を担当する副市長がいない）") &&
	                  !tu_has(out, "政策企画部"),
	              "%.800s", out);
	free(out);
	tu_run(&out, "%s check '%s/c'", KOBUN, dir);
	ck_assert_msg(tu_has(out, "CIO（総合政策部を担当する副市長）がいません"), "%.400s", out);
	free(out);
	/* No head of DX推進課: the DX推進員 report goes to the post by its name. */
	tu_run(&out, "%s build -q --only NOM-2026-0205 -o '%s/out' '%s/d'", KOBUN, dir, dir);
	free(out);
	pdf = kb_asprintf("%s/out/NOM-2026-0205/nomination-report.pdf", dir);
	t = tu_pdf_text(pdf);
	ck_assert_msg(t != NULL && tu_has(t, "DX推進課長様") && !tu_has(t, "情報政策課長"), "%s",
	              t ? t : "(no report)");
	free(t), free(pdf);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

Suite *
articles_suite(void)
{
	Suite *s = suite_create("articles");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_no_article_outside_table);
	tcase_add_test(tc, test_scanner);
	tcase_add_test(tc, test_keys_documented);
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_diagnostic_cites_profile);
	tcase_add_test(tc, test_second_city);
	tcase_add_test(tc, test_adopting_walkthrough);
	tcase_add_test(tc, test_names_from_organization);
	suite_add_tcase(s, tc);
	return s;
}
