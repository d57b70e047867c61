/* suites.h — the Check suites that tests/check_main.c runs, one per module. */
#ifndef KB_SUITES_H
#define KB_SUITES_H

#include <check.h>

/* Each returns a new suite; the caller hands it to an SRunner, which owns it from then on. */
Suite *wareki_suite(void);
Suite *load_suite(void);
Suite *roles_suite(void);
Suite *rules_suite(void);
Suite *policy_suite(void);
Suite *layout_suite(void);
Suite *tree_suite(void);
Suite *e2e_suite(void);
Suite *output_suite(void);
Suite *monthly_suite(void);
Suite *haru_suite(void);
Suite *golden_suite(void);
Suite *set_suite(void);
Suite *hostile_suite(void);
Suite *diag_suite(void);
Suite *due_suite(void);
Suite *articles_suite(void);
Suite *numbering_suite(void);
Suite *table_suite(void);
Suite *tagged_suite(void);
Suite *docx_suite(void);
/* make check-docx only (KOBUN_CHECK_DOCX set): needs LibreOffice. */
Suite *docx_libreoffice_suite(void);

#endif
