/*
 * test/unit/funnel_test.c
 *
 * Unit tests of the funnel-plot core (funnel.c), without PostgreSQL, in TAP.
 *
 *	  make test/unit/funnel_test PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
 *	  test/unit/funnel_test
 *
 * Expected values come from outside the code under test: scipy 1.10
 * (scipy.special.gammainc and betainc; the limits by scipy.optimize.brentq
 * on the defining equations, doc/funnel.md), PHEindicatormethods' test
 * data (testdata_funnel_ratio_outputs.csv: 1 observed event is on the 95%
 * lower limit at 5.571644585 expected), hand arithmetic (Wilson's limit
 * c +- z sqrt(c (1 - c) / n); Spiegelhalter's phi and tau2 for three
 * units) and the closed forms P(1, x) = 1 - e^-x, I_x(1, 1) = x.
 */
#include <math.h>
#include <stdio.h>

#include "funnel.h"

#include "tap.h"

static int
close_to(double got, double want, double tol)
{
	return isfinite(got) && (want == 0.0 ? fabs(got) <= tol : fabs(got - want) <= tol * fabs(want));
}

#define CLOSE(got, want, tol) \
	check(close_to((got), (want), (tol)), "%s = %.17g, want %.17g", #got, (double) (got), (double) (want))

static const sc_funnel_spread NONE = {1.0, 0.0};

int
main(void)
{
	sc_interval l;
	int			side;
	double		phi,
				tau2,
				scratch[16];

	/* Incomplete gamma and beta against scipy and closed forms. */
	CLOSE(sc_gamma_p(10.9, 5.57), 0.029519110633396437, 1e-13);
	CLOSE(sc_gamma_p(0.5, 2.0), 0.9544997361036415, 1e-13);
	CLOSE(sc_gamma_p(1.0, 0.3), 1.0 - exp(-0.3), 1e-14);
	CLOSE(sc_beta_inc(3, 7, 0.2), 0.2618024960000002, 1e-13);
	CLOSE(sc_beta_inc(0.5, 0.5, 0.3), 0.3690101195655454, 1e-13);
	CLOSE(sc_beta_inc(1, 1, 0.37), 0.37, 1e-14);
	end_group("regularised incomplete gamma and beta");

	/* Wilson: 0.3 +- 1.959963984540054 * sqrt(0.0021). */
	check(sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_WILSON, 0.3, 100, 0.95, NONE, &l) == SC_OK, "wilson ok");
	CLOSE(l.lower, 0.21018316681457944, 1e-14);
	CLOSE(l.upper, 0.38981683318542056, 1e-14);
	/* Clamped: 0.5 of 1 spans [0, 1]. */
	sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_WILSON, 0.5, 1, 0.95, NONE, &l);
	check(l.lower == 0.0 && l.upper == 1.0, "wilson 0.5 of 1: %g %g", l.lower, l.upper);
	end_group("Wilson limits (PHE's sigma_adjustment)");

	/* Exact binomial, scipy brentq on betainc. */
	sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_EXACT, 0.3, 100, 0.95, NONE, &l);
	CLOSE(l.lower, 0.20736092569883677, 1e-12);
	CLOSE(l.upper, 0.396456331139038, 1e-12);
	sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_EXACT, 1.0, 40, 0.95, NONE, &l);
	check(l.lower == 1.0 && l.upper == 1.0, "exact at centre 1: %g %g", l.lower, l.upper);
	end_group("exact binomial limits");

	/* Exact Poisson at E = 10, 95%: brentq on gammainc. */
	sc_funnel_limits(SC_FUNNEL_RATE, SC_FUNNEL_EXACT, 0.01, 1000, 0.95, NONE, &l);
	CLOSE(l.lower * 1000, 3.833616121562073, 1e-12);
	CLOSE(l.upper * 1000, 17.1271588169662, 1e-12);
	/* PHE: O = 1 on the lower 95% limit at 5.571644585 expected (their bisection: 1e-6). */
	sc_funnel_limits(SC_FUNNEL_RATIO, SC_FUNNEL_EXACT, 1.0, 5.571644585, 0.95, NONE, &l);
	CLOSE(l.lower, 1.0 / 5.571644585, 1e-6);
	/* No events are low below -ln(0.025) = 3.6888794541139354 expected. */
	sc_funnel_limits(SC_FUNNEL_RATIO, SC_FUNNEL_EXACT, 1.0, 3.68887945, 0.95, NONE, &l);
	check(l.lower == 0.0, "lower at E just under -ln(a/2): %g", l.lower);
	sc_funnel_limits(SC_FUNNEL_RATIO, SC_FUNNEL_EXACT, 1.0, 3.68887946, 0.95, NONE, &l);
	check(l.lower > 0.0, "lower at E just over -ln(a/2): %g", l.lower);
	end_group("exact Poisson limits");

	/* Positions: Wilson 0.39 of 100 is above 0.3898; exact 0.39 is not. */
	sc_funnel_side(SC_FUNNEL_PROPORTION, SC_FUNNEL_WILSON, 39, 100, 0.3, 0.95, NONE, &side);
	check(side == 1, "wilson 39/100: %d", side);
	sc_funnel_side(SC_FUNNEL_PROPORTION, SC_FUNNEL_EXACT, 39, 100, 0.3, 0.95, NONE, &side);
	check(side == 0, "exact 39/100: %d", side);
	sc_funnel_side(SC_FUNNEL_PROPORTION, SC_FUNNEL_EXACT, 40, 100, 0.3, 0.95, NONE, &side);
	check(side == 1, "exact 40/100: %d", side);
	/* 0 events at 5 expected: P(X = 0) = e^-5 = 0.0067 < 0.025, > 0.001. */
	sc_funnel_side(SC_FUNNEL_RATIO, SC_FUNNEL_BYARS, 0, 5, 1, 0.95, NONE, &side);
	check(side == -1, "0 of 5 at 95%%: %d", side);
	sc_funnel_side(SC_FUNNEL_RATIO, SC_FUNNEL_BYARS, 0, 5, 1, 0.998, NONE, &side);
	check(side == 0, "0 of 5 at 99.8%%: %d", side);
	end_group("positions");

	/* Spiegelhalter by hand: 10, 20, 30 of 100, centre 0.2, s = 0.04. */
	{
		double		num[3] = {10, 20, 30};
		double		den[3] = {100, 100, 100};

		check(sc_funnel_dispersion(SC_FUNNEL_PROPORTION, num, den, 3, 0.2, scratch, &phi, &tau2) == SC_OK,
			  "dispersion ok");
		CLOSE(phi, 12.5 / 3.0, 1e-14);
		CLOSE(tau2, 0.0084, 1e-12);
		check(sc_funnel_dispersion(SC_FUNNEL_PROPORTION, num, den, 3, 0.0, scratch, &phi, &tau2) == SC_UNDECIDED,
			  "no variance at 0");
		check(sc_funnel_dispersion(SC_FUNNEL_PROPORTION, num, den, 0, 0.2, scratch, &phi, &tau2) == SC_EMPTY,
			  "no units");
	}
	/* Ten units: the smallest and largest z are winsorised to their neighbours. */
	{
		double		num[10] = {0, 10, 10, 10, 10, 10, 10, 10, 10, 100};
		double		den[10] = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100};

		sc_funnel_dispersion(SC_FUNNEL_RATE, num, den, 10, 0.1, scratch, &phi, &tau2);
		check(phi == 0.0 && tau2 == 0.0, "winsorised away: phi %g tau2 %g", phi, tau2);
	}
	end_group("Spiegelhalter's phi and tau2, winsorised");

	/* The curve's denominators: log-spaced, ends exact. */
	{
		double		prev = 0.0;
		int			increasing = 1;

		CLOSE(sc_funnel_curve_denominator(10, 1000, 3, 1), 100, 1e-15);
		CLOSE(sc_funnel_curve_denominator(1, 1e4, 5, 3), 1000, 1e-15);
		check(sc_funnel_curve_denominator(0.7, 123.4, 100, 0) == 0.7, "first is from exactly");
		check(sc_funnel_curve_denominator(0.7, 123.4, 100, 99) == 123.4, "last is to exactly");
		check(sc_funnel_curve_denominator(5, 5, 2, 1) == 5, "from = to");
		/* found by fuzz_funnel: the logs' rounding stepped below from */
		check(sc_funnel_curve_denominator(2.0880974326823081e-53, 2.0880974326823081e-53, 7, 3)
			  == 2.0880974326823081e-53, "from = to = 2.09e-53, inside point");
		/* 1e-300 to 1e300: to / from overflows, the logs do not */
		CLOSE(sc_funnel_curve_denominator(1e-300, 1e300, 3, 1), 1, 1e-12);
		for (int i = 0; i < 100; i++)
		{
			double		d = sc_funnel_curve_denominator(1e-300, 1e300, 100, i);

			increasing &= isfinite(d) && d > prev;
			prev = d;
		}
		check(increasing, "1e-300 to 1e300 in 100 points: finite and increasing");
	}
	end_group("funnel_curve's denominators");

	/* Domain. */
	check(sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_WILSON, 0.3, 0, 0.95, NONE, &l) == SC_OUT_OF_RANGE, "n 0");
	check(sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_BYARS, 0.3, 10, 0.95, NONE, &l) == SC_UNKNOWN_NAME, "byars");
	check(sc_funnel_limits(SC_FUNNEL_PROPORTION, SC_FUNNEL_EXACT, 0.3, 1e13, 0.95, NONE, &l) == SC_OUT_OF_RANGE, "reach");
	check(sc_funnel_check(SC_FUNNEL_PROPORTION, 11, 10, 0.5, 0.95, NONE) == 7, "11 of 10");
	check(sc_funnel_check(SC_FUNNEL_RATE, 11, 10, 2.5, 0.95, NONE) == 0, "rate 11 per 10");
	check(sc_funnel_check(SC_FUNNEL_RATE, -1, 10, 0.5, 0.95, NONE) == 1, "negative");
	check(sc_funnel_check(SC_FUNNEL_RATE, 1, 10, 0.5, 1.0, NONE) == 4, "confidence 1");
	end_group("domain");

	printf("1..%d\n", ntests);
	return nfailed_tests ? 1 : 0;
}
