/*
 * src/calendar.c
 *
 * The per-backend calendar cache.
 *
 * A built-in calendar (a GOV.UK division) is computed from the rules on
 * first use and kept for the life of the backend.  A user calendar is
 * read from socialcare.calendar and socialcare.calendar_day.  Those
 * tables carry a statement trigger that queues a relcache invalidation
 * for them; the invalidation reaches every backend when the change
 * commits (and this one at once, and again on rollback), our callback
 * marks the user calendars stale, and the next lookup rebuilds them.
 * Like the system caches, a user calendar is read with the latest
 * snapshot, so a change is seen by the next statement of every session.
 * In parallel mode no new snapshot may be taken: a calendar read there
 * uses the statement's snapshot and is kept for that statement only.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "calendar.h"

char	   *sc_default_calendar = NULL;

static MemoryContext calendar_context = NULL;
static Calendar *calendars = NULL;

/* Bumped whenever a cached Calendar pointer may have become invalid. */
static uint64 generation = 1;	/* never 0 */

/* Set by the invalidation callback: user calendars must be re-read. */
static bool user_calendars_stale = false;

/* The calendar tables, known once a user calendar has been read. */
static Oid	calendar_relid = InvalidOid;
static Oid	calendar_day_relid = InvalidOid;

/* What a call site remembers between rows (in fn_extra). */
typedef struct CallCache
{
	uint64		generation;
	const Calendar *calendar;
	int			capacity;		/* bytes available in name */
	int			namelen;		/* the calendar argument it was found for */
	char		name[FLEXIBLE_ARRAY_MEMBER];
} CallCache;

static StatementStamp
current_statement(void)
{
	StatementStamp s = {MyProc->lxid, GetCurrentStatementStartTimestamp()};

	return s;
}

/* Relcache callback: a change to the calendar tables makes user calendars stale. */
static void
calendar_tables_changed(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == calendar_relid || relid == calendar_day_relid)
		user_calendars_stale = true;
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
	pfree(cal);
}

/* Drop user calendars: all of them, or only those read for an earlier statement. */
static void
forget_user_calendars(bool all)
{
	Calendar  **link = &calendars;
	StatementStamp now = current_statement();

	while (*link)
	{
		Calendar   *cal = *link;
		bool		expired = cal->snapshot_bound
			&& (cal->read_in.lxid != now.lxid || cal->read_in.start != now.start);

		if (!cal->builtin && (all || expired))
		{
			*link = cal->next;
			free_calendar(cal);
			generation++;
		}
		else
			link = &cal->next;
	}
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
	StringInfoData buf;

	initStringInfo(&buf);
	for (int d = 0; d < SC_NUM_DIVISIONS; d++)
		appendStringInfo(&buf, "%s%s", d ? ", " : "", sc_division_names[d]);
	run_query("SELECT name FROM socialcare.calendar ORDER BY name", NULL, snap);
	for (uint64 i = 0; i < SPI_processed; i++)
		appendStringInfo(&buf, ", %s",
						 SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	return buf.data;
}

static void
unknown_calendar(const char *name, Snapshot snap)
{
	char	   *known = known_calendar_names(snap);

	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("unknown calendar \"%s\"", name),
			 errhint("Known calendars: %s. Add your own with INSERT INTO socialcare.calendar.",
					 known)));
}

/* Read a user calendar's weekmask and days; the caller is connected to SPI. */
static Calendar *
read_user_calendar(const char *name, Snapshot snap)
{
	int			division;
	uint8_t		weekmask[7];
	char	   *text;
	sc_day	   *closed;
	sc_day	   *open;
	int			nclosed = 0;
	int			nopen = 0;
	int			nholidays;
	const sc_holiday *holidays;

	run_query("SELECT base, weekmask FROM socialcare.calendar "
			  "WHERE name OPERATOR(pg_catalog.=) $1", name, snap);
	if (SPI_processed == 0)
		unknown_calendar(name, snap);
	division = sc_division_from_name(SPI_getvalue(SPI_tuptable->vals[0],
												  SPI_tuptable->tupdesc, 1));
	text = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	if (division < 0 || text == NULL || strlen(text) != 7)
		elog(ERROR, "socialcare: calendar \"%s\" has an invalid base or weekmask", name);
	for (int i = 0; i < 7; i++)
		weekmask[i] = text[i] == '1';

	holidays = sc_division_holidays(division, &nholidays);
	run_query("SELECT day, working FROM socialcare.calendar_day "
			  "WHERE calendar OPERATOR(pg_catalog.=) $1", name, snap);
	closed = palloc(sizeof(sc_day) * (nholidays + SPI_processed));
	open = palloc(sizeof(sc_day) * (SPI_processed + 1));
	for (int i = 0; i < nholidays; i++)
		closed[nclosed++] = holidays[i].day;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		HeapTuple	tup = SPI_tuptable->vals[i];
		DateADT		day = DatumGetDateADT(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
		bool		working = DatumGetBool(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));

		if (working)
			open[nopen++] = day;
		else
			closed[nclosed++] = day;
	}
	return new_calendar(name, division, weekmask, closed, nclosed, open, nopen);
}

/* Remember the calendar tables' OIDs so the callback can recognise them. */
static void
note_calendar_tables(void)
{
	Oid			nsp = get_namespace_oid("socialcare", false);

	calendar_relid = get_relname_relid("calendar", nsp);
	calendar_day_relid = get_relname_relid("calendar_day", nsp);
}

static Calendar *
load_user_calendar(const char *name)
{
	bool		parallel = IsInParallelMode();
	Snapshot	snap;
	Calendar   *cal;

	note_calendar_tables();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	snap = parallel ? GetActiveSnapshot() : GetLatestSnapshot();
	cal = read_user_calendar(name, snap);
	SPI_finish();
	cal->snapshot_bound = parallel;
	cal->read_in = current_statement();
	return cal;
}

/*
 * The calendar called name; an error if there is none.  The pointer stays
 * valid while the generation is unchanged and no invalidation is pending.
 */
const Calendar *
sc_calendar_lookup(const char *name)
{
	int			division = sc_division_from_name(name);
	Calendar   *cal;

	AcceptInvalidationMessages();
	if (user_calendars_stale)
	{
		user_calendars_stale = false;
		forget_user_calendars(true);
	}
	else
		forget_user_calendars(false);

	for (cal = calendars; cal; cal = cal->next)
		if (strcmp(cal->name, name) == 0)
			return cal;

	cal = division >= 0 ? builtin_calendar(division) : load_user_calendar(name);
	cal->next = calendars;
	calendars = cal;
	return cal;
}

/*
 * The calendar for a call: argument argno if the SQL function has it,
 * else the GUC.  Remembered in fn_extra so that a row costs two compares.
 */
const Calendar *
sc_calendar_for_call(FunctionCallInfo fcinfo, int argno)
{
	CallCache  *cc = fcinfo->flinfo->fn_extra;
	bool		fresh = cc != NULL && cc->generation == generation && !user_calendars_stale;
	const char *name;
	int			len;

	if (argno < PG_NARGS())
	{
		text	   *arg = PG_GETARG_TEXT_PP(argno);

		name = VARDATA_ANY(arg);
		len = VARSIZE_ANY_EXHDR(arg);
		if (likely(fresh && cc->namelen == len && memcmp(cc->name, name, len) == 0))
			return cc->calendar;
	}
	else
	{
		/* the generation changes whenever the GUC does */
		if (likely(fresh))
			return cc->calendar;
		name = sc_default_calendar;
		len = strlen(name);
	}

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
	memcpy(cc->name, name, len);
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
					sc_date_string(day), cal->name),
			 errdetail("Calendars cover %d-01-01 to %d-12-31, the years their bank holiday rules are defined for.",
					   SC_FIRST_YEAR, SC_LAST_YEAR),
			 DATE_NOT_FINITE(day)
			 ? errhint("Replace infinite dates with NULL, e.g. NULLIF(d, 'infinity').")
			 : errhint("Check the date for a typing error, or leave dates outside that range out of the query.")));
	return 0;					/* keep the compiler quiet */
}
