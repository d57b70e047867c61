/* manifest.h — the manifest of a build (DIR/manifest.xml): one entry per document written. */
#ifndef KB_MANIFEST_H
#define KB_MANIFEST_H

struct kb_manifest;

/* One document written; every string is borrowed for the call only. */
struct kb_manifest_doc {
	const char *record;    /* the record's id, or NULL for a document of a date (records) */
	const char *date;      /* a document of a date (structure notice): YYYY-MM-DD; else NULL */
	const char *records;   /* with date: the ids of the records it covers, space-separated */
	const char *kind;      /* the document kind ("nomination-notice") */
	const char *authority; /* the authority's id, or NULL */
	int revision;       /* the record's revision, or 0 for a document not issued per revision */
	const char *number; /* the document number, or NULL */
	const char *audience;    /* "public", "authorities", "internal" or "cio" */
	const char *file;        /* the path under the output directory */
	const char *sha256;      /* the file's digest, hex */
	int pages;               /* the page count */
	const char *copy;        /* its editable copy (path under the output directory), or NULL */
	const char *copy_sha256; /* the copy's digest, hex */
	const char
	    *copy_format; /* the copy's format, "docx" or "odt": the names of its
	                     attributes, docx="…" docx-sha256="…" or odt="…" odt-sha256="…" */
};

/* A new, empty manifest; the caller owns it (kb_manifest_free). */
struct kb_manifest *kb_manifest_new(void);
/* Appends d as a <document> element, in call order. */
void kb_manifest_add(struct kb_manifest *m, const struct kb_manifest_doc *d);
/*
 * Writes the manifest whole to DIR/manifest.xml (a temporary name, then
 * rename). With merge (a run of some records only, build --only), the
 * entries of the manifest already there whose file this run did not write
 * are kept, in their place. Returns 0, or -1 after a fatal diagnostic.
 */
int kb_manifest_write(struct kb_manifest *m, const char *dir, int merge);
/* Frees m; NULL is fine. */
void kb_manifest_free(struct kb_manifest *m);

#endif
