/* check_diag.c — the catalogue of diagnostics: well-formed, and every entry raised by a fixture or
 * marked environment-only. */
#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define DIAGDIR SRCDIR "/tests/data/diag"

/*
 * Fixtures outside tests/data/diag (which is scanned) and tests/data/rules
 * (run by check_rules.c): a shell command run in a fresh directory, the
 * ids whose [id] must appear and the exit status. In cmd, {k} is the
 * kobun binary, {src} the source tree, {org} the sample organization.
 */
static const struct {
	const char *ids; /* space-separated */
	int status;
	const char *cmd;
} fixtures[] = {
    {"not-well-formed", 1, "{k} check --org {org} {src}/tests/data/bad/malformed.xml"},
    {"schema-invalid", 1, "{k} check --org {org} {src}/tests/data/bad/unknown-element.xml"},
    {"schema-invalid", 1, "{k} check --org {org} {src}/tests/data/bad/bad-date.xml"},
    {"unique-id", 1, "{k} check --org {org} {src}/tests/data/bad/duplicate-id.xml"},
    {"ref-person", 1, "{k} check --org {org} {src}/tests/data/bad/dangling-ref.xml"},
    {"ref-unit", 1, "{k} check --org {org} {src}/tests/data/bad/dangling-charge.xml"},
    {"doctype", 1, "{k} check --org {org} {src}/tests/data/bad/xxe.xml"},
    {"file-unreadable org-invalid", 2,
     "{k} check --org none/organization.xml {src}/tests/data/good/one-dx.xml"},
    {"file-too-large", 1, "truncate -s 65M big.xml && {k} check --org {org} big.xml"},
    {"text-limit", 1,
     "{ printf '<records version=\"1\"><nomination id=\"N-1\" date=\"2026-05-20\" "
     "kind=\"dx-promoter\" nominator=\"p019\" nominee=\"p044\"><reason>'; "
     "head -c 20001 /dev/zero | tr '\\0' x; printf '</reason></nomination></records>'; } > "
     "long.xml "
     "&& {k} check --org {org} long.xml"},
    {"tree-invalid", 1, "{k} render -o x.pdf {src}/tests/data/good/one-dx.xml"},
    {"usage", 2, "{k} frobnicate"},
    {"month-not-begun", 2, "SOURCE_DATE_EPOCH=1795000000 {k} monthly 2099-01 {src}/input"},
    {"month-not-ended", 2, "SOURCE_DATE_EPOCH=1795000000 {k} monthly 2026-11 -o out {src}/input"},
    {"issued-changed", 1,
     "cp -r {src}/input in && {k} build -q --only NOM-2026-0201 -o out in 2>/dev/null && sed -i "
     "'s/として指名する/として新たに指名する/' in/2026-11.xml && {k} build -q --only NOM-2026-0201 "
     "-o out in"},
    {"month-before-base", 2, "{k} monthly 2020-01 -o out {src}/input"},
    {"roster-date-before-base", 2, "{k} roster --date 2026-01-01 {src}/input"},
    {"no-register", 2, "{k} register list --register none.sqlite"},
    /* Issue 16 (15): issued documents, and their register gone. */
    {"register-lost", 2,
     "{k} build -q -o out --org {org} {src}/tests/data/good/one-dx.xml && rm out/register.sqlite "
     "&& {k} build -q -o out --org {org} {src}/tests/data/good/one-dx.xml"},
    {"input-unreadable", 2, "{k} check --org {org} none.xml"},
    {"no-organization", 2, "{k} check {src}/tests/data/good/one-dx.xml"},
    {"png-protected", 2,
     "printf 'u\\no\\n' > pw && {k} build -q --protect --format png --password-file pw -o out "
     "--org {org} {src}/tests/data/confidential/incidents.xml"},
    {"docx-protected", 0,
     "printf 'u\\no\\n' > pw && {k} build -q --protect --format docx --password-file pw -o out "
     "--org {org} {src}/tests/data/confidential/incidents.xml"},
    {"password-missing", 2,
     "env -u KOBUN_PDF_PASSWORD -u KOBUN_PDF_OWNER_PASSWORD {k} build -q --protect -o out "
     "--org {org} {src}/tests/data/good/one-dx.xml"},
    {"password-same", 2,
     "printf 'a\\na\\n' > pw && {k} build -q --protect --password-file pw -o out --org {org} "
     "{src}/tests/data/good/one-dx.xml"},
    {"password-file", 2,
     "{k} build -q --protect --password-file none -o out --org {org} "
     "{src}/tests/data/good/one-dx.xml"},
    /* Issue 16 (3): longer than the 32 bytes PDF uses; a NUL byte; a third line; in the
       environment. */
    {"password-form", 2,
     "printf '0123456789abcdef0123456789abcdefX\\nowner\\n' > pw && {k} build -q --protect "
     "--password-file pw -o out --org {org} {src}/tests/data/good/one-dx.xml"},
    {"password-form", 2,
     "printf 'us\\000er\\nowner\\n' > pw && {k} build -q --protect --password-file pw -o out "
     "--org {org} {src}/tests/data/good/one-dx.xml"},
    {"password-form", 2,
     "printf 'user\\nowner\\nextra\\n' > pw && {k} build -q --protect --password-file pw -o out "
     "--org {org} {src}/tests/data/good/one-dx.xml"},
    {"password-form", 2,
     "KOBUN_PDF_PASSWORD=0123456789abcdef0123456789abcdefX KOBUN_PDF_OWNER_PASSWORD=o {k} build "
     "-q --protect -o out --org {org} {src}/tests/data/good/one-dx.xml"},
    {"output-unwritable", 2,
     "{k} build -q -o /proc/kobun-check-diag --org {org} {src}/tests/data/good/one-dx.xml"},
    {"datadir", 2, "KOBUN_DATADIR=/nonexistent {k} check {src}/input"},
    /* Issue 16 (9): numbered in fiscal year 2026, then re-dated 2027-04-01 and re-issued. */
    {"number-year", 1,
     "{k} build -q -o out --org {org} {src}/tests/data/hostile/fiscal-year-end.xml && sed "
     "'s/issued=\"2027-03-31\"/issued=\"2027-04-01\"/' "
     "{src}/tests/data/hostile/fiscal-year-end.xml > f.xml && {k} build -q --reissue -o out "
     "--org {org} f.xml"},
    /* A profile moving dx-promoter onto 第7条第1項, where info-manager stays by default. */
    {"org-article-same", 0,
     "sed 's|\\(<regulation [^>]*\\)/>|\\1><article key=\"dx-promoter\" "
     "cite=\"第7条第1項\"/></regulation>|' {org} > o.xml && {k} check --org o.xml "
     "{src}/tests/data/good/one-dx.xml"},
};
#define NFIXTURES ((int)(sizeof(fixtures) / sizeof(fixtures[0])))

/* cmd with {k}, {src} and {org} replaced; caller frees. */
static char *
expand(const char *cmd)
{
	static const struct {
		const char *key, *value;
	} vars[] = {{"{k}", KOBUN}, {"{src}", SRCDIR}, {"{org}", SRCDIR "/input/organization.xml"}};
	kb_buf b = {0};

	while (*cmd != '\0') {
		size_t i;
		for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
			if (strncmp(cmd, vars[i].key, strlen(vars[i].key)) == 0)
				break;
		if (i < sizeof(vars) / sizeof(vars[0])) {
			kb_buf_puts(&b, vars[i].value);
			cmd += strlen(vars[i].key);
		} else
			kb_buf_put(&b, cmd++, 1);
	}
	return kb_buf_take(&b);
}

/* Runs cmd in a fresh directory; asserts the exit status and every [id] of ids. */
static void
run_fixture(const char *ids, int status, const char *cmd)
{
	char *dir = tu_tmpdir(), *full = expand(cmd), *out, *list = kb_strdup(ids);
	int rc = tu_run(&out, "cd '%s' && %s", dir, full);

	ck_assert_msg(rc == status, "%s: exit %d, expected %d:\n%s", full, rc, status, out);
	for (char *id = strtok(list, " "); id != NULL; id = strtok(NULL, " ")) {
		char *tag = kb_asprintf("[%s]", id);
		ck_assert_msg(kb_diag_find(id) < KB_D__MAX, "%s is no id of the catalogue", id);
		ck_assert_msg(tu_has(out, tag), "%s: no %s in:\n%s", full, tag, out);
		free(tag);
	}
	free(list);
	free(out);
	free(full);
	tu_rmrf(dir);
	free(dir);
}

START_TEST(test_fixture)
{
	run_fixture(fixtures[_i].ids, fixtures[_i].status, fixtures[_i].cmd);
}
END_TEST

/* The id a file of tests/data/diag is named for ("ref-body.xml", "org-post-unit.org.xml"); caller
 * frees. */
static char *
diag_file_id(const char *name, int *org)
{
	size_t n = strlen(name);

	*org = n > 8 && strcmp(name + n - 8, ".org.xml") == 0;
	if (*org)
		return kb_strndup(name, n - 8);
	if (n > 4 && strcmp(name + n - 4, ".xml") == 0)
		return kb_strndup(name, n - 4);
	return NULL;
}

/* Every file of tests/data/diag raises the diagnostic it is named after. */
START_TEST(test_diag_dir)
{
	DIR *d = opendir(DIAGDIR);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		int org, status;
		char *id = diag_file_id(e->d_name, &org), *cmd;
		if (id == NULL)
			continue;
		ck_assert_msg(kb_diag_find(id) < KB_D__MAX, "%s is named after no diagnostic",
		              e->d_name);
		cmd =
		    org ? kb_asprintf(
		              "{k} check --org {src}/tests/data/diag/%s {src}/tests/data/diag/%s",
		              e->d_name, e->d_name)
		        : kb_asprintf("{k} check --org {org} {src}/tests/data/diag/%s", e->d_name);
		/* A warning leaves the exit status 0; an error 1; a bad organization 2. */
		status = org ? 2 : 1;
		if (kb_diag_entry(kb_diag_find(id))->sev == KB_WARNING)
			status = 0;
		run_fixture(id, status, cmd);
		free(cmd);
		free(id);
		n++;
	}
	closedir(d);
	ck_assert_int_ge(n, 1);
}
END_TEST

static int
kebab(const char *s)
{
	if (s == NULL || !islower((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		      (*s == '-' && s[1] != '-' && s[1] != '\0')))
			return 0;
	return 1;
}

/* Ids unique and kebab-case, texts present, severities grouped as the enum groups them. */
START_TEST(test_catalogue_well_formed)
{
	for (int c = 0; c < KB_D__MAX; c++) {
		const struct kb_diag_entry *e = kb_diag_entry((enum kb_dcode)c);
		ck_assert_msg(kebab(e->id), "entry %d: id \"%s\" is not kebab-case", c,
		              e->id ? e->id : "(null)");
		ck_assert_msg(kb_diag_find(e->id) == (enum kb_dcode)c, "id %s is not unique",
		              e->id);
		ck_assert_msg(e->text != NULL && e->text[0] != '\0', "%s has no text", e->id);
		ck_assert_msg(e->article < KB_ART__MAX, "%s: article %d", e->id, (int)e->article);
		if (c > 0)
			ck_assert_msg(e->sev >= kb_diag_entry((enum kb_dcode)(c - 1))->sev,
			              "%s is out of its severity group", e->id);
		if (e->flags & KB_DF_RULE)
			ck_assert_msg(e->sev == KB_ERROR, "rule %s is not an error", e->id);
	}
	ck_assert_int_eq(kb_diag_find("no-such-diagnostic"), KB_D__MAX);
}
END_TEST

/* 1 when id is raised by a fixture of the table or a file of tests/data/diag. */
static int
has_fixture(const char *id)
{
	char *a = kb_asprintf(DIAGDIR "/%s.xml", id), *b = kb_asprintf(DIAGDIR "/%s.org.xml", id);
	int found = access(a, R_OK) == 0 || access(b, R_OK) == 0;

	for (int i = 0; i < NFIXTURES && !found; i++) {
		char *list = kb_strdup(fixtures[i].ids);
		for (char *w = strtok(list, " "); w != NULL && !found; w = strtok(NULL, " "))
			found = strcmp(w, id) == 0;
		free(list);
	}
	free(a);
	free(b);
	return found;
}

/*
 * Every entry is raised by a fixture (rules: tests/data/rules/ID.fail.xml,
 * run by check_rules.c) or is marked KB_DF_ENV.
 */
START_TEST(test_every_entry_covered)
{
	for (int c = 0; c < KB_D__MAX; c++) {
		const struct kb_diag_entry *e = kb_diag_entry((enum kb_dcode)c);
		if (e->flags & KB_DF_RULE) {
			char *f = kb_asprintf(SRCDIR "/tests/data/rules/%s.fail.xml", e->id);
			ck_assert_msg(access(f, R_OK) == 0, "rule %s has no %s", e->id, f);
			free(f);
		} else
			ck_assert_msg((e->flags & KB_DF_ENV) || has_fixture(e->id),
			              "%s has no fixture and is not marked KB_DF_ENV", e->id);
	}
}
END_TEST

/* docs/diagnostics.md lists every entry of the catalogue with its severity, and nothing else. */
START_TEST(test_every_entry_documented)
{
	static const char *const sev[] = {[KB_NOTE] = "note",
	                                  [KB_WARNING] = "warning",
	                                  [KB_ERROR] = "error",
	                                  [KB_FATAL] = "fatal"};
	char *doc = tu_read(SRCDIR "/docs/diagnostics.md", NULL);
	int rows = 0;

	ck_assert_ptr_nonnull(doc);
	for (int c = 0; c < KB_D__MAX; c++) {
		const struct kb_diag_entry *e = kb_diag_entry((enum kb_dcode)c);
		char *row = kb_asprintf("\n| `%s` | %s |", e->id, sev[e->sev]);
		ck_assert_msg(tu_has(doc, row), "docs/diagnostics.md has no row %s", row + 1);
		free(row);
	}
	for (const char *p = doc; (p = strstr(p, "\n| `")) != NULL; p++)
		rows++;
	ck_assert_int_eq(rows, KB_D__MAX);
	free(doc);
}
END_TEST

/* The reporter: the format of a line, the article override, counts per severity and code. */
START_TEST(test_reporter_format)
{
	kb_buf cap = {0};

	kb_diag_reset();
	kb_diag_capture(&cap);
	kb_diagc(KB_D_REF_PERSON, &(struct kb_loc){"in.xml", 7, "N-1"}, "nominee=\"%s\"", "p9");
	kb_diagc(KB_D_DX_NOMINATOR, &(struct kb_loc){"in.xml", 8, "N-2"}, "x");
	kb_diagc_art(KB_D_SELF_NOMINATION, &(struct kb_loc){"in.xml", 9, NULL}, KB_ART_WG_MEMBER,
	             "y");
	kb_diagc(KB_D_USAGE, NULL, "z");
	/* Issue 16: controls in an id or a value are shown, never sent to the terminal. */
	kb_diagc(KB_D_REF_PERSON,
	         &(struct kb_loc){"in.xml", 10,
	                          "N-\xc2\x85\xc2\x9b"
	                          "2J"},
	         "id=\"\x1b[31m\x7f\tあ\xc2\xa0\"");
	kb_diag_capture(NULL);
	ck_assert_str_eq(cap.data,
	                 "in.xml:7: error: [ref-person] nominee=\"p9\" (N-1)\n"
	                 "in.xml:8: error: [dx-nominator] 第8条第2項: x (N-2)\n"
	                 "in.xml:9: error: [self-nomination] 第13条第2項: y\n"
	                 "kobun: error: [usage] z\n"
	                 "in.xml:10: error: [ref-person] id=\"<U+001B>[31m<U+007F>\tあ\xc2\xa0\" "
	                 "(N-<U+0085><U+009B>2J)\n");
	ck_assert_int_eq(kb_diag_count(KB_ERROR), 4);
	ck_assert_int_eq(kb_diag_count(KB_FATAL), 1);
	ck_assert_int_eq(kb_diag_count_code(KB_D_USAGE), 1);
	ck_assert_int_eq(kb_diag_exit_status(), 2);
	kb_diag_reset();
	ck_assert_int_eq(kb_diag_exit_status(), 0);
	kb_buf_free(&cap);
}
END_TEST

/*
 * Issue 13 (3): each schema mistake a clerk makes gets a message that
 * names the attribute or element, the value given and what is allowed
 * (the list, the form, a near miss), at the line of the attribute; and
 * the record beside it is still read. Each record below is written over
 * two lines (the attribute in question on the second), so the line
 * number tells the attribute's line from the element's.
 */
static const struct {
	const char *first, *second; /* the record's lines 3 and 4; line 5 ends its start tag */
	int line;                   /* the line the message must name */
	const char *expect[3];      /* substrings of the message (NULL ends) */
} mistakes[] = {
    {"<nomination id=\"NOM-X-1\" kind=\"dx-promoter\" nominator=\"p019\"",
     "nominee=\"p044\" date=\"2026/11/05\"",
     4,
     {"date=\"2026/11/05\"", "YYYY-MM-DD", "2026-11-05"}},
    {"<nomination id=\"NOM-X-1\" date=\"2026-11-05\" nominator=\"p019\"",
     "nominee=\"p044\"",
     3,
     {"kind=", "dx-promoter", "working-group-convener"}},
    {"<nomination id=\"NOM-X-1\" date=\"2026-11-05\" nominator=\"p019\"",
     "kind=\"dx-promotor\" nominee=\"p044\"",
     4,
     {"kind=\"dx-promotor\"", "dx-promoter ではありませんか", NULL}},
    {"<incident id=\"INC-X-1\" severity=\"1\" category=\"other\" status=\"open\"><title>t</title>",
     "<occurred at=\"2026-11-20 02:00\"/><recognized at=\"2026-11-20T03:00\" "
     "by=\"p021\"/><division "
     "ref=\"shiminka\"/><impact/><summary>s</summary",
     4,
     {"at=\"2026-11-20 02:00\"", "YYYY-MM-DDThh:mm", "2026-11-20T02:00"}},
    {"<incident id=\"INC-X-1\" severity=\"1\" category=\"other\" status=\"open\"><title>t</title>",
     "<occurred at=\"2026-11-20T02:00\"/><recognized at=\"2026-11-20T03:00\" "
     "by=\"p021\"/><division "
     "ref=\"shiminka\"/><impact/><sumary>s</sumary",
     4,
     {"<sumary>", "<summary> ではありませんか", NULL}},
    {"<incident id=\"INC-X-1\" severity=\"1\" category=\"other\" status=\"open\"><title>t</title>",
     "<occurred at=\"2026-11-20T02:00\"/><recognized at=\"2026-11-20T03:00\" "
     "by=\"p021\"/><division "
     "ref=\"shiminka\"/><impact encrypted=\"yes\"/><summary>s</summary",
     4,
     {"encrypted=\"yes\"", "true, false", NULL}},
};

START_TEST(test_issue13_schema_messages)
{
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/r.xml", dir), *out;
	FILE *f = fopen(path, "w");
	int rc;

	ck_assert_ptr_nonnull(f);
	/* lines 1, 2: header; 3–5: the mistake; 6: a good record that must still be read. */
	fprintf(f,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records version=\"1\">\n%s\n%s\n%s\n"
	        "<nomination id=\"NOM-X-2\" date=\"2026-05-20\" kind=\"dx-promoter\" "
	        "nominator=\"p019\" nominee=\"p044\"/>\n</records>\n",
	        mistakes[_i].first, mistakes[_i].second,
	        mistakes[_i].first[1] == 'n' ? "/>" : "></incident>");
	fclose(f);
	rc = tu_run(&out, "%s check --org %s/input/organization.xml %s", KOBUN, SRCDIR, path);
	ck_assert_msg(rc == 1, "exit %d:\n%s", rc, out);
	{
		char *at = kb_asprintf("r.xml:%d: error: [schema-invalid]", mistakes[_i].line);
		ck_assert_msg(tu_has(out, at),
		              "the message is not at the line of the mistake (%d):\n%s",
		              mistakes[_i].line, out);
		free(at);
	}
	for (int k = 0; k < 3 && mistakes[_i].expect[k] != NULL; k++)
		ck_assert_msg(strstr(out, mistakes[_i].expect[k]) != NULL, "no 「%s」 in:\n%s",
		              mistakes[_i].expect[k], out);
	ck_assert_msg(strstr(out, "failed to validate") == NULL &&
	                  strstr(out, "Expecting") == NULL && strstr(out, "doesn't allow") == NULL,
	              "libxml2's words remain:\n%s", out);
	ck_assert_msg(tu_has(out, "2 records read, 1 rejected"), "the good record was lost:\n%s",
	              out);
	free(out);
	tu_rmrf(dir);
	free(dir), free(path);
}
END_TEST

/* Issue 13 (3): a file that breaks at one record loses only what lies from the error on. */
START_TEST(test_issue13_broken_file_keeps_records_before)
{
	char *dir = tu_tmpdir(), *out, *pdf;
	int rc = tu_run(
	    &out, "%s build -o %s --org %s/input/organization.xml %s/tests/data/bad/malformed.xml",
	    KOBUN, dir, SRCDIR, SRCDIR);

	ck_assert_msg(rc == 1, "exit %d:\n%s", rc, out);
	ck_assert_msg(
	    tu_has(
	        out,
	        "malformed.xml:14: error: [not-well-formed] the records from the first error on"),
	    "no message that the rest is lost:\n%s", out);
	pdf = kb_asprintf("%s/NOM-T-0101/nomination-notice.pdf", dir);
	ck_assert_msg(access(pdf, R_OK) == 0, "NOM-T-0101, before the error, was not rendered:\n%s",
	              out);
	free(pdf);
	pdf = kb_asprintf("%s/NOM-T-0102", dir);
	ck_assert_msg(access(pdf, F_OK) != 0, "NOM-T-0102, where the file breaks, was rendered");
	free(pdf), free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

Suite *
diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("catalogue");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_catalogue_well_formed);
	tcase_add_test(tc, test_every_entry_covered);
	tcase_add_test(tc, test_every_entry_documented);
	tcase_add_test(tc, test_reporter_format);
	tcase_add_loop_test(tc, test_fixture, 0, NFIXTURES);
	tcase_add_test(tc, test_diag_dir);
	tcase_add_test(tc, test_issue13_broken_file_keeps_records_before);
	tcase_add_loop_test(tc, test_issue13_schema_messages, 0,
	                    (int)(sizeof(mistakes) / sizeof(mistakes[0])));
	suite_add_tcase(s, tc);
	return s;
}
