-- demo/scorecard.sql: the monthly performance table of the seed report
-- (Sandwell Appendix 1), pivoted from demo.kpi_monthly in plain SQL: one
-- row per KPI, its frequency, polarity and the seed's comparators, and the
-- 12 months of ext_reporting_period as columns.
--
-- issue 5: replace with socialcare.scorecard(...) over the KPI catalogue
-- (filled from kpi_monthly), which adds the arrows and the RAG status.

SET search_path = demo, pg_catalog;
\pset footer off
\pset null ''

-- Column headers: the 12 month labels as the seed writes them (Jan-18).
SELECT max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 1) AS m1,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 2) AS m2,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 3) AS m3,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 4) AS m4,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 5) AS m5,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 6) AS m6,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 7) AS m7,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 8) AS m8,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 9) AS m9,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 10) AS m10,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 11) AS m11,
	   max(to_char(month_end, 'Mon-YY')) FILTER (WHERE n = 12) AS m12
FROM (SELECT month_end, row_number() OVER (ORDER BY month_end DESC) AS r FROM report_month) t,
	 LATERAL (SELECT 13 - r AS n) x
WHERE r <= 12
\gset

\echo
\echo 'Children''s Social Care Monthly Performance Statistics (demo data)'
WITH kpi (kpi_code, pl, description, frequency, better, unit, sn, eng, wm) AS (
	VALUES
	('PI01', 1, 'Contacts to referral within 24 hours', 'Monthly', 'High', '%', NULL, NULL, NULL),
	('PI02', 2, 'Children on a CP plan per 10,000', 'As at Month End', 'Low', 'rate', 57.9, 43.3, 45.3),
	('PI03', 3, 'ICPC within 15 working days', 'Monthly', 'High', '%', 81.5, 76.9, 77.0),
	('PI04', 4, 'Assessments within 45 working days', 'Monthly', 'High', '%', 82.3, 82.7, 84.6),
	('PI05', 5, 'Unallocated over 5 working days', 'As at Month End', 'Low', 'count', NULL, NULL, NULL),
	('PI06', 6, 'CP visits within 2 weeks', 'As at Month End', 'High', '%', NULL, NULL, NULL),
	('PI07', 7, 'CP plans reviewed within 6 months', 'As at Month End', 'High', '%', NULL, NULL, NULL),
	('PI08', 8, 'CP supervision within 4 weeks', 'As at Month End', 'High', '%', NULL, NULL, NULL),
	('PI09', 9, 'Return interviews within 72 hours', 'Monthly', 'High', '%', NULL, NULL, NULL),
	('PI10', 10, 'CIN visited in last 20 working days', 'As at Month End', 'High', '%', NULL, NULL, NULL),
	('PI11', 11, 'LAC visited in statutory timescale', 'As at Month End', 'High', '%', NULL, NULL, NULL),
	('PI12', 12, 'LAC reviews within timescales', 'Cumulative', 'High', '%', NULL, NULL, NULL),
	('PI13', 13, 'Social worker vacancy rate', 'As at Month End', 'Low', '%', 20, 17, 19.2),
	('PI14', 14, 'Average caseload', 'As at Month End', 'Low', 'ratio', 19.1, 17.8, 18.7),
	('PI15', 15, 'Case audits rated RI or better', 'Monthly', 'High', '%', NULL, NULL, NULL),
	('REREF', 16, 'Re-referrals in 12 months (rolling)', 'Rolling 12 Months', 'Low', '%', NULL, NULL, NULL),
	('LACRATE', 17, 'Looked after children per 10,000', 'As at Month End', 'Low', 'rate', 89, NULL, NULL)),
shown AS (
	-- DfE rounding: numeric round() is half away from zero
	SELECT k.kpi_code, m.month_end,
		   CASE k.unit WHEN '%' THEN round(m.value, 1) || '%'
					   WHEN 'rate' THEN round(m.value, 1)::text
					   WHEN 'count' THEN round(m.value)::text
					   ELSE to_char(round(m.value, 2), 'FM990.00') END AS cell,
		   13 - row_number() OVER (PARTITION BY k.kpi_code ORDER BY m.month_end DESC) AS n
	FROM kpi k JOIN kpi_monthly m USING (kpi_code))
SELECT k.pl AS "PI", k.description AS "KPI", k.frequency AS "Frequency", k.better AS "Better",
	   coalesce(k.sn || CASE WHEN k.unit = '%' THEN '%' ELSE '' END, 'N/A') AS "SN",
	   coalesce(k.eng || CASE WHEN k.unit = '%' THEN '%' ELSE '' END, 'NA') AS "Eng",
	   coalesce(k.wm || CASE WHEN k.unit = '%' THEN '%' ELSE '' END, 'NA') AS "WM",
	   max(s.cell) FILTER (WHERE s.n = 1) AS :"m1", max(s.cell) FILTER (WHERE s.n = 2) AS :"m2",
	   max(s.cell) FILTER (WHERE s.n = 3) AS :"m3", max(s.cell) FILTER (WHERE s.n = 4) AS :"m4",
	   max(s.cell) FILTER (WHERE s.n = 5) AS :"m5", max(s.cell) FILTER (WHERE s.n = 6) AS :"m6",
	   max(s.cell) FILTER (WHERE s.n = 7) AS :"m7", max(s.cell) FILTER (WHERE s.n = 8) AS :"m8",
	   max(s.cell) FILTER (WHERE s.n = 9) AS :"m9", max(s.cell) FILTER (WHERE s.n = 10) AS :"m10",
	   max(s.cell) FILTER (WHERE s.n = 11) AS :"m11", max(s.cell) FILTER (WHERE s.n = 12) AS :"m12"
FROM kpi k LEFT JOIN shown s USING (kpi_code)
GROUP BY k.pl, k.description, k.frequency, k.better, k.unit, k.sn, k.eng, k.wm
ORDER BY k.pl;
