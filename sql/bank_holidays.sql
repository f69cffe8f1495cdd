-- Bank holidays from the rules, against GOV.UK's published list and the
-- statutory history before it.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

CREATE TEMP TABLE govuk (division text, day date, title text);
\copy govuk FROM 'test/data/bank-holidays-govuk.csv' WITH (FORMAT csv, HEADER true)
SELECT division, count(*) FROM govuk GROUP BY division ORDER BY division;

-- Every GOV.UK day of 2012-2028 and no other: expect no rows.
SELECT coalesce(g.division, b.calendar) AS division, coalesce(g.day, b.day) AS day,
       g.title AS govuk, b.name AS ours
FROM govuk g
FULL JOIN (SELECT h.* FROM unnest(ARRAY['england-and-wales', 'scotland', 'northern-ireland']) AS c,
                 bank_holidays('2012-01-01', '2028-12-31', c) AS h) b
  ON b.calendar = g.division AND b.day = g.day
WHERE g.day IS NULL OR b.day IS NULL;

-- Titles agree too, but for GOV.UK's own swap in Scotland 2023: when
-- 1 January is a Sunday it labelled Monday 2 January "2nd January" (2012,
-- 2017, as the 1971 Act words it) and in 2023 "New Year's Day".
SELECT g.division, g.day, g.title AS govuk, b.name AS ours
FROM govuk g
JOIN (SELECT h.* FROM unnest(ARRAY['england-and-wales', 'scotland', 'northern-ireland']) AS c,
            bank_holidays('2012-01-01', '2028-12-31', c) AS h) b
  ON b.calendar = g.division AND b.day = g.day
WHERE g.title <> b.name
ORDER BY 1, 2;

SELECT * FROM bank_holidays('2012-01-01', '2012-01-05', 'scotland');
SELECT * FROM bank_holidays('2017-01-01', '2017-01-05', 'scotland');

-- One year in full per division.
SELECT * FROM bank_holidays('2022-01-01', '2022-12-31');
SELECT * FROM bank_holidays('2026-01-01', '2026-12-31', 'scotland');
SELECT * FROM bank_holidays('2026-01-01', '2026-12-31', 'northern-ireland');

-- Christmas on a Saturday (2010), a Sunday (2011) and a Friday (2015).
SELECT day, to_char(day, 'Dy') AS dow, name
FROM bank_holidays('2010-12-24', '2010-12-31')             -- Christmas Saturday
UNION ALL SELECT day, to_char(day, 'Dy'), name FROM bank_holidays('2011-12-24', '2011-12-31')   -- Sunday
UNION ALL SELECT day, to_char(day, 'Dy'), name FROM bank_holidays('2015-12-24', '2015-12-31')   -- Friday
ORDER BY day;

-- Statutory history before GOV.UK's list.
SELECT d, EXISTS (SELECT 1 FROM bank_holidays(d, d) h) AS england,
       EXISTS (SELECT 1 FROM bank_holidays(d, d, 'scotland')) AS scotland,
       EXISTS (SELECT 1 FROM bank_holidays(d, d, 'northern-ireland')) AS northern_ireland,
       (SELECT name FROM bank_holidays(d, d, 'northern-ireland')) AS name
FROM unnest(ARRAY[
  date '1973-01-01',   -- New Year's Day: Scotland only before 1974
  '1974-01-01',
  '1973-11-14',        -- wedding of Princess Anne
  '1977-05-02',        -- first Monday in May: Scotland only before 1978
  '1978-05-01',
  '1977-05-30',        -- Spring holiday moved to 6 June 1977
  '1977-06-06',
  '1977-06-07',        -- Silver Jubilee
  '1981-07-29',        -- royal wedding
  '1995-05-01',        -- Early May moved to VE day, 8 May 1995
  '1995-05-08',
  '1999-12-31',        -- millennium
  '2002-05-27',        -- Spring holiday moved to 4 June 2002
  '2002-06-03',        -- Golden Jubilee
  '2002-06-04',
  '2006-11-30',        -- St Andrew's Day: from 2007
  '2007-11-30',
  '2011-04-29',        -- royal wedding
  '2026-06-15'         -- Scotland: World Cup
]) AS d
ORDER BY d;

-- Easter in March and in April; Scotland has no Easter Monday.
SELECT * FROM bank_holidays('2024-03-01', '2024-04-30');
SELECT * FROM bank_holidays('2024-03-01', '2024-04-30', 'scotland');
SELECT * FROM bank_holidays('2038-04-01', '2038-04-30');

-- Holidays per division and year stay plausible over the whole range.
SELECT calendar, min(n), max(n)
FROM (SELECT calendar, extract(year FROM day) AS y, count(*) AS n
      FROM unnest(ARRAY['england-and-wales', 'scotland', 'northern-ireland']) AS c,
           bank_holidays('1971-01-01', '2199-12-31', c)
      GROUP BY 1, 2) AS t
GROUP BY calendar ORDER BY calendar;

-- A reversed range is an error (0.2.0 gave no rows); NULL is NULL.
SELECT count(*) FROM bank_holidays('2025-12-31', '2025-01-01');
SELECT count(*) FROM bank_holidays(NULL, '2025-01-01');

-- Issue 16: Scotland to the sources.  1995: 8 May in addition to 1 May
-- (HC Deb 2 March 1995 vol 255 c709W); England, Wales and Northern Ireland
-- moved theirs from 1 to 8 May.  2010 and 2011: no proclamation gave a
-- Saturday substitute, so no 4 January (Sat 2 Jan 2010; Sat 1 Jan 2011,
-- when Sun 2 Jan gave Mon 3 Jan by the Act).  2005: the proclamation gave
-- 4 January.
SELECT c, array_agg(day ORDER BY day) AS days
FROM unnest(ARRAY['england-and-wales', 'scotland', 'northern-ireland']) AS c,
     bank_holidays('1995-04-30', '1995-05-31', c)
GROUP BY c ORDER BY c;
SELECT day, to_char(day, 'Dy') AS dow, name, source
FROM bank_holidays('2009-12-20', '2011-01-10', 'scotland')
WHERE day < '2010-02-01' OR day > '2010-12-01';
SELECT day, name FROM bank_holidays('2005-01-01', '2005-01-10', 'scotland');
SELECT d, EXISTS (SELECT 1 FROM bank_holidays(d, d, 'scotland')) AS scotland,
       EXISTS (SELECT 1 FROM bank_holidays(d, d)) AS england
FROM unnest(ARRAY[date '2010-01-04', '2011-01-04', '2011-01-03', '1995-05-01', '1995-05-08']) AS d;

-- Every day has a source; the kinds of source in each division.
SELECT c, count(*) AS days, count(*) FILTER (WHERE source IS NULL OR source = '') AS without,
       count(*) FILTER (WHERE source LIKE 'Banking and Financial Dealings Act 1971%') AS act_1971,
       count(*) FILTER (WHERE source LIKE 'Royal proclamation%') AS proclamation,
       count(*) FILTER (WHERE source LIKE 'Common law%') AS common_law,
       count(*) FILTER (WHERE source LIKE '%not verified%'
                          OR source LIKE '%secondary sources%') AS uncertain
FROM unnest(ARRAY['england-and-wales', 'scotland', 'northern-ireland']) AS c,
     bank_holidays('1971-01-01', '2199-12-31', c)
GROUP BY c ORDER BY c;
SELECT day, name, source FROM bank_holidays('2022-12-24', '2023-01-05', 'scotland');
