"""The window a new user sees: it opens on the demo case and shows its details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from screener.models import Case
from screener.store import Store
from ui.app import build_window
from ui.case_list_model import CaseListModel


def test_window_opens_on_the_demo_case(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store)
    qtbot.addWidget(window)
    window.show()
    assert window.case_model.rowCount() >= 1
    demo_id = window.current_case_id()
    assert demo_id is not None
    with store.session() as session:
        demo = session.get(Case, demo_id)
        assert demo is not None
        title = demo.title
    assert title in window.case_view.header.title.text()
    assert window.case_view.tabs.isEnabled()


def test_selecting_a_case_shows_it_and_search_filters(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as session:
        session.add(Case(id="SCR-X-1", title="Tungsten mine stake", jurisdictions=["JP"]))
        session.add(Case(id="SCR-X-2", title="Magnet recycler", status="escalated"))
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    assert window.select_case("SCR-X-2")
    assert "Magnet recycler" in window.case_view.header.title.text()
    window.search_box.setText("tungsten")
    assert window.case_proxy.rowCount() == 1
    window.search_box.clear()
    window.status_filter.setCurrentIndex(window.status_filter.findData("escalated"))
    assert window.case_proxy.rowCount() == 1
    assert window.case_proxy.index(0, 0).data(Qt.ItemDataRole.UserRole) == "SCR-X-2"


def test_case_list_model_is_a_valid_qt_model(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as session:
        session.add(Case(id="SCR-M-1", title="Lithium refinery"))
    model = CaseListModel(store)
    model.reload()
    qtmodeltester.check(model)


def test_unusable_database_gets_a_dialog_not_a_traceback(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 64)
    assert app_module.run(["--db", f"sqlite:///{junk}"]) == 2
    assert shown and str(junk) in shown[0]
    assert junk.read_bytes().startswith(b"not a database")


def test_a_declared_name_is_said_to_be_declared_once(qtbot, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from screener.identity import mark_training

    monkeypatch.setenv("SCREENER_USER", "ana.reviewer")
    with store.unit_of_work() as session:
        mark_training(session)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    text = window.signed_in_label.text()
    assert text.startswith("Signed in: ana.reviewer (declared, not authenticated); roles: ")
    assert text.count("declared") == 1


def test_status_bar_names_the_database_shortly_and_leaves_room_for_messages(
    qtbot, store: Store
) -> None:  # type: ignore[no-untyped-def]
    window = build_window(store)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    labels = [
        label
        for label in window.statusBar().findChildren(QLabel)
        if label.text().startswith("Database: ")
    ]
    assert len(labels) == 1
    database = labels[0]
    assert database.text() == "Database: " + Path(store.engine.url.database or "").name
    assert database.toolTip() == store.url  # the whole URL on demand
    # a status message of 60 characters fits beside the permanent labels at 1366 px
    permanent = sum(
        w.sizeHint().width()
        for w in window.statusBar().findChildren(QLabel)
        if w.text() and w is not window.count_label
    )
    assert permanent < 1366 - window.fontMetrics().horizontalAdvance("x" * 60)
