"""UN Security Council consolidated XML: counts, one entry in full, hostile input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET

from screener.lists.base import ListFormatError, ParsedDate, ParsedIdentifier
from screener.lists.un import PARSER
from tests.conftest import SHARED_DATA
from tests.unit.lists.hostile import (
    write_bomb,
    write_external_entity,
    write_latin1,
    write_truncated,
)

UN_FILE = SHARED_DATA / "un-consolidated" / "UN_consolidated.xml"


@pytest.fixture(scope="module")
def parsed():
    return PARSER.parse(UN_FILE)


@pytest.fixture(scope="module")
def by_key(parsed):
    return {e.entry_key: e for e in parsed.entries}


def test_detects_the_un_file_and_not_others():
    assert PARSER.detect(UN_FILE)
    assert not PARSER.detect(SHARED_DATA / "gleif-lei-level2-samples" / "lei-data.xml")


def test_counts_match_provenance_and_the_raw_file(parsed):
    raw = SafeET.parse(UN_FILE).getroot()
    raw_individuals = len(raw.findall("INDIVIDUALS/INDIVIDUAL"))
    raw_entities = len(raw.findall("ENTITIES/ENTITY"))
    types = Counter(e.entity_type for e in parsed.entries)
    assert (types["person"], types["organization"]) == (730, 273)
    assert (raw_individuals, raw_entities) == (730, 273)
    assert len({e.entry_key for e in parsed.entries}) == 1003


def test_programmes_by_committee(parsed):
    people = Counter(e.programs[0] for e in parsed.entries if e.entity_type == "person")
    entities = Counter(e.programs[0] for e in parsed.entries if e.entity_type == "organization")
    assert people["Al-Qaida"] == 252 and people["Taliban"] == 135 and people["DPRK"] == 80
    assert entities["Al-Qaida"] == 89 and entities["Iran"] == 78 and entities["DPRK"] == 75


def test_both_alias_vocabularies_are_read(parsed):
    kinds = Counter(
        (e.entity_type, n.kind, n.strength)
        for e in parsed.entries
        for n in e.names
        if n.kind != "primary" and not n.is_original_script
    )
    # Counted per spelling: a field holding several spellings joined by ';' gives each.
    assert kinds[("person", "aka", "strong")] == 1574  # Good
    assert kinds[("person", "aka", "weak")] == 619  # Low
    assert kinds[("organization", "aka", "strong")] == 612  # a.k.a.
    assert kinds[("organization", "fka", "strong")] == 19  # f.k.a.


def test_spellings_joined_by_semicolons_are_separate_names(parsed, by_key):
    assert not [n.name for e in parsed.entries for n in e.names if ";" in n.name]
    rahiqi = next(e for e in parsed.entries if e.primary_name == "JAVAD RAHIQI")
    assert [(n.name, n.kind, n.strength) for n in rahiqi.names[1:4]] == [
        ("Javad Rahigi", "aka", "strong"),
        ("Jawad Rahigi", "aka", "strong"),
        ("Jawad Rahiqi", "aka", "strong"),
    ]
    cagl = next(e for e in parsed.entries if "(CAGL)" in e.primary_name)
    assert cagl.primary_name == "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)"
    assert ("GREAT LAKES BUSINESS COMPANY (GLBC)", "aka") in [(n.name, n.kind) for n in cagl.names]
    # '&' joins words of one name, never two names
    assert any(e.primary_name == "CHANG AN SHIPPING & TECHNOLOGY" for e in parsed.entries)


def test_birth_date_forms_are_kept_as_published(parsed, by_key):
    values = [d.value for e in parsed.entries for d in e.dates]
    assert len(values) == 919 - 56  # DOB elements minus those with only a note or nothing
    assert sum("/" in v for v in values) == 31  # BETWEEN as from/to ranges
    raw = SafeET.parse(UN_FILE).getroot()
    approximate_with_value = [
        d
        for d in raw.iter("INDIVIDUAL_DATE_OF_BIRTH")
        if d.findtext("TYPE_OF_DATE") == "APPROXIMATELY"
        and (d.findtext("DATE") or d.findtext("YEAR"))
    ]
    assert sum(v.endswith("~") for v in values) == len(approximate_with_value) == 116
    assert by_key["CDi.030"].dates == [ParsedDate("birth", "1973/1974")]


def test_publisher_date_is_date_generated(parsed):
    assert parsed.publisher_date == "2026-02-27T00:00:09.554Z"
    assert parsed.regime == "un" and parsed.source_name == "UN-SC"


def test_known_individual_field_by_field(by_key):
    entry = by_key["CDi.001"]
    assert entry.entity_type == "person"
    assert entry.primary_name == "ERIC BADEGE"
    assert [n.name for n in entry.names] == [
        "ERIC BADEGE"
    ]  # the empty alias placeholder is skipped
    assert entry.programs == ["DRC"] and entry.list_name == "DRC"
    assert entry.listed_on == "2012-12-31"
    assert entry.dates == [ParsedDate("birth", "1971")]
    assert entry.countries == ["CD", "RW"]  # nationality, then the address country
    assert entry.addresses[0].full == "Rwanda (as of early 2016)"
    assert entry.addresses[0].country == "RW"
    assert entry.remarks.startswith("He fled to Rwanda in March 2013")
    assert entry.data["gender"] == "Male"
    assert entry.data["nationalities"] == ["Democratic Republic of the Congo"]
    assert entry.data["last_updated"] == ["2016-10-13"]


def test_documents_and_original_script(by_key):
    saddam = by_key["IQi.001"]
    original = [n for n in saddam.names if n.is_original_script]
    assert [(n.name, n.script) for n in original] == [("صدام حسين التكريتي", "arabic")]
    identifiers = [i for e in by_key.values() for i in e.identifiers]
    assert len(identifiers) == 454
    assert ParsedIdentifier("passport", "OB 0243318", "CD", "Passport") in [
        i for e in by_key.values() for i in e.identifiers if i.value == "OB 0243318"
    ]


def test_entity_aliases_keep_fka(by_key):
    adf = by_key["CDe.001"]
    assert adf.entity_type == "organization" and adf.primary_name == "ADF"
    assert ("Allied Democratic Forces", "aka") in [(n.name, n.kind) for n in adf.names]
    assert ("NALU", "fka") in [(n.name, n.kind) for n in adf.names]
    assert adf.addresses[0].full == "North Kivu, Democratic Republic of the Congo"


def test_truncated_file_names_the_line(tmp_path: Path):
    path = write_truncated(tmp_path, UN_FILE, 50_000)
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.file == str(path)
    assert error.value.where.startswith("line ")
    assert "truncated" in error.value.problem


def test_wrong_encoding_is_refused(tmp_path: Path):
    text = UN_FILE.read_text(encoding="utf-8")[:3000]
    text = text[: text.index("</INDIVIDUAL>") + 13] + "</INDIVIDUALS></CONSOLIDATED_LIST>"
    path = write_latin1(tmp_path, text.replace("ERIC", "ÉRIC"), "latin1.xml")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert "line 7" in error.value.where


@pytest.mark.parametrize("writer", [write_bomb, write_external_entity])
def test_entity_bomb_and_external_entity_are_refused(tmp_path: Path, writer):
    path = writer(tmp_path, "CONSOLIDATED_LIST", "INDIVIDUAL")
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.field_name == "DOCTYPE"
    assert "refused" in error.value.problem


def test_missing_reference_number_names_element_and_field(tmp_path: Path):
    path = tmp_path / "no-ref.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>"
        "<INDIVIDUAL><FIRST_NAME>B</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    text = path.read_text().replace(
        "<FIRST_NAME>A</FIRST_NAME>",
        "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER>",
    )
    path.write_text(text)
    with pytest.raises(ListFormatError) as error:
        PARSER.parse(path)
    assert error.value.where == "element <INDIVIDUAL> #2"
    assert error.value.field_name == "REFERENCE_NUMBER"
