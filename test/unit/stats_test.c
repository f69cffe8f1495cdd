/*
 * test/unit/stats_test.c
 *
 * Unit tests of the pure-C statistics core (stats.c: normal quantile,
 * Wilson, Byar's and exact Poisson intervals), without PostgreSQL.  Prints
 * TAP lines, one per group of checks, with a "# " diagnostic naming the
 * values for every failed assertion, and exits 1 if any group failed.
 *
 *	  make test/unit/stats_test PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
 *	  test/unit/stats_test
 *
 * Expected values come from outside the code under test:
 *  - normal quantiles and z values: scipy.stats.norm.ppf (SciPy 1.10.1),
 *    each confirmed to 25 digits with mpmath 1.2.1 at 40-digit precision
 *    (mp.findroot on mp.ncdf(x) - p, with p the double literal below);
 *  - interval cross-checks: the table in definitions.md section 7.6
 *    (PHEindicatormethods' test data), themselves confirmed to 15 or more
 *    digits by evaluating the published formulas in mpmath;
 *  - exact Poisson limits for 0..9: mpmath, solving the Poisson tail
 *    equations at 40 digits (the chi-square quantiles of section 7.4), and
 *    -ln(alpha / 2) for x = 0, which needs no software at all; Byar's
 *    limits for 10: its formula evaluated in mpmath.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "stats.h"

#include "tap.h"

/* Relative error of got against want (absolute when want is 0). */
static double
relerr(double got, double want)
{
	if (want == 0.0)
		return fabs(got);
	return fabs(got - want) / fabs(want);
}

/* got agrees with want to relative error tol; NaN never agrees. */
static int
close_to(double got, double want, double tol)
{
	return isfinite(got) && relerr(got, want) <= tol;
}

/* Check one value, naming it, with its relative error on failure. */
static void
check_close(const char *what, double got, double want, double tol)
{
	check(close_to(got, want, tol),
		  "%s = %.17g, expected %.17g (relative error %.3g > %.3g)",
		  what, got, want, relerr(got, want), tol);
}

/* 12 significant figures, as the brief for section 7.6 asks. */
#define SIG12 1e-12

/* ----------------------------------------------------------------
 * Normal quantile and z
 * ----------------------------------------------------------------
 */

/* z for 95 % and 99.8 %, the two levels Fingertips publishes. */
static void
test_z_values(void)
{
	/* scipy.stats.norm.ppf(0.975), norm.ppf(0.999); definitions.md 7.1 */
	check_close("sc_z_for_confidence(0.95)", sc_z_for_confidence(0.95),
				1.959963984540054, 1e-14);
	check_close("sc_z_for_confidence(0.998)", sc_z_for_confidence(0.998),
				3.090232306167813, 1e-14);
	/* scipy.stats.norm.ppf(1 - (1 - c) / 2) for other common levels */
	check_close("sc_z_for_confidence(0.9)", sc_z_for_confidence(0.9),
				1.6448536269514722, 1e-14);
	check_close("sc_z_for_confidence(0.99)", sc_z_for_confidence(0.99),
				2.5758293035489004, 1e-14);
	check_close("sc_z_for_confidence(0.8)", sc_z_for_confidence(0.8),
				1.2815515655446004, 1e-14);
	check_close("sc_z_for_confidence(0.5)", sc_z_for_confidence(0.5),
				0.6744897501960817, 1e-14);
	end_group("z for 0.95 = 1.959963984540054, 0.998 = 3.090232306167813 (and 0.9, 0.99, 0.8, 0.5) to 1e-14");
}

/* Known quantiles, from scipy.stats.norm.ppf and confirmed with mpmath. */
static void
test_quantile_table(void)
{
	static const struct
	{
		double		p,
					x;
	}			cases[] = {
		{0.8413447460685429, 1.0},	/* Phi(1) */
		{0.02275013194817921, -2.0},	/* Phi(-2) */
		{0.0013498980316300946, -3.0},	/* Phi(-3) */
		{1e-10, -6.361340902404056},
		{0.975, 1.959963984540054},
		{0.999, 3.090232306167813},
		{0.001, -3.090232306167813},
		{0.995, 2.5758293035489004},
		{0.9, 1.2815515655446004},
		{0.1, -1.2815515655446004},
		{0.25, -0.6744897501960817},
		{0.75, 0.6744897501960817},
		{0.3, -0.5244005127080408},
		{0.6, 0.2533471031357997},
		{0.9999, 3.7190164854557084},
		{1e-5, -4.264890793922825},
		{1e-20, -9.262340089798407},
		{1e-100, -21.273453560965326},
		{1e-300, -37.0470962993612},
	};
	char		what[64];
	double		mid = sc_normal_quantile(0.5);

	check(isfinite(mid) && fabs(mid) <= 1e-15,
		  "sc_normal_quantile(0.5) = %.17g, expected 0", mid);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		snprintf(what, sizeof(what), "sc_normal_quantile(%.17g)", cases[i].p);
		check_close(what, sc_normal_quantile(cases[i].p), cases[i].x, 1e-14);
	}
	end_group("normal quantile: 0.5 -> 0, Phi(1) -> 1, Phi(-2) -> -2, 1e-10 -> -6.361340902404056, ... to 1e-14");
}

/*
 * Q(1 - p) = -Q(p), on dyadic p (where 1 - p is exact), and Q increasing
 * across the whole range.
 */
static void
test_quantile_symmetry(void)
{
	double		prev = -INFINITY;
	double		prevp = 0.0;

	for (int k = 1; k < 4096; k++)
	{
		double		p = k / 8192.0;
		double		lo = sc_normal_quantile(p);
		double		hi = sc_normal_quantile(1.0 - p);

		check(isfinite(lo) && isfinite(hi) && fabs(lo + hi) <= 1e-15 * fabs(lo),
			  "sc_normal_quantile(%.17g) = %.17g but sc_normal_quantile(%.17g) = %.17g",
			  p, lo, 1.0 - p, hi);
	}
	/*
	 * Increasing: p = 10^(e/8) up to 0.1, steps of 0.8e-4 to 0.9, then
	 * 1 - 10^(e/8) down to 1 - 1e-16.
	 */
	for (int part = 0; part < 3; part++)
	{
		int			steps = part == 0 ? 300 * 8 - 8 : part == 1 ? 10000 : 15 * 8;

		for (int k = 0; k <= steps; k++)
		{
			double		p = part == 0 ? pow(10.0, (k - 300 * 8) / 8.0)
				: part == 1 ? 0.1 + 0.8 * k / 10000.0
				: 1.0 - pow(10.0, (-8 - k) / 8.0);
			double		x;

			if (p <= prevp)
				continue;
			x = sc_normal_quantile(p);
			check(isfinite(x) && x > prev,
				  "not increasing: Q(%.17g) = %.17g, Q(%.17g) = %.17g",
				  prevp, prev, p, x);
			prev = x, prevp = p;
		}
	}
	end_group("normal quantile: Q(1 - p) = -Q(p) for p = k/8192, and increasing from 1e-300 to 1 - 1e-16");
}

/* ----------------------------------------------------------------
 * definitions.md section 7.6 cross-check values
 * ----------------------------------------------------------------
 */

static void
check_interval(const char *what, sc_interval ci, double lower, double upper)
{
	char		name[160];

	snprintf(name, sizeof(name), "%s lower", what);
	check_close(name, ci.lower, lower, SIG12);
	snprintf(name, sizeof(name), "%s upper", what);
	check_close(name, ci.upper, upper, SIG12);
}

static void
test_byars_crosscheck(void)
{
	check_interval("sc_byars(65, 0.95)", sc_byars(65, 0.95),
				   50.163187710459454, 82.849138545939837);
	check_interval("sc_byars(1045, 0.95)", sc_byars(1045, 0.95),
				   982.59320180733255, 1110.3312129856499);
	check_interval("sc_byars(65, 0.998)", sc_byars(65, 0.998),
				   42.880261471480203, 94.000290844318016);
	check_close("sc_byars(1, 0.95) lower", sc_byars(1, 0.95).lower,
				0.013072132901504351, SIG12);
	check(sc_byars(1, 0.95).lower > 0, "sc_byars(1, 0.95).lower = %.17g, expected > 0",
		  sc_byars(1, 0.95).lower);
	/* The interval of a count uses Byar's from 10: the same values. */
	check_interval("sc_count_interval(65, 0.95)", sc_count_interval(65, 0.95),
				   50.163187710459454, 82.849138545939837);
	check_interval("sc_count_interval(1045, 0.95)", sc_count_interval(1045, 0.95),
				   982.59320180733255, 1110.3312129856499);
	check_interval("sc_count_interval(65, 0.998)", sc_count_interval(65, 0.998),
				   42.880261471480203, 94.000290844318016);
	end_group("definitions 7.6: Byar's 65 and 1045 (95 %), 65 (99.8 %), lower of 1 positive, to 12 s.f.");
}

static void
test_wilson_crosscheck(void)
{
	double		p = 9856.0 / 12345.0;

	check_interval("sc_wilson(65, 100, 0.95)", sc_wilson(65, 100, 0.95),
				   0.55254443296887967, 0.73635751756902468);
	check_interval("sc_wilson(1045, 5000, 0.998)", sc_wilson(1045, 5000, 0.998),
				   0.19179381799015244, 0.22731562902525818);
	check(fabs(p - 0.79837991) < 5e-9, "9856 / 12345 = %.17g, expected 0.79837991 to 8 dp", p);
	check_interval("sc_wilson(9856, 12345, 0.95)", sc_wilson(9856, 12345, 0.95),
				   0.79121017529090687, 0.80536400736149094);
	end_group("definitions 7.6: Wilson 65/100 (95 %), 1045/5000 (99.8 %), 9856/12345 (95 %), to 12 s.f.");
}

/* phe_rate(x, n, conf, multiplier): count interval / n * multiplier. */
static void
check_rate(double x, double n, double conf, double mult, const char *method,
		   double value, double value_tol, double lower, double upper)
{
	sc_interval ci = sc_count_interval(x, conf);
	sc_interval rate = {ci.lower / n * mult, ci.upper / n * mult};
	char		what[128];
	int			byars = x >= SC_BYARS_MIN_COUNT;
	sc_interval direct = byars ? sc_byars(x, conf) : sc_exact_poisson(x, conf);

	snprintf(what, sizeof(what), "rate %g/%g x %g (%g, %s)", x, n, mult, conf, method);
	check(fabs(x / n * mult - value) <= value_tol, "%s value = %.17g, expected %.17g",
		  what, x / n * mult, value);
	check((method[0] == 'B') == byars, "%s: count %g would use %s", what, x,
		  byars ? "Byars" : "Exact");
	check(ci.lower == direct.lower && ci.upper == direct.upper,
		  "%s: sc_count_interval (%.17g, %.17g) differs from the %s method (%.17g, %.17g)",
		  what, ci.lower, ci.upper, method, direct.lower, direct.upper);
	check_interval(what, rate, lower, upper);
}

static void
test_rate_crosscheck(void)
{
	check_rate(1, 100, 0.95, 100, "Exact", 1, 1e-15,
			   0.025317807984289897, 5.571643390938898);
	check_rate(5, 100, 0.998, 100, "Exact", 5, 1e-15,
			   0.739371731917839, 16.454745203680105);
	check_rate(20, 100, 0.95, 100, "Byars", 20, 1e-15,
			   12.211428834875937, 30.889880369197066);
	/* The table gives the value to 2 dp only. */
	check_rate(250, 220, 0.95, 100000, "Byars", 113636.36, 0.005,
			   99984.947385328764, 128631.14487455782);
	end_group("definitions 7.6: rates 1/100, 5/100 (99.8 %), 20/100 (x 100) and 250/220 x 100000, to 12 s.f.");
}

/* ----------------------------------------------------------------
 * Exact Poisson and the switch at 10
 * ----------------------------------------------------------------
 */

static void
test_exact_zero(void)
{
	sc_interval ci95 = sc_exact_poisson(0, 0.95);
	sc_interval ci998 = sc_exact_poisson(0, 0.998);
	sc_interval cnt = sc_count_interval(0, 0.95);

	check(ci95.lower == 0.0, "sc_exact_poisson(0, 0.95).lower = %.17g, expected 0", ci95.lower);
	check(ci998.lower == 0.0, "sc_exact_poisson(0, 0.998).lower = %.17g, expected 0", ci998.lower);
	/* -ln(0.025) and -ln(0.001), by hand: ln 40 and 3 ln 10 */
	check_close("sc_exact_poisson(0, 0.95).upper", ci95.upper, 3.6888794541139363, 1e-13);
	check_close("sc_exact_poisson(0, 0.95).upper vs -log(0.025)", ci95.upper, -log(0.025), 1e-13);
	check_close("sc_exact_poisson(0, 0.998).upper", ci998.upper, 6.907755278982137, 1e-13);
	check(cnt.lower == 0.0 && cnt.upper == ci95.upper,
		  "sc_count_interval(0, 0.95) = (%.17g, %.17g), expected the exact (0, %.17g)",
		  cnt.lower, cnt.upper, ci95.upper);
	end_group("exact Poisson x = 0: lower 0, upper -ln(alpha/2) = 3.6888794541139363 (95 %), 6.907755278982137 (99.8 %)");
}

/* Exact limits 0..9 at 95 %, from mpmath (the chi-square quantiles of 7.4). */
static void
test_exact_table(void)
{
	static const double limits[10][2] = {
		{0.0, 3.6888794541139363},
		{0.025317807984289875, 5.5716433909388986},
		{0.24220927854396490, 7.2246876677239608},
		{0.61867212289560129, 8.7672730697423260},
		{1.0898653736263249, 10.241588675403698},
		{1.6234863901184205, 11.668332079322670},
		{2.2018942534908508, 13.059474022518685},
		{2.8143630515198661, 14.422675361702379},
		{3.4538321767485013, 15.763189220193315},
		{4.1153730973783324, 17.084803451419170},
	};
	char		what[64];

	for (int x = 0; x < 10; x++)
	{
		snprintf(what, sizeof(what), "sc_exact_poisson(%d, 0.95)", x);
		check_interval(what, sc_exact_poisson(x, 0.95), limits[x][0], limits[x][1]);
		snprintf(what, sizeof(what), "sc_count_interval(%d, 0.95)", x);
		check_interval(what, sc_count_interval(x, 0.95), limits[x][0], limits[x][1]);
	}
	end_group("exact Poisson 0..9 (95 %) against chi-square quantiles from mpmath, to 12 s.f.");
}

static void
test_switch_at_ten(void)
{
	static const double confs[] = {0.9, 0.95, 0.99, 0.998};
	sc_interval c9 = sc_count_interval(9, 0.95);
	sc_interval c10 = sc_count_interval(10, 0.95);

	check(SC_BYARS_MIN_COUNT == 10, "SC_BYARS_MIN_COUNT = %d, expected 10", SC_BYARS_MIN_COUNT);
	/* Independent values: exact 9 from mpmath; Byar's 10 from its formula in mpmath. */
	check_interval("sc_count_interval(9, 0.95)", c9, 4.1153730973783324, 17.084803451419170);
	check_interval("sc_count_interval(10, 0.95)", c10, 4.7874499139675618, 18.391458605756476);
	for (size_t i = 0; i < sizeof(confs) / sizeof(confs[0]); i++)
	{
		double		c = confs[i];
		sc_interval e9 = sc_exact_poisson(9, c),
					n9 = sc_count_interval(9, c),
					b10 = sc_byars(10, c),
					n10 = sc_count_interval(10, c),
					e10 = sc_exact_poisson(10, c);

		check(n9.lower == e9.lower && n9.upper == e9.upper,
			  "sc_count_interval(9, %g) = (%.17g, %.17g), exact gives (%.17g, %.17g)",
			  c, n9.lower, n9.upper, e9.lower, e9.upper);
		check(n10.lower == b10.lower && n10.upper == b10.upper,
			  "sc_count_interval(10, %g) = (%.17g, %.17g), Byar's gives (%.17g, %.17g)",
			  c, n10.lower, n10.upper, b10.lower, b10.upper);
		check(n10.lower != e10.lower && n10.upper != e10.upper,
			  "sc_count_interval(10, %g) = (%.17g, %.17g) is the exact interval, not Byar's",
			  c, n10.lower, n10.upper);
	}
	end_group("switch at 10: sc_count_interval uses exact for 9 and Byar's for 10 (90, 95, 99, 99.8 %)");
}

/* ----------------------------------------------------------------
 * Properties
 * ----------------------------------------------------------------
 */

static const double levels[] = {0.5, 0.8, 0.9, 0.95, 0.99, 0.998, 0.999, 0.9999};
#define NLEVELS (sizeof(levels) / sizeof(levels[0]))

/* Proportions on a grid of n, and every x for small n. */
static int
next_n(int n)
{
	return n < 60 ? n + 1 : n < 100000 ? n * 3 / 2 + 1 : -1;
}

/*
 * In exact arithmetic Wilson's upper limit for x = n is 1; in double the
 * formula gives 1 within 2 ulp either side (0.99999999999999978 for 13 of
 * 13 at 99 %, 1.0000000000000002 for 15 of 15 at 95 %), so containment and
 * [0, 1] are checked to WILSON_ULPS.  The lower limit for x = 0 is exactly
 * 0 (sqrt(z * z) == z in IEEE arithmetic), and is checked exactly.
 */
#define WILSON_ULPS (4 * DBL_EPSILON)

static void
test_wilson_contains(void)
{
	for (int n = 1; n > 0; n = next_n(n))
		for (int x = 0; x <= n; x = x < 50 || x > n - 50 ? x + 1 : x + n / 37 + 1)
			for (size_t i = 0; i < NLEVELS; i++)
			{
				double		p = (double) x / n;
				sc_interval ci = sc_wilson(x, n, levels[i]);

				check(ci.lower <= p && p <= ci.upper + WILSON_ULPS,
					  "sc_wilson(%d, %d, %g) = (%.17g, %.17g) excludes %.17g",
					  x, n, levels[i], ci.lower, ci.upper, p);
				check(ci.lower >= 0.0 && ci.upper <= 1.0 + WILSON_ULPS,
					  "sc_wilson(%d, %d, %g) = (%.17g, %.17g) outside [0, 1]",
					  x, n, levels[i], ci.lower, ci.upper);
				check(x > 0 || ci.lower == 0.0,
					  "sc_wilson(0, %d, %g).lower = %.17g, expected 0",
					  n, levels[i], ci.lower);
				check(x < n || fabs(ci.upper - 1.0) <= WILSON_ULPS,
					  "sc_wilson(%d, %d, %g).upper = %.17g, expected 1",
					  x, n, levels[i], ci.upper);
			}
	end_group("Wilson: lower <= x/n <= upper within [0, 1] (x = 0 gives 0, x = n gives 1 to 4 ulp), n up to 1e5, 8 levels");
}

static void
test_wilson_mirror(void)
{
	for (int n = 1; n > 0; n = next_n(n))
		for (int x = 0; x <= n; x = x < 50 || x > n - 50 ? x + 1 : x + n / 37 + 1)
			for (size_t i = 0; i < NLEVELS; i++)
			{
				sc_interval a = sc_wilson(x, n, levels[i]);
				sc_interval b = sc_wilson(n - x, n, levels[i]);

				check(fabs(a.lower - (1.0 - b.upper)) <= 1e-13
					  && fabs(a.upper - (1.0 - b.lower)) <= 1e-13,
					  "sc_wilson(%d, %d, %g) = (%.17g, %.17g) but 1 - sc_wilson(%d, %d) = (%.17g, %.17g)",
					  x, n, levels[i], a.lower, a.upper, n - x, n, 1.0 - b.upper, 1.0 - b.lower);
			}
	end_group("Wilson: the interval of n - x of n mirrors that of x (to 1e-13)");
}

static void
test_count_contains(void)
{
	for (int x = 0; x <= 2000000; x = x < 300 ? x + 1 : x * 11 / 10)
		for (size_t i = 0; i < NLEVELS; i++)
		{
			sc_interval ci = sc_count_interval(x, levels[i]);

			check(isfinite(ci.lower) && isfinite(ci.upper) && ci.lower <= x && x <= ci.upper,
				  "sc_count_interval(%d, %g) = (%.17g, %.17g) excludes %d",
				  x, levels[i], ci.lower, ci.upper, x);
			check(ci.lower >= 0.0,
				  "sc_count_interval(%d, %g).lower = %.17g is negative",
				  x, levels[i], ci.lower);
		}
	for (int x = 0; x < 60; x++)
		for (size_t i = 0; i < NLEVELS; i++)
		{
			sc_interval ci = sc_exact_poisson(x, levels[i]);

			check(ci.lower <= x && x <= ci.upper && ci.lower >= 0.0,
				  "sc_exact_poisson(%d, %g) = (%.17g, %.17g) excludes %d",
				  x, levels[i], ci.lower, ci.upper, x);
		}
	for (int x = 1; x <= 2000000; x = x < 300 ? x + 1 : x * 11 / 10)
		for (size_t i = 0; i < NLEVELS; i++)
		{
			sc_interval ci = sc_byars(x, levels[i]);

			check(ci.lower <= x && x <= ci.upper,
				  "sc_byars(%d, %g) = (%.17g, %.17g) excludes %d",
				  x, levels[i], ci.lower, ci.upper, x);
		}
	end_group("counts: lower <= x <= upper, lower >= 0 (count interval, exact 0..59, Byar's), x up to 2e6, 8 levels");
}

static void
test_count_increasing_in_x(void)
{
	for (size_t i = 0; i < NLEVELS; i++)
	{
		sc_interval prev = sc_count_interval(0, levels[i]);

		for (int x = 1; x <= 5000; x++)
		{
			sc_interval ci = sc_count_interval(x, levels[i]);

			check(ci.lower > prev.lower && ci.upper > prev.upper,
				  "sc_count_interval(%d, %g) = (%.17g, %.17g) not above that of %d (%.17g, %.17g)",
				  x, levels[i], ci.lower, ci.upper, x - 1, prev.lower, prev.upper);
			prev = ci;
		}
	}
	end_group("counts: both limits increase with x, across the switch at 10 too (0..5000, 8 levels)");
}

/* Wider for a higher confidence: lower falls (or stays at 0), upper rises. */
static void
test_monotonic_in_confidence(void)
{
	for (int n = 1; n > 0; n = next_n(n))
		for (int x = 0; x <= n; x = x < 20 || x > n - 20 ? x + 1 : x + n / 13 + 1)
			for (size_t i = 1; i < NLEVELS; i++)
			{
				sc_interval a = sc_wilson(x, n, levels[i - 1]);
				sc_interval b = sc_wilson(x, n, levels[i]);

				check((x == 0 ? b.lower == 0.0 && a.lower == 0.0 : b.lower < a.lower)
					  && (x == n ? fabs(b.upper - a.upper) <= WILSON_ULPS : b.upper > a.upper),
					  "sc_wilson(%d, %d): %g gives (%.17g, %.17g), %g gives (%.17g, %.17g)",
					  x, n, levels[i - 1], a.lower, a.upper, levels[i], b.lower, b.upper);
			}
	for (int x = 0; x <= 2000000; x = x < 300 ? x + 1 : x * 11 / 10)
		for (size_t i = 1; i < NLEVELS; i++)
		{
			sc_interval a = sc_count_interval(x, levels[i - 1]);
			sc_interval b = sc_count_interval(x, levels[i]);

			check((x == 0 ? b.lower == 0.0 && a.lower == 0.0 : b.lower < a.lower)
				  && b.upper > a.upper,
				  "sc_count_interval(%d): %g gives (%.17g, %.17g), %g gives (%.17g, %.17g)",
				  x, levels[i - 1], a.lower, a.upper, levels[i], b.lower, b.upper);
		}
	for (size_t i = 1; i < NLEVELS; i++)
	{
		double		a = sc_z_for_confidence(levels[i - 1]);
		double		b = sc_z_for_confidence(levels[i]);

		check(b > a, "z(%g) = %.17g not above z(%g) = %.17g", levels[i], b, levels[i - 1], a);
	}
	end_group("monotonic in confidence (0.5 .. 0.9999): z rises, Wilson and count intervals widen");
}

int
main(void)
{
	test_z_values();
	test_quantile_table();
	test_quantile_symmetry();
	test_byars_crosscheck();
	test_wilson_crosscheck();
	test_rate_crosscheck();
	test_exact_zero();
	test_exact_table();
	test_switch_at_ten();
	test_wilson_contains();
	test_wilson_mirror();
	test_count_contains();
	test_count_increasing_in_x();
	test_monotonic_in_confidence();

	printf("1..%d\n", ntests);
	if (nfailed_tests)
		printf("# %d of %d tests failed\n", nfailed_tests, ntests);
	return nfailed_tests ? 1 : 0;
}
