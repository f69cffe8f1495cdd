-- socialcare, area security: the schema's privileges.
-- Run once, by CREATE EXTENSION (an update keeps what the database's
-- administrators made of them).  An update repeats a change made here in
-- its hand-written delta, extension/sql/updates/ (doc/releasing.md).

-- Every role may use the extension: the schema CREATE EXTENSION makes has
-- no USAGE for PUBLIC (test/hardening/privileges.py).
GRANT USAGE ON SCHEMA socialcare TO PUBLIC;
