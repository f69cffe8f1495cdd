/*
 * pg_compat.h: every difference between the PostgreSQL versions socialcare
 * builds against (13 to 18), in one place.  The glue is written against
 * the newest API; each block below gives an older server what the code
 * expects, keyed on PG_VERSION_NUM, so that nothing else in src/ tests a
 * version.  Included after postgres.h (sql_util.h includes it).  The SQL
 * side's one difference, PostgreSQL 13's lack of SQL-standard function
 * bodies, is handled at build time (Makefile, scripts/sql_string_bodies.pl);
 * doc/testing.md, PostgreSQL versions lists both.
 */
#ifndef SC_PG_COMPAT_H
#define SC_PG_COMPAT_H

#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/tuplestore.h"

#if PG_VERSION_NUM >= 160000
/* The varlena macros (VARDATA_ANY, SET_VARSIZE) left postgres.h in 16. */
#include "varatt.h"
#endif

#if PG_VERSION_NUM < 140000
/* int64_to_numeric() is PostgreSQL 14's; before, through int8_numeric. */
static inline Numeric
sc_int64_to_numeric(int64 value)
{
	return DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(value)));
}
#define int64_to_numeric(value) sc_int64_to_numeric(value)
#endif

#if PG_VERSION_NUM < 140000
/* A numeric is never infinite before PostgreSQL 14. */
static inline bool
numeric_is_inf(Numeric num)
{
	(void) num;
	return false;
}
#endif

#if PG_VERSION_NUM < 150000
/* MarkGUCPrefixReserved() is PostgreSQL 15's name for this. */
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#if PG_VERSION_NUM < 160000
/* make_range() took no error context before PostgreSQL 16. */
#define make_range(typcache, lower, upper, empty, escontext) \
	make_range(typcache, lower, upper, empty)
#endif

/*
 * The backend's local transaction id: PGPROC's lxid moved into its vxid
 * in PostgreSQL 17.
 */
#if PG_VERSION_NUM >= 170000
#define SC_MY_LXID (MyProc->vxid.lxid)
#else
#define SC_MY_LXID (MyProc->lxid)
#endif

/*
 * A function that does not return: PostgreSQL 18 spells it pg_noreturn
 * before the declaration (C11 _Noreturn) and dropped the trailing
 * pg_attribute_noreturn(); before 18, the attribute says the same.
 */
#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

#if PG_VERSION_NUM < 150000
/*
 * InitMaterializedSRF() is PostgreSQL 15's: a set-returning function in
 * materialize mode, its tuplestore and descriptor in the query's memory.
 * Before 15 each function did this itself; this is the same steps.
 */
#define MAT_SRF_USE_EXPECTED_DESC 0x01
#define MAT_SRF_BLESS 0x02
static inline void
InitMaterializedSRF(FunctionCallInfo fcinfo, bits32 flags)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	TupleDesc	tupdesc;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("set-valued function called in context that cannot accept a set"));
	if (!(rsinfo->allowedModes & SFRM_Materialize) ||
		((flags & MAT_SRF_USE_EXPECTED_DESC) != 0 && rsinfo->expectedDesc == NULL))
		ereport(ERROR,
				errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				errmsg("materialize mode required, but it is not allowed in this context"));
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if ((flags & MAT_SRF_USE_EXPECTED_DESC) != 0)
		tupdesc = CreateTupleDescCopy(rsinfo->expectedDesc);
	else if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if ((flags & MAT_SRF_BLESS) != 0)
		BlessTupleDesc(tupdesc);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
											  false, work_mem);
	rsinfo->setDesc = tupdesc;
	MemoryContextSwitchTo(old);
}
#endif

#endif							/* SC_PG_COMPAT_H */
