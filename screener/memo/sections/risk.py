"""Threat, vulnerability and consequence: one section per risk category, its rule hits in a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table

from screener.memo.data import MemoHit
from screener.memo.flowables import NeedSpace
from screener.memo.fonts import CJK, markup, runs
from screener.memo.layout import MemoLayout
from screener.risk.fact_labels import facts_in_words

CATEGORIES = ("threat", "vulnerability", "consequence")
JAPANESE_TITLE_SIZE = 9.6  # the cell's text is 8.2 points


def risk_category(memo: MemoLayout, category: str) -> list[Flowable]:
    out = memo.heading(f"sec_{category}")
    a = memo.data.assessment
    if a is None:
        out.append(memo.empty("no_assessment_category"))
        return out
    hits = [h for h in a.hits if h.category == category]
    score = dict(a.category_scores).get(category)
    if score is not None:
        out.append(memo.p(memo.label("category_score", score=f"{score:g}"), memo.s.muted))
    if not hits:
        out.append(memo.empty("no_hits_category", category=memo.term(category)))
        return out
    table = hits_table(memo, hits)
    out += [room_for_first_hit(memo, table), table]
    return out


def hits_table(memo: MemoLayout, hits: Sequence[MemoHit]) -> Table:
    rows, party_names = [], memo.data.party_names
    for h in hits:
        parts = [title_markup(memo.lang, h.title_in(memo.lang))]
        if h.rationale:
            parts.append(markup(h.rationale_in(memo.lang)))
        if h.facts:
            facts = facts_text(memo.lang, h, party_names)
            parts.append(f"<i>{markup(memo.t['facts'])}:</i> {markup(facts)}")
        if h.source:
            parts.append(f"<i>{markup(memo.t['source'])}:</i> {markup(h.source)}")
        finding = Paragraph("<br/>".join(parts), _cell_style(memo))
        outcome = memo.term(h.outcome) if h.outcome else "—"
        points = f"{h.points:+g}" if h.points is not None else outcome
        rows.append((h.rule_id, finding, points))
    header = [memo.t["col_rule"], memo.t["col_finding"], memo.t["col_points"]]
    return memo.table(header, rows, (0.1, 0.76, 0.14))


def room_for_first_hit(memo: MemoLayout, table: Table, above: float = 12 * mm) -> NeedSpace:
    """Move on to a new page unless the table's header and first hit fit below the heading
    (`above` allows for a sub-heading): a table row never splits, so a tall first hit (G3's
    reasons fill most of a page) would otherwise leave its heading alone at a page's foot."""
    table.wrap(memo.width, memo.max_block)
    first = sum(table._rowHeights[:2])  # reportlab keeps the measured heights here
    return NeedSpace(min(first + above, memo.max_block))


def title_markup(lang: str, title: str) -> str:
    """The rule's title, set apart from its rationale. The embedded CJK font has no bold, so a
    title holding Japanese is set larger instead: bold would reach only its Latin words
    ('TID', '49 %') and read as emphasis on them."""
    if _has_japanese(title):
        return f'<font size="{JAPANESE_TITLE_SIZE}">{markup(title)}</font>'
    return markup(title, bold=True)


def _has_japanese(text: str) -> bool:
    return any(font == CJK for font, _chunk in runs(text))


def _cell_style(memo: MemoLayout) -> ParagraphStyle:
    """On a Japanese memo the finding wraps as Japanese does: between any two characters, but
    never starting a line with 」 or 。 nor ending one with 「 (reportlab's CJK wrapping, which
    keeps Latin words such as company names whole). The default wrapping breaks at spaces
    first, so 'DOE 2023年重要物質リスト' ended its line after 'DOE' and '50 %' split."""
    if memo.lang != "ja":
        return memo.s.cell
    return ParagraphStyle("cell_ja", parent=memo.s.cell, wordWrap="CJK")


def facts_text(lang: str, hit: MemoHit, names: Mapping[str, str] | None = None) -> str:
    """The facts a rule read, in words (screener.risk.fact_labels.facts_in_words), parties
    by name: the memo prints no party keys for 'ACQ, HKH' to be read against."""
    return facts_in_words(hit.facts, lang, names)
