/* monthly.h — the context of the monthly report to the CIO: the month's incidents, deadlines, nominations and roster. */
#ifndef KB_MONTHLY_H
#define KB_MONTHLY_H

struct kb_input;
struct kb_plan;
struct kb_register;
struct _xmlDoc;

/*
 * Builds the context document of the monthly report for year-month from
 * the loaded input, the plan of the documents the records call for (what
 * was issued and when) and the register (its numbers; may be NULL).
 * number is the report's own 文書番号 or NULL. The caller owns the result.
 */
struct _xmlDoc *kb_monthly_context(const struct kb_input *in, const struct kb_plan *plan,
                                   int year, int month, const char *number);

#endif
