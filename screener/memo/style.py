"""The memo's look: its inks and paragraph styles, shared by every section and the page furniture."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from screener.memo.fonts import SANS, SANS_BOLD

INK = colors.HexColor("#1f2a36")
MUTED = colors.HexColor("#5b6b7b")
RULE = colors.HexColor("#9aa7b4")
SHADE = colors.HexColor("#eef2f6")
BANNER = colors.HexColor("#502b85")
WARNING = colors.HexColor("#9b1c1c")
WARNING_SHADE = colors.HexColor("#fdecea")


class Styles:
    """Paragraph styles; built after the fonts are registered."""

    def __init__(self) -> None:
        base = ParagraphStyle(
            "body", fontName=SANS, bulletFontName=SANS, fontSize=9, leading=12.2, textColor=INK
        )
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=7.8, leading=10)
        self.muted = ParagraphStyle("muted", parent=self.small, textColor=MUTED)
        self.empty = ParagraphStyle(
            "empty", parent=base, textColor=MUTED, spaceBefore=2, spaceAfter=4
        )
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.2, leading=10.4)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=SANS_BOLD)
        self.title = ParagraphStyle(
            "title", parent=base, fontName=SANS_BOLD, fontSize=17, leading=21, spaceAfter=2
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, textColor=MUTED, fontSize=10, spaceAfter=10
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=5,
            textColor=INK,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=9.8,
            leading=13,
            spaceBefore=7,
            spaceAfter=3,
        )
        self.boxed = ParagraphStyle(
            "boxed",
            parent=base,
            borderColor=RULE,
            borderWidth=0.6,
            borderPadding=6,
            backColor=SHADE,
            spaceBefore=6,
            spaceAfter=8,
        )
        self.warning = ParagraphStyle(
            "warning",
            parent=base,
            textColor=WARNING,
            borderColor=WARNING,
            borderWidth=1,
            borderPadding=6,
            backColor=WARNING_SHADE,
            spaceBefore=4,
            spaceAfter=6,
        )
        self.bullet = ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1
        )
