/* socialcare 0.2.0 -> 0.3.0: after the area files */

-- The hand-written part of the update script that runs after the area
-- files: the triggers on the new functions they create.

--------------------------------------------------------------------------
-- Row owners, write checks and dump/restore
--------------------------------------------------------------------------

-- The write check, once owner is a regrole (socialcare.row_owner():
-- extension/sql/security.sql).
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
CREATE CONSTRAINT TRIGGER chain_check
	AFTER INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION socialcare.chain_check();
CREATE CONSTRAINT TRIGGER chain_check
	AFTER UPDATE ON socialcare.timescale
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION socialcare.chain_check();

--------------------------------------------------------------------------
-- Table caches: one invalidation trigger
--------------------------------------------------------------------------

-- socialcare.invalidate_caches() in place of calendar_changed() and
-- timescales_changed() (dropped in 0.2.0--0.3.0.before.sql).
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();

--------------------------------------------------------------------------
-- The KPI catalogue: checked values, stored words (issue 19)
--------------------------------------------------------------------------

-- As extension/sql/scorecard.triggers.sql: rows already stored are not
-- checked (the trigger checks writes).
CREATE TRIGGER validate
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi
	FOR EACH ROW EXECUTE FUNCTION socialcare.kpi_validate();
CREATE TRIGGER validate
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_comparator
	FOR EACH ROW EXECUTE FUNCTION socialcare.kpi_validate();
CREATE TRIGGER validate
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_value
	FOR EACH ROW EXECUTE FUNCTION socialcare.kpi_validate();

-- Values 0.2.0 let in that do not fit their KPI's unit stay, but writing
-- them again (a restore of a dump included) is refused: a warning names
-- them now.
DO $$
DECLARE
	n bigint;
	rows text;
BEGIN
	SELECT pg_catalog.count(*),
		   pg_catalog.string_agg(pg_catalog.format('%s %s (%s)', pg_catalog.left(v.kpi, 64), v.month, p.problem),
								 ', ' ORDER BY v.kpi, v.month)
	INTO n, rows
	FROM socialcare.kpi_value v
	JOIN socialcare.kpi k ON k.code OPERATOR(pg_catalog.=) v.kpi,
	LATERAL (SELECT socialcare.kpi_value_problem(k.unit, k.decimals, v.value, v.numerator, v.denominator) AS problem) p
	WHERE p.problem IS NOT NULL;
	IF n OPERATOR(pg_catalog.>) 0 THEN
		RAISE WARNING 'socialcare.kpi_value: % values do not fit their KPI''s unit: %', n, pg_catalog.left(rows, 500)
			USING HINT = 'They stay, but writing them again, or restoring a dump of them, is refused: correct them (doc/scorecard.md, "Words and values checked").';
	END IF;
END $$;
