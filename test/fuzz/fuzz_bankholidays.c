/*
 * test/fuzz/fuzz_bankholidays.c
 *
 * libFuzzer target for src/bankholidays.c: any division number and year
 * either gives -1 (outside the divisions or 1971 to 2199) or a list of at
 * most SC_MAX_HOLIDAYS_PER_YEAR named weekdays of that year in strictly
 * increasing order, Northern Ireland's including every day of England and
 * Wales; any byte string names a division only if it is that division's
 * name.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bankholidays.h"
#include "fuzz_input.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, int division, int year, long long x)
{
	fprintf(stderr, "fuzz_bankholidays: %s (division %d, year %d, %lld)\n", what, division, year, x);
	abort();
}

static int
holidays(int division, int year, sc_holiday out[SC_MAX_HOLIDAYS_PER_YEAR])
{
	int			n = sc_bank_holidays_in_year(division, year, out);
	int			valid = division >= 0 && division < SC_NUM_DIVISIONS
		&& year >= SC_FIRST_YEAR && year <= SC_LAST_YEAR;

	if (!valid)
	{
		if (n != -1)
			fail("answer outside the domain", division, year, n);
		return n;
	}
	if (n < 6 || n > SC_MAX_HOLIDAYS_PER_YEAR)	/* 6: England before 1974 */
		fail("count", division, year, n);
	for (int i = 0; i < n; i++)
	{
		int			y, m, d;

		sc_ymd_from_day(out[i].day, &y, &m, &d);
		if (y != year)
			fail("day outside the year", division, year, out[i].day);
		if (sc_weekday(out[i].day) >= SC_SAT)
			fail("weekend holiday", division, year, out[i].day);
		if (out[i].name == NULL || out[i].name[0] == '\0')
			fail("no name", division, year, out[i].day);
		if (i > 0 && out[i].day <= out[i - 1].day)
			fail("not strictly increasing", division, year, out[i].day);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	sc_holiday	ew[SC_MAX_HOLIDAYS_PER_YEAR], other[SC_MAX_HOLIDAYS_PER_YEAR];
	int			division = (int) fuzz_range(&in, -2, SC_NUM_DIVISIONS + 1);
	/* Mostly years near the rules' range, sometimes any int. */
	int			year = fuzz_u8(&in) < 16 ? (int) fuzz_u32(&in)
		: (int) fuzz_range(&in, SC_FIRST_YEAR - 5, SC_LAST_YEAR + 5);
	char		name[64];
	size_t		len = in.left < sizeof name - 1 ? in.left : sizeof name - 1;
	int			found;
	sc_status	status;

	holidays(division, year, other);
	if (year >= SC_FIRST_YEAR && year <= SC_LAST_YEAR)
	{
		int			new = holidays(SC_ENGLAND_AND_WALES, year, ew);
		int			nni = holidays(SC_NORTHERN_IRELAND, year, other);

		for (int i = 0; i < new; i++)
		{
			int			in_ni = 0;

			for (int j = 0; j < nni; j++)
				in_ni |= other[j].day == ew[i].day;
			if (!in_ni)
				fail("an England and Wales day missing in Northern Ireland", 2, year, ew[i].day);
		}
	}

	/* The rest of the input, as a NUL-terminated name. */
	memcpy(name, in.p, len);
	name[len] = '\0';
	found = -1;
	status = sc_division_from_name(name, &found);
	if ((status != SC_OK && (status != SC_UNKNOWN_NAME || found != -1))
		|| (status == SC_OK && (found < 0 || found >= SC_NUM_DIVISIONS
								|| strcmp(name, sc_division_names[found]) != 0)))
		fail("division from name", found, 0, (long long) len);
	return 0;
}
