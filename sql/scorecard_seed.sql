-- Seed 001, Appendix 1 "Performance Dataset" (Sandwell Children's Trust,
-- Jan-19), rebuilt from its own numbers: the 15 KPIs, their comparators
-- and their twelve monthly values (Jan-18 to Dec-18) go into the
-- catalogue, transcribed from /work/shared/reference/seed-kpis.md §2.2
-- (Tables 2a and 2b, cell text as printed; "No available comparator data"
-- is no row).  The scorecard's arrows for Dec-18 are then compared with the
-- printed ones, with the seed's rule (seed-kpis.md §2.4): values compared
-- as displayed, rounded to whole numbers half up (compare_at => 'whole';
-- the default compares at each KPI's decimals, below).  Expected: every
-- arrow matches except the three §2.4/§2.5 explain, listed below with the reason.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

INSERT INTO kpi (code, sort_order, title, frequency, service_area, polarity, unit, decimals) VALUES
 ('PI1', 1, 'Percentage of contacts to MASH referral timeliness', 'monthly', 'Front Door', 'high', 'percent', 1),
 ('PI2', 2, 'Rate of Children on a Child Protection Plan per 10,000 CYP population', 'as at month end', 'Front Door', 'low', 'rate', 1),
 ('PI3', 3, 'Percentage of Initial Child Protection Conference (ICPC) in 15 working days', 'monthly', 'Child Protection', 'high', 'percent', 1),
 ('PI4', 4, 'Out of the total number of open Single Assessments, the percentage of assessments completed within 45 working days', 'monthly', 'Single Assessment Service', 'high', 'percent', 1),
 ('PI5', 5, 'Number of Children in need, including LAC & Children on Child Protection plan who have been unallocated for longer than five working days', 'as at month end', 'Children in Need', 'low', 'count', 0),
 ('PI6', 6, 'Percentage of young people with Child Protection Plans where 2 weekly visits have taken place', 'as at month end', 'Child Protection', 'high', 'percent', 1),
 ('PI7', 7, '% CP Plans in place and completed within six monthly intervals', 'as at month end', 'Child Protection', 'high', 'percent', 1),
 ('PI8', 8, 'Percentage of 4 weekly supervisions on Child Protection cases', 'as at month end', 'Child Protection', 'high', 'percent', 1),
 ('PI9', 9, '% of Missing children return interviews within 72 hours', 'monthly', 'Missing Children', 'high', 'percent', 1),
 ('PI10', 10, '% Children in Need Visited in the last 20 working days', 'as at month end', 'Children in Need', 'high', 'percent', 1),
 ('PI11', 11, 'Percentage Looked After Children visited in timescale according to statutory requirements.', 'as at month end', 'Looked After Children', 'high', 'percent', 1),
 ('PI12', 12, '% LAC reviews within timescales', 'cumulative', 'Looked After Children', 'high', 'percent', 1),
 ('PI13', 13, 'Vacancy rate of social workers', 'as at month end', 'Workforce', 'low', 'percent', 1),
 ('PI14', 14, 'Average overall caseloads across Children''s Services', 'as at month end', 'Caseloads', 'low', 'number', 2),
 ('PI15', 15, 'Number of random monthly case file audits rated RI and above', 'monthly', 'Quality Assurance', 'high', 'percent', 1);

-- Comparators as printed (82.30% is 82.3), in force for the whole year.
INSERT INTO kpi_comparator (kpi, comparator, valid_from, value, label)
SELECT kpi, comparator, '2018-01-01', value, CASE WHEN comparator = 'region' THEN 'West Midlands' END
FROM (VALUES ('PI2', 57.9, 43.3, 45.3), ('PI3', 81.5, 76.9, 77.0), ('PI4', 82.30, 82.70, 84.60),
             ('PI13', 20, 17, 19.20), ('PI14', 19.1, 17.8, 18.7)) AS c (kpi, sn, eng, wm),
     LATERAL (VALUES ('statistical neighbours', sn), ('england', eng), ('region', wm)) AS x (comparator, value);

-- Table 2b, Jan-18 to Dec-18, as printed without the % sign.
INSERT INTO kpi_value (kpi, month, value)
SELECT t.kpi, m.month_end, t.vals[m.i]
FROM (VALUES
 ('PI1', '{83.0,74.0,78.9,81.7,70.1,82.8,69.4,57.5,73.5,73.8,75.4,66.6}'::numeric[]),
 ('PI2', '{106.7,107.1,103.8,99.9,99.3,89.2,83,80.9,77.8,71.8,68,69.2}'),
 ('PI3', '{85.8,88.9,87.9,92.3,83.1,80.6,67.6,71.7,59.6,75.7,86.1,82.1}'),
 ('PI4', '{86.8,93.2,86.9,86.2,80.3,86.7,89.6,84.5,72.0,71.9,84.5,85.9}'),
 ('PI5', '{46,45,61,17,12,7,38,8,13,26,25,17}'),
 ('PI6', '{66.8,73.8,75.4,78.1,78.8,76.6,73.5,69.3,82.3,77.8,85.3,88.8}'),
 ('PI7', '{86.7,90.6,91.2,94.3,96.1,95.3,95.8,96.9,95.7,92.0,92.5,92.5}'),
 ('PI8', '{53.5,67.2,60.8,69.2,61.5,59.8,36.0,58.6,69.9,69.6,58.4,44.3}'),
 ('PI9', '{42.4,39.1,54.2,92.3,71.0,57.9,51.9,71.4,50.0,76.2,91.3,60.6}'),
 ('PI10', '{63.4,57.8,62.7,64.0,71.1,65.9,47.4,55.7,64.3,75.6,77.7,71.8}'),
 ('PI11', '{87.8,88.3,87.1,92.3,87.6,88.5,89.0,88.6,90.5,88.8,89.9,85.7}'),
 ('PI12', '{66.70,68.40,77.90,70.00,76.70,74.70,83.90,78.70,79.00,79.10,81.5,73.5}'),
 ('PI13', '{16.1,26.8,32.3,30.3,29.0,32.1,32.6,30.1,34.4,32.8,31.3,28.8}'),
 ('PI14', '{18.93,19.15,19.89,20.04,19.96,20.90,20.19,19.40,18.80,19.07,19.20,18.80}'),
 ('PI15', '{50.9,64.7,55.6,66.0,40.0,44.1,61.7,46.4,54.8,59.3,42.9,48.9}')) AS t (kpi, vals),
     LATERAL (SELECT e.month_end, row_number() OVER (ORDER BY e.month_end)::int AS i
              FROM month_ends('2018-01-01', '2018-12-31') AS e (month_end)) AS m;

SELECT count(*) AS kpis, count(DISTINCT month) AS months, count(value) AS values FROM kpi_value;

-- The printed arrows: Change From November, Previous Three Month Average,
-- Direction vs SN, vs Eng, vs Wmids ('-' for N/A and NA).
CREATE TEMP TABLE printed (kpi text, arrows text);
INSERT INTO printed VALUES
 ('PI1', '▼▼---'), ('PI2', '▲▼▲▲▲'), ('PI3', '▼▲▲▲▲'), ('PI4', '▲▲▲▲◄'), ('PI5', '▼▼---'),
 ('PI6', '▲▲---'), ('PI7', '◄◄---'), ('PI8', '▼▼---'), ('PI9', '▼▲---'), ('PI10', '▼▼---'),
 ('PI11', '▼▼---'), ('PI12', '▼▼---'), ('PI13', '▼▼▲▲▲'), ('PI14', '◄◄◄▲◄'), ('PI15', '▲▼---');

-- The arrows §2.4 and §2.5 show no rule on the December values reproduces.
CREATE TEMP TABLE exception (kpi text, position int, reason text);
INSERT INTO exception VALUES
 ('PI9', 2, 'Dec 60.6 is below the Sep-Nov mean 72.5, yet printed ▲; no rule fits: the cell was most likely not refreshed (§2.4)'),
 ('PI3', 3, 'Dec 82.1 vs SN 81.5: 82 = 82 at whole numbers, printed ▲; the comparator arrows fit Nov 86.1 (§2.5)'),
 ('PI4', 5, 'Dec 85.9 vs WM 84.6: 86 > 85, printed ◄; the comparator arrows fit Nov 84.5, 85 = 85 (§2.5)');

CREATE TEMP VIEW computed AS
SELECT w.kpi, a.as_at,
       concat(coalesce(w.change_arrow, '-'), coalesce(w.average_arrow, '-'),
              coalesce(w.vs_statistical_neighbours_arrow, '-'), coalesce(w.vs_england_arrow, '-'),
              coalesce(w.vs_region_arrow, '-')) AS arrows
FROM (SELECT d::date AS as_at FROM (VALUES ('2018-11-30'), ('2018-12-31')) AS a (d)) AS a,
     LATERAL scorecard_wide(a.as_at, compare_at => 'whole') AS w;

-- Every arrow of Dec-18 that differs from the printed one, with the reason
-- (a difference without a reason would show reason NULL).
SELECT p.kpi, i AS position, substr(p.arrows, i, 1) AS printed, substr(c.arrows, i, 1) AS computed, e.reason
FROM printed p
JOIN computed c ON c.kpi = p.kpi AND c.as_at = '2018-12-31'
CROSS JOIN generate_series(1, 5) AS i
LEFT JOIN exception e ON e.kpi = p.kpi AND e.position = i
WHERE substr(p.arrows, i, 1) <> substr(c.arrows, i, 1) OR e.kpi IS NOT NULL
ORDER BY 2, substr(p.kpi, 3)::int;

-- Totals: 29 of the 30 trend arrows and 13 of the 15 comparator arrows
-- match on December's values; computed from November's values all 15
-- comparator arrows match (§2.5).
SELECT count(*) FILTER (WHERE i <= 2 AND substr(p.arrows, i, 1) = substr(c.arrows, i, 1)) AS trend_matching,
       count(*) FILTER (WHERE i <= 2) AS trend_arrows,
       count(*) FILTER (WHERE i > 2 AND substr(p.arrows, i, 1) <> '-'
                        AND substr(p.arrows, i, 1) = substr(c.arrows, i, 1)) AS comparator_matching,
       count(*) FILTER (WHERE i > 2 AND substr(p.arrows, i, 1) <> '-') AS comparator_arrows
FROM printed p JOIN computed c ON c.kpi = p.kpi AND c.as_at = '2018-12-31' CROSS JOIN generate_series(1, 5) AS i;
SELECT count(*) FILTER (WHERE substr(p.arrows, i, 1) = substr(c.arrows, i, 1)) AS nov_comparator_matching,
       count(*) AS comparator_arrows
FROM printed p JOIN computed c ON c.kpi = p.kpi AND c.as_at = '2018-11-30' CROSS JOIN generate_series(3, 5) AS i
WHERE substr(p.arrows, i, 1) <> '-';

-- The December column of the long form, against seed-kpis.md §2.3:
-- change = Dec - Nov, previous_average = mean(Sep, Oct, Nov).
SELECT kpi, value, previous_value, change, change_direction, change_travel,
       round(previous_average, 2) AS previous_average, average_direction, average_travel
FROM scorecard('2018-12-31', compare_at => 'whole') WHERE is_latest ORDER BY sort_order;

-- Exact comparison (compare_at => 'exact') turns three of the seed's ◄ into
-- arrows (PI7 3m -0.90, PI14 change -0.40 and 3m -0.22): the equality rule
-- matters (§2.4).
SELECT kpi, change_arrow, average_arrow
FROM scorecard_wide('2018-12-31', compare_at => 'exact') WHERE kpi IN ('PI7', 'PI14');
-- places => 0 is the seed's rule too.
SELECT kpi, change_arrow, average_arrow, compared_at
FROM scorecard_wide('2018-12-31', places => 0) WHERE kpi IN ('PI7', 'PI14');

-- By default the arrows compare values as shown, at each KPI's decimals
-- (issue 19), and say so (compared_at).  By hand, Dec-18: PI3 (1 decimal)
-- 82.1 against SN 81.5: up (▲, as printed; whole numbers give 82 = 82);
-- PI7 (1) 92.5 against the Sep-Nov mean 93.4: down (▼; 93 = 93 whole);
-- PI14 (2) 18.80 against Nov 19.20 ▼, the mean 19.02 (19.0233...) ▼,
-- SN 19.10 ▼, England 17.80 ▲, WM 18.70 ▲ (whole: ◄ ◄ ◄ ▲ ◄); PI2 (1)
-- 69.2 against Nov 68.0 ▲, as whole.  Trend arrows matching the printed
-- ones: 26 of 30 (PI7's and PI14's ◄ become arrows); comparator arrows:
-- 12 of 15 (PI3's SN now matches; PI14's SN and WM do not).
SELECT kpi, compared_at, change_arrow, average_arrow, vs_statistical_neighbours_arrow AS vs_sn,
       vs_england_arrow AS vs_eng, vs_region_arrow AS vs_wm
FROM scorecard_wide('2018-12-31') WHERE kpi IN ('PI2', 'PI3', 'PI7', 'PI14');
SELECT count(*) FILTER (WHERE i <= 2 AND substr(p.arrows, i, 1) = substr(d.arrows, i, 1)) AS trend_matching,
       count(*) FILTER (WHERE i > 2 AND substr(p.arrows, i, 1) <> '-'
                        AND substr(p.arrows, i, 1) = substr(d.arrows, i, 1)) AS comparator_matching
FROM printed p
JOIN (SELECT w.kpi, concat(coalesce(w.change_arrow, '-'), coalesce(w.average_arrow, '-'),
                           coalesce(w.vs_statistical_neighbours_arrow, '-'), coalesce(w.vs_england_arrow, '-'),
                           coalesce(w.vs_region_arrow, '-')) AS arrows
      FROM scorecard_wide('2018-12-31') AS w) AS d ON d.kpi = p.kpi
CROSS JOIN generate_series(1, 5) AS i;
SELECT DISTINCT compared_at FROM scorecard('2018-12-31', compare_at => 'whole');
SELECT DISTINCT compared_at FROM scorecard('2018-12-31', compare_at => 'exact');

-- The wide layout for people.  PI2's sparkline by hand: min 68, max 107.1,
-- level floor((v - 68) / 39.1 * 8), capped at 7: 106.7 -> 7.9 -> 7,
-- 107.1 -> 7, 103.8 -> 7.3 -> 7, 99.9 -> 6.5 -> 6, 99.3 -> 6.4 -> 6,
-- 89.2 -> 4.3 -> 4, 83 -> 3.07 -> 3, 80.9 -> 2.6 -> 2, 77.8 -> 2.005 -> 2,
-- 71.8 -> 0.78 -> 0, 68 -> 0, 69.2 -> 0.25 -> 0: ███▇▇▅▄▃▃▁▁▁.
SELECT kpi, better_performance, statistical_neighbours, england, region, region_name,
       shown[12] AS dec_18, change_arrow, average_arrow, vs_statistical_neighbours_arrow AS vs_sn,
       vs_england_arrow AS vs_eng, vs_region_arrow AS vs_wm, rag, sparkline
FROM scorecard_wide('2018-12-31', compare_at => 'whole');
SELECT month_labels, shown FROM scorecard_wide('2018-12-31') WHERE kpi = 'PI14';

-- The table as text, for people: the seed's layout, one line a KPI, and
-- the precision the arrows compare at.
SELECT * FROM scorecard_text('2018-12-31', title_width => 30, compare_at => 'whole');
SELECT t FROM scorecard_text('2018-12-31') AS t WHERE t LIKE 'Arrows%';
SELECT t FROM scorecard_text('2018-12-31', compare_at => 'exact') AS t WHERE t LIKE 'Arrows%';
SELECT t FROM scorecard_text('2018-12-31', places => 1) AS t WHERE t LIKE 'Arrows%';
SELECT * FROM scorecard_text('2018-12-31', compare_at => 'shown');
-- checked with places too, and on an empty catalogue (below)
SELECT * FROM scorecard_text('2018-12-31', places => 1, compare_at => 'Whole');

-- A RAG status once a target is set.  The seed has none ("the contract
-- KPI's have not yet been agreed"); here the caseload pledge of 15-18
-- (S001 L1303) as target 18, low is better, amber up to 19: Dec 18.80 is
-- amber, Sep 18.80 amber, Jun 20.90 red; with 17 and 18 in Dec, green.
UPDATE kpi SET target = 18, tolerance = 1 WHERE code = 'PI14';
SELECT month_label, value, rag FROM scorecard('2018-12-31') WHERE kpi = 'PI14' AND month_label IN ('Jun-18', 'Sep-18', 'Dec-18');
UPDATE kpi_value SET value = 18 WHERE kpi = 'PI14' AND month = '2018-12-31';
SELECT month_label, value, rag FROM scorecard('2018-12-31') WHERE kpi = 'PI14' AND is_latest;
-- min(rag) is the worst status of the year.
SELECT min(rag) AS worst, max(rag) AS best FROM scorecard('2018-12-31') WHERE kpi = 'PI14';

-- The view: the 12 months up to the latest month with a value.
SELECT count(*), min(month), max(month) FROM kpi_scorecard;

DELETE FROM kpi;
SELECT count(*) FROM kpi_value;
SELECT * FROM scorecard_text('2018-12-31', compare_at => NULL);
