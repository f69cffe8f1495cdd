-- test/bench/scorecard_setup.sql: a KPI catalogue of :kpis KPIs with
-- monthly values from January 2022 to June 2025 (42 months, so a 24-month
-- scorecard also reads the months before its window) and three comparators
-- each, changing every April.  Deterministic (setseed).
SET client_min_messages = warning;
SELECT setseed(0.5);
DELETE FROM socialcare.kpi;
INSERT INTO socialcare.kpi (code, title, service_area, unit, frequency, polarity, target, tolerance, sort_order)
SELECT 'K' || i, 'Indicator ' || i, 'Area ' || (i % 7), 'percent',
       (ARRAY['monthly', 'as at month end', 'cumulative'])[1 + i % 3],
       CASE WHEN i % 2 = 0 THEN 'high' ELSE 'low' END, 40 + i % 30, i % 5, i
FROM generate_series(1, :kpis) AS i;
-- Each value the percentage of its numerator of 300 (kpi_validate), 2% missing.
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator)
SELECT kpi, m, round(100.0 * n / 300, 1), n, CASE WHEN n IS NOT NULL THEN 300 END
FROM (SELECT 'K' || i AS kpi, m, CASE WHEN random() < 0.02 THEN NULL ELSE floor(random() * 301)::numeric END AS n
      FROM generate_series(1, :kpis) AS i, socialcare.month_ends('2022-01-01', '2025-06-30') AS m) v;
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label)
SELECT 'K' || i, c, make_date(y, 4, 1), round((30 + random() * 40)::numeric, 1),
       CASE WHEN c = 'region' THEN 'West Midlands' END
FROM generate_series(1, :kpis) AS i, unnest('{statistical neighbours,england,region}'::text[]) AS c,
     generate_series(2021, 2025) AS y;
ANALYZE socialcare.kpi, socialcare.kpi_value, socialcare.kpi_comparator;
