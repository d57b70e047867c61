/* resolve.c — resolves each record once before the rules judge it: scope, role holders, incident
 * policy. */
#include "resolve.h"

#include <string.h>

#include "model.h"
#include "orgindex.h"
#include "policy.h"
#include "roles.h"

/* The CIO (person) on d, or -1. */
static int
cio_on(const struct kb_org *org, const struct kb_date *d)
{
	const struct kb_post *p = kb_cio_post(org, d);
	return p != NULL ? p->person : -1;
}

/*
 * The division in which the nominator of r is 課長 and the nominee staff
 * on d, or -1; *staff tells whether the nominee is staff of any division.
 */
static int
dx_division(const struct kb_org *org, const struct kb_record *r, const struct kb_date *d,
            int *staff)
{
	size_t n;
	const int *v = kb_posts_of_person(org, r->nominee, &n);

	*staff = 0;
	for (size_t i = 0; i < n; i++) {
		const struct kb_post *p = &org->posts[v[i]], *head;
		if (p->rank != KB_RANK_STAFF || p->unit < 0 || !org->units[p->unit].division ||
		    !kb_post_held(p, d))
			continue;
		*staff = 1;
		head = kb_post_in(org, KB_RANK_DIV_HEAD, p->unit, d);
		if (head != NULL && head->person == r->nominator)
			return p->unit;
	}
	return -1;
}

static void
resolve_nomination(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	struct kb_resolved *res = &r->res;
	const struct kb_org *org = &in->org;
	const struct kb_date *d = &r->date;
	const struct kb_body *body = r->body >= 0 ? &org->bodies[r->body] : NULL;

	res->nominee_div_head = r->nominee >= 0 && kb_post_of(org, r->nominee, KB_RANK_DIV_HEAD, d);
	res->nominee_dept_head =
	    r->nominee >= 0 && kb_post_of(org, r->nominee, KB_RANK_DEPT_HEAD, d);
	switch (r->nom_kind) {
	case KB_NOM_DX_PROMOTER:
		r->scope = dx_division(org, r, d, &res->nominee_staff);
		break;
	case KB_NOM_SUBCOMMITTEE_CHAIR:
		if (body != NULL && !body->wg)
			res->nominee_member = kb_role_member(in, KB_ROLE_SUBCOMMITTEE_MEMBER,
			                                     r->body, r->nominee, d, i);
		break;
	case KB_NOM_WG_MEMBER:
	case KB_NOM_WG_CONVENER:
		if (body == NULL || !body->wg)
			break;
		res->parent = body->parent;
		res->parent_chair = kb_role_chair(in, res->parent, d, i);
		if (r->nom_kind == KB_NOM_WG_MEMBER)
			res->nominator_parent_member = kb_role_member(
			    in, KB_ROLE_SUBCOMMITTEE_MEMBER, res->parent, r->nominator, d, i);
		else
			res->nominee_member =
			    kb_role_member(in, KB_ROLE_WG_MEMBER, r->body, r->nominee, d, i);
		break;
	default:
		break;
	}
}

/* leaves="UNIT" must leave something: whether a post of the appointee was ended by record i. */
static int
left_a_post(const struct kb_org *org, const struct kb_record *r, size_t i)
{
	size_t n;
	const int *v = kb_posts_of_person(org, r->person, &n);

	for (size_t k = 0; k < n; k++)
		if (org->posts[v[k]].ended_by == (int)i)
			return 1;
	return 0;
}

void
kb_resolve_record(struct kb_input *in, size_t i)
{
	struct kb_record *r = &in->records[i];
	struct kb_resolved *res = &r->res;
	const struct kb_org *org = &in->org;

	if (r->rejected || r->xml == NULL || res->done)
		return;
	res->done = 1;
	res->cio = res->parent = res->parent_chair = -1;
	res->division_head = res->decision_cio = -1;
	if (r->standing) {
		/* Checked for references only; a DX推進員 still needs the division
		 * they serve, judged on the base date. */
		if (r->kind == KB_REC_NOMINATION && r->nom_kind == KB_NOM_DX_PROMOTER)
			r->scope = dx_division(org, r, &org->base, &res->nominee_staff);
		return;
	}
	res->cio = cio_on(org, &r->date);
	switch (r->kind) {
	case KB_REC_NOMINATION:
		resolve_nomination(in, i);
		break;
	case KB_REC_APPOINTMENT:
		res->left = left_a_post(org, r, i);
		break;
	case KB_REC_INCIDENT:
		res->policy = kb_policy_incident(org, r);
		break;
	case KB_REC_SYSTEM_PLAN: {
		const struct kb_sysplan *p = r->plan;
		const struct kb_post *head =
		    p->division >= 0 ? kb_post_in(org, KB_RANK_DIV_HEAD, p->division, &r->date)
		                     : NULL;
		res->division_head = head != NULL ? head->person : -1;
		if (p->decided.y != 0)
			res->decision_cio = cio_on(org, &p->decided);
		break;
	}
	}
}
