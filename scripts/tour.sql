-- A short tour of socialcare's working-day functions.
\pset footer off
\echo
\echo '== socialcare: working days with UK bank holidays =='
CREATE EXTENSION IF NOT EXISTS socialcare;
SET search_path = socialcare, public;

\echo
\echo 'Bank holidays of England and Wales in 2025 (computed from the rules, equal to GOV.UK):'
SELECT day, to_char(day, 'Dy') AS dow, name FROM bank_holidays('2025-01-01', '2025-12-31');

\echo 'DfE durations: the start is day 0 (Monday to Tuesday = 1), against Excel NETWORKDAYS:'
SELECT s AS start, f AS finish, working_days(s, f) AS dfe_working_days,
       working_days_inclusive(s, f) AS excel_networkdays
FROM (VALUES (date '2025-03-03', date '2025-03-03'), ('2025-03-03', '2025-03-04'),
             ('2025-03-07', '2025-03-10'), ('2025-03-08', '2025-03-10'),
             ('2024-12-20', '2025-01-02')) AS t (s, f);

\echo 'Due dates: an ICPC is due 15 working days after the strategy discussion, an assessment 45 after the referral:'
SELECT d AS start, add_working_days(d, 15) AS due_in_15_working_days,
       add_working_days(d, 45) AS due_in_45_working_days
FROM (VALUES (date '2024-12-18'), ('2023-04-28'), ('2022-09-01')) AS t (d);

\echo 'The same span in each division (Easter 2025, and 2 January):'
SELECT c AS calendar, working_days('2025-04-17', '2025-04-22', c) AS thu_to_tue_over_easter,
       is_working_day('2025-01-02', c) AS jan_2_is_working
FROM unnest(ARRAY['england-and-wales', 'scotland', 'northern-ireland']) AS c;

\echo 'A council calendar with its own closure days (29-31 December):'
BEGIN;
INSERT INTO calendar (name, description) VALUES ('tour-council', 'Closed 29-31 December');
INSERT INTO calendar_day (calendar, day, name)
SELECT 'tour-council', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;
SELECT working_days('2025-12-24', '2026-01-02') AS england_and_wales,
       working_days('2025-12-24', '2026-01-02', 'tour-council') AS council;
ROLLBACK;

\echo 'Rates per 10,000 with confidence intervals, as DfE and Fingertips publish them:'
SELECT round(r.value, 1) AS cp_plans_per_10000, round(r.lower, 1) AS lower_95, round(r.upper, 1) AS upper_95,
       r.method, compare_to_benchmark(r.value, r.lower, r.upper, 41.6) AS against_england_41_6
FROM rate_ci(561, 81070) AS r;

\echo 'Percentages, rounded half away from zero, and suppression of small counts:'
SELECT team, n, round(percent(within, n), 1) AS pct_within_45, suppress_value(round(percent(within, n), 1), n) AS published
FROM (VALUES ('North', 120, 97), ('South', 4, 3), ('Central', 0, 0)) AS t (team, n, within);
