/* wareki.h — calendar dates, fiscal years, 和暦 (Japanese era) dates and 漢数字. */
#ifndef KB_WAREKI_H
#define KB_WAREKI_H

/*
 * A Gregorian calendar date. Values made by kb_date_parse are always a
 * valid date in 1873..9999; other functions document what they accept.
 */
struct kb_date {
	int y; /* year, e.g. 2026 */
	int m; /* month, 1..12 */
	int d; /* day of month, 1..28/29/30/31 */
};

/*
 * Parses exactly "YYYY-MM-DD" (four, two and two ASCII digits) at the
 * start of s. If more follows, it must start with 'T' (an instant such as
 * "2026-11-02T10:40", whose date part is taken; the rest is not read).
 * Validates the calendar: year 1873..9999, month 1..12, day within the
 * month, leap years by the Gregorian rule. Returns 0 and fills *out, or -1
 * and leaves *out untouched. s may be NULL (-1). Borrows s.
 */
int kb_date_parse(const char *s, struct kb_date *out);

/* Returns <0, 0 or >0 as a is before, the same as or after b. */
int kb_date_cmp(const struct kb_date *a, const struct kb_date *b);

/*
 * Days since 1970-01-01 in the proleptic Gregorian calendar (negative
 * before it), and back. kb_date_to_days expects a valid month and a day
 * within it, in any year; kb_date_from_days accepts any day count whose
 * year fits in an int. from_days(to_days(d)) == d for every valid d.
 */
long kb_date_to_days(const struct kb_date *d);
void kb_date_from_days(long days, struct kb_date *out);

/* Fiscal year (April–March) a date falls in: 2026-03-31 -> 2025, 2026-04-01 -> 2026. */
int kb_fiscal_year(const struct kb_date *d);

/* Flags for kb_wareki and kb_wareki_year; 0 writes ASCII digits. */
enum {
	KB_WAREKI_KANJI = 1, /* numbers in 漢数字 (令和八年十一月二十五日); wins over ZENKAKU */
	KB_WAREKI_ZENKAKU = 2 /* full-width digits (令和８年１１月２５日) */
};

/*
 * 和暦 date, "令和8年11月25日": no zero padding, the first year of an era
 * written 元年 (令和元年5月1日) under every flag. Eras: 明治 from
 * 1873-01-01 (adoption of the solar calendar; 明治6年) to 1912-07-29,
 * 大正 1912-07-30 to 1926-12-24, 昭和 1926-12-25 to 1989-01-07, 平成
 * 1989-01-08 to 2019-04-30, 令和 from 2019-05-01. Returns a UTF-8 string
 * the caller owns and frees, or NULL for a date before 1873-01-01 or one
 * whose month or day is out of range. Borrows d.
 */
char *kb_wareki(const struct kb_date *d, int flags);

/* Only the era and year, "令和8年" / "令和元年", same flags, owner and NULL cases as kb_wareki. */
char *kb_wareki_year(const struct kb_date *d, int flags);

/*
 * A fiscal year (as kb_fiscal_year gives it) in 和暦, "令和8年度": the era and
 * year of its first day, April 1 (so 2019 is 平成31年度, 1988 昭和63年度),
 * same flags as kb_wareki. A year whose April 1 no era covers (before 1873)
 * is written "1872年度". Returns a UTF-8 string the caller owns; never NULL.
 */
char *kb_wareki_fiscal_year(int fiscal_year, int flags);

/*
 * 漢数字 in positional notation: digits 〇一二三四五六七八九, 十百千
 * within each group of four digits and 万億兆京 between groups. A 1
 * before 十百千 is not written (十, 百五, 千十) but one before a group
 * mark is (一万, 一億); a group is written the same way as a number
 * below 10000, so 10000000 is 千万. Zero groups are skipped (一億一万).
 * 0 is 〇; negative numbers get a leading マイナス. Returns a UTF-8
 * string the caller owns.
 */
char *kb_kansuji(long long n);

/* Copy of s with ASCII digits 0-9 replaced by full-width ０-９ (UTF-8); other bytes unchanged. s
 * must not be NULL. Caller owns. */
char *kb_zenkaku_digits(const char *s);

/*
 * Parses an instant "YYYY-MM-DDThh:mm" with an optional offset "Z" or
 * "+hh:mm"/"-hh:mm" (default +09:00, JST) into minutes since
 * 1970-01-01T00:00Z. Returns 0, or -1 (and leaves *out) when s is not
 * such an instant. Borrows s.
 */
int kb_instant_parse(const char *s, long long *out);

/*
 * Writes the instant t (minutes since 1970-01-01T00:00Z) as JST wall-clock
 * time "YYYY-MM-DDThh:mm" (16 characters and a NUL) into out. Returns 0,
 * or -1 when the JST year falls outside 1873-9999 (as kb_date_parse).
 */
int kb_instant_jst(long long t, char out[17]);

#endif
