/*
 * test/fuzz/fuzz_funnel.c
 *
 * libFuzzer target for src/funnel.c.  Any doubles go to sc_funnel_check,
 * sc_funnel_limits and sc_funnel_side, which must not crash and must refuse
 * what is out of the domain.  Within the domain the SQL glue lets through:
 * every limit is finite and 0 <= lower_998 <= lower_95 <= centre <=
 * upper_95 <= upper_998 (<= 1 for proportions); the Wilson and exact limits
 * close in on the centre as the denominator grows (lower rises, upper
 * falls; Byar's has a small step where it meets the exact interval at 10
 * events, doc/funnel.md); a unit clearly beyond a limit is on that side and
 * one clearly inside is within; phi and tau2 are finite and non-negative;
 * funnel_curve's denominators run from from to to exactly, finite and not
 * decreasing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_input.h"
#include "funnel.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SLACK 1e-9

static void
fail(const char *what, double a, double b, double c)
{
	fprintf(stderr, "fuzz_funnel: %s (%.17g, %.17g, %.17g)\n", what, a, b, c);
	abort();
}

/* A positive size: mostly modest, sometimes tiny or huge. */
static double
size_of(fuzz_input *in, double top)
{
	uint8_t		kind = fuzz_u8(in);

	if (kind < 64)
		return (double) fuzz_range(in, 1, 50);
	if (kind < 192)
		return (double) fuzz_range(in, 1, 100000) / (kind < 128 ? 1.0 : 7.0);
	return exp((double) fuzz_range(in, -20000, (int64_t) (log(top) * 1000)) / 1000.0);
}

static double
confidence(fuzz_input *in)
{
	uint8_t		kind = fuzz_u8(in);

	if (kind < 96)
		return 0.95;
	if (kind < 160)
		return 0.998;
	return 0.5 + 0.49999 * (double) fuzz_range(in, 0, 1 << 30) / (double) (1 << 30);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	sc_funnel_kind kind = (sc_funnel_kind) fuzz_range(&in, 0, 2);
	sc_funnel_method method = (sc_funnel_method) fuzz_range(&in, 0, 2);
	sc_funnel_spread none = {1.0, 0.0};
	sc_funnel_spread spread = none;
	double		n = size_of(&in, 1e9);
	double		centre = kind == SC_FUNNEL_PROPORTION
		? (double) fuzz_range(&in, 0, 1 << 20) / (double) (1 << 20)
		: size_of(&in, 100.0) / 1000.0;
	double		conf = confidence(&in);
	double		raw[4];
	sc_interval l95,
				l998,
				l2;
	int			side;

	for (int i = 0; i < 4; i++)
		raw[i] = fuzz_double(&in);
	/* Any doubles: refused or computed, never a crash. */
	{
		sc_funnel_spread s = {raw[3], 0.0};
		sc_interval l;

		if (sc_funnel_check(kind, raw[0], raw[1], raw[2], conf, s) == 0
			&& fabs(raw[1]) < 1e6 && fabs(raw[2] * raw[1]) < 1e6)
		{
			(void) sc_funnel_limits(kind, method, raw[2], raw[1], conf, s, &l);
			(void) sc_funnel_side(kind, method, raw[0], raw[1], raw[2], conf, s, &side);
		}
		else if (sc_funnel_limits(kind, method, raw[2], raw[1], conf, s, &l) == SC_OK
				 && sc_funnel_check(kind, NAN, raw[1], raw[2], conf, s) != 0)
			fail("limits accepted a value the check refuses", raw[1], raw[2], raw[3]);
	}
	if (!sc_funnel_has_method(kind, method))
	{
		if (sc_funnel_limits(kind, method, centre, n, conf, none, &l95) != SC_UNKNOWN_NAME)
			fail("method not refused", kind, method, 0);
		return 0;
	}
	if (fuzz_u8(&in) < 40)
	{
		spread.phi = 0.25 + (double) fuzz_u8(&in) / 32.0;
		spread.tau2 = (double) fuzz_u8(&in) / 10000.0;
	}
	if (sc_funnel_limits(kind, method, centre, n, 0.95, spread, &l95) != SC_OK
		|| sc_funnel_limits(kind, method, centre, n, 0.998, spread, &l998) != SC_OK)
		fail("limits refused", centre, n, 0);
	if (!isfinite(l95.lower) || !isfinite(l95.upper) || !isfinite(l998.lower) || !isfinite(l998.upper))
		fail("limit not finite", centre, n, 0);
	if (!(0.0 <= l998.lower && l998.lower <= l95.lower * (1 + SLACK) + 1e-300
		  && l95.lower <= centre * (1 + SLACK) && centre <= l95.upper * (1 + SLACK)
		  && l95.upper <= l998.upper * (1 + SLACK)))
		fail("limits out of order", centre, n, l95.lower);
	if (kind == SC_FUNNEL_PROPORTION && l998.upper > 1.0)
		fail("proportion above 1", centre, n, l998.upper);

	/* Monotone in the denominator. */
	if (method != SC_FUNNEL_BYARS || spread.phi != 1.0 || spread.tau2 != 0.0)
	{
		double		n2 = n * (1.0 + (double) fuzz_range(&in, 1, 1000) / 100.0);

		if (sc_funnel_limits(kind, method, centre, n2, conf, spread, &l2) == SC_OK
			&& sc_funnel_limits(kind, method, centre, n, conf, spread, &l95) == SC_OK)
		{
			if (l2.lower < l95.lower * (1 - SLACK) - 1e-15 || l2.upper > l95.upper * (1 + SLACK) + 1e-15)
				fail("limits not monotone in the denominator", centre, n, n2);
		}
	}

	/* A unit beyond a limit is on that side; within, within. */
	{
		double		x = kind == SC_FUNNEL_PROPORTION
			? (double) fuzz_range(&in, 0, (int64_t) fmin(n, 1e15))
			: (double) fuzz_range(&in, 0, (int64_t) fmin(4.0 * centre * n + 30.0, 1e15));
		double		y = x / n;
		sc_interval lc;

		if (kind == SC_FUNNEL_PROPORTION && x > n)
			x = n;
		if (sc_funnel_limits(kind, method, centre, n, conf, spread, &lc) != SC_OK
			|| sc_funnel_side(kind, method, x, n, centre, conf, spread, &side) != SC_OK)
			fail("side refused", x, n, centre);
		if (method != SC_FUNNEL_BYARS || spread.phi != 1.0 || spread.tau2 != 0.0)
		{
			double		tol = 1e-7 * (fabs(centre) + fabs(y)) + 1e-12;

			if (y > lc.upper + tol && side != 1 && lc.upper < (kind == SC_FUNNEL_PROPORTION ? 1.0 : INFINITY))
				fail("above the upper limit but not high", x, n, centre);
			if (y < lc.lower - tol && side != -1)
				fail("below the lower limit but not low", x, n, centre);
			if (y > lc.lower + tol && y < lc.upper - tol && side != 0)
				fail("within the limits but not within", x, n, centre);
		}
	}

	/* Dispersion over a few units. */
	{
		double		num[8],
					den[8],
					scratch[8],
					phi,
					tau2;
		size_t		k = (size_t) fuzz_range(&in, 1, 8);

		for (size_t i = 0; i < k; i++)
		{
			den[i] = size_of(&in, 1e6);
			num[i] = kind == SC_FUNNEL_PROPORTION ? floor(den[i] * (double) fuzz_u8(&in) / 255.0)
				: (double) fuzz_range(&in, 0, 1000);
		}
		if (sc_funnel_dispersion(kind, num, den, k, centre, scratch, &phi, &tau2) == SC_OK
			&& !(isfinite(phi) && phi >= 0 && isfinite(tau2) && tau2 >= 0))
		{
			/* Infinite z only where the centre has no variance: refused. */
			fail("phi or tau2", phi, tau2, centre);
		}
	}
	/* funnel_curve's denominators: from and to exactly at the ends, finite
	 * and not decreasing between them, for any from <= to the glue lets
	 * through (finite and positive). */
	{
		double		a = fabs(fuzz_double(&in)),
					b = fabs(fuzz_double(&in)),
					from = fmin(a, b),
					to = fmax(a, b),
					prev = from;
		int			points = (int) fuzz_range(&in, 2, 300);

		if (from > 0 && isfinite(to))
		{
			if (sc_funnel_curve_denominator(from, to, points, 0) != from
				|| sc_funnel_curve_denominator(from, to, points, points - 1) != to)
				fail("curve ends", from, to, points);
			for (int i = 1; i < points; i++)
			{
				double		d = sc_funnel_curve_denominator(from, to, points, i);

				if (!isfinite(d) || d < prev || d > to)
					fail("curve denominators", from, to, d);
				prev = d;
			}
		}
	}
	return 0;
}
