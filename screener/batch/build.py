"""Building the batch screener: the engine over the kept index of the active list versions.

There is one scoring path. A batch row meets the names that share its blocking keys
(`MatchIndex.candidate_names`) and each of them is scored by the engine's own scorer, as a
search or a case screening does, so a change to scoring cannot drift from batch screening.
Separate from `engine` (what a screener does) because building reads the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.batch.engine import EngineScreener, chosen_versions, engine_screener
from screener.batch.model import BatchCancelled, EngineUnavailable, UnknownSource
from screener.collector import collector_paused_then_frozen
from screener.matching.config import load_config
from screener.matching.db_index import kept_index, version_facts
from screener.matching.index import MatchIndex
from screener.matching.index_store import index_key, store_enabled
from screener.models import ListSource, ListVersion
from screener.store import Store

T = TypeVar("T")
__all__ = ["EngineUnavailable", "UnknownSource", "build_screener"]


def build_screener(
    store: Store,
    *,
    threshold: float | None = None,
    sources: Sequence[str] = (),
    is_cancelled: Callable[[], bool] | None = None,
) -> EngineScreener:
    """A screener over every active list version; raises if `sources` are unknown."""
    config = load_config()
    with store.session() as session:
        versions = active_versions(session)
        chosen = chosen_versions(versions, sources)
        if is_cancelled is not None and is_cancelled():
            raise BatchCancelled("batch screening cancelled")
        key = (store.url, tuple(int(v["version_id"]) for v in versions), repr(config))
        index = _cached_index(key, lambda: kept_index(session, config))
    return engine_screener(index, config, threshold=threshold, sources=sources, versions=chosen)


def active_versions(session: Session) -> list[dict[str, Any]]:
    """Every active list version (source, version id, label, entries), by source name: what
    a report names, and what `chosen_versions` checks `--lists` against."""
    return [
        {"source": name, "version_id": version_id, "label": label, "entries": count}
        for name, version_id, label, count in session.execute(
            select(ListSource.name, ListVersion.id, ListVersion.label, ListVersion.entry_count)
            .join(ListVersion, ListVersion.source_id == ListSource.id)
            .where(ListVersion.is_active.is_(True))
            .order_by(ListSource.name)
        )
    ]


def active_index_key(session: Session) -> str | None:
    """The key the active versions' kept index is stored under (None: the store is off):
    what a kept index read ahead must be kept under to be theirs (screener/batch/kept.py)."""
    return index_key(version_facts(session)) if store_enabled() else None


_cache: dict[tuple[object, ...], object] = {}
_cache_lock = threading.Lock()


def _cached_index(key: tuple[object, ...], build: Callable[[], MatchIndex]) -> MatchIndex:
    """The index of the active list versions, built once per set of versions.

    Building it takes seconds over every list, and a reviewer runs batch after batch against
    the same lists. A new or switched-off version changes the key, and the old index is
    dropped. Only the latest set of versions is kept.
    """
    with _cache_lock:
        found = _cache.get(("index", *key))
        if found is None:
            _cache.clear()
            found = _cache[("index", *key)] = _built_quietly(build)
    assert isinstance(found, MatchIndex)
    return found


def _built_quietly(build: Callable[[], T]) -> T:
    """Build without the cyclic garbage collector, then move the result out of its reach.

    An index is millions of small objects and no cycles worth collecting; left to itself
    the collector walks all of them again and again while they are built (and once more
    afterwards), each walk holding the interpreter lock long enough to freeze the window's
    event loop. `gc.freeze` also spares the pages of the index from the collector's writes
    after a fork, so the worker processes keep sharing them copy-on-write.
    """
    with collector_paused_then_frozen():
        return build()
