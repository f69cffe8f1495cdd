/*
 * src/calendar.c
 *
 * The per-backend calendar cache.
 *
 * A built-in calendar (a GOV.UK division) is computed from the rules on
 * first use and kept for the life of the backend.  A user calendar is
 * read from socialcare.calendar and socialcare.calendar_day.
 *
 * User calendars are a cache of the table-cache module (table_cache.c,
 * which states the snapshot rule they are read under): the descriptor
 * sc_user_calendars below names the tables, the query and how rows become
 * a Calendar; an entry whose rows, read again under a new snapshot, are
 * the same is kept.
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

#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "calendar.h"
#include "pg_compat.h"
#include "shown.h"

char	   *sc_default_calendar = NULL;
int			sc_calendar_cache_size = 16;

/* Built-in calendars and the divisions' bank holidays, kept for the backend's life. */
static MemoryContext calendar_context = NULL;
static Calendar *builtin[SC_NUM_DIVISIONS];

static void *build_user_calendar(const char *name, SPITupleTable *const *rows,
								 const void *old, MemoryContext cxt, Snapshot snap);

static const char *const calendar_tables[] = {"calendar", "calendar_day", NULL};

/* A user calendar's rows, ordered by day ($1 is its name). */
static const char *const calendar_queries[] = {
	"SELECT c.base, c.weekmask, d.day, d.working "
	"FROM socialcare.calendar c LEFT JOIN socialcare.calendar_day d "
	"ON d.calendar OPERATOR(pg_catalog.=) c.name "
	"WHERE c.name OPERATOR(pg_catalog.=) $1 ORDER BY d.day",
	NULL
};

static TableCacheState user_calendars_state = {.generation = 1};

const TableCacheDesc sc_user_calendars = {
	.what = "calendar",
	.relations = calendar_tables,
	.trigger = "calendar_changed",
	.queries = calendar_queries,
	.keyed = true,
	.max_entries = &sc_calendar_cache_size,
	.build = build_user_calendar,
	.context_name = "socialcare user calendar",
	.context_min = ALLOCSET_DEFAULT_MINSIZE,
	.context_init = ALLOCSET_DEFAULT_INITSIZE,
	.context_max = ALLOCSET_DEFAULT_MAXSIZE,
	.state = &user_calendars_state,
};

/* The names a user may pass, for the hint of an unknown-calendar error. */
static const TableCacheNames calendar_names = {
	.what = "calendar",
	.add_hint = "Add your own with INSERT INTO socialcare.calendar.",
	.builtin = sc_division_names,
	.nbuiltin = SC_NUM_DIVISIONS,
	.query = "SELECT name FROM socialcare.calendar ORDER BY name",
};

/* GUC socialcare.calendar changed: call sites must look the name up again. */
static void
default_calendar_assigned(const char *newval, void *extra)
{
	sc_table_cache_forget_calls(&sc_user_calendars);
}

/*
 * The check hook of socialcare.calendar.
 *
 * SET and set_config() (source PGC_S_SESSION), and ALTER DATABASE / ALTER
 * ROLE ... SET and a function's SET clause (PGC_S_TEST), are refused for a
 * name that is no calendar: a built-in name is accepted; any other is
 * looked up in socialcare.calendar of the current database when the
 * extension is installed there and the call is inside a transaction, and
 * refused with the known names in the hint if it is not there.
 *
 * Every other source accepts any value, for PostgreSQL reports their
 * refusal only as a WARNING or LOG line and keeps the default
 * (england-and-wales): a wrong calendar without an error.  These are the
 * values PostgreSQL applies when this library loads (a placeholder set
 * before the first call: define_custom_variable reapplies it at WARNING
 * level), postgresql.conf, ALTER DATABASE / ROLE values applied at
 * connection (a preloaded library), and a parallel worker copying its
 * leader's settings.  A name accepted unchecked is looked up when a
 * function uses it, and an unknown one is an error naming it then
 * (sc_table_cache_unknown), never a fall back to England's calendar.
 */
static bool calendar_guc_loading = false;

static bool
check_default_calendar(char **newval, void **extra, GucSource source)
{
	const char *name = *newval;
	int			division;
	bool		found;
	Datum		arg;
	Oid			argtype = TEXTOID;
	int			ret;

	if (name == NULL || sc_division_from_name(name, &division) == SC_OK)
		return true;
	if (calendar_guc_loading || (source != PGC_S_SESSION && source != PGC_S_TEST)
		|| IsParallelWorker() || InitializingParallelWorker)
		return true;
	if (name[0] == '\0' || isspace((unsigned char) name[0])
		|| isspace((unsigned char) name[strlen(name) - 1]))
	{
		GUC_check_errcode(ERRCODE_INVALID_PARAMETER_VALUE);
		GUC_check_errmsg("\"%s\" is not a calendar name", shown_cstring(name));
		GUC_check_errhint("Built-in calendars: %s, %s, %s. A calendar's name is neither empty "
						  "nor begins or ends with a space.",
						  sc_division_names[0], sc_division_names[1], sc_division_names[2]);
		return false;
	}
	/* The user calendars can be read only in a transaction of a database that has them. */
	if (!IsTransactionState() || !OidIsValid(get_extension_oid("socialcare", true)))
		return true;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	arg = CStringGetTextDatum(name);
	ret = SPI_execute_with_args("SELECT 1 FROM socialcare.calendar c "
								"WHERE c.name OPERATOR(pg_catalog.=) $1",
								1, &argtype, &arg, NULL, false, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.calendar failed: %s",
			 SPI_result_code_string(ret));
	found = SPI_processed > 0;
	if (!found)
	{
		ShownNames	known;

		shown_names_init(&known);
		for (int i = 0; i < SC_NUM_DIVISIONS; i++)
			shown_names_add(&known, sc_division_names[i]);
		ret = SPI_execute("SELECT c.name FROM socialcare.calendar c "
						  "ORDER BY c.name", false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "socialcare: reading socialcare.calendar failed: %s",
				 SPI_result_code_string(ret));
		for (uint64 i = 0; i < SPI_processed; i++)
			shown_names_add(&known, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
		GUC_check_errcode(ERRCODE_UNDEFINED_OBJECT);
		GUC_check_errmsg("unknown calendar \"%s\"", shown_cstring(name));
		GUC_check_errhint("Known calendars: %s. Add your own with INSERT INTO socialcare.calendar%s",
						  shown_names_end(&known),
						  source == PGC_S_TEST
						  ? "; ALTER DATABASE and ALTER ROLE look for user calendars in the current database."
						  : ".");
	}
	SPI_finish();
	return found;
}

/* Called from _PG_init. */
void
sc_calendar_init(void)
{
	calendar_context = AllocSetContextCreate(TopMemoryContext,
											 "socialcare calendars",
											 ALLOCSET_DEFAULT_SIZES);

	/* a value set before the library was loaded is reapplied now: see check_default_calendar */
	calendar_guc_loading = true;
	DefineCustomStringVariable("socialcare.calendar",
							   "Calendar used by socialcare functions called without one.",
							   "A GOV.UK division (england-and-wales, scotland, "
							   "northern-ireland) or a calendar in socialcare.calendar.",
							   &sc_default_calendar,
							   "england-and-wales",
							   PGC_USERSET,
							   0,
							   check_default_calendar,
							   default_calendar_assigned,
							   NULL);
	calendar_guc_loading = false;
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
new_calendar(MemoryContext cxt, const char *name, int division, const uint8_t weekmask[7],
			 const sc_day *closed, int nclosed, const sc_day *open, int nopen)
{
	sc_day		first = sc_day_from_ymd(SC_FIRST_YEAR, 1, 1);
	int32_t		ndays = sc_day_from_ymd(SC_LAST_YEAR + 1, 1, 1) - first;
	Calendar   *cal = MemoryContextAllocZero(cxt, sizeof(Calendar));
	void	   *mem = MemoryContextAlloc(cxt, sc_wdindex_bytes(ndays));

	cal->name = MemoryContextStrdup(cxt, name);
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
	cal = new_calendar(calendar_context, sc_division_names[division], division,
					   monday_to_friday, closed, nholidays, NULL, 0);
	cal->builtin = true;
	pfree(closed);
	return cal;
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

/* A user calendar's rows from the result of calendar_queries[0]. */
static void
calendar_rows(const char *name, SPITupleTable *t, CalendarRows *rows)
{
	char	   *text;

	char	   *base = SPI_getvalue(t->vals[0], t->tupdesc, 1);

	text = SPI_getvalue(t->vals[0], t->tupdesc, 2);
	if (base == NULL || sc_division_from_name(base, &rows->division) != SC_OK
		|| text == NULL || strlen(text) != 7)
		elog(ERROR, "socialcare: calendar \"%s\" has an invalid base or weekmask", name);
	for (int i = 0; i < 7; i++)
		rows->weekmask[i] = text[i] == '1';

	rows->closed = palloc(sizeof(sc_day) * t->numvals);
	rows->open = palloc(sizeof(sc_day) * t->numvals);
	rows->nclosed = rows->nopen = 0;
	for (uint64 i = 0; i < t->numvals; i++)
	{
		bool		isnull;
		HeapTuple	tup = t->vals[i];
		DateADT		day = DatumGetDateADT(SPI_getbinval(tup, t->tupdesc, 3, &isnull));
		bool		working;

		if (isnull)
			continue;			/* a calendar without days: one row of NULLs */
		working = DatumGetBool(SPI_getbinval(tup, t->tupdesc, 4, &isnull));
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
copy_days(MemoryContext cxt, const sc_day *days, int n)
{
	sc_day	   *copy;

	if (n == 0)
		return NULL;
	copy = MemoryContextAlloc(cxt, sizeof(sc_day) * n);
	memcpy(copy, days, sizeof(sc_day) * n);
	return copy;
}

/*
 * The build callback of sc_user_calendars: old if its rows are the same,
 * else a calendar of the base's bank holidays and its own days, in cxt.
 */
static void *
build_user_calendar(const char *name, SPITupleTable *const *result,
					const void *old, MemoryContext cxt, Snapshot snap)
{
	CalendarRows rows;
	int			nholidays;
	const sc_holiday *holidays;
	sc_day	   *closed;
	Calendar   *cal;

	if (result[0]->numvals == 0)
		sc_table_cache_unknown(&calendar_names, name, NULL, snap);
	calendar_rows(name, result[0], &rows);
	if (old && same_rows(old, &rows))
		return (void *) old;
	holidays = sc_division_holidays(rows.division, &nholidays);
	closed = palloc(sizeof(sc_day) * (nholidays + rows.nclosed));
	for (int i = 0; i < nholidays; i++)
		closed[i] = holidays[i].day;
	memcpy(closed + nholidays, rows.closed, sizeof(sc_day) * rows.nclosed);
	cal = new_calendar(cxt, name, rows.division, rows.weekmask,
					   closed, nholidays + rows.nclosed, rows.open, rows.nopen);
	pfree(closed);
	memcpy(cal->weekmask, rows.weekmask, 7);
	cal->nclosed = rows.nclosed;
	cal->nopen = rows.nopen;
	cal->closed = copy_days(cxt, rows.closed, rows.nclosed);
	cal->open = copy_days(cxt, rows.open, rows.nopen);
	return cal;
}

/*
 * The calendar called name, read with the active snapshot; an error if
 * there is none.  *entry is its cache entry (NULL for a built-in
 * calendar).  The pointer stays valid while the generation is unchanged.
 */
static const Calendar *
lookup(const char *name, const TableCacheEntry **entry)
{
	int			division;
	const TableCacheEntry *e;

	if (sc_division_from_name(name, &division) == SC_OK)
	{
		if (builtin[division] == NULL)
			builtin[division] = builtin_calendar(division);
		*entry = NULL;
		return builtin[division];
	}
	e = sc_table_cache_get(&sc_user_calendars, name);
	*entry = e;
	return e->object;
}

const Calendar *
sc_calendar_lookup(const char *name)
{
	const TableCacheEntry *entry;

	return lookup(name, &entry);
}

/*
 * The calendar for a call: argument argno if the SQL function has it,
 * else the GUC.  Remembered in fn_extra so that a row costs a name
 * compare and, for a user calendar, a snapshot check.
 */
const Calendar *
sc_calendar_for_call(FunctionCallInfo fcinfo, int argno)
{
	NameCache  *nc = fcinfo->flinfo->fn_extra;
	const TableCacheEntry *entry;
	const Calendar *cal;
	const char *name;
	int			len;

	if (nc == NULL)
	{
		nc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(NameCache));
		fcinfo->flinfo->fn_extra = nc;
	}
	if (argno < PG_NARGS())
	{
		text	   *arg = PG_GETARG_TEXT_PP(argno);

		name = VARDATA_ANY(arg);
		len = VARSIZE_ANY_EXHDR(arg);
	}
	else
	{
		/* the generation changes whenever the GUC does */
		name = sc_default_calendar;
		len = nc->generation == sc_user_calendars.state->generation
			? nc->len : strlen(name);
	}
	if (likely(sc_name_cache_hit(&sc_user_calendars, nc, name, len)))
		return nc->object;
	cal = lookup(sc_name_cache_name(nc, fcinfo->flinfo->fn_mcxt, name, len), &entry);
	sc_name_cache_set(&sc_user_calendars, nc, cal, entry);
	return cal;
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
