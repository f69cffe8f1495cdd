-- demo/scorecard.sql: the monthly performance table of the seed report
-- (Sandwell Appendix 1), printed from the KPI catalogue that
-- demo/catalogue.sql fills: per KPI its frequency, service area, polarity,
-- comparators, 12 months of values, the arrows (change from last month,
-- against the previous three months' average, against each comparator),
-- the RAG status against its target and a sparkline.
--
--   psql -f demo/scorecard.sql                       the 12 months to the
--                                                    period's last month
--   psql -v as_at=2018-09-30 -f demo/scorecard.sql   the 12 months to another
--
-- For BI tools: socialcare.scorecard(as_at) (long, one row per KPI and
-- month) or socialcare.scorecard_wide(as_at) (one row per KPI).

\if :{?as_at}
\else
SELECT period_end AS as_at FROM kpi.report_period \gset
\endif

\echo 'Children''s Social Care Monthly Performance Statistics (demo data), as at' :as_at
\pset format unaligned
\pset tuples_only on
SELECT * FROM socialcare.scorecard_text(as_at => :'as_at');
\pset tuples_only off
\pset format aligned
