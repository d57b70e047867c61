/* plan.c — the documents each accepted record calls for, their audience, issue date, path and
 * numbering code. */
#include "plan.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "model.h"
#include "output.h"
#include "policy.h"
#include "roster.h"
#include "util.h"

const char *
kb_plan_code(const struct kb_org *org, int unit)
{
	const struct kb_unit *u;

	if (unit < 0)
		unit = kb_unit_by_function(org, "information-policy");
	if (unit < 0)
		return NULL;
	u = &org->units[unit];
	if (u->doc_prefix != NULL)
		return u->doc_prefix;
	return u->parent >= 0 ? org->units[u->parent].doc_prefix : NULL;
}

/*
 * The division that sends (and numbers) a document: the 課長's own for
 * the DX推進員 notice and report and the 協議書; -1 (the information-policy
 * division, doc-handling) for the CIO, committee, bodies and CSIRT.
 */
static int
sending_unit(const struct kb_record *r, const char *kind)
{
	if (r->kind == KB_REC_NOMINATION && r->nom_kind == KB_NOM_DX_PROMOTER)
		return r->scope;
	if (r->kind == KB_REC_SYSTEM_PLAN && strcmp(kind, "system-plan-consultation") == 0)
		return r->plan->division;
	return -1;
}

/* A document the regulation calls for, before we know whether kobun can render it yet. */
struct due {
	const char *kind;
	enum kb_art article; /* KB_ART_NONE: a law that is not the regulation */
	enum kb_audience audience;
	int authority; /* per-authority reports: index into org authorities; else -1 */
	int numbered;  /* carries a 文書番号 */
};

/* The documents a record calls for, as a growable list. */
struct dues {
	struct due *v;
	size_t n, cap;
};

static void
due(struct dues *d, const char *kind, enum kb_art article, enum kb_audience audience, int authority,
    int numbered)
{
	kb_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	d->v[d->n++] = (struct due){kind, article, audience, authority, numbered};
}

/* The documents record i calls for (spec/documents.md), appended to out. */
static void
documents_of(const struct kb_input *in, size_t i, struct dues *out)
{
	const struct kb_record *r = &in->records[i];

	switch (r->kind) {
	case KB_REC_NOMINATION:
		due(out, "nomination-notice", kb_nom_kinds[r->nom_kind].article, KB_AUD_INTERNAL,
		    -1, 1);
		if (r->nom_kind == KB_NOM_DX_PROMOTER)
			due(out, "nomination-report", KB_ART_DX_REPORT, KB_AUD_INTERNAL, -1, 1);
		break;
	case KB_REC_APPOINTMENT:
		/* The structure notice is per date (structure_notice). */
		if (r->cio_assistant)
			due(out, "appointment-letter", KB_ART_CIO_ASSISTANT, KB_AUD_INTERNAL, -1,
			    1);
		break;
	case KB_REC_INCIDENT: {
		const struct kb_incident_policy *pol = r->res.policy;
		due(out, "incident-report-cio", KB_ART_INCIDENT_REPORT, KB_AUD_CIO, -1, 1);
		for (int a = 0; a < pol->nauthorities; a++)
			due(out, "incident-report-authority", KB_ART_INCIDENT_REPORT,
			    KB_AUD_AUTHORITIES, pol->authorities[a], 1);
		if (pol->ppc)
			due(out, "ppc-report-sheet", KB_ART_NONE, KB_AUD_AUTHORITIES, -1, 0);
		if (pol->press)
			due(out, "press-release-draft", KB_ART_INCIDENT_REPORT, KB_AUD_PUBLIC, -1,
			    0);
		break;
	}
	case KB_REC_SYSTEM_PLAN:
		due(out, r->plan->decided.y ? "system-plan-decision" : "system-plan-consultation",
		    KB_ART_SYSTEM_PLAN, KB_AUD_INTERNAL, -1, 1);
		break;
	}
}

/*
 * The day a document is issued: an incident revision's issue day as the
 * document's audience sees the timeline (or its issued=""), a system
 * plan's issued="", a decision's date, else the record's.
 */
static struct kb_date
issue_date(const struct kb_record *r, const char *kind, enum kb_audience aud)
{
	if (r->kind == KB_REC_INCIDENT)
		return kb_policy_issue_for(r, aud);
	if (r->kind == KB_REC_SYSTEM_PLAN && r->plan->issued.y != 0)
		return r->plan->issued;
	if (strcmp(kind, "system-plan-decision") == 0 && r->plan->decided.y != 0)
		return r->plan->decided;
	return r->date;
}

/* What has_template found, per kind: asked once per kind, not once per document. */
struct templates {
	const char *datadir;
	GHashTable *ok; /* kind (borrowed) → 1 + whether its template exists */
};

/* Whether DATADIR/templates/KIND.xsl exists. */
static int
has_template(struct templates *t, const char *kind)
{
	gpointer v = g_hash_table_lookup(t->ok, kind);
	char *path;
	int ok;

	if (v != NULL)
		return GPOINTER_TO_INT(v) - 1;
	path = kb_asprintf("%s/templates/%s.xsl", t->datadir, kind);
	ok = access(path, R_OK) == 0;
	free(path);
	g_hash_table_insert(t->ok, (gpointer)kind, GINT_TO_POINTER(ok + 1));
	return ok;
}

/*
 * The sending division (unit index; -1: the information-policy division)
 * of a document that has no 文書記号 to be numbered under: warned once
 * per division (warned[unit]), naming the first such document.
 */
static void
warn_no_code(const struct kb_org *org, int unit, const struct kb_doc *d, char *warned)
{
	const struct kb_unit *u, *dept;
	char *where;

	if (unit < 0)
		unit = kb_unit_by_function(org, "information-policy");
	if (unit < 0 || warned[unit])
		return;
	warned[unit] = 1;
	u = &org->units[unit];
	dept = u->parent >= 0 ? &org->units[u->parent] : NULL;
	where = dept ? kb_asprintf("%s（%s）にもその部等の%s（%s）にも", u->name, u->id, dept->name,
	                           dept->id)
	             : kb_asprintf("%s（%s）に", u->name, u->id);
	kb_diagc(KB_D_NO_DOC_CODE, &(struct kb_loc){d->rec->src.file, d->rec->src.line, d->rec->id},
	         "%s文書記号（<document-code>）がありません。%sが送る文書（%s ほか）は番号を取らず"
	         "「第　　号」と印字します（番号は手書きで記入）",
	         where, u->name, d->path);
	free(where);
}

/*
 * Links each follow-up to the document it follows (the previous
 * revision's report of the same kind to the same addressee; the 協議書 of
 * an earlier revision a decision answers) when the plan holds it. A
 * decision without one answers the 協議 of the plan's own date.
 */
static void
link_follows(struct kb_plan *plan)
{
	for (size_t i = 0; i < plan->ndocs; i++) {
		struct kb_doc *d = &plan->docs[i];
		long best = -1;

		d->follows = -1;
		if (d->rec->kind == KB_REC_INCIDENT && d->revision > 1 &&
		    (strcmp(d->kind, "incident-report-cio") == 0 ||
		     strcmp(d->kind, "incident-report-authority") == 0))
			d->follows_kind = d->kind;
		else if (strcmp(d->kind, "system-plan-decision") == 0) {
			d->follows_kind = "system-plan-consultation";
			d->cites = 1;
			d->cite_date = d->rec->date;
		}
		if (d->follows_kind == NULL)
			continue;
		for (size_t j = 0; j < plan->ndocs; j++) {
			const struct kb_doc *e = &plan->docs[j];
			if (strcmp(e->key, d->key) == 0 && strcmp(e->kind, d->follows_kind) == 0 &&
			    e->authority == d->authority && e->revision < d->revision &&
			    (best < 0 || e->revision > plan->docs[best].revision))
				best = (long)j;
		}
		if (best >= 0) {
			d->follows = best;
			d->cites = 1;
			d->cite_date = plan->docs[best].issue;
		}
	}
}

static struct kb_doc *
new_doc(struct kb_plan *plan)
{
	struct kb_doc *d;

	kb_grow((void **)&plan->docs, &plan->cap, plan->ndocs + 1, sizeof(*plan->docs));
	d = &plan->docs[plan->ndocs++];
	memset(d, 0, sizeof(*d));
	return d;
}

/*
 * The structure notice of the date of appointment i, the first of its
 * date: one per date (spec/documents.md), covering every appointment of
 * that day that changed a role or ended the post of a role's holder, each
 * change attributed to its record. None when no role changed hands.
 */
static void
structure_notice(const struct kb_input *in, struct templates *tpl, size_t i, struct kb_plan *plan,
                 char *warned)
{
	const struct kb_record *r = &in->records[i];
	struct kb_roster_changes ch;
	size_t *recs = NULL, n = 0, cap = 0;
	struct kb_doc *d;

	kb_roster_changes(in, &r->date, &ch);
	for (size_t j = i; j < in->nrecords; j++) {
		const struct kb_record *o = &in->records[j];
		int caused = 0;
		if (kb_date_cmp(&o->date, &r->date) != 0)
			break;
		if (o->kind != KB_REC_APPOINTMENT || o->rejected || o->standing || o->xml == NULL)
			continue;
		/* It made a change, or ended the post of someone a change replaced. */
		for (size_t c = 0; c < ch.n && !caused; c++)
			caused = ch.v[c].cause == (int)j || ch.v[c].ended_by == (int)j;
		if (caused) {
			kb_grow((void **)&recs, &cap, n + 1, sizeof(*recs));
			recs[n++] = j;
		}
	}
	kb_roster_changes_free(&ch);
	if (n == 0)
		return;
	if (!has_template(tpl, "structure-notice")) {
		kb_diagc_art(KB_D_NO_TEMPLATE, &(struct kb_loc){r->src.file, r->src.line, r->id},
		             KB_ART_NONE,
		             "structure-notice is owed, but kobun has no template for it yet");
		plan->owed++;
		free(recs);
		return;
	}
	d = new_doc(plan);
	d->kind = "structure-notice";
	d->rec = &in->records[recs[0]];
	d->index = recs[0];
	d->recs = recs;
	d->nrecs = n;
	d->audience = KB_AUD_INTERNAL;
	d->authority = -1;
	d->issue = r->date;
	d->key = kb_asprintf("structure-%04d-%02d-%02d", r->date.y, r->date.m, r->date.d);
	d->revision = 1;
	d->path =
	    kb_asprintf(KB_OUT_STRUCTURE "/%04d-%02d-%02d.pdf", r->date.y, r->date.m, r->date.d);
	/* doc-handling: the information-policy division handles (and numbers) the CIO's notices. */
	d->numbered = 1;
	d->code = kb_plan_code(&in->org, -1);
	if (d->code == NULL)
		warn_no_code(&in->org, -1, d, warned);
}

void
kb_plan_make(const struct kb_input *in, const char *datadir, struct kb_plan *plan)
{
	const struct kb_org *org = &in->org;
	struct dues dues = {0};
	struct kb_date notice_day = {0, 0, 0}; /* the date whose structure notice is planned */
	char *warned = kb_calloc(org->nunits + 1, 1);
	struct templates tpl = {datadir, g_hash_table_new(g_str_hash, g_str_equal)};

	memset(plan, 0, sizeof(*plan));
	for (size_t i = 0; i < in->nrecords; i++) {
		const struct kb_record *r = &in->records[i];

		if (r->rejected || r->standing || r->xml == NULL)
			continue;
		/* Appointments come first on their date: the date's notice goes here. */
		if (r->kind == KB_REC_APPOINTMENT && kb_date_cmp(&r->date, &notice_day) != 0) {
			notice_day = r->date;
			structure_notice(in, &tpl, i, plan, warned);
		}
		dues.n = 0;
		documents_of(in, i, &dues);
		for (size_t k = 0; k < dues.n; k++) {
			const struct due *du = &dues.v[k];
			struct kb_doc *d;
			const char *auth =
			    du->authority >= 0 ? org->authorities[du->authority].id : NULL;
			int per_revision =
			    r->kind == KB_REC_INCIDENT || r->kind == KB_REC_SYSTEM_PLAN;

			if (!has_template(&tpl, du->kind)) {
				kb_diagc_art(KB_D_NO_TEMPLATE,
				             &(struct kb_loc){r->src.file, r->src.line, r->id},
				             du->article,
				             "%s%s%s is owed, but kobun has no template for it yet",
				             du->kind, auth ? " to " : "", auth ? auth : "");
				plan->owed++;
				continue;
			}
			d = new_doc(plan);
			d->kind = du->kind;
			d->rec = r;
			d->index = i;
			d->audience = du->audience;
			d->authority = du->authority;
			d->issue = issue_date(r, d->kind, d->audience);
			d->key = kb_strdup(r->id);
			d->revision = r->revision;
			/* <record-id>/<kind>[-<authority>][-r<revision>].pdf (documents.md) */
			if (per_revision)
				d->path =
				    kb_asprintf("%s/%s%s%s-r%d.pdf", r->id, d->kind,
				                auth ? "-" : "", auth ? auth : "", r->revision);
			else
				d->path = kb_asprintf("%s/%s%s%s.pdf", r->id, d->kind,
				                      auth ? "-" : "", auth ? auth : "");
			d->numbered = du->numbered;
			if (d->numbered) {
				int sender = sending_unit(r, d->kind);
				d->code = kb_plan_code(org, sender);
				if (d->code == NULL)
					warn_no_code(org, sender, d, warned);
			}
		}
	}
	link_follows(plan);
	g_hash_table_destroy(tpl.ok);
	free(dues.v);
	free(warned);
}

static void
doc_free(struct kb_doc *d)
{
	free(d->number);
	free(d->provisional);
	free(d->path);
	free(d->key);
	free(d->recs);
	free(d->cite_number);
}

/* 1 when doc is a document of record id: its own (any revision), or a notice covering it. */
static int
doc_of(const struct kb_input *in, const struct kb_doc *doc, const char *id)
{
	if (doc->nrecs == 0)
		return doc->rec != NULL && strcmp(doc->rec->id, id) == 0;
	for (size_t k = 0; k < doc->nrecs; k++)
		if (strcmp(in->records[doc->recs[k]].id, id) == 0)
			return 1;
	return 0;
}

int
kb_plan_only(const struct kb_input *in, struct kb_plan *plan, const char *id)
{
	long *to = kb_calloc(plan->ndocs + 1, sizeof(*to));
	size_t n = 0, i;
	int known = 0;

	for (i = 0; i < in->nrecords && !known; i++)
		known = !in->records[i].standing && in->records[i].id != NULL &&
		        strcmp(in->records[i].id, id) == 0;
	if (!known) {
		free(to);
		kb_diagc(KB_D_USAGE, NULL, "--only %s: no record of the input has that id", id);
		return -1;
	}
	for (i = 0; i < plan->ndocs; i++) {
		if (!doc_of(in, &plan->docs[i], id)) {
			to[i] = -1;
			doc_free(&plan->docs[i]);
			continue;
		}
		to[i] = (long)n;
		plan->docs[n++] = plan->docs[i];
	}
	/* A follow-up follows a revision of its own record, which is kept with it. */
	for (i = 0; i < n; i++)
		if (plan->docs[i].follows >= 0)
			plan->docs[i].follows = to[plan->docs[i].follows];
	plan->ndocs = n;
	free(to);
	return 0;
}

void
kb_plan_free(struct kb_plan *plan)
{
	for (size_t i = 0; i < plan->ndocs; i++)
		doc_free(&plan->docs[i]);
	free(plan->docs);
	memset(plan, 0, sizeof(*plan));
}
