/*
 * src/funnel_sql.c
 *
 * The SQL area "funnel": funnel-plot limits (funnel_limits, funnel_limit,
 * the set-returning funnel_curve), each unit's position (funnel_side,
 * funnel_significance), its z-score (funnel_z) and the aggregate
 * funnel_baseline (centre and Spiegelhalter's overdispersion over all
 * units).  Every computation is src/funnel.c's; this file converts types
 * and reports errors.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "sql_util.h"
#include "funnel.h"

PG_FUNCTION_INFO_V1(sc_funnel_limits_sql);
PG_FUNCTION_INFO_V1(sc_funnel_limit);
PG_FUNCTION_INFO_V1(sc_funnel_curve);
PG_FUNCTION_INFO_V1(sc_funnel_side_sql);
PG_FUNCTION_INFO_V1(sc_funnel_significance);
PG_FUNCTION_INFO_V1(sc_funnel_z_sql);
PG_FUNCTION_INFO_V1(sc_funnel_baseline_accum);
PG_FUNCTION_INFO_V1(sc_funnel_baseline_combine);
PG_FUNCTION_INFO_V1(sc_funnel_baseline_final);

/*
 * Whether an argument other than the method is NULL: these functions are
 * not STRICT only so that a NULL method means the kind's default.
 */
static bool
null_input(FunctionCallInfo fcinfo, int method_arg)
{
	for (int i = 0; i < PG_NARGS(); i++)
		if (i != method_arg && PG_ARGISNULL(i))
			return true;
	return false;
}

static Datum sc_funnel_limits_sql_body(FunctionCallInfo fcinfo);
static Datum sc_funnel_limit_body(FunctionCallInfo fcinfo);
static Datum sc_funnel_side_sql_body(FunctionCallInfo fcinfo);
static Datum sc_funnel_significance_body(FunctionCallInfo fcinfo);

static const char *const kind_names[] = {"proportion", "rate", "ratio"};
static const char *const method_names[] = {"wilson", "exact", "byars"};

/* Labels of assign_funnel_significance, PHEindicatormethods' own words. */
#define LABEL_HIGH_3 "High (0.001)"
#define LABEL_HIGH_2 "High (0.025)"
#define LABEL_LOW_3 "Low (0.001)"
#define LABEL_LOW_2 "Low (0.025)"
#define LABEL_NONE "Not significant"

/* The two levels PHE draws: 2 and 3 sigma, 95% and 99.8%. */
#define LEVEL_95 0.95
#define LEVEL_998 0.998

static sc_funnel_kind
kind_of(text *word)
{
	char	   *s = text_to_cstring(word);

	for (int i = 0; i < 3; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (sc_funnel_kind) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown funnel kind %s", shown_text(word)),
			 errhint("kind is 'proportion' (numerator of denominator), 'rate' (events per unit of denominator) or 'ratio' (observed / expected events).")));
	return SC_FUNNEL_PROPORTION;	/* keep the compiler quiet */
}

/* The method by name, or the kind's default (Wilson, exact) for NULL. */
static sc_funnel_method
method_of(FunctionCallInfo fcinfo, int arg, sc_funnel_kind kind)
{
	char	   *s;

	if (PG_ARGISNULL(arg))
		return kind == SC_FUNNEL_PROPORTION ? SC_FUNNEL_WILSON : SC_FUNNEL_EXACT;
	s = text_to_cstring(PG_GETARG_TEXT_PP(arg));
	for (int i = 0; i < 3; i++)
		if (strcmp(s, method_names[i]) == 0 && sc_funnel_has_method(kind, (sc_funnel_method) i))
			return (sc_funnel_method) i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown method %s for a funnel of kind %s",
					shown_text(PG_GETARG_TEXT_PP(arg)), kind_names[kind]),
			 errhint(kind == SC_FUNNEL_PROPORTION
					 ? "Proportions take method 'wilson' (the default, as PHEindicatormethods) or 'exact' (binomial)."
					 : "Rates and ratios take method 'exact' (Poisson, the default, as PHEindicatormethods) or 'byars' (Byar's from 10 events).")));
	return SC_FUNNEL_EXACT;		/* keep the compiler quiet */
}


/* The arguments' domain, or an error naming the value outside it. */
static void
check_args(sc_funnel_kind kind, double numerator, double denominator, double centre,
		   sc_funnel_spread spread)
{
	switch (sc_funnel_check(kind, numerator, denominator, centre, 0.5, spread))
	{
		case 0:
			return;
		case 1:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel numerator %s must be a finite number, zero or more", float8out_internal(numerator)),
					 errhint("The numerator counts events or cases: check the query that produced this one.")));
			break;
		case 2:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel denominator %s must be a finite number greater than zero", float8out_internal(denominator)),
					 errhint("A unit with no population or no expected events has no place on a funnel plot: leave it out (WHERE denominator > 0).")));
			break;
		case 3:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel centre %s is out of range for a %s", float8out_internal(centre), kind_names[kind]),
					 errhint(kind == SC_FUNNEL_PROPORTION
							 ? "The centre of a proportion funnel is a fraction from 0 to 1 (0.25, not 25)."
							 : "The centre of a rate or ratio funnel is zero or more (a ratio's is usually 1).")));
			break;
		case 5:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("overdispersion phi %s must be a finite number greater than zero", float8out_internal(spread.phi)),
					 errhint("Give 1 for none, or the phi of socialcare.funnel_baseline().")));
			break;
		case 6:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("overdispersion tau2 %s must be a finite number, zero or more", float8out_internal(spread.tau2)),
					 errhint("Give 0 for none, or the tau2 of socialcare.funnel_baseline().")));
			break;
		case 7:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel numerator %s is greater than its denominator %s", float8out_internal(numerator), float8out_internal(denominator)),
					 errhint("A proportion counts part of a whole: check that the numerator is a subset of the denominator, or use kind 'rate'.")));
			break;
		default:
			elog(ERROR, "unexpected funnel argument check");
	}
}

/* A numerator, which the core's check skips when NaN. */
static void
check_numerator(double numerator)
{
	if (isnan(numerator))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel numerator %s must be a finite number, zero or more", float8out_internal(numerator)),
				 errhint("The numerator counts events or cases: check the query that produced this one.")));
}

/* A status the checks above let through: the exact methods' reach. */
static void
check_status(sc_status status, double denominator)
{
	if (status == SC_OK)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("funnel denominator %s is beyond the exact method's reach", float8out_internal(denominator)),
			 errhint("The exact methods take up to 1e12 cases or expected events; use method 'wilson' or 'byars' beyond.")));
}

static sc_funnel_spread
spread_of(FunctionCallInfo fcinfo, int arg)
{
	sc_funnel_spread spread;

	spread.phi = PG_GETARG_FLOAT8(arg);
	spread.tau2 = PG_GETARG_FLOAT8(arg + 1);
	return spread;
}

static sc_interval
limits_at(sc_funnel_kind kind, sc_funnel_method method, double centre, double denominator,
		  double confidence, sc_funnel_spread spread)
{
	sc_interval out;

	check_status(sc_funnel_limits(kind, method, centre, denominator, confidence, spread, &out),
				 denominator);
	return out;
}

/* The four limits, 99.8% and 95%, as one row. */
static HeapTuple
limits_tuple(TupleDesc desc, sc_funnel_kind kind, sc_funnel_method method,
			 double centre, double denominator, sc_funnel_spread spread, int first)
{
	sc_interval l95 = limits_at(kind, method, centre, denominator, LEVEL_95, spread);
	sc_interval l998 = limits_at(kind, method, centre, denominator, LEVEL_998, spread);
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (first == 1)
		values[0] = Float8GetDatum(denominator);
	values[first + 0] = Float8GetDatum(l998.lower);
	values[first + 1] = Float8GetDatum(l95.lower);
	values[first + 2] = Float8GetDatum(l95.upper);
	values[first + 3] = Float8GetDatum(l998.upper);
	return heap_form_tuple(desc, values, nulls);
}

/*
 * The row type of the result, blessed; kept in fn_extra across calls of a
 * scalar function (it depends on the function alone, not on the call).
 * funnel_curve (whose fn_extra is the SRF's) and the aggregate's final
 * function (which Citus calls without fn_extra kept) pass cache = false:
 * the descriptor is then in the current memory context.
 */
static TupleDesc
result_desc_of(FunctionCallInfo fcinfo, bool cache)
{
	TupleDesc	desc;
	MemoryContext old;

	if (cache && fcinfo->flinfo->fn_extra != NULL)
		return (TupleDesc) fcinfo->flinfo->fn_extra;
	old = MemoryContextSwitchTo(cache ? fcinfo->flinfo->fn_mcxt : CurrentMemoryContext);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "funnel function must return a row");
	desc = BlessTupleDesc(desc);
	MemoryContextSwitchTo(old);
	if (cache)
		fcinfo->flinfo->fn_extra = desc;
	return desc;
}

static TupleDesc
result_desc(FunctionCallInfo fcinfo)
{
	return result_desc_of(fcinfo, true);
}

/*
 * funnel_limits(centre, denominator, kind, method, phi, tau2): lower_998,
 * lower_95, upper_95, upper_998.
 */
Datum
sc_funnel_limits_sql(PG_FUNCTION_ARGS)
{
	if (null_input(fcinfo, 3))
		PG_RETURN_NULL();
	return sc_funnel_limits_sql_body(fcinfo);
}

static Datum
sc_funnel_limits_sql_body(FunctionCallInfo fcinfo)
{
	double		centre = PG_GETARG_FLOAT8(0);
	double		denominator = PG_GETARG_FLOAT8(1);
	sc_funnel_kind kind = kind_of(PG_GETARG_TEXT_PP(2));
	sc_funnel_method method = method_of(fcinfo, 3, kind);
	sc_funnel_spread spread = spread_of(fcinfo, 4);

	check_args(kind, NAN, denominator, centre, spread);
	PG_RETURN_DATUM(HeapTupleGetDatum(limits_tuple(result_desc(fcinfo), kind, method,
												   centre, denominator, spread, 0)));
}

/* funnel_limit(centre, denominator, confidence, kind, method, phi, tau2): lower, upper. */
Datum
sc_funnel_limit(PG_FUNCTION_ARGS)
{
	if (null_input(fcinfo, 4))
		PG_RETURN_NULL();
	return sc_funnel_limit_body(fcinfo);
}

static Datum
sc_funnel_limit_body(FunctionCallInfo fcinfo)
{
	double		centre = PG_GETARG_FLOAT8(0);
	double		denominator = PG_GETARG_FLOAT8(1);
	double		confidence = checked_confidence(PG_GETARG_FLOAT8(2));
	sc_funnel_kind kind = kind_of(PG_GETARG_TEXT_PP(3));
	sc_funnel_method method = method_of(fcinfo, 4, kind);
	sc_funnel_spread spread = spread_of(fcinfo, 5);
	sc_interval l;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	check_args(kind, NAN, denominator, centre, spread);
	l = limits_at(kind, method, centre, denominator, confidence, spread);
	values[0] = Float8GetDatum(l.lower);
	values[1] = Float8GetDatum(l.upper);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(result_desc(fcinfo), values, nulls)));
}

/*
 * funnel_curve(centre, from_denominator, to_denominator, points, kind,
 * method, phi, tau2): the limits at points denominators spaced evenly on
 * a log scale from one to the other, for drawing.
 */
typedef struct curve_state
{
	double		centre;
	double		from;
	double		to;
	int32		points;
	sc_funnel_kind kind;
	sc_funnel_method method;
	sc_funnel_spread spread;
} curve_state;

Datum
sc_funnel_curve(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	curve_state *st;

	if (SRF_IS_FIRSTCALL() && null_input(fcinfo, 5))
	{
		fctx = SRF_FIRSTCALL_INIT();
		fctx = SRF_PERCALL_SETUP();
		SRF_RETURN_DONE(fctx);
	}
	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		int32		points = PG_GETARG_INT32(3);
		sc_funnel_kind kind = kind_of(PG_GETARG_TEXT_PP(4));

		fctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
		st = palloc(sizeof(curve_state));
		st->centre = PG_GETARG_FLOAT8(0);
		st->from = PG_GETARG_FLOAT8(1);
		st->to = PG_GETARG_FLOAT8(2);
		st->points = points;
		st->kind = kind;
		st->method = method_of(fcinfo, 5, kind);
		st->spread = spread_of(fcinfo, 6);
		fctx->tuple_desc = result_desc_of(fcinfo, false);
		MemoryContextSwitchTo(old);
		check_args(kind, NAN, st->from, st->centre, st->spread);
		check_args(kind, NAN, st->to, st->centre, st->spread);
		if (st->to < st->from)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel curve from denominator %s to %s runs backwards", float8out_internal(st->from), float8out_internal(st->to)),
					 errhint("Give the smallest denominator first.")));
		if (points < 2 || points > 100000)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("funnel curve points %d is out of range", points),
					 errhint("Draw from 2 to 100000 points (PHEindicatormethods draws 100).")));
		fctx->user_fctx = st;
		fctx->max_calls = points;
	}
	fctx = SRF_PERCALL_SETUP();
	st = fctx->user_fctx;
	if (fctx->call_cntr < fctx->max_calls)
	{
		double		d = sc_funnel_curve_denominator(st->from, st->to, st->points,
													(int) fctx->call_cntr);

		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(limits_tuple(fctx->tuple_desc, st->kind, st->method,
															 st->centre, d, st->spread, 1)));
	}
	SRF_RETURN_DONE(fctx);
}

static int
side_at(sc_funnel_kind kind, sc_funnel_method method, double numerator, double denominator,
		double centre, double confidence, sc_funnel_spread spread)
{
	int			side = 0;

	check_status(sc_funnel_side(kind, method, numerator, denominator, centre, confidence,
								spread, &side), denominator);
	return side;
}

/*
 * funnel_side(numerator, denominator, centre, confidence, kind, method,
 * phi, tau2): 1 above the upper limit, -1 below the lower, 0 within.
 */
Datum
sc_funnel_side_sql(PG_FUNCTION_ARGS)
{
	if (null_input(fcinfo, 5))
		PG_RETURN_NULL();
	return sc_funnel_side_sql_body(fcinfo);
}

static Datum
sc_funnel_side_sql_body(FunctionCallInfo fcinfo)
{
	double		numerator = PG_GETARG_FLOAT8(0);
	double		denominator = PG_GETARG_FLOAT8(1);
	double		centre = PG_GETARG_FLOAT8(2);
	double		confidence = checked_confidence(PG_GETARG_FLOAT8(3));
	sc_funnel_kind kind = kind_of(PG_GETARG_TEXT_PP(4));
	sc_funnel_method method = method_of(fcinfo, 5, kind);
	sc_funnel_spread spread = spread_of(fcinfo, 6);

	check_numerator(numerator);
	check_args(kind, numerator, denominator, centre, spread);
	PG_RETURN_INT32(side_at(kind, method, numerator, denominator, centre, confidence, spread));
}

/*
 * funnel_significance(numerator, denominator, centre, kind, method, phi,
 * tau2): assign_funnel_significance's label.
 */
Datum
sc_funnel_significance(PG_FUNCTION_ARGS)
{
	if (null_input(fcinfo, 4))
		PG_RETURN_NULL();
	return sc_funnel_significance_body(fcinfo);
}

static Datum
sc_funnel_significance_body(FunctionCallInfo fcinfo)
{
	double		numerator = PG_GETARG_FLOAT8(0);
	double		denominator = PG_GETARG_FLOAT8(1);
	double		centre = PG_GETARG_FLOAT8(2);
	sc_funnel_kind kind = kind_of(PG_GETARG_TEXT_PP(3));
	sc_funnel_method method = method_of(fcinfo, 4, kind);
	sc_funnel_spread spread = spread_of(fcinfo, 5);
	int			s3;
	const char *label;

	check_numerator(numerator);
	check_args(kind, numerator, denominator, centre, spread);
	s3 = side_at(kind, method, numerator, denominator, centre, LEVEL_998, spread);
	if (s3 != 0)
		label = s3 > 0 ? LABEL_HIGH_3 : LABEL_LOW_3;
	else
	{
		int			s2 = side_at(kind, method, numerator, denominator, centre, LEVEL_95, spread);

		label = s2 > 0 ? LABEL_HIGH_2 : s2 < 0 ? LABEL_LOW_2 : LABEL_NONE;
	}
	PG_RETURN_TEXT_P(cstring_to_text(label));
}

/* funnel_z(numerator, denominator, centre, kind): Spiegelhalter's z-score. */
Datum
sc_funnel_z_sql(PG_FUNCTION_ARGS)
{
	double		numerator = PG_GETARG_FLOAT8(0);
	double		denominator = PG_GETARG_FLOAT8(1);
	double		centre = PG_GETARG_FLOAT8(2);
	sc_funnel_kind kind = kind_of(PG_GETARG_TEXT_PP(3));
	sc_funnel_spread none = {1.0, 0.0};

	double		z;

	check_numerator(numerator);
	check_args(kind, numerator, denominator, centre, none);
	z = sc_funnel_z(kind, numerator, denominator, centre);
	if (!isfinite(z))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("funnel z-score of %s over %s has no finite value at centre %s",
						float8out_internal(numerator), float8out_internal(denominator), float8out_internal(centre)),
				 errhint("At a centre with no variance (0, or 1 for a proportion) or a denominator too small for it, a unit has no z-score: compare it with funnel_side instead.")));
	PG_RETURN_FLOAT8(z);
}

/*
 * The aggregate funnel_baseline(numerator, denominator [, kind [, centre]]).
 * Its state is a plain float8[]: the kind's number, the centre given (NaN
 * for none), then each unit's numerator and denominator.  It grows as an
 * expanded array in the aggregate's memory, a row costing two appends, as
 * the sparkline aggregates do; the combine function checks the two heads
 * agree and appends the second's units.
 */
#define HEAD 2

static void
not_a_state(Datum state)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("funnel_baseline state %s is not a funnel state", shown_array(state)),
			 errhint("Use the aggregate socialcare.funnel_baseline(numerator, denominator, kind, centre); its support functions are internal.")));
}

static void
mixed_units(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("funnel_baseline was given different kinds or centres in one group"),
			 errhint("Give one kind and one centre (or NULL) for all the units of a funnel.")));
}

static Datum
append_float8(ExpandedArrayHeader *eah, double value)
{
	int			indx = 1;

	if (eah->ndims == 1 && pg_add_s32_overflow(eah->lbound[0], eah->dims[0], &indx))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("funnel_baseline has no room for another unit"),
				 errhint("A funnel takes up to half a billion units.")));
	return array_set_element(EOHPGetRWDatum(&eah->hdr), 1, &indx, Float8GetDatum(value),
							 false, -1, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

Datum
sc_funnel_baseline_accum(PG_FUNCTION_ARGS)
{
	ArrayMetaState meta = {0};
	MemoryContext aggcxt;
	ExpandedArrayHeader *eah;
	sc_funnel_kind kind = PG_NARGS() > 3 && !PG_ARGISNULL(3)
		? kind_of(PG_GETARG_TEXT_PP(3)) : SC_FUNNEL_PROPORTION;
	double		centre = PG_NARGS() > 4 && !PG_ARGISNULL(4) ? PG_GETARG_FLOAT8(4) : NAN;
	sc_funnel_spread none = {1.0, 0.0};
	Datum		state;
	double		numerator,
				denominator;

	if (PG_NARGS() > 3 && PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("funnel_baseline kind must not be NULL"),
				 errhint("kind is 'proportion', 'rate' or 'ratio'.")));
	meta.element_type = FLOAT8OID;
	meta.typlen = sizeof(float8);
	meta.typbyval = FLOAT8PASSBYVAL;
	meta.typalign = TYPALIGN_DOUBLE;
	if (!AggCheckCallContext(fcinfo, &aggcxt))
		aggcxt = CurrentMemoryContext;
	if (!isnan(centre))
		check_args(kind, NAN, 1.0, centre, none);
	if (PG_ARGISNULL(0))
	{
		eah = construct_empty_expanded_array(FLOAT8OID, aggcxt, &meta);
		state = append_float8(eah, (double) kind);
		eah = DatumGetExpandedArray(state);
		state = append_float8(eah, centre);
	}
	else
	{
		MemoryContext old = MemoryContextSwitchTo(aggcxt);

		eah = PG_GETARG_EXPANDED_ARRAYX(0, &meta);
		MemoryContextSwitchTo(old);
		if (eah->element_type != FLOAT8OID || eah->ndims != 1 || eah->dims[0] < HEAD)
			not_a_state(PG_GETARG_DATUM(0));
		state = EOHPGetRWDatum(&eah->hdr);
		{
			bool		isnull;
			int			i1 = 1,
						i2 = 2;
			double		k = DatumGetFloat8(array_get_element(state, 1, &i1, -1, sizeof(float8),
															 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &isnull));
			double		c = DatumGetFloat8(array_get_element(state, 1, &i2, -1, sizeof(float8),
															 FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &isnull));

			if (k != (double) kind || !(c == centre || (isnan(c) && isnan(centre))))
				mixed_units();
		}
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_DATUM(state);
	numerator = PG_GETARG_FLOAT8(1);
	denominator = PG_GETARG_FLOAT8(2);
	check_numerator(numerator);
	check_args(kind, numerator, denominator, isnan(centre) ? 0.0 : centre, none);
	state = append_float8(DatumGetExpandedArray(state), numerator);
	state = append_float8(DatumGetExpandedArray(state), denominator);
	PG_RETURN_DATUM(state);
}

/* The state's values, checked: its head, then whole units. */
static double *
state_values(Datum state, int *count)
{
	ArrayType  *a = DatumGetArrayTypeP(state);
	int			n;

	if (ARR_ELEMTYPE(a) != FLOAT8OID || ARR_NDIM(a) != 1 || ARR_HASNULL(a)
		|| (n = ARR_DIMS(a)[0]) < HEAD || (n - HEAD) % 2 != 0)
		not_a_state(state);
	*count = n;
	return (double *) ARR_DATA_PTR(a);
}

Datum
sc_funnel_baseline_combine(PG_FUNCTION_ARGS)
{
	double	   *v1,
			   *v2;
	int			n1,
				n2;
	ArrayType  *r;

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
	{
		int			i = PG_ARGISNULL(0) ? 1 : 0;

		(void) state_values(PG_GETARG_DATUM(i), &n1);
		PG_RETURN_DATUM(PG_GETARG_DATUM(i));
	}
	v1 = state_values(PG_GETARG_DATUM(0), &n1);
	v2 = state_values(PG_GETARG_DATUM(1), &n2);
	if (v1[0] != v2[0] || !(v1[1] == v2[1] || (isnan(v1[1]) && isnan(v2[1]))))
		mixed_units();
	{
		MemoryContext aggcxt;
		MemoryContext old;
		Datum	   *elems;

		if (!AggCheckCallContext(fcinfo, &aggcxt))
			aggcxt = CurrentMemoryContext;
		old = MemoryContextSwitchTo(aggcxt);
		elems = palloc(sizeof(Datum) * (n1 + n2 - HEAD));
		for (int i = 0; i < n1; i++)
			elems[i] = Float8GetDatum(v1[i]);
		for (int i = HEAD; i < n2; i++)
			elems[n1 + i - HEAD] = Float8GetDatum(v2[i]);
		r = construct_array(elems, n1 + n2 - HEAD, FLOAT8OID, sizeof(float8),
							FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
		pfree(elems);
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_ARRAYTYPE_P(r);
}

/*
 * The final function: centre (the one given, else sum of numerators over
 * sum of denominators, and 1 for ratios as PHE), units, phi and tau2 (NULL
 * when the centre has no variance).  NULL for no units.
 */
Datum
sc_funnel_baseline_final(PG_FUNCTION_ARGS)
{
	double	   *v;
	int			n;
	int			units;
	sc_funnel_kind kind;
	double		centre;
	double	   *num,
			   *den,
			   *scratch;
	double		sum_num = 0.0,
				sum_den = 0.0,
				phi = 0.0,
				tau2 = 0.0;
	sc_status	status;
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	v = state_values(PG_GETARG_DATUM(0), &n);
	units = (n - HEAD) / 2;
	if (units == 0)
		PG_RETURN_NULL();
	if (!(v[0] == 0.0 || v[0] == 1.0 || v[0] == 2.0))
		not_a_state(PG_GETARG_DATUM(0));
	kind = (sc_funnel_kind) (int) v[0];
	num = palloc(sizeof(double) * units);
	den = palloc(sizeof(double) * units);
	scratch = palloc(sizeof(double) * units);
	for (int i = 0; i < units; i++)
	{
		num[i] = v[HEAD + 2 * i];
		den[i] = v[HEAD + 2 * i + 1];
		sum_num += num[i];
		sum_den += den[i];
	}
	centre = !isnan(v[1]) ? v[1] : kind == SC_FUNNEL_RATIO ? 1.0 : sum_num / sum_den;
	if (!isfinite(centre))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("funnel_baseline centre overflows: %s over %s", float8out_internal(sum_num), float8out_internal(sum_den)),
				 errhint("The sums of the numerators and denominators must be finite in double precision.")));
	status = sc_funnel_dispersion(kind, num, den, units, centre, scratch, &phi, &tau2);
	desc = result_desc_of(fcinfo, false);
	values[0] = Float8GetDatum(centre);
	values[1] = Int64GetDatum(units);
	values[2] = Float8GetDatum(phi);
	values[3] = Float8GetDatum(tau2);
	/* phi and tau2 NULL where they cannot be computed (too few units, or
	 * a centre so near 0 that the z-scores are not finite) */
	if (status != SC_OK || !isfinite(phi) || !isfinite(tau2))
		nulls[2] = nulls[3] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
