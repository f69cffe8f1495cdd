-- previous_value and previous_average: lag() and a 3-row frame by calendar
-- month.  The series below has no row for April and no value for June;
-- every expected value is read off by hand:
--   month  value  previous_value  previous_value(.., 2)  previous_average
--   Jan    10     NULL (first)    NULL                  NULL
--   Feb    20     10              NULL (no Dec)         NULL
--   Mar    30     20              10                    NULL (no Dec)
--   May    50     NULL (no Apr)   30 (Mar)              NULL (no Apr)
--   Jun    NULL   50              NULL (no Apr)         NULL
--   Jul    70     NULL (Jun NULL) 50 (May)              NULL (Jun NULL)
--   Aug    80     70              NULL (Jun NULL)       NULL (Jun NULL)
--   Sep    90     80              70                    NULL (Jun NULL)
--   Oct    100    90              80                    (70 + 80 + 90) / 3 = 80
-- previous_average(.., 2): Mar (10 + 20) / 2 = 15, Sep (70 + 80) / 2 = 75,
-- Oct 85, otherwise NULL (a month missing or without a value).
-- lag() gives 30 for May: March's value, silently, as if it were April's.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE TEMP TABLE series (kpi text, month date, value numeric);
INSERT INTO series VALUES
 ('A', '2025-01-31', 10), ('A', '2025-02-28', 20), ('A', '2025-03-31', 30), ('A', '2025-05-31', 50),
 ('A', '2025-06-30', NULL), ('A', '2025-07-31', 70), ('A', '2025-08-31', 80), ('A', '2025-09-30', 90),
 ('A', '2025-10-31', 100),
 -- a second KPI, months given as first days: partitions are separate.
 ('B', '2025-01-01', 1.5), ('B', '2025-02-01', 2.5), ('B', '2025-03-01', 3.5), ('B', '2025-04-01', 4);
SELECT kpi, month, value, previous_value(value, month) OVER w AS previous,
       previous_value(value, month, 2) OVER w AS two_back,
       previous_average(value, month) OVER w AS average_3,
       previous_average(value, month, 2) OVER w AS average_2,
       lag(value) OVER w AS lag
FROM series
WINDOW w AS (PARTITION BY kpi ORDER BY month)
ORDER BY kpi, month;
-- B: Apr average of Jan-Mar = (1.5 + 2.5 + 3.5) / 3 = 2.5; average_2 of
-- Feb-Mar = 3; across a year end: Dec 2024 -> Jan 2025 is one month.
SELECT month, previous_value(v, month) OVER (ORDER BY month)
FROM (VALUES ('2024-12-31'::date, 7::numeric), ('2025-01-31', 8)) AS t (month, v);

-- Wrong order, two rows for a month, bad month counts.
SELECT previous_value(v, m) OVER (ORDER BY v) FROM (VALUES ('2025-02-28'::date, 1::numeric), ('2025-01-31', 2)) AS t (m, v);
SELECT previous_average(v, m) OVER (ORDER BY m) FROM (VALUES ('2025-02-28'::date, 1::numeric), ('2025-02-01', 2)) AS t (m, v);
SELECT previous_average(v, m, 0) OVER (ORDER BY m) FROM (VALUES ('2025-02-28'::date, 1::numeric)) AS t (m, v);
SELECT previous_value(v, m, NULL) OVER (ORDER BY m) FROM (VALUES ('2025-02-28'::date, 1::numeric)) AS t (m, v);
SELECT previous_value(v, m) OVER (ORDER BY m) FROM (VALUES ('infinity'::date, 1::numeric)) AS t (m, v);
-- A NULL month gives NULL (it sorts last, after every dated row).
SELECT m, previous_value(v, m) OVER (ORDER BY m) FROM (VALUES ('2025-01-31'::date, 1::numeric), (NULL, 2)) AS t (m, v);

SELECT p.oid::regprocedure::text AS function, p.prokind, p.provolatile, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace AND p.proname IN ('previous_value', 'previous_average')
ORDER BY 1;
