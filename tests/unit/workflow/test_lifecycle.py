from __future__ import annotations

import pytest

from screener import audit
from screener.models import Case, CaseStatus
from screener.store import Store
from screener.workflow import lifecycle
from screener.workflow.errors import ConcurrentEditError, NotFoundError, WorkflowError
from tests.factory import make_case


def test_each_change_is_recorded_with_who_and_when(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1", status=CaseStatus.NEW)
    with store.unit_of_work() as session:
        lifecycle.change_status(session, "C-1", CaseStatus.SCREENING, user="ana")
        lifecycle.change_status(session, "C-1", CaseStatus.IN_REVIEW, user="ana")
        lifecycle.change_status(session, "C-1", CaseStatus.ESCALATED, reason="SDN hit", user="bo")
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None and case.status == CaseStatus.ESCALATED
        trail = [(c.from_status, c.to_status, c.changed_by) for c in case.status_changes]
        assert trail == [
            ("new", "screening", "ana"),
            ("screening", "in_review", "ana"),
            ("in_review", "escalated", "bo"),
        ]
        assert all(c.changed_at is not None for c in case.status_changes)
        events = audit.events_for_case(session, "C-1")
        assert [e.action for e in events] == ["case.status_changed"] * 3
        assert events[-1].actor == "bo" and events[-1].details["reason"] == "SDN hit"


def test_a_transition_not_allowed_is_refused_and_names_both_states(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1", status=CaseStatus.NEW)
    with pytest.raises(WorkflowError, match="from New to Escalated"):
        with store.unit_of_work() as session:
            lifecycle.change_status(session, "C-1", CaseStatus.ESCALATED)


def test_deciding_is_only_possible_through_sign_off(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
    with pytest.raises(WorkflowError, match="sign-off"):
        with store.unit_of_work() as session:
            lifecycle.change_status(session, "C-1", CaseStatus.DECIDED)


def test_reopening_a_decided_case_needs_a_reason(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1", status=CaseStatus.DECIDED, decision="cleared")
    with pytest.raises(WorkflowError, match="reason"):
        with store.unit_of_work() as session:
            lifecycle.change_status(session, "C-1", CaseStatus.IN_REVIEW)
    with store.unit_of_work() as session:
        lifecycle.change_status(session, "C-1", CaseStatus.IN_REVIEW, reason="new facts")
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None and case.decision is None


def test_unknown_case_is_a_clear_error(store: Store) -> None:
    with pytest.raises(NotFoundError, match="NOPE"):
        with store.unit_of_work() as session:
            lifecycle.change_status(session, "NOPE", CaseStatus.SCREENING)


def test_assignment_is_audited(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
    with store.unit_of_work() as session:
        lifecycle.assign(session, "C-1", "reviewer.kato")
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None and case.assignee == "reviewer.kato"
        event = audit.events_for_case(session, "C-1")[-1]
        assert event.action == "case.assigned" and event.details["to"] == "reviewer.kato"


def test_a_stale_version_is_refused_without_saving(store: Store) -> None:
    with store.unit_of_work() as session:
        seen = make_case(session, "C-1").version
    with store.unit_of_work() as session:
        lifecycle.assign(session, "C-1", "first", expected_version=seen)
    with pytest.raises(ConcurrentEditError, match="changed by someone else"):
        with store.unit_of_work() as session:
            lifecycle.assign(session, "C-1", "second", expected_version=seen)
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None and case.assignee == "first"
