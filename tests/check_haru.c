/* check_haru.c — the libharu writer against the cairo writer, and its protected and PDF/A-1b
 * copies. */
#include <check.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dl.h"
#include "dl_cairo.h"
#include "dl_haru.h"
#include "fonts.h"
#include "layout.h"
#include "suites.h"
#include "template.h"
#include "testutil.h"
#include "tree.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"
#define USER_PW "user-pw-3141"
#define OWNER_PW "owner-pw-2718"
/* The ID a protected test document carries (kobun takes it from the register). */
#define TEST_ID ((const unsigned char *)"kobun-test-id-16")

Suite *haru_suite(void);

/* Vertical forms next to their upright originals: 「」ー、。（）… in a column, a header and a
 * watermark. */
static const char vertical_tree[] =
    "<document title=\"縦書きの試験\" author=\"亀岡市\" created=\"2026-11-01T00:00:00+09:00\">"
    "<page size=\"A4\" orientation=\"portrait\" writing=\"vertical\" body-size=\"16\" "
    "line-spacing=\"2\"/>"
    "<header align=\"right\">「横書き」の見出し、ー。</header>"
    "<footer align=\"center\"><page-number/> / <page-count/></footer>"
    "<watermark>秘</watermark>"
    "<column indent=\"1\">「亀岡市」は、ーー（かっこ）の……試験です。</column>"
    "<column indent=\"1\">第1条　ABCの１２３〜を含む。</column>"
    "</document>";

/* Glyphs that are not one character each: a composed dakuten, characters the font lacks (beyond the
   BMP and in the private use area), a ligature, half-width kana. */
static const char odd_tree[] =
    "<document title=\"合成\" created=\"2026-11-03T08:00:00+09:00\"><page/>"
    "<p>合成か&#x3099;と&#x20BB7;野家と&#x1F600;と&#xE001;外字とｶﾞとﬁです。</p></document>";

/* What the protected copy must not show in its bytes: in the title and in the text. */
#define MARKER "CIO-ONLY-7F3A"
#define MARKER_JA "極秘標識"
static const char marked_tree[] =
    "<document title=\"" MARKER_JA " " MARKER " 報告\" author=\"亀岡市\" subject=\"試験\" "
    "keywords=\"incident\" creator=\"kobun\" created=\"2026-11-05T09:30:00+09:00\">"
    "<page/><p>この報告は" MARKER_JA "を含む。" MARKER "</p></document>";

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
	kb_dl_haru_fini();
}

/* Lays out the document tree doc (freed here). */
static struct kb_dl *
lay_doc(xmlDocPtr doc, const char *name)
{
	struct kb_node *tree;
	struct kb_dl *dl;

	ck_assert_msg(doc != NULL, "%s does not parse", name);
	tree = kb_tree_from_xml(doc, name);
	xmlFreeDoc(doc);
	ck_assert_msg(tree != NULL, "%s is not a document tree", name);
	dl = kb_layout_run(lo, tree);
	kb_tree_free(tree);
	return dl;
}

static struct kb_dl *
lay_memory(const char *xml)
{
	return lay_doc(xmlReadMemory(xml, (int)strlen(xml), "test.xml", "UTF-8", XML_PARSE_NONET),
	               "test.xml");
}

/*
 * The first document kobun ARGS makes, built here from the first context
 * that `kobun ARGS --dump=context` prints: the template of its kind
 * applied and the tree validated, as kobun does. The tree must contain
 * expect.
 */
static struct kb_dl *
lay_dump(const char *dir, const char *args, const char *expect)
{
	char *path = kb_asprintf("%s/contexts.xml", dir), *text, *second, *dump = NULL;
	struct kb_templates *tpl;
	xmlDocPtr ctx, tree;
	xmlChar *kind;
	size_t len = 0;
	FILE *mem;
	struct kb_node *kt;
	struct kb_dl *dl;

	ck_assert_int_eq(tu_run(NULL, "{ cd %s && %s %s --dump=context > '%s' 2>/dev/null; }",
	                        SRCDIR, KOBUN, args, path),
	                 0);
	text = tu_read(path, NULL);
	ck_assert_ptr_nonnull(text);
	second = strstr(text + 1, "<?xml");
	if (second != NULL)
		*second = '\0';
	ctx = xmlReadMemory(text, (int)strlen(text), path, "UTF-8", XML_PARSE_NONET);
	ck_assert_msg(ctx != NULL, "%s does not parse", path);
	kind = xmlGetProp(xmlDocGetRootElement(ctx), (const xmlChar *)"kind");
	ck_assert_ptr_nonnull(kind);
	tpl = kb_templates_new(SRCDIR);
	tree = kb_template_apply(tpl, (const char *)kind, ctx);
	ck_assert_msg(tree != NULL, "the template of %s failed", (const char *)kind);
	ck_assert_int_eq(kb_tree_validate(tpl, tree, (const char *)kind), 0);
	kt = kb_tree_from_xml(tree, (const char *)kind);
	ck_assert_ptr_nonnull(kt);
	mem = open_memstream(&dump, &len);
	ck_assert_ptr_nonnull(mem);
	kb_tree_dump(kt, mem);
	fclose(mem);
	ck_assert_msg(strstr(dump, expect) != NULL, "no %s in the tree:\n%s", expect, dump);
	dl = kb_layout_run(lo, kt);
	kb_tree_free(kt);
	xmlFreeDoc(tree);
	kb_templates_free(tpl);
	xmlFree(kind);
	xmlFreeDoc(ctx);
	free(dump);
	free(text);
	free(path);
	return dl;
}

enum { DOC_SAMPLE, DOC_JIREI, DOC_NOTICE, DOC_MONTHLY, DOC_VERTICAL, DOC_ODD, NDOCS };

static struct kb_dl *
lay_case(int which, const char *dir)
{
	switch (which) {
	case DOC_SAMPLE:
		return lay_doc(
		    xmlReadFile(SRCDIR "/tests/data/typeset/sample-all.xml", NULL, XML_PARSE_NONET),
		    "sample-all.xml");
	case DOC_JIREI:
		return lay_doc(
		    xmlReadFile(SRCDIR "/tests/data/typeset/jirei.xml", NULL, XML_PARSE_NONET),
		    "jirei.xml");
	case DOC_NOTICE: /* a DX promoter nomination notice, as kobun's template makes it */
		return lay_dump(dir, "build --org " ORG " tests/data/good/one-dx.xml",
		                "指名について（通知）");
	case DOC_MONTHLY: /* charts, tables and bookmarks */
		return lay_dump(dir, "monthly 2026-11 input", "（報告）");
	case DOC_VERTICAL:
		return lay_memory(vertical_tree);
	default:
		return lay_memory(odd_tree);
	}
}

static void
put_file(const char *path, const kb_buf *b)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(b->data, 1, b->len, f), b->len);
	fclose(f);
}

/* Writes dl with the libharu writer in mode to path; asserts success. */
static void
write_haru(const struct kb_dl *dl, enum kb_haru_mode mode, const char *path)
{
	struct kb_haru_opts o = {mode, USER_PW, OWNER_PW, TEST_ID};
	kb_buf b = {0};

	ck_assert_int_eq(kb_dl_haru_pdf(dl, &o, &b), 0);
	ck_assert_uint_gt(b.len, 0);
	put_file(path, &b);
	kb_buf_free(&b);
}

static void
write_cairo(const struct kb_dl *dl, const char *path)
{
	kb_buf b = {0};

	ck_assert_int_eq(kb_dl_cairo_pdf(dl, &b), 0);
	put_file(path, &b);
	kb_buf_free(&b);
}

/*
 * Text in drawing order (-raw) without white space; NULL when pdftotext
 * fails. Reading order is not compared: cairo sets ASCII in a font of its
 * own, and poppler groups words into blocks differently when the font
 * changes, so the same words on the same spots can come out in another order.
 */
static char *
raw_text(const char *pdf, const char *pw)
{
	char *out, *w, *r;

	if (tu_run(&out, "{ pdftotext -raw -enc UTF-8 %s%s '%s' - 2>/dev/null; }",
	           pw ? "-upw " : "", pw ? pw : "", pdf) != 0) {
		free(out);
		return NULL;
	}
	for (w = r = out; *r != '\0';) {
		if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\f' || *r == '\r')
			r++;
		else if ((unsigned char)r[0] == 0xE3 && (unsigned char)r[1] == 0x80 &&
		         (unsigned char)r[2] == 0x80)
			r += 3;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return out;
}

struct word {
	double x, y;
	char *text;
};

/* The words of pdf with their top-left corners, in drawing order; returns how many. */
static int
words(const char *pdf, struct word **out)
{
	char *html, *p;
	int n = 0, cap = 0;

	*out = NULL;
	ck_assert_int_eq(tu_run(&html, "{ pdftotext -raw -bbox '%s' - 2>/dev/null; }", pdf), 0);
	for (p = html; (p = strstr(p, "<word xMin=\"")) != NULL;) {
		double x0, y0, x1, y1;
		char *gt, *end;
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
		           &x1, &y1) != 4 ||
		    (gt = strchr(p, '>')) == NULL || (end = strstr(gt, "</word>")) == NULL)
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = kb_realloc(*out, (size_t)cap * sizeof(**out));
		}
		(*out)[n].x = x0;
		(*out)[n].y = y0;
		(*out)[n].text = kb_strndup(gt + 1, (size_t)(end - gt - 1));
		n++;
		p = end;
	}
	free(html);
	return n;
}

static void
free_words(struct word *w, int n)
{
	for (int i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

/* The value of field (e.g. "Pages") in pdfinfo's report, or NULL; the caller frees it. */
static char *
pdfinfo(const char *pdf, const char *field)
{
	char *out, *p, *v = NULL;

	if (tu_run(&out, "pdfinfo '%s'", pdf) == 0) {
		char *key = kb_asprintf("\n%s:", field);
		char *s = kb_asprintf("\n%s", out);
		if ((p = strstr(s, key)) != NULL) {
			p += strlen(key);
			p += strspn(p, " ");
			v = kb_strndup(p, strcspn(p, "\n"));
		}
		free(key);
		free(s);
	}
	free(out);
	return v;
}

/* Page 1 of pdf in gray at 72 dpi: w × h bytes, or NULL. */
static unsigned char *
page_image(const char *pdf, const char *prefix, int *w, int *h)
{
	char *pgm = kb_asprintf("%s.pgm", prefix), *data, *p;
	unsigned char *img = NULL;
	size_t len;
	int maxv;

	if (tu_run(NULL, "pdftoppm -r 72 -gray -f 1 -l 1 -singlefile '%s' '%s'", pdf, prefix) ==
	        0 &&
	    (data = tu_read(pgm, &len)) != NULL) {
		if (sscanf(data, "P5 %d %d %d", w, h, &maxv) == 3) {
			/* The pixels start after the third number and one white-space byte. */
			p = data + 2;
			for (int k = 0; k < 3; k++) {
				p += strspn(p, " \t\r\n");
				p += strspn(p, "0123456789");
			}
			p++;
			if ((size_t)(p - data) + (size_t)(*w * *h) <= len) {
				img = kb_malloc((size_t)(*w * *h));
				memcpy(img, p, (size_t)(*w * *h));
			}
		}
		free(data);
	}
	free(pgm);
	return img;
}

/* A bookmark as qpdf's JSON reports it. */
struct mark {
	char *title;
	int page;
	double x, y; /* the /XYZ destination */
};

/* Reads up to max bookmarks of pdf into m; returns how many. */
static int
outline_of(const char *pdf, struct mark *m, int max)
{
	char *json, *p;
	int n = 0;

	ck_assert_int_eq(tu_run(&json, "qpdf --json --json-key=outlines '%s'", pdf), 0);
	for (p = json; n < max && (p = strstr(p, "\"dest\": [")) != NULL; n++) {
		char *xyz = strstr(p, "\"/XYZ\","), *t, *e;
		ck_assert_ptr_nonnull(xyz);
		ck_assert_int_eq(sscanf(xyz + 7, " %lf , %lf", &m[n].x, &m[n].y), 2);
		t = strstr(p, "\"destpageposfrom1\":");
		m[n].page = t ? atoi(t + 19) : 0;
		t = strstr(p, "\"title\": \"");
		ck_assert_ptr_nonnull(t);
		e = strchr(t + 10, '"');
		m[n].title = kb_strndup(t + 10, (size_t)(e - t - 10));
		p = e;
	}
	free(json);
	return n;
}

START_TEST(test_cross_writer)
{
	char *dir = tu_tmpdir(), *cpdf, *hpdf, *ct, *ht, *out;
	static const char *const fields[] = {"Title",   "Subject",      "Keywords", "Author",
	                                     "Creator", "CreationDate", "ModDate",  "Pages"};
	struct kb_dl *dl = lay_case(_i, dir);
	struct word *cw, *hw;
	unsigned char *ci, *hi;
	int nc, nh, w1, h1, w2, h2;
	size_t differ = 0;

	cpdf = kb_asprintf("%s/cairo.pdf", dir);
	hpdf = kb_asprintf("%s/haru.pdf", dir);
	write_cairo(dl, cpdf);
	write_haru(dl, KB_HARU_PLAIN, hpdf);

	/* The same pages, metadata and text. */
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		char *a = pdfinfo(cpdf, fields[i]), *b = pdfinfo(hpdf, fields[i]);
		ck_assert_msg((a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0),
		              "doc %d: %s: cairo \"%s\", libharu \"%s\"", _i, fields[i],
		              a ? a : "(none)", b ? b : "(none)");
		free(a), free(b);
	}
	out = pdfinfo(hpdf, "Pages");
	ck_assert_int_eq(atoi(out), (int)dl->npages);
	free(out);
	ct = raw_text(cpdf, NULL);
	ht = raw_text(hpdf, NULL);
	ck_assert_ptr_nonnull(ct);
	ck_assert_ptr_nonnull(ht);
	ck_assert_uint_gt(strlen(ht), 0);
	ck_assert_str_eq(ht, ct);

	/* Every word in the same place. */
	nc = words(cpdf, &cw);
	nh = words(hpdf, &hw);
	ck_assert_int_gt(nc, 0);
	ck_assert_int_eq(nh, nc);
	for (int i = 0; i < nc; i++) {
		ck_assert_msg(strcmp(cw[i].text, hw[i].text) == 0,
		              "doc %d word %d: \"%s\" / \"%s\"", _i, i, cw[i].text, hw[i].text);
		ck_assert_msg(fabs(cw[i].x - hw[i].x) <= 1 && fabs(cw[i].y - hw[i].y) <= 1,
		              "doc %d word %d \"%s\": cairo at %.2f,%.2f, libharu at %.2f,%.2f", _i,
		              i, cw[i].text, cw[i].x, cw[i].y, hw[i].x, hw[i].y);
	}
	free_words(cw, nc);
	free_words(hw, nh);

	/* The same bookmarks. */
	free(ct), free(ht);
	{
		struct mark cm[64], hm[64];
		int no = outline_of(cpdf, cm, 64);
		ck_assert_int_eq(outline_of(hpdf, hm, 64), no);
		ck_assert_int_eq(no, (int)dl->noutline);
		for (int i = 0; i < no; i++) {
			ck_assert_str_eq(hm[i].title, cm[i].title);
			ck_assert_int_eq(hm[i].page, cm[i].page);
			ck_assert_msg(fabs(hm[i].x - cm[i].x) < 0.1 &&
			                  fabs(hm[i].y - cm[i].y) < 0.1,
			              "bookmark %s: cairo %.2f,%.2f, libharu %.2f,%.2f",
			              cm[i].title, cm[i].x, cm[i].y, hm[i].x, hm[i].y);
			free(cm[i].title), free(hm[i].title);
		}
	}

	/* A sound file that poppler reads without a warning. */
	ck_assert_msg(tu_run(&out, "qpdf --check '%s'", hpdf) == 0, "qpdf --check:\n%s", out);
	free(out);
	ck_assert_int_eq(tu_run(&out, "pdftotext '%s' /dev/null", hpdf), 0);
	ck_assert_msg(out[0] == '\0', "poppler warns: %s", out);
	free(out);

	/* The same first page, pixel for pixel but for anti-aliasing. */
	ct = kb_asprintf("%s/c", dir);
	ht = kb_asprintf("%s/h", dir);
	ci = page_image(cpdf, ct, &w1, &h1);
	hi = page_image(hpdf, ht, &w2, &h2);
	ck_assert_ptr_nonnull(ci);
	ck_assert_ptr_nonnull(hi);
	ck_assert_int_eq(w1, w2);
	ck_assert_int_eq(h1, h2);
	for (int i = 0; i < w1 * h1; i++)
		differ += abs(ci[i] - hi[i]) > 96;
	ck_assert_msg(differ <= (size_t)(w1 * h1) / 5000, "doc %d: %zu pixels differ", _i, differ);
	free(ci), free(hi), free(ct), free(ht);

	kb_dl_free(dl);
	free(cpdf), free(hpdf);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Whether the len bytes at data contain s. */
static int
bytes_have(const char *data, size_t len, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(data + i, s, n) == 0)
			return 1;
	return 0;
}

/* ASCII s as UTF-16BE hex digits, the way libharu spells a text string (upper case). */
static char *
utf16_hex(const char *s)
{
	kb_buf b = {0};

	for (; *s; s++)
		kb_buf_printf(&b, "00%02X", (unsigned char)*s);
	return kb_buf_take(&b);
}

START_TEST(test_protected)
{
	char *dir = tu_tmpdir(), *ppdf, *plain, *apdf, *out, *text, *raw, *hex;
	struct kb_dl *dl = lay_memory(marked_tree);
	size_t len;

	ppdf = kb_asprintf("%s/protected.pdf", dir);
	plain = kb_asprintf("%s/plain.pdf", dir);
	apdf = kb_asprintf("%s/archive.pdf", dir);
	write_haru(dl, KB_HARU_PROTECT, ppdf);
	write_haru(dl, KB_HARU_PLAIN, plain);
	write_haru(dl, KB_HARU_PDFA, apdf);

	/* RC4 with a 128-bit key (revision 3); print yes, copy and change no. */
	ck_assert_int_eq(
	    tu_run(&out, "qpdf --json --json-key=encrypt --password=%s '%s'", USER_PW, ppdf), 0);
	ck_assert_msg(
	    tu_has(out, "\"R\": 3") && tu_has(out, "\"bits\": 128") &&
	        tu_has(out, "\"userpasswordmatched\": true") && tu_has(out, "\"extract\": false") &&
	        tu_has(out, "\"accessibility\": false") && tu_has(out, "\"modify\": false") &&
	        tu_has(out, "\"modifyannotations\": false") && tu_has(out, "\"printhigh\": true") &&
	        tu_has(out, "\"printlow\": true"),
	    "%s", out);
	free(out);
	ck_assert_int_eq(tu_run(&out, "qpdf --show-encryption --password=%s '%s'", USER_PW, ppdf),
	                 0);
	ck_assert_msg(tu_has(out, "R = 3") && tu_has(out, "extract for any purpose: not allowed") &&
	                  tu_has(out, "modify anything: not allowed") &&
	                  tu_has(out, "print high resolution: allowed"),
	              "%s", out);
	free(out);
	ck_assert_int_eq(tu_run(&out, "qpdf --show-encryption --password=%s '%s'", OWNER_PW, ppdf),
	                 0);
	ck_assert_msg(tu_has(out, "R = 3"), "%s", out);
	free(out);
	ck_assert_msg(tu_run(&out, "qpdf --check --password=%s '%s'", USER_PW, ppdf) == 0, "%s",
	              out);
	free(out);

	/* Unreadable without the password, readable with it. */
	ck_assert_int_ne(tu_run(&out, "pdftotext '%s' -", ppdf), 0);
	ck_assert_msg(!tu_has(out, MARKER), "%s", out);
	free(out);
	text = raw_text(ppdf, USER_PW);
	ck_assert_ptr_nonnull(text);
	ck_assert_msg(tu_has(text, MARKER_JA) && tu_has(text, MARKER), "%s", text);
	free(text);
	out = pdfinfo(plain, "Title");
	ck_assert_str_eq(out, MARKER_JA " " MARKER " 報告");
	free(out);

	/* No marker in the protected bytes, though the other copies hold them in the clear. */
	hex = utf16_hex(MARKER);
	raw = tu_read(apdf, &len);
	ck_assert_msg(bytes_have(raw, len, MARKER) && bytes_have(raw, len, MARKER_JA),
	              "the XMP of the PDF/A copy should carry the title");
	free(raw);
	raw = tu_read(plain, &len);
	ck_assert_msg(bytes_have(raw, len, hex),
	              "the Info of the plain copy should carry the title");
	free(raw);
	raw = tu_read(ppdf, &len);
	ck_assert_ptr_nonnull(raw);
	ck_assert_msg(!bytes_have(raw, len, MARKER) && !bytes_have(raw, len, MARKER_JA) &&
	                  !bytes_have(raw, len, hex),
	              "the protected file shows its marker");
	free(raw);
	free(hex);

	kb_dl_free(dl);
	free(ppdf), free(plain), free(apdf);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_protect_needs_passwords)
{
	static const char *const pw[][2] = {
	    {NULL, OWNER_PW}, {"", OWNER_PW}, {USER_PW, NULL}, {USER_PW, ""}, {"same", "same"}};
	struct kb_dl *dl = lay_memory(marked_tree);
	kb_buf diags = {0};

	kb_diag_reset();
	kb_diag_capture(&diags);
	for (size_t i = 0; i < sizeof(pw) / sizeof(*pw); i++) {
		struct kb_haru_opts o = {KB_HARU_PROTECT, pw[i][0], pw[i][1], TEST_ID};
		kb_buf b = {0};
		ck_assert_int_eq(kb_dl_haru_pdf(dl, &o, &b), -1);
		ck_assert_uint_eq(b.len, 0);
		ck_assert_int_eq(kb_diag_count(KB_FATAL), (int)i + 1);
	}
	kb_diag_capture(NULL);
	ck_assert_msg(tu_has(diags.data, "password"), "%s", diags.data);
	kb_diag_reset();
	kb_buf_free(&diags);
	kb_dl_free(dl);
}
END_TEST

START_TEST(test_pdfa)
{
	char *dir = tu_tmpdir(), *apdf, *raw, *out, *date;
	struct kb_dl *dl = lay_memory(marked_tree);
	size_t len;

	apdf = kb_asprintf("%s/archive.pdf", dir);
	write_haru(dl, KB_HARU_PDFA, apdf);
	raw = tu_read(apdf, &len);
	ck_assert_ptr_nonnull(raw);
	/* The XMP packet is stored unfiltered, as PDF/A-1 asks, so it can be read in the bytes. */
	date = kb_asprintf("<xmp:CreateDate>%s</xmp:CreateDate>", dl->meta.create_date);
	ck_assert(bytes_have(raw, len, "<pdfaid:part>1</pdfaid:part>"));
	ck_assert(bytes_have(raw, len, "<pdfaid:conformance>B</pdfaid:conformance>"));
	ck_assert(
	    bytes_have(raw, len, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" MARKER_JA));
	ck_assert(bytes_have(raw, len, date));
	ck_assert(bytes_have(raw, len, "/GTS_PDFA1"));
	ck_assert(bytes_have(raw, len, "/CIDSet"));
	ck_assert(!bytes_have(raw, len, "/Encrypt"));
	free(date);
	free(raw);
	ck_assert_int_eq(tu_run(&out, "qpdf --show-encryption '%s'", apdf), 0);
	ck_assert_msg(tu_has(out, "File is not encrypted"), "%s", out);
	free(out);
	ck_assert_msg(tu_run(&out, "qpdf --check '%s'", apdf) == 0, "%s", out);
	free(out);
	out = pdfinfo(apdf, "Metadata Stream");
	ck_assert_str_eq(out, "yes");
	free(out);
	/* Every font embedded (and subset, with a ToUnicode map). */
	ck_assert_int_eq(tu_run(&out, "pdffonts '%s' | tail -n +3", apdf), 0);
	ck_assert_msg(out[0] != '\0' && !tu_has(out, " no "), "%s", out);
	free(out);
	kb_dl_free(dl);
	free(apdf);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 12: U+3000 reaches the text layer of both writers as itself.
 * poppler drops a white-space character whose glyph maps to it alone, so
 * 「小林　優太」 extracted as 「小林 優太」 (or as two words on two lines).
 */
START_TEST(test_ideographic_space_issue12)
{
	static const char xml[] =
	    "<document><page/><p>氏名　小林　優太</p><p>　第1条の本文</p>"
	    "<table><col width=\"30mm\"/><col width=\"1*\"/><tbody><tr><td>担当</td>"
	    "<td>松井　裕介（情報政策課）</td></tr></tbody></table></document>";
	struct kb_dl *dl = lay_memory(xml);
	char *dir = tu_tmpdir();

	for (int w = 0; w < 2; w++) {
		char *pdf = kb_asprintf("%s/%s.pdf", dir, w ? "haru" : "cairo"), *out;
		if (w)
			write_haru(dl, KB_HARU_PLAIN, pdf);
		else
			write_cairo(dl, pdf);
		ck_assert_int_eq(tu_run(&out, "pdftotext -enc UTF-8 '%s' - 2>&1", pdf), 0);
		ck_assert_msg(tu_has(out, "氏名　小林　優太"), "%s: %s", pdf, out);
		ck_assert_msg(tu_has(out, "松井　裕介"), "%s: %s", pdf, out);
		ck_assert_msg(tu_has(out, "　第1条"), "%s: %s", pdf, out);
		free(out);
		free(pdf);
	}
	kb_dl_free(dl);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_deterministic)
{
	struct kb_dl *dl = lay_memory(vertical_tree);

	for (int m = KB_HARU_PLAIN; m <= KB_HARU_PDFA; m++) {
		struct kb_haru_opts o = {(enum kb_haru_mode)m, USER_PW, OWNER_PW, TEST_ID};
		kb_buf a = {0}, b = {0};
		ck_assert_int_eq(kb_dl_haru_pdf(dl, &o, &a), 0);
		/* A cold font cache must not change the bytes either. */
		kb_dl_haru_fini();
		ck_assert_int_eq(kb_dl_haru_pdf(dl, &o, &b), 0);
		ck_assert_msg(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
		              "mode %d: two runs differ", m);
		kb_buf_free(&a);
		kb_buf_free(&b);
	}
	kb_dl_free(dl);
}
END_TEST

Suite *
haru_suite(void)
{
	Suite *s = suite_create("haru");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_cross_writer, 0, NDOCS);
	tcase_add_test(tc, test_protected);
	tcase_add_test(tc, test_protect_needs_passwords);
	tcase_add_test(tc, test_pdfa);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_ideographic_space_issue12);
	suite_add_tcase(s, tc);
	return s;
}
