/*
 * test/unit/timescale_test.c
 *
 * Unit tests of the timescale core (timescale.c), without PostgreSQL.
 * Prints TAP lines, one per group of checks.
 *
 *	  make test/unit/timescale_test && test/unit/timescale_test
 *
 * Expected values: month arithmetic by hand from the calendar (the
 * corresponding date, else the month's last day), and for every day from
 * 1971 to 2199 and offsets of -40..40 months, against an independent
 * count done here month by month; working-day due dates by hand from
 * GOV.UK's 2025 list (Good Friday 18 April, Easter Monday 21 April, Early
 * May 5 May).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bankholidays.h"
#include "timescale.h"

#include "tap.h"

static sc_day
ymd(int y, int m, int d)
{
	return sc_day_from_ymd(y, m, d);
}

static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static int
month_length(int y, int m)
{
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : mdays[m - 1];
}

static void
test_months(void)
{
	check(sc_add_months(ymd(2025, 5, 31), 3) == ymd(2025, 8, 31), "31 May + 3 months");
	check(sc_add_months(ymd(2024, 11, 30), 3) == ymd(2025, 2, 28), "30 Nov 2024 + 3 months");
	check(sc_add_months(ymd(2023, 11, 30), 3) == ymd(2024, 2, 29), "30 Nov 2023 + 3 months");
	check(sc_add_months(ymd(2024, 2, 29), 12) == ymd(2025, 2, 28), "29 Feb + 12 months");
	check(sc_add_months(ymd(2025, 8, 31), 6) == ymd(2026, 2, 28), "31 Aug + 6 months");
	check(sc_add_months(ymd(2025, 3, 31), -1) == ymd(2025, 2, 28), "31 Mar - 1 month");
	check(sc_add_months(ymd(2025, 1, 15), -13) == ymd(2023, 12, 15), "15 Jan - 13 months");
	check(sc_add_months(ymd(2025, 1, 15), 0) == ymd(2025, 1, 15), "+ 0 months");
	end_group("month arithmetic: corresponding date, clamped to the month's end");

	/* every day, against stepping the month one at a time */
	for (sc_day d = ymd(1971, 1, 1); d <= ymd(2199, 12, 31); d += 3)
	{
		int			y, m, md;

		sc_ymd_from_day(d, &y, &m, &md);
		for (int k = -40; k <= 40; k += 7)
		{
			int			ty = y, tm = m;

			for (int i = 0; i < abs(k); i++)
			{
				tm += k > 0 ? 1 : -1;
				if (tm == 13)
					tm = 1, ty++;
				if (tm == 0)
					tm = 12, ty--;
			}
			sc_day		want = ymd(ty, tm, md < month_length(ty, tm) ? md : month_length(ty, tm));

			check(sc_add_months(d, k) == want, "%d-%02d-%02d %+d months", y, m, md, k);
		}
	}
	end_group("month arithmetic over 1971-2199 against stepping month by month");
}

/* An index of 2025 with England and Wales's holidays, built as calendar.c does. */
static sc_wdindex *
index_2025(void)
{
	static sc_wdindex ix;
	static const uint8_t mask[7] = {1, 1, 1, 1, 1, 0, 0};
	sc_holiday	hol[SC_MAX_HOLIDAYS_PER_YEAR * 3];
	sc_day		closed[SC_MAX_HOLIDAYS_PER_YEAR * 3];
	int			n = 0;
	sc_day		first = ymd(2024, 1, 1);
	int32_t		ndays = ymd(2027, 1, 1) - first;

	for (int y = 2024; y <= 2026; y++)
		n += sc_bank_holidays_in_year(0, y, hol + n);
	for (int i = 0; i < n; i++)
		closed[i] = hol[i].day;
	sc_wdindex_build(&ix, malloc(sc_wdindex_bytes(ndays)), first, ndays, mask, closed, n, NULL, 0);
	return &ix;
}

static void
test_due_and_lateness(void)
{
	const sc_wdindex *ix = index_2025();
	sc_timescale wd20 = {SC_UNIT_WORKING_DAYS, 20};
	sc_timescale wk1 = {SC_UNIT_WEEKS, 1};
	sc_timescale m3 = {SC_UNIT_MONTHS, 3};
	sc_timescale d28 = {SC_UNIT_CALENDAR_DAYS, 28};
	sc_timescale h72 = {SC_UNIT_HOURS, 72};
	int64_t		due = 0;

	/* Saturday 19 April 2025: day 1 is Tuesday 22; the 20th is Tuesday 20 May */
	check(sc_ts_due(&wd20, ix, ymd(2025, 4, 19), &due) == SC_OK && due == ymd(2025, 5, 20),
		  "20 working days from 19 April 2025");
	check(sc_ts_lateness(&wd20, ix, ymd(2025, 4, 19), ymd(2025, 5, 20)) == 0, "on the due day");
	check(sc_ts_lateness(&wd20, ix, ymd(2025, 4, 19), ymd(2025, 5, 21)) == 1, "a day late");
	/* Friday 3 January: due Friday 31 January; Saturday 1 February is not late */
	check(sc_ts_lateness(&wd20, ix, ymd(2025, 1, 3), ymd(2025, 2, 1)) == 0, "Saturday after");
	check(sc_ts_lateness(&wd20, ix, ymd(2025, 1, 3), ymd(2025, 2, 3)) == 1, "Monday after");
	check(sc_ts_due(&wk1, ix, ymd(2025, 3, 3), &due) == SC_OK && due == ymd(2025, 3, 10), "1 week");
	check(sc_ts_due(&m3, ix, ymd(2024, 11, 30), &due) == SC_OK && due == ymd(2025, 2, 28), "3 months");
	check(sc_ts_lateness(&m3, ix, ymd(2025, 5, 31), ymd(2025, 9, 2)) == 2, "2 days after 31 August");
	check(sc_ts_lateness(&d28, ix, ymd(2025, 1, 31), ymd(2025, 2, 27)) == -1, "28 days, a day early");
	check(sc_ts_due(&h72, ix, ymd(2025, 1, 1), &due) == SC_NEEDS_TIMES, "hours need times");
	check(sc_ts_lateness_usec(&h72, 0, INT64_C(72) * 3600000000 + 1800000000).hours == 0
		  && sc_ts_lateness_usec(&h72, 0, INT64_C(72) * 3600000000 + 1800000000).usec == 1800000000,
		  "72 hours: half an hour late");
	/*
	 * Due at -1 + 259200000000 = 259199999999 us; a finish at 72 h - 1 s =
	 * 259199000000 is 999999 us early: -1 h + 3599000001 us.
	 */
	check(sc_ts_lateness_usec(&h72, -1, INT64_C(72) * 3600000000 - 1000000).hours == -1
		  && sc_ts_lateness_usec(&h72, -1, INT64_C(72) * 3600000000 - 1000000).usec == 3599000001,
		  "72 hours: a second less a microsecond early");
	/*
	 * The widest lateness: the last valid timestamp, 9223371331199999999
	 * (294276-12-31 23:59:59.999999), after the first, -211813488000000000
	 * (4714-11-24 BC 00:00), with 0 hours: 9435184819199999999 us, past
	 * int64.  In hours: 9435184819199999999 = 2620884671 * 3600000000
	 * (= 9435184815600000000) + 3599999999.
	 */
	{
		sc_timescale h0 = {SC_UNIT_HOURS, 0};
		sc_usec_split w = sc_ts_lateness_usec(&h0, INT64_C(-211813488000000000), INT64_C(9223371331199999999));

		check(w.hours == INT64_C(2620884671) && w.usec == INT64_C(3599999999),
			  "widest lateness: %lld h %lld us", (long long) w.hours, (long long) w.usec);
	}
	check(sc_ts_due(&(sc_timescale) {SC_UNIT_WORKING_DAYS, 100000}, ix, ymd(2025, 1, 1), &due) == SC_OUT_OF_RANGE,
		  "off the index");
	end_group("due dates and lateness in each unit");
}

static void
test_chain_steps(void)
{
	sc_chain_step steps[3] = {
		{{SC_UNIT_WEEKS, 1}, 0}, {{SC_UNIT_WEEKS, 6}, 0}, {{SC_UNIT_MONTHS, 3}, 12}
	};
	sc_chain	chain = {3, 2, steps};
	sc_day		start = ymd(2024, 1, 15);

	check(sc_chain_step_for(&chain, 1, start, start) == &steps[0], "first event: step 1");
	check(sc_chain_step_for(&chain, 2, start, ymd(2024, 1, 22)) == &steps[1], "second: step 2");
	check(sc_chain_step_for(&chain, 9, start, ymd(2025, 1, 14)) == &steps[1], "day before anniversary");
	check(sc_chain_step_for(&chain, 9, start, ymd(2025, 1, 15)) == &steps[2], "on the anniversary");
	check(sc_chain_step_for(&chain, 1, start, ymd(2026, 1, 1)) == &steps[0], "the first is never a phase step");
	end_group("chain steps: the last ordinary step repeats; a phase step from its anniversary");
}

/* Found by test/fuzz/fuzz_timescale.c: month arithmetic wrapped round beyond int32 days. */
static void
test_months_extreme(void)
{
	/*
	 * 100,000,000 months = 8,333,333 years 4 months: 2000-01-01 + that is
	 * 8335333-05-01 = 20,833 cycles of 400 years (146,097 days each) after
	 * 2133-05-01, which is 48,698 days after 2000-01-01 (Python's
	 * datetime): 20833 * 146097 + 48698 = 3,043,687,499, beyond int32.
	 */
	sc_chain_step steps[2] = {{{SC_UNIT_WEEKS, 6}, 0}, {{SC_UNIT_MONTHS, 3}, 100000000}};
	sc_chain	chain = {2, 1, steps};

	check(sc_add_months(ymd(2000, 1, 1), 100000000) == INT64_C(3043687499), "+ 100,000,000 months");
	/*
	 * - 100,000,000 months: month number 2000 * 12 - 10^8 = -99,976,000 is
	 * September of year -8,331,334 = -20,829 * 400 + 266: -20829 * 146097
	 * days plus 0266-09-01's -633,087 (Python's datetime) = -3,043,687,500.
	 */
	check(sc_add_months(ymd(2000, 1, 1), -100000000) == INT64_C(-3043687500), "- 100,000,000 months");
	/* a phase step 100,000,000 months on never applies in this era (it wrapped to the past) */
	check(sc_chain_step_for(&chain, 5, ymd(2020, 1, 1), ymd(2025, 1, 1)) == &steps[0],
		  "after_months 100,000,000 does not apply in 2025");
	end_group("month arithmetic beyond int32 days (chains' after_months)");
}

int
main(void)
{
	test_months();
	test_due_and_lateness();
	test_chain_steps();
	test_months_extreme();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
