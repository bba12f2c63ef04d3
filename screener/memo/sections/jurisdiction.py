"""Jurisdiction and filing analysis (CFIUS, FEFTA): filing facts and the filing outcomes
the rule packs reached, with the gate rules that decided them."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from screener.memo.data import MemoFilingDue
from screener.memo.fonts import markup
from screener.memo.layout import MemoLayout
from screener.memo.sections.risk import CATEGORIES, hits_table, room_for_first_hit


def jurisdiction(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    out = memo.heading("sec_jurisdiction")
    out.append(
        memo.p(f"{memo.t['jurisdictions']}: {', '.join(d.jurisdictions) or memo.t['not_recorded']}")
    )
    out += memo.sub("filing_facts")
    out.append(
        memo.facts_table(d.filing_facts) if d.filing_facts else memo.empty("no_filing_facts")
    )
    out += memo.sub("filing_outcomes")
    a = d.assessment
    if a is None:
        out.append(memo.empty("no_outcomes_assessment"))
        return out
    gates = [h for h in a.hits if h.category not in CATEGORIES]
    if not a.outcomes and not gates:
        out.append(memo.empty("no_outcomes"))
    for outcome in a.outcomes:
        out.append(Paragraph(markup(memo.outcome(outcome)), memo.s.bullet, bulletText="•"))
    if d.filing_dues:
        out += memo.sub("filing_due_heading")
        for filing in d.filing_dues:
            out.append(Paragraph(markup(_due_text(memo, filing)), memo.s.bullet, bulletText="•"))
    if gates:
        table = hits_table(memo, gates)
        out.append(room_for_first_hit(memo, table))
        out += memo.sub("gate_rules")
        out.append(table)
    return out


def _due_text(memo: MemoLayout, filing: MemoFilingDue) -> str:
    """The filing's due date, or plainly unknown when no completion date is recorded. The
    filing is named as the outcome that requires it, in the memo's language (the reference
    file's title is English)."""
    title = filing.title if memo.lang == "en" else memo.term(filing.outcome)
    if filing.due is None or filing.completion is None:
        return memo.label("filing_due_unknown", title=title, citation=filing.citation)
    return memo.label(
        "filing_due",
        title=title,
        due=filing.due.isoformat(),
        days=filing.days,
        completion=filing.completion.isoformat(),
        citation=filing.citation,
    )
