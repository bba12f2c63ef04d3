"""Window sizes that fit the reviewer's screen.

Windows ask for a comfortable size, but an officer's laptop may have 1366x768 pixels, less
a taskbar: a window taller than the screen hides its bottom buttons. The wanted size is
therefore capped to a share of the screen's available area.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.94


def fitted_size(wanted: QSize, available: QRect, share: float = SCREEN_SHARE) -> QSize:
    """The wanted size, capped to `share` of the available screen area."""
    return QSize(
        min(wanted.width(), int(available.width() * share)),
        min(wanted.height(), int(available.height() * share)),
    )


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width x height, or less if its screen is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    widget.resize(fitted_size(QSize(width, height), screen.availableGeometry()))
