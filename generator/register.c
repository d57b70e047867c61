/* register.c — the SQLite document-number register and issue log. */
#include "register.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "model.h"
#include "plan.h"
#include "util.h"

/* The queries of a register, prepared once each (by the address of their text). */
#define KB_REG_QUERIES 32

struct kb_register {
	sqlite3 *db;
	char *path;
	int scratch; /* KB_REGISTER_SCRATCH: in memory; new numbers are provisional */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} q[KB_REG_QUERIES];
};

/*
 * The version of the register's tables (PRAGMA user_version). 1: numbers,
 * issued, copies and kobun (the organization's secret); 2: and inputs
 * (what each document was last rendered from). A register of an earlier
 * version is brought to this one.
 */
#define SCHEMA_VERSION 2

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS numbers ("
    " prefix TEXT NOT NULL, fiscal_year INTEGER NOT NULL, seq INTEGER NOT NULL,"
    " record TEXT NOT NULL, kind TEXT NOT NULL, authority TEXT NOT NULL DEFAULT '',"
    " revision INTEGER NOT NULL, issue_date TEXT NOT NULL,"
    " PRIMARY KEY (prefix, fiscal_year, seq),"
    " UNIQUE (record, kind, authority, revision));"
    "CREATE TABLE IF NOT EXISTS issued ("
    " record TEXT NOT NULL, kind TEXT NOT NULL, authority TEXT NOT NULL DEFAULT '',"
    " revision INTEGER NOT NULL, version INTEGER NOT NULL, number TEXT, file TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, issue_date TEXT NOT NULL, pages INTEGER NOT NULL,"
    " PRIMARY KEY (record, kind, authority, revision, version));"
    /* Editable copies (.docx) of issued documents: the same key and number, their own digest. */
    "CREATE TABLE IF NOT EXISTS copies ("
    " record TEXT NOT NULL, kind TEXT NOT NULL, authority TEXT NOT NULL DEFAULT '',"
    " revision INTEGER NOT NULL, format TEXT NOT NULL, version INTEGER NOT NULL, number TEXT,"
    " file TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " PRIMARY KEY (record, kind, authority, revision, format, version));"
    /* Random bytes made once per register: the key of protected documents' IDs. */
    "CREATE TABLE IF NOT EXISTS kobun (name TEXT PRIMARY KEY, value BLOB NOT NULL);"
    "INSERT OR IGNORE INTO kobun (name, value) VALUES ('secret', randomblob(32));"
    /*
     * The digest of what a document's latest issue was rendered from (its
     * context, kobun, templates, fonts, organization): a run that finds the
     * same digest and the issued file whole on disk does not render it again.
     */
    "CREATE TABLE IF NOT EXISTS inputs ("
    " record TEXT NOT NULL, kind TEXT NOT NULL, authority TEXT NOT NULL DEFAULT '',"
    " revision INTEGER NOT NULL, input TEXT NOT NULL,"
    " PRIMARY KEY (record, kind, authority, revision));"
    "PRAGMA user_version=2;";

/* The columns kobun reads, by table: a register lacking one is not kobun's. */
static const char *const shape_sql[] = {
    "SELECT prefix, fiscal_year, seq, record, kind, authority, revision, issue_date FROM "
    "numbers LIMIT 0",
    "SELECT record, kind, authority, revision, version, number, file, sha256, issue_date, pages "
    "FROM issued LIMIT 0"};

static sqlite3_stmt *prep(struct kb_register *reg, const char *sql);
static void done(struct kb_register *reg, sqlite3_stmt *st);
static void forget(struct kb_register *reg);

static int
fail(struct kb_register *reg, const char *what)
{
	int code = sqlite3_errcode(reg->db) & 0xff;
	const char *why = code == SQLITE_BUSY
	                      ? " (another kobun run holds the register, and it did not finish "
	                        "within 5 seconds: run again when it has ended)"
	                  : code == SQLITE_NOTADB || code == SQLITE_CORRUPT
	                      ? " (the file is not an SQLite database, or it is damaged: restore "
	                        "the register from its backup)"
	                      : "";

	kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL}, "register: %s: %s%s", what,
	         sqlite3_errmsg(reg->db), why);
	return -1;
}

/* The text of column i of st, "" when it is NULL (a register whose tables were made elsewhere).
 */
static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? (const char *)t : "";
}

/*
 * Makes the register's tables, or checks those it has: kobun's of this
 * version or of an earlier one (then brought to this one), never another
 * program's database or one of a later kobun. Returns 0, or -1 after a
 * fatal diagnostic.
 */
static int
schema(struct kb_register *reg)
{
	sqlite3_stmt *st;
	int version = -1, tables = 0;

	if ((st = prep(reg, "PRAGMA user_version")) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	done(reg, st);
	if ((st = prep(reg, "SELECT COUNT(*) FROM sqlite_master WHERE type='table'")) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		tables = sqlite3_column_int(st, 0);
	done(reg, st);
	if (version < 0)
		return fail(reg, "cannot read the version of its tables");
	if (version > SCHEMA_VERSION) {
		kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL},
		         "register: its tables are of version %d, made by a later kobun; this one "
		         "knows version %d and leaves the register as it is",
		         version, SCHEMA_VERSION);
		return -1;
	}
	if (tables > 0)
		for (size_t i = 0; i < sizeof(shape_sql) / sizeof(shape_sql[0]); i++) {
			if (sqlite3_prepare_v2(reg->db, shape_sql[i], -1, &st, NULL) == SQLITE_OK) {
				sqlite3_finalize(st);
				continue;
			}
			if ((sqlite3_errcode(reg->db) & 0xff) != SQLITE_ERROR)
				return fail(reg, "cannot read its tables");
			kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL},
			         "register: this SQLite database is not a kobun register (%s); "
			         "kobun leaves it as it is (--register names the register)",
			         sqlite3_errmsg(reg->db));
			return -1;
		}
	if (sqlite3_exec(reg->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(reg, "cannot make its tables");
	return 0;
}

/*
 * A scratch register: a copy of the register at path (when there is one)
 * in memory, so a preview numbers exactly as a real run would without
 * touching the disk. Returns 0 or -1.
 */
static int
copy_into_memory(struct kb_register *reg)
{
	sqlite3 *src = NULL;
	sqlite3_backup *b;
	kb_buf uri = {0};
	char *wal;
	int rc, at_rest;

	if (access(reg->path, F_OK) != 0)
		return 0;
	/*
	 * A register at rest (no -wal file: the last run closed it) is read as
	 * immutable, which creates no -wal or -shm file beside it; one in use
	 * or left by a killed run is read through its WAL.
	 */
	wal = kb_asprintf("%s-wal", reg->path);
	at_rest = access(wal, F_OK) != 0;
	free(wal);
	kb_buf_puts(&uri, "file:");
	for (const char *p = reg->path; *p != '\0'; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			kb_buf_printf(&uri, "%%%02x", (unsigned char)*p);
		else
			kb_buf_put(&uri, p, 1);
	kb_buf_puts(&uri, at_rest ? "?immutable=1" : "?mode=ro");
	rc = sqlite3_open_v2(uri.data, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	kb_buf_free(&uri);
	if (rc == SQLITE_OK && (b = sqlite3_backup_init(reg->db, "main", src, "main")) != NULL) {
		sqlite3_backup_step(b, -1);
		rc = sqlite3_backup_finish(b) == SQLITE_OK ? 0 : -1;
	} else
		rc = -1;
	if (rc != 0)
		kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL},
		         "register: cannot read: %s", src ? sqlite3_errmsg(src) : "out of memory");
	sqlite3_close(src);
	return rc;
}

/* The temporary name a register is made under: ".kobun-register-" and six random letters. */
#define TEMP_PREFIX ".kobun-register-"

/*
 * Removes from the register's directory the temporary registers (and
 * their journals) that no run is making now: a run killed while it made
 * the register left them, and a register outside the output directory is
 * not in the output directory's sweep. The run making one holds a lock on
 * it (create), so one that can be locked is left over; a lock, unlike a
 * process id, holds across containers and hosts sharing the directory.
 */
static void
sweep_temps(const char *path)
{
	char *dir = g_path_get_dirname(path);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		char *base;
		size_t n = strlen(e->d_name);
		int fd;
		if (strncmp(e->d_name, TEMP_PREFIX, strlen(TEMP_PREFIX)) != 0)
			continue;
		base = n > 8 && strcmp(e->d_name + n - 8, "-journal") == 0
		           ? kb_strndup(e->d_name, n - 8)
		           : kb_strdup(e->d_name);
		fd = openat(dirfd(d), base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dirfd(d), e->d_name, 0);
		if (fd >= 0)
			close(fd);
		free(base);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
}

/*
 * A new temporary file beside the register, locked for as long as fd (*fd)
 * is open; its name in *tmp (the caller frees it). Returns 0 or -1.
 */
static int
locked_temp(const char *dir, char **tmp, int *fd)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";

	for (int tries = 0; tries < 100; tries++) {
		char name[7];
		struct stat a, b;
		for (int i = 0; i < 6; i++)
			name[i] = letters[g_random_int_range(0, (gint32)sizeof(letters) - 1)];
		name[6] = '\0';
		*tmp = kb_asprintf("%s/" TEMP_PREFIX "%s", dir, name);
		*fd = open(*tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		/* Locked, and still under its name (no sweep took it in between). */
		if (*fd >= 0 && flock(*fd, LOCK_EX) == 0 && fstat(*fd, &a) == 0 &&
		    stat(*tmp, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return 0;
		if (*fd >= 0)
			close(*fd);
		else if (errno != EEXIST)
			return -1;
		free(*tmp);
		*tmp = NULL;
	}
	return -1;
}

/*
 * Makes a new register whole under a temporary name beside reg->path, then
 * links it into place (never over one another run made meanwhile): a run
 * stopped by a full disk or a kill leaves no empty or half-made register,
 * which the next run would take for a lost one. What a killed run left
 * is removed by the next run that opens the register (sweep_temps).
 * Returns 0, or -1 after a fatal diagnostic.
 */
static int
create(struct kb_register *reg)
{
	char *dir = g_path_get_dirname(reg->path), *tmp = NULL, *journal = NULL;
	int rc = -1, dfd, lock = -1;

	if (locked_temp(dir, &tmp, &lock) != 0) {
		kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL},
		         "register: cannot create: %s", strerror(errno));
		free(dir);
		return -1;
	}
	journal = kb_asprintf("%s-journal", tmp);
	if (sqlite3_open_v2(tmp, &reg->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(reg->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fail(reg, "cannot create");
		goto out;
	}
	if (schema(reg) != 0)
		goto out;
	if (sqlite3_exec(reg->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fail(reg, "cannot create");
		goto out;
	}
	forget(reg);
	sqlite3_close(reg->db);
	reg->db = NULL;
	if (link(tmp, reg->path) != 0 && errno != EEXIST) {
		kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL},
		         "register: cannot create: %s", strerror(errno));
		goto out;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
		fsync(dfd), close(dfd);
	rc = 0;
out:
	forget(reg);
	sqlite3_close(reg->db);
	reg->db = NULL;
	unlink(tmp), unlink(journal);
	close(lock);
	free(dir), free(tmp), free(journal);
	return rc;
}

struct kb_register *
kb_register_open(const char *path, enum kb_register_mode mode)
{
	struct kb_register *reg = kb_calloc(1, sizeof(*reg));

	reg->path = kb_strdup(path);
	reg->scratch = mode == KB_REGISTER_SCRATCH;
	if (reg->scratch) {
		if (sqlite3_open_v2(":memory:", &reg->db, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK) {
			fail(reg, "cannot open");
			goto bad;
		}
		if (copy_into_memory(reg) != 0 || schema(reg) != 0)
			goto bad;
		return reg;
	}
	sweep_temps(path);
	if (access(path, F_OK) != 0 && errno == ENOENT && create(reg) != 0)
		goto bad;
	if (sqlite3_open_v2(path, &reg->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	        SQLITE_OK ||
	    sqlite3_busy_timeout(reg->db, 5000) != SQLITE_OK ||
	    /* WAL with full sync: a killed run leaves the last committed state. */
	    /* Read before anything is written: a foreign or damaged file is left alone. */
	    sqlite3_exec(reg->db, "SELECT COUNT(*) FROM sqlite_master", NULL, NULL, NULL) !=
	        SQLITE_OK) {
		fail(reg, "cannot open");
		goto bad;
	}
	if (sqlite3_exec(reg->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fail(reg, "cannot open");
		goto bad;
	}
	if (schema(reg) != 0) {
		sqlite3_exec(reg->db, "ROLLBACK", NULL, NULL, NULL);
		goto bad;
	}
	if (sqlite3_exec(reg->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
	    /* WAL with full sync: a killed run leaves the last committed state. */
	    sqlite3_exec(reg->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL,
	                 NULL) != SQLITE_OK) {
		fail(reg, "cannot open");
		goto bad;
	}
	return reg;
bad:
	kb_register_close(reg);
	return NULL;
}

void
kb_register_close(struct kb_register *reg)
{
	if (reg == NULL)
		return;
	forget(reg);
	sqlite3_close(reg->db);
	free(reg->path);
	free(reg);
}

int
kb_register_begin(struct kb_register *reg)
{
	return sqlite3_exec(reg->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
	           ? 0
	           : fail(reg, "cannot begin a transaction");
}

int
kb_register_commit(struct kb_register *reg)
{
	return sqlite3_exec(reg->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK
	           ? 0
	           : fail(reg, "cannot commit");
}

/* Prepares sql; NULL after a fatal diagnostic. */
static sqlite3_stmt *
prep(struct kb_register *reg, const char *sql)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < KB_REG_QUERIES && reg->q[i].sql != NULL; i++)
		if (reg->q[i].sql == sql)
			return reg->q[i].st;
	if (sqlite3_prepare_v2(reg->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(reg, "cannot prepare a query");
		return NULL;
	}
	if (i < KB_REG_QUERIES)
		reg->q[i].sql = sql, reg->q[i].st = st;
	return st;
}

/* Done with st (from prep): ready for its next use, or gone when it was not kept. */
static void
done(struct kb_register *reg, sqlite3_stmt *st)
{
	for (size_t i = 0; i < KB_REG_QUERIES && reg->q[i].sql != NULL; i++)
		if (reg->q[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	sqlite3_finalize(st);
}

/*
 * Finalizes the prepared statements kept for reg->db: before that
 * connection is closed (a connection with statements left is not closed,
 * and a statement kept would run on the next one).
 */
static void
forget(struct kb_register *reg)
{
	for (size_t i = 0; i < KB_REG_QUERIES && reg->q[i].sql != NULL; i++)
		sqlite3_finalize(reg->q[i].st);
	memset(reg->q, 0, sizeof(reg->q));
}

/* Binds a document's key (record, kind, authority, revision) to parameters 1–4 of st. */
static void
bind_key(sqlite3_stmt *st, const char *record, const char *kind, const char *authority,
         int revision)
{
	sqlite3_bind_text(st, 1, record, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, authority ? authority : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, revision);
}

int
kb_register_number(struct kb_register *reg, const char *prefix, int fiscal_year, const char *record,
                   const char *kind, const char *authority, int revision, const char *issue_date,
                   int *fresh, int *given)
{
	sqlite3_stmt *st;
	int seq = -1;

	*fresh = 0;
	*given = fiscal_year;
	st = prep(reg, "SELECT seq, fiscal_year FROM numbers WHERE record=?1 AND kind=?2 AND "
	               "authority=?3 AND revision=?4");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	if (sqlite3_step(st) == SQLITE_ROW) {
		seq = sqlite3_column_int(st, 0);
		*given = sqlite3_column_int(st, 1);
	}
	done(reg, st);
	if (seq > 0)
		return seq;
	/* A new document takes the next number of its code and fiscal year. */
	st = prep(reg,
	          "INSERT INTO numbers (record, kind, authority, revision, prefix, fiscal_year, "
	          "seq, issue_date) SELECT ?1, ?2, ?3, ?4, ?5, ?6, COALESCE(MAX(seq), 0) + 1, ?7 "
	          "FROM numbers WHERE prefix=?5 AND fiscal_year=?6 RETURNING seq");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	sqlite3_bind_text(st, 5, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, fiscal_year);
	sqlite3_bind_text(st, 7, issue_date, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		seq = sqlite3_column_int(st, 0);
		*fresh = 1;
	} else
		fail(reg, "cannot assign a number");
	done(reg, st);
	return seq;
}

/* A document of the plan by its issue date, for numbering in date order. */
struct by_date {
	struct kb_date issue;
	size_t index; /* plan order: ties keep it */
};

static int
by_date_cmp(const void *a, const void *b)
{
	const struct by_date *x = a, *y = b;
	int c = kb_date_cmp(&x->issue, &y->issue);

	return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/*
 * What a follow-up d cites when the plan does not hold the document it
 * follows: the latest earlier revision of that document in the register
 * (as issued, else as numbered). Returns 0 (d->cite_* set when found) or -1.
 */
static int
cite_from_register(struct kb_register *reg, struct kb_doc *d, const char *auth)
{
	static const char *const sql[] = {
	    /* as issued: the date and number printed on its latest version */
	    "SELECT revision, issue_date, number FROM issued WHERE record=?1 AND kind=?2 AND "
	    "authority=?3 AND revision<?4 ORDER BY revision DESC, version DESC LIMIT 1",
	    /* numbered but not (yet) logged as issued */
	    "SELECT revision, issue_date, prefix || '第' || seq || '号' FROM numbers "
	    "WHERE record=?1 AND kind=?2 AND authority=?3 AND revision<?4 "
	    "ORDER BY revision DESC LIMIT 1"};
	int best = 0;

	for (size_t q = 0; q < sizeof(sql) / sizeof(sql[0]); q++) {
		sqlite3_stmt *st = prep(reg, sql[q]);
		struct kb_date day;
		if (st == NULL)
			return -1;
		bind_key(st, d->key, d->follows_kind, auth, d->revision);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > best &&
		    kb_date_parse(col_text(st, 1), &day) == 0) {
			const unsigned char *num = sqlite3_column_text(st, 2);
			best = sqlite3_column_int(st, 0);
			d->cites = 1;
			d->cite_date = day;
			free(d->cite_number);
			d->cite_number = num ? kb_strdup((const char *)num) : NULL;
		}
		done(reg, st);
	}
	return 0;
}

int
kb_register_assign(struct kb_register *reg, const struct kb_org *org, struct kb_plan *plan)
{
	struct by_date *order = kb_calloc(plan->ndocs + 1, sizeof(*order));
	int rc = -1;

	if (kb_register_begin(reg) != 0)
		goto out;
	/* New numbers follow the documents' dates; plan order breaks ties. */
	for (size_t i = 0; i < plan->ndocs; i++)
		order[i] = (struct by_date){plan->docs[i].issue, i};
	qsort(order, plan->ndocs, sizeof(*order), by_date_cmp);
	for (size_t k = 0; k < plan->ndocs; k++) {
		struct kb_doc *d = &plan->docs[order[k].index];
		const char *auth = d->authority >= 0 ? org->authorities[d->authority].id : NULL;
		char ds[16];
		int seq, fresh, given, fy = kb_fiscal_year(&d->issue);

		if (d->code == NULL)
			continue;
		snprintf(ds, sizeof(ds), "%04d-%02d-%02d", d->issue.y, d->issue.m, d->issue.d);
		seq = kb_register_number(reg, d->code, fy, d->key, d->kind, auth, d->revision, ds,
		                         &fresh, &given);
		if (seq < 0)
			goto out;
		/*
		 * A number belongs to the fiscal year of its document's date
		 * (numbering restarts each April): a document numbered in one
		 * year is never dated, nor corrected (訂正), into another.
		 */
		if (given != fy) {
			/* In 和暦 (令和8年度), as the documents and their numbers say it. */
			char *was = kb_wareki_fiscal_year(given, 0),
			     *now = kb_wareki_fiscal_year(fy, 0);

			kb_diagc(KB_D_NUMBER_YEAR,
			         &(struct kb_loc){d->rec ? d->rec->src.file : NULL,
			                          d->rec ? d->rec->src.line : 0, d->key},
			         "%s (revision %d) has %s第%d号 of %s, but is now dated %s, in %s: "
			         "keep its date in %s, or report the change as a new revision",
			         d->kind, d->revision, d->code, seq, was, ds, now, was);
			free(was), free(now);
			d->refused = 1;
			continue;
		}
		free(d->number), free(d->provisional);
		d->number = d->provisional = NULL;
		/* A preview never prints a number it has not been given for good. */
		if (reg->scratch && fresh)
			d->provisional = kb_asprintf("%s第%d号", d->code, seq);
		else
			d->number = kb_asprintf("%s第%d号", d->code, seq);
	}
	/* Follow-ups cite the number of what they follow: this run's, else the register's. */
	for (size_t i = 0; i < plan->ndocs; i++) {
		struct kb_doc *d = &plan->docs[i];
		const char *auth = d->authority >= 0 ? org->authorities[d->authority].id : NULL;

		if (d->follows_kind == NULL)
			continue;
		if (d->follows >= 0) {
			const char *n = plan->docs[d->follows].number;
			free(d->cite_number);
			d->cite_number = n ? kb_strdup(n) : NULL;
		} else if (cite_from_register(reg, d, auth) != 0)
			goto out;
	}
	rc = kb_register_commit(reg);
out:
	free(order);
	return rc;
}

/*
 * 1 when st (prepared and bound: the digest of a document's latest
 * version, or no row) gives sha256: logging it again adds no version.
 */
static int
latest_is(struct kb_register *reg, sqlite3_stmt *st, const char *sha256)
{
	int same = sqlite3_step(st) == SQLITE_ROW && strcmp(col_text(st, 0), sha256) == 0;

	done(reg, st);
	return same;
}

int
kb_register_log(struct kb_register *reg, const char *record, const char *kind,
                const char *authority, int revision, const char *number, const char *file,
                const char *sha256, const char *issue_date, int pages, const char *input)
{
	sqlite3_stmt *st;
	int rc = -1;

	/* No new version when the latest already has this digest. */
	st = prep(reg, "SELECT sha256 FROM issued WHERE record=?1 AND kind=?2 AND authority=?3 AND "
	               "revision=?4 ORDER BY version DESC LIMIT 1");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	rc = 0;
	if (!latest_is(reg, st, sha256)) {
		st =
		    prep(reg, "INSERT INTO issued (record, kind, authority, revision, version, "
		              "number, file, sha256, issue_date, pages) SELECT ?1, ?2, ?3, ?4, "
		              "COALESCE(MAX(version), 0) + 1, ?5, ?6, ?7, ?8, ?9 FROM issued WHERE "
		              "record=?1 AND kind=?2 AND authority=?3 AND revision=?4");
		if (st == NULL)
			return -1;
		bind_key(st, record, kind, authority, revision);
		sqlite3_bind_text(st, 5, number, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, file, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, issue_date, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 9, pages);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(reg, "cannot log a document");
		done(reg, st);
	}
	if (rc != 0)
		return rc;
	/* Without an input digest (a protected document), none is kept from before either. */
	st = prep(reg, input != NULL
	                   ? "INSERT OR REPLACE INTO inputs (record, kind, authority, revision, "
	                     "input) VALUES (?1, ?2, ?3, ?4, ?5)"
	                   : "DELETE FROM inputs WHERE record=?1 AND kind=?2 AND authority=?3 AND "
	                     "revision=?4");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	if (input != NULL)
		sqlite3_bind_text(st, 5, input, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(reg, "cannot log a document");
	done(reg, st);
	return rc;
}

int
kb_register_log_copy(struct kb_register *reg, const char *record, const char *kind,
                     const char *authority, int revision, const char *format, const char *number,
                     const char *file, const char *sha256)
{
	sqlite3_stmt *st;
	int rc = -1;

	st = prep(reg, "SELECT sha256 FROM copies WHERE record=?1 AND kind=?2 AND authority=?3 AND "
	               "revision=?4 AND format=?5 ORDER BY version DESC LIMIT 1");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	sqlite3_bind_text(st, 5, format, -1, SQLITE_STATIC);
	if (latest_is(reg, st, sha256))
		return 0;
	st = prep(reg,
	          "INSERT INTO copies (record, kind, authority, revision, format, version, "
	          "number, file, sha256) SELECT ?1, ?2, ?3, ?4, ?5, COALESCE(MAX(version), 0) + "
	          "1, ?6, ?7, ?8 FROM copies WHERE record=?1 AND kind=?2 AND authority=?3 AND "
	          "revision=?4 AND format=?5");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	sqlite3_bind_text(st, 5, format, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(reg, "cannot log an editable copy");
	done(reg, st);
	return rc;
}

/* A column's text as an owned string, NULL when it is NULL. */
static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? kb_strdup((const char *)t) : NULL;
}

int
kb_register_issued(struct kb_register *reg, const char *record, const char *kind,
                   const char *authority, int revision, const char *copy_format,
                   struct kb_issued *out)
{
	sqlite3_stmt *st;

	memset(out, 0, sizeof(*out));
	st = prep(reg, "SELECT version, number, file, sha256, pages, (SELECT input FROM inputs "
	               "WHERE record=?1 AND kind=?2 AND authority=?3 AND revision=?4), (SELECT "
	               "sha256 FROM copies WHERE record=?1 AND kind=?2 AND authority=?3 AND "
	               "revision=?4 AND format=?5 ORDER BY version DESC LIMIT 1) FROM issued "
	               "WHERE record=?1 AND kind=?2 AND authority=?3 AND revision=?4 ORDER BY "
	               "version DESC LIMIT 1");
	if (st == NULL)
		return -1;
	bind_key(st, record, kind, authority, revision);
	sqlite3_bind_text(st, 5, copy_format ? copy_format : "", -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->version = sqlite3_column_int(st, 0);
		out->number = col_dup(st, 1);
		out->file = kb_strdup(col_text(st, 2));
		out->sha256 = kb_strdup(col_text(st, 3));
		out->pages = sqlite3_column_int(st, 4);
		out->input = col_dup(st, 5);
		out->copy_sha256 = col_dup(st, 6);
	}
	done(reg, st);
	return 0;
}

void
kb_issued_free(struct kb_issued *is)
{
	free(is->number), free(is->file), free(is->sha256), free(is->input), free(is->copy_sha256);
	memset(is, 0, sizeof(*is));
}

int
kb_register_empty(struct kb_register *reg)
{
	sqlite3_stmt *st = prep(reg, "SELECT (SELECT COUNT(*) FROM numbers) + (SELECT COUNT(*) "
	                             "FROM issued)");
	int n = -1;

	if (st == NULL)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	done(reg, st);
	return n == 0;
}

int
kb_register_doc_id(struct kb_register *reg, const char *record, const char *kind,
                   const char *authority, int revision, int version, unsigned char id[16])
{
	sqlite3_stmt *st;
	GHmac *h;
	guint8 mac[32];
	gsize n = sizeof(mac);
	char v[32];
	int rc = -1;

	/*
	 * A scratch register (a draft, a preview) logs nothing, so it cannot
	 * count versions: a protected draft would share the ID, and so the
	 * RC4 keys, of every other draft and of the document's first issue.
	 * It takes random bytes, never the same twice.
	 */
	st = prep(reg, reg->scratch ? "SELECT randomblob(32)"
	                            : "SELECT value FROM kobun WHERE name='secret'");
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_bytes(st, 0) < 16)
		kb_diagc(KB_D_REGISTER, &(struct kb_loc){reg->path, 0, NULL},
		         "register: it holds no secret for the IDs of protected documents");
	else if (reg->scratch) {
		memcpy(id, sqlite3_column_blob(st, 0), 16);
		rc = 0;
	} else {
		h = g_hmac_new(G_CHECKSUM_SHA256, sqlite3_column_blob(st, 0),
		               (gsize)sqlite3_column_bytes(st, 0));
		snprintf(v, sizeof(v), "%d/%d", revision, version);
		/* Each part with its NUL, so no two keys run together into the same bytes. */
		g_hmac_update(h, (const guchar *)"kobun-pdf-id", 13);
		g_hmac_update(h, (const guchar *)record, (gssize)strlen(record) + 1);
		g_hmac_update(h, (const guchar *)kind, (gssize)strlen(kind) + 1);
		g_hmac_update(h, (const guchar *)(authority ? authority : ""),
		              authority ? (gssize)strlen(authority) + 1 : 1);
		g_hmac_update(h, (const guchar *)v, (gssize)strlen(v) + 1);
		g_hmac_get_digest(h, mac, &n);
		g_hmac_unref(h);
		memcpy(id, mac, 16);
		rc = 0;
	}
	done(reg, st);
	return rc;
}

/* The latest copy of each format of the document of numbers row n, by format. */
#define COPIES_OF_N                                                                                \
	"SELECT c.file, c.sha256 FROM copies c WHERE c.record=n.record AND c.kind=n.kind AND "     \
	"c.authority=n.authority AND c.revision=n.revision AND c.version=(SELECT "                 \
	"max(k.version) FROM copies k WHERE k.record=c.record AND k.kind=c.kind AND "              \
	"k.authority=c.authority AND k.revision=c.revision AND k.format=c.format) "                \
	"ORDER BY c.format"

int
kb_register_table(struct kb_register *reg, int fiscal_year, int csv, struct kb_table *t)
{
	static const char *const en[] = {"fiscal_year", "number",    "date",         "record",
	                                 "kind",        "authority", "revision",     "file",
	                                 "sha256",      "copies",    "copies_sha256"};
	static const char *const ja[] = {"年度", "文書番号", "日付",     "記録",   "種類",
	                                 "宛先", "版",       "ファイル", "sha256", "編集用の写し"};
	sqlite3_stmt *st;

	st = prep(
	    reg,
	    "SELECT n.prefix, n.fiscal_year, n.seq, n.issue_date, n.record, n.kind, n.authority, "
	    "n.revision, (SELECT i.file FROM issued i WHERE i.record=n.record AND i.kind=n.kind "
	    "AND i.authority=n.authority AND i.revision=n.revision ORDER BY i.version DESC "
	    "LIMIT 1), (SELECT i.sha256 FROM issued i WHERE i.record=n.record AND "
	    "i.kind=n.kind AND i.authority=n.authority AND i.revision=n.revision ORDER BY "
	    "i.version DESC LIMIT 1), "
	    /* Editable copies: the latest version of each format, by format, file and digest. */
	    "(SELECT group_concat(file, ' ') FROM (" COPIES_OF_N ")), "
	    "(SELECT group_concat(sha256, ' ') FROM (" COPIES_OF_N ")) "
	    "FROM numbers n WHERE ?1 = 0 OR n.fiscal_year = ?1 "
	    "ORDER BY n.fiscal_year, n.prefix, n.seq");
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, fiscal_year);
	kb_table_init(t, csv ? 11 : 10, csv ? en : ja);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *file = (const char *)sqlite3_column_text(st, 8);
		const char *sha = (const char *)sqlite3_column_text(st, 9);
		const char *cfiles = (const char *)sqlite3_column_text(st, 10);
		const char *cshas = (const char *)sqlite3_column_text(st, 11);
		char *copies = NULL;
		char *num = kb_asprintf("%s第%d号", col_text(st, 0), sqlite3_column_int(st, 2));
		char *fy = kb_asprintf("%d", sqlite3_column_int(st, 1));
		char *rev = kb_asprintf(csv ? "%d" : "r%d", sqlite3_column_int(st, 7));
		char *digest = sha != NULL ? kb_strndup(sha, csv ? strlen(sha) : 12) : NULL;
		if (!csv && cfiles != NULL && cshas != NULL) {
			/* FILE (digest) for each copy, the digest shortened as the PDF's. */
			gchar **fv = g_strsplit(cfiles, " ", -1), **sv = g_strsplit(cshas, " ", -1);
			kb_buf c = {0};
			for (int i = 0; fv[i] != NULL && sv[i] != NULL; i++)
				kb_buf_printf(&c, "%s%s (%.12s)", i ? " " : "", fv[i], sv[i]);
			copies = kb_buf_take(&c);
			g_strfreev(fv), g_strfreev(sv);
		}
		if (csv)
			kb_table_row(t, NULL, fy, num, col_text(st, 3), col_text(st, 4),
			             col_text(st, 5), col_text(st, 6), rev, file, digest, cfiles,
			             cshas);
		else
			kb_table_row(t, NULL, fy, num, col_text(st, 3), col_text(st, 4),
			             col_text(st, 5), col_text(st, 6), rev,
			             file != NULL ? file : "（未発行）", digest, copies);
		free(num), free(fy), free(rev), free(digest), free(copies);
	}
	done(reg, st);
	return 0;
}
