/*
 * src/trend_sql.c
 *
 * Window functions for a monthly series in a user's own table:
 * previous_value(value, month [, months_back]) and
 * previous_average(value, month [, months]) OVER (PARTITION BY kpi ORDER BY
 * month).  Unlike lag() and a ROWS frame, they look up calendar months, so
 * a missing month gives NULL instead of silently comparing with an older
 * one, and an average of 3 months is never an average of fewer.
 */
#include "sql_util.h"
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/numeric.h"
#include "windowapi.h"

PG_FUNCTION_INFO_V1(sc_previous_value);
PG_FUNCTION_INFO_V1(sc_previous_average);

/* Months since year 0 of a date: consecutive months differ by 1. */
static int64
month_index(DateADT day)
{
	int			year,
				month,
				mday;

	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	return (int64) year * MONTHS_PER_YEAR + month - 1;
}

/* The months argument (argno) of the current row: 1 to 1200, or an error. */
static int32
months_arg(WindowObject winobj, int argno, const char *what)
{
	bool		isnull;
	int32		n = DatumGetInt32(WinGetFuncArgCurrent(winobj, argno, &isnull));

	if (isnull || n < 1 || n > 1200)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be from 1 to 1200 months, not %s", what, isnull ? "NULL" : psprintf("%d", n)),
				 errhint("Leave it out for the default: the previous month, or the previous 3 for an average.")));
	return n;
}

/*
 * The month index of the row `back` rows before the current one, and its
 * value; false when there is no such row or its month is NULL.  Checks the
 * row just before is an earlier month (one row a month, in order).
 */
static bool
row_before(WindowObject winobj, int back, int64 current, int64 *month, Datum *value, bool *value_isnull)
{
	bool		current_isnull;
	bool		isnull,
				isout;
	DateADT		day = DatumGetDateADT(WinGetFuncArgInPartition(winobj, 1, -back, WINDOW_SEEK_CURRENT,
															   false, &isnull, &isout));

	if (isout || isnull)
		return false;
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("month %s is not a month", date_text(day))));
	*month = month_index(day);
	if (back == 1 && *month >= current)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a row for %s follows one for %s: not one row a month in month order",
						date_text(DatumGetDateADT(WinGetFuncArgCurrent(winobj, 1, &current_isnull))),
						date_text(day)),
				 errhint("Call it OVER (PARTITION BY kpi ORDER BY month), with one row a month in each partition.")));
	*value = WinGetFuncArgInPartition(winobj, 0, -back, WINDOW_SEEK_CURRENT, false, value_isnull, &isout);
	return true;
}

/* The current row's month index; false for a NULL month. */
static bool
current_month(WindowObject winobj, int64 *month)
{
	bool		isnull;
	DateADT		day = DatumGetDateADT(WinGetFuncArgCurrent(winobj, 1, &isnull));

	if (isnull)
		return false;
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("month %s is not a month", date_text(day)),
				 errhint("Pass a day of the month, such as its last day.")));
	*month = month_index(day);
	return true;
}

/*
 * previous_value(value, month, months_back): the value of the row for the
 * calendar month months_back before this row's; NULL when there is none.
 * Months are unique and ascending, so that row is at most months_back back.
 */
Datum
sc_previous_value(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int32		back = months_arg(winobj, 2, "months_back");
	int64		current,
				month;
	Datum		value;
	bool		isnull;
	int			b;

	if (!current_month(winobj, &current))
		PG_RETURN_NULL();
	for (b = 1; b <= back; b++)
	{
		if (!row_before(winobj, b, current, &month, &value, &isnull) || month < current - back)
			PG_RETURN_NULL();
		if (month == current - back)
		{
			if (isnull)
				PG_RETURN_NULL();
			PG_RETURN_DATUM(value);
		}
	}
	PG_RETURN_NULL();
}

/*
 * previous_average(value, month, months): the mean of the values of the
 * `months` calendar months before this row's; NULL unless every one of them
 * has a row with a value.
 */
Datum
sc_previous_average(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int32		n = months_arg(winobj, 2, "months");
	int64		current,
				month;
	Datum		value,
				sum = NumericGetDatum(int64_to_numeric(0));
	bool		isnull;
	int			b;

	if (!current_month(winobj, &current))
		PG_RETURN_NULL();
	for (b = 1; b <= n; b++)
	{
		if (!row_before(winobj, b, current, &month, &value, &isnull) || month != current - b || isnull)
			PG_RETURN_NULL();
		sum = DirectFunctionCall2(numeric_add, sum, value);
	}
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale,
										DirectFunctionCall2(numeric_div, sum,
															NumericGetDatum(int64_to_numeric(n)))));
}
