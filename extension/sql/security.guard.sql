-- socialcare, area security: the schema guard.  First in the install
-- script and in every update script (Makefile), so that it is written once;
-- it can be run again.  Nothing else here: an update runs all of it.

-- The schema belongs to the extension, not to the role that ran CREATE
-- EXTENSION: its owner (and anyone it let) could otherwise add functions
-- and operators there that a superuser calling socialcare.working_days()
-- with untyped literals, or the extension's own expressions, would run
-- (CVE-2018-1058).  So the install refuses a schema that already holds
-- objects owned by a role that is not a superuser, and gives the schema to
-- the superuser running this script (the bootstrap superuser for a
-- trusted install), with CREATE for nobody else.  README: "Security".
DO $guard$
DECLARE
	foreign_objects text[];
	n bigint;
	grantee oid;
BEGIN
	WITH ext AS (
		SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'socialcare'
	), nsp AS (
		SELECT s.oid FROM pg_catalog.pg_namespace s WHERE s.nspname OPERATOR(pg_catalog.=) 'socialcare'
	), obj (classid, objid, owner) AS (
		SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, c.relowner
		FROM pg_catalog.pg_class c, nsp WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, p.proowner
		FROM pg_catalog.pg_proc p, nsp WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, t.typowner
		FROM pg_catalog.pg_type t, nsp WHERE t.typnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid, o.oprowner
		FROM pg_catalog.pg_operator o, nsp WHERE o.oprnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, c.oid, c.collowner
		FROM pg_catalog.pg_collation c, nsp WHERE c.collnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, c.oid, c.conowner
		FROM pg_catalog.pg_conversion c, nsp WHERE c.connamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, f.oid, f.opfowner
		FROM pg_catalog.pg_opfamily f, nsp WHERE f.opfnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass, c.oid, c.opcowner
		FROM pg_catalog.pg_opclass c, nsp WHERE c.opcnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_ts_config'::pg_catalog.regclass, c.oid, c.cfgowner
		FROM pg_catalog.pg_ts_config c, nsp WHERE c.cfgnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, d.oid, d.dictowner
		FROM pg_catalog.pg_ts_dict d, nsp WHERE d.dictnamespace OPERATOR(pg_catalog.=) nsp.oid
		UNION ALL
		SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid, s.stxowner
		FROM pg_catalog.pg_statistic_ext s, nsp WHERE s.stxnamespace OPERATOR(pg_catalog.=) nsp.oid
	), suspect AS (
		-- not ours, owned by a role that is not a superuser, and not a part
		-- of another object (an array or row type, an index): that object
		-- is listed itself
		SELECT obj.* FROM obj
		WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d, ext
						  WHERE d.classid OPERATOR(pg_catalog.=) obj.classid
							AND d.objid OPERATOR(pg_catalog.=) obj.objid
							AND ((d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
								  AND d.refobjid OPERATOR(pg_catalog.=) ext.oid
								  AND d.deptype OPERATOR(pg_catalog.=) 'e'::"char")
								 OR d.deptype OPERATOR(pg_catalog.=) ANY ('{i,a}'::"char"[])))
		  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
						  WHERE r.oid OPERATOR(pg_catalog.=) obj.owner AND r.rolsuper)
	)
	SELECT pg_catalog.array_agg(pg_catalog.format('%s %s (owner %s)', i.type, i.identity,
				COALESCE((SELECT r.rolname::text FROM pg_catalog.pg_roles r
						  WHERE r.oid OPERATOR(pg_catalog.=) s.owner), s.owner::text))
				ORDER BY s.classid, s.objid),
		   pg_catalog.count(*)
	INTO foreign_objects, n
	FROM suspect s, LATERAL pg_catalog.pg_identify_object(s.classid, s.objid, 0) AS i;

	IF n OPERATOR(pg_catalog.>) 0 THEN
		RAISE EXCEPTION USING
			ERRCODE = 'object_not_in_prerequisite_state',
			MESSAGE = pg_catalog.format('schema socialcare holds %s object(s) that are not part of the extension socialcare and are owned by a role that is not a superuser: %s%s',
										n, pg_catalog.array_to_string(foreign_objects[1:10], ', '),
										CASE WHEN n OPERATOR(pg_catalog.>) 10 THEN ', ...' ELSE '' END),
			DETAIL = 'Every role that calls socialcare''s functions, superusers included, could run them.',
			HINT = 'Move them to another schema (ALTER FUNCTION ... SET SCHEMA public, ALTER TABLE ... SET SCHEMA public) or drop them, then run CREATE EXTENSION socialcare or ALTER EXTENSION socialcare UPDATE again.';
	END IF;

	IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_namespace s JOIN pg_catalog.pg_roles r
				ON r.oid OPERATOR(pg_catalog.=) s.nspowner
			WHERE s.nspname OPERATOR(pg_catalog.=) 'socialcare') THEN
		ALTER SCHEMA socialcare OWNER TO CURRENT_USER;
	END IF;

	-- CREATE for the owner alone (GRANTs the previous owner made survive
	-- a change of owner); USAGE for everyone.
	FOR grantee IN
		SELECT DISTINCT a.grantee
		FROM pg_catalog.pg_namespace s, pg_catalog.aclexplode(s.nspacl) AS a
		WHERE s.nspname OPERATOR(pg_catalog.=) 'socialcare'
		  AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
		  AND a.grantee OPERATOR(pg_catalog.<>) s.nspowner
	LOOP
		EXECUTE pg_catalog.format('REVOKE CREATE ON SCHEMA socialcare FROM %s CASCADE',
			CASE WHEN grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid THEN 'PUBLIC'
				 ELSE pg_catalog.quote_ident((SELECT r.rolname FROM pg_catalog.pg_roles r
											  WHERE r.oid OPERATOR(pg_catalog.=) grantee)) END);
	END LOOP;
END
$guard$;
