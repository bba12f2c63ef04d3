"""What drove a risk score, as a picture: one bar per category, the points second.

"335 points" beside tiers set at 40 and 70 means nothing to a reader; the tier comes first
(the Risk tab's headline), then how much threat, vulnerability and consequence each added
(bars on one scale, so their shares read at a glance; mitigating, negative points go left of
the zero line in green), then the total and the tier bands it is read against.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

DRIVERS = ("threat", "vulnerability", "consequence")
COLOURS = {"threat": "#b42318", "vulnerability": "#b54708", "consequence": "#1f4e9c",
           "gate": "#5b6778"}
MITIGATION_COLOUR = "#2e7d32"


class ScoreBar(QWidget):
    """One horizontal bar: `value` on a scale shared with its siblings (low..high)."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.value = 0.0
        self.low, self.high = 0.0, 1.0
        self.setMinimumHeight(14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 16)

    def set_value(self, value: float, low: float, high: float) -> None:
        self.value, self.low, self.high = value, min(low, 0.0), max(high, 1e-9)
        self.update()

    def bar_rect(self) -> QRectF:
        """Where the bar is drawn, in widget pixels (also what a test measures)."""
        span = self.high - self.low
        width = self.width() - 2
        zero = 1 + width * (-self.low / span)
        end = 1 + width * ((self.value - self.low) / span)
        left, right = sorted((zero, end))
        return QRectF(left, 2, max(right - left, 0.0), self.height() - 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f2f4f7"))
        colour = self.colour if self.value >= 0 else MITIGATION_COLOUR
        painter.fillRect(self.bar_rect(), QColor(colour))
        if self.low < 0:
            span = self.high - self.low
            zero = int(1 + (self.width() - 2) * (-self.low / span))
            painter.setPen(QColor("#344054"))
            painter.drawLine(zero, 0, zero, self.height())
        painter.end()


class ScoreDrivers(QFrame):
    """Threat, vulnerability and consequence points as bars, with their values beside them;
    the gate category shows only when its rules scored."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMaximumWidth(560)  # a small chart: bar lengths compare, not fill the screen
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setVerticalSpacing(3)
        self.captions: dict[str, QLabel] = {}
        self.bars: dict[str, ScoreBar] = {}
        self.values: dict[str, QLabel] = {}
        for row, category in enumerate((*DRIVERS, "gate")):
            # the category names are declared in the Risk tab's context (ui/i18n.py)
            caption = QLabel(QCoreApplication.translate("RiskTab", category.capitalize()), self)
            caption.setStyleSheet("color:#344054")
            bar = ScoreBar(COLOURS[category], self)
            value = QLabel("—", self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(48)
            value.setStyleSheet("font-weight:600")
            grid.addWidget(caption, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(value, row, 2)
            self.captions[category], self.bars[category], self.values[category] = caption, bar, value
        grid.setColumnStretch(1, 1)
        self.show_scores(None)

    def show_scores(self, scores: dict[str, float] | None) -> None:
        scores = scores or {}
        numbers = [float(scores.get(c, 0) or 0) for c in self.bars]
        low, high = min([0.0, *numbers]), max([0.0, *numbers])
        for category, bar in self.bars.items():
            value = float(scores.get(category, 0) or 0)
            bar.set_value(value, low, high)
            self.values[category].setText(f"{value:+g}" if scores else "—")
            shown = category in DRIVERS or value != 0
            for widget in (self.captions[category], bar, self.values[category]):
                widget.setVisible(shown)
