"""The window against a PostgreSQL server that stops: one dialog, no hang, and it recovers.

A real server of the module's own is stopped as a crash would stop it (`pg_ctl -m
immediate`). Saving a note then shows one database-failure dialog (not a traceback, not a
frozen window, not a dialog per widget) and nothing is saved; once the server is back, the
same window saves the next note without being restarted.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from screener import audit
from screener.models import Note
from screener.store import open_store
from tests.pg_server import wait_until_ready
from ui import database_failure
from ui.main_window import MainWindow
from ui.tabs.notes_tab import NotesTab

pytestmark = pytest.mark.postgres


def _notes_tab(window: MainWindow) -> NotesTab:
    return next(t for t in window.case_view.tab_widgets if isinstance(t, NotesTab))


def test_window_against_a_stopped_server_shows_a_dialog_and_recovers(
    qtbot: Any, crashable_postgres: Any, tmp_path: Any
) -> None:
    from tests.factory import make_case

    server = crashable_postgres
    url = server.create_database("window_faults")
    store = open_store(url)
    with store.unit_of_work() as session:
        make_case(session, "C-1")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert window.select_case("C-1")
    tab = _notes_tab(window)
    window.case_view.tabs.setCurrentWidget(tab)
    server.kill()
    try:
        tab.editor.setPlainText("Checked the registry while the server was down")
        started = time.monotonic()
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        assert time.monotonic() - started < 15
        dialog = database_failure.visible_dialog()
        assert dialog is not None
        text = dialog.text()
        assert "\n" not in text and "Nothing was saved" in text, text
        assert dialog.windowTitle() == "Database problem"
        window.grab().save(str(tmp_path / "window-server-down.png"))
        # another action while the server is still down: no second dialog on top
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        assert database_failure.visible_dialog() is dialog
        dialog.accept()
        qtbot.waitUntil(lambda: not dialog.isVisible())
    finally:
        server.restart()
        wait_until_ready(server)
    assert database_failure.visible_dialog() is None
    tab.editor.setPlainText("Checked the registry again: no change")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert database_failure.visible_dialog() is None
    assert "Checked the registry again" in tab.history.toPlainText()
    window.refresh_cases()
    with store.session() as session:
        texts = list(session.execute(select(Note.text)).scalars())
        assert texts == ["Checked the registry again: no change"]
        assert audit.verify(session) == []
    window.close()
    store.dispose()
