/*
 * src/table_cache.h
 *
 * Per-backend caches of objects built from the extension's tables (user
 * calendars, the timescale catalogue), described once each by a
 * TableCacheDesc and run by one module (table_cache.c): the snapshot rule,
 * the SPI reads, invalidation, eviction, call-site name caches and the
 * "Known ..." hint of an unknown name.
 */
#ifndef SOCIALCARE_TABLE_CACHE_H
#define SOCIALCARE_TABLE_CACHE_H

#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "storage/lock.h"
#include "utils/snapmgr.h"
#include "utils/snapshot.h"

#include "pg_compat.h"
#include "shown.h"

/*
 * What an MVCC snapshot sees, kept with a cached object to tell whether
 * another snapshot sees the same rows: its xmin, xmax and in-progress
 * transactions, and curcid for this transaction's own commands (own
 * changes are also reported by the relcache callback, which runs at once
 * for this backend: at the end of the changing command, and again on a
 * rollback).  The active snapshot is a copy, so its xactCompletionCount
 * is always 0: it is compared by contents.
 */
typedef struct SnapshotKey
{
	CommandId	curcid;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	bool		recovery;		/* takenDuringRecovery */
	LocalTransactionId lxid;	/* the transaction that read under it */
	int			capacity;		/* entries allocated in xip */
	TransactionId *xip;			/* xcnt running xids, then subxcnt subxids */
} SnapshotKey;

/* One kind of name a cache resolves, for the hint of an unknown one. */
typedef struct TableCacheNames
{
	const char *what;			/* "calendar": "unknown calendar", "Known calendars" */
	const char *add_hint;		/* the hint's last sentence: where to add one */
	const char *const *builtin; /* nbuiltin names always known */
	int			nbuiltin;
	const char *query;			/* qualified SQL listing the table's names, or NULL */
	/* the names in a built object, or NULL */
	void		(*listed) (const void *object, ShownNames *names);
} TableCacheNames;

/* A cached object and what it was read under. */
typedef struct TableCacheEntry
{
	MemoryContext cxt;			/* the entry, its key and its object */
	char	   *key;			/* NULL for a cache of one object */
	void	   *object;
	SnapshotKey read_under;
	uint64		changes_seen;	/* invalidations seen when it was read */
	struct TableCacheEntry *next;	/* most recently used first */
} TableCacheEntry;

/* The mutable part of a cache, one per descriptor. */
typedef struct TableCacheState
{
	TableCacheEntry *entries;
	int			nentries;
	uint64		generation;		/* bumped whenever an object pointer may be gone; 0: never */
	uint64		changes;		/* bumped when the cache's tables change */
	Oid		   *relids;			/* of relations, known once read */
	SPIPlanPtr *plans;			/* of queries, saved */
} TableCacheState;

/*
 * Build an object from the rows of each query (rows[i] the result of
 * queries[i]; SPI is connected) in cxt.  For a keyed cache, old is the
 * object cached for key, or NULL: return it to keep it when the rows are
 * the same.  An unknown key is reported with sc_table_cache_unknown.
 */
typedef void *(*TableCacheBuild) (const char *key, SPITupleTable *const *rows,
								  const void *old, MemoryContext cxt, Snapshot snap);

typedef struct TableCacheDesc
{
	const char *what;			/* "calendar": "reading the calendar tables failed" */
	const char *const *relations;	/* the tables in schema socialcare it reads, NULL-terminated */
	const char *trigger;		/* the 0.2.0 invalidation trigger function's name */
	/* qualified SQL (OPERATOR(pg_catalog.=)), NULL-terminated; $1 the key if keyed */
	const char *const *queries;
	bool		keyed;			/* many objects, one per name (key), else one */
	int		   *max_entries;	/* keyed: the LRU bound (a GUC) */
	TableCacheBuild build;
	/* memory: each entry its own context, of these sizes */
	const char *context_name;
	Size		context_min;
	Size		context_init;
	Size		context_max;
	TableCacheState *state;
} TableCacheDesc;

/* The caches of the extension (table_cache.c lists them). */
extern const TableCacheDesc sc_user_calendars;
extern const TableCacheDesc sc_timescale_catalogue;

extern void sc_table_cache_init(void);
extern TableCacheEntry *sc_table_cache_get(const TableCacheDesc *desc, const char *key);
extern void sc_table_cache_forget_calls(const TableCacheDesc *desc);
pg_noreturn extern void sc_table_cache_unknown(const TableCacheNames *names, const char *name,
											   const void *object, Snapshot snap);

/* Reading rows of a result: a column as text copied into cxt (NULL for a null), as int4. */
extern char *sc_table_cache_text(SPITupleTable *rows, uint64 row, int col, MemoryContext cxt);
extern int32 sc_table_cache_int(SPITupleTable *rows, uint64 row, int col, int32 ifnull);

extern void sc_snapshot_key_set(SnapshotKey *key, Snapshot snap, MemoryContext cxt);
extern bool sc_snapshot_key_usable(const SnapshotKey *key, Snapshot snap);

/* The snapshot cached objects are read with: the active one (see table_cache.c). */
static inline Snapshot
sc_reading_snapshot(void)
{
	if (likely(ActiveSnapshotSet()))
		return GetActiveSnapshot();
	return GetTransactionSnapshot();
}

/* Does snap see the rows that the snapshot key was taken from saw?  Per row: keep it cheap. */
static inline bool
sc_snapshot_sees_same(const SnapshotKey *key, Snapshot snap)
{
	return snap->curcid == key->curcid
		&& snap->xmin == key->xmin && snap->xmax == key->xmax
		&& snap->xcnt == key->xcnt && snap->subxcnt == key->subxcnt
		&& snap->suboverflowed == key->suboverflowed
		&& snap->takenDuringRecovery == key->recovery
		&& (key->xcnt == 0
			|| memcmp(snap->xip, key->xip, sizeof(TransactionId) * key->xcnt) == 0)
		&& (key->subxcnt <= 0
			|| memcmp(snap->subxip, key->xip + key->xcnt,
					  sizeof(TransactionId) * key->subxcnt) == 0);
}

/*
 * What a call site remembers between rows (in fn_extra, or in a struct
 * there): the name it resolved, the object found, and the snapshot key to
 * check per row (NULL for an object no table backs, such as a built-in
 * calendar).  Valid while the cache's generation is unchanged.
 */
typedef struct NameCache
{
	uint64		generation;		/* 0: nothing cached */
	const void *object;
	const SnapshotKey *read_under;
	int			capacity;
	int			len;
	char	   *name;
} NameCache;

/* Has the call site resolved this name in the cache's current generation, seen alike? */
static inline bool
sc_name_cache_hit(const TableCacheDesc *desc, const NameCache *nc, const char *name, int len)
{
	return nc->generation == desc->state->generation
		&& nc->len == len && memcmp(nc->name, name, len) == 0
		&& (nc->read_under == NULL
			|| sc_snapshot_sees_same(nc->read_under, sc_reading_snapshot()));
}

extern const char *sc_name_cache_name(NameCache *nc, MemoryContext mcxt, const char *name, int len);
extern void sc_name_cache_set(const TableCacheDesc *desc, NameCache *nc, const void *object,
							  const TableCacheEntry *entry);

#endif
