#!/usr/bin/env python3
"""Every relative link of the documentation resolves.

In README.md, CHANGELOG.md and doc/*.md: a link to a file names a file or
directory of the repository, and a link with #anchor names a heading of the
target page (GitHub's anchors); README.md links every page of doc/.  Links to web pages (http, https, mailto)
are not followed: the tests use no network.  Prints TAP; no database needed.
"""

import os
import re

from common import ROOT, Tap, anchors, markdown_files, outside_fences, read

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def links(text):
    for number, line in enumerate(outside_fences(text), 1):
        # Inline code is not a link.
        line = re.sub(r"`[^`]*`", "", line)
        for m in LINK.finditer(line):
            yield number, m.group(1)


def main():
    tap = Tap()
    files = markdown_files()
    tap.check("README.md" in files and "CHANGELOG.md" in files, "README.md and CHANGELOG.md exist")
    page_anchors = {f: anchors(read(f)) for f in files}
    for f in files:
        bad, count = [], 0
        for number, target in links(read(f)):
            if re.match(r"^[a-z]+:", target):
                continue
            count += 1
            path, _, anchor = target.partition("#")
            if path:
                resolved = os.path.normpath(os.path.join(os.path.dirname(f), path))
                if resolved.startswith("..") or not os.path.exists(os.path.join(ROOT, resolved)):
                    bad.append(f"{f}:{number}: {target}: no file {resolved}")
                    continue
            else:
                resolved = f
            if anchor:
                if not resolved.endswith(".md"):
                    bad.append(f"{f}:{number}: {target}: an anchor into a file that is not Markdown")
                elif anchor not in page_anchors.get(resolved, anchors(read(resolved))):
                    bad.append(f"{f}:{number}: {target}: no heading #{anchor} in {resolved}")
        tap.check(not bad, f"{f}: {count} relative links resolve", bad)
    linked = {os.path.normpath(target.partition("#")[0]) for _, target in links(read("README.md"))}
    unlinked = [f for f in files if f.startswith("doc/") and f not in linked]
    tap.check(not unlinked, "README.md links every page of doc/", unlinked)
    tap.exit()


if __name__ == "__main__":
    main()
