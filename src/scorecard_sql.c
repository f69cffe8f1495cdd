/*
 * src/scorecard_sql.c
 *
 * SQL functions of the scorecard: RAG status (socialcare.rag), direction
 * of travel, and argument checks for the scorecard (the sparkline is in
 * sparkline_sql.c).  Numbers are compared exactly in numeric; the
 * decisions are in the pure-C rag.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "sql_util.h"
#include "months.h"
#include "rag.h"

PG_FUNCTION_INFO_V1(sc_rag);
PG_FUNCTION_INFO_V1(sc_rag_target);
PG_FUNCTION_INFO_V1(sc_direction);
PG_FUNCTION_INFO_V1(sc_direction_arrow);
PG_FUNCTION_INFO_V1(sc_direction_of_travel);
PG_FUNCTION_INFO_V1(sc_checked_months);
PG_FUNCTION_INFO_V1(sc_checked_as_at);

/* Argument argno as a finite numeric, or an error naming it. */
static Numeric
finite_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	Numeric		num = PG_GETARG_NUMERIC(argno);

	if (numeric_is_nan(num) || numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number, not %s", what, shown_numeric(num)),
				 errhint("Pass NULL for a missing value.")));
	return num;
}

/* A finite, non-negative tolerance, or an error naming it. */
static Numeric
tolerance_arg(FunctionCallInfo fcinfo, int argno, const char *what, const char *hint)
{
	Numeric		num = finite_arg(fcinfo, argno, what);

	if (num_cmp(num, int64_to_numeric(0)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative: %s", what, shown_numeric(num)),
				 errhint("%s", hint)));
	return num;
}

/* 'high' or 'low', or an error naming the bad value. */
static sc_polarity
polarity_arg(FunctionCallInfo fcinfo, int argno)
{
	sc_polarity polarity;
	char	   *name;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("polarity must not be NULL"),
				 errhint("Use 'high' (high is better) or 'low' (low is better).")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (sc_parse_polarity(name, &polarity) != SC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown polarity \"%s\"", shown_cstring(name)),
				 errhint("Use 'high' (high is better) or 'low' (low is better), in lower case.")));
	return polarity;
}

/*
 * The socialcare.rag value of a status.  The enum's three OIDs are looked
 * up once per call site (the function's return type is the enum).
 */
static Datum
rag_datum(FunctionCallInfo fcinfo, sc_rag_status rag)
{
	Datum	   *labels = (Datum *) fcinfo->flinfo->fn_extra;

	if (labels == NULL)
	{
		Oid			typoid = get_func_rettype(fcinfo->flinfo->fn_oid);
		int			i;

		labels = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, 3 * sizeof(Datum));
		for (i = 0; i < 3; i++)
			labels[i] = DirectFunctionCall2(enum_in, CStringGetDatum(sc_rag_names[i]),
											ObjectIdGetDatum(typoid));
		fcinfo->flinfo->fn_extra = labels;
	}
	return labels[rag];
}

static const char *
polarity_name(sc_polarity polarity)
{
	return polarity == SC_POLARITY_HIGH ? "high" : "low";
}

/*
 * RAG of value against thresholds green_at and red_beyond, for a polarity
 * (checked against their order) or the one their order implies.
 */
static Datum
rag_against(FunctionCallInfo fcinfo, Numeric value, Numeric green, Numeric red,
			bool have_polarity, sc_polarity polarity)
{
	int			green_vs_red = num_cmp(green, red);

	if (!have_polarity && sc_polarity_from_thresholds(green_vs_red, &polarity) != SC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("green and red thresholds are both %s, so which way is better is not known",
						shown_numeric(green)),
				 errhint("Pass a polarity, rag(value, green_at, red_beyond, 'high') or 'low', or use rag_target(value, target, 0, polarity).")));
	if (!sc_thresholds_fit_polarity(green_vs_red, polarity))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("thresholds in an impossible order for polarity %s: green at %s, red beyond %s",
						polarity_name(polarity), shown_numeric(green), shown_numeric(red)),
				 errhint(polarity == SC_POLARITY_HIGH
						 ? "When high is better, green_at must be at or above red_beyond: swap them, or use polarity 'low'."
						 : "When low is better, green_at must be at or below red_beyond: swap them, or use polarity 'high'.")));
	if (value == NULL)
		return (Datum) 0;
	return rag_datum(fcinfo, sc_rag_from_thresholds(num_cmp(value, green), num_cmp(value, red), polarity));
}

/* rag(value, green_at, red_beyond [, polarity]) */
Datum
sc_rag(PG_FUNCTION_ARGS)
{
	bool		have_polarity = !PG_ARGISNULL(3);
	sc_polarity polarity = have_polarity ? polarity_arg(fcinfo, 3) : SC_POLARITY_HIGH;
	Numeric		value;
	Datum		result;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	value = PG_ARGISNULL(0) ? NULL : finite_arg(fcinfo, 0, "value");
	/* thresholds are checked even for a NULL value: a bad call fails on every row */
	result = rag_against(fcinfo, value, finite_arg(fcinfo, 1, "green_at"),
						 finite_arg(fcinfo, 2, "red_beyond"), have_polarity, polarity);
	if (value == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/*
 * rag_target(value, target, tolerance, polarity): green at or beyond the
 * target, amber up to tolerance short of it (the boundary included), red
 * beyond that.
 */
Datum
sc_rag_target(PG_FUNCTION_ARGS)
{
	sc_polarity polarity = polarity_arg(fcinfo, 3);
	Numeric		tolerance,
				target,
				value,
				red;

	if (PG_ARGISNULL(2))
		PG_RETURN_NULL();
	tolerance = tolerance_arg(fcinfo, 2, "tolerance",
							  "The tolerance is the width of the amber band short of the target, in the value's unit (percentage points for a percentage); 0 means no amber band.");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	value = finite_arg(fcinfo, 0, "value");
	target = finite_arg(fcinfo, 1, "target");
	red = polarity == SC_POLARITY_HIGH ? num_sub(target, tolerance) : num_add(target, tolerance);
	PG_RETURN_DATUM(rag_against(fcinfo, value, target, red, true, polarity));
}

/*
 * Direction from baseline to value, both rounded to places decimals (half
 * away from zero; NULL places: exact), no change when they differ by at
 * most equal_within.  Sets *isnull when value or baseline is NULL; the
 * other arguments are checked first, so that a bad call fails on any row.
 */
static sc_trend
direction_args(FunctionCallInfo fcinfo, int value_arg, int places_arg, bool *isnull)
{
	Numeric		value,
				baseline,
				tolerance = int64_to_numeric(0),
				difference;
	int			within_arg = places_arg + 1;

	if (!PG_ARGISNULL(within_arg))
		tolerance = tolerance_arg(fcinfo, within_arg, "equal_within",
								  "Values that differ by at most equal_within (after rounding) show no change; 0 means only equal values.");
	*isnull = PG_ARGISNULL(value_arg) || PG_ARGISNULL(value_arg + 1);
	if (*isnull)
		return SC_SAME;
	value = finite_arg(fcinfo, value_arg, "value");
	baseline = finite_arg(fcinfo, value_arg + 1, "baseline");
	if (!PG_ARGISNULL(places_arg))
	{
		Datum		places = PG_GETARG_DATUM(places_arg);

		value = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(value), places));
		baseline = DatumGetNumeric(DirectFunctionCall2(numeric_round, NumericGetDatum(baseline), places));
	}
	difference = num_sub(value, baseline);
	return sc_trend_of(num_cmp(difference, int64_to_numeric(0)),
						   num_cmp(DatumGetNumeric(DirectFunctionCall1(numeric_abs, NumericGetDatum(difference))),
								   tolerance));
}

/* direction(value, baseline, places, equal_within): 'up', 'down' or 'no change' */
Datum
sc_direction(PG_FUNCTION_ARGS)
{
	bool		isnull;
	sc_trend	direction = direction_args(fcinfo, 0, 2, &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(sc_trend_word(direction)));
}

/* direction_arrow(...): the seed's arrows for direction(...) */
Datum
sc_direction_arrow(PG_FUNCTION_ARGS)
{
	bool		isnull;
	sc_trend	direction = direction_args(fcinfo, 0, 2, &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(sc_trend_arrow(direction)));
}

/* direction_of_travel(value, baseline, polarity, places, equal_within) */
Datum
sc_direction_of_travel(PG_FUNCTION_ARGS)
{
	sc_polarity polarity = polarity_arg(fcinfo, 2);
	bool		isnull;
	sc_trend	direction = direction_args(fcinfo, 0, 3, &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(sc_travel_word(direction, polarity)));
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
