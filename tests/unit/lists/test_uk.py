"""UK OFSI consolidated list: XLSX edition from shared data, CSV edition layout from a fixture."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from screener.lists.base import ListFormatError, ParsedDate, ParsedIdentifier
from screener.lists.uk import PARSER, _published_date
from tests.conftest import REPO, SHARED_DATA
from tests.unit.lists.hostile import BILLION_LAUGHS, write_truncated

XLSX = SHARED_DATA / "uk-ofsi-consolidated-list" / "UK_Sanctions_List.xlsx"
CSV_SAMPLE = REPO / "tests" / "fixtures" / "ofsi_conlist_sample.csv"


@pytest.fixture(scope="module")
def parsed():
    return PARSER.parse(XLSX)


@pytest.fixture(scope="module")
def by_key(parsed):
    return {e.entry_key: e for e in parsed.entries}


@pytest.mark.slow
def test_counts_match_provenance_and_the_raw_sheet(parsed):
    sheet = openpyxl.load_workbook(XLSX, read_only=True).worksheets[0]
    raw_rows = list(sheet.iter_rows(min_row=3, values_only=True))
    raw_groups = {row[35] for row in raw_rows}
    assert len(raw_rows) == 18_796 and len(raw_groups) == 4_686
    assert len(parsed.entries) == 4_686
    assert sum(e.data["rows"] for e in parsed.entries) == 18_796
    types = Counter(e.entity_type for e in parsed.entries)
    assert types == {"person": 3_662, "organization": 1_009, "vessel": 15}


@pytest.mark.slow
def test_publisher_date_from_the_preamble_row(parsed):
    assert parsed.publisher_date == "2025-04-10"
    assert parsed.source_name == "UK-OFSI" and parsed.regime == "uk"


@pytest.mark.slow
def test_known_individual_field_by_field(by_key):
    entry = by_key["15672"]
    assert entry.entity_type == "person"
    assert entry.primary_name == "Mian Abdul HAQ"
    assert [n.name for n in entry.names[1:]] == [
        "Mian MITHOO",
        "Mian MITHU",
        "Mian MITTO",
        "Mian MITTU",
    ]
    assert {n.kind for n in entry.names[1:]} == {"aka"}
    assert entry.programs == ["Global Human Rights"]
    assert entry.countries == ["PK"]
    assert entry.listed_on == "2022-12-09"
    assert entry.identifiers == [ParsedIdentifier("uk_sanctions_list_ref", "GHR0086")]
    assert entry.addresses[0].full == "Hafizabad Taluka Daharki, District Ghotki, Pakistan"
    assert entry.data["gender"] == ["Male"]
    assert entry.data["date_designated"] == "2022-12-09"
    assert entry.remarks.startswith("(UK Sanctions List Ref):GHR0086.")


@pytest.mark.slow
def test_ship_gets_imo_and_owner_link(parsed, by_key):
    ship = by_key["13651"]
    assert ship.entity_type == "vessel" and ship.primary_name == "SAM JONG 2"
    assert ParsedIdentifier("imo", "7408873") in ship.identifiers
    assert ParsedIdentifier("uk_sanctions_list_ref", "DPR0100") in ship.identifiers
    owners = [link for link in parsed.links if link.subject_key == "13651"]
    assert [(o.relation, o.object_name) for o in owners] == [
        ("owned_or_controlled_by", "Korea Samjong Shipping")
    ]


@pytest.mark.slow
def test_non_latin_names_and_partial_dates(parsed):
    original = [n for e in parsed.entries for n in e.names if n.is_original_script]
    assert Counter(n.script for n in original)["cyrillic"] > 500
    values = [d.value for e in parsed.entries for d in e.dates]
    assert not any(v.startswith("0000") or "-00" in v for v in values)  # no invented day/month


def test_published_date_keeps_precision():
    assert _published_date("10/04/2025") == "2025-04-10"
    assert _published_date("00/00/1994") == "1994"
    assert _published_date("00/05/1994") == "1994-05"
    assert _published_date("1954") == "1954"


def test_csv_edition_layout():
    assert PARSER.detect(CSV_SAMPLE)
    parsed = PARSER.parse(CSV_SAMPLE)
    assert parsed.publisher_date == "2025-04-10"
    entries = {e.entry_key: e for e in parsed.entries}
    assert list(entries) == ["99001", "99002", "99003"]
    petrov = entries["99001"]
    assert petrov.primary_name == "Ivan Sergeyevich PETROV"
    assert [(n.name, n.kind, n.strength, n.is_original_script) for n in petrov.names[1:]] == [
        ("Иван Сергеевич ПЕТРОВ", "aka", "strong", True),
        ("Ivan PETROFF", "aka", "weak", False),
    ]
    assert petrov.dates == [ParsedDate("birth", "1968"), ParsedDate("birth", "1968-05")]
    assert petrov.countries == ["RU", "CY"]
    assert [(i.id_type, i.value, i.note) for i in petrov.identifiers[:2]] == [
        ("passport", "720011223", "Russian passport"),
        ("passport", "K0099887", "Cypriot passport"),
    ]
    company = entries["99002"]
    assert ParsedIdentifier("registration", "1026600000000") in company.identifiers
    links = {(link.subject_key, link.object_name) for link in parsed.links}
    assert links == {("99002", "Example State Corporation"), ("99003", "Example Shipping JSC")}
    assert entries["99003"].entity_type == "vessel"


def test_csv_missing_column_names_header_and_column(tmp_path: Path):
    lines = CSV_SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Group ID", "Group Ident")
    path = tmp_path / "ConList.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.where == "line 2 (header)" and error.value.field_name == "Group ID"


def test_csv_wrong_encoding_names_the_line(tmp_path: Path):
    text = CSV_SAMPLE.read_text(encoding="utf-8").replace("Иван Сергеевич ПЕТРОВ", "")
    path = tmp_path / "ConList.csv"
    path.write_bytes(text.replace("Perm", "Périgueux").encode("latin-1"))
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.where == "line 3" and error.value.field_name == "encoding"


def test_csv_row_without_group_id(tmp_path: Path):
    lines = CSV_SAMPLE.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].rstrip("0123456789")
    path = tmp_path / "ConList.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("line 5", "Group ID")


def test_truncated_workbook_is_refused(tmp_path: Path):
    path = write_truncated(tmp_path, XLSX, 1_000_000)
    assert not zipfile.is_zipfile(path)
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.file, error.value.field_name) == (str(path), "xlsx")
    assert "truncated" in error.value.problem


def test_entity_bomb_inside_the_workbook_is_refused(tmp_path: Path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(XLSX) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                bomb = BILLION_LAUGHS.format(root="worksheet", record="sheetData", attrs="")
                target.writestr(item.filename, bomb)
            else:
                target.writestr(item, source.read(item.filename))
    assert PARSER.detect(path)
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.field_name == "DOCTYPE"
