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

from screener.batch.engine import EngineScreener, engine_screener
from screener.batch.kept import KeptIndex, StaleKeptIndex
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
    early: KeptIndex | None = None,
) -> EngineScreener:
    """A screener over every active list version; raises if `sources` are unknown.

    `early`: the kept index read before the database was opened (screener/batch/kept.py);
    used when it is the one the active versions name, else StaleKeptIndex is raised."""
    config = load_config()
    with store.session() as session:
        versions: list[dict[str, Any]] = [
            {"source": name, "version_id": version_id, "label": label, "entries": count}
            for name, version_id, label, count in session.execute(
                select(ListSource.name, ListVersion.id, ListVersion.label, ListVersion.entry_count)
                .join(ListVersion, ListVersion.source_id == ListSource.id)
                .where(ListVersion.is_active.is_(True))
                .order_by(ListSource.name)
            )
        ]
        if not versions:
            raise EngineUnavailable(
                "no list is imported yet; import one with 'screener lists import PATH'"
            )
        known = {str(v["source"]) for v in versions}
        missing = [s for s in sources if s not in known]
        if missing:
            raise UnknownSource(
                f"no active list named {', '.join(map(repr, missing))}; "
                f"active lists: {', '.join(sorted(known))}"
            )
        if is_cancelled is not None and is_cancelled():
            raise BatchCancelled("batch screening cancelled")
        if early is not None:
            if not store_enabled() or index_key(version_facts(session)) != early.key:
                raise StaleKeptIndex("the kept index read ahead is not the active versions'")
            index = early.index
        else:
            key = (store.url, tuple(int(v["version_id"]) for v in versions), repr(config))
            index = _cached_index(key, lambda: kept_index(session, config))
    chosen = [v for v in versions if not sources or v["source"] in sources]
    return engine_screener(index, config, threshold=threshold, sources=sources, versions=chosen)


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
