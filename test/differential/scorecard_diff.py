#!/usr/bin/python3
"""Differential test: socialcare.scorecard() against an independent Python
implementation of the rules README "Targets and the monthly scorecard"
states, on a random catalogue (deterministic: random.seed).

40 KPIs of either polarity, values Jan 2023 to Jun 2025 with one decimal
(a third of them on .5 or .x5, the rounding edges), missing rows and NULL
values, comparators and targets by period (several valid_from each, some
before, some inside the window), KPI targets and tolerances (some NULL).
KPIs show 0, 1 or 2 decimals (unit 'number', so that values above 100
are allowed).  The scorecard for Jun 2025, 12 months, is compared field by
field for places 0 and 1, compare_at 'display' (each KPI's decimals, the
default), 'whole' and 'exact', and equal_within 0 and 0.5.

The oracle: exact Fractions; rounding half away from zero (on
Fractions); previous value = the previous calendar month's value;
previous average = mean of the 3 months before, NULL unless all 3 have a
value; direction = sign of round(v) - round(b), no change when |.| <= tol,
rounded to places when given, else the KPI's decimals ('display'), 0
('whole') or not at all ('exact'), which compared_at gives;
travel by polarity; the comparator and target with the latest valid_from
on or before the month end (else the KPI's own target); RAG green at or
beyond the target, amber up to tolerance short, red beyond; sparkline bar
floor((v - min) * 8 / (max - min)), capped at 7, a space for NULL, flat 4th.

Run: /usr/bin/python3 test/differential/scorecard_diff.py (psql reaches
the server through PGHOST etc.).  The data is loaded in a transaction that
is rolled back.  Output: TAP.
"""

import datetime
import os
import random
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, run_psql  # noqa: E402

KPIS = 40
AS_AT = datetime.date(2025, 6, 30)
# (places, compare_at, equal_within)
COMBOS = [(0, "display", 0), (1, "display", 0), (None, "exact", 0), (0, "display", Decimal("0.5")),
          (None, "exact", Decimal("0.5")), (None, "display", 0), (None, "whole", 0), (None, "display", Decimal("0.5"))]
BARS = "▁▂▃▄▅▆▇█"


def month_end(y, m):
    """The last day of month m (0 = January) counted from January of year y."""
    return datetime.date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1) - datetime.timedelta(days=1)


MONTHS = [month_end(2023, m) for m in range(30)]          # Jan 2023 .. Jun 2025
WINDOW = MONTHS[-12:]


def value():
    r = random.random()
    if r < 0.33:
        return Decimal(random.randint(0, 200)) / 2                  # x.0 or x.5
    if r < 0.45:
        return Decimal(random.randint(0, 100)) + Decimal("0.05") * random.choice((1, 9))
    return Decimal(random.randint(0, 1000)) / 10


def build():
    random.seed(20250630)
    kpis, values, comps, targets = [], {}, [], []
    for i in range(KPIS):
        code = "D%02d" % i
        pol = random.choice(("high", "low"))
        tgt = None if random.random() < 0.2 else value()
        tol = Decimal(random.choice((0, 0, 1, 2.5, 5)))
        kpis.append((code, pol, tgt, tol, i % 3))
        for m in MONTHS:
            r = random.random()
            if r < 0.05:
                continue                                            # no row
            values[(code, m)] = None if r < 0.1 else value()
        for c in ("statistical neighbours", "england", "region"):
            for _ in range(random.randint(0, 3)):
                comps.append((code, c, random.choice(MONTHS) + datetime.timedelta(days=random.randint(-40, 0)), value()))
        for _ in range(random.randint(0, 2)):
            targets.append((code, random.choice(MONTHS[12:]) + datetime.timedelta(days=1), value(),
                            Decimal(random.choice((0, 1, 3)))))
    comps = list({(k, c, d): (k, c, d, v) for k, c, d, v in comps}.values())
    targets = list({(k, d): (k, d, t, tl) for k, d, t, tl in targets}.values())
    return kpis, values, comps, targets


def lit(x):
    return "NULL" if x is None else "'%s'" % x


def script(kpis, values, comps, targets):
    out = ["CREATE EXTENSION IF NOT EXISTS socialcare;", "BEGIN;"]
    out += ["INSERT INTO socialcare.kpi (code, title, polarity, target, tolerance, unit, decimals) "
            "VALUES (%s, 'x', %s, %s, %s, 'number', %d);"
            % (lit(k), lit(p), lit(t), lit(tl), dec) for k, p, t, tl, dec in kpis]
    out += ["INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES (%s, %s, %s);" % (lit(k), lit(m), lit(v))
            for (k, m), v in values.items()]
    out += ["INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES (%s, %s, %s, %s);"
            % tuple(map(lit, c)) for c in comps]
    out += ["INSERT INTO socialcare.kpi_target (kpi, valid_from, target, tolerance) VALUES (%s, %s, %s, %s);"
            % tuple(map(lit, t)) for t in targets]
    for n, (places, compare_at, within) in enumerate(COMBOS):
        out.append("SELECT %d, kpi, month, value, previous_value, previous_average, change_direction, change_travel, "
                   "average_direction, average_travel, statistical_neighbours, england, region, "
                   "vs_statistical_neighbours, vs_england, vs_region, target, tolerance, rag, sparkline, compared_at "
                   "FROM socialcare.scorecard('%s', 12, %s, %s, compare_at => '%s');"
                   % (n, AS_AT, lit(places), within, compare_at))
    out.append("ROLLBACK;")
    return "\n".join(out) + "\n"


def direction(v, b, places, within):
    if v is None or b is None:
        return None
    rv = rnd_frac(v, places)
    rb = rnd_frac(b, places)
    diff = rv - rb
    if diff == 0 or abs(diff) <= Fraction(within):
        return "no change"
    return "up" if diff > 0 else "down"


def rnd_frac(x, places):
    """Round a Fraction or Decimal half away from zero to places (None: exact)."""
    x = Fraction(x)
    if places is None:
        return x
    scale = Fraction(10) ** places
    y = abs(x) * scale
    q = y.numerator // y.denominator
    if y - q >= Fraction(1, 2):
        q += 1
    return (q if x >= 0 else -q) / scale


def travel(d, pol):
    if d is None:
        return None
    if d == "no change":
        return d
    return "improving" if (d == "up") == (pol == "high") else "worsening"


def in_force(rows, m):
    best = None
    for vf, payload in rows:
        if vf <= m and (best is None or vf > best[0]):
            best = (vf, payload)
    return None if best is None else best[1]


def oracle(kpis, values, comps, targets, given_places, compare_at, within):
    rows = {}
    for code, pol, tgt, tol, dec in kpis:
        places = given_places if given_places is not None else {"display": dec, "whole": 0, "exact": None}[compare_at]
        series = {m: values.get((code, m)) for m in MONTHS}
        window = [series[m] for m in WINDOW]
        known = [Fraction(v) for v in window if v is not None]
        if known:
            lo, hi = min(known), max(known)
            spark = "".join(" " if v is None else
                            BARS[3] if hi == lo else BARS[min(7, int((Fraction(v) - lo) * 8 / (hi - lo)))]
                            for v in window)
        else:
            spark = None
        for m in WINDOW:
            i = MONTHS.index(m)
            v = series[m]
            prev = series[MONTHS[i - 1]]
            last3 = [series[MONTHS[i - k]] for k in (1, 2, 3)]
            avg = None if None in last3 else sum(Fraction(x) for x in last3) / 3
            cmp = {c: in_force([(d, val) for k, cc, d, val in comps if k == code and cc == c], m)
                   for c in ("statistical neighbours", "england", "region")}
            t = in_force([(d, (tt, tl)) for k, d, tt, tl in targets if k == code], m) or (tgt, tol)
            if v is None or t[0] is None:
                rag = None
            else:
                fv, ft, ftl = Fraction(v), Fraction(t[0]), Fraction(t[1])
                good = fv >= ft if pol == "high" else fv <= ft
                near = fv >= ft - ftl if pol == "high" else fv <= ft + ftl
                rag = "green" if good else "amber" if near else "red"
            d1 = direction(v, prev, places, within)
            d3 = direction(v, avg, places, within)
            rows[(code, str(m))] = {
                "value": v, "previous_value": prev, "previous_average": avg,
                "change_direction": d1, "change_travel": travel(d1, pol),
                "average_direction": d3, "average_travel": travel(d3, pol),
                "statistical_neighbours": cmp["statistical neighbours"], "england": cmp["england"],
                "region": cmp["region"],
                "vs_statistical_neighbours": direction(v, cmp["statistical neighbours"], places, within),
                "vs_england": direction(v, cmp["england"], places, within),
                "vs_region": direction(v, cmp["region"], places, within),
                "target": t[0], "tolerance": t[1], "rag": rag, "sparkline": spark,
                "compared_at": None if places is None else str(places)}
    return rows


FIELDS = ["value", "previous_value", "previous_average", "change_direction", "change_travel",
          "average_direction", "average_travel", "statistical_neighbours", "england", "region",
          "vs_statistical_neighbours", "vs_england", "vs_region", "target", "tolerance", "rag", "sparkline",
          "compared_at"]
NUMERIC = {"value", "previous_value", "previous_average", "statistical_neighbours", "england", "region",
           "target", "tolerance"}


def same(field, got, want):
    if want is None:
        return got == ""
    if field in NUMERIC:
        return got != "" and abs(Fraction(Decimal(got)) - Fraction(want)) < Fraction(1, 10 ** 12)
    return got == want


def main():
    tap = Tap()
    kpis, values, comps, targets = build()
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script(kpis, values, comps, targets))
        path = f.name
    try:
        res = run_psql(path)
    finally:
        os.unlink(path)
    tap.check(res.returncode == 0, "the scorecard runs on a random catalogue", res.stderr.splitlines()[:5])
    got = {}
    for line in res.stdout.splitlines():
        cells = line.split("\t")
        got.setdefault(int(cells[0]), {})[(cells[1], cells[2])] = dict(zip(FIELDS, cells[3:]))
    edges = sum(1 for v in values.values() if v is not None and v % 1 in (Decimal("0.5"),))
    for n, (places, compare_at, within) in enumerate(COMBOS):
        want = oracle(kpis, values, comps, targets, places, compare_at, within)
        rows = got.get(n, {})
        bad, total, examples = 0, 0, []
        for key, w in want.items():
            g = rows.get(key)
            for field in FIELDS:
                total += 1
                if g is None or not same(field, g.get(field, "<missing>"), w[field]):
                    bad += 1
                    if len(examples) < 5:
                        examples.append("%s %s %s: scorecard %r, oracle %r"
                                        % (key[0], key[1], field, None if g is None else g.get(field), w[field]))
        tap.check(bad == 0 and len(rows) == len(want) == KPIS * 12,
                  "places %s, compare_at %s, equal_within %s: %d of %d fields differ (%d rows; %d values on .5)"
                  % (places, compare_at, within, bad, total, len(rows), edges), examples)
    sys.exit(1 if tap.failed else 0)


if __name__ == "__main__":
    main()
