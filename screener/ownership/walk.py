"""One regime's 50 % rule walked over the compact graph: who becomes owned or controlled.

Listed parties (seeds) are blocked. An entity becomes owned when the direct stakes of its
blocked holders reach the regime's threshold; only blocked holders count and their whole
direct stake counts (stakes are not multiplied: OFAC FAQ 401). The walk is a work list from
the seeds in the order they were first seeded, so each stake is looked at a bounded number
of times and cycles end; a party's status is fixed the first time its blocked holders carry
it over (owned, or controlled when a blocked holder controls it without the threshold being
met). Under "connected" aggregation (UK) only holders in a joint arrangement or where one
controls the other are added; under "all" every blocked holder is added; under "single"
(OFAC before 13 Aug 2014) one holder must reach the threshold alone.

Parties are ints and statuses a bytearray (`CompactGraph`). A regime that only adds stakes
(aggregation "all", no control types: OFAC, BIS) has one answer whatever the order, the
least fixed point, so it is found a round of newly blocked parties at a time with numpy;
the others walk the work list in order, as the label a party gets can depend on it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from screener.ownership.compact import CompactGraph
from screener.ownership.party_status import CONTROLLED, LISTED, OWNED, ListSeed
from screener.ownership.regimes import Regime
from screener.ownership.seeding import Seeding

NONE, LISTED_CODE, OWNED_CODE, CONTROLLED_CODE, CAUTION_CODE = 0, 1, 2, 3, 4
STATUS_NAMES = ("", LISTED, OWNED, CONTROLLED, "caution")


@dataclass
class Walk:
    """A regime's statuses by party id (ids from len(graph) on: `seeding.extras`)."""

    seeding: Seeding
    regime: Regime
    status: bytearray = field(default_factory=bytearray)
    counted_seeds: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    stakes: memoryview = field(default_factory=lambda: memoryview(b""))
    controls: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        graph, regime = self.graph, self.regime
        self.stakes = graph.own_votes if self.measure == "own_votes" else graph.own_equity
        self.controls = frozenset(
            code for code, kind in enumerate(graph.control_types) if kind in regime.control_types
        )
        # the same float expressions as Regime.meets, so borderline stakes fall the same way
        self._inclusive = regime.inclusive
        self._low = regime.threshold_pct - 1e-9
        self._high = regime.threshold_pct + 1e-9

    @property
    def graph(self) -> CompactGraph:
        return self.seeding.graph

    @property
    def measure(self) -> str:
        return "own_votes" if self.regime.measure == "shares_or_votes" else "own_equity"

    def key(self, party: int) -> str:
        size = len(self.graph.keys)
        return self.graph.keys[party] if party < size else self.seeding.extras[party - size]

    def entries(self, party: int) -> tuple[ListSeed, ...]:
        return self.seeding.entries(self.counted_seeds, party)

    def meets(self, pct: float) -> bool:
        return pct >= self._low if self._inclusive else pct > self._high

    def meets_all(self, pct: np.ndarray) -> np.ndarray:
        return pct >= self._low if self._inclusive else pct > self._high

    def blocked_owners(self, party: int) -> list[int]:
        """Owner positions (see CompactGraph) whose holder is blocked, in owner order."""
        if party >= len(self.graph.keys):
            return []
        status, holder = self.status, self.graph.own_holder
        start, end = self.graph.own_start[party], self.graph.own_start[party + 1]
        return [i for i in range(start, end) if status[holder[i]]]

    def groups(self, positions: list[int], in_key_order: bool = True) -> list[int]:
        """Which blocked holders' stakes are added: all together, or by connection (UK).

        Groups are numbered in the order of their root parties' keys, as an explanation
        shows them; a total needs only the partition (`in_key_order=False`), and reading a
        root's key string at random is a cache miss per group over a whole list."""
        aggregation = self.regime.aggregation
        if aggregation == "all" or len(positions) == 1:
            return [0] * len(positions)
        if aggregation == "single":
            return list(range(len(positions)))
        return self._connected(positions, in_key_order)

    def totals(self, positions: list[int], groups: list[int]) -> dict[int, float]:
        totals: dict[int, float] = {}
        stakes = self.stakes
        for position, group in zip(positions, groups, strict=True):
            totals[group] = totals.get(group, 0.0) + stakes[position]
        return totals

    def _connected(self, positions: list[int], in_key_order: bool) -> list[int]:
        holder_of = self.graph.own_holder
        holders = [holder_of[i] for i in positions]
        parent = {holder: holder for holder in holders}

        def find(party: int) -> int:
            while parent[party] != party:
                parent[party] = parent[parent[party]]
                party = parent[party]
            return party

        joint = [holder_of[i] for i in positions if self.graph.own_joint[i]]
        for other in joint[1:]:
            parent[find(other)] = find(joint[0])
        owner_of: dict[int, int] = {}
        for holder in holders:
            for controller in self._controllers(holder):
                if controller in owner_of:
                    parent[find(holder)] = find(owner_of[controller])
                else:
                    owner_of[controller] = holder
        found = [find(holder) for holder in holders]
        if not in_key_order:
            return found  # the root's party id stands for its group
        number = {root: position for position, root in enumerate(sorted(set(found), key=self.key))}
        return [number[root] for root in found]

    def _controllers(self, party: int) -> list[int]:
        """`party` and every blocked party that controls it, directly or through others.

        In the order found (the dict walk went through a set, whose order, and so which
        party ends up a group's root, changed from run to run)."""
        found = [party]
        seen = {party}
        stack = [party]
        graph, status = self.graph, self.status
        while stack:
            current = stack.pop()
            for i in range(graph.own_start[current], graph.own_start[current + 1]):
                holder = graph.own_holder[i]
                if holder in seen or not status[holder]:
                    continue
                if self.meets(self.stakes[i]) or graph.own_control[i] in self.controls:
                    seen.add(holder)
                    found.append(holder)
                    stack.append(holder)
        return found

    def evaluate(self, party: int) -> int:
        """The status `party` takes from its blocked holders now, or NONE."""
        positions = self.blocked_owners(party)
        totals = self.totals(positions, self.groups(positions, in_key_order=False))
        if self.controls and any(self.graph.own_control[i] in self.controls for i in positions):
            best = max(totals.values(), default=0.0)
            return OWNED_CODE if self.meets(best) else CONTROLLED_CODE
        if any(self.meets(total) for total in totals.values()):
            return OWNED_CODE
        return NONE


def walk(seeding: Seeding, regime: Regime) -> Walk:
    """Seed the regime's listed parties, then carry status up to a fixed point."""
    state = Walk(seeding, regime)
    state.counted_seeds = seeding.counted(regime)
    listed = seeding.listed(state.counted_seeds)
    state.status = bytearray(len(seeding))
    for party in listed:
        state.status[party] = LISTED_CODE
    stakes = state.graph.arrays[state.measure]
    if regime.aggregation == "all" and not state.controls and bool(np.all(stakes >= 0)):
        _rounds(state, listed)
    else:
        _work_list(state, listed)
    return state


def _work_list(state: Walk, listed: list[int]) -> None:
    graph = state.graph
    queue = deque(listed)
    status, size = state.status, len(graph.keys)
    start, held_of = graph.hold_start, graph.hold_held
    owner_start, holder_of, control_of = graph.own_start, graph.own_holder, graph.own_control
    stakes, controls, meets = state.stakes, state.controls, state.meets
    added = state.regime.aggregation == "all"
    while queue:
        holder = queue.popleft()
        if holder >= size:
            continue  # a listed party the graph does not hold: it holds nothing either
        for j in range(start[holder], start[holder + 1]):
            held = held_of[j]
            if status[held]:
                continue
            positions = [
                i for i in range(owner_start[held], owner_start[held + 1]) if status[holder_of[i]]
            ]
            if added or len(positions) == 1:  # one group: Walk.evaluate without the groups
                total = 0.0
                for i in positions:
                    total += stakes[i]
                if meets(total):
                    verdict = OWNED_CODE
                elif any(control_of[i] in controls for i in positions):
                    verdict = CONTROLLED_CODE
                else:
                    verdict = NONE
            else:
                verdict = state.evaluate(held)
            if verdict:
                status[held] = verdict
                queue.append(held)


def _rounds(state: Walk, listed: list[int]) -> None:
    """Stakes only added: a party is owned iff its blocked holders' stakes, all of them,
    meet the threshold, whatever order they were blocked in (adding a non-negative stake
    never lowers a float sum). Each round looks only at what the newly blocked hold, and
    adds each party's stakes in owner order, as the work list did."""
    arrays, size = state.graph.arrays, len(state.graph.keys)
    stakes = arrays[state.measure]
    status = np.frombuffer(state.status, dtype=np.uint8)  # a view: writes go to state.status
    blocked = status != NONE
    frontier = np.array([p for p in listed if p < size], dtype=np.int64)
    while len(frontier):
        held = np.unique(arrays["hold_held"][_positions(arrays["hold_start"], frontier)])
        held = held[~blocked[held]]
        if not len(held):
            break
        owners = _positions(arrays["own_start"], held)
        counts = np.diff(arrays["own_start"])[held]
        weights = np.where(blocked[arrays["own_holder"][owners]], stakes[owners], 0.0)
        sums = np.bincount(np.repeat(np.arange(len(held)), counts), weights, len(held))
        frontier = held[state.meets_all(sums)]
        blocked[frontier] = True
        status[frontier] = OWNED_CODE


def _positions(starts: np.ndarray, parties: np.ndarray) -> np.ndarray:
    """Every CSR position of `parties`, party by party, each party's in order."""
    first, counts = starts[parties], starts[parties + 1] - starts[parties]
    offsets = np.repeat(first - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(int(counts.sum()), dtype=np.int64)
