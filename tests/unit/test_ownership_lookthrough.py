"""Look-through stakes: multiplied along paths, added over paths, bounded, cycle-safe."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from screener.ownership import Holding, OwnershipGraph, PartyNode, look_through
from screener.ownership.shares import deemed_state_share


def no_adversary(_node: PartyNode) -> bool:
    return False


def test_stakes_multiply_along_paths_and_add_over_paths():
    g = OwnershipGraph.build(
        [PartyNode("P", party_type="person")],
        [
            Holding("A", "T", 60),
            Holding("B", "T", 40),
            Holding("P", "A", 50),
            Holding("P", "B", 50),
        ],
    )
    view = look_through(g, "T", no_adversary)
    assert view.effective["P"] == 50.0  # 60 x 50 + 40 x 50
    assert view.effective["A"] == 60.0


def test_missing_owners_are_unresolved_and_shares_add_to_one_hundred():
    g = OwnershipGraph.build(
        [PartyNode("P", party_type="person", country="US")],
        [Holding("A", "T", 100), Holding("P", "A", 85)],
    )
    view = look_through(g, "T", no_adversary)
    assert view.unresolved_at == {"A": 15.0}
    assert [(o.key, o.pct) for o in view.ultimate_owners] == [("P", 85.0)]
    assert view.country_share == {"US": 85.0}


def test_state_and_adversary_shares():
    parties = [
        PartyNode(
            "GOV", party_type="government", country="CN", is_government=True, state_country="CN"
        ),
        PartyNode("HK", country="HK"),
        PartyNode("SG", country="SG"),
        PartyNode("FLOAT", party_type="dispersed", country="JP"),
    ]
    g = OwnershipGraph.build(
        parties,
        [
            Holding("SG", "T", 60),
            Holding("FLOAT", "T", 40),
            Holding("HK", "SG", 70),
            Holding("FLOAT", "SG", 30),
            Holding("GOV", "HK", 100),
        ],
    )
    view = look_through(g, "T", lambda n: n.country in {"CN", "HK"})
    assert view.government_share == {"CN": 42.0}
    assert view.adversary_share == 42.0
    assert view.adversary_entry_points == {"HK": 42.0}
    assert deemed_state_share(g, "SG") == {"CN": 100.0}


def test_cross_holding_terminates_with_owners_summing_to_one_hundred():
    # A and B hold 90 % of each other; X holds the other 10 % of A, Y of B.
    parties = [PartyNode("X", party_type="person"), PartyNode("Y", party_type="person")]
    g = OwnershipGraph.build(
        parties,
        [
            Holding("A", "T", 60),
            Holding("B", "T", 40),
            Holding("B", "A", 90),
            Holding("A", "B", 90),
            Holding("X", "A", 10),
            Holding("Y", "B", 10),
        ],
    )
    view = look_through(g, "T", no_adversary)
    owners = {o.key: o.pct for o in view.ultimate_owners}
    assert round(owners["X"] + owners["Y"], 6) == 100.0
    assert round(owners["X"], 4) == round(0.1 * (0.6 + 0.9 * 0.4) / 0.19 * 100, 4)
    assert all(0 <= v <= 100 for v in view.effective.values())


def test_a_closed_cycle_is_reported_as_circular():
    g = OwnershipGraph.build(
        [], [Holding("A", "T", 100), Holding("B", "A", 100), Holding("A", "B", 100)]
    )
    view = look_through(g, "T", no_adversary)
    assert view.circular_share == 100.0
    assert view.ultimate_owners == []


def test_owners_over_one_hundred_percent_are_scaled_and_reported():
    g = OwnershipGraph.build(
        [PartyNode("P", party_type="person"), PartyNode("Q", party_type="person")],
        [Holding("P", "T", 80), Holding("Q", "T", 40)],
    )
    assert g.over_full() == {"T": 120.0}
    view = look_through(g, "T", no_adversary)
    assert round(sum(o.pct for o in view.ultimate_owners), 6) == 100.0


keys = st.sampled_from([f"N{i}" for i in range(8)])
edges = st.lists(st.tuples(keys, keys, st.floats(0, 100)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(edges)
def test_effective_stakes_never_exceed_one_hundred_and_mass_is_conserved(edge_list):
    g = OwnershipGraph.build([], [Holding(h, held, p) for h, held, p in edge_list])
    g.nodes.setdefault("N0", PartyNode("N0"))
    started = time.perf_counter()
    view = look_through(g, "N0", lambda n: n.key in {"N3", "N5"})
    assert time.perf_counter() - started < 2.0
    assert all(0.0 <= v <= 100.0 + 1e-6 for v in view.effective.values())
    total = sum(o.pct for o in view.ultimate_owners) + view.unresolved_share + view.circular_share
    assert abs(total - 100.0) < 1e-4
    assert 0.0 <= view.adversary_share <= 100.0 + 1e-6


@settings(max_examples=200, deadline=None)
@given(edges, st.sets(keys, max_size=3))
def test_regime_propagation_terminates_and_is_monotone_in_seeds(edge_list, seed_keys):
    from screener.ownership import ListSeed, load_regimes, propagate

    g = OwnershipGraph.build([], [Holding(h, held, p) for h, held, p in edge_list])
    regime = {r.id: r for r in load_regimes()}["ofac"]
    seeds = [ListSeed(k, frozenset({"sdn"}), "SDN", k) for k in seed_keys]
    fewer = propagate(g, regime, seeds[:-1])
    more = propagate(g, regime, seeds)
    blocked_fewer = {k for k, s in fewer.items() if s.is_blocked}
    blocked_more = {k for k, s in more.items() if s.is_blocked}
    assert blocked_fewer <= blocked_more
