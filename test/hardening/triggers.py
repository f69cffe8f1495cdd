#!/usr/bin/env python3
"""Trigger functions of the extension, attached the wrong way and fed NULLs.

Every trigger function of the extension (enumerated from pg_proc, so
ones other branches add are covered) is attached, in turn, as every
trigger PostgreSQL accepts (BEFORE/AFTER, FOR EACH ROW/STATEMENT,
INSERT/UPDATE/DELETE/TRUNCATE) to
  - a temporary table of a role without privileges (any role can do this),
  - a table whose columns have the extension's column names but other types,
  - a foreign table (postgres_fdw back to a local table when it is
    installed, else a wrapper without a handler),
  - the extension's own tables, where the trigger is not one the
    extension made (as a superuser, rolled back),
and fired with rows of NULLs.  The server must not crash, no error may be
internal (SQLSTATE class XX), and a trigger fired on a table not the
extension's must refuse with 39P01 (trigger protocol violated).  Then the
crashes issue 12 reported, one by one.

Prints TAP.  Needs PGHOST etc. of a server where PGUSER is a superuser.
"""

import json
import os
import sys
import time

import pg

DB = "socialcare_triggers"
ROLE = "regress_sc_trigger_user"
TIMINGS = [("BEFORE", "ROW"), ("AFTER", "ROW"), ("BEFORE", "STATEMENT"), ("AFTER", "STATEMENT")]
EVENTS = ["INSERT", "UPDATE", "DELETE", "TRUNCATE"]
OWN_TABLES = ["socialcare.calendar", "socialcare.calendar_day", "socialcare.timescale",
              "socialcare.timescale_chain", "socialcare.kpi", "socialcare.kpi_comparator",
              "socialcare.kpi_value", "socialcare.kpi_target"]

SETUP = f"""
CREATE EXTENSION {pg.EXT};
INSERT INTO socialcare.calendar (name) VALUES ('trigger-test');
INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('trigger-test', '2025-12-29');
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('trigger_visit', 'visit', 10, 'working days', 'a', 'b');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('trigger_chain', 1, 'trigger_visit');
INSERT INTO socialcare.kpi (code, title, polarity) VALUES ('TRG1', 'trigger test', 'high');
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('TRG1', 'england', '2024-01-01', 1);
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('TRG1', '2025-06-30', 1);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('TRG1', '2025-04-01', 1);
-- the extension's column names, other types
CREATE TABLE public.wrong_columns (name int, code int, chain int, step text, timescale int, shipped text,
                                   owner text, calendar int, kpi int, amount text, day text, after_months text);
INSERT INTO public.wrong_columns VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
GRANT ALL ON public.wrong_columns TO PUBLIC;
CREATE TABLE public.remote (a int, b text);
INSERT INTO public.remote VALUES (1, NULL);
"""


def foreign_table():
    """A foreign table public.far: postgres_fdw back to public.remote, or a handler-less wrapper."""
    have_fdw = pg.psql("SELECT 1 FROM pg_available_extensions WHERE name = 'postgres_fdw';", DB).stdout.strip()
    if have_fdw:
        host = os.environ.get("PGHOST", "/var/run/postgresql")
        port = os.environ.get("PGPORT", "5432")
        user = pg.psql("SELECT current_user;", DB).stdout.strip()
        pg.psql(f"""CREATE EXTENSION postgres_fdw;
                    CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw
                        OPTIONS (host '{host}', port '{port}', dbname '{DB}');
                    CREATE USER MAPPING FOR CURRENT_USER SERVER loopback OPTIONS (user '{user}');
                    CREATE FOREIGN TABLE public.far (a int, b text) SERVER loopback
                        OPTIONS (schema_name 'public', table_name 'remote');""", DB)
        return "postgres_fdw"
    pg.psql("""CREATE FOREIGN DATA WRAPPER no_handler;
               CREATE SERVER nowhere FOREIGN DATA WRAPPER no_handler;
               CREATE FOREIGN TABLE public.far (a int, b text) SERVER nowhere;""", DB)
    return "a wrapper without a handler"


LAST_COLUMN = {}


def dml(table, event):
    if event == "INSERT":
        return f"INSERT INTO {table} SELECT (NULL::{table}).*"
    if event == "UPDATE" and table == "pg_temp.mine":
        return "UPDATE pg_temp.mine SET b = NULL"
    if event == "UPDATE":
        if table not in LAST_COLUMN:
            LAST_COLUMN[table] = pg.psql(
                f"SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '{table}'::regclass "
                "AND attnum > 0 AND NOT attisdropped ORDER BY attnum DESC LIMIT 1;", DB).stdout.strip()
        return f"UPDATE {table} SET {LAST_COLUMN[table]} = NULL"
    if event == "DELETE":
        return f"DELETE FROM {table}"
    return f"TRUNCATE {table}" + (" CASCADE" if table.startswith("socialcare.") else "")


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def trial(fn, table, timing, level, event):
    """One DO block: attach, fire, roll back; a row of results."""
    create = (f"CREATE TRIGGER sc_wrong_way {timing} {event} ON {table} "
              f"FOR EACH {level} EXECUTE FUNCTION {fn}()")
    return f"""DO $t$
DECLARE created boolean := false;
BEGIN
  BEGIN
    EXECUTE {quote(create)};
    created := true;
    EXECUTE {quote(dml(table, event))};
    RAISE EXCEPTION 'rolled back' USING ERRCODE = 'SCOK0';
  EXCEPTION WHEN OTHERS THEN
    INSERT INTO pg_temp.results VALUES ({quote(fn)}, {quote(table)}, {quote(timing)}, {quote(level)},
                                        {quote(event)}, created, SQLSTATE, left(SQLERRM, 300));
  END;
END $t$;
"""


def legit_triggers():
    """(function, table, timing, level, event) of the triggers the extension made."""
    rows = pg.json_rows("""
        SELECT p.oid::regproc::text AS fn, t.tgrelid::regclass::text AS tbl,
               CASE WHEN t.tgtype & 2 <> 0 THEN 'BEFORE' ELSE 'AFTER' END AS timing,
               CASE WHEN t.tgtype & 1 <> 0 THEN 'ROW' ELSE 'STATEMENT' END AS level,
               t.tgtype & 4 <> 0 AS ins, t.tgtype & 16 <> 0 AS upd, t.tgtype & 8 <> 0 AS del,
               t.tgtype & 32 <> 0 AS trunc
        FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE NOT t.tgisinternal AND t.tgrelid::regclass::text LIKE 'socialcare.%'""", DB)
    legit = set()
    for r in rows:
        for event, on in (("INSERT", r["ins"]), ("UPDATE", r["upd"]), ("DELETE", r["del"]), ("TRUNCATE", r["trunc"])):
            if on:
                legit.add((r["fn"], r["tbl"], r["timing"], r["level"], event))
    return legit


def run_trials(tap, fns, targets, as_role, what):
    legit = legit_triggers()
    script = ["CREATE TEMP TABLE results (fn text, tbl text, timing text, level text, event text,"
              " created boolean, state text, msg text);",
              "GRANT ALL ON pg_temp.results TO PUBLIC;"]
    if as_role:
        script.append(f"SET ROLE {as_role};")
    if "pg_temp.mine" in targets:
        script.append("CREATE TEMP TABLE mine (a int, b text); INSERT INTO pg_temp.mine VALUES (NULL, NULL);")
    n = 0
    for fn in fns:
        for table in targets:
            for timing, level in TIMINGS:
                for event in EVENTS:
                    if (fn, table, timing, level, event) in legit:
                        continue
                    script.append(trial(fn, table, timing, level, event))
                    n += 1
    script.append("RESET ROLE;")
    script.append("SELECT coalesce(jsonb_agg(r), '[]') FROM pg_temp.results r;")
    r = pg.psql("\n".join(script), DB, check=False)
    tap.check(r.returncode == 0, f"{what}: {n} ways of attaching and firing ran without the server crashing",
              [r.stderr.strip()[-500:]])
    if r.returncode != 0:
        return
    results = json.loads(r.stdout.strip().splitlines()[-1])
    internal = [f"{x['fn']} {x['timing']} {x['event']} FOR EACH {x['level']} ON {x['tbl']}: {x['state']} {x['msg']}"
                for x in results if x["state"].startswith("XX")]
    tap.check(not internal and len(results) == n,
              f"{what}: no internal error (XX) in {len(results)} trials", internal[:20])
    return results


def main():
    tap = pg.Tap()
    pg.psql(f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DB}; DROP ROLE IF EXISTS {ROLE};",
            "postgres")
    pg.psql(f"CREATE DATABASE {DB}; CREATE ROLE {ROLE};", "postgres")
    try:
        pg.psql(SETUP, DB)
        fdw = foreign_table()
        fns = [f["qname"] for f in pg.functions(DB) if f["is_trigger"]]
        tap.check(len(fns) >= 3, f"{len(fns)} trigger functions: {', '.join(fns)}")

        # Any role, on a temporary table of its own.
        section(tap, "temporary table", lambda: refuse(
            tap, run_trials(tap, fns, ["pg_temp.mine"], ROLE, "an unprivileged role's temporary table"),
            "an unprivileged role's temporary table"))
        # A superuser, on tables with the wrong columns and a foreign table.
        for table, what in (("public.wrong_columns", "a table with the extension's column names, other types"),
                            ("public.far", f"a foreign table ({fdw})")):
            section(tap, what, lambda table=table, what=what: refuse(
                tap, run_trials(tap, fns, [table], None, what), what,
                foreign=(table == "public.far" and fdw != "postgres_fdw")))
        # The extension's own tables, every way it did not attach them.
        section(tap, "own tables", lambda: own_tables(tap, fns))
        section(tap, "reported cases", lambda: reported(tap))
        section(tap, "planted operators", lambda: planted(tap))
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE); DROP ROLE IF EXISTS {ROLE};", "postgres", check=False)
    return 1 if tap.failed else 0


def own_tables(tap, fns):
    res = run_trials(tap, fns, OWN_TABLES, None, "the extension's tables, triggers it did not make")
    if res is not None:
        wrong = [x for x in res if x["created"] and x["state"] == "SCOK0"
                 and x["fn"] != "socialcare.row_owner" and x["level"] == "ROW"]
        tap.check(not wrong, "the extension's tables: no wrongly attached row trigger lets a write through "
                  "unchecked", [f"{x['fn']} {x['timing']} {x['event']} ON {x['tbl']}" for x in wrong[:10]])


def section(tap, what, fn):
    """Run one part; should the server have crashed, say so and wait for it to come back."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 (a crash makes the next psql fail)
        tap.check(False, f"{what}: ran to the end", [str(e)[:500]])
        for _ in range(60):
            if pg.psql("SELECT 1;", DB, check=False).returncode == 0:
                break
            time.sleep(1)


def refuse(tap, results, what, foreign=False):
    """Where the trigger was created and the table had rows, it must have refused with 39P01."""
    if results is None:
        return
    fired = [x for x in results if x["created"]]
    if foreign:
        # no handler: the statement fails before any trigger fires
        bad = [x for x in fired if x["state"] == "SCOK0"]
    else:
        bad = [x for x in fired if x["state"] != "39P01"]
    tap.check(fired and not bad,
              f"{what}: each of {len(fired)} triggers PostgreSQL accepted refuses when fired (39P01)",
              [f"{x['fn']} {x['timing']} {x['event']} FOR EACH {x['level']}: {x['state']} {x['msg']}" for x in bad[:20]])


def reported(tap):
    """The crashes and internal errors issue 12 reported."""
    cases = [
        ("INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES (NULL, 1, 'icpc')", "23502",
         "a NULL chain is a not-null violation, not a crash"),
        ("INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event) "
         "VALUES (NULL, 'x', NULL, 'weeks', 'a', 'b')", "23502", "a NULL code and amount: not-null violation"),
        ("INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('x', NULL, NULL)", "23502",
         "a NULL step and timescale: not-null violation"),
        (f"SET ROLE {ROLE}; CREATE TEMP TABLE t (a int); "
         "CREATE TRIGGER p BEFORE INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION socialcare.timescale_protect(); "
         "INSERT INTO t VALUES (1)", "39P01", "timescale_protect() as a statement trigger on a temporary table"),
        (f"SET ROLE {ROLE}; CREATE TEMP TABLE t (a int); INSERT INTO t VALUES (1); "
         "CREATE TRIGGER p BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION socialcare.timescale_protect(); "
         "UPDATE t SET a = 2", "39P01", "timescale_protect() as a row trigger on a table without its columns"),
        ("SELECT socialcare.timescale_protect()", "39P01", "called directly"),
    ]
    for sql, want, what in cases:
        r = pg.psql(f"\\set VERBOSITY verbose\n{sql};", DB, check=False)
        state = ""
        for line in r.stderr.splitlines():
            if line.startswith("ERROR:"):
                state = line.split()[1].rstrip(":")
                break
        alive = pg.psql("SELECT 1;", DB, check=False).returncode == 0
        tap.check(state == want and alive, f"{what}: SQLSTATE {state or 'none'}",
                  [f"want {want}", r.stderr.strip()[:400]])


PLANTED = ["=(text,text)", "<>(text,text)", "<=(date,date)", ">=(date,date)", "<(date,date)", ">(date,date)",
           "=(oid,oid)", "=(name,name)", "=(integer,integer)", "<>(integer,integer)"]


def planted(tap):
    """The SQL the triggers and the C glue run through SPI uses no operator
    a schema earlier in search_path can shadow (CVE-2018-1058)."""
    ops = []
    for op in PLANTED:
        name, args = op.split("(")
        left, right = args.rstrip(")").split(",")
        ops.append(f"CREATE FUNCTION evil.f{len(ops)}({left}, {right}) RETURNS boolean LANGUAGE plpgsql AS "
                   f"$$BEGIN RAISE EXCEPTION 'planted operator {op} ran'; END$$;"
                   f"CREATE OPERATOR evil.{name} (LEFTARG = {left}, RIGHTARG = {right}, FUNCTION = evil.f{len(ops)});")
    r = pg.psql(f"""CREATE SCHEMA evil; {' '.join(ops)}
        SET search_path = evil, pg_catalog, socialcare;
        INSERT INTO socialcare.calendar (name) VALUES ('planted');
        INSERT INTO socialcare.calendar_day (calendar, day, name) VALUES ('planted', '2025-12-29', 'Closure');
        SELECT count(*) FROM socialcare.bank_holidays('2025-12-01', '2025-12-31', 'planted');
        INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
        VALUES ('planted_visit', 'x', 5, 'working days', 'a', 'b');
        INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('planted_chain', 1, 'planted_visit');
        UPDATE socialcare.timescale SET amount = 6 WHERE code OPERATOR(pg_catalog.=) 'planted_visit';
        INSERT INTO socialcare.kpi (code, title, polarity) VALUES ('PL1', 'x', 'high');
        INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('PL1', '2025-06-30', 1);
        UPDATE socialcare.kpi_value SET value = 2;
        DELETE FROM socialcare.calendar_day WHERE calendar OPERATOR(pg_catalog.=) 'planted';
        SELECT socialcare.chain_next_due('planted_chain', '2025-01-03', 0, NULL);""", DB, check=False)
    out = r.stdout.strip().splitlines()
    # 25 and 26 December (bank holidays) and the closure on Monday 29 December: 3 rows;
    # 6 working days from Friday 3 January 2025: Monday 13 January
    tap.check(r.returncode == 0 and out == ["3", "2025-01-13"],
              f"with {len(PLANTED)} operators planted in a schema before pg_catalog, the write checks, "
              "chain checks and user-calendar reads run and answer", [r.stderr.strip()[:500], str(out)])
    pg.psql("DROP SCHEMA evil CASCADE;", DB, check=False)


if __name__ == "__main__":
    sys.exit(main())
