-- test/bench/pct_setup.sql: the data of the pct benchmark (test/bench/pct.sh).
-- Run by scripts/bench.sh with psql -v rows=N -v window_rows=M in a
-- throwaway cluster.  Reproducible (setseed).
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS socialcare;
DROP SCHEMA IF EXISTS bench_pct CASCADE;
CREATE SCHEMA bench_pct;

-- N rows in random order: g, 100 groups (0..99); cond NULL 1% of the time,
-- otherwise TRUE with probability 0.2 + 0.2 * g / 99 (so the groups'
-- percentages differ, 20% to 40%; 30% overall).
SELECT setseed(0.20250402);
CREATE TABLE bench_pct.conds (g int NOT NULL, cond boolean);
INSERT INTO bench_pct.conds
SELECT g, CASE WHEN random() < 0.01 THEN NULL
			   ELSE random() < 0.2 + 0.2 * g / 99.0::float8 END
FROM (SELECT floor(random() * 100)::int AS g FROM generate_series(1, :rows)) r;

-- M rows in key order (a month series, say) for the moving windows: cond
-- NULL 1% of the time, otherwise TRUE 30% of the time.  The primary key
-- gives the window its order without a sort (an index scan on a table
-- stored in key order).
CREATE TABLE bench_pct.series (k int PRIMARY KEY, cond boolean);
INSERT INTO bench_pct.series
SELECT k, CASE WHEN random() < 0.01 THEN NULL ELSE random() < 0.3 END
FROM generate_series(1, :window_rows) k;

-- Parallel runs use 2 workers whatever the table's size.
ALTER TABLE bench_pct.conds SET (parallel_workers = 2);
-- Hint bits and visibility map set, statistics gathered, before any run.
VACUUM (FREEZE, ANALYZE) bench_pct.conds, bench_pct.series;

-- pct without its inverse transition (the extension's own functions, no
-- MSFUNC/MINVFUNC): a moving window restarts the aggregate at every row,
-- O(rows x frame).  What non-linear looks like, for comparison.
CREATE AGGREGATE bench_pct.pct_noinv(boolean) (
	SFUNC = socialcare.pct_accum,
	STYPE = bigint[],
	INITCOND = '{0,0}',
	FINALFUNC = socialcare.pct_final
);
