"""Scoring a pair file on a pool: the same scores, in the same order, as one process."""

from __future__ import annotations

import csv
import multiprocessing
import os
import random
import time
from pathlib import Path

import pytest

from screener.matching.config import load_config
from screener.matching.pairs import PairScorer, score_rows
from screener.matching.pairs_pool import (
    DICTIONARIES_COST,
    MIN_PAIRS_FOR_POOL,
    MOST_DICTIONARY_ROWS,
    dictionary_rows,
    pooled,
    score_file,
    shares_by_name,
)
from screener.pools import start_method
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
    rows = _mixed_rows(MIN_PAIRS_FOR_POOL + 507)
    columns = list(rows[0])
    assert pooled(len(rows), 2)
    config = load_config()
    on_pool, pooled_alerts = score_file(rows, columns, config, workers=2)
    alone = list(score_rows(rows, config))
    assert on_pool == PairScorer(config).lines(columns, rows)[0]
    # Each line is its own row's: the row's values, its score and its alert, in input order.
    for line, row, item in zip(on_pool, rows, alone, strict=True):
        values = next(csv.reader([line]))
        assert values == [
            *(row.get(c, "") for c in columns),
            f"{item.score:.4f}",
            "true" if item.alert else "false",
        ]
    assert pooled_alerts == sum(1 for p in alone if p.alert)
    assert 0 < pooled_alerts < len(rows)


@pytest.mark.skipif(
    start_method() != "fork",
    reason="the test patches PairScorer in this process and only a forked worker inherits the "
    "patch (a spawned one imports the module afresh); Linux, where the app and CI run, forks",
)
def test_the_worker_scores_while_this_process_scores_its_own_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process starts on its own share only once the worker has its share: the worker
    marks that it started, and this process waits for the mark before scoring (if the
    worker were sent its share afterwards, nothing would run in parallel)."""
    parent, started = os.getpid(), tmp_path / "worker-started"
    scored_lines = PairScorer.lines

    def lines(
        self: PairScorer, columns: list[str], rows: list[dict[str, str]]
    ) -> tuple[list[str], int]:
        if os.getpid() != parent:
            started.touch()
        else:
            deadline = time.monotonic() + 30
            while not started.exists():
                assert time.monotonic() < deadline, "the worker had no share to score"
                time.sleep(0.01)
        return scored_lines(self, columns, rows)

    monkeypatch.setattr(PairScorer, "lines", lines)
    rows = _mixed_rows(MIN_PAIRS_FOR_POOL + 10)
    columns = list(rows[0])
    config = load_config()
    on_pool = score_file(rows, columns, config, workers=2)
    assert started.exists()
    assert on_pool == scored_lines(PairScorer(config), columns, rows)


def test_small_files_and_one_worker_stay_in_this_process() -> None:
    assert not pooled(MIN_PAIRS_FOR_POOL - 1, 2)
    assert not pooled(100_000, 1)
    assert pooled(MIN_PAIRS_FOR_POOL, 2)
    rows = _mixed_rows(10)[:10]
    columns = list(rows[0])
    config = load_config()
    assert score_file(rows, columns, config, workers=2) == PairScorer(config).lines(columns, rows)
    assert score_file([], columns, config) == ([], 0)


def _names(rows: list[dict[str, str]], share: list[int]) -> set[str]:
    return {rows[i][side] for i in share for side in ("name1", "name2")}


def test_each_row_goes_to_one_worker_and_each_name_mostly_to_one() -> None:
    """Queries that recur every 1,000 rows against list names that recur every 1,700 (as
    a register screened against lists, several times over): cut into spans of consecutive
    rows, the two workers would each prepare most names."""
    rows = [{"name1": f"Person {n % 1_000}", "name2": f"Listed {n % 1_700}"} for n in range(6_000)]
    shares = shares_by_name(rows, 2)
    assert sorted(i for share in shares for i in share) == list(range(len(rows)))
    assert all(share == sorted(share) for share in shares)
    first, second = (_names(rows, share) for share in shares)
    spans = [list(range(start, start + 500)) for start in range(0, 6_000, 500)]
    by_span = [_names(rows, [i for span in spans[k::2] for i in span]) for k in (0, 1)]
    assert len(by_span[0] & by_span[1]) >= 1_700  # every list name
    assert len(first & second) < 100
    assert abs(len(shares[0]) - len(shares[1])) < len(rows) / 20


def test_one_query_against_many_candidates_is_shared_out_evenly() -> None:
    rows = [{"name1": "Ivan Petrov", "name2": f"Candidate {n}"} for n in range(3_000)]
    shares = shares_by_name(rows, 2)
    assert len(shares) == 2 and abs(len(shares[0]) - len(shares[1])) < 100
    assert shares_by_name(rows[:1], 4) == [[0]]
    three = [len(share) for share in shares_by_name(rows, 3)]
    assert len(three) == 3 and max(three) - min(three) < 100


def test_the_worker_ends_on_its_own_once_its_lines_are_in() -> None:
    """The run does not wait for its worker to exit (`WorkerPool.close(wait=False)`): the
    worker, told to stop, ends by itself, and nothing is left running."""
    before = {p.pid for p in multiprocessing.active_children()}
    rows = _mixed_rows(MIN_PAIRS_FOR_POOL + 10)
    config = load_config()
    assert (
        score_file(rows, list(rows[0]), config, workers=2)[0]
        == PairScorer(config).lines(list(rows[0]), rows)[0]
    )
    deadline = time.monotonic() + 30
    while {p.pid for p in multiprocessing.active_children()} - before:
        assert time.monotonic() < deadline, "a scoring worker was left running"
        time.sleep(0.05)


# Names read with the pypinyin or pykakasi dictionary: Chinese, Japanese, halfwidth kana.
_DICTIONARY_NAMES = ("習近平", "山田太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "李 明")


def _with_dictionary_names(rows: list[dict[str, str]], every: int) -> list[dict[str, str]]:
    """The rows with a Han or kana name put in, as name1 or name2, every `every` rows."""
    out = []
    for n, row in enumerate(rows):
        if n % every == 0:
            side = "name1" if n // every % 2 else "name2"
            row = {**row, side: _DICTIONARY_NAMES[n // every % len(_DICTIONARY_NAMES)]}
        out.append(row)
    return out


def _assert_lines_are_the_rows_in_order(
    lines: list[str], rows: list[dict[str, str]], columns: list[str]
) -> None:
    """Each line is its own row's (its values, then its score as one process scores it):
    a row lost, scored twice or put in another row's place fails here."""
    alone = list(score_rows(rows, load_config()))
    assert len(lines) == len(rows) == len(alone)
    for line, row, item in zip(lines, rows, alone, strict=True):
        values = next(csv.reader([line]))
        assert values == [
            *(row.get(c, "") for c in columns),
            f"{item.score:.4f}",
            "true" if item.alert else "false",
        ]


def test_rows_needing_the_dictionaries_are_all_in_this_process_share() -> None:
    """The worker forks before the dictionaries load and never needs them: every row with
    a Han or kana name is in the first share (the command's own), which takes fewer of the
    other rows for the time it spends loading them; every row is in one share, in order."""
    rows = _with_dictionary_names(_mixed_rows(MIN_PAIRS_FOR_POOL + 500), 7)
    kept = dictionary_rows(rows)
    assert set(range(0, len(rows), 7)) <= kept < set(range(len(rows)))
    assert len(kept) <= MOST_DICTIONARY_ROWS * len(rows)
    shares = shares_by_name(rows, 2, kept, DICTIONARIES_COST)
    assert sorted(i for share in shares for i in share) == list(range(len(rows)))
    assert all(share == sorted(share) for share in shares)
    assert kept <= set(shares[0])
    assert not dictionary_rows([rows[i] for i in shares[1]])
    assert len(shares[0]) < len(shares[1])
    plain = shares_by_name(rows, 2)
    assert abs(len(plain[0]) - len(plain[1])) < len(rows) / 20


def test_a_pooled_file_with_names_needing_the_dictionaries_is_scored_in_order() -> None:
    rows = _with_dictionary_names(_mixed_rows(MIN_PAIRS_FOR_POOL + 300), 5)
    assert 0 < len(dictionary_rows(rows)) <= MOST_DICTIONARY_ROWS * len(rows)
    columns = list(rows[0])
    lines, _alerts = score_file(rows, columns, load_config(), workers=2)
    _assert_lines_are_the_rows_in_order(lines, rows, columns)


def test_a_pooled_file_of_mostly_such_names_is_scored_in_order() -> None:
    """Too many such rows for one process: the dictionaries load before the fork and the
    rows are shared out by name as any others."""
    rows = _with_dictionary_names(_mixed_rows(MIN_PAIRS_FOR_POOL + 300), 2)
    assert len(dictionary_rows(rows)) > MOST_DICTIONARY_ROWS * len(rows)
    columns = list(rows[0])
    lines, _alerts = score_file(rows, columns, load_config(), workers=2)
    _assert_lines_are_the_rows_in_order(lines, rows, columns)
