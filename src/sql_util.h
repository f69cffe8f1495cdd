/*
 * sql_util.h: the helpers shared by the fmgr glue (src/sql_util.c): the
 * text of a date, an interval or a numeric for error messages,
 * user-supplied values as error messages show them (bounded: shown.h),
 * numeric arithmetic through fmgr, and the argument checks more than one
 * SQL area makes.  A glue file includes postgres.h first, then this.
 */
#ifndef SC_SQL_UTIL_H
#define SC_SQL_UTIL_H

#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "pg_compat.h"
#include "shown.h"

/*
 * *plan, prepared from sql and kept for the backend's life on first use
 * (inside SPI_connect): every saved query of the glue goes through here.
 */
extern SPIPlanPtr sc_kept_plan(SPIPlanPtr *plan, const char *sql, int nargs, Oid *types);

/* A date as the session's DateStyle shows it. */
static inline char *
date_text(DateADT day)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(day)));
}

static inline char *
interval_text(const Interval *span)
{
	return DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(span)));
}

static inline char *
numeric_text(Numeric num)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
}

/* -1, 0 or 1 as a < b, a = b or a > b. */
static inline int
num_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

static inline Numeric
num_add(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(a), NumericGetDatum(b)));
}

static inline Numeric
num_sub(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_sub, NumericGetDatum(a), NumericGetDatum(b)));
}

static inline Numeric
num_mul(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_mul, NumericGetDatum(a), NumericGetDatum(b)));
}

/*
 * a / b without trailing zeros, so 75 shows as 75, not 75.0000000000000000:
 * every quotient the extension returns (rates, percentages, averages,
 * hours) is this one.
 */
static inline Numeric
num_div_trimmed(Numeric a, Numeric b)
{
	Datum		quotient = DirectFunctionCall2(numeric_div, NumericGetDatum(a), NumericGetDatum(b));

	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, quotient));
}

/*
 * socialcare.impossible_rows (socialcare.c): what a function does with an
 * impossible row, a finish before its start, an event before its
 * episode's start, an end before its start.  impossible_row() is the one
 * place that decides (sql_util.c).
 */
typedef enum
{
	SC_IMPOSSIBLE_ERROR = 0,
	SC_IMPOSSIBLE_NULL
} ScImpossibleRows;

extern int	sc_impossible_rows;

extern bool impossible_row(const char *func, const char *later, const char *later_value,
						   const char *earlier, const char *earlier_value, const char *fix);

/*
 * The types a date argument of the extension comes in (issue 14): the
 * timestamp and timestamptz forms of a window function or an aggregate are
 * C entry points of their own that pass their type down, never read from
 * fn_expr (Citus calls aggregates without it).
 */
typedef enum
{
	SC_DAY_DATE = 0,
	SC_DAY_TIMESTAMP,
	SC_DAY_TIMESTAMPTZ
} ScDayType;

extern DateADT sc_day_of(Datum value, ScDayType type);

extern void checked_range(const char *func, DateADT from, DateADT to);
extern Numeric checked_finite(Numeric num, const char *what);
extern double checked_confidence(double c);
extern Numeric percentage_of_counts(int64 part, int64 whole);
extern const Interval *checked_period(const Interval *within, const char *what, const char *hint);

#endif
