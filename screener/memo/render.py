"""Lay the memo out as a PDF with reportlab platypus: the sections in order, then the furniture.

Every page carries the handling marking at top and bottom, the case id, the statutory clock
and "page x of y" (screener.memo.page, drawn after layout, when the page count is known).
Sections follow domain.md section 7, one builder each in screener.memo.sections; a section
with nothing recorded says so in one plain sentence.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate

from screener.memo.data import MemoData
from screener.memo.fonts import register_memo_fonts
from screener.memo.labels import labels_for
from screener.memo.layout import MemoLayout
from screener.memo.page import furnished_canvas
from screener.memo.sections.cover import cover
from screener.memo.sections.jurisdiction import jurisdiction
from screener.memo.sections.mitigation import mitigation
from screener.memo.sections.notes import notes
from screener.memo.sections.ownership import ownership
from screener.memo.sections.provenance import provenance
from screener.memo.sections.risk import CATEGORIES, risk_category
from screener.memo.sections.screening import screening
from screener.memo.sections.sign_off import sign_off
from screener.memo.sections.summary import summary
from screener.memo.sections.transaction import transaction

FRAME_PADDING = 6  # platypus frames inset their content by 6 pt on each side

SECTIONS: tuple[Callable[[MemoLayout], list[Flowable]], ...] = (
    cover,
    summary,
    transaction,
    jurisdiction,
    ownership,
    screening,
    *(partial(risk_category, category=c) for c in CATEGORIES),  # threat, vulnerability, consequence
    mitigation,
    notes,
    sign_off,
    provenance,
)
"""The memo's sections in printed order; each numbers its own heading as it is built."""


def story(layout: MemoLayout) -> list[Flowable]:
    flowables: list[Flowable] = []
    for section in SECTIONS:
        flowables += section(layout)
    return flowables


def render_memo(data: MemoData, out: str | Path | BinaryIO, lang: str = "en") -> int:
    """Write the memo PDF; returns the number of pages."""
    register_memo_fonts()
    labels_for(lang)  # fail early on an unknown language
    pagesize = A4 if lang == "ja" else LETTER
    margin = 20 * mm
    doc = SimpleDocTemplate(
        out if not isinstance(out, Path) else str(out),
        pagesize=pagesize,
        leftMargin=margin - FRAME_PADDING,  # so text and table rules line up with the header
        rightMargin=margin - FRAME_PADDING,
        topMargin=58,
        bottomMargin=54,
        title=f"{labels_for(lang)['memo_title']} — {data.case_id}",
        author="Screener",
        subject=data.title,
        creator=f"Screener {data.app_version}",
    )
    layout = MemoLayout(data, lang, doc.width - 2 * FRAME_PADDING, doc.height)
    doc.build(story(layout), canvasmaker=furnished_canvas(data, lang, pagesize, margin))
    return int(doc.page)


def memo_pdf_bytes(data: MemoData, lang: str = "en") -> bytes:
    buffer = io.BytesIO()
    render_memo(data, buffer, lang)
    return buffer.getvalue()


__all__ = ["SECTIONS", "memo_pdf_bytes", "render_memo"]
