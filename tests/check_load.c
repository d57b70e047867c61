/* check_load.c — loading and validation: diagnostics with the right file:line and id, safe parsing,
 * limits. */
#include <check.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "orgindex.h"
#include "roles.h"
#include "rules.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define ORG SRCDIR "/input/organization.xml"
#define BAD SRCDIR "/tests/data/bad/"

static struct kb_loader *ld;
static struct kb_input in;
static kb_buf cap;
static char *dir;

static void
setup(void)
{
	kb_diag_reset();
	memset(&cap, 0, sizeof(cap));
	kb_diag_capture(&cap);
	kb_diag_set_quiet(1);
	ld = kb_loader_new(SRCDIR);
	ck_assert_ptr_nonnull(ld);
	memset(&in, 0, sizeof(in));
	ck_assert_msg(kb_load_org(ld, ORG, &in) == 0, "sample organization: %s", cap.data);
	dir = tu_tmpdir();
}

static void
teardown(void)
{
	kb_input_free(&in);
	kb_loader_free(ld);
	kb_diag_capture(NULL);
	kb_diag_set_quiet(0);
	kb_buf_free(&cap);
	kb_diag_reset();
	tu_rmrf(dir);
	free(dir);
}

/* Writes body to a file in the temp dir and loads it with every check; returns its path. */
static char *
load_text(const char *name, const char *body)
{
	char *path = kb_asprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(body, f);
	fclose(f);
	kb_load_records(ld, path, &in);
	kb_check_run(&in);
	return path;
}

static const struct kb_record *
rec(const char *id)
{
	for (size_t i = 0; i < in.nrecords; i++)
		if (in.records[i].id && strcmp(in.records[i].id, id) == 0 &&
		    !in.records[i].standing)
			return &in.records[i];
	return NULL;
}

/* Asserts a diagnostic starting "PATH:LINE: error:" that mentions every given word. */
static void
expect_diag(const char *path, int line, const char *w1, const char *w2)
{
	char *prefix = kb_asprintf("%s:%d: error:", path, line);
	const char *at = cap.data ? strstr(cap.data, prefix) : NULL;
	const char *eol;
	char *row;

	ck_assert_msg(at != NULL, "no diagnostic at %s:%d; got:\n%s", path, line,
	              cap.data ? cap.data : "(none)");
	eol = strchr(at, '\n');
	row = kb_strndup(at, eol ? (size_t)(eol - at) : strlen(at));
	ck_assert_msg(w1 == NULL || strstr(row, w1), "'%s' lacks '%s'", row, w1);
	ck_assert_msg(w2 == NULL || strstr(row, w2), "'%s' lacks '%s'", row, w2);
	free(row);
	free(prefix);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records version=\"1\">\n"
/* A rule-valid DX推進員 nomination (税務課長 p019 names staff p044; see tests/data/bad/README.md).
 */
#define GOOD(id)                                                                                   \
	"<nomination id=\"" id                                                                     \
	"\" date=\"2026-05-20\" kind=\"dx-promoter\" nominator=\"p019\" nominee=\"p044\"/>\n"

START_TEST(test_good_record_loads)
{
	free(load_text("ok.xml", HEAD GOOD("N-1") "</records>\n"));
	ck_assert_ptr_nonnull(rec("N-1"));
	ck_assert_int_eq(rec("N-1")->rejected, 0);
	ck_assert_int_eq(rec("N-1")->src.line, 3);
	ck_assert_int_eq(kb_diag_count(KB_ERROR), 0);
}
END_TEST

START_TEST(test_malformed)
{
	char *p = load_text("bad.xml", HEAD GOOD("N-1") "<nomination id=\"N-2\">\n</records>\n");
	expect_diag(p, 5, "mismatch", NULL);
	ck_assert_int_eq(in.files_rejected, 1);
	free(p);
}
END_TEST

START_TEST(test_unknown_element_rejects_only_its_record)
{
	char *p = load_text(
	    "u.xml",
	    HEAD GOOD("N-1") "<nomination id=\"N-2\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                     "nominator=\"p019\" nominee=\"p044\">\n<remarks/>\n</nomination>\n"
	                     "</records>\n");
	expect_diag(p, 5, "remarks", "(N-2)");
	ck_assert_int_eq(rec("N-2")->rejected, 1);
	ck_assert_int_eq(rec("N-1")->rejected, 0);
	free(p);
}
END_TEST

START_TEST(test_unknown_record)
{
	char *p = load_text("r.xml", HEAD GOOD("N-1") "<memo id=\"M-1\"/>\n</records>\n");
	expect_diag(p, 4, "<memo>", "(M-1)");
	ck_assert_int_eq(rec("N-1")->rejected, 0);
	free(p);
}
END_TEST

START_TEST(test_bad_date)
{
	char *p = load_text(
	    "d.xml",
	    HEAD GOOD("N-1") "<nomination id=\"N-2\" date=\"2026-02-30\" kind=\"dx-promoter\" "
	                     "nominator=\"p019\" nominee=\"p044\"/>\n</records>\n");
	expect_diag(p, 4, "2026-02-30", "(N-2)");
	ck_assert_int_eq(rec("N-2")->rejected, 1);
	ck_assert_int_eq(rec("N-1")->rejected, 0);
	free(p);
}
END_TEST

START_TEST(test_duplicate_id)
{
	char *p = load_text("dup.xml", HEAD GOOD("N-1") "\n" GOOD("N-1") "</records>\n");
	expect_diag(p, 5, "[unique-id]", "(N-1)");
	ck_assert_msg(tu_has(cap.data, "dup.xml:3"), "does not point at the first use:\n%s",
	              cap.data);
	free(p);
}
END_TEST

START_TEST(test_id_clashes_with_organization)
{
	char *p = load_text("o.xml", HEAD GOOD("p001") "</records>\n");
	expect_diag(p, 3, "[unique-id]", "organization.xml:100");
	free(p);
}
END_TEST

START_TEST(test_dangling_ref)
{
	char *p = load_text(
	    "ref.xml",
	    HEAD GOOD("N-1") "<nomination id=\"N-2\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                     "nominator=\"p019\" nominee=\"p999\"/>\n</records>\n");
	expect_diag(p, 4, "[ref-person]", "p999");
	ck_assert_int_eq(rec("N-2")->rejected, 1);
	ck_assert_int_eq(rec("N-1")->rejected, 0);
	free(p);
}
END_TEST

START_TEST(test_before_base_date)
{
	char *p = load_text("early.xml",
	                    HEAD "<nomination id=\"N-3\" date=\"2026-03-31\" kind=\"dx-promoter\" "
	                         "nominator=\"p019\" nominee=\"p044\"/>\n</records>\n");
	expect_diag(p, 3, "[date-base]", "base-date");
	free(p);
}
END_TEST

START_TEST(test_dx_rule_cites_article)
{
	/* p044 is staff of 税務課, but p013 is 情報政策課長, not their 情報管理者. */
	char *p = load_text("rule.xml",
	                    HEAD "<nomination id=\"N-4\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                         "nominator=\"p013\" nominee=\"p044\"/>\n</records>\n");
	expect_diag(p, 3, "[dx-nominator] 第8条第2項:", "(N-4)");
	free(p);
}
END_TEST

START_TEST(test_doctype_refused_and_not_read)
{
	char *secret = kb_asprintf("%s/secret.txt", dir);
	FILE *f = fopen(secret, "w");
	char *p;

	fputs("KOBUN-SECRET-1d2c\n", f);
	fclose(f);
	p = load_text("x.xml",
	              "<?xml version=\"1.0\"?>\n"
	              "<!DOCTYPE records [<!ENTITY s SYSTEM \"secret.txt\">]>\n"
	              "<records version=\"1\">\n"
	              "<nomination id=\"N-5\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	              "nominator=\"p019\" nominee=\"p044\"><reason>&s;</reason></nomination>\n"
	              "</records>\n");
	expect_diag(p, 2, "DOCTYPE", NULL);
	ck_assert_ptr_null(rec("N-5"));
	ck_assert_msg(!tu_has(cap.data, "KOBUN-SECRET"), "secret in diagnostics:\n%s", cap.data);
	free(p);
	free(secret);
}
END_TEST

START_TEST(test_corpus_lines)
{
	/* The documented corpus (tests/data/bad/README.md): file, line, a word of the message. */
	static const struct {
		const char *file;
		int line;
		const char *word;
	} cases[] = {
	    {"malformed.xml", 14, "mismatch"},
	    {"unknown-element.xml", 14, "remarks"},
	    {"bad-date.xml", 12, "2026-02-30"},
	    {"duplicate-id.xml", 14, "[unique-id]"},
	    {"dangling-ref.xml", 13, "p999"},
	    {"xxe.xml", 15, "DOCTYPE"},
	    {"dangling-charge.xml", 15, "(APP-T-0702)"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = kb_asprintf(BAD "%s", cases[i].file);
		kb_load_records(ld, path, &in);
		free(path);
	}
	kb_input_finish(&in);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = kb_asprintf(BAD "%s", cases[i].file);
		expect_diag(path, cases[i].line, cases[i].word, NULL);
		free(path);
	}
	ck_assert_msg(!tu_has(cap.data, "KOBUN-XXE-MARKER"), "secret leaked:\n%s", cap.data);
}
END_TEST

START_TEST(test_depth_limit)
{
	kb_buf b = {0};
	char *p;

	kb_buf_puts(&b, HEAD "<nomination id=\"N-6\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                     "nominator=\"p019\" nominee=\"p044\"><note>");
	for (int i = 0; i < 40; i++)
		kb_buf_puts(&b, "<p>");
	for (int i = 0; i < 40; i++)
		kb_buf_puts(&b, "</p>");
	kb_buf_puts(&b, "</note></nomination>\n</records>\n");
	p = load_text("deep.xml", b.data);
	ck_assert_msg(tu_has(cap.data, "nested deeper than 32"), "no depth error:\n%s", cap.data);
	ck_assert_int_eq(rec("N-6")->rejected, 1);
	kb_buf_free(&b);
	free(p);
}
END_TEST

START_TEST(test_text_limit)
{
	kb_buf b = {0};
	char *p;

	kb_buf_puts(&b, HEAD "<nomination id=\"N-7\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                     "nominator=\"p019\" nominee=\"p044\"><reason>");
	for (int i = 0; i < 20001; i++)
		kb_buf_puts(&b, "字");
	kb_buf_puts(&b, "</reason></nomination>\n</records>\n");
	p = load_text("long.xml", b.data);
	expect_diag(p, 3, "longer than 20000", "(N-7)");
	ck_assert_int_eq(rec("N-7")->rejected, 1);
	kb_buf_free(&b);
	free(p);
}
END_TEST

START_TEST(test_sample_month_valid)
{
	kb_load_records(ld, SRCDIR "/input/2026-11.xml", &in);
	kb_check_run(&in);
	ck_assert_msg(kb_diag_count(KB_ERROR) == 0, "the sample has errors:\n%s", cap.data);
	ck_assert_int_ge((int)in.nrecords, 12 + 3 + 4 + 2);
}
END_TEST

START_TEST(test_post_title_joins_unit)
{
	/* 情報政策課 + 課長 → 情報政策課長, not 情報政策課課長. */
	int u = kb_unit_by_function(&in.org, "information-policy");
	struct kb_date d = in.org.base;
	const struct kb_post *p = kb_post_in(&in.org, KB_RANK_DIV_HEAD, u, &d);
	char *t;

	ck_assert_ptr_nonnull(p);
	t = kb_post_title(&in.org, p);
	ck_assert_str_eq(t, "情報政策課長");
	free(t);
}
END_TEST

/* A minimal organization with one flaw spliced in at the end. */
static int
load_org_text(const char *extra)
{
	char *path = kb_asprintf("%s/organization.xml", dir);
	FILE *f = fopen(path, "w");
	struct kb_input other = {0};
	int rc;

	fprintf(f,
	        "<organization version=\"1\" name=\"試験市\" prefecture=\"試験県\" "
	        "base-date=\"2026-04-01\">\n"
	        "<department id=\"d1\" name=\"企画部\" kind=\"部\" function=\"policy-planning\">\n"
	        "<division id=\"v1\" name=\"情報課\" function=\"information-policy\"/>\n"
	        "<division id=\"v2\" name=\"総務課\" function=\"general-affairs\"/>\n"
	        "</department>\n"
	        "<person id=\"a\" family=\"青木\" given=\"一\"/>\n"
	        "<person id=\"b\" family=\"石田\" given=\"二\"/>\n"
	        "<post person=\"a\" rank=\"vice-mayor\" title=\"副市長\" charge=\"d1\"/>\n"
	        "<post person=\"b\" rank=\"division-head\" title=\"課長\" unit=\"v1\"/>\n"
	        "%s</organization>\n",
	        extra);
	fclose(f);
	rc = kb_load_org(ld, path, &other);
	kb_input_free(&other);
	free(path);
	return rc;
}

START_TEST(test_org_structure)
{
	ck_assert_int_eq(load_org_text(""), 0);
	ck_assert_int_eq(
	    load_org_text("<post person=\"b\" rank=\"staff\" title=\"主事\" unit=\"d1\"/>\n"), -1);
	ck_assert_msg(tu_has(cap.data, "organization.xml:10: error: [org-post-unit] 第7条第1項:"),
	              "%s", cap.data);
	ck_assert_int_eq(
	    load_org_text(
	        "<post person=\"a\" rank=\"division-head\" title=\"課長\" unit=\"v1\"/>\n"),
	    -1);
	ck_assert_msg(tu_has(cap.data, "organization.xml:10: error: [org-post-holder]"), "%s",
	              cap.data);
	ck_assert_int_eq(
	    load_org_text("<department id=\"d2\" name=\"総務部\" kind=\"部\">"
	                  "<division id=\"v3\" name=\"秘書課\" function=\"general-affairs\"/>"
	                  "</department>\n"),
	    -1);
	ck_assert_msg(tu_has(cap.data, "[org-function-unique]"), "%s", cap.data);
}
END_TEST

/* Review findings (session 1): input the schema let through that C misread. */
START_TEST(test_review_hostile_values)
{
	char *p;

	/* Spaces around an enumerated value are not the value. */
	p = load_text("tok.xml",
	              HEAD "<nomination id=\"T-1\" date=\"2026-05-20\" kind=\" csirt-member \" "
	                   "nominator=\"p002\" nominee=\"p019\"/>\n</records>\n");
	ck_assert_msg(rec("T-1") == NULL || rec("T-1")->rejected, "a padded kind was accepted:\n%s",
	              cap.data);
	free(p);
	/* An id may not be "." or "..": it names the output directory. */
	p = load_text("dot.xml",
	              HEAD "<nomination id=\"..\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                   "nominator=\"p019\" nominee=\"p044\"/>\n</records>\n");
	ck_assert_msg(rec("..") == NULL || rec("..")->rejected, "id .. was accepted:\n%s",
	              cap.data);
	free(p);
}
END_TEST

START_TEST(test_review_repeated_revision)
{
	static const char inc[] =
	    "<incident id=\"I-R\" severity=\"1\" category=\"other\" "
	    "status=\"open\"%s><title>t</title>"
	    "<occurred at=\"2026-06-01T08:00\"/><recognized at=\"2026-06-01T09:00\" by=\"p021\"/>"
	    "<division ref=\"shiminka\"/><impact/><summary>s</summary></incident>\n";
	kb_buf b = {0};
	char *p;

	kb_buf_puts(&b, HEAD);
	kb_buf_printf(&b, inc, "");
	kb_buf_printf(&b, inc, " revision=\"2\"");
	kb_buf_printf(&b, inc, "");
	kb_buf_puts(&b, "</records>\n");
	p = load_text("rev.xml", b.data);
	expect_diag(p, 5, "[unique-id]", "revision 1");
	kb_buf_free(&b);
	free(p);
}
END_TEST

START_TEST(test_review_impossible_instant)
{
	char *p = load_text(
	    "leap.xml", HEAD
	    "<incident id=\"I-L\" severity=\"1\" category=\"other\" "
	    "status=\"open\"><title>t</title>"
	    "<occurred at=\"2027-02-29T08:00\"/><recognized at=\"2027-03-01T09:00\" by=\"p021\"/>"
	    "<division ref=\"shiminka\"/><impact/><summary>s</summary></incident>\n</records>\n");
	ck_assert_msg(tu_has(cap.data, "2027-02-29T08:00") && tu_has(cap.data, "no such date"),
	              "no diagnostic for 29 February 2027:\n%s", cap.data);
	ck_assert_int_eq(rec("I-L")->rejected, 1);
	free(p);
}
END_TEST

START_TEST(test_review_cdata_limit)
{
	kb_buf b = {0};
	char *p;

	kb_buf_puts(&b, HEAD "<nomination id=\"N-C\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	                     "nominator=\"p019\" nominee=\"p044\"><reason><![CDATA[");
	for (int i = 0; i < 20001; i++)
		kb_buf_puts(&b, "字");
	kb_buf_puts(&b, "]]></reason></nomination>\n</records>\n");
	p = load_text("cdata.xml", b.data);
	ck_assert_msg(tu_has(cap.data, "longer than 20000"), "CDATA escaped the limit:\n%s",
	              cap.data);
	kb_buf_free(&b);
	free(p);
}
END_TEST

START_TEST(test_review_org_duplicate_id)
{
	ck_assert_int_eq(load_org_text(""), 0);
	{
		/* Two persons with one id: references would be ambiguous. */
		char *path = kb_asprintf("%s/organization.xml", dir);
		struct kb_input other = {0};
		FILE *f = fopen(path, "w");
		fprintf(f, "<organization version=\"1\" name=\"試験市\" prefecture=\"試験県\" "
		           "base-date=\"2026-04-01\">\n"
		           "<department id=\"d1\" name=\"企画部\" kind=\"部\" "
		           "function=\"policy-planning\">\n"
		           "<division id=\"v1\" name=\"情報課\" "
		           "function=\"information-policy\"/></department>\n"
		           "<person id=\"a\" family=\"青木\" given=\"一\"/>\n<person id=\"a\" "
		           "family=\"石田\" given=\"二\"/>\n"
		           "<post person=\"a\" rank=\"vice-mayor\" title=\"副市長\" "
		           "charge=\"d1\"/>\n</organization>\n");
		fclose(f);
		ck_assert_int_eq(kb_load_org(ld, path, &other), 0);
		kb_input_finish(&other);
		ck_assert_msg(tu_has(cap.data, "[org-unique-id]") &&
		                  tu_has(cap.data, "id a is already used"),
		              "duplicate person id not reported:\n%s", cap.data);
		ck_assert_int_ge(kb_diag_count(KB_FATAL), 1);
		kb_input_free(&other);
		free(path);
	}
}
END_TEST

/* Issue 10: the fields of input-format.md's last section load into typed structs. */
START_TEST(test_issue10_new_fields_load)
{
	const struct kb_record *r;
	const struct kb_incident *inc;
	const struct kb_post *acting = NULL;
	char *p = load_text(
	    "new.xml", HEAD
	    "<incident id=\"I-N\" revision=\"1\" issued=\"2026-06-03\" severity=\"2\" "
	    "category=\"misdelivery\" status=\"open\"><title>t</title>\n"
	    "<occurred at=\"2026-06-01T08:00\"/><recognized at=\"2026-06-01T09:00\" by=\"p021\"/>\n"
	    "<division ref=\"shiminka\"/><systems audience=\"cio\"><system "
	    "ref=\"sys-juki\"/></systems>\n"
	    "<impact personal-records=\"9999999999\"/><summary>s</summary>\n"
	    "<timeline audience=\"authorities\"><event at=\"2026-06-02T10:00\" "
	    "audience=\"cio\">e1</event>"
	    "<event at=\"2026-06-02T11:00\">e2</event></timeline>\n"
	    "<personal-data audience=\"authorities\"><items audience=\"cio\">氏名</items>"
	    "<secondary-damage>なし</secondary-damage><published "
	    "on=\"2026-06-02\"/></personal-data>\n"
	    "<sent to=\"pref\" report=\"preliminary\" on=\"2026-06-01\" ref=\"受付1\"/>\n"
	    "<sent to=\"pref\" report=\"revision\" revision=\"2\" on=\"2026-06-03\" "
	    "audience=\"cio\"/>\n"
	    "</incident>\n"
	    "<appointment id=\"A-ACT\" date=\"2026-06-01\" person=\"p006\" concurrent=\"true\" "
	    "acting=\"true\"><post rank=\"division-head\" title=\"課長\" "
	    "unit=\"hoken\"/></appointment>\n"
	    "<system-plan id=\"S-N\" date=\"2026-05-20\" issued=\"2026-05-21\" kind=\"new\" "
	    "planner=\"p021\" division=\"hoken\"><name>n</name><purpose>p</purpose>"
	    "<conformity>c</conformity></system-plan>\n"
	    "</records>\n");

	ck_assert_msg(kb_diag_count(KB_ERROR) == 0, "unexpected diagnostics:\n%s", cap.data);
	r = rec("I-N");
	ck_assert_ptr_nonnull(r);
	inc = r->inc;
	ck_assert_int_eq(inc->issued.y * 10000 + inc->issued.m * 100 + inc->issued.d, 20260603);
	ck_assert(inc->impact.personal_records == 9999999999LL);
	ck_assert_int_eq(inc->category, KB_CAT_MISDELIVERY);
	ck_assert_int_eq(inc->nsystems, 1);
	ck_assert_int_eq(inc->systems[0].audience, KB_AUD_CIO);
	ck_assert_int_eq(inc->nevents, 2);
	ck_assert_int_eq(inc->events[0].audience, KB_AUD_CIO);
	ck_assert_int_eq(inc->events[1].audience, KB_AUD_AUTHORITIES);
	ck_assert_int_eq(inc->personal.present, 1);
	ck_assert_str_eq(inc->personal.items.text, "氏名");
	ck_assert_int_eq(inc->personal.items.audience, KB_AUD_CIO);
	ck_assert_int_eq(inc->personal.secondary_damage.audience, KB_AUD_AUTHORITIES);
	ck_assert_ptr_null(inc->personal.persons_notice.text);
	ck_assert_int_eq(inc->personal.published.d, 2);
	ck_assert_int_eq(inc->personal.published_audience, KB_AUD_AUTHORITIES);
	ck_assert_int_eq(inc->nsent, 2);
	ck_assert_str_eq(in.org.authorities[inc->sent[0].authority].id, "pref");
	ck_assert_int_eq(inc->sent[0].report, KB_REPORT_PRELIMINARY);
	ck_assert_str_eq(inc->sent[0].ref, "受付1");
	ck_assert_int_eq(inc->sent[0].audience, KB_AUD_PUBLIC);
	ck_assert_int_eq(inc->sent[1].report, KB_REPORT_REVISION);
	ck_assert_int_eq(inc->sent[1].revision, 2);
	ck_assert_int_eq(inc->sent[1].audience, KB_AUD_CIO);
	ck_assert_int_eq(rec("S-N")->plan->issued.d, 21);
	ck_assert_int_eq(rec("S-N")->rejected, 0);
	for (size_t i = 0; i < in.org.nposts; i++)
		if (in.org.posts[i].from.m == 6 &&
		    in.org.posts[i].unit == kb_unit_find(&in.org, "hoken"))
			acting = &in.org.posts[i];
	ck_assert_ptr_nonnull(acting);
	ck_assert_int_eq(acting->acting, 1);
	free(p);
}
END_TEST

START_TEST(test_issue10_sent_unknown_authority)
{
	char *p = load_text(
	    "sent.xml", HEAD
	    "<incident id=\"I-S\" severity=\"1\" category=\"other\" "
	    "status=\"open\"><title>t</title>"
	    "<occurred at=\"2026-06-01T08:00\"/><recognized at=\"2026-06-01T09:00\" by=\"p021\"/>"
	    "<division ref=\"shiminka\"/><impact/><summary>s</summary>\n"
	    "<sent to=\"nowhere\" report=\"final\" on=\"2026-06-02\"/></incident>\n" GOOD(
	        "N-1") "</records>\n");

	expect_diag(p, 4, "nowhere", "(I-S)");
	ck_assert_int_eq(rec("I-S")->rejected, 1);
	ck_assert_int_eq(rec("N-1")->rejected, 0);
	free(p);
}
END_TEST

START_TEST(test_issue10_personal_records_bound)
{
	char *p = load_text(
	    "many.xml", HEAD
	    "<incident id=\"I-M\" severity=\"1\" category=\"other\" "
	    "status=\"open\"><title>t</title>"
	    "<occurred at=\"2026-06-01T08:00\"/><recognized at=\"2026-06-01T09:00\" by=\"p021\"/>"
	    "<division ref=\"shiminka\"/>\n<impact personal-records=\"100000000000000\"/>"
	    "<summary>s</summary></incident>\n</records>\n");

	expect_diag(p, 4, "personal-records", "(I-M)");
	ck_assert_int_eq(rec("I-M")->rejected, 1);
	free(p);
}
END_TEST

START_TEST(test_issue10_org_post_acting)
{
	char *path = kb_asprintf("%s/organization.xml", dir);
	struct kb_input other = {0};
	FILE *f = fopen(path, "w");

	fprintf(
	    f,
	    "<organization version=\"1\" name=\"試験市\" prefecture=\"試験県\" "
	    "base-date=\"2026-04-01\">\n"
	    "<department id=\"d1\" name=\"企画部\" kind=\"部\" function=\"policy-planning\">\n"
	    "<division id=\"v1\" name=\"情報課\" function=\"information-policy\"/></department>\n"
	    "<person id=\"a\" family=\"青木\" given=\"一\"/>\n<person id=\"b\" family=\"石田\" "
	    "given=\"二\"/>\n"
	    "<post person=\"a\" rank=\"vice-mayor\" title=\"副市長\" charge=\"d1\"/>\n"
	    "<post person=\"b\" rank=\"division-head\" title=\"課長\" unit=\"v1\" "
	    "acting=\"true\"/>\n"
	    "</organization>\n");
	fclose(f);
	ck_assert_int_eq(kb_load_org(ld, path, &other), 0);
	ck_assert_int_eq(other.org.posts[0].acting, 0);
	ck_assert_int_eq(other.org.posts[1].acting, 1);
	kb_input_free(&other);
	free(path);
}
END_TEST

/*
 * Issue 14: people, posts and units are found by hash and the
 * organization is validated in linear time; the lookups must still find
 * exactly the right entry, and an organization the real schema refuses
 * is still refused with its message.
 */
START_TEST(test_issue14_lookups)
{
	char *path = kb_asprintf("%s/organization.xml", dir);
	struct kb_input other = {0};
	const struct kb_org *org = &other.org;
	const struct kb_post *cio;
	const int *v;
	size_t n;
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fprintf(f, "<organization version=\"1\" name=\"試験市\" prefecture=\"試験県\" "
	           "base-date=\"2026-04-01\">\n"
	           "<department id=\"d1\" name=\"企画部\" kind=\"部\" "
	           "function=\"policy-planning\">\n"
	           "<division id=\"v1\" name=\"情報課\" function=\"information-policy\"/>\n"
	           "<division id=\"v10\" name=\"総務課\"/></department>\n"
	           "<person id=\"p1\" family=\"青木\" given=\"一\"/>\n"
	           "<post person=\"p1\" rank=\"staff\" title=\"主事\" unit=\"v10\"/>\n"
	           "<person id=\"p10\" family=\"石田\" given=\"二\"/>\n"
	           "<post person=\"p10\" rank=\"division-head\" title=\"課長\" unit=\"v1\"/>\n"
	           "<person id=\"p1-0\" family=\"上野\" given=\"三\"/>\n"
	           "<post person=\"p1-0\" rank=\"division-head\" title=\"課長\" unit=\"v10\"/>\n"
	           "<person id=\"cio\" family=\"遠藤\" given=\"四\"/>\n"
	           "<post person=\"cio\" rank=\"vice-mayor\" title=\"副市長\" charge=\"d1\"/>\n"
	           "</organization>\n");
	fclose(f);
	ck_assert_msg(kb_load_org(ld, path, &other) == 0, "%s", cap.data);
	ck_assert_int_eq(kb_person_find(org, "p1"), 0);
	ck_assert_int_eq(kb_person_find(org, "p10"), 1);
	ck_assert_int_eq(kb_person_find(org, "p1-0"), 2);
	ck_assert_int_eq(kb_person_find(org, "p"), -1);
	ck_assert_int_eq(kb_person_find(org, "p100"), -1);
	ck_assert_int_eq(kb_unit_find(org, "v1"), 1);
	ck_assert_int_eq(kb_unit_find(org, "v10"), 2);
	v = kb_posts_of_person(org, kb_person_find(org, "p1-0"), &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(org->persons[org->posts[v[0]].person].id, "p1-0");
	ck_assert_int_eq(org->posts[v[0]].unit, 2);
	v = kb_posts_of_rank(org, KB_RANK_DIV_HEAD, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_lt(v[0], v[1]);
	ck_assert_str_eq(org->persons[org->posts[v[0]].person].id, "p10");
	cio = kb_cio_post(org, &org->base);
	ck_assert_ptr_nonnull(cio);
	ck_assert_str_eq(org->persons[cio->person].id, "cio");
	kb_input_free(&other);
	free(path);

	/* Counted groups: two <policy>, or no department, is refused as the schema refuses it. */
	ck_assert_int_eq(load_org_text("<policy/>\n"), 0);
	ck_assert_int_eq(load_org_text("<policy/>\n<policy/>\n"), -1);
	ck_assert_msg(tu_has(cap.data, "[schema-invalid]"), "%s", cap.data);
	kb_buf_free(&cap);
	memset(&cap, 0, sizeof(cap));
	kb_diag_capture(&cap);
	path = kb_asprintf("%s/organization.xml", dir);
	f = fopen(path, "w");
	fprintf(f, "<organization version=\"1\" name=\"試験市\" prefecture=\"試験県\" "
	           "base-date=\"2026-04-01\">\n"
	           "<person id=\"a\" family=\"青木\" given=\"一\"/>\n</organization>\n");
	fclose(f);
	memset(&other, 0, sizeof(other));
	ck_assert_int_eq(kb_load_org(ld, path, &other), -1);
	ck_assert_msg(tu_has(cap.data, "[schema-invalid]"), "%s", cap.data);
	kb_input_free(&other);
	free(path);
}
END_TEST

/* The sample organization as a tree (the loader's entity loader refuses xmlReadFile of it). */
static xmlDocPtr
sample_org(void)
{
	char *text = NULL;
	gsize len = 0;
	xmlDocPtr doc;

	ck_assert(g_file_get_contents(ORG, &text, &len, NULL));
	doc = xmlReadMemory(text, (int)len, "organization.xml", NULL, 0);
	g_free(text);
	ck_assert_ptr_nonnull(doc);
	return doc;
}

/* Writes doc to dir/name and loads it as an organization into *out; returns kb_load_org's. */
static int
load_org_doc(xmlDocPtr doc, const char *name, struct kb_input *out)
{
	char *path = kb_asprintf("%s/%s", dir, name);
	int rc;

	ck_assert_int_ge(xmlSaveFile(path, doc), 0);
	memset(out, 0, sizeof(*out));
	rc = kb_load_org(ld, path, out);
	free(path);
	return rc;
}

/*
 * Issue 14 (5): organization.xml is read as a stream, its departments,
 * persons and posts loaded by the batch and freed. The sample with every
 * post moved before the persons and units it names, and its departments
 * last, loads into the same organization: same units, persons and posts
 * in the same order (a post that names what is not read yet waits, and
 * so do the posts after it).
 */
START_TEST(test_issue14_org_streamed_any_order)
{
	xmlDocPtr doc = sample_org();
	xmlNode *root = xmlDocGetRootElement(doc), *first = NULL;
	struct kb_input re;
	const struct kb_org *a = &in.org, *b = &re.org;
	GPtrArray *posts = g_ptr_array_new(), *deps = g_ptr_array_new();

	for (xmlNode *c = root->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "post") == 0)
			g_ptr_array_add(posts, c);
		else if (c->type == XML_ELEMENT_NODE &&
		         strcmp((const char *)c->name, "department") == 0)
			g_ptr_array_add(deps, c);
	ck_assert_uint_gt(posts->len, 10);
	for (xmlNode *c = root->children; c != NULL && first == NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			first = c;
	for (guint i = 0; i < posts->len; i++) {
		xmlUnlinkNode(posts->pdata[i]);
		xmlAddPrevSibling(first, posts->pdata[i]);
	}
	for (guint i = 0; i < deps->len; i++) {
		xmlUnlinkNode(deps->pdata[i]);
		xmlAddChild(root, deps->pdata[i]);
	}
	ck_assert_msg(load_org_doc(doc, "reordered.xml", &re) == 0, "%s", cap.data);
	ck_assert_uint_eq(a->nunits, b->nunits);
	for (size_t i = 0; i < a->nunits; i++) {
		ck_assert_str_eq(a->units[i].id, b->units[i].id);
		ck_assert_int_eq(a->units[i].parent, b->units[i].parent);
	}
	ck_assert_uint_eq(a->npersons, b->npersons);
	for (size_t i = 0; i < a->npersons; i++)
		ck_assert_str_eq(a->persons[i].id, b->persons[i].id);
	ck_assert_uint_eq(a->nposts, b->nposts);
	for (size_t i = 0; i < a->nposts; i++) {
		ck_assert_int_eq(a->posts[i].person, b->posts[i].person);
		ck_assert_int_eq(a->posts[i].unit, b->posts[i].unit);
		ck_assert_int_eq((int)a->posts[i].rank, (int)b->posts[i].rank);
		ck_assert_str_eq(a->posts[i].title, b->posts[i].title);
		ck_assert_uint_eq(a->posts[i].ncharge, b->posts[i].ncharge);
		for (size_t k = 0; k < a->posts[i].ncharge; k++)
			ck_assert_int_eq(a->posts[i].charge[k], b->posts[i].charge[k]);
	}
	kb_input_free(&re);
	g_ptr_array_free(posts, TRUE);
	g_ptr_array_free(deps, TRUE);
	xmlFreeDoc(doc);
}
END_TEST

/* The number of the last line of dir/name that holds an element (the one before "</organization>").
 */
static int
last_line(const char *name)
{
	char *path = kb_asprintf("%s/%s", dir, name), *text = NULL;
	int lines = 0;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	g_free(text);
	free(path);
	return lines - 1;
}

/*
 * Issue 14 (5): a fault after many batches were loaded (600 persons
 * before it) is explained as before, at its line: the file is then read
 * again whole for the grammar. A post naming nobody, after the batches,
 * is reported at its line too.
 */
START_TEST(test_issue14_org_streamed_fault_late)
{
	xmlDocPtr doc = sample_org();
	xmlNode *root = xmlDocGetRootElement(doc), *bad;
	struct kb_input re;
	char *line;

	for (int i = 0; i < 600; i++) {
		char id[24];
		xmlNode *p = xmlNewChild(root, NULL, (const xmlChar *)"person", NULL);
		snprintf(id, sizeof(id), "extra%d", i);
		xmlNewProp(p, (const xmlChar *)"id", (const xmlChar *)id);
		xmlNewProp(p, (const xmlChar *)"family", (const xmlChar *)"青木");
		xmlNewProp(p, (const xmlChar *)"given", (const xmlChar *)"一郎");
		xmlAddChild(root, xmlNewText((const xmlChar *)"\n"));
	}
	bad = xmlNewChild(root, NULL, (const xmlChar *)"person", NULL);
	xmlNewProp(bad, (const xmlChar *)"id", (const xmlChar *)"late");
	xmlNewProp(bad, (const xmlChar *)"family", (const xmlChar *)"遠藤");
	xmlNewProp(bad, (const xmlChar *)"colour", (const xmlChar *)"blue");
	xmlAddChild(root, xmlNewText((const xmlChar *)"\n"));
	ck_assert_int_eq(load_org_doc(doc, "late.xml", &re), -1);
	kb_input_free(&re);
	line = kb_asprintf("late.xml:%d: error: [schema-invalid]", last_line("late.xml"));
	ck_assert_msg(tu_has(cap.data, line) && tu_has(cap.data, "colour"), "want %s in:\n%s", line,
	              cap.data);
	free(line);
	/* Valid, but a post after the batches names nobody. */
	xmlUnlinkNode(bad);
	xmlFreeNode(bad);
	bad = xmlNewChild(root, NULL, (const xmlChar *)"post", NULL);
	xmlNewProp(bad, (const xmlChar *)"person", (const xmlChar *)"nobody");
	xmlNewProp(bad, (const xmlChar *)"rank", (const xmlChar *)"staff");
	xmlNewProp(bad, (const xmlChar *)"title", (const xmlChar *)"主事");
	xmlNewProp(bad, (const xmlChar *)"unit", (const xmlChar *)"shiminka");
	xmlAddChild(root, xmlNewText((const xmlChar *)"\n"));
	kb_buf_free(&cap);
	memset(&cap, 0, sizeof(cap));
	kb_diag_capture(&cap);
	ck_assert_int_eq(load_org_doc(doc, "late2.xml", &re), -1);
	kb_input_free(&re);
	line = kb_asprintf("late2.xml:%d: error: [ref-person]", last_line("late2.xml"));
	ck_assert_msg(tu_has(cap.data, line) && tu_has(cap.data, "nobody"), "want %s in:\n%s", line,
	              cap.data);
	free(line);
	xmlFreeDoc(doc);
}
END_TEST

/* Issue 14: records found by nominee are exactly that person's, in application order. */
START_TEST(test_issue14_records_of_nominee)
{
	const struct kb_record *a, *b;
	const int *v;
	size_t n;
	int p = kb_person_find(&in.org, "p044");

	free(load_text("n.xml", HEAD GOOD("X-1") GOOD("X-10") "</records>\n"));
	a = rec("X-1"), b = rec("X-10");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_ge(p, 0);
	v = kb_records_of_nominee(&in, p, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_eq(&in.records[v[0]], a);
	ck_assert_ptr_eq(&in.records[v[1]], b);
	/* Every person's list is what a scan of every record finds. */
	for (size_t q = 0; q < in.org.npersons; q++) {
		size_t k = 0;
		v = kb_records_of_nominee(&in, (int)q, &n);
		for (size_t j = 0; j < in.nrecords; j++)
			if (in.records[j].nominee == (int)q) {
				ck_assert_uint_lt(k, n);
				ck_assert_int_eq(v[k++], (int)j);
			}
		ck_assert_uint_eq(k, n);
	}
	ck_assert_int_eq(
	    kb_role_member(&in, KB_ROLE_DX_PROMOTER, a->scope, p, &a->date, in.nrecords), 1);
	ck_assert_int_eq(kb_role_member(&in, KB_ROLE_DX_PROMOTER, a->scope,
	                                kb_person_find(&in.org, "p019"), &a->date, in.nrecords),
	                 0);
}
END_TEST

Suite *
load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("records");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good_record_loads);
	tcase_add_test(tc, test_issue14_lookups);
	tcase_add_test(tc, test_issue14_org_streamed_any_order);
	tcase_add_test(tc, test_issue14_org_streamed_fault_late);
	tcase_add_test(tc, test_issue14_records_of_nominee);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_unknown_element_rejects_only_its_record);
	tcase_add_test(tc, test_unknown_record);
	tcase_add_test(tc, test_bad_date);
	tcase_add_test(tc, test_duplicate_id);
	tcase_add_test(tc, test_id_clashes_with_organization);
	tcase_add_test(tc, test_dangling_ref);
	tcase_add_test(tc, test_before_base_date);
	tcase_add_test(tc, test_dx_rule_cites_article);
	tcase_add_test(tc, test_doctype_refused_and_not_read);
	tcase_add_test(tc, test_corpus_lines);
	tcase_add_test(tc, test_depth_limit);
	tcase_add_test(tc, test_text_limit);
	tcase_add_test(tc, test_sample_month_valid);
	tcase_add_test(tc, test_post_title_joins_unit);
	tcase_add_test(tc, test_org_structure);
	tcase_add_test(tc, test_review_hostile_values);
	tcase_add_test(tc, test_review_repeated_revision);
	tcase_add_test(tc, test_review_impossible_instant);
	tcase_add_test(tc, test_review_cdata_limit);
	tcase_add_test(tc, test_review_org_duplicate_id);
	tcase_add_test(tc, test_issue10_new_fields_load);
	tcase_add_test(tc, test_issue10_sent_unknown_authority);
	tcase_add_test(tc, test_issue10_personal_records_bound);
	tcase_add_test(tc, test_issue10_org_post_acting);
	suite_add_tcase(s, tc);
	return s;
}
