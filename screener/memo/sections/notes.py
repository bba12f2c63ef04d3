"""The case notes, each with its author and time."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from screener.memo.layout import MemoLayout, paragraphs


def notes(memo: MemoLayout) -> list[Flowable]:
    out = memo.heading("sec_notes")
    if not memo.data.notes:
        out.append(memo.empty("no_notes"))
    for note in memo.data.notes:
        by = memo.label("note_by", author=note.author, when=memo.value(note.created_at))
        out.append(
            KeepTogether(
                [
                    memo.p(by, memo.s.muted),
                    *[memo.p(x) for x in paragraphs(note.text)],
                    Spacer(1, 4),
                ]
            )
        )
    return out
