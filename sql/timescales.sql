-- Statutory timescales and review chains.  Every expected value is worked
-- out by hand below from the regulations' wording (reg 28 and reg 33 of
-- the Care Planning, Placement and Case Review (England) Regulations 2010;
-- Working Together), counting working days on the calendar with GOV.UK's
-- England and Wales bank holidays (Good Friday 18 April, Easter Monday
-- 21 April, Early May 5 May, Spring 26 May 2025; Early May 6 May, Spring
-- 27 May 2024).  Months: the corresponding date, or the month's last day
-- when there is none.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
SET timezone = 'Europe/London';

-- The shipped catalogue.
SELECT code, amount, unit, source, shipped, owner IS NULL AS no_owner
FROM timescale ORDER BY code;
SELECT chain, step, timescale, after_months FROM timescale_chain ORDER BY chain, step;

-- Due dates.
SELECT due_date('lac_review_2', '2025-05-31') AS may31,      -- 31 August: the corresponding date
       due_date('lac_review_2', '2024-11-30') AS nov30,      -- 28 February 2025: no 30 February
       due_date('lac_review_2', '2023-11-30') AS nov30_leap, -- 29 February 2024
       due_date('cp_review_1', '2025-08-31') AS aug31,       -- 30 November
       due_date('cp_review_next', '2023-08-31') AS six_months; -- 29 February 2024
-- 15 working days from Wednesday 18 December 2024: 19, 20, 23, 24 (4),
-- 27, 30, 31 (7; 25 and 26 are holidays), 2, 3 January (9; 1 January is),
-- 6-10 (14), 13 (15).
SELECT due_date('icpc', '2024-12-18');
-- Becoming looked after on Saturday 19 April 2025, the Easter weekend:
-- day 1 is Tuesday 22 April; 22-25 (4), 28 April-2 May (9), 6-9 May (13;
-- 5 May is Early May), 12-16 (18), 19 (19), 20 May (20).  From Good Friday
-- the same: Saturday to Monday are not working days.
SELECT due_date('lac_review_1', '2025-04-19') AS from_saturday,
       due_date('lac_review_1', '2025-04-18') AS from_good_friday,
       working_days('2025-04-19', '2025-05-20') AS check_20;
-- Weeks: 7 days a week.  Placement on Monday 3 March: first visit by
-- Monday 10 March; 6 weeks after 29 December 2025: 9 February 2026.
SELECT due_date('lac_visit_1', '2025-03-03'), due_date('lac_visit_next', '2025-12-29');
-- Hours are elapsed time: 72 hours after 18:00 on Friday 28 March 2025
-- (GMT) is 18:00 UTC on Monday 31 March, 19:00 in British Summer Time
-- (the clocks went forward on 30 March).
SELECT due_time('return_interview', '2025-03-28 18:00');

-- Within or late.  ICPC due 13 January 2025 (above).
SELECT on_time('icpc', '2024-12-18'::date, '2025-01-13'::date) AS on_due_day,
       lateness('icpc', '2024-12-18'::date, '2025-01-13'::date) AS zero,
       on_time('icpc', '2024-12-18'::date, '2025-01-14'::date) AS next_day,
       lateness('icpc', '2024-12-18'::date, '2025-01-14'::date) AS one,
       -- held early, on Friday 20 December: 2 working days, 13 to spare
       lateness('icpc', '2024-12-18'::date, '2024-12-20'::date) AS early;
-- A finish before its start is an impossible row, never on time
-- (0.2.0 said on time, lateness -16): an error by default, NULL with
-- socialcare.impossible_rows = 'null' (sql/impossible_rows.sql).
SELECT on_time('icpc', '2025-01-13'::date, '2025-01-10'::date) AS before_start;
-- Working days count as working_days() does: from Friday 3 January 2025
-- the 20th working day is Friday 31 January; a review on Saturday 1
-- February is still 20 working days long (not late), Monday 3 February 21.
SELECT f, due_date('lac_review_1', '2025-01-03') AS due,
       on_time('lac_review_1', '2025-01-03'::date, f), lateness('lac_review_1', '2025-01-03'::date, f)
FROM unnest('{2025-01-31,2025-02-01,2025-02-03}'::date[]) AS f;
-- Months: late by calendar days after the due date (31 August + 2).
SELECT lateness('lac_review_2', '2025-05-31'::date, '2025-09-02'::date);
-- Hours: 30 minutes late is 0.5; 72 hours exactly is on time.
SELECT lateness('return_interview', '2025-03-28 18:00'::timestamptz, '2025-03-31 19:30'::timestamptz) AS half_hour,
       on_time('return_interview', '2025-03-28 18:00', '2025-03-31 19:00') AS exactly_72,
       on_time('return_interview', '2025-03-28 18:00', '2025-03-31 19:00:01') AS one_second_over;
-- Timestamps with a day timescale: their dates (unknown literals resolve
-- to timestamptz, with the same answer as dates).
SELECT on_time('icpc', '2024-12-18 09:00', '2025-01-13 23:59'),
       lateness('icpc', '2024-12-18 09:00', '2025-01-14 00:01');
-- Another calendar: Scotland has no Easter Monday, so 20 working days
-- from Saturday 19 April 2025 end a day earlier, on 19 May.
SELECT due_date('lac_review_1', '2025-04-19', 'scotland');

-------------------------------------------------------------------------
-- Chains
-------------------------------------------------------------------------
CREATE TABLE reviews (episode text, start date, review date);
INSERT INTO reviews VALUES
  -- A: looked after from Saturday 19 April 2025 (Easter weekend).
  ('A', '2025-04-19', '2025-05-20'),  -- due 20 May (above): 0
  ('A', '2025-04-19', '2025-08-21'),  -- due 20 August (3 months): 1 day late
  ('A', '2025-04-19', '2025-08-21'),  -- recorded twice: the same review
  ('A', '2025-04-19', '2026-02-10'),  -- due 21 February 2026 (6 months): held early, -11
  ('A', '2025-04-19', '2026-08-10'),  -- due 10 August (6 months from the early one): 0
  -- B: from Thursday 2 May 2024: 3 (1), 7-10 (5; 6 May Early May), 13-17
  -- (10), 20-24 (15), 28-31 (19; 27 May Spring), 3 June (20).
  ('B', '2024-05-02', '2024-05-31'),  -- due 3 June: 19 working days, -1
  ('B', '2024-05-02', '2024-09-02'),  -- due 31 August: 2 days late
  ('B', '2024-05-02', '2025-02-28'),  -- due 2 March 2025: -2
  ('B', '2024-05-02', NULL),          -- no date: NULL, not counted
  -- C: from Thursday 2 November 2023: 3 (1), 6-10 (6), 13-17 (11),
  -- 20-24 (16), 27-30 (20).
  ('C', '2023-11-02', '2023-11-30'),  -- due 30 November: 0
  ('C', '2023-11-02', '2024-03-01'),  -- due 29 February 2024: 1 day late
  -- D: from Monday 4 November 2024: 5-8 (4), 11-15 (9), 18-22 (14),
  -- 25-29 (19), 2 December (20).
  ('D', '2024-11-04', '2024-11-29'),  -- due 2 December: -1
  ('D', '2024-11-04', '2025-02-28');  -- 29 November + 3 months: 28 February 2025, 0
SELECT episode, review,
       chain_due('lac_review', review, start) OVER w AS due,
       chain_on_time('lac_review', review, start) OVER w AS on_time,
       chain_lateness('lac_review', review, start) OVER w AS lateness
FROM reviews
WINDOW w AS (PARTITION BY episode ORDER BY review)
ORDER BY episode, review;

-- Child protection reviews: ICPC on Thursday 31 August 2023; first review
-- within 3 months: 30 November (no 31 November); then 6 months: 30 May
-- 2024; then from 31 May: 30 November 2024.
SELECT review, chain_due('cp_review', review, '2023-08-31') OVER w AS due,
       chain_lateness('cp_review', review, '2023-08-31') OVER w AS lateness
FROM unnest('{2023-11-30,2024-05-31,2024-11-29}'::date[]) AS review
WINDOW w AS (ORDER BY review);

-- Visits (reg 28(2)), placement from Monday 15 January 2024 intended to
-- last until 18: within a week (22 January), then every 6 weeks in the
-- first year (1 March + 42 days = 12 April; 12 April + 42 = 24 May, so 10
-- January 2025 is 231 days late; 10 January + 42 = 21 February); once the
-- previous visit is after the first anniversary (15 January 2025), every 3
-- months: 21 February + 3 months = 21 May.  Under the plain chain the
-- last visit is due 6 weeks after 21 February, 4 April: 47 days late.
SELECT visit,
       chain_due('lac_visit_long_term', visit, '2024-01-15') OVER w AS long_term_due,
       chain_lateness('lac_visit_long_term', visit, '2024-01-15') OVER w AS long_term_late,
       chain_due('lac_visit', visit, '2024-01-15') OVER w AS due,
       chain_lateness('lac_visit', visit, '2024-01-15') OVER w AS late
FROM unnest('{2024-01-22,2024-03-01,2024-04-12,2025-01-10,2025-02-21,2025-05-21}'::date[]) AS visit
WINDOW w AS (ORDER BY visit);

-- As at a date: the next review.  Episode C held 2 reviews, the last on
-- 1 March 2024: the next is due 1 September 2024.  It ended on 30 June
-- 2024, before the review fell due: not overdue at its end.  None held
-- yet: the first is due 20 working days from the start.
SELECT chain_next_due('lac_review', '2023-11-02', 2, '2024-03-01') AS c_next,
       chain_overdue('lac_review', '2023-11-02', 2, '2024-03-01', '2024-06-30') AS c_at_end,
       chain_overdue('lac_review', '2023-11-02', 2, '2024-03-01', '2024-09-01') AS on_due_day,
       chain_overdue('lac_review', '2023-11-02', 2, '2024-03-01', '2024-09-02') AS day_after,
       chain_next_due('lac_review', '2025-04-19', 0, NULL) AS first_due,
       chain_overdue('lac_review', '2025-04-19', 0, NULL, '2025-05-21') AS first_overdue,
       chain_next_due('lac_review', '2025-04-19', 3, NULL) AS unknown_last;
-- However many reviews were held (the largest bigint too), the next is
-- the 6-monthly one: 1 March 2024 + 6 months = 1 September 2024.
SELECT chain_next_due('lac_review', '2023-11-02', 9223372036854775807, '2024-03-01') AS after_all,
       chain_overdue('lac_review', '2023-11-02', 9223372036854775807, '2024-03-01', '2024-09-02') AS day_after;

-------------------------------------------------------------------------
-- Local standards and "as at month end" compliance (seed KPIs 6 and 8)
-------------------------------------------------------------------------
INSERT INTO timescale (code, description, amount, unit, from_event, to_event, reference)
VALUES ('cp_visit', 'Child protection visit', 10, 'working days', 'plan start or previous visit', 'visit', 'Local procedure'),
       ('supervision', 'Case supervision', 4, 'weeks', 'plan start or previous supervision', 'supervision', 'Local procedure'),
       ('cin_visit', 'Child in need visit', 28, 'calendar days', 'previous visit', 'visit', 'Local procedure');
INSERT INTO timescale_chain (chain, step, timescale, description)
VALUES ('cp_visit', 1, 'cp_visit', 'CP visits every 10 working days'),
       ('supervision', 1, 'supervision', 'Supervision every 4 weeks');
SELECT code, source, shipped, owner::text = current_user AS mine FROM timescale WHERE NOT shipped ORDER BY code;
SELECT due_date('cin_visit', '2025-01-31');   -- 28 days: 28 February

CREATE TABLE plans (child text, plan_start date, plan_end date);
CREATE TABLE visits (child text, visit_date date);
INSERT INTO plans VALUES ('e1', '2024-12-02', NULL), ('e2', '2025-01-02', NULL),
                         ('e3', '2025-01-27', NULL), ('e4', '2024-11-01', '2025-01-15');
INSERT INTO visits VALUES ('e1', '2024-12-12'), ('e1', '2025-01-20'), ('e2', '2025-01-10'),
                          ('e4', '2024-11-05'), ('e2', '2025-02-03');
-- At 31 January 2025: e1's last visit 20 January, next due 3 February
-- (21-24 is 4, 27-31 is 9, 3 February 10): not overdue.  e2's last
-- (10 January) was due again by 24 January: overdue (its 3 February visit
-- is after the month end).  e3 started 27 January, first visit due 10
-- February: not overdue.  e4 closed on 15 January: not open.  2 of 3:
-- 66.7%.  At 28 February: e1 (due 3 February) and e3 (due 10 February)
-- are overdue; e2's 3 February visit is due again 17 February: overdue.
SELECT m.month_end, count(*) AS open_plans,
       count(*) FILTER (WHERE NOT chain_overdue('cp_visit', p.plan_start, v.held, v.last_visit, m.month_end)) AS in_time,
       round(pct(NOT chain_overdue('cp_visit', p.plan_start, v.held, v.last_visit, m.month_end)), 1) AS pct_in_time
FROM month_ends('2025-01-01', '2025-02-28') AS m (month_end)
JOIN plans p ON p.plan_start <= m.month_end AND (p.plan_end IS NULL OR p.plan_end > m.month_end)
CROSS JOIN LATERAL (SELECT count(*) AS held, max(visit_date) AS last_visit
                    FROM visits v WHERE v.child = p.child AND v.visit_date <= m.month_end) AS v
GROUP BY m.month_end ORDER BY m.month_end;

-- A local row is used at once after a change in the same session.
SELECT due_date('cp_visit', '2025-01-20');
UPDATE timescale SET amount = 5 WHERE code = 'cp_visit';
SELECT due_date('cp_visit', '2025-01-20');   -- 5 working days: 27 January
-- Other roles read local rows but cannot change them (socialcare.row_owner()).
-- They add rows of their own.
CREATE ROLE regress_timescale_other;
GRANT USAGE ON SCHEMA socialcare TO regress_timescale_other;
SET ROLE regress_timescale_other;
SELECT count(*) AS reads, due_date('cp_visit', '2025-01-20') AS uses FROM timescale WHERE code = 'cp_visit';
UPDATE timescale SET amount = 1 WHERE code = 'cp_visit';
DELETE FROM timescale_chain WHERE chain = 'cp_visit';
INSERT INTO timescale (code, description, amount, unit, from_event, to_event)
VALUES ('other_visit', 'Their visit', 2, 'weeks', 'visit', 'visit');
SELECT code, owner FROM timescale WHERE code = 'other_visit';
DELETE FROM timescale WHERE code = 'other_visit';
RESET ROLE;
SELECT amount FROM timescale WHERE code = 'cp_visit';
REVOKE USAGE ON SCHEMA socialcare FROM regress_timescale_other;
DROP ROLE regress_timescale_other;

-------------------------------------------------------------------------
-- Bad input
-------------------------------------------------------------------------
\set VERBOSITY default
SELECT due_date('icpc_15', '2025-01-01');
SELECT chain_due('lac_reviews', d, d) OVER () FROM (VALUES (date '2025-01-01')) AS t (d);
INSERT INTO timescale (code, description, amount, unit, from_event, to_event)
VALUES ('negative', 'Negative', -3, 'weeks', 'a', 'b');
INSERT INTO timescale (code, description, amount, unit, from_event, to_event)
VALUES ('fortnight', 'Fortnight', 2, 'fortnights', 'a', 'b');
UPDATE timescale SET amount = 20 WHERE code = 'icpc';
DELETE FROM timescale WHERE code = 'lac_review_1';
TRUNCATE timescale_chain;
INSERT INTO timescale (code, description, amount, unit, from_event, to_event, shipped)
VALUES ('sneaky', 'Sneaky', 1, 'weeks', 'a', 'b', true);
INSERT INTO timescale_chain (chain, step, timescale) VALUES ('lac_review', 4, 'lac_review_next');
SELECT due_date('return_interview', '2025-01-01');
SELECT on_time('return_interview', '2025-01-01'::date, '2025-01-02'::date);
SELECT due_time('icpc', '2025-01-01 10:00');
SELECT on_time('return_interview', '-infinity', '2025-01-02 10:00');
SELECT due_date('icpc', '2199-12-20');
SELECT lateness('icpc', '1960-01-01'::date, '2025-01-02'::date);
-- Timestamps outside the calendar are named as given, not as their dates.
SELECT lateness('icpc', '1960-01-01 09:00'::timestamptz, '2025-01-02 10:00'::timestamptz);
SELECT on_time('icpc', '2025-01-02 10:00', '2200-01-01 00:30');
-- 72 hours after a start 2 days before the last time PostgreSQL stores.
SELECT due_time('return_interview', '294276-12-30 00:00');
SELECT review, chain_due('lac_review', review, '2025-01-01') OVER (ORDER BY review DESC)
FROM unnest('{2025-01-20,2025-03-01}'::date[]) AS review;
SELECT chain_due('lac_review', '2024-12-31', '2025-01-01') OVER ();
SELECT chain_next_due('lac_review', '2025-01-01', -1, NULL);
INSERT INTO timescale_chain (chain, step, timescale) VALUES ('missing', 1, 'return_interview');
SELECT chain_next_due('missing', '2025-01-01', 0, NULL);
DELETE FROM timescale_chain WHERE chain = 'missing';
INSERT INTO timescale_chain (chain, step, timescale) VALUES ('gappy', 2, 'cp_visit');
SELECT chain_next_due('gappy', '2025-01-01', 0, NULL);
DELETE FROM timescale_chain WHERE chain = 'gappy';
-- NULL in, NULL out.
SELECT due_date(NULL, '2025-01-01'), on_time('icpc', NULL::date, '2025-01-01'),
       chain_overdue('lac_review', '2025-01-01', 1, '2025-01-20', NULL);
DROP TABLE reviews, plans, visits;
DELETE FROM timescale_chain WHERE NOT shipped;
DELETE FROM timescale WHERE NOT shipped;
