-- One call of each area, run after an update and after a fresh install:
-- the answers must be equal (and the calls must work after the update).
-- Add a line for each new function.
SET search_path = socialcare, public;
SELECT working_days('2024-12-20', '2025-01-02'), working_days_inclusive('2024-12-20', '2025-01-02'),
       add_working_days('2024-12-18', 15), working_day_on_or_after('2025-12-25'),
       working_day_on_or_before('2025-12-25'), is_working_day('2025-12-25');
SELECT count(*), min(day), max(day) FROM bank_holidays('2012-01-01', '2028-12-31', 'scotland');
SELECT rate(123, 81000), percent(23, 96), percent_lower(23, 96), percent_upper(23, 96),
       rate_lower(5, 81000), rate_upper(5, 81000), rate_method(5);
SELECT * FROM percent_ci(23, 96);
SELECT compare_to_benchmark(40, 35, 45, 30, 'high'), suppress(3), suppress(7);
SELECT pct(x % 3 = 0) FROM generate_series(1, 100) AS x;
SELECT d, is_rereferral(d) OVER (ORDER BY d)
FROM unnest('{2024-01-01,2024-06-01,2025-06-01,2025-06-02}'::date[]) AS d;
SELECT financial_year('2019-03-31'), financial_year_start('2019-04-01'), year_to_date('2019-06-15');
SELECT count(*) FROM month_ends('2024-04-01', '2025-03-31');
SELECT due_date('lac_review_2', '2024-11-30'), on_time('icpc', '2024-12-18'::date, '2025-01-14'::date),
       lateness('assessment', '2025-03-03'::date, '2025-05-12'::date), due_time('return_interview', '2025-03-28 18:00+00'),
       chain_next_due('lac_review', '2025-04-19', 0, NULL), chain_overdue('cp_review', '2023-08-31', 1, '2023-11-30', '2024-06-01');
SELECT d, chain_due('lac_visit_long_term', d, '2024-01-15') OVER w, chain_on_time('lac_review', d, '2024-01-15') OVER w,
       chain_lateness('lac_review', d, '2024-01-15') OVER w
FROM unnest('{2024-01-22,2024-03-01,2024-04-12,2025-01-10,2025-02-21}'::date[]) AS d WINDOW w AS (ORDER BY d);
SELECT rag(85, 90, 80), rag_target(18.5, 18, 1, 'low'), direction(92.5, 93.4), direction_arrow(69.2, 68),
       direction_of_travel(69.2, 68, 'low'), change_pp(66.6, 75.4), change_relative(120, 100),
       (SELECT sparkline(v ORDER BY v) FROM unnest('{1,2,3,4}'::numeric[]) AS v), 'amber'::rag < 'green';
SELECT count(*) FROM scorecard('2025-06-30'), scorecard_wide('2025-06-30'), kpi_scorecard;
SELECT * FROM scorecard_text('2025-06-30');
SELECT m, previous_value(v, m) OVER w, previous_average(v, m) OVER w
FROM (VALUES ('2025-01-31'::date, 1::numeric), ('2025-02-28', 2), ('2025-03-31', 3), ('2025-04-30', 4)) AS t (m, v)
WINDOW w AS (ORDER BY m);
SELECT rolling_months('2025-02-28'), s.* FROM (SELECT rolling_pct_series(d::date, d < '2024-06-01', '2024-04-01', '2024-06-30', 2) AS x
  FROM generate_series(date '2024-03-01', '2024-06-30', '9 days') AS d) g, unnest(g.x) AS s;
SELECT s, is_repeat_plan(s) OVER (ORDER BY s), is_repeat_plan(s, e, '24 months') OVER (ORDER BY s),
       lasted_days(s, e), lasted_two_years_or_more(s, e), ended_within(s, e), open_at(s, e, '2022-03-31'),
       open_during(s, e, '2022-04-01', '2023-03-31'), placement_in_year(s, e, '2023-03-31')
FROM (VALUES (date '2020-01-01', date '2022-01-01'), ('2023-06-01', '2023-08-01')) AS t (s, e);
SELECT reporting_date('2025-03-31'), financial_year_start('0001-04-01'), (SELECT max(m) FROM month_ends('294276-01-01', '294276-11-30') AS m);
SELECT checked_months(12, NULL), checked_as_at('2025-06-30', 15), (SELECT sparkline(v ORDER BY i) FROM unnest(ARRAY[100, 1e1000, -1e-1000]) WITH ORDINALITY AS t (v, i));
SELECT is_member_of(current_user), is_member_of('no_such_role'), is_member_of(NULL);
