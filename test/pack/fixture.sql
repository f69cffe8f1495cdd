-- test/pack/fixture.sql: a catalogue for the board pack's browser tests
-- (test/pack/run.sh): every RAG status in the latest month, HTML-special
-- characters in titles, descriptions, service areas and the region's
-- name, a month with NULLs, gaps, and small counts to suppress.
INSERT INTO socialcare.kpi (code, sort_order, title, frequency, service_area, polarity, unit, decimals, target, tolerance, description) VALUES
 ('K1', 1, 'Contacts <script>alert("k1")</script> & referrals', 'monthly', 'Front <Door>', 'high', 'percent', 1, 80, 10, 'A description with <b>tags</b> & "quotes"'),
 ('K2', 2, 'Children on a plan per 10,000 (low is better)', 'as at month end', 'Front <Door>', 'low', 'rate', 1, 60, 8, NULL),
 ('K3', 3, 'Visits on time', 'as at month end', 'Children ''in'' Need', 'high', 'percent', 1, 90, 5, NULL),
 ('K4', 4, 'Unallocated children', 'as at month end', 'Children ''in'' Need', 'low', 'count', 0, NULL, 0, NULL);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label) VALUES
 ('K2', 'statistical neighbours', '2018-01-01', 57.9, NULL),
 ('K2', 'england', '2018-01-01', 43.3, NULL),
 ('K2', 'region', '2018-01-01', 45.3, 'West & <Midlands>');
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator)
SELECT t.kpi, m.month_end, t.vals[m.i], t.nums[m.i]
FROM (VALUES
 ('K1', '{83.0,74.0,NULL,81.7,70.1,82.8,69.4,57.5,73.5,73.8,75.4,66.6}'::numeric[], NULL::numeric[]),
 ('K2', '{106.7,107.1,103.8,99.9,99.3,89.2,83,80.9,77.8,71.8,68,69.2}', NULL),
 ('K3', '{88,89,91,92,90,93,94,NULL,NULL,95,96,97}', NULL),
 ('K4', '{46,45,61,17,12,NULL,38,8,13,3,5,17}', '{46,45,61,17,12,NULL,38,8,13,3,5,17}')) AS t (kpi, vals, nums),
     LATERAL (SELECT e.month_end, row_number() OVER (ORDER BY e.month_end)::int AS i
              FROM socialcare.month_ends('2018-01-01', '2018-12-31') AS e (month_end)) AS m;
-- K1 red (66.6 < 70), K2 amber (69.2 within 8 of 60), K3 green (97 >= 90), K4 none
