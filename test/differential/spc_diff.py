#!/usr/bin/python3
"""Differential test: socialcare.spc_points() and spc_summary() against an
independent Python transcription of NHSRplotthedots 0.2.0 (nhs-r-community,
R/ptd_spc_standard.R, R/ptd_calculate_point_type.R,
R/ptd_calculate_assurance_type.R, R/ptd_spc.R's summary), written from its
R source, not from src/spc.c, on random series (deterministic: seed 18).

The transcription keeps R's semantics: NA as None with R's three-valued
logic (NA | TRUE is TRUE, NA & FALSE is FALSE), mean(na.rm = TRUE) of
nothing is NaN, and dplyr::case_when treats NA as FALSE.  Its run lengths
(7 and 7 in R) are parameters, as socialcare's are.  Where socialcare
deliberately differs (doc/spc.md, "Where socialcare differs"), the
transcription takes socialcare's choice, each marked DEVIATION:
  1. all moving ranges 0: no screening (R's strict < screens them all and
     gives NaN limits);
  2. a trend point's direction is that of the latest trend through it (R
     reads the sign of the next difference, which at the join of two
     trends can belong to the other one);
  3. variation is the latest point with a value (R: the last row);
  4. a NA inside a trend window breaks it (R: if (NA) is an error);
  5. no limits (fewer than two neighbouring baseline values): no
     assurance (R: 'inconsistent' from NaN comparisons).
Each deviation's cases are counted and reported.

Series: 0 to 60 points, of noise, small integers (ties, values on the
centre, zero moving ranges), injected shifts and trends, constant runs,
5% gaps (NULL), rebase dates at some points, baselines, any improvement,
targets near the limits, runs of 2 to 9, screening on and off.

Run: /usr/bin/python3 test/differential/spc_diff.py (psql reaches the
server through PGHOST etc.).  Output: TAP.
"""

import datetime
import math
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap, run_psql  # noqa: E402

SERIES = 1500
random.seed(18)
NA = None
DEVIATIONS = {"no screening of zero ranges": 0, "trend direction": 0, "variation from a gap": 0,
              "NA in a trend window": 0, "assurance without limits": 0}


# --- R's three-valued logic ------------------------------------------------
def r_and(a, b):
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def r_or(a, b):
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def r_not(a):
    return None if a is None else not a


def r_gt(a, b):
    return None if a is None or b is None or math.isnan(a) or math.isnan(b) else a > b


def r_lt(a, b):
    return None if a is None or b is None or math.isnan(a) or math.isnan(b) else a < b


def r_sign(a):
    return None if a is None or math.isnan(a) else (a > 0) - (a < 0)


def r_mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else math.nan


def r_all(xs):
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def r_any(xs):
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


# --- ptd_spc_standard, one (facet, rebase_group) group ----------------------
def spc_standard(y, fix_after, screen):
    n = len(y)
    fix_y = [y[i] if (fix_after is None or i + 1 <= fix_after) else None for i in range(n)]
    mean_col = r_mean(fix_y)
    mr = [None] + [abs(fix_y[i] - fix_y[i - 1]) if fix_y[i] is not None and fix_y[i - 1] is not None
                   else None for i in range(1, n)]
    amr = r_mean(mr)
    if screen:
        if amr == 0:
            DEVIATIONS["no screening of zero ranges"] += 1     # DEVIATION 1
        else:
            mr = [m if r_lt(m, 3.267 * amr) is True else None for m in mr]
        amr = r_mean(mr)
    limit = 2.66
    limitclose = 2 * (limit / 3)
    lpl, upl = mean_col - limit * amr, mean_col + limit * amr
    nlpl, nupl = mean_col - limitclose * amr, mean_col + limitclose * amr
    outside = [r_or(r_gt(v, upl), r_lt(v, lpl)) for v in y]
    rtm = [None if v is None else r_sign(v - mean_col) for v in y]
    close = [r_and(r_not(outside[i]), r_or(r_lt(y[i], nlpl), r_gt(y[i], nupl))) for i in range(n)]
    return dict(mean=mean_col, amr=amr, lpl=lpl, upl=upl, nlpl=nlpl, nupl=nupl,
                outside=outside, rtm=rtm, close=close)


# --- ptd_calculate_point_type, with the run lengths as parameters ----------
def seven_point_one_side_mean(v, k):
    vp = [0] * (k - 1) + v
    out = []
    for i in range(k - 1, len(vp)):
        eq = [None if vp[i] is None or vp[i - j] is None else vp[i] == vp[i - j] for j in range(1, k)]
        out.append(r_and(r_all(eq), None if vp[i] is None else vp[i] != 0))
    return out


def part_of_seven_trend(v, k):
    vp = v + [0] * (k - 1)

    def is1(x):
        return None if x is None else abs(x) == 1
    return [r_any([is1(vp[i + j]) for j in range(k)]) for i in range(len(v))]


def seven_point_trend(y, k):
    n = len(y)
    if n < k:
        return [0] * n
    out = [0] * (k - 1)
    for i in range(k - 1, n):
        w = [y[i - j] for j in range(k)]      # y[i - 0:(k-1)]
        if any(x is None for x in w):
            # R: sign(diff()) is NA; all(d == 1) is NA unless some d is not 1,
            # and if (NA) is an error.  DEVIATION 4: a gap breaks the trend.
            d = [None if w[j] is None or w[j + 1] is None else -r_sign(w[j + 1] - w[j]) for j in range(k - 1)]
            if r_all([None if x is None else x == 1 for x in d]) is None or \
               r_all([None if x is None else x == -1 for x in d]) is None:
                DEVIATIONS["NA in a trend window"] += 1
            out.append(0)
            continue
        d = [-r_sign(w[j + 1] - w[j]) for j in range(k - 1)]
        out.append(1 if all(x == 1 for x in d) else -1 if all(x == -1 for x in d) else 0)
    return out


def two_in_three(v, rtm):
    if not v:
        return []
    vp = [0, 0] + v + [0, 0]
    rp = [0, 0] + rtm + [0, 0]

    def win(a):
        vs = [None if x is None else int(x) for x in vp[a:a + 3]]
        rs = rp[a:a + 3]
        sv = None if any(x is None for x in vs) else sum(vs)
        sr = None if any(x is None for x in rs) else sum(rs)
        return r_and(None if sv is None else sv >= 2, None if sr is None else abs(sr) == 3)
    return [r_or(r_or(win(i), win(i + 1)), win(i + 2)) for i in range(len(v))]


def special_cause_type(y, rtm, close, outside, shift_k, trend_k):
    n = len(y)
    trend = seven_point_trend(y, trend_k)
    part_trend = part_of_seven_trend(trend, trend_k)
    t23 = two_in_three(close, rtm)
    part_23 = [r_and(None if t23[i] is None else t23[i] == 1, None if close[i] is None else close[i] == 1)
               for i in range(n)]
    part_shift = part_of_seven_trend([None if x is None else int(x) for x in seven_point_one_side_mean(rtm, shift_k)],
                                     shift_k)
    # R's direction of a trend point (ptd_special_cause_type)
    sdy = [None if y[i + 1] is None or y[i] is None else r_sign(y[i + 1] - y[i]) for i in range(n - 1)]
    r_dir = []
    for i in range(n):
        both = part_trend[i] is True and i + 1 < n and part_trend[i + 1] is True
        r_dir.append((sdy + sdy[-1:])[i] if both else ([0] + sdy)[i])
    # DEVIATION 2: the direction of the latest trend window through the point
    latest = [0] * n
    for e in range(n):
        if trend[e] != 0:
            for j in range(e - trend_k + 1, e + 1):
                latest[j] = trend[e]
    out = []
    for i in range(n):
        if outside[i] is True:
            out.append(("beyond", 1 if rtm[i] == 1 else -1))
        elif part_trend[i] is True:
            if (1 if r_dir[i] == 1 else -1) != latest[i]:
                DEVIATIONS["trend direction"] += 1
            out.append(("trend", latest[i]))
        elif part_23[i] is True:
            out.append(("two of three", 1 if rtm[i] > 0 else -1))
        elif part_shift[i] is True:
            out.append(("shift", 1 if rtm[i] > 0 else -1))
        else:
            out.append((None, 0))
    flags = dict(trend=[x is True for x in part_trend], two_of_three=[x is True for x in part_23],
                 shift=[x is True for x in part_shift])
    return out, flags


def point_type(rule_dir, improvement):
    rule, d = rule_dir
    if rule is None:
        return None
    if improvement == 0:
        return "neutral"
    return "improvement" if d * improvement > 0 else "concern"


def ptd(y, rebase, fix_after, improvement, target, shift_k, trend_k, screen):
    """Points and summary, the groups cut at rebase (a 0/1 per row, cumsum)."""
    groups, g = [], -1
    for i in range(len(y)):
        if i == 0 or rebase[i]:
            groups.append([])
            g += 1
        groups[g].append(i)
    points = []
    for idx in groups:
        yy = [y[i] for i in idx]
        s = spc_standard(yy, fix_after, screen)
        types, flags = special_cause_type(yy, s["rtm"], s["close"], s["outside"], shift_k, trend_k)
        for j in range(len(idx)):
            points.append(dict(mean=s["mean"], amr=s["amr"], lpl=s["lpl"], upl=s["upl"],
                               beyond=s["outside"][j] is True, trend=flags["trend"][j],
                               two_of_three=flags["two_of_three"][j], shift=flags["shift"][j],
                               direction=types[j][1] if types[j][0] else 0,
                               cause=point_type(types[j], improvement)))
    summary = {}
    last_rows = [i for i in range(len(y)) if y[i] is not None]
    if y and y[-1] is None and last_rows:
        DEVIATIONS["variation from a gap"] += 1                      # DEVIATION 3
    if last_rows:
        p = points[last_rows[-1]]
        summary["variation"] = "common cause" if p["cause"] is None else \
            {"improvement": "improving", "concern": "concerning", "neutral": "neutral"}[p["cause"]] + \
            (" high" if p["direction"] > 0 else " low")
    else:
        summary["variation"] = None
    summary["assurance"] = None
    if y and target is not None and improvement != 0:
        p = points[-1]
        if math.isnan(p["upl"]):
            DEVIATIONS["assurance without limits"] += 1              # DEVIATION 5
        elif target > p["upl"]:
            summary["assurance"] = "consistently missed" if improvement > 0 else "consistently hit"
        elif target < p["lpl"]:
            summary["assurance"] = "consistently hit" if improvement > 0 else "consistently missed"
        else:
            summary["assurance"] = "hit and miss"
    return points, summary


# --- random series ----------------------------------------------------------
def month(i):
    return datetime.date(2015 + i // 12, i % 12 + 1, 1)


def series():
    n = random.choice([0, 1, 2, 3, 5, 7, 8, 12] + list(range(12, 61)))
    kind = random.random()
    ys = []
    level = random.uniform(-50, 50)
    for i in range(n):
        if kind < 0.3:
            v = float(random.randint(0, 4))                # ties, zero ranges
        elif kind < 0.4:
            v = 3.0 if random.random() < 0.9 else float(random.randint(0, 6))  # nearly constant
        else:
            v = round(level + random.gauss(0, 5), 2)
            r = random.random()
            if r < 0.05:
                level += random.choice([-15, 15])          # shift
            elif r < 0.12:
                for _ in range(random.randint(5, 9)):       # trend
                    ys.append(None)
                    ys.pop()
                level += random.choice([-1, 1]) * 3
        if kind > 0.6 and i % 9 in (3, 4, 5, 6, 7, 8) and random.random() < 0.5:
            v = round(level + (i % 9) * 2.0, 2)              # monotone stretches
        if random.random() < 0.05:
            v = None
        if v is not None and random.random() < 0.03:
            v = level + random.choice([-60, 60])             # outliers
        ys.append(v)
    order = list(range(n))
    random.shuffle(order)                                     # arrays in any order
    rebase = [0] * n
    for i in range(1, n):
        if random.random() < 0.04:
            rebase[i] = 1
    fix_after = random.choice([None, None, None, 2, 5, 12, 20])
    improvement = random.choice([1, -1, 0])
    target = None if random.random() < 0.3 else round(random.uniform(-80, 80), 1)
    shift_k = random.choice([7, 7, 7, 6, 8, 2, 3, 9])
    trend_k = random.choice([7, 7, 7, 6, 5, 2, 3, 9])
    screen = random.random() < 0.7
    return ys, order, rebase, fix_after, improvement, target, shift_k, trend_k, screen


def sql_num(v):
    return "NULL" if v is None else repr(float(v))


def main():
    tap = Tap()
    cases = [series() for _ in range(SERIES)]
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        path = f.name
        f.write("SET client_min_messages = warning;\nCREATE EXTENSION IF NOT EXISTS socialcare;\n"
                "SET extra_float_digits = 3;\nCREATE TEMP TABLE s (id int, months date[], vals float8[], rebase date[], "
                "fix int, imp text, target float8, sk int, tk int, screen boolean);\n")
        for cid, (ys, order, rebase, fix, imp, target, sk, tk, screen) in enumerate(cases):
            months = ",".join(f"'{month(i)}'" for i in order)
            vals = ",".join(sql_num(ys[i]) for i in order)
            rb = ",".join(f"'{month(i)}'" for i in range(len(ys)) if rebase[i])
            f.write(f"INSERT INTO s VALUES ({cid}, ARRAY[{months}]::date[], ARRAY[{vals}]::float8[], "
                    f"ARRAY[{rb}]::date[], {'NULL' if fix is None else fix}, "
                    f"'{ {1: 'high', -1: 'low', 0: 'neutral'}[imp] }', {sql_num(target)}, {sk}, {tk}, {screen});\n")
        f.write("SELECT 'P', s.id, p.month, p.centre, p.mean_moving_range, p.lower_limit, p.upper_limit, "
                "p.beyond_limit, p.trend, p.two_of_three, p.shift, p.direction, p.special_cause "
                "FROM s, socialcare.spc_points(s.months, s.vals, s.imp, s.target, s.fix, s.rebase, s.sk, s.tk, s.screen) p "
                "ORDER BY s.id, p.month;\n")
        f.write("SELECT 'S', s.id, (x).variation, (x).assurance FROM (SELECT s.id, socialcare.spc_summary("
                "s.months, s.vals, s.imp, s.target, s.fix, s.rebase, s.sk, s.tk, s.screen) AS x FROM s) AS y "
                "JOIN s USING (id) ORDER BY s.id;\n")
    res = run_psql(path)
    os.unlink(path)
    if res.returncode != 0:
        tap.check(False, "psql ran", [res.stderr[:2000]])
        return tap.finish() if hasattr(tap, "finish") else sys.exit(1)
    got_points, got_summary = {}, {}
    for line in res.stdout.splitlines():
        f = line.split("\t")
        if f[0] == "P":
            got_points.setdefault(int(f[1]), []).append(f[3:])
        elif f[0] == "S":
            got_summary[int(f[1])] = (f[2] or None, f[3] or None)

    bad = {"limits": [], "rules": [], "cause": [], "summary": []}
    totals = {"limits": 0, "rules": 0, "cause": 0, "summary": 0}
    kinds = {}
    for cid, (ys, order, rebase, fix, imp, target, sk, tk, screen) in enumerate(cases):
        pts, summ = ptd(ys, rebase, fix, imp, target, sk, tk, screen)
        got = got_points.get(cid, [])
        if len(got) != len(ys):
            bad["limits"].append(f"series {cid}: {len(got)} points, expected {len(ys)}")
            continue
        for i, (p, g) in enumerate(zip(pts, got)):
            def f8(x):
                return math.nan if x == "" else float(x)
            totals["limits"] += 1
            exp = [p["mean"], p["amr"], p["lpl"], p["upl"]]
            act = [f8(x) for x in g[0:4]]
            for e, a in zip(exp, act):
                if math.isnan(e) != math.isnan(a) or (not math.isnan(e) and abs(e - a) > 1e-9 * max(1, abs(e))):
                    bad["limits"].append(f"series {cid} point {i}: {act} expected {exp}")
                    break
            totals["rules"] += 1
            ge = [g[4] == "t", g[5] == "t", g[6] == "t", g[7] == "t"]
            ee = [p["beyond"], p["trend"], p["two_of_three"], p["shift"]]
            if ge != ee:
                bad["rules"].append(f"series {cid} point {i}: beyond/trend/2of3/shift {ge} expected {ee}")
            totals["cause"] += 1
            gd = {"high": 1, "low": -1, "": 0}[g[8]]
            if (g[9] or None) != p["cause"] or gd != p["direction"]:
                bad["cause"].append(f"series {cid} point {i}: {g[8]} {g[9]} expected {p['direction']} {p['cause']}")
            if p["cause"]:
                kinds[p["cause"]] = kinds.get(p["cause"], 0) + 1
        totals["summary"] += 1
        gs = got_summary.get(cid, (None, None))
        if gs != (summ["variation"], summ["assurance"]):
            bad["summary"].append(f"series {cid}: {gs} expected {(summ['variation'], summ['assurance'])}")
    for k in ("limits", "rules", "cause", "summary"):
        tap.check(totals[k] > 0 and not bad[k], f"{k}: {len(bad[k])} of {totals[k]} differ from NHSRplotthedots' rules",
                  bad[k][:10])
    tap.check(all(kinds.get(k, 0) > 50 for k in ("improvement", "concern", "neutral")),
              f"every special cause occurs (improvement, concern, neutral: {kinds})", [str(kinds)])
    for k, v in DEVIATIONS.items():
        print(f"# deviation cases, {k}: {v}")
    sys.exit(1 if tap.failed else 0)


if __name__ == "__main__":
    main()
