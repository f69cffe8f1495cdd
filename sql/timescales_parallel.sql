-- The timescale functions run in parallel workers (which read the
-- catalogue, local rows included, under the statement's snapshot) and give
-- the serial answer there.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
-- The pairs include finishes up to 20 days before their start (1 in 20):
-- impossible rows, given NULL here, in the workers too (the setting is
-- the session's, passed to them).
SET socialcare.impossible_rows = 'null';

CREATE TABLE ts_pairs AS
SELECT date '2015-01-01' + ((i * 7919) % 4000)::int AS s,
       date '2015-01-01' + ((i * 7919) % 4000 + (i * 104729) % 400 - 20)::int AS f
FROM generate_series(1::bigint, 200000) AS i;
ANALYZE ts_pairs;

INSERT INTO timescale (code, description, amount, unit, from_event, to_event)
VALUES ('parallel_visit', 'Parallel test', 10, 'working days', 'visit', 'visit');
INSERT INTO timescale_chain (chain, step, timescale) VALUES ('parallel_visit', 1, 'parallel_visit');

CREATE TEMP TABLE ts_serial AS
SELECT sum(due_date('lac_review_1', s) - s) AS wd_due, sum(lateness('lac_review_2', s, f)) AS month_late,
       count(*) FILTER (WHERE on_time('parallel_visit', s, f)) AS local_on_time,
       sum(lateness('parallel_visit', s, f, 'scotland')) AS local_late_scotland,
       count(*) FILTER (WHERE chain_overdue('parallel_visit', s, 1, s, f)) AS overdue,
       count(*) FILTER (WHERE on_time('parallel_visit', s, f) IS NULL) AS impossible
FROM ts_pairs;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF)
SELECT sum(lateness('parallel_visit', s, f)) FROM ts_pairs;

SELECT p.* = t.* AS parallel_equals_serial
FROM (SELECT sum(due_date('lac_review_1', s) - s) AS wd_due, sum(lateness('lac_review_2', s, f)) AS month_late,
             count(*) FILTER (WHERE on_time('parallel_visit', s, f)) AS local_on_time,
             sum(lateness('parallel_visit', s, f, 'scotland')) AS local_late_scotland,
             count(*) FILTER (WHERE chain_overdue('parallel_visit', s, 1, s, f)) AS overdue,
             count(*) FILTER (WHERE on_time('parallel_visit', s, f) IS NULL) AS impossible
      FROM ts_pairs) AS p, ts_serial AS t;
-- local_on_time, overdue and impossible partition the rows: each is on
-- time, overdue, or has its finish before its start (NULL, not on time);
-- the impossible rows are the 10,000 with (i * 104729) % 400 < 20.
SELECT local_on_time + overdue + impossible AS all_rows, impossible,
       (SELECT count(*) FROM ts_pairs WHERE f < s) AS finish_before_start
FROM ts_serial;

RESET parallel_leader_participation;
DELETE FROM timescale_chain WHERE chain = 'parallel_visit';
DELETE FROM timescale WHERE code = 'parallel_visit';
DROP TABLE ts_pairs;
