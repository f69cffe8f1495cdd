-- Timestamps in, everywhere a date goes in (issue 14): the timestamp and
-- timestamptz forms of the date functions, by the day rule (a timestamp
-- counts as its calendar date, a timestamptz as its calendar day in the
-- session's TimeZone), and age_at / under_18_at.  Values worked out by
-- hand in the comments (bank holidays from GOV.UK's list).
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
SET timezone = 'Europe/London';

-- Every public function, window function and aggregate taking a date has
-- a timestamp form (same volatility) and a timestamptz form (STABLE), with
-- the same strictness, result and parallel safety; on_time and lateness
-- keep their hours forms only; create_ssd_kpis's period bounds are dates
-- only (timestamp forms of it, every argument defaulted, would make
-- create_ssd_kpis('ssd') ambiguous).
WITH f AS (
  SELECT p.oid, p.proname, p.prokind, p.provolatile, p.proisstrict, p.proretset, p.prorettype, p.proparallel,
         array(SELECT unnest(p.proargtypes::oid[])) AS args
  FROM pg_proc p
  WHERE p.pronamespace = 'socialcare'::regnamespace AND 'date'::regtype = ANY (p.proargtypes::oid[])
    AND obj_description(p.oid, 'pg_proc') NOT LIKE '%(internal%'
    AND p.proname NOT IN ('on_time', 'lateness', 'create_ssd_kpis')
), forms AS (
  SELECT f.oid::regprocedure AS date_form, t.typ,
         (SELECT g.oid::regprocedure FROM pg_proc g
          WHERE g.pronamespace = 'socialcare'::regnamespace AND g.proname = f.proname
            AND array(SELECT unnest(g.proargtypes::oid[])) = array(SELECT CASE WHEN a = 'date'::regtype THEN t.typ ELSE a END
                                             FROM unnest(f.args) WITH ORDINALITY AS u (a, n) ORDER BY n)
            AND g.prokind = f.prokind AND g.proisstrict = f.proisstrict AND g.proretset = f.proretset
            AND g.prorettype = f.prorettype AND g.proparallel = f.proparallel
            -- (an aggregate has no volatility of its own: its transition functions do)
            AND g.provolatile = CASE WHEN t.typ = 'timestamptz'::regtype AND f.provolatile = 'i'
                                          AND f.prokind <> 'a' THEN 's'
                                     ELSE f.provolatile END
            AND obj_description(g.oid, 'pg_proc') LIKE 'The % form of %') AS other_form
  FROM f CROSS JOIN (VALUES ('timestamp'::regtype::oid), ('timestamptz'::regtype::oid)) AS t (typ)
)
SELECT count(*) AS forms_checked, count(*) FILTER (WHERE other_form IS NULL) AS missing,
       string_agg(date_form::text || ' as ' || typ::regtype::text, '; ') FILTER (WHERE other_form IS NULL) AS which
FROM forms;
-- 49 public objects taking a date (age_at and under_18_at among them), two forms each: 98
SELECT p.oid::regprocedure AS hours_forms FROM pg_proc p
WHERE p.proname IN ('on_time', 'lateness', 'due_time') AND p.pronamespace = 'socialcare'::regnamespace
  AND NOT 'date'::regtype = ANY (p.proargtypes::oid[])
ORDER BY 1::text;

-- Working days between timestamps across Christmas 2024 (England and
-- Wales): after Tuesday 24 December, up to Thursday 2 January: 25, 26
-- December and 1 January are bank holidays, 28-29 a weekend; working: 27,
-- 30, 31 December and 2 January = 4.  Plain subtraction gives 9 days.
-- In Scotland 2 January is a bank holiday too: 3.
SELECT working_days(timestamp '2024-12-24 09:00', timestamp '2025-01-02 17:00') AS ew,
       working_days(timestamp '2024-12-24 09:00', timestamp '2025-01-02 17:00', 'scotland') AS scotland,
       working_days(date '2024-12-24', date '2025-01-02') AS date_form,
       timestamp '2025-01-02 17:00'::date - timestamp '2024-12-24 09:00'::date AS calendar_days,
       working_days_inclusive(timestamp '2024-12-24 09:00', timestamp '2025-01-02 17:00') AS inclusive;
-- Easter 2025: Good Friday 18 April, Easter Monday 21 April: from Thursday
-- 17 April 16:00 to Tuesday 22 April 08:00, one working day (the 22nd).
SELECT working_days(timestamptz '2025-04-17 16:00+01', timestamptz '2025-04-22 08:00+01') AS easter;
-- The time of day does not count: 23:59 to 00:00 the next working day is 1.
SELECT working_days(timestamp '2025-01-06 23:59', timestamp '2025-01-07 00:00') AS one,
       working_days(timestamp '2025-01-07 00:00', timestamp '2025-01-07 23:59') AS zero;
SELECT add_working_days(timestamp '2024-12-24 18:00', 1) AS after_christmas,
       working_day_on_or_after(timestamp '2024-12-25 12:00') AS on_or_after,
       working_day_on_or_before(timestamptz '2025-01-01 12:00+00') AS on_or_before,
       is_working_day(timestamp '2024-12-25 12:00') AS christmas_day,
       is_working_day(timestamp '2024-12-27 12:00', 'england-and-wales') AS friday_27th;
SELECT * FROM bank_holidays(timestamp '2025-04-01 12:00', timestamp '2025-05-31 23:00');

-- timestamptz: the day in the session's TimeZone.  23:30 UTC on Sunday 30
-- June 2024 is 00:30 BST on Monday 1 July in London.
SELECT is_working_day(timestamptz '2024-06-30 23:30+00') AS london_monday,
       working_days(timestamptz '2024-06-28 12:00+00', timestamptz '2024-06-30 23:30+00') AS london_fri_to_mon;
SET timezone = 'UTC';
SELECT is_working_day(timestamptz '2024-06-30 23:30+00') AS utc_sunday,
       working_days(timestamptz '2024-06-28 12:00+00', timestamptz '2024-06-30 23:30+00') AS utc_fri_to_sun;
SET timezone = 'Europe/London';
-- In winter London is on UTC: the same day either way.
SELECT is_working_day(timestamptz '2024-12-29 23:30+00') AS sunday_in_winter;

-- Untyped literals resolve as before, without ambiguity: two literals take
-- the timestamptz form (PostgreSQL prefers timestamptz among date/time
-- types), whose result is the same day; a date column with a literal takes
-- the date form; mixed (timestamp, date) the timestamp form and
-- (timestamptz, timestamp) the timestamptz form.  Results and return types
-- as in 0.2.0: January 2024 after the 2nd up to 1 February is 22 working
-- days; 5 working days after Tuesday 2 January is Tuesday 9 January.
SELECT working_days('2024-01-02', '2024-02-01') AS literals,
       working_days(d, '2024-02-01') AS date_and_literal,
       working_days('2024-01-02', '2024-02-01', 'england-and-wales') AS with_calendar,
       add_working_days('2024-01-02', 5) AS added,
       pg_typeof(add_working_days('2024-01-02', 5)) AS added_type,
       rolling_months('2025-02-28') AS rolling,
       rolling_months('2025-02-15') AS to_date,
       financial_year('2024-04-01') AS fy, financial_year('2024-03-31') AS fy_before,
       financial_year_start('2025-03-31') AS fy_start,
       year_to_date('2025-01-31') AS ytd,
       is_working_day('2024-12-25') AS christmas
FROM (VALUES (date '2024-01-02')) AS t (d);
SELECT working_days(timestamp '2024-12-24 18:00', date '2024-12-27') AS ts_and_date,
       working_days(timestamptz '2024-12-24 18:00+00', timestamp '2024-12-27 09:00') AS tstz_and_ts,
       working_days(date '2024-12-24', timestamptz '2024-12-27 09:00+00') AS date_and_tstz;
CREATE TEMP VIEW call_shapes AS
SELECT working_days('2024-01-02', '2024-02-01') AS literals,
       working_days(d, '2024-02-01') AS date_and_literal,
       working_days(ts, d) AS ts_and_date,
       working_days(tz, ts) AS tstz_and_ts,
       add_working_days('2024-01-02', 5) AS added,
       financial_year(ts) AS fy,
       rolling_months(d) AS rolling
FROM (VALUES (date '2024-01-02', timestamp '2024-01-02 10:00', timestamptz '2024-01-02 10:00+00')) AS t (d, ts, tz);
SELECT pg_get_viewdef('call_shapes'::regclass, true);
-- on_time and lateness given timestamps still resolve to their timestamptz
-- forms, unchanged (lateness numeric there, integer in the date form).
-- ICPC 15 working days after Monday 6 January 2025: Monday 27 January.
SELECT pg_typeof(lateness('icpc', timestamp '2025-01-06 10:00', timestamp '2025-01-28 10:00')) AS lateness_type,
       on_time('icpc', timestamp '2025-01-06 10:00', timestamp '2025-01-27 10:00') AS on_time_15th;
-- A literal beyond the timestamp range (294276 AD) is now refused as a
-- timestamptz before the call; typed as a date it meets the date form's check.
SELECT working_day_on_or_after('300000-01-01');
SELECT working_day_on_or_after(date '300000-01-01');
-- Infinite timestamps meet the date forms' errors.
SELECT working_days(timestamp 'infinity', timestamp '2025-01-01');
SELECT financial_year(timestamptz '-infinity');

-- The SQL forms are inlined: the plan calls the date form on casts.
EXPLAIN (VERBOSE, COSTS OFF)
SELECT working_days(t, t + interval '3 days'), financial_year(t), age_at(t, t + interval '20 years')
FROM generate_series(timestamp '2024-01-01', '2024-01-03', '1 day') AS t;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT working_days(t, t + interval '3 days') FROM generate_series(timestamptz '2024-01-01', '2024-01-03', '1 day') AS t;

-- Reporting periods on timestamps.
SELECT financial_year(timestamp '2025-03-31 23:59') AS fy_last_minute,
       financial_year(timestamp '2025-04-01 00:00') AS fy_first_minute,
       financial_year_start(timestamptz '2025-03-31 23:30+00') AS bst_already_april,
       year_to_date(timestamp '2025-01-31 12:00') AS ytd,
       reporting_date(timestamp '2024-05-06 10:00') AS reporting,
       rolling_months(timestamp '2025-02-28 18:00') AS rolling,
       rolling_months(timestamptz '2025-02-28 23:30+00', 3) AS rolling_3;
SELECT * FROM month_ends(timestamp '2024-01-15 08:00', timestamp '2024-04-10 08:00');
-- 31 March 2024 23:30 UTC is 1 April 00:30 BST: no month end in London
SELECT count(*) AS london FROM month_ends(timestamptz '2024-03-31 23:30+00', timestamptz '2024-04-29 12:00+00');
SELECT count(*) AS april_month_end FROM month_ends(timestamptz '2024-03-31 23:30+00', timestamptz '2024-04-30 12:00+00');

-- Episodes and durations on timestamps.
SELECT lasted_days(timestamp '2024-01-01 23:00', timestamp '2024-01-02 01:00') AS two_days,
       -- 2023-12-30 - 2022-01-01 = 728 days (729 counted): no; 2023-12-31: 730 counted, yes
       lasted_two_years_or_more(timestamp '2022-01-01 09:00', timestamp '2023-12-30 23:00') AS counted_729,
       lasted_two_years_or_more(timestamp '2022-01-01 09:00', timestamp '2023-12-31 08:00') AS counted_730,
       ended_within(timestamp '2023-11-30 10:00', timestamp '2024-02-29 23:00') AS three_months,
       open_at(timestamp '2024-01-01 10:00', timestamp '2024-03-31 09:00', timestamp '2024-03-31 23:00') AS ended_that_day,
       open_during(timestamp '2024-01-01 10:00', NULL, timestamp '2023-12-01 00:00', timestamp '2024-01-01 00:00') AS started_last_day,
       placement_in_year(timestamp '2024-04-01 10:00', NULL, timestamp '2025-03-31 00:00') AS in_year;
SELECT due_date('icpc', timestamp '2024-12-20 15:00') AS icpc_due,
       due_date('cp_review_1', timestamptz '2023-08-31 23:30+00') AS review_due_london,
       chain_next_due('cp_review', timestamp '2023-08-31 11:00', 1, timestamp '2023-11-30 15:00') AS next_review,
       chain_overdue('cp_review', timestamp '2023-08-31 11:00', 1, timestamp '2023-11-30 15:00',
                     timestamp '2024-05-31 09:00') AS overdue_31_may;

-- Window functions over timestamp columns.
CREATE TEMP TABLE referrals (child text, at timestamp, tz timestamptz);
INSERT INTO referrals VALUES
  ('a', '2023-03-01 10:00', '2023-03-01 10:00+00'),  -- first: false
  ('a', '2024-03-01 09:00', '2024-03-01 09:00+00'),  -- exactly 12 months (boundary counts): true
  ('a', '2024-03-01 15:00', '2024-03-01 15:00+00'),  -- same day, earlier referral 2023-03-01 within: true
  ('a', '2025-03-02 08:00', '2025-03-02 08:00+00'),  -- 2025-03-02 - 12 months = 2024-03-02 > 2024-03-01: false
  ('b', '2024-02-29 23:30', '2024-02-29 23:30+00'),
  ('b', '2025-02-28 12:00', '2025-02-28 12:00+00');  -- 2025-02-28 - 12 months = 2024-02-28 <= 29 Feb: true
SELECT child, at, is_rereferral(at) OVER w AS ts_form, is_rereferral(tz) OVER w AS tstz_form,
       is_rereferral(at::date) OVER w AS date_form,
       is_rereferral(at, '12 months', true) OVER w AS same_day_counts
FROM referrals WINDOW w AS (PARTITION BY child ORDER BY at) ORDER BY child, at;

CREATE TEMP TABLE plans (child text, start_at timestamp, end_at timestamp);
INSERT INTO plans VALUES
  ('c', '2020-01-01 10:00', '2020-06-01 10:00'),
  ('c', '2022-05-31 09:00', NULL),   -- 2022-05-31 - 24 months = 2020-05-31 <= end 2020-06-01: within
  ('d', '2020-01-01 10:00', '2020-05-30 10:00'),
  ('d', '2022-05-31 09:00', NULL);   -- 2020-05-31 > 2020-05-30: a repeat, not within 2 years
SELECT child, start_at, is_repeat_plan(start_at) OVER w AS ever,
       is_repeat_plan(start_at, end_at, '24 months') OVER w AS within_2y,
       is_repeat_plan(start_at::timestamptz, end_at::timestamptz, '24 months') OVER w AS within_2y_tstz
FROM plans WINDOW w AS (PARTITION BY child ORDER BY start_at) ORDER BY child, start_at;

-- Child protection reviews, ICPC 31 August 2023 (as in the timescales test):
-- due 30 November 2023, 30 May 2024, 30 November 2024.
SELECT review, chain_due('cp_review', review, timestamp '2023-08-31 11:00') OVER w AS due,
       chain_lateness('cp_review', review, timestamp '2023-08-31 11:00') OVER w AS lateness,
       chain_on_time('cp_review', review::timestamptz, timestamptz '2023-08-31 11:00+01') OVER w AS on_time
FROM unnest('{2023-11-30 14:00,2024-05-31 10:00,2024-11-29 16:00}'::timestamp[]) AS review
WINDOW w AS (ORDER BY review);

SELECT month, value, previous_value(value, month) OVER w AS previous,
       previous_average(value, month, 2) OVER w AS average_2,
       previous_value(value, month::timestamptz) OVER w AS previous_tstz
FROM (VALUES (timestamp '2024-01-31 00:00', 10.0), ('2024-02-29 12:00', 20.0), ('2024-03-31 23:59', 30.0)) AS t (month, value)
WINDOW w AS (ORDER BY month);

-- rolling_pct_series over timestamps, one-month windows: March has the
-- 10th (true) and the 31st 23:59 (false): 50%; April the 1st 00:00
-- (true): 100%.  As timestamptz in London, 31 March 23:30 UTC is 1 April.
CREATE TEMP TABLE events (at timestamp, tz timestamptz, ok boolean);
INSERT INTO events VALUES
  ('2024-03-10 10:00', '2024-03-10 10:00+00', true),
  ('2024-03-31 23:59', '2024-03-31 23:30+00', false),
  ('2024-04-01 00:00', '2024-04-01 12:00+00', true);
SELECT (unnest(rolling_pct_series(at, ok, '2024-03-31', '2024-04-30', 1))).* FROM events;
SELECT (unnest(rolling_pct_series(tz, ok, '2024-03-31', '2024-04-30', 1))).* FROM events;
SET timezone = 'UTC';
SELECT (unnest(rolling_pct_series(tz, ok, '2024-03-31', '2024-04-30', 1))).* FROM events;
SET timezone = 'Europe/London';
-- 12-month windows, the 4-argument form: both months' rows in April's window
SELECT (unnest(rolling_pct_series(at, ok, timestamp '2024-04-30 00:00', timestamp '2024-04-30 00:00'))).* FROM events;
-- The transition function called directly, as Citus calls it (no fn_expr)
SELECT rolling_pct_series_final(rolling_pct_series_accum(rolling_pct_series_accum(NULL, timestamp '2024-03-10 10:00',
         true, timestamp '2024-03-31 10:00', timestamp '2024-03-31 11:00', 1),
         timestamptz '2024-03-11 10:00+00', false, timestamptz '2024-03-31 00:00+00', timestamptz '2024-03-31 00:00+00', 1)::bigint[]);

-- age_at and under_18_at.  Born 29 February 2008: 17 on 28 February 2026,
-- 18 on 1 March 2026 (a common year: England and Wales); 4 on 29 February
-- 2012.  Born 10 May 2007: under 18 on 9 May 2025, not on 10 May 2025.
SELECT age_at('2008-02-29', '2026-02-28') AS feb_28, age_at('2008-02-29', '2026-03-01') AS mar_1,
       age_at(date '2008-02-29', date '2012-02-29') AS leap_day,
       under_18_at('2008-02-29', '2026-02-28') AS u18_feb_28, under_18_at('2008-02-29', '2026-03-01') AS u18_mar_1,
       under_18_at(date '2007-05-10', date '2025-05-09') AS day_before_18th,
       under_18_at(date '2007-05-10', date '2025-05-10') AS on_18th,
       age_at(date '2007-05-10', date '2007-05-10') AS day_of_birth;
SELECT age_at(timestamp '2008-02-29 23:59', timestamp '2026-03-01 00:00') AS ts_18,
       age_at(timestamp '2008-02-29 00:00', timestamp '2026-02-28 23:59') AS ts_17,
       under_18_at(timestamp '2007-05-10 12:00', timestamp '2025-05-09 23:59') AS ts_u18,
       -- 23:30 UTC on 9 May 2025 is 00:30 BST on the 10th, the 18th birthday
       age_at(date '2007-05-10', timestamptz '2025-05-09 23:30+00') AS london_18,
       under_18_at(date '2007-05-10', timestamptz '2025-05-09 23:30+00') AS london_u18;
SET timezone = 'UTC';
SELECT age_at(date '2007-05-10', timestamptz '2025-05-09 23:30+00') AS utc_17,
       under_18_at(date '2007-05-10', timestamptz '2025-05-09 23:30+00') AS utc_u18;
SET timezone = 'Europe/London';
SELECT age_at(NULL, date '2025-01-01') AS null_birth, under_18_at(date '2007-05-10', NULL::timestamp) AS null_day;
-- A day before the birth: an error, or NULL as the other impossible rows.
SELECT age_at('2010-06-15', '2010-06-14');
SELECT under_18_at(timestamp '2010-06-15 09:00', timestamp '2010-06-14 09:00');
SELECT age_at('infinity', '2010-06-14');
SET socialcare.impossible_rows = 'null';
SELECT age_at('2010-06-15', '2010-06-14') AS age_null, under_18_at(timestamp '2010-06-15 09:00', timestamp '2010-06-14 09:00') AS u18_null;
RESET socialcare.impossible_rows;
-- Whole years, every 5th day of 2010-2030, for births on 29 February 2008
-- and 10 May 2007, against the birthdays written out: the n-th is
-- make_date(birth year + n, month, day), 1 March where that year has no 29
-- February; the age is the largest n whose birthday is on or before the day.
SELECT count(*) AS days_checked,
       count(*) FILTER (WHERE age_at(b, d) IS DISTINCT FROM
         (SELECT max(n) FROM generate_series(0, 30) AS n
          WHERE CASE WHEN extract(month FROM b) = 2 AND extract(day FROM b) = 29
                       AND extract(day FROM make_date(extract(year FROM b)::int + n, 3, 1) - 1) = 28
                     THEN make_date(extract(year FROM b)::int + n, 3, 1)
                     ELSE make_date(extract(year FROM b)::int + n, extract(month FROM b)::int, extract(day FROM b)::int)
                END <= d)) AS wrong,
       count(*) FILTER (WHERE under_18_at(b, d) IS DISTINCT FROM (age_at(b, d) < 18)) AS u18_wrong
FROM (VALUES (date '2008-02-29'), (date '2007-05-10')) AS births (b),
     generate_series(date '2010-01-01', date '2030-12-31', interval '5 days') AS g (gd),
     LATERAL (SELECT gd::date AS d) AS x;
