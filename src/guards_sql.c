/*
 * src/guards_sql.c
 *
 * Argument guards for SQL-language functions, which cannot raise an error
 * of their own: a date that PostgreSQL's date arithmetic would reject
 * with a bare "integer out of range", or (for generate_series over
 * -infinity) never finish on, is an error here that names it and says
 * how to fix it.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "sql_util.h"
#include "months.h"

PG_FUNCTION_INFO_V1(sc_reporting_date);

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
