"""Lay the memo out as a PDF with reportlab platypus.

Every page carries the handling marking at top and bottom, the case id, the statutory clock
and "page x of y" (drawn after layout, when the page count is known). Sections follow
domain.md section 7; a section with nothing recorded says so in one plain sentence.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from screener.memo.diagram import hidden_party_count, ownership_drawing
from screener.memo.fonts import SANS, SANS_BOLD, markup, register_memo_fonts, runs, string_width
from screener.memo.labels import DEFAULT_MARKING, labels_for
from screener.memo.model import Fact, MemoData, MemoHit, MemoMatch, MemoSignOff
from screener.memo.ownership_view import OwnershipView, RegimeFinding

INK = colors.HexColor("#1f2a36")
MUTED = colors.HexColor("#5b6b7b")
RULE = colors.HexColor("#9aa7b4")
SHADE = colors.HexColor("#eef2f6")
BANNER = colors.HexColor("#502b85")
SIGN_OFF_ROLES = ("analyst", "reviewer", "approver")
FRAME_PADDING = 6  # platypus frames inset their content by 6 pt on each side
CATEGORIES = ("threat", "vulnerability", "consequence")
DEFAULT_MITIGATION = ("proxy_board", "security_officer", "offtake", "ringfence", "divest")


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
        self.bullet = ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1
        )


class MemoRenderer:
    """Turns one MemoData into flowables; one instance per memo."""

    def __init__(self, data: MemoData, lang: str, width: float, height: float = 600) -> None:
        self.data = data
        self.max_block = height * 0.9  # a bigger demand could never be met, even on a new page
        self.lang = lang
        self.t = labels_for(lang)
        self.width = width
        self.s = Styles()
        self.section_number = 0

    # ----- small builders -------------------------------------------------------------------
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
        return self.t.get(f"v_{raw}", raw.replace("_", " "))

    def empty(self, key: str, **values: object) -> Paragraph:
        return self.p(self.label(key, **values), self.s.empty)

    def heading(self, key: str, needed: float = 55 * mm) -> list[Flowable]:
        """A numbered section heading, moved to the next page unless `needed` space follows."""
        self.section_number += 1
        text = f"{self.section_number}. {self.t[key]}"
        return [
            _NeedSpace(min(needed, self.max_block)),
            Paragraph(markup(text), self.s.h1),
            _Rule(self.width),
        ]

    def sub(self, key: str, **values: object) -> list[Flowable]:
        """A sub-heading that never ends a page: it moves on unless some content fits too."""
        return [_NeedSpace(30 * mm), self.p(self.label(key, **values), self.s.h2)]

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
            [(self.t[f.label], self.value(f.value)) for f in facts],
            (0.34, 0.66),
            label_column=True,
        )

    # ----- document -----------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        parts: list[Callable[[], list[Flowable]]] = [
            self.cover,
            self.summary,
            self.transaction,
            self.jurisdiction,
            self.ownership,
            self.screening,
            *[(lambda c=c: self.risk_category(c)) for c in CATEGORIES],
            self.mitigation,
            self.notes,
            self.sign_off,
            self.provenance,
        ]
        flowables: list[Flowable] = []
        for part in parts:
            flowables += part()
        return flowables

    def clock_text(self) -> str:
        return clock_text(self.data, self.t)

    def cover(self) -> list[Flowable]:
        d = self.data
        a = d.assessment
        sources = sorted({v.source for v in d.list_versions})
        tier = f"{a.tier} ({a.total_score:g})" if a else self.t["none_assessed"]
        pack = (
            f"{', '.join(a.packs) or '—'} · {a.pack_hash[:12]}…" if a else self.t["none_assessed"]
        )
        pairs = [
            ("case_id", d.case_id),
            ("status", self.term(d.status)),
            ("case_title", d.title),
            ("decision", self.term(d.decision) if d.decision else None),
            ("jurisdictions", ", ".join(d.jurisdictions) or None),
            ("assignee", d.assignee),
            ("received_date", d.received_date),
            ("filing_date", d.filing_date),
            ("filing_deadline", d.filing_deadline),
            ("statutory_clock", "\n".join(clock_lines(d, self.t)) or None),
            ("risk_tier", tier),
            ("handling", marking_for(d, self.lang)),
            ("list_versions_short", ", ".join(sources) or None),
            ("rule_pack_short", pack),
        ]
        rows = []
        for i in range(0, len(pairs), 2):
            row: list[object] = []
            for key, value in pairs[i : i + 2]:
                row += [
                    self.p(self.t[key], self.s.cell_bold),
                    self.p(self.value(value), self.s.cell),
                ]
            rows.append(row)
        table = self.table(None, rows, (0.15, 0.35, 0.15, 0.35))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (0, -1), SHADE),
                    ("BACKGROUND", (2, 0), (2, -1), SHADE),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
                ]
            )
        )
        return [
            self.p(self.t["memo_title"], self.s.title),
            self.p(self.t["memo_subtitle"], self.s.subtitle),
            table,
        ]

    def summary(self) -> list[Flowable]:
        d = self.data
        out = self.heading("sec_summary")
        out += self.sub("summary")
        out += [self.p(par) for par in _paragraphs(d.summary)] or [self.empty("no_summary")]
        out += self.sub("key_findings")
        for finding in self.key_findings():
            out.append(Paragraph(markup(finding), self.s.bullet, bulletText="•"))
        out += self.sub("recommendation")
        if d.recommendation.strip():
            out.append(
                Paragraph(
                    "<br/>".join(markup(x) for x in _paragraphs(d.recommendation)), self.s.boxed
                )
            )
        else:
            out.append(self.empty("no_recommendation"))
        return out

    def key_findings(self) -> list[str]:
        d = self.data
        a = d.assessment
        found = []
        if a is None:
            found.append(self.t["finding_no_assessment"])
        else:
            found.append(self.label("finding_tier", tier=a.tier, score=f"{a.total_score:g}"))
            if a.hard_outcomes:
                found.append(self.label("finding_outcomes", outcomes="; ".join(a.hard_outcomes)))
        if d.matches:
            found.append(self.label("finding_matches", **_match_counts(d.matches)))
        elif d.screening is not None:
            found.append(self.t["screening_clear"])
        else:
            found.append(self.t["finding_no_screening"])
        o = d.ownership
        for regime in o.regimes:
            if regime.blocked and regime.in_force:
                found.append(
                    self.label(
                        "finding_blocked", regime=regime.regime, parties=", ".join(regime.blocked)
                    )
                )
        for key, pct in (
            ("government_share", o.government_pct),
            ("adversary_share", o.adversary_pct),
            ("unresolved_share", o.unresolved_pct),
        ):
            if pct is not None:
                found.append(f"{self.t[key]}: {pct:.1f} %")
        return found

    def transaction(self) -> list[Flowable]:
        d = self.data
        out = self.heading("sec_transaction")
        out += self.sub("deal_terms")
        out.append(
            self.facts_table(d.transaction_facts)
            if d.transaction_facts
            else self.empty("no_transaction")
        )
        out += self.sub("target_asset")
        out.append(self.facts_table(d.target_facts) if d.target_facts else self.empty("no_target"))
        return out

    def jurisdiction(self) -> list[Flowable]:
        d = self.data
        out = self.heading("sec_jurisdiction")
        out.append(
            self.p(
                f"{self.t['jurisdictions']}: {', '.join(d.jurisdictions) or self.t['not_recorded']}"
            )
        )
        out += self.sub("filing_facts")
        out.append(
            self.facts_table(d.filing_facts) if d.filing_facts else self.empty("no_filing_facts")
        )
        out += self.sub("filing_outcomes")
        a = d.assessment
        if a is None:
            out.append(self.empty("no_outcomes_assessment"))
            return out
        gates = [h for h in a.hits if h.category not in CATEGORIES]
        if not a.outcomes and not gates:
            out.append(self.empty("no_outcomes"))
        for outcome in a.outcomes:
            out.append(Paragraph(markup(outcome), self.s.bullet, bulletText="•"))
        if gates:
            out += self.sub("gate_rules")
            out.append(self.hits_table(gates))
        return out

    # ----- ownership ----------------------------------------------------------------------
    def ownership(self) -> list[Flowable]:
        o = self.data.ownership
        if not o.has_graph:
            return [*self.heading("sec_ownership"), self.empty("no_ownership")]
        drawing = ownership_drawing(o, self.t, self.width, self.max_block - 30 * mm)
        out = self.heading("sec_ownership", needed=drawing.height + 36 * mm)
        caption = [self.p(self.t["ownership_diagram"], self.s.h2)]
        legend = self.legend(o)
        block: list[Flowable] = [*caption, drawing, self.p(legend, self.s.muted)]
        hidden = hidden_party_count(o)
        if hidden:
            block.append(self.p(self.label("diagram_truncated", count=hidden), self.s.muted))
        out.append(KeepTogether(block))
        out += self.stakes(o)
        return out

    def legend(self, o: OwnershipView) -> str:
        used = sorted({m for n in o.nodes for m in n.markers})
        helps = [self.t[m.replace("marker_", "marker_help_")] for m in used]
        if not helps:
            return self.t["ownership_legend_plain"]
        return self.label("ownership_legend", markers="; ".join(helps))

    def regime_status(self, r: RegimeFinding) -> str:
        if r.in_force:
            return self.t["regime_in_force"]
        return f"{self.t['regime_not_in_force']} {r.suspended_reason}".strip()

    def regime_verdict(self, r: RegimeFinding) -> str:
        if not r.blocked:
            return self.t["regime_clear"]
        verdict = self.label("regime_blocked", parties=", ".join(r.blocked))
        return "\n".join((verdict, *r.paths))

    def stakes(self, o: OwnershipView) -> list[Flowable]:
        out: list[Flowable] = []
        if o.error:
            out.append(self.p(self.label("stakes_failed", error=o.error), self.s.empty))
        elif o.stakes is None:
            out.append(self.p(self.t["stakes_not_computed"], self.s.empty))
        else:
            out += self.sub("effective_stakes")
            if o.as_of:
                out.append(
                    self.p(self.label("stakes_as_of", when=o.as_of.isoformat()), self.s.muted)
                )
            rows = [
                (
                    s.name,
                    s.country or "—",
                    _pct(s.effective_pct),
                    self.t["yes"] if s.is_ultimate else "",
                    s.status or "—",
                )
                for s in o.stakes
            ]
            keys = (
                "col_party",
                "col_country",
                "col_effective",
                "col_ultimate",
                "col_regime_status",
            )
            out.append(self.table([self.t[k] for k in keys], rows, (0.36, 0.09, 0.12, 0.12, 0.31)))
            shares = (
                ("government_share", o.government_pct),
                ("adversary_share", o.adversary_pct),
                ("unresolved_share", o.unresolved_pct),
            )
            out.append(Spacer(1, 6))
            out.append(self.facts_table([Fact(k, _pct(v)) for k, v in shares]))
            if o.regimes:
                out += self.sub("regime_findings")
                header = [self.t["col_regime"], self.t["col_status"], self.t["col_explanation"]]
                rows2 = [
                    (r.regime, self.regime_status(r), self.regime_verdict(r)) for r in o.regimes
                ]
                out.append(self.table(header, rows2, (0.22, 0.14, 0.64)))
        out += self.sub("direct_links")
        names = {n.key: n.name for n in o.nodes}
        rows3 = [
            (
                names.get(e.holder_key, e.holder_key),
                names.get(e.held_key, e.held_key),
                _pct(e.equity_pct),
                _pct(e.voting_pct),
                (e.control_type or "").replace("_", " "),
                f"{e.source} ({e.confidence})",
            )
            for e in o.edges
        ]
        header3 = [
            self.t[k]
            for k in (
                "col_holder",
                "col_held",
                "col_equity",
                "col_voting",
                "col_control",
                "col_source",
            )
        ]
        out.append(self.table(header3, rows3, (0.25, 0.25, 0.09, 0.09, 0.12, 0.2)))
        return out

    # ----- screening ----------------------------------------------------------------------
    def screening(self) -> list[Flowable]:
        d = self.data
        out = self.heading("sec_screening")
        if d.screening is not None:
            sc = d.screening
            ran = self.label(
                "screening_ran", when=self.value(sc.at), who=sc.actor, parties=sc.parties
            )
            out.append(self.p(ran, self.s.muted))
        if not d.matches:
            out.append(self.empty("screening_clear" if d.screening else "no_screening"))
            return out
        out.append(
            self.p(
                self.label("screening_summary", count=len(d.matches), **_match_counts(d.matches))
            )
        )
        dismissed = [m for m in d.matches if m.status == "dismissed"]
        for match in d.matches:
            if match.status != "dismissed":
                out.append(KeepTogether(self.match_block(match)))
        if dismissed:
            out += self.sub("dismissed_heading", count=len(dismissed))
            out.append(self.dismissed_table(dismissed))
        return out

    def dismissed_table(self, matches: Sequence[MemoMatch]) -> Table:
        """False positives in one row each: they must be on record, not fill the memo."""
        rows = []
        for m in matches:
            listed = f"{markup(m.matched_name)}<br/><font size=7 color='#5b6b7b'>{markup(m.explanation)}</font>"
            who = f"{m.decided_by}, {self.value(m.decided_at)}" if m.decided_by else ""
            reason = (
                f"{markup(m.reason or '—')}<br/><font size=7 color='#5b6b7b'>{markup(who)}</font>"
            )
            rows.append(
                (
                    m.party_name,
                    f"{m.source_name} {m.entry_key}",
                    Paragraph(listed, self.s.cell),
                    f"{m.score:.2f}",
                    Paragraph(reason, self.s.cell),
                )
            )
        keys = ("col_party", "col_entry", "col_matched_name", "col_score", "col_reason")
        return self.table([self.t[k] for k in keys], rows, (0.2, 0.14, 0.3, 0.08, 0.28))

    def match_block(self, m: MemoMatch) -> list[Flowable]:
        heading = self.label(
            "match_heading", party=m.party_name, source=m.source_name, entry=m.entry_key
        )
        strength = self.t["strong"] if m.is_strong else self.t["weak"]
        decision = self.term(m.decision) if m.decision else self.t["decision_pending"]
        decided = f"{m.decided_by}, {self.value(m.decided_at)}" if m.decided_by else "—"
        rows = [
            (self.t["col_list"], f"{m.source_name}" + (f" — {m.list_name}" if m.list_name else "")),
            (self.t["col_matched_name"], m.matched_name),
            (self.t["col_score"], f"{m.score:.2f} ({strength})"),
            (self.t["col_programs"], ", ".join(m.programs) or "—"),
            (self.t["why_matched"], m.explanation or self.t["no_explanation"]),
            (self.t["col_decision"], decision),
            (self.t["col_reason"], m.reason or "—"),
            (self.t["col_decided"], decided),
        ]
        if m.changed_since_dismissed:
            changed = ", ".join(f.replace("_", " ") for f in m.changed_since_dismissed)
            rows.insert(5, (self.t["changed_since_dismissed"], changed))
        table = self.table(None, rows, (0.2, 0.8), label_column=True)
        if m.decision in (None, "pending") or m.status == "pending":
            row = [label for label, _ in rows].index(self.t["col_decision"])
            table.setStyle(
                TableStyle([("TEXTCOLOR", (1, row), (1, row), colors.HexColor("#b3261e"))])
            )
        return [self.p(heading, self.s.h2), table, Spacer(1, 4)]

    # ----- risk ---------------------------------------------------------------------------
    def risk_category(self, category: str) -> list[Flowable]:
        out = self.heading(f"sec_{category}")
        a = self.data.assessment
        if a is None:
            out.append(self.empty("no_assessment_category"))
            return out
        hits = [h for h in a.hits if h.category == category]
        score = dict(a.category_scores).get(category)
        if score is not None:
            out.append(self.p(self.label("category_score", score=f"{score:g}"), self.s.muted))
        if not hits:
            out.append(self.empty("no_hits_category", category=self.term(category)))
            return out
        out.append(self.hits_table(hits))
        return out

    def hits_table(self, hits: Sequence[MemoHit]) -> Table:
        rows = []
        for h in hits:
            parts = [markup(h.title, bold=True)]
            if h.rationale:
                parts.append(markup(h.rationale))
            if h.facts:
                facts = "; ".join(f"{k}: {v}" if k else v for k, v in h.facts)
                parts.append(f"<i>{markup(self.t['facts'])}:</i> {markup(facts)}")
            if h.source:
                parts.append(f"<i>{markup(self.t['source'])}:</i> {markup(h.source)}")
            finding = Paragraph("<br/>".join(parts), self.s.cell)
            points = (
                f"{h.points:+g}"
                if h.points is not None
                else self.term(h.outcome)
                if h.outcome
                else "—"
            )
            rows.append((h.rule_id, finding, points))
        header = [self.t["col_rule"], self.t["col_finding"], self.t["col_points"]]
        return self.table(header, rows, (0.1, 0.76, 0.14))

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

    # ----- closing sections ---------------------------------------------------------------
    def mitigation(self) -> list[Flowable]:
        out = self.heading("sec_mitigation")
        header = [self.t["col_measure"], self.t["col_description"]]
        if self.data.mitigation:
            out.append(self.p(self.t["mitigation_from_case"]))
            rows = [
                (m.title + (f" ({m.status})" if m.status else ""), m.description or "—")
                for m in self.data.mitigation
            ]
        else:
            out.append(self.p(self.t["mitigation_defaults"], self.s.empty))
            rows = [(self.t[f"mit_{k}"], self.t[f"mit_{k}_d"]) for k in DEFAULT_MITIGATION]
        out.append(self.table(header, rows, (0.28, 0.72), label_column=True))
        return out

    def notes(self) -> list[Flowable]:
        out = self.heading("sec_notes")
        if not self.data.notes:
            out.append(self.empty("no_notes"))
        for note in self.data.notes:
            by = self.label("note_by", author=note.author, when=self.value(note.created_at))
            out.append(
                KeepTogether(
                    [
                        self.p(by, self.s.muted),
                        *[self.p(x) for x in _paragraphs(note.text)],
                        Spacer(1, 4),
                    ]
                )
            )
        return out

    def sign_off(self) -> list[Flowable]:
        out = self.heading("sec_signoff")
        valid, returns = _valid_signatures(self.data)
        rows = []
        for role in SIGN_OFF_ROLES:
            s = valid.get(role)
            if s is None and role == "analyst" and self.data.assignee:
                rows.append(
                    (
                        self.t["role_analyst"],
                        f"{self.data.assignee} ({self.t['prepared_by_assignee']})",
                        "",
                        "",
                        "",
                    )
                )
            elif s is None:
                rows.append((self.t[f"role_{role}"], "", "", "", ""))
            else:
                outcome = self.term(s.outcome) if s.outcome else "—"
                if s.comment:
                    outcome += f" — {s.comment}"
                rows.append((self.t[f"role_{role}"], s.user, self.value(s.signed_at), outcome, ""))
        header = [
            self.t[k] for k in ("col_role", "col_name", "col_date", "col_outcome", "col_signature")
        ]
        table = self.table(header, rows, (0.14, 0.22, 0.17, 0.27, 0.2), label_column=True)
        table.setStyle(
            TableStyle(
                [("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 12)]
            )
        )
        out.append(table)
        for r in returns:
            text = self.label(
                "returned_by", user=r.user, when=self.value(r.signed_at), comment=r.comment
            )
            out.append(self.p(text, self.s.muted))
        dissents = [s for s in self.data.sign_offs if s.dissent.strip()]
        box: list[Flowable] = [self.p(self.t["dissent_room"], self.s.h2)]
        for s in dissents:
            role = self.t.get(f"role_{s.role}", s.role)
            box.append(self.p(f"{role} {s.user}, {self.value(s.signed_at)}: {s.dissent}"))
        box.append(_WritingLines(self.width, 2 if dissents else 4))
        out += [Spacer(1, 8), *box]
        return [KeepTogether(out)]  # the signatures and the room for a dissent share a page

    def provenance(self) -> list[Flowable]:
        d = self.data
        out = self.heading("sec_provenance")
        out += self.sub("prov_lists")
        if d.list_versions:
            keys = ("col_list", "col_publisher_date", "col_imported", "col_entries")
            rows = [
                (
                    (v.source + (f" ({v.label})" if v.label else ""), v.publisher_date or "—",
                     self.value(v.imported_at), f"{v.entry_count:,}"),
                    v.content_hash,
                )
                for v in d.list_versions
            ]  # fmt: skip
            out.append(self.hashed_table([self.t[k] for k in keys], rows, (0.4, 0.18, 0.28, 0.14)))
        elif d.screening is not None:
            out.append(self.empty("prov_lists_unrecorded"))
        else:
            out.append(self.empty("prov_no_lists"))
        out += self.sub("prov_rules")
        a = d.assessment
        if a is None:
            out.append(self.empty("prov_no_rules"))
        else:
            pack_rows = [
                (self.t["prov_rules"], ", ".join(a.packs) or "—"),
                (self.t["pack_hash"], a.pack_hash),
                (
                    self.t["assessment"],
                    self.label(
                        "assessed_on", when=self.value(a.created_at), who=a.created_by or "—"
                    ),
                ),
            ]
            out.append(self.table(None, pack_rows, (0.25, 0.75), label_column=True))
            if a.reference_data:
                out += self.sub("reference_data")
                out.append(
                    self.hashed_table(
                        [self.t["col_reference"], self.t["col_version"]],
                        [((name, version), digest) for name, version, digest in a.reference_data],
                        (0.6, 0.4),
                    )
                )
        out.append(Spacer(1, 6))
        out.append(
            self.table(
                None,
                [
                    (self.t["app_version"], f"Screener {d.app_version}"),
                    (self.t["generated_at"], self.value(d.generated_at)),
                ],
                (0.25, 0.75),
                label_column=True,
            )
        )
        return out


class _NeedSpace(Flowable):
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


class _Rule(Flowable):
    """A hairline under a section heading."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width
        self.height = 5

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 4, self.width, 4)


class _WritingLines(Flowable):
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


def _days(days: int, t: Mapping[str, str]) -> str:
    if days > 0:
        return t["clock_days_left"].format(days=days)
    if days == 0:
        return t["clock_due_today"]
    return t["clock_overdue"].format(days=-days)


def clock_lines(data: MemoData, t: Mapping[str, str]) -> list[str]:
    """Every statutory clock on the case, then the filing deadline if one is set."""
    lines = []
    for c in data.clocks:
        if c.state == "closed":
            lines.append(t["clock_closed"].format(title=c.title))
        elif c.due is None or c.days_left is None:
            lines.append(t["clock_not_started"].format(title=c.title))
        else:
            lines.append(
                t["clock_line"].format(
                    title=c.title, due=c.due.isoformat(), clock=_days(c.days_left, t)
                )
            )
    days = data.days_to_deadline()
    if data.filing_deadline is not None and data.filing_date is not None:
        lines.append(
            t["deadline_met"].format(
                deadline=data.filing_deadline.isoformat(), filed=data.filing_date.isoformat()
            )
        )
    elif data.filing_deadline is not None and days is not None:
        lines.append(
            t["deadline_clock"].format(
                deadline=data.filing_deadline.isoformat(), clock=_days(days, t)
            )
        )
    return lines


def clock_text(data: MemoData, t: Mapping[str, str]) -> str:
    """The one clock the page header shows: the earliest running one, else the deadline."""
    running = [
        c
        for c in data.clocks
        if c.due is not None and c.days_left is not None and c.state != "closed"
    ]
    if running:
        c = running[0]
        return t["clock_line"].format(
            title=c.title, due=str(c.due), clock=_days(c.days_left or 0, t)
        )
    days = data.days_to_deadline()
    if data.filing_deadline is not None and days is not None:
        return t["deadline_clock"].format(
            deadline=data.filing_deadline.isoformat(), clock=_days(days, t)
        )
    return t["no_deadline"]


def _valid_signatures(data: MemoData) -> tuple[dict[str, MemoSignOff], list[MemoSignOff]]:
    """The signatures that stand, by role; an approver's return voids the reviewer's."""
    valid: dict[str, MemoSignOff] = {}
    returns: list[MemoSignOff] = []
    for s in data.sign_offs:
        if s.outcome == "returned":
            returns.append(s)
            valid.pop("reviewer", None)
            continue
        valid[s.role] = s
    return valid, returns


def _paragraphs(text: str) -> list[str]:
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} %".replace(".00 %", " %")


def _match_counts(matches: Sequence[MemoMatch]) -> dict[str, int]:
    counts = {"confirmed": 0, "unsure": 0, "pending": 0, "dismissed": 0}
    for m in matches:
        counts[m.status if m.status in counts else "pending"] += 1
    return counts


def marking_for(data: MemoData, lang: str) -> str:
    """The case's marking; a Japanese memo of a case left at the US default prints 取扱注意."""
    marking = data.handling_marking.strip()
    if lang != "en" and marking in ("", DEFAULT_MARKING["en"]):
        return DEFAULT_MARKING[lang]
    return marking or DEFAULT_MARKING["en"]


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


def _page_furniture(
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
    renderer = MemoRenderer(data, lang, doc.width - 2 * FRAME_PADDING, doc.height)
    doc.build(renderer.story(), canvasmaker=_page_furniture(data, lang, pagesize, margin))
    return int(doc.page)


def memo_pdf_bytes(data: MemoData, lang: str = "en") -> bytes:
    buffer = io.BytesIO()
    render_memo(data, buffer, lang)
    return buffer.getvalue()


__all__ = ["marking_for", "memo_pdf_bytes", "render_memo"]
