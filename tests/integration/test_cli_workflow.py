"""`screener audit verify` and `screener case ...` through the real CLI on a real database."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from sqlalchemy import select, text

from screener import audit
from screener.audit_state import state_of
from screener.cli import main
from screener.identity import PURPOSE_SETTING, mark_training, os_login
from screener.models import AuditEvent, Case, Decision, Setting
from screener.store import open_store
from tests.factory import (
    make_case,
    make_entry,
    make_match,
    make_version,
    mark_screened,
)


def _seed(url: str) -> int:
    store = open_store(url)
    with store.unit_of_work() as session:
        case = make_case(session, "C-1", jurisdictions=["US"])
        match = make_match(session, case, make_entry(session, make_version(session), "E1", "X"))
        mark_training(session)  # declared names (SCREENER_USER) are accepted, marked
        session.flush()
        made = state_of([case, match])  # the rows as the log says they were made
        for n in range(3):
            details = {"n": n} | (made if n == 0 else {})
            audit.record(session, "case.edited", "case", "C-1", case_id="C-1", details=details)
        match_id = match.id
    store.dispose()
    return match_id


def test_audit_verify_exits_zero_when_intact_and_one_naming_the_record(sqlite_url: str) -> None:
    _seed(sqlite_url)
    ok = CliRunner().invoke(main, ["--db", sqlite_url, "audit", "verify"])
    assert ok.exit_code == 0 and "intact: 3 records" in ok.output
    store = open_store(sqlite_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET details = '{}' WHERE id = 2"))
    store.dispose()
    broken = CliRunner().invoke(main, ["--db", sqlite_url, "audit", "verify"])
    assert broken.exit_code == 1
    assert "audit record 2: content was changed" in broken.output
    as_json = CliRunner().invoke(main, ["--db", sqlite_url, "audit", "verify", "--json"])
    assert json.loads(as_json.output)["breaks"][0]["record"] == 2


def test_case_workflow_from_the_command_line(sqlite_url: str) -> None:
    match_id = _seed(sqlite_url)
    runner = CliRunner()

    def run(*args: str, user: str = "ana") -> object:
        return runner.invoke(main, ["--db", sqlite_url, *args], env={"SCREENER_USER": user})

    result = run("case", "adjudicate", str(match_id), "--outcome", "dismiss", "--reason", "Other")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    refused = run("case", "sign", "C-1", "--as", "reviewer", "--outcome", "cleared")
    assert refused.exit_code == 2 and "Not screened" in refused.output  # type: ignore[attr-defined]
    _mark_screened(sqlite_url)
    result = run("case", "sign", "C-1", "--as", "reviewer", "--outcome", "cleared")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    refused = run("case", "sign", "C-1", "--as", "approver")
    assert refused.exit_code == 2 and "Four eyes" in refused.output  # type: ignore[attr-defined]
    assert run("case", "sign", "C-1", "--as", "approver", user="bo").exit_code == 0  # type: ignore[attr-defined]
    status = run("case", "status", "C-1", "--json")
    payload = json.loads(status.output)  # type: ignore[attr-defined]
    assert payload["status"] == "decided" and payload["decision"] == "cleared"
    assert payload["matches"] == {"dismissed": 1}
    text = run("case", "status", "C-1").output  # type: ignore[attr-defined]
    # times as the memo prints them; the JSON keeps the full stamp
    assert re.search(r"screened:  \d{4}-\d\d-\d\d \d\d:\d\d UTC\n", text), text
    assert len(re.findall(r"signed:    .* \d{4}-\d\d-\d\d \d\d:\d\d UTC\n", text)) == 2, text
    assert run("audit", "verify").exit_code == 0  # type: ignore[attr-defined]


def test_outside_a_training_database_SCREENER_USER_cannot_make_a_second_person(
    sqlite_url: str,
) -> None:
    """The issue's one-person four eyes: on one OS login, alice and bob are the same actor."""
    match_id = _seed(sqlite_url)
    store = open_store(sqlite_url)
    with store.unit_of_work() as session:
        session.delete(session.get(Setting, PURPOSE_SETTING))
    store.dispose()
    runner = CliRunner()

    def run(*args: str, user: str) -> object:
        return runner.invoke(main, ["--db", sqlite_url, *args], env={"SCREENER_USER": user})

    run("case", "adjudicate", str(match_id), "--outcome", "dismiss", "--reason", "x", user="alice")
    _mark_screened(sqlite_url)
    run("case", "sign", "C-1", "--as", "reviewer", "--outcome", "cleared", user="alice")
    refused = run("case", "sign", "C-1", "--as", "approver", user="bob")
    assert refused.exit_code == 2  # type: ignore[attr-defined]
    assert f"Four eyes: {os_login()} signed as reviewer" in refused.output  # type: ignore[attr-defined]
    whoami = json.loads(run("whoami", "--json", user="bob").output)  # type: ignore[attr-defined]
    assert whoami["actor"] == os_login() and whoami["authenticated_by"] == "OS login"
    assert whoami["note"] == "SCREENER_USER ignored: this database is not marked for demo/training"


def test_in_a_training_database_declared_names_are_marked(sqlite_url: str) -> None:
    match_id = _seed(sqlite_url)
    env = {"SCREENER_USER": "alice"}
    runner = CliRunner()
    runner.invoke(main, ["--db", sqlite_url, "case", "adjudicate", str(match_id), "--outcome",
                         "dismiss", "--reason", "x"], env=env)  # fmt: skip
    store = open_store(sqlite_url)
    with store.session() as session:
        decided_by = session.execute(select(Decision.decided_by)).scalar_one()
        actor = session.execute(
            select(AuditEvent.actor).order_by(AuditEvent.id.desc()).limit(1)
        ).scalar_one()
    store.dispose()
    assert decided_by == actor == "alice (declared, not authenticated)"
    whoami = json.loads(
        runner.invoke(main, ["--db", sqlite_url, "whoami", "--json"], env=env).output
    )
    assert whoami["authenticated_by"] == "declared name"


def _mark_screened(url: str) -> None:
    store = open_store(url)
    with store.unit_of_work() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        mark_screened(session, case)
    store.dispose()


def test_unknown_case_is_exit_code_two(sqlite_url: str) -> None:
    result = CliRunner().invoke(main, ["--db", sqlite_url, "case", "move", "NOPE", "screening"])
    assert result.exit_code == 2 and "No case with id 'NOPE'" in result.output
