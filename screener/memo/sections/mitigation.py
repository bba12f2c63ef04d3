"""Mitigation options: the case's own measures, else the standard menu (proxy board, security
officer, offtake guarantees, technology ring-fencing, divestment)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from screener.memo.layout import MemoLayout

DEFAULT_MITIGATION = ("proxy_board", "security_officer", "offtake", "ringfence", "divest")


def mitigation(memo: MemoLayout) -> list[Flowable]:
    out = memo.heading("sec_mitigation")
    header = [memo.t["col_measure"], memo.t["col_description"]]
    if memo.data.mitigation:
        out.append(memo.p(memo.t["mitigation_from_case"]))
        rows = [
            (m.title + (f" ({m.status})" if m.status else ""), m.description or "—")
            for m in memo.data.mitigation
        ]
    else:
        out.append(memo.p(memo.t["mitigation_defaults"], memo.s.empty))
        rows = [(memo.t[f"mit_{k}"], memo.t[f"mit_{k}_d"]) for k in DEFAULT_MITIGATION]
    out.append(memo.table(header, rows, (0.28, 0.72), label_column=True))
    return out
