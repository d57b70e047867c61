/* check_e2e.c — the kobun binary end to end: exit statuses, PDFs checked with poppler and qpdf,
 * determinism, hostile input. */
#include <check.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"

/* A dx-promoter nomination of the sample with its nominee's name, read from the XML itself. */
struct dx {
	char *id, *family, *given;
};

/* Collects every dx-promoter nomination of input/2026-11.xml with its nominee's name. */
static int
sample_dx(struct dx *out, int max)
{
	xmlDocPtr rec = xmlReadFile(SRCDIR "/input/2026-11.xml", NULL, XML_PARSE_NONET);
	xmlDocPtr org = xmlReadFile(ORG, NULL, XML_PARSE_NONET);
	xmlXPathContextPtr rx = xmlXPathNewContext(rec), ox = xmlXPathNewContext(org);
	xmlXPathObjectPtr noms =
	    xmlXPathEvalExpression((const xmlChar *)"//nomination[@kind='dx-promoter']", rx);
	int n = 0;

	for (int i = 0; noms->nodesetval && i < noms->nodesetval->nodeNr && n < max; i++) {
		xmlNodePtr nom = noms->nodesetval->nodeTab[i];
		xmlChar *id = xmlGetProp(nom, (const xmlChar *)"id");
		xmlChar *who = xmlGetProp(nom, (const xmlChar *)"nominee");
		char *q = kb_asprintf("//person[@id='%s']", (const char *)who);
		xmlXPathObjectPtr p = xmlXPathEvalExpression((const xmlChar *)q, ox);
		if (p->nodesetval && p->nodesetval->nodeNr == 1) {
			xmlChar *f =
			    xmlGetProp(p->nodesetval->nodeTab[0], (const xmlChar *)"family");
			xmlChar *g =
			    xmlGetProp(p->nodesetval->nodeTab[0], (const xmlChar *)"given");
			out[n].id = kb_strdup((const char *)id);
			out[n].family = kb_strdup((const char *)f);
			out[n].given = kb_strdup((const char *)g);
			n++;
			xmlFree(f);
			xmlFree(g);
		}
		xmlXPathFreeObject(p);
		free(q);
		xmlFree(id);
		xmlFree(who);
	}
	xmlXPathFreeObject(noms);
	xmlXPathFreeContext(rx);
	xmlXPathFreeContext(ox);
	xmlFreeDoc(rec);
	xmlFreeDoc(org);
	return n;
}

static void
free_dx(struct dx *d, int n)
{
	for (int i = 0; i < n; i++)
		free(d[i].id), free(d[i].family), free(d[i].given);
}

static int
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

START_TEST(test_sample_builds_every_dx_notice)
{
	struct dx d[64];
	int n = sample_dx(d, 64);
	char *dir = tu_tmpdir(), *out;
	int rc = tu_run(&out, "%s build -o %s %s/input", KOBUN, dir, SRCDIR);

	ck_assert_msg(rc == 0, "kobun build on the sample exited %d:\n%s", rc, out);
	ck_assert_int_ge(n, 1);
	ck_assert_msg(tu_has(out, "documents written"), "no summary line:\n%s", out);
	for (int i = 0; i < n; i++) {
		char *pdf = kb_asprintf("%s/%s/nomination-notice.pdf", dir, d[i].id);
		char *text = tu_pdf_text(pdf);
		ck_assert_msg(text != NULL, "%s missing or unreadable", pdf);
		ck_assert_msg(tu_has(text, d[i].family) && tu_has(text, d[i].given),
		              "%s lacks the nominee %s %s", pdf, d[i].family, d[i].given);
		ck_assert_msg(tu_has(text, "第8条第2項"), "%s does not cite 第8条第2項", pdf);
		ck_assert_msg(tu_has(text, "DX推進員の指名について（通知）"), "%s: no title", pdf);
		ck_assert_msg(tu_has(text, "記") && tu_has(text, "以上"), "%s: no 記/以上", pdf);
		ck_assert_msg(tu_has(text, "令和8年11月"), "%s: no 和暦 date", pdf);
		free(text);
		free(pdf);
	}
	free_dx(d, n);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* A single known nomination: the exact wording a reader sees. */
START_TEST(test_fixture_text)
{
	char *dir = tu_tmpdir(), *out, *text, *pdf;
	int rc = tu_run(&out, "%s build -o %s --org %s %s/tests/data/good/one-dx.xml", KOBUN, dir,
	                ORG, SRCDIR);

	ck_assert_msg(rc == 0, "exit %d:\n%s", rc, out);
	pdf = kb_asprintf("%s/NOM-T-0001/nomination-notice.pdf", dir);
	text = tu_pdf_text(pdf);
	ck_assert_msg(text != NULL, "no PDF at %s:\n%s", pdf, out);
	/* 2026-05-20 is 令和8年 (2019 = 令和元年). */
	ck_assert_msg(tu_has(text, "令和8年5月20日"), "no 和暦 date in:\n%s", text);
	ck_assert_msg(tu_has(text, "亀岡市情報化の推進に関する規程第8条第2項の規定により"),
	              "body does not cite the regulation:\n%s", text);
	ck_assert_msg(tu_has(text, "様"), "no honorific:\n%s", text);
	ck_assert_msg(tu_has(text, "（公印省略）"), "no 公印省略:\n%s", text);
	ck_assert_msg(tu_has(text, "第1号"), "no document number:\n%s", text);
	free(text);
	free(pdf);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* pdffonts: every font is embedded, and only IPAex fonts are used. */
START_TEST(test_fonts_embedded)
{
	char *dir = tu_tmpdir(), *out, *pdf, *line, *save = NULL;
	int emb = -1, rows = 0;

	ck_assert_int_eq(tu_run(NULL, "%s build -q -o %s --org %s %s/tests/data/good/one-dx.xml",
	                        KOBUN, dir, ORG, SRCDIR),
	                 0);
	pdf = kb_asprintf("%s/NOM-T-0001/nomination-notice.pdf", dir);
	ck_assert_int_eq(tu_run(&out, "pdffonts '%s'", pdf), 0);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (emb < 0) {
			char *e = strstr(line, " emb ");
			if (e != NULL)
				emb = (int)(e - line) + 1;
			continue;
		}
		if (line[0] == '-')
			continue;
		ck_assert_msg((int)strlen(line) > emb + 3, "short pdffonts row: %s", line);
		ck_assert_msg(strncmp(line + emb, "yes", 3) == 0, "font not embedded: %s", line);
		ck_assert_msg(strstr(line, "IPAex") != NULL, "not an IPAex font: %s", line);
		rows++;
	}
	ck_assert_int_ge(rows, 2); /* 明朝 and ゴシック */
	free(out);
	free(pdf);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_qpdf_check)
{
	char *dir = tu_tmpdir(), *out;
	struct dx d[64];
	int n = sample_dx(d, 64);

	ck_assert_int_eq(tu_run(NULL, "%s build -q -o %s %s/input", KOBUN, dir, SRCDIR), 0);
	for (int i = 0; i < n; i++) {
		int rc = tu_run(&out, "qpdf --check '%s/%s/nomination-notice.pdf'", dir, d[i].id);
		ck_assert_msg(rc == 0 && tu_has(out, "No syntax or stream encoding errors"),
		              "qpdf --check failed (%d):\n%s", rc, out);
		free(out);
	}
	free_dx(d, n);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Two runs on the same input give byte-identical files, and registers with the same numbers and
 * digests (each register keeps its own random secret, the key of protected documents' IDs). */
START_TEST(test_rerun_identical)
{
	char *a = tu_tmpdir(), *b = tu_tmpdir(), *out;
	int rc;

	ck_assert_int_eq(tu_run(NULL, "%s build -q -o %s %s/input", KOBUN, a, SRCDIR), 0);
	ck_assert_int_eq(tu_run(NULL, "sleep 1; %s build -q -o %s %s/input", KOBUN, b, SRCDIR), 0);
	rc = tu_run(
	    &out,
	    "diff -rq -x register.sqlite '%s' '%s' && for t in numbers issued; do "
	    "sqlite3 '%s/register.sqlite' \"SELECT * FROM $t ORDER BY 1,2,3,4,5\" > '%s/.t'; "
	    "sqlite3 '%s/register.sqlite' \"SELECT * FROM $t ORDER BY 1,2,3,4,5\" | "
	    "cmp - '%s/.t' || exit 1; done; rm -f '%s/.t'",
	    a, b, a, a, b, a, a);
	ck_assert_msg(rc == 0, "outputs differ:\n%s", out);
	free(out);
	/* And again into the same directory: the files are replaced by equal ones. */
	ck_assert_int_eq(tu_run(NULL, "%s build -q -o %s %s/input", KOBUN, a, SRCDIR), 0);
	rc = tu_run(
	    &out,
	    "diff -rq -x register.sqlite '%s' '%s' && ! find '%s' -name '.kobun-*' | grep -q .", a,
	    b, a);
	ck_assert_msg(rc == 0, "re-run changed the output or left temporary files:\n%s", out);
	free(out);
	tu_rmrf(a);
	tu_rmrf(b);
	free(a);
	free(b);
}
END_TEST

/* A bad record is reported with file:line and id, the good one still renders, exit 1. */
START_TEST(test_bad_record_skipped)
{
	char *dir = tu_tmpdir(), *out, *pdf;
	int rc = tu_run(&out, "%s build -o %s --org %s %s/tests/data/bad/dangling-ref.xml", KOBUN,
	                dir, ORG, SRCDIR);

	ck_assert_msg(rc == 1, "expected exit 1, got %d:\n%s", rc, out);
	ck_assert_msg(tu_has(out, "dangling-ref.xml:") && tu_has(out, "p999"),
	              "diagnostic lacks file or the bad reference:\n%s", out);
	ck_assert_msg(tu_has(out, "1 rejected"), "summary does not count the rejection:\n%s", out);
	pdf = kb_asprintf("%s/NOM-T-0501/nomination-notice.pdf", dir);
	ck_assert_msg(file_exists(pdf), "the good record was not rendered:\n%s", out);
	free(pdf);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 10: an appointment whose post names charge="nosuchunit" stopped the
 * whole run (a fatal error, "0 documents due", exit 2, no record id). It
 * must reject its own record, name it, and let the good nomination render.
 */
START_TEST(test_issue10_bad_charge_rejects_one_record)
{
	char *dir = tu_tmpdir(), *out, *pdf;
	int rc = tu_run(&out, "%s build -o %s --org %s %s/tests/data/bad/dangling-charge.xml",
	                KOBUN, dir, ORG, SRCDIR);

	ck_assert_msg(rc == 1, "expected exit 1, got %d:\n%s", rc, out);
	ck_assert_msg(
	    tu_has(out, "dangling-charge.xml:15: error: [ref-unit] charge=\"nosuchunit\"") &&
	        tu_has(out, "(APP-T-0702)"),
	    "diagnostic lacks file:line, id or record:\n%s", out);
	ck_assert_msg(tu_has(out, "2 records read, 1 rejected, 2 documents written"),
	              "summary does not show the good record rendered:\n%s", out);
	pdf = kb_asprintf("%s/NOM-T-0701/nomination-notice.pdf", dir);
	ck_assert_msg(file_exists(pdf), "the good record was not rendered:\n%s", out);
	free(pdf);
	free(out);
	/* kobun check agrees: exit 1, not 2. */
	rc = tu_run(&out, "%s check --org %s %s/tests/data/bad/dangling-charge.xml", KOBUN, ORG,
	            SRCDIR);
	ck_assert_msg(rc == 1 && tu_has(out, "(APP-T-0702)"), "check: %d\n%s", rc, out);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* An external entity must not be read, into diagnostics or documents. */
START_TEST(test_xxe_not_read)
{
	char *dir = tu_tmpdir(), *out, *all;
	int rc = tu_run(&out, "cd %s/tests/data/bad && %s build -o %s --org %s xxe.xml", SRCDIR,
	                KOBUN, dir, ORG);

	ck_assert_msg(rc == 1, "expected exit 1, got %d:\n%s", rc, out);
	ck_assert_msg(tu_has(out, "DOCTYPE"), "no DOCTYPE refusal:\n%s", out);
	ck_assert_msg(!tu_has(out, "KOBUN-XXE-MARKER"), "the secret leaked into output:\n%s", out);
	free(out);
	rc = tu_run(&all, "grep -r -l KOBUN-XXE-MARKER '%s' || true", dir);
	ck_assert_msg(all[0] == '\0', "the secret reached a file: %s", all);
	free(all);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_exit_statuses)
{
	char *out;
	int rc;

	rc = tu_run(&out, "%s --version", KOBUN);
	ck_assert_msg(rc == 0 && strncmp(out, "kobun ", 6) == 0, "--version: %d %s", rc, out);
	free(out);
	rc = tu_run(&out, "%s --help", KOBUN);
	ck_assert_msg(rc == 0 && tu_has(out, "kobun build"), "--help: %d %s", rc, out);
	free(out);
	rc = tu_run(&out, "%s frobnicate x", KOBUN);
	ck_assert_msg(rc == 2, "unknown command should exit 2, got %d: %s", rc, out);
	free(out);
	rc = tu_run(&out, "%s build", KOBUN);
	ck_assert_msg(rc == 2, "no INPUT should exit 2, got %d: %s", rc, out);
	free(out);
	/* No organization.xml anywhere in the inputs. */
	rc = tu_run(&out, "%s check %s/tests/data/good/one-dx.xml", KOBUN, SRCDIR);
	ck_assert_msg(rc == 2 && tu_has(out, "organization.xml"), "missing org: %d %s", rc, out);
	free(out);
	rc = tu_run(&out, "%s check %s/input", KOBUN, SRCDIR);
	ck_assert_msg(rc == 0, "check on the sample: %d %s", rc, out);
	free(out);
}
END_TEST

/* With the IPAex fonts out of reach, kobun stops with exit 2 and names the package. */
START_TEST(test_missing_font)
{
	char *dir = tu_tmpdir(), *out;
	int rc;

	tu_run(
	    NULL,
	    "mkdir -p %s/fonts && ln -s %s/schema %s/schema && ln -s %s/templates %s/templates && "
	    "printf '<?xml version=\"1.0\"?><fontconfig><dir>%s/nofonts</dir></fontconfig>' "
	    "> %s/fonts/fonts.conf",
	    dir, SRCDIR, dir, SRCDIR, dir, dir, dir);
	rc = tu_run(&out,
	            "KOBUN_DATADIR=%s %s build -o %s/out --org %s %s/tests/data/good/one-dx.xml",
	            dir, KOBUN, dir, ORG, SRCDIR);
	ck_assert_msg(rc == 2, "expected exit 2, got %d:\n%s", rc, out);
	ck_assert_msg(tu_has(out, "fonts-ipaexfont"), "does not name the package:\n%s", out);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* The page is not blank and its ink sits inside the margins (pdftoppm, gray PGM). */
START_TEST(test_page_ink_inside_margins)
{
	char *dir = tu_tmpdir(), *pgm, *data, *p;
	size_t len;
	int w, h, maxv, off, dark = 0, outside = 0;

	ck_assert_int_eq(tu_run(NULL, "%s build -q -o %s --org %s %s/tests/data/good/one-dx.xml",
	                        KOBUN, dir, ORG, SRCDIR),
	                 0);
	ck_assert_int_eq(
	    tu_run(NULL, "pdftoppm -r 72 -gray '%s/NOM-T-0001/nomination-notice.pdf' '%s/pg'", dir,
	           dir),
	    0);
	pgm = kb_asprintf("%s/pg-1.pgm", dir);
	data = tu_read(pgm, &len);
	ck_assert_msg(data != NULL, "no page image");
	ck_assert_int_eq(sscanf(data, "P5 %d %d %d%n", &w, &h, &maxv, &off), 3);
	p = data + off + 1;
	/* At 72 dpi one pixel is one point: margins 30/20 mm left/right, 30/25 mm top/bottom. */
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			if ((unsigned char)p[y * w + x] < 128) {
				dark++;
				if (x < 85 - 2 || x > w - 57 + 2 || y < 85 - 2 || y > h - 71 + 2)
					outside++;
			}
	ck_assert_msg(dark > 2000, "page looks blank (%d dark pixels)", dark);
	ck_assert_msg(outside == 0, "%d dark pixels outside the margins", outside);
	free(data);
	free(pgm);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* kobun roster: the whole 体制表 on a date, with no unexplained vacancy, as text and as XML. */
START_TEST(test_roster_command)
{
	char *out;
	int rc = tu_run(&out, "%s roster --date 2026-11-30 %s/input 2>/dev/null", KOBUN, SRCDIR);

	ck_assert_msg(rc == 0, "roster exited %d:\n%s", rc, out);
	ck_assert_msg(tu_has(out, "令和8年11月30日現在"), "%s", out);
	ck_assert_msg(tu_has(out, "欠員 0"), "the sample has vacancies:\n%s", out);
	for (int a = 3; a <= 14; a++) {
		char *art = kb_asprintf("第%d条", a);
		ck_assert_msg(tu_has(out, art) || a == 4, "no role of %s in the roster", art);
		free(art);
	}
	free(out);
	rc = tu_run(
	    &out,
	    "%s roster --format xml --date 2026-11-30 %s/input 2>/dev/null | xmllint --noout - ",
	    KOBUN, SRCDIR);
	ck_assert_msg(rc == 0, "roster XML is not well-formed:\n%s", out);
	free(out);
	rc = tu_run(&out, "%s roster --date 2026-13-01 %s/input", KOBUN, SRCDIR);
	ck_assert_msg(rc == 2, "a bad --date should exit 2, got %d", rc);
	free(out);
}
END_TEST

/* What every kind of document must say (spec/documents.md), checked on the sample month. */
static const struct {
	const char *kind;
	const char *must[3];
} kind_text[] = {
    {"nomination-notice", {"指名について（通知）", "の規定により", "様"}},
    {"nomination-report", {"DX推進員の指名について（報告）", "第8条第3項", "情報政策課長"}},
    {"structure-notice", {"（通知）", "第", "様"}},
    {"appointment-letter", {"委嘱する", "令和八年十一月一日", "亀岡市長"}},
    {"incident-report-cio", {"（報告）", "第14条第4項", "最高情報統括責任者"}},
    {"incident-report-authority", {"第14条第4項", "報", "様"}},
    {"ppc-report-sheet", {"個人情報保護委員会", "確報", "本人の数"}},
    {"press-release-draft", {"報道発表資料（案）", "お詫び", "問い合わせ"}},
    {"system-plan-consultation", {"（協議）", "第16条", "最適化指針"}},
    {"system-plan-decision", {"（回答）", "協議のあった", "第16条"}},
};

/*
 * Every kind from the sample month: whole PDFs (qpdf), embedded IPAex
 * fonts (pdffonts), the number the manifest gives printed on the page, a
 * 和暦 date, and each kind's title and article.
 */
START_TEST(test_every_kind)
{
	char *dir = tu_tmpdir(), *out, *path;
	int rc = tu_run(&out, "%s build -q -o %s %s/input", KOBUN, dir, SRCDIR);
	xmlDocPtr doc;
	int seen[sizeof(kind_text) / sizeof(kind_text[0])] = {0};

	ck_assert_msg(rc == 0, "build exited %d:\n%.2000s", rc, out);
	free(out);
	path = kb_asprintf("%s/manifest.xml", dir);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	for (xmlNode *c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next) {
		xmlChar *kind, *file, *number;
		char *pdf, *text, *fonts;
		size_t k;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		kind = xmlGetProp(c, (const xmlChar *)"kind");
		file = xmlGetProp(c, (const xmlChar *)"file");
		number = xmlGetProp(c, (const xmlChar *)"number");
		pdf = kb_asprintf("%s/%s", dir, (const char *)file);
		ck_assert_msg(tu_run(&out, "qpdf --check '%s'", pdf) == 0, "qpdf: %s\n%.1000s", pdf,
		              out);
		free(out);
		ck_assert_int_eq(
		    tu_run(&fonts, "pdffonts '%s' | tail -n +3 | grep -v ' yes yes ' || true", pdf),
		    0);
		ck_assert_msg(fonts[0] == '\0', "%s has a font not embedded as a subset:\n%s", pdf,
		              fonts);
		free(fonts);
		text = tu_pdf_text(pdf);
		ck_assert_msg(text != NULL, "no text in %s", pdf);
		if (number != NULL)
			ck_assert_msg(tu_has(text, (const char *)number), "%s lacks its number %s",
			              pdf, (const char *)number);
		ck_assert_msg(tu_has(text, "令和8年") || tu_has(text, "令和八年"),
		              "%s has no 和暦 date", pdf);
		for (k = 0; k < sizeof(kind_text) / sizeof(kind_text[0]); k++)
			if (strcmp(kind_text[k].kind, (const char *)kind) == 0) {
				seen[k]++;
				for (int m = 0; m < 3; m++)
					ck_assert_msg(tu_has(text, kind_text[k].must[m]),
					              "%s lacks 「%s」:\n%.3000s", pdf,
					              kind_text[k].must[m], text);
			}
		free(text);
		free(pdf);
		xmlFree(kind), xmlFree(file), xmlFree(number);
	}
	for (size_t k = 0; k < sizeof(kind_text) / sizeof(kind_text[0]); k++)
		ck_assert_msg(seen[k] > 0, "the sample produced no %s", kind_text[k].kind);
	xmlFreeDoc(doc);
	free(path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 13 (5): `make install DESTDIR=D PREFIX=/usr` stages a kobun that
 * finds its own data under D/usr/share/kobun (nothing about the prefix
 * compiled in): it checks the sample, its manual page and completion are
 * there, and `make uninstall` leaves no file behind.
 */
/*
 * The gap from 「X」 of the first 「DX」 run of a --dump=dl output to the
 * next run on its line (the Japanese that follows), in points; *size
 * receives the run's size.
 */
static double
dx_gap(const char *dump, double *size)
{
	const char *r = strstr(dump, "n=2 \"DX\""), *g, *next;
	double xx, nx;

	ck_assert_msg(r != NULL, "no DX run");
	while (strncmp(r, "  run ", 6) != 0)
		r--;
	*size = strtod(strstr(r, " size=") + 6, NULL);
	g = strstr(r, "\n    glyphs ") + 13;
	g = strchr(g, ' ') + 1; /* the second glyph: X */
	xx = strtod(strchr(g, '@') + 1, NULL);
	next = strstr(g, "\n  run ");
	ck_assert_ptr_nonnull(next);
	nx = strtod(strstr(next, " x=") + 3, NULL);
	return nx - xx;
}

/*
 * Issue 12 (4): <policy latin-space="0.25"> sets the 和欧間 of every
 * document: the gap between 「DX」 and the Japanese after it grows by a
 * quarter em; latin-space="0" gives the same display list as no setting.
 */
START_TEST(test_issue12_latin_space_policy)
{
	struct dx d[1];
	char *dir = tu_tmpdir(), *dump[3];
	static const char *const set[] = {NULL, "0", "0.25"};
	double size0, size25, gap0, gap25;

	ck_assert_int_ge(sample_dx(d, 1), 1);
	for (int k = 0; k < 3; k++) {
		char *org = kb_asprintf("%s/org%d.xml", dir, k), *out;
		if (set[k] == NULL)
			ck_assert_int_eq(tu_run(&out, "cp %s %s", ORG, org), 0);
		else
			ck_assert_int_eq(
			    tu_run(&out, "sed 's|<policy |<policy latin-space=\"%s\" |' %s > %s",
			           set[k], ORG, org),
			    0);
		free(out);
		ck_assert_int_eq(
		    tu_run(&dump[k],
		           "%s build --dump=dl --only %s -o %s/o%d --register %s/r%d.db "
		           "--org %s %s/input/2026-11.xml 2>/dev/null",
		           KOBUN, d[0].id, dir, k, dir, k, org, SRCDIR),
		    0);
		free(org);
	}
	ck_assert_msg(strcmp(dump[0], dump[1]) == 0, "latin-space=\"0\" changed the layout");
	ck_assert_msg(strcmp(dump[0], dump[2]) != 0, "latin-space=\"0.25\" changed nothing");
	gap0 = dx_gap(dump[0], &size0);
	gap25 = dx_gap(dump[2], &size25);
	ck_assert_double_eq_tol(size0, size25, 0.001);
	ck_assert_msg(gap25 - gap0 > 0.25 * size0 - 0.05 && gap25 - gap0 < 0.25 * size0 + 0.05,
	              "DX gap %.2f pt solid, %.2f pt with latin-space=0.25 at %.1f pt", gap0, gap25,
	              size0);
	for (int k = 0; k < 3; k++)
		free(dump[k]);
	free_dx(d, 1);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_issue13_install_uninstall)
{
	char *d = tu_tmpdir(), *bdir = g_path_get_dirname(KOBUN), *out = NULL, *p;
	int rc;

	rc = tu_run(&out, "make -s -C %s -o all install DESTDIR=%s PREFIX=/usr B=%s", SRCDIR, d,
	            bdir);
	ck_assert_msg(rc == 0, "make install: %s", out);
	free(out);
	rc =
	    tu_run(&out, "cd / && env -u KOBUN_DATADIR %s/usr/bin/kobun check %s/input", d, SRCDIR);
	ck_assert_msg(rc == 0 && strstr(out, " 0 rejected") != NULL, "the installed kobun: %d\n%s",
	              rc, out);
	free(out);
	/* It reads the installed data, not the clone's: break the installed grammar and it fails.
	 */
	rc = tu_run(
	    &out,
	    "echo broken > %s/usr/share/kobun/schema/record.rng && cd / && env -u KOBUN_DATADIR "
	    "%s/usr/bin/kobun check %s/input",
	    d, d, SRCDIR);
	ck_assert_msg(rc == 2 && tu_has(out, "/usr/share/kobun/schema/record.rng"),
	              "the installed kobun does not read its installed data: %d\n%s", rc, out);
	free(out);
	p = kb_asprintf("%s/usr/share/man/man1/kobun.1", d);
	ck_assert_msg(access(p, R_OK) == 0, "no manual page");
	free(p);
	p = kb_asprintf("%s/usr/share/bash-completion/completions/kobun", d);
	ck_assert_msg(access(p, R_OK) == 0, "no bash completion");
	free(p);
	rc = tu_run(&out,
	            "make -s -C %s uninstall DESTDIR=%s PREFIX=/usr && find %s -type f | wc -l",
	            SRCDIR, d, d);
	ck_assert_msg(rc == 0 && atoi(out) == 0, "uninstall left files: %s", out);
	free(out);
	tu_rmrf(d);
	free(d);
	g_free(bdir);
}
END_TEST

/* Issue 13 (5): -q prints only errors, warnings and the summary: no "wrote" line. */
START_TEST(test_issue13_quiet)
{
	char *d = tu_tmpdir(), *out;
	int rc = tu_run(&out, "%s build -q -o %s %s/input", KOBUN, d, SRCDIR);

	ck_assert_int_eq(rc, 0);
	ck_assert_msg(!tu_has(out, "wrote"), "-q still prints:\n%.500s", out);
	ck_assert_msg(tu_has(out, "documents written"), "no summary line:\n%s", out);
	free(out);
	tu_rmrf(d);
	free(d);
}
END_TEST

/* Issue 13 (5): `kobun CMD --help` is that command's help; an option a command does not take is
 * named. */
START_TEST(test_issue13_command_help)
{
	char *out;
	int rc = tu_run(&out, "%s build --help", KOBUN);

	ck_assert_int_eq(rc, 0);
	ck_assert_msg(tu_has(out, "usage: kobun build") && !tu_has(out, "kobun roster") &&
	                  tu_has(out, "--archive") && !tu_has(out, "--fiscal-year"),
	              "not build's own help:\n%s", out);
	free(out);
	rc = tu_run(&out, "%s register --help", KOBUN);
	ck_assert_msg(rc == 0 && tu_has(out, "kobun register list") && tu_has(out, "--fiscal-year"),
	              "register --help: %d\n%s", rc, out);
	free(out);
	rc = tu_run(&out, "%s check --format png %s/input", KOBUN, SRCDIR);
	ck_assert_msg(rc == 2 && tu_has(out, "check does not take --format"), "%d\n%s", rc, out);
	free(out);
	rc = tu_run(&out, "%s build --frobnicate %s/input", KOBUN, SRCDIR);
	ck_assert_msg(rc == 2 && tu_has(out, "unknown option '--frobnicate'"), "%d\n%s", rc, out);
	free(out);
}
END_TEST

Suite *
e2e_suite(void)
{
	Suite *s = suite_create("e2e");
	TCase *tc = tcase_create("kobun");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_sample_builds_every_dx_notice);
	tcase_add_test(tc, test_fixture_text);
	tcase_add_test(tc, test_fonts_embedded);
	tcase_add_test(tc, test_qpdf_check);
	tcase_add_test(tc, test_rerun_identical);
	tcase_add_test(tc, test_bad_record_skipped);
	tcase_add_test(tc, test_issue10_bad_charge_rejects_one_record);
	tcase_add_test(tc, test_xxe_not_read);
	tcase_add_test(tc, test_exit_statuses);
	tcase_add_test(tc, test_missing_font);
	tcase_add_test(tc, test_page_ink_inside_margins);
	tcase_add_test(tc, test_roster_command);
	tcase_add_test(tc, test_every_kind);
	tcase_add_test(tc, test_issue12_latin_space_policy);
	tcase_add_test(tc, test_issue13_install_uninstall);
	tcase_add_test(tc, test_issue13_quiet);
	tcase_add_test(tc, test_issue13_command_help);
	suite_add_tcase(s, tc);
	return s;
}
