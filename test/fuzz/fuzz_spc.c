/*
 * test/fuzz/fuzz_spc.c
 *
 * libFuzzer target for src/spc.c.  A series of up to 80 points (small
 * integers for ties, zero moving ranges and values on the centre, or any
 * finite doubles; gaps; rebases), any options within the glue's bounds.
 * Checked against a naive reference written from the rules' definitions
 * (each window tried from scratch, not run lengths): the centre and mean
 * moving range of each segment's baseline, every rule flag, the trend
 * direction (the latest window through the point), the first rule in
 * MDC's order, the cause by improvement, the summary's counts, variation
 * and assurance; and invariants: lower <= lower2 <= centre <= upper2 <=
 * upper.  Values near the double range may overflow: then SC_OUT_OF_RANGE,
 * never a non-finite limit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "spc.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_POINTS 80

static void
fail(const char *what, size_t i, double a, double b)
{
	fprintf(stderr, "fuzz_spc: %s at point %zu (%.17g, %.17g)\n", what, i, a, b);
	abort();
}

static int
sgn(double d)
{
	return (d > 0) - (d < 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};
	sc_spc_point p[MAX_POINTS];
	sc_spc_options opt;
	sc_spc_summary sum;
	size_t		n = (size_t) fuzz_range(&in, 0, MAX_POINTS);
	int			kind = (int) fuzz_range(&in, 0, 3);
	sc_status	st;
	size_t		counts[4] = {0, 0, 0, 0};
	int			last = -1;

	sc_spc_default_options(&opt);
	opt.improvement = (int) fuzz_range(&in, -1, 1);
	opt.baseline = fuzz_u8(&in) & 1 ? (int) fuzz_range(&in, SC_SPC_MIN_BASELINE, 30) : 0;
	opt.shift_run = (int) fuzz_range(&in, SC_SPC_MIN_RUN, 12);
	opt.trend_run = (int) fuzz_range(&in, SC_SPC_MIN_RUN, 12);
	opt.screen_outliers = fuzz_u8(&in) & 1;
	opt.has_target = fuzz_u8(&in) & 1;
	opt.target = (double) fuzz_range(&in, -20, 20) / 2;
	memset(p, 0, sizeof p);
	for (size_t i = 0; i < n; i++)
	{
		uint8_t		b = fuzz_u8(&in);

		p[i].present = (b & 15) != 0;
		p[i].rebase = (b & 0xf0) == 0xf0;
		if (kind == 0)
			p[i].value = (double) fuzz_range(&in, 0, 4);
		else if (kind == 1)
			p[i].value = (double) fuzz_range(&in, -1000, 1000) / 8;
		else if (kind == 2)
			p[i].value = (double) i * (fuzz_u8(&in) & 1 ? 1 : -1) + (double) fuzz_range(&in, -2, 2);
		else
		{
			double		d = fuzz_double(&in);

			p[i].value = isfinite(d) ? d : 0;
		}
	}
	st = sc_spc_compute(p, n, &opt, &sum);
	if (st != SC_OK)
	{
		if (kind != 3)
			fail("status on small values", 0, st, 0);
		return 0;
	}

	for (size_t s = 0; s < n;)
	{
		size_t		e = s + 1,
					b;
		double		vsum = 0,
					rsum = 0,
					ksum = 0,
					centre = 0,
					amr = 0;
		size_t		nv = 0,
					nr = 0,
					nk = 0;

		while (e < n && !p[e].rebase)
			e++;
		b = opt.baseline > 0 && (size_t) opt.baseline < e - s ? s + (size_t) opt.baseline : e;
		for (size_t i = s; i < b; i++)
			if (p[i].present)
				vsum += p[i].value, nv++;
		for (size_t i = s + 1; i < b; i++)
			if (p[i].present && p[i - 1].present)
				rsum += fabs(p[i].value - p[i - 1].value), nr++;
		if (nv)
			centre = vsum / nv;
		if (nr)
		{
			amr = rsum / nr;
			if (opt.screen_outliers && amr > 0)
			{
				for (size_t i = s + 1; i < b; i++)
					if (p[i].present && p[i - 1].present && fabs(p[i].value - p[i - 1].value) < 3.267 * amr)
						ksum += fabs(p[i].value - p[i - 1].value), nk++;
				amr = ksum / nk;
			}
		}
		for (size_t i = s; i < e; i++)
		{
			const sc_spc_point *q = &p[i];
			bool		shift = false,
						trend = false,
						two = false,
						beyond;
			int			tdir = 0,
						side = nv && q->present ? sgn(q->value - centre) : 0;

			if (q->segment != p[s].segment || (i > s && q->segment != p[i - 1].segment)
				|| q->baseline != (i < b) || q->has_limits != (nr > 0))
				fail("segment, baseline or has_limits", i, q->segment, q->has_limits);
			if ((nv && q->centre != centre) || (nr && q->mean_range != amr))
				fail("centre or mean moving range", i, q->centre, centre);
			if (nr && !(q->lower <= q->lower2 && q->lower2 <= q->centre && q->centre <= q->upper2
						&& q->upper2 <= q->upper))
				fail("limits out of order", i, q->lower, q->upper);
			if (q->side != side)
				fail("side", i, q->side, side);
			beyond = nr && q->present && (q->value > q->upper || q->value < q->lower);
			/* every window of the segment through i, tried from scratch */
			for (size_t a = s; a <= i; a++)
			{
				bool		ok;

				if (a + (size_t) opt.shift_run - 1 >= i && a + (size_t) opt.shift_run <= e)
				{
					ok = true;
					for (size_t j = a; j < a + (size_t) opt.shift_run; j++)
						ok = ok && p[j].present && p[j].side != 0 && p[j].side == p[a].side;
					shift = shift || ok;
				}
				if (a + (size_t) opt.trend_run - 1 >= i && a + (size_t) opt.trend_run <= e)
				{
					int			d = 0;

					ok = true;
					for (size_t j = a + 1; j < a + (size_t) opt.trend_run; j++)
					{
						int			dj = p[j].present && p[j - 1].present ? sgn(p[j].value - p[j - 1].value) : 0;

						if (j == a + 1)
							d = dj;
						ok = ok && dj != 0 && dj == d;
					}
					if (ok)
						trend = true, tdir = d;		/* a ascending: the latest wins */
				}
				if (a + 2 >= i && a + 3 <= e && q->present && nr && !beyond
					&& (q->value < q->lower2 || q->value > q->upper2))
				{
					int			close = 0;

					ok = true;
					for (size_t j = a; j < a + 3; j++)
					{
						ok = ok && p[j].present && p[j].side != 0 && p[j].side == p[a].side;
						if (p[j].present && !p[j].beyond && (p[j].value < p[j].lower2 || p[j].value > p[j].upper2))
							close++;
					}
					two = two || (ok && close >= 2);
				}
			}
			if (q->beyond != beyond || q->shift != shift || q->trend != trend || q->two_of_three != two
				|| (trend && q->trend_direction != tdir))
				fail("a rule flag", i, q->beyond * 8 + q->trend * 4 + q->two_of_three * 2 + q->shift,
					 beyond * 8 + trend * 4 + two * 2 + shift);
			{
				sc_spc_rule rule = !q->present ? SC_SPC_RULE_NONE : beyond ? SC_SPC_RULE_BEYOND
					: trend ? SC_SPC_RULE_TREND : two ? SC_SPC_RULE_TWO_OF_THREE
					: shift ? SC_SPC_RULE_SHIFT : SC_SPC_RULE_NONE;
				int			dir = rule == SC_SPC_RULE_TREND ? tdir
					: rule == SC_SPC_RULE_NONE ? 0 : side;
				sc_spc_cause cause = rule == SC_SPC_RULE_NONE ? SC_SPC_COMMON
					: opt.improvement == 0 ? SC_SPC_NEUTRAL
					: dir * opt.improvement > 0 ? SC_SPC_IMPROVEMENT : SC_SPC_CONCERN;

				if (q->rule != rule || q->direction != dir || q->cause != cause)
					fail("rule, direction or cause", i, q->rule, rule);
				counts[cause]++;
			}
			if (q->present)
				last = (int) i;
		}
		s = e;
	}
	if (sum.points != n || sum.last != last || sum.improvement != counts[SC_SPC_IMPROVEMENT]
		|| sum.concern != counts[SC_SPC_CONCERN] || sum.neutral != counts[SC_SPC_NEUTRAL])
		fail("summary counts", 0, (double) sum.last, last);
	if (last >= 0 && (sum.variation != p[last].cause || sc_spc_variation_name(sum.variation, sum.variation_side) == NULL))
		fail("variation", (size_t) last, sum.variation, p[last].cause);
	{
		sc_spc_assurance a = SC_SPC_ASSURANCE_NONE;

		if (n > 0 && opt.has_target && opt.improvement != 0 && p[n - 1].has_limits)
		{
			bool		better_than_upper = opt.target > p[n - 1].upper;
			bool		worse_than_lower = opt.target < p[n - 1].lower;

			a = !better_than_upper && !worse_than_lower ? SC_SPC_ASSURANCE_HIT_AND_MISS
				: (better_than_upper == (opt.improvement > 0)) ? SC_SPC_ASSURANCE_MISSED
				: SC_SPC_ASSURANCE_HIT;
		}
		if (sum.assurance != a)
			fail("assurance", n, sum.assurance, a);
	}
	return 0;
}
