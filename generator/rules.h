/* rules.h — the rules of the regulation checked against the records, each citing its article. */
#ifndef KB_RULES_H
#define KB_RULES_H

struct kb_input;

/*
 * The rules themselves (id, article, what each asks) are entries of the
 * catalogue of diagnostics flagged KB_DF_RULE (diag.h), one list for the
 * rules and every other diagnostic.
 */

/*
 * Checks of appointments that need no posts (unit kinds, CIO補佐官 terms);
 * call before kb_roles_apply so a rejected appointment moves nobody.
 */
void kb_rules_pre(struct kb_input *in);

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
