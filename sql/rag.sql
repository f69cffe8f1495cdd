-- RAG status, direction of travel, sparklines and the scorecard's edges.
-- Every expected value is worked out by hand from the rules in the
-- comments: green at or beyond the green threshold, red strictly beyond the
-- red one, amber between; directions on values rounded half away from zero.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
\set VERBOSITY default
\set SHOW_CONTEXT never

-- The type is ordered red < amber < green, so min() is the worst.
SELECT 'red'::rag < 'amber'::rag AS red_below_amber, 'amber'::rag < 'green'::rag AS amber_below_green,
       min(r) AS worst, max(r) AS best
FROM unnest('{green,amber,red,green}'::rag[]) AS r;

-- Thresholds, high is better (green at 90, red beyond 80):
-- 95 green, 90 green (on it), 85 amber, 80 amber (on red, not beyond), 79.99 red.
SELECT v, rag(v, 90, 80) FROM unnest('{95,90,85,80,79.99}'::numeric[]) AS v;
-- Low is better (green at 18, red beyond 20): 17 green, 18 green, 19 amber, 20 amber, 20.01 red.
SELECT v, rag(v, 18, 20) FROM unnest('{17,18,19,20,20.01}'::numeric[]) AS v;
-- With a polarity that agrees, the same; equal thresholds need one: no amber band.
SELECT rag(85, 90, 80, 'high') AS high, rag(19, 18, 20, 'low') AS low,
       rag(90, 90, 90, 'high') AS on_it, rag(89.9, 90, 90, 'high') AS below, rag(89.9, 90, 90, 'low') AS low_below;
-- NULLs: a NULL value or threshold gives NULL.
SELECT rag(NULL, 90, 80) AS no_value, rag(85, NULL, 80) AS no_green, rag(85, 90, NULL) AS no_red;

-- Target and tolerance.  High, target 90, tolerance 5: 90 green (on target),
-- 89 amber, 85 amber (exactly on tolerance), 84.9 red, 100 green.
SELECT v, rag_target(v, 90, 5, 'high') FROM unnest('{100,90,89,85,84.9}'::numeric[]) AS v;
-- Low, target 18, tolerance 1: 15 green, 18 green, 18.5 amber, 19 amber, 19.01 red.
SELECT v, rag_target(v, 18, 1, 'low') FROM unnest('{15,18,18.5,19,19.01}'::numeric[]) AS v;
-- Tolerance 0: on target green, a hair short red.
SELECT rag_target(90, 90, 0, 'high') AS on_target, rag_target(89.99, 90, 0, 'high') AS short,
       rag_target(18.01, 18, 0, 'low') AS low_short;
SELECT rag_target(NULL, 90, 5, 'high') AS no_value, rag_target(85, NULL, 5, 'high') AS no_target,
       rag_target(85, 90, NULL, 'high') AS no_tolerance;

-- Direction: values rounded to whole numbers first (the seed's rule).
-- 92.5 vs 93.4: 93 = 93 no change; 92.4 vs 93.4: 92 < 93 down; 72.0 vs
-- 71.5: 72 = 72 (71.5 rounds half up); -0.5 vs 0: -1 < 0 (half away from zero).
SELECT v, b, direction(v, b), direction_arrow(v, b)
FROM (VALUES (92.5, 93.4), (92.4, 93.4), (72.0, 71.5), (-0.5, 0), (69.2, 68), (0, 0)) AS t (v, b);
-- places: 1 decimal (92.5 vs 93.4 down), NULL: exact (18.80 vs 19.20 down;
-- 92.50 vs 92.5 no change), -1: tens (84 vs 76: 80 = 80).
SELECT direction(92.5, 93.4, 1) AS one_place, direction(18.80, 19.20, NULL) AS exact,
       direction(92.50, 92.5, NULL) AS exact_equal, direction(84, 76, -1) AS tens;
-- equal_within: |difference| at most 0.5 is no change, exactly 0.5 included.
SELECT direction(84.5, 84.0, NULL, 0.5) AS on_tolerance, direction(84.6, 84.0, NULL, 0.5) AS beyond,
       direction(83.5, 84.0, NULL, 0.5) AS below_on, direction(86, 84, 0, 1) AS rounded_then_2;
SELECT direction(NULL, 1) AS no_value, direction(1, NULL) AS no_baseline, direction_arrow(NULL, 1) AS no_arrow;

-- Direction of travel: up is improving when high is better.
SELECT direction_of_travel(70, 60, 'high') AS high_up, direction_of_travel(70, 60, 'low') AS low_up,
       direction_of_travel(50, 60, 'high') AS high_down, direction_of_travel(50, 60, 'low') AS low_down,
       direction_of_travel(60.4, 60, 'low') AS same, direction_of_travel(60.4, 60, 'low', NULL) AS exact_up,
       direction_of_travel(NULL, 60, 'low') AS no_value;

-- Changes: percentage points and relative.  75.4 -> 66.6 is -8.8 points
-- and -8.8 / 75.4 = -11.6710875331564987% of the baseline.
SELECT change_pp(66.6, 75.4) AS points, round(change_relative(66.6, 75.4), 4) AS relative,
       change_relative(5, 0) AS from_zero, change_relative(120, 100) AS plus_20;

-- Sparkline.  1, 2, 3, 4: levels floor((v - 1) / 3 * 8) = 0, 2, 5, 8 -> 7.
SELECT sparkline(v ORDER BY i) FROM unnest('{1,2,3,4}'::numeric[]) WITH ORDINALITY AS t (v, i);
-- Order matters; NULL is a gap and does not count for the scale; flat is the middle bar.
SELECT sparkline(v ORDER BY i DESC) AS reversed FROM unnest('{1,2,3,4}'::numeric[]) WITH ORDINALITY AS t (v, i);
SELECT '[' || sparkline(v ORDER BY i) || ']' AS gap FROM unnest('{1,NULL,3,4}'::numeric[]) WITH ORDINALITY AS t (v, i);
SELECT sparkline(v) AS flat FROM unnest('{7,7,7}'::numeric[]) AS v;
SELECT sparkline(v) IS NULL AS all_null FROM unnest('{NULL,NULL}'::numeric[]) AS v;
SELECT sparkline(v) IS NULL AS no_rows FROM unnest('{}'::numeric[]) AS v;
-- A moving window of 3 (inverse transition): 1,2,3 -> ▁▅█; 2,3,4 -> ▁▅█;
-- 3,4,1: (v - 1) / 3 * 8 = 5.3, 8, 0 -> ▆█▁.
SELECT i, sparkline(v) OVER (ORDER BY i ROWS 2 PRECEDING) AS last_3
FROM unnest('{1,2,3,4,1}'::numeric[]) WITH ORDINALITY AS t (v, i);
-- double precision and integers too: the same bars.
SELECT sparkline(v::float8 ORDER BY i) AS float8, sparkline(v::int ORDER BY i) AS int
FROM unnest('{1,2,3,4}'::numeric[]) WITH ORDINALITY AS t (v, i);
SELECT i, sparkline(v::float8) OVER (ORDER BY i ROWS 2 PRECEDING) AS last_3_float8
FROM unnest('{1,2,3,4,1}'::numeric[]) WITH ORDINALITY AS t (v, i);
-- The combine function appends states in order.
SELECT sparkline_final(array_cat('{1,2}'::numeric[], '{3,4}')) AS combined;

-- In parallel (no ORDER BY, so the order of the bars is not defined):
-- partial states combine with array_cat, and no value is lost.  A series
-- of 0 and 7: bars ▁ and █ only, 1 and 3 of every 4 rows.
-- (a plain table: temporary tables are never scanned in parallel)
CREATE TABLE rag_many AS SELECT (i % 4 <> 0)::int * 7 AS v FROM generate_series(1, 100000) AS i;
ANALYZE rag_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT sparkline(v::numeric) FROM rag_many;
SELECT length(s) AS bars, length(s) - length(replace(s, '█', '')) AS top,
       length(s) - length(replace(s, '▁', '')) AS bottom
FROM (SELECT sparkline(v::numeric) AS s FROM rag_many) AS t;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE rag_many;

-- Bad input: clear errors with a hint.
SELECT rag(85, 80, 90, 'high');
SELECT rag(85, 90, 80, 'low');
SELECT rag(85, 90, 90);
SELECT rag(85, 90, 80, 'High');
SELECT rag_target(85, 90, -1, 'high');
SELECT rag_target(85, 90, 5, 'up');
SELECT rag_target(85, 90, 5, NULL);
SELECT rag('NaN', 90, 80);
SELECT direction(1, 2, 0, -0.5);
SELECT direction('Infinity', 2);
SELECT direction_of_travel(1, 2, 'better');
SELECT sparkline(v) FROM unnest('{1,NaN}'::numeric[]) AS v;
SELECT sparkline(v) FROM unnest('{1,Infinity}'::float8[]) AS v;
-- Errors are raised for a bad call even when the value is NULL.
SELECT rag(NULL, 80, 90, 'high');
SELECT direction(NULL, 1, 0, -1);

-- The catalogue refuses what it cannot show.
-- The case the scorecard prints is stored in lower case (issue 19).
INSERT INTO kpi (code, title, polarity) VALUES ('X', 'x', 'High');
SELECT code, polarity FROM kpi WHERE code = 'X';
DELETE FROM kpi WHERE code = 'X';
INSERT INTO kpi (code, title, polarity, tolerance) VALUES ('X', 'x', 'high', -1);
INSERT INTO kpi (code, title, polarity, frequency) VALUES ('X', 'x', 'high', 'weekly');
INSERT INTO kpi (code, title, polarity) VALUES ('A1', 'Re-referrals within 12 months', 'low');
-- The scorecard's window, with a KPI to show.
SELECT * FROM scorecard('2018-12-31', 0);
SELECT * FROM scorecard('2018-12-31', average_months => 0);
SELECT * FROM scorecard('2018-12-31', NULL);
SELECT count(*) AS no_as_at FROM scorecard(NULL);
SELECT * FROM scorecard('infinity');
SELECT * FROM scorecard(date '5874897-12-31');
-- as_at may be any day of the month: 15 December shows October to December.
SELECT count(*), min(month), max(month) FROM scorecard('2018-12-15', 3);
INSERT INTO kpi_value (kpi, month, value) VALUES ('A1', '2025-01-01', 20);
INSERT INTO kpi_value (kpi, month, value) VALUES ('A1', '2025-01-31', 'NaN');
INSERT INTO kpi_value (kpi, month, value) VALUES ('nope', '2025-01-31', 1);
INSERT INTO kpi_comparator (kpi, comparator, valid_from, value) VALUES ('A1', 'wales', '2025-01-01', 1);

-- Gaps and comparators by period.  Values Jan to Jun 2025 with March
-- missing; the England average changes from 22.4 to 21.0 in April.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES
 ('A1', '2024-12-31', 20, 20, 100), ('A1', '2025-01-31', 22, 22, 100), ('A1', '2025-02-28', 24, 24, 100),
 ('A1', '2025-04-30', 21, 21, 100), ('A1', '2025-05-31', 21.4, 107, 500), ('A1', '2025-06-30', 20.6, 103, 500);
INSERT INTO kpi_comparator (kpi, comparator, valid_from, value, source) VALUES
 ('A1', 'england', '2024-01-01', 22.4, 'CIN census 2023-24'), ('A1', 'england', '2025-04-01', 21.0, 'CIN census 2024-25');
-- By hand: Jan prev 20 (Dec, read from before the window), change +2 up,
-- worsening (low is better); 3-month average needs Oct-Dec: only Dec, so
-- NULL.  Mar: no value, so no change or directions, a gap in the sparkline.
-- Mar: average of Dec, Jan, Feb = (20 + 22 + 24) / 3 = 22.
-- Apr: prev Mar NULL; average of Jan, Feb, Mar needs 3 values: NULL.
-- May 21.4: prev 21, 21 = 21 no change; average of Feb, Mar, Apr: NULL (Mar).
-- Jun 20.6 vs 21.4: 21 = 21 no change.  England: 22.4 to March, then 21.0;
-- Jan 22 vs 22.4: 22 = 22 no change, Feb 24 vs 22 up, Apr 21 vs 21 no change.
-- Sparkline of 22, 24, _, 21, 21.4, 20.6 (min 20.6, max 24, range 3.4):
-- 1.4/3.4*8 = 3.3 -> ▄, 8 -> █, gap, 0.4/3.4*8 = 0.94 -> ▁, 0.8/3.4*8 = 1.9 -> ▂, 0 -> ▁.
-- (Whole numbers, the seed's rule: compare_at => 'whole'.)
SELECT month_label, is_latest, value, numerator, denominator, previous_value, change, change_direction,
       change_travel, previous_average, england, vs_england, sparkline
FROM scorecard('2025-06-15', 6, compare_at => 'whole') WHERE kpi = 'A1';
-- By default at the KPI's decimals (1; issue 19): Jan 22.0 vs England
-- 22.4 down; May 21.4 vs Apr 21.0 up (worsening, low is better) and vs
-- England 21.0 up; Jun 20.6 vs 21.4 down (improving), vs 21.0 down; Feb 24
-- vs 22.0 up, Apr 21.0 vs 21.0 no change, as whole.  compared_at: 1.
SELECT month_label, change_direction, change_travel, vs_england, compared_at
FROM scorecard('2025-06-15', 6) WHERE kpi = 'A1';
-- places => 0 overrides compare_at: whole numbers, Jan no change.
SELECT month_label, vs_england, compared_at
FROM scorecard('2025-06-15', 6, places => 0, compare_at => 'exact') WHERE kpi = 'A1' AND month_label = 'Jan-25';
-- Average of the 3 months before July: Apr, May, Jun = 63 / 3 = 21; Jul has
-- no row at all: NULL value, and the average is still shown.
SELECT month_label, value, previous_average, average_direction
FROM scorecard('2025-07-31', 1) WHERE kpi = 'A1';
-- average_months => 2 for June: (21 + 21.4) / 2 = 21.2.
SELECT month_label, previous_average FROM scorecard('2025-06-30', 1, average_months => 2);
-- Wide: arrays in month order, arrows for the latest month.
SELECT month_labels, "values", shown, change_arrow, average_arrow, vs_england_arrow, sparkline
FROM scorecard_wide('2025-06-30', 6, compare_at => 'whole');
-- At the KPI's decimals: Jun 20.6 vs 21.4 ▼, vs England 21.0 ▼.
SELECT change_arrow, vs_england_arrow, compared_at FROM scorecard_wide('2025-06-30', 6);

-- A hostile search_path changes nothing: the SQL bodies were bound at
-- CREATE time and qualify what they use.  Here "=" on text is always true,
-- and round() and avg() return 0, ahead of pg_catalog.
CREATE SCHEMA regress_hostile;
CREATE FUNCTION regress_hostile.always(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE OPERATOR regress_hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = regress_hostile.always);
CREATE FUNCTION regress_hostile.round(numeric, integer) RETURNS numeric LANGUAGE sql AS 'SELECT 0::numeric';
CREATE FUNCTION regress_hostile.zero(numeric, numeric) RETURNS numeric LANGUAGE sql AS 'SELECT 0::numeric';
CREATE AGGREGATE regress_hostile.avg(numeric) (SFUNC = regress_hostile.zero, STYPE = numeric);
CREATE TEMP TABLE safe AS SELECT * FROM scorecard_wide('2025-06-30', 6);
SET search_path = regress_hostile, pg_catalog, socialcare;
SELECT count(*) AS rows, bool_and(w IS NOT DISTINCT FROM s) AS unchanged
FROM socialcare.scorecard_wide('2025-06-30', 6) AS w FULL JOIN pg_temp.safe AS s ON s.kpi OPERATOR(pg_catalog.=) w.kpi;
SET search_path = socialcare, public;
SET client_min_messages = warning;
DROP SCHEMA regress_hostile CASCADE;
RESET client_min_messages;

-- Targets by period.  A1 (low is better) has 21 with tolerance 1 of its
-- own, then 22.5 (tolerance 0) from April, then 20 (tolerance 0.5) from 1 June:
--   Jan 22 vs 21 tol 1: 22 <= 22 amber;  Feb 24: red;  Mar: no value, NULL;
--   Apr 21 vs 22.5: green;  May 21.4: green;  Jun 20.6 vs 20 tol 0.5:
--   20.6 > 20.5, red.
UPDATE kpi SET target = 21, tolerance = 1 WHERE code = 'A1';
INSERT INTO kpi_target (kpi, valid_from, target) VALUES ('A1', '2025-04-01', 22.5);
INSERT INTO kpi_target (kpi, valid_from, target, tolerance) VALUES ('A1', '2025-06-01', 20, 0.5);
SELECT month_label, value, target, tolerance, rag FROM scorecard('2025-06-30', 6) WHERE kpi = 'A1';
SELECT rag FROM scorecard_wide('2025-06-30', 6);
INSERT INTO kpi_target (kpi, valid_from, target, tolerance) VALUES ('A1', '2025-07-01', 20, -1);

-- Upsert from a query, as a monthly load does: June restated.
INSERT INTO kpi_value (kpi, month, value)
VALUES ('A1', '2025-06-30', 19.9)
ON CONFLICT (kpi, month) DO UPDATE SET value = excluded.value;
-- The stored numerator and denominator (103 / 500 = 20.6%) no longer fit
-- 19.9 (issue 19): restate all three.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator)
VALUES ('A1', '2025-06-30', 19.9, 199, 1000)
ON CONFLICT (kpi, month) DO UPDATE
SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator;
SELECT value FROM kpi_value WHERE kpi = 'A1' AND month = '2025-06-30';

-- Privileges: everyone reads; only members of a KPI's owner role change it.
CREATE ROLE regress_sc_rag_team;
CREATE ROLE regress_sc_rag_analyst;
CREATE ROLE regress_sc_rag_loader IN ROLE regress_sc_rag_team;
GRANT USAGE ON SCHEMA socialcare TO regress_sc_rag_analyst, regress_sc_rag_loader;
INSERT INTO kpi (code, title, polarity, owner) VALUES ('T1', 'Team KPI', 'high', 'regress_sc_rag_team');
SET ROLE regress_sc_rag_analyst;
SELECT count(*) FROM kpi WHERE code = 'T1';
INSERT INTO kpi_value (kpi, month, value) VALUES ('T1', '2025-01-31', 50);
UPDATE kpi SET target = 1 WHERE code = 'T1';
DELETE FROM kpi WHERE code = 'T1';
RESET ROLE;
SELECT count(*), max(target) FROM kpi WHERE code = 'T1';
SET ROLE regress_sc_rag_loader;
INSERT INTO kpi_value (kpi, month, value) VALUES ('T1', '2025-01-31', 50);
UPDATE kpi SET target = 60 WHERE code = 'T1';
SELECT kpi, month, value, rag FROM scorecard('2025-01-31', 1) WHERE kpi = 'T1';
RESET ROLE;
DELETE FROM kpi;
REVOKE USAGE ON SCHEMA socialcare FROM regress_sc_rag_analyst, regress_sc_rag_loader;
DROP ROLE regress_sc_rag_loader, regress_sc_rag_analyst, regress_sc_rag_team;

-- What \df+ shows for this area: deliberate volatility, strictness and
-- parallel safety, and a comment on every object; the catalogue is dumped.
SELECT p.oid::regprocedure::text AS function, p.provolatile AS volatility, p.proisstrict AS strict,
       p.proparallel AS parallel, obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace
  AND p.proname ~ '^(rag|rag_target|direction.*|change_.*|sparkline.*|checked_.*|scorecard.*)$'
ORDER BY 1;
SELECT c.relname, c.relkind, c.relrowsecurity AS rls, obj_description(c.oid, 'pg_class') IS NOT NULL AS commented,
       c.oid = ANY (e.extconfig) AS dumped
FROM pg_class c, pg_extension e
WHERE e.extname = 'socialcare' AND c.relnamespace = 'socialcare'::regnamespace
  AND c.relname IN ('kpi', 'kpi_comparator', 'kpi_target', 'kpi_value', 'kpi_scorecard')
ORDER BY 1;
SELECT obj_description('socialcare.rag'::regtype, 'pg_type') IS NOT NULL AS rag_type_commented;
