/* check_output.c — what a build leaves behind: confidentiality by audience, the number register,
 * the manifest, killed runs. */
#define _GNU_SOURCE
#include <check.h>
#include <fcntl.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "manifest.h"
#include "output.h"
#include "suites.h"
#include "testutil.h"
#include "util.h"

#define KOBUN KOBUN_BIN
#define ORG SRCDIR "/input/organization.xml"

/* One <document> of a manifest. */
struct entry {
	char *record, *kind, *number, *audience, *file, *sha;
};

/* Reads DIR/manifest.xml; returns how many documents it lists. */
static int
manifest(const char *dir, struct entry *out, int max)
{
	char *path = kb_asprintf("%s/manifest.xml", dir);
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	int n = 0;

	free(path);
	if (doc == NULL)
		return -1;
	for (xmlNode *c = xmlDocGetRootElement(doc)->children; c != NULL && n < max; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
#define A(f, name)                                                                                 \
	do {                                                                                       \
		xmlChar *v = xmlGetProp(c, (const xmlChar *)name);                                 \
		out[n].f = v ? kb_strdup((const char *)v) : NULL;                                  \
		xmlFree(v);                                                                        \
	} while (0)
		A(record, "record");
		A(kind, "kind");
		A(number, "number");
		A(audience, "audience");
		A(file, "file");
		A(sha, "sha256");
#undef A
		n++;
	}
	xmlFreeDoc(doc);
	return n;
}

static void
free_entries(struct entry *e, int n)
{
	for (int i = 0; i < n; i++)
		free(e[i].record), free(e[i].kind), free(e[i].number), free(e[i].audience),
		    free(e[i].file), free(e[i].sha);
}

/* The lowercase hex SHA-256 of a file, by sha256sum. */
static char *
sha_of(const char *path)
{
	char *out;

	if (tu_run(&out, "sha256sum '%s'", path) != 0) {
		free(out);
		return NULL;
	}
	out[strcspn(out, " ")] = '\0';
	return out;
}

/*
 * Every labelled string of the fixture stays within its audience: the
 * markers of audience="cio" appear only in CIO documents, those of
 * audience="authorities" only in CIO and authority documents.
 */
START_TEST(test_confidentiality)
{
	char *dir = tu_tmpdir(), *out;
	struct entry e[64];
	int n, rc, seen_cio = 0, seen_auth = 0, kinds = 0;

	rc = tu_run(&out, "%s build -q -o %s --org %s %s/tests/data/confidential/incidents.xml",
	            KOBUN, dir, ORG, SRCDIR);
	ck_assert_msg(rc == 0, "build exited %d:\n%.2000s", rc, out);
	free(out);
	n = manifest(dir, e, 64);
	ck_assert_int_ge(n, 6);
	for (int i = 0; i < n; i++) {
		char *pdf = kb_asprintf("%s/%s", dir, e[i].file), *text = tu_pdf_text(pdf);
		int cio = strcmp(e[i].audience, "cio") == 0;
		int auth = cio || strcmp(e[i].audience, "authorities") == 0;
		ck_assert_msg(text != NULL, "cannot read %s", pdf);
		ck_assert_msg(cio || !tu_has(text, "CIOMARK"), "%s (%s) shows CIO-only text",
		              e[i].file, e[i].audience);
		ck_assert_msg(auth || !tu_has(text, "AUTHMARK"),
		              "%s (%s) shows authorities-only text", e[i].file, e[i].audience);
		/* The test must see the markers where they belong, or it proves nothing. */
		seen_cio += cio && tu_has(text, "CIOMARK-01");
		seen_auth += auth && tu_has(text, "AUTHMARK-01");
		kinds += strcmp(e[i].kind, "press-release-draft") == 0;
		free(text);
		free(pdf);
	}
	ck_assert_msg(seen_cio >= 1, "no CIO report shows the CIO markers");
	ck_assert_msg(seen_auth >= 2, "the authority documents do not show their markers");
	ck_assert_msg(kinds >= 1, "no press-release draft was made");
	free_entries(e, n);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Writes a records file with one DX nomination (税務課長 p019 names p045) dated date. */
static void
write_nomination(const char *path, const char *id, const char *date, const char *nominee)
{
	FILE *f = fopen(path, "w");

	fprintf(f,
	        "<records version=\"1\"><nomination id=\"%s\" date=\"%s\" kind=\"dx-promoter\" "
	        "nominator=\"p019\" nominee=\"%s\"/></records>\n",
	        id, date, nominee);
	fclose(f);
}

static char *
number_of(const char *dir, const char *record, const char *kind)
{
	struct entry e[64];
	int n = manifest(dir, e, 64);
	char *r = NULL;

	for (int i = 0; i < n; i++)
		if (strcmp(e[i].record, record) == 0 && strcmp(e[i].kind, kind) == 0)
			r = e[i].number ? kb_strdup(e[i].number) : NULL;
	free_entries(e, n);
	return r;
}

/*
 * Re-runs keep every number; a new record continues the sequence even when
 * it is dated earlier; the manifest lists what is on disk, digest for
 * digest; the register lists every number.
 */
START_TEST(test_register_stable_and_continues)
{
	char *dir = tu_tmpdir(), *in = kb_asprintf("%s/in", dir), *out = kb_asprintf("%s/out", dir);
	char *a1, *a2, *b, *list, *o, *f1;
	struct entry e[64];
	int n;

	tu_run(NULL, "mkdir -p %s && cp %s %s/", in, ORG, in);
	f1 = kb_asprintf("%s/a.xml", in);
	write_nomination(f1, "NOM-R-0001", "2026-06-10", "p044");
	ck_assert_int_eq(tu_run(NULL, "%s build -q -o %s %s", KOBUN, out, in), 0);
	a1 = number_of(out, "NOM-R-0001", "nomination-notice");
	ck_assert_ptr_nonnull(a1);
	/* Same input again: same number, same bytes. */
	ck_assert_int_eq(
	    tu_run(NULL, "cp -r %s %s.1 && %s build -q -o %s %s", out, out, KOBUN, out, in), 0);
	ck_assert_int_eq(tu_run(&o, "diff -rq %s %s.1 -x '*.sqlite*'", out, out), 0);
	free(o);
	/* A new record dated earlier takes the next number; the old one keeps its own. */
	free(f1);
	f1 = kb_asprintf("%s/b.xml", in);
	write_nomination(f1, "NOM-R-0002", "2026-05-01", "p045");
	/*
	 * NOM-R-0001's issued report would now say the division already had a
	 * DX推進員: it is kept as issued (issue 13), the rest is written.
	 */
	ck_assert_int_eq(tu_run(&o, "%s build -q -o %s %s", KOBUN, out, in), 1);
	ck_assert_msg(tu_has(o, "[issued-changed] nomination-report") && tu_has(o, "NOM-R-0001"),
	              "%s", o);
	free(o);
	a2 = number_of(out, "NOM-R-0001", "nomination-notice");
	b = number_of(out, "NOM-R-0002", "nomination-notice");
	ck_assert_str_eq(a1, a2);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_ne(a1, b);
	{
		/* 亀税第N号: the new one is one more than the highest number before it. */
		int na = atoi(strstr(a1, "第") + 3), nb = atoi(strstr(b, "第") + 3);
		ck_assert_int_gt(nb, na);
	}
	/* The manifest matches the files byte for byte. */
	n = manifest(out, e, 64);
	ck_assert_int_ge(n, 4);
	for (int i = 0; i < n; i++) {
		char *pdf = kb_asprintf("%s/%s", out, e[i].file), *h = sha_of(pdf);
		ck_assert_msg(h != NULL && strcmp(h, e[i].sha) == 0,
		              "%s does not match the manifest", e[i].file);
		free(h);
		free(pdf);
	}
	free_entries(e, n);
	/* kobun register list shows both numbers with their records. */
	ck_assert_int_eq(
	    tu_run(&list, "%s register list --register %s/register.sqlite", KOBUN, out), 0);
	ck_assert_msg(tu_has(list, "NOM-R-0001") && tu_has(list, "NOM-R-0002") && tu_has(list, b),
	              "%s", list);
	free(list);
	free(a1), free(a2), free(b), free(f1), free(in), free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * qpdf --check on every PDF of DIR/out's record directories: *o gets a
 * "BROKEN FILE" line for each that fails, then their number. Returns the
 * shell's status.
 */
static int
check_pdfs(const char *dir, char **o)
{
	return tu_run(
	    o,
	    "cd %s/out && n=0; for f in */*.pdf; do [ -e \"$f\" ] || continue; "
	    "n=$((n+1)); qpdf --check \"$f\" >/dev/null 2>&1 || echo BROKEN $f; done; echo $n",
	    dir);
}

/*
 * A build killed with SIGKILL part-way leaves only whole PDFs and a sound
 * register; the next run completes it with the same numbers and leaves no
 * temporary file behind. Run with -j 1 and -j 2 (_i + 1): killing the
 * parent kills its workers.
 */
START_TEST(test_killed_run)
{
	char *dir = tu_tmpdir(), *o;
	struct entry e[1200];
	int n, rc, pdfs;

	ck_assert_int_eq(tu_run(NULL, "sh %s/tests/bench/gen.sh %s/in 400", SRCDIR, dir), 0);
	/* Kill it a moment after it starts writing. */
	tu_run(NULL,
	       "%s build -q -j %d -o %s/out %s/in >/dev/null 2>&1 & pid=$!; "
	       "for i in $(seq 1 200); do [ -n \"$(ls %s/out 2>/dev/null | grep B-00 | head -20 | "
	       "sed -n 20p)\" ] && break; sleep 0.01; done; kill -9 $pid; wait $pid",
	       KOBUN, _i + 1, dir, dir, dir);
	/* No worker outlives its parent. */
	tu_run(&o, "sleep 0.2; pgrep -a kobun | grep -F -- '-o %s/out' || true", dir);
	ck_assert_msg(o[0] == '\0', "workers left running: %s", o);
	free(o);
	/* Whatever PDFs exist are whole. */
	rc = check_pdfs(dir, &o);
	ck_assert_msg(rc == 0 && !tu_has(o, "BROKEN"), "a killed run left a broken PDF:\n%.2000s",
	              o);
	pdfs = atoi(o);
	ck_assert_msg(pdfs < 400, "the run finished before it was killed (%d PDFs)", pdfs);
	free(o);
	rc = tu_run(&o, "sqlite3 %s/out/register.sqlite 'PRAGMA integrity_check'", dir);
	ck_assert_msg(rc == 0 && tu_has(o, "ok"), "register damaged: %s", o);
	free(o);
	/* Run again to the end. */
	ck_assert_int_eq(
	    tu_run(NULL, "%s build -q -o %s/out %s/in >/dev/null 2>&1", KOBUN, dir, dir), 0);
	o = kb_asprintf("%s/out", dir);
	n = manifest(o, e, 1200);
	free(o);
	ck_assert_int_eq(n, 800); /* a notice and a report per nomination */
	rc = tu_run(&o, "find %s/out -name '.kobun-*' | head -3", dir);
	ck_assert_msg(o[0] == '\0', "temporary files left: %s", o);
	free(o);
	/* Numbers are unique per code and run 1..N with no gap. */
	rc = tu_run(
	    &o,
	    "sqlite3 %s/out/register.sqlite \"SELECT COUNT(*), COUNT(DISTINCT seq), MAX(seq) "
	    "FROM numbers GROUP BY prefix, fiscal_year\"",
	    dir);
	{
		int c = 0, d = 0, m = 0;
		ck_assert_int_eq(sscanf(o, "%d|%d|%d", &c, &d, &m), 3);
		ck_assert_int_eq(c, 800);
		ck_assert_int_eq(d, 800);
		ck_assert_int_eq(m, 800);
	}
	free(o);
	free_entries(e, n);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* The text between the first '<' after from and the next '>': a path strace -y printed. */
static char *
traced_path(const char *from)
{
	const char *a = from ? strchr(from, '<') : NULL, *b = a ? strchr(a, '>') : NULL;
	return b ? kb_strndup(a + 1, (size_t)(b - a - 1)) : NULL;
}

/*
 * Issue 14 (2): a build makes its documents durable by the batch, not by
 * a sync per file. Traced with strace: no document's file is synced on
 * its own; each is renamed to its name only after a syncfs that follows
 * its writing; and the register commits only after a syncfs that follows
 * the last rename before it. Every document is then on disk and whole.
 */
START_TEST(test_issue14_batched_durability)
{
	char *dir = tu_tmpdir(), *o, *trace, *line, *save = NULL;
	GHashTable *made = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	GHashTable *own = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	GHashTable *begun = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	long idx = 0, last_sync = -1, last_rename = -1;
	int rc, renames = 0, syncs = 0, commits = 0, own_syncs = 0;

	ck_assert_int_eq(tu_run(NULL, "sh %s/tests/bench/gen.sh %s/in 100", SRCDIR, dir), 0);
	rc = tu_run(&o,
	            /* LeakSanitizer (make asan) cannot run under ptrace. */
	            "ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y "
	            "-e trace=openat,syncfs,fdatasync,fsync,renameat -o %s/trace "
	            "%s build -q -j 2 -o %s/out %s/in 2>&1",
	            dir, KOBUN, dir, dir);
	ck_assert_msg(rc == 0, "%.2000s", o);
	free(o);
	trace = kb_asprintf("%s/trace", dir);
	ck_assert(g_file_get_contents(trace, &o, NULL, NULL));
	free(trace);
	for (char *l = strtok_r(o, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
		/* Two processes' calls interleave: "<unfinished ...>", then "<... resumed>". */
		char *pid = kb_strndup(l, strcspn(l, " ")), *cut = strstr(l, " <unfinished ...>");
		const char *eq, *res = strstr(l, " resumed>");
		if (cut != NULL) {
			g_hash_table_insert(begun, pid, kb_strndup(l, (size_t)(cut - l)));
			continue;
		}
		line = res != NULL && g_hash_table_lookup(begun, pid) != NULL
		           ? kb_asprintf("%s%s", (char *)g_hash_table_lookup(begun, pid),
		                         res + strlen(" resumed>"))
		           : kb_strdup(l);
		g_hash_table_remove(begun, pid);
		free(pid);
		eq = strrchr(line,
		             ')'); /* the result: ") = 11</path>", spaced as strace aligns it */
		eq = eq ? strstr(eq, "= ") : NULL;
		idx++;
		if (strstr(line, "register") != NULL) {
			/* The register's own file: a sync of it is its commit. */
			if (strstr(line, "sync(") != NULL &&
			    strstr(line, "/register.sqlite") != NULL) {
				commits++;
				ck_assert_msg(
				    last_rename < 0 || last_sync > last_rename,
				    "the register committed before the renames were synced: %s",
				    line);
			}
			free(line);
			continue;
		}
		if (strstr(line, "openat(") && strstr(line, "O_CREAT") && strstr(line, ".kobun-") &&
		    eq != NULL) {
			char *p = traced_path(eq);
			if (p != NULL)
				g_hash_table_insert(made, p, GSIZE_TO_POINTER((gsize)idx));
		} else if (strstr(line, "syncfs(")) {
			syncs++;
			last_sync = idx;
		} else if (strstr(line, "fdatasync(") && strstr(line, "/.kobun-")) {
			char *p = traced_path(strstr(line, "fdatasync("));
			own_syncs++;
			if (p != NULL)
				g_hash_table_add(own, p);
		} else if (strstr(line, "renameat(") && strstr(line, "\".kobun-")) {
			char *d = traced_path(strstr(line, "renameat(")),
			     *q = strstr(line, "\".kobun-");
			char *key = kb_asprintf("%s/%.13s", d ? d : "", q + 1);
			gsize at = GPOINTER_TO_SIZE(g_hash_table_lookup(made, key));
			ck_assert_msg(at > 0, "renamed a file not seen made: %s", line);
			/* A file synced on its own (the manifest) is not one of a batch. */
			if (!g_hash_table_remove(own, key)) {
				ck_assert_msg(last_sync > (long)at,
				              "renamed before a sync of its data: %s", line);
				renames++;
				last_rename = idx;
			}
			free(d), free(key);
		}
		free(line);
	}
	free(o);
	g_hash_table_destroy(made);
	g_hash_table_destroy(own);
	g_hash_table_destroy(begun);
	/* 200 PDFs, each renamed once; the manifest alone is written on its own. */
	ck_assert_int_ge(renames, 200);
	ck_assert_msg(own_syncs <= 1, "%d files synced one by one", own_syncs);
	ck_assert_int_ge(syncs, 2 * (200 / 64));
	ck_assert_int_ge(commits, 200 / 64);
	rc = check_pdfs(dir, &o);
	ck_assert_msg(rc == 0 && !tu_has(o, "BROKEN") && atoi(o) == 200, "%.2000s", o);
	free(o);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * A worker of build -j 2 killed under its parent: the run stops with exit
 * 2 naming the lost worker, every PDF on disk is whole, and the next run
 * completes the set.
 */
START_TEST(test_issue14_worker_lost)
{
	char *dir = tu_tmpdir(), *o, *out;
	struct entry e[1200];
	int rc, n;

	ck_assert_int_eq(tu_run(NULL, "sh %s/tests/bench/gen.sh %s/in 300", SRCDIR, dir), 0);
	rc = tu_run(&o,
	            "cd %s && %s build -q -j 2 -o out in 2>err & pid=$!; "
	            "for i in $(seq 1 300); do w=$(pgrep -P $pid | head -1); [ -n \"$w\" ] && "
	            "[ -n \"$(ls %s/out 2>/dev/null | grep B-00 | sed -n 10p)\" ] && break; "
	            "sleep 0.01; done; kill -9 $w; wait $pid; echo rc=$?; cat %s/err",
	            dir, KOBUN, dir, dir);
	ck_assert_msg(tu_has(o, "rc=2") && tu_has(o, "[worker]") && tu_has(o, "worker process"),
	              "%.2000s", o);
	free(o);
	rc = check_pdfs(dir, &o);
	ck_assert_msg(rc == 0 && !tu_has(o, "BROKEN"), "%.2000s", o);
	free(o);
	ck_assert_int_eq(
	    tu_run(NULL, "%s build -q -j 2 -o %s/out %s/in >/dev/null 2>&1", KOBUN, dir, dir), 0);
	out = kb_asprintf("%s/out", dir);
	n = manifest(out, e, 1200);
	ck_assert_int_eq(n, 600);
	free_entries(e, n);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * --protect: CIO documents are encrypted (libharu, R3 128-bit, print only)
 * and unreadable without the password, their secrets absent from the
 * raw bytes; other documents stay plain; PDF/A copies go to --archive.
 * Without passwords the run stops with exit 2 instead of writing them.
 */
START_TEST(test_protected_run)
{
	char *dir = tu_tmpdir(), *out, *cio = NULL, *raw;
	struct entry e[64];
	int n, rc;
	size_t len;

	rc = tu_run(&out,
	            "env -u KOBUN_PDF_PASSWORD -u KOBUN_PDF_OWNER_PASSWORD %s build -q --protect "
	            "-o %s/nopw --org %s %s/tests/data/confidential/incidents.xml",
	            KOBUN, dir, ORG, SRCDIR);
	ck_assert_msg(rc == 2 && tu_has(out, "KOBUN_PDF_PASSWORD"), "no-password run: %d\n%.1000s",
	              rc, out);
	free(out);
	rc = tu_run(&out, "find %s/nopw -name '*.pdf' 2>/dev/null | head -1", dir);
	ck_assert_msg(out[0] == '\0', "a document was written without its protection: %s", out);
	free(out);

	rc = tu_run(&out,
	            "printf 'u-secret\\no-secret\\n' > %s/pw && %s build -q --protect "
	            "--password-file %s/pw "
	            "--archive %s/arch -o %s/out --org %s %s/tests/data/confidential/incidents.xml",
	            dir, KOBUN, dir, dir, dir, ORG, SRCDIR);
	ck_assert_msg(rc == 0, "protected run exited %d:\n%.2000s", rc, out);
	free(out);
	out = kb_asprintf("%s/out", dir);
	n = manifest(out, e, 64);
	free(out);
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].kind, "incident-report-cio") == 0 && cio == NULL)
			cio = kb_asprintf("%s/out/%s", dir, e[i].file);
	ck_assert_ptr_nonnull(cio);
	rc = tu_run(&out, "qpdf --show-encryption --password=u-secret '%s'", cio);
	ck_assert_msg(rc == 0 && tu_has(out, "R = 3") &&
	                  tu_has(out, "extract for any purpose: not allowed") &&
	                  tu_has(out, "print high resolution: allowed") &&
	                  tu_has(out, "modify other: not allowed"),
	              "encryption: %s", out);
	free(out);
	ck_assert_int_ne(tu_run(NULL, "pdftotext '%s' -", cio), 0);
	ck_assert_int_eq(tu_run(&out, "pdftotext -upw u-secret '%s' - | tr -d ' \\n'", cio), 0);
	ck_assert_msg(tu_has(out, "CIOMARK-01"), "with the password the report reads:\n%.1000s",
	              out);
	free(out);
	raw = tu_read(cio, &len);
	ck_assert_msg(memmem(raw, len, "CIOMARK", 7) == NULL,
	              "a CIO marker is readable in the raw bytes");
	free(raw);
	/* Wider audiences stay plain cairo PDFs. */
	for (int i = 0; i < n; i++)
		if (strcmp(e[i].audience, "cio") != 0) {
			char *pdf = kb_asprintf("%s/out/%s", dir, e[i].file);
			ck_assert_msg(tu_run(NULL, "pdftotext '%s' - >/dev/null", pdf) == 0,
			              "%s should be plain", pdf);
			free(pdf);
		}
	/* Archive copies: PDF/A-1b, unencrypted, one per document. */
	for (int i = 0; i < n; i++) {
		char *a = kb_asprintf("%s/arch/%s", dir, e[i].file);
		rc = tu_run(&out,
		            "qpdf --check '%s' >/dev/null && qpdf --qdf --object-streams=disable "
		            "'%s' - | grep -a -c 'pdfaid:part'",
		            a, a);
		ck_assert_msg(rc == 0 && atoi(out) >= 1, "%s: no PDF/A-1b declaration (%d)", a, rc);
		free(out);
		free(a);
	}
	free_entries(e, n);
	free(cio);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16 (1): values derived from a labelled element are as confidential
 * as the element. INC-C-0003's recogniser, division (and its department),
 * system and a later timeline event are CIO-only: no wider document may
 * print the names, the event's date, or take its date from that event.
 */
START_TEST(test_issue16_derived_audience)
{
	static const char *const derived[] = {"大野", "防災課", "危機管理室", "人事給与システム",
	                                      "6月25日"};
	char *dir = tu_tmpdir(), *out;
	struct entry e[64];
	int n, rc, wider = 0, cio_seen = 0;

	rc = tu_run(&out, "%s build -q -o %s --org %s %s/tests/data/confidential/incidents.xml",
	            KOBUN, dir, ORG, SRCDIR);
	ck_assert_msg(rc == 0, "build exited %d:\n%.2000s", rc, out);
	free(out);
	n = manifest(dir, e, 64);
	for (int i = 0; i < n; i++) {
		char *pdf, *text;
		int cio = strcmp(e[i].audience, "cio") == 0;
		if (strcmp(e[i].record, "INC-C-0003") != 0)
			continue;
		pdf = kb_asprintf("%s/%s", dir, e[i].file);
		text = tu_pdf_text(pdf);
		ck_assert_msg(text != NULL, "cannot read %s", pdf);
		for (size_t k = 0; k < sizeof(derived) / sizeof(derived[0]); k++) {
			if (cio)
				ck_assert_msg(tu_has(text, derived[k]), "the CIO report lacks %s",
				              derived[k]);
			else
				ck_assert_msg(!tu_has(text, derived[k]),
				              "%s (%s) shows the CIO-only %s", e[i].file,
				              e[i].audience, derived[k]);
		}
		/* Dated by what its reader may know: 令和8年6月20日, the CIO report 6月25日. */
		ck_assert_msg(tu_has(text, cio ? "令和8年6月25日" : "令和8年6月20日"),
		              "%s is misdated", e[i].file);
		wider += !cio;
		cio_seen += cio;
		free(text);
		free(pdf);
	}
	ck_assert_int_eq(cio_seen, 1);
	ck_assert_msg(wider >= 4, "only %d wider documents for INC-C-0003", wider);
	free_entries(e, n);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16 (2): the archive copies are never encrypted, so --archive may
 * not name the output directory, a directory inside it, or one holding
 * it (also through "..", or a symbolic link): usage error, nothing written.
 */
START_TEST(test_issue16_archive_inside_output)
{
	static const char *const cases[][2] = {{"same", "same"},
	                                       {"same/arch", "same"},
	                                       {"up", "up/out"},
	                                       {"./dot/../dot", "dot"},
	                                       {"link/arch", "linked"}};
	char *dir = tu_tmpdir(), *out;
	int rc;

	ck_assert_int_eq(tu_run(NULL, "mkdir -p %s/linked && ln -s linked %s/link", dir, dir), 0);
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		rc = tu_run(&out,
		            "cd %s && KOBUN_PDF_PASSWORD=u-secret "
		            "KOBUN_PDF_OWNER_PASSWORD=o-secret %s build "
		            "-q --protect --archive %s -o %s --org %s %s/tests/data/confidential",
		            dir, KOBUN, cases[k][0], cases[k][1], ORG, SRCDIR);
		ck_assert_msg(rc == 2 && tu_has(out, "--archive"),
		              "--archive %s -o %s: exit %d\n%.500s", cases[k][0], cases[k][1], rc,
		              out);
		free(out);
	}
	tu_run(&out, "find %s -name '*.pdf' | head -1", dir);
	ck_assert_msg(out[0] == '\0', "a refused run wrote %s", out);
	free(out);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16 (12): a symbolic link in the output directory named like a
 * record's directory (or a document) is never written through: the run
 * stops with exit 2 and nothing appears where the link points.
 */
START_TEST(test_issue16_symlink_in_output)
{
	char *out = tu_tmpdir(), *away = tu_tmpdir(), *msg, *cmd;
	int rc;

	cmd = kb_asprintf("ln -s %s %s/NOM-2026-0201 && ln -s %s/stolen.pdf %s/manifest.xml", away,
	                  out, away, out);
	ck_assert_int_eq(tu_run(NULL, "%s", cmd), 0);
	rc = tu_run(&msg, "%s build -q -o %s %s/input", KOBUN, out, SRCDIR);
	ck_assert_msg(rc == 2 && tu_has(msg, "symbolic link"), "exit %d:\n%s", rc, msg);
	free(msg);
	rc = tu_run(&msg, "ls -A %s | wc -l", away);
	ck_assert_msg(rc == 0 && atoi(msg) == 0, "something was written through the link: %s", msg);
	free(msg);
	tu_rmrf(out), tu_rmrf(away);
	free(out), free(away), free(cmd);
}
END_TEST

/* ---- issue 16: the output directory and the register under attack ------- */

/* Runs the shell command fmt... and returns its output; asserts it exited 0. */
static char *
run_ok(const char *fmt, const char *a, const char *b)
{
	char *out;
	int rc = tu_run(&out, fmt, a, b);

	ck_assert_msg(rc == 0, "exit %d:\n%.2000s", rc, out);
	return out;
}

/*
 * What runs leave in out (register out/register.sqlite), whatever befell
 * earlier ones: every PDF whole (qpdf --check), the manifest listing the
 * PDFs of the tree (monthly reports aside) with their digests, each code's
 * numbers running 1..N in each fiscal year with none twice, the register's
 * digest of every issued document that of the file, no temporary file.
 * Returns how many documents the manifest lists.
 */
static int
assert_sound(const char *out, const char *when)
{
	struct entry e[1200];
	char *o, *list = kb_asprintf("%s/../sums", out);
	FILE *f;
	int n, rc;

	rc = tu_run(&o,
	            "{ cd %s && find . -name '*.pdf' | while read f; do qpdf --check \"$f\" "
	            ">/dev/null 2>&1 || echo BROKEN $f; done; find . -name '.kobun-*' ; }",
	            out);
	ck_assert_msg(rc == 0 && o[0] == '\0', "%s: broken PDFs or temporary files:\n%.2000s", when,
	              o);
	free(o);
	n = manifest(out, e, 1200);
	ck_assert_msg(n > 0, "%s: no manifest", when);
	f = fopen(list, "w");
	for (int i = 0; i < n; i++)
		fprintf(f, "%s  %s\n", e[i].sha, e[i].file);
	fclose(f);
	rc = tu_run(&o,
	            "{ cd %s && sha256sum -c --quiet %s && test $(find . -name '*.pdf' -not -path "
	            "'./monthly/*' | wc -l) -eq $(wc -l < %s) ; }",
	            out, list, list);
	ck_assert_msg(rc == 0, "%s: the manifest does not match the files:\n%.2000s", when, o);
	free(o);
	rc = tu_run(&o,
	            "{ cd %s && sqlite3 register.sqlite \"SELECT prefix, fiscal_year FROM numbers "
	            "GROUP BY prefix, fiscal_year HAVING COUNT(*) != MAX(seq) OR COUNT(DISTINCT "
	            "seq) != COUNT(*)\" && sqlite3 register.sqlite \"SELECT sha256 || '  ' || file "
	            "FROM issued i WHERE version = (SELECT MAX(version) FROM issued j WHERE "
	            "j.record = i.record AND j.kind = i.kind AND j.authority = i.authority AND "
	            "j.revision = i.revision)\" | sha256sum -c --quiet ; }",
	            out);
	ck_assert_msg(
	    rc == 0 && o[0] == '\0',
	    "%s: numbers not contiguous, or the register's digests not the files':\n%.2000s", when,
	    o);
	free(o);
	free_entries(e, n);
	free(list);
	return n;
}

/*
 * Issue 16 (5): a second run into the same output directory waits for the
 * first (and says so) instead of sweeping its temporary files away; both
 * finish, and what they leave is sound.
 */
START_TEST(test_issue16_concurrent_runs_wait)
{
	char *dir = tu_tmpdir(), *o;

	ck_assert_int_eq(tu_run(NULL, "sh %s/tests/bench/gen.sh %s/in 150", SRCDIR, dir), 0);
	tu_run(&o,
	       "{ cd %s && { %s build -q -o out in >a.log 2>&1; echo $? > a.rc; } & "
	       "for i in $(seq 1 500); do [ -n \"$(find %s/out -name '*.pdf' 2>/dev/null | "
	       "head -1)\" ] && break; sleep 0.01; done; %s build -o %s/out %s/in 2>&1 | "
	       "grep -v '^wrote'; wait; cat %s/a.log %s/a.rc ; }",
	       dir, KOBUN, dir, KOBUN, dir, dir, dir, dir);
	ck_assert_msg(tu_has(o, "is writing") && tu_has(o, "waiting"),
	              "the second run did not wait for the first:\n%.2000s", o);
	ck_assert_msg(!tu_has(o, "error") && o[strlen(o) - 2] == '0', "a run failed:\n%.2000s", o);
	free(o);
	o = kb_asprintf("%s/out", dir);
	ck_assert_int_eq(assert_sound(o, "two runs"), 300);
	free(o);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16 (11): a register kobun did not make is refused (exit 2) and
 * left as it was; one whose tables were made elsewhere with NULLs never
 * crashes kobun; a register of a later version, a damaged file, are clear
 * exit 2 diagnostics; a read-only backup can be listed and is not
 * touched.
 */
START_TEST(test_issue16_foreign_register)
{
	char *dir = tu_tmpdir(), *o;
	int rc;

	/* Another program's database. */
	rc = tu_run(
	    &o,
	    "{ cd %s && sqlite3 foreign.db 'CREATE TABLE t (a); INSERT INTO t VALUES (1)' && "
	    "%s build -q -o out --register foreign.db %s/input; echo rc=$?; sqlite3 "
	    "foreign.db .tables 'PRAGMA journal_mode' ; }",
	    dir, KOBUN, SRCDIR);
	ck_assert_msg(tu_has(o, "[register]") && tu_has(o, "not a kobun register") &&
	                  tu_has(o, "rc=2") && tu_has(o, "\nt\n") && !tu_has(o, "issued") &&
	                  tu_has(o, "delete"),
	              "a foreign database:\n%.2000s", o);
	free(o);
	/* kobun's tables, made elsewhere: NULL where kobun writes text. */
	rc = tu_run(&o,
	            "{ cd %s && sqlite3 null.db \"CREATE TABLE numbers (prefix, fiscal_year, seq, "
	            "record, kind, authority, revision, issue_date); CREATE TABLE issued (record, "
	            "kind, authority, revision, version, number, file, sha256, issue_date, pages); "
	            "INSERT INTO numbers VALUES (NULL, 2026, 1, NULL, NULL, NULL, 1, NULL); "
	            "INSERT INTO issued VALUES ('NOM-2026-0201', 'nomination-notice', '', 1, 1, "
	            "NULL, NULL, NULL, NULL, NULL)\" && %s register list --register null.db; echo "
	            "rc=$?; %s build -q -o out --register null.db %s/input; echo rc=$? ; }",
	            dir, KOBUN, KOBUN, SRCDIR);
	/* Was SIGSEGV (exit 139): now the NULL digest is one that differs, kept as issued. */
	ck_assert_msg(tu_has(o, "1 件") && tu_has(o, "rc=0\n") && tu_has(o, "[issued-changed]") &&
	                  tu_has(o, "rc=1\n"),
	              "a register with NULLs:\n%.2000s", o);
	free(o);
	/* A later kobun's register; a damaged file. */
	rc = tu_run(&o,
	            "{ cd %s && sqlite3 later.db 'PRAGMA user_version = 9' && %s register list "
	            "--register later.db; echo rc=$?; head -c 8192 /dev/urandom > junk.db && %s "
	            "build -q -o out2 --register junk.db %s/input; echo rc=$? ; }",
	            dir, KOBUN, KOBUN, SRCDIR);
	ck_assert_msg(tu_has(o, "version 9") && tu_has(o, "damaged") && !tu_has(o, "rc=0") &&
	                  !tu_has(o, "rc=1"),
	              "later and damaged registers:\n%.2000s", o);
	free(o);
	/* A read-only backup, in a read-only directory, lists and stays as it is. */
	rc = tu_run(&o,
	            "{ cd %s && %s build -q -o good %s/input >/dev/null 2>&1 && mkdir ro && cp "
	            "good/register.sqlite ro/ && sqlite3 ro/register.sqlite "
	            "'PRAGMA journal_mode=DELETE' >/dev/null && chmod 444 ro/register.sqlite && "
	            "chmod 555 ro && %s register list --register ro/register.sqlite | tail -1; ls "
	            "ro; sqlite3 ro/register.sqlite 'PRAGMA journal_mode'; chmod 755 ro ; }",
	            dir, KOBUN, SRCDIR, KOBUN);
	ck_assert_msg(rc == 0 && tu_has(o, " 件") && !tu_has(o, "-wal") && !tu_has(o, "-shm") &&
	                  tu_has(o, "delete"),
	              "a read-only backup:\n%.2000s", o);
	free(o);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* The trailer /ID of PDF (opened with the user password u). The caller frees it. */
static char *
trailer_id(const char *pdf)
{
	char *o;

	ck_assert_int_eq(tu_run(&o, "qpdf --password=u --show-object=trailer '%s'", pdf), 0);
	ck_assert_msg(tu_has(o, "/ID"), "no /ID: %s", o);
	return o;
}

/*
 * Issue 16 (14): the /ID of a protected report is no digest of what it
 * says: the same inputs under two registers give two IDs (one register,
 * the same bytes again).
 */
START_TEST(test_issue16_protected_id_keyed)
{
	char *dir = tu_tmpdir(), *a, *b, *c, *pa = NULL, *pb = NULL, *sa, *sb;
	const char *f = "INC-C-0001/incident-report-cio-r1.pdf";

	free(run_ok("{ cd %s && printf 'u\\no\\n' > pw && for d in one two; do %s build -q "
	            "--protect --password-file pw -o $d --org " ORG " " SRCDIR
	            "/tests/data/confidential/incidents.xml || exit 1; done ; }",
	            dir, KOBUN));
	pa = kb_asprintf("%s/one/%s", dir, f);
	pb = kb_asprintf("%s/two/%s", dir, f);
	a = trailer_id(pa);
	b = trailer_id(pb);
	ck_assert_msg(strcmp(a, b) != 0, "two registers, one /ID: %s", a);
	/* Rendered again from the same register: the same ID and bytes. */
	sa = sha_of(pa);
	free(run_ok("{ cd %s && rm %s && " KOBUN " build -q --protect --password-file pw -o one "
	            "--org " ORG " " SRCDIR "/tests/data/confidential/incidents.xml ; }",
	            dir, pa));
	c = trailer_id(pa);
	sb = sha_of(pa);
	ck_assert_str_eq(a, c);
	ck_assert_str_eq(sa, sb);
	free(a), free(b), free(c), free(sa), free(sb), free(pa), free(pb);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16 (14): a protected draft (monthly --draft, a scratch register
 * that logs nothing) never shares its /ID, and so its RC4 keys, with the
 * issued report of the same month nor with another draft: under one key
 * two plaintexts would XOR out of their ciphertexts.
 */
START_TEST(test_issue16_protected_draft_id)
{
	char *dir = tu_tmpdir(), *fin, *d1, *d2, *pf, *pd;

	free(run_ok("{ cd %s && printf 'u\\no\\n' > pw && %s monthly 2026-11 -q --protect "
	            "--password-file pw -o out " SRCDIR "/input ; }",
	            dir, KOBUN));
	pf = kb_asprintf("%s/out/monthly/2026-11.pdf", dir);
	pd = kb_asprintf("%s/out/monthly/2026-11-draft.pdf", dir);
	fin = trailer_id(pf);
	free(run_ok(
	    "{ cd %s && %s monthly 2026-11 -q --draft --protect --password-file pw -o out " SRCDIR
	    "/input ; }",
	    dir, KOBUN));
	d1 = trailer_id(pd);
	free(run_ok(
	    "{ cd %s && %s monthly 2026-11 -q --draft --protect --password-file pw -o out " SRCDIR
	    "/input ; }",
	    dir, KOBUN));
	d2 = trailer_id(pd);
	ck_assert_msg(strcmp(fin, d1) != 0, "the draft has the issued report's /ID: %s", d1);
	ck_assert_msg(strcmp(d1, d2) != 0, "two drafts, one /ID: %s", d1);
	free(fin), free(d1), free(d2), free(pf), free(pd);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16: a register that cannot be made whole (the disk full when it is
 * created) leaves nothing behind: no empty register.sqlite for the next
 * run to read as a lost register, no temporary file. The next run makes it.
 */
START_TEST(test_issue16_register_create_disk_full)
{
	char *dir = tu_tmpdir(), *o;
	int rc;

	rc = tu_run(&o,
	            "{ cd %s && sh -c \"trap '' XFSZ; ulimit -f 2; exec %s build -q -o out " SRCDIR
	            "/input\"; echo rc=$?; ls -A out ; }",
	            dir, KOBUN);
	ck_assert_msg(rc == 0 && tu_has(o, "[register] register: cannot create") &&
	                  tu_has(o, "rc=2") && !tu_has(o, "register.sqlite\n") &&
	                  !tu_has(o, ".kobun-"),
	              "a register made on a full disk:\n%.2000s", o);
	free(o);
	free(run_ok("{ cd %s && %s build -q -o out " SRCDIR "/input && sqlite3 out/register.sqlite "
	            "'PRAGMA journal_mode' ; }",
	            dir, KOBUN));
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16 (15): issued documents whose register is gone (or empty) stop
 * the run unless --new-register; -o an INPUT directory is refused;
 * --protect --dump needs the passwords.
 */
START_TEST(test_issue16_lost_register_and_misuse)
{
	char *dir = tu_tmpdir(), *o;
	int rc;

	rc = tu_run(&o,
	            "{ cd %s && cp -r %s/input in && %s build -q -o out in >/dev/null 2>&1 && rm "
	            "out/register.sqlite && %s build -q -o out in; echo rc=$?; : > "
	            "out/register.sqlite; %s build -q -o out in; echo rc=$? ; }",
	            dir, SRCDIR, KOBUN, KOBUN, KOBUN);
	ck_assert_msg(tu_has(o, "[register-lost] there is no register") &&
	                  tu_has(o, "[register-lost] the register is empty") &&
	                  !tu_has(o, "rc=0") && !tu_has(o, "rc=1"),
	              "a lost register:\n%.2000s", o);
	free(o);
	rc = tu_run(&o, "{ cd %s && %s build -q --new-register -o out in ; }", dir, KOBUN);
	ck_assert_msg(rc == 0, "--new-register: %d\n%.2000s", rc, o);
	free(o);
	rc = tu_run(&o, "{ cd %s && %s build -q -o in in; echo rc=$?; ls in | grep -c manifest ; }",
	            dir, KOBUN);
	ck_assert_msg(tu_has(o, "[usage]") && tu_has(o, "rc=2") && tu_has(o, "\n0"),
	              "-o INPUT:\n%.2000s", o);
	free(o);
	rc = tu_run(&o,
	            "env -u KOBUN_PDF_PASSWORD -u KOBUN_PDF_OWNER_PASSWORD %s build --protect "
	            "--dump=context -o %s/d --org %s %s/tests/data/confidential/incidents.xml",
	            KOBUN, dir, ORG, SRCDIR);
	ck_assert_msg(rc == 2 && !tu_has(o, "CIOMARK") && tu_has(o, "[password-missing]"),
	              "--protect --dump without passwords: %d\n%.2000s", rc, o);
	free(o);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Issue 16 (13): what a killed --archive run left in the archive directory is swept. */
START_TEST(test_issue16_archive_swept)
{
	char *dir = tu_tmpdir(), *o;
	int rc;

	rc =
	    tu_run(&o,
	           "{ cd %s && mkdir -p arch/NOM-2026-0201 && : > arch/.kobun-abc123 && : > "
	           "arch/NOM-2026-0201/.kobun-def456 && %s build -q -o out --archive arch %s/input "
	           ">/dev/null 2>&1 && find arch -name '.kobun-*' ; }",
	           dir, KOBUN, SRCDIR);
	ck_assert_msg(rc == 0 && o[0] == '\0', "left in the archive (%d): %s", rc, o);
	free(o);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/*
 * Issue 16: a run killed while it made a register outside the output
 * directory left ".kobun-register-*" there for good. The next run removes
 * those no run holds locked (a journal whose register is gone too), and
 * not one a run is making now: here this test holds its lock.
 */
START_TEST(test_issue16_register_temp_swept)
{
	char *dir = tu_tmpdir(), *held = kb_asprintf("%s/reg/.kobun-register-held", dir), *o;
	int fd, rc;

	ck_assert_int_eq(tu_run(NULL,
	                        "cd %s && mkdir reg && : > reg/.kobun-register-stale && : > "
	                        "reg/.kobun-register-stale-journal && : > "
	                        "reg/.kobun-register-gone-journal",
	                        dir),
	                 0);
	fd = open(held, O_RDWR | O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(flock(fd, LOCK_EX), 0);
	rc =
	    tu_run(&o,
	           "{ cd %s && %s build -q -o out --register reg/r.sqlite %s/input >/dev/null 2>&1 "
	           "&& ls -A reg ; }",
	           dir, KOBUN, SRCDIR);
	close(fd);
	ck_assert_msg(rc == 0 && !tu_has(o, "stale") && !tu_has(o, "gone") && tu_has(o, "r.sqlite"),
	              "a left temporary register stays (%d): %s", rc, o);
	ck_assert_msg(tu_has(o, ".kobun-register-held"),
	              "the temporary register of a run making it was removed: %s", o);
	free(o);
	tu_rmrf(dir);
	free(dir), free(held);
}
END_TEST

/*
 * The manifest is written from its own lines (not a libxml2 tree): values
 * with markup, quotes, tabs and newlines read back exactly, and the file
 * is byte for byte what libxml2 writes for the same document; a merge
 * (--only) keeps an old entry in its place and replaces the one of the
 * same file.
 */
START_TEST(test_manifest_lines_as_libxml2_writes)
{
	static const char *const odd = "a&b<c>\"d\"\te\nf\r　第1号";
	char *dir = tu_tmpdir(), *path = kb_asprintf("%s/" KB_OUT_MANIFEST, dir), *text = NULL;
	struct kb_manifest *m = kb_manifest_new();
	xmlDoc *doc;
	xmlNode *e;
	xmlChar *v, *again;
	gsize len = 0;
	int n;

	kb_manifest_add(m, &(struct kb_manifest_doc){.record = "R-1",
	                                             .kind = "nomination-notice",
	                                             .revision = 1,
	                                             .number = odd,
	                                             .audience = "internal",
	                                             .file = "R-1/a.pdf",
	                                             .sha256 = "00",
	                                             .pages = 2});
	kb_manifest_add(m, &(struct kb_manifest_doc){.date = "2026-11-01",
	                                             .records = "A B",
	                                             .kind = "structure-notice",
	                                             .audience = "internal",
	                                             .file = "s/b.pdf",
	                                             .sha256 = "11",
	                                             .pages = 1,
	                                             .copy = "s/b.odt",
	                                             .copy_sha256 = "22",
	                                             .copy_format = "odt"});
	ck_assert_int_eq(kb_manifest_write(m, dir, 0), 0);
	kb_manifest_free(m);
	ck_assert(g_file_get_contents(path, &text, &len, NULL));
	doc = xmlReadMemory(text, (int)len, NULL, NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	e = xmlFirstElementChild(xmlDocGetRootElement(doc));
	v = xmlGetProp(e, (const xmlChar *)"number");
	ck_assert_str_eq((const char *)v, odd);
	xmlFree(v);
	v = xmlGetProp(xmlNextElementSibling(e), (const xmlChar *)"odt-sha256");
	ck_assert_str_eq((const char *)v, "22");
	xmlFree(v);
	xmlDocDumpFormatMemoryEnc(doc, &again, &n, "UTF-8", 1);
	ck_assert_str_eq((const char *)again, text);
	xmlFree(again);
	xmlFreeDoc(doc);
	g_free(text);

	/* --only: the old first entry stays first, the second is replaced, a new one follows. */
	m = kb_manifest_new();
	kb_manifest_add(m, &(struct kb_manifest_doc){.record = "R-3",
	                                             .kind = "nomination-notice",
	                                             .audience = "internal",
	                                             .file = "R-3/c.pdf",
	                                             .sha256 = "33",
	                                             .pages = 1});
	kb_manifest_add(m, &(struct kb_manifest_doc){.date = "2026-11-01",
	                                             .records = "A B C",
	                                             .kind = "structure-notice",
	                                             .audience = "internal",
	                                             .file = "s/b.pdf",
	                                             .sha256 = "44",
	                                             .pages = 1});
	ck_assert_int_eq(kb_manifest_write(m, dir, 1), 0);
	kb_manifest_free(m);
	ck_assert(g_file_get_contents(path, &text, &len, NULL));
	ck_assert_msg(strstr(text, "R-1/a.pdf") < strstr(text, "sha256=\"44\"") &&
	                  strstr(text, "sha256=\"44\"") < strstr(text, "R-3/c.pdf") &&
	                  strstr(text, "sha256=\"11\"") == NULL && strstr(text, "&amp;b&lt;c&gt;"),
	              "%s", text);
	g_free(text);
	tu_rmrf(dir);
	free(dir), free(path);
}
END_TEST

/* The commands of the fault rounds: kobun with a fixed clock (monthly 2026-11 has ended). */
#define FR_KOBUN "env SOURCE_DATE_EPOCH=1798000000 " KOBUN

/*
 * Starts the shell commands cmd[0..n) at once in dir, each with its exit
 * status in dir/rc.I, then waits for all of them. With kill_after > 0,
 * kills the first after that many milliseconds (sig). Returns the
 * statuses' text ("0 0 137 ...").
 */
static char *
fr_run(const char *dir, const char *const *cmd, int n, int kill_after_ms, const char *sig)
{
	kb_buf b = {0};
	char *o;

	kb_buf_printf(&b, "{ cd %s || exit 1; rm -f rc.*; ", dir);
	for (int i = 0; i < n; i++)
		kb_buf_printf(&b, "{ sh -c '%s' >log.%d 2>&1; echo $? > rc.%d; } & %s", cmd[i], i,
		              i, i == 0 ? "first=$!; " : "");
	if (kill_after_ms > 0)
		kb_buf_printf(&b,
		              "sleep %d.%03d; pkill -%s -P $first -x kobun || pkill -%s -P $(pgrep "
		              "-P $first) -x kobun; ",
		              kill_after_ms / 1000, kill_after_ms % 1000, sig, sig);
	kb_buf_puts(&b, "wait; cat rc.* | tr '\\n' ' '; }");
	ck_assert_int_ge(tu_run(&o, "%s", b.data), 0);
	kb_buf_free(&b);
	return o;
}

/*
 * Issue 16 (prove it): rounds of 2 and 4 simultaneous builds, and monthly
 * with build, on one output directory and register; runs killed (SIGKILL,
 * SIGTERM) at random moments; runs whose files may not grow past a limit
 * (RLIMIT_FSIZE, SIGXFSZ ignored: a full disk). After each round, and a
 * run to the end after each fault, what is left is sound (assert_sound);
 * right after a fault every PDF is whole and the register intact.
 * KOBUN_FAULT_ROUNDS=N runs N times as many rounds (make check: 1, about
 * a minute).
 */
START_TEST(test_issue16_fault_rounds)
{
	char *dir = tu_tmpdir(), *out = kb_asprintf("%s/out", dir), *o, *when;
	const char *build = FR_KOBUN " build -q -o out in";
	const char *builds[2] = {FR_KOBUN " build -q -j 1 -o out in",
	                         FR_KOBUN " build -q -j 2 -o out in"};
	const char *monthly = FR_KOBUN " monthly 2026-11 -q -o out in";
	const char *cmds[4] = {build, build, build, build};
	const char *scale = getenv("KOBUN_FAULT_ROUNDS");
	int k = scale != NULL && atoi(scale) > 0 ? atoi(scale) : 1;
	unsigned seed = (unsigned)time(NULL);
	/* rounds: concurrent, killed, disk-full ok, disk-full exit 2, runs, killed mid-run */
	int stats[6] = {0};

	srand(seed);
	ck_assert_int_eq(tu_run(NULL, "sh %s/tests/bench/gen.sh %s/in 15", SRCDIR, dir), 0);
	/* 2 and 4 builds at once, and monthly with build; every other round from nothing. */
	for (int r = 0; r < 7 * k; r++) {
		int n = r % 7 < 3 ? 2 : r % 7 < 5 ? 4 : 2;
		cmds[0] = r % 7 < 5 ? build : monthly;
		if (r % 2 == 0)
			tu_rmrf(out);
		o = fr_run(dir, cmds, n, 0, NULL);
		ck_assert_msg(strncmp(o, "0 0 ", 4) == 0 && (n == 2 || strcmp(o, "0 0 0 0 ") == 0),
		              "round %d (%d at once%s): exit %s", r, n,
		              r % 7 >= 5 ? ", monthly" : "", o);
		free(o);
		when = kb_asprintf("round %d", r);
		ck_assert_int_eq(assert_sound(out, when), 30);
		free(when);
		stats[0]++, stats[4] += n;
	}
	/* Killed at random: one of two runs (build, or monthly) at 0–0.8 s. */
	for (int r = 0; r < 6 * k; r++) {
		int ms = rand() % 800;
		const char *sig = r % 2 ? "TERM" : "KILL";
		cmds[0] = r % 3 == 2 ? monthly : builds[r / 2 % 2];
		cmds[1] = builds[(r / 2 + 1) % 2];
		if (r % 2 == 0)
			tu_rmrf(out);
		o = fr_run(dir, cmds, 2, ms, sig);
		stats[5] += strncmp(o, "137 ", 4) == 0 || strncmp(o, "143 ", 4) == 0;
		free(o);
		ck_assert_msg(tu_run(&o,
		                     "{ cd %s && find . -name '*.pdf' | while read f; do qpdf "
		                     "--check \"$f\" >/dev/null 2>&1 || echo BROKEN $f; done; "
		                     "sqlite3 register.sqlite 'PRAGMA integrity_check' ; }",
		                     out) == 0 &&
		                  !tu_has(o, "BROKEN") && tu_has(o, "ok"),
		              "killed (SIG%s at %d ms): %s", sig, ms, o);
		free(o);
		ck_assert_int_eq(tu_run(&o, "{ cd %s && %s ; }", dir, build), 0);
		free(o);
		when = kb_asprintf("after SIG%s at %d ms", sig, ms);
		ck_assert_int_eq(assert_sound(out, when), 30);
		free(when);
		stats[1]++, stats[4] += 3;
	}
	/* A full disk: no file may grow past 8–48 KiB (512-byte blocks). */
	for (int r = 0; r < 4 * k; r++) {
		int blocks = 16 + rand() % 80, rc;
		if (r % 2 == 0)
			tu_rmrf(out);
		rc = tu_run(
		    &o,
		    "{ cd %s && mkdir -p out && sh -c \"trap '' XFSZ; ulimit -f %d; exec %s\"; "
		    "echo rc=$?; find out -name '.kobun-*'; cd out && find . -name '*.pdf' | "
		    "while read f; do qpdf --check \"$f\" >/dev/null 2>&1 || echo BROKEN $f; "
		    "done ; }",
		    dir, blocks, build);
		ck_assert_msg(rc == 0 && (tu_has(o, "rc=0") || tu_has(o, "rc=2")) &&
		                  !tu_has(o, ".kobun-") && !tu_has(o, "BROKEN"),
		              "limit %d blocks: %s", blocks, o);
		ck_assert_msg(tu_has(o, "rc=0") || tu_has(o, "[output-unwritable]") ||
		                  tu_has(o, "[register]"),
		              "limit %d blocks: exit 2 with no diagnostic: %s", blocks, o);
		stats[tu_has(o, "rc=0") ? 2 : 3]++;
		free(o);
		ck_assert_int_eq(tu_run(&o, "{ cd %s && %s ; }", dir, build), 0);
		free(o);
		when = kb_asprintf("after a limit of %d blocks", blocks);
		ck_assert_int_eq(assert_sound(out, when), 30);
		free(when);
		stats[4] += 2;
	}
	fprintf(stderr,
	        "issue 16 fault rounds (seed %u): %d concurrent rounds, %d with a kill (%d "
	        "killed mid-run), disk full: %d finished, %d stopped with exit 2; %d kobun runs, "
	        "all sound\n",
	        seed, stats[0], stats[1], stats[5], stats[2], stats[3], stats[4]);
	tu_rmrf(dir);
	free(dir), free(out);
}
END_TEST

Suite *
output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("build");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_confidentiality);
	tcase_add_test(tc, test_register_stable_and_continues);
	tcase_add_loop_test(tc, test_killed_run, 0, 2);
	tcase_add_test(tc, test_issue14_worker_lost);
	tcase_add_test(tc, test_issue14_batched_durability);
	tcase_add_test(tc, test_protected_run);
	tcase_add_test(tc, test_issue16_derived_audience);
	tcase_add_test(tc, test_issue16_archive_inside_output);
	tcase_add_test(tc, test_issue16_symlink_in_output);
	tcase_add_test(tc, test_issue16_concurrent_runs_wait);
	tcase_add_test(tc, test_issue16_foreign_register);
	tcase_add_test(tc, test_issue16_protected_id_keyed);
	tcase_add_test(tc, test_issue16_protected_draft_id);
	tcase_add_test(tc, test_issue16_register_create_disk_full);
	tcase_add_test(tc, test_issue16_lost_register_and_misuse);
	tcase_add_test(tc, test_issue16_archive_swept);
	tcase_add_test(tc, test_issue16_register_temp_swept);
	tcase_add_test(tc, test_manifest_lines_as_libxml2_writes);
	suite_add_tcase(s, tc);
	tc = tcase_create("faults");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_issue16_fault_rounds);
	suite_add_tcase(s, tc);
	return s;
}
