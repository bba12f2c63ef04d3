"""Desktop conventions, driven through the real window: layout kept, recent files, dropped
files imported, a findable log file, and an unexpected error shown with the log's path."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QSplitter

from screener.demo.case import DEMO_CASE_ID, demo_case_path
from screener.paths import resources_dir
from screener.store import Store
from ui import desktop
from ui.app import build_window
from ui.batch_view import BatchScreenWindow


def _window(qtbot, store: Store):  # type: ignore[no-untyped-def]
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_geometry_splitters_and_column_widths_come_back(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, store)
    # the offscreen screen is 800 x 800: the narrowest the window can be is what comes back
    window.resize(window.minimumSizeHint().width(), 655)
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    splitter.setSizes([330, 800])
    kept = splitter.sizes()
    window.close()  # closing saves
    again = _window(qtbot, store)
    assert again.height() == 655
    assert again.centralWidget().sizes() == kept

    window.show_batch_screen()
    table = window.batch_window.table
    table.setColumnWidth(1, 333)
    window.batch_window.close()
    reopened = BatchScreenWindow(store)
    qtbot.addWidget(reopened)
    desktop.remember_layout(reopened, "batchWindow")
    assert reopened.table.columnWidth(1) == 333


def test_recent_deal_files_reimport_from_the_file_menu(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.deal_import import import_path

    window = _window(qtbot, store)
    deal = tmp_path / "deals" / "demo.json"
    deal.parent.mkdir()
    shutil.copy(demo_case_path(), deal)
    assert import_path(window, deal, modal=False) is not None
    assert desktop.recent(desktop.RECENT_DEALS)[0] == deal.resolve()
    assert desktop.last_folder(desktop.RECENT_DEALS) == str(deal.parent.resolve())
    menu = window.recent_deals_menu
    menu.aboutToShow.emit()
    actions = [a for a in menu.actions() if a.text() == "demo.json"]
    assert len(actions) == 1 and actions[0].toolTip() == str(deal.resolve())
    window.select_case(DEMO_CASE_ID)
    actions[0].trigger()  # imports again: the same case, updated in place
    assert window.current_case_id() == DEMO_CASE_ID
    assert window.case_model.rowCount() == 1


def _drop(window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Drag in, then drop, through the window's platform window as a desktop drop arrives."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPoint(window.width() // 2, window.height() - 40)
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    assert QApplication.sendEvent(window.windowHandle(), enter) and enter.isAccepted()
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.windowHandle(), drop)
    assert drop.isAccepted()


def test_dropping_a_deal_file_or_a_list_file_imports_it(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, store)
    assert window.acceptDrops()
    _drop(window, demo_case_path())
    assert window.case_model.row_of(DEMO_CASE_ID) is not None
    assert window.current_case_id() == DEMO_CASE_ID

    sdn = resources_dir() / "demo" / "lists" / "sdn.csv"
    assert desktop.is_list_file(sdn) and not desktop.is_list_file(demo_case_path())
    _drop(window, sdn)
    lists = window.lists_window
    assert lists.isVisible()
    qtbot.waitUntil(lambda: lists.worker is None, timeout=60_000)
    with store.session() as session:
        from sqlalchemy import func, select

        from screener.models import ListVersion

        assert session.execute(select(func.count()).select_from(ListVersion)).scalar_one() == 1
    assert desktop.recent(desktop.RECENT_LISTS)[0] == sdn.resolve()


def test_the_log_file_is_found_from_help(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    path = desktop.start_logging()
    try:
        logging.getLogger("screener.test").warning("a line for the log")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "a line for the log" in path.read_text(encoding="utf-8")
        window = _window(qtbot, store)
        assert window.log_action in window.help_menu.actions()
        box = desktop.show_log_file(window)
        qtbot.addWidget(box)
        assert str(path) in box.text()
    finally:
        _stop_logging(path)


def _stop_logging(path: Path) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def test_an_unexpected_error_shows_a_dialog_with_the_log_path(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    path = desktop.start_logging()
    saved_hook = sys.excepthook
    try:
        desktop.install_error_dialog()
        window = _window(qtbot, store)
        try:
            raise ValueError("the list version vanished")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        boxes = [w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "unexpectedErrorDialog" and w.isVisible()]
        assert len(boxes) == 1
        text = boxes[0].text()  # type: ignore[attr-defined]
        assert "the list version vanished" in text and str(path) in text
        assert "Traceback" not in text
        for handler in logging.getLogger().handlers:
            handler.flush()
        logged = path.read_text(encoding="utf-8")
        assert "Traceback" in logged and "ValueError: the list version vanished" in logged
        boxes[0].close()
        window.close()
    finally:
        sys.excepthook = saved_hook
        _stop_logging(path)
