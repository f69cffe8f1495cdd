"""Shared by the documentation checks in test/docs: TAP output and what
they read from the Markdown files (sections, links, anchors)."""

import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# The documentation: README, CHANGELOG and every page in doc/.
def markdown_files():
    files = ["README.md", "CHANGELOG.md"]
    doc = os.path.join(ROOT, "doc")
    if os.path.isdir(doc):
        files += sorted("doc/" + f for f in os.listdir(doc) if f.endswith(".md"))
    return [f for f in files if os.path.exists(os.path.join(ROOT, f))]


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


class Tap:
    """Numbered "ok N - ..." / "not ok N - ..." lines, details on "# " lines."""

    def __init__(self):
        self.n = self.failed = 0

    def check(self, ok, description, details=()):
        self.n += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.n} - {description}")
        for line in (details if not ok else ()):
            print(f"# {line}")
        sys.stdout.flush()
        return ok

    def exit(self):
        print(f"1..{self.n}")
        sys.exit(1 if self.failed else 0)


def outside_fences(text):
    """The lines of a Markdown text with fenced code blocks blanked out."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return out


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(text):
    seen, result = {}, set()
    for line in outside_fences(text):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m:
            continue
        base = slug(m.group(1))
        n = seen.get(base, 0)
        seen[base] = n + 1
        result.add(base if n == 0 else f"{base}-{n}")
    return result


def section(text, title):
    """The lines under the heading named title (any level), up to the next
    heading of the same or a higher level; None when there is no such heading."""
    lines = outside_fences(text)
    raw = text.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if m and m.group(2) == title:
            level = len(m.group(1))
            body = []
            for j in range(i + 1, len(lines)):
                n = re.match(r"^(#{1,6})\s", lines[j])
                if n and len(n.group(1)) <= level:
                    break
                body.append(raw[j])
            return body
    return None
