"""What every memo section draws with: the case's data, the reader's words and the tables.

One `MemoLayout` per memo; it numbers the section headings as the sections ask for them, so the
renderer's order is the printed order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from screener.deals.choice_words import choice_words
from screener.memo.data import Fact, MemoData, MemoMatch
from screener.memo.flowables import NeedSpace, Rule
from screener.memo.fonts import SANS, markup, runs, string_width
from screener.memo.labels import coded_term, labels_for, outcome_words
from screener.memo.style import INK, RULE, SHADE, Styles

# facts whose values are a deal file's coded choices or minerals, joined by ', '
CHOSEN = frozenset({"structure", "asset_type", "processing_stages", "minerals", "jp_mof_class"})


class MemoLayout:
    """The data, words, styles and width one memo's sections share."""

    def __init__(self, data: MemoData, lang: str, width: float, height: float = 600) -> None:
        self.data = data
        self.max_block = height * 0.9  # a bigger demand could never be met, even on a new page
        self.lang = lang
        self.t = labels_for(lang)
        self.width = width
        self.s = Styles()
        self.section_number = 0

    def p(self, text: object, style: ParagraphStyle | None = None, bold: bool = False) -> Paragraph:
        return Paragraph(markup(text, bold), style or self.s.body)

    def label(self, key: str, **values: object) -> str:
        text = self.t[key]
        return text.format(**values) if values else text

    def value(self, value: Any) -> str:
        if value is None or value == "":
            return self.t["not_recorded"]
        if isinstance(value, bool):
            return self.t["yes"] if value else self.t["no"]
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M") + " UTC"
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def term(self, raw: str | None) -> str:
        """A stored code (status, outcome) in the reader's words."""
        if not raw:
            return self.t["not_recorded"]
        return coded_term(self.t, raw)

    def fact_value(self, fact: Fact) -> str:
        """A fact's value; coded values (the deal structure, the asset's type and stages) in
        the reader's words."""
        text = self.value(fact.value)
        if fact.label in CHOSEN:
            joined = "、" if self.lang == "ja" else ", "
            return joined.join(choice_words(item, self.lang) for item in text.split(", "))
        return text

    def outcome(self, text: str) -> str:
        """'Escalate (C3)' in the reader's words: the label translated, the rule ids kept."""
        return outcome_words(self.t, text)

    def empty(self, key: str, **values: object) -> Paragraph:
        return self.p(self.label(key, **values), self.s.empty)

    def heading(self, key: str, needed: float = 55 * mm) -> list[Flowable]:
        """A numbered section heading, moved to the next page unless `needed` space follows."""
        self.section_number += 1
        text = f"{self.section_number}. {self.t[key]}"
        return [
            NeedSpace(min(needed, self.max_block)),
            Paragraph(markup(text), self.s.h1),
            Rule(self.width),
            Paragraph(markup(self.as_of_text()), self.s.muted),
        ]

    def as_of_text(self) -> str:
        """The date every section speaks of: the assessment's as-of date, said each time."""
        if self.data.as_of is not None:
            return self.label("as_of_assessment", when=self.data.as_of.isoformat())
        return self.label("as_of_memo", when=self.data.generated_at.date().isoformat())

    def sub(self, key: str, **values: object) -> list[Flowable]:
        """A sub-heading that never ends a page: it moves on unless some content fits too."""
        return [NeedSpace(30 * mm), self.p(self.label(key, **values), self.s.h2)]

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[object]],
        fractions: Sequence[float],
        label_column: bool = False,
    ) -> Table:
        """A ruled table where long text wraps instead of overflowing.

        Cells whose text fits on one line in one font are drawn as plain strings; laying out a
        Paragraph for each is most of the memo's build time.
        """
        widths = [self.width * f for f in fractions]
        cell_fonts: list[tuple[int, int, str]] = []

        def cell(value: object, row: int, column: int, bold: bool) -> object:
            if isinstance(value, Flowable):
                return value
            text = "" if value is None else str(value)
            pieces = list(runs(text, bold)) if "\n" not in text else []
            if len(pieces) == 1 and string_width(text, 8.2, bold) <= widths[column] - 8.5:
                font, shown = pieces[0]
                if font != SANS:
                    cell_fonts.append((column, row, font))
                return shown
            if not text:
                return ""
            return self.p(text, self.s.cell_bold if bold else self.s.cell)

        cells: list[list[object]] = []
        if header:
            cells.append([cell(h, 0, i, True) for i, h in enumerate(header)])
        for row in rows:
            r = len(cells)
            cells.append([cell(c, r, i, label_column and i == 0) for i, c in enumerate(row)])
        table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), SANS),  # the default, Helvetica, is not embedded
            ("FONTSIZE", (0, 0), (-1, -1), 8.2),
            ("LEADING", (0, 0), (-1, -1), 10.4),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            style += [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
            ]
        if label_column:
            style += [("BACKGROUND", (0, 0 if not header else 1), (0, -1), SHADE)]
        style += [("FONTNAME", (c, r), (c, r), font) for c, r, font in cell_fonts]
        table.setStyle(TableStyle(style))
        return table

    def facts_table(self, facts: Sequence[Fact]) -> Table:
        return self.table(
            None,
            [(self.t[f.label], self.fact_value(f)) for f in facts],
            (0.34, 0.66),
            label_column=True,
        )

    def hashed_table(
        self,
        header: Sequence[str],
        rows: Sequence[tuple[Sequence[object], str]],
        fractions: Sequence[float],
    ) -> Table:
        """Rows each followed by their SHA-256 on a full-width line: a checksum only proves
        anything whole, so it must never wrap."""
        cells: list[Sequence[object]] = []
        for values, digest in rows:
            cells.append(values)
            blank = [""] * (len(values) - 1)
            cells.append([self.p(f"SHA-256: {digest}", self.s.small), *blank])
        table = self.table(header, cells, fractions)
        spans = [("SPAN", (0, r), (-1, r)) for r in range(2, len(cells) + 1, 2)]
        joins = [
            ("LINEBELOW", (0, r), (-1, r), 0, colors.white) for r in range(1, len(cells) + 1, 2)
        ]
        table.setStyle(TableStyle(spans + joins))
        return table


def paragraphs(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} %".replace(".00 %", " %")


def match_counts(matches: Sequence[MemoMatch]) -> dict[str, int]:
    counts = {"confirmed": 0, "unsure": 0, "pending": 0, "dismissed": 0}
    for m in matches:
        counts[m.status if m.status in counts else "pending"] += 1
    return counts
