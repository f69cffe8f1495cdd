-- The KPI catalogue checks what it is given (issue 19): words in the case
-- the scorecard prints are stored in one form, unknown ones are errors
-- listing the allowed words, and a value must fit its KPI's unit.
-- Expected values worked out by hand in the comments.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

-- Words: the seed's table wordings ('High', 'As at Month End') and its
-- 'rolling 12 months'; 'Percentage' and 'SN' are other wordings.
INSERT INTO kpi (code, title, polarity, unit, frequency) VALUES
 ('W1', 'words', 'High', 'Percentage', 'As at Month End'),
 ('W2', 'words', ' LOW ', 'Rate', 'rolling 12 months'),
 ('W3', 'words', 'low', 'COUNT', 'Cumulative');
INSERT INTO kpi_comparator (kpi, comparator, valid_from, value) VALUES
 ('W1', 'SN', '2024-01-01', 80), ('W1', 'England', '2024-01-01', 81), ('W1', 'Region', '2024-01-01', 82);
SELECT code, polarity, unit, frequency FROM kpi ORDER BY code;
SELECT comparator FROM kpi_comparator ORDER BY comparator;
-- UPDATE maps too.
UPDATE kpi SET polarity = 'Higher', frequency = 'Monthly' WHERE code = 'W3';
SELECT polarity, frequency FROM kpi WHERE code = 'W3';
-- Unknown words: 23514, the allowed ones in the hint.
INSERT INTO kpi (code, title, polarity) VALUES ('W4', 'words', 'hi');
\echo :LAST_ERROR_SQLSTATE
INSERT INTO kpi (code, title, polarity, unit) VALUES ('W4', 'words', 'high', 'ratio');
INSERT INTO kpi (code, title, polarity, frequency) VALUES ('W4', 'words', 'high', 'rolling 11 months');
UPDATE kpi SET unit = 'per 10,000' WHERE code = 'W2';
INSERT INTO kpi_comparator (kpi, comparator, valid_from, value) VALUES ('W1', 'Wales', '2024-01-01', 1);
-- A NULL is NOT NULL's to report.
INSERT INTO kpi (code, title, polarity) VALUES ('W4', 'words', NULL);
-- The CHECKs stay as a backstop: with the trigger off, 'High' is refused.
ALTER TABLE kpi DISABLE TRIGGER validate;
INSERT INTO kpi (code, title, polarity) VALUES ('W4', 'words', 'High');
ALTER TABLE kpi ENABLE TRIGGER validate;

-- Values of a percent KPI (W1, 1 decimal shown).
INSERT INTO kpi_value (kpi, month, value) VALUES ('W1', '2025-01-31', 186);
\echo :LAST_ERROR_SQLSTATE
INSERT INTO kpi_value (kpi, month, value) VALUES ('W1', '2025-01-31', -0.1);
-- 9 of 10 is 90%, not 50.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-01-31', 50, 9, 10);
-- 0.86 alone is a possible percentage (0.86%); with 86 of 100 it is not.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-01-31', 0.86, 86, 100);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-01-31', 90, 11, 10);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-01-31', 0, 0, 0);
-- 2 of 3 is 66.666...%: to half a unit of the last decimal shown, the
-- KPI's 1 or the value's own if fewer.  66.7: |0.033| <= 0.05, stored;
-- 67 (no decimal): |0.333| <= 0.5, stored; 66.67 (2 decimals, 1 shown):
-- |0.003| <= 0.05, stored; 66.6: |0.067| > 0.05 and 67.00: |0.333| > 0.05,
-- refused.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-01-31', 66.7, 2, 3);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-02-28', 67, 2, 3);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-03-31', 66.67, 2, 3);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-04-30', 66.6, 2, 3);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-04-30', 67.00, 2, 3);
-- On the edge: 1 of 8 is 12.5%; 12.45 and 12.55 are 0.05 away, stored
-- (12.55 has 2 decimals: half a unit of the 1 shown); 12.4 is 0.1 away.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-04-30', 12.45, 1, 8);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-05-31', 12.55, 1, 8);
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-06-30', 12.4, 1, 8);
-- A gap with its counts, 0 of 0 with no value, and a value without counts.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES
 ('W1', '2025-06-30', NULL, 3, 4), ('W1', '2025-07-31', NULL, 0, 0), ('W1', '2025-08-31', 0.86, NULL, NULL);
-- ... but the gap's counts still need numerator <= denominator.
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-09-30', NULL, 5, 4);
-- UPDATE is checked when it changes the value or its counts.
UPDATE kpi_value SET numerator = 1 WHERE kpi = 'W1' AND month = '2025-01-31';
UPDATE kpi_value SET value = 100.5 WHERE kpi = 'W1' AND month = '2025-08-31';
UPDATE kpi_value SET value = 75, numerator = 3, denominator = 4 WHERE kpi = 'W1' AND month = '2025-06-30';
SELECT month, value, numerator, denominator FROM kpi_value WHERE kpi = 'W1' ORDER BY month;

-- A rate is 0 or more (W2); a count is whole and 0 or more (W3); a number
-- is anything finite.
INSERT INTO kpi_value (kpi, month, value) VALUES ('W2', '2025-01-31', -0.1);
INSERT INTO kpi_value (kpi, month, value) VALUES ('W2', '2025-01-31', 1000000);
INSERT INTO kpi_value (kpi, month, value) VALUES ('W3', '2025-01-31', 2.5);
INSERT INTO kpi_value (kpi, month, value) VALUES ('W3', '2025-01-31', -1);
INSERT INTO kpi_value (kpi, month, value) VALUES ('W3', '2025-01-31', 3.0);
INSERT INTO kpi (code, title, polarity, unit) VALUES ('W5', 'a ratio', 'low', 'number');
INSERT INTO kpi_value (kpi, month, value) VALUES ('W5', '2025-01-31', -5.25);
-- NaN and infinity: the CHECK constraints, as before.
INSERT INTO kpi_value (kpi, month, value) VALUES ('W1', '2025-10-31', 'Infinity');
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2025-10-31', 1, 'NaN', 1);

-- Changing a unit or decimals is refused while a value does not fit:
-- W2's 1000000 is not a percentage; W1's values are not counts (66.7 the
-- first; 66.67, 12.45, 12.55 and 0.86: 4 more).
UPDATE kpi SET unit = 'percent' WHERE code = 'W2';
UPDATE kpi SET unit = 'count' WHERE code = 'W1';
-- W1 at 2 decimals: 66.67 is 0.0033 from 2 of 3 (<= 0.005), 66.7 keeps its
-- own 1 decimal (0.05), 12.45 and 12.55 are 0.05 from 12.5 (> 0.005):
-- 12.45 the first, 1 more.
UPDATE kpi SET decimals = 2 WHERE code = 'W1';
UPDATE kpi_value SET value = 12.5 WHERE kpi = 'W1' AND month IN ('2025-04-30', '2025-05-31');
UPDATE kpi SET decimals = 2 WHERE code = 'W1';
SELECT code, unit, decimals FROM kpi WHERE code = 'W1';
-- W3's 3.0 is also a rate.
UPDATE kpi SET unit = 'rate' WHERE code = 'W3';

-- Rows stored before the check (a 0.2.0 installation; here with the
-- trigger off) stay, and writing other rows works; kpi_value_problem finds
-- them.  Writing one again checks it.
ALTER TABLE kpi_value DISABLE TRIGGER validate;
INSERT INTO kpi_value (kpi, month, value, numerator, denominator) VALUES ('W1', '2024-12-31', 50, 9, 10);
ALTER TABLE kpi_value ENABLE TRIGGER validate;
INSERT INTO kpi_value (kpi, month, value) VALUES ('W1', '2024-11-30', 40);
SELECT v.kpi, v.month, kpi_value_problem(k.unit, k.decimals, v.value, v.numerator, v.denominator) AS problem
FROM kpi_value v JOIN kpi k ON k.code = v.kpi
WHERE kpi_value_problem(k.unit, k.decimals, v.value, v.numerator, v.denominator) IS NOT NULL;
UPDATE kpi_value SET value = 51 WHERE kpi = 'W1' AND month = '2024-12-31';
UPDATE kpi_value SET value = 90 WHERE kpi = 'W1' AND month = '2024-12-31';

-- kpi_value_problem by hand.
SELECT u, kpi_value_problem(u, 1, v, n, d) AS problem
FROM (VALUES ('percent', 100.0, NULL, NULL), ('percent', 100.01, NULL, NULL), ('percent', 0, 0, 1),
             ('percent', NULL, 2, 1), ('percent', 5, NULL, 0), ('percent', 33.3, 1, 3), ('percent', 33.4, 1, 3),
             ('rate', -1, NULL, NULL), ('count', 1.5, NULL, NULL), ('count', 7, 9, 1), ('number', -1e6, 9, 1),
             ('percent', NULL, NULL, NULL)) AS t (u, v, n, d);

DELETE FROM kpi;
