-- A calendar dimension: s's ordinal + n is the ordinal of the n-th working
-- day after s (bench.dim_workday); n = 0 gives s itself.
SELECT sum(CASE WHEN p.n = 0 THEN p.s ELSE w.d END - date '2000-01-01')
FROM :tbl p
JOIN bench.dim_date c ON c.d = p.s
JOIN bench.dim_workday w ON w.wd_ordinal = c.wd_ordinal + p.n;
