#!/usr/bin/env python3
"""The layout page describes every C source file.

Every src/*.c and src/*.h is named (as `name.c`, or `src/name.c`) in the
section "C sources" of doc/layout.md, and every file that section names
exists, so that a file added, removed or renamed shows up here.  Prints
TAP; no database needed.
"""

import os
import re

from common import ROOT, Tap, read, section

PAGE = "doc/layout.md"
SECTION = "C sources"


def main():
    tap = Tap()
    body = section(read(PAGE), SECTION) if os.path.exists(os.path.join(ROOT, PAGE)) else None
    if not tap.check(body is not None, f"{PAGE} has a section \"{SECTION}\""):
        tap.exit()
    text = "\n".join(body)
    named = set(re.findall(r"`(?:src/)?([A-Za-z0-9_]+\.[ch])`", text))
    files = sorted(f for f in os.listdir(os.path.join(ROOT, "src")) if re.fullmatch(r"[A-Za-z0-9_]+\.[ch]", f))
    for f in files:
        tap.check(f in named, f"src/{f} is described in {PAGE}")
    missing = sorted(n for n in named if n not in files)
    tap.check(not missing, f"every file {PAGE} names in \"{SECTION}\" exists in src/", missing)
    tap.exit()


if __name__ == "__main__":
    main()
