/*
 * test/fuzz/naive_calendar.h
 *
 * A naive proleptic Gregorian calendar, written without src/civil.c, for
 * the fuzz targets to check the core against: days in a month, floor
 * division, and the day number (days since 2000-01-01) of y-m-d.
 */
#ifndef SOCIALCARE_NAIVE_CALENDAR_H
#define SOCIALCARE_NAIVE_CALENDAR_H

#include <stdint.h>

static inline int
days_in_month(int64_t y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int			leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : len[m - 1];
}

static inline int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Naive day number of y-m-d: whole years from 2000 by leap-year counts. */
static inline int64_t
naive_day(int64_t y, int m, int d)
{
	int64_t		leaps = (floordiv(y - 1, 4) - floordiv(y - 1, 100) + floordiv(y - 1, 400))
		- (499 - 19 + 4);		/* leap years before 2000 */
	int64_t		day = 365 * (y - 2000) + leaps;

	for (int i = 1; i < m; i++)
		day += days_in_month(y, i);
	return day + d - 1;
}

#endif
