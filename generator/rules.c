/* rules.c — the rules of the regulation over the records, each with a stable id and the article it enforces. */
#include "rules.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "roles.h"
#include "util.h"

static const struct {
	const char *kind;    /* nomination kind in the input */
	const char *article; /* the article that empowers the nominator */
	const char *role;    /* the role conferred */
} nomkinds[] = {
    {"dx-promoter", "第8条第2項", "DX推進員"},
    {"subcommittee-member", "第12条第2項", "部会員"},
    {"subcommittee-chair", "第12条第3項", "部会長"},
    {"working-group-member", "第13条第2項", "構成員"},
    {"working-group-convener", "第13条第3項", "座長"},
    {"csirt-member", "第14条第2項", "CSIRT構成員"},
};

static int
nomkind(const char *kind)
{
	for (size_t i = 0; kind != NULL && i < sizeof(nomkinds) / sizeof(nomkinds[0]); i++)
		if (strcmp(nomkinds[i].kind, kind) == 0)
			return (int)i;
	return -1;
}

const char *
kb_rules_nomination_article(const char *kind)
{
	int k = nomkind(kind);
	return k < 0 ? NULL : nomkinds[k].article;
}

const char *
kb_rules_nomination_role(const char *kind)
{
	int k = nomkind(kind);
	return k < 0 ? NULL : nomkinds[k].role;
}

/* Reports a violation of rule id by record r (at node n's line when given) and rejects r. */
static void
violation(struct kb_record *r, const xmlNode *n, const char *id, const char *article,
          const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
violation(struct kb_record *r, const xmlNode *n, const char *id, const char *article,
          const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kb_diagc_art(kb_diag_find(id),
	             &(struct kb_loc){r->src.file, n ? xmlGetLineNo(n) : r->src.line, r->id},
	             article, "%s", b.data);
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

/* The division of nominee r in which the nominator is 課長 on d, or -1; *staff tells whether the nominee is staff anywhere. */
static int
dx_division(const struct kb_org *org, const struct kb_record *r, const struct kb_date *d,
            int *staff)
{
	*staff = 0;
	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i], *head;
		if (p->person != r->nominee || p->rank != KB_RANK_STAFF || p->unit < 0 ||
		    !org->units[p->unit].division || !kb_post_held(p, d))
			continue;
		*staff = 1;
		head = kb_post_in(org, KB_RANK_DIV_HEAD, p->unit, d);
		if (head != NULL && head->person == r->nominator)
			return p->unit;
	}
	return -1;
}

/* Whether person is the CIO (委員長) on d. */
static int
is_cio(const struct kb_org *org, int person, const struct kb_date *d)
{
	const struct kb_post *p = kb_cio_post(org, d);
	return p != NULL && p->person == person;
}

static void
check_nomination(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	const struct kb_date *d = &r->date;
	const struct kb_body *body = r->body >= 0 ? &org->bodies[r->body] : NULL;
	char *a = NULL, *b = NULL;

	if (r->nominator >= 0 && r->nominator == r->nominee) {
		violation(r, NULL, "self-nomination", kb_rules_nomination_article(r->kindname),
		          "指名者と被指名者が同じ人（%s）です", org->persons[r->nominee].id);
		return;
	}
	a = who(org, r->nominator, d);
	b = who(org, r->nominee, d);
	if (strcmp(r->kindname, "dx-promoter") == 0) {
		int staff;
		r->scope = dx_division(org, r, d, &staff);
		if (!staff)
			violation(r, NULL, "dx-nominee-staff", NULL,
			          "被指名者 %s はその日に課等の職員（staff）ではありません", b);
		else if (r->scope < 0)
			violation(r, NULL, "dx-nominator", NULL,
			          "指名者 %s はその日に被指名者 %s の課等の情報管理者（課長）ではありません", a,
			          b);
	} else if (strcmp(r->kindname, "subcommittee-member") == 0 ||
	           strcmp(r->kindname, "subcommittee-chair") == 0) {
		int chair = strcmp(r->kindname, "subcommittee-chair") == 0;
		if (body == NULL || body->wg)
			violation(r, NULL, "subcommittee-body", NULL, "body=\"%s\" は部会ではありません",
			          body ? body->id : "");
		else if (!is_cio(org, r->nominator, d))
			violation(r, NULL, chair ? "subcommittee-chair-nominator" : "subcommittee-nominator",
			          NULL, "指名者 %s はその日の委員長（CIO）ではありません", a);
		else if (!chair && kb_post_of(org, r->nominee, KB_RANK_DIV_HEAD, d) == NULL)
			violation(r, NULL, "subcommittee-nominee", NULL,
			          "被指名者 %s はネットワーク管理者・システム業務管理者・情報管理者（課長）の"
			          "いずれでもありません",
			          b);
		else if (chair &&
		         !kb_role_member(in, KB_ROLE_SUBCOMMITTEE_MEMBER, r->body, r->nominee, d, i))
			violation(r, NULL, "subcommittee-chair-member", NULL,
			          "被指名者 %s はその日に%sの部会員ではありません", b, body->name);
	} else if (strcmp(r->kindname, "working-group-member") == 0 ||
	           strcmp(r->kindname, "working-group-convener") == 0) {
		int convener = strcmp(r->kindname, "working-group-convener") == 0;
		int parent = body && body->wg ? body->parent : -1;
		if (body == NULL || !body->wg)
			violation(r, NULL, "wg-body", NULL, "body=\"%s\" はワーキング会議ではありません",
			          body ? body->id : "");
		else if (convener && kb_role_chair(in, parent, d, i) != r->nominator)
			violation(r, NULL, "wg-convener-nominator", NULL,
			          "指名者 %s はその日に%sの部会長ではありません", a, org->bodies[parent].name);
		else if (!convener && kb_role_chair(in, parent, d, i) != r->nominator &&
		         !kb_role_member(in, KB_ROLE_SUBCOMMITTEE_MEMBER, parent, r->nominator, d, i))
			violation(r, NULL, "wg-nominator", NULL,
			          "指名者 %s はその日に%sの部会長でも部会員でもありません", a,
			          org->bodies[parent].name);
		else if (convener && !kb_role_member(in, KB_ROLE_WG_MEMBER, r->body, r->nominee, d, i))
			violation(r, NULL, "wg-convener-member", NULL,
			          "被指名者 %s はその日に%sの構成員ではありません", b, body->name);
	} else if (strcmp(r->kindname, "csirt-member") == 0) {
		if (!is_cio(org, r->nominator, d))
			violation(r, NULL, "csirt-nominator", NULL, "指名者 %s はその日のCIOではありません",
			          a);
		else if (kb_post_of(org, r->nominee, KB_RANK_DIV_HEAD, d) == NULL &&
		         kb_post_of(org, r->nominee, KB_RANK_DEPT_HEAD, d) == NULL)
			violation(r, NULL, "csirt-nominee", NULL,
			          "被指名者 %s は情報統括管理者・情報責任者・ネットワーク管理者・情報管理者・"
			          "システム業務管理者のいずれでもありません",
			          b);
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

	if (r->kindname != NULL && strcmp(r->kindname, "cio-assistant") == 0 && r->until.y != 0 &&
	    kb_date_cmp(&r->until, &r->date) < 0)
		violation(r, NULL, "cio-assistant-term", NULL,
		          "任期の終わり（until=%04d-%02d-%02d）が任命日より前です", r->until.y, r->until.m,
		          r->until.d);
	if (r->has_post) {
		const struct kb_unit *u = r->post_unit >= 0 ? &org->units[r->post_unit] : NULL;
		if ((r->post_rank == KB_RANK_DIV_HEAD || r->post_rank == KB_RANK_STAFF) &&
		    (u == NULL || !u->division))
			violation(r, NULL, "appointment-unit-kind", "第7条第1項",
			          "課長級・職員の職は課等に置かれますが、unit=\"%s\" は課等ではありません",
			          u ? u->id : "");
		else if (r->post_rank == KB_RANK_DEPT_HEAD && (u == NULL || u->division))
			violation(r, NULL, "appointment-unit-kind", "第6条第1項",
			          "部長級の職は部等に置かれますが、unit=\"%s\" は部等ではありません",
			          u ? u->id : "");
		for (size_t k = 0; k < r->npost_charge; k++)
			if (org->units[r->post_charge[k]].division)
				violation(r, NULL, "appointment-unit-kind", "第3条第1項",
				          "副市長の担当（charge）は部等ですが、%s は課等です",
				          org->units[r->post_charge[k]].id);
	}
}

void
kb_rules_pre(struct kb_input *in)
{
	for (size_t i = 0; i < in->nrecords; i++)
		if (!in->records[i].rejected && in->records[i].kind == KB_REC_APPOINTMENT &&
		    in->records[i].node != NULL)
			check_appointment_static(in, i);
}

/* leaves="UNIT" must leave something: a post this appointment ended. */
static void
check_appointment(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;

	if (r->leaves != NULL && strcmp(r->leaves, "all") != 0) {
		int found = 0;
		for (size_t k = 0; k < org->nposts; k++)
			if (org->posts[k].person == r->person && org->posts[k].ended_by == r->id)
				found = 1;
		if (!found)
			violation(r, NULL, "appointment-leaves", NULL,
			          "%s はその日に leaves=\"%s\" の所属に職を持っていません",
			          org->persons[r->person].id, r->leaves);
	}
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

static void
check_incident(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	xmlNode *occ = child(r->node, "occurred"), *rec = child(r->node, "recognized");
	xmlNode *div = child(r->node, "division");
	xmlChar *oa = occ ? xmlGetProp(occ, (const xmlChar *)"at") : NULL;
	xmlChar *ra = rec ? xmlGetProp(rec, (const xmlChar *)"at") : NULL;
	long long o, k;

	if (oa != NULL && ra != NULL && kb_instant_parse((const char *)oa, &o) == 0 &&
	    kb_instant_parse((const char *)ra, &k) == 0 && k < o)
		violation(r, rec, "incident-recognized-order", NULL,
		          "認知日時（%s）が発生日時（%s）より前です", (const char *)ra, (const char *)oa);
	if (r->post_unit >= 0 && !org->units[r->post_unit].division)
		violation(r, div, "incident-division", NULL,
		          "発生部署 %s（%s）は課等ではありません", org->units[r->post_unit].name,
		          org->units[r->post_unit].id);
	xmlFree(oa);
	xmlFree(ra);
}

static int
blank(const xmlNode *n)
{
	xmlChar *s = n ? xmlNodeGetContent(n) : NULL;
	int r = 1;

	for (const xmlChar *p = s; p != NULL && *p != '\0'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			r = 0;
			break;
		}
	xmlFree(s);
	return r;
}

static void
check_plan(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	const struct kb_post *head =
	    r->post_unit >= 0 ? kb_post_in(org, KB_RANK_DIV_HEAD, r->post_unit, &r->date) : NULL;
	xmlNode *dec = child(r->node, "decision");

	if (head == NULL || head->person != r->person) {
		char *p = who(org, r->person, &r->date);
		violation(r, NULL, "plan-planner", NULL,
		          "企画者 %s はその日に%sの課長ではありません", p,
		          r->post_unit >= 0 ? org->units[r->post_unit].name : "");
		free(p);
	}
	if (r->kindname != NULL && strcmp(r->kindname, "new") != 0) {
		if (r->system < 0)
			violation(r, NULL, "plan-system", NULL,
			          "更新・改修（kind=\"%s\"）には対象システム system=\"…\" が必要です",
			          r->kindname);
		else if (org->systems[r->system].division != r->post_unit)
			violation(r, NULL, "plan-system", NULL,
			          "%s は%sが所管するシステムではありません", org->systems[r->system].name,
			          r->post_unit >= 0 ? org->units[r->post_unit].name : "");
	}
	if (blank(child(r->node, "conformity")))
		violation(r, child(r->node, "conformity"), "plan-conformity", NULL,
		          "情報システム最適化指針への適合状況（<conformity>）が空です");
	if (dec != NULL && r->decided.y != 0) {
		if (kb_date_cmp(&r->decided, &r->date) < 0)
			violation(r, dec, "plan-decision-date", NULL, "承認の日が協議の日より前です");
		else if (!is_cio(org, r->nominator, &r->decided)) {
			char *p = who(org, r->nominator, &r->decided);
			violation(r, dec, "plan-decision-cio", NULL,
			          "承認者 %s はその日のCIOではありません", p);
			free(p);
		}
	}
}

void
kb_rules_check(struct kb_input *in)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		struct kb_record *r = &in->records[i];
		if (r->rejected || r->node == NULL)
			continue;
		if (r->standing) {
			/* Standing nominations are checked for references only; a DX推進員
			 * still needs the division they serve, judged on the base date. */
			if (r->kind == KB_REC_NOMINATION && strcmp(r->kindname, "dx-promoter") == 0) {
				int staff;
				r->scope = dx_division(&in->org, r, &in->org.base, &staff);
			}
			continue;
		}
		if (r->kind != KB_REC_APPOINTMENT && kb_cio_post(&in->org, &r->date) == NULL) {
			violation(r, NULL, "cio-vacant", NULL,
			          "%04d-%02d-%02d にCIO（政策企画部を担当する副市長）がいません",
			          r->date.y, r->date.m, r->date.d);
			continue;
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
	}
}
