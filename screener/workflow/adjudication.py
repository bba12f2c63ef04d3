"""Adjudication: a reviewer confirms, dismisses or marks a match unsure, always with a reason.

A decision is taken on a listed entity (`decide_entity`): the same person on the SDN list,
the CSL's copy and the UN list is one decision, recorded on each of the party's matches
with that entity (a Decision and an audit record each, naming the whole entity), so that
decision memory and the audit replay keep working per list entry.

The reason is what the reviewer defends later (it goes into the memo), so an empty one is
refused. A dismissal is remembered across cases (`memory.remember_dismissal`); confirming or
marking unsure a pair that was remembered as dismissed withdraws that memory. Every
decision is kept (Decision rows), the match carries the latest, and each is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.identity import current_user
from screener.models import CaseStatus, Decision, MatchResult, utcnow
from screener.workflow import memory
from screener.workflow.concurrency import check_version, detect_conflicts
from screener.workflow.decision_record import record_match_decision
from screener.workflow.entity_hits import entity_siblings
from screener.workflow.errors import NotFoundError, WorkflowError


class MatchStatus:
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    UNSURE = "unsure"
    DECIDED = (CONFIRMED, DISMISSED, UNSURE)
    ALL = (PENDING, *DECIDED)


OUTCOME_ALIASES = {
    "confirm": MatchStatus.CONFIRMED,
    "dismiss": MatchStatus.DISMISSED,
    "unsure": MatchStatus.UNSURE,
}


@dataclass(frozen=True)
class MatchDecisionRequest:
    """One decision as the UI or CLI asks for it; `expected_version` is what the reviewer saw."""

    match_id: int
    outcome: str
    reason: str
    expected_version: int | None = None


def normalise_outcome(outcome: str) -> str:
    outcome = OUTCOME_ALIASES.get(outcome, outcome)
    if outcome not in MatchStatus.DECIDED:
        raise WorkflowError(
            "Unknown decision '{outcome}'; expected confirm, dismiss or unsure.", outcome=outcome
        )
    return outcome


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError("A reason is required: say why, so the decision can be defended.")
    return reason


def decide_match(
    session: Session,
    match_id: int,
    outcome: str,
    reason: str,
    *,
    expected_version: int | None = None,
    user: str | None = None,
    entity: Sequence[str] = (),
) -> Decision:
    """Record one decision on one match, in the caller's unit of work.

    `entity` names every membership the decision covers ('OFAC-SDN 6384', ...) when it was
    taken on a listed entity; the audit record keeps it.
    """
    outcome = normalise_outcome(outcome)
    reason = require_reason(reason)
    actor = user or current_user(session)
    match = session.get(MatchResult, match_id)
    if match is None:
        raise NotFoundError("No match with id {match}.", match=match_id)
    check_version(match, expected_version)
    if match.case.status == CaseStatus.DECIDED:
        raise WorkflowError(
            "Case {case} is decided: reopen it (move it back to In review, with a reason) "
            "before changing its matches.",
            case=match.case_id,
        )
    before = match.status
    with detect_conflicts(session, "match", match_id):
        match.status = outcome
        match.is_new = False
        if outcome == MatchStatus.DISMISSED:
            match.changed_since_dismissed = None
        decision = Decision(
            match=match, outcome=outcome, reason=reason, decided_by=actor, decided_at=utcnow()
        )
        session.add(decision)
    if outcome == MatchStatus.DISMISSED:
        memory.remember_dismissal(session, match, reason, user=actor)
    else:
        memory.forget_dismissal(session, match)
    _clear_new_hits_when_all_seen(session, match)
    record_match_decision(
        session,
        f"match.{outcome}",
        match,
        decision,
        actor,
        first={"from": before, "reason": reason},
        then={"score": match.score} | ({"entity": list(entity)} if len(entity) > 1 else {}),
    )
    return decision


def decide_entity(
    session: Session,
    match_id: int,
    outcome: str,
    reason: str,
    *,
    expected_version: int | None = None,
    user: str | None = None,
) -> list[Decision]:
    """One decision on the listed entity `match_id` hit: every membership gets it.

    `expected_version` is the version of the match the reviewer selected (the entity's best);
    the other memberships are decided as part of the same row the reviewer saw.
    """
    match = session.get(MatchResult, match_id)
    if match is None:
        raise NotFoundError("No match with id {match}.", match=match_id)
    members = entity_siblings(session, match)
    named = [f"{m.source_name} {m.entry_key}" for m in members]
    return [
        decide_match(
            session,
            member.id,
            outcome,
            reason,
            expected_version=expected_version if member.id == match_id else None,
            user=user,
            entity=named,
        )
        for member in members
    ]


def _clear_new_hits_when_all_seen(session: Session, match: MatchResult) -> None:
    """The case's "new hits" banner goes once every new hit has a decision."""
    case = match.case
    if not case.has_new_hits:
        return
    waiting = session.execute(
        select(MatchResult.id).where(
            MatchResult.case_id == case.id,
            MatchResult.is_new.is_(True),
            MatchResult.status == MatchStatus.PENDING,
        )
    ).first()
    if waiting is None:
        with detect_conflicts(session, "case", case.id):
            case.has_new_hits = False


def bulk_dismiss(
    session: Session,
    match_ids: Sequence[int],
    reason: str,
    *,
    expected_versions: dict[int, int] | None = None,
    user: str | None = None,
) -> list[Decision]:
    """Dismiss many weak matches (each with its listed entity) with one reason; all or none
    (a conflict stops the lot)."""
    reason = require_reason(reason)
    if not match_ids:
        raise WorkflowError("Select at least one match to dismiss.")
    versions = expected_versions or {}
    decisions: list[Decision] = []
    done: set[int] = set()
    for match_id in match_ids:
        if match_id in done:
            continue  # a membership of an entity already dismissed in this batch
        decided = decide_entity(
            session,
            match_id,
            MatchStatus.DISMISSED,
            reason,
            expected_version=versions.get(match_id),
            user=user,
        )
        done.update(d.match_id for d in decided)
        decisions.extend(decided)
    return decisions


def pending_matches(matches: Sequence[MatchResult]) -> list[MatchResult]:
    return [m for m in matches if m.status == MatchStatus.PENDING]
