"""Replay the audit log and compare the state it describes with the live tables.

The hash chain proves the log was not edited; it says nothing about the tables beside it.
Someone with the database file could change a `decisions` row (dismissed -> confirmed, the
reason, who decided), a match's status, a signature or an ownership edge and leave the log
intact. Every audited change writes the snapshot of the rows it touched
(`screener.audit_state`); replaying the records in order (the last snapshot of a row wins)
gives what the log says each row is. Every live row must equal it: a row with no record, a
row that differs, a row the log has and the table lost, and a row the log removed but the
table still holds are each named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.audit import read_chain
from screener.audit_state import STATE_KEY, TRACKED, snapshot_values


@dataclass(frozen=True)
class StateMismatch:
    """A live row that is not what the log says it is."""

    kind: str
    row_id: str
    problem: str
    event_id: int | None = None

    def describe(self) -> str:
        where = f" (audit record {self.event_id})" if self.event_id is not None else ""
        return f"{self.kind.replace('_', ' ')} {self.row_id}: {self.problem}{where}"


Replayed = dict[str, dict[str, tuple[int, dict[str, Any] | None]]]


def replay(records: Iterable[Any]) -> Replayed:
    """kind -> row id -> (the last record that wrote it, its snapshot or None if removed).

    `records` are rows with `id` and `details`, oldest first (`audit.read_chain`).
    """
    state: Replayed = {kind: {} for kind in TRACKED}
    for record in records:
        event_id, details = record.id, record.details
        written = details.get(STATE_KEY) if isinstance(details, dict) else None
        if not written:
            continue
        for kind, rows in written.items():
            known = state.get(kind)
            if known is None:
                continue
            for row_id, values in rows.items():
                known[row_id] = (event_id, values)
    return state


def check_state(session: Session, chain: list[Any] | None = None) -> list[StateMismatch]:
    """Every live row of a tracked kind that differs from the replayed log; empty if none.

    `chain` is `audit.read_chain(session)` when the caller has read the log already.
    """
    replayed = replay(read_chain(session) if chain is None else chain)
    found: list[StateMismatch] = []
    for kind, (model, columns) in TRACKED.items():
        expected = replayed[kind]
        seen: set[str] = set()
        query = select(model.id, *(getattr(model, name) for name in columns)).order_by(model.id)
        for row in session.execute(query):
            row_id = str(row[0])
            seen.add(row_id)
            columns_read = dict(zip(columns, row[1:], strict=True))
            live = snapshot_values(kind, columns_read.__getitem__)
            found.extend(_compare(kind, row_id, live, expected.get(row_id)))
        for row_id, (event_id, values) in expected.items():
            if values is not None and row_id not in seen:
                found.append(StateMismatch(kind, row_id, "was deleted: the log has it", event_id))
    return found


def _compare(
    kind: str,
    row_id: str,
    live: dict[str, Any],
    expected: tuple[int, dict[str, Any] | None] | None,
) -> list[StateMismatch]:
    if expected is None:
        return [
            StateMismatch(
                kind, row_id, "has no audit record: it was written outside the application"
            )
        ]
    event_id, values = expected
    if values is None:
        return [StateMismatch(kind, row_id, "is present but the log removed it", event_id)]
    differing = [
        f"{name} is {live.get(name)!r}, the log says {values.get(name)!r}"
        for name in live
        if live.get(name) != values.get(name)
    ]
    if not differing:
        return []
    return [StateMismatch(kind, row_id, "; ".join(differing), event_id)]
