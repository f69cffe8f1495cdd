/*
 * src/funnel.h
 *
 * Funnel plots as PHEindicatormethods (calculate_funnel_limits,
 * assign_funnel_significance) and Fingertips draw them: control limits
 * around a centre for a unit of a given denominator, for proportions,
 * rates and standardised ratios, and which limit a unit lies beyond; with
 * Spiegelhalter's (2005) overdispersion estimates.  Pure C, no PostgreSQL
 * header.
 *
 * Every value is on the indicator's own scale (a proportion 0 to 1, a rate
 * per unit of denominator, a ratio observed / expected): the glue applies
 * no multiplier.
 */
#ifndef SOCIALCARE_FUNNEL_H
#define SOCIALCARE_FUNNEL_H

#include <stddef.h>

#include "stats.h"
#include "status.h"

typedef enum sc_funnel_kind
{
	SC_FUNNEL_PROPORTION,		/* numerator of denominator, 0 to 1 */
	SC_FUNNEL_RATE,				/* events per unit of denominator (person
								 * years, population) */
	SC_FUNNEL_RATIO				/* observed / expected events (SMR, ISR) */
} sc_funnel_kind;

typedef enum sc_funnel_method
{
	SC_FUNNEL_WILSON,			/* proportions: Wilson score (PHE) */
	SC_FUNNEL_EXACT,			/* proportions: binomial (Clopper-Pearson);
								 * rates, ratios: Poisson (Garwood) */
	SC_FUNNEL_BYARS				/* rates, ratios: Byar's from 10 events,
								 * exact below (PHE's significance) */
} sc_funnel_method;

/* Overdispersion: Spiegelhalter's multiplicative phi and additive tau^2. */
typedef struct sc_funnel_spread
{
	double		phi;			/* 1: none */
	double		tau2;			/* 0: none */
} sc_funnel_spread;

/* The fraction of z-scores winsorised at each end when estimating phi. */
#define SC_FUNNEL_WINSOR 0.1

/* Regularised incomplete gamma P(a, x) and beta I_x(a, b), a, b > 0. */
extern double sc_gamma_p(double a, double x);
extern double sc_beta_inc(double a, double b, double x);

/*
 * The limits at one confidence level (0 < confidence < 1) around centre
 * for a unit of denominator: SC_OUT_OF_RANGE for a centre, denominator,
 * confidence or spread outside the domain (sc_funnel_check says which),
 * SC_UNKNOWN_NAME for a method the kind has not.  Proportions are clamped
 * to [0, 1], rates and ratios to 0 and above.
 */
extern sc_status sc_funnel_limits(sc_funnel_kind kind, sc_funnel_method method,
								  double centre, double denominator, double confidence,
								  sc_funnel_spread spread, sc_interval *limits);

/*
 * Where a unit (numerator of denominator) lies at one confidence level:
 * +1 above the upper limit, -1 below the lower, 0 within.  Without
 * overdispersion, as assign_funnel_significance: a proportion against the
 * limits; a count's confidence interval (exact, or Byar's from 10 events)
 * against the expected count centre * denominator.
 */
extern sc_status sc_funnel_side(sc_funnel_kind kind, sc_funnel_method method,
								double numerator, double denominator, double centre,
								double confidence, sc_funnel_spread spread, int *side);

/*
 * Which argument is out of the domain, for the glue's message: 0 none,
 * 1 numerator, 2 denominator, 3 centre, 4 confidence, 5 phi, 6 tau2,
 * 7 numerator above the denominator (proportions).  A NaN numerator skips
 * its checks (the limits have none).
 */
extern int	sc_funnel_check(sc_funnel_kind kind, double numerator, double denominator,
							double centre, double confidence, sc_funnel_spread spread);

/* Whether the kind has the method. */
extern int	sc_funnel_has_method(sc_funnel_kind kind, sc_funnel_method method);

/*
 * The z-score (y - centre) / sqrt(V(centre) / denominator) of a unit,
 * V(c) = c (1 - c) for proportions and c for rates and ratios (Spiegelhalter
 * 2005); +-infinity or 0 when the centre has no variance.
 */
extern double sc_funnel_z(sc_funnel_kind kind, double numerator, double denominator, double centre);

/*
 * The i-th of points denominators (points >= 2, 0 <= i < points) spaced
 * evenly on a log scale from from to to (0 < from <= to): exactly from at
 * 0 and to at points - 1, and between them exp of the interpolated logs
 * (to / from itself can overflow for a tiny from), kept within [from, to].
 * funnel_curve draws its limits at these.
 */
extern double sc_funnel_curve_denominator(double from, double to, int points, int i);

/*
 * Spiegelhalter's overdispersion estimates over count units: z-scores
 * against centre, winsorised (the SC_FUNNEL_WINSOR * count smallest and
 * largest set to the nearest kept), phi = mean of their squares, and
 * tau^2 = (count phi - (count - 1)) / (sum w - sum w^2 / sum w), w = 1 / s^2,
 * or 0 when count phi <= count - 1.  scratch holds count doubles.
 * SC_EMPTY without units, SC_UNDECIDED when the centre has no variance
 * (0, or 1 for a proportion).
 */
extern sc_status sc_funnel_dispersion(sc_funnel_kind kind, const double *numerators,
									  const double *denominators, size_t count, double centre,
									  double *scratch, double *phi, double *tau2);

#endif
