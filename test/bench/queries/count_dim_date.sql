-- A calendar dimension joined twice: the difference of working-day ordinals.
SELECT sum(c2.wd_ordinal - c1.wd_ordinal)
FROM :tbl p
JOIN bench.dim_date c1 ON c1.d = p.s
JOIN bench.dim_date c2 ON c2.d = p.f;
