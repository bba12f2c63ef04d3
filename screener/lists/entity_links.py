"""Keep the listed-entity links in step with the active list versions.

`relink` runs the pure linker (`screener.lists.resolve`) over every active version and
replaces the stored links in the caller's unit of work, so a list import and the links it
supports commit or roll back together; a link a reviewer undid is never made again.
`undo_link` is the reviewer's veto (audited); `link_report` is what `screener lists links`
prints: the linked entities and how many of the republished and UN-cited entries are linked.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import numpy as np
from sqlalchemy import Select, delete, insert, or_, select
from sqlalchemy.orm import Session

from screener import audit
from screener.identity import current_user
from screener.lists import resolve
from screener.lists.link_evidence import SameEntityEvidence, evidence_within
from screener.lists.resolve import EntityMap, EntryFacts, EntryRef, IdentifierFact
from screener.models import (
    EntryDate,
    EntryIdentifier,
    EntryName,
    ListedEntityLink,
    ListEntry,
    ListSource,
    ListVersion,
    Setting,
    utcnow,
)

# entries asked about beyond which reading every link is cheaper than looking them up
READ_ALL_ABOVE = 4000

BIRTH = "birth"  # EntryDate.kind of a birth date
# the evidence the linker reads; a database whose links were found with another is relinked
# whole at its next list import ('2': persons' names and birth dates, resolve.name_and_birth)
EVIDENCE_SETTING = "listed_entity_links.evidence"
EVIDENCE_VERSION = "2"

# formats whose parser keeps a UN number in the entry's data (EU FSF `unitedNationId`)
DATA_FORMATS = frozenset({"eu-fsf-xml"})


class LinkNotFound(Exception):
    """No listed-entity link has that id, or it was already undone."""


@dataclass
class RelinkResult:
    links: int  # live links now (of `source` when the relink was for one list)
    by_kind: dict[str, int]
    kept_undone: int
    kept: int = 0  # links the new versions still support, rows kept
    added: int = 0
    removed: int = 0


@dataclass
class Membership:
    entry_id: int
    source: str
    entry_key: str
    list_name: str
    name: str
    programs: list[str]
    listed_on: str | None


@dataclass
class LinkedEntity:
    memberships: list[Membership]
    evidence: list[dict[str, Any]] = field(default_factory=list)


# rows fetched at a time: a whole-table read otherwise holds every row at once (the ORM
# fetches all before yielding one), two million name rows for the full FtM collection
STREAM_ROWS = 20_000
# ids in one IN (...) list: under SQLite's old limit of 999 bound parameters
IN_BATCH = 900


def _with_source(*columns: Any) -> Select[Any]:
    """`select(*columns)` over list entries joined to their version and its list source."""
    return (
        select(*columns)
        .join(ListVersion, ListEntry.version_id == ListVersion.id)
        .join(ListSource, ListVersion.source_id == ListSource.id)
    )


def linkable_facts(session: Session) -> list[EntryFacts]:
    """What the linker reads of every active entry some evidence could join to another.

    An entry enters a link only through a number it shares with another entry, a person's
    name and birth date another entry shares, a key of a list other lists cite
    (`resolve.KEYED_SOURCES`), a UN number it gives, or an FtM referent; `linkable_entries`
    finds those first, from the identifiers and birth dates alone, and only they are read
    whole. A full collection of a million entries, nearly all with numbers nobody else
    holds, is then never held at once: holding every active entry's facts was
    the peak of a full GLEIF LEI-CDF import (1,836 MB at a million records, issue 19). The
    links are the same: every holder of a shared number is read, so the linker counts each
    number's holders as it would over every entry.
    """
    facts: dict[int, EntryFacts] = {}
    with_data: list[int] = []
    ids = sorted(linkable_entries(session))
    for start in range(0, len(ids), IN_BATCH):
        rows = session.execute(
            _with_source(
                ListEntry.id,
                ListSource.name,
                ListEntry.entry_key,
                ListEntry.entity_type,
                ListEntry.primary_name,
                ListEntry.remarks,
                ListVersion.format,
            )
            .where(ListEntry.id.in_(ids[start : start + IN_BATCH]))
            .order_by(ListEntry.id)
        )
        for entry_id, source, key, entity_type, primary, remarks, list_format in rows:
            facts[entry_id] = EntryFacts(
                entry_id=entry_id,
                source=intern(source),
                entry_key=key,
                entity_type=intern(entity_type),
                names=[primary],
                remarks=remarks if source.startswith(resolve.REMARKS_PREFIX) else "",
            )
            if source == resolve.FTM_SOURCE or list_format in DATA_FORMATS:
                with_data.append(entry_id)
    _read_data_fields(session, facts, with_data)
    _read_identifiers(session, facts, ids)
    _read_birth_dates(session, facts, ids)
    _read_names(session, facts, sorted(resolve.compared_by_name(facts.values())))
    return list(facts.values())


def linkable_entries(session: Session) -> set[int]:
    """Ids of the active entries some evidence could join to another (see `linkable_facts`).

    Numbers, and persons' names with their birth dates, are compared as 64-bit hashes of
    their normalised form in numpy arrays (16 bytes a number, not a dict of a million
    strings); a collision only reads an entry more.
    """
    active = ListVersion.is_active.is_(True)
    wanted = set(
        session.scalars(
            _with_source(ListEntry.id).where(
                active,
                or_(
                    ListSource.name.in_(sorted(resolve.KEYED_SOURCES)),
                    ListSource.name.startswith(resolve.REMARKS_PREFIX),
                    ListVersion.format.in_(sorted(DATA_FORMATS)),
                ),
            )
        )
    )
    numbers, holders = array("q"), array("q")
    for entry_id, id_type, value in session.execute(
        select(EntryIdentifier.entry_id, EntryIdentifier.id_type, EntryIdentifier.value)
        .join(ListEntry, EntryIdentifier.entry_id == ListEntry.id)
        .join(ListVersion, ListEntry.version_id == ListVersion.id)
        .where(active)
        .execution_options(yield_per=STREAM_ROWS)
    ):
        if id_type == "un_reference":
            wanted.add(entry_id)
        elif (key := resolve.identifier_key(id_type, value)) is not None:
            numbers.append(hash(key))
            holders.append(entry_id)
    for entry_id, entity_type, name, birth_date in session.execute(
        select(ListEntry.id, ListEntry.entity_type, ListEntry.primary_name, EntryDate.value)
        .join(ListEntry, EntryDate.entry_id == ListEntry.id)
        .join(ListVersion, ListEntry.version_id == ListVersion.id)
        .where(active, ListEntry.entity_type == resolve.PERSON, EntryDate.kind == BIRTH)
        .execution_options(yield_per=STREAM_ROWS)
    ):
        if (key := resolve.name_and_birth_key(entity_type, name, birth_date)) is not None:
            numbers.append(hash(key))
            holders.append(entry_id)
    wanted.update(_holders_of_shared(numbers, holders))
    for entry_id, data in session.execute(
        _with_source(ListEntry.id, ListEntry.data)
        .where(active, ListSource.name == resolve.FTM_SOURCE)
        .execution_options(yield_per=STREAM_ROWS)
    ):
        referents = (data or {}).get("referents")
        if isinstance(referents, list) and resolve.cites_keyed_list(map(str, referents)):
            wanted.add(entry_id)
    return wanted


def _holders_of_shared(numbers: array[int], holders: array[int]) -> list[int]:
    """The entries holding a number that another entry also holds."""
    if not numbers:
        return []
    pairs = np.unique(
        np.stack([np.frombuffer(numbers, np.int64), np.frombuffer(holders, np.int64)], axis=1),
        axis=0,
    )  # one row per (number, holder), ordered by number
    number = pairs[:, 0]
    same_as_next = number[1:] == number[:-1]
    shared = np.zeros(len(number), dtype=bool)
    shared[1:] |= same_as_next
    shared[:-1] |= same_as_next
    return [int(entry_id) for entry_id in np.unique(pairs[shared, 1])]


def _read_identifiers(session: Session, facts: dict[int, EntryFacts], ids: list[int]) -> None:
    for start in range(0, len(ids), IN_BATCH):
        for entry_id, id_type, value, country in session.execute(
            select(
                EntryIdentifier.entry_id,
                EntryIdentifier.id_type,
                EntryIdentifier.value,
                EntryIdentifier.country,
            )
            .where(EntryIdentifier.entry_id.in_(ids[start : start + IN_BATCH]))
            .order_by(EntryIdentifier.id)
        ):
            fact = facts[entry_id]
            found = IdentifierFact(
                intern(id_type), value, None if country is None else intern(country)
            )
            if isinstance(fact.identifiers, list):
                fact.identifiers.append(found)
            else:  # the shared empty default
                fact.identifiers = [found]


def _read_birth_dates(session: Session, facts: dict[int, EntryFacts], ids: list[int]) -> None:
    """Persons' full birth dates, for `name_and_birth` links."""
    for start in range(0, len(ids), IN_BATCH):
        for entry_id, value in session.execute(
            select(EntryDate.entry_id, EntryDate.value)
            .join(ListEntry, EntryDate.entry_id == ListEntry.id)
            .where(
                EntryDate.entry_id.in_(ids[start : start + IN_BATCH]),
                EntryDate.kind == BIRTH,
                ListEntry.entity_type == resolve.PERSON,
            )
            .order_by(EntryDate.id)
        ):
            if resolve.FULL_DATE.match(value):
                fact = facts[entry_id]
                fact.birth_dates = [*fact.birth_dates, value]


def _read_names(session: Session, facts: dict[int, EntryFacts], ids: list[int]) -> None:
    """Every name of the entries the linker compares by name; the others keep the primary."""
    for start in range(0, len(ids), IN_BATCH):
        for entry_id, name in session.execute(
            select(EntryName.entry_id, EntryName.name)
            .where(EntryName.entry_id.in_(ids[start : start + IN_BATCH]))
            .order_by(EntryName.id)
        ):
            fact = facts[entry_id]
            if name != fact.names[0]:
                fact.names.append(name)


def _read_data_fields(session: Session, facts: dict[int, EntryFacts], ids: list[int]) -> None:
    """FtM referents and EU FSF UN numbers live in the JSON `data`: read it for those only."""
    for start in range(0, len(ids), IN_BATCH):
        for entry_id, data in session.execute(
            select(ListEntry.id, ListEntry.data).where(
                ListEntry.id.in_(ids[start : start + IN_BATCH])
            )
        ):
            fact, data = facts[entry_id], data or {}
            referents = data.get("referents")
            if isinstance(referents, list):
                fact.referents = [str(r) for r in referents]
            un_ref = data.get("un_reference")
            if isinstance(un_ref, str):
                fact.un_reference = un_ref


def relink(session: Session, source: str | None = None) -> RelinkResult:
    """Bring the live links in step with the active versions; keep the undone ones undone.

    `source`: the list that just got a new active version. Only links with an entry of
    that list can change then (the evidence of two other lists is what it was), so only
    those are rewritten: a link the new version still supports keeps its row (id, time
    linked), moved to the new version's entry; one it no longer supports goes; a new one
    is added. Without `source` every live link is reconciled the same way, and so it is
    when the stored links were found with older evidence (`EVIDENCE_VERSION`): a new kind
    of evidence joins entries of lists that were not imported again.
    """
    evidence = session.get(Setting, EVIDENCE_SETTING)
    if evidence is None or evidence.value != EVIDENCE_VERSION:
        source = None
        if evidence is None:
            session.add(Setting(key=EVIDENCE_SETTING, value=EVIDENCE_VERSION))
        else:
            evidence.value = EVIDENCE_VERSION
    facts = linkable_facts(session)
    by_id = {fact.entry_id: fact for fact in facts}
    undone = {
        (row.source_a, row.key_a, row.source_b, row.key_b)
        for row in session.execute(
            select(ListedEntityLink).where(ListedEntityLink.undone_at.is_not(None))
        ).scalars()
    }
    live = select(ListedEntityLink).where(ListedEntityLink.undone_at.is_(None))
    if source is not None:
        live = live.where(
            or_(ListedEntityLink.source_a == source, ListedEntityLink.source_b == source)
        )
    stored = {
        (row.source_a, row.key_a, row.source_b, row.key_b): row
        for row in session.execute(live).scalars()
    }
    now = utcnow()
    rows: list[dict[str, Any]] = []
    by_kind: dict[str, int] = defaultdict(int)
    kept = 0
    for link in resolve.find_links(facts, touching=source):
        a, b = by_id[link.a], by_id[link.b]
        if source is not None and source not in (a.source, b.source):
            continue
        key = (a.source, a.entry_key, b.source, b.entry_key)
        if key in undone:
            continue
        by_kind[link.kind] += 1
        values = {
            "entry_a_id": a.entry_id,
            "entry_b_id": b.entry_id,
            "kind": link.kind,
            "evidence": link.evidence[:300],
        }
        row = stored.pop(key, None)
        if row is not None:
            kept += 1
            if any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
            continue
        rows.append(
            values
            | {
                "source_a": a.source,
                "key_a": a.entry_key,
                "source_b": b.source,
                "key_b": b.entry_key,
                "linked_at": now,
            }
        )
    gone = [row.id for row in stored.values()]
    for start in range(0, len(gone), 900):
        session.execute(
            delete(ListedEntityLink).where(ListedEntityLink.id.in_(gone[start : start + 900]))
        )
    for start in range(0, len(rows), 2000):
        session.execute(insert(ListedEntityLink), rows[start : start + 2000])
    session.flush()
    return RelinkResult(
        links=kept + len(rows),
        by_kind=dict(sorted(by_kind.items())),
        kept_undone=len(undone),
        kept=kept,
        added=len(rows),
        removed=len(gone),
    )


def undo_link(session: Session, link_id: int, reason: str) -> ListedEntityLink:
    """A reviewer says the two entries are not one entity: the link stays undone, audited."""
    link = session.get(ListedEntityLink, link_id)
    if link is None or link.undone_at is not None:
        raise LinkNotFound(f"no live listed-entity link {link_id}")
    link.undone_at = utcnow()
    link.undone_by = current_user(session)
    audit.record(
        session,
        "list.link.undo",
        "listed_entity_link",
        link.id,
        details={
            "a": f"{link.source_a} {link.key_a}",
            "b": f"{link.source_b} {link.key_b}",
            "kind": link.kind,
            "evidence": link.evidence,
            "reason": reason,
        },
    )
    return link


def live_links(session: Session) -> list[ListedEntityLink]:
    return list(
        session.execute(
            select(ListedEntityLink)
            .where(ListedEntityLink.undone_at.is_(None))
            .order_by(ListedEntityLink.id)
        ).scalars()
    )


def entity_map(session: Session, refs: Iterable[EntryRef] | None = None) -> EntityMap:
    """The listed entities the live links (not undone) make, by publisher keys.

    With `refs`, only the entities of those entries: their links are read, then the links
    of the entries those reach, until nothing new is reached (an entity has a handful of
    memberships, so two or three small queries instead of every link, which a window that
    reloads on each selection cannot afford).
    """
    columns = select(
        ListedEntityLink.source_a,
        ListedEntityLink.key_a,
        ListedEntityLink.source_b,
        ListedEntityLink.key_b,
    ).where(ListedEntityLink.undone_at.is_(None))
    refs = None if refs is None else set(refs)
    if refs is None or len(refs) > READ_ALL_ABOVE:
        rows = session.execute(columns).all()
        return EntityMap.of_links(((a, ka), (b, kb)) for a, ka, b, kb in rows)
    pairs: set[tuple[EntryRef, EntryRef]] = set()
    seen: set[EntryRef] = set()
    frontier = set(refs)
    while frontier:
        seen |= frontier
        keys = sorted({key for _source, key in frontier})
        reached: set[EntryRef] = set()
        for start in range(0, len(keys), 400):
            chunk = keys[start : start + 400]
            query = columns.where(
                or_(ListedEntityLink.key_a.in_(chunk), ListedEntityLink.key_b.in_(chunk))
            )
            for a, ka, b, kb in session.execute(query):
                pairs.add(((a, ka), (b, kb)))
                reached.update(((a, ka), (b, kb)))
        frontier = reached - seen
    return EntityMap.of_links(pairs)


def entity_of_entries(session: Session) -> dict[int, int]:
    """Entry id -> its listed entity's id (the smallest entry id of its group), linked only."""
    links = live_links(session)
    return {
        entry_id: min(group)
        for group in resolve.group_entities((link.entry_a_id, link.entry_b_id) for link in links)
        for entry_id in group
    }


def linked_entities(session: Session) -> list[LinkedEntity]:
    """One item per listed entity with more than one membership, memberships by source."""
    links = live_links(session)
    groups = resolve.group_entities((link.entry_a_id, link.entry_b_id) for link in links)
    ids = {entry_id for group in groups for entry_id in group}
    members: dict[int, Membership] = {}
    for entry_id, source, key, list_name, name, programs, listed_on in session.execute(
        _with_source(
            ListEntry.id,
            ListSource.name,
            ListEntry.entry_key,
            ListEntry.list_name,
            ListEntry.primary_name,
            ListEntry.programs,
            ListEntry.listed_on,
        ).where(ListEntry.id.in_(ids))
    ):
        members[entry_id] = Membership(
            entry_id, source, key, list_name, name, list(programs or []), listed_on
        )
    evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        evidence[link.entry_a_id].append(
            {
                "link_id": link.id,
                "a": f"{link.source_a} {link.key_a}",
                "b": f"{link.source_b} {link.key_b}",
                "kind": link.kind,
                "evidence": link.evidence,
            }
        )
    return [
        LinkedEntity(
            memberships=sorted((members[i] for i in group), key=lambda m: (m.source, m.entry_key)),
            evidence=[item for i in sorted(group) for item in evidence.get(i, [])],
        )
        for group in groups
    ]


def link_shares(session: Session) -> dict[str, dict[str, Any]]:
    """How much of what the evidence promises is linked, on the active versions.

    `csl_sdn_rows`: CSL `SDN:` rows whose id is in the active SDN version, and how many are
    linked to it; `un_cited`: entries of the other lists that give a UN number present in
    the active UN version, and how many are linked to that UN entry, per source.
    """
    facts = linkable_facts(session)
    linked: dict[int, set[int]] = defaultdict(set)
    for link in live_links(session):
        linked[link.entry_a_id].add(link.entry_b_id)
        linked[link.entry_b_id].add(link.entry_a_id)
    by_key = {(f.source, f.entry_key): f for f in facts}
    csl = [f for f in facts if f.source == resolve.CSL_SOURCE and f.entry_key.startswith("SDN:")]
    sdn_loaded = any(f.source == resolve.SDN_SOURCE for f in facts)
    in_sdn = [f for f in csl if (resolve.SDN_SOURCE, f.entry_key[4:]) in by_key]
    csl_linked = [
        f
        for f in in_sdn
        if by_key[(resolve.SDN_SOURCE, f.entry_key[4:])].entry_id in linked[f.entry_id]
    ]
    un_cited: dict[str, dict[str, int]] = {}
    for fact in facts:
        if fact.source == resolve.UN_SOURCE:
            continue
        for ref in resolve.un_references(fact):
            target = by_key.get((resolve.UN_SOURCE, ref))
            if target is None:
                continue
            counts = un_cited.setdefault(fact.source, {"citing": 0, "linked": 0})
            counts["citing"] += 1
            counts["linked"] += int(target.entry_id in linked[fact.entry_id])
    un_entries = [f for f in facts if f.source == resolve.UN_SOURCE]
    return {
        "csl_sdn_rows": {
            "rows": len(csl),
            "sdn_version_loaded": sdn_loaded,
            "id_in_sdn_version": len(in_sdn),
            "linked": len(csl_linked),
        },
        "un": {
            "un_entries": len(un_entries),
            "un_entries_linked": sum(1 for f in un_entries if linked[f.entry_id]),
            "cited_by": dict(sorted(un_cited.items())),
        },
    }


def evidence_between(session: Session, refs: Iterable[EntryRef]) -> list[SameEntityEvidence]:
    """The live links joining two of `refs` (a case's or a hit's memberships), in link order."""
    wanted = set(refs)
    if len(wanted) < 2:
        return []
    keys = sorted({key for _, key in wanted})
    found: dict[int, SameEntityEvidence] = {}
    for start in range(0, len(keys), IN_BATCH):  # a case's keys, under SQLite's old limit
        for row in session.execute(
            select(ListedEntityLink).where(
                ListedEntityLink.undone_at.is_(None),
                ListedEntityLink.key_a.in_(keys[start : start + IN_BATCH]),
            )
        ).scalars():
            found[row.id] = SameEntityEvidence(
                f"{row.source_a} {row.key_a}",
                f"{row.source_b} {row.key_b}",
                row.kind,
                row.evidence,
                row.id,
            )
    return evidence_within((found[i] for i in sorted(found)), wanted)
