-- demo/catalogue.sql: the KPI catalogue of the seed report's monthly
-- performance table (Sandwell, Appendix 1), filled from the KPI views.
--
-- Three steps a council repeats every month (re-running restates them):
--   1. the KPI definitions: code, title, service area, unit, decimals
--      shown, frequency, polarity, target and tolerance (socialcare.kpi);
--   2. the comparators: statistical neighbours, England, the region
--      (socialcare.kpi_comparator);
--   3. the monthly values, upserted from kpi.kpi_monthly (the SSD layer's
--      views, socialcare.create_ssd_kpis) with their numerator and
--      denominator (socialcare.kpi_value): the seed's 17 KPIs; the layer's
--      DfE headline measures (REPEATCP, CP2Y, LAC3PL, ICPC15_12M,
--      ASSESS45_12M) are not in the seed's table.
-- Then socialcare.scorecard_text(as_at) prints the table, and
-- socialcare.scorecard / scorecard_wide give it to BI tools.
--
-- Codes are kpi_monthly's (PI01 to PI15, REREF, LACRATE).  Titles,
-- frequencies, service areas and polarities ("Better Performance") are the
-- seed's Table 2a as printed (seed-kpis.md §2.2).  The seed's frequency
-- "Rolling 12 Months" of the re-referral rate is not one the catalogue
-- knows: it is 'monthly' (a value each month) with the window in its title.
--
-- Targets.  The seed shows no RAG status: its contract KPIs "have not yet
-- been agreed" [S001:L741].  Where the report states a target it is used;
-- elsewhere a local target, each with its reason below (in
-- socialcare.kpi.description too, so \d+ and BI tools show it).
-- Tolerance is the amber band short of the target, in the value's unit.

SET search_path = pg_catalog;

-- 1. Definitions -------------------------------------------------------------
INSERT INTO socialcare.kpi AS k
	(code, sort_order, title, service_area, unit, decimals, frequency, polarity, target, tolerance, description)
VALUES
	('PI01', 1, 'Percentage of contacts to MASH referral timeliness', 'Front Door', 'percent', 1,
	 'monthly', 'high', 80, 10,
	 'Contacts received in the month that became referrals, decided within 24 clock hours. Local target 80% (no seed target; the seed''s 2018 values are 57.5% to 83.0%), amber from 70%'),
	('PI02', 2, 'Rate of Children on a Child Protection Plan per 10,000 CYP population', 'Front Door', 'rate', 1,
	 'as at month end', 'low', 57.9, 10,
	 'Children on a CP plan at the month end per 10,000 aged 0-17. Target: the statistical neighbours'' 57.9 (the seed: "more in line with our statistical neighbours" [S001:L652]), amber to 67.9'),
	('PI03', 3, 'Percentage of Initial Child Protection Conference (ICPC) in 15 working days', 'Child Protection', 'percent', 1,
	 'monthly', 'high', 85, 5,
	 'Children conferenced in the month within 15 working days of the strategy discussion. The seed says "Statutory timescales" (100% implied, red in every month short of it); local target 85%, above the statistical neighbours'' 81.5%, amber from 80%'),
	('PI04', 4, 'Out of the total number of open Single Assessments, the percentage of assessments completed within 45 working days', 'Single Assessment Service', 'percent', 1,
	 'monthly', 'high', 85, 5,
	 'Assessments authorised in the month within 45 working days of the referral. Local target 85%, the West Midlands'' 84.6% rounded up ("in line with comparator averages" [S001:L662]), amber from 80%'),
	('PI05', 5, 'Number of Children in need, including LAC & Children on Child Protection plan who have been unallocated for longer than five working days', 'Children in Need', 'count', 0,
	 'as at month end', 'low', 10, 10,
	 'Open cases with no allocated worker for more than 5 working days at the month end. Local target 10 children (the seed''s 2018 values are 7 to 61), amber to 20'),
	('PI06', 6, 'Percentage of young people with Child Protection Plans where 2 weekly visits have taken place', 'Child Protection', 'percent', 1,
	 'as at month end', 'high', 90, 5,
	 'Children on a CP plan at the month end not overdue their 2-weekly visit (last seen visit or the plan''s start + 14 days). Local target 90%, amber from 85%'),
	('PI07', 7, '% CP Plans in place and completed within six monthly intervals', 'Child Protection', 'percent', 1,
	 'as at month end', 'high', 95, 5,
	 'Children on a CP plan at the month end reviewed in the last 6 months, or whose plan is younger (last review conference or the plan''s start + 6 months). Local target 95%, amber from 90%'),
	('PI08', 8, 'Percentage of 4 weekly supervisions on Child Protection cases', 'Child Protection', 'percent', 1,
	 'as at month end', 'high', 90, 10,
	 'Children on a CP plan at the month end with a case supervision in the last 4 weeks (last supervision or the plan''s start + 28 days). Local target 90% ("Supervision to be held monthly for CP" [S001:L1104]), amber from 80%'),
	('PI09', 9, '% of Missing children return interviews within 72 hours', 'Missing Children', 'percent', 1,
	 'monthly', 'high', 80, 10,
	 'Accepted return home interviews, for missing episodes ended in the month, done within 72 hours of the return. Local target 80%, amber from 70%'),
	('PI10', 10, '% Children in Need Visited in the last 20 working days', 'Children in Need', 'percent', 1,
	 'as at month end', 'high', 90, 10,
	 'Children on a CIN plan at the month end seen in the last 20 working days, or whose plan is younger (working_days from the last seen visit or the plan''s start <= 20). Local target 90%, amber from 80%'),
	('PI11', 11, 'Percentage Looked After Children visited in timescale according to statutory requirements.', 'Looked After Children', 'percent', 1,
	 'as at month end', 'high', 95, 5,
	 'Looked-after children at the month end not overdue a statutory visit (reg 28, chains lac_visit and lac_visit_long_term). Local target 95%, amber from 90%'),
	('PI12', 12, '% LAC reviews within timescales', 'Looked After Children', 'percent', 1,
	 'cumulative', 'high', 89, 5,
	 'LAC reviews held from 1 April to the month end within the reg 33 timescales (chain lac_review). Target 89%, the report''s expectation ("expected that this measure will increase to 89%" [S001:L709]), amber from 84%'),
	('PI13', 13, 'Vacancy rate of social workers', 'Workforce', 'percent', 1,
	 'as at month end', 'low', 20, 5,
	 '(Establishment - permanent FTE) / establishment at the month end, agency cover included. Target 20%, the statistical neighbours'' rate and the report''s agency target ("above our target of 20%" [S001:L1301]), amber to 25%. The establishment rose from 184 to 220 in February 2018'),
	('PI14', 14, 'Average overall caseloads across Children''s Services', 'Caseloads', 'number', 2,
	 'as at month end', 'low', 18, 1,
	 'Children with an allocated worker / case-holding FTE at the month end. Target 18, the top of the pledge of "average caseloads of 15-18 per worker" [S001:L1303], amber to 19 (a caseload under 15 is not flagged: RAG has one threshold)'),
	('PI15', 15, 'Number of random monthly case file audits rated RI and above', 'Quality Assurance', 'percent', 1,
	 'monthly', 'high', 70, 10,
	 'Case file audits returned in the month graded Requires improvement or better after moderation. Local target 70% (the improvement plan''s "Requires Improvement by 2020" [S001:L40]), amber from 60%'),
	('REREF', 16, 'Percentage of referrals in the last 12 months that were re-referrals within 12 months', 'Front Door', 'percent', 1,
	 'monthly', 'low', 22, 2,
	 'Rolling 12 months to the month end: referrals made within 12 months of a previous referral of the child (DfE). Local target 22%, about the seed''s 21.06% in April 2018 [S001:L262] (its England, statistical neighbour and West Midlands values are not given), amber to 24%'),
	('LACRATE', 17, 'Rate of Looked After Children per 10,000 CYP population', 'Looked After Children', 'rate', 1,
	 'as at month end', 'low', NULL, 0,
	 'Looked-after children at the month end per 10,000 aged 0-17. No target (the seed compares with the statistical neighbours'' 89 [S001:L1311]): no RAG status, the comparator arrow only')
ON CONFLICT (code) DO UPDATE
SET sort_order = excluded.sort_order, title = excluded.title, service_area = excluded.service_area,
	unit = excluded.unit, decimals = excluded.decimals, frequency = excluded.frequency,
	polarity = excluded.polarity, target = excluded.target, tolerance = excluded.tolerance,
	description = excluded.description;

-- 2. Comparators ---------------------------------------------------------------
-- The seed's Table 2a (82.30% is 82.3), and the looked-after rate's
-- statistical neighbours from the Chair's letter.  They are the published
-- averages of the time (2016-17 and 2017-18 data): in force from 1 April
-- 2017 here, so every month the demo reports has them.  A council adds a
-- row with a later valid_from when DfE publishes the next year's.
INSERT INTO socialcare.kpi_comparator AS c (kpi, comparator, valid_from, value, label, source)
SELECT x.kpi, v.comparator, date '2017-04-01', v.value,
	   CASE v.comparator WHEN 'region' THEN 'West Midlands' END, x.source
FROM (VALUES ('PI02', 57.9, 43.3, 45.3, 'Seed 001 Appendix 1 [S001:L1255]'),
			 ('PI03', 81.5, 76.9, 77.0, 'Seed 001 Appendix 1 [S001:L1256]'),
			 ('PI04', 82.3, 82.7, 84.6, 'Seed 001 Appendix 1 [S001:L1257]'),
			 ('PI13', 20, 17, 19.2, 'Seed 001 Appendix 1 [S001:L1266]'),
			 ('PI14', 19.1, 17.8, 18.7, 'Seed 001 Appendix 1 [S001:L1267]'),
			 ('LACRATE', 89, NULL, NULL, 'Seed 001, Chair''s letter [S001:L1311]'))
	 AS x (kpi, sn, england, region, source),
	 LATERAL (VALUES ('statistical neighbours', x.sn), ('england', x.england), ('region', x.region))
	 AS v (comparator, value)
WHERE v.value IS NOT NULL
ON CONFLICT (kpi, comparator, valid_from) DO UPDATE
SET value = excluded.value, label = excluded.label, source = excluded.source;

-- 3. Monthly values --------------------------------------------------------------
-- Every month the views report (kpi.report_period: the scorecard's
-- 12 months and the 3 before, which its first months' arrows compare
-- with).  A month already loaded is restated: late recording changes last
-- month's figure, and the scorecard shows the figure as now known.
INSERT INTO socialcare.kpi_value AS v (kpi, month, value, numerator, denominator)
SELECT kpi_code, month_end, value, numerator, denominator
FROM kpi.kpi_monthly
WHERE kpi_code IN (SELECT code FROM socialcare.kpi)
ON CONFLICT (kpi, month) DO UPDATE
SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator;
