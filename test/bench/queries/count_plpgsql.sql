-- PL/pgSQL, one loop iteration per day (bench.wd_plpgsql, see setup.sql).
SELECT sum(bench.wd_plpgsql(s, f)) FROM :tbl;
