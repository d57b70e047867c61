/* kinsoku.h — JLReq character classes, line-breaking prohibitions (禁則, 分離禁止) and punctuation
 * spacing as pango attributes. */
#ifndef KB_KINSOKU_H
#define KB_KINSOKU_H

#include <stdint.h>

struct _PangoAttrList;

/* Character classes of JLReq Appendix A that line breaking and spacing need. */
enum kb_jclass {
	KB_CL_OTHER,
	KB_CL_OPEN,        /* cl-01 始め括弧 「（ */
	KB_CL_CLOSE,       /* cl-02 終わり括弧 」） */
	KB_CL_HYPHEN,      /* cl-03 ハイフン類 ‐ 〜 */
	KB_CL_DIVIDING,    /* cl-04 区切り約物 ？！ */
	KB_CL_MIDDLE,      /* cl-05 中点類 ・：； */
	KB_CL_FULLSTOP,    /* cl-06 句点類 。． */
	KB_CL_COMMA,       /* cl-07 読点類 、， */
	KB_CL_INSEPARABLE, /* cl-08 分離禁止文字 ―…‥ */
	KB_CL_ITERATION,   /* cl-09 繰返し記号 々ゝ */
	KB_CL_PROLONGED,   /* cl-10 長音記号 ー */
	KB_CL_SMALL_KANA,  /* cl-11 小書きの仮名 っゃ */
	KB_CL_PREFIX,      /* cl-12 前置省略記号 ¥＄ */
	KB_CL_POSTFIX,     /* cl-13 後置省略記号 ％℃ */
	KB_CL_IDEO_SPACE,  /* cl-14 和字間隔 U+3000 */
	KB_CL_DIGIT,       /* European digits (分割禁止 inside numbers) */
	KB_CL_LATIN        /* Latin letters */
};

/* The JLReq class of code point c. */
enum kb_jclass kb_jclass(uint32_t c);

/*
 * 1 when a line may not start with c (行頭禁則). very_strict also forbids
 * the classes that JLReq's "strict" level lets through: 々, ー and small kana.
 */
int kb_kinsoku_no_start(uint32_t c, int very_strict);
/* 1 when a line may not end with c (行末禁則). */
int kb_kinsoku_no_end(uint32_t c);
/* 1 when no line may break between a and b (禁則 and 分離禁止 together). */
int kb_kinsoku_no_break(uint32_t a, uint32_t b, int very_strict);

/*
 * Adds to attrs, for the UTF-8 text of one paragraph:
 * - allow_breaks=FALSE across every pair that must not be broken
 *   (行頭禁則, 行末禁則, 分離禁止: ―― ……, numbers with their units and
 *   separators, prefix signs and their numbers);
 * - the OpenType feature halt on the first mark of each run of
 *   consecutive brackets and punctuation, so 」。 and ）、 sit at JLReq's
 *   half-em spacing instead of a full em (3.1.4).
 */
void kb_kinsoku_attrs(const char *text, struct _PangoAttrList *attrs, int very_strict);

#endif
