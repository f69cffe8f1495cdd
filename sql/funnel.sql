-- funnel: the funnel-plot functions' values (checked by hand from their
-- definitions and against scipy.stats, test/differential/funnel_diff.py),
-- edge cases, NULLs, errors and the aggregate funnel_baseline.
-- PHEindicatormethods' own expectations are in funnel_phe.
\set VERBOSITY terse
-- 11 significant digits: the last digits of the iterative methods differ
-- between compilers and libm (PostgreSQL 18 on Debian sid), the values not.
SET extra_float_digits = -4;

-- Wilson (PHE's sigma_adjustment): 0.3 +- z sqrt(0.3 * 0.7 / 100), z = 1.95996
-- (95%) and 3.09023 (99.8%): 0.210183, 0.389817, 0.158388, 0.441612.
SELECT * FROM socialcare.funnel_limits(0.3, 100);
-- Exact binomial: the counts whose Clopper-Pearson interval ends at 0.3
-- (scipy: beta.ppf(0.025, 39.6456, 61.3544) = 0.3).
SELECT * FROM socialcare.funnel_limits(0.3, 100, method => 'exact');
-- Any level, also as a percentage; 0.5 of 1 spans everything (clamped).
SELECT * FROM socialcare.funnel_limit(0.3, 100, 0.8);
SELECT * FROM socialcare.funnel_limit(0.3, 100, 80);
SELECT * FROM socialcare.funnel_limits(0.5, 1);
SELECT * FROM socialcare.funnel_limits(0.5, 1, method => 'exact');
-- No variance at centre 0 or 1: the limits are the centre.
SELECT * FROM socialcare.funnel_limits(0, 50);
SELECT * FROM socialcare.funnel_limits(1, 50, method => 'exact');
-- Ratios, exact: at 5.5716 expected events 1 observed is on the 95% lower
-- limit (PHE: 1 / 5.571644585); 0 events lie within up to -ln(0.025) =
-- 3.68888 expected events.
SELECT * FROM socialcare.funnel_limits(1, 5.571644585, 'ratio');
SELECT (socialcare.funnel_limits(1, 3.6888794541, 'ratio')).lower_95 = 0 AS on_edge,
	(socialcare.funnel_limits(1, 3.6889, 'ratio')).lower_95 > 0 AS past_it;
-- Byar's from 10 events, exact below; a rate per person-year.
SELECT * FROM socialcare.funnel_limits(0.02, 5000, 'rate', 'byars');
SELECT * FROM socialcare.funnel_limits(0.02, 5000, 'rate');
-- Huge and tiny denominators.
SELECT * FROM socialcare.funnel_limits(0.3, 1e9, method => 'exact');
SELECT * FROM socialcare.funnel_limits(0.3, 1e-3, 'rate');

-- The curve: 100 points by default, log-spaced, both ends exact.
SELECT count(*), min(denominator), max(denominator),
	bool_and(lower_998 <= lower_95 AND lower_95 <= 0.2 AND 0.2 <= upper_95 AND upper_95 <= upper_998) AS ordered
FROM socialcare.funnel_curve(0.2, 10, 1000);
SELECT * FROM socialcare.funnel_curve(0.2, 10, 1000, 3);

-- Positions and PHE's labels.
SELECT n, socialcare.funnel_side(n, 100, 0.3) AS side_95,
	socialcare.funnel_side(n, 100, 0.3, 0.998) AS side_998,
	socialcare.funnel_significance(n, 100, 0.3) AS wilson,
	socialcare.funnel_significance(n, 100, 0.3, method => 'exact') AS exact
FROM unnest(ARRAY[0, 15, 16, 20, 21, 30, 39, 40, 44, 45, 100]) AS n;
-- Ratios: 0 observed is never high; 1 < 10 uses the exact interval.
SELECT o, socialcare.funnel_significance(o, 5, 1, 'ratio') AS exact,
	socialcare.funnel_significance(o, 5, 1, 'ratio', 'byars') AS byars
FROM unnest(ARRAY[0, 1, 9, 10, 11, 12, 16]) AS o;

-- z-scores: (0.4 - 0.3) / sqrt(0.21 / 100) = 2.18218.
SELECT round(socialcare.funnel_z(40, 100, 0.3)::numeric, 6),
	round(socialcare.funnel_z(9, 4, 1, 'ratio')::numeric, 6),
	socialcare.funnel_z(0, 10, 0);
-- A unit above a centre of 0 has no finite z-score: an error naming it, not
-- Infinity (funnel_side places it).
SELECT socialcare.funnel_z(1, 10, 0);
SELECT socialcare.funnel_side(1, 10, 0);

-- funnel_baseline: centre 115 / 550; z = (0.1 - c) / s etc.; phi the mean
-- of z^2 (5 units: none winsorised); tau2 from the weights 100 / V(c)...
-- checked in test/differential/funnel_diff.py.
CREATE TEMP TABLE units (unit int, n float8, d float8);
INSERT INTO units VALUES (1, 10, 100), (2, 20, 100), (3, 30, 100), (4, 5, 50), (5, 50, 200), (6, NULL, 10);
SELECT centre, units, round(phi::numeric, 9) AS phi, round(tau2::numeric, 9) AS tau2
FROM (SELECT (socialcare.funnel_baseline(n, d)).* FROM units) b;
SELECT (socialcare.funnel_baseline(n, d, 'rate')).* FROM units WHERE false;
SELECT (socialcare.funnel_baseline(n, d, 'proportion', 0.25)).centre FROM units;
SELECT (socialcare.funnel_baseline(n, d, 'ratio')).centre FROM units;
-- Overdispersed limits: 0.209 +- 1.96 sqrt(V / 100 + tau2).
WITH b AS (SELECT (socialcare.funnel_baseline(n, d)).* FROM units)
SELECT u.unit, socialcare.funnel_significance(u.n, u.d, b.centre) AS plain,
	socialcare.funnel_significance(u.n, u.d, b.centre, tau2 => b.tau2) AS random_effects,
	socialcare.funnel_significance(u.n, u.d, b.centre, phi => b.phi) AS multiplicative
FROM units u, b WHERE u.n IS NOT NULL ORDER BY u.unit;
-- Centre with no variance: no phi, no tau2.
SELECT (socialcare.funnel_baseline(n, d)).* FROM (VALUES (0, 10), (0, 20)) v(n, d);
-- Parallel: the same answer as serial (combine function).
CREATE TEMP TABLE many AS SELECT g AS unit, (g % 97)::float8 AS n, (100 + g % 13)::float8 AS d
FROM generate_series(1, 20000) g;
SELECT round(phi::numeric, 9), round(tau2::numeric, 12), units FROM (SELECT (socialcare.funnel_baseline(n, d)).* FROM many) s;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT round(phi::numeric, 9), round(tau2::numeric, 12), units FROM (SELECT (socialcare.funnel_baseline(n, d)).* FROM many) s;
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
-- The support functions as Citus calls them (no aggregate context).  By
-- hand: centre 60 / 300 = 0.2, s = sqrt(0.16 / 100) = 0.04, z = -2.5, 0, 2.5,
-- phi = 12.5 / 3 = 4.1667, w = 625 each: tau2 = (12.5 - 2) / (1875 - 625) = 0.0084.
SELECT socialcare.funnel_baseline_final(socialcare.funnel_baseline_combine(
	socialcare.funnel_baseline_accum(socialcare.funnel_baseline_accum(NULL, 10, 100), 20, 100),
	socialcare.funnel_baseline_accum(NULL, 30, 100)));
SELECT socialcare.funnel_baseline_final('{1,2,3}'::float8[]);
SELECT socialcare.funnel_baseline_combine('{0,NaN}'::float8[], '{1,NaN}'::float8[]);

-- NULL in, NULL out (a NULL method is the kind's default).
SELECT socialcare.funnel_limits(NULL, 10) IS NULL AS a, socialcare.funnel_limit(0.5, NULL) IS NULL AS b,
	socialcare.funnel_significance(1, 10, NULL) IS NULL AS c, socialcare.funnel_side(1, 10, 0.5, NULL) IS NULL AS d,
	socialcare.funnel_limits(0.5, 10, NULL) IS NULL AS e,
	(SELECT count(*) FROM socialcare.funnel_curve(0.5, 1, NULL)) AS f;

-- Errors.
SELECT socialcare.funnel_limits(0.5, 0);
SELECT socialcare.funnel_limits(0.5, -3, 'rate');
SELECT socialcare.funnel_limits(0.5, 'Infinity');
SELECT socialcare.funnel_significance(-1, 10, 0.5);
SELECT socialcare.funnel_significance(11, 10, 0.5);
SELECT socialcare.funnel_significance('NaN', 10, 0.5);
SELECT socialcare.funnel_limit(0.5, 10, 1);
SELECT socialcare.funnel_limit(0.5, 10, 0);
SELECT socialcare.funnel_limits(50, 10);
SELECT socialcare.funnel_limits(-1, 10, 'ratio');
SELECT socialcare.funnel_limits(0.5, 10, 'rates');
SELECT socialcare.funnel_limits(0.5, 10, 'rate', 'wilson');
SELECT socialcare.funnel_limits(0.5, 10, method => 'byars');
SELECT socialcare.funnel_limits(0.5, 10, phi => 0);
SELECT socialcare.funnel_limits(0.5, 10, tau2 => -1);
SELECT socialcare.funnel_limits(0.5, 1e13, method => 'exact');
SELECT * FROM socialcare.funnel_curve(0.5, 100, 10);
SELECT * FROM socialcare.funnel_curve(0.5, 10, 100, 1);
SELECT (socialcare.funnel_baseline(n, d, k)).* FROM (VALUES (1, 2, 'rate'), (1, 2, 'ratio')) v(n, d, k);
SELECT (socialcare.funnel_baseline(n, d)).* FROM (VALUES (3, 2)) v(n, d);
