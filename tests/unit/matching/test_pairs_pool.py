"""Scoring a pair file on a pool: the same scores, in the same order, as one process."""

from __future__ import annotations

import csv
import random

from screener.matching.config import load_config
from screener.matching.pairs import score_rows
from screener.matching.pairs_pool import MIN_PAIRS_FOR_POOL, SPAN, pooled, score_all
from tests.conftest import SHARED_EVAL


def _mixed_rows(count: int) -> list[dict[str, str]]:
    """Labelled dev pairs (every script they hold: Han, kana, Arabic, Cyrillic, ...) and their
    names crossed at random under mixed schemas and countries: a file large enough to pool,
    in which names recur across spans."""
    with open(SHARED_EVAL / "name_pairs_dev.csv", encoding="utf-8", newline="") as handle:
        dev = list(csv.DictReader(handle))
    chance = random.Random(22)
    rows = [{**r, "country1": "", "country2": ""} for r in dev]
    while len(rows) < count:
        a, b = chance.choice(dev), chance.choice(dev)
        rows.append(
            {
                "schema": chance.choice([a["schema"], b["schema"], ""]),
                "name1": a["name1"],
                "name2": b["name2"],
                "country1": chance.choice(["", "RU", "CN"]),
                "country2": chance.choice(["", "RU", "Iran"]),
            }
        )
    return rows


def test_a_pooled_run_scores_every_row_as_one_process_does() -> None:
    rows = _mixed_rows(MIN_PAIRS_FOR_POOL + SPAN + 7)  # the last span is a short one
    assert pooled(len(rows), 2)
    config = load_config()
    on_pool = score_all(rows, config, workers=2)
    alone = list(score_rows(rows, config))
    assert [p.row for p in on_pool] == rows
    assert [(p.score, p.alert) for p in on_pool] == [(p.score, p.alert) for p in alone]
    assert any(p.alert for p in on_pool) and not all(p.alert for p in on_pool)


def test_small_files_and_one_worker_stay_in_this_process() -> None:
    assert not pooled(MIN_PAIRS_FOR_POOL - 1, 2)
    assert not pooled(100_000, 1)
    assert pooled(MIN_PAIRS_FOR_POOL, 2)
    rows = _mixed_rows(10)[:10]
    config = load_config()
    assert [p.score for p in score_all(rows, config, workers=2)] == [
        p.score for p in score_rows(rows, config)
    ]
    assert score_all([], config) == []
