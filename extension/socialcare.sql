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
	RETURN start_date <= day AND (end_date IS NULL OR end_date > day);
COMMENT ON FUNCTION socialcare.open_at(date, date, date) IS
'"As at" day: the episode started on or before day and has not ended by then (end_date NULL or after day; an episode ending on day is closed at day''s end). NULL day or an unknown start gives NULL unless the end settles it';

CREATE FUNCTION socialcare.open_during(start_date date, end_date date, from_date date, to_date date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN start_date <= to_date AND (end_date IS NULL OR end_date >= from_date);
COMMENT ON FUNCTION socialcare.open_during(date, date, date, date) IS
'The episode was open on some day from from_date to to_date, both included: it started by to_date and did not end before from_date (one ending on from_date counts: it was open that day)';

CREATE FUNCTION socialcare.placement_in_year(start_date date, end_date date, year_end date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN socialcare.open_during(start_date, end_date, (year_end + 1 - interval '12 months')::date, year_end)
		AND (end_date IS NULL OR end_date > start_date);
COMMENT ON FUNCTION socialcare.placement_in_year(date, date, date) IS
'DfE placement stability: the placement counts among the child''s placements during the 12 months ending year_end (usually 31 March): open on some day of the year (open on 1 April or starting in the year) and lasting 24 hours or more (ending after the day it started, or open). count(*) FILTER (WHERE ...) >= 3';
