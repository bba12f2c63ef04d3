"""Time the ownership engine on a synthetic 10,000-party, 30,000-edge graph.

The graph is layered like real groups (owners sit above what they own); 1 % of edges have a
reciprocal edge (a cross-holding), which links many parties into cross-holding groups; 2 % of parties are listed. Prints the time to
build the graph, the look-through of the target and of the acquirer, and each regime's
propagation. Target: the whole report under 1 s.

    python benchmarks/ownership_graph.py [--parties 10000] [--edges 30000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from screener.ownership import (
    Holding,
    ListSeed,
    OwnershipGraph,
    PartyNode,
    build_report,
    load_regimes,
)

COUNTRIES = ["US", "JP", "SG", "HK", "CN", "GB", "AU", "CA", "DE", "KY", "VG", "RU"]
TYPES = ["company"] * 8 + ["person", "fund", "dispersed", "government"]


def synthetic(
    parties: int, edges: int, rng: random.Random, cross_share: float = 0.01
) -> OwnershipGraph:
    layers = 12
    nodes = []
    for i in range(parties):
        kind = rng.choice(TYPES)
        nodes.append(
            PartyNode(
                f"P{i}",
                f"Party {i}",
                kind,
                rng.choice(COUNTRIES),
                is_government=kind == "government",
                is_state_owned=kind == "government" or rng.random() < 0.05,
                state_country=rng.choice(COUNTRIES),
            )
        )
    layer_of = {n.key: min(layers - 1, i * layers // parties) for i, n in enumerate(nodes)}
    by_layer: dict[int, list[str]] = {}
    for key, layer in layer_of.items():
        by_layer.setdefault(layer, []).append(key)
    stakes: dict[tuple[str, str], None] = {}  # ordered, so a seed gives the same graph
    while len(stakes) < edges:
        held = f"P{rng.randrange(parties)}"
        layer = layer_of[held]
        if layer == layers - 1:
            continue  # the top layer holds, nobody recorded holds it
        holder = rng.choice(by_layer[rng.randint(layer + 1, layers - 1)])
        stakes[(holder, held)] = None
        if rng.random() < cross_share:
            stakes[(held, holder)] = None  # a reciprocal cross-holding
    holdings = [Holding(h, d, round(rng.uniform(1, 60), 2)) for h, d in stakes]
    return OwnershipGraph.build(nodes, holdings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parties", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--cross", type=float, default=0.01, help="share of edges with a reciprocal cross-holding"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    graph = synthetic(args.parties, args.edges, rng, args.cross)
    built = time.perf_counter() - started
    categories = ["sdn", "eu", "uk", "entity_list", "un"]
    seeds = [
        ListSeed(
            f"P{rng.randrange(args.parties)}",
            frozenset({rng.choice(categories)}),
            "synthetic",
            str(i),
        )
        for i in range(args.parties // 50)
    ]
    regimes = load_regimes()
    adversaries = {"CN", "HK", "RU"}
    started = time.perf_counter()
    report = build_report(
        graph,
        target="P0",
        acquirer="P1",
        seeds=seeds,
        regimes=regimes,
        as_of=date(2026, 12, 1),
        is_adversary=lambda n: n.country in adversaries,
    )
    elapsed = time.perf_counter() - started
    view = report.target_view
    assert view is not None
    print(f"graph: {len(graph.nodes)} parties, {len(graph.edges())} edges (built in {built:.2f} s)")
    print(
        f"parties above the target: {len(view.effective)}; ultimate owners: "
        f"{len(view.ultimate_owners)}; circular share {view.circular_share:.2f} %"
    )
    for rid, result in report.regimes.items():
        print(f"  {rid}: {len(result.blocked())} blocked/owned/controlled")
    print(
        f"full report (target + acquirer look-through, 4 regimes): {elapsed:.3f} s "
        f"({'under' if elapsed < 1 else 'OVER'} the 1 s target)"
    )


if __name__ == "__main__":
    main()
