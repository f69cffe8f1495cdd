/*
 * src/civil.c
 *
 * Day numbers, weekdays and Easter for the proleptic Gregorian calendar.
 */
#include "civil.h"

/* Floor division, because C division truncates towards zero. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/*
 * Days from 2000-01-01, by counting from 1 March so that the leap day is
 * the last day of the computational year (H. Hinnant's days_from_civil).
 */
sc_day
sc_day_from_ymd(int year, int month, int mday)
{
	return (sc_day) sc_day64_from_ymd(year, month, mday);
}

/*
 * The same count for any year whose days fit in int64 (|year| < 2^54):
 * months.c reaches years of about +-190 million, whose days do not fit in
 * sc_day.
 */
int64_t
sc_day64_from_ymd(int64_t year, int month, int mday)
{
	int64_t		y = year - (month <= 2);
	int64_t		era = floordiv(y, 400);
	int64_t		yoe = y - era * 400;
	int64_t		mp = (month + 9) % 12;
	int64_t		doy = (153 * mp + 2) / 5 + mday - 1;
	int64_t		doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	/* 730425 days separate 0000-03-01 from 2000-01-01 */
	return era * 146097 + doe - 730425;
}

/* Inverse of sc_day_from_ymd. */
void
sc_ymd_from_day(sc_day day, int *year, int *month, int *mday)
{
	int64_t		z = (int64_t) day + 730425;
	int64_t		era = floordiv(z, 146097);
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;
	int			m = (int) (mp < 10 ? mp + 3 : mp - 9);

	*mday = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = m;
	*year = (int) (yoe + era * 400 + (m <= 2));
}

/* Monday = 0 ... Sunday = 6; 2000-01-01 was a Saturday. */
int
sc_weekday(sc_day day)
{
	return (int) (((int64_t) day % 7 + 7 + SC_SAT) % 7);
}

/* Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher algorithm). */
sc_day
sc_easter_sunday(int year)
{
	int			a = year % 19;
	int			b = year / 100;
	int			c = year % 100;
	int			d = b / 4;
	int			e = b % 4;
	int			f = (b + 8) / 25;
	int			g = (b - f + 1) / 3;
	int			h = (19 * a + b - d - g + 15) % 30;
	int			i = c / 4;
	int			k = c % 4;
	int			l = (32 + 2 * e + 2 * i - h - k) % 7;
	int			m = (a + 11 * h + 22 * l) / 451;
	int			month = (h + l - 7 * m + 114) / 31;
	int			mday = (h + l - 7 * m + 114) % 31 + 1;

	return sc_day_from_ymd(year, month, mday);
}

/* The n-th (1-based) given weekday of a month. */
sc_day
sc_nth_weekday(int year, int month, int weekday, int n)
{
	sc_day		first = sc_day_from_ymd(year, month, 1);

	return first + (weekday - sc_weekday(first) + 7) % 7 + 7 * (n - 1);
}

/* The last given weekday of a month. */
sc_day
sc_last_weekday(int year, int month, int weekday)
{
	sc_day		last = month == 12 ? sc_day_from_ymd(year + 1, 1, 1) - 1
		: sc_day_from_ymd(year, month + 1, 1) - 1;

	return last - (sc_weekday(last) - weekday + 7) % 7;
}

/*
 * Whole years from birth to day: the years between them, less one when
 * day's (month, day of month) comes before the birthday's in the year.  A
 * 29 February birthday compares after 28 February, so in a common year it
 * is reached on 1 March (England and Wales; the leap day itself in leap
 * years).
 */
sc_status
sc_years_of_age(sc_day birth, sc_day day, int32_t *years)
{
	int			by, bm, bd;
	int			y, m, d;

	if (day < birth)
		return SC_OUT_OF_RANGE;
	sc_ymd_from_day(birth, &by, &bm, &bd);
	sc_ymd_from_day(day, &y, &m, &d);
	*years = (int32_t) (y - by) - (m < bm || (m == bm && d < bd));
	return SC_OK;
}
