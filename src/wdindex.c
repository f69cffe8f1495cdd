/*
 * src/wdindex.c
 *
 * Building the working-day index and the lookups that can run off its
 * ends.  A range of 1971..2199 is 83,641 days: 330 kB of counts plus
 * room for as many working days (a week pattern may work every day), so
 * 670 kB per calendar.
 */
#include "wdindex.h"

/* Bytes the caller must provide to sc_wdindex_build for ndays days. */
size_t
sc_wdindex_bytes(int32_t ndays)
{
	return sizeof(int32_t) * ((size_t) ndays + 1) + sizeof(sc_day) * (size_t) ndays;
}

/*
 * Build the index in mem (sc_wdindex_bytes(ndays) bytes).  A day works if
 * weekmask (Monday first, 1 = working) says so and it is not in closed;
 * a day in open works whatever the other two say.  Days outside the
 * range in closed or open are ignored.
 */
void
sc_wdindex_build(sc_wdindex *ix, void *mem, sc_day first, int32_t ndays,
				 const uint8_t weekmask[7], const sc_day *closed, int nclosed,
				 const sc_day *open, int nopen)
{
	int32_t    *cum = mem;
	sc_day	   *work = (sc_day *) (cum + ndays + 1);
	int32_t		nwork = 0;

	ix->first = first;
	ix->ndays = ndays;
	ix->cum = cum;
	ix->work = work;

	/* First a flag per day in cum[i + 1], then the prefix sum in place. */
	for (int32_t i = 0; i < ndays; i++)
		cum[i + 1] = weekmask[sc_weekday(first + i)] ? 1 : 0;
	for (int i = 0; i < nclosed; i++)
		if (sc_wd_covers(ix, closed[i]))
			cum[closed[i] - first + 1] = 0;
	for (int i = 0; i < nopen; i++)
		if (sc_wd_covers(ix, open[i]))
			cum[open[i] - first + 1] = 1;

	cum[0] = 0;
	for (int32_t i = 0; i < ndays; i++)
	{
		if (cum[i + 1])
			work[nwork++] = first + i;
		cum[i + 1] = nwork;
	}
	ix->nwork = nwork;
}

/* The first working day on or after day. */
sc_status
sc_wd_on_or_after(const sc_wdindex *ix, sc_day day, sc_day *result)
{
	return sc_wd_nth(ix, ix->cum[day - ix->first], result);
}

/* The last working day on or before day. */
sc_status
sc_wd_on_or_before(const sc_wdindex *ix, sc_day day, sc_day *result)
{
	return sc_wd_nth(ix, (int64_t) ix->cum[day - ix->first + 1] - 1, result);
}
