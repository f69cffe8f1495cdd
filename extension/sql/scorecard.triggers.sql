-- socialcare, area scorecard: triggers on the KPI catalogue tables.
-- Run once, by CREATE EXTENSION.  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

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

-- Words in their stored form, values against their KPI's unit
-- (socialcare.kpi_validate()).  Named to fire after row_owner: triggers
-- fire in name order.
CREATE TRIGGER validate
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi
	FOR EACH ROW EXECUTE FUNCTION socialcare.kpi_validate();
CREATE TRIGGER validate
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_comparator
	FOR EACH ROW EXECUTE FUNCTION socialcare.kpi_validate();
CREATE TRIGGER validate
	BEFORE INSERT OR UPDATE OR DELETE ON socialcare.kpi_value
	FOR EACH ROW EXECUTE FUNCTION socialcare.kpi_validate();
