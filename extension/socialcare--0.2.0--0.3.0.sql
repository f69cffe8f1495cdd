/* socialcare 0.2.0 -> 0.3.0: security and robustness (issue 12) */

\echo Use "ALTER EXTENSION socialcare UPDATE TO '0.3.0'" to load this file. \quit

-- Each area of the release has a section of its own, so that work on
-- one does not touch another's lines.

--------------------------------------------------------------------------
-- Schema ownership, qualified operators and stored expressions
--------------------------------------------------------------------------

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

-- Stored expressions of 0.1.0 and 0.2.0 used operators with no exact match
-- in pg_catalog for their argument types (numeric >= 0, NULLIF(numeric, 0),
-- date_part(...) < 4): an operator created in the schema socialcare won.
-- Every constraint and SQL function body is re-created with
-- OPERATOR(pg_catalog.op), pg_catalog functions and typed literals.
ALTER TABLE socialcare.calendar
	DROP CONSTRAINT calendar_name_trimmed,
	ADD CONSTRAINT calendar_name_trimmed CHECK (name OPERATOR(pg_catalog.<>) ''::text AND name OPERATOR(pg_catalog.=) pg_catalog.btrim(name)),
	DROP CONSTRAINT calendar_name_not_builtin,
	ADD CONSTRAINT calendar_name_not_builtin CHECK (name OPERATOR(pg_catalog.<>) ALL ('{england-and-wales,scotland,northern-ireland}'::text[])),
	DROP CONSTRAINT calendar_base_is_division,
	ADD CONSTRAINT calendar_base_is_division CHECK (base OPERATOR(pg_catalog.=) ANY ('{england-and-wales,scotland,northern-ireland}'::text[])),
	DROP CONSTRAINT calendar_weekmask_valid,
	ADD CONSTRAINT calendar_weekmask_valid CHECK (weekmask OPERATOR(pg_catalog.~) '^[01]{7}$'::text
				   AND pg_catalog.strpos(weekmask, '1'::text) OPERATOR(pg_catalog.>) 0);
ALTER TABLE socialcare.calendar_day
	DROP CONSTRAINT calendar_day_in_range,
	ADD CONSTRAINT calendar_day_in_range CHECK (day OPERATOR(pg_catalog.>=) '1971-01-01'::date
											 AND day OPERATOR(pg_catalog.<=) '2199-12-31'::date);
ALTER TABLE socialcare.timescale
	DROP CONSTRAINT timescale_code_trimmed,
	ADD CONSTRAINT timescale_code_trimmed CHECK (code OPERATOR(pg_catalog.<>) ''::text AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	DROP CONSTRAINT timescale_amount_valid,
	ADD CONSTRAINT timescale_amount_valid CHECK (amount OPERATOR(pg_catalog.>=) 0 AND amount OPERATOR(pg_catalog.<=) 100000),
	DROP CONSTRAINT timescale_unit_valid,
	ADD CONSTRAINT timescale_unit_valid CHECK (unit OPERATOR(pg_catalog.=) ANY ('{working days,calendar days,weeks,months,hours}'::text[])),
	DROP CONSTRAINT timescale_source_valid,
	ADD CONSTRAINT timescale_source_valid CHECK (source OPERATOR(pg_catalog.=) ANY ('{statute,guidance,local}'::text[]));
ALTER TABLE socialcare.timescale_chain
	DROP CONSTRAINT timescale_chain_name_trimmed,
	ADD CONSTRAINT timescale_chain_name_trimmed CHECK (chain OPERATOR(pg_catalog.<>) ''::text AND chain OPERATOR(pg_catalog.=) pg_catalog.btrim(chain)),
	DROP CONSTRAINT timescale_chain_step_positive,
	ADD CONSTRAINT timescale_chain_step_positive CHECK (step OPERATOR(pg_catalog.>=) 1),
	DROP CONSTRAINT timescale_chain_after_positive,
	ADD CONSTRAINT timescale_chain_after_positive CHECK (after_months OPERATOR(pg_catalog.>) 0);
ALTER TABLE socialcare.kpi
	DROP CONSTRAINT kpi_code_trimmed,
	ADD CONSTRAINT kpi_code_trimmed CHECK (code OPERATOR(pg_catalog.<>) ''::text AND code OPERATOR(pg_catalog.=) pg_catalog.btrim(code)),
	DROP CONSTRAINT kpi_unit_known,
	ADD CONSTRAINT kpi_unit_known CHECK (unit OPERATOR(pg_catalog.=) ANY ('{percent,rate,count,number}'::text[])),
	DROP CONSTRAINT kpi_decimals_range,
	ADD CONSTRAINT kpi_decimals_range CHECK (decimals OPERATOR(pg_catalog.>=) 0 AND decimals OPERATOR(pg_catalog.<=) 6),
	DROP CONSTRAINT kpi_frequency_known,
	ADD CONSTRAINT kpi_frequency_known CHECK (frequency OPERATOR(pg_catalog.=) ANY ('{monthly,as at month end,cumulative}'::text[])),
	DROP CONSTRAINT kpi_polarity_known,
	ADD CONSTRAINT kpi_polarity_known CHECK (polarity OPERATOR(pg_catalog.=) ANY ('{high,low}'::text[])),
	DROP CONSTRAINT kpi_target_finite,
	ADD CONSTRAINT kpi_target_finite CHECK (target OPERATOR(pg_catalog.>) '-Infinity'::numeric AND target OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	DROP CONSTRAINT kpi_tolerance_not_negative,
	ADD CONSTRAINT kpi_tolerance_not_negative CHECK (tolerance OPERATOR(pg_catalog.>=) 0::numeric AND tolerance OPERATOR(pg_catalog.<) 'Infinity'::numeric);
ALTER TABLE socialcare.kpi_comparator
	DROP CONSTRAINT kpi_comparator_known,
	ADD CONSTRAINT kpi_comparator_known CHECK (comparator OPERATOR(pg_catalog.=) ANY ('{statistical neighbours,england,region}'::text[])),
	DROP CONSTRAINT kpi_comparator_value_finite,
	ADD CONSTRAINT kpi_comparator_value_finite CHECK (value OPERATOR(pg_catalog.>) '-Infinity'::numeric AND value OPERATOR(pg_catalog.<) 'Infinity'::numeric);
ALTER TABLE socialcare.kpi_value
	DROP CONSTRAINT kpi_value_month_is_month_end,
	ADD CONSTRAINT kpi_value_month_is_month_end CHECK (pg_catalog.isfinite(month)
				   AND month OPERATOR(pg_catalog.=)
					   (pg_catalog.date_trunc('month'::text, month::timestamp without time zone)
						OPERATOR(pg_catalog.+) '1 mon -1 days'::interval)::date),
	DROP CONSTRAINT kpi_value_finite,
	ADD CONSTRAINT kpi_value_finite CHECK (value OPERATOR(pg_catalog.>) '-Infinity'::numeric AND value OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	DROP CONSTRAINT kpi_value_numerator_valid,
	ADD CONSTRAINT kpi_value_numerator_valid CHECK (numerator OPERATOR(pg_catalog.>=) 0::numeric AND numerator OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	DROP CONSTRAINT kpi_value_denominator_valid,
	ADD CONSTRAINT kpi_value_denominator_valid CHECK (denominator OPERATOR(pg_catalog.>=) 0::numeric AND denominator OPERATOR(pg_catalog.<) 'Infinity'::numeric);
ALTER TABLE socialcare.kpi_target
	DROP CONSTRAINT kpi_target_finite,
	ADD CONSTRAINT kpi_target_finite CHECK (target OPERATOR(pg_catalog.>) '-Infinity'::numeric AND target OPERATOR(pg_catalog.<) 'Infinity'::numeric),
	DROP CONSTRAINT kpi_target_tolerance_not_negative,
	ADD CONSTRAINT kpi_target_tolerance_not_negative CHECK (tolerance OPERATOR(pg_catalog.>=) 0::numeric AND tolerance OPERATOR(pg_catalog.<) 'Infinity'::numeric);

CREATE OR REPLACE FUNCTION socialcare.month_ends(from_date date, to_date date)
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
CREATE OR REPLACE FUNCTION socialcare.financial_year_start(day date)
	RETURNS date
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.make_date(pg_catalog.date_part('year', socialcare.reporting_date(day))::integer
								OPERATOR(pg_catalog.-)
								(pg_catalog.date_part('month', socialcare.reporting_date(day))
								 OPERATOR(pg_catalog.<) 4::double precision)::integer, 4, 1);
CREATE OR REPLACE FUNCTION socialcare.financial_year(day date)
	RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	-- integer arithmetic, not to_char (only STABLE), so that it inlines
	RETURN pg_catalog.date_part('year', socialcare.financial_year_start(day))::integer::text
		OPERATOR(pg_catalog.||) '-' OPERATOR(pg_catalog.||)
		pg_catalog.lpad(((pg_catalog.date_part('year', socialcare.financial_year_start(day))::integer
						  OPERATOR(pg_catalog.+) 1) OPERATOR(pg_catalog.%) 100)::text,
						2, '0');
CREATE OR REPLACE FUNCTION socialcare.change_relative(value numeric, baseline numeric)
	RETURNS numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.trim_scale(100::numeric OPERATOR(pg_catalog.*) (value OPERATOR(pg_catalog.-) baseline)
		OPERATOR(pg_catalog./) CASE WHEN baseline OPERATOR(pg_catalog.<>) 0::numeric THEN baseline END);
CREATE OR REPLACE FUNCTION socialcare.scorecard(as_at date, months integer DEFAULT 12, places integer DEFAULT 0,
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
CREATE OR REPLACE FUNCTION socialcare.open_at(start_date date, end_date date, day date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN start_date OPERATOR(pg_catalog.<=) day AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>) day);
CREATE OR REPLACE FUNCTION socialcare.open_during(start_date date, end_date date, from_date date, to_date date)
	RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN start_date OPERATOR(pg_catalog.<=) to_date AND (end_date IS NULL OR end_date OPERATOR(pg_catalog.>=) from_date);
CREATE OR REPLACE FUNCTION socialcare.placement_in_year(start_date date, end_date date, year_end date)
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

--------------------------------------------------------------------------
-- Row owners, write checks and dump/restore
--------------------------------------------------------------------------

-- Row-level security goes: on tables the bootstrap superuser owns, it
-- applied to the database owner, whose pg_dump (row_security off) then
-- stopped at "query would be affected by row-level security policy".  A
-- BEFORE ROW trigger, socialcare.row_owner(), checks writes instead.
DROP POLICY calendar_read ON socialcare.calendar;
DROP POLICY calendar_write ON socialcare.calendar;
DROP POLICY calendar_day_read ON socialcare.calendar_day;
DROP POLICY calendar_day_write ON socialcare.calendar_day;
DROP POLICY timescale_read ON socialcare.timescale;
DROP POLICY timescale_write ON socialcare.timescale;
DROP POLICY timescale_chain_read ON socialcare.timescale_chain;
DROP POLICY timescale_chain_write ON socialcare.timescale_chain;
DROP POLICY kpi_read ON socialcare.kpi;
DROP POLICY kpi_write ON socialcare.kpi;
DROP POLICY kpi_comparator_read ON socialcare.kpi_comparator;
DROP POLICY kpi_comparator_write ON socialcare.kpi_comparator;
DROP POLICY kpi_value_read ON socialcare.kpi_value;
DROP POLICY kpi_value_write ON socialcare.kpi_value;
DROP POLICY kpi_target_read ON socialcare.kpi_target;
DROP POLICY kpi_target_write ON socialcare.kpi_target;
ALTER TABLE socialcare.calendar DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.calendar_day DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.timescale DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.timescale_chain DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.kpi DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.kpi_comparator DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.kpi_value DISABLE ROW LEVEL SECURITY;
ALTER TABLE socialcare.kpi_target DISABLE ROW LEVEL SECURITY;

COMMENT ON FUNCTION socialcare.is_member_of(name) IS
'True when the current role is a member of role_name (false for an unknown role; NULL for NULL)';

-- owner was a bare name: after DROP ROLE, a new role of the same name
-- owned the old one's rows.  It becomes a regrole (the role's OID; pg_dump
-- writes the name, pg_upgrade keeps role OIDs).  Rows whose role no longer
-- exists go to the extension's owner, who can hand them on; a warning
-- names them.
DO $$
DECLARE
	ext_owner name := (SELECT r.rolname FROM pg_catalog.pg_extension e
					   JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) e.extowner
					   WHERE e.extname OPERATOR(pg_catalog.=) 'socialcare');
	t text;
	k text;
	n bigint;
	orphans text;
BEGIN
	FOR t, k IN VALUES ('calendar', 'name'), ('timescale', 'code'), ('timescale_chain', 'chain'), ('kpi', 'code') LOOP
		EXECUTE pg_catalog.format(
			'WITH o AS (UPDATE socialcare.%I SET owner = $1 '
			'WHERE owner IS NOT NULL AND pg_catalog.to_regrole(pg_catalog.quote_ident(owner)) IS NULL '
			'RETURNING %I AS k, owner) '
			'SELECT pg_catalog.count(*), pg_catalog.string_agg(pg_catalog.left(k, 64), '', '' ORDER BY k) FROM o',
			t, k) INTO n, orphans USING ext_owner;
		IF n OPERATOR(pg_catalog.>) 0 THEN
			RAISE WARNING 'socialcare.%: % rows of roles that no longer exist now belong to the extension''s owner %: %',
				t, n, ext_owner, pg_catalog.left(orphans, 500)
				USING HINT = pg_catalog.format('Hand them on: UPDATE socialcare.%I SET owner = ''role'' WHERE owner = %L::regrole.', t, ext_owner);
		END IF;
	END LOOP;
END $$;

-- The calendars view reads calendar.owner: off it while the type changes.
CREATE OR REPLACE VIEW socialcare.calendars AS
	SELECT d.name, d.name AS base, '1111100'::text AS weekmask, true AS builtin,
		   d.description, NULL::name AS owner
	FROM (VALUES
		('england-and-wales', 'GOV.UK bank holidays of England and Wales'),
		('scotland', 'GOV.UK bank holidays of Scotland'),
		('northern-ireland', 'GOV.UK bank holidays of Northern Ireland')) AS d (name, description)
	UNION ALL
	SELECT c.name, c.base, c.weekmask, false, c.description, NULL::name
	FROM socialcare.calendar c;
ALTER TABLE socialcare.calendar
	ALTER COLUMN owner DROP DEFAULT,
	ALTER COLUMN owner TYPE pg_catalog.regrole USING pg_catalog.to_regrole(pg_catalog.quote_ident(owner)),
	ALTER COLUMN owner SET DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole;
ALTER TABLE socialcare.timescale
	ALTER COLUMN owner DROP DEFAULT,
	ALTER COLUMN owner TYPE pg_catalog.regrole USING pg_catalog.to_regrole(pg_catalog.quote_ident(owner)),
	ALTER COLUMN owner SET DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole;
ALTER TABLE socialcare.timescale_chain
	ALTER COLUMN owner DROP DEFAULT,
	ALTER COLUMN owner TYPE pg_catalog.regrole USING pg_catalog.to_regrole(pg_catalog.quote_ident(owner)),
	ALTER COLUMN owner SET DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole;
ALTER TABLE socialcare.kpi
	ALTER COLUMN owner DROP DEFAULT,
	ALTER COLUMN owner TYPE pg_catalog.regrole USING pg_catalog.to_regrole(pg_catalog.quote_ident(owner)),
	ALTER COLUMN owner SET DEFAULT pg_catalog.quote_ident(CURRENT_USER)::pg_catalog.regrole;
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

COMMENT ON COLUMN socialcare.calendar.owner IS 'Role whose members may change this calendar and its days (and the extension''s owner); by default the role that added it';
COMMENT ON COLUMN socialcare.timescale.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows';
COMMENT ON COLUMN socialcare.timescale_chain.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows. All steps of a chain have one owner, and use shipped timescales or that owner''s';
COMMENT ON COLUMN socialcare.kpi.owner IS 'Role whose members may change this KPI, its comparators, targets and values (and the extension''s owner); by default the role that added it';

-- The write check, once owner is a regrole.
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
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
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

--------------------------------------------------------------------------
-- Timescale and chain triggers; cross-role isolation
--------------------------------------------------------------------------

-- Chains are checked at commit, so that one role's chain can never break
-- another role's calls, nor keep it from deleting its own timescale.
-- Chains 0.2.0 let in unchecked stay; only calls naming them fail.
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

--------------------------------------------------------------------------
-- Calendar cache: snapshots and eviction
--------------------------------------------------------------------------

--------------------------------------------------------------------------
-- Re-referrals, previous_value and bounded error texts
--------------------------------------------------------------------------

--------------------------------------------------------------------------
-- Comments
--------------------------------------------------------------------------

-- 0.2.0 claimed the due-date form for every finish; it holds for a finish
-- that is a working day (README: Working days).
COMMENT ON FUNCTION socialcare.add_working_days(date, integer) IS
'The n-th working day after day (n > 0) or before it (n < 0); day itself when n = 0. For n >= 0, working_days(start, finish) <= n exactly when finish < add_working_days(start, n + 1); finish <= add_working_days(start, n) says the same only for a finish that is a working day';
