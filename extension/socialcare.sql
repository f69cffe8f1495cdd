/* socialcare: the hand-edited source of the install script */

\echo Use "CREATE EXTENSION socialcare" to load this file. \quit

-- The schema belongs to the extension, not to the role that ran CREATE
-- EXTENSION: its owner (and anyone it let) could otherwise add functions
-- and operators there that a superuser calling socialcare.working_days()
-- with untyped literals, or the extension's own expressions, would run
-- (CVE-2018-1058).  So the install refuses a schema that already holds
-- objects owned by a role that is not a superuser, and gives the schema to
-- the superuser running this script (the bootstrap superuser for a
-- trusted install), with CREATE for nobody else.  README: "Security".
DO $guard$
DECLARE
	foreign_objects text[];
	n bigint;
	grantee oid;
BEGIN
	WITH ext AS (
		SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'socialcare'
	), nsp AS (
		SELECT s.oid FROM pg_catalog.pg_namespace s WHERE s.nspname OPERATOR(pg_catalog.=) 'socialcare'
	), obj (classid, objid, owner) AS (
		SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relowner
		FROM pg_catalog.pg_class c, nsp WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, p.proowner
		FROM pg_catalog.pg_proc p, nsp WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, t.typowner
		FROM pg_catalog.pg_type t, nsp WHERE t.typnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid, o.oprowner
		FROM pg_catalog.pg_operator o, nsp WHERE o.oprnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, c.oid, c.collowner
		FROM pg_catalog.pg_collation c, nsp WHERE c.collnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, c.oid, c.conowner
		FROM pg_catalog.pg_conversion c, nsp WHERE c.connamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, f.oid, f.opfowner
		FROM pg_catalog.pg_opfamily f, nsp WHERE f.opfnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass, c.oid, c.opcowner
		FROM pg_catalog.pg_opclass c, nsp WHERE c.opcnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_ts_config'::pg_catalog.regclass, c.oid, c.cfgowner
		FROM pg_catalog.pg_ts_config c, nsp WHERE c.cfgnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, d.oid, d.dictowner
		FROM pg_catalog.pg_ts_dict d, nsp WHERE d.dictnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid, s.stxowner
		FROM pg_catalog.pg_statistic_ext s, nsp WHERE s.stxnamespace OPERATOR(pg_catalog.=) nsp.oid
	), suspect AS (
		-- not ours, owned by a role that is not a superuser, and not a part
		-- of another object (an array or row type, an index): that object
		-- is listed itself
		SELECT obj.* FROM obj
		WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d, ext
						  WHERE d.classid OPERATOR(pg_catalog.=) obj.classid
							AND d.objid OPERATOR(pg_catalog.=) obj.objid
							AND ((d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
								  AND d.refobjid OPERATOR(pg_catalog.=) ext.oid
								  AND d.deptype OPERATOR(pg_catalog.=) 'e'::"char")
								 OR d.deptype OPERATOR(pg_catalog.=) ANY ('{i,a}'::"char"[])))
		  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
						  WHERE r.oid OPERATOR(pg_catalog.=) obj.owner AND r.rolsuper)
	)
	SELECT pg_catalog.array_agg(pg_catalog.format('%s %s (owner %s)', i.type, i.identity,
				COALESCE((SELECT r.rolname::text FROM pg_catalog.pg_roles r
						  WHERE r.oid OPERATOR(pg_catalog.=) s.owner), s.owner::text))
				ORDER BY s.classid, s.objid),
		   pg_catalog.count(*)
	INTO foreign_objects, n
	FROM suspect s, LATERAL pg_catalog.pg_identify_object(s.classid, s.objid, 0) AS i;

	IF n OPERATOR(pg_catalog.>) 0 THEN
		RAISE EXCEPTION USING
			ERRCODE = 'object_not_in_prerequisite_state',
			MESSAGE = pg_catalog.format('schema socialcare holds %s object(s) that are not part of the extension socialcare and are owned by a role that is not a superuser: %s%s',
										n, pg_catalog.array_to_string(foreign_objects[1:10], ', '),
										CASE WHEN n OPERATOR(pg_catalog.>) 10 THEN ', ...' ELSE '' END),
			DETAIL = 'Every role that calls socialcare''s functions, superusers included, could run them.',
			HINT = 'Move them to another schema (ALTER FUNCTION ... SET SCHEMA public, ALTER TABLE ... SET SCHEMA public) or drop them, then run CREATE EXTENSION socialcare or ALTER EXTENSION socialcare UPDATE again.';
	END IF;

	IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_namespace s JOIN pg_catalog.pg_roles r
				ON r.oid OPERATOR(pg_catalog.=) s.nspowner
			WHERE s.nspname OPERATOR(pg_catalog.=) 'socialcare') THEN
		ALTER SCHEMA socialcare OWNER TO CURRENT_USER;
	END IF;

	-- CREATE for the owner alone (GRANTs the previous owner made survive
	-- a change of owner); USAGE for everyone.
	FOR grantee IN
		SELECT DISTINCT a.grantee
		FROM pg_catalog.pg_namespace s, pg_catalog.aclexplode(s.nspacl) AS a
		WHERE s.nspname OPERATOR(pg_catalog.=) 'socialcare'
		  AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
		  AND a.grantee OPERATOR(pg_catalog.<>) s.nspowner
	LOOP
		EXECUTE pg_catalog.format('REVOKE CREATE ON SCHEMA socialcare FROM %s CASCADE',
			CASE WHEN grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid THEN 'PUBLIC'
				 ELSE pg_catalog.quote_ident((SELECT r.rolname FROM pg_catalog.pg_roles r
											  WHERE r.oid OPERATOR(pg_catalog.=) grantee)) END);
	END LOOP;
END
$guard$;

-- Every role may use the extension: the schema CREATE EXTENSION makes has
-- no USAGE for PUBLIC (test/hardening/privileges.py).
GRANT USAGE ON SCHEMA socialcare TO PUBLIC;

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

-- Readable by everyone; a row is written by members of its owner role and
-- by the extension's owner (socialcare.row_owner(), a BEFORE ROW trigger
-- on every table with user rows: row-level security would stop pg_dump
-- run by the database owner, and pg_restore of other roles' rows).
CREATE FUNCTION socialcare.row_owner() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_row_owner' LANGUAGE C;
COMMENT ON FUNCTION socialcare.row_owner() IS
'Trigger on the tables with user rows: a row (a calendar''s days, a KPI''s comparators, values and targets: their calendar or KPI) can be written by members of its owner role and by the extension''s owner; updates and deletes skip other rows (internal)';

CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.calendar
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.calendar_day
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();

CREATE FUNCTION socialcare.is_member_of(role_name name)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) role_name
				   AND pg_catalog.pg_has_role(r.oid, 'MEMBER'));
COMMENT ON FUNCTION socialcare.is_member_of(name) IS
'True when the current role is a member of role_name (false for an unknown role; NULL for NULL)';

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
	SELECT c.name, c.base, c.weekmask, false, c.description, pg_catalog.pg_get_userbyid(c.owner)
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
'The n-th working day after day (n > 0) or before it (n < 0); day itself when n = 0. For n >= 0, working_days(start, finish) <= n exactly when finish < add_working_days(start, n + 1); finish <= add_working_days(start, n) says the same only for a finish that is a working day';

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

--------------------------------------------------------------------------
-- Rates, percentages and their confidence intervals.  Results are numeric,
-- so round(x, 1) rounds half away from zero, as DfE publishes.  Confidence
-- levels: 0.95 (the default) or 0.998, also accepted as 95 or 99.8.
--------------------------------------------------------------------------

CREATE FUNCTION socialcare.rate(count numeric, population numeric, per numeric DEFAULT 10000)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_rate'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate(numeric, numeric, numeric) IS
'count / population * per (per 10,000 children by default); NULL when population is 0; negative, NaN or infinite input is an error';

CREATE FUNCTION socialcare.percent(part numeric, whole numeric)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_percent'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.percent(numeric, numeric) IS
'100 * part / whole, from 0 to 100; NULL when whole is 0 (no cases, no rate); negative input or part > whole is an error';

CREATE FUNCTION socialcare.percent_lower(part bigint, whole bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_percent_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.percent_lower(bigint, bigint, float8) IS
'Lower limit of the Wilson score interval of percent(part, whole), in percent (PHEindicatormethods phe_proportion); NULL when whole is 0';

CREATE FUNCTION socialcare.percent_upper(part bigint, whole bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_percent_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.percent_upper(bigint, bigint, float8) IS
'Upper limit of the Wilson score interval of percent(part, whole), in percent; NULL when whole is 0';

CREATE FUNCTION socialcare.rate_lower(count bigint, population numeric, per numeric DEFAULT 10000,
		confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_rate_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate_lower(bigint, numeric, numeric, float8) IS
'Lower limit of the interval of rate(count, population, per): exact Poisson below 10, Byar''s method from 10 (PHEindicatormethods phe_rate); NULL when population is 0';

CREATE FUNCTION socialcare.rate_upper(count bigint, population numeric, per numeric DEFAULT 10000,
		confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_rate_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate_upper(bigint, numeric, numeric, float8) IS
'Upper limit of the interval of rate(count, population, per): exact Poisson below 10, Byar''s method from 10; NULL when population is 0';

CREATE FUNCTION socialcare.count_lower(count bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_count_lower'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.count_lower(bigint, float8) IS
'Lower limit of the Poisson interval of a count: exact below 10, Byar''s method from 10';

CREATE FUNCTION socialcare.count_upper(count bigint, confidence float8 DEFAULT 0.95)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_count_upper'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.count_upper(bigint, float8) IS
'Upper limit of the Poisson interval of a count: exact below 10, Byar''s method from 10';

CREATE FUNCTION socialcare.rate_method(count bigint)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_rate_method'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rate_method(bigint) IS
'The interval method rate_lower/rate_upper use for a count: ''exact'' below 10, ''byars'' from 10';

CREATE FUNCTION socialcare.percent_ci(part bigint, whole bigint, confidence float8 DEFAULT 0.95,
		OUT value numeric, OUT lower numeric, OUT upper numeric)
	RETURNS record
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (socialcare.percent(part, whole),
			socialcare.percent_lower(part, whole, confidence),
			socialcare.percent_upper(part, whole, confidence));
COMMENT ON FUNCTION socialcare.percent_ci(bigint, bigint, float8) IS
'percent(part, whole) with its Wilson interval as columns (value, lower, upper): use in FROM or LATERAL';

CREATE FUNCTION socialcare.rate_ci(count bigint, population numeric, per numeric DEFAULT 10000,
		confidence float8 DEFAULT 0.95,
		OUT value numeric, OUT lower numeric, OUT upper numeric, OUT method text)
	RETURNS record
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN (socialcare.rate(count, population, per),
			socialcare.rate_lower(count, population, per, confidence),
			socialcare.rate_upper(count, population, per, confidence),
			socialcare.rate_method(count));
COMMENT ON FUNCTION socialcare.rate_ci(bigint, numeric, numeric, float8) IS
'rate(count, population, per) with its interval as columns (value, lower, upper, method): use in FROM or LATERAL';

CREATE FUNCTION socialcare.compare_to_benchmark(value numeric, lower numeric, upper numeric,
		benchmark numeric, polarity text DEFAULT NULL)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_compare_to_benchmark'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.compare_to_benchmark(numeric, numeric, numeric, numeric, text) IS
'Fingertips comparison: ''similar'' when benchmark lies within [lower, upper]; otherwise ''better''/''worse'' for polarity ''high'' or ''low'' (which is better), ''higher''/''lower'' when polarity is NULL; NULL when any number is NULL';

CREATE FUNCTION socialcare.suppress(count bigint, threshold integer DEFAULT 5)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_suppress'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.suppress(bigint, integer) IS
'A count for publication: ''c'' for 1 to threshold (DfE: 5), otherwise the count as text (0 stays 0)';

CREATE FUNCTION socialcare.suppress_value(value numeric, count bigint, threshold integer DEFAULT 5)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_suppress_value'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.suppress_value(numeric, bigint, integer) IS
'A rate or percentage for publication: ''c'' when the count behind it is 1 to threshold, otherwise the value as text (round it first)';

-- pct(condition): a plain bigint[2] state {true, counted}, so partial
-- aggregation needs no serialisation; the inverse makes moving windows O(n).
CREATE FUNCTION socialcare.pct_accum(bigint[], boolean) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_pct_accum'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_accum(bigint[], boolean) IS 'Transition function of pct (internal)';

CREATE FUNCTION socialcare.pct_retract(bigint[], boolean) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_pct_retract'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_retract(bigint[], boolean) IS 'Inverse transition function of pct for moving windows (internal)';

CREATE FUNCTION socialcare.pct_combine(bigint[], bigint[]) RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_pct_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_combine(bigint[], bigint[]) IS 'Combine function of pct for partial aggregation (internal)';

CREATE FUNCTION socialcare.pct_final(bigint[]) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_pct_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.pct_final(bigint[]) IS 'Final function of pct (internal)';

CREATE AGGREGATE socialcare.pct(condition boolean) (
	SFUNC = socialcare.pct_accum,
	STYPE = bigint[],
	INITCOND = '{0,0}',
	COMBINEFUNC = socialcare.pct_combine,
	FINALFUNC = socialcare.pct_final,
	MSFUNC = socialcare.pct_accum,
	MINVFUNC = socialcare.pct_retract,
	MSTYPE = bigint[],
	MINITCOND = '{0,0}',
	MFINALFUNC = socialcare.pct_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.pct(boolean) IS
'Percentage of TRUE among the non-NULL inputs (0 to 100, numeric); NULL when there are none. Works with FILTER, GROUP BY, parallel query and moving windows';

--------------------------------------------------------------------------
-- Re-referrals and reporting periods
--------------------------------------------------------------------------

CREATE FUNCTION socialcare.is_rereferral(referral_date date, within interval DEFAULT '12 months',
		same_day_counts boolean DEFAULT false, include_boundary boolean DEFAULT true)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_rereferral'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_rereferral(date, interval, boolean, boolean) IS
'Window function, OVER (PARTITION BY child ORDER BY referral_date): true when the child had a previous referral within the period (12 calendar months by default; 29 Feb minus 12 months is 28 Feb). A previous referral exactly 12 months earlier counts unless include_boundary is false; one on the same day counts only if same_day_counts. NULL date gives NULL';

-- A guard: the arithmetic below loops or overflows on infinite or extreme
-- dates (test/hardening/bad_input.py found month_ends('-infinity', d) never
-- finished).
CREATE FUNCTION socialcare.reporting_date(day date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_reporting_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.reporting_date(date) IS
'day itself when reporting-period arithmetic works on it (finite, 0001-04-01 to 294276-11-30); otherwise an error naming it (internal guard of month_ends and financial_year)';

CREATE FUNCTION socialcare.month_ends(from_date date, to_date date)
	RETURNS SETOF date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 24
	BEGIN ATOMIC
		SELECT e.month_end
		FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', socialcare.reporting_date(from_date)::timestamp),
										pg_catalog.date_trunc('month', socialcare.reporting_date(to_date)::timestamp),
										interval '1 month') AS m (first_day),
			 LATERAL (SELECT (m.first_day OPERATOR(pg_catalog.+) '1 mon -1 days'::interval)::date AS month_end) AS e
		WHERE e.month_end OPERATOR(pg_catalog.>=) from_date AND e.month_end OPERATOR(pg_catalog.<=) to_date
		ORDER BY e.month_end;
	END;
COMMENT ON FUNCTION socialcare.month_ends(date, date) IS
'The last day of each month from from_date to to_date, both included, as rows: the reporting points of a monthly series';

CREATE FUNCTION socialcare.financial_year_start(day date)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.make_date(pg_catalog.date_part('year', socialcare.reporting_date(day))::integer
								OPERATOR(pg_catalog.-)
								(pg_catalog.date_part('month', socialcare.reporting_date(day))
								 OPERATOR(pg_catalog.<) 4::double precision)::integer, 4, 1);
COMMENT ON FUNCTION socialcare.financial_year_start(date) IS
'1 April of the financial (and DfE reporting) year containing day';

CREATE FUNCTION socialcare.financial_year(day date)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	-- integer arithmetic, not to_char (only STABLE), so that it inlines
	RETURN pg_catalog.date_part('year', socialcare.financial_year_start(day))::integer::text
		OPERATOR(pg_catalog.||) '-' OPERATOR(pg_catalog.||)
		pg_catalog.lpad(((pg_catalog.date_part('year', socialcare.financial_year_start(day))::integer
						  OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.%) 100)::text,
						2, '0');
COMMENT ON FUNCTION socialcare.financial_year(date) IS
'The financial year of day as DfE writes it: ''2018-19'' for 1 April 2018 to 31 March 2019';

CREATE FUNCTION socialcare.year_to_date(day date)
	RETURNS daterange
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.daterange(socialcare.financial_year_start(day), day, '[]');
COMMENT ON FUNCTION socialcare.year_to_date(date) IS
'The financial year to date as a range: [1 April, day], both included, for cumulative measures (WHERE year_to_date(month_end) @> referral_date)';

--------------------------------------------------------------------------
-- Statutory timescales and review chains.  The catalogue is data: rows
-- shipped with the extension (shipped = true: statute and statutory
-- guidance, read-only outside the extension's scripts) and councils' own
-- rows, which pg_dump keeps.  Functions are STABLE: they read the
-- catalogue and the calendars.
--------------------------------------------------------------------------

CREATE TABLE socialcare.timescale (
	code		text PRIMARY KEY
		CONSTRAINT timescale_code_trimmed CHECK (code OPERATOR(pg_catalog.<>) ''::text AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	description text NOT NULL,
	amount		integer NOT NULL
		CONSTRAINT timescale_amount_valid CHECK (amount OPERATOR(pg_catalog.>=) 0 AND amount OPERATOR(pg_catalog.<=) 100000),
	unit		text NOT NULL
		CONSTRAINT timescale_unit_valid
			CHECK (unit OPERATOR(pg_catalog.=) ANY ('{working days,calendar days,weeks,months,hours}'::text[])),
	from_event	text NOT NULL,
	to_event	text NOT NULL,
	source		text NOT NULL DEFAULT 'local'
		CONSTRAINT timescale_source_valid CHECK (source OPERATOR(pg_catalog.=) ANY ('{statute,guidance,local}'::text[])),
	reference	text,
	shipped		boolean NOT NULL DEFAULT false,
	owner		pg_catalog.regrole DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole,
	CONSTRAINT timescale_owner_set CHECK (shipped OR owner IS NOT NULL)
);

COMMENT ON TABLE socialcare.timescale IS
'Timescales: "to_event within amount units of from_event". Shipped rows (statute, statutory guidance) are read-only; add local standards as rows of your own (kept by pg_dump and extension updates). Readable by everyone; a local row can be changed by members of its owner role.';
COMMENT ON COLUMN socialcare.timescale.code IS 'Name passed to due_date, on_time, lateness and used by chains';
COMMENT ON COLUMN socialcare.timescale.amount IS 'Number of units, 0 to 100000 (0 working days: the same day)';
COMMENT ON COLUMN socialcare.timescale.unit IS 'working days (the start is day 0; calendar as in working_days), calendar days, weeks (7 days), months (the corresponding date, clamped to the month''s end) or hours (elapsed, from a timestamp)';
COMMENT ON COLUMN socialcare.timescale.from_event IS 'The event the timescale runs from';
COMMENT ON COLUMN socialcare.timescale.to_event IS 'The event that must happen within it';
COMMENT ON COLUMN socialcare.timescale.source IS 'statute, guidance (statutory guidance such as Working Together) or local';
COMMENT ON COLUMN socialcare.timescale.reference IS 'Where the timescale is set out (regulation, guidance paragraph, local procedure)';
COMMENT ON COLUMN socialcare.timescale.shipped IS 'true for rows shipped with socialcare (read-only; maintained by extension updates)';
COMMENT ON COLUMN socialcare.timescale.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows';

CREATE TABLE socialcare.timescale_chain (
	chain		text NOT NULL
		CONSTRAINT timescale_chain_name_trimmed CHECK (chain OPERATOR(pg_catalog.<>) ''::text AND chain OPERATOR(pg_catalog.=) pg_catalog.btrim(chain)),
	step		integer NOT NULL
		CONSTRAINT timescale_chain_step_positive CHECK (step OPERATOR(pg_catalog.>=) 1),
	timescale	text NOT NULL REFERENCES socialcare.timescale (code) ON UPDATE CASCADE,
	after_months integer
		CONSTRAINT timescale_chain_after_positive CHECK (after_months OPERATOR(pg_catalog.>) 0),
	description text,
	shipped		boolean NOT NULL DEFAULT false,
	owner		pg_catalog.regrole DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole,
	PRIMARY KEY (chain, step),
	CONSTRAINT timescale_chain_owner_set CHECK (shipped OR owner IS NOT NULL)
);

COMMENT ON TABLE socialcare.timescale_chain IS
'Chains of reviews or visits: event 1 is due within step 1''s timescale of the episode start, event k within step k''s of event k - 1, the last step repeating. A step with after_months replaces the repeating step once the previous event is that many months after the episode start (visits after the first year of a placement).';
COMMENT ON COLUMN socialcare.timescale_chain.step IS 'Steps without after_months are numbered 1, 2, 3, ...; a step with after_months is numbered after them';
COMMENT ON COLUMN socialcare.timescale_chain.timescale IS 'The timescale code of the step (not in hours)';
COMMENT ON COLUMN socialcare.timescale_chain.after_months IS 'NULL for an ordinary step; M: the step applies from the second event on once the previous event is M months or more after the episode start';
COMMENT ON COLUMN socialcare.timescale_chain.shipped IS 'true for rows shipped with socialcare (read-only)';
COMMENT ON COLUMN socialcare.timescale_chain.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows. All steps of a chain have one owner, and use shipped timescales or that owner''s';

SELECT pg_catalog.pg_extension_config_dump('socialcare.timescale', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('socialcare.timescale_chain', 'WHERE NOT shipped');

CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();

GRANT SELECT, INSERT, UPDATE, DELETE ON socialcare.timescale, socialcare.timescale_chain TO PUBLIC;

CREATE FUNCTION socialcare.timescale_protect() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_timescale_protect' LANGUAGE C;
COMMENT ON FUNCTION socialcare.timescale_protect() IS
'Trigger on the timescale tables: shipped rows are read-only outside the extension''s scripts; checks local rows (internal)';

CREATE FUNCTION socialcare.timescales_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_timescales_changed' LANGUAGE C;
COMMENT ON FUNCTION socialcare.timescales_changed() IS
'Trigger on the timescale tables: tells every session to re-read them (internal)';

CREATE TRIGGER timescale_protect
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale
	FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescale_protect_truncate
	BEFORE TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescales_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescales_changed();
CREATE TRIGGER timescale_protect
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescale_protect_truncate
	BEFORE TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescales_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescales_changed();

-- Chains are checked at commit, so that one role's chain can never break
-- another role's calls, nor keep it from deleting its own timescale.
CREATE FUNCTION socialcare.chain_check() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_chain_check' LANGUAGE C;
COMMENT ON FUNCTION socialcare.chain_check() IS
'Constraint trigger on the timescale tables, at commit: a changed chain has one owner, steps numbered 1, 2, 3, ... and uses shipped timescales or its owner''s only (internal)';

CREATE CONSTRAINT TRIGGER chain_check
	AFTER INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION socialcare.chain_check();
CREATE CONSTRAINT TRIGGER chain_check
	AFTER UPDATE ON socialcare.timescale
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION socialcare.chain_check();

INSERT INTO socialcare.timescale
	(code, description, amount, unit, from_event, to_event, source, reference, shipped, owner)
VALUES
	('referral_decision', 'Decision on the response to a referral', 1, 'working days',
	 'referral received', 'decision on the type of response', 'guidance', 'Working Together, chapter 1', true, NULL),
	('assessment', 'Assessment completed', 45, 'working days',
	 'referral', 'assessment authorised', 'guidance', 'Working Together 2023 (45 working days from the point of referral)', true, NULL),
	('icpc', 'Initial child protection conference', 15, 'working days',
	 'strategy discussion at which the section 47 enquiry was initiated', 'initial child protection conference', 'guidance', 'Working Together 2018 and 2023', true, NULL),
	('core_group_1', 'First core group meeting', 10, 'working days',
	 'initial child protection conference', 'first core group meeting', 'guidance', 'Working Together 2018', true, NULL),
	('cp_review_1', 'First child protection review conference', 3, 'months',
	 'initial child protection conference', 'first review conference', 'guidance', 'Working Together: within three months of the initial conference', true, NULL),
	('cp_review_next', 'Next child protection review conference', 6, 'months',
	 'review conference', 'next review conference', 'guidance', 'Working Together: thereafter at intervals of not more than six months', true, NULL),
	('lac_review_1', 'First looked-after review', 20, 'working days',
	 'child becomes looked after', 'first review', 'statute', 'Care Planning, Placement and Case Review (England) Regulations 2010, reg 33(1)', true, NULL),
	('lac_review_2', 'Second looked-after review', 3, 'months',
	 'first review', 'second review', 'statute', 'CPPCR (England) Regulations 2010, reg 33(2)(a)', true, NULL),
	('lac_review_next', 'Subsequent looked-after review', 6, 'months',
	 'previous review', 'next review', 'statute', 'CPPCR (England) Regulations 2010, reg 33(2)(b)', true, NULL),
	('lac_visit_1', 'First visit to a looked-after child in a placement', 1, 'weeks',
	 'start of the placement', 'first visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(a)', true, NULL),
	('lac_visit_next', 'Next visit to a looked-after child', 6, 'weeks',
	 'previous visit', 'next visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(b) and (c)(ii)', true, NULL),
	('lac_visit_long_term', 'Next visit after the first year of a placement intended to last until 18', 3, 'months',
	 'previous visit', 'next visit', 'statute', 'CPPCR (England) Regulations 2010, reg 28(2)(c)(i)', true, NULL),
	('return_interview', 'Return home interview after a missing episode', 72, 'hours',
	 'return from missing', 'return home interview', 'guidance', 'Statutory guidance on children who run away or go missing from home or care (2014)', true, NULL);

INSERT INTO socialcare.timescale_chain
	(chain, step, timescale, after_months, description, shipped, owner)
VALUES
	('lac_review', 1, 'lac_review_1', NULL, 'Looked-after reviews (reg 33): first within 20 working days of becoming looked after', true, NULL),
	('lac_review', 2, 'lac_review_2', NULL, 'second not more than 3 months after the first', true, NULL),
	('lac_review', 3, 'lac_review_next', NULL, 'then not more than 6 months after the previous', true, NULL),
	('cp_review', 1, 'cp_review_1', NULL, 'Child protection reviews: first within 3 months of the initial conference', true, NULL),
	('cp_review', 2, 'cp_review_next', NULL, 'then at intervals of not more than 6 months', true, NULL),
	('lac_visit', 1, 'lac_visit_1', NULL, 'Visits (reg 28(2)): within 1 week of the start of the placement', true, NULL),
	('lac_visit', 2, 'lac_visit_next', NULL, 'then at intervals of not more than 6 weeks', true, NULL),
	('lac_visit_long_term', 1, 'lac_visit_1', NULL, 'Visits, placement intended to last until 18 (reg 28(2)): within 1 week of the start', true, NULL),
	('lac_visit_long_term', 2, 'lac_visit_next', NULL, 'then not more than 6 weeks in the first year', true, NULL),
	('lac_visit_long_term', 3, 'lac_visit_long_term', 12, 'after the first year, not more than 3 months', true, NULL);

CREATE FUNCTION socialcare.due_date(code text, start date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_due_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_date(text, date) IS
'Last day within the timescale from start: the amount-th working day after start, start + days or weeks, or the corresponding date amount months later (31 May + 3 months = 31 August). Not for hours';

CREATE FUNCTION socialcare.due_date(code text, start date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_due_date'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_date(text, date, text) IS
'Last day within the timescale from start, working days in the calendar';

CREATE FUNCTION socialcare.due_time(code text, start timestamptz) RETURNS timestamptz
	AS 'MODULE_PATHNAME', 'sc_due_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.due_time(text, timestamptz) IS
'start + amount hours (elapsed time), for a timescale in hours';

CREATE FUNCTION socialcare.on_time(code text, start date, finish date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, date, date) IS
'True when finish is within the timescale from start: working_days(start, finish) <= amount for working days, finish <= due_date(code, start) otherwise. A finish before the start is on time';

CREATE FUNCTION socialcare.on_time(code text, start date, finish date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, date, date, text) IS
'True when finish is within the timescale from start, working days in the calendar';

CREATE FUNCTION socialcare.on_time(code text, start timestamptz, finish timestamptz) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, timestamptz, timestamptz) IS
'True when finish is within the timescale from start: finish <= start + amount hours for hours, otherwise as on the two dates (session time zone)';

CREATE FUNCTION socialcare.on_time(code text, start timestamptz, finish timestamptz, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_on_time_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.on_time(text, timestamptz, timestamptz, text) IS
'True when finish is within the timescale from start, working days in the calendar';

CREATE FUNCTION socialcare.lateness(code text, start date, finish date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lateness'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, date, date) IS
'How late finish is: working days beyond the amount (working-day timescales), else calendar days after the due date. 0 or negative: on time, by that margin';

CREATE FUNCTION socialcare.lateness(code text, start date, finish date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lateness'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, date, date, text) IS
'How late finish is, working days in the calendar; 0 or negative: on time';

CREATE FUNCTION socialcare.lateness(code text, start timestamptz, finish timestamptz) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_lateness_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, timestamptz, timestamptz) IS
'How late finish is: hours after start + amount hours for hours timescales, otherwise as lateness on the two dates; 0 or negative: on time';

CREATE FUNCTION socialcare.lateness(code text, start timestamptz, finish timestamptz, calendar text) RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_lateness_ts'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lateness(text, timestamptz, timestamptz, text) IS
'How late finish is, working days in the calendar; 0 or negative: on time';

CREATE FUNCTION socialcare.chain_due(chain text, event_date date, episode_start date) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): the due date of this event, from the previous event of the episode (the first: from episode_start) by the chain''s step. A second event on the same day is the same event. NULL date gives NULL';

CREATE FUNCTION socialcare.chain_due(chain text, event_date date, episode_start date, calendar text) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_due'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_due(text, date, date, text) IS
'Window function: the due date of this event of the chain, working days in the calendar';

CREATE FUNCTION socialcare.chain_on_time(chain text, event_date date, episode_start date) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): was this event within its step''s timescale of the previous event (the first: of episode_start)?';

CREATE FUNCTION socialcare.chain_on_time(chain text, event_date date, episode_start date, calendar text) RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_on_time'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_on_time(text, date, date, text) IS
'Window function: was this event of the chain on time, working days in the calendar';

CREATE FUNCTION socialcare.chain_lateness(chain text, event_date date, episode_start date) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, date, date) IS
'Window function, OVER (PARTITION BY episode ORDER BY event_date): lateness of this event against its step, as lateness() counts it (0 or negative: on time)';

CREATE FUNCTION socialcare.chain_lateness(chain text, event_date date, episode_start date, calendar text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_chain_lateness'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_lateness(text, date, date, text) IS
'Window function: lateness of this event of the chain, working days in the calendar';

CREATE FUNCTION socialcare.chain_next_due(chain text, episode_start date, events_held bigint, last_event date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_next_due'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_next_due(text, date, bigint, date) IS
'Due date of the next event of the chain after events_held events, the last on last_event (ignored, may be NULL, when events_held is 0: the first is due from episode_start)';

CREATE FUNCTION socialcare.chain_next_due(chain text, episode_start date, events_held bigint, last_event date,
		calendar text)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_chain_next_due'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_next_due(text, date, bigint, date, text) IS
'Due date of the next event of the chain, working days in the calendar';

CREATE FUNCTION socialcare.chain_overdue(chain text, episode_start date, events_held bigint, last_event date,
		as_at date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_overdue'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_overdue(text, date, bigint, date, date) IS
'As at a date, is the next event of the chain overdue (past its step''s timescale from the last event, or from episode_start when none was held)? False on the due date itself';

CREATE FUNCTION socialcare.chain_overdue(chain text, episode_start date, events_held bigint, last_event date,
		as_at date, calendar text)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_chain_overdue'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.chain_overdue(text, date, bigint, date, date, text) IS
'As at a date, is the next event of the chain overdue, working days in the calendar';

--------------------------------------------------------------------------
-- Targets and the monthly scorecard: RAG status, direction of travel,
-- sparklines, the KPI catalogue and the scorecard in long and wide form
--------------------------------------------------------------------------

CREATE TYPE socialcare.rag AS ENUM ('red', 'amber', 'green');
COMMENT ON TYPE socialcare.rag IS
'RAG status, ordered red < amber < green: min(rag) is the worst status of a group, max(rag) the best';

CREATE FUNCTION socialcare.rag(value numeric, green_at numeric, red_beyond numeric,
		polarity text DEFAULT NULL)
	RETURNS socialcare.rag
	AS 'MODULE_PATHNAME', 'sc_rag'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rag(numeric, numeric, numeric, text) IS
'RAG status against thresholds: green at or beyond green_at, red strictly beyond red_beyond, amber between. Which way is better is implied by their order (green_at above red_beyond: high is better) or given as polarity ''high''/''low'' (then checked against the order; equal thresholds need it). NULL value or threshold gives NULL';

CREATE FUNCTION socialcare.rag_target(value numeric, target numeric, tolerance numeric, polarity text)
	RETURNS socialcare.rag
	AS 'MODULE_PATHNAME', 'sc_rag_target'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rag_target(numeric, numeric, numeric, text) IS
'RAG status against a target: green at or beyond the target (at or above for polarity ''high'', at or below for ''low''), amber up to tolerance short of it (the boundary included; tolerance in the value''s unit, 0 for none), red beyond. NULL value, target or tolerance gives NULL; polarity is required';

CREATE FUNCTION socialcare.direction(value numeric, baseline numeric, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_direction'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.direction(numeric, numeric, integer, numeric) IS
'Raw direction from baseline to value: ''up'', ''down'' or ''no change'', whatever is better. Both are first rounded to places decimals (half away from zero; default 0, whole numbers, which reproduces the seed''s arrows; NULL compares exactly), then a difference of at most equal_within (default 0) is no change. NULL value or baseline gives NULL';

CREATE FUNCTION socialcare.direction_arrow(value numeric, baseline numeric, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_direction_arrow'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.direction_arrow(numeric, numeric, integer, numeric) IS
'direction() drawn as the seed''s arrows: ▲ up, ▼ down, ◄ no change';

CREATE FUNCTION socialcare.direction_of_travel(value numeric, baseline numeric, polarity text,
		places integer DEFAULT 0, equal_within numeric DEFAULT 0)
	RETURNS text
	AS 'MODULE_PATHNAME', 'sc_direction_of_travel'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.direction_of_travel(numeric, numeric, text, integer, numeric) IS
'Direction read with polarity: ''improving'', ''worsening'' or ''no change'' (up is improving when polarity is ''high''); rounding and equal_within as in direction(). NULL value or baseline gives NULL';

CREATE FUNCTION socialcare.change_pp(value numeric, baseline numeric)
	RETURNS numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN value OPERATOR(pg_catalog.-) baseline;
COMMENT ON FUNCTION socialcare.change_pp(numeric, numeric) IS
'Change from baseline to value in the value''s own unit: percentage points for percentages (75.4% to 66.6% is -8.8). Compare change_relative';

CREATE FUNCTION socialcare.change_relative(value numeric, baseline numeric)
	RETURNS numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.trim_scale(100::numeric OPERATOR(pg_catalog.*) (value OPERATOR(pg_catalog.-) baseline)
		OPERATOR(pg_catalog./) CASE WHEN baseline OPERATOR(pg_catalog.<>) 0::numeric THEN baseline END);
COMMENT ON FUNCTION socialcare.change_relative(numeric, numeric) IS
'Relative change from baseline to value, in percent of the baseline (75.4 to 66.6 is -11.67...%); NULL when the baseline is 0. Round it for display';

-- sparkline(value ORDER BY month): a plain numeric[] state (array_append),
-- so array_cat combines; with ORDER BY PostgreSQL never runs it in parallel.
CREATE FUNCTION socialcare.sparkline_final(numeric[]) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_sparkline_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_final(numeric[]) IS 'Final function of sparkline (internal)';

CREATE FUNCTION socialcare.sparkline_retract(state numeric[], value numeric) RETURNS numeric[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN state[2:];
COMMENT ON FUNCTION socialcare.sparkline_retract(numeric[], numeric) IS
'Inverse transition function of sparkline for moving windows: drops the oldest value (internal)';

CREATE AGGREGATE socialcare.sparkline(value numeric) (
	SFUNC = pg_catalog.array_append,
	STYPE = numeric[],
	COMBINEFUNC = pg_catalog.array_cat,
	FINALFUNC = socialcare.sparkline_final,
	MSFUNC = pg_catalog.array_append,
	MINVFUNC = socialcare.sparkline_retract,
	MSTYPE = numeric[],
	MFINALFUNC = socialcare.sparkline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.sparkline(numeric) IS
'Sparkline of a series for terminals and tooltips: sparkline(value ORDER BY month) gives one bar ▁ to █ a value, scaled from the smallest to the largest, a space for NULL (a gap); a flat series is ▄▄▄; NULL when no value is non-NULL. Works as a moving window; with ORDER BY it is never run in parallel';

CREATE FUNCTION socialcare.sparkline_final(float8[]) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_sparkline_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.sparkline_final(float8[]) IS 'Final function of sparkline(double precision) (internal)';

CREATE FUNCTION socialcare.sparkline_retract(state float8[], value float8) RETURNS float8[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN state[2:];
COMMENT ON FUNCTION socialcare.sparkline_retract(float8[], float8) IS
'Inverse transition function of sparkline(double precision) for moving windows (internal)';

CREATE AGGREGATE socialcare.sparkline(value float8) (
	SFUNC = pg_catalog.array_append,
	STYPE = float8[],
	COMBINEFUNC = pg_catalog.array_cat,
	FINALFUNC = socialcare.sparkline_final,
	MSFUNC = pg_catalog.array_append,
	MINVFUNC = socialcare.sparkline_retract,
	MSTYPE = float8[],
	MFINALFUNC = socialcare.sparkline_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.sparkline(float8) IS
'Sparkline of a double precision series: as sparkline(numeric); integers use this one';

CREATE FUNCTION socialcare.checked_months(n integer, what text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_checked_months'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.checked_months(integer, text) IS
'n when it is a number of months from 1 to 1200, otherwise an error naming the argument what (internal, for scorecard)';

-- previous_value / previous_average: lag() and a ROWS frame by calendar
-- month, for series in users' own tables (a missing month gives NULL).
CREATE FUNCTION socialcare.previous_value(value numeric, month date, months_back integer DEFAULT 1)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_value'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_value(numeric, date, integer) IS
'Window function, OVER (PARTITION BY kpi ORDER BY month), one row a month: the value of the calendar month months_back (1) before this row''s; NULL when that month has no row or no value (where lag() would silently take an older month)';

CREATE FUNCTION socialcare.previous_average(value numeric, month date, months integer DEFAULT 3)
	RETURNS numeric
	AS 'MODULE_PATHNAME', 'sc_previous_average'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.previous_average(numeric, date, integer) IS
'Window function, OVER (PARTITION BY kpi ORDER BY month), one row a month: the mean of the values of the months (3) calendar months before this row''s, the seed''s "previous three month average"; NULL unless every one of them has a value';

CREATE FUNCTION socialcare.checked_as_at(as_at date, months integer) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_checked_as_at'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.checked_as_at(date, integer) IS
'as_at when the months months up to its month are within the range of reporting periods (April 1 AD to November 294276), otherwise an error naming it (internal, for scorecard); NULL as_at gives NULL';

-- The KPI catalogue: user data, kept by pg_dump.  Readable by everyone;
-- a KPI, its comparators, targets and values can be changed only by members of
-- the KPI's owner role (as socialcare.calendar).
CREATE TABLE socialcare.kpi (
	code		text PRIMARY KEY
		CONSTRAINT kpi_code_trimmed CHECK (code OPERATOR(pg_catalog.<>) ''::text AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	title		text NOT NULL,
	service_area text,
	unit		text NOT NULL DEFAULT 'percent'
		CONSTRAINT kpi_unit_known CHECK (unit OPERATOR(pg_catalog.=) ANY ('{percent,rate,count,number}'::text[])),
	decimals	integer NOT NULL DEFAULT 1
		CONSTRAINT kpi_decimals_range CHECK (decimals OPERATOR(pg_catalog.>=) 0 AND decimals OPERATOR(pg_catalog.<=) 6),
	frequency	text NOT NULL DEFAULT 'monthly'
		CONSTRAINT kpi_frequency_known CHECK (frequency OPERATOR(pg_catalog.=) ANY ('{monthly,as at month end,cumulative}'::text[])),
	polarity	text NOT NULL
		CONSTRAINT kpi_polarity_known CHECK (polarity OPERATOR(pg_catalog.=) ANY ('{high,low}'::text[])),
	target		numeric
		CONSTRAINT kpi_target_finite CHECK (target OPERATOR(pg_catalog.>) '-Infinity'::numeric AND target OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	tolerance	numeric NOT NULL DEFAULT 0
		CONSTRAINT kpi_tolerance_not_negative CHECK (tolerance OPERATOR(pg_catalog.>=) 0::numeric AND tolerance OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	sort_order	integer,
	description text,
	owner		pg_catalog.regrole NOT NULL DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole
);
COMMENT ON TABLE socialcare.kpi IS
'KPI catalogue: one row per indicator, with its polarity, target and tolerance; its comparators are in socialcare.kpi_comparator, targets by period in socialcare.kpi_target and monthly values in socialcare.kpi_value. Readable by everyone; a KPI and its rows can be changed only by members of its owner role';
COMMENT ON COLUMN socialcare.kpi.code IS 'Short code, such as ''PI3'': the key kpi_value and kpi_comparator refer to';
COMMENT ON COLUMN socialcare.kpi.title IS 'Description shown on the scorecard';
COMMENT ON COLUMN socialcare.kpi.service_area IS 'Service area, such as ''Front Door'' or ''Child Protection''';
COMMENT ON COLUMN socialcare.kpi.unit IS '''percent'' (shown with %), ''rate'' (per 10,000), ''count'' or ''number'' (an average, a ratio)';
COMMENT ON COLUMN socialcare.kpi.decimals IS 'Decimals shown on the wide scorecard (values are kept exact)';
COMMENT ON COLUMN socialcare.kpi.frequency IS '''monthly'' (in-month flow), ''as at month end'' (snapshot) or ''cumulative'' (financial year to date)';
COMMENT ON COLUMN socialcare.kpi.polarity IS 'Which way is better: ''high'' or ''low'' (the seed''s "Better Performance")';
COMMENT ON COLUMN socialcare.kpi.target IS 'Target: green at or beyond it; NULL for no RAG status. socialcare.kpi_target overrides it by period';
COMMENT ON COLUMN socialcare.kpi.tolerance IS 'Width of the amber band short of the target, in the value''s unit (0: no amber)';
COMMENT ON COLUMN socialcare.kpi.sort_order IS 'Order on the scorecard (then code)';
COMMENT ON COLUMN socialcare.kpi.owner IS 'Role whose members may change this KPI, its comparators, targets and values (and the extension''s owner); by default the role that added it';

CREATE TABLE socialcare.kpi_comparator (
	kpi			text NOT NULL REFERENCES socialcare.kpi (code) ON UPDATE CASCADE ON DELETE CASCADE,
	comparator	text NOT NULL
		CONSTRAINT kpi_comparator_known CHECK (comparator OPERATOR(pg_catalog.=) ANY ('{statistical neighbours,england,region}'::text[])),
	valid_from	date NOT NULL,
	value		numeric NOT NULL
		CONSTRAINT kpi_comparator_value_finite CHECK (value OPERATOR(pg_catalog.>) '-Infinity'::numeric AND value OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	label		text,
	source		text,
	PRIMARY KEY (kpi, comparator, valid_from)
);
COMMENT ON TABLE socialcare.kpi_comparator IS
'Comparator averages of a KPI by period: a value applies to the months from valid_from until a later valid_from of the same comparator';
COMMENT ON COLUMN socialcare.kpi_comparator.comparator IS '''statistical neighbours'', ''england'' or ''region''';
COMMENT ON COLUMN socialcare.kpi_comparator.valid_from IS 'First day the value applies to (usually when it was published)';
COMMENT ON COLUMN socialcare.kpi_comparator.label IS 'Name shown, such as ''West Midlands'' for a region';
COMMENT ON COLUMN socialcare.kpi_comparator.source IS 'Where the value comes from, such as ''CIN census 2017-18''';

CREATE TABLE socialcare.kpi_value (
	kpi			text NOT NULL REFERENCES socialcare.kpi (code) ON UPDATE CASCADE ON DELETE CASCADE,
	month		date NOT NULL
		CONSTRAINT kpi_value_month_is_month_end
			CHECK (pg_catalog.isfinite(month)
				   AND month OPERATOR(pg_catalog.=)
					   (pg_catalog.date_trunc('month'::text, month::timestamp without time zone)
						OPERATOR(pg_catalog.+) '1 mon -1 days'::interval)::date),
	value		numeric
		CONSTRAINT kpi_value_finite CHECK (value OPERATOR(pg_catalog.>) '-Infinity'::numeric AND value OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	numerator	numeric
		CONSTRAINT kpi_value_numerator_valid CHECK (numerator OPERATOR(pg_catalog.>=) 0::numeric AND numerator OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	denominator numeric
		CONSTRAINT kpi_value_denominator_valid CHECK (denominator OPERATOR(pg_catalog.>=) 0::numeric AND denominator OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	PRIMARY KEY (kpi, month)
);
COMMENT ON TABLE socialcare.kpi_value IS
'Monthly values of a KPI, one row per KPI and month end: fill from a query with INSERT ... SELECT ... ON CONFLICT (kpi, month) DO UPDATE';
COMMENT ON COLUMN socialcare.kpi_value.month IS 'Last day of the month the value is for (socialcare.month_ends gives them)';
COMMENT ON COLUMN socialcare.kpi_value.value IS 'The value as reported (a percentage as 0 to 100); NULL for a missing month, shown as a gap';
COMMENT ON COLUMN socialcare.kpi_value.numerator IS 'Count behind the value, for the record and for suppression (optional)';
COMMENT ON COLUMN socialcare.kpi_value.denominator IS 'Count or population the value is out of (optional)';

CREATE TABLE socialcare.kpi_target (
	kpi			text NOT NULL REFERENCES socialcare.kpi (code) ON UPDATE CASCADE ON DELETE CASCADE,
	valid_from	date NOT NULL,
	target		numeric NOT NULL
		CONSTRAINT kpi_target_finite CHECK (target OPERATOR(pg_catalog.>) '-Infinity'::numeric AND target OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	tolerance	numeric NOT NULL DEFAULT 0
		CONSTRAINT kpi_target_tolerance_not_negative CHECK (tolerance OPERATOR(pg_catalog.>=) 0::numeric AND tolerance OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	PRIMARY KEY (kpi, valid_from)
);
COMMENT ON TABLE socialcare.kpi_target IS
'Targets of a KPI by period, such as one per financial year: a target and tolerance apply to the months from valid_from until a later valid_from; before the first, socialcare.kpi.target and tolerance apply';
COMMENT ON COLUMN socialcare.kpi_target.valid_from IS 'First day the target applies to, such as 1 April';
COMMENT ON COLUMN socialcare.kpi_target.tolerance IS 'Width of the amber band short of the target, in the value''s unit (0: no amber)';

SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi_target', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi_comparator', '');
SELECT pg_catalog.pg_extension_config_dump('socialcare.kpi_value', '');

CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_comparator
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_value
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_target
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();

GRANT SELECT, INSERT, UPDATE, DELETE
	ON socialcare.kpi, socialcare.kpi_comparator, socialcare.kpi_value, socialcare.kpi_target TO PUBLIC;

-- The scorecard, long form: one row per KPI and month, for BI tools.  The
-- months before the window are read too, for the first months' baselines.
CREATE FUNCTION socialcare.scorecard(as_at date, months integer DEFAULT 12, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0, average_months integer DEFAULT 3)
	RETURNS TABLE (kpi text, title text, service_area text, frequency text, unit text,
		polarity text, sort_order integer, month date, month_label text, is_latest boolean,
		value numeric, numerator numeric, denominator numeric,
		target numeric, tolerance numeric, rag socialcare.rag,
		previous_value numeric, change numeric, change_direction text, change_travel text,
		previous_average numeric, average_direction text, average_travel text,
		statistical_neighbours numeric, england numeric, region numeric, region_name text,
		vs_statistical_neighbours text, vs_england text, vs_region text,
		sparkline text)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		WITH span AS (
			SELECT n.n, pg_catalog.date_trunc('month', socialcare.checked_as_at(as_at, n.n)) AS first_day
			FROM (SELECT socialcare.checked_months(months, 'months')
						 OPERATOR(pg_catalog.+) socialcare.checked_months(average_months, 'average_months') AS n) AS n
		), win AS (
			-- month_ends, not generate_series: its row estimate (24) keeps
			-- the plan small, and JIT off, when as_at is not a constant
			SELECT w.month, (w.ord OPERATOR(pg_catalog.-) span.n)::integer AS k
			FROM span, socialcare.month_ends(
					(span.first_day OPERATOR(pg_catalog.-) pg_catalog.make_interval(months => span.n OPERATOR(pg_catalog.-) 1))::date,
					(span.first_day OPERATOR(pg_catalog.+) interval '1 month - 1 day')::date)
				WITH ORDINALITY AS w (month, ord)
		), series AS (
			SELECT c.code, w.month, w.k, v.value, v.numerator, v.denominator
			FROM socialcare.kpi c CROSS JOIN win w
			LEFT JOIN socialcare.kpi_value v
				ON v.kpi OPERATOR(pg_catalog.=) c.code AND v.month OPERATOR(pg_catalog.=) w.month
		), trend AS (
			SELECT s.code, s.month, s.k, s.value, s.numerator, s.denominator,
				   pg_catalog.lag(s.value) OVER byk AS previous_value,
				   CASE WHEN pg_catalog.count(s.value) OVER before OPERATOR(pg_catalog.=) average_months
						THEN pg_catalog.trim_scale(pg_catalog.avg(s.value) OVER before) END AS previous_average
			FROM series s
			WINDOW byk AS (PARTITION BY s.code ORDER BY s.month),
				   -- checked here too: the executor reads the offset even with no rows
				   before AS (byk ROWS BETWEEN socialcare.checked_months(average_months, 'average_months')
							  PRECEDING AND 1 PRECEDING)
		), shown AS (
			SELECT t.*, socialcare.sparkline(t.value) OVER (PARTITION BY t.code ORDER BY t.month
					ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS sparkline
			FROM trend t
			WHERE t.k OPERATOR(pg_catalog.>) OPERATOR(pg_catalog.-) socialcare.checked_months(months, 'months')
		)
		SELECT c.code, c.title, c.service_area, c.frequency, c.unit, c.polarity, c.sort_order,
			   s.month, pg_catalog.to_char(s.month, 'Mon-YY'), s.k OPERATOR(pg_catalog.=) 0,
			   s.value, s.numerator, s.denominator, tg.target, tg.tolerance,
			   socialcare.rag_target(s.value, tg.target, tg.tolerance, c.polarity),
			   s.previous_value, socialcare.change_pp(s.value, s.previous_value),
			   socialcare.direction(s.value, s.previous_value, places, equal_within),
			   socialcare.direction_of_travel(s.value, s.previous_value, c.polarity, places, equal_within),
			   s.previous_average,
			   socialcare.direction(s.value, s.previous_average, places, equal_within),
			   socialcare.direction_of_travel(s.value, s.previous_average, c.polarity, places, equal_within),
			   cmp.sn, cmp.england, cmp.region, cmp.region_name,
			   socialcare.direction(s.value, cmp.sn, places, equal_within),
			   socialcare.direction(s.value, cmp.england, places, equal_within),
			   socialcare.direction(s.value, cmp.region, places, equal_within),
			   s.sparkline
		FROM shown s
		JOIN socialcare.kpi c ON c.code OPERATOR(pg_catalog.=) s.code
		LEFT JOIN LATERAL (
			SELECT pg_catalog.max(l.value) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'statistical neighbours') AS sn,
				   pg_catalog.max(l.value) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'england') AS england,
				   pg_catalog.max(l.value) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'region') AS region,
				   pg_catalog.max(l.label) FILTER (WHERE l.comparator OPERATOR(pg_catalog.=) 'region') AS region_name
			FROM (SELECT DISTINCT ON (cp.comparator) cp.comparator, cp.value, cp.label
				  FROM socialcare.kpi_comparator cp
				  WHERE cp.kpi OPERATOR(pg_catalog.=) s.code AND cp.valid_from OPERATOR(pg_catalog.<=) s.month
				  ORDER BY cp.comparator, cp.valid_from DESC) AS l
		) AS cmp ON true
		-- the target in force that month, or the KPI's own
		CROSS JOIN LATERAL (
			SELECT COALESCE(p.target, c.target) AS target,
				   COALESCE(p.tolerance, c.tolerance) AS tolerance
			FROM (SELECT NULL::integer) AS one
			LEFT JOIN (SELECT t.target, t.tolerance FROM socialcare.kpi_target t
					   WHERE t.kpi OPERATOR(pg_catalog.=) s.code AND t.valid_from OPERATOR(pg_catalog.<=) s.month
					   ORDER BY t.valid_from DESC LIMIT 1) AS p ON true
		) AS tg
		ORDER BY c.sort_order NULLS LAST, c.code, s.month;
	END;
COMMENT ON FUNCTION socialcare.scorecard(date, integer, integer, numeric, integer) IS
'The monthly scorecard in long form, one row per KPI and month for the months months up to the month of as_at (is_latest marks that month): value, RAG against the KPI''s target, change from the previous month and direction against it and against the average of the average_months before (3), the comparators in force that month and the direction against each, and the KPI''s sparkline. Directions compare values rounded to places decimals (0: whole numbers, as the seed; NULL: exact), no change within equal_within. A NULL as_at gives no rows (kpi_scorecard on an empty catalogue); NULL or out-of-range months or average_months, and an as_at too early or late for the months it needs, are errors naming them';

-- The scorecard as the seed lays it out: one row per KPI, the months as arrays.
CREATE FUNCTION socialcare.scorecard_wide(as_at date, months integer DEFAULT 12, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0, average_months integer DEFAULT 3)
	RETURNS TABLE (kpi text, title text, frequency text, service_area text, better_performance text,
		statistical_neighbours numeric, england numeric, region numeric, region_name text,
		month_labels text[], "values" numeric[], shown text[],
		change_arrow text, average_arrow text,
		vs_statistical_neighbours_arrow text, vs_england_arrow text, vs_region_arrow text,
		rag socialcare.rag, sparkline text)
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		SELECT s.kpi, pg_catalog.min(s.title), pg_catalog.min(s.frequency), pg_catalog.min(s.service_area),
			   pg_catalog.initcap(pg_catalog.min(s.polarity)),
			   pg_catalog.max(s.statistical_neighbours) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.england) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.region) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.region_name) FILTER (WHERE s.is_latest),
			   pg_catalog.array_agg(s.month_label ORDER BY s.month),
			   pg_catalog.array_agg(s.value ORDER BY s.month),
			   pg_catalog.array_agg(pg_catalog.round(s.value, k.decimals)::text
									OPERATOR(pg_catalog.||) CASE WHEN k.unit OPERATOR(pg_catalog.=) 'percent' THEN '%' ELSE '' END
									ORDER BY s.month),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.previous_value, places, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.previous_average, places, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.statistical_neighbours, places, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.england, places, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(socialcare.direction_arrow(s.value, s.region, places, equal_within)) FILTER (WHERE s.is_latest),
			   pg_catalog.max(s.rag) FILTER (WHERE s.is_latest),
			   pg_catalog.min(s.sparkline)
		FROM socialcare.scorecard(as_at, months, places, equal_within, average_months) AS s
		JOIN socialcare.kpi k ON k.code OPERATOR(pg_catalog.=) s.kpi
		GROUP BY s.kpi, s.sort_order
		ORDER BY s.sort_order NULLS LAST, s.kpi;
	END;
COMMENT ON FUNCTION socialcare.scorecard_wide(date, integer, integer, numeric, integer) IS
'The monthly scorecard in the seed''s layout, one row per KPI: title, frequency, service area, better performance, the comparators, the months'' labels, values and values as shown (KPI decimals, % for percentages), arrows for the latest month (▲ ▼ ◄ against the previous month, the previous average_months'' average and each comparator; NULL where there is nothing to compare), its RAG status and the sparkline. Arguments as scorecard()';

-- The scorecard as text for people: the seed's table, aligned, one line a KPI.
CREATE FUNCTION socialcare.scorecard_text(as_at date, months integer DEFAULT 12, places integer DEFAULT 0,
		equal_within numeric DEFAULT 0, average_months integer DEFAULT 3, title_width integer DEFAULT 40)
	RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE
	BEGIN ATOMIC
		WITH w AS (
			SELECT pg_catalog.row_number() OVER (ORDER BY k.sort_order NULLS LAST, x.kpi) AS r, x.*
			FROM socialcare.scorecard_wide(as_at, months, places, equal_within, average_months) AS x
			JOIN socialcare.kpi k ON k.code OPERATOR(pg_catalog.=) x.kpi
		), cell AS (
			-- (row, column, text, right-aligned); row 0 is the header
			SELECT 0::bigint AS r, c.col, c.txt, c.num
			FROM (SELECT pg_catalog.max(w.region_name) AS region, pg_catalog.min(w.month_labels) AS labels FROM w) AS h,
				 LATERAL (VALUES (1, 'KPI', false), (2, 'Description', false), (3, 'Frequency', false),
								 (4, 'Service area', false), (5, 'Better', false), (6, 'SN', true),
								 (7, 'England', true), (8, COALESCE(h.region, 'Region'), true),
								 (1001, 'Chg', false), (1002, pg_catalog.concat(average_months, 'm avg'), false),
								 (1003, 'vs SN', false), (1004, 'vs Eng', false), (1005, 'vs Reg', false),
								 (1006, 'RAG', false), (1007, 'Trend', false)) AS c (col, txt, num)
			UNION ALL
			SELECT 0, 8 OPERATOR(pg_catalog.+) l.i::integer, l.label, true
			FROM (SELECT pg_catalog.min(w.month_labels) AS labels FROM w) AS h,
				 pg_catalog.unnest(h.labels) WITH ORDINALITY AS l (label, i)
			UNION ALL
			SELECT w.r, c.col, COALESCE(c.txt, 'N/A'), c.num
			FROM w, LATERAL (VALUES
				(1, w.kpi, false),
				(2, CASE WHEN title_width IS NULL
							   OR pg_catalog.char_length(w.title) OPERATOR(pg_catalog.<=) GREATEST(title_width, 10)
						 THEN w.title
						 ELSE pg_catalog.left(w.title, GREATEST(title_width, 10) OPERATOR(pg_catalog.-) 1)
							  OPERATOR(pg_catalog.||) '…' END, false),
				(3, w.frequency, false), (4, COALESCE(w.service_area, ''), false), (5, w.better_performance, false),
				(6, w.statistical_neighbours::text, true), (7, w.england::text, true), (8, w.region::text, true),
				(1001, w.change_arrow, false), (1002, w.average_arrow, false),
				(1003, w.vs_statistical_neighbours_arrow, false), (1004, w.vs_england_arrow, false),
				(1005, w.vs_region_arrow, false), (1006, COALESCE(w.rag::text, ''), false),
				(1007, COALESCE(w.sparkline, ''), false)) AS c (col, txt, num)
			UNION ALL
			SELECT w.r, 8 OPERATOR(pg_catalog.+) v.i::integer, COALESCE(v.shown, ''), true
			FROM w, pg_catalog.unnest(w.shown) WITH ORDINALITY AS v (shown, i)
		), sized AS (
			SELECT cell.*, pg_catalog.max(pg_catalog.char_length(cell.txt)) OVER (PARTITION BY cell.col) AS width
			FROM cell
		), line AS (
			SELECT s.r, pg_catalog.rtrim(pg_catalog.string_agg(
					CASE WHEN s.num THEN pg_catalog.lpad(s.txt, s.width::integer) ELSE pg_catalog.rpad(s.txt, s.width::integer) END,
					'  ' ORDER BY s.col)) AS txt,
				   pg_catalog.sum(s.width) OPERATOR(pg_catalog.+) (2 OPERATOR(pg_catalog.*) (pg_catalog.count(*) OPERATOR(pg_catalog.-) 1)) AS total
			FROM sized s GROUP BY s.r
		)
		SELECT l.txt FROM (
			SELECT line.r::numeric AS r, line.txt FROM line
			UNION ALL
			SELECT 0.5, pg_catalog.repeat('-', line.total::integer) FROM line WHERE line.r OPERATOR(pg_catalog.=) 0
		) AS l
		ORDER BY l.r;
	END;
COMMENT ON FUNCTION socialcare.scorecard_text(date, integer, integer, numeric, integer, integer) IS
'The monthly scorecard as aligned text, one line a KPI under a header, as the seed lays it out (titles cut to title_width characters, at least 10; NULL: whole): for terminals, e-mails and reports. N/A where there is nothing to compare. Other arguments as scorecard()';

CREATE VIEW socialcare.kpi_scorecard AS
	SELECT s.*
	FROM socialcare.scorecard((SELECT pg_catalog.max(v.month) FROM socialcare.kpi_value v)) AS s;
COMMENT ON VIEW socialcare.kpi_scorecard IS
'scorecard() for the 12 months up to the latest month with a value, with its defaults: for reporting tools that read views';
GRANT SELECT ON socialcare.kpi_scorecard TO PUBLIC;

--------------------------------------------------------------------------
-- Rolling monthly series, repeat plans, durations and "as at" snapshots
--------------------------------------------------------------------------

CREATE FUNCTION socialcare.rolling_months(month_end date, months integer DEFAULT 12)
	RETURNS daterange
	AS 'MODULE_PATHNAME', 'sc_rolling_months'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_months(date, integer) IS
'The rolling period of whole calendar months ending with month_end''s month: [first day of the month 11 months earlier, month_end] for 12 months (the DfE year at 31 March). rolling_months(m) @> referral_date';

CREATE TYPE socialcare.rolling_month AS (
	month_end	date,
	part		bigint,
	whole		bigint,
	pct			numeric
);
COMMENT ON TYPE socialcare.rolling_month IS
'One month end of a rolling series (rolling_pct_series): part of whole rows dated in the window, and the percentage';
COMMENT ON COLUMN socialcare.rolling_month.month_end IS 'The month end the window ends at';
COMMENT ON COLUMN socialcare.rolling_month.part IS 'Rows in the window whose condition is true (re-referrals)';
COMMENT ON COLUMN socialcare.rolling_month.whole IS 'Rows in the window with a non-NULL condition (referrals)';
COMMENT ON COLUMN socialcare.rolling_month.pct IS '100 * part / whole as pct() gives it; NULL when whole is 0';

-- rolling_pct_series: each row counted once in its month, the windows slid
-- over the month counts at the end; a plain bigint[] state
-- {from_date, to_date, months, (true, counted) per month} for parallel query.
CREATE FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date) IS
'Transition function of rolling_pct_series (internal)';

CREATE FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date, integer)
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_accum'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_accum(bigint[], date, boolean, date, date, integer) IS
'Transition function of rolling_pct_series with a window length (internal)';

CREATE FUNCTION socialcare.rolling_pct_series_combine(bigint[], bigint[])
	RETURNS bigint[]
	AS 'MODULE_PATHNAME', 'sc_rolling_combine'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_combine(bigint[], bigint[]) IS
'Combine function of rolling_pct_series for partial aggregation (internal)';

CREATE FUNCTION socialcare.rolling_pct_series_final(bigint[])
	RETURNS socialcare.rolling_month[]
	AS 'MODULE_PATHNAME', 'sc_rolling_final'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.rolling_pct_series_final(bigint[]) IS
'Final function of rolling_pct_series (internal)';

CREATE AGGREGATE socialcare.rolling_pct_series(day date, condition boolean, from_date date, to_date date) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(date, boolean, date, date) IS
'Rolling 12-month percentage at each month end in [from_date, to_date], as socialcare.rolling_month[] (unnest it): of the rows dated in the 12 whole months ending there, the percentage whose condition is true. Earlier rows are not counted; NULL pct where a window has no rows';

CREATE AGGREGATE socialcare.rolling_pct_series(day date, condition boolean, from_date date, to_date date,
		months integer) (
	SFUNC = socialcare.rolling_pct_series_accum,
	STYPE = bigint[],
	COMBINEFUNC = socialcare.rolling_pct_series_combine,
	FINALFUNC = socialcare.rolling_pct_series_final,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE socialcare.rolling_pct_series(date, boolean, date, date, integer) IS
'Rolling percentage over windows of months whole calendar months (1 to 1200), at each month end in [from_date, to_date], as socialcare.rolling_month[]';

CREATE FUNCTION socialcare.is_repeat_plan(start_date date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(date) IS
'Window function, OVER (PARTITION BY child ORDER BY start_date): true when the child had a plan starting on an earlier date, however long ago (DfE: second or subsequent child protection plan). A plan on the same start date is not a repeat; NULL start gives NULL';

CREATE FUNCTION socialcare.is_repeat_plan(start_date date, end_date date, within interval)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_repeat_plan'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_repeat_plan(date, date, interval) IS
'Window function, OVER (PARTITION BY child ORDER BY start_date): true when a plan of the child starting on an earlier date ended on or after start_date - within (''24 months'': the local "within 2 years of the previous plan ending"), or is still open (NULL end)';

CREATE FUNCTION socialcare.lasted_days(start_date date, end_date date)
	RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_lasted_days'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lasted_days(date, date) IS
'Calendar days from start_date to end_date, both counted (DfE: "including days of cessation"); the same day is 1. End before start is an error';

CREATE FUNCTION socialcare.lasted_two_years_or_more(start_date date, end_date date)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_lasted_two_years_or_more'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.lasted_two_years_or_more(date, date) IS
'DfE: a plan that lasted "more than 729 calendar days including days of cessation" (lasted_days > 729, i.e. end_date - start_date >= 729). For a plan open at 31 March, pass 31 March as end_date';

CREATE FUNCTION socialcare.ended_within(start_date date, end_date date, within interval DEFAULT '3 months')
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_ended_within'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.ended_within(date, date, interval) IS
'True when end_date is on or before start_date + within (calendar months, the day clamped: 30 Nov + 3 months = 28/29 Feb): DfE''s "3 months or less" band of plans ending. NULL end (still open) gives NULL';

CREATE FUNCTION socialcare.open_at(start_date date, end_date date, day date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN start_date OPERATOR(pg_catalog.<=) day AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>) day);
COMMENT ON FUNCTION socialcare.open_at(date, date, date) IS
'"As at" day: the episode started on or before day and has not ended by then (end_date NULL or after day; an episode ending on day is closed at day''s end). NULL day or an unknown start gives NULL unless the end settles it';

CREATE FUNCTION socialcare.open_during(start_date date, end_date date, from_date date, to_date date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN start_date OPERATOR(pg_catalog.<=) to_date AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>=) from_date);
COMMENT ON FUNCTION socialcare.open_during(date, date, date, date) IS
'The episode was open on some day from from_date to to_date, both included: it started by to_date and did not end before from_date (one ending on from_date counts: it was open that day)';

CREATE FUNCTION socialcare.placement_in_year(start_date date, end_date date, year_end date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	-- reporting_date: an error naming an infinite or extreme year_end, not
	-- a bare "date out of range" from the arithmetic (checked as the end
	-- too, so open placements are not let through unchecked)
	RETURN socialcare.open_during(start_date, end_date,
								  (socialcare.reporting_date(year_end) OPERATOR(pg_catalog.+) 1
								   OPERATOR(pg_catalog.-) '1 year'::interval)::date,
								  socialcare.reporting_date(year_end))
		AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>) start_date);
COMMENT ON FUNCTION socialcare.placement_in_year(date, date, date) IS
'DfE placement stability: the placement counts among the child''s placements during the 12 months ending year_end (usually 31 March): open on some day of the year (open on 1 April or starting in the year) and lasting 24 hours or more (ending after the day it started, or open). count(*) FILTER (WHERE ...) >= 3';
