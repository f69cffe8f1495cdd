#!/usr/bin/python3
"""Differential test: socialcare's funnel-plot functions against scipy.

Expected values are computed here, independently of src/funnel.c, from the
definitions in doc/funnel.md with scipy's special functions and root finder:

- Wilson (PHEindicatormethods' sigma_adjustment): c +- z sqrt(c (1 - c) / n),
  z = norm.isf((1 - confidence) / 2), clamped to [0, 1];
- exact binomial: the count x (continuous) whose Clopper-Pearson interval
  ends at c: betainc(x, n - x + 1, c) = a/2 (upper) and
  betainc(n - x, x + 1, 1 - c) = a/2 (lower), by scipy.optimize.brentq;
- exact Poisson: gammainc(O, E) = a/2 (upper), gammaincc(O + 1, E) = a/2
  (lower), E = c * denominator;
- Byar's (exact below 10 events): Byar's formulas solved above 10 when
  Byar's end at 10 is past E, else the exact root below 10;
- positions: each unit's own interval (Clopper-Pearson by beta.ppf, Garwood
  by chi2.ppf, Byar's by formula) against the centre, or the value against
  the limits (Wilson, and with overdispersion);
- funnel_baseline: z-scores, scipy.stats.mstats.winsorize at 10% each end,
  phi and tau2 by Spiegelhalter (2005).

Random cases (fixed seed), edge cases (denominators 1 and huge, numerators
0 and equal to the denominator, centres 0 and 1) are loaded with \\copy and
evaluated in one psql session.  Limits agree to 1e-9 relative (1e-12
absolute near 0); positions exactly, except cases within 1e-9 of a tie.

Run: /usr/bin/python3 test/differential/funnel_diff.py
(psql must reach the server through PGHOST/PGPORT/PGUSER/PGDATABASE.)
"""

import math
import os
import sys
import tempfile

import numpy as np
from scipy.optimize import brentq
from scipy.special import betainc, gammainc, gammaincc
from scipy.stats import beta, chi2, norm
from scipy.stats.mstats import winsorize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, run_psql  # noqa: E402

SEED = 20261202
N_PROP = 3000
N_COUNT = 3000
N_SIDE = 6000
N_GROUPS = 300
REL = 1e-9
ABS = 1e-12
EXAMPLES = 5


def z_for(conf):
    return norm.isf((1.0 - conf) / 2.0)


def root(f, lo, hi):
    return brentq(f, lo, hi, xtol=1e-300, rtol=8.9e-16, maxiter=500)


def prop_limits(c, n, conf, method):
    ha = (1.0 - conf) / 2.0
    if method == "wilson":
        h = z_for(conf) * math.sqrt(c * (1 - c) / n)
        return max(0.0, c - h), min(1.0, c + h)
    if c in (0.0, 1.0):
        return c, c
    m = n * c
    # upper: I_c(x, n - x + 1) falls from ~1 (x -> 0) to c^n (x = n)
    if c ** n >= ha:
        up = 1.0
    else:
        up = root(lambda x: ha - betainc(x, n - x + 1, c), m, n) / n
    # lower: P(Bin <= x) = I_{1-c}(n - x, x + 1) rises from (1 - c)^n
    if (1 - c) ** n >= ha:
        lo = 0.0
    else:
        lo = root(lambda x: betainc(n - x, x + 1, 1 - c) - ha, 0.0, m) / n
    return lo, up


def byars_lower(o, z):
    return o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3


def byars_upper(o, z):
    return (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3


def count_limits(c, d, conf, method):
    ha = (1.0 - conf) / 2.0
    z = z_for(conf)
    e = c * d
    if e == 0:
        return 0.0, 0.0
    hi = e + 20 * (z + 1) * math.sqrt(e) + z * z + 50

    def exact_upper(lo_, hi_):
        f = lambda o: ha - gammainc(o, e)  # noqa: E731
        return hi_ if f(hi_) <= 0 else root(f, lo_, hi_)

    def exact_lower(hi_):
        f = lambda o: gammaincc(o + 1, e) - ha  # noqa: E731
        if f(0.0) >= 0:
            return 0.0
        return hi_ if f(hi_) <= 0 else root(f, 0.0, hi_)

    if method == "exact":
        return exact_lower(e) / d, exact_upper(e, hi) / d
    if byars_lower(10, z) <= e:
        up = root(lambda o: byars_lower(o, z) - e, 10, hi)
    else:
        up = exact_upper(min(e, 10), 10)
    if byars_upper(10, z) < e:
        lo = root(lambda o: byars_upper(o, z) - e, 10, e)
    else:
        lo = exact_lower(min(e, 10))
    return lo / d, up / d


def close(a, b):
    return abs(a - b) <= max(ABS, REL * max(abs(a), abs(b)))


def side_of(kind, method, x, n, c, conf, phi, tau2):
    """(side, margin): margin is how far from a tie, relative."""
    ha = (1.0 - conf) / 2.0
    z = z_for(conf)
    if phi != 1 or tau2 != 0 or method == "wilson":
        v = c * (1 - c) if kind == "proportion" else c
        h = z * math.sqrt(phi * v / n + tau2)
        y = x / n
        m = min(abs(y - (c - h)), abs(y - (c + h))) / max(abs(c), 1e-300)
        return (-1 if y < c - h else 1 if y > c + h else 0), m
    if kind == "proportion":
        lo = beta.ppf(ha, x, n - x + 1) if x > 0 else 0.0
        up = beta.isf(ha, x + 1, n - x) if x < n else 1.0
        target = c
    else:
        target = c * n
        if method == "byars" and x >= 10:
            lo, up = byars_lower(x, z), byars_upper(x, z)
        else:
            lo = chi2.ppf(ha, 2 * x) / 2 if x > 0 else 0.0
            up = chi2.isf(ha, 2 * x + 2) / 2
    m = min(abs(lo - target), abs(up - target)) / max(target, 1e-300)
    return (1 if lo > target else -1 if up < target else 0), m


def baseline(kind, num, den, centre=None):
    num, den = np.asarray(num, float), np.asarray(den, float)
    c = centre if centre is not None else (1.0 if kind == "ratio" else num.sum() / den.sum())
    v = c * (1 - c) if kind == "proportion" else c
    if not v > 0:
        return c, None, None
    zs = (num / den - c) / np.sqrt(v / den)
    zw = np.asarray(winsorize(np.sort(zs), limits=(0.1, 0.1)))
    phi = float(np.mean(zw * zw))
    w = den / v
    i = len(zs)
    excess = i * phi - (i - 1)
    denom = w.sum() - (w * w).sum() / w.sum()
    tau2 = excess / denom if excess > 0 and denom > 0 else 0.0
    return c, phi, tau2


def main():
    rng = np.random.default_rng(SEED)
    tap = Tap()
    confs = lambda k: np.where(rng.random(k) < 0.3, 0.95,  # noqa: E731
                               np.where(rng.random(k) < 0.4, 0.998, rng.uniform(0.5, 0.99999, k)))

    # Limits: proportions.
    lim = []
    ns = np.concatenate([[1, 1, 2, 3, 1e9, 1e7, 0.5], np.exp(rng.uniform(0, math.log(1e6), N_PROP))])
    ns = np.where(rng.random(len(ns)) < 0.5, np.round(ns), ns)
    ns = np.maximum(ns, 1e-3)
    cs = np.concatenate([[0.5, 0.0, 1.0, 1e-9, 0.3, 0.999999, 0.5], rng.uniform(0, 1, N_PROP)])
    cf = confs(len(ns))
    for i, (n, c, k) in enumerate(zip(ns, cs, cf)):
        for method in ("wilson", "exact"):
            lim.append(("proportion", method, float(c), float(n), float(k)))
    # Limits: rates and ratios (E = c * d from 1e-4 to 1e8).
    ds = np.exp(rng.uniform(math.log(1e-2), math.log(1e7), N_COUNT))
    es = np.exp(rng.uniform(math.log(1e-4), math.log(1e8), N_COUNT))
    cs2 = es / ds
    ds = np.concatenate([[1, 1, 4.78, 4.79, 4.8, 18.39, 18.4, 1e8], ds])
    cs2 = np.concatenate([[1, 0, 1, 1, 1, 1, 1, 1], cs2])
    cf2 = confs(len(ds))
    cf2[:8] = 0.95
    for d, c, k in zip(ds, cs2, cf2):
        for method in ("exact", "byars"):
            lim.append(("rate" if rng.random() < 0.5 else "ratio", method, float(c), float(d), float(k)))

    # Positions.
    sides = []
    for _ in range(N_SIDE):
        kind = rng.choice(["proportion", "rate", "ratio"])
        k = float(confs(1)[0])
        spread = rng.random() < 0.2
        phi = float(rng.uniform(0.5, 4)) if spread and rng.random() < 0.5 else 1.0
        tau2 = float(rng.uniform(0, 0.01)) if spread and phi == 1.0 else 0.0
        if kind == "proportion":
            n = float(max(1, round(math.exp(rng.uniform(0, math.log(1e5))))))
            c = float(rng.uniform(0.01, 0.99))
            x = float(np.clip(rng.binomial(int(n), min(1.0, max(0.0, c * rng.uniform(0.7, 1.3)))), 0, n))
            method = rng.choice(["wilson", "exact"])
        else:
            n = float(math.exp(rng.uniform(0, math.log(1e5))))
            c = float(math.exp(rng.uniform(math.log(1e-3), math.log(2))))
            x = float(rng.poisson(c * n * rng.uniform(0.6, 1.5)))
            method = rng.choice(["exact", "byars"])
        sides.append((kind, method, x, n, c, k, phi, tau2))
    sides += [("proportion", "exact", 0.0, 1.0, 0.5, 0.95, 1.0, 0.0),
              ("proportion", "exact", 1.0, 1.0, 0.5, 0.95, 1.0, 0.0),
              ("proportion", "exact", 0.0, 10.0, 0.5, 0.95, 1.0, 0.0),
              ("proportion", "exact", 10.0, 10.0, 0.5, 0.95, 1.0, 0.0),
              ("rate", "byars", 0.0, 10.0, 0.5, 0.95, 1.0, 0.0),
              ("ratio", "exact", 0.0, 3.0, 1.0, 0.95, 1.0, 0.0)]

    # Baselines.
    units = []
    groups = []
    for g in range(N_GROUPS):
        kind = ["proportion", "rate", "ratio"][g % 3]
        size = int(rng.integers(1, 300))
        given = float(rng.uniform(0.05, 0.9)) if rng.random() < 0.2 else None
        den = np.round(np.exp(rng.uniform(math.log(5), math.log(5000), size)))
        p = rng.uniform(0.05, 0.9) if kind == "proportion" else rng.uniform(0.01, 2)
        sd = rng.uniform(0, 0.1)
        rates = np.clip(p + rng.normal(0, sd, size), 0.0, 1.0 if kind == "proportion" else None)
        num = (rng.binomial(den.astype(int), rates) if kind == "proportion"
               else rng.poisson(rates * den)).astype(float)
        groups.append((g, kind, given, num, den))
        for a, b in zip(num, den):
            units.append((g, kind, given, a, b))

    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for name, rows in (("lim", lim), ("sides", sides), ("units", units)):
            path = os.path.join(tmp, name + ".tsv")
            with open(path, "w") as f:
                for i, r in enumerate(rows):
                    f.write("\t".join([str(i)] + ["\\N" if v is None else repr(v) if isinstance(v, float)
                                                  else str(v) for v in r]) + "\n")
            files[name] = path
        script = os.path.join(tmp, "q.sql")
        with open(script, "w") as f:
            f.write(f"""
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS socialcare;
SET extra_float_digits = 3;
CREATE TEMP TABLE lim (i int, kind text, method text, c float8, d float8, conf float8);
\\copy lim FROM '{files['lim']}'
CREATE TEMP TABLE sides (i int, kind text, method text, x float8, n float8, c float8, conf float8,
  phi float8, tau2 float8);
\\copy sides FROM '{files['sides']}'
CREATE TEMP TABLE units (i int, g int, kind text, given float8, num float8, den float8);
\\copy units FROM '{files['units']}'
\\echo LIM
SELECT i, l.lower, l.upper FROM lim, socialcare.funnel_limit(c, d, conf, kind, method) l ORDER BY i;
\\echo LIMS
SELECT i, l.* FROM lim, socialcare.funnel_limits(c, d, kind, method) l WHERE i % 7 = 0 ORDER BY i;
\\echo SIDES
SELECT i, socialcare.funnel_side(x, n, c, conf, kind, method, phi, tau2),
  socialcare.funnel_significance(x, n, c, kind, method, phi, tau2) FROM sides ORDER BY i;
\\echo BASE
SELECT g, (b).centre, (b).units, (b).phi, (b).tau2 FROM (
  SELECT g, socialcare.funnel_baseline(num, den, kind, given) AS b FROM units GROUP BY g) s ORDER BY g;
""")
        res = run_psql(script)
        if res.returncode != 0:
            tap.check(False, "psql ran", res.stderr.splitlines()[:10])
            print(f"1..{tap.n}")
            return 1
    sections = {}
    cur = None
    for line in res.stdout.splitlines():
        if line in ("LIM", "LIMS", "SIDES", "BASE"):
            cur = sections.setdefault(line, [])
        elif cur is not None:
            cur.append(line.split("\t"))

    # Limits at any confidence.
    bad = {}
    tot = {}
    for row in sections["LIM"]:
        i = int(row[0])
        kind, method, c, d, k = lim[i]
        want = prop_limits(c, d, k, method) if kind == "proportion" else count_limits(c, d, k, method)
        got = (float(row[1]), float(row[2]))
        key = f"{kind if kind == 'proportion' else 'rate/ratio'} {method}"
        tot[key] = tot.get(key, 0) + 1
        if not (close(got[0], want[0]) and close(got[1], want[1])):
            bad.setdefault(key, []).append(f"{lim[i]}: got {got}, want {want}")
    for key in sorted(tot):
        b = bad.get(key, [])
        tap.check(not b, f"funnel_limit, {key}: {len(b)} of {tot[key]} differ from scipy (1e-9)",
                  b[:EXAMPLES])

    # Both levels at once, with the ordering invariant.
    b = []
    for row in sections["LIMS"]:
        i = int(row[0])
        kind, method, c, d, k = lim[i]
        f = prop_limits if kind == "proportion" else count_limits
        l95, l998 = f(c, d, 0.95, method), f(c, d, 0.998, method)
        got = [float(v) for v in row[1:]]
        want = [l998[0], l95[0], l95[1], l998[1]]
        if not all(close(a, w) for a, w in zip(got, want)) or not (got[0] <= got[1] <= got[2] <= got[3]):
            b.append(f"{lim[i]}: got {got}, want {want}")
    tap.check(not b and len(sections["LIMS"]) > 100,
              f"funnel_limits at 99.8% and 95%: {len(b)} of {len(sections['LIMS'])} differ or are out of order",
              b[:EXAMPLES])

    # Positions.
    labels = {(1, 1): "High (0.001)", (1, 0): "High (0.025)", (-1, -1): "Low (0.001)", (-1, 0): "Low (0.025)",
              (0, 0): "Not significant"}
    b = []
    skipped = 0
    for row in sections["SIDES"]:
        i = int(row[0])
        kind, method, x, n, c, k, phi, tau2 = sides[i]
        want, margin = side_of(kind, method, x, n, c, k, phi, tau2)
        s95, m95 = side_of(kind, method, x, n, c, 0.95, phi, tau2)
        s998, m998 = side_of(kind, method, x, n, c, 0.998, phi, tau2)
        if min(margin, m95, m998) < 1e-9:
            skipped += 1
            continue
        label = labels[(s95, s998)] if s998 == 0 or s998 == s95 else "?"
        if int(row[1]) != want or row[2] != label:
            b.append(f"{sides[i]}: got {row[1]} {row[2]}, want {want} {label}")
    tap.check(not b and skipped < 20,
              f"funnel_side and funnel_significance: {len(b)} of {len(sections['SIDES']) - skipped} "
              f"differ from scipy ({skipped} ties skipped)", b[:EXAMPLES])

    # Baselines.
    b = []
    for row in sections["BASE"]:
        g = int(row[0])
        _, kind, given, num, den = groups[g]
        c, phi, tau2 = baseline(kind, num, den, given)
        got_phi = None if row[3] == "" else float(row[3])
        got_tau2 = None if row[4] == "" else float(row[4])
        ok = close(float(row[1]), c) and int(row[2]) == len(num)
        ok = ok and (phi is None) == (got_phi is None)
        if ok and phi is not None:
            ok = close(got_phi, phi) and abs(got_tau2 - tau2) <= max(1e-15, REL * tau2)
        if not ok:
            b.append(f"group {g} {kind}: got {row[1:]}, want {(c, len(num), phi, tau2)}")
    tap.check(not b and len(sections["BASE"]) == N_GROUPS,
              f"funnel_baseline (centre, phi, tau2): {len(b)} of {len(sections['BASE'])} groups differ",
              b[:EXAMPLES])
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
