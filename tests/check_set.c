/* check_set.c — the documents of a build read as one set: each fact printed once from the records, the same in every document. */
#include <check.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"

/* One document of a build, from its manifest, with its extracted text (whitespace removed). */
struct sdoc {
	char *record, *kind, *audience, *authority, *number, *file;
	int revision;
	char *text;
};

/* A build of some input: its directory, its documents and the records read back with libxml. */
struct set {
	char *dir;
	struct sdoc *docs;
	size_t ndocs, cap;
	xmlDocPtr records;
};

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *r = v ? kb_strdup((const char *)v) : NULL;

	xmlFree(v);
	return r;
}

/* Builds records (a file under SRCDIR) into a fresh directory and reads every document's text. */
static void
set_build(struct set *s, const char *records)
{
	char *out, *path;
	xmlDocPtr m;
	int rc;

	memset(s, 0, sizeof(*s));
	s->dir = tu_tmpdir();
	rc = tu_run(&out, "%s build -q -o %s --org %s %s/%s", KOBUN, s->dir, ORG, SRCDIR, records);
	ck_assert_msg(rc == 0, "build of %s exited %d:\n%.2000s", records, rc, out);
	free(out);
	path = kb_asprintf("%s/manifest.xml", s->dir);
	m = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(m);
	for (xmlNodePtr c = xmlDocGetRootElement(m)->children; c != NULL; c = c->next) {
		struct sdoc *d;
		char *rev, *pdf;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		kb_grow((void **)&s->docs, &s->cap, s->ndocs + 1, sizeof(*s->docs));
		d = &s->docs[s->ndocs++];
		d->record = prop(c, "record");
		d->kind = prop(c, "kind");
		d->audience = prop(c, "audience");
		d->authority = prop(c, "authority");
		d->number = prop(c, "number");
		d->file = prop(c, "file");
		rev = prop(c, "revision");
		d->revision = rev ? atoi(rev) : 1;
		free(rev);
		pdf = kb_asprintf("%s/%s", s->dir, d->file);
		d->text = tu_pdf_text(pdf);
		ck_assert_msg(d->text != NULL, "cannot read %s", pdf);
		free(pdf);
	}
	xmlFreeDoc(m);
	free(path);
	path = kb_asprintf("%s/%s", SRCDIR, records);
	s->records = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(s->records);
	free(path);
}

static void
set_free(struct set *s)
{
	for (size_t i = 0; i < s->ndocs; i++) {
		struct sdoc *d = &s->docs[i];
		free(d->record), free(d->kind), free(d->audience), free(d->authority);
		free(d->number), free(d->file), free(d->text);
	}
	free(s->docs);
	xmlFreeDoc(s->records);
	tu_rmrf(s->dir);
	free(s->dir);
}

/*
 * The string value of an XPath expression over the records, with every
 * white space removed (as tu_pdf_text removes it); "" when nothing matches.
 */
static char *
record_value(const struct set *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *
record_value(const struct set *s, const char *fmt, ...)
{
	xmlXPathContextPtr x = xmlXPathNewContext(s->records);
	xmlXPathObjectPtr o;
	char *q, *v, *w, *r;
	va_list ap;
	kb_buf b = {0};

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	q = kb_buf_take(&b);
	o = xmlXPathEvalExpression((const xmlChar *)q, x);
	v = (char *)xmlXPathCastToString(o);
	for (r = w = v; *r != '\0'; r++)
		if (*r != ' ' && *r != '\n' && *r != '\t' && *r != '\r')
			*w++ = *r;
	*w = '\0';
	r = kb_strdup(v);
	xmlFree(v);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	free(q);
	return r;
}

static const char *const sets[] = {"input/2026-11.xml", "tests/data/monthly/busy.xml",
                                   "tests/data/confidential/incidents.xml"};

/*
 * Issue 11: every report on an incident names the case in its title (the
 * prefecture receives many), and every CIO-audience document is marked
 * 取扱注意.
 */
START_TEST(test_issue11_reports_name_the_case)
{
	struct set s;
	int reports = 0;

	set_build(&s, sets[_i]);
	for (size_t i = 0; i < s.ndocs; i++) {
		const struct sdoc *d = &s.docs[i];
		if (strcmp(d->audience, "cio") == 0)
			ck_assert_msg(tu_has(d->text, "取扱注意"), "%s is not marked 取扱注意", d->file);
		if (strncmp(d->kind, "incident-report-", 16) == 0) {
			char *title = record_value(&s, "string(//incident[@id='%s'][%s@revision='%d']/title)",
			                           d->record, d->revision == 1 ? "not(@revision) or " : "",
			                           d->revision);
			ck_assert_msg(title[0] != '\0', "no title in the record of %s", d->file);
			ck_assert_msg(tu_has(d->text, title), "%s does not name %s", d->file, title);
			reports++;
			free(title);
		}
	}
	ck_assert_msg(reports >= 3, "only %d incident reports in %s", reports, sets[_i]);
	set_free(&s);
}
END_TEST

Suite *
set_suite(void)
{
	Suite *s = suite_create("set");
	TCase *tc = tcase_create("set");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_issue11_reports_name_the_case, 0, sizeof(sets) / sizeof(sets[0]));
	suite_add_tcase(s, tc);
	return s;
}
