#!/usr/bin/python3
"""The hand-built SSD data set of the SSD KPI layer's tests.

DATA = {table: [ {column: value} ]}: rows by column NAME (so they load into
either edition and into tables whose columns are in another order; a column
a table lacks, such as SystemC's clar_cla_person_id in Eclipse, is skipped by
the loader).  Timestamps are datetime.datetime, dates datetime.date.  Each
awkward row says what it is for; run.py checks every figure against
expected.py.  Reported: the month ends from PERIOD_START to PERIOD_END
(December 2023 to March 2026: 28 months, so that 28 February 2025, 29
February 2024 and the 18th birthday of a child born on 29 February 2008 fall
in it).

Working-day boundaries used below (England and Wales): from Wednesday 20
March 2024, the 15th working day is Friday 12 April (Good Friday 29 March and
Easter Monday 1 April are holidays).
"""

import datetime as dt

PERIOD_START = dt.date(2023, 12, 1)
PERIOD_END = dt.date(2026, 3, 31)


def t(s):
    """A timestamp: 'YYYY-MM-DD' (midnight) or 'YYYY-MM-DD HH:MM'."""
    return dt.datetime.fromisoformat(s)


def d(s):
    return dt.date.fromisoformat(s)


DATA = {}


def rows(table, cols, *values):
    DATA.setdefault(table, []).extend(dict(zip(cols, v)) for v in values)


# ---------------------------------------------------------------------------
# People.  P31 turns 18 on 10 May 2024 (during a CP plan, an open referral and
# care); P32 was born on 29 February 2008 (18 on 1 March 2026: under 18 at 28
# February 2026, not at 31 March); P33 turns 18 on 15 January 2025 while in
# care; P38 has neither date of birth; P39 has no ssd_person row at all; P40
# is unborn (expected date of birth only).
# ---------------------------------------------------------------------------
PERSON_COLS = ("pers_person_id", "pers_legacy_id", "pers_sex", "pers_gender", "pers_ethnicity",
               "pers_dob", "pers_expected_dob", "pers_upn", "pers_forename", "pers_surname",
               "pers_single_unique_id", "pers_upn_unknown", "pers_send_flag", "pers_death_date",
               "pers_is_mother", "pers_nationality")
for i in range(1, 31):
    rows("ssd_person", PERSON_COLS,
         ("P%02d" % i, "L%02d" % i, "F" if i % 2 else "M", "F" if i % 2 else "M", "WBRI",
          t("%d-%02d-%02d" % (2008 + i % 12, 1 + i % 12, 1 + i % 27)), None, "A%012d" % i,
          "Child", "Test%02d" % i, None, None, "N", None, None, "UK"))
rows("ssd_person", PERSON_COLS,
     ("P31", None, "F", "F", "WBRI", t("2006-05-10"), None, None, "Older", "Child", None, None, None, None, None, None),
     ("P32", None, "M", "M", "WBRI", t("2008-02-29 00:00"), None, None, "Leap", "Child", None, None, None, None, None, None),
     ("P33", None, "M", "M", "MOTH", t("2007-01-15"), None, None, "Care", "Leaver", None, None, None, None, None, None),
     ("P34", None, "F", "F", "BAFR", t("2015-06-01"), None, None, "A", "B", None, None, None, None, None, None),
     ("P35", None, "M", "M", "AIND", t("2016-07-01"), None, None, "A", "B", None, None, None, None, None, None),
     ("P36", None, "F", "F", "WBRI", t("2017-08-01"), None, None, "A", "B", None, None, None, None, None, None),
     ("P37", None, "M", "M", "WBRI", t("2012-09-01"), None, None, "A", "B", None, None, None, None, None, None),
     ("P38", None, "U", "U", None, None, None, None, "No", "Dob", None, None, None, None, None, None),
     ("P40", None, "U", "U", None, None, t("2024-08-01"), None, "Unborn", "Child", None, None, None, None, None, None))

# ---------------------------------------------------------------------------
# Referrals (ssd_cin_episodes)
# ---------------------------------------------------------------------------
CINE = ("cine_referral_id", "cine_person_id", "cine_referral_date", "cine_referral_nfa", "cine_close_date",
        "cine_cin_primary_need_code", "cine_referral_source_code", "cine_referral_outcome_json",
        "cine_close_reason", "cine_referral_team", "cine_referral_worker_id")
rows("ssd_cin_episodes", CINE,
     # leap-day windows for REREF
     ("R001", "P01", t("2023-02-28 10:00"), "N", t("2023-06-30"), "N1", "S1", None, "RC1", "T1", "W01"),
     ("R002", "P01", t("2024-02-29 11:00"), "N", t("2024-09-30"), "N1", "S1", None, "RC1", "T1", "W01"),
     ("R003", "P02", t("2023-02-27"), "N", t("2023-05-31"), "N2", "S1", None, "RC1", "T1", "W01"),
     ("R004", "P02", t("2024-02-29"), "N", t("2024-08-31"), "N2", "S1", None, "RC1", "T1", "W01"),
     ("R005", "P03", t("2023-03-01"), "N", t("2023-05-01"), "N3", "S2", None, "RC1", "T1", "W02"),
     ("R006", "P03", t("2024-03-01"), "N", t("2024-10-15"), "N3", "S2", None, "RC1", "T1", "W02"),
     ("R007", "P04", t("2024-03-01 09:00"), "N", None, "N4", "S2", None, None, "T2", "W02"),
     ("R008", "P04", t("2025-02-28 15:00"), "N", None, "N4", "S2", None, None, "T2", "W02"),
     # same-day duplicate referrals: R010 counts, R011 'counted once'
     ("R010", "P05", t("2024-05-10 09:00"), "N", t("2024-12-20"), "N1", "S3", None, "RC2", "T2", "W03"),
     ("R011", "P05", t("2024-05-10 16:30"), "N", t("2024-12-20"), "N1", "S3", None, "RC2", "T2", "W03"),
     # reversed dates; no referral date; an unknown NFA code
     ("R012", "P06", t("2024-06-01"), "N", t("2024-05-20"), "N1", "S3", None, "RC1", "T2", "W03"),
     ("R013", "P07", None, "N", None, "N1", "S3", None, None, "T2", "W03"),
     ("R014", "P08", t("2024-07-01"), "X", None, "N5", "S3", None, None, "T2", "W04"),
     # NFA yes ('y' lower case): not an open referral for PI05
     ("R015", "P09", t("2024-04-02"), "y", t("2024-04-03"), "N1", "S4", None, "RC8", "T1", "W04"),
     # P31 (18 on 10 May 2024), unallocated: in PI05 until April 2024
     ("R016", "P31", t("2023-11-01"), "N", t("2024-09-30"), "N1", "S4", None, "RC1", "T1", "W04"),
     # history before the period (re-referral look-backs)
     ("R017", "P10", t("2022-12-15"), "N", t("2023-03-01"), "N1", "S4", None, "RC1", "T1", "W04"),
     ("R018", "P10", t("2023-12-14"), "N", t("2024-06-30"), "N1", "S4", None, "RC1", "T1", "W04"),
     ("R019", "P10", t("2024-12-16"), "N", None, "N1", "S4", None, None, "T1", "W04"),
     ("R020", "P11", t("2023-06-01"), "N", None, "N6", "S5", None, None, "T1", "W05"),
     ("R021", "P12", t("2024-01-08"), "N", t("2025-01-31"), "N6", "S5", None, "RC1", "T1", "W05"),
     ("R022", "P13", t("2024-08-19"), "N", t("2025-07-31"), "N6", "S5", None, "RC1", "T1", "W05"),
     ("R023", "P14", t("2024-11-01"), "N", None, "N7", "S5", None, None, "T2", "W05"),
     ("R024", "P15", t("2024-12-23"), "N", t("2025-03-14"), "N7", "S5", None, "RC1", "T2", "W06"),
     ("R025", "P16", t("2025-01-02"), "N", None, "N7", "S6", None, None, "T2", "W06"),
     ("R026", "P17", t("2025-03-25"), "N", None, "N8", "S6", None, None, "T2", "W06"),
     ("R027", "P18", t("2025-03-31 23:00"), "N", None, "N8", "S6", None, None, "T2", "W06"),
     ("R028", "P19", t("2025-06-02"), "N", t("2025-12-19"), "N8", "S6", None, "RC1", "T1", "W07"),
     ("R029", "P20", t("2025-09-01"), "N", None, "N9", "S6", None, None, "T1", "W07"),
     ("R030", "P21", t("2025-10-06"), "N", None, "N9", "S7", None, None, "T1", "W07"),
     ("R031", "P22", t("2025-12-22"), "", None, "N9", "S7", None, None, "T1", "W07"),
     ("R032", "P23", t("2026-02-27"), None, None, "N0", "S7", None, None, "T1", "W08"),
     ("R033", "P24", t("2023-12-01"), "N", t("2024-03-31"), "N0", "S7", None, "RC1", "T1", "W08"),
     ("R034", "P24", t("2024-03-31"), "N", None, "N0", "S7", None, None, "T1", "W08"),
     ("R035", "P25", t("2024-10-10"), "N", t("2024-10-10"), "N0", "S8", None, "RC8", "T1", "W08"),
     ("R036", "P26", t("2025-04-01"), "N", None, "N1", "S8", None, None, "T2", "W09"),
     ("R037", "P27", t("2025-05-30"), "N", t("2026-01-30"), "N1", "S8", None, "RC1", "T2", "W09"),
     ("R038", "P28", t("2024-02-01"), "N", t("2024-02-29"), "N1", "S8", None, "RC1", "T2", "W09"),
     ("R039", "P28", t("2025-01-31"), "N", None, "N1", "S8", None, None, "T2", "W09"),
     ("R040", "P29", t("2025-07-14"), "N", None, "N2", "S9", None, None, "T2", "W10"),
     ("R041", "P30", t("2025-11-03"), "N", None, "N2", "S9", None, None, "T2", "W10"),
     # unborn child's referral (expected date of birth stands for the birth)
     ("R042", "P40", t("2024-06-03"), "N", None, "N1", "S9", None, None, "T2", "W10"),
     ("R043", "P34", t("2024-09-02"), "N", t("2025-06-30"), "N2", "S9", None, "RC1", "T2", "W10"))

# ---------------------------------------------------------------------------
# Allocations (ssd_involvements): the four spellings of an allocated worker,
# a role that does not allocate, a team-only allocation (no worker), reversed
# dates, a person-level allocation (no referral id).
# ---------------------------------------------------------------------------
INVO = ("invo_involvements_id", "invo_professional_id", "invo_professional_role_id", "invo_professional_team",
        "invo_person_id", "invo_involvement_start_date", "invo_involvement_end_date",
        "invo_worker_change_reason", "invo_referral_id")
rows("ssd_involvements", INVO,
     ("I001", "W01", "CW", "T1", "P01", t("2024-03-01"), t("2024-09-30"), None, "R002"),
     ("I002", "W02", "cw ", "T1", "P03", t("2024-03-04"), t("2024-06-14"), "LEFTRL", "R006"),
     ("I003", "W03", "Allocated Case Worker", "T1", "P03", t("2024-07-01"), None, None, "R006"),
     ("I004", "W04", "ALLOCATED CASE WORKER", "T2", "P04", t("2024-03-05"), t("2025-01-10"), "MANAGE", "R007"),
     ("I005", "W05", "Team Manager", "T2", "P04", t("2025-01-10"), None, None, "R007"),
     ("I006", None, "CW", "T2", "P05", t("2024-05-13"), None, None, "R010"),
     ("I007", "W06", "CW", "T2", "P08", t("2024-07-02"), None, None, "R014"),
     ("I008", "W07", "Allocated Worker", "T1", "P10", t("2023-12-20"), t("2024-06-30"), None, "R018"),
     ("I009", "W07", "CW", "T1", "P10", t("2024-12-20"), t("2025-06-03"), "OTHERS", None),
     ("I010", "W08", "CW", "T1", "P11", t("2023-06-05"), t("2024-11-29"), "LEFTRL", "R020"),
     ("I011", "W08", "CW", "T1", "P11", t("2025-02-03"), None, None, "R020"),
     ("I012", "W09", "CW", "T1", "P12", t("2024-01-09"), t("2024-12-31"), None, "R021"),
     ("I013", "W09", "CW", "T1", "P13", t("2024-08-20"), t("2024-08-01"), None, "R022"),
     ("I014", "W10", "Social Worker", "T1", "P13", t("2024-08-20"), None, None, "R022"),
     ("I015", "W10", "CW", "T2", "P14", t("2024-11-01"), None, None, "R023"),
     ("I016", "W11", "CW", "T2", "P15", t("2024-12-24"), t("2025-03-14"), None, "R024"),
     ("I017", "W11", "CW", "T2", "P16", t("2025-01-13"), None, None, "R025"),
     ("I018", "W12", "CW", "T2", "P17", t("2025-03-26"), None, None, "R026"),
     ("I019", "W12", "CW", "T2", "P19", t("2025-06-03"), t("2025-09-30"), None, "R028"),
     ("I020", "W01", "CW", "T1", "P20", t("2025-09-10"), None, None, "R029"),
     ("I021", "W02", "Allocated Case Worker", "T1", "P21", t("2025-10-06"), t("2026-01-16"), None, "R030"),
     ("I022", "W03", "allocated case worker", "T1", "P22", t("2026-01-05"), None, None, "R031"),
     ("I023", "W04", "CW", "T1", "P24", t("2024-04-02"), t("2025-05-30"), None, "R034"),
     ("I024", "W05", "CW", "T2", "P26", t("2025-04-01"), None, None, None),
     ("I025", "W06", "CW", "T2", "P27", t("2025-06-16"), t("2025-12-31"), None, "R037"),
     ("I026", "W07", "CW", "T2", "P28", t("2025-02-03"), None, None, "R039"),
     ("I027", "W08", "CW", "T2", "P29", t("2025-07-14"), None, None, "R040"),
     ("I028", "W09", "CW", "T2", "P40", t("2024-06-10"), None, None, "R042"),
     ("I029", "W10", "CW", "T2", "P34", t("2024-09-03"), t("2025-06-30"), None, "R043"),
     ("I030", "W11", "CW", "T1", "P35", t("2024-04-01"), t("2025-03-31"), None, None),
     ("I031", "W12", "CW", "T1", "P36", t("2025-01-06"), None, None, None),
     ("I032", "W01", "CW", "T1", "P37", t("2023-09-01"), None, None, None))

# ---------------------------------------------------------------------------
# Assessments: authorised before the referral (A003), no matching referral
# (A004), same-day duplicates (A005/A006), not authorised yet (A007),
# 45 working days over Christmas.
# ---------------------------------------------------------------------------
CINA = ("cina_assessment_id", "cina_person_id", "cina_referral_id", "cina_assessment_start_date",
        "cina_assessment_auth_date", "cina_assessment_child_seen", "cina_assessment_outcome_json",
        "cina_assessment_outcome_nfa", "cina_assessment_team", "cina_assessment_worker_id")
rows("ssd_cin_assessments", CINA,
     ("A001", "P01", "R002", t("2024-03-01"), t("2024-04-26"), "Y", None, "N", "T1", "W01"),
     ("A002", "P03", "R006", t("2024-03-04"), t("2024-05-10"), "Y", None, "N", "T1", "W02"),
     ("A003", "P04", "R007", t("2024-03-01"), t("2024-02-20"), "Y", None, "N", "T2", "W02"),
     ("A004", "P06", "R999", t("2024-06-01"), t("2024-07-01"), "N", None, "N", "T2", "W03"),
     ("A005", "P05", "R010", t("2024-05-10"), t("2024-06-28 10:00"), "Y", None, "N", "T2", "W03"),
     ("A006", "P05", "R011", t("2024-05-10"), t("2024-06-28 15:00"), "Y", None, "N", "T2", "W03"),
     ("A007", "P08", "R014", t("2024-07-01"), None, None, None, None, "T2", "W04"),
     ("A008", "P12", "R021", t("2024-01-08"), t("2024-03-11"), "Y", None, "N", "T1", "W05"),
     ("A009", "P13", "R022", t("2024-08-19"), t("2024-10-21"), "Y", None, "N", "T1", "W05"),
     ("A010", "P13", "R022", t("2024-08-19"), t("2024-10-22"), "Y", None, "N", "T1", "W05"),
     ("A011", "P14", "R023", t("2024-11-01"), t("2025-01-09"), "Y", None, "N", "T2", "W05"),
     ("A012", "P14", "R023", t("2024-11-01"), t("2025-01-10"), "Y", None, "N", "T2", "W05"),
     ("A013", "P15", "R024", t("2024-12-23"), t("2025-02-28"), "Y", None, "N", "T2", "W06"),
     ("A014", "P16", "R025", t("2025-01-02"), t("2025-03-07"), "Y", None, "N", "T2", "W06"),
     ("A015", "P17", "R026", t("2025-03-25"), t("2025-05-30"), "Y", None, "N", "T2", "W06"),
     ("A016", "P19", "R028", t("2025-06-02"), t("2025-08-01"), "Y", None, "N", "T1", "W07"),
     ("A017", "P20", "R029", t("2025-09-01"), t("2025-11-04"), "Y", None, "N", "T1", "W07"),
     ("A018", "P21", "R030", t("2025-10-06"), t("2025-12-08"), "Y", None, "N", "T1", "W07"),
     ("A019", "P22", "R031", t("2025-12-22"), t("2026-02-27"), "Y", None, "N", "T1", "W07"),
     ("A020", "P24", "R034", t("2024-03-31"), t("2024-06-03"), "Y", None, "N", "T1", "W08"),
     ("A021", "P25", "R035", t("2024-10-10"), t("2024-10-10"), "Y", None, "Y", "T1", "W08"),
     ("A022", "P27", "R037", t("2025-05-30"), t("2025-08-04"), "Y", None, "N", "T2", "W09"),
     ("A023", "P28", "R039", t("2025-01-31"), t("2025-04-04"), "Y", None, "N", "T2", "W09"),
     ("A024", "P29", "R040", t("2025-07-14"), t("2025-09-15"), "Y", None, "N", "T2", "W10"),
     ("A025", "P30", "R041", t("2025-11-03"), t("2026-01-07"), "Y", None, "N", "T2", "W10"),
     ("A026", "P40", "R042", t("2024-06-03"), t("2024-08-02"), "Y", None, "N", "T2", "W10"),
     ("A027", "P34", "R043", t("2024-09-02"), t("2024-11-01"), "Y", None, "N", "T2", "W10"),
     ("A028", "P10", "R019", t("2024-12-16"), t("2025-02-21"), "Y", None, "N", "T1", "W04"),
     ("A029", "P11", "R020", t("2023-06-01"), t("2023-12-29"), "Y", None, "N", "T1", "W05"),
     ("A030", "P18", "R027", t("2025-03-31"), t("2025-03-31 23:30"), "Y", None, "N", "T2", "W06"))

# ---------------------------------------------------------------------------
# s47 enquiries and ICPCs: 15 working days over Easter 2024 (Q002 on the
# 15th, Q003 on the 16th), an ICPC before its strategy discussion (Q004), a
# transfer-in (Q005), an unknown transfer-in code (Q006), an ICPC whose s47
# is not there (Q007), same-day duplicates (Q008/Q009), not held yet (Q010).
# ---------------------------------------------------------------------------
S47 = ("s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id", "s47e_s47_start_date",
       "s47e_s47_end_date", "s47e_s47_nfa", "s47e_s47_outcome_json", "s47e_s47_completed_by_team",
       "s47e_s47_completed_by_worker_id")
s47_rows = [
    ("E001", "R002", "P01", t("2024-03-20"), t("2024-04-05"), "N", None, "T1", "W01"),
    ("E002", "R006", "P03", t("2024-03-20"), t("2024-04-08"), "N", None, "T1", "W02"),
    ("E003", "R007", "P04", t("2024-03-20"), t("2024-04-10"), "N", None, "T2", "W02"),
    ("E004", "R010", "P05", t("2024-05-20"), t("2024-06-05"), "N", None, "T2", "W03"),
    ("E005", "R014", "P08", t("2024-07-02"), t("2024-07-20"), "N", None, "T2", "W04"),
    ("E006", "R021", "P12", t("2024-01-09"), t("2024-01-25"), "N", None, "T1", "W05"),
    ("E007", "R022", "P13", t("2024-08-20"), t("2024-09-05"), "N", None, "T1", "W05"),
    ("E008", "R023", "P14", t("2024-12-16"), t("2024-12-31"), "N", None, "T2", "W05"),
    ("E009", "R024", "P15", t("2024-12-23"), t("2025-01-10"), "N", None, "T2", "W06"),
]
for i in range(10, 31):
    s47_rows.append(("E%03d" % i, None, "P%02d" % i, t("2025-%02d-03" % (1 + i % 12)), None, "N", None, "T1", "W01"))
rows("ssd_s47_enquiry", S47, *s47_rows)
ICPC = ("icpc_icpc_id", "icpc_icpc_meeting_id", "icpc_s47_enquiry_id", "icpc_person_id", "icpc_cp_plan_id",
        "icpc_referral_id", "icpc_icpc_transfer_in", "icpc_icpc_target_date", "icpc_icpc_date",
        "icpc_icpc_outcome_cp_flag", "icpc_icpc_outcome_json", "icpc_icpc_team", "icpc_icpc_worker_id")
icpc_rows = [
    ("Q001", "M01", "E001", "P01", "C001", "R002", "N", t("2024-04-12"), t("2024-04-03"), "Y", None, "T1", "W01"),
    ("Q002", "M02", "E002", "P03", "C002", "R006", "N", t("2024-04-12"), t("2024-04-12"), "Y", None, "T1", "W02"),
    ("Q003", "M03", "E003", "P04", None, "R007", "N", t("2024-04-12"), t("2024-04-15"), "N", None, "T2", "W02"),
    ("Q004", "M04", "E004", "P05", None, "R010", "N", t("2024-06-10"), t("2024-05-17"), "N", None, "T2", "W03"),
    ("Q005", "M05", None, "P08", "C005", "R014", "Y", None, t("2024-07-03"), "Y", None, "T2", "W04"),
    ("Q006", "M06", "E005", "P08", None, "R014", "X", t("2024-07-23"), t("2024-07-18"), "N", None, "T2", "W04"),
    ("Q007", "M07", "E999", "P12", None, "R021", "N", None, t("2024-01-30"), "N", None, "T1", "W05"),
    ("Q008", "M08", "E006", "P12", "C008", "R021", "N", t("2024-01-30"), t("2024-01-26 10:00"), "Y", None, "T1", "W05"),
    ("Q009", "M08", "E006", "P12", None, "R021", "N", t("2024-01-30"), t("2024-01-26 14:00"), "Y", None, "T1", "W05"),
    ("Q010", "M10", "E007", "P13", None, "R022", "N", t("2024-09-10"), None, None, None, "T1", "W05"),
    ("Q011", "M11", "E008", "P14", "C011", "R023", "N", t("2025-01-08"), t("2025-01-09"), "Y", None, "T2", "W05"),
    ("Q012", "M12", "E009", "P15", None, "R024", "N", t("2025-01-15"), t("2025-01-14"), "N", None, "T2", "W06"),
]
for i in range(10, 31):
    j = 13 + i - 10
    # strategy discussion on the 3rd; conferences 10 to 30 days later
    s = dt.datetime(2025, 1 + i % 12, 3)
    icpc_rows.append(("Q%03d" % j, "M%02d" % j, "E%03d" % i, "P%02d" % i, None, None, "N", None,
                      s + dt.timedelta(days=10 + i), "N", None, "T1", "W01"))
rows("ssd_initial_cp_conference", ICPC, *icpc_rows)

# ---------------------------------------------------------------------------
# CP plans.  C003: P31 turns 18 during it.  C004: P32 (29 February 2008).
# C006 OLA; C007 unknown OLA code 'X'; C009 reversed; C010 no start; C012 /
# C013 same start day; C014/C015 a repeat plan; C016 lasts two years; C017
# for P39 (no ssd_person row); C018 unborn P40.
# ---------------------------------------------------------------------------
CPPL = ("cppl_cp_plan_id", "cppl_referral_id", "cppl_icpc_id", "cppl_person_id", "cppl_cp_plan_start_date",
        "cppl_cp_plan_end_date", "cppl_cp_plan_ola", "cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category")
rows("ssd_cp_plans", CPPL,
     ("C001", "R002", "Q001", "P01", t("2024-04-03"), t("2024-09-30"), "N", "NEG", "NEG"),
     ("C002", "R006", "Q002", "P03", t("2024-04-12"), None, "N", "EMO", "EMO"),
     ("C003", "R016", None, "P31", t("2024-01-15"), t("2024-09-30"), "N", "NEG", "NEG"),
     ("C004", None, None, "P32", t("2025-10-01"), None, "N", "PHY", "PHY"),
     ("C005", "R014", "Q005", "P08", t("2024-07-03"), None, "N", "NEG", "NEG"),
     ("C006", None, None, "P09", t("2024-05-01"), t("2025-01-31"), "Y", "NEG", "NEG"),
     ("C007", None, None, "P11", t("2024-02-01"), t("2024-12-31"), "X", "NEG", "NEG"),
     ("C008", "R021", "Q008", "P12", t("2024-01-26"), t("2025-01-31"), "N", "SAB", "SAB"),
     ("C009", None, None, "P13", t("2024-09-05"), t("2024-08-01"), "N", "NEG", "NEG"),
     ("C010", None, None, "P14", None, None, "N", "NEG", "NEG"),
     ("C011", "R023", "Q011", "P14", t("2025-01-09"), t("2025-07-09"), "", "MUL", "MUL"),
     ("C012", None, None, "P15", t("2025-01-14 09:00"), t("2025-11-14"), "N", "NEG", "NEG"),
     ("C013", None, None, "P15", t("2025-01-14 17:00"), t("2025-11-14"), "N", "NEG", "NEG"),
     ("C014", None, None, "P16", t("2022-05-03"), t("2023-03-01"), "N", "NEG", "NEG"),
     ("C015", None, None, "P16", t("2024-08-30"), t("2025-06-30"), "N", "NEG", "NEG"),
     ("C016", None, None, "P17", t("2023-01-10"), t("2025-01-09"), "N", "EMO", "EMO"),
     ("C017", None, None, "P39", t("2024-10-01"), t("2025-04-30"), "N", "NEG", "NEG"),
     ("C018", "R042", None, "P40", t("2024-06-20"), t("2025-06-20"), "N", "NEG", "NEG"),
     ("C019", None, None, "P18", t("2023-01-10"), t("2025-01-08"), "N", "NEG", "NEG"),
     ("C020", None, None, "P19", t("2025-06-20"), t("2025-12-19"), "N", "PHY", "PHY"),
     ("C021", None, None, "P20", t("2024-02-29"), t("2024-08-31"), "N", "PHY", "PHY"),
     ("C022", None, None, "P20", t("2025-09-15"), None, "N", "PHY", "PHY"),
     ("C023", None, None, "P21", t("2024-08-31"), t("2025-06-30"), "N", "NEG", "NEG"),
     ("C024", None, None, "P22", t("2025-12-31"), None, "N", "NEG", "NEG"),
     ("C025", None, None, "P23", t("2023-11-20"), t("2024-02-15"), "N", "NEG", "NEG"),
     ("C026", None, None, "P24", t("2024-05-01"), t("2026-02-27"), "N", "NEG", "NEG"),
     ("C027", None, None, "P25", t("2024-12-02"), t("2025-05-30"), "N", "EMO", "EMO"),
     ("C028", None, None, "P26", t("2025-04-14"), None, "Y", "EMO", "EMO"),
     ("C029", None, None, "P27", t("2025-06-30"), t("2025-12-31"), "N", "EMO", "EMO"),
     ("C030", None, None, "P28", t("2025-02-10"), None, "N", "NEG", "NEG"))

# CP visits: seen or not, an unknown seen code, a visit without a plan id
# (matched by the child), a visit before its plan.
CPPV = ("cppv_cp_visit_id", "cppv_person_id", "cppv_cp_plan_id", "cppv_cp_visit_date", "cppv_cp_visit_seen",
        "cppv_cp_visit_seen_alone", "cppv_cp_visit_bedroom")
cppv = [
    ("V001", "P01", "C001", t("2024-04-20"), "Y", "Y", "Y"),
    ("V002", "P01", "C001", t("2024-05-25"), "N", "N", "N"),
    ("V003", "P03", "C002", t("2024-04-01"), "Y", "Y", "N"),
    ("V004", "P03", None, t("2024-05-20"), "Y", "N", "N"),
    ("V005", "P08", "C005", t("2024-07-20"), "X", "N", "N"),
    ("V006", "P31", "C003", t("2024-04-25"), "Y", "Y", "Y"),
    ("V007", "P12", "C008", t("2024-02-20"), "y", "N", "N"),
    ("V008", "P15", "C012", t("2025-01-30"), "Y", "Y", "Y"),
]
n = 9
for pid, person, start, end in (("C002", "P03", "2024-06-01", "2026-03-31"), ("C005", "P08", "2024-08-01", "2026-03-31"),
                                ("C008", "P12", "2024-03-01", "2025-01-31"), ("C026", "P24", "2024-05-01", "2026-02-27"),
                                ("C030", "P28", "2025-02-10", "2026-03-31"), ("C018", "P40", "2024-06-20", "2025-06-20")):
    day0, stop, k = dt.date.fromisoformat(start), dt.date.fromisoformat(end), 0
    while day0 <= stop and k < 6:
        cppv.append(("V%03d" % n, person, pid, dt.datetime.combine(day0, dt.time(14)), "Y", "N", "N"))
        n, k = n + 1, k + 1
        day0 += dt.timedelta(days=9 + 23 * (k % 3))
rows("ssd_cp_visits", CPPV, *cppv)

# CP review conferences: a same-day pair (not a data-quality problem for
# reviews), 31 August + 6 months = 28 February (C023).
CPPR = ("cppr_cp_review_id", "cppr_person_id", "cppr_cp_plan_id", "cppr_cp_review_due", "cppr_cp_review_date",
        "cppr_cp_review_meeting_id", "cppr_cp_review_outcome_continue_cp", "cppr_cp_review_quorate",
        "cppr_cp_review_participation")
rows("ssd_cp_reviews", CPPR,
     ("V101", "P03", "C002", t("2024-07-12"), t("2024-07-10"), "MR1", "Y", "Y", "PN1"),
     ("V102", "P03", "C002", t("2025-01-10"), t("2025-01-20"), "MR2", "Y", "Y", "PN1"),
     ("V103", "P03", "C002", t("2025-07-20"), t("2025-07-20"), "MR3", "Y", "Y", "PN1"),
     ("V104", "P03", "C002", t("2025-07-20"), t("2025-07-20 15:00"), "MR3", "Y", "Y", "PN1"),
     ("V105", "P08", "C005", t("2024-10-03"), t("2024-10-01"), "MR4", "Y", "Y", "PN2"),
     ("V106", "P08", "C005", t("2025-04-01"), t("2025-05-15"), "MR5", "Y", "N", "PN2"),
     ("V107", "P12", "C008", t("2024-04-26"), t("2024-04-22"), "MR6", "Y", "Y", "PN3"),
     ("V108", "P21", "C023", t("2024-11-30"), t("2024-08-31"), "MR7", "Y", "Y", "PN3"),
     ("V109", "P24", "C026", t("2024-08-01"), t("2024-07-30"), "MR8", "Y", "Y", "PN4"),
     ("V110", "P24", "C026", t("2025-01-30"), t("2025-01-29"), "MR9", "Y", "Y", "PN4"),
     ("V111", "P24", "C026", t("2025-07-29"), t("2025-07-31"), "MRA", "Y", "Y", "PN4"),
     ("V112", "P28", "C030", t("2025-05-10"), t("2025-05-09"), "MRB", "Y", "Y", "PN5"),
     ("V113", "P28", "C030", t("2025-11-09"), t("2025-11-10"), "MRC", "Y", "Y", "PN5"),
     ("V114", "P31", "C003", t("2024-04-15"), t("2024-04-12"), "MRD", "Y", "Y", "PN5"),
     ("V115", "P40", "C018", t("2024-09-20"), t("2024-09-19"), "MRE", "Y", "Y", "PN6"),
     ("V116", "P15", "C012", t("2025-04-14"), t("2025-04-10"), "MRF", "Y", "Y", "PN6"),
     ("V117", "P16", "C015", t("2024-11-30"), t("2024-11-28"), "MRG", "Y", "Y", "PN6"),
     ("V118", "P20", "C022", t("2025-12-15"), t("2025-12-12"), "MRH", "Y", "Y", "PN7"),
     ("V119", "P22", "C024", t("2026-03-31"), t("2026-03-30"), "MRI", "Y", "Y", "PN7"),
     ("V120", "P19", "C020", t("2025-09-20"), t("2025-09-22"), "MRJ", "Y", "Y", "PN7"))

rows("ext_case_supervision", ("supervision_id", "person_id", "supervision_date", "supervisor_id", "dept_team_id"),
     *[("S%03d" % i, p, t(s), "W20", "T1") for i, (p, s) in enumerate((
         ("P03", "2024-04-20"), ("P03", "2024-05-30"), ("P03", "2024-06-28"), ("P03", "2024-09-02"),
         ("P03", "2024-10-01"), ("P03", "2025-01-31"), ("P03", "2025-03-03"), ("P08", "2024-07-25"),
         ("P08", "2024-08-30"), ("P08", "2024-10-04"), ("P12", "2024-01-10"), ("P12", "2024-02-25"),
         ("P12", "2024-03-28"), ("P24", "2024-05-10"), ("P24", "2024-06-04"), ("P24", "2024-12-20"),
         ("P28", "2025-02-20"), ("P28", "2025-03-20"), ("P28", "2025-04-16"), ("P31", "2024-04-05"),
         ("P40", "2024-07-01"), ("P40", "2024-07-30"), ("P15", "2025-01-20"), ("P20", "2025-10-10"),
         ("P22", "2026-01-20"), ("P22", "2026-02-27"), ("P32", "2026-02-01"), ("P32", "2026-03-01")), 1)])

# ---------------------------------------------------------------------------
# CIN plans and visits (visits link by child only): P38 has no date of birth.
# ---------------------------------------------------------------------------
CINP = ("cinp_cin_plan_id", "cinp_referral_id", "cinp_person_id", "cinp_cin_plan_start_date",
        "cinp_cin_plan_end_date", "cinp_cin_plan_team", "cinp_cin_plan_worker_id")
rows("ssd_cin_plans", CINP,
     ("N001", "R012", "P06", t("2024-06-10"), t("2024-06-01"), "T1", "W01"),
     ("N002", None, "P07", None, None, "T1", "W01"),
     ("N003", "R021", "P12", t("2024-02-01"), t("2024-12-31"), "T1", "W05"),
     ("N004", "R021", "P12", t("2024-06-03"), t("2025-02-28"), "T1", "W05"),
     ("N005", "R023", "P14", t("2024-12-02"), None, "T2", "W05"),
     ("N006", None, "P38", t("2024-10-01"), t("2025-03-31"), "T2", "W06"),
     ("N007", "R025", "P16", t("2025-02-03"), t("2025-11-28"), "T2", "W06"),
     ("N008", "R029", "P20", t("2025-09-08"), None, "T1", "W07"),
     ("N009", "R034", "P24", t("2024-04-15"), t("2024-04-30"), "T1", "W08"),
     ("N010", None, "P33", t("2024-09-01"), None, "T1", "W08"),
     ("N011", "R039", "P28", t("2025-02-03"), t("2025-02-10"), "T2", "W09"),
     ("N012", None, "P35", t("2024-04-01"), t("2025-03-31"), "T2", "W09"),
     ("N013", None, "P36", t("2025-01-06"), None, "T2", "W10"),
     ("N014", None, "P37", t("2023-09-04"), t("2024-12-20"), "T2", "W10"),
     ("N015", "R043", "P34", t("2024-09-16"), t("2025-06-30"), "T2", "W10"))
cinv, n = [], 1
for person, start, end, gap in (("P12", "2024-02-05", "2025-02-28", 25), ("P14", "2024-12-10", "2026-03-31", 31),
                                ("P38", "2024-10-03", "2025-03-31", 20), ("P16", "2025-02-05", "2025-11-28", 35),
                                ("P20", "2025-09-09", "2026-03-31", 27), ("P33", "2024-09-20", "2025-06-01", 45),
                                ("P35", "2024-04-10", "2025-03-31", 24), ("P36", "2025-01-10", "2026-03-31", 40),
                                ("P37", "2023-09-10", "2024-12-20", 26), ("P34", "2024-09-20", "2025-06-30", 30)):
    day0, stop = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    k = 0
    while day0 <= stop and k < 6:
        seen = "X" if n == 7 else ("N" if n % 5 == 0 else "Y")
        cinv.append(("CV%03d" % n, person, dt.datetime.combine(day0, dt.time(11)), seen, "N", "N"))
        n, k = n + 1, k + 1
        day0 += dt.timedelta(days=gap + 17 * (k % 2))
rows("ssd_cin_visits", ("cinv_cin_visit_id", "cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen",
                        "cinv_cin_visit_seen_alone", "cinv_cin_visit_bedroom"), *cinv)

# ---------------------------------------------------------------------------
# Looked after: episodes, placements, visits, reviews, legal status.
# K-periods of care (clae_cla_id); P31 and P33 turn 18 in care; P34 is on a
# short-break legal status (V3) for part of the time; PL09 is a long-term
# fostering placement (U1) older than a year; episode CE09's placement is
# missing; CE10 has reversed dates.
# ---------------------------------------------------------------------------
CLAE = ("clae_cla_episode_id", "clae_person_id", "clae_cla_placement_id", "clae_cla_episode_start_date",
        "clae_cla_episode_start_reason", "clae_cla_primary_need_code", "clae_cla_episode_ceased_date",
        "clae_cla_episode_ceased_reason", "clae_cla_id", "clae_referral_id", "clae_cla_last_iro_contact_date",
        "clae_entered_care_date")
rows("ssd_cla_episodes", CLAE,
     ("CE01", "P31", "PL01", t("2023-10-02"), "S", "N1", t("2024-03-04"), "X1", "K01", "R016", None, t("2023-10-02")),
     ("CE02", "P31", "PL02", t("2024-03-04"), "P", "N1", t("2024-10-01"), "E41", "K01", "R016", None, t("2023-10-02")),
     ("CE03", "P33", "PL03", t("2022-05-09"), "S", "N2", t("2023-06-01"), "X1", "K02", None, None, t("2022-05-09")),
     ("CE04", "P33", "PL04", t("2023-06-01"), "P", "N2", None, None, "K02", None, None, t("2022-05-09")),
     ("CE05", "P34", "PL05", t("2024-01-08"), "S", "N1", t("2024-06-03"), "X1", "K03", None, None, t("2024-01-08")),
     ("CE06", "P34", "PL06", t("2024-06-03"), "P", "N1", None, None, "K03", None, None, t("2024-01-08")),
     ("CE07", "P35", "PL07", t("2024-12-02"), "S", "N3", None, None, "K04", None, None, t("2024-12-02")),
     ("CE08", "P36", "PL08", t("2025-03-17"), "S", "N3", t("2025-09-30"), "E11", "K05", None, None, t("2025-03-17")),
     ("CE09", "P37", "PL99", t("2024-02-05"), "S", "N4", t("2024-11-29"), "E12", "K06", None, None, t("2024-02-05")),
     ("CE10", "P29", "PL10", t("2024-05-01"), "S", "N4", t("2024-04-01"), "E12", "K07", None, None, t("2024-05-01")),
     ("CE11", "P30", "PL09", t("2022-04-04"), "S", "N1", None, None, "K08", None, None, t("2022-04-04")),
     ("CE12", "P27", "PL11", t("2024-04-02"), "S", "N2", t("2024-07-01"), "X1", "K09", None, None, t("2024-04-02")),
     ("CE13", "P27", "PL12", t("2024-07-01"), "P", "N2", t("2024-09-02"), "X1", "K09", None, None, t("2024-04-02")),
     ("CE14", "P27", "PL13", t("2024-09-02"), "P", "N2", t("2025-05-01"), "E13", "K09", None, None, t("2024-04-02")),
     ("CE15", "P32", "PL14", t("2025-10-06"), "S", "N1", None, None, "K10", None, None, t("2025-10-06")),
     ("CE16", "P26", "PL15", t("2023-11-06"), "S", "N5", t("2025-02-28"), "E14", "K11", None, None, t("2023-11-06")),
     ("CE17", "P40", "PL16", t("2024-08-05"), "S", "N1", None, None, "K12", None, None, t("2024-08-05")))
CLAP = ("clap_cla_placement_id", "clap_cla_id", "clap_person_id", "clap_cla_placement_start_date",
        "clap_cla_placement_type", "clap_cla_placement_urn", "clap_cla_placement_distance",
        "clap_cla_placement_provider", "clap_cla_placement_postcode", "clap_cla_placement_end_date",
        "clap_cla_placement_change_reason")
rows("ssd_cla_placement", CLAP,
     ("PL01", "K01", "P31", t("2023-10-02"), "U3", "SC1", 2.5, "PR1", "AB1 2CD", t("2024-03-04"), "CARPL"),
     ("PL02", "K01", "P31", t("2024-03-04"), "K2", "SC2", 10.0, "PR2", "AB1 2CE", t("2024-10-01"), "CLOSE"),
     ("PL03", "K02", "P33", t("2022-05-09"), "U4", "SC3", 3.0, "PR1", "AB1 2CF", t("2023-06-01"), "CARPL"),
     ("PL04", "K02", "P33", t("2023-06-01"), "U1", "SC4", 3.5, "PR1", "AB1 2CG", None, None),
     ("PL05", "K03", "P34", t("2024-01-08"), "U3", "SC5", 1.0, "PR1", "AB1 2CH", t("2024-06-03"), "CARPL"),
     ("PL06", "K03", "P34", t("2024-06-03"), "U5", "SC6", 1.5, "PR1", "AB1 2CI", None, None),
     ("PL07", "K04", "P35", t("2024-12-02"), "u1 ", "SC7", 4.0, "PR3", "AB1 2CJ", None, None),
     ("PL08", "K05", "P36", t("2025-03-17"), "K2", "SC8", 25.0, "PR4", "AB1 2CK", t("2025-09-30"), "CLOSE"),
     ("PL09", "K08", "P30", t("2022-04-04"), "U1", "SC9", 6.0, "PR1", "AB1 2CL", None, None),
     ("PL10", "K07", "P29", t("2024-05-01"), "U3", "SCA", 7.0, "PR1", "AB1 2CM", t("2024-04-01"), "CLOSE"),
     ("PL11", "K09", "P27", t("2024-04-02"), "U3", "SCB", 2.0, "PR1", "AB1 2CN", t("2024-07-01"), "CARPL"),
     ("PL12", "K09", "P27", t("2024-07-01"), "U4", "SCC", 2.0, "PR1", "AB1 2CO", t("2024-09-02"), "CARPL"),
     ("PL13", "K09", "P27", t("2024-09-02"), "K2", "SCD", 2.0, "PR1", "AB1 2CP", t("2025-05-01"), "CLOSE"),
     ("PL14", "K10", "P32", t("2025-10-06"), "U3", "SCE", 2.0, "PR1", "AB1 2CQ", None, None),
     ("PL15", "K11", "P26", t("2023-11-06"), "U5", "SCF", 2.0, "PR1", "AB1 2CR", t("2025-02-28"), "CLOSE"),
     ("PL16", "K12", "P40", t("2024-08-05"), "U3", "SCG", 2.0, "PR1", "AB1 2CS", None, None),
     # a one-day placement (not 24 hours) and an extra move for P27
     ("PL17", "K09", "P27", t("2024-06-10"), "U3", "SCH", 2.0, "PR1", "AB1 2CT", t("2024-06-10 20:00"), "CARPL"),
     ("PL18", "K11", "P26", t("2024-10-01"), "U3", "SCI", 2.0, "PR1", "AB1 2CU", t("2024-10-04"), "CARPL"),
     ("PL19", "K11", "P26", t("2024-11-01"), "U3", "SCJ", 2.0, "PR1", "AB1 2CV", t("2024-12-01"), "CARPL"))
clav, n = [], 1
for person, cla, start, end, gap in (("P31", "K01", "2023-10-06", "2024-10-01", 40), ("P33", "K02", "2023-06-05", "2025-01-20", 80),
                                     ("P34", "K03", "2024-01-12", "2026-03-31", 44), ("P35", "K04", "2024-12-05", "2026-03-31", 38),
                                     ("P36", "K05", "2025-03-20", "2025-09-30", 50), ("P30", "K08", "2023-05-02", "2026-03-31", 88),
                                     ("P27", "K09", "2024-04-05", "2025-05-01", 41), ("P32", "K10", "2025-10-10", "2026-03-31", 43),
                                     ("P26", "K11", "2023-11-10", "2025-02-28", 42), ("P40", "K12", "2024-08-09", "2026-03-31", 46)):
    day0, stop, k = dt.date.fromisoformat(start), dt.date.fromisoformat(end), 0
    while day0 <= stop and k < 7:
        seen = "X" if n == 12 else ("N" if n % 9 == 0 else "Y")
        clav.append(("LV%03d" % n, cla, person, dt.datetime.combine(day0, dt.time(15)), seen, "N"))
        n, k = n + 1, k + 1
        day0 += dt.timedelta(days=gap - 6 + 5 * (k % 3))
rows("ssd_cla_visits", ("clav_cla_visit_id", "clav_cla_id", "clav_person_id", "clav_cla_visit_date",
                        "clav_cla_visit_seen", "clav_cla_visit_seen_alone"), *clav)

# LAC reviews (reg 33 chain from entering care): a review before entering
# care (LR03), a same-day pair (LR07/LR08), cancelled, unknown cancelled code.
CLAR = ("clar_cla_review_id", "clar_cla_id", "clar_cla_person_id", "clar_cla_review_due_date",
        "clar_cla_review_date", "clar_cla_review_cancelled", "clar_cla_review_participation")
rows("ssd_cla_reviews", CLAR,
     ("LR01", "K01", "P31", t("2023-10-30"), t("2023-10-27"), "N", "PN1"),
     ("LR02", "K01", "P31", t("2024-01-27"), t("2024-02-01"), "N", "PN1"),
     ("LR03", "K03", "P34", t("2024-01-05"), t("2024-01-05"), "N", "PN1"),
     ("LR04", "K03", "P34", t("2024-02-05"), t("2024-02-06"), "N", "PN1"),
     ("LR05", "K03", "P34", t("2024-05-06"), t("2024-05-03"), "N", "PN1"),
     ("LR06", "K03", "P34", t("2024-11-03"), t("2024-11-04"), "N", "PN1"),
     ("LR07", "K04", "P35", t("2024-12-31"), t("2024-12-30 10:00"), "N", "PN2"),
     ("LR08", "K04", "P35", t("2024-12-31"), t("2024-12-30 11:00"), "N", "PN2"),
     ("LR09", "K04", "P35", t("2025-03-30"), t("2025-03-31"), "N", "PN2"),
     ("LR10", "K04", "P35", t("2025-09-30"), t("2025-09-30"), "Y", "PN2"),
     ("LR11", "K04", "P35", t("2025-09-30"), t("2025-10-02"), "N", "PN2"),
     ("LR12", "K05", "P36", t("2025-04-14"), t("2025-04-16"), "N", "PN3"),
     ("LR13", "K05", "P36", t("2025-07-16"), t("2025-07-10"), "X", "PN3"),
     ("LR14", "K08", "P30", t("2023-10-04"), t("2023-10-02"), "N", "PN3"),
     ("LR15", "K08", "P30", t("2024-04-02"), t("2024-04-04"), "N", "PN3"),
     ("LR16", "K08", "P30", t("2024-10-04"), t("2024-10-01"), "N", "PN3"),
     ("LR17", "K08", "P30", t("2025-04-01"), t("2025-04-01"), "N", "PN3"),
     ("LR18", "K08", "P30", t("2025-10-01"), t("2025-09-29"), "N", "PN3"),
     ("LR19", "K09", "P27", t("2024-04-30"), t("2024-04-30"), "N", "PN4"),
     ("LR20", "K09", "P27", t("2024-07-30"), t("2024-07-31"), "N", "PN4"),
     ("LR21", "K09", "P27", t("2025-01-31"), t("2025-01-30"), "N", "PN4"),
     ("LR22", "K10", "P32", t("2025-11-03"), t("2025-11-04"), "N", "PN5"),
     ("LR23", "K10", "P32", t("2026-02-04"), t("2026-02-04"), "N", "PN5"),
     ("LR24", "K11", "P26", t("2023-12-04"), t("2023-12-05"), "N", "PN5"),
     ("LR25", "K11", "P26", t("2024-03-05"), t("2024-03-05"), "N", "PN5"),
     ("LR26", "K11", "P26", t("2024-09-05"), t("2024-09-12"), "N", "PN5"),
     ("LR27", "K12", "P40", t("2024-09-02"), t("2024-09-02"), "N", "PN6"),
     ("LR28", "K12", "P40", t("2024-12-02"), t("2024-11-29"), "N", "PN6"),
     ("LR29", "K12", "P40", t("2025-05-29"), t("2025-05-29"), "N", "PN6"),
     ("LR30", "K12", "P40", t("2025-11-29"), None, "N", "PN6"),
     ("LR31", "K02", "P33", t("2024-11-01"), t("2024-11-01"), "N", "PN7"))
rows("ssd_legal_status", ("lega_legal_status_id", "lega_person_id", "lega_legal_status",
                          "lega_legal_status_start_date", "lega_legal_status_end_date"),
     ("LG01", "P34", "C2", t("2024-01-08"), t("2024-06-03")),
     ("LG02", "P34", "v3", t("2024-06-03"), t("2025-01-06")),
     ("LG03", "P34", "C2", t("2025-01-06"), None),
     ("LG04", "P35", "C2", t("2024-12-02"), None),
     ("LG05", "P30", "C1", t("2022-04-04"), None))

# ---------------------------------------------------------------------------
# Missing episodes and return interviews (72 hours on timestamps).
# ---------------------------------------------------------------------------
MISS = ("miss_table_id", "miss_person_id", "miss_missing_episode_start_date", "miss_missing_episode_type",
        "miss_missing_episode_end_date", "miss_missing_rhi_offered", "miss_missing_rhi_accepted")
miss = [
    ("MS01", "P31", t("2024-01-10 20:00"), "Missing", t("2024-01-11 08:00"), "Y", "Y"),
    ("MS02", "P33", t("2024-01-20 18:00"), "Away", t("2024-01-21 09:30"), "Y", "Y"),
    ("MS03", "P33", t("2024-02-27 22:00"), "Missing", t("2024-02-29 06:00"), "Y", "Y"),
    ("MS04", "P34", t("2024-03-30 22:00"), "Missing", t("2024-03-31 10:00"), "Y", "Y"),
    ("MS05", "P35", t("2025-01-03 22:00"), "Missing", t("2025-01-02 10:00"), "Y", "Y"),
    ("MS06", "P35", t("2025-02-03 22:00"), "Missing", t("2025-02-04 10:00"), "Y", "X"),
    ("MS07", "P30", t("2024-06-03 22:00"), "Missing", t("2024-06-04 10:00"), "Y", "N"),
    ("MS08", "P30", t("2024-07-03 22:00"), "Missing", t("2024-07-04 10:00"), "Y", "Y"),
    ("MS09", "P27", t("2024-10-03 22:00"), "Away", t("2024-10-04 10:00"), "Y", "Y"),
    ("MS10", "P36", t("2025-04-03 22:00"), "Missing", t("2025-04-04 10:00"), "NA", ""),
]
for i in range(11, 36):
    s = dt.datetime(2024, 1, 5, 21) + dt.timedelta(days=27 * i)
    miss.append(("MS%02d" % i, "P%02d" % (i - 5), s, "Missing", s + dt.timedelta(hours=5 + i), "Y", "Y" if i % 4 else "N"))
# 'NA' (not applicable) as the SSD allows it: read as no, not an unknown flag
miss.append(("MS36", "P30", t("2025-05-06 22:00"), "Away", t("2025-05-07 09:00"), "NA", "NA"))
rows("ssd_missing", MISS, *miss)
rhi = [("MS01", t("2024-01-14 08:00")), ("MS02", t("2024-01-24 09:31")), ("MS03", t("2024-03-02 18:00")),
       ("MS04", t("2024-03-31 09:00")), ("MS08", t("2024-07-06 10:00")), ("MS09", t("2024-10-04 10:00"))]
for i in range(11, 36):
    if i % 3:
        s = dt.datetime(2024, 1, 5, 21) + dt.timedelta(days=27 * i) + dt.timedelta(hours=5 + i)
        rhi.append(("MS%02d" % i, s + dt.timedelta(hours=24 * (i % 5))))
rows("ext_return_interview", ("miss_table_id", "rhi_completed_at"), *rhi)

# ---------------------------------------------------------------------------
# Contacts and front-door decisions: SystemC-style JSON with an unescaped
# quote in COMMENTS (malformed), NULL JSON (Eclipse) with and without a
# decision naming the referral, an unknown flag code, lower-case 'y', a
# decision before the contact, no decision, exactly 24 hours.
# ---------------------------------------------------------------------------
def sysc(flag_value, comment=""):
    return ('{"NEW_REFERRAL_FLAG": "%s", "EXISTING_REFERRAL_FLAG": "N", "CP_ENQUIRY_FLAG": "", "NFA_FLAG": "N", '
            '"NUMBER_OF_OUTCOMES": 1, "COMMENTS": "%s"}' % (flag_value, comment))


CONT = ("cont_contact_id", "cont_person_id", "cont_contact_date", "cont_contact_source_code",
        "cont_contact_source_desc", "cont_contact_outcome_json")
DEC = ("cont_contact_id", "decision_at", "cine_referral_id", "mash_flag")
contacts = [
    ("CT01", "P01", t("2024-02-28 10:00"), "S1", "Police", sysc("Y"), t("2024-02-29 09:00"), "R002"),
    ("CT02", "P02", t("2024-02-27 10:00"), "S1", "Police", sysc("Y", 'said "no"'), t("2024-02-28 09:00"), "R004"),
    ("CT03", "P03", t("2024-02-29 12:00"), "S2", "School", sysc("Y", 'said "no"'), None, None),
    ("CT04", "P04", t("2024-02-29 12:00"), "S2", "School", None, t("2024-03-01 08:00"), "R007"),
    ("CT05", "P05", t("2024-05-09 12:00"), "S2", "School", None, t("2024-05-09 13:00"), None),
    ("CT06", "P06", t("2024-05-31 12:00"), "S3", "Health", None, None, None),
    ("CT07", "P08", t("2024-06-30 09:00"), "S3", "Health", sysc("X"), t("2024-06-30 10:00"), "R014"),
    ("CT08", "P09", t("2024-04-01 09:00"), "S3", "Health", sysc("y"), t("2024-04-02 09:00"), "R015"),
    ("CT09", "P10", t("2024-12-13 09:00"), "S3", "Health", sysc("Y"), t("2024-12-14 09:00:01"), "R019"),
    ("CT10", "P11", t("2024-12-13 09:00"), "S4", "Family", sysc("Y"), t("2024-12-12 09:00"), None),
    ("CT11", "P12", t("2024-01-05 16:00"), "S4", "Family", sysc("Y"), None, None),
    ("CT12", "P13", t("2024-08-16 16:00"), "S4", "Family", sysc("N"), t("2024-08-16 17:00"), None),
    ("CT13", "P14", t("2024-10-31 16:00"), "S4", "Family", sysc(""), t("2024-10-31 17:00"), None),
    ("CT14", "P15", t("2024-12-22 16:00"), "S5", "LA", "{not json", t("2024-12-23 09:00"), "R024"),
    ("CT15", "P16", t("2024-12-31 16:00"), "S5", "LA", "", t("2025-01-02 09:00"), "R025"),
    ("CT16", "P17", t("2025-03-24 16:00"), "S5", "LA", sysc("YES"), t("2025-03-25 10:00"), "R026"),
    ("CT17", "P18", t("2025-03-31 22:00"), "S5", "LA", sysc("Y"), t("2025-03-31 23:00"), "R027"),
    ("CT18", "P19", t("2025-05-30 22:00"), "S6", "Police", sysc(" true "), t("2025-06-02 09:00"), "R028"),
    ("CT19", "P20", t("2025-08-29 10:00"), "S6", "Police", sysc("1"), t("2025-08-29 10:00"), "R029"),
    ("CT20", "P21", t("2025-10-03 10:00"), "S6", "Police", sysc("Y", 'lives at "the Grange", see \\"notes\\"'), t("2025-10-06 10:00"), "R030"),
]
for i in range(21, 46):
    at = dt.datetime(2024, 1, 3, 9) + dt.timedelta(days=29 * (i - 20), hours=i % 7)
    yes = "Y" if i % 3 else "N"
    hours = (6, 20, 24, 30, 50)[i % 5]
    decision = at + dt.timedelta(hours=hours) if i % 11 else None
    contacts.append(("CT%02d" % i, "P%02d" % (i - 15), at, "S7", "Other", sysc(yes), decision,
                     ("R8%02d" % i) if yes == "Y" else None))
# before the period: PI01 does not read it, so its missing JSON is not listed
contacts.append(("CT46", "P22", t("2023-06-14 10:00"), "S7", "Other", None, t("2023-06-14 12:00"), "R031"))
rows("ssd_contacts", CONT, *[c[:6] for c in contacts])
rows("ext_contact_decision", DEC, *[(c[0], c[6], c[7], "Y") for c in contacts if c[6] is not None])

# ---------------------------------------------------------------------------
# Population (none before mid-2023: December 2023 to March 2024 have no
# estimate), workforce (none for June 2024), audits.
# ---------------------------------------------------------------------------
rows("ext_population", ("mid_year", "age_band", "population"),
     (2023, "0-17", 48215), (2024, "0-17", 48790), (2024, "0-4", 12000), (2025, "0-17", 49001))


def _month_ends():
    y, m = PERIOD_START.year, PERIOD_START.month
    while (y, m) <= (PERIOD_END.year, PERIOD_END.month):
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        yield nxt - dt.timedelta(days=1)
        y, m = nxt.year, nxt.month


wf = []
for k, me in enumerate(_month_ends()):
    if me == dt.date(2024, 6, 30):
        continue
    wf.append((me, "T1", 20 + k % 3, 15.5 + (k % 4) * 0.5, 2.0, 1.0 + (k % 2), 1.5))
    wf.append((me, "T2", 12, 9.0 - (k % 3), 1.5 + (k % 2) * 0.25, 0.5, 0.0))
rows("ext_workforce_month", ("month_end", "dept_team_id", "establishment_fte", "permanent_fte", "agency_fte",
                             "absent_fte", "non_case_holding_fte"), *wf)
grades = ["Good", "Outstanding", "Requires improvement", "Inadequate", "good ", "INADEQUATE", "Excellent",
          "Requires Improvement"]
aud = []
for i in range(1, 41):
    ret = t("2024-%02d-%02d" % (1 + i % 12, 1 + i % 28)) if i % 9 else None
    g = grades[i % len(grades)] if i % 13 else None
    mod = "Good" if i % 10 == 3 else ("Grand" if i == 17 else None)
    aud.append(("AU%02d" % i, "P%02d" % (1 + i % 30), ret, g, mod, "W2%d" % (i % 5), "T%d" % (1 + i % 2)))
rows("ext_case_audit", ("audit_id", "person_id", "returned_date", "grade", "moderated_grade", "auditor_id",
                        "dept_team_id"), *aud)

# ---------------------------------------------------------------------------
# Workers and teams (loaded; the KPIs do not read them).
# ---------------------------------------------------------------------------
rows("ssd_professionals", ("prof_professional_id", "prof_staff_id", "prof_professional_name",
                           "prof_social_worker_registration_no", "prof_agency_worker_flag",
                           "prof_professional_job_title", "prof_professional_caseload",
                           "prof_professional_department", "prof_full_time_equivalency"),
     *[("W%02d" % i, "HR%03d" % i, "Worker %d" % i, "SW%05d" % i, "N" if i % 4 else "Y", "Social Worker",
        10 + i, "Team %d" % (1 + i % 2), 1.0 if i % 3 else 0.6) for i in range(1, 13)])
rows("ssd_department", ("dept_team_id", "dept_team_name", "dept_team_parent_id", "dept_team_parent_name"),
     ("T0", "Children's Services", None, None), ("T1", "Assessment North", "T0", "Children's Services"),
     ("T2", "Assessment South", "T0", "Children's Services"))
