"""The facts a score reads (`scored_facts`): candidates with the same names and equal such
facts score the same, so a search scores them once (`MatchIndex.search`)."""

from __future__ import annotations

import csv
import dataclasses
import itertools
from collections.abc import Callable

import pytest

from screener.matching import algorithm
from screener.matching.algorithm import score_records, scored_facts
from screener.matching.config import load_config
from screener.matching.records import MatchRecord
from tests.conftest import SHARED_EVAL
from tests.unit.matching.factory import record

CONFIG = load_config()
REVIEW = CONFIG.review_threshold
# What a query may say besides its name: nothing, each fact alone, everything.
QUERY_FACTS: list[dict[str, object]] = [
    {},
    {"countries": ["RU"]},
    {"dates": ["1961"]},
    {"identifiers": [("passport", "K1234567")]},
    {"countries": ["IR"], "dates": ["1975-02-01"], "identifiers": [("imo", "9876543")]},
]
# The same candidate names with other facts: each fact changed, to agree with the query's or not.
CANDIDATE_FACTS: list[dict[str, object]] = [
    {},
    {"countries": frozenset({"RU"})},
    {"countries": frozenset({"CN"})},
    {"years": frozenset({1961})},
    {"years": frozenset({1990})},
    {"identifiers": frozenset({("passport", "K1234567")})},
    {"identifiers": frozenset({("imo", "9876543")})},
    {"schema": "Company"},
    {"kind": "organization"},
    {"kind": None},
    {"weak_names": "its own name"},
]


def _pairs() -> list[tuple[str, str, str]]:
    with (SHARED_EVAL / "name_pairs_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(r["schema"] or "", r["name1"], r["name2"]) for r in rows]


def _variant(candidate: MatchRecord, change: dict[str, object]) -> MatchRecord:
    """The candidate with the same name objects and one fact changed."""
    if change.get("weak_names"):
        change = {"weak_names": frozenset({candidate.names[0].original})}
    return dataclasses.replace(candidate, **change)  # type: ignore[arg-type]


def _mismatches(facts_of: Callable[[MatchRecord, MatchRecord], object]) -> list[str]:
    """Every pair of candidates with the same names and equal `facts_of` against a query
    whose scores differ (fully explained, and in the quick pass at the review threshold)."""
    found = []
    pairs = _pairs()
    assert len(pairs) > 300
    for (schema, a, b), query_facts in zip(pairs, itertools.cycle(QUERY_FACTS), strict=False):
        query = record(a, schema or None, **query_facts)
        base = record(b, schema or None)
        if not (query.names and base.names):
            continue
        variants = [_variant(base, change) for change in CANDIDATE_FACTS]
        for one, other in itertools.combinations(variants, 2):
            if facts_of(query, one) != facts_of(query, other):
                continue
            for explain, floor in ((True, None), (False, REVIEW)):
                first = score_records(query, one, explain=explain, min_score=floor).score
                second = score_records(query, other, explain=explain, min_score=floor).score
                if first != second:
                    found.append(f"{a!r} / {b!r} {query_facts}: {first} != {second}")
    return found


def test_candidates_with_equal_scored_facts_score_the_same() -> None:
    assert _mismatches(scored_facts) == []


@pytest.mark.parametrize("left_out", ["countries", "years", "identifiers", "kind", "weak_names"])
def test_a_fact_left_out_of_the_scored_facts_shows_as_scores_that_differ(left_out: str) -> None:
    """The check above can fail: leave out a fact the score reads and it finds pairs."""
    position = ["kind", "countries", "years", "identifiers", "weak_names"].index(left_out)

    def without(query: MatchRecord, candidate: MatchRecord) -> object:
        facts = list(algorithm.scored_facts(query, candidate))
        facts[position] = None
        return tuple(facts)

    assert _mismatches(without)


def test_facts_the_query_lacks_do_not_count_and_those_it_has_do() -> None:
    bare = record("Borislav Selvik")
    dated = record("Borislav Selvik", countries=["NO"], dates=["1961"])
    one = record("Borislav Selvik", countries=["RU"], dates=["1961"])
    other = dataclasses.replace(one, countries=frozenset({"CN"}), years=frozenset({1990}))
    assert scored_facts(bare, one) == scored_facts(bare, other)
    assert scored_facts(dated, one) != scored_facts(dated, other)
