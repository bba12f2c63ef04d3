"""The brute force a user would write: every query against every list name with rapidfuzz.

`process.cdist(queries, names, scorer=fuzz.token_sort_ratio, processor=default_process,
workers=-1)` over all names (primary and aliases) of the active list entries: no index, no
transliteration, no legal forms, no secondary attributes. The matrix is computed in chunks
of queries (uint8 scores) so 10,000 x 100,000 names fit in memory. Used by
benchmarks/batch_speed.py as the baseline the engine must beat on speed and precision.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils
from sqlalchemy import select

from screener.models import EntryName, ListEntry, ListSource, ListVersion
from screener.store import Store

CHUNK = 256


@dataclass
class BruteForceIndex:
    names: list[str]
    sources: list[str]
    entry_ids: list[int]


@dataclass
class BruteForceBest:
    score: float  # 0..100, the best token_sort_ratio for the query
    candidates: list[int]  # positions in the index of every name reaching that score


def load_names(store: Store) -> BruteForceIndex:
    """Every primary name and alias of every active list entry."""
    with store.session() as session:
        active = (
            select(ListEntry.id, ListEntry.primary_name, ListSource.name)
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .where(ListVersion.is_active.is_(True))
        )
        entries = {entry_id: (name, source) for entry_id, name, source in session.execute(active)}
        aliases = session.execute(
            select(EntryName.entry_id, EntryName.name).where(
                EntryName.entry_id.in_(select(active.subquery().c.id))
            )
        ).all()
    seen: set[tuple[int, str]] = set()
    index = BruteForceIndex([], [], [])
    pairs = [(entry_id, name) for entry_id, (name, _s) in entries.items()] + [
        (entry_id, name) for entry_id, name in aliases
    ]
    for entry_id, name in pairs:
        if name and (entry_id, name) not in seen:
            seen.add((entry_id, name))
            index.names.append(name)
            index.sources.append(entries[entry_id][1])
            index.entry_ids.append(entry_id)
    return index


def best_matches(queries: list[str], index: BruteForceIndex) -> tuple[list[BruteForceBest], float]:
    """The best-scoring list names of each query, and the seconds the scoring took."""
    names = [utils.default_process(name) for name in index.names]
    started = time.perf_counter()
    best: list[BruteForceBest] = []
    for start in range(0, len(queries), CHUNK):
        chunk = [utils.default_process(q) for q in queries[start : start + CHUNK]]
        matrix = process.cdist(
            chunk, names, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1
        )
        tops = matrix.max(axis=1)
        for row, top in enumerate(tops):
            best.append(BruteForceBest(float(top), np.flatnonzero(matrix[row] == top).tolist()))
    return best, time.perf_counter() - started
