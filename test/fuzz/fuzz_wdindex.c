/*
 * test/fuzz/fuzz_wdindex.c
 *
 * libFuzzer target for the calendar core.  From the input bytes it builds
 * a small working-day index (a random first day, up to 2000 days, a
 * weekmask with at least one working day, random closed and open days,
 * some of them outside the range) and runs a batch of queries, checking
 * every wdindex function against a naive day-by-day reference written
 * here.  It also feeds sc_bank_holidays_in_year arbitrary divisions and
 * years, and sc_ymd_from_day arbitrary days.  Any disagreement prints the
 * case and calls abort().
 *
 * Without libFuzzer (what "make unitcheck" runs), standalone.c feeds it
 * deterministic pseudo-random inputs:
 *
 *	  make test/fuzz/fuzz_wdindex_run && test/fuzz/fuzz_wdindex_run 20000
 *
 * With clang's libFuzzer (runtime in Debian's libclang-rt-14-dev):
 *
 *	  clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *		  -fno-sanitize-recover=undefined -Isrc test/fuzz/fuzz_wdindex.c \
 *		  src/civil.c src/bankholidays.c src/wdindex.c \
 *		  -o test/fuzz/fuzz_wdindex_libfuzzer
 *	  mkdir -p /tmp/fuzz-corpus
 *	  test/fuzz/fuzz_wdindex_libfuzzer -max_total_time=60 /tmp/fuzz-corpus
 *
 * Days are kept where day - first fits in int32, because sc_wd_covers
 * and sc_wdindex_build subtract in int32: every finite PostgreSQL date
 * satisfies that for the extension's range, 'infinity' (INT32_MAX) does
 * not.  Build with -DFUZZ_EXTREME_DAYS to let closed, open and probed
 * days take any int32 value (UBSan then reports the overflow).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bankholidays.h"
#include "civil.h"
#include "wdindex.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DAYS 2000
#define MAX_LIST 64
#define MAX_QUERIES 64
/* first is at most 2^30 from 0, and other days at most 2^30 from first. */
#define DAY_LIMIT (1 << 30)

/* ----------------------------------------------------------------
 * Reading the input
 * ----------------------------------------------------------------
 */

typedef struct reader
{
	const uint8_t *p;
	size_t		left;
} reader;

/* The next byte of input, or 0 once it is used up. */
static uint8_t
take8(reader *r)
{
	if (r->left == 0)
		return 0;
	r->left--;
	return *r->p++;
}

/* The next two bytes, little-endian. */
static uint16_t
take16(reader *r)
{
	uint16_t	lo = take8(r);

	return (uint16_t) (lo | (uint16_t) take8(r) << 8);
}

/* The next four bytes, little-endian. */
static uint32_t
take32(reader *r)
{
	uint32_t	lo = take16(r);

	return lo | (uint32_t) take16(r) << 16;
}

/* An int in [lo, hi] from four bytes (hi - lo < 2^32). */
static int64_t
take_range(reader *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t) (take32(r) % (uint64_t) (hi - lo + 1));
}

/* ----------------------------------------------------------------
 * The case under test and its naive reference
 * ----------------------------------------------------------------
 */

typedef struct fuzz_case
{
	sc_day		first;
	int32_t		ndays;
	uint8_t		weekmask[7];
	sc_day		closed[MAX_LIST];
	int			nclosed;
	sc_day		open[MAX_LIST];
	int			nopen;
	uint8_t		works[MAX_DAYS];	/* the reference: 1 if day first + i works */
} fuzz_case;

/* Print the case, then abort: the fuzzer keeps the input as a crash. */
static void
fail(const fuzz_case *c, const char *what, long long got, long long want)
{
	fprintf(stderr, "fuzz_wdindex: MISMATCH: %s: got %lld, expected %lld\n",
			what, got, want);
	fprintf(stderr, "  first = %d, ndays = %d, weekmask = {%d,%d,%d,%d,%d,%d,%d}\n",
			(int) c->first, (int) c->ndays, c->weekmask[0], c->weekmask[1],
			c->weekmask[2], c->weekmask[3], c->weekmask[4], c->weekmask[5],
			c->weekmask[6]);
	fprintf(stderr, "  closed (%d):", c->nclosed);
	for (int i = 0; i < c->nclosed; i++)
		fprintf(stderr, " %d", (int) c->closed[i]);
	fprintf(stderr, "\n  open (%d):", c->nopen);
	for (int i = 0; i < c->nopen; i++)
		fprintf(stderr, " %d", (int) c->open[i]);
	fprintf(stderr, "\n");
	abort();
}

/* Monday = 0, by a floor modulo of its own. */
static int
ref_weekday(sc_day day)
{
	int64_t		m = ((int64_t) day - 2) % 7;	/* day 2 (2000-01-03) was a Monday */

	return (int) (m < 0 ? m + 7 : m);
}

/* Is day inside the range? */
static int
ref_covers(const fuzz_case *c, int64_t day)
{
	return day >= c->first && day < (int64_t) c->first + c->ndays;
}

/* The reference flags: weekmask, then closed days, then open days. */
static void
ref_build(fuzz_case *c)
{
	for (int32_t i = 0; i < c->ndays; i++)
		c->works[i] = c->weekmask[ref_weekday(c->first + i)] != 0;
	for (int i = 0; i < c->nclosed; i++)
		if (ref_covers(c, c->closed[i]))
			c->works[c->closed[i] - c->first] = 0;
	for (int i = 0; i < c->nopen; i++)
		if (ref_covers(c, c->open[i]))
			c->works[c->open[i] - c->first] = 1;
}

/* Does day (inside the range) work? */
static int
ref_works(const fuzz_case *c, sc_day day)
{
	return c->works[day - c->first];
}

/* Working days in [lo, hi], counted one by one. */
static int32_t
ref_count(const fuzz_case *c, sc_day lo, sc_day hi)
{
	int32_t		n = 0;

	for (sc_day d = lo; d <= hi; d++)
		n += ref_works(c, d);
	return n;
}

/* DfE count: d with start < d <= finish, minus the reverse when reversed. */
static int32_t
ref_between(const fuzz_case *c, sc_day start, sc_day finish)
{
	if (start <= finish)
		return ref_count(c, start + 1, finish);
	return -ref_count(c, finish + 1, start);
}

/* NETWORKDAYS: both ends, negative when reversed. */
static int32_t
ref_between_inclusive(const fuzz_case *c, sc_day start, sc_day finish)
{
	if (start <= finish)
		return ref_count(c, start, finish);
	return -ref_count(c, finish, start);
}

/* Walk one day at a time in direction step until n working days are met. */
static sc_status
ref_walk(const fuzz_case *c, sc_day day, int step, int64_t n, sc_day *result)
{
	for (int64_t d = day; ref_covers(c, d); d += step)
		if (ref_works(c, (sc_day) d) && --n == 0)
		{
			*result = (sc_day) d;
			return SC_OK;
		}
	return SC_OUT_OF_RANGE;
}

/* The n-th working day after / before day; day itself for n = 0. */
static sc_status
ref_add(const fuzz_case *c, sc_day day, int32_t n, sc_day *result)
{
	if (n == 0)
	{
		*result = day;
		return SC_OK;
	}
	if (n > 0)
		return ref_walk(c, day + 1, 1, n, result);
	return ref_walk(c, day - 1, -1, -(int64_t) n, result);
}

/* ----------------------------------------------------------------
 * Comparing the index with the reference
 * ----------------------------------------------------------------
 */

/* Compare a status-and-day answer with the reference's. */
static void
same_lookup(const fuzz_case *c, const char *what, sc_status st,
			sc_day got, sc_status want_st, sc_day want)
{
	if (st != want_st || (st == SC_OK && got != want))
	{
		fprintf(stderr, "%s: status %d day %d, reference status %d day %d"
				" (status 0 = SC_OK, 1 = SC_OUT_OF_RANGE)\n",
				what, (int) st, st == SC_OK ? (int) got : 0, (int) want_st,
				want_st == SC_OK ? (int) want : 0);
		fail(c, what, st == want_st ? (long long) got : (long long) st,
			 st == want_st ? (long long) want : (long long) want_st);
	}
}

/* The index's own invariants: counts, list and the per-day functions. */
static void
check_whole_index(const fuzz_case *c, const sc_wdindex *ix)
{
	int32_t		n = 0;

	if (ix->first != c->first || ix->ndays != c->ndays || ix->cum[0] != 0)
		fail(c, "header (first)", ix->first, c->first);
	for (int32_t i = 0; i < c->ndays; i++)
	{
		sc_day		d = c->first + i;

		if (sc_wd_is_working(ix, d) != c->works[i])
		{
			fprintf(stderr, "day %d\n", (int) d);
			fail(c, "sc_wd_is_working", sc_wd_is_working(ix, d), c->works[i]);
		}
		if (c->works[i])
		{
			if (ix->work[n] != d)
				fail(c, "work[] entry", ix->work[n], d);
			n++;
		}
		if (sc_wd_upto(ix, d) != n)
		{
			fprintf(stderr, "day %d\n", (int) d);
			fail(c, "sc_wd_upto", sc_wd_upto(ix, d), n);
		}
	}
	if (ix->nwork != n)
		fail(c, "nwork", ix->nwork, n);
}

/* A day for a query: inside the range (the functions' precondition). */
static sc_day
take_day(reader *r, const fuzz_case *c)
{
	return c->first + (sc_day) (take16(r) % (uint32_t) c->ndays);
}

/* A count for sc_wd_add: mostly small, sometimes huge or extreme. */
static int32_t
take_n(reader *r, const fuzz_case *c)
{
	uint8_t		kind = take8(r);

	switch (kind % 8)
	{
		case 0:
			return INT32_MAX - (int32_t) (take8(r) % 3);
		case 1:
			return INT32_MIN + (int32_t) (take8(r) % 3);
		case 2:
			return (int32_t) take32(r);
		case 3:
		case 4:
			/* around the whole range */
			return (int32_t) take_range(r, -(int64_t) c->ndays - 2, c->ndays + 2);
		default:
			return (int32_t) (take8(r) % 41) - 20;
	}
}

/* One query, chosen by the input, against the reference. */
static void
run_query(reader *r, const fuzz_case *c, const sc_wdindex *ix)
{
	uint8_t		op = take8(r) % 6;
	sc_day		a = take_day(r, c);
	sc_day		b = take_day(r, c);
	sc_day		got = 0,
				want = 0;
	char		what[128];

	switch (op)
	{
		case 0:
			snprintf(what, sizeof(what), "sc_wd_between(%d, %d)", (int) a, (int) b);
			if (sc_wd_between(ix, a, b) != ref_between(c, a, b))
				fail(c, what, sc_wd_between(ix, a, b), ref_between(c, a, b));
			break;
		case 1:
			snprintf(what, sizeof(what), "sc_wd_between_inclusive(%d, %d)", (int) a, (int) b);
			if (sc_wd_between_inclusive(ix, a, b) != ref_between_inclusive(c, a, b))
				fail(c, what, sc_wd_between_inclusive(ix, a, b),
					 ref_between_inclusive(c, a, b));
			break;
		case 2:
		case 3:
			{
				int32_t		n = take_n(r, c);
				sc_status st = sc_wd_add(ix, a, n, &got);
				sc_status want_st = ref_add(c, a, n, &want);

				snprintf(what, sizeof(what), "sc_wd_add(%d, %d)", (int) a, (int) n);
				same_lookup(c, what, st, got, want_st, want);
				/* The identity that ties add to between, from a working day. */
				if (st == SC_OK && ref_works(c, a) && sc_wd_between(ix, a, got) != n)
					fail(c, what, sc_wd_between(ix, a, got), n);
				break;
			}
		case 4:
			{
				sc_status st = sc_wd_on_or_after(ix, a, &got);
				sc_status want_st = ref_walk(c, a, 1, 1, &want);

				snprintf(what, sizeof(what), "sc_wd_on_or_after(%d)", (int) a);
				same_lookup(c, what, st, got, want_st, want);
				break;
			}
		case 5:
			{
				sc_status st = sc_wd_on_or_before(ix, a, &got);
				sc_status want_st = ref_walk(c, a, -1, 1, &want);

				snprintf(what, sizeof(what), "sc_wd_on_or_before(%d)", (int) a);
				same_lookup(c, what, st, got, want_st, want);
				break;
			}
	}
}

/* A day anywhere (see FUZZ_EXTREME_DAYS at the top). */
static sc_day
take_far_day(reader *r, const fuzz_case *c)
{
#ifdef FUZZ_EXTREME_DAYS
	(void) c;
	return (sc_day) take32(r);
#else
	return (sc_day) take_range(r, (int64_t) c->first - DAY_LIMIT,
							   (int64_t) c->first + DAY_LIMIT);
#endif
}

/* sc_wd_covers for a day anywhere, and either side of both ends. */
static void
check_covers(reader *r, const fuzz_case *c, const sc_wdindex *ix)
{
	int64_t		d = take_far_day(r, c);
	int64_t		edges[5] = {d, c->first - 1, c->first, (int64_t) c->first + c->ndays - 1,
	(int64_t) c->first + c->ndays};

	for (int i = 0; i < 5; i++)
		if (sc_wd_covers(ix, (sc_day) edges[i]) != ref_covers(c, edges[i]))
		{
			fprintf(stderr, "day %lld\n", (long long) edges[i]);
			fail(c, "sc_wd_covers", sc_wd_covers(ix, (sc_day) edges[i]),
				 ref_covers(c, edges[i]));
		}
}

/* A closed or open day: mostly in or near the range, sometimes far away. */
static sc_day
take_listed_day(reader *r, const fuzz_case *c)
{
	uint8_t		kind = take8(r);

	if (kind % 8 == 0)
		return take_far_day(r, c);
	/* two bytes: in the range or up to 8 days either side of it */
	return c->first - 8 + (sc_day) (take16(r) % (uint32_t) (c->ndays + 17));
}

/* A list length: mostly short, leaving input for the queries. */
static int
take_list_length(reader *r)
{
	uint8_t		b = take8(r);

	return b & 0x80 ? (b & 0x7f) % (MAX_LIST + 1) : (b & 0x7f) % 9;
}

/* Build an index from the input and check it and a batch of queries. */
static void
fuzz_index(reader *r)
{
	static fuzz_case c;
	sc_wdindex	ix;
	void	   *mem;
	uint8_t		mask = take8(r);

	memset(&c, 0, sizeof(c));
	c.first = (sc_day) take_range(r, -DAY_LIMIT, DAY_LIMIT);
	c.ndays = (int32_t) (take16(r) % (MAX_DAYS + 1));
	/* Any non-zero byte means "works"; at least one day of the week does. */
	for (int w = 0; w < 7; w++)
		c.weekmask[w] = (mask >> w & 1) ? (uint8_t) (1 + take8(r) % 255) : 0;
	if ((mask & 0x7f) == 0)
		c.weekmask[take8(r) % 7] = 1;
	c.nclosed = take_list_length(r);
	for (int i = 0; i < c.nclosed; i++)
		c.closed[i] = take_listed_day(r, &c);
	c.nopen = take_list_length(r);
	for (int i = 0; i < c.nopen; i++)
		c.open[i] = take_listed_day(r, &c);
	ref_build(&c);

	mem = malloc(sc_wdindex_bytes(c.ndays));
	if (mem == NULL)
		abort();
	sc_wdindex_build(&ix, mem, c.first, c.ndays, c.weekmask,
					 c.closed, c.nclosed, c.open, c.nopen);
	check_whole_index(&c, &ix);
	check_covers(r, &c, &ix);
	if (c.ndays > 0)
		for (int q = 0; q < MAX_QUERIES && r->left > 0; q++)
			run_query(r, &c, &ix);
	free(mem);
}

/* ----------------------------------------------------------------
 * Bank holidays and civil days
 * ----------------------------------------------------------------
 */

/* Any division and year: -1, or sorted unique weekdays inside the year. */
static void
fuzz_bank_holidays(reader *r)
{
	sc_holiday *list = malloc(sizeof(sc_holiday) * SC_MAX_HOLIDAYS_PER_YEAR);
	uint8_t		kind = take8(r);
	int			division = kind & 1 ? (int) take32(r) : (int) (take8(r) % 6) - 1;
	int			year = kind & 2 ? (int) take32(r) : 1960 + take8(r);
	int			valid = division >= 0 && division < SC_NUM_DIVISIONS
		&& year >= SC_FIRST_YEAR && year <= SC_LAST_YEAR;
	int			n;

	/* malloc'd at the exact size, so ASan sees any write past 16 entries */
	if (list == NULL)
		abort();
	n = sc_bank_holidays_in_year(division, year, list);
	if (!valid && n != -1)
	{
		fprintf(stderr, "division %d, year %d: %d, expected -1\n", division, year, n);
		abort();
	}
	if (valid && (n < 1 || n > SC_MAX_HOLIDAYS_PER_YEAR))
	{
		fprintf(stderr, "division %d, year %d: %d holidays\n", division, year, n);
		abort();
	}
	for (int i = 0; i < n; i++)
	{
		int			y,
					m,
					d;

		sc_ymd_from_day(list[i].day, &y, &m, &d);
		if (y != year || (i > 0 && list[i - 1].day >= list[i].day)
			|| ref_weekday(list[i].day) >= SC_SAT || list[i].name == NULL)
		{
			fprintf(stderr, "division %d, year %d: bad holiday #%d: %d-%02d-%02d (%d)\n",
					division, year, i, y, m, d, (int) list[i].day);
			abort();
		}
	}
	free(list);
}

/* Any int32 day: a valid y/m/d that maps back, and consecutive weekdays. */
static void
fuzz_civil(reader *r)
{
	sc_day		day = (sc_day) take32(r);
	int			y,
				m,
				d;
	int			leap;
	static const int len[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	sc_ymd_from_day(day, &y, &m, &d);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > len[m] + (m == 2 && leap)
		|| sc_day_from_ymd(y, m, d) != day
		|| sc_weekday(day) != ref_weekday(day))
	{
		fprintf(stderr, "day %d: %d-%02d-%02d, back %d, weekday %d (expected %d)\n",
				(int) day, y, m, d, (int) sc_day_from_ymd(y, m, d),
				sc_weekday(day), ref_weekday(day));
		abort();
	}
}

/* libFuzzer's entry point: the bytes drive all three checks in turn. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reader		r = {data, size};

	fuzz_bank_holidays(&r);
	fuzz_civil(&r);
	fuzz_index(&r);
	return 0;
}
