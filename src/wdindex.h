/*
 * src/wdindex.h
 *
 * A working-day index over a fixed range of days: a prefix count of
 * working days (so a count between two dates is two array reads) and the
 * list of working days (so "the n-th working day after" is one more).
 * Pure C, no PostgreSQL header.
 */
#ifndef SOCIALCARE_WDINDEX_H
#define SOCIALCARE_WDINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "civil.h"
#include "status.h"

typedef struct sc_wdindex
{
	sc_day		first;			/* first day covered */
	int32_t		ndays;			/* number of days covered */
	int32_t		nwork;			/* number of working days among them */
	int32_t    *cum;			/* ndays + 1: cum[i] = working days in
								 * [first, first + i) */
	sc_day	   *work;			/* nwork: the working days, ascending */
} sc_wdindex;

extern size_t sc_wdindex_bytes(int32_t ndays);
extern void sc_wdindex_build(sc_wdindex *ix, void *mem, sc_day first,
							 int32_t ndays, const uint8_t weekmask[7],
							 const sc_day *closed, int nclosed,
							 const sc_day *open, int nopen);
/* Lookups that can leave the covered range: SC_OK or SC_OUT_OF_RANGE (status.h). */
extern sc_status sc_wd_on_or_after(const sc_wdindex *ix, sc_day day, sc_day *result);
extern sc_status sc_wd_on_or_before(const sc_wdindex *ix, sc_day day, sc_day *result);

/* Is day inside the covered range?  Unsigned, so that infinity cannot overflow. */
static inline int
sc_wd_covers(const sc_wdindex *ix, sc_day day)
{
	return (uint32_t) day - (uint32_t) ix->first < (uint32_t) ix->ndays;
}

/* Working days on or before day, counted from the start of the range. */
static inline int32_t
sc_wd_upto(const sc_wdindex *ix, sc_day day)
{
	return ix->cum[day - ix->first + 1];
}

/* The hot paths below assume sc_wd_covers() of every day passed. */
static inline int
sc_wd_is_working(const sc_wdindex *ix, sc_day day)
{
	return ix->cum[day - ix->first + 1] - ix->cum[day - ix->first];
}

/*
 * Working days d with start < d <= finish (start is day 0); when finish
 * precedes start, minus the count the other way round.
 */
static inline int32_t
sc_wd_between(const sc_wdindex *ix, sc_day start, sc_day finish)
{
	return sc_wd_upto(ix, finish) - sc_wd_upto(ix, start);
}

/* Excel NETWORKDAYS: both ends counted; negative when reversed. */
static inline int32_t
sc_wd_between_inclusive(const sc_wdindex *ix, sc_day start, sc_day finish)
{
	if (start <= finish)
		return sc_wd_between(ix, start, finish) + sc_wd_is_working(ix, start);
	return sc_wd_between(ix, start, finish) - sc_wd_is_working(ix, finish);
}

/* The working day at 0-based position k of the list, if there is one. */
static inline sc_status
sc_wd_nth(const sc_wdindex *ix, int64_t k, sc_day *result)
{
	if (k < 0 || k >= ix->nwork)
		return SC_OUT_OF_RANGE;
	*result = ix->work[k];
	return SC_OK;
}

/*
 * The n-th working day after day (n > 0) or before it (n < 0); day itself
 * when n = 0, working or not, as Excel's WORKDAY does.
 */
static inline sc_status
sc_wd_add(const sc_wdindex *ix, sc_day day, int32_t n, sc_day *result)
{
	int32_t		i = day - ix->first;

	if (n == 0)
	{
		*result = day;
		return SC_OK;
	}
	if (n > 0)
		return sc_wd_nth(ix, (int64_t) ix->cum[i + 1] + n - 1, result);
	return sc_wd_nth(ix, (int64_t) ix->cum[i] + n, result);
}

#endif
