/* explain.h — schema errors a clerk can act on: what the grammar allows, read from kobun's own
 * RELAX NG files. */
#ifndef KB_EXPLAIN_H
#define KB_EXPLAIN_H

#include <stddef.h>

struct _xmlNode;
struct kb_grammar;

/*
 * Reads the grammar at path (and the grammars it includes) into an index
 * of every element: its attributes (required or not, with their type or
 * list of values) and the elements it may contain. Returns NULL when the
 * file cannot be read (the caller has already loaded it with libxml2's
 * RELAX NG parser, so this does not happen with kobun's own schemas).
 */
struct kb_grammar *kb_grammar_load(const char *path);
void kb_grammar_free(struct kb_grammar *g);

/*
 * Explains why the element n (of file, in record; record may be NULL) and
 * what it contains do not match the grammar: for each unknown or missing
 * attribute or element, and each value of the wrong form, one
 * [schema-invalid] diagnostic that names it, the value given, what is
 * allowed and, for a near miss, what was probably meant, at the line of
 * the attribute. Returns the number of diagnostics; 0 when it finds
 * nothing it can explain (the caller then reports libxml2's own words).
 */
int kb_grammar_explain(const struct kb_grammar *g, struct _xmlNode *n, const char *file,
                       const char *record);

/* Levenshtein distance of two byte strings (used for "did you mean"). */
int kb_edit_distance(const char *a, const char *b);
/* The candidate nearest to s when it is a near miss (a typo), else NULL; borrowed from cand. */
const char *kb_near_miss(const char *s, const char *const *cand, size_t n);

#endif
