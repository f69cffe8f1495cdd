-- What analysts see with \df+ socialcare.*: every object is commented and
-- every function carries a deliberate volatility, strictness and parallel
-- safety.
SELECT p.oid::regprocedure::text AS function, p.provolatile AS volatility,
       p.proisstrict AS strict, p.proparallel AS parallel
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace
ORDER BY 1 COLLATE "C";

-- Objects without a comment: expect none.
SELECT p.oid::regprocedure::text AS uncommented
FROM pg_proc p
WHERE p.pronamespace = 'socialcare'::regnamespace
  AND obj_description(p.oid, 'pg_proc') IS NULL
UNION ALL
SELECT c.oid::regclass::text
FROM pg_class c
WHERE c.relnamespace = 'socialcare'::regnamespace AND c.relkind IN ('r', 'v')
  AND obj_description(c.oid, 'pg_class') IS NULL;

-- The extension's tables are dumped with the user's data.
SELECT unnest(extconfig)::regclass::text AS dumped
FROM pg_extension WHERE extname = 'socialcare' ORDER BY 1 COLLATE "C";
