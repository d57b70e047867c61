/* context.c — the context documents handed to templates: each record as its document's audience may
 * see it, plus names, posts, dates and numbers. */
#include "context.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "orgindex.h"
#include "plan.h"
#include "policy.h"
#include "roles.h"
#include "roster.h"
#include "util.h"

void
kb_ctx_set(xmlNode *n, const char *name, const char *value)
{
	if (value != NULL)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void
kb_ctx_set_date(xmlNode *n, const char *name, const struct kb_date *d)
{
	char buf[16];

	if (d->y == 0)
		return;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->y, d->m, d->d);
	kb_ctx_set(n, name, buf);
}

static const char *const rank_names[] = {"mayor", "vice-mayor", "department-head", "division-head",
                                         "staff"};

/*
 * A person as templates print them: name parts, the full name with a
 * full-width space, and the post they are named under on d as
 * kb_roster_post_title prints it (事務取扱 and 兼務 included).
 */
static xmlNode *
person_node(xmlNode *parent, const char *elem, const struct kb_org *org, int person,
            const struct kb_post *post, const struct kb_date *d)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)elem, NULL);
	const struct kb_person *p = &org->persons[person];
	char *full = kb_asprintf("%s　%s", p->family, p->given);

	kb_ctx_set(n, "person", p->id);
	kb_ctx_set(n, "family", p->family);
	kb_ctx_set(n, "given", p->given);
	kb_ctx_set(n, "name", full);
	kb_ctx_set(n, "family-kana", p->family_kana);
	kb_ctx_set(n, "given-kana", p->given_kana);
	free(full);
	if (post != NULL) {
		char *title = kb_roster_post_title(org, person, post, d);
		kb_ctx_set(n, "post", title);
		kb_ctx_set(n, "title", post->title);
		kb_ctx_set(n, "rank", rank_names[post->rank]);
		free(title);
		if (post->unit >= 0) {
			const struct kb_unit *u = &org->units[post->unit];
			kb_ctx_set(n, "unit", u->name);
			kb_ctx_set(n, "unit-id", u->id);
			if (u->parent >= 0)
				kb_ctx_set(n, "department", org->units[u->parent].name);
		}
	}
	return n;
}

/*
 * Copies the children of src under dst, leaving out every element whose
 * audience label is narrower than aud. This is where confidentiality is
 * enforced: a template cannot print what it never receives.
 */
static void
copy_filtered(xmlNode *dst, const xmlNode *src, enum kb_audience aud)
{
	for (const xmlNode *c = src->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			xmlNode *e;
			if (kb_audience_label(c) > aud)
				continue;
			e = xmlNewChild(dst, NULL, c->name, NULL);
			for (const xmlAttr *a = c->properties; a != NULL; a = a->next) {
				xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
				xmlNewProp(e, a->name, v);
				xmlFree(v);
			}
			copy_filtered(e, c, aud);
		} else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			xmlAddChild(dst, xmlNewText(c->content));
		}
	}
}

static const char *const audience_names[] = {"public", "authorities", "internal", "cio"};

/* The 担当 block: a division's name and how to reach it. */
void
kb_ctx_contact(xmlNode *ctx, const struct kb_org *org, int unit)
{
	xmlNode *n;
	const struct kb_unit *u;

	if (unit < 0)
		unit = kb_unit_by_function(org, "information-policy");
	if (unit < 0)
		return;
	u = &org->units[unit];
	n = xmlNewChild(ctx, NULL, (const xmlChar *)"contact", NULL);
	kb_ctx_set(n, "unit", u->name);
	if (u->parent >= 0)
		kb_ctx_set(n, "department", org->units[u->parent].name);
	kb_ctx_set(n, "phone", u->phone);
	kb_ctx_set(n, "mail", u->mail);
}

/* ---- who is who -------------------------------------------------------------- */

/* "谷口　慎也"; the caller frees. */
char *
kb_ctx_full_name(const struct kb_org *org, int person)
{
	return person < 0
	           ? kb_strdup("")
	           : kb_asprintf("%s　%s", org->persons[person].family, org->persons[person].given);
}

/* a + b written once where a's end and b's start are the same word (亀岡市 + 市長 → 亀岡市長). */
static char *
join_overlap(const char *a, const char *b)
{
	size_t an = strlen(a), bn;

	for (bn = strlen(b); bn > 0; bn--)
		if (bn <= an && memcmp(a + an - bn, b, bn) == 0 && (b[bn] & 0xC0) != 0x80 &&
		    (an == bn || (a[an - bn] & 0xC0) != 0x80))
			break;
	return kb_asprintf("%s%s", a, b + bn);
}

/* The mayor's post on d, or NULL. */
static const struct kb_post *
mayor_post(const struct kb_org *org, const struct kb_date *d)
{
	size_t n;
	const int *v = kb_posts_of_rank(org, KB_RANK_MAYOR, &n);

	for (size_t i = 0; i < n; i++)
		if (kb_post_held(&org->posts[v[i]], d))
			return &org->posts[v[i]];
	return NULL;
}

/* "亀岡市長　西川　隆之" (the appointing and reporting authority), or the organization's name. */
static char *
mayor_line(const struct kb_org *org, const struct kb_date *d)
{
	const struct kb_post *m = mayor_post(org, d);
	char *cap, *name, *s;

	if (m == NULL)
		return kb_strdup(org->name);
	cap = join_overlap(org->name, m->title ? m->title : "市長");
	name = kb_ctx_full_name(org, m->person);
	s = kb_asprintf("%s　%s", cap, name);
	free(cap);
	free(name);
	return s;
}

/* "亀岡市最高情報統括責任者　副市長　湯浅　正和" */
char *
kb_ctx_cio_line(const struct kb_org *org, const struct kb_date *d)
{
	const struct kb_post *c = kb_cio_post(org, d);
	char *name, *s;

	if (c == NULL)
		return kb_asprintf("%s最高情報統括責任者", org->name);
	name = kb_ctx_full_name(org, c->person);
	s = kb_asprintf("%s最高情報統括責任者　%s　%s", org->name, c->title ? c->title : "", name);
	free(name);
	return s;
}

void
kb_ctx_nomination_posts(const struct kb_org *org, const struct kb_record *r,
                        const struct kb_post **nominee, const struct kb_post **nominator)
{
	int dx = r->nom_kind == KB_NOM_DX_PROMOTER && r->scope >= 0;

	/* dx-promoter: the DX推進員 is staff of the division, named by its 情報管理者 (its 課長).
	 */
	*nominee = dx ? kb_post_of_in(org, r->nominee, r->scope, &r->date)
	              : kb_post_main(org, r->nominee, &r->date);
	*nominator = dx ? kb_post_in(org, KB_RANK_DIV_HEAD, r->scope, &r->date)
	                : kb_post_main(org, r->nominator, &r->date);
	if (*nominator != NULL && (*nominator)->person != r->nominator)
		*nominator = kb_post_main(org, r->nominator, &r->date);
}

char *
kb_ctx_appointment_what(const struct kb_input *in, size_t i)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = &in->records[i];
	kb_buf b = {0};

	if (r->cio_assistant)
		return kb_asprintf("CIO補佐官%s", strcmp(kb_roster_appoint_act(org, r), "委嘱") == 0
		                                      ? "を委嘱"
		                                      : "に任命");
	for (size_t k = 0; k < org->nposts; k++)
		if (org->posts[k].by == (int)i) {
			char *t = kb_roster_post_title(org, r->person, &org->posts[k], &r->date);
			kb_buf_puts(&b, t);
			free(t);
		}
	/* leaves="": the posts it ended, 「総務課長を離任」. */
	for (size_t k = 0, n = 0; r->leaves != NULL && k < org->nposts; k++)
		if (org->posts[k].ended_by == (int)i && org->posts[k].person == r->person) {
			char *t = kb_post_title(org, &org->posts[k]);
			kb_buf_printf(&b, "%s%s", n++ ? "・" : "", t);
			free(t);
		}
	if (r->leaves != NULL)
		kb_buf_puts(&b, b.len ? "を離任" : "離任");
	return kb_buf_take(&b);
}

/* <addressee line="…" honorific="様"/> and <sender line="…"/>: the letterhead as printed. */
void
kb_ctx_letter_ends(xmlNode *ctx, const struct kb_org *org, const char *to, const char *from)
{
	xmlNode *a = xmlNewChild(ctx, NULL, (const xmlChar *)"addressee", NULL);
	xmlNode *s = xmlNewChild(ctx, NULL, (const xmlChar *)"sender", NULL);

	kb_ctx_set(a, "line", to);
	kb_ctx_set(a, "honorific", org->honorific);
	kb_ctx_set(s, "line", from);
}

/* ---- context documents ------------------------------------------------------------ */

/*
 * The record's element, parsed again from what load.c kept of it (the
 * file's tree is gone); the caller frees it with xmlFreeDoc(e->doc).
 */
static xmlNode *
record_element(const struct kb_record *r)
{
	xmlDocPtr d = xmlReadMemory(r->xml, (int)strlen(r->xml), NULL, "UTF-8", XML_PARSE_NONET);
	xmlNode *e = d ? xmlDocGetRootElement(d) : NULL;

	if (e == NULL) { /* load.c serialized it from libxml2's own tree: a bug */
		fprintf(stderr, "kobun: internal error: the element of record %s does not parse\n",
		        r->id ? r->id : "?");
		abort();
	}
	return e;
}

/* <record> data common to all kinds: the record element itself, filtered for the audience. */
static xmlNode *
record_copy(xmlNode *ctx, const struct kb_record *r, enum kb_audience aud)
{
	xmlNode *e = record_element(r);
	xmlNode *n = xmlNewChild(ctx, NULL, e->name, NULL);

	for (const xmlAttr *a = e->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
		xmlNewProp(n, a->name, v);
		xmlFree(v);
	}
	copy_filtered(n, e, aud);
	xmlFreeDoc(e->doc);
	return n;
}

static void
nomination_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *n = xmlNewChild(ctx, NULL, (const xmlChar *)"nomination", NULL);
	const struct kb_nom_kind_info *k = &kb_nom_kinds[r->nom_kind];
	int dx = r->nom_kind == KB_NOM_DX_PROMOTER;
	const struct kb_post *staff, *nom;
	const int *v;
	size_t nv;
	char *to = NULL, *from = NULL;

	kb_ctx_nomination_posts(org, r, &staff, &nom);

	kb_ctx_set(n, "id", r->id);
	kb_ctx_set_date(n, "date", &r->date);
	kb_ctx_set_date(n, "until", &r->until);
	kb_ctx_set(n, "kind", k->name);
	kb_ctx_set(n, "article", kb_art_cite(org->cite, k->article));
	kb_ctx_set(n, "role", k->title);
	if (r->body >= 0) {
		xmlNode *b = xmlNewChild(n, NULL, (const xmlChar *)"body", NULL);
		kb_ctx_set(b, "id", org->bodies[r->body].id);
		kb_ctx_set(b, "name", org->bodies[r->body].name);
		kb_ctx_set(b, "kind", org->bodies[r->body].wg ? "working-group" : "subcommittee");
	}
	person_node(n, "nominator", org, r->nominator, nom, &r->date);
	person_node(n, "nominee", org, r->nominee, staff, &r->date);
	{
		xmlNode *e = record_element(r);
		copy_filtered(n, e, doc->audience);
		xmlFreeDoc(e->doc);
	}

	if (strcmp(doc->kind, "nomination-report") == 0) {
		/* dx-report: the 情報管理者 reports to the 情報政策課長. */
		xmlNode *others = xmlNewChild(n, NULL, (const xmlChar *)"others", NULL);
		to = kb_roster_function_head_line(org, "information-policy", &r->date);
		from = kb_roster_post_line(org, r->nominator, nom, &r->date);
		/* The division's DX推進員 before this nomination: 追加 when there are any. */
		v = kb_dx_records_of(in, r->scope, &nv);
		for (size_t k = 0; k < nv; k++) {
			size_t j = (size_t)v[k];
			const struct kb_record *o = &in->records[j];
			if (j != doc->index && !o->rejected &&
			    kb_nomination_in_force(in, j, &r->date, doc->index, NULL, NULL))
				person_node(others, "promoter", org, o->nominee,
				            kb_post_of_in(org, o->nominee, r->scope, &r->date),
				            &r->date);
		}
	} else {
		to = kb_roster_post_line(org, r->nominee, staff, &r->date);
		if (k->nominator == KB_ROLE_INFO_MANAGER)
			from = kb_roster_post_line(org, r->nominator, nom, &r->date);
		else if (k->nominator == KB_ROLE_COMMITTEE_CHAIR) {
			char *c = kb_roster_committee_name(org),
			     *name = kb_ctx_full_name(org, r->nominator);
			from = kb_asprintf("%s委員長　%s", c, name);
			free(c);
			free(name);
		} else if ((k->nominator == KB_ROLE_SUBCOMMITTEE_CHAIR ||
		            k->nominator == KB_ROLE_SUBCOMMITTEE_MEMBER) &&
		           r->body >= 0) {
			int parent = org->bodies[r->body].parent;
			int chair = r->res.parent_chair; /* resolved on the nomination's date */
			char *name = kb_ctx_full_name(org, r->nominator);
			from = kb_asprintf("%s%s　%s", parent >= 0 ? org->bodies[parent].name : "",
			                   chair == r->nominator ? "部会長" : "部会員", name);
			free(name);
		} else
			from = kb_ctx_cio_line(org, &r->date);
	}
	kb_ctx_letter_ends(ctx, org, to, from);
	free(to);
	free(from);
	/* doc-handling: the information-policy division handles all but a 課長's own notices. */
	kb_ctx_contact(ctx, org, dx ? r->scope : -1);
}

/* A roster row as context: role, scope, holder, post, article. */
xmlNode *
kb_ctx_roster_row(xmlNode *parent, const char *elem, const struct kb_org *org,
                  const struct kb_roster_row *w)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)elem, NULL);

	kb_ctx_set(n, "group", w->group);
	kb_ctx_set(n, "role", w->role);
	kb_ctx_set(n, "scope", w->scope);
	kb_ctx_set(n, "article", w->article);
	kb_ctx_set(n, "post", w->post);
	if (w->person >= 0) {
		char *name = kb_ctx_full_name(org, w->person);
		kb_ctx_set(n, "name", name);
		free(name);
	} else
		kb_ctx_set(n, "vacant", "true");
	kb_ctx_set(n, "note", w->note);
	return n;
}

/* One <change> of a structure notice: the role, who held it, who holds it now, and why. */
static void
change_node(xmlNode *changes, const struct kb_org *org, const struct kb_roster_change *c,
            const struct kb_record *by)
{
	xmlNode *n = xmlNewChild(changes, NULL, (const xmlChar *)"change", NULL);
	char *was = c->was ? kb_ctx_full_name(org, c->was->person) : NULL;

	kb_ctx_set(n, "record", by->id);
	if (c->now != NULL)
		kb_ctx_roster_row(n, "now", org, c->now);
	else {
		/* Nobody in place of the leaver: the role (or this seat) ends or is vacant. */
		struct kb_roster_row gone = *c->was;
		xmlNode *now;
		gone.person = -1;
		gone.post = NULL;
		gone.note = NULL;
		now = kb_ctx_roster_row(n, "now", org, &gone);
		/* A seat held by nomination or appointment ends with its holder; a post-held role
		 * falls vacant. */
		if (c->was->post_index < 0)
			kb_ctx_set(now, "ended", "true");
	}
	kb_ctx_set(n, "before", was ? was : "（なし）");
	free(was);
}

/*
 * 体制通知, one per effective date: the appointments of the day with what
 * each is, the roles each of them changed, then the whole roster.
 */
static void
structure_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_date *d = &doc->issue;
	struct kb_roster_changes ch;
	xmlNode *apps = xmlNewChild(ctx, NULL, (const xmlChar *)"appointments", NULL), *changes,
	        *roster;
	char *from = kb_ctx_cio_line(org, d);

	kb_ctx_set_date(apps, "date", d);
	kb_roster_changes(in, d, &ch);
	changes = xmlNewChild(ctx, NULL, (const xmlChar *)"changes", NULL);
	for (size_t k = 0; k < doc->nrecs; k++) {
		const struct kb_record *r = &in->records[doc->recs[k]];
		xmlNode *a = xmlNewChild(apps, NULL, (const xmlChar *)"appointment", NULL);
		char *name = kb_ctx_full_name(org, r->person);
		char *what = kb_ctx_appointment_what(in, doc->recs[k]);

		kb_ctx_set(a, "id", r->id);
		kb_ctx_set(a, "name", name);
		kb_ctx_set(a, "what", what);
		free(name);
		free(what);
		for (size_t c = 0; c < ch.n; c++)
			if (ch.v[c].cause == (int)doc->recs[k])
				change_node(changes, org, &ch.v[c], r);
	}
	roster = xmlNewChild(ctx, NULL, (const xmlChar *)"roster", NULL);
	kb_ctx_set_date(roster, "date", d);
	for (size_t i = 0; i < ch.after.nrows; i++)
		kb_ctx_roster_row(roster, "role", org, &ch.after.rows[i]);
	kb_roster_changes_free(&ch);
	kb_ctx_letter_ends(ctx, org, "各情報責任者（各部長）", from);
	free(from);
	kb_ctx_contact(ctx, org, -1);
}

/* 辞令 (cio-assistant): the appointee, the term, the appointing authority (the mayor,
 * mayor-delegation). */
static void
appointment_letter_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *a = record_copy(ctx, r, doc->audience);
	const struct kb_post *cur = kb_post_main(org, r->person, &r->date);
	char *role = kb_asprintf("%s最高情報統括責任者補佐官", org->name);
	char *from = mayor_line(org, &r->date);

	person_node(a, "appointee", org, r->person, cur, &r->date);
	kb_ctx_set(a, "role-title", role);
	/* 委嘱 to someone with no post of the organization that day, 任命 otherwise. */
	kb_ctx_set(a, "act", kb_roster_appoint_act(org, r));
	kb_ctx_letter_ends(ctx, org, "", from);
	free(role);
	free(from);
}

/*
 * A <deadline> row: duty d of an incident as of asof, with its state.
 * until is the last day still in time as seen on asof: the date printed
 * (due) while it is ahead, else the day after which it is late (the PPC
 * 速報: target K+3, late after K+5).
 */
int
kb_ctx_deadline(xmlNode *parent, const struct kb_org *org, const struct kb_duty *d,
                const struct kb_incident_policy *p, const struct kb_date *asof)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)"deadline", NULL);
	char *what = kb_policy_duty_what(org, d);

	kb_ctx_set(n, "kind", kb_policy_duty_kind(org, d));
	if (d->authority >= 0)
		kb_ctx_set(n, "authority", org->authorities[d->authority].id);
	kb_ctx_set(n, "what", what);
	kb_ctx_set_date(n, "due", &d->due);
	if (kb_date_cmp(&d->late, &d->due) != 0)
		kb_ctx_set_date(n, "late-after", &d->late);
	kb_ctx_set_date(n, "until", kb_date_cmp(asof, &d->due) <= 0 ? &d->due : &d->late);
	kb_ctx_set_date(n, "done", &d->done);
	kb_ctx_set(n, "ref", d->ref);
	kb_ctx_set(n, "state", kb_policy_due_name(d->state));
	kb_ctx_set(n, "note", kb_policy_duty_note(d, p));
	kb_ctx_set(n, "article", kb_policy_duty_article(org, d));
	free(what);
	return d->state;
}

/* The rule-dated <deadline>s of incident revision r as of asof for aud; 1 if one is overdue. */
int
kb_ctx_deadlines(xmlNode *parent, const struct kb_input *in, const struct kb_record *r,
                 enum kb_audience aud, const struct kb_date *asof)
{
	struct kb_duty *v;
	size_t n = kb_policy_duties(in, r, aud, asof, &v);
	int overdue = 0;

	for (size_t i = 0; i < n; i++)
		if (!v[i].scheduled)
			overdue |= kb_ctx_deadline(parent, &in->org, &v[i], r->res.policy, asof) ==
			           KB_DUE_OVERDUE;
	free(v);
	return overdue;
}

/* A <personal-data> part for audience aud: state given, absent or withheld (its label hides it). */
static void
personal_part(xmlNode *pd, const char *name, const struct kb_text *t, enum kb_audience aud)
{
	xmlNode *n;

	if (t->text != NULL && t->audience > aud) {
		n = xmlNewChild(pd, NULL, (const xmlChar *)name, NULL);
		kb_ctx_set(n, "state", "withheld");
		return;
	}
	n = xmlNewTextChild(pd, NULL, (const xmlChar *)name,
	                    (const xmlChar *)(t->text ? t->text : ""));
	kb_ctx_set(n, "state", t->text != NULL ? "given" : "absent");
}

/*
 * <personal-data> of the context, from the typed record: each part says
 * whether it is given, absent (要記入 in every document alike) or
 * withheld from this audience, so no template guesses a fact the record
 * does not state (a missing <published> is "not published" only when
 * <personal-data> itself is given).
 */
static void
personal_context(xmlNode *inc, const struct kb_personal_data *p, enum kb_audience aud)
{
	xmlNode *pd = xmlNewChild(inc, NULL, (const xmlChar *)"personal-data", NULL), *pub;

	if (p->present && p->audience > aud) {
		kb_ctx_set(pd, "state", "withheld");
		return;
	}
	kb_ctx_set(pd, "state", p->present ? "given" : "absent");
	if (!p->present)
		return;
	personal_part(pd, "items", &p->items, aud);
	personal_part(pd, "secondary-damage", &p->secondary_damage, aud);
	personal_part(pd, "persons-notice", &p->persons_notice, aud);
	pub = xmlNewChild(pd, NULL, (const xmlChar *)"published", NULL);
	if (p->published_audience > aud) {
		kb_ctx_set(pub, "state", "withheld");
	} else if (p->published.y != 0) {
		kb_ctx_set(pub, "state", "given");
		kb_ctx_set_date(pub, "on", &p->published);
	} else {
		kb_ctx_set(pub, "state", "not-published");
	}
}

/*
 * The values an incident context derives from the organization (division,
 * recogniser, system names), and K with the deadlines counted from it, are
 * put in only when the document's audience may see the element they come
 * from: each typed field keeps the audience label in force on its element,
 * and a name derived from a labelled element is as confidential as the
 * element.
 */
static void
incident_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	const struct kb_incident *ri = r->inc;
	const struct kb_incident_policy *pol = r->res.policy;
	xmlNode *inc, *p, *dl, *auths;
	char *to = NULL, *from = NULL;
	int div = ri->division_audience <= doc->audience ? ri->division : -1;
	int rec_seen = ri->recognized.text != NULL && ri->recognized.audience <= doc->audience;
	int who = rec_seen ? ri->recognized_by : -1;

	inc = record_copy(ctx, r, doc->audience);
	/*
	 * The CIO-only disclosure decision never reaches a wider document;
	 * <personal-data> comes from the typed record (personal_context).
	 */
	for (xmlNode *c = inc->children, *next; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE &&
		    ((doc->audience < KB_AUD_CIO &&
		      strcmp((const char *)c->name, "disclosure") == 0) ||
		     strcmp((const char *)c->name, "personal-data") == 0)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	personal_context(inc, &ri->personal, doc->audience);
	if (div >= 0) {
		kb_ctx_set(inc, "division-name", org->units[div].name);
		if (org->units[div].parent >= 0)
			kb_ctx_set(inc, "department-name", org->units[org->units[div].parent].name);
	}
	if (who >= 0) {
		char *line = kb_roster_post_line(org, who, NULL, &r->date);
		kb_ctx_set(inc, "recognized-by", line);
		free(line);
	}
	{
		xmlNode *sys = xmlNewChild(inc, NULL, (const xmlChar *)"system-names", NULL);
		for (size_t k = 0; k < ri->nsystems; k++)
			if (ri->systems[k].audience <= doc->audience)
				xmlNewTextChild(
				    sys, NULL, (const xmlChar *)"name",
				    (const xmlChar *)org->systems[ri->systems[k].system].name);
	}
	p = xmlNewChild(ctx, NULL, (const xmlChar *)"policy", NULL);
	kb_ctx_set(p, "label", pol->label);
	kb_ctx_set(p, "final", pol->final ? "true" : "false");
	/* K and every deadline counted from it are as confidential as <recognized>. */
	if (rec_seen)
		kb_ctx_set_date(p, "recognized", &pol->recognized);
	kb_ctx_set(p, "ppc", pol->ppc ? "true" : "false");
	kb_ctx_set(p, "my-number", pol->my_number ? "true" : "false");
	if (doc->audience >= KB_AUD_CIO) {
		kb_ctx_set(p, "press", pol->press ? "true" : "false");
		kb_ctx_set(p, "press-why", pol->press_why);
	}
	auths = xmlNewChild(p, NULL, (const xmlChar *)"authorities", NULL);
	for (int a = 0; a < pol->nauthorities; a++) {
		const struct kb_authority *au = &org->authorities[pol->authorities[a]];
		xmlNode *n = xmlNewChild(auths, NULL, (const xmlChar *)"authority", NULL);
		kb_ctx_set(n, "id", au->id);
		kb_ctx_set(n, "name", au->name);
		kb_ctx_set(n, "addressee", au->addressee);
	}
	dl = xmlNewChild(p, NULL, (const xmlChar *)"deadlines", NULL);
	/* Judged on the document's day from what was done by then (kb_policy_done). */
	if (rec_seen)
		kb_ctx_deadlines(dl, in, r, doc->audience, &doc->issue);
	if (strcmp(doc->kind, "incident-report-cio") == 0) {
		const struct kb_post *chief = kb_function_head(org, "policy-planning", &doc->issue);
		char *name = chief ? kb_ctx_full_name(org, chief->person) : kb_strdup("");
		to = kb_ctx_cio_line(org, &doc->issue);
		from = kb_asprintf("%sCSIRT（情報統括管理者　%s）", org->name, name);
		free(name);
	} else if (strcmp(doc->kind, "incident-report-authority") == 0 && doc->authority >= 0) {
		const struct kb_authority *au = &org->authorities[doc->authority];
		xmlNode *n = xmlNewChild(ctx, NULL, (const xmlChar *)"to-authority", NULL);
		kb_ctx_set(n, "id", au->id);
		kb_ctx_set(n, "name", au->name);
		to = kb_strdup(au->addressee ? au->addressee : au->name);
		from = mayor_line(org, &doc->issue);
	}
	kb_ctx_letter_ends(ctx, org, to ? to : "", from ? from : "");
	free(to);
	free(from);
	/* Press drafts name the division concerned as the contact; reports the CSIRT's office. */
	kb_ctx_contact(ctx, org, strcmp(doc->kind, "press-release-draft") == 0 ? div : -1);
}

static void
plan_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *sp = record_copy(ctx, r, doc->audience);
	const struct kb_sysplan *p = r->plan;
	const struct kb_post *planner =
	    p->division >= 0 ? kb_post_in(org, KB_RANK_DIV_HEAD, p->division, &r->date) : NULL;
	char *pl = kb_roster_post_line(org, p->planner, planner, &r->date), *cio;

	if (p->division >= 0)
		kb_ctx_set(sp, "division-name", org->units[p->division].name);
	if (p->system >= 0)
		kb_ctx_set(sp, "system-name", org->systems[p->system].name);
	kb_ctx_set(sp, "planner-line", pl);
	if (strcmp(doc->kind, "system-plan-decision") == 0) {
		cio = kb_ctx_cio_line(org, &doc->issue);
		kb_ctx_letter_ends(ctx, org, pl, cio);
		kb_ctx_contact(ctx, org, -1);
	} else {
		cio = kb_ctx_cio_line(org, &r->date);
		kb_ctx_letter_ends(ctx, org, cio, pl);
		kb_ctx_contact(ctx, org, p->division);
	}
	free(pl);
	free(cio);
}

/* <organization> with its house settings and <regulation>: the same in every context. */
void
kb_ctx_organization(xmlNode *ctx, const struct kb_org *org)
{
	xmlNode *o = xmlNewChild(ctx, NULL, (const xmlChar *)"organization", NULL), *reg;
	char *c = kb_roster_committee_name(org);

	kb_ctx_set(o, "name", org->name);
	kb_ctx_set(o, "prefecture", org->prefecture);
	kb_ctx_set(o, "honorific", org->honorific);
	kb_ctx_set(o, "digits", org->digits_full ? "full" : "half");
	kb_ctx_set(o, "seal", org->seal_box ? "box" : "omit");
	kb_ctx_set(o, "era", org->era_seireki ? "wareki+seireki" : "wareki");
	/* Only when set, so that a solid house leaves every context as it was. */
	if (org->latin_space > 0) {
		char *ls = kb_asprintf("%g", org->latin_space);
		kb_ctx_set(o, "latin-space", ls);
		free(ls);
	}
	reg = xmlNewChild(o, NULL, (const xmlChar *)"regulation", NULL);
	kb_ctx_set(reg, "title", org->regulation);
	kb_ctx_set(reg, "number", org->regulation_number);
	kb_ctx_set(reg, "committee", c);
	free(c);
	/* The profile: every provision's citation, read by key in the templates. */
	for (int a = KB_ART_NONE + 1; a < KB_ART__MAX; a++) {
		xmlNode *n = xmlNewChild(reg, NULL, (const xmlChar *)"article", NULL);
		kb_ctx_set(n, "key", kb_art_key((enum kb_art)a));
		kb_ctx_set(n, "cite", kb_art_cite(org->cite, (enum kb_art)a));
	}
}

void
kb_ctx_doc_marks(xmlNode *ctx, const struct kb_doc *doc)
{
	kb_ctx_set(ctx, "number", doc->number);
	/*
	 * A numbered kind without a number: its sender has no 文書記号, or it
	 * is a preview or a draft, which never take one. The blank is for the
	 * number written by hand.
	 */
	if (doc->numbered && doc->number == NULL)
		kb_ctx_set(ctx, "number-by-hand", "true");
	if (doc->correction)
		kb_ctx_set(ctx, "correction", "true");
	if (doc->draft)
		kb_ctx_set(ctx, "draft", "true");
}

xmlDoc *
kb_context_build(const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *ctx = xmlNewNode(NULL, (const xmlChar *)"context");
	char created[40];

	xmlDocSetRootElement(d, ctx);
	kb_ctx_set(ctx, "kind", doc->kind);
	kb_ctx_set(ctx, "audience", audience_names[doc->audience]);
	kb_ctx_set(ctx, "record", doc->rec->id);
	{
		char rev[16];
		snprintf(rev, sizeof(rev), "%d", doc->rec->revision);
		kb_ctx_set(ctx, "revision", rev);
	}
	kb_ctx_set_date(ctx, "issue-date", &doc->issue);
	snprintf(created, sizeof(created), "%04d-%02d-%02dT00:00:00+09:00", doc->issue.y,
	         doc->issue.m, doc->issue.d);
	kb_ctx_set(ctx, "created", created);
	kb_ctx_doc_marks(ctx, doc);
	/* A follow-up cites the document it follows (its date, and its number when it had one). */
	if (doc->cites) {
		xmlNode *c = xmlNewChild(ctx, NULL, (const xmlChar *)"cites", NULL);
		kb_ctx_set(c, "kind", doc->follows_kind);
		kb_ctx_set_date(c, "date", &doc->cite_date);
		kb_ctx_set(c, "number", doc->cite_number);
	}
	kb_ctx_set(ctx, "generator", "kobun " KOBUN_VERSION);
	kb_ctx_organization(ctx, org);
	switch (doc->rec->kind) {
	case KB_REC_NOMINATION:
		nomination_context(ctx, in, doc);
		break;
	case KB_REC_APPOINTMENT:
		if (strcmp(doc->kind, "appointment-letter") == 0)
			appointment_letter_context(ctx, in, doc);
		else
			structure_context(ctx, in, doc);
		break;
	case KB_REC_INCIDENT:
		incident_context(ctx, in, doc);
		break;
	case KB_REC_SYSTEM_PLAN:
		plan_context(ctx, in, doc);
		break;
	}
	return d;
}
