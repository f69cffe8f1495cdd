-- Repeat child protection plans, plan durations, placements in the year
-- and "as at" snapshots of open episodes, checked by hand against DfE's
-- definitions (LAIT dictionary / CIN census tables D3-D7, CLA placement
-- stability).
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

CREATE TABLE plans (child text, start_date date, end_date date, note text);
INSERT INTO plans VALUES
  ('ann', '2019-05-01', '2019-12-01', 'first'),
  ('ann', '2021-11-30', '2022-06-01', 'ever; 2021-11-30 - 24 months = 2019-11-30 <= end 2019-12-01: within'),
  ('ann', '2024-06-02', NULL,         'ever; 2024-06-02 - 24 months = 2022-06-02 > end 2022-06-01: not within'),
  ('bob', '2020-01-01', '2021-02-28', 'first'),
  ('bob', '2023-02-28', '2023-08-01', '2023-02-28 - 24 months = 2021-02-28 = the end: within (boundary counts)'),
  ('cas', '2021-01-01', '2022-02-28', 'first'),
  ('cas', '2024-02-29', '2024-03-01', '29 Feb 2024 - 24 months = 28 Feb 2022 (clamped) = the end: within'),
  ('dee', '2024-01-01', '2024-02-01', 'first'),
  ('dee', '2024-01-01', '2024-03-01', 'same start date: a duplicate, not a repeat'),
  ('eli', '2023-01-01', NULL,         'first, still open'),
  ('eli', '2024-01-01', '2024-05-01', 'an earlier plan still open: within'),
  ('fin', '2018-01-01', '2023-12-31', 'first, long'),
  ('fin', '2019-06-01', '2019-07-01', 'ever; the latest end of earlier plans is 2023-12-31: within'),
  ('fin', '2025-06-01', NULL,         'ever; 2025-06-01 - 24 months = 2023-06-01 <= 2023-12-31: within'),
  ('gus', NULL,         NULL,         'no start date: no answer');

SELECT child, start_date, end_date,
       is_repeat_plan(start_date) OVER w AS dfe_ever,
       is_repeat_plan(start_date, end_date, '24 months') OVER w AS within_2_years,
       note
FROM plans
WINDOW w AS (PARTITION BY child ORDER BY start_date)
ORDER BY child, start_date, end_date;

-- DfE's repeat plan percentage for plans starting in 2023-24 (1 April 2023
-- to 31 March 2024): ann none; bob 2023-02-28 is before; cas 2024-02-29
-- (repeat); dee 2024-01-01 twice (neither); eli 2024-01-01 (repeat):
-- 2 of 4 = 50%.
WITH p AS (SELECT *, is_repeat_plan(start_date) OVER (PARTITION BY child ORDER BY start_date) AS repeat_plan
           FROM plans)
SELECT count(*) AS plans_started, count(*) FILTER (WHERE repeat_plan) AS second_or_subsequent,
       round(pct(repeat_plan), 1) AS pct
FROM p WHERE financial_year(start_date) = '2023-24';

-- Durations.  DfE: "more than 729 calendar days including days of
-- cessation".  From 1 April 2021 (no 29 February up to 2023): 31 March
-- 2023 is day 730 counting both ends, so 2 years; 30 March 2023 is 729,
-- not.  From 1 April 2023 the span holds 29 February 2024: 30 March 2025
-- is already day 730 (2 years before the calendar anniversary), 29 March
-- is 729.
SELECT s, e, lasted_days(s, e) AS days, lasted_two_years_or_more(s, e) AS two_years_or_more
FROM (VALUES (date '2021-04-01', date '2023-03-31'), ('2021-04-01', '2023-03-30'),
             ('2023-04-01', '2025-03-30'), ('2023-04-01', '2025-03-29'),
             ('2024-05-01', '2024-05-01')) AS t (s, e);

-- "3 months or less": the end on or before start + 3 calendar months.
-- 30 Nov 2024 + 3 months = 28 Feb 2025; 30 Nov 2023 + 3 months = 29 Feb 2024.
SELECT s, e, ended_within(s, e) AS within_3_months, ended_within(s, e, '6 months') AS within_6_months
FROM (VALUES (date '2024-11-30', date '2025-02-28'), ('2024-11-30', '2025-03-01'),
             ('2023-11-30', '2024-02-29'), ('2023-11-30', '2024-03-01'),
             ('2024-01-31', '2024-04-30'), ('2024-01-31', '2024-05-01'),
             ('2024-06-01', '2024-06-01'), ('2024-06-01', NULL)) AS t (s, e);

-- Plans ending in 2023-24: of those, how many lasted 3 months or less,
-- and 2 years or more (the D7 bands' two ends).
WITH ended AS (SELECT * FROM plans WHERE end_date BETWEEN '2023-04-01' AND '2024-03-31')
SELECT count(*) AS ended, count(*) FILTER (WHERE ended_within(start_date, end_date)) AS within_3_months,
       count(*) FILTER (WHERE lasted_two_years_or_more(start_date, end_date)) AS two_years_or_more
FROM ended;   -- bob 2023-08-01 (5 months), cas 2024-03-01 (1 day), dee 02-01 and 03-01, fin 2023-12-31 (6 years)

-- "As at": open at the end of the day.  An episode from 15 January to 31
-- March 2024 is open at the January and February month ends, not at 31
-- March (it ended that day); one starting on a month end is open at it.
SELECT m, open_at('2024-01-15', '2024-03-31', m) AS jan15_to_mar31,
       open_at('2024-01-31', NULL, m) AS from_jan31_open,
       open_at(NULL, '2024-01-20', m) AS unknown_start_ended_jan20
FROM month_ends('2023-12-01', '2024-04-30') AS m;

-- Plans open at each month end, in one query: ann's third from June 2024,
-- eli's first throughout, fin's first to 2023-12-31, and the short ones.
SELECT m.month_end, count(p.child) AS open_plans
FROM month_ends('2023-11-01', '2024-07-31') AS m (month_end)
LEFT JOIN plans p ON open_at(p.start_date, p.end_date, m.month_end)
GROUP BY m.month_end ORDER BY m.month_end;

-- Placements during the year to 31 March 2025 (DfE: those open on 1 April
-- or starting in the year, of 24 hours or more).  Moves share the day.
CREATE TABLE placements (child text, start_date date, end_date date, note text);
INSERT INTO placements VALUES
  ('kim', '2023-09-01', '2024-03-31', 'moved on 31 March 2024, the year before: not counted'),
  ('kim', '2024-03-31', '2024-04-01', 'moved on 1 April 2024: open that day, counted'),
  ('kim', '2024-04-01', '2024-10-10', 'counted'),
  ('kim', '2024-10-10', NULL,         'counted: kim had 3'),
  ('lee', '2022-01-01', '2024-06-01', 'open on 1 April: counted'),
  ('lee', '2024-06-01', '2024-06-01', 'under 24 hours: not counted'),
  ('lee', '2024-06-01', '2025-03-31', 'counted'),
  ('lee', '2025-03-31', '2025-04-20', 'starts on 31 March: counted; lee had 3'),
  ('max', '2024-05-01', '2024-09-01', 'counted'),
  ('max', '2024-09-01', '2025-04-01', 'counted'),
  ('max', '2025-04-01', NULL,         'starts after the year: not counted; max had 2');
SELECT child, count(*) FILTER (WHERE placement_in_year(start_date, end_date, '2025-03-31')) AS placements,
       bool_or(open_at(start_date, end_date, '2025-03-31')) AS looked_after_at_31_march
FROM placements GROUP BY child ORDER BY child;

-- Misuse.
\set VERBOSITY default
SELECT lasted_days('2024-02-01', '2024-01-31');
SELECT lasted_two_years_or_more('2024-02-01', 'infinity');
SELECT ended_within('2024-02-01', '2024-03-01', '0 days');
SELECT ended_within('2024-02-01', '2024-03-01', '12 hours');
SELECT is_repeat_plan(s) OVER (ORDER BY s DESC) FROM (VALUES (date '2024-01-01'), ('2024-02-01')) AS t (s);
SELECT is_repeat_plan(s, e, '24 months') OVER (ORDER BY s) FROM (VALUES (date '2024-02-01', date '2024-01-01')) AS t (s, e);
SELECT is_repeat_plan(s, e, '-1 month') OVER (ORDER BY s)
FROM (VALUES (date '2024-01-01', date '2024-01-02'), ('2024-02-01', NULL)) AS t (s, e);
SELECT is_repeat_plan(s) OVER (ORDER BY s) FROM (VALUES (date 'infinity')) AS t (s);
-- A year ending at infinity or beyond the dates date arithmetic handles
-- is an error naming it; a NULL year_end gives NULL.
SELECT placement_in_year('2025-01-01', NULL, 'infinity');
SELECT placement_in_year('2025-01-01', NULL, date '5874897-12-31');
SELECT placement_in_year('2025-01-01', NULL, NULL);

DROP TABLE plans, placements;
