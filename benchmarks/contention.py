"""Six officers at once on one database: throughput, conflicts, retries, waits during an import.

    python benchmarks/contention.py [--officers 6] [--seconds 10] [--list PATH]

For PostgreSQL (a throw-away server, tests/pg_server.py) and for one SQLite file, each
officer is a process with its own connection running the desk workload of tests/officers.py
(deciding the same matches, the same party and list entry in four cases, notes, moving
cases) through `Store.write`, as the CLI and the window do. Two runs per database: officers
alone, then officers while a list import (by default the OFAC SDN legacy CSV set, about
9,000 entries) and its re-screen of open cases run. Printed per run: successful writes per
second, the share of actions refused as "changed by someone else", races lost and run
again, the p95 and longest transaction time (as the officer waits for it), and during the
import the longest any officer waited. Every run is checked like the contention test:
every success present exactly once and the audit chain intact.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from screener.store import open_store  # noqa: E402
from tests.officers import Action, check_outcomes, run_office, seed  # noqa: E402

DEFAULT_LIST = REPO.parent / "shared" / "data" / "ofac-sdn-legacy-csv" / "2021-07-07_complete-set"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def p95(values: list[float]) -> float:
    return percentile(values, 0.95)


def p99(values: list[float]) -> float:
    return percentile(values, 0.99)


def summarise(
    name: str, url: str, folder: Path, args: argparse.Namespace, with_import: bool
) -> None:
    seed(url)
    reports = run_office(
        url,
        folder,
        officers=args.officers,
        seconds=args.seconds,
        list_path=str(args.list) if with_import else None,
        import_delay=1.0,
    )
    store = open_store(url, migrate=False)
    try:
        problems = check_outcomes(store, reports)
    finally:
        store.dispose()
    desk: list[Action] = [a for r in reports if r.officer >= 0 for a in r.actions]
    imports = [a for r in reports if r.officer < 0 for a in r.actions]
    ok = [a for a in desk if a.result == "ok"]
    elapsed = max((a.started + a.seconds for a in desk), default=args.seconds)
    conflicts = [a for a in desk if a.result == "conflict"]
    retries = sum(r.races_lost for r in reports if r.officer >= 0)
    times = [a.seconds for a in desk]
    label = f"{name:<10} {'+ import' if with_import else 'alone':<9}"
    print(
        f"{label} {len(ok) / elapsed:7.1f} writes/s  {len(desk):5d} actions  "
        f"conflicts {100 * len(conflicts) / max(1, len(desk)):5.2f} %  "
        f"races run again {retries:4d}  p95 {1000 * p95(times):7.1f} ms  "
        f"longest {1000 * max(times, default=0):7.1f} ms"
    )
    for action in imports:
        end = action.started + action.seconds
        during = [a for a in desk if a.started < end and a.started + a.seconds > action.started]
        waited = max((a.seconds for a in during), default=0.0)
        print(
            f"{'':20} import {action.result} in {action.seconds:6.2f} s; {len(during)} desk "
            f"actions overlapped it, the longest waited {1000 * waited:7.1f} ms"
        )
    failed = [a for a in desk if a.result in ("refused", "db_failure", "crash")]
    slow = sum(1 for t in times if t > 1.0)
    print(
        f"{'':20} p99 {1000 * p99(times):7.1f} ms; {slow} action(s) over 1 s; "
        f"check: {len(problems)} problem(s); {len(failed)} refused or failed actions"
    )
    for action in failed[:3]:
        print(f"{'':22}{action.token} {action.kind} {action.result}: {action.message[:160]}")
    for problem in problems[:5]:
        print(f"{'':22}{problem[:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    args = parser.parse_args()
    load = os.getloadavg()
    print(
        f"{platform.node()} {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.officers} officers, "
        f"{args.seconds:.0f} s per run; import: {args.list.name}"
    )
    with tempfile.TemporaryDirectory(prefix="contention-") as tmp:
        folder = Path(tmp)
        if args.only in (None, "sqlite"):
            for run, with_import in enumerate((False, True)):
                url = f"sqlite:///{folder / f'office-{run}.sqlite3'}"
                open_store(url).dispose()
                summarise("SQLite", url, folder, args, with_import)
        if args.only in (None, "postgresql"):
            from tests.pg_server import PostgresServer, wait_until_ready

            server = PostgresServer()
            server.start()
            try:
                wait_until_ready(server)
                for run, with_import in enumerate((False, True)):
                    url = server.create_database(f"office_{run}")
                    open_store(url).dispose()
                    summarise("PostgreSQL", url, folder, args, with_import)
            finally:
                server.stop()
    load = os.getloadavg()
    print(f"load after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
