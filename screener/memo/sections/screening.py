"""Screening hits and how each was resolved; dismissed false positives one row each.

A hit is a listed entity: one block (or one dismissed row) per party and entity, with every
list the entity was found on, so a person on three lists is printed, and decided, once.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from screener.lists.listing_ends import end_shown
from screener.memo.data import MemoMatch
from screener.memo.fonts import markup
from screener.memo.layout import MemoLayout, match_counts


def screening(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    out = memo.heading("sec_screening")
    if d.screening is not None:
        sc = d.screening
        ran = memo.label("screening_ran", when=memo.value(sc.at), who=sc.actor, parties=sc.parties)
        out.append(memo.p(ran, memo.s.muted))
    if not d.matches:
        screened = d.screening is not None or bool(d.list_versions)
        out.append(memo.empty("screening_clear" if screened else "no_screening"))
        if d.list_versions:
            lists = ", ".join(
                v.source + (f" ({v.label})" if v.label else "") for v in d.list_versions
            )
            out.append(memo.p(memo.label("screened_lists", lists=lists), memo.s.muted))
        return out
    out.append(
        memo.p(memo.label("screening_summary", count=len(d.matches), **match_counts(d.matches)))
    )
    dismissed = [m for m in d.matches if m.status == "dismissed"]
    for match in d.matches:
        if match.status != "dismissed":
            out.append(KeepTogether(_match_block(memo, match)))
    if dismissed:
        out += memo.sub("dismissed_heading", count=len(dismissed))
        out.append(_dismissed_table(memo, dismissed))
    out += technical_appendix(memo, d.matches)
    return out


def technical_appendix(memo: MemoLayout, matches: Sequence[MemoMatch]) -> list[Flowable]:
    """The scorer's own account of each score, with its figures, for the specialist."""
    noted = [m for m in matches if m.features and m.explanation]
    if not noted:
        return []
    out = memo.sub("technical_appendix")
    for m in noted:
        text = f"{m.party_name} ~ {m.source_name} {m.entry_key}: {m.explanation}"
        out.append(memo.p(text, memo.s.muted))
    return out


def _dismissed_table(memo: MemoLayout, matches: Sequence[MemoMatch]) -> Table:
    """False positives in one row each: they must be on record, not fill the memo."""
    rows = []
    for m in matches:
        listed = f"{markup(m.matched_name)}<br/><font size=7 color='#5b6b7b'>{markup(m.why_in(memo.lang))}</font>"
        who = f"{m.decided_by}, {memo.value(m.decided_at)}" if m.decided_by else ""
        reason = f"{markup(m.reason or '—')}<br/><font size=7 color='#5b6b7b'>{markup(who)}</font>"
        rows.append(
            (
                m.party_name,
                Paragraph("<br/>".join(markup(e) for e in entries(m)), memo.s.cell),
                Paragraph(listed, memo.s.cell),
                f"{m.score:.2f}",
                Paragraph(reason, memo.s.cell),
            )
        )
    keys = ("col_party", "col_entry", "col_matched_name", "col_score", "col_reason")
    return memo.table([memo.t[k] for k in keys], rows, (0.2, 0.14, 0.3, 0.08, 0.28))


def entries(m: MemoMatch) -> list[str]:
    """'OFAC-SDN 6384', one per membership (the match's own entry when it has none)."""
    if not m.memberships:
        return [f"{m.source_name} {m.entry_key}"]
    return [f"{ms.source_name} {ms.entry_key}" for ms in m.memberships]


def lists(m: MemoMatch) -> list[str]:
    """'OFAC-SDN — SDN List', one per list the entity is on."""
    if len(m.memberships) <= 1:
        return [f"{m.source_name}" + (f" — {m.list_name}" if m.list_name else "")]
    return [
        f"{ms.source_name} {ms.entry_key}" + (f" — {ms.list_name}" if ms.list_name else "")
        for ms in m.memberships
    ]


def _match_block(memo: MemoLayout, m: MemoMatch) -> list[Flowable]:
    heading = memo.label(
        "match_heading", party=m.party_name, source=m.source_name, entry=m.entry_key
    )
    strength = memo.t["strong"] if m.is_strong else memo.t["weak"]
    decision = memo.term(m.decision) if m.decision else memo.t["decision_pending"]
    decided = f"{m.decided_by}, {memo.value(m.decided_at)}" if m.decided_by else "—"
    rows = [
        (memo.t["col_list"], "\n".join(lists(m))),
        (memo.t["col_matched_name"], m.matched_name),
        (memo.t["col_score"], f"{m.score:.2f} ({strength})"),
        (memo.t["col_programs"], ", ".join(m.programs) or "—"),
        (memo.t["why_matched"], m.why_in(memo.lang) or memo.t["no_explanation"]),
        (memo.t["col_decision"], decision),
        (memo.t["col_reason"], m.reason or "—"),
        (memo.t["col_decided"], decided),
    ]
    if m.listing_ends:
        # a 2023 list still names a person whose denial order ran out in 2026: say so
        today = memo.data.generated_at.date()
        ends = [end_shown(end, today, memo.lang) for end in m.listing_ends]
        rows.insert(4, (memo.t["listing_ends"], ", ".join(ends)))
    if m.changed_since_dismissed:
        changed = ", ".join(f.replace("_", " ") for f in m.changed_since_dismissed)
        rows.insert(5, (memo.t["changed_since_dismissed"], changed))
    if m.same_entity:
        # one decision covers every list: the evidence that they are one entity is signed too
        joined = "\n".join(link.line_in(memo.lang) for link in m.same_entity)
        rows.insert(1, (memo.t["same_entity"], joined))
    table = memo.table(None, rows, (0.2, 0.8), label_column=True)
    if m.decision in (None, "pending") or m.status == "pending":
        row = [label for label, _ in rows].index(memo.t["col_decision"])
        table.setStyle(TableStyle([("TEXTCOLOR", (1, row), (1, row), colors.HexColor("#b3261e"))]))
    return [memo.p(heading, memo.s.h2), table, Spacer(1, 4)]
