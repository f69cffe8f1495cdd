/*
 * src/timescale.c
 *
 * Due dates and lateness of timescales in their own units, and the step of
 * a chain (reviews, visits) an event is measured against.
 *
 * Units, as the regulations and Working Together use them:
 *  - working days: the start is day 0 (the DfE convention of wdindex.h);
 *    due on the amount-th working day after the start; a finish is late by
 *    the working days it lies beyond that.
 *  - calendar days and weeks: start + amount (x 7) days.
 *  - months: the corresponding date amount months later, or the month's
 *    last day when it has no such date (31 May + 3 months = 31 August,
 *    30 November + 3 months = 28 or 29 February), as PostgreSQL's
 *    date + interval does (sc_add_months, months.c); lateness in calendar
 *    days past the due date.
 *  - hours: elapsed time from a timestamp (microseconds here).
 */
#include <string.h>

#include "timescale.h"
#include "months.h"

const char *const sc_unit_names[SC_NUM_UNITS] = {SC_UNIT_NAMES};

/* The unit of a name: SC_OK and *unit, or SC_UNKNOWN_NAME. */
sc_status
sc_unit_from_name(const char *name, enum sc_unit *unit)
{
	for (int u = 0; u < SC_NUM_UNITS; u++)
		if (strcmp(name, sc_unit_names[u]) == 0)
		{
			*unit = (enum sc_unit) u;
			return SC_OK;
		}
	return SC_UNKNOWN_NAME;
}

/*
 * The last day within the timescale from start: SC_OK, or SC_OUT_OF_RANGE
 * when a working day result falls off the index, SC_NEEDS_TIMES for an
 * hours timescale.
 */
sc_status
sc_ts_due(const sc_timescale *ts, const sc_wdindex *ix, sc_day start, int64_t *due)
{
	sc_day		wd;

	switch (ts->unit)
	{
		case SC_UNIT_WORKING_DAYS:
			if (sc_wd_add(ix, start, ts->amount, &wd) != SC_OK)
				return SC_OUT_OF_RANGE;
			*due = wd;
			return SC_OK;
		case SC_UNIT_CALENDAR_DAYS:
			*due = (int64_t) start + ts->amount;
			return SC_OK;
		case SC_UNIT_WEEKS:
			*due = (int64_t) start + 7 * (int64_t) ts->amount;
			return SC_OK;
		case SC_UNIT_MONTHS:
			*due = sc_add_months(start, ts->amount);
			return SC_OK;
		default:
			return SC_NEEDS_TIMES;
	}
}

/*
 * How late finish is: working days beyond the amount for a working-day
 * timescale (so a finish on the Saturday after the due day is not late,
 * as working_days(start, finish) <= amount says), otherwise calendar days
 * after the due date.  Zero or negative: within the timescale, by that
 * margin.  Days only: not for hours.  For working days, start and finish
 * must be covered by ix and amount must not run off it (the glue checks).
 */
int64_t
sc_ts_lateness(const sc_timescale *ts, const sc_wdindex *ix, sc_day start, sc_day finish)
{
	int64_t		due = 0;

	if (ts->unit == SC_UNIT_WORKING_DAYS)
		return (int64_t) sc_wd_between(ix, start, finish) - ts->amount;
	sc_ts_due(ts, ix, start, &due);
	return (int64_t) finish - due;
}

/* Floor division by a positive divisor: C's truncates towards zero. */
static int64_t
floordiv_pos(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/*
 * Lateness of an hours timescale from microsecond times: finish - (start +
 * amount hours) as whole hours and the microseconds after them (0 to one
 * hour less a microsecond; a negative lateness has negative hours).
 * Exact for any int64 times and amount: the difference of two timestamps
 * can exceed int64 (about 9.4e18), hours and a remainder never do.
 */
sc_usec_split
sc_ts_lateness_usec(const sc_timescale *ts, int64_t start, int64_t finish)
{
	sc_usec_split late;
	int64_t		fh = floordiv_pos(finish, SC_USECS_PER_HOUR);
	int64_t		sh = floordiv_pos(start, SC_USECS_PER_HOUR);

	late.hours = fh - sh - ts->amount;
	late.usec = (finish - fh * SC_USECS_PER_HOUR) - (start - sh * SC_USECS_PER_HOUR);
	if (late.usec < 0)
	{
		late.usec += SC_USECS_PER_HOUR;
		late.hours--;
	}
	return late;
}

/*
 * The step event k (1 = the first after the episode start) is measured
 * against: the k-th ordinary step, the last one repeating; from the second
 * event on, a phase step instead once the previous event is on or after
 * its anniversary (the greatest such wins).
 */
const sc_chain_step *
sc_chain_step_for(const sc_chain *chain, int64_t k, sc_day episode_start, sc_day previous)
{
	const sc_chain_step *step;

	step = &chain->steps[(k < chain->nordinary ? k : chain->nordinary) - 1];
	if (k < 2)
		return step;
	for (int i = chain->nordinary; i < chain->nsteps; i++)
		if (previous >= sc_add_months(episode_start, chain->steps[i].after_months))
			step = &chain->steps[i];
	return step;
}
