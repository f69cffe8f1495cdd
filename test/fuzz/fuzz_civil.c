/*
 * test/fuzz/fuzz_civil.c
 *
 * libFuzzer target for src/civil.c: for any day PostgreSQL can hold (every
 * int32), year-month-day and back is the identity, the date is valid, and
 * the weekday advances by one a day; Easter is a Sunday from 22 March to
 * 25 April; the n-th and last weekdays of a month are that weekday, in
 * that month, in the right week.  Checked against a naive leap-year rule.
 * The age in whole years lies between the naive anniversaries it names
 * (a 29 February birthday on 1 March in common years).
 */
#include <stdio.h>
#include <stdlib.h>

#include "civil.h"
#include "fuzz_input.h"
#include "naive_calendar.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, long long a, long long b, long long c)
{
	fprintf(stderr, "fuzz_civil: %s (%lld, %lld, %lld)\n", what, a, b, c);
	abort();
}

static void
check_day(sc_day day)
{
	int			y, m, d;

	sc_ymd_from_day(day, &y, &m, &d);
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		fail("invalid date", y, m, d);
	if (sc_day_from_ymd(y, m, d) != day)
		fail("ymd round trip", day, sc_day_from_ymd(y, m, d), 0);
	if (day < INT32_MAX && (sc_weekday(day) + 1) % 7 != sc_weekday(day + 1))
		fail("weekday sequence", day, sc_weekday(day), sc_weekday(day + 1));
	if (sc_weekday(day) < SC_MON || sc_weekday(day) > SC_SUN)
		fail("weekday range", day, sc_weekday(day), 0);
}

static void
check_month(int year, int month, int weekday, int n)
{
	sc_day		nth = sc_nth_weekday(year, month, weekday, n);
	sc_day		last = sc_last_weekday(year, month, weekday);
	int			y, m, d;

	sc_ymd_from_day(nth, &y, &m, &d);
	if (sc_weekday(nth) != weekday || y != year || m != month || (d - 1) / 7 != n - 1)
		fail("nth weekday", year, month, d);
	sc_ymd_from_day(last, &y, &m, &d);
	if (sc_weekday(last) != weekday || y != year || m != month || d + 7 <= days_in_month(y, m))
		fail("last weekday", year, month, d);
}

/* The n-th anniversary of a birth on by-bm-bd, by the naive calendar. */
static int64_t
anniversary(int by, int bm, int bd, int64_t n)
{
	int64_t		y = by + n;

	return bd <= days_in_month(y, bm) ? naive_day(y, bm, bd) : naive_day(y, 3, 1);
}

static void
check_age(sc_day birth, sc_day day)
{
	int32_t		years = -1;
	sc_status	status = sc_years_of_age(birth, day, &years);
	int			by, bm, bd;

	if (day < birth)
	{
		if (status != SC_OUT_OF_RANGE || years != -1)
			fail("age before birth", birth, day, years);
		return;
	}
	sc_ymd_from_day(birth, &by, &bm, &bd);
	if (status != SC_OK || years < 0
		|| anniversary(by, bm, bd, years) > day || anniversary(by, bm, bd, (int64_t) years + 1) <= day)
		fail("age between anniversaries", birth, day, years);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	sc_day		day = (sc_day) fuzz_u32(&in);
	/* Years whose whole span of days fits in int32 (up to 5,800,000). */
	int			year = (int) fuzz_range(&in, -5000000, 5000000);
	int			month = (int) fuzz_range(&in, 1, 12);
	int			weekday = (int) fuzz_range(&in, SC_MON, SC_SUN);
	int			n = (int) fuzz_range(&in, 1, 4);
	int			easter_year = (int) fuzz_range(&in, 1583, 5000000);
	sc_day		easter = sc_easter_sunday(easter_year);
	int			y, m, d;

	check_day(day);
	check_day((sc_day) fuzz_range(&in, -800000, 80000));	/* 1 AD to 2219 */
	check_month(year, month, weekday, n);
	check_age(day, (sc_day) fuzz_u32(&in));
	check_age((sc_day) fuzz_range(&in, -800000, 80000), (sc_day) fuzz_range(&in, -800000, 80000));
	sc_ymd_from_day(easter, &y, &m, &d);
	if (sc_weekday(easter) != SC_SUN || y != easter_year
		|| !((m == 3 && d >= 22) || (m == 4 && d <= 25)))
		fail("Easter", easter_year, m, d);
	return 0;
}
