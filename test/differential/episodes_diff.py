#!/usr/bin/python3
"""Differential test: repeat child protection plans, plan durations,
placements in the year and "as at" counts against plain SQL written
independently of the extension, on generated data (deterministic:
setseed in a serial session).

Oracles (none calls the extension):
  * is_repeat_plan(start): a correlated EXISTS for a plan of the child with
    an earlier start date (DfE: "regardless of how long ago").
  * is_repeat_plan(start, end, '24 months'): EXISTS an earlier-starting plan
    with no end or an end on or after start - interval '24 months'.
  * lasted_two_years_or_more: DfE's words, (end - start + 1) > 729.
  * ended_within(s, e): e <= s + interval '3 months' (PostgreSQL's date +
    interval); also with '6 months' and '90 days'.
  * open_at counts at 36 month ends: daterange(start, end, '[)') @> month end,
    plans without a start date left out.
  * placement_in_year: daterange(start, end, '[]') && [1 April, 31 March],
    and not a same-day placement; children with 3 or more in the year.

Run: /usr/bin/python3 test/differential/episodes_diff.py (psql reaches
the server through PGHOST/PGPORT/PGUSER/PGDATABASE).  TAP output.
"""

import os
import re
import subprocess
import sys
import time

from tap import Tap

SCHEMA = "episodes_diff_%d" % os.getpid()
CHILDREN = 100_000
PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At"]
os.environ.setdefault("PGOPTIONS", "")
os.environ["PGOPTIONS"] += " -c work_mem=128MB -c client_min_messages=warning"
tap = Tap()


def rows(sql):
    r = subprocess.run(PSQL, input=re.sub(r"\bS\b(?=[.;\s])", SCHEMA, sql),
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("psql failed:\n%s\n--- SQL:\n%s" % (r.stderr, sql[:2000]))
    return [line.split("|") for line in r.stdout.splitlines() if line != ""]


DATA = """
SET max_parallel_workers_per_gather = 0;
CREATE EXTENSION IF NOT EXISTS socialcare;
DROP SCHEMA IF EXISTS S CASCADE;
CREATE SCHEMA S;
SELECT setseed(0.4242);

-- Plans: 1 to 6 a child, in sequence; each gap and length random, with
-- gaps of exactly 24 months (+-1 day), plans of 729/730 days, ends on
-- 29 February, same-day plans, a few overlapping and open plans.
CREATE UNLOGGED TABLE S.gen AS
SELECT c AS child, k, random() AS u, random() AS v, random() AS w
FROM generate_series(1, %(children)d) c, generate_series(1, 1 + floor(random() * random() * 6)::int) k;

CREATE UNLOGGED TABLE S.plan AS
SELECT g.child, g.k, g.u, g.v, g.w,
       CASE WHEN g.v < 0.05 THEN 729 WHEN g.v < 0.10 THEN 728 WHEN g.v < 0.12 THEN 0
            WHEN g.v < 0.20 THEN floor(g.w * 120)::int ELSE floor(g.w * 1100)::int END AS len,
       CASE WHEN g.u < 0.10 THEN 'exact' WHEN g.u < 0.15 THEN 'minus' WHEN g.u < 0.20 THEN 'plus'
            WHEN g.u < 0.23 THEN 'same' WHEN g.u < 0.26 THEN 'overlap' ELSE 'random' END AS gap
FROM S.gen g;
""" % {"children": CHILDREN}

# Each plan starts a step after the previous one's start: its length plus a
# gap of 730 to 732 days (24 months is 730 or 731), 0 (the same day), minus
# 10 days (overlapping), or random; starts are a running sum of the steps.
PLANS = """
CREATE UNLOGGED TABLE S.p AS
SELECT child, k, s AS start_date,
       CASE WHEN open THEN NULL ELSE s + len END AS end_date
FROM (
    SELECT l.child, l.k, l.len, l.open,
           date '2015-01-01' + (sum(l.step) OVER (PARTITION BY l.child ORDER BY l.k))::int AS s
    FROM (SELECT child, k, len, u,
                 (k = max(k) OVER (PARTITION BY child) AND w < 0.3) OR (v > 0.995) AS open,
                 CASE WHEN k = 1 THEN floor(u * 3000)::int
                      ELSE coalesce(lag(len) OVER (PARTITION BY child ORDER BY k), 0)
                           + CASE gap WHEN 'exact' THEN 731 WHEN 'minus' THEN 730 WHEN 'plus' THEN 732
                                      WHEN 'same' THEN -coalesce(lag(len) OVER (PARTITION BY child ORDER BY k), 0)
                                      WHEN 'overlap' THEN -10 ELSE floor(w * 1500)::int END
                 END AS step
          FROM S.plan) l
) x;
-- 29 February starts and ends, and plans ending exactly 24 months before a next start
INSERT INTO S.p SELECT child, 100, date '2024-02-29', date '2024-06-01' FROM S.gen WHERE k = 1 AND u > 0.99;
INSERT INTO S.p SELECT child, 101, date '2021-02-01', date '2022-02-28' FROM S.gen WHERE k = 1 AND u > 0.99;
INSERT INTO S.p SELECT child, 102, NULL, NULL FROM S.gen WHERE k = 1 AND u < 0.002;
DELETE FROM S.p WHERE end_date < start_date;
CREATE INDEX ON S.p (child, start_date);
ANALYZE S.p;
"""


def main():
    t_start = time.time()
    rows(DATA)
    rows(PLANS)
    n, nchild, nopen, nnull, nsame = [int(x) for x in rows("""
        SELECT count(*), count(DISTINCT child), count(*) FILTER (WHERE end_date IS NULL AND start_date IS NOT NULL),
               count(*) FILTER (WHERE start_date IS NULL),
               (SELECT count(*) FROM (SELECT 1 FROM S.p GROUP BY child, start_date HAVING count(*) > 1) d)
        FROM S.p""")[0]]
    print("# %d plans of %d children: %d open, %d without a start, %d same-day groups" % (n, nchild, nopen, nnull, nsame))
    tap.check(n > 200_000 and nopen > 0 and nnull > 0 and nsame > 0, "data: over 200,000 plans with open, undated and same-day plans")

    # Flags.
    res = rows("""
        WITH ext AS (
            SELECT child, k, start_date, end_date,
                   socialcare.is_repeat_plan(start_date) OVER w AS ever,
                   socialcare.is_repeat_plan(start_date, end_date, '24 months') OVER w AS within
            FROM S.p WINDOW w AS (PARTITION BY child ORDER BY start_date)),
        plain AS (
            SELECT e.*,
                   CASE WHEN e.start_date IS NULL THEN NULL ELSE
                       EXISTS (SELECT 1 FROM S.p q WHERE q.child = e.child AND q.start_date < e.start_date) END AS p_ever,
                   CASE WHEN e.start_date IS NULL THEN NULL ELSE
                       EXISTS (SELECT 1 FROM S.p q WHERE q.child = e.child AND q.start_date < e.start_date
                                 AND (q.end_date IS NULL OR q.end_date >= e.start_date - interval '24 months')) END AS p_within
            FROM ext e)
        SELECT count(*),
               count(*) FILTER (WHERE ever IS DISTINCT FROM p_ever), count(*) FILTER (WHERE ever),
               count(*) FILTER (WHERE within IS DISTINCT FROM p_within), count(*) FILTER (WHERE within),
               count(*) FILTER (WHERE ever AND NOT within),
               (array_agg(format('child %s start %s: ever %s/%s within %s/%s', child, start_date, ever, p_ever, within, p_within))
                  FILTER (WHERE ever IS DISTINCT FROM p_ever OR within IS DISTINCT FROM p_within))[1:5]::text
        FROM plain""")[0]
    total, bad_ever, n_ever, bad_within, n_within, n_old = [int(x) for x in res[:6]]
    tap.check(bad_ever == 0, "is_repeat_plan(start) = EXISTS an earlier start, all %d plans (%d repeats)" % (total, n_ever), [res[6]])
    tap.check(bad_within == 0 and n_old > 0,
              "is_repeat_plan(start, end, '24 months') = EXISTS an earlier plan ending on or after start - 24 months "
              "or open (%d true, %d repeats ever but not within)" % (n_within, n_old), [res[6]])
    boundary = int(rows("""
        SELECT count(*) FROM S.p a JOIN S.p b ON a.child = b.child AND b.start_date > a.start_date
        WHERE a.end_date = (b.start_date - interval '24 months')::date""")[0][0])
    tap.check(boundary > 0, "the data has %d plans starting exactly 24 months after an earlier plan ended" % boundary)

    # Durations.
    res = rows("""
        SELECT count(*),
               count(*) FILTER (WHERE socialcare.lasted_days(start_date, end_date) <> end_date - start_date + 1),
               count(*) FILTER (WHERE socialcare.lasted_two_years_or_more(start_date, end_date)
                                 <> (end_date - start_date + 1 > 729)),
               count(*) FILTER (WHERE end_date - start_date IN (728, 729)),
               count(*) FILTER (WHERE socialcare.ended_within(start_date, end_date)
                                 <> (end_date <= start_date + interval '3 months')),
               count(*) FILTER (WHERE socialcare.ended_within(start_date, end_date, '6 months')
                                 <> (end_date <= start_date + interval '6 months')),
               count(*) FILTER (WHERE socialcare.ended_within(start_date, end_date, '90 days')
                                 <> (end_date <= start_date + 90)),
               count(*) FILTER (WHERE end_date = (start_date + interval '3 months')::date),
               count(*) FILTER (WHERE socialcare.ended_within(start_date, end_date))
        FROM S.p WHERE end_date IS NOT NULL""")[0]
    res = [int(x) for x in res]
    tap.check(res[1] == 0 and res[2] == 0 and res[3] > 0,
              "lasted_days and lasted_two_years_or_more = DfE's (end - start + 1) > 729 for %d ended plans "
              "(%d of 728 or 729 days)" % (res[0], res[3]))
    tap.check(res[4] == res[5] == res[6] == 0 and res[7] > 0,
              "ended_within(3 months, 6 months, 90 days) = end <= start + interval (%d ending exactly 3 months on, "
              "%d within 3 months)" % (res[7], res[8]))

    # As at each month end, 2023-04 .. 2026-03.
    res = rows("""
        WITH ext AS (SELECT m, count(p.child) AS n FROM socialcare.month_ends('2023-04-01', '2026-03-31') m
                     LEFT JOIN S.p p ON socialcare.open_at(p.start_date, p.end_date, m) GROUP BY m),
             plain AS (SELECT (g + interval '1 month' - interval '1 day')::date AS m,
                              (SELECT count(*) FROM S.p WHERE start_date IS NOT NULL   -- unknown start: not counted
                                                      AND daterange(start_date, end_date, '[)')
                                                          @> (g + interval '1 month' - interval '1 day')::date) AS n
                       FROM generate_series(timestamp '2023-04-01', '2026-03-01', '1 month') g)
        SELECT count(*), count(*) FILTER (WHERE ext.n IS DISTINCT FROM plain.n), min(plain.n), max(plain.n),
               (SELECT count(*) FROM S.p WHERE (end_date + 1 - interval '1 month')::date = date_trunc('month', end_date))
        FROM plain LEFT JOIN ext USING (m)""")[0]
    res = [int(x) for x in res]
    tap.check(res[0] == 36 and res[1] == 0 and res[4] > 0,
              "open_at: plans open at each of 36 month ends = daterange [start, end) @> month end (%d..%d open; "
              "%d plans end on a month end)" % (res[2], res[3], res[4]),
              ["%d of %d month ends differ" % (res[1], res[0])])

    # Placements: the plans' dates reused as placements, each end the next start
    # (moves share the day); the year to 31 March 2025.
    res = rows("""
        CREATE UNLOGGED TABLE S.placement AS
        SELECT child, start_date,
               CASE WHEN lead(start_date) OVER w IS NULL THEN end_date ELSE lead(start_date) OVER w END AS end_date
        FROM (SELECT DISTINCT child, start_date, end_date FROM S.p WHERE start_date IS NOT NULL) x
        WINDOW w AS (PARTITION BY child ORDER BY start_date, end_date);
        INSERT INTO S.placement SELECT child, d, d FROM (SELECT DISTINCT child, date '2024-04-01' + (child %% 365) AS d
                                                         FROM S.p WHERE child %% 50 = 0) s;   -- under 24 hours
        INSERT INTO S.placement SELECT child, date '2024-03-20', date '2024-04-01' FROM S.gen WHERE k = 1 AND child %% 97 = 0;
        INSERT INTO S.placement SELECT child, date '2025-03-31', NULL FROM S.gen WHERE k = 1 AND child %% 89 = 0;
        WITH ext AS (SELECT child, count(*) FILTER (WHERE socialcare.placement_in_year(start_date, end_date, '2025-03-31')) AS n,
                            bool_or(socialcare.open_at(start_date, end_date, '2025-03-31')) AS at_end
                     FROM S.placement GROUP BY child),
             plain AS (SELECT child,
                              count(*) FILTER (WHERE daterange(start_date, end_date, '[]') && daterange('2024-04-01', '2025-03-31', '[]')
                                               AND start_date IS DISTINCT FROM end_date) AS n,
                              bool_or(start_date <= '2025-03-31' AND coalesce(end_date, 'infinity') > '2025-03-31') AS at_end
                       FROM S.placement GROUP BY child)
        SELECT count(*), count(*) FILTER (WHERE e.n <> p.n OR e.at_end IS DISTINCT FROM p.at_end),
               count(*) FILTER (WHERE p.at_end AND p.n >= 3), count(*) FILTER (WHERE p.at_end),
               (SELECT count(*) FROM S.placement WHERE end_date = '2024-04-01' OR start_date = '2025-03-31')
        FROM ext e JOIN plain p USING (child)""".replace("%%", "%"))[0]
    res = [int(x) for x in res]
    tap.check(res[1] == 0 and res[4] > 0,
              "placement_in_year and open_at at 31 March 2025 = closed-range overlap, over 24 hours, for %d children: "
              "%d of %d looked after at 31 March had 3 or more placements (%d placements ending 1 April or starting "
              "31 March)" % (res[0], res[2], res[3], res[4]))

    rows("DROP SCHEMA IF EXISTS S CASCADE")
    print("1..%d" % tap.n)
    print("# %d of %d checks failed; %.1f s" % (tap.failed, tap.n, time.time() - t_start))
    return 1 if tap.failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        subprocess.run(PSQL, input="DROP SCHEMA IF EXISTS %s CASCADE" % SCHEMA, capture_output=True, text=True)
