/* check_rules.c — every rule of the catalogue against its failing and passing fixture
 * (tests/data/rules/). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "roles.h"
#include "rules.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define RULES SRCDIR "/tests/data/rules/"

/* Loads the sample organization and one fixture with every check; returns the diagnostics. */
static char *
check_file(const char *path)
{
	struct kb_loader *ld;
	struct kb_input in = {0};
	kb_buf cap = {0};

	kb_diag_reset();
	kb_diag_capture(&cap);
	ld = kb_loader_new(SRCDIR);
	ck_assert_int_eq(kb_load_org(ld, SRCDIR "/input/organization.xml", &in), 0);
	kb_load_records(ld, path, &in);
	kb_check_run(&in);
	kb_input_free(&in);
	kb_loader_free(ld);
	kb_diag_capture(NULL);
	return kb_buf_take(&cap);
}

/* The line the fixture's preamble promises: "RULE.fail.xml:LINE:". */
static long
promised_line(const char *path, const char *id)
{
	char *text = tu_read(path, NULL), *key = kb_asprintf("%s.fail.xml:", id), *at;
	long line = -1;

	ck_assert_msg(text != NULL, "cannot read %s", path);
	for (at = strstr(text, key); at != NULL && line <= 0; at = strstr(at + 1, key))
		line = strtol(at + strlen(key), NULL, 10);
	free(key);
	free(text);
	return line;
}

/* The _i-th rule of the catalogue (entries flagged KB_DF_RULE, in catalogue order). */
static const struct kb_diag_entry *
nth_rule(int i)
{
	for (int c = 0; c < KB_D__MAX; c++)
		if ((kb_diag_entry((enum kb_dcode)c)->flags & KB_DF_RULE) && i-- == 0)
			return kb_diag_entry((enum kb_dcode)c);
	return NULL;
}

START_TEST(test_rule_fails)
{
	const struct kb_diag_entry *r = nth_rule(_i);
	char *path = kb_asprintf(RULES "%s.fail.xml", r->id);
	char *want, *diags;
	const char *art;
	long line;

	line = promised_line(path, r->id);
	ck_assert_msg(line > 0, "%s does not state its expected line", path);
	diags = check_file(path);
	/* The sample organization keeps the default numbering (articles.c). */
	art = kb_art_cite(NULL, r->article);
	want = kb_asprintf("%s:%ld: error: [%s] %s%s", path, line, r->id, art ? art : "",
	                   art ? ":" : "");
	ck_assert_msg(strstr(diags, want) != NULL, "expected '%s' in:\n%s", want, diags);
	free(want);
	free(diags);
	free(path);
}
END_TEST

START_TEST(test_rule_passes)
{
	const struct kb_diag_entry *r = nth_rule(_i);
	char *path = kb_asprintf(RULES "%s.pass.xml", r->id);
	char *diags = check_file(path);

	ck_assert_msg(kb_diag_count(KB_ERROR) == 0 && kb_diag_count(KB_FATAL) == 0,
	              "%s should be clean:\n%s", path, diags);
	free(diags);
	free(path);
}
END_TEST

/* docs/regulation.md names every rule, so a reviewer can find each one's article and tests. */
START_TEST(test_rules_documented)
{
	char *doc = tu_read(SRCDIR "/docs/regulation.md", NULL);

	ck_assert_msg(doc != NULL, "docs/regulation.md is missing");
	for (int i = 0; nth_rule(i) != NULL; i++) {
		const struct kb_diag_entry *r = nth_rule(i);
		char *tick = kb_asprintf("`%s`", r->id);
		ck_assert_msg(strstr(doc, tick) != NULL, "docs/regulation.md lacks %s", r->id);
		free(tick);
	}
	for (int a = 3; a <= 16; a++) {
		char *art = kb_asprintf("| 第%d条", a);
		ck_assert_msg(strstr(doc, art) != NULL, "docs/regulation.md lacks 第%d条", a);
		free(art);
	}
	free(doc);
}
END_TEST

Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("fixtures");
	int n = 0;

	while (nth_rule(n) != NULL)
		n++;
	tcase_add_loop_test(tc, test_rule_fails, 0, n);
	tcase_add_loop_test(tc, test_rule_passes, 0, n);
	tcase_add_test(tc, test_rules_documented);
	suite_add_tcase(s, tc);
	return s;
}
