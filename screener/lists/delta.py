"""What changed in a source between two versions: entries added, removed and changed.

Entries are matched by `entry_key` (the publisher's id). The per-entry `content_hash`
finds changed entries cheaply; only those are then loaded field by field to say *which*
fields changed, so a weekly delta over 15,000 entries reads two small columns per entry.
List-valued fields (names, identifiers, ...) are compared as sets of items, because
publishers reorder aliases between editions without meaning anything by it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.models import EntryAddress, EntryDate, EntryIdentifier, EntryName, ListEntry

SCALAR_FIELDS = ("primary_name", "entity_type", "list_name", "remarks", "listed_on")
JSON_FIELDS = ("programs", "countries", "data")
CHILD_FIELDS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "names": (EntryName, ("name", "kind", "strength", "script")),
    "identifiers": (EntryIdentifier, ("id_type", "value", "country", "note")),
    "addresses": (EntryAddress, ("full", "city", "country")),
    "dates": (EntryDate, ("kind", "value")),
}
CHUNK = 900


@dataclass
class EntrySummary:
    entry_key: str
    primary_name: str
    entity_type: str
    list_name: str


@dataclass
class EntryChange:
    entry_key: str
    primary_name: str
    fields: list[str]
    details: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Delta:
    from_version: int
    to_version: int
    added: list[EntrySummary] = field(default_factory=list)
    removed: list[EntrySummary] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)
    unchanged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "from_version": self.from_version,
            "to_version": self.to_version,
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "unchanged": self.unchanged,
            },
            "added": [s.__dict__ for s in self.added],
            "removed": [s.__dict__ for s in self.removed],
            "changed": [c.__dict__ for c in self.changed],
        }


def compute_delta(session: Session, from_version: int, to_version: int) -> Delta:
    old = _index(session, from_version)
    new = _index(session, to_version)
    delta = Delta(from_version, to_version)
    delta.added = [_summary(new[k]) for k in sorted(new.keys() - old.keys(), key=_natural)]
    delta.removed = [_summary(old[k]) for k in sorted(old.keys() - new.keys(), key=_natural)]
    common = sorted(old.keys() & new.keys(), key=_natural)
    changed_keys = [k for k in common if old[k].content_hash != new[k].content_hash]
    before = _snapshots(session, [old[k].id for k in changed_keys])
    after = _snapshots(session, [new[k].id for k in changed_keys])
    for key in changed_keys:
        details = compare(before[old[key].id], after[new[key].id])
        # digests differ but no field does: the digest was taken as an older release read the
        # entry (migration 0006 re-read the types in place), not a change of the publisher's
        if details:
            delta.changed.append(EntryChange(key, new[key].primary_name, sorted(details), details))
    delta.unchanged = len(common) - len(delta.changed)
    return delta


def change_counts(session: Session, from_version: int, to_version: int) -> tuple[int, int, int]:
    """(added, changed, removed) entries from one version to the next: keys and content
    hashes only, cheap enough to draw every version of a source on a timeline in the window
    (a daily OpenSanctions file changes tens of thousands). So it counts as changed an entry
    whose digest an older release took (before migration 0006 re-read the types) where
    `compute_delta`, which reads the fields of those entries, finds none changed."""
    old = {row.entry_key: row.content_hash for row in _index(session, from_version).values()}
    new = {row.entry_key: row.content_hash for row in _index(session, to_version).values()}
    changed = sum(1 for key in old.keys() & new.keys() if old[key] != new[key])
    return len(new.keys() - old.keys()), changed, len(old.keys() - new.keys())


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field name -> what changed: before/after for single values, removed/added for lists."""
    details: dict[str, dict[str, Any]] = {}
    for name in SCALAR_FIELDS + ("data",):
        if before[name] != after[name]:
            details[name] = {"before": before[name], "after": after[name]}
    for name in ("programs", "countries", *CHILD_FIELDS):
        old_items, new_items = before[name], after[name]
        if set(old_items) != set(new_items):
            details[name] = {
                "removed": [_plain(i) for i in old_items if i not in new_items],
                "added": [_plain(i) for i in new_items if i not in old_items],
            }
    return details


def _plain(item: Any) -> Any:
    if isinstance(item, tuple):
        return " | ".join(str(part) for part in item if part not in (None, ""))
    return item


def _index(session: Session, version_id: int) -> dict[str, Any]:
    rows = session.execute(
        select(
            ListEntry.id,
            ListEntry.entry_key,
            ListEntry.content_hash,
            ListEntry.primary_name,
            ListEntry.entity_type,
            ListEntry.list_name,
        ).where(ListEntry.version_id == version_id)
    )
    return {row.entry_key: row for row in rows}


def _summary(row: Any) -> EntrySummary:
    return EntrySummary(row.entry_key, row.primary_name, row.entity_type, row.list_name)


def _snapshots(session: Session, entry_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Every comparable field of each entry, children as tuples of their columns."""
    snapshots: dict[int, dict[str, Any]] = {}
    for start in range(0, len(entry_ids), CHUNK):
        chunk = entry_ids[start : start + CHUNK]
        for entry in session.execute(select(ListEntry).where(ListEntry.id.in_(chunk))).scalars():
            snapshot: dict[str, Any] = {name: getattr(entry, name) for name in SCALAR_FIELDS}
            snapshot["data"] = entry.data
            snapshot["programs"] = [str(p) for p in entry.programs]
            snapshot["countries"] = [str(c) for c in entry.countries]
            snapshots[entry.id] = snapshot
        for name, (model, columns) in CHILD_FIELDS.items():
            items: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
            query = select(model.entry_id, *(getattr(model, c) for c in columns)).where(
                model.entry_id.in_(chunk)
            )
            for row in session.execute(query):
                items[row[0]].append(tuple(row[1:]))
            for entry_id in chunk:
                snapshots[entry_id][name] = items.get(entry_id, [])
    return snapshots


def _natural(key: str) -> tuple[int, str]:
    """OFAC ids are numbers: sort 36 before 173 before 1000."""
    return (int(key), "") if key.isdigit() else (1 << 62, key)
