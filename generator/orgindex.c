/* orgindex.c — hash tables of ids and lists of posts per person and per unit, kept in step with
 * kb_org. */
#include "orgindex.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

/* A growing list of post indices. */
struct ilist {
	int *v;
	size_t n, cap;
};

/* Lists of record indices per person or unit, and the records they were made from. */
struct recs {
	struct ilist *by;
	size_t cap;
	const struct kb_record *records;
	size_t n;
};

struct kb_org_index {
	GHashTable *units, *persons;     /* id → index + 1 */
	size_t nunits, npersons, nposts; /* how much of the organization is indexed */
	struct ilist *by_person, *by_unit, *by_rank;
	size_t cap_person, cap_unit, cap_rank;
	struct recs nominee, scope; /* records per nominee, per DX推進員 division */
};

struct kb_org_index *
kb_org_index_new(void)
{
	struct kb_org_index *ix = kb_calloc(1, sizeof(*ix));

	ix->units = g_hash_table_new(g_str_hash, g_str_equal);
	ix->persons = g_hash_table_new(g_str_hash, g_str_equal);
	return ix;
}

static void
drop_recs(struct recs *r)
{
	for (size_t i = 0; i < r->cap; i++)
		free(r->by[i].v);
	free(r->by);
	memset(r, 0, sizeof(*r));
}

void
kb_org_index_free(struct kb_org_index *ix)
{
	if (ix == NULL)
		return;
	g_hash_table_destroy(ix->units);
	g_hash_table_destroy(ix->persons);
	for (size_t i = 0; i < ix->cap_person; i++)
		free(ix->by_person[i].v);
	for (size_t i = 0; i < ix->cap_unit; i++)
		free(ix->by_unit[i].v);
	for (size_t i = 0; i < ix->cap_rank; i++)
		free(ix->by_rank[i].v);
	free(ix->by_rank);
	drop_recs(&ix->nominee);
	drop_recs(&ix->scope);
	free(ix->by_person);
	free(ix->by_unit);
	free(ix);
}

static void
add(struct ilist **lists, size_t *cap, size_t at, int post)
{
	struct ilist *l;

	if (at >= *cap) {
		size_t old = *cap;
		kb_grow((void **)lists, cap, at + 1, sizeof(**lists));
		memset(*lists + old, 0, (*cap - old) * sizeof(**lists));
	}
	l = &(*lists)[at];
	kb_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = post;
}

/* Takes in the units and persons added since the last query. The first of each id wins. */
static struct kb_org_index *
sync_ids(const struct kb_org *org)
{
	struct kb_org_index *ix = org->ix;

	for (; ix->nunits < org->nunits; ix->nunits++)
		if (org->units[ix->nunits].id != NULL &&
		    !g_hash_table_contains(ix->units, org->units[ix->nunits].id))
			g_hash_table_insert(ix->units, org->units[ix->nunits].id,
			                    GSIZE_TO_POINTER(ix->nunits + 1));
	for (; ix->npersons < org->npersons; ix->npersons++)
		if (org->persons[ix->npersons].id != NULL &&
		    !g_hash_table_contains(ix->persons, org->persons[ix->npersons].id))
			g_hash_table_insert(ix->persons, org->persons[ix->npersons].id,
			                    GSIZE_TO_POINTER(ix->npersons + 1));
	return ix;
}

/*
 * Takes in the posts added since the last query of posts. Only post
 * queries do: a post being added is complete before anyone asks for the
 * posts of its person or unit, but ids are looked up while it is filled.
 */
static struct kb_org_index *
sync_posts(const struct kb_org *org)
{
	struct kb_org_index *ix = org->ix;

	for (; ix->nposts < org->nposts; ix->nposts++) {
		const struct kb_post *p = &org->posts[ix->nposts];
		if (p->person >= 0)
			add(&ix->by_person, &ix->cap_person, (size_t)p->person, (int)ix->nposts);
		if (p->unit >= 0)
			add(&ix->by_unit, &ix->cap_unit, (size_t)p->unit, (int)ix->nposts);
		add(&ix->by_rank, &ix->cap_rank, (size_t)p->rank, (int)ix->nposts);
	}
	return ix;
}

int
kb_unit_find(const struct kb_org *org, const char *id)
{
	return id == NULL
	           ? -1
	           : (int)GPOINTER_TO_SIZE(g_hash_table_lookup(sync_ids(org)->units, id)) - 1;
}

int
kb_person_find(const struct kb_org *org, const char *id)
{
	return id == NULL
	           ? -1
	           : (int)GPOINTER_TO_SIZE(g_hash_table_lookup(sync_ids(org)->persons, id)) - 1;
}

const int *
kb_posts_of_person(const struct kb_org *org, int person, size_t *n)
{
	struct kb_org_index *ix = sync_posts(org);

	*n = person >= 0 && (size_t)person < ix->cap_person ? ix->by_person[person].n : 0;
	return *n ? ix->by_person[person].v : NULL;
}

const int *
kb_posts_of_unit(const struct kb_org *org, int unit, size_t *n)
{
	struct kb_org_index *ix = sync_posts(org);

	*n = unit >= 0 && (size_t)unit < ix->cap_unit ? ix->by_unit[unit].n : 0;
	return *n ? ix->by_unit[unit].v : NULL;
}

const int *
kb_posts_of_rank(const struct kb_org *org, int rank, size_t *n)
{
	struct kb_org_index *ix = sync_posts(org);

	*n = rank >= 0 && (size_t)rank < ix->cap_rank ? ix->by_rank[rank].n : 0;
	return *n ? ix->by_rank[rank].v : NULL;
}

/*
 * The records of key (a person or unit index) in r, remade from in's
 * records when they are not those r was made from; of(record) is the key
 * of a record, -1 for none.
 */
static const int *
records_of(const struct kb_input *in, struct recs *r, int (*of)(const struct kb_record *), int key,
           size_t *n)
{
	if (r->records != in->records || r->n != in->nrecords) {
		drop_recs(r);
		for (size_t j = 0; j < in->nrecords; j++)
			if (of(&in->records[j]) >= 0)
				add(&r->by, &r->cap, (size_t)of(&in->records[j]), (int)j);
		r->records = in->records;
		r->n = in->nrecords;
	}
	*n = key >= 0 && (size_t)key < r->cap ? r->by[key].n : 0;
	return *n ? r->by[key].v : NULL;
}

static int
nominee_of(const struct kb_record *r)
{
	return r->nominee;
}

static int
scope_of(const struct kb_record *r)
{
	return r->kind == KB_REC_NOMINATION && r->nom_kind == KB_NOM_DX_PROMOTER ? r->scope : -1;
}

const int *
kb_records_of_nominee(const struct kb_input *in, int person, size_t *n)
{
	return records_of(in, &in->org.ix->nominee, nominee_of, person, n);
}

const int *
kb_dx_records_of(const struct kb_input *in, int division, size_t *n)
{
	return records_of(in, &in->org.ix->scope, scope_of, division, n);
}
