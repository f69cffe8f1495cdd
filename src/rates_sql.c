/*
 * src/rates_sql.c
 *
 * The SQL area "rates": rates, percentages, their confidence intervals,
 * benchmark comparison, small-number suppression and the aggregate pct().  Results are numeric,
 * so round(x, 1) rounds half away from zero, as DfE publishes.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "sql_util.h"
#include "rag.h"
#include "stats.h"

PG_FUNCTION_INFO_V1(sc_rate);
PG_FUNCTION_INFO_V1(sc_percent);
PG_FUNCTION_INFO_V1(sc_percent_lower);
PG_FUNCTION_INFO_V1(sc_percent_upper);
PG_FUNCTION_INFO_V1(sc_rate_lower);
PG_FUNCTION_INFO_V1(sc_rate_upper);
PG_FUNCTION_INFO_V1(sc_count_lower);
PG_FUNCTION_INFO_V1(sc_count_upper);
PG_FUNCTION_INFO_V1(sc_rate_method);
PG_FUNCTION_INFO_V1(sc_compare_to_benchmark);
PG_FUNCTION_INFO_V1(sc_suppress);
PG_FUNCTION_INFO_V1(sc_suppress_value);

static int
numeric_sign_of(Numeric num)
{
	return num_cmp(num, int64_to_numeric(0));
}

/* A finite, non-negative numeric argument, or an error naming it. */
static Numeric
checked_amount(Numeric num, const char *what)
{
	if (numeric_sign_of(checked_finite(num, what)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative: %s", what, shown_numeric(num)),
				 errhint("Counts and populations are zero or more; check the query that produced this one.")));
	return num;
}

/* A non-negative count, or an error naming it. */
static int64
checked_count(int64 count, const char *what)
{
	if (count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative: " INT64_FORMAT, what, count),
				 errhint("Counts are zero or more; check the query that produced this one.")));
	return count;
}

/* part <= whole, or an error naming both. */
static void
check_part_of_whole(Numeric part, Numeric whole)
{
	if (num_cmp(part, whole) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("part %s is greater than whole %s", shown_numeric(part), shown_numeric(whole)),
				 errhint("A percentage counts part of a whole: check that the numerator is a subset of the denominator.")));
}


static Numeric
to_numeric(double x)
{
	return DatumGetNumeric(DirectFunctionCall1(float8_numeric, Float8GetDatum(x)));
}

static double
to_double(Numeric num)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(num)));
}

static Numeric
numeric_of(const char *text)
{
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(text),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}

/*
 * An interval's population or per as a double, or an error naming it:
 * intervals are computed in double precision, where 1e1000 overflows.
 */
static double
ci_scale(Numeric num, const char *what)
{
	if (numeric_sign_of(num) != 0 &&
		(num_cmp(num, numeric_of("1e300")) > 0 || num_cmp(num, numeric_of("1e-300")) < 0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s is out of range for a confidence interval", what, shown_numeric(num)),
				 errhint("Intervals are computed in double precision: give a %s from 1e-300 to 1e300.", what)));
	return to_double(num);
}

/* rate(count, population, per): count / population * per; NULL for no population. */
Datum
sc_rate(PG_FUNCTION_ARGS)
{
	Numeric		count = checked_amount(PG_GETARG_NUMERIC(0), "count");
	Numeric		population = checked_amount(PG_GETARG_NUMERIC(1), "population");
	Numeric		per = checked_amount(PG_GETARG_NUMERIC(2), "per");

	if (numeric_sign_of(per) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("per must be greater than zero, not %s", shown_numeric(per)),
				 errhint("Rates are usually per 10000 children (the default), per 1000 or per 100000.")));
	if (numeric_sign_of(population) == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(num_div_trimmed(num_mul(count, per), population));
}

/* percent(part, whole): 100 * part / whole; NULL for an empty whole. */
Datum
sc_percent(PG_FUNCTION_ARGS)
{
	Numeric		part = checked_amount(PG_GETARG_NUMERIC(0), "part");
	Numeric		whole = checked_amount(PG_GETARG_NUMERIC(1), "whole");

	check_part_of_whole(part, whole);
	if (numeric_sign_of(whole) == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(num_div_trimmed(num_mul(part, int64_to_numeric(100)), whole));
}

/* The Wilson interval of part of whole in percent; NULL for an empty whole. */
static Datum
percent_limit(FunctionCallInfo fcinfo, bool upper)
{
	int64		part = checked_count(PG_GETARG_INT64(0), "part");
	int64		whole = checked_count(PG_GETARG_INT64(1), "whole");
	double		confidence = checked_confidence(PG_GETARG_FLOAT8(2));
	sc_interval ci;

	if (part > whole)
		check_part_of_whole(int64_to_numeric(part), int64_to_numeric(whole));
	if (whole == 0)
		PG_RETURN_NULL();
	ci = sc_wilson((double) part, (double) whole, confidence);
	PG_RETURN_NUMERIC(to_numeric(100.0 * (upper ? ci.upper : ci.lower)));
}

Datum
sc_percent_lower(PG_FUNCTION_ARGS)
{
	return percent_limit(fcinfo, false);
}

Datum
sc_percent_upper(PG_FUNCTION_ARGS)
{
	return percent_limit(fcinfo, true);
}

/* A limit of the interval of a count: exact below 10, else Byar's. */
static double
count_limit(int64 count, double confidence, bool upper)
{
	sc_interval ci = sc_count_interval((double) count, confidence);

	return upper ? ci.upper : ci.lower;
}

/* The interval of a rate: the count's interval / population * per. */
static Datum
rate_limit(FunctionCallInfo fcinfo, bool upper)
{
	int64		count = checked_count(PG_GETARG_INT64(0), "count");
	Numeric		population = checked_amount(PG_GETARG_NUMERIC(1), "population");
	Numeric		per = checked_amount(PG_GETARG_NUMERIC(2), "per");
	double		confidence = checked_confidence(PG_GETARG_FLOAT8(3));
	double		limit = count_limit(count, confidence, upper);

	if (numeric_sign_of(population) == 0)
		PG_RETURN_NULL();
	limit = limit / ci_scale(population, "population") * ci_scale(per, "per");
	if (isinf(limit))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("interval of a rate per %s of population %s is out of range",
						shown_numeric(per), shown_numeric(population)),
				 errhint("Use a per (such as 10000) and a population of ordinary sizes.")));
	PG_RETURN_NUMERIC(to_numeric(limit));
}

Datum
sc_rate_lower(PG_FUNCTION_ARGS)
{
	return rate_limit(fcinfo, false);
}

Datum
sc_rate_upper(PG_FUNCTION_ARGS)
{
	return rate_limit(fcinfo, true);
}

Datum
sc_count_lower(PG_FUNCTION_ARGS)
{
	int64		count = checked_count(PG_GETARG_INT64(0), "count");

	PG_RETURN_NUMERIC(to_numeric(count_limit(count, checked_confidence(PG_GETARG_FLOAT8(1)), false)));
}

Datum
sc_count_upper(PG_FUNCTION_ARGS)
{
	int64		count = checked_count(PG_GETARG_INT64(0), "count");

	PG_RETURN_NUMERIC(to_numeric(count_limit(count, checked_confidence(PG_GETARG_FLOAT8(1)), true)));
}

/* Which method the interval of a count uses: 'exact' below 10, else 'byars'. */
Datum
sc_rate_method(PG_FUNCTION_ARGS)
{
	int64		count = checked_count(PG_GETARG_INT64(0), "count");

	PG_RETURN_TEXT_P(cstring_to_text(count < SC_BYARS_MIN_COUNT ? "exact" : "byars"));
}

/*
 * Fingertips' comparison with a benchmark (method 1): 'similar' when the
 * benchmark lies inside the interval (ends included), otherwise 'better' or
 * 'worse' by polarity, or 'higher' or 'lower' without one (the decision:
 * sc_benchmark_word, rag.c).
 */
Datum
sc_compare_to_benchmark(PG_FUNCTION_ARGS)
{
	const char *polarity_text = PG_ARGISNULL(4) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(4));
	sc_polarity polarity;
	Numeric		value,
				lower,
				upper,
				benchmark;

	if (polarity_text && sc_parse_polarity(polarity_text, &polarity) != SC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown polarity \"%s\"", shown_cstring(polarity_text)),
				 errhint("Use 'high' (high is better), 'low' (low is better), or NULL for no judgement.")));
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	value = PG_GETARG_NUMERIC(0);
	lower = PG_GETARG_NUMERIC(1);
	upper = PG_GETARG_NUMERIC(2);
	benchmark = PG_GETARG_NUMERIC(3);
	if (numeric_is_nan(value) || numeric_is_nan(lower) || numeric_is_nan(upper)
		|| numeric_is_nan(benchmark))
		PG_RETURN_NULL();
	if (num_cmp(lower, upper) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lower limit %s is above upper limit %s", shown_numeric(lower), shown_numeric(upper)),
				 errhint("Pass the interval as (value, lower, upper, benchmark).")));

	PG_RETURN_TEXT_P(cstring_to_text(sc_benchmark_word(num_cmp(lower, benchmark), num_cmp(benchmark, upper),
													   num_cmp(value, benchmark),
													   polarity_text ? &polarity : NULL)));
}

/* The threshold of suppression: counts 1 to threshold become 'c'. */
static int32
checked_threshold(int32 threshold)
{
	if (threshold < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("suppression threshold must not be negative: %d", threshold),
				 errhint("DfE suppresses counts 1 to 5 (threshold 5, the default); 0 suppresses nothing.")));
	return threshold;
}

static bool
suppressed(int64 count, int32 threshold)
{
	return checked_count(count, "count") >= 1 && count <= threshold;
}

/* suppress(count, threshold): the count as text, or 'c' for 1..threshold. */
Datum
sc_suppress(PG_FUNCTION_ARGS)
{
	int64		count = PG_GETARG_INT64(0);
	int32		threshold = checked_threshold(PG_GETARG_INT32(1));

	if (suppressed(count, threshold))
		PG_RETURN_TEXT_P(cstring_to_text("c"));
	PG_RETURN_TEXT_P(cstring_to_text(psprintf(INT64_FORMAT, count)));
}

/* suppress_value(value, count, threshold): value as text, or 'c' when its count is small. */
Datum
sc_suppress_value(PG_FUNCTION_ARGS)
{
	Numeric		value = PG_GETARG_NUMERIC(0);
	int64		count = PG_GETARG_INT64(1);
	int32		threshold = checked_threshold(PG_GETARG_INT32(2));

	if (suppressed(count, threshold))
		PG_RETURN_TEXT_P(cstring_to_text("c"));
	PG_RETURN_TEXT_P(cstring_to_text(numeric_text(value)));
}


/*
 * The aggregate pct(condition) (was src/pct_agg.c)
 *
 * The aggregate pct(condition): the percentage of TRUE among non-NULL
 * inputs.  Its state is a plain bigint[2] {true, counted}, not internal,
 * so partial aggregation needs no serialisation (parallel query, Citus);
 * the inverse transition makes moving windows O(n).
 */

PG_FUNCTION_INFO_V1(sc_pct_accum);
PG_FUNCTION_INFO_V1(sc_pct_retract);
PG_FUNCTION_INFO_V1(sc_pct_combine);
PG_FUNCTION_INFO_V1(sc_pct_final);

#define PCT_TRUE 0
#define PCT_COUNTED 1

#define PCT_COUNTS(state) ((int64 *) ARR_DATA_PTR(state))

/*
 * State array argno, checked.  Inside an aggregate the array belongs to
 * the aggregate and a writable one is updated in place (as int4_avg_accum
 * does); called directly, it is copied first.
 */
static ArrayType *
pct_state(FunctionCallInfo fcinfo, int argno, bool writable)
{
	ArrayType  *state = (writable && !AggCheckCallContext(fcinfo, NULL))
		? PG_GETARG_ARRAYTYPE_P_COPY(argno) : PG_GETARG_ARRAYTYPE_P(argno);

	if (ARR_NDIM(state) != 1 || ARR_DIMS(state)[0] != 2 || ARR_HASNULL(state)
		|| ARR_ELEMTYPE(state) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pct state must be a bigint array of 2 counts without NULLs"),
				 errdetail("The state given is %s.", shown_array(PointerGetDatum(state))),
				 errhint("Use the aggregate socialcare.pct(boolean); its support functions are internal.")));
	return state;
}

Datum
sc_pct_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pct_state(fcinfo, 0, true);

	PCT_COUNTS(state)[PCT_TRUE] += PG_GETARG_BOOL(1);
	PCT_COUNTS(state)[PCT_COUNTED]++;
	PG_RETURN_ARRAYTYPE_P(state);
}

/* Inverse transition for moving windows: forget one input. */
Datum
sc_pct_retract(PG_FUNCTION_ARGS)
{
	ArrayType  *state = pct_state(fcinfo, 0, true);

	PCT_COUNTS(state)[PCT_TRUE] -= PG_GETARG_BOOL(1);
	PCT_COUNTS(state)[PCT_COUNTED]--;
	PG_RETURN_ARRAYTYPE_P(state);
}

Datum
sc_pct_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *other = pct_state(fcinfo, 1, false);
	ArrayType  *state = pct_state(fcinfo, 0, true);

	PCT_COUNTS(state)[PCT_TRUE] += PCT_COUNTS(other)[PCT_TRUE];
	PCT_COUNTS(state)[PCT_COUNTED] += PCT_COUNTS(other)[PCT_COUNTED];
	PG_RETURN_ARRAYTYPE_P(state);
}

/* 100 * true / counted (percentage_of_counts); NULL when nothing was counted. */
Datum
sc_pct_final(PG_FUNCTION_ARGS)
{
	int64	   *counts = PCT_COUNTS(pct_state(fcinfo, 0, false));

	if (counts[PCT_COUNTED] == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(percentage_of_counts(counts[PCT_TRUE], counts[PCT_COUNTED]));
}
