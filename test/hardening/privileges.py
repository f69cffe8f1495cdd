#!/usr/bin/env python3
"""Privileges and search_path, generic over the extension's catalog.

- No function of the extension is SECURITY DEFINER.
- An unprivileged role (no grants of its own) can execute every function,
  use the schema and read every table and view, but cannot change rows it
  does not own (shipped rows, other roles' calendars): its UPDATE, DELETE
  and TRUNCATE of every table leave the contents as they were.
- Every function not written in C (SQL, PL/pgSQL) gives the same answer
  under a hostile search_path: a schema first in the path, before
  pg_catalog, that shadows every operator with a common name and every
  function the bodies name (date_part, make_date, generate_series...) with
  versions that raise an error, the CVE-2018-1058 pattern.  A canary
  function written the unsafe way must be caught, so the test can fail.

Prints TAP.  Needs PGHOST etc. of a server where PGUSER is a superuser.
"""

import re
import sys

import bad_input as bi
import pg

DB = "socialcare_privileges"
ROLE = "regress_sc_nobody"
OTHER = "regress_sc_council"
OPERATORS = ["=", "<>", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "||", "@>", "<@", "&&", "~", "!~"]
ALWAYS_SHADOWED = ["date_part", "make_date", "generate_series", "date_trunc", "lpad", "daterange",
                   "extract", "now", "upper", "lower", "length", "btrim", "format", "concat",
                   "abs", "round", "greatest", "least", "to_char", "nullif", "isfinite",
                   "current_setting", "pg_has_role"]


def main():
    tap = pg.Tap()
    bi.DB = DB
    pg.psql(f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DB};"
            f"DROP ROLE IF EXISTS {ROLE}; DROP ROLE IF EXISTS {OTHER};", "postgres")
    pg.psql(f"CREATE DATABASE {DB}; CREATE ROLE {ROLE}; CREATE ROLE {OTHER};", "postgres")
    try:
        pg.psql(f"CREATE EXTENSION {pg.EXT};", DB)
        fns = pg.functions(DB)
        secdef = [f["sig"] for f in fns if f["secdef"]]
        tap.check(not secdef, f"no SECURITY DEFINER among {len(fns)} functions", secdef)
        privileges(tap, fns)
        search_path(tap, fns)
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB}; DROP ROLE IF EXISTS {ROLE}; DROP ROLE IF EXISTS {OTHER};",
                "postgres", check=False)
    return 1 if tap.failed else 0


def privileges(tap, fns):
    noexec = [r["sig"] for r in pg.json_rows(
        f"SELECT p.oid::regprocedure::text AS sig FROM pg_proc p WHERE p.oid IN ({pg.members('pg_proc')})"
        f" AND NOT has_function_privilege('{ROLE}', p.oid, 'EXECUTE')", DB)]
    schemas = [r["s"] for r in pg.json_rows(
        f"SELECT DISTINCT n.nspname AS s FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        f" WHERE p.oid IN ({pg.members('pg_proc')}) AND NOT has_schema_privilege('{ROLE}', n.oid, 'USAGE')", DB)]
    tap.check(not noexec and not schemas,
              f"an unprivileged role may execute all {len(fns)} functions and use their schema",
              noexec + schemas)

    tables = pg.tables(DB)
    # Rows the role does not own: one user calendar of another role, with a
    # day, and a KPI of another role with a row in each of its tables (an
    # empty table would make the check below vacuous).
    pg.psql(f"""INSERT INTO socialcare.calendar (name, owner) VALUES ('privileges-test', '{OTHER}');
                INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('privileges-test', '2025-12-29');
                {KPI_ROWS}""",
            DB, check=False)
    unreadable = []
    for t in tables:
        r = pg.psql(f"SET ROLE {ROLE}; SELECT count(*) FROM {t['qname']};", DB, check=False)
        if r.returncode != 0:
            unreadable.append(f"{t['qname']}: {r.stderr.strip()}")
    tap.check(not unreadable, f"an unprivileged role can read all {len(tables)} tables and views",
              unreadable)

    calendar_ownership(tap)
    kpi_ownership(tap)
    for t in [t for t in tables if t["kind"] in ("r", "p")]:
        before = contents(t["qname"])
        rows = before.count("\n") + (1 if before else 0)
        cols = pg.json_rows(f"SELECT quote_ident(attname) AS c FROM pg_attribute WHERE attrelid = {t['oid']}"
                            " AND attnum > 0 AND NOT attisdropped ORDER BY attnum", DB)
        sets = ", ".join(f"{c['c']} = {c['c']}" for c in cols)
        attempts = [f"UPDATE {t['qname']} SET {sets}", f"DELETE FROM {t['qname']}",
                    f"TRUNCATE {t['qname']} CASCADE"]
        outcomes = []
        for sql in attempts:
            r = pg.psql(f"SET ROLE {ROLE};\n{sql};", DB, check=False, extra=["-v", "ON_ERROR_STOP=1"])
            outcomes.append("refused" if r.returncode else "no rows changed")
        after = contents(t["qname"])
        tap.check(before == after and rows > 0,
                  f"an unprivileged role cannot change {t['qname']} ({rows} rows it does not own; "
                  f"update, delete, truncate: {', '.join(outcomes)})",
                  [f"before: {before[:300]}", f"after: {after[:300]}"])


def calendar_ownership(tap):
    """A role may add its own calendar and its days, but not in another
    role's name, nor days to another role's calendar."""
    attempts = [
        ("may add its own calendar", "INSERT INTO socialcare.calendar (name) VALUES ('nobody-own')", True),
        ("may add days to its own calendar",
         "INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('nobody-own', '2025-12-29')", True),
        ("may not add a calendar in another role's name",
         f"INSERT INTO socialcare.calendar (name, owner) VALUES ('nobody-spoof', '{OTHER}')", False),
        ("may not add days to another role's calendar",
         "INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('privileges-test', '2025-12-30')", False),
        ("may not hand its calendar to another role",
         f"UPDATE socialcare.calendar SET owner = '{OTHER}' WHERE name = 'nobody-own'", False),
    ]
    for what, sql, allowed in attempts:
        r = pg.psql(f"SET ROLE {ROLE};\n{sql};", DB, check=False)
        tap.check((r.returncode == 0) == allowed,
                  f"an unprivileged role {what}",
                  [r.stderr.strip()])
    pg.psql("DELETE FROM socialcare.calendar WHERE name = 'nobody-own';", DB)


KPI_ROWS = f"""INSERT INTO socialcare.kpi (code, title, polarity, target, owner)
                VALUES ('PRIV1', 'privileges test', 'high', 80, '{OTHER}');
              INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value)
                VALUES ('PRIV1', 'england', '2024-01-01', 75);
              INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('PRIV1', '2025-04-01', 85);
              INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('PRIV1', '2025-06-30', 81.5);"""


def kpi_ownership(tap):
    """As for calendars: a role may add its own KPI and its rows, but not a
    KPI in another role's name, nor rows to another role's KPI."""
    attempts = [
        ("may add its own KPI",
         "INSERT INTO socialcare.kpi (code, title, polarity) VALUES ('NOBODY1', 'own', 'low')", True),
        ("may add values to its own KPI",
         "INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('NOBODY1', '2025-06-30', 1)", True),
        ("may not add a KPI in another role's name",
         f"INSERT INTO socialcare.kpi (code, title, polarity, owner) VALUES ('NOBODY2', 'spoof', 'low', '{OTHER}')",
         False),
        ("may not add values to another role's KPI",
         "INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('PRIV1', '2025-07-31', 1)", False),
        ("may not add comparators to another role's KPI",
         "INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) "
         "VALUES ('PRIV1', 'region', '2024-01-01', 1)", False),
        ("may not add targets to another role's KPI",
         "INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('PRIV1', '2026-04-01', 1)", False),
        ("may not move its values to another role's KPI",
         "UPDATE socialcare.kpi_value SET kpi = 'PRIV1' WHERE kpi = 'NOBODY1'", False),
        ("may not hand its KPI to another role",
         f"UPDATE socialcare.kpi SET owner = '{OTHER}' WHERE code = 'NOBODY1'", False),
    ]
    for what, sql, allowed in attempts:
        r = pg.psql(f"SET ROLE {ROLE};\n{sql};", DB, check=False)
        tap.check((r.returncode == 0) == allowed, f"an unprivileged role {what}", [r.stderr.strip()])
    pg.psql("DELETE FROM socialcare.kpi WHERE code = 'NOBODY1';", DB)


def contents(qname):
    return pg.psql(f"SELECT t::text FROM {qname} AS t ORDER BY 1;", DB).stdout.strip()


def search_path(tap, fns):
    sqlfns = [f for f in fns if f["lang"] not in ("c", "internal") and not f["is_trigger"]]
    bodies = " ".join(r["src"] or "" for r in pg.json_rows(
        f"SELECT prosrc AS src FROM pg_proc WHERE oid IN ({pg.members('pg_proc')})", DB))
    names = sorted(set(ALWAYS_SHADOWED) | set(re.findall(r"\b([a-z_][a-z0-9_]*)\s*\(", bodies)))
    setup = evil_schema(names)
    r = pg.psql(setup, DB, check=False)
    made = pg.psql("SELECT count(*) FROM pg_proc WHERE pronamespace = 'evil'::regnamespace;"
                   "SELECT count(*) FROM pg_operator WHERE oprnamespace = 'evil'::regnamespace;",
                   DB).stdout.split()
    tap.check(r.returncode == 0 and int(made[0]) > 100 and int(made[1]) > 100,
              f"hostile schema: {made[0]} functions and {made[1]} operators shadowing pg_catalog",
              [r.stderr[-500:]])

    # The canary: a function that names date_part and = unqualified, in a
    # string body, must be caught.
    pg.psql("CREATE FUNCTION public.canary(d date) RETURNS boolean LANGUAGE sql IMMUTABLE "
            "AS 'SELECT date_part(''year'', d) = 2025';", DB)
    canary = [{"oid": int(pg.psql("SELECT 'public.canary(date)'::regprocedure::oid::int", DB).stdout),
               "sig": "public.canary(date)", "qname": "public.canary", "kind": "f",
               "argtypes": ["date"], "variadic": False, "aggkind": "", "ndirect": 0, "mtransfn": "-"}]
    ok, _ = compare(canary)
    tap.check(not ok, "the canary (an unqualified string body) is hijacked by the hostile path")

    good, details = compare(sqlfns)
    tap.check(good and sqlfns, f"all {len(sqlfns)} functions not written in C give the same answers "
              f"under the hostile search_path ({', '.join(f['sig'] for f in sqlfns)})", details)


def compare(fns):
    """Run each function's baseline calls under the normal and the hostile path."""
    calls = []
    for fn in fns:
        cands = [bi.values_for(t, bi.ORDINARY, {}) or ["NULL"] for t in fn["argtypes"]]
        combos = [list(c) for c in zip(*[c * 3 for c in cands])][:3] if cands else [[]]
        calls += [bi.aggregate_or_call(fn, c, "ordinary") for c in combos]
    normal, f1 = bi.run_batch([c.sql for c in calls])
    hostile, f2 = bi.run_batch([c.sql for c in calls],
                               preamble="SET search_path = evil, pg_catalog, public;\n")
    details = []
    for i, c in enumerate(calls):
        a, b = normal.get(i), hostile.get(i)
        if a is None or b is None or a[1:] != b[1:]:
            details.append(f"{c.fn['sig']}: normal {a and a[1:]} hostile {b and b[1:]}")
    return not details, details


def evil_schema(names):
    """SQL creating schema evil with error-raising shadows of pg_catalog's
    functions of those names and of its operators of common names."""
    quoted = ", ".join("'" + n + "'" for n in names)
    ops = ", ".join("'" + o + "'" for o in OPERATORS)
    return f"""
CREATE SCHEMA evil;
GRANT USAGE ON SCHEMA evil TO PUBLIC;
DO $do$
DECLARE
  p record; o record; n int := 0;
BEGIN
  FOR p IN SELECT pr.proname, pg_get_function_identity_arguments(pr.oid) AS args,
                  pg_get_function_result(pr.oid) AS res
           FROM pg_proc pr WHERE pr.pronamespace = 'pg_catalog'::regnamespace AND pr.prokind = 'f'
             AND pr.proname IN ({quoted})
  LOOP
    BEGIN
      EXECUTE format('CREATE FUNCTION evil.%I(%s) RETURNS %s LANGUAGE plpgsql AS '
                     '$$BEGIN RAISE EXCEPTION ''hijacked: evil.%s''; END$$', p.proname, p.args, p.res, p.proname);
    EXCEPTION WHEN OTHERS THEN NULL;  -- types a plpgsql function cannot take
    END;
  END LOOP;
  FOR o IN SELECT op.oprname, op.oprleft, op.oprright, op.oprresult, n2.n
           FROM pg_operator op, LATERAL (SELECT row_number() OVER () AS n) n2
           WHERE op.oprnamespace = 'pg_catalog'::regnamespace AND op.oprname IN ({ops})
             AND op.oprleft <> 0 AND op.oprright <> 0
  LOOP
    n := n + 1;
    BEGIN
      EXECUTE format('CREATE FUNCTION evil.op%s(%s, %s) RETURNS %s LANGUAGE plpgsql AS '
                     '$$BEGIN RAISE EXCEPTION ''hijacked: operator %s''; END$$',
                     n, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype, o.oprname);
      EXECUTE format('CREATE OPERATOR evil.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = evil.op%s)',
                     o.oprname, o.oprleft::regtype, o.oprright::regtype, n);
    EXCEPTION WHEN OTHERS THEN NULL;
    END;
  END LOOP;
END $do$;
"""


if __name__ == "__main__":
    sys.exit(main())
