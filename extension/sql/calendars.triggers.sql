-- socialcare, area calendars: triggers on the user calendar tables.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.calendar
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();
CREATE TRIGGER row_owner
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.calendar_day
	FOR EACH ROW EXECUTE FUNCTION socialcare.row_owner();

CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.calendar
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();
CREATE TRIGGER invalidate_caches
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON socialcare.calendar_day
	FOR EACH STATEMENT EXECUTE FUNCTION socialcare.invalidate_caches();
