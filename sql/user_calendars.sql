-- User calendars: closure days, other weekly patterns, working overrides,
-- protection of other owners' rows, and invalidation inside a session.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;

CREATE ROLE regress_sc_council;
CREATE ROLE regress_sc_other;
GRANT USAGE ON SCHEMA socialcare TO regress_sc_council, regress_sc_other;

SET ROLE regress_sc_council;
INSERT INTO calendar (name, description) VALUES ('sandwell', 'Council closure 29-31 December');
INSERT INTO calendar_day (calendar, day, name)
SELECT 'sandwell', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;

-- 24 Dec 2025 to 2 Jan 2026: 29, 30, 31 Dec now closed as well.
SELECT working_days('2025-12-24', '2026-01-02') AS england,
       working_days('2025-12-24', '2026-01-02', 'sandwell') AS sandwell;
SELECT * FROM bank_holidays('2025-12-01', '2026-01-31', 'sandwell');
SELECT add_working_days('2025-12-24', 1, 'sandwell') AS next_after_24_dec;

-- A change is seen by the next statement; a rollback undoes it.
BEGIN;
INSERT INTO calendar_day (calendar, day, name) VALUES ('sandwell', '2026-01-02', 'Extra closure');
SELECT working_days('2025-12-24', '2026-01-02', 'sandwell') AS with_2_jan_closed;
ROLLBACK;
SELECT working_days('2025-12-24', '2026-01-02', 'sandwell') AS after_rollback;
DELETE FROM calendar_day WHERE calendar = 'sandwell' AND day = '2025-12-31';
SELECT working_days('2025-12-24', '2026-01-02', 'sandwell') AS after_delete;

-- A six-day week (Saturday working) on the Scottish base, working on a
-- bank holiday (St Andrew's Day observed 1 Dec 2025).
INSERT INTO calendar (name, base, weekmask) VALUES ('edinburgh-6day', 'scotland', '1111110');
INSERT INTO calendar_day (calendar, day, working, name) VALUES ('edinburgh-6day', '2025-12-01', true, NULL);
SELECT working_days('2025-11-28', '2025-12-02', 'scotland') AS scotland,
       working_days('2025-11-28', '2025-12-02', 'edinburgh-6day') AS six_day;
SELECT is_working_day('2025-11-29', 'edinburgh-6day') AS saturday,
       is_working_day('2025-11-30', 'edinburgh-6day') AS sunday,
       add_working_days('2025-11-28', 1, 'edinburgh-6day') AS friday_plus_1;
SELECT * FROM bank_holidays('2025-11-01', '2025-12-31', 'edinburgh-6day');

-- Changing the weekmask takes effect at once.
UPDATE calendar SET weekmask = '1111100' WHERE name = 'edinburgh-6day';
SELECT working_days('2025-11-28', '2025-12-02', 'edinburgh-6day') AS five_day;

-- The GUC can name a user calendar.
SET socialcare.calendar = 'sandwell';
SELECT working_days('2025-12-24', '2026-01-02') AS default_is_sandwell;
RESET socialcare.calendar;

-- The unknown-calendar hint lists user calendars too.
SELECT is_working_day('2025-01-01', 'sandwel');

SELECT name, base, weekmask, builtin, owner FROM calendars ORDER BY builtin DESC, name;

-- Constraints.
INSERT INTO calendar (name) VALUES ('scotland');
INSERT INTO calendar (name, base) VALUES ('x', 'wales');
INSERT INTO calendar (name, weekmask) VALUES ('x', '0000000');
INSERT INTO calendar (name, weekmask) VALUES ('x', '11111');
INSERT INTO calendar (name) VALUES (' padded');
INSERT INTO calendar_day (calendar, day) VALUES ('sandwell', '2200-01-01');
INSERT INTO calendar_day (calendar, day) VALUES ('nowhere', '2025-01-01');
INSERT INTO calendar (name, owner) VALUES ('someone-elses', 'regress_sc_other');

-- Another role can read and use the calendar but not change it.
RESET ROLE;
SET ROLE regress_sc_other;
SELECT working_days('2025-12-24', '2026-01-02', 'sandwell') AS other_role_reads;
UPDATE calendar SET weekmask = '1111111' WHERE name = 'sandwell';
DELETE FROM calendar_day WHERE calendar = 'sandwell';
INSERT INTO calendar_day (calendar, day) VALUES ('sandwell', '2026-01-05');
SELECT working_days('2025-12-24', '2026-01-02', 'sandwell') AS unchanged;
RESET ROLE;

-- Deleting a calendar removes its days; it is then unknown.
SET ROLE regress_sc_council;
DELETE FROM calendar WHERE name = 'sandwell';
SELECT count(*) FROM calendar_day WHERE calendar = 'sandwell';
SELECT is_working_day('2025-12-29', 'sandwell');
DELETE FROM calendar;
RESET ROLE;

REVOKE USAGE ON SCHEMA socialcare FROM regress_sc_council, regress_sc_other;
DROP ROLE regress_sc_council;
DROP ROLE regress_sc_other;
