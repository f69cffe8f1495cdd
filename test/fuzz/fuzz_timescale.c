/*
 * test/fuzz/fuzz_timescale.c
 *
 * libFuzzer target for src/timescale.c.  Unit names round-trip and no
 * other string names a unit; date + months agrees with a naive day count
 * (int64, for any day and any int32 of months: a chain's after_months is
 * any positive integer) and is monotonic in the months; due dates and
 * lateness in every unit agree with a naive walk over a random working-day
 * index (a random weekmask and closed days) or with plain arithmetic; an
 * hours timescale has no due date; lateness in microseconds agrees with
 * 128-bit arithmetic over PostgreSQL's timestamps; the chain step of event
 * k is the naive one, for any k and any ascending after_months.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "naive_calendar.h"
#include "timescale.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DAYS 2000
#define MAX_CLOSED 32
#define MAX_AMOUNT SC_TS_MAX_AMOUNT	/* the CHECK on socialcare.timescale.amount */
/* PostgreSQL's finite timestamps, in microseconds from 2000-01-01 */
#define MIN_TS INT64_C(-211813488000000000)
#define END_TS INT64_C(9223371331200000000)

static void
fail(const char *what, long long a, long long b, long long c)
{
	fprintf(stderr, "fuzz_timescale: %s (%lld, %lld, %lld)\n", what, a, b, c);
	abort();
}

/* Naive day + months, the day of the month clamped. */
static int64_t
naive_add_months(sc_day day, int64_t months)
{
	int			y, m, d;
	int64_t		total, ty;
	int			tm;

	sc_ymd_from_day(day, &y, &m, &d);
	total = (int64_t) y * 12 + m - 1 + months;
	ty = floordiv(total, 12);
	tm = (int) (total - ty * 12) + 1;
	return naive_day(ty, tm, d < days_in_month(ty, tm) ? d : days_in_month(ty, tm));
}

static void
check_names(fuzz_input *in)
{
	char		name[24];
	int			len = (int) fuzz_range(in, 0, sizeof name - 1);
	int			u;

	enum sc_unit found;
	sc_status	status;

	for (u = 0; u < SC_NUM_UNITS; u++)
		if (sc_unit_from_name(sc_unit_names[u], &found) != SC_OK || (int) found != u)
			fail("unit name round trip", u, 0, 0);
	for (int i = 0; i < len; i++)
		name[i] = (char) fuzz_u8(in);
	name[len] = '\0';
	found = SC_NUM_UNITS;
	status = sc_unit_from_name(name, &found);
	if (status == SC_OK ? ((int) found < 0 || found >= SC_NUM_UNITS || strcmp(name, sc_unit_names[found]) != 0)
		: (status != SC_UNKNOWN_NAME || found != SC_NUM_UNITS))
		fail("unit from a fuzzed name", (int) found, len, 0);
	for (u = 0; u < SC_NUM_UNITS; u++)
		if (strcmp(name, sc_unit_names[u]) == 0 && (sc_unit_from_name(name, &found) != SC_OK || (int) found != u))
			fail("unit name not found", u, len, 0);
}

static void
check_add_months(sc_day day, int32_t months)
{
	int64_t		got = sc_add_months(day, months);

	if (got != naive_add_months(day, months))
		fail("date + months", day, months, got);
	if (months < INT32_MAX && sc_add_months(day, (int64_t) months + 1) < got)
		fail("date + months is not monotonic", day, months, got);
	if (months == 0 && got != day)
		fail("date + 0 months", day, got, 0);
}

/* A random index: first day, up to MAX_DAYS days, a weekmask, closed days. */
typedef struct index_case
{
	sc_wdindex	ix;
	void	   *mem;
} index_case;

static void
build_index(index_case *c, fuzz_input *in)
{
	uint8_t		weekmask[7];
	sc_day		closed[MAX_CLOSED];
	int			nclosed = (int) fuzz_range(in, 0, MAX_CLOSED);
	sc_day		first = (sc_day) fuzz_range(in, -800000, 800000);
	int32_t		ndays = (int32_t) fuzz_range(in, 1, MAX_DAYS);
	uint8_t		mask = fuzz_u8(in);

	for (int i = 0; i < 7; i++)
		weekmask[i] = (mask >> i) & 1;
	for (int i = 0; i < nclosed; i++)
		closed[i] = first + (sc_day) fuzz_range(in, -10, ndays + 10);
	c->mem = malloc(sc_wdindex_bytes(ndays));
	if (c->mem == NULL)
		abort();
	sc_wdindex_build(&c->ix, c->mem, first, ndays, weekmask, closed, nclosed, NULL, 0);
}

/* Working days d with a < d <= b, negated when b < a, by walking. */
static int64_t
naive_between(const sc_wdindex *ix, sc_day a, sc_day b)
{
	int64_t		n = 0;
	sc_day		lo = a < b ? a : b,
				hi = a < b ? b : a;

	for (sc_day d = lo + 1; d <= hi; d++)
		n += sc_wd_is_working(ix, d);
	return a <= b ? n : -n;
}

static void
check_working_days(const sc_wdindex *ix, int32_t amount, sc_day start, sc_day finish)
{
	sc_timescale ts = {SC_UNIT_WORKING_DAYS, amount};
	int64_t		due = INT64_MIN;
	sc_status	status = sc_ts_due(&ts, ix, start, &due);
	sc_day		want = start;
	int64_t		left = amount;

	/* the amount-th working day after start, walking */
	while (left > 0 && sc_wd_covers(ix, want + 1))
		left -= sc_wd_is_working(ix, ++want);
	if (left > 0 ? status != SC_OUT_OF_RANGE : (status != SC_OK || due != want))
		fail("working-day due date", start, amount, due);
	if (sc_ts_lateness(&ts, ix, start, finish) != naive_between(ix, start, finish) - amount)
		fail("working-day lateness", start, finish, amount);
	/* within the timescale exactly when finish is before the next working day after due */
	if (status == SC_OK && finish >= start
		&& (sc_ts_lateness(&ts, ix, start, finish) <= 0) != (naive_between(ix, (sc_day) due, finish) <= 0))
		fail("working-day on time", start, finish, amount);
}

static void
check_day_units(fuzz_input *in, const sc_wdindex *ix)
{
	enum sc_unit unit = (enum sc_unit) fuzz_range(in, SC_UNIT_CALENDAR_DAYS, SC_UNIT_HOURS);
	int32_t		amount = (int32_t) fuzz_range(in, 0, fuzz_u8(in) & 1 ? INT32_MAX : MAX_AMOUNT);
	sc_timescale ts = {unit, amount};
	sc_day		start = (sc_day) fuzz_u32(in);
	sc_day		finish = (sc_day) fuzz_u32(in);
	int64_t		due = INT64_MIN;
	int64_t		want;
	sc_status	status = sc_ts_due(&ts, ix, start, &due);

	if (unit == SC_UNIT_HOURS)
	{
		if (status != SC_NEEDS_TIMES || due != INT64_MIN)
			fail("an hours timescale has a due date", start, amount, status);
		return;
	}
	want = unit == SC_UNIT_CALENDAR_DAYS ? (int64_t) start + amount
		: unit == SC_UNIT_WEEKS ? (int64_t) start + 7 * (int64_t) amount
		: naive_add_months(start, amount);
	if (status != SC_OK || due != want)
		fail("due date", unit, start, amount);
	if (sc_ts_lateness(&ts, ix, start, finish) != (int64_t) finish - want)
		fail("lateness", unit, start, finish);
}

static void
check_usec(fuzz_input *in)
{
	sc_timescale ts = {SC_UNIT_HOURS, (int32_t) fuzz_range(in, 0, MAX_AMOUNT)};
	int64_t		start = fuzz_range(in, MIN_TS, END_TS - 1);
	int64_t		finish;
	__int128	want;
	sc_usec_split late;

	if (fuzz_u8(in) & 1)
		finish = fuzz_range(in, MIN_TS, END_TS - 1);
	else
	{
		/* near start, kept within the valid timestamps as the glue's are
		 * (in 128 bits: start + 2^40 overflows int64 near END_TS) */
		__int128	near = (__int128) start + fuzz_range(in, -((int64_t) 1 << 40), (int64_t) 1 << 40);

		finish = near < MIN_TS ? MIN_TS : near >= END_TS ? END_TS - 1 : (int64_t) near;
	}
	want = (__int128) finish - start - (__int128) ts.amount * 3600000000;

	/* the glue checks that start + amount hours is a valid timestamp */
	if ((__int128) start + (__int128) ts.amount * 3600000000 >= END_TS)
		return;
	/* a difference of two timestamps may not fit int64 (about 9.4e18 at most): hours and the rest do */
	late = sc_ts_lateness_usec(&ts, start, finish);
	if ((__int128) late.hours * 3600000000 + late.usec != want || late.usec < 0 || late.usec >= 3600000000)
		fail("lateness in microseconds", start, finish, ts.amount);
}

static void
check_chain(fuzz_input *in)
{
	sc_chain_step steps[8];
	sc_chain	chain;
	int			nordinary = (int) fuzz_range(in, 1, 4);
	int			nphase = (int) fuzz_range(in, 0, 4);
	int64_t		k = fuzz_range(in, 1, fuzz_u8(in) & 1 ? INT64_MAX : 8);
	sc_day		start = (sc_day) fuzz_range(in, -730119, 2921939);
	sc_day		previous = start + (sc_day) fuzz_range(in, 0, fuzz_u8(in) & 1 ? 2921939 - start : 4000);
	int32_t		after = 0;
	const sc_chain_step *got, *want;

	for (int i = 0; i < nordinary + nphase; i++)
	{
		steps[i].ts.unit = (enum sc_unit) fuzz_range(in, 0, SC_NUM_UNITS - 1);
		steps[i].ts.amount = (int32_t) fuzz_range(in, 0, MAX_AMOUNT);
		steps[i].after_months = 0;
		if (i >= nordinary)		/* ascending, positive, any size */
		{
			int64_t		hi = fuzz_u8(in) & 1 ? INT32_MAX : (int64_t) after + 60;

			after = steps[i].after_months = (int32_t) fuzz_range(in, after + 1, hi < INT32_MAX ? hi : INT32_MAX);
		}
		if (after == INT32_MAX && i + 1 < nordinary + nphase)
			nphase = i + 1 - nordinary;
	}
	chain.nsteps = nordinary + nphase;
	chain.nordinary = nordinary;
	chain.steps = steps;
	got = sc_chain_step_for(&chain, k, start, previous);
	want = &steps[(k < nordinary ? k : nordinary) - 1];
	for (int i = nordinary; k >= 2 && i < chain.nsteps; i++)
		if (previous >= naive_add_months(start, steps[i].after_months))
			want = &steps[i];
	if (got != want)
		fail("chain step", k, got - steps, want - steps);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	index_case	c;
	sc_day		start, finish;

	check_names(&in);
	check_add_months((sc_day) fuzz_u32(&in), (int32_t) fuzz_u32(&in));
	check_add_months((sc_day) fuzz_range(&in, -730119, 2921939),
					 (int32_t) fuzz_range(&in, -24000, 24000));
	build_index(&c, &in);
	start = c.ix.first + (sc_day) fuzz_range(&in, 0, c.ix.ndays - 1);
	finish = c.ix.first + (sc_day) fuzz_range(&in, 0, c.ix.ndays - 1);
	check_working_days(&c.ix, (int32_t) fuzz_range(&in, 0, fuzz_u8(&in) & 1 ? MAX_AMOUNT : 60),
					   start, finish);
	check_day_units(&in, &c.ix);
	check_usec(&in);
	check_chain(&in);
	free(c.mem);
	return 0;
}
