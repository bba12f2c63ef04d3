"""The audit record of a decision on a match, whoever took it (an officer or decision memory).

A decision names the party and the listed entry it was about and carries the decision's and
the match's state, so `audit verify` can replay it; an officer's adds what the match was before,
the reason and the score, a dismissal from memory the memory it came from. One place writes
that shape, so the two kinds of decision cannot drift apart in the trail.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.models import Decision, MatchResult


def record_match_decision(
    session: Session,
    action: str,
    match: MatchResult,
    decision: Decision,
    actor: str,
    *,
    first: dict[str, Any] | None = None,
    then: dict[str, Any] | None = None,
) -> None:
    """`action` on `match`: `first`, the party and entry, `then`, and the rows' state."""
    named = {"party_key": match.party_key, "source": match.source_name, "entry_key": match.entry_key}
    audit.record(
        session,
        action,
        "match",
        match.id,
        case_id=match.case_id,
        details=(first or {}) | named | (then or {}) | state_of([decision, match]),
        actor=actor,
    )
