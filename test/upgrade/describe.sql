-- Describe everything the socialcare extension owns, one line per fact,
-- in a stable order, so that two databases can be compared with diff:
-- member objects, function and aggregate definitions, tables (columns,
-- constraints, indexes, triggers, policies, privileges, rows), types,
-- views, comments and the pg_dump configuration.  Run as a superuser, so
-- that row-level security does not hide rows.
WITH member AS (
	SELECT d.classid, d.objid
	FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
	WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'socialcare' AND d.deptype = 'e'
), rel AS (
	SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN member m
		ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
), fact(f) AS (
	SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM member
	UNION ALL
	SELECT 'function ' || p.oid::regprocedure || E'\n' ||
		CASE WHEN p.prokind = 'a' THEN '' ELSE pg_get_functiondef(p.oid) END ||
		' acl=' || coalesce(p.proacl::text, 'default') || ' owner-is-bootstrap=' || (p.proowner = 10)::text
	FROM pg_proc p JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
	UNION ALL
	SELECT 'aggregate ' || a.aggfnoid::regprocedure || ' ' ||
		concat_ws(' ', a.aggkind::text, a.aggnumdirectargs, a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
			a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,
			a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop,
			format_type(a.aggtranstype, NULL), a.aggtransspace, format_type(a.aggmtranstype, NULL),
			a.aggmtransspace, a.agginitval, a.aggminitval)
	FROM pg_aggregate a JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
	UNION ALL
	SELECT 'column ' || r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
		CASE WHEN a.attnotnull THEN ' not null' ELSE '' END ||
		coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '') ||
		coalesce(' collate ' || nullif(a.attcollation, 0)::regcollation::text, '') ||
		coalesce(' identity ' || nullif(a.attidentity::text, ''), '') ||
		coalesce(' generated ' || nullif(a.attgenerated::text, ''), '')
	FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = r.oid AND ad.adnum = a.attnum
	UNION ALL
	SELECT 'column-order ' || r.relname || ' ' || string_agg(a.attname, ',' ORDER BY a.attnum)
	FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
	GROUP BY r.relname
	UNION ALL
	SELECT 'relation ' || r.relname || ' kind=' || r.relkind::text || ' acl=' || coalesce(c.relacl::text, 'default') ||
		' rls=' || c.relrowsecurity || ' options=' || coalesce(c.reloptions::text, '')
	FROM rel r JOIN pg_class c ON c.oid = r.oid
	UNION ALL
	SELECT 'constraint ' || r.relname || '.' || co.conname || ' ' || pg_get_constraintdef(co.oid)
	FROM rel r JOIN pg_constraint co ON co.conrelid = r.oid
	UNION ALL
	SELECT 'index ' || pg_get_indexdef(i.indexrelid)
	FROM rel r JOIN pg_index i ON i.indrelid = r.oid
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(t.oid)
	FROM rel r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
	UNION ALL
	SELECT 'policy ' || p.tablename || '.' || p.policyname || ' ' ||
		concat_ws(' ', p.permissive, p.roles::text, p.cmd, p.qual, p.with_check)
	FROM pg_policies p WHERE p.schemaname = 'socialcare'
	UNION ALL
	SELECT 'view ' || r.relname || E'\n' || pg_get_viewdef(r.oid)
	FROM rel r WHERE r.relkind IN ('v', 'm')
	UNION ALL
	SELECT 'type ' || t.oid::regtype || ' ' || concat_ws(' ', t.typtype, t.typlen, t.typbyval,
		t.typinput, t.typoutput, t.typreceive, t.typsend, t.typalign, t.typstorage,
		t.typcategory, t.typispreferred, coalesce(t.typacl::text, 'default'))
	FROM pg_type t JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
	UNION ALL
	SELECT 'enum ' || e.enumtypid::regtype || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
	FROM pg_enum e JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = e.enumtypid
	GROUP BY e.enumtypid
	UNION ALL
	SELECT 'operator ' || o.oid::regoperator || ' ' || concat_ws(' ', o.oprcode, o.oprcom, o.oprnegate,
		o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)
	FROM pg_operator o JOIN member m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
	UNION ALL
	SELECT 'cast ' || format_type(c.castsource, NULL) || ' -> ' || format_type(c.casttarget, NULL) ||
		' ' || concat_ws(' ', c.castfunc::regprocedure, c.castcontext, c.castmethod)
	FROM pg_cast c JOIN member m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
	UNION ALL
	SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
	FROM pg_description d JOIN member m ON m.classid = d.classoid AND m.objid = d.objoid
	UNION ALL
	SELECT 'rows ' || r.relname || ' ' || (xpath('/row/x/text()', query_to_xml(format(
		'SELECT count(*) || '' '' || coalesce(md5(string_agg(t::text, E''\n'' ORDER BY t::text COLLATE "C")), ''-'') AS x FROM %s t',
		r.oid::regclass), false, true, '')))[1]::text
	FROM rel r WHERE r.relkind IN ('r', 'p')
	UNION ALL
	SELECT 'config ' || c::regclass::text || ' ' || coalesce(w, '')
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS u(c, w)
	WHERE e.extname = 'socialcare'
	UNION ALL
	SELECT 'extension ' || concat_ws(' ', e.extname, e.extversion, e.extnamespace::regnamespace, e.extrelocatable)
	FROM pg_extension e WHERE e.extname = 'socialcare'
)
SELECT f FROM fact ORDER BY f COLLATE "C";
