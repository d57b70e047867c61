/* context.h — the context document handed to each document's template: the record as its audience
 * may see it, plus everything computed. */
#ifndef KB_CONTEXT_H
#define KB_CONTEXT_H

#include <stddef.h>

#include "model.h"

struct kb_doc;
struct kb_duty;
struct kb_incident_policy;
struct kb_record;
struct kb_input;
struct kb_org;
struct kb_post;
struct kb_record;
struct kb_roster;
struct kb_roster_row;
struct _xmlDoc;
struct _xmlNode;

/*
 * Builds the context document for doc (a document of the plan): the
 * record as its audience may see it plus everything computed (names,
 * posts, roles, dates, number, contact). Returns a document the caller
 * owns.
 */
struct _xmlDoc *kb_context_build(const struct kb_input *in, const struct kb_doc *doc);

/*
 * Builders shared with the monthly report (monthly.c). Each adds to the
 * context element it is given; strings returned are owned by the caller.
 */

/* <organization> with its house settings and <regulation>: the same in every context. */
/* Sets attribute name of n to value (nothing when value is NULL). */
void kb_ctx_set(struct _xmlNode *n, const char *name, const char *value);
/* Sets attribute name of n to d as YYYY-MM-DD (nothing when d->y is 0). */
void kb_ctx_set_date(struct _xmlNode *n, const char *name, const struct kb_date *d);
/*
 * The number as printed (number="", or number-by-hand="true" for the blank
 * 「第　　号」 of a numbered kind without one) and the marks correction=""
 * (訂正) and draft="" (案) of doc, on the context element ctx.
 */
void kb_ctx_doc_marks(struct _xmlNode *ctx, const struct kb_doc *doc);
void kb_ctx_organization(struct _xmlNode *ctx, const struct kb_org *org);
/* <addressee line="…" honorific="様"/> and <sender line="…"/>: the letterhead as printed. */
void kb_ctx_letter_ends(struct _xmlNode *ctx, const struct kb_org *org, const char *to,
                        const char *from);
/* The 担当 block of unit (-1: the information-policy division, doc-handling). */
void kb_ctx_contact(struct _xmlNode *ctx, const struct kb_org *org, int unit);
/* "谷口　慎也"; "" for person -1. */
char *kb_ctx_full_name(const struct kb_org *org, int person);
/* "亀岡市最高情報統括責任者　副市長　湯浅　正和" on d. */
char *kb_ctx_cio_line(const struct kb_org *org, const struct kb_date *d);
/*
 * The posts a nomination names its nominee and nominator under on its
 * date: for a DX推進員, the staff post in the division and the division's
 * 課長 post (held outright, 兼務 or 事務取扱); else their main posts. NULL
 * for someone without a post. Both are borrowed from org.
 */
void kb_ctx_nomination_posts(const struct kb_org *org, const struct kb_record *r,
                             const struct kb_post **nominee, const struct kb_post **nominator);
/*
 * 異動内容 of appointment i of in->records, as the structure notice and
 * the monthly report print it: the post it gives as kb_roster_post_title
 * prints it (「市民生活部長（保険年金課長事務取扱）」), 「CIO補佐官を委嘱」
 * or 「…に任命」, 「総務課長を離任」. The caller owns the string.
 */
char *kb_ctx_appointment_what(const struct kb_input *in, size_t i);
/*
 * A <deadline> under parent: duty d of an incident (p its policy) as of
 * asof: kind, what, due, late-after, until (the last day still in time
 * as seen on asof), done, ref, state (済 / 済（期限後） / 期限内 /
 * 期限超過), note and article. Returns the state (an enum kb_due_state).
 */
int kb_ctx_deadline(struct _xmlNode *parent, const struct kb_org *org, const struct kb_duty *d,
                    const struct kb_incident_policy *p, const struct kb_date *asof);
/*
 * The <deadline>s of incident revision r as of asof under parent: its
 * rule-dated duties (kb_policy_duties), judged from what audience aud may
 * see. Returns whether any is overdue (期限超過).
 */
int kb_ctx_deadlines(struct _xmlNode *parent, const struct kb_input *in, const struct kb_record *r,
                     enum kb_audience aud, const struct kb_date *asof);
/* A roster row as context (role, scope, holder, post, article) under parent; returns it. */
struct _xmlNode *kb_ctx_roster_row(struct _xmlNode *parent, const char *elem,
                                   const struct kb_org *org, const struct kb_roster_row *w);

#endif
