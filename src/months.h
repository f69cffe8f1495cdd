/*
 * src/months.h
 *
 * Calendar months for monthly reporting: month numbers, month ends, the
 * whole-month windows of a rolling series, and date minus months and days
 * as PostgreSQL computes it (the day clamped to the month's length).
 * Pure C, no PostgreSQL header.
 */
#ifndef SOCIALCARE_MONTHS_H
#define SOCIALCARE_MONTHS_H

#include <stdint.h>

#include "civil.h"
#include "status.h"

/* Longest series and window accepted: 100 years of months. */
#define SC_MAX_MONTHS 1200

/*
 * Dates reporting periods are computed for (socialcare.reporting_date,
 * month_ends, the scorecard's as_at): from 0001-04-01 (financial years
 * have no year 0) to 294276-11-30 (date_part and date_trunc go through
 * timestamp, and month_ends adds a month to the last month).
 */
#define SC_REPORTING_FIRST_DAY (-730029)	/* 0001-04-01 */
#define SC_REPORTING_LAST_DAY 106751951		/* 294276-11-30 */

/* Dates accepted by the monthly functions: years 1 to 9999. */
#define SC_MONTHS_FIRST_DAY (-730119)	/* 0001-01-01 */
#define SC_MONTHS_LAST_DAY 2921939		/* 9999-12-31 */

/*
 * A rolling series: month ends first_month .. first_month + nreport - 1
 * (month numbers), each the end of a window of `window` whole months.
 * Counts are kept for the ncounted = nreport + window - 1 months from
 * first_counted on.
 */
typedef struct sc_series
{
	int32_t		first_month;
	int32_t		nreport;
	int32_t		window;
	int32_t		first_counted;
	int32_t		ncounted;
} sc_series;

/*
 * Month numbers count from January of year 0.  sc_month_first_day and
 * sc_month_last_day need months whose days fit in sc_day (about +-70
 * million); sc_add_months and sc_minus_months_days take any day, months
 * and days and are int64 because an interval's months or days (up to 2^31 - 1) can take it
 * past any sc_day.  test/fuzz/fuzz_months.c checks these against a naive
 * day count.
 */
extern int32_t sc_month_number(sc_day day);
extern sc_day sc_month_first_day(int32_t month);
extern sc_day sc_month_last_day(int32_t month);
extern int64_t sc_add_months(sc_day day, int64_t months);
extern int64_t sc_minus_months_days(sc_day day, int32_t months, int32_t days);
extern sc_day sc_rolling_first_day(sc_day end, int32_t months);
extern sc_series sc_series_layout(sc_day from, sc_day to, int32_t window);
extern sc_status sc_series_slot(const sc_series *s, sc_day day, int32_t *slot);
extern void sc_series_sums(const sc_series *s, const int64_t *counts, int width,
						   int64_t *sums);

#endif
