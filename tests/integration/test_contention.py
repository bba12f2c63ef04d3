"""Several officers at once on one database, each a process with its own connection.

On a real PostgreSQL server and on one SQLite file: officers decide the same matches, the
same party and list entry in four cases (decision memory), add notes and move cases for a
few seconds, first on their own, then while a list import re-screens the open cases.
Afterwards no action may have ended in a traceback or an undescribed database error, every
reported success is in the database exactly once (its row and its audit record), every
refused action left nothing, and `audit verify` finds the chain intact.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from screener.models import AuditEvent, ListVersion, MatchResult
from screener.store import Store
from tests.conftest import SHARED_DATA
from tests.officers import check_outcomes, run_office, seed

DOD_1260H = SHARED_DATA / "us-dod-1260h" / "sanctions.csv"
OFFICERS = 4
SECONDS = 2.0
IMPORT_AFTER = 1.5


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_officers_at_once_then_while_a_list_import_rescreens_open_cases(
    any_store: Store, tmp_path: Path
) -> None:
    """One office run: officers alone for the first second, then with the import running."""
    url = _url(any_store)
    seed(url)
    reports = run_office(
        url, tmp_path, officers=OFFICERS, seconds=SECONDS, list_path=str(DOD_1260H),
        import_delay=IMPORT_AFTER,
    )  # fmt: skip
    assert check_outcomes(any_store, reports) == []
    actions = [a for r in reports for a in r.actions if a.kind != "import"]
    succeeded = [a for a in actions if a.result == "ok"]
    # how much gets done depends on the machine's load; that every officer got work through,
    # that several decided the same matches, and that work went on during the import matters
    assert {a.officer for a in succeeded} == set(range(OFFICERS))
    deciders = {a.officer for a in succeeded if a.kind == "adjudicate"}
    assert len(deciders) >= 2, f"too little contention to show anything: {succeeded}"
    imports = [a for r in reports for a in r.actions if a.kind == "import"]
    assert [a.result for a in imports] == ["ok"], imports
    began, ended = imports[0].started, imports[0].started + imports[0].seconds
    assert any(a.started + a.seconds < began for a in succeeded)  # before the import
    assert any(began < a.started + a.seconds < ended for a in succeeded)  # during it
    with any_store.session() as session:
        versions = session.execute(select(ListVersion)).scalars().all()
        assert len(versions) == 2  # the seeded one and the import, nothing half-written
        imported = max(v.id for v in versions)
        rescreened = session.execute(
            select(AuditEvent.object_id).where(AuditEvent.action == "list.rescreened")
        ).scalars().all()  # fmt: skip
        assert rescreened.count(str(imported)) == 1
        listed = session.execute(
            select(MatchResult).where(MatchResult.party_key == "tgt")
        ).scalars().all()  # fmt: skip
        assert {m.case_id for m in listed} >= {"OFFICE-1", "OFFICE-2"}  # open cases re-screened


def test_parallel_cli_decisions_on_the_same_party_and_entry_in_two_cases(
    postgres_url: str,
) -> None:
    """Two officers' `case adjudicate` at the same moment, on the same company and list entry
    in two cases (one shared decision-memory row): both exit 0, nothing but their one line on
    stdout, no warning or traceback on stderr, and both decisions are kept."""
    import os
    import subprocess
    import sys

    from screener import audit
    from screener.models import Decision, DecisionMemory
    from screener.store import open_store
    from tests.conftest import REPO

    seed(postgres_url)
    store = open_store(postgres_url, migrate=False)
    with store.session() as session:
        pairs = session.execute(
            select(MatchResult.case_id, MatchResult.id).where(MatchResult.entry_key == "SDN-1")
        ).all()
    by_case = {case_id: match_id for case_id, match_id in pairs}
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rounds = [("dismiss", "dismiss"), ("confirm", "dismiss")]
    for number, outcomes in enumerate(rounds):
        commands = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "screener.cli",
                    "--db",
                    postgres_url,
                    "case",
                    "adjudicate",
                    str(by_case[case_id]),
                    "--outcome",
                    outcome,
                    "--reason",
                    f"cli-{number}-{case_id}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**env, "SCREENER_USER": f"officer.{side}"},
            )  # fmt: skip
            for side, (case_id, outcome) in enumerate(zip(("OFFICE-1", "OFFICE-2"), outcomes, strict=True))
        ]
        for command in commands:
            out, err = command.communicate(timeout=180)
            assert (command.returncode, err) == (0, ""), err
            assert out.count("\n") == 1
    with store.session() as session:
        reasons = list(session.execute(select(Decision.reason)).scalars())
        for number in range(len(rounds)):
            for case_id in ("OFFICE-1", "OFFICE-2"):
                assert reasons.count(f"cli-{number}-{case_id}") == 1
        memories = (
            session.execute(select(DecisionMemory).where(DecisionMemory.entry_key == "SDN-1"))
            .scalars()
            .all()
        )
        assert len(memories) <= 1
        assert audit.verify(session) == []
    store.dispose()
