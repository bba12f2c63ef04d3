"""What a file is and which column was meant, said as people say them (issue 26), and the
CLI's list and batch messages built on them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from screener.cli import main
from screener.file_kind import EMPTY, kind_of, not_a_workbook
from screener.headers import suggest_column

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def test_kind_of_reads_the_first_bytes(tmp_path: Path) -> None:
    files = {
        "empty.xlsx": b"",
        "report.xlsx": PDF,
        "old.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
        "names.xlsx": "name\nJosé\n".encode(),
        "page.xlsx": b"<!DOCTYPE html><html></html>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "archive.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    said = {name: not_a_workbook(tmp_path / name) for name in [*files, "archive.xlsx"]}
    assert said == {
        "empty.xlsx": "the file is empty",
        "report.xlsx": "not an Excel workbook (it is a PDF document)",
        "old.xlsx": "not an Excel workbook (it is an old-format Office file "
        "(Excel 97-2003 .xls or Word .doc))",
        "names.xlsx": "not an Excel workbook (it is a text file)",
        "page.xlsx": "not an Excel workbook (it is a web page (HTML))",
        "archive.xlsx": "not an Excel workbook",
    }
    assert kind_of(tmp_path / "empty.xlsx") == EMPTY
    assert kind_of(tmp_path / "missing.xlsx") is None


def test_suggest_column_finds_the_header_meant() -> None:
    assert suggest_column("name", ["id", "party_name", "type"]) == "party_name"
    assert suggest_column("name", ["Ref", "Name of company", "Full Name"]) == "Full Name"
    assert suggest_column("name", ["id", "nmae"]) == "nmae"
    assert suggest_column("name", ["id", "company"]) is None


def test_cli_list_import_words(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "sanctions.xlsx").write_bytes(PDF)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "watch.csv").write_text("Ref,Who\n1,Acme\n", encoding="utf-8")

    def said(name: str) -> str:
        result = CliRunner().invoke(main, ["--db", sqlite_url, "lists", "import", str(tmp_path / name)])
        assert result.exit_code == 2
        return result.stderr.strip()

    assert said("sanctions.xlsx").endswith(
        "sanctions.xlsx: not an Excel workbook (it is a PDF document)"
    )
    assert said("empty.csv").endswith("empty.csv: the file is empty")
    assert said("watch.csv").endswith(
        "watch.csv: not a list layout Screener recognises; name its format with --format "
        "(see `lists formats`)"
    )
    assert "zip" not in said("sanctions.xlsx").lower()


def test_cli_screen_reads_a_column_the_user_names(tmp_path: Path, sqlite_url: str) -> None:
    register = tmp_path / "register.csv"
    register.write_text("ref,company\nR1,Acme Ltd\n", encoding="utf-8")
    args = ["--db", sqlite_url, "screen", str(register), "--out", str(tmp_path / "out.json")]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2
    assert refused.stderr.strip().endswith(
        "register.csv, header, field 'name': a 'name' column is required in the first row; "
        "it has: ref, company (or map it: --column name=HEADER)"
    )
    mapped = CliRunner().invoke(main, [*args, "--column", "name=company", "--column", "id=ref"])
    # the file is read: what stops it now is the empty database, not the column
    assert mapped.exit_code == 2 and "no list is imported yet" in mapped.stderr
    wrong = CliRunner().invoke(main, [*args, "--column", "name"])
    assert wrong.exit_code == 2 and "expected FIELD=HEADER" in wrong.stderr
