"""The window's one error boundary for database failures: one dialog, and the window lives on.

A lost or refused connection, a server shutting down or recovering, a lock held too long, or
a change that lost its race every time are not bugs in the window: the officer needs one
sentence saying what happened and that nothing was saved, then a window that still works
(its next action reconnects; the engine tests pooled connections before use). Every path
ends here: `run_change` for saves, workers for long tasks, and `install` for everything else
(a read in a slot raises out of it into `sys.excepthook`). The dialog is window-modal but
not blocking (`open`), and a second failure while one is shown adds no second dialog, so a
stopped server cannot stack dialogs or hang the event loop.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from screener.db_failures import describe_failure
from ui.error_text import error_text

OBJECT_NAME = "databaseFailureDialog"
_shown: list[QMessageBox] = []


def title() -> str:
    return QCoreApplication.translate("DatabaseFailure", "Database problem")


def show(parent: QWidget | None, line: str) -> QMessageBox | None:
    """Show `line` (in the interface language when it is a `Sentence`) in one dialog (none if
    one is already open); returns the dialog shown."""
    _shown[:] = [box for box in _shown if _alive(box) and box.isVisible()]
    if _shown:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning, title(), error_text(line), QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName(OBJECT_NAME)
    box.finished.connect(lambda _result, b=box: _shown.remove(b) if b in _shown else None)
    _shown.append(box)
    box.open()
    return box


def explain(parent: QWidget | None, exc: BaseException) -> bool:
    """Show the dialog if `exc` is a database failure; False means it is something else."""
    line = describe_failure(exc)
    if line is None:
        return False
    show(parent, line)
    return True


def visible_dialog() -> QMessageBox | None:
    """The failure dialog on screen, if any (the tests and the next action look at it)."""
    _shown[:] = [box for box in _shown if _alive(box) and box.isVisible()]
    return _shown[0] if _shown else None


def install() -> None:
    """Route database failures raised out of any slot to the dialog, once per application."""
    previous = sys.excepthook
    if getattr(previous, "_screener_boundary", False):
        return

    def hook(kind: type[BaseException], exc: BaseException, trace: TracebackType | None) -> None:
        if describe_failure(exc) is not None and QApplication.instance() is not None:
            explain(QApplication.activeWindow(), exc)
            return
        previous(kind, exc, trace)

    hook._screener_boundary = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def _alive(box: QMessageBox) -> bool:
    try:
        box.objectName()
    except RuntimeError:  # the C++ dialog was deleted with its parent
        return False
    return True
