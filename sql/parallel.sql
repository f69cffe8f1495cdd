-- The functions run in parallel workers and give the serial answer there,
-- for built-in and user calendars.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

CREATE TABLE pairs AS
SELECT date '2015-01-01' + ((i * 7919) % 4000)::int AS s,
       date '2015-01-01' + ((i * 7919) % 4000 + (i * 104729) % 200 - 20)::int AS f,
       ((i * 31) % 61 - 30)::int AS n
FROM generate_series(1::bigint, 200000) AS i;
ANALYZE pairs;

INSERT INTO calendar (name) VALUES ('parallel-closures');
INSERT INTO calendar_day (calendar, day)
SELECT 'parallel-closures', d FROM generate_series(date '2015-12-29', '2025-12-31', '1 year') AS d;

CREATE TEMP TABLE serial AS
SELECT sum(working_days(s, f)) AS wd, sum(working_days_inclusive(s, f)) AS incl,
       sum(add_working_days(s, n) - s) AS added,
       sum(working_days(s, f, 'parallel-closures')) AS wd_user,
       count(*) FILTER (WHERE is_working_day(s, 'scotland')) AS scottish_working
FROM pairs;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT sum(working_days(s, f)) FROM pairs;

SELECT p.* = s.* AS parallel_equals_serial, p.*
FROM (SELECT sum(working_days(s, f)) AS wd, sum(working_days_inclusive(s, f)) AS incl,
             sum(add_working_days(s, n) - s) AS added,
             sum(working_days(s, f, 'parallel-closures')) AS wd_user,
             count(*) FILTER (WHERE is_working_day(s, 'scotland')) AS scottish_working
      FROM pairs) AS p, serial AS s;

RESET parallel_leader_participation;
DELETE FROM calendar WHERE name = 'parallel-closures';
DROP TABLE pairs;
