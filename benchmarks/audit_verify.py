"""`screener audit verify` over a log of 100,000+ records, replay included (target < 5 s).

Builds (once, kept under --db) a SQLite database shaped like a busy office's: 1,000 cases,
each imported with its ownership edges, screened to 20 matches, every match decided five
times (decide, reconsider, ...), moved through review and signed by a reviewer and an
approver. Every row is written together with the audit record that describes it, exactly as
the workflow writes them (`screener.audit_state.state_of`). Then it times the command as the
user runs it, as a process with start-up: `screener audit verify` (chain, replay of every
decision, match, sign-off, case state and edge, head), and `--json` for the counts.

    python benchmarks/audit_verify.py [--db /tmp/audit_verify.sqlite3] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from screener import audit
from screener.audit_state import state_of
from screener.models import (
    AuditEvent,
    Case,
    Decision,
    ListEntry,
    ListSource,
    ListVersion,
    MatchResult,
    OwnershipLink,
    SignOff,
    StatusChange,
    utcnow,
)
from screener.store import Store, open_store

CASES = 1_000
MATCHES_PER_CASE = 20
DECISIONS_PER_MATCH = 5
OUTCOMES = ("dismissed", "confirmed", "unsure", "dismissed", "dismissed")


def build(store: Store) -> None:
    with store.unit_of_work() as session:
        source = ListSource(name="OFAC SDN", publisher="OFAC", regime="US")
        version = ListVersion(source=source, label="bench", format="csv", content_hash="0" * 64)
        session.add(version)
        entries = [
            ListEntry(
                version=version,
                entry_key=f"SDN-{n}",
                entity_type="organization",
                primary_name=f"ENTITY {n}",
                content_hash=f"{n:064d}",
            )
            for n in range(MATCHES_PER_CASE)
        ]
        session.add_all(entries)
        session.flush()
        for n in range(CASES):
            _one_case(session, f"C-{n:05d}", version, entries)
            if n % 100 == 99:
                session.flush()
                session.expunge_all()
                version = session.get(ListVersion, version.id)  # type: ignore[assignment]
                entries = list(session.execute(select(ListEntry)).scalars())
                print(f"  {n + 1} cases", file=sys.stderr)


def _one_case(session, case_id: str, version: ListVersion, entries: list[ListEntry]) -> None:  # type: ignore[no-untyped-def]
    case = Case(id=case_id, title=f"Sale {case_id}", status="new", jurisdictions=["US"])
    links = [
        OwnershipLink(holder_key=f"p{k}", held_key="target", equity_pct=10.0 * (k + 1))
        for k in range(3)
    ]
    case.ownership_links.extend(links)
    session.add(case)
    session.flush()
    audit.record(
        session, "case.imported", "case", case_id, case_id=case_id, details=state_of([case, *links])
    )
    matches = [
        MatchResult(
            case=case, party_key=f"p{k % 3}", list_entry_id=e.id, list_version_id=version.id,
            source_name="OFAC SDN", entry_key=e.entry_key, query_name="x", matched_name="y",
            score=0.9, status="pending",
        )
        for k, e in enumerate(entries)
    ]  # fmt: skip
    session.add_all(matches)
    session.flush()
    audit.record(
        session, "case.screened", "case", case_id, case_id=case_id, details=state_of(matches)
    )
    _move(session, case, "new", "in_review")
    now = utcnow()
    for round_ in range(DECISIONS_PER_MATCH):
        for match in matches:
            outcome = OUTCOMES[round_]
            match.status = outcome
            decision = Decision(
                match=match, outcome=outcome, reason=f"round {round_}", decided_by="alice",
                decided_at=now + timedelta(microseconds=round_),
            )  # fmt: skip
            session.add(decision)
            session.flush()
            audit.record(
                session, f"match.{outcome}", "match", match.id, case_id=case_id,
                details={"reason": decision.reason} | state_of([decision, match]), actor="alice",
            )  # fmt: skip
    for role, user in (("reviewer", "alice"), ("approver", "bob")):
        sign_off = SignOff(case=case, role=role, user=user, outcome="cleared", signed_at=now)
        session.add(sign_off)
        session.flush()
        audit.record(session, f"case.signed_{role}", "case", case_id, case_id=case_id,
                     details=state_of([sign_off, case]), actor=user)  # fmt: skip
    case.decision = "cleared"
    _move(session, case, "in_review", "decided")


def _move(session, case: Case, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    case.status = after
    change = StatusChange(
        case=case, from_status=before, to_status=after, changed_by="bob", changed_at=utcnow()
    )
    session.add(change)
    session.flush()
    audit.record(session, "case.status_changed", "case", case.id, case_id=case.id,
                 details=state_of([change, case]), actor="bob")  # fmt: skip


def time_command(url: str, *args: str, runs: int) -> tuple[float, str]:
    command = [sys.executable, "-m", "screener.cli", "--db", url, "audit", "verify", *args]
    seconds, output = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
        seconds.append(time.perf_counter() - start)
        output = (done.stdout or done.stderr).strip()
        if done.returncode != 0:
            raise SystemExit(f"verify failed ({done.returncode}): {output[:500]}")
    return statistics.median(seconds), output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/screener_audit_verify.sqlite3"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    store = open_store(url)
    with store.session() as session:
        records = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    if records == 0:
        start = time.perf_counter()
        build(store)
        print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    with store.session() as session:
        records = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        decisions = session.execute(select(func.count()).select_from(Decision)).scalar_one()
    store.dispose()
    seconds, output = time_command(url, runs=args.runs)
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.2f}")
    print(f"log: {records:,} records; {decisions:,} decisions, {CASES * MATCHES_PER_CASE:,} "
          f"matches, {CASES * 2:,} sign-offs, {CASES * 3:,} edges, {CASES:,} cases")  # fmt: skip
    print(f"screener audit verify (process, start-up included, median of {args.runs}): "
          f"{seconds:.2f} s (target < 5 s)")  # fmt: skip
    print(f"  {output[:160]}")


if __name__ == "__main__":
    main()
