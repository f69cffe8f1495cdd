/*
 * src/guards_sql.c
 *
 * Argument guards for SQL-language functions, which cannot raise an error
 * of their own: a date that PostgreSQL's date arithmetic would reject
 * with a bare "integer out of range", or (for generate_series over
 * -infinity) never finish on, is an error here that names it and says
 * how to fix it; so are the scorecard's months and as_at.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "sql_util.h"
#include "months.h"

PG_FUNCTION_INFO_V1(sc_reporting_date);
PG_FUNCTION_INFO_V1(sc_checked_months);
PG_FUNCTION_INFO_V1(sc_checked_as_at);
PG_FUNCTION_INFO_V1(sc_checked_to_date);

/*
 * reporting_date(day): day itself if calendar arithmetic in whole years
 * and months works on it: finite, in AD (financial years have no year 0)
 * and within the timestamp range (date_part and date_trunc go through
 * timestamp, and month_ends adds a month to the last month).
 */
Datum
sc_reporting_date(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	if (DATE_NOT_FINITE(day) || day < SC_REPORTING_FIRST_DAY || day > SC_REPORTING_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s is outside the range of reporting periods", date_text(day)),
				 DATE_NOT_FINITE(day)
				 ? errhint("Replace infinite dates with NULL, e.g. NULLIF(d, 'infinity').")
				 : errhint("Reporting periods are computed for dates from 0001-04-01 to 294276-11-30; check the date for a typing error.")));
	PG_RETURN_DATEADT(day);
}

/*
 * checked_months(n, what): n when it is 1 to SC_MAX_MONTHS (1200), else an error naming the
 * argument what.  Not STRICT, so that a NULL n is an error; a NULL what
 * (only a direct call passes one) is named "n".
 */
Datum
sc_checked_months(PG_FUNCTION_ARGS)
{
	const char *what = PG_ARGISNULL(1) ? "n" : shown_text(PG_GETARG_TEXT_PP(1));
	int32		n;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", what),
				 errhint("Leave the argument out for its default.")));
	n = PG_GETARG_INT32(0);
	if (n < 1 || n > SC_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be from 1 to %d months, not %d", what, SC_MAX_MONTHS, n),
				 errhint("A monthly scorecard usually shows 12 or 24 months, against the average of the previous 3.")));
	PG_RETURN_INT32(n);
}

/*
 * checked_as_at(as_at, months): as_at when the months months up to its
 * month lie within the range reporting periods work in (April 1 AD to
 * November 294276: month_ends, socialcare.reporting_date), else an error
 * naming it and the range that would work.  STRICT: a NULL as_at (an empty
 * catalogue in kpi_scorecard) gives NULL, so the scorecard has no rows.
 */
Datum
sc_checked_as_at(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	int32		months = PG_GETARG_INT32(1);
	DateADT		first = SC_REPORTING_FIRST_DAY;
	DateADT		last = SC_REPORTING_LAST_DAY;
	DateADT		earliest;

	if (months < 1 || months > 2 * SC_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("months must be from 1 to %d, not %d", 2 * SC_MAX_MONTHS, months),
				 errhint("Pass the number of months the scorecard reads: months plus average_months.")));
	/* the first day of the month months - 1 after April 1 AD */
	earliest = sc_month_first_day(sc_month_number(first) + months - 1);
	if (DATE_NOT_FINITE(day) || day < earliest || day > last)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("as_at %s is outside the range of the scorecard", date_text(day)),
				 errdetail("The scorecard reads %d months up to the month of as_at, and reporting periods run from %s to %s.",
						   months, date_text(first), date_text(last)),
				 errhint("Pass a day from %s to %s, such as the last day of the latest month to show.",
						 date_text(earliest), date_text(last))));
	PG_RETURN_DATEADT(day);
}

/*
 * checked_to_date(from_date, to_date, what): to_date when the period runs
 * forwards (checked_range), else an error naming both and the function
 * what.  Not STRICT: a NULL date gives to_date as it is, so the caller's
 * NULL handling is its own; a NULL what is named "period".
 */
Datum
sc_checked_to_date(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (!PG_ARGISNULL(0))
		checked_range(PG_ARGISNULL(2) ? "period" : shown_text(PG_GETARG_TEXT_PP(2)),
					  PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1));
	PG_RETURN_DATEADT(PG_GETARG_DATEADT(1));
}
