/* check_roles.c — the dated role register and the roster on the sample month: who holds what, when,
 * and why. */
#include <check.h>
#include <glib.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "roles.h"
#include "roster.h"
#include "rules.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

static struct kb_loader *ld;
static struct kb_input in;
static kb_buf cap;

/* Loads the sample organization and month, plus an optional extra records file. */
static void
load(const char *extra)
{
	kb_diag_reset();
	memset(&cap, 0, sizeof(cap));
	kb_diag_capture(&cap);
	ld = kb_loader_new(SRCDIR);
	memset(&in, 0, sizeof(in));
	ck_assert_int_eq(kb_load_org(ld, SRCDIR "/input/organization.xml", &in), 0);
	kb_load_records(ld, SRCDIR "/input/2026-11.xml", &in);
	if (extra != NULL)
		kb_load_records(ld, extra, &in);
	kb_check_run(&in);
}

static void
setup(void)
{
	load(NULL);
	ck_assert_msg(kb_diag_count(KB_ERROR) == 0, "sample not clean:\n%s", cap.data);
}

static void
teardown(void)
{
	kb_input_free(&in);
	kb_loader_free(ld);
	kb_diag_capture(NULL);
	kb_buf_free(&cap);
	kb_diag_reset();
}

static struct kb_date
D(const char *s) {
	struct kb_date d;
	ck_assert_int_eq(kb_date_parse(s, &d), 0);
	return d;
}

/* The person id holding role (for scope, a unit/system/body name or NULL) in the roster, "" if
   vacant, NULL if no such row. */
static const char *
holder(const struct kb_roster *r, enum kb_role role, const char *scope)
{
	for (size_t i = 0; i < r->nrows; i++) {
		const struct kb_roster_row *w = &r->rows[i];
		if (strcmp(w->role, kb_role_info[role].name) != 0)
			continue;
		if ((scope == NULL) != (w->scope == NULL) ||
		    (scope && strcmp(scope, w->scope) != 0))
			continue;
		return w->person >= 0 ? in.org.persons[w->person].id : "";
	}
	return NULL;
}

static const struct kb_roster_row *
row(const struct kb_roster *r, enum kb_role role, const char *scope)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].role, kb_role_info[role].name) == 0 &&
		    (scope == NULL ? r->rows[i].scope == NULL
		                   : r->rows[i].scope && strcmp(r->rows[i].scope, scope) == 0))
			return &r->rows[i];
	return NULL;
}

/* The sample (input/2026-11.xml): APP-2026-0101 moves p021 from 保険年金課長 to 市民課長 on
 * 2026-11-01, so p020, 市民課長 until then, leaves; APP-2026-0102 makes p006 保険年金課長 too. */
START_TEST(test_personnel_change_moves_roles)
{
	struct kb_roster before, after;
	struct kb_date d1 = D("2026-10-31"), d2 = D("2026-11-01");

	kb_roster_build(&in, &d1, &before);
	kb_roster_build(&in, &d2, &after);
	ck_assert_str_eq(holder(&before, KB_ROLE_INFO_MANAGER, "市民課"), "p020");
	ck_assert_str_eq(holder(&after, KB_ROLE_INFO_MANAGER, "市民課"), "p021");
	ck_assert_str_eq(holder(&before, KB_ROLE_INFO_MANAGER, "保険年金課"), "p021");
	ck_assert_str_eq(holder(&after, KB_ROLE_INFO_MANAGER, "保険年金課"), "p006");
	/* 第10条: the システム業務管理者 of the resident register follows the 市民課長. */
	ck_assert_str_eq(holder(&before, KB_ROLE_SYSTEM_MANAGER, "住民基本台帳システム"), "p020");
	ck_assert_str_eq(holder(&after, KB_ROLE_SYSTEM_MANAGER, "住民基本台帳システム"), "p021");
	kb_roster_free(&before);
	kb_roster_free(&after);
}
END_TEST

/* p020 was 部会長 of sc-dx (standing); leaving 市民課長 ends membership and chair on 11-01;
 * NOM-2026-0204 names p013 部会長 on 11-04. In between the chair is empty. */
START_TEST(test_chair_vacant_then_renominated)
{
	struct kb_roster r;
	struct kb_date d1 = D("2026-10-31"), d2 = D("2026-11-02"), d3 = D("2026-11-04");
	const struct kb_roster_row *w;
	int found = 0;

	kb_roster_build(&in, &d1, &r);
	ck_assert_str_eq(holder(&r, KB_ROLE_SUBCOMMITTEE_CHAIR, "DX推進部会"), "p020");
	kb_roster_free(&r);

	kb_roster_build(&in, &d2, &r);
	w = row(&r, KB_ROLE_SUBCOMMITTEE_CHAIR, "DX推進部会");
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(w->person, -1);
	ck_assert_msg(w->note && strstr(w->note, "第12条第3項"), "vacancy not explained: %s",
	              w->note);
	for (size_t i = 0; i < r.nended; i++)
		if (r.ended[i].person >= 0 &&
		    strcmp(in.org.persons[r.ended[i].person].id, "p020") == 0 &&
		    strstr(r.ended[i].note, "APP-2026-0101") &&
		    strstr(r.ended[i].note, "2026-11-01"))
			found++;
	/* Three roles end with him: 部会員, 部会長 and CSIRT構成員. */
	ck_assert_int_eq(found, 3);
	kb_roster_free(&r);

	kb_roster_build(&in, &d3, &r);
	ck_assert_str_eq(holder(&r, KB_ROLE_SUBCOMMITTEE_CHAIR, "DX推進部会"), "p013");
	kb_roster_free(&r);
}
END_TEST

/*
 * Issue 11: the changes of 2026-11-01 in the sample, each attributed to
 * the appointment that made it (the old notice gave every change,
 * CIO補佐官 included, to the first 人事異動 of the day).
 */
START_TEST(test_issue11_changes_attributed)
{
	struct kb_roster_changes ch;
	struct kb_date d = D("2026-11-01");
	int cio_assistant = 0, shiminka = 0, hoken = 0;

	kb_roster_changes(&in, &d, &ch);
	ck_assert_msg(ch.n >= 5, "only %zu changes", ch.n);
	for (size_t i = 0; i < ch.n; i++) {
		const struct kb_roster_change *c = &ch.v[i];
		const struct kb_roster_row *w = c->now ? c->now : c->was;
		const char *by;
		ck_assert_msg(c->cause >= 0, "the change of %s %s has no cause", w->role,
		              w->scope ? w->scope : "");
		by = in.records[c->cause].id;
		if (strcmp(w->role, kb_role_info[KB_ROLE_CIO_ASSISTANT].name) == 0) {
			ck_assert_str_eq(by, "APP-2026-0103");
			cio_assistant++;
		} else if (c->now && c->now->person == kb_person_find(&in.org, "p006")) {
			/* 保険年金課's 情報管理者 and the システム業務管理者 of its system. */
			ck_assert_str_eq(by, "APP-2026-0102");
			hoken++;
		} else {
			/* 市民課 and the seats of p020, who left with APP-2026-0101. */
			ck_assert_msg(strcmp(by, "APP-2026-0101") == 0, "%s %s by %s", w->role,
			              w->scope ? w->scope : "", by);
			shiminka++;
		}
	}
	ck_assert_int_eq(cio_assistant, 1);
	ck_assert_int_eq(hoken, 2);
	ck_assert_int_ge(shiminka, 4);
	kb_roster_changes_free(&ch);
}
END_TEST

/* The post that made row w of the roster (its holder's post in unit), for kb_roster_post_title. */
static const struct kb_post *
post_in(const char *person, const char *unit, const struct kb_date *d)
{
	return kb_post_of_in(&in.org, kb_person_find(&in.org, person), kb_unit_find(&in.org, unit),
	                     d);
}

/*
 * Issue 11: 事務取扱 and 兼務 print as held. p006 takes 保険年金課長 as
 * 事務取扱 (APP-2026-0102, acting="true"); p019 税務課長 becomes 市民課長
 * too on 12-01 (兼務). Roster rows and every post line name the main
 * post, then the post they act under.
 */
START_TEST(test_issue11_acting_and_concurrent_posts)
{
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/kenmu.xml", dir);
	FILE *f = fopen(path, "w");
	struct kb_date nov = D("2026-11-05"), dec = D("2026-12-01");
	struct kb_roster r;
	char *t;

	fputs("<records version=\"1\"><appointment id=\"APP-T-KEN\" date=\"2026-12-01\" "
	      "person=\"p019\" "
	      "concurrent=\"true\"><post rank=\"division-head\" title=\"課長\" unit=\"shiminka\"/>"
	      "</appointment></records>\n",
	      f);
	fclose(f);
	teardown();
	load(path);
	ck_assert_msg(kb_diag_count(KB_ERROR) == 0, "not clean:\n%s", cap.data);

	t = kb_roster_post_title(&in.org, kb_person_find(&in.org, "p006"),
	                         post_in("p006", "hoken", &nov), &nov);
	ck_assert_str_eq(t, "市民生活部長（保険年金課長事務取扱）");
	free(t);
	/* Named as themselves (no post to act under): the main post, never the acting one. */
	t = kb_roster_post_title(&in.org, kb_person_find(&in.org, "p006"), NULL, &nov);
	ck_assert_str_eq(t, "市民生活部長");
	free(t);
	t = kb_roster_post_line(&in.org, kb_person_find(&in.org, "p006"),
	                        post_in("p006", "hoken", &nov), &nov);
	ck_assert_str_eq(t, "市民生活部長（保険年金課長事務取扱）　岩崎　誠");
	free(t);
	t = kb_roster_post_title(&in.org, kb_person_find(&in.org, "p019"),
	                         post_in("p019", "shiminka", &dec), &dec);
	ck_assert_str_eq(t, "税務課長兼市民課長");
	free(t);

	kb_roster_build(&in, &nov, &r);
	ck_assert_str_eq(row(&r, KB_ROLE_INFO_MANAGER, "保険年金課")->post,
	                 "市民生活部長（保険年金課長事務取扱）");
	ck_assert_str_eq(row(&r, KB_ROLE_INFO_OFFICER, "市民生活部")->post, "市民生活部長");
	kb_roster_free(&r);
	kb_roster_build(&in, &dec, &r);
	ck_assert_str_eq(holder(&r, KB_ROLE_INFO_MANAGER, "市民課"), "p019");
	ck_assert_str_eq(row(&r, KB_ROLE_INFO_MANAGER, "市民課")->post, "税務課長兼市民課長");
	ck_assert_str_eq(row(&r, KB_ROLE_INFO_MANAGER, "税務課")->post, "税務課長");
	kb_roster_free(&r);
	tu_rmrf(dir);
	free(dir);
	free(path);
}
END_TEST

/* Issue 11: 委嘱 to the outside expert of the sample (no post on 11-01), 任命 to a 課長. */
START_TEST(test_issue11_appoint_act)
{
	struct kb_record r = {0};

	for (size_t i = 0; i < in.nrecords; i++)
		if (strcmp(in.records[i].id, "APP-2026-0103") == 0)
			ck_assert_str_eq(kb_roster_appoint_act(&in.org, &in.records[i]), "委嘱");
	r.person = kb_person_find(&in.org, "p013");
	r.date = D("2026-11-01");
	ck_assert_str_eq(kb_roster_appoint_act(&in.org, &r), "任命");
}
END_TEST

START_TEST(test_cio_assistant_term)
{
	struct kb_roster r;
	struct kb_date d1 = D("2026-10-31"), d2 = D("2026-11-01"), d3 = D("2027-04-01");
	const struct kb_roster_row *w;

	kb_roster_build(&in, &d1, &r);
	w = row(&r, KB_ROLE_CIO_ASSISTANT, NULL);
	/* 第4条 says 置くことができる: an empty row, but no vacancy. */
	ck_assert_int_eq(w->person, -1);
	ck_assert_int_eq(w->optional, 1);
	kb_roster_free(&r);
	kb_roster_build(&in, &d2, &r);
	ck_assert_str_eq(holder(&r, KB_ROLE_CIO_ASSISTANT, NULL), "p060");
	kb_roster_free(&r);
	/* The term ends on 2027-03-31. */
	kb_roster_build(&in, &d3, &r);
	ck_assert_int_eq(row(&r, KB_ROLE_CIO_ASSISTANT, NULL)->person, -1);
	kb_roster_free(&r);
}
END_TEST

START_TEST(test_ex_officio_roles)
{
	struct kb_roster r;
	struct kb_date d = D("2026-11-30");
	int ga = kb_unit_by_function(&in.org, "general-affairs");
	const struct kb_post *ga_head = kb_post_in(&in.org, KB_RANK_DIV_HEAD, ga, &d);

	kb_roster_build(&in, &d, &r);
	/* 第3条 and 第11条第4項: the CIO (p002, 副市長 in charge of 政策企画部) chairs the
	 * committee. */
	ck_assert_str_eq(holder(&r, KB_ROLE_CIO, NULL), "p002");
	ck_assert_str_eq(holder(&r, KB_ROLE_COMMITTEE_CHAIR, NULL), "p002");
	/* 第5条, 第11条第5項: 政策企画部長 p004. 第9条: 情報政策課長 p013. */
	ck_assert_str_eq(holder(&r, KB_ROLE_CHIEF_MANAGER, NULL), "p004");
	ck_assert_str_eq(holder(&r, KB_ROLE_COMMITTEE_VICE, NULL), "p004");
	ck_assert_str_eq(holder(&r, KB_ROLE_NETWORK_MANAGER, NULL), "p013");
	/* 第14条第2項: the 総務課長 is a CSIRT member without nomination. */
	ck_assert_ptr_nonnull(ga_head);
	ck_assert(kb_role_member(&in, KB_ROLE_CSIRT_MEMBER, -1, ga_head->person, &d, in.nrecords));
	kb_roster_free(&r);
}
END_TEST

/* 第13条第2項: a DX推進員 of a division concerned is a WG member without nomination. */
START_TEST(test_wg_member_through_dx)
{
	struct kb_date d = D("2026-11-30");
	int wg = kb_body_find(&in.org, "wg-ai");
	int p038 = kb_person_find(&in.org, "p038"), p045 = kb_person_find(&in.org, "p045");

	ck_assert_int_ge(wg, 0);
	/* p038 became DX推進員 of 広報プロモーション課 (a division of wg-ai) on 11-10. */
	ck_assert(kb_role_member(&in, KB_ROLE_WG_MEMBER, wg, p038, &d, in.nrecords));
	/* p045, DX推進員 of 税務課 (not concerned), is not. */
	ck_assert(!kb_role_member(&in, KB_ROLE_WG_MEMBER, wg, p045, &d, in.nrecords));
	/* Before the nomination p038 was not a member. */
	d = D("2026-11-09");
	ck_assert(!kb_role_member(&in, KB_ROLE_WG_MEMBER, wg, p038, &d, in.nrecords));
}
END_TEST

/* A head leaving without successor leaves the roles on that post vacant, and says why. */
START_TEST(test_vacancy_explained)
{
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/leave.xml", dir);
	FILE *f = fopen(path, "w");
	struct kb_roster r;
	struct kb_date d = D("2026-12-02");
	const struct kb_roster_row *w;

	fputs("<records version=\"1\">\n<appointment id=\"APP-T-1\" date=\"2026-12-01\" "
	      "person=\"p013\" leaves=\"all\"/>\n</records>\n",
	      f);
	fclose(f);
	teardown();
	load(path);
	kb_roster_build(&in, &d, &r);
	w = row(&r, KB_ROLE_NETWORK_MANAGER, NULL);
	ck_assert_int_eq(w->person, -1);
	ck_assert_msg(w->note && strstr(w->note, "APP-T-1") && strstr(w->note, "2026-12-01"),
	              "vacancy note: %s", w->note ? w->note : "(none)");
	ck_assert_int_ge(r.vacancies, 1);
	kb_roster_free(&r);
	tu_rmrf(dir);
	free(dir);
	free(path);
}
END_TEST

START_TEST(test_roster_xml_and_text)
{
	struct kb_roster r;
	struct kb_date d = D("2026-11-30");
	xmlDoc *x;
	xmlNode *root;
	int roles = 0, bad = 0;
	char *t;

	kb_roster_build(&in, &d, &r);
	x = kb_roster_xml(&in, &r);
	root = xmlDocGetRootElement(x);
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		xmlChar *p, *v, *a;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "role") != 0)
			continue;
		roles++;
		p = xmlGetProp(c, (const xmlChar *)"person");
		v = xmlGetProp(c, (const xmlChar *)"vacant");
		a = xmlGetProp(c, (const xmlChar *)"article");
		/* Each role has a holder or says it is vacant, and cites its article. */
		if ((p == NULL) == (v == NULL) || a == NULL ||
		    strncmp((const char *)a, "第", 3) != 0)
			bad++;
		xmlFree(p), xmlFree(v), xmlFree(a);
	}
	ck_assert_int_eq(roles, (int)r.nrows);
	ck_assert_int_eq(bad, 0);
	xmlFreeDoc(x);
	t = kb_roster_text(&in, &r);
	ck_assert_msg(tu_has(t, "令和8年11月30日現在"), "%s", t);
	ck_assert_msg(tu_has(t, "第14条第2項"), "%s", t);
	free(t);
	kb_roster_free(&r);
}
END_TEST

START_TEST(test_post_title_overlap)
{
	struct kb_post p = {0};
	int u = kb_unit_find(&in.org, "dx-senryaku");

	if (u < 0) {
		/* The sample's 担当課長 unit: find it by its title instead. */
		for (size_t i = 0; i < in.org.nposts; i++)
			if (in.org.posts[i].title && strcmp(in.org.posts[i].title, "担当課長") == 0)
				u = in.org.posts[i].unit;
	}
	ck_assert_int_ge(u, 0);
	p.rank = KB_RANK_DIV_HEAD;
	p.unit = u;
	p.title = (char *)"担当課長";
	{
		char *t = kb_post_title(&in.org, &p);
		/* デジタル戦略担当 + 担当課長 → デジタル戦略担当課長 (the shared 担当 once). */
		ck_assert_msg(strstr(t, "担当担当") == NULL, "%s", t);
		ck_assert_msg(g_str_has_suffix(t, "担当課長"), "%s", t);
		free(t);
	}
}
END_TEST

Suite *
roles_suite(void)
{
	Suite *s = suite_create("roles");
	TCase *tc = tcase_create("register");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_personnel_change_moves_roles);
	tcase_add_test(tc, test_chair_vacant_then_renominated);
	tcase_add_test(tc, test_cio_assistant_term);
	tcase_add_test(tc, test_ex_officio_roles);
	tcase_add_test(tc, test_wg_member_through_dx);
	tcase_add_test(tc, test_vacancy_explained);
	tcase_add_test(tc, test_roster_xml_and_text);
	tcase_add_test(tc, test_post_title_overlap);
	tcase_add_test(tc, test_issue11_changes_attributed);
	tcase_add_test(tc, test_issue11_acting_and_concurrent_posts);
	tcase_add_test(tc, test_issue11_appoint_act);
	suite_add_tcase(s, tc);
	return s;
}
