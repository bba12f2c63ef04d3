"""The batch screener's fast path: the engine's own search, with hopeless candidates dropped.

`PrefilteredScreener` runs `MatchIndex.search` unchanged on a view of the index whose
`candidate_names` leaves out the names of every entry that the upper bound of
`screener.batch.prefilter` shows cannot reach the threshold. Everything else (grouping by
entry, scoring, ordering, the explanation) is the engine's code, so every reported score is
the engine's and the hits equal `EngineScreener`'s; only work on candidates that could not
have been hits is saved. The bound's tables are built once in the parent, before the pool
forks, and shared by the workers.
"""

from __future__ import annotations

import copy

import numpy as np

from screener.batch.engine import (
    HITS_BEFORE_SOURCE_FILTER,
    EngineScreener,
    ScreenerDescription,
    batch_query,
    to_hit,
)
from screener.batch.model import BatchHit, BatchQuery
from screener.batch.prefilter import ScoreBound, entry_qualifiers, prepare
from screener.matching.alignment import ABJADS
from screener.matching.index import CANDIDATE_NAMES, MatchIndex
from screener.matching.records import MatchRecord


def score_bound_for(index: MatchIndex) -> ScoreBound:
    """The bound's tables over every name of the index (a second or two; cached by engine)."""
    return ScoreBound(index.config, index.name_forms, index.rarity)


# With this many candidate entries or fewer, the engine's early-exit scoring is cheaper than
# the bound's fixed cost (measured with benchmarks/batch_speed.py).
FEW_ENTRIES = 3


class PrefilteredIndex(MatchIndex):
    """The same index (shared arrays, shared records) whose candidates are pre-filtered."""

    bound: ScoreBound
    threshold: float
    scored: int
    skipped: int

    @classmethod
    def over(cls, index: MatchIndex, bound: ScoreBound, threshold: float) -> PrefilteredIndex:
        view = copy.copy(index)
        view.__class__ = cls
        assert isinstance(view, PrefilteredIndex)
        view.bound, view.threshold, view.scored, view.skipped = bound, threshold, 0, 0
        return view

    def candidate_names(
        self, record: MatchRecord, limit: int = CANDIDATE_NAMES, min_share: float | None = None
    ) -> np.ndarray:
        ids = super().candidate_names(record, limit, min_share)
        if not len(ids) or record.identifiers:  # an equal identifier decides whatever the names
            return ids
        if any(form.script in ABJADS for form in record.names):
            return ids  # the bound does not model consonant skeletons (alignment.py): score all
        owners = self.name_entry[ids]
        if len(np.unique(owners)) <= FEW_ENTRIES:  # scoring a few costs less than bounding them
            return ids
        keep = self._entries_that_can_reach(record, ids, owners)
        return ids[np.isin(owners, np.fromiter(keep, dtype=owners.dtype, count=len(keep)))]

    def _entries_that_can_reach(
        self, record: MatchRecord, ids: np.ndarray, owners: np.ndarray
    ) -> set[int]:
        queries = [prepare(form, self.rarity) for form in record.names]
        bounds = self.bound.bounds(queries, ids)
        best: dict[int, float] = {}
        forms = self.name_forms
        for name_id, owner, bound in zip(
            ids.tolist(), owners.tolist(), bounds.tolist(), strict=True
        ):
            if forms[name_id].script in ABJADS:
                bound = 1.0  # consonant skeletons are not in the bound: keep the name
            best[owner] = max(bound, best.get(owner, 0.0))
        threshold = self.threshold - 1e-9
        keep = set()
        for position, bound in best.items():
            if bound < threshold:
                continue
            candidate = self.entries[position].record
            if bound + entry_qualifiers(record, candidate, self.config) >= threshold:
                keep.add(position)
        self.scored += len(keep)
        self.skipped += len(best) - len(keep)
        return keep


class PrefilteredScreener(EngineScreener):
    def __init__(
        self,
        index: MatchIndex,
        description: ScreenerDescription,
        hits_per_name: int = 10,
        bound: ScoreBound | None = None,
    ) -> None:
        super().__init__(index, description, hits_per_name)
        self.view = PrefilteredIndex.over(
            index, bound or score_bound_for(index), description.threshold
        )

    @property
    def scored(self) -> int:
        return self.view.scored

    @property
    def skipped(self) -> int:
        return self.view.skipped

    def screen(self, query: BatchQuery) -> tuple[BatchHit, ...]:
        limit = HITS_BEFORE_SOURCE_FILTER if self._sources else self.hits_per_name
        matches = self.view.search(
            batch_query(query), limit=limit, threshold=self.description.threshold, explain=True
        )
        if self._sources:
            matches = [m for m in matches if m.entry.source_name in self._sources]
        return tuple(to_hit(m.entry, m.score) for m in matches[: self.hits_per_name])
