/*
 * src/workdays_sql.c
 *
 * SQL functions for working-day arithmetic.  Each takes an optional
 * calendar as its last argument; without it, the GUC socialcare.calendar.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"

#include "sql_util.h"
#include "calendar.h"

PG_FUNCTION_INFO_V1(sc_is_working_day);
PG_FUNCTION_INFO_V1(sc_working_days);
PG_FUNCTION_INFO_V1(sc_working_days_inclusive);
PG_FUNCTION_INFO_V1(sc_add_working_days);
PG_FUNCTION_INFO_V1(sc_working_day_on_or_after);
PG_FUNCTION_INFO_V1(sc_working_day_on_or_before);

/* The result of call ran off the calendar: an error. */
static void
result_out_of_range(const Calendar *cal, const char *call)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("result of %s is outside the range of calendar \"%s\"",
					call, shown_cstring(cal->name)),
			 errdetail("Calendars cover %d-01-01 to %d-12-31.",
					   SC_FIRST_YEAR, SC_LAST_YEAR),
			 errhint("Keep results within that range, e.g. with a smaller number of working days.")));
}

/* Monday to Friday and not a holiday of the calendar (or a working override). */
Datum
sc_is_working_day(PG_FUNCTION_ARGS)
{
	const Calendar *cal = sc_calendar_for_call(fcinfo, 1);
	sc_day		day = sc_calendar_day(cal, PG_GETARG_DATEADT(0));

	PG_RETURN_BOOL(sc_wd_is_working(&cal->index, day));
}

/* Working days d with start < d <= finish: the DfE duration. */
Datum
sc_working_days(PG_FUNCTION_ARGS)
{
	const Calendar *cal = sc_calendar_for_call(fcinfo, 2);
	sc_day		start = sc_calendar_day(cal, PG_GETARG_DATEADT(0));
	sc_day		finish = sc_calendar_day(cal, PG_GETARG_DATEADT(1));

	PG_RETURN_INT32(sc_wd_between(&cal->index, start, finish));
}

/* Excel NETWORKDAYS: both ends counted. */
Datum
sc_working_days_inclusive(PG_FUNCTION_ARGS)
{
	const Calendar *cal = sc_calendar_for_call(fcinfo, 2);
	sc_day		start = sc_calendar_day(cal, PG_GETARG_DATEADT(0));
	sc_day		finish = sc_calendar_day(cal, PG_GETARG_DATEADT(1));

	PG_RETURN_INT32(sc_wd_between_inclusive(&cal->index, start, finish));
}

/* The n-th working day after (n > 0) or before (n < 0) a day. */
Datum
sc_add_working_days(PG_FUNCTION_ARGS)
{
	const Calendar *cal = sc_calendar_for_call(fcinfo, 2);
	sc_day		day = sc_calendar_day(cal, PG_GETARG_DATEADT(0));
	int32		n = PG_GETARG_INT32(1);
	sc_day		result;

	if (sc_wd_add(&cal->index, day, n, &result) != SC_OK)
		result_out_of_range(cal, psprintf("add_working_days(%s, %d)",
										  date_text(day), n));
	PG_RETURN_DATEADT(result);
}

/* The day itself if it is a working day, else the next one. */
Datum
sc_working_day_on_or_after(PG_FUNCTION_ARGS)
{
	const Calendar *cal = sc_calendar_for_call(fcinfo, 1);
	sc_day		day = sc_calendar_day(cal, PG_GETARG_DATEADT(0));
	sc_day		result;

	if (sc_wd_on_or_after(&cal->index, day, &result) != SC_OK)
		result_out_of_range(cal, psprintf("working_day_on_or_after(%s)",
										  date_text(day)));
	PG_RETURN_DATEADT(result);
}

/* The day itself if it is a working day, else the previous one. */
Datum
sc_working_day_on_or_before(PG_FUNCTION_ARGS)
{
	const Calendar *cal = sc_calendar_for_call(fcinfo, 1);
	sc_day		day = sc_calendar_day(cal, PG_GETARG_DATEADT(0));
	sc_day		result;

	if (sc_wd_on_or_before(&cal->index, day, &result) != SC_OK)
		result_out_of_range(cal, psprintf("working_day_on_or_before(%s)",
										  date_text(day)));
	PG_RETURN_DATEADT(result);
}
