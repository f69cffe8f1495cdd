-- socialcare, area security: who may write a row.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

-- Readable by everyone; a row is written by members of its owner role and
-- by the extension's owner (socialcare.row_owner(), a BEFORE ROW trigger
-- on every table with user rows: row-level security would stop pg_dump
-- run by the database owner, and pg_restore of other roles' rows).
CREATE OR REPLACE FUNCTION socialcare.row_owner() RETURNS trigger
	AS 'MODULE_PATHNAME', 'sc_row_owner' LANGUAGE C;
COMMENT ON FUNCTION socialcare.row_owner() IS
'Trigger on the tables with user rows: a row (a calendar''s days, a KPI''s comparators, values and targets: their calendar or KPI) can be written by members of its owner role and by the extension''s owner; updates and deletes skip other rows (internal)';

CREATE OR REPLACE FUNCTION socialcare.is_member_of(role_name name)
	RETURNS boolean
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	RETURN EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
				   WHERE r.rolname OPERATOR(pg_catalog.=) role_name
				   AND pg_catalog.pg_has_role(r.oid, 'MEMBER'));
COMMENT ON FUNCTION socialcare.is_member_of(name) IS
'True when the current role is a member of role_name (false for an unknown role; NULL for NULL)';
