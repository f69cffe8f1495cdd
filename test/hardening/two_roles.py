#!/usr/bin/env python3
"""Two roles (and more) sharing one database: one role's rows never break
another role's calls, nor let it change the other's rows.

The database is owned by a role without superuser that installs the
extension itself (a trusted install), as a council's DBA would; roles A
and B are ordinary roles, A_MEMBER a member of A.

- A's chain with a step 2 and no step 1 is refused (at commit), and B's
  due_date, on_time and chain_next_due still answer; a chain left broken
  (0.2.0 did not check chains) fails only calls naming it.
- A's chain cannot use B's timescale, so B can always delete its own; A
  cannot add steps to B's chain.
- B cannot change A's rows in any of the eight tables with owners (its
  updates and deletes skip them, writing one in A's name is an error);
  A's member can, and so can the database owner who installed the
  extension.
- A role dropped and created again under the same name owns nothing of
  the old one's rows.

Prints TAP.  Needs PGHOST etc. of a server where PGUSER is a superuser.
"""

import sys

import pg

DB = "socialcare_two_roles"
OWNER = "regress_sc_2r_dbowner"
A = "regress_sc_2r_a"
B = "regress_sc_2r_b"
C = "regress_sc_2r_c"
A_MEMBER = "regress_sc_2r_a_member"
ROLES = [OWNER, A_MEMBER, A, B, C]

# Every table with an owner, a row of A's in each, and what B tries.
A_ROWS = f"""
SET ROLE {A};
INSERT INTO socialcare.calendar (name) VALUES ('a-cal');
INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('a-cal', '2025-12-29');
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('a_visit', 'A''s visit', 10, 'working days', 'visit', 'visit');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('a_chain', 1, 'a_visit');
INSERT INTO socialcare.kpi (code, title, polarity, target) VALUES ('A1', 'A''s KPI', 'high', 80);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('A1', 'england', '2024-01-01', 75);
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('A1', '2025-06-30', 81.5);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('A1', '2025-04-01', 85);
RESET ROLE;
"""
TABLES = {
    "calendar": "name = 'a-cal'",
    "calendar_day": "calendar = 'a-cal'",
    "timescale": "code = 'a_visit'",
    "timescale_chain": "chain = 'a_chain'",
    "kpi": "code = 'A1'",
    "kpi_comparator": "kpi = 'A1'",
    "kpi_value": "kpi = 'A1'",
    "kpi_target": "kpi = 'A1'",
}
# B's calls, with the answers computed by hand: 15 working days from
# Friday 3 January 2025 is Friday 24 January; 24 January is on time,
# 27 January is not; lac_review's first review is due 20 working days
# after Monday 6 January 2025: Monday 3 February.
B_CALLS = ("SELECT socialcare.due_date('icpc', '2025-01-03') || ' ' || "
           "socialcare.on_time('icpc', '2025-01-03', '2025-01-24') || ' ' || "
           "socialcare.on_time('icpc', '2025-01-03', '2025-01-27') || ' ' || "
           "socialcare.chain_next_due('lac_review', '2025-01-06', 0, NULL)")
B_ANSWER = "2025-01-24 true false 2025-02-03"


def run(sql, role=None, check=False):
    pre = f"SET ROLE {role};\n" if role else ""
    return pg.psql(pre + sql, DB, check=check)


def state(r):
    """SQLSTATE of the first error (VERBOSITY verbose), or '' on success."""
    for line in r.stderr.splitlines():
        if line.startswith("ERROR:"):
            return line.split()[1].rstrip(":")
    return ""


def verbose(sql, role=None):
    return run("\\set VERBOSITY verbose\n" + sql, role)


def contents():
    """A's rows of each table, as text, in one query."""
    sql = " UNION ALL ".join(
        f"SELECT '{t}', coalesce(string_agg(x::text, ';' ORDER BY x::text), '') FROM socialcare.{t} x WHERE {where}"
        for t, where in TABLES.items())
    return {r["t"]: r["v"] for r in pg.json_rows(f"SELECT q.* FROM ({sql}) AS q (t, v)", DB)}


def main():
    tap = pg.Tap()
    drop = "SET client_min_messages = warning; DROP DATABASE IF EXISTS " + DB + ";" + \
        "".join(f"DROP ROLE IF EXISTS {r};" for r in ROLES)
    pg.psql(drop, "postgres")
    pg.psql(f"CREATE ROLE {OWNER}; CREATE ROLE {A}; CREATE ROLE {B}; CREATE ROLE {C};"
            f"CREATE ROLE {A_MEMBER} IN ROLE {A}; CREATE DATABASE {DB} OWNER {OWNER};", "postgres")
    try:
        r = run(f"CREATE EXTENSION {pg.EXT};", OWNER)
        tap.check(r.returncode == 0, "the database owner, not a superuser, installs the extension",
                  [r.stderr.strip()])
        pg.psql(A_ROWS, DB)
        broken_chains(tap)
        cross_owner(tap)
        other_roles_rows(tap)
        dropped_role(tap)
        upgrade(tap)
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE);" + "".join(f"DROP ROLE IF EXISTS {r};" for r in ROLES),
                "postgres", check=False)
    return 1 if tap.failed else 0


def b_calls(tap, what):
    r = run(B_CALLS + ";", B)
    tap.check(r.returncode == 0 and r.stdout.strip() == B_ANSWER, f"{what}: B's calls answer {B_ANSWER}",
              [r.stdout.strip(), r.stderr.strip()])


def broken_chains(tap):
    b_calls(tap, "before A's broken chain")
    r = verbose("INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('a_gappy', 2, 'icpc');", A)
    tap.check(state(r) == "22023", f"A's chain with a step 2 and no step 1 is refused at commit ({state(r)})",
              [r.stderr.strip()])
    b_calls(tap, "after A's broken chain")
    r = run("""BEGIN;
               INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('a_two', 2, 'icpc');
               INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('a_two', 1, 'icpc');
               COMMIT;
               SELECT socialcare.chain_next_due('a_two', '2025-01-03', 1, '2025-01-24');""", A)
    # step 2 of a_two: 15 working days after Friday 24 January: Friday 14 February
    tap.check(r.returncode == 0 and r.stdout.strip() == "2025-02-14",
              "A's chain written step 2 first, step 1 next, in one transaction: accepted and used",
              [r.stdout.strip(), r.stderr.strip()])
    # A chain 0.2.0 let in unchecked: written behind the check's back.
    pg.psql("""ALTER TABLE socialcare.timescale_chain DISABLE TRIGGER chain_check;
               INSERT INTO socialcare.timescale_chain (chain, step, timescale, owner)
               VALUES ('a_legacy', 2, 'icpc', '""" + A + """');
               ALTER TABLE socialcare.timescale_chain ENABLE TRIGGER chain_check;""", DB, check=False)
    b_calls(tap, "with a broken chain left from 0.2.0")
    r = verbose("SELECT socialcare.chain_next_due('a_legacy', '2025-01-03', 0, NULL);", B)
    tap.check(state(r) == "22023" and "has no step 1" in r.stderr,
              "a call naming the broken chain fails, with its own message", [r.stderr.strip()])
    r = run("DELETE FROM socialcare.timescale_chain WHERE chain = 'a_legacy';", A)
    tap.check(r.returncode == 0, "A can delete its broken chain", [r.stderr.strip()])


def cross_owner(tap):
    run(f"""INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
            VALUES ('b_visit', 'B''s visit', 5, 'working days', 'visit', 'visit');
            INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('b_chain', 1, 'b_visit');""",
        B, check=True)
    r = verbose("INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('a_uses_b', 1, 'b_visit');", A)
    tap.check(state(r) == "42501", f"A's chain cannot use B's timescale ({state(r)})", [r.stderr.strip()])
    r = verbose("UPDATE socialcare.timescale_chain SET timescale = 'b_visit' WHERE chain = 'a_chain';", A)
    tap.check(state(r) == "42501", f"nor can A's chain be changed to use it ({state(r)})", [r.stderr.strip()])
    r = verbose(f"INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('b_chain', 2, 'icpc');", A)
    tap.check(state(r) == "42501", f"A cannot add a step to B's chain ({state(r)})", [r.stderr.strip()])
    r = verbose("UPDATE socialcare.timescale SET owner = '" + A + "' WHERE code = 'b_visit';", B)
    tap.check(state(r) == "42501", f"B cannot hand its timescale to A while its own chain uses it ({state(r)})",
              [r.stderr.strip()])
    r = run("""DELETE FROM socialcare.timescale_chain WHERE chain = 'b_chain';
               DELETE FROM socialcare.timescale WHERE code = 'b_visit';
               SELECT count(*) FROM socialcare.timescale WHERE code = 'b_visit';""", B)
    tap.check(r.returncode == 0 and r.stdout.strip() == "0", "B deletes its own chain and timescale",
              [r.stdout.strip(), r.stderr.strip()])


def other_roles_rows(tap):
    before = contents()
    tap.check(all(before.values()), "A has a row in each of the 8 tables with owners",
              [f"{t}: {v!r}" for t, v in before.items() if not v])
    for t, where in TABLES.items():
        cols = pg.psql(f"SELECT string_agg(quote_ident(attname) || ' = ' || quote_ident(attname), ', ') "
                       f"FROM pg_attribute WHERE attrelid = 'socialcare.{t}'::regclass AND attnum > 0 "
                       "AND NOT attisdropped;", DB).stdout.strip()
        outcomes = []
        for sql in (f"UPDATE socialcare.{t} SET {cols} WHERE {where}", f"DELETE FROM socialcare.{t} WHERE {where}",
                    f"DELETE FROM socialcare.{t}"):
            r = verbose(sql + ";", B)
            outcomes.append(state(r) or r.stdout.strip() or "0 rows")
        tap.check(contents()[t] == before[t], f"B's updates and deletes leave A's rows of {t} as they were",
                  outcomes)
    writes = [
        ("a calendar in A's name", f"INSERT INTO socialcare.calendar (name, owner) VALUES ('b-spoof', '{A}')"),
        ("a day of A's calendar", "INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('a-cal', '2025-12-30')"),
        ("a timescale in A's name", "INSERT INTO socialcare.timescale (code, description, amount, unit, from_event,"
         f" to_event, owner) VALUES ('b_spoof', 'x', 1, 'weeks', 'a', 'b', '{A}')"),
        ("a chain in A's name", "INSERT INTO socialcare.timescale_chain (chain, step, timescale, owner) "
         f"VALUES ('b_spoof', 1, 'icpc', '{A}')"),
        ("a KPI in A's name", f"INSERT INTO socialcare.kpi (code, title, polarity, owner) VALUES ('B9', 'x', 'low', '{A}')"),
        ("a comparator of A's KPI", "INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) "
         "VALUES ('A1', 'region', '2024-01-01', 1)"),
        ("a value of A's KPI", "INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('A1', '2025-07-31', 1)"),
        ("a target of A's KPI", "INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('A1', '2026-04-01', 1)"),
    ]
    for what, sql in writes:
        r = verbose(sql + ";", B)
        tap.check(state(r) == "42501", f"B cannot write {what} ({state(r)})", [r.stderr.strip()])
    r = run("""UPDATE socialcare.calendar SET weekmask = '1111110' WHERE name = 'a-cal';
               UPDATE socialcare.kpi_value SET value = 82 WHERE kpi = 'A1';
               UPDATE socialcare.timescale SET amount = 11 WHERE code = 'a_visit';
               SELECT (SELECT weekmask FROM socialcare.calendar WHERE name = 'a-cal') || ' ' ||
                      (SELECT value FROM socialcare.kpi_value WHERE kpi = 'A1') || ' ' ||
                      socialcare.due_date('a_visit', '2025-01-03');""", A_MEMBER)
    # 11 working days from Friday 3 January 2025: Monday 20 January
    tap.check(r.returncode == 0 and r.stdout.strip() == "1111110 82 2025-01-20",
              "a member of A changes A's rows, and the functions use them at once", [r.stdout.strip(), r.stderr.strip()])
    r = run("""UPDATE socialcare.kpi_target SET target = 90 WHERE kpi = 'A1';
               UPDATE socialcare.calendar_day SET name = 'Owner''s fix' WHERE calendar = 'a-cal';
               SELECT (SELECT target FROM socialcare.kpi_target WHERE kpi = 'A1') || ' ' ||
                      (SELECT name FROM socialcare.calendar_day WHERE calendar = 'a-cal');""", OWNER)
    tap.check(r.returncode == 0 and r.stdout.strip() == "90 Owner's fix",
              "the database owner who installed the extension manages every role's rows",
              [r.stdout.strip(), r.stderr.strip()])


def dropped_role(tap):
    run("INSERT INTO socialcare.calendar (name) VALUES ('c-cal');"
        "INSERT INTO socialcare.kpi (code, title, polarity) VALUES ('C1', 'C''s KPI', 'low');", C, check=True)
    pg.psql(f"DROP ROLE {C}; CREATE ROLE {C};", DB)
    r = verbose("""UPDATE socialcare.calendar SET weekmask = '1000000' WHERE name = 'c-cal';
               DELETE FROM socialcare.kpi WHERE code = 'C1';
               INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('c-cal', '2025-12-30');""", C)
    after = pg.psql("SELECT (SELECT weekmask FROM socialcare.calendar WHERE name = 'c-cal') || ' ' || "
                    "(SELECT count(*) FROM socialcare.kpi WHERE code = 'C1') || ' ' || "
                    "(SELECT count(*) FROM socialcare.calendar_day WHERE calendar = 'c-cal');",
                    DB).stdout.strip()
    tap.check(after == "1111100 1 0" and state(r) == "42501",
              "a new role with a dropped role's name owns none of its rows (nor can add days to its calendar)",
              [after, r.stderr.strip()])
    shown = pg.psql("SELECT owner FROM socialcare.calendars WHERE name = 'c-cal';", DB).stdout.strip()
    tap.check(shown.startswith("unknown (OID="), f"the calendars view shows the dropped owner as {shown}")


def upgrade(tap):
    """ALTER EXTENSION UPDATE from 0.2.0 (owner a bare name) with rows of a
    dropped role, of a role whose name needs quoting and a chain 0.2.0 let
    in with no step 1: the first go to the extension's owner (a warning
    names them), the others keep their role, the broken chain fails only
    calls naming it."""
    old = pg.psql("SELECT 1 FROM pg_available_extension_versions WHERE name = 'socialcare' AND version = '0.2.0';",
                  "postgres").stdout.strip()
    if not old:
        tap.check(False, "0.2.0 is installed, to update from")
        return
    db = DB + "_upgrade"
    mixed = 'Regress SC 2r Mixed'
    pg.psql(f'SET client_min_messages = warning; DROP DATABASE IF EXISTS {db}; DROP ROLE IF EXISTS "{mixed}";'
            f'CREATE DATABASE {db} OWNER {OWNER}; CREATE ROLE "{mixed}"; CREATE ROLE regress_sc_2r_gone;', "postgres")
    try:
        pg.psql(f"""SET ROLE {OWNER};
            CREATE EXTENSION socialcare VERSION '0.2.0';
            RESET ROLE;
            INSERT INTO socialcare.calendar (name, owner) VALUES ('gone-cal', 'regress_sc_2r_gone'), ('mixed-cal', '{mixed}');
            INSERT INTO socialcare.kpi (code, title, polarity, owner) VALUES ('G1', 'x', 'low', 'regress_sc_2r_gone');
            INSERT INTO socialcare.timescale_chain (chain, step, timescale, owner) VALUES ('g_broken', 2, 'icpc', '{A}');
            DROP ROLE regress_sc_2r_gone;""", db)
        r = pg.psql(f"SET ROLE {OWNER}; ALTER EXTENSION socialcare UPDATE TO '0.3.0';", db, check=False)
        tap.check(r.returncode == 0 and "WARNING:  socialcare.calendar: 1 rows of roles that no longer exist" in r.stderr,
                  "the database owner updates from 0.2.0; a warning names a dropped role's rows", [r.stderr.strip()])
        got = pg.psql("SELECT string_agg(name || '=' || owner::text, ',' ORDER BY name) FROM socialcare.calendar;"
                      "SELECT string_agg(code || '=' || owner::text, ',') FROM socialcare.kpi;"
                      "SELECT socialcare.due_date('icpc', '2025-01-03');", db, check=False)
        want = f'gone-cal={OWNER},mixed-cal="{mixed}"\nG1={OWNER}\n2025-01-24'
        tap.check(got.stdout.strip() == want,
                  "after the update: the dropped role's rows are the extension owner's, the quoted name kept, "
                  "and a broken chain breaks no other call", [got.stdout.strip(), got.stderr.strip()])
    finally:
        pg.psql(f'DROP DATABASE IF EXISTS {db} WITH (FORCE); DROP ROLE IF EXISTS "{mixed}";'
                'DROP ROLE IF EXISTS regress_sc_2r_gone;', "postgres", check=False)


if __name__ == "__main__":
    sys.exit(main())
