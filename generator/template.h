/* template.h — applies the XSLT template of a document kind to its context document (libxslt). */
#ifndef KB_TEMPLATE_H
#define KB_TEMPLATE_H

struct _xmlDoc;
struct kb_templates;

/* The namespace of kobun's XSLT extension functions (kb:wareki, kb:kansuji, kb:zenkaku). */
#define KB_XSLT_NS "urn:kobun:xslt"

/*
 * Registers the extension functions, forbids templates to write files or
 * reach the network, and prepares to load DATADIR/templates/KIND.xsl on
 * first use (each stylesheet is compiled once per process). Owned by the
 * caller.
 */
struct kb_templates *kb_templates_new(const char *datadir);
void kb_templates_free(struct kb_templates *t);

/*
 * Applies the template of kind to ctx. Returns the document tree (caller
 * owns), or NULL after reporting an error that names the template.
 */
struct _xmlDoc *kb_template_apply(struct kb_templates *t, const char *kind, struct _xmlDoc *ctx);

/*
 * Validates a document tree against DATADIR/schema/document.rng, reporting
 * each problem at name:line as a template bug. Returns 0 when valid.
 */
int kb_tree_validate(struct kb_templates *t, struct _xmlDoc *tree, const char *name);

/* The path of the template of kind, for diagnostics (owned by t). */
const char *kb_template_path(struct kb_templates *t, const char *kind);

#endif
