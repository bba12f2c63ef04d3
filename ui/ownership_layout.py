"""Where each party sits in the ownership diagram: layers from the top owners down to the target.

A party's layer is its longest chain of holdings down to the target (so an owner is always
drawn above what it holds, even when it also holds the target directly); cycles are cut by
capping the relaxation. Within a layer parties are ordered by the mean position of what they
hold (the barycentre heuristic), which keeps most edges from crossing. Parties outside the
target's chain go at the end of the row below their holder if the chain holds them, else in
a separate bottom row.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.ownership import OwnershipGraph


@dataclass(frozen=True)
class Placement:
    key: str
    layer: int  # 0 is the target's layer; -1 the row of parties outside the chain
    slot: int


def layers_from_target(graph: OwnershipGraph, target: str | None) -> dict[str, int]:
    above = graph.above(target) if target and target in graph.nodes else []
    level = {key: 0 for key in above}
    members = set(above)
    for _ in range(len(above)):
        changed = False
        for key in above:
            for stake in graph.holdings_of(key):
                if stake.held in members and level[key] <= level[stake.held]:
                    level[key] = level[stake.held] + 1
                    changed = True
        if not changed:
            break
    if target in level:
        level[target] = 0
    return level


def place(graph: OwnershipGraph, target: str | None) -> list[Placement]:
    level = layers_from_target(graph, target)
    aside = _held_by_chain(graph, level)
    rows: dict[int, list[str]] = {}
    for key, layer in (level | aside).items():
        rows.setdefault(layer, []).append(key)
    position: dict[str, float] = {}
    placements: list[Placement] = []
    for layer in sorted(rows):
        keys = sorted(rows[layer], key=lambda k: (k in aside, _barycentre(graph, k, position), k))
        for slot, key in enumerate(keys):
            position[key] = slot - (len(keys) - 1) / 2
            placements.append(Placement(key, layer, slot))
    outside = sorted(k for k in graph.nodes if k not in level and k not in aside)
    placements += [Placement(key, -1, slot) for slot, key in enumerate(outside)]
    return placements


def _held_by_chain(graph: OwnershipGraph, level: dict[str, int]) -> dict[str, int]:
    """Parties outside the target's chain but held by it (a sister company): one layer below
    their highest holder, at the end of that row."""
    aside: dict[str, int] = {}
    for key in graph.nodes:
        if key in level:
            continue
        holders = [level[s.holder] for s in graph.owners_of(key) if s.holder in level]
        if holders:
            aside[key] = max(0, max(holders) - 1)
    return aside


def _barycentre(graph: OwnershipGraph, key: str, position: dict[str, float]) -> float:
    below = [position[s.held] for s in graph.holdings_of(key) if s.held in position]
    return sum(below) / len(below) if below else 0.0
