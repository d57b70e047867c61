/* check_docx.c — editable copies (.docx, .odt): which documents get one, valid packages, the
 * PDF's text and table rows, identical bytes on two runs, none for protected documents; and,
 * with KOBUN_CHECK_DOCX set (make check-docx), the same text through LibreOffice. */
#include <check.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

/*
 * One build of the sample with --format docx into all/ and one with --format odt into odt/
 * (each with the monthly report), shared by the tests.
 */
static char *dir;

static void
setup(void)
{
	char *out = NULL;

	dir = tu_tmpdir();
	ck_assert_ptr_nonnull(dir);
	ck_assert_int_eq(
	    tu_run(&out, "%s build -q --format docx -o %s/all %s/input", KOBUN_BIN, dir, SRCDIR),
	    0);
	free(out);
	ck_assert_int_eq(tu_run(&out, "%s monthly 2026-11 -q --format docx -o %s/all %s/input",
	                        KOBUN_BIN, dir, SRCDIR),
	                 0);
	free(out);
	ck_assert_int_eq(tu_run(&out,
	                        "%s build -q --format odt -o %s/odt %s/input && %s monthly 2026-11 "
	                        "-q --format odt -o %s/odt %s/input",
	                        KOBUN_BIN, dir, SRCDIR, KOBUN_BIN, dir, SRCDIR),
	                 0);
	free(out);
}

static void
teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	dir = NULL;
}

/* The lines of a command's output as a NULL-terminated vector (g_strsplit); caller frees. */
static char **
lines_of(const char *fmt, const char *a, const char *b)
{
	char *out = NULL, *cmd = kb_asprintf(fmt, a, b), **v;
	size_t n = 0;

	ck_assert_int_eq(tu_run(&out, "%s", cmd), 0);
	free(cmd);
	n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	v = n > 0 ? g_strsplit(out, "\n", -1) : g_new0(char *, 1);
	free(out);
	return v;
}

/* The copies (files named *.ext: docx, odt) under dir/sub, sorted. */
static char **
copy_files(const char *sub, const char *ext)
{
	char *d = kb_asprintf("%s/%s", dir, sub), *x = kb_asprintf("'*.%s'", ext);
	char **v = lines_of("find %s -name %s | LC_ALL=C sort", d, x);

	free(d), free(x);
	return v;
}

/* 1 for an .odt, 0 for a .docx. */
static int
is_odt(const char *file)
{
	return g_str_has_suffix(file, ".odt");
}

/* The part holding a copy's body. */
static const char *
body_part(const char *file)
{
	return is_odt(file) ? "content.xml" : "word/document.xml";
}

/* The PDF beside a copy (its suffix replaced); the caller frees it. */
static char *
pdf_of(const char *file)
{
	return kb_asprintf("%.*s.pdf", (int)(strrchr(file, '.') - file), file);
}

/* 1 when dir/rel can be read. */
static int
exists(const char *rel)
{
	char *p = kb_asprintf("%s/%s", dir, rel);
	int ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

/* A part of a .docx, parsed; NULL when absent. */
static xmlDoc *
part(const char *docx, const char *name)
{
	char *out = NULL;
	xmlDoc *x = NULL;

	if (tu_run(&out, "unzip -p '%s' '%s' 2>/dev/null", docx, name) == 0 && out[0] != '\0')
		x = xmlReadMemory(out, (int)strlen(out), name, NULL, XML_PARSE_NONET);
	free(out);
	return x;
}

static const char odf_text[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

/* 1 when n is an element of the ODF text namespace. */
static int
in_odf_text(const xmlNode *n)
{
	return n != NULL && n->ns != NULL && strcmp((const char *)n->ns->href, odf_text) == 0;
}

/*
 * The text under n, in document order, appended to b: of every w:t of a
 * .docx, of the character data of text:p, text:h and text:span of an .odt.
 */
static void
texts(const xmlNode *n, kb_buf *b, int *rows)
{
	for (const xmlNode *c = n; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && in_odf_text(c->parent)) {
			kb_buf_puts(b, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "s") == 0 && in_odf_text(c))
			kb_buf_puts(b, " ");
		else if (strcmp((const char *)c->name, "t") == 0) {
			xmlChar *s = xmlNodeGetContent(c);
			kb_buf_puts(b, (const char *)s);
			xmlFree(s);
		} else if (rows != NULL && (strcmp((const char *)c->name, "tr") == 0 ||
		                            strcmp((const char *)c->name, "table-row") == 0))
			(*rows)++;
		else if (strcmp((const char *)c->name, "tab") == 0 ||
		         strcmp((const char *)c->name, "br") == 0 ||
		         strcmp((const char *)c->name, "line-break") == 0)
			kb_buf_puts(b, "\x01"); /* a column or a line of its own in the PDF */
		texts(c->children, b, rows);
	}
}

/* The words of the furniture: header and footer text, the watermark's word. */
struct furniture {
	char *w[8];
	int n;
};

/* The paragraphs of the header and footer of an .odt's master page, first of each into v. */
static void
odt_running(xmlNode *n, xmlNode **v, int *k)
{
	for (xmlNode *c = n; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			if ((strcmp((const char *)c->name, "header") == 0 ||
			     strcmp((const char *)c->name, "footer") == 0) &&
			    *k < 2)
				v[(*k)++] = c->children;
			else
				odt_running(c->children, v, k);
		}
}

static void
furniture_of(const char *docx, struct furniture *f)
{
	const char *const parts[] = {"word/header1.xml", "word/footer1.xml"};
	xmlDoc *sty = is_odt(docx) ? part(docx, "styles.xml") : NULL;
	xmlNode *odt[2] = {NULL, NULL};
	int nodt = 0;

	f->n = 0;
	if (sty != NULL)
		odt_running(xmlDocGetRootElement(sty), odt, &nodt);
	for (int i = 0; i < 2; i++) {
		xmlDoc *x = sty != NULL ? NULL : part(docx, parts[i]);
		xmlNode *first = sty != NULL ? odt[i]
		                 : x         ? xmlDocGetRootElement(x)->children
		                             : NULL;
		/* An .odt's watermark is a paragraph of its header, read with the others. */
		for (xmlNode *p = first; p != NULL; p = p->next) {
			kb_buf b = {0};
			texts(p->children, &b, NULL);
			if (b.len > 0 && f->n < 8) {
				for (char *q = b.data; *q != '\0'; q++)
					if (*q == '\x01')
						*q = ' ';
				tu_strip_space(b.data);
				f->w[f->n++] = kb_buf_take(&b);
			}
			kb_buf_free(&b);
		}
		if (x != NULL) {
			/* The watermark's word is an attribute of its shape. */
			char *raw = NULL, *at;
			tu_run(&raw, "unzip -p '%s' '%s'", docx, parts[i]);
			if ((at = strstr(raw, " string=\"")) != NULL && f->n < 8) {
				at += 9;
				f->w[f->n++] = kb_strndup(at, strcspn(at, "\""));
			}
			free(raw);
		}
		xmlFreeDoc(x);
	}
	xmlFreeDoc(sty);
}

static void
furniture_free(struct furniture *f)
{
	for (int i = 0; i < f->n; i++)
		free(f->w[i]);
	f->n = 0;
}

/* Bytes of a piece of furniture at p: a word of it, or a page number "N/M" or "N"; else 0. */
static size_t
furniture_at(const char *p, const struct furniture *f)
{
	size_t best = 0, k = 0;

	for (int i = 0; i < f->n; i++) {
		/* A footer's text is what its fields leave: "/" of "N / M". */
		if (strcmp(f->w[i], "/") == 0)
			continue;
		size_t n = strlen(f->w[i]);
		if (n > best && strncmp(p, f->w[i], n) == 0)
			best = n;
	}
	while (p[k] >= '0' && p[k] <= '9')
		k++;
	if (k > 0 && p[k] == '/' && p[k + 1] >= '0' && p[k + 1] <= '9') {
		k++;
		while (p[k] >= '0' && p[k] <= '9')
			k++;
		if (k > best)
			best = k;
	}
	return best;
}

/*
 * The bytes of pdf from its start that are body with furniture put in
 * anywhere (each page's header, footer and watermark), or 0 when none is;
 * backtracks where a piece of furniture could also be body text.
 */
static size_t
match_at(const char *pdf, const char *body, const struct furniture *f)
{
	struct {
		size_t i, j;
	} stack[256];
	int sp = 0;
	size_t i = 0, j = 0;

	for (;;) {
		size_t k;
		if (body[j] == '\0')
			return i;
		k = furniture_at(pdf + i, f);
		if (pdf[i] != '\0' && pdf[i] == body[j]) {
			if (k > 0 && sp < 256)
				stack[sp].i = i + k, stack[sp++].j = j;
			i++, j++;
			continue;
		}
		if (k > 0 && j > 0) {
			i += k;
			continue;
		}
		if (sp == 0)
			return 0;
		sp--;
		i = stack[sp].i, j = stack[sp].j;
	}
}

/* 1 when text holds para, furniture (a page break) allowed inside it. */
static int
has_para(const char *text, const char *para, const struct furniture *f)
{
	for (const char *p = text; (p = strchr(p, para[0])) != NULL; p++)
		if (match_at(p, para, f) > 0)
			return 1;
	return 0;
}

/*
 * 1 when text holds para in at most 6 pieces, each found whole: a cell's
 * lines that pdftotext reads between the lines of the cell beside it.
 */
static int
has_pieces(const char *text, const char *para)
{
	const char *p = para;

	for (int n = 0; *p != '\0'; n++) {
		size_t len = strlen(p);
		char *piece;
		if (n == 6)
			return 0;
		for (;;) {
			piece = kb_strndup(p, len);
			if (strstr(text, piece) != NULL)
				break;
			free(piece);
			len = (size_t)(g_utf8_prev_char(p + len) - p);
			if (len == 0)
				return 0;
		}
		free(piece);
		p += len;
	}
	return 1;
}

/* The text of each paragraph of the body (table cells' too), whitespace removed. */
static void
paras(const xmlNode *n, GPtrArray *out)
{
	for (const xmlNode *c = n; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "p") == 0 ||
		    strcmp((const char *)c->name, "h") == 0) {
			kb_buf t = {0};
			texts(c->children, &t, NULL);
			if (t.len > 0) {
				char **v = g_strsplit(t.data, "\x01", -1);
				for (char **w = v; *w != NULL; w++) {
					tu_strip_space(*w);
					if (**w != '\0')
						g_ptr_array_add(out, kb_strdup(*w));
				}
				g_strfreev(v);
			}
			kb_buf_free(&t);
		} else
			paras(c->children, out);
	}
}

/* The text of the header rows of the tables under n (repeated on each page of the PDF). */
static void
header_rows(const xmlNode *n, kb_buf *out)
{
	for (const xmlNode *c = n; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "trPr") == 0 && c->children != NULL &&
		    strcmp((const char *)c->children->name, "tblHeader") == 0)
			texts(c->parent->children, out, NULL);
		else if (strcmp((const char *)c->name, "table-header-rows") == 0)
			texts(c->children, out, NULL);
		else
			header_rows(c->children, out);
	}
}

/* Adds (sign 1) or takes away (-1) the characters of s to counts. */
static void
count_chars(GHashTable *counts, const char *s, int sign)
{
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gpointer key = GUINT_TO_POINTER(g_utf8_get_char(p));
		g_hash_table_insert(
		    counts, key,
		    GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(counts, key)) + sign));
	}
}

/*
 * Asserts pdf says what docx says: each paragraph of the .docx is in the
 * PDF's text (pdftotext's order of table cells and of vertical lines is
 * its own, so paragraphs are looked for one by one), and the PDF has no
 * character more than the .docx but for its furniture (header, footer,
 * page numbers, watermark).
 */
static void
assert_same_text(const char *docx, const char *pdf)
{
	struct furniture f;
	char *text = tu_pdf_text(pdf), *furn, *layout = NULL;
	xmlDoc *x = part(docx, body_part(docx));
	GPtrArray *ps = g_ptr_array_new_with_free_func(free);
	GHashTable *counts = g_hash_table_new(NULL, NULL);
	GHashTableIter it;
	gpointer key, val;
	kb_buf fb = {0};

	ck_assert_msg(text != NULL, "%s: pdftotext failed", pdf);
	/* A label spread over its column (均等割り) is read letter by letter but laid out whole. */
	ck_assert_int_eq(tu_run(&layout, "pdftotext -layout -enc UTF-8 '%s' -", pdf), 0);
	tu_strip_space(layout);
	ck_assert_msg(x != NULL, "%s: no %s", docx, body_part(docx));
	furniture_of(docx, &f);
	paras(xmlDocGetRootElement(x), ps);
	ck_assert_uint_gt(ps->len, 0);
	count_chars(counts, text, 1);
	for (guint i = 0; i < ps->len; i++) {
		const char *p = g_ptr_array_index(ps, i);
		ck_assert_msg(has_para(text, p, &f) || has_para(layout, p, &f) ||
		                  has_pieces(text, p),
		              "%s: \"%s\" is not in %s", docx, p, pdf);
		count_chars(counts, p, -1);
	}
	for (int i = 0; i < f.n; i++)
		kb_buf_puts(&fb, f.w[i]);
	kb_buf_puts(&fb, "0123456789/");
	header_rows(xmlDocGetRootElement(x), &fb);
	furn = kb_buf_take(&fb);
	g_hash_table_iter_init(&it, counts);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		char u[8];
		int n = GPOINTER_TO_INT(val);
		u[g_unichar_to_utf8(GPOINTER_TO_UINT(key), u)] = '\0';
		ck_assert_msg(n >= 0, "%s: %d × '%s' more than in %s", docx, -n, u, pdf);
		ck_assert_msg(n == 0 || strstr(furn, u) != NULL, "%s: %d × '%s' more in %s", docx,
		              n, u, pdf);
	}
	free(furn);
	g_hash_table_destroy(counts);
	g_ptr_array_free(ps, TRUE);
	xmlFreeDoc(x);
	furniture_free(&f);
	free(text), free(layout);
}

/* The table rows (w:tr, table:table-row) of a copy. */
static int
rows_of(const char *docx)
{
	xmlDoc *x = part(docx, body_part(docx));
	kb_buf b = {0};
	int rows = 0;

	ck_assert_msg(x != NULL, "%s: no %s", docx, body_part(docx));
	texts(xmlDocGetRootElement(x), &b, &rows);
	kb_buf_free(&b);
	xmlFreeDoc(x);
	return rows;
}

/* Without --format docx only press drafts and PPC sheets get one, logged and in the manifest. */
START_TEST(test_docx_default_kinds)
{
	char *out = NULL, **files, *man;
	size_t n;

	ck_assert_int_eq(tu_run(&out, "%s build -q -o %s/def %s/input", KOBUN_BIN, dir, SRCDIR), 0);
	free(out);
	files = copy_files("def", "docx");
	n = g_strv_length(files);
	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(tu_has(files[i], "/press-release-draft-r") ||
		                  tu_has(files[i], "/ppc-report-sheet-r"),
		              "%s", files[i]);
	{
		char *m = kb_asprintf("%s/def/manifest.xml", dir);
		man = tu_read(m, NULL);
		free(m);
	}
	ck_assert_ptr_nonnull(man);
	for (size_t i = 0; i < n; i++) {
		char *sum = NULL, *rel = files[i] + strlen(dir) + 5, *want;
		ck_assert_int_eq(tu_run(&sum, "sha256sum '%s' | cut -c1-64", files[i]), 0);
		sum[64] = '\0';
		want = kb_asprintf("docx=\"%s\" docx-sha256=\"%s\"", rel, sum);
		ck_assert_msg(tu_has(man, want), "manifest lacks %s", want);
		free(want);
		free(sum);
	}
	free(man);
	/* The register knows the copies under the document's key, with the same digests. */
	ck_assert_int_eq(tu_run(&out,
	                        "sqlite3 %s/def/register.sqlite \"SELECT count(*) FROM copies c "
	                        "JOIN issued i USING (record, kind, authority, revision) WHERE "
	                        "c.format='docx' AND c.sha256 <> i.sha256\"",
	                        dir),
	                 0);
	ck_assert_str_eq(out, "4\n");
	free(out);
	g_strfreev(files);
}
END_TEST

/* <policy editable="…" docx-font="…"/> changes the list and names the fallback fonts. */
START_TEST(test_docx_policy)
{
	char *out = NULL, *fonts = NULL;

	ck_assert_int_eq(
	    tu_run(&out,
	           "mkdir -p %s/pol && sed 's|<policy |<policy editable=\"nomination-notice\" "
	           "docx-font=\"游明朝;游ゴシック\" |' %s/input/organization.xml > "
	           "%s/pol/organization.xml && cp %s/input/2026-11.xml %s/pol/ && %s build -q -o "
	           "%s/pol/out %s/pol",
	           dir, SRCDIR, dir, SRCDIR, dir, KOBUN_BIN, dir, dir),
	    0);
	free(out);
	ck_assert(exists("pol/out/NOM-2026-0201/nomination-notice.docx"));
	ck_assert(exists("pol/out/INC-2026-0034/press-release-draft-r1.pdf"));
	ck_assert(!exists("pol/out/INC-2026-0034/press-release-draft-r1.docx"));
	ck_assert_int_eq(tu_run(&fonts,
	                        "unzip -p %s/pol/out/NOM-2026-0201/nomination-notice.docx "
	                        "word/fontTable.xml",
	                        dir),
	                 0);
	ck_assert(tu_has(fonts, "<w:altName w:val=\"游明朝\"/>"));
	ck_assert(tu_has(fonts, "<w:altName w:val=\"游ゴシック\"/>"));
	free(fonts);
}
END_TEST

/*
 * The copies (*.ext) under sub: one of every kind of document, each a
 * sound zip whose XML parts are well-formed. Returns them (g_strfreev).
 */
static char **
assert_sound_copies(const char *sub, const char *ext)
{
	char **files = copy_files(sub, ext), **kinds;
	size_t n = g_strv_length(files);

	kinds = lines_of("ls %s/templates | grep -v common | sed 's/\\.xsl$//'%s", SRCDIR, "");
	for (size_t k = 0; kinds[k] != NULL; k++) {
		int found = 0;
		/* The monthly report and the structure notice are named after their month or date.
		 */
		char *want = strcmp(kinds[k], "monthly-report") == 0 ? kb_strdup("/monthly/")
		             : strcmp(kinds[k], "structure-notice") == 0
		                 ? kb_strdup("/structure/")
		                 : kb_asprintf("/%s", kinds[k]);
		for (size_t i = 0; i < n && !found; i++)
			found = tu_has(files[i], want);
		ck_assert_msg(found, "no .%s of %s", ext, kinds[k]);
		free(want);
	}
	for (size_t i = 0; i < n; i++) {
		char *out = NULL;
		ck_assert_msg(tu_run(&out, "unzip -tq '%s'", files[i]) == 0, "%s: %s", files[i],
		              out);
		free(out);
		ck_assert_msg(
		    tu_run(&out,
		           "t=$(mktemp -d) && cd $t && unzip -q '%s' && find . -name "
		           "'*.xml' -o -name '*.rels' | xargs xmllint --noout; r=$?; rm -rf "
		           "$t; exit $r",
		           files[i]) == 0,
		    "%s: %s", files[i], out);
		free(out);
	}
	g_strfreev(kinds);
	return files;
}

/* Every kind as .docx: a sound zip whose XML parts are well-formed, with the styles named. */
START_TEST(test_docx_valid)
{
	char **files = assert_sound_copies("all", "docx");

	{
		/* The press draft: headings in the style list, page fields, the watermark. */
		char *doc = NULL, *sty = NULL, *hdr = NULL, *ftr = NULL;
		const char *f = "all/INC-2026-0034/press-release-draft-r1.docx";
		tu_run(&doc, "unzip -p %s/%s word/document.xml", dir, f);
		tu_run(&sty, "unzip -p %s/%s word/styles.xml", dir, f);
		tu_run(&hdr, "unzip -p %s/%s word/header1.xml", dir, f);
		tu_run(&ftr, "unzip -p %s/%s word/footer1.xml", dir, f);
		ck_assert(tu_has(doc, "<w:pStyle w:val=\"Heading1\"/>"));
		ck_assert(tu_has(sty, "<w:name w:val=\"heading 1\"/>"));
		ck_assert(tu_has(sty, "w:eastAsia=\"IPAex明朝\""));
		ck_assert(tu_has(sty, "<w:lang w:val=\"ja-JP\""));
		ck_assert(tu_has(sty, "<w:kinsoku/>"));
		ck_assert(tu_has(doc, "<w:tblHeader/>"));
		ck_assert(tu_has(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
		ck_assert(tu_has(hdr, "string=\"案\""));
		ck_assert(tu_has(ftr, "w:instr=\" PAGE \""));
		ck_assert(tu_has(ftr, "w:instr=\" NUMPAGES \""));
		free(doc), free(sty), free(hdr), free(ftr);
		/* 取扱注意 in the CIO report's header; the 辞令 is written vertically. */
		tu_run(&hdr,
		       "unzip -p %s/all/INC-2026-0034/incident-report-cio-r1.docx "
		       "word/header1.xml",
		       dir);
		ck_assert(tu_has(hdr, "取扱注意"));
		tu_run(&doc,
		       "unzip -p %s/all/APP-2026-0103/appointment-letter.docx word/document.xml",
		       dir);
		ck_assert(tu_has(doc, "<w:textDirection w:val=\"tbRl\"/>"));
		free(hdr), free(doc);
	}
	g_strfreev(files);
}
END_TEST

/*
 * Every kind as .odt: a sound zip whose first entry is the mimetype,
 * stored, so that its type is at byte 38; named styles, Japanese fonts in
 * the Asian slots, strict line breaking, the master page's furniture.
 */
START_TEST(test_odt_valid)
{
	static const char mime[] = "application/vnd.oasis.opendocument.text";
	char **files = assert_sound_copies("odt", "odt");

	ck_assert_uint_gt(g_strv_length(files), 40);
	for (size_t i = 0; files[i] != NULL; i++) {
		size_t len = 0;
		char *b = tu_read(files[i], &len);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_gt(len, 38 + sizeof(mime));
		/* local header: signature, method (8: 0 = stored), name length 8, no extra field */
		ck_assert(memcmp(b, "PK\3\4", 4) == 0);
		ck_assert_int_eq(b[8] | b[9] << 8, 0);
		ck_assert_int_eq(b[26] | b[27] << 8, 8);
		ck_assert_int_eq(b[28] | b[29] << 8, 0);
		ck_assert(memcmp(b + 30, "mimetype", 8) == 0);
		ck_assert_msg(memcmp(b + 38, mime, sizeof(mime) - 1) == 0, "%s", files[i]);
		free(b);
	}
	{
		char *doc = NULL, *sty = NULL, *man = NULL;
		const char *f = "odt/INC-2026-0034/press-release-draft-r1.odt";
		tu_run(&doc, "unzip -p %s/%s content.xml", dir, f);
		tu_run(&sty, "unzip -p %s/%s styles.xml", dir, f);
		tu_run(&man, "unzip -p %s/%s META-INF/manifest.xml", dir, f);
		ck_assert(tu_has(doc, "<text:h text:style-name=\"Heading_20_1\" "
		                      "text:outline-level=\"1\">"));
		ck_assert(
		    tu_has(sty, "style:name=\"Heading_20_1\" style:display-name=\"Heading 1\""));
		ck_assert(tu_has(sty, "style:display-name=\"記\""));
		ck_assert(tu_has(sty, "style:font-name-asian=\"IPAex明朝\""));
		ck_assert(tu_has(sty, "svg:font-family=\"IPAex明朝;ＭＳ 明朝\""));
		ck_assert(tu_has(sty, "style:language-asian=\"ja\" style:country-asian=\"JP\""));
		ck_assert(tu_has(sty, "style:line-break=\"strict\""));
		ck_assert(tu_has(doc, "<table:table-header-rows>"));
		ck_assert(tu_has(doc, "style:column-width=\""));
		ck_assert(tu_has(sty, "fo:page-width=\"210.00mm\" fo:page-height=\"297.00mm\""));
		ck_assert(tu_has(sty, "<text:p text:style-name=\"Wp\">案</text:p>"));
		ck_assert(tu_has(sty, "<text:page-number"));
		ck_assert(tu_has(sty, "<text:page-count>"));
		ck_assert(tu_has(man, "manifest:full-path=\"content.xml\""));
		free(doc), free(sty), free(man);
		/* 取扱注意 in the CIO report's header; the 辞令 is written vertically. */
		tu_run(&sty, "unzip -p %s/odt/INC-2026-0034/incident-report-cio-r1.odt styles.xml",
		       dir);
		ck_assert(tu_has(sty, "取扱注意"));
		free(sty);
		tu_run(&sty, "unzip -p %s/odt/APP-2026-0103/appointment-letter.odt styles.xml",
		       dir);
		ck_assert(tu_has(sty, "style:writing-mode=\"tb-rl\""));
		free(sty);
	}
	{
		/* render --format odt: the copy alone, from a document in kobun's vocabulary. */
		char *out = NULL;
		ck_assert_int_eq(
		    tu_run(&out,
		           "%s render -q --format odt -o %s/gyoto.odt "
		           "%s/tests/data/typeset/gyoto-iteration.xml && unzip -tq "
		           "%s/gyoto.odt && unzip -p %s/gyoto.odt content.xml | xmllint "
		           "--noout -",
		           KOBUN_BIN, dir, SRCDIR, dir, dir),
		    0);
		free(out);
		ck_assert(!exists("gyoto.pdf"));
	}
	g_strfreev(files);
}
END_TEST

/*
 * Each copy (*.ext) under sub says what its PDF says; together they have
 * the tree's table rows.
 */
static void
assert_text_and_rows(const char *sub, const char *ext)
{
	char **files = copy_files(sub, ext), *tree = NULL;
	int rows = 0, want = 0;

	for (size_t i = 0; files[i] != NULL; i++) {
		char *pdf = pdf_of(files[i]);
		assert_same_text(files[i], pdf);
		if (!tu_has(files[i], "/monthly/"))
			rows += rows_of(files[i]);
		free(pdf);
	}
	/* Table and form rows of every document of the build, as the tree has them. */
	ck_assert_int_eq(
	    tu_run(&tree, "%s build --dump=tree -o %s/dump %s/input", KOBUN_BIN, dir, SRCDIR), 0);
	for (const char *p = tree; (p = strchr(p, '\n')) != NULL; p++) {
		const char *q = p + 1;
		while (*q == ' ')
			q++;
		want += strncmp(q, "tr ", 3) == 0 || strncmp(q, "tr\n", 3) == 0 ||
		        strncmp(q, "row ", 4) == 0;
	}
	ck_assert_int_gt(want, 100);
	ck_assert_int_eq(rows, want);
	free(tree);
	g_strfreev(files);
}

START_TEST(test_docx_text_and_rows)
{
	assert_text_and_rows("all", "docx");
}
END_TEST

START_TEST(test_odt_text_and_rows)
{
	assert_text_and_rows("odt", "odt");
}
END_TEST

/* Two runs with --format ext give the same bytes as the one in sub. */
static void
assert_same_bytes(const char *sub, const char *ext)
{
	char *out = NULL;

	ck_assert_int_eq(tu_run(&out, "%s build -q --format %s -o %s/again-%s %s/input", KOBUN_BIN,
	                        ext, dir, ext, SRCDIR),
	                 0);
	free(out);
	ck_assert_int_eq(tu_run(&out,
	                        "cd %s/%s && n=0 && for f in $(find . -name '*.%s' ! -path "
	                        "'./monthly/*'); do cmp $f ../again-%s/$f || exit 1; n=$((n+1)); "
	                        "done; echo $n",
	                        dir, sub, ext, ext),
	                 0);
	ck_assert_int_gt(atoi(out), 40);
	free(out);
}

START_TEST(test_docx_deterministic)
{
	assert_same_bytes("all", "docx");
}
END_TEST

START_TEST(test_odt_deterministic)
{
	assert_same_bytes("odt", "odt");
}
END_TEST

/* A protected document never becomes an unprotected copy (*.ext); the others still do. */
static void
assert_protected(const char *ext)
{
	char *out = NULL, **files, *sub = kb_asprintf("prot-%s", ext);
	int cio = 0;

	ck_assert_int_eq(tu_run(&out,
	                        "printf 'u\\no\\n' > %s/pw && %s build -q --protect --format %s "
	                        "--password-file %s/pw -o %s/%s --org %s/input/organization.xml "
	                        "%s/tests/data/confidential/incidents.xml",
	                        dir, KOBUN_BIN, ext, dir, dir, sub, SRCDIR, SRCDIR),
	                 0);
	ck_assert_msg(tu_has(out, "[docx-protected]"), "%s", out);
	free(out);
	files = copy_files(sub, ext);
	ck_assert_uint_gt(g_strv_length(files), 0);
	for (size_t i = 0; files[i] != NULL; i++)
		ck_assert_msg(!tu_has(files[i], "incident-report-cio"), "%s", files[i]);
	g_strfreev(files);
	ck_assert_int_eq(tu_run(&out, "ls %s/%s/*/incident-report-cio-r1.pdf | wc -l", dir, sub),
	                 0);
	cio = atoi(out);
	free(out);
	ck_assert_int_gt(cio, 0);
	free(sub);
}

START_TEST(test_docx_protected)
{
	assert_protected("docx");
}
END_TEST

START_TEST(test_odt_protected)
{
	assert_protected("odt");
}
END_TEST

/*
 * --format odt: the manifest names each copy odt="…" odt-sha256="…", the
 * register logs it as format odt and register list shows it beside its
 * number; <policy editable-format="odt"/> makes the default copies .odt.
 */
START_TEST(test_odt_manifest_register)
{
	char *man, *out = NULL, *m = kb_asprintf("%s/odt/manifest.xml", dir), *sum = NULL, *want;
	const char *rel = "NOM-2026-0201/nomination-notice.odt";

	man = tu_read(m, NULL);
	free(m);
	ck_assert_ptr_nonnull(man);
	ck_assert_int_eq(tu_run(&sum, "sha256sum '%s/odt/%s' | cut -c1-64", dir, rel), 0);
	sum[64] = '\0';
	want = kb_asprintf("odt=\"%s\" odt-sha256=\"%s\"", rel, sum);
	ck_assert_msg(tu_has(man, want), "manifest lacks %s", want);
	ck_assert(!tu_has(man, " docx=\""));
	free(want), free(man);
	ck_assert_int_eq(tu_run(&out,
	                        "sqlite3 %s/odt/register.sqlite \"SELECT count(*) FROM copies "
	                        "WHERE format='odt' AND file LIKE '%%.odt'\"",
	                        dir),
	                 0);
	ck_assert_int_gt(atoi(out), 40);
	free(out);
	/* register list: the copy and its digest in the number's row, csv and text. */
	ck_assert_int_eq(tu_run(&out,
	                        "%s register list --format csv -o %s/odt | grep ',NOM-2026-0201,'",
	                        KOBUN_BIN, dir),
	                 0);
	want = kb_asprintf(",%s,%s\r\n", rel, sum);
	ck_assert_msg(tu_has(out, want), "%s", out);
	free(want), free(out);
	ck_assert_int_eq(tu_run(&out, "%s register list -o %s/odt", KOBUN_BIN, dir), 0);
	want = kb_asprintf("%s (%.12s)", rel, sum);
	ck_assert_msg(tu_has(out, "編集用の写し") && tu_has(out, want), "%s", out);
	free(want), free(out), free(sum);
	/* The policy: the default kinds get an .odt, and no .docx. */
	ck_assert_int_eq(
	    tu_run(&out,
	           "mkdir -p %s/polodt && sed 's|<policy |<policy editable-format=\"odt\" |' "
	           "%s/input/organization.xml > %s/polodt/organization.xml && cp "
	           "%s/input/2026-11.xml %s/polodt/ && %s build -q -o %s/polodt/out %s/polodt",
	           dir, SRCDIR, dir, SRCDIR, dir, KOBUN_BIN, dir, dir),
	    0);
	free(out);
	ck_assert(exists("polodt/out/INC-2026-0034/press-release-draft-r1.odt"));
	ck_assert(!exists("polodt/out/INC-2026-0034/press-release-draft-r1.docx"));
	ck_assert(!exists("polodt/out/NOM-2026-0201/nomination-notice.odt"));
}
END_TEST

/*
 * make check-docx: LibreOffice opens every copy (*.ext) under sub and
 * prints the same text as kobun's PDF.
 */
static void
assert_libreoffice(const char *sub, const char *ext)
{
	char *out = NULL, **files = copy_files(sub, ext);

	ck_assert_msg(tu_run(&out, "command -v soffice") == 0,
	              "soffice is missing: make check-docx installs it");
	free(out);
	/* One conversion per directory: the same names recur in several. */
	ck_assert_msg(tu_run(&out,
	                     "cd %s/%s && for d in $(find . -name '*.%s' | xargs -n1 dirname | "
	                     "LC_ALL=C sort -u); do HOME=%s/lohome soffice --headless "
	                     "--convert-to pdf --outdir ../lo-%s/$d $d/*.%s || exit 1; done",
	                     dir, sub, ext, dir, ext, ext) == 0,
	              "%s", out);
	free(out);
	for (size_t i = 0; files[i] != NULL; i++) {
		const char *rel = files[i] + strlen(dir) + strlen(sub) + 2;
		char *lo = kb_asprintf("%s/lo-%s/%s", dir, ext, rel), *pdf = pdf_of(lo);
		ck_assert_msg(access(pdf, R_OK) == 0, "LibreOffice wrote no %s", pdf);
		assert_same_text(files[i], pdf);
		free(pdf), free(lo);
	}
	g_strfreev(files);
}

START_TEST(test_docx_libreoffice)
{
	assert_libreoffice("all", "docx");
}
END_TEST

START_TEST(test_odt_libreoffice)
{
	assert_libreoffice("odt", "odt");
}
END_TEST

Suite *
docx_suite(void)
{
	Suite *s = suite_create("docx");
	TCase *tc = tcase_create("docx");

	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_docx_default_kinds);
	tcase_add_test(tc, test_docx_policy);
	tcase_add_test(tc, test_docx_valid);
	tcase_add_test(tc, test_docx_text_and_rows);
	tcase_add_test(tc, test_docx_deterministic);
	tcase_add_test(tc, test_docx_protected);
	tcase_add_test(tc, test_odt_valid);
	tcase_add_test(tc, test_odt_text_and_rows);
	tcase_add_test(tc, test_odt_deterministic);
	tcase_add_test(tc, test_odt_protected);
	tcase_add_test(tc, test_odt_manifest_register);
	suite_add_tcase(s, tc);
	return s;
}

Suite *
docx_libreoffice_suite(void)
{
	Suite *s = suite_create("docx-libreoffice");
	TCase *tc = tcase_create("libreoffice");

	tcase_set_timeout(tc, 900);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_docx_libreoffice);
	tcase_add_test(tc, test_odt_libreoffice);
	suite_add_tcase(s, tc);
	return s;
}
