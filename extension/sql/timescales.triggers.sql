-- socialcare, area timescales: triggers on the catalogue tables.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();

CREATE TRIGGER timescale_protect
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale
	FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescale_protect_truncate
	BEFORE TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();
CREATE TRIGGER timescale_protect
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER timescale_protect_truncate
	BEFORE TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect();
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.timescale_chain
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();

CREATE CONSTRAINT TRIGGER chain_check
	AFTER INSERT OR UPDATE OR DELETE ON socialcare.timescale_chain
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION socialcare.chain_check();
CREATE CONSTRAINT TRIGGER chain_check
	AFTER UPDATE ON socialcare.timescale
	DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION socialcare.chain_check();
