"""The 50 % rule as it was before issue 19's compact graph: dicts keyed by party, one regime
at a time. Kept only as the reference the compact walk must agree with, party for party.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

from screener.ownership.graph import Holding, OwnershipGraph
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

_BLOCKED = frozenset(BLOCKED_STATUSES)


@dataclass
class _State:
    regime: Regime
    graph: OwnershipGraph
    status: dict[str, str] = field(default_factory=dict)
    sums: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def stake(self, holding: Holding) -> float:
        return (
            holding.shares_or_votes if self.regime.measure == "shares_or_votes" else holding.equity
        )

    def confers_control(self, holding: Holding) -> bool:
        return holding.control_type in self.regime.control_types


def reference_propagate(
    graph: OwnershipGraph, regime: Regime, seeds: list[ListSeed], on_date_in_force: bool
) -> dict[str, PartyStatus]:
    state = _State(regime, graph)
    status = state.status
    entries: dict[str, list[ListSeed]] = defaultdict(list)
    seeding: dict[tuple[frozenset[str], tuple[str, ...]], bool] = {}  # few distinct pairs
    for seed in seeds:
        facts = (seed.categories, seed.programs)
        seeds_it = seeding.get(facts)
        if seeds_it is None:
            seeds_it = seeding[facts] = regime.seeds_with(*facts)
        if seeds_it:
            entries[seed.party].append(seed)
            status[seed.party] = LISTED
    queue = deque(entries)
    while queue:
        holder = queue.popleft()
        for holding in graph.holdings_of(holder):
            held = holding.held
            if held in status:
                continue
            verdict = _evaluate(state, held)
            if verdict:
                status[held] = verdict
                queue.append(held)
    return _statuses(state, entries, on_date_in_force)


def _blocked_holders(state: _State, held: str) -> list[Holding]:
    status = state.status
    return [h for h in state.graph.owners_of(held) if status.get(h.holder) in _BLOCKED]


def _evaluate(state: _State, held: str) -> str | None:
    holders = _blocked_holders(state, held)
    totals = _group_totals(state, holders, _groups(state, holders))
    if any(state.confers_control(h) for h in holders):
        best = max(totals.values(), default=0.0)
        return OWNED if state.regime.meets(best) else CONTROLLED
    if any(state.regime.meets(total) for total in totals.values()):
        return OWNED
    return None


def _group_totals(
    state: _State, holders: list[Holding], groups: dict[str, int]
) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for holding in holders:
        totals[groups[holding.holder]] += state.stake(holding)
    return totals


def _groups(state: _State, holders: list[Holding]) -> dict[str, int]:
    """Which blocked holders' stakes are added: all together, or by connection (UK)."""
    keys = [h.holder for h in holders]
    if state.regime.aggregation == "all":
        return dict.fromkeys(keys, 0)
    if state.regime.aggregation == "single":
        return {key: number for number, key in enumerate(keys)}
    parent = {key: key for key in keys}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    joint = [h.holder for h in holders if h.joint_arrangement]
    for other in joint[1:]:
        parent[find(other)] = find(joint[0])
    owner_of: dict[str, str] = {}
    for key in keys:
        for controller in _controllers(state, key):
            if controller in owner_of:
                parent[find(key)] = find(owner_of[controller])
            else:
                owner_of[controller] = key
    roots = {root: number for number, root in enumerate(sorted({find(k) for k in keys}))}
    return {key: roots[find(key)] for key in keys}


def _controllers(state: _State, key: str) -> set[str]:
    """`key` and every blocked party that controls it, directly or through others."""
    found = {key}
    stack = [key]
    while stack:
        current = stack.pop()
        for holding in state.graph.owners_of(current):
            if holding.holder in found or state.status.get(holding.holder) not in _BLOCKED:
                continue
            if state.regime.meets(state.stake(holding)) or state.confers_control(holding):
                found.add(holding.holder)
                stack.append(holding.holder)
    return found


def _statuses(
    state: _State, entries: dict[str, list[ListSeed]], in_force: bool
) -> dict[str, PartyStatus]:
    result: dict[str, PartyStatus] = {}
    regime = state.regime
    owners = state.graph.owners
    candidates = set(state.status)
    for key in state.status:
        candidates.update(h.held for h in state.graph.holdings_of(key))
    for key in sorted(candidates):
        holders = _blocked_holders(state, key) if key in owners else []
        if holders:
            groups = _groups(state, holders)
            counted = max(_group_totals(state, holders, groups).values())
        else:  # most listed parties: nobody blocked holds them
            groups, counted = {}, 0.0
        status = state.status.get(key)
        if status is None:
            if counted < regime.caution_from_pct - 1e-9:
                continue
            status = CAUTION
        contributions = tuple(
            Contribution(
                h.holder, state.stake(h), state.status[h.holder], h.control_type, groups[h.holder]
            )
            for h in holders
        )
        result[key] = PartyStatus(
            regime.id, key, status, counted, contributions, tuple(entries.get(key, ())), in_force
        )
    return result
