#!/usr/bin/env python3
"""META.json (PGXN's metadata) is true.

It is valid JSON; its version equals socialcare.control's default_version,
and so does provides.socialcare.version; provides.socialcare.file and
docfile name files of the repository; every URL in it is one known to
exist (there is no public repository or bug tracker: a URL is added to
KNOWN_URLS below when one exists); CHANGELOG.md has a section for the
version.  Prints TAP; no database needed.
"""

import json
import os
import re

from common import ROOT, Tap, read

KNOWN_URLS = {"https://pgxn.org/meta/spec.txt"}
# PGXN meta-spec 1.0.0's license strings (those a PostgreSQL extension might use).
LICENSES = {"postgresql", "bsd", "mit", "apache_2_0", "gpl_2", "gpl_3", "lgpl_2_1", "lgpl_3_0",
            "artistic_2", "mozilla_1_1", "open_source", "restricted", "unrestricted", "unknown"}


def urls(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from urls(v)
    elif isinstance(value, list):
        for v in value:
            yield from urls(v)
    elif isinstance(value, str):
        yield from re.findall(r"[a-z]+://[^\s\"]+", value)


def main():
    tap = Tap()
    try:
        meta = json.loads(read("META.json"))
        tap.check(isinstance(meta, dict), "META.json is valid JSON")
    except (OSError, ValueError) as e:
        tap.check(False, "META.json is valid JSON", [str(e)])
        tap.exit()
    control = read("socialcare.control")
    m = re.search(r"^default_version\s*=\s*'([^']*)'", control, re.M)
    version = m.group(1) if m else None
    tap.check(version is not None, f"socialcare.control's default_version is {version}")

    tap.check(meta.get("name") == "socialcare", "name is socialcare", [f"name: {meta.get('name')!r}"])
    tap.check(meta.get("version") == version, f"version equals the control file's ({version})",
              [f"META.json: {meta.get('version')!r}"])
    for key in ("abstract", "maintainer", "license", "provides", "meta-spec"):
        tap.check(key in meta, f"has the required key {key}")
    tap.check(meta.get("license") in LICENSES, f"license {meta.get('license')!r} is a meta-spec license string")
    tap.check(meta.get("meta-spec", {}).get("version") == "1.0.0", "meta-spec version 1.0.0")

    provided = meta.get("provides", {}).get("socialcare", {})
    tap.check(provided.get("version") == version, f"provides.socialcare.version is {version}",
              [f"META.json: {provided.get('version')!r}"])
    for key in ("file", "docfile"):
        path = provided.get(key)
        tap.check(bool(path) and os.path.isfile(os.path.join(ROOT, path)),
                  f"provides.socialcare.{key} ({path}) is a file of the repository")
    tap.check(set(meta.get("provides", {})) == {"socialcare"}, "provides lists the one extension, socialcare",
              sorted(meta.get("provides", {})))

    unknown = sorted(set(urls(meta)) - KNOWN_URLS)
    tap.check(not unknown, "every URL is one known to exist (no invented tracker or repository)", unknown)
    resources = meta.get("resources", {})
    tap.check(not {"bugtracker", "repository"} & set(resources),
              "resources name no bug tracker or repository (none exists)", sorted(resources))

    changelog = read("CHANGELOG.md") if os.path.exists(os.path.join(ROOT, "CHANGELOG.md")) else ""
    heading = re.compile(r"^## \[?" + re.escape(version or "?") + r"\]?(\s|$)", re.M)
    tap.check(bool(heading.search(changelog)), f"CHANGELOG.md has a section for {version}")
    tap.exit()


if __name__ == "__main__":
    main()
