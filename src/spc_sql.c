/*
 * src/spc_sql.c
 *
 * The SQL area "spc": XmR statistical process control (src/spc.c does the
 * arithmetic).  spc_points() and spc_summary() take a series as two arrays
 * (months and values, any order: they are sorted here) and named options;
 * the aggregate spc(month, value [, improvement, target]) gives the summary
 * of a GROUP BY group.
 *
 * The aggregate's state is a plain double precision[] (parallel query and
 * Citus need no serialisation): {1, improvement, has target, target, n},
 * then (day, value, has value) for each row, with room to grow: the array
 * is as long as its capacity and n says how much is used.  The final
 * function sorts the rows by month; the combine function concatenates.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "sql_util.h"
#include "spc.h"

#define HEADER 5
#define WIDTH 3
#define STATE(a) ((float8 *) ARR_DATA_PTR(a))

typedef struct spc_row
{
	DateADT		day;
	double		value;
	bool		present;
} spc_row;

static int
row_cmp(const void *a, const void *b)
{
	DateADT		x = ((const spc_row *) a)->day;
	DateADT		y = ((const spc_row *) b)->day;

	return (x > y) - (x < y);
}

static int
day_cmp(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a;
	DateADT		y = *(const DateADT *) b;

	return (x > y) - (x < y);
}

static void
report_status(sc_status st, const char *func)
{
	if (st != SC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() options are not valid", func),
				 errhint("improvement is 'high', 'low' or 'neutral'; baseline is at least %d points; shift_run and trend_run are %d to %d.",
						 SC_SPC_MIN_BASELINE, SC_SPC_MIN_RUN, SC_SPC_MAX_RUN)));
}

static int
improvement_arg(text *t, const char *func)
{
	/* no palloc: the aggregate reads it on every row */
	char		name[8];
	int			len = VARSIZE_ANY_EXHDR(t);
	int			improvement;

	if (len >= (int) sizeof name || (memcpy(name, VARDATA_ANY(t), len), name[len] = '\0',
									 sc_spc_parse_improvement(name, &improvement) != SC_OK)
		|| memchr(VARDATA_ANY(t), '\0', len) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() improvement %s is not known", func, shown_text(t)),
				 errhint("Pass 'high' (higher is better), 'low' (lower is better) or 'neutral', as socialcare.kpi.polarity.")));
	return improvement;
}

/* array: the array argument the value comes from, shown in the detail (0: none) */
static void
check_day(DateADT day, const char *func, Datum array)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() month %s is not a finite date", func, date_text(day)),
				 array ? errdetail("The dates are %s.", shown_array(array)) : 0,
				 errhint("Give each point a finite date, such as its month end.")));
}

static void
check_value(double v, const char *func, Datum array)
{
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() value %s is not finite", func, float8out_internal(v)),
				 array ? errdetail("The values are %s.", shown_array(array)) : 0,
				 errhint("Pass NULL for a month without a value; it is a gap in the chart.")));
}

/*
 * Sort the rows, refuse a month given twice, compute.  rebase: sorted days
 * at which a new segment starts (at the first point on or after each).
 */
static sc_spc_point *
compute(spc_row *rows, int n, const DateADT *rebase, int nrebase,
		const sc_spc_options *opt, sc_spc_summary *sum, const char *func, Datum months)
{
	sc_spc_point *pts = palloc0(sizeof(sc_spc_point) * Max(n, 1));
	int			r = 0;

	if (n > SC_SPC_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s() series of %d points is longer than %d", func, n, SC_SPC_MAX_POINTS),
				 errhint("Chart a shorter series: SPC reads months, not rows.")));
	qsort(rows, n, sizeof(spc_row), row_cmp);
	for (int i = 0; i < n; i++)
	{
		if (i > 0 && rows[i].day == rows[i - 1].day)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s() month %s is given twice", func, date_text(rows[i].day)),
					 months ? errdetail("The months are %s.", shown_array(months)) : 0,
					 errhint("Give one value per month: aggregate the rows of a month first.")));
		pts[i].value = rows[i].present ? rows[i].value : 0;
		pts[i].present = rows[i].present;
		while (r < nrebase && rebase[r] <= rows[i].day)
		{
			if (i > 0 && rebase[r] > rows[i - 1].day)
				pts[i].rebase = true;
			r++;
		}
	}
	/* the options were checked by the caller: only values can fail here */
	report_status(sc_spc_check_options(opt), func);
	if (sc_spc_compute(pts, (size_t) n, opt, sum) != SC_OK)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s() values are too large to chart: a mean, moving range or limit overflows", func),
				 errhint("Chart values within about 1e300, such as in thousands.")));
	return pts;
}

static Datum
float_or_null(bool ok, double v, bool *isnull)
{
	*isnull = !ok;
	return ok ? Float8GetDatum(v) : (Datum) 0;
}

static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = s == NULL;
	return s ? CStringGetTextDatum(s) : (Datum) 0;
}

/* The row socialcare.spc_summary. */
static HeapTuple
summary_tuple(TupleDesc tupdesc, const spc_row *rows, const sc_spc_point *pts,
			  const sc_spc_summary *sum, const sc_spc_options *opt)
{
	Datum		v[16];
	bool		nl[16];
	const sc_spc_point *last = sum->points > 0 ? &pts[sum->points - 1] : NULL;
	bool		lim = last && last->has_limits;
	bool		has_centre = false;

	if (tupdesc->natts != 16)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("socialcare.spc_summary has %d columns, not 16", tupdesc->natts),
				 errhint("Update the extension: ALTER EXTENSION socialcare UPDATE.")));
	for (size_t i = 0; last && i < sum->points; i++)
		if (pts[i].segment == last->segment && pts[i].baseline && pts[i].present)
			has_centre = true;
	memset(nl, 0, sizeof nl);
	v[0] = Int32GetDatum((int32) sum->points);
	v[1] = Int32GetDatum((int32) sum->values);
	v[2] = Int32GetDatum((int32) sum->segments);
	v[3] = CStringGetTextDatum(sc_spc_improvement_name(opt->improvement));
	v[4] = float_or_null(has_centre, last ? last->centre : 0, &nl[4]);
	v[5] = float_or_null(lim, lim ? last->mean_range : 0, &nl[5]);
	v[6] = float_or_null(lim, lim ? last->lower : 0, &nl[6]);
	v[7] = float_or_null(lim, lim ? last->upper : 0, &nl[7]);
	v[8] = float_or_null(opt->has_target, opt->target, &nl[8]);
	nl[9] = nl[10] = sum->last < 0;
	v[9] = sum->last < 0 ? (Datum) 0 : DateADTGetDatum(rows[sum->last].day);
	v[10] = sum->last < 0 ? (Datum) 0 : Float8GetDatum(pts[sum->last].value);
	v[11] = text_or_null(sum->last < 0 ? NULL
						 : sc_spc_variation_name(sum->variation, sum->variation_side), &nl[11]);
	v[12] = text_or_null(sc_spc_assurance_name(sum->assurance), &nl[12]);
	v[13] = Int32GetDatum((int32) sum->improvement);
	v[14] = Int32GetDatum((int32) sum->concern);
	v[15] = Int32GetDatum((int32) sum->neutral);
	return heap_form_tuple(tupdesc, v, nl);
}

/* The row type a function returns (set or not), from its pg_proc row, not fn_expr. */
static TupleDesc
result_tupdesc(FunctionCallInfo fcinfo, const char *type)
{
	Oid			rettype = OidIsValid(fcinfo->flinfo->fn_oid)
		? get_func_rettype(fcinfo->flinfo->fn_oid) : InvalidOid;

	if (!OidIsValid(rettype) || !type_is_rowtype(rettype))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("this function must return %s", type),
				 errhint("Call the functions and aggregates of socialcare; their support functions are internal.")));
	return lookup_rowtype_tupdesc_copy(rettype, -1);
}

/*
 * The arguments of spc_points and spc_summary: (month date[], value
 * float8[], improvement, target, baseline, rebase date[], shift_run,
 * trend_run, screen_outliers).  false: no series (NULL arrays).
 */
static bool
array_args(FunctionCallInfo fcinfo, const char *func, spc_row **rows_out, int *n_out,
		   DateADT **rebase_out, int *nrebase_out, sc_spc_options *opt)
{
	Datum	   *md,
			   *vd;
	bool	   *mn,
			   *vn;
	int			nm,
				nv;
	spc_row    *rows;
	const char *names[] = {NULL, NULL, "improvement", NULL, NULL, NULL, "shift_run", "trend_run", "screen_outliers"};

	for (int a = 2; a < 9; a++)
		if (names[a] && PG_ARGISNULL(a))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s() %s is NULL", func, names[a]),
					 errhint("Leave it out for its default.")));
	sc_spc_default_options(opt);
	opt->improvement = improvement_arg(PG_GETARG_TEXT_PP(2), func);
	opt->has_target = !PG_ARGISNULL(3);
	opt->target = opt->has_target ? PG_GETARG_FLOAT8(3) : 0;
	if (opt->has_target && !isfinite(opt->target))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() target %s is not finite", func, float8out_internal(opt->target)),
				 errhint("Pass a finite target, or NULL for none.")));
	opt->baseline = PG_ARGISNULL(4) ? 0 : PG_GETARG_INT32(4);
	if (!PG_ARGISNULL(4) && opt->baseline < SC_SPC_MIN_BASELINE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() baseline %d is fewer than %d points", func, opt->baseline, SC_SPC_MIN_BASELINE),
				 errhint("Pass the number of points the limits are fixed from (MDC suggests at least 12), or NULL for all.")));
	opt->shift_run = PG_GETARG_INT32(6);
	opt->trend_run = PG_GETARG_INT32(7);
	if (opt->shift_run < SC_SPC_MIN_RUN || opt->shift_run > SC_SPC_MAX_RUN
		|| opt->trend_run < SC_SPC_MIN_RUN || opt->trend_run > SC_SPC_MAX_RUN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s() shift_run %d or trend_run %d is out of range", func, opt->shift_run, opt->trend_run),
				 errhint("Pass runs of %d to %d points (MDC and NHSRplotthedots: 7 and 7).", SC_SPC_MIN_RUN, SC_SPC_MAX_RUN)));
	opt->screen_outliers = PG_GETARG_BOOL(8);

	*rebase_out = NULL;
	*nrebase_out = 0;
	if (!PG_ARGISNULL(5))
	{
		Datum	   *rd;
		bool	   *rn;
		int			nr;
		DateADT    *rebase;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(5), DATEOID, 4, true, TYPALIGN_INT, &rd, &rn, &nr);
		rebase = palloc(sizeof(DateADT) * Max(nr, 1));
		for (int i = 0; i < nr; i++)
		{
			if (rn[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("%s() rebase holds a NULL", func),
						 errdetail("rebase is %s.", shown_array(PG_GETARG_DATUM(5))),
						 errhint("List the dates at which the process changed.")));
			rebase[i] = DatumGetDateADT(rd[i]);
			check_day(rebase[i], func, PG_GETARG_DATUM(5));
		}
		qsort(rebase, nr, sizeof(DateADT), day_cmp);
		*rebase_out = rebase;
		*nrebase_out = nr;
	}
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return false;
	for (int a = 0; a < 2; a++)
		if (ARR_NDIM(PG_GETARG_ARRAYTYPE_P(a)) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%s() %s %s has %d dimensions", func, a == 0 ? "month" : "value",
							shown_array(PG_GETARG_DATUM(a)), ARR_NDIM(PG_GETARG_ARRAYTYPE_P(a))),
					 errhint("Pass one-dimensional arrays, as array_agg gives them.")));
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(0), DATEOID, 4, true, TYPALIGN_INT, &md, &mn, &nm);
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(1), FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &vd, &vn, &nv);
	if (nm != nv)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s() has %d months and %d values", func, nm, nv),
				 errdetail("month is %s; value is %s.", shown_array(PG_GETARG_DATUM(0)), shown_array(PG_GETARG_DATUM(1))),
				 errhint("Pass one value (NULL for a gap) per month, as array_agg(month ORDER BY month) and array_agg(value ORDER BY month).")));
	rows = palloc(sizeof(spc_row) * Max(nm, 1));
	for (int i = 0; i < nm; i++)
	{
		if (mn[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s() month %d of %d is NULL", func, i + 1, nm),
					 errdetail("The months are %s.", shown_array(PG_GETARG_DATUM(0))),
					 errhint("Give every value its month; a NULL value, not a NULL month, is a gap.")));
		rows[i].day = DatumGetDateADT(md[i]);
		check_day(rows[i].day, func, PG_GETARG_DATUM(0));
		rows[i].present = !vn[i];
		rows[i].value = vn[i] ? 0 : DatumGetFloat8(vd[i]);
		if (rows[i].present)
			check_value(rows[i].value, func, PG_GETARG_DATUM(1));
	}
	*rows_out = rows;
	*n_out = nm;
	return true;
}

static const char *
direction_name(int d)
{
	return d > 0 ? "high" : d < 0 ? "low" : NULL;
}

PG_FUNCTION_INFO_V1(sc_spc_points);

/* spc_points(...): one row socialcare.spc_point per month, in month order. */
Datum
sc_spc_points(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	spc_row    *rows;
	int			n;
	DateADT    *rebase;
	int			nrebase;
	sc_spc_options opt;
	sc_spc_summary sum;
	sc_spc_point *pts;

	InitMaterializedSRF(fcinfo, 0);
	if (!array_args(fcinfo, "spc_points", &rows, &n, &rebase, &nrebase, &opt))
		return (Datum) 0;
	pts = compute(rows, n, rebase, nrebase, &opt, &sum, "spc_points", PG_GETARG_DATUM(0));
	if (rsinfo->setDesc->natts != 17)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("socialcare.spc_point has %d columns, not 17", rsinfo->setDesc->natts),
				 errhint("Update the extension: ALTER EXTENSION socialcare UPDATE.")));
	for (int i = 0; i < n; i++)
	{
		const sc_spc_point *q = &pts[i];
		Datum		v[17];
		bool		nl[17];
		bool		has_centre = false;

		for (int j = i; j >= 0 && pts[j].segment == q->segment && !has_centre; j--)
			has_centre = pts[j].baseline && pts[j].present;
		for (int j = i + 1; j < n && pts[j].segment == q->segment && !has_centre; j++)
			has_centre = pts[j].baseline && pts[j].present;
		memset(nl, 0, sizeof nl);
		v[0] = DateADTGetDatum(rows[i].day);
		v[1] = float_or_null(q->present, q->value, &nl[1]);
		v[2] = Int32GetDatum(q->segment);
		v[3] = BoolGetDatum(q->baseline);
		v[4] = float_or_null(has_centre, q->centre, &nl[4]);
		v[5] = float_or_null(q->has_limits, q->mean_range, &nl[5]);
		v[6] = float_or_null(q->has_limits, q->lower, &nl[6]);
		v[7] = float_or_null(q->has_limits, q->upper, &nl[7]);
		v[8] = float_or_null(q->has_limits, q->lower2, &nl[8]);
		v[9] = float_or_null(q->has_limits, q->upper2, &nl[9]);
		v[10] = float_or_null(q->has_range, q->range, &nl[10]);
		v[11] = BoolGetDatum(q->beyond);
		v[12] = BoolGetDatum(q->trend);
		v[13] = BoolGetDatum(q->two_of_three);
		v[14] = BoolGetDatum(q->shift);
		v[15] = text_or_null(q->rule == SC_SPC_RULE_NONE ? NULL : direction_name(q->direction), &nl[15]);
		v[16] = text_or_null(q->cause == SC_SPC_COMMON ? NULL : sc_spc_cause_name(q->cause), &nl[16]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, nl);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(sc_spc_summary_fn);

/* spc_summary(...): the series' socialcare.spc_summary (NULL arrays: NULL). */
Datum
sc_spc_summary_fn(PG_FUNCTION_ARGS)
{
	spc_row    *rows;
	int			n;
	DateADT    *rebase;
	int			nrebase;
	sc_spc_options opt;
	sc_spc_summary sum;
	sc_spc_point *pts;
	TupleDesc	tupdesc = result_tupdesc(fcinfo, "socialcare.spc_summary");

	if (!array_args(fcinfo, "spc_summary", &rows, &n, &rebase, &nrebase, &opt))
		PG_RETURN_NULL();
	pts = compute(rows, n, rebase, nrebase, &opt, &sum, "spc_summary", PG_GETARG_DATUM(0));
	PG_RETURN_DATUM(HeapTupleGetDatum(summary_tuple(tupdesc, rows, pts, &sum, &opt)));
}

/* The aggregate spc(month, value [, improvement, target]). */

static const char *
state_problem(ArrayType *a)
{
	float8	   *s;
	int			len;

	if (ARR_NDIM(a) != 1 || ARR_HASNULL(a) || ARR_ELEMTYPE(a) != FLOAT8OID
		|| (len = ARR_DIMS(a)[0]) < HEADER)
		return "it is not a one-dimensional double precision array with a header";
	s = STATE(a);
	if (s[0] != 1 || (s[1] != -1 && s[1] != 0 && s[1] != 1) || (s[2] != 0 && s[2] != 1)
		|| !isfinite(s[3]) || s[4] < 0 || s[4] != floor(s[4])
		|| s[4] > (double) (len - HEADER) / WIDTH)
		return "its header is not valid";
	for (int i = 0; i < (int) s[4]; i++)
	{
		float8	   *r = s + HEADER + WIDTH * i;

		if (r[0] != floor(r[0]) || r[0] <= (double) DATEVAL_NOBEGIN || r[0] >= (double) DATEVAL_NOEND
			|| (r[2] != 0 && r[2] != 1) || !isfinite(r[1]))
			return "a row is not valid";
	}
	return NULL;
}

static ArrayType *
checked_state(FunctionCallInfo fcinfo, int argno)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(argno);
	const char *problem = state_problem(a);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("spc state is not valid: %s", problem),
				 errdetail("The state given is %s.", shown_array(PointerGetDatum(a))),
				 errhint("Use the aggregate socialcare.spc; its support functions are internal.")));
	return a;
}

static ArrayType *
new_state(MemoryContext cxt, int capacity, const float8 *header)
{
	int			len = HEADER + WIDTH * capacity;
	Size		bytes = ARR_OVERHEAD_NONULLS(1) + sizeof(float8) * len;
	ArrayType  *a = (ArrayType *) MemoryContextAllocZero(cxt, bytes);

	SET_VARSIZE(a, bytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = FLOAT8OID;
	ARR_DIMS(a)[0] = len;
	ARR_LBOUND(a)[0] = 1;
	memcpy(STATE(a), header, sizeof(float8) * HEADER);
	return a;
}

static void
options_changed(const float8 *had, const float8 *now)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("spc() improvement or target changed within a group: %s and %s, then %s and %s",
					sc_spc_improvement_name((int) had[1]), had[2] ? float8out_internal(had[3]) : "no target",
					sc_spc_improvement_name((int) now[1]), now[2] ? float8out_internal(now[3]) : "no target"),
			 errhint("Pass one improvement and target per group, such as the KPI's polarity and target.")));
}

PG_FUNCTION_INFO_V1(sc_spc_accum);
PG_FUNCTION_INFO_V1(sc_spc_accum_ts);
PG_FUNCTION_INFO_V1(sc_spc_accum_tstz);

/*
 * (state, month, value [, improvement, target]); month a date, a timestamp
 * (its date) or a timestamptz (its day in the session's time zone).
 */
static Datum
spc_accum(FunctionCallInfo fcinfo, ScDayType month_type)
{
	MemoryContext aggcontext;
	ArrayType  *state;
	float8		header[HEADER] = {1, 0, 0, 0, 0};
	float8	   *s;
	int			n;
	DateADT		day;

	bool		in_agg = AggCheckCallContext(fcinfo, &aggcontext);

	/*
	 * Called directly (Citus's worker wrapper, or a user), the state is
	 * anyone's: checked in full and never written in place.
	 */
	if (!in_agg)
		aggcontext = CurrentMemoryContext;
	if (PG_NARGS() > 3)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("spc() improvement is NULL"),
					 errhint("Pass 'high', 'low' or 'neutral', such as the KPI's polarity.")));
		header[1] = improvement_arg(PG_GETARG_TEXT_PP(3), "spc");
		header[2] = !PG_ARGISNULL(4);
		header[3] = PG_ARGISNULL(4) ? 0 : PG_GETARG_FLOAT8(4);
		if (!isfinite(header[3]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("spc() target %s is not finite", float8out_internal(header[3])),
					 errhint("Pass a finite target, or NULL for none.")));
	}
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("spc() month is NULL"),
				 errhint("Give every value its month; a NULL value, not a NULL month, is a gap.")));
	day = sc_day_of(PG_GETARG_DATUM(1), month_type);
	check_day(day, "spc", (Datum) 0);
	if (!PG_ARGISNULL(2))
		check_value(PG_GETARG_FLOAT8(2), "spc", (Datum) 0);

	if (PG_ARGISNULL(0))
		state = new_state(aggcontext, 16, header);
	else
	{
		state = in_agg ? PG_GETARG_ARRAYTYPE_P(0) : checked_state(fcinfo, 0);
		if (ARR_NDIM(state) != 1 || ARR_HASNULL(state) || ARR_ELEMTYPE(state) != FLOAT8OID
			|| ARR_DIMS(state)[0] < HEADER)
			checked_state(fcinfo, 0);	/* reports the error */
		s = STATE(state);
		if (s[1] != header[1] || s[2] != header[2] || s[3] != header[3])
			options_changed(s, header);
	}
	s = STATE(state);
	n = (int) s[4];
	if (n < 0 || HEADER + WIDTH * n > ARR_DIMS(state)[0])
		checked_state(fcinfo, 0);	/* reports the error */
	if (HEADER + WIDTH * (n + 1) > ARR_DIMS(state)[0] || (!in_agg && !PG_ARGISNULL(0)))
	{
		ArrayType  *grown;

		if (n >= SC_SPC_MAX_POINTS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("spc() series is longer than %d points", SC_SPC_MAX_POINTS),
					 errhint("Chart a shorter series: SPC reads months, not rows.")));
		/* doubling from 16 rows: 64 rows (five years) fit a 2 kB chunk */
		grown = new_state(aggcontext, n * 2, s);
		memcpy(STATE(grown) + HEADER, s + HEADER, sizeof(float8) * WIDTH * n);
		/* the executor frees the old state when we return another */
		state = grown;
		s = STATE(state);
	}
	s[HEADER + WIDTH * n] = day;
	s[HEADER + WIDTH * n + 1] = PG_ARGISNULL(2) ? 0 : PG_GETARG_FLOAT8(2);
	s[HEADER + WIDTH * n + 2] = PG_ARGISNULL(2) ? 0 : 1;
	s[4] = n + 1;
	PG_RETURN_ARRAYTYPE_P(state);
}

Datum
sc_spc_accum(PG_FUNCTION_ARGS)
{
	return spc_accum(fcinfo, SC_DAY_DATE);
}

Datum
sc_spc_accum_ts(PG_FUNCTION_ARGS)
{
	return spc_accum(fcinfo, SC_DAY_TIMESTAMP);
}

Datum
sc_spc_accum_tstz(PG_FUNCTION_ARGS)
{
	return spc_accum(fcinfo, SC_DAY_TIMESTAMPTZ);
}

PG_FUNCTION_INFO_V1(sc_spc_combine);

/* Both states' rows, in a new state (the final function sorts). */
Datum
sc_spc_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	ArrayType  *a = checked_state(fcinfo, 0);
	ArrayType  *b = checked_state(fcinfo, 1);
	float8	   *sa = STATE(a),
			   *sb = STATE(b);
	int			na = (int) sa[4],
				nb = (int) sb[4];
	ArrayType  *c;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		aggcontext = CurrentMemoryContext;
	if (sa[1] != sb[1] || sa[2] != sb[2] || sa[3] != sb[3])
		options_changed(sa, sb);
	if (na + nb > SC_SPC_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("spc() series is longer than %d points", SC_SPC_MAX_POINTS),
				 errhint("Chart a shorter series: SPC reads months, not rows.")));
	c = new_state(aggcontext, na + nb, sa);
	memcpy(STATE(c) + HEADER, sa + HEADER, sizeof(float8) * WIDTH * na);
	memcpy(STATE(c) + HEADER + WIDTH * na, sb + HEADER, sizeof(float8) * WIDTH * nb);
	STATE(c)[4] = na + nb;
	PG_RETURN_ARRAYTYPE_P(c);
}

PG_FUNCTION_INFO_V1(sc_spc_final);

Datum
sc_spc_final(PG_FUNCTION_ARGS)
{
	ArrayType  *a = checked_state(fcinfo, 0);
	float8	   *s = STATE(a);
	int			n = (int) s[4];
	spc_row    *rows = palloc(sizeof(spc_row) * Max(n, 1));
	sc_spc_options opt;
	sc_spc_summary sum;
	sc_spc_point *pts;
	TupleDesc	tupdesc = result_tupdesc(fcinfo, "socialcare.spc_summary");

	sc_spc_default_options(&opt);
	opt.improvement = (int) s[1];
	opt.has_target = s[2] != 0;
	opt.target = s[3];
	for (int i = 0; i < n; i++)
	{
		rows[i].day = (DateADT) s[HEADER + WIDTH * i];
		rows[i].value = s[HEADER + WIDTH * i + 1];
		rows[i].present = s[HEADER + WIDTH * i + 2] != 0;
	}
	pts = compute(rows, n, NULL, 0, &opt, &sum, "spc", (Datum) 0);
	PG_RETURN_DATUM(HeapTupleGetDatum(summary_tuple(tupdesc, rows, pts, &sum, &opt)));
}
