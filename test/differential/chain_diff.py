#!/usr/bin/python3
"""Differential test of the timescale functions and review/visit chains.

An independent oracle, written from the regulations' wording and sharing
nothing with the extension's C code: months by calendar.monthrange (the
corresponding date, else the month's last day), weeks as 7 days, working
days with numpy's busday functions over uk_bank_holidays.py's list (itself
written from the published rules and checked against GOV.UK).  The chains:
reg 33 (20 working days, 3 months, then 6 months), Working Together's CP
reviews (3 months, then 6), reg 28(2) visits (1 week, then 6 weeks; for a
placement intended to last until 18, 3 months once the previous visit is on
or after the placement's first anniversary).  Same-day events are one event.

Random episodes (dates 1975-2150, duplicates, NULL dates, early and late
events) go through chain_due, chain_on_time and chain_lateness; random
as-at dates through chain_next_due and chain_overdue; random start and
finish pairs through due_date, on_time and lateness for every day code,
finishes up to 30 days before the start included: impossible rows, NULL
under socialcare.impossible_rows = 'null' (never on time).
"""

import calendar
import datetime as dt
import os
import random
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uk_bank_holidays as ukbh  # noqa: E402
from tap import Tap, run_psql  # noqa: E402

EPISODES = 20000
NULL = "\\N"                           # COPY's NULL
PAIRS = 50000
D = dt.date
CAL = np.busdaycalendar(weekmask="1111100",
                        holidays=np.array(list(ukbh.holidays("england-and-wales")), dtype="M8[D]"))

# code: (amount, unit), from the regulations and Working Together
TIMESCALES = {
    "referral_decision": (1, "wd"), "assessment": (45, "wd"), "icpc": (15, "wd"),
    "core_group_1": (10, "wd"), "cp_review_1": (3, "m"), "cp_review_next": (6, "m"),
    "lac_review_1": (20, "wd"), "lac_review_2": (3, "m"), "lac_review_next": (6, "m"),
    "lac_visit_1": (1, "w"), "lac_visit_next": (6, "w"), "lac_visit_long_term": (3, "m"),
}


def add_months(d, n):
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def wd_count(s, f):
    """Working days in (s, f], negative when f < s."""
    lo, hi = min(s, f), max(s, f)
    n = int(np.busday_count(np.datetime64(lo + dt.timedelta(1)), np.datetime64(hi + dt.timedelta(1)),
                            busdaycal=CAL))
    return -n if f < s else n


def wd_add(s, n):
    return np.busday_offset(np.datetime64(s), n, roll="backward", busdaycal=CAL).astype(dt.date)


def due(code, s):
    amount, unit = TIMESCALES[code]
    if unit == "wd":
        return wd_add(s, amount)
    if unit == "w":
        return s + dt.timedelta(days=7 * amount)
    return add_months(s, amount)


def lateness(code, s, f):
    amount, unit = TIMESCALES[code]
    if unit == "wd":
        return wd_count(s, f) - amount
    return (f - due(code, s)).days


def step(chain, k, start, prev):
    """The timescale code event k (1-based) is measured against."""
    if chain == "lac_review":
        return ["lac_review_1", "lac_review_2", "lac_review_next"][min(k, 3) - 1]
    if chain == "cp_review":
        return "cp_review_1" if k == 1 else "cp_review_next"
    if k == 1:
        return "lac_visit_1"
    if chain == "lac_visit_long_term" and prev >= add_months(start, 12):
        return "lac_visit_long_term"
    return "lac_visit_next"


def chain_expect(chain, start, dates):
    """(due, lateness) for each date of an episode, in order; NULLs give None."""
    out, k, prev, cur = [], 0, start, None
    for d in dates:
        if d is None:
            out.append(None)
            continue
        if d != cur:
            k += 1
            prev = start if k == 1 else cur
            cur = d
        code = step(chain, k, start, prev)
        out.append((due(code, prev), lateness(code, prev, d)))
    return out


def make_episodes(rng):
    chains = ["lac_review", "cp_review", "lac_visit", "lac_visit_long_term"]
    eps = []
    for e in range(EPISODES):
        chain = rng.choice(chains)
        start = D(1975, 1, 1) + dt.timedelta(rng.randrange(0, 175 * 365))
        d, dates = start, []
        for _ in range(rng.randrange(1, 14)):
            r = rng.random()
            if r < 0.05 and dates and dates[-1] is not None:
                dates.append(dates[-1])          # recorded twice
                continue
            gap = {"lac_review": 200, "cp_review": 200}.get(chain, 60)
            d = d + dt.timedelta(rng.randrange(0, gap))
            dates.append(d)
        if rng.random() < 0.05:
            dates.append(None)
        eps.append((e, chain, start, dates))
    return eps


def main():
    # The files psql's \copy reads; removed however the run ends.
    with tempfile.TemporaryDirectory(prefix="socialcare-chaindiff.") as tmp:
        os.chmod(tmp, 0o755)
        return run(tmp)


def run(tmp):
    rng = random.Random(6)
    tap = Tap()
    eps = make_episodes(rng)
    events = os.path.join(tmp, "events.tsv")
    asat = os.path.join(tmp, "asat.tsv")
    pairs = os.path.join(tmp, "pairs.tsv")
    with open(events, "w") as fh:
        for e, chain, start, dates in eps:
            for i, d in enumerate(dates):
                fh.write(f"{e}\t{i}\t{chain}\t{start}\t{d if d else NULL}\n")
    # as at a random date: events held on or before it
    expect_asat = {}
    with open(asat, "w") as fh:
        for e, chain, start, dates in eps:
            real = sorted({d for d in dates if d})
            at = start + dt.timedelta(rng.randrange(0, 800))
            held = [d for d in real if d <= at]
            n, last = len(held), (held[-1] if held else None)
            code = step(chain, n + 1, start, last or start)
            nd = due(code, last or start)
            expect_asat[e] = (str(nd), lateness(code, last or start, at) > 0)
            fh.write(f"{e}\t{chain}\t{start}\t{n}\t{last if last else NULL}\t{at}\n")
    expect_pairs = []
    with open(pairs, "w") as fh:
        for i in range(PAIRS):
            code = rng.choice(sorted(TIMESCALES))
            s = D(1975, 1, 1) + dt.timedelta(rng.randrange(0, 175 * 365))
            f = s + dt.timedelta(rng.randrange(-30, 400))
            # a finish before its start: on_time and lateness NULL (impossible row)
            expect_pairs.append((str(due(code, s)), None if f < s else lateness(code, s, f) <= 0,
                                 None if f < s else lateness(code, s, f)))
            fh.write(f"{i}\t{code}\t{s}\t{f}\n")
    script = os.path.join(tmp, "run.sql")
    with open(script, "w") as fh:
        fh.write(f"""
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS socialcare;
SET datestyle = ISO, YMD;
SET socialcare.impossible_rows = 'null';
CREATE TEMP TABLE ev (episode int, seq int, chain text, start date, d date);
\\copy ev FROM '{events}'
CREATE TEMP TABLE asat (episode int, chain text, start date, held bigint, last date, at date);
\\copy asat FROM '{asat}'
CREATE TEMP TABLE pairs (id int, code text, s date, f date);
\\copy pairs FROM '{pairs}'
\\echo @@events
SELECT episode, seq, socialcare.chain_due(chain, d, start) OVER w,
       socialcare.chain_on_time(chain, d, start) OVER w, socialcare.chain_lateness(chain, d, start) OVER w
FROM ev WINDOW w AS (PARTITION BY episode ORDER BY d, seq) ORDER BY episode, seq;
\\echo @@asat
SELECT episode, socialcare.chain_next_due(chain, start, held, last), socialcare.chain_overdue(chain, start, held, last, at)
FROM asat ORDER BY episode;
\\echo @@pairs
SELECT id, socialcare.due_date(code, s), socialcare.on_time(code, s, f), socialcare.lateness(code, s, f)
FROM pairs ORDER BY id;
""")
    res = run_psql(script)
    if res.returncode != 0:
        tap.check(False, "psql ran the differential script", res.stderr.splitlines()[:20])
        print(f"1..{tap.n}")
        return 1
    sections, cur = {}, None
    for line in res.stdout.splitlines():
        if line.startswith("@@"):
            cur = line[2:]
            sections[cur] = []
        elif cur:
            sections[cur].append(line.split("\t"))

    class Tally:
        def __init__(self):
            self.total = self.bad = 0
            self.examples = []

        def add(self, ok, what):
            self.total += 1
            if not ok:
                self.bad += 1
                if len(self.examples) < 5:
                    self.examples.append(what)

    exp_ev = {}
    for e, chain, start, dates in eps:
        # NULL dates sort last in the window; ties keep their order
        order = sorted(range(len(dates)), key=lambda i: (dates[i] is None, dates[i] or start, i))
        got = chain_expect(chain, start, [dates[i] for i in order])
        for i, x in zip(order, got):
            exp_ev[(e, i)] = x
    t = Tally()
    for episode, seq, d, ok, late in sections.get("events", []):
        x = exp_ev[(int(episode), int(seq))]
        want = ("", "", "") if x is None else (str(x[0]), "t" if x[1] <= 0 else "f", str(x[1]))
        t.add((d, ok, late) == want, f"episode {episode} row {seq}: got {(d, ok, late)}, want {want}")
    n_events = sum(len(x[3]) for x in eps)
    tap.check(t.total == n_events, f"chain window functions returned a row for each of {n_events} events")
    tap.mismatches(t, f"chain_due, chain_on_time, chain_lateness on {EPISODES} episodes "
                      "(four shipped chains, same-day duplicates, NULL dates)")
    t = Tally()
    for episode, nd, od in sections.get("asat", []):
        want = expect_asat[int(episode)]
        t.add((nd, od) == (want[0], "t" if want[1] else "f"), f"episode {episode}: got {(nd, od)}, want {want}")
    tap.mismatches(t, "chain_next_due and chain_overdue as at random dates")
    t = Tally()
    for i, d, ok, late in sections.get("pairs", []):
        want = expect_pairs[int(i)]
        t.add((d, ok, late) == (want[0], "" if want[1] is None else "t" if want[1] else "f",
                                "" if want[2] is None else str(want[2])),
              f"pair {i}: got {(d, ok, late)}, want {want}")
    tap.mismatches(t, f"due_date, on_time, lateness on {PAIRS} random (code, start, finish)")
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
