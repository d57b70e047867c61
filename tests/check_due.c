/* check_due.c — deadlines judged from what was sent (<sent>) in the CIO report, PPC sheet and
 * monthly report; kobun due. */
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
#include "wareki.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"
#define SENT SRCDIR "/tests/data/due/sent.xml"
#define BUSY SRCDIR "/tests/data/monthly/busy.xml"

static long
xp_long(xmlDocPtr doc, const char *expr)
{
	char *s = tu_xpath(doc, "%s", expr);
	long n = atol(s);

	free(s);
	return n;
}

/* Days from 1970 of an ISO date (the first 10 characters of s). */
static long
day_of(const char *s)
{
	char buf[11];
	struct kb_date d;

	snprintf(buf, sizeof(buf), "%s", s);
	ck_assert_msg(kb_date_parse(buf, &d) == 0, "not a date: '%s'", s);
	return kb_date_to_days(&d);
}

static char *
iso_of(long days)
{
	struct kb_date d;

	kb_date_from_days(days, &d);
	return kb_asprintf("%04d-%02d-%02d", d.y, d.m, d.d);
}

/* K of incident id: the day of its <recognized at=""> in the records (the same in every revision).
 */
static long
recognized(xmlDocPtr rec, const char *id)
{
	char *at = tu_xpath(rec, "string(//incident[@id='%s'][1]/recognized/@at)", id);
	long k = day_of(at);

	free(at);
	return k;
}

/*
 * The state of the PPC 速報 of incident id on day asof as the records say
 * it should be, worked out here from the spec (target K+3, late after
 * K+5; done by the earliest <sent to="ppc" report="preliminary"> of any
 * revision on or before asof), not by kobun.
 */
static const char *
quick_state(xmlDocPtr rec, const char *id, long asof)
{
	long k = recognized(rec, id), sent = -1;
	int n = (int)xp_long(rec, "count(//sent)");

	for (int i = 1; i <= n; i++) {
		char *on = tu_xpath(
		    rec, "string((//sent)[%d][../@id='%s'][@to='ppc'][@report='preliminary']/@on)",
		    i, id);
		if (on[0] != '\0' && day_of(on) <= asof && (sent < 0 || day_of(on) < sent))
			sent = day_of(on);
		free(on);
	}
	if (sent >= 0)
		return sent <= k + 5 ? "済" : "済（期限後）";
	return asof <= k + 5 ? "期限内" : "期限超過";
}

/* Runs kobun due with args; stdout into *out (caller frees), the exit status returned. */
static int
due(char **out, const char *args)
{
	char *dir = tu_tmpdir(), *file = kb_asprintf("%s/out", dir), *ignored;
	int rc = tu_run(&ignored, "(%s due %s 2>/dev/null) >%s", KOBUN, args, file);

	free(ignored);
	*out = tu_read(file, NULL);
	ck_assert_ptr_nonnull(*out);
	tu_rmrf(dir);
	free(dir);
	free(file);
	return rc;
}

/* The line of text holding every one of the NULL-terminated needles, or NULL; the caller frees. */
static char *
line_with(const char *text, ...)
{
	const char *p = text;

	while (*p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *line = kb_strndup(p, n);
		int all = 1;
		va_list ap;
		va_start(ap, text);
		for (const char *s = va_arg(ap, const char *); s != NULL;
		     s = va_arg(ap, const char *))
			all &= strstr(line, s) != NULL;
		va_end(ap);
		if (all)
			return line;
		free(line);
		p += n + (e != NULL);
	}
	return NULL;
}

/*
 * Issue 11: kobun due lists each open duty with the days left or overdue
 * worked out from the record: INC-D-0003 sent nothing, so its 速報 is
 * overdue since K+5 and its 確報 due K+29.
 */
START_TEST(test_issue11_due_text_days_from_record)
{
	xmlDocPtr rec = xmlReadFile(SENT, NULL, XML_PARSE_NONET);
	long d = day_of("2026-12-05"), k = recognized(rec, "INC-D-0003");
	char *out, *line, *want, *due_iso = iso_of(k + 29);
	int rc = due(&out, "--date 2026-12-05 --org " ORG " " SENT);

	ck_assert_msg(rc == 1, "kobun due exited %d with overdue duties, want 1:\n%s", rc, out);
	ck_assert_msg(tu_has(out, "令和8年12月5日"), "no date heading:\n%s", out);
	want = kb_asprintf("%ld日超過", d - (k + 5));
	line = line_with(out, "INC-D-0003", "個人情報保護委員会への速報", want,
	                 "個人情報保護法第68条第1項", (char *)NULL);
	ck_assert_msg(line != NULL, "no line for the 速報 of INC-D-0003 %s:\n%s", want, out);
	free(line), free(want);
	want = kb_asprintf("あと%ld日", k + 29 - d);
	line =
	    line_with(out, due_iso, "INC-D-0003", "個人情報保護委員会への確報", want, (char *)NULL);
	ck_assert_msg(line != NULL, "no line for the 確報 of INC-D-0003 due %s %s:\n%s", due_iso,
	              want, out);
	free(line), free(want);
	/* The 速報 of INC-D-0001 (sent in time) and INC-D-0002 (sent late) are done. */
	ck_assert_ptr_null(line_with(out, "INC-D-0001", "速報", (char *)NULL));
	ck_assert_ptr_null(line_with(out, "INC-D-0002", "速報", (char *)NULL));
	/* Columns aligned: 記録 starts at the same column on every line of the table. */
	{
		const char *h = strstr(out, "期限 "), *p;
		size_t col = 0, rows = 0;
		ck_assert_ptr_nonnull(h);
		for (p = h; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
			const char *rid = strstr(p, "INC-D-"), *e = strchr(p, '\n');
			char *pre;
			if (rid == NULL || (e != NULL && rid > e))
				continue;
			pre = kb_strndup(p, (size_t)(rid - p));
			if (col == 0)
				col = kb_display_width(pre);
			ck_assert_msg(kb_display_width(pre) == col,
			              "record column not aligned:\n%s", out);
			free(pre);
			rows++;
		}
		ck_assert_int_ge(rows, 4);
	}
	free(out);
	free(due_iso);
	xmlFreeDoc(rec);
}
END_TEST

/*
 * Issue 11: the XML form, every figure checked against the records: PPC
 * deadlines from K, a term from until="", the renewed term left out, the
 * letter of a revision not yet issued due on its issue day, a 協議 waiting
 * since its date; soonest first; overdue counted.
 */
START_TEST(test_issue11_due_xml)
{
	xmlDocPtr rec = xmlReadFile(SENT, NULL, XML_PARSE_NONET), x;
	long d = day_of("2026-12-05");
	char *out, *s, *prev = kb_strdup("");
	int rc = due(&out, "--date 2026-12-05 --format xml --org " ORG " " SENT), n;

	ck_assert_int_eq(rc, 1);
	x = xmlReadMemory(out, (int)strlen(out), "due.xml", NULL, XML_PARSE_NONET);
	ck_assert_msg(x != NULL, "not XML:\n%s", out);
	n = (int)xp_long(x, "count(/due/obligation)");
	ck_assert_int_eq(xp_long(x, "number(/due/@count)"), n);
	ck_assert_int_eq(xp_long(x, "number(/due/@overdue)"),
	                 xp_long(x, "count(/due/obligation[@state='overdue'])"));
	/* Every PPC 確報: due K+29 (none here is unauthorized-purpose), days = due - date. */
	for (int i = 1; i <= n; i++) {
		char *kind = tu_xpath(x, "string(/due/obligation[%d]/@kind)", i);
		char *id = tu_xpath(x, "string(/due/obligation[%d]/@record)", i);
		char *dd = tu_xpath(x, "string(/due/obligation[%d]/@due)", i);
		if (strcmp(kind, "ppc-final") == 0) {
			long k = recognized(rec, id);
			char *want = iso_of(k + 29);
			ck_assert_str_eq(dd, want);
			char *days = tu_xpath(x, "string(/due/obligation[%d]/@days)", i);
			ck_assert_int_eq(atol(days), k + 29 - d);
			free(want), free(days);
		}
		/* soonest first */
		if (dd[0] != '\0') {
			ck_assert_msg(strcmp(prev, dd) <= 0, "not soonest first: %s after %s", dd,
			              prev);
			free(prev);
			prev = kb_strdup(dd);
		}
		free(kind), free(id), free(dd);
	}
	/* Terms: NOM-D-0001 ends on its until; NOM-D-0002 is renewed by NOM-D-0003. */
	s = tu_xpath(rec, "string(//nomination[@id='NOM-D-0001']/@until)");
	ck_assert_int_eq(
	    xp_long(x, "number(//obligation[@record='NOM-D-0001'][@kind='term-end']/@days)"),
	    day_of(s) - d);
	free(s);
	ck_assert_int_eq(xp_long(x, "count(//obligation[@record='NOM-D-0002'])"), 0);
	s = tu_xpath(rec, "string(//appointment[@id='APP-D-0001']/@until)");
	ck_assert_int_eq(
	    xp_long(x,
	            "number(//obligation[@record='APP-D-0001'][@kind='cio-assistant-term']/@days)"),
	    day_of(s) - d);
	free(s);
	/* Revision 2 of INC-D-0005: its letter to the prefecture is due the day of its last event.
	 */
	s = tu_xpath(
	    rec, "string(//incident[@id='INC-D-0005'][@revision='2']/timeline/event[last()]/@at)");
	ck_assert_int_eq(xp_long(x, "number(//obligation[@record='INC-D-0005'][@authority='pref']"
	                            "[@revision='2']/@days)"),
	                 day_of(s) - d);
	free(s);
	/* The 協議 of SYS-D-0001 waits since its date. */
	s = tu_xpath(rec, "string(//system-plan[@id='SYS-D-0001']/@date)");
	ck_assert_int_eq(
	    xp_long(x, "number(//obligation[@record='SYS-D-0001'][@state='waiting']/@elapsed)"),
	    d - day_of(s));
	free(s);
	xmlFreeDoc(x);
	xmlFreeDoc(rec);
	free(out);
	free(prev);
}
END_TEST

/* Issue 11: a <sent> dated after --date does not count (CSV form). */
START_TEST(test_issue11_due_sent_after_date)
{
	xmlDocPtr rec = xmlReadFile(SENT, NULL, XML_PARSE_NONET);
	char *on =
	    tu_xpath(rec, "string(//incident[@id='INC-D-0004']/sent[@report='preliminary']/@on)");
	char *before = iso_of(day_of(on) - 1), *args, *out, *line;
	long k = recognized(rec, "INC-D-0004");

	args = kb_asprintf("--date %s --format csv --org %s %s", before, ORG, SENT);
	ck_assert_int_eq(due(&out, args), 1);
	ck_assert_msg(
	    strncmp(out,
	            "due,days,obligation,record,article,state,kind,revision,authority,"
	            "since,elapsed\r\n",
	            strlen("due,days,obligation,record,article,state,kind,revision,authority,"
	                   "since,elapsed\r\n")) == 0,
	    "CSV header:\n%s", out);
	{
		/* Overdue since K+5, the last day in time: due K+5, days negative. */
		char *late = iso_of(k + 5),
		     *want = kb_asprintf("%s,%ld,", late, k + 5 - day_of(before));
		line = line_with(out, want, ",INC-D-0004,", ",overdue,ppc-quick,", (char *)NULL);
		ck_assert_msg(line != NULL, "the 速報 of INC-D-0004 is not overdue on %s (%s):\n%s",
		              before, want, out);
		free(line);
		free(want);
		free(late);
	}
	/* Every row has the 11 columns of the header. */
	for (char *p = out; *p != '\0';) {
		char *e = strstr(p, "\r\n");
		int commas = 0;
		ck_assert_ptr_nonnull(e);
		for (char *q = p; q < e; q++)
			commas += *q == ',';
		ck_assert_int_eq(commas, 10);
		p = e + 2;
	}
	free(out);
	free(args);
	args = kb_asprintf("--date %s --format csv --org %s %s", on, ORG, SENT);
	due(&out, args);
	ck_assert_ptr_null(line_with(out, ",INC-D-0004,", "ppc-quick", (char *)NULL));
	free(out);
	free(args);
	free(on);
	free(before);
	xmlFreeDoc(rec);
}
END_TEST

/*
 * Issue 11: on the sample, 2026-12-05, nothing is overdue (exit 0): the
 * 速報 of INC-2026-0034 is on record and its 確報 is listed with the days
 * left from K. Without --date, today (SOURCE_DATE_EPOCH) is the date.
 */
START_TEST(test_issue11_due_sample)
{
	xmlDocPtr rec = xmlReadFile(SRCDIR "/input/2026-11.xml", NULL, XML_PARSE_NONET);
	long d = day_of("2026-12-05"), k = recognized(rec, "INC-2026-0034");
	char *out, *today, *want = kb_asprintf("あと%ld日", k + 29 - d), *line, *args;

	ck_assert_int_eq(due(&out, "--date 2026-12-05 " SRCDIR "/input"), 0);
	line = line_with(out, "INC-2026-0034", "個人情報保護委員会への確報", want, (char *)NULL);
	ck_assert_msg(line != NULL, "no 確報 of INC-2026-0034 %s:\n%s", want, out);
	ck_assert_ptr_null(line_with(out, "INC-2026-0034", "速報", (char *)NULL));
	ck_assert_ptr_null(strstr(out, "日超過"));
	free(line);
	args = kb_asprintf("SOURCE_DATE_EPOCH=%ld %s due %s/input", d * 86400, KOBUN, SRCDIR);
	ck_assert_int_eq(tu_run(&today, "(%s 2>/dev/null)", args), 0);
	ck_assert_str_eq(today, out);
	free(today);
	free(args);
	free(out);
	free(want);
	xmlFreeDoc(rec);
}
END_TEST

START_TEST(test_due_usage)
{
	char *out;

	ck_assert_int_eq(tu_run(&out, "%s due --date 2026-12-5 %s/input", KOBUN, SRCDIR), 2);
	free(out);
	ck_assert_int_eq(tu_run(&out, "%s due --format pdf %s/input", KOBUN, SRCDIR), 2);
	free(out);
	ck_assert_int_eq(tu_run(&out, "%s due --date 2026-12-05", KOBUN), 2);
	free(out);
}
END_TEST

/*
 * 第8条第3項: a DX推進員 nomination whose report kobun does not issue (here
 * its template is missing from KOBUN_DATADIR) is owed from the day of the
 * nomination, and overdue after it; with the template it is issued that
 * day and nothing is owed.
 */
START_TEST(test_due_nomination_report_owed)
{
	char *dir = tu_tmpdir(), *out, *line, *want;
	xmlDocPtr rec = xmlReadFile(SRCDIR "/tests/data/good/one-dx.xml", NULL, XML_PARSE_NONET);
	char *date = tu_xpath(rec, "string(//nomination[@id='NOM-T-0001']/@date)");
	long d = day_of("2026-06-01");

	ck_assert_int_eq(
	    tu_run(&out,
	           "mkdir %s/templates && ln -s %s/schema %s/fonts %s && "
	           "for f in %s/templates/*.xsl; do case $f in */nomination-report.xsl) "
	           ";; *) ln -s $f %s/templates/;; esac; done",
	           dir, SRCDIR, SRCDIR, dir, SRCDIR, dir),
	    0);
	free(out);
	ck_assert_int_eq(tu_run(&out,
	                        "(KOBUN_DATADIR=%s %s due -q --date 2026-06-01 --org %s "
	                        "%s/tests/data/good/one-dx.xml 2>/dev/null)",
	                        dir, KOBUN, ORG, SRCDIR),
	                 1);
	want = kb_asprintf("%ld日超過", d - day_of(date));
	line =
	    line_with(out, "NOM-T-0001", "DX推進員の指名の報告", want, "第8条第3項", (char *)NULL);
	ck_assert_msg(line != NULL, "no 第8条第3項 report owed %s:\n%s", want, out);
	free(line), free(out), free(want);
	ck_assert_int_eq(tu_run(&out,
	                        "(%s due --date 2026-06-01 --org %s %s/tests/data/good/one-dx.xml "
	                        "2>/dev/null)",
	                        KOBUN, ORG, SRCDIR),
	                 0);
	ck_assert_ptr_null(strstr(out, "NOM-T-0001"));
	free(out);
	free(date);
	xmlFreeDoc(rec);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* The text pdftotext -layout gives for a PDF; the caller frees. */
static char *
layout_text(const char *pdf)
{
	char *out;

	ck_assert_int_eq(tu_run(&out, "pdftotext -layout '%s' -", pdf), 0);
	return out;
}

/*
 * Issue 11: the CIO report's deadline table judges the PPC 速報 from the
 * <sent> of any revision on or before its date: 済 (in time), 済（期限後）
 * (late), 期限内 (not yet sent on an earlier report's day); the PPC sheet
 * says it was reported, with the 受付番号, and asks for the 確報 next.
 */
START_TEST(test_issue11_cio_report_sent)
{
	xmlDocPtr rec = xmlReadFile(SENT, NULL, XML_PARSE_NONET);
	char *dir = tu_tmpdir(), *out, *t, *line, *pdf;
	static const struct {
		const char *id;
		int rev;
	} cases[] = {{"INC-D-0001", 1}, {"INC-D-0001", 2}, {"INC-D-0002", 2}, {"INC-D-0003", 1}};

	ck_assert_int_eq(tu_run(&out, "%s build -q -o %s --org %s %s", KOBUN, dir, ORG, SENT), 0);
	free(out);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		/* The report's date: its revision's last event (no issued="" here). */
		char *last =
		    tu_xpath(rec, "string(//incident[@id='%s'][%s]/timeline/event[last()]/@at)",
		             cases[c].id, cases[c].rev == 1 ? "not(@revision)" : "@revision='2'");
		const char *want = quick_state(rec, cases[c].id, day_of(last));
		pdf = kb_asprintf("%s/%s/incident-report-cio-r%d.pdf", dir, cases[c].id,
		                  cases[c].rev);
		t = layout_text(pdf);
		line = line_with(t, "個人情報保護委員会への速報", (char *)NULL);
		ck_assert_msg(line != NULL, "%s has no 速報 row:\n%s", pdf, t);
		ck_assert_msg(strstr(line, want) != NULL, "%s: the 速報 should be %s: %s", pdf,
		              want, line);
		if (strcmp(want, "済") == 0)
			ck_assert_msg(strstr(line, "済（期限後）") == NULL &&
			                  strstr(line, "期限超過") == NULL &&
			                  strstr(line, "期限内") == NULL,
			              "%s: %s", pdf, line);
		free(line), free(t), free(pdf), free(last);
	}
	/* The PPC sheet of INC-D-0001 r2: reported on the day of the <sent>, its 受付番号, 確報
	 * next. */
	pdf = kb_asprintf("%s/INC-D-0001/ppc-report-sheet-r2.pdf", dir);
	t = tu_pdf_text(pdf);
	{
		char *ref = tu_xpath(rec, "string(//incident[@id='INC-D-0001']/sent/@ref)");
		ck_assert_msg(tu_has(t, "令和8年11月4日報告済み") && tu_has(t, ref),
		              "the PPC sheet does not say the 速報 was reported (%s): %.1500s", ref,
		              t);
		ck_assert_msg(tu_has(t, "□速報■確報"), "the PPC sheet still asks for a 速報");
		free(ref);
	}
	free(t), free(pdf);
	tu_rmrf(dir);
	free(dir);
	xmlFreeDoc(rec);
}
END_TEST

/*
 * Issue 11: the monthly report judges every PPC 速報 at the month's end
 * from the <sent> on record: the state of each, as worked out here from
 * the records, is what the report's context says; a deadline 期限内 is
 * printed with a last day not yet past (the busy month printed 「期限内
 * 10月30日まで」 on 10月31日); 済（期限後） and ▲期限超過 are printed.
 */
START_TEST(test_issue11_monthly_judged_at_month_end)
{
	static const struct {
		const char *records, *month, *end;
	} months[] = {{SENT, "2026-11", "2026-11-30"}, {BUSY, "2026-10", "2026-10-31"}};
	const char *records = months[_i].records;
	xmlDocPtr rec = xmlReadFile(records, NULL, XML_PARSE_NONET), ctx;
	char *dir = tu_tmpdir(), *out, *pdf, *t;
	long me = day_of(months[_i].end);
	int n, checked = 0, mm = atoi(months[_i].month + 5);

	ck_assert_int_eq(tu_run(&out,
	                        "(%s monthly %s --dump=context -o %s --org %s %s 2>/dev/null) "
	                        ">%s/ctx.xml",
	                        KOBUN, months[_i].month, dir, ORG, records, dir),
	                 0);
	free(out);
	pdf = kb_asprintf("%s/ctx.xml", dir);
	ctx = xmlReadFile(pdf, NULL, XML_PARSE_NONET);
	free(pdf);
	ck_assert_ptr_nonnull(ctx);
	n = (int)xp_long(ctx, "count(//incidents/incident)");
	for (int i = 1; i <= n; i++) {
		char *id = tu_xpath(ctx, "string(//incidents/incident[%d]/@id)", i);
		char *st = tu_xpath(
		    ctx, "string(//incidents/incident[%d]/deadline[@kind='ppc-quick']/@state)", i);
		if (st[0] != '\0') {
			ck_assert_msg(strcmp(st, quick_state(rec, id, me)) == 0,
			              "%s: 速報 %s at month end, want %s", id, st,
			              quick_state(rec, id, me));
			checked++;
		}
		free(id), free(st);
	}
	ck_assert_int_ge(checked, 4);
	/* Every 期限内 deadline's last day is not yet past at the month's end. */
	n = (int)xp_long(ctx, "count(//incidents/incident/deadline[@state='期限内'])");
	for (int i = 1; i <= n; i++) {
		char *u = tu_xpath(
		    ctx, "string((//incidents/incident/deadline[@state='期限内'])[%d]/@until)", i);
		ck_assert_msg(day_of(u) >= me, "期限内 until %s, before the month's end", u);
		free(u);
	}
	ck_assert_int_eq(tu_run(&out, "%s monthly %s -o %s --org %s %s", KOBUN, months[_i].month,
	                        dir, ORG, records),
	                 0);
	free(out);
	pdf = kb_asprintf("%s/monthly/%s.pdf", dir, months[_i].month);
	t = tu_pdf_text(pdf);
	ck_assert_ptr_nonnull(t);
	for (int d = 1; d < atoi(months[_i].end + 8); d++) {
		char *s = kb_asprintf("%d月%d日まで", mm, d);
		ck_assert_msg(!tu_has(t, s), "%s prints 「%s」 for a day already past", pdf, s);
		free(s);
	}
	ck_assert_msg(tu_has(t, "済（期限後）") && tu_has(t, "▲期限超過"), "%s: states missing",
	              pdf);
	/*
	 * Every incident recognised by the month's end is judged, also one
	 * whose first report went out only after it (INC-D-0006): its 第1報
	 * to the CIO is then past and not done, unless it is due that day.
	 */
	n = (int)xp_long(rec, "count(//incident[not(@revision)])");
	for (int i = 1; i <= n; i++) {
		char *id = tu_xpath(rec, "string(//incident[not(@revision)][%d]/@id)", i);
		char *at =
		    tu_xpath(rec, "string(//incident[not(@revision)][%d]/recognized/@at)", i);
		char *last = tu_xpath(
		    rec, "string(//incident[@id='%s'][not(@revision)]/timeline/event[last()]/@at)",
		    id);
		long k = day_of(at), issued = day_of(last);
		if (k <= me) {
			char *st = tu_xpath(
			    ctx,
			    "string(//incidents/incident[@id='%s']/deadline[@kind='cio']/@state)",
			    id);
			const char *want = issued > me  ? (k < me ? "期限超過" : "期限内")
			                   : issued > k ? "済（期限後）"
			                                : "済";
			ck_assert_msg(strcmp(st, want) == 0,
			              "%s: CIO 第1報 %s at month end, want %s", id, st, want);
			free(st);
		}
		free(id), free(at), free(last);
	}
	free(t), free(pdf);
	xmlFreeDoc(ctx);
	tu_rmrf(dir);
	free(dir);
	xmlFreeDoc(rec);
}
END_TEST

Suite *
due_suite(void)
{
	Suite *s = suite_create("due");
	TCase *tc = tcase_create("due");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_issue11_due_text_days_from_record);
	tcase_add_test(tc, test_issue11_due_xml);
	tcase_add_test(tc, test_issue11_due_sent_after_date);
	tcase_add_test(tc, test_issue11_due_sample);
	tcase_add_test(tc, test_due_usage);
	tcase_add_test(tc, test_due_nomination_report_owed);
	tcase_add_test(tc, test_issue11_cio_report_sent);
	tcase_add_loop_test(tc, test_issue11_monthly_judged_at_month_end, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
