/*
 * test/unit/months_test.c: the calendar-month core (src/months.c), without
 * PostgreSQL.  Expected values are worked out by hand in the comments, or
 * checked against a brute-force count.
 */
#include <stdlib.h>

#include "months.h"
#include "tap.h"

static sc_day
ymd(int y, int m, int d)
{
	return sc_day_from_ymd(y, m, d);
}

/* The slot of day, or -1 for SC_OUT_OF_RANGE (which leaves the slot alone). */
static int32_t
slot_of(const sc_series *s, sc_day day)
{
	int32_t		slot = -1;
	sc_status	status = sc_series_slot(s, day, &slot);

	return status == SC_OK ? slot : status == SC_OUT_OF_RANGE && slot == -1 ? -1 : -2;
}

static void
test_month_numbers(void)
{
	/* January of year 0 is month 0; April 2024 is 2024 * 12 + 3. */
	check(sc_month_number(ymd(2024, 4, 1)) == 2024 * 12 + 3, "April 2024");
	check(sc_month_number(ymd(2024, 4, 30)) == 2024 * 12 + 3, "30 April 2024");
	check(sc_month_last_day(2024 * 12 + 1) == ymd(2024, 2, 29), "February 2024 ends on the 29th");
	check(sc_month_last_day(2023 * 12 + 1) == ymd(2023, 2, 28), "February 2023 ends on the 28th");
	check(sc_month_last_day(2100 * 12 + 1) == ymd(2100, 2, 28), "2100 is not a leap year");
	check(sc_month_last_day(2024 * 12 + 11) == ymd(2024, 12, 31), "December");
	check(sc_month_first_day(2025 * 12) == ymd(2025, 1, 1), "January 2025");
	check(SC_MONTHS_FIRST_DAY == ymd(1, 1, 1) && SC_MONTHS_LAST_DAY == ymd(9999, 12, 31),
		  "range constants: %d %d", ymd(1, 1, 1), ymd(9999, 12, 31));
	/* every day from 1900 to 2200 lies in its month, between its first and last day */
	for (sc_day d = ymd(1900, 1, 1); d <= ymd(2200, 12, 31); d++)
	{
		int32_t		m = sc_month_number(d);

		check(sc_month_first_day(m) <= d && d <= sc_month_last_day(m)
			  && sc_month_last_day(m) + 1 == sc_month_first_day(m + 1), "day %d", d);
	}
	end_group("month numbers, first and last days (1900-2200 exhaustively)");
}

static void
test_minus_months(void)
{
	/* PostgreSQL: date '2024-02-29' - interval '12 months' = 2023-02-28 */
	check(sc_minus_months_days(ymd(2024, 2, 29), 12, 0) == ymd(2023, 2, 28), "29 Feb - 12 months");
	check(sc_minus_months_days(ymd(2025, 2, 28), 12, 0) == ymd(2024, 2, 28), "28 Feb 2025 - 12 months");
	check(sc_minus_months_days(ymd(2024, 3, 31), 1, 0) == ymd(2024, 2, 29), "31 Mar - 1 month");
	check(sc_minus_months_days(ymd(2025, 1, 15), 24, 0) == ymd(2023, 1, 15), "- 24 months");
	check(sc_minus_months_days(ymd(2025, 3, 1), 0, 1) == ymd(2025, 2, 28), "- 1 day");
	/* months first, then days: 2024-03-31 - (1 month 1 day) = 2024-02-28 */
	check(sc_minus_months_days(ymd(2024, 3, 31), 1, 1) == ymd(2024, 2, 28), "- 1 month 1 day");
	check(sc_minus_months_days(ymd(2024, 1, 31), -1, 0) == ymd(2024, 2, 29), "+ 1 month");
	/*
	 * Beyond sc_day: 2025-06-15 - 10,000,000 years is 15 June of year
	 * 2025 - 10^7 = -9997975; a Gregorian 400-year cycle is 146097 days,
	 * and -9997975 = 2025 - 25000 * 400, so it is 25000 * 146097 =
	 * 3,652,425,000 days before 2025-06-15 (below INT32_MIN).
	 */
	check(sc_minus_months_days(ymd(2025, 6, 15), 120000000, 0)
		  == (int64_t) ymd(2025, 6, 15) - INT64_C(3652425000), "- 10,000,000 years: %lld",
		  (long long) sc_minus_months_days(ymd(2025, 6, 15), 120000000, 0));
	/* - 2^31 - 1 days: a plain int64 subtraction */
	check(sc_minus_months_days(ymd(2025, 6, 15), 0, INT32_MAX) == (int64_t) ymd(2025, 6, 15) - INT32_MAX,
		  "- 2147483647 days");
	/*
	 * INT32_MAX months = 178956970 years 7 months, and 178956970 years =
	 * 447392 cycles of 400 years (146097 days each) + 170 years: 2024-08-31
	 * - 7 months = 2024-01-31, - 170 years = 1854-01-31, then the cycles.
	 */
	check(sc_minus_months_days(ymd(2024, 8, 31), INT32_MAX, 0)
		  == (int64_t) ymd(2024 - 170, 1, 31) - INT64_C(447392) * 146097, "- 2^31 - 1 months");
	/* and forward: + 2^31 months from 2024-03-31 = + 178956970 years 8 months: 30 November (clamped) */
	check(sc_minus_months_days(ymd(2024, 3, 31), INT32_MIN, 0)
		  == (int64_t) ymd(2024 + 170, 11, 30) + INT64_C(447392) * 146097, "+ 2^31 months (30 November: clamped)");
	/* the extreme days: day 2^31 - 1 is 5881610-07-11, a month before it 30 days before */
	check(sc_minus_months_days(INT32_MAX, 1, 0) == (int64_t) INT32_MAX - 30, "last int32 day - 1 month");
	check(sc_minus_months_days(INT32_MIN, -1, 0) > INT32_MIN && sc_minus_months_days(INT32_MIN, 0, INT32_MIN) == 0,
		  "first int32 day + 1 month; + 2^31 days");
	end_group("date minus months and days, clamped as PostgreSQL does, beyond int32 days");
}

static void
test_layout(void)
{
	/* 24 month ends April 2024 .. March 2026; 12-month windows start in May 2023 */
	sc_series	s = sc_series_layout(ymd(2024, 4, 1), ymd(2026, 3, 31), 12);

	check(s.nreport == 24 && s.ncounted == 35, "nreport %d ncounted %d", s.nreport, s.ncounted);
	check(sc_month_first_day(s.first_counted) == ymd(2023, 5, 1), "first counted month");
	check(slot_of(&s, ymd(2023, 4, 30)) == -1 && slot_of(&s, ymd(2023, 5, 1)) == 0
		  && slot_of(&s, ymd(2026, 3, 31)) == 34 && slot_of(&s, ymd(2026, 4, 1)) == -1,
		  "slots at the edges");
	/* to not a month end: its month is left out */
	s = sc_series_layout(ymd(2024, 4, 30), ymd(2026, 3, 30), 12);
	check(s.nreport == 23, "to 30 March: %d month ends", s.nreport);
	/* from after its month's end is impossible; from on a month end keeps it */
	s = sc_series_layout(ymd(2024, 4, 30), ymd(2024, 4, 30), 3);
	check(s.nreport == 1 && s.ncounted == 3, "one month end, 3-month window");
	s = sc_series_layout(ymd(2024, 5, 1), ymd(2024, 4, 30), 12);
	check(s.nreport == 0 && s.ncounted == 0 && slot_of(&s, ymd(2024, 4, 1)) == -1, "empty series");
	s = sc_series_layout(ymd(2024, 4, 10), ymd(2024, 4, 29), 12);
	check(s.nreport == 0, "no month end between 10 and 29 April");
	end_group("series layout: month ends in [from, to] and the months their windows count");
}

static void
test_sums(void)
{
	int64_t		counts[2 * 60];
	int64_t		sums[2 * 60];

	srand(4);
	for (int window = 1; window <= 13; window += 3)
	{
		sc_series	s = sc_series_layout(ymd(2024, 1, 31), ymd(2027, 12, 31), window);

		for (int k = 0; k < 2 * s.ncounted; k++)
			counts[k] = rand() % 1000;
		sc_series_sums(&s, counts, 2, sums);
		for (int i = 0; i < s.nreport; i++)
			for (int j = 0; j < 2; j++)
			{
				int64_t		brute = 0;

				for (int k = i; k < i + window; k++)
					brute += counts[k * 2 + j];
				check(sums[i * 2 + j] == brute, "window %d, month end %d, count %d: %lld, brute %lld",
					  window, i, j, (long long) sums[i * 2 + j], (long long) brute);
			}
	}
	end_group("window sums equal a brute-force sum (windows of 1, 4, 7, 10, 13 months)");
}

/* Found by test/fuzz/fuzz_months.c: the result of a large interval overflowed int32. */
static void
test_minus_extreme(void)
{
	/*
	 * is_repeat_plan passes an interval's days, up to 2^31 - 1: 0001-01-01
	 * is day -730119, so the result is -730119 - 2147483647 = -2148213766,
	 * below any int32 (it wrapped round to a positive day, a date in 7880).
	 */
	check(sc_minus_months_days(ymd(1, 1, 1), 0, INT32_MAX) == INT64_C(-2148213766),
		  "0001-01-01 - 2147483647 days");
	end_group("date minus months and days beyond the int32 days");
}

/*
 * The date ranges months.h names, against the calendar dates they stand
 * for; the reporting range's first month is April of year 1, month
 * 1 * 12 + 3.
 */
static void
test_ranges(void)
{
	check(SC_MONTHS_FIRST_DAY == ymd(1, 1, 1) && SC_MONTHS_LAST_DAY == ymd(9999, 12, 31),
		  "years 1 to 9999");
	/* 0001-01-01 + 31 (Jan) + 28 (Feb, year 1 is not leap) + 31 (Mar) = 0001-04-01 */
	check(SC_REPORTING_FIRST_DAY == SC_MONTHS_FIRST_DAY + 31 + 28 + 31, "0001-04-01 is day %d",
		  (int) SC_REPORTING_FIRST_DAY);
	check(SC_REPORTING_FIRST_DAY == ymd(1, 4, 1) && SC_REPORTING_LAST_DAY == ymd(294276, 11, 30),
		  "0001-04-01 to 294276-11-30");
	check(sc_month_number(SC_REPORTING_FIRST_DAY) == 1 * 12 + 3, "April of year 1");
	/* checked_as_at: 24 months from April 1 AD end in March 3 AD, the earliest as_at 0003-03-01 */
	check(sc_month_first_day(sc_month_number(SC_REPORTING_FIRST_DAY) + 24 - 1) == ymd(3, 3, 1),
		  "24 months from April 1 AD");
	end_group("the date ranges of months.h");
}

/*
 * rolling_months' first day, by hand: month ends give whole calendar
 * months, other days the months to date (the day after day - months).
 */
static void
test_rolling_first_day(void)
{
	check(sc_rolling_first_day(ymd(2025, 3, 31), 12) == ymd(2024, 4, 1), "31 Mar 2025: DfE year");
	check(sc_rolling_first_day(ymd(2025, 2, 28), 12) == ymd(2024, 3, 1), "28 Feb 2025: 29 Feb 2024 out");
	check(sc_rolling_first_day(ymd(2024, 2, 29), 12) == ymd(2023, 3, 1), "29 Feb 2024");
	check(sc_rolling_first_day(ymd(2025, 4, 30), 1) == ymd(2025, 4, 1), "30 Apr, 1 month: April");
	check(sc_rolling_first_day(ymd(2025, 3, 31), 3) == ymd(2025, 1, 1), "quarter to 31 Mar");
	check(sc_rolling_first_day(ymd(2025, 2, 15), 12) == ymd(2024, 2, 16), "15 Feb 2025: from 16 Feb 2024");
	check(sc_rolling_first_day(ymd(2025, 3, 15), 12) == ymd(2024, 3, 16), "15 Mar 2025: from 16 Mar 2024");
	check(sc_rolling_first_day(ymd(2025, 2, 27), 12) == ymd(2024, 2, 28), "27 Feb 2025: from 28 Feb 2024");
	check(sc_rolling_first_day(ymd(2025, 2, 28), 1) == ymd(2025, 2, 1), "28 Feb 2025, 1 month: February");
	/* 29 March 2025 - 1 month is 28 February (clamped): from 1 March */
	check(sc_rolling_first_day(ymd(2025, 3, 29), 1) == ymd(2025, 3, 1), "29 Mar, 1 month");
	check(sc_rolling_first_day(ymd(2025, 1, 30), 1) == ymd(2024, 12, 31), "30 Jan, 1 month");
	check(sc_rolling_first_day(ymd(2024, 2, 28), 12) == ymd(2023, 3, 1), "28 Feb 2024 (not a month end)");
	check(sc_rolling_first_day(ymd(1, 1, 15), 1) == ymd(0, 12, 16), "15 Jan of year 1");
	/*
	 * Brute force over every day of 2023-2025 and windows of 1 to 25
	 * months, from year, month and day: a month end gives the first of the
	 * month n - 1 earlier; another day the day after the same day n months
	 * earlier (that month's last day when it is shorter).
	 */
	{
		int			bad = 0;

		for (int y = 2023; y <= 2025; y++)
			for (int m = 1; m <= 12; m++)
			{
				int			len = (int) (ymd(y + m / 12, m % 12 + 1, 1) - ymd(y, m, 1));

				for (int dd = 1; dd <= len; dd++)
					for (int n = 1; n <= 25; n++)
					{
						int			k = y * 12 + (m - 1) - n;	/* the month n earlier */
						int			ty = k / 12;
						int			tm = k % 12 + 1;
						int			tlen = (int) (ymd(ty + tm / 12, tm % 12 + 1, 1) - ymd(ty, tm, 1));
						sc_day		want = dd == len
							? ymd((k + 1) / 12, (k + 1) % 12 + 1, 1)
							: ymd(ty, tm, dd < tlen ? dd : tlen) + 1;

						bad += sc_rolling_first_day(ymd(y, m, dd), n) != want;
					}
			}
		check(bad == 0, "rolling first day of every day of 2023-2025, 1 to 25 months: %d wrong", bad);
	}
	end_group("rolling_months: whole months at month ends, the months to date on other days");
}

int
main(void)
{
	test_month_numbers();
	test_minus_months();
	test_rolling_first_day();
	test_layout();
	test_sums();
	test_minus_extreme();
	test_ranges();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
