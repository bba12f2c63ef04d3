"""A case's state changes only with its record, on a real PostgreSQL server.

An approver (whose column grant covers `cases.status`), a reviewer and the owner each try to
move a case by raw SQL: the bare UPDATE, the UPDATE with a status-change row but no audit
record, and Decided without the approver's sign-off. The server refuses each at commit and
the case is as it was. Through Screener the same moves work (the record is written in the
same transaction) and the chain verifies.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import select

from screener import audit
from screener.audit_state import state_of
from screener.audit_verify import verify_log
from screener.models import Case, StatusChange
from screener.store import open_store
from screener.workflow import lifecycle, signoff
from screener.workflow.lifecycle import Outcome
from tests.factory import make_case, mark_screened
from tests.office_logins import digest, drop_logins, login_url, raw, set_up_office

REVIEWER, APPROVER = "status_rosa", "status_abe"
OWNER = "postgres"

MOVE_WITH_A_ROW_BUT_NO_AUDIT = (
    "INSERT INTO status_changes (case_id, from_status, to_status, changed_by, changed_at, "
    "reason) VALUES ('C-1', 'in_review', 'escalated', session_user, now(), 'x'); "
    "UPDATE cases SET status = 'escalated' WHERE id = 'C-1'"
)
ATTEMPTS = [
    (APPROVER, "UPDATE cases SET status = 'decided', decision = 'cleared' WHERE id = 'C-1'"),
    (REVIEWER, "UPDATE cases SET status = 'escalated' WHERE id = 'C-1'"),
    (REVIEWER, MOVE_WITH_A_ROW_BUT_NO_AUDIT),
    (OWNER, "UPDATE cases SET status = 'closed'"),
    (
        APPROVER,  # a status change and an audit record, but no approver's sign-off
        "INSERT INTO status_changes (case_id, from_status, to_status, changed_by, changed_at, "
        "reason) VALUES ('C-1', 'in_review', 'decided', session_user, now(), 'x'); "
        "INSERT INTO audit_events (id, at, actor, action, object_type, object_id, case_id, "
        "details, prev_hash, hash) SELECT max(id) + 1, now(), session_user, "
        "'case.status_changed', 'case', 'C-1', 'C-1', '{}', 'x', md5(random()::text) "
        "FROM audit_events; "
        "UPDATE cases SET status = 'decided', decision = 'cleared' WHERE id = 'C-1'",
    ),
]


@pytest.fixture
def office(postgres_url: str) -> Iterator[str]:
    owner = open_store(postgres_url)
    set_up_office(postgres_url, {REVIEWER: ("reviewer",), APPROVER: ("approver",)})
    with owner.unit_of_work() as session:
        case = make_case(session, "C-1")
        mark_screened(session, case)
        audit.record(session, "case.imported", "case", "C-1", case_id="C-1",
                     details=state_of([case]))  # fmt: skip
    owner.dispose()
    yield postgres_url
    drop_logins(postgres_url, REVIEWER, APPROVER)


@pytest.mark.parametrize(("login", "statement"), ATTEMPTS)
def test_a_bare_status_update_is_refused_at_commit(office: str, login: str, statement: str) -> None:
    owner = open_store(office, migrate=False)
    before = digest(owner)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="case C-1 "):
        raw(office, login, statement)
    assert digest(owner) == before
    with owner.session() as session:
        assert session.get_one(Case, "C-1").status == "in_review"
        assert verify_log(session).intact
    owner.dispose()


def test_through_screener_the_same_moves_are_recorded_and_allowed(office: str) -> None:
    reviewer = open_store(login_url(office, REVIEWER), migrate=False)
    approver = open_store(login_url(office, APPROVER), migrate=False)
    with reviewer.unit_of_work() as session:
        lifecycle.change_status(session, "C-1", "escalated", reason="ask the counterpart")
    with reviewer.unit_of_work() as session:
        lifecycle.change_status(session, "C-1", "in_review", reason="answered")
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "no hit")
    with approver.unit_of_work() as session:
        signoff.approve(session, "C-1")
    with approver.session() as session:
        case = session.get_one(Case, "C-1")
        moves = [
            (m.to_status, m.changed_by)
            for m in session.execute(select(StatusChange).order_by(StatusChange.id)).scalars()
        ]
        assert verify_log(session).intact
    assert (case.status, case.decision) == ("decided", "cleared")
    assert moves == [
        ("escalated", REVIEWER),
        ("in_review", REVIEWER),
        ("decided", APPROVER),
    ]
    reviewer.dispose()
    approver.dispose()
