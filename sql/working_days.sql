-- Working-day arithmetic: the DfE convention (start is day 0), Excel's
-- NETWORKDAYS, offsets, and every edge.  Expected values are typed by
-- hand from the calendar (definitions.md section 1.4 for the first table).
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

-- The worked examples of definitions.md 1.4 (England and Wales).
SELECT s, f, working_days(s, f) AS elapsed, e AS expected_elapsed,
       working_days_inclusive(s, f) AS inclusive, i AS expected_inclusive,
       working_days(s, f) = e AND working_days_inclusive(s, f) = i AS ok
FROM (VALUES
  (date '2025-03-03', date '2025-03-03', 0, 1),   -- same working day
  ('2025-03-03', '2025-03-04', 1, 2),             -- Monday to Tuesday
  ('2025-03-07', '2025-03-10', 1, 2),             -- Friday to Monday
  ('2025-04-17', '2025-04-22', 1, 2),             -- over Good Friday and Easter Monday
  ('2025-03-08', '2025-03-10', 1, 1),             -- Saturday start
  ('2024-12-20', '2025-01-02', 6, 7)              -- over 25, 26 Dec and 1 Jan
) AS t (s, f, e, i);

SELECT d, n, add_working_days(d, n) AS got, e AS expected, add_working_days(d, n) = e AS ok
FROM (VALUES
  (date '2025-03-03', 45, date '2025-05-08'),
  ('2024-12-02', 45, '2025-02-06'),
  ('2024-12-18', 15, '2025-01-13'),
  ('2025-04-01', 45, '2025-06-09'),
  ('2023-04-28', 15, '2023-05-23'),   -- 1 May and 8 May 2023 skipped
  ('2022-09-01', 15, '2022-09-23')    -- 19 September 2022 skipped
) AS t (d, n, e);

-- Weekend and holiday endpoints, reversed spans.
SELECT s, f, working_days(s, f) AS elapsed, e AS expected, working_days(s, f) = e AS ok
FROM (VALUES
  (date '2025-03-08', date '2025-03-09', 0),   -- Saturday to Sunday
  ('2025-03-07', '2025-03-09', 0),             -- Friday to Sunday
  ('2025-03-09', '2025-03-08', 0),             -- reversed weekend
  ('2025-03-04', '2025-03-03', -1),            -- reversed: minus Monday to Tuesday
  ('2025-03-10', '2025-03-07', -1),            -- reversed over a weekend
  ('2025-03-03', '2025-03-31', 20),            -- four whole weeks
  ('2025-03-31', '2025-03-03', -20),
  ('2025-12-24', '2025-12-29', 1),             -- Wed to Mon: 25, 26 Dec holidays
  ('2025-12-25', '2025-12-26', 0),             -- holiday to holiday
  ('2025-12-25', '2026-01-02', 4),             -- 29, 30, 31 Dec and 2 Jan
  ('2021-12-24', '2022-01-04', 4),             -- 2021: Christmas Sat, 27 and 28 Dec off; 3 Jan off
  ('2022-12-23', '2023-01-03', 4),             -- 2022: Christmas Sun, 26 and 27 Dec off; 2 Jan off
  ('2016-03-24', '2016-03-29', 1),             -- Easter in March: 25 and 28 Mar off
  ('2024-02-28', '2024-03-01', 2),             -- over 29 February
  ('2023-02-28', '2023-03-01', 1),             -- no 29 February
  ('2024-12-31', '2025-01-01', 0),             -- year end onto New Year's Day
  ('2020-05-07', '2020-05-11', 1),             -- VE day Friday 8 May 2020
  ('2022-06-01', '2022-06-06', 1),             -- Platinum Jubilee: 2 and 3 June
  ('2024-12-31', '2025-12-31', 253),           -- 2025: 261 weekdays, 8 bank holidays
  ('2021-12-31', '2022-12-31', 250)            -- 2022: 260 weekdays, 10 on weekdays
) AS t (s, f, e);

-- Offsets from weekends and holidays, n = 0, negative n.
SELECT d, n, add_working_days(d, n) AS got, e AS expected, add_working_days(d, n) = e AS ok
FROM (VALUES
  (date '2025-03-08', 0, date '2025-03-08'),   -- n = 0 keeps even a Saturday
  ('2025-03-08', 1, '2025-03-10'),             -- Saturday + 1 = Monday
  ('2025-03-08', -1, '2025-03-07'),            -- Saturday - 1 = Friday
  ('2025-03-10', -1, '2025-03-07'),            -- Monday - 1 = Friday
  ('2025-03-07', 1, '2025-03-10'),             -- Friday + 1 = Monday
  ('2025-12-24', 1, '2025-12-29'),
  ('2025-12-29', -1, '2025-12-24'),
  ('2025-12-25', -1, '2025-12-24'),            -- from a holiday
  ('2025-12-25', 1, '2025-12-29'),
  ('2025-04-22', -1, '2025-04-17'),            -- back over Easter
  ('2024-02-28', 1, '2024-02-29'),
  ('2025-03-31', -20, '2025-03-03')
) AS t (d, n, e);

-- The nearest working day on or after / on or before.
SELECT d, working_day_on_or_after(d) AS on_or_after, a AS expected_after,
       working_day_on_or_before(d) AS on_or_before, b AS expected_before,
       working_day_on_or_after(d) = a AND working_day_on_or_before(d) = b AS ok
FROM (VALUES
  (date '2025-03-05', date '2025-03-05', date '2025-03-05'),   -- a Wednesday
  ('2025-03-08', '2025-03-10', '2025-03-07'),                  -- Saturday
  ('2025-03-09', '2025-03-10', '2025-03-07'),                  -- Sunday
  ('2025-04-18', '2025-04-22', '2025-04-17'),                  -- Good Friday
  ('2021-12-25', '2021-12-29', '2021-12-24')                   -- Christmas Saturday
) AS t (d, a, b);

SELECT d, is_working_day(d) AS working
FROM (VALUES (date '2025-03-07'), ('2025-03-08'), ('2025-12-25'), ('2026-06-15'),
             ('2022-09-19'), ('2020-05-04'), ('2020-05-08')) AS t (d);

-- The defining identities, for every day of 2024-2026 and n in -30..30:
-- working_days(d, add_working_days(d, n)) = n on working days.
SELECT count(*) AS violations
FROM generate_series(date '2024-01-01', date '2026-12-31', '1 day') AS g (d),
     generate_series(-30, 30) AS n
WHERE is_working_day(d::date)
  AND working_days(d::date, add_working_days(d::date, n)) <> n;

-- "Within 15 working days" as a due date: finish <= add_working_days(s, 15)
-- agrees with working_days(s, finish) <= 15 whenever finish is a working
-- day.  A finish on the weekend after the due date counts 15 but is after
-- it (the first query shows such pairs); the exact due-date form is
-- finish < add_working_days(s, 16).
SELECT s.d::date AS start, f.d::date AS finish, working_days(s.d::date, f.d::date) AS elapsed,
       add_working_days(s.d::date, 15) AS due
FROM generate_series(date '2024-11-01', date '2025-02-28', '1 day') AS s (d),
     generate_series(date '2024-11-01', date '2025-04-30', '1 day') AS f (d)
WHERE f.d >= s.d
  AND (f.d::date <= add_working_days(s.d::date, 15)) <> (working_days(s.d::date, f.d::date) <= 15)
ORDER BY 1, 2 LIMIT 3;

SELECT count(*) FILTER (WHERE is_working_day(f.d::date)
                        AND (f.d::date <= add_working_days(s.d::date, 15))
                            <> (working_days(s.d::date, f.d::date) <= 15)) AS working_finish_violations,
       count(*) FILTER (WHERE (f.d::date < add_working_days(s.d::date, 16))
                              <> (working_days(s.d::date, f.d::date) <= 15)) AS exact_form_violations
FROM generate_series(date '2024-11-01', date '2025-02-28', '1 day') AS s (d),
     generate_series(date '2024-11-01', date '2025-04-30', '1 day') AS f (d)
WHERE f.d >= s.d;

-- Inclusive versus elapsed: NETWORKDAYS - 1 only when the start works.
SELECT count(*) AS violations
FROM generate_series(date '2025-01-01', date '2025-03-31', '1 day') AS s (d),
     generate_series(date '2025-01-01', date '2025-03-31', '1 day') AS f (d)
WHERE f.d >= s.d
  AND working_days_inclusive(s.d::date, f.d::date)
      <> working_days(s.d::date, f.d::date) + is_working_day(s.d::date)::int;

-- Antisymmetry of both counts (the inclusive one apart from the same day,
-- which counts 1 either way, as in Excel).
SELECT count(*) AS violations
FROM generate_series(date '2025-12-01', date '2026-01-31', '1 day') AS s (d),
     generate_series(date '2025-12-01', date '2026-01-31', '1 day') AS f (d)
WHERE working_days(s.d::date, f.d::date) <> -working_days(f.d::date, s.d::date)
   OR (s.d <> f.d AND working_days_inclusive(s.d::date, f.d::date)
                      <> -working_days_inclusive(f.d::date, s.d::date));

-- NULL in, NULL out.
SELECT working_days(NULL, date '2025-01-01') IS NULL AS a,
       working_days(date '2025-01-01', NULL) IS NULL AS b,
       working_days(date '2025-01-01', date '2025-01-02', NULL) IS NULL AS c,
       add_working_days(NULL, 1) IS NULL AS d,
       add_working_days(date '2025-01-01', NULL) IS NULL AS e,
       is_working_day(NULL) IS NULL AS f,
       working_days_inclusive(NULL, NULL) IS NULL AS g,
       working_day_on_or_after(NULL) IS NULL AS h;

-- Divisions: Scotland has 2 January and no Easter Monday; Northern Ireland
-- has St Patrick's Day and the Boyne.
SELECT calendar, working_days('2025-04-17', '2025-04-22', calendar) AS easter,
       working_days('2025-01-01', '2025-01-03', calendar) AS new_year,
       working_days('2025-03-16', '2025-03-18', calendar) AS st_patrick,
       working_days('2025-07-11', '2025-07-15', calendar) AS boyne,
       working_days('2025-08-01', '2025-08-05', calendar) AS first_aug,
       working_days('2025-08-22', '2025-08-26', calendar) AS last_aug
FROM (VALUES ('england-and-wales'), ('scotland'), ('northern-ireland')) AS t (calendar);

-- The GUC sets the default calendar.
SHOW socialcare.calendar;
SET socialcare.calendar = 'scotland';
SELECT working_days('2025-04-17', '2025-04-22') AS scotland_easter,
       is_working_day('2025-01-02') AS scotland_2_jan;
RESET socialcare.calendar;
SELECT working_days('2025-04-17', '2025-04-22') AS default_easter,
       is_working_day('2025-01-02') AS default_2_jan;

-- The calendar may change from row to row.
SELECT c, working_days('2025-04-17', '2025-04-22', c) AS easter
FROM unnest(ARRAY['scotland', 'england-and-wales', 'scotland', 'northern-ireland', 'scotland']) AS c;
