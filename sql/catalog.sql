-- What analysts see with \df+ socialcare.*: every object is commented and
-- every function carries a deliberate volatility, strictness and parallel
-- safety.
SELECT p.oid::regprocedure::text AS function, p.provolatile AS volatility,
       p.proisstrict AS strict, p.proparallel AS parallel
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace
ORDER BY p.oid::regprocedure::text COLLATE "C";

-- Objects without a comment: expect none.
SELECT p.oid::regprocedure::text AS uncommented
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace
  AND obj_description(p.oid, 'pg_proc') IS NULL
UNION ALL
SELECT c.oid::regclass::text
FROM pg_class c
WHERE c.relnamespace = 'socialcare'::regnamespace AND c.relkind IN ('r', 'v')
  AND obj_description(c.oid, 'pg_class') IS NULL
UNION ALL
SELECT t.oid::regtype::text
FROM pg_type t
WHERE t.typnamespace = 'socialcare'::regnamespace AND t.typtype IN ('b', 'e', 'd', 'r') AND t.typcategory <> 'A'
  AND obj_description(t.oid, 'pg_type') IS NULL;

-- No SECURITY DEFINER function.
SELECT p.oid::regprocedure::text AS security_definer
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace AND p.prosecdef;

-- The extension's tables are dumped with the user's data.
SELECT c::regclass::text AS dumped, w AS condition
FROM pg_extension, unnest(extconfig, extcondition) AS u (c, w)
WHERE extname = 'socialcare' ORDER BY c::regclass::text COLLATE "C";
