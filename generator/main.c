/* main.c — the kobun command line: subcommands, the pipeline driver and the exit status. */
#include <getopt.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "context.h"
#include "diag.h"
#include "dl.h"
#include "dl_cairo.h"
#include "dl_haru.h"
#include "docx.h"
#include "due.h"
#include "editable.h"
#include "fonts.h"
#include "jobs.h"
#include "layout.h"
#include "load.h"
#include "manifest.h"
#include "model.h"
#include "monthly.h"
#include "odt.h"
#include "output.h"
#include "plan.h"
#include "profile.h"
#include "register.h"
#include "roles.h"
#include "roster.h"
#include "rules.h"
#include "table.h"
#include "template.h"
#include "tree.h"
#include "util.h"

#ifndef KOBUN_DATADIR
#define KOBUN_DATADIR "."
#endif

/* A command: its usage line, what it does, and the options it takes (their short codes). */
struct command {
	const char *name;
	const char *usage;
	const char *what;
	const char *options;
};

static const struct command commands[] = {
    {"build",
     "kobun build [-o DIR] [--org FILE] [--format pdf|png|docx|odt] [--dpi N]\n"
     "            [--register FILE] [--only RECORD-ID] [--dry-run] [--reissue] [--protect]\n"
     "            [--password-file FILE] [--archive DIR] [--new-register] [-j N]\n"
     "            [--dump=context|tree|dl] INPUT...",
     "render every document into DIR (default: output)", "oODfrRinePWANjqv"},
    {"check", "kobun check [--org FILE] INPUT...",
     "load, validate and apply every rule; render nothing", "Oqv"},
    {"roster", "kobun roster [--date YYYY-MM-DD] [--format text|xml|csv] [--org FILE] INPUT...",
     "the 体制表: every role on a date, its holder, post and article", "dfOqv"},
    {"monthly",
     "kobun monthly YYYY-MM [-o DIR] [--org FILE] [--format pdf|png|docx|odt] [--dpi N]\n"
     "            [--register FILE] [--draft] [--dry-run] [--reissue] [--protect]\n"
     "            [--password-file FILE] [--archive DIR] [--new-register] INPUT...",
     "the month's report to the CIO (DIR/monthly/YYYY-MM.pdf) once it has ended",
     "oODfrRxnePWANqv"},
    {"due", "kobun due [--date YYYY-MM-DD] [--format text|xml|csv] [--org FILE] INPUT...",
     "every obligation open on a date, soonest first, with days left or overdue;\n"
     "          exit status 1 when one is overdue (for cron)",
     "dfOqv"},
    {"render",
     "kobun render [--format pdf|png|docx|odt] [--dpi N] [-o FILE] [--dump=tree|dl] DOC.xml",
     "lay out a document written in kobun's vocabulary (docs/vocabulary.md)", "oDfrqv"},
    {"register",
     "kobun register list [--fiscal-year YYYY] [--format text|csv]\n"
     "            [--register FILE | --org FILE | -o DIR] [INPUT...]",
     "the 文書番号簿: every number issued, its record, file, digest and copies", "YROofv"},
};

/* The help of each option, by its short code (longopts in main). */
static const struct {
	int code;
	const char *text;
} option_help[] = {
    {'o', "  -o, --output DIR   output directory (default: output); render: the file\n"},
    {'O', "      --org FILE     the organization file\n"},
    {'D', "      --dump=WHAT    print each document's context, tree or display list\n"
          "                     to standard output instead of writing PDFs (takes no number)\n"},
    {'d', "      --date DATE    roster: the date (default: the latest record date);\n"
          "                     due: the date judged (default: today in JST)\n"},
    {'f', "      --format FMT   build, monthly, render: pdf (default) or png (one file per\n"
          "                     page: a preview, which takes no number); docx or odt: the\n"
          "                     PDF and an editable copy of every document (render: the\n"
          "                     copy only); roster, due:\n"
          "                     text (default), xml or csv; register list: text or csv\n"},
    {'r', "      --dpi N        png resolution (default 96)\n"},
    {'R', "      --register FILE  the document-number register (default: <policy register=\"\">\n"
          "                     of organization.xml, else DIR/register.sqlite); keep it and\n"
          "                     back it up: it is the 文書番号簿\n"},
    {'i', "      --only ID      only the documents of record ID (all its revisions)\n"},
    {'n', "      --dry-run      print what would be written and numbered; write nothing\n"},
    {'x', "      --draft        monthly: a draft marked 案, also of a month not yet ended;\n"
          "                     takes no number (DIR/monthly/YYYY-MM-draft.pdf)\n"},
    {'e', "      --reissue      write an issued document whose content has changed again,\n"
          "                     under its number, marked 訂正 (else it is kept as issued)\n"},
    {'Y', "      --fiscal-year YYYY  only that fiscal year (April–March)\n"},
    {'P', "      --protect      encrypt the CIO-only documents (libharu, 128-bit; print only);\n"
          "                     also on with <policy protect=\"cio\"/> in organization.xml\n"},
    {'W', "      --password-file FILE  user password on line 1, owner password on line 2\n"
          "                     (else KOBUN_PDF_PASSWORD and KOBUN_PDF_OWNER_PASSWORD)\n"},
    {'A', "      --archive DIR  also write a PDF/A-1b copy of every document under DIR\n"},
    {'N', "      --new-register  start a new register (numbers from 1) although DIR holds\n"
          "                     issued documents (else a missing or empty register stops)\n"},
    {'j', "  -j, --jobs N       render in N processes (default: one per processor; 1: in\n"
          "                     this one); the output is the same whatever N\n"},
    {'q', "  -q, --quiet        print only errors, warnings and the summary line\n"
          "                     (no \"wrote\" lines, no notes)\n"},
    {'v', "  -v, --verbose      also name the organization, each file read and the register\n"},
};

static const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The help of every option in codes, in the table's order. */
static void
print_options(const char *codes, FILE *out)
{
	fputs("Options:\n", out);
	for (size_t i = 0; i < sizeof(option_help) / sizeof(option_help[0]); i++)
		if (strchr(codes, option_help[i].code) != NULL)
			fputs(option_help[i].text, out);
	fputs("  -h, --help         this help\n", out);
}

/* kobun --help (cmd NULL) or kobun CMD --help. */
static void
print_help(const struct command *cmd, FILE *out)
{
	if (cmd != NULL) {
		fprintf(out, "usage: %s\n\n  %s\n\n", cmd->usage, cmd->what);
		print_options(cmd->options, out);
		return;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "%s%s\n", i == 0 ? "usage: " : "       ", commands[i].usage);
	fputs("       kobun --help | --version | kobun COMMAND --help\n\n"
	      "Renders the official documents that records kept under a municipal\n"
	      "regulation on informatization call for.\n\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s%s\n", commands[i].name, commands[i].what);
	fputs("\nINPUT is record files or directories (read for *.xml, sorted by name);\n"
	      "organization.xml is found in an input directory unless --org names it.\n\n",
	      out);
	print_options("oODdfrRinxeYPWANqv", out);
	fputs("      --version      print the version\n\n"
	      "Exit status: 0 all good, 1 some record rejected (the rest rendered) or,\n"
	      "for due, some obligation overdue; 2 usage or environment error.\n"
	      "Environment: KOBUN_DATADIR (schemas, templates, fonts; by default found beside\n"
	      "the kobun binary). The manual: man kobun.\n",
	      out);
}

/* Reports a command line kobun does not take; returns the exit status 2. */
static int
usage_error(const char *fmt, const char *arg)
{
	kb_buf b = {0};

	kb_buf_printf(&b, fmt, arg);
	kb_diagc(KB_D_USAGE, NULL, "%s", b.data);
	kb_diag_text("Try 'kobun --help'.");
	kb_buf_free(&b);
	return 2;
}

struct opts {
	const char *outdir;
	const char *org;
	const char *dump;   /* NULL, "context", "tree" or "dl" */
	const char *date;   /* roster date, or NULL */
	const char *format; /* NULL (the command's default), "pdf", "png", "text" or "xml" */
	double dpi;         /* png resolution */
	const char *reg;    /* register file, or NULL for DIR/register.sqlite */
	int protect;        /* --protect */
	const char *password_file;
	const char *archive;      /* --archive DIR */
	char *user_pw, *owner_pw; /* loaded passwords when protecting (owned) */
	int fy;                   /* register list: fiscal year, 0 for all */
	int quiet;
	int verbose;      /* -v: also the files read, the organization and the register used */
	int dry_run;      /* --dry-run: print what would be written; write nothing */
	int draft;        /* monthly --draft */
	int reissue;      /* --reissue */
	int new_register; /* --new-register: a missing or empty register beside issued documents */
	const char *only; /* build --only RECORD-ID, or NULL */
	int editable_all; /* build, monthly --format docx|odt: every document also as a copy */
	const char *copy_format; /* that copy's format ("docx", "odt"); NULL: the policy's */
	int jobs;                /* build --jobs: worker processes (default: one per processor) */
};

/* 1 when dir holds kobun's data (schema/ and templates/). */
static int
is_datadir(const char *dir)
{
	char *s = kb_asprintf("%s/schema/record.rng", dir), *t = kb_asprintf("%s/templates", dir);
	int ok = access(s, R_OK) == 0 && access(t, R_OK) == 0;

	free(s), free(t);
	return ok;
}

/*
 * kobun's data (schemas, templates, fonts.conf): $KOBUN_DATADIR; else
 * found from the binary itself — PREFIX/share/kobun beside an installed
 * PREFIX/bin/kobun, or the clone around build/release/kobun, wherever the
 * clone has moved; else the directory it was built in.
 */
static const char *
datadir(void)
{
	static char *found;
	const char *d = getenv("KOBUN_DATADIR");

	if (d != NULL && *d != '\0')
		return d;
	if (found == NULL) {
		char *exe = g_file_read_link("/proc/self/exe", NULL);
		char *bin = exe ? g_path_get_dirname(exe) : NULL;
		const char *const rel[] = {"../share/kobun", "../.."};
		for (size_t i = 0; bin != NULL && found == NULL && i < 2; i++) {
			char *c = kb_asprintf("%s/%s", bin, rel[i]), real[PATH_MAX];
			if (is_datadir(c) && realpath(c, real) != NULL)
				found = kb_strdup(real);
			free(c);
		}
		g_free(bin), g_free(exe);
		if (found == NULL)
			found = kb_strdup(KOBUN_DATADIR);
	}
	return found;
}

/* Loads, validates and checks everything; returns 0, or -1 on a fatal error. */
static int
load_all(const struct opts *o, char *const *args, int nargs, struct kb_loader **ld,
         struct kb_input *in)
{
	char **files = NULL, *org = NULL;
	size_t nfiles = 0;
	int rc = -1;

	if (kb_input_collect(o->org, args, nargs, &files, &nfiles, &org) != 0)
		goto out;
	double t = kb_prof_now();

	*ld = kb_loader_new(datadir());
	if (*ld == NULL)
		goto out;
	if (kb_load_org(*ld, org, in) != 0) {
		kb_diagc(KB_D_ORG_INVALID, &(struct kb_loc){org, 0, NULL},
		         "the organization is not valid; nothing can be rendered without it");
		goto out;
	}
	if (o->verbose)
		fprintf(stderr, "kobun: organization %s (%zu persons, %zu posts)\n", org,
		        in->org.npersons, in->org.nposts);
	for (size_t i = 0; i < nfiles; i++) {
		size_t before = in->nrecords;
		kb_load_records(*ld, files[i], in);
		if (o->verbose)
			fprintf(stderr, "kobun: read %s (%zu records)\n", files[i],
			        in->nrecords - before);
	}
	kb_prof_add(KB_ST_LOAD, t);
	t = kb_prof_now();
	rc = kb_check_run(in);
	kb_prof_add(KB_ST_RULES, t);
out:
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(org);
	return rc;
}

static void
count_records(const struct kb_input *in, int *read, int *rejected)
{
	*read = *rejected = 0;
	for (size_t i = 0; i < in->nrecords; i++) {
		if (in->records[i].standing)
			continue;
		(*read)++;
		*rejected += in->records[i].rejected;
	}
	*rejected += in->files_rejected;
}

static void
dump_doc(xmlDoc *d)
{
	xmlChar *s;
	int n;

	xmlDocDumpFormatMemoryEnc(d, &s, &n, "UTF-8", 1);
	fwrite(s, 1, (size_t)n, stdout);
	xmlFree(s);
}

/* The name of page p of rel in a preview: rel without .pdf, then -N.png (from 1). */
static char *
page_name(const char *rel, size_t p)
{
	size_t n = strlen(rel);

	return kb_asprintf("%.*s-%zu.png",
	                   (int)(n > 4 && strcmp(rel + n - 4, ".pdf") == 0 ? n - 4 : n), rel,
	                   p + 1);
}

/*
 * Writes dl under dir as rel (a .pdf path) with the writer --format and
 * protect call for: the PDF (pdf: its bytes when already rendered, else
 * NULL) and its --archive copy, or one PNG per page. Appends a "wrote"
 * line for each file to text (note follows it) unless --quiet. Returns 0
 * or -1.
 */
static int
write_dl(const struct opts *o, const struct kb_dl *dl, const char *dir, const char *rel,
         const char *note, int protect, const kb_buf *pdf, kb_buf *text)
{
	const struct kb_writer *w = kb_writer_find(o->format, protect);
	struct kb_writer_opts wo = {o->dpi, o->user_pw, o->owner_pw, NULL};
	int rc = 0;

	if (w == NULL) {
		/* A preview would be an unprotected copy of a protected document. */
		kb_diagc(KB_D_PNG_PROTECTED, &(struct kb_loc){rel, 0, NULL},
		         "this document must be protected; --format png cannot be, so it is not "
		         "written");
		return -1;
	}
	for (size_t p = 0; p < (w->preview ? dl->npages : 1) && rc == 0; p++) {
		char *name = w->preview ? page_name(rel, p) : kb_strdup(rel);
		kb_buf b = {0};

		if (pdf != NULL && !w->preview)
			rc = kb_output_write(dir, name, pdf->data, pdf->len);
		else
			rc = w->render(dl, p, &wo, &b) != 0 ||
			             kb_output_write(dir, name, b.data, b.len) != 0
			         ? -1
			         : 0;
		if (rc == 0 && !w->preview && o->archive != NULL) {
			const struct kb_writer *a = kb_writer_find("pdf-a", 0);
			kb_buf ab = {0};
			rc = a->render(dl, 0, &wo, &ab) != 0 ||
			             kb_output_write(o->archive, rel, ab.data, ab.len) != 0
			         ? -1
			         : 0;
			kb_buf_free(&ab);
		}
		if (rc == 0 && !o->quiet)
			kb_buf_printf(text, "wrote %s/%s%s%s\n", dir, name,
			              note && *note ? " " : "", note ? note : "");
		kb_buf_free(&b);
		free(name);
	}
	return rc;
}

/*
 * Loads the passwords protected output needs: --password-file (user on
 * line 1, owner on line 2), else KOBUN_PDF_PASSWORD and
 * KOBUN_PDF_OWNER_PASSWORD. Never from the command line. Returns 0 or -1
 * after a fatal diagnostic.
 */
/* PDF 128-bit encryption (R3) takes the first 32 bytes of a password and ignores the rest. */
#define KB_PASSWORD_MAX 32

/*
 * A password as PDF encryption will use it: at most 32 bytes (longer
 * ones would be cut, and two that differ only after byte 32 would be the
 * same password) and no NUL. Returns 0, or -1 after a diagnostic naming
 * where it came from.
 */
static int
password_ok(const char *pw, size_t len, const char *from)
{
	if (memchr(pw, '\0', len) != NULL) {
		kb_diagc(KB_D_PASSWORD_FORM, NULL, "%s holds a NUL byte", from);
		return -1;
	}
	if (len > KB_PASSWORD_MAX) {
		kb_diagc(KB_D_PASSWORD_FORM, NULL,
		         "%s is %zu bytes long; PDF encryption uses only the first %d, so give at "
		         "most %d",
		         from, len, KB_PASSWORD_MAX, KB_PASSWORD_MAX);
		return -1;
	}
	return 0;
}

/*
 * The user and owner passwords, from --password-file (line 1 and line 2,
 * nothing else but empty lines) or from the environment. Returns 0, or -1
 * after a fatal diagnostic.
 */
static int
load_passwords(struct opts *o)
{
	if (o->password_file != NULL) {
		gchar *text = NULL;
		gsize len = 0;
		size_t at = 0;
		const char *from[] = {"line 1 of the password file (the user password)",
		                      "line 2 of the password file (the owner password)"};
		char **slot[] = {&o->user_pw, &o->owner_pw};
		if (!g_file_get_contents(o->password_file, &text, &len, NULL) || len > 4096) {
			kb_diagc(KB_D_PASSWORD_FILE, &(struct kb_loc){o->password_file, 0, NULL},
			         "cannot read the password file (or it is larger than 4 KiB)");
			g_free(text);
			return -1;
		}
		for (int i = 0; i < 2; i++) {
			size_t n = 0;
			while (at + n < len && text[at + n] != '\n')
				n++;
			if (n > 0 && text[at + n - 1] == '\r')
				n--;
			if (password_ok(text + at, n, from[i]) != 0) {
				g_free(text);
				return -1;
			}
			*slot[i] = kb_strndup(text + at, n);
			while (at < len && text[at] != '\n')
				at++;
			at += at < len;
		}
		for (; at < len; at++)
			if (!g_ascii_isspace(text[at])) {
				kb_diagc(KB_D_PASSWORD_FORM,
				         &(struct kb_loc){o->password_file, 0, NULL},
				         "the password file has more than two lines: the user "
				         "password on "
				         "line 1, the owner password on line 2, nothing else");
				g_free(text);
				return -1;
			}
		g_free(text);
	} else {
		const char *u = getenv("KOBUN_PDF_PASSWORD"),
		           *w = getenv("KOBUN_PDF_OWNER_PASSWORD");
		o->user_pw = kb_strdup(u ? u : "");
		o->owner_pw = kb_strdup(w ? w : "");
		if (password_ok(o->user_pw, strlen(o->user_pw), "KOBUN_PDF_PASSWORD") != 0 ||
		    password_ok(o->owner_pw, strlen(o->owner_pw), "KOBUN_PDF_OWNER_PASSWORD") != 0)
			return -1;
	}
	if (o->user_pw[0] == '\0' || o->owner_pw[0] == '\0') {
		kb_diagc(
		    KB_D_PASSWORD_MISSING, NULL,
		    "CIO documents must be protected (--protect or <policy protect=\"cio\"/>), but "
		    "no passwords were given: set KOBUN_PDF_PASSWORD and KOBUN_PDF_OWNER_PASSWORD, "
		    "or "
		    "use --password-file FILE (user password, then owner password)");
		return -1;
	}
	/* Both are at most 32 bytes: compared whole, they are compared as PDF uses them. */
	if (strcmp(o->user_pw, o->owner_pw) == 0) {
		kb_diagc(KB_D_PASSWORD_SAME, NULL,
		         "the owner password must differ from the user password");
		return -1;
	}
	return 0;
}

static const char *const audience_label[] = {"public", "authorities", "internal", "cio"};

/* Where the documents of a run get their context: a record's, or the monthly report's. */
struct source {
	const struct kb_input *in;
	const struct kb_plan *plan; /* monthly: the documents the records call for */
	int year, month;            /* monthly */
	/* What every document of the run is rendered with (run_fingerprint), or NULL: resume off.
	 */
	const char *fingerprint;
};

/* The context of doc (the monthly report has no record). The caller owns it. */
static xmlDoc *
source_context(const struct source *src, const struct kb_doc *doc)
{
	return doc->rec == NULL ? kb_monthly_context(src->in, src->plan, src->year, src->month, doc)
	                        : kb_context_build(src->in, doc);
}

/*
 * The digest of what doc is rendered from: the run's fingerprint, the
 * document's kind, file and correction mark, and its context ctx (all the
 * template sees). Equal digests give equal files. input gets it in hex;
 * "" when the run has no fingerprint.
 */
static void
input_digest(const struct source *src, const struct kb_doc *doc, xmlDoc *ctx, char input[65])
{
	GChecksum *sum;
	xmlChar *bytes = NULL;
	int n = 0;

	input[0] = '\0';
	if (src->fingerprint == NULL)
		return;
	sum = g_checksum_new(G_CHECKSUM_SHA256);
	xmlDocDumpMemory(ctx, &bytes, &n);
	/* Each part with its NUL, so no two run together into the same bytes. */
	g_checksum_update(sum, (const guchar *)src->fingerprint,
	                  (gssize)strlen(src->fingerprint) + 1);
	g_checksum_update(sum, (const guchar *)doc->kind, (gssize)strlen(doc->kind) + 1);
	g_checksum_update(sum, (const guchar *)doc->path, (gssize)strlen(doc->path) + 1);
	g_checksum_update(sum, (const guchar *)(doc->correction ? "1" : "0"), 2);
	g_checksum_update(sum, bytes, n);
	snprintf(input, 65, "%s", g_checksum_get_string(sum));
	xmlFree(bytes);
	g_checksum_free(sum);
}

/* Orders strings held in a GPtrArray. */
static int
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the bytes of the file at path to sum. Returns 0, or -1 when it cannot be read. */
static int
sum_file(GChecksum *sum, const char *path)
{
	char *data = NULL;
	gsize len = 0;
	int ok;

	g_checksum_update(sum, (const guchar *)path, (gssize)strlen(path) + 1);
	ok = g_file_get_contents(path, &data, &len, NULL);
	if (ok)
		g_checksum_update(sum, (const guchar *)data, (gssize)len);
	g_free(data);
	return ok ? 0 : -1;
}

/*
 * Adds to sum each shared library this process has mapped (cairo, pango,
 * harfbuzz, freetype, libharu, libxml2, libxslt, libzip, zlib …): its
 * path, size and time of change, so that a library updated by the system
 * renders everything again. Returns 0, or -1 when the maps cannot be read.
 */
static int
sum_libraries(GChecksum *sum)
{
	char *maps = NULL, **lines;
	GPtrArray *libs = g_ptr_array_new();

	if (!g_file_get_contents("/proc/self/maps", &maps, NULL, NULL)) {
		g_ptr_array_free(libs, TRUE);
		return -1;
	}
	lines = g_strsplit(maps, "\n", -1);
	for (char **l = lines; *l != NULL; l++) {
		char *path = strchr(*l, '/');
		if (path != NULL && strstr(path, ".so") != NULL)
			g_ptr_array_add(libs, path);
	}
	g_ptr_array_sort(libs, by_name);
	for (guint i = 0; i < libs->len; i++) {
		const char *path = libs->pdata[i];
		struct stat st;
		char line[64];
		if (i > 0 && strcmp(path, libs->pdata[i - 1]) == 0)
			continue;
		g_checksum_update(sum, (const guchar *)path, (gssize)strlen(path) + 1);
		if (stat(path, &st) == 0) {
			snprintf(line, sizeof(line), "%lld %lld", (long long)st.st_size,
			         (long long)st.st_mtime);
			g_checksum_update(sum, (const guchar *)line, (gssize)strlen(line) + 1);
		}
	}
	g_ptr_array_free(libs, TRUE);
	g_strfreev(lines);
	g_free(maps);
	return 0;
}

/* Adds every file of the directory dir to sum, in the order of their names. */
static void
sum_dir(GChecksum *sum, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	if (d != NULL)
		g_dir_close(d);
	g_ptr_array_sort(names, by_name);
	for (guint i = 0; i < names->len; i++) {
		char *path = kb_asprintf("%s/%s", dir, (const char *)names->pdata[i]);
		sum_file(sum, path);
		free(path);
	}
	g_ptr_array_free(names, TRUE);
}

/*
 * The digest of everything besides a document's context that its files
 * depend on: this kobun (its executable and the libraries it runs with),
 * its templates, schemas and font configuration, the fonts themselves,
 * organization.xml (house settings) and the output options. Any change
 * renders every document again. NULL when a part cannot be read: then
 * every document is rendered. The caller frees it.
 */
static char *
run_fingerprint(const struct opts *o, const struct kb_input *in)
{
	static const char *const dirs[] = {"templates", "schema", "fonts"};
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	char *r, opts[128];

	if (sum_file(sum, "/proc/self/exe") != 0 || sum_libraries(sum) != 0 ||
	    (in->org.file != NULL && sum_file(sum, in->org.file) != 0)) {
		g_checksum_free(sum);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *dir = kb_asprintf("%s/%s", datadir(), dirs[i]);
		sum_dir(sum, dir);
		free(dir);
	}
	kb_fonts_fingerprint(sum);
	snprintf(opts, sizeof(opts), "%s %g %s %d", o->format ? o->format : "", o->dpi,
	         o->copy_format ? o->copy_format : "", o->editable_all);
	g_checksum_update(sum, (const guchar *)opts, (gssize)strlen(opts) + 1);
	r = kb_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	return r;
}

/*
 * The stages after the context ctx: template, validation, layout. Honours
 * --dump (prints, sets *dumped and returns NULL). Returns the display list
 * (the caller owns it), or NULL when the document failed (reported); with
 * keep, the document tree too (*keep, the caller's to free).
 */
static struct kb_dl *
layout_doc(const struct opts *o, xmlDoc *ctx, const struct kb_doc *doc, struct kb_templates *tpl,
           struct kb_layout *lo, int *dumped, struct kb_node **keep)
{
	double t;
	xmlDoc *tree = NULL;
	struct kb_node *kt = NULL;
	struct kb_dl *dl = NULL;

	*dumped = 0;
	if (o->dump != NULL && strcmp(o->dump, "context") == 0) {
		dump_doc(ctx);
		*dumped = 1;
		goto out;
	}
	t = kb_prof_now();
	tree = kb_template_apply(tpl, doc->kind, ctx);
	kb_prof_add(KB_ST_TEMPLATE, t);
	t = kb_prof_now();
	if (tree == NULL || kb_tree_validate(tpl, tree, kb_template_path(tpl, doc->kind)) != 0)
		goto out;
	kt = kb_tree_from_xml(tree, kb_template_path(tpl, doc->kind));
	kb_prof_add(KB_ST_TREE, t);
	if (kt == NULL)
		goto out;
	if (o->dump != NULL && strcmp(o->dump, "tree") == 0) {
		kb_tree_dump(kt, stdout);
		*dumped = 1;
		goto out;
	}
	t = kb_prof_now();
	dl = kb_layout_run(lo, kt);
	kb_prof_add(KB_ST_LAYOUT, t);
	if (o->dump != NULL) {
		char *s = kb_dl_dump(dl);
		fputs(s, stdout);
		free(s);
		*dumped = 1;
		kb_dl_free(dl);
		dl = NULL;
	}
	if (dl != NULL && keep != NULL) {
		*keep = kt;
		kt = NULL;
	}
out:
	kb_tree_free(kt);
	if (tree)
		xmlFreeDoc(tree);
	return dl;
}

/* Adds doc of the build to man as the file on disk: number, file, digest and pages. */
static void
manifest_add(struct kb_manifest *man, const struct kb_input *in, const struct kb_doc *doc,
             const char *auth, const char *number, const char *file, const char *sha, int pages,
             const char *copy, const char *copy_sha)
{
	int per_revision =
	    doc->rec->kind == KB_REC_INCIDENT || doc->rec->kind == KB_REC_SYSTEM_PLAN;
	kb_buf ids = {0};
	char ds[16], *covered;

	/* A document of a date (structure notice) lists the records it covers. */
	for (size_t k = 0; k < doc->nrecs; k++)
		kb_buf_printf(&ids, "%s%s", k ? " " : "", in->records[doc->recs[k]].id);
	covered = kb_buf_take(&ids);
	snprintf(ds, sizeof(ds), "%04d-%02d-%02d", doc->issue.y, doc->issue.m, doc->issue.d);
	kb_manifest_add(man, &(struct kb_manifest_doc){
	                         doc->nrecs ? NULL : doc->rec->id, doc->nrecs ? ds : NULL,
	                         doc->nrecs ? covered : NULL, doc->kind, auth,
	                         per_revision ? doc->rec->revision : 0, number,
	                         audience_label[doc->audience], file, sha, pages, copy, copy_sha,
	                         /* the copy's format is its suffix: .docx, .odt */
	                         copy != NULL ? strrchr(copy, '.') + 1 : NULL});
	free(covered);
}

/* What issue_doc did with a document. */
/* DOC_UNCHANGED: issued from the same input, whole on disk: not rendered again. */
enum { DOC_FATAL = -1, DOC_FAILED, DOC_WRITTEN, DOC_KEPT, DOC_UNCHANGED };

/* The lowercase hex SHA-256 of b; the caller frees it. */
static char *
sha256_hex(const kb_buf *b)
{
	gchar *h = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)b->data, b->len);
	char *r = kb_strdup(h);

	g_free(h);
	return r;
}

/*
 * 1 when a document of kind also gets an editable copy beside its PDF:
 * --format docx|odt, else the kinds of <policy editable=""/> (default
 * KB_EDITABLE_DEFAULT).
 */
static int
wants_copy(const struct opts *o, const struct kb_org *org, const char *kind)
{
	const char *p = org->editable != NULL ? org->editable : KB_EDITABLE_DEFAULT;
	size_t n = strlen(kind);

	if (o->editable_all)
		return 1;
	while (*p != '\0') {
		size_t k = strcspn(p, " \t\r\n");
		if (k == n && strncmp(p, kind, n) == 0)
			return 1;
		p += k;
		p += strspn(p, " \t\r\n");
	}
	return 0;
}

/* The authority a document is addressed to (its id), or NULL; part of its key in the register. */
static const char *
doc_authority(const struct kb_input *in, const struct kb_doc *doc)
{
	return doc->authority >= 0 ? in->org.authorities[doc->authority].id : NULL;
}

/* The revision of a document's record (the monthly report's own): part of its key. */
static int
doc_revision(const struct kb_doc *doc)
{
	return doc->rec != NULL ? doc->rec->revision : doc->revision;
}

/* What the parent knows of a document before it is rendered: how the register has it. */
struct job {
	struct kb_issued is;     /* is.version 0: not issued yet (or not a numbered kind) */
	struct kb_issued was;    /* a document not sent (a draft, no number): its last file */
	int version;             /* the issue version it is rendered as */
	unsigned char id[2][16]; /* a protected PDF's ID: at version, and at is.version + 1 */
};

/*
 * What rendering a document gave (render_doc, in a worker process), for
 * the parent to log (log_doc): sent as these bytes, then the text for
 * standard output.
 */
struct done {
	int rc;            /* DOC_* */
	int changed;       /* written again under its number, marked 訂正 (--reissue) */
	int pages;         /* of the PDF */
	char sha[65];      /* the PDF written, to be logged; "" when none (preview, dry run) */
	char copy_sha[65]; /* its editable copy; "" when none */
	char input[65];    /* what it was rendered from (input_digest); "" when not known */
	size_t text_len; /* the text that follows; then the files' renames (kb_output_hand_over) */
};

/* The format of editable copies: --format docx|odt, else <policy editable-format=""/>, else docx.
 */
static const char *
copy_format(const struct opts *o, const struct kb_org *org)
{
	return o->copy_format         ? o->copy_format
	       : org->editable_format ? org->editable_format
	                              : "docx";
}

/* Writes kt as an editable copy of format fmt ("docx" or "odt") appended to b; 0 or -1. */
static int
write_editable(const char *fmt, const struct kb_node *kt, const char *fallback, kb_buf *b)
{
	return strcmp(fmt, "odt") == 0 ? kb_odt_write(kt, fallback, b)
	                               : kb_docx_write(kt, fallback, b);
}

/*
 * Writes the editable copy of doc (its tree kt) beside its PDF, in the
 * copy format of the run; copy_sha gets its digest. A protected document
 * gets none (warning, copy_sha stays ""): a .docx or .odt is not
 * encrypted. Returns 0, or -1 after a fatal diagnostic.
 */
static int
write_copy(const struct opts *o, const struct kb_input *in, const struct kb_doc *doc,
           const struct kb_node *kt, int protect, char copy_sha[65], kb_buf *text)
{
	const char *fmt = copy_format(o, &in->org);
	char *rel = kb_ed_copy_name(doc->path, fmt), *sha;
	kb_buf b = {0};
	int rc = -1;

	if (protect) {
		kb_diagc(
		    KB_D_DOCX_PROTECTED, &(struct kb_loc){rel, 0, doc->key},
		    "%s must be protected and a .%s copy cannot be: no editable copy is written, "
		    "only the protected PDF",
		    doc->kind, fmt);
		free(rel);
		return 0;
	}
	if (write_editable(fmt, kt, in->org.docx_font, &b) == 0 &&
	    kb_output_write(o->outdir, rel, b.data, b.len) == 0) {
		sha = sha256_hex(&b);
		snprintf(copy_sha, 65, "%s", sha);
		free(sha);
		if (!o->quiet)
			kb_buf_printf(text, "wrote %s/%s%s%s\n", o->outdir, rel,
			              doc->number ? " " : "", doc->number ? doc->number : "");
		rc = 0;
	}
	kb_buf_free(&b);
	free(rel);
	return rc;
}

/*
 * How the register has doc: issued before (j->is) and the IDs a protected
 * PDF of it takes. Runs in the parent, before rendering. Returns 0, or -1
 * after a fatal diagnostic.
 */
static int
issued_as(const struct opts *o, const struct kb_input *in, const struct kb_doc *doc,
          struct kb_register *reg, int protect, struct job *j)
{
	const struct kb_writer *w = kb_writer_find(o->format, protect);
	const char *auth = doc_authority(in, doc);
	const char *copy = wants_copy(o, &in->org, doc->kind) ? copy_format(o, &in->org) : NULL;
	int revision = doc_revision(doc);

	/* Only the PDF is ever issued; a sent document (a numbered kind) never changes silently. */
	if (w != NULL && !w->preview && o->dump == NULL && doc->numbered && !doc->draft &&
	    kb_register_issued(reg, doc->key, doc->kind, auth, revision, copy, &j->is) != 0)
		return -1;
	/* What else was written is known too, so that an unchanged one is not rendered again. */
	if (w != NULL && !w->preview && o->dump == NULL && !(doc->numbered && !doc->draft) &&
	    kb_register_issued(reg, doc->key, doc->kind, auth, revision, copy, &j->was) != 0)
		return -1;
	/* A protected PDF's ID (and so its keys): of the register, per issue version. */
	j->version = j->is.version > 0 ? j->is.version : 1;
	if (protect && o->dump == NULL &&
	    (kb_register_doc_id(reg, doc->key, doc->kind, auth, revision, j->version, j->id[0]) !=
	         0 ||
	     (j->is.version > 0 && kb_register_doc_id(reg, doc->key, doc->kind, auth, revision,
	                                              j->is.version + 1, j->id[1]) != 0)))
		return -1;
	return 0;
}

/* How the register has doc's last file: issued (j->is), or else written (j->was). */
static const struct kb_issued *
last_written(const struct job *j)
{
	return j->is.version > 0 ? &j->is : &j->was;
}

/* 1 when the file rel under dir is there with the SHA-256 sha (hex). */
static int
on_disk(const char *dir, const char *rel, const char *sha)
{
	char *path = kb_asprintf("%s/%s", dir, rel), *data = NULL;
	gsize len = 0;
	int same = 0;

	if (sha != NULL && g_file_get_contents(path, &data, &len, NULL)) {
		gchar *h =
		    g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		same = strcmp(h, sha) == 0;
		g_free(h);
	}
	g_free(data);
	free(path);
	return same;
}

/*
 * 1 when doc, rendered from input, need not be rendered again: it was
 * issued from the same input (j), and its PDF and editable copy are on
 * disk with the digests the register logged. A killed run resumes so,
 * and a run over a year of records renders only what changed. Protected
 * documents are always rendered (their input digest is not kept), and so
 * is a run with --archive or --reissue.
 */
static int
unchanged(const struct opts *o, const struct kb_input *in, const struct kb_doc *doc,
          const struct job *j, int protect, const char *input)
{
	const struct kb_issued *is = last_written(j);
	char *copy;
	int same;

	if (input[0] == '\0' || is->input == NULL || strcmp(input, is->input) != 0 || protect ||
	    o->archive != NULL || o->reissue || strcmp(is->file, doc->path) != 0 ||
	    !on_disk(o->outdir, doc->path, is->sha256))
		return 0;
	if (!wants_copy(o, &in->org, doc->kind))
		return 1;
	copy = kb_ed_copy_name(doc->path, copy_format(o, &in->org));
	same = on_disk(o->outdir, copy, is->copy_sha256);
	free(copy);
	return same;
}

/*
 * Renders one planned document and writes it (a PNG preview, or the PDF
 * and its editable copy); --dry-run only says what it would write. A
 * document already issued (j) whose content has changed is kept as issued
 * (warning) unless --reissue: then it is rendered again under its number,
 * marked 訂正. Touches neither the register nor the manifest, so it can
 * run in a worker process; dn and text (the "wrote" lines) say what
 * log_doc logs. Returns DOC_*.
 */
static int
render_doc(const struct opts *o, const struct source *src, struct kb_doc *doc,
           struct kb_templates *tpl, struct kb_layout *lo, const struct job *j, int protect,
           struct done *dn, kb_buf *text)
{
	const struct kb_input *in = src->in;
	const struct kb_writer *w = kb_writer_find(o->format, protect);
	struct kb_writer_opts wo = {o->dpi, o->user_pw, o->owner_pw, j->id[0]};
	const char *auth = doc_authority(in, doc);
	struct kb_loc loc = {doc->rec ? doc->rec->src.file : NULL,
	                     doc->rec ? doc->rec->src.line : 0, doc->rec ? doc->rec->id : doc->key};
	struct kb_dl *dl = NULL;
	struct kb_node *kt = NULL;
	kb_buf pdf = {0}, note = {0};
	char *sha = NULL;
	int rc = DOC_FAILED, dumped, version = j->version;
	double t;

	/* A document corrected once is printed as corrected from then on. */
	doc->correction = j->is.version >= 2;
	for (int first = 1;; first = 0) {
		xmlDoc *ctx;
		t = kb_prof_now();
		ctx = source_context(src, doc);
		/* Not of a protected document: a digest of its content would let guesses be
		 * confirmed. */
		if (o->dump == NULL && !protect)
			input_digest(src, doc, ctx, dn->input);
		kb_prof_add(KB_ST_CONTEXT, t);
		if (first && unchanged(o, in, doc, j, protect, dn->input)) {
			xmlFreeDoc(ctx);
			rc = DOC_UNCHANGED;
			goto out;
		}
		dl = layout_doc(o, ctx, doc, tpl, lo, &dumped, &kt);
		xmlFreeDoc(ctx);
		if (dl == NULL) {
			rc = dumped ? DOC_WRITTEN : DOC_FAILED;
			goto out;
		}
		if (w == NULL || w->preview) {
			rc = write_dl(o, dl, o->outdir, doc->path, NULL, protect, NULL, text) == 0
			         ? DOC_WRITTEN
			         : DOC_FATAL;
			goto out;
		}
		t = kb_prof_now();
		if (w->render(dl, 0, &wo, &pdf) != 0) {
			rc = DOC_FATAL;
			goto out;
		}
		sha = sha256_hex(&pdf);
		kb_prof_add(KB_ST_WRITE, t);
		dn->changed = j->is.version > 0 && strcmp(sha, j->is.sha256) != 0;
		if (dn->changed && !o->reissue) {
			kb_diagc(
			    KB_D_ISSUED_CHANGED, &loc,
			    "%s%s%s %s, issued as %s/%s, would now read differently: the "
			    "issued file is kept as it is; to issue it again under its number, "
			    "marked 訂正, run again with --reissue",
			    doc->kind, auth ? " → " : "", auth ? auth : "",
			    j->is.number ? j->is.number : "（番号なし）", o->outdir, j->is.file);
			rc = DOC_KEPT;
			goto out;
		}
		if (!dn->changed || (doc->correction && (!protect || version > j->is.version)))
			break;
		/* --reissue: the same number, and the page says it corrects what was sent. */
		doc->correction = 1;
		version = j->is.version + 1;
		wo.doc_id = j->id[1];
		kb_dl_free(dl), kb_buf_free(&pdf), free(sha), kb_tree_free(kt);
		dl = NULL, sha = NULL, kt = NULL;
	}
	kb_buf_puts(&note, doc->number ? doc->number : "");
	if (o->dry_run && doc->provisional != NULL)
		kb_buf_printf(&note, "%s (a new number)", doc->provisional);
	if (dn->changed)
		kb_buf_puts(&note, " 訂正 (reissued)");
	else if (o->dry_run && j->is.version > 0)
		kb_buf_puts(&note, " (issued, unchanged)");
	rc = DOC_WRITTEN;
	t = kb_prof_now();
	if (o->dry_run) {
		if (!o->quiet)
			kb_buf_printf(text, "would write %s/%s%s%s\n", o->outdir, doc->path,
			              note.len ? " " : "", note.len ? note.data : "");
		if (!o->quiet && !protect && wants_copy(o, &in->org, doc->kind)) {
			char *rel = kb_ed_copy_name(doc->path, copy_format(o, &in->org));
			kb_buf_printf(text, "would write %s/%s\n", o->outdir, rel);
			free(rel);
		}
	} else if (write_dl(o, dl, o->outdir, doc->path, note.data, protect, &pdf, text) != 0 ||
	           (wants_copy(o, &in->org, doc->kind) &&
	            write_copy(o, in, doc, kt, protect, dn->copy_sha, text) != 0))
		rc = DOC_FATAL;
	else {
		snprintf(dn->sha, sizeof(dn->sha), "%s", sha);
		dn->pages = (int)dl->npages;
	}
	kb_prof_add(KB_ST_WRITE, t);
out:
	if (rc == DOC_FAILED)
		kb_diagc(KB_D_NOT_PRODUCED, &loc, "%s was not produced", doc->kind);
	kb_dl_free(dl);
	kb_tree_free(kt);
	kb_buf_free(&pdf), kb_buf_free(&note);
	free(sha);
	return rc;
}

/*
 * What the parent does with a rendered document (dn, text), in plan
 * order: prints its "wrote" lines (or keeps them in say, to be printed
 * once its batch is on disk), logs what was written in reg (the PDF and
 * its editable copy, under one number) and adds it to man (may be NULL).
 * Returns dn->rc, or DOC_FATAL.
 */
static int
log_doc(const struct opts *o, const struct kb_input *in, const struct kb_doc *doc,
        struct kb_register *reg, struct kb_manifest *man, const struct job *j,
        const struct done *dn, const char *text, kb_buf *say)
{
	const char *auth = doc_authority(in, doc);
	int revision = doc_revision(doc);
	char ds[16], *copy = NULL;
	int rc = dn->rc;

	if (say != NULL)
		kb_buf_puts(say, text);
	else
		fputs(text, stdout);
	if (rc == DOC_KEPT && man != NULL)
		manifest_add(man, in, doc, auth, j->is.number, j->is.file, j->is.sha256,
		             j->is.pages, NULL, NULL);
	if (rc == DOC_UNCHANGED && man != NULL) {
		const struct kb_issued *is = last_written(j);
		copy = is->copy_sha256 != NULL && wants_copy(o, &in->org, doc->kind)
		           ? kb_ed_copy_name(doc->path, copy_format(o, &in->org))
		           : NULL;
		manifest_add(man, in, doc, auth, is->number, is->file, is->sha256, is->pages, copy,
		             copy ? is->copy_sha256 : NULL);
		free(copy);
	}
	if (rc != DOC_WRITTEN || dn->sha[0] == '\0')
		return rc;
	snprintf(ds, sizeof(ds), "%04d-%02d-%02d", doc->issue.y, doc->issue.m, doc->issue.d);
	if (kb_register_log(reg, doc->key, doc->kind, auth, revision, doc->number, doc->path,
	                    dn->sha, ds, dn->pages, dn->input[0] ? dn->input : NULL) != 0)
		return DOC_FATAL;
	if (dn->copy_sha[0] != '\0') {
		const char *fmt = copy_format(o, &in->org);
		copy = kb_ed_copy_name(doc->path, fmt);
		if (kb_register_log_copy(reg, doc->key, doc->kind, auth, revision, fmt, doc->number,
		                         copy, dn->copy_sha) != 0)
			rc = DOC_FATAL;
	}
	if (rc != DOC_FATAL && man != NULL)
		manifest_add(man, in, doc, auth, doc->number, doc->path, dn->sha, dn->pages, copy,
		             dn->copy_sha[0] ? dn->copy_sha : NULL);
	free(copy);
	return rc;
}

/* One document, start to end, in this process: the monthly report. Returns DOC_*. */
static int
issue_doc(const struct opts *o, const struct source *src, struct kb_doc *doc,
          struct kb_templates *tpl, struct kb_layout *lo, struct kb_register *reg,
          struct kb_manifest *man, int protect)
{
	struct job j = {0};
	struct done dn = {0};
	kb_buf text = {0};
	int rc = DOC_FATAL;

	if (issued_as(o, src->in, doc, reg, protect, &j) == 0) {
		dn.rc = render_doc(o, src, doc, tpl, lo, &j, protect, &dn, &text);
		rc = log_doc(o, src->in, doc, reg, man, &j, &dn, text.data ? text.data : "", NULL);
	}
	kb_issued_free(&j.is), kb_issued_free(&j.was);
	kb_buf_free(&text);
	return rc;
}

/*
 * The register of the organization: --register, else <policy register="">
 * of organization.xml (org may be NULL), else DIR/register.sqlite. The
 * caller frees it.
 */
static char *
register_path(const struct opts *o, const struct kb_org *org)
{
	if (o->reg != NULL)
		return kb_strdup(o->reg);
	if (org != NULL && org->register_path != NULL)
		return kb_strdup(org->register_path);
	return kb_asprintf("%s/" KB_OUT_REGISTER, o->outdir);
}

/*
 * Opens the register of a run: for a preview (--format png, --dump,
 * --dry-run, --draft) a scratch copy that takes numbers only provisionally
 * and writes nothing; else the register of record, creating the output
 * directory. Returns NULL after a fatal diagnostic.
 */
static struct kb_register *
open_register(const struct opts *o, const struct kb_org *org, int preview)
{
	char *path = register_path(o, org);
	struct kb_register *reg = NULL;
	int fresh;

	if (o->verbose)
		fprintf(stderr, "kobun: register %s%s\n", path,
		        preview ? " (a scratch copy: this run takes no number)" : "");
	if (!preview && g_mkdir_with_parents(o->outdir, 0777) != 0) {
		kb_diagc(KB_D_OUTPUT, &(struct kb_loc){o->outdir, 0, NULL},
		         "cannot create the output directory");
		goto out;
	}
	/*
	 * Numbers start again at 1 only when asked: a register lost (or
	 * replaced by an empty file) beside issued documents would give their
	 * numbers to new ones.
	 */
	fresh = access(path, F_OK) != 0;
	if (!preview && !fresh && (reg = kb_register_open(path, KB_REGISTER_WRITE)) == NULL)
		goto out;
	if (!preview && !o->new_register && (fresh || (reg != NULL && kb_register_empty(reg))) &&
	    kb_output_has_documents(o->outdir)) {
		kb_diagc(
		    KB_D_REGISTER_LOST, &(struct kb_loc){path, 0, NULL},
		    "%s, but %s holds issued documents (manifest.xml or PDFs): numbering again "
		    "from 1 would give their numbers to new documents. Restore the register "
		    "from its backup, or run with --new-register to start a new one",
		    fresh ? "there is no register here" : "the register is empty", o->outdir);
		kb_register_close(reg);
		reg = NULL;
		goto out;
	}
	if (reg == NULL)
		reg = kb_register_open(path, preview ? KB_REGISTER_SCRATCH : KB_REGISTER_WRITE);
out:
	free(path);
	return reg;
}

/*
 * A run that writes files (not --dump, not --dry-run) takes the output
 * directory for itself: one run at a time, the next waits; then what
 * killed runs left there (and in --archive) is swept. *lock is NULL when
 * nothing is written. Returns 0, or -1 after a fatal diagnostic.
 */
static int
claim_output(const struct opts *o, struct kb_output_lock **lock)
{
	*lock = NULL;
	if (o->dump != NULL || o->dry_run)
		return 0;
	*lock = kb_output_claim(o->outdir, o->archive, o->quiet);
	return *lock != NULL ? 0 : -1;
}

/* The exit status: the diagnostics', and 1 when an issued document was kept as issued. */
static int
exit_status(void)
{
	int rc = kb_diag_exit_status();

	return rc == 0 && kb_diag_count_code(KB_D_ISSUED_CHANGED) > 0 ? 1 : rc;
}

/* 1 when this run of build or monthly only previews: it takes no number and writes no register. */
static int
is_preview(const struct opts *o)
{
	return o->dump != NULL || o->dry_run || o->draft || kb_writer_find(o->format, 0)->preview;
}

/* What a build did with its documents, for the summary line. */
struct tally {
	int written, failed, kept, unchanged;
};

/* A build's rendering: shared by the parent and its workers (read-only in workers). */
struct run {
	const struct opts *o;
	const struct source *src;
	struct kb_plan *plan;
	struct job *jobs;
	struct kb_templates *tpl;
	struct kb_layout *lo;
	struct kb_register *reg;
	struct kb_manifest *man;
	struct tally *tally;
	int progress;
	kb_buf said; /* the batch's "wrote" lines, printed once it is on disk */
};

/* Documents made durable and logged together: one disk sync and one commit per batch. */
#define KB_BATCH 64

static int
protects(const struct run *r, const struct kb_doc *d)
{
	return r->o->protect && d->audience == KB_AUD_CIO;
}

/* kb_job_work: renders document i into out (struct done, then its text). */
static int
run_work(size_t i, kb_buf *out, void *arg)
{
	struct run *r = arg;
	struct kb_doc *d = &r->plan->docs[i];
	struct done dn;
	kb_buf text = {0};

	/* Every byte, padding too: they go down a pipe. */
	memset(&dn, 0, sizeof(dn));
	dn.rc = DOC_FAILED;

	if (!d->refused)
		dn.rc = render_doc(r->o, r->src, d, r->tpl, r->lo, &r->jobs[i], protects(r, d), &dn,
		                   &text);
	dn.text_len = text.len;
	kb_buf_put(out, (const char *)&dn, sizeof(dn));
	kb_buf_put(out, text.data ? text.data : "", text.len);
	kb_output_hand_over(out);
	kb_buf_free(&text);
	return dn.rc == DOC_FATAL ? -1 : 0;
}

/*
 * The files of the batch before reach the disk under their names
 * (kb_output_settle), then the register's log of them is committed: a log
 * never names a file a power cut can lose. Then their "wrote" lines.
 */
static int
commit_batch(struct run *r)
{
	double t = kb_prof_now();
	int rc = -1;

	if (kb_output_settle(!is_preview(r->o)) == 0)
		rc = kb_register_commit(r->reg);
	kb_prof_add(KB_ST_SYNC, t);
	if (rc == 0) {
		fputs(r->said.data ? r->said.data : "", stdout);
		r->said.len = 0;
		if (r->said.data)
			r->said.data[0] = '\0';
	}
	return rc;
}

/* kb_job_take: logs document i in plan order (batching the register's commits). */
static int
run_take(size_t i, const char *data, size_t len, void *arg)
{
	struct run *r = arg;
	struct kb_doc *d = &r->plan->docs[i];
	struct done dn;
	char *text;
	double t;
	int rc;

	if (len < sizeof(dn))
		return -1;
	memcpy(&dn, data, sizeof(dn));
	if (dn.text_len > len - sizeof(dn))
		return -1;
	if (i > 0 && i % KB_BATCH == 0 && (commit_batch(r) != 0 || kb_register_begin(r->reg) != 0))
		return -1;
	kb_output_adopt(data + sizeof(dn) + dn.text_len, len - sizeof(dn) - dn.text_len);
	if (d->refused) {
		r->tally->failed++;
		return 0;
	}
	if (r->progress)
		kb_diag_progress("[%zu/%zu] %s", i + 1, r->plan->ndocs, d->path);
	text = kb_strndup(data + sizeof(dn), dn.text_len);
	t = kb_prof_now();
	rc = log_doc(r->o, r->src->in, d, r->reg, r->man, &r->jobs[i], &dn, text, &r->said);
	kb_prof_add(KB_ST_REGISTER, t);
	free(text);
	if (r->progress)
		kb_diag_progress_end();
	r->tally->written += rc == DOC_WRITTEN;
	r->tally->failed += rc == DOC_FAILED;
	r->tally->kept += rc == DOC_KEPT;
	r->tally->unchanged += rc == DOC_UNCHANGED;
	return rc == DOC_FATAL ? -1 : 0;
}

/*
 * Renders and logs every document of plan: what the register has of each
 * first (in this process), then rendering in --jobs worker processes
 * (--dump: one), logged here in plan order. Returns 0, or -1 after a
 * fatal diagnostic.
 */
static int
render_all(const struct opts *o, const struct source *src, struct kb_plan *plan,
           struct kb_templates *tpl, struct kb_layout *lo, struct kb_register *reg,
           struct kb_manifest *man, struct tally *tally)
{
	struct run r = {o,     src,
	                plan,  kb_calloc(plan->ndocs, sizeof(struct job)),
	                tpl,   lo,
	                reg,   man,
	                tally, isatty(2) && !o->dump,
	                {0}};
	int rc = -1;

	double t = kb_prof_now();

	for (size_t i = 0; i < plan->ndocs; i++)
		if (!plan->docs[i].refused &&
		    issued_as(o, src->in, &plan->docs[i], reg, protects(&r, &plan->docs[i]),
		              &r.jobs[i]) != 0)
			goto out;
	kb_prof_add(KB_ST_PLAN, t);
	if (kb_register_begin(reg) != 0)
		goto out;
	kb_output_batch(1);
	if (kb_jobs_run(o->dump != NULL ? 1 : o->jobs, plan->ndocs, run_work, run_take, &r) != 0)
		goto out;
	rc = commit_batch(&r);
out:
	kb_output_batch(0);
	if (rc != 0)
		kb_output_abandon();
	kb_buf_free(&r.said);
	for (size_t i = 0; i < plan->ndocs; i++)
		kb_issued_free(&r.jobs[i].is), kb_issued_free(&r.jobs[i].was);
	free(r.jobs);
	return rc;
}

static int
cmd_build(struct opts *o, char *const *args, int nargs, int render)
{
	struct kb_input in = {0};
	struct kb_loader *ld = NULL;
	struct kb_templates *tpl = NULL;
	struct kb_layout *lo = NULL;
	struct kb_plan plan = {0};
	struct kb_register *reg = NULL;
	struct kb_manifest *man = NULL;
	struct kb_output_lock *lock = NULL;
	struct source src = {&in, NULL, 0, 0, NULL};
	struct tally tally = {0};
	char *fingerprint = NULL;
	int nread, nrej, preview = is_preview(o);
	double t;

	if (load_all(o, args, nargs, &ld, &in) != 0)
		goto out;
	o->protect = o->protect || in.org.protect_cio;
	/* --dump prints what protection hides: only for whoever holds the passwords. */
	if (render && o->protect && load_passwords(o) != 0)
		goto out;
	if (render) {
		if (claim_output(o, &lock) != 0 ||
		    (reg = open_register(o, &in.org, preview)) == NULL)
			goto out;
	}
	t = kb_prof_now();
	kb_plan_make(&in, datadir(), &plan);
	if (o->only != NULL && kb_plan_only(&in, &plan, o->only) != 0)
		goto out;
	if (reg != NULL && kb_register_assign(reg, &in.org, &plan) != 0)
		goto out;
	kb_prof_add(KB_ST_PLAN, t);
	man = kb_manifest_new();
	if (render && plan.ndocs > 0) {
		if (kb_fonts_init(datadir()) != 0)
			goto out;
		tpl = kb_templates_new(datadir());
		lo = kb_layout_new();
		if (!preview && o->dump == NULL)
			src.fingerprint = fingerprint = run_fingerprint(o, &in);
		if (render_all(o, &src, &plan, tpl, lo, reg, man, &tally) != 0)
			goto out;
		/* The manifest of this run, replaced whole (--only: merged); previews have none. */
		if (!preview && kb_manifest_write(man, o->outdir, o->only != NULL) == 0 &&
		    !o->quiet)
			printf("wrote %s/manifest.xml\n", o->outdir);
	}
out:
	count_records(&in, &nread, &nrej);
	if (render) {
		char tail[128] = "";
		if (tally.kept > 0)
			snprintf(tail, sizeof(tail), ", %d kept as issued", tally.kept);
		if (tally.unchanged > 0)
			snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
			         ", %d unchanged on disk (not rendered again)", tally.unchanged);
		kb_diag_text("kobun: %d records read, %d rejected, %d documents %s, %d failed, "
		             "%d owed with no template yet%s",
		             nread, nrej, tally.written,
		             o->dry_run ? "to write (dry run)" : "written", tally.failed, plan.owed,
		             tail);
	} else
		kb_diag_text(
		    "kobun: %d records read, %d rejected, %d documents due (%d with no template "
		    "yet)",
		    nread, nrej, (int)plan.ndocs + plan.owed, plan.owed);
	kb_plan_free(&plan);
	kb_layout_free(lo);
	kb_templates_free(tpl);
	kb_input_free(&in);
	kb_loader_free(ld);
	kb_register_close(reg);
	kb_output_release(lock);
	kb_manifest_free(man);
	free(fingerprint);
	return exit_status();
}

/* kobun roster: the 体制表 on a date. */
static int
cmd_roster(const struct opts *o, char *const *args, int nargs)
{
	struct kb_input in = {0};
	struct kb_loader *ld = NULL;
	struct kb_roster r;
	struct kb_date d = {0, 0, 0};

	if (o->date != NULL && kb_date_parse(o->date, &d) != 0) {
		usage_error("--date takes YYYY-MM-DD, not '%s'", o->date);
		return 2;
	}
	if (load_all(o, args, nargs, &ld, &in) != 0)
		goto out;
	if (o->date == NULL) {
		/* Default: the latest date of an accepted record, else the base date. */
		d = in.org.base;
		for (size_t i = 0; i < in.nrecords; i++)
			if (!in.records[i].rejected && in.records[i].date.y != 0 &&
			    kb_date_cmp(&in.records[i].date, &d) > 0)
				d = in.records[i].date;
	} else if (kb_date_cmp(&d, &in.org.base) < 0) {
		kb_diagc(KB_D_ROSTER_DATE, NULL,
		         "--date %s is before the organization's base-date %04d-%02d-%02d", o->date,
		         in.org.base.y, in.org.base.m, in.org.base.d);
		goto out;
	}
	kb_roster_build(&in, &d, &r);
	if (o->format != NULL && strcmp(o->format, "xml") == 0) {
		xmlDoc *x = kb_roster_xml(&in, &r);
		dump_doc(x);
		xmlFreeDoc(x);
	} else {
		char *t = o->format != NULL && strcmp(o->format, "csv") == 0
		              ? kb_roster_csv(&in, &r)
		              : kb_roster_text(&in, &r);
		fputs(t, stdout);
		free(t);
	}
	kb_roster_free(&r);
out:
	kb_input_free(&in);
	kb_loader_free(ld);
	return kb_diag_exit_status();
}

/* Today, for refusing a month that has not begun: SOURCE_DATE_EPOCH when set, else the clock. */
static struct kb_date
today(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = e != NULL && *e != '\0' ? (time_t)strtoll(e, NULL, 10) : time(NULL);
	struct kb_date d;

	/* JST: the city's day. */
	kb_date_from_days((long)((t + 9 * 3600) / 86400), &d);
	return d;
}

/*
 * kobun due: every obligation open on --date (default today in JST),
 * soonest first. Exit status 1 when one is overdue, so cron can alert.
 */
static int
cmd_due(const struct opts *o, char *const *args, int nargs)
{
	struct kb_input in = {0};
	struct kb_loader *ld = NULL;
	struct kb_plan plan = {0};
	struct kb_due due = {0};
	struct kb_date d = today();
	int rc;

	if (o->date != NULL && kb_date_parse(o->date, &d) != 0)
		return usage_error("--date takes YYYY-MM-DD, not '%s'", o->date);
	if (load_all(o, args, nargs, &ld, &in) != 0)
		goto out;
	/* What kobun issues, and when: a document counts as issued on its issue date. */
	kb_plan_make(&in, datadir(), &plan);
	kb_due_build(&in, &plan, &d, &due);
	if (o->format != NULL && strcmp(o->format, "xml") == 0) {
		xmlDoc *x = kb_due_xml(&due);
		dump_doc(x);
		xmlFreeDoc(x);
	} else {
		char *t = o->format != NULL && strcmp(o->format, "csv") == 0 ? kb_due_csv(&due)
		                                                             : kb_due_text(&due);
		fputs(t, stdout);
		free(t);
	}
out:
	rc = kb_diag_exit_status();
	if (rc == 0 && due.overdue > 0)
		rc = 1;
	kb_due_free(&due);
	kb_plan_free(&plan);
	kb_input_free(&in);
	kb_loader_free(ld);
	return rc;
}

/*
 * kobun monthly YYYY-MM: the month's report to the CIO (D8), once the
 * month has ended; --draft (案, no number) at any time.
 */
static int
cmd_monthly(struct opts *o, char *const *args, int nargs)
{
	struct kb_input in = {0};
	struct kb_loader *ld = NULL;
	struct kb_templates *tpl = NULL;
	struct kb_layout *lo = NULL;
	struct kb_plan plan = {0}, mplan = {0};
	struct kb_register *reg = NULL;
	struct kb_output_lock *lock = NULL;
	struct source src = {&in, &plan, 0, 0, NULL};
	struct kb_date ms, me, next, now = today();
	struct kb_doc *md;
	int year, month, preview = is_preview(o);
	char tail;

	if (nargs < 2 || sscanf(args[0], "%4d-%2d%c", &year, &month, &tail) != 2 || month < 1 ||
	    month > 12 || strlen(args[0]) != 7) {
		usage_error("%s", "monthly takes YYYY-MM and then INPUT...");
		return 2;
	}
	ms = (struct kb_date){year, month, 1};
	next = (struct kb_date){month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1};
	kb_date_from_days(kb_date_to_days(&next) - 1, &me);
	if (kb_date_cmp(&ms, &now) > 0) {
		kb_diagc(KB_D_MONTH_AHEAD, NULL, "%s has not begun yet (today is %04d-%02d-%02d)",
		         args[0], now.y, now.m, now.d);
		return 2;
	}
	/* The report judges the month at its end and is dated its last day: not before then. */
	if (kb_date_cmp(&next, &now) > 0 && !o->draft) {
		kb_diagc(KB_D_MONTH_NOT_ENDED, NULL,
		         "%s has not ended: its report can be issued from %04d-%02d-%02d (today is "
		         "%04d-%02d-%02d in JST); --draft renders a draft marked 案 that takes no "
		         "number",
		         args[0], next.y, next.m, next.d, now.y, now.m, now.d);
		return 2;
	}
	src.year = year, src.month = month;
	if (load_all(o, args + 1, nargs - 1, &ld, &in) != 0)
		goto out;
	o->protect = o->protect || in.org.protect_cio;
	if (o->protect && load_passwords(o) != 0)
		goto out;
	if (kb_date_cmp(&me, &in.org.base) < 0) {
		kb_diagc(KB_D_MONTH_BEFORE_BASE, NULL,
		         "%s ends before the organization's base-date %04d-%02d-%02d; use the "
		         "organization.xml of that time",
		         args[0], in.org.base.y, in.org.base.m, in.org.base.d);
		goto out;
	}
	if (claim_output(o, &lock) != 0 || (reg = open_register(o, &in.org, preview)) == NULL)
		goto out;
	/* The same plan as build: what was (or will be) issued and with which numbers. */
	kb_plan_make(&in, datadir(), &plan);
	if (kb_register_assign(reg, &in.org, &plan) != 0)
		goto out;
	kb_monthly_plan(&in, year, month, &mplan);
	md = &mplan.docs[0];
	if (o->draft) {
		/* A draft takes no number and never stands where the report will. */
		md->draft = 1;
		free(md->path);
		md->path = kb_asprintf(KB_OUT_MONTHLY "/%04d-%02d-draft.pdf", year, month);
	} else if (kb_register_assign(reg, &in.org, &mplan) != 0)
		goto out;
	if (o->dump == NULL || strcmp(o->dump, "context") != 0) {
		if (kb_fonts_init(datadir()) != 0)
			goto out;
		tpl = kb_templates_new(datadir());
		lo = kb_layout_new();
	}
	if (kb_register_begin(reg) != 0)
		goto out;
	if (issue_doc(o, &src, md, tpl, lo, reg, NULL, o->protect) != DOC_FATAL)
		kb_register_commit(reg);
out:
	kb_layout_free(lo);
	kb_templates_free(tpl);
	kb_plan_free(&plan);
	kb_plan_free(&mplan);
	kb_register_close(reg);
	kb_output_release(lock);
	kb_input_free(&in);
	kb_loader_free(ld);
	return exit_status();
}

/*
 * kobun register list: the 文書番号簿, found as build finds it (--register,
 * the organization's <policy register="">, else DIR/register.sqlite). It is
 * only read.
 */
static int
cmd_register(const struct opts *o, char *const *args, int nargs)
{
	struct kb_input in = {0};
	struct kb_loader *ld = NULL;
	struct kb_register *reg = NULL;
	char **files = NULL, *org = NULL, *path = NULL;
	size_t nfiles = 0;
	int rc = 2;

	if (o->reg == NULL && (o->org != NULL || nargs > 0)) {
		if (kb_input_collect(o->org, args, nargs, &files, &nfiles, &org) != 0 ||
		    (ld = kb_loader_new(datadir())) == NULL)
			goto out;
		if (kb_load_org(ld, org, &in) != 0) {
			kb_diagc(KB_D_ORG_INVALID, &(struct kb_loc){org, 0, NULL},
			         "the organization is not valid; its register cannot be found");
			goto out;
		}
	}
	path = register_path(o, org != NULL ? &in.org : NULL);
	if (access(path, R_OK) != 0) {
		kb_diagc(KB_D_NO_REGISTER, NULL,
		         "no register at %s (kobun build makes it; --register FILE names another, "
		         "INPUT or --org finds the organization's)",
		         path);
		goto out;
	}
	if ((reg = kb_register_open(path, KB_REGISTER_SCRATCH)) != NULL) {
		int csv = o->format != NULL && strcmp(o->format, "csv") == 0;
		struct kb_table t;
		kb_buf b = {0};
		if (kb_register_table(reg, o->fy, csv, &t) == 0) {
			if (csv)
				kb_table_csv(&b, &t);
			else {
				kb_table_text(&b, &t);
				kb_buf_printf(&b, "%zu 件\n", t.nrows);
			}
			fputs(b.data, stdout);
			kb_buf_free(&b);
			kb_table_free(&t);
			rc = 0;
		}
	}
out:
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files), free(org), free(path);
	kb_register_close(reg);
	kb_input_free(&in);
	kb_loader_free(ld);
	return rc;
}

/* kobun render: lays out a document written directly in kobun's vocabulary. */
static int
cmd_render(const struct opts *o, char *const *args, int nargs)
{
	struct kb_loader *ld = NULL;
	struct kb_templates *tpl = NULL;
	struct kb_layout *lo = NULL;
	struct kb_dl *dl = NULL;
	xmlDoc *doc = NULL;
	struct kb_node *kt = NULL;
	char *out = NULL, *dir = NULL, *base = NULL;
	const char *slash;

	if (nargs != 1) {
		usage_error("%s", "render takes exactly one DOC.xml");
		return 2;
	}
	if (kb_fonts_init(datadir()) != 0)
		goto done;
	/* The entity loader that guards inputs also guards this file. */
	ld = kb_loader_new(datadir());
	if (ld == NULL)
		goto done;
	doc = kb_load_xml(args[0]);
	if (doc == NULL)
		goto done;
	tpl = kb_templates_new(datadir());
	if (kb_tree_validate(tpl, doc, args[0]) != 0)
		goto done;
	kt = kb_tree_from_xml(doc, args[0]);
	if (kt == NULL)
		goto done;
	if (o->dump != NULL && strcmp(o->dump, "tree") == 0) {
		kb_tree_dump(kt, stdout);
		goto done;
	}
	if (o->copy_format != NULL) {
		/* -o FILE, else DOC.docx (.odt) beside the input; the tree is all a copy needs. */
		kb_buf b = {0};
		size_t n = strlen(args[0]);
		out = o->outdir != NULL
		          ? kb_strdup(o->outdir)
		          : kb_asprintf(
		                "%.*s.%s",
		                (int)(n > 4 && strcmp(args[0] + n - 4, ".xml") == 0 ? n - 4 : n),
		                args[0], o->copy_format);
		slash = strrchr(out, '/');
		dir = slash ? kb_strndup(out, (size_t)(slash - out)) : kb_strdup(".");
		base = kb_strdup(slash ? slash + 1 : out);
		if (write_editable(o->copy_format, kt, NULL, &b) == 0 &&
		    kb_output_write(dir, base, b.data, b.len) == 0 && !o->quiet)
			printf("wrote %s/%s\n", dir, base);
		kb_buf_free(&b);
		goto done;
	}
	lo = kb_layout_new();
	dl = kb_layout_run(lo, kt);
	if (o->dump != NULL) {
		char *s = kb_dl_dump(dl);
		fputs(s, stdout);
		free(s);
		goto done;
	}
	/* -o FILE, else DOC.pdf beside the input. */
	if (o->outdir != NULL)
		out = kb_strdup(o->outdir);
	else {
		size_t n = strlen(args[0]);
		out = kb_asprintf("%.*s.pdf",
		                  (int)(n > 4 && strcmp(args[0] + n - 4, ".xml") == 0 ? n - 4 : n),
		                  args[0]);
	}
	slash = strrchr(out, '/');
	dir = slash ? kb_strndup(out, (size_t)(slash - out)) : kb_strdup(".");
	base = kb_strdup(slash ? slash + 1 : out);
	if (o->format != NULL && strcmp(o->format, "png") == 0) {
		size_t n = strlen(base);
		if (n > 4 && strcmp(base + n - 4, ".png") == 0) {
			base[n - 4] = '\0';
			char *b2 = kb_asprintf("%s.pdf", base);
			free(base);
			base = b2;
		}
	}
	{
		kb_buf text = {0};
		write_dl(o, dl, dir, base, NULL, 0, NULL, &text);
		if (text.len > 0)
			fputs(text.data, stdout);
		kb_buf_free(&text);
	}
done:
	kb_dl_free(dl);
	kb_tree_free(kt);
	kb_layout_free(lo);
	kb_templates_free(tpl);
	if (doc)
		xmlFreeDoc(doc);
	free(out), free(dir), free(base);
	kb_loader_free(ld);
	return kb_diag_exit_status();
}

/*
 * 1 when dir is one of the INPUT directories (kobun reads *.xml there,
 * not below, so an output directory beneath one is harmless).
 */
static int
outdir_is_input(const char *dir, char *const *args, int nargs)
{
	char *d = kb_path_resolve(dir);
	int same = 0;

	for (int i = 0; i < nargs && d != NULL && !same; i++) {
		char *a =
		    g_file_test(args[i], G_FILE_TEST_IS_DIR) ? kb_path_resolve(args[i]) : NULL;
		same = a != NULL && strcmp(a, d) == 0;
		free(a);
	}
	free(d);
	return same;
}

/*
 * Each document allocates and frees the same few megabytes (cairo's
 * streams, zlib's windows, subsetting): glibc would hand them back to the
 * kernel after every document and fault them in again for the next, a
 * third of a run's time. Kept in the heap they are reused; the peak is
 * the same.
 */
static void
keep_heap(void)
{
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
	                                         {"org", required_argument, NULL, 'O'},
	                                         {"dump", required_argument, NULL, 'D'},
	                                         {"quiet", no_argument, NULL, 'q'},
	                                         {"verbose", no_argument, NULL, 'v'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {"version", no_argument, NULL, 'V'},
	                                         {"date", required_argument, NULL, 'd'},
	                                         {"format", required_argument, NULL, 'f'},
	                                         {"dpi", required_argument, NULL, 'r'},
	                                         {"register", required_argument, NULL, 'R'},
	                                         {"fiscal-year", required_argument, NULL, 'Y'},
	                                         {"protect", no_argument, NULL, 'P'},
	                                         {"password-file", required_argument, NULL, 'W'},
	                                         {"archive", required_argument, NULL, 'A'},
	                                         {"only", required_argument, NULL, 'i'},
	                                         {"dry-run", no_argument, NULL, 'n'},
	                                         {"draft", no_argument, NULL, 'x'},
	                                         {"reissue", no_argument, NULL, 'e'},
	                                         {"new-register", no_argument, NULL, 'N'},
	                                         {"jobs", required_argument, NULL, 'j'},
	                                         {NULL, 0, NULL, 0}};
	struct opts o = {0};
	const struct command *command;
	const char *cmd;
	int c, rc;

	keep_heap();
	if (argc < 2)
		return usage_error("%s", "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_help(NULL, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("kobun %s\n", KOBUN_VERSION);
		return 0;
	}
	cmd = argv[1];
	command = command_find(cmd);
	if (command == NULL)
		return usage_error("unknown command '%s'", cmd);
	if (strcmp(cmd, "register") == 0) {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			print_help(command, stdout);
			return 0;
		}
		if (argc < 3 || strcmp(argv[2], "list") != 0)
			return usage_error("%s",
			                   "register takes a subcommand: kobun register list");
		argv[2] = argv[1];
		argv++;
		argc--;
	}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, ":o:j:qvh", longopts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			const char *bad = argv[optind];
			return usage_error(c == ':' ? "%s needs a value" : "unknown option '%s'",
			                   bad != NULL ? bad : "?");
		}
		if (c != 'h' && c != 'V' && strchr(command->options, c) == NULL) {
			const char *bad = "that option";
			for (const struct option *lo = longopts; lo->name != NULL; lo++)
				if (lo->val == c)
					bad = lo->name;
			kb_diagc(KB_D_USAGE, NULL, "%s does not take --%s", cmd, bad);
			kb_diag_text("Try 'kobun %s --help'.", cmd);
			return 2;
		}
		switch (c) {
		case 'o':
			o.outdir = optarg;
			break;
		case 'O':
			o.org = optarg;
			break;
		case 'D':
			if (strcmp(optarg, "context") != 0 && strcmp(optarg, "tree") != 0 &&
			    strcmp(optarg, "dl") != 0)
				return usage_error("--dump takes context, tree or dl, not '%s'",
				                   optarg);
			o.dump = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'd':
			o.date = optarg;
			break;
		case 'f':
			o.format = optarg;
			break;
		case 'R':
			o.reg = optarg;
			break;
		case 'P':
			o.protect = 1;
			break;
		case 'W':
			o.password_file = optarg;
			break;
		case 'A':
			o.archive = optarg;
			break;
		case 'i':
			o.only = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'x':
			o.draft = 1;
			break;
		case 'e':
			o.reissue = 1;
			break;
		case 'N':
			o.new_register = 1;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 || n > 256)
				return usage_error("--jobs takes a number from 1 to 256, not '%s'",
				                   optarg);
			o.jobs = (int)n;
			break;
		}
		case 'Y':
			o.fy = atoi(optarg);
			if (o.fy < 1900 || o.fy > 9999)
				return usage_error(
				    "--fiscal-year takes a year such as 2026, not '%s'", optarg);
			break;
		case 'r':
			o.dpi = atof(optarg);
			if (!(o.dpi >= 10 && o.dpi <= 1200))
				return usage_error("--dpi takes a number from 10 to 1200, not '%s'",
				                   optarg);
			break;
		case 'h':
			print_help(command, stdout);
			return 0;
		case 'V':
			printf("kobun %s\n", KOBUN_VERSION);
			return 0;
		default:
			return usage_error("%s", "unknown option");
		}
	}
	if (strcmp(cmd, "register") == 0) {
		if (o.format != NULL && strcmp(o.format, "text") != 0 &&
		    strcmp(o.format, "csv") != 0)
			return usage_error("--format takes text or csv, not '%s'", o.format);
		if (o.outdir == NULL)
			o.outdir = "output";
		xmlInitParser();
		rc = cmd_register(&o, argv + 1 + optind, argc - 1 - optind);
		xsltCleanupGlobals();
		xmlCleanupParser();
		return rc;
	}
	if (optind >= argc - 1)
		return usage_error("%s: no INPUT given", cmd);
	if (o.format != NULL) {
		int roster = strcmp(cmd, "roster") == 0, due = strcmp(cmd, "due") == 0;
		int text = strcmp(o.format, "text") == 0 || strcmp(o.format, "xml") == 0;
		if (due || roster
		        ? !text && strcmp(o.format, "csv") != 0
		        : strcmp(o.format, "pdf") != 0 && strcmp(o.format, "png") != 0 &&
		              strcmp(o.format, "docx") != 0 && strcmp(o.format, "odt") != 0)
			return usage_error(due || roster
			                       ? "--format takes text, xml or csv, not '%s'"
			                       : "--format takes pdf, png, docx or odt, not '%s'",
			                   o.format);
		/* build and monthly: the PDF as always, and every document also as a copy. */
		if (strcmp(o.format, "docx") == 0 || strcmp(o.format, "odt") == 0) {
			o.copy_format = o.format;
			o.editable_all = strcmp(cmd, "render") != 0;
			o.format = NULL;
		}
	}
	o.dpi = o.dpi > 0 ? o.dpi : 96;
	o.jobs = o.jobs > 0 ? o.jobs : kb_jobs_default();
	if (o.outdir == NULL && strcmp(cmd, "render") != 0)
		o.outdir = "output";
	if (o.archive != NULL && o.outdir != NULL) {
		/*
		 * The archive copies are never encrypted: were they written into
		 * the output tree (or it into theirs), one would replace a
		 * protected document under the same name.
		 */
		char *a = kb_path_resolve(o.archive), *d = kb_path_resolve(o.outdir);
		int clash = a == NULL || d == NULL || kb_path_within(a, d) || kb_path_within(d, a);
		free(a);
		free(d);
		if (clash)
			return usage_error("--archive %s must be a directory outside the output "
			                   "directory (and not containing it)",
			                   o.archive);
	}
	if ((strcmp(cmd, "build") == 0 || strcmp(cmd, "monthly") == 0) &&
	    outdir_is_input(o.outdir, argv + 1 + optind, argc - 1 - optind))
		return usage_error("-o %s is an INPUT directory: the next run would read kobun's "
		                   "own manifest.xml as records; write the output elsewhere",
		                   o.outdir);
	kb_diag_set_quiet(o.quiet);
	xmlInitParser();
	if (strcmp(cmd, "roster") == 0)
		rc = cmd_roster(&o, argv + 1 + optind, argc - 1 - optind);
	else if (strcmp(cmd, "render") == 0)
		rc = cmd_render(&o, argv + 1 + optind, argc - 1 - optind);
	else if (strcmp(cmd, "monthly") == 0)
		rc = cmd_monthly(&o, argv + 1 + optind, argc - 1 - optind);
	else if (strcmp(cmd, "due") == 0)
		rc = cmd_due(&o, argv + 1 + optind, argc - 1 - optind);
	else
		rc = cmd_build(&o, argv + 1 + optind, argc - 1 - optind, strcmp(cmd, "build") == 0);
	kb_prof_report();
	kb_dl_cairo_fini();
	kb_dl_haru_fini();
	kb_fonts_fini();
	free(o.user_pw);
	free(o.owner_pw);
	kb_dl_fonts_free();
	xsltCleanupGlobals();
	xmlCleanupParser();
	return rc;
}
