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

/* Audiences, from the widest to the narrowest (spec/documents.md). */
enum kb_audience { KB_AUD_PUBLIC, KB_AUD_AUTHORITIES, KB_AUD_INTERNAL, KB_AUD_CIO };

enum kb_rank { KB_RANK_MAYOR, KB_RANK_VICE_MAYOR, KB_RANK_DEPT_HEAD, KB_RANK_DIV_HEAD, KB_RANK_STAFF };

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
	char *kindname;        /* nomination kind ("dx-promoter") or appointment role */
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
