/* policy.c — the incident reporting and disclosure policy (spec/documents.md, research §2). */
#include "policy.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* A boolean attribute of impact ("true" means yes; suspected counts as true). */
static int
flag(const xmlNode *impact, const char *name)
{
	xmlChar *v = impact ? xmlGetProp(impact, (const xmlChar *)name) : NULL;
	int r = v != NULL && strcmp((const char *)v, "true") == 0;

	xmlFree(v);
	return r;
}

static long
number(const xmlNode *n, const char *name, long def)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	long r = v ? strtol((const char *)v, NULL, 10) : def;

	xmlFree(v);
	return r;
}

static struct kb_date
plus(const struct kb_date *d, long days)
{
	struct kb_date r;
	kb_date_from_days(kb_date_to_days(d) + days, &r);
	return r;
}

enum kb_audience
kb_audience_label(const xmlNode *n)
{
	xmlChar *a = xmlGetProp(n, (const xmlChar *)"audience");
	enum kb_audience r = KB_AUD_PUBLIC;

	if (a != NULL) {
		if (strcmp((const char *)a, "cio") == 0)
			r = KB_AUD_CIO;
		else if (strcmp((const char *)a, "authorities") == 0)
			r = KB_AUD_AUTHORITIES;
		else
			r = KB_AUD_CIO;
		xmlFree(a);
	}
	return r;
}

/*
 * The issue day of a revision as audience aud sees it: the latest day its
 * visible timeline reaches, not before K.
 */
static struct kb_date
issue_day(const xmlNode *inc, const struct kb_date *k, enum kb_audience aud)
{
	struct kb_date best = *k, d;
	const xmlNode *tl = child(inc, "timeline");

	if (tl != NULL && kb_audience_label(tl) > aud)
		return best;
	for (const xmlNode *e = tl ? tl->children : NULL; e != NULL; e = e->next) {
		xmlChar *at;
		if (e->type != XML_ELEMENT_NODE || kb_audience_label(e) > aud)
			continue;
		at = xmlGetProp(e, (const xmlChar *)"at");
		if (at != NULL && kb_date_parse((const char *)at, &d) == 0 && kb_date_cmp(&d, &best) > 0)
			best = d;
		xmlFree(at);
	}
	return best;
}

struct kb_date
kb_policy_issue_for(const struct kb_record *r, enum kb_audience aud)
{
	return issue_day(r->node, &r->date, aud);
}

void
kb_policy_incident(const struct kb_org *org, const struct kb_record *r,
                   struct kb_incident_policy *out)
{
	const xmlNode *inc = r->node, *impact = child(inc, "impact"), *disc = child(inc, "disclosure");
	xmlChar *v;
	int external;

	memset(out, 0, sizeof(*out));
	out->severity = (int)number(inc, "severity", 1);
	v = xmlGetProp(inc, (const xmlChar *)"category");
	out->category = v ? (const char *)xmlDictLookup(inc->doc->dict, v, -1) : "other";
	xmlFree(v);
	v = xmlGetProp(inc, (const xmlChar *)"status");
	out->status = v ? (const char *)xmlDictLookup(inc->doc->dict, v, -1) : "open";
	xmlFree(v);
	out->revision = r->revision;
	out->final = strcmp(out->status, "resolved") == 0;
	if (out->final)
		snprintf(out->label, sizeof(out->label), "最終報");
	else
		snprintf(out->label, sizeof(out->label), "第%d報", r->revision);
	out->recognized = r->date;
	out->issue = issue_day(inc, &r->date, KB_AUD_CIO);

	/* 個人情報保護法第68条, 規則第43条: any trigger, unless strongly encrypted. */
	out->personal_records = (int)number(impact, "personal-records", 0);
	out->unauthorized = flag(impact, "unauthorized-purpose");
	out->my_number = flag(impact, "my-number");
	out->ppc = (flag(impact, "sensitive") || flag(impact, "property-damage-risk") ||
	            out->unauthorized || flag(impact, "ordinance-sensitive") ||
	            out->personal_records > 100) &&
	           !flag(impact, "encrypted");
	external = flag(impact, "external");

	/* Deadlines, K = the recognised day (期限目安; weekends not excluded). */
	out->due_cio = r->date;
	out->due_pref = r->date;
	out->ppc_quick = plus(&r->date, 3);
	out->ppc_quick_late = plus(&r->date, 5);
	out->ppc_final = plus(&r->date, out->unauthorized ? 59 : 29);

	/* Press: publish always, withhold never, auto by PPC duty and severity. */
	v = disc ? xmlGetProp(disc, (const xmlChar *)"decision") : NULL;
	out->decision = v && strcmp((const char *)v, "publish") == 0    ? "publish"
	                : v && strcmp((const char *)v, "withhold") == 0 ? "withhold"
	                                                                : "auto";
	xmlFree(v);
	if (strcmp(out->decision, "publish") == 0) {
		out->press = 1;
		out->press_why = "公表すると判断済み";
	} else if (strcmp(out->decision, "withhold") == 0) {
		out->press = 0;
		out->press_why = "公表しないと判断済み";
	} else if (out->ppc) {
		out->press = 1;
		out->press_why = "個人情報保護委員会への報告対象であるため公表";
	} else if (out->severity >= 4) {
		out->press = 1;
		out->press_why = "重要度4（重大）のため公表";
	} else if (out->severity == 3 && external) {
		out->press = 1;
		out->press_why = "重要度3（高）かつ外部に影響があるため公表";
	} else {
		out->press = 0;
		out->press_why = "公表基準（報告対象・重要度・外部影響）に該当しない";
	}

	/* 第14条第4項 府等関係省庁: the prefecture always; ministries for grave or attack cases. */
	for (size_t a = 0; a < org->nauthorities && out->nauthorities < 8; a++) {
		const char *kind = org->authorities[a].kind;
		if (strcmp(kind, "prefecture") == 0 ||
		    (strcmp(kind, "ministry") == 0 &&
		     (out->severity >= 3 || strcmp(out->category, "malware") == 0 ||
		      strcmp(out->category, "unauthorized-access") == 0)))
			out->authorities[out->nauthorities++] = (int)a;
	}
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
