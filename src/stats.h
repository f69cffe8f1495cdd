/*
 * src/stats.h
 *
 * Confidence intervals as public health publishes them (PHEindicatormethods,
 * Fingertips): Wilson score intervals for proportions, Byar's method for
 * counts of 10 or more, the exact Poisson interval below 10.  Pure C, no
 * PostgreSQL header.
 */
#ifndef SOCIALCARE_STATS_H
#define SOCIALCARE_STATS_H

/* Counts below this use the exact Poisson interval, as PHEindicatormethods does. */
#define SC_BYARS_MIN_COUNT 10

typedef struct sc_interval
{
	double		lower;
	double		upper;
} sc_interval;

extern double sc_normal_quantile(double p);
extern double sc_z_for_confidence(double confidence);
extern sc_interval sc_wilson(double x, double n, double confidence);
extern sc_interval sc_byars(double x, double confidence);
extern sc_interval sc_exact_poisson(double x, double confidence);
extern sc_interval sc_count_interval(double x, double confidence);

#endif
