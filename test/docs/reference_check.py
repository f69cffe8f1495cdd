#!/usr/bin/env python3
"""README's reference lists every object of the extension, as the catalog has it.

In a scratch database with CREATE EXTENSION socialcare (install it first),
every function, aggregate, window function, view, table and type in schema
socialcare that belongs to the extension (pg_depend deptype 'e'):

- has a COMMENT ON;
- has a row in README's reference whose synopsis is its name, argument
  names and types (and defaults), as scripts/reference.py writes it;

and every row of README's reference names an object that exists, and the
whole block equals what scripts/reference.py generates (so each description
is the first sentence of the object's COMMENT ON).  Prints TAP.  Needs
PGHOST etc. of a server where PGUSER may create databases.
"""

import difflib
import os
import re
import sys

from common import ROOT, Tap, read

sys.path.insert(0, os.path.join(ROOT, "scripts"))
import reference  # noqa: E402

ROW = re.compile(r"^\| `(?P<synopsis>(?:[^`\\]|\\.)*)` \| (?P<returns>.*?) \| (?P<description>.*) \|$")


def readme_rows(block):
    rows = []
    for line in block.split("\n"):
        if line.startswith("| `"):
            m = ROW.match(line)
            rows.append(m.group("synopsis").replace("\\|", "|") if m else line)
    return rows


def main():
    tap = Tap()
    objects = reference.scratch_catalog()
    tap.check(len(objects) > 0, f"the extension has {len(objects)} functions, aggregates, views, tables and types")
    try:
        _, block, _ = reference.split_readme(read("README.md"))
    except SystemExit as e:
        tap.check(False, "README.md has the reference block", [str(e)])
        tap.exit()
    listed = readme_rows(block)
    by_synopsis = {}
    for o in objects:
        by_synopsis.setdefault(reference.synopsis(o), []).append(o)

    for o in sorted(objects, key=lambda o: (o["kind"], o["identity"])):
        problems = []
        if not o["comment"].strip():
            problems.append(f"no COMMENT ON for {o['kind']} {o['identity']}")
        if reference.synopsis(o) not in listed:
            problems.append(f"README's reference has no row `{reference.synopsis(o)}`")
        if reference.area(o) is None:
            problems.append(f"{o['name']} has no area in scripts/reference.py's AREA_OF")
        tap.check(not problems, f"{o['kind']} {o['identity']}: commented, listed in README with its synopsis",
                  problems)

    unknown = [s for s in listed if s not in by_synopsis]
    tap.check(not unknown, f"each of README's {len(listed)} reference rows names an object of the extension",
              [f"no such object: {s}" for s in unknown])
    twice = sorted({s for s in listed if listed.count(s) > 1})
    tap.check(not twice, "no object is listed twice", twice)

    generated, _ = reference.generate(objects)
    diff = [] if generated == block else [
        line for line in difflib.unified_diff(block.split("\n"), generated.split("\n"),
                                         "README.md", "generated", lineterm="", n=0)]
    tap.check(not diff, "README's reference equals scripts/reference.py's (descriptions: COMMENT ON's first sentence)",
              diff[:40] + (["(fix: scripts/reference.py --write)"] if diff else []))
    tap.exit()


if __name__ == "__main__":
    main()
