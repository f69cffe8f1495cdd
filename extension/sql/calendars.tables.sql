-- socialcare, area calendars: the user calendar tables.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

--------------------------------------------------------------------------
-- User calendars: a council's own closure days and working patterns
--------------------------------------------------------------------------

CREATE TABLE socialcare.calendar (
	name		text PRIMARY KEY
		CONSTRAINT calendar_name_trimmed CHECK (name OPERATOR(pg_catalog.<>) ''::text AND name OPERATOR(pg_catalog.=) pg_catalog.btrim(name))
		CONSTRAINT calendar_name_not_builtin
			CHECK (name OPERATOR(pg_catalog.<>) ALL ('{england-and-wales,scotland,northern-ireland}'::text[])),
	base		text NOT NULL DEFAULT 'england-and-wales'
		CONSTRAINT calendar_base_is_division
			CHECK (base OPERATOR(pg_catalog.=) ANY ('{england-and-wales,scotland,northern-ireland}'::text[])),
	weekmask	text NOT NULL DEFAULT '1111100'
		CONSTRAINT calendar_weekmask_valid
			CHECK (weekmask OPERATOR(pg_catalog.~) '^[01]{7}$'::text
				   AND pg_catalog.strpos(weekmask, '1'::text) OPERATOR(pg_catalog.>) 0),
	description text,
	owner		pg_catalog.regrole NOT NULL DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole
);

COMMENT ON TABLE socialcare.calendar IS
'User calendars: a built-in division (base) with its own weekly pattern (weekmask: 7 characters, Monday first, 1 = working) and the days in socialcare.calendar_day. Readable by everyone; a row can be changed only by members of its owner role.';
COMMENT ON COLUMN socialcare.calendar.name IS 'Name passed to the calendar argument or set in socialcare.calendar';
COMMENT ON COLUMN socialcare.calendar.base IS 'Division whose bank holidays apply: england-and-wales, scotland or northern-ireland';
COMMENT ON COLUMN socialcare.calendar.weekmask IS 'Working days of the week, Monday first, 1 = working (numpy''s convention; Excel''s NETWORKDAYS.INTL string is the inverse)';
COMMENT ON COLUMN socialcare.calendar.owner IS 'Role whose members may change this calendar and its days (and the extension''s owner); by default the role that added it';

CREATE TABLE socialcare.calendar_day (
	calendar	text NOT NULL REFERENCES socialcare.calendar (name)
		ON UPDATE CASCADE ON DELETE CASCADE,
	day			date NOT NULL
		CONSTRAINT calendar_day_in_range CHECK (day OPERATOR(pg_catalog.>=) '1971-01-01'::date
											 AND day OPERATOR(pg_catalog.<=) '2199-12-31'::date),
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

GRANT SELECT, INSERT, UPDATE, DELETE ON socialcare.calendar, socialcare.calendar_day TO PUBLIC;
