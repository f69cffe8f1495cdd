#!/usr/bin/python3
"""Differential test: socialcare's rates, percentages and intervals against scipy.

Expected values are computed here, independently of the extension's C code:
z = scipy.stats.norm.ppf(1 - (1 - c) / 2); Wilson and Byar's limits by their
published formulas (definitions.md 7.2, 7.3) in numpy; exact Poisson limits
as scipy.stats.chi2.ppf(alpha / 2, 2x) / 2 and chi2.ppf(1 - alpha / 2,
2x + 2) / 2 (7.4); rates as count limit / population * per (7.5).  (The
upper-tail quantiles are taken with isf, which equals ppf(1 - p) without
rounding 1 - p; the oracle checks that the two agree.)  compare_to_benchmark
follows Fingertips' SingleOverlappingCIsForOneCILevelComparer: "similar"
when lower <= benchmark <= upper, else value < benchmark is worse (before
polarity) and anything else better.  rate(),
percent() and pct() are checked against exact fractions, and round(..., 1)
against Decimal.quantize(ROUND_HALF_UP) on cases built to land exactly on
a half.  The oracle itself is first checked against definitions.md 7.6.

Random cases (fixed seed) are bulk-loaded with \\copy into temporary
tables; every SQL function is evaluated over them in one psql session and
the results are compared here.  pct() is also run under a forced parallel
plan (on an ordinary table, since temporary tables are never scanned in
parallel; it is dropped afterwards) and as a moving window.

Run: /usr/bin/python3 test/differential/stats_diff.py
(psql must reach the server through PGHOST/PGPORT/PGUSER/PGDATABASE.)
Output: one TAP line per check ("ok N - ..." / "not ok N - ..."), with
mismatching examples on "# " lines; exit status 0 when all pass.
"""

import decimal
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
from scipy.stats import chi2, norm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, run_psql  # noqa: E402

SEED = 20250611
N_PROPORTIONS = 20_000
N_COUNTS = 20_000
N_HALVES = 4_000            # rates and percentages built to end in ...5
N_BENCHMARKS = 5_000
N_TIES = 200                # value = benchmark outside the interval
N_SUPPRESS = 5_000
PCT_ROWS = 300_000          # big enough for a parallel scan
PCT_GROUPS = 1_000
WINDOW_ROWS = 40_000
WINDOW = 12                 # ROWS BETWEEN 11 PRECEDING AND CURRENT ROW
REL_TOL = 1e-9              # 9 significant figures for the intervals
EXACT_SIG = 15              # significant figures for rate(), percent(), pct()
EXAMPLES = 5

# Confidence levels and how often each is drawn; 95 and 99.8 are the
# percentage forms the functions also accept.
LEVELS = [0.95, 0.998, 0.9, 0.99, 0.8, 0.9999, 0.999999, 95.0, 99.8]
LEVEL_P = [0.38, 0.30, 0.07, 0.07, 0.04, 0.03, 0.03, 0.04, 0.04]
PERS = ["10000", "100000", "1000", "100", "1", "2.5"]
PER_P = [0.40, 0.25, 0.15, 0.10, 0.05, 0.05]

PCT_TABLE = "stats_diff_pct_%d" % os.getpid()


# ---------------------------------------------------------------- oracle

def as_fraction(c):
    """A confidence level as the functions read it: 95 means 0.95."""
    c = np.asarray(c, dtype=float)
    return np.where(c >= 50, c / 100.0, c)


def z_for(conf):
    """norm.ppf(1 - (1 - c) / 2), computed as norm.isf((1 - c) / 2): the same
    quantile without rounding 1 - tail, which at c = 0.999999 costs
    norm.ppf 5e-12 of relative error (the oracle self-check compares both)."""
    return norm.isf((1.0 - as_fraction(conf)) / 2.0)


def wilson(x, n, conf):
    """definitions.md 7.2, as proportions."""
    x, n = np.asarray(x, dtype=float), np.asarray(n, dtype=float)
    z = z_for(conf)
    z2 = z * z
    spread = z * np.sqrt(z2 + 4.0 * x * (1.0 - x / n))
    return (2 * x + z2 - spread) / (2 * (n + z2)), (2 * x + z2 + spread) / (2 * (n + z2))


def byars(x, conf):
    """definitions.md 7.3."""
    x = np.asarray(x, dtype=float)
    z = z_for(conf)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
    return lower, upper


def exact_poisson(x, conf):
    """definitions.md 7.4: chi-square quantiles; lower 0 for x = 0."""
    x = np.asarray(x, dtype=float)
    alpha = 1.0 - as_fraction(conf)
    with np.errstate(invalid="ignore"):
        lower = np.where(x == 0, 0.0, chi2.ppf(alpha / 2, np.maximum(2 * x, 1)) / 2)
    upper = chi2.isf(alpha / 2, 2 * x + 2) / 2      # chi2.ppf(1 - alpha / 2, ...)
    return lower, upper


def count_interval(x, conf):
    """PHEindicatormethods' phe_rate: exact below 10, Byar's from 10."""
    x = np.asarray(x)
    el, eu = exact_poisson(np.where(x < 10, x, 0), conf)
    bl, bu = byars(np.where(x >= 10, x, 10), conf)
    return np.where(x < 10, el, bl), np.where(x < 10, eu, bu)


# definitions.md 7.6 (PHEindicatormethods' test data)
CROSS_CHECKS = [
    ("byars 65 (95 %)", lambda: byars(65, 0.95), (50.163187710459454, 82.849138545939837)),
    ("byars 1045 (95 %)", lambda: byars(1045, 0.95), (982.59320180733255, 1110.3312129856499)),
    ("byars 65 (99.8 %)", lambda: byars(65, 0.998), (42.880261471480203, 94.000290844318016)),
    ("byars_lower 1 (95 %)", lambda: (byars(1, 0.95)[0],), (0.013072132901504351,)),
    ("wilson 65/100 (95 %)", lambda: wilson(65, 100, 0.95), (0.55254443296887967, 0.73635751756902468)),
    ("wilson 1045/5000 (99.8 %)", lambda: wilson(1045, 5000, 0.998),
     (0.19179381799015244, 0.22731562902525818)),
    ("rate 1/100 x 100 (95 %)", lambda: count_interval(1, 0.95), (0.025317807984289897, 5.571643390938898)),
    ("rate 5/100 x 100 (99.8 %)", lambda: count_interval(5, 0.998), (0.739371731917839, 16.454745203680105)),
    ("rate 20/100 x 100 (95 %)", lambda: count_interval(20, 0.95), (12.211428834875937, 30.889880369197066)),
    ("rate 250/220 x 100000 (95 %)", lambda: [v / 220 * 100000 for v in count_interval(250, 0.95)],
     (99984.947385328764, 128631.14487455782)),
    ("proportion 9856/12345 (95 %)", lambda: wilson(9856, 12345, 0.95),
     (0.79121017529090687, 0.80536400736149094)),
    ("exact 0 upper (95 %) = -ln(0.025)", lambda: exact_poisson(0, 0.95), (0.0, 3.6888794541139363)),
]


def oracle_cross_check():
    bad = []
    levels = np.array(LEVELS)
    by_ppf = norm.ppf(1.0 - (1.0 - as_fraction(levels)) / 2.0)
    for c, a, b in zip(LEVELS, z_for(levels), by_ppf):
        if not abs(a - b) <= 1e-10 * a:
            bad.append(f"z({c}): norm.isf gives {a!r}, norm.ppf {b!r}")
    alpha = 1.0 - as_fraction(levels)
    for df in (2, 10, 20):
        for c, a, b in zip(LEVELS, chi2.isf(alpha / 2, df), chi2.ppf(1 - alpha / 2, df)):
            if not abs(a - b) <= 1e-10 * a:
                bad.append(f"chi2 upper quantile df {df} at {c}: isf {a!r}, ppf {b!r}")
    for name, f, want in CROSS_CHECKS:
        got = [float(v) for v in f()]
        for g, w in zip(got, want):
            if not abs(g - w) <= 1e-12 * abs(w):
                bad.append(f"{name}: {g!r}, expected {w!r}")
    return bad


# ---------------------------------------------------------------- cases

def log_uniform_int(rng, lo, hi, size):
    return np.floor(np.exp(rng.uniform(np.log(lo), np.log(hi + 1), size))).astype(np.int64).clip(lo, hi)


def make_proportions(rng, size):
    n = log_uniform_int(rng, 1, 10**6, size)
    kind = rng.choice(6, size, p=[0.45, 0.12, 0.12, 0.15, 0.10, 0.06])
    small = rng.integers(0, 21, size)
    x = np.select(
        [kind == 0, kind == 1, kind == 2, kind == 3, kind == 4],
        [np.floor(rng.random(size) * (n + 1)).astype(np.int64),   # anywhere in 0..n
         np.zeros(size, np.int64),                                # x = 0
         n,                                                       # x = n
         np.minimum(small, n),                                    # a few successes
         np.maximum(n - small, 0)],                               # a few failures
        np.minimum(log_uniform_int(rng, 1, 10**6, size), n))      # log-uniform x
    x = np.minimum(x, n)
    conf = rng.choice(LEVELS, size, p=LEVEL_P)
    return {"x": x, "n": n, "conf": conf}


def make_counts(rng, size):
    kind = rng.choice(4, size, p=[0.25, 0.20, 0.45, 0.10])
    c = np.select([kind == 0, kind == 1, kind == 2],
                  [rng.integers(0, 10, size),                     # exact
                   rng.integers(7, 14, size),                     # around the switch
                   log_uniform_int(rng, 1, 10**6, size)],
                  rng.integers(10, 200, size))
    pop_int = log_uniform_int(rng, 1, 10**7, size)
    pkind = rng.choice(3, size, p=[0.85, 0.12, 0.03])
    tenths = rng.integers(0, 10, size)
    pop = [("0" if k == 2 else f"{p}.{t}" if k == 1 else str(p))
           for p, k, t in zip(pop_int.tolist(), pkind.tolist(), tenths.tolist())]
    per = rng.choice(PERS, size, p=PER_P)
    conf = rng.choice(LEVELS, size, p=LEVEL_P)
    return {"c": c, "pop": pop, "per": per.tolist(), "conf": conf}


def make_rate_halves(rng, size):
    """count, population, per with count / population * per = (10a + 5) / 100
    exactly: population 2^i 5^j with i >= 2 + e, j >= 1 + e for per = 10^e,
    count = (2a + 1) 2^(i-2-e) 5^(j-1-e)."""
    rows = []
    for _ in range(size):
        e = int(rng.integers(0, 6))
        i = 2 + e + int(rng.integers(0, 3))
        j = 1 + e + int(rng.integers(0, 3))
        a = int(rng.integers(0, 20_000))
        count = (2 * a + 1) * 2 ** (i - 2 - e) * 5 ** (j - 1 - e)
        rows.append((count, 2 ** i * 5 ** j, 10 ** e))
    return rows


def make_percent_halves(rng, size):
    """part, whole with 100 part / whole ending in 5 at 2 dp (dp = 1) or
    at 1 dp (dp = 0): whole = 2000 m, part = (2a + 1) m, or 200 m, (2a + 1) m."""
    rows = []
    for _ in range(size):
        dp = int(rng.integers(0, 2))
        base = 2000 if dp == 1 else 200
        m = int(rng.integers(1, 500))
        a = int(rng.integers(0, base // 2))
        rows.append(((2 * a + 1) * m, base * m, dp))
    return rows


def make_benchmarks(rng, size, ties=False):
    """(value, lower, upper, benchmark, polarity) as decimal strings, with
    the benchmark at, just inside, just outside or far from either limit.
    ties: the value equals the benchmark, which lies outside the interval
    (an interval that misses its own value: Fingertips calls it better)."""
    rows = []
    for _ in range(size):
        if ties:
            value = Decimal(int(rng.integers(0, 10**6))).scaleb(-int(rng.integers(0, 4)))
            gap = Decimal(int(rng.integers(1, 10**4))).scaleb(-int(rng.integers(0, 16)))
            width = Decimal(int(rng.integers(0, 10**4))).scaleb(-int(rng.integers(0, 4)))
            lower = value + gap if rng.random() < 0.5 else value - gap - width
            polarity = ["high", "low", None][int(rng.integers(0, 3))]
            rows.append((value, lower, lower + width, value, polarity))
            continue
        value = Decimal(int(rng.integers(0, 10**7))).scaleb(-int(rng.integers(0, 5)))
        lower = value - Decimal(int(rng.integers(0, 10**5))).scaleb(-int(rng.integers(0, 5)))
        upper = value + Decimal(int(rng.integers(0, 10**5))).scaleb(-int(rng.integers(0, 5)))
        tiny = Decimal(1).scaleb(-int(rng.integers(1, 16)))
        far = Decimal(int(rng.integers(1, 10**6)))
        bench = [lower, upper, lower + tiny, upper - tiny, lower - tiny, upper + tiny,
                 lower - far, upper + far, value][int(rng.integers(0, 9))]
        polarity = ["high", "low", None][int(rng.integers(0, 3))]
        rows.append((value, lower, upper, bench, polarity))
    return rows


def make_pct_rows(rng, rows, groups):
    """(grp, seq, cond) with per-group rates of TRUE and NULL: some groups
    all NULL, all TRUE or all FALSE."""
    grp = np.sort(rng.integers(0, groups, rows))
    p_true = rng.random(groups)
    p_null = rng.random(groups) * 0.5
    special = rng.choice(4, groups, p=[0.88, 0.04, 0.04, 0.04])
    p_null[special == 1] = 1.0
    p_true[special == 2] = 1.0
    p_true[special == 3] = 0.0
    cond = rng.random(rows) < p_true[grp]
    null = rng.random(rows) < p_null[grp]
    seq = np.arange(rows)
    return grp, seq, cond, null


# ---------------------------------------------------------------- files

def write_tsv(path, columns):
    with open(path, "w") as out:
        out.writelines("\t".join(row) + "\n" for row in zip(*columns))


def strs(a):
    return [repr(float(v)) if isinstance(v, (float, np.floating)) else str(v) for v in a]


def bool_col(cond, null):
    return ["\\N" if u else ("t" if c else "f") for c, u in zip(cond.tolist(), null.tolist())]


# ---------------------------------------------------------------- SQL

SETUP = r"""
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS socialcare;
SET search_path = socialcare, public;
SET extra_float_digits = 3;
CREATE TEMP TABLE props (id int, x bigint, n bigint, conf float8);
CREATE TEMP TABLE counts (id int, c bigint, pop numeric, per numeric, conf float8);
CREATE TEMP TABLE rhalves (id int, c bigint, pop numeric, per numeric);
CREATE TEMP TABLE phalves (id int, part bigint, whole bigint, dp int);
CREATE TEMP TABLE benches (id int, v numeric, lo numeric, hi numeric, b numeric, polarity text);
CREATE TEMP TABLE sups (id int, v numeric, c bigint, threshold int);
CREATE TEMP TABLE wrows (grp int, seq int, cond boolean);
DROP TABLE IF EXISTS {pct};
CREATE TABLE {pct} (grp int, seq int, cond boolean);
\copy props FROM '{props}'
\copy counts FROM '{counts}'
\copy rhalves FROM '{rhalves}'
\copy phalves FROM '{phalves}'
\copy benches FROM '{benches}'
\copy sups FROM '{sups}'
\copy wrows FROM '{wrows}'
\copy {pct} FROM '{pctrows}'
ANALYZE {pct};
"""

QUERIES = r"""
\echo @@props
SELECT id, percent(x, n), percent_lower(x, n, conf), percent_upper(x, n, conf),
       ci.value, ci.lower, ci.upper, round(percent(x, n), 1),
       percent_lower(x, n) IS NOT DISTINCT FROM percent_lower(x, n, 0.95)
         AND percent_upper(x, n) IS NOT DISTINCT FROM percent_upper(x, n, 0.95)
FROM props LEFT JOIN LATERAL percent_ci(x, n, conf) ci ON true ORDER BY id;
\echo @@counts
SELECT id, rate(c, pop, per), rate_lower(c, pop, per, conf), rate_upper(c, pop, per, conf),
       count_lower(c, conf), count_upper(c, conf), rate_method(c),
       ci.value, ci.lower, ci.upper, ci.method, round(rate(c, pop, per), 1),
       rate(c, pop) IS NOT DISTINCT FROM rate(c, pop, 10000)
         AND rate_lower(c, pop) IS NOT DISTINCT FROM rate_lower(c, pop, 10000, 0.95)
         AND rate_upper(c, pop) IS NOT DISTINCT FROM rate_upper(c, pop, 10000, 0.95)
         AND count_lower(c) = count_lower(c, 0.95) AND count_upper(c) = count_upper(c, 0.95)
FROM counts LEFT JOIN LATERAL rate_ci(c, pop, per, conf) ci ON true ORDER BY id;
\echo @@rhalves
SELECT id, rate(c, pop, per), round(rate(c, pop, per), 1) FROM rhalves ORDER BY id;
\echo @@phalves
SELECT id, percent(part, whole), round(percent(part, whole), dp) FROM phalves ORDER BY id;
\echo @@benches
SELECT id, compare_to_benchmark(v, lo, hi, b, polarity) FROM benches ORDER BY id;
\echo @@sups
SELECT id, suppress(c, threshold), suppress_value(v, c, threshold), suppress(c) FROM sups ORDER BY id;
\echo @@window
SELECT grp, seq, pct(cond) OVER (PARTITION BY grp ORDER BY seq
                                 ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
FROM wrows ORDER BY grp, seq;
\echo @@serial
SET max_parallel_workers_per_gather = 0;
SELECT grp, pct(cond) FROM {pct} GROUP BY grp ORDER BY grp;
SELECT -1, pct(cond) FROM {pct};
RESET max_parallel_workers_per_gather;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
\echo @@plan
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT grp, pct(cond) FROM {pct} GROUP BY grp;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT pct(cond) FROM {pct};
\echo @@parallel
SELECT grp, pct(cond) FROM {pct} GROUP BY grp ORDER BY grp;
SELECT -1, pct(cond) FROM {pct};
\echo @@end
DROP TABLE {pct};
"""


def sections(stdout):
    """{name: [lines]} from the @@name markers."""
    out, current = {}, None
    for line in stdout.splitlines():
        if line.startswith("@@"):
            current = line[2:]
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return out


def fields(lines):
    return [line.split("\t") for line in lines]


# ---------------------------------------------------------------- comparisons

def num(s):
    """A psql numeric field: None for NULL."""
    return None if s == "" else float(s)


MAX_REL = {}                # largest relative error seen, by kind, for the summary


def close(got, want, floor, kind):
    """Relative error <= REL_TOL, or absolute <= REL_TOL * floor (for 0)."""
    if got is None or want is None or not np.isfinite(want):
        return got is None and (want is None or not np.isfinite(want))
    err = abs(got - want) / max(abs(want), floor)
    MAX_REL[kind] = max(MAX_REL.get(kind, 0.0), err)
    return err <= REL_TOL


def exact_close(got, want):
    """A numeric text against an exact Fraction, to EXACT_SIG figures."""
    if want is None:
        return got == ""
    if got == "":
        return False
    g = Fraction(Decimal(got))
    if want == 0:
        return g == 0
    return abs(g - want) <= abs(want) / 10 ** EXACT_SIG


def half_up(frac, dp):
    """Round an exact Fraction half away from zero to dp places, as text."""
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        d = Decimal(frac.numerator) / Decimal(frac.denominator)
        return str(d.quantize(Decimal(1).scaleb(-dp), rounding=decimal.ROUND_HALF_UP))


class Mismatches:
    """Counts cases and keeps a few examples of failures."""

    def __init__(self):
        self.total = self.bad = 0
        self.examples = []

    def add(self, ok, msg):
        self.total += 1
        if not ok:
            self.bad += 1
            if len(self.examples) < EXAMPLES:
                self.examples.append(msg())


def check_proportions(tap, rows, cases):
    x, n, conf = cases["x"], cases["n"], cases["conf"]
    lo, hi = wilson(x, n, conf)
    value_m, ci_m, tuple_m, round_m, order_m, default_m = (Mismatches() for _ in range(6))
    for i, r in enumerate(rows):
        xi, ni, ci = int(x[i]), int(n[i]), float(conf[i])
        want_value = Fraction(100 * xi, ni)
        value_m.add(exact_close(r[1], want_value),
                    lambda: f"percent({xi}, {ni}) = {r[1]}, expected {float(want_value)!r}")
        got_lo, got_hi = num(r[2]), num(r[3])
        ok = close(got_lo, 100 * lo[i], 1e-6, "Wilson") and close(got_hi, 100 * hi[i], 1e-6, "Wilson")
        ci_m.add(ok, lambda: f"percent_lower/upper({xi}, {ni}, {ci}) = {r[2]}, {r[3]}; "
                             f"expected {100 * lo[i]!r}, {100 * hi[i]!r}")
        tuple_m.add(r[4:7] == r[1:4], lambda: f"percent_ci({xi}, {ni}, {ci}) = {r[4:7]}, "
                                              f"functions give {r[1:4]}")
        want_round = half_up(want_value, 1)
        round_m.add(r[7] == want_round,
                    lambda: f"round(percent({xi}, {ni}), 1) = {r[7]}, expected {want_round}")
        v = Fraction(Decimal(r[1]))
        ok = (Fraction(Decimal(r[2])) <= v <= Fraction(Decimal(r[3]))
              and Fraction(Decimal(r[2])) >= 0 and Fraction(Decimal(r[3])) <= 100
              and (xi != 0 or Decimal(r[2]) == 0) and (xi != ni or Decimal(r[3]) == 100))
        order_m.add(ok, lambda: f"percent {xi}/{ni} at {ci}: lower {r[2]}, value {r[1]}, upper {r[3]}")
        default_m.add(r[8] == "t", lambda: f"percent_lower/upper({xi}, {ni}) differ from confidence 0.95")
    tap.mismatches(value_m, f"percent(x, n) equals 100 x / n to {EXACT_SIG} significant figures")
    tap.mismatches(ci_m, "percent_lower/percent_upper agree with Wilson (scipy z) to 1e-9")
    tap.mismatches(tuple_m, "percent_ci(x, n, c) returns percent, percent_lower, percent_upper")
    tap.mismatches(round_m, "round(percent(x, n), 1) equals ROUND_HALF_UP of the exact fraction")
    tap.mismatches(order_m, "0 <= percent_lower <= percent <= percent_upper <= 100; "
                            "x = 0 gives lower 0 and x = n upper 100 exactly")
    tap.mismatches(default_m, "percent_lower/upper default to confidence 0.95")


def check_counts(tap, rows, cases):
    c, conf = cases["c"], cases["conf"]
    clo, chi = count_interval(c, conf)
    value_m, rate_m, count_m, method_m, tuple_m, round_m, order_m, default_m = (
        Mismatches() for _ in range(8))
    for i, r in enumerate(rows):
        ci, cf = int(c[i]), float(conf[i])
        pop, per = Fraction(Decimal(cases["pop"][i])), Fraction(Decimal(cases["per"][i]))
        call = f"({ci}, {cases['pop'][i]}, {cases['per'][i]}, {cf})"
        want_value = None if pop == 0 else ci * per / pop
        value_m.add(exact_close(r[1], want_value),
                    lambda: f"rate{call} = {r[1]}, expected {float(want_value or 0)!r}")
        if pop == 0:
            ok = r[2] == "" and r[3] == ""
            wl = wu = None
        else:
            scale = float(per) / float(pop)
            wl, wu = clo[i] / float(pop) * float(per), chi[i] / float(pop) * float(per)
            ok = close(num(r[2]), wl, 1e-6 * scale, "rate limits") and close(num(r[3]), wu, 1e-6 * scale, "rate limits")
        rate_m.add(ok, lambda: f"rate_lower/upper{call} = {r[2]}, {r[3]}; expected {wl!r}, {wu!r}")
        kind = "exact" if ci < 10 else "Byar's"
        ok = close(num(r[4]), clo[i], 1e-6, kind) and close(num(r[5]), chi[i], 1e-6, kind)
        count_m.add(ok, lambda: f"count_lower/upper({ci}, {cf}) = {r[4]}, {r[5]}; "
                                f"expected {clo[i]!r}, {chi[i]!r}")
        want_method = "exact" if ci < 10 else "byars"
        method_m.add(r[6] == want_method, lambda: f"rate_method({ci}) = {r[6]}, expected {want_method}")
        tuple_m.add(r[7:11] == r[1:4] + [r[6]],
                    lambda: f"rate_ci{call} = {r[7:11]}, functions give {r[1:4] + [r[6]]}")
        want_round = "" if want_value is None else half_up(want_value, 1)
        round_m.add(r[11] == want_round,
                    lambda: f"round(rate{call}, 1) = {r[11]}, expected {want_round}")
        if pop != 0:
            v_, lo_, hi_ = (Fraction(Decimal(s)) for s in r[1:4])
            ok = 0 <= lo_ <= v_ <= hi_ and (ci != 0 or lo_ == 0)
            order_m.add(ok, lambda: f"rate{call}: lower {r[2]}, value {r[1]}, upper {r[3]}")
        default_m.add(r[12] == "t", lambda: f"rate/rate_lower/rate_upper/count_*{call} defaults differ")
    tap.mismatches(value_m, f"rate(count, population, per) equals count * per / population "
                            f"to {EXACT_SIG} significant figures (NULL for population 0)")
    tap.mismatches(rate_m, "rate_lower/rate_upper agree with exact (chi2.ppf) below 10, "
                           "Byar's from 10, / population * per, to 1e-9")
    tap.mismatches(count_m, "count_lower/count_upper agree with chi2.ppf / Byar's to 1e-9")
    tap.mismatches(method_m, "rate_method is 'exact' below 10 and 'byars' from 10")
    tap.mismatches(tuple_m, "rate_ci(count, population, per, c) returns rate, rate_lower, "
                            "rate_upper, rate_method")
    tap.mismatches(round_m, "round(rate(...), 1) equals ROUND_HALF_UP of the exact fraction")
    tap.mismatches(order_m, "0 <= rate_lower <= rate <= rate_upper; count 0 gives lower 0")
    tap.mismatches(default_m, "rate per defaults to 10000 and confidence to 0.95")


def check_halves(tap, rrows, rcases, prows, pcases):
    m = Mismatches()
    for r, (cnt, pop, per) in zip(rrows, rcases):
        exact = Fraction(cnt * per, pop)
        want = half_up(exact, 1)
        ok = Fraction(Decimal(r[1])) == exact and r[2] == want and str(exact * 100 % 10) == "5"
        m.add(ok, lambda: f"round(rate({cnt}, {pop}, {per}), 1) = {r[2]} (rate {r[1]}), "
                          f"expected {want} (exactly {float(exact)!r})")
    tap.mismatches(m, "round(rate(...), 1) rounds an exact x.x5 half up, as Decimal ROUND_HALF_UP")
    m = Mismatches()
    for r, (part, whole, dp) in zip(prows, pcases):
        exact = Fraction(100 * part, whole)
        want = half_up(exact, dp)
        ok = Fraction(Decimal(r[1])) == exact and r[2] == want
        m.add(ok, lambda: f"round(percent({part}, {whole}), {dp}) = {r[2]} (percent {r[1]}), "
                          f"expected {want}")
    tap.mismatches(m, "round(percent(...), 1 or 0) rounds an exact half up, as Decimal ROUND_HALF_UP")


def check_benchmarks(tap, rows, cases, what):
    m = Mismatches()
    for r, (v, lo, hi, b, pol) in zip(rows, cases):
        if lo <= b <= hi:
            want = "similar"
        elif pol is None:
            want = "lower" if v < b else "higher"
        else:
            want = ("worse" if v < b else "better") if pol == "high" else ("better" if v < b else "worse")
        m.add(r[1] == want, lambda: f"compare_to_benchmark({v}, {lo}, {hi}, {b}, {pol}) = {r[1]}, "
                                    f"expected {want}")
    tap.mismatches(m, f"compare_to_benchmark follows Fingertips method 1 {what}")


def check_suppression(tap, rows, cases):
    m = Mismatches()
    for r, (v, c, t) in zip(rows, cases):
        want = ["c" if 1 <= c <= t else str(c), "c" if 1 <= c <= t else v,
                "c" if 1 <= c <= 5 else str(c)]
        m.add(r[1:4] == want, lambda: f"suppress({c}, {t}), suppress_value({v}, {c}, {t}), "
                                      f"suppress({c}) = {r[1:4]}, expected {want}")
    tap.mismatches(m, "suppress / suppress_value: 'c' for counts 1..threshold (default 5), else as given")


def expected_pct(t, c):
    return None if c == 0 else Fraction(100 * t, c)


def check_window(tap, rows, grp, cond, null):
    trues = np.concatenate([[0], np.cumsum(cond & ~null)])
    counted = np.concatenate([[0], np.cumsum(~null)])
    idx = np.arange(len(grp))
    starts = np.searchsorted(grp, grp, side="left")             # rows sorted by grp, seq
    first = np.maximum(idx - (WINDOW - 1), starts)
    t = trues[idx + 1] - trues[first]
    c = counted[idx + 1] - counted[first]
    m = Mismatches()
    if len(rows) != len(grp):
        m.add(False, lambda: f"{len(rows)} window rows, expected {len(grp)}")
    for i, r in enumerate(rows[:len(grp)]):
        want = expected_pct(int(t[i]), int(c[i]))
        ok = int(r[0]) == grp[i] and int(r[1]) == i and exact_close(r[2], want)
        m.add(ok, lambda: f"group {r[0]} row {r[1]}: pct over the last {WINDOW} = {r[2]}, "
                          f"expected {'NULL' if want is None else float(want)!r} "
                          f"({t[i]} true of {c[i]} non-NULL)")
    nulls = int(np.sum(c == 0))
    tap.mismatches(m, f"pct(cond) OVER (ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) equals a "
                      f"rolling count ({nulls} windows all NULL)")


def check_grouped(tap, rows, grp, cond, null, how):
    groups = np.unique(grp)
    t = np.bincount(grp, weights=(cond & ~null).astype(float), minlength=PCT_GROUPS)
    c = np.bincount(grp, weights=(~null).astype(float), minlength=PCT_GROUPS)
    want = {int(g): expected_pct(int(t[g]), int(c[g])) for g in groups}
    want[-1] = expected_pct(int(t.sum()), int(c.sum()))
    m = Mismatches()
    got = {int(r[0]): r[1] for r in rows}
    if set(got) != set(want):
        m.add(False, lambda: f"groups {sorted(set(got) ^ set(want))[:10]} missing or extra")
    for g, w in want.items():
        m.add(exact_close(got.get(g, ""), w),
              lambda: f"{'whole table' if g < 0 else f'group {g}'}: pct = {got.get(g)}, expected "
                      f"{'NULL' if w is None else float(w)!r}")
    empty = sum(1 for w in want.values() if w is None)
    tap.mismatches(m, f"pct(cond) {how} on {len(grp)} rows, {len(groups)} groups "
                      f"({empty} all NULL) and the whole table, to {EXACT_SIG} s.f.")


def check_plan(tap, plan):
    text = "\n".join(plan)
    launched = [int(l.split(":")[1]) for l in plan if "Workers Launched:" in l]
    ok = ("Partial" in text and "Gather" in text and len(launched) == 2
          and all(w >= 1 for w in launched))
    tap.check(ok, f"forced parallel plans use partial aggregation with workers launched "
                  f"({launched})", plan[:30])


# ---------------------------------------------------------------- main

def main():
    t0 = time.monotonic()
    tap = Tap()
    rng = np.random.default_rng(SEED)

    bad = oracle_cross_check()
    tap.check(not bad, f"scipy oracle reproduces the {len(CROSS_CHECKS)} cross-check rows of "
                       f"definitions.md 7.6 to 12 s.f. (and isf agrees with ppf(1 - p))",
              bad[:EXAMPLES])

    props = make_proportions(rng, N_PROPORTIONS)
    counts = make_counts(rng, N_COUNTS)
    rhalves = make_rate_halves(rng, N_HALVES)
    phalves = make_percent_halves(rng, N_HALVES)
    benches = make_benchmarks(rng, N_BENCHMARKS)
    ties = make_benchmarks(rng, N_TIES, ties=True)
    sups = [(str(Decimal(int(rng.integers(0, 10**6))).scaleb(-int(rng.integers(0, 4)))),
             int(rng.integers(0, 21)), int(rng.integers(0, 11))) for _ in range(N_SUPPRESS)]
    pgrp, pseq, pcond, pnull = make_pct_rows(rng, PCT_ROWS, PCT_GROUPS)
    wgrp, wseq, wcond, wnull = make_pct_rows(rng, WINDOW_ROWS, WINDOW_ROWS // 40)

    with tempfile.TemporaryDirectory(prefix="stats_diff.") as tmp:
        p = {k: os.path.join(tmp, k + ".tsv")
             for k in ("props", "counts", "rhalves", "phalves", "benches", "sups", "wrows", "pctrows")}
        write_tsv(p["props"], [strs(range(N_PROPORTIONS)), strs(props["x"]), strs(props["n"]),
                               strs(props["conf"])])
        write_tsv(p["counts"], [strs(range(N_COUNTS)), strs(counts["c"]), counts["pop"],
                                counts["per"], strs(counts["conf"])])
        write_tsv(p["rhalves"], [strs(range(N_HALVES))] + [strs(col) for col in zip(*rhalves)])
        write_tsv(p["phalves"], [strs(range(N_HALVES))] + [strs(col) for col in zip(*phalves)])
        write_tsv(p["benches"], [strs(range(N_BENCHMARKS + N_TIES))]
                  + [strs(col) for col in list(zip(*(benches + ties)))[:4]]
                  + [["\\N" if b[4] is None else b[4] for b in benches + ties]])
        write_tsv(p["sups"], [strs(range(N_SUPPRESS))] + [strs(col) for col in zip(*sups)])
        write_tsv(p["wrows"], [strs(wgrp), strs(wseq), bool_col(wcond, wnull)])
        write_tsv(p["pctrows"], [strs(pgrp), strs(pseq), bool_col(pcond, pnull)])
        script = os.path.join(tmp, "diff.sql")
        with open(script, "w") as f:
            f.write(SETUP.format(pct=PCT_TABLE, **p) + QUERIES.format(pct=PCT_TABLE))
        t_sql = time.monotonic()
        result = run_psql(script)
        t_sql = time.monotonic() - t_sql

    out = sections(result.stdout)
    if result.returncode != 0 or "end" not in out:
        err = result.stderr.strip().splitlines() or ["no output"]
        tap.check(False, "psql ran the whole script", [f"psql exit {result.returncode}"] + err[-5:])
        # Leave nothing behind if the script stopped before its DROP.
        subprocess.run(["psql", "-X", "-q", "-c", f"DROP TABLE IF EXISTS {PCT_TABLE}"],
                       capture_output=True)
        print(f"1..{tap.n}")
        return 1

    check_proportions(tap, fields(out["props"]), props)
    check_counts(tap, fields(out["counts"]), counts)
    check_halves(tap, fields(out["rhalves"]), rhalves, fields(out["phalves"]), phalves)
    bench_rows = fields(out["benches"])
    check_benchmarks(tap, bench_rows[:N_BENCHMARKS], benches,
                     "(limits inclusive; polarity high, low or none)")
    check_benchmarks(tap, bench_rows[N_BENCHMARKS:], ties,
                     "when value = benchmark outside the interval (better / higher)")
    check_suppression(tap, fields(out["sups"]), sups)
    check_window(tap, fields(out["window"]), wgrp, wcond, wnull)
    check_grouped(tap, fields(out["serial"]), pgrp, pcond, pnull, "serial GROUP BY")
    check_plan(tap, out["plan"])
    check_grouped(tap, fields(out["parallel"]), pgrp, pcond, pnull, "parallel GROUP BY")

    print(f"1..{tap.n}")
    print("# largest relative error: " + ", ".join(f"{k} {v:.2g}" for k, v in sorted(MAX_REL.items())))
    print(f"# {N_PROPORTIONS} proportions, {N_COUNTS} counts/rates, {2 * N_HALVES} exact halves, "
          f"{N_BENCHMARKS + N_TIES} benchmark comparisons, {N_SUPPRESS} suppressions, {WINDOW_ROWS} window "
          f"rows, {PCT_ROWS} aggregate rows; seed {SEED}; "
          f"{time.monotonic() - t0:.1f}s in all, {t_sql:.1f}s in psql")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
