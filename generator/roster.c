/* roster.c — builds the 体制表 from the role register and prints it as text or XML. */
#include "roster.h"

#include <glib.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "orgindex.h"
#include "roles.h"
#include "table.h"
#include "util.h"

static struct kb_roster_row *
add_row(struct kb_roster *r, const char *group, enum kb_role role, const char *scope)
{
	struct kb_roster_row *w;

	kb_grow((void **)&r->rows, &r->cap, r->nrows + 1, sizeof(*r->rows));
	w = &r->rows[r->nrows++];
	memset(w, 0, sizeof(*w));
	w->group = group;
	w->role = kb_role_info[role].name;
	w->article = kb_art_cite(r->cite, kb_role_info[role].article);
	w->scope = kb_strdup(scope);
	w->person = -1;
	w->rec = -1;
	w->post_index = -1;
	return w;
}

static char *
date_str(const struct kb_date *d)
{
	return kb_asprintf("%04d-%02d-%02d", d->y, d->m, d->d);
}

/*
 * Why a head post is empty on d: the appointment that ended its last
 * holder's tenure, or that the organization never had one.
 */
static char *
vacancy(const struct kb_input *in, enum kb_rank rank, int unit, const struct kb_date *d)
{
	const struct kb_org *org = &in->org;
	const struct kb_post *last = NULL;
	size_t n;
	const int *v = kb_posts_of_rank(org, (int)rank, &n);

	for (size_t i = 0; i < n; i++) {
		const struct kb_post *p = &org->posts[v[i]];
		if (p->unit == unit && p->to.y != 0 && kb_date_cmp(&p->to, d) <= 0 &&
		    (last == NULL || kb_date_cmp(&p->to, &last->to) > 0))
			last = p;
	}
	if (last != NULL) {
		char *ds = date_str(&last->to);
		char *s = kb_asprintf("欠員（%s から。%s により%s%sが離任）", ds,
		                      last->ended_by >= 0 ? in->records[last->ended_by].id : "異動",
		                      org->persons[last->person].family,
		                      org->persons[last->person].given);
		free(ds);
		return s;
	}
	return kb_strdup("欠員（organization.xml にこの職の在職者がいない）");
}

/* Fills row w from a post held on d: the holder, the printed post and since when. */
static void
from_post(const struct kb_org *org, struct kb_roster_row *w, const struct kb_post *p,
          const char *basis, const struct kb_date *d)
{
	char *own = kb_post_title(org, p);

	w->person = p->person;
	w->post = kb_roster_post_title(org, p->person, p, d);
	w->rec = p->by;
	w->post_index = (int)(p - org->posts);
	w->since = p->from;
	w->basis = kb_asprintf("充て職（%s）", basis ? basis : own);
	free(own);
}

/* An ex officio role hanging on a head post (rank, unit); a vacancy when it is empty. */
static void
head_role(const struct kb_input *in, struct kb_roster *r, const char *group, enum kb_role role,
          const char *scope, enum kb_rank rank, int unit)
{
	const struct kb_org *org = &in->org;
	struct kb_roster_row *w = add_row(r, group, role, scope);
	const struct kb_post *p = unit >= 0 ? kb_post_in(org, rank, unit, &r->date) : NULL;

	if (p != NULL)
		from_post(org, w, p, NULL, &r->date);
	else if (unit >= 0)
		w->note = vacancy(in, rank, unit, &r->date);
	else
		w->note = kb_strdup("欠員（organization.xml に該当する部署の定めがない）");
}

/* A row for the person holding a role by nomination i of the records. */
static void
nominated(const struct kb_input *in, struct kb_roster *r, const char *group, enum kb_role role,
          const char *scope, size_t i)
{
	const struct kb_record *n = &in->records[i];
	struct kb_roster_row *w = add_row(r, group, role, scope);
	char *ds = date_str(&n->date);

	w->person = n->nominee;
	w->post = kb_roster_post_title(&in->org, n->nominee, NULL, &r->date);
	w->rec = (int)i;
	w->since = n->date;
	w->basis = kb_asprintf("%s（%s 指名%s）", n->id, ds, n->standing ? "、既存" : "");
	free(ds);
}

static int
is_kind(const struct kb_record *r, enum kb_nom_kind kind)
{
	return r->kind == KB_REC_NOMINATION && !r->rejected && r->nom_kind == kind;
}

/* Rows for every nomination granting role (for body, or every body when body < 0) in force on the
 * date. */
static int
nominations(const struct kb_input *in, struct kb_roster *r, const char *group, enum kb_role role,
            int body, int scope_unit, const char *scope)
{
	enum kb_nom_kind kind = kb_nom_kind_granting(role);
	int n = 0;

	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *o = &in->records[i];
		if (!is_kind(o, kind) || (body >= 0 && o->body != body) ||
		    (scope_unit >= 0 && o->scope != scope_unit))
			continue;
		if (kb_nomination_in_force(in, i, &r->date, in->nrecords, NULL, NULL)) {
			nominated(in, r, group, role, scope, i);
			n++;
		}
	}
	return n;
}

/* Nominations and CIO補佐官 appointments that ended on or before the date. */
static void
ended(const struct kb_input *in, struct kb_roster *r)
{
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *o = &in->records[i];
		struct kb_roster_row *w;
		struct kb_date end = {0, 0, 0};
		char *cause = NULL, *ds;
		enum kb_role role;

		if (o->rejected || o->kind != KB_REC_NOMINATION ||
		    kb_nomination_in_force(in, i, &r->date, in->nrecords, &end, &cause) ||
		    cause == NULL)
			continue;
		if (o->nom_kind == KB_NOM_NONE) {
			free(cause);
			continue;
		}
		role = kb_nom_kinds[o->nom_kind].role;
		kb_grow((void **)&r->ended, &r->capended, r->nended + 1, sizeof(*r->ended));
		w = &r->ended[r->nended++];
		memset(w, 0, sizeof(*w));
		w->group = "終了した指名";
		w->role = kb_role_info[role].name;
		w->article = kb_art_cite(r->cite, kb_role_info[role].article);
		w->scope = kb_strdup(o->body >= 0    ? in->org.bodies[o->body].name
		                     : o->scope >= 0 ? in->org.units[o->scope].name
		                                     : NULL);
		w->person = o->nominee;
		w->since = o->date;
		w->ended = end;
		ds = date_str(&o->date);
		w->basis = kb_asprintf("%s（%s 指名）", o->id, ds);
		free(ds);
		ds = date_str(&end);
		w->note = kb_asprintf("%s 終了: %s", ds, cause);
		free(ds);
		free(cause);
	}
}

/* The article of provision a in org's profile, without its paragraph; caller frees. */
static char *
art(const struct kb_org *org, enum kb_art a)
{
	return kb_art_article(kb_art_cite(org->cite, a));
}

/* The group headings of the roster, with the articles (not paragraphs) the profile puts them in:
 * heads[0] 推進体制 … heads[6] CSIRT. */
static void
group_heads(const struct kb_org *org, struct kb_roster *out)
{
	static const struct {
		const char *fmt;
		enum kb_art art;
	} g[] = {
	    {"情報責任者（%s）", KB_ART_INFO_OFFICER},
	    {"情報管理者（%s）", KB_ART_INFO_MANAGER},
	    {"DX推進員（%s）", KB_ART_DX_PROMOTER},
	    {"システム業務管理者（%s）", KB_ART_SYSTEM_MANAGER},
	    {"CSIRT（%s）", KB_ART_CSIRT},
	};
	char *a = art(org, KB_ART_CIO), *b = art(org, KB_ART_CHIEF_MANAGER);
	char *c = art(org, KB_ART_NETWORK_MANAGER), *cn = kb_roster_committee_name(org);

	out->heads[0] = kb_asprintf("推進体制（%s〜%s・%s）", a, b, c);
	free(a), free(b), free(c);
	a = art(org, KB_ART_COMMITTEE);
	out->heads[1] = kb_asprintf("%s（%s）", cn, a);
	free(a), free(cn);
	for (size_t k = 0; k < sizeof(g) / sizeof(g[0]); k++) {
		a = art(org, g[k].art);
		out->heads[2 + k] = kb_asprintf(g[k].fmt, a);
		free(a);
	}
}

/* cio-assistant: each CIO補佐官 appointed for a term that includes d, or a row saying none is. */
static void
cio_assistants(const struct kb_input *in, struct kb_roster *out, const char *group,
               const struct kb_date *d)
{
	const struct kb_org *org = &in->org;
	struct kb_roster_row *w;
	int any = 0;

	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *a = &in->records[i];
		char *ds, *us;
		if (a->kind != KB_REC_APPOINTMENT || a->rejected || !a->cio_assistant ||
		    kb_date_cmp(&a->date, d) > 0 ||
		    (a->until.y != 0 && kb_date_cmp(d, &a->until) > 0))
			continue;
		w = add_row(out, group, KB_ROLE_CIO_ASSISTANT, NULL);
		w->person = a->person;
		w->post = kb_roster_post_title(org, a->person, NULL, d);
		w->rec = (int)i;
		w->since = a->date;
		ds = date_str(&a->date);
		us = a->until.y ? date_str(&a->until) : NULL;
		w->basis =
		    kb_asprintf("%s（%s %s%s%s%s）", a->id, ds, kb_roster_appoint_act(org, a),
		                us ? "、" : "", us ? us : "", us ? " まで" : "");
		free(ds);
		free(us);
		any = 1;
	}
	if (!any) {
		char *ca = art(org, KB_ART_CIO_ASSISTANT);
		w = add_row(out, group, KB_ROLE_CIO_ASSISTANT, NULL);
		w->note = kb_asprintf("置いていない（%s: 置くことができる）", ca);
		free(ca);
		w->optional = 1;
	}
}

/* committee: the CIO chairs, the 情報統括管理者 is vice-chair, the CIO and every 部長 are members.
 */
static void
committee(const struct kb_input *in, struct kb_roster *out, const char *group,
          const struct kb_post *cio, int pp, const struct kb_date *d)
{
	const struct kb_org *org = &in->org;
	const struct kb_post *chief = pp >= 0 ? kb_post_in(org, KB_RANK_DEPT_HEAD, pp, d) : NULL;
	struct kb_roster_row *w = add_row(out, group, KB_ROLE_COMMITTEE_CHAIR, NULL);

	if (cio != NULL)
		from_post(org, w, cio, "CIO", d);
	else
		w->note = kb_strdup("欠員（CIOが欠員）");
	w = add_row(out, group, KB_ROLE_COMMITTEE_VICE, NULL);
	if (chief != NULL)
		from_post(org, w, chief, "情報統括管理者", d);
	else
		w->note = kb_strdup("欠員（情報統括管理者が欠員）");
	if (cio != NULL)
		from_post(org, add_row(out, group, KB_ROLE_COMMITTEE_MEMBER, NULL), cio, "CIO", d);
	for (size_t u = 0; u < org->nunits; u++) {
		const struct kb_post *h;
		if (org->units[u].division)
			continue;
		h = kb_post_in(org, KB_RANK_DEPT_HEAD, (int)u, d);
		if (h != NULL)
			from_post(org,
			          add_row(out, group, KB_ROLE_COMMITTEE_MEMBER, org->units[u].name),
			          h, (int)u == pp ? "情報統括管理者・情報責任者" : "情報責任者", d);
	}
}

/* A subcommittee or working group: its chair (or the vacancy), its members, and for a working
 * group the DX推進員 of the divisions concerned, members as such. */
static void
body_rows(const struct kb_input *in, struct kb_roster *out, int b, const struct kb_date *d)
{
	const struct kb_org *org = &in->org;
	const struct kb_body *body = &org->bodies[b];
	const char *group = body->name;
	int chair = kb_role_chair(in, b, d, in->nrecords);
	enum kb_role crole = body->wg ? KB_ROLE_WG_CONVENER : KB_ROLE_SUBCOMMITTEE_CHAIR;
	enum kb_role mrole = body->wg ? KB_ROLE_WG_MEMBER : KB_ROLE_SUBCOMMITTEE_MEMBER;

	if (chair < 0) {
		struct kb_roster_row *w = add_row(out, group, crole, body->name);
		w->note = kb_asprintf("未指名（%s: %s）",
		                      kb_art_cite(org->cite, kb_role_info[crole].article),
		                      body->wg ? "部会長が構成員のうちから指名する"
		                               : "委員長が部会員のうちから指名する");
	} else
		nominations(in, out, group, crole, b, -1, body->name);
	nominations(in, out, group, mrole, b, -1, body->name);
	for (size_t k = 0; body->wg && k < body->ndivisions; k++)
		for (size_t i = 0; i < in->nrecords; i++) {
			const struct kb_record *o = &in->records[i];
			if (is_kind(o, KB_NOM_DX_PROMOTER) && o->scope == body->divisions[k] &&
			    kb_nomination_in_force(in, i, d, in->nrecords, NULL, NULL)) {
				nominated(in, out, group, KB_ROLE_WG_MEMBER, body->name, i);
				free(out->rows[out->nrows - 1].basis);
				out->rows[out->nrows - 1].basis =
				    kb_asprintf("関係課（%s）のDX推進員（%s）",
				                org->units[o->scope].name, o->id);
			}
		}
}

void
kb_roster_build(const struct kb_input *in, const struct kb_date *d, struct kb_roster *out)
{
	const struct kb_org *org = &in->org;
	const struct kb_post *cio;
	struct kb_roster_row *w;
	int pp = kb_unit_by_function(org, "policy-planning");
	int ip = kb_unit_by_function(org, "information-policy");
	static const char *const csirt_fn[] = {"general-affairs", "public-relations"};

	memset(out, 0, sizeof(*out));
	out->date = *d;
	out->cite = org->cite;
	group_heads(org, out);

	/* cio: the CIO is the vice-mayor in charge of policy planning. */
	w = add_row(out, out->heads[0], KB_ROLE_CIO, NULL);
	cio = kb_cio_post(org, d);
	if (cio != NULL) {
		char *basis = kb_asprintf("%sを担当する副市長", pp >= 0 ? org->units[pp].name : "");
		from_post(org, w, cio, basis, d);
		free(basis);
	} else
		w->note = kb_asprintf("欠員（%sを担当する副市長がいない）",
		                      pp >= 0 ? org->units[pp].name : "policy-planning の部");
	cio_assistants(in, out, out->heads[0], d);
	head_role(in, out, out->heads[0], KB_ROLE_CHIEF_MANAGER, NULL, KB_RANK_DEPT_HEAD, pp);
	head_role(in, out, out->heads[0], KB_ROLE_NETWORK_MANAGER, NULL, KB_RANK_DIV_HEAD, ip);
	committee(in, out, out->heads[1], cio, pp, d);

	/* info-officer, info-manager, dx-promoter per unit. */
	for (size_t u = 0; u < org->nunits; u++)
		if (!org->units[u].division)
			head_role(in, out, out->heads[2], KB_ROLE_INFO_OFFICER, org->units[u].name,
			          KB_RANK_DEPT_HEAD, (int)u);
	for (size_t u = 0; u < org->nunits; u++)
		if (org->units[u].division)
			head_role(in, out, out->heads[3], KB_ROLE_INFO_MANAGER, org->units[u].name,
			          KB_RANK_DIV_HEAD, (int)u);
	for (size_t u = 0; u < org->nunits; u++) {
		if (!org->units[u].division ||
		    nominations(in, out, out->heads[4], KB_ROLE_DX_PROMOTER, -1, (int)u,
		                org->units[u].name) > 0)
			continue;
		w = add_row(out, out->heads[4], KB_ROLE_DX_PROMOTER, org->units[u].name);
		w->note = kb_asprintf("未指名（%s: 情報管理者が課等の職員から指名する）",
		                      kb_art_cite(org->cite, KB_ART_DX_PROMOTER));
	}

	/* system-manager per system. */
	for (size_t s = 0; s < org->nsystems; s++)
		head_role(in, out, out->heads[5], KB_ROLE_SYSTEM_MANAGER, org->systems[s].name,
		          KB_RANK_DIV_HEAD, org->systems[s].division);
	for (size_t b = 0; b < org->nbodies; b++)
		body_rows(in, out, (int)b, d);

	/* csirt: the heads of general affairs and public relations, and those nominated. */
	for (int k = 0; k < 2; k++)
		head_role(in, out, out->heads[6], KB_ROLE_CSIRT_MEMBER, NULL, KB_RANK_DIV_HEAD,
		          kb_unit_by_function(org, csirt_fn[k]));
	nominations(in, out, out->heads[6], KB_ROLE_CSIRT_MEMBER, -1, -1, NULL);
	for (size_t i = 0; i < out->nrows; i++)
		if (out->rows[i].person < 0 && !out->rows[i].optional)
			out->vacancies++;
	ended(in, out);
}

void
kb_roster_free(struct kb_roster *r)
{
	for (size_t i = 0; i < r->nrows; i++)
		free(r->rows[i].scope), free(r->rows[i].post), free(r->rows[i].basis),
		    free(r->rows[i].note);
	for (size_t i = 0; i < r->nended; i++)
		free(r->ended[i].scope), free(r->ended[i].post), free(r->ended[i].basis),
		    free(r->ended[i].note);
	free(r->rows);
	free(r->ended);
	for (size_t i = 0; i < sizeof(r->heads) / sizeof(r->heads[0]); i++)
		free(r->heads[i]);
	memset(r, 0, sizeof(*r));
}

/* ---- posts as printed --------------------------------------------------------- */

char *
kb_roster_post_title(const struct kb_org *org, int person, const struct kb_post *under,
                     const struct kb_date *d)
{
	const struct kb_post *main;
	char *u, *m, *s;

	if (person < 0)
		return NULL;
	main = kb_post_main(org, person, d);
	if (under == NULL)
		under = main;
	if (under == NULL)
		return NULL;
	u = kb_post_title(org, under);
	/* The main post is the highest one held outright; an acting post never is. */
	if (main == NULL || main == under || main->acting)
		return under->acting ? kb_asprintf("%s事務取扱", u) : u;
	m = kb_post_title(org, main);
	s = under->acting ? kb_asprintf("%s（%s事務取扱）", m, u) : kb_asprintf("%s兼%s", m, u);
	free(m);
	free(u);
	return s;
}

char *
kb_roster_post_line(const struct kb_org *org, int person, const struct kb_post *under,
                    const struct kb_date *d)
{
	const struct kb_person *pe;
	char *t, *s;

	if (person < 0)
		return kb_strdup("");
	pe = &org->persons[person];
	if (under == NULL)
		under = kb_post_main(org, person, d);
	t = kb_roster_post_title(org, person, under, d);
	if (t == NULL)
		s = kb_asprintf("%s　%s", pe->family, pe->given);
	else if (under->rank == KB_RANK_STAFF && under->unit >= 0)
		s = kb_asprintf("%s　%s　%s　%s", org->units[under->unit].name, t, pe->family,
		                pe->given);
	else
		s = kb_asprintf("%s　%s　%s", t, pe->family, pe->given);
	free(t);
	return s;
}

char *
kb_roster_function_head_line(const struct kb_org *org, const char *function,
                             const struct kb_date *d)
{
	const struct kb_post *h = kb_function_head(org, function, d);
	int u = kb_unit_by_function(org, function);

	if (h != NULL)
		return kb_roster_post_line(org, h->person, h, d);
	return u >= 0 ? kb_asprintf("%s長", org->units[u].name) : kb_strdup("");
}

char *
kb_roster_committee_name(const struct kb_org *org)
{
	return org->committee ? kb_strdup(org->committee)
	                      : kb_asprintf("%s情報化推進委員会", org->name);
}

const char *
kb_roster_appoint_act(const struct kb_org *org, const struct kb_record *r)
{
	return kb_post_main(org, r->person, &r->date) == NULL ? "委嘱" : "任命";
}

/* ---- changes of a date ---------------------------------------------------------- */

static int
same_row(const struct kb_roster_row *a, const struct kb_roster_row *b)
{
	return strcmp(a->role, b->role) == 0 &&
	       ((a->scope == NULL && b->scope == NULL) ||
	        (a->scope && b->scope && strcmp(a->scope, b->scope) == 0));
}

int
kb_roster_holds(const struct kb_roster *r, const struct kb_roster_row *w, int person)
{
	for (size_t k = 0; k < r->nrows; k++)
		if (same_row(&r->rows[k], w) && r->rows[k].person == person)
			return 1;
	return 0;
}

/* The appointment that ended the leaver's post on d (the one the role hung on first), or -1. */
static int
ended_by(const struct kb_input *in, const struct kb_date *d, const struct kb_roster_row *was)
{
	const struct kb_org *org = &in->org;
	const int *v;
	size_t n;

	if (was == NULL)
		return -1;
	if (was->post_index >= 0) {
		const struct kb_post *p = &org->posts[was->post_index];
		if (p->to.y != 0 && kb_date_cmp(&p->to, d) == 0)
			return p->ended_by;
	}
	v = kb_posts_of_person(org, was->person, &n);
	for (size_t k = 0; k < n; k++) {
		const struct kb_post *p = &org->posts[v[k]];
		if (p->to.y != 0 && kb_date_cmp(&p->to, d) == 0 && p->ended_by >= 0)
			return p->ended_by;
	}
	return -1;
}

/*
 * A change on d: what made it is the record the new holding rests on
 * when it is dated d (an appointment, a nomination); else the appointment
 * that ended the leaver's post on d.
 */
static void
add_change(struct kb_roster_changes *c, const struct kb_input *in, const struct kb_roster_row *now,
           const struct kb_roster_row *was)
{
	struct kb_roster_change *v;

	kb_grow((void **)&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	v = &c->v[c->n++];
	v->now = now;
	v->was = was;
	v->ended_by = ended_by(in, &c->date, was);
	v->cause =
	    now != NULL && now->rec >= 0 && kb_date_cmp(&in->records[now->rec].date, &c->date) == 0
	        ? now->rec
	        : v->ended_by;
}

void
kb_roster_changes(const struct kb_input *in, const struct kb_date *d, struct kb_roster_changes *out)
{
	struct kb_date prev;
	size_t *added = NULL, *removed = NULL, capadd = 0, caprem = 0;

	memset(out, 0, sizeof(*out));
	out->date = *d;
	kb_date_from_days(kb_date_to_days(d) - 1, &prev);
	kb_roster_build(in, &prev, &out->before);
	kb_roster_build(in, d, &out->after);
	for (size_t i = 0; i < out->after.nrows; i++) {
		const struct kb_roster_row *w = &out->after.rows[i];
		size_t nadd = 0, nrem = 0;
		int first = 1;

		for (size_t j = 0; j < i && first; j++)
			first = !same_row(&out->after.rows[j], w);
		if (!first)
			continue; /* each role and scope once */
		for (size_t j = i; j < out->after.nrows; j++)
			if (same_row(&out->after.rows[j], w) && out->after.rows[j].person >= 0 &&
			    !kb_roster_holds(&out->before, w, out->after.rows[j].person)) {
				kb_grow((void **)&added, &capadd, nadd + 1, sizeof(*added));
				added[nadd++] = j;
			}
		for (size_t k = 0; k < out->before.nrows; k++)
			if (same_row(&out->before.rows[k], w) && out->before.rows[k].person >= 0 &&
			    !kb_roster_holds(&out->after, w, out->before.rows[k].person)) {
				kb_grow((void **)&removed, &caprem, nrem + 1, sizeof(*removed));
				removed[nrem++] = k;
			}
		for (size_t k = 0; k < nadd || k < nrem; k++)
			add_change(out, in, k < nadd ? &out->after.rows[added[k]] : NULL,
			           k < nrem ? &out->before.rows[removed[k]] : NULL);
	}
	/* A seat whose role and scope have no row at all any more (a body's last member left). */
	for (size_t k = 0; k < out->before.nrows; k++) {
		int gone = out->before.rows[k].person >= 0;
		for (size_t j = 0; j < out->after.nrows && gone; j++)
			gone = !same_row(&out->after.rows[j], &out->before.rows[k]);
		if (gone)
			add_change(out, in, NULL, &out->before.rows[k]);
	}
	free(added);
	free(removed);
}

void
kb_roster_changes_free(struct kb_roster_changes *c)
{
	kb_roster_free(&c->before);
	kb_roster_free(&c->after);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* ---- text ------------------------------------------------------------------ */

/* One row of the 体制表 as the text table's cells (role, scope, name, post, article, note). */
static void
text_row(struct kb_table *t, const struct kb_input *in, const struct kb_roster_row *w)
{
	const struct kb_org *org = &in->org;
	char *name = w->person >= 0 ? kb_asprintf("%s %s", org->persons[w->person].family,
	                                          org->persons[w->person].given)
	                            : kb_strdup("―");
	char *note = kb_asprintf("%s%s%s", w->basis ? w->basis : "", w->basis && w->note ? " " : "",
	                         w->note ? w->note : "");

	kb_table_row(t, w->group, w->role, w->scope, name, w->post, w->article, note);
	free(name), free(note);
}

static void
table(kb_buf *b, const struct kb_input *in, const struct kb_roster_row *rows, size_t n)
{
	static const char *const head[] = {"役割", "対象", "氏名", "職", "根拠条項", "備考"};
	struct kb_table t;

	kb_table_init(&t, 6, head);
	for (size_t i = 0; i < n; i++)
		text_row(&t, in, &rows[i]);
	kb_table_text(b, &t);
	kb_table_free(&t);
}

char *
kb_roster_text(const struct kb_input *in, const struct kb_roster *r)
{
	kb_buf b = {0};
	char *wa = kb_wareki(&r->date, 0);

	kb_buf_printf(&b, "%s 情報化推進体制表（%s現在） %s\n\n", in->org.name, wa ? wa : "",
	              in->org.regulation);
	free(wa);
	table(&b, in, r->rows, r->nrows);
	if (r->nended > 0) {
		kb_buf_puts(&b, "\n");
		table(&b, in, r->ended, r->nended);
	}
	kb_buf_printf(&b, "\n%zu 役割、欠員 %d\n", r->nrows, r->vacancies);
	return kb_buf_take(&b);
}

/* The roster as CSV: one line per role held on the date, then per role ended; the columns are
 * the attributes of kb_roster_xml. */
char *
kb_roster_csv(const struct kb_input *in, const struct kb_roster *r)
{
	static const char *const head[] = {"group", "role", "scope", "article", "person",
	                                   "name",  "post", "basis", "since",   "ended"};
	struct kb_table t;
	kb_buf b = {0};

	kb_table_init(&t, 10, head);
	for (size_t i = 0; i < r->nrows + r->nended; i++) {
		const struct kb_roster_row *w =
		    i < r->nrows ? &r->rows[i] : &r->ended[i - r->nrows];
		const struct kb_person *p = w->person >= 0 ? &in->org.persons[w->person] : NULL;
		char *name = p ? kb_asprintf("%s　%s", p->family, p->given) : NULL;
		char *since = w->since.y ? date_str(&w->since) : NULL;
		char *ended = w->ended.y ? date_str(&w->ended) : NULL;
		kb_table_row(&t, NULL, w->group, w->role, w->scope, w->article, p ? p->id : NULL,
		             name, w->post, w->basis, since, ended);
		free(name), free(since), free(ended);
	}
	kb_table_csv(&b, &t);
	kb_table_free(&t);
	return kb_buf_take(&b);
}

/* ---- XML ------------------------------------------------------------------- */

static void
set(xmlNode *n, const char *name, const char *v)
{
	if (v != NULL && *v != '\0')
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

static void
row_xml(xmlNode *parent, const char *elem, const struct kb_input *in, const struct kb_roster_row *w)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)elem, NULL);
	char *ds;

	set(n, "group", w->group);
	set(n, "role", w->role);
	set(n, "scope", w->scope);
	set(n, "article", w->article);
	if (w->person >= 0) {
		const struct kb_person *p = &in->org.persons[w->person];
		char *full = kb_asprintf("%s　%s", p->family, p->given);
		set(n, "person", p->id);
		set(n, "name", full);
		free(full);
	} else
		set(n, "vacant", "true");
	set(n, "post", w->post);
	set(n, "basis", w->basis);
	if (w->since.y) {
		ds = date_str(&w->since);
		set(n, "since", ds);
		free(ds);
	}
	if (w->ended.y) {
		ds = date_str(&w->ended);
		set(n, "ended", ds);
		free(ds);
	}
	set(n, "note", w->note);
}

xmlDoc *
kb_roster_xml(const struct kb_input *in, const struct kb_roster *r)
{
	xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"roster");
	char *ds = date_str(&r->date), *vs = kb_asprintf("%d", r->vacancies);

	xmlDocSetRootElement(doc, root);
	set(root, "date", ds);
	set(root, "organization", in->org.name);
	set(root, "regulation", in->org.regulation);
	set(root, "vacancies", vs);
	free(ds);
	free(vs);
	for (size_t i = 0; i < r->nrows; i++)
		row_xml(root, "role", in, &r->rows[i]);
	for (size_t i = 0; i < r->nended; i++)
		row_xml(root, "ended", in, &r->ended[i]);
	return doc;
}
