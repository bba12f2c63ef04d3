"""Tamper with the tables beside an intact log, on a copy of a real case database: verify names it.

The case is the demo case worked as an officer would: four matches dismissed by alice, signed
by alice as reviewer, approved by bob, one ownership edge changed. Each test copies that
database, changes it with raw SQL (sqlite3, as someone with the file would), and runs
`screener audit verify` as a process-free CLI call.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from screener.cli import main
from screener.demo.pipeline import prepare_demo
from screener.models import MatchResult
from screener.ownership.edit import EdgeInput, update_edge
from screener.risk.service import assess_case
from screener.store import open_store
from screener.workflow import adjudication, signoff
from screener.workflow.lifecycle import Outcome

CASE = "DEMO-2026-0001"


@pytest.fixture(scope="module")
def worked_case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("worked") / "case.sqlite3"
    store = open_store(f"sqlite:///{path}")
    prepare_demo(store)
    with store.unit_of_work() as session:
        ids = [m.id for m in session.query(MatchResult).filter_by(case_id=CASE)]
        adjudication.bulk_dismiss(session, ids, "not the same", user="alice")
    with store.unit_of_work() as session:
        link = session.get(MatchResult, ids[0]).case.ownership_links[0]  # type: ignore[union-attr]
        update_edge(
            session,
            CASE,
            link.id,
            EdgeInput(link.holder_key, link.held_key, equity_pct=55.0, source="registry"),
        )
    assess_case(store, CASE)  # the decisions changed the facts: assessed again before signing
    with store.unit_of_work() as session:
        signoff.sign_as_reviewer(session, CASE, Outcome.CLEARED, "no hit", user="alice")
    with store.unit_of_work() as session:
        signoff.approve(session, CASE, user="bob")
    store.dispose()
    yield path


@pytest.fixture
def copy(worked_case: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.sqlite3"
    shutil.copy(worked_case, target)
    return target


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)


def _verify(path: Path, *args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{path}", "audit", "verify", "--json", *args]
    )
    return result.exit_code, json.loads(result.output)


def _state(report: dict) -> list[tuple[str, str]]:
    return [(s["kind"], s["id"]) for s in report["state"]]


def _one(path: Path, sql: str) -> object:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchone()[0]


def test_the_worked_case_verifies(copy: Path) -> None:
    code, report = _verify(copy)
    assert (code, report["intact"], report["state"], report["breaks"]) == (0, True, [], [])


def test_a_decision_flipped_to_confirmed_is_named(copy: Path) -> None:
    decision = _one(copy, "SELECT min(id) FROM decisions")
    _sql(copy, f"UPDATE decisions SET outcome = 'confirmed' WHERE id = {decision}")
    code, report = _verify(copy)
    assert code == 1 and report["breaks"] == []
    assert _state(report) == [("decision", str(decision))]
    assert "outcome is 'confirmed', the log says 'dismissed'" in report["state"][0]["problem"]


def test_a_changed_reason_and_decider_are_named(copy: Path) -> None:
    decision = _one(copy, "SELECT max(id) FROM decisions")
    _sql(copy, f"UPDATE decisions SET reason = 'same', decided_by = 'bob' WHERE id = {decision}")
    _, report = _verify(copy)
    problem = report["state"][0]["problem"]
    assert "reason is 'same', the log says 'not the same'" in problem
    assert "decided_by is 'bob', the log says 'alice'" in problem


def test_a_deleted_decision_is_named(copy: Path) -> None:
    decision = _one(copy, "SELECT max(id) FROM decisions")
    _sql(copy, f"DELETE FROM decisions WHERE id = {decision}")
    _, report = _verify(copy)
    assert _state(report) == [("decision", str(decision))]
    assert "was deleted" in report["state"][0]["problem"]


def test_a_decision_with_no_record_is_named(copy: Path) -> None:
    _sql(
        copy,
        "INSERT INTO decisions (id, match_id, outcome, reason, decided_by, decided_at) "
        "VALUES (900, 1, 'confirmed', 'forged', 'bob', '2026-01-01 00:00:00')",
    )
    _, report = _verify(copy)
    assert _state(report) == [("decision", "900")]
    assert "has no audit record" in report["state"][0]["problem"]


def test_an_edited_match_status_is_named(copy: Path) -> None:
    _sql(copy, "UPDATE match_results SET status = 'confirmed' WHERE id = 2")
    _, report = _verify(copy)
    assert _state(report) == [("match", "2")]


def test_an_edited_sign_off_and_case_decision_are_named(copy: Path) -> None:
    _sql(
        copy,
        "UPDATE sign_offs SET user = 'carol' WHERE role = 'approver'",
        "UPDATE cases SET decision = 'recommend_block'",
    )
    _, report = _verify(copy)
    kinds = {kind for kind, _ in _state(report)}
    assert kinds == {"sign_off", "case"}


def test_an_edited_ownership_edge_is_named(copy: Path) -> None:
    _sql(copy, "UPDATE ownership_links SET equity_pct = 5 WHERE equity_pct = 55")
    _, report = _verify(copy)
    assert [kind for kind, _ in _state(report)] == ["ownership_link"]
    assert "equity_pct is 5.0, the log says 55.0" in report["state"][0]["problem"]


def test_cutting_the_newest_records_and_rewriting_the_head_is_caught(copy: Path) -> None:
    last = _one(copy, "SELECT max(id) FROM audit_events")
    _sql(
        copy,
        f"DELETE FROM audit_events WHERE id > {last - 3}",
        f"UPDATE settings SET value = (SELECT id || ':' || hash FROM audit_events "
        f"WHERE id = {last - 3}) WHERE key = 'audit.chain_head'",
    )
    code, report = _verify(copy)
    assert code == 1 and report["breaks"] == []  # the chain alone no longer notices
    assert {"sign_off", "case", "status_change"} <= {kind for kind, _ in _state(report)}


def test_emptying_the_log_and_the_anchor_is_caught(copy: Path) -> None:
    _sql(copy, "DELETE FROM audit_events", "DELETE FROM settings WHERE key = 'audit.chain_head'")
    code, report = _verify(copy)
    assert code == 1 and report["records"] == 0
    assert all("has no audit record" in s["problem"] for s in report["state"])
    assert {"decision", "match", "sign_off", "case", "ownership_link"} <= {
        kind for kind, _ in _state(report)
    }


def _anchor(path: Path, out: Path) -> str:
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{path}", "audit", "anchor", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_an_anchor_file_catches_a_cut_log_with_its_tables_cut_too(
    copy: Path, tmp_path: Path
) -> None:
    anchor = tmp_path / "head.anchor.json"
    # The demo database is for training: the declared name is accepted, and marked.
    assert "signed off by test.analyst (declared, not authenticated)" in _anchor(copy, anchor)
    assert _verify(copy, "--anchor", str(anchor))[0] == 0
    document = json.loads(anchor.read_text())
    _sql(
        copy,
        f"DELETE FROM audit_events WHERE id >= {document['record'] - 2}",
        "DELETE FROM settings WHERE key = 'audit.chain_head'",
    )
    _sql(
        copy,
        "INSERT INTO settings VALUES ('audit.chain_head', (SELECT max(id) || ':' || "
        "(SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) FROM audit_events))",
    )
    # The approval's rows go too, so the replay alone has nothing left to compare.
    _sql(
        copy,
        "DELETE FROM sign_offs WHERE role = 'approver'",
        "DELETE FROM status_changes WHERE to_status = 'decided'",
        "UPDATE cases SET status = 'in_review', decision = NULL",
    )
    code, report = _verify(copy, "--anchor", str(anchor))
    assert code == 1 and report["breaks"] == [] and report["state"] == []
    assert f"record {document['record']} is gone" in report["anchors"][0]


def test_a_rebuilt_chain_fails_the_head_printed_on_an_export(copy: Path, tmp_path: Path) -> None:
    from screener import audit

    out = tmp_path / "results.xlsx"
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{copy}", "export", CASE, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    import pandas as pd

    case_sheet = pd.read_excel(out, sheet_name="Case")
    head = dict(zip(case_sheet["field"], case_sheet["value"], strict=True))["audit_chain_head"]
    assert _verify(copy, "--anchor", head)[0] == 0
    # Rewrite the whole chain consistently: a decision's reason in its record and in the
    # table, every hash after it recomputed, the head moved. Chain and replay both pass.
    decision = _one(copy, "SELECT min(id) FROM decisions")
    store = open_store(f"sqlite:///{copy}")
    with store.unit_of_work() as session:
        previous = audit.GENESIS
        for event in session.query(audit.AuditEvent).order_by(audit.AuditEvent.id):
            written = (event.details or {}).get("state", {}).get("decision", {})
            if str(decision) in written:
                details = json.loads(json.dumps(event.details))
                details["reason"] = "same company"
                details["state"]["decision"][str(decision)]["reason"] = "same company"
                event.details = details
            event.prev_hash = previous
            event.hash = audit._digest(event)
            previous = event.hash
        session.flush()
        session.get(audit.Setting, audit.HEAD_ANCHOR_KEY).value = f"{event.id}:{event.hash}"  # type: ignore[union-attr]
    store.dispose()
    _sql(copy, f"UPDATE decisions SET reason = 'same company' WHERE id = {decision}")
    assert _verify(copy)[0] == 0  # inside the database, the forgery is perfect ...
    code, report = _verify(copy, "--anchor", head)
    assert code == 1 and "holds a different hash" in report["anchors"][0]  # ... not outside


def test_the_office_key_seals_every_record(
    worked_case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "office.key"
    key.write_text("a secret the database never sees\n")
    monkeypatch.setenv("SCREENER_AUDIT_KEY_FILE", str(key))
    path = tmp_path / "sealed.sqlite3"
    store = open_store(f"sqlite:///{path}")
    prepare_demo(store)
    store.dispose()
    code, report = _verify(path, "--key", str(key))
    assert (code, report["seals_checked"], report["seals"]) == (0, True, [])
    # Rewriting a record and its hash without the key leaves a seal that no longer fits.
    from screener import audit

    store = open_store(f"sqlite:///{path}")
    with store.unit_of_work() as session:
        last = session.query(audit.AuditEvent).order_by(audit.AuditEvent.id.desc()).first()
        assert last is not None
        last.actor = "mallory"
        last.hash = audit._digest(last)
        session.get(audit.Setting, audit.HEAD_ANCHOR_KEY).value = f"{last.id}:{last.hash}"  # type: ignore[union-attr]
    store.dispose()
    assert _verify(path)[0] == 0  # without the key the rewrite passes ...
    code, report = _verify(path, "--key", str(key))
    assert code == 1
    assert report["seals"] == [
        f"audit record {last.id}: its seal does not match the office key (written or "
        "rewritten without the key)"
    ]
    # ... and a log written without the key is named as unsealed.
    assert _verify(worked_case, "--key", str(key))[1]["seals"][0].startswith("audit records 1..")
