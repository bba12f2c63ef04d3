"""Fail CI when a test it insists on did not really run: `python scripts/check_ci_report.py FILE`.

FILE is what tests/conftest.py wrote (SCREENER_CI_REPORT) during README's test command. Every
storage test runs on SQLite and on PostgreSQL, and one test opens the real X11 window under
Xvfb; a newcomer's machine may lack Xvfb (that test then skips), but CI must not let a
PostgreSQL or Xvfb test skip or error for want of a server, nor pass with none of them run.
Exit 0 when all ran and passed, 1 otherwise (naming each test).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def problems(report: dict[str, object]) -> list[str]:
    found: list[str] = []
    for kind in ("postgresql", "xvfb"):
        tests = report.get(kind) or {}
        assert isinstance(tests, dict)
        if not tests:
            found.append(f"no {kind} test ran")
        found += [f"{kind}: {node} {outcome}" for node, outcome in sorted(tests.items())
                  if outcome != "passed"]
    return found


def main(argv: list[str]) -> int:
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    found = problems(report)
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        counts = ", ".join(f"{len(report[k])} {k}" for k in ("postgresql", "xvfb"))
        print(f"required tests all ran and passed: {counts} (server: {report.get('server')})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
