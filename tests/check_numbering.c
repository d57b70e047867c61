/* check_numbering.c — issue 13 (4): document numbers are never wasted, split or silently reused. */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jobs.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN

/* SOURCE_DATE_EPOCH of noon JST on a day of 2026 (month m, day d), for "today". */
static long
epoch(int m, int d)
{
	static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	long days = (2026 - 1970) * 365L + 14 /* leap days 1972–2024 */ + before[m - 1] + d - 1;

	return days * 86400 + 3 * 3600; /* 03:00 UTC = 12:00 JST */
}

/* A fresh directory holding a copy of the sample as in/; the caller frees and removes it. */
static char *
sample_copy(void)
{
	char *dir = tu_tmpdir();

	ck_assert_int_eq(tu_run(NULL, "cp -r %s/input %s/in", SRCDIR, dir), 0);
	return dir;
}

/* The output of a shell command run in dir (exit status asserted); the caller frees it. */
static char *
run_in(const char *dir, int want, const char *cmd)
{
	char *out;
	int rc = tu_run(&out, "{ cd '%s' && %s; }", dir, cmd);

	ck_assert_msg(rc == want, "%s: exit %d, want %d:\n%.3000s", cmd, rc, want, out);
	return out;
}

/* The number attribute of the entry of DIR/out/manifest.xml whose file is file ("" when none);
 * caller frees. */
static char *
manifest_number(const char *dir, const char *file)
{
	char *out;

	tu_run(&out,
	       "grep -o 'number=\"[^\"]*\"[^>]*file=\"%s\"' '%s/out/manifest.xml' | cut -d'\"' -f2",
	       file, dir);
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* How many <document> entries DIR/out/manifest.xml has. */
static int
manifest_count(const char *dir)
{
	char *out;
	int n;

	tu_run(&out, "grep -c '<document ' '%s/out/manifest.xml'", dir);
	n = atoi(out);
	free(out);
	return n;
}

/*
 * The README's preview (--format png), --dump and --dry-run take no number
 * and leave no register anywhere; a new document in a preview prints
 * 「第　　号」. The first real build then starts at 第1号, and a preview
 * afterwards shows the number the document holds.
 */
START_TEST(test_issue13_preview_takes_no_number)
{
	char *dir = sample_copy(), *out;

	free(run_in(dir, 0, KOBUN " build -q --format png -o preview in"));
	ck_assert_int_eq(
	    tu_run(NULL, "cd %s && test -e preview/NOM-2026-0201/nomination-notice-1.png", dir), 0);
	out = run_in(dir, 0, KOBUN " build --dump=context --only NOM-2026-0201 -o out in");
	ck_assert_msg(tu_has(out, "number-by-hand=\"true\"") && !tu_has(out, "亀情政第"),
	              "a preview prints a new number:\n%.2000s", out);
	free(out);
	out = run_in(dir, 0, KOBUN " build --dry-run -o out in");
	ck_assert_msg(
	    tu_has(out, "would write out/structure/2026-11-01.pdf 亀情政第1号 (a new number)"),
	    "--dry-run does not say what it would number:\n%.2000s", out);
	free(out);
	/* Nothing of the previews is a register or an output directory. */
	out = run_in(dir, 0,
	             "find . -name '*.sqlite*' -o -name out -o -name output -o -name manifest.xml");
	ck_assert_msg(out[0] == '\0', "previews left: %s", out);
	free(out);
	free(run_in(dir, 0, KOBUN " build -q -o out in"));
	out = manifest_number(dir, "structure/2026-11-01.pdf");
	ck_assert_str_eq(out, "亀情政第1号");
	free(out);
	out = manifest_number(dir, "NOM-2026-0201/nomination-notice.pdf");
	ck_assert_str_eq(out, "亀情政第3号");
	free(out);
	/* A preview after issue prints the number held, read only. */
	free(run_in(dir, 0, "cp out/register.sqlite reg.before"));
	out = run_in(dir, 0, KOBUN " build --dump=context --only NOM-2026-0201 -o out in");
	ck_assert_msg(tu_has(out, "number=\"亀情政第3号\""), "%.2000s", out);
	free(out);
	free(run_in(dir, 0, "cmp out/register.sqlite reg.before"));
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * <policy register="…"/> (relative to organization.xml) is the register of
 * every run, wherever it is started: a build from one directory and the
 * monthly report from another share it, with no duplicate number, and
 * kobun register list finds it from INPUT.
 */
START_TEST(test_issue13_one_register_per_organization)
{
	char *dir = sample_copy(), *out, *cmd;

	free(run_in(
	    dir, 0,
	    "mkdir a b c && sed -i 's|<policy |<policy register=\"../book/numbers.sqlite\" |' "
	    "in/organization.xml && mkdir book"));
	free(run_in(dir, 0, "cd a && " KOBUN " build -q -o out ../in"));
	cmd = kb_asprintf("cd b && SOURCE_DATE_EPOCH=%ld %s monthly 2026-11 -o out %s/in",
	                  epoch(12, 5), KOBUN, dir);
	free(run_in(dir, 0, cmd));
	free(cmd);
	out = run_in(dir, 0, "find . -name '*.sqlite'");
	ck_assert_msg(strcmp(out, "./book/numbers.sqlite\n") == 0, "registers: %s", out);
	free(out);
	/* One sequence per code: no number twice, the report after the build's numbers. */
	out = run_in(
	    dir, 0,
	    "sqlite3 book/numbers.sqlite \"SELECT COUNT(*) = COUNT(DISTINCT prefix || seq), "
	    "(SELECT seq FROM numbers WHERE record='monthly-2026-11') > (SELECT MAX(seq) "
	    "FROM numbers WHERE prefix='亀情政' AND record<>'monthly-2026-11') FROM numbers\"");
	ck_assert_msg(strcmp(out, "1|1\n") == 0, "numbers split: %s", out);
	free(out);
	out = run_in(dir, 0, "cd c && " KOBUN " register list ../in");
	ck_assert_msg(tu_has(out, "monthly-2026-11") && tu_has(out, "NOM-2026-0201"), "%.2000s",
	              out);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * A monthly report for a month not yet ended (today in JST) is refused with
 * the day it can be issued and takes no number; --draft renders it marked
 * 案, with 「第　　号」, under its own name, and writes no register.
 */
START_TEST(test_issue13_monthly_not_ended)
{
	char *dir = sample_copy(), *out, *cmd, *draft, *real;
	int n_draft = 0, n_real = 0;

	cmd =
	    kb_asprintf("SOURCE_DATE_EPOCH=%ld %s monthly 2026-11 -o out in", epoch(11, 30), KOBUN);
	out = run_in(dir, 2, cmd);
	ck_assert_msg(tu_has(out, "[month-not-ended]") && tu_has(out, "2026-12-01"), "%s", out);
	free(out);
	free(cmd);
	out = run_in(dir, 0, "find . -name '*.sqlite' -o -name out");
	ck_assert_msg(out[0] == '\0', "a refused report left %s", out);
	free(out);
	cmd = kb_asprintf("SOURCE_DATE_EPOCH=%ld %s monthly 2026-11 --draft -o out in",
	                  epoch(11, 30), KOBUN);
	free(run_in(dir, 0, cmd));
	free(cmd);
	out = run_in(dir, 0, "find . -name '*.sqlite'; ls out/monthly");
	ck_assert_str_eq(out, "2026-11-draft.pdf\n");
	free(out);
	/* The day after the month: the report itself, numbered. */
	cmd =
	    kb_asprintf("SOURCE_DATE_EPOCH=%ld %s monthly 2026-11 -o out in", epoch(12, 1), KOBUN);
	free(run_in(dir, 0, cmd));
	free(cmd);
	draft = kb_asprintf("%s/out/monthly/2026-11-draft.pdf", dir);
	real = kb_asprintf("%s/out/monthly/2026-11.pdf", dir);
	{
		char *td = tu_pdf_text(draft), *tr = tu_pdf_text(real);
		ck_assert_ptr_nonnull(td);
		ck_assert_ptr_nonnull(tr);
		ck_assert_msg(tu_has(td, "第号") && !tu_has(td, "亀情政第"),
		              "the draft is numbered");
		ck_assert_msg(tu_has(tr, "亀情政第"), "the report has no number");
		for (const char *p = td; (p = strstr(p, "案")) != NULL; p++)
			n_draft++;
		for (const char *p = tr; (p = strstr(p, "案")) != NULL; p++)
			n_real++;
		/* 案 over every page of the draft, on none of the report. */
		ck_assert_msg(n_draft > n_real, "no 案 on the draft (%d, report %d)", n_draft,
		              n_real);
		free(td), free(tr);
	}
	free(draft), free(real);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * --only RECORD-ID builds that record's documents and nothing else: the
 * others are not numbered; a later full build numbers them and the record
 * keeps its own. --only after a full build keeps the manifest whole.
 */
START_TEST(test_issue13_only_one_record)
{
	char *dir = sample_copy(), *out, *before;

	free(run_in(dir, 0, KOBUN " build -q --only NOM-2026-0205 -o out in"));
	out = run_in(dir, 0, "ls out");
	ck_assert_str_eq(out, "NOM-2026-0205\nmanifest.xml\nregister.sqlite\n");
	free(out);
	ck_assert_int_eq(manifest_count(dir), 2);
	out =
	    run_in(dir, 0, "sqlite3 out/register.sqlite 'SELECT COUNT(*), MAX(seq) FROM numbers'");
	ck_assert_str_eq(out, "2|2\n");
	free(out);
	/* register list -o DIR reads DIR/register.sqlite, as build wrote it. */
	out = run_in(dir, 0, KOBUN " register list -o out");
	ck_assert_msg(tu_has(out, "NOM-2026-0205") && tu_has(out, "2 件"), "%s", out);
	free(out);
	before = manifest_number(dir, "NOM-2026-0205/nomination-report.pdf");
	ck_assert_msg(before[0] != '\0', "no number");
	free(run_in(dir, 0, KOBUN " build -q -o out in"));
	out = manifest_number(dir, "NOM-2026-0205/nomination-report.pdf");
	ck_assert_str_eq(out, before);
	free(out);
	ck_assert_int_eq(manifest_count(dir), 46);
	free(run_in(dir, 0, KOBUN " build -q --only INC-2026-0033 -o out in"));
	ck_assert_int_eq(manifest_count(dir), 46);
	out = run_in(dir, 2, KOBUN " build -q --only NO-SUCH-RECORD -o out in");
	ck_assert_msg(tu_has(out, "NO-SUCH-RECORD"), "%s", out);
	free(out);
	free(before);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * A record edited after its documents were issued: without --reissue the
 * issued PDF stays byte for byte, kobun warns naming the record, kind,
 * number and file, and exits 1 (--dry-run too, writing nothing); with
 * --reissue the document keeps its number, says 【訂正】, and the register
 * holds both digests. Re-running then changes nothing.
 */
START_TEST(test_issue13_issued_not_replaced)
{
	char *dir = sample_copy(), *out, *number, *pdf;

	free(run_in(dir, 0, KOBUN " build -q -o out in"));
	number = manifest_number(dir, "NOM-2026-0201/nomination-notice.pdf");
	ck_assert_msg(number[0] != '\0', "no number");
	free(
	    run_in(dir, 0,
	           "cp out/NOM-2026-0201/nomination-notice.pdf issued.pdf && cp out/manifest.xml "
	           "manifest.before && sed -i 's/部会員として指名する/部会員として新たに指名する/' "
	           "in/2026-11.xml && touch stamp && sleep 1"));
	out = run_in(dir, 1, KOBUN " build -q --dry-run -o out in");
	free(run_in(dir, 0, "test -z \"$(find out -newer stamp)\""));
	free(out);
	out = run_in(dir, 1, KOBUN " build -q -o out in");
	ck_assert_msg(tu_has(out, "[issued-changed]") && tu_has(out, "NOM-2026-0201") &&
	                  tu_has(out, "nomination-notice") && tu_has(out, number) &&
	                  tu_has(out, "out/NOM-2026-0201/nomination-notice.pdf"),
	              "%s", out);
	free(out);
	free(run_in(dir, 0, "cmp issued.pdf out/NOM-2026-0201/nomination-notice.pdf"));
	/* The manifest still describes the file on disk. */
	free(run_in(dir, 0, "cmp manifest.before out/manifest.xml"));
	free(run_in(dir, 0, KOBUN " build -q --reissue -o out in"));
	pdf = kb_asprintf("%s/out/NOM-2026-0201/nomination-notice.pdf", dir);
	{
		char *t = tu_pdf_text(pdf);
		ck_assert_msg(tu_has(t, "【訂正】") && tu_has(t, number) &&
		                  tu_has(t, "新たに指名する"),
		              "%s", t);
		free(t);
	}
	out = run_in(dir, 0,
	             "sqlite3 out/register.sqlite \"SELECT COUNT(*), COUNT(DISTINCT sha256), "
	             "COUNT(DISTINCT number) FROM issued WHERE record='NOM-2026-0201' AND "
	             "kind='nomination-notice'\"");
	ck_assert_str_eq(out, "2|2|1\n");
	free(out);
	free(run_in(dir, 0, "cp out/NOM-2026-0201/nomination-notice.pdf reissued.pdf"));
	free(run_in(dir, 0,
	            KOBUN " build -q -o out in && cmp reissued.pdf "
	                  "out/NOM-2026-0201/nomination-notice.pdf"));
	free(pdf);
	free(number);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * build -j 1 and -j 2 are the same run: the same "wrote" lines in the same
 * order, the same diagnostics (raised in the workers, printed by the
 * parent), the same files byte for byte, manifest and register — for a
 * first build, a build that keeps changed documents as issued (exit 1)
 * and a --reissue. What each run printed is the state of one directory
 * per -j; the comparison is of every step.
 */
/*
 * A library thread that holds a lock when the workers are forked would
 * hold it in every worker for ever (pango matches fonts in threads of
 * its own; on a cold machine its fontconfig thread was still running and
 * the workers waited for good). kb_jobs_run forks only once the process
 * is single-threaded: here a thread holds a lock for 0.3 s and each item
 * takes it, giving up after 3 s.
 */
static GMutex held_lock;
static gint held_taken;

static gpointer
hold_lock(gpointer unused)
{
	(void)unused;
	g_mutex_lock(&held_lock);
	g_atomic_int_set(&held_taken, 1);
	g_usleep(300000);
	g_mutex_unlock(&held_lock);
	return NULL;
}

static int
take_lock(size_t i, struct kb_buf *out, void *arg)
{
	(void)arg;
	for (int tries = 0; tries < 300; tries++) {
		if (g_mutex_trylock(&held_lock)) {
			g_mutex_unlock(&held_lock);
			kb_buf_printf(out, "%zu", i);
			return 0;
		}
		g_usleep(10000);
	}
	return -1;
}

static int
sum_items(size_t i, const char *data, size_t len, void *arg)
{
	ck_assert_uint_eq(strtoul(data, NULL, 10), i);
	ck_assert_uint_gt(len, 0);
	*(size_t *)arg += i;
	return 0;
}

START_TEST(test_issue14_jobs_fork_single_threaded)
{
	GThread *t = g_thread_new("holder", hold_lock, NULL);
	size_t sum = 0;

	while (!g_atomic_int_get(&held_taken))
		g_usleep(1000);
	ck_assert_int_eq(kb_jobs_run(2, 6, take_lock, sum_items, &sum), 0);
	ck_assert_uint_eq(sum, 0 + 1 + 2 + 3 + 4 + 5);
	g_thread_join(t);
}
END_TEST

START_TEST(test_issue14_jobs_same_run)
{
	static const char *const steps[] = {
	    "build -o out in",
	    "build -o out in",
	    "build --reissue -o out in",
	    "build --dry-run -o out in",
	};
	static const int want[] = {0, 1, 0, 0};
	char *dir[2], *said[2], *files[2];

	for (int j = 0; j < 2; j++) {
		kb_buf b = {0};
		dir[j] = sample_copy();
		for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
			char *cmd = kb_asprintf("%s %s -j %d 2>&1", KOBUN, steps[k], j + 1), *out;
			/* Between the first and second build, a record is corrected. */
			if (k == 1)
				free(run_in(
				    dir[j], 0,
				    "sed -i 's/部会員として指名する/部会員として新たに指名する/' "
				    "in/2026-11.xml"));
			out = run_in(dir[j], want[k], cmd);
			kb_buf_printf(&b, "$ %s\n%s", steps[k], out);
			free(out), free(cmd);
		}
		said[j] = kb_buf_take(&b);
		files[j] = run_in(dir[j], 0,
		                  "cd out && find . -type f ! -name 'register.sqlite*' ! -name "
		                  "'.kobun.lock' | sort | xargs sha256sum && " KOBUN
		                  " register list --format csv -o .");
	}
	ck_assert_msg(tu_has(said[0], "[issued-changed]") && tu_has(said[0], "訂正 (reissued)") &&
	                  tu_has(said[0], "wrote out/manifest.xml"),
	              "%.3000s", said[0]);
	ck_assert_str_eq(said[1], said[0]);
	ck_assert_msg(tu_has(files[0], "nomination-notice.pdf") && tu_has(files[0], "亀情政第"),
	              "%.3000s", files[0]);
	ck_assert_str_eq(files[1], files[0]);
	for (int j = 0; j < 2; j++) {
		tu_rmrf(dir[j]);
		free(dir[j]), free(said[j]), free(files[j]);
	}
}
END_TEST

/* Each file of DIR/out (not the register or lock) with its inode, time and digest, sorted. */
#define OUT_FILES                                                                                  \
	"cd out && find . -type f ! -name 'register.sqlite*' ! -name '.kobun.lock' ! -name "       \
	"manifest.xml | sort | while read f; do echo \"$(stat -c '%i %Y' \"$f\") "                 \
	"$(sha256sum < \"$f\" | cut -c1-64) $f\"; done"

/*
 * Issue 14 (resume): a document issued or written from the same input
 * (context, kobun, templates, fonts, organization) and whole on disk with
 * the digest the register logged is not rendered again. So a re-run
 * replaces no file; a PDF or copy lost or damaged is written again (the
 * same bytes), and only it; a changed organization renders everything,
 * to the same bytes when nothing printed changed.
 */
START_TEST(test_issue14_resume)
{
	char *dir = sample_copy(), *files, *sums, *now, *o, *man, *man2;

	free(run_in(dir, 0, KOBUN " build -q -j 2 -o out in 2>&1"));
	files = run_in(dir, 0, OUT_FILES);
	sums = run_in(dir, 0, OUT_FILES " | cut -d' ' -f3-");
	man = run_in(dir, 0, "cat out/manifest.xml");
	o = run_in(dir, 0, KOBUN " build -o out in 2>&1");
	ck_assert_msg(tu_has(o, " 0 documents written") && tu_has(o, "46 unchanged on disk") &&
	                  !tu_has(o, ".pdf"),
	              "%s", o);
	free(o);
	/* Not one file replaced (the same inode and time), and the same manifest. */
	now = run_in(dir, 0, OUT_FILES);
	ck_assert_str_eq(now, files);
	free(now);
	man2 = run_in(dir, 0, "cat out/manifest.xml");
	ck_assert_str_eq(man2, man);
	free(man2);

	/* Lost and damaged: a notice removed, a report cut short, a draft's .docx removed. */
	free(run_in(dir, 0,
	            "rm out/NOM-2026-0215/nomination-notice.pdf && truncate -s 100 "
	            "out/NOM-2026-0215/nomination-report.pdf && rm "
	            "out/INC-2026-0034/press-release-draft-r1.docx"));
	o = run_in(dir, 0, KOBUN " build -j 2 -o out in 2>&1");
	ck_assert_msg(tu_has(o, "wrote out/NOM-2026-0215/nomination-notice.pdf") &&
	                  tu_has(o, "wrote out/NOM-2026-0215/nomination-report.pdf") &&
	                  tu_has(o, "wrote out/INC-2026-0034/press-release-draft-r1.docx") &&
	                  tu_has(o, " 3 documents written") && tu_has(o, "43 unchanged on disk"),
	              "%s", o);
	free(o);
	now = run_in(dir, 0, OUT_FILES " | cut -d' ' -f3-");
	ck_assert_str_eq(now, sums);
	free(now);
	man2 = run_in(dir, 0, "cat out/manifest.xml");
	ck_assert_str_eq(man2, man);
	free(man2);

	/* A changed organization: everything rendered again, to the same bytes. */
	free(run_in(dir, 0, "echo '<!-- 改定 -->' >> in/organization.xml"));
	o = run_in(dir, 0, KOBUN " build -o out in 2>&1");
	ck_assert_msg(tu_has(o, " 46 documents written") && !tu_has(o, "unchanged"), "%s", o);
	free(o);
	now = run_in(dir, 0, OUT_FILES " | cut -d' ' -f3-");
	ck_assert_str_eq(now, sums);
	free(now);
	o = run_in(dir, 0,
	           "cd out && for f in $(find . -name '*.pdf'); do qpdf --check $f >/dev/null || "
	           "echo BROKEN $f; done");
	ck_assert_msg(!tu_has(o, "BROKEN"), "%s", o);
	free(o);
	tu_rmrf(dir);
	free(dir), free(files), free(sums), free(man);
}
END_TEST

Suite *
numbering_suite(void)
{
	Suite *s = suite_create("numbering");
	TCase *tc = tcase_create("issue13");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_issue13_preview_takes_no_number);
	tcase_add_test(tc, test_issue13_one_register_per_organization);
	tcase_add_test(tc, test_issue13_monthly_not_ended);
	tcase_add_test(tc, test_issue13_only_one_record);
	tcase_add_test(tc, test_issue13_issued_not_replaced);
	tcase_add_test(tc, test_issue14_jobs_same_run);
	tcase_add_test(tc, test_issue14_jobs_fork_single_threaded);
	tcase_add_test(tc, test_issue14_resume);
	suite_add_tcase(s, tc);
	return s;
}
