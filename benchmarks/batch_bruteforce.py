"""The brute force a user would write: every query against every list name with rapidfuzz.

`process.cdist(queries, names, scorer=fuzz.token_sort_ratio, processor=default_process,
workers=-1)` over all names (primary and aliases) of the active list entries: no index, no
transliteration, no legal forms, no secondary attributes. `load_names` reads those names;
benchmarks/batch_speed.py times the call on them as the baseline the engine must beat.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from screener.models import EntryName, ListEntry, ListSource, ListVersion
from screener.store import Store


@dataclass
class BruteForceIndex:
    names: list[str]
    sources: list[str]
    entry_ids: list[int]
    keys: list[str]  # the entry's key on its list (as `screener screen` reports it)


def load_names(store: Store) -> BruteForceIndex:
    """Every primary name and alias of every active list entry."""
    with store.session() as session:
        active = (
            select(ListEntry.id, ListEntry.primary_name, ListSource.name, ListEntry.entry_key)
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .where(ListVersion.is_active.is_(True))
        )
        entries = {
            entry_id: (name, source, key) for entry_id, name, source, key in session.execute(active)
        }
        aliases = session.execute(
            select(EntryName.entry_id, EntryName.name).where(
                EntryName.entry_id.in_(select(active.subquery().c.id))
            )
        ).all()
    seen: set[tuple[int, str]] = set()
    index = BruteForceIndex([], [], [], [])
    pairs = [(entry_id, name) for entry_id, (name, _s, _k) in entries.items()] + [
        (entry_id, name) for entry_id, name in aliases
    ]
    for entry_id, name in pairs:
        if name and (entry_id, name) not in seen:
            seen.add((entry_id, name))
            index.names.append(name)
            index.sources.append(entries[entry_id][1])
            index.entry_ids.append(entry_id)
            index.keys.append(entries[entry_id][2])
    return index
