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
	char *date, *records; /* a document of a date (structure notice); else NULL */
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

/*
 * Builds records (a file under SRCDIR, or an absolute path) into a fresh
 * directory and reads every document's text.
 */
static void
set_build(struct set *s, const char *records)
{
	char *out, *path;
	xmlDocPtr m;
	int rc;

	memset(s, 0, sizeof(*s));
	s->dir = tu_tmpdir();
	const char *top = records[0] == '/' ? "" : SRCDIR "/";

	rc = tu_run(&out, "%s build -q -o %s --org %s %s%s", KOBUN, s->dir, ORG, top, records);
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
		d->date = prop(c, "date");
		d->records = prop(c, "records");
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
	path = kb_asprintf("%s%s", top, records);
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
		free(d->date), free(d->records);
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

/* The name organization.xml (at path) gives the authority with id. */
static char *
org_authority_name(const char *path, const char *id)
{
	xmlDocPtr o = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlXPathContextPtr x;
	xmlXPathObjectPtr v;
	char *q = kb_asprintf("string(//authority[@id='%s']/@name)", id), *r;
	xmlChar *t;

	ck_assert_ptr_nonnull(o);
	x = xmlXPathNewContext(o);
	v = xmlXPathEvalExpression((const xmlChar *)q, x);
	t = xmlXPathCastToString(v);
	r = kb_strdup((const char *)t);
	xmlFree(t);
	xmlXPathFreeObject(v);
	xmlXPathFreeContext(x);
	xmlFreeDoc(o);
	free(q);
	ck_assert_msg(r[0] != '\0', "organization.xml has no authority %s", id);
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

/* The XPath of incident revision rev of record id (revision 1 may leave revision="" out). */
static char *
incident_xpath(const char *id, int rev)
{
	return kb_asprintf("//incident[@id='%s'][%s@revision='%d']", id,
	                   rev == 1 ? "not(@revision) or " : "", rev);
}

/*
 * Issue 11: the facts of <personal-data> (項目, 二次被害, 本人への対応)
 * are printed from the record, the same in the CIO report, the authority
 * reports, the PPC sheet and the press draft; a part the record leaves
 * out prints 要記入 in each of them, and no document states a fact of its
 * own (the press draft once said 「現時点で二次被害は確認されていません。」
 * whatever the record held).
 */
START_TEST(test_issue11_personal_data_one_truth)
{
	static const char *const parts[] = {"items", "secondary-damage", "persons-notice"};
	struct set s;
	int checked = 0;

	set_build(&s, sets[_i]);
	for (size_t i = 0; i < s.ndocs; i++) {
		const struct sdoc *d = &s.docs[i];
		char *x, *persons, *given;
		if (strncmp(d->kind, "incident-report-", 16) != 0 &&
		    strcmp(d->kind, "ppc-report-sheet") != 0 && strcmp(d->kind, "press-release-draft") != 0)
			continue;
		x = incident_xpath(d->record, d->revision);
		persons = record_value(&s, "string(%s/impact/@personal-records)", x);
		given = record_value(&s, "string(count(%s/personal-data))", x);
		if (strcmp(given, "0") == 0 && (persons[0] == '\0' || strcmp(persons, "0") == 0)) {
			/* No personal data concerned: nothing to state, nothing invented. */
			ck_assert_msg(!tu_has(d->text, "二次被害"), "%s speaks of 二次被害 with no personal data",
			              d->file);
			free(x), free(persons), free(given);
			continue;
		}
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			char *v = record_value(&s, "string(%s/personal-data/%s)", x, parts[k]);
			char *aud = record_value(&s, "string(%s/personal-data/%s/ancestor-or-self::*/@audience)",
			                         x, parts[k]);
			int shown = aud[0] == '\0' || strcmp(aud, "public") == 0 ||
			            strcmp(d->audience, "cio") == 0 ||
			            (strcmp(aud, "authorities") == 0 && strcmp(d->audience, "public") != 0);
			/* The press draft prints 項目 and 二次被害; the letters and the sheet all three. */
			int printed = strcmp(d->kind, "press-release-draft") != 0 || k < 2;
			if (!printed)
				goto next;
			if (v[0] != '\0' && shown)
				ck_assert_msg(tu_has(d->text, v), "%s does not print the record's %s 「%s」", d->file,
				              parts[k], v);
			else if (v[0] != '\0')
				ck_assert_msg(!tu_has(d->text, v) && tu_has(d->text, "記載省略"),
				              "%s shows the %s its audience may not see", d->file, parts[k]);
			else
				ck_assert_msg(tu_has(d->text, "要記入"), "%s: no %s in the record, and no 要記入",
				              d->file, parts[k]);
			checked++;
		next:
			free(v), free(aud);
		}
		{
			char *v = record_value(&s, "string(%s/personal-data/secondary-damage)", x);
			ck_assert_msg(!tu_has(d->text, "二次被害は確認されていません") ||
			                  tu_has(v, "二次被害は確認されていません"),
			              "%s states 二次被害 the record does not", d->file);
			free(v);
		}
		free(x), free(persons), free(given);
	}
	ck_assert_msg(checked >= 6, "only %d personal-data facts checked in %s", checked, sets[_i]);
	set_free(&s);
}
END_TEST

/* The first 令和 date of text as YYYYMMDD, or 0 when there is none. */
static long
first_reiwa(const char *text)
{
	const char *p = strstr(text, "令和");
	int y, m, d;

	if (p == NULL)
		return 0;
	p += strlen("令和");
	if (strncmp(p, "元", strlen("元")) == 0) {
		y = 1;
		p += strlen("元");
	} else {
		y = (int)strtol(p, (char **)&p, 10);
	}
	if (strncmp(p, "年", strlen("年")) != 0)
		return 0;
	m = (int)strtol(p + strlen("年"), (char **)&p, 10);
	if (strncmp(p, "月", strlen("月")) != 0)
		return 0;
	d = (int)strtol(p + strlen("月"), (char **)&p, 10);
	return (2018L + y) * 10000 + m * 100 + d;
}

/* "2026-11-25T09:10" → 20261125 (the records of these sets are in JST). */
static long
iso_day(const char *iso)
{
	int y, m, d;

	return sscanf(iso, "%d-%d-%d", &y, &m, &d) == 3 ? y * 10000L + m * 100 + d : 0;
}

/* 令和8年11月25日 for 20261125. */
static char *
reiwa(long day)
{
	return kb_asprintf("令和%ld年%ld月%ld日", day / 10000 - 2018, day / 100 % 100, day % 100);
}

/*
 * Issue 11 (4): the documents of one incident revision read side by side
 * agree with each other and with the record: each is dated on or after
 * every event it prints; the day of 認知 and the number of persons are the
 * record's in every document that may show them; the CIO report lists
 * every authority a report was written to, and the PPC sheet exists
 * exactly when the CIO report names the PPC.
 */
START_TEST(test_issue11_incident_set_agrees)
{
	struct set s;
	int revisions = 0;

	set_build(&s, sets[_i]);
	for (size_t i = 0; i < s.ndocs; i++) {
		const struct sdoc *cio = &s.docs[i];
		char *x;
		int ppc = 0;
		if (strcmp(cio->kind, "incident-report-cio") != 0)
			continue;
		revisions++;
		x = incident_xpath(cio->record, cio->revision);
		for (size_t j = 0; j < s.ndocs; j++) {
			const struct sdoc *d = &s.docs[j];
			long dated = first_reiwa(d->text);
			char *persons, *rec, *recaud, *n;
			if (d->record == NULL || strcmp(d->record, cio->record) != 0 ||
			    d->revision != cio->revision)
				continue;
			ck_assert_msg(dated != 0, "%s carries no date", d->file);
			/* No document is dated before an event it prints. */
			n = record_value(&s, "string(count(%s/timeline/event))", x);
			for (int e = 1; e <= atoi(n); e++) {
				char *txt = record_value(&s, "string(%s/timeline/event[%d])", x, e);
				char *at = record_value(&s, "string(%s/timeline/event[%d]/@at)", x, e);
				ck_assert_msg(txt[0] == '\0' || !tu_has(d->text, txt) || iso_day(at) <= dated,
				              "%s is dated %ld but prints the event of %s 「%s」", d->file, dated,
				              at, txt);
				free(txt), free(at);
			}
			free(n);
			/* 認知 is the record's day wherever its audience may see it. */
			rec = record_value(&s, "string(%s/recognized/@at)", x);
			recaud = record_value(&s, "string(%s/recognized/@audience)", x);
			if (rec[0] != '\0' && (recaud[0] == '\0' || strcmp(recaud, "public") == 0 ||
			                        strcmp(d->audience, "cio") == 0 ||
			                        (strcmp(recaud, "authorities") == 0 &&
			                         strcmp(d->audience, "public") != 0))) {
				char *day = reiwa(iso_day(rec));
				ck_assert_msg(tu_has(d->text, day), "%s does not print 認知 %s", d->file, day);
				free(day);
			}
			free(rec), free(recaud);
			/* The number of persons, as the record counts them. */
			persons = record_value(&s, "string(%s/impact/@personal-records)", x);
			if (atol(persons) > 0 && strcmp(d->kind, "press-release-draft") != 0) {
				char *count = kb_asprintf("%s人", persons);
				char *grouped = NULL;
				if (strlen(persons) > 3) /* 1,480人 */
					grouped = kb_asprintf("%.*s,%s人", (int)strlen(persons) - 3, persons,
					                      persons + strlen(persons) - 3);
				ck_assert_msg(tu_has(d->text, count) || (grouped && tu_has(d->text, grouped)),
				              "%s does not count %s persons", d->file, persons);
				free(count), free(grouped);
			}
			free(persons);
			if (strcmp(d->kind, "incident-report-authority") == 0) {
				char *name = NULL;
				const char *a = d->authority;
				ck_assert_ptr_nonnull(a);
				name = org_authority_name(ORG, a);
				ck_assert_msg(tu_has(cio->text, name), "%s: the CIO report does not list %s",
				              cio->file, name);
				free(name);
			}
			ppc += strcmp(d->kind, "ppc-report-sheet") == 0;
		}
		ck_assert_msg(ppc == (tu_has(cio->text, "個人情報保護委員会（") ? 1 : 0),
		              "%s: the PPC sheet and the CIO report disagree on the PPC duty", cio->file);
		free(x);
	}
	ck_assert_msg(revisions >= 2, "only %d incident revisions in %s", revisions, sets[_i]);
	set_free(&s);
}
END_TEST

/*
 * Issue 16 (4): an instant given with another offset is the JST date and
 * time everywhere: 2026-11-25T16:30Z is 11月26日 1時30分, the report is
 * dated 11月26日 and K (hence every deadline) is 11月26日.
 */
START_TEST(test_issue16_instants_in_jst)
{
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/utc.xml", dir);
	FILE *f = fopen(path, "w");
	struct set s;
	int cio = 0;

	fputs("<records version=\"1\"><incident id=\"INC-Z-1\" severity=\"2\" category=\"other\" "
	      "status=\"open\"><title>時差のある記録</title><occurred at=\"2026-11-25T16:00Z\"/>"
	      "<recognized at=\"2026-11-25T16:30Z\" by=\"p047\"/><division ref=\"shiminka\"/>"
	      "<impact personal-records=\"120\"/><summary>概要</summary><timeline>"
	      "<event at=\"2026-11-25T16:30+00:00\">認知</event></timeline></incident></records>\n",
	      f);
	fclose(f);
	set_build(&s, path);
	for (size_t i = 0; i < s.ndocs; i++) {
		const struct sdoc *d = &s.docs[i];
		ck_assert_msg(!tu_has(d->text, "16時30分") && !tu_has(d->text, "11月25日"),
		              "%s prints the instant as written, not in JST", d->file);
		ck_assert_msg(tu_has(d->text, "令和8年11月26日"), "%s is not dated 11月26日", d->file);
		if (strcmp(d->kind, "incident-report-cio") == 0) {
			cio++;
			ck_assert_msg(tu_has(d->text, "11月26日1時30分"), "認知 not in JST: %.600s", d->text);
			/* 確報: K + 29 days = 12月25日 */
			ck_assert_msg(tu_has(d->text, "令和8年12月25日"), "PPC deadline not from K in JST");
		}
	}
	ck_assert_int_eq(cio, 1);
	set_free(&s);
	tu_rmrf(dir);
	free(dir);
	free(path);
}
END_TEST

/* Writes text to a fresh file dir/name; the caller frees the path. */
static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *path = kb_asprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* The document of kind for record (NULL: a document of a date, matched on date). */
static const struct sdoc *
sdoc_find(const struct set *s, const char *kind, const char *record, const char *date)
{
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct sdoc *d = &s->docs[i];
		if (strcmp(d->kind, kind) == 0 &&
		    (record ? d->record && strcmp(d->record, record) == 0
		            : d->date && strcmp(d->date, date) == 0))
			return d;
	}
	return NULL;
}

/*
 * The part of text from the first occurrence of from (after start) up
 * to the first occurrence of to after it (or the end); the caller frees.
 */
static char *
between(const char *text, const char *start, const char *from, const char *to)
{
	const char *a = strstr(text, start), *b;

	ck_assert_msg(a != NULL, "no 「%s」 in %.2000s", start, text);
	a = strstr(a, from);
	ck_assert_msg(a != NULL, "no 「%s」 after 「%s」", from, start);
	b = to ? strstr(a + strlen(from), to) : NULL;
	return b ? kb_strndup(a, (size_t)(b - a)) : kb_strdup(a);
}

/*
 * Issue 11 (people and posts): two appointments the same day and a
 * CIO補佐官 that day make one structure notice at structure/DATE.pdf
 * listing the three records, each change under the appointment that made
 * it; a CIO補佐官 on another day makes a second notice. The 辞令 says
 * 委嘱する to the outside expert and 任命する to a 課長. A post held as
 * 事務取扱 prints 「市民生活部長（保険年金課長事務取扱）」 in the sender
 * line of the nomination notice and report, the roster and the monthly
 * report. The old code wrote APP-…/structure-notice.pdf per appointment,
 * gave every change to the first, said 任命する to everyone and printed
 * 保険年金課長 (signature) and 市民生活部長 (monthly report).
 */
START_TEST(test_issue11_people_and_posts)
{
	char *dir = tu_tmpdir(), *out, *mtext, *mpdf, *seg;
	char *path = write_file(
	    dir, "people.xml",
	    "<records version=\"1\">"
	    "<appointment id=\"APP-T-1\" date=\"2026-06-01\" person=\"p021\">"
	    "<post rank=\"division-head\" title=\"課長\" unit=\"shiminka\"/></appointment>"
	    "<appointment id=\"APP-T-2\" date=\"2026-06-01\" person=\"p006\" acting=\"true\">"
	    "<post rank=\"division-head\" title=\"課長\" unit=\"hoken\"/></appointment>"
	    "<appointment id=\"APP-T-3\" date=\"2026-06-01\" person=\"p060\" "
	    "role=\"cio-assistant\" "
	    "until=\"2027-03-31\"><reason>専門的知見を有するため</reason></appointment>"
	    "<appointment id=\"APP-T-4\" date=\"2026-07-01\" person=\"p013\" "
	    "role=\"cio-assistant\" "
	    "until=\"2027-03-31\"><reason>庁内の知見を活かすため</reason></appointment>"
	    "<nomination id=\"NOM-T-1\" date=\"2026-06-02\" kind=\"dx-promoter\" "
	    "nominator=\"p006\" "
	    "nominee=\"p049\"/>"
	    "</records>\n");
	static const char acting[] = "市民生活部長（保険年金課長事務取扱）岩崎誠";
	struct set s;
	const struct sdoc *jun, *jul, *d;
	int notices = 0;

	set_build(&s, path);
	for (size_t i = 0; i < s.ndocs; i++)
		if (strcmp(s.docs[i].kind, "structure-notice") == 0) {
			notices++;
			ck_assert_msg(s.docs[i].record == NULL && s.docs[i].date != NULL,
			              "%s is not a notice of a date", s.docs[i].file);
		}
	ck_assert_int_eq(notices, 2);
	jun = sdoc_find(&s, "structure-notice", NULL, "2026-06-01");
	jul = sdoc_find(&s, "structure-notice", NULL, "2026-07-01");
	ck_assert_ptr_nonnull(jun);
	ck_assert_ptr_nonnull(jul);
	ck_assert_str_eq(jun->file, "structure/2026-06-01.pdf");
	ck_assert_str_eq(jun->records, "APP-T-1 APP-T-2 APP-T-3");
	ck_assert_str_eq(jul->file, "structure/2026-07-01.pdf");
	ck_assert_str_eq(jul->records, "APP-T-4");
	ck_assert_msg(jun->number != NULL && jul->number != NULL &&
	                  strcmp(jun->number, jul->number) != 0,
	              "the notices share a number");

	/* Each change under its own appointment, in section 2. */
	seg = between(jun->text, "変更された役割", "APP-T-1", "APP-T-2");
	ck_assert_msg(tu_has(seg, "第7条第1項") && tu_has(seg, "上田聡") &&
	                  tu_has(seg, "市民課長高橋美穂"),
	              "%s", seg);
	ck_assert_msg(!tu_has(seg, "CIO補佐官") && !tu_has(seg, "岩崎"), "%s", seg);
	free(seg);
	seg = between(jun->text, "変更された役割", "APP-T-2", "APP-T-3");
	ck_assert_msg(tu_has(seg, "保険年金課") && tu_has(seg, "高橋美穂") && tu_has(seg, acting),
	              "%s", seg);
	ck_assert_msg(!tu_has(seg, "CIO補佐官"), "%s", seg);
	free(seg);
	seg = between(jun->text, "変更された役割", "APP-T-3", "体制表");
	ck_assert_msg(tu_has(seg, "CIO補佐官を委嘱"), "%s", seg);
	ck_assert_msg(tu_has(seg, "第4条第1項") && tu_has(seg, "（なし）") &&
	                  tu_has(seg, "変更後榎本修司"),
	              "%s", seg);
	ck_assert_msg(!tu_has(seg, "市民課") && !tu_has(seg, "岩崎"), "%s", seg);
	free(seg);
	/* The July notice: only the CIO補佐官 of APP-T-4. */
	seg = between(jul->text, "変更された役割", "APP-T-4", "体制表");
	ck_assert_msg(tu_has(seg, "CIO補佐官に任命"), "%s", seg);
	ck_assert_msg(!tu_has(jul->text, "APP-T-1"), "%.2000s", jul->text);
	free(seg);
	/* The roster of the notice names the acting post. */
	seg = between(jun->text, "体制表", "情報管理者（第7条）", NULL);
	ck_assert_msg(tu_has(seg, acting), "%.3000s", seg);
	free(seg);

	/* 委嘱 to the outside expert, 任命 to the 情報政策課長. */
	d = sdoc_find(&s, "appointment-letter", "APP-T-3", NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(tu_has(d->text, "補佐官を委嘱する") && !tu_has(d->text, "任命"), "%s",
	              d->text);
	d = sdoc_find(&s, "appointment-letter", "APP-T-4", NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(tu_has(d->text, "補佐官に任命する") && !tu_has(d->text, "委嘱"), "%s",
	              d->text);

	/* 事務取扱 in the sender lines of the DX推進員 notice and report. */
	d = sdoc_find(&s, "nomination-notice", "NOM-T-1", NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(tu_has(d->text, acting), "%.1500s", d->text);
	d = sdoc_find(&s, "nomination-report", "NOM-T-1", NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(tu_has(d->text, acting), "%.1500s", d->text);

	/* The monthly report: the nominator of NOM-T-1 and the 任命・異動 line. */
	ck_assert_int_eq(
	    tu_run(&out, "%s monthly 2026-06 -o %s --org %s %s", KOBUN, s.dir, ORG, path), 0);
	free(out);
	mpdf = kb_asprintf("%s/monthly/2026-06.pdf", s.dir);
	mtext = tu_pdf_text(mpdf);
	ck_assert_ptr_nonnull(mtext);
	seg = between(mtext, "指名・任命", "DX推進員", "任命・異動");
	ck_assert_msg(tu_has(seg, acting), "nominator line: %s", seg);
	free(seg);
	seg = between(mtext, "指名・任命", "任命・異動", "体制表");
	ck_assert_msg(tu_has(seg, "岩崎誠市民生活部長（保険年金課長事務取扱）"), "%s", seg);
	ck_assert_msg(tu_has(seg, "CIO補佐官を委嘱"), "%s", seg);
	free(seg);
	free(mtext);
	free(mpdf);
	set_free(&s);
	tu_rmrf(dir);
	free(dir);
	free(path);
}
END_TEST

Suite *
set_suite(void)
{
	Suite *s = suite_create("set");
	TCase *tc = tcase_create("set");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, test_issue11_reports_name_the_case, 0, sizeof(sets) / sizeof(sets[0]));
	tcase_add_loop_test(tc, test_issue11_personal_data_one_truth, 0, sizeof(sets) / sizeof(sets[0]));
	tcase_add_loop_test(tc, test_issue11_incident_set_agrees, 0, sizeof(sets) / sizeof(sets[0]));
	tcase_add_test(tc, test_issue16_instants_in_jst);
	tcase_add_test(tc, test_issue11_people_and_posts);
	suite_add_tcase(s, tc);
	return s;
}
