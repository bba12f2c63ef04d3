"""The brute force a user would write: every query against every list name with rapidfuzz.

`process.cdist(queries, names, scorer=fuzz.token_sort_ratio, processor=default_process,
workers=-1)` over all names (primary and aliases) of the active list entries: no index, no
transliteration, no legal forms, no secondary attributes. `load_names` reads those names,
`brute_force` times the call on them: the baseline the engine must beat, in
benchmarks/batch_speed.py on the real lists and in benchmarks/scale.py at up to a million
entries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils
from sqlalchemy import select

from screener.models import EntryName, ListEntry, ListSource, ListVersion
from screener.store import Store

# Scores one cdist call holds (uint8): 1,000 queries x 90,000 names, 90 MB; at a million
# entries' two million names, 45 queries a call.
BRUTE_CELLS = 90_000_000


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


def processed_names(index: BruteForceIndex) -> list[str]:
    """The list's names as the brute force compares them (rapidfuzz's `default_process`)."""
    return [utils.default_process(n) for n in index.names]


def brute_force(
    queries: list[str],
    index: BruteForceIndex,
    cutoff: int | None,
    names: list[str] | None = None,
) -> tuple[list[tuple[float, list[int]]], float]:
    """The best score of each query and the name positions reaching it; seconds scoring took
    (with the list's names processed, unless `names` brings them as `processed_names` gives
    them)."""
    started = time.perf_counter()
    names = processed_names(index) if names is None else names
    processed = [utils.default_process(q) for q in queries]
    best: list[tuple[float, list[int]]] = []
    chunk = max(1, BRUTE_CELLS // max(1, len(names)))
    for start in range(0, len(processed), chunk):
        matrix = process.cdist(
            processed[start : start + chunk],
            names,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
            workers=-1,
        )
        tops = matrix.max(axis=1)
        for row, top in enumerate(tops.tolist()):
            found = np.flatnonzero(matrix[row] == top).tolist() if top else []
            best.append((float(top), found))
    return best, time.perf_counter() - started
