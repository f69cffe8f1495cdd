#!/usr/bin/python3
"""UK bank holidays 1971-2199, written from the published rules alone.

This is the oracle for workdays_diff.py, so it deliberately shares nothing
with the extension's C code: Easter comes from Knuth's algorithm (TAOCP
1.3.2, exercise 14) cross-checked against dateutil's, and weekend days are
substituted by one generic rule ("the next weekday that is not already a
holiday") instead of per-holiday special cases.

Run it directly to check it against GOV.UK's list (test/data/bank-holidays-govuk.csv).
"""

import csv
import datetime as dt
import os
import sys

DIVISIONS = ("england-and-wales", "scotland", "northern-ireland")
FIRST_YEAR, LAST_YEAR = 1971, 2199
GOVUK_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "..", "data", "bank-holidays-govuk.csv")

D = dt.date
DAY = dt.timedelta(days=1)
MON, FRI = 0, 4

# Royal and other one-off days, in every division unless noted.
EXTRA_DAYS = {
    D(1973, 11, 14): "Wedding of Princess Anne",
    D(1977, 6, 7): "Silver Jubilee",
    D(1981, 7, 29): "Wedding of the Prince of Wales",
    D(1999, 12, 31): "Millennium celebrations",
    D(2002, 6, 3): "Golden Jubilee",
    D(2011, 4, 29): "Royal wedding",
    D(2012, 6, 5): "Diamond Jubilee",
    D(2022, 6, 3): "Platinum Jubilee",
    D(2022, 9, 19): "State Funeral of Queen Elizabeth II",
    D(2023, 5, 8): "Coronation of King Charles III",
}
SCOTLAND_EXTRA_DAYS = {
    # HC Deb 2 March 1995 vol 255 c709W: "In Scotland, 8 May will be a bank
    # holiday in addition to 1 May 1995" (only E&W and NI moved theirs).
    D(1995, 5, 8): "VE day",
    D(2026, 6, 15): "Extra bank holiday",
}
# Scotland's weekend days whose substitute needs a proclamation and got none
# (Scottish Government via the Privy Council and the Edinburgh Gazette,
# January 2014): Sat 2 Jan 2010 and Sat 1 Jan 2011.
SCOTLAND_NO_SUBSTITUTE = {(2010, "2nd January"), (2011, "New Year’s Day")}
SCOTLAND_NOT_MOVED = {(1995, "Early May bank holiday")}

# Bank holidays moved from their usual day: (year, usual name) -> date.
MOVED = {
    (1977, "Spring bank holiday"): D(1977, 6, 6),
    (2002, "Spring bank holiday"): D(2002, 6, 4),
    (2012, "Spring bank holiday"): D(2012, 6, 4),
    (2022, "Spring bank holiday"): D(2022, 6, 2),
    (1995, "Early May bank holiday"): D(1995, 5, 8),
    (2020, "Early May bank holiday"): D(2020, 5, 8),
}


def easter_knuth(year):
    """Easter Sunday (Gregorian), Knuth's Algorithm E."""
    golden = year % 19 + 1
    century = year // 100 + 1
    skipped_leaps = 3 * century // 4 - 12
    moon_fix = (8 * century + 5) // 25 - 5
    sunday = 5 * year // 4 - skipped_leaps - 10
    epact = (11 * golden + 20 + moon_fix - skipped_leaps) % 30
    if (epact == 25 and golden > 11) or epact == 24:
        epact += 1
    n = 44 - epact
    if n < 21:
        n += 30
    n += 7 - (sunday + n) % 7
    return D(year, 4, n - 31) if n > 31 else D(year, 3, n)


def easter(year):
    """Knuth's Easter, checked against dateutil's (a third algorithm) when present."""
    e = easter_knuth(year)
    try:
        from dateutil.easter import easter as du_easter
    except ImportError:
        return e
    assert e == du_easter(year), f"Easter algorithms disagree for {year}"
    return e


def nth_monday(year, month, n):
    """n-th Monday of the month (n = -1: the last)."""
    if n > 0:
        first = D(year, month, 1)
        return first + ((MON - first.weekday()) % 7 + 7 * (n - 1)) * DAY
    last = D(year + month // 12, month % 12 + 1, 1) - DAY
    return last - ((last.weekday() - MON) % 7) * DAY


def is_weekend(day):
    return day.weekday() > FRI


def fixed_days(division, year):
    """Holidays on a fixed date, before weekend substitution, in priority order."""
    days = []
    scotland = division == "scotland"
    if scotland:
        days += [(D(year, 1, 1), "New Year’s Day"), (D(year, 1, 2), "2nd January")]
    elif year >= 1974:
        days.append((D(year, 1, 1), "New Year’s Day"))
    if division == "northern-ireland":
        days += [(D(year, 3, 17), "St Patrick’s Day"),
                 (D(year, 7, 12), "Battle of the Boyne (Orangemen’s Day)")]
    if scotland and year >= 2007:
        days.append((D(year, 11, 30), "St Andrew’s Day"))
    days.append((D(year, 12, 25), "Christmas Day"))
    if not scotland or year >= 1974:
        days.append((D(year, 12, 26), "Boxing Day"))
    return days


def movable_days(division, year):
    """Holidays defined relative to Easter or as a Monday of a month."""
    e = easter(year)
    scotland = division == "scotland"
    days = [(e - 2 * DAY, "Good Friday")]
    if not scotland:
        days.append((e + DAY, "Easter Monday"))
    if scotland or year >= 1978:
        days.append((nth_monday(year, 5, 1), "Early May bank holiday"))
    days.append((nth_monday(year, 5, -1), "Spring bank holiday"))
    days.append((nth_monday(year, 8, 1 if scotland else -1), "Summer bank holiday"))
    return [(day if scotland and (year, name) in SCOTLAND_NOT_MOVED
             else MOVED.get((year, name), day), name) for day, name in days]


def year_holidays(division, year):
    """{date: name} for one division and year."""
    hols = dict((d, n) for d, n in movable_days(division, year))
    hols.update((d, n) for d, n in EXTRA_DAYS.items() if d.year == year)
    if division == "scotland":
        hols.update((d, n) for d, n in SCOTLAND_EXTRA_DAYS.items() if d.year == year)
    fixed = fixed_days(division, year)
    # Weekday fixed holidays keep their day; weekend ones then take, in
    # order, the next weekday not already a holiday.  This one rule gives
    # every published substitution (Christmas on Sunday: Boxing Day keeps
    # Monday 26th and Christmas moves to Tuesday 27th, and so on).
    for day, name in fixed:
        if not is_weekend(day):
            hols[day] = name
    for day, name in fixed:
        if is_weekend(day):
            if division == "scotland" and (year, name) in SCOTLAND_NO_SUBSTITUTE:
                continue
            while is_weekend(day) or day in hols:
                day += DAY
            hols[day] = name + " (substitute day)"
    return hols


def holidays(division, first_year=FIRST_YEAR, last_year=LAST_YEAR):
    """{date: name} of the division's bank holidays, sorted by date."""
    if division not in DIVISIONS:
        raise ValueError(f"unknown division {division!r}")
    hols = {}
    for year in range(first_year, last_year + 1):
        hols.update(year_holidays(division, year))
    # A substitute can spill into the next January; keep the requested years only.
    return {d: hols[d] for d in sorted(hols) if first_year <= d.year <= last_year}


def read_govuk(path=GOVUK_CSV):
    """{division: set of dates} from GOV.UK's CSV (columns division,date,title)."""
    out = {div: set() for div in DIVISIONS}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["division"]].add(D.fromisoformat(row["date"]))
    return out


def govuk_differences(path=GOVUK_CSV):
    """[(division, date, 'only in GOV.UK' | 'only here')] over the CSV's years."""
    diffs = []
    for div, published in read_govuk(path).items():
        years = {d.year for d in published}
        ours = set(holidays(div, min(years), max(years)))
        diffs += [(div, d, "only in GOV.UK") for d in sorted(published - ours)]
        diffs += [(div, d, "only here") for d in sorted(ours - published)]
    return diffs


def main():
    diffs = govuk_differences()
    for div, day, where in diffs:
        print(f"{div} {day}: {where}")
    counts = ", ".join(f"{div} {len(holidays(div))}" for div in DIVISIONS)
    print(f"{'MISMATCH' if diffs else 'ok'}: GOV.UK CSV check; "
          f"{FIRST_YEAR}-{LAST_YEAR}: {counts}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
