/* output.h — the writers of the display list (a table of devices) and whole-file output: a
 * temporary name, then rename. */
#ifndef KB_OUTPUT_H
#define KB_OUTPUT_H

#include <stddef.h>

struct kb_buf;

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

/* A part of what kb_output_writev writes. */
struct kb_piece {
	const char *data;
	size_t len;
};

/* kb_output_write of the pieces one after another, without joining them first. */
int kb_output_writev(const char *dir, const char *rel, const struct kb_piece *pieces,
                     size_t npieces);

/*
 * Batched writing (build's documents). While on, kb_output_write leaves
 * each file complete under a temporary name (.kobun-*) beside its own,
 * not yet synced, and remembers the rename; kb_output_settle then makes a
 * batch durable together: one syncfs of each directory's file system for
 * the data, the renames, one more for the names. A power cut thus never
 * leaves an empty or partial file under a document's name, without a sync
 * per file. Off: each file is synced and renamed at once.
 */
void kb_output_batch(int on);

/*
 * The renames this process holds, appended to out as NUL-terminated
 * (dir, rel, temporary name) triples and forgotten: a worker process hands
 * them to the parent, which adds them with kb_output_adopt. Nothing in the
 * process that called kb_output_batch (it settles its own).
 */
void kb_output_hand_over(struct kb_buf *out);
/* Takes over renames another process handed over (len bytes of triples). */
void kb_output_adopt(const char *data, size_t len);

/*
 * Settles the renames held: with durable, syncs first and after (see
 * kb_output_batch); else (a preview) renames only. Returns 0, or -1 after
 * a fatal diagnostic, the files not renamed then removed.
 */
int kb_output_settle(int durable);

/* Removes the temporary files of the renames held (a run that stops) and forgets them. */
void kb_output_abandon(void);

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
