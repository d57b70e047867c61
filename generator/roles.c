/* roles.c — applies appointments to posts over time and answers who held what on a date. */
#include "roles.h"

#include <glib.h>
#include <string.h>

#include "orgindex.h"
#include "util.h"

const struct kb_role_info kb_role_info[KB_ROLE_COUNT] = {
    [KB_ROLE_CIO] = {"CIO（最高情報統括責任者）", KB_ART_CIO},
    [KB_ROLE_CIO_ASSISTANT] = {"CIO補佐官", KB_ART_CIO_ASSISTANT},
    [KB_ROLE_CHIEF_MANAGER] = {"情報統括管理者", KB_ART_CHIEF_MANAGER},
    [KB_ROLE_INFO_OFFICER] = {"情報責任者", KB_ART_INFO_OFFICER},
    [KB_ROLE_INFO_MANAGER] = {"情報管理者", KB_ART_INFO_MANAGER},
    [KB_ROLE_DX_PROMOTER] = {"DX推進員", KB_ART_DX_PROMOTER},
    [KB_ROLE_NETWORK_MANAGER] = {"ネットワーク管理者", KB_ART_NETWORK_MANAGER},
    [KB_ROLE_SYSTEM_MANAGER] = {"システム業務管理者", KB_ART_SYSTEM_MANAGER},
    [KB_ROLE_COMMITTEE_CHAIR] = {"委員長", KB_ART_COMMITTEE_CHAIR},
    [KB_ROLE_COMMITTEE_VICE] = {"副委員長", KB_ART_COMMITTEE_VICE},
    [KB_ROLE_COMMITTEE_MEMBER] = {"委員", KB_ART_COMMITTEE_MEMBER},
    [KB_ROLE_SUBCOMMITTEE_MEMBER] = {"部会員", KB_ART_SUBCOMMITTEE_MEMBER},
    [KB_ROLE_SUBCOMMITTEE_CHAIR] = {"部会長", KB_ART_SUBCOMMITTEE_CHAIR},
    [KB_ROLE_WG_MEMBER] = {"ワーキング会議構成員", KB_ART_WG_MEMBER},
    [KB_ROLE_WG_CONVENER] = {"座長", KB_ART_WG_CONVENER},
    [KB_ROLE_CSIRT_MEMBER] = {"CSIRT構成員", KB_ART_CSIRT},
};

int
kb_post_held(const struct kb_post *p, const struct kb_date *d)
{
	return kb_date_cmp(&p->from, d) <= 0 && (p->to.y == 0 || kb_date_cmp(d, &p->to) < 0);
}

/* 1 when the two vice-mayor charges share a department. */
static int
charge_overlaps(const struct kb_post *p, const int *charge, size_t n)
{
	for (size_t i = 0; i < p->ncharge; i++)
		for (size_t j = 0; j < n; j++)
			if (p->charge[i] == charge[j])
				return 1;
	return 0;
}

/* Ends post p on date d (the first day it is no longer held), by appointment i of the records. */
static void
end_post(struct kb_post *p, const struct kb_date *d, int i)
{
	if (p->to.y == 0 || kb_date_cmp(d, &p->to) < 0) {
		p->to = *d;
		p->ended_by = i;
	}
}

/* Applies appointment ri of the records to the posts. */
static void
apply_one(struct kb_org *org, const struct kb_record *r, int ri)
{
	const struct kb_date *d = &r->date;

	if (r->leaves != NULL) {
		int all = strcmp(r->leaves, "all") == 0;
		int unit = all ? -1 : kb_unit_find(org, r->leaves);
		size_t n;
		const int *v = kb_posts_of_person(org, r->person, &n);
		for (size_t i = 0; i < n; i++) {
			struct kb_post *p = &org->posts[v[i]];
			if (!kb_post_held(p, d))
				continue;
			if (all || p->unit == unit || charge_overlaps(p, &unit, 1))
				end_post(p, d, ri);
		}
	}
	if (!r->has_post)
		return;
	for (size_t i = 0; i < org->nposts; i++) {
		struct kb_post *p = &org->posts[i];
		if (!kb_post_held(p, d))
			continue;
		if (p->person == r->person) {
			/* 兼務 and 事務取扱 keep what the appointee holds. */
			if (!r->concurrent && !r->acting)
				end_post(p, d, ri);
			continue;
		}
		/* A head post has one holder: whoever held it leaves it. */
		if (r->post_rank == KB_RANK_STAFF || p->rank != r->post_rank)
			continue;
		if (r->post_rank == KB_RANK_VICE_MAYOR
		        ? charge_overlaps(p, r->post_charge, r->npost_charge)
		        : (r->post_rank == KB_RANK_MAYOR || p->unit == r->post_unit))
			end_post(p, d, ri);
	}
	{
		struct kb_post *np;
		kb_grow((void **)&org->posts, &org->capposts, org->nposts + 1, sizeof(*np));
		np = &org->posts[org->nposts++];
		memset(np, 0, sizeof(*np));
		np->person = r->person;
		np->rank = r->post_rank;
		np->title = kb_strdup(r->post_title);
		np->unit = r->post_unit;
		if (r->npost_charge > 0) {
			np->charge = kb_calloc(r->npost_charge, sizeof(int));
			memcpy(np->charge, r->post_charge, r->npost_charge * sizeof(int));
			np->ncharge = r->npost_charge;
		}
		np->from = *d;
		np->acting = r->acting;
		np->by = ri;
		np->ended_by = -1;
		np->src = r->src;
	}
}

void
kb_roles_apply(struct kb_input *in)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		if (r->kind == KB_REC_APPOINTMENT && !r->rejected && r->person >= 0)
			apply_one(&in->org, r, (int)i);
	}
}

/* The first post of list v (indexes into org->posts) held on d of the rank asked for (rank >= 0)
 * or in the unit asked for (rank < 0). */
static const struct kb_post *
first_held(const struct kb_org *org, const int *v, size_t n, int rank, int unit,
           const struct kb_date *d)
{
	for (size_t i = 0; i < n; i++) {
		const struct kb_post *p = &org->posts[v[i]];
		if ((rank >= 0 ? (int)p->rank == rank : p->unit == unit) && kb_post_held(p, d))
			return p;
	}
	return NULL;
}

const struct kb_post *
kb_post_in(const struct kb_org *org, enum kb_rank rank, int unit, const struct kb_date *d)
{
	size_t n;
	const int *v = kb_posts_of_unit(org, unit, &n);

	return first_held(org, v, n, (int)rank, -1, d);
}

const struct kb_post *
kb_post_of(const struct kb_org *org, int person, enum kb_rank rank, const struct kb_date *d)
{
	size_t n;
	const int *v = kb_posts_of_person(org, person, &n);

	return first_held(org, v, n, (int)rank, -1, d);
}

const struct kb_post *
kb_post_of_in(const struct kb_org *org, int person, int unit, const struct kb_date *d)
{
	size_t n;
	const int *v = kb_posts_of_person(org, person, &n);

	return first_held(org, v, n, -1, unit, d);
}

char *
kb_post_title(const struct kb_org *org, const struct kb_post *p)
{
	const char *title = p->title ? p->title : "", *unit;
	size_t un, cn;

	if (p->unit < 0 || p->rank == KB_RANK_STAFF)
		return kb_strdup(title);
	/* 情報政策課 + 課長 → 情報政策課長, デジタル戦略担当 + 担当課長 →
	 * デジタル戦略担当課長: the longest end of the unit's name that begins
	 * the title is the same word and is written once. Both are valid
	 * UTF-8 (load.c): a cut is whole characters when the byte after it
	 * does not continue one. Linear in the title, however long. */
	unit = org->units[p->unit].name;
	un = strlen(unit);
	for (cn = strlen(title) < un ? strlen(title) : un; cn > 0; cn--) {
		if ((title[cn] & 0xC0) == 0x80)
			continue;
		if (memcmp(unit + un - cn, title, cn) == 0 &&
		    (un == cn || (unit[un - cn] & 0xC0) != 0x80))
			break;
	}
	title += cn;
	return kb_asprintf("%s%s", unit, title);
}

const struct kb_post *
kb_post_main(const struct kb_org *org, int person, const struct kb_date *d)
{
	const struct kb_post *best = NULL;
	size_t n;
	const int *v = kb_posts_of_person(org, person, &n);

	for (size_t i = 0; i < n; i++) {
		const struct kb_post *p = &org->posts[v[i]];
		/* A post held as 事務取扱 is never the main one while there is another. */
		if (kb_post_held(p, d) && (best == NULL || (best->acting && !p->acting) ||
		                           (best->acting == p->acting && p->rank < best->rank)))
			best = p;
	}
	return best;
}

const struct kb_post *
kb_cio_post(const struct kb_org *org, const struct kb_date *d)
{
	int dept = kb_unit_by_function(org, "policy-planning");

	size_t n;
	const int *v = kb_posts_of_rank(org, KB_RANK_VICE_MAYOR, &n);

	if (dept < 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct kb_post *p = &org->posts[v[i]];
		if (!kb_post_held(p, d))
			continue;
		for (size_t k = 0; k < p->ncharge; k++)
			if (p->charge[k] == dept)
				return p;
	}
	return NULL;
}

const struct kb_post *
kb_function_head(const struct kb_org *org, const char *function, const struct kb_date *d)
{
	int u = kb_unit_by_function(org, function);

	if (u < 0)
		return NULL;
	return kb_post_in(org, org->units[u].division ? KB_RANK_DIV_HEAD : KB_RANK_DEPT_HEAD, u, d);
}

/* ---- nominations over time -------------------------------------------------- */

static int
is_kind(const struct kb_record *r, enum kb_nom_kind kind)
{
	return r->kind == KB_REC_NOMINATION && r->nom_kind == kind;
}

/* 1 when record j counts for a query limited to application position upto. */
static int
counts(const struct kb_input *in, size_t j, size_t upto)
{
	const struct kb_record *r = &in->records[j];
	return !r->rejected && (r->standing || j < upto);
}

/* The day after d. */
static struct kb_date
next_day(const struct kb_date *d)
{
	struct kb_date n;
	kb_date_from_days(kb_date_to_days(d) + 1, &n);
	return n;
}

/* Whether the nominee of r still meets the condition of its kind on d. */
static int
eligible(const struct kb_input *in, const struct kb_record *r, const struct kb_date *d, size_t upto)
{
	const struct kb_org *org = &in->org;

	switch (r->nom_kind) {
	case KB_NOM_DX_PROMOTER: {
		const struct kb_post *p =
		    r->scope >= 0 ? kb_post_of_in(org, r->nominee, r->scope, d) : NULL;
		return p != NULL && p->rank == KB_RANK_STAFF;
	}
	case KB_NOM_SUBCOMMITTEE_MEMBER:
		/* ネットワーク管理者, システム業務管理者 and 情報管理者 are all 課長. */
		return kb_post_of(org, r->nominee, KB_RANK_DIV_HEAD, d) != NULL;
	case KB_NOM_CSIRT_MEMBER:
		return kb_post_of(org, r->nominee, KB_RANK_DIV_HEAD, d) != NULL ||
		       kb_post_of(org, r->nominee, KB_RANK_DEPT_HEAD, d) != NULL;
	case KB_NOM_SUBCOMMITTEE_CHAIR:
		return kb_role_member(in, KB_ROLE_SUBCOMMITTEE_MEMBER, r->body, r->nominee, d,
		                      upto);
	case KB_NOM_WG_CONVENER:
		return kb_role_member(in, KB_ROLE_WG_MEMBER, r->body, r->nominee, d, upto);
	default:
		return 1; /* working-group-member: anyone */
	}
}

/* A later nomination of the same chair replaces r: its position, or -1. */
static long
superseded_by(const struct kb_input *in, size_t i, const struct kb_date *d, size_t upto)
{
	const struct kb_record *r = &in->records[i];
	long best = -1;

	if (!is_kind(r, KB_NOM_SUBCOMMITTEE_CHAIR) && !is_kind(r, KB_NOM_WG_CONVENER))
		return -1;
	for (size_t j = 0; j < in->nrecords; j++) {
		const struct kb_record *o = &in->records[j];
		if (j == i || !counts(in, j, upto) || o->kind != KB_REC_NOMINATION ||
		    o->body != r->body || o->nom_kind != r->nom_kind ||
		    kb_date_cmp(&o->date, d) > 0)
			continue;
		/* Later in application order means later in effect. */
		if (j > i && (best < 0 || kb_date_cmp(&o->date, &in->records[best].date) < 0))
			best = (long)j;
	}
	return best;
}

static int
date_cmp_q(const void *a, const void *b)
{
	return kb_date_cmp(a, b);
}

static void
add_date(struct kb_date **v, size_t *n, size_t *cap, const struct kb_date *x,
         const struct kb_date *lo, const struct kb_date *hi)
{
	if (x->y == 0 || kb_date_cmp(x, lo) <= 0 || kb_date_cmp(x, hi) > 0)
		return;
	kb_grow((void **)v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = *x;
}

/* Why the nominee stopped qualifying on day x: the appointment that moved them, when known. */
static char *
lost_cause(const struct kb_input *in, const struct kb_record *r, const struct kb_date *x)
{
	const struct kb_org *org = &in->org;
	size_t n;
	const int *v = kb_posts_of_person(org, r->nominee, &n);

	for (size_t k = 0; k < n; k++) {
		const struct kb_post *p = &org->posts[v[k]];
		if (p->to.y != 0 && kb_date_cmp(&p->to, x) == 0 && p->ended_by >= 0) {
			char *t = kb_post_title(org, p);
			char *c = kb_asprintf("%sにより%sの職を離れ、資格を失った",
			                      in->records[p->ended_by].id, t);
			free(t);
			return c;
		}
	}
	return kb_strdup("被指名者の要件を満たさなくなった");
}

int
kb_nomination_in_force(const struct kb_input *in, size_t i, const struct kb_date *d, size_t upto,
                       struct kb_date *end, char **cause)
{
	const struct kb_record *r = &in->records[i];
	const struct kb_org *org = &in->org;
	struct kb_date start = r->date, *v = NULL;
	size_t nv = 0, capv = 0, npost;
	const int *post = kb_posts_of_person(org, r->nominee, &npost);
	long sup;
	int in_force = 1;

	if (cause != NULL)
		*cause = NULL;
	if (r->kind != KB_REC_NOMINATION || !counts(in, i, upto) || kb_date_cmp(&r->date, d) > 0)
		return 0;
	/* Standing nominations are judged from the base date, when posts are known. */
	if (kb_date_cmp(&start, &org->base) < 0)
		start = org->base;
	if (kb_date_cmp(d, &start) < 0)
		return 1;
	/* The state can only change on days when a post of the nominee changes,
	 * a term ends, or (for chairs) a nomination of theirs ends. */
	kb_grow((void **)&v, &capv, 1, sizeof(*v));
	v[nv++] = start;
	for (size_t k = 0; k < npost; k++) {
		const struct kb_post *p = &org->posts[post[k]];
		add_date(&v, &nv, &capv, &p->from, &start, d);
		add_date(&v, &nv, &capv, &p->to, &start, d);
	}
	if (r->until.y != 0) {
		struct kb_date u = next_day(&r->until);
		add_date(&v, &nv, &capv, &u, &start, d);
	}
	for (size_t j = 0; j < in->nrecords; j++) {
		const struct kb_record *o = &in->records[j];
		if (j != i && o->kind == KB_REC_NOMINATION && o->nominee == r->nominee &&
		    o->until.y != 0) {
			struct kb_date u = next_day(&o->until);
			add_date(&v, &nv, &capv, &u, &start, d);
		}
	}
	qsort(v, nv, sizeof(*v), date_cmp_q);
	sup = superseded_by(in, i, d, upto);
	for (size_t k = 0; k < nv && in_force; k++) {
		const struct kb_date *x = &v[k];
		if (sup >= 0 && kb_date_cmp(x, &in->records[sup].date) >= 0)
			break;
		if (r->until.y != 0 && kb_date_cmp(x, &r->until) > 0) {
			in_force = 0;
			if (end != NULL)
				*end = *x;
			if (cause != NULL)
				*cause = kb_asprintf("任期満了（%04d-%02d-%02dまで）", r->until.y,
				                     r->until.m, r->until.d);
		} else if (!eligible(in, r, x, upto)) {
			in_force = 0;
			if (end != NULL)
				*end = *x;
			if (cause != NULL)
				*cause = lost_cause(in, r, x);
		}
	}
	if (in_force && sup >= 0) {
		in_force = 0;
		if (end != NULL)
			*end = in->records[sup].date;
		if (cause != NULL)
			*cause = kb_asprintf("%sにより後任が指名された", in->records[sup].id);
	}
	free(v);
	return in_force;
}

/* 1 when person is a DX推進員 of division on d. */
static int
dx_of(const struct kb_input *in, int division, int person, const struct kb_date *d, size_t upto)
{
	size_t n;
	const int *v = kb_records_of_nominee(in, person, &n);

	for (size_t k = 0; k < n; k++) {
		const struct kb_record *o = &in->records[v[k]];
		if (is_kind(o, KB_NOM_DX_PROMOTER) && o->scope == division &&
		    kb_nomination_in_force(in, (size_t)v[k], d, upto, NULL, NULL))
			return 1;
	}
	return 0;
}

int
kb_role_member(const struct kb_input *in, enum kb_role role, int scope, int person,
               const struct kb_date *d, size_t upto)
{
	const struct kb_org *org = &in->org;
	enum kb_nom_kind kind = kb_nom_kind_granting(role);
	const int *v;
	size_t n;

	switch (role) {
	case KB_ROLE_DX_PROMOTER:
		return dx_of(in, scope, person, d, upto);
	case KB_ROLE_SUBCOMMITTEE_MEMBER:
		break;
	case KB_ROLE_WG_MEMBER:
		/* working-group-member: the DX推進員 of the divisions concerned, without
		 * nomination. */
		if (scope >= 0)
			for (size_t k = 0; k < org->bodies[scope].ndivisions; k++)
				if (dx_of(in, org->bodies[scope].divisions[k], person, d, upto))
					return 1;
		break;
	case KB_ROLE_CSIRT_MEMBER: {
		/* csirt: 総務課長 and 広報プロモーション課長 are members as such. */
		const struct kb_post *ga = kb_function_head(org, "general-affairs", d);
		const struct kb_post *pr = kb_function_head(org, "public-relations", d);
		if ((ga && ga->person == person) || (pr && pr->person == person))
			return 1;
		break;
	}
	default:
		return 0;
	}
	v = kb_records_of_nominee(in, person, &n);
	for (size_t k = 0; k < n; k++) {
		const struct kb_record *o = &in->records[v[k]];
		if (is_kind(o, kind) && (scope < 0 || o->body == scope) &&
		    kb_nomination_in_force(in, (size_t)v[k], d, upto, NULL, NULL))
			return 1;
	}
	return 0;
}

int
kb_role_chair(const struct kb_input *in, int body, const struct kb_date *d, size_t upto)
{
	enum kb_nom_kind kind;
	int who = -1;

	if (body < 0)
		return -1;
	kind = in->org.bodies[body].wg ? KB_NOM_WG_CONVENER : KB_NOM_SUBCOMMITTEE_CHAIR;
	for (size_t j = 0; j < in->nrecords; j++) {
		const struct kb_record *o = &in->records[j];
		if (is_kind(o, kind) && o->body == body &&
		    kb_nomination_in_force(in, j, d, upto, NULL, NULL))
			who = o->nominee;
	}
	return who;
}
