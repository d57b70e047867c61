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

struct kb_org_index {
	GHashTable *units, *persons;     /* id → index + 1 */
	size_t nunits, npersons, nposts; /* how much of the organization is indexed */
	struct ilist *by_person, *by_unit, *by_rank;
	size_t cap_person, cap_unit, cap_rank;
	/* records per nominee, for the records array and count they were made from */
	struct ilist *by_nominee;
	size_t cap_nominee;
	const struct kb_record *nominee_records;
	size_t nominee_n;
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
drop_nominees(struct kb_org_index *ix)
{
	for (size_t i = 0; i < ix->cap_nominee; i++)
		free(ix->by_nominee[i].v);
	free(ix->by_nominee);
	ix->by_nominee = NULL;
	ix->cap_nominee = 0;
	ix->nominee_records = NULL;
	ix->nominee_n = 0;
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
	drop_nominees(ix);
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

const int *
kb_records_of_nominee(const struct kb_input *in, int person, size_t *n)
{
	struct kb_org_index *ix = in->org.ix;

	if (ix->nominee_records != in->records || ix->nominee_n != in->nrecords) {
		drop_nominees(ix);
		for (size_t j = 0; j < in->nrecords; j++)
			if (in->records[j].nominee >= 0)
				add(&ix->by_nominee, &ix->cap_nominee,
				    (size_t)in->records[j].nominee, (int)j);
		ix->nominee_records = in->records;
		ix->nominee_n = in->nrecords;
	}
	*n = person >= 0 && (size_t)person < ix->cap_nominee ? ix->by_nominee[person].n : 0;
	return *n ? ix->by_nominee[person].v : NULL;
}
