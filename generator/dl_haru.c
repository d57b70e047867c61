/* dl_haru.c — draws display lists with libharu into PDF: per-document font subsets, encryption,
 * PDF/A-1b. */
#include "dl_haru.h"

#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_encrypt.h>
#include <hpdf_encryptdict.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dl.h"
#include "util.h"

/*
 * How glyphs become text libharu can show.
 *
 * The display list names glyphs by id; libharu 2.3 shows only encoded
 * text. With its "UTF-8" encoder a TrueType font becomes a Type0 font
 * with Identity-H: each character of the string is written as its 16-bit
 * code, the code is the CID, and libharu maps CIDs to glyphs through the
 * font's own (3,1) cmap. So the cmap decides which glyph a code draws,
 * and we write that cmap. Per document and per font, HarfBuzz's
 * subsetter keeps exactly the glyphs the document shows; each glyph gets
 * the code 0x20 + its index in the subset, and the string shown is those
 * codes, not the text. A glyph that stands for two different texts in
 * one document gets one more code after the subset's range for the
 * second. Text extraction goes through the ToUnicode CMap, whose
 * contents we write too (libharu's own is an identity map that poppler
 * rejects): every code maps to the text of its glyph's cluster. This is
 * what cairo does, and it needs no special case for the forms 'vert'
 * substitutes (「」ー…、。 in vertical runs have no cmap entry of their
 * own) nor for ligatures or characters beyond the BMP. Codes packed from
 * 0x20 keep the cmap to one or two segments (libharu looks each of the
 * 65536 CIDs up in it, linearly) and the CIDToGIDMap, which we cut to
 * the codes in use, small.
 *
 * libharu 2.3 has no public call to load a font from memory, to fix the
 * document ID, or to reach the catalog, so this file uses the declarations
 * of the headers libhpdf-dev installs (hpdf_doc.h, hpdf_fontdef.h,
 * hpdf_font.h, hpdf_encrypt.h, hpdf_objects.h, hpdf_streams.h): it is
 * tied to libharu 2.3.
 */

/* The tables libharu embeds (besides cmap, which we write). */
static const char *const keep_tags[] = {"OS/2", "cvt ", "fpgm", "glyf", "head", "hhea",
                                        "hmtx", "loca", "maxp", "name", "post", "prep"};
/* Tables the subsetter need not read at all (and no GSUB closure). */
static const char *const drop_tags[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea",
                                        "vmtx", "VORG", "gasp", "kern", "DSIG", "hdmx", "LTSH",
                                        "VDMX", "morx", "mort", "kerx", "COLR", "CPAL"};

/* Codes start above the C0 controls: shown strings end at NUL, and libharu measures text
   treating some controls specially. */
#define CODE_BASE 0x20u

/* One font file, read and prepared once per process. */
struct face {
	hb_face_t *src;  /* as read */
	hb_face_t *pre;  /* preprocessed for repeated subsetting */
	hb_font_t *font; /* unscaled: advances in font units */
	unsigned upem;
};

/* By display-list font id; each face stays where it is while the table grows (documents hold
 * pointers to them). */
static struct face **faces;
static size_t nfaces;

/* One glyph as the document shows it: an id and the text it stands for. */
struct gent {
	uint32_t gid;
	const char *text; /* UTF-8 (borrowed from the display list) */
	size_t len;
	uint32_t sub;  /* its index in the document's subset of the font */
	uint32_t code; /* the code (CID) drawn for it; 0 until assigned */
};

/* A font as one document uses it. */
struct ufont {
	struct face *face;
	struct gent *ent; /* in order of first use */
	size_t nent, cap;
	uint32_t *slot; /* hash index of ent: index + 1, 0 when free */
	size_t nslot;   /* a power of two */
	HPDF_Font font;
};

/* One glyph to draw. */
struct op {
	uint32_t gid;
	double x, y;
	const char *text;
	size_t len;
	int span;          /* > 0: this and the span - 1 next glyphs show atext (ActualText) */
	const char *atext; /* with span */
	size_t alen;
};

/* One document being written. */
struct doc {
	const struct kb_dl *dl;
	HPDF_Doc pdf;
	struct ufont *fonts; /* indexed by display-list font id */
	HPDF_Page *pages;
	HPDF_STATUS err, detail; /* libharu's first error */
	struct op *ops;
	size_t opcap;
	kb_buf text; /* scratch for one shown string */
};

static void
on_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	struct doc *d = data;

	if (d->err == 0) {
		d->err = no;
		d->detail = detail;
	}
}

static HPDF_STATUS failed(struct doc *d);

/* Returns the face of display-list font id, reading it on first use; NULL after a diagnostic. */
static struct face *
face_for(int id)
{
	struct face *f;

	if ((size_t)id >= nfaces) {
		faces = kb_realloc(faces, (size_t)kb_dl_nfonts * sizeof(*faces));
		memset(faces + nfaces, 0, ((size_t)kb_dl_nfonts - nfaces) * sizeof(*faces));
		nfaces = (size_t)kb_dl_nfonts;
	}
	if (faces[id] == NULL)
		faces[id] = kb_calloc(1, sizeof(**faces));
	f = faces[id];
	if (f->src == NULL) {
		hb_blob_t *b = hb_blob_create_from_file_or_fail(kb_dl_fonts[id].file);
		if (b == NULL) {
			kb_diagc(KB_D_HARU_FONT, &(struct kb_loc){kb_dl_fonts[id].file, 0, NULL},
			         "cannot read the font file");
			return NULL;
		}
		f->src = hb_face_create(b, (unsigned)kb_dl_fonts[id].index);
		hb_blob_destroy(b);
		if (hb_face_get_glyph_count(f->src) == 0) {
			kb_diagc(KB_D_HARU_FONT, &(struct kb_loc){kb_dl_fonts[id].file, 0, NULL},
			         "not a font file libharu can embed");
			hb_face_destroy(f->src);
			f->src = NULL;
			return NULL;
		}
		f->pre = hb_subset_preprocess(f->src);
		f->font = hb_font_create(f->src);
		f->upem = hb_face_get_upem(f->src);
	}
	return f;
}

void
kb_dl_haru_fini(void)
{
	for (size_t i = 0; i < nfaces; i++) {
		if (faces[i] != NULL && faces[i]->src != NULL) {
			hb_font_destroy(faces[i]->font);
			hb_face_destroy(faces[i]->pre);
			hb_face_destroy(faces[i]->src);
		}
		free(faces[i]);
	}
	free(faces);
	faces = NULL;
	nfaces = 0;
}

/* ---- UTF-8 and UTF-16 ---- */

/* Decodes the character at s (n bytes left) into *cp; returns its length (a bad byte: 1, U+FFFD).
 */
static size_t
utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0)
		len = 2, c = u[0] & 0x1F;
	else if ((u[0] & 0xF0) == 0xE0)
		len = 3, c = u[0] & 0x0F;
	else if ((u[0] & 0xF8) == 0xF0)
		len = 4, c = u[0] & 0x07;
	else
		len = 0, c = 0;
	if (len == 0 || len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = c << 6 | (u[i] & 0x3F);
	}
	*cp = c;
	return len;
}

/* Whether the n bytes at s are all white space (ASCII, no-break, ideographic, zero-width). */
static int
utf8_blank(const char *s, size_t n)
{
	uint32_t c;

	for (size_t i = 0; i < n;) {
		i += utf8_next(s + i, n - i, &c);
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0xA0 &&
		    c != 0x200B && c != 0x3000)
			return 0;
	}
	return 1;
}

/* Whether the n bytes at s hold a white-space character. */
static int
utf8_has_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = utf8_next(s + i, n - i, &c);
		if (utf8_blank(s + i, k))
			return 1;
		i += k;
	}
	return 0;
}

static size_t
utf8_count(const char *s, size_t n)
{
	size_t k = 0;
	uint32_t c;

	for (size_t i = 0; i < n; k++)
		i += utf8_next(s + i, n - i, &c);
	return k;
}

/* Appends the UTF-8 of BMP code c. */
static void
utf8_put(kb_buf *b, uint32_t c)
{
	char u[3];

	if (c < 0x80) {
		u[0] = (char)c;
		kb_buf_put(b, u, 1);
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F));
		kb_buf_put(b, u, 2);
	} else {
		u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		kb_buf_put(b, u, 3);
	}
}

/* Appends text as UTF-16BE hex digits (the destination of a ToUnicode entry). */
static void
utf16_hex(kb_buf *b, const char *s, size_t n)
{
	uint32_t c;

	for (size_t i = 0; i < n;) {
		i += utf8_next(s + i, n - i, &c);
		if (c >= 0x10000) {
			c -= 0x10000;
			kb_buf_printf(b, "%04X%04X", (unsigned)(0xD800 + (c >> 10)),
			              (unsigned)(0xDC00 + (c & 0x3FF)));
		} else {
			kb_buf_printf(b, "%04X", (unsigned)c);
		}
	}
}

/* ---- which glyphs a document shows, and their codes ---- */

static uint32_t
hash_key(uint32_t gid, const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 4; i++, gid >>= 8)
		h = (h ^ (gid & 0xFF)) * 16777619u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Returns the entry for (gid, text), adding it when add is set; NULL when absent. */
static struct gent *
gent_find(struct ufont *u, uint32_t gid, const char *s, size_t n, int add)
{
	size_t i;

	if (u->nslot == 0 || (add && (u->nent + 1) * 2 > u->nslot)) {
		size_t ns = u->nslot ? u->nslot * 2 : 256;
		free(u->slot);
		u->slot = kb_calloc(ns, sizeof(*u->slot));
		u->nslot = ns;
		for (size_t k = 0; k < u->nent; k++) {
			struct gent *e = &u->ent[k];
			for (i = hash_key(e->gid, e->text, e->len) & (ns - 1); u->slot[i];
			     i = (i + 1) & (ns - 1))
				;
			u->slot[i] = (uint32_t)k + 1;
		}
	}
	for (i = hash_key(gid, s, n) & (u->nslot - 1); u->slot[i]; i = (i + 1) & (u->nslot - 1)) {
		struct gent *e = &u->ent[u->slot[i] - 1];
		if (e->gid == gid && e->len == n && memcmp(e->text, s, n) == 0)
			return e;
	}
	if (!add)
		return NULL;
	kb_grow((void **)&u->ent, &u->cap, u->nent + 1, sizeof(*u->ent));
	u->ent[u->nent] = (struct gent){gid, s, n, 0, 0};
	u->slot[i] = (uint32_t)++u->nent;
	return &u->ent[u->nent - 1];
}

/*
 * Splits a run into glyphs to draw, each with the text it stands for:
 * in a cluster of as many characters as glyphs, one character each;
 * otherwise the first glyph carries the whole cluster. A cluster that
 * holds white space with other characters (the layout joins a U+3000 to
 * its neighbour) is also marked as an ActualText span, as cairo writes
 * it: poppler drops a blank whose glyph maps to it alone. The text of a
 * cluster without glyphs joins its neighbour's, unless it is white space
 * (pango leaves a line's trailing space without a glyph; cairo's text
 * drops it too). Returns the count in d->ops.
 */
static size_t
run_ops(struct doc *d, const struct kb_dl_item *it)
{
	const char *t = it->u.run.text;
	size_t tl = it->u.run.textlen, off = 0, n = 0, pend = (size_t)-1;
	int k = 0, ng = it->u.run.nglyphs;

	kb_grow((void **)&d->ops, &d->opcap, (size_t)ng + 1, sizeof(*d->ops));
	for (int c = 0; c < it->u.run.nclusters && off <= tl; c++) {
		size_t nb = (size_t)it->u.run.clusters[c].nbytes, start = off, nch;
		struct op span = {0};
		int m = it->u.run.clusters[c].nglyphs;
		if (nb > tl - off)
			nb = tl - off;
		if (m > ng - k)
			m = ng - k;
		if (m <= 0) {
			if (utf8_blank(t + off, nb)) {
				/* dropped */
			} else if (n > 0 && d->ops[n - 1].text + d->ops[n - 1].len == t + off)
				d->ops[n - 1].len += nb;
			else if (pend == (size_t)-1)
				pend = off;
			off += nb;
			continue;
		}
		if (pend != (size_t)-1)
			start = pend, pend = (size_t)-1;
		nch = utf8_count(t + off, nb);
		/* White space joined to its neighbour: poppler drops a blank that maps
		 * alone, so the cluster's text goes in an ActualText span. */
		if (nch > 1 && utf8_has_blank(t + off, nb))
			span = (struct op){0, 0, 0, NULL, 0, m, t + start, off + nb - start};
		else
			span.span = 0;
		for (int i = 0; i < m; i++) {
			struct op *p = &d->ops[n++];
			p->span = i == 0 ? span.span : 0;
			p->atext = span.atext, p->alen = span.alen;
			p->gid = it->u.run.glyphs[k + i].id;
			p->x = it->u.run.glyphs[k + i].x;
			p->y = it->u.run.glyphs[k + i].y;
			if (nch == (size_t)m) {
				uint32_t cp;
				size_t end = off + utf8_next(t + off, tl - off, &cp);
				p->text = t + start, p->len = end - start;
				start = off = end;
			} else if (i == 0) {
				p->text = t + start, p->len = off + nb - start;
			} else {
				p->text = t + off + nb, p->len = 0;
			}
		}
		if (nch != (size_t)m)
			off += nb;
		k += m;
	}
	/* Glyphs no cluster claims still show, with no text. */
	for (; k < ng; k++)
		d->ops[n++] = (struct op){it->u.run.glyphs[k].id,
		                          it->u.run.glyphs[k].x,
		                          it->u.run.glyphs[k].y,
		                          t + tl,
		                          0,
		                          0,
		                          NULL,
		                          0};
	return n;
}

/* Records every glyph of the document; returns 0 or -1 after a diagnostic. */
static int
collect(struct doc *d)
{
	for (size_t p = 0; p < d->dl->npages; p++)
		for (size_t i = 0; i < d->dl->pages[p].nitems; i++) {
			const struct kb_dl_item *it = &d->dl->pages[p].items[i];
			struct ufont *u;
			size_t n;
			if (it->kind != KB_DL_GLYPHS || it->u.run.nglyphs == 0)
				continue;
			if (it->u.run.font < 0 || it->u.run.font >= kb_dl_nfonts) {
				kb_diagc(KB_D_HARU, NULL, "display list names font %d of %d",
				         it->u.run.font, kb_dl_nfonts);
				return -1;
			}
			u = &d->fonts[it->u.run.font];
			if (u->face == NULL && (u->face = face_for(it->u.run.font)) == NULL)
				return -1;
			n = run_ops(d, it);
			for (size_t k = 0; k < n; k++)
				gent_find(u, d->ops[k].gid, d->ops[k].text, d->ops[k].len, 1);
		}
	return 0;
}

#define BIT(set, c) ((set)[(c) >> 3] & (1u << ((c)&7)))
#define SETBIT(set, c) ((set)[(c) >> 3] |= (uint8_t)(1u << ((c)&7)))

/*
 * Gives each entry its code (see the comment at the top). old2new maps
 * font glyphs to the subset's n glyphs. Returns 0 or -1 after a diagnostic.
 */
static int
assign_codes(struct ufont *u, const hb_map_t *old2new, unsigned n, const char *family)
{
	uint8_t *seen = kb_calloc(n / 8 + 1, 1);
	uint32_t next = CODE_BASE + n;
	int rc = 0;

	for (size_t i = 0; i < u->nent && rc == 0; i++) {
		struct gent *e = &u->ent[i];
		hb_codepoint_t g = hb_map_get(old2new, e->gid);
		/* A glyph the font lacks draws .notdef, the subset's glyph 0. */
		e->sub = g == HB_MAP_VALUE_INVALID || g >= n ? 0 : g;
		if (!BIT(seen, e->sub)) {
			SETBIT(seen, e->sub);
			e->code = CODE_BASE + e->sub;
			continue;
		}
		if (next >= 0xD800 && next <= 0xDFFF) /* not encodable in UTF-8 */
			next = 0xE000;
		e->code = next++;
		if (CODE_BASE + n > 0xD800 || e->code > 0xFFFD)
			rc = -1;
	}
	if (rc != 0)
		kb_diagc(KB_D_HARU_GLYPHS, NULL,
		         "%s shows %zu glyph forms in one document, more than libharu's 16-bit "
		         "codes hold",
		         family, u->nent);
	free(seen);
	return rc;
}

/* ---- the font program: subset plus our cmap ---- */

static void
be16(kb_buf *b, unsigned v)
{
	char c[2] = {(char)(v >> 8), (char)v};
	kb_buf_put(b, c, 2);
}

static void
be32(kb_buf *b, uint32_t v)
{
	be16(b, v >> 16);
	be16(b, v & 0xFFFF);
}

struct pair {
	uint32_t code, gid;
};

static int
by_code(const void *a, const void *b)
{
	uint32_t x = ((const struct pair *)a)->code, y = ((const struct pair *)b)->code;
	return x < y ? -1 : x > y;
}

/*
 * Writes a cmap table with one (3,1) format 4 subtable mapping the codes
 * of pv (sorted) to their glyphs. Returns 0, or -1 when it cannot hold them.
 */
static int
cmap_table(kb_buf *b, const struct pair *pv, size_t n)
{
	uint32_t *start = kb_malloc((n + 1) * sizeof(*start)),
	         *end = kb_malloc((n + 1) * sizeof(*end));
	unsigned *delta = kb_malloc((n + 1) * sizeof(*delta));
	size_t ns = 0;
	unsigned range = 2, sel = 0, len;

	/* One segment per run of consecutive codes drawing consecutive glyphs. */
	for (size_t i = 0; i < n; i++) {
		if (ns > 0 && pv[i].code == end[ns - 1] + 1 &&
		    pv[i].gid == (pv[i].code + delta[ns - 1]) % 65536) {
			end[ns - 1] = pv[i].code;
			continue;
		}
		start[ns] = end[ns] = pv[i].code;
		delta[ns++] = (pv[i].gid + 65536 - pv[i].code) % 65536;
	}
	start[ns] = end[ns] = 0xFFFF, delta[ns++] = 1;
	len = 16 + 8 * (unsigned)ns;
	if (ns > 8000) {
		free(start), free(end), free(delta);
		return -1;
	}
	while (range * 2 <= 2 * ns)
		range *= 2, sel++;
	be16(b, 0), be16(b, 1);              /* version, one subtable */
	be16(b, 3), be16(b, 1), be32(b, 12); /* Windows, Unicode BMP */
	be16(b, 4), be16(b, len), be16(b, 0);
	be16(b, 2 * (unsigned)ns), be16(b, range), be16(b, sel), be16(b, 2 * (unsigned)ns - range);
	for (size_t i = 0; i < ns; i++)
		be16(b, end[i]);
	be16(b, 0);
	for (size_t i = 0; i < ns; i++)
		be16(b, start[i]);
	for (size_t i = 0; i < ns; i++)
		be16(b, delta[i]);
	for (size_t i = 0; i < ns; i++)
		be16(b, 0);
	free(start), free(end), free(delta);
	return 0;
}

static hb_tag_t
tag_of(const char *s)
{
	return HB_TAG(s[0], s[1], s[2], s[3]);
}

/*
 * Builds the font program for font id as u uses it: the subset of its
 * face with exactly the glyphs of u->ent, and our cmap; assigns the
 * codes. Writes a six-letter subset tag into tag. Returns the blob (the
 * caller destroys it), or NULL after a diagnostic.
 */
static hb_blob_t *
font_program(struct ufont *u, int id, char tag[7])
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL, *out = NULL;
	hb_blob_t *res = NULL, *cm;
	struct pair *pv = NULL;
	size_t np = 0;
	kb_buf cmap = {0};
	HPDF_MD5_CTX md5;
	HPDF_BYTE dg[16];

	if (in == NULL)
		goto fail;
	for (size_t i = 0; i < u->nent; i++)
		hb_set_add(hb_subset_input_glyph_set(in), u->ent[i].gid);
	for (size_t i = 0; i < sizeof(drop_tags) / sizeof(*drop_tags); i++)
		hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG),
		           tag_of(drop_tags[i]));
	/* A character the font lacks shows .notdef's box, as with cairo. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
	plan = hb_subset_plan_create_or_fail(u->face->pre, in);
	if (plan == NULL || (sub = hb_subset_plan_execute_or_fail(plan)) == NULL)
		goto fail;
	if (assign_codes(u, hb_subset_plan_old_to_new_glyph_mapping(plan),
	                 hb_face_get_glyph_count(sub), kb_dl_fonts[id].family) != 0)
		goto out;
	pv = kb_malloc((u->nent + 1) * sizeof(*pv));
	for (size_t i = 0; i < u->nent; i++)
		if (u->ent[i].sub != 0)
			pv[np++] = (struct pair){u->ent[i].code, u->ent[i].sub};
	qsort(pv, np, sizeof(*pv), by_code);
	if (cmap_table(&cmap, pv, np) != 0)
		goto fail;
	out = hb_face_builder_create();
	for (size_t i = 0; i < sizeof(keep_tags) / sizeof(*keep_tags); i++) {
		hb_blob_t *t = hb_face_reference_table(sub, tag_of(keep_tags[i]));
		hb_face_builder_add_table(out, tag_of(keep_tags[i]), t);
		hb_blob_destroy(t);
	}
	cm = hb_blob_create(cmap.data, (unsigned)cmap.len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_builder_add_table(out, HB_TAG('c', 'm', 'a', 'p'), cm);
	hb_blob_destroy(cm);
	res = hb_face_reference_blob(out);
	if (hb_blob_get_length(res) == 0)
		goto fail;
	/* The subset tag names this glyph set and these codes, the same every run. */
	HPDF_MD5Init(&md5);
	HPDF_MD5Update(&md5, (const HPDF_BYTE *)kb_dl_fonts[id].family,
	               (HPDF_UINT32)strlen(kb_dl_fonts[id].family));
	HPDF_MD5Update(&md5, (const HPDF_BYTE *)cmap.data, (HPDF_UINT32)cmap.len);
	for (size_t i = 0; i < u->nent; i++)
		HPDF_MD5Update(&md5, (const HPDF_BYTE *)&u->ent[i].gid, sizeof(u->ent[i].gid));
	HPDF_MD5Final(dg, &md5);
	for (int i = 0; i < 6; i++)
		tag[i] = (char)('A' + dg[i] % 26);
	tag[6] = '\0';
	goto out;
fail:
	kb_diagc(KB_D_HARU_FONT, &(struct kb_loc){kb_dl_fonts[id].file, 0, NULL},
	         "HarfBuzz cannot subset the font");
	hb_blob_destroy(res);
	res = NULL;
out:
	/* The builder serialised the cmap bytes into res; they can go now. */
	hb_face_destroy(out);
	kb_buf_free(&cmap);
	free(pv);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	return res;
}

/* Replaces the contents of the font's ToUnicode CMap by ours: every code to its text. */
static void
to_unicode(struct doc *d, const struct ufont *u)
{
	HPDF_Dict tu = ((HPDF_FontAttr)u->font->attr)->cmap_stream;
	kb_buf b = {0};
	size_t nmap = 0;

	if (tu == NULL || tu->stream == NULL) {
		tu = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
		if (tu == NULL)
			return;
		HPDF_Dict_Add(u->font, "ToUnicode", tu);
	} else {
		HPDF_MemStream_FreeData(tu->stream);
	}
	kb_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (size_t i = 0; i < u->nent; i++)
		nmap += u->ent[i].len > 0;
	for (size_t i = 0, k = 0; i < u->nent; i++) {
		const struct gent *e = &u->ent[i];
		if (e->len == 0)
			continue;
		/* At most 100 entries to a block. */
		if (k % 100 == 0)
			kb_buf_printf(&b, "%zu beginbfchar\n",
			              nmap - k < 100 ? nmap - k : (size_t)100);
		kb_buf_printf(&b, "<%04X> <", (unsigned)e->code);
		utf16_hex(&b, e->text, e->len);
		kb_buf_puts(&b, ">\n");
		if (++k % 100 == 0 || k == nmap)
			kb_buf_puts(&b, "endbfchar\n");
	}
	kb_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	kb_buf_free(&b);
}

/*
 * libharu writes a CIDToGIDMap entry for each of the 65536 CIDs, 128 KiB
 * to compress per font; the map need only reach the highest code used.
 */
static void
cid_map(const struct ufont *u)
{
	HPDF_Dict m = ((HPDF_FontAttr)u->font->attr)->map_stream;
	uint32_t max = 0;
	HPDF_BYTE *b;

	if (m == NULL || m->stream == NULL)
		return;
	for (size_t i = 0; i < u->nent; i++)
		if (u->ent[i].code > max)
			max = u->ent[i].code;
	b = kb_calloc(2 * ((size_t)max + 1), 1);
	for (size_t i = 0; i < u->nent; i++) {
		b[2 * u->ent[i].code] = (HPDF_BYTE)(u->ent[i].sub >> 8);
		b[2 * u->ent[i].code + 1] = (HPDF_BYTE)u->ent[i].sub;
	}
	HPDF_MemStream_FreeData(m->stream);
	HPDF_Stream_Write(m->stream, b, 2 * (max + 1));
	free(b);
}

/* Builds, loads and registers the subset font of display-list font id; returns 0 or -1. */
static int
load_font(struct doc *d, int id)
{
	struct ufont *u = &d->fonts[id];
	char tag[7];
	hb_blob_t *blob;
	HPDF_Stream st;
	HPDF_FontDef def;
	const char *data;
	unsigned len;

	blob = font_program(u, id, tag);
	if (blob == NULL)
		return -1;
	data = hb_blob_get_data(blob, &len);
	st = HPDF_MemStream_New(d->pdf->mmgr, 65536);
	if (st != NULL && HPDF_Stream_Write(st, (const HPDF_BYTE *)data, len) != HPDF_OK) {
		HPDF_Stream_Free(st);
		st = NULL;
	}
	hb_blob_destroy(blob);
	/* The font definition owns the stream from here, also when loading fails. */
	def = st ? HPDF_TTFontDef_Load(d->pdf->mmgr, st, HPDF_TRUE) : NULL;
	if (def == NULL) {
		if (!failed(d))
			kb_diagc(KB_D_HARU_FONT, &(struct kb_loc){kb_dl_fonts[id].file, 0, NULL},
			         "libharu cannot load the font subset");
		return -1;
	}
	/* The tag goes into the PDF's font name; the lookup key only has to be unique. */
	HPDF_TTFontDef_SetTagName(def, tag);
	snprintf(def->base_font, sizeof(def->base_font), "kobun-font-%d", id);
	if (HPDF_Doc_RegisterFontDef(d->pdf, def) != HPDF_OK)
		return -1;
	u->font = HPDF_GetFont(d->pdf, def->base_font, "UTF-8");
	if (u->font == NULL)
		return -1;
	cid_map(u);
	to_unicode(d, u);
	return 0;
}

/* ---- drawing ---- */

/* The advance of glyph gid, in libharu's units (1/1000 em, truncated as it writes /W). */
static double
advance(const struct ufont *u, uint32_t gid)
{
	unsigned a = (unsigned)hb_font_get_glyph_h_advance(u->face->font, gid);
	return (double)(a * 1000 / u->face->upem);
}

/* Appends operators to the page's content stream; libharu 2.3 has no call for marked content. */
static void
raw_ops(HPDF_Page pg, const char *ops)
{
	HPDF_Stream_WriteStr(((HPDF_PageAttr)pg->attr)->stream, ops);
}

/* Opens a marked-content span whose ActualText is the n bytes of UTF-8 at s. */
static void
span_begin(HPDF_Page pg, const char *s, size_t n)
{
	kb_buf b = {0};

	kb_buf_puts(&b, "/Span<</ActualText<FEFF");
	utf16_hex(&b, s, n);
	kb_buf_puts(&b, ">>>BDC\n");
	raw_ops(pg, b.data);
	kb_buf_free(&b);
}

static void
show(struct doc *d, HPDF_Page pg)
{
	if (d->text.len > 0)
		HPDF_Page_ShowText(pg, d->text.data);
	d->text.len = 0;
}

/*
 * Draws a glyph run: one shown string per stretch of glyphs that sit
 * where the font's advances put them, a new text matrix elsewhere
 * (justified lines, vertical columns, one glyph at a time).
 */
static void
draw_run(struct doc *d, HPDF_Page pg, double ph, const struct kb_dl_item *it)
{
	struct ufont *u = &d->fonts[it->u.run.font];
	size_t n = run_ops(d, it), span_end = 0;
	double size = it->u.run.size, px = 0, py = 0;

	HPDF_Page_GSave(pg);
	if (it->u.run.angle != 0) {
		/* Clockwise on the page, which grows y downward, is counter-clockwise in PDF. */
		double c = cos(it->u.run.angle), s = sin(it->u.run.angle);
		double ox = it->u.run.ox, oy = ph - it->u.run.oy;
		HPDF_Page_Concat(pg, (HPDF_REAL)c, (HPDF_REAL)-s, (HPDF_REAL)s, (HPDF_REAL)c,
		                 (HPDF_REAL)(ox - c * ox - s * oy),
		                 (HPDF_REAL)(oy + s * ox - c * oy));
	}
	HPDF_Page_SetGrayFill(pg, (HPDF_REAL)it->u.run.gray);
	HPDF_Page_BeginText(pg);
	HPDF_Page_SetFontAndSize(pg, u->font, (HPDF_REAL)size);
	d->text.len = 0;
	for (size_t k = 0; k < n; k++) {
		const struct op *p = &d->ops[k];
		const struct gent *e = gent_find(u, p->gid, p->text, p->len, 0);
		double y = ph - p->y;
		if (p->span > 0) {
			show(d, pg);
			span_begin(pg, p->atext, p->alen);
			span_end = k + (size_t)p->span;
		}
		if (e == NULL) /* cannot happen: collect() saw the same glyphs */
			continue;
		if (d->text.len == 0 || fabs(p->x - px) > 0.005 || fabs(y - py) > 0.0005) {
			show(d, pg);
			HPDF_Page_SetTextMatrix(pg, 1, 0, 0, 1, (HPDF_REAL)p->x, (HPDF_REAL)y);
			px = p->x, py = y;
		}
		utf8_put(&d->text, e->code);
		px += advance(u, p->gid) * size / 1000;
		if (k + 1 == span_end) {
			show(d, pg);
			raw_ops(pg, "EMC\n");
		}
	}
	show(d, pg);
	HPDF_Page_EndText(pg);
	HPDF_Page_GRestore(pg);
}

static void
draw_line(HPDF_Page pg, double ph, const struct kb_dl_item *it)
{
	/* libharu's dash lengths are integers: draw at twice the scale for the 2 / 1.5 pt dash. */
	static const HPDF_UINT16 dash[] = {4, 3};
	double k = it->u.line.dash ? 2 : 1;

	HPDF_Page_GSave(pg);
	if (it->u.line.dash) {
		HPDF_Page_Concat(pg, 0.5, 0, 0, 0.5, 0, 0);
		HPDF_Page_SetDash(pg, dash, 2, 0);
	}
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)(it->u.line.width * k));
	HPDF_Page_MoveTo(pg, (HPDF_REAL)(it->u.line.x0 * k), (HPDF_REAL)((ph - it->u.line.y0) * k));
	HPDF_Page_LineTo(pg, (HPDF_REAL)(it->u.line.x1 * k), (HPDF_REAL)((ph - it->u.line.y1) * k));
	HPDF_Page_Stroke(pg);
	HPDF_Page_GRestore(pg);
}

static void
draw_rect(HPDF_Page pg, double ph, const struct kb_dl_item *it)
{
	/* Colours and widths belong to the page state: set before the path starts. */
	HPDF_Page_GSave(pg);
	if (it->u.rect.fill) {
		HPDF_Page_SetGrayFill(pg, (HPDF_REAL)it->u.rect.gray);
	} else {
		HPDF_Page_SetGrayStroke(pg, (HPDF_REAL)it->u.rect.gray);
		HPDF_Page_SetLineWidth(pg, (HPDF_REAL)it->u.rect.width);
	}
	HPDF_Page_Rectangle(pg, (HPDF_REAL)it->u.rect.x,
	                    (HPDF_REAL)(ph - it->u.rect.y - it->u.rect.h), (HPDF_REAL)it->u.rect.w,
	                    (HPDF_REAL)it->u.rect.h);
	if (it->u.rect.fill)
		HPDF_Page_Fill(pg);
	else
		HPDF_Page_Stroke(pg);
	HPDF_Page_GRestore(pg);
}

static void
draw_page(struct doc *d, HPDF_Page pg, const struct kb_dl_page *p)
{
	for (size_t i = 0; i < p->nitems; i++) {
		const struct kb_dl_item *it = &p->items[i];
		switch (it->kind) {
		case KB_DL_GLYPHS:
			if (it->u.run.nglyphs > 0)
				draw_run(d, pg, p->height, it);
			break;
		case KB_DL_LINE:
			draw_line(pg, p->height, it);
			break;
		case KB_DL_RECT:
			draw_rect(pg, p->height, it);
			break;
		case KB_DL_TAG_BEGIN:
		case KB_DL_TAG_END:
			/* libharu cannot write a structure tree: these copies are untagged. */
			break;
		}
	}
}

/* ---- document parts ---- */

/* A parsed meta.create_date; ok is 0 when there is none or it does not parse. */
struct date {
	int ok, y, mo, d, h, mi, s, oh, om;
	char sign;
};

static struct date
parse_date(const char *s)
{
	struct date t = {0};
	int n = 0;

	if (s == NULL)
		return t;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &t.y, &t.mo, &t.d, &t.h, &t.mi, &t.s, &n) == 6) {
		const char *z = s + n;
		if (*z == 'Z' && z[1] == '\0')
			t.ok = 1, t.sign = 'Z';
		else if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &t.oh, &t.om) == 2 &&
		         strlen(z) == 6)
			t.ok = 1, t.sign = *z;
	}
	if (t.ok && (t.mo < 1 || t.mo > 12 || t.d < 1 || t.d > 31 || t.h > 23 || t.mi > 59 ||
	             t.s > 59 || t.oh > 23 || t.om > 59))
		t.ok = 0;
	return t;
}

static void
info(struct doc *d, const struct date *t)
{
	const struct kb_dl_meta *m = &d->dl->meta;
	const struct {
		HPDF_InfoType type;
		const char *v;
	} f[] = {{HPDF_INFO_TITLE, m->title},
	         {HPDF_INFO_AUTHOR, m->author},
	         {HPDF_INFO_SUBJECT, m->subject},
	         {HPDF_INFO_KEYWORDS, m->keywords},
	         {HPDF_INFO_CREATOR, m->creator}};

	/* With the UTF-8 encoder current, libharu writes these as UTF-16BE strings. */
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++)
		if (f[i].v != NULL && *f[i].v != '\0')
			HPDF_SetInfoAttr(d->pdf, f[i].type, f[i].v);
	if (t->ok) {
		HPDF_Date hd = {t->y, t->mo, t->d, t->h, t->mi, t->s, t->sign, t->oh, t->om};
		HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, hd);
		HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, hd);
	} else if (m->create_date != NULL) {
		kb_diagc(KB_D_PDF_DATE, NULL,
		         "creation date \"%s\" is not YYYY-MM-DDThh:mm:ss+hh:mm; the PDF has none",
		         m->create_date);
	}
}

/* One bookmark per outline entry, opening at the heading without changing the zoom. */
static void
outline(struct doc *d)
{
	HPDF_Encoder enc = HPDF_GetEncoder(d->pdf, "UTF-8");

	for (size_t i = 0; i < d->dl->noutline; i++) {
		const struct kb_dl_outline *e = &d->dl->outline[i];
		HPDF_Outline ol;
		HPDF_Destination dst;
		if (e->page >= d->dl->npages)
			continue;
		ol = HPDF_CreateOutline(d->pdf, NULL, e->title, enc);
		dst = HPDF_Page_CreateDestination(d->pages[e->page]);
		if (ol == NULL || dst == NULL)
			return;
		/* HPDF_Destination_SetXYZ refuses zoom 0 ("keep"), so the array is written here. */
		HPDF_Array_Clear(dst);
		HPDF_Array_Add(dst, d->pages[e->page]);
		HPDF_Array_AddName(dst, "XYZ");
		HPDF_Array_AddReal(dst, (HPDF_REAL)e->x);
		HPDF_Array_AddReal(dst, (HPDF_REAL)(d->dl->pages[e->page].height - e->y));
		HPDF_Array_AddReal(dst, 0);
		HPDF_Outline_SetDestination(ol, dst);
	}
}

/*
 * The document ID of an unprotected document: a digest of everything
 * drawn, so that equal documents get equal IDs.
 */
static void
doc_id(const struct kb_dl *dl, enum kb_haru_mode mode, HPDF_BYTE id[16])
{
	const char *m[] = {dl->meta.title,    dl->meta.author,  dl->meta.subject,
	                   dl->meta.keywords, dl->meta.creator, dl->meta.create_date};
	HPDF_MD5_CTX c;
	int md = (int)mode;

#define FEED(p, n) HPDF_MD5Update(&c, (const HPDF_BYTE *)(p), (HPDF_UINT32)(n))
	HPDF_MD5Init(&c);
	FEED("kobun-haru", 10);
	FEED(&md, sizeof(md));
	for (size_t i = 0; i < sizeof(m) / sizeof(*m); i++)
		FEED(m[i] ? m[i] : "", m[i] ? strlen(m[i]) + 1 : 1);
	for (size_t i = 0; i < dl->noutline; i++) {
		FEED(dl->outline[i].title, strlen(dl->outline[i].title) + 1);
		FEED(&dl->outline[i].page, sizeof(dl->outline[i].page));
		FEED(&dl->outline[i].x, sizeof(double));
		FEED(&dl->outline[i].y, sizeof(double));
	}
	for (size_t p = 0; p < dl->npages; p++) {
		const struct kb_dl_page *pg = &dl->pages[p];
		FEED(&pg->width, sizeof(double));
		FEED(&pg->height, sizeof(double));
		for (size_t i = 0; i < pg->nitems; i++) {
			const struct kb_dl_item *it = &pg->items[i];
			if (it->kind == KB_DL_TAG_BEGIN || it->kind == KB_DL_TAG_END)
				continue; /* not drawn here: the ID stays that of what is drawn */
			FEED(&it->kind, sizeof(it->kind));
			if (it->kind == KB_DL_GLYPHS) {
				const char *fam = kb_dl_fonts[it->u.run.font].family;
				FEED(fam, strlen(fam) + 1);
				FEED(&it->u.run.size, sizeof(double));
				FEED(&it->u.run.gray, sizeof(double));
				FEED(&it->u.run.angle, sizeof(double));
				FEED(it->u.run.text, it->u.run.textlen);
				for (int k = 0; k < it->u.run.nglyphs; k++) {
					FEED(&it->u.run.glyphs[k].id, sizeof(uint32_t));
					FEED(&it->u.run.glyphs[k].x, sizeof(double));
					FEED(&it->u.run.glyphs[k].y, sizeof(double));
				}
			} else if (it->kind == KB_DL_LINE) {
				FEED(&it->u.line.x0, 4 * sizeof(double));
				FEED(&it->u.line.width, sizeof(double));
				FEED(&it->u.line.dash, sizeof(int));
			} else {
				FEED(&it->u.rect.x, 6 * sizeof(double));
				FEED(&it->u.rect.fill, sizeof(int));
			}
		}
	}
#undef FEED
	HPDF_MD5Final(id, &c);
}

static void
xml_elem(kb_buf *b, const char *name, const char *pre, const char *v, const char *post)
{
	if (v == NULL || *v == '\0')
		return;
	kb_buf_printf(b, "<%s>%s", name, pre);
	kb_buf_put_xml(b, v);
	kb_buf_printf(b, "%s</%s>\n", post, name);
}

/* The XMP packet of a PDF/A-1b copy; it repeats the Info dictionary, as PDF/A requires. */
static void
xmp(struct doc *d, const struct date *t)
{
	const struct kb_dl_meta *m = &d->dl->meta;
	const char *alt = "<rdf:Alt><rdf:li xml:lang=\"x-default\">", *ealt = "</rdf:li></rdf:Alt>";
	char date[40] = "";
	kb_buf b = {0};
	HPDF_Dict s;

	if (t->ok) {
		if (t->sign == 'Z')
			snprintf(date, sizeof(date), "%04d-%02d-%02dT%02d:%02d:%02dZ", t->y, t->mo,
			         t->d, t->h, t->mi, t->s);
		else
			snprintf(date, sizeof(date), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
			         t->y, t->mo, t->d, t->h, t->mi, t->s, t->sign, t->oh, t->om);
	}
	kb_buf_puts(
	    &b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	        "<dc:format>application/pdf</dc:format>\n");
	xml_elem(&b, "dc:title", alt, m->title, ealt);
	xml_elem(&b, "dc:creator", "<rdf:Seq><rdf:li>", m->author, "</rdf:li></rdf:Seq>");
	xml_elem(&b, "dc:description", alt, m->subject, ealt);
	kb_buf_puts(
	    &b, "</rdf:Description>\n"
	        "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	xml_elem(&b, "xmp:CreatorTool", "", m->creator, "");
	xml_elem(&b, "xmp:CreateDate", "", date, "");
	xml_elem(&b, "xmp:ModifyDate", "", date, "");
	kb_buf_puts(
	    &b, "</rdf:Description>\n"
	        "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	xml_elem(&b, "pdf:Producer", "", HPDF_GetInfoAttr(d->pdf, HPDF_INFO_PRODUCER), "");
	xml_elem(&b, "pdf:Keywords", "", m->keywords, "");
	kb_buf_puts(
	    &b,
	    "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	    "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
	/* PDF/A-1 wants the packet readable as is: the stream has no filter. */
	s = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	if (s == NULL)
		goto out;
	HPDF_Dict_AddName(s, "Type", "Metadata");
	HPDF_Dict_AddName(s, "Subtype", "XML");
	HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	HPDF_Dict_Add(d->pdf->catalog, "Metadata", s);
out:
	kb_buf_free(&b);
}

/*
 * A minimal ICC v2 monitor profile for gray, gamma 2.2, D50 white: the
 * output intent PDF/A-1 wants when pages use DeviceGray. Appends it to b.
 */
static void
gray_icc(kb_buf *b)
{
	static const char desc[] = "kobun gray gamma 2.2";
	static const char cprt[] = "No copyright, use freely";
	kb_buf tags = {0};
	uint32_t off[4], len[4];
	static const char sig[4][5] = {"desc", "cprt", "wtpt", "kTRC"};
	const uint32_t hdr = 128 + 4 + 4 * 12;

	/* desc: textDescriptionType with an empty Unicode and ScriptCode part. */
	off[0] = hdr + (uint32_t)tags.len;
	kb_buf_puts(&tags, "desc");
	be32(&tags, 0);
	be32(&tags, sizeof(desc));
	kb_buf_put(&tags, desc, sizeof(desc));
	be32(&tags, 0), be32(&tags, 0), be16(&tags, 0);
	for (int i = 0; i < 68; i++)
		kb_buf_put(&tags, "", 1);
	len[0] = hdr + (uint32_t)tags.len - off[0];
	while (tags.len % 4)
		kb_buf_put(&tags, "", 1);
	off[1] = hdr + (uint32_t)tags.len;
	kb_buf_puts(&tags, "text");
	be32(&tags, 0);
	kb_buf_put(&tags, cprt, sizeof(cprt));
	len[1] = hdr + (uint32_t)tags.len - off[1];
	while (tags.len % 4)
		kb_buf_put(&tags, "", 1);
	off[2] = hdr + (uint32_t)tags.len;
	kb_buf_puts(&tags, "XYZ ");
	be32(&tags, 0), be32(&tags, 0xF6D6), be32(&tags, 0x10000), be32(&tags, 0xD32D);
	len[2] = 20;
	off[3] = hdr + (uint32_t)tags.len;
	kb_buf_puts(&tags, "curv");
	be32(&tags, 0), be32(&tags, 1), be16(&tags, 0x0233); /* u8Fixed8 2.2 */
	len[3] = 14;
	while (tags.len % 4)
		kb_buf_put(&tags, "", 1);

	be32(b, hdr + (uint32_t)tags.len); /* profile size */
	be32(b, 0);
	be32(b, 0x02100000); /* version 2.1 */
	kb_buf_puts(b, "mntrGRAYXYZ ");
	for (int i = 0; i < 6; i++)
		be16(b, i < 3 ? (unsigned[]){2026, 1, 1}[i] : 0);
	kb_buf_puts(b, "acsp");
	for (int i = 0; i < 6; i++) /* platform, flags, manufacturer, model, attributes (8) */
		be32(b, 0);
	be32(b, 0);                                         /* perceptual */
	be32(b, 0xF6D6), be32(b, 0x10000), be32(b, 0xD32D); /* D50 */
	be32(b, 0);
	for (int i = 0; i < 44; i++)
		kb_buf_put(b, "", 1);
	be32(b, 4);
	for (int i = 0; i < 4; i++) {
		kb_buf_put(b, sig[i], 4);
		be32(b, off[i]);
		be32(b, len[i]);
	}
	kb_buf_put(b, tags.data, tags.len);
	kb_buf_free(&tags);
}

static void
output_intent(struct doc *d)
{
	HPDF_MMgr mm = d->pdf->mmgr;
	HPDF_Dict icc = HPDF_DictStream_New(mm, d->pdf->xref), oi = HPDF_Dict_New(mm);
	HPDF_Array a = HPDF_Array_New(mm);
	kb_buf b = {0};

	if (icc == NULL || oi == NULL || a == NULL)
		return;
	gray_icc(&b);
	HPDF_Dict_AddNumber(icc, "N", 1);
	HPDF_Stream_Write(icc->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	kb_buf_free(&b);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, "Custom", NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "Gray, gamma 2.2, D50", NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", icc);
	HPDF_Array_Add(a, oi);
	HPDF_Dict_Add(d->pdf->catalog, "OutputIntents", a);
}

/*
 * PDF/A-1 wants a CIDSet naming the CIDs of a subset font. libharu makes
 * the font descriptor only while saving; making it now (its hook is safe
 * to run twice) lets us add one. The CIDs are our codes, and 0.
 */
static void
cid_set(struct doc *d, const struct ufont *u)
{
	HPDF_FontDef def = ((HPDF_FontAttr)u->font->attr)->fontdef;
	uint8_t *bits;
	uint32_t max = 0;
	HPDF_Dict s;

	if (u->font->before_write_fn == NULL || u->font->before_write_fn(u->font) != HPDF_OK ||
	    def->descriptor == NULL)
		return;
	for (size_t i = 0; i < u->nent; i++)
		if (u->ent[i].code > max)
			max = u->ent[i].code;
	/* One bit per CID, the first byte's most significant bit for CID 0 (.notdef). */
	bits = kb_calloc(max / 8 + 1, 1);
	bits[0] = 0x80;
	for (size_t i = 0; i < u->nent; i++) {
		uint32_t c = u->ent[i].code;
		bits[c >> 3] |= (uint8_t)(0x80u >> (c & 7));
	}
	s = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	if (s != NULL) {
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Stream_Write(s->stream, bits, max / 8 + 1);
		HPDF_Dict_Add(def->descriptor, "CIDSet", s);
	}
	free(bits);
}

static HPDF_STATUS
to_buf(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	kb_buf_put(s->attr, (const char *)p, n);
	return HPDF_OK;
}

/*
 * Writes the document to out. This is libharu's own save, except that the
 * file identifier (and so the encryption key) is id rather than a digest
 * of the clock, which libharu 2.3 gives no call to change.
 */
static int
save(struct doc *d, const HPDF_BYTE id[16], kb_buf *out)
{
	HPDF_Doc pdf = d->pdf;
	HPDF_Stream s = HPDF_CallbackWriter_New(pdf->mmgr, to_buf, out);
	HPDF_Encrypt e = NULL;
	HPDF_Array ids;

	HPDF_STATUS st = HPDF_OK;

	if (s == NULL)
		return -1;
	HPDF_Stream_WriteStr(s, "%PDF-1.4\012%\267\276\255\252\012");
	HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog);
	HPDF_Dict_Add(pdf->trailer, "Info", pdf->info);
	if (pdf->encrypt_on && HPDF_Doc_PrepareEncryption(pdf) == HPDF_OK) {
		e = HPDF_EncryptDict_GetAttr(pdf->encrypt_dict);
		memcpy(e->encrypt_id, id, HPDF_ID_LEN);
		HPDF_Encrypt_CreateOwnerKey(e);
		HPDF_Encrypt_CreateEncryptionKey(e);
		HPDF_Encrypt_CreateUserKey(e);
		HPDF_Dict_Add(pdf->encrypt_dict, "O",
		              HPDF_Binary_New(pdf->mmgr, e->owner_key, HPDF_PASSWD_LEN));
		HPDF_Dict_Add(pdf->encrypt_dict, "U",
		              HPDF_Binary_New(pdf->mmgr, e->user_key, HPDF_PASSWD_LEN));
	}
	ids = HPDF_Array_New(pdf->mmgr);
	if (ids != NULL) {
		HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, HPDF_ID_LEN));
		HPDF_Array_Add(ids, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, HPDF_ID_LEN));
		HPDF_Dict_Add(pdf->trailer, "ID", ids);
	}
	if (!failed(d))
		st = HPDF_Xref_WriteToStream(pdf->xref, s, e);
	HPDF_Stream_Free(s);
	return st == HPDF_OK ? 0 : -1;
}

/* Permissions of a protected copy: print (also in high quality); no copying, no changes. */
#define PROTECT_PERMISSIONS (0xFFFFF0C0u | HPDF_ENABLE_PRINT | 0x800u)

static int
check_opts(const struct kb_haru_opts *o)
{
	if (o->mode != KB_HARU_PROTECT)
		return 0;
	if (o->user_password == NULL || *o->user_password == '\0' || o->owner_password == NULL ||
	    *o->owner_password == '\0') {
		kb_diagc(KB_D_PASSWORD_MISSING, NULL,
		         "a protected PDF needs a user and an owner password; none was given");
		return -1;
	}
	if (strcmp(o->user_password, o->owner_password) == 0) {
		kb_diagc(
		    KB_D_PASSWORD_SAME, NULL,
		    "the owner password of a protected PDF must differ from the user password");
		return -1;
	}
	/* A caller's bug, not the user's: kobun passes the register's ID. */
	if (o->id == NULL) {
		kb_diagc(KB_D_HARU, NULL, "a protected PDF needs its document ID; none was given");
		return -1;
	}
	return 0;
}

/* libharu's first error, whether or not it reached the handler (0 when none). */
static HPDF_STATUS
failed(struct doc *d)
{
	if (d->err == 0 && d->pdf != NULL && d->pdf->error.error_no != HPDF_OK) {
		d->err = d->pdf->error.error_no;
		d->detail = d->pdf->error.detail_no;
	}
	return d->err;
}

int
kb_dl_haru_pdf(const struct kb_dl *dl, const struct kb_haru_opts *o, struct kb_buf *out)
{
	struct doc d = {.dl = dl};
	struct date t = parse_date(dl->meta.create_date);
	HPDF_BYTE id[16];
	int rc = -1, fatals = kb_diag_count(KB_FATAL);

	if (check_opts(o) != 0)
		return -1;
	d.fonts = kb_calloc((size_t)kb_dl_nfonts + 1, sizeof(*d.fonts));
	d.pages = kb_calloc(dl->npages + 1, sizeof(*d.pages));
	d.pdf = HPDF_New(on_error, &d);
	if (d.pdf == NULL) {
		kb_diagc(KB_D_HARU, NULL, "libharu cannot start a document");
		goto out;
	}
	if (collect(&d) != 0)
		goto out;
	HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d.pdf);
	for (int f = 0; f < kb_dl_nfonts; f++)
		if (d.fonts[f].nent > 0 && load_font(&d, f) != 0)
			goto out;
	info(&d, &t);
	for (size_t p = 0; p < dl->npages && !failed(&d); p++) {
		d.pages[p] = HPDF_AddPage(d.pdf);
		if (d.pages[p] == NULL)
			break;
		HPDF_Page_SetWidth(d.pages[p], (HPDF_REAL)dl->pages[p].width);
		HPDF_Page_SetHeight(d.pages[p], (HPDF_REAL)dl->pages[p].height);
		draw_page(&d, d.pages[p], &dl->pages[p]);
	}
	if (!failed(&d))
		outline(&d);
	if (o->mode == KB_HARU_PROTECT && !failed(&d)) {
		HPDF_SetPassword(d.pdf, o->owner_password, o->user_password);
		HPDF_SetEncryptionMode(d.pdf, HPDF_ENCRYPT_R3, 16);
		HPDF_SetPermission(d.pdf, PROTECT_PERMISSIONS);
	}
	if (o->mode == KB_HARU_PDFA && !failed(&d)) {
		xmp(&d, &t);
		output_intent(&d);
		for (int f = 0; f < kb_dl_nfonts; f++)
			if (d.fonts[f].font != NULL)
				cid_set(&d, &d.fonts[f]);
	}
	/* A protected document's ID is keyed elsewhere: a digest of dl would reveal it. */
	if (o->mode == KB_HARU_PROTECT)
		memcpy(id, o->id, sizeof(id));
	else
		doc_id(dl, o->mode, id);
	if (!failed(&d) && save(&d, id, out) == 0 && !failed(&d))
		rc = 0;
out:
	/* libharu's error, unless a diagnostic already told what went wrong. */
	if (rc != 0 && (failed(&d) || kb_diag_count(KB_FATAL) == fatals))
		kb_diagc(KB_D_HARU, NULL,
		         "libharu cannot write the PDF: error 0x%04lX (detail %lu)",
		         (unsigned long)d.err, (unsigned long)d.detail);
	HPDF_Free(d.pdf);
	for (int f = 0; f < kb_dl_nfonts; f++) {
		free(d.fonts[f].ent);
		free(d.fonts[f].slot);
	}
	free(d.fonts);
	free(d.pages);
	free(d.ops);
	kb_buf_free(&d.text);
	return rc;
}
