"""Tamper detection: edit a record with raw SQL, delete one, cut the newest off; verify names which.

On embedded SQLite and on a real PostgreSQL server (the `any_store` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from screener import audit
from screener.store import Store


def _write_events(store: Store, count: int = 5) -> None:
    with store.unit_of_work() as session:
        for n in range(count):
            audit.record(session, "case.edited", "case", f"C-{n}", case_id="C-1", details={"n": n})


def _verify(store: Store) -> list[audit.ChainBreak]:
    with store.session() as session:
        return audit.verify(session)


def _past_the_trigger(connection: Any) -> None:
    """On PostgreSQL the records are insert-only for every role (migration 0002); these tests
    play a superuser who switches the trigger off, which the chain must still catch."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))


def _raw(store: Store, sql: str) -> None:
    with store.engine.begin() as connection:
        _past_the_trigger(connection)
        connection.execute(text(sql))


@contextmanager
def _tampering(store: Store) -> Iterator[Session]:
    with store.unit_of_work() as session:
        _past_the_trigger(session.connection())
        yield session


def test_an_untouched_chain_verifies(any_store: Store) -> None:
    _write_events(any_store)
    assert _verify(any_store) == []


def test_an_empty_log_verifies(any_store: Store) -> None:
    assert _verify(any_store) == []


def test_an_edited_record_is_named(any_store: Store) -> None:
    _write_events(any_store)
    _raw(any_store, "UPDATE audit_events SET actor = 'mallory' WHERE id = 3")
    breaks = _verify(any_store)
    assert [b.event_id for b in breaks] == [3]
    assert "changed" in breaks[0].problem


def test_an_edited_record_with_a_recomputed_hash_is_named(any_store: Store) -> None:
    _write_events(any_store)
    with _tampering(any_store) as session:
        event = session.get(audit.AuditEvent, 2)
        assert event is not None
        event.actor = "mallory"
        event.hash = audit._digest(event)
    breaks = _verify(any_store)
    assert [b.event_id for b in breaks] == [2]
    assert "record 3 holds a different hash" in breaks[0].problem


def test_a_deleted_record_is_named(any_store: Store) -> None:
    _write_events(any_store)
    _raw(any_store, "DELETE FROM audit_events WHERE id = 2")
    breaks = _verify(any_store)
    assert [(b.event_id, b.problem) for b in breaks] == [(2, "record 2 is missing (deleted)")]


def test_deleting_the_newest_records_is_detected(any_store: Store) -> None:
    _write_events(any_store, 6)
    _raw(any_store, "DELETE FROM audit_events WHERE id >= 5")
    breaks = _verify(any_store)
    assert len(breaks) == 1
    assert breaks[0].event_id == 5
    assert "records 5..6 are missing from the end" in breaks[0].problem


def test_editing_the_newest_record_with_its_hash_is_detected(any_store: Store) -> None:
    _write_events(any_store, 3)
    with _tampering(any_store) as session:
        event = session.get(audit.AuditEvent, 3)
        assert event is not None
        event.details = {"n": 99}
        event.hash = audit._digest(event)
    breaks = _verify(any_store)
    assert [b.event_id for b in breaks] == [3]


def test_wiping_the_whole_log_is_detected(any_store: Store) -> None:
    _write_events(any_store, 3)
    _raw(any_store, "DELETE FROM audit_events")
    breaks = _verify(any_store)
    assert [b.event_id for b in breaks] == [1]
    assert "records 1..3 are missing" in breaks[0].problem


def test_a_failed_unit_of_work_leaves_the_chain_and_anchor_intact(any_store: Store) -> None:
    _write_events(any_store, 2)
    try:
        with any_store.unit_of_work() as session:
            audit.record(session, "case.edited", "case", "C-9")
            raise RuntimeError("import failed half way")
    except RuntimeError:
        pass
    assert _verify(any_store) == []
    _write_events(any_store, 1)
    assert _verify(any_store) == []
