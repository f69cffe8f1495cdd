/*
 * src/months.c
 *
 * Calendar months for monthly reporting (see months.h).
 */
#include "months.h"

/* Months since January of year 0: consecutive months differ by one. */
int32_t
sc_month_number(sc_day day)
{
	int			year;
	int			month;
	int			mday;

	sc_ymd_from_day(day, &year, &month, &mday);
	return (int32_t) year * 12 + (month - 1);
}

static int
floormod12(int32_t m)
{
	return (int) (((m % 12) + 12) % 12);
}

sc_day
sc_month_first_day(int32_t month)
{
	int			mod = floormod12(month);

	return sc_day_from_ymd((int) ((month - mod) / 12), mod + 1, 1);
}

sc_day
sc_month_last_day(int32_t month)
{
	return sc_month_first_day(month + 1) - 1;
}

/* Days in month m (1 to 12) of year y (proleptic Gregorian, any int64 year). */
static int
days_in_month(int64_t y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : mdays[m - 1];
}

/*
 * day + months, the day of the month clamped to the target month's length
 * (31 May + 3 months = 31 August, 29 February 2024 + 12 months = 28
 * February 2025), as PostgreSQL's date + interval does.  The one month
 * arithmetic of the extension: exact in int64 for |months| up to 2^53, far
 * beyond any int32 amount (the target year and its day number may lie
 * beyond any sc_day, which must not wrap round).
 */
int64_t
sc_add_months(sc_day day, int64_t months)
{
	int			year;
	int			month;
	int			mday;
	int64_t		target;
	int64_t		ty;
	int			tm;
	int64_t		first;
	int			length;

	sc_ymd_from_day(day, &year, &month, &mday);
	target = (int64_t) year * 12 + (month - 1) + months;
	ty = target >= 0 ? target / 12 : -((-target + 11) / 12);
	tm = (int) (target - ty * 12) + 1;
	first = sc_day64_from_ymd(ty, tm, 1);
	length = days_in_month(ty, tm);
	return first + (mday < length ? mday : length) - 1;
}

/*
 * day - months - days, months first (sc_add_months), then days, as
 * PostgreSQL's date - interval does.  Exact for every day, months and
 * days: an interval's 2^31 - 1 months or days take it far below any
 * sc_day, and the caller compares the int64 result with its dates.
 */
int64_t
sc_minus_months_days(sc_day day, int32_t months, int32_t days)
{
	return sc_add_months(day, -(int64_t) months) - days;
}

/*
 * The first day of the rolling period of `months` months ending on end
 * (rolling_months): on a month end, the whole calendar months ending with
 * end's month (the first day of the month months - 1 earlier, as DfE's
 * year at 31 March); on any other day, "the months to date", the day
 * after end - months (PostgreSQL's date - interval: 15 February 2025 gives
 * 16 February 2024).  The two agree at most month ends, not where end's
 * month is shorter than the one months earlier: at 28 February 2025 the
 * whole months start on 1 March 2024, the day after 28 February 2024 is
 * 29 February.  months is 1 to SC_MAX_MONTHS, end in years 1 to 9999.
 */
sc_day
sc_rolling_first_day(sc_day end, int32_t months)
{
	int32_t		m = sc_month_number(end);

	if (sc_month_last_day(m) == end)
		return sc_month_first_day(m - (months - 1));
	return (sc_day) (sc_minus_months_days(end, months, 0) + 1);
}

/*
 * The series of month ends in [from, to] with windows of `window` months.
 * The first month end is from's month's (it is on or after from); the last
 * is to's month's if to is that month end, else the month before.  An empty
 * series (nreport = 0) when to is before the first month end.
 */
sc_series
sc_series_layout(sc_day from, sc_day to, int32_t window)
{
	sc_series	s;
	int32_t		last = sc_month_number(to);

	if (sc_month_last_day(last) != to)
		last--;
	s.first_month = sc_month_number(from);
	s.nreport = last >= s.first_month ? last - s.first_month + 1 : 0;
	s.window = window;
	s.first_counted = s.first_month - (window - 1);
	s.ncounted = s.nreport > 0 ? s.nreport + window - 1 : 0;
	return s;
}

/* The counted month day falls in (0 .. ncounted - 1), or SC_OUT_OF_RANGE. */
sc_status
sc_series_slot(const sc_series *s, sc_day day, int32_t *slot)
{
	int32_t		k = sc_month_number(day) - s->first_counted;

	if (k < 0 || k >= s->ncounted)
		return SC_OUT_OF_RANGE;
	*slot = k;
	return SC_OK;
}

/*
 * Window sums: counts holds `width` counts for each counted month;
 * sums[i * width + j] = the sum of count j over the window ending at
 * month end i.  One pass, adding the month that enters and subtracting
 * the one that leaves.
 */
void
sc_series_sums(const sc_series *s, const int64_t *counts, int width, int64_t *sums)
{
	for (int j = 0; j < width; j++)
	{
		int64_t		run = 0;

		for (int32_t k = 0; k < s->ncounted; k++)
		{
			run += counts[k * width + j];
			if (k >= s->window)
				run -= counts[(k - s->window) * width + j];
			if (k >= s->window - 1)
				sums[(k - (s->window - 1)) * width + j] = run;
		}
	}
}
