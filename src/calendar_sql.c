/*
 * src/calendar_sql.c
 *
 * SQL glue for calendars themselves: the bank holidays of a calendar as
 * rows.  (The trigger that tells every backend a user calendar changed is
 * socialcare.invalidate_caches(), in table_cache.c.)
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "calendar.h"
#include "sql_util.h"

PG_FUNCTION_INFO_V1(sc_bank_holidays);

typedef struct HolidayRow
{
	sc_day		day;
	char	   *name;
	const char *source;			/* ASCII; a user calendar's days: its name */
} HolidayRow;

/*
 * A built-in title as text in the database encoding.  The titles are
 * UTF-8 with GOV.UK's typographic apostrophe; where the encoding may lack
 * it, a plain apostrophe stands in.
 */
static char *
title_for_database(const char *title)
{
	int			encoding = GetDatabaseEncoding();
	char	   *s = pstrdup(title);
	char	   *r = s;

	if (encoding == PG_UTF8 || encoding == PG_SQL_ASCII)
		return s;
	for (const char *p = title; *p; p++)
	{
		if (strncmp(p, "’", strlen("’")) == 0)
		{
			*r++ = '\'';
			p += strlen("’") - 1;
		}
		else
			*r++ = *p;
	}
	*r = '\0';
	return s;
}

static int
compare_rows(const void *a, const void *b)
{
	sc_day		x = ((const HolidayRow *) a)->day;
	sc_day		y = ((const HolidayRow *) b)->day;

	return (x > y) - (x < y);
}

/*
 * A user calendar's own days in [from, to]: closures are added to rows,
 * days declared working are returned in open.
 */
static int
read_own_days(const Calendar *cal, sc_day from, sc_day to, HolidayRow **rows,
			  sc_day **open, int *nopen)
{
	Oid			argtypes[3] = {TEXTOID, DATEOID, DATEOID};
	Datum		values[3] = {CStringGetTextDatum(cal->name),
	DateADTGetDatum(from), DateADTGetDatum(to)};
	int			n = 0;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "socialcare: SPI_connect failed");
	if (SPI_execute_with_args("SELECT day, working, coalesce(name, 'Closure day') "
							  "FROM socialcare.calendar_day "
							  "WHERE calendar OPERATOR(pg_catalog.=) $1 "
							  "AND day OPERATOR(pg_catalog.>=) $2 AND day OPERATOR(pg_catalog.<=) $3",
							  3, argtypes, values, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "socialcare: reading socialcare.calendar_day failed");

	*rows = SPI_palloc(sizeof(HolidayRow) * (SPI_processed + 1));
	*open = SPI_palloc(sizeof(sc_day) * (SPI_processed + 1));
	*nopen = 0;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		sc_day		day = DatumGetDateADT(SPI_getbinval(tup, desc, 1, &isnull));

		if (DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull)))
			(*open)[(*nopen)++] = day;
		else
		{
			char	   *name = SPI_getvalue(tup, desc, 3);

			(*rows)[n].day = day;
			(*rows)[n].source = NULL;
			(*rows)[n++].name = SPI_palloc(strlen(name) + 1);
			strcpy((*rows)[n - 1].name, name);
		}
	}
	SPI_finish();
	return n;
}

static bool
day_in(sc_day day, const sc_day *days, int n)
{
	for (int i = 0; i < n; i++)
		if (days[i] == day)
			return true;
	return false;
}

static bool
row_for(sc_day day, const HolidayRow *rows, int n)
{
	for (int i = 0; i < n; i++)
		if (rows[i].day == day)
			return true;
	return false;
}

/*
 * bank_holidays(from, to [, calendar]): the calendar's holidays in
 * [from, to] as (day, name, calendar, source).  For a user calendar: its
 * base division's bank holidays, less the days it declares working, plus
 * its own closure days (whose name wins where both fall on one day, and
 * whose source is "user calendar NAME").
 */
Datum
sc_bank_holidays(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const Calendar *cal = sc_calendar_for_call(fcinfo, 2);
	sc_day		from = sc_calendar_day(cal, PG_GETARG_DATEADT(0));
	sc_day		to = sc_calendar_day(cal, PG_GETARG_DATEADT(1));
	HolidayRow *rows = NULL;
	sc_day	   *open = NULL;
	int			nrows = 0;
	int			nopen = 0;
	int			nholidays;
	const sc_holiday *holidays = sc_division_holidays(cal->division, &nholidays);
	int			nown;
	text	   *calname = cstring_to_text(cal->name);
	text	   *owndays;

	checked_range("bank_holidays()", PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1));
	InitMaterializedSRF(fcinfo, 0);

	if (!cal->builtin)
		nrows = read_own_days(cal, from, to, &rows, &open, &nopen);
	nown = nrows;
	rows = rows ? repalloc(rows, sizeof(HolidayRow) * (nrows + nholidays))
		: palloc(sizeof(HolidayRow) * nholidays);
	for (int i = 0; i < nholidays; i++)
	{
		sc_day		day = holidays[i].day;

		if (day < from || day > to || day_in(day, open, nopen)
			|| row_for(day, rows, nown))
			continue;
		rows[nrows].day = day;
		rows[nrows].source = holidays[i].source;
		rows[nrows++].name = title_for_database(holidays[i].name);
	}
	qsort(rows, nrows, sizeof(HolidayRow), compare_rows);

	owndays = cstring_to_text(psprintf("user calendar %s", cal->name));
	for (int i = 0; i < nrows; i++)
	{
		Datum		values[4] = {DateADTGetDatum(rows[i].day),
			CStringGetTextDatum(rows[i].name), PointerGetDatum(calname),
			rows[i].source ? CStringGetTextDatum(rows[i].source)
		: PointerGetDatum(owndays)};
		bool		nulls[4] = {false, false, false, false};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
