"""Listed, owned and controlled status propagated through the graph, one regime at a time.

`propagate` is the entry point the report, the CLI and the benchmarks call. The rule itself
(who counts, how stakes are added under each regime) is in `screener.ownership.walk`; it
runs on the graph's compact form (`screener.ownership.compact`) and the seeds resolved to
party ids (`screener.ownership.seeding`), both made once and shared by every regime, and
answers with a `StatusTable` (party key -> PartyStatus).
"""

from __future__ import annotations

from collections.abc import Iterable

from screener.collector import collector_paused
from screener.ownership.compact import CompactGraph, compact_of
from screener.ownership.graph import OwnershipGraph
from screener.ownership.party_status import (
    BLOCKED_STATUSES,
    CAUTION,
    CONTROLLED,
    LISTED,
    OWNED,
    Contribution,
    ListSeed,
    PartyStatus,
)
from screener.ownership.regimes import Regime
from screener.ownership.seeding import Seeding
from screener.ownership.status_table import StatusTable
from screener.ownership.walk import walk


def propagate(
    graph: OwnershipGraph | CompactGraph,
    regime: Regime,
    seeds: Iterable[ListSeed] | Seeding,
    on_date_in_force: bool = True,
) -> StatusTable:
    """Status of every party that is listed, owned, controlled or held with caution.

    Pass a `Seeding` (`Seeding.of(compact_of(graph), seeds)`) to share the seeds' lookup
    between regimes. Over a whole list's graph the compact form and the walk make large
    lists of ints and no cycles, so the cyclic collector is paused meanwhile.
    """
    with collector_paused():
        seeding = Seeding.of(compact_of(graph), seeds)
        return StatusTable(walk(seeding, regime), on_date_in_force)


__all__ = [
    "BLOCKED_STATUSES",
    "CAUTION",
    "CONTROLLED",
    "LISTED",
    "OWNED",
    "Contribution",
    "ListSeed",
    "PartyStatus",
    "Seeding",
    "StatusTable",
    "propagate",
]
