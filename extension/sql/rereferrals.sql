-- socialcare, area rereferrals: re-referrals, reporting periods and the
-- guards on reporting dates.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- Re-referrals and reporting periods
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.is_rereferral(referral_date date, within interval DEFAULT '12 months',
		same_day_counts boolean DEFAULT false, include_boundary boolean DEFAULT true)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_rereferral'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_rereferral(date, interval, boolean, boolean) IS
'Window function, OVER (PARTITION BY child ORDER BY referral_date): true when the child had a previous referral within the period (12 calendar months by default; 29 Feb minus 12 months is 28 Feb). A previous referral exactly 12 months earlier counts unless include_boundary is false; one on the same day counts only if same_day_counts. NULL date gives NULL';

-- A guard: the arithmetic below loops or overflows on infinite or extreme
-- dates (test/hardening/bad_input.py found month_ends('-infinity', d) never
-- finished).
CREATE OR REPLACE FUNCTION socialcare.reporting_date(day date)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_reporting_date'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.reporting_date(date) IS
'day itself when reporting-period arithmetic works on it (finite, 0001-04-01 to 294276-11-30); otherwise an error naming it (internal guard of month_ends and financial_year)';

-- A guard: a reversed period is almost always a mistake (issue 19), and
-- would give no rows.
CREATE OR REPLACE FUNCTION socialcare.checked_to_date(from_date date, to_date date, what text)
	RETURNS date
	AS 'MODULE_PATHNAME', 'sc_checked_to_date'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.checked_to_date(date, date, text) IS
'to_date when it is not before from_date (or either is NULL), otherwise an error naming both and the function what, with the hint to swap them (internal guard of month_ends and open_during)';

CREATE OR REPLACE FUNCTION socialcare.month_ends(from_date date, to_date date)
	RETURNS SETOF date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 24
	BEGIN ATOMIC
		SELECT e.month_end
		FROM pg_catalog.generate_series(pg_catalog.date_trunc('month', socialcare.reporting_date(from_date)::timestamp),
										pg_catalog.date_trunc('month', socialcare.reporting_date(
											socialcare.checked_to_date(from_date, to_date, 'month_ends()'))::timestamp),
										interval '1 month') AS m (first_day),
			 LATERAL (SELECT (m.first_day OPERATOR(pg_catalog.+) '1 mon -1 days'::interval)::date AS month_end) AS e
		WHERE e.month_end OPERATOR(pg_catalog.>=) from_date AND e.month_end OPERATOR(pg_catalog.<=) to_date
		ORDER BY e.month_end;
	END;
COMMENT ON FUNCTION socialcare.month_ends(date, date) IS
'The last day of each month from from_date to to_date, both included, as rows: the reporting points of a monthly series. from_date after to_date is an error';

CREATE OR REPLACE FUNCTION socialcare.financial_year_start(day date)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.make_date(pg_catalog.date_part('year', socialcare.reporting_date(day))::integer
								OPERATOR(pg_catalog.-)
								(pg_catalog.date_part('month', socialcare.reporting_date(day))
								 OPERATOR(pg_catalog.<) 4::double precision)::integer, 4, 1);
COMMENT ON FUNCTION socialcare.financial_year_start(date) IS
'1 April of the financial (and DfE reporting) year containing day';

CREATE OR REPLACE FUNCTION socialcare.financial_year(day date)
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

CREATE OR REPLACE FUNCTION socialcare.year_to_date(day date)
	RETURNS daterange
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.daterange(socialcare.financial_year_start(day), day, '[]');
COMMENT ON FUNCTION socialcare.year_to_date(date) IS
'The financial year to date as a range: [1 April, day], both included, for cumulative measures (WHERE year_to_date(month_end) @> referral_date)';

CREATE OR REPLACE FUNCTION socialcare.checked_months(n integer, what text) RETURNS integer
	AS 'MODULE_PATHNAME', 'sc_checked_months'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.checked_months(integer, text) IS
'n when it is a number of months from 1 to 1200, otherwise an error naming the argument what (internal, for scorecard)';

CREATE OR REPLACE FUNCTION socialcare.checked_as_at(as_at date, months integer) RETURNS date
	AS 'MODULE_PATHNAME', 'sc_checked_as_at'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.checked_as_at(date, integer) IS
'as_at when the months months up to its month are within the range of reporting periods (April 1 AD to November 294276), otherwise an error naming it (internal, for scorecard); NULL as_at gives NULL';

--------------------------------------------------------------------------
-- Timestamp forms (issue 14): each function above that takes a date also
-- takes timestamp and timestamptz, by the day rule of README, Settings: a
-- timestamp counts as its calendar date (IMMUTABLE where the date form is),
-- a timestamptz as its calendar day in the session's TimeZone (STABLE).
-- Plain functions are SQL wrappers over the date form (qualified names
-- only, no SET: the scalar ones are inlined); window functions and
-- aggregates are C entry points of their own (sc_day_of, src/sql_util.c).
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.is_rereferral(referral_date timestamp, within interval DEFAULT '12 months', same_day_counts boolean DEFAULT false, include_boundary boolean DEFAULT true)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_rereferral_ts'
	LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_rereferral(timestamp, interval, boolean, boolean) IS
'The timestamp form of is_rereferral(date, interval, boolean, boolean): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.is_rereferral(referral_date timestamptz, within interval DEFAULT '12 months', same_day_counts boolean DEFAULT false, include_boundary boolean DEFAULT true)
	RETURNS boolean
	AS 'MODULE_PATHNAME', 'sc_is_rereferral_tstz'
	LANGUAGE C WINDOW STABLE PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.is_rereferral(timestamptz, interval, boolean, boolean) IS
'The timestamptz form of is_rereferral(date, interval, boolean, boolean): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.reporting_date(day timestamp)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN socialcare.reporting_date(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.reporting_date(timestamp) IS
'The timestamp form of reporting_date(date) (internal guard): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.reporting_date(day timestamptz)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.reporting_date(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.reporting_date(timestamptz) IS
'The timestamptz form of reporting_date(date) (internal guard): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.month_ends(from_date timestamp, to_date timestamp)
	RETURNS SETOF date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 24
	BEGIN ATOMIC
		SELECT * FROM socialcare.month_ends(CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date));
	END;
COMMENT ON FUNCTION socialcare.month_ends(timestamp, timestamp) IS
'The timestamp form of month_ends(date, date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.month_ends(from_date timestamptz, to_date timestamptz)
	RETURNS SETOF date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 24
	BEGIN ATOMIC
		SELECT * FROM socialcare.month_ends(CAST(from_date AS pg_catalog.date), CAST(to_date AS pg_catalog.date));
	END;
COMMENT ON FUNCTION socialcare.month_ends(timestamptz, timestamptz) IS
'The timestamptz form of month_ends(date, date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.financial_year_start(day timestamp)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN socialcare.financial_year_start(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.financial_year_start(timestamp) IS
'The timestamp form of financial_year_start(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.financial_year_start(day timestamptz)
	RETURNS date
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.financial_year_start(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.financial_year_start(timestamptz) IS
'The timestamptz form of financial_year_start(date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.financial_year(day timestamp)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN socialcare.financial_year(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.financial_year(timestamp) IS
'The timestamp form of financial_year(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.financial_year(day timestamptz)
	RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.financial_year(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.financial_year(timestamptz) IS
'The timestamptz form of financial_year(date): a timestamptz counts as its calendar day in the session''s TimeZone';

CREATE OR REPLACE FUNCTION socialcare.year_to_date(day timestamp)
	RETURNS daterange
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN socialcare.year_to_date(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.year_to_date(timestamp) IS
'The timestamp form of year_to_date(date): a timestamp counts as its calendar date';

CREATE OR REPLACE FUNCTION socialcare.year_to_date(day timestamptz)
	RETURNS daterange
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN socialcare.year_to_date(CAST(day AS pg_catalog.date));
COMMENT ON FUNCTION socialcare.year_to_date(timestamptz) IS
'The timestamptz form of year_to_date(date): a timestamptz counts as its calendar day in the session''s TimeZone';
