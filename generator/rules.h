/* rules.h — the rules of the regulation checked against the records, each citing its article. */
#ifndef KB_RULES_H
#define KB_RULES_H

struct kb_input;

/*
 * Checks every accepted record against the rules of the regulation as of
 * its date (posts must already be applied, kb_roles_apply). Reports each
 * violation as [rule-id] 第N条第M項 and marks the record rejected.
 */
void kb_rules_check(struct kb_input *in);

/* The article a nomination kind rests on ("第8条第2項"), or NULL for an unknown kind. */
const char *kb_rules_nomination_article(const char *kind);
/* The role a nomination kind confers ("DX推進員"), or NULL. */
const char *kb_rules_nomination_role(const char *kind);

#endif
