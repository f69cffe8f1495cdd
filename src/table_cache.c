/*
 * src/table_cache.c
 *
 * The per-backend caches of objects built from the extension's tables:
 * user calendars (calendar.c) and the timescale catalogue
 * (timescale_cache.c), each described by a TableCacheDesc.
 *
 * The snapshot rule: a cached object is read with the active snapshot,
 * like a table joined in the query that uses it: the statement's snapshot
 * in READ COMMITTED, the transaction's in REPEATABLE READ and
 * SERIALIZABLE, and in a parallel query the leader's, which every worker
 * restores.  So all rows of one query, in the leader and in the workers,
 * see one object, and a row committed after a repeatable-read transaction
 * took its snapshot is not seen by that transaction.
 *
 * An entry keeps what its snapshot saw (SnapshotKey): while the active
 * snapshot sees the same committed transactions and the same own
 * commands, the entry is used without reading anything (a row costs a
 * name compare and a few integer compares); when the snapshot differs (a
 * later statement in READ COMMITTED after some transaction completed,
 * another transaction) the rows are read again under it, and the
 * descriptor's build callback keeps the entry if they are the same rows
 * (user calendars), or builds anew.  (A SERIALIZABLE transaction reads
 * them once itself, for the predicate locks a join would take.)
 * Invalidations are not trusted to say when another session's change
 * becomes visible (they are sent after the commit is visible, and may be
 * processed after a snapshot that sees it was taken): a snapshot that
 * sees a change always differs from one that did not.  This backend's own
 * changes are caught by the statement trigger socialcare.invalidate_caches()
 * on the tables: its relcache invalidation runs our callback at the end
 * of the changing command, and again when a (sub)transaction rolls back,
 * and the next lookup reads the rows again.
 *
 * Each entry lives in a memory context of its own, deleted when the
 * entry is dropped.  A keyed cache keeps at most *max_entries entries; the
 * least recently looked up beyond that are dropped.  Call sites keep an
 * object pointer (NameCache) with the generation it was found in;
 * dropping or rebuilding an entry bumps the generation, so a call site
 * looks its name up again before it uses a pointer that may be gone.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "sql_util.h"
#include "table_cache.h"
#include "trigger_check.h"

PG_FUNCTION_INFO_V1(sc_invalidate_caches);
PG_FUNCTION_INFO_V1(sc_calendar_changed);
PG_FUNCTION_INFO_V1(sc_timescales_changed);

/* Every cache, for the relcache callback and the invalidation trigger. */
static const TableCacheDesc *const caches[] = {&sc_user_calendars, &sc_timescale_catalogue};

#define NCACHES lengthof(caches)

/* Remember what snap sees in key (arrays in cxt). */
void
sc_snapshot_key_set(SnapshotKey *key, Snapshot snap, MemoryContext cxt)
{
	int			n = (int) snap->xcnt + Max(snap->subxcnt, 0);

	key->curcid = snap->curcid;
	key->xmin = snap->xmin;
	key->xmax = snap->xmax;
	key->xcnt = snap->xcnt;
	key->subxcnt = snap->subxcnt;
	key->suboverflowed = snap->suboverflowed;
	key->recovery = snap->takenDuringRecovery;
	key->lxid = SC_MY_LXID;
	if (key->capacity < n)
	{
		if (key->xip)
			pfree(key->xip);
		key->xip = MemoryContextAlloc(cxt, sizeof(TransactionId) * n);
		key->capacity = n;
	}
	if (snap->xcnt > 0)
		memcpy(key->xip, snap->xip, sizeof(TransactionId) * snap->xcnt);
	if (snap->subxcnt > 0)
		memcpy(key->xip + snap->xcnt, snap->subxip, sizeof(TransactionId) * snap->subxcnt);
}

/*
 * May what was read under key be used under snap?  When snap sees the same
 * rows; in a serializable transaction, only once the transaction has read
 * them itself (so that it holds the predicate locks a join would take).
 */
bool
sc_snapshot_key_usable(const SnapshotKey *key, Snapshot snap)
{
	return sc_snapshot_sees_same(key, snap)
		&& (!IsolationIsSerializable() || key->lxid == SC_MY_LXID);
}

/*
 * Relcache callback: a change to a cache's tables.  For this backend's
 * own changes it runs at the end of the changing command and on rollback.
 */
static void
relation_changed(Datum arg, Oid relid)
{
	for (int c = 0; c < NCACHES; c++)
	{
		TableCacheState *s = caches[c]->state;
		bool		mine = relid == InvalidOid;

		for (int r = 0; !mine && s->relids && caches[c]->relations[r]; r++)
			mine = relid == s->relids[r];
		if (mine)
		{
			s->changes++;
			s->generation++;
		}
	}
}

/* Called from _PG_init. */
void
sc_table_cache_init(void)
{
	CacheRegisterRelcacheCallback(relation_changed, (Datum) 0);
}

/* Call sites must look their names up again (a setting they depend on changed). */
void
sc_table_cache_forget_calls(const TableCacheDesc *desc)
{
	desc->state->generation++;
}

static int
count_of(const char *const *list)
{
	int			n = 0;

	while (list[n])
		n++;
	return n;
}

/* Remember the cache's tables' OIDs so the callback can recognise them. */
static void
note_relations(const TableCacheDesc *desc)
{
	TableCacheState *s = desc->state;
	Oid			nsp = get_namespace_oid("socialcare", false);

	if (s->relids == NULL)
		s->relids = MemoryContextAllocZero(TopMemoryContext,
										   sizeof(Oid) * count_of(desc->relations));
	for (int r = 0; desc->relations[r]; r++)
		s->relids[r] = get_relname_relid(desc->relations[r], nsp);
}

/* Run query q of desc (its plan saved) under snap; $1 is key for a keyed cache. */
static SPITupleTable *
run_query(const TableCacheDesc *desc, int q, const char *key, Snapshot snap)
{
	TableCacheState *s = desc->state;
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1] = {desc->keyed ? CStringGetTextDatum(key) : (Datum) 0};
	int			ret;

	if (s->plans == NULL)
		s->plans = MemoryContextAllocZero(TopMemoryContext,
										  sizeof(SPIPlanPtr) * count_of(desc->queries));
	ret = SPI_execute_snapshot(sc_kept_plan(&s->plans[q], desc->queries[q], desc->keyed ? 1 : 0, argtypes), values, NULL, snap, InvalidSnapshot,
							   true, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading the %s tables failed: %s",
			 desc->what, SPI_result_code_string(ret));
	return SPI_tuptable;
}

/* A column as text copied into cxt, NULL for a null. */
char *
sc_table_cache_text(SPITupleTable *rows, uint64 row, int col, MemoryContext cxt)
{
	char	   *s = SPI_getvalue(rows->vals[row], rows->tupdesc, col);

	return s ? MemoryContextStrdup(cxt, s) : NULL;
}

/* An int4 column, ifnull for a null. */
int32
sc_table_cache_int(SPITupleTable *rows, uint64 row, int col, int32 ifnull)
{
	bool		isnull;
	Datum		d = SPI_getbinval(rows->vals[row], rows->tupdesc, col, &isnull);

	return isnull ? ifnull : DatumGetInt32(d);
}

/*
 * An unknown name: an error whose hint lists the known names (the
 * built-in ones, the table's as snap sees them, those in object).
 */
void
sc_table_cache_unknown(const TableCacheNames *names, const char *name,
					   const void *object, Snapshot snap)
{
	ShownNames	known;

	shown_names_init(&known);
	for (int i = 0; i < names->nbuiltin; i++)
		shown_names_add(&known, names->builtin[i]);
	if (names->query)
	{
		SPIPlanPtr	plan;
		int			ret;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "socialcare: SPI_connect failed");
		plan = SPI_prepare(names->query, 0, NULL);
		if (plan == NULL)
			elog(ERROR, "socialcare: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		ret = SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot, true, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "socialcare: reading the %s names failed: %s",
				 names->what, SPI_result_code_string(ret));
		for (uint64 i = 0; i < SPI_processed; i++)
			shown_names_add(&known, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
		/* the error that follows ends the SPI connection */
	}
	if (names->listed)
		names->listed(object, &known);
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("unknown %s \"%s\"", names->what, shown_cstring(name)),
			 errhint("Known %ss: %s. %s", names->what,
					 known.count ? shown_names_end(&known) : "(none)", names->add_hint)));
	pg_unreachable();
}

/* Take e out of the list and free it; call sites holding its object look again. */
static void
drop_entry(const TableCacheDesc *desc, TableCacheEntry *e)
{
	TableCacheState *s = desc->state;

	for (TableCacheEntry **link = &s->entries; *link; link = &(*link)->next)
		if (*link == e)
		{
			*link = e->next;
			break;
		}
	s->nentries--;
	MemoryContextDelete(e->cxt);
	s->generation++;
}

/* Drop the least recently used entries beyond the limit, never keep. */
static void
evict_beyond_limit(const TableCacheDesc *desc, const TableCacheEntry *keep)
{
	TableCacheState *s = desc->state;
	int			limit = desc->max_entries ? *desc->max_entries : 1;

	while (s->nentries > limit)
	{
		TableCacheEntry *victim = NULL;

		for (TableCacheEntry *e = s->entries; e; e = e->next)
			if (e != keep)
				victim = e;		/* the last one: least recently used */
		if (victim == NULL)
			break;
		drop_entry(desc, victim);
	}
}

/* Put e first: the most recently used. */
static void
move_to_front(TableCacheState *s, TableCacheEntry *e)
{
	if (s->entries == e)
		return;
	for (TableCacheEntry **link = &s->entries; *link; link = &(*link)->next)
		if (*link == e)
		{
			*link = e->next;
			break;
		}
	e->next = s->entries;
	s->entries = e;
}

/*
 * The object for key as snap sees it: cached's (the entry found for key,
 * or NULL) if the build callback keeps it, else built anew in an entry of
 * its own.
 */
static TableCacheEntry *
load(const TableCacheDesc *desc, const char *key, TableCacheEntry *cached, Snapshot snap)
{
	TableCacheState *s = desc->state;
	uint64		changes_before = s->changes;
	MemoryContext cxt;
	TableCacheEntry *e;
	void	   *object;

	note_relations(desc);
	/* the name is a string constant of the descriptor */
	cxt = AllocSetContextCreateInternal(TopMemoryContext, desc->context_name,
										desc->context_min, desc->context_init,
										desc->context_max);
	PG_TRY();
	{
		int			nqueries = count_of(desc->queries);
		SPITupleTable **rows = palloc(sizeof(SPITupleTable *) * nqueries);

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "socialcare: SPI_connect failed");
		for (int q = 0; q < nqueries; q++)
			rows[q] = run_query(desc, q, key, snap);
		object = desc->build(key, rows, cached ? cached->object : NULL, cxt, snap);
		SPI_finish();
		pfree(rows);
	}
	PG_CATCH();
	{
		MemoryContextDelete(cxt);
		PG_RE_THROW();
	}
	PG_END_TRY();

	if (cached && object == cached->object)
	{
		MemoryContextDelete(cxt);
		e = cached;
	}
	else
	{
		if (cached)
			drop_entry(desc, cached);
		e = MemoryContextAllocZero(cxt, sizeof(TableCacheEntry));
		e->cxt = cxt;
		e->key = key ? MemoryContextStrdup(cxt, key) : NULL;
		e->object = object;
		e->next = s->entries;
		s->entries = e;
		s->nentries++;
	}
	sc_snapshot_key_set(&e->read_under, snap, e->cxt);
	e->changes_seen = changes_before;
	return e;
}

/*
 * The entry for key (NULL for a cache of one object), read with the
 * active snapshot.  Its object stays valid while the generation is
 * unchanged.
 */
TableCacheEntry *
sc_table_cache_get(const TableCacheDesc *desc, const char *key)
{
	TableCacheState *s = desc->state;
	Snapshot	snap = sc_reading_snapshot();
	TableCacheEntry *e;

	for (e = s->entries; e; e = e->next)
		if (!desc->keyed || strcmp(e->key, key) == 0)
			break;
	if (e == NULL || e->changes_seen != s->changes
		|| !sc_snapshot_key_usable(&e->read_under, snap))
		e = load(desc, key, e, snap);
	move_to_front(s, e);
	evict_beyond_limit(desc, e);
	return e;
}

/*
 * Copy name into the call site's cache (in mcxt) and return it as a C
 * string; the cache matches nothing until sc_name_cache_set.
 */
const char *
sc_name_cache_name(NameCache *nc, MemoryContext mcxt, const char *name, int len)
{
	if (nc->capacity < len + 1)
	{
		if (nc->name)
			pfree(nc->name);
		nc->capacity = Max(len + 1, NAMEDATALEN);
		nc->name = MemoryContextAlloc(mcxt, nc->capacity);
	}
	memmove(nc->name, name, len);
	nc->name[len] = '\0';
	nc->len = len;
	nc->generation = 0;			/* matches nothing, should the lookup fail */
	return nc->name;
}

/* The name was resolved to object, found in entry (NULL: no table backs it). */
void
sc_name_cache_set(const TableCacheDesc *desc, NameCache *nc, const void *object,
				  const TableCacheEntry *entry)
{
	nc->object = object;
	nc->read_under = entry ? &entry->read_under : NULL;
	nc->generation = desc->state->generation;
}

/*
 * Statement trigger on the cached tables: queue a relcache invalidation
 * so that every backend (this one at once, the others at commit, and
 * this one again on rollback) reads them again.  fn names the trigger
 * function for messages, tables the tables it may fire on.
 */
static Datum
invalidate(FunctionCallInfo fcinfo, const char *fn, const char *const *tables)
{
	TriggerData *td = sc_trigger_data(fcinfo, fn, tables, SC_AFTER_STATEMENT);

	CacheInvalidateRelcache(td->tg_relation);
	return PointerGetDatum(NULL);
}

/* socialcare.invalidate_caches(): on the tables of every cache. */
Datum
sc_invalidate_caches(PG_FUNCTION_ARGS)
{
	static const char *tables[16];

	if (tables[0] == NULL)
	{
		int			n = 0;

		for (int c = 0; c < NCACHES; c++)
			for (int r = 0; caches[c]->relations[r]; r++)
			{
				Assert(n < lengthof(tables) - 1);
				tables[n++] = caches[c]->relations[r];
			}
	}
	return invalidate(fcinfo, "invalidate_caches", tables);
}

/*
 * The trigger functions of 0.1.0 and 0.2.0 (calendar_changed and
 * timescales_changed), which the update to 0.3.0 replaces: their symbols
 * stay for those versions' install scripts.
 */
Datum
sc_calendar_changed(PG_FUNCTION_ARGS)
{
	return invalidate(fcinfo, sc_user_calendars.trigger, sc_user_calendars.relations);
}

Datum
sc_timescales_changed(PG_FUNCTION_ARGS)
{
	return invalidate(fcinfo, sc_timescale_catalogue.trigger, sc_timescale_catalogue.relations);
}
