/* rules.c — the rules of the regulation over the records, each with a stable id and the article it
 * enforces. */
#include "rules.h"

#include <glib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "policy.h"
#include "resolve.h"
#include "roles.h"
#include "util.h"

/* Reports a violation of rule id by record r (at line when not 0) and rejects r. */
static void violation(struct kb_record *r, long line, const char *id, enum kb_art article,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
violation(struct kb_record *r, long line, const char *id, enum kb_art article, const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kb_diagc_art(kb_diag_find(id),
	             &(struct kb_loc){r->src.file, line ? line : r->src.line, r->id}, article, "%s",
	             b.data);
	kb_buf_free(&b);
	r->rejected = 1;
}

/* How a person is named in messages: "情報政策課長 谷口（p013）"; caller frees. */
static char *
who(const struct kb_org *org, int person, const struct kb_date *d)
{
	const struct kb_post *p;
	kb_buf b = {0};

	if (person < 0)
		return kb_strdup("（不明）");
	p = kb_post_main(org, person, d);
	if (p != NULL) {
		char *t = kb_post_title(org, p);
		if (p->rank == KB_RANK_STAFF && p->unit >= 0)
			kb_buf_printf(&b, "%s", org->units[p->unit].name);
		kb_buf_printf(&b, "%s ", t);
		free(t);
	}
	kb_buf_printf(&b, "%s%s（%s%s）", org->persons[person].family, org->persons[person].given,
	              org->persons[person].id, p ? "" : "、職なし");
	return kb_buf_take(&b);
}

static void
check_nomination(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	const struct kb_resolved *res = &r->res;
	const struct kb_date *d = &r->date;
	const struct kb_body *body = r->body >= 0 ? &org->bodies[r->body] : NULL;
	char *a = NULL, *b = NULL;

	if (r->nominator >= 0 && r->nominator == r->nominee) {
		violation(r, 0, "self-nomination", kb_nom_kinds[r->nom_kind].article,
		          "指名者と被指名者が同じ人（%s）です", org->persons[r->nominee].id);
		return;
	}
	a = who(org, r->nominator, d);
	b = who(org, r->nominee, d);
	switch (r->nom_kind) {
	case KB_NOM_DX_PROMOTER: {
		if (!res->nominee_staff)
			violation(r, 0, "dx-nominee-staff", KB_ART_NONE,
			          "被指名者 %s はその日に課等の職員（staff）ではありません", b);
		else if (r->scope < 0)
			violation(r, 0, "dx-nominator", KB_ART_NONE,
			          "指名者 %s はその日に被指名者 %s "
			          "の課等の情報管理者（課長）ではありません",
			          a, b);
		break;
	}
	case KB_NOM_SUBCOMMITTEE_MEMBER:
	case KB_NOM_SUBCOMMITTEE_CHAIR: {
		int chair = r->nom_kind == KB_NOM_SUBCOMMITTEE_CHAIR;
		if (body == NULL || body->wg)
			violation(r, 0, "subcommittee-body", KB_ART_NONE,
			          "body=\"%s\" は部会ではありません", body ? body->id : "");
		else if (res->cio != r->nominator)
			violation(
			    r, 0, chair ? "subcommittee-chair-nominator" : "subcommittee-nominator",
			    KB_ART_NONE, "指名者 %s はその日の委員長（CIO）ではありません", a);
		else if (!chair && !res->nominee_div_head)
			violation(r, 0, "subcommittee-nominee", KB_ART_NONE,
			          "被指名者 %s "
			          "はネットワーク管理者・システム業務管理者・情報管理者（課長）の"
			          "いずれでもありません",
			          b);
		else if (chair && !res->nominee_member)
			violation(r, 0, "subcommittee-chair-member", KB_ART_NONE,
			          "被指名者 %s はその日に%sの部会員ではありません", b, body->name);
		break;
	}
	case KB_NOM_WG_MEMBER:
	case KB_NOM_WG_CONVENER: {
		int convener = r->nom_kind == KB_NOM_WG_CONVENER;
		int parent = res->parent;
		if (body == NULL || !body->wg)
			violation(r, 0, "wg-body", KB_ART_NONE,
			          "body=\"%s\" はワーキング会議ではありません",
			          body ? body->id : "");
		else if (convener && res->parent_chair != r->nominator)
			violation(r, 0, "wg-convener-nominator", KB_ART_NONE,
			          "指名者 %s はその日に%sの部会長ではありません", a,
			          org->bodies[parent].name);
		else if (!convener && res->parent_chair != r->nominator &&
		         !res->nominator_parent_member)
			violation(r, 0, "wg-nominator", KB_ART_NONE,
			          "指名者 %s はその日に%sの部会長でも部会員でもありません", a,
			          org->bodies[parent].name);
		else if (convener && !res->nominee_member)
			violation(r, 0, "wg-convener-member", KB_ART_NONE,
			          "被指名者 %s はその日に%sの構成員ではありません", b, body->name);
		break;
	}
	case KB_NOM_CSIRT_MEMBER:
		if (res->cio != r->nominator)
			violation(r, 0, "csirt-nominator", KB_ART_NONE,
			          "指名者 %s はその日のCIOではありません", a);
		else if (!res->nominee_div_head && !res->nominee_dept_head)
			violation(r, 0, "csirt-nominee", KB_ART_NONE,
			          "被指名者 %s "
			          "は情報統括管理者・情報責任者・ネットワーク管理者・情報管理者・"
			          "システム業務管理者のいずれでもありません",
			          b);
		break;
	default:
		break;
	}
	free(a);
	free(b);
}

/* Checks of an appointment that need no posts; made before appointments are applied. */
static void
check_appointment_static(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;

	if (r->cio_assistant && r->until.y != 0 && kb_date_cmp(&r->until, &r->date) < 0)
		violation(r, 0, "cio-assistant-term", KB_ART_NONE,
		          "任期の終わり（until=%04d-%02d-%02d）が任命日より前です", r->until.y,
		          r->until.m, r->until.d);
	if (r->has_post) {
		const struct kb_unit *u = r->post_unit >= 0 ? &org->units[r->post_unit] : NULL;
		if ((r->post_rank == KB_RANK_DIV_HEAD || r->post_rank == KB_RANK_STAFF) &&
		    (u == NULL || !u->division))
			violation(r, 0, "appointment-unit-kind", KB_ART_INFO_MANAGER,
			          "課長級・職員の職は課等に置かれますが、unit=\"%s\" "
			          "は課等ではありません",
			          u ? u->id : "");
		else if (r->post_rank == KB_RANK_DEPT_HEAD && (u == NULL || u->division))
			violation(
			    r, 0, "appointment-unit-kind", KB_ART_INFO_OFFICER,
			    "部長級の職は部等に置かれますが、unit=\"%s\" は部等ではありません",
			    u ? u->id : "");
		for (size_t k = 0; k < r->npost_charge; k++)
			if (org->units[r->post_charge[k]].division)
				violation(r, 0, "appointment-unit-kind", KB_ART_CIO,
				          "副市長の担当（charge）は部等ですが、%s は課等です",
				          org->units[r->post_charge[k]].id);
	}
}

/* Checks of appointments that need no posts, before kb_roles_apply moves anybody. */
static void
rules_pre(struct kb_input *in)
{
	for (size_t i = 0; i < in->nrecords; i++)
		if (!in->records[i].rejected && in->records[i].kind == KB_REC_APPOINTMENT &&
		    in->records[i].xml != NULL)
			check_appointment_static(in, i);
}

/* leaves="UNIT" must leave something: a post this appointment ended. */
static void
check_appointment(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;

	if (r->leaves != NULL && strcmp(r->leaves, "all") != 0) {
		if (!r->res.left)
			violation(r, 0, "appointment-leaves", KB_ART_NONE,
			          "%s はその日に leaves=\"%s\" の所属に職を持っていません",
			          org->persons[r->person].id, r->leaves);
	}
}

static void
check_incident(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	const struct kb_incident *inc = r->inc;

	if (inc->occurred.valid && inc->recognized.valid && inc->recognized.at < inc->occurred.at)
		violation(r, inc->recognized.src.line, "incident-recognized-order", KB_ART_NONE,
		          "認知日時（%s）が発生日時（%s）より前です", inc->recognized.text,
		          inc->occurred.text);
	if (inc->division >= 0 && !org->units[inc->division].division)
		violation(r, inc->division_src.line, "incident-division", KB_ART_NONE,
		          "発生部署 %s（%s）は課等ではありません", org->units[inc->division].name,
		          org->units[inc->division].id);
}

static void
check_plan(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	const struct kb_sysplan *pl = r->plan;

	if (r->res.division_head < 0 || r->res.division_head != pl->planner) {
		char *p = who(org, pl->planner, &r->date);
		violation(r, 0, "plan-planner", KB_ART_NONE,
		          "企画者 %s はその日に%sの課長ではありません", p,
		          pl->division >= 0 ? org->units[pl->division].name : "");
		free(p);
	}
	if (pl->kind != KB_PLAN_NEW) {
		if (pl->system < 0)
			violation(
			    r, 0, "plan-system", KB_ART_NONE,
			    "更新・改修（kind=\"%s\"）には対象システム system=\"…\" が必要です",
			    kb_plan_kind_names[pl->kind]);
		else if (org->systems[pl->system].division != pl->division)
			violation(r, 0, "plan-system", KB_ART_NONE,
			          "%s は%sが所管するシステムではありません",
			          org->systems[pl->system].name,
			          pl->division >= 0 ? org->units[pl->division].name : "");
	}
	if (pl->conformity_blank)
		violation(r, pl->conformity_src.line, "plan-conformity", KB_ART_NONE,
		          "情報システム最適化指針への適合状況（<conformity>）が空です");
	if (pl->result != KB_DECISION_NONE && pl->decided.y != 0) {
		if (kb_date_cmp(&pl->decided, &r->date) < 0)
			violation(r, pl->decision_src.line, "plan-decision-date", KB_ART_NONE,
			          "承認の日が協議の日より前です");
		else if (r->res.decision_cio < 0 || r->res.decision_cio != pl->decided_by) {
			char *p = who(org, pl->decided_by, &pl->decided);
			violation(r, pl->decision_src.line, "plan-decision-cio", KB_ART_NONE,
			          "承認者 %s はその日のCIOではありません", p);
			free(p);
		}
	}
}

/* Warns when issued (the date documents carry) is before day, the date of what they print. */
static void
issued_after(const struct kb_record *r, const struct kb_date *issued, const struct kb_date *day,
             long line, enum kb_art article, const char *what)
{
	if (day->y == 0 || kb_date_cmp(day, issued) <= 0)
		return;
	kb_diagc_art(
	    KB_D_ISSUED_BEFORE_EVENT,
	    &(struct kb_loc){r->src.file, line ? line : r->src.line, r->id}, article,
	    "issued=\"%04d-%02d-%02d\" の文書が、その後の %04d-%02d-%02d の%sを記載しています"
	    "（issued を %04d-%02d-%02d 以後にしてください）",
	    issued->y, issued->m, issued->d, day->y, day->m, day->d, what, day->y, day->m, day->d);
}

/*
 * issued="" fixes the date of a revision's documents: warn when it is
 * before an event they print (a report cannot tell what happened after
 * it was sent). Without issued="", the date is never before a printed
 * event (policy.c), so only given dates are judged. A warning: the
 * documents are still produced.
 */
static void
check_issued(const struct kb_record *r)
{
	if (r->kind == KB_REC_INCIDENT && r->inc->issued.y != 0) {
		const struct kb_incident *inc = r->inc;
		const struct kb_date *is = &inc->issued;
		issued_after(r, is, &inc->occurred.day, inc->occurred.src.line, KB_ART_NONE,
		             "発生");
		issued_after(r, is, &inc->recognized.day, inc->recognized.src.line, KB_ART_NONE,
		             "認知");
		for (size_t k = 0; k < inc->nevents; k++)
			issued_after(r, is, &inc->events[k].day, inc->events[k].src.line,
			             KB_ART_NONE, "経過（timeline の出来事）");
		if (inc->personal.present)
			issued_after(r, is, &inc->personal.published, 0, KB_ART_NONE, "公表");
	} else if (r->kind == KB_REC_SYSTEM_PLAN && r->plan->issued.y != 0) {
		const struct kb_sysplan *pl = r->plan;
		issued_after(r, &pl->issued, &r->date, 0, KB_ART_SYSTEM_PLAN, "協議");
		if (pl->result != KB_DECISION_NONE)
			issued_after(r, &pl->issued, &pl->decided, pl->decision_src.line,
			             KB_ART_SYSTEM_PLAN, "承認等の決定");
	}
}

/* Judges record i against the rules of the regulation as of its date (resolved first). */
static void
judge(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];

	if (r->rejected || r->xml == NULL || r->standing)
		return; /* standing nominations are checked for references only */
	if (r->kind != KB_REC_APPOINTMENT && r->res.cio < 0) {
		int pp = kb_unit_by_function(&in->org, "policy-planning");
		violation(r, 0, "cio-vacant", KB_ART_NONE,
		          "%04d-%02d-%02d にCIO（%sを担当する副市長）がいません", r->date.y,
		          r->date.m, r->date.d,
		          pp >= 0 ? in->org.units[pp].name : "policy-planning の部");
		return;
	}
	switch (r->kind) {
	case KB_REC_NOMINATION:
		check_nomination(in, i);
		break;
	case KB_REC_APPOINTMENT:
		check_appointment(in, i);
		break;
	case KB_REC_INCIDENT:
		check_incident(in, i);
		break;
	case KB_REC_SYSTEM_PLAN:
		check_plan(in, i);
		break;
	}
	if (!r->rejected)
		check_issued(r);
}

/* The date a revision's documents carry (the CIO's, the latest of them). */
static struct kb_date
revision_date(const struct kb_record *r)
{
	if (r->kind == KB_REC_INCIDENT)
		return kb_policy_issue_for(r, KB_AUD_CIO);
	return r->plan->issued.y != 0 ? r->plan->issued : r->date;
}

static int
by_revision(gconstpointer a, gconstpointer b)
{
	const struct kb_record *x = *(struct kb_record *const *)a,
	                       *y = *(struct kb_record *const *)b;

	return (x->revision > y->revision) - (x->revision < y->revision);
}

/*
 * The revisions of one incident or system plan are its reports 第1報,
 * 第2報, …: each follows the one before, so they run without a gap and a
 * later one is not dated before an earlier one (it would take the lower
 * number and cite a report not yet sent). A revision that breaks this is
 * rejected; revisions below the lowest given (issued by earlier runs) are
 * not asked for.
 */
static void
check_revisions(struct kb_input *in)
{
	GHashTable *ids =
	    g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
	GHashTableIter it;
	gpointer key, value;

	for (size_t i = 0; i < in->nrecords; i++) {
		struct kb_record *r = &in->records[i];
		GPtrArray *v;
		if (r->rejected || r->id == NULL ||
		    (r->kind != KB_REC_INCIDENT && r->kind != KB_REC_SYSTEM_PLAN))
			continue;
		if ((v = g_hash_table_lookup(ids, r->id)) == NULL)
			g_hash_table_insert(ids, r->id, v = g_ptr_array_new());
		g_ptr_array_add(v, r);
	}
	g_hash_table_iter_init(&it, ids);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		GPtrArray *v = value;
		g_ptr_array_sort(v, by_revision);
		for (guint k = 1; k < v->len; k++) {
			const struct kb_record *p = g_ptr_array_index(v, k - 1);
			struct kb_record *q = g_ptr_array_index(v, k);
			struct kb_date dp = revision_date(p), dq = revision_date(q);
			if (q->revision > p->revision + 1) {
				kb_diagc(
				    KB_D_REVISION_ORDER,
				    &(struct kb_loc){q->src.file, q->src.line, q->id},
				    "revision %d follows revision %d (%s:%ld): revision%s %d%s%.0d "
				    "%s missing",
				    q->revision, p->revision, p->src.file, p->src.line,
				    q->revision - p->revision > 2 ? "s" : "", p->revision + 1,
				    q->revision - p->revision > 2 ? "–" : "",
				    q->revision - p->revision > 2 ? q->revision - 1 : 0,
				    q->revision - p->revision > 2 ? "are" : "is");
				q->rejected = 1;
			} else if (dq.y != 0 && dp.y != 0 && kb_date_cmp(&dq, &dp) < 0) {
				kb_diagc(
				    KB_D_REVISION_ORDER,
				    &(struct kb_loc){q->src.file, q->src.line, q->id},
				    "revision %d is dated %04d-%02d-%02d, before revision %d "
				    "(%04d-%02d-%02d, %s:%ld): a later report is not dated before "
				    "an earlier one",
				    q->revision, dq.y, dq.m, dq.d, p->revision, dp.y, dp.m, dp.d,
				    p->src.file, p->src.line);
				q->rejected = 1;
			}
		}
	}
	g_hash_table_destroy(ids);
}

int
kb_check_run(struct kb_input *in)
{
	kb_input_finish(in);
	if (kb_diag_count(KB_FATAL) > 0)
		return -1;
	check_revisions(in);
	rules_pre(in);
	kb_roles_apply(in);
	/* Membership of a role counts the records judged before: resolve and
	 * judge each record in application order. */
	for (size_t i = 0; i < in->nrecords; i++) {
		kb_resolve_record(in, i);
		judge(in, i);
	}
	return 0;
}
