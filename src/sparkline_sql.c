/*
 * src/sparkline_sql.c
 *
 * The final function of the sparkline aggregates: the numeric[] or float8[]
 * state (every value, in input order, NULLs as gaps) drawn with the pure-C
 * levels and bars of rag.c.  The state is read in place, expanded or flat,
 * so that a long series is not copied once more.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "sql_util.h"
#include "rag.h"

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
