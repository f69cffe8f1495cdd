-- test/bench/rereferral_setup.sql: the data of the re-referral benchmark
-- (test/bench/rereferrals.sh).  psql -v referrals=N -v children=C, in a
-- throwaway cluster.  Reproducible: setseed, in one serial session.
--
-- bench_rr.referral: N referrals of C children (every child has at least
-- one), 20 teams (a child's team: 1 + child % 20), dated uniformly in
-- 2019-01-01 .. 2026-12-31; 5% of them same-day duplicates of another
-- referral of the child, 1% exactly 12 months after one, 200 NULL dates.
-- Stored in date order, as referrals accrue; no index.
-- bench_rr.referral_ix: the same rows, with an index on (child, referral_date).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;

CREATE EXTENSION IF NOT EXISTS socialcare;
DROP SCHEMA IF EXISTS bench_rr CASCADE;
CREATE SCHEMA bench_rr;

SELECT setseed(0.20250611) AS seeded \gset
CREATE TEMP TABLE base AS
SELECT i AS id,
       CASE WHEN i <= :children THEN i ELSE 1 + floor(random() * :children)::int END AS child,
       date '2019-01-01' + floor(random() * 2922)::int AS referral_date
FROM generate_series(1, :referrals - :referrals / 20 - :referrals / 100 - 200) i;

CREATE TEMP TABLE extra AS
(SELECT child, referral_date FROM base WHERE id % 10 = 7 LIMIT :referrals / 20)          -- same day
UNION ALL
(SELECT child, (referral_date + interval '12 months')::date FROM base
 WHERE id % 50 = 3 AND referral_date < date '2026-01-01' LIMIT :referrals / 100)         -- +12 months
UNION ALL
(SELECT child, NULL::date FROM base WHERE id % 1000 = 11 LIMIT 200);                      -- no date

CREATE TABLE bench_rr.referral AS
SELECT row_number() OVER (ORDER BY referral_date NULLS LAST, child) AS id,
       child, 1 + child % 20 AS team, referral_date
FROM (SELECT child, referral_date FROM base UNION ALL SELECT child, referral_date FROM extra) r
ORDER BY referral_date NULLS LAST, child;

CREATE TABLE bench_rr.referral_ix AS TABLE bench_rr.referral;
CREATE INDEX referral_ix_child_date ON bench_rr.referral_ix (child, referral_date);

-- Hint bits and visibility map set, statistics gathered, before any run.
VACUUM (FREEZE, ANALYZE) bench_rr.referral, bench_rr.referral_ix;
