-- The rolling monthly series: rolling_months() and rolling_pct_series(),
-- checked by hand on a small referral table (the data of rereferrals.sql).
-- "The 12 months ending at month end M" are the 12 whole calendar months
-- ending with M's month, as DfE's year (1 April to 31 March) is.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

-- [first day of the month 11 months earlier, M]; daterange shows [a, b + 1).
SELECT rolling_months('2025-03-31') AS dfe_year_2024_25,
       rolling_months('2025-02-28') AS to_feb_2025,       -- from 1 March 2024: 29 Feb 2024 is out
       rolling_months('2024-02-29') AS to_feb_2024,       -- from 1 March 2023
       rolling_months('2025-03-31', 3) AS quarter,
       rolling_months('2025-03-31', 1) AS one_month,
       rolling_months('2025-03-15') AS to_date;           -- not a month end: 12 months to date

CREATE TABLE referrals (child text, team text, referral_date date);
INSERT INTO referrals VALUES
  ('amy',  'north', '2023-01-10'), ('amy', 'north', '2024-01-10'), ('amy', 'north', '2025-06-01'),
  ('amy',  'north', '2025-06-01'), ('amy', 'north', '2025-07-01'),
  ('ben',  'south', '2024-02-29'), ('ben', 'south', '2025-02-28'),
  ('cat',  'south', '2023-02-28'), ('cat', 'south', '2024-02-29'),
  ('dan',  'north', '2024-01-01'), ('dan', 'north', '2024-03-01'), ('dan', 'north', '2024-05-01'),
  ('eve',  'north', '2023-12-01'), ('eve', 'north', '2024-04-15'),
  ('fay',  'south', '2024-06-30'), ('fay', 'south', NULL);
CREATE TABLE teams (team text);
INSERT INTO teams VALUES ('north'), ('south'), ('east');

-- Flags (rereferrals.sql): amy 2024-01-10 t, 2025-07-01 t; ben 2025-02-28 t;
-- cat 2024-02-29 t; dan 2024-03-01 t, 2024-05-01 t; eve 2024-04-15 t; the rest f.
-- Overall, by hand:
--   2024-12-31 [2024-01-01, 2024-12-31]: amy 01-10 t, ben 02-29 f, cat 02-29 t, dan 01-01 f,
--              03-01 t, 05-01 t, eve 04-15 t, fay 06-30 f: 5 of 8 = 62.5
--   2025-01-31 [2024-02-01, ...]: less amy 01-10 (t) and dan 01-01 (f): 4 of 6 = 66.7
--   2025-02-28 [2024-03-01, ...]: less ben and cat's 29 Feb 2024 (f, t), plus ben 2025-02-28 (t):
--              4 of 5 = 80 (a window (M - 12 months, M] would keep 29 Feb: 5 of 7)
--   2025-03-31 [2024-04-01, ...]: less dan 03-01 (t): 3 of 4 = 75, DfE's 2024-25 figure
--   2025-04-30 [2024-05-01, ...]: less eve 04-15 (t): 2 of 3 = 66.7
-- By team at 2025-03-31: north dan 05-01 t, eve 04-15 t: 2 of 2; south fay f, ben t: 1 of 2;
-- east no referrals: NULL.  Teams in earlier months likewise.
WITH flagged AS (
  SELECT team, referral_date,
         is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS rereferral
  FROM referrals)
SELECT coalesce(g.team, 'all') AS team, s.month_end, s.part AS rereferrals, s.whole AS referrals,
       round(s.pct, 1) AS rolling_pct
FROM (SELECT t.team, rolling_pct_series(f.referral_date, f.rereferral, '2024-12-01', '2025-04-30') AS series
      FROM teams t LEFT JOIN flagged f USING (team)
      GROUP BY GROUPING SETS ((), (t.team))) g
CROSS JOIN LATERAL unnest(g.series) AS s
ORDER BY g.team NULLS FIRST, s.month_end;

-- The same figures as the join to month ends over rolling_months(), for
-- every month end, team and window length; and at 31 March, the same as
-- the financial year's referrals.
CREATE TABLE flagged AS
  SELECT team, referral_date,
         is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS rereferral
  FROM referrals;
WITH series AS (
  SELECT w.months, g.team, s.*
  FROM (VALUES (1), (3), (12), (24)) AS w (months),
       LATERAL (SELECT team, rolling_pct_series(referral_date, rereferral, '2023-01-01', '2025-12-31', w.months) AS x
                FROM flagged GROUP BY team) g,
       unnest(g.x) AS s),
joined AS (
  SELECT w.months, t.team, m.month_end, count(*) FILTER (WHERE f.rereferral) AS part,
         count(f.rereferral) AS whole, pct(f.rereferral) AS pct
  FROM (VALUES (1), (3), (12), (24)) AS w (months)
  CROSS JOIN month_ends('2023-01-01', '2025-12-31') AS m (month_end)
  CROSS JOIN (SELECT DISTINCT team FROM flagged) t
  LEFT JOIN flagged f ON f.team = t.team AND rolling_months(m.month_end, w.months) @> f.referral_date
  GROUP BY 1, 2, 3)
SELECT (SELECT count(*) FROM series) AS figures,
       (SELECT count(*) FROM (SELECT * FROM series EXCEPT SELECT * FROM joined) d) AS series_not_joined,
       (SELECT count(*) FROM (SELECT * FROM joined EXCEPT SELECT * FROM series) d) AS joined_not_series,
       (SELECT s.pct FROM (SELECT rolling_pct_series(referral_date, rereferral, '2025-03-31', '2025-03-31') AS x
                           FROM flagged) g, unnest(g.x) s)
         = (SELECT pct(rereferral) FROM flagged WHERE financial_year(referral_date) = '2024-25') AS march_is_dfe_year;

-- Edges: a period without a month end; a group with history only (every
-- figure NULL); NULL days and conditions are not counted; NULL period
-- arguments leave the row out (no row at all: NULL).  A reversed period
-- (from_date after to_date) is an error (below, with the misuse).
SELECT rolling_pct_series(referral_date, rereferral, '2024-04-10', '2024-04-29') AS no_month_end
FROM flagged;
SELECT s.* FROM (SELECT rolling_pct_series(d, c, '2025-01-31', '2025-02-28', 1) AS x
                 FROM (VALUES (date '2019-01-01', true), (NULL, true), ('2025-02-10', NULL)) v (d, c)) g,
                unnest(g.x) s;
SELECT rolling_pct_series(d, true, NULL, '2025-02-28') AS null_period,
       rolling_pct_series(d, true, '2025-01-01', '2025-02-28', NULL) AS null_months
FROM (VALUES (date '2025-01-10')) v (d);
SELECT s.* FROM (SELECT rolling_pct_series(d, c, '2025-01-31', '2025-01-31', 1) AS x
                 FROM (VALUES (date 'infinity', true), ('-infinity', true), ('2025-01-31', false)) v (d, c)) g,
                unnest(g.x) s;

-- Parallel partial aggregation (the combine function) gives the serial answer.
CREATE TABLE many AS
  SELECT date '2022-01-01' + (i * 7919) % 1500 AS d, i % 7 = 0 AS c, i % 3 AS grp
  FROM generate_series(1, 60000) i;
ANALYZE many;
CREATE TABLE serial AS
  SELECT grp, rolling_pct_series(d, c, '2023-01-31', '2025-12-31') AS x FROM many GROUP BY grp;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT grp, rolling_pct_series(d, c, '2023-01-31', '2025-12-31') FROM many GROUP BY grp;
SELECT count(*) AS groups, bool_and(p.x = s.x) AS parallel_equals_serial
FROM (SELECT grp, rolling_pct_series(d, c, '2023-01-31', '2025-12-31') AS x FROM many GROUP BY grp) p
JOIN serial s USING (grp);
RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather; RESET parallel_leader_participation;

-- Misuse.
\set VERBOSITY default
SELECT rolling_months('2025-03-31', 0);
SELECT rolling_months('infinity');
SELECT rolling_pct_series(referral_date, rereferral, '2024-05-01', '2024-04-30') AS reversed FROM flagged;
SELECT rolling_pct_series(referral_date, rereferral, '2024-04-01', '2025-03-31', 0) FROM flagged;
SELECT rolling_pct_series(referral_date, rereferral, '2024-04-01', '2025-03-31', 1201) FROM flagged;
SELECT rolling_pct_series(referral_date, rereferral, '-infinity', '2025-03-31') FROM flagged;
SELECT rolling_pct_series(referral_date, rereferral, '1900-01-01', '2025-03-31') FROM flagged;
SELECT rolling_pct_series(referral_date, rereferral, referral_date, '2025-03-31') FROM flagged;
SELECT rolling_pct_series_final('{1,2}');

-- The state, by hand: {from_date, to_date, months} as days from
-- 2000-01-01 (2025-01-31 is 9162, 2025-02-28 is 9190), then (true,
-- counted) for each counted month.  Month ends Jan and Feb 2025 with
-- 2-month windows count Dec 2024, Jan and Feb 2025: 3 months, 9 values.
-- Dec (1 of 2), Jan (0 of 1), Feb (3 of 4): the window at 31 Jan is Dec +
-- Jan, 1 of 3 = 33.33...%; at 28 Feb, Jan + Feb, 3 of 5 = 60%.
SELECT s.* FROM unnest(rolling_pct_series_final('{9162,9190,2,1,2,0,1,3,4}')) s;
-- The aggregate over those rows makes exactly that state.
SELECT rolling_pct_series(d, c, '2025-01-31', '2025-02-28', 2)
       = rolling_pct_series_final('{9162,9190,2,1,2,0,1,3,4}') AS same_as_by_hand
FROM (VALUES (date '2024-12-01', true), ('2024-12-31', false), ('2025-01-15', false),
             ('2025-02-01', true), ('2025-02-10', true), ('2025-02-28', true), ('2025-02-28', false)) v (d, c);
-- Combining doubles each count: 2 of 6 and 6 of 10, the same percentages.
SELECT s.* FROM unnest(rolling_pct_series_final(rolling_pct_series_combine(
    '{9162,9190,2,1,2,0,1,3,4}', '{9162,9190,2,1,2,0,1,3,4}'))) s;
-- Called directly, the transition function counts a row in its month
-- (2025-02-10: Feb, the 4th pair) of a copy of the state it is given.
SELECT rolling_pct_series_accum('{9162,9190,2,1,2,0,1,3,4}', '2025-02-10', false, '2025-01-31', '2025-02-28', 2);
-- Hostile states are errors naming the state, never a crash or a number.
SELECT rolling_pct_series_final('{9162,9190,2,1,2,-1,1,3,4}');      -- a negative count
SELECT rolling_pct_series_final('{9162,9190,2,1,2,0,1,5,4}');       -- more true than counted
SELECT rolling_pct_series_final('{9162,9190,2,1,2,0,1,3}');         -- one value short
SELECT rolling_pct_series_final('{99999999,9190,2,1,2,0,1,3,4}');   -- from_date past 9999
SELECT rolling_pct_series_final('{9162,9190,0}');                   -- a window of 0 months
SELECT rolling_pct_series_final('{9162,9190,2,0,9223372036854775807,0,1,0,0}');  -- counts overflow
SELECT rolling_pct_series_final('{{9162,9190},{2,0}}');             -- two dimensions
SELECT rolling_pct_series_final(ARRAY[9162,9190,2,1,2,0,1,3,NULL]); -- a NULL
SELECT rolling_pct_series_combine('{9162,9190,2,0,9223372036854775807,0,0,0,0}',
                                  '{9162,9190,2,0,1,0,0,0,0}');      -- the sum overflows
SELECT rolling_pct_series_combine('{9162,9190,2,1,2,0,1,3,4}',
                                  '{9162,9190,1,1,2,0,1}');          -- another period
SELECT rolling_pct_series_accum('{9162,9190,2,1,2,-1,1,3,4}', '2025-02-10', false, '2025-01-31', '2025-02-28', 2);
SELECT rolling_pct_series_accum('{9162,9190,2,1,2,0,1,3,4}', '2025-02-10', false, '2025-01-31', '2025-03-31', 2);

DROP TABLE referrals, teams, flagged, many, serial;
