-- A database owner without superuser can install the extension
-- (trusted = true), as on managed servers.
CREATE ROLE regress_sc_dbowner;
DO $$ BEGIN
  EXECUTE format('GRANT CREATE ON DATABASE %I TO regress_sc_dbowner', current_database());
END $$;
DROP EXTENSION socialcare;
DROP SCHEMA IF EXISTS socialcare;

SET ROLE regress_sc_dbowner;
CREATE EXTENSION socialcare;
SELECT socialcare.working_days('2025-03-07', '2025-03-10') AS works;
SELECT extname, extowner::regrole, extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'socialcare') AS is_default_version
FROM pg_extension WHERE extname = 'socialcare';
INSERT INTO socialcare.calendar (name) VALUES ('owned-by-dbowner');
SELECT socialcare.is_working_day('2025-03-07', 'owned-by-dbowner');
DROP EXTENSION socialcare;
RESET ROLE;

DROP SCHEMA IF EXISTS socialcare;
CREATE EXTENSION socialcare;
DO $$ BEGIN
  EXECUTE format('REVOKE CREATE ON DATABASE %I FROM regress_sc_dbowner', current_database());
END $$;
DROP ROLE regress_sc_dbowner;
