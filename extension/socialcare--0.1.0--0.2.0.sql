/* socialcare 0.1.0 to 0.2.0: the objects added or changed since 0.1.0,
   in the order extension/socialcare.sql creates them.  test/upgrade.sh
   checks that an updated database equals a fresh install. */

\echo Use "ALTER EXTENSION socialcare UPDATE TO '0.2.0'" to load this file. \quit

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
