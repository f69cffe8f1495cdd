#!/usr/bin/env python3
"""`make dist` builds the release archive PGXN takes: a zip of HEAD's
tracked files under one directory socialcare-VERSION/, META.json at its
top with the control file's version, the files a PGXS build needs, and no
build output.  Built in a temporary directory, removed afterwards (the
checkout is not written to)."""

import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, Tap, read  # noqa: E402


def main():
    tap = Tap()
    inside = subprocess.run(["git", "-C", ROOT, "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True)
    if inside.returncode != 0:
        print("1..0 # SKIP not a git checkout: make dist archives HEAD")
        return
    m = re.search(r"^default_version\s*=\s*'([^']*)'", read("socialcare.control"), re.M)
    version = m.group(1)
    prefix = f"socialcare-{version}/"
    with tempfile.TemporaryDirectory(prefix="socialcare-dist.") as tmp:
        zip_path = os.path.join(tmp, f"socialcare-{version}.zip")
        run = subprocess.run(["make", "-s", "-C", ROOT, "dist", f"DIST={zip_path}"],
                             capture_output=True, text=True)
        if not tap.check(run.returncode == 0 and os.path.isfile(zip_path),
                         f"make dist builds socialcare-{version}.zip", (run.stdout + run.stderr).splitlines()[-10:]):
            tap.exit()
        with zipfile.ZipFile(zip_path) as z:
            names = z.namelist()
            outside = [n for n in names if not n.startswith(prefix)]
            tap.check(not outside, f"every file is under {prefix}", outside[:10])
            tracked = subprocess.run(["git", "-C", ROOT, "ls-tree", "-r", "--name-only", "HEAD"],
                                     capture_output=True, text=True, check=True).stdout.split()
            files = sorted(n[len(prefix):] for n in names if not n.endswith("/"))
            tap.check(files == sorted(tracked), "it holds exactly HEAD's tracked files",
                      sorted(set(files) ^ set(tracked))[:10])
            meta = json.loads(z.read(prefix + "META.json"))
            tap.check(meta.get("version") == version, f"its META.json says version {version}",
                      [f"META.json: {meta.get('version')!r}"])
            provided = meta.get("provides", {}).get("socialcare", {})
            tap.check(prefix + provided.get("file", "?") in names,
                      f"the file META.json provides ({provided.get('file')}) is in it")
            needed = ["Makefile", "socialcare.control", "LICENSE", "README.md"]
            needed += [f for f in tracked if f.startswith(("src/", "extension/"))]
            missing = [f for f in needed if prefix + f not in names]
            tap.check(not missing, f"it holds what a PGXS build needs ({len(needed)} files: "
                      "Makefile, control, src/, extension/)", missing[:10])
            built = [n for n in names if re.search(r"\.(o|so|bc)$|/results/|regression\.diffs$", n)
                     or n.endswith(f"extension/socialcare--{version}.sql")]
            tap.check(not built, "no build output (objects, the built install script, test results)", built[:10])
            z.extractall(tmp)
        # As a PGXN client does: unpack and build with PGXS.
        pg_config = os.environ.get("PG_CONFIG", "pg_config")
        build = subprocess.run(["make", "-s", "-C", os.path.join(tmp, prefix), f"PG_CONFIG={pg_config}"],
                               capture_output=True, text=True)
        tap.check(build.returncode == 0 and os.path.isfile(os.path.join(tmp, prefix, f"extension/socialcare--{version}.sql"))
                  and os.path.isfile(os.path.join(tmp, prefix, "socialcare.so")),
                  "the unpacked archive builds with PGXS (the library and the install script)",
                  (build.stdout + build.stderr).splitlines()[-10:])
    tap.exit()


if __name__ == "__main__":
    main()
