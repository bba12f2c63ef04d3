"""BODS 0.2 (GLEIF-derived), 0.3 (hand-written sample) and 0.4 (Open Ownership examples)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError, ParsedDate, ParsedIdentifier
from screener.lists.bods import PARSER
from tests.conftest import REPO, SHARED_DATA

EXAMPLES = SHARED_DATA / "bods-examples"
GLEIF_BODS = SHARED_DATA / "gleif-lei-level2-samples" / "bods-0.2-derived"
BODS_03 = REPO / "tests" / "fixtures" / "bods_0_3_sample.json"

# PROVENANCE.md: statements per file as entity/person/relationship.
STATEMENTS = {
    "fermcat.json": (3, 10, 10),
    "tecido.json": (2, 2, 7),
    "bods-package-fi-soe.json": (4, 0, 5),
    "multiple-indirect-ownership.json": (3, 1, 5),
    "mutilple-indirect-ownership-2.json": (3, 1, 5),
    "nomination.json": (2, 2, 4),
    "joint-ownership.json": (2, 2, 3),
    "levent.json": (1, 3, 3),
    "indirect-ownership.json": (2, 1, 3),
    "mixed-direct-and-indirect-ownership.json": (2, 1, 3),
}


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_counts_match_provenance(name: str):
    raw = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    by_type = Counter(s["recordType"] for s in raw)
    assert (by_type["entity"], by_type["person"], by_type["relationship"]) == STATEMENTS[name]
    parsed = PARSER.parse(EXAMPLES / name)
    records = {s["recordId"] for s in raw if s["recordType"] != "relationship"}
    closed = {s["recordId"] for s in raw if s["recordStatus"] == "closed"}
    assert {e.entry_key for e in parsed.entries} == records - closed


def test_all_example_files_total():
    raw = [s for f in sorted(EXAMPLES.glob("*.json")) for s in json.loads(f.read_text("utf-8"))]
    assert len(raw) == 119 and len(list(EXAMPLES.glob("*.json"))) == 19
    assert PARSER.detect(EXAMPLES)
    parsed = PARSER.parse(EXAMPLES)
    assert len(parsed.files) == 19
    assert {s["publicationDetails"]["bodsVersion"] for s in raw} == {"0.4"}
    assert Counter(e.entity_type for e in parsed.entries)["person"] > 0


def test_indirect_ownership_shares():
    parsed = PARSER.parse(EXAMPLES / "mutilple-indirect-ownership-2.json")
    shares = sorted(link.percentage for link in parsed.links if link.percentage is not None)
    assert {40.0, 20.0, 60.0} <= set(shares)


def test_share_range_with_exclusive_bound():
    parsed = PARSER.parse(EXAMPLES / "bods-package-entity-owning-entity.json")
    (link,) = parsed.links
    assert (link.subject_key, link.object_key) == ("12b7dd0770ce", "e83cce729ada")
    assert link.relation == "ownership"
    assert (link.percentage, link.percentage_min, link.percentage_max) == (None, 75.0, 100.0)
    assert "exclusiveMaximum 100" in link.source_text


def test_timeline_keeps_the_latest_statement_and_drops_closed_records():
    parsed = PARSER.parse(EXAMPLES / "tecido.json")
    assert {e.primary_name for e in parsed.entries} == {"Tecido Ltd", "Shear Trust"}  # Maria closed
    assert {(link.relation, link.percentage) for link in parsed.links} == {
        ("ownership", 80.0),
        ("voting", 80.0),
    }
    company = next(e for e in parsed.entries if e.primary_name == "Tecido Ltd")
    assert company.countries == ["US"]
    assert company.dates == [ParsedDate("incorporation", "2002-03-09")]
    assert company.identifiers[0].value == "758355"


def test_gleif_derived_bods_02():
    assert PARSER.detect(GLEIF_BODS)
    parsed = PARSER.parse(GLEIF_BODS)
    assert len(parsed.entries) == 5 and len(parsed.links) == 10
    assert parsed.source_name == "BODS: OpenOwnership Register"
    fund = next(e for e in parsed.entries if e.entry_key == "001GPB6A9XPE8XJICC14")  # keyed by LEI
    assert fund.primary_name == "Fidelity Advisor Leveraged Company Stock Fund"
    assert (
        ParsedIdentifier(
            "lei", "001GPB6A9XPE8XJICC14", None, "XI-LEI / Global Legal Entity Identifier Index"
        )
        in fund.identifiers
    )
    assert fund.countries == ["US"]
    assert fund.dates == [ParsedDate("incorporation", "2012-11-29")]
    assert fund.data["bods_version"] == "0.2"
    assert Counter(link.relation for link in parsed.links)["control"] == 9


def test_bods_03_sample_field_by_field():
    parsed = PARSER.parse(BODS_03)
    entries = {e.entry_key: e for e in parsed.entries}
    assert set(entries) == {
        "bods03-entity-0001-alpha",
        "529900T8BM49AURSDO55",
        "bods03-person-0003-gamma",
    }
    assert "Kestrel Holdings (old name)" not in {e.primary_name for e in parsed.entries}  # replaced
    person = entries["bods03-person-0003-gamma"]
    assert person.entity_type == "person" and person.primary_name == "Ana Petrova"
    assert [n.is_original_script for n in person.names] == [False, True]
    assert person.dates == [ParsedDate("birth", "1975-03")] and person.countries == ["BG"]
    links = {(link.subject_key, link.relation): link for link in parsed.links}
    ranged = links[("bods03-entity-0001-alpha", "ownership")]
    assert ranged.object_key == "529900T8BM49AURSDO55"  # the interested party, keyed by its LEI
    assert (ranged.percentage_min, ranged.percentage_max) == (50.0, 75.0)  # booleans are flags
    assert links[("529900T8BM49AURSDO55", "ownership")].percentage == 62.5
    assert links[("529900T8BM49AURSDO55", "former_ownership")].percentage == 80.0
    hidden = links[("bods03-entity-0001-alpha", "indirect_ownership")]
    assert hidden.object_key is None and hidden.object_name.startswith("unspecified")


def test_truncated_json_names_line(tmp_path: Path):
    path = tmp_path / "cut.json"
    path.write_bytes((EXAMPLES / "fermcat.json").read_bytes()[:5_000])
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.where.startswith("line ") and error.value.field_name == "json"


def test_statement_without_record_id(tmp_path: Path):
    raw = json.loads((EXAMPLES / "tecido.json").read_text(encoding="utf-8"))
    del raw[2]["recordId"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("statement #3", "recordId")


def test_share_that_is_not_a_number(tmp_path: Path):
    raw = json.loads((EXAMPLES / "indirect-ownership.json").read_text(encoding="utf-8"))
    relationship = next(
        s for s in raw if s["recordType"] == "relationship" and s["recordDetails"].get("interests")
    )
    relationship["recordDetails"]["interests"][0]["share"] = {"exact": "sixty"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.field_name == "share.exact" and error.value.where.startswith("statement #")


def test_wrong_encoding(tmp_path: Path):
    path = tmp_path / "latin.json"
    path.write_bytes(
        b'[{"statementID": "a", "statementType": "personStatement", "names": [{"fullName": "Jos\xe9"}]}]'
    )
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("line 1", "encoding")
