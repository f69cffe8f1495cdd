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
