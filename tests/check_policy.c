/* check_policy.c — the incident policy table: PPC triggers, press decision, deadlines, authorities,
 * report numbering. */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "policy.h"
#include "rules.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

/* The organization policy_of loads (shiminka and sys-juki must exist there), and the ids of the
 * authorities its last incident addresses, separated by spaces. */
static const char *org_file = SRCDIR "/input/organization.xml";
static char addressed[256];

/*
 * Loads one incident with the given attributes and impact under org_file, and applies the policy.
 */
static void
policy_of(const char *attrs, const char *recognized, const char *impact, const char *disclosure,
          struct kb_incident_policy *out)
{
	struct kb_loader *ld;
	struct kb_input in = {0};
	kb_buf cap = {0};
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/i.xml", dir);
	FILE *f = fopen(path, "w");
	const struct kb_record *r = NULL;

	fprintf(f,
	        "<records version=\"1\"><incident id=\"I-1\" %s>"
	        "<title>試験</title><occurred at=\"%sT08:00\"/><recognized at=\"%sT09:00\" "
	        "by=\"p021\"/>"
	        "<division ref=\"shiminka\"/><impact "
	        "%s/><summary>概要</summary>%s</incident></records>\n",
	        attrs, recognized, recognized, impact, disclosure ? disclosure : "");
	fclose(f);
	kb_diag_reset();
	kb_diag_capture(&cap);
	ld = kb_loader_new(SRCDIR);
	ck_assert_int_eq(kb_load_org(ld, org_file, &in), 0);
	kb_load_records(ld, path, &in);
	kb_check_run(&in);
	for (size_t i = 0; i < in.nrecords; i++)
		if (in.records[i].kind == KB_REC_INCIDENT)
			r = &in.records[i];
	ck_assert_msg(r != NULL && !r->rejected, "incident not loaded:\n%s", cap.data);
	/* The resolve pass stores the policy on the record, once. */
	ck_assert_ptr_nonnull(r->res.policy);
	*out = *r->res.policy;
	addressed[0] = '\0';
	for (int k = 0; k < out->nauthorities; k++)
		snprintf(addressed + strlen(addressed), sizeof(addressed) - strlen(addressed),
		         "%s%s", k ? " " : "", in.org.authorities[out->authorities[k]].id);
	out->authorities = NULL; /* goes with the record */
	kb_input_free(&in);
	kb_loader_free(ld);
	kb_diag_capture(NULL);
	kb_buf_free(&cap);
	tu_rmrf(dir);
	free(dir);
	free(path);
}

#define BASE "severity=\"2\" category=\"misdelivery\" status=\"open\""

START_TEST(test_ppc_triggers)
{
	struct kb_incident_policy p;
	static const char *const alone[] = {"sensitive=\"true\"", "property-damage-risk=\"true\"",
	                                    "unauthorized-purpose=\"true\"",
	                                    "ordinance-sensitive=\"true\""};

	policy_of(BASE, "2026-11-02", "", NULL, &p);
	ck_assert_int_eq(p.ppc, 0);
	for (size_t i = 0; i < 4; i++) {
		policy_of(BASE, "2026-11-02", alone[i], NULL, &p);
		ck_assert_msg(p.ppc == 1, "%s alone should call for a PPC report", alone[i]);
	}
	/* 「百人を超える」: 100 persons is not enough, 101 is. */
	policy_of(BASE, "2026-11-02", "personal-records=\"100\"", NULL, &p);
	ck_assert_int_eq(p.ppc, 0);
	policy_of(BASE, "2026-11-02", "personal-records=\"101\"", NULL, &p);
	ck_assert_int_eq(p.ppc, 1);
	/* Strong encryption takes the duty away, whatever else holds. */
	policy_of(BASE, "2026-11-02",
	          "sensitive=\"true\" personal-records=\"500\" encrypted=\"true\"", NULL, &p);
	ck_assert_int_eq(p.ppc, 0);
	policy_of(BASE, "2026-11-02", "my-number=\"true\" sensitive=\"true\"", NULL, &p);
	ck_assert_int_eq(p.my_number, 1);
}
END_TEST

START_TEST(test_press_decision)
{
	struct kb_incident_policy p;

	policy_of(BASE, "2026-11-02", "", "<disclosure decision=\"publish\"/>", &p);
	ck_assert_int_eq(p.press, 1);
	policy_of(BASE, "2026-11-02", "sensitive=\"true\"",
	          "<disclosure decision=\"withhold\" reason=\"捜査に支障\"/>", &p);
	ck_assert_int_eq(p.press, 0);
	/* auto: the PPC duty, or severity 4, or severity 3 with outside effect. */
	policy_of(BASE, "2026-11-02", "personal-records=\"101\"", "<disclosure decision=\"auto\"/>",
	          &p);
	ck_assert_int_eq(p.press, 1);
	policy_of("severity=\"4\" category=\"other\" status=\"open\"", "2026-11-02", "", NULL, &p);
	ck_assert_int_eq(p.press, 1);
	policy_of("severity=\"3\" category=\"other\" status=\"open\"", "2026-11-02",
	          "external=\"true\"", NULL, &p);
	ck_assert_int_eq(p.press, 1);
	policy_of("severity=\"3\" category=\"other\" status=\"open\"", "2026-11-02", "", NULL, &p);
	ck_assert_int_eq(p.press, 0);
	policy_of("severity=\"2\" category=\"other\" status=\"open\"", "2026-11-02",
	          "external=\"true\"", NULL, &p);
	ck_assert_int_eq(p.press, 0);
}
END_TEST

static void
date_is(const struct kb_date *d, int y, int m, int dd)
{
	ck_assert_msg(d->y == y && d->m == m && d->d == dd,
	              "got %04d-%02d-%02d, want %04d-%02d-%02d", d->y, d->m, d->d, y, m, dd);
}

START_TEST(test_deadlines)
{
	struct kb_incident_policy p;

	/* K = 11-29: 速報 12-02 (K+3), late after 12-04 (K+5), 確報 12-28 (30 days counting K). */
	policy_of(BASE, "2026-11-29", "sensitive=\"true\"", NULL, &p);
	date_is(&p.due_cio, 2026, 11, 29);
	date_is(&p.due_pref, 2026, 11, 29);
	date_is(&p.ppc_quick, 2026, 12, 2);
	date_is(&p.ppc_quick_late, 2026, 12, 4);
	date_is(&p.ppc_final, 2026, 12, 28);
	/* 不正の目的: 60 days counting K. */
	policy_of(BASE, "2026-11-29", "unauthorized-purpose=\"true\"", NULL, &p);
	date_is(&p.ppc_final, 2027, 1, 27);
	/* Across the fiscal year's end (and a leap-free February). */
	policy_of(BASE, "2027-03-20", "sensitive=\"true\"", NULL, &p);
	date_is(&p.ppc_quick, 2027, 3, 23);
	date_is(&p.ppc_final, 2027, 4, 18);
	policy_of(BASE, "2027-02-27", "sensitive=\"true\"", NULL, &p);
	date_is(&p.ppc_quick, 2027, 3, 2);
}
END_TEST

START_TEST(test_due_states)
{
	struct kb_date due = {2026, 12, 2}, before = {2026, 12, 1}, after = {2026, 12, 3};

	ck_assert_int_eq(kb_policy_due_state(&due, NULL, &before), KB_DUE_PENDING);
	ck_assert_int_eq(kb_policy_due_state(&due, NULL, &due), KB_DUE_PENDING);
	ck_assert_int_eq(kb_policy_due_state(&due, NULL, &after), KB_DUE_OVERDUE);
	ck_assert_int_eq(kb_policy_due_state(&due, &before, &after), KB_DUE_MET);
	/* Issue 11: done after the deadline is 済（期限後）, not 期限超過; done after the day
	 * judged is not done yet. */
	ck_assert_int_eq(kb_policy_due_state(&due, &after, &after), KB_DUE_MET_LATE);
	ck_assert_str_eq(kb_policy_due_name(KB_DUE_MET_LATE), "済（期限後）");
	ck_assert_int_eq(kb_policy_due_state(&due, &after, &due), KB_DUE_PENDING);
	ck_assert_int_eq(kb_policy_due_state(&due, &after, &before), KB_DUE_PENDING);
}
END_TEST

START_TEST(test_authorities_and_labels)
{
	struct kb_incident_policy p;

	/* Severity 2 misdelivery: the prefecture only. */
	policy_of(BASE, "2026-11-02", "", NULL, &p);
	ck_assert_int_eq(p.nauthorities, 1);
	ck_assert_str_eq(p.label, "第1報");
	/* Severity 3, or malware / unauthorized access at any severity: ministries too. */
	policy_of("severity=\"3\" category=\"other\" status=\"open\"", "2026-11-02", "", NULL, &p);
	ck_assert_int_eq(p.nauthorities, 2);
	policy_of("severity=\"1\" category=\"malware\" status=\"contained\"", "2026-11-02", "",
	          NULL, &p);
	ck_assert_int_eq(p.nauthorities, 2);
	policy_of("severity=\"1\" category=\"unauthorized-access\" status=\"open\" revision=\"2\"",
	          "2026-11-02", "", NULL, &p);
	ck_assert_int_eq(p.nauthorities, 2);
	ck_assert_str_eq(p.label, "第2報");
	/* resolved makes it the 最終報. */
	policy_of("severity=\"2\" category=\"other\" status=\"resolved\" revision=\"3\"",
	          "2026-11-02", "", NULL, &p);
	ck_assert_str_eq(p.label, "最終報");
	ck_assert_int_eq(p.final, 1);
}
END_TEST

/* A city says which incidents each prefecture or ministry hears of: when="every" or "grave". */
START_TEST(test_authority_when)
{
	struct kb_incident_policy p;
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/organization.xml", dir);
	char *org = tu_read(SRCDIR "/input/organization.xml", NULL);
	GString *g = g_string_new(org);
	FILE *f;

	policy_of(BASE, "2026-11-02", "", NULL, &p);
	ck_assert_str_eq(addressed, "pref");
	ck_assert_int_eq(
	    g_string_replace(g, "kind=\"prefecture\"", "kind=\"prefecture\" when=\"grave\"", 0), 1);
	ck_assert_int_eq(
	    g_string_replace(g, "kind=\"ministry\"", "kind=\"ministry\" when=\"every\"", 0), 1);
	f = fopen(path, "w");
	fputs(g->str, f);
	fclose(f);
	org_file = path;
	/* Severity 2 misdelivery: now the ministry only. */
	policy_of(BASE, "2026-11-02", "", NULL, &p);
	ck_assert_str_eq(addressed, "mic");
	/* Severity 3: both, in the organization's order; never the PPC by letter. */
	policy_of("severity=\"3\" category=\"other\" status=\"open\"", "2026-11-02", "", NULL, &p);
	ck_assert_str_eq(addressed, "pref mic");
	org_file = SRCDIR "/input/organization.xml";
	g_string_free(g, TRUE);
	free(org);
	tu_rmrf(dir);
	free(dir), free(path);
}
END_TEST

Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("incidents");

	tcase_add_test(tc, test_ppc_triggers);
	tcase_add_test(tc, test_press_decision);
	tcase_add_test(tc, test_deadlines);
	tcase_add_test(tc, test_due_states);
	tcase_add_test(tc, test_authorities_and_labels);
	tcase_add_test(tc, test_authority_when);
	suite_add_tcase(s, tc);
	return s;
}
