#!/usr/bin/env python3
"""Aggregates keep memory flat: every aggregate of the extension (from the
catalog) over 1 million and over 10 million rows, each in a fresh backend,
serial; the backend's peak resident memory (VmHWM in /proc) must not grow
by more than SLACK_MB beyond what count() of the same rows costs.  A state that grew with
its input (a list of values, a leak per row in the transition function)
would grow by hundreds of megabytes.  Arguments are chosen as in
parallel_aggregates.py.  Needs a server on this machine (it reads the
backend's /proc entry); prints TAP, or a SKIP when /proc is out of reach.
"""

import re
import sys

import bad_input as bi
import parallel_aggregates as pa
import pg

DB = "socialcare_memory_flat"
SIZES = (1000000, 10000000)
SLACK_MB = 8
# Aggregates whose result itself grows with the rows, so they must keep
# every value: their floor is array_agg() of the same argument, which keeps
# every value too, not count().  The check still catches a leak per row or
# a state fatter than an array of the values.
KEEPS_VALUES = {
    "socialcare.sparkline": "one bar a row in its result, like string_agg; its state is the "
                            "array of values (array_append), as array_agg's",
}

# Aggregates that keep every row by their definition, whose memory grows
# with the rows whatever their state: not measured, with the reason.
KEEPS_UNITS = {
    "socialcare.funnel_baseline": "Spiegelhalter's winsorised phi needs every unit's z-score "
                                  "against the final centre, so its state holds every unit "
                                  "(a funnel plot's units: teams or councils, hundreds, not millions)",
    "socialcare.spc": "an XmR chart needs the whole series (moving ranges, runs, two of three), so its "
                      "state holds every point; a series is months, and longer ones are refused with "
                      "an error (SC_SPC_MAX_POINTS)",
}


def main():
    tap = pg.Tap()
    bi.DB = pa.DB = DB
    pg.psql(f"SET client_min_messages = warning; DROP DATABASE IF EXISTS {DB};", "postgres")
    pg.psql(f"CREATE DATABASE {DB};", "postgres")
    try:
        pg.psql(f"CREATE EXTENSION {pg.EXT};", DB)
        for agg in [f for f in pg.functions(DB) if f["kind"] == "a" and f["aggkind"] == "n"]:
            measure(tap, agg)
    finally:
        pg.psql(f"DROP DATABASE IF EXISTS {DB};", "postgres", check=False)
    return 1 if tap.failed else 0


def peak_kb(call, args, rows):
    """Peak RSS of a fresh backend before and after computing call over rows rows."""
    used = sorted(set(re.findall(r"d\.c_(\d+)", " ".join(args))))
    cols = ", ".join(f"CASE WHEN i % 11 = 0 THEN NULL ELSE {e} END AS c_{pa.COLUMN_NAMES[t]}"
                     for t, e in pa.COLUMN.items() if pa.COLUMN_NAMES[t] in used) or "1 AS one"
    script = f"""SET max_parallel_workers_per_gather = 0;
SELECT pg_backend_pid() AS pid \\gset
\\setenv SC_BACKEND_PID :pid
\\! grep VmHWM /proc/$SC_BACKEND_PID/status
SELECT {call} IS NULL AS result_is_null
FROM (SELECT {cols} FROM pg_catalog.generate_series(1, {rows}) AS i) AS d;
\\! grep VmHWM /proc/$SC_BACKEND_PID/status
"""
    out = pg.psql(script, DB).stdout
    kb = [int(x) for x in re.findall(r"VmHWM:\s+(\d+) kB", out)]
    return kb if len(kb) == 2 else None


def measure(tap, agg):
    if agg["qname"] in KEEPS_UNITS:
        tap.n += 1
        print(f"ok {tap.n} - # SKIP {agg['sig']}: {KEEPS_UNITS[agg['qname']]}")
        return
    args = pa.arguments(agg)
    if args is None:
        tap.check(False, f"{agg['sig']}: no arguments found that it accepts on one row")
        return
    # The floor: count() of the same rows, whose scan has its own cost
    # (generate_series keeps its rows in a tuplestore).
    floor = "pg_catalog.array_agg" if agg["qname"] in KEEPS_VALUES else "pg_catalog.count"
    calls = [f"{agg['qname']}({', '.join(args)})", f"{floor}(({', '.join(args)}))"]
    peaks = [[peak_kb(c, args, n) for n in SIZES] for c in calls]
    if None in peaks[0] + peaks[1]:
        print(f"ok {tap.n + 1} - # SKIP {agg['sig']}: the backend's /proc entry is out of reach")
        tap.n += 1
        return
    growth = [[(after - before) / 1024 for before, after in p] for p in peaks]
    excess = [g - f for g, f in zip(*growth)]
    tap.check(max(excess) <= SLACK_MB,
              f"{agg['sig']}: the backend's peak memory grows {growth[0][0]:.1f} MB over "
              f"{SIZES[0]:,} rows and {growth[0][1]:.1f} MB over {SIZES[1]:,}; {floor[11:]}() of the same "
              f"rows {growth[1][0]:.1f} and {growth[1][1]:.1f} MB"
              + (f" (it keeps every value: {KEEPS_VALUES[agg['qname']]})" if agg["qname"] in KEEPS_VALUES else ""))


if __name__ == "__main__":
    sys.exit(main())
