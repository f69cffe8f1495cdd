/*
 * src/funnel.c
 *
 * Funnel-plot control limits and positions (see funnel.h).  Each limit is
 * the value a unit of the given denominator would need for its own
 * confidence interval to just reach the centre, the inversion
 * PHEindicatormethods makes:
 *
 *  - proportions, Wilson: PHE's sigma_adjustment solves Wilson's interval
 *    for its end; the solution is centre +- z sqrt(centre (1 - centre) / n);
 *  - proportions, exact: the count x whose Clopper-Pearson interval ends at
 *    the centre, I_c(x, n - x + 1) = a/2 (upper) and
 *    1 - I_c(x + 1, n - x) = a/2 (lower), x continuous;
 *  - rates and ratios, exact: the count O whose Garwood interval ends at the
 *    expected count E = centre * denominator, P(O, E) = a/2 (upper) and
 *    Q(O + 1, E) = a/2 (lower): the curve through PHE's poisson_funnel
 *    points, which solves the same equations for whole O;
 *  - rates and ratios, Byar's: as exact below 10 events, Byar's formula
 *    from 10, as PHE's funnel_ratio_significance.
 *
 * With overdispersion the limits are Spiegelhalter's normal ones,
 * centre +- z sqrt(phi V(centre) / n + tau^2).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "funnel.h"

/* Largest n (proportions) or expected count the exact methods take. */
#define EXACT_MAX 1e12

/* Iterations of a continued fraction or series: ample for EXACT_MAX. */
#define MAX_TERMS 20000000

#define TINY 1e-300

/*
 * log(x^a e^-x / Gamma(a)), the common factor of both incomplete gamma
 * forms.
 */
static double
gamma_log_factor(double a, double x)
{
	return a * log(x) - x - lgamma(a);
}

/*
 * P(a, x) and Q(a, x) = 1 - P, each to full relative precision: the series
 * for P when x < a + 1, Lentz's continued fraction for Q otherwise, and the
 * other as the complement (then at least 1/2 or so, no cancellation).
 */
static void
gamma_pq(double a, double x, double *p, double *q)
{
	double		f;

	if (x <= 0.0)
	{
		*p = 0.0;
		*q = 1.0;
		return;
	}
	f = gamma_log_factor(a, x);
	if (x < a + 1.0)
	{
		double		term = 1.0 / a;
		double		sum = term;

		for (long n = 1; n < MAX_TERMS; n++)
		{
			term *= x / (a + n);
			sum += term;
			if (term < sum * DBL_EPSILON / 4)
				break;
		}
		*p = sum * exp(f);
		if (*p > 1.0)
			*p = 1.0;
		*q = 1.0 - *p;
	}
	else
	{
		double		b = x + 1.0 - a;
		double		c = 1.0 / TINY;
		double		d = 1.0 / b;
		double		h = d;

		for (long i = 1; i < MAX_TERMS; i++)
		{
			double		an = -i * (i - a);
			double		del;

			b += 2.0;
			d = an * d + b;
			if (fabs(d) < TINY)
				d = TINY;
			c = b + an / c;
			if (fabs(c) < TINY)
				c = TINY;
			d = 1.0 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1.0) < DBL_EPSILON / 4)
				break;
		}
		*q = exp(f) * h;
		if (*q > 1.0)
			*q = 1.0;
		*p = 1.0 - *q;
	}
}

double
sc_gamma_p(double a, double x)
{
	double		p,
				q;

	gamma_pq(a, x, &p, &q);
	return p;
}

/* Lentz's continued fraction of the incomplete beta function. */
static double
beta_fraction(double a, double b, double x)
{
	double		qab = a + b;
	double		qap = a + 1.0;
	double		qam = a - 1.0;
	double		c = 1.0;
	double		d = 1.0 - qab * x / qap;
	double		h;

	if (fabs(d) < TINY)
		d = TINY;
	d = 1.0 / d;
	h = d;
	for (long m = 1; m < MAX_TERMS; m++)
	{
		long		m2 = 2 * m;
		double		aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		double		del;

		d = 1.0 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1.0 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1.0 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1.0 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < DBL_EPSILON / 4)
			break;
	}
	return h;
}

/*
 * I_x(a, b) and 1 - I_x(a, b), each to full relative precision: the
 * continued fraction converges fast for x below the mean (a + 1) /
 * (a + b + 2), and the other side is the same fraction with a, b swapped.
 */
static void
beta_pq(double a, double b, double x, double *p, double *q)
{
	double		lf;

	if (x <= 0.0)
	{
		*p = 0.0;
		*q = 1.0;
		return;
	}
	if (x >= 1.0)
	{
		*p = 1.0;
		*q = 0.0;
		return;
	}
	lf = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
	if (x < (a + 1.0) / (a + b + 2.0))
	{
		*p = exp(lf) * beta_fraction(a, b, x) / a;
		if (*p > 1.0)
			*p = 1.0;
		*q = 1.0 - *p;
	}
	else
	{
		*q = exp(lf) * beta_fraction(b, a, 1.0 - x) / b;
		if (*q > 1.0)
			*q = 1.0;
		*p = 1.0 - *q;
	}
}

double
sc_beta_inc(double a, double b, double x)
{
	double		p,
				q;

	beta_pq(a, b, x, &p, &q);
	return p;
}

/*
 * The equations the exact limits solve, as tail(t) - half_alpha, each
 * increasing in t, with the fixed values in params.
 */
typedef struct tail_eq
{
	int			which;
	double		n;				/* denominator (binomial) */
	double		c;				/* centre (binomial), expected count
								 * (Poisson) */
	double		half_alpha;
} tail_eq;

enum
{
	POISSON_UPPER,				/* a/2 - P(O, E): rises through 0 at O_U */
	POISSON_LOWER,				/* Q(O + 1, E) - a/2 */
	BINOMIAL_UPPER,				/* a/2 - I_c(x, n - x + 1) */
	BINOMIAL_LOWER				/* 1 - I_c(x + 1, n - x) - a/2 */
};

static double
tail_value(const tail_eq *eq, double t)
{
	double		p,
				q;

	switch (eq->which)
	{
		case POISSON_UPPER:
			gamma_pq(t, eq->c, &p, &q);
			return eq->half_alpha - p;
		case POISSON_LOWER:
			gamma_pq(t + 1.0, eq->c, &p, &q);
			return q - eq->half_alpha;
		case BINOMIAL_UPPER:
			beta_pq(t, eq->n - t + 1.0, eq->c, &p, &q);
			return eq->half_alpha - p;
		default:
			beta_pq(t + 1.0, eq->n - t, eq->c, &p, &q);
			return q - eq->half_alpha;
	}
}

/*
 * The root of an increasing tail_value in [lo, hi], where it is <= 0 at lo
 * and >= 0 at hi: the Illinois variant of regula falsi, with a bisection
 * every fourth step so that the bracket always shrinks, to the last bits.
 */
static double
solve(const tail_eq *eq, double lo, double hi)
{
	double		flo = tail_value(eq, lo);
	double		fhi = tail_value(eq, hi);
	int			side = 0;

	if (flo >= 0.0)
		return lo;
	if (fhi <= 0.0)
		return hi;
	for (int i = 0; i < 400 && hi - lo > 2.0 * DBL_EPSILON * fabs(hi); i++)
	{
		double		t = (i % 4 == 3) ? lo + (hi - lo) / 2.0
			: (lo * fhi - hi * flo) / (fhi - flo);
		double		ft;

		if (!(t > lo && t < hi))
			t = lo + (hi - lo) / 2.0;
		ft = tail_value(eq, t);
		if (ft == 0.0)
			return t;
		if (ft < 0.0)
		{
			lo = t;
			flo = ft;
			if (side == -1)
				fhi /= 2.0;
			side = -1;
		}
		else
		{
			hi = t;
			fhi = ft;
			if (side == 1)
				flo /= 2.0;
			side = 1;
		}
	}
	return lo + (hi - lo) / 2.0;
}

/* Byar's lower and upper ends of the interval of a count o >= 10. */
static double
byars_lower(double o, double z)
{
	double		a = 1.0 - 1.0 / (9.0 * o) - z / (3.0 * sqrt(o));

	return o * a * a * a;
}

static double
byars_upper(double o, double z)
{
	double		b = 1.0 - 1.0 / (9.0 * (o + 1.0)) + z / (3.0 * sqrt(o + 1.0));

	return (o + 1.0) * b * b * b;
}

/*
 * Whether the interval of count o lies wholly above (+1) or below (-1) the
 * expected count e, or reaches it (0): exact (Garwood) for every o, or below
 * SC_BYARS_MIN_COUNT only with byars.  A lower end of 0 (o = 0) is never
 * above.
 */
static int
count_side(double o, double e, double half_alpha, double z, int byars)
{
	double		p,
				q;

	if (byars && o >= SC_BYARS_MIN_COUNT)
	{
		if (byars_lower(o, z) > e)
			return 1;
		if (byars_upper(o, z) < e)
			return -1;
		return 0;
	}
	if (o > 0.0)
	{
		gamma_pq(o, e, &p, &q);
		if (p < half_alpha)		/* lower end qgamma(a/2, o) > e */
			return 1;
	}
	gamma_pq(o + 1.0, e, &p, &q);
	if (q < half_alpha)			/* upper end qgamma(1 - a/2, o + 1) < e */
		return -1;
	return 0;
}

/*
 * Count limits by Byar's method, exact below 10 events: the count from
 * which every larger count is above (upper) or the count below which every
 * smaller count is below (lower) the expected count e.  Byar's ends are
 * increasing in the count, and so are the exact ones, but the two meet at
 * 10 with a small step; so the limit is Byar's root at 10 or beyond when
 * Byar's end at 10 is past e, else the exact root below 10.
 */
static double
byars_root(double e, double z, int upper)
{
	double		lo = SC_BYARS_MIN_COUNT;
	double		hi = e + 10.0 * (z + 1.0) * sqrt(e) + z * z + 20.0;

	while ((upper ? byars_lower(hi, z) : byars_upper(hi, z)) < e)
		hi *= 2.0;
	for (int i = 0; i < 2000 && hi - lo > 2.0 * DBL_EPSILON * hi; i++)
	{
		double		mid = lo + (hi - lo) / 2.0;

		if ((upper ? byars_lower(mid, z) : byars_upper(mid, z)) < e)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2.0;
}

static double
byars_limit(double e, double half_alpha, double z, int upper)
{
	tail_eq		eq = {upper ? POISSON_UPPER : POISSON_LOWER, 0.0, e, half_alpha};

	if (upper)
		return byars_lower(SC_BYARS_MIN_COUNT, z) <= e ? byars_root(e, z, 1)
			: solve(&eq, e < SC_BYARS_MIN_COUNT ? e : SC_BYARS_MIN_COUNT, SC_BYARS_MIN_COUNT);
	if (byars_upper(SC_BYARS_MIN_COUNT, z) < e)
		return byars_root(e, z, 0);
	return solve(&eq, 0.0, e < SC_BYARS_MIN_COUNT ? e : SC_BYARS_MIN_COUNT);
}

int
sc_funnel_has_method(sc_funnel_kind kind, sc_funnel_method method)
{
	if (method == SC_FUNNEL_EXACT)
		return 1;
	return kind == SC_FUNNEL_PROPORTION ? method == SC_FUNNEL_WILSON
		: method == SC_FUNNEL_BYARS;
}

int
sc_funnel_check(sc_funnel_kind kind, double numerator, double denominator,
				double centre, double confidence, sc_funnel_spread spread)
{
	if (!isnan(numerator) && !(isfinite(numerator) && numerator >= 0.0))
		return 1;
	if (!(isfinite(denominator) && denominator > 0.0))
		return 2;
	if (!(isfinite(centre) && centre >= 0.0
		  && (kind != SC_FUNNEL_PROPORTION || centre <= 1.0)))
		return 3;
	if (!(confidence > 0.0 && confidence < 1.0))
		return 4;
	if (!(isfinite(spread.phi) && spread.phi > 0.0))
		return 5;
	if (!(isfinite(spread.tau2) && spread.tau2 >= 0.0))
		return 6;
	if (kind == SC_FUNNEL_PROPORTION && numerator >= 0.0 && numerator > denominator)
		return 7;
	return 0;
}

/* Whether the spread asks for Spiegelhalter's normal limits. */
static int
overdispersed(sc_funnel_spread spread)
{
	return spread.phi != 1.0 || spread.tau2 != 0.0;
}

static double
variance(sc_funnel_kind kind, double centre)
{
	return kind == SC_FUNNEL_PROPORTION ? centre * (1.0 - centre) : centre;
}

/* Whether the exact method's work stays bounded (EXACT_MAX). */
static int
exact_in_reach(sc_funnel_kind kind, double denominator, double centre)
{
	return kind == SC_FUNNEL_PROPORTION ? denominator <= EXACT_MAX
		: centre * denominator <= EXACT_MAX;
}

sc_status
sc_funnel_limits(sc_funnel_kind kind, sc_funnel_method method,
				 double centre, double denominator, double confidence,
				 sc_funnel_spread spread, sc_interval *limits)
{
	double		half_alpha = (1.0 - confidence) / 2.0;
	double		z;
	sc_interval out;

	if (sc_funnel_check(kind, NAN, denominator, centre, confidence, spread) != 0)
		return SC_OUT_OF_RANGE;
	if (!sc_funnel_has_method(kind, method))
		return SC_UNKNOWN_NAME;
	z = sc_z_for_confidence(confidence);
	if (overdispersed(spread) || (kind == SC_FUNNEL_PROPORTION && method == SC_FUNNEL_WILSON))
	{
		double		half = z * sqrt(spread.phi * variance(kind, centre) / denominator + spread.tau2);

		out.lower = centre - half;
		out.upper = centre + half;
	}
	else if (centre == 0.0 || (kind == SC_FUNNEL_PROPORTION && centre == 1.0))
	{
		/* No variance: any other value is beyond both limits. */
		out.lower = out.upper = centre;
	}
	else if (!exact_in_reach(kind, denominator, centre))
		return SC_OUT_OF_RANGE;
	else if (kind == SC_FUNNEL_PROPORTION)
	{
		tail_eq		eq = {BINOMIAL_UPPER, denominator, centre, half_alpha};
		double		mean = denominator * centre;

		out.upper = solve(&eq, mean, denominator) / denominator;
		eq.which = BINOMIAL_LOWER;
		/* b = n - x must stay positive: the top of the bracket is the mean. */
		out.lower = solve(&eq, 0.0, mean) / denominator;
	}
	else
	{
		double		e = centre * denominator;

		if (method == SC_FUNNEL_BYARS)
		{
			out.upper = byars_limit(e, half_alpha, z, 1) / denominator;
			out.lower = byars_limit(e, half_alpha, z, 0) / denominator;
		}
		else
		{
			tail_eq		eq = {POISSON_UPPER, 0.0, e, half_alpha};
			double		hi = e + (z + 1.0) * sqrt(e) + z * z + 5.0;

			while (tail_value(&eq, hi) <= 0.0)
				hi = e + 2.0 * (hi - e);
			out.upper = solve(&eq, e, hi) / denominator;
			eq.which = POISSON_LOWER;
			out.lower = solve(&eq, 0.0, e) / denominator;
		}
	}
	if (out.lower < 0.0)
		out.lower = 0.0;
	if (kind == SC_FUNNEL_PROPORTION && out.upper > 1.0)
		out.upper = 1.0;
	*limits = out;
	return SC_OK;
}

sc_status
sc_funnel_side(sc_funnel_kind kind, sc_funnel_method method,
			   double numerator, double denominator, double centre,
			   double confidence, sc_funnel_spread spread, int *side)
{
	double		half_alpha = (1.0 - confidence) / 2.0;
	double		z;

	if (isnan(numerator) || sc_funnel_check(kind, numerator, denominator, centre, confidence, spread) != 0)
		return SC_OUT_OF_RANGE;
	if (!sc_funnel_has_method(kind, method))
		return SC_UNKNOWN_NAME;
	z = sc_z_for_confidence(confidence);
	if (overdispersed(spread) || (kind == SC_FUNNEL_PROPORTION && method == SC_FUNNEL_WILSON))
	{
		double		y = numerator / denominator;
		double		half = z * sqrt(spread.phi * variance(kind, centre) / denominator + spread.tau2);

		*side = y < centre - half ? -1 : y > centre + half ? 1 : 0;
		return SC_OK;
	}
	if (kind == SC_FUNNEL_PROPORTION)
	{
		double		p,
					q;
		int			s = 0;

		if (!exact_in_reach(kind, denominator, centre))
			return SC_OUT_OF_RANGE;
		/* Clopper-Pearson: lower end beta(a/2; x, n-x+1) > c. */
		if (numerator > 0.0)
		{
			beta_pq(numerator, denominator - numerator + 1.0, centre, &p, &q);
			if (p < half_alpha)
				s = 1;
		}
		/* Upper end beta(1-a/2; x+1, n-x) < c. */
		if (s == 0 && numerator < denominator)
		{
			beta_pq(numerator + 1.0, denominator - numerator, centre, &p, &q);
			if (q < half_alpha)
				s = -1;
		}
		*side = s;
		return SC_OK;
	}
	if (!exact_in_reach(kind, denominator, centre) || numerator > EXACT_MAX)
	{
		if (method == SC_FUNNEL_EXACT || numerator < SC_BYARS_MIN_COUNT)
			return SC_OUT_OF_RANGE;
	}
	*side = count_side(numerator, centre * denominator, half_alpha, z, method == SC_FUNNEL_BYARS);
	return SC_OK;
}

double
sc_funnel_z(sc_funnel_kind kind, double numerator, double denominator, double centre)
{
	double		diff = numerator / denominator - centre;
	double		s2 = variance(kind, centre) / denominator;

	if (s2 > 0.0)
		return diff / sqrt(s2);
	return diff == 0.0 ? 0.0 : diff > 0.0 ? INFINITY : -INFINITY;
}

double
sc_funnel_curve_denominator(double from, double to, int points, int i)
{
	if (i <= 0)
		return from;
	if (i >= points - 1)
		return to;
	/* within [from, to]: the logs' rounding can step just outside */
	return fmin(fmax(exp(log(from) + (log(to) - log(from)) * ((double) i / (double) (points - 1))), from), to);
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

sc_status
sc_funnel_dispersion(sc_funnel_kind kind, const double *numerators,
					 const double *denominators, size_t count, double centre,
					 double *scratch, double *phi, double *tau2)
{
	size_t		cut = (size_t) (SC_FUNNEL_WINSOR * (double) count);
	double		sum_z2 = 0.0;
	double		sum_w = 0.0;
	double		sum_w2 = 0.0;
	double		v = variance(kind, centre);
	double		ph;
	double		excess;

	if (count == 0)
		return SC_EMPTY;
	if (!(v > 0.0))
		return SC_UNDECIDED;
	for (size_t i = 0; i < count; i++)
	{
		double		w = denominators[i] / v;

		scratch[i] = sc_funnel_z(kind, numerators[i], denominators[i], centre);
		sum_w += w;
		sum_w2 += w * w;
	}
	qsort(scratch, count, sizeof(double), cmp_double);
	for (size_t i = 0; i < count; i++)
	{
		double		zw = i < cut ? scratch[cut]
			: i >= count - cut ? scratch[count - 1 - cut] : scratch[i];

		sum_z2 += zw * zw;
	}
	ph = sum_z2 / (double) count;
	excess = (double) count * ph - (double) (count - 1);
	*phi = ph;
	*tau2 = excess > 0.0 && sum_w - sum_w2 / sum_w > 0.0
		? excess / (sum_w - sum_w2 / sum_w) : 0.0;
	return SC_OK;
}
