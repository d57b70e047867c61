/* policy.h — the incident policy of spec/documents.md: authorities addressed, PPC duty, deadlines, press decision, report numbering. */
#ifndef KB_POLICY_H
#define KB_POLICY_H

#include <stddef.h>

#include "model.h"

struct kb_org;
struct kb_record;

/* What an incident (one revision) calls for. */
struct kb_incident_policy {
	int severity;             /* 1..4 */
	enum kb_category category;
	enum kb_status status;
	int revision;             /* 1, 2, ... */
	int final;                /* status="resolved": this revision is the 最終報 */
	char label[32];           /* "第1報", "第2報", "最終報"; "第1報（最終報）" when both */
	struct kb_date recognized; /* K: the day the incident was recognised (JST) */
	struct kb_date issue;     /* the day this revision's reports are issued */
	int ppc;                  /* 個人情報保護法第68条: a report to the PPC is due */
	int my_number;            /* 特定個人情報 involved */
	int unauthorized;         /* 不正の目的によるおそれ: 確報 within 60 days */
	int64_t personal_records;
	struct kb_date due_cio;   /* CIO report: K */
	struct kb_date due_pref;  /* prefecture 第1報: K */
	struct kb_date ppc_quick; /* PPC 速報 target: K+3 */
	struct kb_date ppc_quick_late; /* overdue after K+5 */
	struct kb_date ppc_final; /* PPC 確報: K+29, or K+59 when unauthorized */
	int press;                /* a press-release draft is made */
	const char *press_why;    /* why (or why not), in Japanese */
	enum kb_disclosure decision;
	int *authorities;         /* indices into org->authorities addressed by letter (owned) */
	int nauthorities;
};

/*
 * Applies the policy to incident revision r (its typed fields, r->inc) as
 * of its issue date. The PPC (kind privacy-commission) is never addressed
 * by letter: it gets the ppc-report-sheet when ppc is set. The resolve
 * pass stores the result on the record (r->res.policy); later stages
 * read it there. Returns a policy the caller frees with kb_policy_free.
 */
struct kb_incident_policy *kb_policy_incident(const struct kb_org *org,
                                              const struct kb_record *r);
/* Frees a policy and what it owns; NULL is fine. */
void kb_policy_free(struct kb_incident_policy *p);

/*
 * The day incident revision r's documents for audience aud are issued:
 * its issued="" when given (the same for every audience); else the
 * latest day of the timeline events that audience may see (by the
 * audience each typed event keeps), not before the recognised day. A
 * document never takes its date from an event its reader may not know
 * of. The policy's own issue day is the CIO's. (kobun check warns when
 * issued="" is before an event the documents print: rules.c.)
 */
struct kb_date kb_policy_issue_for(const struct kb_record *r, enum kb_audience aud);

/* States of a deadline as of a date. */
enum kb_due_state { KB_DUE_MET, KB_DUE_PENDING, KB_DUE_OVERDUE };

/*
 * The state of a deadline due (last day allowed) for a report done on
 * done (y == 0 when not done yet), as of date asof.
 */
enum kb_due_state kb_policy_due_state(const struct kb_date *due, const struct kb_date *done,
                                      const struct kb_date *asof);
/* "期限内" / "済" / "期限超過" */
const char *kb_policy_due_name(enum kb_due_state s);

#endif
