-- Bugs the fuzz targets (test/fuzz/fuzz_months.c, fuzz_timescale.c,
-- fuzz_rag.c) found in the pure-C core, seen from SQL: each was a wrong
-- answer, not an error.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
SET timezone = 'UTC';

-- start + 2147483647 days is far past 9999-12-31, so the episode ended
-- within it: true (the int32 sum wrapped round to a date before the start).
SELECT ended_within('9999-12-31', '9999-12-31', '2147483647 days') AS within_huge_period;
-- The second plan starts within 2147483647 days of the first one's end
-- (0001-02-01): a repeat plan (start - days wrapped round to a date after it).
SELECT s, is_repeat_plan(s, e, '2147483647 days') OVER (ORDER BY s) AS repeat_plan
FROM (VALUES (date '0001-01-01', date '0001-02-01'), ('0001-03-01', '0001-04-01')) AS t (s, e);

-- A phase step 100,000,000 months (8,333,333 years) after the episode start
-- never applies in 2025: the 4th event after 2025-01-01 is due a week later,
-- 2025-01-08 (the day number wrapped round to the past, giving the 12-month step).
INSERT INTO timescale (code, description, amount, unit, from_event, to_event)
VALUES ('fz_weekly', 'Weekly visit', 1, 'weeks', 'previous visit', 'visit'),
       ('fz_yearly', 'Yearly visit', 12, 'months', 'previous visit', 'visit');
INSERT INTO timescale_chain (chain, step, timescale, after_months)
VALUES ('fz_chain', 1, 'fz_weekly', NULL), ('fz_chain', 2, 'fz_yearly', 100000000);
SELECT chain_next_due('fz_chain', '2020-01-01', 3, '2025-01-01') AS next_due;
DELETE FROM timescale_chain WHERE chain = 'fz_chain';
DELETE FROM timescale WHERE code IN ('fz_weekly', 'fz_yearly');

-- Subnormal values 3 and 4 x 2^-1074: the minimum is the lowest bar, the
-- maximum the highest (halving both gave an empty range, all lowest bars).
SELECT sparkline(v ORDER BY i) AS subnormal
FROM (VALUES (1, 3 * 4.9406564584124654e-324::float8), (2, 4 * 4.9406564584124654e-324::float8)) AS t (i, v);

-- The widest lateness an hours timescale can have: from the first valid
-- timestamp (4714-11-24 BC, Julian day 0, -211813488000000000 us from 2000)
-- to 294276-12-31 23:00 (9223371327600000000 us): 9435184815600000000 us
-- = 2620884671 hours, less the 72 allowed = 2620884599 (the int64
-- difference overflowed).
SELECT lateness('return_interview', '4714-11-24 00:00:00+00 BC', '294276-12-31 23:00:00+00') AS hours_late;
