/* wareki.c — date parsing and arithmetic, 和暦 rendering and 漢数字. */
#include "wareki.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* 0001-01-01 .. 1970-01-01 in the proleptic Gregorian calendar. */
#define DAYS_TO_EPOCH 719162LL
#define DAYS_PER_400Y 146097LL
#define DAYS_PER_100Y 36524LL
#define DAYS_PER_4Y 1461LL

struct era {
	const char *name;
	int base; /* Gregorian year of the era's 元年 */
	struct kb_date start;
};

/* Newest first, so the first era starting on or before a date is its era. */
static const struct era eras[] = {
    {"令和", 2019, {2019, 5, 1}},
    {"平成", 1989, {1989, 1, 8}},
    {"昭和", 1926, {1926, 12, 25}},
    {"大正", 1912, {1912, 7, 30}},
    /* 明治 began in 1868, but dates before the solar calendar are out of scope. */
    {"明治", 1868, {1873, 1, 1}},
};

static const char *const kdigit[] = {
    "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九",
};

static int
is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(long long y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

/* Floor division; C's / truncates, which is wrong for years before 1 and days before 0001-01-01. */
static long long
fdiv(long long a, long long b)
{
	long long q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
kb_date_parse(const char *s, struct kb_date *out)
{
	int y, m, d;

	if (s == NULL)
		return -1;
	/* Each check stops at the first mismatch, so a short s is never overrun. */
	if (digits(s, 4, &y) == -1 || s[4] != '-' || digits(s + 5, 2, &m) == -1 || s[7] != '-' ||
	    digits(s + 8, 2, &d) == -1)
		return -1;
	if (s[10] != '\0' && s[10] != 'T')
		return -1;
	if (y < 1873 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

int
kb_date_cmp(const struct kb_date *a, const struct kb_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

long
kb_date_to_days(const struct kb_date *d)
{
	long long n = (long long)d->y - 1; /* whole years before d->y since year 1 */
	long long days;
	int m;

	days = 365 * n + fdiv(n, 4) - fdiv(n, 100) + fdiv(n, 400);
	for (m = 1; m < d->m; m++)
		days += mdays(d->y, m);
	days += d->d - 1;
	return (long)(days - DAYS_TO_EPOCH);
}

void
kb_date_from_days(long days, struct kb_date *out)
{
	long long r = (long long)days + DAYS_TO_EPOCH; /* days since 0001-01-01 */
	long long q, c, f, y;
	int m;

	/*
	 * Peel off 400-year cycles, then centuries, four-year blocks and
	 * years, each counted from year 1 of its span. The last century of a
	 * cycle and the last year of a block are one day longer, so a day at
	 * the very end would count as one span too many; clamp it back.
	 */
	q = fdiv(r, DAYS_PER_400Y);
	r -= q * DAYS_PER_400Y;
	c = r / DAYS_PER_100Y;
	if (c == 4)
		c = 3;
	r -= c * DAYS_PER_100Y;
	f = r / DAYS_PER_4Y;
	r -= f * DAYS_PER_4Y;
	y = r / 365;
	if (y == 4)
		y = 3;
	r -= y * 365;
	y += 1 + 400 * q + 100 * c + 4 * f;
	for (m = 1; r >= mdays(y, m); m++)
		r -= mdays(y, m);
	out->y = (int)y;
	out->m = m;
	out->d = (int)r + 1;
}

int
kb_fiscal_year(const struct kb_date *d)
{
	return d->m >= 4 ? d->y : d->y - 1;
}

/* Appends n as the flags ask: ASCII, full-width or 漢数字. */
static void
putnum(kb_buf *b, int n, int flags)
{
	char *s;

	if (flags & KB_WAREKI_KANJI)
		s = kb_kansuji(n);
	else if (flags & KB_WAREKI_ZENKAKU) {
		char *t = kb_asprintf("%d", n);
		s = kb_zenkaku_digits(t);
		free(t);
	} else
		s = kb_asprintf("%d", n);
	kb_buf_puts(b, s);
	free(s);
}

/* Appends era and year ("令和8年"); returns -1 for a date no era covers or an invalid one. */
static int
putyear(kb_buf *b, const struct kb_date *d, int flags)
{
	size_t i;
	int ey;

	if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > mdays(d->y, d->m))
		return -1;
	for (i = 0; i < sizeof(eras) / sizeof(eras[0]); i++)
		if (kb_date_cmp(d, &eras[i].start) >= 0)
			break;
	if (i == sizeof(eras) / sizeof(eras[0]))
		return -1;
	kb_buf_puts(b, eras[i].name);
	ey = d->y - eras[i].base + 1;
	if (ey == 1)
		kb_buf_puts(b, "元");
	else
		putnum(b, ey, flags);
	kb_buf_puts(b, "年");
	return 0;
}

char *
kb_wareki(const struct kb_date *d, int flags)
{
	kb_buf b = {0};

	if (putyear(&b, d, flags) == -1) {
		kb_buf_free(&b);
		return NULL;
	}
	putnum(&b, d->m, flags);
	kb_buf_puts(&b, "月");
	putnum(&b, d->d, flags);
	kb_buf_puts(&b, "日");
	return kb_buf_take(&b);
}

char *
kb_wareki_year(const struct kb_date *d, int flags)
{
	kb_buf b = {0};

	if (putyear(&b, d, flags) == -1) {
		kb_buf_free(&b);
		return NULL;
	}
	return kb_buf_take(&b);
}

char *
kb_wareki_fiscal_year(int fiscal_year, int flags)
{
	kb_buf b = {0};

	if (putyear(&b, &(struct kb_date){fiscal_year, 4, 1}, flags) == -1)
		kb_buf_printf(&b, "%d年", fiscal_year);
	kb_buf_puts(&b, "度");
	return kb_buf_take(&b);
}

/* Appends one group 1..9999: a 1 before 十百千 is left unwritten. */
static void
putgroup(kb_buf *b, unsigned g)
{
	static const char *const unit[] = {"千", "百", "十", ""};
	unsigned div = 1000, dg;
	int i;

	for (i = 0; i < 4; i++, div /= 10) {
		dg = g / div % 10;
		if (dg == 0)
			continue;
		if (dg != 1 || i == 3)
			kb_buf_puts(b, kdigit[dg]);
		kb_buf_puts(b, unit[i]);
	}
}

char *
kb_kansuji(long long n)
{
	static const char *const mark[] = {"", "万", "億", "兆", "京"};
	kb_buf b = {0};
	unsigned long long u;
	unsigned g[5];
	int i, ng;

	if (n == 0)
		return kb_strdup(kdigit[0]);
	if (n < 0) {
		kb_buf_puts(&b, "マイナス");
		/* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
		u = 0ULL - (unsigned long long)n;
	} else
		u = (unsigned long long)n;
	/* 2^64 < 10^20: five groups of four digits always suffice. */
	for (ng = 0; u > 0; ng++) {
		g[ng] = (unsigned)(u % 10000);
		u /= 10000;
	}
	for (i = ng - 1; i >= 0; i--) {
		if (g[i] == 0)
			continue;
		/* A group of 1 ends in its ones digit, so 一万 keeps the 1 that 十百千 drop. */
		putgroup(&b, g[i]);
		kb_buf_puts(&b, mark[i]);
	}
	return kb_buf_take(&b);
}

char *
kb_zenkaku_digits(const char *s)
{
	kb_buf b = {0};
	const char *p;
	char fw[3];

	/* U+FF10..U+FF19 are EF BC 90..99 in UTF-8. */
	fw[0] = (char)0xEF;
	fw[1] = (char)0xBC;
	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			fw[2] = (char)(0x90 + (*p - '0'));
			kb_buf_put(&b, fw, 3);
		} else
			kb_buf_put(&b, p, 1);
	}
	return kb_buf_take(&b);
}

/* Two ASCII digits at s, or -1. */
static int
two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int
kb_instant_parse(const char *s, long long *out)
{
	struct kb_date d;
	int hh, mm, sign, oh = 9, om = 0;
	const char *t;

	if (s == NULL || kb_date_parse(s, &d) != 0 || s[10] != 'T')
		return -1;
	t = s + 11;
	hh = two_digits(t);
	if (hh < 0 || hh > 23 || t[2] != ':')
		return -1;
	mm = two_digits(t + 3);
	if (mm < 0 || mm > 59)
		return -1;
	t += 5;
	if (*t == 'Z') {
		oh = om = 0;
		t++;
	} else if (*t == '+' || *t == '-') {
		sign = *t == '-' ? -1 : 1;
		oh = two_digits(t + 1);
		om = oh >= 0 && t[3] == ':' ? two_digits(t + 4) : -1;
		if (oh < 0 || oh > 14 || om < 0 || om > 59)
			return -1;
		oh *= sign;
		om *= sign;
		t += 6;
	}
	if (*t != '\0')
		return -1;
	*out = ((long long)kb_date_to_days(&d) * 24 + hh - oh) * 60 + mm - om;
	return 0;
}

int
kb_instant_jst(long long t, char out[17])
{
	long long local = t + 9 * 60, day = local >= 0 ? local / 1440 : -((-local + 1439) / 1440);
	int min = (int)(local - day * 1440);
	struct kb_date d;
	char buf[48];

	kb_date_from_days((long)day, &d);
	if (d.y < 1873 || d.y > 9999)
		return -1;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d", d.y, d.m, d.d, min / 60, min % 60);
	memcpy(out, buf, 17);
	return 0;
}
