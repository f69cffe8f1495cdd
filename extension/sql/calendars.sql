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
