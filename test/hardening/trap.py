#!/usr/bin/env python3
"""Traps in the extension's schema: nothing added to schema socialcare may
change what the extension does, and no role but a superuser may add to it.

Issue 12, items 1 and 2.  The schema socialcare was owned by the role that
ran CREATE EXTENSION, so that role could create operators there; stored
expressions whose operators had no exact match in pg_catalog (numeric >= 0,
NULLIF(numeric, 0), date_part(...) < 4) bound to them at install or update,
and a superuser inserting a KPI then ran the owner's code.

1. Planted schema.  Before installing, a superuser fills schema socialcare
   with traps: for every operator name and every pair of argument types
   below that pg_catalog can resolve (possibly by casting), an operator of
   that exact signature, and for every function name the install scripts
   call, a function of each one- and two-argument signature pg_catalog can
   resolve; each trap raises "socialcare trap fired".  Then:
   - a fresh install, and an install of the oldest version updated step by
     step (the repair of existing installs), must succeed;
   - no stored expression of the extension (constraints, defaults,
     policies, views, SQL function bodies, triggers) may refer to any
     object outside pg_catalog that is not the extension's own (pg_depend);
   - as a superuser, writing a row to every table and one call of each area
     (test/upgrade/answers.sql) must fire no trap.
   Superusers' objects are allowed in the schema (a superuser needs no
   trap), which is what lets this test plant them.
2. Non-superuser plants.  A database owner who is not a superuser creates
   the schema with a function working_days(text, text) (the overload a
   superuser's working_days('2025-03-07', '2025-03-10') would run) and an
   operator: CREATE EXTENSION must refuse, naming them; after they are
   moved away it installs, the schema belongs to a superuser, nobody else
   has CREATE on it (a GRANT made before is revoked) and the owner's
   CREATE FUNCTION there is refused.  The same plants made in a 0.2.0
   install must make ALTER EXTENSION UPDATE refuse in the same way, and the
   update repairs the schema once they are gone.

Prints TAP.  Needs PGHOST etc. of a server where PGUSER is a superuser.
"""

import os
import sys

import pg

HERE = os.path.dirname(os.path.abspath(__file__))
ANSWERS = os.path.join(HERE, "..", "upgrade", "answers.sql")
OWNER = "regress_sc_trap_owner"
DBS = ["sc_trap_fresh", "sc_trap_stepped", "sc_trap_owner", "sc_trap_update", "sc_trap_probe"]

TYPES = ["text", "name", "\"char\"", "date", "smallint", "integer", "bigint", "numeric", "real",
         "double precision", "boolean", "interval", "timestamp", "timestamptz", "oid", "regrole",
         "text[]", "bigint[]", "numeric[]", "jsonb", "daterange"]
OPERATORS = ["=", "<>", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "^", "||", "~", "!~", "~~",
             "@>", "<@", "&&", "->", "->>"]
PREFIX = ["-", "+", "@"]
FUNCTIONS = ["btrim", "strpos", "date_part", "date_trunc", "make_date", "lpad", "rpad", "isfinite",
             "trim_scale", "daterange", "format", "concat", "to_char", "round", "left", "char_length",
             "repeat", "rtrim", "initcap", "abs", "upper", "lower", "length", "pg_has_role",
             "array_append", "array_cat", "array_length", "cardinality", "generate_series",
             "nullif", "coalesce", "greatest", "least", "timezone", "age", "justify_interval"]

# Stored expressions of the extension's objects that refer to something
# that is neither in pg_catalog nor the extension's own.
FOREIGN_REFERENCES = """
WITH RECURSIVE ext AS (
    SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'socialcare'
), member AS (
    SELECT d.classid, d.objid FROM pg_catalog.pg_depend d, ext
    WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND d.refobjid = ext.oid AND d.deptype = 'e'
), owned (classid, objid) AS (
    -- the members and what belongs to them: constraints and their indexes,
    -- defaults, policies, rewrite rules of views, triggers, row and array types
    SELECT classid, objid FROM member
    UNION
    SELECT d.classid, d.objid FROM pg_catalog.pg_depend d JOIN owned o
        ON d.refclassid = o.classid AND d.refobjid = o.objid
    WHERE d.deptype IN ('a', 'i')
), refs AS (
    SELECT o.classid, o.objid, d.refclassid, d.refobjid
    FROM owned o JOIN pg_catalog.pg_depend d ON d.classid = o.classid AND d.objid = o.objid
    WHERE d.deptype = 'n'
)
SELECT pg_catalog.pg_describe_object(r.classid, r.objid, 0) AS what,
       i.type || ' ' || i.identity AS refers_to
FROM refs r, LATERAL pg_catalog.pg_identify_object(r.refclassid, r.refobjid, 0) AS i
WHERE i.schema IS DISTINCT FROM 'pg_catalog'
  AND r.refclassid NOT IN ('pg_catalog.pg_namespace'::pg_catalog.regclass,
                           'pg_catalog.pg_extension'::pg_catalog.regclass,
                           'pg_catalog.pg_language'::pg_catalog.regclass)
  AND NOT EXISTS (SELECT 1 FROM owned o WHERE o.classid = r.refclassid AND o.objid = r.refobjid)
ORDER BY 1, 2
"""

# One row per table, as a superuser: every constraint, default, policy and
# trigger of the tables runs.
WRITES = """
SET search_path = public;
INSERT INTO socialcare.calendar (name, base, weekmask, description) VALUES ('trap_cal', 'scotland', '1111110', 'x');
INSERT INTO socialcare.calendar_day (calendar, day, working, name) VALUES ('trap_cal', '2025-12-29', false, 'Closure');
UPDATE socialcare.calendar_day SET working = true WHERE calendar = 'trap_cal';
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event, source)
    VALUES ('trap_ts', 'x', 10, 'working days', 'a', 'b', 'local');
INSERT INTO socialcare.timescale_chain (chain, step, timescale, after_months) VALUES ('trap_chain', 1, 'trap_ts', NULL);
INSERT INTO socialcare.kpi (code, title, unit, decimals, frequency, polarity, target, tolerance)
    VALUES ('TRAP', 'Trap', 'percent', 1, 'monthly', 'high', 80.5, 2.5);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('TRAP', 'england', '2025-01-01', 70);
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator) VALUES ('TRAP', '2025-06-30', 81, 81, 100);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target, tolerance) VALUES ('TRAP', '2025-04-01', 85, 1);
SELECT socialcare.working_days('2025-12-24'::date, '2026-01-05'::date, 'trap_cal'),
       socialcare.due_date('trap_ts', '2025-06-02'::date), socialcare.financial_year('2025-06-30'::date),
       socialcare.change_relative(66.6, 75.4), socialcare.change_relative(1, 0);
SELECT count(*) FROM socialcare.scorecard('2025-06-30'::date);
DELETE FROM socialcare.kpi WHERE code = 'TRAP';
DELETE FROM socialcare.timescale_chain WHERE chain = 'trap_chain';
DELETE FROM socialcare.timescale WHERE code = 'trap_ts';
DELETE FROM socialcare.calendar WHERE name = 'trap_cal';
"""


def q(s):
    return "'" + s.replace("'", "''") + "'"


def probe_signatures():
    """The (kind, name, argtypes, result) pg_catalog resolves, in a clean database."""
    pg.psql("CREATE DATABASE sc_trap_probe;", "postgres")
    tries = []
    for op in OPERATORS:
        for left in TYPES:
            for right in TYPES:
                tries.append(("op", op, [left, right],
                              f"NULL::{left} OPERATOR(pg_catalog.{op}) NULL::{right}"))
    for op in PREFIX:
        for right in TYPES:
            tries.append(("op", op, [right], f"OPERATOR(pg_catalog.{op}) NULL::{right}"))
    for fn in FUNCTIONS:
        for a in TYPES:
            tries.append(("fn", fn, [a], f"pg_catalog.{fn}(NULL::{a})"))
            for b in TYPES:
                tries.append(("fn", fn, [a, b], f"pg_catalog.{fn}(NULL::{a}, NULL::{b})"))
    # One DO block tries them all; each resolvable one prints its result type.
    body = ["DO $probe$ DECLARE t text; BEGIN"]
    for i, (_, _, _, expr) in enumerate(tries):
        body.append(f"BEGIN EXECUTE {q('SELECT pg_catalog.pg_typeof(' + expr + ')::text')} INTO t;"
                    f" RAISE NOTICE 'R %:%', {i}, t; EXCEPTION WHEN OTHERS THEN NULL; END;")
    body.append("END $probe$;")
    r = pg.psql("\n".join(body), "sc_trap_probe", extra=["-v", "VERBOSITY=terse"])
    found = []
    for line in r.stderr.splitlines():
        if "R " in line and ":" in line:
            i, typ = line.split("R ", 1)[1].split(":", 1)
            kind, name, args, _ = tries[int(i)]
            if typ.strip() not in ("unknown", "record", "anyelement", "<NULL>", ""):
                found.append((kind, name, args, typ.strip()))
    pg.psql("DROP DATABASE sc_trap_probe;", "postgres")
    return found


def plant_sql(signatures, schema="socialcare"):
    """Traps in the schema for every signature, each raising an error."""
    out = [f"CREATE SCHEMA IF NOT EXISTS {schema};"]
    for i, (kind, name, args, result) in enumerate(signatures):
        fname = f"{schema}.sc_trap_{i}" if kind == "op" else f"{schema}.{name}"
        what = f"{'operator' if kind == 'op' else 'function'} {name}({', '.join(args)})"
        params = ", ".join(f"a{j} {t}" for j, t in enumerate(args))
        out.append(f"CREATE FUNCTION {fname}({params}) RETURNS {result} LANGUAGE plpgsql AS "
                   f"$t$BEGIN RAISE EXCEPTION 'socialcare trap fired: %', {q(what)}; END$t$;")
        if kind == "op":
            side = f"LEFTARG = {args[0]}, RIGHTARG = {args[1]}" if len(args) == 2 else f"RIGHTARG = {args[0]}"
            out.append(f"CREATE OPERATOR {schema}.{name} ({side}, FUNCTION = {fname});")
    return "\n".join(out)


def traps_fired(db, sql):
    r = pg.psql(sql, db, check=False)
    return r.returncode == 0 and "trap fired" not in r.stderr, r.stderr.strip().splitlines()[-3:]


def check_planted(tap, db, how, plants):
    refs = pg.json_rows(FOREIGN_REFERENCES, db)
    tap.check(not refs, f"{how}: no stored expression of the extension refers to an object outside "
              f"pg_catalog that is not its own ({plants} traps planted)",
              [f"{r['what']} -> {r['refers_to']}" for r in refs[:15]] + ([f"... {len(refs)} in all"] if refs else []))
    ok, err = traps_fired(db, WRITES)
    tap.check(ok, f"{how}: a superuser writes a row to every table and reads it back: no trap fires", err)
    with open(ANSWERS) as f:
        answers = f.read().replace("SET search_path = socialcare, public;", "SET search_path = public, socialcare;")
    ok, err = traps_fired(db, answers)
    tap.check(ok, f"{how}: one call of each area (test/upgrade/answers.sql) fires no trap", err)


# The queries the C code runs (user calendars, timescales, chains, their
# triggers) under a search_path that puts a schema of traps before
# pg_catalog: each call below reads the tables afresh (a new session).  The
# calls themselves use only casts and function calls, no operator.
HOSTILE_SETUP = """
INSERT INTO socialcare.calendar (name, base) VALUES ('hp_cal', 'england-and-wales');
INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('hp_cal', '2025-12-29');
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
    VALUES ('hp_ts', 'x', 10, 'working days', 'a', 'b'), ('hp_ts2', 'x', 3, 'months', 'a', 'b');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('hp_chain', 1, 'hp_ts'), ('hp_chain', 2, 'hp_ts2');
"""
HOSTILE_CALLS = [
    ("working_days with a user calendar", "SELECT socialcare.working_days('2025-12-24'::date, '2026-01-05'::date, 'hp_cal'::text)", "4"),
    ("bank_holidays of a user calendar", "SELECT pg_catalog.count(*) FROM socialcare.bank_holidays('2025-12-01'::date, '2026-01-31'::date, 'hp_cal'::text)", "4"),
    ("due_date of a local timescale", "SELECT socialcare.due_date('hp_ts'::text, '2025-06-02'::date)", "2025-06-16"),
    ("chain_next_due of a local chain", "SELECT socialcare.chain_next_due('hp_chain'::text, '2025-01-06'::date, 1::bigint, '2025-01-20'::date)", "2025-04-20"),
    ("a chain row written through the triggers", "INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('hp_chain'::text, 3, 'hp_ts2'::text) RETURNING step", "3"),
    ("an unknown calendar's hint, which lists the calendars", "SELECT socialcare.working_days('2025-01-01'::date, '2025-01-02'::date, 'no_such'::text)", None),
    ("an unknown timescale's hint", "SELECT socialcare.due_date('no_such'::text, '2025-06-02'::date)", None),
]


def hostile_search_path(tap, db, signatures):
    pg.psql(plant_sql(signatures, "sc_evil"), db)
    r = pg.psql(HOSTILE_SETUP, db, check=False)
    tap.check(r.returncode == 0, "a user calendar, local timescales and a chain for the calls below",
              r.stderr.strip().splitlines()[:3])
    for what, sql, want in HOSTILE_CALLS:
        r = pg.psql(f"SET search_path = sc_evil, pg_catalog, public;\n{sql};", db, check=False)
        got = r.stdout.strip().splitlines()[-1:] or [""]
        fired = "trap fired" in r.stderr
        ok = not fired and (got[0] == want if want is not None
                            else r.returncode != 0 and "HINT" in r.stderr)
        tap.check(ok, f"search_path = sc_evil, pg_catalog (sc_evil: the traps): {what}"
                  + (f" gives {want}" if want else " is the extension's own error"),
                  [f"got {got[0]!r}"] + r.stderr.strip().splitlines()[:3])


def schema_state(db):
    return pg.json_rows(
        "SELECT r.rolsuper AS super, s.nspacl::text AS acl,"
        f" pg_catalog.has_schema_privilege('{OWNER}', s.oid, 'CREATE') AS owner_create,"
        " pg_catalog.has_schema_privilege('public', s.oid, 'CREATE') AS public_create,"
        " pg_catalog.has_schema_privilege('public', s.oid, 'USAGE') AS public_usage"
        " FROM pg_catalog.pg_namespace s JOIN pg_catalog.pg_roles r ON r.oid = s.nspowner"
        " WHERE s.nspname = 'socialcare'", db)[0]


OWNER_PLANTS = """
CREATE FUNCTION socialcare.working_days(a text, b text) RETURNS integer LANGUAGE sql RETURN 4242;
CREATE FUNCTION socialcare.trap_ge(a numeric, b integer) RETURNS boolean LANGUAGE sql RETURN true;
CREATE OPERATOR socialcare.>= (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = socialcare.trap_ge);
"""
MOVE_AWAY = """
ALTER FUNCTION socialcare.working_days(text, text) SET SCHEMA public;
ALTER OPERATOR socialcare.>= (numeric, integer) SET SCHEMA public;
ALTER FUNCTION socialcare.trap_ge(numeric, integer) SET SCHEMA public;
"""


def owner_plants(tap):
    # A fresh install into a schema the owner made and filled.
    db = "sc_trap_owner"
    pg.psql(f"CREATE DATABASE {db} OWNER {OWNER};", "postgres")
    pg.psql(f"SET ROLE {OWNER}; CREATE SCHEMA socialcare; GRANT CREATE ON SCHEMA socialcare TO PUBLIC;"
            + OWNER_PLANTS, db)
    r = pg.psql(f"SET ROLE {OWNER}; CREATE EXTENSION socialcare;", db, check=False)
    tap.check(r.returncode != 0 and "function socialcare.working_days(" in r.stderr
              and "operator socialcare.>=(numeric,integer)" in r.stderr
              and "HINT" in r.stderr,
              "CREATE EXTENSION by the database owner into a schema holding its own function and "
              "operator is refused, naming them, with a hint", r.stderr.strip().splitlines()[:4])
    pg.psql(f"SET ROLE {OWNER};" + MOVE_AWAY + "CREATE EXTENSION IF NOT EXISTS socialcare;", db)
    st = schema_state(db)
    tap.check(st["super"] and not st["owner_create"] and not st["public_create"] and st["public_usage"],
              "after the owner's install the schema belongs to a superuser; no CREATE for the owner or "
              "PUBLIC (granted before: revoked), USAGE for PUBLIC", [str(st)])
    r = pg.psql(f"SET ROLE {OWNER}; CREATE FUNCTION socialcare.working_days(a text, b text) "
                "RETURNS integer LANGUAGE sql RETURN 4242;", db, check=False)
    tap.check(r.returncode != 0 and "permission denied" in r.stderr,
              "the owner cannot add the working_days(text, text) overload afterwards", [r.stderr.strip()])
    got = pg.psql("SELECT socialcare.working_days('2025-03-07', '2025-03-10');", db).stdout.strip()
    tap.check(got == "1", "a superuser's working_days('2025-03-07', '2025-03-10') with untyped "
              "literals runs the extension's function (Friday to Monday: 1)", [got])

    # An update of a 0.2.0 install the owner filled after installing it.
    db = "sc_trap_update"
    pg.psql(f"CREATE DATABASE {db} OWNER {OWNER};", "postgres")
    pg.psql(f"SET ROLE {OWNER}; CREATE EXTENSION socialcare VERSION '0.2.0';"
            "GRANT CREATE ON SCHEMA socialcare TO PUBLIC;" + OWNER_PLANTS, db)
    r = pg.psql(f"SET ROLE {OWNER}; ALTER EXTENSION socialcare UPDATE;", db, check=False)
    tap.check(r.returncode != 0 and "function socialcare.working_days(" in r.stderr,
              "ALTER EXTENSION UPDATE of a 0.2.0 install whose schema the owner filled is refused, "
              "naming the objects", r.stderr.strip().splitlines()[:4])
    version = pg.psql("SELECT extversion FROM pg_extension WHERE extname = 'socialcare';", db).stdout.strip()
    tap.check(version == "0.2.0", "the refused update left 0.2.0 as it was", [version])
    r = pg.psql(f"SET ROLE {OWNER};" + MOVE_AWAY + "ALTER EXTENSION socialcare UPDATE;", db, check=False)
    tap.check(r.returncode == 0, "once they are moved away the update runs", r.stderr.strip().splitlines()[:4])
    st = schema_state(db)
    tap.check(st["super"] and not st["owner_create"] and not st["public_create"] and st["public_usage"],
              "after the update the schema belongs to a superuser and nobody else may create in it",
              [str(st)])
    refs = pg.json_rows(FOREIGN_REFERENCES, db)
    tap.check(not refs, "after the update no stored expression refers to the owner's operator",
              [f"{x['what']} -> {x['refers_to']}" for x in refs[:10]])


def main():
    tap = pg.Tap()
    pg.psql("SET client_min_messages = warning;"
            + "".join(f"DROP DATABASE IF EXISTS {d};" for d in DBS)
            + f"DROP ROLE IF EXISTS {OWNER}; CREATE ROLE {OWNER} LOGIN;", "postgres")
    try:
        signatures = probe_signatures()
        plants = plant_sql(signatures)
        versions = pg.psql("SELECT version FROM pg_available_extension_versions WHERE name = 'socialcare'"
                           " ORDER BY pg_catalog.string_to_array(version, '.')::int[];").stdout.split()

        db = "sc_trap_fresh"
        pg.psql(f"CREATE DATABASE {db};", "postgres")
        pg.psql(plants, db)
        r = pg.psql("CREATE EXTENSION socialcare;", db, check=False)
        tap.check(r.returncode == 0, f"a fresh install into a schema planted with {len(signatures)} traps "
                  "succeeds", r.stderr.strip().splitlines()[-3:])
        if r.returncode == 0:
            check_planted(tap, db, "fresh install", len(signatures))
            hostile_search_path(tap, db, signatures)

        db = "sc_trap_stepped"
        pg.psql(f"CREATE DATABASE {db};", "postgres")
        pg.psql(plants, db)
        steps = [f"CREATE EXTENSION socialcare VERSION '{versions[0]}';"] + \
                [f"ALTER EXTENSION socialcare UPDATE TO '{v}';" for v in versions[1:]]
        errors = []
        for s in steps:
            r = pg.psql(s, db, check=False)
            if r.returncode != 0:
                errors.append(f"{s} {r.stderr.strip()}")
        tap.check(not errors, f"{versions[0]} installed into the planted schema and updated step by step "
                  f"to {versions[-1]}", errors)
        if not errors:
            check_planted(tap, db, f"updated from {versions[0]}", len(signatures))

        owner_plants(tap)
    finally:
        pg.psql("SET client_min_messages = warning;"
                + "".join(f"DROP DATABASE IF EXISTS {d};" for d in DBS)
                + f"DROP ROLE IF EXISTS {OWNER};", "postgres", check=False)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
