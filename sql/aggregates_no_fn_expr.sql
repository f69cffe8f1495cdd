-- Aggregates as Citus runs them: a worker folds its shard's rows with the
-- transition function, the coordinator combines the workers' states and
-- calls the final function, each through a wrapper that gives no calling
-- expression (fn_expr) and keeps nothing in fn_extra between rows.  A call
-- from SQL always has a calling expression, so this test checks what can be
-- checked without Citus (test/citus/citus.sh runs the real thing):
--   1. no support function of an aggregate is polymorphic (a polymorphic
--      one, such as array_append, needs fn_expr to know its types);
--   2. the support functions called one by one as plain functions, two
--      "shards" folded row by row and their states combined, give the
--      aggregate's answer.
SET search_path = socialcare, public;

-- 1. Every aggregate of the extension and its support functions: none
-- takes or returns a polymorphic or pseudo type (internal included).
SELECT a.aggfnoid::regprocedure AS aggregate,
       pg_catalog.bool_and(t.typtype OPERATOR(pg_catalog.<>) 'p') AS plain_types
FROM pg_catalog.pg_aggregate a
JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = a.aggfnoid
     AND d.refclassid = 'pg_catalog.pg_extension'::regclass
JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'socialcare'
CROSS JOIN LATERAL (VALUES (a.aggtransfn), (a.aggcombinefn), (a.aggfinalfn),
                           (a.aggmtransfn), (a.aggminvtransfn), (a.aggmfinalfn)) f(fn)
JOIN pg_catalog.pg_proc p ON p.oid = f.fn
CROSS JOIN LATERAL pg_catalog.unnest(p.proargtypes::oid[] || p.prorettype) AS u(typ)
JOIN pg_catalog.pg_type t ON t.oid = u.typ
GROUP BY a.aggfnoid ORDER BY a.aggfnoid::regprocedure::text;

-- The rows: two shards, a day, a condition and a value each.
CREATE TEMP TABLE rows_ AS
SELECT i, i % 2 AS shard, DATE '2024-01-01' + i * 7 AS day,
       CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 <> 0 END AS cond,
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 37 % 50)::numeric END AS val
FROM generate_series(1, 120) i;

-- Each fold calls a strict transition function only for non-NULL inputs,
-- as PostgreSQL and Citus's wrapper do.

-- 2a. pct: fold each shard from the initial state, combine, final.
WITH RECURSIVE fold(shard, i, state) AS (
    SELECT s, 0, '{0,0}'::bigint[] FROM (VALUES (0), (1)) v(s)
    UNION ALL
    SELECT f.shard, r.i, CASE WHEN r.cond IS NULL THEN f.state ELSE pct_accum(f.state, r.cond) END
    FROM fold f JOIN rows_ r ON r.shard = f.shard
     AND r.i = (SELECT min(i) FROM rows_ x WHERE x.shard = f.shard AND x.i > f.i)
), last_ AS (
    SELECT DISTINCT ON (shard) shard, state FROM fold ORDER BY shard, i DESC
)
SELECT pct_final(pct_combine((SELECT state FROM last_ WHERE shard = 0),
                             (SELECT state FROM last_ WHERE shard = 1)))
       = (SELECT pct(cond) FROM rows_) AS pct_same,
       (SELECT round(pct(cond), 4) FROM rows_) AS pct;

-- 2b. rolling_pct_series, 12 and 3 months.
WITH RECURSIVE fold(shard, i, s12, s3) AS (
    SELECT s, 0, NULL::bigint[], NULL::bigint[] FROM (VALUES (0), (1)) v(s)
    UNION ALL
    SELECT f.shard, r.i,
           rolling_pct_series_accum(f.s12, r.day, r.cond, '2024-06-30', '2026-03-31'),
           rolling_pct_series_accum(f.s3, r.day, r.cond, '2024-06-30', '2026-03-31', 3)
    FROM fold f JOIN rows_ r ON r.shard = f.shard
     AND r.i = (SELECT min(i) FROM rows_ x WHERE x.shard = f.shard AND x.i > f.i)
), last_ AS (
    SELECT DISTINCT ON (shard) shard, s12, s3 FROM fold ORDER BY shard, i DESC
)
SELECT rolling_pct_series_final(rolling_pct_series_combine(
           (SELECT s12 FROM last_ WHERE shard = 0), (SELECT s12 FROM last_ WHERE shard = 1)))
       = (SELECT rolling_pct_series(day, cond, '2024-06-30', '2026-03-31') FROM rows_) AS rolling_12_same,
       rolling_pct_series_final(rolling_pct_series_combine(
           (SELECT s3 FROM last_ WHERE shard = 0), (SELECT s3 FROM last_ WHERE shard = 1)))
       = (SELECT rolling_pct_series(day, cond, '2024-06-30', '2026-03-31', 3) FROM rows_) AS rolling_3_same,
       pg_catalog.cardinality(rolling_pct_series_final(rolling_pct_series_combine(
           (SELECT s12 FROM last_ WHERE shard = 0), (SELECT s12 FROM last_ WHERE shard = 1)))) AS month_ends;

-- 2c. sparkline, numeric and double precision, without ORDER BY (the
-- combine concatenates shard 0's values then shard 1's, so the aggregate
-- is compared over the rows in that order).
WITH RECURSIVE fold(shard, i, n, d) AS (
    SELECT s, 0, NULL::numeric[], NULL::float8[] FROM (VALUES (0), (1)) v(s)
    UNION ALL
    SELECT f.shard, r.i, sparkline_accum(f.n, r.val), sparkline_accum(f.d, r.val::float8)
    FROM fold f JOIN rows_ r ON r.shard = f.shard
     AND r.i = (SELECT min(i) FROM rows_ x WHERE x.shard = f.shard AND x.i > f.i)
), last_ AS (
    SELECT DISTINCT ON (shard) shard, n, d FROM fold ORDER BY shard, i DESC
)
SELECT sparkline_final(sparkline_combine((SELECT n FROM last_ WHERE shard = 0),
                                         (SELECT n FROM last_ WHERE shard = 1)))
       = (SELECT sparkline(val ORDER BY shard, i) FROM rows_) AS numeric_same,
       sparkline_final(sparkline_combine((SELECT d FROM last_ WHERE shard = 0),
                                         (SELECT d FROM last_ WHERE shard = 1)))
       = (SELECT sparkline(val::float8 ORDER BY shard, i) FROM rows_) AS float8_same,
       (SELECT sparkline(val ORDER BY shard, i) FROM rows_ WHERE i <= 26) AS first_26;

-- 2d. spc, without and with improvement and target: rows, one a week
-- (val NULL: a gap), folded per shard, combined, final.
WITH RECURSIVE fold(shard, i, s2, s4) AS (
    SELECT s, 0, NULL::float8[], NULL::float8[] FROM (VALUES (0), (1)) v(s)
    UNION ALL
    SELECT f.shard, r.i, spc_accum(f.s2, r.day, r.val::float8),
           spc_accum(f.s4, r.day, r.val::float8, 'low', 20)
    FROM fold f JOIN rows_ r ON r.shard = f.shard
     AND r.i = (SELECT min(i) FROM rows_ x WHERE x.shard = f.shard AND x.i > f.i)
), last_ AS (
    SELECT DISTINCT ON (shard) shard, s2, s4 FROM fold ORDER BY shard, i DESC
)
SELECT spc_final(spc_combine((SELECT s2 FROM last_ WHERE shard = 0), (SELECT s2 FROM last_ WHERE shard = 1)))
       = (SELECT spc(day, val::float8) FROM rows_) AS spc_same,
       spc_final(spc_combine((SELECT s4 FROM last_ WHERE shard = 0), (SELECT s4 FROM last_ WHERE shard = 1)))
       = (SELECT spc(day, val::float8, 'low', 20) FROM rows_) AS spc_target_same,
       (spc_final(spc_combine((SELECT s4 FROM last_ WHERE shard = 0), (SELECT s4 FROM last_ WHERE shard = 1)))).points;

-- The transition functions start from NULL (no INITCOND) and keep NULL
-- values as gaps; a state of another shape is refused.
SELECT sparkline_accum(NULL::numeric[], NULL) AS a_gap,
       sparkline_accum(sparkline_accum(NULL::float8[], 1.5), NULL) AS then_a_gap;
SELECT sparkline_accum('{{1,2},{3,4}}'::numeric[], 5);
