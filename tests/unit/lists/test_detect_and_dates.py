"""Format detection from content, with an override; date normalisation without invention."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.lists.base import ListFormatError
from screener.lists.dates import normalise_date
from screener.lists.detect import REGISTRY, parser_for
from screener.lists.ofac_remarks import parse_identifier, parse_remarks
from tests.conftest import SHARED_DATA


@pytest.mark.parametrize(
    ("relative", "format_name"),
    [
        ("ofac-sdn-legacy-csv/2021-07-07_complete-set", "ofac-csv"),
        ("ofac-sdn-legacy-csv/2024-05-03_sdn-only/sdn.csv", "ofac-csv"),
        ("ofac-consolidated-non-sdn/csv_2025-12-19", "ofac-csv"),
        ("ofac-consolidated-non-sdn/sdnlist-xml_2018-04-06", "ofac-sdnlist-xml"),
        ("ofac-consolidated-non-sdn/advanced-xml_2020-03-17", "ofac-advanced-xml"),
        (
            "ofac-consolidated-non-sdn/enhanced-xml_2025-01-10/CONS_ENHANCED.ZIP",
            "ofac-enhanced-xml",
        ),
        ("us-trade-csl", "us-csl"),
        ("us-bis-denied-persons/dpl.txt", "bis-dpl"),
        ("us-dod-1260h", "us-restricted-csv"),
        ("us-other-restricted-lists-opensanctions", "us-restricted-csv"),
    ],
)
def test_detects_format_from_content(relative: str, format_name: str) -> None:
    assert parser_for(SHARED_DATA / relative).format_name == format_name


def test_detection_ignores_file_names(tmp_path: Path) -> None:
    disguised = tmp_path / "list.dat"
    disguised.write_bytes((SHARED_DATA / "us-bis-denied-persons" / "dpl.txt").read_bytes())
    assert parser_for(disguised).format_name == "bis-dpl"


def test_override_and_unknown(tmp_path: Path) -> None:
    path = SHARED_DATA / "us-trade-csl" / "consolidated.csv"
    assert parser_for(path, "us-csl").format_name == "us-csl"
    with pytest.raises(ListFormatError) as caught:
        parser_for(path, "no-such-format")
    assert caught.value.field_name == "format" and "ofac-csv" in caught.value.problem
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n", "utf-8")
    with pytest.raises(ListFormatError):
        parser_for(junk)


def test_registry_entries_are_module_colon_attribute() -> None:
    assert all(spec.startswith("screener.lists.") and ":" in spec for spec in REGISTRY)


@pytest.mark.parametrize(
    ("published", "iso"),
    [
        ("31 Aug 1960", "1960-08-31"),
        ("Aug 1960", "1960-08"),
        ("1960", "1960"),
        ("circa 1960", "1960~"),
        ("1960 to 1962", "1960/1962"),
        ("01 Jan 1960 to 31 Dec 1962", "1960-01-01/1962-12-31"),
        ("08/24/2022", "2022-08-24"),
        ("October 1, 2027", "2027-10-01"),
        ("2021-06", "2021-06"),
        ("unknown", "unknown"),
    ],
)
def test_dates_keep_their_precision(published: str, iso: str) -> None:
    assert normalise_date(published) == iso


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Passport A1234567 (Egypt) issued 01 Jan 2010", ("passport", "A1234567", "Egypt")),
        ("Vessel Registration Identification IMO 9187629", ("imo", "9187629", None)),
        (
            "Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)",
            ("lei", "253400V1H6ART1UQ0N98", "Russia"),
        ),
        ("Registration Number 1027700132195 (Russia)", ("registration", "1027700132195", "Russia")),
        ("alt. Tax ID No. 7744001497 (Russia)", ("tax_id", "7744001497", "Russia")),
        ("Identification Number IMO 5803512", ("imo_company", "5803512", None)),
        (
            "Digital Currency Address - XBT 1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V",
            ("crypto", "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V", None),
        ),
        ("Secretary General of Hizballah", None),
    ],
)
def test_identifiers_in_remarks(item: str, expected: tuple[str, str, str | None] | None) -> None:
    facts = parse_remarks(item)
    found = facts.identifiers[0] if facts.identifiers else parse_identifier(item)
    assert (None if found is None else (found.id_type, found.value, found.country)) == expected


def test_ownership_phrases_in_remarks() -> None:
    facts = parse_remarks(
        "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: "
        "North Korea Sanctions Regulations section 510.214; Owned or Controlled By: ACME HOLDING LTD.; "
        "Linked To: HAMAS."
    )
    assert facts.links == [
        (
            "owned_or_controlled_by",
            "ACME HOLDING LTD.",
            "Owned or Controlled By: ACME HOLDING LTD.",
        ),
        ("linked_to", "HAMAS", "Linked To: HAMAS"),
    ]


def test_fast_entry_hash_equals_content_hash() -> None:
    from screener.lists.load import entry_hash
    from screener.lists.ofac_enhanced_xml import PARSER as ENHANCED

    parsed = ENHANCED.parse(SHARED_DATA / "ofac-consolidated-non-sdn" / "enhanced-xml_2025-01-10")
    assert all(entry_hash(e) == e.content_hash() for e in parsed.entries)


def test_a_folder_of_sets_is_named_as_such() -> None:
    with pytest.raises(ListFormatError) as caught:
        parser_for(SHARED_DATA / "ofac-sdn-legacy-csv")
    assert (
        "2021-07-07_complete-set" in caught.value.problem and "import each" in caught.value.problem
    )
