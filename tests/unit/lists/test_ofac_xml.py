"""OFAC's three XML editions: counts from PROVENANCE.md and one entry field by field."""

from __future__ import annotations

from collections import Counter

import pytest

from screener.lists.base import ParsedAddress, ParsedDate, ParsedIdentifier
from screener.lists.ofac_advanced_xml import PARSER as ADVANCED
from screener.lists.ofac_enhanced_xml import PARSER as ENHANCED
from screener.lists.ofac_sdnlist_xml import PARSER as SDNLIST
from tests.conftest import SHARED_DATA

CONS = SHARED_DATA / "ofac-consolidated-non-sdn"


@pytest.fixture(scope="module")
def enhanced():  # type: ignore[no-untyped-def]
    return ENHANCED.parse(CONS / "enhanced-xml_2025-01-10" / "CONS_ENHANCED.ZIP")


def test_enhanced_counts(enhanced) -> None:  # type: ignore[no-untyped-def]
    assert enhanced.publisher_date == "2025-01-10"
    assert len(enhanced.entries) == 443
    assert Counter(e.entity_type for e in enhanced.entries) == {"organization": 363, "person": 80}
    lists = Counter(name for e in enhanced.entries for name in e.data["lists"])
    assert lists["Consolidated List"] == 443
    assert lists["Sectoral Sanctions Identifications List"] == 286
    assert lists["Non-SDN CMIC List"] == 68
    assert Counter(e.list_name.split("; ")[0] for e in enhanced.entries)["NS-CMIC"] == 68
    assert Counter(link.relation for link in enhanced.links) == {
        "owned_or_controlled_by": 278,
        "owns_controls_or_operates": 4,
        "acting_for_or_on_behalf_of": 1,
    }
    keys = {e.entry_key for e in enhanced.entries}
    assert all(link.object_key for link in enhanced.links)
    assert sum(link.object_key in keys for link in enhanced.links) > 250


def test_enhanced_known_entry(enhanced) -> None:  # type: ignore[no-untyped-def]
    vtb = next(e for e in enhanced.entries if e.entry_key == "17013")
    assert vtb.primary_name == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    assert vtb.entity_type == "organization"
    assert vtb.list_name == "SSI; SDN"
    assert vtb.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    assert vtb.listed_on == "2014-07-29"
    cyrillic = [n for n in vtb.names if n.script == "cyrillic"]
    assert (
        cyrillic[0].name == "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО"
        and cyrillic[0].is_original_script
    )
    assert any(n.strength == "weak" for n in vtb.names)
    assert (
        ParsedIdentifier(
            "lei", "253400V1H6ART1UQ0N98", country="Russia", note="Legal Entity Number"
        )
        in vtb.identifiers
    )
    assert ParsedIdentifier("swift", "VTBRRUMM", note="SWIFT/BIC") in vtb.identifiers
    assert vtb.addresses[1] == ParsedAddress(
        "37 Plyushchikha ul., Moscow, 119121, Russia", city="Moscow", country="Russia"
    )
    assert vtb.dates == [ParsedDate("incorporation", "1990-10-17")]
    assert vtb.countries == ["RU", "IN", "CN"]


def test_advanced_counts_and_entry() -> None:
    parsed = ADVANCED.parse(CONS / "advanced-xml_2020-03-17")
    assert parsed.publisher_date == "2020-03-17"
    assert len(parsed.entries) == 375
    assert Counter(e.entity_type for e in parsed.entries) == {"organization": 293, "person": 82}
    assert Counter(link.relation for link in parsed.links) == {"owned_or_controlled_by": 276}
    lists = Counter(name for e in parsed.entries for name in e.data["lists"])
    assert lists == {
        "Consolidated List": 375,
        "Sectoral Sanctions Identifications List": 290,
        "Non-SDN Palestinian Legislative Council List": 78,
        "SDN List": 9,
        "FSE List": 6,
        "CAPTA List": 1,
    }
    haniya = next(e for e in parsed.entries if e.entry_key == "9639")
    assert haniya.primary_name == "HANIYA, Ismail Abdul Salah"
    assert [n.name for n in haniya.names if n.kind == "aka"] == [
        "HANIYA, Ismail",
        "HANIYYA, Ismaeel",
    ]
    assert haniya.dates == [ParsedDate("birth", "1962")]
    assert haniya.programs == ["NS-PLC"] and haniya.list_name == "NS-PLC"
    assert haniya.listed_on == "2006-04-12"
    assert haniya.data["places_of_birth"] == ["Shati"]


def test_classic_sdnlist_counts_and_entry() -> None:
    parsed = SDNLIST.parse(CONS / "sdnlist-xml_2018-04-06")
    assert parsed.publisher_date == "2018-04-06"
    assert len(parsed.entries) == 639  # Record_Count
    assert Counter(e.entity_type for e in parsed.entries) == {
        "organization": 471,
        "person": 94,
        "vessel": 74,
    }
    programs = Counter(p for e in parsed.entries for p in e.programs)
    assert (
        programs["UKRAINE-EO13662"] == 290 and programs["IRAN"] == 264 and programs["NS-PLC"] == 78
    )
    shona = next(e for e in parsed.entries if e.entry_key == "15036")
    assert shona.entity_type == "vessel" and shona.primary_name == "SHONA"
    assert [n.name for n in shona.names if n.kind == "fka"] == ["ABADAN", "ALPHA"]
    assert (
        ParsedIdentifier("imo", "9187629", note="Vessel Registration Identification")
        in shona.identifiers
    )
    assert shona.data["Vess_flag"] == "Tanzania"
    link = next(link for link in parsed.links if link.subject_key == "15036")
    assert link.object_name == "NATIONAL IRANIAN TANKER COMPANY" and link.object_key
