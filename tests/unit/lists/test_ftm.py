"""OpenSanctions FollowTheMoney JSON lines: entities, ownership with percentages, bad lines."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from screener.lists.base import TYPE_NOT_STATED, ListFormatError, ParsedDate
from screener.lists.ftm import PARSER
from tests.conftest import SHARED_DATA

FTM_DIR = SHARED_DATA / "opensanctions-ftm"
ZALA = FTM_DIR / "zala_entities.ftm.json"
T1 = FTM_DIR / "t1_entities.ftm.json"
ZAKHAROV = "NK-aU5ybkbRFJucf8YMwsJvDw"
LLC_CST = "NK-abdzbEBkqyT29GyREbiURZ"


@pytest.fixture(scope="module")
def zala():
    return PARSER.parse(ZALA)


def _raw(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_counts_match_provenance(zala):
    raw = _raw(ZALA)
    assert len(raw) == 91
    schemas = Counter(e["schema"] for e in raw)
    assert schemas["Company"] == 11 and schemas["Person"] == 6 and schemas["Ownership"] == 14
    assert len(zala.entries) == 17  # every Person and Company
    assert Counter(e.data["target"] for e in zala.entries) == {True: 14, False: 3}
    ownership = [link for link in zala.links if link.relation.endswith("ownership")]
    assert len(ownership) == 14
    assert sum(link.percentage is not None for link in ownership) == 10
    assert len(PARSER.parse(T1).entries) == 6  # 4 Person + 2 Organization (1 Address)


def test_non_targets_are_kept_apart(zala):
    related = [e for e in zala.entries if not e.data["target"]]
    assert {e.list_name for e in related} == {"related (not listed)"}
    assert all(e.programs == [] for e in related)
    assert all(e.data["datasets"] == ["ext_ru_egrul"] for e in related)


def test_known_ownership_edges(zala):
    into_cst = {
        (link.object_name, link.percentage, link.relation)
        for link in zala.links
        if link.subject_key == LLC_CST and "ownership" in link.relation
    }
    assert ("JSC Kalashnikov Concern", 49.0, "ownership") in into_cst
    assert ("Alexander Vyacheslavovich ZAKHAROV", 51.0, "ownership") in into_cst
    assert ("Alexander Vyacheslavovich ZAKHAROV", 50.0, "former_ownership") in into_cst
    assert ("Alexander Vyacheslavovich ZAKHAROV", 48.0, "former_ownership") in into_cst
    assert ("JSC Kalashnikov Concern", None, "ownership") in into_cst  # role 'subsidiary of'
    current = [
        link
        for link in zala.links
        if link.subject_key == LLC_CST and link.relation == "ownership" and link.percentage
    ]
    assert sum(link.percentage for link in current) == 100.0
    assert all(link.object_key for link in zala.links)


def test_directorship_and_family_links(zala):
    relations = Counter(link.relation for link in zala.links)
    assert relations["control"] == 3 and relations["linked_to"] == 4
    leader = next(
        link
        for link in zala.links
        if link.relation == "control"
        and link.subject_key == LLC_CST
        and link.object_key == ZAKHAROV
    )
    assert "Leader or official of" in leader.source_text


def test_known_person_field_by_field(zala):
    entry = next(e for e in zala.entries if e.entry_key == ZAKHAROV)
    assert entry.entity_type == "person"
    assert entry.primary_name == "Alexander Vyacheslavovich ZAKHAROV"
    assert entry.list_name == "sanctioned" and entry.data["target"] is True
    assert entry.dates == [ParsedDate("birth", "1965-09-21")]
    assert entry.countries == ["RU"]
    assert "EU-UKR" in entry.programs and "GB-RUS" in entry.programs
    assert ("tax_id", "183111242406") in [(i.id_type, i.value) for i in entry.identifiers]
    cyrillic = [n for n in entry.names if n.is_original_script]
    assert "Александр Вячеславович Захаров" in [n.name for n in cyrillic]
    assert entry.addresses[0].city == "Izhevsk" and entry.addresses[0].country == "RU"
    authorities = {s["authority"] for s in entry.data["sanctions"]}
    assert len(entry.data["sanctions"]) == 13
    assert {"Office of Foreign Assets Control", "Council of the European Union"} <= authorities


def test_folder_holds_both_files():
    assert PARSER.detect(FTM_DIR)
    parsed = PARSER.parse(FTM_DIR)
    assert len(parsed.entries) == 17 + 6 and len(parsed.files) == 2


def test_bad_json_line_is_named(tmp_path: Path):
    lines = ZALA.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4][:50]
    path = tmp_path / "bad.ftm.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("line 5", "json")


def test_percentage_that_is_not_a_number(tmp_path: Path):
    text = ZALA.read_text(encoding="utf-8").replace(
        '"percentage": ["49"]', '"percentage": ["forty"]'
    )
    path = tmp_path / "bad.ftm.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.field_name == "percentage" and error.value.where.startswith("line ")


def test_missing_schema_and_wrong_encoding(tmp_path: Path):
    path = tmp_path / "bad.ftm.json"
    path.write_text('{"id": "x", "properties": {}}\n', encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("line 1", "schema")
    path.write_bytes(b'{"id": "x", "schema": "Person", "properties": {"name": ["Jos\xe9"]}}\n')
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert (error.value.where, error.value.field_name) == ("line 1", "encoding")


def test_a_programme_given_only_as_a_paragraph_is_no_programme_tag(zala):
    """Japan's MOF gives its notice's wording, no programme id: it stays with the sanction."""
    entry = next(e for e in zala.entries if e.entry_key == "NK-abdzbEBkqyT29GyREbiURZ")
    assert "US-BIS-EL" in entry.programs and "GB-RUS" in entry.programs
    assert all(len(tag) <= 60 for tag in entry.programs), entry.programs
    worded = [s["program"] for s in entry.data["sanctions"] if "資産凍結" in s["program"]]
    assert worded and len(worded[0]) > 60  # kept in full with the sanction



def test_a_legal_entity_has_no_type(tmp_path: Path):
    # FtM's LegalEntity is "a person or an organisation, not said": typing it an organisation
    # kept every person's query from it
    lines = ZALA.read_text(encoding="utf-8").splitlines()
    number, line = next((n, x) for n, x in enumerate(lines) if '"schema": "Company"' in x)
    lines[number] = line.replace('"schema": "Company"', '"schema": "LegalEntity"')
    path = tmp_path / "legal-entity.ftm.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    entity_id = json.loads(line)["id"]
    parsed = PARSER.parse(path)
    (entry,) = [e for e in parsed.entries if e.entry_key == entity_id]
    assert entry.entity_type == TYPE_NOT_STATED and entry.data["schema"] == "LegalEntity"
