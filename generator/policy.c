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

	/* 個人情報保護法第68条, 同法施行規則第43条: any trigger, unless strongly encrypted. */
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

	/* incident-report 府等関係省庁: each prefecture and ministry, by its when="": every
	 * incident, or only grave ones (severity 3 or more, or an attack). The PPC is the law's. */
	int grave = out->severity >= 3 || out->category == KB_CAT_MALWARE ||
	            out->category == KB_CAT_UNAUTHORIZED_ACCESS;
	for (size_t a = 0; a < org->nauthorities; a++) {
		const struct kb_authority *au = &org->authorities[a];
		if (strcmp(au->kind, "privacy-commission") != 0 && (!au->grave_only || grave)) {
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
	if (done != NULL && done->y != 0 && kb_date_cmp(done, asof) <= 0)
		return kb_date_cmp(done, due) <= 0 ? KB_DUE_MET : KB_DUE_MET_LATE;
	return kb_date_cmp(asof, due) <= 0 ? KB_DUE_PENDING : KB_DUE_OVERDUE;
}

const char *
kb_policy_due_name(enum kb_due_state s)
{
	switch (s) {
	case KB_DUE_MET:
		return "済";
	case KB_DUE_MET_LATE:
		return "済（期限後）";
	case KB_DUE_PENDING:
		return "期限内";
	default:
		return "期限超過";
	}
}

/* The PPC among the organization's authorities (kind privacy-commission), or -1. */
static int
ppc_authority(const struct kb_org *org)
{
	for (size_t a = 0; a < org->nauthorities; a++)
		if (strcmp(org->authorities[a].kind, "privacy-commission") == 0)
			return (int)a;
	return -1;
}

/* Whether policy p addresses authority a by letter. */
static int
addresses(const struct kb_incident_policy *p, int a)
{
	for (int k = 0; k < p->nauthorities; k++)
		if (p->authorities[k] == a)
			return 1;
	return 0;
}

/* Whether <sent> s reports duty d; final: d's revision is the 最終報. */
static int
sent_reports(const struct kb_sent *s, const struct kb_duty *d, int final)
{
	if (d->authority < 0 || s->authority != d->authority)
		return 0;
	switch (d->kind) {
	case KB_DUTY_PPC_QUICK:
		return s->report == KB_REPORT_PRELIMINARY;
	case KB_DUTY_PPC_FINAL:
		return s->report == KB_REPORT_FINAL;
	case KB_DUTY_AUTHORITY:
		if (s->revision != 0)
			return s->revision == d->revision;
		return (s->report == KB_REPORT_PRELIMINARY && d->revision == 1) ||
		       (s->report == KB_REPORT_FINAL && final);
	default:
		return 0; /* the CIO is no authority: only kobun's report counts */
	}
}

struct kb_date
kb_policy_done(const struct kb_input *in, const char *id, const struct kb_duty *d,
               enum kb_audience aud, const struct kb_date *asof, const char **ref)
{
	struct kb_date sent = {0, 0, 0}, issued = {0, 0, 0};
	const char *sref = NULL;
	int final = 0;

	/* The revision reported, kobun's document of it, and whether it is the 最終報. */
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *o = &in->records[i];
		const struct kb_incident_policy *p = o->res.policy;
		if (o->kind != KB_REC_INCIDENT || o->rejected || p == NULL ||
		    o->revision != d->revision || strcmp(o->id, id) != 0)
			continue;
		final = p->final;
		if (d->kind == KB_DUTY_CIO)
			issued = kb_policy_issue_for(o, KB_AUD_CIO);
		else if (d->kind == KB_DUTY_AUTHORITY && addresses(p, d->authority))
			issued = kb_policy_issue_for(o, KB_AUD_AUTHORITIES);
		if (issued.y != 0 && kb_date_cmp(&issued, asof) > 0)
			issued.y = 0;
	}
	/* What was submitted, as any revision records it: the latest carries the earlier ones'. */
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *o = &in->records[i];
		if (o->kind != KB_REC_INCIDENT || o->rejected || o->inc == NULL ||
		    strcmp(o->id, id) != 0)
			continue;
		for (size_t k = 0; k < o->inc->nsent; k++) {
			const struct kb_sent *s = &o->inc->sent[k];
			if (s->on.y == 0 || s->audience > aud || kb_date_cmp(&s->on, asof) > 0 ||
			    !sent_reports(s, d, final))
				continue;
			if (sent.y == 0 || kb_date_cmp(&s->on, &sent) < 0 ||
			    (kb_date_cmp(&s->on, &sent) == 0 && sref == NULL))
				sent = s->on, sref = s->ref;
		}
	}
	if (ref != NULL)
		*ref = NULL;
	if (sent.y != 0 && (issued.y == 0 || kb_date_cmp(&sent, &issued) <= 0)) {
		if (ref != NULL)
			*ref = sref;
		return sent;
	}
	return issued;
}

/* The duties of an incident being collected. */
struct duties {
	struct kb_duty *v;
	size_t n, cap;
};

/* Appends a duty not yet judged: its report, its label, and its deadline (due, late). */
static void
duty(struct duties *ds, enum kb_duty_kind kind, int authority, int revision, const char *label,
     int scheduled, const struct kb_date *due, const struct kb_date *late)
{
	struct kb_duty *d;

	kb_grow((void **)&ds->v, &ds->cap, ds->n + 1, sizeof(*ds->v));
	d = &ds->v[ds->n++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->authority = authority;
	d->revision = revision;
	d->label = label;
	d->scheduled = scheduled;
	d->due = *due;
	d->late = *late;
}

size_t
kb_policy_duties(const struct kb_input *in, const struct kb_record *r, enum kb_audience aud,
                 const struct kb_date *asof, struct kb_duty **out)
{
	const struct kb_org *org = &in->org;
	const struct kb_incident_policy *p = r->res.policy;
	struct duties ds = {0};
	struct kb_duty *v;
	int pref = -1, ppc = ppc_authority(org);
	size_t n;

	for (int k = 0; k < p->nauthorities && pref < 0; k++)
		if (strcmp(org->authorities[p->authorities[k]].kind, "prefecture") == 0)
			pref = p->authorities[k];
	/* The 第1報 to the CIO and the prefecture: due K. */
	duty(&ds, KB_DUTY_CIO, -1, 1, "第1報", 0, &p->due_cio, &p->due_cio);
	if (pref >= 0)
		duty(&ds, KB_DUTY_AUTHORITY, pref, 1, "第1報", 0, &p->due_pref, &p->due_pref);
	/* 個人情報保護法第68条第1項: 速報 (target K+3, late after K+5) and 確報. */
	if (p->ppc) {
		duty(&ds, KB_DUTY_PPC_QUICK, ppc, 1, "速報", 0, &p->ppc_quick, &p->ppc_quick_late);
		duty(&ds, KB_DUTY_PPC_FINAL, ppc, 1, "確報", 0, &p->ppc_final, &p->ppc_final);
	}
	/* Revision r's other letters: no rule dates them, they are due the day they are issued. */
	for (int k = 0; k < p->nauthorities; k++) {
		struct kb_date day = kb_policy_issue_for(r, KB_AUD_AUTHORITIES);
		if (p->authorities[k] == pref && r->revision == 1)
			continue;
		duty(&ds, KB_DUTY_AUTHORITY, p->authorities[k], r->revision, p->label, 1, &day,
		     &day);
	}
	v = ds.v;
	n = ds.n;
	for (size_t i = 0; i < n; i++) {
		v[i].done = kb_policy_done(in, r->id, &v[i], aud, asof, &v[i].ref);
		v[i].state = kb_policy_due_state(&v[i].late, &v[i].done, asof);
	}
	*out = v;
	return n;
}

const char *
kb_policy_duty_kind(const struct kb_org *org, const struct kb_duty *d)
{
	switch (d->kind) {
	case KB_DUTY_CIO:
		return "cio";
	case KB_DUTY_AUTHORITY:
		return d->authority >= 0 &&
		               strcmp(org->authorities[d->authority].kind, "prefecture") == 0
		           ? "prefecture"
		           : "authority";
	case KB_DUTY_PPC_QUICK:
		return "ppc-quick";
	default:
		return "ppc-final";
	}
}

char *
kb_policy_duty_what(const struct kb_org *org, const struct kb_duty *d)
{
	/* The PPC by the name organization.xml gives it; the law's name without one. */
	const char *to = d->kind == KB_DUTY_CIO ? "CIO"
	                 : d->authority >= 0    ? org->authorities[d->authority].name
	                                        : "個人情報保護委員会";

	return kb_asprintf("%sへの%s", to, d->label);
}

const char *
kb_policy_duty_note(const struct kb_duty *d, const struct kb_incident_policy *p)
{
	if (d->scheduled)
		return "発出の日（期限の定めなし）";
	switch (d->kind) {
	case KB_DUTY_PPC_QUICK:
		return "認知から3日（5日を超えると遅延）";
	case KB_DUTY_PPC_FINAL:
		return p->unauthorized ? "認知日を含め60日以内" : "認知日を含め30日以内";
	default:
		return "認知当日";
	}
}

const char *
kb_policy_duty_article(const struct kb_org *org, const struct kb_duty *d)
{
	return d->kind == KB_DUTY_PPC_QUICK || d->kind == KB_DUTY_PPC_FINAL
	           ? "個人情報保護法第68条第1項"
	           : kb_art_cite(org->cite, KB_ART_INCIDENT_REPORT);
}
