/*
 * test/fuzz/fuzz_months.c
 *
 * libFuzzer target for src/months.c.  For any day (every int32) the month
 * number is the naive year * 12 + month - 1 and advances by one exactly
 * after a month's last day; a month's first and last days (for every month
 * whose days fit in int32) lie in that month and span its naive length;
 * date - months - days agrees with a naive day count (int64: the glue
 * passes days up to 2^31 - 1) and with the day of the month clamped; a
 * rolling series' layout, slots and window sums agree with their
 * definitions in months.h and a naive window sum; rolling_months' first
 * day is the naive one (whole months at a month end, else the day after
 * the same day months earlier, clamped).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_input.h"
#include "naive_calendar.h"
#include "months.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_WIDTH 4
#define MAX_COUNTED 400

static void
fail(const char *what, long long a, long long b, long long c)
{
	fprintf(stderr, "fuzz_months: %s (%lld, %lld, %lld)\n", what, a, b, c);
	abort();
}

/* The naive month number (January of year 0 is 0) of a day. */
static int64_t
naive_month(sc_day day)
{
	int			y, m, d;

	sc_ymd_from_day(day, &y, &m, &d);
	if (naive_day(y, m, d) != day)
		fail("civil day disagrees with the naive count", day, y, m);
	return (int64_t) y * 12 + m - 1;
}

static void
check_day(sc_day day)
{
	int64_t		m = naive_month(day);

	if (sc_month_number(day) != m)
		fail("month number", day, sc_month_number(day), m);
	if (day < INT32_MAX)
	{
		int			y, mo, d;

		sc_ymd_from_day(day, &y, &mo, &d);
		if (sc_month_number(day + 1) - sc_month_number(day) != (d == days_in_month(y, mo)))
			fail("month number does not step at the month end", day, sc_month_number(day + 1), d);
	}
}

/* Months whose first and last days (and the next month's first) fit in int32. */
static void
check_month(int32_t month)
{
	int64_t		y = floordiv(month, 12);
	int			m = (int) (month - y * 12) + 1;
	sc_day		first = sc_month_first_day(month);
	sc_day		last = sc_month_last_day(month);

	if (first != naive_day(y, m, 1) || last != naive_day(y, m, days_in_month(y, m)))
		fail("month's first or last day", month, first, last);
	if (sc_month_number(first) != month || sc_month_number(last) != month)
		fail("first or last day outside its month", month, first, last);
}

/* day - months - days, checked against the naive count; any int32 arguments. */
static void
check_minus(sc_day day, int32_t months, int32_t days)
{
	int			y, m, d;
	int64_t		target, ty, got = sc_minus_months_days(day, months, days);
	int			tm, td;

	sc_ymd_from_day(day, &y, &m, &d);
	target = (int64_t) y * 12 + m - 1 - months;
	ty = floordiv(target, 12);
	tm = (int) (target - ty * 12) + 1;
	td = d < days_in_month(ty, tm) ? d : days_in_month(ty, tm);
	if (got != naive_day(ty, tm, td) - days)
		fail("date - months - days", day, months, days);
	if (got + days != sc_minus_months_days(day, months, 0))
		fail("the days are not subtracted after the months", day, months, days);
}

/* A series layout and its slots, against the definitions in months.h. */
static void
check_layout(const sc_series *s, sc_day from, sc_day to, int32_t window, sc_day probe)
{
	int32_t		slot = -1;
	sc_status	status = sc_series_slot(s, probe, &slot);

	if (s->first_month != sc_month_number(from) || s->window != window
		|| s->nreport < 0 || s->first_counted != s->first_month - (window - 1))
		fail("layout fields", from, to, window);
	if (s->ncounted != (s->nreport > 0 ? s->nreport + window - 1 : 0))
		fail("layout counted months", from, to, s->ncounted);
	/* the first month end is on or after from; the last on or before to, the next after */
	if (sc_month_last_day(s->first_month + s->nreport) <= to)
		fail("layout stops before a month end within to", from, to, s->nreport);
	if (s->nreport > 0 && sc_month_last_day(s->first_month + s->nreport - 1) > to)
		fail("layout reports a month end after to", from, to, s->nreport);
	if (sc_month_last_day(s->first_month) < from)
		fail("first month end before from", from, to, 0);
	if ((slot >= 0) != (sc_month_number(probe) >= s->first_counted
						&& sc_month_number(probe) < s->first_counted + s->ncounted)
		|| (slot >= 0 && sc_month_number(probe) != s->first_counted + slot) || slot < -1
		|| (status == SC_OK) != (slot >= 0))
		fail("series slot", probe, slot, s->first_counted);
}

/* Window sums against a naive sum over each window. */
static void
check_sums(const sc_series *s, fuzz_input *in, int width)
{
	int64_t    *counts = malloc(sizeof(int64_t) * (size_t) s->ncounted * width + 1);
	int64_t    *sums = malloc(sizeof(int64_t) * (size_t) s->nreport * width + 1);

	if (counts == NULL || sums == NULL)
		abort();
	/* counts of up to 2^40 each: no window of 1200 months can overflow */
	for (int32_t i = 0; i < s->ncounted * width; i++)
		counts[i] = fuzz_range(in, -((int64_t) 1 << 40), (int64_t) 1 << 40);
	sc_series_sums(s, counts, width, sums);
	for (int32_t i = 0; i < s->nreport; i++)
		for (int j = 0; j < width; j++)
		{
			int64_t		want = 0;

			for (int32_t k = i; k < i + s->window; k++)
				want += counts[k * width + j];
			if (sums[i * width + j] != want)
				fail("window sum", i, j, sums[i * width + j]);
		}
	free(counts);
	free(sums);
}

/* rolling_months' first day against the naive reading of each case. */
static void
check_rolling(sc_day end, int32_t months)
{
	int			y, m, d;
	int64_t		target, ty, want;
	int			tm;

	sc_ymd_from_day(end, &y, &m, &d);
	if (d == days_in_month(y, m))
	{
		target = (int64_t) y * 12 + m - 1 - (months - 1);
		ty = floordiv(target, 12);
		want = naive_day(ty, (int) (target - ty * 12) + 1, 1);
	}
	else
	{
		target = (int64_t) y * 12 + m - 1 - months;
		ty = floordiv(target, 12);
		tm = (int) (target - ty * 12) + 1;
		want = naive_day(ty, tm, d < days_in_month(ty, tm) ? d : days_in_month(ty, tm)) + 1;
	}
	if (sc_rolling_first_day(end, months) != want || want > end)
		fail("rolling_months first day", end, months, sc_rolling_first_day(end, months));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	/* months whose days, and the next month's first day, fit in int32 */
	static const int32_t lo_month = -70531326,
				hi_month = 70579325;
	sc_day		from, to;
	int32_t		window;
	sc_series	s;

	check_day((sc_day) fuzz_u32(&in));
	check_day((sc_day) fuzz_range(&in, SC_MONTHS_FIRST_DAY - 400, SC_MONTHS_LAST_DAY + 400));
	check_month((int32_t) fuzz_range(&in, lo_month, hi_month));
	check_month((int32_t) fuzz_range(&in, 0, 120000));
	if (sc_month_number(INT32_MIN) != lo_month - 1 || sc_month_number(INT32_MAX) != hi_month + 1)
		fail("month bounds of the target", sc_month_number(INT32_MIN), sc_month_number(INT32_MAX), 0);

	/* what plans_sql.c passes: years 1 to 9999, |months| <= 12000, days >= 0 */
	check_minus((sc_day) fuzz_range(&in, SC_MONTHS_FIRST_DAY, SC_MONTHS_LAST_DAY),
				(int32_t) fuzz_range(&in, -SC_MAX_MONTHS * 10, SC_MAX_MONTHS * 10),
				(int32_t) fuzz_range(&in, 0, fuzz_u8(&in) & 1 ? INT32_MAX : 400));
	/* what rereferrals_sql.c and plans_sql.c may pass: any date PostgreSQL
	 * has, any interval's months and days (the whole int32 range) */
	check_minus((sc_day) fuzz_u32(&in), (int32_t) fuzz_u32(&in), (int32_t) fuzz_u32(&in));
	check_minus((sc_day) fuzz_range(&in, SC_MONTHS_FIRST_DAY, SC_MONTHS_LAST_DAY),
				fuzz_u8(&in) & 1 ? INT32_MAX - (int32_t) fuzz_range(&in, 0, 30)
				: INT32_MIN + (int32_t) fuzz_range(&in, 0, 30),
				(int32_t) fuzz_range(&in, 0, fuzz_u8(&in) & 1 ? INT32_MAX : 400));

	/* what series_sql.c passes: years 1 to 9999, windows of 1 to 1200 */
	from = (sc_day) fuzz_range(&in, SC_MONTHS_FIRST_DAY, SC_MONTHS_LAST_DAY);
	to = fuzz_u8(&in) & 1 ? (sc_day) fuzz_range(&in, SC_MONTHS_FIRST_DAY, SC_MONTHS_LAST_DAY)
		: (sc_day) fuzz_range(&in, from - 100 < SC_MONTHS_FIRST_DAY ? SC_MONTHS_FIRST_DAY : from - 100,
							  from + 9000 > SC_MONTHS_LAST_DAY ? SC_MONTHS_LAST_DAY : from + 9000);
	window = (int32_t) fuzz_range(&in, 1, fuzz_u8(&in) & 1 ? SC_MAX_MONTHS : 24);
	s = sc_series_layout(from, to, window);
	check_layout(&s, from, to, window, (sc_day) fuzz_u32(&in));
	check_layout(&s, from, to, window, (sc_day) fuzz_range(&in, from - 40000, to + 400));
	if (s.ncounted <= MAX_COUNTED)
		check_sums(&s, &in, (int) fuzz_range(&in, 1, MAX_WIDTH));
	/* what rolling_months passes: years 1 to 9999, 1 to 1200 months */
	check_rolling((sc_day) fuzz_range(&in, SC_MONTHS_FIRST_DAY, SC_MONTHS_LAST_DAY),
				  (int32_t) fuzz_range(&in, 1, fuzz_u8(&in) & 1 ? SC_MAX_MONTHS : 25));
	return 0;
}
