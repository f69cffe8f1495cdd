#!/usr/bin/env python3
"""The constants SQL and C share have one home, the C headers in src/; this
checks that the SQL source (the area files extension/sql/*.sql, and
extension/socialcare.sql when there is one) says the same: the calendar range,
the timescale units and their largest amount, the divisions, the RAG labels
and polarities, the longest series in months and the range of reporting
dates.  Prints TAP; exits 1 on any disagreement.

    python3 test/unit/constants_check.py [REPO_ROOT]
"""

import glob
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def c_define(header, name):
    """The replacement text of #define name in src/header."""
    m = re.search(r"^#define\s+" + name + r"\s+(.+?)\s*(?:/\*.*)?$", read("src/" + header), re.M)
    if m is None:
        raise SystemExit(f"Bail out! #define {name} not found in src/{header}")
    return m.group(1).strip()


def c_int(header, name):
    return int(c_define(header, name).strip("()"))


def c_names(header, name):
    """A #define of comma-separated string literals, as a list."""
    return re.findall(r'"([^"]*)"', c_define(header, name))


def day_to_date(day):
    """A day number from 2000-01-01 (civil.h) as YYYY-MM-DD, any year (H. Hinnant's civil_from_days)."""
    z = day + 730425
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (m <= 2)
    return f"{y:04d}-{m:02d}-{d:02d}"


def sql_sources():
    files = ["extension/socialcare.sql"] + sorted(
        os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "extension", "sql", "*.sql")))
    return [(f, read(f)) for f in files if os.path.exists(os.path.join(ROOT, f))]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {what}")
        if not ok:
            self.failed += 1
            for line in detail.splitlines():
                print(f"# {line}")


def pg_array(names):
    return "'{" + ",".join(names) + "}'"


def main():
    tap = Tap()
    sources = sql_sources()
    sql = "\n".join(text for _, text in sources)
    print(f"# SQL sources: {', '.join(f for f, _ in sources)}")

    # socialcare.calendar_day's CHECK: the days of the calendars' years
    first, last = c_int("bankholidays.h", "SC_FIRST_YEAR"), c_int("bankholidays.h", "SC_LAST_YEAR")
    want = f"'{first}-01-01'::date AND day OPERATOR(pg_catalog.<=) '{last}-12-31'::date"
    found = re.findall(r"'(\d+)-01-01'::date\s+AND day OPERATOR\(pg_catalog\.<=\) '(\d+)-12-31'::date", sql)
    tap.check(found and all((int(a), int(b)) == (first, last) for a, b in found),
              f"calendar range {first} to {last} (bankholidays.h) in calendar_day's CHECK",
              f"want {want}\nfound years {found}")

    # the divisions: calendar's CHECKs and its shipped rows
    divisions = c_names("bankholidays.h", "SC_DIVISION_NAMES")
    lists = re.findall(r"ALL \('\{([^}]*)\}'::text\[\]\)|ANY \('\{((?:england|scotland|northern)[^}]*)\}'::text\[\]\)", sql)
    lists = [a or b for a, b in lists]
    tap.check(len(lists) >= 2 and all(l.split(",") == divisions for l in lists),
              f"divisions {', '.join(divisions)} (bankholidays.h) in calendar's CHECKs",
              f"want {pg_array(divisions)}\nfound {lists}")

    # the timescale units and the largest amount
    units = c_names("timescale.h", "SC_UNIT_NAMES")
    found = re.findall(r"CHECK \(unit OPERATOR\(pg_catalog\.=\) ANY \('\{([^}]*)\}'::text\[\]\)\),\s*from_event", sql)
    tap.check(found and all(f.split(",") == units for f in found),
              f"timescale units {', '.join(units)} (timescale.h) in timescale_unit_valid",
              f"want {pg_array(units)}\nfound {found}")
    amount = c_int("timescale.h", "SC_TS_MAX_AMOUNT")
    found = re.findall(r"timescale_amount_valid CHECK \(amount OPERATOR\(pg_catalog\.>=\) 0 AND amount "
                       r"OPERATOR\(pg_catalog\.<=\) (\d+)\)", sql)
    tap.check(found and all(int(f) == amount for f in found),
              f"timescale amount at most {amount} (timescale.h) in timescale_amount_valid",
              f"found {found}")

    # RAG labels, in the enum's order, and polarities
    rag = c_names("rag.h", "SC_RAG_NAMES")
    found = [re.findall(r"'([^']*)'", e) for e in re.findall(r"CREATE TYPE socialcare\.rag AS ENUM \(([^)]*)\)", sql)]
    tap.check(found and all(f == rag for f in found),
              f"RAG labels {', '.join(rag)} (rag.h) in the enum socialcare.rag", f"found {found}")
    polarities = c_names("rag.h", "SC_POLARITY_NAMES")
    found = re.findall(r"kpi_polarity_known CHECK \(polarity OPERATOR\(pg_catalog\.=\) ANY \('\{([^}]*)\}'", sql)
    tap.check(found and all(f.split(",") == polarities for f in found),
              f"polarities {', '.join(polarities)} (rag.h) in kpi_polarity_known", f"found {found}")
    # the catalogue's other words, which the trigger validate maps to
    for define, constraint, column, what in (("SC_KPI_UNIT_NAMES", "kpi_unit_known", "unit", "units"),
                                             ("SC_KPI_FREQUENCY_NAMES", "kpi_frequency_known", "frequency", "frequencies"),
                                             ("SC_KPI_COMPARATOR_NAMES", "kpi_comparator_known", "comparator", "comparators")):
        names = c_names("rag.h", define)
        found = re.findall(constraint + r" CHECK \(" + column + r" OPERATOR\(pg_catalog\.=\) ANY \('\{([^}]*)\}'", sql)
        tap.check(found and all(f.split(",") == names for f in found),
                  f"{what} {', '.join(names)} (rag.h) in {constraint}", f"found {found}")

    # the longest series and window: every "1 to N" months in the SQL
    max_months = c_int("months.h", "SC_MAX_MONTHS")
    found = re.findall(r"(?:from )?1 to (\d+)(?=\)?,? ?(?:months|,|\)|'))", sql)
    found += re.findall(r"months (?:whole calendar months )?\(1 to (\d+)\)", sql)
    tap.check(found and all(int(n) == max_months for n in found),
              f"months from 1 to {max_months} (SC_MAX_MONTHS, months.h) wherever the SQL states the limit",
              f"found {sorted(set(found))}")

    # the range of reporting dates
    first = day_to_date(c_int("months.h", "SC_REPORTING_FIRST_DAY"))
    last = day_to_date(c_int("months.h", "SC_REPORTING_LAST_DAY"))
    found = re.findall(r"(\d{4,}-\d\d-\d\d) to (\d{4,}-\d\d-\d\d)", sql)
    reporting = [f for f in found if f[0].startswith("0001-")]
    year_last = last.split("-")[0]
    tap.check(reporting and all(f == (first, last) for f in reporting)
              and re.search(r"April 1 AD to November " + year_last, sql) is not None,
              f"reporting dates {first} to {last} (months.h) in the SQL's comments",
              f"found {reporting}")

    # json_problem's bound and the deepest nesting read, where the SQL states them
    problem_max = c_int("json_scan.h", "SC_JSON_PROBLEM_MAX")
    depth = c_int("json_scan.h", "SC_JSON_MAX_DEPTH")
    json_sql = read("extension/sql/json.sql")
    found = re.findall(r"at most (\d+) bytes", json_sql)
    levels = re.findall(r"deeper than (\d+) levels", json_sql)
    tap.check(found and levels and all(int(f) == problem_max for f in found) and all(int(f) == depth for f in levels),
              f"json_problem at most {problem_max} bytes, nesting {depth} levels (json_scan.h) in json.sql",
              f"found {found}, {levels}")

    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
