#!/usr/bin/env python3
"""Bad input, systematically: every function, aggregate and window function of
the extension, enumerated from the catalog, called with hostile values of each
argument's type (NULL, infinite and extreme dates, NaN and infinite numbers,
negatives, zeros, empty and unknown names, absurd sizes and intervals).

Each call runs in its own subtransaction (rolled back, so calls have no side
effects), as its own statement under statement_timeout.  A call must finish
(no crash, no hang) with a value, NULL or an error that has a proper SQLSTATE
(not internal, class XX, or system, class 58), a message, and, for data
errors (class 22), a hint and a message or detail naming the bad value.
STRICT functions must return NULL (no rows, for set-returning ones) when an
argument is NULL (PostgreSQL's executor sees to that; the check guards the
declarations), and no call may turn finite input into NaN or infinity.  A
canary function with an internal error, a data error without hint or value,
and a NaN from finite input is added to the extension in this test's own
database; the test fails unless all its flaws are caught.

How a call is built: a baseline is found first, the first combination of
ordinary values per type (dates, counts, calendar names, strings found in the
extension's tables) that gives a value; then each argument in turn takes each
hostile value, arguments of one type take each hostile value together, and a
few seeded random combinations mix them.  Aggregates get the rows [baseline,
hostile, baseline], the hostile row alone, and no rows; moving aggregates run
in a two-row frame too; window functions get the same rows OVER (ORDER BY
row).  Trigger functions cannot be called and are skipped.

Prints TAP: one line per function.  Needs PGHOST etc. of a server where the
extension is installed (the regression database is not used: a database of
its own is created and dropped).
"""

import itertools
import json
import random
import re
import subprocess
import sys
import time
import zlib

import pg

DB = "socialcare_bad_input"
TIMEOUT = "30s"
# Documented behaviours a check would otherwise flag: (function name regex,
# SQLSTATE regex, check, reason).  Keep it short and reviewed.
ALLOW = [
    ("^socialcare\\.citus_sync_tables$", "0A000", "harness",
     "needs Citus: where it is absent (as here) every call is refused as a feature not supported"),
    ("^socialcare\\.funnel_baseline_(accum|combine)$", "00000", "nonfinite",
     "their state marks 'no centre given' with NaN; states are the aggregate's, not data"),
    ("^socialcare\\.funnel_baseline_(accum|combine)$", "22023", "naming",
     "a state made by hand whose kinds or centres clash: the error names the clash, not the array"),
    ("^socialcare\\.scorecard_html$", "22(004|023)", "naming",
     "a bad element of kpis is named (the unknown code, or NULL), not the whole array"),
]
# Baselines the search over ordinary values does not reach (a kind or a
# KPI code among several text arguments): function name -> arguments,
# taken for the forms with that many arguments.
BASELINES = {
    "socialcare.funnel_limits": ["0.3", "100", "'proportion'", "'wilson'", "1", "0"],
    "socialcare.funnel_limit": ["0.3", "100", "0.95", "'proportion'", "'wilson'", "1", "0"],
    "socialcare.funnel_curve": ["0.3", "10", "1000", "20", "'proportion'", "'wilson'", "1", "0"],
    "socialcare.funnel_significance": ["30", "100", "0.3", "'proportion'", "'wilson'", "1", "0"],
    "socialcare.funnel_side": ["30", "100", "0.3", "0.95", "'proportion'", "'wilson'", "1", "0"],
    "socialcare.funnel_z": ["30", "100", "0.3", "'proportion'"],
    "socialcare.funnel_baseline": ["30", "100", "'proportion'", "0.3"],
    "socialcare.scorecard_html": ["'2025-03-03'", "12", "ARRAY['BI1']", "false", "'Board'", "NULL", "NULL", "0", "3",
                                  "'display'", "'2025-04-01 09:00'"],
}

BIG_TEXT = "pg_catalog.repeat('x', 1000000)"
CANONICAL = {}   # (type, literal): the value's text, as an error message would show it
CANONICAL_DAY = {}   # (timestamp type, literal): its calendar day's text, which may be shown instead

# Hostile values per type (SQL expressions, cast to the type when called).
HOSTILE = {
    "date": ["'infinity'", "'-infinity'", "'4713-01-01 BC'", "'5874897-12-31'", "'0001-01-01'",
             "'294276-11-30'", "'294276-12-31'",
             "'1970-12-31'", "'1971-01-01'", "'2199-12-31'", "'2200-01-01'", "'2024-02-29'",
             "'2025-03-08'", "'2025-12-25'"],
    "timestamp without time zone": ["'infinity'", "'-infinity'", "'4713-01-01 00:00 BC'",
                                    "'294276-12-31 23:59:59.999999'", "'1970-01-01'",
                                    "'2025-03-30 01:30'"],
    "interval": ["'0'", "'-1 day'", "'-12 months'", "'1 microsecond'", "'178000000 years'",
                 "'-178000000 years'", "'2147483647 days'", "'-2147483648 days'",
                 "'2147483647 months'", "'1 month -1 day'", "'1 day -24 hours'",
                 "'12 months 1 second'", "'365 days'"],
    "smallint": ["0", "-1", "1", "32767", "-32768"],
    "integer": ["0", "-1", "1", "2147483647", "-2147483648", "1000000"],
    "bigint": ["0", "-1", "1", "9223372036854775807", "-9223372036854775808", "4294967296"],
    "numeric": ["0", "-1", "1", "'NaN'", "'Infinity'", "'-Infinity'", "0.5", "1e-1000",
                "1e1000", "-1e1000", "9223372036854775808", "0.0000000001"],
    "double precision": ["0", "'-0'", "-1", "1", "'NaN'", "'Infinity'", "'-Infinity'", "1e308",
                         "-1e308", "5e-324", "100", "0.5"],
    "real": ["0", "-1", "1", "'NaN'", "'Infinity'", "'-Infinity'", "3e38", "1e-45"],
    "text": ["''", "' '", "'no-such-name'", "'%s%n%x'", "'ENGLAND-AND-WALES'",
             "' england-and-wales '", "'é'", "E'line\\nbreak'", BIG_TEXT],
    "boolean": ["true", "false"],
    "daterange": ["'empty'", "'(,)'", "'[-infinity,infinity]'", "'[2025-01-01,2025-01-02)'",
                  "'[4713-01-01 BC,5874897-12-31]'"],
    "jsonb": ["'{}'", "'[]'", "'null'", "'\"x\"'", "'{\"a\": {\"b\": [1, 2]}}'"],
    "bytea": ["''", "'\\x00'", "'\\xdeadbeef'", "pg_catalog.decode(pg_catalog.repeat('ff', 100000), 'hex')"],
}
HOSTILE["timestamp with time zone"] = HOSTILE["timestamp without time zone"]
HOSTILE["character varying"] = HOSTILE["name"] = HOSTILE["text"]
HOSTILE["json"] = HOSTILE["jsonb"]

# Ordinary values, tried in order to find a baseline that gives a value.
ORDINARY = {
    "date": ["'2025-03-03'", "'2025-04-01'", "'2025-06-30'"],
    "timestamp without time zone": ["'2025-03-03 09:00'", "'2025-04-01 09:00'", "'2025-06-30 09:00'"],
    "interval": ["'12 months'", "'1 day'"],
    "smallint": ["10", "1"],
    "integer": ["10", "1", "0"],
    "bigint": ["10", "1", "100"],
    "numeric": ["100", "10", "1", "0.95"],
    "double precision": ["0.95", "95"],
    "real": ["0.95"],
    "text": ["'england-and-wales'", "'high'", "'low'", "'display'"],
    "boolean": ["true", "false"],
    "daterange": ["'[2025-01-01,2025-04-01)'"],
    "jsonb": ["'{}'"],
    "bytea": ["''"],
}
ORDINARY["timestamp with time zone"] = ORDINARY["timestamp without time zone"]
ORDINARY["character varying"] = ORDINARY["name"] = ORDINARY["text"]
ORDINARY["json"] = ORDINARY["jsonb"]


def array_values(elem, table):
    """Hostile or ordinary values of an array of elem, built from elem's values."""
    vals = table.get(elem, [])
    if table is not HOSTILE:   # ORDINARY, or run()'s copy of it
        return [f"ARRAY[{a}, {b}]" for a, b in zip(vals, vals[1:] + vals[:1])] or ["'{}'"]
    # two dimensions, and a lower bound not 1, of values of the element type
    shapes = (["'{{1,2},{3,4}}'", "'[5:6]={1,2}'"] if elem in ("integer", "smallint", "bigint", "numeric",
                                                                "double precision", "real") or not vals
              else [f"ARRAY[ARRAY[{vals[0]}, {vals[1 % len(vals)]}], ARRAY[{vals[0]}, {vals[1 % len(vals)]}]]",
                    f"pg_catalog.array_fill({vals[0]}::{elem}, ARRAY[2], ARRAY[5])"])
    return (["'{}'", "ARRAY[NULL]"] + shapes
            + [f"ARRAY[{v}, {v}]" for v in vals]
            + [f"ARRAY[{vals[0]}, NULL]" if vals else "'{}'",
               f"pg_catalog.array_fill({vals[0]}::{elem}, ARRAY[100000])" if vals else "'{}'"])


def values_for(typ, table, enums):
    if typ in enums:
        labels = [f"'{lab}'" for lab in enums[typ]]
        return labels if table is ORDINARY else labels + ["'no-such-label'"]
    if typ.endswith("[]"):
        return array_values(typ[:-2], table)
    if typ in ("anyelement", "anycompatible", "anynonarray"):
        return table["integer"][:3] if table is ORDINARY else table["integer"]
    if typ in ("anyarray", "anycompatiblearray"):
        return array_values("integer", table)
    return list(table.get(typ, []))


def cast(expr, typ):
    if expr == "NULL":
        return f"NULL::{typ}" if typ != "internal" else "NULL"
    if typ in ("anyelement", "anycompatible", "anynonarray"):
        return f"({expr})::integer"
    if typ in ("anyarray", "anycompatiblearray"):
        return f"({expr})::integer[]"
    return f"({expr})::{typ}"


class Call:
    """One generated call: the SQL and what to expect of it."""

    def __init__(self, fn, args, what, rows=None, varied=None):
        self.fn, self.args, self.what, self.rows = fn, args, what, rows
        self.varied = varied   # (type, literal) of the one argument that differs from the baseline
        allv = [a for row in (rows or [args]) for a in row]
        self.has_null = any(a == "NULL" for a in args) if rows is None else False
        self.nonfinite = any(re.search(r"nan|infinity", a, re.I) or "1e1000" in a or "1e308" in a
                             for a in allv)
        self.sql = build(fn, args, rows)


def arglist(fn, args):
    parts = [cast(a, t) for a, t in zip(args, fn["argtypes"])]
    if fn["variadic"] and parts:
        parts[-1] = "VARIADIC " + parts[-1]
    return ", ".join(parts)


def values_clause(fn, rows, ordinal=False):
    types = fn["argtypes"]
    body = ", ".join(
        "(" + ", ".join(([str(i)] if ordinal else []) + [cast(a, t) for a, t in zip(r, types)]) + ")"
        for i, r in enumerate(rows))
    cols = (["ord"] if ordinal else []) + [f"a{i}" for i in range(len(types))]
    if not rows:   # no rows: a VALUES row filtered out keeps the types
        src, cols = values_clause(fn, [["NULL"] * len(types)], ordinal)
        return src + " WHERE false", cols
    return f"(VALUES {body}) AS t ({', '.join(cols)})", cols


def build(fn, args, rows):
    """The statement the probe runs: one row (count, text, all NULL)."""
    q, k = fn["qname"], fn["kind"]
    if k == "p":
        return f"CALL {q}({arglist(fn, args)})"
    if k == "f":
        inner = f"SELECT {q}({arglist(fn, args)}) AS r"
    else:
        src, cols = values_clause(fn, rows, ordinal=True)
        if src.endswith(" WHERE false"):
            src, where = src[:-len(" WHERE false")], " WHERE false"
        else:
            where = ""
        a = [f"t.{c}" for c in cols[1:]]
        if k == "w":
            inner = f"SELECT {q}({', '.join(a)}) OVER (ORDER BY t.ord) AS r FROM {src}{where}"
        elif fn["aggkind"] in ("o", "h"):
            nd = fn["ndirect"]
            direct = ", ".join(cast(x, t) for x, t in zip(args[:nd], fn["argtypes"][:nd]))
            inner = (f"SELECT {q}({direct}) WITHIN GROUP (ORDER BY {', '.join(a[nd:])}) AS r "
                     f"FROM {src}{where}")
        elif rows is not None and len(rows) and args == ["__moving__"]:
            inner = (f"SELECT {q}({', '.join(a)}) OVER (ORDER BY t.ord ROWS BETWEEN 1 PRECEDING "
                     f"AND CURRENT ROW) AS r FROM {src}{where}")
        else:
            inner = f"SELECT {q}({', '.join(a)}) AS r FROM {src}{where}"
    return ("SELECT pg_catalog.count(*), pg_catalog.left(pg_catalog.string_agg(s.r::text, ' | '), 200), "
            f"pg_catalog.bool_and(s.r IS NULL) FROM ({inner}) AS s")


PROBE = r"""
SET client_min_messages = warning;
SET statement_timeout = '%s';
SET datestyle = ISO, YMD;
-- Runs a call in a subtransaction that is always rolled back, and returns
-- what happened as one JSON line: [id, sqlstate, message, detail, hint,
-- text of the result, all NULL, rows].
CREATE FUNCTION pg_temp.probe(id int, call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  st text; m text; d text; h text; res text; nulls boolean; n bigint;
BEGIN
  BEGIN
    IF call LIKE 'CALL %%' THEN
      EXECUTE call;
    ELSE
      EXECUTE call INTO n, res, nulls;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'SCOK0';
  EXCEPTION WHEN SQLSTATE 'SCOK0' THEN
    RETURN pg_catalog.json_build_array(id, '00000', NULL, NULL, NULL, res, nulls, n)::text;
  END;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL,
                          h = PG_EXCEPTION_HINT;
  RETURN pg_catalog.json_build_array(id, st, m, d, h, NULL, NULL, NULL)::text;
END $$;
""" % TIMEOUT


# The canary: a function with the flaws the test must catch, added to the
# extension in this test's own database only, so that a harness that
# stopped seeing problems fails.
CANARY_NAME = "socialcare.zz_bad_input_canary"
CANARY_FLAWS = ["internal or system error", "without a hint", "does not name the value",
                "non-finite result"]
CANARY = f"""
CREATE FUNCTION {CANARY_NAME}(d date, n integer) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF d = 'infinity' THEN RAISE EXCEPTION 'canary: internal' USING ERRCODE = 'XX000'; END IF;
  IF n = -1 THEN RAISE EXCEPTION 'canary: a bad number' USING ERRCODE = '22023'; END IF;
  IF n = 0 THEN RETURN 'NaN'; END IF;
  RETURN coalesce(n, 7);
END $$;
ALTER EXTENSION {pg.EXT} ADD FUNCTION {CANARY_NAME}(date, integer);
"""


# A small KPI catalogue: the scorecard functions give no rows on an empty
# one whatever their arguments, so no baseline would give a value and the
# hostile places, equal_within and average_months would never reach the
# code that uses them.
FIXTURES = """
INSERT INTO socialcare.kpi (code, title, polarity, target, tolerance)
VALUES ('BI1', 'bad input fixture', 'high', 50, 5);
INSERT INTO socialcare.kpi_value (kpi, month, value)
SELECT 'BI1', m, 40 + pg_catalog.date_part('month', m)::numeric / 3
FROM socialcare.month_ends('2023-01-01', '2025-12-31') AS m;
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label)
VALUES ('BI1', 'england', '2020-01-01', 45.5, NULL), ('BI1', 'region', '2024-04-01', 44, 'Region');
INSERT INTO socialcare.kpi_target (kpi, valid_from, target, tolerance) VALUES ('BI1', '2024-04-01', 42, 1);
"""


def wait_for_server():
    for _ in range(60):
        if pg.psql("SELECT 1", DB, check=False).returncode == 0:
            return True
        time.sleep(1)
    return False


def run_batch(sqls, preamble=""):
    """Run each SQL through the probe; {index: result}, and {index: failure}
    for calls that crashed the backend or hit the timeout."""
    results, failures, start = {}, {}, 0
    while start < len(sqls):
        script = PROBE + preamble + "".join(
            f"SELECT pg_temp.probe({i}, {dollar(s)});\n" for i, s in enumerate(sqls) if i >= start)
        r = subprocess.run(pg.PSQL[:-1] + ["ON_ERROR_STOP=0", "-d", DB], input=script,
                           capture_output=True, text=True)
        for line in r.stdout.splitlines():
            row = json.loads(line)
            results[row[0]] = row
        missing = [i for i in range(start, len(sqls)) if i not in results and i not in failures]
        if not missing:
            break
        lost = "connection to server was lost" in r.stderr or "terminated abnormally" in r.stderr
        if lost:
            failures[missing[0]] = "the backend crashed: " + r.stderr.strip()[-300:]
            start = missing[0] + 1
            if not wait_for_server():
                for i in missing[1:]:
                    failures[i] = "server did not come back after a crash"
                break
        else:
            for i in missing:
                failures[i] = "no result: " + (
                    "statement timeout (a hang)" if "statement timeout" in r.stderr
                    else r.stderr.strip()[-300:])
            break
    return results, failures


def dollar(s):
    tag = "$q$"
    while tag in s:
        tag = tag[:-1] + "q$"
    return f"{tag}{s}{tag}"


def main():
    tap = pg.Tap()
    pg.psql(f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DB};", "postgres")
    pg.psql(f"CREATE DATABASE {DB};", "postgres")
    try:
        pg.psql(f"CREATE EXTENSION {pg.EXT};" + CANARY, DB)
        run(tap)
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB};", "postgres", check=False)
    return 1 if tap.failed else 0


def run(tap):
    fns = pg.functions(DB)
    enums = {r["typ"]: r["labels"] for r in pg.json_rows(
        "SELECT t.oid::regtype::text AS typ, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels "
        "FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY 1", DB)}
    strings = shipped_strings()
    pg.psql(FIXTURES, DB)   # after: its strings must not crowd out the shipped ones
    ordinary = dict(ORDINARY)
    ordinary["text"] = ORDINARY["text"] + [s for s in strings if s not in ORDINARY["text"]][:20]
    for t in ("character varying", "name"):
        ordinary[t] = ordinary["text"]
    callable_fns, skipped = [], []
    for fn in fns:
        if fn["is_trigger"]:
            skipped.append(f"{fn['sig']}: trigger function")
        else:
            callable_fns.append(fn)

    # Every literal must be valid for its type, or a failed cast would be
    # blamed on the function.
    lits = sorted({(t, v) for fn in callable_fns for t in fn["argtypes"]
                   for v in values_for(t, HOSTILE, enums) + values_for(t, ordinary, enums)})
    res, _ = run_batch([f"SELECT pg_catalog.count(*), pg_catalog.max(s.v::text), NULL::boolean FROM "
                        f"(SELECT {cast(v, t)} AS v) AS s" for t, v in lits])
    valid = {lit for i, lit in enumerate(lits) if res.get(i, [0, "?"])[1] == "00000"}
    CANONICAL.update({lit: res[i][5] for i, lit in enumerate(lits) if lit in valid})
    # A timestamp given where a date goes counts as its calendar day (issue
    # 14): an error may name the day instead.
    day_lits = [lit for lit in lits if lit in valid and lit[0].startswith("timestamp")]
    day_res, _ = run_batch([f"SELECT pg_catalog.count(*), pg_catalog.max(s.v::pg_catalog.date::text), NULL::boolean "
                            f"FROM (SELECT {cast(v, t)} AS v) AS s" for t, v in day_lits])
    CANONICAL_DAY.update({lit: day_res[i][5] for i, lit in enumerate(day_lits) if day_res.get(i, [0, "?"])[1] == "00000"})
    bad_lits = [f"{t} {v}" for i, (t, v) in enumerate(lits) if (t, v) not in valid]
    tap.check(not bad_lits, f"{len(valid)} hostile and ordinary literals are valid values",
              bad_lits)

    def vals(t, table):
        return [v for v in values_for(t, table, enums) if (t, v) in valid]

    # Baselines: the first combination of ordinary values that gives a value.
    trials = []
    for fn in callable_fns:
        given = BASELINES.get(fn["qname"])
        if given is not None and len(fn["argtypes"]) <= len(given):
            trials.append((fn["oid"], given[:len(fn["argtypes"])]))
        cands = [vals(t, ordinary) or ["NULL"] for t in fn["argtypes"]]
        for combo in itertools.islice(itertools.product(*cands), 48):
            trials.append((fn["oid"], list(combo)))
    tcalls = [aggregate_or_call(fn_by_oid(callable_fns, o), a, "baseline") for o, a in trials]
    res, fails = run_batch([c.sql for c in tcalls])
    baseline, base_ok = {}, {}
    for i, (o, a) in enumerate(trials):
        r = res.get(i)
        good = r is not None and r[1] == "00000"
        nonnull = good and r[6] is False and (r[7] or 0) > 0
        if o not in baseline or (nonnull and not base_ok.get(o)):
            if o not in baseline or nonnull:
                baseline[o], base_ok[o] = a, nonnull
    support_baselines(callable_fns, baseline, base_ok, vals, ordinary)
    name_baselines(callable_fns, baseline, base_ok, vals, ordinary)
    calls = []
    for fn in callable_fns:
        calls.extend(hostile_calls(fn, baseline[fn["oid"]], vals))
    res, fails = run_batch([c.sql for c in calls])

    alive = pg.psql("SELECT 1", DB, check=False).returncode == 0
    by_fn = {}
    for i, c in enumerate(calls):
        by_fn.setdefault(c.fn["oid"], []).append((c, res.get(i), fails.get(i)))
    for fn in callable_fns:
        problems, tally = [], {"value": 0, "NULL": 0, "error": 0}
        for c, r, f in by_fn.get(fn["oid"], []):
            for p in judge(fn, c, r, f, tally):
                problems.append(f"{c.what}: {p[:200]}\n#   {c.sql[:400]}")
        if fn["qname"] == CANARY_NAME:
            caught = {k: any(k in p for p in problems) for k in CANARY_FLAWS}
            tap.check(all(caught.values()), f"the canary's flaws are all caught: {caught}", problems)
            continue
        note = "" if base_ok.get(fn["oid"]) else " (no baseline gave a value)"
        tap.check(not problems,
                  f"{fn['sig']}: {sum(tally.values())} hostile calls, {tally['value']} values, "
                  f"{tally['NULL']} NULL, {tally['error']} clear errors{note}", problems[:12])
    tap.check(alive, "the server survived every call")
    for s in skipped:
        print(f"ok {tap.n + 1} - # SKIP {s}")
        tap.n += 1


# An aggregate's support functions (transition, combine, final...) with
# its transition type, from the catalog.
SUPPORT = """
    SELECT a.aggfnoid::oid::int AS agg, pg_catalog.format_type(a.aggtranstype, NULL) AS stype,
           a.agginitval AS initval, a.aggtransfn::oid::int AS transfn,
           ARRAY[a.aggtransfn, a.aggcombinefn, a.aggfinalfn, a.aggmtransfn, a.aggminvtransfn,
                 a.aggmfinalfn]::oid[]::int[] AS support
    FROM pg_catalog.pg_aggregate a
    WHERE a.aggfnoid IN ({members}) AND a.aggtranstype <> 'pg_catalog.internal'::pg_catalog.regtype
"""


def support_baselines(fns, baseline, base_ok, vals, ordinary):
    """Baselines for aggregate support functions that found none: their state
    arguments take the state the aggregate's own transition function makes
    from the aggregate's baseline row (ordinary values are no valid state of
    a structured state array)."""
    by_oid = {f["oid"]: f for f in fns}
    states = {}   # support function oid: {state type: [state expressions]}
    for a in pg.json_rows(SUPPORT.format(members=pg.members("pg_catalog.pg_proc")), DB):
        agg, trans = by_oid.get(a["agg"]), by_oid.get(a["transfn"])
        if agg is None or trans is None or not base_ok.get(agg["oid"]):
            continue
        init = "NULL" if a["initval"] is None else "'" + a["initval"].replace("'", "''") + "'"
        expr = f"{trans['qname']}({cast(init, a['stype'])}, {arglist(agg, baseline[agg['oid']])})"
        for oid in a["support"]:
            states.setdefault(oid, {}).setdefault(a["stype"], []).append(expr)
    trials = []
    for fn in fns:
        if fn["oid"] not in states or base_ok.get(fn["oid"]):
            continue
        cands = [states[fn["oid"]].get(t, []) + (vals(t, ordinary) or ["NULL"]) for t in fn["argtypes"]]
        for combo in itertools.islice(itertools.product(*cands), 48):
            trials.append((fn, list(combo)))
    res, _ = run_batch([Call(fn, a, "baseline").sql for fn, a in trials])
    for i, (fn, a) in enumerate(trials):
        r = res.get(i)
        if r is not None and r[1] == "00000" and r[6] is False and not base_ok.get(fn["oid"]):
            baseline[fn["oid"]], base_ok[fn["oid"]] = a, True


NAME_TYPES = ("text", "character varying", "name")


def name_baselines(fns, baseline, base_ok, vals, ordinary):
    """Baselines for functions that still have none and take names (a
    timescale or chain code, a calendar): every name, with the first
    ordinary value of the other arguments (the first 48 combinations of
    the first pass reach only a few names)."""
    trials = []
    for fn in fns:
        if base_ok.get(fn["oid"]) or not any(t in NAME_TYPES for t in fn["argtypes"]):
            continue
        cands = [(vals(t, ordinary) if t in NAME_TYPES else vals(t, ordinary)[:1]) or ["NULL"]
                 for t in fn["argtypes"]]
        for combo in itertools.islice(itertools.product(*cands), 1000):
            trials.append((fn, list(combo)))
    res, _ = run_batch([aggregate_or_call(fn, a, "baseline").sql for fn, a in trials])
    for i, (fn, a) in enumerate(trials):
        r = res.get(i)
        if (r is not None and r[1] == "00000" and r[6] is False and (r[7] or 0) > 0
                and not base_ok.get(fn["oid"])):
            baseline[fn["oid"]], base_ok[fn["oid"]] = a, True


def fn_by_oid(fns, oid):
    return next(f for f in fns if f["oid"] == oid)


def aggregate_or_call(fn, args, what):
    if fn["kind"] in ("a", "w"):
        return Call(fn, args, what, rows=[args])
    return Call(fn, args, what)


def hostile_calls(fn, base, vals):
    types = fn["argtypes"]
    calls = []
    tuples = [("all NULL", ["NULL"] * len(types))]
    varied = {}
    for i, t in enumerate(types):
        for v in ["NULL"] + vals(t, HOSTILE):
            what = f"argument {i + 1} ({t}) = {v[:40]}"
            varied[what] = (t, v)
            tuples.append((what, base[:i] + [v] + base[i + 1:]))
    for t in sorted(set(types)):
        idx = [i for i, x in enumerate(types) if x == t]
        if len(idx) > 1:
            for v in vals(t, HOSTILE):
                tuples.append((f"every {t} argument = {v[:40]}",
                               [v if i in idx else b for i, b in enumerate(base)]))
    rng = random.Random(zlib.crc32(fn["sig"].encode()))
    pools = [["NULL"] + vals(t, HOSTILE) + [b] for t, b in zip(types, base)]
    for _ in range(16 if types else 0):
        tuples.append(("random mix", [rng.choice(p) for p in pools]))
    for what, args in tuples:
        if fn["kind"] == "f" or fn["kind"] == "p":
            calls.append(Call(fn, args, what, varied=varied.get(what)))
        else:
            if fn["aggkind"] in ("o", "h"):
                calls.append(Call(fn, args, what, rows=[base, args, base]))
                continue
            calls.append(Call(fn, args, what + ", rows [baseline, this, baseline]",
                              rows=[base, args, base]))
            calls.append(Call(fn, args, what + ", this row alone", rows=[args]))
            if fn["kind"] == "a" and fn["mtransfn"] != "-":
                c = Call(fn, ["__moving__"], what + ", moving frame of 2 rows",
                         rows=[base, args, base, args])
                calls.append(c)
    if fn["kind"] in ("a", "w"):
        calls.append(Call(fn, base, "no rows", rows=[]))
    return calls


def allowed(fn, state, check):
    name = fn["qname"]
    return any(re.search(n, name) and re.fullmatch(s, state or "") and ch == check
               for n, s, ch, _ in ALLOW)


def judge(fn, c, r, failure, tally):
    """The problems with one call's result (empty when it is fine)."""
    if failure:
        return [failure]
    _, state, msg, detail, hint, text, allnull, nrows = r
    if state != "00000":
        tally["error"] += 1
        out = []
        if state[:2] in ("XX", "58"):
            out.append(f"internal or system error {state}: {msg}")
        if state in ("42883", "42725", "42804", "42809", "0A000", "42P18") and not allowed(fn, state, "harness"):
            out.append(f"the generated call is wrong ({state}: {msg}): fix the test")
        if not msg:
            out.append(f"error {state} without a message")
        if state.startswith("22") and not hint and not allowed(fn, state, "hint"):
            out.append(f"data error {state} without a hint: {msg}")
        shown = CANONICAL.get(c.varied or ("", ""))
        day = CANONICAL_DAY.get(c.varied or ("", ""))
        if (state.startswith("22") and shown and len(shown) <= 60 and c.varied[1] != "NULL"
                and shown not in f"{msg} {detail}" and not (day and day in f"{msg} {detail}")
                and not allowed(fn, state, "naming")):
            out.append(f"data error {state} does not name the value {shown!r}: {msg}")
        return out
    if allnull or nrows == 0:
        tally["NULL"] += 1
    else:
        tally["value"] += 1
    out = []
    if fn["strict"] and fn["kind"] == "f" and c.has_null and not (allnull or nrows == 0):
        out.append(f"STRICT, but NULL input gave {text!r}")
    if text and re.search(r"\b(NaN|-?Infinity|-?infinity)\b", text) and not c.nonfinite \
            and not allowed(fn, state, "nonfinite"):
        out.append(f"finite input gave a non-finite result: {text!r}")
    return out


def shipped_strings():
    """Short text values in the extension's tables (names of calendars, KPI codes...)."""
    out = []
    for t in pg.tables(DB):
        cols = pg.json_rows(
            f"SELECT attname FROM pg_attribute WHERE attrelid = {t['oid']} AND attnum > 0 "
            "AND NOT attisdropped AND atttypid IN ('text'::regtype, 'varchar'::regtype, 'name'::regtype)", DB)
        for col in cols:
            q = (f"SELECT DISTINCT {quote_ident(col['attname'])}::text AS v FROM {t['qname']} "
                 f"WHERE length({quote_ident(col['attname'])}::text) BETWEEN 1 AND 40 LIMIT 10")
            out += ["'" + r["v"].replace("'", "''") + "'" for r in pg.json_rows(q, DB)]
    return out


def quote_ident(s):
    return '"' + s.replace('"', '""') + '"'


if __name__ == "__main__":
    sys.exit(main())
