"""Re-screening after a list update: open cases against the added and changed entries only.

When a new version of a list arrives, the reviewer needs to know which open cases it
touches, not a fresh pile of every old match. `compute_delta` (screener.lists.delta) names the
entries added or changed since the source's previous version; each open case's parties are
searched and only hits on those entries are kept:
- a hit on an added entry becomes a new pending match (flagged new);
- a hit on a changed entry updates the existing match to the new entry and flags it new; if
  it had been dismissed it goes back to pending, and decision memory marks it "changed since
  dismissed" with what changed;
- decision memory re-dismisses pairs dismissed elsewhere when nothing changed.
Cases with new pending hits get `has_new_hits`; `new_since_last_review` lists what is new and
`mark_reviewed` clears the flags once the reviewer has looked. Unchanged entries and decided
cases are left alone. The search uses the full candidate index (so word rarity and scores
are the same as in a full screening); only the kept results are restricted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.identity import current_user
from screener.lists.delta import compute_delta
from screener.matching.db_index import build_index
from screener.matching.index import Match, MatchIndex
from screener.models import Case, ListEntry, ListVersion, MatchResult, Party, Setting, utcnow
from screener.workflow.adjudication import MatchStatus
from screener.workflow.errors import NotFoundError
from screener.workflow.lifecycle import OPEN_STATUSES
from screener.workflow.memory import apply_decision_memory, reopen_on_new_memberships
from screener.workflow.screening import PENDING, UNSCREENED_PARTY_TYPES, fill_match_row, party_query

RESCREENED_PREFIX = "rescreen.done."
SEARCH_LIMIT = 100  # wide, so a hit on a changed entry is not crowded out by unchanged ones

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class RescreenSummary:
    list_version_id: int
    previous_version_id: int | None
    source_name: str
    added_entries: int = 0
    changed_entries: int = 0
    cases_screened: int = 0
    new_matches: int = 0
    reopened_matches: int = 0
    updated_matches: int = 0
    memory: dict[str, int] = field(default_factory=dict)
    cases_with_new_hits: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def previous_version(session: Session, version: ListVersion) -> ListVersion | None:
    """The source's version imported just before this one."""
    return session.execute(
        select(ListVersion)
        .where(ListVersion.source_id == version.source_id, ListVersion.id < version.id)
        .order_by(ListVersion.id.desc())
        .limit(1)
    ).scalar()


def rescreen_open_cases(
    session: Session,
    list_version_id: int,
    *,
    index: MatchIndex | None = None,
    previous_version_id: int | None = None,
    on_progress: ProgressCallback = lambda _d, _t, _s: None,
) -> RescreenSummary:
    """Re-screen every open case against what `list_version_id` added or changed."""
    version = session.get(ListVersion, list_version_id)
    if version is None:
        raise NotFoundError("No list version with id {version}.", version=list_version_id)
    before = (
        session.get(ListVersion, previous_version_id)
        if previous_version_id
        else previous_version(session, version)
    )
    summary = RescreenSummary(version.id, before.id if before else None, version.source.name)
    wanted = _delta_keys(session, version, before, summary)
    cases = list(
        session.execute(
            select(Case).where(Case.status.in_(OPEN_STATUSES)).order_by(Case.id)
        ).scalars()
    )
    for case in cases:
        _note_screened_against(case.parties, version, before)
    if not wanted:
        return summary
    index = index or build_index(session)
    for done, case in enumerate(cases):
        on_progress(done, len(cases), f"re-screening {case.id}")
        _rescreen_case(session, case, index, version, wanted, summary)
    on_progress(len(cases), len(cases), "done")
    return summary


def _note_screened_against(
    parties: list[Party], version: ListVersion, before: ListVersion | None
) -> None:
    """A party screened against the previous version is, after this delta, screened against
    the new one too (the delta search covers every entry that differs)."""
    for party in parties:
        done = set(party.screened_versions or [])
        if party.screened_at is None or party.party_type in UNSCREENED_PARTY_TYPES:
            continue
        if before is None or before.id in done:
            party.screened_versions = sorted(done | {version.id})


def _delta_keys(
    session: Session, version: ListVersion, before: ListVersion | None, summary: RescreenSummary
) -> set[str]:
    if before is None:  # a first import: every entry is new
        keys = set(
            session.execute(
                select(ListEntry.entry_key).where(ListEntry.version_id == version.id)
            ).scalars()
        )
        summary.added_entries = len(keys)
        return keys
    delta = compute_delta(session, before.id, version.id)
    summary.added_entries, summary.changed_entries = len(delta.added), len(delta.changed)
    return {s.entry_key for s in delta.added} | {c.entry_key for c in delta.changed}


def _rescreen_case(
    session: Session,
    case: Case,
    index: MatchIndex,
    version: ListVersion,
    wanted: set[str],
    summary: RescreenSummary,
) -> None:
    found = _hits(case.parties, index, version, wanted)
    summary.cases_screened += 1
    _reopen_entities(session, case, version, summary)
    if not found:
        return
    existing = {
        (m.party_key, m.source_name, m.entry_key): m
        for m in session.execute(
            select(MatchResult).where(MatchResult.case_id == case.id)
        ).scalars()
    }
    touched: list[MatchResult] = []
    now = utcnow()
    for key, (party, match) in found.items():
        row = existing.get(key)
        if row is not None and row.list_entry_id == match.entry.entry_id:
            continue  # already screened against this version
        if row is None:
            row = MatchResult(case_id=case.id, party_key=party.key, status=PENDING)
            session.add(row)
            summary.new_matches += 1
        elif row.status == MatchStatus.DISMISSED:
            row.status = PENDING
            summary.reopened_matches += 1
        else:
            summary.updated_matches += 1
        row.is_new = True
        fill_match_row(row, match, now)
        touched.append(row)
    session.flush()
    counts = apply_decision_memory(session, touched)
    for name, count in counts.items():
        summary.memory[name] = summary.memory.get(name, 0) + count
    new_pending = [r for r in touched if r.status == PENDING]
    if new_pending:
        case.has_new_hits = True
        if case.id not in summary.cases_with_new_hits:  # it may have reopened an entity too
            summary.cases_with_new_hits.append(case.id)
    _record_rescreen(session, case, version, touched, len(new_pending))


def _reopen_entities(
    session: Session, case: Case, version: ListVersion, summary: RescreenSummary
) -> list[MatchResult]:
    """Dismissed listed entities of the case the new version put on another list: reopened.

    The party may not hit the new membership's own names; the entity is what was
    dismissed, and it is now listed somewhere the reviewer did not see.
    """
    dismissed = list(
        session.execute(
            select(MatchResult).where(
                MatchResult.case_id == case.id, MatchResult.status == MatchStatus.DISMISSED
            )
        ).scalars()
    )
    if not dismissed or not reopen_on_new_memberships(session, dismissed):
        return []
    reopened = [row for row in dismissed if row.status == PENDING]
    summary.reopened_matches += len(reopened)
    case.has_new_hits = True
    if case.id not in summary.cases_with_new_hits:
        summary.cases_with_new_hits.append(case.id)
    _record_rescreen(session, case, version, reopened, len(reopened), why="new membership")
    return reopened


def _record_rescreen(
    session: Session,
    case: Case,
    version: ListVersion,
    rows: list[MatchResult],
    new_pending: int,
    why: str | None = None,
) -> None:
    """One `case.rescreened` record: the matches a list version touched, each with its status
    (or `why` it was reopened), and their state for `audit verify` to replay."""
    audit.record(
        session,
        "case.rescreened",
        "case",
        case.id,
        case_id=case.id,
        details={
            "list_version": version.id,
            "source": version.source.name,
            "matches": sorted(f"{r.party_key} ~ {r.entry_key} ({why or r.status})" for r in rows),
            "new_pending": new_pending,
        }
        | state_of(rows),
    )


def _hits(
    parties: list[Party], index: MatchIndex, version: ListVersion, wanted: set[str]
) -> dict[tuple[str, str, str], tuple[Party, Match]]:
    found: dict[tuple[str, str, str], tuple[Party, Match]] = {}
    for party in parties:
        if party.party_type in UNSCREENED_PARTY_TYPES:
            continue
        for match in index.search(party_query(party), limit=SEARCH_LIMIT):
            entry = match.entry
            if entry.list_version_id == version.id and entry.entry_key in wanted:
                found[(party.key, entry.source_name, entry.entry_key)] = (party, match)
    return found


def versions_not_rescreened(session: Session) -> list[ListVersion]:
    """Active list versions whose changes have not yet been run against the open cases."""
    done = set(
        session.execute(
            select(Setting.key).where(Setting.key.like(RESCREENED_PREFIX + "%"))
        ).scalars()
    )
    active = session.execute(
        select(ListVersion).where(ListVersion.is_active.is_(True)).order_by(ListVersion.id)
    ).scalars()
    return [v for v in active if f"{RESCREENED_PREFIX}{v.id}" not in done]


def _has_open_cases(session: Session) -> bool:
    query = select(Case.id).where(Case.status.in_(OPEN_STATUSES)).limit(1)
    return session.execute(query).first() is not None


def rescreen_new_versions(
    session: Session,
    *,
    index: MatchIndex | None = None,
    on_progress: ProgressCallback = lambda _d, _t, _s: None,
) -> list[RescreenSummary]:
    """Run every not-yet-re-screened active version against the open cases, once each.

    The desktop app offers this after list imports; the mark (a settings row per version)
    makes a second run a no-op.
    """
    pending = versions_not_rescreened(session)
    if pending and index is None and _has_open_cases(session):
        index = build_index(session)
    summaries = []
    for version in pending:
        if index is None:  # no open case to re-screen: only remember the version was seen
            session.add(Setting(key=f"{RESCREENED_PREFIX}{version.id}", value=utcnow().isoformat()))
            continue
        summaries.append(
            rescreen_open_cases(session, version.id, index=index, on_progress=on_progress)
        )
        session.add(Setting(key=f"{RESCREENED_PREFIX}{version.id}", value=utcnow().isoformat()))
        audit.record(
            session, "list.rescreened", "list_version", version.id, details=summaries[-1].as_dict()
        )
    session.flush()
    return summaries


def new_since_last_review(session: Session, case_id: str) -> list[MatchResult]:
    """The matches flagged new: what arrived since the reviewer last marked the case reviewed."""
    return list(
        session.execute(
            select(MatchResult)
            .where(MatchResult.case_id == case_id, MatchResult.is_new.is_(True))
            .order_by(MatchResult.id)
        ).scalars()
    )


def mark_reviewed(session: Session, case_id: str, *, user: str | None = None) -> int:
    """The reviewer has seen what is new: clear the flags (undecided matches stay pending)."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError("No case with id '{case}'.", case=case_id)
    fresh = new_since_last_review(session, case_id)
    for match in fresh:
        match.is_new = False
    case.has_new_hits = False
    audit.record(
        session,
        "case.new_hits_reviewed",
        "case",
        case_id,
        case_id=case_id,
        details={"matches": [m.id for m in fresh]},
        actor=user or current_user(session),
    )
    return len(fresh)
