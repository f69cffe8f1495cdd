-- Benchmark data for test/bench/timescales.sh: :episodes looked-after
-- episodes with :reviews reviews between them (about 10 each), started
-- 2012-2020, reviews 5 to 200 days apart, one review per episode and day
-- (so plain SQL's row_number() numbers the same reviews the chain does).
-- Deterministic (setseed).
DROP SCHEMA IF EXISTS bench_ts CASCADE;
CREATE SCHEMA bench_ts;
SELECT setseed(0.6);
CREATE TABLE bench_ts.review AS
WITH e AS (
	SELECT id AS episode, date '2012-01-01' + (random() * 3000)::int AS start_date
	FROM generate_series(1, :episodes) AS id),
r AS (
	SELECT e.episode, e.start_date, k, 5 + (random() * 195)::int AS gap
	FROM e, generate_series(1, (:reviews / :episodes)::int) AS k)
SELECT episode, start_date,
	   start_date + (sum(gap) OVER (PARTITION BY episode ORDER BY k))::int AS review_date
FROM r;
ANALYZE bench_ts.review;
