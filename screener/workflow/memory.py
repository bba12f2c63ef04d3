"""Decision memory: a dismissed (party, list entry) pair stays dismissed in later screenings.

A reviewer who dismissed "ACME Mining Ltd (AU)" against an SDN entry should not have to
dismiss it again in the next case, as long as nothing they looked at has changed. The memory
keeps what was true at dismissal: the party's identifying data and the entry's content hash
(and a snapshot of both). When a later screening finds the same pair:
- unchanged: the match is dismissed again, with a decision that cites the original one;
- changed: the match stays pending and `changed_since_dismissed` says what changed.

A party is recognised across cases by its type and normalised name, or by any identifier
(LEI, company number, ...) it shares with the remembered snapshot, so a renamed company with
the same LEI is still found and shown as changed.

Memory follows the listed entity (`screener.lists.entity_links`): a dismissal is remembered
for each list entry of the entity, with the entity's memberships at that moment. A later
screening decides the party's hits on one entity together: re-dismissed when nothing
changed (a new version of a list that still links the entry is no change), or back as
changed, all of them, when an entry changed or the entity has a membership the reviewer
never saw (`new_memberships` names it: list, entry, programmes).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from screener.identity import current_user
from screener.lists.base import TYPE_NOT_STATED
from screener.lists.entity_links import entity_map
from screener.lists.resolve import EntityMap, EntryRef
from screener.models import (
    Decision,
    DecisionMemory,
    ListEntry,
    ListSource,
    ListVersion,
    MatchResult,
    Party,
    utcnow,
)
from screener.workflow.decision_record import record_match_decision

PARTY_FIELDS = (
    "name",
    "name_original",
    "name_romanised",
    "aliases",
    "party_type",
    "country_incorporation",
    "country_headoffice",
    "nationality",
    "birth_date",
    "identifiers",
)
MEMORY_ACTOR = "decision memory"
CHUNK = 500  # entry keys per IN (...) query
MEMBERSHIPS = "memberships"  # the entity's (source, key) pairs, kept in the entry snapshot


def normalise(text: str | None) -> str:
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(folded.split())


def party_identity(party: Party) -> str:
    return f"{party.party_type}:{normalise(party.name)}"


def party_snapshot(party: Party) -> dict[str, Any]:
    """The identifying data a reviewer relied on; any change to it re-opens the dismissal."""
    snapshot: dict[str, Any] = {field: getattr(party, field) for field in PARTY_FIELDS}
    snapshot["aliases"] = sorted(normalise(a) for a in party.aliases or [])
    snapshot["identifiers"] = {
        str(k): str(v) for k, v in sorted((party.identifiers or {}).items()) if v
    }
    return snapshot


def entry_snapshot(entry: ListEntry) -> dict[str, Any]:
    """What the publisher said about the entry, field by field, to explain a change."""
    return {
        "list_name": entry.list_name,
        "entity_type": entry.entity_type,
        "primary_name": entry.primary_name,
        "names": sorted(name.name for name in entry.names),
        "programs": sorted(entry.programs or []),
        "countries": sorted(entry.countries or []),
        "identifiers": sorted(f"{i.id_type}: {i.value}" for i in entry.identifiers),
        "addresses": sorted(a.full for a in entry.addresses),
        "dates": sorted(f"{d.kind}: {d.value}" for d in entry.dates),
        "remarks": entry.remarks,
        "listed_on": entry.listed_on,
    }


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def remember_dismissal(
    session: Session, match: MatchResult, reason: str, *, user: str | None = None
) -> DecisionMemory:
    """Called when a reviewer dismisses: the pair is remembered (or refreshed) for all cases.

    Another officer may be deciding the same party and entry in another case at this moment:
    the row is written as an upsert (INSERT ... ON CONFLICT DO UPDATE), so whoever commits
    second refreshes the memory instead of failing on its unique key.
    """
    party = _party_of(session, match)
    entry = session.get(ListEntry, match.list_entry_id)
    if party is None or entry is None:
        raise LookupError(f"Match {match.id}: its party or list entry no longer exists.")
    ref = (match.source_name, match.entry_key)
    members = entity_map(session, [ref]).members_of(ref)
    facts = {
        "party_snapshot": party_snapshot(party),
        "entry_content_hash": entry.content_hash,
        "entry_snapshot": entry_snapshot(entry) | {MEMBERSHIPS: sorted(map(list, members))},
        "outcome": "dismissed",
        "reason": reason,
        "decided_by": user or current_user(session),
        "decided_at": utcnow(),
    }
    found = _find_memory(session, party, match.source_name, match.entry_key)
    memory_id = _refresh(session, found.id, facts) if found is not None else None
    if memory_id is None:
        memory_id = _upsert(session, party_identity(party), match, facts)
    memory = session.get(DecisionMemory, memory_id, populate_existing=True)
    assert memory is not None
    return memory


def _refresh(session: Session, memory_id: int, facts: dict[str, Any]) -> int | None:
    """Update a remembered row found by identifier; None if another officer removed it."""
    session.flush()
    result = session.execute(
        update(DecisionMemory)
        .where(DecisionMemory.id == memory_id)
        .values(**facts)
        .execution_options(synchronize_session=False)
    )
    return memory_id if result.rowcount else None  # type: ignore[attr-defined]


def _upsert(session: Session, identity: str, match: MatchResult, facts: dict[str, Any]) -> int:
    session.flush()
    key = {
        "party_identity": identity,
        "source_name": match.source_name,
        "entry_key": match.entry_key,
    }
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(DecisionMemory)
            .values(**key, **facts)
            .on_conflict_do_update(index_elements=list(key), set_=facts)
            .returning(DecisionMemory.id)
        )
        return int(session.execute(statement).scalar_one())
    memory = DecisionMemory(**key, **facts)  # other databases: one writer at a time
    session.add(memory)
    session.flush()
    return memory.id


def forget_dismissal(session: Session, match: MatchResult) -> bool:
    """A confirmed or unsure pair must not be auto-dismissed elsewhere any more.

    A plain DELETE by id: if another officer removed the row first, there is nothing left
    to forget and nothing to complain about.
    """
    party = _party_of(session, match)
    memory = _find_memory(session, party, match.source_name, match.entry_key) if party else None
    if memory is None:
        return False
    session.flush()
    session.execute(
        delete(DecisionMemory)
        .where(DecisionMemory.id == memory.id)
        .execution_options(synchronize_session=False)
    )
    session.expunge(memory)
    return True


def apply_decision_memory(session: Session, match_results: Iterable[MatchResult]) -> dict[str, int]:
    """Screening calls this after creating MatchResults (flushed, so they have ids).

    The party's new hits on one listed entity are decided together against what was
    remembered for any membership of that entity: all dismissed again, or all shown as
    changed. One query finds every remembered dismissal; only the groups that have one load
    their party and entries. Returns counts of matches:
    {'auto_dismissed': n, 'changed_since_dismissed': m}.
    """
    counts = {"auto_dismissed": 0, "changed_since_dismissed": 0}
    pending = [m for m in match_results if m.status == "pending"]
    if not pending:
        return counts
    entities = entity_map(session, {(m.source_name, m.entry_key) for m in pending})
    groups: dict[tuple[str, str, EntryRef], list[MatchResult]] = {}
    for match in pending:
        entity = entities.entity_of((match.source_name, match.entry_key))
        groups.setdefault((match.case_id, match.party_key, entity), []).append(match)
    wanted = {ref for key in groups for ref in entities.members_of(key[2])}
    remembered = _memories_for(session, wanted)
    for (_case, _party, entity), rows in groups.items():
        members = entities.members_of(entity)
        if not any(remembered.get(ref) for ref in members):
            continue
        party = _party_of(session, rows[0])
        if party is None:
            continue
        memories = {
            ref: memory
            for ref in sorted(members)
            if (memory := _pick(remembered.get(ref) or [], party)) is not None
        }
        if not memories:
            continue
        verdict = _entity_verdict(session, rows, members, memories, party, entities)
        for row in rows:
            if verdict.changes:
                row.changed_since_dismissed = verdict.changes
                counts["changed_since_dismissed"] += 1
            else:
                own = memories.get((row.source_name, row.entry_key))
                _dismiss_again(session, row, own or verdict.memory)
                counts["auto_dismissed"] += 1
    session.flush()
    return counts


@dataclass(frozen=True)
class _Verdict:
    memory: DecisionMemory  # the dismissal a re-dismissal cites (the latest)
    changes: dict[str, Any]  # empty: nothing the reviewer looked at has changed


def _entity_verdict(
    session: Session,
    rows: list[MatchResult],
    members: frozenset[EntryRef],
    memories: dict[EntryRef, DecisionMemory],
    party: Party,
    entities: EntityMap,
) -> _Verdict:
    """Compare the entity now with what the reviewer saw when dismissing it."""
    latest = max(memories.values(), key=lambda m: (m.decided_at, m.id))
    new = sorted(_new_members(members, memories, rows))
    changes: dict[str, Any] = {}
    for row in rows:
        memory = memories.get((row.source_name, row.entry_key))
        entry = session.get(ListEntry, row.list_entry_id)
        if memory is not None and entry is not None:
            changes = changes or _changes(memory, party, entry)
    if new:
        base = changes or _changes_head(latest, {}, {})
        changes = base | {"new_memberships": [_describe_member(session, rows, ref) for ref in new]}
    return _Verdict(latest, changes)


def _new_members(
    members: frozenset[EntryRef],
    memories: dict[EntryRef, DecisionMemory],
    rows: list[MatchResult],
) -> set[EntryRef]:
    """Memberships of the entity that no remembered dismissal covered.

    A dismissal remembered before entities were kept says nothing of memberships that did
    not hit: only the hits it does not cover count as new then.
    """
    known: set[EntryRef] = set(memories)
    for memory in memories.values():
        listed = (memory.entry_snapshot or {}).get(MEMBERSHIPS)
        if listed is None:
            hit = {(r.source_name, r.entry_key) for r in rows}
            known.update(members - hit)
        else:
            known.update((str(pair[0]), str(pair[1])) for pair in listed if len(pair) == 2)
    return set(members) - known


def reopen_on_new_memberships(session: Session, match_results: Iterable[MatchResult]) -> int:
    """Dismissed matches found again whose entity is now on a list it was not on: reopened.

    Screening calls this for the case's existing matches it found again; each one reopened
    goes back to pending, flagged new, with `new_memberships` saying what is new. Returns
    how many were reopened (the caller's audit record holds their state).
    """
    dismissed = [m for m in match_results if m.status == "dismissed"]
    if not dismissed:
        return 0
    entities = entity_map(session, {(m.source_name, m.entry_key) for m in dismissed})
    groups: dict[tuple[str, str, EntryRef], list[MatchResult]] = {}
    for match in dismissed:
        entity = entities.entity_of((match.source_name, match.entry_key))
        if len(entities.members_of(entity)) > 1:  # only a linked entity has memberships to gain
            groups.setdefault((match.case_id, match.party_key, entity), []).append(match)
    remembered = _memories_for(session, {r for k in groups for r in entities.members_of(k[2])})
    reopened = 0
    for (_case, _party, entity), rows in groups.items():
        members = entities.members_of(entity)
        party = _party_of(session, rows[0])
        if party is None:
            continue
        memories = {
            ref: memory
            for ref in sorted(members)
            if (memory := _pick(remembered.get(ref) or [], party)) is not None
        }
        new = sorted(_new_members(members, memories, rows)) if memories else []
        if not new:
            continue
        latest = max(memories.values(), key=lambda m: (m.decided_at, m.id))
        changes = _changes_head(latest, {}, {}) | {
            "new_memberships": [_describe_member(session, rows, ref) for ref in new]
        }
        for row in rows:
            row.status = "pending"
            row.is_new = True
            row.changed_since_dismissed = changes
            reopened += 1
    session.flush()
    return reopened


def _describe_member(session: Session, rows: list[MatchResult], ref: EntryRef) -> str:
    """'EU-FSF EU.123 — EU financial sanctions (UKRAINE)': the list and its programmes."""
    source, key = ref
    entry = next((r.entry for r in rows if (r.source_name, r.entry_key) == ref), None)
    if entry is None:
        entry = session.execute(
            select(ListEntry)
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .where(
                ListSource.name == source,
                ListEntry.entry_key == key,
                ListVersion.is_active.is_(True),
            )
            .limit(1)
        ).scalar()
    text = f"{source} {key}"
    if entry is not None and entry.list_name:
        text += f" — {entry.list_name}"
    if entry is not None and entry.programs:
        text += f" ({', '.join(entry.programs)})"
    return text


def _memories_for(
    session: Session, pairs: set[tuple[str, str]]
) -> dict[tuple[str, str], list[DecisionMemory]]:
    found: dict[tuple[str, str], list[DecisionMemory]] = {}
    keys = sorted({entry_key for _source, entry_key in pairs})
    for start in range(0, len(keys), CHUNK):
        query = select(DecisionMemory).where(
            DecisionMemory.entry_key.in_(keys[start : start + CHUNK])
        )
        for memory in session.execute(query).scalars():
            pair = (memory.source_name, memory.entry_key)
            if pair in pairs:
                found.setdefault(pair, []).append(memory)
    return found


def _changes(memory: DecisionMemory, party: Party, entry: ListEntry) -> dict[str, Any]:
    party_diff = differences(memory.party_snapshot or {}, party_snapshot(party))
    seen = {k: v for k, v in (memory.entry_snapshot or {}).items() if k != MEMBERSHIPS}
    entry_diff: dict[str, Any] = {}
    if entry.content_hash != memory.entry_content_hash:
        entry_diff = differences(seen, entry_snapshot(entry))
        if entry_diff.get("entity_type", {}).get("after") == TYPE_NOT_STATED:
            # the type the dismissal saw was Screener's guess, which the publisher never
            # stated (migration 0006): taking the guess back is no change to the entry
            del entry_diff["entity_type"]
        elif not entry_diff:
            entry_diff = {
                "content": {"before": memory.entry_content_hash, "after": entry.content_hash}
            }
    if not party_diff and not entry_diff:
        return {}
    return _changes_head(memory, party_diff, entry_diff)


def _changes_head(
    memory: DecisionMemory, party_diff: dict[str, Any], entry_diff: dict[str, Any]
) -> dict[str, Any]:
    return {
        "party": party_diff,
        "entry": entry_diff,
        "dismissed_by": memory.decided_by,
        "dismissed_at": memory.decided_at.isoformat(timespec="seconds"),
        "reason": memory.reason,
    }


def _dismiss_again(session: Session, match: MatchResult, memory: DecisionMemory) -> None:
    reason = (
        f"Dismissed earlier by {memory.decided_by} on {memory.decided_at:%Y-%m-%d}; party and "
        f"list entry unchanged since. Original reason: {memory.reason}"
    )
    match.status = "dismissed"
    match.is_new = False
    match.changed_since_dismissed = None
    decision = Decision(match=match, outcome="dismissed", reason=reason, decided_by=MEMORY_ACTOR)
    session.add(decision)
    session.flush()
    record_match_decision(
        session,
        "match.dismissed_from_memory",
        match,
        decision,
        MEMORY_ACTOR,
        then={"memory_id": memory.id},
    )


def _party_of(session: Session, match: MatchResult) -> Party | None:
    query = select(Party).where(Party.case_id == match.case_id, Party.key == match.party_key)
    return session.execute(query).scalar()


def _find_memory(
    session: Session, party: Party, source_name: str, entry_key: str
) -> DecisionMemory | None:
    candidates = _memories_for(session, {(source_name, entry_key)}).get((source_name, entry_key))
    return _pick(candidates or [], party)


def _pick(candidates: list[DecisionMemory], party: Party) -> DecisionMemory | None:
    """Same identity first; otherwise any remembered party that shares an identifier."""
    identity = party_identity(party)
    for memory in candidates:
        if memory.party_identity == identity:
            return memory
    identifiers = set(party_snapshot(party)["identifiers"].items())
    for memory in candidates:
        remembered = set((memory.party_snapshot or {}).get("identifiers", {}).items())
        if identifiers & remembered:
            return memory
    return None
