-- The per-backend cache of user calendars is bounded (issue 12, item 7b):
-- each user calendar costs about 650 kB, and 0.2.0 kept every one a
-- session read (1,000 calendars: 638 MB).  Now at most
-- socialcare.calendar_cache_size are kept, least recently used dropped,
-- and a call site still holding a dropped calendar looks it up again.
--
-- Calendar cache_i closes day (i - 1) % 365 of 2025.  2025 has 261
-- weekdays, 8 of them bank holidays in England and Wales (1 January,
-- 18 and 21 April, 5 and 26 May, 25 August, 25 and 26 December): 253
-- working days, less one if the closure is a weekday and no bank holiday.
SET client_min_messages = warning;
INSERT INTO socialcare.calendar (name) SELECT 'cache_' || i FROM generate_series(1, 1000) i;
INSERT INTO socialcare.calendar_day (calendar, day)
	SELECT 'cache_' || i, '2025-01-01'::date + (i - 1) % 365 FROM generate_series(1, 1000) i;
CREATE TEMP VIEW cache_expected AS
	SELECT c.name, 253 - count(*) FILTER (
			WHERE extract(isodow FROM d.day) <= 5
			AND d.day NOT IN ('2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05',
							  '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'))::int AS days
	FROM socialcare.calendar c JOIN socialcare.calendar_day d ON d.calendar = c.name
	WHERE c.name LIKE 'cache\_%'
	GROUP BY c.name;

SHOW socialcare.calendar_cache_size;

-- All 1,000 read in one session, each answer right; the cache stays small
-- (16 user calendars and a built-in one: about 11 MB; 0.2.0: 638 MB).
SELECT count(*) AS calendars,
	   count(*) FILTER (WHERE socialcare.working_days('2024-12-31', '2025-12-31', name) <> days) AS wrong
FROM cache_expected;
SELECT total_bytes < 16 * 1024 * 1024 AS bounded
FROM pg_backend_memory_contexts WHERE name = 'socialcare calendars';

-- Two call sites: the first keeps cache_2 (closed Thursday 2 January) while
-- the second reads 1,000 others, which evict cache_2 time and again; the
-- first must notice and read it again, never use a freed calendar.
SELECT count(*) FILTER (WHERE socialcare.working_days('2024-12-31', '2025-12-31', 'cache_2') <> 252) AS wrong_fixed,
	   count(*) FILTER (WHERE socialcare.working_days('2024-12-31', '2025-12-31', name) <> days) AS wrong_varying
FROM (SELECT * FROM cache_expected ORDER BY name) e;

-- A smaller cache: 2 user calendars.
SET socialcare.calendar_cache_size = 2;
SELECT count(*) FILTER (WHERE socialcare.working_days('2024-12-31', '2025-12-31', 'cache_2') <> 252) AS wrong_fixed,
	   count(*) FILTER (WHERE socialcare.working_days('2024-12-31', '2025-12-31', name) <> days) AS wrong_varying
FROM (SELECT * FROM cache_expected ORDER BY name) e;
SELECT total_bytes < 4 * 1024 * 1024 AS bounded
FROM pg_backend_memory_contexts WHERE name = 'socialcare calendars';

-- Out of range values are refused, with the range.
SET socialcare.calendar_cache_size = 0;
RESET socialcare.calendar_cache_size;

DROP VIEW cache_expected;
DELETE FROM socialcare.calendar WHERE name LIKE 'cache\_%';
