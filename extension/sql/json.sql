-- socialcare, area json: fields of JSON objects stored as text (the SSD's
-- outcome columns), read without ever raising an error.
-- Re-runnable: CREATE OR REPLACE, COMMENT ON and GRANT only.  The install
-- script and every update script include this file, so a function is
-- changed here and nowhere else (doc/releasing.md).

--------------------------------------------------------------------------
-- All IMMUTABLE STRICT PARALLEL SAFE: the answer depends on the text alone
-- (and, for a \u escape beyond ASCII, on the database's encoding, fixed
-- when the database is created).  Guide: doc/json.md.
--------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION socialcare.json_field(json_text text, key text) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_json_field'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.json_field(text, text) IS
'The value of the top-level key of the JSON object json_text as text, never an error: a string unescaped, a number, true or false as written, an object or array as its JSON text; NULL for JSON null, a key not there, or a text that is not one valid JSON object (json_problem says why). Keys match exactly; of duplicate keys the last wins, as in jsonb. For a jsonb column use ->>';

CREATE OR REPLACE FUNCTION socialcare.json_field_ci(json_text text, key text) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_json_field_ci'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.json_field_ci(text, text) IS
'json_field with the key matched with ASCII letters in either case (''nfa_flag'' finds "NFA_FLAG"), other bytes exactly; of several keys that match, the last wins';

CREATE OR REPLACE FUNCTION socialcare.json_problem(json_text text) RETURNS text
	AS 'MODULE_PATHNAME', 'sc_json_problem_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION socialcare.json_problem(text) IS
'NULL when json_text is one valid JSON object (RFC 8259), else its first problem and where, in at most 160 bytes: "unexpected character ''n'' at byte 44 where '','' or ''}'' must be: an unescaped quote ends the string before it?", "text ends inside a string (opened at byte 7)", "not a JSON object: starts with ''['' at byte 1". Bytes count from 1; nesting deeper than 1024 levels is a problem (jsonb reads it)';
