/* rules.h — the rules of the regulation checked against the records, each citing its article. */
#ifndef KB_RULES_H
#define KB_RULES_H

struct kb_input;

/* One rule: a stable id, the article it enforces (NULL for structural rules) and what it asks. */
struct kb_rule {
	const char *id;
	const char *article;
	const char *text;
};
/* Every rule kobun checks, ending with an entry whose id is NULL. */
extern const struct kb_rule kb_rules[];

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

#endif
