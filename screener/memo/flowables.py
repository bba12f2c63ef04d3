"""The memo's own flowables: page-break guards and drawn rules that reportlab lacks."""

from __future__ import annotations

from reportlab.platypus import Flowable

from screener.memo.style import INK, RULE


class NeedSpace(Flowable):
    """Start a new page unless `needed` points remain, so headings never end a page.

    reportlab's CondPageBreak decides in wrap() by queueing a frame break as a side effect,
    which fires spuriously when a look-ahead wraps it; this one only asks to be moved.
    """

    def __init__(self, needed: float) -> None:
        super().__init__()
        self.needed = needed

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = 0 if avail_height >= self.needed else avail_height + 1
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        return None


class Rule(Flowable):
    """A hairline under a section heading."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 5

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 4, self.width, 4)


class WritingLines(Flowable):
    """Blank ruled lines where a dissent can be written by hand."""

    def __init__(self, width: float, count: int) -> None:
        super().__init__()
        self.width = width
        self.count = count
        self.height = count * 20

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            self.canv.line(0, i * 20 + 2, self.width, i * 20 + 2)
