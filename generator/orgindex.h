/* orgindex.h — the organization's people, units and posts found by id, person or unit in constant
 * time. */
#ifndef KB_ORGINDEX_H
#define KB_ORGINDEX_H

#include <stddef.h>

struct kb_org;
struct kb_input;

/*
 * The index of an organization (kb_org.ix): made by kb_load_org, freed
 * with the organization. It follows the organization as it grows: units,
 * persons and posts are only ever appended, and a post's person and unit
 * never change once it is complete, so each query first takes in whatever
 * was appended since the last one (ids for id queries; posts only for
 * post queries, since ids are looked up while a new post is filled in).
 */
struct kb_org_index *kb_org_index_new(void);
void kb_org_index_free(struct kb_org_index *ix);

/*
 * The indices into org->posts of the posts of person (or of unit), in
 * the order they were added; *n receives their number. The array is
 * borrowed and valid until the next post is added.
 */
const int *kb_posts_of_person(const struct kb_org *org, int person, size_t *n);
const int *kb_posts_of_unit(const struct kb_org *org, int unit, size_t *n);
/* The same for the posts of one rank (enum kb_rank). */
const int *kb_posts_of_rank(const struct kb_org *org, int rank, size_t *n);

/*
 * The indices into in->records of the records whose nominee is person,
 * ascending; *n receives their number. Made on first use once the
 * records are in application order (kb_input_finish), again whenever
 * records are added; borrowed until then.
 */
const int *kb_records_of_nominee(const struct kb_input *in, int person, size_t *n);
/*
 * The same for the DX推進員 nominations serving division (their scope),
 * for the stages after kb_check_run, which resolves every scope.
 */
const int *kb_dx_records_of(const struct kb_input *in, int division, size_t *n);

#endif
