/*
 * test/unit/core_test.c
 *
 * Unit tests of the pure-C calendar core (civil.c, bankholidays.c,
 * wdindex.c), without PostgreSQL.  Prints TAP-like lines, one per group
 * of checks, with a "# " diagnostic for every failed assertion, and exits
 * 1 if any group failed.
 *
 *	  make test/unit/core_test
 *	  test/unit/core_test test/data/bank-holidays-govuk.csv
 *
 * Expected values come from outside the code under test: a day-by-day
 * counter, Knuth's Easter algorithm, published Easter tables, the GOV.UK
 * bank holiday feed (argv[1]) and hand-checked historic proclamations.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bankholidays.h"
#include "civil.h"
#include "wdindex.h"

#include "tap.h"

/* ----------------------------------------------------------------
 * Independent calendar helpers
 * ----------------------------------------------------------------
 */

/* The Gregorian leap-year rule, written out. */
static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in a month, from a table rather than from day numbers. */
static int
month_length(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* A date as text for diagnostics (a rotating buffer, four at a time). */
static const char *
ds(sc_day day)
{
	static char buf[4][32];
	static int	next;
	char	   *s = buf[next++ % 4];
	int			y,
				m,
				d;

	sc_ymd_from_day(day, &y, &m, &d);
	snprintf(s, sizeof(buf[0]), "%04d-%02d-%02d (%d)", y, m, d, (int) day);
	return s;
}

/* Shorthand for a date in the code's day numbers. */
static sc_day
D(int y, int m, int d)
{
	return sc_day_from_ymd(y, m, d);
}

/*
 * Gregorian Easter by Knuth's algorithm E (TAOCP 1.3.2, ex. 14): golden
 * number and epact, a formulation different from the one in civil.c.
 * Returns the month (3 or 4) and day of month.
 */
static void
knuth_easter(int year, int *month, int *mday)
{
	int			g = year % 19 + 1;
	int			c = year / 100 + 1;
	int			x = 3 * c / 4 - 12;
	int			z = (8 * c + 5) / 25 - 5;
	int			d = 5 * year / 4 - x - 10;
	int			e = (11 * g + 20 + z - x) % 30;
	int			n;

	if (e < 0)
		e += 30;
	if ((e == 25 && g > 11) || e == 24)
		e++;
	n = 44 - e;
	if (n < 21)
		n += 30;
	n = n + 7 - (d + n) % 7;
	*month = n > 31 ? 4 : 3;
	*mday = n > 31 ? n - 31 : n;
}

/* ----------------------------------------------------------------
 * civil.c
 * ----------------------------------------------------------------
 */

/* Every day 1600..2400 against a counter stepped one day at a time. */
static void
test_round_trip(void)
{
	int64_t		counter = 0;
	int			weekday = SC_SAT;	/* 1600-01-01, like 2000-01-01 */

	/* Day number of 1600-01-01: minus the days of the years 1600..1999. */
	for (int y = 1600; y < 2000; y++)
		counter -= is_leap(y) ? 366 : 365;

	for (int y = 1600; y <= 2400; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= month_length(y, m); d++)
			{
				sc_day		day = sc_day_from_ymd(y, m, d);
				int			yy,
							mm,
							dd;

				sc_ymd_from_day((sc_day) counter, &yy, &mm, &dd);
				check(day == counter,
					  "sc_day_from_ymd(%d, %d, %d) = %d, expected %lld",
					  y, m, d, (int) day, (long long) counter);
				check(yy == y && mm == m && dd == d,
					  "sc_ymd_from_day(%lld) = %d-%d-%d, expected %d-%d-%d",
					  (long long) counter, yy, mm, dd, y, m, d);
				check(sc_weekday((sc_day) counter) == weekday,
					  "sc_weekday(%d-%d-%d) = %d, expected %d",
					  y, m, d, sc_weekday((sc_day) counter), weekday);
				counter++;
				weekday = (weekday + 1) % 7;
			}
	end_group("civil: day <-> y/m/d and weekday round trip 1600..2400 against a day counter");
}

/* Weekdays of a few dates everybody can look up. */
static void
test_known_weekdays(void)
{
	static const struct
	{
		int			y,
					m,
					d,
					weekday;
	}			cases[] = {
		{2000, 1, 1, SC_SAT},
		{2025, 3, 3, SC_MON},
		{1971, 1, 1, SC_FRI},
		{1970, 1, 1, SC_THU},
		{1900, 1, 1, SC_MON},
		{1600, 1, 1, SC_SAT},
		{2199, 12, 31, SC_TUE},
		{2024, 12, 25, SC_WED},
	};

	check(sc_day_from_ymd(2000, 1, 1) == 0, "2000-01-01 is day %d, expected 0",
		  (int) sc_day_from_ymd(2000, 1, 1));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			w = sc_weekday(D(cases[i].y, cases[i].m, cases[i].d));

		check(w == cases[i].weekday, "weekday of %04d-%02d-%02d is %d, expected %d",
			  cases[i].y, cases[i].m, cases[i].d, w, cases[i].weekday);
	}
	end_group("civil: known weekdays (2000-01-01 Sat, 2025-03-03 Mon, 1971-01-01 Fri, ...)");
}

/* 1900 and 2100 are not leap years, 2000 and 2024 are. */
static void
test_leap_years(void)
{
	static const struct
	{
		int			year;
		int			leap;
	}			cases[] = {{1900, 0}, {2000, 1}, {2100, 0}, {2024, 1}, {2023, 0}, {2400, 1}};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		int			y = cases[i].year;
		int			feb = D(y, 3, 1) - D(y, 2, 1);
		int			len = D(y + 1, 1, 1) - D(y, 1, 1);
		int			yy,
					mm,
					dd;

		sc_ymd_from_day(D(y, 2, 28) + 1, &yy, &mm, &dd);
		check(feb == 28 + cases[i].leap, "February %d has %d days", y, feb);
		check(len == 365 + cases[i].leap, "year %d has %d days", y, len);
		check(mm == (cases[i].leap ? 2 : 3) && dd == (cases[i].leap ? 29 : 1),
			  "the day after %d-02-28 is %d-%02d-%02d", y, yy, mm, dd);
	}
	end_group("civil: leap years (1900 not, 2000 yes, 2100 not)");
}

/* Easter Sunday: published dates, the extremes, and Knuth's algorithm. */
static void
test_easter(void)
{
	/* From published Easter tables. */
	static const struct
	{
		int			y,
					m,
					d;
	}			known[] = {
		{1818, 3, 22}, {1886, 4, 25}, {1943, 4, 25}, {1971, 4, 11},
		{1974, 4, 14}, {1977, 4, 10}, {1981, 4, 19}, {1990, 4, 15},
		{1995, 4, 16}, {1999, 4, 4}, {2000, 4, 23}, {2002, 3, 31},
		{2005, 3, 27}, {2008, 3, 23}, {2010, 4, 4}, {2011, 4, 24},
		{2016, 3, 27}, {2019, 4, 21}, {2024, 3, 31}, {2025, 4, 20},
		{2038, 4, 25}, {2285, 3, 22},
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
	{
		sc_day		e = sc_easter_sunday(known[i].y);
		sc_day		want = D(known[i].y, known[i].m, known[i].d);

		check(e == want, "Easter %d is %s, expected %s", known[i].y, ds(e), ds(want));
	}
	for (int y = 1583; y <= 4099; y++)
	{
		int			m,
					d;
		sc_day		e = sc_easter_sunday(y);

		knuth_easter(y, &m, &d);
		check(e == D(y, m, d), "Easter %d is %s, Knuth says %04d-%02d-%02d",
			  y, ds(e), y, m, d);
		check(sc_weekday(e) == SC_SUN, "Easter %d (%s) is not a Sunday", y, ds(e));
		check(e >= D(y, 3, 22) && e <= D(y, 4, 25),
			  "Easter %d (%s) outside 22 March..25 April", y, ds(e));
	}
	end_group("civil: Easter Sunday (published table, 22 Mar/25 Apr extremes, Knuth 1583..4099)");
}

/* nth and last weekday of a month, against a scan of the month. */
static void
test_nth_last_weekday(void)
{
	for (int y = 1971; y <= 2199; y++)
		for (int m = 1; m <= 12; m++)
			for (int w = SC_MON; w <= SC_SUN; w++)
			{
				int			seen = 0;
				sc_day		last = 0;

				for (int d = 1; d <= month_length(y, m); d++)
				{
					sc_day		day = D(y, m, d);

					if (sc_weekday(day) != w)
						continue;
					seen++;
					last = day;
					check(sc_nth_weekday(y, m, w, seen) == day,
						  "sc_nth_weekday(%d, %d, %d, %d) = %s, expected %s",
						  y, m, w, seen, ds(sc_nth_weekday(y, m, w, seen)), ds(day));
				}
				check(sc_last_weekday(y, m, w) == last,
					  "sc_last_weekday(%d, %d, %d) = %s, expected %s",
					  y, m, w, ds(sc_last_weekday(y, m, w)), ds(last));
			}
	check(sc_nth_weekday(2025, 5, SC_MON, 1) == D(2025, 5, 5),
		  "first Monday of May 2025 is not 5 May");
	check(sc_last_weekday(2025, 8, SC_MON) == D(2025, 8, 25),
		  "last Monday of August 2025 is not 25 August");
	end_group("civil: nth and last weekday of every month 1971..2199");
}

/* ----------------------------------------------------------------
 * bankholidays.c against the GOV.UK feed
 * ----------------------------------------------------------------
 */

#define GOVUK_FIRST 2012
#define GOVUK_LAST 2028
#define MAX_ROWS 2000

typedef struct govuk_row
{
	int			division;
	sc_day		day;
	char		title[128];
} govuk_row;

static govuk_row rows[MAX_ROWS];
static int	nrows;

/* Strip a trailing newline / carriage return in place. */
static void
chomp(char *s)
{
	size_t		n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* Parse one "division,YYYY-MM-DD,title" line; 0 if it is not one. */
static int
parse_row(char *line, govuk_row *row)
{
	char	   *c1 = strchr(line, ',');
	char	   *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
	int			y,
				m,
				d;

	if (c2 == NULL)
		return 0;
	*c1 = *c2 = '\0';
	if (sc_division_from_name(line, &row->division) != SC_OK || sscanf(c1 + 1, "%d-%d-%d", &y, &m, &d) != 3)
		return 0;
	row->day = D(y, m, d);
	snprintf(row->title, sizeof(row->title), "%s", c2 + 1);
	return 1;
}

/* Load the GOV.UK CSV (division,date,title with a header line). */
static int
load_govuk(const char *path)
{
	char		line[512];
	FILE	   *f = fopen(path, "r");
	int			lineno = 0;

	if (f == NULL)
	{
		printf("# cannot open %s\n", path);
		return 0;
	}
	while (fgets(line, sizeof(line), f) && nrows < MAX_ROWS)
	{
		chomp(line);
		if (++lineno == 1 || line[0] == '\0')
			continue;
		if (parse_row(line, &rows[nrows]))
			nrows++;
		else
			check(0, "%s:%d: cannot parse \"%s\"", path, lineno, line);
	}
	fclose(f);
	check(nrows > 400, "only %d rows in %s", nrows, path);
	return group_failures == 0;
}

/* The feed's rows for one division and year, sorted by day. */
static int
govuk_year(int division, int year, govuk_row out[SC_MAX_HOLIDAYS_PER_YEAR * 2])
{
	int			n = 0;
	sc_day		lo = D(year, 1, 1);
	sc_day		hi = D(year + 1, 1, 1);

	for (int i = 0; i < nrows; i++)
		if (rows[i].division == division && rows[i].day >= lo && rows[i].day < hi
			&& n < SC_MAX_HOLIDAYS_PER_YEAR * 2)
		{
			int			j = n++;

			for (; j > 0 && out[j - 1].day > rows[i].day; j--)
				out[j] = out[j - 1];
			out[j] = rows[i];
		}
	return n;
}

/*
 * The accepted exception: GOV.UK swaps the titles of Scotland's Monday 2
 * and Tuesday 3 January 2023 relative to 2012 and 2017 and the 1971 Act.
 */
static int
accepted_title_swap(int division, sc_day day, const char *ours, const char *theirs)
{
	return division == SC_SCOTLAND
		&& ((day == D(2023, 1, 2) && strcmp(ours, "2nd January") == 0
			 && strcmp(theirs, "New Year’s Day") == 0)
			|| (day == D(2023, 1, 3) && strcmp(ours, "New Year’s Day") == 0
				&& strcmp(theirs, "2nd January") == 0));
}

/* One division and year: the same days, and the same titles but the swap. */
static void
compare_year(int division, int year)
{
	sc_holiday	ours[SC_MAX_HOLIDAYS_PER_YEAR];
	govuk_row	theirs[SC_MAX_HOLIDAYS_PER_YEAR * 2];
	int			n = sc_bank_holidays_in_year(division, year, ours);
	int			m = govuk_year(division, year, theirs);
	const char *div = sc_division_names[division];

	check(n == m, "%s %d: %d bank holidays, GOV.UK lists %d", div, year, n, m);
	for (int i = 0; i < n || i < m; i++)
	{
		if (i >= n)
			check(0, "%s %d: missing %s \"%s\"", div, year, ds(theirs[i].day), theirs[i].title);
		else if (i >= m)
			check(0, "%s %d: extra %s \"%s\"", div, year, ds(ours[i].day), ours[i].name);
		else if (ours[i].day != theirs[i].day)
			check(0, "%s %d: #%d is %s \"%s\", GOV.UK %s \"%s\"", div, year, i,
				  ds(ours[i].day), ours[i].name, ds(theirs[i].day), theirs[i].title);
		else
			check(strcmp(ours[i].name, theirs[i].title) == 0
				  || accepted_title_swap(division, ours[i].day, ours[i].name,
										 theirs[i].title),
				  "%s %s: title \"%s\", GOV.UK \"%s\"", div, ds(ours[i].day),
				  ours[i].name, theirs[i].title);
	}
}

/* Find a day's title in a year's list; NULL if it is not a holiday. */
static const char *
title_on(int division, sc_day day)
{
	static sc_holiday list[SC_MAX_HOLIDAYS_PER_YEAR];
	int			y,
				m,
				d;
	int			n;

	sc_ymd_from_day(day, &y, &m, &d);
	n = sc_bank_holidays_in_year(division, y, list);
	for (int i = 0; i < n; i++)
		if (list[i].day == day)
			return list[i].name;
	return NULL;
}

/* Every year 2012..2028 of every division matches the GOV.UK feed. */
static void
test_govuk(const char *path)
{
	if (load_govuk(path))
		for (int division = 0; division < SC_NUM_DIVISIONS; division++)
			for (int year = GOVUK_FIRST; year <= GOVUK_LAST; year++)
				compare_year(division, year);
	end_group("bankholidays: all divisions 2012..2028 match the GOV.UK feed (days and titles)");
}

/* The Scotland 2023 title swap is still there on both sides. */
static void
test_scotland_2023_exception(void)
{
	govuk_row	feed[SC_MAX_HOLIDAYS_PER_YEAR * 2];
	int			m = govuk_year(SC_SCOTLAND, 2023, feed);
	const char *mon = title_on(SC_SCOTLAND, D(2023, 1, 2));
	const char *tue = title_on(SC_SCOTLAND, D(2023, 1, 3));

	check(m >= 2 && feed[0].day == D(2023, 1, 2)
		  && strcmp(feed[0].title, "New Year’s Day") == 0,
		  "GOV.UK no longer labels Mon 2 Jan 2023 (Scotland) \"New Year’s Day\": "
		  "update accepted_title_swap");
	check(m >= 2 && feed[1].day == D(2023, 1, 3)
		  && strcmp(feed[1].title, "2nd January") == 0,
		  "GOV.UK no longer labels Tue 3 Jan 2023 (Scotland) \"2nd January\": "
		  "update accepted_title_swap");
	check(mon && strcmp(mon, "2nd January") == 0,
		  "Scotland Mon 2 Jan 2023 is \"%s\", expected \"2nd January\" (1971 Act)",
		  mon ? mon : "(none)");
	check(tue && strcmp(tue, "New Year’s Day") == 0,
		  "Scotland Tue 3 Jan 2023 is \"%s\", expected \"New Year’s Day\" (1971 Act)",
		  tue ? tue : "(none)");
	/* The same situation in 2012 and 2017, where GOV.UK agrees with us. */
	for (int y = 2012; y <= 2017; y += 5)
	{
		const char *a = title_on(SC_SCOTLAND, D(y, 1, 2));
		const char *b = title_on(SC_SCOTLAND, D(y, 1, 3));

		check(sc_weekday(D(y, 1, 1)) == SC_SUN, "1 Jan %d is not a Sunday", y);
		check(a && b && strcmp(a, "2nd January") == 0 && strcmp(b, "New Year’s Day") == 0,
			  "Scotland %d: 2 Jan \"%s\", 3 Jan \"%s\"", y, a ? a : "(none)",
			  b ? b : "(none)");
	}
	end_group("bankholidays: documented exception, GOV.UK swaps Scotland's 2/3 Jan 2023 titles (we follow the 1971 Act)");
}

/* Historic proclamations and rule starts, checked by hand. */
static void
test_historic(void)
{
	static const int all_divisions[][3] = {
		{1973, 11, 14}, {1977, 6, 6}, {1977, 6, 7}, {1981, 7, 29},
		{1995, 5, 8}, {1999, 12, 31}, {2002, 6, 3}, {2002, 6, 4},
		{2011, 4, 29},
	};

	for (size_t i = 0; i < sizeof(all_divisions) / sizeof(all_divisions[0]); i++)
		for (int division = 0; division < SC_NUM_DIVISIONS; division++)
		{
			sc_day		day = D(all_divisions[i][0], all_divisions[i][1],
								all_divisions[i][2]);

			check(title_on(division, day) != NULL, "%s: %s is not a bank holiday",
				  sc_division_names[division], ds(day));
		}

	/* Early May (first Monday) only from 1978 in England and Wales. */
	check(title_on(SC_ENGLAND_AND_WALES, D(1977, 5, 2)) == NULL,
		  "england-and-wales: Mon 2 May 1977 is a bank holiday");
	check(title_on(SC_ENGLAND_AND_WALES, D(1978, 5, 1)) != NULL,
		  "england-and-wales: Mon 1 May 1978 is not a bank holiday");
	/* New Year's Day only from 1974 in England and Wales. */
	for (int d = 1; d <= 31; d++)
		check(title_on(SC_ENGLAND_AND_WALES, D(1973, 1, d)) == NULL,
			  "england-and-wales: %s is a bank holiday", ds(D(1973, 1, d)));
	check(title_on(SC_ENGLAND_AND_WALES, D(1974, 1, 1)) != NULL,
		  "england-and-wales: Tue 1 Jan 1974 is not a bank holiday");
	/* Boxing Day in Scotland only from 1974 (by proclamation). */
	check(title_on(SC_SCOTLAND, D(1973, 12, 26)) == NULL,
		  "scotland: Wed 26 Dec 1973 is a bank holiday");
	check(title_on(SC_SCOTLAND, D(1974, 12, 26)) != NULL,
		  "scotland: Thu 26 Dec 1974 is not a bank holiday");
	/* St Andrew's Day from 2007 in Scotland. */
	check(title_on(SC_SCOTLAND, D(2006, 11, 30)) == NULL,
		  "scotland: Thu 30 Nov 2006 is a bank holiday");
	check(title_on(SC_SCOTLAND, D(2007, 11, 30)) != NULL,
		  "scotland: Fri 30 Nov 2007 is not a bank holiday");
	end_group("bankholidays: historic days (1973, 1977, 1981, 1995, 1999, 2002, 2011; rule starts 1974, 1978, 2007)");
}

/* A division's whole list of one year equals days written by hand. */
static void
check_year(int division, int year, const int (*want)[2], int nwant)
{
	sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];
	int			n = sc_bank_holidays_in_year(division, year, list);
	const char *div = sc_division_names[division];

	check(n == nwant, "%s %d: %d bank holidays, expected %d", div, year, n, nwant);
	for (int i = 0; i < n && i < nwant; i++)
		check(list[i].day == D(year, want[i][0], want[i][1]),
			  "%s %d: #%d is %s, expected %d-%02d-%02d", div, year, i,
			  ds(list[i].day), year, want[i][0], want[i][1]);
}

/* The source of one holiday contains text. */
static void
check_source(int division, sc_day day, const char *text)
{
	sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];
	int			y,
				m,
				d;
	int			n;
	const char *found = NULL;

	sc_ymd_from_day(day, &y, &m, &d);
	n = sc_bank_holidays_in_year(division, y, list);
	for (int i = 0; i < n; i++)
		if (list[i].day == day)
			found = list[i].source;
	check(found && strstr(found, text) != NULL, "%s %s: source \"%s\", expected it to contain \"%s\"",
		  sc_division_names[division], ds(day), found ? found : "(no holiday)", text);
}

/*
 * Issue 16: Scotland kept 1 May 1995 and had 8 May in addition (HC Deb
 * 2 March 1995 vol 255 c709W); no proclamation gave a Saturday
 * substitute for 2 January 2010 or 1 January 2011 (Scottish Government,
 * January 2014).  The lists are written by hand from the calendar.
 */
static void
test_scottish_corrections(void)
{
	static const int sct1995[][2] = {{1, 2}, {1, 3}, {4, 14}, {5, 1}, {5, 8}, {5, 29},
	{8, 7}, {12, 25}, {12, 26}};
	static const int ew1995[][2] = {{1, 2}, {4, 14}, {4, 17}, {5, 8}, {5, 29}, {8, 28},
	{12, 25}, {12, 26}};
	static const int ni1995[][2] = {{1, 2}, {3, 17}, {4, 14}, {4, 17}, {5, 8}, {5, 29},
	{7, 12}, {8, 28}, {12, 25}, {12, 26}};
	static const int sct2010[][2] = {{1, 1}, {4, 2}, {5, 3}, {5, 31}, {8, 2}, {11, 30},
	{12, 27}, {12, 28}};
	static const int sct2011[][2] = {{1, 3}, {4, 22}, {4, 29}, {5, 2}, {5, 30}, {8, 1},
	{11, 30}, {12, 26}, {12, 27}};
	static const int sct2005[][2] = {{1, 3}, {1, 4}, {3, 25}, {5, 2}, {5, 30}, {8, 1},
	{12, 26}, {12, 27}};

	check_year(SC_SCOTLAND, 1995, sct1995, 9);
	check_year(SC_ENGLAND_AND_WALES, 1995, ew1995, 8);
	check_year(SC_NORTHERN_IRELAND, 1995, ni1995, 10);
	check_year(SC_SCOTLAND, 2010, sct2010, 8);
	check_year(SC_SCOTLAND, 2011, sct2011, 9);
	check_year(SC_SCOTLAND, 2005, sct2005, 8);
	check(title_on(SC_SCOTLAND, D(2010, 1, 4)) == NULL, "scotland: Mon 4 Jan 2010 is a bank holiday");
	check(title_on(SC_SCOTLAND, D(2011, 1, 4)) == NULL, "scotland: Tue 4 Jan 2011 is a bank holiday");
	check(title_on(SC_ENGLAND_AND_WALES, D(2011, 1, 3)) != NULL,
		  "england-and-wales: Mon 3 Jan 2011 is not a bank holiday");
	check(title_on(SC_ENGLAND_AND_WALES, D(1995, 5, 1)) == NULL,
		  "england-and-wales: Mon 1 May 1995 is a bank holiday");
	end_group("bankholidays: Scotland 1995 (1 and 8 May), 2010 and 2011 (no 4 January), 2005 (4 January proclaimed)");
}

/* Every holiday has a source; a few checked by hand. */
static void
test_sources(void)
{
	for (int division = 0; division < SC_NUM_DIVISIONS; division++)
		for (int y = SC_FIRST_YEAR; y <= SC_LAST_YEAR; y++)
		{
			sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];
			int			n = sc_bank_holidays_in_year(division, y, list);

			for (int i = 0; i < n; i++)
			{
				int			ascii = list[i].source != NULL && list[i].source[0] != '\0';

				for (const char *p = list[i].source; ascii && *p; p++)
					ascii = (unsigned char) *p < 0x80;
				check(ascii, "%s %s: no ASCII source", sc_division_names[division],
					  ds(list[i].day));
			}
		}
	check_source(SC_SCOTLAND, D(1995, 5, 8), "HC Deb 2 March 1995 vol 255 c709W");
	check_source(SC_SCOTLAND, D(1995, 5, 1), "Sch. 1 para 2");
	check_source(SC_ENGLAND_AND_WALES, D(1995, 5, 8), "HC Deb 2 March 1995");
	check_source(SC_ENGLAND_AND_WALES, D(2025, 12, 25), "Common law");
	check_source(SC_ENGLAND_AND_WALES, D(2025, 12, 26), "Sch. 1 para 1");
	check_source(SC_ENGLAND_AND_WALES, D(2025, 1, 1), "every year from 1974");
	check_source(SC_NORTHERN_IRELAND, D(2025, 3, 17), "Sch. 1 para 3");
	check_source(SC_NORTHERN_IRELAND, D(2025, 7, 14), "proclamation");
	/* Christmas on a Sunday: 27 Dec is the Act's; Saturday: 28 Dec a proclamation's. */
	check_source(SC_ENGLAND_AND_WALES, D(2022, 12, 27), "Sch. 1 para 1");
	check_source(SC_ENGLAND_AND_WALES, D(2021, 12, 27), "Sch. 1 para 1");
	check_source(SC_ENGLAND_AND_WALES, D(2021, 12, 28), "proclamation");
	/* Scotland: 1 Jan on a Sunday gives 3 Jan by the Act; 2 Jan 2011 on a Sunday gives 3 Jan. */
	check_source(SC_SCOTLAND, D(2023, 1, 3), "Sch. 1 para 2");
	check_source(SC_SCOTLAND, D(2011, 1, 3), "Sch. 1 para 2");
	check_source(SC_SCOTLAND, D(2022, 1, 4), "proclamation");
	check_source(SC_SCOTLAND, D(2005, 1, 4), "proclamation under");
	check_source(SC_SCOTLAND, D(2000, 1, 4), "not verified");
	check_source(SC_SCOTLAND, D(2026, 11, 30), "St Andrew's Day Bank Holiday (Scotland) Act 2007");
	check_source(SC_SCOTLAND, D(2025, 12, 1), "St Andrew's Day Bank Holiday (Scotland) Act 2007");
	check_source(SC_ENGLAND_AND_WALES, D(1973, 11, 14), "secondary sources");
	end_group("bankholidays: every holiday 1971..2199 has an ASCII source; sources of statute, proclamation and substitutes");
}

/*
 * The history written from the sources (test/data/bank-holidays-1978-2011.csv:
 * division,date,status,basis; '#' lines are notes): every "certain" day is a
 * holiday, and every holiday of those years is listed (certain or uncertain).
 */
static void
test_history(const char *path)
{
	static govuk_row hist[MAX_ROWS];
	int			nhist = 0;
	int			first = SC_LAST_YEAR,
				last = SC_FIRST_YEAR,
				nuncertain = 0;
	char		line[512];
	FILE	   *f = fopen(path, "r");

	check(f != NULL, "cannot open %s", path);
	while (f && fgets(line, sizeof(line), f) && nhist < MAX_ROWS)
	{
		int			y,
					m,
					d;

		chomp(line);
		if (line[0] == '#' || strncmp(line, "division,", 9) == 0 || line[0] == '\0')
			continue;
		check(parse_row(line, &hist[nhist]), "%s: cannot parse \"%s\"", path, line);
		sc_ymd_from_day(hist[nhist].day, &y, &m, &d);
		first = y < first ? y : first;
		last = y > last ? y : last;
		nuncertain += strncmp(hist[nhist].title, "uncertain,", 10) == 0;
		nhist++;
	}
	if (f)
		fclose(f);
	check(nhist > 800 && first == 1978 && last == 2011,
		  "%s: %d rows, years %d..%d", path, nhist, first, last);
	for (int i = 0; i < nhist; i++)
		if (strncmp(hist[i].title, "certain,", 8) == 0)
			check(title_on(hist[i].division, hist[i].day) != NULL,
				  "%s %s: a bank holiday in the sources, not in ours",
				  sc_division_names[hist[i].division], ds(hist[i].day));
	for (int division = 0; division < SC_NUM_DIVISIONS; division++)
		for (int y = first; y <= last; y++)
		{
			sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];
			int			n = sc_bank_holidays_in_year(division, y, list);

			for (int i = 0; i < n; i++)
			{
				int			listed = 0;

				for (int j = 0; j < nhist && !listed; j++)
					listed = hist[j].division == division && hist[j].day == list[i].day;
				check(listed, "%s %s \"%s\": ours, not in the sources",
					  sc_division_names[division], ds(list[i].day), list[i].name);
			}
		}
	printf("# history: %d days %d..%d, %d uncertain\n", nhist, first, last, nuncertain);
	end_group("bankholidays: 1978..2011 equal the history written from the sources (uncertain days either way)");
}

/* Easter Monday everywhere but Scotland, every year. */
static void
test_easter_monday(void)
{
	for (int y = SC_FIRST_YEAR; y <= SC_LAST_YEAR; y++)
	{
		int			m,
					d;
		sc_day		monday;

		knuth_easter(y, &m, &d);
		monday = D(y, m, d) + 1;
		check(title_on(SC_SCOTLAND, monday) == NULL,
			  "scotland: Easter Monday %s is a bank holiday", ds(monday));
		check(title_on(SC_ENGLAND_AND_WALES, monday) != NULL,
			  "england-and-wales: Easter Monday %s is not a bank holiday", ds(monday));
		check(title_on(SC_NORTHERN_IRELAND, monday) != NULL,
			  "northern-ireland: Easter Monday %s is not a bank holiday", ds(monday));
		check(title_on(SC_ENGLAND_AND_WALES, monday - 3) != NULL,
			  "england-and-wales: Good Friday %s is not a bank holiday", ds(monday - 3));
	}
	end_group("bankholidays: Scotland has no Easter Monday; E&W and NI have it 1971..2199");
}

/* Shape of every list: sorted, unique, weekdays inside the year. */
static void
test_list_shape(void)
{
	for (int division = 0; division < SC_NUM_DIVISIONS; division++)
		for (int y = SC_FIRST_YEAR; y <= SC_LAST_YEAR; y++)
		{
			sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];
			int			n = sc_bank_holidays_in_year(division, y, list);
			const char *div = sc_division_names[division];

			check(n >= 6 && n <= SC_MAX_HOLIDAYS_PER_YEAR, "%s %d: %d days", div, y, n);
			for (int i = 0; i < n; i++)
			{
				check(list[i].day >= D(y, 1, 1) && list[i].day <= D(y, 12, 31),
					  "%s %d: %s outside the year", div, y, ds(list[i].day));
				check(sc_weekday(list[i].day) < SC_SAT, "%s %d: %s is a weekend",
					  div, y, ds(list[i].day));
				if (i > 0)
					check(list[i - 1].day < list[i].day, "%s %d: %s not after %s",
						  div, y, ds(list[i].day), ds(list[i - 1].day));
				check(list[i].name != NULL && list[i].name[0] != '\0',
					  "%s %s: no title", div, ds(list[i].day));
			}
		}
	end_group("bankholidays: every list 1971..2199 is sorted, unique, weekdays within the year");
}

/* Years and divisions outside the rules are refused. */
static void
test_refusals(void)
{
	sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];

	check(sc_bank_holidays_in_year(SC_ENGLAND_AND_WALES, 1970, list) == -1,
		  "1970 not refused");
	check(sc_bank_holidays_in_year(SC_SCOTLAND, 2200, list) == -1,
		  "2200 not refused");
	check(sc_bank_holidays_in_year(3, 2025, list) == -1, "division 3 not refused");
	check(sc_bank_holidays_in_year(-1, 2025, list) == -1, "division -1 not refused");
	check(sc_bank_holidays_in_year(SC_NORTHERN_IRELAND, 1971, list) > 0,
		  "1971 refused");
	check(sc_bank_holidays_in_year(SC_NORTHERN_IRELAND, 2199, list) > 0,
		  "2199 refused");
	{
		int			division = -1;

		check(sc_division_from_name("scotland", &division) == SC_OK && division == SC_SCOTLAND,
			  "scotland unknown");
		division = -1;
		check(sc_division_from_name("wales", &division) == SC_UNKNOWN_NAME && division == -1,
			  "wales is a division, or the out-parameter was written");
	}
	end_group("bankholidays: -1 for 1970, 2200 and unknown divisions");
}

/* ----------------------------------------------------------------
 * wdindex.c
 * ----------------------------------------------------------------
 */

static sc_wdindex ew;
static void *ew_mem;

/* The England and Wales calendar, built as the extension builds it. */
static void
build_england_and_wales(void)
{
	static const uint8_t monday_to_friday[7] = {1, 1, 1, 1, 1, 0, 0};
	static sc_day closed[SC_MAX_HOLIDAYS_PER_YEAR * (SC_LAST_YEAR - SC_FIRST_YEAR + 1)];
	int			nclosed = 0;
	sc_day		first = D(SC_FIRST_YEAR, 1, 1);
	int32_t		ndays = D(SC_LAST_YEAR + 1, 1, 1) - first;
	sc_holiday	list[SC_MAX_HOLIDAYS_PER_YEAR];

	for (int y = SC_FIRST_YEAR; y <= SC_LAST_YEAR; y++)
	{
		int			n = sc_bank_holidays_in_year(SC_ENGLAND_AND_WALES, y, list);

		for (int i = 0; i < n; i++)
			closed[nclosed++] = list[i].day;
	}
	ew_mem = malloc(sc_wdindex_bytes(ndays));
	if (ew_mem == NULL)
	{
		printf("Bail out! out of memory\n");
		exit(1);
	}
	sc_wdindex_build(&ew, ew_mem, first, ndays, monday_to_friday,
					 closed, nclosed, NULL, 0);
}

/* One worked example of a span: DfE count and Excel NETWORKDAYS. */
static void
check_span(sc_day start, sc_day finish, int32_t want, int32_t want_inclusive)
{
	int32_t		got = sc_wd_between(&ew, start, finish);
	int32_t		got_inclusive = sc_wd_between_inclusive(&ew, start, finish);

	check(got == want, "working_days(%s, %s) = %d, expected %d",
		  ds(start), ds(finish), got, want);
	check(got_inclusive == want_inclusive,
		  "working_days_inclusive(%s, %s) = %d, expected %d",
		  ds(start), ds(finish), got_inclusive, want_inclusive);
}

/* One worked example of add_working_days. */
static void
check_add(sc_day day, int32_t n, sc_day want)
{
	sc_day		got = 0;
	sc_status st = sc_wd_add(&ew, day, n, &got);

	check(st == SC_OK && got == want, "add(%s, %d) = %s (status %d), expected %s",
		  ds(day), n, ds(got), (int) st, ds(want));
}

/* Lookups that must run off the range. */
static void
check_add_out_of_range(sc_day day, int32_t n)
{
	sc_day		got = 0;
	sc_status st = sc_wd_add(&ew, day, n, &got);

	check(st == SC_OUT_OF_RANGE, "add(%s, %d) = %s (status %d), expected out of range",
		  ds(day), n, ds(got), (int) st);
}

/* on_or_after (direction 1) or on_or_before (-1) against an expected answer. */
static void
check_nearest(const sc_wdindex *ix, int direction, sc_day day,
			  sc_status want_st, sc_day want)
{
	sc_day		got = 0;
	sc_status st = direction > 0 ? sc_wd_on_or_after(ix, day, &got)
		: sc_wd_on_or_before(ix, day, &got);

	check(st == want_st && (st != SC_OK || got == want),
		  "%s(%s) = %s (status %d), expected %s (status %d)",
		  direction > 0 ? "on_or_after" : "on_or_before", ds(day), ds(got),
		  (int) st, ds(want), (int) want_st);
}

/* The DfE worked examples of durations (start is day 0). */
static void
test_wd_spans(void)
{
	check_span(D(2025, 3, 3), D(2025, 3, 3), 0, 1);
	check_span(D(2025, 3, 3), D(2025, 3, 4), 1, 2);
	check_span(D(2025, 3, 7), D(2025, 3, 10), 1, 2);
	check_span(D(2025, 4, 17), D(2025, 4, 22), 1, 2);	/* Good Friday, Easter Monday */
	check_span(D(2025, 3, 8), D(2025, 3, 10), 1, 1);
	check_span(D(2024, 12, 20), D(2025, 1, 2), 6, 7);
	/* Reversed spans give the negative. */
	check_span(D(2025, 3, 4), D(2025, 3, 3), -1, -2);
	check_span(D(2025, 1, 2), D(2024, 12, 20), -6, -7);
	check_span(D(2025, 4, 22), D(2025, 4, 17), -1, -2);
	check_span(D(2025, 3, 10), D(2025, 3, 8), -1, -1);
	check_span(D(2025, 3, 8), D(2025, 3, 9), 0, 0);
	end_group("wdindex: DfE worked examples of working_days and NETWORKDAYS, reversed spans negative");
}

/* The DfE worked examples of deadlines, and the edge cases of add. */
static void
test_wd_add(void)
{
	check_add(D(2025, 3, 3), 45, D(2025, 5, 8));
	check_add(D(2024, 12, 2), 45, D(2025, 2, 6));
	check_add(D(2024, 12, 18), 15, D(2025, 1, 13));
	check_add(D(2025, 4, 1), 45, D(2025, 6, 9));
	check_add(D(2023, 4, 28), 15, D(2023, 5, 23));
	check_add(D(2022, 9, 1), 15, D(2022, 9, 23));
	/* n = 0 is the day itself, even on a Saturday. */
	check_add(D(2025, 3, 8), 0, D(2025, 3, 8));
	check_add(D(2025, 3, 3), 0, D(2025, 3, 3));
	/* From a Saturday: +1 is Monday, -1 is Friday. */
	check_add(D(2025, 3, 8), 1, D(2025, 3, 10));
	check_add(D(2025, 3, 8), -1, D(2025, 3, 7));
	/* Backwards over Easter 2025. */
	check_add(D(2025, 4, 22), -1, D(2025, 4, 17));
	check_add(D(2025, 5, 8), -45, D(2025, 3, 3));

	check_nearest(&ew, 1, D(2025, 3, 8), SC_OK, D(2025, 3, 10));
	check_nearest(&ew, -1, D(2025, 3, 8), SC_OK, D(2025, 3, 7));
	check_nearest(&ew, 1, D(2025, 3, 3), SC_OK, D(2025, 3, 3));
	check_nearest(&ew, -1, D(2025, 3, 3), SC_OK, D(2025, 3, 3));
	check_nearest(&ew, -1, D(2025, 4, 21), SC_OK, D(2025, 4, 17));
	check_nearest(&ew, 1, D(2024, 12, 25), SC_OK, D(2024, 12, 27));
	end_group("wdindex: DfE worked examples of add_working_days, n = 0, weekends, on_or_after/before");
}

/* Running off either end of 1971..2199 is reported, not wrapped. */
static void
test_wd_out_of_range(void)
{
	sc_day		first = D(1971, 1, 1);
	sc_day		last = D(2199, 12, 31);

	check(!sc_wd_covers(&ew, first - 1) && sc_wd_covers(&ew, first)
		  && sc_wd_covers(&ew, last) && !sc_wd_covers(&ew, last + 1),
		  "covered range is not 1971-01-01..2199-12-31");
	check_add_out_of_range(D(2199, 12, 30), 5);
	check_add_out_of_range(D(1971, 1, 4), -5);
	check_add_out_of_range(first, INT32_MIN);
	check_add_out_of_range(last, INT32_MAX);
	check_add_out_of_range(first, INT32_MAX);
	check_add_out_of_range(last, INT32_MIN);
	check_add_out_of_range(first, -1);
	check_add_out_of_range(last, 1);
	/* The last steps that stay inside: Mon 30 Dec 2199 + 1, Mon 4 Jan 1971 - 1. */
	check_add(D(2199, 12, 30), 1, last);
	check_add(D(1971, 1, 4), -1, first);
	check_add(first, 0, first);
	/* 2199-12-31 is a Tuesday, 1971-01-01 a Friday: both work. */
	check_nearest(&ew, 1, last, SC_OK, last);
	check_nearest(&ew, -1, first, SC_OK, first);
	end_group("wdindex: running off either end of 1971..2199 gives SC_OUT_OF_RANGE");
}

/* A one-week hand-built index: overrides, and nearest days off the ends. */
static void
test_wd_small(void)
{
	static const uint8_t mask[7] = {1, 1, 1, 1, 1, 0, 0};
	sc_day		mon = D(2025, 3, 3);
	/* Wed closed, Sat opened, Thu both (open wins), two days outside */
	sc_day		closed[] = {mon + 2, mon + 3, mon - 1, mon + 100};
	sc_day		open[] = {mon + 5, mon + 3, mon + 7};
	static const int works[7] = {1, 1, 0, 1, 1, 1, 0};
	int32_t		mem[32];
	sc_wdindex	ix;
	sc_day		got = 0;

	check(sc_wdindex_bytes(7) <= sizeof(mem), "sc_wdindex_bytes(7) = %zu",
		  sc_wdindex_bytes(7));
	sc_wdindex_build(&ix, mem, mon, 7, mask, closed, 4, open, 3);
	for (int i = 0; i < 7; i++)
		check(sc_wd_is_working(&ix, mon + i) == works[i], "is_working(%s) = %d",
			  ds(mon + i), sc_wd_is_working(&ix, mon + i));
	check(ix.nwork == 5, "nwork = %d, expected 5", ix.nwork);
	/* Sunday 9 March is the last day and does not work; Monday 3 is first. */
	check_nearest(&ix, 1, mon + 6, SC_OUT_OF_RANGE, 0);
	check_nearest(&ix, -1, mon + 6, SC_OK, mon + 5);
	check_nearest(&ix, 1, mon + 2, SC_OK, mon + 3);
	check_nearest(&ix, -1, mon + 2, SC_OK, mon + 1);
	check(sc_wd_add(&ix, mon, 4, &got) == SC_OK && got == mon + 5,
		  "small: add(Mon, 4) is not the opened Saturday");
	check(sc_wd_add(&ix, mon, 5, &got) == SC_OUT_OF_RANGE, "small: add(Mon, 5) in range");
	check(sc_wd_add(&ix, mon + 6, -5, &got) == SC_OK && got == mon,
		  "small: add(Sun, -5) is not Monday");
	check(sc_wd_between(&ix, mon, mon + 6) == 4 && sc_wd_between(&ix, mon + 6, mon) == -4,
		  "small: between(Mon, Sun) = %d", sc_wd_between(&ix, mon, mon + 6));
	check(sc_wd_between_inclusive(&ix, mon, mon + 6) == 5
		  && sc_wd_between_inclusive(&ix, mon + 6, mon) == -5,
		  "small: between_inclusive(Mon, Sun) = %d",
		  sc_wd_between_inclusive(&ix, mon, mon + 6));

	/* A range that starts on a Saturday: nothing on or before it. */
	sc_wdindex_build(&ix, mem, mon + 5, 7, mask, NULL, 0, NULL, 0);
	check_nearest(&ix, -1, mon + 6, SC_OUT_OF_RANGE, 0);
	check_nearest(&ix, 1, mon + 5, SC_OK, mon + 7);
	end_group("wdindex: small hand-built index (closed, open wins, outside days ignored, ends)");
}

/* The index agrees with the holiday lists and the weekmask everywhere. */
static void
test_wd_whole_range(void)
{
	int32_t		nwork = 0;

	for (sc_day d = ew.first; d < ew.first + ew.ndays; d++)
	{
		int			want = sc_weekday(d) < SC_SAT
			&& title_on(SC_ENGLAND_AND_WALES, d) == NULL;

		check(sc_wd_is_working(&ew, d) == want, "is_working(%s) = %d, expected %d",
			  ds(d), sc_wd_is_working(&ew, d), want);
		nwork += want;
		check(sc_wd_upto(&ew, d) == nwork, "upto(%s) = %d, expected %d",
			  ds(d), sc_wd_upto(&ew, d), nwork);
	}
	check(ew.nwork == nwork, "nwork = %d, expected %d", ew.nwork, nwork);
	end_group("wdindex: every day 1971..2199 works iff Mon-Fri and not an E&W bank holiday");
}

/* working_days(d, add(d, n)) == n for every working day d. */
static void
test_wd_identity(void)
{
	static const int32_t ns[] = {1, 2, 5, 15, 20, 45, 65, 250, 1000, -1, -2, -15, -45, -1000};

	for (sc_day d = ew.first; d < ew.first + ew.ndays; d++)
	{
		if (!sc_wd_is_working(&ew, d))
			continue;
		for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		{
			sc_day		r;

			if (sc_wd_add(&ew, d, ns[i], &r) != SC_OK)
				continue;
			check(sc_wd_between(&ew, d, r) == ns[i],
				  "working_days(%s, add(%s, %d) = %s) = %d", ds(d), ds(d), ns[i],
				  ds(r), sc_wd_between(&ew, d, r));
			check(sc_wd_is_working(&ew, r), "add(%s, %d) = %s is not a working day",
				  ds(d), ns[i], ds(r));
		}
	}
	end_group("wdindex: working_days(d, add(d, n)) == n for every working day d 1971..2199");
}

/* A calendar of 1971..2199 fits in well under 1 MB. */
static void
test_wd_memory(void)
{
	int32_t		ndays = D(SC_LAST_YEAR + 1, 1, 1) - D(SC_FIRST_YEAR, 1, 1);
	size_t		bytes = sc_wdindex_bytes(ndays);

	check(ndays == 83641, "1971..2199 has %d days, expected 83641", ndays);
	check(bytes < 1000 * 1000, "sc_wdindex_bytes(%d) = %zu, not under 1 MB", ndays, bytes);
	check(bytes >= sizeof(int32_t) * (size_t) (ndays + 1) + sizeof(sc_day) * (size_t) ew.nwork,
		  "sc_wdindex_bytes(%d) = %zu is too small for counts and %d working days",
		  ndays, bytes, ew.nwork);
	printf("# memory per calendar: %zu bytes\n", bytes);
	end_group("wdindex: memory per 1971..2199 calendar under 1 MB");
}

/*
 * Run every group; argv[1] is the GOV.UK bank holiday CSV, argv[2] (optional)
 * the 1978-2011 history written from the sources.
 */
int
main(int argc, char **argv)
{
	if (argc != 2 && argc != 3)
	{
		fprintf(stderr, "usage: %s bank-holidays-govuk.csv [bank-holidays-1978-2011.csv]\n", argv[0]);
		return 2;
	}

	test_round_trip();
	test_known_weekdays();
	test_leap_years();
	test_easter();
	test_nth_last_weekday();

	test_govuk(argv[1]);
	test_scotland_2023_exception();
	test_historic();
	test_scottish_corrections();
	test_sources();
	if (argc == 3)
		test_history(argv[2]);
	test_easter_monday();
	test_list_shape();
	test_refusals();

	build_england_and_wales();
	test_wd_spans();
	test_wd_add();
	test_wd_out_of_range();
	test_wd_small();
	test_wd_whole_range();
	test_wd_identity();
	test_wd_memory();
	free(ew_mem);

	printf("1..%d\n", ntests);
	if (nfailed_tests)
		printf("# %d of %d tests failed\n", nfailed_tests, ntests);
	return nfailed_tests ? 1 : 0;
}
