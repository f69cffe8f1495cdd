#!/usr/bin/env python3
"""Every aggregate of the extension, enumerated from the catalog, gives
identical results with a forced parallel plan (the plan must show a Partial
Aggregate) and without: over the whole table and by group.  Each aggregate
must be PARALLEL SAFE with a combine function, and serial and deserial
functions when its state is internal (Citus and parallel query both need
them to ship partial states).

The table has ROWS rows; each argument takes a column of its type with
varied values and some NULLs, except text arguments, which take the first
ordinary value (a calendar name, a polarity...) for which the aggregate
works on one row; when the aggregate refuses that, arguments that must be
the same on every row (a reporting period, a window) are held constant
(see arguments()).  Prints TAP.
"""

import itertools
import sys

import bad_input as bi
import pg

DB = "socialcare_parallel_aggregates"
# Aggregates whose result depends on the order of their input rows, with
# the reason.  Without ORDER BY, the order is whatever the plan gives, and
# a parallel plan's workers hand in their partial states in any order, so
# "parallel equals serial" cannot hold (no more than for string_agg).  For
# these the test checks instead: the same symbols in another order (no row
# lost or counted twice, the same scale); with ORDER BY, the same result
# (PostgreSQL does not partial-aggregate then); the combine function keeps
# the first state's rows before the second's (final(combine(A, B)) is the
# aggregate over A then B, not B then A); and that the aggregate really is
# order-sensitive, so an entry here cannot hide a plain aggregate.
ORDER_SENSITIVE = {
    "socialcare.sparkline": "one bar a value, in input order: sparkline(value ORDER BY month)",
}
# Aggregates of a series, one row per point: a date given twice is an
# error, so their date argument is c_day (one day a row, never NULL), their
# first double precision a column, the options after it constants.
SERIES = {"socialcare.spc": ["d.c_day", "d.c_{float8}", "'high'::text", "50::double precision"]}
# funnel_baseline's kind is a name no ordinary text is: its units are the
# rows (numerator x of denominator x + 1: c_float8 is 0 on some rows), the
# kind and centre constants.
SERIES["socialcare.funnel_baseline"] = ["d.c_{float8}", "(d.c_{float8} + 1)", "'proportion'::text",
                                        "0.5::double precision"]
ROWS = 300000
GROUPS = 7

# A column of each type from i, the row number (NULL every 11th row).
COLUMN = {
    "boolean": "i % 3 = 0",
    "smallint": "(i % 1000)::smallint",
    "integer": "(i % 100000)::integer",
    "bigint": "(i::bigint * 7919 % 1000003)",
    "numeric": "(i::bigint * 7919 % 100003)::numeric / 100",
    "double precision": "(i::bigint * 7919 % 100003)::float8 / 8",
    "real": "(i::bigint * 7919 % 1003)::float4 / 4",
    "date": "date '2015-01-01' + (i::bigint * 7919 % 4000)::int",
    "timestamp without time zone": "timestamp '2015-01-01' + (i::bigint * 7919 % 4000) * interval '1 hour'",
    "timestamp with time zone": "timestamptz '2015-01-01' + (i::bigint * 7919 % 4000) * interval '1 hour'",
    "interval": "(i % 400) * interval '1 day'",
}


def main():
    tap = pg.Tap()
    bi.DB = DB
    pg.psql(f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DB};", "postgres")
    pg.psql(f"CREATE DATABASE {DB};", "postgres")
    try:
        pg.psql(f"CREATE EXTENSION {pg.EXT};", DB)
        run(tap)
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB};", "postgres", check=False)
    return 1 if tap.failed else 0


def run(tap):
    aggs = [f for f in pg.functions(DB) if f["kind"] == "a"]
    info = {r["oid"]: r for r in pg.json_rows(
        "SELECT aggfnoid::oid::int AS oid, aggtranstype = 'internal'::regtype AS internal, "
        "aggserialfn <> 0 AS serial, aggdeserialfn <> 0 AS deserial FROM pg_aggregate "
        f"WHERE aggfnoid IN ({pg.members('pg_proc')})", DB)}
    tap.check(len(aggs) > 0, f"{len(aggs)} aggregates: {', '.join(a['sig'] for a in aggs)}")
    for agg in aggs:
        i = info[agg["oid"]]
        missing = [what for what, bad in [
            ("PARALLEL SAFE", agg["parallel"] != "s"), ("a combine function", agg["combinefn"] == "-"),
            ("serial and deserial functions for its internal state",
             i["internal"] and not (i["serial"] and i["deserial"]))] if bad]
        tap.check(not missing, f"{agg['sig']} is parallel-ready" +
                  (f": needs {', '.join(missing)}" if missing else ""))
        if agg["aggkind"] in ("o", "h"):
            print(f"# {agg['sig']}: ordered-set aggregates are not partial-aggregated by PostgreSQL")
            continue
        compare(tap, agg)


def arguments(agg):
    """Argument expressions over the data table d, or None: each argument
    of a COLUMN type a column, the others constants; failing that, ever
    more of the COLUMN-typed arguments (the last first) constants too, as
    arguments that must be the same on every row (a reporting period, a
    window's length) need."""
    if agg["qname"] in SERIES:
        return [a.format(float8=f"{COLUMN_NAMES['double precision']}")
                for a in SERIES[agg["qname"]][:len(agg["argtypes"])]]
    cols = [i for i, t in enumerate(agg["argtypes"]) if t in COLUMN]
    got = first_accepted(agg, [()])
    if got is None and cols:
        got = first_accepted(agg, [fixed for k in range(1, len(cols) + 1)
                                   for fixed in itertools.combinations(reversed(cols), k)])
    return got


# Constants for COLUMN-typed arguments held fixed: a reporting period's
# first and last month ends (ascending, in argument order), a window.
FIXED = {"date": ["'2016-04-30'", "'2025-03-31'"], "integer": ["12"], "boolean": ["true"]}


def first_accepted(agg, fixings):
    """The first argument expressions, over the fixings (tuples of argument
    positions held constant) in order, that the aggregate accepts over d."""
    types = agg["argtypes"]
    texts = [i for i, t in enumerate(types) if t not in COLUMN]
    cands = [bi.values_for(types[i], bi.ORDINARY, {}) or ["NULL"] for i in texts]
    combos = list(itertools.islice(itertools.product(*cands), 24))
    def exprs(combo, fixed):
        out, k, seen = [], 0, {}
        for i, t in enumerate(types):
            if i in fixed:
                vals = FIXED.get(t) or bi.values_for(t, bi.ORDINARY, {}) or ["NULL"]
                out.append(bi.cast(vals[min(seen.get(t, 0), len(vals) - 1)], t))
                seen[t] = seen.get(t, 0) + 1
            elif t in COLUMN:
                out.append(f"d.c_{COLUMN_NAMES[t]}")
            else:
                out.append(bi.cast(combo[k], t))
                k += 1
        return out
    tries = [exprs(c, set(f)) for f in fixings for c in combos]
    calls = [f"SELECT 1, {agg['qname']}({', '.join(e)})::text, false FROM d LIMIT 1" for e in tries]
    res, _ = bi.run_batch(calls, preamble=TABLE_SQL)
    for n, e in enumerate(tries):
        if res.get(n, [0, ""])[1] == "00000":
            return e
    return None


COLUMN_NAMES = {t: str(n) for n, t in enumerate(COLUMN)}
TABLE_SQL = (f"CREATE TEMP TABLE IF NOT EXISTS d AS SELECT i % {GROUPS} AS g, "
             + ", ".join(f"CASE WHEN i % 11 = 0 THEN NULL ELSE {e} END AS c_{COLUMN_NAMES[t]}"
                         for t, e in COLUMN.items())
             + ", date '1000-01-01' + i AS c_day"
             + f" FROM generate_series(1, {ROWS}) AS i;\n")

FORCE = """SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
"""


def compare(tap, agg):
    args = arguments(agg)
    if args is None:
        tap.check(False, f"{agg['sig']}: no arguments found that it accepts on one row")
        return
    call = f"{agg['qname']}({', '.join(args)})"
    total = f"SELECT {call}::text FROM d"
    grouped = f"SELECT d.g, {call}::text FROM d GROUP BY d.g ORDER BY d.g"
    script = (f"CREATE TABLE d AS {TABLE_SQL.split(' AS ', 1)[1]}ANALYZE d;\n"
              "SET max_parallel_workers_per_gather = 0;\n"
              f"{total};\n{grouped};\n\\echo ====\n{FORCE}"
              f"EXPLAIN (COSTS OFF) {total};\nEXPLAIN (COSTS OFF) {grouped};\n\\echo ====\n"
              f"{total};\n{grouped};\nDROP TABLE d;\n")
    r = pg.psql(script, DB, check=False)
    parts = r.stdout.split("====\n")
    if r.returncode != 0 or len(parts) != 3:
        tap.check(False, f"{agg['sig']}: the comparison did not run", [r.stderr[-500:]])
        return
    serial, plans, parallel = parts
    partial = plans.count("Partial") >= 2 and plans.count("Gather") >= 2
    tap.check(partial, f"{agg['sig']}: the forced plans aggregate partially in workers",
              plans.splitlines())
    if agg["qname"] in ORDER_SENSITIVE:
        order_sensitive(tap, agg, args, serial, parallel)
        return
    tap.check(serial == parallel and serial.strip() != "",
              f"{agg['sig']}: parallel equals serial over {ROWS} rows and by {GROUPS} groups "
              f"({serial.splitlines()[0] if serial.strip() else 'nothing'})",
              ["serial:"] + serial.splitlines() + ["parallel:"] + parallel.splitlines())


def symbols(out):
    """Each output line as (group, its characters sorted): the result up to order."""
    return [(line.split("|", 1)[0] if "|" in line else "", sorted(line.split("|", 1)[-1]))
            for line in out.splitlines()]


def order_sensitive(tap, agg, args, serial, parallel):
    sig, why = agg["sig"], ORDER_SENSITIVE[agg["qname"]]
    tap.check(symbols(serial) == symbols(parallel) and serial.strip() != "",
              f"{sig}: parallel gives the serial result's symbols, in another order ({why})",
              ["serial:"] + serial.splitlines()[:3] + ["parallel:"] + parallel.splitlines()[:3])
    ordered = f"{agg['qname']}({', '.join(args)} ORDER BY {', '.join(args)})"
    total = f"SELECT {ordered}::text FROM d"
    grouped = f"SELECT d.g, {ordered}::text FROM d GROUP BY d.g ORDER BY d.g"
    descending = ", ".join(f"{x} DESC" for x in args)
    reverse = f"SELECT {agg['qname']}({', '.join(args)} ORDER BY {descending})::text FROM d"
    script = (f"CREATE TABLE d AS {TABLE_SQL.split(' AS ', 1)[1]}ANALYZE d;\n"
              f"SET max_parallel_workers_per_gather = 0;\n{total};\n{grouped};\n\\echo ====\n"
              f"{FORCE}{total};\n{grouped};\n\\echo ====\n{reverse};\nDROP TABLE d;\n")
    r = pg.psql(script, DB, check=False)
    parts = r.stdout.split("====\n")
    if r.returncode != 0 or len(parts) != 3:
        tap.check(False, f"{sig}: the ORDER BY comparison did not run", [r.stderr[-500:]])
        return
    tap.check(parts[0] == parts[1] and parts[0].strip() != "",
              f"{sig}: with ORDER BY, parallel settings equal serial",
              ["serial:"] + parts[0].splitlines()[:3] + ["parallel:"] + parts[1].splitlines()[:3])
    tap.check(parts[2].splitlines()[0] != parts[0].splitlines()[0],
              f"{sig}: is order-sensitive (ascending and descending input differ), as listed")
    combine_keeps_order(tap, agg)


def combine_keeps_order(tap, agg):
    """final(combine(state(A), state(B))) is the aggregate over A then B, where
    state(X) folds the transition function over X from the initial state."""
    a = pg.json_rows("SELECT a.aggtransfn::text AS sfunc, a.aggcombinefn::text AS combine, "
                     "a.aggfinalfn::text AS final, a.agginitval AS init, "
                     "a.aggtranstype::regtype::text AS stype FROM pg_aggregate a "
                     f"WHERE a.aggfnoid = {agg['oid']}", DB)[0]
    typ = agg["argtypes"][0]
    rows_a, rows_b = ["3", "1"], ["4", "NULL", "2"]
    init = "NULL" if a["init"] is None else "'" + a["init"].replace("'", "''") + "'"

    def state(vals):
        expr = f"{init}::{a['stype']}"
        for v in vals:
            expr = f"{a['sfunc']}({expr}, {v}::{typ})"
        return expr

    def combined(x, y):
        return f"{a['final']}({a['combine']}({state(x)}, {state(y)}))::text"

    whole = ", ".join(f"({i}, {v}::{typ})" for i, v in enumerate(rows_a + rows_b))
    sql = (f"SELECT {combined(rows_a, rows_b)} AS ab, {combined(rows_b, rows_a)} AS ba, "
           f"(SELECT {agg['qname']}(t.v ORDER BY t.i)::text FROM (VALUES {whole}) AS t (i, v)) AS agg")
    r = pg.json_rows(sql, DB)[0]
    tap.check(r["ab"] == r["agg"] and r["ba"] != r["agg"],
              f"{agg['sig']}: the combine function keeps the first state's rows first "
              f"(A then B {r['ab']!r}, the aggregate over A then B {r['agg']!r}, B then A {r['ba']!r})")


if __name__ == "__main__":
    sys.exit(main())
