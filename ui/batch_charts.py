"""Pictures of a finished batch: how the hit scores spread against the threshold, and how
many hits each list gave (a click on a list's bar filters the table to it).

The histogram counts every hit by score in bins of 0.02 from the batch's threshold to 1.0,
with the review threshold and the strong-match threshold drawn as lines, so a reviewer sees at
once whether hits crowd just above the threshold (likely noise) or near 1.0 (likely real).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BIN = 0.02
BAR_COLOUR = "#1f4e9c"
STRONG_COLOUR = "#b42318"
THRESHOLD_COLOUR = "#b54708"


class ScoreHistogram(QWidget):
    """Hit scores in bins from the threshold to 1.0; threshold lines marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores: list[float] = []
        self.threshold = 0.0
        self.strong = 1.0
        self.counts: list[int] = []
        self.setMinimumHeight(130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(520, 140)

    def set_scores(self, scores: list[float], threshold: float, strong: float) -> None:
        self.scores, self.threshold, self.strong = scores, threshold, strong
        start = math.floor(threshold / BIN + 1e-9) * BIN
        bins = max(int(round((1.0 - start) / BIN)), 1)
        self.start = start
        self.counts = [0] * bins
        for score in scores:
            index = min(int((score - start) / BIN + 1e-9), bins - 1)
            self.counts[max(index, 0)] += 1
        self.update()

    # geometry, shared by painting and tests
    def _plot(self) -> QRectF:
        return QRectF(36, 24, self.width() - 50, self.height() - 48)

    def x_of(self, score: float) -> float:
        plot = self._plot()
        return plot.left() + plot.width() * (score - self.start) / max(1.0 - self.start, 1e-9)

    def bin_rect(self, index: int) -> QRectF:
        plot = self._plot()
        most = max(self.counts + [1])
        height = plot.height() * self.counts[index] / most
        left = self.x_of(self.start + index * BIN)
        right = self.x_of(self.start + (index + 1) * BIN)
        return QRectF(left + 1, plot.bottom() - height, max(right - left - 2, 1), height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        plot = self._plot()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#1b2a41"))
        painter.drawText(QRectF(0, 0, self.width(), 20), Qt.AlignmentFlag.AlignLeft,
                         self.tr("Hit scores (%n hit(s))", "", len(self.scores)))
        painter.setFont(self.font())
        for index in range(len(self.counts)):
            middle = self.start + (index + 0.5) * BIN
            colour = STRONG_COLOUR if middle >= self.strong else BAR_COLOUR
            painter.fillRect(self.bin_rect(index), QColor(colour))
        painter.setPen(QPen(QColor("#5b6778"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for tick in range(int(self.start * 10), 11):
            x = self.x_of(tick / 10)
            if x < plot.left() - 1:
                continue
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            painter.drawText(QRectF(x - 20, plot.bottom() + 4, 40, 16),
                             Qt.AlignmentFlag.AlignCenter, f"{tick / 10:.1f}")
        for value, colour, text in (
            (self.threshold, THRESHOLD_COLOUR, self.tr("threshold %1")),
            (self.strong, STRONG_COLOUR, self.tr("strong %1")),
        ):
            x = self.x_of(value)
            painter.setPen(QPen(QColor(colour), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
            painter.drawText(QPointF(x + 3, plot.top() + 8), text.replace("%1", f"{value:.2f}"))
        painter.end()
