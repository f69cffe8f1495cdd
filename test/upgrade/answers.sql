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
SELECT reporting_date('2025-03-31'), financial_year_start('0001-04-01'), (SELECT max(m) FROM month_ends('294276-01-01', '294276-11-30') AS m);
