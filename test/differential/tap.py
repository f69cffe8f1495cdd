"""Shared by the differential tests: TAP output and one psql session per script."""

import subprocess
import sys


def run_psql(script_path):
    """Run the whole script in one session (temporary tables live in it)."""
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", "-f", script_path]
    return subprocess.run(cmd, capture_output=True, text=True)


class Tap:
    """Numbered "ok N - ..." / "not ok N - ..." lines, details on "# " lines."""

    def __init__(self):
        self.n = self.failed = 0

    def check(self, ok, description, details=()):
        self.n += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.n} - {description}")
        for line in details if not ok else ():
            print(f"# {line}")
        sys.stdout.flush()

    def mismatches(self, m, description):
        """One line for a tally with .total, .bad and .examples."""
        self.check(m.total > 0 and m.bad == 0, f"{description}: {m.bad} of {m.total} differ",
                   m.examples)
