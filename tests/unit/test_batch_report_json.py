"""The batch report's JSON is what `json.dumps(..., ensure_ascii=False, indent=1)` writes,
byte for byte: the writer encodes it itself only to be quicker (screener/batch/writer.py)."""

from __future__ import annotations

import json
import math
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from screener.batch.model import BatchHit, BatchQuery, BatchResult
from screener.batch.writer import (
    indented_json,
    report_text,
    result_text,
    results_as_json,
    write_results,
)

TEXTS = [
    "",
    "a",
    'quote " and \\ back',
    "line\nbreak\ttab",
    "\x00\x1f\x7f",
    "Селвик",
    "习近平",
    "トヨタ",
    "\u2028\u2029",
    "emoji \U0001f600",
    "محمد",
]


def _value(rng: random.Random, depth: int) -> Any:
    kind = rng.randrange(10 if depth < 4 else 6)
    if kind == 0:
        return rng.choice(TEXTS)
    if kind == 1:
        return rng.choice([0, -1, 7, 2**70, True, False, None])
    if kind == 2:
        return rng.choice(
            [0.0, -0.0, 0.1, 1e-7, 1e22, 0.7123, 1 / 3, math.nan, math.inf, -math.inf]
        )
    if kind in (3, 4, 5):
        return rng.choice(TEXTS) + str(rng.random())
    if kind in (6, 7):
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 8:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randrange(3)))
    return {rng.choice(TEXTS) + str(i): _value(rng, depth + 1) for i in range(rng.randrange(4))}


def test_any_json_value_is_encoded_as_the_standard_library_encodes_it() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        value = _value(rng, 0)
        assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("value", [{1: "a"}, {"a": Decimal("1.5")}, [object()], {"k": {2.5: 1}}])
def test_what_it_does_not_encode_is_left_to_the_standard_library(value: Any) -> None:
    try:
        expected = json.dumps(value, ensure_ascii=False, indent=1)
    except TypeError:
        with pytest.raises(TypeError):
            indented_json(value)
        return
    assert indented_json(value) == expected


def test_a_report_file_is_the_standard_librarys_text(tmp_path: Path) -> None:
    hit = BatchHit("OFAC-SDN", "6384", "SELVIK, Borislav", 0.8123, "same words", 6384)
    results = [
        BatchResult(BatchQuery(row=2, id="a", name="Borislav Selvik"), (hit,)),
        BatchResult(BatchQuery(row=3, id="b", name="Нет совпадений"), ()),
    ]
    out = write_results(tmp_path / "report.json", results)
    text = out.read_text(encoding="utf-8")
    assert text == json.dumps(results_as_json(results), ensure_ascii=False, indent=1)
    assert json.loads(text)["results"][0]["hits"][0]["listed_on"] == ["OFAC-SDN 6384"]


def _results(rng: random.Random, count: int) -> list[BatchResult]:
    results = []
    for row in range(count):
        name = rng.choice(TEXTS) + str(row)
        hits = tuple(
            BatchHit(
                rng.choice(["OFAC-SDN", "UN", "CSL"]),
                str(rng.randrange(10_000)),
                rng.choice(TEXTS) + "x",
                rng.choice([0.71, 0.8123456, 1.0, 1 / 3]),
                rng.choice(TEXTS),
                row,
                memberships=("UN QDi.1",) if rng.random() < 0.2 else (),
            )
            for _ in range(rng.choice([0, 0, 0, 1, 2, 3]))
        )
        results.append(BatchResult(BatchQuery(row=row + 2, id=str(row), name=name), hits))
    return results


@pytest.mark.parametrize("count", [0, 1, 2, 57])
def test_a_report_put_together_from_results_written_as_they_came_is_the_same_text(
    tmp_path: Path, count: int
) -> None:
    """`screener screen` writes each result as its answer comes in (result_text) and puts
    the texts together at the end (report_text), some written then: the same bytes as the
    whole report written at once."""
    rng = random.Random(count)
    results = _results(rng, count)
    whole = json.dumps(results_as_json(results), ensure_ascii=False, indent=1)
    for share in (0.0, 0.5, 1.0):
        written = {
            i: text
            for i, result in enumerate(results)
            if rng.random() < share and (text := result_text(result)) is not None
        }
        assert report_text(results, written) == whole
        out = write_results(tmp_path / f"r{share}.json", results, written)
        assert out.read_text(encoding="utf-8") == whole


def test_a_text_written_early_is_the_one_used() -> None:
    """What was written as the answer came in is what the report holds for that row (so a
    result changed since, as a folded one is, must not have been written early)."""
    results = _results(random.Random(5), 3)
    text = report_text(results, {1: '{"written": "early"}'})
    assert json.loads(text)["results"][1] == {"written": "early"}
