/* Opening the database the same way in every program. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw/closed.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/storepriv.h"
#include "sw/i18n.h"
#include "sw/store.h"

/* Default wait for another sw-* command's write lock: long enough for a big
 * import to finish, short enough that cron does not hang for ever. */
#define BUSY_MS 300000

const char *sw_db_name(sqlite3 *db)
{
	const char *f = sqlite3_db_filename(db, "main");
	return f && *f ? f : "sw.db";
}

/* What to add to SQLite's message: a hint, or the system error behind an
 * I/O error ("disk I/O error" alone does not say the disk is full). */
static void hint(sqlite3 *db, char *buf, size_t n)
{
	int rc = sqlite3_extended_errcode(db), e = sqlite3_system_errno(db);
	buf[0] = 0;
	if ((rc & 0xff) == SQLITE_BUSY)
		snprintf(buf, n, "%s", _(" (another sw command holds the database; SW_BUSY_TIMEOUT sets "
					 "the wait in ms)"));
	else if ((rc & 0xff) == SQLITE_FULL)
		snprintf(buf, n, "%s", _(" (disk full)"));
	else if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN) && e)
		snprintf(buf, n, ": %s", strerror(e));
	else if (rc == SQLITE_IOERR_WRITE)	/* SQLite keeps no errno for EFBIG */
		snprintf(buf, n, "%s", _(" (writing failed: disk full or file too large)"));
}

void sw_db_error(sqlite3 *db, const char *what)
{
	char h[128];
	hint(db, h, sizeof h);
	sw_error("%s: %s: %s%s", sw_db_name(db), what, sqlite3_errmsg(db), h);
}

/* sw_db_stmt's cache: few entries, so a linear search, by a hash of the
 * SQL before the SQL itself. */
#define NCACHED 64
static struct cached {
	sqlite3_stmt *st;	/* NULL: a free slot */
	sqlite3 *db;
	unsigned hash;
	int out;		/* handed out, not yet released */
	unsigned long used;	/* when last handed out */
} cached[NCACHED];
static unsigned long ticks;

static unsigned fnv(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

sqlite3_stmt *sw_db_stmt(sqlite3 *db, const char *sql)
{
	struct cached *slot = NULL;
	unsigned h = fnv(sql);
	for (struct cached *c = cached; c < cached + NCACHED; c++) {
		if (c->st && c->hash == h && c->db == db && !c->out &&
		    strcmp(sqlite3_sql(c->st), sql) == 0) {
			c->out = 1;
			c->used = ++ticks;
			return c->st;
		}
		if (!c->out && (!slot || c->used < slot->used))
			slot = c;	/* a free slot (used 0), else the least recently used */
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sw_db_error(db, "prepare");
		exit(SW_EXIT_FAIL);
	}
	if (slot) {	/* else every entry is out: st is the caller's alone */
		sqlite3_finalize(slot->st);
		*slot = (struct cached){st, db, h, 1, ++ticks};
	}
	return st;
}

void sw_db_release(sqlite3_stmt *st)
{
	for (struct cached *c = cached; st && c < cached + NCACHED; c++)
		if (c->st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->out = 0;
			return;
		}
	sqlite3_finalize(st);
}

/* Runs sql (one statement, no parameters) kept prepared: sqlite3_exec
 * without parsing it each time. Returns SQLITE_OK or the error code, with
 * the message in db. */
static int run(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = sw_db_stmt(db, sql);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	int rc = sqlite3_reset(st);
	sw_db_release(st);
	return rc;
}

void sw_db_run(sqlite3 *db, const char *sql)
{
	if (run(db, sql) != SQLITE_OK) {
		sw_db_error(db, "exec");
		exit(SW_EXIT_FAIL);
	}
}

/* Finalizes db's cached statements, before it closes. */
static void uncache(sqlite3 *db)
{
	for (struct cached *c = cached; c < cached + NCACHED; c++)
		if (c->st && c->db == db) {
			sqlite3_finalize(c->st);
			*c = (struct cached){0};
		}
}

/* Creates the file ourselves so that it is 0600 whatever the umask:
 * it holds personal data. SQLite gives -wal and -shm the same mode. */
static int create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	int rc = fchmod(fd, 0600);
	close(fd);
	return rc;
}

/* Switches a new database to WAL. Changing the journal mode needs the file
 * to itself and SQLite answers BUSY at once, without its busy handler, when
 * another process has it open (several commands creating one database at
 * the same moment): so wait here, as the busy timeout would. */
static int set_wal(sqlite3 *db, int busy_ms, char **err)
{
	int rc;
	for (int waited = 0;; waited += 20) {
		rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, err);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return rc;
		if (waited >= busy_ms)
			return rc;
		sqlite3_free(*err);
		*err = NULL;
		sqlite3_sleep(20);
	}
}

sqlite3 *sw_db_open(const char *path, int flags)
{
	static int said_mode;
	sqlite3 *db = NULL;
	struct stat sb;
	char hbuf[128];

	if (sw_store_is_server(path)) {	/* never a file named "postgresql:" */
		sw_error(_("--db names a PostgreSQL server: this command does not run on PostgreSQL yet"));
		return NULL;
	}
	if (strcmp(path, SW_DB_SCRATCH) == 0)
		;	/* nothing on disk: a dry run's empty database */
	else if (stat(path, &sb) != 0) {
		if (errno != ENOENT || !(flags & SW_DB_CREATE)) {
			if (errno == ENOENT)
				sw_error(_("%s: no such database (import some data first, or give --db)"), path);
			else
				sw_error("%s: %s", path, strerror(errno));
			return NULL;
		}
		if (create_private(path) != 0) {
			sw_error(_("%s: cannot create: %s"), path, strerror(errno));
			return NULL;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		sw_error(_("%s: is a directory"), path);
		return NULL;
	} else if (S_ISREG(sb.st_mode) && (sb.st_mode & 077) && !said_mode++)
		/* made by sqlite3 or cp under a umask of 022: said by every
		 * command (once), -q or not, and never asked: cron must not
		 * wait for an answer */
		sw_error(_("warning: %s can be read by other users (mode %03o) and holds personal "
			 "data: chmod 600 %s"), path, (unsigned)(sb.st_mode & 0777), path);
	/* One connection per process, one thread: no need for SQLite's mutexes. */
	int oflags = ((flags & SW_DB_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		     SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
		sw_error("%s: %s", path, db ? sqlite3_errmsg(db) : _("cannot open"));
		sqlite3_close(db);
		return NULL;
	}
	const char *env = getenv("SW_BUSY_TIMEOUT");
	int busy_ms = env && *env ? atoi(env) : BUSY_MS;
	sqlite3_busy_timeout(db, busy_ms);
	sqlite3_extended_result_codes(db, 1);

	char *err = NULL;
	if (!(flags & SW_DB_READONLY) && set_wal(db, busy_ms, &err) != SQLITE_OK)
		goto fail;
	/* FULL: under WAL, each commit is synced to the -wal file before the
	 * command says it is done; NORMAL would let a power cut lose the last
	 * import (sw(7), RELIABILITY). One sync per command: the cost is small.
	 * A writer's temporary tables (an import's keys met, index builds'
	 * sort runs: as large as its input) go to files past a cache of 16
	 * MiB, not SQLite's 2 (200,000 services imported again: 3.1 s -> 2.7
	 * s): memory flat. Set before the audit's triggers are installed
	 * (below): a change of temp_store empties the temporary schema. */
	if (sqlite3_exec(db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
			 "PRAGMA cache_size=" SW_DB_CACHE, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(db, flags & SW_DB_READONLY ? "PRAGMA temp_store=MEMORY"
			 : "PRAGMA temp_store=FILE; PRAGMA temp.cache_size=-16384", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	if (sw_schema_migrate(db) != 0) {
		sqlite3_close(db);
		return NULL;
	}
	if (!(flags & SW_DB_READONLY))
		sw_closed_watch(db);
	return db;
fail:
	hint(db, hbuf, sizeof hbuf);
	sw_error("%s: %s%s", path, err ? err : sqlite3_errmsg(db), hbuf);
	sqlite3_free(err);
	sqlite3_close(db);
	return NULL;
}

/* Copies what this connection committed from the -wal file into the
 * database file, without waiting for readers. SQLite does it on its own
 * later, but a failure (a full disk) would pass unseen while a copy of the
 * database file alone misses the data: say so. */
static void checkpoint(sqlite3 *db)
{
	if (sqlite3_db_readonly(db, "main") != 0 || sqlite3_total_changes64(db) == 0)
		return;
	int rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return;
	char h[128];
	hint(db, h, sizeof h);
	sw_error(_("%s: stored, but only in its -wal file so far (copying into the database file"
		 " failed: %s%s): a copy of the database file alone would miss it; copy the -wal"
		 " file with it, or run any sw command once there is room"), sw_db_name(db),
		 sqlite3_errmsg(db), h);
}

void sw_db_close(sqlite3 *db)
{
	if (!db)
		return;
	checkpoint(db);
	sw_closed_unwatch(db);
	sw_store_sqlite_forget(db);	/* its statements, before the close */
	uncache(db);
	if (sqlite3_close(db) != SQLITE_OK) {
		/* A statement left unfinalized is a bug; say so rather than leak. */
		sw_db_error(db, "close");
		sqlite3_close_v2(db);
	}
}

int sw_db_begin(sqlite3 *db)
{
	if (run(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
		sw_db_error(db, "begin");
		return -1;
	}
	sw_closed_watch(db);
	return 0;
}

static int (*before_commit)(sqlite3 *);
static void (*after_rollback)(void);

void sw_db_hooks(int (*bc)(sqlite3 *), void (*ar)(void))
{
	before_commit = bc;
	after_rollback = ar;
}

int sw_db_commit(sqlite3 *db)
{
	/* closed months first: the audit trail seals only what will be kept */
	if (sw_closed_check(db) != 0 || (before_commit && before_commit(db) != 0)) {
		sw_db_rollback(db);
		return -1;
	}
	if (run(db, "COMMIT") != SQLITE_OK) {
		sw_db_error(db, "commit");
		sw_db_rollback(db);
		return -1;
	}
	sw_closed_forget(db);
	return 0;
}

void sw_db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		run(db, "ROLLBACK");
	sw_closed_forget(db);
	if (after_rollback)
		after_rollback();
}

sqlite3_stmt *sw_db_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sw_db_error(db, "prepare");
		exit(SW_EXIT_FAIL);
	}
	return st;
}

void sw_db_exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		sw_db_error(db, "exec");
		exit(SW_EXIT_FAIL);
	}
}

void sw_db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int sw_db_text(sqlite3 *db, sqlite3_stmt **st, const char *sql, int n, const char *const *p,
	       char *out, size_t outlen)
{
	sqlite3_stmt *own = NULL, *s = st ? *st : NULL;
	if (!s && !(s = sw_db_prepare(db, sql)))
		return -1;
	if (st)
		*st = s;
	else
		own = s;
	for (int i = 0; i < n; i++)
		sw_db_bind_text(s, i + 1, p[i]);
	int rc = sqlite3_step(s);
	const unsigned char *v = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
	/* a value cut short would be another value: refused, not copied */
	int whole = !out || (size_t)snprintf(out, outlen, "%s", v ? (const char *)v : "") < outlen;
	sqlite3_reset(s);
	sqlite3_finalize(own);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sw_db_error(db, "look-up");
		return -1;
	}
	if (!whole) {
		sw_error(_("%s: a stored value is longer than %zu bytes"), sw_db_name(db), outlen - 1);
		return -1;
	}
	return v != NULL;
}

int sw_db_has(sqlite3 *db, const char *table)
{
	const char *p[1] = {table};
	return sw_db_text(db, NULL, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
			  1, p, NULL, 0) == 1;
}
