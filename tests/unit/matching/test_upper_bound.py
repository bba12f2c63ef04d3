"""The bound that spares the alignment: never below the score, and it changes no outcome."""

from __future__ import annotations

import csv
import itertools

import pytest

from screener.matching.algorithm import FEATURES, _active_features, score_records, upper_bound
from screener.matching.config import load_config
from screener.matching.rarity import default_rarity
from tests.conftest import SHARED_EVAL
from tests.unit.matching.factory import record

CONFIG = load_config()
REVIEW = CONFIG.review_threshold
# Facts that switch the qualifiers on and off: countries apart or shared, years apart or
# close, a person against a company, identifiers equal or not.
FACTS = [
    {},
    {"countries": ["RU"], "dates": ["1961"]},
    {"countries": ["IR"], "dates": ["1975-02-01"], "identifiers": [("passport", "K1234567")]},
]


def _pairs() -> list[tuple[str, str, str]]:
    with (SHARED_EVAL / "name_pairs_dev.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(r["schema"] or "", r["name1"], r["name2"]) for r in rows]


def test_the_bound_is_never_below_the_score_and_the_cut_changes_no_outcome() -> None:
    plan = _active_features(CONFIG, FEATURES)
    rarity = default_rarity()
    pairs = _pairs()
    assert len(pairs) > 300
    cut = 0
    for (schema, a, b), (qf, cf) in zip(
        pairs, itertools.cycle(itertools.product(FACTS, FACTS)), strict=False
    ):
        other = "Company" if schema == "Person" and len(a) % 5 == 0 else schema
        q, c = record(a, schema or None, **qf), record(b, other or None, **cf)  # type: ignore[arg-type]
        if not (q.names and c.names):
            continue
        full = score_records(q, c, config=CONFIG, rarity=rarity).score
        assert upper_bound(q, c, CONFIG, rarity, plan) >= full, (a, b, qf, cf)
        quick = score_records(q, c, config=CONFIG, rarity=rarity, explain=False, min_score=REVIEW)
        assert (quick.score >= REVIEW) == (full >= REVIEW), (a, b, qf, cf)
        if quick.score >= REVIEW:
            assert quick.score == full
        cut += not quick.features
    assert cut > 50  # the bound did spare alignments here


def test_birth_years_apart_spare_the_alignment_and_report_a_score_below_the_floor() -> None:
    q = record("Borislav Selvik", countries=["NO"], dates=["1961"])
    c = record("SELVIK, Borislav", countries=["SE"], dates=["1980"])
    full = score_records(q, c)
    quick = score_records(q, c, explain=False, min_score=REVIEW)
    assert full.score < REVIEW and quick.score < REVIEW
    assert quick.features == ()  # no feature computed: not even the names were aligned
    # without the years the same names are aligned and alert
    alike = score_records(
        record("Borislav Selvik"), record("SELVIK, Borislav"), explain=False, min_score=REVIEW
    )
    assert alike.score >= REVIEW and alike.features


@pytest.mark.parametrize("feature", [f for f in FEATURES if not f.aligned], ids=lambda f: f.name)
def test_a_feature_said_to_need_no_alignment_is_computed_without_one(feature: object) -> None:
    """upper_bound hands such features a context without alignment: if one read it, this fails."""
    from screener.matching.features import PairContext

    q = record("Kestrel Mining GmbH", "Company", countries=["NO"], dates=["1999"])
    c = record("Kestrel Mining AG", "Company", countries=["MX"], dates=["2005"])
    ctx = PairContext(q, c, q.names[0], c.names[0], None, None, CONFIG, default_rarity(), False)  # type: ignore[arg-type]
    result = feature.func(ctx)  # type: ignore[attr-defined]
    assert 0.0 <= result.score <= 1.0


def test_a_feature_comparing_a_fact_the_query_lacks_scores_0_whatever_the_candidate() -> None:
    """What lets a quick score leave it out (`Feature.compares`, `_quick_features`)."""
    from screener.matching.algorithm import Feature
    from screener.matching.features import PairContext

    comparing = [feature for feature in FEATURES if feature.compares]
    assert {feature.compares for feature in comparing} == {
        "kind",
        "countries",
        "years",
        "identifiers",
    }
    rarity = default_rarity()
    full = {"countries": ["RU"], "dates": ["1961"], "identifiers": [("passport", "K1234567")]}
    for schema, a, b in _pairs()[::3]:
        candidate = record(b, schema or "Person", **full)  # type: ignore[arg-type]
        query = record(a, None)
        if not (query.names and candidate.names):
            continue
        ctx = PairContext(
            query, candidate, query.names[0], candidate.names[0], None, None, CONFIG, rarity, False
        )  # type: ignore[arg-type]
        for feature in comparing:
            assert getattr(query, feature.compares) in (None, frozenset())  # type: ignore[arg-type]
            assert feature.func(ctx).score == 0.0, (feature.name, a, b)
    with pytest.raises(ValueError, match="not one of"):
        Feature(comparing[0].func, 1.0, compares="programs")


def test_a_quick_score_leaves_out_the_features_comparing_facts_the_query_lacks() -> None:
    q = record("Borislav Selvik", None)
    c = record("SELVIK, Borislav", countries=["SE"], dates=["1980"])
    quick = score_records(q, c, explain=False, min_score=0.0)
    full = score_records(q, c)
    assert quick.score == full.score
    left_out = {"identifier_match", "country_mismatch", "year_disjoint", "kind_mismatch"}
    assert left_out.isdisjoint(r.name for r in quick.features)
    assert left_out <= {r.name for r in full.features}
    dated = record("Borislav Selvik", None, countries=["NO"], dates=["1961"])
    assert {"country_mismatch", "year_disjoint"} <= {
        r.name for r in score_records(dated, c, explain=False, min_score=0.0).features
    }
