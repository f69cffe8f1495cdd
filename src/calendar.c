/*
 * src/calendar.c
 *
 * The per-backend calendar cache.
 *
 * A built-in calendar (a GOV.UK division) is computed from the rules on
 * first use and kept for the life of the backend.  A user calendar is
 * read from socialcare.calendar and socialcare.calendar_day.
 *
 * The snapshot rule: a user calendar is read with the active snapshot,
 * like a table joined in the query that calls it: the statement's
 * snapshot in READ COMMITTED, the transaction's in REPEATABLE READ and
 * SERIALIZABLE, and in a parallel query the leader's, which every worker
 * restores.  So all rows of one query, in the leader and in the workers,
 * see one calendar, and a closure committed after a repeatable-read
 * transaction took its snapshot is not seen by that transaction.
 *
 * The cache follows the same rule.  An entry keeps what its snapshot saw
 * (SnapshotKey, calendar.h): while the active snapshot sees the same
 * committed transactions and the same own commands, the entry is used
 * without reading anything (a row costs a name compare and a few integer
 * compares); when the snapshot differs (a later statement in READ
 * COMMITTED after some transaction completed, another transaction) the
 * calendar's rows are read again under it, and the entry is kept if they
 * are the same rows, rebuilt if not.  (A SERIALIZABLE transaction reads
 * them once itself, for the predicate locks a join would take.)
 * Invalidations are not trusted to
 * say when another session's change becomes visible (they are sent after
 * the commit is visible, and may be processed after a snapshot that sees
 * it was taken): a snapshot that sees a change always differs from one
 * that did not.  This backend's own changes are caught by the statement
 * triggers on the calendar tables: their relcache invalidation runs our
 * callback at the end of the changing command, and again when a
 * (sub)transaction rolls back, and the next lookup reads the rows again.
 *
 * Each user calendar costs about 650 kB (an index of every day from 1971
 * to 2199).  At most socialcare.calendar_cache_size of them are kept; the
 * least recently looked up beyond that are dropped.  Call sites keep a
 * Calendar pointer in fn_extra with the generation it was found in;
 * dropping or rebuilding an entry bumps the generation, so a call site
 * looks its calendar up again before it uses a pointer that may be gone.
 * Built-in calendars are never dropped.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "calendar.h"
#include "shown.h"

char	   *sc_default_calendar = NULL;
int			sc_calendar_cache_size = 16;

static MemoryContext calendar_context = NULL;
static Calendar *calendars = NULL;	/* most recently looked up first */
static int	nuser = 0;			/* user calendars in the list */

/* Bumped whenever a cached Calendar pointer may have become invalid. */
static uint64 generation = 1;	/* never 0 */

/* Bumped by the invalidation callback: user calendars must be read again. */
static uint64 changes = 0;

/* The calendar tables, known once a user calendar has been read. */
static Oid	calendar_relid = InvalidOid;
static Oid	calendar_day_relid = InvalidOid;

/* A user calendar's rows, ordered by day (saved plan; $1 is its name). */
static SPIPlanPtr read_plan = NULL;
#define READ_CALENDAR \
	"SELECT c.base, c.weekmask, d.day, d.working " \
	"FROM socialcare.calendar c LEFT JOIN socialcare.calendar_day d " \
	"ON d.calendar OPERATOR(pg_catalog.=) c.name " \
	"WHERE c.name OPERATOR(pg_catalog.=) $1 ORDER BY d.day"

/* What a call site remembers between rows (in fn_extra). */
typedef struct CallCache
{
	uint64		generation;
	const Calendar *calendar;
	int			capacity;		/* bytes available in name */
	int			namelen;		/* the calendar argument it was found for */
	char		name[FLEXIBLE_ARRAY_MEMBER];
} CallCache;

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
	key->lxid = MyProc->lxid;
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
		&& (!IsolationIsSerializable() || key->lxid == MyProc->lxid);
}

void
sc_snapshot_key_free(SnapshotKey *key)
{
	if (key->xip)
		pfree(key->xip);
	key->xip = NULL;
	key->capacity = 0;
}

/*
 * Relcache callback: a change to the calendar tables.  For this backend's
 * own changes it runs at the end of the changing command and on rollback.
 */
static void
calendar_tables_changed(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == calendar_relid || relid == calendar_day_relid)
	{
		changes++;
		generation++;
	}
}

/* GUC socialcare.calendar changed: call sites must look the name up again. */
static void
default_calendar_assigned(const char *newval, void *extra)
{
	generation++;
}

/* Called from _PG_init. */
void
sc_calendar_init(void)
{
	calendar_context = AllocSetContextCreate(TopMemoryContext,
											 "socialcare calendars",
											 ALLOCSET_DEFAULT_SIZES);
	CacheRegisterRelcacheCallback(calendar_tables_changed, (Datum) 0);

	DefineCustomStringVariable("socialcare.calendar",
							   "Calendar used by socialcare functions called without one.",
							   "A GOV.UK division (england-and-wales, scotland, "
							   "northern-ireland) or a calendar in socialcare.calendar.",
							   &sc_default_calendar,
							   "england-and-wales",
							   PGC_USERSET,
							   0,
							   NULL,
							   default_calendar_assigned,
							   NULL);
	DefineCustomIntVariable("socialcare.calendar_cache_size",
							"User calendars a session keeps built.",
							"Each costs about 650 kB; beyond this number the least "
							"recently used are dropped and read again when next used. "
							"Built-in calendars are always kept.",
							&sc_calendar_cache_size,
							16,
							1,
							10000,
							PGC_USERSET,
							0,
							NULL,
							NULL,
							NULL);
	MarkGUCPrefixReserved("socialcare");
}

/* A date as the session's DateStyle shows it, for messages. */
char *
sc_date_string(sc_day day)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(day)));
}

/* All bank holidays of a division in the supported years, computed once. */
const sc_holiday *
sc_division_holidays(int division, int *count)
{
	static sc_holiday *lists[SC_NUM_DIVISIONS];
	static int	counts[SC_NUM_DIVISIONS];

	if (lists[division] == NULL)
	{
		int			nyears = SC_LAST_YEAR - SC_FIRST_YEAR + 1;
		sc_holiday *list = MemoryContextAlloc(calendar_context,
											  sizeof(sc_holiday) * SC_MAX_HOLIDAYS_PER_YEAR * nyears);
		int			n = 0;

		for (int year = SC_FIRST_YEAR; year <= SC_LAST_YEAR; year++)
			n += sc_bank_holidays_in_year(division, year, list + n);
		counts[division] = n;
		lists[division] = list;
	}
	*count = counts[division];
	return lists[division];
}

/* A new calendar, its index built from a weekmask and day lists. */
static Calendar *
new_calendar(const char *name, int division, const uint8_t weekmask[7],
			 const sc_day *closed, int nclosed, const sc_day *open, int nopen)
{
	sc_day		first = sc_day_from_ymd(SC_FIRST_YEAR, 1, 1);
	int32_t		ndays = sc_day_from_ymd(SC_LAST_YEAR + 1, 1, 1) - first;
	Calendar   *cal = MemoryContextAllocZero(calendar_context, sizeof(Calendar));
	void	   *mem = MemoryContextAlloc(calendar_context, sc_wdindex_bytes(ndays));

	cal->name = MemoryContextStrdup(calendar_context, name);
	cal->division = division;
	sc_wdindex_build(&cal->index, mem, first, ndays, weekmask,
					 closed, nclosed, open, nopen);
	return cal;
}

static const uint8_t monday_to_friday[7] = {1, 1, 1, 1, 1, 0, 0};

static Calendar *
builtin_calendar(int division)
{
	int			nholidays;
	const sc_holiday *holidays = sc_division_holidays(division, &nholidays);
	sc_day	   *closed = palloc(sizeof(sc_day) * nholidays);
	Calendar   *cal;

	for (int i = 0; i < nholidays; i++)
		closed[i] = holidays[i].day;
	cal = new_calendar(sc_division_names[division], division,
					   monday_to_friday, closed, nholidays, NULL, 0);
	cal->builtin = true;
	pfree(closed);
	return cal;
}

static void
free_calendar(Calendar *cal)
{
	pfree(cal->index.cum);
	pfree(cal->name);
	if (cal->closed)
		pfree(cal->closed);
	if (cal->open)
		pfree(cal->open);
	sc_snapshot_key_free(&cal->read_under);
	pfree(cal);
}

/* Take cal out of the list and free it; call sites holding it look again. */
static void
drop_calendar(Calendar *cal)
{
	for (Calendar **link = &calendars; *link; link = &(*link)->next)
		if (*link == cal)
		{
			*link = cal->next;
			break;
		}
	if (!cal->builtin)
		nuser--;
	free_calendar(cal);
	generation++;
}

/* Drop the least recently used user calendars beyond the limit, never keep. */
static void
evict_beyond_limit(const Calendar *keep)
{
	while (nuser > sc_calendar_cache_size)
	{
		Calendar   *victim = NULL;

		for (Calendar *cal = calendars; cal; cal = cal->next)
			if (!cal->builtin && cal != keep)
				victim = cal;	/* the last one: least recently used */
		if (victim == NULL)
			break;
		drop_calendar(victim);
	}
}

/* Put cal first: the most recently used. */
static void
move_to_front(Calendar *cal)
{
	if (calendars == cal)
		return;
	for (Calendar **link = &calendars; *link; link = &(*link)->next)
		if (*link == cal)
		{
			*link = cal->next;
			break;
		}
	cal->next = calendars;
	calendars = cal;
}

/* Run a read-only query under snapshot snap, with one text parameter or none. */
static void
run_query(const char *sql, const char *param, Snapshot snap)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1] = {param ? CStringGetTextDatum(param) : (Datum) 0};
	SPIPlanPtr	plan = SPI_prepare(sql, param ? 1 : 0, argtypes);
	int			ret;

	if (plan == NULL)
		elog(ERROR, "socialcare: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	ret = SPI_execute_snapshot(plan, values, NULL, snap, InvalidSnapshot,
							   true, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading calendar tables failed: %s",
			 SPI_result_code_string(ret));
}

/* The names a user may pass, for the hint of an unknown-calendar error. */
static char *
known_calendar_names(Snapshot snap)
{
	ShownNames	names;

	shown_names_init(&names);
	for (int d = 0; d < SC_NUM_DIVISIONS; d++)
		shown_names_add(&names, sc_division_names[d]);
	run_query("SELECT name FROM socialcare.calendar ORDER BY name", NULL, snap);
	for (uint64 i = 0; i < SPI_processed; i++)
		shown_names_add(&names, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	return shown_names_end(&names);
}

static void
unknown_calendar(const char *name, Snapshot snap)
{
	char	   *known = known_calendar_names(snap);

	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("unknown calendar \"%s\"", shown_cstring(name)),
			 errhint("Known calendars: %s. Add your own with INSERT INTO socialcare.calendar.",
					 known)));
}

/* A user calendar's rows as read: base, weekmask, own days (ascending). */
typedef struct CalendarRows
{
	int			division;
	uint8_t		weekmask[7];
	int			nclosed;
	int			nopen;
	sc_day	   *closed;
	sc_day	   *open;
} CalendarRows;

/* Read a user calendar's rows under snap; the caller is connected to SPI. */
static void
read_user_calendar(const char *name, Snapshot snap, CalendarRows *rows)
{
	Datum		values[1] = {CStringGetTextDatum(name)};
	char	   *text;
	int			ret;

	if (read_plan == NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		SPIPlanPtr	plan = SPI_prepare(READ_CALENDAR, 1, argtypes);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "socialcare: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		read_plan = plan;
	}
	ret = SPI_execute_snapshot(read_plan, values, NULL, snap, InvalidSnapshot,
							   true, false, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading calendar tables failed: %s",
			 SPI_result_code_string(ret));
	if (SPI_processed == 0)
		unknown_calendar(name, snap);
	rows->division = sc_division_from_name(SPI_getvalue(SPI_tuptable->vals[0],
														SPI_tuptable->tupdesc, 1));
	text = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	if (rows->division < 0 || text == NULL || strlen(text) != 7)
		elog(ERROR, "socialcare: calendar \"%s\" has an invalid base or weekmask", name);
	for (int i = 0; i < 7; i++)
		rows->weekmask[i] = text[i] == '1';

	rows->closed = palloc(sizeof(sc_day) * SPI_processed);
	rows->open = palloc(sizeof(sc_day) * SPI_processed);
	rows->nclosed = rows->nopen = 0;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		HeapTuple	tup = SPI_tuptable->vals[i];
		DateADT		day = DatumGetDateADT(SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &isnull));
		bool		working;

		if (isnull)
			continue;			/* a calendar without days: one row of NULLs */
		working = DatumGetBool(SPI_getbinval(tup, SPI_tuptable->tupdesc, 4, &isnull));
		if (working)
			rows->open[rows->nopen++] = day;
		else
			rows->closed[rows->nclosed++] = day;
	}
}

/* Were cal's rows the same as these? */
static bool
same_rows(const Calendar *cal, const CalendarRows *rows)
{
	return cal->division == rows->division
		&& memcmp(cal->weekmask, rows->weekmask, 7) == 0
		&& cal->nclosed == rows->nclosed && cal->nopen == rows->nopen
		&& (rows->nclosed == 0
			|| memcmp(cal->closed, rows->closed, sizeof(sc_day) * rows->nclosed) == 0)
		&& (rows->nopen == 0
			|| memcmp(cal->open, rows->open, sizeof(sc_day) * rows->nopen) == 0);
}

static sc_day *
copy_days(const sc_day *days, int n)
{
	sc_day	   *copy;

	if (n == 0)
		return NULL;
	copy = MemoryContextAlloc(calendar_context, sizeof(sc_day) * n);
	memcpy(copy, days, sizeof(sc_day) * n);
	return copy;
}

/* A user calendar built from its rows: the base's bank holidays and its own days. */
static Calendar *
build_user_calendar(const char *name, const CalendarRows *rows)
{
	int			nholidays;
	const sc_holiday *holidays = sc_division_holidays(rows->division, &nholidays);
	sc_day	   *closed = palloc(sizeof(sc_day) * (nholidays + rows->nclosed));
	Calendar   *cal;

	for (int i = 0; i < nholidays; i++)
		closed[i] = holidays[i].day;
	memcpy(closed + nholidays, rows->closed, sizeof(sc_day) * rows->nclosed);
	cal = new_calendar(name, rows->division, rows->weekmask,
					   closed, nholidays + rows->nclosed, rows->open, rows->nopen);
	pfree(closed);
	memcpy(cal->weekmask, rows->weekmask, 7);
	cal->nclosed = rows->nclosed;
	cal->nopen = rows->nopen;
	cal->closed = copy_days(rows->closed, rows->nclosed);
	cal->open = copy_days(rows->open, rows->nopen);
	return cal;
}

/* Remember the calendar tables' OIDs so the callback can recognise them. */
static void
note_calendar_tables(void)
{
	Oid			nsp = get_namespace_oid("socialcare", false);

	calendar_relid = get_relname_relid("calendar", nsp);
	calendar_day_relid = get_relname_relid("calendar_day", nsp);
}

/*
 * The user calendar called name as snap sees it: cached (the entry found
 * for that name, or NULL) if its rows are the same, else built anew.
 */
static Calendar *
load_user_calendar(const char *name, Calendar *cached, Snapshot snap)
{
	uint64		changes_before = changes;
	CalendarRows rows;
	Calendar   *cal;

	note_calendar_tables();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	read_user_calendar(name, snap, &rows);
	if (cached && same_rows(cached, &rows))
		cal = cached;
	else
	{
		cal = build_user_calendar(name, &rows);
		if (cached)
			drop_calendar(cached);
		cal->next = calendars;
		calendars = cal;
		nuser++;
	}
	SPI_finish();
	sc_snapshot_key_set(&cal->read_under, snap, calendar_context);
	cal->changes_seen = changes_before;
	return cal;
}

/*
 * The calendar called name, read with the active snapshot; an error if
 * there is none.  The pointer stays valid while the generation is
 * unchanged.
 */
const Calendar *
sc_calendar_lookup(const char *name)
{
	int			division = sc_division_from_name(name);
	Calendar   *cal;
	Snapshot	snap;

	for (cal = calendars; cal; cal = cal->next)
		if (strcmp(cal->name, name) == 0)
			break;
	if (division >= 0)
	{
		if (cal == NULL)
		{
			cal = builtin_calendar(division);
			cal->next = calendars;
			calendars = cal;
		}
		move_to_front(cal);
		return cal;
	}
	snap = sc_reading_snapshot();
	if (cal == NULL || cal->changes_seen != changes
		|| !sc_snapshot_key_usable(&cal->read_under, snap))
		cal = load_user_calendar(name, cal, snap);
	move_to_front(cal);
	evict_beyond_limit(cal);
	return cal;
}

/*
 * The calendar for a call: argument argno if the SQL function has it,
 * else the GUC.  Remembered in fn_extra so that a row costs a name
 * compare and, for a user calendar, a snapshot check.
 */
const Calendar *
sc_calendar_for_call(FunctionCallInfo fcinfo, int argno)
{
	CallCache  *cc = fcinfo->flinfo->fn_extra;
	bool		fresh = cc != NULL && cc->generation == generation;
	const char *name;
	int			len;

	if (argno < PG_NARGS())
	{
		text	   *arg = PG_GETARG_TEXT_PP(argno);

		name = VARDATA_ANY(arg);
		len = VARSIZE_ANY_EXHDR(arg);
		fresh = fresh && cc->namelen == len && memcmp(cc->name, name, len) == 0;
	}
	else
	{
		/* the generation changes whenever the GUC does */
		name = sc_default_calendar;
		len = fresh ? cc->namelen : strlen(name);
	}
	if (likely(fresh)
		&& (cc->calendar->builtin
			|| sc_snapshot_sees_same(&cc->calendar->read_under, sc_reading_snapshot())))
		return cc->calendar;

	if (cc == NULL || cc->capacity < len + 1)
	{
		int			capacity = Max(len + 1, NAMEDATALEN);

		if (cc)
			pfree(cc);
		cc = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
								offsetof(CallCache, name) + capacity);
		cc->capacity = capacity;
		fcinfo->flinfo->fn_extra = cc;
	}
	cc->generation = 0;			/* matches nothing, should the lookup fail */
	memmove(cc->name, name, len);
	cc->name[len] = '\0';
	cc->namelen = len;
	cc->calendar = sc_calendar_lookup(cc->name);
	cc->generation = generation;
	return cc->calendar;
}

/* day as a day number of cal, or an error naming it if cal does not cover it. */
sc_day
sc_calendar_day(const Calendar *cal, DateADT day)
{
	if (likely(sc_wd_covers(&cal->index, day)))
		return day;
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("date %s is outside the range of calendar \"%s\"",
					sc_date_string(day), shown_cstring(cal->name)),
			 errdetail("Calendars cover %d-01-01 to %d-12-31, the years their bank holiday rules are defined for.",
					   SC_FIRST_YEAR, SC_LAST_YEAR),
			 DATE_NOT_FINITE(day)
			 ? errhint("Replace infinite dates with NULL, e.g. NULLIF(d, 'infinity').")
			 : errhint("Check the date for a typing error, or leave dates outside that range out of the query.")));
	return 0;					/* keep the compiler quiet */
}
