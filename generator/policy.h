/* policy.h — the incident policy of spec/documents.md: authorities addressed, PPC duty, deadlines,
 * press decision, report numbering. */
#ifndef KB_POLICY_H
#define KB_POLICY_H

#include <stddef.h>

#include "model.h"

struct kb_input;
struct kb_org;
struct kb_record;

/* What an incident (one revision) calls for. */
struct kb_incident_policy {
	int severity; /* 1..4 */
	enum kb_category category;
	enum kb_status status;
	int revision;   /* 1, 2, ... */
	int final;      /* status="resolved": this revision is the 最終報 */
	char label[32]; /* "第1報", "第2報", "最終報"; "第1報（最終報）" when both */
	struct kb_date recognized; /* K: the day the incident was recognised (JST) */
	struct kb_date issue;      /* the day this revision's reports are issued */
	int ppc;                   /* 個人情報保護法第68条: a report to the PPC is due */
	int my_number;             /* 特定個人情報 involved */
	int unauthorized;          /* 不正の目的によるおそれ: 確報 within 60 days */
	int64_t personal_records;
	struct kb_date due_cio;        /* CIO report: K */
	struct kb_date due_pref;       /* prefecture 第1報: K */
	struct kb_date ppc_quick;      /* PPC 速報 target: K+3 */
	struct kb_date ppc_quick_late; /* overdue after K+5 */
	struct kb_date ppc_final;      /* PPC 確報: K+29, or K+59 when unauthorized */
	int press;                     /* a press-release draft is made */
	const char *press_why;         /* why (or why not), in Japanese */
	enum kb_disclosure decision;
	int *authorities; /* indices into org->authorities addressed by letter (owned) */
	int nauthorities;
};

/*
 * Applies the policy to incident revision r (its typed fields, r->inc) as
 * of its issue date. The PPC (kind privacy-commission) is never addressed
 * by letter: it gets the ppc-report-sheet when ppc is set. The resolve
 * pass stores the result on the record (r->res.policy); later stages
 * read it there. Returns a policy the caller frees with kb_policy_free.
 */
struct kb_incident_policy *kb_policy_incident(const struct kb_org *org, const struct kb_record *r);
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

/*
 * States of a deadline as of a date: done in time, done after it, not
 * done and not yet due, not done and past due.
 */
enum kb_due_state { KB_DUE_MET, KB_DUE_MET_LATE, KB_DUE_PENDING, KB_DUE_OVERDUE };

/*
 * The state of a deadline whose last day allowed is due, for a report
 * done on done (NULL or y == 0 when not done; a day after asof counts as
 * not done yet), as of date asof.
 */
enum kb_due_state kb_policy_due_state(const struct kb_date *due, const struct kb_date *done,
                                      const struct kb_date *asof);
/* "済" / "済（期限後）" / "期限内" / "期限超過" */
const char *kb_policy_due_name(enum kb_due_state s);

/* What an incident owes (spec/documents.md, Deadlines). */
enum kb_duty_kind {
	KB_DUTY_CIO,       /* incident-report: a revision's report to the CIO */
	KB_DUTY_AUTHORITY, /* incident-report: a revision's report to an authority */
	KB_DUTY_PPC_QUICK, /* 個人情報保護法第68条第1項: the PPC 速報 */
	KB_DUTY_PPC_FINAL  /* 個人情報保護法第68条第1項: the PPC 確報 */
};

/* One duty of an incident with its deadline, as of a date. */
struct kb_duty {
	enum kb_duty_kind kind;
	int authority;     /* index into org authorities (the PPC for PPC duties), or -1 */
	int revision;      /* the report's revision: 1 for the 第1報, 速報 and 確報 */
	const char *label; /* "第1報", "第2報", "最終報" (static or the revision's policy) */
	int scheduled;     /* no rule sets the deadline: due is the report's own issue day */
	struct kb_date due;  /* the day printed (期限目安) */
	struct kb_date late; /* the last day still in time: due, or K+5 for the 速報 */
	struct kb_date done; /* the day it was done, on or before the date judged; y == 0: not */
	const char *ref;     /* the <sent ref=""> (受付番号) that did it, or NULL (borrowed) */
	enum kb_due_state state;
};

/*
 * The day duty d (its kind, authority and revision) of incident id was
 * done as of asof, y == 0 when it was not: the earliest of
 *   - a <sent> in any accepted revision of id that reports it (to its
 *     authority; report="preliminary" is the 速報 or the 第1報,
 *     report="final" the 確報 or the 最終報, revision="N" the 第N報),
 *     dated on or before asof and visible to audience aud;
 *   - for a report kobun itself issues (the CIO's and an addressed
 *     authority's letter of revision N), the issue day of that document
 *     when on or before asof.
 * *ref (may be NULL) gets the ref="" of the <sent> that counted, or NULL.
 */
struct kb_date kb_policy_done(const struct kb_input *in, const char *id, const struct kb_duty *d,
                              enum kb_audience aud, const struct kb_date *asof, const char **ref);

/*
 * The duties of incident revision r (whose policy states the facts) as of
 * asof, each with its deadline, the day it was done (kb_policy_done, for
 * audience aud) and its state: the CIO's 第1報 and the prefecture's 第1報
 * (due K), the PPC 速報 and 確報 when the PPC duty is met, then the
 * reports of revision r to the authorities it addresses that no rule
 * dates (scheduled: due on their issue day). Returns the count; *out is
 * an array the caller frees.
 */
size_t kb_policy_duties(const struct kb_input *in, const struct kb_record *r, enum kb_audience aud,
                        const struct kb_date *asof, struct kb_duty **out);

/* The duty's kind in context documents: "cio", "prefecture", "authority", "ppc-quick", "ppc-final".
 */
const char *kb_policy_duty_kind(const struct kb_org *org, const struct kb_duty *d);
/* "CIOへの第1報", "京都府への第1報", "個人情報保護委員会への速報"; the caller frees. */
char *kb_policy_duty_what(const struct kb_org *org, const struct kb_duty *d);
/* How its deadline is reckoned: "認知当日", "認知から3日（5日を超えると遅延）", ... */
const char *kb_policy_duty_note(const struct kb_duty *d, const struct kb_incident_policy *p);
/*
 * The provision that imposes it: the regulation's incident-report as org's
 * profile cites it, or "個人情報保護法第68条第1項"; borrowed from org or static.
 */
const char *kb_policy_duty_article(const struct kb_org *org, const struct kb_duty *d);

#endif
