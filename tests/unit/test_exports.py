"""Exports: sheets with frozen headers and filters, CSV that Excel reads, no formula runs."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from screener.cli import main
from screener.exports.case import HIT_COLUMNS, LINK_COLUMNS, MATCH_COLUMNS, export_case
from screener.exports.files import ExportError, export_table, neutralise_cell
from screener.exports.headings import COLUMNS_JA, FIELDS_JA, SHEETS_JA
from screener.models import Decision, MatchResult
from screener.store import Store
from tests.memo_factory import CASE_ID, CHINESE_NAME, CYRILLIC_NAME, seed_rich_case

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_triggers_are_neutralised(text: str) -> None:
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Ridgeline", "a=b", "", 0.97, -5, None, "中国"])
def test_other_values_pass_unchanged(value: object) -> None:
    assert neutralise_cell(value) == value


def _poison_case(store: Store) -> None:
    """A match whose listed name and decision reason are formulas, as a hostile list might."""
    seed_rich_case(store)
    with store.unit_of_work() as session:
        match = session.query(MatchResult).filter_by(case_id=CASE_ID, status="pending").one()
        match.matched_name = INJECTIONS[0]
        match.explanation = INJECTIONS[3]
        match.status = "dismissed"
        match.decisions.append(
            Decision(
                outcome="dismissed",
                reason=INJECTIONS[1],
                decided_by="-x",
                decided_at=datetime(2026, 12, 7, 16, 19, 23, 456789),
            )
        )


def test_case_xlsx_has_frozen_filtered_sized_sheets(store: Store, tmp_path: Path) -> None:
    seed_rich_case(store)
    path = export_case(store, CASE_ID, tmp_path / "case.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Screening results", "Rule hits", "Ownership links", "Case"]
    sheet = book["Screening results"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:R3"
    assert sheet["R1"].value == "audit_chain_head"
    assert str(sheet["R2"].value).startswith("record ")
    assert sheet["A1"].font.b
    header = [c.value for c in sheet[1]]
    party = header.index("party") + 1
    assert (
        sheet.column_dimensions[openpyxl.utils.get_column_letter(party)].width
        >= len(CHINESE_NAME) * 2
    )
    values = [c.value for c in sheet[2]]
    assert values[header.index("party")] == CHINESE_NAME
    assert values[header.index("decision")] == "confirmed"
    hits = book["Rule hits"]
    assert {row[1] for row in hits.iter_rows(min_row=2, values_only=True)} == {
        "G3",
        "T1",
        "V1",
        "C1",
    }


def _rows(book: openpyxl.Workbook, title: str) -> list[dict[str, object]]:
    sheet = book[title]
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_english_export_names_columns_by_their_keys_and_facts_in_words(
    store: Store, tmp_path: Path
) -> None:
    """Tools read the English file by its keys; the facts read as the memo prints them."""
    seed_rich_case(store)
    book = openpyxl.load_workbook(export_case(store, CASE_ID, tmp_path / "case.xlsx"))
    assert [c.value for c in book["Screening results"][1]] == list(MATCH_COLUMNS)
    assert [c.value for c in book["Rule hits"][1]] == list(HIT_COLUMNS)
    assert [c.value for c in book["Ownership links"][1]] == list(LINK_COLUMNS)
    hits = {h["rule"]: h for h in _rows(book, "Rule hits")}
    assert hits["C1"]["facts"] == "Target: supplies defence customers: yes"
    assert "ownership.acquirer" not in str(hits["G3"]["facts"])
    assert hits["T1"]["category"] == "threat"
    matches = _rows(book, "Screening results")
    assert [m["status"] for m in matches] == ["confirmed", "pending"]
    assert matches[0]["why_matched"]  # the memo's sentences (or the scorer's account)


def test_japanese_export_says_what_the_japanese_memo_says(store: Store, tmp_path: Path) -> None:
    seed_rich_case(store)
    path = export_case(store, CASE_ID, tmp_path / "case.xlsx", "ja")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["スクリーニング結果", "該当ルール", "所有関係", "案件"]
    matches = _rows(book, "スクリーニング結果")
    assert [m["当事者"] for m in matches] == [CHINESE_NAME, CYRILLIC_NAME]
    assert [m["状況"] for m in matches] == ["一致と確認", "未決"]
    assert [m["一致の強さ"] for m in matches] == ["強", "弱"]
    assert matches[0]["判断"] == "一致と確認"
    hits = {h["ルール"]: h for h in _rows(book, "該当ルール")}
    assert hits["T1"]["区分"] == "脅威" and hits["G3"]["区分"] == "ゲート条件"
    assert str(hits["C1"]["参照した事実"]).endswith(": はい")
    assert hits["G3"]["結論"] == "mandatory declaration"  # no Japanese: as the memo prints it
    case = {r["項目"]: r["値"] for r in _rows(book, "案件")}
    assert case["リスク区分"] == "高" and case["案件番号"] == CASE_ID
    csv_rows = list(
        csv.DictReader(
            export_case(store, CASE_ID, tmp_path / "case.csv", "ja").open(encoding="utf-8-sig")
        )
    )
    assert [r["状況"] for r in csv_rows] == ["一致と確認", "未決"]


def test_every_exported_column_and_field_has_a_japanese_heading() -> None:
    from screener.exports.case import _case_rows, _Words

    for columns in (MATCH_COLUMNS, HIT_COLUMNS, LINK_COLUMNS, ("field", "value")):
        headings = [COLUMNS_JA[c] for c in columns]  # KeyError names a missing one
        assert len(set(headings)) == len(headings), headings
    assert set(SHEETS_JA) == {"Screening results", "Rule hits", "Ownership links", "Case"}
    case = _empty_memo_data()
    fields = [f for f, _ in _case_rows(case, _Words("en"))]  # type: ignore[arg-type]
    assert all(f in FIELDS_JA for f in fields), [f for f in fields if f not in FIELDS_JA]


def _empty_memo_data() -> object:
    """A MemoData-shaped value with only what the Case sheet reads."""
    from types import SimpleNamespace

    return SimpleNamespace(
        assessment=None, case_id="C", title="", status="new", decision=None, jurisdictions=(),
        filing_deadline=None, handling_marking="", generated_at=None, audit_head="",
        app_version="",
    )  # fmt: skip


def test_an_unknown_export_language_is_refused_before_writing(
    store: Store, tmp_path: Path
) -> None:
    seed_rich_case(store)
    with pytest.raises(ValueError, match="unknown memo language 'fr'"):
        export_case(store, CASE_ID, tmp_path / "case.xlsx", "fr")
    assert not (tmp_path / "case.xlsx").exists()


def test_injection_is_neutralised_in_xlsx(store: Store, tmp_path: Path) -> None:
    _poison_case(store)
    book = openpyxl.load_workbook(export_case(store, CASE_ID, tmp_path / "case.xlsx"))
    cells = [c for row in book["Screening results"].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = {c.value for c in cells}
    assert "'" + INJECTIONS[0] in texts
    assert "'" + INJECTIONS[1] in texts
    assert "'" + INJECTIONS[3] in texts
    assert "'-x" in texts


def test_injection_is_neutralised_in_csv(store: Store, tmp_path: Path) -> None:
    _poison_case(store)
    path = export_case(store, CASE_ID, tmp_path / "case.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the CJK names as UTF-8
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert [r["party"] for r in rows] == [CHINESE_NAME, CYRILLIC_NAME]
    poisoned = rows[1]
    assert poisoned["listed_name"] == "'" + INJECTIONS[0]
    assert poisoned["reason"] == "'" + INJECTIONS[1]
    assert poisoned["explanation"] == "'" + INJECTIONS[3]
    assert poisoned["decided_at"] == "2026-12-07 16:19:23"  # to the second, not .456789
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_batch_style_table_goes_through_the_same_guard(tmp_path: Path) -> None:
    rows = [("q1", "=cmd|' /C calc'!A0", 0.9), ("q2", "Ridgeline", 0.5)]
    path = export_table(tmp_path / "batch.xlsx", "Batch screening", ("id", "name", "score"), rows)
    sheet = openpyxl.load_workbook(path)["Batch screening"]
    assert sheet["B2"].value == "'=cmd|' /C calc'!A0"
    assert sheet["B2"].data_type == "s"
    assert sheet["C2"].value == 0.9
    csv_path = export_table(
        tmp_path / "batch.csv", "Batch screening", ("id", "name", "score"), rows
    )
    assert "'=cmd" in csv_path.read_text(encoding="utf-8-sig")


def test_bad_paths_are_refused_with_the_file_named(store: Store, tmp_path: Path) -> None:
    seed_rich_case(store)
    with pytest.raises(ExportError, match=r"case\.txt.*\.xlsx or \.csv"):
        export_case(store, CASE_ID, tmp_path / "case.txt")
    with pytest.raises(ExportError, match="does not exist"):
        export_case(store, CASE_ID, tmp_path / "missing" / "case.csv")
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".csv", ".xlsx")]


def test_cli_export(store: Store, sqlite_url: str, tmp_path: Path) -> None:
    seed_rich_case(store)
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(main, ["--db", sqlite_url, "export", CASE_ID, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "Screening results"
    japanese = CliRunner().invoke(
        main, ["--db", sqlite_url, "export", CASE_ID, "--out", str(out), "--lang", "ja"]
    )
    assert japanese.exit_code == 0, japanese.output
    assert openpyxl.load_workbook(out).sheetnames[0] == "スクリーニング結果"
    bad = CliRunner().invoke(
        main, ["--db", sqlite_url, "export", "NOPE", "--out", str(tmp_path / "r.csv")]
    )
    assert bad.exit_code == 2
    assert "no case with id 'NOPE'" in bad.output


def test_batch_results_export_neutralises_hostile_input_names(tmp_path: Path) -> None:
    from screener.batch.model import BatchHit, BatchQuery, BatchResult
    from screener.batch.writer import write_results

    results = [
        BatchResult(
            BatchQuery(row=2, id="@q1", name="=1+1"),
            (BatchHit("OFAC-SDN", "36219", "HUAXIN", 0.91, "+tokens agree", 1, "HUAXIN"),),
        ),
        BatchResult(BatchQuery(row=3, id="q2", name=CYRILLIC_NAME), ()),
    ]
    sheet = openpyxl.load_workbook(write_results(tmp_path / "b.xlsx", results))["Batch screening"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "name", "row", "alert")
    assert rows[1][:2] == ("'@q1", "'=1+1")
    assert "'+tokens agree" in rows[1]
    assert rows[2][1] == CYRILLIC_NAME and rows[2][3] == "no"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:M3"
