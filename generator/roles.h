/* roles.h — who holds which post on a date: the organization's base posts moved by appointments. */
#ifndef KB_ROLES_H
#define KB_ROLES_H

#include "model.h"

/*
 * Applies every accepted appointment, in application order, to
 * in->org.posts: the post's previous holder (for head posts) leaves it,
 * the appointee leaves their other posts unless concurrent, and
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
/* The post person holds in division unit on d (any rank), or NULL. */
const struct kb_post *kb_post_of_in(const struct kb_org *org, int person, int unit,
                                    const struct kb_date *d);

/*
 * The printed 職名 of a post, e.g. "情報政策課長" for a 課長 of 情報政策課,
 * "副市長" for a vice-mayor, "主事" for staff (the unit is printed apart).
 * The caller owns the string.
 */
char *kb_post_title(const struct kb_org *org, const struct kb_post *p);

#endif
