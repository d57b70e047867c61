/* resolve.h — the resolve pass: per record, once, the scope, role holders and incident policy its
 * rules and documents need. */
#ifndef KB_RESOLVE_H
#define KB_RESOLVE_H

#include <stddef.h>

struct kb_input;

/*
 * Fills in->records[i].res (and .scope) as of the record's date: the
 * CIO, the nominee's and nominator's standing, the DX推進員's division,
 * the chairs of the bodies concerned, the planning division's 課長, and
 * an incident's policy. Role membership counts the records before i
 * that are still accepted, so call it for each record in application
 * order after the records before it were judged, and after
 * kb_roles_apply. A standing nomination gets its scope on the base date
 * only; rejected records are left alone. kb_check_run (rules.h) does
 * this.
 */
void kb_resolve_record(struct kb_input *in, size_t i);

#endif
