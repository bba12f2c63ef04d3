"""The kept index read before the database is opened, so a batch's workers start sooner.

`screener screen` used to spend its first half second on one core: importing SQLAlchemy and
the models, asking the database for the active list versions, and only then reading the
kept index those versions name and forking the workers. The user's data directory keeps one
index, the latest built (screener/matching/index_store.py), and it nearly always is the one
the versions name. So the command reads it first (`latest_kept_index`) and starts the pool
on it; meanwhile the database is asked for the active versions and the key their index is
kept under (screener/batch/db_side.py), and `checked_screener` compares. If the keys differ
(a list imported or switched off since, another database), `StaleKeptIndex` stops the pool
before any answer is used and the batch is screened again on the right index: a report
never comes from an index that the active versions do not name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from screener.batch.engine import EngineScreener, chosen_versions, engine_screener
from screener.matching.config import MatchConfig
from screener.matching.index import MatchIndex
from screener.matching.index_store import IndexFileError, index_dir, load_index, store_enabled

if TYPE_CHECKING:
    from screener.batch.db_side import ActiveLists

MANIFEST = ".manifest"


class StaleKeptIndex(Exception):
    """The index read ahead is not the one the active list versions name."""


@dataclass(frozen=True)
class KeptIndex:
    """An index read from the data directory, with the key its files are kept under."""

    key: str
    index: MatchIndex


def latest_kept_index(config: MatchConfig | None = None) -> KeptIndex | None:
    """The most recently written kept index, read as `kept_index` reads it (its manifest's
    checksums verified); None when there is none, the store is off, or it cannot be read."""
    if not store_enabled():
        return None
    try:
        folder = index_dir()
        manifests = [path for path in folder.iterdir() if path.suffix == MANIFEST]
        if not manifests:
            return None
        key = max(manifests, key=lambda path: path.stat().st_mtime_ns).stem
        return KeptIndex(key, load_index(folder, key, config))
    except (OSError, IndexFileError):
        return None


def checked_screener(
    kept: KeptIndex,
    active: ActiveLists,
    config: MatchConfig,
    *,
    threshold: float | None,
    sources: Sequence[str],
) -> EngineScreener:
    """The screener over `kept` when `active` (the database's answer) names it, as
    `build.build_screener` would make it; StaleKeptIndex when it does not. Raises what
    `engine.chosen_versions` raises for no active list or an unknown `--lists` first."""
    chosen = chosen_versions(active.versions, sources)
    if active.index_key is None or active.index_key != kept.key:
        raise StaleKeptIndex("the kept index read ahead is not the active versions'")
    return engine_screener(
        kept.index, config, threshold=threshold, sources=sources, versions=chosen
    )
