/* model.h — the organization and the records as loaded: plain data every later stage reads. */
#ifndef KB_MODEL_H
#define KB_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "articles.h"
#include "wareki.h"

struct _xmlDoc;
struct _xmlNode;

/* Where a piece of input came from. file points into kb_input's file table. */
struct kb_src {
	const char *file;
	long line;
};

enum kb_rank {
	KB_RANK_MAYOR,
	KB_RANK_VICE_MAYOR,
	KB_RANK_DEPT_HEAD,
	KB_RANK_DIV_HEAD,
	KB_RANK_STAFF
};

/* The roles of the regulation (provisions cio to csirt, articles.h); their printed names are
 * kb_role_info (roles.h). */
enum kb_role {
	KB_ROLE_CIO,           /* cio: the vice-mayor in charge of policy planning */
	KB_ROLE_CIO_ASSISTANT, /* cio-assistant: by explicit appointment */
	KB_ROLE_CHIEF_MANAGER, /* chief-manager: 情報統括管理者 = head of policy planning */
	KB_ROLE_INFO_OFFICER,  /* info-officer: 情報責任者 of a department (its head) */
	KB_ROLE_INFO_MANAGER,  /* info-manager: 情報管理者 of a division (its head) */
	KB_ROLE_DX_PROMOTER,   /* dx-promoter: DX推進員 of a division, by nomination */
	KB_ROLE_NETWORK_MANAGER,  /* network-manager: head of the information-policy division */
	KB_ROLE_SYSTEM_MANAGER,   /* system-manager: head of the division a system serves */
	KB_ROLE_COMMITTEE_CHAIR,  /* committee-chair: 委員長 = CIO */
	KB_ROLE_COMMITTEE_VICE,   /* committee-vice-chair: 副委員長 = 情報統括管理者 */
	KB_ROLE_COMMITTEE_MEMBER, /* committee-member: CIO, 情報統括管理者, 情報責任者 */
	KB_ROLE_SUBCOMMITTEE_MEMBER, /* subcommittee-member */
	KB_ROLE_SUBCOMMITTEE_CHAIR,  /* subcommittee-chair */
	KB_ROLE_WG_MEMBER,           /* working-group-member */
	KB_ROLE_WG_CONVENER,         /* working-group-convener */
	KB_ROLE_CSIRT_MEMBER,        /* csirt */
	KB_ROLE_COUNT
};

/* The kinds of nomination (spec/input-format.md); KB_NOM_NONE for a kind the schema refused. */
enum kb_nom_kind {
	KB_NOM_NONE = -1,
	KB_NOM_DX_PROMOTER,         /* dx-promoter (provision dx-promoter) */
	KB_NOM_SUBCOMMITTEE_MEMBER, /* subcommittee-member (provision subcommittee-member) */
	KB_NOM_SUBCOMMITTEE_CHAIR,  /* subcommittee-chair (provision subcommittee-chair) */
	KB_NOM_WG_MEMBER,           /* working-group-member (provision working-group-member) */
	KB_NOM_WG_CONVENER,         /* working-group-convener (provision working-group-convener) */
	KB_NOM_CSIRT_MEMBER,        /* csirt-member (provision csirt) */
	KB_NOM_COUNT
};

/* The one table of nomination kinds, indexed by enum kb_nom_kind. */
extern const struct kb_nom_kind_info {
	const char *name;    /* in the input: "dx-promoter" */
	enum kb_art article; /* the provision that empowers the nominator (KB_ART_DX_PROMOTER) */
	enum kb_role nominator; /* who nominates: 情報管理者, 委員長, 部会長 (or 部会員), CIO */
	enum kb_role role; /* the role granted */
	const char *title; /* the role as notices name it: "DX推進員", "構成員" */
} kb_nom_kinds[KB_NOM_COUNT];

/* The kind called name in the input, or KB_NOM_NONE. */
enum kb_nom_kind kb_nom_kind_parse(const char *name);
/* The kind that grants role by nomination, or KB_NOM_NONE. */
enum kb_nom_kind kb_nom_kind_granting(enum kb_role role);

/*
 * Audiences, from the widest to the narrowest (spec/documents.md). An
 * element inside an incident labelled audience="authorities" or "cio"
 * may reach only documents of that audience or a narrower one; no label
 * is public. KB_AUD_INTERNAL is the audience of internal notices only.
 */
enum kb_audience { KB_AUD_PUBLIC, KB_AUD_AUTHORITIES, KB_AUD_INTERNAL, KB_AUD_CIO };

struct _xmlNode;
/*
 * The audience an element's audience="" label allows (no label: public;
 * an unknown label: the narrowest).
 */
enum kb_audience kb_audience_label(const struct _xmlNode *n);

/* ---- incidents ---------------------------------------------------------------- */

enum kb_category {
	KB_CAT_MALWARE,
	KB_CAT_UNAUTHORIZED_ACCESS,
	KB_CAT_INFORMATION_LEAK,
	KB_CAT_LOSS_THEFT,
	KB_CAT_MISDELIVERY,
	KB_CAT_MISCONFIGURATION,
	KB_CAT_SERVICE_OUTAGE,
	KB_CAT_OTHER,
	KB_CAT_COUNT
};
/* Input names of enum kb_category ("malware", ...). */
extern const char *const kb_category_names[KB_CAT_COUNT];

enum kb_status { KB_STATUS_OPEN, KB_STATUS_CONTAINED, KB_STATUS_RESOLVED };
/* Input names of enum kb_status. */
extern const char *const kb_status_names[3];

/* <disclosure decision="">; KB_DISCLOSE_AUTO also when there is no <disclosure>. */
enum kb_disclosure { KB_DISCLOSE_AUTO, KB_DISCLOSE_PUBLISH, KB_DISCLOSE_WITHHOLD };

/*
 * Every typed field below that comes from an element of the incident
 * keeps that element's audience: the narrowest of its own label and the
 * labels of the elements around it inside the incident (a <system> in a
 * <systems audience="cio"> is cio), so a later stage can tell whether a
 * value derived from it may be shown to a document's audience.
 */

/* An instant (<occurred>, <recognized>, a timeline <event>). */
struct kb_instant {
	int valid;          /* at="" is present and a real instant */
	long long at;       /* minutes since 1970-01-01T00:00Z when valid */
	char *text;         /* at="" as written, or NULL when absent (owned) */
	struct kb_date day; /* the date part as written; y == 0 when absent or invalid */
	enum kb_audience audience;
	struct kb_src src;
};

/* A text child (<title>, <summary>, ...): present when text != NULL. */
struct kb_text {
	char *text; /* its text content, paragraphs run together (owned); NULL when absent */
	enum kb_audience audience;
	struct kb_src src;
};

/* One <system ref=""/> of <systems>. */
struct kb_inc_system {
	int system; /* index into org systems */
	enum kb_audience audience;
};

/* <impact>: all default to false / 0. */
struct kb_impact {
	int64_t personal_records; /* 本人の数, 0..KB_MAX_PERSONS (load.h) */
	int sensitive;            /* 要配慮個人情報 */
	int property_damage_risk; /* 財産的被害のおそれ */
	int unauthorized_purpose; /* 不正の目的によるおそれ */
	int ordinance_sensitive;  /* 条例要配慮個人情報 */
	int my_number;            /* 特定個人情報 */
	int encrypted;            /* protected by strong encryption */
	int external;             /* outside the city's organisation affected */
	int64_t service_down_minutes;
	enum kb_audience audience;
	struct kb_src src;
};

/* <personal-data>: 個人情報の漏えい等 (its parts may be missing: 要記入). */
struct kb_personal_data {
	int present; /* a <personal-data> element is given */
	enum kb_audience audience;
	struct kb_text items; /* 漏えい等が発生した保有個人情報の項目 */
	struct kb_text secondary_damage; /* 二次被害又はそのおそれの有無及びその内容 */
	struct kb_text persons_notice; /* 本人への対応の実施状況 */
	struct kb_date published;      /* <published on="">; y == 0: not published */
	enum kb_audience published_audience;
};

/* <sent report="">: which report was submitted. */
enum kb_report { KB_REPORT_PRELIMINARY, KB_REPORT_FINAL, KB_REPORT_REVISION };
/* Input names of enum kb_report. */
extern const char *const kb_report_names[3];

/* <sent>: a report actually submitted to an authority. */
struct kb_sent {
	int authority; /* index into org authorities */
	enum kb_report report;
	int revision; /* revision="N", or 0 when not given */
	struct kb_date on;
	char *ref; /* the authority's reference (受付番号), or NULL (owned) */
	enum kb_audience audience;
	struct kb_src src;
};

/* An information-security incident, one revision (spec/input-format.md). */
struct kb_incident {
	int severity; /* 1..4 */
	enum kb_category category;
	enum kb_status status;
	struct kb_date issued; /* issued="": the date this revision's documents carry; y == 0 */
	struct kb_instant occurred;
	struct kb_instant recognized; /* 認知: the record's date is its day */
	int recognized_by;            /* person index, or -1; audience: recognized.audience */
	int division;                 /* unit index where it happened, or -1 */
	enum kb_audience division_audience;
	struct kb_src division_src;
	struct kb_inc_system *systems; /* owned */
	size_t nsystems;
	struct kb_impact impact;
	struct kb_text title, summary, cause, response, prevention, detail;
	struct kb_instant *events; /* the timeline, in document order (owned) */
	size_t nevents;
	int has_disclosure; /* a <disclosure> element is present */
	enum kb_disclosure decision;
	char *decision_reason; /* reason="", or NULL (owned) */
	enum kb_audience disclosure_audience;
	struct kb_personal_data personal;
	struct kb_sent *sent; /* owned */
	size_t nsent;
};

/* ---- system plans --------------------------------------------------------------- */

/* The kinds of system plan (system-plan). */
enum kb_plan_kind { KB_PLAN_NEW, KB_PLAN_RENEWAL, KB_PLAN_MODIFICATION };
/* Input names of enum kb_plan_kind. */
extern const char *const kb_plan_kind_names[3];

/* <decision result="">; KB_DECISION_NONE without a decision. */
enum kb_decision {
	KB_DECISION_NONE,
	KB_DECISION_APPROVED,
	KB_DECISION_REJECTED,
	KB_DECISION_CONDITIONAL
};

/* A system plan (system-plan), one revision. */
struct kb_sysplan {
	enum kb_plan_kind kind;
	int planner;          /* person index, or -1 */
	int division;         /* the planning division (unit index), or -1 */
	int system;           /* the system renewed or modified (index), or -1 */
	int conformity_blank; /* <conformity> holds no text (rule plan-conformity) */
	struct kb_src conformity_src;
	enum kb_decision result;
	struct kb_date decided; /* decision date; y == 0 without a decision */
	int decided_by;         /* person index, or -1 */
	struct kb_src decision_src;
	struct kb_date issued; /* issued="": the date its document carries; y == 0 when absent */
	char *name;            /* <name>, white space collapsed (owned) */
};

/* A department (部 and equivalents) or a division (課 and equivalents). */
struct kb_unit {
	char *id, *name;
	char *kind;     /* department kind as printed ("部", "室"); NULL for divisions */
	int division;   /* 1 for a division */
	int parent;     /* index of the department of a division; -1 for departments */
	char *function; /* "policy-planning", "information-policy", ... or NULL */
	char *phone, *mail;
	char *doc_prefix; /* 文書記号 of its document-code, or NULL */
	struct kb_src src;
};

struct kb_person {
	char *id, *family, *given;
	char *family_kana, *given_kana; /* may be NULL */
	struct kb_src src;
};

/* One post held by one person over [from, to). */
struct kb_post {
	int person; /* index into org persons */
	enum kb_rank rank;
	char *title; /* printed title: 課長, 主事, 副市長 ... */
	int unit;    /* index into org units; -1 for mayor and vice-mayor */
	int *charge; /* vice-mayor: departments in charge (unit indices) */
	size_t ncharge;
	struct kb_date from;
	struct kb_date to; /* first day no longer held; y == 0 while held */
	int by;       /* the appointment that made it (index into in->records), -1 for the base */
	int ended_by; /* the appointment that ended it (index into in->records), or -1 */
	int acting;   /* acting="true": held as 事務取扱 */
	struct kb_src src;
};

struct kb_system {
	char *id, *name;
	int division;
	struct kb_src src;
};

/* A subcommittee (subcommittee) or a working group (working-group). */
struct kb_body {
	char *id, *name;
	int wg;         /* 1 for a working group */
	int parent;     /* working group: its subcommittee (body index); else -1 */
	int *divisions; /* working group: the divisions concerned (unit indices) */
	size_t ndivisions;
	struct kb_src src;
};

struct kb_authority {
	char *id, *kind, *name, *addressee;
	int grave_only; /* when="grave": addressed only for grave incidents (policy.c) */
	struct kb_src src;
};

enum kb_rec_kind { KB_REC_APPOINTMENT, KB_REC_NOMINATION, KB_REC_INCIDENT, KB_REC_SYSTEM_PLAN };

struct kb_incident_policy;

/*
 * What the resolve pass (resolve.c) finds for a record before any rule
 * judges it: the roles its rules and documents ask about, held on the
 * record's date. Rules only judge these; later stages read them. Person
 * fields are indices into org persons, -1 for nobody.
 */
struct kb_resolved {
	int done; /* 1 once resolved (accepted records, in application order) */
	int cio;  /* the CIO on the record's date (cio), or -1 */
	/* nominations */
	int nominee_staff;    /* dx-promoter: the nominee is staff of a division */
	int nominee_div_head; /* the nominee holds a 課長級 post (情報管理者 and the like) */
	int nominee_dept_head; /* the nominee holds a 部長級 post (情報責任者 and the like) */
	int nominee_member; /* subcommittee-chair: 部会員 of body; working-group-convener: 構成員 */
	int parent;         /* working-group kinds: the parent subcommittee (body index), or -1 */
	int parent_chair;            /* working-group kinds: the parent's 部会長, or -1 */
	int nominator_parent_member; /* working-group-member: the nominator is a 部会員 of parent */
	/* appointments */
	int left; /* leaves="UNIT": this appointment ended a post of the appointee */
	/* system plans */
	int division_head; /* the 課長 of the planning division on the plan's date, or -1 */
	int decision_cio;  /* the CIO on the decision date, or -1 */
	/* incidents */
	struct kb_incident_policy *policy; /* the incident policy of this revision (owned) */
};

/*
 * A record: its typed fields, filled once at load, and its element as
 * written (xml), which the context stage parses again to copy what the
 * template may print. No file's tree is kept past its load.
 */
struct kb_record {
	enum kb_rec_kind kind;
	char *id;
	int revision;        /* incidents and system plans; 1 otherwise */
	struct kb_date date; /* the date it applies on (an incident's recognised date) */
	struct kb_src src;
	int order;          /* position in file-name then document order */
	char *xml;          /* the element, serialized; NULL for an unknown record kind */
	int rejected;       /* set by any stage that rejects it */
	int standing;       /* from organization.xml <standing> */
	int schema_invalid; /* the schema reported it: load.c's checks of values the
	                       schema judges too (at="") stay quiet, one error a fault */

	/* appointment and nomination */
	int person;                /* appointment: the appointee; else -1 */
	enum kb_nom_kind nom_kind; /* nomination: its kind */
	int cio_assistant;         /* appointment: role="cio-assistant" (cio-assistant) */
	int nominator, nominee;
	int body;  /* nomination: subcommittee / working group index or -1 */
	int scope; /* dx-promoter: the division (unit index) it serves, once resolved; -1 */
	struct kb_date until;    /* y == 0 when absent */
	struct kb_incident *inc; /* incident: its typed content (owned); else NULL */
	struct kb_sysplan *plan; /* system-plan: its typed content (owned); else NULL */
	struct kb_resolved res;  /* filled by the resolve pass (resolve.c) */
	/* appointment only (person above is the appointee) */
	enum kb_rank post_rank;
	char *post_title;
	int post_unit; /* -1 when none */
	int *post_charge;
	size_t npost_charge;
	int concurrent;
	int acting;   /* acting="true" on the appointment or its post (事務取扱) */
	char *leaves; /* "all" or a unit id, or NULL */
	int has_post;
};

struct kb_org {
	char *file; /* path it was read from */
	char *name, *prefecture;
	struct kb_date base;
	char *regulation; /* the regulation's title (規程名) */
	char *regulation_number;
	char *committee;         /* the committee's name, from <regulation committee="">, or NULL */
	char *cite[KB_ART__MAX]; /* the regulation as a profile: each provision's citation from
	                            <regulation><article key="" cite="">, NULL for the default
	                            (read them with kb_art_cite) */
	struct kb_unit *units;
	size_t nunits;
	struct kb_person *persons;
	size_t npersons;
	struct kb_post *posts; /* base posts, then those appointments add */
	size_t nposts, capposts;
	struct kb_system *systems;
	size_t nsystems;
	struct kb_body *bodies;
	size_t nbodies;
	struct kb_authority *authorities;
	size_t nauthorities;
	/* <policy> */
	char *honorific; /* "様" */
	int digits_full; /* digits="full" */
	int seal_box;    /* seal="box" */
	int era_seireki; /* era="wareki+seireki" */
	int protect_cio;
	double latin_space;      /* latin-space="0.25": 和欧間 in 字; 0 (solid) by default */
	struct kb_org_index *ix; /* ids, and posts per person and unit (orgindex.h; owned) */
	char *register_path; /* register="…" resolved against the organization file's directory, or
	                        NULL */
	char *editable;  /* editable="…": kinds that also get a .docx, space-separated; NULL: the
	                    default (KB_EDITABLE_DEFAULT) */
	char *docx_font; /* docx-font="MINCHO;GOTHIC", or NULL (KB_DOCX_FONT_DEFAULT) */
	char *editable_format; /* editable-format="docx|odt": the copies' format; NULL: docx */
};

/* The kinds that get an editable .docx beside their PDF when <policy editable=""/> is absent. */
#define KB_EDITABLE_DEFAULT "press-release-draft ppc-report-sheet"

/* Everything loaded: the organization and the records of every input file. */
struct kb_input {
	struct kb_org org;
	struct kb_record *records; /* in application order after kb_input_sort */
	size_t nrecords, caprecords;
	char **files; /* every file name read (owned) */
	size_t nfiles, capfiles;
	int files_rejected; /* whole files that could not be read */
};

int kb_unit_find(const struct kb_org *org, const char *id);
int kb_person_find(const struct kb_org *org, const char *id);
int kb_body_find(const struct kb_org *org, const char *id);
int kb_system_find(const struct kb_org *org, const char *id);
/* The unit with this function ("information-policy"), or -1. */
int kb_unit_by_function(const struct kb_org *org, const char *function);

#endif
