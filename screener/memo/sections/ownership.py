"""Ownership chain and ultimate owners: the diagram, effective stakes, government,
adversary and unresolved shares, each regime's verdict and the direct links."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from screener.memo.data import Fact, OwnershipView, RegimeFinding
from screener.memo.diagram import hidden_party_count, ownership_drawing
from screener.memo.layout import MemoLayout, pct
from screener.ownership.words import control_words


def ownership(memo: MemoLayout) -> list[Flowable]:
    o = memo.data.ownership
    if not o.has_graph:
        return [*memo.heading("sec_ownership"), memo.empty("no_ownership")]
    drawing = ownership_drawing(o, memo.t, memo.width, memo.max_block - 30 * mm, memo.lang)
    out = memo.heading("sec_ownership", needed=drawing.height + 36 * mm)
    caption = [memo.p(memo.t["ownership_diagram"], memo.s.h2)]
    legend = _legend(memo, o)
    block: list[Flowable] = [*caption, drawing, memo.p(legend, memo.s.muted)]
    hidden = hidden_party_count(o)
    if hidden:
        block.append(memo.p(memo.label("diagram_truncated", count=hidden), memo.s.muted))
    out.append(KeepTogether(block))
    out += _stakes(memo, o)
    return out


def _legend(memo: MemoLayout, o: OwnershipView) -> str:
    used = sorted({m for n in o.nodes for m in n.markers})
    helps = [memo.t[m.replace("marker_", "marker_help_")] for m in used]
    if not helps:
        return memo.t["ownership_legend_plain"]
    return memo.label("ownership_legend", markers="; ".join(helps))


def _regime_status(memo: MemoLayout, r: RegimeFinding) -> str:
    if r.in_force:
        return memo.t["regime_in_force"]
    return f"{memo.t['regime_not_in_force']} {r.suspended_reason_in(memo.lang)}".strip()


def _regime_verdict(memo: MemoLayout, r: RegimeFinding) -> str:
    licence = r.effect == "licence"
    if not r.blocked:
        return memo.t["regime_clear_licence" if licence else "regime_clear"]
    would = "" if r.in_force else "would_"
    verdict = memo.label(f"regime_{would}{r.effect}", parties=", ".join(r.blocked))
    return "\n".join((verdict, *r.paths_in(memo.lang)))


def _stakes(memo: MemoLayout, o: OwnershipView) -> list[Flowable]:
    out: list[Flowable] = []
    if o.error:
        out.append(memo.p(memo.label("stakes_failed", error=o.error), memo.s.empty))
    elif o.stakes is None:
        out.append(memo.p(memo.t["stakes_not_computed"], memo.s.empty))
    else:
        out += memo.sub("effective_stakes")
        if o.as_of:
            out.append(memo.p(memo.label("stakes_as_of", when=o.as_of.isoformat()), memo.s.muted))
        rows = [
            (
                s.name,
                s.country or "—",
                pct(s.effective_pct),
                memo.t["yes"] if s.is_ultimate else "",
                s.status_in(memo.lang) or "—",
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
        out.append(memo.table([memo.t[k] for k in keys], rows, (0.36, 0.09, 0.12, 0.12, 0.31)))
        shares = (
            ("government_share", o.government_pct),
            ("adversary_share", o.adversary_pct),
            ("unresolved_share", o.unresolved_pct),
        )
        out.append(Spacer(1, 6))
        out.append(memo.facts_table([Fact(k, pct(v)) for k, v in shares]))
        if o.regimes:
            out += memo.sub("regime_findings")
            header = [memo.t["col_regime"], memo.t["col_status"], memo.t["col_explanation"]]
            rows2 = [
                (
                    f"{r.title(memo.lang)}\n{r.rule_in(memo.lang)}"
                    if r.rule
                    else r.title(memo.lang),
                    _regime_status(memo, r),
                    _regime_verdict(memo, r),
                )
                for r in o.regimes
            ]
            out.append(memo.table(header, rows2, (0.22, 0.14, 0.64)))
    out += memo.sub("direct_links")
    names = {n.key: n.name for n in o.nodes}
    rows3 = [
        (
            names.get(e.holder_key, e.holder_key),
            names.get(e.held_key, e.held_key),
            pct(e.equity_pct),
            pct(e.voting_pct),
            control_words(e.control_type, memo.lang) if e.control_type else "",
            f"{e.source} ({memo.term(e.confidence)})" if e.confidence else e.source,
        )
        for e in o.edges
    ]
    header3 = [
        memo.t[k]
        for k in (
            "col_holder",
            "col_held",
            "col_equity",
            "col_voting",
            "col_control",
            "col_source",
        )
    ]
    out.append(memo.table(header3, rows3, (0.25, 0.25, 0.09, 0.09, 0.12, 0.2)))
    return out
