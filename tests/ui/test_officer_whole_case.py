"""One whole case as an officer works it, on the real actions, and every screen says the same.

File > Import deal file (the KOMID deal), the import's own "Screen now", keyboard decisions in
Matches, Assess in Risk, the sign-off dialog as two users, Case > Memo. At each step the
case list, the case header, the Summary, the Dashboard and the memo must agree on the
status, the decision and the next obligation. Screenshots go to SCREENER_SHOTS when set.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from screener.identity import mark_training
from screener.lists.service import import_path
from screener.models import Case
from screener.store import Store
from screener.workflow.obligation import next_obligation
from tests.conftest import SHARED_DATA
from tests.ui.test_screening_state_ui import CASE_ID, komid_deal
from ui.adjudication import AdjudicationPanel
from ui.app import build_window
from ui.dashboard import Dashboard
from ui.deal_import import import_path as import_deal_into_window
from ui.obligation_text import long_text, short_text
from ui.signoff_dialog import SignOffDialog

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")]


def _tab(window, name: str):  # type: ignore[no-untyped-def]
    tab = next(t for t in window.case_view.tab_widgets if type(t).__name__ == name)
    window.case_view.tabs.setCurrentWidget(tab)
    return tab


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("SCREENER_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _agree(window, store: Store) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The case list, header and Summary say the same status and next obligation."""
    window.refresh_cases()
    window.case_view.show_case(CASE_ID)
    with store.session() as session:
        case = session.get(Case, CASE_ID)
        assert case is not None
        case.status_changes  # noqa: B018
        obligation = next_obligation(case)
    row = window.case_model.row_of(CASE_ID)
    assert row is not None
    listed_status = window.case_model.index(row, 2).data()
    listed_due = window.case_model.index(row, 5).data()
    header = window.case_view.header.values
    summary = window.case_view.tab_widgets[0]
    assert listed_due == short_text(obligation)
    assert header["Next due"].text() == long_text(obligation)
    assert summary.obligation_label.text() == f"Next: {long_text(obligation)}"
    assert header["Status"].text().startswith(listed_status)
    assert summary.state_value.text() == listed_status
    dashboard = Dashboard(store)
    dashboard.open_only.setChecked(False)
    rows = {
        dashboard.proxy.index(r, 0).data().split(" ")[0]: r
        for r in range(dashboard.proxy.rowCount())
    }
    dash_row = rows[CASE_ID]
    assert dashboard.proxy.index(dash_row, 2).data() == header["Status"].text()
    due = dashboard.proxy.index(dash_row, 5).data()
    assert due == (obligation.due.isoformat() if obligation.due else "—")
    dashboard.deleteLater()
    return header["Status"].text(), long_text(obligation)


def test_an_officer_works_the_komid_case_end_to_end(
    qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCREENER_USER", "ana.reviewer")
    with store.unit_of_work() as session:
        mark_training(session)  # one OS login playing two officers: declared names, marked
    import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
    # the UK list cites UN numbers: KOMID on both is one listed entity, decided once
    import_path(store, SHARED_DATA / "uk-ofsi-consolidated-list" / "UK_Sanctions_List.xlsx")
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)

    # File > Import deal file, then the import's own offer: Screen now
    import_deal_into_window(window, komid_deal(tmp_path), modal=False)
    _shot(window.screen_offer, "1_offer")
    matches = _tab(window, "MatchesTab")
    with qtbot.waitSignal(matches.screened, timeout=120000):
        window.screen_offer_button.click()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    status, due = _agree(window, store)
    assert status == "In review" and "CFIUS review period due" in due
    _shot(window, "2_screened")

    # Matches: one row per listed entity; the Summary counts the same
    matches = _tab(window, "MatchesTab")
    entities = matches.proxy.rowCount()
    assert matches.count.text().startswith(f"{entities} listed entit")
    komid_lists = [
        matches.proxy.index(r, 3).data()
        for r in range(entities)
        if matches.proxy.index(r, 2).data().upper().startswith("KOREA MINING DEVELOPMENT")
    ]
    assert komid_lists == ["UK-OFSI · UN-SC"], komid_lists  # one row, both lists
    summary_tab = _tab(window, "SummaryTab")
    shown = summary_tab.matches_value.text()
    assert sum(int(n) for n in re.findall(r"(\d+) ", shown)) == entities, shown
    matches = _tab(window, "MatchesTab")

    # Matches: KOMID confirmed with C, the rest dismissed with D
    panel = matches.findChild(AdjudicationPanel)
    view = panel._view
    model = view.model()
    rows = {model.index(r, 0).data(panel._id_role): r for r in range(model.rowCount())}
    komid = next(
        model.index(r, 0).data(panel._id_role)
        for r in range(model.rowCount())
        if model.index(r, 2).data().upper().startswith("KOREA MINING DEVELOPMENT")
    )
    reasons = iter(["Same company: KOMID on the UN list", "Different company"])
    panel.ask_reason = lambda outcome, count: next(reasons)
    view.setFocus()
    view.selectRow(rows[komid])
    qtbot.keyClick(view, Qt.Key.Key_C)
    others = [r for match_id, r in rows.items() if match_id != komid]
    if others:
        view.clearSelection()
        flags = view.selectionModel().SelectionFlag
        for row in others:
            view.selectionModel().select(model.index(row, 0), flags.Select | flags.Rows)
        qtbot.keyClick(view, Qt.Key.Key_D)
    _shot(window, "3_adjudicated")

    # Risk: Assess
    risk = _tab(window, "RiskTab")
    risk.assess_button.click()
    qtbot.waitUntil(lambda: risk.worker is None, timeout=60000)
    _shot(window, "4_assessed")

    # Sign off as two users; "Cleared" is refused while KOMID is confirmed? It is the
    # reviewer's call: the reviewer recommends a block, a second officer approves.
    reviewer = SignOffDialog(store, CASE_ID, window)
    qtbot.addWidget(reviewer)
    reviewer.outcome.setCurrentIndex(reviewer.outcome.findData("recommend_block"))
    assert reviewer.sign_button.isEnabled(), reviewer.problems.text()
    reviewer.comment.setPlainText("The acquirer is KOMID, designated by the UN.")
    reviewer.sign()
    monkeypatch.setenv("SCREENER_USER", "bo.approver")
    approver = SignOffDialog(store, CASE_ID, window)
    qtbot.addWidget(approver)
    assert approver.sign_button.isEnabled(), approver.problems.text()
    approver.sign()
    status, due = _agree(window, store)
    assert status == "Decided (Recommend block)"
    assert due.startswith("Closed on ")
    _shot(window, "5_decided")

    # Case > Memo: the memo says the same
    window.memo_action.trigger()
    dialog = window.memo_dialog
    qtbot.waitUntil(lambda: dialog.rendered is not None, timeout=120000)
    _shot(dialog, "6_memo")
    pages = [
        re.sub(r"\s+", " ", p.extract_text() or "")
        for p in PdfReader(io.BytesIO(dialog.rendered.pdf)).pages
    ]
    text = " ".join(pages)
    assert "Decided" in pages[0] and "Recommend block" in pages[0]
    assert f"{entities} potential matches: 1 confirmed" in text  # the Matches tab's count
    assert "Recommend block: signed by the reviewer ana.reviewer" in text  # (declared)
    assert "Reasoning: The acquirer is KOMID, designated by the UN." in text
    assert "No recommendation has been recorded" not in text
    assert "NOT SCREENED" not in text and "NOT ASSESSED" not in text
    assert all("Closed on " in page for page in pages)
    assert "overdue" not in text
