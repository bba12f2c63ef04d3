"""Sign-off: analyst, reviewer and approver, returns on record, and room for a dissent."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from screener.memo.data import MemoData, MemoSignOff
from screener.memo.flowables import WritingLines
from screener.memo.layout import MemoLayout

SIGN_OFF_ROLES = ("analyst", "reviewer", "approver")


def sign_off(memo: MemoLayout) -> list[Flowable]:
    out = memo.heading("sec_signoff")
    valid, returns = valid_signatures(memo.data)
    rows = []
    for role in SIGN_OFF_ROLES:
        s = valid.get(role)
        if s is None and role == "analyst" and memo.data.assignee:
            rows.append(
                (
                    memo.t["role_analyst"],
                    f"{memo.data.assignee} ({memo.t['prepared_by_assignee']})",
                    "",
                    "",
                    "",
                )
            )
        elif s is None:
            rows.append((memo.t[f"role_{role}"], "", "", "", ""))
        else:
            outcome = memo.term(s.outcome) if s.outcome else "—"
            if s.comment:
                outcome += f" — {s.comment}"
            rows.append((memo.t[f"role_{role}"], s.user, memo.value(s.signed_at), outcome, ""))
    header = [
        memo.t[k] for k in ("col_role", "col_name", "col_date", "col_outcome", "col_signature")
    ]
    table = memo.table(header, rows, (0.14, 0.22, 0.17, 0.27, 0.2), label_column=True)
    table.setStyle(
        TableStyle([("TOPPADDING", (0, 1), (-1, -1), 9), ("BOTTOMPADDING", (0, 1), (-1, -1), 12)])
    )
    out.append(table)
    for r in returns:
        text = memo.label(
            "returned_by", user=r.user, when=memo.value(r.signed_at), comment=r.comment
        )
        out.append(memo.p(text, memo.s.muted))
    dissents = [s for s in memo.data.sign_offs if s.dissent.strip()]
    box: list[Flowable] = [memo.p(memo.t["dissent_room"], memo.s.h2)]
    for s in dissents:
        role = memo.t.get(f"role_{s.role}", s.role)
        box.append(memo.p(f"{role} {s.user}, {memo.value(s.signed_at)}: {s.dissent}"))
    box.append(WritingLines(memo.width, 2 if dissents else 4))
    out += [Spacer(1, 8), *box]
    return [KeepTogether(out)]  # the signatures and the room for a dissent share a page


def valid_signatures(data: MemoData) -> tuple[dict[str, MemoSignOff], list[MemoSignOff]]:
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
