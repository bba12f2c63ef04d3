"""Desktop conventions: what a workstation app is expected to do without being asked.

- The window comes back as it was left: geometry, splitters, column widths (QSettings).
- Recent deal files (File menu) and recent list files (Lists menu) re-import in one click, and
  the file dialogs open in the folder used last.
- A deal file or a list file dropped on the main window is imported (lists are recognised by
  their content, as `screener lists import` does; anything else is read as a deal file, whose
  import names every problem).
- A log file the user can find from Help and send; an unexpected error shows a dialog naming
  it, never a silent failure or a Python trace.

The settings live in an INI file under the user's config directory, read afresh each time, so
that a test (or a second profile via XDG_CONFIG_HOME) never sees another's layout.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QSettings, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QWidget,
)

from screener.paths import APP_NAME, user_data_dir

RECENT_DEALS = "recent/deal_files"
RECENT_LISTS = "recent/list_files"
RECENT_LIMIT = 8
log = logging.getLogger("screener.ui")


# ----- settings ------------------------------------------------------------------------------
def settings() -> QSettings:
    folder = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    return QSettings(str(folder / "desktop.ini"), QSettings.Format.IniFormat)


def widget_key(widget: QWidget) -> str:
    """A name for `widget` that is the same at every start: its path of object names or class
    names with their rank among same-class siblings, up to the top-level window."""
    parts: list[str] = []
    current: QObject | None = widget
    while current is not None:
        name = current.objectName()
        if not name:
            parent = current.parent()
            siblings = [c for c in parent.children() if type(c) is type(current)] if parent else [current]
            name = f"{type(current).__name__}{siblings.index(current)}"
        parts.append(name)
        if isinstance(current, QWidget) and current.isWindow():
            break
        current = current.parent()
    return "/".join(reversed(parts))


def save_layout(window: QMainWindow) -> None:
    store = settings()
    store.setValue(f"{window.objectName()}/geometry", window.saveGeometry())
    store.setValue(f"{window.objectName()}/state", window.saveState())
    for splitter in window.findChildren(QSplitter):
        store.setValue(f"splitters/{widget_key(splitter)}", splitter.saveState())
    for header in window.findChildren(QHeaderView):
        if header.count():
            store.setValue(f"columns/{widget_key(header)}", header.saveState())
    store.sync()


def restore_layout(window: QMainWindow) -> None:
    """Geometry and splitters now; each table's columns once its model has them. Columns
    sized by Qt to their contents stay so; the ones a user can drag keep the widths left."""
    store = settings()
    geometry = store.value(f"{window.objectName()}/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    state = store.value(f"{window.objectName()}/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    for splitter in window.findChildren(QSplitter):
        saved = store.value(f"splitters/{widget_key(splitter)}")
        if isinstance(saved, QByteArray):
            splitter.restoreState(saved)
    for header in window.findChildren(QHeaderView):
        saved = store.value(f"columns/{widget_key(header)}")
        if isinstance(saved, QByteArray):
            _restore_columns_when_filled(header, saved)


def _restore_columns_when_filled(header: QHeaderView, saved: QByteArray) -> None:
    if header.count() and header.restoreState(saved):
        return

    def once(_old: int, new: int) -> None:
        if new:
            header.sectionCountChanged.disconnect(once)
            header.restoreState(saved)

    header.sectionCountChanged.connect(once)


# ----- recent files --------------------------------------------------------------------------
def recent(kind: str) -> list[Path]:
    value = settings().value(kind, [])
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [Path(item) for item in items if item]


def remember(kind: str, path: Path) -> None:
    """Put `path` first in the `kind` list (no duplicates, at most RECENT_LIMIT)."""
    resolved = str(Path(path).resolve())
    items = [resolved] + [str(p) for p in recent(kind) if str(p) != resolved]
    store = settings()
    store.setValue(kind, items[:RECENT_LIMIT])
    store.sync()


def last_folder(kind: str) -> str:
    """The folder of the most recent file of `kind`, for a file dialog to open in."""
    for path in recent(kind):
        folder = path if path.is_dir() else path.parent
        if folder.is_dir():
            return str(folder)
    return ""


def _fill_recent_menu(menu: QMenu, kind: str, open_path: Any) -> None:
    menu.clear()
    paths = recent(kind)
    for path in paths:
        action = menu.addAction(path.name)
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if not paths:
        menu.addAction(QCoreApplication.translate("Desktop", "(none yet)")).setEnabled(False)


# ----- dropping files ------------------------------------------------------------------------
def is_list_file(path: Path) -> bool:
    """True when a list parser recognises the content (what `screener lists import` does)."""
    from screener.lists.base import ListFormatError
    from screener.lists.detect import parser_for

    try:
        parser_for(path)
    except ListFormatError:
        return False
    return True


def import_dropped(window: Any, path: Path) -> str:
    """Import one dropped file or folder; 'list' or 'deal', the kind it was taken for."""
    if is_list_file(path):
        window.open_lists_window()
        window.lists_window.start_import(path)
        return "list"
    from ui.deal_import import import_path

    import_path(window, path, modal=False)  # problems show in a dialog beside the window
    return "deal"


class _DropImporter(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag: QDragEnterEvent = event  # type: ignore[assignment]
            if any(url.isLocalFile() for url in drag.mimeData().urls()):
                drag.acceptProposedAction()
                return True
        if event.type() == QEvent.Type.Drop:
            drop: QDropEvent = event  # type: ignore[assignment]
            paths = [Path(u.toLocalFile()) for u in drop.mimeData().urls() if u.isLocalFile()]
            if paths:
                drop.acceptProposedAction()
                for path in paths:
                    import_dropped(self.window, path)
                return True
        return False


class _LayoutKeeper(QObject):
    """Saves a window's layout whenever it closes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and isinstance(watched, QMainWindow):
            save_layout(watched)
        return False


def remember_layout(window: QMainWindow, name: str) -> None:
    """Bring `window` back as it was last closed, and keep it so from now on."""
    window.setObjectName(window.objectName() or name)
    restore_layout(window)
    keeper = _LayoutKeeper(window)
    window.installEventFilter(keeper)
    window._layout_keeper = keeper  # type: ignore[attr-defined]


# ----- log file and unexpected errors --------------------------------------------------------
def log_path() -> Path:
    return user_data_dir() / "logs" / "screener.log"


def start_logging() -> Path:
    """Append the app's log to a rotating file (1 MB x 3) in the user's data directory."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(min(root.level or logging.INFO, logging.INFO))
    return path


_open_error_boxes: list[QMessageBox] = []


def report_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> QMessageBox | None:
    """Log the whole trace; show the user one sentence and where the log is."""
    log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, trace)))
    if QApplication.instance() is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Desktop", "Screener — unexpected error"),
        QCoreApplication.translate("Desktop", "Something went wrong: %1\n\nNothing you saved is lost. The details are in the log "
            "file; please send it to your administrator:\n%2")
        .replace("%1", str(error) or kind.__name__)
        .replace("%2", str(log_path())),
        QMessageBox.StandardButton.Ok,
        QApplication.activeWindow(),
    )
    box.setObjectName("unexpectedErrorDialog")
    _open_error_boxes.append(box)  # kept alive while shown, even without a parent window
    box.finished.connect(lambda _result: _open_error_boxes.remove(box))
    box.show()
    return box


def install_error_dialog() -> None:
    """Every uncaught exception in the event loop goes to `report_unexpected_error`."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        try:
            report_unexpected_error(kind, error, trace)
        except Exception:  # the dialog itself failed: at least the terminal shows it
            sys.__excepthook__(kind, error, trace)

    sys.excepthook = hook


def show_log_file(parent: QWidget) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Desktop", "Log file"),
        QCoreApplication.translate("Desktop", "Screener writes its log here; send this file when you report a problem:\n%1")
        .replace("%1", str(log_path())),
        QMessageBox.StandardButton.Close,
        parent,
    )
    open_folder = box.addButton(QCoreApplication.translate("Desktop", "Open folder"), QMessageBox.ButtonRole.ActionRole)
    open_folder.clicked.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent)))
    )
    box.setObjectName("logFileDialog")
    box.show()
    return box


# ----- wiring --------------------------------------------------------------------------------
def install_desktop_conventions(window: Any) -> None:
    """Called once by MainWindow when its menus and actions exist."""
    from ui.deal_import import import_path

    deals = QMenu(QCoreApplication.translate("Desktop", "Recent deal files"), window)
    deals.setObjectName("recentDealsMenu")
    deals.aboutToShow.connect(
        lambda: _fill_recent_menu(
            deals, RECENT_DEALS, lambda p: import_path(window, p, modal=False)
        )
    )
    first = window.file_menu.actions()[0] if window.file_menu.actions() else None
    if first is None:
        window.file_menu.addMenu(deals)
    else:
        window.file_menu.insertMenu(first, deals)
    window.recent_deals_menu = deals

    def open_list(path: Path) -> None:
        window.open_lists_window()
        window.lists_window.start_import(path)

    lists = QMenu(QCoreApplication.translate("Desktop", "Recent list files"), window)
    lists.setObjectName("recentListsMenu")
    lists.aboutToShow.connect(lambda: _fill_recent_menu(lists, RECENT_LISTS, open_list))
    window.lists_menu.addMenu(lists)
    window.recent_lists_menu = lists

    log_action = QAction(QCoreApplication.translate("Desktop", "&Log file…"), window)
    log_action.triggered.connect(lambda: show_log_file(window))
    window.help_menu.insertAction(window.help_menu.actions()[0], log_action)
    window.log_action = log_action

    window.setAcceptDrops(True)
    window.drop_importer = _DropImporter(window)
    window.installEventFilter(window.drop_importer)
    remember_layout(window, "mainWindow")
