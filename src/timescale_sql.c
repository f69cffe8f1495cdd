/*
 * src/timescale_sql.c
 *
 * SQL functions on one timescale of the catalogue: due_date, due_time,
 * on_time and lateness, by code, with an optional calendar last.  Dates
 * for day units; timestamps for hours (and, cast to the session's dates,
 * for day units too).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "sql_util.h"
#include "timescale_cache.h"

PG_FUNCTION_INFO_V1(sc_due_date);
PG_FUNCTION_INFO_V1(sc_due_time);
PG_FUNCTION_INFO_V1(sc_on_time);
PG_FUNCTION_INFO_V1(sc_on_time_ts);
PG_FUNCTION_INFO_V1(sc_lateness);
PG_FUNCTION_INFO_V1(sc_lateness_ts);

/* The code's timescale and the call's calendar (argument calarg if given). */
static const TimescaleDef *
resolve(FunctionCallInfo fcinfo, int calarg, const Calendar **cal)
{
	TimescaleCall *call = sc_timescale_call(fcinfo->flinfo);
	const TimescaleDef *t = sc_timescale_for_text(call, PG_GETARG_TEXT_PP(0));

	*cal = sc_calendar_for_text(call, calarg < PG_NARGS() ? PG_GETARG_TEXT_PP(calarg) : NULL);
	return t;
}

static void
needs_times(const TimescaleDef *t)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("timescale \"%s\" is in hours, so it needs times, not dates", shown_cstring(t->code)),
			 errhint("Pass timestamps: due_time(code, start), on_time(code, start, finish) and lateness(code, start, finish) take timestamptz.")));
}

/* The due date of a day-unit timescale from start, checked. */
static DateADT
due_day(const TimescaleDef *t, const Calendar *cal, sc_day start)
{
	int64		due = 0;
	sc_status	status = sc_ts_due(&t->ts, &cal->index, start, &due);

	if (status == SC_NEEDS_TIMES)
		needs_times(t);
	if (status != SC_OK || !IS_VALID_DATE(due))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("due date of timescale \"%s\" from %s is outside the range of calendar \"%s\"",
						shown_cstring(t->code), date_text(start), shown_cstring(cal->name)),
				 errhint("Calendars cover %d-01-01 to %d-12-31.", SC_FIRST_YEAR, SC_LAST_YEAR)));
	return (DateADT) due;
}

/* Lateness of a day-unit timescale, in its counting unit (see timescale.c). */
static int32
late_days(const TimescaleDef *t, const Calendar *cal, DateADT start, DateADT finish)
{
	sc_day		s = sc_calendar_day(cal, start);
	sc_day		f = sc_calendar_day(cal, finish);

	if (t->ts.unit == SC_UNIT_HOURS)
		needs_times(t);
	due_day(t, cal, s);			/* checks the due date exists */
	return (int32) sc_ts_lateness(&t->ts, &cal->index, s, f);
}

static char *
ts_text(TimestampTz ts)
{
	return DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(ts)));
}

/*
 * ts's date in the session's time zone, checked against cal here so that
 * the error names the timestamp the caller passed, not the derived date.
 */
static DateADT
session_date(const Calendar *cal, TimestampTz ts)
{
	DateADT		day = DatumGetDateADT(DirectFunctionCall1(timestamptz_date, TimestampTzGetDatum(ts)));

	if (!sc_wd_covers(&cal->index, day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp %s is outside the range of calendar \"%s\"", ts_text(ts), shown_cstring(cal->name)),
				 errdetail("Calendars cover %d-01-01 to %d-12-31, the years their bank holiday rules are defined for.",
						   SC_FIRST_YEAR, SC_LAST_YEAR),
				 errhint("Check the timestamp for a typing error, or leave times outside that range out of the query.")));
	return day;
}

static void
check_finite(TimestampTz ts)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp %s is not a real time", ts_text(ts)),
				 errhint("Replace infinite timestamps with NULL.")));
}

/* start + amount hours, checked. */
static TimestampTz
due_ts(const TimescaleDef *t, TimestampTz start)
{
	TimestampTz due;

	check_finite(start);
	due = start + (int64) t->ts.amount * USECS_PER_HOUR;
	if (!IS_VALID_TIMESTAMP(due))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("due time of timescale \"%s\" from %s is out of range", shown_cstring(t->code), ts_text(start)),
				 errhint("The due time, %d hours later, is past the last time PostgreSQL can store; check the start for a typing error.",
						 t->ts.amount)));
	return due;
}

/* due_date(code, start [, calendar]): the last day within the timescale. */
Datum
sc_due_date(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 2, &cal);

	PG_RETURN_DATEADT(due_day(t, cal, sc_calendar_day(cal, PG_GETARG_DATEADT(1))));
}

/* due_time(code, start): start + amount hours, for an hours timescale. */
Datum
sc_due_time(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 2, &cal);

	if (t->ts.unit != SC_UNIT_HOURS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("timescale \"%s\" is in %s, so its due date is a day, not a time",
						shown_cstring(t->code), sc_unit_names[t->ts.unit]),
				 errhint("Use due_date(code, start::date).")));
	PG_RETURN_TIMESTAMPTZ(due_ts(t, PG_GETARG_TIMESTAMPTZ(1)));
}

/* on_time(code, start, finish [, calendar]) on dates. */
Datum
sc_on_time(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);

	PG_RETURN_BOOL(late_days(t, cal, PG_GETARG_DATEADT(1), PG_GETARG_DATEADT(2)) <= 0);
}

/* on_time(code, start, finish [, calendar]) on timestamps: hours exact, days on the dates. */
Datum
sc_on_time_ts(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz finish = PG_GETARG_TIMESTAMPTZ(2);

	if (t->ts.unit == SC_UNIT_HOURS)
	{
		check_finite(finish);
		PG_RETURN_BOOL(finish <= due_ts(t, start));
	}
	check_finite(start);
	check_finite(finish);
	PG_RETURN_BOOL(late_days(t, cal, session_date(cal, start), session_date(cal, finish)) <= 0);
}

/* lateness(code, start, finish [, calendar]) on dates: working days or days. */
Datum
sc_lateness(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);

	PG_RETURN_INT32(late_days(t, cal, PG_GETARG_DATEADT(1), PG_GETARG_DATEADT(2)));
}

/* lateness on timestamps: hours (numeric) for hours timescales, else as on dates. */
Datum
sc_lateness_ts(PG_FUNCTION_ARGS)
{
	const Calendar *cal;
	const TimescaleDef *t = resolve(fcinfo, 3, &cal);
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz finish = PG_GETARG_TIMESTAMPTZ(2);
	sc_usec_split late;
	Numeric		usec;

	check_finite(start);
	check_finite(finish);
	if (t->ts.unit != SC_UNIT_HOURS)
		PG_RETURN_NUMERIC(int64_to_numeric(late_days(t, cal, session_date(cal, start),
													 session_date(cal, finish))));
	due_ts(t, start);			/* checks the due time exists */
	/* the core's hours and microseconds: finish - due can exceed int64 */
	late = sc_ts_lateness_usec(&t->ts, start, finish);
	usec = num_add(num_mul(int64_to_numeric(late.hours), int64_to_numeric(SC_USECS_PER_HOUR)),
				   int64_to_numeric(late.usec));
	PG_RETURN_NUMERIC(num_div_trimmed(usec, int64_to_numeric(SC_USECS_PER_HOUR)));
}
