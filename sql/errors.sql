-- Bad input: a clear error with an SQLSTATE, never a crash or a wrong number.
SET search_path = socialcare, public;
SET datestyle = ISO, YMD;
\set VERBOSITY default
\set SHOW_CONTEXT never

SELECT working_days('infinity', '2025-01-01');
SELECT working_days('2025-01-01', '-infinity');
SELECT add_working_days('infinity', 1);
SELECT is_working_day('1970-12-31');
SELECT is_working_day('2200-01-01');
SELECT working_days('1899-01-01', '2025-01-01');
SELECT bank_holidays('1960-01-01', '2025-01-01');
SELECT working_day_on_or_after(date '5874897-12-31');

-- The first and last days of the range work.
SELECT is_working_day('1971-01-01') AS first_day, is_working_day('2199-12-31') AS last_day;

-- Results that run off the range.
SELECT add_working_days('2199-12-30', 2);
SELECT add_working_days('1971-01-04', -2);
SELECT add_working_days('2025-01-01', 2147483647);
SELECT add_working_days('2025-01-01', -2147483648);
SELECT add_working_days('2199-12-31', 0);   -- n = 0 stays in range
SELECT working_day_on_or_after('2199-12-31');    -- a Tuesday: itself

-- Unknown calendars: the hint lists the known ones.
SELECT working_days('2025-01-01', '2025-02-01', 'england');
SELECT is_working_day('2025-01-01', '');
-- SET refuses an unknown default calendar (sql/settings.sql): England's stays.
SET socialcare.calendar = 'england_and_wales';
SELECT is_working_day('2025-01-01');
RESET socialcare.calendar;

-- The trigger function is not for calling.
SELECT invalidate_caches();

-- The error codes: 22008 datetime_field_overflow, 42704 undefined_object.
\set VERBOSITY sqlstate
SELECT working_days('infinity', '2025-01-01');
SELECT add_working_days('2199-12-30', 2);
SELECT is_working_day('2025-01-01', 'nowhere');

-- A failed lookup leaves nothing behind: the same call site, kept across
-- iterations of a PL/pgSQL loop, errors again for the unknown name and
-- then answers for the next known one.
\set VERBOSITY default
DO $$
DECLARE
  c text;
BEGIN
  FOREACH c IN ARRAY ARRAY['england-and-wales', 'nope', 'nope', 'scotland'] LOOP
    BEGIN
      RAISE NOTICE '% -> %', c, socialcare.working_days('2025-04-17', '2025-04-22', c);
    EXCEPTION WHEN undefined_object THEN
      RAISE NOTICE '% -> unknown', c;
    END;
  END LOOP;
END $$;
