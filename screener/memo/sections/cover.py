"""The cover: title and the case at a glance (status, clocks, risk tier, marking, versions)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, TableStyle

from screener.memo.headline import clock_lines, marking_for
from screener.memo.layout import MemoLayout
from screener.memo.style import INK, SHADE


def cover(memo: MemoLayout) -> list[Flowable]:
    d = memo.data
    a = d.assessment
    sources = sorted({v.source for v in d.list_versions})
    tier = f"{a.tier} ({a.total_score:g})" if a else memo.t["none_assessed"]
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
        ("statutory_clock", "\n".join(clock_lines(d, memo.t)) or None),
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
        table,
        Spacer(1, 3),
        memo.p(memo.as_of_text(), memo.s.muted),
    ]
