/*
 * src/pct_agg.c
 *
 * The aggregate pct(condition): the percentage of TRUE among non-NULL
 * inputs.  Its state is a plain bigint[2] {true, counted}, not internal,
 * so partial aggregation needs no serialisation (parallel query, Citus);
 * the inverse transition makes moving windows O(n).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "sql_util.h"

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
