"""What the office's server-side checks cost: the same work as an officer and as the owner.

    python benchmarks/office_overhead.py [--matches 1000] [--runs 3]

Starts a throw-away PostgreSQL server (tests/pg_server.py), makes two databases with the same
case of N pending matches: one used by its owner with no office set-up, one after `screener
office setup` used by an officer's own login (reviewer and list admin). In each it times
(1) adjudicating every match, one unit of work per decision as the window does, and (2)
importing the 2024 OFAC SDN list (../shared/data/ofac-sdn-legacy-csv/2024-05-03_sdn-only).
Runs alternate owner/officer so drift of the shared machine hits both; prints medians, the
ratio (target: officer < 1.10 x owner) and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import psycopg  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from screener import audit  # noqa: E402
from screener.audit_state import state_of  # noqa: E402
from screener.cli import main  # noqa: E402
from screener.lists.service import import_path  # noqa: E402
from screener.models import MatchResult  # noqa: E402
from screener.store import Store, open_store  # noqa: E402
from screener.workflow import adjudication  # noqa: E402
from tests.factory import make_case, make_entry, make_match, make_version  # noqa: E402
from tests.pg_server import PostgresServer, wait_until_ready  # noqa: E402

SDN_2024 = REPO.parent / "shared" / "data" / "ofac-sdn-legacy-csv" / "2024-05-03_sdn-only"
OFFICER = "bench_officer"


def seed(store: Store, matches: int) -> None:
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        version = make_version(session, source_name="BENCH")
        rows = [
            make_match(session, case, make_entry(session, version, f"E{n}", f"NAME {n}"))
            for n in range(matches)
        ]
        session.flush()
        audit.record(session, "case.imported", "case", "C-1", case_id="C-1",
                     details=state_of([case, *rows]))  # fmt: skip


def adjudicate_all(store: Store) -> float:
    with store.session() as session:
        ids = list(session.execute(select(MatchResult.id).order_by(MatchResult.id)).scalars())
    start = time.perf_counter()
    for match_id in ids:
        with store.unit_of_work() as session:
            adjudication.decide_match(session, match_id, "dismiss", "not the same person")
    return time.perf_counter() - start


def import_sdn(store: Store) -> float:
    start = time.perf_counter()
    import_path(store, SDN_2024, label=f"bench {time.time_ns()}")
    return time.perf_counter() - start


def fresh(server: PostgresServer, name: str, matches: int, office: bool) -> Store:
    owner_url = server.create_database(name)
    owner = open_store(owner_url)
    seed(owner, matches)
    if not office:
        return owner
    assert CliRunner().invoke(main, ["--db", owner_url, "office", "setup"]).exit_code == 0
    with psycopg.connect(server.admin_url(), autocommit=True) as connection:
        if (
            connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OFFICER,)).fetchone()
            is None
        ):
            connection.execute(f'CREATE ROLE "{OFFICER}" LOGIN')
    granted = CliRunner().invoke(
        main, ["--db", owner_url, "office", "grant", OFFICER, "reviewer", "list_admin"]
    )
    assert granted.exit_code == 0, granted.output
    owner.dispose()
    url = make_url(owner_url).set(username=OFFICER).render_as_string(hide_password=False)
    return open_store(url, migrate=False)


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matches", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = PostgresServer()
    server.start()
    wait_until_ready(server)
    times: dict[tuple[str, str], list[float]] = {}
    try:
        for run in range(args.runs):
            for who, office in (("owner", False), ("officer", True)):
                store = fresh(server, f"bench_{who}_{run}", args.matches, office)
                times.setdefault((who, "adjudicate"), []).append(adjudicate_all(store))
                times.setdefault((who, "import"), []).append(import_sdn(store))
                store.dispose()
                print(f"run {run + 1} {who}: adjudicate {times[(who, 'adjudicate')][-1]:.2f} s, "
                      f"import {times[(who, 'import')][-1]:.2f} s", file=sys.stderr)  # fmt: skip
    finally:
        server.stop()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    for work, label in (
        ("adjudicate", f"adjudicate {args.matches} matches"),
        ("import", "import SDN 2024"),
    ):
        owner = statistics.median(times[("owner", work)])
        officer = statistics.median(times[("officer", work)])
        print(f"{label}: owner {owner:.2f} s, officer {officer:.2f} s, ratio {officer / owner:.3f} "
              f"(target < 1.10; median of {args.runs})")  # fmt: skip


if __name__ == "__main__":
    main_()
