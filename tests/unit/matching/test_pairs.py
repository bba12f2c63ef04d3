"""Scoring a file of pairs: the same score `score_pair` gives each pair, with records reused."""

from __future__ import annotations

import csv

from screener.matching.algorithm import score_pair
from screener.matching.config import load_config
from screener.matching.pairs import score_rows
from tests.conftest import SHARED_EVAL


def test_a_file_of_pairs_scores_each_pair_as_score_pair_does() -> None:
    """Names repeat across the rows (each row also appears reversed and with countries), so
    reused records meet each other in every order; a blank name scores 0."""
    with open(SHARED_EVAL / "name_pairs_dev.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows += [{**r, "name1": r["name2"], "name2": r["name1"]} for r in rows]
    rows += [{**r, "country1": "RU", "country2": "China"} for r in rows[:100]]
    rows += [{"schema": "Person", "name1": "...", "name2": "Olaf Scholz"}]
    config = load_config()
    scored = list(score_rows(rows, config))
    assert len(scored) == len(rows)
    for row, item in zip(rows, scored, strict=True):
        expected = score_pair(
            row["name1"],
            row["name2"],
            row.get("schema") or None,
            row.get("country1") or None,
            row.get("country2") or None,
            config=config,
            explain=False,
        ).score
        assert item.score == expected, row
        assert item.alert == (expected >= config.review_threshold)
    assert scored[-1].score == 0.0
    assert any(item.alert for item in scored) and not all(item.alert for item in scored)
