"""The review screens with real data: adjudication by keyboard, sign-off, dashboard, audit check."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QTableView, QVBoxLayout, QWidget
from sqlalchemy import text

from screener import audit
from screener.identity import mark_training
from screener.models import Assessment, Case, MatchResult
from screener.store import Store
from screener.workflow import adjudication, lifecycle
from tests.factory import (
    make_case,
    make_entry,
    make_match,
    make_version,
    mark_screened,
)
from ui.adjudication import AdjudicationPanel, ReasonDialog
from ui.dashboard import ROW_COLOURS, Dashboard
from ui.signoff_dialog import SignOffDialog
from ui.tabs.history_tab import HistoryTab
from ui.tabs.notes_tab import NotesTab
from ui.tabs.summary_tab import SummaryTab

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")


def _case_with_matches(store: Store, count: int = 3) -> list[int]:
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        version = make_version(session)
        return [
            make_match(session, case, make_entry(session, version, f"E{n}", f"NORTHERN {n}")).id
            for n in range(count)
        ]


def _status(store: Store, match_id: int) -> str:
    with store.session() as session:
        match = session.get(MatchResult, match_id)
        assert match is not None
        return match.status


class MatchesHost(QWidget):
    """Stands in for the Matches tab: a table of match ids with the panel bound to it."""

    def __init__(self, store: Store, match_ids: list[int]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.table = QTableView(self)
        model = QStandardItemModel(0, 1, self)
        for match_id in match_ids:
            item = QStandardItem(f"match {match_id}")
            item.setData(match_id, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        self.table.setModel(model)
        layout.addWidget(self.table)
        self.panel = AdjudicationPanel(store, self)
        self.panel.bind_view(self.table)
        self.panel.install_shortcuts(self)  # as the Matches tab does: replaces, never doubles
        layout.addWidget(self.panel)


@pytest.fixture
def host(qtbot, store: Store):  # type: ignore[no-untyped-def]
    ids = _case_with_matches(store)
    widget = MatchesHost(store, ids)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.table.setFocus()
    widget.table.selectRow(0)
    widget.ids = ids  # type: ignore[attr-defined]
    return widget


def test_keyboard_next_previous_confirm_dismiss_unsure(qtbot, host, store: Store) -> None:  # type: ignore[no-untyped-def]
    reasons = iter(["Same LEI as the listed entity", "Different country", ""])
    host.panel.ask_reason = lambda outcome, count: next(reasons)
    table, ids = host.table, host.ids
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_P)
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_C)
    assert _status(store, ids[0]) == "confirmed"
    assert table.currentIndex().row() == 1  # moves on after a decision
    qtbot.keyClick(table, Qt.Key.Key_D)
    assert _status(store, ids[1]) == "dismissed"
    qtbot.keyClick(table, Qt.Key.Key_U)  # the reason dialog was cancelled
    assert _status(store, ids[2]) == "pending"


def test_bulk_dismiss_with_one_reason(qtbot, host, store: Store) -> None:  # type: ignore[no-untyped-def]
    asked: list[int] = []
    host.panel.ask_reason = lambda outcome, count: asked.append(count) or "Common words only"
    host.table.selectAll()
    assert "3" in host.panel.dismiss_button.text()
    assert not host.panel.confirm_button.isEnabled()
    qtbot.keyClick(host.table, Qt.Key.Key_D)
    assert asked == [3]
    assert [_status(store, i) for i in host.ids] == ["dismissed"] * 3


def test_a_concurrent_decision_is_reported_not_overwritten(
    qtbot, host, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    host.panel.ask_reason = lambda outcome, count: "Looks the same"
    with store.unit_of_work() as session:  # another reviewer, after ours loaded the match
        adjudication.decide_match(session, host.ids[0], "dismiss", "Different", user="bo")
    qtbot.keyClick(host.table, Qt.Key.Key_C)
    assert warnings and "changed by someone else" in warnings[0]
    assert _status(store, host.ids[0]) == "dismissed"


def test_the_reason_dialog_refuses_an_empty_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReasonDialog("Dismiss", "Why?")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.text.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.preset.setCurrentIndex(1)
    assert ok.isEnabled() and dialog.reason()


def test_sign_off_dialog_enforces_four_eyes(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ids = _case_with_matches(store, 1)
    with store.unit_of_work() as session:
        mark_training(session)  # one OS login playing two people: declared names, marked
        adjudication.decide_match(session, ids[0], "dismiss", "Different company")
        case = session.get(Case, "C-1")
        assert case is not None
        mark_screened(session, case)
    monkeypatch.setenv("SCREENER_USER", "ana")
    reviewer = SignOffDialog(store, "C-1")
    qtbot.addWidget(reviewer)
    reviewer.outcome.setCurrentIndex(reviewer.outcome.findData("cleared"))
    assert reviewer.sign_button.isEnabled()
    reviewer.sign()
    same_person = SignOffDialog(store, "C-1")
    qtbot.addWidget(same_person)
    assert same_person.role == "approver"
    assert not same_person.sign_button.isEnabled()
    assert "Four eyes" in same_person.problems.text()
    monkeypatch.setenv("SCREENER_USER", "bo")
    approver = SignOffDialog(store, "C-1")
    qtbot.addWidget(approver)
    approver.sign()
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None and (case.status, case.decision) == ("decided", "cleared")


def test_sign_off_dialog_lists_what_blocks(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    _case_with_matches(store, 2)
    dialog = SignOffDialog(store, "C-1")
    qtbot.addWidget(dialog)
    assert not dialog.sign_button.isEnabled()
    assert "2 screening matches are still undecided" in dialog.problems.text()


def test_dashboard_highlights_overdue_cases(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as session:
        make_case(session, "LATE", jurisdictions=["JP"], filing_date=date.today() - timedelta(40))
        make_case(session, "FINE", jurisdictions=["US"], filing_date=date.today())
        make_case(session, "DONE", status="decided", decision="cleared")
        session.add(Assessment(case_id="FINE", pack_hash="0" * 64, tier="High", total_score=82))
    dashboard = Dashboard(store)
    qtbot.addWidget(dashboard)
    assert dashboard.count_labels["overdue"].text() == "1"
    assert dashboard.count_labels["in_review"].text() == "2"
    assert dashboard.proxy.rowCount() == 2  # open cases only
    first = dashboard.proxy.index(0, 0)
    assert first.data(Qt.ItemDataRole.UserRole) == "LATE"  # sorted by due date
    colour = first.data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert colour == ROW_COLOURS["overdue"]
    assert dashboard.proxy.index(1, 3).data() == "High (82)"  # tier from the latest assessment
    dashboard.open_only.setChecked(False)
    assert dashboard.proxy.rowCount() == 3
    with qtbot.waitSignal(dashboard.case_activated) as activated:
        dashboard.table.doubleClicked.emit(first)
    assert activated.args == ["LATE"]


def test_summary_tab_shows_clocks_and_moves_the_case(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as session:
        make_case(session, "C-9", jurisdictions=["US"], filing_date=date.today() - timedelta(50))
    tab = SummaryTab(store)
    qtbot.addWidget(tab)
    tab.show_case("C-9")
    clock = tab.findChild(type(tab.state_value), "clock_cfius-review")
    assert clock is not None and "due" in clock.text()
    assert tab.obligation_label.text().startswith("Next: CFIUS review period due ")
    assert re.search(r": 5 day(s|\(s\))? overdue$", tab.obligation_label.text())
    assert "#b42318" in tab.obligation_label.styleSheet()
    monkeypatch.setattr(
        "ui.tabs.summary_tab.QInputDialog.getText", lambda *a, **k: ("SDN owner found", True)
    )
    tab.move_to("escalated")
    assert tab.state_value.text() == "Escalated"
    history = HistoryTab(store)
    qtbot.addWidget(history)
    history.show_case("C-9")
    texts = [history.proxy.index(r, 4).data() for r in range(history.proxy.rowCount())]
    assert "SDN owner found" in texts


def test_notes_are_added_and_audited(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as session:
        make_case(session, "C-1")
    tab = NotesTab(store)
    qtbot.addWidget(tab)
    tab.show_case("C-1")
    assert not tab.add_button.isEnabled()
    tab.editor.setPlainText("Asked the filer for the SPV register.")
    tab.add_button.click()
    assert "SPV register" in tab.history.toPlainText()
    with store.session() as session:
        assert audit.events_for_case(session, "C-1")[-1].action == "note.added"


def test_verify_audit_trail_action_names_the_tampered_record(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.app import build_window
    from ui.review_actions import verify_audit_trail

    with store.unit_of_work() as session:
        make_case(session, "C-1")
        for n in range(3):
            lifecycle.assign(session, "C-1", f"reviewer{n}")
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    assert window.verify_audit_action.text() == "&Verify audit trail"
    assert verify_audit_trail(window, show=False)[0]
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events WHERE id = 2"))
    intact, message = verify_audit_trail(window, show=False)
    assert not intact and "audit record 2: record 2 is missing (deleted)" in message


def test_start_up_with_the_demo_case_writes_an_intact_audit_trail(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.app import build_window
    from ui.review_actions import verify_audit_trail

    window = build_window(store)
    qtbot.addWidget(window)
    demo_id = window.current_case_id()
    assert demo_id is not None
    with store.session() as session:
        actions = [e.action for e in audit.events_for_case(session, demo_id)]
    assert "case.imported" in actions
    intact, message = verify_audit_trail(window, show=False)
    assert intact, message


def test_rescreen_action_flags_open_cases_with_new_hits(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.app import build_window
    from ui.review_actions import rescreen_new_list_versions

    with store.unit_of_work() as session:
        make_case(session, "OPEN-1", parties=[{"key": "acq", "name": "Northern Minerals Ltd"}])
        make_entry(session, make_version(session), "E1", "NORTHERN MINERALS LTD")
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    rescreen_new_list_versions(window, show=False)
    qtbot.waitUntil(lambda: window.rescreen_worker is None, timeout=60000)
    assert "OPEN-1" in window.statusBar().currentMessage()
    with store.session() as session:
        case = session.get(Case, "OPEN-1")
        assert case is not None and case.has_new_hits
