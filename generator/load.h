/* load.h — reads organization.xml and record files safely, validates them with RELAX NG, builds the
 * model. */
#ifndef KB_LOAD_H
#define KB_LOAD_H

#include <stddef.h>

struct kb_input;
struct kb_loader;
struct _xmlNode;

/* Limits of the input contract (spec/input-format.md). */
#define KB_MAX_FILE (64L * 1024 * 1024)
#define KB_MAX_DEPTH 32
#define KB_MAX_TEXT 20000
/* impact@personal-records above this (more persons than live on Earth) is an error. */
#define KB_MAX_PERSONS 10000000000LL

/*
 * Loads the schemas under DATADIR/schema and installs an entity loader
 * that refuses every file outside DATADIR and the network. Returns NULL
 * after a fatal diagnostic. The caller owns the loader.
 */
struct kb_loader *kb_loader_new(const char *datadir);
void kb_loader_free(struct kb_loader *ld);

/*
 * The line of node n in the file it was read from. libxml2 2.9 keeps an
 * element's line in 16 bits and guesses past 65,535 from the text around
 * it; kobun's reader keeps the real one (past 65,535 too), and copies made
 * for validation (kb_line_copy) keep it too.
 */
long kb_line(const struct _xmlNode *n);

/*
 * Parses any XML file with the same safety as the inputs (no network, no
 * DOCTYPE, size limit). Returns the document (caller owns) or NULL after
 * reporting (the catalogue gives each diagnostic its severity).
 */
struct _xmlDoc *kb_load_xml(const char *path);

/* Reads and validates the organization into in->org. Returns 0, or -1 after fatal diagnostics. */
int kb_load_org(struct kb_loader *ld, const char *path, struct kb_input *in);

/*
 * Reads one record file into in. Each record is validated on its own: a
 * bad record is reported, kept with rejected set, and its siblings go
 * on. A file that cannot be parsed at all is reported and counted in
 * in->files_rejected.
 */
void kb_load_records(struct kb_loader *ld, const char *path, struct kb_input *in);

/*
 * Cross-record checks once every file is read (unique ids, references,
 * dates within the organization's validity), then sorts the records into
 * application order: by date, appointments first on a day, then by file
 * name and position.
 */
void kb_input_finish(struct kb_input *in);

/* Frees everything in (not in itself). */
void kb_input_free(struct kb_input *in);

/*
 * Expands INPUT arguments (files, or directories read for *.xml sorted by
 * name) into record files, and finds organization.xml in an input
 * directory unless org_opt names it. Returns 0, or -1 after a fatal
 * diagnostic. *files (each owned) and *org are owned by the caller.
 */
int kb_input_collect(const char *org_opt, char *const *args, int nargs, char ***files,
                     size_t *nfiles, char **org);

#endif
