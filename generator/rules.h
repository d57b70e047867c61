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
 * The check stage, once every file is loaded: the cross-record checks and
 * order (kb_input_finish); the checks of appointments that need no posts
 * (unit kinds, CIO補佐官 terms), so a rejected appointment moves nobody;
 * the appointments applied to the posts (kb_roles_apply); then, record by
 * record in application order, the resolve pass (kb_resolve_record) and
 * the rules of the regulation judged on what it found. Each violation is
 * reported as [rule-id] 第N条第M項 and rejects its record. Returns 0, or
 * -1 when a fatal diagnostic stops the run.
 */
int kb_check_run(struct kb_input *in);

#endif
