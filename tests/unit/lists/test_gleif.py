"""GLEIF LEI-CDF, RR-CDF (child -> parent) and reporting exceptions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET

from screener.lists.base import ListFormatError, ParsedDate, ParsedIdentifier
from screener.lists.gleif import NS_LEI, NS_RR, PARSER
from tests.conftest import SHARED_DATA
from tests.unit.lists.hostile import write_bomb, write_external_entity, write_truncated

GLEIF = SHARED_DATA / "gleif-lei-level2-samples"


def _raw_count(path: Path, tag: str) -> int:
    return sum(1 for e in SafeET.parse(path).getroot().iter() if e.tag.endswith("}" + tag))


def test_counts_match_provenance_and_the_raw_files():
    assert _raw_count(GLEIF / "lei-data.xml", "LEIRecord") == 13
    assert len(PARSER.parse(GLEIF / "lei-data.xml").entries) == 13
    rr = PARSER.parse(GLEIF / "rr-data.xml")
    assert _raw_count(GLEIF / "rr-data.xml", "RelationshipRecord") == len(rr.links) == 10
    assert Counter(link.relation for link in rr.links) == {
        "fund_managed_by": 5,
        "subfund_of": 3,
        "directly_consolidated_by": 1,
        "ultimately_consolidated_by": 1,
    }
    updates = PARSER.parse(GLEIF / "rr-updates-data2.xml")
    assert len(updates.links) == 11
    # PROVENANCE.md says 6 records with quantifiers (4 x 100.00); the file holds 5 (3 x 100.00).
    assert _raw_count(GLEIF / "rr-updates-data2.xml", "RelationshipQuantifier") == 5
    quantified = sorted(link.percentage for link in updates.links if link.percentage is not None)
    assert quantified == [1.0, 1.0, 100.0, 100.0, 100.0]
    repex = PARSER.parse(GLEIF / "repex-data.xml")
    reasons = Counter(link.source_text.split(": ")[1] for link in repex.links)
    assert reasons == {"NON_CONSOLIDATING": 6, "NO_KNOWN_PERSON": 3, "NON_PUBLIC": 1}


def test_relationships_point_from_child_to_parent():
    links = PARSER.parse(GLEIF / "rr-updates-data2.xml").links
    consolidated = [link for link in links if link.relation == "directly_consolidated_by"]
    for link in consolidated:
        assert link.source_text.startswith(
            f"{link.subject_key} IS_DIRECTLY_CONSOLIDATED_BY {link.object_key}"
        )
    small = [link for link in links if link.percentage == 1.0]
    assert {link.subject_key for link in small} == {"097900BJGO0000201513"}
    assert "ACCOUNTING_CONSOLIDATION 1.00 PERCENTAGE" in small[0].source_text


def test_known_entity_field_by_field():
    entry = next(
        e
        for e in PARSER.parse(GLEIF / "lei-data.xml").entries
        if e.entry_key == "001GPB6A9XPE8XJICC14"
    )
    assert entry.entity_type == "organization"
    assert entry.primary_name == "Fidelity Advisor Leveraged Company Stock Fund"
    assert [(n.name, n.kind) for n in entry.names[1:]] == [
        ("FIDELITY ADVISOR SERIES I - Fidelity Advisor Leveraged Company Stock Fund", "fka")
    ]
    assert entry.identifiers == [
        ParsedIdentifier("lei", "001GPB6A9XPE8XJICC14"),
        ParsedIdentifier("registration", "S000005113", note="RA000665"),
    ]
    assert entry.addresses[0].full == "245 SUMMER STREET, BOSTON, 02210, US"
    assert entry.dates == [ParsedDate("incorporation", "2012-11-29")]
    assert entry.countries == ["US"] and entry.list_name == "FUND"
    assert entry.data["entity_status"] == "ACTIVE" and entry.data["legal_jurisdiction"] == "US-MA"


def test_folder_merges_entities_relationships_and_exceptions():
    assert PARSER.detect(GLEIF)
    parsed = PARSER.parse(GLEIF)
    assert len(parsed.entries) == 13 and len(parsed.files) == 4
    assert parsed.publisher_date == "2023-11-06T09:29:01Z"  # the newest ContentDate
    fund = next(e for e in parsed.entries if e.entry_key == "001GPB6A9XPE8XJICC14")
    assert fund.data["reporting_exceptions"] == [
        {"category": "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT", "reason": "NO_KNOWN_PERSON"}
    ]
    on_entries = sum(len(e.data.get("reporting_exceptions", [])) for e in parsed.entries)
    orphans = [link for link in parsed.links if link.relation == "reporting_exception"]
    assert on_entries + len(orphans) == 10
    named = [link for link in parsed.links if link.object_name]
    assert all(link.object_key in {e.entry_key for e in parsed.entries} for link in named)


def test_inactive_entity_is_kept_with_its_status():
    statuses = Counter(
        e.data["entity_status"] for e in PARSER.parse(GLEIF / "lei-data.xml").entries
    )
    assert statuses["INACTIVE"] == 1


@pytest.mark.parametrize("writer", [write_bomb, write_external_entity])
def test_entity_bomb_and_external_entity_are_refused(tmp_path: Path, writer):
    path = writer(tmp_path, "lei:LEIData", "lei:LEIRecord", f' xmlns:lei="{NS_LEI}"')
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.field_name == "DOCTYPE"


def test_truncated_file_names_the_line(tmp_path: Path):
    path = write_truncated(tmp_path, GLEIF / "rr-data.xml", 6_000)
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.where.startswith("line ") and "truncated" in error.value.problem


def test_relationship_without_parent_names_record_and_field(tmp_path: Path):
    text = (GLEIF / "rr-data.xml").read_text(encoding="utf-8")
    start = text.index("<rr:EndNode>")
    end = text.index("</rr:EndNode>") + len("</rr:EndNode>")
    path = tmp_path / "rr.xml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == (
        "element <RelationshipRecord> #1",
        "EndNode/NodeID",
    )


def test_bad_lei_is_refused(tmp_path: Path):
    text = (
        (GLEIF / "lei-data.xml")
        .read_text(encoding="utf-8")
        .replace("<lei:LEI>001GPB6A9XPE8XJICC14</lei:LEI>", "<lei:LEI>001GPB</lei:LEI>")
    )
    path = tmp_path / "lei.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("element <LEIRecord> #1", "LEI")
    assert NS_RR not in path.read_text()
