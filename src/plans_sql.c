/*
 * src/plans_sql.c
 *
 * Repeat plans and durations, of the SQL area "series": the window
 * function is_repeat_plan(): is this child protection plan a
 * second or subsequent plan of the child?  Used as
 * is_repeat_plan(start_date [, end_date, within]) OVER (PARTITION BY child
 * ORDER BY start_date).  It keeps, as the rows go by in date order, whether
 * an earlier-starting plan exists and the latest end among them, so each
 * row costs O(1) whatever the child's history.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "sql_util.h"
#include "months.h"

PG_FUNCTION_INFO_V1(sc_is_repeat_plan);
PG_FUNCTION_INFO_V1(sc_is_repeat_plan_ts);
PG_FUNCTION_INFO_V1(sc_is_repeat_plan_tstz);

/* The partition's plans seen so far, split at the current start date. */
typedef struct PlanHistory
{
	int64		next_row;		/* the row expected next */
	bool		started;		/* a dated plan has been seen */
	DateADT		run_day;		/* the start date of the latest dated plans */
	bool		has_before;		/* a plan started before run_day */
	DateADT		end_before;		/* their latest end (DATEVAL_NOEND: open) */
	DateADT		end_run;		/* the latest end of the plans starting on run_day */
} PlanHistory;

/* A period of is_repeat_plan or ended_within (checked_period). */
#define PERIOD_HINT "Use calendar months ('24 months' for the common \"within 2 years\") or days."

/* A start date: finite, and in order after the partition's earlier rows. */
static DateADT
checked_start(DateADT start, const PlanHistory *h)
{
	if (DATE_NOT_FINITE(start) || start < SC_MONTHS_FIRST_DAY || start > SC_MONTHS_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("plan start date %s is not a date in the years 1 to 9999", date_text(start)),
				 errhint("Replace unknown start dates with NULL.")));
	if (h->started && start < h->run_day)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("is_repeat_plan() found the plans out of start date order (%s after %s)",
						date_text(start), date_text(h->run_day)),
				 errhint("Call it as is_repeat_plan(start_date) OVER (PARTITION BY child ORDER BY start_date).")));
	return start;
}

/* Move to start date day: the plans of the previous date become earlier ones. */
static void
advance(PlanHistory *h, DateADT day)
{
	if (h->started && day == h->run_day)
		return;
	if (h->started)
	{
		h->end_before = h->has_before ? Max(h->end_before, h->end_run) : h->end_run;
		h->has_before = true;
	}
	h->started = true;
	h->run_day = day;
	h->end_run = DATEVAL_NOBEGIN;
}

/*
 * is_repeat_plan(start_date): true when the child has a plan starting on
 * an earlier date (DfE: "regardless of how long ago").
 * is_repeat_plan(start_date, end_date, within): true when such a plan
 * ended on or after start_date - within, or has no end date.
 * NULL start date: NULL, and the row is no history.  type: the dates' SQL
 * type (a timestamp counts as its day, sc_day_of).
 */
static Datum
is_repeat_plan(FunctionCallInfo fcinfo, ScDayType type)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PlanHistory *h = WinGetPartitionLocalMemory(winobj, sizeof(PlanHistory));
	bool		with_end = PG_NARGS() > 1;
	bool		isnull;
	Datum		arg = WinGetFuncArgCurrent(winobj, 0, &isnull);
	DateADT		start;
	DateADT		end = DATEVAL_NOEND;
	bool		result;

	if (WinGetCurrentPosition(winobj) != h->next_row)
		elog(ERROR, "is_repeat_plan() was called out of row order");
	h->next_row++;
	if (isnull)
		PG_RETURN_NULL();
	start = sc_day_of(arg, type);
	checked_start(start, h);
	if (with_end)
	{
		bool		null_end;
		bool		null_within;
		Datum		end_arg = WinGetFuncArgCurrent(winobj, 1, &null_end);
		DateADT		d = null_end ? DATEVAL_NOEND : sc_day_of(end_arg, type);
		Interval   *within = DatumGetIntervalP(WinGetFuncArgCurrent(winobj, 2, &null_within));

		/* an impossible plan gives NULL and, as a NULL start, is no history */
		if (!null_end && d < start
			&& impossible_row("is_repeat_plan()", "end_date", date_text(d), "start_date", date_text(start),
							  "Correct the plan's dates; an open plan has a NULL end date."))
			PG_RETURN_NULL();
		advance(h, start);
		end = null_end ? DATEVAL_NOEND : d;
		h->end_run = Max(h->end_run, end);
		if (null_within)
			PG_RETURN_NULL();
		checked_period(within, "period", PERIOD_HINT);
		result = h->has_before
			&& h->end_before >= sc_minus_months_days(start, within->month, within->day);
	}
	else
	{
		advance(h, start);
		result = h->has_before;
	}
	PG_RETURN_BOOL(result);
}

Datum
sc_is_repeat_plan(PG_FUNCTION_ARGS)
{
	return is_repeat_plan(fcinfo, SC_DAY_DATE);
}

/* is_repeat_plan(timestamp [, timestamp, interval]) */
Datum
sc_is_repeat_plan_ts(PG_FUNCTION_ARGS)
{
	return is_repeat_plan(fcinfo, SC_DAY_TIMESTAMP);
}

/* is_repeat_plan(timestamptz [, timestamptz, interval]): the session time zone's days */
Datum
sc_is_repeat_plan_tstz(PG_FUNCTION_ARGS)
{
	return is_repeat_plan(fcinfo, SC_DAY_TIMESTAMPTZ);
}

PG_FUNCTION_INFO_V1(sc_lasted_days);
PG_FUNCTION_INFO_V1(sc_lasted_two_years_or_more);
PG_FUNCTION_INFO_V1(sc_ended_within);

/*
 * An episode's dates, checked: finite (an error), and the end not before
 * the start (impossible_row: false when the function gives NULL for it).
 */
static bool
checked_episode(const char *func, DateADT start, DateADT end)
{
	if (DATE_NOT_FINITE(start) || DATE_NOT_FINITE(end))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("episode from %s to %s has an infinite date", date_text(start), date_text(end)),
				 errhint("An episode still open has a NULL end date: these functions give NULL for it.")));
	if (end < start
		&& impossible_row(func, "end_date", date_text(end), "start_date", date_text(start),
						  "Correct the episode's dates; an episode still open has a NULL end date."))
		return false;
	return true;
}

/* Calendar days from start to end, both counted (DfE: "including days of cessation"). */
Datum
sc_lasted_days(PG_FUNCTION_ARGS)
{
	DateADT		start = PG_GETARG_DATEADT(0);
	DateADT		end = PG_GETARG_DATEADT(1);

	if (!checked_episode("lasted_days()", start, end))
		PG_RETURN_NULL();
	PG_RETURN_INT32(end - start + 1);
}

/* DfE: "more than 729 calendar days including days of cessation". */
Datum
sc_lasted_two_years_or_more(PG_FUNCTION_ARGS)
{
	DateADT		start = PG_GETARG_DATEADT(0);
	DateADT		end = PG_GETARG_DATEADT(1);

	if (!checked_episode("lasted_two_years_or_more()", start, end))
		PG_RETURN_NULL();
	PG_RETURN_BOOL((int64) end - start + 1 > 729);
}

/* end on or before start + within (calendar months first, then days). */
Datum
sc_ended_within(PG_FUNCTION_ARGS)
{
	DateADT		start = PG_GETARG_DATEADT(0);
	DateADT		end = PG_GETARG_DATEADT(1);
	const Interval *within = checked_period(PG_GETARG_INTERVAL_P(2), "period", PERIOD_HINT);
	int64		limit;			/* int64: start + 2^31 - 1 days overflows int32 */

	if (!checked_episode("ended_within()", start, end))
		PG_RETURN_NULL();
	if (start < SC_MONTHS_FIRST_DAY || start > SC_MONTHS_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("episode start date %s is not in the years 1 to 9999", date_text(start)),
				 errhint("Correct the episode's dates.")));
	/* start + months (day clamped), then + days: minus a negative period */
	limit = sc_minus_months_days((sc_day) start, -within->month, 0) + within->day;
	PG_RETURN_BOOL(end <= limit);
}

PG_FUNCTION_INFO_V1(sc_age_at);
PG_FUNCTION_INFO_V1(sc_under_18_at);

/*
 * The age on day of a person born on birth (sc_years_of_age); false when the
 * function gives NULL: day before the birth with socialcare.impossible_rows
 * = 'null' (impossible_row).  Infinite dates are an error.
 */
static bool
age_on(const char *func, DateADT birth, DateADT day, int32 *years)
{
	if (DATE_NOT_FINITE(birth) || DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s: date of birth %s or day %s is infinite", func, date_text(birth), date_text(day)),
				 errhint("An unknown date of birth is NULL: these functions give NULL for it.")));
	if (sc_years_of_age((sc_day) birth, (sc_day) day, years) != SC_OK
		&& impossible_row(func, "day", date_text(day), "date_of_birth", date_text(birth),
						  "Correct the date of birth, or ask about a day on or after it."))
		return false;
	return true;
}

/* age_at(date_of_birth, day): whole years completed on day. */
Datum
sc_age_at(PG_FUNCTION_ARGS)
{
	int32		years;

	if (!age_on("age_at()", PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1), &years))
		PG_RETURN_NULL();
	PG_RETURN_INT32(years);
}

/* under_18_at(date_of_birth, day): a child on day (the 18th birthday is not). */
Datum
sc_under_18_at(PG_FUNCTION_ARGS)
{
	int32		years;

	if (!age_on("under_18_at()", PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1), &years))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(years < SC_ADULT_AGE);
}
