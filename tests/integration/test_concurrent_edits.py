"""Two reviewers on one PostgreSQL database: the second writer is told, never overwrites.

Two real sessions against a real PostgreSQL server (the `postgres_url` fixture starts one).
Both load the same version of a match or case; the first commits; the second, still on the
old version, must get a ConcurrentEditError and leave the database as the first left it.
Both collision paths are covered: the version the reviewer saw (expected_version) and two
open transactions racing for the same row (the UPDATE ... WHERE version = n matches nothing).
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy.orm import Session

from screener import audit
from screener.models import Case, MatchResult
from screener.store import Store, open_store
from screener.workflow import adjudication, lifecycle, signoff
from screener.workflow.errors import ConcurrentEditError
from screener.workflow.lifecycle import Outcome
from tests.factory import (
    make_case,
    make_entry,
    make_match,
    make_version,
    mark_screened,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(postgres_url: str) -> Store:
    store = open_store(postgres_url)
    yield store  # type: ignore[misc]
    store.dispose()


def _seed(store: Store) -> int:
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        entry = make_entry(session, make_version(session), "SDN-1", "NORTHERN MINERALS")
        return make_match(session, case, entry).id


def test_two_open_transactions_on_the_same_match_the_second_is_refused(pg_store: Store) -> None:
    match_id = _seed(pg_store)
    first: Session = pg_store.session()
    second: Session = pg_store.session()
    try:
        # each reviewer holds the match they loaded (version 1) while the other saves
        held = [first.get(MatchResult, match_id), second.get(MatchResult, match_id)]
        assert [m.version for m in held if m is not None] == [1, 1]
        adjudication.decide_match(first, match_id, "confirm", "Same LEI", user="ana")
        first.commit()
        with pytest.raises(ConcurrentEditError, match="Match .* changed by someone else"):
            adjudication.decide_match(second, match_id, "dismiss", "Other company", user="bo")
        second.rollback()
    finally:
        first.close()
        second.close()
    with pg_store.session() as session:
        match = session.get(MatchResult, match_id)
        assert match is not None
        assert match.status == "confirmed" and match.version == 2
        assert [(d.outcome, d.decided_by) for d in match.decisions] == [("confirmed", "ana")]
        assert audit.verify(session) == []


def test_a_reviewer_acting_on_an_old_version_of_a_match_is_refused(pg_store: Store) -> None:
    match_id = _seed(pg_store)
    with pg_store.session() as session:
        seen = session.get(MatchResult, match_id).version  # type: ignore[union-attr]
    with pg_store.unit_of_work() as session:
        adjudication.decide_match(
            session, match_id, "dismiss", "Other company", user="ana", expected_version=seen
        )
    with pytest.raises(ConcurrentEditError, match="you were looking at version 1"):
        with pg_store.unit_of_work() as session:
            adjudication.decide_match(
                session, match_id, "confirm", "Looks like it", user="bo", expected_version=seen
            )
    with pg_store.session() as session:
        assert session.get(MatchResult, match_id).status == "dismissed"  # type: ignore[union-attr]


def test_two_open_transactions_on_the_same_case_the_second_is_refused(pg_store: Store) -> None:
    _seed(pg_store)
    first, second = pg_store.session(), pg_store.session()
    try:
        held = [first.get(Case, "C-1"), second.get(Case, "C-1")]
        assert all(case is not None and case.version == 1 for case in held)
        lifecycle.change_status(first, "C-1", "escalated", reason="SDN owner", user="ana")
        first.commit()
        with pytest.raises(ConcurrentEditError, match="Case C-1 was changed by someone else"):
            lifecycle.assign(second, "C-1", "bo", user="bo")
        second.rollback()
    finally:
        first.close()
        second.close()
    with pg_store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        assert (case.status, case.assignee) == ("escalated", None)


def test_two_reviewers_signing_the_same_case_only_one_signature_counts(pg_store: Store) -> None:
    match_id = _seed(pg_store)
    with pg_store.unit_of_work() as session:
        adjudication.decide_match(session, match_id, "dismiss", "Other company", user="ana")
        seeded = session.get(Case, "C-1")
        assert seeded is not None
        mark_screened(session, seeded)
    first, second = pg_store.session(), pg_store.session()
    try:
        held = [first.get(Case, "C-1"), second.get(Case, "C-1")]
        for case in held:
            assert case is not None and case.sign_offs == []
        signoff.sign_as_reviewer(first, "C-1", Outcome.CLEARED, "No hits", user="ana")
        first.commit()
        with pytest.raises(ConcurrentEditError):
            signoff.sign_as_reviewer(second, "C-1", Outcome.RECOMMEND_BLOCK, "Risky", user="bo")
        second.rollback()
    finally:
        first.close()
        second.close()
    with pg_store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        assert [(s.user, s.outcome) for s in case.sign_offs] == [("ana", "cleared")]


def test_two_writers_appending_to_the_audit_log_keep_one_chain(pg_store: Store) -> None:
    """The second writer waits for the first (advisory lock), then links after its record."""
    first_appended = threading.Event()

    def first_writer() -> None:
        with pg_store.unit_of_work() as session:
            audit.record(session, "test.first", "thing", 1, actor="ana")
            first_appended.set()
            time.sleep(0.5)  # the second writer is waiting for the lock meanwhile
            audit.record(session, "test.first", "thing", 2, actor="ana")

    thread = threading.Thread(target=first_writer)
    thread.start()
    assert first_appended.wait(10)
    with pg_store.unit_of_work() as session:
        audit.record(session, "test.second", "thing", 3, actor="bo")
    thread.join(10)
    with pg_store.session() as session:
        events = session.query(audit.AuditEvent).order_by(audit.AuditEvent.id).all()
        assert [e.action for e in events] == ["test.first", "test.first", "test.second"]
        assert audit.verify(session) == []
