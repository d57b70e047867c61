/* template.c — compiled XSLT stylesheets per document kind, with kobun's extension functions. */
#include "template.h"

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"
#include "wareki.h"

struct sheet {
	char *kind;
	char *path;
	xsltStylesheetPtr xsl; /* NULL when it failed to load */
};

struct kb_templates {
	char *datadir;
	struct sheet *sheets;
	size_t n, cap;
	xsltSecurityPrefsPtr sec;
	xmlRelaxNGPtr tree_schema; /* schema/document.rng, loaded on first use */
	int tree_schema_failed;
};

/* Errors raised while compiling or running a template name it. */
static const char *current_template;

static void xslt_error(void *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
xslt_error(void *ctx, const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	(void)ctx;
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	if (b.len > 0)
		kb_diagc(KB_D_TEMPLATE_ERROR, &(struct kb_loc){current_template, 0, NULL}, "%s",
		         b.data);
	kb_buf_free(&b);
}

/* Pops the string argument of an extension function; NULL on error. */
static char *
pop_string(xmlXPathParserContextPtr ctxt)
{
	xmlChar *s = xmlXPathPopString(ctxt);
	char *r;

	if (ctxt->error != 0 || s == NULL)
		return NULL;
	r = kb_strdup((const char *)s);
	xmlFree(s);
	return r;
}

/*
 * kb:wareki(date [, style]): "2026-11-25" → 令和8年11月25日. style is
 * "half" (default), "full" (全角 digits) or "kanji" (漢数字). A date that
 * cannot be read is returned as it came, so the page shows the problem.
 */
static void
fn_wareki(xmlXPathParserContextPtr ctxt, int nargs)
{
	char *date, *style = NULL, *out = NULL;
	struct kb_date d;
	int flags = 0;

	if (nargs < 1 || nargs > 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 2)
		style = pop_string(ctxt);
	date = pop_string(ctxt);
	if (date == NULL) {
		free(style);
		return;
	}
	if (style != NULL && strcmp(style, "full") == 0)
		flags = KB_WAREKI_ZENKAKU;
	else if (style != NULL && strcmp(style, "kanji") == 0)
		flags = KB_WAREKI_KANJI;
	if (kb_date_parse(date, &d) == 0)
		out = kb_wareki(&d, flags);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)(out ? out : date)));
	free(out);
	free(date);
	free(style);
}

/* kb:kansuji(number) → 漢数字 (2026 → 二千二十六). */
static void
fn_kansuji(xmlXPathParserContextPtr ctxt, int nargs)
{
	double v;
	char *out;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	v = xmlXPathPopNumber(ctxt);
	if (ctxt->error != 0)
		return;
	if (!(v > -1e18 && v < 1e18)) {
		valuePush(ctxt, xmlXPathNewString((const xmlChar *)""));
		return;
	}
	out = kb_kansuji((long long)v);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)out));
	free(out);
}

/* kb:zenkaku(string) → the string with ASCII digits made full-width. */
static void
fn_zenkaku(xmlXPathParserContextPtr ctxt, int nargs)
{
	char *s, *out;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	s = pop_string(ctxt);
	if (s == NULL)
		return;
	out = kb_zenkaku_digits(s);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)out));
	free(out);
	free(s);
}

struct kb_templates *
kb_templates_new(const char *datadir)
{
	struct kb_templates *t = kb_calloc(1, sizeof(*t));

	t->datadir = kb_strdup(datadir);
	xsltRegisterExtModuleFunction((const xmlChar *)"wareki", (const xmlChar *)KB_XSLT_NS,
	                              fn_wareki);
	xsltRegisterExtModuleFunction((const xmlChar *)"kansuji", (const xmlChar *)KB_XSLT_NS,
	                              fn_kansuji);
	xsltRegisterExtModuleFunction((const xmlChar *)"zenkaku", (const xmlChar *)KB_XSLT_NS,
	                              fn_zenkaku);
	/* Templates only read what the entity loader allows and write nothing. */
	t->sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetGenericErrorFunc(NULL, xslt_error);
	return t;
}

void
kb_templates_free(struct kb_templates *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		if (t->sheets[i].xsl)
			xsltFreeStylesheet(t->sheets[i].xsl);
		free(t->sheets[i].kind);
		free(t->sheets[i].path);
	}
	free(t->sheets);
	xsltFreeSecurityPrefs(t->sec);
	if (t->tree_schema)
		xmlRelaxNGFree(t->tree_schema);
	free(t->datadir);
	free(t);
}

static struct sheet *
sheet_for(struct kb_templates *t, const char *kind)
{
	struct sheet *s;

	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->sheets[i].kind, kind) == 0)
			return &t->sheets[i];
	kb_grow((void **)&t->sheets, &t->cap, t->n + 1, sizeof(*t->sheets));
	s = &t->sheets[t->n++];
	s->kind = kb_strdup(kind);
	s->path = kb_asprintf("%s/templates/%s.xsl", t->datadir, kind);
	current_template = s->path;
	s->xsl = xsltParseStylesheetFile((const xmlChar *)s->path);
	if (s->xsl == NULL)
		kb_diagc(KB_D_TEMPLATE_LOAD, &(struct kb_loc){s->path, 0, NULL},
		         "cannot load the template of %s", kind);
	return s;
}

const char *
kb_template_path(struct kb_templates *t, const char *kind)
{
	return sheet_for(t, kind)->path;
}

xmlDoc *
kb_template_apply(struct kb_templates *t, const char *kind, xmlDoc *ctx)
{
	struct sheet *s = sheet_for(t, kind);
	xsltTransformContextPtr tc;
	xmlDoc *out;

	if (s->xsl == NULL)
		return NULL;
	current_template = s->path;
	tc = xsltNewTransformContext(s->xsl, ctx);
	xsltSetCtxtSecurityPrefs(t->sec, tc);
	out = xsltApplyStylesheetUser(s->xsl, ctx, NULL, NULL, NULL, tc);
	if (out != NULL && tc->state != XSLT_STATE_OK) {
		xmlFreeDoc(out);
		out = NULL;
	}
	xsltFreeTransformContext(tc);
	if (out == NULL)
		kb_diagc(KB_D_TEMPLATE_FAILED, &(struct kb_loc){s->path, 0, NULL},
		         "the template failed (template bug)");
	return out;
}

/* Reports libxml2's validation errors of a tree as template bugs at name:line. */
struct tree_errs {
	const char *name;
	int n;
};

static void
tree_error(void *ctx, xmlErrorPtr e)
{
	struct tree_errs *te = ctx;
	kb_buf b = {0};
	long line = e->line;

	if (e->level == XML_ERR_WARNING)
		return;
	te->n++;
	kb_buf_puts(&b, e->message ? e->message : "invalid");
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	if (e->node != NULL && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		line = xmlGetLineNo((xmlNodePtr)e->node);
	kb_diagc(KB_D_TREE_INVALID, &(struct kb_loc){te->name, line > 0 ? line : 0, NULL},
	         "document tree: %s (template bug)", b.data);
	kb_buf_free(&b);
}

int
kb_tree_validate(struct kb_templates *t, xmlDoc *tree, const char *name)
{
	struct tree_errs te = {name, 0};
	xmlRelaxNGValidCtxtPtr vc;

	if (t->tree_schema == NULL && !t->tree_schema_failed) {
		char *path = kb_asprintf("%s/schema/document.rng", t->datadir);
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
		t->tree_schema = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		if (t->tree_schema == NULL) {
			kb_diagc(KB_D_SCHEMA_LOAD, &(struct kb_loc){path, 0, NULL},
			         "cannot load the document vocabulary schema");
			t->tree_schema_failed = 1;
		}
		free(path);
	}
	if (t->tree_schema == NULL)
		return -1;
	vc = xmlRelaxNGNewValidCtxt(t->tree_schema);
	xmlRelaxNGSetValidStructuredErrors(vc, tree_error, &te);
	xmlRelaxNGValidateDoc(vc, tree);
	xmlRelaxNGFreeValidCtxt(vc);
	return te.n == 0 ? 0 : -1;
}
