/* monthly.c — the monthly report to the CIO: its plan entry and its context, section by section. */
#include "monthly.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "model.h"
#include "output.h"
#include "plan.h"
#include "policy.h"
#include "roles.h"
#include "roster.h"
#include "util.h"

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
    {"malware", "マルウェア感染"},      {"unauthorized-access", "不正アクセス"},
    {"information-leak", "情報漏えい"}, {"loss-theft", "紛失・盗難"},
    {"misdelivery", "誤送付・誤送信"},  {"misconfiguration", "設定誤り"},
    {"service-outage", "サービス停止"}, {"other", "その他"},
};
static const char *const severities[] = {"軽微", "中", "高", "重大"};

static void
set_int(xmlNode *n, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	kb_ctx_set(n, name, buf);
}

static int
in_range(const struct kb_date *d, const struct kb_date *from, const struct kb_date *to)
{
	return kb_date_cmp(d, from) >= 0 && kb_date_cmp(d, to) <= 0;
}

/* One incident as the month sees it: its revisions up to the month's end. */
struct month_inc {
	const char *id;
	const struct kb_record *latest; /* the highest revision issued by then, else the first */
	int reported;                   /* latest was issued by the month's end */
	const struct kb_record *first;
	struct kb_date resolved; /* issue day of the first resolved revision, or y == 0 */
	int included, isnew, closed, open_end;
};

/* The month reported on, what it saw of each incident, and the counts of the summary. */
struct month {
	const struct kb_input *in;
	const struct kb_plan *plan; /* may be NULL */
	int year, month;
	struct kb_date ms, me, prev; /* first and last day; the day before the first */
	struct month_inc *mi;        /* incidents by id, in application order (owned) */
	size_t nmi, capmi;
	int counts[KB_CAT_COUNT][4]; /* included incidents by category and severity */
	int sev[4];
	int nnew, ncont, nclosed, nopen, nppc;
};

/* The last day of year-month. */
static struct kb_date
month_end(int year, int month)
{
	struct kb_date me;

	kb_date_from_days(kb_date_to_days(&(struct kb_date){month == 12 ? year + 1 : year,
	                                                    month == 12 ? 1 : month + 1, 1}) -
	                      1,
	                  &me);
	return me;
}

void
kb_monthly_plan(const struct kb_input *in, int year, int month, struct kb_plan *out)
{
	struct kb_doc *d;

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
	d->numbered = 1;
	d->code = kb_plan_code(&in->org, -1);
	d->path = kb_asprintf(KB_OUT_MONTHLY "/%04d-%02d.pdf", year, month);
}

/* The context's attributes, the organization and the letterhead (CIO ← 情報政策課長). */
static void
month_head(xmlNode *ctx, const struct month *mo, const struct kb_doc *md)
{
	const struct kb_org *org = &mo->in->org;
	char buf[64], *wy, *cio, *from;

	kb_ctx_set(ctx, "kind", "monthly-report");
	kb_ctx_set(ctx, "audience", "cio");
	kb_ctx_set(ctx, "record", "monthly");
	snprintf(buf, sizeof(buf), "%04d-%02d", mo->year, mo->month);
	kb_ctx_set(ctx, "month", buf);
	wy = kb_wareki_year(&mo->ms, 0);
	snprintf(buf, sizeof(buf), "%s%d月", wy ? wy : "", mo->month);
	free(wy);
	kb_ctx_set(ctx, "month-label", buf);
	kb_ctx_set_date(ctx, "issue-date", &mo->me);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT00:00:00+09:00", mo->me.y, mo->me.m, mo->me.d);
	kb_ctx_set(ctx, "created", buf);
	kb_ctx_doc_marks(ctx, md);
	kb_ctx_set(ctx, "generator", "kobun " KOBUN_VERSION);
	kb_ctx_organization(ctx, org);
	cio = kb_ctx_cio_line(org, &mo->me);
	from = kb_roster_function_head_line(org, "information-policy", &mo->me);
	kb_ctx_letter_ends(ctx, org, cio, from);
	free(cio), free(from);
}

/* Incidents by id: what the month saw of each, and which the report includes. */
static void
month_collect(struct month *mo)
{
	const struct kb_input *in = mo->in;

	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		const struct kb_incident_policy *pol;
		struct month_inc *m = NULL;
		int issued;
		if (r->kind != KB_REC_INCIDENT || r->rejected || r->xml == NULL)
			continue;
		pol = r->res.policy;
		/* Recognised by the month's end: known, even when no report has gone out yet. */
		if (kb_date_cmp(&r->date, &mo->me) > 0)
			continue;
		issued = kb_date_cmp(&pol->issue, &mo->me) <= 0;
		for (size_t k = 0; k < mo->nmi; k++)
			if (strcmp(mo->mi[k].id, r->id) == 0)
				m = &mo->mi[k];
		if (m == NULL) {
			kb_grow((void **)&mo->mi, &mo->capmi, mo->nmi + 1, sizeof(*mo->mi));
			m = &mo->mi[mo->nmi++];
			memset(m, 0, sizeof(*m));
			m->id = r->id;
			m->first = r;
		}
		/* The facts: the highest revision issued, else the first one (reported late). */
		if (m->latest == NULL ||
		    (issued ? !m->reported || r->revision > m->latest->revision
		            : !m->reported && r->revision < m->latest->revision)) {
			m->latest = r;
			m->reported = issued;
		}
		if (r->revision < m->first->revision)
			m->first = r;
		if (issued && pol->final &&
		    (m->resolved.y == 0 || kb_date_cmp(&pol->issue, &m->resolved) < 0))
			m->resolved = pol->issue;
	}
	for (size_t k = 0; k < mo->nmi; k++) {
		struct month_inc *m = &mo->mi[k];
		const struct kb_date *K = &m->first->date;
		m->included = kb_date_cmp(K, &mo->me) <= 0 &&
		              !(m->resolved.y != 0 && kb_date_cmp(&m->resolved, &mo->ms) < 0);
		if (!m->included)
			continue;
		m->isnew = in_range(K, &mo->ms, &mo->me);
		m->closed = m->resolved.y != 0 && in_range(&m->resolved, &mo->ms, &mo->me);
		m->open_end = m->resolved.y == 0;
		mo->nnew += m->isnew;
		mo->nclosed += m->closed;
		mo->ncont += !m->isnew;
		mo->nopen += m->open_end;
	}
}

/* <reports>: the documents of incident m issued by the month's end. */
static void
month_incident_reports(xmlNode *n, const struct month *mo, const struct month_inc *m)
{
	const struct kb_org *org = &mo->in->org;
	xmlNode *reps = xmlNewChild(n, NULL, (const xmlChar *)"reports", NULL);

	for (size_t i = 0; mo->plan != NULL && i < mo->plan->ndocs; i++) {
		const struct kb_doc *doc = &mo->plan->docs[i];
		xmlNode *rp;
		if (doc->rec->kind != KB_REC_INCIDENT || strcmp(doc->rec->id, m->id) != 0 ||
		    kb_date_cmp(&doc->issue, &mo->me) > 0)
			continue;
		rp = xmlNewChild(reps, NULL, (const xmlChar *)"report", NULL);
		kb_ctx_set(rp, "kind", doc->kind);
		kb_ctx_set(rp, "label",
		           strcmp(doc->kind, "incident-report-cio") == 0         ? "CIO"
		           : strcmp(doc->kind, "incident-report-authority") == 0 ? "府・省"
		           : strcmp(doc->kind, "ppc-report-sheet") == 0          ? "PPCシート"
		                                                        : "報道資料案");
		if (doc->authority >= 0)
			kb_ctx_set(rp, "authority", org->authorities[doc->authority].name);
		set_int(rp, "revision", doc->rec->revision);
		kb_ctx_set_date(rp, "issued", &doc->issue);
		kb_ctx_set(rp, "number", doc->number);
	}
}

/* One <incident> of the month (its latest revision) under incs; counts it for the summary. */
static void
month_incident(xmlNode *incs, struct month *mo, const struct month_inc *m)
{
	const struct kb_org *org = &mo->in->org;
	const struct kb_incident_policy *pol = m->latest->res.policy;
	const struct kb_incident *inc = m->latest->inc;
	int ci = (int)pol->category;
	xmlNode *n;

	if (pol->severity >= 1 && pol->severity <= 4) {
		mo->counts[ci][pol->severity - 1]++;
		mo->sev[pol->severity - 1]++;
	}
	mo->nppc += pol->ppc && m->isnew;
	n = xmlNewChild(incs, NULL, (const xmlChar *)"incident", NULL);
	kb_ctx_set(n, "id", m->id);
	kb_ctx_set(n, "recognized", inc->recognized.text);
	kb_ctx_set(n, "title", inc->title.text);
	set_int(n, "severity", pol->severity);
	kb_ctx_set(n, "severity-label",
	           pol->severity >= 1 && pol->severity <= 4 ? severities[pol->severity - 1] : "");
	kb_ctx_set(n, "category", kb_category_names[pol->category]);
	kb_ctx_set(n, "category-label", categories[ci][1]);
	kb_ctx_set(n, "status", kb_status_names[pol->status]);
	kb_ctx_set(n, "status-label",
	           pol->status == KB_STATUS_RESOLVED    ? "解決"
	           : pol->status == KB_STATUS_CONTAINED ? "封じ込め済み"
	                                                : "対応中");
	kb_ctx_set(n, "phase", m->closed ? "closed" : m->isnew ? "new" : "continuing");
	set_int(n, "revision", m->latest->revision);
	kb_ctx_set(n, "label", pol->label);
	kb_ctx_set(n, "ppc", pol->ppc ? "true" : "false");
	if (inc->division >= 0)
		kb_ctx_set(n, "division-name", org->units[inc->division].name);
	month_incident_reports(n, mo, m);
	/* Every deadline judged at the month's end from what was done by then. */
	kb_ctx_set(n, "overdue",
	           kb_ctx_deadlines(n, mo->in, m->latest, KB_AUD_CIO, &mo->me) ? "true" : "false");
	if (inc->detail.text != NULL)
		xmlNewTextChild(n, NULL, (const xmlChar *)"detail",
		                (const xmlChar *)inc->detail.text);
}

/* <summary>: counts of the month's incidents, by phase, category and severity. */
static void
month_summary(xmlNode *ctx, const struct month *mo)
{
	xmlNode *sum = xmlNewChild(ctx, NULL, (const xmlChar *)"summary", NULL);

	set_int(sum, "new", mo->nnew);
	set_int(sum, "continuing", mo->ncont);
	set_int(sum, "closed", mo->nclosed);
	set_int(sum, "open-at-end", mo->nopen);
	set_int(sum, "ppc", mo->nppc);
	set_int(sum, "total", mo->nnew + mo->ncont);
	for (int c = 0; c < KB_CAT_COUNT; c++) {
		xmlNode *cn = xmlNewChild(sum, NULL, (const xmlChar *)"category", NULL);
		int total = 0;
		kb_ctx_set(cn, "name", categories[c][0]);
		kb_ctx_set(cn, "label", categories[c][1]);
		for (int s = 0; s < 4; s++) {
			xmlNode *sn = xmlNewChild(cn, NULL, (const xmlChar *)"severity", NULL);
			set_int(sn, "level", s + 1);
			set_int(sn, "count", mo->counts[c][s]);
			total += mo->counts[c][s];
		}
		set_int(cn, "total", total);
	}
	for (int s = 0; s < 4; s++) {
		xmlNode *sn = xmlNewChild(sum, NULL, (const xmlChar *)"severity", NULL);
		set_int(sn, "level", s + 1);
		kb_ctx_set(sn, "label", severities[s]);
		set_int(sn, "count", mo->sev[s]);
	}
}

/* <documents>: the documents issued in the month, by kind. */
static void
month_documents(xmlNode *ctx, const struct month *mo)
{
	xmlNode *docs = xmlNewChild(ctx, NULL, (const xmlChar *)"documents", NULL);
	const struct kb_plan *plan = mo->plan;
	int total = 0;

	for (size_t k = 0; k < sizeof(kind_labels) / sizeof(kind_labels[0]); k++) {
		int c = 0;
		for (size_t i = 0; plan != NULL && i < plan->ndocs; i++)
			if (strcmp(plan->docs[i].kind, kind_labels[k].kind) == 0 &&
			    in_range(&plan->docs[i].issue, &mo->ms, &mo->me))
				c++;
		if (c > 0) {
			xmlNode *kn = xmlNewChild(docs, NULL, (const xmlChar *)"kind", NULL);
			kb_ctx_set(kn, "name", kind_labels[k].kind);
			kb_ctx_set(kn, "label", kind_labels[k].label);
			set_int(kn, "count", c);
			total += c;
		}
	}
	set_int(docs, "total", total);
}

/* <trend>: the fiscal year's incidents recognised per month, April to March. */
static void
month_trend(xmlNode *ctx, const struct month *mo)
{
	xmlNode *tr = xmlNewChild(ctx, NULL, (const xmlChar *)"trend", NULL);
	int fy = kb_fiscal_year(&mo->ms);
	struct kb_date fy_start = {fy, 4, 1};
	char buf[64], *w = kb_wareki_year(&fy_start, 0);

	set_int(tr, "fiscal-year", fy);
	snprintf(buf, sizeof(buf), "%s度", w ? w : "");
	free(w);
	kb_ctx_set(tr, "label", buf);
	for (int k = 0; k < 12; k++) {
		int y = k < 9 ? fy : fy + 1, m = (k + 3) % 12 + 1, c = 0;
		xmlNode *mn = xmlNewChild(tr, NULL, (const xmlChar *)"month", NULL);
		for (size_t i = 0; i < mo->nmi; i++)
			if (mo->mi[i].first->date.y == y && mo->mi[i].first->date.m == m)
				c++;
		snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
		kb_ctx_set(mn, "ym", buf);
		snprintf(buf, sizeof(buf), "%d月", m);
		kb_ctx_set(mn, "label", buf);
		set_int(mn, "count", c);
		if (y > mo->year || (y == mo->year && m > mo->month))
			kb_ctx_set(mn, "future", "true");
	}
}

/* One <nomination> of the month, with the dx-report report of a DX推進員. */
static void
month_nomination(xmlNode *noms, const struct month *mo, const struct kb_record *r)
{
	const struct kb_org *org = &mo->in->org;
	xmlNode *n = xmlNewChild(noms, NULL, (const xmlChar *)"nomination", NULL);
	int dx = r->nom_kind == KB_NOM_DX_PROMOTER;
	const struct kb_post *ne, *nr;
	char *a, *b;
	const struct kb_doc *rep = NULL;

	/* The posts the nomination notice itself names them under. */
	kb_ctx_nomination_posts(org, r, &ne, &nr);
	a = kb_roster_post_line(org, r->nominee, ne, &r->date);
	b = kb_roster_post_line(org, r->nominator, nr, &r->date);

	kb_ctx_set(n, "id", r->id);
	kb_ctx_set_date(n, "date", &r->date);
	kb_ctx_set(n, "kind", kb_nom_kinds[r->nom_kind].name);
	kb_ctx_set(n, "role", kb_nom_kinds[r->nom_kind].title);
	if (r->body >= 0)
		kb_ctx_set(n, "body-name", org->bodies[r->body].name);
	kb_ctx_set(n, "nominee-line", a);
	kb_ctx_set(n, "nominator-line", b);
	for (size_t k = 0; dx && mo->plan != NULL && k < mo->plan->ndocs; k++)
		if (mo->plan->docs[k].rec == r &&
		    strcmp(mo->plan->docs[k].kind, "nomination-report") == 0)
			rep = &mo->plan->docs[k];
	kb_ctx_set(n, "report", !dx ? "none" : rep ? "issued" : "owed");
	if (rep != NULL)
		kb_ctx_set(n, "report-number", rep->number);
	free(a), free(b);
}

/* One <appointment> of the month (record i): who, and what they became. */
static void
month_appointment(xmlNode *apps, const struct month *mo, size_t i)
{
	const struct kb_record *r = &mo->in->records[i];
	xmlNode *n = xmlNewChild(apps, NULL, (const xmlChar *)"appointment", NULL);
	char *who = kb_ctx_full_name(&mo->in->org, r->person), *what;

	kb_ctx_set(n, "id", r->id);
	kb_ctx_set_date(n, "date", &r->date);
	kb_ctx_set(n, "person-line", who);
	what = kb_ctx_appointment_what(mo->in, i);
	kb_ctx_set(n, "what", what);
	free(who), free(what);
}

/* <nominations> and <appointments>: the records of the month. */
static void
month_records(xmlNode *ctx, const struct month *mo)
{
	const struct kb_input *in = mo->in;
	xmlNode *noms = xmlNewChild(ctx, NULL, (const xmlChar *)"nominations", NULL);
	xmlNode *apps = xmlNewChild(ctx, NULL, (const xmlChar *)"appointments", NULL);

	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		if (r->rejected || r->standing || r->xml == NULL ||
		    !in_range(&r->date, &mo->ms, &mo->me))
			continue;
		if (r->kind == KB_REC_NOMINATION)
			month_nomination(noms, mo, r);
		else if (r->kind == KB_REC_APPOINTMENT)
			month_appointment(apps, mo, i);
	}
}

/* <roster> at the month's end; rows whose holder came during the month are marked. */
static void
month_roster(xmlNode *ctx, const struct month *mo)
{
	const struct kb_org *org = &mo->in->org;
	struct kb_roster before, after;
	xmlNode *ros;

	kb_roster_build(mo->in, &mo->prev, &before);
	kb_roster_build(mo->in, &mo->me, &after);
	ros = xmlNewChild(ctx, NULL, (const xmlChar *)"roster", NULL);
	kb_ctx_set_date(ros, "date", &mo->me);
	for (size_t i = 0; i < after.nrows; i++) {
		xmlNode *n = kb_ctx_roster_row(ros, "role", org, &after.rows[i]);
		if (!kb_roster_holds(&before, &after.rows[i], after.rows[i].person))
			kb_ctx_set(n, "changed", "true");
	}
	kb_roster_free(&before);
	kb_roster_free(&after);
}

xmlDoc *
kb_monthly_context(const struct kb_input *in, const struct kb_plan *plan, int year, int month,
                   const struct kb_doc *md)
{
	struct month mo = {0};
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *ctx = xmlNewNode(NULL, (const xmlChar *)"context"), *incs;

	mo.in = in;
	mo.plan = plan;
	mo.year = year;
	mo.month = month;
	mo.ms = (struct kb_date){year, month, 1};
	mo.me = month_end(year, month);
	kb_date_from_days(kb_date_to_days(&mo.ms) - 1, &mo.prev);
	xmlDocSetRootElement(d, ctx);
	month_head(ctx, &mo, md);
	month_collect(&mo);
	/* The incidents are built first (the summary counts them) and placed after the trend. */
	incs = xmlNewNode(NULL, (const xmlChar *)"incidents");
	for (size_t k = 0; k < mo.nmi; k++)
		if (mo.mi[k].included)
			month_incident(incs, &mo, &mo.mi[k]);
	month_summary(ctx, &mo);
	month_documents(ctx, &mo);
	month_trend(ctx, &mo);
	xmlAddChild(ctx, incs);
	month_records(ctx, &mo);
	month_roster(ctx, &mo);
	kb_ctx_contact(ctx, &in->org, -1);
	free(mo.mi);
	return d;
}
