/* check_main.c — runs every Check suite of kobun and ends with Check's summary line. */
#include <check.h>
#include <glib.h>
#include <stdlib.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(wareki_suite());
	int failed;

	srunner_add_suite(sr, load_suite());
	srunner_add_suite(sr, roles_suite());
	srunner_add_suite(sr, rules_suite());
	srunner_add_suite(sr, policy_suite());
	srunner_add_suite(sr, tree_suite());
	srunner_add_suite(sr, layout_suite());
	srunner_add_suite(sr, e2e_suite());
	srunner_add_suite(sr, output_suite());
	srunner_add_suite(sr, monthly_suite());
	srunner_add_suite(sr, haru_suite());
	srunner_add_suite(sr, golden_suite());
	srunner_add_suite(sr, set_suite());
	srunner_add_suite(sr, diag_suite());
	srunner_add_suite(sr, due_suite());
	srunner_add_suite(sr, articles_suite());
	srunner_add_suite(sr, numbering_suite());
	srunner_add_suite(sr, table_suite());
	srunner_add_suite(sr, tagged_suite());
	srunner_add_suite(sr, docx_suite());
	if (getenv("KOBUN_CHECK_DOCX") != NULL)
		srunner_add_suite(sr, docx_libreoffice_suite());
	srunner_add_suite(sr, hostile_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
