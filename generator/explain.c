/* explain.c — reads kobun's RELAX NG grammars into an index of elements and attributes, and
 * explains a record that does not match. */
#include "explain.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "util.h"
#include "wareki.h"

/* What an attribute's value must look like. */
enum atype { AT_TEXT, AT_ENUM, AT_DATE, AT_INSTANT, AT_BOOL, AT_COUNT, AT_ID, AT_IDS };

struct attr {
	enum atype type;
	GPtrArray *values; /* AT_ENUM: the allowed values (owned strings) */
};

/* An element as every definition of it in the grammar allows it. */
struct elem {
	GHashTable *attrs;        /* name → struct attr: allowed */
	GHashTable *req_attrs;    /* names required by every definition */
	GHashTable *children;     /* names of the elements it may contain */
	GHashTable *req_children; /* names required by every definition */
	int defined;
};

struct kb_grammar {
	GHashTable *defines; /* name → <define> node */
	GHashTable *elems;   /* name → struct elem */
	GHashTable *seen;    /* <element> nodes already indexed */
	struct elem *top;    /* what <start> allows */
	GPtrArray *docs;     /* the grammar files (xmlDoc) */
};

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *
prop(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? kb_strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static GHashTable *
name_set(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
}

static void
set_add(GHashTable *s, const char *name)
{
	if (!g_hash_table_contains(s, name))
		g_hash_table_add(s, kb_strdup(name));
}

static void
attr_free(void *p)
{
	struct attr *a = p;

	if (a->values)
		g_ptr_array_free(a->values, TRUE);
	free(a);
}

static void
elem_free(void *p)
{
	struct elem *e = p;

	g_hash_table_destroy(e->attrs);
	g_hash_table_destroy(e->children);
	if (e->req_attrs)
		g_hash_table_destroy(e->req_attrs);
	if (e->req_children)
		g_hash_table_destroy(e->req_children);
	free(e);
}

static struct elem *
elem_new(void)
{
	struct elem *e = kb_calloc(1, sizeof(*e));

	e->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, free, attr_free);
	e->children = name_set();
	return e;
}

/* ---- reading the grammar ------------------------------------------------- */

/* Collects the <define>s of a grammar file and of the files it includes (the includer's win). */
static int
read_grammar(struct kb_grammar *g, const char *path, int depth, xmlNode **start)
{
	xmlDocPtr d =
	    depth < 8 ? xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS) : NULL;
	xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;

	if (root == NULL) {
		if (d)
			xmlFreeDoc(d);
		return -1;
	}
	g_ptr_array_add(g->docs, d);
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		if (is(c, "include")) {
			char *href = prop(c, "href"), *dir = g_path_get_dirname(path);
			char *sub = kb_asprintf("%s/%s", dir, href ? href : "");
			int rc = read_grammar(g, sub, depth + 1, start);
			free(sub), g_free(dir), free(href);
			if (rc != 0)
				return -1;
			/* The include's own <start> and <define>s override the included ones. */
			for (xmlNode *o = c->children; o != NULL; o = o->next)
				if (is(o, "start"))
					*start = o;
				else if (is(o, "define"))
					g_hash_table_insert(g->defines, prop(o, "name"), o);
		} else if (is(c, "start")) {
			*start = c;
		} else if (is(c, "define")) {
			g_hash_table_insert(g->defines, prop(c, "name"), c);
		}
	}
	return 0;
}

static void add_values(struct kb_grammar *g, const xmlNode *p, GPtrArray *v, int depth);

/* The values a <choice>/<value>/<ref> pattern allows, appended to v. */
static void
add_values(struct kb_grammar *g, const xmlNode *p, GPtrArray *v, int depth)
{
	if (depth > 32)
		return;
	if (is(p, "value")) {
		xmlChar *t = xmlNodeGetContent(p);
		g_ptr_array_add(v, kb_strdup((const char *)t));
		xmlFree(t);
	} else if (is(p, "ref")) {
		char *name = prop(p, "name");
		const xmlNode *d = g_hash_table_lookup(g->defines, name);
		free(name);
		for (const xmlNode *c = d ? d->children : NULL; c != NULL; c = c->next)
			add_values(g, c, v, depth + 1);
	} else if (is(p, "choice")) {
		for (const xmlNode *c = p->children; c != NULL; c = c->next)
			add_values(g, c, v, depth + 1);
	}
}

/* What the content pattern p of an <attribute> requires of its value. */
static enum atype
value_type(struct kb_grammar *g, const xmlNode *p, int depth)
{
	static const struct {
		const char *define;
		enum atype type;
	} named[] = {{"t.date", AT_DATE},   {"t.instant", AT_INSTANT}, {"t.bool", AT_BOOL},
	             {"t.count", AT_COUNT}, {"t.id", AT_ID},           {"t.ids", AT_IDS}};
	enum atype t = AT_TEXT;

	if (p == NULL || depth > 32)
		return AT_TEXT;
	if (is(p, "ref")) {
		char *name = prop(p, "name");
		const xmlNode *d = g_hash_table_lookup(g->defines, name);
		for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
			if (name && strcmp(name, named[i].define) == 0)
				t = named[i].type;
		free(name);
		if (t == AT_TEXT && d != NULL)
			t = value_type(g, d->children, depth + 1);
	} else if (is(p, "choice") || is(p, "value")) {
		t = AT_ENUM;
	} else if (is(p, "data")) {
		char *type = prop(p, "type");
		t = type && strcmp(type, "date") == 0 ? AT_DATE : AT_TEXT;
		free(type);
	}
	return t;
}

/* The name of an <element> or <attribute> pattern (its name="" or <name> child), or NULL. */
static char *
pattern_name(const xmlNode *p)
{
	char *n = prop(p, "name");

	for (const xmlNode *c = p->children; n == NULL && c != NULL; c = c->next)
		if (is(c, "name")) {
			xmlChar *t = xmlNodeGetContent(c);
			n = kb_strdup((const char *)t);
			xmlFree(t);
		}
	return n;
}

static void index_element(struct kb_grammar *g, const xmlNode *el);

static void
add_attr(struct kb_grammar *g, struct elem *e, const xmlNode *p, const char *name)
{
	const xmlNode *content = NULL;
	struct attr *a = g_hash_table_lookup(e->attrs, name);
	enum atype t;

	for (const xmlNode *c = p->children; c != NULL && content == NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !is(c, "name"))
			content = c;
	t = value_type(g, content, 0);
	if (a == NULL) {
		a = kb_calloc(1, sizeof(*a));
		a->type = t;
		g_hash_table_insert(e->attrs, kb_strdup(name), a);
	}
	if (t == AT_ENUM || t == AT_BOOL) {
		if (a->values == NULL)
			a->values = g_ptr_array_new_with_free_func(free);
		if (t == AT_BOOL) {
			g_ptr_array_add(a->values, kb_strdup("true"));
			g_ptr_array_add(a->values, kb_strdup("false"));
		} else {
			add_values(g, content, a->values, 0);
		}
	}
}

/*
 * Walks the content pattern p of element e: every attribute and child
 * element it allows goes into e; the names it requires (outside
 * optional, zeroOrMore, and not in every branch of a choice) go into ra
 * (attributes) and rc (child elements).
 */
static void
walk(struct kb_grammar *g, struct elem *e, const xmlNode *p, GHashTable *ra, GHashTable *rc,
     int depth)
{
	char *name;

	if (p->type != XML_ELEMENT_NODE || depth > 64)
		return;
	if (is(p, "element")) {
		if ((name = pattern_name(p)) != NULL) {
			set_add(e->children, name);
			set_add(rc, name);
			free(name);
		}
		index_element(g, p);
	} else if (is(p, "attribute")) {
		if ((name = pattern_name(p)) != NULL) {
			add_attr(g, e, p, name);
			set_add(ra, name);
			free(name);
		}
	} else if (is(p, "optional") || is(p, "zeroOrMore")) {
		GHashTable *ta = name_set(), *tc = name_set();
		for (const xmlNode *c = p->children; c != NULL; c = c->next)
			walk(g, e, c, ta, tc, depth + 1);
		g_hash_table_destroy(ta), g_hash_table_destroy(tc);
	} else if (is(p, "choice")) {
		GHashTable *ia = NULL, *ic = NULL;
		for (const xmlNode *c = p->children; c != NULL; c = c->next) {
			GHashTable *ta = name_set(), *tc = name_set();
			GHashTableIter it;
			void *k;
			if (c->type != XML_ELEMENT_NODE) {
				g_hash_table_destroy(ta), g_hash_table_destroy(tc);
				continue;
			}
			walk(g, e, c, ta, tc, depth + 1);
			if (ia == NULL) {
				ia = ta, ic = tc;
				continue;
			}
			/* Required by the choice: required in every branch. */
			g_hash_table_iter_init(&it, ia);
			while (g_hash_table_iter_next(&it, &k, NULL))
				if (!g_hash_table_contains(ta, k))
					g_hash_table_iter_remove(&it);
			g_hash_table_iter_init(&it, ic);
			while (g_hash_table_iter_next(&it, &k, NULL))
				if (!g_hash_table_contains(tc, k))
					g_hash_table_iter_remove(&it);
			g_hash_table_destroy(ta), g_hash_table_destroy(tc);
		}
		if (ia != NULL) {
			GHashTableIter it;
			void *k;
			g_hash_table_iter_init(&it, ia);
			while (g_hash_table_iter_next(&it, &k, NULL))
				set_add(ra, k);
			g_hash_table_iter_init(&it, ic);
			while (g_hash_table_iter_next(&it, &k, NULL))
				set_add(rc, k);
			g_hash_table_destroy(ia), g_hash_table_destroy(ic);
		}
	} else if (is(p, "ref")) {
		const xmlNode *d;
		name = prop(p, "name");
		d = g_hash_table_lookup(g->defines, name);
		free(name);
		for (const xmlNode *c = d ? d->children : NULL; c != NULL; c = c->next)
			walk(g, e, c, ra, rc, depth + 1);
	} else if (is(p, "group") || is(p, "interleave") || is(p, "oneOrMore") || is(p, "mixed") ||
	           is(p, "start")) {
		for (const xmlNode *c = p->children; c != NULL; c = c->next)
			walk(g, e, c, ra, rc, depth + 1);
	}
	/* text, empty, data, value, list, notAllowed: no attributes or elements. */
}

/* Keeps in have only the names also in more. */
static void
intersect(GHashTable *have, GHashTable *more)
{
	GHashTableIter it;
	void *k;

	g_hash_table_iter_init(&it, have);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (!g_hash_table_contains(more, k))
			g_hash_table_iter_remove(&it);
}

/* Adds the definition <element> el to the index of its name (once per definition). */
static void
index_element(struct kb_grammar *g, const xmlNode *el)
{
	char *name;
	struct elem *e;
	GHashTable *ra, *rc;

	if (g_hash_table_contains(g->seen, el) || (name = pattern_name(el)) == NULL)
		return;
	g_hash_table_add(g->seen, (void *)el);
	e = g_hash_table_lookup(g->elems, name);
	if (e == NULL) {
		e = elem_new();
		g_hash_table_insert(g->elems, kb_strdup(name), e);
	}
	free(name);
	ra = name_set(), rc = name_set();
	for (const xmlNode *c = el->children; c != NULL; c = c->next)
		if (!is(c, "name"))
			walk(g, e, c, ra, rc, 0);
	if (!e->defined) {
		e->req_attrs = ra, e->req_children = rc;
		e->defined = 1;
	} else {
		intersect(e->req_attrs, ra), intersect(e->req_children, rc);
		g_hash_table_destroy(ra), g_hash_table_destroy(rc);
	}
}

struct kb_grammar *
kb_grammar_load(const char *path)
{
	struct kb_grammar *g = kb_calloc(1, sizeof(*g));
	xmlNode *start = NULL;
	GHashTable *ra, *rc;

	g->defines = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	g->elems = g_hash_table_new_full(g_str_hash, g_str_equal, free, elem_free);
	g->seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	g->docs = g_ptr_array_new_with_free_func((GDestroyNotify)xmlFreeDoc);
	if (read_grammar(g, path, 0, &start) != 0 || start == NULL) {
		kb_grammar_free(g);
		return NULL;
	}
	g->top = elem_new();
	ra = name_set(), rc = name_set();
	walk(g, g->top, start, ra, rc, 0);
	g_hash_table_destroy(ra), g_hash_table_destroy(rc);
	return g;
}

void
kb_grammar_free(struct kb_grammar *g)
{
	if (g == NULL)
		return;
	if (g->top)
		elem_free(g->top);
	g_hash_table_destroy(g->elems);
	g_hash_table_destroy(g->seen);
	g_hash_table_destroy(g->defines);
	g_ptr_array_free(g->docs, TRUE);
	free(g);
}

/* ---- explaining ------------------------------------------------------------ */

int
kb_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int *row = kb_malloc((lb + 1) * sizeof(int)), d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* The sorted names of a set or table, joined with ", ". */
static char *
joined(GHashTable *t)
{
	GList *keys = g_list_sort(g_hash_table_get_keys(t), (GCompareFunc)strcmp);
	kb_buf b = {0};

	for (GList *l = keys; l != NULL; l = l->next)
		kb_buf_printf(&b, "%s%s", l == keys ? "" : ", ", (const char *)l->data);
	g_list_free(keys);
	return b.data ? kb_buf_take(&b) : kb_strdup("");
}

/* The allowed value of an enumeration, joined with ", " (in the grammar's order, once each). */
static char *
joined_values(const GPtrArray *v)
{
	kb_buf b = {0};

	for (guint i = 0; i < v->len; i++) {
		int dup = 0;
		for (guint k = 0; k < i; k++)
			dup |= strcmp(g_ptr_array_index(v, k), g_ptr_array_index(v, i)) == 0;
		if (!dup)
			kb_buf_printf(&b, "%s%s", b.len ? ", " : "",
			              (const char *)g_ptr_array_index(v, i));
	}
	return b.data ? kb_buf_take(&b) : kb_strdup("");
}

const char *
kb_near_miss(const char *s, const char *const *cand, size_t n)
{
	const char *best = NULL;
	int bd = 0, limit = strlen(s) < 5 ? 1 : 2;

	for (size_t i = 0; i < n; i++) {
		int d = kb_edit_distance(s, cand[i]);
		if (d <= limit && (best == NULL || d < bd))
			best = cand[i], bd = d;
	}
	return best;
}

static const char *
near_in_set(const char *s, GHashTable *t)
{
	guint n;
	const char **keys = (const char **)g_hash_table_get_keys_as_array(t, &n);
	const char *best = kb_near_miss(s, keys, n);

	g_free(keys);
	return best;
}

/*
 * Where the start tag of element name that libxml2 places on line (the
 * line where the tag ends) begins, and the line of its attribute attr
 * (NULL: the tag's own first line), reading file again. Falls back to
 * line.
 */
static long
tag_line(const char *file, long line, const char *name, const char *attr)
{
	char *text = NULL;
	size_t len = 0, nn = strlen(name), na = attr ? strlen(attr) : 0;
	long at = 1;
	const char *p, *end, *start = NULL;

	if (line <= 0 || !g_file_get_contents(file, &text, &len, NULL))
		return line;
	end = text + len;
	/* The end of line `line`. */
	for (p = text; p < end && at <= line; p++)
		if (*p == '\n')
			at++;
	/* The last "<name" before it. */
	for (const char *q = p - 1; q >= text && start == NULL; q--)
		if (*q == '<' && (size_t)(end - q) > nn + 1 && strncmp(q + 1, name, nn) == 0 &&
		    (g_ascii_isspace(q[nn + 1]) || q[nn + 1] == '>' || q[nn + 1] == '/'))
			start = q;
	if (start == NULL) {
		g_free(text);
		return line;
	}
	at = 1;
	for (const char *q = text; q < start; q++)
		at += *q == '\n';
	for (p = start; attr != NULL && p < end && *p != '>'; p++) {
		if (*p == '\n')
			at++;
		if (p > start && g_ascii_isspace(p[-1]) && (size_t)(end - p) > na &&
		    strncmp(p, attr, na) == 0 && (p[na] == '=' || g_ascii_isspace(p[na]))) {
			g_free(text);
			return at;
		}
	}
	g_free(text);
	return attr == NULL ? at : line;
}

struct ex {
	const struct kb_grammar *g;
	const char *file;
	const char *record;
	int n;
};

static void say(struct ex *x, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
say(struct ex *x, long line, const char *fmt, ...)
{
	kb_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	kb_diagc(KB_D_SCHEMA_INVALID, &(struct kb_loc){x->file, line, x->record}, "%s", b.data);
	kb_buf_free(&b);
	x->n++;
}

/* 1 when s is YYYY-MM-DD of a real day. */
static int
good_date(const char *s)
{
	struct kb_date d;

	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && kb_date_parse(s, &d) == 0;
}

/* A guess of what a date written otherwise meant: 2026/11/5 → 2026-11-05; NULL when none. */
static char *
date_guess(const char *s)
{
	int y, m, d;
	char sep1, sep2, rest;

	if (sscanf(s, "%4d%c%d%c%d%c", &y, &sep1, &m, &sep2, &d, &rest) != 5 || sep1 != sep2 ||
	    (sep1 != '/' && sep1 != '.' && sep1 != '-'))
		return NULL;
	return kb_asprintf("%04d-%02d-%02d", y, m, d);
}

/* Explains a value that does not have the form its type asks for. */
static void
check_value(struct ex *x, const xmlNode *n, const char *name, const struct attr *a, const char *v,
            long line)
{
	switch (a->type) {
	case AT_ENUM:
	case AT_BOOL: {
		const char *best;
		char *list;
		for (guint i = 0; i < a->values->len; i++)
			if (strcmp(g_ptr_array_index(a->values, i), v) == 0)
				return;
		best = kb_near_miss(v, (const char *const *)a->values->pdata, a->values->len);
		list = joined_values(a->values);
		if (best != NULL)
			say(x, line,
			    "%s=\"%s\" は使えない値です。%s ではありませんか（<%s> の %s= "
			    "に書ける値: %s）",
			    name, v, best, n->name, name, list);
		else
			say(x, line, "%s=\"%s\" は使えない値です（<%s> の %s= に書ける値: %s）",
			    name, v, n->name, name, list);
		free(list);
		break;
	}
	case AT_DATE:
		if (!good_date(v)) {
			char *guess = date_guess(v);
			int y, m, d;
			if (guess != NULL && good_date(guess) && strcmp(guess, v) != 0)
				say(x, line, "%s=\"%s\": 日付は YYYY-MM-DD の形で書きます（%s）",
				    name, v, guess);
			else if (sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3 && strlen(v) == 10)
				say(x, line, "%s=\"%s\" はない日付です（%d年%d月%d日はありません）",
				    name, v, y, m, d);
			else
				say(x, line,
				    "%s=\"%s\": 日付は YYYY-MM-DD の形で書きます（例: 2026-11-05）",
				    name, v);
			free(guess);
		}
		break;
	case AT_INSTANT: {
		long long t;
		char *fix;
		size_t l = strlen(v);
		if (l >= 16 && v[10] == 'T' && kb_instant_parse(v, &t) == 0)
			break;
		fix = kb_strdup(v);
		if (l >= 16 && (fix[10] == ' ' || fix[10] == 't'))
			fix[10] = 'T';
		if (strcmp(fix, v) != 0 && kb_instant_parse(fix, &t) == 0)
			say(x, line,
			    "%s=\"%s\": 日時は YYYY-MM-DDThh:mm の形で、日付と時刻の間に T "
			    "を書きます（%s）",
			    name, v, fix);
		else
			say(x, line,
			    "%s=\"%s\": 日時は YYYY-MM-DDThh:mm の形で書きます（例: "
			    "2026-11-20T02:00。日本時間以外は末尾に Z か +hh:mm）",
			    name, v);
		free(fix);
		break;
	}
	case AT_COUNT:
		if (v[0] == '\0' || strspn(v, "0123456789") != strlen(v) || strlen(v) > 15)
			say(x, line, "%s=\"%s\": 半角の数字だけを書きます（例: 148）", name, v);
		break;
	case AT_ID:
	case AT_IDS: {
		const char *p = v;
		int bad = v[0] == '\0';
		for (; *p != '\0' && !bad; p++)
			bad = !(g_ascii_isalnum(*p) || *p == '_' || *p == '-' || *p == '.' ||
			        (a->type == AT_IDS && *p == ' '));
		if (bad)
			say(x, line, "%s=\"%s\": 識別子には半角の英数字と . _ - だけを使えます%s",
			    name, v, a->type == AT_IDS ? "（複数は半角空白で区切ります）" : "");
		break;
	}
	case AT_TEXT:
		break;
	}
}

/* What a missing attribute must hold, for the message. */
static char *
wanted(const struct attr *a)
{
	switch (a->type) {
	case AT_ENUM:
	case AT_BOOL: {
		char *l = joined_values(a->values), *s = kb_asprintf("%s のいずれか", l);
		free(l);
		return s;
	}
	case AT_DATE:
		return kb_strdup("YYYY-MM-DD の日付");
	case AT_INSTANT:
		return kb_strdup("YYYY-MM-DDThh:mm の日時");
	case AT_COUNT:
		return kb_strdup("半角の数字");
	case AT_ID:
	case AT_IDS:
		return kb_strdup("識別子");
	case AT_TEXT:
		break;
	}
	return kb_strdup("値");
}

static void
explain(struct ex *x, const struct elem *e, xmlNode *n, int depth)
{
	long line = tag_line(x->file, kb_line(n), (const char *)n->name, NULL);
	GHashTableIter it;
	void *k;
	GHashTable *meant; /* names a near miss was taken for: not reported missing again */

	if (depth > 64)
		return;
	meant = name_set();
	for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;
		const struct attr *at = g_hash_table_lookup(e->attrs, name);
		xmlChar *val = xmlNodeGetContent((xmlNode *)a);
		long al = tag_line(x->file, kb_line(n), (const char *)n->name, name);
		if (a->ns != NULL) {
			xmlFree(val);
			continue;
		}
		if (at == NULL) {
			const char *best = near_in_set(name, e->attrs);
			if (best != NULL && xmlHasProp(n, (const xmlChar *)best))
				best = NULL; /* given already: not what was meant */
			char *list = joined(e->attrs);
			if (best != NULL) {
				say(x, al,
				    "<%s> に %s= という属性はありません。%s= "
				    "ではありませんか（書ける属性: %s）",
				    n->name, name, best, list);
				set_add(meant, best);
			} else
				say(x, al, "<%s> に %s= という属性はありません（書ける属性: %s）",
				    n->name, name, list[0] ? list : "なし");
			free(list);
		} else {
			check_value(x, n, name, at, (const char *)val, al);
		}
		xmlFree(val);
	}
	g_hash_table_iter_init(&it, e->req_attrs);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (!xmlHasProp(n, (const xmlChar *)k) && !g_hash_table_contains(meant, k)) {
			char *w = wanted(g_hash_table_lookup(e->attrs, k));
			say(x, line, "<%s> に %s= がありません（%sを書きます）", n->name,
			    (const char *)k, w);
			free(w);
		}
	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		const struct elem *ce;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		ce = g_hash_table_contains(e->children, c->name)
		         ? g_hash_table_lookup(x->g->elems, c->name)
		         : NULL;
		if (ce == NULL) {
			const char *best = near_in_set((const char *)c->name, e->children);
			char *list = joined(e->children);
			if (best != NULL) {
				say(x, tag_line(x->file, kb_line(c), (const char *)c->name, NULL),
				    "<%s> は <%s> の中に書けません。<%s> ではありませんか", c->name,
				    n->name, best);
				set_add(meant, best);
			} else
				say(x, tag_line(x->file, kb_line(c), (const char *)c->name, NULL),
				    "<%s> は <%s> の中に書けません（書ける要素: %s）", c->name,
				    n->name, list[0] ? list : "なし");
			free(list);
			continue;
		}
		explain(x, ce, c, depth + 1);
	}
	g_hash_table_iter_init(&it, e->req_children);
	while (g_hash_table_iter_next(&it, &k, NULL)) {
		int have = 0;
		for (xmlNode *c = n->children; c != NULL && !have; c = c->next)
			have = c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, k) == 0;
		if (!have && !g_hash_table_contains(meant, k))
			say(x, line, "<%s> に <%s> がありません", n->name, (const char *)k);
	}
	g_hash_table_destroy(meant);
}

int
kb_grammar_explain(const struct kb_grammar *g, xmlNode *n, const char *file, const char *record)
{
	struct ex x = {g, file, record, 0};
	const struct elem *e = g_hash_table_contains(g->top->children, n->name)
	                           ? g_hash_table_lookup(g->elems, n->name)
	                           : NULL;

	if (e == NULL)
		return 0;
	explain(&x, e, n, 0);
	return x.n;
}
