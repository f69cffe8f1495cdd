-- socialcare, area calendars: bank holidays, the user calendars' view and
-- their cache invalidation.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

-- Every backend re-reads its cached copies of a table (user calendars,
-- the timescale catalogue) after a committed change.
CREATE OR REPLACE FUNCTION socialcare.invalidate_caches() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_invalidate_caches' LANGUAGE C;
COMMENT ON FUNCTION socialcare.invalidate_caches() IS
'Trigger on the calendar and timescale tables: tells every session to re-read them (internal)';

CREATE OR REPLACE VIEW socialcare.calendars AS
	SELECT d.name, d.name AS base, '1111100'::text AS weekmask, true AS builtin,
		   d.description, NULL::name AS owner
	FROM (VALUES
		('england-and-wales', 'GOV.UK bank holidays of England and Wales'),
		('scotland', 'GOV.UK bank holidays of Scotland'),
		('northern-ireland', 'GOV.UK bank holidays of Northern Ireland')) AS d (name, description)
	UNION ALL
	SELECT c.name, c.base, c.weekmask, false, c.description, pg_catalog.pg_get_userbyid(c.owner)
	FROM socialcare.calendar c;
COMMENT ON VIEW socialcare.calendars IS
'Every calendar a socialcare function accepts: the three built-in GOV.UK divisions and the user calendars';
GRANT SELECT ON socialcare.calendars TO PUBLIC;

CREATE OR REPLACE FUNCTION socialcare.bank_holidays(from_date date, to_date date,
		OUT day date, OUT name text, OUT calendar text, OUT source text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sc_bank_holidays'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION socialcare.bank_holidays(date, date) IS
'Bank holidays of the default calendar (socialcare.calendar) between two dates, both included: (day, name, calendar, source: the statute or proclamation it comes from); from_date after to_date is an error';

CREATE OR REPLACE FUNCTION socialcare.bank_holidays(from_date date, to_date date, calendar text,
		OUT day date, OUT name text, OUT calendar text, OUT source text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sc_bank_holidays'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION socialcare.bank_holidays(date, date, text) IS
'Holidays of a calendar between two dates, both included: (day, name, calendar, source: the statute or proclamation it comes from, or ''user calendar NAME'' for a closure day); for a user calendar, its base division''s bank holidays less its working days, plus its closure days; from_date after to_date is an error';

--------------------------------------------------------------------------
-- Timestamp forms (issue 14): each function above that takes a date also
-- takes timestamp and timestamptz, by the day rule of README, Settings: a
-- timestamp counts as its calendar date (IMMUTABLE where the date form is),
-- a timestamptz as its calendar day in the session's TimeZone (STABLE).
-- Plain functions are SQL wrappers over the date form (qualified names
-- only, no SET: the scalar ones are inlined); window functions and
-- aggregates are C entry points of their own (sc_day_of, src/sql_util.c).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.bank_holidays(from_date timestamp, to_date timestamp, OUT day date, OUT name text, OUT calendar text, OUT source text)
	RETURNS SETOF record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 20
	BEGIN ATOMIC
		SELECT * FROM socialcare.bank_holidays(CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date));
	END;
COMMENT ON FUNCTION socialcare.bank_holidays(timestamp, timestamp) IS
'The timestamp form of bank_holidays(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.bank_holidays(from_date timestamptz, to_date timestamptz, OUT day date, OUT name text, OUT calendar text, OUT source text)
	RETURNS SETOF record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 20
	BEGIN ATOMIC
		SELECT * FROM socialcare.bank_holidays(CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date));
	END;
COMMENT ON FUNCTION socialcare.bank_holidays(timestamptz, timestamptz) IS
'The timestamptz form of bank_holidays(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.bank_holidays(from_date timestamp, to_date timestamp, calendar text, OUT day date, OUT name text, OUT calendar text, OUT source text)
	RETURNS SETOF record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 20
	BEGIN ATOMIC
		SELECT * FROM socialcare.bank_holidays(CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date), calendar);
	END;
COMMENT ON FUNCTION socialcare.bank_holidays(timestamp, timestamp, text) IS
'The timestamp form of bank_holidays(date, date, text): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.bank_holidays(from_date timestamptz, to_date timestamptz, calendar text, OUT day date, OUT name text, OUT calendar text, OUT source text)
	RETURNS SETOF record
	LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 20
	BEGIN ATOMIC
		SELECT * FROM socialcare.bank_holidays(CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date), calendar);
	END;
COMMENT ON FUNCTION socialcare.bank_holidays(timestamptz, timestamptz, text) IS
'The timestamptz form of bank_holidays(date, date, text): a timestamptz counts as its calendar day in the session''s TimeZone';
