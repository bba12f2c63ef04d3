"""Screening a case: every party of its ownership graph against every active list version.

A case's parties are the whole chain (target, buyer, seller and each owner above them), so
screening each Party row covers "every owner up the chain". Every name a party goes by (the
name, the original-script name, the romanised form and the aliases) is searched at once,
with its countries, birth or incorporation date and identifiers as qualifiers. Results are
stored as MatchResult rows with their features, explanation and list version, in one unit
of work with the audit record; a re-screen updates the rows it finds again (keeping their
decisions), adds the new ones (flagged new, and the case flagged as having new hits), drops
undecided rows the lists no longer support, and lets decision memory re-dismiss pairs a
reviewer already dismissed when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.lists.entity_links import entity_map
from screener.matching.explain import explain_features
from screener.matching.index import Match, MatchIndex, Query
from screener.models import Case, ListVersion, MatchResult, Party, utcnow
from screener.store import Store
from screener.workflow.entity_hits import group_matches
from screener.workflow.lifecycle import start_review_after_screening
from screener.workflow.memory import apply_decision_memory, reopen_on_new_memberships

MATCHES_PER_PARTY = 25
UNSCREENED_PARTY_TYPES = frozenset({"dispersed"})
PENDING = "pending"

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class ScreeningCancelled(Exception):
    """The reviewer cancelled: nothing of this screening was written."""


class CaseNotFound(LookupError):
    pass


@dataclass
class ScreeningSummary:
    case_id: str
    parties: int = 0
    # listed entities hit, per party, as the Matches tab counts them (new and strong too)
    matches: int = 0
    new_matches: int = 0
    strong_matches: int = 0
    removed: int = 0  # list entries no longer hit whose undecided matches were dropped
    list_versions: list[int] = field(default_factory=list)
    memory: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "parties": self.parties,
            "matches": self.matches,
            "new_matches": self.new_matches,
            "strong_matches": self.strong_matches,
            "removed": self.removed,
            "list_versions": self.list_versions,
            "memory": self.memory,
        }


def _no_progress(_done: int, _total: int, _stage: str) -> None:
    return None


def _never() -> bool:
    return False


def party_query(party: Party) -> Query:
    """Everything about a party the matcher can compare."""
    names = [party.name, party.name_original, party.name_romanised, *(party.aliases or [])]
    countries = [party.country_incorporation, party.country_headoffice, party.nationality]
    identifiers: list[tuple[str, str]] = []
    for id_type, value in (party.identifiers or {}).items():
        values = value if isinstance(value, list) else [value]
        identifiers.extend((id_type, str(v)) for v in values if v)
    return Query(
        names=[n for n in names if n],
        schema=party.party_type if party.party_type != "other" else None,
        countries=[c for c in countries if c],
        dates=[party.birth_date] if party.birth_date else [],
        identifiers=identifiers,
    )


def party_fingerprint(party: Party) -> str:
    """A hash of everything screening searches for this party: an edit changes it."""
    text = json.dumps(astuple(party_query(party)), default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def record_screened(
    party: Party, version_ids: list[int], when: datetime, fingerprint: str | None = None
) -> None:
    """Note on the party that it was searched now against `version_ids` (its screening state)."""
    party.screened_at = when
    party.screened_versions = sorted(set(version_ids))
    party.screened_fingerprint = fingerprint or party_fingerprint(party)


def screen_case(
    store: Store,
    case_id: str,
    index: MatchIndex,
    *,
    on_progress: ProgressCallback = _no_progress,
    is_cancelled: CancelCheck = _never,
    limit: int = MATCHES_PER_PARTY,
) -> ScreeningSummary:
    """Screen every party of the case and store the matches (all or nothing).

    The search reads in its own session; only storing the results is a unit of work, so on
    SQLite the write lock is held for the writing, not for the whole search, and a store
    that lost a race to another officer is run again (`Store.write`).
    """
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFound(f"no case {case_id!r}")
        parties = [p for p in case.parties if p.party_type not in UNSCREENED_PARTY_TYPES]
        found: dict[tuple[str, str, str], tuple[Party, Match]] = {}
        for done, party in enumerate(parties):
            if is_cancelled():
                raise ScreeningCancelled(f"screening of case {case_id} cancelled")
            on_progress(done, len(parties), f"screening {party.name}")
            for match in index.search(party_query(party), limit=limit):
                key = (party.key, match.entry.source_name, match.entry.entry_key)
                found[key] = (party, match)
        searched = {party.key: party_fingerprint(party) for party in parties}
    on_progress(len(parties), len(parties), "storing matches")
    party_keys = {party.key for party in parties}

    def store_results(session: Session) -> ScreeningSummary:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFound(f"no case {case_id!r}")
        summary = ScreeningSummary(case_id=case_id, parties=len(party_keys))
        current = {p.key for p in case.parties}  # a party removed meanwhile keeps no hits
        kept = {key: hit for key, hit in found.items() if key[0] in current}
        state = _store_results(session, case, kept, summary)
        now = utcnow()
        for party in case.parties:  # what was searched, as it was searched
            if party.key in searched:
                record_screened(party, summary.list_versions, now, searched[party.key])
        audit.record(
            session,
            "case.screened",
            "case",
            case_id,
            case_id=case_id,
            details=summary.as_dict() | state,
        )
        start_review_after_screening(session, case_id)
        return summary

    return store.write(store_results)


def _store_results(
    session: Session,
    case: Case,
    found: dict[tuple[str, str, str], tuple[Party, Match]],
    summary: ScreeningSummary,
) -> dict[str, Any]:
    """Store the matches; returns the audit record's state of every match kept or removed."""
    existing = {
        (m.party_key, m.source_name, m.entry_key): m
        for m in session.execute(
            select(MatchResult).where(MatchResult.case_id == case.id)
        ).scalars()
    }
    created: list[MatchResult] = []
    refound: list[MatchResult] = []
    kept: list[MatchResult] = []
    removed: list[tuple[str, int]] = []
    versions: set[int] = set()
    now = utcnow()
    for key, (party, match) in found.items():
        row = existing.pop(key, None)
        if row is None:
            row = MatchResult(case_id=case.id, party_key=party.key, status=PENDING, is_new=True)
            session.add(row)
            created.append(row)
        else:
            row.is_new = False
            refound.append(row)
        fill_match_row(row, match, now)
        kept.append(row)
        versions.add(row.list_version_id)
    for row in existing.values():
        if row.status == PENDING and not row.decisions:
            session.delete(row)
            removed.append(("match", row.id))
            summary.removed += 1
    session.flush()
    summary.memory = apply_decision_memory(session, created)
    reopened = reopen_on_new_memberships(session, refound)  # flagged new and pending
    if reopened:
        summary.memory["reopened_new_membership"] = reopened
    # counted as the Matches tab shows them: one per party and listed entity
    hits = group_matches(kept, entity_map(session, {(m.source_name, m.entry_key) for m in kept}))
    summary.matches = len(hits)
    summary.new_matches = sum(1 for hit in hits if hit.is_new_pending)
    summary.strong_matches = sum(1 for hit in hits if hit.best.is_strong)
    # Every version searched, not only those that produced a hit: a clean screening must
    # still say which lists it was clean against (the memo's provenance reads this).
    active = session.execute(select(ListVersion.id).where(ListVersion.is_active.is_(True)))
    versions.update(active.scalars())
    summary.list_versions = sorted(v for v in versions if v is not None)
    if summary.new_matches:
        case.has_new_hits = True
    return state_of(kept, removed)


def fill_match_row(row: MatchResult, match: Match, now: Any) -> None:
    entry, score = match.entry, match.score
    row.list_entry_id = entry.entry_id  # type: ignore[assignment]
    row.list_version_id = entry.list_version_id  # type: ignore[assignment]
    row.source_name = entry.source_name
    row.entry_key = entry.entry_key
    row.query_name = score.query_name
    row.matched_name = score.candidate_name
    row.score = round(score.score, 4)
    row.is_strong = score.is_strong
    features = score.features_json()  # laid out once, stored and explained from the same values
    row.features = features
    row.explanation = explain_features(
        score.score, score.query_name, score.candidate_name, features
    )
    row.screened_at = now
