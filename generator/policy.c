/* policy.c — the incident reporting and disclosure policy (spec/documents.md, research §2). */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

static struct kb_date
plus(const struct kb_date *d, long days)
{
	struct kb_date r;
	kb_date_from_days(kb_date_to_days(d) + days, &r);
	return r;
}

/*
 * The issue day of a revision as audience aud sees it: the latest day its
 * visible timeline reaches, not before K. Each event keeps the audience
 * in force on it (its own label and the timeline's).
 */
static struct kb_date
issue_day(const struct kb_incident *inc, const struct kb_date *k, enum kb_audience aud)
{
	struct kb_date best = *k;

	for (size_t i = 0; i < inc->nevents; i++)
		if (inc->events[i].audience <= aud && inc->events[i].day.y != 0 &&
		    kb_date_cmp(&inc->events[i].day, &best) > 0)
			best = inc->events[i].day;
	return best;
}

struct kb_date
kb_policy_issue_for(const struct kb_record *r, enum kb_audience aud)
{
	if (r->inc->issued.y != 0)
		return r->inc->issued; /* issued="": the date the documents carry, as given */
	return issue_day(r->inc, &r->date, aud);
}

struct kb_incident_policy *
kb_policy_incident(const struct kb_org *org, const struct kb_record *r)
{
	struct kb_incident_policy *out = kb_calloc(1, sizeof(*out));
	const struct kb_incident *inc = r->inc;
	const struct kb_impact *im = &inc->impact;
	size_t cap = 0;

	out->severity = inc->severity;
	out->category = inc->category;
	out->status = inc->status;
	out->revision = r->revision;
	out->final = inc->status == KB_STATUS_RESOLVED;
	/* The first report that is also the last says both (第1報（最終報）). */
	if (out->final && r->revision == 1)
		snprintf(out->label, sizeof(out->label), "第1報（最終報）");
	else if (out->final)
		snprintf(out->label, sizeof(out->label), "最終報");
	else
		snprintf(out->label, sizeof(out->label), "第%d報", r->revision);
	out->recognized = r->date;
	out->issue = kb_policy_issue_for(r, KB_AUD_CIO);

	/* 個人情報保護法第68条, 規則第43条: any trigger, unless strongly encrypted. */
	out->personal_records = im->personal_records;
	out->unauthorized = im->unauthorized_purpose;
	out->my_number = im->my_number;
	out->ppc = (im->sensitive || im->property_damage_risk || out->unauthorized ||
	            im->ordinance_sensitive || out->personal_records > 100) &&
	           !im->encrypted;

	/* Deadlines, K = the recognised day (期限目安; weekends not excluded). */
	out->due_cio = r->date;
	out->due_pref = r->date;
	out->ppc_quick = plus(&r->date, 3);
	out->ppc_quick_late = plus(&r->date, 5);
	out->ppc_final = plus(&r->date, out->unauthorized ? 59 : 29);

	/* Press: publish always, withhold never, auto by PPC duty and severity. */
	out->decision = inc->decision;
	if (out->decision == KB_DISCLOSE_PUBLISH) {
		out->press = 1;
		out->press_why = "公表すると判断済み";
	} else if (out->decision == KB_DISCLOSE_WITHHOLD) {
		out->press = 0;
		out->press_why = "公表しないと判断済み";
	} else if (out->ppc) {
		out->press = 1;
		out->press_why = "個人情報保護委員会への報告対象であるため公表";
	} else if (out->severity >= 4) {
		out->press = 1;
		out->press_why = "重要度4（重大）のため公表";
	} else if (out->severity == 3 && im->external) {
		out->press = 1;
		out->press_why = "重要度3（高）かつ外部に影響があるため公表";
	} else {
		out->press = 0;
		out->press_why = "公表基準（報告対象・重要度・外部影響）に該当しない";
	}

	/* 第14条第4項 府等関係省庁: the prefecture always; ministries for grave or attack cases. */
	for (size_t a = 0; a < org->nauthorities; a++) {
		const char *kind = org->authorities[a].kind;
		if (strcmp(kind, "prefecture") == 0 ||
		    (strcmp(kind, "ministry") == 0 &&
		     (out->severity >= 3 || out->category == KB_CAT_MALWARE ||
		      out->category == KB_CAT_UNAUTHORIZED_ACCESS))) {
			kb_grow((void **)&out->authorities, &cap, (size_t)out->nauthorities + 1,
			        sizeof(*out->authorities));
			out->authorities[out->nauthorities++] = (int)a;
		}
	}
	return out;
}

void
kb_policy_free(struct kb_incident_policy *p)
{
	if (p == NULL)
		return;
	free(p->authorities);
	free(p);
}

enum kb_due_state
kb_policy_due_state(const struct kb_date *due, const struct kb_date *done,
                    const struct kb_date *asof)
{
	if (done != NULL && done->y != 0 && kb_date_cmp(done, due) <= 0)
		return KB_DUE_MET;
	if (kb_date_cmp(asof, due) <= 0 && (done == NULL || done->y == 0))
		return KB_DUE_PENDING;
	return KB_DUE_OVERDUE;
}

const char *
kb_policy_due_name(enum kb_due_state s)
{
	switch (s) {
	case KB_DUE_MET:
		return "済";
	case KB_DUE_PENDING:
		return "期限内";
	default:
		return "期限超過";
	}
}
