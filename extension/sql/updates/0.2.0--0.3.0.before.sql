/* socialcare 0.2.0 -> 0.3.0: security and robustness (issue 12) */

-- The hand-written part of the update script that runs before the area
-- files.  The Makefile builds extension/socialcare--0.2.0--0.3.0.sql from
-- extension/sql/security.guard.sql (the schema guard), this file, every
-- re-runnable area file (extension/sql/AREA.sql: the functions, views and
-- their comments, written once) and 0.2.0--0.3.0.after.sql (what needs
-- those functions).  doc/releasing.md.

-- Each area of the release has a section of its own, so that work on
-- one does not touch another's lines.

--------------------------------------------------------------------------
-- Schema ownership, qualified operators and stored expressions
--------------------------------------------------------------------------

-- The schema guard (CVE-2018-1058) is extension/sql/security.guard.sql,
-- first in the script.

-- Stored expressions of 0.1.0 and 0.2.0 used operators with no exact match
-- in pg_catalog for their argument types (numeric >= 0, NULLIF(numeric, 0),
-- date_part(...) < 4): an operator created in the schema socialcare won.
-- Every constraint and SQL function body is re-created with
-- OPERATOR(pg_catalog.op), pg_catalog functions and typed literals (the
-- SQL function bodies by the area files, after this one).
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
	ADD CONSTRAINT kpi_frequency_known CHECK (frequency OPERATOR(pg_catalog.=) ANY ('{monthly,as at month end,cumulative,rolling 12 months}'::text[])),
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
-- The final definition of the view: extension/sql/calendars.sql.

COMMENT ON COLUMN socialcare.calendar.owner IS 'Role whose members may change this calendar and its days (and the extension''s owner); by default the role that added it';
COMMENT ON COLUMN socialcare.timescale.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows';
COMMENT ON COLUMN socialcare.timescale_chain.owner IS 'Role whose members may change this local row (and the extension''s owner); NULL for shipped rows. All steps of a chain have one owner, and use shipped timescales or that owner''s';
COMMENT ON COLUMN socialcare.kpi.owner IS 'Role whose members may change this KPI, its comparators, targets and values (and the extension''s owner); by default the role that added it';

-- The write check, once owner is a regrole: socialcare.row_owner() is in
-- extension/sql/security.sql, its triggers in 0.2.0--0.3.0.after.sql.

--------------------------------------------------------------------------
-- Timescale and chain triggers; cross-role isolation
--------------------------------------------------------------------------

-- socialcare.chain_check(): extension/sql/timescales.sql, its constraint
-- triggers in 0.2.0--0.3.0.after.sql.

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
-- that is a working day (README: Working days).  The new comment on
-- add_working_days(date, integer): extension/sql/working_days.sql.

--------------------------------------------------------------------------
-- Table caches: one invalidation trigger
--------------------------------------------------------------------------

-- calendar_changed() and timescales_changed() did the same thing: one
-- trigger function, socialcare.invalidate_caches() (extension/sql/calendars.sql),
-- replaces both on the calendar and the timescale tables; its triggers
-- are in 0.2.0--0.3.0.after.sql.
DROP TRIGGER calendar_changed ON socialcare.calendar;
DROP TRIGGER calendar_changed ON socialcare.calendar_day;
DROP TRIGGER timescales_changed ON socialcare.timescale;
DROP TRIGGER timescales_changed ON socialcare.timescale_chain;
DROP FUNCTION socialcare.calendar_changed();
DROP FUNCTION socialcare.timescales_changed();

--------------------------------------------------------------------------
-- The KPI catalogue: checked values, stored words (issue 19)
--------------------------------------------------------------------------

-- kpi_frequency_known takes 'rolling 12 months' (above, with the other
-- constraints).  The trigger validate (socialcare.kpi_validate():
-- extension/sql/scorecard.sql) is created in 0.2.0--0.3.0.after.sql; it
-- checks rows as they are written, so values stored by 0.2.0 that do not
-- fit their KPI's unit stay until they are written again.
COMMENT ON COLUMN socialcare.kpi.unit IS '''percent'' (shown with %; values 0 to 100), ''rate'' (per 10,000; 0 or more), ''count'' (whole, 0 or more) or ''number'' (an average, a ratio): any case, and ''percentage'', are stored as these';
COMMENT ON COLUMN socialcare.kpi.decimals IS 'Decimals shown on the wide scorecard (values are kept exact); the scorecard''s arrows compare values at this precision by default';
COMMENT ON COLUMN socialcare.kpi.frequency IS '''monthly'' (in-month flow), ''as at month end'' (snapshot), ''cumulative'' (financial year to date) or ''rolling 12 months'': any case (the seed''s ''As at Month End'') is stored as these';
COMMENT ON COLUMN socialcare.kpi.polarity IS 'Which way is better: ''high'' or ''low'' (the seed''s "Better Performance"; ''High'', any case, is stored as ''high'')';
COMMENT ON COLUMN socialcare.kpi_comparator.comparator IS '''statistical neighbours'', ''england'' or ''region'' (any case; ''SN'' is stored as ''statistical neighbours'')';
COMMENT ON COLUMN socialcare.kpi_value.value IS 'The value as reported, checked against the KPI''s unit when written (a percentage as 0 to 100, 100 * numerator / denominator when both are given; a rate 0 or more; a count whole and 0 or more); NULL for a missing month, shown as a gap';

-- The scorecard's arrows compare at each KPI's display precision by
-- default (compare_at); scorecard() and scorecard_wide() return the
-- precision compared at.  New arguments and columns: the functions, and
-- the view on scorecard(), are re-created by extension/sql/scorecard.sql.
DROP VIEW socialcare.kpi_scorecard;
DROP FUNCTION socialcare.scorecard_text(date, integer, integer, numeric, integer, integer);
DROP FUNCTION socialcare.scorecard_wide(date, integer, integer, numeric, integer);
DROP FUNCTION socialcare.scorecard(date, integer, integer, numeric, integer);

--------------------------------------------------------------------------
-- Bank holidays to the primary sources (issue 16)
--------------------------------------------------------------------------

-- bank_holidays() gains a last OUT column, source (the statute or
-- proclamation a day comes from): a new result type, so the functions are
-- dropped here and re-created by extension/sql/calendars.sql.  Nothing in
-- the extension depends on them.
DROP FUNCTION socialcare.bank_holidays(date, date, text);
DROP FUNCTION socialcare.bank_holidays(date, date);
