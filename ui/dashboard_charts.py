"""The Dashboard's pictures: cases by state and by risk tier, and the coming deadlines.

People would rather look than read a column of dates: two bar charts (click a bar to show only
those cases in the table below) and a timeline of the statutory due dates of the coming weeks
(overdue ones pinned at its left edge in red; click a case's mark to open it). Drawn with
QPainter: PySide6-Essentials has no charts module, and these need nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from screener.workflow.clocks import ClockState

STATE_COLOURS = {ClockState.OVERDUE: "#b42318", ClockState.DUE_SOON: "#b54708"}
DEFAULT_MARK = "#1f4e9c"


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    colour: str


class CountBars(QWidget):
    """Horizontal bars with their counts; a click on a bar emits its key (again: all)."""

    picked = Signal(object)  # the key, or None when the same bar is clicked again

    ROW = 22

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.selected: str | None = None
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setFixedHeight(self.ROW * (len(bars) + 1) + 6)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, self.ROW * (len(self.bars) + 1) + 6)

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max([metrics.horizontalAdvance(b.label) for b in self.bars] + [40]) + 10

    def bar_rect(self, index: int) -> QRectF:
        """The drawn bar of row `index` (also what a click is tested against)."""
        top = self.ROW * (index + 1) + 3
        left = self._label_width()
        room = max(self.width() - left - 40, 10)
        most = max([b.count for b in self.bars] + [1])
        return QRectF(left, top + 3, room * self.bars[index].count / most, self.ROW - 6)

    def row_at(self, y: float) -> int | None:
        index = int((y - 3) // self.ROW) - 1
        return index if 0 <= index < len(self.bars) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#1b2a41"))
        painter.drawText(QRectF(0, 0, self.width(), self.ROW), Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        for index, bar in enumerate(self.bars):
            rect = self.bar_rect(index)
            row = QRectF(0, rect.top() - 3, self.width(), self.ROW)
            if bar.key == self.selected:
                painter.fillRect(row, QColor("#e9edf2"))
            painter.setPen(QColor("#344054"))
            painter.drawText(QRectF(0, row.top(), rect.left() - 6, row.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, bar.label)
            painter.fillRect(rect, QColor(bar.colour))
            painter.drawText(QRectF(rect.right() + 6, row.top(), 40, row.height()),
                             Qt.AlignmentFlag.AlignVCenter, str(bar.count))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.row_at(event.position().y())
        if index is None:
            return
        key = self.bars[index].key
        self.selected = None if key == self.selected else key
        self.update()
        self.picked.emit(self.selected)


@dataclass(frozen=True)
class Deadline:
    case_id: str
    due: date
    state: str  # a ClockState value
    what: str  # the clock's name, for the tooltip


class DeadlineTimeline(QWidget):
    """The coming weeks from today; one mark per case on its due date, overdue ones pinned
    left in red. Clicking a mark emits the case id."""

    case_picked = Signal(str)

    def __init__(self, weeks: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks = weeks
        self.today = date.today()
        self.deadlines: list[Deadline] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(520, 130)

    def set_deadlines(self, deadlines: list[Deadline], today: date) -> None:
        self.today = today
        end = today + timedelta(weeks=self.weeks)
        self.deadlines = sorted((d for d in deadlines if d.due <= end), key=lambda d: d.due)
        self.update()

    # geometry
    def _axis(self) -> tuple[float, float, float]:
        """(left, right, y) of the time axis; an overdue zone sits left of `left`."""
        return 100.0, self.width() - 36.0, self.height() - 28.0

    def x_of(self, day: date) -> float:
        left, right, _ = self._axis()
        if day < self.today:
            return left - 50
        span = (right - left) / (self.weeks * 7)
        return left + (day - self.today).days * span

    def mark_centres(self) -> dict[str, QPointF]:
        """Where each case's mark is drawn: marks on the same spot stack upwards."""
        _left, _right, y = self._axis()
        centres: dict[str, QPointF] = {}
        used: dict[int, int] = {}
        for deadline in self.deadlines:
            x = self.x_of(deadline.due)
            level = used.get(round(x / 12), 0)
            used[round(x / 12)] = level + 1
            centres[deadline.case_id] = QPointF(x, y - 14 - level * 18)
            if deadline.due < self.today:  # in the overdue zone, below its caption
                centres[deadline.case_id] = QPointF(x - 20, y - 14 - level * 18)
        return centres

    def case_at(self, point: QPointF) -> str | None:
        for case_id, centre in self.mark_centres().items():
            if (centre - point).manhattanLength() <= 12:
                return case_id
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, right, y = self._axis()
        painter.fillRect(QRectF(left - 80, 4, 66, y + 20), QColor("#fde2e0"))
        painter.setPen(QColor("#b42318"))
        painter.drawText(QRectF(left - 80, 4, 66, 18), Qt.AlignmentFlag.AlignCenter,
                         self.tr("overdue"))
        painter.setPen(QPen(QColor("#5b6778"), 1))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        every = self.label_every()
        for week in range(self.weeks + 1):
            day = self.today + timedelta(weeks=week)
            x = self.x_of(day)
            painter.drawLine(QPointF(x, y - 4), QPointF(x, y + 4))
            if week % every:
                continue  # too narrow for a date under every tick ('14 Dec21 Dec28 Dec')
            text = self.tr("today") if week == 0 else self._day_label(day)
            painter.drawText(QRectF(x - 40, y + 4, 80, 20), Qt.AlignmentFlag.AlignCenter, text)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#1b2a41"))
        painter.drawText(QRectF(left, 4, right - left, 18), Qt.AlignmentFlag.AlignLeft,
                         self.tr("Statutory deadlines, the next %n week(s)", "", self.weeks))
        painter.setFont(self.font())
        centres = self.mark_centres()
        for deadline in self.deadlines:
            centre = centres[deadline.case_id]
            colour = QColor(STATE_COLOURS.get(deadline.state, DEFAULT_MARK))
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(colour)
            painter.drawEllipse(centre, 6, 6)
            painter.setPen(QColor("#1b2a41"))
            painter.drawText(self._label_at(centre, deadline.case_id), deadline.case_id)
        painter.end()

    def label_every(self) -> int:
        """Every how many weeks a date is written under the axis, so that no two touch."""
        week = self.x_of(self.today + timedelta(weeks=1)) - self.x_of(self.today)
        widest = max(
            self.fontMetrics().horizontalAdvance(self._day_label(self.today + timedelta(weeks=w)))
            for w in range(1, self.weeks + 1)
        )
        return 1 if week >= widest + 8 else 2

    def label_rect(self, case_id: str) -> QRectF:
        """Where a mark's case id is written: right of the mark, or left of it where the
        right would run off the widget (a case due in the last week was cut to 'US-202')."""
        return self._label_rect(self.mark_centres()[case_id], case_id)

    def _label_rect(self, centre: QPointF, case_id: str) -> QRectF:
        width = float(self.fontMetrics().horizontalAdvance(case_id))
        height = float(self.fontMetrics().height())
        x = centre.x() + 9
        if x + width > self.width():
            x = centre.x() - 9 - width
        return QRectF(x, centre.y() - height / 2, width, height)

    def _label_at(self, centre: QPointF, case_id: str) -> QPointF:
        rect = self._label_rect(centre, case_id)
        return QPointF(rect.left(), centre.y() + 4)

    def _day_label(self, day: date) -> str:
        """`13 Dec` in English, `12月13日` in Japanese: the format is translated."""
        return QLocale(QLocale.Language.English).toString(QDate(day.year, day.month, day.day), self.tr("d MMM"))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        case_id = self.case_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if case_id else Qt.CursorShape.ArrowCursor)
        if case_id:
            deadline = next(d for d in self.deadlines if d.case_id == case_id)
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{case_id}: {deadline.what} {deadline.due.isoformat()}", self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        case_id = self.case_at(event.position())
        if case_id:
            self.case_picked.emit(case_id)
