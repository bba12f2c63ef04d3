"""Section 1: summary, key findings and the recommendation, boxed so it is read first."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from screener.memo.fonts import markup
from screener.memo.layout import MemoLayout, match_counts, paragraphs
from screener.memo.sections.sign_off import valid_signatures


def summary(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    out = memo.heading("sec_summary")
    out += memo.sub("summary")
    out += [memo.p(par) for par in paragraphs(d.summary)] or [memo.empty("no_summary")]
    out += memo.sub("key_findings")
    for finding in _key_findings(memo):
        out.append(Paragraph(markup(finding), memo.s.bullet, bulletText="•"))
    out += memo.sub("recommendation")
    lines = recommendation_lines(memo)
    if lines:
        out.append(Paragraph("<br/>".join(lines), memo.s.boxed))
    else:
        out.append(memo.empty("no_recommendation"))
    return out


def recommendation_lines(memo: MemoLayout) -> list[str]:
    """What was decided: the signed outcome with the reviewer's reasoning (and the approval),
    then the analyst's written recommendation if any. A case with a decision never reads
    as having no recommendation."""
    d = memo.data
    valid, _returns = valid_signatures(d)
    reviewer, approver = valid.get("reviewer"), valid.get("approver")
    lines: list[str] = []
    if reviewer is not None and reviewer.outcome:
        lines.append(
            markup(
                memo.label(
                    "rec_signed",
                    outcome=memo.term(reviewer.outcome),
                    user=reviewer.user,
                    when=reviewer.signed_at.strftime("%Y-%m-%d"),
                ),
                bold=True,
            )
        )
        if reviewer.comment.strip():
            lines.append(markup(memo.label("rec_reasoning", comment=reviewer.comment.strip())))
        if approver is not None and approver.outcome:
            lines.append(
                markup(
                    memo.label(
                        "rec_approved",
                        user=approver.user,
                        when=approver.signed_at.strftime("%Y-%m-%d"),
                    )
                    + (f" — {approver.comment.strip()}" if approver.comment.strip() else "")
                )
            )
    elif d.decision:
        lines.append(markup(memo.label("rec_decided", outcome=memo.term(d.decision)), bold=True))
    if d.recommendation.strip():
        if lines:
            lines.append(markup(memo.t["rec_analyst"], bold=True))
        lines += [markup(x) for x in paragraphs(d.recommendation)]
    return lines


def _key_findings(memo: MemoLayout) -> list[str]:
    d = memo.data
    a = d.assessment
    found = []
    if a is None:
        found.append(memo.t["finding_no_assessment"])
    else:
        found.append(
            memo.label("finding_tier", tier=memo.term(a.tier), score=f"{a.total_score:g}")
        )
        if a.hard_outcomes:
            outcomes = "; ".join(memo.outcome(o) for o in a.hard_outcomes)
            found.append(memo.label("finding_outcomes", outcomes=outcomes))
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
                    f"finding_{regime.effect}",
                    regime=regime.title(memo.lang),
                    parties=", ".join(regime.blocked),
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
