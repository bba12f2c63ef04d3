"""The workflow's refusals and the History tab's records read in Japanese in the Japanese window.

screener/ raises its refusals as English templates with their values apart; every template
it raises must be declared in ui/error_text.py and translated with the same fields, and the
dialog an officer sees says it in Japanese with the case's states by their Japanese labels.
A re-screen's record in History says its keys and each match's status in words, not codes.
"""

from __future__ import annotations

import ast
import re
import sqlite3
import string
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from screener import db_failures
from screener.office.roles import ACTIONS
from screener.store import Store
from screener.workflow import lifecycle, rescreen
from tests.conftest import REPO
from tests.factory import make_case, make_entry, make_match, make_version
from ui import database_failure, i18n
from ui.error_text import (
    CONTEXT,
    DATABASE_TEMPLATES,
    REFUSED_DOINGS,
    TEMPLATES,
    error_text,
    refusal_text,
)
from ui.tabs.history_tab import load_history
from ui.workflow_action import run_change

ERRORS = {"WorkflowError", "NotFoundError", "ConcurrentEditError"}


def _raised_templates() -> dict[str, str]:
    """Each template screener/ raises a workflow error with -> where (a literal, or a problem)."""
    found: dict[str, str] = {}
    for path in sorted((REPO / "screener").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS:
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found[first.value] = where
                else:
                    found[f"<not a literal template at {where}>"] = where
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[QApplication]:
    assert i18n.install_translators(qapp, "ja") == "ja"
    yield qapp
    i18n.install_translators(qapp, "en")


def test_every_raised_template_is_declared_and_translated_with_its_fields(
    japanese: QApplication,
) -> None:
    raised = _raised_templates()
    assert len(raised) >= 20
    undeclared = {t: where for t, where in raised.items() if t not in TEMPLATES}
    assert undeclared == {}, "declare these in ui/error_text.py and translate them"
    for template in raised:
        said = QCoreApplication.translate(CONTEXT, template)
        assert said != template and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", said), template
        assert _fields(said) == _fields(template), template


def _case_in_new(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1", status="new")


def test_a_refused_move_reads_in_japanese_with_the_states_labels(
    japanese: QApplication, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case_in_new(store)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))

    def escalate(session):  # type: ignore[no-untyped-def]
        return lifecycle.change_status(session, "C-1", "escalated")

    assert run_change(None, store, escalate) is None
    assert shown == [
        ("実行できません", "案件 C-1 は「新規」から「エスカレーション」へ移せません。")
    ]


def test_the_english_window_and_the_cli_keep_the_english_sentence(store: Store) -> None:
    _case_in_new(store)
    with pytest.raises(lifecycle.WorkflowError) as refused, store.unit_of_work() as session:
        lifecycle.change_status(session, "C-1", "escalated")
    assert str(refused.value) == "Case C-1 cannot move from New to Escalated."
    assert error_text(refused.value) == str(refused.value)


def test_a_rescreen_record_reads_in_japanese_in_history(
    japanese: QApplication, store: Store
) -> None:
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        version = make_version(session)
        match = make_match(session, case, make_entry(session, version, "E1", "ACME HOLDINGS"))
        session.flush()
        rescreen._record_rescreen(session, case, version, [match], 1)
        rescreen._record_rescreen(session, case, version, [match], 1, why="new membership")
    with store.session() as session:
        rows = [row for row in load_history(session, "C-1") if "再スクリーニング" in row.what]
    assert len(rows) == 2
    details = [row.details for row in rows]
    assert all("リスト版: " in d and "出典: OFAC SDN" in d for d in details), details
    assert "照合結果: " in details[0] and "(未判定)" in details[0], details[0]
    assert "(新たなリスト掲載)" in details[1], details[1]
    assert "pending" not in " ".join(details) and "new membership" not in " ".join(details)
    assert "新たに確認が必要: 1" in details[0]


def test_every_refusal_the_server_words_is_declared_and_translated(japanese: QApplication) -> None:
    office = "".join(
        p.read_text(encoding="utf-8") for p in (REPO / "screener" / "office").glob("*.py")
    )
    doings = set(re.findall(r"screener_require_role\('[a-z_]+', '([^']+)'\)", office))
    assert len(doings) >= 7
    titles = {action.title for action in ACTIONS.values()}
    assert doings | titles <= set(REFUSED_DOINGS)
    for said in doings | titles:
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", QCoreApplication.translate(CONTEXT, said))


def test_the_servers_refusals_read_in_japanese(japanese: QApplication) -> None:
    trigger = "deciding a match needs the reviewer role; officer_alice does not hold it"
    assert refusal_text(trigger) == (
        "照合結果の判定には reviewer の役割が必要です。officer_alice はこの役割を持っていません"
    )
    grant = (
        f"{ACTIONS['activate_rules'].needs()} (permission denied for table rule_pack_activations)"
    )
    assert refusal_text(grant) == (
        "ルールパックの保存・有効化には rules_admin の役割が必要です "
        "(permission denied for table rule_pack_activations)"
    )
    unknown = "case C-1 is decided only by its approver's sign-off"
    assert refusal_text(unknown) == unknown  # a sentence not of the two shapes: as the server said


def _database_templates() -> set[str]:
    """Every sentence screener.db_failures can say: literal templates and its two tables."""
    source = (REPO / "screener" / "db_failures.py").read_text(encoding="utf-8")
    found = set(db_failures._SERVER_STATES.values())
    found |= {said for _, said in db_failures._CONNECT_REFUSALS}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Sentence", "_at"):
            args = node.args[1:3] if node.func.id == "_at" else node.args[:1]  # type: ignore[attr-defined]
            found |= {a.value for a in args if isinstance(a, ast.Constant)}
    return found - {"{line}"}  # a conflict's own line, already in the words it was raised in


def test_every_database_sentence_is_declared_and_translated(japanese: QApplication) -> None:
    templates = _database_templates()
    assert len(templates) >= 30
    assert templates <= set(DATABASE_TEMPLATES), templates - set(DATABASE_TEMPLATES)
    for template in templates:
        said = QCoreApplication.translate(CONTEXT, template)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", said), template
        assert _fields(said) == _fields(template), template


def test_a_busy_database_file_is_one_japanese_line_in_the_dialog(
    japanese: QApplication, qtbot
) -> None:  # type: ignore[no-untyped-def]
    locked = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    english = db_failures.describe_failure(locked, "/data/office.sqlite3")
    assert english is not None and english.startswith("The database file /data/office.sqlite3 was")
    assert database_failure.explain(None, locked)
    dialog = database_failure.visible_dialog()
    assert dialog is not None
    seconds = db_failures.LOCK_WAIT_SECONDS
    assert dialog.text() == (
        f"データベースファイルは他の書き込みで {seconds} 秒以上使用中でした (ロックのタイムアウト)。"
        "何も保存されていません。もう一度お試しください。"
    )
    dialog.close()
