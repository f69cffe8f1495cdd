/*
 * src/timescale.h
 *
 * Statutory timescales as arithmetic: a due date from a start, the
 * lateness of a finish, and the step of a review or visit chain that
 * applies to an event.  Pure C, no PostgreSQL header: the SQL glue
 * (timescale_sql.c) resolves codes and calendars and checks
 * ranges; this file only computes.
 */
#ifndef SOCIALCARE_TIMESCALE_H
#define SOCIALCARE_TIMESCALE_H

#include <stdint.h>

#include "civil.h"
#include "months.h"
#include "status.h"
#include "wdindex.h"

enum sc_unit
{
	SC_UNIT_WORKING_DAYS = 0,
	SC_UNIT_CALENDAR_DAYS,
	SC_UNIT_WEEKS,
	SC_UNIT_MONTHS,
	SC_UNIT_HOURS,
	SC_NUM_UNITS
};

/*
 * The names socialcare.timescale.unit accepts, indexed by enum sc_unit
 * (the home of the list: test/unit/constants_check.py checks the SQL's
 * CHECK), and the largest amount it accepts: amount hours in microseconds
 * added to any valid timestamp stays within int64.
 */
#define SC_UNIT_NAMES "working days", "calendar days", "weeks", "months", "hours"
#define SC_TS_MAX_AMOUNT 100000

extern const char *const sc_unit_names[SC_NUM_UNITS];

/* A timescale: "within amount units of the start". */
typedef struct sc_timescale
{
	enum sc_unit unit;
	int32_t		amount;			/* >= 0 */
} sc_timescale;

/* A step of a chain: its timescale, and the phase it belongs to. */
typedef struct sc_chain_step
{
	sc_timescale ts;
	int32_t		after_months;	/* 0: an ordinary step; M > 0: replaces the
								 * repeating step once the previous event is
								 * M months or more after the episode start */
} sc_chain_step;

typedef struct sc_chain
{
	int			nsteps;			/* ordinary steps first, in order, then
								 * phase steps by ascending after_months */
	int			nordinary;		/* at least 1 */
	const sc_chain_step *steps;
} sc_chain;

/* Microseconds as whole hours and the rest: hours * 1 hour + usec. */
#define SC_USECS_PER_HOUR INT64_C(3600000000)

typedef struct sc_usec_split
{
	int64_t		hours;
	int64_t		usec;			/* 0 .. SC_USECS_PER_HOUR - 1 */
} sc_usec_split;

/* SC_OK and *unit, or SC_UNKNOWN_NAME. */
extern sc_status sc_unit_from_name(const char *name, enum sc_unit *unit);
extern sc_status sc_ts_due(const sc_timescale *ts, const sc_wdindex *ix, sc_day start,
						   int64_t *due);
extern int64_t sc_ts_lateness(const sc_timescale *ts, const sc_wdindex *ix,
							  sc_day start, sc_day finish);
extern sc_usec_split sc_ts_lateness_usec(const sc_timescale *ts, int64_t start, int64_t finish);
extern const sc_chain_step *sc_chain_step_for(const sc_chain *chain, int64_t k,
											  sc_day episode_start, sc_day previous);

#endif
