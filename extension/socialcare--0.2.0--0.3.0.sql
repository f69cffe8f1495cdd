/* socialcare 0.2.0 -> 0.3.0: security and robustness (issue 12) */

\echo Use "ALTER EXTENSION socialcare UPDATE TO '0.3.0'" to load this file. \quit

-- Each area of the release has a section of its own, so that work on
-- one does not touch another's lines.

--------------------------------------------------------------------------
-- Schema ownership, qualified operators and stored expressions
--------------------------------------------------------------------------

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
