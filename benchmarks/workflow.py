"""Review-workflow figures: audit append and verify, decision memory, bulk dismiss.

On a fresh embedded SQLite database (and on PostgreSQL when SCREENER_BENCH_PG is a URL):
- appending N audit records in one unit of work (each reads the chain head and moves the
  anchor), then `audit.verify` over all of them;
- bulk-dismissing M matches with one reason (decision, memory, audit per match);
- screening the same party/entry pairs in a second case: `apply_decision_memory` re-dismisses
  them; and the usual case of a screening whose matches have no remembered dismissal.
Prints seconds and rates; not a test.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from screener import audit  # noqa: E402
from screener.models import Case, MatchResult, Party  # noqa: E402
from screener.store import Store, open_store  # noqa: E402
from screener.workflow import adjudication  # noqa: E402
from screener.workflow.memory import apply_decision_memory  # noqa: E402
from tests.factory import make_entry, make_version  # noqa: E402

AUDIT_RECORDS = 5000
MATCHES = 500


def timed(label: str, count: int, action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:8.2f} s  ({count / seconds:,.0f} per s)")
    return seconds


def seed_matches(
    store: Store, case_id: str, entry_ids: list[int], key_prefix: str = "E"
) -> list[int]:
    with store.unit_of_work() as session:
        case = Case(id=case_id, title="bench", status="in_review", jurisdictions=["US"])
        session.add(case)
        for n in range(len(entry_ids)):
            session.add(Party(case=case, key=f"p{n}", name=f"Party Number {n} Ltd"))
        session.flush()
        rows = [
            MatchResult(
                case=case,
                party_key=f"p{n}",
                list_entry_id=entry_id,
                list_version_id=1,
                source_name="OFAC SDN",
                entry_key=f"{key_prefix}{n}",
                query_name=f"Party Number {n} Ltd",
                matched_name=f"PARTY NUMBER {n}",
                score=0.8,
            )
            for n, entry_id in enumerate(entry_ids)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def run(url: str) -> None:
    store = open_store(url)
    print(f"database: {store.engine.dialect.name}")

    def append() -> None:
        with store.unit_of_work() as session:
            for n in range(AUDIT_RECORDS):
                audit.record(session, "bench.event", "thing", n, details={"n": n})

    timed(f"append {AUDIT_RECORDS} audit records", AUDIT_RECORDS, append)

    def verify() -> None:
        with store.session() as session:
            assert audit.verify(session) == []

    timed(f"verify {AUDIT_RECORDS} audit records", AUDIT_RECORDS, verify)
    with store.unit_of_work() as session:
        version = make_version(session)
        entry_ids = [
            make_entry(session, version, f"E{n}", f"PARTY NUMBER {n}").id for n in range(MATCHES)
        ]
    first = seed_matches(store, "BENCH-1", entry_ids)

    def dismiss() -> None:
        with store.unit_of_work() as session:
            adjudication.bulk_dismiss(session, first, "Different company")

    timed(f"bulk dismiss {MATCHES} matches", MATCHES, dismiss)
    second = seed_matches(store, "BENCH-2", entry_ids)

    def remember() -> None:
        with store.unit_of_work() as session:
            rows = session.query(MatchResult).filter(MatchResult.id.in_(second)).all()
            counts = apply_decision_memory(session, rows)
            assert counts["auto_dismissed"] == MATCHES, counts

    timed(f"decision memory, {MATCHES} remembered pairs", MATCHES, remember)
    with store.unit_of_work() as session:
        fresh_version = make_version(session, label="fresh")
        fresh_ids = [
            make_entry(session, fresh_version, f"F{n}", f"OTHER NAME {n}").id
            for n in range(MATCHES)
        ]
    third = seed_matches(store, "BENCH-3", fresh_ids, key_prefix="F")

    def nothing_remembered() -> None:
        with store.unit_of_work() as session:
            rows = session.query(MatchResult).filter(MatchResult.id.in_(third)).all()
            counts = apply_decision_memory(session, rows)
            assert counts["auto_dismissed"] == 0, counts

    timed(f"decision memory, {MATCHES} matches none remembered", MATCHES, nothing_remembered)
    store.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.sqlite3")
    if os.environ.get("SCREENER_BENCH_PG"):
        run(os.environ["SCREENER_BENCH_PG"])


if __name__ == "__main__":
    main()
