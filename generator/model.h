/* model.h — the organization and the records as loaded: plain data every later stage reads. */
#ifndef KB_MODEL_H
#define KB_MODEL_H

#include <stddef.h>

#include "wareki.h"

struct _xmlDoc;
struct _xmlNode;

/* Where a piece of input came from. file points into kb_input's file table. */
struct kb_src {
	const char *file;
	long line;
};

enum kb_rank { KB_RANK_MAYOR, KB_RANK_VICE_MAYOR, KB_RANK_DEPT_HEAD, KB_RANK_DIV_HEAD, KB_RANK_STAFF };

/* The roles of the regulation (Articles 3–14); their printed names are kb_role_info (roles.h). */
enum kb_role {
	KB_ROLE_CIO,                /* 第3条: the vice-mayor in charge of policy planning */
	KB_ROLE_CIO_ASSISTANT,      /* 第4条: by explicit appointment */
	KB_ROLE_CHIEF_MANAGER,      /* 第5条: 情報統括管理者 = head of policy planning */
	KB_ROLE_INFO_OFFICER,       /* 第6条: 情報責任者 of a department (its head) */
	KB_ROLE_INFO_MANAGER,       /* 第7条: 情報管理者 of a division (its head) */
	KB_ROLE_DX_PROMOTER,        /* 第8条: DX推進員 of a division, by nomination */
	KB_ROLE_NETWORK_MANAGER,    /* 第9条: head of the information-policy division */
	KB_ROLE_SYSTEM_MANAGER,     /* 第10条: head of the division a system serves */
	KB_ROLE_COMMITTEE_CHAIR,    /* 第11条第4項: 委員長 = CIO */
	KB_ROLE_COMMITTEE_VICE,     /* 第11条第5項: 副委員長 = 情報統括管理者 */
	KB_ROLE_COMMITTEE_MEMBER,   /* 第11条第2項: CIO, 情報統括管理者, 情報責任者 */
	KB_ROLE_SUBCOMMITTEE_MEMBER, /* 第12条第2項 */
	KB_ROLE_SUBCOMMITTEE_CHAIR, /* 第12条第3項 */
	KB_ROLE_WG_MEMBER,          /* 第13条第2項 */
	KB_ROLE_WG_CONVENER,        /* 第13条第3項 */
	KB_ROLE_CSIRT_MEMBER,       /* 第14条第2項 */
	KB_ROLE_COUNT
};

/* The kinds of nomination (spec/input-format.md); KB_NOM_NONE for a kind the schema refused. */
enum kb_nom_kind {
	KB_NOM_NONE = -1,
	KB_NOM_DX_PROMOTER,          /* dx-promoter, 第8条第2項 */
	KB_NOM_SUBCOMMITTEE_MEMBER,  /* subcommittee-member, 第12条第2項 */
	KB_NOM_SUBCOMMITTEE_CHAIR,   /* subcommittee-chair, 第12条第3項 */
	KB_NOM_WG_MEMBER,            /* working-group-member, 第13条第2項 */
	KB_NOM_WG_CONVENER,          /* working-group-convener, 第13条第3項 */
	KB_NOM_CSIRT_MEMBER,         /* csirt-member, 第14条第2項 */
	KB_NOM_COUNT
};

/* The one table of nomination kinds, indexed by enum kb_nom_kind. */
extern const struct kb_nom_kind_info {
	const char *name;       /* in the input: "dx-promoter" */
	const char *article;    /* the article that empowers the nominator: "第8条第2項" */
	enum kb_role nominator; /* who nominates: 情報管理者, 委員長, 部会長 (or 部会員), CIO */
	enum kb_role role;      /* the role granted */
	const char *title;      /* the role as notices name it: "DX推進員", "構成員" */
} kb_nom_kinds[KB_NOM_COUNT];

/* The kind called name in the input, or KB_NOM_NONE. */
enum kb_nom_kind kb_nom_kind_parse(const char *name);
/* The kind that grants role by nomination, or KB_NOM_NONE. */
enum kb_nom_kind kb_nom_kind_granting(enum kb_role role);

/* The kinds of system plan (第16条). */
enum kb_plan_kind { KB_PLAN_NEW, KB_PLAN_RENEWAL, KB_PLAN_MODIFICATION };
/* Input names of enum kb_plan_kind. */
extern const char *const kb_plan_kind_names[3];

/* A department (部 and equivalents) or a division (課 and equivalents). */
struct kb_unit {
	char *id, *name;
	char *kind;      /* department kind as printed ("部", "室"); NULL for divisions */
	int division;    /* 1 for a division */
	int parent;      /* index of the department of a division; -1 for departments */
	char *function;  /* "policy-planning", "information-policy", ... or NULL */
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
	int person;         /* index into org persons */
	enum kb_rank rank;
	char *title;        /* printed title: 課長, 主事, 副市長 ... */
	int unit;           /* index into org units; -1 for mayor and vice-mayor */
	int *charge;        /* vice-mayor: departments in charge (unit indices) */
	size_t ncharge;
	struct kb_date from;
	struct kb_date to;  /* first day no longer held; y == 0 while held */
	const char *by;     /* id of the appointment that made it, NULL for the base */
	const char *ended_by; /* id of the appointment that ended it, or NULL */
	struct kb_src src;
};

struct kb_system {
	char *id, *name;
	int division;
	struct kb_src src;
};

/* A subcommittee (第12条) or a working group (第13条). */
struct kb_body {
	char *id, *name;
	int wg;          /* 1 for a working group */
	int parent;      /* working group: its subcommittee (body index); else -1 */
	int *divisions;  /* working group: the divisions concerned (unit indices) */
	size_t ndivisions;
	struct kb_src src;
};

struct kb_authority {
	char *id, *kind, *name, *addressee;
	struct kb_src src;
};

enum kb_rec_kind { KB_REC_APPOINTMENT, KB_REC_NOMINATION, KB_REC_INCIDENT, KB_REC_SYSTEM_PLAN };

/* A record. The XML node stays alive (owned by kb_input) for the context stage. */
struct kb_record {
	enum kb_rec_kind kind;
	char *id;
	int revision;          /* incidents and system plans; 1 otherwise */
	struct kb_date date;   /* the date it applies on (an incident's recognised date) */
	struct kb_src src;
	int order;             /* position in file-name then document order */
	struct _xmlNode *node; /* the element in its file's document */
	int rejected;          /* set by any stage that rejects it */
	int standing;          /* from organization.xml <standing> */

	/* appointment and nomination */
	int person;            /* appointment: the appointee */
	enum kb_nom_kind nom_kind; /* nomination: its kind */
	int cio_assistant;     /* appointment: role="cio-assistant" (第4条) */
	enum kb_plan_kind plan_kind; /* system-plan: new, renewal or modification */
	int nominator, nominee;
	int body;              /* nomination: subcommittee / working group index or -1 */
	int scope;             /* dx-promoter: the division (unit index) it serves, once checked; -1 */
	int system;            /* system-plan: the system renewed or modified (index) or -1 */
	struct kb_date decided; /* system-plan: decision date; y == 0 without a decision */
	struct kb_date until;  /* y == 0 when absent */
	/* appointment only */
	enum kb_rank post_rank;
	char *post_title;
	int post_unit;         /* -1 when none */
	int *post_charge;
	size_t npost_charge;
	int concurrent;
	char *leaves;          /* "all" or a unit id, or NULL */
	int has_post;
};

struct kb_org {
	char *file;            /* path it was read from */
	struct _xmlDoc *doc;
	char *name, *prefecture;
	struct kb_date base;
	char *regulation;      /* the regulation's title (規程名) */
	char *regulation_number;
	char *committee;       /* 第11条 committee's name, from <regulation committee="">, or NULL */
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
	char *honorific;       /* "様" */
	int digits_full;       /* digits="full" */
	int seal_box;          /* seal="box" */
	int era_seireki;       /* era="wareki+seireki" */
	int protect_cio;
};

/* Everything loaded: the organization and the records of every input file. */
struct kb_input {
	struct kb_org org;
	struct kb_record *records; /* in application order after kb_input_sort */
	size_t nrecords, caprecords;
	char **files;              /* every file name read (owned) */
	size_t nfiles, capfiles;
	struct _xmlDoc **docs;     /* record documents (owned) */
	size_t ndocs, capdocs;
	int files_rejected;        /* whole files that could not be read */
};

int kb_unit_find(const struct kb_org *org, const char *id);
int kb_person_find(const struct kb_org *org, const char *id);
int kb_body_find(const struct kb_org *org, const char *id);
int kb_system_find(const struct kb_org *org, const char *id);
/* The unit with this function ("information-policy"), or -1. */
int kb_unit_by_function(const struct kb_org *org, const char *function);

#endif
