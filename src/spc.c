/*
 * src/spc.c
 *
 * XmR statistical process control as Making Data Count (MDC) and
 * NHSRplotthedots compute it (ptd_spc_standard.R, ptd_calculate_point_type.R,
 * ptd_calculate_assurance_type.R; doc/spc.md lists where this differs).
 * Pure C, no PostgreSQL header.
 *
 * A series is a sequence of points in date order, each with a value or a
 * gap (NULL).  Rebase points cut it into segments; each segment has its own
 * limits, from its first `baseline` points (all of them when 0): the centre
 * is the mean of those values, the moving ranges are |x[i] - x[i-1]| of
 * neighbouring baseline points that both have values, optionally screened
 * (ranges of 3.267 times their mean or more are dropped and the mean taken
 * again), and the limits are centre -+ 2.66 and -+ 1.773 (2 sigma) times the
 * mean moving range.  The rules look at runs of neighbouring points of one
 * segment; a gap breaks every run and window.
 *
 * sc_spc_compute returns SC_OUT_OF_RANGE for options out of their bounds
 * (sc_spc_check_options) and for values so large that a mean, a moving
 * range or a limit overflows; the points are then partly written.
 */
#include "spc.h"

#include <math.h>
#include <string.h>

sc_status
sc_spc_parse_improvement(const char *name, int *improvement)
{
	if (strcmp(name, "high") == 0)
		*improvement = 1;
	else if (strcmp(name, "low") == 0)
		*improvement = -1;
	else if (strcmp(name, "neutral") == 0)
		*improvement = 0;
	else
		return SC_UNKNOWN_NAME;
	return SC_OK;
}

const char *
sc_spc_improvement_name(int improvement)
{
	return improvement > 0 ? "high" : improvement < 0 ? "low" : "neutral";
}

void
sc_spc_default_options(sc_spc_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->improvement = 0;
	opt->baseline = 0;
	opt->shift_run = SC_SPC_SHIFT_RUN;
	opt->trend_run = SC_SPC_TREND_RUN;
	opt->screen_outliers = true;
	opt->has_target = false;
	opt->target = 0;
}

sc_status
sc_spc_check_options(const sc_spc_options *opt)
{
	if (opt->improvement < -1 || opt->improvement > 1)
		return SC_UNKNOWN_NAME;
	if ((opt->baseline != 0 && opt->baseline < SC_SPC_MIN_BASELINE)
		|| opt->shift_run < SC_SPC_MIN_RUN || opt->shift_run > SC_SPC_MAX_RUN
		|| opt->trend_run < SC_SPC_MIN_RUN || opt->trend_run > SC_SPC_MAX_RUN
		|| (opt->has_target && !isfinite(opt->target)))
		return SC_OUT_OF_RANGE;
	return SC_OK;
}

static int
sign_of(double d)
{
	return (d > 0) - (d < 0);
}

/* Limits of one segment [s, e) from its baseline. */
static void
segment_limits(sc_spc_point *p, size_t s, size_t e, const sc_spc_options *opt)
{
	size_t		b = e;
	size_t		nv = 0,
				nr = 0,
				kept = 0;
	double		sum = 0,
				rsum = 0,
				ksum = 0,
				centre = 0,
				amr = 0;
	bool		has_centre,
				has_limits;

	if (opt->baseline > 0 && (size_t) opt->baseline < e - s)
		b = s + (size_t) opt->baseline;
	for (size_t i = s; i < b; i++)
		if (p[i].present)
		{
			sum += p[i].value;
			nv++;
		}
	has_centre = nv > 0;
	if (has_centre)
		centre = sum / (double) nv;
	for (size_t i = s + 1; i < b; i++)
		if (p[i].present && p[i - 1].present)
		{
			rsum += fabs(p[i].value - p[i - 1].value);
			nr++;
		}
	has_limits = nr > 0;
	if (has_limits)
	{
		amr = rsum / (double) nr;
		/* amr 0: every range is 0 and none is an outlier (doc/spc.md) */
		if (opt->screen_outliers && amr > 0)
		{
			double		cut = SC_SPC_SCREEN * amr;

			for (size_t i = s + 1; i < b; i++)
				if (p[i].present && p[i - 1].present)
				{
					double		r = fabs(p[i].value - p[i - 1].value);

					if (r < cut)
					{
						ksum += r;
						kept++;
					}
				}
			/* kept > 0: not every range is at or above 3.267 x their mean */
			amr = ksum / (double) kept;
		}
	}
	for (size_t i = s; i < e; i++)
	{
		p[i].baseline = i < b;
		p[i].has_limits = has_limits;
		p[i].centre = has_centre ? centre : 0;
		p[i].mean_range = has_limits ? amr : 0;
		p[i].lower = has_limits ? centre - SC_SPC_LIMIT * amr : 0;
		p[i].upper = has_limits ? centre + SC_SPC_LIMIT * amr : 0;
		p[i].lower2 = has_limits ? centre - SC_SPC_NEAR * amr : 0;
		p[i].upper2 = has_limits ? centre + SC_SPC_NEAR * amr : 0;
		p[i].has_range = i > s && p[i].present && p[i - 1].present;
		p[i].range = p[i].has_range ? fabs(p[i].value - p[i - 1].value) : 0;
		p[i].side = has_centre && p[i].present ? sign_of(p[i].value - centre) : 0;
		p[i].beyond = has_limits && p[i].present
			&& (p[i].value > p[i].upper || p[i].value < p[i].lower);
	}
}

/* The run rules of one segment [s, e); close[i]: beyond 2 sigma, within the limits. */
static void
segment_rules(sc_spc_point *p, size_t s, size_t e, const sc_spc_options *opt)
{
	size_t		run = 0;
	size_t		S = (size_t) opt->shift_run;
	size_t		T = (size_t) opt->trend_run;
	int			dir = 0;

	/* shift: S neighbouring values on one side of the centre */
	for (size_t i = s; i < e; i++)
	{
		if (p[i].side == 0)
			run = 0;
		else if (run > 0 && p[i - 1].side == p[i].side)
			run++;
		else
			run = 1;
		if (run == S)
			for (size_t j = i + 1 - S; j <= i; j++)
				p[j].shift = true;
		else if (run > S)
			p[i].shift = true;
	}

	/* trend: T neighbouring values each above (below) the one before */
	run = 0;
	for (size_t i = s; i < e; i++)
	{
		int			d = i > s && p[i].present && p[i - 1].present
			? sign_of(p[i].value - p[i - 1].value) : 0;

		if (d == 0)
			run = 0;
		else if (run > 0 && d == dir)
			run++;
		else
			run = 1;
		dir = d;
		/* run diffs = run + 1 points; the latest window names the direction */
		if (run + 1 == T)
			for (size_t j = i + 1 - T; j <= i; j++)
			{
				p[j].trend = true;
				p[j].trend_direction = d;
			}
		else if (run + 1 > T)
		{
			p[i].trend = true;
			p[i].trend_direction = d;
		}
	}

	/* two of three beyond 2 sigma: windows of three values on one side */
	for (size_t a = s; a + 2 < e; a++)
	{
		int			close = 0;
		bool		ok = true;

		for (size_t j = a; j < a + 3; j++)
		{
			if (!p[j].present || p[j].side == 0 || p[j].side != p[a].side)
				ok = false;
			else if (p[j].has_limits && !p[j].beyond
					 && (p[j].value < p[j].lower2 || p[j].value > p[j].upper2))
				close++;
		}
		if (ok && close >= 2)
			for (size_t j = a; j < a + 3; j++)
				if (!p[j].beyond && (p[j].value < p[j].lower2 || p[j].value > p[j].upper2))
					p[j].two_of_three = true;
	}
}

sc_status
sc_spc_compute(sc_spc_point *p, size_t n, const sc_spc_options *opt, sc_spc_summary *summary)
{
	sc_spc_summary sm;
	int			segment = 0;
	size_t		s = 0;
	sc_status	st = sc_spc_check_options(opt);

	if (st != SC_OK)
		return st;
	if (n > SC_SPC_MAX_POINTS)
		return SC_OUT_OF_RANGE;
	for (size_t i = 0; i < n; i++)
		if (p[i].present && !isfinite(p[i].value))
			return SC_OUT_OF_RANGE;

	memset(&sm, 0, sizeof sm);
	sm.points = n;
	sm.last = -1;
	for (size_t i = 0; i < n; i++)
	{
		sc_spc_point *q = &p[i];

		q->segment = 0;
		q->shift = q->trend = q->two_of_three = q->beyond = false;
		q->trend_direction = 0;
		q->rule = SC_SPC_RULE_NONE;
		q->direction = 0;
		q->cause = SC_SPC_COMMON;
	}
	while (s < n)
	{
		size_t		e = s + 1;

		while (e < n && !p[e].rebase)
			e++;
		for (size_t i = s; i < e; i++)
			p[i].segment = segment;
		segment_limits(p, s, e, opt);
		segment_rules(p, s, e, opt);
		s = e;
		segment++;
	}
	sm.segments = segment;
	/* values near the double range: a mean or range that overflows */
	for (size_t i = 0; i < n; i++)
		if (!isfinite(p[i].centre) || !isfinite(p[i].mean_range) || !isfinite(p[i].lower)
			|| !isfinite(p[i].upper) || (p[i].has_range && !isfinite(p[i].range)))
			return SC_OUT_OF_RANGE;

	/* each point's rule, in MDC's order, its direction and its cause */
	for (size_t i = 0; i < n; i++)
	{
		sc_spc_point *q = &p[i];

		if (!q->present)
			continue;
		sm.values++;
		sm.last = (int) i;
		if (q->beyond)
		{
			q->rule = SC_SPC_RULE_BEYOND;
			q->direction = q->side;
		}
		else if (q->trend)
		{
			q->rule = SC_SPC_RULE_TREND;
			q->direction = q->trend_direction;
		}
		else if (q->two_of_three)
		{
			q->rule = SC_SPC_RULE_TWO_OF_THREE;
			q->direction = q->side > 0 ? 1 : -1;
		}
		else if (q->shift)
		{
			q->rule = SC_SPC_RULE_SHIFT;
			q->direction = q->side > 0 ? 1 : -1;
		}
		if (q->rule == SC_SPC_RULE_NONE)
			q->cause = SC_SPC_COMMON;
		else if (opt->improvement == 0)
		{
			q->cause = SC_SPC_NEUTRAL;
			sm.neutral++;
		}
		else if (q->direction * opt->improvement > 0)
		{
			q->cause = SC_SPC_IMPROVEMENT;
			sm.improvement++;
		}
		else
		{
			q->cause = SC_SPC_CONCERN;
			sm.concern++;
		}
	}

	/* variation: the latest value's; assurance: the target against the last segment's limits */
	if (sm.last >= 0)
	{
		sm.variation = p[sm.last].cause;
		sm.variation_side = p[sm.last].cause == SC_SPC_COMMON ? 0 : p[sm.last].direction;
	}
	if (n > 0 && opt->has_target && opt->improvement != 0 && p[n - 1].has_limits)
	{
		const sc_spc_point *q = &p[n - 1];

		if (opt->target > q->upper)
			sm.assurance = opt->improvement > 0 ? SC_SPC_ASSURANCE_MISSED : SC_SPC_ASSURANCE_HIT;
		else if (opt->target < q->lower)
			sm.assurance = opt->improvement > 0 ? SC_SPC_ASSURANCE_HIT : SC_SPC_ASSURANCE_MISSED;
		else
			sm.assurance = SC_SPC_ASSURANCE_HIT_AND_MISS;
	}
	*summary = sm;
	return SC_OK;
}

const char *
sc_spc_rule_name(sc_spc_rule rule)
{
	switch (rule)
	{
		case SC_SPC_RULE_BEYOND:
			return "beyond limit";
		case SC_SPC_RULE_TREND:
			return "trend";
		case SC_SPC_RULE_TWO_OF_THREE:
			return "two of three";
		case SC_SPC_RULE_SHIFT:
			return "shift";
		default:
			return NULL;
	}
}

const char *
sc_spc_cause_name(sc_spc_cause cause)
{
	switch (cause)
	{
		case SC_SPC_IMPROVEMENT:
			return "improvement";
		case SC_SPC_CONCERN:
			return "concern";
		case SC_SPC_NEUTRAL:
			return "neutral";
		default:
			return "common cause";
	}
}

/* MDC's variation icons: common cause, or special cause improving,
 * concerning or neutral, high or low. */
const char *
sc_spc_variation_name(sc_spc_cause cause, int side)
{
	switch (cause)
	{
		case SC_SPC_IMPROVEMENT:
			return side > 0 ? "improving high" : "improving low";
		case SC_SPC_CONCERN:
			return side > 0 ? "concerning high" : "concerning low";
		case SC_SPC_NEUTRAL:
			return side > 0 ? "neutral high" : "neutral low";
		default:
			return "common cause";
	}
}

const char *
sc_spc_assurance_name(sc_spc_assurance assurance)
{
	switch (assurance)
	{
		case SC_SPC_ASSURANCE_HIT:
			return "consistently hit";
		case SC_SPC_ASSURANCE_MISSED:
			return "consistently missed";
		case SC_SPC_ASSURANCE_HIT_AND_MISS:
			return "hit and miss";
		default:
			return NULL;
	}
}
