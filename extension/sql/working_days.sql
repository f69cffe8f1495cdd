-- socialcare, area working_days.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- Working days.  All STABLE: the result depends on the GUC
-- socialcare.calendar (forms without a calendar) and on the user calendar
-- tables (forms with one).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.is_working_day(day date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_working_day(date) IS
'True if day is a working day of the default calendar: Monday to Friday and not a bank holiday';

CREATE OR REPLACE FUNCTION socialcare.is_working_day(day date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_working_day(date, text) IS
'True if day is a working day of the calendar';

CREATE OR REPLACE FUNCTION socialcare.working_days(start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days(date, date) IS
'DfE duration: working days d with start < d <= finish (start is day 0; same day = 0; Monday to Tuesday = 1); minus the reverse count when finish < start. "Within 15 working days" is working_days(s, f) <= 15';

CREATE OR REPLACE FUNCTION socialcare.working_days(start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days(date, date, text) IS
'DfE duration in the calendar: working days d with start < d <= finish; minus the reverse count when finish < start';

CREATE OR REPLACE FUNCTION socialcare.working_days_inclusive(start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days_inclusive'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days_inclusive(date, date) IS
'Excel NETWORKDAYS: working days from start to finish with both ends counted (same working day = 1); negative when finish < start';

CREATE OR REPLACE FUNCTION socialcare.working_days_inclusive(start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days_inclusive'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days_inclusive(date, date, text) IS
'Excel NETWORKDAYS in the calendar: both ends counted; negative when finish < start';

CREATE OR REPLACE FUNCTION socialcare.add_working_days(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.add_working_days(date, integer) IS
'The n-th working day after day (n > 0) or before it (n < 0); day itself when n = 0. For n >= 0, working_days(start, finish) <= n exactly when finish < add_working_days(start, n + 1); finish <= add_working_days(start, n) says the same only for a finish that is a working day';

CREATE OR REPLACE FUNCTION socialcare.add_working_days(day date, n integer, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.add_working_days(date, integer, text) IS
'The n-th working day of the calendar after day (n > 0) or before it (n < 0); day itself when n = 0';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_after(day date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_after'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_after(date) IS
'day if it is a working day, else the next working day (a due date that lands on a weekend moves forward)';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_after(day date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_after'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_after(date, text) IS
'day if it is a working day of the calendar, else the next one';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_before(day date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_before'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_before(date) IS
'day if it is a working day, else the previous working day';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_before(day date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_before'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_before(date, text) IS
'day if it is a working day of the calendar, else the previous one';

--------------------------------------------------------------------------
-- Timestamp forms (issue 14): each function above that takes a date also
-- takes timestamp and timestamptz, by the day rule of README, Settings: a
-- timestamp counts as its calendar date (IMMUTABLE where the date form is),
-- a timestamptz as its calendar day in the session's TimeZone (STABLE).
-- Plain functions are SQL wrappers over the date form (qualified names
-- only, no SET: the scalar ones are inlined); window functions and
-- aggregates are C entry points of their own (sc_day_of, src/sql_util.c).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.is_working_day(day timestamp)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.is_working_day(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.is_working_day(timestamp) IS
'The timestamp form of is_working_day(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.is_working_day(day timestamptz)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.is_working_day(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.is_working_day(timestamptz) IS
'The timestamptz form of is_working_day(date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.is_working_day(day timestamp, calendar text)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.is_working_day(CAST(day AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.is_working_day(timestamp, text) IS
'The timestamp form of is_working_day(date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.is_working_day(day timestamptz, calendar text)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.is_working_day(CAST(day AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.is_working_day(timestamptz, text) IS
'The timestamptz form of is_working_day(date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_days(start timestamp, finish timestamp)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_days(timestamp, timestamp) IS
'The timestamp form of working_days(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_days(start timestamptz, finish timestamptz)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_days(timestamptz, timestamptz) IS
'The timestamptz form of working_days(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_days(start timestamp, finish timestamp, calendar text)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_days(timestamp, timestamp, text) IS
'The timestamp form of working_days(date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_days(start timestamptz, finish timestamptz, calendar text)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_days(timestamptz, timestamptz, text) IS
'The timestamptz form of working_days(date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_days_inclusive(start timestamp, finish timestamp)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days_inclusive(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_days_inclusive(timestamp, timestamp) IS
'The timestamp form of working_days_inclusive(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_days_inclusive(start timestamptz, finish timestamptz)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days_inclusive(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_days_inclusive(timestamptz, timestamptz) IS
'The timestamptz form of working_days_inclusive(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_days_inclusive(start timestamp, finish timestamp, calendar text)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days_inclusive(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_days_inclusive(timestamp, timestamp, text) IS
'The timestamp form of working_days_inclusive(date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_days_inclusive(start timestamptz, finish timestamptz, calendar text)
	RETURNS integer
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_days_inclusive(CAST(start AS pg_catalog.date), CAST(finish AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_days_inclusive(timestamptz, timestamptz, text) IS
'The timestamptz form of working_days_inclusive(date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.add_working_days(day timestamp, n integer)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.add_working_days(CAST(day AS pg_catalog.date), n);
COMMENT ON FUNCTION socialcare.add_working_days(timestamp, integer) IS
'The timestamp form of add_working_days(date, integer): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.add_working_days(day timestamptz, n integer)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.add_working_days(CAST(day AS pg_catalog.date), n);
COMMENT ON FUNCTION socialcare.add_working_days(timestamptz, integer) IS
'The timestamptz form of add_working_days(date, integer): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.add_working_days(day timestamp, n integer, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.add_working_days(CAST(day AS pg_catalog.date), n, calendar);
COMMENT ON FUNCTION socialcare.add_working_days(timestamp, integer, text) IS
'The timestamp form of add_working_days(date, integer, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.add_working_days(day timestamptz, n integer, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.add_working_days(CAST(day AS pg_catalog.date), n, calendar);
COMMENT ON FUNCTION socialcare.add_working_days(timestamptz, integer, text) IS
'The timestamptz form of add_working_days(date, integer, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_after(day timestamp)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_after(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_day_on_or_after(timestamp) IS
'The timestamp form of working_day_on_or_after(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_after(day timestamptz)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_after(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_day_on_or_after(timestamptz) IS
'The timestamptz form of working_day_on_or_after(date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_after(day timestamp, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_after(CAST(day AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_day_on_or_after(timestamp, text) IS
'The timestamp form of working_day_on_or_after(date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_after(day timestamptz, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_after(CAST(day AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_day_on_or_after(timestamptz, text) IS
'The timestamptz form of working_day_on_or_after(date, text): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_before(day timestamp)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_before(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_day_on_or_before(timestamp) IS
'The timestamp form of working_day_on_or_before(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_before(day timestamptz)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_before(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.working_day_on_or_before(timestamptz) IS
'The timestamptz form of working_day_on_or_before(date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_before(day timestamp, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_before(CAST(day AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_day_on_or_before(timestamp, text) IS
'The timestamp form of working_day_on_or_before(date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.working_day_on_or_before(day timestamptz, calendar text)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.working_day_on_or_before(CAST(day AS pg_catalog.date), calendar);
COMMENT ON FUNCTION socialcare.working_day_on_or_before(timestamptz, text) IS
'The timestamptz form of working_day_on_or_before(date, text): a timestamptz counts as its calendar day in the session''s TimeZone';
