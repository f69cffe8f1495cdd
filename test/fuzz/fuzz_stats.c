/*
 * test/fuzz/fuzz_stats.c
 *
 * libFuzzer target for src/stats.c, within the domain the SQL glue lets
 * through (counts 0 to 2^53 as doubles, whole <= 2^53, confidence strictly
 * between 0 and 1): every limit is finite; the Wilson interval of x of n
 * lies in [0, 1] and contains x / n; a count's interval contains the count
 * and starts at 0 or above; the normal quantile is odd and increasing.
 * Any double at all goes to sc_normal_quantile and sc_z_for_confidence,
 * which must not crash (NaN in, NaN out is allowed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_input.h"
#include "stats.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Relative slack for rounding in the comparisons. */
#define SLACK 1e-9

static void
fail(const char *what, double a, double b, double c)
{
	fprintf(stderr, "fuzz_stats: %s (%.17g, %.17g, %.17g)\n", what, a, b, c);
	abort();
}

/* A count: mostly small (the exact method's range and Byar's start), up to 2^53. */
static double
count(fuzz_input *in)
{
	uint8_t		kind = fuzz_u8(in);

	if (kind < 96)
		return (double) fuzz_range(in, 0, 12);
	if (kind < 192)
		return (double) fuzz_range(in, 0, 100000);
	return (double) fuzz_range(in, 0, INT64_C(1) << 53);
}

/* A confidence level strictly between 0 and 1; often the usual ones. */
static double
confidence(fuzz_input *in)
{
	uint8_t		kind = fuzz_u8(in);

	if (kind < 64)
		return 0.95;
	if (kind < 128)
		return 0.998;
	return ((double) fuzz_range(in, 1, (INT64_C(1) << 52) - 1)) / (double) (INT64_C(1) << 52);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	double		x = count(&in);
	double		n = x + count(&in);
	double		c = confidence(&in);
	double		p = fuzz_double(&in);
	double		q = fuzz_double(&in);
	sc_interval ci;

	/* Any double: no crash. */
	(void) sc_normal_quantile(p);
	(void) sc_z_for_confidence(q);

	if (n > 0)
	{
		ci = sc_wilson(x, n, c);
		if (!isfinite(ci.lower) || !isfinite(ci.upper)
			|| ci.lower < -SLACK || ci.upper > 1 + SLACK
			|| ci.lower > x / n * (1 + SLACK) + SLACK || ci.upper < x / n * (1 - SLACK) - SLACK)
			fail("Wilson interval", x, n, c);
	}
	ci = sc_count_interval(x, c);
	if (!isfinite(ci.lower) || !isfinite(ci.upper) || ci.lower < 0
		|| ci.lower > x * (1 + SLACK) || ci.upper < x * (1 - SLACK))
		fail("count interval", x, ci.lower, ci.upper);

	/* The quantile: odd on (0, 1), away from the ends where 1 - p rounds. */
	if (isfinite(p) && p > 1e-6 && p < 1 - 1e-6)
	{
		double		zp = sc_normal_quantile(p);
		double		zq = sc_normal_quantile(1 - p);

		if (!isfinite(zp) || fabs(zp + zq) > 1e-6 * (1 + fabs(zp)))
			fail("quantile not odd", p, zp, zq);
		if (p < 0.5 && zp > 0)
			fail("quantile sign", p, zp, 0);
	}
	return 0;
}
