/* roster.h — the 体制表: every role of the regulation on a date, its holder, the post it hangs on, the article, and vacancies. */
#ifndef KB_ROSTER_H
#define KB_ROSTER_H

#include <stddef.h>

#include "wareki.h"

struct kb_input;
struct _xmlDoc;

/* One line of the roster. Strings are owned by the roster. */
struct kb_roster_row {
	const char *group;     /* the heading it belongs to ("情報化推進委員会") */
	const char *role;      /* role name ("委員長") */
	char *scope;           /* the unit, system or body it is for; NULL */
	int person;            /* index into org persons; -1 when vacant */
	char *post;            /* the holder's 職名 the role hangs on or their main post; NULL */
	const char *article;   /* "第11条第4項" */
	char *basis;           /* how they hold it: 充て職, a nomination id, an appointment id */
	char *note;            /* why vacant, or when it ended and why; NULL */
	struct kb_date since;  /* held since (y == 0 when unknown or vacant) */
	struct kb_date ended;  /* ended rows: the first day no longer held; else y == 0 */
	int optional;          /* an empty row that is no vacancy (第4条: 置くことができる) */
};

struct kb_roster {
	struct kb_date date;
	struct kb_roster_row *rows; /* current roles, in regulation order */
	size_t nrows, cap;
	struct kb_roster_row *ended; /* nominated or appointed roles that ended on or before date */
	size_t nended, capended;
	int vacancies;               /* rows with person == -1 that are not optional */
};

/* Builds the roster of in on date d (records up to d count). The caller frees it with kb_roster_free. */
void kb_roster_build(const struct kb_input *in, const struct kb_date *d, struct kb_roster *out);
void kb_roster_free(struct kb_roster *r);

/* The roster as aligned text for a terminal; the caller owns the string. */
char *kb_roster_text(const struct kb_input *in, const struct kb_roster *r);
/* The roster as XML (<roster> with <role> and <ended> children); the caller owns the document. */
struct _xmlDoc *kb_roster_xml(const struct kb_input *in, const struct kb_roster *r);

#endif
