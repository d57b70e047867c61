/* due.c — kobun due: the obligations open on a date (incident reports, dx-report reports of
 * nominations, terms ending, plans awaiting a decision), soonest first. */
#include "due.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "model.h"
#include "plan.h"
#include "policy.h"
#include "roles.h"
#include "table.h"
#include "util.h"

/* Terms (until="") ending within this many days are listed. */
#define TERM_NOTICE_DAYS 60

static long
days_between(const struct kb_date *from, const struct kb_date *to)
{
	return kb_date_to_days(to) - kb_date_to_days(from);
}

/* Appends an item; what is taken over. */
static struct kb_due_item *
add(struct kb_due *d, const char *kind, const struct kb_record *r, char *what, const char *article)
{
	struct kb_due_item *it;

	kb_grow((void **)&d->items, &d->cap, d->n + 1, sizeof(*d->items));
	it = &d->items[d->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->record = r->id;
	it->revision = r->revision;
	it->what = what;
	it->article = article;
	return it;
}

/* Sets an item's deadline: its last day due as seen on the date, and whether it is past. */
static void
set_due(struct kb_due *d, struct kb_due_item *it, const struct kb_date *due)
{
	it->due = *due;
	it->days = days_between(&d->date, due);
	it->state = it->days < 0 ? KB_DUE_ITEM_OVERDUE : KB_DUE_ITEM_PENDING;
}

/* Whether incident record r is the highest accepted revision of its id recognised by date. */
static int
latest_revision(const struct kb_input *in, const struct kb_record *r, const struct kb_date *date)
{
	for (size_t j = 0; j < in->nrecords; j++) {
		const struct kb_record *o = &in->records[j];
		if (o != r && o->kind == KB_REC_INCIDENT && !o->rejected && o->res.policy != NULL &&
		    kb_date_cmp(&o->date, date) <= 0 && strcmp(o->id, r->id) == 0 &&
		    (o->revision > r->revision || (o->revision == r->revision && o > r)))
			return 0;
	}
	return 1;
}

/*
 * incident-report and 個人情報保護法第68条第1項: the duties of each incident
 * known on the date, as its latest revision states them, that are not
 * done by then. A duty is judged on its last day still in time: the PPC
 * 速報's target K+3 while ahead, K+5 once that has passed.
 */
static void
incident_items(const struct kb_input *in, struct kb_due *d)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		struct kb_duty *v;
		size_t n;
		if (r->kind != KB_REC_INCIDENT || r->rejected || r->res.policy == NULL ||
		    kb_date_cmp(&r->date, &d->date) > 0 || !latest_revision(in, r, &d->date))
			continue;
		n = kb_policy_duties(in, r, KB_AUD_CIO, &d->date, &v);
		for (size_t k = 0; k < n; k++) {
			const struct kb_duty *u = &v[k];
			struct kb_due_item *it;
			if (u->state != KB_DUE_PENDING && u->state != KB_DUE_OVERDUE)
				continue;
			it = add(d, kb_policy_duty_kind(&in->org, u), r,
			         kb_policy_duty_what(&in->org, u),
			         kb_policy_duty_article(&in->org, u));
			it->revision = u->revision;
			if (u->authority >= 0)
				it->authority = in->org.authorities[u->authority].id;
			set_due(d, it, kb_date_cmp(&d->date, &u->due) <= 0 ? &u->due : &u->late);
		}
		free(v);
	}
}

/*
 * dx-report: the 情報管理者 reports each DX推進員 nominated, on the day of
 * the nomination; owed while the plan issues no report by the date.
 */
static void
nomination_report_items(const struct kb_input *in, const struct kb_plan *plan, struct kb_due *d)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		int issued = 0;
		char *name;
		if (r->kind != KB_REC_NOMINATION || r->rejected || r->standing ||
		    r->nom_kind != KB_NOM_DX_PROMOTER || kb_date_cmp(&r->date, &d->date) > 0)
			continue;
		for (size_t k = 0; plan != NULL && k < plan->ndocs; k++)
			if (plan->docs[k].rec == r &&
			    strcmp(plan->docs[k].kind, "nomination-report") == 0 &&
			    kb_date_cmp(&plan->docs[k].issue, &d->date) <= 0)
				issued = 1;
		if (issued)
			continue;
		name = kb_ctx_full_name(&in->org, r->nominee);
		set_due(d,
		        add(d, "nomination-report", r,
		            kb_asprintf("DX推進員の指名の報告（%s）", name),
		            kb_art_cite(in->org.cite, KB_ART_DX_REPORT)),
		        &r->date);
		free(name);
	}
}

/* The role a nomination grants, as a clerk names it: "DX推進員（市民課）", "DX推進部会部会員". */
static char *
nominated_role(const struct kb_org *org, const struct kb_record *r)
{
	const char *title = kb_nom_kinds[r->nom_kind].title;

	if (r->nom_kind == KB_NOM_DX_PROMOTER)
		return r->scope >= 0 ? kb_asprintf("%s（%s）", title, org->units[r->scope].name)
		                     : kb_strdup(title);
	if (r->body >= 0)
		return kb_asprintf("%s%s", org->bodies[r->body].name, title);
	return kb_strdup(title);
}

/*
 * Whether record r's term (until="") is carried on by a later record of
 * the same kind for the same person (and role, scope and body) that
 * starts by the day after it ends and runs longer.
 */
static int
renewed(const struct kb_input *in, const struct kb_record *r)
{
	struct kb_date next;

	kb_date_from_days(kb_date_to_days(&r->until) + 1, &next);
	for (size_t j = 0; j < in->nrecords; j++) {
		const struct kb_record *o = &in->records[j];
		if (o == r || o->rejected || o->kind != r->kind ||
		    kb_date_cmp(&o->date, &r->date) <= 0 || kb_date_cmp(&o->date, &next) > 0 ||
		    (o->until.y != 0 && kb_date_cmp(&o->until, &r->until) <= 0))
			continue;
		if (r->kind == KB_REC_APPOINTMENT && o->cio_assistant && o->person == r->person)
			return 1;
		if (r->kind == KB_REC_NOMINATION && o->nom_kind == r->nom_kind &&
		    o->nominee == r->nominee && o->body == r->body && o->scope == r->scope)
			return 1;
	}
	return 0;
}

/* Whether a term ending on until is in force on the date and ends within the notice period. */
static int
term_ending(const struct kb_due *d, const struct kb_record *r)
{
	long left;

	if (r->until.y == 0 || kb_date_cmp(&r->date, &d->date) > 0)
		return 0;
	left = days_between(&d->date, &r->until);
	return left >= 0 && left <= TERM_NOTICE_DAYS;
}

/* cio-assistant and the nominated roles (dx-promoter to csirt): CIO補佐官 terms and nominated roles
 * ending soon, not renewed. */
static void
term_items(const struct kb_input *in, struct kb_due *d)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		char *name, *role;
		if (r->rejected || !term_ending(d, r) || renewed(in, r))
			continue;
		if (r->kind == KB_REC_APPOINTMENT && r->cio_assistant) {
			name = kb_ctx_full_name(&in->org, r->person);
			const struct kb_role_info *ri = &kb_role_info[KB_ROLE_CIO_ASSISTANT];
			set_due(d,
			        add(d, "cio-assistant-term", r,
			            kb_asprintf("%sの任期満了（%s）", ri->name, name),
			            kb_art_cite(in->org.cite, ri->article)),
			        &r->until);
			free(name);
		} else if (r->kind == KB_REC_NOMINATION && r->nom_kind != KB_NOM_NONE &&
		           kb_nomination_in_force(in, i, &d->date, in->nrecords, NULL, NULL)) {
			name = kb_ctx_full_name(&in->org, r->nominee);
			role = nominated_role(&in->org, r);
			set_due(d,
			        add(d, "term-end", r, kb_asprintf("%sの任期満了（%s）", role, name),
			            kb_art_cite(in->org.cite, kb_nom_kinds[r->nom_kind].article)),
			        &r->until);
			free(name);
			free(role);
		}
	}
}

/*
 * system-plan: a plan consulted on or before the date that no revision has
 * decided by then waits for the CIO's answer (no deadline); listed once,
 * under its latest revision, since its first 協議.
 */
static void
plan_items(const struct kb_input *in, struct kb_due *d)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		struct kb_date since = r->date;
		int decided = 0, later = 0;
		struct kb_due_item *it;
		if (r->kind != KB_REC_SYSTEM_PLAN || r->rejected || r->plan == NULL ||
		    kb_date_cmp(&r->date, &d->date) > 0)
			continue;
		for (size_t j = 0; j < in->nrecords; j++) {
			const struct kb_record *o = &in->records[j];
			if (o->kind != KB_REC_SYSTEM_PLAN || o->rejected || o->plan == NULL ||
			    strcmp(o->id, r->id) != 0 || kb_date_cmp(&o->date, &d->date) > 0)
				continue;
			if (o->plan->decided.y != 0 &&
			    kb_date_cmp(&o->plan->decided, &d->date) <= 0)
				decided = 1;
			if (o->revision > r->revision || (o->revision == r->revision && j > i))
				later = 1;
			if (kb_date_cmp(&o->date, &since) < 0)
				since = o->date;
		}
		if (decided || later)
			continue;
		it = add(d, "plan-decision", r,
		         kb_asprintf("%sの協議に対するCIOの承認", r->plan->name),
		         kb_art_cite(in->org.cite, r->plan->kind == KB_PLAN_NEW
		                                       ? KB_ART_SYSTEM_PLAN
		                                       : KB_ART_SYSTEM_PLAN_RENEWAL));
		it->state = KB_DUE_ITEM_WAITING;
		it->since = since;
		it->days = days_between(&since, &d->date);
	}
}

/* Soonest first; waiting items last, the oldest first; then by record and kind. */
static int
item_cmp(const void *a, const void *b)
{
	const struct kb_due_item *x = a, *y = b;
	int c;

	if ((x->state == KB_DUE_ITEM_WAITING) != (y->state == KB_DUE_ITEM_WAITING))
		return x->state == KB_DUE_ITEM_WAITING ? 1 : -1;
	c = x->state == KB_DUE_ITEM_WAITING ? kb_date_cmp(&x->since, &y->since)
	                                    : kb_date_cmp(&x->due, &y->due);
	if (c == 0)
		c = strcmp(x->record, y->record);
	if (c == 0)
		c = x->revision - y->revision;
	if (c == 0)
		c = strcmp(x->what, y->what);
	return c;
}

void
kb_due_build(const struct kb_input *in, const struct kb_plan *plan, const struct kb_date *date,
             struct kb_due *out)
{
	memset(out, 0, sizeof(*out));
	out->date = *date;
	incident_items(in, out);
	nomination_report_items(in, plan, out);
	term_items(in, out);
	plan_items(in, out);
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), item_cmp);
	for (size_t i = 0; i < out->n; i++)
		out->overdue += out->items[i].state == KB_DUE_ITEM_OVERDUE;
}

void
kb_due_free(struct kb_due *d)
{
	for (size_t i = 0; d != NULL && i < d->n; i++)
		free(d->items[i].what);
	if (d != NULL)
		free(d->items);
}

static const char *const state_names[] = {"overdue", "pending", "waiting"};

static char *
iso(const struct kb_date *d)
{
	return d->y == 0 ? kb_strdup("") : kb_asprintf("%04d-%02d-%02d", d->y, d->m, d->d);
}

/* "あと19日", "本日まで", "3日超過", "協議から22日". */
static char *
days_text(const struct kb_due_item *it)
{
	switch (it->state) {
	case KB_DUE_ITEM_OVERDUE:
		return kb_asprintf("%ld日超過", -it->days);
	case KB_DUE_ITEM_PENDING:
		return it->days == 0 ? kb_strdup("本日まで") : kb_asprintf("あと%ld日", it->days);
	default:
		return kb_asprintf("協議から%ld日", it->days);
	}
}

char *
kb_due_text(const struct kb_due *d)
{
	static const char *const head[] = {"期限", "残り日数", "義務", "記録", "根拠"};
	kb_buf b = {0};
	char ***cells = kb_calloc(d->n + 1, sizeof(*cells));
	size_t width[5] = {0};
	char *day = kb_wareki(&d->date, 0), *today = iso(&d->date);

	kb_buf_printf(&b, "%s（%s）現在の期限\n", day ? day : today, today);
	free(day);
	free(today);
	for (size_t i = 0; i <= d->n; i++) {
		cells[i] = kb_calloc(5, sizeof(**cells));
		if (i == 0) {
			for (int c = 0; c < 5; c++)
				cells[0][c] = kb_strdup(head[c]);
		} else {
			const struct kb_due_item *it = &d->items[i - 1];
			cells[i][0] = it->due.y ? iso(&it->due) : kb_strdup("－");
			cells[i][1] = days_text(it);
			cells[i][2] = kb_strdup(it->what);
			cells[i][3] = kb_strdup(it->record);
			cells[i][4] = kb_strdup(it->article);
		}
		for (int c = 0; c < 5; c++)
			if (kb_display_width(cells[i][c]) > width[c])
				width[c] = kb_display_width(cells[i][c]);
	}
	for (size_t i = 0; i <= d->n && d->n > 0; i++) {
		for (int c = 0; c < 4; c++)
			kb_buf_pad(&b, cells[i][c], width[c] + 2);
		kb_buf_printf(&b, "%s\n", cells[i][4]);
	}
	for (size_t i = 0; i <= d->n; i++) {
		for (int c = 0; c < 5; c++)
			free(cells[i][c]);
		free(cells[i]);
	}
	free(cells);
	if (d->n == 0)
		kb_buf_puts(&b, "期限の来る義務はない。\n");
	kb_buf_printf(&b, "%zu 件（うち期限超過 %zu 件）\n", d->n, d->overdue);
	return kb_buf_take(&b);
}

char *
kb_due_csv(const struct kb_due *d)
{
	static const char *const head[] = {"due",       "days",  "obligation", "record",
	                                   "article",   "state", "kind",       "revision",
	                                   "authority", "since", "elapsed"};
	struct kb_table t;
	kb_buf b = {0};

	kb_table_init(&t, 11, head);
	for (size_t i = 0; i < d->n; i++) {
		const struct kb_due_item *it = &d->items[i];
		int waiting = it->state == KB_DUE_ITEM_WAITING;
		char *due = iso(&it->due), *since = iso(&it->since);
		char *days = kb_asprintf("%ld", it->days);
		char *rev = kb_asprintf("%d", it->revision);
		kb_table_row(&t, NULL, due, waiting ? NULL : days, it->what, it->record,
		             it->article, state_names[it->state], it->kind, rev, it->authority,
		             since, waiting ? days : NULL);
		free(due), free(since), free(days), free(rev);
	}
	kb_table_csv(&b, &t);
	kb_table_free(&t);
	return kb_buf_take(&b);
}

xmlDoc *
kb_due_xml(const struct kb_due *d)
{
	xmlDoc *x = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"due");
	char buf[32];

	xmlDocSetRootElement(x, root);
	kb_ctx_set_date(root, "date", &d->date);
	snprintf(buf, sizeof(buf), "%zu", d->n);
	kb_ctx_set(root, "count", buf);
	snprintf(buf, sizeof(buf), "%zu", d->overdue);
	kb_ctx_set(root, "overdue", buf);
	for (size_t i = 0; i < d->n; i++) {
		const struct kb_due_item *it = &d->items[i];
		xmlNode *n = xmlNewTextChild(root, NULL, (const xmlChar *)"obligation",
		                             (const xmlChar *)it->what);
		kb_ctx_set(n, "state", state_names[it->state]);
		kb_ctx_set(n, "kind", it->kind);
		kb_ctx_set(n, "record", it->record);
		snprintf(buf, sizeof(buf), "%d", it->revision);
		kb_ctx_set(n, "revision", buf);
		kb_ctx_set(n, "authority", it->authority);
		kb_ctx_set(n, "article", it->article);
		kb_ctx_set_date(n, "due", &it->due);
		kb_ctx_set_date(n, "since", &it->since);
		snprintf(buf, sizeof(buf), "%ld", it->days);
		kb_ctx_set(n, it->state == KB_DUE_ITEM_WAITING ? "elapsed" : "days", buf);
	}
	return x;
}
