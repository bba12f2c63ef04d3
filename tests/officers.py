"""Officers at work on one database at once, each in its own process with its own connection.

The contention test (tests/integration/test_contention.py) and the benchmark
(benchmarks/contention.py) share this workload, so the figures describe what the test checks.
Every officer goes through `Store.write`, as the CLI and the window do: deciding the same
matches, the same party and list entry in several cases (decision memory), adding notes and
moving cases. Each action carries a unique token (the reason, the note's text), so afterwards
`check_outcomes` can find every reported success exactly once and every refused action
nowhere.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screener import audit
from screener.db_failures import WriteConflict, describe_failure
from screener.models import AuditEvent, Case, CaseStatus, Decision, MatchResult, Note, StatusChange
from screener.store import Store, open_store
from screener.workflow import adjudication, lifecycle, notes
from screener.workflow.errors import WorkflowError

CASES = ("OFFICE-1", "OFFICE-2", "OFFICE-3", "OFFICE-4")
# the same company in every case: its matches share a decision-memory row per list entry
SHARED_PARTY = {"key": "acq", "name": "Northern Minerals Holding Ltd"}
# a name on the US DoD 1260H list, so re-screening after importing that list finds it
LISTED_PARTY = {"key": "tgt", "name": "360 Security Technology Inc."}
ENTRIES = (("SDN-1", "NORTHERN MINERALS HOLDING"), ("SDN-2", "NORTHERN MINERAL HOLDINGS"))


@dataclass
class Action:
    officer: int
    kind: str  # adjudicate, note, move, import
    token: str
    result: str = ""  # ok, conflict, refused, db_failure, crash
    started: float = 0.0  # seconds since the common start
    seconds: float = 0.0
    message: str = ""


@dataclass
class OfficerReport:
    officer: int
    actions: list[Action] = field(default_factory=list)
    races_lost: int = 0


def seed(url: str) -> None:
    """Four open cases, each with the shared company matched against the same two entries."""
    from tests.factory import make_case, make_entry, make_match, make_version

    store = open_store(url)
    try:
        with store.unit_of_work() as session:
            version = make_version(session, "OFAC SDN", "office")
            entries = [make_entry(session, version, key, name) for key, name in ENTRIES]
            for case_id in CASES:
                case = make_case(session, case_id, parties=[SHARED_PARTY, LISTED_PARTY])
                for entry in entries:
                    make_match(session, case, entry)
    finally:
        store.dispose()


def _timed(report: OfficerReport, kind: str, token: str, t0: float, run: Callable[[], Any]) -> None:
    action = Action(report.officer, kind, token, started=time.monotonic() - t0)
    began = time.perf_counter()
    try:
        run()
        action.result = "ok"
    except WriteConflict as exc:
        action.result, action.message = "conflict", str(exc)
    except WorkflowError as exc:
        action.result, action.message = "refused", str(exc)
    except Exception as exc:
        line = describe_failure(exc)
        if line is not None:
            action.result, action.message = "db_failure", line
        else:
            action.result, action.message = "crash", traceback.format_exc()
    action.seconds = time.perf_counter() - began
    report.actions.append(action)


def officer(url: str, number: int, seconds: float, ready: Any, busy: Any, out: str) -> None:
    """One officer's session: random desk actions until `seconds` have passed and the
    import (if any) is over, so its whole write is measured against officers at work."""
    import os

    os.environ["SCREENER_USER"] = f"officer.{number}"
    store = open_store(url, migrate=False)
    report = OfficerReport(number)
    rng = random.Random(number)
    with store.session() as session:
        match_ids = list(session.execute(select(MatchResult.id).order_by(MatchResult.id)).scalars())
    ready.wait()  # every process has started and connected: the office opens at once
    t0 = time.monotonic()
    count = 0
    while time.monotonic() - t0 < seconds or busy.is_set():
        count += 1
        token = f"o{number}-{count}"
        kind = rng.choice(("adjudicate", "adjudicate", "note", "move"))
        if kind == "adjudicate":
            match_id = rng.choice(match_ids)
            outcome = rng.choice(("confirm", "dismiss", "dismiss", "unsure"))
            _timed(
                report,
                kind,
                token,
                t0,
                lambda m=match_id, o=outcome, t=token: store.write(
                    lambda s: adjudication.decide_match(s, m, o, t)
                ),
            )
        elif kind == "note":
            case_id = rng.choice(CASES)
            _timed(
                report,
                kind,
                token,
                t0,
                lambda c=case_id, t=token: store.write(lambda s: notes.add_note(s, c, t)),
            )
        else:
            case_id = rng.choice(CASES)
            _timed(
                report,
                kind,
                token,
                t0,
                lambda c=case_id, t=token: store.write(lambda s: _toggle(s, c, t)),
            )
    report.races_lost = store.races_lost
    store.dispose()
    Path(out).write_text(json.dumps(asdict(report)))


def _toggle(session: Session, case_id: str, reason: str) -> None:
    status = lifecycle.load_case(session, case_id).status
    target = CaseStatus.ESCALATED if status == CaseStatus.IN_REVIEW else CaseStatus.IN_REVIEW
    lifecycle.change_status(session, case_id, target, reason=reason)


def importer(url: str, list_path: str, ready: Any, busy: Any, delay: float, out: str) -> None:
    """A list import and the re-screen of open cases that follows it, as `lists import` runs."""
    from screener.lists.service import import_path
    from screener.workflow.rescreen import rescreen_new_versions

    store = open_store(url, migrate=False)
    report = OfficerReport(-1)
    ready.wait()
    t0 = time.monotonic()
    time.sleep(delay)

    def run() -> None:
        import_path(store, list_path)
        store.write(rescreen_new_versions)

    try:
        _timed(report, "import", "import", t0, run)
    finally:
        busy.clear()
    report.races_lost = store.races_lost
    store.dispose()
    Path(out).write_text(json.dumps(asdict(report)))


def run_office(
    url: str,
    folder: Path,
    *,
    officers: int,
    seconds: float,
    list_path: str | None = None,
    import_delay: float = 0.5,
) -> list[OfficerReport]:
    """Start every officer (and the importer) in its own process; collect their reports."""
    spawn = multiprocessing.get_context("spawn")
    ready = spawn.Barrier(officers + (list_path is not None))
    busy = spawn.Event()  # set while the import runs: officers keep working until it ends
    if list_path is not None:
        busy.set()
    processes = []
    outs = []
    for number in range(officers):
        out = str(folder / f"officer-{number}.json")
        outs.append(out)
        processes.append(
            spawn.Process(target=officer, args=(url, number, seconds, ready, busy, out))
        )
    if list_path is not None:
        out = str(folder / "importer.json")
        outs.append(out)
        processes.append(
            spawn.Process(target=importer, args=(url, list_path, ready, busy, import_delay, out))
        )
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=seconds + 240)
        if process.is_alive():
            process.kill()
            raise AssertionError(f"process {process.pid} did not finish: a hang")
        if process.exitcode != 0:
            raise AssertionError(f"process {process.pid} died with exit code {process.exitcode}")
    reports = []
    for out in outs:
        data = json.loads(Path(out).read_text())
        actions = [Action(**a) for a in data.pop("actions")]
        reports.append(OfficerReport(actions=actions, **data))
    return reports


def check_outcomes(store: Store, reports: list[OfficerReport]) -> list[str]:
    """Every problem found: a crash, a success missing or doubled, a refusal half-written."""
    problems: list[str] = []
    actions = [a for r in reports for a in r.actions]
    for action in actions:
        if action.result in ("crash", "db_failure"):
            problems.append(f"{action.token} {action.kind}: {action.result}: {action.message}")
        if action.result == "conflict" and not (
            "changed by someone else" in action.message and "reload" in action.message
        ):
            problems.append(f"{action.token}: conflict without the documented message")
    with store.session() as session:
        found = {
            "adjudicate": _count(session, Decision.reason),
            "note": _count(session, Note.text),
            "move": _count(session, StatusChange.reason),
        }
        audited = _audited_tokens(session)
        if audit.verify(session):
            problems.append("audit verify: the chain is broken")
    for action in actions:
        if action.kind not in found:
            continue
        rows = found[action.kind].get(action.token, 0)
        logged = audited.get(action.token, 0)
        expected = 1 if action.result == "ok" else 0
        if rows != expected or logged != expected:
            problems.append(
                f"{action.token} {action.kind} reported {action.result}: {rows} row(s), "
                f"{logged} audit record(s)"
            )
    return problems


def _count(session: Session, column: Any) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()
    return {str(value): int(count) for value, count in rows}


def _audited_tokens(session: Session) -> dict[str, int]:
    counts: dict[str, int] = {}
    for details in session.execute(select(AuditEvent.details)).scalars():
        for key in ("reason", "text"):
            value = (details or {}).get(key)
            if isinstance(value, str) and value.startswith("o") and "-" in value:
                counts[value] = counts.get(value, 0) + 1
    return counts


def case_ids(store: Store) -> list[str]:
    with store.session() as session:
        return list(session.execute(select(Case.id).order_by(Case.id)).scalars())
