"""Four eyes: a reviewer and a different approver; blockers stop a premature decision."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from screener import audit
from screener.identity import mark_training, os_login
from screener.models import Case, CaseStatus
from screener.store import Store
from screener.workflow import adjudication, signoff
from screener.workflow.errors import WorkflowError
from screener.workflow.lifecycle import Outcome
from tests.factory import (
    make_case,
    make_entry,
    make_match,
    make_version,
    mark_screened,
)


def _case_with_match(store: Store) -> int:
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        entry = make_entry(session, make_version(session), "SDN-1", "NORTHERN MINERALS")
        return make_match(session, case, entry).id


def _screened(session: Session, case_id: str = "C-1") -> None:
    case = session.get(Case, case_id)
    assert case is not None
    mark_screened(session, case)


def _load(store: Store) -> Case:
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        case.sign_offs, case.status_changes  # noqa: B018
        return case


def test_a_reviewer_and_a_different_approver_decide_the_case(store: Store) -> None:
    match_id = _case_with_match(store)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, match_id, "dismiss", "Different company", user="ana")
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "No hits", user="ana")
    with store.unit_of_work() as session:
        signoff.approve(session, "C-1", comment="Agree", user="bo")
    case = _load(store)
    assert (case.status, case.decision) == (CaseStatus.DECIDED, Outcome.CLEARED)
    assert [(s.role, s.user, s.outcome) for s in case.sign_offs] == [
        ("reviewer", "ana", "cleared"),
        ("approver", "bo", "cleared"),
    ]
    with store.session() as session:
        actions = [e.action for e in audit.events_for_case(session, "C-1")]
    assert actions[-3:] == ["case.signed_reviewer", "case.signed_approver", "case.status_changed"]


def test_the_reviewer_cannot_approve_their_own_decision(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.RECOMMEND_BLOCK, "SDN owner", user="ana")
    with pytest.raises(WorkflowError, match="Four eyes: ana"):
        with store.unit_of_work() as session:
            signoff.approve(session, "C-1", user="ana")
    assert _load(store).status == CaseStatus.IN_REVIEW


def test_identity_is_the_os_login_and_a_declared_name_only_in_training(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.RECOMMEND_BLOCK, "SDN owner")
    monkeypatch.setenv("SCREENER_USER", "approver.sato")  # not a training database: ignored
    with pytest.raises(WorkflowError, match=f"Four eyes: {os_login()}"):
        with store.unit_of_work() as session:
            signoff.approve(session, "C-1")
    with store.unit_of_work() as session:
        mark_training(session)
    with store.unit_of_work() as session:
        signoff.approve(session, "C-1")
    assert _load(store).sign_offs[-1].user == "approver.sato (declared, not authenticated)"


def test_an_approver_who_decided_a_match_of_the_case_cannot_approve(store: Store) -> None:
    match_id = _case_with_match(store)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, match_id, "dismiss", "Different company", user="bo")
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "No hits", user="ana")
    with pytest.raises(WorkflowError, match="Four eyes: bo decided a match of case C-1"):
        with store.unit_of_work() as session:
            signoff.approve(session, "C-1", user="bo")
    assert _load(store).status == CaseStatus.IN_REVIEW


def test_undecided_matches_block_the_sign_off(store: Store) -> None:
    _case_with_match(store)
    with pytest.raises(WorkflowError, match="1 screening match"):
        with store.unit_of_work() as session:
            _screened(session)
            signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok", user="ana")


def test_an_unsure_match_blocks_clearing_but_not_a_block_recommendation(store: Store) -> None:
    match_id = _case_with_match(store)
    with store.unit_of_work() as session:
        adjudication.decide_match(session, match_id, "unsure", "Possibly the same")
    with pytest.raises(WorkflowError, match="unsure"):
        with store.unit_of_work() as session:
            _screened(session)
            signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok", user="ana")
    with store.unit_of_work() as session:
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.RECOMMEND_BLOCK, "Too close", user="ana")


def test_returning_voids_the_reviewer_signature(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok", user="ana")
    with store.unit_of_work() as session:
        signoff.return_to_reviewer(session, "C-1", "Check the offtake terms", user="bo")
    with pytest.raises(WorkflowError, match="no reviewer's signature"):
        with store.unit_of_work() as session:
            signoff.approve(session, "C-1", user="bo")
    with store.unit_of_work() as session:
        _screened(session)
        signoff.sign_as_reviewer(
            session,
            "C-1",
            Outcome.CLEARED_WITH_MITIGATION,
            "Proxy board; offtake guarantee",
            user="ana",
        )
        signoff.approve(session, "C-1", dissent="Would have blocked", user="bo")
    case = _load(store)
    assert case.decision == Outcome.CLEARED_WITH_MITIGATION
    assert case.sign_offs[-1].dissent == "Would have blocked"


def test_a_decided_case_cannot_be_signed_again(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1", status=CaseStatus.DECIDED, decision="cleared")
    with pytest.raises(WorkflowError, match="only a case in review"):
        with store.unit_of_work() as session:
            _screened(session)
            signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok")


def test_a_case_never_screened_cannot_be_signed_cleared(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1", parties=[{"key": "acq", "name": "KOMID"}])
        make_version(session)
    with pytest.raises(WorkflowError, match="Not screened: 1 party") as refused:
        with store.unit_of_work() as session:
            signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok", user="ana")
    assert "Not assessed" in str(refused.value)
    assert _load(store).sign_offs == []


def test_a_newer_list_version_or_an_edited_party_needs_a_new_screening(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
        _screened(session)
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None and signoff.blocking(case) == []
    with store.unit_of_work() as session:
        make_version(session, "UN Consolidated", "2026-12-01")
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        assert [(b.code, b.names) for b in signoff.blocking(case)] == [
            ("lists_changed", ("UN Consolidated",))
        ]
    with store.unit_of_work() as session:
        _screened(session)
        case = session.get(Case, "C-1")
        assert case is not None
        case.parties[0].aliases = ["Northern Minerals Group"]
    with store.session() as session:
        case = session.get(Case, "C-1")
        assert case is not None
        assert [b.code for b in signoff.blocking(case)] == ["not_screened"]


def test_a_match_decided_after_the_assessment_makes_it_out_of_date(store: Store) -> None:
    match_id = _case_with_match(store)
    with store.unit_of_work() as session:
        _screened(session)
        adjudication.decide_match(session, match_id, "dismiss", "Different company", user="ana")
    with pytest.raises(WorkflowError, match="assess the case again"):
        with store.unit_of_work() as session:
            signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok", user="ana")


def test_the_approver_is_refused_when_the_lists_changed_after_the_reviewer_signed(
    store: Store,
) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-1")
        _screened(session)
        signoff.sign_as_reviewer(session, "C-1", Outcome.CLEARED, "ok", user="ana")
    with store.unit_of_work() as session:
        make_version(session, "OFAC SDN", "v2")
    with pytest.raises(WorkflowError, match="newer active version"):
        with store.unit_of_work() as session:
            signoff.approve(session, "C-1", user="bo")
    assert _load(store).status == CaseStatus.IN_REVIEW
