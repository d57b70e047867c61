/* dl_haru.h — the libharu writer of the display list: encrypted and PDF/A-1b copies. */
#ifndef KB_DL_HARU_H
#define KB_DL_HARU_H

struct kb_dl;
struct kb_buf;

enum kb_haru_mode {
	KB_HARU_PLAIN,   /* an ordinary PDF, like the cairo writer's */
	KB_HARU_PROTECT, /* encrypted (RC4 128-bit, revision 3): print yes, copy and edit no */
	KB_HARU_PDFA     /* PDF/A-1b: unencrypted, XMP metadata, gray output intent, CIDSet */
};

struct kb_haru_opts {
	enum kb_haru_mode mode;
	const char *user_password;  /* PROTECT: required, non-empty (borrowed) */
	const char *owner_password; /* PROTECT: required, non-empty, differs from user (borrowed) */
	/*
	 * PROTECT: the document ID (16 bytes, borrowed; required), which also
	 * keys the encryption: never a digest of the content, which would let
	 * whoever holds the file confirm guesses of it (kb_register_doc_id).
	 */
	const unsigned char *id;
};

/*
 * Renders dl as PDF with libharu and appends the bytes to out. Each font
 * the document uses is subset to exactly its glyphs and embedded. Output
 * depends only on dl and o (the document ID is o->id when protected, else a digest of dl; the dates
 * come from dl->meta.create_date), so equal inputs give equal bytes.
 * Returns 0, or -1 after a fatal diagnostic (out may then hold a partial
 * document: discard it).
 */
int kb_dl_haru_pdf(const struct kb_dl *dl, const struct kb_haru_opts *o, struct kb_buf *out);
/* Releases the font faces cached across documents. */
void kb_dl_haru_fini(void);

#endif
