"""What a look-through flow means for review: ultimate owners, countries, states, adversaries.

All figures are percentages of the root (the target, or the acquirer). Where the walk stops
decides the category: at a person, a government, a public float or a listed company the
stake has an ultimate owner; at any other entity whose recorded owners do not reach 100 %
the rest is unresolved; in a closed cross-holding it is circular.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from screener.ownership.flow import MAX_SWEEPS, components_above, flow, owner_weights, stop_at
from screener.ownership.graph import OwnershipGraph, PartyNode

UNKNOWN_COUNTRY = "??"
DIGITS = 6  # percentages are rounded so 0.6 x 0.7 prints as 42.0, not 41.99999999


def pct(fraction: float) -> float:
    return round(100.0 * fraction, DIGITS)


@dataclass(frozen=True)
class UltimateOwner:
    key: str
    name: str
    pct: float
    country: str | None
    state: str | None
    party_type: str


@dataclass
class LookThrough:
    """Look-through figures for one root, all in percent of the root."""

    root: str
    effective: dict[str, float] = field(default_factory=dict)
    ultimate_owners: list[UltimateOwner] = field(default_factory=list)
    country_share: dict[str, float] = field(default_factory=dict)
    government_share: dict[str, float] = field(default_factory=dict)
    adversary_share: float = 0.0
    adversary_share_by_country: dict[str, float] = field(default_factory=dict)
    adversary_entry_points: dict[str, float] = field(default_factory=dict)
    unresolved_share: float = 0.0
    unresolved_at: dict[str, float] = field(default_factory=dict)
    circular_share: float = 0.0


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {k: round(v, DIGITS) for k, v in sorted(values.items(), key=lambda kv: -kv[1])}


def ends_chain(node: PartyNode, has_owners: bool) -> bool:
    """Whether a walk stopping here stops at a true owner rather than a gap."""
    if node.is_natural_end or node.listed_company:
        return True
    return not has_owners and node.is_state_owned


def look_through(
    graph: OwnershipGraph, root: str, is_adversary: Callable[[PartyNode], bool]
) -> LookThrough:
    owners = owner_weights(graph)
    walk = flow(root, owners)
    result = LookThrough(root)
    result.effective = {k: pct(v) for k, v in walk.reach.items() if k != root and v > 0}
    countries: dict[str, float] = defaultdict(float)
    states: dict[str, float] = defaultdict(float)
    for key, mass in walk.stops.items():
        node = graph.nodes[key]
        share = pct(mass)
        if key != root and ends_chain(node, bool(graph.owners_of(key))):
            result.ultimate_owners.append(
                UltimateOwner(key, node.label, share, node.country, node.state, node.party_type)
            )
            countries[node.state or node.country or UNKNOWN_COUNTRY] += share
            if node.state:
                states[node.state] += share
        else:
            result.unresolved_at[key] = share
    result.ultimate_owners.sort(key=lambda owner: (-owner.pct, owner.key))
    result.country_share = _rounded(countries)
    result.government_share = _rounded(states)
    result.unresolved_share = round(sum(result.unresolved_at.values()), DIGITS)
    result.circular_share = pct(sum(walk.circular.values()))
    _adversary(graph, root, owners, is_adversary, result)
    return result


def _adversary(
    graph: OwnershipGraph,
    root: str,
    owners: object,
    is_adversary: Callable[[PartyNode], bool],
    result: LookThrough,
) -> None:
    """The part of the root held through any adversary-linked party (first one reached)."""
    hit = {key for key in graph.above(root) if is_adversary(graph.nodes[key])}
    if not hit:
        return
    walk = flow(root, stop_at(owner_weights(graph), hit.__contains__))
    by_country: dict[str, float] = defaultdict(float)
    for key in hit:
        mass = walk.reach.get(key, 0.0)
        if mass <= 0:
            continue
        node = graph.nodes[key]
        result.adversary_entry_points[key] = pct(mass)
        by_country[node.country or node.head_office or node.state or UNKNOWN_COUNTRY] += mass
    result.adversary_share = min(100.0, round(sum(result.adversary_entry_points.values()), DIGITS))
    result.adversary_share_by_country = {c: pct(m) for c, m in by_country.items()}


def deemed_state_share(graph: OwnershipGraph, root: str) -> dict[str, float]:
    """Share of `root` per foreign state, a parent holding >= 50 % deemed to hold 100 %.

    CFIUS counts a parent's majority of the votes as the whole (31 CFR 800.244(c), 800.256), so
    a state that holds 62 % of a group holds 100 % of the group's subsidiaries for the test.
    Monotone iteration to a fixed point; each state's share is capped at 100 %.
    """
    order = components_above(root, owner_weights(graph))
    above = [key for component in order for key in component]
    result: dict[str, float] = {}
    states = {graph.nodes[k].state for k in above if graph.nodes[k].state}
    position = {key: i for i, key in enumerate(above)}
    for state in sorted(s for s in states if s):
        share: dict[str, float] = {}
        reached = _held_below(graph, [k for k in above if graph.nodes[k].state == state], position)
        for component in reversed(order):  # owners before what they own
            members = [key for key in component if key in reached]
            for _ in range(1 if len(members) <= 1 else MAX_SWEEPS):
                change = 0.0
                for key in members:
                    value = _deemed(graph, key, state, share)
                    change = max(change, abs(value - share.get(key, 0.0)))
                    share[key] = value
                if change < 1e-12:
                    break
        if share.get(root, 0.0) > 0:
            result[state] = pct(share[root])
    return result


def _held_below(graph: OwnershipGraph, starts: list[str], within: dict[str, int]) -> set[str]:
    """The parties in `within` that `starts` hold, directly or indirectly (and `starts`)."""
    seen = set(starts)
    stack = list(starts)
    while stack:
        for stake in graph.holdings_of(stack.pop()):
            if stake.held in within and stake.held not in seen:
                seen.add(stake.held)
                stack.append(stake.held)
    return seen


def _deemed(graph: OwnershipGraph, key: str, state: str, share: dict[str, float]) -> float:
    node = graph.nodes[key]
    owners = graph.owners_of(key)
    if node.state == state and (node.is_government or not owners):
        return 1.0
    total = 0.0
    for stake in owners:
        held_share = share.get(stake.holder, 0.0)
        if held_share >= 1.0 and stake.voting >= 50.0:
            return 1.0
        total += stake.voting / 100.0 * held_share
    return min(1.0, total)
