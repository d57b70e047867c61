/* check_wareki.c — unit tests for dates, fiscal years, 和暦 and 漢数字 (generator/wareki.c). */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "../generator/wareki.h"
#include "suites.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Every expected value below is written by hand from the convention it
 * tests (era tables, the calendar, 漢数字 notation), never produced by
 * running the code under test.
 */

struct wcase {
	struct kb_date date;
	int flags;
	const char *want;
};

static const struct wcase wareki_cases[] = {
    /* era boundaries and 元年 */
    {{2019, 5, 1}, 0, "令和元年5月1日"},
    {{2019, 12, 31}, 0, "令和元年12月31日"},
    {{2020, 1, 1}, 0, "令和2年1月1日"},
    {{2019, 4, 30}, 0, "平成31年4月30日"},
    {{1989, 1, 8}, 0, "平成元年1月8日"},
    {{1989, 12, 31}, 0, "平成元年12月31日"},
    {{1990, 1, 1}, 0, "平成2年1月1日"},
    {{1989, 1, 7}, 0, "昭和64年1月7日"},
    {{1926, 12, 25}, 0, "昭和元年12月25日"},
    {{1927, 1, 1}, 0, "昭和2年1月1日"},
    {{1926, 12, 24}, 0, "大正15年12月24日"},
    {{1912, 7, 30}, 0, "大正元年7月30日"},
    {{1912, 7, 29}, 0, "明治45年7月29日"},
    {{1873, 1, 1}, 0, "明治6年1月1日"},
    /* ordinary dates: no zero padding */
    {{2025, 11, 25}, 0, "令和7年11月25日"},
    {{2026, 11, 5}, 0, "令和8年11月5日"},
    {{2026, 11, 25}, 0, "令和8年11月25日"},
    {{2026, 1, 9}, 0, "令和8年1月9日"},
    /* 漢数字 for vertical 辞令 */
    {{2026, 11, 25}, KB_WAREKI_KANJI, "令和八年十一月二十五日"},
    {{2019, 5, 1}, KB_WAREKI_KANJI, "令和元年五月一日"},
    {{2019, 4, 30}, KB_WAREKI_KANJI, "平成三十一年四月三十日"},
    {{1989, 1, 7}, KB_WAREKI_KANJI, "昭和六十四年一月七日"},
    {{1912, 7, 30}, KB_WAREKI_KANJI, "大正元年七月三十日"},
    {{2025, 10, 10}, KB_WAREKI_KANJI, "令和七年十月十日"},
    {{2026, 12, 20}, KB_WAREKI_KANJI, "令和八年十二月二十日"},
    /* full-width digits */
    {{2026, 11, 25}, KB_WAREKI_ZENKAKU, "令和８年１１月２５日"},
    {{2019, 5, 1}, KB_WAREKI_ZENKAKU, "令和元年５月１日"},
    {{2019, 4, 30}, KB_WAREKI_ZENKAKU, "平成３１年４月３０日"},
    {{2026, 11, 5}, KB_WAREKI_ZENKAKU, "令和８年１１月５日"},
    /* KANJI wins when both are given */
    {{2026, 11, 25}, KB_WAREKI_KANJI | KB_WAREKI_ZENKAKU, "令和八年十一月二十五日"},
};

START_TEST(test_wareki)
{
	const struct wcase *c = &wareki_cases[_i];
	char *got = kb_wareki(&c->date, c->flags);

	ck_assert_ptr_nonnull(got);
	ck_assert_msg(strcmp(got, c->want) == 0, "%04d-%02d-%02d flags %d: got \"%s\", want \"%s\"",
	              c->date.y, c->date.m, c->date.d, c->flags, got, c->want);
	free(got);
}
END_TEST

static const struct wcase year_cases[] = {
    {{2026, 11, 25}, 0, "令和8年"},
    {{2019, 5, 1}, 0, "令和元年"},
    {{2019, 4, 30}, 0, "平成31年"},
    {{1989, 1, 7}, 0, "昭和64年"},
    {{2019, 4, 30}, KB_WAREKI_KANJI, "平成三十一年"},
    {{2026, 4, 1}, KB_WAREKI_KANJI, "令和八年"},
    {{2019, 5, 1}, KB_WAREKI_KANJI, "令和元年"},
    {{2026, 4, 1}, KB_WAREKI_ZENKAKU, "令和８年"},
    {{2019, 4, 30}, KB_WAREKI_ZENKAKU, "平成３１年"},
};

START_TEST(test_wareki_year)
{
	const struct wcase *c = &year_cases[_i];
	char *got = kb_wareki_year(&c->date, c->flags);

	ck_assert_ptr_nonnull(got);
	ck_assert_msg(strcmp(got, c->want) == 0, "%04d-%02d-%02d flags %d: got \"%s\", want \"%s\"",
	              c->date.y, c->date.m, c->date.d, c->flags, got, c->want);
	free(got);
}
END_TEST

/* The era of a fiscal year is that of its April 1; before 1873, Gregorian. */
START_TEST(test_wareki_fiscal_year)
{
	static const struct {
		int fy, flags;
		const char *want;
	} cases[] = {
	    {2026, 0, "令和8年度"},
	    {2019, 0, "平成31年度"},
	    {2020, 0, "令和2年度"},
	    {1988, 0, "昭和63年度"},
	    {1989, 0, "平成元年度"},
	    {2026, KB_WAREKI_KANJI, "令和八年度"},
	    {2026, KB_WAREKI_ZENKAKU, "令和８年度"},
	    {1872, 0, "1872年度"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = kb_wareki_fiscal_year(cases[i].fy, cases[i].flags);

		ck_assert_msg(strcmp(got, cases[i].want) == 0, "%d: got \"%s\", want \"%s\"",
		              cases[i].fy, got, cases[i].want);
		free(got);
	}
}
END_TEST

START_TEST(test_wareki_out_of_range)
{
	static const struct kb_date before = {1872, 12, 31}, ancient = {1500, 6, 1},
	                            feb30 = {2026, 2, 30}, month13 = {2026, 13, 1};

	ck_assert_ptr_null(kb_wareki(&before, 0));
	ck_assert_ptr_null(kb_wareki(&before, KB_WAREKI_KANJI));
	ck_assert_ptr_null(kb_wareki_year(&before, 0));
	ck_assert_ptr_null(kb_wareki(&ancient, 0));
	ck_assert_ptr_null(kb_wareki(&feb30, 0));
	ck_assert_ptr_null(kb_wareki(&month13, 0));
	ck_assert_ptr_null(kb_wareki_year(&month13, 0));
}
END_TEST

static const char *const parse_bad[] = {
    "2026-02-30",       /* February has 28 days in 2026 */
    "2026-13-01",       /* no 13th month */
    "2025-02-29",       /* 2025 is not a leap year */
    "1900-02-29",       /* divisible by 100, not by 400: not leap */
    "2026-04-31",       /* April has 30 days */
    "2026-00-10",       /* month 0 */
    "2026-11-00",       /* day 0 */
    "2026-1-01",        /* month must be two digits */
    "2026-01-1",        /* day must be two digits */
    "26-01-01",         /* year must be four digits */
    "10000-01-01",      /* year must be exactly four digits */
    "2026-11-02x",      /* trailing garbage */
    "2026-11-02 ",      /* trailing space */
    "2026-11-0210",     /* more digits */
    "2026-11-02 10:40", /* an instant needs 'T' */
    "2026-11-02t10:40", /* ... upper-case */
    " 2026-11-02",      /* leading space */
    "2026/11/02",       /* wrong separator */
    "20261102",         /* no separators */
    "+026-11-02",       /* sign is not a digit */
    "2026-0:-01",       /* ':' comes right after '9' in ASCII */
    "2026-1/-01",       /* '/' comes right before '0' */
    "2026-11-0",        /* cut short */
    "2026-11",          /* cut short */
    "",                 /* empty */
    "1872-12-31",       /* before the solar calendar */
    "0000-01-01",       /* before 1873 */
};

START_TEST(test_parse_rejects)
{
	struct kb_date d = {7, 7, 7};

	ck_assert_msg(kb_date_parse(parse_bad[_i], &d) == -1, "accepted \"%s\"", parse_bad[_i]);
	/* a failed parse leaves the output alone */
	ck_assert_int_eq(d.y, 7);
	ck_assert_int_eq(d.m, 7);
	ck_assert_int_eq(d.d, 7);
}
END_TEST

START_TEST(test_parse_null)
{
	struct kb_date d;

	ck_assert_int_eq(kb_date_parse(NULL, &d), -1);
}
END_TEST

static const struct {
	const char *s;
	struct kb_date want;
} parse_good[] = {
    {"2024-02-29", {2024, 2, 29}},       {"2000-02-29", {2000, 2, 29}},
    {"2026-11-02T10:40", {2026, 11, 2}}, {"2026-11-02T10:40:00+09:00", {2026, 11, 2}},
    {"2026-11-02", {2026, 11, 2}},       {"2026-12-31", {2026, 12, 31}},
    {"2026-04-30", {2026, 4, 30}},       {"1873-01-01", {1873, 1, 1}},
    {"9999-12-31", {9999, 12, 31}},      {"2019-05-01", {2019, 5, 1}},
};

START_TEST(test_parse_accepts)
{
	struct kb_date d = {0, 0, 0};

	ck_assert_msg(kb_date_parse(parse_good[_i].s, &d) == 0, "rejected \"%s\"",
	              parse_good[_i].s);
	ck_assert_int_eq(d.y, parse_good[_i].want.y);
	ck_assert_int_eq(d.m, parse_good[_i].want.m);
	ck_assert_int_eq(d.d, parse_good[_i].want.d);
}
END_TEST

/* Instants with an offset become JST wall-clock time (issue 16, 4). */
static const struct {
	const char *in, *jst; /* jst NULL: outside 1873-9999 in JST */
} jst_cases[] = {
    {"2026-11-25T16:30Z", "2026-11-26T01:30"},
    {"2026-11-25T16:30+00:00", "2026-11-26T01:30"},
    {"2026-11-25T10:00", "2026-11-25T10:00"},
    {"2026-11-25T10:00+09:00", "2026-11-25T10:00"},
    {"2027-01-01T00:30+10:00", "2026-12-31T23:30"},
    {"2026-03-31T20:00-05:00", "2026-04-01T10:00"}, /* crosses the fiscal year */
    {"2024-02-28T15:00Z", "2024-02-29T00:00"},
    {"9999-12-31T20:00Z", NULL},
    {"1873-01-01T00:00+14:00", NULL},
};

START_TEST(test_instant_jst)
{
	long long t;
	char out[17];

	ck_assert_int_eq(kb_instant_parse(jst_cases[_i].in, &t), 0);
	if (jst_cases[_i].jst == NULL) {
		ck_assert_int_eq(kb_instant_jst(t, out), -1);
		return;
	}
	ck_assert_int_eq(kb_instant_jst(t, out), 0);
	ck_assert_str_eq(out, jst_cases[_i].jst);
}
END_TEST

START_TEST(test_cmp)
{
	static const struct kb_date a = {2026, 3, 31}, b = {2026, 4, 1}, c = {2025, 12, 31},
	                            d = {2026, 4, 2}, a2 = {2026, 3, 31};

	ck_assert_int_lt(kb_date_cmp(&a, &b), 0);
	ck_assert_int_gt(kb_date_cmp(&b, &a), 0);
	ck_assert_int_lt(kb_date_cmp(&c, &a), 0);
	ck_assert_int_lt(kb_date_cmp(&b, &d), 0);
	ck_assert_int_gt(kb_date_cmp(&d, &c), 0);
	ck_assert_int_eq(kb_date_cmp(&a, &a2), 0);
}
END_TEST

/* Known day numbers: Unix time / 86400 for well-known instants. */
START_TEST(test_days_known)
{
	static const struct {
		struct kb_date d;
		long days;
	} known[] = {
	    {{1970, 1, 1}, 0},      {{1970, 1, 2}, 1},     {{1969, 12, 31}, -1},
	    {{1969, 1, 1}, -365},   {{2000, 1, 1}, 10957}, /* 946684800 s */
	    {{2000, 3, 1}, 11017},                         /* + 31 + 29 */
	    {{2001, 9, 9}, 11574},                         /* 1000000000 s */
	    {{2038, 1, 19}, 24855},                        /* 2^31 s */
	};
	struct kb_date out;
	size_t i;

	for (i = 0; i < NELEM(known); i++) {
		ck_assert_int_eq(kb_date_to_days(&known[i].d), known[i].days);
		kb_date_from_days(known[i].days, &out);
		ck_assert_int_eq(kb_date_cmp(&out, &known[i].d), 0);
	}
}
END_TEST

static const struct {
	struct kb_date from;
	long add;
	struct kb_date want;
} day_steps[] = {
    {{2026, 11, 2}, 29, {2026, 12, 1}}, {{2026, 11, 2}, 14, {2026, 11, 16}},
    {{2024, 2, 28}, 1, {2024, 2, 29}},  {{2024, 2, 29}, 1, {2024, 3, 1}},
    {{2025, 2, 28}, 1, {2025, 3, 1}},   {{2000, 2, 28}, 1, {2000, 2, 29}},
    {{1900, 2, 28}, 1, {1900, 3, 1}},   {{2025, 12, 31}, 1, {2026, 1, 1}},
    {{2026, 1, 1}, -1, {2025, 12, 31}}, {{2024, 3, 1}, -1, {2024, 2, 29}},
    {{2026, 4, 30}, 1, {2026, 5, 1}},   {{2024, 1, 1}, 366, {2025, 1, 1}},
    {{2025, 1, 1}, 365, {2026, 1, 1}},  {{2026, 1, 31}, 28, {2026, 2, 28}},
    {{2026, 1, 31}, 29, {2026, 3, 1}},  {{1873, 1, 1}, -1, {1872, 12, 31}},
    {{9999, 12, 31}, 1, {10000, 1, 1}},
};

START_TEST(test_days_step)
{
	struct kb_date out = {0, 0, 0};
	long from = kb_date_to_days(&day_steps[_i].from);

	kb_date_from_days(from + day_steps[_i].add, &out);
	ck_assert_msg(kb_date_cmp(&out, &day_steps[_i].want) == 0,
	              "%04d-%02d-%02d %+ld: got %04d-%02d-%02d, want %04d-%02d-%02d",
	              day_steps[_i].from.y, day_steps[_i].from.m, day_steps[_i].from.d,
	              day_steps[_i].add, out.y, out.m, out.d, day_steps[_i].want.y,
	              day_steps[_i].want.m, day_steps[_i].want.d);
	ck_assert_int_eq(kb_date_to_days(&day_steps[_i].want) - from, day_steps[_i].add);
}
END_TEST

START_TEST(test_days_spans)
{
	static const struct kb_date y1601 = {1601, 1, 1}, y2001 = {2001, 1, 1},
	                            y1900 = {1900, 1, 1}, y2000 = {2000, 1, 1};

	/* a Gregorian 400-year cycle has 97 leap years */
	ck_assert_int_eq(kb_date_to_days(&y2001) - kb_date_to_days(&y1601), 400 * 365 + 97);
	/* 1904..1996 are 24 leap years; 1900 is not one */
	ck_assert_int_eq(kb_date_to_days(&y2000) - kb_date_to_days(&y1900), 100 * 365 + 24);
}
END_TEST

/*
 * Walks every day of the supported range with a hand-written calendar
 * and checks both directions agree with it at each step.
 */
START_TEST(test_days_walk)
{
	static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	struct kb_date d = {1873, 1, 1}, out;
	long days = kb_date_to_days(&d);
	int ml;

	/* plain ifs: a ck_assert per day would cost Check bookkeeping millions of times */
	for (;;) {
		if (kb_date_to_days(&d) != days)
			ck_abort_msg("%04d-%02d-%02d: got day %ld, want %ld", d.y, d.m, d.d,
			             kb_date_to_days(&d), days);
		kb_date_from_days(days, &out);
		if (kb_date_cmp(&out, &d) != 0)
			ck_abort_msg("day %ld: got %04d-%02d-%02d, want %04d-%02d-%02d", days,
			             out.y, out.m, out.d, d.y, d.m, d.d);
		if (d.y == 9999 && d.m == 12 && d.d == 31)
			break;
		ml = len[d.m - 1];
		if (d.m == 2 && ((d.y % 4 == 0 && d.y % 100 != 0) || d.y % 400 == 0))
			ml = 29;
		if (++d.d > ml) {
			d.d = 1;
			if (++d.m > 12) {
				d.m = 1;
				d.y++;
			}
		}
		days++;
	}
}
END_TEST

START_TEST(test_fiscal_year)
{
	static const struct {
		struct kb_date d;
		int fy;
	} cases[] = {
	    {{2026, 3, 31}, 2025},  {{2026, 4, 1}, 2026},   {{2026, 1, 1}, 2025},
	    {{2025, 12, 31}, 2025}, {{2026, 12, 31}, 2026}, {{2025, 4, 1}, 2025},
	    {{2025, 3, 31}, 2024},
	};
	size_t i;

	for (i = 0; i < NELEM(cases); i++)
		ck_assert_int_eq(kb_fiscal_year(&cases[i].d), cases[i].fy);
}
END_TEST

static const struct {
	long long n;
	const char *want;
} kansuji_cases[] = {
    {0, "〇"},
    {1, "一"},
    {10, "十"},
    {11, "十一"},
    {19, "十九"},
    {20, "二十"},
    {21, "二十一"},
    {99, "九十九"},
    {100, "百"},
    {101, "百一"},
    {105, "百五"},
    {110, "百十"},
    {111, "百十一"},
    {1000, "千"},
    {1001, "千一"},
    {1010, "千十"},
    {2026, "二千二十六"},
    {9999, "九千九百九十九"},
    {10000, "一万"},
    {10001, "一万一"},
    {11000, "一万千"},
    {12345, "一万二千三百四十五"},
    {20000, "二万"},
    {100000, "十万"},
    {1000000, "百万"},
    {10000000, "千万"},
    {100000000, "一億"},
    {100010000, "一億一万"},
    {1000000000000LL, "一兆"},
    {10000000000000000LL, "一京"},
    {-5, "マイナス五"},
    {-2026, "マイナス二千二十六"},
    /* 922京3372兆0368億5477万5807 */
    {9223372036854775807LL, "九百二十二京三千三百七十二兆三百六十八億五千四百七十七万五千八百七"},
    {-9223372036854775807LL - 1,
     "マイナス九百二十二京三千三百七十二兆三百六十八億五千四百七十七万五千八百八"},
};

START_TEST(test_kansuji)
{
	char *got = kb_kansuji(kansuji_cases[_i].n);

	ck_assert_msg(strcmp(got, kansuji_cases[_i].want) == 0, "%lld: got \"%s\", want \"%s\"",
	              kansuji_cases[_i].n, got, kansuji_cases[_i].want);
	free(got);
}
END_TEST

START_TEST(test_zenkaku_digits)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"0123456789", "０１２３４５６７８９"},
	    {"第3条第12項", "第３条第１２項"},
	    {"令和8年11月25日", "令和８年１１月２５日"},
	    {"/:abc", "/:abc"}, /* the bytes either side of '0'..'9' stay */
	    {"", ""},
	};
	size_t i;
	char *got;

	for (i = 0; i < NELEM(cases); i++) {
		got = kb_zenkaku_digits(cases[i].in);
		ck_assert_str_eq(got, cases[i].want);
		free(got);
	}
}
END_TEST

Suite *
wareki_suite(void)
{
	Suite *s = suite_create("wareki");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_rejects, 0, (int)NELEM(parse_bad));
	tcase_add_loop_test(tc, test_parse_accepts, 0, (int)NELEM(parse_good));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_cmp);
	suite_add_tcase(s, tc);

	tc = tcase_create("days");
	tcase_add_test(tc, test_days_known);
	tcase_add_loop_test(tc, test_days_step, 0, (int)NELEM(day_steps));
	tcase_add_test(tc, test_days_spans);
	tcase_add_test(tc, test_days_walk);
	tcase_add_test(tc, test_fiscal_year);
	suite_add_tcase(s, tc);

	tc = tcase_create("wareki");
	tcase_add_loop_test(tc, test_wareki, 0, (int)NELEM(wareki_cases));
	tcase_add_loop_test(tc, test_wareki_year, 0, (int)NELEM(year_cases));
	tcase_add_test(tc, test_wareki_out_of_range);
	tcase_add_test(tc, test_wareki_fiscal_year);
	suite_add_tcase(s, tc);

	tc = tcase_create("kansuji");
	tcase_add_loop_test(tc, test_kansuji, 0, (int)NELEM(kansuji_cases));
	tcase_add_test(tc, test_zenkaku_digits);
	tcase_add_loop_test(tc, test_instant_jst, 0, (int)NELEM(jst_cases));
	suite_add_tcase(s, tc);

	return s;
}
