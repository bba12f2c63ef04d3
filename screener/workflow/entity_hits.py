"""A case's hits by listed entity: one row per party and entity, decided once.

A person on the SDN list, in the CSL's copy of it and on the UN list is one listed entity
(`screener.lists.entity_links`); screening stores one MatchResult per list entry it hit, so
the reviewer would otherwise adjudicate him three times and the memo list him three times.
Here a case's matches are grouped by (party, entity): the group's best score is its score,
its memberships are the lists it was found on, and its status is what is left to do (any
member undecided makes the entity undecided). The Matches tab, the sign-off blockers, the
Summary tab and the memo all count these groups, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.lists.entity_links import entity_map
from screener.lists.resolve import EntityMap, EntryRef
from screener.models import Case, MatchResult

# the status an entity shows when its memberships disagree: what still needs attention first
STATUS_PRECEDENCE = ("pending", "confirmed", "unsure", "dismissed")


def group_status(statuses: Iterable[str]) -> str:
    """Undecided if any membership is; otherwise the most serious decision among them."""
    present = set(statuses)
    for status in STATUS_PRECEDENCE:
        if status in present:
            return status
    return "pending"


@dataclass(frozen=True)
class Membership:
    """One list an entity was found on, through the match against that list's entry."""

    match_id: int
    source: str
    entry_key: str
    list_name: str
    programs: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class EntityHit:
    """A party's hits on one listed entity, best score first."""

    party_key: str
    entity: EntryRef
    matches: tuple[MatchResult, ...]

    @property
    def best(self) -> MatchResult:
        return self.matches[0]

    @property
    def score(self) -> float:
        return self.best.score

    @property
    def status(self) -> str:
        return group_status(m.status for m in self.matches)

    @property
    def is_new(self) -> bool:
        return any(m.is_new for m in self.matches)

    @property
    def is_new_pending(self) -> bool:
        return any(m.is_new and m.status == "pending" for m in self.matches)

    @property
    def changed(self) -> bool:
        return any(m.changed_since_dismissed for m in self.matches)

    @property
    def match_ids(self) -> tuple[int, ...]:
        return tuple(m.id for m in self.matches)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source_name for m in self.matches))

    def memberships(self) -> list[Membership]:
        return [
            Membership(
                m.id,
                m.source_name,
                m.entry_key,
                m.entry.list_name if m.entry is not None else "",
                tuple(m.entry.programs or ()) if m.entry is not None else (),
                m.status,
            )
            for m in sorted(self.matches, key=lambda m: (m.source_name, m.entry_key))
        ]


def group_matches(matches: Sequence[MatchResult], entities: EntityMap) -> list[EntityHit]:
    """Group by (party, listed entity); groups ordered by their best score, then first id."""
    ordered = sorted(matches, key=lambda m: (-m.score, m.id))
    groups: dict[tuple[str, EntryRef], list[MatchResult]] = {}
    for match in ordered:
        entity = entities.entity_of((match.source_name, match.entry_key))
        groups.setdefault((match.party_key, entity), []).append(match)
    return [
        EntityHit(party_key, entity, tuple(rows)) for (party_key, entity), rows in groups.items()
    ]


def case_entity_hits(session: Session, case: Case | str) -> list[EntityHit]:
    """The case's hits, one per party and listed entity (the live links decide entities)."""
    case_id = case if isinstance(case, str) else case.id
    matches = list(
        session.execute(select(MatchResult).where(MatchResult.case_id == case_id)).scalars()
    )
    if not matches:
        return []
    entities = entity_map(session, {(m.source_name, m.entry_key) for m in matches})
    return group_matches(matches, entities)


def entity_siblings(session: Session, match: MatchResult) -> list[MatchResult]:
    """Every match of the same party on the same listed entity (`match` first)."""
    ref = (match.source_name, match.entry_key)
    members = entity_map(session, [ref]).members_of(ref)
    rows = session.execute(
        select(MatchResult).where(
            MatchResult.case_id == match.case_id,
            MatchResult.party_key == match.party_key,
            MatchResult.entry_key.in_(sorted({key for _source, key in members})),
        )
    ).scalars()
    others = [
        row for row in rows if (row.source_name, row.entry_key) in members and row.id != match.id
    ]
    return [match, *sorted(others, key=lambda m: (-m.score, m.id))]


def status_counts(hits: Iterable[EntityHit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.status] = counts.get(hit.status, 0) + 1
    return counts
