/*
 * test/fuzz/fuzz_rag.c
 *
 * libFuzzer target for src/rag.c.  Polarity parsing accepts exactly
 * "high" and "low"; every decision function depends only on the signs of
 * its int arguments (any int, INT_MIN too) and agrees with the naive
 * definition on small values and green and red thresholds; RAG status is
 * monotonic in the value; the words and arrows are the documented ones.
 * Sparkline levels lie in 0 to 7 for any doubles, are monotonic in the
 * value, 0 at the minimum and 7 at the maximum (subnormals and the whole
 * double range included) and within rounding of the exact bin; a
 * sparkline of up to 64 values, NULLs included, has one bar or space per
 * value, the bars at those levels, within SC_SPARKLINE_BYTES (an
 * allocation of exactly that size, so ASan sees any overrun).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "rag.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_POINTS 64

static void
fail(const char *what, double a, double b, double c)
{
	fprintf(stderr, "fuzz_rag: %s (%.17g, %.17g, %.17g)\n", what, a, b, c);
	abort();
}

static int
sign(long long v)
{
	return (v > 0) - (v < 0);
}

static void
check_polarity(fuzz_input *in)
{
	char		text[8];
	int			len = (int) fuzz_range(in, 0, sizeof text - 1);
	sc_polarity p = (sc_polarity) 99;
	bool		ok;

	for (int i = 0; i < len; i++)
		text[i] = fuzz_u8(in) & 1 ? "highlow"[fuzz_range(in, 0, 6)] : (char) fuzz_u8(in);
	text[len] = '\0';
	ok = sc_parse_polarity(text, &p) == SC_OK;
	if (ok != (strcmp(text, "high") == 0 || strcmp(text, "low") == 0)
		|| (ok && p != (strcmp(text, "high") == 0 ? SC_POLARITY_HIGH : SC_POLARITY_LOW))
		|| (!ok && p != (sc_polarity) 99))
		fail("parse polarity", len, ok, p);
}

/* RAG by the definition: green at or beyond green, red strictly beyond red. */
static sc_rag_status
naive_rag(long long value, long long green, long long red, sc_polarity p)
{
	if (p == SC_POLARITY_HIGH ? value >= green : value <= green)
		return SC_RAG_GREEN;
	if (p == SC_POLARITY_HIGH ? value < red : value > red)
		return SC_RAG_RED;
	return SC_RAG_AMBER;
}

static void
check_rag(fuzz_input *in)
{
	int			a = (int) fuzz_u32(in),
				b = (int) fuzz_u32(in);
	long long	value = fuzz_range(in, -50, 50),
				green = fuzz_range(in, -50, 50),
				red = fuzz_range(in, -50, 50),
				better;
	sc_polarity p = fuzz_u8(in) & 1 ? SC_POLARITY_HIGH : SC_POLARITY_LOW;
	sc_polarity implied = (sc_polarity) 99;
	bool		has = sc_polarity_from_thresholds(a, &implied) == SC_OK;
	sc_rag_status r;

	/* any int: only the sign counts */
	if (has != (a != 0) || (has && implied != (a > 0 ? SC_POLARITY_HIGH : SC_POLARITY_LOW)))
		fail("polarity from thresholds", a, has, implied);
	if (sc_thresholds_fit_polarity(a, p) != (a == 0 || implied == p))
		fail("thresholds fit polarity", a, p, 0);
	r = sc_rag_from_thresholds(a, b, p);
	if (r != sc_rag_from_thresholds(sign(a), sign(b), p))
		fail("RAG depends on more than the signs", a, b, p);
	if (sc_trend_of(a, b) != sc_trend_of(sign(a), sign(b)))
		fail("trend depends on more than the signs", a, b, 0);

	/* thresholds the glue accepts: in the polarity's order */
	if (!sc_thresholds_fit_polarity(sign(green - red), p))
		return;
	r = sc_rag_from_thresholds(sign(value - green), sign(value - red), p);
	if (r != naive_rag(value, green, red, p) || (int) r < 0 || (int) r > 2)
		fail("RAG", value, green, red);
	/* a better value never has a worse status */
	better = p == SC_POLARITY_HIGH ? value + 1 : value - 1;
	if ((int) sc_rag_from_thresholds(sign(better - green), sign(better - red), p) < (int) r)
		fail("RAG not monotonic", value, green, red);
	if (strcmp(sc_rag_names[r], r == SC_RAG_RED ? "red" : r == SC_RAG_AMBER ? "amber" : "green") != 0)
		fail("RAG name", r, 0, 0);
}

static void
check_trend(fuzz_input *in)
{
	long long	difference = fuzz_range(in, -20, 20),
				tolerance = fuzz_range(in, 0, 20);
	sc_polarity p = fuzz_u8(in) & 1 ? SC_POLARITY_HIGH : SC_POLARITY_LOW;
	sc_trend	t = sc_trend_of(sign(difference), sign(llabs(difference) - tolerance));
	sc_trend	want = llabs(difference) <= tolerance ? SC_SAME : difference > 0 ? SC_UP : SC_DOWN;
	const char *travel = sc_travel_word(t, p);

	if (t != want)
		fail("trend", difference, tolerance, t);
	if (strcmp(sc_trend_word(t), t == SC_UP ? "up" : t == SC_DOWN ? "down" : "no change") != 0)
		fail("trend word", t, 0, 0);
	if (strcmp(sc_trend_arrow(t), t == SC_UP ? "\u25b2" : t == SC_DOWN ? "\u25bc" : "\u25c4") != 0)
		fail("trend arrow", t, 0, 0);
	if (strcmp(travel, t == SC_SAME ? "no change"
			   : (t == SC_UP) == (p == SC_POLARITY_HIGH) ? "improving" : "worsening") != 0)
		fail("travel word", t, p, 0);
}

/* The benchmark comparison against Fingertips' rule written out on small integers. */
static void
check_benchmark(fuzz_input *in)
{
	long long	lower = fuzz_range(in, -10, 10),
				upper = lower + fuzz_range(in, 0, 10),
				value = fuzz_range(in, -12, 22),
				benchmark = fuzz_range(in, -12, 22);
	int			which = fuzz_u8(in) % 3;
	sc_polarity p = which == 0 ? SC_POLARITY_HIGH : SC_POLARITY_LOW;
	const char *got = sc_benchmark_word(sign(lower - benchmark), sign(benchmark - upper),
										sign(value - benchmark), which == 2 ? NULL : &p);
	const char *want;

	if (lower <= benchmark && benchmark <= upper)
		want = "similar";
	else if (which == 2)
		want = value >= benchmark ? "higher" : "lower";
	else if (which == 0)
		want = value >= benchmark ? "better" : "worse";
	else
		want = value >= benchmark ? "worse" : "better";
	if (strcmp(got, want) != 0)
		fail("benchmark word", value, benchmark, which);
}

/* A double from anywhere: any bit pattern, or a small, huge or tiny value. */
static double
any_double(fuzz_input *in)
{
	switch (fuzz_u8(in) % 4)
	{
		case 0:
			return fuzz_double(in);
		case 1:
			return (double) fuzz_range(in, -100, 100);
		case 2:
			return ldexp((double) fuzz_range(in, -100, 100), -1074);	/* subnormals */
		default:
			return ldexp((double) fuzz_range(in, -100, 100), 1017);	/* near DBL_MAX */
	}
}

static void
check_level(fuzz_input *in)
{
	double		v = any_double(in),
				lo = any_double(in),
				hi = any_double(in);
	int			level = sc_sparkline_level(v, lo, hi);
	double		exact;

	if (level < 0 || level > 7)
		fail("level out of 0 to 7", v, lo, hi);
	if (!(hi > lo))
	{
		if (level != 3)
			fail("flat series not in the middle", v, lo, hi);
		return;
	}
	if (!isfinite(lo) || !isfinite(hi))
		return;
	if (sc_sparkline_level(lo, lo, hi) != 0 || sc_sparkline_level(hi, lo, hi) != 7)
		fail("minimum not at 0 or maximum not at 7", lo, hi, sc_sparkline_level(hi, lo, hi));
	if (!isfinite(v) || v < lo || v > hi)
		return;
	if (sc_sparkline_level(nextafter(v, INFINITY), lo, hi) < level)
		fail("level not monotonic", v, lo, hi);
	/*
	 * The bin, within rounding: from the differences, or when hi - lo
	 * overflows (all three are then huge), from quarters, which are exact.
	 * Not long double: valgrind computes it in double.
	 */
	exact = isinf(hi - lo) ? (v * 0.25 - lo * 0.25) / (hi * 0.25 - lo * 0.25) * 8 : (v - lo) / (hi - lo) * 8;
	if (level != (int) fmin(7, floor(exact - 1e-6)) && level != (int) fmin(7, floor(exact + 1e-6)))
		fail("level not the value's bin", v, lo, hi);
}

static void
check_sparkline(fuzz_input *in)
{
	int			n = (int) fuzz_range(in, 0, MAX_POINTS);
	double		values[MAX_POINTS] = {0};
	bool		isnull[MAX_POINTS] = {0};
	double		lo = INFINITY,
				hi = -INFINITY;
	int			nnull = 0;
	char	   *out = malloc(SC_SPARKLINE_BYTES(n));
	const unsigned char *p;
	bool		ok;

	if (out == NULL)
		abort();
	for (int i = 0; i < n; i++)
	{
		double		v;

		do
			v = any_double(in);
		while (!isfinite(v));	/* the glue rejects NaN and infinities */
		values[i] = v;
		isnull[i] = fuzz_u8(in) % 4 == 0;
		nnull += isnull[i];
		if (!isnull[i])
		{
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	ok = sc_sparkline(values, isnull, n, out) == SC_OK;
	if (ok != (nnull < n) || (!ok && out[0] != '\0'))
		fail("sparkline of no values", n, nnull, ok);
	if (!ok)
	{
		free(out);
		return;
	}
	if (strlen(out) != (size_t) (3 * (n - nnull) + nnull))
		fail("sparkline length", n, nnull, (double) strlen(out));
	/* drawn part by part against the whole series' scale, as the glue does */
	{
		char	   *parts = malloc(SC_SPARKLINE_BYTES(n));
		size_t		len = 0;
		int			part = (int) fuzz_range(in, 1, MAX_POINTS);

		if (parts == NULL)
			abort();
		for (int start = 0; start < n; start += part)
			len += sc_sparkline_scaled(values + start, isnull + start, n - start < part ? n - start : part,
									   lo, hi, parts + len);
		if (len != strlen(out) || memcmp(parts, out, len) != 0)
			fail("sparkline drawn in parts", n, part, (double) len);
		free(parts);
	}
	p = (const unsigned char *) out;
	for (int i = 0; i < n; i++)
	{
		if (isnull[i])
		{
			if (*p++ != ' ')
				fail("NULL not a space", i, n, 0);
			continue;
		}
		if (p[0] != 0xe2 || p[1] != 0x96
			|| p[2] != 0x81 + sc_sparkline_level(values[i], lo, hi))
			fail("sparkline bar", i, values[i], p[2]);
		if (hi > lo && ((values[i] == lo && p[2] != 0x81) || (values[i] == hi && p[2] != 0x88)))
			fail("extreme not at the bottom or top", i, values[i], p[2]);
		p += 3;
	}
	free(out);
}

static void
check_bar(fuzz_input *in)
{
	int			level = (int) fuzz_u32(in);
	char		buf[4] = {0, 0, 0, 0};
	int			len = sc_sparkline_bar(buf, level);

	if (level < 0 ? (len != 1 || buf[0] != ' ' || buf[1] != 0)
		: (len != 3 || (unsigned char) buf[0] != 0xe2 || (unsigned char) buf[1] != 0x96
		   || (unsigned char) buf[2] != 0x81 + (level > 7 ? 7 : level) || buf[3] != 0))
		fail("bar", level, len, 0);
}

/*
 * sc_kpi_word: any text gives NULL or one of the column's stored words,
 * and a stored word maps to itself.
 */
static void
check_kpi_word(fuzz_input *in)
{
	char		text[SC_KPI_WORD_MAX + 16];
	size_t		len = fuzz_range(in, 0, sizeof text);
	sc_kpi_column column = (sc_kpi_column) fuzz_range(in, SC_KPI_UNIT, SC_KPI_COMPARATOR);
	const char *const *words = sc_kpi_words(column);
	const char *word;
	bool		known = false;

	for (size_t i = 0; i < len; i++)
		text[i] = fuzz_u8(in) & 1 ? " -_%HIGHlowPercentageSN12asatmonthend"[fuzz_range(in, 0, 36)] : (char) fuzz_u8(in);
	word = sc_kpi_word(column, text, len);
	if (word == NULL)
		return;
	for (int i = 0; words[i]; i++)
		known |= word == words[i];
	if (!known || sc_kpi_word(column, word, strlen(word)) != word)
		fail("sc_kpi_word gave a word not of its column", (double) column, (double) len, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};

	check_polarity(&in);
	check_rag(&in);
	check_trend(&in);
	check_benchmark(&in);
	check_level(&in);
	check_level(&in);
	check_bar(&in);
	check_sparkline(&in);
	check_kpi_word(&in);
	return 0;
}
