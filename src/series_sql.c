/*
 * src/series_sql.c
 *
 * The SQL area "series" (with plans_sql.c, its repeat plans and
 * durations): the aggregate rolling_pct_series(day, condition, from_date, to_date
 * [, months]): for each month end in [from_date, to_date], the percentage
 * of TRUE among the non-NULL conditions of the rows dated in the `months`
 * whole calendar months ending there.  Each row is counted once, in its
 * month; the windows slide over the month counts at the end, so the cost
 * is one array increment a row, however many month ends reach it.
 *
 * The state is a plain bigint[] (parallel query needs no serialisation):
 * {from_date, to_date, months, then (true, counted) for each counted month}.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "sql_util.h"
#include "months.h"

PG_FUNCTION_INFO_V1(sc_rolling_accum);
PG_FUNCTION_INFO_V1(sc_rolling_accum_ts);
PG_FUNCTION_INFO_V1(sc_rolling_accum_tstz);
PG_FUNCTION_INFO_V1(sc_rolling_combine);
PG_FUNCTION_INFO_V1(sc_rolling_final);

#define HEADER 3				/* from_date, to_date, months */
#define WIDTH 2					/* true, counted */
#define STATE_VALUES(state) ((int64 *) ARR_DATA_PTR(state))
#define STATE_COUNTS(state) (STATE_VALUES(state) + HEADER)

/* A period bound: a real date in years 1 to 9999. */
static sc_day
checked_bound(DateADT day, const char *what)
{
	if (DATE_NOT_FINITE(day) || day < SC_MONTHS_FIRST_DAY || day > SC_MONTHS_LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s %s is outside the years 1 to 9999", what, date_text(day)),
				 errhint("Give the first and last month ends of the reporting period, e.g. '2024-04-30' and '2026-03-31'.")));
	return (sc_day) day;
}

/* The layout of a series, its arguments checked. */
static sc_series
series_for(DateADT from, DateADT to, int32 months)
{
	sc_series	s;

	if (months < 1 || months > SC_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rolling window of %d months is not between 1 and %d", months, SC_MAX_MONTHS),
				 errhint("Pass the window's length in whole months: 12 (the default) for a rolling year.")));
	checked_bound(from, "from_date");
	checked_bound(to, "to_date");
	checked_range("rolling_pct_series()", from, to);
	s = sc_series_layout((sc_day) from, (sc_day) to, months);
	if (s.nreport > SC_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d month ends from %s to %s are more than %d",
						s.nreport, date_text(from), date_text(to), SC_MAX_MONTHS),
				 errhint("Report a shorter period.")));
	return s;
}

/* What is wrong with a state array, or NULL; *s its layout when its header is sound. */
static const char *
state_problem(ArrayType *state, sc_series *s)
{
	int			n = ARR_NDIM(state) == 1 ? ARR_DIMS(state)[0] : -1;
	int64	   *v = STATE_VALUES(state);
	int64		total = 0;

	if (n < HEADER || ARR_HASNULL(state) || ARR_ELEMTYPE(state) != INT8OID)
		return "it is not a one-dimensional bigint array of at least 3 values without NULLs";
	if (v[0] < SC_MONTHS_FIRST_DAY || v[0] > SC_MONTHS_LAST_DAY
		|| v[1] < SC_MONTHS_FIRST_DAY || v[1] > SC_MONTHS_LAST_DAY
		|| v[2] < 1 || v[2] > SC_MAX_MONTHS)
		return "its header is not two dates of years 1 to 9999 and a window of 1 to " CppAsString2(SC_MAX_MONTHS) " months";
	*s = sc_series_layout((sc_day) v[0], (sc_day) v[1], (int32) v[2]);
	if (s->nreport > SC_MAX_MONTHS)
		return "its period has more than " CppAsString2(SC_MAX_MONTHS) " month ends";
	if (n != HEADER + WIDTH * s->ncounted)
		return "its length does not match its period";
	/* counts that sum within int64 keep every window's sum within it too */
	for (int k = 0; k < s->ncounted; k++)
	{
		int64		part = STATE_COUNTS(state)[k * WIDTH];
		int64		whole = STATE_COUNTS(state)[k * WIDTH + 1];

		if (part < 0 || whole < part)
			return "a month's counts are negative or have more true rows than rows";
		if (pg_add_s64_overflow(total, whole, &total))
			return "its counts add up to more than a bigint holds";
	}
	return NULL;
}

/*
 * State array argno, checked in full (header, length, counts): an error
 * naming the state rather than a crash or a wrong percentage.
 */
static ArrayType *
state_arg(FunctionCallInfo fcinfo, int argno, bool writable, sc_series *s)
{
	ArrayType  *state = (writable && !AggCheckCallContext(fcinfo, NULL))
		? PG_GETARG_ARRAYTYPE_P_COPY(argno) : PG_GETARG_ARRAYTYPE_P(argno);
	const char *problem = state_problem(state, s);

	if (problem != NULL)
	{
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rolling_pct_series state is not valid: %s", problem),
				 errdetail("The state given is %s.", shown_array(PointerGetDatum(state))),
				 errhint("Use the aggregate socialcare.rolling_pct_series; its support functions are internal.")));
	}
	return state;
}

/* A zeroed state for the series, in the aggregate's memory. */
static ArrayType *
new_state(FunctionCallInfo fcinfo, DateADT from, DateADT to, int32 months, const sc_series *s)
{
	MemoryContext aggcontext;
	MemoryContext old;
	int			n = HEADER + WIDTH * s->ncounted;
	Size		bytes = ARR_OVERHEAD_NONULLS(1) + sizeof(int64) * n;
	ArrayType  *state;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		aggcontext = CurrentMemoryContext;
	old = MemoryContextSwitchTo(aggcontext);
	state = (ArrayType *) palloc0(bytes);
	MemoryContextSwitchTo(old);
	SET_VARSIZE(state, bytes);
	state->ndim = 1;
	state->dataoffset = 0;
	state->elemtype = INT8OID;
	ARR_DIMS(state)[0] = n;
	ARR_LBOUND(state)[0] = 1;
	STATE_VALUES(state)[0] = from;
	STATE_VALUES(state)[1] = to;
	STATE_VALUES(state)[2] = months;
	return state;
}

/*
 * (state, day, condition, from_date, to_date [, months]): count the row in
 * its month.  Rows with NULL day or condition, or dated outside every
 * window, change nothing; NULL period arguments leave the row out.  type:
 * the SQL type of day, from_date and to_date (sc_day_of: the timestamp and
 * timestamptz forms have entry points of their own, for Citus calls the
 * transition function without fn_expr).
 */
static Datum
rolling_accum(FunctionCallInfo fcinfo, ScDayType type)
{
	int32		months = PG_NARGS() > 5 ? (PG_ARGISNULL(5) ? -1 : PG_GETARG_INT32(5)) : 12;
	ArrayType  *state;
	int64		header[HEADER];
	sc_series	s;
	int32		k;
	DateADT		from,
				to,
				day;

	if (PG_ARGISNULL(3) || PG_ARGISNULL(4) || months == -1)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	from = sc_day_of(PG_GETARG_DATUM(3), type);
	to = sc_day_of(PG_GETARG_DATUM(4), type);
	header[0] = from;
	header[1] = to;
	header[2] = months;
	if (PG_ARGISNULL(0))
	{
		s = series_for(from, to, months);
		state = new_state(fcinfo, from, to, months, &s);
	}
	else
	{
		/*
		 * Called directly, the state is anyone's: checked in full (and
		 * copied).  In an aggregate it is our own, made by new_state from
		 * checked arguments, so a row costs only the checks that keep the
		 * write below inside the array; the final function checks the
		 * counts.
		 */
		if (!AggCheckCallContext(fcinfo, NULL))
			state = state_arg(fcinfo, 0, true, &s);
		else
			state = PG_GETARG_ARRAYTYPE_P(0);
		if (ARR_NDIM(state) != 1 || ARR_DIMS(state)[0] < HEADER
			|| ARR_HASNULL(state) || ARR_ELEMTYPE(state) != INT8OID)
			state_arg(fcinfo, 0, false, &s);	/* reports the error */
		if (memcmp(STATE_VALUES(state), header, sizeof(header)) != 0)
		{
			int64	   *v = STATE_VALUES(state_arg(fcinfo, 0, false, &s));

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rolling_pct_series() period changed within a group: from %s to %s, %d months, then from %s to %s, %d months",
							date_text((DateADT) v[0]), date_text((DateADT) v[1]), (int) v[2],
							date_text(from), date_text(to), months),
					 errhint("Pass the same from_date, to_date and months for every row, as constants.")));
		}

		/*
		 * The header equals the arguments, which the state's first row
		 * checked: its layout is a few lines of month arithmetic, so a row
		 * costs the same whether or not the caller keeps anything between
		 * rows (Citus's wrappers keep nothing in fn_extra).
		 */
		s = sc_series_layout((sc_day) header[0], (sc_day) header[1], months);
		if (ARR_DIMS(state)[0] != HEADER + WIDTH * s.ncounted)
			state_arg(fcinfo, 0, false, &s);	/* reports the error */
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_ARRAYTYPE_P(state);
	/* infinite days fall outside (any finite date has a month number) */
	day = sc_day_of(PG_GETARG_DATUM(1), type);
	if (!DATE_NOT_FINITE(day)
		&& sc_series_slot(&s, (sc_day) day, &k) == SC_OK)
	{
		int64	   *counts = STATE_COUNTS(state) + (int) k * WIDTH;

		counts[0] += PG_GETARG_BOOL(2);
		counts[1]++;
	}
	PG_RETURN_ARRAYTYPE_P(state);
}

Datum
sc_rolling_accum(PG_FUNCTION_ARGS)
{
	return rolling_accum(fcinfo, SC_DAY_DATE);
}

/* rolling_pct_series(timestamp, boolean, timestamp, timestamp [, integer]) */
Datum
sc_rolling_accum_ts(PG_FUNCTION_ARGS)
{
	return rolling_accum(fcinfo, SC_DAY_TIMESTAMP);
}

/* rolling_pct_series(timestamptz, ...): the session time zone's days */
Datum
sc_rolling_accum_tstz(PG_FUNCTION_ARGS)
{
	return rolling_accum(fcinfo, SC_DAY_TIMESTAMPTZ);
}

Datum
sc_rolling_combine(PG_FUNCTION_ARGS)
{
	sc_series	s;
	sc_series	o;
	ArrayType  *other = state_arg(fcinfo, 1, false, &o);
	ArrayType  *state = state_arg(fcinfo, 0, true, &s);

	if (memcmp(STATE_VALUES(state), STATE_VALUES(other), HEADER * sizeof(int64)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rolling_pct_series() period changed within a group: from %s to %s, %d months, then from %s to %s, %d months",
						date_text((DateADT) STATE_VALUES(state)[0]), date_text((DateADT) STATE_VALUES(state)[1]),
						(int) STATE_VALUES(state)[2], date_text((DateADT) STATE_VALUES(other)[0]),
						date_text((DateADT) STATE_VALUES(other)[1]), (int) STATE_VALUES(other)[2]),
				 errhint("Pass the same from_date, to_date and months for every row, as constants.")));
	for (int i = 0; i < WIDTH * s.ncounted; i++)
		if (pg_add_s64_overflow(STATE_COUNTS(state)[i], STATE_COUNTS(other)[i], &STATE_COUNTS(state)[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("rolling_pct_series() counts more than %lld rows in a month",
							(long long) PG_INT64_MAX),
					 errhint("Aggregate fewer rows per group.")));
	PG_RETURN_ARRAYTYPE_P(state);
}

/*
 * The row type socialcare.rolling_month, from the final function's declared
 * result type (its pg_proc row, found by the function's OID): not from the
 * calling expression, which a caller such as Citus's combine wrapper does
 * not give (fn_expr NULL).
 */
static TupleDesc
figure_tupdesc(FunctionCallInfo fcinfo, Oid *elemtype)
{
	Oid			arraytype = OidIsValid(fcinfo->flinfo->fn_oid)
		? get_func_rettype(fcinfo->flinfo->fn_oid) : InvalidOid;

	*elemtype = OidIsValid(arraytype) ? get_element_type(arraytype) : InvalidOid;
	if (!OidIsValid(*elemtype) || !type_is_rowtype(*elemtype))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("rolling_pct_series() must return socialcare.rolling_month[]"),
				 errhint("Call the aggregate socialcare.rolling_pct_series; its final function is internal.")));
	return lookup_rowtype_tupdesc_copy(*elemtype, -1);
}

/*
 * The series as socialcare.rolling_month[]: (month_end, part, whole, pct)
 * for each month end, pct NULL when the window counted nothing.
 */
Datum
sc_rolling_final(PG_FUNCTION_ARGS)
{
	sc_series	s;
	ArrayType  *state = state_arg(fcinfo, 0, false, &s);
	Oid			elemtype;
	TupleDesc	tupdesc = figure_tupdesc(fcinfo, &elemtype);
	int64	   *sums = palloc(sizeof(int64) * WIDTH * Max(s.nreport, 1));
	Datum	   *figures = palloc(sizeof(Datum) * Max(s.nreport, 1));
	int16		typlen;
	bool		typbyval;
	char		typalign;

	sc_series_sums(&s, STATE_COUNTS(state), WIDTH, sums);
	for (int i = 0; i < s.nreport; i++)
	{
		int64		part = sums[i * WIDTH];
		int64		whole = sums[i * WIDTH + 1];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, whole == 0};

		values[0] = DateADTGetDatum((DateADT) sc_month_last_day(s.first_month + i));
		values[1] = Int64GetDatum(part);
		values[2] = Int64GetDatum(whole);
		values[3] = whole == 0 ? (Datum) 0 : NumericGetDatum(percentage_of_counts(part, whole));
		figures[i] = HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
	}
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(figures, s.nreport, elemtype, typlen, typbyval, typalign));
}

PG_FUNCTION_INFO_V1(sc_rolling_months);

/*
 * rolling_months(month_end, months): the rolling period ending on
 * month_end, both included, as a daterange: on a month end the whole
 * calendar months ending with its month; on another day the months to
 * date (sc_rolling_first_day).
 */
Datum
sc_rolling_months(PG_FUNCTION_ARGS)
{
	DateADT		end = PG_GETARG_DATEADT(0);
	int32		months = PG_GETARG_INT32(1);
	TypeCacheEntry *typcache = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lower = {0};
	RangeBound	upper = {0};

	if (months < 1 || months > SC_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rolling window of %d months is not between 1 and %d", months, SC_MAX_MONTHS),
				 errhint("Pass the window's length in whole months: 12 (the default) for a rolling year.")));
	lower.val = DateADTGetDatum((DateADT) sc_rolling_first_day(checked_bound(end, "month_end"), months));
	lower.inclusive = true;
	lower.lower = true;
	upper.val = DateADTGetDatum(end);
	upper.inclusive = true;
	PG_RETURN_RANGE_P(make_range(typcache, &lower, &upper, false, NULL));
}
