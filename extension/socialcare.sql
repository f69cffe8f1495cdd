/* socialcare: the hand-edited source of the install script */

\echo Use "CREATE EXTENSION socialcare" to load this file. \quit

--------------------------------------------------------------------------
-- User calendars: a council's own closure days and working patterns
--------------------------------------------------------------------------

CREATE TABLE socialcare.calendar (
	name		text PRIMARY KEY
		CONSTRAINT calendar_name_trimmed CHECK (name <> '' AND name = btrim(name))
		CONSTRAINT calendar_name_not_builtin
			CHECK (name NOT IN ('england-and-wales', 'scotland', 'northern-ireland')),
	base		text NOT NULL DEFAULT 'england-and-wales'
		CONSTRAINT calendar_base_is_division
			CHECK (base IN ('england-and-wales', 'scotland', 'northern-ireland')),
	weekmask	text NOT NULL DEFAULT '1111100'
		CONSTRAINT calendar_weekmask_valid
			CHECK (weekmask ~ '^[01]{7}$' AND strpos(weekmask, '1') > 0),
	description text,
	owner		name NOT NULL DEFAULT current_user
);

COMMENT ON TABLE socialcare.calendar IS
'User calendars: a built-in division (base) with its own weekly pattern (weekmask: 7 characters, Monday first, 1 = working) and the days in socialcare.calendar_day. Readable by everyone; a row can be changed only by members of its owner role.';
COMMENT ON COLUMN socialcare.calendar.name IS 'Name passed to the calendar argument or set in socialcare.calendar';
COMMENT ON COLUMN socialcare.calendar.base IS 'Division whose bank holidays apply: england-and-wales, scotland or northern-ireland';
COMMENT ON COLUMN socialcare.calendar.weekmask IS 'Working days of the week, Monday first, 1 = working (numpy''s convention; Excel''s NETWORKDAYS.INTL string is the inverse)';
COMMENT ON COLUMN socialcare.calendar.owner IS 'Role whose members may change this calendar and its days';

CREATE TABLE socialcare.calendar_day (
	calendar	text NOT NULL REFERENCES socialcare.calendar (name)
		ON UPDATE CASCADE ON DELETE CASCADE,
	day			date NOT NULL
		CONSTRAINT calendar_day_in_range CHECK (day BETWEEN '1971-01-01' AND '2199-12-31'),
	working		boolean NOT NULL DEFAULT false,
	name		text,
	PRIMARY KEY (calendar, day)
);

COMMENT ON TABLE socialcare.calendar_day IS
'Days of a user calendar that differ from its base: closure days (working = false, e.g. 29 to 31 December) and working days on a bank holiday or weekend (working = true).';
COMMENT ON COLUMN socialcare.calendar_day.working IS 'false: a non-working day (closure); true: a working day whatever the base says';
COMMENT ON COLUMN socialcare.calendar_day.name IS 'Shown by bank_holidays() for closure days (default ''Closure day'')';

SELECT pg_catalog.pg_extension_config_dump('socialcare.calendar', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.calendar_day', '');

-- Readable by everyone, writable only by the calendar's owner role.
ALTER TABLE socialcare.calendar ENABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.calendar_day ENABLE ROW LEVEL SECURITY;

CREATE POLICY calendar_read ON socialcare.calendar FOR SELECT USING (true);
CREATE POLICY calendar_write ON socialcare.calendar FOR ALL
	USING (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) owner
				   AND pg_catalog.pg_has_role(r.oid, 'MEMBER')))
	WITH CHECK (EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
						WHERE r.rolname OPERATOR(pg_catalog.=) owner
						AND pg_catalog.pg_has_role(r.oid, 'MEMBER')));

CREATE POLICY calendar_day_read ON socialcare.calendar_day FOR SELECT USING (true);
CREATE POLICY calendar_day_write ON socialcare.calendar_day FOR ALL
	USING (EXISTS (SELECT 1 FROM socialcare.calendar c
				   JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) c.owner
				   WHERE c.name OPERATOR(pg_catalog.=) calendar
				   AND pg_catalog.pg_has_role(r.oid, 'MEMBER')))
	WITH CHECK (EXISTS (SELECT 1 FROM socialcare.calendar c
						JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) c.owner
						WHERE c.name OPERATOR(pg_catalog.=) calendar
						AND pg_catalog.pg_has_role(r.oid, 'MEMBER')));

GRANT SELECT, INSERT, UPDATE, DELETE ON socialcare.calendar, socialcare.calendar_day TO PUBLIC;

-- Every backend re-reads user calendars after a committed change.
CREATE FUNCTION socialcare.calendar_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_calendar_changed' LANGUAGE C;
COMMENT ON FUNCTION socialcare.calendar_changed() IS
'Trigger on the calendar tables: tells every session to re-read user calendars (internal)';

CREATE TRIGGER calendar_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.calendar_changed();
CREATE TRIGGER calendar_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.calendar_changed();

CREATE VIEW socialcare.calendars AS
	SELECT d.name, d.name AS base, '1111100'::text AS weekmask, true AS builtin,
		   d.description, NULL::name AS owner
	FROM (VALUES
		('england-and-wales', 'GOV.UK bank holidays of England and Wales'),
		('scotland', 'GOV.UK bank holidays of Scotland'),
		('northern-ireland', 'GOV.UK bank holidays of Northern Ireland')) AS d (name, description)
	UNION ALL
	SELECT c.name, c.base, c.weekmask, false, c.description, c.owner
	FROM socialcare.calendar c;
COMMENT ON VIEW socialcare.calendars IS
'Every calendar a socialcare function accepts: the three built-in GOV.UK divisions and the user calendars';
GRANT SELECT ON socialcare.calendars TO PUBLIC;

--------------------------------------------------------------------------
-- Working days.  All STABLE: the result depends on the GUC
-- socialcare.calendar (forms without a calendar) and on the user calendar
-- tables (forms with one).
--------------------------------------------------------------------------

CREATE FUNCTION socialcare.bank_holidays(from_date date, to_date date,
		OUT day date, OUT name text, OUT calendar text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sc_bank_holidays'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION socialcare.bank_holidays(date, date) IS
'Bank holidays of the default calendar (socialcare.calendar) between two dates, both included: (day, name, calendar)';

CREATE FUNCTION socialcare.bank_holidays(from_date date, to_date date, calendar text,
		OUT day date, OUT name text, OUT calendar text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'sc_bank_holidays'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION socialcare.bank_holidays(date, date, text) IS
'Holidays of a calendar between two dates, both included: (day, name, calendar); for a user calendar, its base division''s bank holidays less its working days, plus its closure days';

CREATE FUNCTION socialcare.is_working_day(day date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_working_day(date) IS
'True if day is a working day of the default calendar: Monday to Friday and not a bank holiday';

CREATE FUNCTION socialcare.is_working_day(day date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_working_day'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_working_day(date, text) IS
'True if day is a working day of the calendar';

CREATE FUNCTION socialcare.working_days(start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days(date, date) IS
'DfE duration: working days d with start < d <= finish (start is day 0; same day = 0; Monday to Tuesday = 1); minus the reverse count when finish < start. "Within 15 working days" is working_days(s, f) <= 15';

CREATE FUNCTION socialcare.working_days(start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days(date, date, text) IS
'DfE duration in the calendar: working days d with start < d <= finish; minus the reverse count when finish < start';

CREATE FUNCTION socialcare.working_days_inclusive(start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days_inclusive'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days_inclusive(date, date) IS
'Excel NETWORKDAYS: working days from start to finish with both ends counted (same working day = 1); negative when finish < start';

CREATE FUNCTION socialcare.working_days_inclusive(start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_working_days_inclusive'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_days_inclusive(date, date, text) IS
'Excel NETWORKDAYS in the calendar: both ends counted; negative when finish < start';

CREATE FUNCTION socialcare.add_working_days(day date, n integer) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.add_working_days(date, integer) IS
'The n-th working day after day (n > 0) or before it (n < 0); day itself when n = 0. finish <= add_working_days(start, 15) exactly when working_days(start, finish) <= 15';

CREATE FUNCTION socialcare.add_working_days(day date, n integer, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_add_working_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.add_working_days(date, integer, text) IS
'The n-th working day of the calendar after day (n > 0) or before it (n < 0); day itself when n = 0';

CREATE FUNCTION socialcare.working_day_on_or_after(day date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_after'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_after(date) IS
'day if it is a working day, else the next working day (a due date that lands on a weekend moves forward)';

CREATE FUNCTION socialcare.working_day_on_or_after(day date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_after'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_after(date, text) IS
'day if it is a working day of the calendar, else the next one';

CREATE FUNCTION socialcare.working_day_on_or_before(day date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_before'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_before(date) IS
'day if it is a working day, else the previous working day';

CREATE FUNCTION socialcare.working_day_on_or_before(day date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_working_day_on_or_before'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.working_day_on_or_before(date, text) IS
'day if it is a working day of the calendar, else the previous one';
