/* roles.c — applies appointments to posts over time and answers who held what on a date. */
#include "roles.h"

#include <glib.h>
#include <string.h>

#include "util.h"

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

/* Ends post p on date d (the first day it is no longer held). */
static void
end_post(struct kb_post *p, const struct kb_date *d)
{
	if (p->to.y == 0 || kb_date_cmp(d, &p->to) < 0)
		p->to = *d;
}

static void
apply_one(struct kb_org *org, const struct kb_record *r)
{
	const struct kb_date *d = &r->date;

	if (r->leaves != NULL) {
		int all = strcmp(r->leaves, "all") == 0;
		int unit = all ? -1 : kb_unit_find(org, r->leaves);
		for (size_t i = 0; i < org->nposts; i++) {
			struct kb_post *p = &org->posts[i];
			if (p->person != r->person || !kb_post_held(p, d))
				continue;
			if (all || p->unit == unit || charge_overlaps(p, &unit, 1))
				end_post(p, d);
		}
	}
	if (!r->has_post)
		return;
	for (size_t i = 0; i < org->nposts; i++) {
		struct kb_post *p = &org->posts[i];
		if (!kb_post_held(p, d))
			continue;
		if (p->person == r->person) {
			if (!r->concurrent)
				end_post(p, d);
			continue;
		}
		/* A head post has one holder: whoever held it leaves it. */
		if (r->post_rank == KB_RANK_STAFF || p->rank != r->post_rank)
			continue;
		if (r->post_rank == KB_RANK_VICE_MAYOR
		        ? charge_overlaps(p, r->post_charge, r->npost_charge)
		        : (r->post_rank == KB_RANK_MAYOR || p->unit == r->post_unit))
			end_post(p, d);
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
		np->by = r->id;
		np->src = r->src;
	}
}

void
kb_roles_apply(struct kb_input *in)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		if (r->kind == KB_REC_APPOINTMENT && !r->rejected && r->person >= 0)
			apply_one(&in->org, r);
	}
}

const struct kb_post *
kb_post_in(const struct kb_org *org, enum kb_rank rank, int unit, const struct kb_date *d)
{
	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i];
		if (p->rank == rank && p->unit == unit && kb_post_held(p, d))
			return p;
	}
	return NULL;
}

const struct kb_post *
kb_post_of(const struct kb_org *org, int person, enum kb_rank rank, const struct kb_date *d)
{
	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i];
		if (p->person == person && p->rank == rank && kb_post_held(p, d))
			return p;
	}
	return NULL;
}

const struct kb_post *
kb_post_of_in(const struct kb_org *org, int person, int unit, const struct kb_date *d)
{
	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i];
		if (p->person == person && p->unit == unit && kb_post_held(p, d))
			return p;
	}
	return NULL;
}

char *
kb_post_title(const struct kb_org *org, const struct kb_post *p)
{
	const char *title = p->title ? p->title : "", *unit;
	size_t un, cn;

	if (p->unit < 0 || p->rank == KB_RANK_STAFF)
		return kb_strdup(title);
	/* 情報政策課 + 課長 → 情報政策課長: the unit's last character and the
	 * title's first one are the same word (課, 部, 室) and are written once. */
	unit = org->units[p->unit].name;
	un = strlen(unit);
	cn = (size_t)(g_utf8_next_char(title) - title);
	if (*title != '\0' && un >= cn && memcmp(unit + un - cn, title, cn) == 0)
		title += cn;
	return kb_asprintf("%s%s", unit, title);
}
