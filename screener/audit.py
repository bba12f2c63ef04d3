"""The append-only, hash-chained audit log.

Each record's hash covers its own fields and the previous record's hash. Editing a record
changes its hash; deleting one breaks the link from its successor. Deleting the newest
records leaves no successor to notice, so every append also moves a chain-head anchor (the
last id and hash, in the settings table); `verify` compares the chain's end with it. `verify`
walks the whole chain and names every record where it breaks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import Text, cast, select, text
from sqlalchemy.orm import Session

from screener import audit_seal
from screener.identity import current_user
from screener.models import AuditEvent, Setting, utcnow

GENESIS = "0" * 64
HEAD_ANCHOR_KEY = "audit.chain_head"
# An officer's own acts that change no data: the only records a read-only login (viewer,
# auditor) makes, through the server's own-event function (screener.office.own_events).
OWN_EVENT_ACTIONS = ("session.signed_in", "audit.anchored")
OWN_EVENT_PREFIX = "refused."
OWN_EVENT_FUNCTION = "screener_record_own_event"
CHAIN_HEAD_FUNCTION = "screener_chain_head"  # the head for a login that may not read the log


def is_own_event(action: str) -> bool:
    return action in OWN_EVENT_ACTIONS or action.startswith(OWN_EVENT_PREFIX)


def _canonical(event: Any) -> str:
    """The text a record's hash covers (the server's own-event function hashes it too)."""
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
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)


def _digest(event: Any) -> str:
    return hashlib.sha256(_canonical(event).encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    """Two writers must not both append after the same record: lock before reading the head.

    PostgreSQL: an advisory lock held to the end of the transaction. SQLite: a write that
    changes nothing takes the database's write lock now (a unit of work already holds it,
    from BEGIN IMMEDIATE); in a transaction that read an older snapshot it fails at once
    instead of appending after a stale head.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(727274)"))
    elif dialect == "sqlite":
        session.execute(
            text("UPDATE settings SET value = value WHERE key = :key"), {"key": HEAD_ANCHOR_KEY}
        )


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
    """Append one event in the caller's transaction: it commits or rolls back with the change.

    A login that may not write the log (an auditor's, a viewer's) still records its own
    sign-in, refusals and anchors: the server's own-event function appends them for it.
    """
    if is_own_event(action) and _through_own_event_function(session):
        return _record_through_server(session, action, object_type, object_id, details)
    cached = _cached_head(session)
    if cached is None:
        _lock_chain(session)
        last = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar()
        anchor = session.get(Setting, HEAD_ANCHOR_KEY)
    else:
        last, anchor = cached
    event = AuditEvent(
        id=(last.id + 1) if last else 1,
        at=utcnow(),
        actor=actor or current_user(session),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        case_id=case_id,
        details=json.loads(json.dumps(details or {}, default=str)),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    event.hash = _digest(event)
    key = audit_seal.configured_key()
    event.seal = audit_seal.seal(key, event.hash) if key else None
    session.add(event)
    anchor = _move_head_anchor(session, anchor, event)
    session.flush()
    session.info[_HEAD_CACHE] = (session.get_transaction(), event, anchor)
    return event


def _through_own_event_function(session: Session) -> bool:
    """On the office server, when this login holds no INSERT on the log but the function."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    found = session.execute(
        text(
            "SELECT NOT has_table_privilege('audit_events', 'INSERT') "
            f"AND to_regproc('{OWN_EVENT_FUNCTION}') IS NOT NULL"
        )
    ).scalar()
    return bool(found)


def _record_through_server(
    session: Session,
    action: str,
    object_type: str,
    object_id: str | int,
    details: dict[str, Any] | None,
) -> AuditEvent:
    """The record built as `record` builds it; the server checks it and appends it.

    The server derives every column from the canonical text it is given, so what it stores is
    what the hash covers; it refuses any other kind of record, any other name than the login,
    and any record that does not extend the chain head. The returned event is not in the
    session (the server wrote the row).
    """
    _lock_chain(session)
    head_id, head_hash = session.execute(text(f"SELECT * FROM {CHAIN_HEAD_FUNCTION}()")).one()
    event = AuditEvent(
        id=(head_id or 0) + 1,
        at=utcnow(),
        actor=current_user(session),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        case_id=None,
        details=json.loads(json.dumps(details or {}, default=str)),
        prev_hash=head_hash or GENESIS,
        hash="",
    )
    canonical = _canonical(event)
    event.hash = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    key = audit_seal.configured_key()
    event.seal = audit_seal.seal(key, event.hash) if key else None
    session.execute(
        text(f"SELECT {OWN_EVENT_FUNCTION}(:canonical, :seal)"),
        {"canonical": canonical, "seal": event.seal},
    )
    session.info.pop(_HEAD_CACHE, None)
    return event


_HEAD_CACHE = "screener.audit.head"


def _cached_head(session: Session) -> tuple[AuditEvent, Setting] | None:
    """The record this transaction appended last, so a batch of appends skips two queries.

    Valid only inside the same transaction (which holds the chain lock) and while both
    objects are still pending or persistent in the session (a rolled-back savepoint
    expunges them).
    """
    cached = session.info.get(_HEAD_CACHE)
    if cached is None:
        return None
    transaction, event, anchor = cached
    if transaction is not session.get_transaction() or transaction is None:
        return None
    if event not in session or anchor not in session:
        return None
    return event, anchor


def _move_head_anchor(session: Session, anchor: Setting | None, event: AuditEvent) -> Setting:
    """The anchor lets `verify` notice the newest records being cut off the end."""
    value = f"{event.id}:{event.hash}"
    if anchor is None:
        anchor = Setting(key=HEAD_ANCHOR_KEY, value=value)
        session.add(anchor)
    else:
        anchor.value = value
    return anchor


def _read_head_anchor(session: Session) -> tuple[int, str] | None:
    anchor = session.get(Setting, HEAD_ANCHOR_KEY)
    if anchor is None:
        return None
    event_id, _, digest = anchor.value.partition(":")
    try:
        return int(event_id), digest
    except ValueError:
        return (-1, anchor.value)


@dataclass(frozen=True)
class ChainBreak:
    """One place where the log is not what was written: `event_id` is the record to look at."""

    event_id: int
    problem: str

    def describe(self) -> str:
        return f"audit record {self.event_id}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ChainRecord:
    """One record as read for checking (the fields of AuditEvent, without the ORM)."""

    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    case_id: str | None
    details: Any
    prev_hash: str
    hash: str
    seal: str | None


def read_chain(session: Session) -> list[ChainRecord]:
    """Every record, oldest first, read as plainly as possible.

    `verify` reads the whole log: at 100,000 records ORM objects and the standard JSON
    decoder cost more than the checks, so the details arrive as text and orjson decodes them
    (same values; the digest still encodes with the standard library).
    """
    table = AuditEvent.__table__.c
    query = select(
        *(
            cast(table.details, Text) if name == "details" else table[name]
            for name in ChainRecord.__dataclass_fields__
        )
    ).order_by(AuditEvent.id)
    at_details = list(ChainRecord.__dataclass_fields__).index("details")
    records = []
    for row in session.execute(query):
        values = list(row)
        values[at_details] = orjson.loads(values[at_details] or "null")
        records.append(ChainRecord(*values))
    return records


def verify(session: Session, chain: list[Any] | None = None) -> list[ChainBreak]:
    """Every place where the chain is broken; an empty list means intact.

    `chain` is `read_chain(session)` when the caller reads the log once for several checks.
    """
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS
    expected_id = 1
    last: Any = None
    for event in read_chain(session) if chain is None else chain:
        breaks.extend(_check_link(event, expected_id, expected_prev, last))
        if _digest(event) != event.hash:
            breaks.append(ChainBreak(event.id, "content was changed after it was written"))
        expected_prev = event.hash
        expected_id = event.id + 1
        last = event
    breaks.extend(_check_head(session, last))
    return breaks


def _check_link(
    event: Any, expected_id: int, expected_prev: str, previous: Any
) -> list[ChainBreak]:
    if event.id != expected_id:
        missing = (
            f"record {expected_id} is missing (deleted)"
            if event.id - 1 == expected_id
            else f"records {expected_id}..{event.id - 1} are missing (deleted)"
        )
        return [ChainBreak(expected_id, missing)]
    if event.prev_hash != expected_prev:
        if previous is not None:
            return [
                ChainBreak(
                    previous.id,
                    f"was changed after it was written: record {event.id} holds a different "
                    "hash for it",
                )
            ]
        return [ChainBreak(event.id, "does not start from the beginning of the chain")]
    return []


def _check_head(session: Session, last: Any) -> list[ChainBreak]:
    """The newest records cut off leave an intact but shorter chain: the anchor shows it."""
    anchor = _read_head_anchor(session)
    if anchor is None:
        if last is None:
            return []
        return [ChainBreak(last.id, "the chain-head anchor is missing (it was deleted)")]
    anchor_id, anchor_hash = anchor
    last_id = last.id if last else 0
    if anchor_id > last_id:
        first = last_id + 1
        span = f"record {first} is" if first == anchor_id else f"records {first}..{anchor_id} are"
        return [ChainBreak(first, f"{span} missing from the end of the log (deleted)")]
    if last is None or anchor_id < last_id:
        return [ChainBreak(last_id, "was added outside the application (beyond the chain head)")]
    if anchor_hash != last.hash:
        return [
            ChainBreak(
                last.id,
                "was changed after it was written: the chain-head anchor holds a different hash",
            )
        ]
    return []


def events_for_case(session: Session, case_id: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
    return list(session.execute(query).scalars())


def format_time(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S UTC")
