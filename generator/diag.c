/* diag.c — the catalogue of diagnostics, and the reporter that prints and counts them. */
#include "diag.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "articles.h"
#include "util.h"

#define N KB_NOTE
#define W KB_WARNING
#define E KB_ERROR
#define F KB_FATAL
#define RULE KB_DF_RULE
#define ENV KB_DF_ENV

/*
 * The catalogue, indexed by code. tests/check_diag.c keeps it honest:
 * ids unique, texts present, severities grouped as in the enum, every
 * entry raised by a fixture unless it is KB_DF_ENV.
 */
static const struct kb_diag_entry catalogue[KB_D__MAX] = {
    /* notes */
    [KB_D_NO_TEMPLATE] = {"no-template", N, KB_ART_NONE,
                          "the regulation calls for a document kobun has no template for yet", ENV},

    /* warnings */
    [KB_D_PDF_DATE] =
        {"pdf-date", W, KB_ART_NONE,
         "a creation date not of the form YYYY-MM-DDThh:mm:ss+hh:mm: the PDF has none", ENV},
    [KB_D_ISSUED_BEFORE_EVENT] = {"issued-before-event", W, KB_ART_INCIDENT_REPORT,
                                  "issued=\"\" は文書が記載する出来事の日より前にならない", 0},
    [KB_D_NO_DOC_CODE] = {"doc-code-missing", W, KB_ART_NONE,
                          "送付する課等（又はその部等）に文書記号 <document-code> がある", 0},
    [KB_D_ORG_ARTICLE_SAME] = {"org-article-same", W, KB_ART_NONE,
                               "two provisions of <regulation> cite the same article: one given, "
                               "the other left at the default",
                               0},
    [KB_D_DOCX_PROTECTED] =
        {"docx-protected", W, KB_ART_NONE,
         "a document that must be protected gets no editable copy (.docx, .odt)", 0},
    [KB_D_ISSUED_CHANGED] = {"issued-changed", W, KB_ART_NONE,
                             "an issued document would now read differently: it is kept as "
                             "issued (exit status 1) unless --reissue issues it again as 訂正",
                             0},

    /* errors: a file is unusable */
    [KB_D_GLYPH_MISSING] = {"glyph-missing", W, KB_ART_NONE,
                            "every character of a record is in the IPAex fonts (one they lack "
                            "prints as an empty box)",
                            0},
    [KB_D_FILE_UNREADABLE] = {"file-unreadable", E, KB_ART_NONE, "an input file cannot be read", 0},
    [KB_D_FILE_TOO_LARGE] = {"file-too-large", E, KB_ART_NONE,
                             "an input file is larger than 64 MiB", 0},
    [KB_D_DOCTYPE] = {"doctype", E, KB_ART_NONE,
                      "a DOCTYPE declaration (its entities could read other files) is refused", 0},
    [KB_D_EXTERNAL] = {"external-resource", E, KB_ART_NONE,
                       "an external resource outside kobun's schemas and templates is refused",
                       ENV},
    [KB_D_NOT_WELL_FORMED] = {"not-well-formed", E, KB_ART_NONE, "the file is not well-formed XML",
                              0},
    [KB_D_ENCODING] = {"encoding", E, KB_ART_NONE,
                       "the file is not UTF-8 (Shift_JIS, UTF-16 or another declared encoding)", 0},
    [KB_D_RECORDS_ROOT] = {"records-root", E, KB_ART_NONE,
                           "the root element of a record file is <records version=\"1\">", 0},
    [KB_D_RECORDS_VERSION] = {"records-version", E, KB_ART_NONE,
                              "the record file is of input format version 1", 0},
    [KB_D_STRAY_TEXT] = {"stray-text", E, KB_ART_NONE, "text stands between the records", 0},

    /* errors: a record is rejected */
    [KB_D_SCHEMA_INVALID] = {"schema-invalid", E, KB_ART_NONE,
                             "the element breaks the schema (schema/*.rng)", 0},
    [KB_D_DEPTH_LIMIT] = {"depth-limit", E, KB_ART_NONE,
                          "elements are nested deeper than 32 levels", 0},
    [KB_D_TEXT_LIMIT] = {"text-limit", E, KB_ART_NONE,
                         "a text or an attribute value is longer than 20,000 characters", 0},
    [KB_D_UNKNOWN_RECORD] = {"unknown-record", E, KB_ART_NONE,
                             "the element is no appointment, nomination, incident or system-plan",
                             0},
    [KB_D_UNIQUE_ID] = {"unique-id", E, KB_ART_NONE,
                        "ids are unique across the organization and every record file "
                        "(incidents and system plans repeat theirs with a higher revision)",
                        0},
    [KB_D_RESERVED_ID] = {"reserved-id", E, KB_ART_NONE,
                          "a record id is not one of kobun's own names in the output directory "
                          "(manifest.xml, register.sqlite and its -wal/-shm/-journal, structure, "
                          "monthly)",
                          0},
    [KB_D_REF_PERSON] = {"ref-person", E, KB_ART_NONE,
                         "a person reference names a person of the organization", 0},
    [KB_D_REF_UNIT] = {"ref-unit", E, KB_ART_NONE,
                       "a unit reference names a department or division of the organization", 0},
    [KB_D_REF_BODY] = {"ref-body", E, KB_ART_NONE,
                       "a body reference names a subcommittee or working group of the organization",
                       0},
    [KB_D_REF_SYSTEM] = {"ref-system", E, KB_ART_NONE,
                         "a system reference names an information system of the organization", 0},
    [KB_D_REF_AUTHORITY] = {"ref-authority", E, KB_ART_NONE,
                            "<sent to=\"\"> names an authority of organization.xml", 0},
    [KB_D_PERSONS_LIMIT] = {"persons-limit", E, KB_ART_NONE,
                            "personal-records is a number of persons from 0 to 10,000,000,000", 0},
    [KB_D_BAD_INSTANT] = {"bad-instant", E, KB_ART_NONE, "an at=\"\" names a real date and time",
                          0},
    [KB_D_BAD_DATE] = {"bad-date", E, KB_ART_NONE,
                       "a date=\"\" (until, issued, on) is on or after 1873-01-01", 0},
    [KB_D_UNTIL_BEFORE_DATE] = {"until-before-date", E, KB_ART_NONE,
                                "a nomination's until=\"\" is not before its date=\"\"", 0},
    [KB_D_NUMBER_YEAR] = {"number-year", E, KB_ART_NONE,
                          "a document keeps the fiscal year of its 文書番号: one numbered in "
                          "one year is not re-dated into another",
                          0},
    [KB_D_REVISION_ORDER] = {"revision-order", E, KB_ART_INCIDENT_REPORT,
                             "the revisions of an incident or system plan run 1, 2, 3 … with no "
                             "gap, each dated on or after the one before",
                             0},
    [KB_D_DATE_BASE] = {"date-base", E, KB_ART_NONE,
                        "a record is dated on or after the organization's base-date", 0},

    /* errors: the rules of the regulation */
    [KB_D_CIO_VACANT] =
        {"cio-vacant", E, KB_ART_CIO,
         "記録の日にCIO（function=\"policy-planning\" の部を担当する副市長）が在任している", RULE},
    [KB_D_CIO_ASSISTANT_TERM] = {"cio-assistant-term", E, KB_ART_CIO_ASSISTANT,
                                 "CIO補佐官の任期の終わりは任命日より後である", RULE},
    /* info-officer and info-manager (and cio for a charge): rules.c cites the one that applies. */
    [KB_D_APPOINTMENT_UNIT_KIND] = {"appointment-unit-kind", E, KB_ART_INFO_OFFICER,
                                    "部長級の職は部等に、課長級・職員の職は課等に置かれる", RULE},
    [KB_D_APPOINTMENT_LEAVES] = {"appointment-leaves", E, KB_ART_NONE,
                                 "leaves= で離れる所属に、その日まで職を持っている", RULE},
    [KB_D_DX_NOMINEE_STAFF] = {"dx-nominee-staff", E, KB_ART_DX_PROMOTER,
                               "DX推進員は課等の職員から指名する", RULE},
    [KB_D_DX_NOMINATOR] = {"dx-nominator", E, KB_ART_DX_PROMOTER,
                           "DX推進員を指名するのはその課等の情報管理者（課長）", RULE},
    [KB_D_SUBCOMMITTEE_BODY] = {"subcommittee-body", E, KB_ART_SUBCOMMITTEE,
                                "部会員・部会長の指名先は部会である", RULE},
    [KB_D_SUBCOMMITTEE_NOMINATOR] = {"subcommittee-nominator", E, KB_ART_SUBCOMMITTEE_MEMBER,
                                     "部会員を指名するのは委員長（CIO）", RULE},
    [KB_D_SUBCOMMITTEE_NOMINEE] =
        {"subcommittee-nominee", E, KB_ART_SUBCOMMITTEE_MEMBER,
         "部会員はネットワーク管理者・システム業務管理者・情報管理者から指名する", RULE},
    [KB_D_SUBCOMMITTEE_CHAIR_NOMINATOR] = {"subcommittee-chair-nominator", E,
                                           KB_ART_SUBCOMMITTEE_CHAIR,
                                           "部会長を指名するのは委員長（CIO）", RULE},
    [KB_D_SUBCOMMITTEE_CHAIR_MEMBER] = {"subcommittee-chair-member", E, KB_ART_SUBCOMMITTEE_CHAIR,
                                        "部会長は部会員のうちから指名する", RULE},
    [KB_D_WG_BODY] = {"wg-body", E, KB_ART_WORKING_GROUP,
                      "ワーキング会議の構成員・座長の指名先はワーキング会議である", RULE},
    [KB_D_WG_NOMINATOR] = {"wg-nominator", E, KB_ART_WG_MEMBER,
                           "構成員を指名するのは親部会の部会長又は部会員", RULE},
    [KB_D_WG_CONVENER_NOMINATOR] = {"wg-convener-nominator", E, KB_ART_WG_CONVENER,
                                    "座長を指名するのは親部会の部会長", RULE},
    [KB_D_WG_CONVENER_MEMBER] = {"wg-convener-member", E, KB_ART_WG_CONVENER,
                                 "座長はワーキング会議の構成員のうちから指名する", RULE},
    [KB_D_CSIRT_NOMINATOR] = {"csirt-nominator", E, KB_ART_CSIRT, "CSIRT構成員を指名するのはCIO",
                              RULE},
    [KB_D_CSIRT_NOMINEE] =
        {"csirt-nominee", E, KB_ART_CSIRT,
         "CSIRT構成員は情報統括管理者・情報責任者・ネットワーク管理者・情報管理者・"
         "システム業務管理者から指名する",
         RULE},
    [KB_D_SELF_NOMINATION] = {"self-nomination", E, KB_ART_NONE, "指名者と被指名者は別の人である",
                              RULE},
    [KB_D_INCIDENT_RECOGNIZED_ORDER] = {"incident-recognized-order", E, KB_ART_INCIDENT_REPORT,
                                        "認知日時は発生日時より前にならない", RULE},
    [KB_D_INCIDENT_DIVISION] = {"incident-division", E, KB_ART_INCIDENT_REPORT,
                                "発生部署は課等である", RULE},
    [KB_D_PLAN_PLANNER] = {"plan-planner", E, KB_ART_SYSTEM_PLAN,
                           "情報システムを企画するのは所管課の課長", RULE},
    [KB_D_PLAN_SYSTEM] =
        {"plan-system", E, KB_ART_SYSTEM_PLAN_RENEWAL,
         "更新・改修はシステム業務管理者が所管する（その課の）既存システムについて行う", RULE},
    [KB_D_PLAN_CONFORMITY] = {"plan-conformity", E, KB_ART_SYSTEM_PLAN,
                              "情報システム最適化指針への適合を記載する", RULE},
    [KB_D_PLAN_DECISION_CIO] = {"plan-decision-cio", E, KB_ART_SYSTEM_PLAN,
                                "協議への承認はCIOが行う", RULE},
    [KB_D_PLAN_DECISION_DATE] = {"plan-decision-date", E, KB_ART_SYSTEM_PLAN,
                                 "承認の日は協議の日より前にならない", RULE},

    /* errors: a document is not produced */
    [KB_D_TEMPLATE_LOAD] = {"template-load", E, KB_ART_NONE, "a template cannot be loaded", ENV},
    [KB_D_TEMPLATE_ERROR] = {"template-error", E, KB_ART_NONE,
                             "libxslt reports an error in a template", ENV},
    [KB_D_TEMPLATE_FAILED] = {"template-failed", E, KB_ART_NONE, "a template failed on its context",
                              ENV},
    [KB_D_TREE_INVALID] =
        {"tree-invalid", E, KB_ART_NONE,
         "a document tree breaks kobun's typesetting vocabulary (schema/document.rng)", 0},
    [KB_D_LAYOUT] = {"layout", E, KB_ART_NONE, "a document tree asks for what the layout cannot do",
                     ENV},
    [KB_D_NO_DOCUMENT] = {"no-document", E, KB_ART_NONE, "a template produced no <document>", ENV},
    [KB_D_NOT_PRODUCED] = {"not-produced", E, KB_ART_NONE, "a document due was not produced", ENV},

    /* fatal: the command line */
    [KB_D_USAGE] = {"usage", F, KB_ART_NONE, "the command line is not one kobun --help describes",
                    0},
    [KB_D_MONTH_AHEAD] = {"month-not-begun", F, KB_ART_NONE, "the month of a report has not begun",
                          0},
    [KB_D_MONTH_NOT_ENDED] = {"month-not-ended", F, KB_ART_NONE,
                              "the month of a report has not ended (monthly --draft makes a draft)",
                              0},
    [KB_D_MONTH_BEFORE_BASE] = {"month-before-base", F, KB_ART_NONE,
                                "the month of a report ends before the organization's base-date",
                                0},
    [KB_D_ROSTER_DATE] = {"roster-date-before-base", F, KB_ART_NONE,
                          "the roster date is before the organization's base-date", 0},
    [KB_D_NO_REGISTER] = {"no-register", F, KB_ART_NONE, "there is no register to list", 0},
    [KB_D_REGISTER_LOST] = {"register-lost", F, KB_ART_NONE,
                            "the register is missing or empty, but the output directory holds "
                            "issued documents (--new-register starts numbering again)",
                            0},
    [KB_D_INPUT_UNREADABLE] = {"input-unreadable", F, KB_ART_NONE,
                               "an INPUT argument cannot be read", 0},
    [KB_D_NO_ORG] = {"no-organization", F, KB_ART_NONE, "no organization.xml is given or found", 0},
    [KB_D_PNG_PROTECTED] = {"png-protected", F, KB_ART_NONE,
                            "a document that must be protected cannot be previewed as PNG", 0},
    [KB_D_PASSWORD_MISSING] = {"password-missing", F, KB_ART_NONE,
                               "protected output needs a user and an owner password", 0},
    [KB_D_PASSWORD_SAME] = {"password-same", F, KB_ART_NONE,
                            "the owner password differs from the user password", 0},
    [KB_D_PASSWORD_FILE] = {"password-file", F, KB_ART_NONE, "the password file cannot be read", 0},
    [KB_D_PASSWORD_FORM] = {"password-form", F, KB_ART_NONE,
                            "a password is longer than the 32 bytes PDF encryption uses, holds "
                            "a NUL byte, or the password file is not two short lines",
                            0},

    /* fatal: the organization */
    [KB_D_ORG_INVALID] = {"org-invalid", F, KB_ART_NONE,
                          "the organization is not valid: nothing can be judged or rendered", 0},
    [KB_D_ORG_FUNCTION_UNIQUE] = {"org-function-unique", F, KB_ART_NONE,
                                  "each function names one unit", 0},
    [KB_D_ORG_POST_UNIT] =
        {"org-post-unit", F, KB_ART_NONE,
         "部長級の職は部等に、課長級・職員の職は課等に、副市長の担当は部等に置く", 0},
    [KB_D_ORG_POST_HOLDER] = {"org-post-holder", F, KB_ART_NONE,
                              "a head post has one holder on the base-date", 0},
    [KB_D_ORG_INFO_POLICY] = {"org-information-policy", F, KB_ART_DOC_HANDLING,
                              "one division has function=\"information-policy\" (情報政策課)", 0},
    [KB_D_ORG_UNIQUE_ID] = {"org-unique-id", F, KB_ART_NONE,
                            "the ids of the organization are unique", 0},
    [KB_D_ORG_STANDING_DATE] = {"org-standing-date", F, KB_ART_NONE,
                                "a standing nomination is dated on or before the base-date", 0},
    [KB_D_ORG_ARTICLE_KEY] = {"org-article-key", F, KB_ART_NONE,
                              "<regulation><article key=\"\"> names a provision kobun knows, once",
                              0},
    [KB_D_ORG_AUTHORITY_WHEN] = {"org-authority-when", F, KB_ART_INCIDENT_REPORT,
                                 "when=\"\" is for a prefecture or ministry; the law decides "
                                 "the reports to the privacy commission",
                                 0},

    /* fatal: the environment */
    [KB_D_OUTPUT] = {"output-unwritable", F, KB_ART_NONE,
                     "an output file or directory cannot be written", 0},
    [KB_D_DATADIR] = {"datadir", F, KB_ART_NONE, "kobun's data directory is incomplete", ENV},
    [KB_D_SCHEMA_LOAD] = {"schema-load", F, KB_ART_NONE, "one of kobun's schemas cannot be loaded",
                          ENV},
    [KB_D_FONTCONFIG] = {"fontconfig", F, KB_ART_NONE,
                         "kobun's font configuration cannot be loaded", ENV},
    [KB_D_FONT_MISSING] = {"font-missing", F, KB_ART_NONE, "an IPAex font is not installed", ENV},
    [KB_D_REGISTER] = {"register", F, KB_ART_NONE, "the document-number register (SQLite) fails",
                       ENV},
    [KB_D_CAIRO] = {"cairo", F, KB_ART_NONE, "cairo cannot write the document", ENV},
    [KB_D_HARU_FONT] = {"haru-font", F, KB_ART_NONE, "libharu cannot embed a font", ENV},
    [KB_D_HARU_GLYPHS] =
        {"haru-glyph-limit", F, KB_ART_NONE,
         "a document shows more glyph forms of one font than libharu's 16-bit codes hold", ENV},
    [KB_D_HARU] = {"haru", F, KB_ART_NONE, "libharu cannot write the document", ENV},
    [KB_D_NOMEM] = {"out-of-memory", F, KB_ART_NONE, "memory is exhausted", ENV},
    [KB_D_WORKER] = {"worker", F, KB_ART_NONE,
                     "a worker process of build --jobs was lost (killed, or out of memory)", ENV},
};

#undef N
#undef W
#undef E
#undef F
#undef RULE
#undef ENV

static int counts[KB_FATAL + 1];
static int code_counts[KB_D__MAX];
static kb_buf *capture;
static kb_buf *journal; /* a worker's diagnostics, for its parent (kb_diag_journal) */
static int quiet;
static char *const *profile; /* borrowed: the organization's citations, or NULL */

static const char *const sevname[] = {"note", "warning", "error", "error"};

const struct kb_diag_entry *
kb_diag_entry(enum kb_dcode code)
{
	assert(code < KB_D__MAX);
	return &catalogue[code];
}

enum kb_dcode
kb_diag_find(const char *id)
{
	for (int i = 0; id != NULL && i < KB_D__MAX; i++)
		if (catalogue[i].id != NULL && strcmp(catalogue[i].id, id) == 0)
			return (enum kb_dcode)i;
	return KB_D__MAX;
}

/* Sends one finished line to the capture buffer or stderr. */
static void
emit(const char *line, int printed)
{
	if (capture != NULL)
		kb_buf_puts(capture, line);
	else if (printed)
		fputs(line, stderr);
}

void
kb_diag_set_profile(char *const *cite)
{
	profile = cite;
}

char *const *
kb_diag_profile(void)
{
	return profile;
}

/*
 * Appends s to out with every control character but tab and newline
 * written as <U+0085>: an id or a value from a record may hold C0 or C1
 * controls (U+0085 NEL ends a line on some terminals, U+009B is a CSI
 * that can rewrite them), and a diagnostic line must show what is there,
 * not act on it. Bytes that are not such a character are copied as they are.
 */
static void
put_visible(kb_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *from = p;

	for (; *p != '\0'; p++) {
		unsigned c = *p;
		int len = 1;

		if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			c = p[1], len = 2;
		else if ((c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n')
			continue;
		kb_buf_put(out, (const char *)from, (size_t)(p - from));
		kb_buf_printf(out, "<U+%04X>", c);
		p += len - 1;
		from = p + 1;
	}
	kb_buf_put(out, (const char *)from, (size_t)(p - from));
}

static void
report(enum kb_dcode code, const struct kb_loc *loc, enum kb_art art, const char *fmt, va_list ap)
{
	const struct kb_diag_entry *e;
	const char *article;
	kb_buf b = {0}, line = {0};

	assert(code < KB_D__MAX && catalogue[code].id != NULL);
	e = &catalogue[code];
	if (journal == NULL) {
		counts[e->sev]++;
		code_counts[code]++;
		if (e->sev == KB_NOTE && quiet && capture == NULL)
			return;
	}
	article = kb_art_cite(profile, art != KB_ART_NONE ? art : e->article);
	if (loc != NULL && loc->file != NULL) {
		if (loc->line > 0)
			kb_buf_printf(&b, "%s:%ld: ", loc->file, loc->line);
		else
			kb_buf_printf(&b, "%s: ", loc->file);
	} else
		kb_buf_puts(&b, "kobun: ");
	kb_buf_printf(&b, "%s: [%s] ", sevname[e->sev], e->id);
	if (article != NULL)
		kb_buf_printf(&b, "%s: ", article);
	kb_buf_vprintf(&b, fmt, ap);
	if (loc != NULL && loc->record != NULL)
		kb_buf_printf(&b, " (%s)", loc->record);
	put_visible(&line, b.data);
	kb_buf_puts(&line, "\n");
	if (journal != NULL)
		kb_buf_printf(journal, "%d %zu\n%s", (int)code, line.len, line.data);
	else
		emit(line.data, !(e->sev == KB_NOTE && quiet));
	kb_buf_free(&b), kb_buf_free(&line);
}

void
kb_diagc(enum kb_dcode code, const struct kb_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(code, loc, KB_ART_NONE, fmt, ap);
	va_end(ap);
}

void
kb_diagc_art(enum kb_dcode code, const struct kb_loc *loc, enum kb_art article, const char *fmt,
             ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(code, loc, article, fmt, ap);
	va_end(ap);
}

void
kb_diag_nomem(void)
{
	static const char tail[] = "] out of memory\n";
	const char *id = catalogue[KB_D_NOMEM].id;

	/* No allocation and no stdio buffer: the heap is what failed. */
	counts[KB_FATAL]++;
	code_counts[KB_D_NOMEM]++;
	if (write(2, "kobun: error: [", 15) < 0 || write(2, id, strlen(id)) < 0 ||
	    write(2, tail, sizeof(tail) - 1) < 0)
		return;
}

void
kb_diag_text(const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kb_buf_puts(&b, "\n");
	emit(b.data, 1);
	kb_buf_free(&b);
}

void
kb_diag_progress(const char *fmt, ...)
{
	va_list ap;

	fputs("\r", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void
kb_diag_progress_end(void)
{
	fputs("\r\033[K", stderr);
}

int
kb_diag_count(enum kb_sev sev)
{
	return counts[sev];
}

int
kb_diag_count_code(enum kb_dcode code)
{
	assert(code < KB_D__MAX);
	return code_counts[code];
}

int
kb_diag_exit_status(void)
{
	if (counts[KB_FATAL])
		return 2;
	if (counts[KB_ERROR])
		return 1;
	return 0;
}

void
kb_diag_reset(void)
{
	memset(counts, 0, sizeof(counts));
	memset(code_counts, 0, sizeof(code_counts));
}

void
kb_diag_capture(struct kb_buf *b)
{
	capture = b;
}

void
kb_diag_set_quiet(int q)
{
	quiet = q;
}

void
kb_diag_journal(struct kb_buf *b)
{
	journal = b;
}

int
kb_diag_replay(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while (p < end) {
		int code, used;
		size_t n;
		const struct kb_diag_entry *e;
		char *line;
		if (sscanf(p, "%d %zu\n%n", &code, &n, &used) != 2 || code < 0 ||
		    code >= KB_D__MAX || catalogue[code].id == NULL || n > (size_t)(end - p - used))
			return -1;
		p += used;
		e = &catalogue[code];
		counts[e->sev]++;
		code_counts[code]++;
		line = kb_strndup(p, n);
		if (!(e->sev == KB_NOTE && quiet && capture == NULL))
			emit(line, !(e->sev == KB_NOTE && quiet));
		free(line);
		p += n;
	}
	return 0;
}
