"""Four eyes: a reviewer proposes the decision, a different person approves it.

The reviewer signs with an outcome (cleared, cleared with mitigation, recommend block); the
approver either approves it, which decides the case, or returns it with a comment, which
voids the reviewer's signature. The approver may record a dissent and still approve (the memo
prints it). Identity comes from `screener.identity.current_user(session)` unless given.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, object_session

from screener import audit
from screener.audit_state import state_of
from screener.identity import current_user
from screener.lists.entity_links import entity_map
from screener.lists.resolve import EntityMap
from screener.models import Case, CaseStatus, SignOff, utcnow
from screener.words import counted
from screener.workflow import lifecycle
from screener.workflow.adjudication import MatchStatus
from screener.workflow.concurrency import check_version, detect_conflicts
from screener.workflow.entity_hits import group_matches
from screener.workflow.errors import WorkflowError
from screener.workflow.lifecycle import OUTCOME_LABELS, Outcome
from screener.workflow.screening_state import Assessed, ScreeningState, screening_state


class Role:
    REVIEWER = "reviewer"
    APPROVER = "approver"


RETURNED = "returned"
SIGNABLE_STATUSES = (CaseStatus.IN_REVIEW, CaseStatus.ESCALATED)


def awaiting_approval(case: Case) -> SignOff | None:
    """The reviewer's signature still waiting for an approver, if any."""
    waiting: SignOff | None = None
    for sign_off in case.sign_offs:
        waiting = sign_off if sign_off.role == Role.REVIEWER else None
    return waiting


@dataclass(frozen=True)
class Blocker:
    """One reason a case cannot be signed now; `code` lets the window translate it."""

    # not_signable | undecided | unsure | new_hits | not_screened | lists_changed | no_lists
    # | not_assessed | assessment_outdated
    code: str
    count: int = 0
    status: str = ""
    names: tuple[str, ...] = ()

    @property
    def named(self) -> str:
        """The first few names (a case may have dozens of parties), then how many more."""
        shown = ", ".join(self.names[:3])
        return shown + (f" and {len(self.names) - 3} more" if len(self.names) > 3 else "")

    @property
    def _are(self) -> str:
        return "is" if self.count == 1 else "are"

    @property
    def message(self) -> str:
        names = self.named
        return {
            "not_signable": f"The case is {lifecycle.STATUS_LABELS.get(self.status, self.status)}; "
            "only a case in review or escalated can be signed.",
            "undecided": f"{counted(self.count, 'screening match', 'screening matches')} "
            f"{self._are} still undecided.",
            "unsure": f"{counted(self.count, 'match', 'matches')} {self._are} marked unsure: a "
            "case cannot be cleared while a possible hit is unresolved.",
            "new_hits": "New list hits arrived since the last review: review them first.",
            "not_screened": f"Not screened: {counted(self.count, 'party', 'parties')} "
            f"{'was' if self.count == 1 else 'were'} never screened or changed since ({names}); "
            "screen the case first.",
            "lists_changed": f"Screened against old lists: {names} have a newer active version; "
            "screen the case again.",
            "no_lists": "No sanctions list is loaded: import the lists and screen the case.",
            "not_assessed": "Not assessed: run the risk assessment first.",
            "assessment_outdated": "The risk assessment is older than the latest screening or "
            "match decision: assess the case again.",
        }[self.code]


def blocking(case: Case, outcome: str | None = None) -> list[Blocker]:
    """Why the case cannot be signed now; empty when it can."""
    found = []
    if case.status not in SIGNABLE_STATUSES:
        found.append(Blocker("not_signable", status=case.status))
    session = object_session(case)
    refs = {(m.source_name, m.entry_key) for m in case.matches}
    entities = entity_map(session, refs) if session is not None else EntityMap({}, {})
    hits = group_matches(case.matches, entities)  # one decision per listed entity
    pending = sum(1 for hit in hits if hit.status == MatchStatus.PENDING)
    if pending:
        found.append(Blocker("undecided", pending))
    unsure = sum(1 for hit in hits if hit.status == MatchStatus.UNSURE)
    if unsure and outcome in (Outcome.CLEARED, Outcome.CLEARED_WITH_MITIGATION):
        found.append(Blocker("unsure", unsure))
    if case.has_new_hits:
        found.append(Blocker("new_hits"))
    found.extend(screening_blockers(screening_state(case)))
    return found


def screening_blockers(state: ScreeningState) -> list[Blocker]:
    """A case is cleared only after it was screened, against the lists now active, and assessed."""
    found = []
    if state.no_lists:
        found.append(Blocker("no_lists"))
    if state.unscreened:
        found.append(Blocker("not_screened", len(state.unscreened), names=state.unscreened))
    if state.newer_lists and not state.no_lists:
        found.append(Blocker("lists_changed", len(state.newer_lists), names=state.newer_lists))
    if state.assessed == Assessed.NEVER:
        found.append(Blocker("not_assessed"))
    elif state.assessed == Assessed.OUTDATED:
        found.append(Blocker("assessment_outdated"))
    return found


def blockers(case: Case, outcome: str | None = None) -> list[str]:
    """The same reasons as sentences, for the CLI and error messages."""
    return [blocker.message for blocker in blocking(case, outcome)]


def sign_as_reviewer(
    session: Session,
    case_id: str,
    outcome: str,
    comment: str,
    *,
    expected_version: int | None = None,
    user: str | None = None,
) -> SignOff:
    if outcome not in Outcome.ALL:
        raise WorkflowError(
            "Unknown decision '{outcome}'; expected one of {expected}.",
            outcome=outcome,
            expected=", ".join(Outcome.ALL),
        )
    case = lifecycle.load_case(session, case_id)
    check_version(case, expected_version)
    _refuse_if_blocked(case, outcome)
    comment = comment.strip()
    if outcome == Outcome.CLEARED_WITH_MITIGATION and not (comment or case.mitigation):
        raise WorkflowError(
            "Clearing with mitigation needs the mitigation measures in the comment."
        )
    if awaiting_approval(case) is not None:
        raise WorkflowError("The case is already signed by a reviewer and waits for approval.")
    return _sign(session, case, Role.REVIEWER, outcome, comment, "", user or current_user(session))


def approve(
    session: Session,
    case_id: str,
    *,
    comment: str = "",
    dissent: str = "",
    expected_version: int | None = None,
    user: str | None = None,
) -> SignOff:
    """The second pair of eyes: decides the case with the reviewer's outcome."""
    actor = user or current_user(session)
    case = lifecycle.load_case(session, case_id)
    check_version(case, expected_version)
    reviewed = _reviewer_signature(case)
    _refuse_own_work(case, reviewed, actor)
    _refuse_if_blocked(case, reviewed.outcome)
    sign_off = _sign(
        session, case, Role.APPROVER, reviewed.outcome, comment.strip(), dissent.strip(), actor
    )
    label = OUTCOME_LABELS.get(reviewed.outcome or "", reviewed.outcome)
    lifecycle.record_decision(
        session,
        case_id,
        reviewed.outcome or "",
        reason=f"{label}: reviewed by {reviewed.user}, approved by {actor}",
        user=actor,
    )
    return sign_off


def return_to_reviewer(
    session: Session,
    case_id: str,
    comment: str,
    *,
    expected_version: int | None = None,
    user: str | None = None,
) -> SignOff:
    """The approver disagrees: the reviewer's signature is void and the case stays open."""
    actor = user or current_user(session)
    if not comment.strip():
        raise WorkflowError("Say why the case goes back to the reviewer.")
    case = lifecycle.load_case(session, case_id)
    check_version(case, expected_version)
    reviewed = _reviewer_signature(case)
    _refuse_own_work(case, reviewed, actor)
    return _sign(session, case, Role.APPROVER, RETURNED, comment.strip(), "", actor)


def _refuse_own_work(case: Case, reviewed: SignOff, actor: str) -> None:
    """Four eyes: the approver neither signed the case as reviewer nor decided its matches.

    The office server checks the same (screener.office.policies); this says it first, in
    words, on every database.
    """
    if reviewed.user == actor:
        raise WorkflowError(
            "Four eyes: {actor} signed as reviewer and cannot also approve. Another person "
            "must approve.",
            actor=actor,
        )
    if any(d.decided_by == actor for match in case.matches for d in match.decisions):
        raise WorkflowError(
            "Four eyes: {actor} decided a match of case {case} and cannot also approve it. "
            "Another person must approve.",
            actor=actor,
            case=case.id,
        )


def _reviewer_signature(case: Case) -> SignOff:
    reviewed = awaiting_approval(case)
    if reviewed is None:
        raise WorkflowError(
            "Case {case} has no reviewer's signature waiting for approval.", case=case.id
        )
    return reviewed


def _refuse_if_blocked(case: Case, outcome: str | None) -> None:
    problems = blockers(case, outcome)
    if problems:
        raise WorkflowError(
            "Case {case} cannot be signed: {problems}", case=case.id, problems=" ".join(problems)
        )


def _sign(
    session: Session,
    case: Case,
    role: str,
    outcome: str | None,
    comment: str,
    dissent: str,
    actor: str,
) -> SignOff:
    with detect_conflicts(session, "case", case.id):
        sign_off = SignOff(
            case=case,
            role=role,
            user=actor,
            signed_at=utcnow(),
            outcome=outcome,
            comment=comment,
            dissent=dissent,
        )
        session.add(sign_off)
        case.updated_at = utcnow()  # bumps the version: a rival signature collides here
    audit.record(
        session,
        f"case.signed_{role}" if outcome != RETURNED else "case.returned_to_reviewer",
        "case",
        case.id,
        case_id=case.id,
        details={"role": role, "outcome": outcome, "comment": comment, "dissent": dissent}
        | state_of([sign_off, case]),
        actor=actor,
    )
    return sign_off
