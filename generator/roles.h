/* roles.h — the dated role register: who holds which post and which role of the regulation on a
 * date, and why. */
#ifndef KB_ROLES_H
#define KB_ROLES_H

#include <stddef.h>

#include "model.h"

/* Printed name and article of each role. */
extern const struct kb_role_info {
	const char *name;    /* "情報管理者" */
	enum kb_art article; /* the provision that makes it (KB_ART_INFO_MANAGER) */
} kb_role_info[KB_ROLE_COUNT];

/*
 * Applies every accepted appointment, in application order, to
 * in->org.posts: the post's previous holder (for head posts) leaves it,
 * the appointee leaves their other posts unless concurrent (兼務) or
 * acting (事務取扱), and
 * leaves="UNIT|all" ends posts without successor. Call after
 * kb_input_finish. CIO補佐官 appointments (role=) change no post.
 */
void kb_roles_apply(struct kb_input *in);

/* 1 when post p is held on date d. */
int kb_post_held(const struct kb_post *p, const struct kb_date *d);

/* The holder's post of this rank in unit on date d, or NULL. */
const struct kb_post *kb_post_in(const struct kb_org *org, enum kb_rank rank, int unit,
                                 const struct kb_date *d);
/* The first post (in organization order) person holds on d with this rank, or NULL. */
const struct kb_post *kb_post_of(const struct kb_org *org, int person, enum kb_rank rank,
                                 const struct kb_date *d);
/* The post person holds in unit on d (any rank), or NULL. */
const struct kb_post *kb_post_of_in(const struct kb_org *org, int person, int unit,
                                    const struct kb_date *d);
/*
 * The person's main post on d: the highest rank, then organization order,
 * a post held as 事務取扱 only when there is no other; NULL if none.
 */
const struct kb_post *kb_post_main(const struct kb_org *org, int person, const struct kb_date *d);

/*
 * The printed 職名 of a post, e.g. "情報政策課長" for a 課長 of 情報政策課,
 * "副市長" for a vice-mayor, "主事" for staff (the unit is printed apart).
 * The caller owns the string.
 */
char *kb_post_title(const struct kb_org *org, const struct kb_post *p);

/* The CIO's post on d (cio: a vice-mayor in charge of the policy-planning department), or NULL. */
const struct kb_post *kb_cio_post(const struct kb_org *org, const struct kb_date *d);
/* The head post of the unit with this function on d ("policy-planning" → 政策企画部長), or NULL. */
const struct kb_post *kb_function_head(const struct kb_org *org, const char *function,
                                       const struct kb_date *d);

/*
 * Membership by nomination, judged on date d counting only records that
 * come before position upto in application order (and every standing
 * nomination); pass in->nrecords to count everything dated up to d.
 * scope is the division (DX推進員), or the body (部会, ワーキング会議), or
 * -1 (CSIRT). For a working group, the DX推進員 of its divisions count;
 * for CSIRT, the 総務課長 and 広報プロモーション課長 count.
 */
int kb_role_member(const struct kb_input *in, enum kb_role role, int scope, int person,
                   const struct kb_date *d, size_t upto);
/* The 部会長 or 座長 of body on d (same counting), or -1. */
int kb_role_chair(const struct kb_input *in, int body, const struct kb_date *d, size_t upto);

/*
 * Whether the nomination at index i of in->records is in force on d. When
 * it started on or before d but is no longer in force, *end (may be NULL)
 * is the first day it no longer held and *cause (may be NULL) a short
 * Japanese reason, owned by the caller (NULL while in force).
 */
int kb_nomination_in_force(const struct kb_input *in, size_t i, const struct kb_date *d,
                           size_t upto, struct kb_date *end, char **cause);

#endif
