/* check_table.c — what the commands print for a clerk: the listings' tables (text columns sized by
 * content, CSV as RFC 4180 says: roster, register list, due), and -q / -v. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "table.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN

/* The display column where needle starts in line (East Asian characters count two), or -1. */
static long
column_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);
	char *head;
	long c;

	if (p == NULL)
		return -1;
	head = kb_strndup(line, (size_t)(p - line));
	c = (long)kb_display_width(head);
	free(head);
	return c;
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

START_TEST(test_table_text_and_csv)
{
	static const char *const head[] = {"役割", "name", "note"};
	struct kb_table t;
	kb_buf b = {0};

	kb_table_init(&t, 3, head);
	kb_table_row(&t, "体制", "情報統括管理者", "a", NULL);
	kb_table_row(&t, "体制", "x", "b,c", "say \"hi\"");
	kb_table_row(&t, "部会", "y", "line\nbreak", "");
	kb_table_text(&b, &t);
	/* Column 2 starts after the widest cell of column 1 (14 columns) and two spaces. */
	ck_assert_int_eq(column_of(b.data, "name"), 16);
	ck_assert_msg(tu_has(b.data, "■ 体制\n情報統括管理者  a\n"), "%s", b.data);
	ck_assert_msg(tu_has(b.data, "■ 部会\n"), "%s", b.data);
	ck_assert_msg(!tu_has(b.data, " \n"), "trailing blanks:\n%s", b.data);
	kb_buf_free(&b);
	kb_table_csv(&b, &t);
	ck_assert_str_eq(b.data, "役割,name,note\r\n"
	                         "情報統括管理者,a,\r\n"
	                         "x,\"b,c\",\"say \"\"hi\"\"\"\r\n"
	                         "y,\"line\nbreak\",\r\n");
	kb_buf_free(&b);
	kb_table_free(&t);
}
END_TEST

/* A long authority id no longer runs into the next column of register list (issue 13). */
START_TEST(test_register_list_columns)
{
	char *dir = tu_tmpdir(), *out = NULL, *line, *save = NULL;
	long file_col = -1;
	int rows = 0, csv_rows = 0;

	ck_assert_int_eq(
	    tu_run(NULL,
	           "mkdir -p '%s/in' && sed 's/id=\"pref\"/id=\"kyoto-prefecture-office\"/' "
	           "'%s/input/organization.xml' > '%s/in/organization.xml' && "
	           "cp '%s/input/2026-11.xml' '%s/in/'",
	           dir, SRCDIR, dir, SRCDIR, dir),
	    0);
	ck_assert_int_eq(tu_run(&out, "%s build -q -o '%s/out' '%s/in'", KOBUN, dir, dir), 0);
	free(out);
	ck_assert_int_eq(tu_run(&out, "%s register list -o '%s/out'", KOBUN, dir), 0);
	ck_assert_msg(tu_has(out, "kyoto-prefecture-office"), "%.300s", out);
	/* Every row's file starts in the column of the ファイル heading. */
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		const char *f = strstr(line, ".pdf");
		if (file_col < 0) {
			file_col = column_of(line, "ファイル");
			ck_assert_int_gt(file_col, 0);
			continue;
		}
		if (f == NULL)
			continue;
		while (f > line && f[-1] != ' ')
			f--;
		ck_assert_msg(column_of(line, f) == file_col, "misaligned: %.300s", line);
		rows++;
	}
	free(out);
	ck_assert_int_gt(rows, 20);
	/*
	 * The CSV has the same rows, eleven fields each (the last two the
	 * editable copies, none here), and the whole digest.
	 */
	ck_assert_int_eq(tu_run(&out, "%s register list --format csv -o '%s/out'", KOBUN, dir), 0);
	ck_assert_msg(starts(out, "fiscal_year,number,date,record,kind,authority,revision,file,"
	                          "sha256,copies,copies_sha256\r\n"),
	              "%.300s", out);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		int commas = 0;
		const char *sha = NULL;
		for (const char *p = line; *p; p++)
			if (*p == ',' && ++commas == 8)
				sha = p + 1;
		ck_assert_msg(commas == 10, "not eleven fields: %.300s", line);
		if (strstr(line, ".pdf") != NULL) {
			ck_assert_int_eq(strspn(sha, "0123456789abcdef"), 64);
			csv_rows++;
		}
	}
	ck_assert_int_eq(csv_rows, rows);
	free(out);
	ck_assert_int_eq(tu_run(&out, "%s register list --format xml -o '%s/out'", KOBUN, dir), 2);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* roster --format csv: the roles of the text roster, ten columns, the person's id and name. */
START_TEST(test_roster_csv)
{
	char *text = NULL, *csv = NULL;
	const char *p;
	int lines = 0;
	long roles;

	ck_assert_int_eq(tu_run(&text, "%s roster --date 2026-11-30 '%s/input'", KOBUN, SRCDIR), 0);
	ck_assert_int_eq(
	    tu_run(&csv, "%s roster --date 2026-11-30 --format csv '%s/input'", KOBUN, SRCDIR), 0);
	p = strstr(text, " 役割、欠員");
	ck_assert_ptr_nonnull(p);
	while (p > text && p[-1] != '\n')
		p--;
	roles = strtol(p, NULL, 10);
	ck_assert_int_gt(roles, 10);
	for (p = csv; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	/* the heading, the roles held and those ended before the date */
	ck_assert_int_ge(lines - 1, roles);
	ck_assert_msg(
	    starts(csv, "group,role,scope,article,person,name,post,basis,since,ended\r\n"),
	    "%.300s", csv);
	ck_assert_msg(tu_has(csv, ",p002,湯浅　正和,副市長,"), "%.300s", csv);
	free(text), free(csv);
}
END_TEST

/* -q prints no "wrote" line; -v names the organization, each file read and the register. */
START_TEST(test_quiet_and_verbose)
{
	char *dir = tu_tmpdir(), *out = NULL;

	ck_assert_int_eq(tu_run(&out, "%s build -q -o '%s/q' '%s/input'", KOBUN, dir, SRCDIR), 0);
	ck_assert_msg(!tu_has(out, "wrote ") && tu_has(out, "documents written"), "%.300s", out);
	free(out);
	ck_assert_int_eq(
	    tu_run(&out, "%s build -v --dry-run -o '%s/v' '%s/input'", KOBUN, dir, SRCDIR), 0);
	ck_assert_msg(tu_has(out, "kobun: organization " SRCDIR "/input/organization.xml (") &&
	                  tu_has(out, "kobun: read " SRCDIR "/input/2026-11.xml (") &&
	                  tu_has(out, "/v/register.sqlite (a scratch copy"),
	              "%.600s", out);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

Suite *
table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_table_text_and_csv);
	tcase_add_test(tc, test_register_list_columns);
	tcase_add_test(tc, test_roster_csv);
	tcase_add_test(tc, test_quiet_and_verbose);
	suite_add_tcase(s, tc);
	return s;
}
