/*
 * test/unit/spc_test.c
 *
 * Unit tests of the pure-C SPC core (spc.c), without PostgreSQL.  Prints
 * TAP lines, one per group; exits 1 if any group failed.  Expected values
 * are NHSRplotthedots 0.2.0's (nhs-r-community/NHSRplotthedots): the
 * deviations vignette, tests/testthat/_snaps/ptd_spc_standard.md and the
 * rule vectors of tests/testthat/test-ptd_calculate_point_type.R and
 * test-ptd_calculate_assurance_type.R, cited at each; others by hand.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "spc.h"

#include "tap.h"

#define MAXN 64

static sc_spc_point pts[MAXN];
static sc_spc_summary sum;

/* Chart ys (NAN: a gap); returns the status. */
static sc_status
chart(const double *ys, size_t n, const sc_spc_options *opt)
{
	memset(pts, 0, sizeof pts);
	for (size_t i = 0; i < n; i++)
	{
		pts[i].present = !isnan(ys[i]);
		pts[i].value = pts[i].present ? ys[i] : 0;
	}
	return sc_spc_compute(pts, n, opt, &sum);
}

static bool
near(double a, double b, double tol)
{
	return fabs(a - b) <= tol;
}

static void
test_limits(void)
{
	/* vignettes/deviations.Rmd: UPL 4.6, mean 1.94, LPL -0.72 screened; 6.95, 1.94, -3.06 not */
	static const double dev[] = {1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1};
	/* set.seed(123); rnorm(20), as R prints it (8 decimals) */
	static const double rn[] = {-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
		1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383,
		0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135832,
	-0.47279141};
	double		rn10[20];
	sc_spc_options o;

	sc_spc_default_options(&o);
	check(chart(dev, 18, &o) == SC_OK, "deviations: computes");
	check(near(pts[0].upper, 4.60, 0.005) && near(pts[0].centre, 1.94, 0.005) && near(pts[0].lower, -0.72, 0.005),
		  "deviations, screened: %g %g %g, expected 4.6 1.94 -0.72", pts[0].upper, pts[0].centre, pts[0].lower);
	check(pts[4].beyond && pts[4].direction == 1 && sum.neutral == 1, "deviations: the 10 is beyond the upper limit");
	o.screen_outliers = false;
	chart(dev, 18, &o);
	check(near(pts[0].upper, 6.95, 0.005) && near(pts[0].lower, -3.06, 0.005),
		  "deviations, not screened (MDC Excel): %g %g, expected 6.95 -3.06", pts[0].upper, pts[0].lower);
	/* _snaps/ptd_spc_standard.md: r1, r2 (y[15] = 10), r3 (not screened) */
	sc_spc_default_options(&o);
	chart(rn, 20, &o);
	check(near(pts[0].centre, 0.1416238, 1e-6) && near(pts[0].lower, -3.01138, 1e-5) && near(pts[0].upper, 3.294627, 1e-5),
		  "rnorm r1: %.7f %.6f %.6f", pts[0].centre, pts[0].lower, pts[0].upper);
	memcpy(rn10, rn, sizeof rn10);
	rn10[14] = 10;
	chart(rn10, 20, &o);
	check(near(pts[0].centre, 0.6694159, 1e-6) && near(pts[0].lower, -2.383666, 1e-5) && near(pts[0].upper, 3.722497, 1e-5),
		  "rnorm r2: %.7f %.6f %.6f", pts[0].centre, pts[0].lower, pts[0].upper);
	o.screen_outliers = false;
	chart(rn10, 20, &o);
	check(near(pts[0].lower, -4.596625, 1e-5) && near(pts[0].upper, 5.935457, 1e-5),
		  "rnorm r3: %.6f %.6f", pts[0].lower, pts[0].upper);
	/* 2 sigma is (2/3) 2.66: by hand */
	check(near(pts[0].upper2 - pts[0].centre, (pts[0].upper - pts[0].centre) * 2 / 3, 1e-12),
		  "2 sigma is two thirds of the way to the limit");
	end_group("limits: NHSRplotthedots' examples, screening on and off");
}

static void
test_trend(void)
{
	/* ptd_seven_point_trend's vectors */
	static const double a[] = {1, 2, 3, 3, 4, 5, 6};
	static const double b[] = {2, 1, 2, 3, 4, 5, 6, 7, 3};
	static const double c[] = {2, 7, 6, 5, 4, 3, 2, 1, 3};
	static const double up6[] = {1, 2, 3, 4, 5, 6};
	static const double gap[] = {1, 2, 3, NAN, 4, 5, 6, 7};
	/* a peak shared by an increasing and a decreasing trend: 7 up, 7 down */
	static const double peak[] = {1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1};
	sc_spc_options o;

	sc_spc_default_options(&o);
	chart(a, 7, &o);
	for (int i = 0; i < 7; i++)
		check(!pts[i].trend, "c(1:3, 3:6): a tie breaks the trend (point %d)", i);
	chart(b, 9, &o);
	for (int i = 0; i < 9; i++)
		check(pts[i].trend == (i >= 1 && i <= 7) && (!pts[i].trend || pts[i].trend_direction == 1),
			  "c(2, 1:7, 3): points 2 to 8 increasing (point %d)", i);
	chart(c, 9, &o);
	for (int i = 0; i < 9; i++)
		check(pts[i].trend == (i >= 1 && i <= 7) && (!pts[i].trend || pts[i].trend_direction == -1),
			  "c(2, 7:1, 3): points 2 to 8 decreasing (point %d)", i);
	chart(up6, 6, &o);
	check(!pts[5].trend, "six increasing: fewer than a trend needs");
	o.trend_run = 6;
	chart(up6, 6, &o);
	check(pts[0].trend && pts[5].trend, "six increasing with trend_run 6: a trend");
	sc_spc_default_options(&o);
	chart(gap, 8, &o);
	for (int i = 0; i < 8; i++)
		check(!pts[i].trend && !pts[i].has_range == (i == 0 || i == 3 || i == 4),
			  "a gap breaks trend and moving range (point %d)", i);
	chart(peak, 13, &o);
	check(pts[6].trend && pts[6].trend_direction == -1 && pts[5].trend_direction == 1 && pts[7].trend_direction == -1,
		  "the peak is in both trends: the latest (decreasing) names it");
	end_group("trend: NHSRplotthedots' vectors, gaps, run length, direction");
}

static void
test_shift_two_of_three(void)
{
	/* c(rep(1, 8), -1) as values around a centre: eight 10, a 0 ... */
	static const double s8[] = {10, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0};
	static const double s6[] = {0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 5};
	/* test-ptd_spc_standard.R: 1, -1 alternating, then 5.5, -5.5 */
	double		alt[17];
	sc_spc_options o;

	sc_spc_default_options(&o);
	chart(s8, 11, &o);
	for (int i = 0; i < 11; i++)
		check(pts[i].shift == (i < 8), "eight above the centre 80/11: a shift (point %d)", i);
	chart(s6, 13, &o);
	for (int i = 0; i < 13; i++)
		check(!pts[i].shift, "runs of six: no shift (point %d)", i);
	o.shift_run = 6;
	chart(s6, 13, &o);
	for (int i = 0; i < 13; i++)
		check(pts[i].shift == (i < 12), "runs of six with shift_run 6 (point %d)", i);
	sc_spc_default_options(&o);
	for (int i = 0; i < 17; i++)
		alt[i] = i % 2 == 0 ? 1 : -1;
	alt[14] = 5.5;
	alt[15] = -5.5;
	chart(alt, 16, &o);
	check(!pts[14].two_of_three && !pts[15].two_of_three && pts[14].value > pts[14].upper2
		  && pts[15].value < pts[15].lower2, "beyond 2 sigma on opposite sides: not two of three");
	check(near(pts[0].mean_range, 32.5 / 14, 1e-12), "the 11 is screened: mean range 32.5/14, got %g", pts[0].mean_range);
	alt[15] = 5.5;
	chart(alt, 17, &o);
	check(pts[14].two_of_three && pts[15].two_of_three && !pts[16].two_of_three && pts[14].rule == SC_SPC_RULE_TWO_OF_THREE,
		  "two beyond 2 sigma and a third value on their side: the two");
	end_group("shift and two of three: NHSRplotthedots' cases, run length");
}

static void
test_summary(void)
{
	/* test-ptd_calculate_assurance_type.R: limits (1,3), (5,7), (1,5), target 4 */
	static const struct
	{
		double		centre,
					half;
		sc_spc_assurance high,
					low;
	}			cases[] = {
		{2, 1, SC_SPC_ASSURANCE_MISSED, SC_SPC_ASSURANCE_HIT},
		{6, 1, SC_SPC_ASSURANCE_HIT, SC_SPC_ASSURANCE_MISSED},
		{3, 2, SC_SPC_ASSURANCE_HIT_AND_MISS, SC_SPC_ASSURANCE_HIT_AND_MISS},
	};
	static const double drop[] = {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, -20, NAN};
	static const double one[] = {5};
	static const double flat[] = {3, 3, 3, 3, 3, 3, 3, 3};
	static const double big[] = {1e308, 1e308, -1e308};
	sc_spc_options o;
	double		ys[12];

	sc_spc_default_options(&o);
	o.has_target = true;
	o.target = 4;
	for (int k = 0; k < 3; k++)
	{
		/* x -+ h alternating: mean x, moving range 2h: limits x -+ 2.66 x 2h */
		double		h = cases[k].half / 2.66 / 2;

		for (int i = 0; i < 12; i++)
			ys[i] = cases[k].centre + (i % 2 ? h : -h);
		o.improvement = 1;
		chart(ys, 12, &o);
		check(sum.assurance == cases[k].high, "case %d, increase: %s", k, sc_spc_assurance_name(sum.assurance));
		o.improvement = -1;
		chart(ys, 12, &o);
		check(sum.assurance == cases[k].low, "case %d, decrease: %s", k, sc_spc_assurance_name(sum.assurance));
		o.improvement = 0;
		chart(ys, 12, &o);
		check(sum.assurance == SC_SPC_ASSURANCE_NONE, "case %d, neutral: none", k);
	}
	o.improvement = -1;
	chart(drop, 14, &o);
	check(sum.last == 12 && sum.variation == SC_SPC_IMPROVEMENT && sum.variation_side == -1
		  && strcmp(sc_spc_variation_name(sum.variation, sum.variation_side), "improving low") == 0,
		  "variation: the latest value's (a trailing gap skipped)");
	chart(one, 1, &o);
	check(!pts[0].has_limits && pts[0].centre == 5 && pts[0].cause == SC_SPC_COMMON
		  && sum.assurance == SC_SPC_ASSURANCE_NONE && sum.variation == SC_SPC_COMMON, "one point: no limits, common cause");
	check(chart(one, 0, &o) == SC_OK && sum.last == -1 && sum.points == 0, "no points");
	chart(flat, 8, &o);
	check(pts[0].has_limits && pts[0].mean_range == 0 && pts[0].upper == 3 && !pts[3].beyond && !pts[7].shift,
		  "all equal: zero moving range, limits on the centre, no rule");
	check(chart(big, 3, &o) == SC_OUT_OF_RANGE, "values whose mean overflows: out of range");
	o.shift_run = 1;
	check(chart(flat, 8, &o) == SC_OUT_OF_RANGE, "shift_run 1: out of range");
	end_group("summary: assurance (NHSRplotthedots' table), variation, edge cases");
}

static void
test_names(void)
{
	int			d = 9;

	check(sc_spc_parse_improvement("high", &d) == SC_OK && d == 1, "high");
	check(sc_spc_parse_improvement("low", &d) == SC_OK && d == -1, "low");
	check(sc_spc_parse_improvement("neutral", &d) == SC_OK && d == 0, "neutral");
	check(sc_spc_parse_improvement("increase", &d) == SC_UNKNOWN_NAME && d == 0, "increase is refused");
	check(strcmp(sc_spc_assurance_name(SC_SPC_ASSURANCE_HIT), "consistently hit") == 0
		  && sc_spc_assurance_name(SC_SPC_ASSURANCE_NONE) == NULL, "assurance words");
	end_group("names");
}

int
main(void)
{
	test_limits();
	test_trend();
	test_shift_two_of_three();
	test_summary();
	test_names();
	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
