#!/usr/bin/python3
"""The SSD KPI layer's figures, worked out independently in plain Python.

This is the oracle of test/ssd/run.py.  It is written from the layer's
contract (the KPI rules, the conventions, the data-quality phrases) and shares
nothing with the extension: no SQL, no socialcare function.  Working days come
from GOV.UK's list of the bank holidays of England and Wales
(test/data/bank-holidays-govuk.csv); months are calendar months, the
corresponding day or the month's last day (as PostgreSQL's date + interval);
the statutory chains are written from doc/timescales.md and
extension/sql/timescales.data.sql: lac_review (20 working days from entering
care, then 3 months, then 6 months), lac_visit (1 week from the placement's
start, then 6 weeks) and lac_visit_long_term (the same, then 3 months once the
previous visit is on or after the placement's first anniversary).

compute(data, period_start, period_end, absent) takes the source rows,
{table: [ {column: value} ]} (dates as datetime.date or datetime.datetime,
missing keys are NULL), and returns (kpis, dq):
  kpis: {(kpi_code, month_end): (numerator, denominator, value)} as Fractions
        or None;
  dq:   {(table_name, problem, treatment): (kpi_codes tuple, row_count,
        example ids)} -- the data_quality view.
Where the contract is silent, the choice made here is written next to it.
Data-quality rows: a problem of the row itself (dates in the wrong order, a
missing start, an unknown code, bad or missing JSON, a same-day duplicate, an
event before its parent) is listed whatever the row's date; a problem of how
a KPI treats the row in a month ('18 or over', 'date of birth unknown', 'no
decision recorded', 'no return interview recorded', no population or
workforce figures) only when that KPI reads the row at a report month.
"""

import calendar
import csv
import datetime as dt
import json
import os
from collections import defaultdict
from fractions import Fraction

D = dt.date
DAY = dt.timedelta(days=1)
HERE = os.path.dirname(os.path.abspath(__file__))
HOLIDAYS_CSV = os.path.join(HERE, "..", "data", "bank-holidays-govuk.csv")

# The layer's value_map defaults (compared upper-cased, spaces trimmed).
YES = {"Y", "YES", "TRUE", "T", "1"}
NO = {"N", "NO", "FALSE", "F", "0", "NA"}
ALLOCATED_ROLES = {"ALLOCATED CASE WORKER", "CW", "ALLOCATED WORKER"}
LONG_TERM_FOSTERING = {"U1", "U4"}
GRADE_OK = {"OUTSTANDING", "GOOD", "REQUIRES IMPROVEMENT"}
GRADE_BELOW = {"INADEQUATE"}
NEW_REFERRAL_KEYS = ["NEW_REFERRAL_FLAG"]
SHORT_BREAK = {"V3", "V4"}

KPI_CODES = ["PI01", "PI02", "PI03", "PI04", "PI05", "PI06", "PI07", "PI08", "PI09", "PI10",
             "PI11", "PI12", "PI13", "PI14", "PI15", "REREF", "LACRATE", "REPEATCP", "CP2Y",
             "LAC3PL", "ICPC15_12M", "ASSESS45_12M"]

# What each KPI needs (tables); a KPI lacking one is 'no source' (all NULL).
NEEDS = {
    "PI01": ["ssd_contacts", "ext_contact_decision"],
    "PI02": ["ssd_cp_plans", "ssd_person", "ext_population"],
    "PI03": ["ssd_initial_cp_conference", "ssd_s47_enquiry"],
    "PI04": ["ssd_cin_assessments", "ssd_cin_episodes"],
    "PI05": ["ssd_cin_episodes", "ssd_involvements", "ssd_person"],
    "PI06": ["ssd_cp_plans", "ssd_cp_visits", "ssd_person"],
    "PI07": ["ssd_cp_plans", "ssd_cp_reviews", "ssd_person"],
    "PI08": ["ssd_cp_plans", "ext_case_supervision", "ssd_person"],
    "PI09": ["ssd_missing", "ext_return_interview"],
    "PI10": ["ssd_cin_plans", "ssd_cin_visits", "ssd_person"],
    "PI11": ["ssd_cla_episodes", "ssd_cla_placement", "ssd_cla_visits", "ssd_person"],
    "PI12": ["ssd_cla_reviews", "ssd_cla_episodes"],
    "PI13": ["ext_workforce_month"],
    "PI14": ["ssd_involvements", "ext_workforce_month", "ssd_person"],
    "PI15": ["ext_case_audit"],
    "REREF": ["ssd_cin_episodes"],
    "LACRATE": ["ssd_cla_episodes", "ssd_person", "ext_population"],
    "REPEATCP": ["ssd_cp_plans"],
    "CP2Y": ["ssd_cp_plans"],
    "LAC3PL": ["ssd_cla_episodes", "ssd_cla_placement", "ssd_person"],
    "ICPC15_12M": ["ssd_initial_cp_conference", "ssd_s47_enquiry"],
    "ASSESS45_12M": ["ssd_cin_assessments", "ssd_cin_episodes"],
}

# kpi_codes of a data-quality row: the KPIs reading that table's rows in the
# way the problem affects (the contract names the phrases, not these lists:
# our reading).  (table, problem) first, then table.
KPIS_OF = {
    ("ssd_cin_episodes", "unknown flag value"): ["PI05"],
    ("ssd_cin_episodes", "end before start"): ["PI05", "REREF"],
    ("ssd_cin_episodes", "start date missing"): ["PI05", "REREF"],
    ("ssd_cla_episodes", "end before start"): ["PI11", "LACRATE", "LAC3PL"],
    ("ssd_cla_episodes", "start date missing"): ["PI11", "LACRATE", "LAC3PL"],
    ("ssd_cin_episodes", "same-day duplicate"): ["PI05", "REREF"],
    ("ssd_cin_episodes", "18 or over"): ["PI05"],
    ("ssd_cin_episodes", "date of birth unknown"): ["PI05"],
    ("ssd_cp_plans", "18 or over"): ["PI02", "PI06", "PI07", "PI08"],
    ("ssd_cp_plans", "date of birth unknown"): ["PI02", "PI06", "PI07", "PI08"],
    ("ssd_cla_episodes", "no matching placement"): ["PI11"],
    ("ssd_cla_episodes", "18 or over"): ["PI11", "LACRATE", "LAC3PL"],
    ("ssd_cla_episodes", "date of birth unknown"): ["PI11", "LACRATE", "LAC3PL"],
    "ssd_contacts": ["PI01"],
    "ssd_cin_episodes": ["PI04", "PI05", "REREF", "ASSESS45_12M"],
    "ssd_cin_assessments": ["PI04", "ASSESS45_12M"],
    "ssd_initial_cp_conference": ["PI03", "ICPC15_12M"],
    "ssd_cp_plans": ["PI02", "PI06", "PI07", "PI08", "REPEATCP", "CP2Y"],
    "ssd_cp_visits": ["PI06"],
    "ssd_cin_plans": ["PI10"],
    "ssd_cin_visits": ["PI10"],
    "ssd_cla_episodes": ["PI11", "PI12", "LACRATE", "LAC3PL"],
    "ssd_cla_placement": ["PI11", "LAC3PL"],
    "ssd_cla_reviews": ["PI12"],
    "ssd_cla_visits": ["PI11"],
    "ssd_missing": ["PI09"],
    "ssd_involvements": ["PI05", "PI14"],
    "ext_case_audit": ["PI15"],
    "ext_return_interview": ["PI09"],
    "ext_population": ["PI02", "LACRATE"],
    "ext_workforce_month": ["PI13", "PI14"],
}


def kpis_of(table, problem):
    return tuple(sorted(KPIS_OF.get((table, problem)) or KPIS_OF[table]))


# --------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------
def _holidays():
    with open(HOLIDAYS_CSV, newline="", encoding="utf-8") as f:
        return {D.fromisoformat(r["date"]) for r in csv.DictReader(f)
                if r["division"] == "england-and-wales"}


HOLIDAYS = _holidays()


def is_working(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def working_days(s, f):
    """Working days d with s < d <= f (s is day 0); minus the reverse count."""
    if f < s:
        return -working_days(f, s)
    n, d = 0, s + DAY
    while d <= f:
        n += is_working(d)
        d += DAY
    return n


def add_months(d, n):
    t = d.year * 12 + d.month - 1 + n
    y, m = divmod(t, 12)
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def month_end(y, m):
    return D(y, m, calendar.monthrange(y, m)[1])


def month_ends(a, b):
    out, y, m = [], a.year, a.month
    while month_end(y, m) <= b:
        out.append(month_end(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def rolling_start(m):
    """First day of the 12 months to the month end m: [that day, m]."""
    return add_months(D(m.year, m.month, 1), -11)


def fy_start(m):
    return D(m.year if m.month >= 4 else m.year - 1, 4, 1)


def eighteenth_birthday(dob):
    try:
        return D(dob.year + 18, dob.month, dob.day)
    except ValueError:                      # 29 February: 1 March
        return D(dob.year + 18, 3, 1)


def day(v):
    if v is None:
        return None
    return v.date() if isinstance(v, dt.datetime) else v


def ts(v):
    if v is None:
        return None
    return v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)


def norm(v):
    return None if v is None else str(v).strip(" ").upper()


def flag(v):
    """True (yes), False (no or not recorded), None (unknown code)."""
    n = norm(v)
    if n is None or n == "" or n in NO:
        return False
    if n in YES:
        return True
    return None


def pct(num, den):
    return (num, den, None if den == 0 else Fraction(100) * num / den)


def json_problem(text):
    """Not NULL when text is not a JSON object (PostgreSQL's json input)."""
    try:
        v = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    except ValueError as e:
        return str(e)
    return None if isinstance(v, dict) else "not an object"


def json_field(text, key):
    v = json.loads(text).get(key)
    if v is None or isinstance(v, (dict, list)):
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


# --------------------------------------------------------------------------
# The oracle
# --------------------------------------------------------------------------
class DQ:
    def __init__(self):
        self.rows = {}          # (table, row_id, problem) -> treatment

    def add(self, table, row_id, problem, treatment):
        self.rows.setdefault((table, str(row_id), problem), treatment)

    def span(self, table, row_id, start, end):
        """True when the row's start and end can be used: a start, no end before it."""
        if start is None:
            self.add(table, row_id, "start date missing", "left out")
            return False
        if end is not None and end < start:
            self.add(table, row_id, "end before start", "left out")
            return False
        return True

    def view(self):
        groups = defaultdict(list)
        for (table, rid, problem), treatment in self.rows.items():
            groups[(table, problem, treatment)].append(rid)
        return {k: (kpis_of(k[0], k[1]), len(ids), sorted(ids)[:5]) for k, ids in groups.items()}


def compute(data, period_start, period_end, absent=frozenset()):
    T = {t: list(rows) for t, rows in data.items() if t not in absent}
    tab = lambda t: T.get(t, [])          # noqa: E731
    months = month_ends(period_start, period_end)
    dq = DQ()
    kp = {}
    have = lambda k: all(t in T for t in NEEDS[k])   # noqa: E731

    persons = {p["pers_person_id"]: p for p in tab("ssd_person")}

    def dob(pid):
        p = persons.get(pid)
        if p is None:
            return None
        return day(p.get("pers_dob")) or day(p.get("pers_expected_dob"))

    def age_ok(table, rid, pid, m, seen18):
        """Child measure at m: False (left out) on or after the 18th birthday."""
        b = dob(pid)
        if b is None:
            dq.add(table, rid, "date of birth unknown", "counted")
            return True
        if m >= eighteenth_birthday(b):
            dq.add(table, rid, "18 or over", "left out")
            return False
        return True

    def dedupe(rows, key, table, idcol):
        """One row per key (the smallest id as text); the others 'counted once'."""
        groups = defaultdict(list)
        for r in rows:
            groups[key(r)].append(r)
        out = []
        for g in groups.values():
            g.sort(key=lambda r: str(r[idcol]))
            out.append(g[0])
            for r in g[1:]:
                dq.add(table, r[idcol], "same-day duplicate", "counted once")
        return out

    pop = {}
    for r in tab("ext_population"):
        if r["age_band"] == "0-17":
            pop[r["mid_year"]] = r["population"]

    def population(m):
        ys = [y for y in pop if y <= fy_start(m).year - 1]
        return pop[max(ys)] if ys else None

    # ---- referrals ---------------------------------------------------------
    refs = []
    for r in tab("ssd_cin_episodes"):
        rid, s, e = r["cine_referral_id"], day(r.get("cine_referral_date")), day(r.get("cine_close_date"))
        bad = not dq.span("ssd_cin_episodes", rid, s, e)
        nfa = flag(r.get("cine_referral_nfa"))
        if nfa is None:
            dq.add("ssd_cin_episodes", rid, "unknown flag value", "left out")
        if not bad:
            refs.append(dict(id=rid, person=r.get("cine_person_id"), start=s, end=e, nfa=nfa))
    ref_by_id = {r["id"]: r for r in refs}
    refs1 = dedupe(refs, lambda r: (r["person"], r["start"]), "ssd_cin_episodes", "id")

    # REREF: one per child per day; is_rereferral over the whole history.
    byc = defaultdict(list)
    for r in refs1:
        byc[r["person"]].append(r["start"])
    reref = []
    for c, days in byc.items():
        days.sort()
        for i, d in enumerate(days):
            prev = days[i - 1] if i else None
            # previous referral dated on or after d - 12 months (29 Feb - 1 year = 28 Feb)
            reref.append((d, prev is not None and prev >= add_months(d, -12)))
    for m in months:
        if not have("REREF"):
            kp[("REREF", m)] = (None, None, None)
            continue
        w = [x for d, x in reref if rolling_start(m) <= d <= m]
        kp[("REREF", m)] = pct(sum(w), len(w))

    # ---- involvements: allocations -----------------------------------------
    invs = []
    for r in tab("ssd_involvements"):
        iid, s, e = r["invo_involvements_id"], day(r.get("invo_involvement_start_date")), day(r.get("invo_involvement_end_date"))
        if s is not None and e is not None and e < s:
            dq.add("ssd_involvements", iid, "end before start", "left out")
            continue
        if norm(r.get("invo_professional_role_id")) not in ALLOCATED_ROLES or r.get("invo_professional_id") is None:
            continue
        invs.append(dict(id=iid, person=r.get("invo_person_id"), ref=r.get("invo_referral_id"), start=s, end=e))

    inv_by_ref, inv_by_person = defaultdict(list), defaultdict(list)
    for i in invs:
        inv_by_ref[i["ref"]].append(i)
        inv_by_person[i["person"]].append(i)

    def open_at(s, e, m):
        return s is not None and s <= m and (e is None or e > m)

    # ---- PI05: unallocated open referrals ----------------------------------
    for m in months:
        if not have("PI05"):
            kp[("PI05", m)] = (None, None, None)
            continue
        kids = defaultdict(list)
        for r in refs1:
            if r["nfa"] is None or r["nfa"] or not open_at(r["start"], r["end"], m):
                continue
            if age_ok("ssd_cin_episodes", r["id"], r["person"], m, None):
                kids[r["person"]].append(r)
        # A child counts when none of their open referrals is allocated at m
        # and one of them has waited more than 5 working days (a new
        # referral today does not hide a referral unallocated since January;
        # the contract is silent on children with several open referrals).
        num = 0
        for c, rs in kids.items():
            allocated = waited = False
            for r in rs:
                mine = inv_by_ref.get(r["id"], []) + [i for i in inv_by_person.get(c, []) if i["ref"] is None]
                if any(open_at(i["start"], i["end"], m) for i in mine):
                    allocated = True
                ends = [i["end"] for i in mine if i["end"] is not None and i["end"] <= m]
                since = max([r["start"]] + ends)
                if working_days(since, m) > 5:
                    waited = True
            num += waited and not allocated
        kp[("PI05", m)] = (num, len(kids), Fraction(num))

    # ---- PI14: caseload ---------------------------------------------------
    wf = defaultdict(list)
    for r in tab("ext_workforce_month"):
        wf[r["month_end"]].append(r)
    for m in months:
        if not have("PI14"):
            kp[("PI14", m)] = kp[("PI13", m)] = (None, None, None)
            continue
        kids = set()
        for i in invs:
            if open_at(i["start"], i["end"], m) and i["person"] is not None:
                if age_ok("ssd_involvements", i["id"], i["person"], m, None):
                    kids.add(i["person"])
        rows = wf.get(m)
        if not rows:
            dq.add("ext_workforce_month", m.isoformat(), "no workforce figures", "left out")
            kp[("PI14", m)] = (len(kids), None, None)
            kp[("PI13", m)] = (None, None, None)
            continue
        fte = sum(Fraction(str(r["permanent_fte"])) + Fraction(str(r["agency_fte"]))
                  - Fraction(str(r["absent_fte"])) - Fraction(str(r["non_case_holding_fte"])) for r in rows)
        kp[("PI14", m)] = (len(kids), fte, None if fte == 0 else round(Fraction(len(kids)) / fte, 10))
        est = sum(Fraction(str(r["establishment_fte"])) for r in rows)
        vac = sum(Fraction(str(r["establishment_fte"])) - Fraction(str(r["permanent_fte"])) for r in rows)
        kp[("PI13", m)] = pct(vac, est)

    # ---- PI04 / ASSESS45_12M ------------------------------------------------
    assess = []
    for r in tab("ssd_cin_assessments"):
        aid, a = r["cina_assessment_id"], day(r.get("cina_assessment_auth_date"))
        if a is None:
            continue
        ref = ref_by_id.get(r.get("cina_referral_id"))
        if ref is None:
            dq.add("ssd_cin_assessments", aid, "no matching referral", "left out")
            continue
        if a < ref["start"]:
            dq.add("ssd_cin_assessments", aid, "before its referral", "left out")
            continue
        assess.append(dict(id=aid, person=r.get("cina_person_id"), day=a,
                           ok=working_days(ref["start"], a) <= 45))
    assess = dedupe(assess, lambda r: (r["person"], r["day"]), "ssd_cin_assessments", "id")
    for m in months:
        for code, lo in (("PI04", D(m.year, m.month, 1)), ("ASSESS45_12M", rolling_start(m))):
            if not have(code):
                kp[(code, m)] = (None, None, None)
                continue
            w = [a["ok"] for a in assess if lo <= a["day"] <= m]
            kp[(code, m)] = pct(sum(w), len(w))

    # ---- PI03 / ICPC15_12M --------------------------------------------------
    s47 = {r["s47e_s47_enquiry_id"]: r for r in tab("ssd_s47_enquiry")}
    icpcs = []
    for r in tab("ssd_initial_cp_conference"):
        iid, d = r["icpc_icpc_id"], day(r.get("icpc_icpc_date"))
        if d is None:
            continue
        tr = flag(r.get("icpc_icpc_transfer_in"))
        if tr is None:
            dq.add("ssd_initial_cp_conference", iid, "unknown flag value", "left out")
            continue
        if tr:                              # transfer-in: no local strategy discussion
            continue
        e = s47.get(r.get("icpc_s47_enquiry_id"))
        sd = day(e.get("s47e_s47_start_date")) if e else None
        if sd is None:
            dq.add("ssd_initial_cp_conference", iid, "no matching s47 enquiry", "left out")
            continue
        if d < sd:
            dq.add("ssd_initial_cp_conference", iid, "before its strategy discussion", "left out")
            continue
        icpcs.append(dict(id=iid, person=r.get("icpc_person_id"), day=d, ok=working_days(sd, d) <= 15))
    icpcs = dedupe(icpcs, lambda r: (r["person"], r["day"]), "ssd_initial_cp_conference", "id")
    for m in months:
        for code, lo in (("PI03", D(m.year, m.month, 1)), ("ICPC15_12M", rolling_start(m))):
            if not have(code):
                kp[(code, m)] = (None, None, None)
                continue
            w = [a["ok"] for a in icpcs if lo <= a["day"] <= m]
            kp[(code, m)] = pct(sum(w), len(w))

    # ---- CP plans ----------------------------------------------------------
    plans = []
    for r in tab("ssd_cp_plans"):
        pid, s, e = r["cppl_cp_plan_id"], day(r.get("cppl_cp_plan_start_date")), day(r.get("cppl_cp_plan_end_date"))
        if not dq.span("ssd_cp_plans", pid, s, e):
            continue
        ola = flag(r.get("cppl_cp_plan_ola"))
        if ola is None:
            dq.add("ssd_cp_plans", pid, "unknown flag value", "left out")
            continue
        if ola:
            continue
        plans.append(dict(id=pid, person=r.get("cppl_person_id"), start=s, end=e))
    plan_start = {p["id"]: p["start"] for p in plans}
    all_plan_start = {r["cppl_cp_plan_id"]: day(r.get("cppl_cp_plan_start_date")) for r in tab("ssd_cp_plans")}
    plans = dedupe(plans, lambda r: (r["person"], r["start"]), "ssd_cp_plans", "id")

    visits = []
    for r in tab("ssd_cp_visits"):
        vid, d = r["cppv_cp_visit_id"], day(r.get("cppv_cp_visit_date"))
        seen = flag(r.get("cppv_cp_visit_seen"))
        if seen is None:
            dq.add("ssd_cp_visits", vid, "unknown flag value", "left out")
            continue
        ps = all_plan_start.get(r.get("cppv_cp_plan_id"))
        if d is not None and ps is not None and d < ps:
            dq.add("ssd_cp_visits", vid, "visit before its plan", "left out")
            continue
        if seen and d is not None:
            visits.append(dict(plan=r.get("cppv_cp_plan_id"), person=r.get("cppv_person_id"), day=d))
    visits_by_plan, visits_by_person = defaultdict(list), defaultdict(list)
    for v in visits:
        if v["plan"] is None:
            visits_by_person[v["person"]].append(v)
        else:
            visits_by_plan[v["plan"]].append(v)
    reviews = defaultdict(list)
    for r in tab("ssd_cp_reviews"):
        d = day(r.get("cppr_cp_review_date"))
        if d is not None:
            reviews[r.get("cppr_cp_plan_id")].append(d)
    sup = defaultdict(list)
    for r in tab("ext_case_supervision"):
        sup[r["person_id"]].append(day(r["supervision_date"]))

    for m in months:
        cohort = []
        for p in plans:
            if open_at(p["start"], p["end"], m) and age_ok("ssd_cp_plans", p["id"], p["person"], m, None):
                cohort.append(p)
        if have("PI02"):
            kids = len({p["person"] for p in cohort})
            popn = population(m)
            if popn is None:
                dq.add("ext_population", m.isoformat(), "no population estimate", "left out")
            kp[("PI02", m)] = (kids, popn, None if popn is None else Fraction(kids) / popn * 10000)
        else:
            kp[("PI02", m)] = (None, None, None)
        ok6 = ok7 = ok8 = 0
        for p in cohort:
            vs = [v["day"] for v in visits_by_plan.get(p["id"], []) + visits_by_person.get(p["person"], [])
                  if (v["plan"] == p["id"] or (v["plan"] is None and v["person"] == p["person"]))
                  and p["start"] <= v["day"] <= m]
            ok6 += max(vs + [p["start"]]) + dt.timedelta(days=14) >= m
            rv = [d for d in reviews.get(p["id"], []) if d <= m]
            ok7 += add_months(max(rv + [p["start"]]), 6) >= m
            ss = [d for d in sup.get(p["person"], []) if p["start"] <= d <= m]
            ok8 += max(ss + [p["start"]]) + dt.timedelta(days=28) >= m
        for code, ok in (("PI06", ok6), ("PI07", ok7), ("PI08", ok8)):
            kp[(code, m)] = pct(ok, len(cohort)) if have(code) else (None, None, None)
        # REPEATCP / CP2Y over the 12 months to m
        lo = rolling_start(m)
        rep = []
        for p in plans:
            if lo <= p["start"] <= m:
                rep.append(any(q["person"] == p["person"] and q["start"] < p["start"] for q in plans))
        kp[("REPEATCP", m)] = pct(sum(rep), len(rep)) if have("REPEATCP") else (None, None, None)
        two = [(p["end"] - p["start"]).days >= 729 for p in plans if p["end"] is not None and lo <= p["end"] <= m]
        kp[("CP2Y", m)] = pct(sum(two), len(two)) if have("CP2Y") else (None, None, None)

    # ---- PI09: return interviews --------------------------------------------
    rhi = {r["miss_table_id"]: ts(r["rhi_completed_at"]) for r in tab("ext_return_interview")}
    miss = []
    for r in tab("ssd_missing"):
        mid, s, e = r["miss_table_id"], ts(r.get("miss_missing_episode_start_date")), ts(r.get("miss_missing_episode_end_date"))
        if s is not None and e is not None and e.date() < s.date():
            dq.add("ssd_missing", mid, "end before start", "left out")
            continue
        acc = flag(r.get("miss_missing_rhi_accepted"))
        if acc is None:
            dq.add("ssd_missing", mid, "unknown flag value", "left out")
            continue
        if not acc or e is None or not have("PI09"):
            continue
        done = rhi.get(mid)
        if done is None:
            # listed when it is counted: the episode ended in a report month
            if period_start <= e.date() <= months[-1]:
                dq.add("ssd_missing", mid, "no return interview recorded", "counted as late")
            miss.append((e.date(), False))
        elif done < e:
            dq.add("ext_return_interview", mid, "interview before return", "left out")
        else:
            miss.append((e.date(), done <= e + dt.timedelta(hours=72)))
    for m in months:
        w = [ok for d, ok in miss if D(m.year, m.month, 1) <= d <= m]
        kp[("PI09", m)] = pct(sum(w), len(w)) if have("PI09") else (None, None, None)

    # ---- PI10: CIN plans ----------------------------------------------------
    cinp = []
    for r in tab("ssd_cin_plans"):
        pid, s, e = r["cinp_cin_plan_id"], day(r.get("cinp_cin_plan_start_date")), day(r.get("cinp_cin_plan_end_date"))
        if not dq.span("ssd_cin_plans", pid, s, e):
            continue
        cinp.append(dict(id=pid, person=r.get("cinp_person_id"), start=s, end=e))
    cinv = defaultdict(list)
    for r in tab("ssd_cin_visits"):
        seen = flag(r.get("cinv_cin_visit_seen"))
        if seen is None:
            dq.add("ssd_cin_visits", r["cinv_cin_visit_id"], "unknown flag value", "left out")
            continue
        if seen and r.get("cinv_cin_visit_date") is not None:
            cinv[r.get("cinv_person_id")].append(day(r["cinv_cin_visit_date"]))
    for m in months:
        starts = {}
        for p in cinp:
            if open_at(p["start"], p["end"], m) and age_ok("ssd_cin_plans", p["id"], p["person"], m, None):
                starts[p["person"]] = min(starts.get(p["person"], p["start"]), p["start"])
        ok = 0
        for c, s in starts.items():
            vs = [d for d in cinv.get(c, []) if s <= d <= m]
            ok += working_days(max(vs + [s]), m) <= 20
        kp[("PI10", m)] = pct(ok, len(starts)) if have("PI10") else (None, None, None)

    # ---- LAC ---------------------------------------------------------------
    eps = []
    for r in tab("ssd_cla_episodes"):
        eid, s, e = r["clae_cla_episode_id"], day(r.get("clae_cla_episode_start_date")), day(r.get("clae_cla_episode_ceased_date"))
        if not dq.span("ssd_cla_episodes", eid, s, e):
            continue
        eps.append(dict(id=eid, person=r.get("clae_person_id"), start=s, end=e, cla=r.get("clae_cla_id"),
                        placement=r.get("clae_cla_placement_id"), entered=day(r.get("clae_entered_care_date"))))
    places = {}
    for r in tab("ssd_cla_placement"):
        pid, s, e = r["clap_cla_placement_id"], day(r.get("clap_cla_placement_start_date")), day(r.get("clap_cla_placement_end_date"))
        if not dq.span("ssd_cla_placement", pid, s, e):
            continue
        places[pid] = dict(id=pid, person=r.get("clap_person_id"), start=s, end=e, type=norm(r.get("clap_cla_placement_type")))
    lvis = defaultdict(list)
    for r in tab("ssd_cla_visits"):
        seen = flag(r.get("clav_cla_visit_seen"))
        if seen is None:
            dq.add("ssd_cla_visits", r["clav_cla_visit_id"], "unknown flag value", "left out")
            continue
        if seen and r.get("clav_cla_visit_date") is not None:
            lvis[r.get("clav_person_id")].append(day(r["clav_cla_visit_date"]))
    legal = [(r.get("lega_person_id"), norm(r.get("lega_legal_status")), day(r.get("lega_legal_status_start_date")),
              day(r.get("lega_legal_status_end_date"))) for r in tab("ssd_legal_status")]

    def short_break(c, m):
        return any(p == c and st in SHORT_BREAK and open_at(s, e, m) for p, st, s, e in legal)

    def visit_overdue(long_term, start, held, last, m):
        if not held:
            due = start + dt.timedelta(days=7)
        elif long_term and last >= add_months(start, 12):
            due = add_months(last, 3)
        else:
            due = last + dt.timedelta(days=42)
        return m > due

    for m in months:
        latest = {}
        for e in eps:
            if open_at(e["start"], e["end"], m):
                c = e["person"]
                if c not in latest or e["start"] > latest[c]["start"]:
                    latest[c] = e
        cohort = []
        for c, e in sorted(latest.items()):
            if not age_ok("ssd_cla_episodes", e["id"], c, m, None):
                continue
            if short_break(c, m):
                continue
            cohort.append(e)
        popn = population(m)
        if have("LACRATE"):
            if popn is None:
                dq.add("ext_population", m.isoformat(), "no population estimate", "left out")
            kp[("LACRATE", m)] = (len(cohort), popn, None if popn is None else Fraction(len(cohort)) / popn * 10000)
        else:
            kp[("LACRATE", m)] = (None, None, None)
        # PI11
        n = ok = 0
        for e in cohort:
            p = places.get(e["placement"])
            if p is None:
                dq.add("ssd_cla_episodes", e["id"], "no matching placement", "left out")
                continue
            vs = [d for d in lvis.get(e["person"], []) if p["start"] <= d <= m]
            n += 1
            ok += not visit_overdue(p["type"] in LONG_TERM_FOSTERING, p["start"], bool(vs), max(vs) if vs else None, m)
        kp[("PI11", m)] = pct(ok, n) if have("PI11") else (None, None, None)
        # LAC3PL
        ys = add_months(m + DAY, -12)
        three = 0
        for e in cohort:
            k = sum(1 for p in places.values() if p["person"] == e["person"] and p["start"] <= m
                    and (p["end"] is None or (p["end"] >= ys and p["end"] > p["start"])))
            three += k >= 3
        kp[("LAC3PL", m)] = pct(three, len(cohort)) if have("LAC3PL") else (None, None, None)

    # PI12: LAC reviews in the financial year to date, the lac_review chain
    entered = {}
    for e in eps:
        if e["cla"] is not None and e["entered"] is not None:
            entered[e["cla"]] = min(entered.get(e["cla"], e["entered"]), e["entered"])
    revs = []
    for r in tab("ssd_cla_reviews"):
        rid, d = r["clar_cla_review_id"], day(r.get("clar_cla_review_date"))
        canc = flag(r.get("clar_cla_review_cancelled"))
        if canc is None:
            dq.add("ssd_cla_reviews", rid, "unknown flag value", "left out")
            continue
        if canc or d is None:
            continue
        ent = entered.get(r.get("clar_cla_id"))
        if ent is None:
            continue
        if d < ent:
            dq.add("ssd_cla_reviews", rid, "before entering care", "left out")
            continue
        revs.append(dict(id=rid, cla=r["clar_cla_id"], day=d))
    revs = dedupe(revs, lambda r: (r["cla"], r["day"]), "ssd_cla_reviews", "id")
    ontime = []
    bycla = defaultdict(list)
    for r in revs:
        bycla[r["cla"]].append(r["day"])
    for cla, days in bycla.items():
        days.sort()
        prev = entered[cla]
        for k, d in enumerate(days, 1):
            if k == 1:
                ok = working_days(prev, d) <= 20
            elif k == 2:
                ok = d <= add_months(prev, 3)
            else:
                ok = d <= add_months(prev, 6)
            ontime.append((d, ok))
            prev = d
    for m in months:
        w = [ok for d, ok in ontime if fy_start(m) <= d <= m]
        kp[("PI12", m)] = pct(sum(w), len(w)) if have("PI12") else (None, None, None)

    # ---- PI15: audits -------------------------------------------------------
    aud = []
    for r in tab("ext_case_audit"):
        d = day(r.get("returned_date"))
        g = norm(r.get("moderated_grade")) or norm(r.get("grade"))
        if d is None or not g:
            continue
        if g in GRADE_OK or g in GRADE_BELOW:
            aud.append((d, g in GRADE_OK))
        else:
            dq.add("ext_case_audit", r["audit_id"], "unknown audit grade", "left out")
    for m in months:
        w = [ok for d, ok in aud if D(m.year, m.month, 1) <= d <= m]
        kp[("PI15", m)] = pct(sum(w), len(w)) if have("PI15") else (None, None, None)

    # ---- PI01: contacts ----------------------------------------------------
    dec = {r["cont_contact_id"]: r for r in tab("ext_contact_decision")}
    cont = []
    for r in tab("ssd_contacts"):
        cid, at = r["cont_contact_id"], ts(r.get("cont_contact_date"))
        # PI01 reads only the contacts of the report months: a contact of
        # another month is read by no KPI, so none of its problems is listed
        if at is None or not (period_start <= at.date() <= months[-1]):
            continue
        j = r.get("cont_contact_outcome_json")
        d = dec.get(cid)
        fallback = d is not None and d.get("cine_referral_id") is not None
        if j is None or j == "":
            dq.add("ssd_contacts", cid, "outcome JSON missing", "counted" if fallback else "left out")
            became = fallback if fallback else None
        elif json_problem(j) is not None:
            dq.add("ssd_contacts", cid, "malformed outcome JSON", "counted" if fallback else "left out")
            became = fallback if fallback else None
        else:
            fs = [flag(json_field(j, k)) for k in NEW_REFERRAL_KEYS]
            if any(f is True for f in fs):
                became = True
            elif any(f is None for f in fs):
                dq.add("ssd_contacts", cid, "unknown flag value", "left out")
                became = None
            else:
                became = False
        if not became or at is None:
            continue
        if d is None:
            dq.add("ssd_contacts", cid, "no decision recorded", "counted as late")
            cont.append((at.date(), False))
            continue
        da = ts(d["decision_at"])
        if da < at:
            dq.add("ssd_contacts", cid, "decision before contact", "left out")
            continue
        cont.append((at.date(), da - at <= dt.timedelta(hours=24)))
    for m in months:
        w = [ok for d, ok in cont if D(m.year, m.month, 1) <= d <= m]
        kp[("PI01", m)] = pct(sum(w), len(w)) if have("PI01") else (None, None, None)

    return kp, dq.view()


def as_text(kp, dq):
    """The figures as lines, for a reader (python3 expected.py)."""
    out = []
    for (code, m), (n, d, v) in sorted(kp.items(), key=lambda x: (KPI_CODES.index(x[0][0]), x[0][1])):
        f = lambda x: "NULL" if x is None else str(round(float(x), 6))  # noqa: E731
        out.append("%-12s %s %10s %10s %12s" % (code, m, f(n), f(d), f(v)))
    for k, (kpis, n, ids) in sorted(dq.items()):
        out.append("%s | %s | %s | %s | %d | %s" % (k[0], k[1], k[2], ",".join(kpis), n, ",".join(ids)))
    return "\n".join(out)


if __name__ == "__main__":
    import handbuilt
    print(as_text(*compute(handbuilt.DATA, handbuilt.PERIOD_START, handbuilt.PERIOD_END)))
