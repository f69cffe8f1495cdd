/*
 * test/unit/age_test.c: sc_years_of_age (src/civil.c), the age in whole years
 * behind age_at and under_18_at, without PostgreSQL.  Expected values are
 * worked out by hand in the comments; the last group counts birthdays one
 * by one, day by day.
 */
#include <stdlib.h>

#include "civil.h"
#include "tap.h"

static sc_day
ymd(int y, int m, int d)
{
	return sc_day_from_ymd(y, m, d);
}

/* The age, or -1 for SC_OUT_OF_RANGE (which must leave *years alone). */
static int32_t
age(sc_day birth, sc_day day)
{
	int32_t		years = -7;
	sc_status	status = sc_years_of_age(birth, day, &years);

	if (status == SC_OK)
		return years;
	return status == SC_OUT_OF_RANGE && years == -7 ? -1 : -2;
}

static void
test_ordinary(void)
{
	/* born 15 June 2010: 0 on the day, 13 on 14 June 2024, 14 on 15 June 2024 */
	check(age(ymd(2010, 6, 15), ymd(2010, 6, 15)) == 0, "day of birth");
	check(age(ymd(2010, 6, 15), ymd(2011, 6, 14)) == 0, "day before the first birthday");
	check(age(ymd(2010, 6, 15), ymd(2011, 6, 15)) == 1, "first birthday");
	check(age(ymd(2010, 6, 15), ymd(2024, 6, 14)) == 13, "day before the 14th birthday");
	check(age(ymd(2010, 6, 15), ymd(2024, 6, 15)) == 14, "14th birthday");
	check(age(ymd(2010, 6, 15), ymd(2024, 12, 31)) == 14, "end of the year");
	check(age(ymd(2010, 6, 15), ymd(2025, 1, 1)) == 14, "new year's day: 14 still");
	/* born 31 December 2006: 17 on 30 December 2024, 18 on 31 December 2024 */
	check(age(ymd(2006, 12, 31), ymd(2024, 12, 30)) == 17, "day before the 18th birthday");
	check(age(ymd(2006, 12, 31), ymd(2024, 12, 31)) == 18, "18th birthday");
	/* born 1 January 2007: 17 on 31 December 2024 */
	check(age(ymd(2007, 1, 1), ymd(2024, 12, 31)) == 17, "1 January birth on 31 December");
	/* a day before the birth has no age */
	check(age(ymd(2010, 6, 15), ymd(2010, 6, 14)) == -1, "day before the birth");
	check(age(ymd(2010, 6, 15), ymd(1900, 1, 1)) == -1, "long before the birth");
	end_group("whole years: birthdays, year ends, a day before the birth");
}

static void
test_leap_day(void)
{
	/* born 29 Feb 2008: in 2009 (common) the birthday is reached on 1 March */
	check(age(ymd(2008, 2, 29), ymd(2009, 2, 28)) == 0, "28 Feb 2009: not yet 1");
	check(age(ymd(2008, 2, 29), ymd(2009, 3, 1)) == 1, "1 Mar 2009: 1");
	/* in 2012 (leap) on 29 February */
	check(age(ymd(2008, 2, 29), ymd(2012, 2, 28)) == 3, "28 Feb 2012: 3");
	check(age(ymd(2008, 2, 29), ymd(2012, 2, 29)) == 4, "29 Feb 2012: 4");
	/* the 18th birthday falls in 2026, a common year: 17 on 28 Feb, 18 on 1 Mar */
	check(age(ymd(2008, 2, 29), ymd(2026, 2, 28)) == 17, "28 Feb 2026: 17");
	check(age(ymd(2008, 2, 29), ymd(2026, 3, 1)) == 18, "1 Mar 2026: 18");
	/* 2100 is not a leap year: born 29 Feb 2096, 4 on 1 Mar 2100 */
	check(age(ymd(2096, 2, 29), ymd(2100, 2, 28)) == 3, "28 Feb 2100: 3");
	check(age(ymd(2096, 2, 29), ymd(2100, 3, 1)) == 4, "1 Mar 2100: 4");
	/* born 28 Feb or 1 Mar of a leap year: their own days */
	check(age(ymd(2008, 2, 28), ymd(2009, 2, 28)) == 1, "28 Feb birth on 28 Feb");
	check(age(ymd(2008, 3, 1), ymd(2009, 2, 28)) == 0, "1 Mar birth on 28 Feb");
	check(age(ymd(2008, 3, 1), ymd(2012, 2, 29)) == 3, "1 Mar birth on 29 Feb of a leap year");
	end_group("29 February births: 1 March in common years, 29 February in leap years");
}

static void
test_extremes(void)
{
	/* the whole int32 range of days: about 11.7 million years */
	int32_t		y = 0;

	check(sc_years_of_age(INT32_MIN, INT32_MAX, &y) == SC_OK && y > 11000000 && y < 12000000,
		  "the whole range: %d years", y);
	check(age(INT32_MAX, INT32_MAX) == 0, "the last day");
	check(age(INT32_MAX, INT32_MIN) == -1, "reversed extremes");
	end_group("extreme days");
}

/* Count birthdays one at a time: the anniversary in each year, 1 March when 29 Feb is missing. */
static void
test_counted(void)
{
	int			bad = 0;

	for (sc_day birth = ymd(1999, 12, 25); birth <= ymd(2004, 3, 5); birth += 3)
	{
		int			by, bm, bd;
		int32_t		counted = 0;
		int			next_year;
		sc_day		next;

		sc_ymd_from_day(birth, &by, &bm, &bd);
		next_year = by + 1;
		next = (bm == 2 && bd == 29 && !(next_year % 4 == 0 && (next_year % 100 != 0 || next_year % 400 == 0)))
			? ymd(next_year, 3, 1) : ymd(next_year, bm, bd);
		for (sc_day day = birth; day <= ymd(2030, 12, 31); day++)
		{
			if (day == next)
			{
				counted++;
				next_year++;
				next = (bm == 2 && bd == 29
						&& !(next_year % 4 == 0 && (next_year % 100 != 0 || next_year % 400 == 0)))
					? ymd(next_year, 3, 1) : ymd(next_year, bm, bd);
			}
			if (age(birth, day) != counted)
				bad++;
		}
	}
	check(bad == 0, "births from 1999 to 2004, every day to 2030: %d wrong", bad);
	end_group("ages against birthdays counted one by one");
}

int
main(void)
{
	test_ordinary();
	test_leap_day();
	test_extremes();
	test_counted();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
