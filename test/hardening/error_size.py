#!/usr/bin/env python3
"""Bounded error texts (issue 12 item 7): every function, aggregate and
window function of the extension, enumerated from the catalog, is called
with huge values of each argument that can be huge (a text of 1,000,000
characters, numerics of 100,000 digits and of 16,383 decimals, arrays of
1,000,000 elements), one argument at a time (the others ordinary) and all
at once.  Whatever the call does, an error's message, detail and hint must
each be at most LIMIT characters: an error names the bad value, bounded
(src/sql_util.c), rather than writing all of it into the server log (0.2.0:
pct_final(array_fill(0::bigint, ARRAY[50000000])) wrote about 1 GB).

The lengths are measured in the server (a plpgsql probe that catches the
error), so no huge text comes back to this script.  Besides the generated
calls, a list of calls known to reach each bounded site (states, polarity
names, numerics, argument names, calendar and timescale names) must raise
an error whose text shows the value's start, "..." and its size.

Prints TAP.  Needs PGHOST etc. of a server where the extension can be
created; uses a database of its own.
"""

import json
import re
import subprocess
import sys

import pg

DB = "socialcare_error_size"
LIMIT = 1000

BIG = {
    "text": ["pg_catalog.repeat('x', 1000000)", "pg_catalog.repeat('é', 300000)"],
    "numeric": ["pg_catalog.repeat('9', 100000)::numeric", "('-' || pg_catalog.repeat('9', 100000))::numeric",
                "('0.' || pg_catalog.repeat('3', 16383))::numeric",
                "('-0.' || pg_catalog.repeat('3', 16383))::numeric"],
    "bigint[]": ["pg_catalog.array_fill(7::bigint, ARRAY[1000000])",
                 "pg_catalog.array_fill(-7::bigint, ARRAY[1000, 1000])"],
    "numeric[]": ["pg_catalog.array_fill('NaN'::numeric, ARRAY[1000000])",
                  "pg_catalog.array_fill(pg_catalog.repeat('9', 10000)::numeric, ARRAY[100])",
                  "ARRAY['NaN'::numeric, pg_catalog.repeat('9', 100000)::numeric]"],
    "double precision[]": ["pg_catalog.array_fill('Infinity'::float8, ARRAY[1000000])"],
    "anyarray": ["pg_catalog.array_fill(7::bigint, ARRAY[1000000])",
                 "pg_catalog.array_fill(pg_catalog.repeat('x', 1000), ARRAY[10000])",
                 "ARRAY[pg_catalog.repeat('x', 1000000)]"],
}
BIG["anycompatiblearray"] = BIG["anyarray"]
BIG["internal"] = []

ORDINARY = {
    "date": "date '2025-03-31'", "integer": "12", "bigint": "3", "smallint": "1",
    "numeric": "2.5", "double precision": "2.5", "boolean": "true", "text": "'high'",
    "interval": "interval '12 months'", "timestamp with time zone": "timestamptz '2025-03-31 09:00'",
    "timestamp without time zone": "timestamp '2025-03-31 09:00'",
    "bigint[]": "ARRAY[1, 2]::bigint[]", "numeric[]": "ARRAY[1, 2]::numeric[]",
    "double precision[]": "ARRAY[1, 2]::float8[]", "anyarray": "ARRAY[1, 2]::bigint[]",
    "daterange": "daterange '[2025-01-01,2025-04-01)'", "jsonb": "'{}'::jsonb",
}

# Calls that reach each bounded site; (label, SQL, text the error must contain).
KNOWN = [
    ("pct_final state of 10^6 elements", "SELECT socialcare.pct_final(pg_catalog.array_fill(7::bigint, ARRAY[1000000]))",
     "... (an array of 1000000 elements)"),
    ("pct_accum state of 10^6 elements", "SELECT socialcare.pct_accum(pg_catalog.array_fill(7::bigint, ARRAY[1000000]), true)",
     "... (an array of 1000000 elements)"),
    ("rolling_pct_series_final state", "SELECT socialcare.rolling_pct_series_final(pg_catalog.array_fill(7::bigint, ARRAY[1000000]))",
     "... (an array of 1000000 elements)"),
    ("sparkline_final with a long NaN series", "SELECT socialcare.sparkline_final(ARRAY['NaN'::numeric, pg_catalog.repeat('9', 100000)::numeric])",
     "... (an array of 2 elements)"),
    ("rag polarity of 10^6 characters", "SELECT socialcare.rag(1::numeric, 2::numeric, 0::numeric, pg_catalog.repeat('x', 1000000))",
     "... (1000000 characters)"),
    ("compare_to_benchmark polarity", "SELECT socialcare.compare_to_benchmark(1, 0, 2, 1, pg_catalog.repeat('é', 300000))",
     "... (300000 characters)"),
    ("rate of a negative 100,000-digit count", "SELECT socialcare.rate(('-' || pg_catalog.repeat('9', 100000))::numeric, 100)",
     "... (100001 characters)"),
    ("checked_months argument name", "SELECT socialcare.checked_months(0, pg_catalog.repeat('n', 1000000))",
     "... (1000000 characters)"),
]

PROBE = r"""
SET client_min_messages = warning;
SET statement_timeout = '60s';
SET datestyle = ISO, YMD;
CREATE FUNCTION pg_temp.probe(id int, call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  st text; m text; d text; h text;
BEGIN
  BEGIN
    EXECUTE call;
    RAISE EXCEPTION USING ERRCODE = 'SCOK0';
  EXCEPTION WHEN SQLSTATE 'SCOK0' THEN
    RETURN pg_catalog.json_build_array(id, '00000', 0, 0, 0, '', '')::text;
  END;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL,
                          h = PG_EXCEPTION_HINT;
  RETURN pg_catalog.json_build_array(id, st, pg_catalog.length(m), coalesce(pg_catalog.length(d), 0),
                                     coalesce(pg_catalog.length(h), 0), pg_catalog.left(m, 300),
                                     pg_catalog.left(coalesce(d, ''), 300))::text;
END $$;
"""


def dollar(s):
    tag = "$q$"
    while tag in s:
        tag = tag[:-1] + "q$"
    return f"{tag}{s}{tag}"


def probe_all(sqls):
    script = PROBE + "".join(f"SELECT pg_temp.probe({i}, {dollar(s)});\n" for i, s in enumerate(sqls))
    r = subprocess.run(pg.PSQL[:-1] + ["ON_ERROR_STOP=0", "-d", DB], input=script,
                       capture_output=True, text=True)
    out = {}
    for line in r.stdout.splitlines():
        row = json.loads(line)
        out[row[0]] = row
    return out, r.stderr


def calls_for(fn):
    """SQL calls of fn with its huge-able arguments huge: one at a time, then all."""
    types = fn["argtypes"]
    if fn["is_trigger"] or fn["kind"] == "p" or any(t not in ORDINARY and t not in BIG for t in types):
        return []
    if fn["kind"] == "a" and fn["aggkind"] != "n":
        return []
    slots = [i for i, t in enumerate(types) if BIG.get(t)]
    variants = []
    for i in slots:
        for big in BIG[types[i]]:
            variants.append([big if j == i else ORDINARY.get(t, "NULL") for j, t in enumerate(types)])
    if len(slots) > 1:
        variants.append([BIG[t][0] if BIG.get(t) else ORDINARY.get(t, "NULL") for t in types])
    calls = []
    for args in variants:
        call = "%s(%s)" % (fn["qname"], ", ".join(args))
        if fn["kind"] == "w":
            call += " OVER ()"
        if fn["retset"]:
            calls.append(f"SELECT count(*) FROM {call} AS r")
        else:
            calls.append(f"SELECT {call}")
    return calls


def main():
    tap = pg.Tap()
    pg.psql(f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DB};", "postgres")
    pg.psql(f"CREATE DATABASE {DB};", "postgres")
    try:
        pg.psql(f"CREATE EXTENSION {pg.EXT};", DB)
        run(tap)
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB};", "postgres", check=False)
    return 1 if tap.failed else 0


def run(tap):
    # A calendar and a timescale with names of 100,000 characters, whose
    # range errors name them.
    pg.psql("""
        INSERT INTO socialcare.calendar (name, base) VALUES (pg_catalog.repeat('c', 100000), 'england-and-wales');
        INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
        VALUES (pg_catalog.repeat('t', 100000), 'long', 24, 'hours', 'a', 'b');
    """, DB, check=False)
    known = list(KNOWN) + [
        ("working_days in a calendar named by 100,000 characters",
         "SELECT socialcare.add_working_days(date '2025-01-01', 2147483647, pg_catalog.repeat('c', 100000))",
         "... (100000 characters)"),
        ("due_date of a timescale coded by 100,000 characters, in hours",
         "SELECT socialcare.due_date(pg_catalog.repeat('t', 100000), date '2025-01-01')",
         "... (100000 characters)"),
    ]
    fns = pg.functions(DB)
    sqls, owners = [], []
    for fn in fns:
        for c in calls_for(fn):
            sqls.append(c)
            owners.append(fn["sig"])
    nknown = len(known)
    res, stderr = probe_all([k[1] for k in known] + sqls)
    for i, (label, sql, want) in enumerate(known):
        row = res.get(i)
        ok = row is not None and row[1] != "00000" and max(row[2:5]) <= LIMIT and (want in row[5] or want in row[6])
        tap.check(ok, f"{label}: an error of at most {LIMIT} characters naming the value's start and size",
               [] if ok else [f"{sql[:150]}: {row if row is None else row[1:5] + [row[5][:200], row[6][:200]]}"])
    by_fn = {}
    for k, (sig, sql) in enumerate(zip(owners, sqls)):
        row = res.get(nknown + k)
        by_fn.setdefault(sig, []).append((sql, row))
    ncalls = nerr = 0
    for sig, rows in by_fn.items():
        bad = []
        for sql, row in rows:
            ncalls += 1
            if row is None:
                bad.append(f"{sql[:200]}: no result")
            elif row[1] != "00000":
                nerr += 1
                if max(row[2:5]) > LIMIT:
                    bad.append(f"{sql[:200]}: {row[1]} message/detail/hint of {row[2]}/{row[3]}/{row[4]} characters: "
                               f"{row[5][:120]} / {row[6][:120]}")
        tap.check(not bad, f"{sig}: {len(rows)} calls with huge arguments, every error text at most {LIMIT} characters",
               bad[:5])
    print("# " + f"{ncalls} generated calls over {len(by_fn)} functions, {nerr} of them errors")
    if stderr.strip():
        print("# psql: " + stderr.strip()[-300:])
    tap.check(ncalls > 100, f"more than 100 generated calls ({ncalls})")


if __name__ == "__main__":
    sys.exit(main())
