"""End to end in the window: import a deal file, screen, adjudicate, assess, sign off.

Real data throughout: the demo deal file written under a new case id with one owner renamed
to a company on the DoD 1260H list, and that list imported from ../shared/data. The
reviewer works in the window with the keyboard (Matches tab), assesses (Risk tab) and signs;
a different user approves. The audit trail must be intact at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from screener import audit
from screener.demo.case import demo_case_path
from screener.identity import DECLARED, mark_training
from screener.lists.service import import_path
from screener.models import Case, MatchResult
from screener.store import Store
from tests.conftest import SHARED_DATA
from ui.adjudication import AdjudicationPanel
from ui.app import build_window
from ui.deal_import import import_path as import_deal_into_window
from ui.signoff_dialog import SignOffDialog

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")]
CASE_ID = "E2E-2026-0001"
LISTED = "China North Industries Group Corporation Limited"


def _deal_file(tmp_path: Path) -> Path:
    data = json.loads(demo_case_path().read_text(encoding="utf-8"))
    transaction = data["transactions"][0]
    transaction["case_id"] = CASE_ID
    owner = next(p for p in transaction["parties"] if p["key"] == "CSMF")
    owner["name"] = LISTED
    owner.pop("name_original", None)
    path = tmp_path / "e2e_deal.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _tab(window, class_name: str):  # type: ignore[no-untyped-def]
    tab = next(t for t in window.case_view.tab_widgets if type(t).__name__ == class_name)
    window.case_view.tabs.setCurrentWidget(tab)
    return tab


def test_import_screen_adjudicate_assess_sign_off(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCREENER_USER", "ana.reviewer")
    with store.unit_of_work() as session:
        mark_training(session)  # one OS login playing two officers: declared names, marked
    for kind in ("warning", "critical", "information"):  # a dialog would block: fail instead
        monkeypatch.setattr(QMessageBox, kind, lambda *args: pytest.fail(str(args[1:])))
    import_path(store, SHARED_DATA / "us-dod-1260h" / "sanctions.csv")
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    # File > Import deal file: the window imports it and opens the new case
    imported = import_deal_into_window(window, _deal_file(tmp_path), modal=False)
    assert imported is not None and imported.case_ids == [CASE_ID]
    assert window.current_case_id() == CASE_ID
    window.screen_offer.done(0)  # "Later": the reviewer screens from the Matches tab below
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # screen in the Matches tab (on the thread pool), then open the case for review
    matches_tab = _tab(window, "MatchesTab")
    with qtbot.waitSignal(matches_tab.screened, timeout=120000) as screened:
        matches_tab.screen_button.click()
    assert screened.args[0].matches >= 1
    summary_tab = _tab(window, "SummaryTab")
    summary_tab.move_to("screening")
    monkeypatch.setattr(
        "ui.tabs.summary_tab.QInputDialog.getText", lambda *a, **k: ("screened", True)
    )
    summary_tab.move_to("in_review")
    window.case_view.show_case(CASE_ID)

    # adjudicate with the keyboard in the Matches tab: the 1260H company is confirmed,
    # everything else dismissed in one go with one reason
    matches_tab = _tab(window, "MatchesTab")
    panel = matches_tab.findChild(AdjudicationPanel)
    assert panel is not None, "the Matches tab embeds the adjudication controls"
    view = panel._view
    assert view is not None
    model = view.model()
    rows = {model.index(r, 0).data(panel._id_role): r for r in range(model.rowCount())}
    with store.session() as session:
        listed = session.query(MatchResult).filter_by(case_id=CASE_ID, party_key="CSMF").first()
        assert listed is not None and listed.matched_name.lower().startswith("china north")
        listed_id = listed.id
    reasons = iter(["Same company: exact name on the 1260H list", "Different company"])
    panel.ask_reason = lambda outcome, count: next(reasons)
    view.setFocus()
    view.selectRow(rows[listed_id])
    qtbot.keyClick(view, Qt.Key.Key_C)
    others = [r for match_id, r in rows.items() if match_id != listed_id]
    if others:
        view.clearSelection()
        for row in others:
            view.selectionModel().select(
                model.index(row, 0),
                view.selectionModel().SelectionFlag.Select
                | view.selectionModel().SelectionFlag.Rows,
            )
        qtbot.keyClick(view, Qt.Key.Key_D)
    with store.session() as session:
        statuses = {m.id: m.status for m in session.query(MatchResult).filter_by(case_id=CASE_ID)}
    assert statuses[listed_id] == "confirmed"
    assert all(s == "dismissed" for i, s in statuses.items() if i != listed_id)

    # assess in the Risk tab (runs on the thread pool)
    risk_tab = _tab(window, "RiskTab")
    risk_tab.assess_button.click()
    qtbot.waitUntil(lambda: risk_tab.worker is None, timeout=60000)
    with store.session() as session:
        case = session.get(Case, CASE_ID)
        assert case is not None and case.assessments, "the assessment was stored"
        tier = case.assessments[-1].tier

    # four eyes: the reviewer signs, a different approver decides
    reviewer = SignOffDialog(store, CASE_ID, window)
    qtbot.addWidget(reviewer)
    reviewer.outcome.setCurrentIndex(reviewer.outcome.findData("recommend_block"))
    reviewer.comment.setPlainText(f"1260H owner confirmed; risk tier {tier}.")
    reviewer.sign()
    monkeypatch.setenv("SCREENER_USER", "bo.approver")
    approver = SignOffDialog(store, CASE_ID, window)
    qtbot.addWidget(approver)
    assert approver.role == "approver" and approver.sign_button.isEnabled()
    approver.sign()
    window.case_view.show_case(CASE_ID)

    assert summary_tab.decision_value.text() == "Recommend block"
    history = _tab(window, "HistoryTab")
    kinds = {history.proxy.index(r, 2).data() for r in range(history.proxy.rowCount())}
    assert {"Status", "Match decision", "Sign-off", "Audit record"} <= kinds
    with store.session() as session:
        case = session.get(Case, CASE_ID)
        assert case is not None and (case.status, case.decision) == ("decided", "recommend_block")
        assert [(s.role, s.user) for s in case.sign_offs] == [
            ("reviewer", "ana.reviewer" + DECLARED),
            ("approver", "bo.approver" + DECLARED),
        ]
        assert audit.verify(session) == []
