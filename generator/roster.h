/* roster.h — the 体制表: every role of the regulation on a date, its holder, the post it hangs on,
 * the article, and vacancies. */
#ifndef KB_ROSTER_H
#define KB_ROSTER_H

#include <stddef.h>

#include "wareki.h"

struct kb_input;
struct kb_org;
struct kb_post;
struct kb_record;
struct _xmlDoc;

/* One line of the roster. Strings are owned by the roster. */
struct kb_roster_row {
	const char *group; /* the heading it belongs to ("情報化推進委員会") */
	const char *role;  /* role name ("委員長") */
	char *scope;       /* the unit, system or body it is for; NULL */
	int person;        /* index into org persons; -1 when vacant */
	char *post;        /* the holder's 職名 the role hangs on or their main post; NULL */
	const char
	    *article; /* the citation of its provision, as the organization's profile has it */
	char *basis;  /* how they hold it: 充て職, a nomination id, an appointment id */
	char *note;   /* why vacant, or when it ended and why; NULL */
	struct kb_date since; /* held since (y == 0 when unknown or vacant) */
	struct kb_date ended; /* ended rows: the first day no longer held; else y == 0 */
	int optional; /* an empty row that is no vacancy (cio-assistant: 置くことができる) */
	int rec;      /* the record the holding rests on (index into in->records): the
	                 appointment that made the post, the nomination, the CIO補佐官
	                 appointment; -1 for a post of the organization file or a vacancy */
	int post_index; /* the post the role hangs on (index into org posts), or -1 */
};

struct kb_roster {
	struct kb_date date;
	struct kb_roster_row *rows; /* current roles, in regulation order */
	size_t nrows, cap;
	struct kb_roster_row *ended; /* nominated or appointed roles that ended on or before date */
	size_t nended, capended;
	int vacancies;     /* rows with person == -1 that are not optional */
	char *const *cite; /* borrowed: the organization's profile (kb_art_cite) */
	char *heads[7];    /* the group headings with their articles, owned; rows'
	                      group points here */
};

/* Whether person holds w's role (and scope) in roster r. */
int kb_roster_holds(const struct kb_roster *r, const struct kb_roster_row *w, int person);

/* One role whose holder changed from the day before (kb_roster_changes). */
struct kb_roster_change {
	const struct kb_roster_row *now; /* the holder on the date (a row of after), or NULL: the
	                                    seat is empty now */
	const struct kb_roster_row *was; /* the holder the day before (a row of before), or NULL */
	int cause;    /* the record that made it (index into in->records), or -1 when unknown */
	int ended_by; /* the appointment that ended the leaver's post that day, or -1 */
};

/* Every change of holder on one date. Rows are borrowed from before and after. */
struct kb_roster_changes {
	struct kb_date date;
	struct kb_roster before, after; /* the day before, and the date */
	struct kb_roster_change *v;     /* in the order of the roster */
	size_t n, cap;
};

/*
 * The roles whose holder changed on d, compared with the day before; per
 * role and scope, leavers and newcomers are paired in order (one post,
 * one holder: the predecessor and the successor). The cause of a change
 * is the record the new holding rests on when it is dated d, else the
 * appointment that ended the leaver's post on d (ended_by). Free with
 * kb_roster_changes_free.
 */
void kb_roster_changes(const struct kb_input *in, const struct kb_date *d,
                       struct kb_roster_changes *out);
void kb_roster_changes_free(struct kb_roster_changes *c);

/*
 * The 職名 a document prints for person named under post `under` on d
 * (NULL: their main post), the one rule for every document: the post's
 * own title ("保険年金課長"); a post held as 事務取扱 after the main post,
 * 「市民生活部長（保険年金課長事務取扱）」; a post held beside a main
 * post (兼務), 「市民生活部長兼保険年金課長」. A staff post is its title
 * alone ("主事"; the division is printed apart). NULL when person holds
 * no post. The caller owns the string.
 */
char *kb_roster_post_title(const struct kb_org *org, int person, const struct kb_post *under,
                           const struct kb_date *d);
/*
 * The post line of letterheads and tables: kb_roster_post_title then the
 * name, 「市民生活部長（保険年金課長事務取扱）　岩崎　誠」, with the
 * division first for staff 「保険年金課　主査　松井　裕介」; the name
 * alone without a post. The caller owns the string.
 */
/* The line naming the head of the unit with function (e.g. "information-policy") on d, as
 * kb_roster_post_line; while the post is vacant, the unit's name and 長 (デジタル推進課長). */
char *kb_roster_function_head_line(const struct kb_org *org, const char *function,
                                   const struct kb_date *d);
/* The committee's name: <regulation committee="">, else the organization's name and
 * 情報化推進委員会. */
char *kb_roster_committee_name(const struct kb_org *org);
char *kb_roster_post_line(const struct kb_org *org, int person, const struct kb_post *under,
                          const struct kb_date *d);
/*
 * How an explicit appointment (cio-assistant) is made: "委嘱" to an appointee who
 * holds no post of the organization on its date (an outside expert),
 * "任命" otherwise.
 */
const char *kb_roster_appoint_act(const struct kb_org *org, const struct kb_record *r);

/* Builds the roster of in on date d (records up to d count). The caller frees it with
 * kb_roster_free. */
void kb_roster_build(const struct kb_input *in, const struct kb_date *d, struct kb_roster *out);
void kb_roster_free(struct kb_roster *r);

/* The roster as aligned text for a terminal; the caller owns the string. */
/* The roster as CSV (RFC 4180, the attributes of kb_roster_xml as columns); caller frees. */
char *kb_roster_csv(const struct kb_input *in, const struct kb_roster *r);
char *kb_roster_text(const struct kb_input *in, const struct kb_roster *r);
/* The roster as XML (<roster> with <role> and <ended> children); the caller owns the document. */
struct _xmlDoc *kb_roster_xml(const struct kb_input *in, const struct kb_roster *r);

#endif
