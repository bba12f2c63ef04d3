"""The list entries a 50 % rule starts from, resolved to party ids once for every regime.

A whole list has 600,000 sanctioned entries; looking each one's party up again for every
regime cost more than a second a regime at 1M (issue 19). `Seeding` does it once per graph
and seed list; a regime then picks the entries it counts by their (categories, programmes),
of which there are only a few distinct pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from screener.collector import collector_paused
from screener.ownership.compact import CompactGraph, stable_order
from screener.ownership.key_numbers import KeyNumbers
from screener.ownership.party_status import ListSeed
from screener.ownership.regimes import Regime


@dataclass(eq=False)
class Seeding:
    """Seeds with their party ids: graph ids, then ids from len(graph) on for `extras`
    (listed parties the graph does not hold)."""

    graph: CompactGraph
    seeds: list[ListSeed]
    party: np.ndarray
    facts: np.ndarray  # code per seed into `distinct`
    distinct: list[tuple[frozenset[str], tuple[str, ...]]]
    extras: list[str]
    _rows: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, graph: CompactGraph, seeds: Iterable[ListSeed] | Seeding) -> Seeding:
        if isinstance(seeds, Seeding) and seeds.graph is graph:
            return seeds
        with collector_paused():  # a tuple per seed, and nothing cyclic
            return cls._resolve(graph, seeds)

    @classmethod
    def _resolve(cls, graph: CompactGraph, seeds: Iterable[ListSeed] | Seeding) -> Seeding:
        listed = list(seeds.seeds if isinstance(seeds, Seeding) else seeds)
        names = np.array([seed.party for seed in listed], dtype=object)
        party = graph.ids_of(names)
        missing = party < 0
        extras: list[str] = []
        if missing.any():
            codes, numbering = KeyNumbers.of(names[missing])
            party[missing] = len(graph) + codes
            extras = numbering.distinct.tolist()
        code_of: dict[tuple[frozenset[str], tuple[str, ...]], int] = {}
        facts = [code_of.setdefault((s.categories, s.programs), len(code_of)) for s in listed]
        return cls(graph, listed, party, np.array(facts, dtype=np.int64), list(code_of), extras)

    def __len__(self) -> int:
        return len(self.graph) + len(self.extras)

    def counted(self, regime: Regime) -> np.ndarray:
        """Per seed: whether `regime` makes its party listed."""
        wanted = np.array([regime.seeds_with(*facts) for facts in self.distinct], dtype=bool)
        return wanted[self.facts] if len(self.facts) else np.zeros(0, dtype=bool)

    def listed(self, counted: np.ndarray) -> list[int]:
        """Parties of the counted seeds, each once, in the order first seeded."""
        parties = self.party[counted]
        if not len(parties):
            return []
        order = stable_order(parties)  # the first of each party's seeds leads its run
        ordered = parties[order]
        starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
        return parties[np.sort(order[starts])].tolist()

    def entries(self, counted: np.ndarray, party: int) -> tuple[ListSeed, ...]:
        """The counted seeds naming `party`, in the order given."""
        order, starts = self._by_party()
        at = int(np.searchsorted(starts, party, side="left"))
        rows = order[at : int(np.searchsorted(starts, party, side="right"))]
        return tuple(self.seeds[row] for row in rows if counted[row])

    def _by_party(self) -> tuple[np.ndarray, np.ndarray]:
        if self._rows is None:
            order = stable_order(self.party)
            self._rows = order, self.party[order]
        return self._rows
