"""Regression guard on match quality: the dev screening set, at a small size, against the UN list.

The figures the issue asks for come from benchmarks/match_quality.py and batch_speed.py on the
full sets; this test keeps a change to names, features, weights or the index from silently
losing true hits or flooding reviewers with false alerts. Damaged UN rows (name order, typos,
dropped parts) must find the UN entry bearing the untreated row's name as their best match
at the shipped threshold; synthetic persons on no list must stay quiet.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screener.matching.index import MatchIndex, Query
from screener.matching.sources import sources_from_paths
from screener.names import prepare_name

REPO = Path(__file__).resolve().parents[2]
SHARED = next(
    (p / "shared" for p in REPO.parents if (p / "shared" / "eval").is_dir()), REPO.parent / "shared"
)
UN_FILE = SHARED / "data" / "un-consolidated" / "UN_consolidated.xml"
EVAL = SHARED / "eval"
POSITIVES = 120
NEGATIVES = 1500



def _rows(name: str) -> list[dict[str, str]]:
    with open(EVAL / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _query(row: dict[str, str]) -> Query:
    return Query(
        [row["full_name"]],
        "Person",
        countries=[row["nationality"]] if row.get("nationality") else [],
        dates=[row["date_of_birth"]] if row.get("date_of_birth") else [],
    )


@pytest.fixture(scope="module")
def un_index() -> MatchIndex:
    return MatchIndex.from_entries(sources_from_paths([UN_FILE]))


def test_damaged_un_names_find_their_entry(un_index: MatchIndex) -> None:
    by_name: dict[tuple[str, ...], set[str]] = {}
    for entry in un_index.entries:
        for form in entry.record.names:
            by_name.setdefault(form.sorted_tokens, set()).add(entry.entry_key)
    treated = _rows("screen_positives_un_treated_dev.csv")[:POSITIVES]
    untreated = _rows("screen_positives_un_untreated_dev.csv")[:POSITIVES]
    known = found = 0
    for damaged, clean in zip(treated, untreated, strict=True):
        wanted = by_name.get(prepare_name(clean["full_name"], "Person").sorted_tokens)
        if not wanted:
            continue
        known += 1
        best = un_index.search(_query(damaged), limit=1, explain=False)
        found += bool(best) and best[0].entry.entry_key in wanted
    assert known >= POSITIVES - 2
    assert found / known >= 0.98, f"UN treated recall {found}/{known}"


def test_people_on_no_list_rarely_alert(un_index: MatchIndex) -> None:
    negatives = _rows("screen_negatives_dev.csv")[:NEGATIVES]
    alerting = [
        r["full_name"] for r in negatives if un_index.search(_query(r), limit=1, explain=False)
    ]
    assert len(alerting) / len(negatives) <= 0.002, alerting
