"""The append-only, hash-chained audit log.

Each record's hash covers its own fields and the previous record's hash. Editing a record
changes its hash; deleting one breaks the link from its successor. `verify` walks the chain
and names the first record where it breaks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from screener.identity import current_user
from screener.models import AuditEvent, utcnow

GENESIS = "0" * 64


def _digest(event: AuditEvent) -> str:
    payload = {
        "id": event.id,
        "at": event.at.isoformat(timespec="microseconds"),
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "case_id": event.case_id,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    """Two writers on PostgreSQL must not both append after the same record."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(727274)"))


def record(
    session: Session,
    action: str,
    object_type: str,
    object_id: str | int,
    *,
    case_id: str | None = None,
    details: dict[str, Any] | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction: it commits or rolls back with the change."""
    _lock_chain(session)
    last = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    event = AuditEvent(
        id=(last.id + 1) if last else 1,
        at=utcnow(),
        actor=actor or current_user(),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        case_id=case_id,
        details=json.loads(json.dumps(details or {}, default=str)),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    event.hash = _digest(event)
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str


def verify(session: Session) -> list[ChainBreak]:
    """Every place where the chain is broken; an empty list means intact."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS
    expected_id = 1
    for event in session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        if event.id != expected_id:
            breaks.append(
                ChainBreak(expected_id, f"records {expected_id}..{event.id - 1} are missing (deleted)")
            )
        elif event.prev_hash != expected_prev:
            breaks.append(ChainBreak(event.id, "does not link to the record before it"))
        if _digest(event) != event.hash:
            breaks.append(ChainBreak(event.id, "content was changed after it was written"))
        expected_prev = event.hash
        expected_id = event.id + 1
    return breaks


def events_for_case(session: Session, case_id: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
    return list(session.execute(query).scalars())


def format_time(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")
