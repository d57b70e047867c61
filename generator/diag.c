/* diag.c — the catalogue of diagnostics, and the reporter that prints and counts them. */
#include "diag.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
    [KB_D_NO_TEMPLATE] = {"no-template", N, NULL,
                          "the regulation calls for a document kobun has no template for yet", ENV},

    /* warnings */
    [KB_D_PDF_DATE] =
        {"pdf-date", W, NULL,
         "a creation date not of the form YYYY-MM-DDThh:mm:ss+hh:mm: the PDF has none", ENV},
    [KB_D_ISSUED_BEFORE_EVENT] = {"issued-before-event", W, "第14条第4項",
                                  "issued=\"\" は文書が記載する出来事の日より前にならない", 0},
    [KB_D_NO_DOC_CODE] = {"doc-code-missing", W, NULL,
                          "送付する課等（又はその部等）に文書記号 <document-code> がある", 0},
    [KB_D_ISSUED_CHANGED] = {"issued-changed", W, NULL,
                             "an issued document would now read differently: it is kept as "
                             "issued (exit status 1) unless --reissue issues it again as 訂正",
                             0},

    /* errors: a file is unusable */
    [KB_D_FILE_UNREADABLE] = {"file-unreadable", E, NULL, "an input file cannot be read", 0},
    [KB_D_FILE_TOO_LARGE] = {"file-too-large", E, NULL, "an input file is larger than 64 MiB", 0},
    [KB_D_DOCTYPE] = {"doctype", E, NULL,
                      "a DOCTYPE declaration (its entities could read other files) is refused", 0},
    [KB_D_EXTERNAL] = {"external-resource", E, NULL,
                       "an external resource outside kobun's schemas and templates is refused",
                       ENV},
    [KB_D_NOT_WELL_FORMED] = {"not-well-formed", E, NULL, "the file is not well-formed XML", 0},
    [KB_D_ENCODING] = {"encoding", E, NULL,
                       "the file is not UTF-8 (Shift_JIS, UTF-16 or another declared encoding)",
                       0},
    [KB_D_RECORDS_ROOT] = {"records-root", E, NULL,
                           "the root element of a record file is <records version=\"1\">", 0},
    [KB_D_RECORDS_VERSION] = {"records-version", E, NULL,
                              "the record file is of input format version 1", 0},
    [KB_D_STRAY_TEXT] = {"stray-text", E, NULL, "text stands between the records", 0},

    /* errors: a record is rejected */
    [KB_D_SCHEMA_INVALID] = {"schema-invalid", E, NULL,
                             "the element breaks the schema (schema/*.rng)", 0},
    [KB_D_DEPTH_LIMIT] = {"depth-limit", E, NULL, "elements are nested deeper than 32 levels", 0},
    [KB_D_TEXT_LIMIT] = {"text-limit", E, NULL, "a text is longer than 20,000 characters", 0},
    [KB_D_UNKNOWN_RECORD] = {"unknown-record", E, NULL,
                             "the element is no appointment, nomination, incident or system-plan",
                             0},
    [KB_D_UNIQUE_ID] = {"unique-id", E, NULL,
                        "ids are unique across the organization and every record file "
                        "(incidents and system plans repeat theirs with a higher revision)",
                        0},
    [KB_D_REF_PERSON] = {"ref-person", E, NULL,
                         "a person reference names a person of the organization", 0},
    [KB_D_REF_UNIT] = {"ref-unit", E, NULL,
                       "a unit reference names a department or division of the organization", 0},
    [KB_D_REF_BODY] = {"ref-body", E, NULL,
                       "a body reference names a subcommittee or working group of the organization",
                       0},
    [KB_D_REF_SYSTEM] = {"ref-system", E, NULL,
                         "a system reference names an information system of the organization", 0},
    [KB_D_REF_AUTHORITY] = {"ref-authority", E, NULL,
                            "<sent to=\"\"> names an authority of organization.xml", 0},
    [KB_D_PERSONS_LIMIT] = {"persons-limit", E, NULL,
                            "personal-records is a number of persons from 0 to 10,000,000,000",
                            0},
    [KB_D_BAD_INSTANT] = {"bad-instant", E, NULL, "an at=\"\" names a real date and time", 0},
    [KB_D_DATE_BASE] = {"date-base", E, NULL,
                        "a record is dated on or after the organization's base-date", 0},

    /* errors: the rules of the regulation */
    [KB_D_CIO_VACANT] = {"cio-vacant", E, "第3条第1項",
                         "記録の日にCIO（政策企画部を担当する副市長）が在任している", RULE},
    [KB_D_CIO_ASSISTANT_TERM] = {"cio-assistant-term", E, "第4条第1項",
                                 "CIO補佐官の任期の終わりは任命日より後である", RULE},
    [KB_D_APPOINTMENT_UNIT_KIND] = {"appointment-unit-kind", E, "第6条第1項・第7条第1項",
                                    "部長級の職は部等に、課長級・職員の職は課等に置かれる", RULE},
    [KB_D_APPOINTMENT_LEAVES] = {"appointment-leaves", E, NULL,
                                 "leaves= で離れる所属に、その日まで職を持っている", RULE},
    [KB_D_DX_NOMINEE_STAFF] = {"dx-nominee-staff", E, "第8条第2項",
                               "DX推進員は課等の職員から指名する", RULE},
    [KB_D_DX_NOMINATOR] = {"dx-nominator", E, "第8条第2項",
                           "DX推進員を指名するのはその課等の情報管理者（課長）", RULE},
    [KB_D_SUBCOMMITTEE_BODY] = {"subcommittee-body", E, "第12条第1項",
                                "部会員・部会長の指名先は部会である", RULE},
    [KB_D_SUBCOMMITTEE_NOMINATOR] = {"subcommittee-nominator", E, "第12条第2項",
                                     "部会員を指名するのは委員長（CIO）", RULE},
    [KB_D_SUBCOMMITTEE_NOMINEE] =
        {"subcommittee-nominee", E, "第12条第2項",
         "部会員はネットワーク管理者・システム業務管理者・情報管理者から指名する", RULE},
    [KB_D_SUBCOMMITTEE_CHAIR_NOMINATOR] = {"subcommittee-chair-nominator", E, "第12条第3項",
                                           "部会長を指名するのは委員長（CIO）", RULE},
    [KB_D_SUBCOMMITTEE_CHAIR_MEMBER] = {"subcommittee-chair-member", E, "第12条第3項",
                                        "部会長は部会員のうちから指名する", RULE},
    [KB_D_WG_BODY] = {"wg-body", E, "第13条第1項",
                      "ワーキング会議の構成員・座長の指名先はワーキング会議である", RULE},
    [KB_D_WG_NOMINATOR] = {"wg-nominator", E, "第13条第2項",
                           "構成員を指名するのは親部会の部会長又は部会員", RULE},
    [KB_D_WG_CONVENER_NOMINATOR] = {"wg-convener-nominator", E, "第13条第3項",
                                    "座長を指名するのは親部会の部会長", RULE},
    [KB_D_WG_CONVENER_MEMBER] = {"wg-convener-member", E, "第13条第3項",
                                 "座長はワーキング会議の構成員のうちから指名する", RULE},
    [KB_D_CSIRT_NOMINATOR] = {"csirt-nominator", E, "第14条第2項", "CSIRT構成員を指名するのはCIO",
                              RULE},
    [KB_D_CSIRT_NOMINEE] =
        {"csirt-nominee", E, "第14条第2項",
         "CSIRT構成員は情報統括管理者・情報責任者・ネットワーク管理者・情報管理者・"
         "システム業務管理者から指名する",
         RULE},
    [KB_D_SELF_NOMINATION] = {"self-nomination", E, NULL, "指名者と被指名者は別の人である", RULE},
    [KB_D_INCIDENT_RECOGNIZED_ORDER] = {"incident-recognized-order", E, "第14条第4項",
                                        "認知日時は発生日時より前にならない", RULE},
    [KB_D_INCIDENT_DIVISION] = {"incident-division", E, "第14条第4項", "発生部署は課等である",
                                RULE},
    [KB_D_PLAN_PLANNER] = {"plan-planner", E, "第16条第1項",
                           "情報システムを企画するのは所管課の課長", RULE},
    [KB_D_PLAN_SYSTEM] =
        {"plan-system", E, "第16条第2項",
         "更新・改修はシステム業務管理者が所管する（その課の）既存システムについて行う", RULE},
    [KB_D_PLAN_CONFORMITY] = {"plan-conformity", E, "第16条第1項",
                              "情報システム最適化指針への適合を記載する", RULE},
    [KB_D_PLAN_DECISION_CIO] = {"plan-decision-cio", E, "第16条第1項", "協議への承認はCIOが行う",
                                RULE},
    [KB_D_PLAN_DECISION_DATE] = {"plan-decision-date", E, "第16条第1項",
                                 "承認の日は協議の日より前にならない", RULE},

    /* errors: a document is not produced */
    [KB_D_TEMPLATE_LOAD] = {"template-load", E, NULL, "a template cannot be loaded", ENV},
    [KB_D_TEMPLATE_ERROR] = {"template-error", E, NULL, "libxslt reports an error in a template",
                             ENV},
    [KB_D_TEMPLATE_FAILED] = {"template-failed", E, NULL, "a template failed on its context", ENV},
    [KB_D_TREE_INVALID] =
        {"tree-invalid", E, NULL,
         "a document tree breaks kobun's typesetting vocabulary (schema/document.rng)", 0},
    [KB_D_LAYOUT] = {"layout", E, NULL, "a document tree asks for what the layout cannot do", ENV},
    [KB_D_NO_DOCUMENT] = {"no-document", E, NULL, "a template produced no <document>", ENV},
    [KB_D_NOT_PRODUCED] = {"not-produced", E, NULL, "a document due was not produced", ENV},

    /* fatal: the command line */
    [KB_D_USAGE] = {"usage", F, NULL, "the command line is not one kobun --help describes", 0},
    [KB_D_MONTH_AHEAD] = {"month-not-begun", F, NULL, "the month of a report has not begun", 0},
    [KB_D_MONTH_NOT_ENDED] = {"month-not-ended", F, NULL,
                              "the month of a report has not ended (monthly --draft makes a draft)",
                              0},
    [KB_D_MONTH_BEFORE_BASE] = {"month-before-base", F, NULL,
                                "the month of a report ends before the organization's base-date",
                                0},
    [KB_D_ROSTER_DATE] = {"roster-date-before-base", F, NULL,
                          "the roster date is before the organization's base-date", 0},
    [KB_D_NO_REGISTER] = {"no-register", F, NULL, "there is no register to list", 0},
    [KB_D_INPUT_UNREADABLE] = {"input-unreadable", F, NULL, "an INPUT argument cannot be read", 0},
    [KB_D_NO_ORG] = {"no-organization", F, NULL, "no organization.xml is given or found", 0},
    [KB_D_PNG_PROTECTED] = {"png-protected", F, NULL,
                            "a document that must be protected cannot be previewed as PNG", 0},
    [KB_D_PASSWORD_MISSING] = {"password-missing", F, NULL,
                               "protected output needs a user and an owner password", 0},
    [KB_D_PASSWORD_SAME] = {"password-same", F, NULL,
                            "the owner password differs from the user password", 0},
    [KB_D_PASSWORD_FILE] = {"password-file", F, NULL, "the password file cannot be read", 0},

    /* fatal: the organization */
    [KB_D_ORG_INVALID] = {"org-invalid", F, NULL,
                          "the organization is not valid: nothing can be judged or rendered", 0},
    [KB_D_ORG_FUNCTION_UNIQUE] = {"org-function-unique", F, NULL, "each function names one unit",
                                  0},
    [KB_D_ORG_POST_UNIT] =
        {"org-post-unit", F, NULL,
         "部長級の職は部等に、課長級・職員の職は課等に、副市長の担当は部等に置く", 0},
    [KB_D_ORG_POST_HOLDER] = {"org-post-holder", F, NULL,
                              "a head post has one holder on the base-date", 0},
    [KB_D_ORG_INFO_POLICY] = {"org-information-policy", F, "第15条",
                              "one division has function=\"information-policy\" (情報政策課)", 0},
    [KB_D_ORG_UNIQUE_ID] = {"org-unique-id", F, NULL, "the ids of the organization are unique", 0},
    [KB_D_ORG_STANDING_DATE] = {"org-standing-date", F, NULL,
                                "a standing nomination is dated on or before the base-date", 0},

    /* fatal: the environment */
    [KB_D_OUTPUT] = {"output-unwritable", F, NULL, "an output file or directory cannot be written",
                     0},
    [KB_D_DATADIR] = {"datadir", F, NULL, "kobun's data directory is incomplete", ENV},
    [KB_D_SCHEMA_LOAD] = {"schema-load", F, NULL, "one of kobun's schemas cannot be loaded", ENV},
    [KB_D_FONTCONFIG] = {"fontconfig", F, NULL, "kobun's font configuration cannot be loaded", ENV},
    [KB_D_FONT_MISSING] = {"font-missing", F, NULL, "an IPAex font is not installed", ENV},
    [KB_D_REGISTER] = {"register", F, NULL, "the document-number register (SQLite) fails", ENV},
    [KB_D_CAIRO] = {"cairo", F, NULL, "cairo cannot write the document", ENV},
    [KB_D_HARU_FONT] = {"haru-font", F, NULL, "libharu cannot embed a font", ENV},
    [KB_D_HARU_GLYPHS] =
        {"haru-glyph-limit", F, NULL,
         "a document shows more glyph forms of one font than libharu's 16-bit codes hold", ENV},
    [KB_D_HARU] = {"haru", F, NULL, "libharu cannot write the document", ENV},
    [KB_D_NOMEM] = {"out-of-memory", F, NULL, "memory is exhausted", ENV},
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
static int quiet;

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

static void
report(enum kb_dcode code, const struct kb_loc *loc, const char *article, const char *fmt,
       va_list ap)
{
	const struct kb_diag_entry *e;
	kb_buf b = {0};

	assert(code < KB_D__MAX && catalogue[code].id != NULL);
	e = &catalogue[code];
	counts[e->sev]++;
	code_counts[code]++;
	if (e->sev == KB_NOTE && quiet && capture == NULL)
		return;
	if (article == NULL)
		article = e->article;
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
	kb_buf_puts(&b, "\n");
	emit(b.data, !(e->sev == KB_NOTE && quiet));
	kb_buf_free(&b);
}

void
kb_diagc(enum kb_dcode code, const struct kb_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(code, loc, NULL, fmt, ap);
	va_end(ap);
}

void
kb_diagc_art(enum kb_dcode code, const struct kb_loc *loc, const char *article, const char *fmt,
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
