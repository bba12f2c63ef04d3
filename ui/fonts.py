"""Every script on screen: the shipped fonts registered when the app starts, RTL cells set right.

Why Han names showed as empty boxes in the Parties table and the Matches side by side: the
window never told Qt about the fonts in resources/fonts (only the memo preview registered the
CJK one, when it opened), so on a machine whose system has no CJK font, Qt's fallback had
nothing to draw Han, kana or Hangul with and drew the missing-glyph box; no widget does better
than the fonts the process knows. Registered at start, they join fontconfig's fallback for
every table, tree, diagram and dialog alike. DroidSansFallbackFull has Han and kana but no
Hangul, hence NanumSquare; DejaVu Sans brings Cyrillic and Arabic (Qt shapes it with
HarfBuzz) on desktops whose UI font lacks them.

Arabic (and Hebrew) cell text is laid out right to left and set against the cell's right edge
by `ScriptAwareDelegate`, installed on every item view as it is first shown.
"""

from __future__ import annotations

import functools
import unicodedata

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from screener.memo.fonts import fonts_dir

UI_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DroidSansFallbackFull.ttf",
                 "NanumSquareR.ttf")


@functools.cache
def register_shipped_fonts() -> tuple[str, ...]:
    """Offer the shipped fonts to Qt (once per process); the families Qt now knows."""
    families: list[str] = []
    for filename in UI_FONT_FILES:
        path = fonts_dir() / filename
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(dict.fromkeys(families))


def is_right_to_left(text: str) -> bool:
    """True when the first strongly directional character is Arabic or Hebrew (Unicode's P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class ScriptAwareDelegate(QStyledItemDelegate):
    """The standard delegate, but a right-to-left name reads right to left from the right."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if is_right_to_left(option.text):  # type: ignore[attr-defined]
            option.direction = Qt.LayoutDirection.RightToLeft  # type: ignore[attr-defined]
            option.displayAlignment = (  # type: ignore[attr-defined]
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # leading edge: right
            )


class _DelegateInstaller(QObject):
    """Gives every item view that still has Qt's plain delegate the script-aware one."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QAbstractItemView):
            if type(watched.itemDelegate()) is QStyledItemDelegate:
                watched.setItemDelegate(ScriptAwareDelegate(watched))
        return False


def prepare_scripts(app: QApplication) -> None:
    """At start: the shipped fonts, and right-to-left cells in every view (idempotent)."""
    register_shipped_fonts()
    if app.property("screener_scripts_ready"):
        return
    installer = _DelegateInstaller(app)
    app.installEventFilter(installer)
    app.setProperty("screener_scripts_ready", True)
