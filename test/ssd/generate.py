#!/usr/bin/python3
"""Generated SSD data with faults injected at known counts.

build() makes a clean synthetic history of about 2,000 children (seeded, so
every run is the same): referrals with their contacts and front-door
decisions, allocations, assessments, s47 enquiries and conferences, CP plans
with visits, reviews and supervisions, CIN plans and visits, periods of care
with placements, visits and reviews, missing episodes and return interviews,
population, workforce and audits.  The clean history has no data-quality
problem at all: every child is under 18 throughout, no two events of a child
share a day, every referral contact has its decision, every accepted return
interview is recorded.

Then it adds faulty rows, each kind at a known count (a share of the rows of
its table), each a row nothing else depends on, so that leaving it out is
the same as not having it:
  ssd_cin_episodes  3% 'end before start'; 1% 'same-day duplicate' (a second
                    row for the child's referral day, larger id)
  ssd_cp_plans      3% 'end before start'; 2% 'unknown flag value' (OLA 'X');
                    1% '18 or over' (children born 2003-2005, a plan open
                    through the period that started before its 12 months
                    to the first month end: REPEATCP is not a child measure)
  ssd_contacts      2% 'malformed outcome JSON' (SystemC-style string with
                    an unescaped quote, no decision naming a referral)
  ssd_cp_visits     2% 'unknown flag value' (seen 'X')
  ssd_cin_assessments 1% 'before its referral'
  ssd_initial_cp_conference 1% 'before its strategy discussion'
  ssd_cla_reviews   1% 'before entering care'
The result: .data (everything), .clean (without the faulty rows), .faults
{(table, problem, treatment): count}, .period_start, .period_end.
"""

import datetime as dt
import random

D = dt.date
DAY = dt.timedelta(days=1)
SEED = 20261202
CHILDREN = 2000
PERIOD_START = D(2024, 4, 1)
PERIOD_END = D(2025, 3, 31)
HISTORY_START = D(2022, 1, 3)
ROLES = ["CW", "cw ", "Allocated Case Worker", "ALLOCATED CASE WORKER", "Allocated Worker", "Team Manager",
         "Social Worker"]


def at(d, hour=0, minute=0):
    return dt.datetime(d.year, d.month, d.day, hour, minute)


def sysc_json(flag, comment=""):
    return ('{"NEW_REFERRAL_FLAG": "%s", "EXISTING_REFERRAL_FLAG": "N", "CP_ENQUIRY_FLAG": "", "NFA_FLAG": "%s", '
            '"NUMBER_OF_OUTCOMES": 1, "COMMENTS": "%s"}' % (flag, "N" if flag == "Y" else "Y", comment))


class Generated:
    pass


def build(children=CHILDREN, seed=SEED):
    rng = random.Random(seed)
    T = {}

    def add(table, **row):
        T.setdefault(table, []).append(row)
        return row

    def rday(a, b):
        return a + dt.timedelta(days=rng.randrange((b - a).days + 1))

    used = {}                       # (table kind, person) -> set of days already used

    def free(kind, person, d):
        s = used.setdefault((kind, person), set())
        while d in s:
            d += DAY
        s.add(d)
        return d

    months = []
    y, m = PERIOD_START.year, PERIOD_START.month
    while D(y, m, 1) <= PERIOD_END:
        nxt = D(y + (m == 12), m % 12 + 1, 1)
        months.append(nxt - DAY)
        y, m = nxt.year, nxt.month

    n_ref = n_con = n_ass = n_inv = n_icpc = n_plan = n_cpv = n_rev = n_sup = 0
    n_cinp = n_cinv = n_cla = n_plc = n_clav = n_clar = n_miss = 0
    cp_children, cla_periods, referrals, assessments, icpcs, plans = [], [], [], [], [], []
    for i in range(1, children + 1):
        pid = "G%05d" % i
        dob = rday(D(2008, 6, 1), D(2023, 12, 31))
        add("ssd_person", pers_person_id=pid, pers_dob=at(dob), pers_sex=rng.choice("FM"),
            pers_gender=rng.choice("FM"), pers_ethnicity=rng.choice(["WBRI", "MWBC", "AIND", "BAFR"]),
            pers_legacy_id="L" + pid)
        # referrals: sequential, each closed before the next starts
        d = rday(max(HISTORY_START, dob + DAY), PERIOD_END)
        k = 0
        while d <= PERIOD_END and k < 3:
            n_ref += 1
            k += 1
            rid = "GR%06d" % n_ref
            ref_day = free("ref", pid, d)
            close = ref_day + dt.timedelta(days=rng.randrange(5, 400)) if rng.random() < 0.75 else None
            ref = add("ssd_cin_episodes", cine_referral_id=rid, cine_person_id=pid,
                      cine_referral_date=at(ref_day, rng.randrange(8, 18), rng.randrange(60)),
                      cine_referral_nfa=rng.choice(["N", "N", "N", "Y", "", None, "n"]),
                      cine_close_date=None if close is None else at(close), cine_cin_primary_need_code="N1",
                      cine_referral_team=rng.choice(["T1", "T2", "T3"]))
            referrals.append(ref)
            # the contact that became this referral, and its decision
            n_con += 1
            cid = "GC%06d" % n_con
            cat = at(ref_day, rng.randrange(0, 24), rng.randrange(60)) - dt.timedelta(days=rng.choice([0, 0, 1]))
            add("ssd_contacts", cont_contact_id=cid, cont_person_id=pid, cont_contact_date=cat,
                cont_contact_source_code="S1",
                cont_contact_outcome_json=rng.choice([sysc_json("Y"), sysc_json("Y", "ok"), None]))
            add("ext_contact_decision", cont_contact_id=cid,
                decision_at=cat + dt.timedelta(minutes=rng.randrange(30, 60 * 60)), cine_referral_id=rid)
            if rng.random() < 0.3:          # a contact that did not become a referral
                n_con += 1
                add("ssd_contacts", cont_contact_id="GC%06d" % n_con, cont_person_id=pid,
                    cont_contact_date=at(rday(HISTORY_START, PERIOD_END), 10), cont_contact_source_code="S2",
                    cont_contact_outcome_json=sysc_json("N"))
            # allocation
            if rng.random() < 0.85:
                n_inv += 1
                s = ref_day + dt.timedelta(days=rng.randrange(0, 15))
                e = close if rng.random() < 0.8 else (s + dt.timedelta(days=rng.randrange(1, 200)))
                if e is not None and e < s:
                    e = s
                add("ssd_involvements", invo_involvements_id="GI%06d" % n_inv, invo_professional_id=
                    None if rng.random() < 0.05 else "W%02d" % rng.randrange(1, 40),
                    invo_professional_role_id=rng.choice(ROLES), invo_professional_team="T1", invo_person_id=pid,
                    invo_involvement_start_date=at(s), invo_involvement_end_date=None if e is None else at(e),
                    invo_referral_id=rid if rng.random() < 0.8 else None)
            # assessment
            if rng.random() < 0.7:
                n_ass += 1
                auth = free("ass", pid, ref_day + dt.timedelta(days=rng.randrange(5, 90)))
                a = add("ssd_cin_assessments", cina_assessment_id="GA%06d" % n_ass, cina_person_id=pid,
                        cina_referral_id=rid, cina_assessment_start_date=at(ref_day),
                        cina_assessment_auth_date=None if rng.random() < 0.05 else at(auth, 12))
                assessments.append(a)
            # s47, conference, CP plan
            if rng.random() < 0.2:
                n_icpc += 1
                sd = ref_day + dt.timedelta(days=rng.randrange(0, 20))
                eid = "GE%06d" % n_icpc
                add("ssd_s47_enquiry", s47e_s47_enquiry_id=eid, s47e_referral_id=rid, s47e_person_id=pid,
                    s47e_s47_start_date=at(sd))
                iday = free("icpc", pid, sd + dt.timedelta(days=rng.randrange(3, 35)))
                q = add("ssd_initial_cp_conference", icpc_icpc_id="GQ%06d" % n_icpc, icpc_s47_enquiry_id=eid,
                        icpc_person_id=pid, icpc_referral_id=rid,
                        icpc_icpc_transfer_in=rng.choice(["N", "N", "N", "Y", None]), icpc_icpc_date=at(iday, 10))
                icpcs.append(q)
                if rng.random() < 0.75:
                    n_plan += 1
                    plid = "GP%06d" % n_plan
                    ps = free("plan", pid, iday)
                    pe = ps + dt.timedelta(days=rng.randrange(30, 900)) if rng.random() < 0.6 else None
                    add("ssd_cp_plans", cppl_cp_plan_id=plid, cppl_person_id=pid, cppl_referral_id=rid,
                        cppl_cp_plan_start_date=at(ps), cppl_cp_plan_end_date=None if pe is None else at(pe),
                        cppl_cp_plan_ola="Y" if rng.random() < 0.05 else rng.choice(["N", "", None]))
                    plans.append((plid, pid, ps, pe))
                    cp_children.append(pid)
                    v, stop = ps, min(pe or PERIOD_END, PERIOD_END)
                    while True:
                        v += dt.timedelta(days=rng.randrange(4, 22))
                        if v > stop:
                            break
                        n_cpv += 1
                        add("ssd_cp_visits", cppv_cp_visit_id="GV%06d" % n_cpv, cppv_person_id=pid,
                            cppv_cp_plan_id=plid if rng.random() < 0.9 else None, cppv_cp_visit_date=at(v, 15),
                            cppv_cp_visit_seen=rng.choice(["Y", "Y", "Y", "N", "y"]))
                    r = ps
                    for step in (90, 182, 182, 182):
                        r += dt.timedelta(days=step + rng.randrange(-20, 25))
                        if r > stop:
                            break
                        n_rev += 1
                        add("ssd_cp_reviews", cppr_cp_review_id="GW%06d" % n_rev, cppr_person_id=pid,
                            cppr_cp_plan_id=plid, cppr_cp_review_date=at(r))
                    s = ps
                    while True:
                        s += dt.timedelta(days=rng.randrange(10, 40))
                        if s > stop:
                            break
                        n_sup += 1
                        add("ext_case_supervision", supervision_id="GS%06d" % n_sup, person_id=pid,
                            supervision_date=at(s, 9))
            # CIN plan
            if rng.random() < 0.2:
                n_cinp += 1
                cs = ref_day + dt.timedelta(days=rng.randrange(10, 60))
                ce = close if close is not None and close > cs else None
                add("ssd_cin_plans", cinp_cin_plan_id="GN%06d" % n_cinp, cinp_referral_id=rid, cinp_person_id=pid,
                    cinp_cin_plan_start_date=at(cs), cinp_cin_plan_end_date=None if ce is None else at(ce))
                v, stop = cs, min(ce or PERIOD_END, PERIOD_END)
                while True:
                    v += dt.timedelta(days=rng.randrange(5, 45))
                    if v > stop:
                        break
                    n_cinv += 1
                    add("ssd_cin_visits", cinv_cin_visit_id="GCV%06d" % n_cinv, cinv_person_id=pid,
                        cinv_cin_visit_date=at(v, 11), cinv_cin_visit_seen=rng.choice(["Y", "Y", "N"]))
            if close is None:
                break
            d = close + dt.timedelta(days=rng.randrange(1, 500))
        # looked after
        if rng.random() < 0.1:
            n_cla += 1
            cla = "GK%05d" % n_cla
            entered = rday(max(HISTORY_START, dob), PERIOD_END - dt.timedelta(days=30))
            s = entered
            places = []
            for p in range(rng.randrange(1, 5)):
                e = s + dt.timedelta(days=rng.randrange(20, 300))
                last = p == 3 or rng.random() < 0.4
                if last and rng.random() < 0.7:
                    e = None
                places.append((s, e))
                if e is None or e > PERIOD_END:
                    break
                s = e
            for j, (s, e) in enumerate(places):
                n_plc += 1
                plc = "GL%06d" % n_plc
                add("ssd_cla_placement", clap_cla_placement_id=plc, clap_cla_id=cla, clap_person_id=pid,
                    clap_cla_placement_start_date=at(s), clap_cla_placement_end_date=None if e is None else at(e),
                    clap_cla_placement_type=rng.choice(["U1", "U3", "U4", "K2", "u4"]))
                add("ssd_cla_episodes", clae_cla_episode_id="GX%06d" % n_plc, clae_person_id=pid,
                    clae_cla_placement_id=plc, clae_cla_episode_start_date=at(s),
                    clae_cla_episode_ceased_date=None if e is None else at(e), clae_cla_id=cla,
                    clae_entered_care_date=at(entered))
                v, stop = s, min(e or PERIOD_END, PERIOD_END)
                while True:
                    v += dt.timedelta(days=rng.randrange(3, 60))
                    if v > stop:
                        break
                    n_clav += 1
                    add("ssd_cla_visits", clav_cla_visit_id="GLV%06d" % n_clav, clav_cla_id=cla, clav_person_id=pid,
                        clav_cla_visit_date=at(v, 14), clav_cla_visit_seen=rng.choice(["Y", "Y", "Y", "N"]))
            end_care = places[-1][1] or PERIOD_END
            r = entered
            for step in (28, 91, 182, 182, 182, 182):
                r += dt.timedelta(days=step + rng.randrange(-10, 15))
                if r > min(end_care, PERIOD_END):
                    break
                n_clar += 1
                add("ssd_cla_reviews", clar_cla_review_id="GLR%06d" % n_clar, clar_cla_id=cla, clar_cla_person_id=pid,
                    clar_cla_review_date=at(r), clar_cla_review_cancelled=rng.choice(["N", "N", "N", "Y", None]))
            cla_periods.append((cla, pid, entered))
        # missing
        if rng.random() < 0.06:
            for _ in range(rng.randrange(1, 4)):
                n_miss += 1
                mid = "GM%06d" % n_miss
                s = at(rday(PERIOD_START - dt.timedelta(days=60), PERIOD_END), rng.randrange(24))
                e = s + dt.timedelta(hours=rng.randrange(1, 72))
                acc = rng.choice(["Y", "Y", "N", None])
                add("ssd_missing", miss_table_id=mid, miss_person_id=pid, miss_missing_episode_start_date=s,
                    miss_missing_episode_end_date=e, miss_missing_rhi_offered="Y", miss_missing_rhi_accepted=acc)
                if acc == "Y" or rng.random() < 0.3:
                    add("ext_return_interview", miss_table_id=mid,
                        rhi_completed_at=e + dt.timedelta(hours=rng.randrange(1, 140)))

    for y in (2022, 2023, 2024):
        add("ext_population", mid_year=y, age_band="0-17", population=40000 + 250 * (y - 2022))
    for me in months:
        for team in ("T1", "T2", "T3"):
            est = rng.randrange(10, 30)
            perm = est - rng.randrange(0, 6)
            add("ext_workforce_month", month_end=me, dept_team_id=team, establishment_fte=est,
                permanent_fte=perm, agency_fte=rng.randrange(0, 4) + 0.5, absent_fte=rng.randrange(0, 2),
                non_case_holding_fte=rng.choice([0, 0.5, 1]))
    for i in range(1, 301):
        add("ext_case_audit", audit_id="GU%05d" % i, person_id="G%05d" % rng.randrange(1, children + 1),
            returned_date=at(rday(PERIOD_START, PERIOD_END)) if rng.random() < 0.9 else None,
            grade=rng.choice(["Good", "Outstanding", "Requires improvement", "Inadequate", "good"]),
            moderated_grade=rng.choice([None, None, None, "Good", "Inadequate"]))

    clean = {t: list(rs) for t, rs in T.items()}
    faults = {}

    def fault(table, problem, treatment, share, make):
        n = max(1, round(share * len(clean[table])))
        for k in range(n):
            make(k)
        faults[(table, problem, treatment)] = n

    # referrals with the close date before the referral date (a new referral
    # day for an existing child, nothing hangs on it)
    def reversed_referral(k):
        r = rng.choice(referrals)
        d = free("ref", r["cine_person_id"], rday(PERIOD_START, PERIOD_END))
        add("ssd_cin_episodes", cine_referral_id="GRB%05d" % k, cine_person_id=r["cine_person_id"],
            cine_referral_date=at(d, 9), cine_close_date=at(d - dt.timedelta(days=rng.randrange(1, 40))),
            cine_referral_nfa="N")
    fault("ssd_cin_episodes", "end before start", "left out", 0.03, reversed_referral)

    dup_of = rng.sample(referrals, max(1, round(0.01 * len(clean["ssd_cin_episodes"]))))

    def duplicate_referral(k):
        r = dict(dup_of[k])
        r["cine_referral_id"] += "D"
        r["cine_referral_date"] += dt.timedelta(hours=1) if r["cine_referral_date"].hour < 22 else dt.timedelta(0)
        T["ssd_cin_episodes"].append(r)
    fault("ssd_cin_episodes", "same-day duplicate", "counted once", 0.01, duplicate_referral)

    nonplan = [p["pers_person_id"] for p in clean["ssd_person"] if p["pers_person_id"] not in set(cp_children)]

    def reversed_plan(k):
        pid = nonplan[k]
        s = rday(PERIOD_START, PERIOD_END)
        add("ssd_cp_plans", cppl_cp_plan_id="GPB%05d" % k, cppl_person_id=pid, cppl_cp_plan_start_date=at(s),
            cppl_cp_plan_end_date=at(s - dt.timedelta(days=rng.randrange(1, 100))), cppl_cp_plan_ola="N")
    fault("ssd_cp_plans", "end before start", "left out", 0.03, reversed_plan)

    def unknown_ola(k):
        pid = nonplan[-1 - k]
        s = rday(HISTORY_START, PERIOD_END)
        add("ssd_cp_plans", cppl_cp_plan_id="GPX%05d" % k, cppl_person_id=pid, cppl_cp_plan_start_date=at(s),
            cppl_cp_plan_end_date=None, cppl_cp_plan_ola=rng.choice(["X", "?", "U"]))
    fault("ssd_cp_plans", "unknown flag value", "left out", 0.02, unknown_ola)

    def adult_plan(k):
        pid = "GA18%03d" % k
        add("ssd_person", pers_person_id=pid, pers_dob=at(rday(D(2003, 1, 1), D(2005, 12, 31))), pers_sex="F")
        add("ssd_cp_plans", cppl_cp_plan_id="GPA%05d" % k, cppl_person_id=pid,
            cppl_cp_plan_start_date=at(rday(D(2022, 1, 3), D(2023, 4, 30))), cppl_cp_plan_end_date=None,
            cppl_cp_plan_ola="N")
    fault("ssd_cp_plans", "18 or over", "left out", 0.01, adult_plan)

    def malformed(k):
        d = at(rday(PERIOD_START, PERIOD_END), rng.randrange(24))
        add("ssd_contacts", cont_contact_id="GCM%05d" % k, cont_person_id="G%05d" % rng.randrange(1, children + 1),
            cont_contact_date=d, cont_contact_outcome_json=sysc_json("Y", 'mum said "not again"'))
        if k % 2:
            add("ext_contact_decision", cont_contact_id="GCM%05d" % k, decision_at=d + dt.timedelta(hours=2),
                cine_referral_id=None)
    fault("ssd_contacts", "malformed outcome JSON", "left out", 0.02, malformed)

    def unknown_seen(k):
        plid, pid, ps, pe = rng.choice([p for p in plans if p[2] <= PERIOD_END])
        v = rday(ps, min(pe or PERIOD_END, PERIOD_END))
        add("ssd_cp_visits", cppv_cp_visit_id="GVX%05d" % k, cppv_person_id=pid, cppv_cp_plan_id=plid,
            cppv_cp_visit_date=at(v, 16), cppv_cp_visit_seen="X")
    fault("ssd_cp_visits", "unknown flag value", "left out", 0.02, unknown_seen)

    refs_by_id = {r["cine_referral_id"]: r for r in referrals}

    def early_assessment(k):
        r = rng.choice(referrals)
        pid = r["cine_person_id"]
        a = free("ass", pid, r["cine_referral_date"].date() - dt.timedelta(days=rng.randrange(1, 30)))
        if a >= r["cine_referral_date"].date():
            a = r["cine_referral_date"].date() - DAY
        add("ssd_cin_assessments", cina_assessment_id="GAB%05d" % k, cina_person_id=pid,
            cina_referral_id=r["cine_referral_id"], cina_assessment_auth_date=at(a, 9))
    fault("ssd_cin_assessments", "before its referral", "left out", 0.01, early_assessment)

    s47_by_id = {r["s47e_s47_enquiry_id"]: r for r in clean["ssd_s47_enquiry"]}

    def early_icpc(k):
        q = rng.choice(icpcs)
        e = s47_by_id[q["icpc_s47_enquiry_id"]]
        sd = e["s47e_s47_start_date"].date()
        d = sd - dt.timedelta(days=rng.randrange(1, 20))
        while d in used.get(("icpc", q["icpc_person_id"]), set()):
            d -= DAY
        used.setdefault(("icpc", q["icpc_person_id"]), set()).add(d)
        add("ssd_initial_cp_conference", icpc_icpc_id="GQB%05d" % k, icpc_s47_enquiry_id=e["s47e_s47_enquiry_id"],
            icpc_person_id=q["icpc_person_id"], icpc_icpc_transfer_in="N", icpc_icpc_date=at(d, 10))
    fault("ssd_initial_cp_conference", "before its strategy discussion", "left out", 0.01, early_icpc)

    def early_review(k):
        cla, pid, entered = rng.choice(cla_periods)
        r = free("early review", cla, entered - dt.timedelta(days=rng.randrange(1, 60)))
        if r >= entered:
            r = entered - dt.timedelta(days=61 + k)
        add("ssd_cla_reviews", clar_cla_review_id="GLRB%05d" % k, clar_cla_id=cla, clar_cla_person_id=pid,
            clar_cla_review_date=at(r), clar_cla_review_cancelled="N")
    fault("ssd_cla_reviews", "before entering care", "left out", 0.01, early_review)

    del refs_by_id
    g = Generated()
    g.data, g.clean, g.faults = T, clean, faults
    g.period_start, g.period_end = PERIOD_START, PERIOD_END
    return g


if __name__ == "__main__":
    g = build()
    for t in sorted(g.data):
        print("%-28s %6d rows (%d clean)" % (t, len(g.data[t]), len(g.clean[t])))
    for k, n in sorted(g.faults.items()):
        print("fault %-60s %d" % (" / ".join(k), n))
