-- Fixes found by test/hardening (bad_input.py): the exact calls that
-- crashed the backend, scorecard arguments checked up front, and
-- sparklines of numerics beyond a double's range.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

-- checked_months read its NULL "what" argument: both calls crashed the
-- backend.  A NULL what is named "n".
SELECT socialcare.checked_months(NULL::integer, NULL::text);
SELECT socialcare.checked_months(1000000, NULL);
SELECT socialcare.checked_months(12, NULL) AS twelve;
SELECT socialcare.checked_months(NULL, 'months');

-- checked_as_at(as_at, months): reporting periods run from 0001-04-01 to
-- 294276-11-30 (reporting_date), so the first month read, as_at's month
-- minus (months - 1), must start on or after 0001-04-01: with 15 months
-- (12 + 3, the defaults) that is April 1 AD + 14 months = 0002-06-01.
SELECT checked_as_at('0001-04-01', 1) AS first_day, checked_as_at('294276-11-30', 1) AS last_day,
       checked_as_at('0002-06-01', 15) AS first_with_15, checked_as_at(NULL, 15) IS NULL AS null_in;
SELECT checked_as_at('0001-03-31', 1);
SELECT checked_as_at('0002-05-31', 15);
SELECT checked_as_at('294276-12-01', 1);
SELECT checked_as_at('-infinity', 1);
SELECT checked_as_at('2025-06-30', 0);

-- The scorecard: a NULL as_at (kpi_scorecard on an empty catalogue) gives
-- no rows; NULL or bad sizes are errors naming the argument, before any
-- row is read (the window frame used to fail first, without a hint).
SELECT count(*) AS no_rows FROM scorecard(NULL);
SELECT * FROM scorecard(NULL, 12, 0, 0, NULL);
SELECT * FROM scorecard('2025-06-30', 12, 0, 0, -1);
SELECT * FROM scorecard('2025-06-30', NULL);
SELECT * FROM scorecard('2025-06-30', 1201);
SELECT * FROM scorecard('4713-01-01 BC');
SELECT * FROM scorecard('294276-12-31');
SELECT * FROM scorecard('0002-05-31');
SELECT count(*) >= 0 AS earliest_works FROM scorecard('0002-06-01');

-- Sparklines of numerics a double cannot carry are drawn exactly: a bar
-- is floor(8 * (x - min) / (max - min)), top bin closed, ▁ (0) to █ (7).
-- 100, 1e1000, 100: places 0, 1, 0.
SELECT sparkline(v ORDER BY i) AS huge
FROM unnest('{100,1e1000,100}'::numeric[]) WITH ORDINALITY AS t (v, i);
-- -1e1000, 0, 1e1000: places 0, 0.5, 1 -> levels 0, 4, 7.
SELECT sparkline(v ORDER BY i) AS both_ways
FROM unnest(ARRAY[-1e1000, 0, 1e1000]) WITH ORDINALITY AS t (v, i);
-- 1, 2, 3, 5 scaled by 1e-1000 (below a double's smallest): places 0,
-- 1/4, 1/2, 1 -> levels 0, 2, 4, 7, as for 1, 2, 3, 5 themselves.
SELECT sparkline(v * 1e-1000 ORDER BY i) AS tiny, sparkline(v ORDER BY i) AS same
FROM unnest('{1,2,3,5}'::numeric[]) WITH ORDINALITY AS t (v, i);
-- 1e-310 is a subnormal double (fewer digits): drawn exactly; a gap stays a gap.
SELECT '[' || sparkline(v ORDER BY i) || ']' AS subnormal
FROM unnest(ARRAY[1e-310, NULL, 0, 5e-311]) WITH ORDINALITY AS t (v, i);
-- Flat, however large: the middle bar.
SELECT sparkline(v) AS flat FROM unnest(ARRAY[1e1000, 1e1000]) AS v;
-- A moving window over huge values.
SELECT i, sparkline(v) OVER (ORDER BY i ROWS 1 PRECEDING) AS last_2
FROM unnest(ARRAY[1, 1e1000, 2]) WITH ORDINALITY AS t (v, i);

-- Errors name the value and the state it is in.
SELECT sparkline_final('{{1,2},{3,4}}'::numeric[]);
SELECT sparkline_final(ARRAY['NaN', 'NaN']::float8[]);
SELECT sparkline_final(ARRAY[1, '-Infinity']::numeric[]);
SELECT sparkline(v) FROM generate_series(1, 30) AS g, LATERAL (SELECT CASE WHEN g = 30 THEN 'NaN'::numeric ELSE g END AS v) AS x;
RESET search_path;
RESET datestyle;
