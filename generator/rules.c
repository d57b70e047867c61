/* rules.c — rule checks over the records, each naming its article of the regulation. */
#include "rules.h"

#include <string.h>

#include "diag.h"
#include "model.h"
#include "roles.h"

static const struct {
	const char *kind;    /* nomination kind in the input */
	const char *article; /* the article that empowers the nominator */
	const char *role;    /* the role conferred */
} nomkinds[] = {
    {"dx-promoter", "第8条第2項", "DX推進員"},
    {"subcommittee-member", "第12条第2項", "部会員"},
    {"subcommittee-chair", "第12条第3項", "部会長"},
    {"working-group-member", "第13条第2項", "ワーキング会議の構成員"},
    {"working-group-convener", "第13条第3項", "ワーキング会議の座長"},
    {"csirt-member", "第14条第2項", "CSIRTの構成員"},
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

static void
violation(struct kb_record *r, const char *rule, const char *article, const char *msg)
{
	kb_diag(KB_ERROR, &(struct kb_loc){r->src.file, r->src.line, r->id}, rule, article, "%s",
	        msg);
	r->rejected = 1;
}

/*
 * 第8条第2項: a DX推進員 is one of the staff of a division, nominated by
 * that division's 情報管理者 (its 課長, 第7条).
 */
static void
check_dx(const struct kb_org *org, struct kb_record *r)
{
	int staff = 0;

	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i];
		const struct kb_post *head;
		if (p->person != r->nominee || p->rank != KB_RANK_STAFF || p->unit < 0 ||
		    !org->units[p->unit].division || !kb_post_held(p, &r->date))
			continue;
		staff = 1;
		head = kb_post_in(org, KB_RANK_DIV_HEAD, p->unit, &r->date);
		if (head != NULL && head->person == r->nominator)
			return;
	}
	if (!staff)
		violation(r, "dx-nominee-staff", "第8条第2項",
		          "指名される者がその日に課等の職員（staff）の職にありません");
	else
		violation(r, "dx-nominator", "第8条第2項",
		          "指名者がその日に被指名者の課等の情報管理者（課長）ではありません");
}

void
kb_rules_check(struct kb_input *in)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		struct kb_record *r = &in->records[i];
		/* Standing nominations predate the base posts: references only. */
		if (r->rejected || r->standing || r->kind != KB_REC_NOMINATION)
			continue;
		if (r->nominator >= 0 && r->nominator == r->nominee) {
			violation(r, "self-nomination", kb_rules_nomination_article(r->kindname),
			          "指名者と被指名者が同じ人です");
			continue;
		}
		if (r->kindname != NULL && strcmp(r->kindname, "dx-promoter") == 0)
			check_dx(&in->org, r);
	}
}
