-- The pct aggregate: with FILTER and GROUP BY, in parallel, over moving
-- windows, and called wrongly.
SET search_path = socialcare, public;

CREATE TABLE assessments AS
SELECT i AS id, 'team ' || (i % 4) AS team,
       CASE WHEN i % 10 = 0 THEN NULL ELSE i % 3 <> 0 END AS within_45
FROM generate_series(1, 120000) AS i;
ANALYZE assessments;

-- Hand counts: in 1..30, multiples of 10 are NULL; of the other 27, the 9
-- multiples of 3 (minus 30) are late: 18 of 27 within = 66.67%.
SELECT pct(within_45) AS pct, count(within_45) AS counted
FROM assessments WHERE id <= 30;
SELECT pct(within_45) FILTER (WHERE id <= 15) AS first_15 FROM assessments WHERE id <= 30;
SELECT pct(within_45) AS no_rows FROM assessments WHERE false;
SELECT pct(NULL::boolean) AS only_nulls FROM generate_series(1, 3);

-- Agrees with the plain-SQL ways, by group.
SELECT team, pct(within_45) = count(*) FILTER (WHERE within_45) * 100.0 / count(within_45) AS same,
       round(pct(within_45), 4) AS pct
FROM assessments GROUP BY team ORDER BY team;

-- A parallel plan: Partial Aggregate in the workers, the same answers.
CREATE TEMP TABLE serial AS
SELECT team, pct(within_45) AS p FROM assessments GROUP BY team;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT pct(within_45) FROM assessments;
SELECT pct(within_45) = (SELECT count(*) FILTER (WHERE within_45) * 100.0 / count(within_45) FROM assessments) AS same
FROM assessments;
SELECT bool_and(s.p = p.p) AS parallel_equals_serial
FROM serial s JOIN (SELECT team, pct(within_45) AS p FROM assessments GROUP BY team) p USING (team);
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- Moving windows use the inverse transition and agree with recomputing.
CREATE TEMP TABLE first_2000 AS SELECT * FROM assessments WHERE id <= 2000;
SELECT count(*) AS disagreements
FROM (SELECT id, pct(within_45) OVER w AS moving,
             (SELECT count(*) FILTER (WHERE b.within_45) * 100.0 / nullif(count(b.within_45), 0)
              FROM first_2000 b WHERE b.id BETWEEN a.id - 11 AND a.id) AS recomputed
      FROM first_2000 a
      WINDOW w AS (ORDER BY id ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)) t
WHERE moving IS DISTINCT FROM recomputed;
SELECT * FROM (
  SELECT id, within_45, round(pct(within_45) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS last_3
  FROM first_2000) AS t
WHERE id BETWEEN 8 AND 13 ORDER BY id;

-- The support functions check their state.
SELECT pct_final('{1,2}');
SELECT pct_final('{1,2,3}');
SELECT pct_accum('{1,NULL}', true);
SELECT pct_combine('{1,2}', '{3,4}');

DROP TABLE assessments;

-- Counts too large for 100 * true in bigint still divide exactly.
SELECT pct_final('{9000000000000000000,9000000000000000000}') AS all_true,
       pct_final('{3000000000000000000,9000000000000000000}') AS a_third;
