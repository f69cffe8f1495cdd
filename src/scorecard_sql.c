/*
 * src/scorecard_sql.c
 *
 * The SQL area "scorecard": RAG status (socialcare.rag), direction of
 * travel, the previous values of a monthly series it is measured against
 * (previous_value, previous_average) and sparklines.  Numbers are compared
 * exactly in numeric; the decisions are in the pure-C rag.c.  Its argument
 * guards (checked_months, checked_as_at) are in guards_sql.c.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "windowapi.h"

#include "sql_util.h"
#include "months.h"
#include "rag.h"

PG_FUNCTION_INFO_V1(sc_rag);
PG_FUNCTION_INFO_V1(sc_rag_target);
PG_FUNCTION_INFO_V1(sc_direction);
PG_FUNCTION_INFO_V1(sc_direction_arrow);
PG_FUNCTION_INFO_V1(sc_direction_of_travel);

/* Argument argno as a finite numeric, or an error naming it. */
static Numeric
finite_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	return checked_finite(PG_GETARG_NUMERIC(argno), what);
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
 * Previous values of a monthly series (was src/trend_sql.c)
 *
 * Window functions for a monthly series in a user's own table:
 * previous_value(value, month [, months_back]) and
 * previous_average(value, month [, months]) OVER (PARTITION BY kpi ORDER BY
 * month).  Unlike lag() and a ROWS frame, they look up calendar months, so
 * a missing month gives NULL instead of silently comparing with an older
 * one, and an average of 3 months is never an average of fewer.
 *
 * Each costs O(log k) row reads (previous_value) or O(1) (previous_average)
 * a row, whatever the look-back k: the rows are evaluated in partition
 * order, each checks that the row before it is an earlier month, so within
 * a run of rows with months the months strictly increase and a month k
 * back can be found by binary search, or (for an average) is there exactly
 * when the row k back is that month; previous_average keeps a running sum
 * of the last k values.  (0.2.0 walked back row by row: O(k) a row.)
 */

PG_FUNCTION_INFO_V1(sc_previous_value);
PG_FUNCTION_INFO_V1(sc_previous_average);
PG_FUNCTION_INFO_V1(sc_previous_value_ts);
PG_FUNCTION_INFO_V1(sc_previous_average_ts);
PG_FUNCTION_INFO_V1(sc_previous_value_tstz);
PG_FUNCTION_INFO_V1(sc_previous_average_tstz);

/* The months argument (argno) of the current row: 1 to SC_MAX_MONTHS, or an error. */
static int32
months_arg(WindowObject winobj, int argno, const char *what)
{
	bool		isnull;
	int32		n = DatumGetInt32(WinGetFuncArgCurrent(winobj, argno, &isnull));

	if (isnull || n < 1 || n > SC_MAX_MONTHS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be from 1 to %d months, not %s", what, SC_MAX_MONTHS, isnull ? "NULL" : psprintf("%d", n)),
				 errhint("Leave it out for the default: the previous month, or the previous 3 for an average.")));
	return n;
}

/*
 * The month of the row `back` rows before the current one; false when none
 * or NULL.  type: the month argument's SQL type (sc_day_of), here and below.
 */
static bool
month_back(WindowObject winobj, ScDayType type, int64 back, int64 *month)
{
	bool		isnull,
				isout;
	Datum		arg = WinGetFuncArgInPartition(winobj, 1, -back, WINDOW_SEEK_CURRENT, false, &isnull, &isout);
	DateADT		day;

	if (isout || isnull)
		return false;
	day = sc_day_of(arg, type);
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("month %s is not a month", date_text(day))));
	*month = sc_month_number((sc_day) day);
	return true;
}

/*
 * The month index of the row just before the current one; false when
 * there is none or its month is NULL.  Checks it is an earlier month (one
 * row a month, in order): every row with a month checks this, which is
 * what makes the months of a run of rows strictly increasing.
 */
static bool
row_just_before(WindowObject winobj, ScDayType type, int64 current, int64 *month)
{
	bool		current_isnull;
	bool		isnull,
				isout;

	if (!month_back(winobj, type, 1, month))
		return false;
	if (*month >= current)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a row for %s follows one for %s: not one row a month in month order",
						date_text(sc_day_of(WinGetFuncArgCurrent(winobj, 1, &current_isnull), type)),
						date_text(sc_day_of(WinGetFuncArgInPartition(winobj, 1, -1, WINDOW_SEEK_CURRENT,
																	 false, &isnull, &isout), type))),
				 errhint("Call it OVER (PARTITION BY kpi ORDER BY month), with one row a month in each partition.")));
	return true;
}

/* The value of the row `back` rows before the current one. */
static Datum
value_back(WindowObject winobj, int64 back, bool *isnull)
{
	bool		isout;

	return WinGetFuncArgInPartition(winobj, 0, -back, WINDOW_SEEK_CURRENT, false, isnull, &isout);
}

/* The current row's month index; false for a NULL month. */
static bool
current_month(WindowObject winobj, ScDayType type, int64 *month)
{
	bool		isnull;
	Datum		arg = WinGetFuncArgCurrent(winobj, 1, &isnull);
	DateADT		day;

	if (isnull)
		return false;
	day = sc_day_of(arg, type);
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("month %s is not a month", date_text(day)),
				 errhint("Pass a day of the month, such as its last day.")));
	*month = sc_month_number((sc_day) day);
	return true;
}

/*
 * What both functions keep about the partition's rows so far: they are
 * called on every row in order (next_row checks it), and run_start is the
 * first row of the run of rows with a month that reaches the current row
 * (rows with a NULL month break runs).
 */
typedef struct RunState
{
	int64		next_row;
	int64		run_start;
} RunState;

/*
 * Rows before the current one in its run (months strictly increasing,
 * each row having checked the one before it); -1 when the rows were not
 * called in order, so that the caller reads them one by one.
 */
static int64
run_rows(WindowObject winobj, RunState *st, bool month_isnull)
{
	int64		pos = WinGetCurrentPosition(winobj);
	int64		n = pos == st->next_row ? pos - st->run_start : -1;

	if (pos != st->next_row)
		st->run_start = 0;		/* out of order: never trusted again */
	else if (month_isnull)
		st->run_start = pos + 1;
	st->next_row = pos == st->next_row ? pos + 1 : -1;
	return n;
}

/*
 * previous_value(value, month, months_back): the value of the row for the
 * calendar month months_back before this row's; NULL when there is none.
 * Months are unique and ascending, so that row is at most months_back back:
 * the first row at or before that month, found by binary search in the
 * run (by walking back when the rows were not called in order).
 */
static Datum
previous_value(FunctionCallInfo fcinfo, ScDayType type)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	RunState   *st = WinGetPartitionLocalMemory(winobj, sizeof(RunState));
	int32		back = months_arg(winobj, 2, "months_back");
	int64		current,
				target,
				month,
				avail;
	bool		has_month = current_month(winobj, type, &current);
	Datum		value;
	bool		isnull;
	int64		lo,
				hi;

	avail = run_rows(winobj, st, !has_month);
	if (!has_month)
		PG_RETURN_NULL();
	target = current - back;
	if (!row_just_before(winobj, type, current, &month) || month < target)
		PG_RETURN_NULL();
	if (month == target)
		goto found1;
	if (avail < 0)
	{
		/* rows not called in order: walk back, as 0.2.0 did */
		for (int64 b = 2; b <= back; b++)
		{
			if (!month_back(winobj, type, b, &month) || month < target)
				PG_RETURN_NULL();
			if (month == target)
			{
				value = value_back(winobj, b, &isnull);
				if (isnull)
					PG_RETURN_NULL();
				PG_RETURN_DATUM(value);
			}
		}
		PG_RETURN_NULL();
	}
	/* the smallest b in [2, hi] whose month is at or before target */
	lo = 2;
	hi = Min((int64) back, avail);
	if (lo > hi)
		PG_RETURN_NULL();
	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (!month_back(winobj, type, mid, &month))
			elog(ERROR, "previous_value() lost a row of its run");
		if (month <= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (!month_back(winobj, type, lo, &month) || month != target)
		PG_RETURN_NULL();
	value = value_back(winobj, lo, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(value);

found1:
	value = value_back(winobj, 1, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(value);
}

/*
 * previous_average keeps, besides the run, the exact sum of the last n
 * rows' finite values (rows pos - n .. pos - 1), counts of their NULL,
 * NaN and infinite values, and the largest display scale among the finite
 * ones (a monotonic queue in a ring of n + 1 slots): the sum added in
 * order would have that scale, and numeric_div's result scale depends on
 * it, so the answer is the same numeric as adding the n values up.
 */
typedef struct ScaleSlot
{
	int64		pos;
	int32		scale;
} ScaleSlot;

typedef struct AverageState
{
	RunState	run;
	bool		ready;			/* sum etc. describe rows [pos - n, pos - 1] */
	int32		n;
	int64		pos;			/* the row they were last brought up to */
	Numeric		sum;			/* in the partition's memory */
	int64		nulls,
				nans,
				pinfs,
				ninfs;
	ScaleSlot  *ring;			/* n + 1 slots */
	int32		head,
				count;
} AverageState;

static int32
scale_of(Datum num)
{
	return DatumGetInt32(DirectFunctionCall1(numeric_scale, num));
}

static void
set_sum(AverageState *a, MemoryContext cxt, Datum sum)
{
	Numeric		num = DatumGetNumeric(sum);
	Numeric		copy = MemoryContextAlloc(cxt, VARSIZE(num));

	memcpy(copy, num, VARSIZE(num));
	if (a->sum)
		pfree(a->sum);
	a->sum = copy;
}

/* Row at distance back (before the current row) enters (sign 1) or leaves (-1) the window. */
static void
move_row(WindowObject winobj, AverageState *a, MemoryContext cxt, int64 back, int64 pos, int sign)
{
	bool		isnull;
	Datum		v = value_back(winobj, back, &isnull);
	Numeric		num;

	num = isnull ? NULL : DatumGetNumeric(v);
	if (isnull)
		a->nulls += sign;
	else if (numeric_is_nan(num))
		a->nans += sign;
	else if (numeric_is_inf(num))
		*(num_cmp(num, int64_to_numeric(0)) > 0 ? &a->pinfs : &a->ninfs) += sign;
	else
	{
		set_sum(a, cxt, DirectFunctionCall2(sign > 0 ? numeric_add : numeric_sub, NumericGetDatum(a->sum), v));
		if (sign > 0)
		{
			int32		scale = scale_of(v);

			/* drop the slots at the back with a scale no larger: they leave first */
			while (a->count > 0
				   && a->ring[(a->head + a->count - 1) % (a->n + 1)].scale <= scale)
				a->count--;
			a->ring[(a->head + a->count) % (a->n + 1)].pos = pos;
			a->ring[(a->head + a->count) % (a->n + 1)].scale = scale;
			a->count++;
		}
	}
	if (sign < 0)
		while (a->count > 0 && a->ring[a->head].pos <= pos)
		{
			a->head = (a->head + 1) % (a->n + 1);
			a->count--;
		}
}

/* Bring the window to rows [pos - n, pos - 1]: one row in, one out, or rebuilt. */
static void
advance_window(WindowObject winobj, AverageState *a, int32 n, int64 pos)
{
	MemoryContext cxt = GetMemoryChunkContext(a);

	if (!a->ready || a->n != n || a->pos != pos - 1)
	{
		if (a->ring)
			pfree(a->ring);
		a->ring = MemoryContextAlloc(cxt, sizeof(ScaleSlot) * (n + 1));
		a->n = n;
		a->head = a->count = 0;
		a->nulls = a->nans = a->pinfs = a->ninfs = 0;
		set_sum(a, cxt, NumericGetDatum(int64_to_numeric(0)));
		for (int64 b = Min((int64) n, pos); b >= 1; b--)
			move_row(winobj, a, cxt, b, pos - b, 1);
	}
	else
	{
		if (pos >= 1)
			move_row(winobj, a, cxt, 1, pos - 1, 1);
		if (pos - 1 - n >= 0)
			move_row(winobj, a, cxt, n + 1, pos - 1 - n, -1);
	}
	a->ready = true;
	a->pos = pos;
}

/*
 * previous_average(value, month, months): the mean of the values of the
 * `months` calendar months before this row's; NULL unless every one of them
 * has a row with a value.
 */
static Datum
previous_average(FunctionCallInfo fcinfo, ScDayType type)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	AverageState *a = WinGetPartitionLocalMemory(winobj, sizeof(AverageState));
	int32		n = months_arg(winobj, 2, "months");
	int64		pos = WinGetCurrentPosition(winobj);
	int64		current,
				month,
				avail;
	bool		has_month = current_month(winobj, type, &current);
	Datum		sum;

	avail = run_rows(winobj, &a->run, !has_month);
	advance_window(winobj, a, n, pos);
	if (!has_month)
		PG_RETURN_NULL();
	if (!row_just_before(winobj, type, current, &month))
		PG_RETURN_NULL();
	if (avail < 0)
	{
		/* rows not called in order: check the months one by one, as 0.2.0 did */
		for (int64 b = 1; b <= n; b++)
			if (!month_back(winobj, type, b, &month) || month != current - b)
				PG_RETURN_NULL();
	}
	else if (avail < n || !month_back(winobj, type, n, &month) || month != current - n)
		PG_RETURN_NULL();
	/* rows n .. 1 back are the months current - n .. current - 1 */
	if (a->nulls > 0)
		PG_RETURN_NULL();
	if (a->nans > 0 || (a->pinfs > 0 && a->ninfs > 0))
		PG_RETURN_DATUM(DirectFunctionCall3(numeric_in, CStringGetDatum("NaN"),
											ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	if (a->pinfs > 0 || a->ninfs > 0)
		PG_RETURN_DATUM(DirectFunctionCall3(numeric_in, CStringGetDatum(a->pinfs > 0 ? "Infinity" : "-Infinity"),
											ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	/* the sum as adding the values up gives it: exact, at their largest scale */
	sum = DirectFunctionCall2(numeric_round, NumericGetDatum(a->sum),
							  Int32GetDatum(a->count > 0 ? a->ring[a->head].scale : 0));
	PG_RETURN_NUMERIC(num_div_trimmed(DatumGetNumeric(sum), int64_to_numeric(n)));
}


/* The entry points: the date forms, the timestamp forms, the timestamptz forms. */
Datum
sc_previous_value(PG_FUNCTION_ARGS)
{
	return previous_value(fcinfo, SC_DAY_DATE);
}

Datum
sc_previous_average(PG_FUNCTION_ARGS)
{
	return previous_average(fcinfo, SC_DAY_DATE);
}

Datum
sc_previous_value_ts(PG_FUNCTION_ARGS)
{
	return previous_value(fcinfo, SC_DAY_TIMESTAMP);
}

Datum
sc_previous_average_ts(PG_FUNCTION_ARGS)
{
	return previous_average(fcinfo, SC_DAY_TIMESTAMP);
}

Datum
sc_previous_value_tstz(PG_FUNCTION_ARGS)
{
	return previous_value(fcinfo, SC_DAY_TIMESTAMPTZ);
}

Datum
sc_previous_average_tstz(PG_FUNCTION_ARGS)
{
	return previous_average(fcinfo, SC_DAY_TIMESTAMPTZ);
}

/*
 * Sparklines (was src/sparkline_sql.c)
 *
 * The final function of the sparkline aggregates: the numeric[] or float8[]
 * state (every value, in input order, NULLs as gaps) drawn with the pure-C
 * levels and bars of rag.c.  The state is read in place, expanded or flat,
 * so that a long series is not copied once more.
 */

PG_FUNCTION_INFO_V1(sc_sparkline_final);

/* Longest state an error message shows in full. */
#define STATE_SHOWN 24

/* The state as an error detail shows it: in full when short. */
static char *
state_text(FunctionCallInfo fcinfo, AnyArrayType *state, int n)
{
	if (n > STATE_SHOWN)
		return psprintf("a %d-dimensional array of %d values", AARR_NDIM(state), n);
	return shown_array(PG_GETARG_DATUM(0));
}

static void
check_state(FunctionCallInfo fcinfo, AnyArrayType *state, int n)
{
	Oid			elemtype = AARR_ELEMTYPE(state);

	if ((elemtype != NUMERICOID && elemtype != FLOAT8OID) || AARR_NDIM(state) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sparkline state must be a one-dimensional numeric or double precision array, not %s",
						state_text(fcinfo, state, n)),
				 errhint("Use the aggregate socialcare.sparkline(value); its support functions are internal.")));
}

static void
cannot_draw(FunctionCallInfo fcinfo, AnyArrayType *state, int n, int i, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("sparkline cannot draw %s", value),
			 n > STATE_SHOWN ? errdetail("It is value %d of %d in the series.", i + 1, n)
			 : errdetail("It is value %d of %d in the series %s.", i + 1, n, state_text(fcinfo, state, n)),
			 errhint("Pass NULL for a missing value; it is drawn as a gap.")));
}

/* The next element of the state, or false for a NULL. */
static bool
next_elem(array_iter *it, bool numeric, int i, Datum *elem)
{
	bool		isnull;

	*elem = numeric ? array_iter_next(it, &isnull, i, -1, false, TYPALIGN_INT)
		: array_iter_next(it, &isnull, i, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
	return !isnull;
}

/* A numeric as a double, or false when it is beyond a normal double's range. */
static bool
numeric_double(Datum num, double *x)
{
	*x = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, num));
	if (*x == 0.0)
		return num_cmp(DatumGetNumeric(num), int64_to_numeric(0)) == 0;
	return !isinf(*x) && fabs(*x) >= DBL_MIN;
}

/*
 * What the bars are scaled by: the smallest and largest value, as doubles,
 * or as numerics (exact) when either is beyond a normal double's range;
 * values between them that a double does not carry exactly are then only
 * a rounding away from their bar's edge.
 */
typedef struct Scale
{
	bool		numeric;
	bool		exact;
	Datum		min,
				max,
				range;			/* exact: max - min, or 0 for a flat series */
	double		dmin,
				dmax;
} Scale;

/* One pass: checks every value is drawable, finds min and max; false if none. */
static bool
find_scale(FunctionCallInfo fcinfo, AnyArrayType *state, int n, Scale *sc)
{
	array_iter	it;
	bool		any = false;
	Datum		elem;
	int			i;

	array_iter_setup(&it, state);
	for (i = 0; i < n; i++)
	{
		if (!next_elem(&it, sc->numeric, i, &elem))
			continue;
		if (sc->numeric)
		{
			if (numeric_is_nan(DatumGetNumeric(elem)) || numeric_is_inf(DatumGetNumeric(elem)))
				cannot_draw(fcinfo, state, n, i, numeric_text(DatumGetNumeric(elem)));
			if (!any || num_cmp(DatumGetNumeric(elem), DatumGetNumeric(sc->min)) < 0)
				sc->min = elem;
			if (!any || num_cmp(DatumGetNumeric(elem), DatumGetNumeric(sc->max)) > 0)
				sc->max = elem;
		}
		else
		{
			double		x = DatumGetFloat8(elem);

			if (isnan(x) || isinf(x))
				cannot_draw(fcinfo, state, n, i, float8out_internal(x));
			sc->dmin = !any || x < sc->dmin ? x : sc->dmin;
			sc->dmax = !any || x > sc->dmax ? x : sc->dmax;
		}
		any = true;
	}
	if (any && sc->numeric)
	{
		sc->exact = !numeric_double(sc->min, &sc->dmin) || !numeric_double(sc->max, &sc->dmax);
		sc->range = num_cmp(DatumGetNumeric(sc->max), DatumGetNumeric(sc->min)) == 0 ? (Datum) 0
			: DirectFunctionCall2(numeric_sub, sc->max, sc->min);
	}
	return any;
}

/*
 * A value as the core draws it against the scale: the double itself, or,
 * exact, its place (x - min) / (max - min) in [0, 1], computed in numeric,
 * which a double carries, against a scale of 0 to 1 (min's place is 0 and
 * max's 1, exactly; a flat series is all 0, which the core draws flat).
 */
static double
place_of(Datum elem, const Scale *sc)
{
	if (!sc->numeric)
		return DatumGetFloat8(elem);
	if (!sc->exact)
		return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, elem));
	if (sc->range == (Datum) 0)
		return 0.0;
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
											  DirectFunctionCall2(numeric_div,
																  DirectFunctionCall2(numeric_sub, elem, sc->min),
																  sc->range)));
}

/* Values converted and drawn at a time: the state is not copied whole. */
#define PART 256

/*
 * Final function of sparkline: the numeric[] or float8[] state, NULLs as
 * gaps.  Two passes over the state (scale, then bars), the bars drawn by
 * the core (sc_sparkline_scaled) PART values at a time straight into the
 * result: a long series costs its result and no copy.
 */
Datum
sc_sparkline_final(PG_FUNCTION_ARGS)
{
	AnyArrayType *state = PG_GETARG_ANY_ARRAY_P(0);
	int			n = ArrayGetNItems(AARR_NDIM(state), AARR_DIMS(state));
	Scale		sc = {0};
	array_iter	it;
	text	   *result;
	char	   *p;
	Datum		elem;
	double		values[PART];
	bool		isnull[PART];
	double		min,
				max;

	check_state(fcinfo, state, n);
	sc.numeric = AARR_ELEMTYPE(state) == NUMERICOID;
	if (!find_scale(fcinfo, state, n, &sc))
		PG_RETURN_NULL();
	min = sc.exact ? 0.0 : sc.dmin;
	max = sc.exact ? (sc.range == (Datum) 0 ? 0.0 : 1.0) : sc.dmax;
	result = palloc(VARHDRSZ + SC_SPARKLINE_BYTES(n));
	p = VARDATA(result);
	array_iter_setup(&it, state);
	for (int start = 0; start < n; start += PART)
	{
		int			count = Min(PART, n - start);

		for (int j = 0; j < count; j++)
		{
			isnull[j] = !next_elem(&it, sc.numeric, start + j, &elem);
			values[j] = isnull[j] ? 0.0 : place_of(elem, &sc);
		}
		p += sc_sparkline_scaled(values, isnull, count, min, max, p);
	}
	SET_VARSIZE(result, p - (char *) result);
	PG_RETURN_TEXT_P(result);
}

/*
 * Transition functions of the sparkline aggregates, one per state type:
 * append a value (NULL too, a gap) as array_append does, to an expanded
 * array in the aggregate's memory, so that a row costs an append and the
 * state grows as array_agg's does.  Unlike the polymorphic array_append,
 * the element type is the function's own, so a caller that gives no
 * calling expression (fn_expr) or keeps nothing in fn_extra between rows,
 * as Citus's aggregate wrappers, gets the same state.
 */
/* A state that is not a series of values. */
static void
not_a_series(Datum state, Oid elemtype)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("sparkline state %s is not a one-dimensional %s array",
					shown_array(state), format_type_be(elemtype)),
			 errhint("Use the aggregate socialcare.sparkline(value); its support functions are internal.")));
}

static Datum
sparkline_append(FunctionCallInfo fcinfo, Oid elemtype, int16 typlen, bool typbyval, char typalign)
{
	ArrayMetaState meta = {0};
	MemoryContext resultcxt;
	ExpandedArrayHeader *eah;
	int			indx = 1;

	meta.element_type = elemtype;
	meta.typlen = typlen;
	meta.typbyval = typbyval;
	meta.typalign = typalign;
	if (!AggCheckCallContext(fcinfo, &resultcxt))
		resultcxt = CurrentMemoryContext;
	if (PG_ARGISNULL(0))
		eah = construct_empty_expanded_array(elemtype, resultcxt, &meta);
	else
	{
		MemoryContext old = MemoryContextSwitchTo(resultcxt);

		eah = PG_GETARG_EXPANDED_ARRAYX(0, &meta);
		MemoryContextSwitchTo(old);
	}
	if (eah->element_type != elemtype || eah->ndims > 1)
		not_a_series(PG_GETARG_DATUM(0), elemtype);
	if (eah->ndims == 1 && pg_add_s32_overflow(eah->lbound[0], eah->dims[0], &indx))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sparkline state has no room for another value"),
				 errhint("Draw fewer values.")));
	PG_RETURN_DATUM(array_set_element(EOHPGetRWDatum(&eah->hdr), 1, &indx,
									  PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1),
									  PG_ARGISNULL(1), -1, typlen, typbyval, typalign));
}

/*
 * Combine function of the sparkline aggregates (numeric[] and float8[]):
 * the values of the first state, then those of the second (array_cat),
 * each state checked to be a series first.
 */
PG_FUNCTION_INFO_V1(sc_sparkline_combine);
Datum
sc_sparkline_combine(PG_FUNCTION_ARGS)
{
	Oid			elemtype = get_func_rettype(fcinfo->flinfo->fn_oid);

	elemtype = OidIsValid(elemtype) ? get_element_type(elemtype) : InvalidOid;
	for (int i = 0; i < 2; i++)
	{
		AnyArrayType *a;

		if (PG_ARGISNULL(i))
			continue;
		a = PG_GETARG_ANY_ARRAY_P(i);
		if (AARR_NDIM(a) > 1 || AARR_ELEMTYPE(a) != elemtype)
			not_a_series(PG_GETARG_DATUM(i), elemtype);
	}
	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	PG_RETURN_DATUM(DirectFunctionCall2(array_cat, PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)));
}

PG_FUNCTION_INFO_V1(sc_sparkline_accum_numeric);
Datum
sc_sparkline_accum_numeric(PG_FUNCTION_ARGS)
{
	return sparkline_append(fcinfo, NUMERICOID, -1, false, TYPALIGN_INT);
}

PG_FUNCTION_INFO_V1(sc_sparkline_accum_float8);
Datum
sc_sparkline_accum_float8(PG_FUNCTION_ARGS)
{
	return sparkline_append(fcinfo, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/*
 * compared_at(compare_at, places, decimals): the decimals the scorecard's
 * arrows compare at.  compare_at is checked even when places overrides it.
 */
PG_FUNCTION_INFO_V1(sc_compared_at);
Datum
sc_compared_at(PG_FUNCTION_ARGS)
{
	const char *hint = "compare_at is 'display' (each KPI's decimals shown, the default), 'whole' (whole numbers, the seed's rule) or 'exact' (not rounded); places => N compares every KPI at N decimals.";
	char	   *word;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("compare_at must not be NULL"),
				 errhint("%s", hint)));
	word = text_to_cstring(PG_GETARG_TEXT_PP(0));
	if (strcmp(word, "display") != 0 && strcmp(word, "whole") != 0 && strcmp(word, "exact") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown compare_at \"%s\"", shown_cstring(word)),
				 errhint("%s", hint)));
	if (!PG_ARGISNULL(1))
		PG_RETURN_INT32(PG_GETARG_INT32(1));
	if (strcmp(word, "whole") == 0)
		PG_RETURN_INT32(0);
	if (strcmp(word, "exact") == 0 || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	PG_RETURN_INT32(PG_GETARG_INT32(2));
}
