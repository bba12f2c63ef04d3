"""Look-through ownership as a flow of the root's shares up the graph.

Think of one unit of the root's shares walking upward: at each entity it moves to an owner
with probability equal to that owner's stake, and stops with the probability that nobody
recorded holds (the unresolved part, or a person, government or public float at the top).
The effective stake of a party is the probability that the walk ever reaches it: for an
acyclic graph this is "multiply along each path, add over paths"; with cross-holdings it is
still a percentage between 0 and 100, and the walk's stopping masses (ultimate owners plus
unresolved plus circular) add up to exactly 100 %.

Strongly connected components (cross-holdings) are solved on their own by Gauss-Seidel
iteration; a component that nobody outside holds any part of keeps the walk forever, and
its mass is reported as circular ownership.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from screener.ownership.graph import OwnershipGraph

TOLERANCE = 1e-13
MAX_SWEEPS = 10_000
SMALL_COMPONENT = 12  # larger cross-holding groups are solved as one dense linear system

Owners = Callable[[str], list[tuple[str, float]]]


@dataclass
class Flow:
    """Fractions (0-1) of the root: reach per party, stopping mass per party, circular mass."""

    root: str
    reach: dict[str, float] = field(default_factory=dict)
    stops: dict[str, float] = field(default_factory=dict)
    circular: dict[str, float] = field(default_factory=dict)  # component id -> mass


def owner_weights(graph: OwnershipGraph, measure: str = "equity") -> Owners:
    """Owners of an entity with fractions, scaled down if the recorded ones exceed 100 %."""

    def owners(key: str) -> list[tuple[str, float]]:
        stakes = graph.owners_of(key)
        pairs = [(s.holder, _measure(s, measure) / 100.0) for s in stakes]
        pairs = [(holder, weight) for holder, weight in pairs if weight > 0]
        total = sum(weight for _, weight in pairs)
        if total > 1.0:
            pairs = [(holder, weight / total) for holder, weight in pairs]
        return pairs

    return owners


def _measure(stake: object, measure: str) -> float:
    value = getattr(stake, measure)
    return max(0.0, min(100.0, float(value)))


def stop_at(owners: Owners, absorbing: Callable[[str], bool]) -> Owners:
    """The same owners, except that the walk stops at every party `absorbing` accepts."""

    def wrapped(key: str) -> list[tuple[str, float]]:
        return [] if absorbing(key) else owners(key)

    return wrapped


def flow(root: str, owners: Owners) -> Flow:
    """Walk the root's shares up through `owners` and record where they go."""
    table = _owners_table(root, owners)
    components = _components(root, table)
    result = Flow(root)
    inflow: dict[str, float] = defaultdict(float)
    inflow[root] = 1.0
    for component in components:
        _solve_component(component, table, inflow, result)
    return result


def components_above(root: str, owners: Owners) -> list[list[str]]:
    """Groups of parties that hold each other, ordered from `root` up to the top owners."""
    return _components(root, _owners_table(root, owners))


def _owners_table(root: str, owners: Owners) -> dict[str, list[tuple[str, float]]]:
    table: dict[str, list[tuple[str, float]]] = {}
    stack = [root]
    while stack:
        key = stack.pop()
        if key in table:
            continue
        table[key] = owners(key)
        stack.extend(holder for holder, _ in table[key] if holder not in table)
    return table


def _components(root: str, table: dict[str, list[tuple[str, float]]]) -> list[list[str]]:
    """Strongly connected components, ordered from the root upward (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    emitted: list[list[str]] = []
    counter = 0
    work: list[tuple[str, int]] = [(root, 0)]
    while work:
        node, position = work.pop()
        if position == 0:
            index[node] = low[node] = counter
            counter += 1
            stack.append(node)
            on_stack.add(node)
        successors = table[node]
        if position < len(successors):
            work.append((node, position + 1))
            child = successors[position][0]
            if child not in index:
                work.append((child, 0))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
            continue
        for child, _ in successors:
            if child in on_stack:
                low[node] = min(low[node], low[child])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            emitted.append(component)
    emitted.reverse()
    return emitted


def _solve_component(
    component: list[str],
    table: dict[str, list[tuple[str, float]]],
    inflow: dict[str, float],
    result: Flow,
) -> None:
    members = set(component)
    if len(component) == 1:
        key = component[0]
        visits = {key: inflow.get(key, 0.0)}
        result.reach[key] = visits[key]
    elif _is_closed(component, members, table):
        mass = sum(inflow.get(key, 0.0) for key in component)
        for key in component:
            result.reach[key] = mass
        if mass > 0:
            result.circular[min(component)] = mass
        return
    elif len(component) <= SMALL_COMPONENT:
        visits = _gauss_seidel(component, members, table, inflow, absorbing=None)
        for key in component:
            first = _gauss_seidel(component, members, table, inflow, absorbing=key)
            result.reach[key] = min(1.0, first[key])
    else:
        visits, reach = _solve_dense(component, table, inflow)
        result.reach.update(reach)
    for key in component:
        mass = visits[key]
        if mass <= 0:
            continue
        passed = 0.0
        for holder, weight in table[key]:
            passed += weight
            if holder not in members:
                inflow[holder] += mass * weight
        remainder = mass * max(0.0, 1.0 - passed)
        if remainder > 0:
            result.stops[key] = result.stops.get(key, 0.0) + remainder


def _is_closed(
    component: list[str], members: set[str], table: dict[str, list[tuple[str, float]]]
) -> bool:
    """Nothing leaves: every member is wholly held by other members."""
    for key in component:
        owners = table[key]
        if any(holder not in members for holder, _ in owners):
            return False
        if sum(weight for _, weight in owners) < 1.0 - 1e-12:
            return False
    return True


def _gauss_seidel(
    component: list[str],
    members: set[str],
    table: dict[str, list[tuple[str, float]]],
    inflow: dict[str, float],
    absorbing: str | None,
) -> dict[str, float]:
    """Expected visits of the walk to each member (walks stop at `absorbing` if given)."""
    held_by: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key in component:
        if key == absorbing:
            continue
        for holder, weight in table[key]:
            if holder in members:
                held_by[holder].append((key, weight))
    visits = {key: inflow.get(key, 0.0) for key in component}
    for _ in range(MAX_SWEEPS):
        change = 0.0
        for key in component:
            value = inflow.get(key, 0.0) + sum(w * visits[held] for held, w in held_by[key])
            change = max(change, abs(value - visits[key]))
            visits[key] = value
        if change < TOLERANCE:
            break
    return visits


def _solve_dense(
    component: list[str], table: dict[str, list[tuple[str, float]]], inflow: dict[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Expected visits V = (I - P)^-1 a, and first-passage reach V(p) / G(p, p).

    G(p, p) is the expected number of visits to p of a walk started at p, 1 / (1 - chance
    of returning), so dividing by it leaves the chance of reaching p at least once.
    """
    position = {key: i for i, key in enumerate(component)}
    size = len(component)
    step = np.zeros((size, size))
    for key in component:
        for holder, weight in table[key]:
            if holder in position:
                step[position[holder], position[key]] += weight
    # One BLAS thread: on a busy desktop, threaded BLAS on a small matrix is 20x slower.
    with threadpool_limits(1, user_api="blas"):
        green = np.linalg.inv(np.eye(size) - step)
    arriving = np.array([inflow.get(key, 0.0) for key in component])
    visits = green @ arriving
    diagonal = np.diag(green)
    visits_by_key = {key: float(visits[i]) for key, i in position.items()}
    reach = {key: min(1.0, max(0.0, float(visits[i] / diagonal[i]))) for key, i in position.items()}
    return visits_by_key, reach
