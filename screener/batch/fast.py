"""The batch screener's fast path: the engine's search, with hopeless candidates skipped.

`PrefilteredScreener.screen` does what `MatchIndex.search` does (the engine's candidate
names, grouped by entry, scored without explanation, kept at or above the threshold, the
best re-scored with explanation) except that an entry is scored only when the upper bound
of `screener.batch.prefilter` says it can reach the threshold. Every score it reports is the
engine's, so the hits equal `EngineScreener`'s; only the work on candidates that could not
have been hits is saved. The bound's tables are built once in the parent, before the pool
forks, and shared by the workers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np

from screener.batch.engine import EngineScreener, ScreenerDescription, batch_query, to_hit
from screener.batch.model import BatchHit, BatchQuery
from screener.batch.prefilter import PreparedName, ScoreBound, entry_qualifiers, prepare
from screener.matching.algorithm import MatchScore, score_records
from screener.matching.index import MatchIndex
from screener.matching.records import MatchRecord
from screener.names import NameForm


def score_bound_for(index: MatchIndex) -> ScoreBound:
    """The bound's tables over every name of the index (a second or two; cached by engine)."""
    prepared: list[PreparedName] = [prepare(f, index.rarity) for f in index.name_forms]
    return ScoreBound(index.config, prepared)


class PrefilteredScreener(EngineScreener):
    def __init__(
        self,
        index: MatchIndex,
        description: ScreenerDescription,
        hits_per_name: int = 10,
        bound: ScoreBound | None = None,
    ) -> None:
        super().__init__(index, description, hits_per_name)
        self.bound = bound or score_bound_for(index)
        self.skipped = 0
        self.scored = 0

    def screen(self, query: BatchQuery) -> tuple[BatchHit, ...]:
        record = batch_query(query).record()
        if not record.names:
            return ()
        index = self.index
        ids = index.candidate_names(record)
        if not len(ids):
            return ()
        keep = self._entries_that_can_reach(record, ids)
        by_entry: dict[int, list[NameForm]] = defaultdict(list)
        for name_id in ids.tolist():
            position = int(index.name_entry[name_id])
            if position in keep:
                by_entry[position].append(index.name_forms[name_id])
        threshold = self.description.threshold
        scored: list[tuple[float, int, MatchScore]] = []
        for position, names in by_entry.items():
            candidate = replace(index.entries[position].record, names=tuple(names))
            result = score_records(
                record, candidate, config=index.config, rarity=index.rarity, explain=False
            )
            if result.score >= threshold:
                scored.append((result.score, position, result))
        self.scored += len(by_entry)
        scored.sort(key=lambda item: (-item[0], item[1]))
        hits = []
        for _score, position, _result in scored:
            entry = index.entries[position]
            if self._sources and entry.source_name not in self._sources:
                continue
            explained = score_records(
                record, entry.record, config=index.config, rarity=index.rarity, explain=True
            )
            hits.append(to_hit(entry, explained))
            if len(hits) >= self.hits_per_name:
                break
        return tuple(hits)

    def _entries_that_can_reach(self, record: MatchRecord, ids: np.ndarray) -> set[int]:
        owners = self.index.name_entry[ids]
        if record.identifiers:  # an equal identifier decides whatever the names say
            return set(owners.tolist())
        queries = [prepare(form, self.index.rarity) for form in record.names]
        bounds = self.bound.bounds(queries, ids)
        best: dict[int, float] = {}
        for owner, bound in zip(owners.tolist(), bounds.tolist(), strict=True):
            best[owner] = max(bound, best.get(owner, 0.0))
        threshold = self.description.threshold - 1e-9
        config = self.index.config
        keep = set()
        for position, bound in best.items():
            if bound < threshold:
                continue
            candidate = self.index.entries[position].record
            if bound + entry_qualifiers(record, candidate, config) >= threshold:
                keep.add(position)
        self.skipped += len(best) - len(keep)
        return keep
