"""Section 1: summary, key findings and the recommendation, boxed so it is read first."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from screener.memo.fonts import markup
from screener.memo.layout import MemoLayout, match_counts, paragraphs


def summary(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    out = memo.heading("sec_summary")
    out += memo.sub("summary")
    out += [memo.p(par) for par in paragraphs(d.summary)] or [memo.empty("no_summary")]
    out += memo.sub("key_findings")
    for finding in _key_findings(memo):
        out.append(Paragraph(markup(finding), memo.s.bullet, bulletText="•"))
    out += memo.sub("recommendation")
    if d.recommendation.strip():
        out.append(
            Paragraph("<br/>".join(markup(x) for x in paragraphs(d.recommendation)), memo.s.boxed)
        )
    else:
        out.append(memo.empty("no_recommendation"))
    return out


def _key_findings(memo: MemoLayout) -> list[str]:
    d = memo.data
    a = d.assessment
    found = []
    if a is None:
        found.append(memo.t["finding_no_assessment"])
    else:
        found.append(memo.label("finding_tier", tier=a.tier, score=f"{a.total_score:g}"))
        if a.hard_outcomes:
            found.append(memo.label("finding_outcomes", outcomes="; ".join(a.hard_outcomes)))
    if d.matches:
        found.append(memo.label("finding_matches", **match_counts(d.matches)))
    elif d.screening is not None or d.list_versions:
        found.append(memo.t["screening_clear"])
    else:
        found.append(memo.t["finding_no_screening"])
    o = d.ownership
    for regime in o.regimes:
        if regime.blocked and regime.in_force:
            found.append(
                memo.label(
                    "finding_blocked", regime=regime.regime, parties=", ".join(regime.blocked)
                )
            )
    for key, pct in (
        ("government_share", o.government_pct),
        ("adversary_share", o.adversary_pct),
        ("unresolved_share", o.unresolved_pct),
    ):
        if pct is not None:
            found.append(f"{memo.t[key]}: {pct:.1f} %")
    return found
