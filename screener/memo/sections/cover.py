"""The cover: title and the case at a glance (status, clocks, risk tier, marking, versions)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from screener.memo.fonts import markup
from screener.memo.headline import clock_text, marking_for
from screener.memo.layout import MemoLayout
from screener.memo.style import INK, SHADE


def cover(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    a = d.assessment
    sources = sorted({v.source for v in d.list_versions})
    tier = f"{memo.term(a.tier)} ({a.total_score:g})" if a else memo.t["none_assessed"]
    pack = f"{', '.join(a.packs) or '—'} · {a.pack_hash[:12]}…" if a else memo.t["none_assessed"]
    pairs = [
        ("case_id", d.case_id),
        ("status", memo.term(d.status)),
        ("case_title", d.title),
        ("decision", memo.term(d.decision) if d.decision else None),
        ("jurisdictions", ", ".join(d.jurisdictions) or None),
        ("assignee", d.assignee),
        ("received_date", d.received_date),
        ("filing_date", d.filing_date),
        ("filing_deadline", d.filing_deadline),
        ("statutory_clock", "\n".join(_clock_cell(memo))),
        ("risk_tier", tier),
        ("handling", marking_for(d, memo.lang)),
        ("list_versions_short", ", ".join(sources) or None),
        ("rule_pack_short", pack),
    ]
    rows = []
    for i in range(0, len(pairs), 2):
        row: list[object] = []
        for key, value in pairs[i : i + 2]:
            row += [
                memo.p(memo.t[key], memo.s.cell_bold),
                memo.p(memo.value(value), memo.s.cell),
            ]
        rows.append(row)
    table = memo.table(None, rows, (0.15, 0.35, 0.15, 0.35))
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
        memo.p(memo.t["memo_title"], memo.s.title),
        memo.p(memo.t["memo_subtitle"], memo.s.subtitle),
        *not_screened_warning(memo),
        table,
        Spacer(1, 3),
    ]  # the as-of date follows at once, under section 1's heading (said once on the page)


def _clock_cell(memo: MemoLayout) -> list[str]:
    """The next obligation (as every page header says it), then a met filing deadline."""
    d = memo.data
    lines = [clock_text(d, memo.t)]
    filing_due = d.obligation is not None and d.obligation.kind == "filing"
    if d.filing_deadline and d.filing_date and not filing_due:
        met = memo.t["deadline_met"].format(
            deadline=d.filing_deadline.isoformat(), filed=d.filing_date.isoformat()
        )
        if met not in lines:
            lines.append(met)
    return lines


def not_screened_warning(memo: MemoLayout) -> list[Flowable]:
    """A case not screened against the lists active now, or not assessed since, says so first:
    a reader must never take "no matches" for "nothing found"."""
    state = memo.data.screening_state
    if state is None or state.is_complete:
        return []
    lines = []
    if state.no_lists:
        lines.append(memo.t["warn_no_lists"])
    elif state.never_screened:
        lines.append(memo.t["warn_not_screened"])
    elif state.unscreened:
        lines.append(memo.label("warn_unscreened", parties=", ".join(state.unscreened)))
    if state.newer_lists and not state.no_lists:
        lines.append(memo.label("warn_newer_lists", lists=", ".join(state.newer_lists)))
    if state.assessed == "never":
        lines.append(memo.t["warn_not_assessed"])
    elif state.assessed == "outdated":
        lines.append(memo.t["warn_assessment_outdated"])
    text = "<br/>".join(markup(line, bold=True) for line in lines)
    return [Paragraph(text, memo.s.warning), Spacer(1, 3 * mm)]
