/* monthly.c — the monthly report to the CIO: its plan entry and its context, section by section. */
#include "monthly.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "model.h"
#include "plan.h"
#include "policy.h"
#include "roles.h"
#include "roster.h"
#include "util.h"

static void
set(xmlNode *n, const char *name, const char *value)
{
	if (value != NULL)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void
set_date(xmlNode *n, const char *name, const struct kb_date *d)
{
	char buf[16];

	if (d->y == 0)
		return;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->y, d->m, d->d);
	set(n, name, buf);
}

static const struct {
	const char *kind, *label;
} kind_labels[] = {
    {"nomination-notice", "指名通知"},
    {"nomination-report", "DX推進員指名報告"},
    {"structure-notice", "推進体制変更通知"},
    {"appointment-letter", "辞令"},
    {"incident-report-cio", "CIOへのインシデント報告"},
    {"incident-report-authority", "府・省へのインシデント報告"},
    {"ppc-report-sheet", "個人情報保護委員会報告シート"},
    {"press-release-draft", "報道発表資料（案）"},
    {"system-plan-consultation", "情報システム協議書"},
    {"system-plan-decision", "情報システム協議結果通知"},
};

static const char *const categories[][2] = {
    {"malware", "マルウェア感染"},        {"unauthorized-access", "不正アクセス"},
    {"information-leak", "情報漏えい"},    {"loss-theft", "紛失・盗難"},
    {"misdelivery", "誤送付・誤送信"},     {"misconfiguration", "設定誤り"},
    {"service-outage", "サービス停止"},    {"other", "その他"},
};
static const char *const severities[] = {"軽微", "中", "高", "重大"};

static void
set_int(xmlNode *n, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	set(n, name, buf);
}

static int
in_range(const struct kb_date *d, const struct kb_date *from, const struct kb_date *to)
{
	return kb_date_cmp(d, from) >= 0 && kb_date_cmp(d, to) <= 0;
}

/* One incident as the month sees it: its revisions up to the month's end. */
struct month_inc {
	const char *id;
	const struct kb_record *latest; /* the highest revision issued by the month's end */
	const struct kb_record *first;
	struct kb_date resolved;        /* issue day of the first resolved revision, or y == 0 */
	int included, isnew, closed, open_end;
};

/* The last day of year-month. */
static struct kb_date
month_end(int year, int month)
{
	struct kb_date me;

	kb_date_from_days(kb_date_to_days(&(struct kb_date){month == 12 ? year + 1 : year,
	                                                   month == 12 ? 1 : month + 1, 1}) - 1, &me);
	return me;
}

void
kb_monthly_plan(const struct kb_input *in, int year, int month, struct kb_plan *out)
{
	struct kb_doc *d;
	const struct kb_unit *code = kb_plan_code_unit(&in->org, -1);

	memset(out, 0, sizeof(*out));
	kb_grow((void **)&out->docs, &out->cap, 1, sizeof(*out->docs));
	d = &out->docs[out->ndocs++];
	memset(d, 0, sizeof(*d));
	d->kind = "monthly-report";
	d->audience = KB_AUD_CIO;
	d->authority = -1;
	d->issue = month_end(year, month);
	d->key = kb_asprintf("monthly-%04d-%02d", year, month);
	d->revision = 1;
	d->code = code ? code->doc_prefix : NULL;
	d->path = kb_asprintf("monthly/%04d-%02d.pdf", year, month);
}

xmlDoc *
kb_monthly_context(const struct kb_input *in, const struct kb_plan *plan, int year, int month,
                   const char *number)
{
	const struct kb_org *org = &in->org;
	struct kb_date ms = {year, month, 1}, me, prev;
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *ctx = xmlNewNode(NULL, (const xmlChar *)"context"), *sum, *docs, *tr,
	        *incs, *noms, *apps, *ros;
	struct month_inc *mi = NULL;
	size_t nmi = 0, capmi = 0;
	char buf[64], *wy;
	int fy, counts[8][4] = {{0}}, sev[4] = {0}, nnew = 0, ncont = 0, nclosed = 0, nopen = 0, nppc = 0;
	const struct kb_post *ip;

	me = month_end(year, month);
	kb_date_from_days(kb_date_to_days(&ms) - 1, &prev);
	xmlDocSetRootElement(d, ctx);
	set(ctx, "kind", "monthly-report");
	set(ctx, "audience", "cio");
	set(ctx, "record", "monthly");
	snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
	set(ctx, "month", buf);
	wy = kb_wareki_year(&ms, 0);
	snprintf(buf, sizeof(buf), "%s%d月", wy ? wy : "", month);
	free(wy);
	set(ctx, "month-label", buf);
	set_date(ctx, "issue-date", &me);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT00:00:00+09:00", me.y, me.m, me.d);
	set(ctx, "created", buf);
	set(ctx, "number", number);
	set(ctx, "generator", "kobun " KOBUN_VERSION);
	kb_ctx_organization(ctx, org);
	{
		char *cio = kb_ctx_cio_line(org, &me), *from;
		ip = kb_function_head(org, "information-policy", &me);
		from = ip ? kb_ctx_post_line(org, ip->person, ip) : kb_strdup("情報政策課長");
		kb_ctx_letter_ends(ctx, org, cio, from);
		free(cio), free(from);
	}

	/* Incidents by id: what the month saw of each. */
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		const struct kb_incident_policy *pol;
		struct month_inc *m = NULL;
		if (r->kind != KB_REC_INCIDENT || r->rejected || r->node == NULL)
			continue;
		pol = r->res.policy;
		if (kb_date_cmp(&pol->issue, &me) > 0)
			continue;
		for (size_t k = 0; k < nmi; k++)
			if (strcmp(mi[k].id, r->id) == 0)
				m = &mi[k];
		if (m == NULL) {
			kb_grow((void **)&mi, &capmi, nmi + 1, sizeof(*mi));
			m = &mi[nmi++];
			memset(m, 0, sizeof(*m));
			m->id = r->id;
			m->first = r;
		}
		if (m->latest == NULL || r->revision > m->latest->revision)
			m->latest = r;
		if (pol->final && (m->resolved.y == 0 || kb_date_cmp(&pol->issue, &m->resolved) < 0))
			m->resolved = pol->issue;
	}
	for (size_t k = 0; k < nmi; k++) {
		struct month_inc *m = &mi[k];
		const struct kb_date *K = &m->first->date;
		m->included = kb_date_cmp(K, &me) <= 0 &&
		              !(m->resolved.y != 0 && kb_date_cmp(&m->resolved, &ms) < 0);
		if (!m->included)
			continue;
		m->isnew = in_range(K, &ms, &me);
		m->closed = m->resolved.y != 0 && in_range(&m->resolved, &ms, &me);
		m->open_end = m->resolved.y == 0;
		nnew += m->isnew;
		nclosed += m->closed;
		ncont += !m->isnew;
		nopen += m->open_end;
	}

	incs = xmlNewNode(NULL, (const xmlChar *)"incidents");
	for (size_t k = 0; k < nmi; k++) {
		struct month_inc *m = &mi[k];
		const struct kb_incident_policy *pol;
		xmlNode *n, *reps;
		int ci, overdue = 0;
		if (!m->included)
			continue;
		pol = m->latest->res.policy;
		ci = (int)pol->category;
		if (pol->severity >= 1 && pol->severity <= 4) {
			counts[ci][pol->severity - 1]++;
			sev[pol->severity - 1]++;
		}
		nppc += pol->ppc && m->isnew;
		n = xmlNewChild(incs, NULL, (const xmlChar *)"incident", NULL);
		set(n, "id", m->id);
		set(n, "recognized", m->latest->inc->recognized.text);
		set(n, "title", m->latest->inc->title.text);
		set_int(n, "severity", pol->severity);
		set(n, "severity-label", pol->severity >= 1 && pol->severity <= 4 ? severities[pol->severity - 1] : "");
		set(n, "category", kb_category_names[pol->category]);
		set(n, "category-label", categories[ci][1]);
		set(n, "status", kb_status_names[pol->status]);
		set(n, "status-label", pol->status == KB_STATUS_RESOLVED    ? "解決"
		                       : pol->status == KB_STATUS_CONTAINED ? "封じ込め済み"
		                                                           : "対応中");
		set(n, "phase", m->closed ? "closed" : m->isnew ? "new" : "continuing");
		set_int(n, "revision", m->latest->revision);
		set(n, "label", pol->label);
		set(n, "ppc", pol->ppc ? "true" : "false");
		if (m->latest->inc->division >= 0)
			set(n, "division-name", org->units[m->latest->inc->division].name);
		reps = xmlNewChild(n, NULL, (const xmlChar *)"reports", NULL);
		for (size_t i = 0; plan != NULL && i < plan->ndocs; i++) {
			const struct kb_doc *doc = &plan->docs[i];
			xmlNode *rp;
			if (doc->rec->kind != KB_REC_INCIDENT || strcmp(doc->rec->id, m->id) != 0 ||
			    kb_date_cmp(&doc->issue, &me) > 0)
				continue;
			rp = xmlNewChild(reps, NULL, (const xmlChar *)"report", NULL);
			set(rp, "kind", doc->kind);
			set(rp, "label", strcmp(doc->kind, "incident-report-cio") == 0          ? "CIO"
			                 : strcmp(doc->kind, "incident-report-authority") == 0 ? "府・省"
			                 : strcmp(doc->kind, "ppc-report-sheet") == 0          ? "PPCシート"
			                                                                       : "報道資料案");
			if (doc->authority >= 0)
				set(rp, "authority", org->authorities[doc->authority].name);
			set_int(rp, "revision", doc->rec->revision);
			set_date(rp, "issued", &doc->issue);
			set(rp, "number", doc->number);
		}
		{
			/* Deadlines as of the month's end; revision 1's reports were issued on its issue day. */
			const struct kb_incident_policy *p1 = m->first->res.policy;
			char *pw = kb_ctx_pref_what(org);
			overdue |= kb_ctx_deadline(n, "cio", "CIOへの報告", &pol->due_cio, NULL, &p1->issue, &me,
			                    "認知当日") == KB_DUE_OVERDUE;
			overdue |= kb_ctx_deadline(n, "prefecture", pw, &pol->due_pref, NULL, &p1->issue, &me,
			                    "認知当日") == KB_DUE_OVERDUE;
			free(pw);
			if (pol->ppc) {
				/* kobun keeps no record of the PPC web form: these stay open until due. */
				overdue |= kb_ctx_deadline(n, "ppc-quick", "個人情報保護委員会への速報", &pol->ppc_quick,
				                    &pol->ppc_quick_late, NULL, &me,
				                    "認知から3日（5日を超えると遅延）") == KB_DUE_OVERDUE;
				overdue |= kb_ctx_deadline(n, "ppc-final", "個人情報保護委員会への確報", &pol->ppc_final,
				                    NULL, NULL, &me,
				                    pol->unauthorized ? "認知日を含め60日以内"
				                                     : "認知日を含め30日以内") == KB_DUE_OVERDUE;
			}
		}
		set(n, "overdue", overdue ? "true" : "false");
		if (m->latest->inc->detail.text != NULL)
			xmlNewTextChild(n, NULL, (const xmlChar *)"detail",
			                (const xmlChar *)m->latest->inc->detail.text);
	}

	sum = xmlNewChild(ctx, NULL, (const xmlChar *)"summary", NULL);
	set_int(sum, "new", nnew);
	set_int(sum, "continuing", ncont);
	set_int(sum, "closed", nclosed);
	set_int(sum, "open-at-end", nopen);
	set_int(sum, "ppc", nppc);
	set_int(sum, "total", nnew + ncont);
	for (int c = 0; c < 8; c++) {
		xmlNode *cn = xmlNewChild(sum, NULL, (const xmlChar *)"category", NULL);
		int total = 0;
		set(cn, "name", categories[c][0]);
		set(cn, "label", categories[c][1]);
		for (int s = 0; s < 4; s++) {
			xmlNode *sn = xmlNewChild(cn, NULL, (const xmlChar *)"severity", NULL);
			set_int(sn, "level", s + 1);
			set_int(sn, "count", counts[c][s]);
			total += counts[c][s];
		}
		set_int(cn, "total", total);
	}
	for (int s = 0; s < 4; s++) {
		xmlNode *sn = xmlNewChild(sum, NULL, (const xmlChar *)"severity", NULL);
		set_int(sn, "level", s + 1);
		set(sn, "label", severities[s]);
		set_int(sn, "count", sev[s]);
	}

	/* Documents issued in the month, by kind. */
	docs = xmlNewChild(ctx, NULL, (const xmlChar *)"documents", NULL);
	{
		int total = 0;
		for (size_t k = 0; k < sizeof(kind_labels) / sizeof(kind_labels[0]); k++) {
			int c = 0;
			for (size_t i = 0; plan != NULL && i < plan->ndocs; i++)
				if (strcmp(plan->docs[i].kind, kind_labels[k].kind) == 0 &&
				    in_range(&plan->docs[i].issue, &ms, &me))
					c++;
			if (c > 0) {
				xmlNode *kn = xmlNewChild(docs, NULL, (const xmlChar *)"kind", NULL);
				set(kn, "name", kind_labels[k].kind);
				set(kn, "label", kind_labels[k].label);
				set_int(kn, "count", c);
				total += c;
			}
		}
		set_int(docs, "total", total);
	}

	/* The fiscal year's trend: incidents recognised per month, April to March. */
	tr = xmlNewChild(ctx, NULL, (const xmlChar *)"trend", NULL);
	fy = kb_fiscal_year(&ms);
	set_int(tr, "fiscal-year", fy);
	{
		struct kb_date fy_start = {fy, 4, 1};
		char *w = kb_wareki_year(&fy_start, 0);
		snprintf(buf, sizeof(buf), "%s度", w ? w : "");
		free(w);
		set(tr, "label", buf);
	}
	for (int k = 0; k < 12; k++) {
		int y = k < 9 ? fy : fy + 1, m = (k + 3) % 12 + 1, c = 0;
		xmlNode *mn = xmlNewChild(tr, NULL, (const xmlChar *)"month", NULL);
		for (size_t i = 0; i < nmi; i++)
			if (mi[i].first->date.y == y && mi[i].first->date.m == m)
				c++;
		snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
		set(mn, "ym", buf);
		snprintf(buf, sizeof(buf), "%d月", m);
		set(mn, "label", buf);
		set_int(mn, "count", c);
		if (y > year || (y == year && m > month))
			set(mn, "future", "true");
	}
	xmlAddChild(ctx, incs);

	/* Nominations and appointments of the month, and the 第8条第3項 report of each DX推進員. */
	noms = xmlNewChild(ctx, NULL, (const xmlChar *)"nominations", NULL);
	apps = xmlNewChild(ctx, NULL, (const xmlChar *)"appointments", NULL);
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		if (r->rejected || r->standing || r->node == NULL || !in_range(&r->date, &ms, &me))
			continue;
		if (r->kind == KB_REC_NOMINATION) {
			xmlNode *n = xmlNewChild(noms, NULL, (const xmlChar *)"nomination", NULL);
			int dx = r->nom_kind == KB_NOM_DX_PROMOTER;
			const struct kb_post *ne = dx && r->scope >= 0
			                               ? kb_post_of_in(org, r->nominee, r->scope, &r->date)
			                               : kb_post_main(org, r->nominee, &r->date);
			char *a = kb_ctx_post_line(org, r->nominee, ne);
			char *b = kb_ctx_post_line(org, r->nominator, kb_post_main(org, r->nominator, &r->date));
			const struct kb_doc *rep = NULL;
			set(n, "id", r->id);
			set_date(n, "date", &r->date);
			set(n, "kind", kb_nom_kinds[r->nom_kind].name);
			set(n, "role", kb_nom_kinds[r->nom_kind].title);
			if (r->body >= 0)
				set(n, "body-name", org->bodies[r->body].name);
			set(n, "nominee-line", a);
			set(n, "nominator-line", b);
			for (size_t k = 0; dx && plan != NULL && k < plan->ndocs; k++)
				if (plan->docs[k].rec == r && strcmp(plan->docs[k].kind, "nomination-report") == 0)
					rep = &plan->docs[k];
			set(n, "report", !dx ? "none" : rep ? "issued" : "owed");
			if (rep != NULL)
				set(n, "report-number", rep->number);
			free(a), free(b);
		} else if (r->kind == KB_REC_APPOINTMENT) {
			xmlNode *n = xmlNewChild(apps, NULL, (const xmlChar *)"appointment", NULL);
			char *who = kb_ctx_full_name(org, r->person), *what;
			set(n, "id", r->id);
			set_date(n, "date", &r->date);
			set(n, "person-line", who);
			if (r->cio_assistant)
				what = kb_strdup("CIO補佐官");
			else if (r->has_post) {
				struct kb_post p = {0};
				char *t;
				p.rank = r->post_rank, p.unit = r->post_unit, p.title = r->post_title;
				t = kb_post_title(org, &p);
				what = kb_asprintf("%s%s", t, r->concurrent ? "（兼務）" : "");
				free(t);
			} else
				what = kb_strdup("離任");
			set(n, "what", what);
			free(who), free(what);
		}
	}

	/* The roster at the month's end; rows whose holder came during the month are marked. */
	{
		struct kb_roster before, after;
		kb_roster_build(in, &prev, &before);
		kb_roster_build(in, &me, &after);
		ros = xmlNewChild(ctx, NULL, (const xmlChar *)"roster", NULL);
		set_date(ros, "date", &me);
		for (size_t i = 0; i < after.nrows; i++) {
			xmlNode *n = kb_ctx_roster_row(ros, "role", org, &after.rows[i]);
			if (!kb_ctx_roster_holds(&before, &after.rows[i], after.rows[i].person))
				set(n, "changed", "true");
		}
		kb_roster_free(&before);
		kb_roster_free(&after);
	}
	kb_ctx_contact(ctx, org, -1);
	free(mi);
	return d;
}
