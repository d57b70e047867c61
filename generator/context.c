/* context.c — the plan of documents and the context documents handed to templates. */
#include "context.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "model.h"
#include "roles.h"
#include "rules.h"
#include "util.h"

/* Numbering: the last number issued per (prefix, fiscal year). */
struct counter {
	const char *prefix;
	int fy;
	int n;
};

/* The division whose 文書記号 numbers documents a 課長 sends from unit. */
static const struct kb_unit *
code_unit(const struct kb_org *org, int unit)
{
	int ip;

	if (unit >= 0 && org->units[unit].doc_prefix != NULL)
		return &org->units[unit];
	/* 第15条: the information-policy division keeps the books otherwise. */
	ip = kb_unit_by_function(org, "information-policy");
	if (ip >= 0 && org->units[ip].doc_prefix != NULL)
		return &org->units[ip];
	return NULL;
}

static char *
number(struct counter **cs, size_t *n, size_t *cap, const struct kb_unit *u,
       const struct kb_date *d)
{
	int fy = kb_fiscal_year(d);
	size_t i;

	if (u == NULL)
		return NULL;
	for (i = 0; i < *n; i++)
		if ((*cs)[i].fy == fy && strcmp((*cs)[i].prefix, u->doc_prefix) == 0)
			break;
	if (i == *n) {
		kb_grow((void **)cs, cap, *n + 1, sizeof(**cs));
		(*cs)[i] = (struct counter){u->doc_prefix, fy, 0};
		(*n)++;
	}
	return kb_asprintf("%s第%d号", u->doc_prefix, ++(*cs)[i].n);
}

/* A document the regulation calls for, before we know whether kobun can render it yet. */
struct due {
	const char *kind;
	const char *article;
	enum kb_audience audience;
	const char *authority; /* authority id for per-authority reports, else NULL */
};

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

/* The documents record r calls for (spec/documents.md); returns how many were put in out. */
static int
documents_of(const struct kb_input *in, const struct kb_record *r, struct due *out, int max)
{
	const struct kb_org *org = &in->org;
	int n = 0;

	switch (r->kind) {
	case KB_REC_NOMINATION:
		out[n++] = (struct due){"nomination-notice", kb_rules_nomination_article(r->kindname),
		                        KB_AUD_INTERNAL, NULL};
		if (strcmp(r->kindname, "dx-promoter") == 0)
			out[n++] = (struct due){"nomination-report", "第8条第3項", KB_AUD_INTERNAL, NULL};
		break;
	case KB_REC_APPOINTMENT:
		if (r->kindname != NULL && strcmp(r->kindname, "cio-assistant") == 0)
			out[n++] = (struct due){"appointment-letter", "第4条第1項", KB_AUD_INTERNAL, NULL};
		else if (moves_roles(org, r))
			out[n++] = (struct due){"structure-notice", "第3条〜第10条", KB_AUD_INTERNAL, NULL};
		break;
	case KB_REC_INCIDENT:
		out[n++] = (struct due){"incident-report-cio", "第14条第4項", KB_AUD_CIO, NULL};
		for (size_t a = 0; a < org->nauthorities && n < max; a++)
			if (strcmp(org->authorities[a].kind, "privacy-commission") != 0)
				out[n++] = (struct due){"incident-report-authority", "第14条第4項",
				                        KB_AUD_AUTHORITIES, org->authorities[a].id};
		break;
	case KB_REC_SYSTEM_PLAN:
		out[n++] = (struct due){r->decided.y ? "system-plan-decision" : "system-plan-consultation",
		                        "第16条第1項", KB_AUD_INTERNAL, NULL};
		break;
	}
	return n;
}

/*
 * The division whose 文書記号 numbers a document: the sender's own for what
 * a 課長 sends (DX推進員 notice and report, 協議書); -1 (the
 * information-policy division, 第15条) for the CIO, committee, bodies and
 * CSIRT.
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

/* Whether DATADIR/templates/KIND.xsl exists. */
static int
has_template(const char *datadir, const char *kind)
{
	char *path = kb_asprintf("%s/templates/%s.xsl", datadir, kind);
	int ok = access(path, R_OK) == 0;

	free(path);
	return ok;
}

void
kb_plan_make(const struct kb_input *in, const char *datadir, struct kb_plan *plan)
{
	struct counter *cs = NULL;
	size_t ncs = 0, capcs = 0;

	memset(plan, 0, sizeof(*plan));
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];
		struct due due[16];
		int n;

		if (r->rejected || r->standing || r->node == NULL)
			continue;
		n = documents_of(in, r, due, 16);
		for (int k = 0; k < n; k++) {
			struct kb_doc *d;
			if (!has_template(datadir, due[k].kind)) {
				kb_diag(KB_NOTE, &(struct kb_loc){r->src.file, r->src.line, r->id}, NULL,
				        due[k].article, "%s%s%s is owed, but kobun has no template for it yet",
				        due[k].kind, due[k].authority ? " to " : "",
				        due[k].authority ? due[k].authority : "");
				plan->owed++;
				continue;
			}
			kb_grow((void **)&plan->docs, &plan->cap, plan->ndocs + 1, sizeof(*plan->docs));
			d = &plan->docs[plan->ndocs++];
			d->kind = due[k].kind;
			d->rec = r;
			d->audience = due[k].audience;
			/* A 課長 numbers what they send with their own division's code. */
			d->number = number(&cs, &ncs, &capcs,
			                   code_unit(&in->org, sending_unit(r, d->kind)), &r->date);
			d->path = kb_asprintf("%s/%s.pdf", r->id, d->kind);
		}
	}
	free(cs);
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

/* ---- context documents ---------------------------------------------------- */

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

/* The committee's name (第11条), from <regulation committee=""> or the organization's name. */
static char *
committee_name(const struct kb_org *org)
{
	return org->committee ? kb_strdup(org->committee)
	                      : kb_asprintf("%s情報化推進委員会", org->name);
}

/*
 * Who sends the notice of nomination r and in what capacity (the article
 * of its kind says who nominates): the 情報管理者 for a DX推進員, the
 * 委員長 for 部会, the 部会長 or a 部会員 for a ワーキング会議, the CIO for
 * CSIRT. Adds <sender> to ctx.
 */
static void
sender_node(xmlNode *ctx, const struct kb_input *in, const struct kb_record *r)
{
	const struct kb_org *org = &in->org;
	const struct kb_post *post = kb_post_main(org, r->nominator, &r->date);
	xmlNode *s;
	char *capacity = NULL;

	if (strcmp(r->kindname, "dx-promoter") == 0) {
		post = r->scope >= 0 ? kb_post_in(org, KB_RANK_DIV_HEAD, r->scope, &r->date) : post;
		capacity = post ? kb_post_title(org, post) : NULL;
	} else if (strncmp(r->kindname, "subcommittee-", 13) == 0) {
		char *c = committee_name(org);
		capacity = kb_asprintf("%s委員長", c);
		free(c);
	} else if (strncmp(r->kindname, "working-group-", 14) == 0 && r->body >= 0) {
		int parent = org->bodies[r->body].parent;
		int chair = parent >= 0 ? kb_role_chair(in, parent, &r->date, in->nrecords) : -1;
		capacity = kb_asprintf("%s%s", parent >= 0 ? org->bodies[parent].name : "",
		                       chair == r->nominator ? "部会長" : "部会員");
	} else if (strcmp(r->kindname, "csirt-member") == 0) {
		char *t = post ? kb_post_title(org, post) : kb_strdup("");
		capacity = kb_asprintf("%s最高情報統括責任者　%s", org->name, t);
		free(t);
	}
	s = person_node(ctx, "sender", org, r->nominator, post);
	set(s, "capacity", capacity);
	free(capacity);
}

static void
nomination_context(xmlNode *ctx, const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	const struct kb_record *r = doc->rec;
	xmlNode *n = xmlNewChild(ctx, NULL, (const xmlChar *)"nomination", NULL);
	int dx = strcmp(r->kindname, "dx-promoter") == 0;
	/* The nominee as addressed: in the division they serve (DX推進員), else their main post. */
	const struct kb_post *staff = dx && r->scope >= 0
	                                  ? kb_post_of_in(org, r->nominee, r->scope, &r->date)
	                                  : kb_post_main(org, r->nominee, &r->date);

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
	person_node(n, "nominator", org, r->nominator, kb_post_main(org, r->nominator, &r->date));
	person_node(n, "nominee", org, r->nominee, staff);
	copy_filtered(n, r->node, doc->audience);
	sender_node(ctx, in, r);
	/* 第15条: the information-policy division handles all but a 課長's own notices. */
	contact_node(ctx, org, dx ? r->scope : -1);
}

xmlDoc *
kb_context_build(const struct kb_input *in, const struct kb_doc *doc)
{
	const struct kb_org *org = &in->org;
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *ctx = xmlNewNode(NULL, (const xmlChar *)"context"), *o, *reg;
	char created[40];

	xmlDocSetRootElement(d, ctx);
	set(ctx, "kind", doc->kind);
	set(ctx, "audience", audience_names[doc->audience]);
	set(ctx, "record", doc->rec->id);
	set_date(ctx, "issue-date", &doc->rec->date);
	snprintf(created, sizeof(created), "%04d-%02d-%02dT00:00:00+09:00", doc->rec->date.y,
	         doc->rec->date.m, doc->rec->date.d);
	set(ctx, "created", created);
	set(ctx, "number", doc->number);
	set(ctx, "generator", "kobun " KOBUN_VERSION);
	o = xmlNewChild(ctx, NULL, (const xmlChar *)"organization", NULL);
	set(o, "name", org->name);
	set(o, "prefecture", org->prefecture);
	set(o, "honorific", org->honorific);
	set(o, "digits", org->digits_full ? "full" : "half");
	set(o, "seal", org->seal_box ? "box" : "omit");
	set(o, "era", org->era_seireki ? "wareki+seireki" : "wareki");
	reg = xmlNewChild(o, NULL, (const xmlChar *)"regulation", NULL);
	set(reg, "title", org->regulation);
	set(reg, "number", org->regulation_number);
	{
		char *c = committee_name(org);
		set(reg, "committee", c);
		free(c);
	}
	if (doc->rec->kind == KB_REC_NOMINATION)
		nomination_context(ctx, in, doc);
	return d;
}
