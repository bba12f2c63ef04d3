"""The matching engine, wrapped for batch use: a picklable screener over the candidate index.

The index (`screener.matching.db_index.kept_index`) is built once from the active list
versions, and kept in the user's data directory for the next run against the same versions;
`EngineScreener.screen` turns a batch row into the engine's `Query` the same way
a case party is screened (names, schema, country, date, identifiers), and the engine's
matches into `BatchHit`s with the explanation the reviewer reads. The screener holds no
database handle, so it can be forked or pickled into worker processes.

`--lists` narrows the hits to some sources. The index always covers every active list (the
word rarities that weigh a match are computed over all of them, so a score does not change
with the selection); hits from other sources are dropped after scoring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from screener.batch.model import BatchHit, BatchQuery, EngineUnavailable, UnknownSource
from screener.matching.algorithm import MatchScore
from screener.matching.alignment import nickname_pairs
from screener.matching.config import MatchConfig, load_config
from screener.matching.explain import explain_features
from screener.matching.index import IndexedEntry, MatchIndex, Query
from screener.matching.pinyin import load_readings as load_pinyin_readings
from screener.matching.records import MatchRecord
from screener.matching.schemas import load_schema_table
from screener.matching.wade_giles import load_table as load_wade_giles_table

HITS_PER_NAME = 10
# With a source filter, ask the engine for more so filtered-out sources cannot crowd out hits.
HITS_BEFORE_SOURCE_FILTER = 50


@dataclass(frozen=True)
class ScreenerDescription:
    """What a batch was screened against, for the report, the audit record and the window."""

    threshold: float
    strong_threshold: float
    versions: list[dict[str, Any]] = field(default_factory=list)
    sources: tuple[str, ...] = ()  # empty: every active source
    entries: int = 0


def review_threshold() -> float:
    """The shipped review (alert) threshold: the default for `--threshold`."""
    return load_config().review_threshold


def batch_query(query: BatchQuery) -> Query:
    """A batch row in the engine's terms, as `screener.workflow.screening.party_query` does for parties."""
    return Query(
        names=[query.name],
        schema=query.party_type,
        countries=[query.country] if query.country else [],
        dates=[query.date] if query.date else [],
        identifiers=sorted(query.identifiers.items()),
    )


def prepare_query(query: BatchQuery) -> MatchRecord:
    """The query as the engine compares it (names read and romanised, facts normalised):
    what `MatchIndex.search` makes of `batch_query(query)` itself."""
    return batch_query(query).record()


class EngineScreener:
    """One query in, its hits at or above the threshold out, best first."""

    def __init__(
        self,
        index: MatchIndex,
        description: ScreenerDescription,
        hits_per_name: int = HITS_PER_NAME,
    ) -> None:
        self.index = index
        self.description = description
        self.hits_per_name = hits_per_name
        self._sources = frozenset(description.sources)

    def load_shared(self) -> None:
        """Load now the tables that screening reads at its first need of them: the nickname
        pairs, the Wade-Giles syllables and pinyin readings, the schema table (some 18 ms of
        CPU). The batch runner calls it before its workers fork, so they share one copy
        instead of each loading its own."""
        if self.index.config.nickname_similarity:
            nickname_pairs()
        load_schema_table()
        load_wade_giles_table()
        load_pinyin_readings()

    def screen(
        self, query: BatchQuery, prepared: MatchRecord | None = None
    ) -> tuple[BatchHit, ...]:
        """`prepared`: what `prepare_query` made of this query elsewhere (a helper process)."""
        limit = HITS_BEFORE_SOURCE_FILTER if self._sources else self.hits_per_name
        matches = self.index.search(
            batch_query(query) if prepared is None else prepared,
            limit=limit,
            threshold=self.description.threshold,
            explain=True,
        )
        if self._sources:
            matches = [m for m in matches if m.entry.source_name in self._sources]
        return tuple(to_hit(m.entry, m.score) for m in matches[: self.hits_per_name])


def engine_screener(
    index: MatchIndex,
    config: MatchConfig,
    *,
    threshold: float | None,
    sources: Sequence[str],
    versions: list[dict[str, Any]] | None = None,
) -> EngineScreener:
    """The screener over `index` at `threshold` (None: the shipped review threshold) for
    hits from `sources` (empty: every list); `versions` describe the lists for the report.
    One maker for `build_screener` and for the screener started before the database is
    read (screener/batch/kept.py), so both screen alike."""
    description = ScreenerDescription(
        threshold=config.review_threshold if threshold is None else threshold,
        strong_threshold=config.strong_threshold,
        versions=versions or [],
        sources=tuple(sources),
        entries=len(index),
    )
    return EngineScreener(index, description)


def chosen_versions(
    versions: Sequence[dict[str, Any]], sources: Sequence[str]
) -> list[dict[str, Any]]:
    """Of the active `versions` (`build.active_versions`), those of `sources` (empty: all):
    the versions a report names. Raises EngineUnavailable when none is active and
    UnknownSource when `--lists` names one that is not. Here, without the database, as the
    versions may come from another process (screener/batch/db_side.py)."""
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
    return [v for v in versions if not sources or v["source"] in sources]


def to_hit(entry: IndexedEntry, score: MatchScore) -> BatchHit:
    features = score.features_json()
    return BatchHit(
        source=entry.source_name,
        entry_id=entry.entry_key,
        name=entry.primary_name,
        score=float(score.score),
        why=explain_features(score.score, score.query_name, score.candidate_name, features),
        list_entry_id=int(entry.entry_id or 0),
        matched_name=score.candidate_name,
        features=tuple(features),
    )
