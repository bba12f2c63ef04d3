"""A source's versions on a timeline, each with what it added, changed and removed.

Drawn under the Lists window's versions table for the selected source: one mark per version
at its import date (the publisher's date when the file gave one), labelled with its version
and `+added ~changed −removed` against the version before it, so a reviewer sees how a list
moved over time without opening each delta. Clicking a mark selects that version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.list_labels import human_date


@dataclass(frozen=True)
class VersionMark:
    version_id: int
    when: date
    label: str  # "v3"
    added: int | None  # None for a source's first version
    changed: int | None
    removed: int | None
    active: bool


def version_day(version: dict[str, object]) -> date:
    """The publisher's date when the file had one, else the import date."""
    published = str(version.get("publisher_date") or "")[:10]
    try:
        return date.fromisoformat(published)
    except ValueError:
        imported = version["imported_at"]
        return imported.date() if isinstance(imported, datetime) else date.today()


class VersionsTimeline(QWidget):
    version_picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = ""
        self.marks: list[VersionMark] = []
        self.setMinimumHeight(86)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(600, 90)

    def set_marks(self, source: str, marks: list[VersionMark]) -> None:
        self.source = source
        self.marks = sorted(marks, key=lambda m: (m.when, m.version_id))
        self.update()

    def centres(self) -> dict[int, QPointF]:
        """Each version's mark; marks keep their date order and at least 90 px apart."""
        if not self.marks:
            return {}
        left, right, y = 70.0, self.width() - 70.0, 46.0
        first, last = self.marks[0].when, self.marks[-1].when
        span = max((last - first).days, 1)
        xs: list[float] = []
        for mark in self.marks:
            x = left + (right - left) * (mark.when - first).days / span
            xs.append(max(x, xs[-1] + 90) if xs else x)
        shift = max(xs[-1] - right, 0)  # pushed too far right: pull everything back
        return {m.version_id: QPointF(x - shift, y) for m, x in zip(self.marks, xs, strict=True)}

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#1b2a41"))
        painter.drawText(QRectF(4, 0, self.width(), 18), Qt.AlignmentFlag.AlignLeft,
                         self.tr("%1: versions over time").replace("%1", self.source))
        painter.setFont(self.font())
        centres = self.centres()
        if not centres:
            painter.end()
            return
        points = list(centres.values())
        painter.setPen(QPen(QColor("#98a2b3"), 2))
        painter.drawLine(points[0], points[-1])
        for mark in self.marks:
            centre = centres[mark.version_id]
            colour = QColor("#2e7d32" if mark.active else "#1f4e9c")
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(colour)
            painter.drawEllipse(centre, 6, 6)
            painter.setPen(QColor("#1b2a41"))
            painter.drawText(QRectF(centre.x() - 60, 20, 120, 16), Qt.AlignmentFlag.AlignCenter,
                             f"{mark.label} · {human_date(mark.when)}")
            painter.drawText(QRectF(centre.x() - 60, 56, 120, 16), Qt.AlignmentFlag.AlignCenter,
                             change_text(mark) or self.tr("first version"))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for version_id, centre in self.centres().items():
            if (centre - event.position()).manhattanLength() <= 14:
                self.version_picked.emit(version_id)
                return


def change_text(mark: VersionMark) -> str:
    if mark.added is None:
        return ""
    return f"+{mark.added:,} ~{mark.changed:,} −{mark.removed:,}"
