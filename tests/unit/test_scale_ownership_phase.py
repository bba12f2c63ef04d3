"""benchmarks/scale.py's 50 % rule step (issue 19): what it times answers as the rule does,
its pandas baseline blocks what the rule blocks under OFAC, and its count of the
collector's runs sees a collection."""

from __future__ import annotations

import gc
import random

import pytest

from benchmarks.scale import _collections_counted, _ownership_rule, _pandas_ofac
from screener.ownership import ListSeed
from screener.ownership.links import link_relations


def _seed(key: str) -> ListSeed:
    return ListSeed(key, frozenset({"sdn", "eu", "uk", "un"}), "synthetic", key, key, ())


def test_the_timed_rule_blocks_what_the_rule_blocks() -> None:
    # (subject = held, object = holder, relation, percentage), as EntryLink rows
    links = [
        ("OWNED", "LISTED", "ownership", 60.0),  # 60 % of a listed holder: owned everywhere
        ("MINOR", "LISTED", "ownership", 20.0),  # 20 %: not owned
        ("DEEP", "OWNED", "ownership", 51.0),  # owned by an owned party: owned
        ("CHILD", "LEI-1", "directly_consolidated_by", None),  # controlled by the listed LEI
    ]
    rule = _ownership_rule(links, link_relations(), {"LEI-1": "LISTED"}, [_seed("LISTED")])
    assert rule["blocked"]["ofac"] == 3  # LISTED, OWNED, DEEP
    assert rule["blocked"]["eu"] == 4  # and CHILD, controlled through the LEI
    assert rule["graph"].edge_count == 4
    assert set(rule["step_cpu_s"]) == {"columns", "graph", "seeding", *rule["blocked"]}


@pytest.mark.parametrize("seed", range(8))
def test_the_pandas_baseline_blocks_what_the_rule_blocks_under_ofac(seed: int) -> None:
    """Chains, repeated pairs (the last counts), self-holdings, voting where no equity is
    recorded, control links, LEIs standing for entries and listed parties outside the graph."""
    rng = random.Random(seed)
    keys = [f"P{n}" for n in range(60)]
    relations = link_relations()
    links = []
    for _ in range(150):
        relation = rng.choice(["ownership", "ownership", "voting", "control", "subfund_of"])
        pct = rng.choice([None, 10.0, 25.0, 30.0, 50.0, 49.999, 60.0, 100.0])
        links.append((rng.choice(keys), rng.choice(keys + ["LEI-A", "LEI-B"]), relation, pct))
    links += [(held, holder, "ownership", 55.0) for held, holder, *_ in rng.sample(links, 10)]
    links += [("P1", "P1", "ownership", 90.0)]
    same_as = {"LEI-A": "P3", "LEI-B": "NEW-ENTRY"}
    seeds = [_seed(key) for key in rng.sample(keys, 8)] + [_seed("OUTSIDE"), _seed("NEW-ENTRY")]
    expected = _ownership_rule(links, relations, same_as, seeds)["blocked"]["ofac"]
    assert _pandas_ofac(links, relations, same_as, seeds) == expected


def test_collections_are_counted_by_generation_until_asked() -> None:
    so_far = _collections_counted()
    gc.collect()
    runs = so_far()
    assert runs[2] >= 1 and runs[3] >= 0
    # no longer counting once asked: the callback is gone
    assert not any(getattr(c, "__qualname__", "").endswith("counted") for c in gc.callbacks)
