"""The case export counts as the Matches tab and the memo do: one row per party and listed
entity, its lists named in `listed_on`, formula-safe like every exported cell."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from screener.exports.case import export_case
from screener.models import MatchResult
from screener.store import Store
from tests.integration.test_entity_hits import screen, seed


def test_one_row_per_listed_entity_with_its_lists(store: Store, tmp_path: Path) -> None:
    # one person on OFAC-SDN, the CSL's copy and the UN list; a namesake on UK-OFSI
    seed(store, tmp_path)
    screen(store)
    with store.session() as session:
        assert session.query(MatchResult).count() == 4  # one per list entry hit
    rows = list(
        csv.DictReader(export_case(store, "C-1", tmp_path / "c.csv").open(encoding="utf-8-sig"))
    )
    assert len(rows) == 2  # the Matches tab's two listed entities
    listed = {row["listed_on"] for row in rows}
    assert "UK-OFSI 101" in listed
    (grouped,) = listed - {"UK-OFSI 101"}
    shown = next(row for row in rows if row["listed_on"] == grouped)
    parts = grouped.split("; ")
    assert parts[0] == f"{shown['list']} {shown['entry_id']}"  # the row's own entry first
    assert sorted(parts) == ["OFAC-SDN 6384", "UN-SC IQi.001", "US-CSL SDN:6384"]
    assert "IRAQ2" in shown["programmes"]

    book = openpyxl.load_workbook(export_case(store, "C-1", tmp_path / "c.xlsx"))
    sheet = book["Screening results"]
    header = [c.value for c in sheet[1]]
    assert sheet.max_row == 3
    assert {r[header.index("listed_on")] for r in sheet.iter_rows(min_row=2, values_only=True)} == (
        listed
    )


def test_a_hostile_entry_key_in_listed_on_is_neutralised(store: Store, tmp_path: Path) -> None:
    seed(store, tmp_path)
    screen(store)
    with store.unit_of_work() as session:
        for match in session.query(MatchResult).filter_by(source_name="UK-OFSI"):
            match.source_name = "=cmd|' /C calc'!A0"
    rows = list(
        csv.DictReader(export_case(store, "C-1", tmp_path / "c.csv").open(encoding="utf-8-sig"))
    )
    assert any(row["listed_on"].startswith("'=cmd") for row in rows)
    assert not [v for row in rows for v in row.values() if v.startswith(("=", "+", "-", "@"))]
