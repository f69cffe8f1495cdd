-- XmR statistical process control (issue 18): socialcare.spc_points,
-- spc_summary, the aggregate spc and scorecard_spc.  Expected values are
-- NHSRplotthedots' (nhs-r-community/NHSRplotthedots 0.2.0) documented
-- examples and test expectations, cited at each, and values worked out by
-- hand from the rules (doc/spc.md).
SET extra_float_digits = 0;

-- The rnorm(20) series of set.seed(123) (R's documented generator) that
-- tests/testthat/test-ptd_spc_standard.R charts, dated daily from
-- 2020-01-02, its values as R prints them (8 decimals, so compared to 4).
-- Expected (tests/testthat/_snaps/ptd_spc_standard.md): mean 0.1416238,
-- lpl -3.01138, upl 3.294627; relative to mean -1, -1, 1, -1, -1, 1, 1,
-- -1, -1, -1, 1, 1, 1, -1, -1 (the first 15 the snapshot shows); 20
-- common cause (_snaps/ptd_spc.md).  By hand from those limits: 2 sigma
-- is 0.1416 -+ (2/3)(3.1530) = -1.9604, so the 18th value, -1.9666, is
-- beyond 2 sigma (alone: common cause).
CREATE TEMP TABLE rnorm123 (i int, month date, y float8);
INSERT INTO rnorm123
SELECT i, DATE '2020-01-01' + i::int, y
FROM unnest('{-0.56047565,-0.23017749,1.55870831,0.07050839,0.12928774,1.71506499,0.46091621,
              -1.26506123,-0.68685285,-0.44566197,1.22408180,0.35981383,0.40077145,0.11068272,
              -0.55584113,1.78691314,0.49785048,-1.96661716,0.70135832,-0.47279141}'::float8[])
     WITH ORDINALITY AS t(y, i);

SELECT round(centre::numeric, 4) AS mean_col, round(lower_limit::numeric, 4) AS lpl,
       round(upper_limit::numeric, 4) AS upl, points, variation
FROM (SELECT (socialcare.spc(month, y)).* FROM rnorm123) s;

SELECT string_agg(sign(value - centre)::text, ',' ORDER BY month) FILTER (WHERE month <= DATE '2020-01-16') AS relative_to_mean,
       string_agg(value::text, ',') FILTER (WHERE value < lower_2sigma OR value > upper_2sigma) AS beyond_2sigma,
       count(special_cause) AS special
FROM socialcare.spc_points((SELECT array_agg(month) FROM rnorm123), (SELECT array_agg(y) FROM rnorm123));

-- The same with y[15] = 10: screened (the default), mean 0.6694159, lpl
-- -2.383666, upl 3.722497; not screened, lpl -4.596625, upl 5.935457.
SELECT screen, round(centre::numeric, 4) AS mean_col, round(lower_limit::numeric, 4) AS lpl,
       round(upper_limit::numeric, 4) AS upl
FROM (VALUES (true), (false)) v(screen),
     LATERAL socialcare.spc_summary((SELECT array_agg(month) FROM rnorm123),
                                    (SELECT array_agg(CASE WHEN i = 15 THEN 10 ELSE y END) FROM rnorm123),
                                    screen_outliers => screen);

-- Split in two (facet 0 and 1, 10 points each in _snaps/ptd_spc.md):
-- mean 0.0746, lpl -2.60, upl 2.75 and 0.209, -3.28, 3.70.  A rebase at
-- the 11th point gives the two segments.
SELECT segment, count(*) AS n, round(min(centre)::numeric, 4) AS mean_col,
       round(min(lower_limit)::numeric, 2) AS lpl, round(min(upper_limit)::numeric, 2) AS upl
FROM socialcare.spc_points((SELECT array_agg(month) FROM rnorm123), (SELECT array_agg(y) FROM rnorm123),
                           rebase => ARRAY[DATE '2020-01-12'])
GROUP BY segment ORDER BY segment;

-- fix_after_n_points = 12 changes the limits (test-ptd_spc_standard.R):
-- the mean of the first 12, the moving ranges of the first 12.
SELECT round(centre::numeric, 7) AS mean_col, round(mean_moving_range::numeric, 7) AS amr,
       round((SELECT avg(y) FROM rnorm123 WHERE i <= 12)::numeric, 7) AS mean_of_12,
       count(*) FILTER (WHERE baseline) AS baseline_points
FROM socialcare.spc_points((SELECT array_agg(month) FROM rnorm123), (SELECT array_agg(y) FROM rnorm123),
                           baseline => 12)
GROUP BY 1, 2;

-- vignettes/deviations.Rmd: 1,2,1,2,10,1,2,1,2,1,2,1,2,1,2,1,2,1 daily
-- from 2021-03-22.  Screened: UPL 4.6, mean 1.94, LPL -0.72, one special
-- cause improvement (the 10); not screened (the MDC Excel tool): 6.95,
-- 1.94, -3.06, and the 10 is still beyond.
CREATE TEMP TABLE deviations (month date, y float8);
INSERT INTO deviations
SELECT DATE '2021-03-22' + (i - 1)::int, y
FROM unnest('{1,2,1,2,10,1,2,1,2,1,2,1,2,1,2,1,2,1}'::float8[]) WITH ORDINALITY AS t(y, i);
SELECT screen, round(centre::numeric, 2) AS mean, round(lower_limit::numeric, 2) AS lpl,
       round(upper_limit::numeric, 2) AS upl, improvement_points, concern_points, variation
FROM (VALUES (true), (false)) v(screen),
     LATERAL socialcare.spc_summary((SELECT array_agg(month) FROM deviations), (SELECT array_agg(y) FROM deviations),
                                    'high', screen_outliers => screen);
SELECT month, value, moving_range, beyond_limit, direction, special_cause
FROM socialcare.spc_points((SELECT array_agg(month) FROM deviations), (SELECT array_agg(y) FROM deviations), 'high')
WHERE special_cause IS NOT NULL;

-- test-ptd_spc_standard.R: 1, -1 alternating, then 5.5 and -5.5 (both
-- beyond 2 sigma, on opposite sides of the mean): common cause.  By hand:
-- mean 0; moving ranges 2 (x13), 6.5, 11; mean 2.9, 11 >= 3.267 x 2.9 is
-- screened; mean 32.5/14 = 2.3214; 2 sigma 4.1167, limits 6.175.
SELECT round(mean_moving_range::numeric, 4) AS amr, round(upper_2sigma::numeric, 4) AS u2,
       round(upper_limit::numeric, 4) AS upl, value, two_of_three, special_cause
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 16) i),
                           ARRAY(SELECT CASE i WHEN 15 THEN 5.5 WHEN 16 THEN -5.5
                                               ELSE CASE WHEN i % 2 = 1 THEN 1 ELSE -1 END END::float8
                                 FROM generate_series(1, 16) i), 'high')
ORDER BY month DESC LIMIT 2;
-- The same with 5.5 and 5.5 (same side) and a 17th value, 1: mean
-- 12/17 = 0.706, mean moving range 37/16 = 2.3125, 2 sigma at 4.81, so
-- the two 5.5 are beyond 2 sigma and the window 5.5, 5.5, 1 is above the
-- mean: both are two of three, improvement.  (With 16 values there is no
-- such window: the value before them, -1, is below the mean.)
SELECT n, value, two_of_three, direction, special_cause
FROM (VALUES (16), (17)) v(n),
     LATERAL socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, v.n) i),
                           ARRAY(SELECT CASE i WHEN 15 THEN 5.5 WHEN 16 THEN 5.5
                                               ELSE CASE WHEN i % 2 = 1 THEN 1 ELSE -1 END END::float8
                                 FROM generate_series(1, v.n) i), 'high')
WHERE value = 5.5;

-- Trends, from test-ptd_calculate_point_type.R's ptd_seven_point_trend
-- vectors: 1:6 none; c(1:3, 3:6) none (a tie breaks it); 1:7 all seven;
-- c(2, 1:7, 3) points 2 to 8 increasing; 7:1 decreasing; c(2, 7:1, 3)
-- points 2 to 8 decreasing.  direction is the first rule's: in 1:7 and
-- 7:1 the first and last values are also beyond the limits (4 -+ 2.66).
SELECT v.name, string_agg(CASE WHEN p.trend THEN 'T' ELSE '.' END, ' ' ORDER BY p.month) AS trend,
       string_agg(coalesce(p.direction, '.'), ' ' ORDER BY p.month) AS direction
FROM (VALUES ('1:6', '{1,2,3,4,5,6}'::float8[]), ('c(1:3,3:6)', '{1,2,3,3,4,5,6}'), ('1:7', '{1,2,3,4,5,6,7}'),
             ('c(2,1:7,3)', '{2,1,2,3,4,5,6,7,3}'), ('7:1', '{7,6,5,4,3,2,1}'), ('c(2,7:1,3)', '{2,7,6,5,4,3,2,1,3}')) v(name, ys),
     LATERAL socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, cardinality(v.ys)) i), v.ys) p
GROUP BY v.name ORDER BY v.name;

-- Shifts, as ptd_seven_point_one_side_mean's vectors (c(rep(1, 8), -1):
-- runs of eight flagged), by hand: eight 0, eight 10, a 0 (mean 80/17 =
-- 4.7): both runs of eight are shifts, the last 0 is not; six 0, six 10
-- and a 5 (mean 65/13 = 5, on the centre): runs of six are not.
SELECT string_agg(CASE WHEN shift THEN direction ELSE '.' END, ' ' ORDER BY month) AS shift_7,
       (SELECT string_agg(CASE WHEN shift THEN direction ELSE '.' END, ' ' ORDER BY month)
        FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 13) i),
                                   '{0,0,0,0,0,0,10,10,10,10,10,10,5}'::float8[])) AS runs_of_6
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 17) i),
                           '{0,0,0,0,0,0,0,0,10,10,10,10,10,10,10,10,0}'::float8[]);
-- Configurable runs: the runs of 6 are shifts with shift_run 6.
SELECT string_agg(CASE WHEN shift THEN direction ELSE '.' END, ' ' ORDER BY month) AS shift_6
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 13) i),
                           '{0,0,0,0,0,0,10,10,10,10,10,10,5}'::float8[], shift_run => 6);

-- Assurance, test-ptd_calculate_assurance_type.R: limits (1, 3), (5, 7),
-- (1, 5) with target 4 give consistent_fail, consistent_pass, inconsistent
-- for increase, the reverse for decrease, NA for neutral.  Series with
-- those limits: 2 +- 0.75/2.66 ... built as x, x + r alternating, whose
-- mean is x + r/2 and moving range r: limits x + r/2 -+ 2.66 r.
SELECT v.lim, i.imp, (socialcare.spc_summary(ARRAY(SELECT DATE '2020-01-01' + k FROM generate_series(1, 12) k),
           ARRAY(SELECT v.c + CASE WHEN k % 2 = 0 THEN v.h ELSE -v.h END FROM generate_series(1, 12) k),
           i.imp, 4)).assurance
FROM (VALUES ('(1, 3)', 2.0::float8, 1 / 2.66 / 2), ('(5, 7)', 6.0, 1 / 2.66 / 2), ('(1, 5)', 3.0, 2 / 2.66 / 2)) v(lim, c, h),
     (VALUES ('high'), ('low'), ('neutral')) i(imp)
ORDER BY v.lim, i.imp;
-- A target on a limit is hit and miss (ptd: strictly beyond); no target: NULL.
SELECT (socialcare.spc_summary('{2020-01-01,2020-02-01}', '{0,1}', 'high', 0.5 + 2.66)).assurance AS on_upper,
       (socialcare.spc_summary('{2020-01-01,2020-02-01}', '{0,1}', 'high', 0.5 + 2.66 + 1e-9)).assurance AS above_upper,
       (socialcare.spc_summary('{2020-01-01,2020-02-01}', '{0,1}', 'high')).assurance AS no_target;

-- Variation: the latest value's special cause, high or low, by polarity.
SELECT i.imp, (socialcare.spc_summary(ARRAY(SELECT DATE '2020-01-01' + k FROM generate_series(1, 13) k),
           '{1,2,1,2,1,2,1,2,1,2,1,2,-20}'::float8[], i.imp)).variation
FROM (VALUES ('high'), ('low'), ('neutral')) i(imp);

-- Edge cases.
-- One point: a centre, no moving range, no limits, no rule, common cause.
SELECT * FROM socialcare.spc_points('{2024-01-31}', '{5}', 'high', 3);
SELECT (socialcare.spc_summary('{2024-01-31}', '{5}', 'high', 3)).*;
-- Empty arrays: no rows, a summary of nothing; NULL arrays: nothing.
SELECT count(*) FROM socialcare.spc_points('{}', '{}');
SELECT (socialcare.spc_summary('{}', '{}')).points, (socialcare.spc_summary('{}', '{}')).variation;
SELECT count(*) FROM socialcare.spc_points(NULL, '{1}');
SELECT socialcare.spc_summary(NULL, NULL) IS NULL AS null_summary;
-- All equal: mean moving range 0, limits on the centre, every point on
-- the centre: no rule holds (NHSRplotthedots' screening gives NaN limits
-- here; doc/spc.md).
SELECT centre, mean_moving_range, lower_limit, upper_limit, bool_or(beyond_limit OR trend OR shift OR two_of_three) AS any_rule
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 20) i), array_fill(3::float8, ARRAY[20]))
GROUP BY 1, 2, 3, 4;
-- Zero moving range in the baseline, then a change: beyond the limits.
SELECT value, beyond_limit, direction
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 14) i),
                           '{3,3,3,3,3,3,3,3,3,3,3,3,4,3}'::float8[], baseline => 12)
WHERE beyond_limit;
-- NULL values are gaps: no moving range next to them, and they break runs
-- (seven increasing values with a gap in the middle are no trend; the
-- trend's values without the gap are).
SELECT string_agg(coalesce(moving_range::text, '-'), ' ' ORDER BY month) AS ranges,
       bool_or(trend) AS any_trend
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 8) i),
                           '{1,2,3,4,NULL,5,6,7}'::float8[]);
SELECT bool_and(trend) AS all_trend
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 7) i),
                           '{1,2,3,4,5,6,7}'::float8[]);
-- Fewer points than a rule needs: six increasing, no trend; two of three
-- needs three values.
SELECT bool_or(trend) AS trend_6, bool_or(two_of_three) AS two_of_three
FROM socialcare.spc_points(ARRAY(SELECT DATE '2020-01-01' + i FROM generate_series(1, 6) i),
                           '{1,2,3,4,5,6}'::float8[]);
-- Variation is the latest value's: a trailing gap does not hide it.
SELECT (s).latest_month, (s).variation
FROM (SELECT socialcare.spc_summary(ARRAY(SELECT DATE '2020-01-01' + k FROM generate_series(1, 14) k),
             '{1,2,1,2,1,2,1,2,1,2,1,2,-20,NULL}'::float8[], 'low') AS s) x;
-- A rebase date between points starts the segment at the next point; one
-- before the series does nothing.
SELECT (socialcare.spc_summary('{2020-01-31,2020-02-29,2020-03-31,2020-04-30}', '{1,2,10,12}',
            rebase => '{2020-03-15,2019-01-01}')).segments,
       (socialcare.spc_summary('{2020-01-31,2020-02-29,2020-03-31,2020-04-30}', '{1,2,10,12}',
            rebase => '{2020-03-15}')).centre;
-- The arrays may come in any order: sorted by month.
SELECT string_agg(value::text, ' ' ORDER BY month) FROM socialcare.spc_points('{2020-03-01,2020-01-01,2020-02-01}', '{3,1,2}');

-- The aggregate: per group, in parallel, rows in any order, equal to spc_summary.
CREATE TEMP TABLE many AS
SELECT g, DATE '2000-01-31' + (i * 31) AS month,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 7919 % 101)::float8 + g END AS y
FROM generate_series(1, 40) g, generate_series(1, 200) i;
SELECT count(*) AS groups,
       bool_and(a.s = socialcare.spc_summary(a.ms, a.ys, 'low', 50)) AS same_as_spc_summary
FROM (SELECT g, socialcare.spc(month, y, 'low', 50) AS s, array_agg(month) AS ms, array_agg(y) AS ys
      FROM (SELECT * FROM many ORDER BY random()) r GROUP BY g) a;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) AS groups,
       bool_and(a.s = socialcare.spc_summary(b.ms, b.ys, 'high')) AS same_in_parallel
FROM (SELECT g, socialcare.spc(month, y, 'high', NULL) AS s FROM many GROUP BY g) a
JOIN (SELECT g, array_agg(month) AS ms, array_agg(y) AS ys FROM many GROUP BY g) b USING (g);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- Errors.
SELECT socialcare.spc_points('{2020-01-01,2020-01-01}', '{1,2}');
SELECT socialcare.spc_points('{2020-01-01}', '{1,2}');
SELECT socialcare.spc_points('{2020-01-01,NULL}', '{1,2}');
SELECT socialcare.spc_points('{2020-01-01}', '{NaN}');
SELECT socialcare.spc_points('{infinity}', '{1}');
SELECT socialcare.spc_points('{2020-01-01}', '{1}', 'higher');
SELECT socialcare.spc_points('{2020-01-01}', '{1}', NULL);
SELECT socialcare.spc_points('{2020-01-01}', '{1}', baseline => 1);
SELECT socialcare.spc_points('{2020-01-01}', '{1}', shift_run => 1);
SELECT socialcare.spc_points('{2020-01-01}', '{1}', trend_run => 101);
SELECT socialcare.spc_points('{2020-01-01}', '{1}', target => 'Infinity');
SELECT socialcare.spc_points('{2020-01-01}', '{1}', rebase => '{NULL}');
SELECT socialcare.spc(m, 1) FROM (VALUES (NULL::date)) v(m);
SELECT socialcare.spc(m, v, CASE WHEN v > 1 THEN 'low' ELSE 'high' END, NULL)
FROM (VALUES ('2020-01-01'::date, 1::float8), ('2020-02-01', 2)) x(m, v);
SELECT socialcare.spc(m, 1) FROM (VALUES ('2020-01-01'::date), ('2020-01-01')) v(m);
SELECT socialcare.spc_final('{1,0,0,0,5}');
SELECT socialcare.spc_combine('{1,0,0,0,0}', '{1,1,0,0,0}');

-- The scorecard: variation and assurance of each KPI up to as_at.
CREATE TEMP TABLE saved_kpi AS SELECT * FROM socialcare.kpi;
BEGIN;
DELETE FROM socialcare.kpi;
INSERT INTO socialcare.kpi (code, title, unit, polarity, target, decimals)
VALUES ('UP', 'Rising', 'number', 'high', 3, 1), ('DOWN', 'Falling', 'number', 'low', 100, 1),
       ('NONE', 'No values', 'number', 'high', NULL, 1);
-- UP: 2, 1 alternating for 12 months then 9 in Jan 2025.  By hand: centre
-- 27/13 = 2.0769; moving ranges eleven 1 and an 8, mean 19/12, 8 >= 3.267
-- x 19/12 is screened: mean 1, limits 2.0769 -+ 2.66 = -0.5831, 4.7369;
-- 9 is beyond: improving high; target 3 is within: hit and miss.
INSERT INTO socialcare.kpi_value (kpi, month, value)
SELECT 'UP', (DATE '2024-01-01' + make_interval(months => k))::date - 1, CASE WHEN k = 13 THEN 9 ELSE 1 + k % 2 END
FROM generate_series(1, 13) k;
-- DOWN: 12, 10 alternating with May 2024 missing (a gap, 13 points, 12
-- values).  By hand: centre 11; the moving ranges not next to the gap are
-- all 2: limits 11 -+ 5.32; target 100 is above the upper limit and lower
-- is better: consistently hit.
INSERT INTO socialcare.kpi_value (kpi, month, value)
SELECT 'DOWN', (DATE '2024-01-01' + make_interval(months => k))::date - 1, 10 + 2 * (k % 2)
FROM generate_series(1, 13) k WHERE k <> 5;
SELECT * FROM socialcare.scorecard_spc('2025-01-15');
SELECT kpi, points, variation FROM socialcare.scorecard_spc('2024-12-31');
SELECT kpi, points, first_month FROM socialcare.scorecard_spc('2025-01-31', months => 3);
-- Joined to the scorecard's latest month.
SELECT s.kpi, s.value, s.rag, p.variation, p.assurance
FROM socialcare.scorecard('2025-01-31', 1) s JOIN socialcare.scorecard_spc('2025-01-31') p USING (kpi)
ORDER BY s.kpi;
SELECT count(*) FROM socialcare.scorecard_spc(NULL);
SELECT * FROM socialcare.scorecard_spc('2025-01-31', 0);
ROLLBACK;
