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
