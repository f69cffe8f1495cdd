/*
 * src/stats.c
 *
 * Normal quantiles and the confidence intervals built on them.  All
 * arithmetic is in double precision, enough for the 9 significant figures
 * the published values are checked to.
 */
#include <math.h>

#include "stats.h"

/* Not in C99's math.h. */
#define SQRT2 1.41421356237309504880
#define SQRT_2PI 2.50662827463100050242

/* Standard normal CDF via erfc, accurate in both tails. */
static double
normal_cdf(double x)
{
	return 0.5 * erfc(-x / SQRT2);
}

/*
 * The p-quantile of the standard normal distribution, 0 < p < 1: a rational
 * first guess (Abramowitz and Stegun 26.2.23, error below 4.5e-4) polished
 * by Halley steps on the CDF.  The steps run in the lower tail, where
 * erfc keeps full relative precision, and the upper tail is its mirror.
 */
double
sc_normal_quantile(double p)
{
	double		q = p < 0.5 ? p : 1.0 - p;
	double		t = sqrt(-2.0 * log(q));
	double		x = -(t - (2.515517 + t * (0.802853 + t * 0.010328))
					  / (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));

	for (int i = 0; i < 3; i++)
	{
		double		e = normal_cdf(x) - q;
		double		u = e * SQRT_2PI * exp(x * x / 2.0);

		x = x - u / (1.0 + x * u / 2.0);
	}
	return p < 0.5 ? x : -x;
}

/*
 * z for a two-sided interval: 1.959963984540054 for 0.95.  The tail
 * (1 - confidence) / 2 is passed exactly, rather than 1 minus it.
 */
double
sc_z_for_confidence(double confidence)
{
	return -sc_normal_quantile((1.0 - confidence) / 2.0);
}

/* Wilson score interval for x successes of n (0 <= x <= n, n > 0), as proportions. */
sc_interval
sc_wilson(double x, double n, double confidence)
{
	double		z = sc_z_for_confidence(confidence);
	double		z2 = z * z;
	double		spread = z * sqrt(z2 + 4.0 * x * (1.0 - x / n));
	sc_interval ci;

	ci.lower = (2.0 * x + z2 - spread) / (2.0 * (n + z2));
	ci.upper = (2.0 * x + z2 + spread) / (2.0 * (n + z2));
	return ci;
}

/* Byar's approximation to the Poisson interval of a count x > 0. */
sc_interval
sc_byars(double x, double confidence)
{
	double		z = sc_z_for_confidence(confidence);
	double		a = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * sqrt(x));
	double		b = 1.0 - 1.0 / (9.0 * (x + 1.0)) + z / (3.0 * sqrt(x + 1.0));
	sc_interval ci;

	ci.lower = x * a * a * a;
	ci.upper = (x + 1.0) * b * b * b;
	return ci;
}

/* P(X = k) for X ~ Poisson(lambda). */
static double
poisson_pmf(int k, double lambda)
{
	double		p = exp(-lambda);

	for (int i = 1; i <= k; i++)
		p *= lambda / i;
	return p;
}

/* P(X <= k), summed term by term. */
static double
poisson_cdf(int k, double lambda)
{
	double		sum = 0.0;

	for (int i = 0; i <= k; i++)
		sum += poisson_pmf(i, lambda);
	return sum;
}

/*
 * P(X >= k), summed upwards from k rather than as 1 - P(X <= k - 1), so it
 * keeps its precision when it is tiny (the lower limit at high confidence).
 */
static double
poisson_upper_tail(int k, double lambda)
{
	double		term = poisson_pmf(k, lambda);
	double		sum = 0.0;

	for (int i = k + 1; term > 1e-17 * sum || i == k + 1; i++)
	{
		sum += term;
		term *= lambda / i;
	}
	return sum;
}

/*
 * The lambda >= 0 at which tail(k, lambda) = target, for a tail that rises
 * (rising) or falls with lambda.  Bisection, to the last bit.
 */
static double
poisson_solve(double (*tail) (int, double), int k, double target, int rising)
{
	double		lo = 0.0;
	double		hi = k + 10.0;

	while ((tail(k, hi) < target) == rising)
		hi *= 2.0;
	for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
	{
		double		mid = (lo + hi) / 2.0;

		if ((tail(k, mid) < target) == rising)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

/*
 * The exact (Garwood) interval of a Poisson count x, a whole number:
 * lower = chi2_{a/2}(2x) / 2 and upper = chi2_{1-a/2}(2x + 2) / 2.  For
 * even degrees of freedom the chi-square CDF is a Poisson tail, so lower
 * solves P(X >= x) = a/2 and upper P(X <= x) = a/2.
 */
sc_interval
sc_exact_poisson(double x, double confidence)
{
	double		half_alpha = (1.0 - confidence) / 2.0;
	int			k = (int) x;
	sc_interval ci;

	ci.lower = k == 0 ? 0.0 : poisson_solve(poisson_upper_tail, k, half_alpha, 1);
	ci.upper = poisson_solve(poisson_cdf, k, half_alpha, 0);
	return ci;
}

/* The interval of a count as PHEindicatormethods gives it: exact below 10, else Byar's. */
sc_interval
sc_count_interval(double x, double confidence)
{
	return x < SC_BYARS_MIN_COUNT ? sc_exact_poisson(x, confidence)
		: sc_byars(x, confidence);
}
