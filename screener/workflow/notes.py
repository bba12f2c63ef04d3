"""Case notes: appended, never edited, each with its audit record.

A correction is a new note, so the file reads as it was written and the audit trail
matches it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from screener import audit
from screener.identity import current_user
from screener.models import Note
from screener.workflow.errors import WorkflowError
from screener.workflow.lifecycle import load_case


def add_note(session: Session, case_id: str, text: str, *, user: str | None = None) -> Note:
    text = (text or "").strip()
    if not text:
        raise WorkflowError("A note needs some text.")
    load_case(session, case_id)
    note = Note(case_id=case_id, author=user or current_user(session), text=text)
    session.add(note)
    session.flush()
    audit.record(
        session,
        "note.added",
        "note",
        note.id,
        case_id=case_id,
        details={"text": text},
        actor=note.author,
    )
    return note
