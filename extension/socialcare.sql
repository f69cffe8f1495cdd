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

CREATE FUNCTION socialcare.month_ends(from_date date, to_date date)
	RETURNS SETOF date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 24
	BEGIN ATOMIC
		SELECT e.month_end
		FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', from_date::timestamp),
										pg_catalog.date_trunc('month', to_date::timestamp),
										interval '1 month') AS m (first_day),
			 LATERAL (SELECT (m.first_day + interval '1 month' - interval '1 day')::date AS month_end) AS e
		WHERE e.month_end >= from_date AND e.month_end <= to_date
		ORDER BY e.month_end;
	END;
COMMENT ON FUNCTION socialcare.month_ends(date, date) IS
'The last day of each month from from_date to to_date, both included, as rows: the reporting points of a monthly series';

CREATE FUNCTION socialcare.financial_year_start(day date)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.make_date(pg_catalog.date_part('year', day)::integer
								- (pg_catalog.date_part('month', day) < 4)::integer, 4, 1);
COMMENT ON FUNCTION socialcare.financial_year_start(date) IS
'1 April of the financial (and DfE reporting) year containing day';

CREATE FUNCTION socialcare.financial_year(day date)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	-- integer arithmetic, not to_char (only STABLE), so that it inlines
	RETURN pg_catalog.date_part('year', socialcare.financial_year_start(day))::integer::text
		OPERATOR(pg_catalog.||) '-' OPERATOR(pg_catalog.||)
		pg_catalog.lpad(((pg_catalog.date_part('year', socialcare.financial_year_start(day))::integer + 1) % 100)::text,
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
-- Hardening: reporting-period functions reject dates their arithmetic
-- cannot handle with an error that names the date and says what to do
-- (found by test/hardening/bad_input.py: month_ends from -infinity never
-- finished; financial_year of infinity said only "integer out of range").
--------------------------------------------------------------------------

CREATE FUNCTION socialcare.reporting_date(day date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_reporting_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.reporting_date(date) IS
'day itself when reporting-period arithmetic works on it (finite, 0001-04-01 to 294276-11-30); otherwise an error naming it (internal guard of month_ends and financial_year)';

CREATE OR REPLACE FUNCTION socialcare.month_ends(from_date date, to_date date)
	RETURNS SETOF date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 24
	BEGIN ATOMIC
		SELECT e.month_end
		FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', socialcare.reporting_date(from_date)::timestamp),
										pg_catalog.date_trunc('month', socialcare.reporting_date(to_date)::timestamp),
										interval '1 month') AS m (first_day),
			 LATERAL (SELECT (m.first_day + interval '1 month' - interval '1 day')::date AS month_end) AS e
		WHERE e.month_end >= from_date AND e.month_end <= to_date
		ORDER BY e.month_end;
	END;

CREATE OR REPLACE FUNCTION socialcare.financial_year_start(day date)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.make_date(pg_catalog.date_part('year', socialcare.reporting_date(day))::integer
								- (pg_catalog.date_part('month', socialcare.reporting_date(day)) < 4)::integer, 4, 1);

-- Every role may use the extension: CREATE EXTENSION made the schema
-- without USAGE for PUBLIC, so only its owner and superusers could call
-- the functions (found by test/hardening/privileges.py).
GRANT USAGE ON SCHEMA socialcare TO PUBLIC;
