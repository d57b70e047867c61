/* context.c — the plan of documents and the context documents handed to templates. */
#include "context.h"
#include "monthly.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "model.h"
#include "policy.h"
#include "register.h"
#include "roles.h"
#include "roster.h"
#include "rules.h"
#include "util.h"

static void
set(xmlNode *n, const char *name, const char *value)
{
	if (value != NULL)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void
set_date(xmlNode *n, const char *name, const struct kb_date *d)
{
	char buf[16];

	if (d->y == 0)
		return;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->y, d->m, d->d);
	set(n, name, buf);
}

static const char *const rank_names[] = {"mayor", "vice-mayor", "department-head",
                                         "division-head", "staff"};

/*
 * A person as templates print them: name parts, the full name with a
 * full-width space, and the post they hold in unit (or any post) on d.
 */
static xmlNode *
person_node(xmlNode *parent, const char *elem, const struct kb_org *org, int person,
            const struct kb_post *post)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)elem, NULL);
	const struct kb_person *p = &org->persons[person];
	char *full = kb_asprintf("%s　%s", p->family, p->given);

	set(n, "person", p->id);
	set(n, "family", p->family);
	set(n, "given", p->given);
	set(n, "name", full);
	set(n, "family-kana", p->family_kana);
	set(n, "given-kana", p->given_kana);
	free(full);
	if (post != NULL) {
		char *title = kb_post_title(org, post);
		set(n, "post", title);
		set(n, "title", post->title);
		set(n, "rank", rank_names[post->rank]);
		free(title);
		if (post->unit >= 0) {
			const struct kb_unit *u = &org->units[post->unit];
			set(n, "unit", u->name);
			set(n, "unit-id", u->id);
			if (u->parent >= 0)
				set(n, "department", org->units[u->parent].name);
		}
	}
	return n;
}

/* Audience of an element from its audience="" label (no label: public). */
static enum kb_audience
label_of(const xmlNode *n)
{
	xmlChar *a = xmlGetProp(n, (const xmlChar *)"audience");
	enum kb_audience r = KB_AUD_PUBLIC;

	if (a != NULL) {
		if (strcmp((const char *)a, "cio") == 0)
			r = KB_AUD_CIO;
		else if (strcmp((const char *)a, "authorities") == 0)
			r = KB_AUD_AUTHORITIES;
		else
			r = KB_AUD_CIO; /* unknown labels are treated as the narrowest */
		xmlFree(a);
	}
	return r;
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
			if (label_of(c) > aud)
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
static void
contact_node(xmlNode *ctx, const struct kb_org *org, int unit)
{
	xmlNode *n;
	const struct kb_unit *u;

	if (unit < 0)
		unit = kb_unit_by_function(org, "information-policy");
	if (unit < 0)
		return;
	u = &org->units[unit];
	n = xmlNewChild(ctx, NULL, (const xmlChar *)"contact", NULL);
	set(n, "unit", u->name);
	if (u->parent >= 0)
		set(n, "department", org->units[u->parent].name);
	set(n, "phone", u->phone);
	set(n, "mail", u->mail);
}


/* ---- who is who -------------------------------------------------------------- */

/* "谷口　慎也"; the caller frees. */
static char *
full_name(const struct kb_org *org, int person)
{
	return person < 0 ? kb_strdup("")
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

/* The committee's name (第11条), from <regulation committee=""> or the organization's name. */
static char *
committee_name(const struct kb_org *org)
{
	return org->committee ? kb_strdup(org->committee)
	                      : kb_asprintf("%s情報化推進委員会", org->name);
}

/* The mayor's post on d, or NULL. */
static const struct kb_post *
mayor_post(const struct kb_org *org, const struct kb_date *d)
{
	for (size_t i = 0; i < org->nposts; i++)
		if (org->posts[i].rank == KB_RANK_MAYOR && kb_post_held(&org->posts[i], d))
			return &org->posts[i];
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
	name = full_name(org, m->person);
	s = kb_asprintf("%s　%s", cap, name);
	free(cap);
	free(name);
	return s;
}

/* "亀岡市最高情報統括責任者　副市長　湯浅　正和" */
static char *
cio_line(const struct kb_org *org, const struct kb_date *d)
{
	const struct kb_post *c = kb_cio_post(org, d);
	char *name, *s;

	if (c == NULL)
		return kb_asprintf("%s最高情報統括責任者", org->name);
	name = full_name(org, c->person);
	s = kb_asprintf("%s最高情報統括責任者　%s　%s", org->name, c->title ? c->title : "", name);
	free(name);
	return s;
}

/* "保険年金課長　岩崎　誠" for a head; "保険年金課　主査　松井　裕介" for staff. */
static char *
post_line(const struct kb_org *org, int person, const struct kb_post *p)
{
	char *name = full_name(org, person), *t, *s;

	if (p == NULL)
		return name;
	t = kb_post_title(org, p);
	if (p->rank == KB_RANK_STAFF && p->unit >= 0)
		s = kb_asprintf("%s　%s　%s", org->units[p->unit].name, t, name);
	else
		s = kb_asprintf("%s　%s", t, name);
	free(t);
	free(name);
	return s;
}

/* <addressee line="…" honorific="様"/> and <sender line="…"/>: the letterhead as printed. */
static void
letter_ends(xmlNode *ctx, const struct kb_org *org, const char *to, const char *from)
{
	xmlNode *a = xmlNewChild(ctx, NULL, (const xmlChar *)"addressee", NULL);
	xmlNode *s = xmlNewChild(ctx, NULL, (const xmlChar *)"sender", NULL);

	set(a, "line", to);
	set(a, "honorific", org->honorific);
	set(s, "line", from);
}

/* ---- the plan -------------------------------------------------------------------- */

/* The division whose 文書記号 numbers documents sent from unit (第15条: else 情報政策課). */
static const struct kb_unit *
code_unit(const struct kb_org *org, int unit)
{
	int ip;

	if (unit >= 0 && org->units[unit].doc_prefix != NULL)
		return &org->units[unit];
	ip = kb_unit_by_function(org, "information-policy");
	if (ip >= 0 && org->units[ip].doc_prefix != NULL)
		return &org->units[ip];
	return NULL;
}

/*
 * The division that sends (and numbers) a document: the 課長's own for
 * the DX推進員 notice and report and the 協議書; -1 (the information-policy
 * division, 第15条) for the CIO, committee, bodies and CSIRT.
 */
static int
sending_unit(const struct kb_record *r, const char *kind)
{
	if (r->kind == KB_REC_NOMINATION && strcmp(r->kindname, "dx-promoter") == 0)
		return r->scope;
	if (r->kind == KB_REC_SYSTEM_PLAN && strcmp(kind, "system-plan-consultation") == 0)
		return r->post_unit;
	return -1;
}

/* Whether an appointment moved a post that carries roles (any but staff). */
static int
moves_roles(const struct kb_org *org, const struct kb_record *r)
{
	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i];
		if (p->rank != KB_RANK_STAFF &&
		    ((p->by != NULL && p->by == r->id) || (p->ended_by != NULL && p->ended_by == r->id)))
			return 1;
	}
	return 0;
}

/* A document the regulation calls for, before we know whether kobun can render it yet. */
struct due {
	const char *kind;
	const char *article;
	enum kb_audience audience;
	int authority; /* per-authority reports: index into org authorities; else -1 */
	int numbered;  /* carries a 文書番号 */
};

/* The documents record r calls for (spec/documents.md); returns how many were put in out. */
static int
documents_of(const struct kb_input *in, const struct kb_record *r, struct due *out, int max)
{
	const struct kb_org *org = &in->org;
	int n = 0;

	switch (r->kind) {
	case KB_REC_NOMINATION:
		out[n++] = (struct due){"nomination-notice", kb_rules_nomination_article(r->kindname),
		                        KB_AUD_INTERNAL, -1, 1};
		if (strcmp(r->kindname, "dx-promoter") == 0)
			out[n++] = (struct due){"nomination-report", "第8条第3項", KB_AUD_INTERNAL, -1, 1};
		break;
	case KB_REC_APPOINTMENT:
		if (r->kindname != NULL && strcmp(r->kindname, "cio-assistant") == 0)
			out[n++] = (struct due){"appointment-letter", "第4条第1項", KB_AUD_INTERNAL, -1, 1};
		else if (moves_roles(org, r))
			out[n++] = (struct due){"structure-notice", "第3条〜第10条", KB_AUD_INTERNAL, -1, 1};
		break;
	case KB_REC_INCIDENT: {
		struct kb_incident_policy pol;
		kb_policy_incident(org, r, &pol);
		out[n++] = (struct due){"incident-report-cio", "第14条第4項", KB_AUD_CIO, -1, 1};
		for (int a = 0; a < pol.nauthorities && n < max - 2; a++)
			out[n++] = (struct due){"incident-report-authority", "第14条第4項",
			                        KB_AUD_AUTHORITIES, pol.authorities[a], 1};
		if (pol.ppc)
			out[n++] = (struct due){"ppc-report-sheet", "個人情報保護法第68条",
			                        KB_AUD_AUTHORITIES, -1, 0};
		if (pol.press)
			out[n++] = (struct due){"press-release-draft", "第14条第4項", KB_AUD_PUBLIC, -1, 0};
		break;
	}
	case KB_REC_SYSTEM_PLAN:
		out[n++] = (struct due){r->decided.y ? "system-plan-decision" : "system-plan-consultation",
		                        "第16条第1項", KB_AUD_INTERNAL, -1, 1};
		break;
	}
	return n;
}

/* The day a document is issued: an incident revision's issue day, a decision's date, else the record's. */
static struct kb_date
issue_date(const struct kb_input *in, const struct kb_record *r, const char *kind)
{
	if (r->kind == KB_REC_INCIDENT) {
		struct kb_incident_policy pol;
		kb_policy_incident(&in->org, r, &pol);
		return pol.issue;
	}
	if (strcmp(kind, "system-plan-decision") == 0 && r->decided.y != 0)
		return r->decided;
	return r->date;
}

/* Whether DATADIR/templates/KIND.xsl exists. */
static int
has_template(const char *datadir, const char *kind)
{
	char *path = kb_asprintf("%s/templates/%s.xsl", datadir, kind);
	int ok = access(path, R_OK) == 0;

	free(path);
	return ok;
}

int
kb_plan_make(const struct kb_input *in, const char *datadir, struct kb_register *reg,
             struct kb_plan *plan)
{
	const struct kb_org *org = &in->org;
	int rc = 0;

	memset(plan, 0, sizeof(*plan));
	if (reg != NULL && kb_register_begin(reg) != 0)
		return -1;
	for (size_t i = 0; i < in->nrecords && rc == 0; i++) {
		const struct kb_record *r = &in->records[i];
		struct due due[16];
		int n;

		if (r->rejected || r->standing || r->node == NULL)
			continue;
		n = documents_of(in, r, due, 16);
		for (int k = 0; k < n; k++) {
			struct kb_doc *d;
			const struct kb_unit *code;
			const char *auth = due[k].authority >= 0 ? org->authorities[due[k].authority].id : NULL;
			int per_revision = r->kind == KB_REC_INCIDENT || r->kind == KB_REC_SYSTEM_PLAN;

			if (!has_template(datadir, due[k].kind)) {
				kb_diagc_art(KB_D_NO_TEMPLATE,
				             &(struct kb_loc){r->src.file, r->src.line, r->id},
				             due[k].article,
				             "%s%s%s is owed, but kobun has no template for it yet",
				             due[k].kind, auth ? " to " : "", auth ? auth : "");
				plan->owed++;
				continue;
			}
			kb_grow((void **)&plan->docs, &plan->cap, plan->ndocs + 1, sizeof(*plan->docs));
			d = &plan->docs[plan->ndocs++];
			memset(d, 0, sizeof(*d));
			d->kind = due[k].kind;
			d->rec = r;
			d->index = i;
			d->audience = due[k].audience;
			d->authority = due[k].authority;
			d->issue = issue_date(in, r, d->kind);
			/* <record-id>/<kind>[-<authority>][-r<revision>].pdf (documents.md) */
			if (per_revision)
				d->path = kb_asprintf("%s/%s%s%s-r%d.pdf", r->id, d->kind, auth ? "-" : "",
				                      auth ? auth : "", r->revision);
			else
				d->path = kb_asprintf("%s/%s%s%s.pdf", r->id, d->kind, auth ? "-" : "",
				                      auth ? auth : "");
			code = due[k].numbered ? code_unit(org, sending_unit(r, d->kind)) : NULL;
			if (code != NULL && reg != NULL) {
				char ds[16];
				int seq;
				snprintf(ds, sizeof(ds), "%04d-%02d-%02d", d->issue.y, d->issue.m, d->issue.d);
				seq = kb_register_number(reg, code->doc_prefix, kb_fiscal_year(&d->issue), r->id,
				                         d->kind, auth, r->revision, ds);
				if (seq < 0)
					rc = -1;
				else
					d->number = kb_asprintf("%s第%d号", code->doc_prefix, seq);
			}
		}
	}
	if (reg != NULL && rc == 0 && kb_register_commit(reg) != 0)
		rc = -1;
	return rc;
}

void
kb_plan_free(struct kb_plan *plan)
{
	for (size_t i = 0; i < plan->ndocs; i++) {
		free(plan->docs[i].number);
		free(plan->docs[i].path);
	}
	free(plan->docs);
	memset(plan, 0, sizeof(*plan));
}

/* ---- context documents ------------------------------------------------------------ */

/* <record> data common to all kinds: the record element itself, filtered for the audience. */
static xmlNode *
record_copy(xmlNode *ctx, const struct kb_record *r, enum kb_audience aud)
{
	xmlNode *n = xmlNewChild(ctx, NULL, r->node->name, NULL);

	for (const xmlAttr *a = r->node->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
		xmlNewProp(n, a->name, v);
		xmlFree(v);
	}
	copy_filtered(n, r->node, aud);
	return n;
}

static void
nomination_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *n = xmlNewChild(ctx, NULL, (const xmlChar *)"nomination", NULL);
	int dx = strcmp(r->kindname, "dx-promoter") == 0;
	const struct kb_post *staff = dx && r->scope >= 0
	                                  ? kb_post_of_in(org, r->nominee, r->scope, &r->date)
	                                  : kb_post_main(org, r->nominee, &r->date);
	const struct kb_post *nom = dx && r->scope >= 0
	                                ? kb_post_in(org, KB_RANK_DIV_HEAD, r->scope, &r->date)
	                                : kb_post_main(org, r->nominator, &r->date);
	char *to = NULL, *from = NULL;

	set(n, "id", r->id);
	set_date(n, "date", &r->date);
	set_date(n, "until", &r->until);
	set(n, "kind", r->kindname);
	set(n, "article", kb_rules_nomination_article(r->kindname));
	set(n, "role", kb_rules_nomination_role(r->kindname));
	if (r->body >= 0) {
		xmlNode *b = xmlNewChild(n, NULL, (const xmlChar *)"body", NULL);
		set(b, "id", org->bodies[r->body].id);
		set(b, "name", org->bodies[r->body].name);
		set(b, "kind", org->bodies[r->body].wg ? "working-group" : "subcommittee");
	}
	person_node(n, "nominator", org, r->nominator, nom);
	person_node(n, "nominee", org, r->nominee, staff);
	copy_filtered(n, r->node, doc->audience);

	if (strcmp(doc->kind, "nomination-report") == 0) {
		/* 第8条第3項: the 情報管理者 reports to the 情報政策課長. */
		const struct kb_post *ip = kb_function_head(org, "information-policy", &r->date);
		xmlNode *others = xmlNewChild(n, NULL, (const xmlChar *)"others", NULL);
		to = ip ? post_line(org, ip->person, ip) : kb_strdup("情報政策課長");
		from = post_line(org, r->nominator, nom);
		/* The division's DX推進員 before this nomination: 追加 when there are any. */
		for (size_t j = 0; j < in->nrecords; j++) {
			const struct kb_record *o = &in->records[j];
			if (j != doc->index && o->kind == KB_REC_NOMINATION && !o->rejected &&
			    strcmp(o->kindname, "dx-promoter") == 0 && o->scope == r->scope &&
			    kb_nomination_in_force(in, j, &r->date, doc->index, NULL, NULL))
				person_node(others, "promoter", org, o->nominee,
				            kb_post_of_in(org, o->nominee, r->scope, &r->date));
		}
	} else {
		to = post_line(org, r->nominee, staff);
		if (dx)
			from = post_line(org, r->nominator, nom);
		else if (strncmp(r->kindname, "subcommittee-", 13) == 0) {
			char *c = committee_name(org), *name = full_name(org, r->nominator);
			from = kb_asprintf("%s委員長　%s", c, name);
			free(c);
			free(name);
		} else if (strncmp(r->kindname, "working-group-", 14) == 0 && r->body >= 0) {
			int parent = org->bodies[r->body].parent;
			int chair = parent >= 0 ? kb_role_chair(in, parent, &r->date, doc->index) : -1;
			char *name = full_name(org, r->nominator);
			from = kb_asprintf("%s%s　%s", parent >= 0 ? org->bodies[parent].name : "",
			                   chair == r->nominator ? "部会長" : "部会員", name);
			free(name);
		} else
			from = cio_line(org, &r->date);
	}
	letter_ends(ctx, org, to, from);
	free(to);
	free(from);
	/* 第15条: the information-policy division handles all but a 課長's own notices. */
	contact_node(ctx, org, dx ? r->scope : -1);
}

/* A roster row as context: role, scope, holder, post, article. */
static xmlNode *
roster_row(xmlNode *parent, const char *elem, const struct kb_org *org,
           const struct kb_roster_row *w)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)elem, NULL);

	set(n, "group", w->group);
	set(n, "role", w->role);
	set(n, "scope", w->scope);
	set(n, "article", w->article);
	set(n, "post", w->post);
	if (w->person >= 0) {
		char *name = full_name(org, w->person);
		set(n, "name", name);
		free(name);
	} else
		set(n, "vacant", "true");
	set(n, "note", w->note);
	return n;
}

static int
same_row(const struct kb_roster_row *a, const struct kb_roster_row *b)
{
	return strcmp(a->role, b->role) == 0 &&
	       ((a->scope == NULL && b->scope == NULL) ||
	        (a->scope && b->scope && strcmp(a->scope, b->scope) == 0));
}

/* Whether person holds w's role (and scope) in roster r. */
static int
holds(const struct kb_roster *r, const struct kb_roster_row *w, int person)
{
	for (size_t k = 0; k < r->nrows; k++)
		if (same_row(&r->rows[k], w) && r->rows[k].person == person)
			return 1;
	return 0;
}

/* 体制通知: who changed what, then the whole roster on the effective date. */
static void
structure_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	struct kb_roster before, after;
	struct kb_date prev;
	xmlNode *a = record_copy(ctx, r, doc->audience), *changes, *roster;
	char *to = kb_strdup("各情報責任者（各部長）"), *from = cio_line(org, &r->date);
	const struct kb_post *np = NULL;

	for (size_t i = 0; i < org->nposts; i++)
		if (org->posts[i].by == r->id)
			np = &org->posts[i];
	person_node(a, "appointee", org, r->person, np);
	kb_date_from_days(kb_date_to_days(&r->date) - 1, &prev);
	kb_roster_build(in, &prev, &before);
	kb_roster_build(in, &r->date, &after);
	changes = xmlNewChild(ctx, NULL, (const xmlChar *)"changes", NULL);
	/*
	 * Per role and scope, who left and who came compared with the day
	 * before; leavers and newcomers are paired in order (one post, one
	 * holder: the predecessor and the successor).
	 */
	for (size_t i = 0; i < after.nrows; i++) {
		const struct kb_roster_row *w = &after.rows[i];
		int first = 1, nadd = 0, nrem = 0, added[64], removed[64];
		for (size_t j = 0; j < i; j++)
			if (same_row(&after.rows[j], w))
				first = 0;
		if (!first)
			continue; /* each group once */
		for (size_t j = i; j < after.nrows && nadd < 64; j++)
			if (same_row(&after.rows[j], w) && after.rows[j].person >= 0 &&
			    !holds(&before, w, after.rows[j].person))
				added[nadd++] = (int)j;
		for (size_t k = 0; k < before.nrows && nrem < 64; k++)
			if (same_row(&before.rows[k], w) && before.rows[k].person >= 0 &&
			    !holds(&after, w, before.rows[k].person))
				removed[nrem++] = (int)k;
		for (int k = 0; k < nadd || k < nrem; k++) {
			xmlNode *c = xmlNewChild(changes, NULL, (const xmlChar *)"change", NULL);
			char *was = k < nrem ? full_name(org, before.rows[removed[k]].person) : NULL;
			if (k < nadd)
				roster_row(c, "now", org, &after.rows[added[k]]);
			else {
				/* Nobody in place of the leaver: the role (or this seat) ends or is vacant. */
				struct kb_roster_row gone = before.rows[removed[k]];
				xmlNode *now;
				gone.person = -1;
				gone.post = NULL;
				gone.note = NULL;
				now = roster_row(c, "now", org, &gone);
				/* A nominated seat ends with its holder; a post-held role falls vacant. */
				if (before.rows[removed[k]].basis != NULL &&
				    strncmp(before.rows[removed[k]].basis, "充て職", strlen("充て職")) != 0)
					set(now, "ended", "true");
			}
			set(c, "before", was ? was : "（なし）");
			free(was);
		}
	}
	roster = xmlNewChild(ctx, NULL, (const xmlChar *)"roster", NULL);
	set_date(roster, "date", &r->date);
	for (size_t i = 0; i < after.nrows; i++)
		roster_row(roster, "role", org, &after.rows[i]);
	kb_roster_free(&before);
	kb_roster_free(&after);
	letter_ends(ctx, org, to, from);
	free(to);
	free(from);
	contact_node(ctx, org, -1);
}

/* 辞令 (第4条): the appointee, the term, the appointing authority (the mayor, 第17条). */
static void
appointment_letter_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *a = record_copy(ctx, r, doc->audience);
	const struct kb_post *cur = kb_post_main(org, r->person, &r->date);
	char *role = kb_asprintf("%s最高情報統括責任者補佐官", org->name);
	char *from = mayor_line(org, &r->date);

	person_node(a, "appointee", org, r->person, cur);
	set(a, "role-title", role);
	letter_ends(ctx, org, "", from);
	free(role);
	free(from);
}

/* Deadlines with their state as of the issue date (済 / 期限内 / 期限超過). */
/*
 * A deadline row: due is the date printed; the state is judged against
 * late (the last day that is still in time), which is due itself except
 * for the PPC 速報 (target K+3, late after K+5).
 */
static enum kb_due_state
deadline(xmlNode *parent, const char *kind, const char *what, const struct kb_date *due,
         const struct kb_date *late, const struct kb_date *done, const struct kb_date *asof,
         const char *note)
{
	xmlNode *n = xmlNewChild(parent, NULL, (const xmlChar *)"deadline", NULL);
	enum kb_due_state st = kb_policy_due_state(late ? late : due, done, asof);

	set(n, "kind", kind);
	set(n, "what", what);
	set_date(n, "due", due);
	if (late != NULL)
		set_date(n, "late-after", late);
	if (done != NULL)
		set_date(n, "done", done);
	set(n, "state", kb_policy_due_name(st));
	set(n, "note", note);
	return st;
}

/* "京都府への第1報": the prefecture named by the organization. */
static char *
pref_what(const struct kb_org *org)
{
	return kb_asprintf("%sへの第1報", org->prefecture ? org->prefecture : "都道府県");
}

static void
incident_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	struct kb_incident_policy pol;
	xmlNode *inc, *p, *dl, *auths;
	char *to = NULL, *from = NULL;
	int div = r->post_unit;

	kb_policy_incident(org, r, &pol);
	inc = record_copy(ctx, r, doc->audience);
	/* The CIO-only disclosure decision never reaches a wider document. */
	if (doc->audience < KB_AUD_CIO)
		for (xmlNode *c = inc->children, *next; c != NULL; c = next) {
			next = c->next;
			if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "disclosure") == 0) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
	if (div >= 0) {
		set(inc, "division-name", org->units[div].name);
		if (org->units[div].parent >= 0)
			set(inc, "department-name", org->units[org->units[div].parent].name);
	}
	if (r->person >= 0) {
		const struct kb_post *rp = kb_post_main(org, r->person, &r->date);
		char *who = post_line(org, r->person, rp);
		set(inc, "recognized-by", who);
		free(who);
	}
	{
		xmlNode *sys = xmlNewChild(inc, NULL, (const xmlChar *)"system-names", NULL);
		const xmlNode *s0 = NULL;
		for (const xmlNode *c = r->node->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "systems") == 0)
				s0 = c;
		for (const xmlNode *c = s0 ? s0->children : NULL; c != NULL; c = c->next) {
			xmlChar *ref;
			int k;
			if (c->type != XML_ELEMENT_NODE)
				continue;
			ref = xmlGetProp(c, (const xmlChar *)"ref");
			k = kb_system_find(org, (const char *)ref);
			if (k >= 0)
				xmlNewTextChild(sys, NULL, (const xmlChar *)"name",
				                (const xmlChar *)org->systems[k].name);
			xmlFree(ref);
		}
	}
	p = xmlNewChild(ctx, NULL, (const xmlChar *)"policy", NULL);
	set(p, "label", pol.label);
	set(p, "final", pol.final ? "true" : "false");
	set_date(p, "recognized", &pol.recognized);
	set(p, "ppc", pol.ppc ? "true" : "false");
	set(p, "my-number", pol.my_number ? "true" : "false");
	if (doc->audience >= KB_AUD_CIO) {
		set(p, "press", pol.press ? "true" : "false");
		set(p, "press-why", pol.press_why);
	}
	auths = xmlNewChild(p, NULL, (const xmlChar *)"authorities", NULL);
	for (int a = 0; a < pol.nauthorities; a++) {
		const struct kb_authority *au = &org->authorities[pol.authorities[a]];
		xmlNode *n = xmlNewChild(auths, NULL, (const xmlChar *)"authority", NULL);
		set(n, "id", au->id);
		set(n, "name", au->name);
		set(n, "addressee", au->addressee);
	}
	dl = xmlNewChild(p, NULL, (const xmlChar *)"deadlines", NULL);
	/* kobun issues the CIO and authority reports of revision 1 on K itself. */
	{
		struct kb_date done = pol.issue;
		char *pw = pref_what(org);
		deadline(dl, "cio", "CIOへの報告", &pol.due_cio, NULL,
		         r->revision == 1 ? &done : &pol.recognized, &pol.issue, "認知当日");
		deadline(dl, "prefecture", pw, &pol.due_pref, NULL,
		         r->revision == 1 ? &done : &pol.recognized, &pol.issue, "認知当日");
		free(pw);
	}
	if (pol.ppc) {
		deadline(dl, "ppc-quick", "個人情報保護委員会への速報", &pol.ppc_quick, &pol.ppc_quick_late,
		         NULL, &pol.issue, "認知から3日（5日を超えると遅延）");
		deadline(dl, "ppc-final", "個人情報保護委員会への確報", &pol.ppc_final, NULL, NULL,
		         &pol.issue, pol.unauthorized ? "認知日を含め60日以内" : "認知日を含め30日以内");
	}
	if (strcmp(doc->kind, "incident-report-cio") == 0) {
		const struct kb_post *chief = kb_function_head(org, "policy-planning", &pol.issue);
		char *name = chief ? full_name(org, chief->person) : kb_strdup("");
		to = cio_line(org, &pol.issue);
		from = kb_asprintf("%sCSIRT（情報統括管理者　%s）", org->name, name);
		free(name);
	} else if (strcmp(doc->kind, "incident-report-authority") == 0 && doc->authority >= 0) {
		const struct kb_authority *au = &org->authorities[doc->authority];
		xmlNode *n = xmlNewChild(ctx, NULL, (const xmlChar *)"to-authority", NULL);
		set(n, "id", au->id);
		set(n, "name", au->name);
		to = kb_strdup(au->addressee ? au->addressee : au->name);
		from = mayor_line(org, &pol.issue);
	}
	letter_ends(ctx, org, to ? to : "", from ? from : "");
	free(to);
	free(from);
	/* Press drafts name the division concerned as the contact; reports the CSIRT's office. */
	contact_node(ctx, org, strcmp(doc->kind, "press-release-draft") == 0 ? div : -1);
}

static void
plan_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *sp = record_copy(ctx, r, doc->audience);
	const struct kb_post *planner = r->post_unit >= 0
	                                    ? kb_post_in(org, KB_RANK_DIV_HEAD, r->post_unit, &r->date)
	                                    : NULL;
	char *pl = post_line(org, r->person, planner), *cio;

	if (r->post_unit >= 0)
		set(sp, "division-name", org->units[r->post_unit].name);
	if (r->system >= 0)
		set(sp, "system-name", org->systems[r->system].name);
	set(sp, "planner-line", pl);
	if (strcmp(doc->kind, "system-plan-decision") == 0) {
		cio = cio_line(org, &doc->issue);
		letter_ends(ctx, org, pl, cio);
		contact_node(ctx, org, -1);
	} else {
		cio = cio_line(org, &r->date);
		letter_ends(ctx, org, cio, pl);
		contact_node(ctx, org, r->post_unit);
	}
	free(pl);
	free(cio);
}

/* <organization> with its house settings and <regulation>: the same in every context. */
static void
organization_node(xmlNode *ctx, const struct kb_org *org)
{
	xmlNode *o = xmlNewChild(ctx, NULL, (const xmlChar *)"organization", NULL), *reg;
	char *c = committee_name(org);

	set(o, "name", org->name);
	set(o, "prefecture", org->prefecture);
	set(o, "honorific", org->honorific);
	set(o, "digits", org->digits_full ? "full" : "half");
	set(o, "seal", org->seal_box ? "box" : "omit");
	set(o, "era", org->era_seireki ? "wareki+seireki" : "wareki");
	reg = xmlNewChild(o, NULL, (const xmlChar *)"regulation", NULL);
	set(reg, "title", org->regulation);
	set(reg, "number", org->regulation_number);
	set(reg, "committee", c);
	free(c);
}

xmlDoc *
kb_context_build(const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *ctx = xmlNewNode(NULL, (const xmlChar *)"context");
	char created[40];

	xmlDocSetRootElement(d, ctx);
	set(ctx, "kind", doc->kind);
	set(ctx, "audience", audience_names[doc->audience]);
	set(ctx, "record", doc->rec->id);
	{
		char rev[16];
		snprintf(rev, sizeof(rev), "%d", doc->rec->revision);
		set(ctx, "revision", rev);
	}
	set_date(ctx, "issue-date", &doc->issue);
	snprintf(created, sizeof(created), "%04d-%02d-%02dT00:00:00+09:00", doc->issue.y, doc->issue.m,
	         doc->issue.d);
	set(ctx, "created", created);
	set(ctx, "number", doc->number);
	set(ctx, "generator", "kobun " KOBUN_VERSION);
	organization_node(ctx, org);
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

/* ---- the monthly report ---------------------------------------------------------- */

static const struct {
	const char *kind, *label;
} kind_labels[] = {
    {"nomination-notice", "指名通知"},
    {"nomination-report", "DX推進員指名報告"},
    {"structure-notice", "推進体制変更通知"},
    {"appointment-letter", "辞令"},
    {"incident-report-cio", "CIOへのインシデント報告"},
    {"incident-report-authority", "府・省へのインシデント報告"},
    {"ppc-report-sheet", "個人情報保護委員会報告シート"},
    {"press-release-draft", "報道発表資料（案）"},
    {"system-plan-consultation", "情報システム協議書"},
    {"system-plan-decision", "情報システム協議結果通知"},
};

static const char *const categories[][2] = {
    {"malware", "マルウェア感染"},        {"unauthorized-access", "不正アクセス"},
    {"information-leak", "情報漏えい"},    {"loss-theft", "紛失・盗難"},
    {"misdelivery", "誤送付・誤送信"},     {"misconfiguration", "設定誤り"},
    {"service-outage", "サービス停止"},    {"other", "その他"},
};
static const char *const severities[] = {"軽微", "中", "高", "重大"};

static void
set_int(xmlNode *n, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	set(n, name, buf);
}

static int
in_range(const struct kb_date *d, const struct kb_date *from, const struct kb_date *to)
{
	return kb_date_cmp(d, from) >= 0 && kb_date_cmp(d, to) <= 0;
}

/* One incident as the month sees it: its revisions up to the month's end. */
struct month_inc {
	const char *id;
	const struct kb_record *latest; /* the highest revision issued by the month's end */
	const struct kb_record *first;
	struct kb_date resolved;        /* issue day of the first resolved revision, or y == 0 */
	int included, isnew, closed, open_end;
};

xmlDoc *
kb_monthly_context(const struct kb_input *in, const struct kb_plan *plan, int year, int month,
                   const char *number)
{
	const struct kb_org *org = &in->org;
	struct kb_date ms = {year, month, 1}, me, prev;
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *ctx = xmlNewNode(NULL, (const xmlChar *)"context"), *sum, *docs, *tr,
	        *incs, *noms, *apps, *ros;
	struct month_inc *mi = NULL;
	size_t nmi = 0, capmi = 0;
	char buf[64], *wy;
	int fy, counts[8][4] = {{0}}, sev[4] = {0}, nnew = 0, ncont = 0, nclosed = 0, nopen = 0, nppc = 0;
	const struct kb_post *ip;

	kb_date_from_days(kb_date_to_days(&(struct kb_date){month == 12 ? year + 1 : year,
	                                                   month == 12 ? 1 : month + 1, 1}) - 1, &me);
	kb_date_from_days(kb_date_to_days(&ms) - 1, &prev);
	xmlDocSetRootElement(d, ctx);
	set(ctx, "kind", "monthly-report");
	set(ctx, "audience", "cio");
	set(ctx, "record", "monthly");
	snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
	set(ctx, "month", buf);
	wy = kb_wareki_year(&ms, 0);
	snprintf(buf, sizeof(buf), "%s%d月", wy ? wy : "", month);
	free(wy);
	set(ctx, "month-label", buf);
	set_date(ctx, "issue-date", &me);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT00:00:00+09:00", me.y, me.m, me.d);
	set(ctx, "created", buf);
	set(ctx, "number", number);
	set(ctx, "generator", "kobun " KOBUN_VERSION);
	organization_node(ctx, org);
	{
		char *cio = cio_line(org, &me), *from;
		ip = kb_function_head(org, "information-policy", &me);
		from = ip ? post_line(org, ip->person, ip) : kb_strdup("情報政策課長");
		letter_ends(ctx, org, cio, from);
		free(cio), free(from);
	}

	/* Incidents by id: what the month saw of each. */
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		struct kb_incident_policy pol;
		struct month_inc *m = NULL;
		if (r->kind != KB_REC_INCIDENT || r->rejected || r->node == NULL)
			continue;
		kb_policy_incident(org, r, &pol);
		if (kb_date_cmp(&pol.issue, &me) > 0)
			continue;
		for (size_t k = 0; k < nmi; k++)
			if (strcmp(mi[k].id, r->id) == 0)
				m = &mi[k];
		if (m == NULL) {
			kb_grow((void **)&mi, &capmi, nmi + 1, sizeof(*mi));
			m = &mi[nmi++];
			memset(m, 0, sizeof(*m));
			m->id = r->id;
			m->first = r;
		}
		if (m->latest == NULL || r->revision > m->latest->revision)
			m->latest = r;
		if (pol.final && (m->resolved.y == 0 || kb_date_cmp(&pol.issue, &m->resolved) < 0))
			m->resolved = pol.issue;
	}
	for (size_t k = 0; k < nmi; k++) {
		struct month_inc *m = &mi[k];
		const struct kb_date *K = &m->first->date;
		m->included = kb_date_cmp(K, &me) <= 0 &&
		              !(m->resolved.y != 0 && kb_date_cmp(&m->resolved, &ms) < 0);
		if (!m->included)
			continue;
		m->isnew = in_range(K, &ms, &me);
		m->closed = m->resolved.y != 0 && in_range(&m->resolved, &ms, &me);
		m->open_end = m->resolved.y == 0;
		nnew += m->isnew;
		nclosed += m->closed;
		ncont += !m->isnew;
		nopen += m->open_end;
	}

	incs = xmlNewNode(NULL, (const xmlChar *)"incidents");
	for (size_t k = 0; k < nmi; k++) {
		struct month_inc *m = &mi[k];
		struct kb_incident_policy pol;
		xmlNode *n, *reps;
		const xmlNode *title = NULL, *detail = NULL;
		int ci = 7, overdue = 0;
		if (!m->included)
			continue;
		kb_policy_incident(org, m->latest, &pol);
		for (int c = 0; c < 8; c++)
			if (strcmp(categories[c][0], pol.category) == 0)
				ci = c;
		if (pol.severity >= 1 && pol.severity <= 4) {
			counts[ci][pol.severity - 1]++;
			sev[pol.severity - 1]++;
		}
		nppc += pol.ppc && m->isnew;
		n = xmlNewChild(incs, NULL, (const xmlChar *)"incident", NULL);
		set(n, "id", m->id);
		for (const xmlNode *c = m->latest->node->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE) {
				if (strcmp((const char *)c->name, "title") == 0)
					title = c;
				if (strcmp((const char *)c->name, "detail") == 0)
					detail = c;
				if (strcmp((const char *)c->name, "recognized") == 0) {
					xmlChar *at = xmlGetProp(c, (const xmlChar *)"at");
					set(n, "recognized", (const char *)at);
					xmlFree(at);
				}
			}
		if (title != NULL) {
			xmlChar *t = xmlNodeGetContent(title);
			set(n, "title", (const char *)t);
			xmlFree(t);
		}
		set_int(n, "severity", pol.severity);
		set(n, "severity-label", pol.severity >= 1 && pol.severity <= 4 ? severities[pol.severity - 1] : "");
		set(n, "category", pol.category);
		set(n, "category-label", categories[ci][1]);
		set(n, "status", pol.status);
		set(n, "status-label", strcmp(pol.status, "resolved") == 0    ? "解決"
		                       : strcmp(pol.status, "contained") == 0 ? "封じ込め済み"
		                                                              : "対応中");
		set(n, "phase", m->closed ? "closed" : m->isnew ? "new" : "continuing");
		set_int(n, "revision", m->latest->revision);
		set(n, "label", pol.label);
		set(n, "ppc", pol.ppc ? "true" : "false");
		if (m->latest->post_unit >= 0)
			set(n, "division-name", org->units[m->latest->post_unit].name);
		reps = xmlNewChild(n, NULL, (const xmlChar *)"reports", NULL);
		for (size_t i = 0; plan != NULL && i < plan->ndocs; i++) {
			const struct kb_doc *doc = &plan->docs[i];
			xmlNode *rp;
			if (doc->rec->kind != KB_REC_INCIDENT || strcmp(doc->rec->id, m->id) != 0 ||
			    kb_date_cmp(&doc->issue, &me) > 0)
				continue;
			rp = xmlNewChild(reps, NULL, (const xmlChar *)"report", NULL);
			set(rp, "kind", doc->kind);
			set(rp, "label", strcmp(doc->kind, "incident-report-cio") == 0          ? "CIO"
			                 : strcmp(doc->kind, "incident-report-authority") == 0 ? "府・省"
			                 : strcmp(doc->kind, "ppc-report-sheet") == 0          ? "PPCシート"
			                                                                       : "報道資料案");
			if (doc->authority >= 0)
				set(rp, "authority", org->authorities[doc->authority].name);
			set_int(rp, "revision", doc->rec->revision);
			set_date(rp, "issued", &doc->issue);
			set(rp, "number", doc->number);
		}
		{
			/* Deadlines as of the month's end; revision 1's reports were issued on its issue day. */
			struct kb_incident_policy p1;
			char *pw = pref_what(org);
			kb_policy_incident(org, m->first, &p1);
			overdue |= deadline(n, "cio", "CIOへの報告", &pol.due_cio, NULL, &p1.issue, &me,
			                    "認知当日") == KB_DUE_OVERDUE;
			overdue |= deadline(n, "prefecture", pw, &pol.due_pref, NULL, &p1.issue, &me,
			                    "認知当日") == KB_DUE_OVERDUE;
			free(pw);
			if (pol.ppc) {
				/* kobun keeps no record of the PPC web form: these stay open until due. */
				overdue |= deadline(n, "ppc-quick", "個人情報保護委員会への速報", &pol.ppc_quick,
				                    &pol.ppc_quick_late, NULL, &me,
				                    "認知から3日（5日を超えると遅延）") == KB_DUE_OVERDUE;
				overdue |= deadline(n, "ppc-final", "個人情報保護委員会への確報", &pol.ppc_final,
				                    NULL, NULL, &me,
				                    pol.unauthorized ? "認知日を含め60日以内"
				                                     : "認知日を含め30日以内") == KB_DUE_OVERDUE;
			}
		}
		set(n, "overdue", overdue ? "true" : "false");
		if (detail != NULL) {
			xmlChar *t = xmlNodeGetContent(detail);
			xmlNewTextChild(n, NULL, (const xmlChar *)"detail", t);
			xmlFree(t);
		}
	}

	sum = xmlNewChild(ctx, NULL, (const xmlChar *)"summary", NULL);
	set_int(sum, "new", nnew);
	set_int(sum, "continuing", ncont);
	set_int(sum, "closed", nclosed);
	set_int(sum, "open-at-end", nopen);
	set_int(sum, "ppc", nppc);
	set_int(sum, "total", nnew + ncont);
	for (int c = 0; c < 8; c++) {
		xmlNode *cn = xmlNewChild(sum, NULL, (const xmlChar *)"category", NULL);
		int total = 0;
		set(cn, "name", categories[c][0]);
		set(cn, "label", categories[c][1]);
		for (int s = 0; s < 4; s++) {
			xmlNode *sn = xmlNewChild(cn, NULL, (const xmlChar *)"severity", NULL);
			set_int(sn, "level", s + 1);
			set_int(sn, "count", counts[c][s]);
			total += counts[c][s];
		}
		set_int(cn, "total", total);
	}
	for (int s = 0; s < 4; s++) {
		xmlNode *sn = xmlNewChild(sum, NULL, (const xmlChar *)"severity", NULL);
		set_int(sn, "level", s + 1);
		set(sn, "label", severities[s]);
		set_int(sn, "count", sev[s]);
	}

	/* Documents issued in the month, by kind. */
	docs = xmlNewChild(ctx, NULL, (const xmlChar *)"documents", NULL);
	{
		int total = 0;
		for (size_t k = 0; k < sizeof(kind_labels) / sizeof(kind_labels[0]); k++) {
			int c = 0;
			for (size_t i = 0; plan != NULL && i < plan->ndocs; i++)
				if (strcmp(plan->docs[i].kind, kind_labels[k].kind) == 0 &&
				    in_range(&plan->docs[i].issue, &ms, &me))
					c++;
			if (c > 0) {
				xmlNode *kn = xmlNewChild(docs, NULL, (const xmlChar *)"kind", NULL);
				set(kn, "name", kind_labels[k].kind);
				set(kn, "label", kind_labels[k].label);
				set_int(kn, "count", c);
				total += c;
			}
		}
		set_int(docs, "total", total);
	}

	/* The fiscal year's trend: incidents recognised per month, April to March. */
	tr = xmlNewChild(ctx, NULL, (const xmlChar *)"trend", NULL);
	fy = kb_fiscal_year(&ms);
	set_int(tr, "fiscal-year", fy);
	{
		struct kb_date fy_start = {fy, 4, 1};
		char *w = kb_wareki_year(&fy_start, 0);
		snprintf(buf, sizeof(buf), "%s度", w ? w : "");
		free(w);
		set(tr, "label", buf);
	}
	for (int k = 0; k < 12; k++) {
		int y = k < 9 ? fy : fy + 1, m = (k + 3) % 12 + 1, c = 0;
		xmlNode *mn = xmlNewChild(tr, NULL, (const xmlChar *)"month", NULL);
		for (size_t i = 0; i < nmi; i++)
			if (mi[i].first->date.y == y && mi[i].first->date.m == m)
				c++;
		snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
		set(mn, "ym", buf);
		snprintf(buf, sizeof(buf), "%d月", m);
		set(mn, "label", buf);
		set_int(mn, "count", c);
		if (y > year || (y == year && m > month))
			set(mn, "future", "true");
	}
	xmlAddChild(ctx, incs);

	/* Nominations and appointments of the month, and the 第8条第3項 report of each DX推進員. */
	noms = xmlNewChild(ctx, NULL, (const xmlChar *)"nominations", NULL);
	apps = xmlNewChild(ctx, NULL, (const xmlChar *)"appointments", NULL);
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		if (r->rejected || r->standing || r->node == NULL || !in_range(&r->date, &ms, &me))
			continue;
		if (r->kind == KB_REC_NOMINATION) {
			xmlNode *n = xmlNewChild(noms, NULL, (const xmlChar *)"nomination", NULL);
			int dx = strcmp(r->kindname, "dx-promoter") == 0;
			const struct kb_post *ne = dx && r->scope >= 0
			                               ? kb_post_of_in(org, r->nominee, r->scope, &r->date)
			                               : kb_post_main(org, r->nominee, &r->date);
			char *a = post_line(org, r->nominee, ne);
			char *b = post_line(org, r->nominator, kb_post_main(org, r->nominator, &r->date));
			const struct kb_doc *rep = NULL;
			set(n, "id", r->id);
			set_date(n, "date", &r->date);
			set(n, "kind", r->kindname);
			set(n, "role", kb_rules_nomination_role(r->kindname));
			if (r->body >= 0)
				set(n, "body-name", org->bodies[r->body].name);
			set(n, "nominee-line", a);
			set(n, "nominator-line", b);
			for (size_t k = 0; dx && plan != NULL && k < plan->ndocs; k++)
				if (plan->docs[k].rec == r && strcmp(plan->docs[k].kind, "nomination-report") == 0)
					rep = &plan->docs[k];
			set(n, "report", !dx ? "none" : rep ? "issued" : "owed");
			if (rep != NULL)
				set(n, "report-number", rep->number);
			free(a), free(b);
		} else if (r->kind == KB_REC_APPOINTMENT) {
			xmlNode *n = xmlNewChild(apps, NULL, (const xmlChar *)"appointment", NULL);
			char *who = full_name(org, r->person), *what;
			set(n, "id", r->id);
			set_date(n, "date", &r->date);
			set(n, "person-line", who);
			if (r->kindname != NULL && strcmp(r->kindname, "cio-assistant") == 0)
				what = kb_strdup("CIO補佐官");
			else if (r->has_post) {
				struct kb_post p = {0};
				char *t;
				p.rank = r->post_rank, p.unit = r->post_unit, p.title = r->post_title;
				t = kb_post_title(org, &p);
				what = kb_asprintf("%s%s", t, r->concurrent ? "（兼務）" : "");
				free(t);
			} else
				what = kb_strdup("離任");
			set(n, "what", what);
			free(who), free(what);
		}
	}

	/* The roster at the month's end; rows whose holder came during the month are marked. */
	{
		struct kb_roster before, after;
		kb_roster_build(in, &prev, &before);
		kb_roster_build(in, &me, &after);
		ros = xmlNewChild(ctx, NULL, (const xmlChar *)"roster", NULL);
		set_date(ros, "date", &me);
		for (size_t i = 0; i < after.nrows; i++) {
			xmlNode *n = roster_row(ros, "role", org, &after.rows[i]);
			if (!holds(&before, &after.rows[i], after.rows[i].person))
				set(n, "changed", "true");
		}
		kb_roster_free(&before);
		kb_roster_free(&after);
	}
	contact_node(ctx, org, -1);
	free(mi);
	return d;
}
