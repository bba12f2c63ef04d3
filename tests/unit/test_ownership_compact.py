"""The compact 50 % rule gives, party for party, what the dict walk gave (issue 19).

Compared with `ownership_reference.reference_propagate` (the walk as it was) on the demo
case and on generated graphs with cross-holdings, control types, joint arrangements, voting
stakes, repeated pairs, self-holdings, seeds outside the graph and seeds for several
regimes; every regime, and OFAC as it stood before 2014 ("single" aggregation). The worked
examples of the guidance are in test_ownership_rules.py and run on the compact walk too.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from screener.deals.validate import validate_deal_file
from screener.demo.case import demo_case_path
from screener.ownership import Holding, ListSeed, OwnershipGraph, load_regimes, propagate
from screener.ownership.compact import CompactGraph, compact_of
from screener.ownership.regimes import Regime
from screener.ownership.seeding import Seeding
from tests.unit.ownership_reference import reference_propagate

CATEGORIES = ["sdn", "eu", "uk", "un", "entity_list", "ns_cmic", "meu"]
CONTROL_TYPES = [None, None, None, "board_majority", "dominant_influence", "board_appointment"]


def columns_of(stakes: list[Holding], **options: Any) -> CompactGraph:
    """The compact graph of `stakes` made from columns, as a whole list's rule makes it."""
    return CompactGraph.from_columns(
        [s.holder for s in stakes],
        [s.held for s in stakes],
        [s.equity_pct for s in stakes],
        [s.voting_pct for s in stakes],
        [s.control_type for s in stakes],
        [s.joint_arrangement for s in stakes],
        **options,
    )


def regimes() -> list[Regime]:
    found = list(load_regimes())
    ofac = next(r for r in found if r.id == "ofac")
    return [*found, ofac.on(date(2010, 1, 1))]  # "single": one blocked holder alone


def canonical(statuses: Any) -> dict[str, tuple[Any, ...]]:
    """Everything a status says, with UK group numbers as the partition they make.

    The dict walk numbered groups by their root, and which holder became a root depended on
    a set's iteration order (so on the process's string hashing); the groups themselves did
    not. Order of the parties is kept: the table iterates in key order as the dict did.
    """
    found = {}
    for key, status in statuses.items():
        renumber: dict[int, int] = {}
        contributions = tuple(
            (
                c.holder,
                c.pct,
                c.holder_status,
                c.control_type,
                renumber.setdefault(c.group, len(renumber)),
            )
            for c in status.contributions
        )
        found[key] = (
            status.regime,
            status.party,
            status.status,
            status.counted_pct,
            contributions,
            status.entries,
            status.in_force,
        )
    return found


def assert_same(graph: OwnershipGraph, seeds: list[ListSeed]) -> None:
    seeding = Seeding.of(compact_of(graph), seeds)
    for regime in regimes():
        expected = reference_propagate(graph, regime, seeds, True)
        got = propagate(graph, regime, seeding)
        assert list(canonical(got)) == list(canonical(expected)), regime.id
        assert canonical(got) == canonical(expected), regime.id
        assert len(got) == len(expected)
        assert got.blocked_count() == sum(1 for s in expected.values() if s.is_blocked)
        for key in expected:
            assert key in got and got[key].party == key
        assert "no such party" not in got


def generated(rng: random.Random, parties: int, edges: int) -> tuple[OwnershipGraph, list[Holding]]:
    keys = [f"P{n}" for n in range(parties)]
    stakes = []
    for _ in range(edges):
        holder, held = rng.choice(keys), rng.choice(keys[: parties // 2 + 1])
        equity = rng.choice([None, round(rng.uniform(0, 100), 2), 50.0, 25.0, 10.0, 100.0])
        voting = rng.choice([None, None, round(rng.uniform(0, 100), 2), 50.0])
        stakes.append(
            Holding(
                holder,
                held,
                equity,
                voting,
                rng.choice(CONTROL_TYPES),
                rng.random() < 0.15,
                "generated",
            )
        )
    stakes += [Holding("P1", "P1", 80.0)]  # a self-holding is ignored
    stakes += [Holding(s.holder, s.held, 51.0) for s in rng.sample(stakes, edges // 20)]  # replaced
    return OwnershipGraph.build([], stakes), stakes


def generated_seeds(rng: random.Random, parties: int, count: int) -> list[ListSeed]:
    seeds = []
    for n in range(count):
        party = f"P{rng.randrange(parties)}" if rng.random() < 0.85 else f"ABSENT{n % 7}"
        programs = tuple(
            rng.sample(["SDGT", "NPWMD", "UKRAINE-EO13662", "[DPRK2]"], rng.randint(0, 2))
        )
        categories = frozenset(rng.sample(CATEGORIES, rng.randint(1, 2)))
        seeds.append(ListSeed(party, categories, "generated", f"E{n}", f"Entry {n}", programs))
    return seeds


@pytest.mark.parametrize("seed", range(25))
def test_generated_graphs_give_the_same_statuses(seed: int):
    rng = random.Random(seed)
    parties = rng.choice([12, 40, 150, 400])
    graph, _ = generated(rng, parties, parties * rng.choice([1, 2, 4]))
    assert_same(graph, generated_seeds(rng, parties, max(2, parties // rng.choice([3, 10]))))


@pytest.mark.parametrize("seed", range(10))
def test_columns_build_the_same_graph_as_the_dict_graph(seed: int):
    rng = random.Random(100 + seed)
    graph, stakes = generated(rng, 200, 600)
    columns = columns_of(stakes)
    seeds = generated_seeds(rng, 200, 60)
    for regime in regimes():
        expected = canonical(reference_propagate(graph, regime, seeds, False))
        assert canonical(propagate(columns, regime, seeds, False)) == expected


def test_the_demo_case_gives_the_same_statuses_with_any_party_listed():
    transaction = validate_deal_file(demo_case_path()).transactions[0]
    graph = OwnershipGraph.build(
        [],
        [
            Holding(
                e["holder_key"],
                e["held_key"],
                e.get("equity_pct"),
                e.get("voting_pct"),
                e.get("control_type"),
                bool(e.get("joint_arrangement")),
            )
            for e in transaction.ownership
        ],
    )
    keys = [party["key"] for party in transaction.parties]
    everywhere = frozenset(CATEGORIES)
    for key in keys:
        assert_same(graph, [ListSeed(key, everywhere, "demo", key, key, ("SDGT",))])
    assert_same(graph, [ListSeed(k, everywhere, "demo", k) for k in keys[::3]])


def test_a_changed_graph_is_compacted_again():
    graph = OwnershipGraph.build([], [Holding("X", "A", 60)])
    ofac = load_regimes()[0]
    seeds = [ListSeed("X", frozenset({"sdn"}), "OFAC", "1")]
    assert propagate(graph, ofac, seeds)["A"].status == "owned"
    graph.add(Holding("X", "A", 30))
    assert propagate(graph, ofac, seeds)["A"].status == "caution"
    graph.remove("X", "A")
    assert "A" not in propagate(graph, ofac, seeds)


def test_statuses_are_made_when_asked_and_iterate_in_key_order():
    graph = OwnershipGraph.build(
        [], [Holding("X", "B", 60), Holding("X", "A", 60), Holding("B", "C", 30)]
    )
    table = propagate(graph, load_regimes()[0], [ListSeed("X", frozenset({"sdn"}), "OFAC", "1")])
    assert list(table) == ["A", "B", "C", "X"]
    assert [s.status for s in table.values()] == ["owned", "owned", "caution", "listed"]
    assert table["C"] is table["C"]
    assert table.blocked_count() == 3
    assert dict(table) == dict(table.items())


@pytest.mark.parametrize("seed", range(6))
def test_columns_number_parties_as_the_dict_graph_meets_them(seed: int):
    """Self-holdings first (one naming a party nowhere else) and repeated pairs: the same
    parties in the same order, the same owners and holdings."""
    rng = random.Random(200 + seed)
    _, stakes = generated(rng, 60, 150)
    stakes = [Holding("ONLY-SELF", "ONLY-SELF", 100.0), Holding("P3", "P3", 60.0), *stakes]
    graph = OwnershipGraph.build([], stakes)
    columns = columns_of(stakes)
    expected = CompactGraph.from_graph(graph)
    assert list(columns.keys) == list(expected.keys) == list(graph.nodes)
    for name in ("own_start", "own_holder", "own_equity", "own_votes", "own_joint"):
        assert columns.arrays[name].tolist() == expected.arrays[name].tolist(), name
    assert columns.arrays["hold_held"].tolist() == expected.arrays["hold_held"].tolist()
    assert columns.ids_of(["P3", "ONLY-SELF", "P1"]).tolist() == [
        list(graph.nodes).index("P3") if "P3" in graph.nodes else -1,
        -1,
        list(graph.nodes).index("P1") if "P1" in graph.nodes else -1,
    ]


def aliases(rng: random.Random, parties: int) -> dict[str, str]:
    """LEI-like keys for the same party: onto a key in the graph, onto a key nowhere else,
    two onto one, a chain (a value that is itself replaced) and a key onto itself."""
    same_as = {f"P{rng.randrange(parties)}": f"P{rng.randrange(parties)}" for _ in range(parties // 4)}
    same_as.update({"P2": "ENTRY-NEW", "P5": "ENTRY-NEW", "P7": "P7", "P8": "P9", "P9": "P10"})
    same_as.update({f"UNUSED{n}": f"P{n}" for n in range(3)})
    return same_as


@pytest.mark.parametrize("seed", range(10))
def test_same_as_gives_the_statuses_of_the_replaced_keys(seed: int):
    rng = random.Random(300 + seed)
    _, stakes = generated(rng, 120, 360)
    same_as = aliases(rng, 120)
    replaced = [
        Holding(
            same_as.get(s.holder, s.holder),
            same_as.get(s.held, s.held),
            s.equity_pct,
            s.voting_pct,
            s.control_type,
            s.joint_arrangement,
        )
        for s in stakes
    ]
    graph = OwnershipGraph.build([], replaced)
    columns = columns_of(stakes, same_as=same_as)
    assert sorted(columns.keys) == sorted(graph.nodes)
    assert columns.edge_count == sum(len(stakes) for stakes in graph.owners.values())
    seeds = generated_seeds(rng, 120, 40) + [ListSeed("ENTRY-NEW", frozenset({"sdn"}), "x", "N")]
    for regime in regimes():
        expected = canonical(reference_propagate(graph, regime, seeds, True))
        assert canonical(propagate(columns, regime, seeds, True)) == expected, regime.id
