/*
 * src/spc.h
 *
 * Statistical process control (XmR charts) as NHS England's Making Data
 * Count (MDC) reads them and NHSRplotthedots computes them.  Pure C, no
 * PostgreSQL header.  doc/spc.md states the rules and where they come from.
 */
#ifndef SOCIALCARE_SPC_H
#define SOCIALCARE_SPC_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* The XmR constants (NHSRplotthedots' ptd_spc_standard). */
#define SC_SPC_LIMIT 2.66				/* 3 sigma: 3 / d2, d2 = 1.128 */
#define SC_SPC_NEAR (2.0 * (2.66 / 3.0))	/* 2 sigma */
#define SC_SPC_SCREEN 3.267				/* D4: moving ranges screened out */

/* Defaults and bounds of the options (the SQL signatures repeat them). */
#define SC_SPC_SHIFT_RUN 7
#define SC_SPC_TREND_RUN 7
#define SC_SPC_MIN_RUN 2
#define SC_SPC_MAX_RUN 100
#define SC_SPC_MIN_BASELINE 2
/* Points a series may have (the glue refuses more). */
#define SC_SPC_MAX_POINTS 1000000

/* Improvement direction: the scorecard's polarity, or neutral. */
#define SC_SPC_IMPROVEMENT_NAMES "high", "low", "neutral"

typedef enum sc_spc_rule
{
	SC_SPC_RULE_NONE = 0,
	SC_SPC_RULE_BEYOND,			/* beyond a process limit */
	SC_SPC_RULE_TREND,			/* run of points increasing or decreasing */
	SC_SPC_RULE_TWO_OF_THREE,	/* two of three beyond 2 sigma, one side */
	SC_SPC_RULE_SHIFT			/* run of points on one side of the mean */
} sc_spc_rule;

typedef enum sc_spc_cause
{
	SC_SPC_COMMON = 0,
	SC_SPC_IMPROVEMENT,
	SC_SPC_CONCERN,
	SC_SPC_NEUTRAL
} sc_spc_cause;

typedef enum sc_spc_assurance
{
	SC_SPC_ASSURANCE_NONE = 0,	/* no target, neutral, or no limits */
	SC_SPC_ASSURANCE_HIT,		/* consistently hit */
	SC_SPC_ASSURANCE_MISSED,	/* consistently missed */
	SC_SPC_ASSURANCE_HIT_AND_MISS
} sc_spc_assurance;

typedef struct sc_spc_options
{
	int			improvement;	/* +1 higher is better, -1 lower, 0 neutral */
	int			baseline;		/* points per segment the limits are fixed
								 * from (0: all the segment's points) */
	int			shift_run;		/* points on one side of the mean */
	int			trend_run;		/* points increasing or decreasing */
	bool		screen_outliers;	/* drop moving ranges >= 3.267 x mean */
	bool		has_target;
	double		target;
} sc_spc_options;

/* One point: the caller fills the inputs, sc_spc_compute the rest. */
typedef struct sc_spc_point
{
	/* inputs */
	double		value;
	bool		present;		/* false: a NULL value (a gap) */
	bool		rebase;			/* a new segment starts here */
	/* outputs */
	int			segment;		/* 0, 1, ...: rebases before this point */
	bool		baseline;		/* among the points the limits come from */
	bool		has_limits;		/* false: fewer than two baseline values */
	double		centre;			/* mean of the segment's baseline values */
	double		mean_range;		/* mean moving range after screening */
	double		lower, upper;	/* centre -+ 2.66 mean_range */
	double		lower2, upper2; /* centre -+ 1.773 mean_range (2 sigma) */
	bool		has_range;
	double		range;			/* |value - previous value| in the segment */
	int			side;			/* sign(value - centre); 0 if absent */
	bool		beyond, trend, two_of_three, shift;
	int			trend_direction;	/* of the latest trend through it */
	sc_spc_rule rule;			/* the first rule in MDC's order that holds */
	int			direction;		/* +1 high/increasing, -1 low/decreasing */
	sc_spc_cause cause;
} sc_spc_point;

typedef struct sc_spc_summary
{
	size_t		points;			/* all points */
	size_t		values;			/* points with a value */
	int			segments;
	int			last;			/* index of the last point with a value, -1 */
	sc_spc_cause variation;		/* the last value's cause */
	int			variation_side; /* its direction */
	sc_spc_assurance assurance;
	size_t		improvement, concern, neutral;	/* special-cause points */
} sc_spc_summary;

extern sc_status sc_spc_parse_improvement(const char *name, int *improvement);
extern const char *sc_spc_improvement_name(int improvement);
extern void sc_spc_default_options(sc_spc_options *opt);
extern sc_status sc_spc_check_options(const sc_spc_options *opt);
extern sc_status sc_spc_compute(sc_spc_point *pts, size_t n, const sc_spc_options *opt,
								sc_spc_summary *summary);
extern const char *sc_spc_rule_name(sc_spc_rule rule);
extern const char *sc_spc_cause_name(sc_spc_cause cause);
extern const char *sc_spc_variation_name(sc_spc_cause cause, int side);
extern const char *sc_spc_assurance_name(sc_spc_assurance assurance);

#endif
