"""Deal files: the three formats read to the same transactions, and every bad file is located."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from screener.deals import validate_deal_file
from screener.deals.fields import SHEETS, sheet_columns
from screener.deals.schema import deal_file_schema
from screener.deals.writer import write_csv_folder, write_json, write_template, write_xlsx
from screener.demo.case import demo_case_path
from screener.paths import resources_dir


@pytest.fixture
def demo():
    deal_file = validate_deal_file(demo_case_path())
    assert deal_file.issues == []
    return deal_file.transactions


def test_demo_case_is_valid_against_the_json_schema():
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    jsonschema.validate(document, deal_file_schema())


def test_xlsx_csv_and_json_read_to_the_same_transactions(demo, tmp_path: Path):
    write_xlsx(demo, tmp_path / "deal.xlsx")
    write_csv_folder(demo, tmp_path / "csv")
    write_json(demo, tmp_path / "deal.json")
    for path in (
        tmp_path / "deal.xlsx",
        tmp_path / "csv",
        tmp_path / "csv" / "parties.csv",
        tmp_path / "deal.json",
    ):
        read = validate_deal_file(path)
        assert read.issues == [], path
        assert read.transactions == demo, path
    jsonschema.validate(json.loads((tmp_path / "deal.json").read_text()), deal_file_schema())


def test_several_transactions_per_file(demo, tmp_path: Path):
    second = validate_deal_file(demo_case_path()).transactions[0]
    second.case["id"] = "CASE-2"
    write_xlsx(demo + [second], tmp_path / "two.xlsx")
    read = validate_deal_file(tmp_path / "two.xlsx")
    assert read.errors == []
    assert [t.case_id for t in read.transactions] == ["DEMO-2026-0001", "CASE-2"]
    assert len(read.transactions[1].parties) == len(demo[0].parties)


def test_shipped_template_matches_the_field_declarations(tmp_path: Path):
    shipped = load_workbook(resources_dir() / "deal_template.xlsx", read_only=True)
    fresh_path = tmp_path / "template.xlsx"
    write_template(fresh_path)
    fresh = load_workbook(fresh_path, read_only=True)
    for sheet in SHEETS:
        header = [c for c in next(shipped[sheet].iter_rows(values_only=True)) if c]
        assert header == [name for name, _ in sheet_columns(sheet)], sheet
        assert header == [c for c in next(fresh[sheet].iter_rows(values_only=True)) if c]
    assert "README" in shipped.sheetnames


def messages(path: Path) -> list[str]:
    return [str(issue) for issue in validate_deal_file(path).errors]


def edit_xlsx(demo, tmp_path: Path, change) -> Path:
    path = tmp_path / "bad.xlsx"
    write_xlsx(demo, path)
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def column_of(sheet, name: str) -> int:
    return [c.value for c in sheet[1]].index(name) + 1


def set_cell(sheet_name: str, row: int, column: str, value):
    def change(book):
        sheet = book[sheet_name]
        sheet.cell(row=row, column=column_of(sheet, column), value=value)

    return change


def test_missing_sheet(demo, tmp_path: Path):
    path = edit_xlsx(demo, tmp_path, lambda book: book.remove(book["transaction"]))
    assert messages(path) == [
        "error: bad.xlsx: sheet 'transaction': required sheet 'transaction' is missing "
        "(found: parties, ownership, README)"
    ]


def test_missing_required_column(demo, tmp_path: Path):
    def drop_name(book):
        sheet = book["parties"]
        sheet.delete_cols(column_of(sheet, "name"))

    found = messages(edit_xlsx(demo, tmp_path, drop_name))
    assert found[0] == (
        "error: bad.xlsx: sheet 'parties', row 1, column 'name': required "
        "column is missing from the header row"
    )


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "expected"),
    [
        ("transaction", 2, "value", "about 400m", "expected a number, found 'about 400m'"),
        ("ownership", 3, "equity_pct", 120, "expected a number <= 100, found 120"),
        (
            "parties",
            4,
            "country_incorporation",
            "USA",
            "expected an ISO 3166 alpha-2 country code (e.g. US, JP, CN), found 'USA'",
        ),
        (
            "transaction",
            2,
            "signing_date",
            "8 Oct 2026",
            "expected a date as YYYY-MM-DD, found '8 Oct 2026'",
        ),
        ("transaction", 2, "currency", "XYZ", "expected an ISO 4217 currency code"),
        ("transaction", 2, "structure", "takeover", "expected one of share_purchase"),
        ("transaction", 2, "board_seats", 2.5, "expected a whole number, found 2.5"),
        ("transaction", 2, "information_rights", "perhaps", "expected yes/no"),
        ("parties", 3, "identifiers", "lei 1234", "expected type=value pairs"),
    ],
)
def test_bad_values_name_sheet_row_and_column(demo, tmp_path, sheet, row, column, value, expected):
    found = messages(edit_xlsx(demo, tmp_path, set_cell(sheet, row, column, value)))
    assert len(found) == 1, found
    assert found[0].startswith(f"error: bad.xlsx: sheet '{sheet}', row {row}, column '{column}': ")
    assert expected in found[0]


def test_duplicate_party_key(demo, tmp_path: Path):
    path = edit_xlsx(demo, tmp_path, set_cell("parties", 3, "key", "RRE"))
    found = messages(path)
    assert any(
        "sheet 'parties', row 3, column 'key': party key 'RRE' is used twice" in m
        and "first at row 2" in m
        for m in found
    )


def test_edge_to_unknown_party_is_a_warning_with_its_place(demo, tmp_path: Path):
    path = edit_xlsx(demo, tmp_path, set_cell("ownership", 2, "holder", "GHOST"))
    read = validate_deal_file(path)
    assert read.errors == []
    assert [str(w) for w in read.warnings] == [
        "warning: bad.xlsx: sheet 'ownership', row 2, column 'holder': party 'GHOST' is not in "
        "the parties sheet of case 'DEMO-2026-0001'; it is imported as an undescribed party"
    ]


def test_owners_over_one_hundred_percent_is_a_warning(demo, tmp_path: Path):
    path = edit_xlsx(demo, tmp_path, set_cell("ownership", 3, "equity_pct", 70))
    read = validate_deal_file(path)
    assert read.errors == []
    assert any("owners of 'RRE' hold 130 % in total (rows 2, 3)" in str(w) for w in read.warnings)


def test_all_errors_are_collected_not_just_the_first(demo, tmp_path: Path):
    def break_three(book):
        set_cell("transaction", 2, "value", "n/a")(book)
        set_cell("parties", 5, "nationality", "XX")(book)
        set_cell("ownership", 4, "as_of", "yesterday")(book)

    found = messages(edit_xlsx(demo, tmp_path, break_three))
    assert len(found) == 3
    assert {m.split(":")[2].strip() for m in found} == {
        "sheet 'transaction', row 2, column 'value'",
        "sheet 'parties', row 5, column 'nationality'",
        "sheet 'ownership', row 4, column 'as_of'",
    }


def test_unknown_acquirer_key_is_an_error(demo, tmp_path: Path):
    found = messages(edit_xlsx(demo, tmp_path, set_cell("transaction", 2, "acquirer", "NOBODY")))
    assert len(found) == 1
    assert found[0].startswith(
        "error: bad.xlsx: sheet 'transaction', row 2, column 'acquirer': party 'NOBODY' is not "
        "in the parties sheet: expected one of "
    )
    assert ", PLH, RHI, RRE, " in found[0]


def test_csv_errors_name_the_file_row_and_column(demo, tmp_path: Path):
    folder = tmp_path / "deal"
    write_csv_folder(demo, folder)
    rows = list(csv.reader((folder / "ownership.csv").open(encoding="utf-8")))
    rows[2][rows[0].index("equity_pct")] = "forty"
    with (folder / "ownership.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    (folder / "parties.csv").unlink()
    read = validate_deal_file(folder)
    assert (
        "error: ownership.csv: row 3, column 'equity_pct': expected a number, "
        "found 'forty'" in [str(i) for i in read.errors]
    )
    assert f"warning: parties.csv: missing from the folder {folder}" in map(str, read.issues)


def test_a_missing_column_is_one_error_with_its_suggestion(demo, tmp_path: Path):
    """`party_name` for `name`: one error naming the rename, not one per row; the File is
    the CSV file (picked directly or through its folder), never the folder."""
    folder = tmp_path / "deal"
    write_csv_folder(demo, folder)
    rows = list(csv.reader((folder / "parties.csv").open(encoding="utf-8")))
    rows[0][rows[0].index("name")] = "party_name"
    with (folder / "parties.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    for path in (folder, folder / "parties.csv", folder / "transaction.csv"):
        assert [str(i) for i in validate_deal_file(path).issues] == [
            "error: parties.csv: row 1, column 'name': required column is missing from the "
            "header row; the file has 'party_name': rename it to 'name'"
        ]
    write_xlsx(demo, tmp_path / "deal.xlsx")
    book = load_workbook(tmp_path / "deal.xlsx")
    header = [cell.value for cell in book["parties"][1]]
    book["parties"].cell(1, header.index("name") + 1, "party_name")
    book.save(tmp_path / "deal.xlsx")
    assert messages(tmp_path / "deal.xlsx") == [
        "error: deal.xlsx: sheet 'parties', row 1, column 'name': required column is missing "
        "from the header row; the file has 'party_name': rename it to 'name'"
    ]


def test_files_are_named_as_people_name_them(tmp_path: Path):
    """Empty is empty, a PDF renamed .xlsx is not an Excel workbook, never "sheet ''"."""
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "deal.xlsx").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "names.csv").write_text("id,name\n1,Acme\n", encoding="utf-8")
    assert messages(tmp_path / "empty.xlsx") == ["error: empty.xlsx: the file is empty"]
    assert messages(tmp_path / "empty.csv") == ["error: empty.csv: the file is empty"]
    assert messages(tmp_path / "deal.xlsx") == [
        "error: deal.xlsx: not an Excel workbook (it is a PDF document)"
    ]
    assert messages(tmp_path / "names.csv") == [
        "error: names.csv: a deal in CSV form is a folder holding transaction.csv, "
        "parties.csv and ownership.csv; this file is none of them"
    ]


def test_json_errors_name_the_json_path(demo, tmp_path: Path):
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    document["transactions"][0]["parties"][2]["country_incorporation"] = "Germany"
    document["transactions"][0]["asset"]["latitude"] = 123
    document["transactions"][0]["asset"]["colour"] = "red"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    found = messages(path)
    assert sorted(found) == sorted(
        [
            "error: bad.json: transactions[0].parties[2].country_incorporation: expected an ISO "
            "3166 alpha-2 country code (e.g. US, JP, CN), found 'Germany'",
            "error: bad.json: transactions[0].asset.latitude: expected a number <= 90, found 123",
            "error: bad.json: transactions[0].asset.colour: unknown property",
        ]
    )


def test_a_missing_asset_field_is_named_where_it_belongs_in_json(demo, tmp_path: Path):
    """Not by the workbook's column (asset_asset_type), which a JSON file does not have."""
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    del document["transactions"][0]["asset"]["asset_type"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert messages(path) == [
        "error: bad.json: transactions[0].asset.asset_type: required value is missing "
        "(Kind of asset)"
    ]


def test_not_json_and_not_a_workbook(tmp_path: Path):
    (tmp_path / "x.json").write_text("{ nope", encoding="utf-8")
    assert "not valid JSON" in messages(tmp_path / "x.json")[0]
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    assert messages(tmp_path / "x.xlsx") == [
        "error: x.xlsx: not an Excel workbook (it is a text file)"
    ]
    assert (
        "not a deal file" in messages(tmp_path / "x.json".replace("json", "txt"))[0]
        if (tmp_path / "x.txt").write_text("x")
        else True
    )


def test_json_format_version_and_top_level_properties_are_checked(tmp_path: Path):
    document = json.loads(demo_case_path().read_text(encoding="utf-8"))
    document["format_version"] = 2
    document["comment"] = "x"
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert sorted(messages(path)) == [
        "error: v2.json: comment: unknown property",
        "error: v2.json: format_version: format_version 2 is not supported: expected 1",
    ]
