"""The case lifecycle: which state may follow which, and who moved the case when.

New -> Screening -> In review -> (Escalated) -> Decided. A decision carries an outcome
(cleared, cleared with mitigation, recommend block) and is reached only through four-eyes
sign-off (`screener.workflow.signoff`), never by a plain status change. A decided case can
be reopened, with a reason, when new facts or list hits arrive.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.identity import current_user
from screener.models import Case, CaseStatus, StatusChange, utcnow
from screener.workflow.concurrency import check_version, detect_conflicts
from screener.workflow.errors import Code, NotFoundError, WorkflowError


class Outcome:
    """What a decided case concluded."""

    CLEARED = "cleared"
    CLEARED_WITH_MITIGATION = "cleared_with_mitigation"
    RECOMMEND_BLOCK = "recommend_block"
    ALL = (CLEARED, CLEARED_WITH_MITIGATION, RECOMMEND_BLOCK)


STATUS_LABELS = {
    CaseStatus.NEW: "New",
    CaseStatus.SCREENING: "Screening",
    CaseStatus.IN_REVIEW: "In review",
    CaseStatus.ESCALATED: "Escalated",
    CaseStatus.DECIDED: "Decided",
}

OUTCOME_LABELS = {
    Outcome.CLEARED: "Cleared",
    Outcome.CLEARED_WITH_MITIGATION: "Cleared with mitigation",
    Outcome.RECOMMEND_BLOCK: "Recommend block",
}

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.NEW: frozenset({CaseStatus.SCREENING, CaseStatus.IN_REVIEW}),
    CaseStatus.SCREENING: frozenset({CaseStatus.IN_REVIEW, CaseStatus.NEW}),
    CaseStatus.IN_REVIEW: frozenset(
        {CaseStatus.SCREENING, CaseStatus.ESCALATED, CaseStatus.DECIDED}
    ),
    CaseStatus.ESCALATED: frozenset(
        {CaseStatus.IN_REVIEW, CaseStatus.SCREENING, CaseStatus.DECIDED}
    ),
    CaseStatus.DECIDED: frozenset({CaseStatus.IN_REVIEW}),
}

OPEN_STATUSES = frozenset(set(CaseStatus.ALL) - {CaseStatus.DECIDED})


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())


def load_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError("No case with id '{case}'.", case=case_id)
    return case


def change_status(
    session: Session,
    case_id: str,
    to_status: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    user: str | None = None,
) -> StatusChange:
    """Move a case to another state; Decided is refused here (it needs sign-off)."""
    if to_status == CaseStatus.DECIDED:
        raise WorkflowError(
            "A case is decided only by sign-off: a reviewer and a different approver."
        )
    if to_status == CaseStatus.IN_REVIEW and _is_reopening(session, case_id) and not reason.strip():
        raise WorkflowError("Reopening a decided case needs a reason.")
    return _move(
        session,
        case_id,
        to_status,
        reason=reason,
        decision=None,
        expected_version=expected_version,
        user=user,
    )


AWAITING_SCREENING = frozenset({CaseStatus.NEW, CaseStatus.SCREENING})


def start_review_after_screening(
    session: Session, case_id: str, *, user: str | None = None
) -> StatusChange | None:
    """A screened case has results for a reviewer: New (or Screening) moves to In review.

    Called in the unit of work that stores the screening results, so the move is recorded
    (who, when, audited) exactly when the results exist; other states are left alone.
    """
    if load_case(session, case_id).status not in AWAITING_SCREENING:
        return None
    return _move(
        session,
        case_id,
        CaseStatus.IN_REVIEW,
        reason="Screened against the active lists",
        decision=None,
        expected_version=None,
        user=user,
    )


def _is_reopening(session: Session, case_id: str) -> bool:
    return load_case(session, case_id).status == CaseStatus.DECIDED


def record_decision(
    session: Session, case_id: str, outcome: str, *, reason: str, user: str | None = None
) -> StatusChange:
    """Only signoff.approve calls this: the approver's act is what decides the case."""
    if outcome not in Outcome.ALL:
        raise WorkflowError(
            "Unknown decision '{outcome}'; expected one of {expected}.",
            outcome=outcome,
            expected=", ".join(Outcome.ALL),
        )
    return _move(
        session,
        case_id,
        CaseStatus.DECIDED,
        reason=reason,
        decision=outcome,
        expected_version=None,
        user=user,
    )


def _move(
    session: Session,
    case_id: str,
    to_status: str,
    *,
    reason: str,
    decision: str | None,
    expected_version: int | None,
    user: str | None,
) -> StatusChange:
    if to_status not in CaseStatus.ALL:
        raise WorkflowError(
            "Unknown case state '{status}'; expected one of {expected}.",
            status=to_status,
            expected=", ".join(CaseStatus.ALL),
        )
    case = load_case(session, case_id)
    check_version(case, expected_version)
    from_status = case.status
    if not can_move(from_status, to_status):
        raise WorkflowError(
            "Case {case} cannot move from {from_status} to {to_status}.",
            case=case_id,
            from_status=Code(from_status, STATUS_LABELS[from_status]),
            to_status=Code(to_status, STATUS_LABELS[to_status]),
        )
    actor = user or current_user(session)
    with detect_conflicts(session, "case", case_id):
        case.status = to_status
        case.decision = decision
        change = StatusChange(
            case=case,
            from_status=from_status,
            to_status=to_status,
            changed_by=actor,
            changed_at=utcnow(),
            reason=reason.strip(),
        )
        session.add(change)
    audit.record(
        session,
        "case.status_changed",
        "case",
        case_id,
        case_id=case_id,
        details={"from": from_status, "to": to_status, "decision": decision, "reason": reason}
        | state_of([change, case]),
        actor=actor,
    )
    return change


def assign(
    session: Session,
    case_id: str,
    reviewer: str | None,
    *,
    expected_version: int | None = None,
    user: str | None = None,
) -> Case:
    """Give the case to a reviewer (None takes it back to the unassigned pile)."""
    case = load_case(session, case_id)
    check_version(case, expected_version)
    reviewer = (reviewer or "").strip() or None
    before = case.assignee
    with detect_conflicts(session, "case", case_id):
        case.assignee = reviewer
    audit.record(
        session,
        "case.assigned",
        "case",
        case_id,
        case_id=case_id,
        details={"from": before, "to": reviewer} | state_of([case]),
        actor=user or current_user(session),
    )
    return case
