/*
 * load.c — safe XML reading, RELAX NG validation per record, and the typed
 * model built from the tree; a record file is read as a stream of records.
 */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "explain.h"
#include "fonts.h"
#include "model.h"
#include "orgindex.h"
#include "output.h"
#include "policy.h"
#include "util.h"

/* One group of the organization's <interleave>: an element and how often it may come. */
struct group {
	char *elem; /* the element's name (owned) */
	int min1;   /* <oneOrMore>: at least one */
	int max1;   /* <optional>: at most one */
	size_t n;   /* how many the organization being validated has */
};

struct kb_loader {
	char *datadir;    /* the data directory as given */
	char *allowed[2]; /* real paths of DATADIR/schema and DATADIR/templates */
	xmlRelaxNGPtr org_schema;
	xmlRelaxNGPtr record_schema; /* accepts exactly one record element */
	struct kb_grammar *org_grammar,
	    *record_grammar; /* the same, to explain errors (explain.c) */
	xmlRelaxNGPtr
	    org_quick; /* org_schema in linear time, with org_groups (quick_org); or NULL */
	struct group *org_groups; /* the groups of the organization's <interleave> (owned) */
	size_t norg_groups;
};

static void quick_org(struct kb_loader *ld, const char *path);
static int quick_org_part(struct kb_loader *ld, xmlDocPtr doc, int last);

/* The loader whose directory the entity loader allows; one per process. */
static const struct kb_loader *active;
static xmlExternalEntityLoader default_loader;

/* ---- errors from libxml2 ---------------------------------------------- */

/* Collects libxml2's structured errors of one operation. */
struct errs {
	const char *file; /* our name for the file being read */
	int n;
	int suppress;       /* count only (used for the DOCTYPE stop) */
	const char *record; /* record id when validating one record */
	long first;         /* line of the first error, 0 before any */
};

/* Trims the trailing newline libxml2 puts on its messages. */
static void
report_xml_error(void *ctx, xmlErrorPtr e)
{
	struct errs *er = ctx;
	char *msg;
	size_t n;
	long line = e->line;

	if (e->level == XML_ERR_WARNING)
		return;
	er->n++;
	if (er->first == 0 || (line > 0 && line < er->first))
		er->first = line;
	if (er->suppress)
		return;
	msg = kb_strdup(e->message ? e->message : "XML error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (e->node != NULL && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		line = kb_line((xmlNodePtr)e->node);
	kb_diagc(e->domain == XML_FROM_RELAXNGV || e->domain == XML_FROM_RELAXNGP
	             ? KB_D_SCHEMA_INVALID
	             : KB_D_NOT_WELL_FORMED,
	         &(struct kb_loc){er->file, line, er->record}, "%s", msg);
	free(msg);
}

/* ---- the entity loader ------------------------------------------------- */

/* 1 when real lies inside directory dir. */
static int
inside(const char *real, const char *dir)
{
	size_t n = dir ? strlen(dir) : 0;
	return n > 0 && strncmp(real, dir, n) == 0 && real[n] == '/';
}

/*
 * Allows only our own schemas and templates (the includes and imports
 * they make); everything else an input could name is refused.
 */
static xmlParserInputPtr
entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	char real[PATH_MAX];
	const char *path = url;

	if (url != NULL && strncmp(url, "file://", 7) == 0)
		path = url + 7;
	if (active != NULL && path != NULL && strstr(path, "://") == NULL &&
	    realpath(path, real) != NULL &&
	    (inside(real, active->allowed[0]) || inside(real, active->allowed[1])))
		return default_loader(url, id, ctxt);
	kb_diagc(KB_D_EXTERNAL, NULL, "refused to load external resource %s",
	         url ? url : "(unnamed)");
	return NULL;
}

struct kb_loader *
kb_loader_new(const char *datadir)
{
	struct kb_loader *ld = kb_calloc(1, sizeof(*ld));
	char real[PATH_MAX];
	static const char *const names[] = {"organization.rng", "record.rng"};
	xmlRelaxNGPtr *slots[] = {&ld->org_schema, &ld->record_schema};
	struct kb_grammar **grammars[] = {&ld->org_grammar, &ld->record_grammar};

	ld->datadir = kb_strdup(datadir);
	for (size_t i = 0; i < 2; i++) {
		char *sub = kb_asprintf("%s/%s", datadir, i == 0 ? "schema" : "templates");
		if (realpath(sub, real) == NULL) {
			kb_diagc(KB_D_DATADIR, &(struct kb_loc){sub, 0, NULL},
			         "kobun's data directory is incomplete (set KOBUN_DATADIR): %s",
			         strerror(errno));
			free(sub);
			kb_loader_free(ld);
			return NULL;
		}
		ld->allowed[i] = kb_strdup(real);
		free(sub);
	}
	if (default_loader == NULL)
		default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(entity_loader);
	active = ld;
	for (size_t i = 0; i < 2; i++) {
		char *path = kb_asprintf("%s/schema/%s", ld->datadir, names[i]);
		struct errs er = {path, 0, 0, NULL, 0};
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
		xmlRelaxNGSetParserStructuredErrors(pc, report_xml_error, &er);
		*slots[i] = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		if (*slots[i] == NULL) {
			kb_diagc(KB_D_SCHEMA_LOAD, &(struct kb_loc){path, 0, NULL},
			         "cannot load the schema");
			free(path);
			kb_loader_free(ld);
			return NULL;
		}
		*grammars[i] = kb_grammar_load(path);
		if (i == 0)
			quick_org(ld, path);
		free(path);
	}
	return ld;
}

void
kb_loader_free(struct kb_loader *ld)
{
	if (ld == NULL)
		return;
	if (active == ld)
		active = NULL;
	if (ld->org_schema)
		xmlRelaxNGFree(ld->org_schema);
	if (ld->record_schema)
		xmlRelaxNGFree(ld->record_schema);
	if (ld->org_quick)
		xmlRelaxNGFree(ld->org_quick);
	for (size_t i = 0; i < ld->norg_groups; i++)
		free(ld->org_groups[i].elem);
	free(ld->org_groups);
	kb_grammar_free(ld->org_grammar);
	kb_grammar_free(ld->record_grammar);
	free(ld->allowed[0]);
	free(ld->allowed[1]);
	free(ld->datadir);
	free(ld);
}

/* ---- reading a file safely --------------------------------------------- */

/*
 * What a parse is told besides its text: where a DOCTYPE stopped it, and
 * (record files) what to do each time a child of the root ends.
 */
struct parse_hooks {
	long doctype_line;
	void (*child_end)(void *arg, xmlNode *root);
	void *arg;
	struct errs *er;              /* the parse's errors: no child_end after the first */
	startElementNsSAX2Func start; /* libxml2's own */
	endElementNsSAX2Func end;     /* libxml2's own */
};

/* SAX hook: a DOCTYPE could declare entities that read other files; refuse it. */
static void
refuse_doctype(void *vctxt, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = vctxt;
	struct parse_hooks *ph = ctxt->_private;

	(void)name, (void)eid, (void)sid;
	ph->doctype_line = ctxt->input ? ctxt->input->line : 1;
	xmlStopParser(ctxt);
}

/* Where an element past line 65,535 keeps its line (element nodes leave psvi unused). */
#define BIG_LINE 65535

long
kb_line(const xmlNode *n)
{
	if (n != NULL && n->type == XML_ELEMENT_NODE && n->line == BIG_LINE && n->psvi != NULL)
		return (long)(intptr_t)n->psvi;
	return n != NULL ? xmlGetLineNo(n) : 0;
}

/* Gives the elements of copy (made from orig by xmlDocCopyNode) the lines of orig's. */
static void
copy_lines(const xmlNode *orig, xmlNode *copy)
{
	for (; orig != NULL && copy != NULL; orig = orig->next, copy = copy->next)
		if (orig->type == XML_ELEMENT_NODE && copy->type == XML_ELEMENT_NODE) {
			copy->line = orig->line;
			copy->psvi = orig->line == BIG_LINE ? orig->psvi : NULL;
			copy_lines(orig->children, copy->children);
		}
}

/* SAX hook: libxml2 builds the element; its line is kept whole when past 16 bits. */
static void
start_element(void *vctxt, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
              int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
              const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = vctxt;
	struct parse_hooks *ph = ctxt->_private;

	ph->start(vctxt, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
	          nb_defaulted, attributes);
	if (ctxt->node != NULL && ctxt->node->line == BIG_LINE && ctxt->input != NULL)
		ctxt->node->psvi = (void *)(intptr_t)ctxt->input->line;
}

/* SAX hook: libxml2 builds the element, then, a child of the root being whole, child_end runs. */
static void
end_element(void *vctxt, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = vctxt;
	struct parse_hooks *ph = ctxt->_private;

	ph->end(vctxt, localname, prefix, uri);
	if (ctxt->nodeNr == 1 && ctxt->node != NULL && ph->er->n == 0 && !ctxt->disableSAX)
		ph->child_end(ph->arg, ctxt->node);
}

/* Appends to b each character of s the IPAex fonts lack and b does not name yet. */
static void
lacking(const struct kb_loader *ld, const char *s, kb_buf *b, int *n)
{
	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		char name[32];
		int len;
		if (c == '\t' || c == '\n' || c == '\r' || !kb_fonts_lack(ld->datadir, c))
			continue;
		/* A control character is named by its code point alone. */
		if (g_unichar_iscntrl(c) || g_unichar_type(c) == G_UNICODE_FORMAT)
			len = snprintf(name, sizeof(name), "U+%04X", (unsigned)c);
		else
			len = snprintf(name, sizeof(name), "%.*s (U+%04X)",
			               (int)(g_utf8_next_char(p) - p), p, (unsigned)c);
		if (b->data != NULL && strstr(b->data, name) != NULL)
			continue;
		if (++*n <= 8)
			kb_buf_printf(b, "%s%.*s", b->len ? ", " : "", len, name);
	}
}

/*
 * Warns, per element of a record, of characters in its attributes and
 * text that the IPAex fonts lack: they would print as empty boxes
 * (.notdef). Common in names (𠮷 U+20BB7), emoji and pasted control
 * characters. In organization.xml (record NULL) it names the element's own id.
 */
static void
check_glyphs(const struct kb_loader *ld, const char *file, xmlNode *n, const char *record)
{
	kb_buf b = {0};
	int count = 0;
	xmlChar *own = record == NULL ? xmlGetProp(n, (const xmlChar *)"id") : NULL;

	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->children != NULL && a->children->content != NULL)
			lacking(ld, (const char *)a->children->content, &b, &count);
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    c->content != NULL)
			lacking(ld, (const char *)c->content, &b, &count);
	if (count > 0)
		kb_diagc(KB_D_GLYPH_MISSING,
		         &(struct kb_loc){file, kb_line(n), record ? record : (const char *)own},
		         "<%s> has %d character%s the IPAex fonts lack, printed as empty boxes: "
		         "%s%s",
		         (const char *)n->name, count, count > 1 ? "s" : "", b.data,
		         count > 8 ? ", …" : "");
	kb_buf_free(&b);
	xmlFree(own);
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			check_glyphs(ld, file, c, record);
}

/* Checks the length of n's attribute values as texts; returns the number of problems. */
static int
check_attr_limits(const char *file, const xmlNode *n, const char *record)
{
	int bad = 0;

	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		const xmlNode *v = a->children;
		if (v != NULL && v->content != NULL &&
		    g_utf8_strlen((const char *)v->content, -1) > KB_MAX_TEXT) {
			kb_diagc(KB_D_TEXT_LIMIT, &(struct kb_loc){file, kb_line(n), record},
			         "%s=\"\" longer than %d characters", (const char *)a->name,
			         KB_MAX_TEXT);
			bad++;
		}
	}
	return bad;
}

/* Checks nesting depth and the length of texts and attribute values; returns the number of
 * problems. */
static int
check_limits(const char *file, xmlNode *n, int depth, const char *record)
{
	int bad = 0;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			bad += check_attr_limits(file, n, record);
			if (depth + 1 > KB_MAX_DEPTH) {
				kb_diagc(KB_D_DEPTH_LIMIT,
				         &(struct kb_loc){file, kb_line(n), record},
				         "elements nested deeper than %d levels", KB_MAX_DEPTH);
				return bad + 1;
			}
			bad += check_limits(file, n->children, depth + 1, record);
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		           n->content != NULL &&
		           g_utf8_strlen((const char *)n->content, -1) > KB_MAX_TEXT) {
			kb_diagc(KB_D_TEXT_LIMIT,
			         &(struct kb_loc){file, kb_line(n->parent), record},
			         "text longer than %d characters", KB_MAX_TEXT);
			bad++;
		}
	}
	return bad;
}

/*
 * kobun reads UTF-8 only (input-format.md): a file in UTF-16, one that
 * declares another encoding, or bytes that are not UTF-8 (above all a
 * Shift_JIS file saved by a Japanese editor) are reported with what to do
 * instead of being half-read. Returns 0 when text is UTF-8.
 */
static int
check_encoding(const char *path, const char *text, size_t len)
{
	const char *bad;
	long line = 1;

	if (len >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
	                 ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF))) {
		kb_diagc(KB_D_ENCODING, &(struct kb_loc){path, 1, NULL},
		         "the file is UTF-16; kobun reads UTF-8 only: save it as UTF-8 "
		         "(文字コードを UTF-8 にして保存してください)");
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;
	if (len > 5 && memcmp(text, "<?xml", 5) == 0) {
		const char *end = memchr(text, '>', len),
		           *enc = g_strstr_len(text, end ? end - text : 0, "encoding");
		if (enc != NULL) {
			const char *q = enc + 8;
			char *name;
			while (q < end && (*q == ' ' || *q == '=' || *q == '\t'))
				q++;
			name = q < end ? kb_strndup(q + 1, strcspn(q + 1, "\"'")) : kb_strdup("");
			if (g_ascii_strcasecmp(name, "UTF-8") != 0 &&
			    g_ascii_strcasecmp(name, "UTF8") != 0) {
				kb_diagc(KB_D_ENCODING, &(struct kb_loc){path, 1, NULL},
				         "encoding=\"%s\": kobun reads UTF-8 only: save the file "
				         "as UTF-8 and "
				         "write encoding=\"UTF-8\" (文字コードを UTF-8 "
				         "にして保存してください)",
				         name);
				free(name);
				return -1;
			}
			free(name);
		}
	}
	if (g_utf8_validate(text, (gssize)len, &bad))
		return 0;
	for (const char *p = text; p < bad; p++)
		line += *p == '\n';
	/* A NUL byte is no character of XML, whatever the encoding (and CP932 would take it). */
	if (bad < text + len && *bad == '\0') {
		kb_diagc(KB_D_ENCODING, &(struct kb_loc){path, line, NULL},
		         "the file holds a NUL byte (0x00) on this line: XML text cannot; is it "
		         "a binary or UTF-16 file?");
		return -1;
	}
	{
		char *conv = g_convert(text, (gssize)len, "UTF-8", "CP932", NULL, NULL, NULL);
		kb_diagc(KB_D_ENCODING, &(struct kb_loc){path, line, NULL},
		         "%s: save it as UTF-8 (文字コードを UTF-8 にして保存してください)",
		         conv != NULL ? "the file is in Shift_JIS (CP932), not UTF-8"
		                      : "the file is not UTF-8 from this line on");
		g_free(conv);
	}
	return -1;
}

/* Hands libxml2 the text a piece at a time: xmlCtxtReadMemory would copy all of it first. */
struct piecewise {
	const char *p;
	size_t left;
};

static int
read_piece(void *ctx, char *buf, int len)
{
	struct piecewise *pw = ctx;
	size_t n = pw->left < (size_t)len ? pw->left : (size_t)len;

	memcpy(buf, pw->p, n);
	pw->p += n;
	pw->left -= n;
	return (int)n;
}

/* One parse of text (path names it in messages), errors to er. */
static xmlDocPtr
parse_memory(const char *path, const kb_buf *text, struct errs *er, struct parse_hooks *ph)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	struct piecewise pw = {text->data ? text->data : "", text->len};
	xmlDocPtr doc;

	ctxt->_private = ph;
	ctxt->sax->internalSubset = refuse_doctype;
	ph->start = ctxt->sax->startElementNs;
	ctxt->sax->startElementNs = start_element;
	if (ph->child_end != NULL) {
		ph->end = ctxt->sax->endElementNs;
		ctxt->sax->endElementNs = end_element;
	}
	xmlSetStructuredErrorFunc(er, report_xml_error);
	doc = xmlCtxtReadIO(ctxt, read_piece, NULL, &pw, path, NULL,
	                    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && !ctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/*
 * Parses path with no network, no DTD loading and no entity expansion,
 * refusing any DOCTYPE. Returns the document or NULL after reporting.
 * With ph->child_end (a record file), each child of the root is handed
 * over as it ends, until the first error, whose line goes to *broken.
 */
static xmlDocPtr
read_xml(const char *path, struct parse_hooks *ph, long *broken)
{
	struct stat st;
	FILE *f;
	kb_buf text = {0};
	char chunk[65536];
	size_t n;
	struct parse_hooks plain = {0};
	struct errs er = {path, 0, 0, NULL, 0};
	xmlDocPtr doc;

	if (ph == NULL)
		ph = &plain;
	ph->er = &er;
	if (stat(path, &st) != 0 || (f = fopen(path, "rb")) == NULL) {
		kb_diagc(KB_D_FILE_UNREADABLE, &(struct kb_loc){path, 0, NULL}, "cannot read: %s",
		         strerror(errno));
		return NULL;
	}
	if (st.st_size > KB_MAX_FILE) {
		kb_diagc(KB_D_FILE_TOO_LARGE, &(struct kb_loc){path, 0, NULL},
		         "file is larger than the %ld MiB limit", KB_MAX_FILE / 1024 / 1024);
		fclose(f);
		return NULL;
	}
	/* Read it ourselves: the entity loader then never has to allow an input file. */
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && text.len <= (size_t)KB_MAX_FILE)
		kb_buf_put(&text, chunk, n);
	fclose(f);
	if (check_encoding(path, text.data ? text.data : "", text.len) != 0) {
		kb_buf_free(&text);
		return NULL;
	}
	doc = parse_memory(path, &text, &er, ph);
	kb_buf_free(&text);
	if (ph->doctype_line > 0) {
		kb_diagc(KB_D_DOCTYPE, &(struct kb_loc){path, ph->doctype_line, NULL},
		         "DOCTYPE declarations are not allowed (entities could read other files)");
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	} else if (er.n > 0) {
		if (broken != NULL)
			*broken = er.first > 0 ? er.first : 1;
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL) {
		kb_diagc(KB_D_NOT_WELL_FORMED, &(struct kb_loc){path, 0, NULL},
		         "cannot parse the file");
	}
	return doc;
}

xmlDocPtr
kb_load_xml(const char *path)
{
	return read_xml(path, NULL, NULL);
}

/*
 * Validates doc against schema; returns the number of errors. An invalid
 * element is explained in the grammar's terms (explain.c: the attribute
 * or element named, what is allowed, a near miss); only what that cannot
 * explain is reported in libxml2's words.
 */
static int
validate(xmlRelaxNGPtr schema, const struct kb_grammar *grammar, xmlDocPtr doc, xmlNode *n,
         const char *file, const char *record)
{
	struct errs er = {file, 0, 1, record, 0};
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);

	xmlRelaxNGSetValidStructuredErrors(vc, report_xml_error, &er);
	xmlRelaxNGValidateDoc(vc, doc);
	if (er.n > 0 && (grammar == NULL || kb_grammar_explain(grammar, n, file, record) == 0)) {
		er = (struct errs){file, 0, 0, record, 0};
		xmlRelaxNGValidateDoc(vc, doc);
	}
	xmlRelaxNGFreeValidCtxt(vc);
	return er.n > 0 ? er.n : 0;
}

/* ---- attribute helpers ------------------------------------------------- */

/* Returns a fresh copy of attribute name, or NULL. */
static char *
get(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? kb_strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The first element child called name, or NULL. */
static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* The value of attribute name of schema element n, borrowed while n lives; or "". */
static const char *
rng_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a = xmlHasProp(n, (const xmlChar *)name);

	return a != NULL && a->children != NULL && a->children->content != NULL
	           ? (const char *)a->children->content
	           : "";
}

/* The first element below n (n included) called tag with name="" value, or NULL. */
static xmlNode *
rng_find(xmlNode *n, const char *tag, const char *value)
{
	for (; n != NULL; n = n->next) {
		xmlNode *f;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, tag) == 0 &&
		    strcmp(rng_attr(n, "name"), value) == 0)
			return n;
		if ((f = rng_find(n->children, tag, value)) != NULL)
			return f;
	}
	return NULL;
}

/*
 * The organization's children are an <interleave> of one group per kind
 * of element, which libxml2 validates in time quadratic in the number of
 * children (a 100,000-person organization took minutes). The same
 * language is a sequence of any of those elements in which each group
 * comes as often as it may (<oneOrMore>: at least once, <optional>: at
 * most once). Makes ld->org_quick, organization.rng with the interleave
 * rewritten so, and ld->org_groups, the groups to count; leaves both
 * empty when the schema is not of that shape (then only the real schema
 * validates).
 */
static void
quick_org(struct kb_loader *ld, const char *path)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *org = root ? rng_find(root->children, "element", "organization") : NULL;
	xmlNode *il = org ? child(org, "interleave") : NULL, *seq, *choice, *c, *next;
	xmlRelaxNGParserCtxtPtr pc;
	struct errs er = {path, 0, 1, NULL, 0};
	size_t cap = 0;

	if (il == NULL)
		goto out;
	seq = xmlNewDocNode(doc, il->ns, (const xmlChar *)"zeroOrMore", NULL);
	choice = xmlNewChild(seq, il->ns, (const xmlChar *)"choice", NULL);
	for (c = il->children; c != NULL; c = next) {
		xmlNode *ref = c->type == XML_ELEMENT_NODE ? child(c, "ref") : NULL;
		xmlNode *def =
		    ref ? rng_find(root->children, "define", rng_attr(ref, "name")) : NULL;
		xmlNode *el = def ? child(def, "element") : NULL;
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (el == NULL || *rng_attr(el, "name") == '\0' || xmlChildElementCount(c) != 1 ||
		    !(is_elem(c, "oneOrMore") || is_elem(c, "zeroOrMore") ||
		      is_elem(c, "optional"))) {
			xmlFreeNode(seq);
			goto out;
		}
		kb_grow((void **)&ld->org_groups, &cap, ld->norg_groups + 1,
		        sizeof(*ld->org_groups));
		ld->org_groups[ld->norg_groups++] =
		    (struct group){kb_strdup(rng_attr(el, "name")), is_elem(c, "oneOrMore"),
		                   is_elem(c, "optional"), 0};
		xmlUnlinkNode(ref);
		xmlAddChild(choice, ref);
	}
	xmlFreeNode(xmlReplaceNode(il, seq));
	pc = xmlRelaxNGNewDocParserCtxt(doc);
	xmlRelaxNGSetParserStructuredErrors(pc, report_xml_error, &er);
	ld->org_quick = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
out:
	if (ld->org_quick == NULL) {
		for (size_t i = 0; i < ld->norg_groups; i++)
			free(ld->org_groups[i].elem);
		free(ld->org_groups);
		ld->org_groups = NULL;
		ld->norg_groups = 0;
	}
	if (doc)
		xmlFreeDoc(doc);
}

/*
 * Validates doc (the organization, or a part of it under a copy of its
 * root) against the organization's grammar in linear time, adding its
 * children to the groups' counts; with last, the counts are complete and
 * are judged too. 0 when it cannot tell (no quick grammar) or finds a
 * fault, which the whole grammar then explains.
 */
static int
quick_org_part(struct kb_loader *ld, xmlDocPtr doc, int last)
{
	struct errs er = {NULL, 0, 1, NULL, 0};
	xmlRelaxNGValidCtxtPtr vc;
	xmlNode *root = xmlDocGetRootElement(doc);
	size_t i;

	if (ld->org_quick == NULL || root == NULL)
		return 0;
	for (xmlNode *c = root->children; c != NULL; c = c->next)
		for (i = 0; c->type == XML_ELEMENT_NODE && i < ld->norg_groups; i++)
			if (is_elem(c, ld->org_groups[i].elem)) {
				ld->org_groups[i].n++;
				break;
			}
	for (i = 0; last && i < ld->norg_groups; i++)
		if ((ld->org_groups[i].min1 && ld->org_groups[i].n == 0) ||
		    (ld->org_groups[i].max1 && ld->org_groups[i].n > 1))
			return 0;
	vc = xmlRelaxNGNewValidCtxt(ld->org_quick);
	xmlRelaxNGSetValidStructuredErrors(vc, report_xml_error, &er);
	xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return er.n == 0;
}

/*
 * 1 when the organization doc is valid by the quick schema and its
 * children come as often as their groups allow: then the real schema
 * finds it valid too. 0 says nothing (validate it with the real schema).
 */
static int
quick_org_valid(struct kb_loader *ld, xmlDocPtr doc)
{
	for (size_t i = 0; i < ld->norg_groups; i++)
		ld->org_groups[i].n = 0;
	return quick_org_part(ld, doc, 1);
}

/* 1 when attribute name has exactly the value v. */
static int
flag_attr(const xmlNode *n, const char *name, const char *v)
{
	char *s = get(n, name);
	int r = s != NULL && strcmp(s, v) == 0;

	free(s);
	return r;
}

/* Parses a date attribute (already checked by the schema); zero date when absent. */
static struct kb_date
date_attr(const xmlNode *n, const char *name)
{
	struct kb_date d = {0, 0, 0};
	char *s = get(n, name);

	if (s != NULL && kb_date_parse(s, &d) != 0)
		d.y = d.m = d.d = 0;
	free(s);
	return d;
}

static int
rank_of(const char *s, enum kb_rank *r)
{
	static const char *const names[] = {"mayor", "vice-mayor", "department-head",
	                                    "division-head", "staff"};
	for (int i = 0; i < 5; i++)
		if (s != NULL && strcmp(s, names[i]) == 0) {
			*r = (enum kb_rank)i;
			return 0;
		}
	return -1;
}

const struct kb_nom_kind_info kb_nom_kinds[KB_NOM_COUNT] = {
    [KB_NOM_DX_PROMOTER] = {"dx-promoter", KB_ART_DX_PROMOTER, KB_ROLE_INFO_MANAGER,
                            KB_ROLE_DX_PROMOTER, "DX推進員"},
    [KB_NOM_SUBCOMMITTEE_MEMBER] = {"subcommittee-member", KB_ART_SUBCOMMITTEE_MEMBER,
                                    KB_ROLE_COMMITTEE_CHAIR, KB_ROLE_SUBCOMMITTEE_MEMBER, "部会員"},
    [KB_NOM_SUBCOMMITTEE_CHAIR] = {"subcommittee-chair", KB_ART_SUBCOMMITTEE_CHAIR,
                                   KB_ROLE_COMMITTEE_CHAIR, KB_ROLE_SUBCOMMITTEE_CHAIR, "部会長"},
    /* working-group-member: the 部会長 or a 部会員 of the parent subcommittee. */
    [KB_NOM_WG_MEMBER] = {"working-group-member", KB_ART_WG_MEMBER, KB_ROLE_SUBCOMMITTEE_MEMBER,
                          KB_ROLE_WG_MEMBER, "構成員"},
    [KB_NOM_WG_CONVENER] = {"working-group-convener", KB_ART_WG_CONVENER,
                            KB_ROLE_SUBCOMMITTEE_CHAIR, KB_ROLE_WG_CONVENER, "座長"},
    [KB_NOM_CSIRT_MEMBER] = {"csirt-member", KB_ART_CSIRT, KB_ROLE_CIO, KB_ROLE_CSIRT_MEMBER,
                             "CSIRT構成員"},
};

const char *const kb_plan_kind_names[3] = {"new", "renewal", "modification"};

enum kb_nom_kind
kb_nom_kind_parse(const char *name)
{
	for (int k = 0; name != NULL && k < KB_NOM_COUNT; k++)
		if (strcmp(kb_nom_kinds[k].name, name) == 0)
			return (enum kb_nom_kind)k;
	return KB_NOM_NONE;
}

enum kb_nom_kind
kb_nom_kind_granting(enum kb_role role)
{
	for (int k = 0; k < KB_NOM_COUNT; k++)
		if (kb_nom_kinds[k].role == role)
			return (enum kb_nom_kind)k;
	return KB_NOM_NONE;
}

int
kb_body_find(const struct kb_org *org, const char *id)
{
	for (size_t i = 0; id != NULL && i < org->nbodies; i++)
		if (strcmp(org->bodies[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
kb_system_find(const struct kb_org *org, const char *id)
{
	for (size_t i = 0; id != NULL && i < org->nsystems; i++)
		if (strcmp(org->systems[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
kb_unit_by_function(const struct kb_org *org, const char *function)
{
	for (size_t i = 0; i < org->nunits; i++)
		if (org->units[i].function != NULL && strcmp(org->units[i].function, function) == 0)
			return (int)i;
	return -1;
}

/* Resolves a space-separated list of unit ids; reports each unknown one (of record, or NULL). */
static int *
unit_list(struct kb_org *org, const char *file, const xmlNode *n, const char *attrname,
          size_t *count, int *bad, const char *record)
{
	char *s = get(n, attrname);
	gchar **parts;
	int *out;
	size_t k = 0;

	*count = 0;
	if (s == NULL)
		return NULL;
	parts = g_strsplit_set(s, " \t\n", -1);
	out = kb_calloc(g_strv_length(parts) + 1, sizeof(int));
	for (gchar **p = parts; *p != NULL; p++) {
		int u;
		if (**p == '\0')
			continue;
		u = kb_unit_find(org, *p);
		if (u < 0) {
			kb_diagc(KB_D_REF_UNIT, &(struct kb_loc){file, kb_line(n), record},
			         "%s=\"%s\": no unit has this id", attrname, *p);
			(*bad)++;
			continue;
		}
		out[k++] = u;
	}
	g_strfreev(parts);
	free(s);
	*count = k;
	return out;
}

/* ---- the organization -------------------------------------------------- */

static void
add_unit(struct kb_org *org, size_t *cap, const char *file, xmlNode *n, int parent)
{
	struct kb_unit *u;

	kb_grow((void **)&org->units, cap, org->nunits + 1, sizeof(*org->units));
	u = &org->units[org->nunits++];
	memset(u, 0, sizeof(*u));
	u->id = get(n, "id");
	u->name = get(n, "name");
	u->kind = parent < 0 ? get(n, "kind") : NULL;
	u->division = parent >= 0;
	u->parent = parent;
	u->function = get(n, "function");
	u->phone = get(n, "phone");
	u->mail = get(n, "mail");
	u->src = (struct kb_src){file, kb_line(n)};
}

/* Reads a <post> (organization) or the <post> of an appointment (record: its id, else NULL). */
static int
read_post(struct kb_org *org, const char *file, xmlNode *n, enum kb_rank *rank, char **title,
          int *unit, int **charge, size_t *ncharge, const char *record)
{
	int bad = 0;
	char *r = get(n, "rank"), *u = get(n, "unit");

	if (rank_of(r, rank) != 0) {
		kb_diagc(KB_D_SCHEMA_INVALID, &(struct kb_loc){file, kb_line(n), record},
		         "rank=\"%s\": expected mayor, vice-mayor, department-head, division-head "
		         "or staff",
		         r ? r : "");
		bad++;
	}
	*title = get(n, "title");
	*unit = -1;
	if (u != NULL) {
		*unit = kb_unit_find(org, u);
		if (*unit < 0) {
			kb_diagc(KB_D_REF_UNIT, &(struct kb_loc){file, kb_line(n), record},
			         "unit=\"%s\": no department or division has this id", u);
			bad++;
		}
	}
	*charge = unit_list(org, file, n, "charge", ncharge, &bad, record);
	free(r);
	free(u);
	return bad;
}

static void record_from(struct kb_input *in, const char *file, xmlNode *n, int standing,
                        int schema_invalid);

/*
 * What the schema cannot say about an organization: each function at most
 * once, posts in the right kind of unit (info-officer 部長 in departments, info-manager
 * 課長 and staff in divisions, a vice-mayor's charge of departments), and
 * one holder per head post. Returns the number of problems (all fatal).
 */
static int
check_org_structure(const struct kb_org *org)
{
	int bad = 0;

	for (size_t i = 0; i < org->nunits; i++)
		for (size_t j = 0; j < i; j++)
			if (org->units[i].function && org->units[j].function &&
			    strcmp(org->units[i].function, org->units[j].function) == 0) {
				kb_diagc(KB_D_ORG_FUNCTION_UNIQUE,
				         &(struct kb_loc){org->units[i].src.file,
				                          org->units[i].src.line, NULL},
				         "function=\"%s\" is already given to %s (line %ld); each "
				         "function "
				         "names one unit",
				         org->units[i].function, org->units[j].id,
				         org->units[j].src.line);
				bad++;
			}
	for (size_t i = 0; i < org->nposts; i++) {
		const struct kb_post *p = &org->posts[i];
		const struct kb_unit *u = p->unit >= 0 ? &org->units[p->unit] : NULL;
		const char *why = NULL;
		enum kb_art article = KB_ART_NONE;
		const int *same;
		size_t nsame;

		if ((p->rank == KB_RANK_DIV_HEAD || p->rank == KB_RANK_STAFF) &&
		    (u == NULL || !u->division))
			why = "課長級・職員の職は課等（division）に置きます",
			article = KB_ART_INFO_MANAGER;
		else if (p->rank == KB_RANK_DEPT_HEAD && (u == NULL || u->division))
			why = "部長級の職は部等（department）に置きます",
			article = KB_ART_INFO_OFFICER;
		else if ((p->rank == KB_RANK_MAYOR || p->rank == KB_RANK_VICE_MAYOR) && u != NULL)
			why = "市長・副市長の職は unit を持ちません（副市長は charge "
			      "で担当を示します）";
		for (size_t k = 0; k < p->ncharge && why == NULL; k++)
			if (org->units[p->charge[k]].division)
				why = "副市長の担当（charge）は部等です", article = KB_ART_CIO;
		if (why != NULL) {
			kb_diagc_art(KB_D_ORG_POST_UNIT,
			             &(struct kb_loc){p->src.file, p->src.line, NULL}, article,
			             "%s", why);
			bad++;
			continue;
		}
		if (p->rank == KB_RANK_STAFF || p->rank == KB_RANK_VICE_MAYOR)
			continue;
		same = kb_posts_of_rank(org, (int)p->rank, &nsame);
		for (size_t j = 0; j < nsame && (size_t)same[j] < i; j++) {
			const struct kb_post *q = &org->posts[same[j]];
			if (q->unit == p->unit) {
				kb_diagc(KB_D_ORG_POST_HOLDER,
				         &(struct kb_loc){p->src.file, p->src.line, NULL},
				         "this post already has a holder (%s, line %ld); a head "
				         "post has one "
				         "holder — use a 兼務 post or an appointment",
				         org->persons[q->person].id, q->src.line);
				bad++;
				break;
			}
		}
	}
	return bad;
}

/*
 * The regulation as a profile: each <article key="" cite=""/> of
 * <regulation> overrides the default citation of its provision. An
 * unknown or repeated key is fatal: the documents would cite the wrong
 * article without a word. Returns the number of errors.
 */
static int
read_profile(struct kb_org *org, const char *file, const xmlNode *reg)
{
	int bad = 0;

	for (const xmlNode *a = reg->children; a != NULL; a = a->next) {
		char *key, *cite;
		enum kb_art k;
		if (!is_elem(a, "article"))
			continue;
		key = get(a, "key"), cite = get(a, "cite");
		k = kb_art_find(key);
		if (k == KB_ART__MAX) {
			const char *keys[KB_ART__MAX], *near;
			for (int i = 0; i < KB_ART__MAX; i++)
				keys[i] = kb_art_key((enum kb_art)i);
			near = kb_near_miss(key ? key : "", keys + 1, KB_ART__MAX - 1);
			kb_diagc(KB_D_ORG_ARTICLE_KEY, &(struct kb_loc){file, kb_line(a), NULL},
			         "<article key=\"%s\">: kobun knows no such provision%s%s%s; the "
			         "keys are %s",
			         key ? key : "", near ? " (did you mean \"" : "", near ? near : "",
			         near ? "\"?)" : "", kb_art_keys());
			bad++;
			free(cite);
		} else if (org->cite[k] != NULL) {
			kb_diagc(KB_D_ORG_ARTICLE_KEY, &(struct kb_loc){file, kb_line(a), NULL},
			         "<article key=\"%s\">: given twice (cite=\"%s\" already)", key,
			         org->cite[k]);
			bad++;
			free(cite);
		} else
			org->cite[k] = cite;
		free(key);
	}
	/* A profile given in part can leave a default citing what the city put elsewhere. */
	for (int a = 1; a < KB_ART__MAX && bad == 0; a++)
		for (int b = a + 1; b < KB_ART__MAX; b++) {
			const char *ca = kb_art_cite(org->cite, (enum kb_art)a);
			const char *ka = kb_art_key((enum kb_art)a),
			           *kb = kb_art_key((enum kb_art)b);
			const char *left = org->cite[a] == NULL   ? ka
			                   : org->cite[b] == NULL ? kb
			                                          : NULL;
			if ((org->cite[a] == NULL && org->cite[b] == NULL) ||
			    strcmp(ca, kb_art_cite(org->cite, (enum kb_art)b)) != 0)
				continue;
			if (left != NULL)
				kb_diagc(
				    KB_D_ORG_ARTICLE_SAME,
				    &(struct kb_loc){file, kb_line(reg), NULL},
				    "<regulation>: \"%s\" and \"%s\" both cite %s, \"%s\" by the "
				    "default numbering; give <article key=\"%s\" cite=\"…\"/> with "
				    "where your regulation puts it",
				    ka, kb, ca, left, left);
			else
				kb_diagc(
				    KB_D_ORG_ARTICLE_SAME,
				    &(struct kb_loc){file, kb_line(reg), NULL},
				    "<regulation>: \"%s\" and \"%s\" are both given cite=\"%s\"; "
				    "check that your regulation puts both there",
				    ka, kb, ca);
		}
	return bad;
}

/* A <person>. */
static void
org_person(struct kb_org *org, size_t *cap, const char *file, const xmlNode *c)
{
	struct kb_person *p;

	kb_grow((void **)&org->persons, cap, org->npersons + 1, sizeof(*p));
	p = &org->persons[org->npersons++];
	p->id = get(c, "id");
	p->family = get(c, "family");
	p->given = get(c, "given");
	p->family_kana = get(c, "family-kana");
	p->given_kana = get(c, "given-kana");
	p->src = (struct kb_src){file, kb_line(c)};
}

/* A <system>, managed by the head of its division; returns the problems found. */
static int
org_system(struct kb_org *org, size_t *cap, const char *file, const xmlNode *c)
{
	struct kb_system *s;
	char *div = get(c, "division");
	int bad = 0;

	kb_grow((void **)&org->systems, cap, org->nsystems + 1, sizeof(*s));
	s = &org->systems[org->nsystems++];
	s->id = get(c, "id");
	s->name = get(c, "name");
	s->division = kb_unit_find(org, div);
	s->src = (struct kb_src){file, kb_line(c)};
	if (s->division < 0 || !org->units[s->division].division) {
		kb_diagc_art(KB_D_REF_UNIT, &(struct kb_loc){file, kb_line(c), NULL},
		             KB_ART_SYSTEM_MANAGER, "system %s: division=\"%s\" is not a division",
		             s->id, div ? div : "");
		bad++;
	}
	free(div);
	return bad;
}

/* A <subcommittee> or <working-group> (its parent is resolved once all are known). */
static int
org_body(struct kb_org *org, size_t *cap, const char *file, const xmlNode *c)
{
	struct kb_body *b;
	int bad = 0;

	kb_grow((void **)&org->bodies, cap, org->nbodies + 1, sizeof(*b));
	b = &org->bodies[org->nbodies++];
	memset(b, 0, sizeof(*b));
	b->id = get(c, "id");
	b->name = get(c, "name");
	b->wg = is_elem(c, "working-group");
	b->parent = -1;
	b->src = (struct kb_src){file, kb_line(c)};
	if (b->wg)
		b->divisions = unit_list(org, file, c, "divisions", &b->ndivisions, &bad, NULL);
	return bad;
}

/* An <authority>; when="" (prefecture and ministry only): by default a ministry hears of grave
 * incidents, a prefecture of every one. */
static int
org_authority(struct kb_org *org, size_t *cap, const char *file, const xmlNode *c)
{
	struct kb_authority *a;
	char *when = get(c, "when");
	int bad = 0;

	kb_grow((void **)&org->authorities, cap, org->nauthorities + 1, sizeof(*a));
	a = &org->authorities[org->nauthorities++];
	a->id = get(c, "id");
	a->kind = get(c, "kind");
	a->name = get(c, "name");
	a->addressee = get(c, "addressee");
	a->src = (struct kb_src){file, kb_line(c)};
	a->grave_only =
	    when != NULL ? strcmp(when, "grave") == 0 : strcmp(a->kind, "ministry") == 0;
	if (when != NULL && strcmp(a->kind, "privacy-commission") == 0) {
		kb_diagc(KB_D_ORG_AUTHORITY_WHEN, &(struct kb_loc){file, kb_line(c), NULL},
		         "<authority id=\"%s\" kind=\"privacy-commission\"> に when= は書けません。"
		         "個人情報保護委員会への報告は個人情報保護法第68条第1項が決めます。"
		         "when=\"%s\" を消してください",
		         a->id ? a->id : "", when);
		bad++;
	}
	free(when);
	return bad;
}

/* A <document-code>: division="" names a division, department="" a department. */
static int
org_document_code(struct kb_org *org, const char *file, const xmlNode *c)
{
	char *dept = get(c, "department");
	const char *attr = dept ? "department" : "division";
	char *div = dept ? dept : get(c, "division");
	int u = kb_unit_find(org, div), bad = 0;

	if (u < 0 || org->units[u].division != (dept == NULL)) {
		kb_diagc(KB_D_REF_UNIT, &(struct kb_loc){file, kb_line(c), NULL},
		         "document-code: %s=\"%s\" is no %s of the organization", attr,
		         div ? div : "", attr);
		bad++;
	} else {
		free(org->units[u].doc_prefix);
		org->units[u].doc_prefix = get(c, "prefix");
	}
	free(div);
	return bad;
}

/* The house settings of <policy>; path is organization.xml's, which register="" is relative to. */
static void
org_policy(struct kb_org *org, const char *path, const xmlNode *c)
{
	char *s;

	if ((s = get(c, "honorific")) != NULL) {
		free(org->honorific);
		org->honorific = s;
	}
	org->digits_full = flag_attr(c, "digits", "full");
	org->seal_box = flag_attr(c, "seal", "box");
	org->era_seireki = flag_attr(c, "era", "wareki+seireki");
	org->protect_cio = flag_attr(c, "protect", "cio");
	if ((s = get(c, "editable")) != NULL) {
		free(org->editable);
		org->editable = s;
	}
	if ((s = get(c, "docx-font")) != NULL) {
		free(org->docx_font);
		org->docx_font = s;
	}
	if ((s = get(c, "editable-format")) != NULL) {
		free(org->editable_format);
		org->editable_format = s;
	}
	/* The schema allows a decimal from 0 to 1 only. */
	s = get(c, "latin-space");
	org->latin_space = s ? strtod(s, NULL) : 0;
	free(s);
	/* One register per organization: relative to organization.xml, not to the cwd. */
	if ((s = get(c, "register")) != NULL) {
		free(org->register_path);
		if (s[0] == '/')
			org->register_path = s;
		else {
			char *dir = g_path_get_dirname(path);
			org->register_path = kb_asprintf("%s/%s", dir, s);
			g_free(dir);
			free(s);
		}
	}
}

/* A <post> held on the base date. */
static int
org_post(struct kb_org *org, const char *file, xmlNode *c)
{
	struct kb_post *p;
	char *who = get(c, "person");
	int bad = 0;

	kb_grow((void **)&org->posts, &org->capposts, org->nposts + 1, sizeof(*p));
	p = &org->posts[org->nposts++];
	memset(p, 0, sizeof(*p));
	p->person = kb_person_find(org, who);
	if (p->person < 0) {
		kb_diagc(KB_D_REF_PERSON, &(struct kb_loc){file, kb_line(c), NULL},
		         "post: person=\"%s\" does not exist", who ? who : "");
		bad++;
	}
	free(who);
	bad +=
	    read_post(org, file, c, &p->rank, &p->title, &p->unit, &p->charge, &p->ncharge, NULL);
	p->acting = flag_attr(c, "acting", "true");
	p->from = org->base;
	p->by = p->ended_by = -1;
	p->src = (struct kb_src){file, kb_line(c)};
	return bad;
}

/* Working groups name their subcommittee: resolved once all bodies are known. */
static int
org_wg_parents(struct kb_org *org, const char *file, const xmlNode *root)
{
	int bad = 0;

	for (const xmlNode *c = root->children; c != NULL; c = c->next) {
		if (!is_elem(c, "working-group"))
			continue;
		char *id = get(c, "id"), *sc = get(c, "subcommittee");
		int b = kb_body_find(org, id), p = kb_body_find(org, sc);
		if (p < 0 || org->bodies[p].wg) {
			kb_diagc_art(KB_D_REF_BODY, &(struct kb_loc){file, kb_line(c), NULL},
			             KB_ART_WORKING_GROUP,
			             "working group %s: subcommittee=\"%s\" is not a subcommittee",
			             id, sc ? sc : "");
			bad++;
		} else
			org->bodies[b].parent = p;
		free(id);
		free(sc);
	}
	return bad;
}

/*
 * organization.xml as it is read. Departments, persons and posts (nearly
 * all of a big organization) are taken by the batch as they end: checked
 * against the grammar under a copy of the root, loaded, freed. The rest is
 * kept for kb_load_org's loops, and so is every post from the first that
 * names a person or unit not read yet (posts stay in document order).
 * Anything the batch check or the file's shape would not let through
 * stops the streaming, and the file is read again whole, the old way, so
 * that its faults are explained in full.
 */
struct org_stream {
	struct kb_loader *ld;
	struct kb_org *org;
	const char *file;
	size_t ucap, pcap; /* capacities of org->units and org->persons */
	xmlDocPtr batch;   /* the elements taken since the last flush, under a copy of the root */
	size_t nbatch;
	xmlDocPtr held; /* posts that wait, under a root of their own */
	int whole;      /* keep everything: no streaming (or no more) */
	int again;      /* what was streamed must be read again whole */
	int bad;        /* faults the loaded elements had */
};

#define ORG_BATCH 256

/* An empty document sharing doc's dictionary (nodes move between them), with a copy of root. */
static xmlDocPtr
share_doc(xmlDocPtr doc, const xmlNode *root)
{
	xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");

	d->dict = doc->dict;
	if (d->dict != NULL)
		xmlDictReference(d->dict);
	xmlDocSetRootElement(d, xmlDocCopyNode((xmlNode *)root, d, 2));
	return d;
}

/* 1 when every person and unit post c names is known now. */
static int
post_ready(const struct kb_org *org, const xmlNode *c)
{
	char *who = get(c, "person"), *unit = get(c, "unit"), *charge = get(c, "charge");
	int ok = kb_person_find(org, who) >= 0 && (unit == NULL || kb_unit_find(org, unit) >= 0);

	if (ok && charge != NULL) {
		gchar **parts = g_strsplit_set(charge, " \t\n", -1);
		for (gchar **p = parts; ok && *p != NULL; p++)
			ok = **p == '\0' || kb_unit_find(org, *p) >= 0;
		g_strfreev(parts);
	}
	free(who), free(unit), free(charge);
	return ok;
}

/* Checks and loads the batch, then frees it (posts that wait move to held). */
static void
org_flush(struct org_stream *st)
{
	xmlNode *broot = st->batch ? xmlDocGetRootElement(st->batch) : NULL;

	if (broot == NULL)
		return;
	if (!quick_org_part(st->ld, st->batch, 0)) {
		st->whole = st->again = 1;
	} else {
		st->bad += check_limits(st->file, broot->children, 1, NULL) > 0;
		for (xmlNode *c = broot->children, *next; c != NULL; c = next) {
			next = c->next;
			check_glyphs(st->ld, st->file, c, NULL);
			if (is_elem(c, "department")) {
				int dep = (int)st->org->nunits;
				add_unit(st->org, &st->ucap, st->file, c, -1);
				for (xmlNode *d = c->children; d != NULL; d = d->next)
					if (is_elem(d, "division"))
						add_unit(st->org, &st->ucap, st->file, d, dep);
			} else if (is_elem(c, "person")) {
				org_person(st->org, &st->pcap, st->file, c);
			} else if (st->held == NULL && post_ready(st->org, c)) {
				st->bad += org_post(st->org, st->file, c);
			} else {
				if (st->held == NULL)
					st->held = share_doc(st->batch, broot);
				xmlUnlinkNode(c);
				xmlAddChild(xmlDocGetRootElement(st->held), c);
			}
		}
	}
	xmlFreeDoc(st->batch);
	st->batch = NULL;
	st->nbatch = 0;
}

/* Parser hook: takes every child of the root so far (see struct org_stream). */
static void
org_children(void *arg, xmlNode *root)
{
	struct org_stream *st = arg;

	if (st->whole)
		return;
	for (xmlNode *c = root->children, *next; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE &&
		    (is_elem(c, "department") || is_elem(c, "person") || is_elem(c, "post"))) {
			if (st->batch == NULL)
				st->batch = share_doc(root->doc, root);
			xmlUnlinkNode(c);
			xmlAddChild(xmlDocGetRootElement(st->batch), c);
			if (++st->nbatch >= ORG_BATCH)
				org_flush(st);
		} else if (c->type == XML_ELEMENT_NODE) {
			continue; /* kept for kb_load_org */
		} else if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) {
			st->whole = st->again = 1; /* the grammar will say so, reading it whole */
			return;
		} else {
			/* Blank text, comments: no text node is left last for libxml2 to append to.
			 */
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		if (st->whole)
			return;
	}
}

/* Frees the units, persons and posts and their index, leaving none. */
static void
org_forget(struct kb_org *org)
{
	for (size_t i = 0; i < org->nunits; i++) {
		struct kb_unit *u = &org->units[i];
		free(u->id), free(u->name), free(u->kind), free(u->function);
		free(u->phone), free(u->mail), free(u->doc_prefix);
	}
	free(org->units);
	for (size_t i = 0; i < org->npersons; i++) {
		struct kb_person *p = &org->persons[i];
		free(p->id), free(p->family), free(p->given), free(p->family_kana),
		    free(p->given_kana);
	}
	free(org->persons);
	for (size_t i = 0; i < org->nposts; i++)
		free(org->posts[i].title), free(org->posts[i].charge);
	free(org->posts);
	org->units = NULL, org->persons = NULL, org->posts = NULL;
	org->nunits = org->npersons = org->nposts = org->capposts = 0;
	kb_org_index_free(org->ix);
	org->ix = NULL;
}

int
kb_load_org(struct kb_loader *ld, const char *path, struct kb_input *in)
{
	struct kb_org *org = &in->org;
	struct org_stream st = {ld, org, NULL, 0, 0, NULL, 0, NULL, 0, 0, 0};
	struct parse_hooks ph = {0};
	xmlDocPtr doc;
	xmlNode *root;
	size_t scap = 0, bcap = 0, acap = 0;
	int bad = 0, valid;
	const char *file;

	kb_grow((void **)&in->files, &in->capfiles, in->nfiles + 1, sizeof(char *));
	file = in->files[in->nfiles++] = kb_strdup(path);
	org->file = kb_strdup(path);
	org->ix = kb_org_index_new();
	st.file = file;
	st.whole = ld->org_quick == NULL;
	for (size_t i = 0; i < ld->norg_groups; i++)
		ld->org_groups[i].n = 0;
	ph.child_end = org_children;
	ph.arg = &st;
	doc = read_xml(path, &ph, NULL);
	if (!st.whole)
		org_flush(&st);
	if (doc != NULL && st.held != NULL && !st.again) {
		/* The posts that waited come last, in their order, as the loop below wants. */
		root = xmlDocGetRootElement(doc);
		for (xmlNode *c = xmlDocGetRootElement(st.held)->children, *next; c != NULL;
		     c = next) {
			next = c->next;
			xmlUnlinkNode(c);
			xmlAddChild(root, c);
		}
	}
	if (st.batch)
		xmlFreeDoc(st.batch);
	if (st.held)
		xmlFreeDoc(st.held);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	valid = quick_org_part(ld, doc, 1);
	if (st.again || (!st.whole && !valid)) {
		/* Read it whole, from nothing, for the grammar to explain its faults. */
		xmlFreeDoc(doc);
		org_forget(org);
		org->ix = kb_org_index_new();
		st.ucap = st.pcap = 0;
		st.bad = 0;
		doc = read_xml(path, NULL, NULL);
		if (doc == NULL)
			return -1;
		root = xmlDocGetRootElement(doc);
		valid = quick_org_valid(ld, doc);
	}
	if ((!valid && validate(ld->org_schema, ld->org_grammar, doc, root, file, NULL) > 0) ||
	    check_limits(file, root, 0, NULL) > 0 || st.bad > 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	check_glyphs(ld, file, root, NULL);
	/* From here on, diagnostics cite the articles as this organization numbers them. */
	kb_diag_set_profile(org->cite);
	org->name = get(root, "name");
	org->prefecture = get(root, "prefecture");
	org->base = date_attr(root, "base-date");
	org->honorific = kb_strdup("様");

	/* Units first: everything else refers to them (those streamed are loaded already). */
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		if (!is_elem(c, "department"))
			continue;
		int dep = (int)org->nunits;
		add_unit(org, &st.ucap, file, c, -1);
		for (xmlNode *d = c->children; d != NULL; d = d->next)
			if (is_elem(d, "division"))
				add_unit(org, &st.ucap, file, d, dep);
	}
	for (xmlNode *c = root->children; c != NULL; c = c->next) {
		if (is_elem(c, "regulation")) {
			org->regulation = get(c, "title");
			org->regulation_number = get(c, "number");
			org->committee = get(c, "committee");
			bad += read_profile(org, file, c);
		} else if (is_elem(c, "person"))
			org_person(org, &st.pcap, file, c);
		else if (is_elem(c, "system"))
			bad += org_system(org, &scap, file, c);
		else if (is_elem(c, "subcommittee") || is_elem(c, "working-group"))
			bad += org_body(org, &bcap, file, c);
		else if (is_elem(c, "authority"))
			bad += org_authority(org, &acap, file, c);
		else if (is_elem(c, "document-code"))
			bad += org_document_code(org, file, c);
		else if (is_elem(c, "policy"))
			org_policy(org, path, c);
	}
	bad += org_wg_parents(org, file, root);
	/* Posts held on the base date, once every person is known. */
	for (xmlNode *c = root->children; c != NULL; c = c->next)
		if (is_elem(c, "post"))
			bad += org_post(org, file, c);
	bad += check_org_structure(org);
	if (kb_unit_by_function(org, "information-policy") < 0) {
		kb_diagc(KB_D_ORG_INFO_POLICY, &(struct kb_loc){file, kb_line(root), NULL},
		         "no division has function=\"information-policy\" (情報政策課)");
		bad++;
	}
	if (org->regulation == NULL)
		org->regulation = kb_asprintf("%s情報化の推進に関する規程", org->name);
	/* Standing nominations are records dated on or before the base date. */
	for (xmlNode *c = root->children; c != NULL; c = c->next)
		if (is_elem(c, "standing"))
			for (xmlNode *s = c->children; s != NULL; s = s->next)
				if (s->type == XML_ELEMENT_NODE)
					record_from(in, file, s, 1, 0);
	/* Everything is in the structs now; what was streamed was never held whole. */
	xmlFreeDoc(doc);
	return bad ? -1 : 0;
}

/* ---- records ------------------------------------------------------------ */

/* Resolves a person reference of a record; reports and rejects when dangling. */
static int
person_ref(struct kb_input *in, struct kb_record *r, const xmlNode *n, const char *attrname)
{
	char *id = get(n, attrname);
	int p;

	if (id == NULL)
		return -1;
	p = kb_person_find(&in->org, id);
	if (p < 0) {
		kb_diagc(KB_D_REF_PERSON, &(struct kb_loc){r->src.file, kb_line(n), r->id},
		         "%s=\"%s\": organization.xml has no person with this id", attrname, id);
		r->rejected = 1;
	}
	free(id);
	return p;
}

static int
unit_ref(struct kb_input *in, struct kb_record *r, const xmlNode *n, const char *attrname)
{
	char *id = get(n, attrname);
	int u;

	if (id == NULL)
		return -1;
	u = kb_unit_find(&in->org, id);
	if (u < 0) {
		kb_diagc(KB_D_REF_UNIT, &(struct kb_loc){r->src.file, kb_line(n), r->id},
		         "%s=\"%s\": organization.xml has no unit with this id", attrname, id);
		r->rejected = 1;
	}
	free(id);
	return u;
}

/*
 * Reports an at="" that is no real instant (2027-02-29T10:00) and rejects
 * the record; a real one is rewritten as JST wall-clock time, once, so
 * that every later stage (dates, deadlines, fiscal years, templates)
 * reads the Japanese date of an instant given with another offset.
 */
static void
bad_instant(struct kb_input *in, struct kb_record *r, xmlNode *n)
{
	char *at;
	long long t;
	char jst[17];

	(void)in;
	/*
	 * A value not of the form YYYY-MM-DDThh:mm (hour 24 included) is the
	 * schema's to explain (explain.c); once it has, the rejected record's
	 * at="" is not judged a second time.
	 */
	if (r->schema_invalid || n == NULL)
		return;
	at = get(n, "at");
	if (at != NULL && strlen(at) >= 16 && at[10] == 'T' &&
	    (kb_instant_parse(at, &t) != 0 || kb_instant_jst(t, jst) != 0)) {
		kb_diagc(KB_D_BAD_INSTANT, &(struct kb_loc){r->src.file, kb_line(n), r->id},
		         "at=\"%s\": no such date and time", at);
		r->rejected = 1;
	} else if (at != NULL && strlen(at) > 16)
		xmlSetProp(n, (const xmlChar *)"at", (const xmlChar *)jst);
	free(at);
}

/*
 * Rejects r when a date attribute of n or below (the schema's t.date:
 * date, until, issued, on) is a valid xsd:date kobun cannot print: the
 * Japanese calendar of dates starts on 1873-01-01 (wareki.c), so year
 * 0001 would otherwise be read as no date at all.
 */
static void
bad_dates(struct kb_record *r, xmlNode *n)
{
	static const char *const names[] = {"date", "until", "issued", "on"};
	struct kb_date d;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *s = get(n, names[i]);
		/* Not a calendar date (02-30) is the schema's to report; a year before 1873 is
		 * ours. */
		if (s != NULL && strlen(s) == 10 && kb_date_parse(s, &d) != 0 && atoi(s) < 1873) {
			kb_diagc(KB_D_BAD_DATE, &(struct kb_loc){r->src.file, kb_line(n), r->id},
			         "%s=\"%s\": kobun dates documents from 1873-01-01 "
			         "(明治6年, the Gregorian calendar in Japan) on",
			         names[i], s);
			r->rejected = 1;
		}
		free(s);
	}
	for (xmlNode *c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			bad_dates(r, c);
}

/* ---- incidents and system plans ---------------------------------------------- */

const char *const kb_category_names[KB_CAT_COUNT] = {
    "malware",     "unauthorized-access", "information-leak", "loss-theft",
    "misdelivery", "misconfiguration",    "service-outage",   "other"};
const char *const kb_status_names[3] = {"open", "contained", "resolved"};
const char *const kb_report_names[3] = {"preliminary", "final", "revision"};

/* The index of v in names[0..n), or def when absent or unknown. */
static int
enum_attr(const xmlNode *n, const char *attrname, const char *const *names, int count, int def)
{
	char *v = get(n, attrname);
	int r = def;

	for (int i = 0; v != NULL && i < count; i++)
		if (strcmp(names[i], v) == 0)
			r = i;
	free(v);
	return r;
}

enum kb_audience
kb_audience_label(const xmlNode *n)
{
	char *a = get(n, "audience");
	enum kb_audience r = KB_AUD_PUBLIC;

	if (a != NULL)
		/* Unknown labels (the schema allows none) are treated as the narrowest. */
		r = strcmp(a, "authorities") == 0 ? KB_AUD_AUTHORITIES : KB_AUD_CIO;
	free(a);
	return r;
}

/* The audience in force at element n, whose enclosing elements give outer. */
static enum kb_audience
audience_at(const xmlNode *n, enum kb_audience outer)
{
	enum kb_audience r = kb_audience_label(n);

	return r > outer ? r : outer;
}

/* A text child of an incident; text stays NULL when n is NULL. */
static struct kb_text
text_of(const char *file, const xmlNode *n, enum kb_audience outer)
{
	struct kb_text t = {NULL, outer, {file, 0}};
	xmlChar *c;

	if (n == NULL)
		return t;
	c = xmlNodeGetContent(n);
	t.text = kb_strdup(c ? (const char *)c : "");
	xmlFree(c);
	t.audience = audience_at(n, outer);
	t.src.line = kb_line(n);
	return t;
}

/*
 * An at="" instant of element n (NULL: absent); an impossible one is
 * reported and rejects r, one with an offset is read as JST (bad_instant).
 */
static struct kb_instant
instant_of(struct kb_input *in, struct kb_record *r, xmlNode *n, enum kb_audience outer)
{
	struct kb_instant t = {0, 0, NULL, {0, 0, 0}, outer, {r->src.file, 0}};

	if (n == NULL)
		return t;
	bad_instant(in, r, n);
	t.text = get(n, "at");
	t.valid = t.text != NULL && kb_instant_parse(t.text, &t.at) == 0;
	if (t.text == NULL || kb_date_parse(t.text, &t.day) != 0)
		t.day = (struct kb_date){0, 0, 0};
	t.audience = audience_at(n, outer);
	t.src.line = kb_line(n);
	return t;
}

/* A count attribute (digits only, by the schema); 0 when absent. */
static int64_t
count_attr(const xmlNode *n, const char *name)
{
	char *v = get(n, name);
	int64_t r = v ? (int64_t)strtoll(v, NULL, 10) : 0;

	free(v);
	return r;
}

static void
load_impact(struct kb_input *in, struct kb_record *r, const xmlNode *n, enum kb_audience outer,
            struct kb_impact *im)
{
	char *pr;

	(void)in;
	memset(im, 0, sizeof(*im));
	im->audience = outer;
	im->src = (struct kb_src){r->src.file, 0};
	if (n == NULL)
		return;
	im->audience = audience_at(n, outer);
	im->src.line = kb_line(n);
	/* Suspected counts as true (「おそれ」): the input says "true" for it. */
	im->sensitive = flag_attr(n, "sensitive", "true");
	im->property_damage_risk = flag_attr(n, "property-damage-risk", "true");
	im->unauthorized_purpose = flag_attr(n, "unauthorized-purpose", "true");
	im->ordinance_sensitive = flag_attr(n, "ordinance-sensitive", "true");
	im->my_number = flag_attr(n, "my-number", "true");
	im->encrypted = flag_attr(n, "encrypted", "true");
	im->external = flag_attr(n, "external", "true");
	im->service_down_minutes = count_attr(n, "service-down-minutes");
	/* The schema allows 15 digits; more persons than live on Earth is a typing error. */
	pr = get(n, "personal-records");
	if (pr != NULL) {
		errno = 0;
		long long v = strtoll(pr, NULL, 10);
		if (errno != 0 || v < 0 || v > KB_MAX_PERSONS) {
			kb_diagc(KB_D_PERSONS_LIMIT,
			         &(struct kb_loc){r->src.file, kb_line(n), r->id},
			         "personal-records=\"%s\": more than %lld persons; give the number "
			         "of persons "
			         "concerned (本人の数)",
			         pr, KB_MAX_PERSONS);
			r->rejected = 1;
		} else
			im->personal_records = v;
	}
	free(pr);
}

/* <personal-data> (pd stays empty without one). */
static void
load_personal(const char *file, const xmlNode *n, struct kb_personal_data *pd)
{
	const xmlNode *pub = n ? child(n, "published") : NULL;

	memset(pd, 0, sizeof(*pd));
	if (n == NULL)
		return;
	pd->present = 1;
	pd->audience = audience_at(n, KB_AUD_PUBLIC);
	pd->items = text_of(file, child(n, "items"), pd->audience);
	pd->secondary_damage = text_of(file, child(n, "secondary-damage"), pd->audience);
	pd->persons_notice = text_of(file, child(n, "persons-notice"), pd->audience);
	pd->published_audience = pd->audience;
	if (pub != NULL) {
		pd->published = date_attr(pub, "on");
		pd->published_audience = audience_at(pub, pd->audience);
	}
}

/* Every <sent> of an incident; a to="" that names no authority rejects the record. */
static void
load_sent(struct kb_input *in, struct kb_record *r, const xmlNode *n, struct kb_incident *inc)
{
	size_t cap = 0;

	for (xmlNode *c = n->children; c != NULL; c = c->next) {
		struct kb_sent *s;
		char *to, *rev;
		if (!is_elem(c, "sent"))
			continue;
		kb_grow((void **)&inc->sent, &cap, inc->nsent + 1, sizeof(*inc->sent));
		s = &inc->sent[inc->nsent++];
		memset(s, 0, sizeof(*s));
		to = get(c, "to");
		s->authority = -1;
		for (size_t a = 0; to != NULL && a < in->org.nauthorities; a++)
			if (strcmp(in->org.authorities[a].id, to) == 0)
				s->authority = (int)a;
		if (s->authority < 0) {
			kb_diagc(KB_D_REF_AUTHORITY,
			         &(struct kb_loc){r->src.file, kb_line(c), r->id},
			         "to=\"%s\": organization.xml has no authority with this id",
			         to ? to : "");
			r->rejected = 1;
		}
		free(to);
		s->report = (enum kb_report)enum_attr(c, "report", kb_report_names, 3, 0);
		rev = get(c, "revision");
		s->revision = rev ? atoi(rev) : 0;
		free(rev);
		s->on = date_attr(c, "on");
		s->ref = get(c, "ref");
		s->audience = audience_at(c, KB_AUD_PUBLIC);
		s->src = (struct kb_src){r->src.file, kb_line(c)};
	}
}

/* Reads an incident's typed content from its element; references are checked as they are read. */
static struct kb_incident *
load_incident(struct kb_input *in, struct kb_record *r, const xmlNode *n)
{
	struct kb_incident *inc = kb_calloc(1, sizeof(*inc));
	const char *file = r->src.file;
	xmlNode *rec = child(n, "recognized"), *div = child(n, "division"),
	        *sys = child(n, "systems"), *tl = child(n, "timeline"),
	        *disc = child(n, "disclosure");
	enum kb_audience tla = tl ? audience_at(tl, KB_AUD_PUBLIC) : KB_AUD_PUBLIC;
	size_t cap = 0;

	inc->severity =
	    enum_attr(n, "severity", (const char *const[]){"1", "2", "3", "4"}, 4, 0) + 1;
	inc->category = (enum kb_category)enum_attr(n, "category", kb_category_names, KB_CAT_COUNT,
	                                            KB_CAT_OTHER);
	inc->status = (enum kb_status)enum_attr(n, "status", kb_status_names, 3, KB_STATUS_OPEN);
	inc->recognized_by = inc->division = -1;
	/* The schema's pattern allows 29 February in every year; the calendar does not. */
	inc->occurred = instant_of(in, r, child(n, "occurred"), KB_AUD_PUBLIC);
	inc->recognized = instant_of(in, r, rec, KB_AUD_PUBLIC);
	for (xmlNode *e = tl ? tl->children : NULL; e != NULL; e = e->next) {
		if (!is_elem(e, "event"))
			continue;
		kb_grow((void **)&inc->events, &cap, inc->nevents + 1, sizeof(*inc->events));
		inc->events[inc->nevents++] = instant_of(in, r, e, tla);
	}
	if (rec != NULL)
		inc->recognized_by = person_ref(in, r, rec, "by");
	if (div != NULL) {
		inc->division = unit_ref(in, r, div, "ref");
		inc->division_audience = audience_at(div, KB_AUD_PUBLIC);
		inc->division_src = (struct kb_src){file, kb_line(div)};
	}
	cap = 0;
	for (xmlNode *s = sys ? sys->children : NULL; s != NULL; s = s->next) {
		char *id;
		int k;
		if (!is_elem(s, "system"))
			continue;
		id = get(s, "ref");
		k = kb_system_find(&in->org, id);
		if (k < 0) {
			kb_diagc(
			    KB_D_REF_SYSTEM, &(struct kb_loc){file, kb_line(s), r->id},
			    "ref=\"%s\": organization.xml has no information system with this id",
			    id ? id : "");
			r->rejected = 1;
		} else {
			kb_grow((void **)&inc->systems, &cap, inc->nsystems + 1,
			        sizeof(*inc->systems));
			inc->systems[inc->nsystems++] = (struct kb_inc_system){
			    k, audience_at(s, audience_at(sys, KB_AUD_PUBLIC))};
		}
		free(id);
	}
	load_impact(in, r, child(n, "impact"), KB_AUD_PUBLIC, &inc->impact);
	inc->title = text_of(file, child(n, "title"), KB_AUD_PUBLIC);
	inc->summary = text_of(file, child(n, "summary"), KB_AUD_PUBLIC);
	inc->cause = text_of(file, child(n, "cause"), KB_AUD_PUBLIC);
	inc->response = text_of(file, child(n, "response"), KB_AUD_PUBLIC);
	inc->prevention = text_of(file, child(n, "prevention"), KB_AUD_PUBLIC);
	inc->detail = text_of(file, child(n, "detail"), KB_AUD_PUBLIC);
	inc->issued = date_attr(n, "issued");
	load_personal(file, child(n, "personal-data"), &inc->personal);
	load_sent(in, r, n, inc);
	if (disc != NULL) {
		inc->has_disclosure = 1;
		inc->decision = (enum kb_disclosure)enum_attr(
		    disc, "decision", (const char *const[]){"auto", "publish", "withhold"}, 3, 0);
		inc->decision_reason = get(disc, "reason");
		/* CIO-only content whatever its label (documents.md). */
		inc->disclosure_audience = KB_AUD_CIO;
	}
	return inc;
}

static void
free_text(struct kb_text *t)
{
	free(t->text);
}

static void
free_incident(struct kb_incident *inc)
{
	if (inc == NULL)
		return;
	free(inc->occurred.text), free(inc->recognized.text);
	for (size_t i = 0; i < inc->nevents; i++)
		free(inc->events[i].text);
	free(inc->events);
	free(inc->systems);
	free_text(&inc->title), free_text(&inc->summary), free_text(&inc->cause);
	free_text(&inc->response), free_text(&inc->prevention), free_text(&inc->detail);
	free(inc->decision_reason);
	free_text(&inc->personal.items), free_text(&inc->personal.secondary_damage);
	free_text(&inc->personal.persons_notice);
	for (size_t i = 0; i < inc->nsent; i++)
		free(inc->sent[i].ref);
	free(inc->sent);
	free(inc);
}

/* Whether element n holds nothing but white space. */
static int
blank(const xmlNode *n)
{
	xmlChar *s = n ? xmlNodeGetContent(n) : NULL;
	int r = 1;

	for (const xmlChar *p = s; p != NULL && *p != '\0'; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			r = 0;
			break;
		}
	xmlFree(s);
	return r;
}

/* The text of element n, white space runs made one space and trimmed; "" for NULL. */
static char *
collapsed_text(const xmlNode *n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	kb_buf b = {0};
	int space = 0;

	for (const char *p = (const char *)t; p != NULL && *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			kb_buf_puts(&b, " ");
		space = 0;
		kb_buf_put(&b, p, 1);
	}
	xmlFree(t);
	return kb_buf_take(&b);
}

/* Reads a system plan's typed content from its element. */
static struct kb_sysplan *
load_plan(struct kb_input *in, struct kb_record *r, const xmlNode *n)
{
	struct kb_sysplan *p = kb_calloc(1, sizeof(*p));
	xmlNode *dec = child(n, "decision"), *conf = child(n, "conformity");
	char *sys = get(n, "system");

	p->kind = (enum kb_plan_kind)enum_attr(n, "kind", kb_plan_kind_names, 3, KB_PLAN_NEW);
	p->system = kb_system_find(&in->org, sys);
	p->planner = person_ref(in, r, n, "planner");
	p->division = unit_ref(in, r, n, "division");
	p->decided_by = -1;
	p->issued = date_attr(n, "issued");
	p->name = collapsed_text(child(n, "name"));
	p->conformity_blank = blank(conf);
	p->conformity_src = (struct kb_src){r->src.file, conf ? kb_line(conf) : 0};
	if (dec != NULL) {
		p->decided_by = person_ref(in, r, dec, "by");
		p->decided = date_attr(dec, "date");
		p->result = (enum kb_decision)(
		    1 + enum_attr(dec, "result",
		                  (const char *const[]){"approved", "rejected", "conditional"}, 3,
		                  0));
		p->decision_src = (struct kb_src){r->src.file, kb_line(dec)};
	}
	if (sys != NULL && p->system < 0) {
		kb_diagc(KB_D_REF_SYSTEM, &(struct kb_loc){r->src.file, r->src.line, r->id},
		         "system=\"%s\": organization.xml has no information system with this id",
		         sys);
		r->rejected = 1;
	}
	free(sys);
	return p;
}

/* Element n as written, UTF-8 without a declaration, for the context stage to parse again. */
static char *
serialized(xmlNode *n)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlSaveCtxtPtr sc = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_NO_DECL);
	char *s;

	xmlSaveTree(sc, n);
	xmlSaveClose(sc);
	s = kb_strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

/* Fills a record from its (already validated) element. */
static void
record_from(struct kb_input *in, const char *file, xmlNode *n, int standing, int schema_invalid)
{
	struct kb_record *r;
	char *rev;

	kb_grow((void **)&in->records, &in->caprecords, in->nrecords + 1, sizeof(*r));
	r = &in->records[in->nrecords];
	memset(r, 0, sizeof(*r));
	r->order = (int)in->nrecords++;
	r->standing = standing;
	r->rejected = r->schema_invalid = schema_invalid;
	r->src = (struct kb_src){file, kb_line(n)};
	r->id = get(n, "id");
	r->revision = 1;
	r->body = r->post_unit = r->person = r->nominator = r->nominee = -1;
	r->scope = -1;
	r->nom_kind = KB_NOM_NONE;
	if ((rev = get(n, "revision")) != NULL) {
		r->revision = atoi(rev);
		free(rev);
	}
	if (is_elem(n, "appointment")) {
		xmlNode *post = child(n, "post");
		r->kind = KB_REC_APPOINTMENT;
		r->date = date_attr(n, "date");
		r->until = date_attr(n, "until");
		r->person = person_ref(in, r, n, "person");
		r->leaves = get(n, "leaves");
		r->cio_assistant = flag_attr(n, "role", "cio-assistant");
		r->concurrent = flag_attr(n, "concurrent", "true");
		r->acting =
		    flag_attr(n, "acting", "true") || (post && flag_attr(post, "acting", "true"));
		if (post != NULL) {
			int bad;
			r->has_post = 1;
			bad = read_post(&in->org, file, post, &r->post_rank, &r->post_title,
			                &r->post_unit, &r->post_charge, &r->npost_charge, r->id);
			if (bad)
				r->rejected = 1;
		}
		if (r->leaves != NULL && strcmp(r->leaves, "all") != 0)
			unit_ref(in, r, n, "leaves");
	} else if (is_elem(n, "nomination")) {
		char *body = get(n, "body");
		r->kind = KB_REC_NOMINATION;
		r->date = date_attr(n, "date");
		r->until = date_attr(n, "until");
		{
			char *k = get(n, "kind");
			r->nom_kind = kb_nom_kind_parse(k);
			free(k);
		}
		r->nominator = person_ref(in, r, n, "nominator");
		r->nominee = person_ref(in, r, n, "nominee");
		if (body != NULL) {
			r->body = kb_body_find(&in->org, body);
			if (r->body < 0) {
				kb_diagc(KB_D_REF_BODY, &(struct kb_loc){file, r->src.line, r->id},
				         "body=\"%s\": organization.xml has no subcommittee or "
				         "working group "
				         "with this id",
				         body);
				r->rejected = 1;
			}
		}
		free(body);
	} else if (is_elem(n, "incident")) {
		r->kind = KB_REC_INCIDENT;
		r->inc = load_incident(in, r, n);
		r->date = r->inc->recognized.day;
	} else if (is_elem(n, "system-plan")) {
		r->kind = KB_REC_SYSTEM_PLAN;
		r->date = date_attr(n, "date");
		r->plan = load_plan(in, r, n);
	}
	bad_dates(r, n);
	if (r->kind == KB_REC_NOMINATION && r->until.y != 0 && r->date.y != 0 &&
	    kb_date_cmp(&r->until, &r->date) < 0) {
		kb_diagc(KB_D_UNTIL_BEFORE_DATE, &(struct kb_loc){file, r->src.line, r->id},
		         "until=\"%04d-%02d-%02d\" is before date=\"%04d-%02d-%02d\": the "
		         "nomination would end before it begins",
		         r->until.y, r->until.m, r->until.d, r->date.y, r->date.m, r->date.d);
		r->rejected = 1;
	}
	/* Last: loading rewrites instants given with an offset into JST (bad_instant). */
	r->xml = serialized(n);
}

/* The id attribute of a record element, for messages before it is loaded. */
static char *
peek_id(const xmlNode *n)
{
	return get(n, "id");
}

/* A record file as it is read: its records are taken as each one ends. */
struct stream {
	struct kb_loader *ld;
	struct kb_input *in;
	const char *file;
	int root_seen; /* the root was checked */
	int root_bad;  /* not <records version="1">: nothing in it is read */
	size_t read;   /* records taken */
};

/* 0 when root is <records version="1">; else reports and returns -1. */
static int
check_root(struct stream *st, const xmlNode *root)
{
	char *version;
	int bad = 0;

	if (root == NULL || !is_elem(root, "records")) {
		kb_diagc(KB_D_RECORDS_ROOT,
		         &(struct kb_loc){st->file, root ? kb_line(root) : 0, NULL},
		         "the root element must be <records version=\"1\">");
		bad = -1;
	} else if ((version = get(root, "version")) == NULL || strcmp(version, "1") != 0) {
		kb_diagc(KB_D_RECORDS_VERSION, &(struct kb_loc){st->file, kb_line(root), NULL},
		         "<records> needs version=\"1\" (this kobun reads input format version 1)");
		free(version);
		bad = -1;
	} else
		free(version);
	if (bad)
		st->in->files_rejected++;
	return bad;
}

/* Reads one child n of <records>: a record, or what may not stand between records. */
static void
take(struct stream *st, xmlNode *n)
{
	static const char *const kinds[] = {"appointment", "nomination", "incident", "system-plan"};
	struct kb_input *in = st->in;
	const char *file = st->file;
	xmlDocPtr one;
	int nerr;
	char *id;
	size_t k;

	if (n->type == XML_TEXT_NODE && xmlIsBlankNode(n))
		return;
	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return;
	if (n->type != XML_ELEMENT_NODE) {
		kb_diagc(KB_D_STRAY_TEXT, &(struct kb_loc){file, kb_line(n), NULL},
		         "text is not allowed between records");
		in->files_rejected++;
		return;
	}
	st->read++;
	id = peek_id(n);
	for (k = 0; k < 4; k++)
		if (is_elem(n, kinds[k]))
			break;
	if (k == 4) {
		kb_diagc(KB_D_UNKNOWN_RECORD, &(struct kb_loc){file, kb_line(n), id},
		         "unknown record <%s>: expected appointment, nomination, incident or "
		         "system-plan",
		         n->name);
		/* Kept as a rejected record so the count of rejections is right. */
		kb_grow((void **)&in->records, &in->caprecords, in->nrecords + 1,
		        sizeof(*in->records));
		memset(&in->records[in->nrecords], 0, sizeof(*in->records));
		in->records[in->nrecords].id = id;
		in->records[in->nrecords].src = (struct kb_src){file, kb_line(n)};
		in->records[in->nrecords].order = (int)in->nrecords;
		in->records[in->nrecords].rejected = 1;
		in->records[in->nrecords].kind = KB_REC_NOMINATION;
		in->records[in->nrecords].nom_kind = KB_NOM_NONE;
		in->nrecords++;
		return;
	}
	/*
	 * Limits first: a value past them is not worth validating (a pattern
	 * over megabytes). Then validate a copy of the record alone, so its
	 * siblings are judged on their own.
	 */
	nerr = check_attr_limits(file, n, id) + check_limits(file, n->children, 1, id);
	if (nerr == 0) {
		one = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(one, xmlDocCopyNode(n, one, 1));
		copy_lines(n, xmlDocGetRootElement(one));
		nerr = validate(st->ld->record_schema, st->ld->record_grammar, one, n, file, id);
		xmlFreeDoc(one);
		if (nerr == 0)
			check_glyphs(st->ld, file, n, id);
	}
	record_from(in, file, n, 0, nerr > 0);
	free(id);
}

/*
 * Parser hook: every child of root so far is whole (the last one just
 * ended); read each, then free it, so that a file's tree never holds more
 * than one record. All of them go: libxml2 may append the next text to a
 * text node left last.
 */
static void
take_children(void *arg, xmlNode *root)
{
	struct stream *st = arg;

	if (!st->root_seen) {
		st->root_seen = 1;
		st->root_bad = check_root(st, root) != 0;
	}
	for (xmlNode *n = root ? root->children : NULL, *next; n != NULL; n = next) {
		next = n->next;
		if (!st->root_bad)
			take(st, n);
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

void
kb_load_records(struct kb_loader *ld, const char *path, struct kb_input *in)
{
	struct stream st = {ld, in, NULL, 0, 0, 0};
	struct parse_hooks ph = {0};
	xmlDocPtr doc;
	long broken = 0;

	kb_grow((void **)&in->files, &in->capfiles, in->nfiles + 1, sizeof(char *));
	st.file = in->files[in->nfiles++] = kb_strdup(path);
	ph.child_end = take_children;
	ph.arg = &st;
	doc = read_xml(path, &ph, &broken);
	if (doc == NULL) {
		/* What ended before the first error is read; the rest of the file is lost. */
		if (broken > 0 && st.read > 0)
			kb_diagc(KB_D_NOT_WELL_FORMED, &(struct kb_loc){st.file, broken, NULL},
			         "the records from the first error on are not read; the ones that "
			         "end before it are");
		in->files_rejected++;
		return;
	}
	/* The root, if no record ended in it, and whatever follows the last record. */
	take_children(&st, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
}

/* ---- cross-record checks and order -------------------------------------- */

static int
apply_cmp(const void *a, const void *b)
{
	const struct kb_record *x = a, *y = b;
	int c;

	if (x->standing != y->standing)
		return y->standing - x->standing;
	c = kb_date_cmp(&x->date, &y->date);
	if (c != 0)
		return c;
	if ((x->kind == KB_REC_APPOINTMENT) != (y->kind == KB_REC_APPOINTMENT))
		return x->kind == KB_REC_APPOINTMENT ? -1 : 1;
	return x->order - y->order;
}

/* Registers r's id; reports a clash with an organization id or an earlier record. */
static void
unique_id(GHashTable *orgids, GHashTable *seen, GHashTable *revs, struct kb_record *r)
{
	const struct kb_src *o;
	struct kb_record *prev;

	if (r->id == NULL)
		return;
	if (kb_output_reserved(r->id)) {
		kb_diagc(KB_D_RESERVED_ID, &(struct kb_loc){r->src.file, r->src.line, r->id},
		         "id %s is a name kobun writes in the output directory itself; choose "
		         "another id",
		         r->id);
		r->rejected = 1;
		return;
	}
	if ((o = g_hash_table_lookup(orgids, r->id)) != NULL) {
		kb_diagc(KB_D_UNIQUE_ID, &(struct kb_loc){r->src.file, r->src.line, r->id},
		         "id %s is already used by the organization at %s:%ld", r->id, o->file,
		         o->line);
		r->rejected = 1;
		return;
	}
	prev = g_hash_table_lookup(seen, r->id);
	if (prev == NULL) {
		g_hash_table_insert(seen, r->id, r);
		g_hash_table_insert(revs, kb_asprintf("%s#%d", r->id, r->revision), r);
		return;
	}
	/* An incident or a system plan may come again, once per revision. */
	if (prev->kind == r->kind &&
	    (r->kind == KB_REC_INCIDENT || r->kind == KB_REC_SYSTEM_PLAN)) {
		char *key = kb_asprintf("%s#%d", r->id, r->revision);
		struct kb_record *same = g_hash_table_lookup(revs, key);
		if (same == NULL) {
			g_hash_table_insert(revs, key, r);
			return;
		}
		free(key);
		kb_diagc(
		    KB_D_UNIQUE_ID, &(struct kb_loc){r->src.file, r->src.line, r->id},
		    "revision %d of %s is already given at %s:%ld (a new revision needs a higher "
		    "revision=\"N\")",
		    r->revision, r->id, same->src.file, same->src.line);
		r->rejected = 1;
		return;
	}
	kb_diagc(KB_D_UNIQUE_ID, &(struct kb_loc){r->src.file, r->src.line, r->id},
	         "id %s is already used at %s:%ld%s", r->id, prev->src.file, prev->src.line,
	         (r->kind == KB_REC_INCIDENT || r->kind == KB_REC_SYSTEM_PLAN)
	             ? " (a new revision needs a higher revision=\"N\")"
	             : "");
	r->rejected = 1;
}

/* Registers an organization id; a second use is fatal (references would be ambiguous). */
static void
org_id(GHashTable *orgids, const char *id, const struct kb_src *src)
{
	const struct kb_src *prev = g_hash_table_lookup(orgids, id);

	if (prev != NULL) {
		kb_diagc(KB_D_ORG_UNIQUE_ID, &(struct kb_loc){src->file, src->line, NULL},
		         "id %s is already used at line %ld of the organization", id, prev->line);
		return;
	}
	g_hash_table_insert(orgids, (gpointer)id, (gpointer)src);
}

void
kb_input_finish(struct kb_input *in)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *orgids = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *revs = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	struct kb_org *org = &in->org;

	/* Organization ids share the namespace of record ids, and are unique among themselves. */
	for (size_t i = 0; i < org->nunits; i++)
		org_id(orgids, org->units[i].id, &org->units[i].src);
	for (size_t i = 0; i < org->npersons; i++)
		org_id(orgids, org->persons[i].id, &org->persons[i].src);
	for (size_t i = 0; i < org->nsystems; i++)
		org_id(orgids, org->systems[i].id, &org->systems[i].src);
	for (size_t i = 0; i < org->nbodies; i++)
		org_id(orgids, org->bodies[i].id, &org->bodies[i].src);
	for (size_t i = 0; i < org->nauthorities; i++)
		org_id(orgids, org->authorities[i].id, &org->authorities[i].src);
	for (size_t i = 0; i < in->nrecords; i++) {
		struct kb_record *r = &in->records[i];
		if (r->xml == NULL)
			continue; /* an unknown element, already rejected */
		unique_id(orgids, seen, revs, r);
		if (r->date.y == 0)
			continue; /* the schema already complained */
		if (!r->standing && kb_date_cmp(&r->date, &org->base) < 0) {
			kb_diagc(KB_D_DATE_BASE, &(struct kb_loc){r->src.file, r->src.line, r->id},
			         "dated %04d-%02d-%02d, before the organization's base-date "
			         "%04d-%02d-%02d; "
			         "use an organization.xml valid on that date",
			         r->date.y, r->date.m, r->date.d, org->base.y, org->base.m,
			         org->base.d);
			r->rejected = 1;
		}
		if (r->standing && kb_date_cmp(&r->date, &org->base) > 0) {
			kb_diagc(KB_D_ORG_STANDING_DATE,
			         &(struct kb_loc){r->src.file, r->src.line, r->id},
			         "a standing nomination must be dated on or before base-date");
			r->rejected = 1;
		}
	}
	g_hash_table_destroy(seen);
	g_hash_table_destroy(orgids);
	g_hash_table_destroy(revs);
	if (in->nrecords > 1)
		qsort(in->records, in->nrecords, sizeof(*in->records), apply_cmp);
}

void
kb_input_free(struct kb_input *in)
{
	struct kb_org *org = &in->org;

	org_forget(org);
	for (size_t i = 0; i < org->nsystems; i++)
		free(org->systems[i].id), free(org->systems[i].name);
	free(org->systems);
	for (size_t i = 0; i < org->nbodies; i++)
		free(org->bodies[i].id), free(org->bodies[i].name), free(org->bodies[i].divisions);
	free(org->bodies);
	for (size_t i = 0; i < org->nauthorities; i++) {
		struct kb_authority *a = &org->authorities[i];
		free(a->id), free(a->kind), free(a->name), free(a->addressee);
	}
	free(org->authorities);
	free(org->name), free(org->prefecture), free(org->regulation), free(org->regulation_number);
	free(org->committee);
	if (kb_diag_profile() == org->cite)
		kb_diag_set_profile(NULL);
	for (int a = 0; a < KB_ART__MAX; a++)
		free(org->cite[a]);
	free(org->honorific), free(org->file), free(org->register_path);
	free(org->editable), free(org->docx_font), free(org->editable_format);
	for (size_t i = 0; i < in->nrecords; i++) {
		struct kb_record *r = &in->records[i];
		free(r->id), free(r->post_title), free(r->post_charge), free(r->leaves);
		free(r->xml);
		free_incident(r->inc);
		if (r->plan)
			free(r->plan->name);
		free(r->plan);
		kb_policy_free(r->res.policy);
	}
	free(in->records);
	for (size_t i = 0; i < in->nfiles; i++)
		free(in->files[i]);
	free(in->files);
	memset(in, 0, sizeof(*in));
}

/* ---- INPUT arguments ------------------------------------------------------ */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int
kb_input_collect(const char *org_opt, char *const *args, int nargs, char ***files, size_t *nfiles,
                 char **org)
{
	size_t cap = 0;

	*files = NULL;
	*nfiles = 0;
	*org = org_opt ? kb_strdup(org_opt) : NULL;
	for (int i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) != 0) {
			kb_diagc(KB_D_INPUT_UNREADABLE, &(struct kb_loc){args[i], 0, NULL},
			         "cannot read: %s", strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			DIR *d = opendir(args[i]);
			struct dirent *e;
			char **names = NULL;
			size_t n = 0, ncap = 0;
			if (d == NULL) {
				kb_diagc(KB_D_INPUT_UNREADABLE, &(struct kb_loc){args[i], 0, NULL},
				         "cannot read the directory: %s", strerror(errno));
				return -1;
			}
			while ((e = readdir(d)) != NULL) {
				struct stat es;
				char *path;
				if (e->d_name[0] == '.' || !ends_with(e->d_name, ".xml"))
					continue;
				path = kb_asprintf("%s/%s", args[i], e->d_name);
				/* A FIFO would block the read forever, a device never end: skip
				 * them. */
				if (stat(path, &es) == 0 && !S_ISREG(es.st_mode)) {
					kb_diagc(KB_D_FILE_UNREADABLE,
					         &(struct kb_loc){path, 0, NULL},
					         "not a regular file (a directory, FIFO, socket or "
					         "device): skipped");
					free(path);
					continue;
				}
				kb_grow((void **)&names, &ncap, n + 1, sizeof(char *));
				names[n++] = path;
			}
			closedir(d);
			if (n > 1)
				qsort(names, n, sizeof(char *), cmp_str);
			for (size_t k = 0; k < n; k++) {
				if (strcmp(base_name(names[k]), "organization.xml") == 0) {
					if (*org == NULL)
						*org = names[k];
					else
						free(names[k]);
					continue;
				}
				kb_grow((void **)files, &cap, *nfiles + 1, sizeof(char *));
				(*files)[(*nfiles)++] = names[k];
			}
			free(names);
		} else if (org_opt == NULL && strcmp(base_name(args[i]), "organization.xml") == 0 &&
		           *org == NULL) {
			*org = kb_strdup(args[i]);
		} else if (org_opt != NULL && strcmp(args[i], org_opt) == 0) {
			continue;
		} else {
			kb_grow((void **)files, &cap, *nfiles + 1, sizeof(char *));
			(*files)[(*nfiles)++] = kb_strdup(args[i]);
		}
	}
	if (*org == NULL) {
		kb_diagc(KB_D_NO_ORG, NULL,
		         "no organization.xml in the input directories; name it with --org FILE");
		return -1;
	}
	return 0;
}
