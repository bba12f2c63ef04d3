"""CSV/XLSX lists read through a user's column mapping; profiles saved by name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from screener.lists.base import TYPE_NOT_STATED, ListFormatError, ParsedDate, ParsedIdentifier
from screener.lists.csvmap import (
    ColumnMapping,
    MappedTableParser,
    import_mapped,
    load_profile,
    preview,
    profile_names,
    save_profile,
    sheet_names,
)
from screener.models import AuditEvent, ColumnProfile, ListEntry, ListVersion

HEADER = [
    "Ref",
    "Full name",
    "Other names",
    "Kind",
    "Nation",
    "Born",
    "Passport",
    "LEI",
    "Programme",
    "Notes",
]
ROWS = [
    [
        "W-1",
        "Ivan PETROV",
        "Иван ПЕТРОВ| I. Petrov",
        "Individual",
        "Russia|Kosovo",
        "12 Mar 1970",
        "P123|P456",
        "",
        "RUSSIA-EO14024",
        "director",
    ],
    ["W-1", "Ivan PETROV", "Ivan Petroff", "Individual", "Russia", "", "", "", "", ""],
    [
        "W-2",
        "Baotou Example Rare Earth Co.",
        "包头稀土",
        "Company",
        "China",
        "2001",
        "",
        "300300ABCDEF12345678",
        "CMIC",
        "",
    ],
    ["W-3", "Northern Star", "", "", "Panama", "", "", "", "", "tanker"],
]
MAPPING = ColumnMapping(
    name="Full name",
    entry_key="Ref",
    aliases=["Other names"],
    entity_type="Kind",
    default_type="vessel",
    countries=["Nation"],
    dob="Born",
    identifiers={"passport": "Passport", "lei": "LEI"},
    programme="Programme",
    remarks=["Notes"],
    separator="|",
    source_name="CLIENT-WATCHLIST",
)


def _csv(tmp_path: Path, rows: list[list[str]] = ROWS, header: list[str] = HEADER) -> Path:
    import csv

    path = tmp_path / "watchlist.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _xlsx(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "About"
    cover.append(["Client watch-list, internal"])
    sheet = workbook.create_sheet("Data")
    sheet.append(["exported 2025-01-01"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    path = tmp_path / "watchlist.xlsx"
    workbook.save(path)
    return path


def test_csv_rows_become_entries_merged_by_key(tmp_path: Path):
    parsed = MappedTableParser(MAPPING).parse(_csv(tmp_path))
    assert parsed.format == "csv-mapped" and parsed.source_name == "CLIENT-WATCHLIST"
    entries = {e.entry_key: e for e in parsed.entries}
    assert list(entries) == ["W-1", "W-2", "W-3"]
    petrov = entries["W-1"]
    assert petrov.entity_type == "person" and petrov.primary_name == "Ivan PETROV"
    assert [(n.name, n.kind, n.is_original_script) for n in petrov.names] == [
        ("Ivan PETROV", "primary", False),
        ("Иван ПЕТРОВ", "aka", True),
        ("I. Petrov", "aka", False),
        ("Ivan Petroff", "aka", False),
    ]
    assert petrov.countries == ["RU", "XK"]
    assert petrov.dates == [ParsedDate("birth", "1970-03-12")]
    assert petrov.identifiers == [
        ParsedIdentifier("passport", "P123"),
        ParsedIdentifier("passport", "P456"),
    ]
    assert petrov.programs == ["RUSSIA-EO14024"] and petrov.remarks == "director"
    company = entries["W-2"]
    assert company.entity_type == "organization"
    assert company.dates == [ParsedDate("incorporation", "2001")]
    assert company.identifiers == [ParsedIdentifier("lei", "300300ABCDEF12345678")]
    assert entries["W-3"].entity_type == "vessel"  # no type given: the default


def test_xlsx_sheet_and_header_row(tmp_path: Path):
    path = _xlsx(tmp_path)
    assert sheet_names(path) == ["About", "Data"]
    header, rows = preview(path, "Data", header_row=2, limit=2)
    assert header == HEADER and len(rows) == 2
    mapping = ColumnMapping.from_dict({**MAPPING.to_dict(), "sheet": "Data", "header_row": 2})
    parsed = MappedTableParser(mapping).parse(path)
    assert [e.entry_key for e in parsed.entries] == ["W-1", "W-2", "W-3"]


def test_without_key_column_the_key_comes_from_type_and_name(tmp_path: Path):
    mapping = ColumnMapping(name="Full name", entity_type="Kind", separator="|")
    parsed = MappedTableParser(mapping).parse(_csv(tmp_path))
    assert [e.entry_key for e in parsed.entries] == [
        "person:ivan petrov",
        "organization:baotou example rare earth co.",
        "unknown:northern star",  # no type given, and no default chosen: not stated
    ]
    assert parsed.entries[2].entity_type == TYPE_NOT_STATED


def test_missing_column_names_header_and_field(tmp_path: Path):
    path = _csv(tmp_path, header=[h if h != "LEI" else "Legal entity id" for h in HEADER])
    with pytest.raises(ListFormatError) as error:
        MappedTableParser(MAPPING).parse(path)
    assert (error.value.where, error.value.field_name) == ("line 1 (header)", "identifiers.lei")
    assert "'LEI' not found" in error.value.problem


def test_unknown_type_names_line_and_column(tmp_path: Path):
    rows = [*ROWS[:2], [*ROWS[2][:3], "Trust fund", *ROWS[2][4:]]]
    with pytest.raises(ListFormatError) as error:
        MappedTableParser(MAPPING).parse(_csv(tmp_path, rows))
    assert (error.value.where, error.value.field_name) == ("line 4", "Kind")


def test_empty_name_and_wrong_encoding(tmp_path: Path):
    rows = [[*ROWS[0][:1], "", *ROWS[0][2:]]]
    with pytest.raises(ListFormatError) as error:
        MappedTableParser(MAPPING).parse(_csv(tmp_path, rows))
    assert (error.value.where, error.value.field_name) == ("line 2", "Full name")
    path = tmp_path / "latin.csv"
    path.write_bytes(b"Ref,Full name\nW-1,Jos\xe9\n")
    with pytest.raises(ListFormatError) as error:
        MappedTableParser(ColumnMapping(name="Full name")).parse(path)
    assert (error.value.where, error.value.field_name) == ("line 2", "encoding")


def test_never_auto_detected(tmp_path: Path):
    assert not MappedTableParser(MAPPING).detect(_csv(tmp_path))


def test_profiles_are_saved_by_name_and_audited(store):
    save_profile(store, "Client watch-list", MAPPING)
    changed = ColumnMapping.from_dict({**MAPPING.to_dict(), "separator": ";"})
    save_profile(store, "Client watch-list", changed)
    save_profile(store, "Another", ColumnMapping(name="Name"))
    assert profile_names(store) == ["Another", "Client watch-list"]
    assert load_profile(store, "Client watch-list") == changed
    assert load_profile(store, "missing") is None
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(ColumnProfile)) == 2
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions == ["column_profile.create", "column_profile.update", "column_profile.create"]
    with pytest.raises(ValueError):
        save_profile(store, "  ", MAPPING)


def test_import_mapped_writes_one_version(store, tmp_path: Path):
    path = _csv(tmp_path)
    result = import_mapped(store, path, MAPPING)
    assert result.created and result.entry_count == 3
    again = import_mapped(store, path, MAPPING)
    assert not again.created
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(ListVersion)) == 1
        names = set(session.scalars(select(ListEntry.primary_name)))
    assert "Northern Star" in names


def test_failed_import_leaves_nothing(store, tmp_path: Path):
    rows = [*ROWS, ["W-9", "Bad Type Ltd", "", "Partnership", "", "", "", "", "", ""]]
    with pytest.raises(ListFormatError):
        import_mapped(store, _csv(tmp_path, rows), MAPPING)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(ListEntry)) == 0
