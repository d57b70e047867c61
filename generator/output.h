/* output.h — the writers of the display list (a table of devices) and whole-file output: a
 * temporary name, then rename. */
#ifndef KB_OUTPUT_H
#define KB_OUTPUT_H

#include <stddef.h>

struct kb_buf;
struct kb_dl;
struct kb_output_lock;

/* What a writer needs besides the display list; strings are borrowed. */
struct kb_writer_opts {
	double dpi;                  /* PNG resolution */
	const char *user_password;   /* protected PDF */
	const char *owner_password;  /* protected PDF */
	const unsigned char *doc_id; /* protected PDF: its 16-byte ID (kb_register_doc_id) */
};

/*
 * One output device (mandoc's struct termp hooks, in small): the writers
 * differ only by this table.
 */
struct kb_writer {
	const char *format; /* the --format it serves: "pdf", "png"; "pdf-a" for --archive copies */
	int protects;       /* 1: the output is encrypted (CIO documents under --protect) */
	int preview; /* 1: one file per page, REL-N.png; no digest, manifest or archive copy */
	/*
	 * Renders dl (or its page, from 0, for a preview) and appends the bytes
	 * to out. Returns 0, or -1 after a fatal diagnostic.
	 */
	int (*render)(const struct kb_dl *dl, size_t page, const struct kb_writer_opts *o,
	              struct kb_buf *out);
};

/*
 * The writer of format ("pdf" when NULL) that protects, or not; NULL when
 * there is none (a PNG preview cannot be protected). The pointer is static.
 */
const struct kb_writer *kb_writer_find(const char *format, int protects);

/*
 * Writes len bytes to DIR/REL, creating the directories on the way. The
 * file appears complete or not at all. Returns 0, or -1 after a fatal
 * diagnostic (an output that cannot be written is an environment error).
 */
int kb_output_write(const char *dir, const char *rel, const char *data, size_t len);

/*
 * Makes what was written under dir durable: the files' names too (one
 * syncfs for a batch of documents, rather than a sync per directory).
 * Returns 0, or -1 after a fatal diagnostic.
 */
int kb_output_sync(const char *dir);

/*
 * Removes the temporary files a killed run may have left (.kobun-*) in dir
 * and its immediate subdirectories. Returns how many it removed.
 */
int kb_output_sweep(const char *dir);

/* The names kobun itself writes in the root of an output directory. */
#define KB_OUT_MANIFEST "manifest.xml"
#define KB_OUT_REGISTER "register.sqlite"
#define KB_OUT_STRUCTURE "structure"
#define KB_OUT_MONTHLY "monthly"

/*
 * 1 when name (a record id, which becomes a directory of the output root)
 * is one of kobun's own names there, or SQLite's companions of the
 * register (-wal, -shm, -journal); compared without regard to case, as
 * some file systems do.
 */
int kb_output_reserved(const char *name);

/* 1 when dir holds documents a run issued: a manifest.xml, or a PDF in it or a subdirectory. */
int kb_output_has_documents(const char *dir);

/*
 * Makes dir this run's to write: takes its lock (DIR/.kobun.lock, held
 * until kb_output_release or the process ends), waiting while another
 * kobun run holds it (a line on standard error unless quiet says so),
 * then sweeps what killed runs left (kb_output_sweep). An archive
 * directory (may be NULL) is locked and swept too when no other run holds
 * it. Returns the lock (the caller releases it), or NULL after a fatal
 * diagnostic.
 */
struct kb_output_lock *kb_output_claim(const char *dir, const char *archive, int quiet);
void kb_output_release(struct kb_output_lock *l);

#endif
