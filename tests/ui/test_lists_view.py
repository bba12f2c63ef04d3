"""The Lists manager: import with progress and cancel, drop, search, delta, and its models."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from screener.lists.service import import_path
from screener.models import ListEntry, ListVersion
from screener.store import Store
from tests.conftest import SHARED_DATA
from ui.lists_view import ListsWindow

CONS_CSV = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
ENHANCED = SHARED_DATA / "ofac-consolidated-non-sdn" / "enhanced-xml_2025-01-10"
SDN_2024 = SHARED_DATA / "ofac-sdn-legacy-csv" / "2024-05-03_sdn-only" / "sdn.csv"


def _versions(store: Store) -> int:
    with store.session() as session:
        return session.execute(select(func.count()).select_from(ListVersion)).scalar_one()


@pytest.fixture
def window(qtbot, store: Store) -> ListsWindow:  # type: ignore[no-untyped-def]
    view = ListsWindow(store)
    qtbot.addWidget(view)
    return view


def test_import_runs_in_worker_and_shows_the_version(qtbot, window: ListsWindow) -> None:  # type: ignore[no-untyped-def]
    window.start_import(CONS_CSV)
    assert window.worker is not None and not window.import_file_button.isEnabled()
    qtbot.waitUntil(lambda: window.worker is None, timeout=60000)
    assert window.worker is None and window.import_file_button.isEnabled()
    assert window.versions.rowCount() == 1
    row = window.versions.rows[0]
    assert (row["source"], row["entry_count"], row["is_active"]) == ("OFAC-CONSOLIDATED", 442, True)
    assert "442 entries" in window.status_label.text()
    assert window.entries.rowCount() == 442  # the new version is selected and browsed


def test_cancel_leaves_nothing(qtbot, window: ListsWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    window.start_import(SDN_2024)
    assert window.worker is not None
    window.cancel_import()
    qtbot.waitUntil(lambda: window.worker is None, timeout=60000)
    assert "cancelled" in window.status_label.text()
    assert _versions(store) == 0
    with store.session() as session:
        assert session.execute(select(func.count()).select_from(ListEntry)).scalar_one() == 0


def test_bad_file_reports_and_changes_nothing(
    qtbot, window: ListsWindow, store: Store, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    broken = tmp_path / "sdn.csv"
    broken.write_bytes(SDN_2024.read_bytes()[:3000])
    window.start_import(broken)
    qtbot.waitUntil(lambda: window.worker is None, timeout=60000)
    assert shown and "sdn.csv" in shown[0] and "row" in shown[0]
    assert "nothing was changed" in window.status_label.text()
    assert _versions(store) == 0


def test_drop_a_folder_imports_it(qtbot, window: ListsWindow) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SHARED_DATA / "us-dod-1260h"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.worker is None, timeout=60000)
    assert window.versions.rows[0]["source"] == "US-DOD-1260H"


def test_search_and_entry_detail(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    import_path(store, ENHANCED)
    view = ListsWindow(store)
    qtbot.addWidget(view)
    assert view.entries.rowCount() == 443
    view.search_edit.setText("ВТБ")  # a Cyrillic name in the enhanced XML
    view.run_search()
    assert view.entries.rowCount() >= 1
    view.entries_view.selectRow(0)
    text = view.detail.toPlainText()
    assert "VTB" in text and "cyrillic" in text
    view.search_edit.setText("17013")
    view.run_search()
    assert [r.entry_key for r in view.entries.rows] == ["17013"]
    view.entries_view.selectRow(0)
    assert "253400V1H6ART1UQ0N98" in view.detail.toPlainText()


def _entry_detail(qtbot, store: Store, file: Path, search: str) -> str:  # type: ignore[no-untyped-def]
    """The Lists window's detail of the first entry found by `search` in `file`, imported."""
    import_path(store, file)
    view = ListsWindow(store)
    qtbot.addWidget(view)
    view.search_edit.setText(search)
    view.run_search()
    view.entries_view.selectRow(0)
    return view.detail.toPlainText()


def test_an_opensanctions_entry_shows_the_official_lists_it_is_on(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    file = SHARED_DATA / "opensanctions-ftm" / "zala_entities.ftm.json"
    text = _entry_detail(qtbot, store, file, "NK-nR5AXM9AVPq4pQaSPSaVam")
    assert "JSC Kalashnikov Concern" in text
    lists = next(line for line in text.splitlines() if line.startswith("Official lists"))
    assert {"us_ofac_sdn", "eu_fsf", "gb_fcdo_sanctions"} <= set(lists.split(": ")[1].split(", "))


def test_delta_between_two_versions(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    import_path(store, CONS_CSV)
    import_path(store, ENHANCED)
    view = ListsWindow(store)
    qtbot.addWidget(view)
    view._select_version(2)
    assert view.to_combo.currentData() == 2 and view.from_combo.currentData() == 1
    view.compare()
    qtbot.waitUntil(lambda: view.changes.rowCount() > 0, timeout=60000)
    assert view.changes.rowCount() == 443
    assert "1 added" in view.delta_label.text()
    kinds = {row["kind"] for row in view.changes.rows}
    assert kinds == {"added", "changed"}
    added = next(i for i, row in enumerate(view.changes.rows) if row["kind"] == "added")
    view.delta_view.selectRow(view.delta_proxy.mapFromSource(view.changes.index(added, 0)).row())
    assert view.changes.rows[added]["name"] in view.change_detail.toPlainText()


def test_models_pass_the_model_tester(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    import_path(store, CONS_CSV)
    view = ListsWindow(store)
    qtmodeltester.check(view.versions)
    qtmodeltester.check(view.entries)
    qtmodeltester.check(view.changes)
    view.close()


def test_main_window_has_lists_action(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    main = MainWindow(store)
    qtbot.addWidget(main)
    actions = [a for a in main.lists_menu.actions() if a.text().replace("&", "") == "Lists…"]
    assert actions and actions[0].isEnabled()


def test_use_an_earlier_version_for_screening(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from screener.models import AuditEvent

    import_path(store, CONS_CSV)
    import_path(store, ENHANCED)
    view = ListsWindow(store)
    qtbot.addWidget(view)
    view._select_version(2)
    assert not view.use_button.isEnabled()  # already in use
    view._select_version(1)
    assert view.use_button.isEnabled()
    qtbot.mouseClick(view.use_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        active = {v.id: v.is_active for v in session.execute(select(ListVersion)).scalars()}
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "list.use_version")
        ).scalar_one()
    assert active == {1: True, 2: False}
    assert event.object_id == "1"
    assert "now uses version v1" in view.status_label.text()
    assert not view.use_button.isEnabled()


def test_import_from_the_window_rescreens_open_cases(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from screener.demo.case import ensure_demo_case
    from screener.models import Case
    from ui.main_window import MainWindow

    case_id = ensure_demo_case(store)
    main = MainWindow(store)
    qtbot.addWidget(main)
    next(a for a in main.lists_menu.actions() if a.text().replace("&", "") == "Lists…").trigger()
    lists_window = main.lists_window
    with qtbot.waitSignal(lists_window.version_imported, timeout=60000):
        lists_window.start_import(SHARED_DATA / "us-dod-1260h" / "sanctions.csv")
    qtbot.waitUntil(lambda: getattr(main, "rescreen_worker", None) is None, timeout=60000)
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.has_new_hits


def test_sorting_covers_every_entry_not_only_the_rows_loaded(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    import_path(store, SHARED_DATA / "un-consolidated" / "UN_consolidated.xml")
    view = ListsWindow(store)
    qtbot.addWidget(view)
    with store.session() as session:
        names = sorted(session.execute(select(ListEntry.primary_name)).scalars())
    assert len(names) > 500 and view.entries.rowCount() == 500  # more than the window loads
    assert view.entries.rows[0].primary_name == names[0]
    view.entries_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # a click on "Name"
    shown = [view.entries_proxy.index(r, 0).data() for r in range(3)]
    assert shown == names[::-1][:3], "the last names of the whole list, not of the 500 loaded"
    assert "500 of " in view.entries_label.text()


def test_a_denied_person_shows_when_the_order_ends(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    """The 2023 DPL still names a person whose denial order ran out on 2026-03-13; the entry
    said nothing of it (the order's dates were kept, not shown)."""
    file = SHARED_DATA / "us-bis-denied-persons" / "dpl.txt"
    text = _entry_detail(qtbot, store, file, "ABDUL MAJID SAIDI")
    assert "ABDUL MAJID SAIDI" in text and "not stated · DPL" in text  # the DPL types nobody
    passed = " (passed)" if date.today() > date(2026, 3, 13) else ""
    assert f"Listing ends: 2026-03-13{passed}" in text, text
