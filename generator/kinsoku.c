/* kinsoku.c — JLReq character classes and the pango attributes that enforce 禁則, 分離禁止 and
 * punctuation spacing. */
#include "kinsoku.h"

#include <pango/pango.h>
#include <string.h>

/* Code points of each class (JLReq Appendix A, plus the full-width forms Japanese text uses). */
static const uint32_t cl_open[] = {0x2018, 0x201C, 0x28,   0x3014, 0x5B,   0x7B,   0x3008,
                                   0x300A, 0x300C, 0x300E, 0x3010, 0x2985, 0x3018, 0x3016,
                                   0xAB,   0x301D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF62};
static const uint32_t cl_close[] = {0x2019, 0x201D, 0x29,   0x3015, 0x5D,   0x7D,   0x3009,
                                    0x300B, 0x300D, 0x300F, 0x3011, 0x2986, 0x3019, 0x3017,
                                    0xBB,   0x301F, 0xFF09, 0xFF3D, 0xFF5D, 0xFF63};
static const uint32_t cl_hyphen[] = {0x2010, 0x301C, 0x30A0, 0x2013, 0xFF5E};
static const uint32_t cl_dividing[] = {0x21, 0x3F, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF01, 0xFF1F};
static const uint32_t cl_middle[] = {0x30FB, 0x3A, 0x3B, 0xFF1A, 0xFF1B, 0xFF65};
static const uint32_t cl_fullstop[] = {0x3002, 0x2E, 0xFF0E, 0xFF61};
static const uint32_t cl_comma[] = {0x3001, 0x2C, 0xFF0C, 0xFF64};
static const uint32_t cl_insep[] = {0x2014, 0x2026, 0x2025, 0x3033, 0x3034, 0x3035, 0x2015};
static const uint32_t cl_iteration[] = {0x30FD, 0x30FE, 0x309D, 0x309E, 0x3005, 0x303B};
static const uint32_t cl_prolonged[] = {0x30FC, 0xFF70};
static const uint32_t cl_small[] = {0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
                                    0x3087, 0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7,
                                    0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6};
static const uint32_t cl_prefix[] = {0xA5,   0x24,   0xA3,   0x23,   0x20AC,
                                     0x2116, 0xFFE5, 0xFF04, 0xFFE1, 0xFF03};
static const uint32_t cl_postfix[] = {0xB0, 0x2032, 0x2033, 0x2103, 0xA2,
                                      0x25, 0x2030, 0x2113, 0xFF05, 0xFFE0};

static int
in(uint32_t c, const uint32_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == c)
			return 1;
	return 0;
}

#define IN(c, set) in((c), (set), sizeof(set) / sizeof((set)[0]))

enum kb_jclass
kb_jclass(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return KB_CL_DIGIT;
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return KB_CL_LATIN;
	if (IN(c, cl_open))
		return KB_CL_OPEN;
	if (IN(c, cl_close))
		return KB_CL_CLOSE;
	if (IN(c, cl_hyphen))
		return KB_CL_HYPHEN;
	if (IN(c, cl_dividing))
		return KB_CL_DIVIDING;
	if (IN(c, cl_middle))
		return KB_CL_MIDDLE;
	if (IN(c, cl_fullstop))
		return KB_CL_FULLSTOP;
	if (IN(c, cl_comma))
		return KB_CL_COMMA;
	if (IN(c, cl_insep))
		return KB_CL_INSEPARABLE;
	if (IN(c, cl_iteration))
		return KB_CL_ITERATION;
	if (IN(c, cl_prolonged))
		return KB_CL_PROLONGED;
	if (IN(c, cl_small) || (c >= 0x31F0 && c <= 0x31FF))
		return KB_CL_SMALL_KANA;
	if (IN(c, cl_prefix))
		return KB_CL_PREFIX;
	/* The CJK compatibility squares (㌔ ㎏ …) are units written after numbers. */
	if (IN(c, cl_postfix) || (c >= 0x3300 && c <= 0x33FF))
		return KB_CL_POSTFIX;
	if (c == 0x3000)
		return KB_CL_IDEO_SPACE;
	return KB_CL_OTHER;
}

int
kb_kinsoku_no_start(uint32_t c, int very_strict)
{
	switch (kb_jclass(c)) {
	case KB_CL_CLOSE:
	case KB_CL_HYPHEN:
	case KB_CL_DIVIDING:
	case KB_CL_MIDDLE:
	case KB_CL_FULLSTOP:
	case KB_CL_COMMA:
		return 1;
	case KB_CL_ITERATION:
	case KB_CL_PROLONGED:
	case KB_CL_SMALL_KANA:
		return very_strict;
	default:
		return 0;
	}
}

int
kb_kinsoku_no_end(uint32_t c)
{
	return kb_jclass(c) == KB_CL_OPEN;
}

int
kb_kinsoku_no_break(uint32_t a, uint32_t b, int very_strict)
{
	enum kb_jclass ca = kb_jclass(a), cb = kb_jclass(b);

	if (kb_kinsoku_no_start(b, very_strict) || kb_kinsoku_no_end(a))
		return 1;
	/* 分離禁止: ―― and …… in pairs; numbers with their units and signs. Words
	 * and numbers themselves are kept whole by pango's own breaking (UAX #14),
	 * which may still split a word too long for its column rather than let
	 * it overflow; an explicit rule here would take that way out away. */
	if (ca == KB_CL_INSEPARABLE && a == b)
		return 1;
	if (ca == KB_CL_DIGIT && cb == KB_CL_POSTFIX)
		return 1;
	if (ca == KB_CL_PREFIX && cb == KB_CL_DIGIT)
		return 1;
	return 0;
}

/* 1 for the marks whose trailing half-em space JLReq drops next to another mark. */
static int
trailing_space(enum kb_jclass c)
{
	return c == KB_CL_CLOSE || c == KB_CL_FULLSTOP || c == KB_CL_COMMA;
}

/* Only full-width marks carry the built-in half-em space that halt removes. */
static int
wide_mark(uint32_t c)
{
	return c >= 0x3000;
}

static void
add_halt(PangoAttrList *attrs, size_t start, size_t end)
{
	PangoAttribute *a = pango_attr_font_features_new("halt");

	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

void
kb_kinsoku_attrs(const char *text, PangoAttrList *attrs, int very_strict)
{
	const char *p = text, *run = NULL;
	uint32_t prev = 0;
	const char *prevp = NULL;

	while (*p != '\0') {
		uint32_t c = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);

		if (prevp != NULL) {
			enum kb_jclass ca = kb_jclass(prev), cb = kb_jclass(c);
			/* No break between prev and c: grow (or start) an unbreakable run. */
			if (kb_kinsoku_no_break(prev, c, very_strict)) {
				if (run == NULL)
					run = prevp;
			} else if (run != NULL) {
				PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
				a->start_index = (guint)(run - text);
				a->end_index = (guint)(p - text);
				pango_attr_list_insert(attrs, a);
				run = NULL;
			}
			/* 約物の詰め (JLReq 3.1.4): 」。 ）、 」「 keep one half em between. */
			if (wide_mark(prev) && wide_mark(c)) {
				if (trailing_space(ca) && (trailing_space(cb) || cb == KB_CL_OPEN))
					add_halt(attrs, (size_t)(prevp - text), (size_t)(p - text));
				else if (ca == KB_CL_OPEN && cb == KB_CL_OPEN)
					add_halt(attrs, (size_t)(p - text), (size_t)(next - text));
			}
		}
		prev = c;
		prevp = p;
		p = next;
	}
	if (run != NULL) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)(run - text);
		a->end_index = (guint)(p - text);
		pango_attr_list_insert(attrs, a);
	}
}
