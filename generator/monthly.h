/* monthly.h — the monthly report to the CIO: its place in the register and its context (the month's
 * incidents, deadlines, nominations and roster). */
#ifndef KB_MONTHLY_H
#define KB_MONTHLY_H

struct kb_input;
struct kb_plan;
struct kb_doc;
struct _xmlDoc;

/*
 * Plans the monthly report of year-month as a plan of one document
 * (kind monthly-report, cio audience, issued on the month's last day,
 * path monthly/YYYY-MM.pdf, register key monthly-YYYY-MM), numbered
 * under the information-policy division's code by the same numbering
 * step as every other document (kb_register_assign). The caller frees
 * out with kb_plan_free.
 */
void kb_monthly_plan(const struct kb_input *in, int year, int month, struct kb_plan *out);

/*
 * Builds the context document of the monthly report for year-month from
 * the loaded input, the plan of the documents the records call for (what
 * was issued and when; may be NULL) and the report's own planned document
 * md (kb_monthly_plan: its 文書番号 or none, correction, draft). The
 * caller owns the result.
 */
struct _xmlDoc *kb_monthly_context(const struct kb_input *in, const struct kb_plan *plan, int year,
                                   int month, const struct kb_doc *md);

#endif
