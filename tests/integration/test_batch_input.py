"""Batch files in: CSV and XLSX read into queries; bad files get row-level errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from screener.batch.reader import BatchInputError, read_batch


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_every_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "parties.csv",
        "id,name,type,country,date,lei,imo,notes\n"
        "P1,  Acme   Mining  Ltd ,company,Australia,2001,5493001KJTIIGC8Y1R12,,first\n"
        "P2,Ivan Petrov,individual,RU,1965-06,,,\n"
        "\n"
        ",Ocean Star,,,,,IMO 9074729,\n",
    )
    queries = read_batch(path)
    assert [q.id for q in queries] == ["P1", "P2", "5"]
    acme, ivan, ship = queries
    assert acme.name == "Acme Mining Ltd" and acme.party_type == "company"
    assert acme.country == "AU" and acme.date == "2001"
    assert acme.identifiers == {"lei": "5493001KJTIIGC8Y1R12"}
    assert ivan.party_type == "person" and ivan.country == "RU" and ivan.date == "1965-06"
    assert ship.row == 5 and ship.identifiers == {"imo": "9074729"}


def test_name_column_only_and_semicolons(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "names.csv", "Name;Country\nJane Doe;France\nJohn Roe;\n")
    queries = read_batch(path)
    assert [(q.name, q.country) for q in queries] == [("Jane Doe", "FR"), ("John Roe", None)]


def test_common_register_headers_are_read_as_our_columns(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "register.csv",
        "full_name,first_name,date_of_birth,nationality\nJane Doe,Jane,1971-03-02,France\n",
    )
    (query,) = read_batch(path)
    assert (query.name, query.date, query.country) == ("Jane Doe", "1971-03-02", "FR")


def test_a_name_column_wins_over_an_alias(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "both.csv", "full_name,name\nJane Q. Doe,Jane Doe\n")
    (query,) = read_batch(path)
    assert query.name == "Jane Doe"


def test_xlsx_with_excel_dates_and_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Name", "Type", "Date"])
    sheet.append([1001, "Mina Resources Pty Ltd", "company", datetime(1999, 3, 4)])
    sheet.append([1002.0, "Li Wei", "person", 1971])
    path = tmp_path / "register.xlsx"
    workbook.save(path)
    queries = read_batch(path)
    assert [(q.id, q.row, q.date) for q in queries] == [
        ("1001", 2, "1999-03-04"),
        ("1002", 3, "1971"),
    ]


def test_bad_rows_are_all_named_with_file_row_and_field(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        "id,name,type,country,date,lei\n"
        "A,Good Name,person,DE,1970,\n"
        "B,,person,,,\n"
        "C,Someone,vessel,Atlantis,1970-13,\n"
        "A,Twice,,,,5493001KJTIIGC8Y1R13\n",
    )
    with pytest.raises(BatchInputError) as caught:
        read_batch(path)
    messages = [str(error) for error in caught.value.errors]
    assert "bad.csv, row 3, field 'name': the name is empty" in messages
    assert any(m.startswith("bad.csv, row 4, field 'type'") for m in messages)
    assert any(m.startswith("bad.csv, row 4, field 'country'") for m in messages)
    assert any(m.startswith("bad.csv, row 4, field 'date'") for m in messages)
    assert any(m.startswith("bad.csv, row 5, field 'id'") and "row 2" in m for m in messages)
    assert any(m.startswith("bad.csv, row 5, field 'lei'") for m in messages)
    assert len(messages) == 6


def test_missing_name_column_is_a_header_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "noname.csv", "id,label\n1,Jane Doe\n")
    with pytest.raises(BatchInputError, match=r"noname.csv, header, field 'name'"):
        read_batch(path)


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"name\nJos\x81 Mar\xeda\n")
    with pytest.raises(BatchInputError, match=r"latin.csv, line 2, field 'name': byte 0x81"):
        read_batch(path)


def test_unreadable_xlsx_and_wrong_extension(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("name\nnot a workbook\n")
    with pytest.raises(BatchInputError) as caught:
        read_batch(fake)
    assert str(caught.value) == "fake.xlsx: not an Excel workbook (it is a text file)"
    with pytest.raises(BatchInputError, match="not a batch file: Screener reads a CSV file"):
        read_batch(tmp_path / "names.txt")


def test_files_are_named_as_people_name_them(tmp_path: Path) -> None:
    """An empty file is empty; a PDF renamed .xlsx is not an Excel workbook; no zip jargon."""
    empty_csv, empty_xlsx, pdf = tmp_path / "a.csv", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    empty_csv.write_bytes(b"")
    empty_xlsx.write_bytes(b"")
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    said = []
    for path in (empty_csv, empty_xlsx, pdf):
        with pytest.raises(BatchInputError) as caught:
            read_batch(path)
        said.append(str(caught.value))
    assert said == [
        "a.csv: the file is empty",
        "b.xlsx: the file is empty",
        "c.xlsx: not an Excel workbook (it is a PDF document)",
    ]


def test_a_missing_name_column_is_one_error_with_its_suggestion(tmp_path: Path) -> None:
    rows = "id,Name of company\n" + "".join(f"{i},Acme {i}\n" for i in range(50))
    with pytest.raises(BatchInputError) as caught:
        read_batch(write_csv(tmp_path / "register.csv", rows))
    assert len(caught.value.errors) == 1
    assert str(caught.value) == (
        "register.csv, header, field 'name': a 'name' column is required in the first row; "
        "the file has 'Name of company': rename it to 'name'"
    )
    assert caught.value.header == ["id", "Name of company"]


def test_columns_chosen_by_the_user_are_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "register.csv", "ref,company,nation\nA1,Acme Ltd,Japan\n")
    with pytest.raises(BatchInputError) as caught:
        read_batch(path)
    assert caught.value.header == ["ref", "company", "nation"]
    queries = read_batch(path, {"name": "company", "id": "ref", "country": "nation"})
    assert [(q.id, q.name, q.country) for q in queries] == [("A1", "Acme Ltd", "JP")]
    with pytest.raises(BatchInputError, match="the chosen column 'firm' is not in the file"):
        read_batch(path, {"name": "firm"})


def test_header_only_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BatchInputError, match="no rows to screen"):
        read_batch(write_csv(tmp_path / "empty.csv", "name,id\n\n"))


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1969-07-06", "1969-07-06"),  # told at once
        ("2020-02-29", "2020-02-29"),
        ("1969-7-6", "1969-07-06"),  # the long way: padded
        ("1969-07-06T10:00", "1969-07-06"),
        ("1969-07", "1969-07"),
        ("1969", "1969"),
        ("٢٠٢٠-٠١-٠١", "٢٠٢٠-٠١-٠١"),  # digits of another script: as the patterns read them
        ("2021-02-29", None),  # refused, each with its own reason
        ("1969-13-01", None),
        ("2020-W01-1", None),
        ("1969/07/06", None),
    ],
)
def test_dates_are_read_alike_whichever_way_they_are_told(
    tmp_path: Path, written: str, read: str | None
) -> None:
    path = tmp_path / "batch.csv"
    path.write_text(f"name,date\nJane Doe,{written}\n", encoding="utf-8")
    if read is not None:
        assert read_batch(path)[0].date == read
        return
    with pytest.raises(BatchInputError) as caught:
        read_batch(path)
    assert "date" in str(caught.value) and written in str(caught.value)
