"""Whether a case was screened and assessed, and against what: a case is cleared only after both.

A deal import writes parties without searching any list, so "no matches" can mean "never
looked". Each party records its last screening (when, which list versions, and a
fingerprint of the names and qualifiers searched); this module compares that with the
parties as they are now and the list versions active now, and the latest risk assessment
with what happened since (a screening or a match decision after it makes it out of date).
The sign-off blockers, the Summary and Matches tabs, the CLI and the memo all read
`screening_state`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from screener.models import Case, ListVersion
from screener.workflow.screening import UNSCREENED_PARTY_TYPES, party_fingerprint


class Assessed:
    NEVER = "never"
    OUTDATED = "outdated"
    CURRENT = "current"


@dataclass(frozen=True)
class ScreeningState:
    """What a reviewer must know before signing: unscreened parties, newer lists, risk."""

    parties: int
    unscreened: tuple[str, ...]  # parties never screened, or changed since their screening
    newer_lists: tuple[str, ...]  # lists with an active version a party was not screened against
    no_lists: bool  # no list is active: a screening would search nothing
    screened_at: datetime | None
    assessed: str  # Assessed.*

    @property
    def never_screened(self) -> bool:
        return self.parties > 0 and len(self.unscreened) == self.parties

    @property
    def is_screened(self) -> bool:
        """Every party searched, as it is now, against every list active now."""
        return not (self.unscreened or self.newer_lists or self.no_lists)

    @property
    def is_complete(self) -> bool:
        return self.is_screened and self.assessed == Assessed.CURRENT


def active_versions(session: Session) -> dict[int, str]:
    """Active list version id -> its list's name."""
    rows = session.execute(
        select(ListVersion).where(ListVersion.is_active.is_(True)).order_by(ListVersion.id)
    ).scalars()
    return {version.id: version.source.name for version in rows}


def screening_state(case: Case, session: Session | None = None) -> ScreeningState:
    session = session or object_session(case)
    if session is None:
        raise ValueError(f"case {case.id} is not attached to a session")
    active = active_versions(session)
    parties = [p for p in case.parties if p.party_type not in UNSCREENED_PARTY_TYPES]
    unscreened = tuple(
        p.name
        for p in parties
        if p.screened_at is None or p.screened_fingerprint != party_fingerprint(p)
    )
    newer = sorted(
        {
            active[version_id]
            for p in parties
            if p.screened_at is not None
            for version_id in active
            if version_id not in set(p.screened_versions or [])
        }
    )
    screened = [p.screened_at for p in parties if p.screened_at is not None]
    return ScreeningState(
        parties=len(parties),
        unscreened=unscreened,
        newer_lists=tuple(newer),
        no_lists=not active,
        screened_at=max(screened) if screened else None,
        assessed=_assessed(case, screened),
    )


def _assessed(case: Case, screened: list[datetime]) -> str:
    if not case.assessments:
        return Assessed.NEVER
    latest = max(case.assessments, key=lambda a: a.id)
    since = [*screened, *(d.decided_at for m in case.matches for d in m.decisions)]
    if any(moment > latest.created_at for moment in since):
        return Assessed.OUTDATED
    return Assessed.CURRENT
