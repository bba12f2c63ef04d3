"""Tables and small messages that read right (issue 26): rows in view on a laptop, short
entry keys, the long column stretched, one word "Status", what greys a button, where a
template went."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from screener.models import Case
from screener.store import Store
from tests.factory import make_case, make_entry, make_match, make_version
from ui.app import build_window
from ui.deal_import import save_template_to
from ui.tabs.matches_tab import MatchesTab


def _case_with_matches(store: Store, n: int) -> None:
    with store.unit_of_work() as session:
        case = make_case(session, "C-1", status="new")
        version = make_version(session, "Entity List (EL) - Bureau of Industry and Security")
        for i in range(n):
            key = f"Entity List (EL) - Bureau of Industry and Security:{i:04d}4f3a9c0d1e2f3a4b"
            make_match(session, case, make_entry(session, version, key, f"NORTHERN MINERAL {i}"))


def test_the_matches_table_shows_eight_rows_on_a_1366_by_768_screen(
    qtbot, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _case_with_matches(store, 12)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    window.select_case("C-1")
    matches = window.case_view.tab(MatchesTab)
    window.case_view.tabs.setCurrentWidget(matches)
    qtbot.wait(50)
    table = matches.table
    assert table.viewport().height() // table.rowHeight(0) >= 8
    entry = matches.proxy.index(0, 4)
    assert entry.data() == "EL:00004f3a…" or entry.data().startswith("EL:")
    assert len(entry.data()) <= 14
    assert entry.data(Qt.ItemDataRole.ToolTipRole).startswith("Entity List (EL)")
    window.grab().save(str(tmp_path / "matches_1366.png"))


def test_status_reads_the_same_everywhere_and_a_greyed_sign_off_says_why(
    qtbot, store: Store
) -> None:  # type: ignore[no-untyped-def]
    _case_with_matches(store, 1)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.select_case("C-1")
    summary = window.case_view.tab_widgets[0]
    assert not summary.sign_button.isEnabled()
    assert "only a case in review or escalated can be signed" in summary.sign_button.toolTip()
    assert window.status_filter.itemText(0) == "All statuses"
    with store.unit_of_work() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        case.status, case.decision = "decided", "recommend_block"
    window.case_view.show_case("C-1")
    assert window.case_view.header.values["Status"].text() == "Decided (Recommend block)"
    assert summary.decision_value.text() == "Recommend block"


def test_history_and_risk_stretch_their_long_column(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    history = next(t for t in window.case_view.tab_widgets if type(t).__name__ == "HistoryTab")
    risk = next(t for t in window.case_view.tab_widgets if type(t).__name__ == "RiskTab")
    stretch = QHeaderView.ResizeMode.Stretch
    assert history.table.horizontalHeader().sectionResizeMode(4) == stretch  # reason
    assert risk.table.horizontalHeader().sectionResizeMode(4) == stretch  # rule title


def test_saving_the_template_says_where(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    target = tmp_path / "my_template.xlsx"
    assert save_template_to(window, target) and target.exists()
    assert window.statusBar().currentMessage() == f"Template saved to {target}"


def test_the_issues_of_a_csv_folder_name_the_csv_file_not_the_folder(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from screener.deals.issues import Issue
    from ui.deal_import import IssuesDialog

    folder = tmp_path / "deal_folder"
    folder.mkdir()
    issue = Issue("error", "parties.csv", "parties", 3, "name", "the name is empty")
    dialog = IssuesDialog("x", [issue], None, folder)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "parties.csv"
    assert dialog.table.item(0, 2).text() == "row 3, column 'name'"
    in_sheet = Issue("error", "deal.xlsx", "parties", 3, "name", "the name is empty")
    sheet = IssuesDialog("x", [in_sheet], None, tmp_path / "deal.xlsx")
    qtbot.addWidget(sheet)
    assert sheet.table.item(0, 1).text() == "deal.xlsx"
    assert sheet.table.item(0, 2).text() == "sheet 'parties', row 3, column 'name'"
    whole = Issue("error", "deal.xlsx", "", None, None, "the file is empty")
    file_level = IssuesDialog("x", [whole], None, tmp_path / "deal.xlsx")
    qtbot.addWidget(file_level)
    assert file_level.table.item(0, 2).text() == "—", "never sheet ''"
