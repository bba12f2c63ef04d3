"""The page furniture: marking banners, case and clock header, footer with "page x of y".

Drawn by the canvas after layout, when the page count is known, so the sections never see it.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from screener.memo.data import MemoData
from screener.memo.fonts import SANS, runs, string_width
from screener.memo.headline import clock_text, marking_for
from screener.memo.labels import labels_for
from screener.memo.style import BANNER, MUTED, RULE


def _draw_runs(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    bold: bool = False,
    anchor: str = "start",
) -> None:
    width = string_width(text, size, bold)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    for font, chunk in runs(text, bold):
        canvas.setFont(font, size)
        canvas.drawString(left, y, chunk)
        left += string_width(chunk, size, bold)


def _fit(text: str, width: float, size: float) -> str:
    if string_width(text, size) <= width:
        return text
    while text and string_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def furnished_canvas(
    data: MemoData, lang: str, pagesize: tuple[float, float], margin: float
) -> type[Canvas]:
    """A canvas that draws banners, header and footer on every page once the count is known."""
    t = labels_for(lang)
    marking = marking_for(data, lang)
    width, height = pagesize
    header_right = clock_text(data, t)
    room = width - 2 * margin - string_width(header_right, 7.5) - 18
    header_left = _fit(f"{t['case']} {data.case_id} — {data.title}", room, 7.5)
    footer_left = (
        t["generated"].format(when=data.generated_at.strftime("%Y-%m-%d %H:%M"))
        + f" · Screener {data.app_version}"
    )
    if data.assessment is not None:  # every page names the rules it was scored with
        footer_left += f" · {t['rule_pack_short']} {data.assessment.pack_hash[:12]}"
    if data.list_versions:
        footer_left += f" · {t['list_versions_short']}: {len(data.list_versions)}"

    class FurnishedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = SANS  # else an unembedded Helvetica joins the PDF
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furnish(number, total)
                super().showPage()
            super().save()

        def _furnish(self, number: int, total: int) -> None:
            self.saveState()
            self.setFillColor(BANNER)
            _draw_runs(self, width / 2, height - 24, marking, 10.5, bold=True, anchor="middle")
            _draw_runs(self, width / 2, 16, marking, 10.5, bold=True, anchor="middle")
            self.setFillColor(MUTED)
            _draw_runs(self, margin, height - 42, header_left, 7.5)
            _draw_runs(self, width - margin, height - 42, header_right, 7.5, anchor="end")
            _draw_runs(self, margin, 34, footer_left, 7.5)
            _draw_runs(
                self,
                width - margin,
                34,
                t["page_of"].format(page=number, pages=total),
                7.5,
                anchor="end",
            )
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(margin, height - 47, width - margin, height - 47)
            self.line(margin, 44, width - margin, 44)
            self.restoreState()

    return FurnishedCanvas
