/*
 * src/sql_util.c
 *
 * The helpers shared by the glue (sql_util.h): argument checks more than
 * one SQL area makes, percentages of counts, and user-supplied values as
 * error messages show them, bounded in size (shown.h): a
 * value of at most SC_SHOWN_CHARS characters is shown as it is; a longer
 * one by its first SC_SHOWN_CHARS characters, "..." and its size.  Every
 * ereport in src/ that names a state, an array, a text argument or a
 * numeric goes through these (see sql_util.h), so that a hostile or
 * mistaken argument cannot write its whole self into the server log (a
 * 50,000,000-element pct state wrote about 1 GB in 0.2.0).
 */
#include "postgres.h"

#include <limits.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "common/int.h"
#include "utils/lsyscache.h"

#include "sql_util.h"

/*
 * 100 * part / whole as pct() and the rolling series give it: numeric,
 * trailing zeros trimmed.  The product is taken in int64 (one numeric
 * operation less), in numeric should it overflow.  whole must not be 0.
 */
Numeric
percentage_of_counts(int64 part, int64 whole)
{
	int64		hundred_part;
	Numeric		numerator;

	if (!pg_mul_s64_overflow(part, 100, &hundred_part))
		numerator = int64_to_numeric(hundred_part);
	else
		numerator = num_mul(int64_to_numeric(part), int64_to_numeric(100));
	return num_div_trimmed(numerator, int64_to_numeric(whole));
}

/*
 * An impossible row: `later` (later_value) comes before `earlier`
 * (earlier_value), e.g. finish 2025-03-01 before start 2025-03-10.  The
 * one policy of every function that can meet one (doc/episodes.md,
 * "Impossible rows"), chosen by socialcare.impossible_rows: 'error' (the
 * default) raises 22023 naming both values and the function, with fix
 * and the setting as the hint; 'null' returns true, and the caller gives
 * NULL for the row (and leaves it out of any history it keeps).  The
 * values are dates or timestamps as text: bounded.
 */
bool
impossible_row(const char *func, const char *later, const char *later_value,
			   const char *earlier, const char *earlier_value, const char *fix)
{
	if (sc_impossible_rows == SC_IMPOSSIBLE_NULL)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s %s is before its %s %s", func, later, later_value, earlier, earlier_value),
			 errhint("%s Or SET socialcare.impossible_rows = 'null': such rows then give NULL, "
					 "which pct() and count() leave out.", fix)));
	return false;				/* not reached */
}

/*
 * The calendar day of a date argument that came as a date, a timestamp or a
 * timestamptz: a timestamp counts as its own date, a timestamptz as its date
 * in the session's TimeZone, both exactly as PostgreSQL's ::date casts them
 * (the casts themselves are called).  An infinite timestamp gives the
 * infinite date of the same sign, so the date path's checks report it with
 * their own errors; every finite timestamp is within the range of dates.
 */
DateADT
sc_day_of(Datum value, ScDayType type)
{
	switch (type)
	{
		case SC_DAY_DATE:
			break;
		case SC_DAY_TIMESTAMP:
			return DatumGetDateADT(DirectFunctionCall1(timestamp_date, value));
		case SC_DAY_TIMESTAMPTZ:
			return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, value));
	}
	return DatumGetDateADT(value);
}

/*
 * A period from from_date to to_date in that order, else 22023 naming
 * both: a reversed pair is almost always a mistake, and would give no
 * rows.  One day (from = to) is a period.
 */
void
checked_range(const char *func, DateADT from, DateADT to)
{
	if (from > to)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: from_date %s is after to_date %s", func, date_text(from), date_text(to)),
				 errhint("Swap them: from_date is the first day of the period, to_date the last.")));
}

/* A finite numeric argument (not NaN or infinite), or an error naming it as what. */
Numeric
checked_finite(Numeric num, const char *what)
{
	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number, not %s", what, shown_numeric(num)),
				 errhint("Pass NULL for a missing value.")));
	return num;
}

/*
 * A look-back or follow-up period: positive, in months and days only (no
 * time), else an error naming it as what, with hint.
 */
const Interval *
checked_period(const Interval *within, const char *what, const char *hint)
{
	if (within->time != 0 || within->month < 0 || within->day < 0
		|| (within->month == 0 && within->day == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %s is not a positive number of months or days", what, interval_text(within)),
				 errhint("%s", hint)));
	return within;
}

/* s (len bytes) shown: in full when short, else clipped with its length. */
static char *
shown_bytes(const char *s, int len)
{
	int			clip = pg_mbcharcliplen(s, len, SC_SHOWN_CHARS);
	int			nchars;

	if (clip >= len)
		return pnstrdup(s, len);
	nchars = pg_mbstrlen_with_len(s, len);
	return psprintf("%.*s... (%d characters)", clip, s, nchars);
}

char *
shown_cstring(const char *s)
{
	size_t		len = strlen(s);

	return shown_bytes(s, len > INT_MAX ? INT_MAX : (int) len);
}

char *
shown_text(const text *t)
{
	return shown_bytes(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

char *
shown_numeric(Numeric num)
{
	return shown_cstring(numeric_text(num));
}

/*
 * An array (flat or expanded) shown: as array_out shows it when that is
 * short; else the first elements, "..." and the number of elements.  An
 * array of more than SC_SHOWN_CHARS elements is never turned into text
 * whole: only the elements shown are.
 */
char *
shown_array(Datum value)
{
	AnyArrayType *arr = DatumGetAnyArrayP(value);
	int			ndim = AARR_NDIM(arr);
	int			n = ArrayGetNItems(ndim, AARR_DIMS(arr));
	Oid			elemtype = AARR_ELEMTYPE(arr);
	Oid			typoutput;
	bool		isvarlena;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	array_iter	it;
	StringInfoData buf;
	int			nchars = 0;

	if (n <= SC_SHOWN_CHARS)
	{
		char	   *full;

		getTypeOutputInfo(get_array_type(elemtype), &typoutput, &isvarlena);
		full = OidOutputFunctionCall(typoutput, value);
		if (pg_mbstrlen(full) <= SC_SHOWN_CHARS)
			return full;
	}
	getTypeOutputInfo(elemtype, &typoutput, &isvarlena);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	array_iter_setup(&it, arr);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < n && nchars < SC_SHOWN_CHARS; i++)
	{
		bool		isnull;
		Datum		elem = array_iter_next(&it, &isnull, i, typlen, typbyval, typalign);
		char	   *s = isnull ? "NULL" : shown_cstring(OidOutputFunctionCall(typoutput, elem));

		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfoString(&buf, s);
		nchars = pg_mbstrlen_with_len(buf.data, buf.len);
	}
	buf.len = pg_mbcharcliplen(buf.data, buf.len, SC_SHOWN_CHARS);
	buf.data[buf.len] = '\0';
	if (ndim > 1)
		appendStringInfo(&buf, "... (a %d-dimensional array of %d elements)", ndim, n);
	else
		appendStringInfo(&buf, "... (an array of %d elements)", n);
	return buf.data;
}

void
shown_names_init(ShownNames *names)
{
	initStringInfo(&names->buf);
	names->count = 0;
}

void
shown_names_add(ShownNames *names, const char *name)
{
	if (names->count < SC_SHOWN_NAMES)
		appendStringInfo(&names->buf, "%s%s", names->count ? ", " : "", shown_cstring(name));
	names->count++;
}

char *
shown_names_end(ShownNames *names)
{
	if (names->count > SC_SHOWN_NAMES)
		appendStringInfo(&names->buf, " and %d more", names->count - SC_SHOWN_NAMES);
	return names->buf.data;
}

SPIPlanPtr
sc_kept_plan(SPIPlanPtr *plan, const char *sql, int nargs, Oid *types)
{
	if (*plan == NULL)
	{
		SPIPlanPtr	p = SPI_prepare(sql, nargs, types);

		if (p == NULL || SPI_keepplan(p) != 0)
			elog(ERROR, "socialcare: SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		*plan = p;
	}
	return *plan;
}

/*
 * A confidence level as a fraction: 0 < c < 1 as it is, a percentage
 * 50 <= c < 100 divided by 100 (95 means 0.95), anything else an error
 * (the rates and funnel areas read levels so).
 */
double
checked_confidence(double c)
{
	if (c > 0.0 && c < 1.0)
		return c;
	if (c >= 50.0 && c < 100.0)
		return c / 100.0;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("confidence level %g is out of range", c),
			 errhint("Give a level between 0 and 1, such as 0.95 or 0.998, or a percentage from 50 to 100, such as 95 or 99.8.")));
	return 0.0;					/* keep the compiler quiet */
}
