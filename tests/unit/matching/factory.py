"""Test records and contexts, built the way the matcher builds them."""

from __future__ import annotations

from screener.matching.algorithm import best_name_pair
from screener.matching.config import load_config
from screener.matching.features import PairContext
from screener.matching.rarity import default_rarity
from screener.matching.records import MatchRecord, make_record


def record(name: str, schema: str | None = "Person", **kwargs: object) -> MatchRecord:
    return make_record([name], schema, **kwargs)  # type: ignore[arg-type]


def context(query: MatchRecord, candidate: MatchRecord) -> PairContext:
    config, rarity = load_config(), default_rarity()
    qn, cn, alignment, original, _ = best_name_pair(query, candidate, rarity, config)
    return PairContext(query, candidate, qn, cn, alignment, original, config, rarity)
