-- Impossible rows (a finish before its start, an event before its
-- episode's start, an end before its start): one policy for every function
-- that can meet one, chosen by socialcare.impossible_rows: 'error' (the
-- default) names the dates and says how to fix them; 'null' gives NULL for
-- that row, which pct() and count() leave out.  Values worked by hand in the
-- comments.  Also reversed from/to periods (always an error) and
-- rolling_months on a day that is not a month end.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
SET timezone = 'UTC';
\set VERBOSITY default

-- 'error', the default: each names the function, both values, and the hint
-- the fix and the setting.
SELECT on_time('assessment', '2025-03-10'::date, '2025-03-01'::date);
SELECT lateness('assessment', '2025-03-10'::date, '2025-03-01'::date);
SELECT on_time('assessment', '2025-03-10'::date, '2025-03-01'::date, 'scotland');
-- timestamps: a finish an hour before the start, on the same day, is impossible too
SELECT on_time('icpc', '2025-01-13 10:00'::timestamptz, '2025-01-13 09:00'::timestamptz);
SELECT lateness('icpc', '2025-01-13 10:00'::timestamptz, '2025-01-13 09:00'::timestamptz);
SELECT on_time('return_interview', '2025-01-10 12:00'::timestamptz, '2025-01-10 11:00'::timestamptz);
SELECT lateness('return_interview', '2025-01-10 12:00'::timestamptz, '2025-01-10 11:00'::timestamptz);
SELECT lasted_days('2024-06-01', '2024-05-01');
SELECT lasted_two_years_or_more('2024-06-01', '2024-05-01');
SELECT ended_within('2024-06-01', '2024-05-01');
SELECT is_repeat_plan(s, e, '24 months') OVER (ORDER BY s)
FROM (VALUES (date '2024-06-01', date '2024-05-01')) AS t (s, e);
SELECT chain_due('lac_review', '2024-12-31', '2025-01-01') OVER ();
SELECT chain_on_time('lac_review', '2024-12-31', '2025-01-01') OVER ();
SELECT chain_lateness('lac_review', '2024-12-31', '2025-01-01') OVER ();
SELECT chain_next_due('lac_review', '2025-01-01', 2, '2024-12-01');
SELECT chain_overdue('lac_review', '2025-01-01', 2, '2024-12-01', '2025-06-30');
-- one bad row aborts the whole query by default
SELECT count(*) FILTER (WHERE on_time('icpc', s, f)) AS on_time
FROM (VALUES (date '2025-01-02', date '2025-01-10'), ('2025-01-13', '2025-01-10')) AS t (s, f);

-- A start and finish on the same day are possible: on time, and the margin.
-- icpc: 15 working days, the start is day 0, so -15; 72 hours from a start: -72.
SELECT on_time('icpc', '2025-01-13'::date, '2025-01-13'::date) AS same_day,
       lateness('icpc', '2025-01-13'::date, '2025-01-13'::date) AS minus_15,
       lateness('return_interview', '2025-01-10 12:00'::timestamptz, '2025-01-10 12:00'::timestamptz) AS minus_72,
       lasted_days('2024-06-01', '2024-06-01') AS one_day;
-- The setting (known once the module is loaded; SET works before that too).
SHOW socialcare.impossible_rows;

-- 'null': the same calls give NULL.
SET socialcare.impossible_rows = 'null';
SHOW socialcare.impossible_rows;
SELECT on_time('assessment', '2025-03-10'::date, '2025-03-01'::date) AS on_time,
       lateness('assessment', '2025-03-10'::date, '2025-03-01'::date) AS lateness,
       on_time('assessment', '2025-03-10'::date, '2025-03-01'::date, 'scotland') AS on_time_scotland,
       on_time('icpc', '2025-01-13 10:00'::timestamptz, '2025-01-13 09:00'::timestamptz) AS on_time_ts,
       lateness('icpc', '2025-01-13 10:00'::timestamptz, '2025-01-13 09:00'::timestamptz) AS lateness_ts,
       on_time('return_interview', '2025-01-10 12:00'::timestamptz, '2025-01-10 11:00'::timestamptz) AS on_time_hours,
       lateness('return_interview', '2025-01-10 12:00'::timestamptz, '2025-01-10 11:00'::timestamptz) AS lateness_hours;
SELECT lasted_days('2024-06-01', '2024-05-01') AS lasted_days,
       lasted_two_years_or_more('2024-06-01', '2024-05-01') AS two_years,
       ended_within('2024-06-01', '2024-05-01') AS ended_within,
       chain_next_due('lac_review', '2025-01-01', 2, '2024-12-01') AS next_due,
       chain_overdue('lac_review', '2025-01-01', 2, '2024-12-01', '2025-06-30') AS overdue;

-- pct() and count() leave the NULL row out: of icpc conferences started
-- 2 January 2025 (due the 15th working day after, 23 January: 3, 6-10,
-- 13-17, 20-23 January), one on the 10th (on time), one on the 24th (late),
-- one on 23 January (on time, the due day) and one impossible (finish 10
-- January before its start 13 January): 2 on time of 3, 66.67%, not 2 of 4.
SELECT count(*) AS rows, count(on_time('icpc', s, f)) AS counted,
       count(*) FILTER (WHERE on_time('icpc', s, f)) AS on_time,
       round(pct(on_time('icpc', s, f)), 2) AS pct_on_time,
       round(pct(x), 2) AS pct_of_true_false_null
FROM (VALUES (date '2025-01-02', date '2025-01-10', true), ('2025-01-02', '2025-01-24', false),
             ('2025-01-02', '2025-01-23', NULL), ('2025-01-13', '2025-01-10', NULL)) AS t (s, f, x);

-- is_repeat_plan: the impossible plan (2021, ending before it starts) gives
-- NULL and is no history for later plans.  Plan C starts 2022-09-01; minus
-- 24 months is 2020-09-01; plan A ended 2020-06-30, before: not within.
-- (Had plan B's end 2020-12-01 counted, C would be within.)  The one-date
-- form reads no end, so meets no impossible row: B and C are repeats.
SELECT note, is_repeat_plan(s) OVER w AS ever, is_repeat_plan(s, e, '24 months') OVER w AS within_2_years
FROM (VALUES ('A', date '2020-01-01', date '2020-06-30'), ('B', '2021-01-01', '2020-12-01'),
             ('C', '2022-09-01', NULL)) AS t (note, s, e)
WINDOW w AS (ORDER BY s) ORDER BY s;

-- Chains: the event before the episode (31 December 2024) gives NULL and is
-- no event; the others are measured as without it.  lac_review from
-- 1 January 2025 (a bank holiday, day 0): the first review within 20
-- working days, 29 January (2-3, 6-10, 13-17, 20-24, 27-29 January); the
-- review on 20 January is the 13th working day, 7 to spare; the second
-- within 3 months of it, 20 April; 1 March is 50 days early (30 days of
-- March after the 1st, 20 of April).
SELECT r, chain_due('lac_review', r, '2025-01-01') OVER w AS due,
       chain_on_time('lac_review', r, '2025-01-01') OVER w AS on_time,
       chain_lateness('lac_review', r, '2025-01-01') OVER w AS lateness
FROM unnest('{2024-12-31,2025-01-20,2025-03-01}'::date[]) AS r
WINDOW w AS (ORDER BY r) ORDER BY r;
-- and per episode: the other episode's rows are untouched
SELECT ep, r, chain_due('lac_review', r, st) OVER w AS due
FROM (VALUES (1, date '2025-01-01', date '2024-12-31'), (1, '2025-01-01', '2025-01-20'),
             (2, '2024-12-01', '2024-12-31'), (2, '2024-12-01', '2025-01-20')) AS t (ep, st, r)
WINDOW w AS (PARTITION BY ep ORDER BY r) ORDER BY ep, r;

-- Call errors are not impossible rows: still errors under 'null'.
SELECT is_repeat_plan(s) OVER (ORDER BY s DESC) FROM (VALUES (date '2024-01-01'), ('2024-02-01')) AS t (s);
SELECT review, chain_due('lac_review', review, '2025-01-01') OVER (ORDER BY review DESC)
FROM unnest('{2025-01-20,2025-03-01}'::date[]) AS review;
SELECT lasted_days('2024-06-01', 'infinity');
-- working_days stays arithmetic: negative for a finish before the start
-- (Friday 10 January is 1 working day before Monday 13)
SELECT working_days('2025-01-13', '2025-01-10') AS minus_1;

RESET socialcare.impossible_rows;
SET socialcare.impossible_rows = 'sometimes';

-- Reversed from/to periods: an error naming both, whatever the setting.
SELECT * FROM month_ends('2025-06-30', '2024-01-01');
SELECT count(*) FROM bank_holidays('2025-12-31', '2025-01-01', 'scotland');
SELECT open_during('2024-01-01', NULL, '2025-06-30', '2024-01-01');
SELECT rolling_pct_series(d, true, '2025-03-31', '2024-04-30')
FROM (VALUES (date '2024-06-01')) AS t (d);
-- a one-day period is a period
SELECT (SELECT array_agg(m) FROM month_ends('2025-01-31', '2025-01-31') AS m) AS one_month_end,
       (SELECT array_agg(name) FROM bank_holidays('2025-12-25', '2025-12-25')) AS christmas,
       open_during('2025-01-01', '2025-01-31', '2025-01-31', '2025-01-31') AS open_last_day;
-- NULL bounds stay NULL or empty, as before
SELECT count(*) FROM month_ends(NULL, '2025-01-31');
SELECT open_during('2024-01-01', '2024-02-01', NULL, '2024-01-15') AS null_from,
       open_during('2024-01-01', '2023-12-01', '2024-01-10', NULL) AS ended_before_from;

-- rolling_months: on a month end, whole calendar months; on another day the
-- months to date, [day - months + 1 day, day].
SELECT rolling_months('2025-02-15') AS to_15_feb_2025,      -- [2024-02-16, 2025-02-15]: 366 days, 29 Feb 2024 in
       rolling_months('2025-03-15') AS to_15_mar_2025,      -- [2024-03-16, 2025-03-15]
       rolling_months('2025-02-28') AS to_28_feb_2025,      -- month end: [2024-03-01, 2025-02-28], 29 Feb 2024 out
       rolling_months('2024-02-29') AS to_29_feb_2024,      -- month end: [2023-03-01, 2024-02-29]
       rolling_months('2024-02-28') AS to_28_feb_2024;      -- not a month end in 2024: 2023-02-28 + 1 = 1 March
SELECT rolling_months('2025-02-15', 3) AS quarter_to_15_feb,  -- 2024-11-15 + 1
       rolling_months('2025-03-29', 1) AS month_to_29_mar,    -- 29 Mar - 1 month = 28 Feb (clamped), + 1
       rolling_months('2025-01-30', 1) AS month_to_30_jan,    -- 30 Dec + 1
       rolling_months('2025-04-30', 1) AS april;              -- month end: April, not [31 Mar, 30 Apr]
SELECT upper(rolling_months('2025-02-15')) - lower(rolling_months('2025-02-15')) AS days_to_15_feb_2025,
       upper(rolling_months('2025-03-31')) - lower(rolling_months('2025-03-31')) AS days_dfe_year;
