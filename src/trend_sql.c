/*
 * src/trend_sql.c
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
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/numeric.h"
#include "utils/memutils.h"
#include "windowapi.h"

#include "sql_util.h"
#include "months.h"

PG_FUNCTION_INFO_V1(sc_previous_value);
PG_FUNCTION_INFO_V1(sc_previous_average);

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

/* The month of the row `back` rows before the current one; false when none or NULL. */
static bool
month_back(WindowObject winobj, int64 back, int64 *month)
{
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
row_just_before(WindowObject winobj, int64 current, int64 *month)
{
	bool		current_isnull;
	bool		isnull,
				isout;

	if (!month_back(winobj, 1, month))
		return false;
	if (*month >= current)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a row for %s follows one for %s: not one row a month in month order",
						date_text(DatumGetDateADT(WinGetFuncArgCurrent(winobj, 1, &current_isnull))),
						date_text(DatumGetDateADT(WinGetFuncArgInPartition(winobj, 1, -1, WINDOW_SEEK_CURRENT,
																		   false, &isnull, &isout)))),
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
Datum
sc_previous_value(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	RunState   *st = WinGetPartitionLocalMemory(winobj, sizeof(RunState));
	int32		back = months_arg(winobj, 2, "months_back");
	int64		current,
				target,
				month,
				avail;
	bool		has_month = current_month(winobj, &current);
	Datum		value;
	bool		isnull;
	int64		lo,
				hi;

	avail = run_rows(winobj, st, !has_month);
	if (!has_month)
		PG_RETURN_NULL();
	target = current - back;
	if (!row_just_before(winobj, current, &month) || month < target)
		PG_RETURN_NULL();
	if (month == target)
		goto found1;
	if (avail < 0)
	{
		/* rows not called in order: walk back, as 0.2.0 did */
		for (int64 b = 2; b <= back; b++)
		{
			if (!month_back(winobj, b, &month) || month < target)
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

		if (!month_back(winobj, mid, &month))
			elog(ERROR, "previous_value() lost a row of its run");
		if (month <= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (!month_back(winobj, lo, &month) || month != target)
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
Datum
sc_previous_average(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	AverageState *a = WinGetPartitionLocalMemory(winobj, sizeof(AverageState));
	int32		n = months_arg(winobj, 2, "months");
	int64		pos = WinGetCurrentPosition(winobj);
	int64		current,
				month,
				avail;
	bool		has_month = current_month(winobj, &current);
	Datum		sum;

	avail = run_rows(winobj, &a->run, !has_month);
	advance_window(winobj, a, n, pos);
	if (!has_month)
		PG_RETURN_NULL();
	if (!row_just_before(winobj, current, &month))
		PG_RETURN_NULL();
	if (avail < 0)
	{
		/* rows not called in order: check the months one by one, as 0.2.0 did */
		for (int64 b = 1; b <= n; b++)
			if (!month_back(winobj, b, &month) || month != current - b)
				PG_RETURN_NULL();
	}
	else if (avail < n || !month_back(winobj, n, &month) || month != current - n)
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
