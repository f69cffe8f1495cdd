-- Pure SQL: closed-form weekdays minus width_bucket over the sorted
-- holiday array (bench.wd_sql, inlined by the planner; see setup.sql).
SELECT sum(bench.wd_sql(s, f)) FROM :tbl;
