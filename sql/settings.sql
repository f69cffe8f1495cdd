-- The settings socialcare.*: checked when set, and a value set before the
-- library is loaded (a placeholder) never falls back to the default.
-- Each pg_regress test is a new session, and nothing has loaded the
-- library yet: SHOW cannot know the parameter (PostgreSQL defines it when
-- the library loads; doc/working-days.md#the-default-calendar).
SHOW socialcare.calendar;

-- A typo set before the library is loaded is kept as a placeholder; the
-- first call loads the library and fails naming it (not England's answer).
-- (An enum's bad value is dropped by PostgreSQL with a WARNING: impossible
-- rows are then errors, the default, whose hint names the setting.)
SET socialcare.calendar = 'scotand';
SET socialcare.impossible_rows = 'nul';
SELECT socialcare.working_days('2024-12-20', '2025-01-06');
SHOW socialcare.calendar;
SHOW socialcare.impossible_rows;
SELECT socialcare.working_days('2024-12-20', '2025-01-06', 'scotland');   -- 7
-- Now the library is loaded: the typo is refused when set, with a hint.
SET socialcare.calendar = 'scotand';
SET socialcare.calendar = 'england';
SET socialcare.calendar = '';
SET socialcare.calendar = 'scotland ';
SELECT set_config('socialcare.calendar', 'Scotland', false);
SHOW socialcare.calendar;                    -- still the placeholder's value
RESET socialcare.calendar;
SHOW socialcare.calendar;
SELECT socialcare.working_days('2024-12-20', '2025-01-06');              -- 8: England

-- A good name set before the library is loaded is used.
\c
SET socialcare.calendar = 'scotland';
SELECT socialcare.working_days('2024-12-20', '2025-01-06');              -- 7: Scotland
SHOW socialcare.calendar;
-- The other settings: an enum refuses a bad value with the accepted ones,
-- and a misspelt name under socialcare. is refused once the library is loaded.
SET socialcare.impossible_rows = 'nul';
SET socialcare.calendar_cache_size = 0;
SET socialcare.calender = 'scotland';
SHOW socialcare.impossible_rows;
SHOW socialcare.calendar_cache_size;

-- User calendars: accepted by SET once they exist in this database.
CREATE ROLE regress_sc_settings;
INSERT INTO socialcare.calendar (name) VALUES ('settings_council');
SET socialcare.calendar = 'settings_council';
SELECT socialcare.working_days('2024-12-20', '2025-01-06');              -- 8: England's base
SET socialcare.calendar = 'settings_counsil';

-- ALTER DATABASE, ALTER ROLE and a function's SET clause check the name too.
DO $$ BEGIN
	EXECUTE format('ALTER DATABASE %I SET socialcare.calendar = %L', current_database(), 'scotand');
END $$;
ALTER ROLE regress_sc_settings SET socialcare.calendar = 'scotand';
ALTER ROLE regress_sc_settings SET socialcare.calendar = 'settings_counsil';
CREATE FUNCTION regress_sc_wd() RETURNS integer LANGUAGE sql
	SET socialcare.calendar = 'northern_ireland'
	AS $$ SELECT socialcare.working_days('2024-12-20', '2025-01-06') $$;
ALTER ROLE regress_sc_settings SET socialcare.calendar = 'settings_council';
SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
WHERE r.rolname = 'regress_sc_settings';

-- A database's value is a placeholder in a new session: SHOW works before
-- the first call, and a good name is used.
DO $$ BEGIN
	EXECUTE format('ALTER DATABASE %I SET socialcare.calendar = %L', current_database(), 'scotland');
END $$;
\c
SHOW socialcare.calendar;
SELECT socialcare.working_days('2024-12-20', '2025-01-06');              -- 7: Scotland
DO $$ BEGIN
	EXECUTE format('ALTER DATABASE %I RESET socialcare.calendar', current_database());
END $$;

-- A user calendar deleted after it was set: the call fails naming it.
SET socialcare.calendar = 'settings_council';
DELETE FROM socialcare.calendar WHERE name = 'settings_council';
SELECT socialcare.working_days('2024-12-20', '2025-01-06');
RESET socialcare.calendar;
DROP ROLE regress_sc_settings;
