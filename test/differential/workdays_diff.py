#!/usr/bin/python3
"""Differential test: socialcare's working-day functions against numpy.

Expected values come from numpy's busday_* functions over an
np.busdaycalendar built from uk_bank_holidays.py, an implementation of the
holiday rules that is independent of the extension's C code.  About a
million random cases per function are bulk-loaded into a temporary table
with \\copy and every SQL function is evaluated in one pass over it.

Run: /usr/bin/python3 test/differential/workdays_diff.py
(psql must reach the server through PGHOST/PGPORT/PGUSER/PGDATABASE.)
Output: one TAP line per check ("ok N - ..." / "not ok N - ..."), with
mismatching examples on "# " lines; exit status 0 when all pass.
"""

import datetime as dt
import os
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uk_bank_holidays as ukbh  # noqa: E402
from tap import Tap, run_psql  # noqa: E402

SEED = 20240915
CASES_PER_DIVISION = 350_000          # pairs, and as many offsets
FIRST, LAST = np.datetime64("1975-01-01"), np.datetime64("2100-12-31")
MAX_N = 400                           # add_working_days offsets in -MAX_N..MAX_N
EXAMPLES = 5                          # mismatches shown per failing check


# ---------------------------------------------------------------- oracle

def busday_calendars():
    """{division: np.busdaycalendar} over the independent holiday list."""
    return {div: np.busdaycalendar(weekmask="1111100",
                                   holidays=np.array(list(ukbh.holidays(div)), dtype="M8[D]"))
            for div in ukbh.DIVISIONS}


def expect_working_days(s, f, cal):
    """Working days in (s, f], negated for f < s.  numpy counts [a, b), so
    (a, b] is [a+1, b+1); reversed pairs are swapped here rather than left to
    numpy, whose reversed-range convention has changed between versions."""
    lo, hi = np.minimum(s, f), np.maximum(s, f)
    n = np.busday_count(lo + 1, hi + 1, busdaycal=cal)
    return np.where(f < s, -n, n)


def expect_inclusive(s, f, cal):
    """Excel NETWORKDAYS: working days in [min, max], negated for f < s."""
    lo, hi = np.minimum(s, f), np.maximum(s, f)
    n = np.busday_count(lo, hi + 1, busdaycal=cal)
    return np.where(f < s, -n, n)


def expect_add(d, n, cal):
    """n-th working day strictly after (n > 0) or before (n < 0) d; d if n = 0.
    Rolling a non-working d backward before stepping forward (and forward
    before stepping back) makes the count start strictly beyond d."""
    fwd = np.busday_offset(d, np.maximum(n, 0), roll="backward", busdaycal=cal)
    back = np.busday_offset(d, np.minimum(n, 0), roll="forward", busdaycal=cal)
    return np.where(n > 0, fwd, np.where(n < 0, back, d))


def expected(cases, cal):
    s, f, d, n = cases["s"], cases["f"], cases["d"], cases["n"]
    return {
        "wd": expect_working_days(s, f, cal),
        "wdi": expect_inclusive(s, f, cal),
        "addn": expect_add(d, n, cal),
        "iwd": np.is_busday(d, busdaycal=cal),
        "after": np.busday_offset(d, 0, roll="forward", busdaycal=cal),
        "before": np.busday_offset(d, 0, roll="backward", busdaycal=cal),
    }


def brute_force_disagreements(cases, exp, holidays, limit=1000):
    """Recompute a sample of short cases by walking day by day: a check on
    the numpy conventions above, not on the extension."""
    one = dt.timedelta(days=1)
    works = lambda day: day.weekday() < 5 and day not in holidays
    short = np.flatnonzero(np.abs(cases["f"] - cases["s"]) <= np.timedelta64(400, "D"))[:limit]
    bad = []
    for i in short:
        s, f, d = (cases[k][i].astype(object) for k in ("s", "f", "d"))
        n = int(cases["n"][i])
        lo, hi = min(s, f), max(s, f)
        sign = -1 if f < s else 1
        span = [lo + k * one for k in range((hi - lo).days + 1)]
        wd = sign * sum(map(works, span[1:]))
        wdi = sign * sum(map(works, span))
        step, left, a = (one if n > 0 else -one), abs(n), d
        while left:
            a += step
            left -= works(a)
        got = (wd, wdi, a)
        want = (int(exp["wd"][i]), int(exp["wdi"][i]), exp["addn"][i].astype(object))
        if got != want:
            bad.append(f"s={s} f={f} d={d} n={n}: walk {got}, numpy {want}")
    return len(short), bad


# ---------------------------------------------------------------- cases

def uniform_days(rng, size):
    return FIRST + rng.integers(0, (LAST - FIRST).astype(int) + 1, size).astype("m8[D]")


def non_working_days(rng, size, cal):
    """Half holidays, half any non-working day (mostly weekends)."""
    span = np.arange(FIRST, LAST + np.timedelta64(1, "D"))
    off = span[~np.is_busday(span, busdaycal=cal)]
    hols = cal.holidays[(cal.holidays >= FIRST) & (cal.holidays <= LAST)]
    pick_hol = rng.random(size) < 0.5
    return np.where(pick_hol, rng.choice(hols, size), rng.choice(off, size))


def clip(days):
    return np.clip(days, FIRST, LAST)


def make_cases(rng, size, cal):
    """Random (s, f) pairs and (d, n) offsets, deliberately mixing span kinds."""
    s = uniform_days(rng, size)
    kind = rng.choice(5, size, p=[0.40, 0.25, 0.15, 0.10, 0.10])
    off_days = non_working_days(rng, size, cal)
    s = np.where(kind == 4, off_days, s)              # start on a weekend/holiday
    near = lambda k: clip(s + rng.integers(-k, k + 1, size).astype("m8[D]"))
    f = np.select([kind == 0, kind == 1, kind == 2, kind == 3],
                  [uniform_days(rng, size),           # long spans, half reversed
                   near(10),                          # within a week or two
                   near(400),                         # up to a year or so
                   s],                                # same day
                  near(30))
    d = np.where(rng.random(size) < 0.3, non_working_days(rng, size, cal),
                 uniform_days(rng, size))
    nkind = rng.choice(3, size, p=[0.6, 0.3, 0.1])
    n = np.select([nkind == 0, nkind == 1],
                  [rng.integers(-MAX_N, MAX_N + 1, size), rng.integers(-5, 6, size)], 0)
    return {"s": s, "f": f, "d": d, "n": n}


# ---------------------------------------------------------------- files

def iso(days):
    return np.datetime_as_string(days, unit="D").tolist()


def write_cases(path, per_division):
    """Tab-separated rows for COPY: division, inputs, then expected values."""
    with open(path, "w") as out:
        for div, (cases, exp) in per_division.items():
            cols = [[div] * len(cases["n"]),
                    iso(cases["s"]), iso(cases["f"]), iso(cases["d"]),
                    cases["n"].astype(str).tolist(),
                    exp["wd"].astype(str).tolist(), exp["wdi"].astype(str).tolist(),
                    iso(exp["addn"]), np.where(exp["iwd"], "t", "f").tolist(),
                    iso(exp["after"]), iso(exp["before"])]
            out.writelines("\t".join(row) + "\n" for row in zip(*cols))


def write_days(path, per_division):
    """division<TAB>date rows for COPY from {division: iterable of dates}."""
    with open(path, "w") as out:
        for div, days in per_division.items():
            out.writelines(f"{div}\t{day}\n" for day in sorted(days))


# ---------------------------------------------------------------- SQL

SETUP = r"""
CREATE EXTENSION IF NOT EXISTS socialcare;
CREATE TEMP TABLE cases (cal text, s date, f date, d date, n int,
    wd int, wdi int, addn date, iwd boolean, after date, before date);
CREATE TEMP TABLE oracle_holidays (cal text, day date);
CREATE TEMP TABLE govuk_holidays (cal text, day date);
CREATE TEMP TABLE history_holidays (cal text, day date, status text);
\copy cases FROM '{cases}'
\copy oracle_holidays FROM '{oracle}'
\copy govuk_holidays FROM '{govuk}'
\copy history_holidays FROM '{history}'
"""

# One line per check: tested count, mismatch count, a few examples.  The
# function runs once per row in the scan's filter; only mismatching rows
# are kept, and only a few of those are formatted.
ROW_CHECK = """
WITH bad AS MATERIALIZED (
    SELECT {call}, got, want
    FROM (SELECT {call}, socialcare.{func}({call}) AS got, {want} AS want FROM cases) x
    WHERE got IS DISTINCT FROM want)
SELECT (SELECT count(*) FROM cases), count(*),
       (SELECT string_agg(format('%s(%s) = %s, expected %s', '{func}', {args}, got, want), ' | ')
        FROM (SELECT * FROM bad LIMIT {examples}) e)
FROM bad;
"""

ROW_CHECKS = [  # (function, argument list, expected column)
    ("working_days", "s, f, cal", "wd"),
    ("working_days_inclusive", "s, f, cal", "wdi"),
    ("add_working_days", "d, n, cal", "addn"),
    ("is_working_day", "d, cal", "iwd"),
    ("working_day_on_or_after", "d, cal", "after"),
    ("working_day_on_or_before", "d, cal", "before"),
]

HOLIDAY_CHECK = """
WITH got AS (SELECT day, calendar FROM socialcare.bank_holidays('{lo}', '{hi}', '{div}')),
want AS (SELECT day FROM {table} WHERE cal = '{div}' AND day BETWEEN '{lo}' AND '{hi}'),
bad AS MATERIALIZED (
    SELECT coalesce(g.day, w.day) AS day,
           CASE WHEN g.day IS NULL THEN 'missing' ELSE 'unexpected' END AS what
    FROM (SELECT DISTINCT day FROM got) g FULL JOIN want w USING (day)
    WHERE g.day IS NULL OR w.day IS NULL
    UNION ALL SELECT day, 'listed twice' FROM got GROUP BY day HAVING count(*) > 1
    UNION ALL SELECT day, 'calendar column ' || calendar FROM got WHERE calendar <> '{div}')
SELECT (SELECT count(*) FROM want), count(*),
       (SELECT string_agg(day || ' ' || what, ' | ')
        FROM (SELECT * FROM bad ORDER BY day LIMIT {examples}) e)
FROM bad;
"""


# The history written from the sources (test/data/bank-holidays-1978-2011.csv):
# every certain day is a holiday, and no day is one that is not listed.
HISTORY_CHECK = """
WITH got AS (SELECT day FROM socialcare.bank_holidays('{lo}', '{hi}', '{div}')),
want AS (SELECT day, status FROM history_holidays WHERE cal = '{div}'),
bad AS MATERIALIZED (
    SELECT w.day, 'missing' AS what FROM want w
    WHERE w.status = 'certain' AND NOT EXISTS (SELECT 1 FROM got g WHERE g.day = w.day)
    UNION ALL
    SELECT g.day, 'not in the sources' FROM got g
    WHERE NOT EXISTS (SELECT 1 FROM want w WHERE w.day = g.day))
SELECT (SELECT count(*) FROM want), count(*),
       (SELECT string_agg(day || ' ' || what, ' | ')
        FROM (SELECT * FROM bad ORDER BY day LIMIT {examples}) e)
FROM bad;
"""

HISTORY_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "data", "bank-holidays-1978-2011.csv")


def read_history(path=HISTORY_CSV):
    """[(division, date, status)] of the history file ('#' lines are its notes)."""
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return [(r["division"], dt.date.fromisoformat(r["date"]), r["status"])
            for r in csv.DictReader(lines)]


def row_check_sql(func, call, want):
    args = " || ', ' || ".join(f"{a}::text" for a in call.split(", "))
    return ROW_CHECK.format(func=func, call=call, args=args, want=want, examples=EXAMPLES)


def holiday_check_sql(div, lo, hi, table):
    return HOLIDAY_CHECK.format(div=div, lo=lo, hi=hi, table=table, examples=EXAMPLES)


# ---------------------------------------------------------------- report


def report_sql(tap, descriptions, result):
    """One TAP line per SQL check; checks psql never reached fail."""
    lines = [l.split("\t") for l in result.stdout.splitlines() if l]
    for i, desc in enumerate(descriptions):
        if i >= len(lines):
            err = result.stderr.strip().splitlines() or ["no output"]
            first = i == len(lines)  # show psql's error once
            tap.check(False, desc + " (not run)",
                      [f"psql exit {result.returncode}"] + err[-5:] if first else [])
            continue
        total, bad, examples = lines[i] + [""] * (3 - len(lines[i]))
        tap.check(bad == "0" and int(total) > 0, f"{desc}: {bad} of {total} differ",
                  examples.split(" | ")[:EXAMPLES])


def main():
    t0 = time.monotonic()
    tap = Tap()
    rng = np.random.default_rng(SEED)
    cals = busday_calendars()

    govuk = ukbh.read_govuk()
    diffs = ukbh.govuk_differences()
    tap.check(not diffs, "independent holiday list equals GOV.UK's CSV",
              [f"{div} {day}: {where}" for div, day, where in diffs[:EXAMPLES]])

    per_division = {}
    for div, cal in cals.items():
        cases = make_cases(rng, CASES_PER_DIVISION, cal)
        per_division[div] = (cases, expected(cases, cal))
    total = CASES_PER_DIVISION * len(cals)

    walked, bad = 0, []
    for div, (cases, exp) in per_division.items():
        w, b = brute_force_disagreements(cases, exp, ukbh.holidays(div))
        walked, bad = walked + w, bad + [f"{div} {msg}" for msg in b]
    tap.check(walked > 0 and not bad,
              f"numpy oracle agrees with a day-by-day walk on {walked} cases", bad[:EXAMPLES])

    govuk_years = sorted({d.year for days in govuk.values() for d in days})
    glo, ghi = f"{govuk_years[0]}-01-01", f"{govuk_years[-1]}-12-31"
    full_lo, full_hi = f"{ukbh.FIRST_YEAR}-01-01", f"{ukbh.LAST_YEAR}-12-31"

    descriptions, queries = [], []
    for func, call, want in ROW_CHECKS:
        descriptions.append(f"{func} agrees with numpy")
        queries.append(row_check_sql(func, call, want))
    for div in ukbh.DIVISIONS:
        descriptions.append(f"bank_holidays {full_lo}..{full_hi} {div} equals independent list")
        queries.append(holiday_check_sql(div, full_lo, full_hi, "oracle_holidays"))
    for div in ukbh.DIVISIONS:
        descriptions.append(f"bank_holidays {glo}..{ghi} {div} equals GOV.UK's CSV")
        queries.append(holiday_check_sql(div, glo, ghi, "govuk_holidays"))
    history = read_history()
    hyears = sorted({d.year for _, d, _ in history})
    hlo, hhi = f"{hyears[0]}-01-01", f"{hyears[-1]}-12-31"
    for div in ukbh.DIVISIONS:
        descriptions.append(f"bank_holidays {hlo}..{hhi} {div} equals the history from the sources")
        queries.append(HISTORY_CHECK.format(div=div, lo=hlo, hi=hhi, examples=EXAMPLES))
    # The Python oracle against the same history.
    bad = []
    for div in ukbh.DIVISIONS:
        listed = {d: st for dv, d, st in history if dv == div}
        ours = set(ukbh.holidays(div, hyears[0], hyears[-1]))
        bad += [f"{div} {d} missing" for d, st in sorted(listed.items())
                if st == "certain" and d not in ours]
        bad += [f"{div} {d} not in the sources" for d in sorted(ours - set(listed))]
    tap.check(history and not bad, f"independent holiday list agrees with the history "
              f"({len(history)} days {hyears[0]}..{hyears[-1]})", bad[:EXAMPLES])

    with tempfile.TemporaryDirectory(prefix="workdays_diff.") as tmp:
        paths = {k: os.path.join(tmp, k + ".tsv") for k in ("cases", "oracle", "govuk", "history")}
        write_cases(paths["cases"], per_division)
        write_days(paths["oracle"], {div: ukbh.holidays(div) for div in ukbh.DIVISIONS})
        write_days(paths["govuk"], govuk)
        with open(paths["history"], "w") as out:
            out.writelines(f"{div}\t{day}\t{status}\n" for div, day, status in history)
        script = os.path.join(tmp, "diff.sql")
        with open(script, "w") as f:
            f.write(SETUP.format(**paths) + "".join(queries))
        t_sql = time.monotonic()
        result = run_psql(script)
        t_sql = time.monotonic() - t_sql

    report_sql(tap, descriptions, result)
    print(f"# {total} pairs and {total} offsets over {len(cals)} divisions, seed {SEED}; "
          f"{time.monotonic() - t0:.1f}s in all, {t_sql:.1f}s in psql")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
