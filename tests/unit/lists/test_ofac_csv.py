"""OFAC legacy CSV sets: counts from PROVENANCE.md, one entry field by field, the quirks."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError, ParsedAddress, ParsedIdentifier, ParsedName
from screener.lists.ofac_csv import PARSER
from tests.conftest import SHARED_DATA

LEGACY = SHARED_DATA / "ofac-sdn-legacy-csv"
SET_2021 = LEGACY / "2021-07-07_complete-set"
SDN_2024 = LEGACY / "2024-05-03_sdn-only" / "sdn.csv"
CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"


@pytest.fixture(scope="module")
def set_2021():  # type: ignore[no-untyped-def]
    return PARSER.parse(SET_2021)


@pytest.fixture(scope="module")
def sdn_2024():  # type: ignore[no-untyped-def]
    return PARSER.parse(SDN_2024)


def test_2021_counts_match_provenance(set_2021) -> None:  # type: ignore[no-untyped-def]
    assert len(set_2021.entries) == 8976
    assert Counter(e.entity_type for e in set_2021.entries) == {
        "person": 4620,
        "organization": 3673,
        "vessel": 406,
        "aircraft": 277,
    }
    strong = Counter(
        n.kind
        for e in set_2021.entries
        for n in e.names
        if n.strength == "strong" and n.kind != "primary"
    )
    assert strong == {"aka": 11523, "fka": 369, "nka": 18}  # alt.csv: 11,910 rows
    assert {p.name for p in set_2021.files} == {"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}
    assert set_2021.source_name == "OFAC-SDN" and set_2021.publisher_date is None


def test_2021_addresses_are_every_non_empty_add_row(set_2021) -> None:  # type: ignore[no-untyped-def]
    # add.csv: 13,837 rows; rows whose address, city and country are all '-0- ' carry no address
    empty_rows = sum(
        1
        for line in (SET_2021 / "add.csv").read_text("ascii").splitlines()
        if line.strip("\x1a") and line.split(",")[2:5] == ["-0- ", "-0- ", "-0- "]
    )
    assert sum(len(e.addresses) for e in set_2021.entries) == 13837 - empty_rows


def test_2024_counts_match_provenance(sdn_2024) -> None:  # type: ignore[no-untyped-def]
    assert len(sdn_2024.entries) == 14965
    assert Counter(e.entity_type for e in sdn_2024.entries) == {
        "person": 6854,
        "organization": 6884,
        "vessel": 851,
        "aircraft": 376,
    }
    assert max(int(e.entry_key) for e in sdn_2024.entries) == 48907
    assert len({p for e in sdn_2024.entries for p in e.programs}) == 75
    assert sum(1 for e in sdn_2024.entries if "Linked To:" in e.remarks) == 5824
    assert {link.relation for link in sdn_2024.links} == {"linked_to"}


def test_known_entry_field_by_field(set_2021) -> None:  # type: ignore[no-untyped-def]
    entry = next(e for e in set_2021.entries if e.entry_key == "306")
    assert entry.primary_name == "BANCO NACIONAL DE CUBA"
    assert entry.entity_type == "organization"  # SDN_Type '-0- '
    assert entry.list_name == "SDN"
    assert entry.programs == ["CUBA"]
    assert entry.remarks == "a.k.a. 'BNC'."
    assert entry.names == [
        ParsedName("BANCO NACIONAL DE CUBA", kind="primary", script="latin"),
        ParsedName("BNC", kind="aka", strength="weak", script="latin"),  # Remarks: a weak alias
        ParsedName(
            "NATIONAL BANK OF CUBA", kind="aka", strength="strong", script="latin"
        ),  # alt.csv
    ]
    assert entry.addresses[0] == ParsedAddress(
        "Zweierstrasse 35, Zurich CH-8022, Switzerland",
        city="Zurich CH-8022",
        country="Switzerland",
    )
    assert len(entry.addresses) == 4
    assert entry.countries == ["CH", "ES", "JP", "PA"]  # ISO codes; the text stays in addresses
    assert entry.identifiers == [] and entry.dates == [] and entry.data == {}


def test_person_remarks_become_dates_identifiers_and_links(sdn_2024) -> None:  # type: ignore[no-untyped-def]
    entry = next(e for e in sdn_2024.entries if e.entry_key == "2686")
    assert entry.primary_name == "NASRALLAH, Hasan" and entry.entity_type == "person"
    assert entry.programs == ["SDGT", "SYRIA"]
    assert [d.value for d in entry.dates] == [
        "1960-08-31",
        "1953-08-31",
        "1955-08-31",
        "1958-08-31",
    ]
    assert entry.identifiers == [
        ParsedIdentifier("passport", "042833", country="Lebanon", note="Passport")
    ]
    assert entry.data["places_of_birth"] == ["Al Basuriyah, Lebanon"]
    assert entry.data["gender"] == ["Male"]
    assert entry.data["Title"] == "Secretary General of Hizballah"
    link = next(link for link in sdn_2024.links if link.subject_key == "2686")
    hizballah = next(e for e in sdn_2024.entries if e.primary_name == "HIZBALLAH")
    assert (link.relation, link.object_name, link.object_key) == (
        "linked_to",
        "HIZBALLAH",
        hizballah.entry_key,
    )


def test_vessel_imo_and_flag(sdn_2024) -> None:  # type: ignore[no-untyped-def]
    entry = next(e for e in sdn_2024.entries if e.entry_key == "4243")
    assert entry.entity_type == "vessel" and entry.primary_name == "EBANO"
    assert (
        ParsedIdentifier("imo", "7406784", note="Vessel Registration Identification")
        in entry.identifiers
    )
    assert [n.name for n in entry.names if n.kind == "fka"] == ["ANA I", "SAND SWAN"]
    assert entry.data["Vess_type"] == "General Cargo" and entry.countries == ["PA"]


def test_remarks_continue_in_comments_file_without_separator(set_2021) -> None:  # type: ignore[no-untyped-def]
    entry = next(e for e in set_2021.entries if e.entry_key == "12300")
    assert "PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL" in entry.remarks
    assert entry.remarks.endswith("Linked To: R D I S.A.")
    linked = [link.object_name for link in set_2021.links if link.subject_key == "12300"]
    assert "R D I S.A." in linked and "CUBICAFE S.A.S." in linked


def test_empty_marker_and_ctrl_z_trailer(sdn_2024) -> None:  # type: ignore[no-untyped-def]
    assert SDN_2024.read_bytes().endswith(b"\x1a")
    assert all(e.primary_name and "-0-" not in e.primary_name for e in sdn_2024.entries)
    assert not any(v == "-0-" for e in sdn_2024.entries for v in e.data.values())
    assert sdn_2024.entries[-1].entry_key != ""  # no bogus row from the 0x1A byte


def test_consolidated_non_sdn_set() -> None:
    parsed = PARSER.parse(CONS)
    assert parsed.source_name == "OFAC-CONSOLIDATED"
    assert len(parsed.entries) == 442
    assert Counter(e.entity_type for e in parsed.entries) == {"person": 79, "organization": 363}
    assert Counter(e.list_name for e in parsed.entries)["NS-CMIC"] == 68
    assert (
        sum(len(e.names) - 1 - sum(n.strength == "weak" for n in e.names) for e in parsed.entries)
        == 1073
    )


def test_partial_set_without_sdn_csv_is_refused_by_name() -> None:
    with pytest.raises(ListFormatError) as caught:
        PARSER.parse(LEGACY / "2025-12_partial-no-sdn")
    assert caught.value.field_name == "sdn.csv"
    assert "add.csv" in str(caught.value)


def test_renamed_file_is_recognised_by_content(tmp_path: Path) -> None:
    renamed = tmp_path / "download (3).txt"
    renamed.write_bytes(SDN_2024.read_bytes())
    assert PARSER.detect(renamed)
    assert (
        hashlib.sha256(renamed.read_bytes()).hexdigest()
        == hashlib.sha256(SDN_2024.read_bytes()).hexdigest()
    )


def test_partial_2025_files_read_with_provenance_counts() -> None:
    """The add/alt/comments files of the partial set read cleanly even though they cannot be
    imported on their own (their sdn.csv is missing)."""
    from screener.lists.ofac_csv import cell, read_rows

    partial = LEGACY / "2025-12_partial-no-sdn"
    add_rows = read_rows(partial / "add.csv", "add")
    assert len(add_rows) == 24244
    assert len({row[0] for _n, row in add_rows}) == 18494
    alt_rows = read_rows(partial / "alt.csv", "alt")
    assert Counter(cell(row[2]) for _n, row in alt_rows) == {"aka": 19551, "fka": 539, "nka": 17}
    assert len(read_rows(partial / "sdn_comments.csv", "comments")) == 28


def test_linked_to_names_resolve_to_entries(set_2021) -> None:  # type: ignore[no-untyped-def]
    keys = {e.entry_key for e in set_2021.entries}
    resolved = [link for link in set_2021.links if link.object_key]
    assert all(link.object_key in keys for link in resolved)
    assert len(resolved) / len(set_2021.links) > 0.99  # by primary name or a strong alias
