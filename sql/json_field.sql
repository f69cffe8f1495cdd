-- json_field, json_field_ci and json_problem: fields of JSON objects stored
-- as text, never an error.  Expected values: written by hand, and
-- PostgreSQL's own jsonb (->> and ->) on every text jsonb accepts.
SET search_path = socialcare, public;

-- jsonb of a text, or NULL where jsonb raises an error (PG 13 to 15 have no
-- pg_input_is_valid).
CREATE FUNCTION pg_temp.jsonb_or_null(t text) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
	RETURN t::jsonb;
EXCEPTION WHEN others THEN
	RETURN NULL;
END $$;

-- An SSD outcome text (cont_contact_outcome_json) and the SystemC extract's
-- broken one: byte 44 is the 'n' of "no".
SELECT json_field('{"NEW_REFERRAL_FLAG": "Y", "NFA_FLAG": "N", "COMMENTS": "said \"no\" twice"}', 'NEW_REFERRAL_FLAG') AS flag,
       json_field('{"NEW_REFERRAL_FLAG": "Y", "NFA_FLAG": "N", "COMMENTS": "said \"no\" twice"}', 'COMMENTS') AS comments,
       json_problem('{"NEW_REFERRAL_FLAG": "Y", "NFA_FLAG": "N", "COMMENTS": "said \"no\" twice"}') AS problem;
SELECT json_field('{"NEW_REFERRAL_FLAG":"Y","COMMENTS":"said "no" twice"}', 'NEW_REFERRAL_FLAG') AS flag,
       json_problem('{"NEW_REFERRAL_FLAG":"Y","COMMENTS":"said "no" twice"}') AS problem,
       substr('{"NEW_REFERRAL_FLAG":"Y","COMMENTS":"said "no" twice"}', 44, 1) AS byte_44,
       pg_temp.jsonb_or_null('{"NEW_REFERRAL_FLAG":"Y","COMMENTS":"said "no" twice"}') AS jsonb;

-- Each kind of value, by hand.
SELECT key, json_field(doc, key) AS value, json_field(doc, key) IS NULL AS is_null
FROM (VALUES ('{"s": "Y", "n": -12.50e+1, "t": true, "f": false, "z": null, "o": {"a": [1, "}"]}, "a": [ 1 , "x" ], "e": ""}'))
     AS d (doc),
     unnest(ARRAY['s', 'n', 't', 'f', 'z', 'o', 'a', 'e', 'missing', 'S', '']) WITH ORDINALITY AS k (key, i)
ORDER BY i;

-- Escapes, by hand: \" \\ \/ \b \f \n \r \t \uXXXX and a surrogate pair.
SELECT json_field('{"s": "q\"b\\s\/b\bf\fn\nr\rt\t"}', 's') = E'q"b\\s/b\bf\fn\nr\rt\t' AS simple_escapes,
       json_field('{"s": "caf\u00e9 \u20ac \ud83d\ude00"}', 's') = E'caf\u00e9 \u20ac \U0001F600' AS unicode_escapes,
       json_field('{"NFA\u005fFLAG": 1}', 'NFA_FLAG') AS escaped_key;
-- \u0000 is valid JSON that text cannot hold: NULL, and no problem.
SELECT json_field('{"s": "a\u0000b", "t": "ok"}', 's') AS nul, json_field('{"s": "a\u0000b", "t": "ok"}', 't') AS other,
       json_problem('{"s": "a\u0000b"}') AS problem;

-- Duplicate keys: the last wins, as in jsonb.
SELECT json_field('{"a": 1, "a": 2}', 'a') AS ours, '{"a": 1, "a": 2}'::jsonb ->> 'a' AS jsonb;
-- Case-insensitive keys (ASCII letters): the last key that matches wins.
SELECT json_field('{"nfa_flag": "Y"}', 'NFA_FLAG') AS exact,
       json_field_ci('{"nfa_flag": "Y"}', 'NFA_FLAG') AS ci,
       json_field_ci('{"NFA_FLAG": "N", "Nfa_Flag": "Y"}', 'nfa_flag') AS ci_last,
       json_field_ci('{"NFA-FLAG": "Y"}', 'nfa_flag') AS ci_letters_only,
       json_field_ci('{"ÉTAT": "Y"}', 'état') AS ci_ascii_only;

-- Broken texts: json_field NULL, json_problem the first problem.
SELECT doc, json_field(doc, 'a') AS a, json_problem(doc) AS problem
FROM (VALUES (''), ('   '), ('[1, 2]'), ('"a"'), ('42'), ('null'), ('{'), ('{"a": 1'), ('{"a": "xyz'),
             ('{"a": 1} x'), ('{"a": 1}}'), ('{"a": 1,}'), ('{a: 1}'), ('{''a'': 1}'), ('{"a" 1}'),
             ('{"a": "\x"}'), ('{"a": "\u12G4"}'), ('{"a": "\ud800"}'), ('{"a": "\udc00\ud800"}'),
             (E'{"a": "x\ny"}'), (E'{"a": "\t"}'), ('{"a": 01}'), ('{"a": 1.}'), ('{"a": .5}'), ('{"a": NaN}'),
             ('{"a": True}'), ('{"a": nul}'), ('{"a": [1, 2}'), ('{"a": {"b": 1]}'), ('{"a": "x" "b": 1}'),
             ('{"a": 1 2}'), (E'\ufeff{"a": 1}')) AS t (doc);

-- The same verdict as jsonb: a text is valid exactly when jsonb accepts it
-- and it is an object.  Inputs: the texts above and every truncation and
-- every one-byte deletion of an SSD outcome text.
CREATE TEMP TABLE docs (id serial, doc text);
INSERT INTO docs (doc) VALUES
	('{}'), (' {"a" : 1 } '), (E'\t\r\n{"a":1}\n'), ('{"a": {}}'), ('{"a": []}'), ('{"a": [[[[{"b": [null]}]]]]}'),
	('{"a": 0, "b": -0, "c": 1.5E-3, "d": 10e5, "e": 1e+2, "f": 123456789012345678901234567890.5}'),
	('{"a": "", "b": " ", "c": "\"", "d": "\\", "e": "\/", "f": "\b\f\n\r\t"}'),
	('{"a": "\u0041\u00e9\u20ac\ud83d\ude00\udbff\udfff\u007f"}'),
	('{"a": 1, "a": "two", "A": 3}'), ('{"": "empty key"}'), ('{"\u0061": "escaped key"}'),
	('{"é": "raw UTF-8 key", "a": "naïve €"}'),
	('{"NEW_REFERRAL_FLAG":"Y","COMMENTS":"said "no" twice"}'),
	(''), ('   '), ('[1, 2]'), ('"a"'), ('42'), ('null'), ('true'), ('{'), ('}'), ('{"a": 1'), ('{"a": "xyz'),
	('{"a": 1} x'), ('{"a": 1}}'), ('{"a": 1,}'), ('{a: 1}'), ('{''a'': 1}'), ('{"a" 1}'), ('{"a"}'),
	('{"a": "\x"}'), ('{"a": "\u12G4"}'), ('{"a": "\ud800"}'), ('{"a": "\udc00\ud800"}'), ('{"a": "\uD800\u0041"}'),
	(E'{"a": "x\ny"}'), (E'{"a": "\t"}'), ('{"a": 01}'), ('{"a": 1.}'), ('{"a": .5}'), ('{"a": +1}'), ('{"a": -}'),
	('{"a": 1e}'), ('{"a": 0x10}'), ('{"a": NaN}'), ('{"a": Infinity}'), ('{"a": True}'), ('{"a": nul}'),
	('{"a": nulls}'), ('{"a": [1, 2}'), ('{"a": {"b": 1]}'), ('{"a": "x" "b": 1}'), ('{"a": 1 2}'),
	(E'{"a": 1}\f'), (E'\ufeff{"a": 1}'), ('{"a": [1,]}'), ('{"a": [,1]}'), ('{,}'), ('{"a":1,,"b":2}');
INSERT INTO docs (doc)
SELECT CASE k WHEN 0 THEN left(d, n) ELSE overlay(d PLACING '' FROM n FOR 1) END
FROM (VALUES ('{"NEW_REFERRAL_FLAG": "Y", "NFA_FLAG": "N", "S47_FLAG": null, "COUNT": 2, "SCORE": -1.5e2, '
              '"OPEN": true, "CLOSED": false, "DETAIL": {"a": [1, {"b": "}"}]}, "COMMENTS": "said \"no\", \u00e9\\"}'))
     AS s (d),
     generate_series(0, 1) AS k, generate_series(0, length(d)) AS n
WHERE k = 0 OR n > 0;

SELECT count(*) AS texts,
       count(*) FILTER (WHERE json_problem(doc) IS NULL) AS valid,
       count(*) FILTER (WHERE (json_problem(doc) IS NULL)
                              IS DISTINCT FROM
                              coalesce(jsonb_typeof(pg_temp.jsonb_or_null(doc)) = 'object', false)) AS verdicts_differing
FROM docs;
SELECT id, doc, json_problem(doc) AS ours, pg_temp.jsonb_or_null(doc) AS jsonb
FROM docs
WHERE (json_problem(doc) IS NULL) IS DISTINCT FROM coalesce(jsonb_typeof(pg_temp.jsonb_or_null(doc)) = 'object', false)
ORDER BY id;

-- Every key of every valid text, and keys not there: json_field against
-- jsonb's ->> (numbers compared as numeric: jsonb writes 1e+2 as 100;
-- objects and arrays compared as jsonb: jsonb rewrites their spacing).
-- json_field is NULL on every invalid text, for any key.
WITH valid AS (
	SELECT id, doc, pg_temp.jsonb_or_null(doc) AS j FROM docs
	WHERE jsonb_typeof(pg_temp.jsonb_or_null(doc)) = 'object'
), pairs AS (
	SELECT id, doc, j, key FROM valid, LATERAL (SELECT jsonb_object_keys(j) UNION SELECT 'missing' UNION SELECT 'A') AS k (key)
), compared AS (
	SELECT id, doc, key, json_field(doc, key) AS ours, j ->> key AS theirs, jsonb_typeof(j -> key) AS kind,
	       CASE jsonb_typeof(j -> key)
	            WHEN 'number' THEN json_field(doc, key)::numeric = (j ->> key)::numeric
	            WHEN 'object' THEN json_field(doc, key)::jsonb = j -> key
	            WHEN 'array' THEN json_field(doc, key)::jsonb = j -> key
	            ELSE json_field(doc, key) IS NOT DISTINCT FROM j ->> key END AS same
	FROM pairs
)
SELECT count(*) AS pairs, count(*) FILTER (WHERE kind IS NOT NULL) AS present,
       count(DISTINCT kind) AS kinds, count(*) FILTER (WHERE same IS NOT TRUE) AS differing
FROM compared;
SELECT count(*) AS invalid_texts, count(*) FILTER (WHERE json_field(doc, 'NEW_REFERRAL_FLAG') IS NOT NULL
                                                     OR json_field(doc, 'a') IS NOT NULL
                                                     OR json_field_ci(doc, 'new_referral_flag') IS NOT NULL) AS not_null
FROM docs WHERE json_problem(doc) IS NOT NULL;

-- Nesting: 1024 levels are read, 1025 are too deep (jsonb takes both).
SELECT json_problem('{"a":' || repeat('[', 1023) || repeat(']', 1023) || '}') AS depth_1024,
       json_problem('{"a":' || repeat('[', 1024) || repeat(']', 1024) || '}') AS depth_1025,
       json_field('{"b": 1, "a":' || repeat('[', 1024) || repeat(']', 1024) || '}', 'b') AS field_1025,
       json_problem('{"a":' || repeat('[', 100000)) AS deep_and_truncated,
       pg_temp.jsonb_or_null('{"a":' || repeat('[', 1024) || repeat(']', 1024) || '}') IS NOT NULL AS jsonb_1025;

-- Bounded: a problem is one short line, however long the text.
SELECT length(json_problem(repeat(' ', 100000) || '[' || repeat('x', 100000))) AS short,
       json_problem('{"' || repeat('k', 1000000) || '": 1') AS long_text;

-- STRICT: NULL in, NULL out; the SSD's Eclipse extract leaves the column NULL.
SELECT json_field(NULL, 'a') IS NULL AS null_text, json_field('{"a": 1}', NULL) IS NULL AS null_key,
       json_problem(NULL) IS NULL AS null_problem;
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel
FROM pg_proc p WHERE p.pronamespace = 'socialcare'::regnamespace AND p.proname IN ('json_field', 'json_field_ci', 'json_problem')
ORDER BY 1;
