/*
 * src/rereferrals_sql.c
 *
 * The SQL area "rereferrals": the window function is_rereferral(): is this referral within a period
 * (12 calendar months by default) of the child's previous referral?
 * Used as is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY
 * referral_date); it reads the rows before the current one in the
 * partition, like lag(), and skips same-day duplicates unless told not to.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"
#include "windowapi.h"

#include "sql_util.h"
#include "months.h"

PG_FUNCTION_INFO_V1(sc_is_rereferral);
PG_FUNCTION_INFO_V1(sc_is_rereferral_ts);
PG_FUNCTION_INFO_V1(sc_is_rereferral_tstz);

/* What a window call remembers between the rows of a partition. */
typedef struct RereferralCache
{
	bool		valid;
	DateADT		day;			/* the last current date seen */
	Interval	within;			/* and the period it was seen with */
	int64		earliest;		/* day - within: the first date that counts
								 * (int64: it may lie before any date) */

	/* The last referral dated before run_day, so that a run of same-day
	 * duplicates costs O(1) a row, not O(run). */
	bool		run_valid;
	DateADT		run_day;
	bool		has_earlier;
	DateADT		earlier;
} RereferralCache;

/*
 * The first date within the period before day: day - within as PostgreSQL
 * computes date - interval (months first, the day clamped to the month's
 * length, then days), on whole days by the core's sc_minus_months_days,
 * exact for any interval: a period reaching before the first date there is
 * (where PostgreSQL's own date - interval fails) lets every earlier date
 * count.
 */
static int64
earliest_counted(DateADT day, const Interval *within)
{
	return sc_minus_months_days((sc_day) day, within->month, within->day);
}

/*
 * The date of the row `back` rows before the current one, checked to be in
 * date order; false when there is none (NULL dates sort at one end, so no
 * dated row lies beyond a NULL one).
 */
static bool
previous_referral(WindowObject winobj, ScDayType type, int64 back, DateADT day, DateADT *previous)
{
	bool		isnull;
	bool		isout;

	Datum		d = WinGetFuncArgInPartition(winobj, 0, -back, WINDOW_SEEK_CURRENT, false, &isnull, &isout);

	if (isout || isnull)
		return false;
	*previous = sc_day_of(d, type);
	if (*previous > day)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("is_rereferral() found the referrals out of date order"),
				 errhint("Call it as is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date).")));
	return true;
}

/* Is previous on or after (or, without the boundary, after) the first date that counts? */
static bool
within_period(DateADT previous, const RereferralCache *cache, bool include_boundary)
{
	return include_boundary ? (int64) previous >= cache->earliest : (int64) previous > cache->earliest;
}

/*
 * is_rereferral(referral_date, within, same_day_counts, include_boundary):
 * true when an earlier row of the partition is dated within the period;
 * NULL for a NULL date.  A row on the same date counts only when
 * same_day_counts; a row exactly `within` before counts when
 * include_boundary.  type: the referral date's SQL type (a timestamp
 * counts as its day, sc_day_of).
 */
static Datum
is_rereferral(FunctionCallInfo fcinfo, ScDayType type)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	RereferralCache *cache = WinGetPartitionLocalMemory(winobj, sizeof(RereferralCache));
	bool		isnull;
	Datum		arg = WinGetFuncArgCurrent(winobj, 0, &isnull);
	DateADT		day;
	Interval   *within;
	bool		same_day_counts;
	bool		include_boundary;

	if (isnull)
		PG_RETURN_NULL();
	day = sc_day_of(arg, type);
	within = DatumGetIntervalP(WinGetFuncArgCurrent(winobj, 1, &isnull));
	if (isnull)
		PG_RETURN_NULL();
	same_day_counts = DatumGetBool(WinGetFuncArgCurrent(winobj, 2, &isnull));
	if (isnull)
		PG_RETURN_NULL();
	include_boundary = DatumGetBool(WinGetFuncArgCurrent(winobj, 3, &isnull));
	if (isnull)
		PG_RETURN_NULL();
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("referral date %s is not a real date", date_text(day)),
				 errhint("Replace infinite dates with NULL.")));

	/* the arguments may vary by row: recompute when either changes */
	if (!cache->valid || cache->day != day || cache->within.month != within->month
		|| cache->within.day != within->day || cache->within.time != within->time)
	{
		cache->earliest = earliest_counted(day, checked_period(within, "look-back period",
																 "Use calendar months, as DfE does ('12 months', the default), or days ('365 days')."));
		cache->day = day;
		cache->within = *within;
		cache->valid = true;
	}

	if (same_day_counts)
	{
		DateADT		previous;

		if (!previous_referral(winobj, type, 1, day, &previous))
			PG_RETURN_BOOL(false);
		PG_RETURN_BOOL(within_period(previous, cache, include_boundary));
	}
	if (!cache->run_valid || cache->run_day != day)
	{
		cache->has_earlier = false;
		for (int64 back = 1; previous_referral(winobj, type, back, day, &cache->earlier); back++)
			if (cache->earlier < day)
			{
				cache->has_earlier = true;
				break;
			}
		cache->run_day = day;
		cache->run_valid = true;
	}
	PG_RETURN_BOOL(cache->has_earlier && within_period(cache->earlier, cache, include_boundary));
}

Datum
sc_is_rereferral(PG_FUNCTION_ARGS)
{
	return is_rereferral(fcinfo, SC_DAY_DATE);
}

/* is_rereferral(timestamp, ...) */
Datum
sc_is_rereferral_ts(PG_FUNCTION_ARGS)
{
	return is_rereferral(fcinfo, SC_DAY_TIMESTAMP);
}

/* is_rereferral(timestamptz, ...): the session time zone's day */
Datum
sc_is_rereferral_tstz(PG_FUNCTION_ARGS)
{
	return is_rereferral(fcinfo, SC_DAY_TIMESTAMPTZ);
}
