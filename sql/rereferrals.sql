-- Re-referrals and reporting periods, built by hand from DfE's wording:
-- "a re-referral occurs when a child is referred within 12 months of a
-- previous referral".
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

CREATE TABLE referrals (child text, team text, referral_date date);
INSERT INTO referrals VALUES
  ('amy',  'north', '2023-01-10'),
  ('amy',  'north', '2024-01-10'),   -- exactly 12 months later: a re-referral (boundary included)
  ('amy',  'north', '2025-06-01'),   -- 17 months later: not
  ('amy',  'north', '2025-06-01'),   -- same day again: a duplicate, not a re-referral
  ('amy',  'north', '2025-07-01'),   -- a month after 1 June: yes
  ('ben',  'south', '2024-02-29'),
  ('ben',  'south', '2025-02-28'),   -- 2025-02-28 minus 12 months is 2024-02-28: yes
  ('cat',  'south', '2023-02-28'),
  ('cat',  'south', '2024-02-29'),   -- minus 12 months is 2023-02-28, the boundary: yes
  ('dan',  'north', '2024-01-01'),
  ('dan',  'north', '2024-03-01'),   -- second: yes
  ('dan',  'north', '2024-05-01'),   -- third, 2 months after the second: yes
  ('eve',  'north', '2023-12-01'),   -- before the reporting year: history only
  ('eve',  'north', '2024-04-15'),   -- yes, thanks to December 2023
  ('fay',  'south', '2024-06-30'),
  ('fay',  'south', NULL);           -- no date: no answer

SELECT child, referral_date,
       is_rereferral(referral_date) OVER w AS dfe,
       is_rereferral(referral_date, same_day_counts => true) OVER w AS same_day_counts,
       is_rereferral(referral_date, include_boundary => false) OVER w AS boundary_excluded,
       is_rereferral(referral_date, '365 days') OVER w AS within_365_days
FROM referrals
WINDOW w AS (PARTITION BY child ORDER BY referral_date)
ORDER BY child, referral_date;

-- The DfE annual figure: referrals in the year to 31 March 2025 (1 April
-- 2024 on), earlier ones used only as history.  Of eve 2024-04-15 (yes),
-- dan 2024-05-01 (yes), fay 2024-06-30 (no), ben 2025-02-28 (yes): 3 of 4.
WITH flagged AS (
  SELECT *, is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS rereferral
  FROM referrals)
SELECT financial_year(referral_date) AS year, count(*) AS referrals,
       count(*) FILTER (WHERE rereferral) AS rereferrals, round(pct(rereferral), 1) AS pct
FROM flagged WHERE referral_date IS NOT NULL
GROUP BY 1 ORDER BY 1;

-- The rolling 12 months at each month end: the 12 whole calendar months
-- ending with M's month; at March it is the annual figure.  At 28 February
-- 2025 the window starts on 1 March 2024: ben's and cat's 29 February 2024
-- are out (4 of 5, 80%; (M - 12 months, M] would keep them: 5 of 7).
WITH flagged AS (
  SELECT *, is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS rereferral
  FROM referrals)
SELECT m.month_end, count(f.referral_date) AS referrals, round(pct(f.rereferral), 1) AS rolling_pct
FROM month_ends('2024-12-01', '2025-04-30') AS m (month_end)
LEFT JOIN flagged f ON rolling_months(m.month_end) @> f.referral_date
GROUP BY m.month_end ORDER BY m.month_end;

-- By team: a team with no referrals in the window has no rate (NULL).
WITH flagged AS (
  SELECT *, is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS rereferral
  FROM referrals)
SELECT m.month_end, t.team, count(f.referral_date) AS referrals, round(pct(f.rereferral), 1) AS rolling_pct
FROM month_ends('2025-03-01', '2025-03-31') AS m (month_end)
CROSS JOIN (VALUES ('north'), ('south'), ('east')) AS t (team)
LEFT JOIN flagged f ON f.team = t.team AND rolling_months(m.month_end) @> f.referral_date
GROUP BY 1, 2 ORDER BY 1, 2;

-- Periods.
SELECT d, financial_year(d), financial_year_start(d), year_to_date(d)
FROM unnest(ARRAY[date '2019-03-31', '2019-04-01', '2000-01-15', '1999-12-31', '2024-02-29']) AS d;
SELECT count(*) AS months, min(m), max(m) FROM month_ends('2024-04-01', '2026-03-31') AS m;
SELECT * FROM month_ends('2024-01-15', '2024-03-30');   -- 31 Jan and 29 Feb only
SELECT count(*) FROM month_ends('2024-05-01', '2024-04-01');  -- reversed: an error (0.2.0 gave no rows)
SELECT year_to_date('2025-01-31') @> date '2024-04-01' AS first_day, year_to_date('2025-01-31') @> date '2025-01-31' AS last_day,
       year_to_date('2025-01-31') @> date '2025-02-01' AS after;

-- Misuse: an ORDER BY other than the date, a period that is not a
-- positive number of months or days, an infinite date.
\set VERBOSITY default
SELECT is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date DESC) FROM referrals;
SELECT is_rereferral(referral_date, '0 days') OVER (PARTITION BY child ORDER BY referral_date) FROM referrals;
SELECT is_rereferral(referral_date, '-12 months') OVER (PARTITION BY child ORDER BY referral_date) FROM referrals;
SELECT is_rereferral(referral_date, '36 hours') OVER (PARTITION BY child ORDER BY referral_date) FROM referrals;
SELECT is_rereferral(d) OVER (ORDER BY d) FROM (VALUES (date '2024-01-01'), ('infinity')) AS t (d);
SELECT is_rereferral(d, NULL) OVER (ORDER BY d) AS null_period FROM (VALUES (date '2024-01-01')) AS t (d);

DROP TABLE referrals;

-- Arguments may vary from row to row.
SELECT d, w, s, is_rereferral(d, w, s) OVER (ORDER BY d, w, s) AS rereferral
FROM (VALUES (date '2023-01-01', interval '1 month', false), ('2024-06-01', '1 month', false),
             ('2024-06-01', '24 months', false), ('2024-06-01', '1 month', true)) AS t (d, w, s)
ORDER BY d, w, s;
