"""EU: the OJ-annex transcription (real data) and the FSF XML format (hand-written sample)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError, ParsedDate, ParsedIdentifier, ParsedName
from screener.lists.eu import PARSER as OJ
from screener.lists.eu_fsf import PARSER as FSF
from tests.conftest import REPO, SHARED_DATA
from tests.unit.lists.hostile import write_bomb, write_external_entity, write_truncated

EU_DIR = SHARED_DATA / "eu-oj-annexes-opensanctions-transcription"
FSF_SAMPLE = REPO / "tests" / "fixtures" / "eu_fsf_sample.xml"
FSF_ROOT = ' xmlns="http://eu.europa.eu/fpi/fsd/export"'


@pytest.fixture(scope="module")
def parsed():
    return OJ.parse(EU_DIR)


def _raw_rows(name: str) -> list[dict[str, str]]:
    with (EU_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_counts_match_provenance_and_the_raw_files(parsed):
    by_celex = Counter(e.data["celex"] for e in parsed.entries)
    assert by_celex == {"32014R0269": 2_802, "32014R0833": 1_746}
    assert len(_raw_rows("32014R0269.csv")) == 2_802 and len(_raw_rows("32014R0833.csv")) == 1_746
    schemas = Counter(e.data["schema"] for e in parsed.entries)
    assert schemas["Person"] == 1_984 and schemas["Vessel"] == 633 and schemas["Asset"] == 28
    assert schemas["LegalEntity"] == 622 + 1_085 and schemas["Company"] == 196
    types = Counter(e.entity_type for e in parsed.entries)
    assert types == {"person": 1_984, "organization": 1_931, "vessel": 633}


def test_keys_are_unique_and_stable(parsed):
    keys = [e.entry_key for e in parsed.entries]
    assert len(set(keys)) == len(keys) == 4_548
    assert "32014R0269/I.PERSONS/1" in keys and "32014R0833/XLII/1" in keys
    assert "32014R0833/V/name:OPK OBORONPROM" in keys  # a row without a recordId


def test_known_person_field_by_field(parsed):
    entry = next(e for e in parsed.entries if e.entry_key == "32014R0269/I.PERSONS/1")
    assert entry.entity_type == "person"
    assert entry.primary_name == "Sergey Valeryevich AKSYONOV"
    assert entry.names[1:] == [
        ParsedName("Sergei Valerievich AKSENOV", "aka", "strong", "latin"),
        ParsedName("Сергей Валерьевич АКСЁНОВ", "aka", "strong", "cyrillic", True),
        ParsedName("Serhiy Valeriyovych AKSYONOV", "aka", "strong", "latin"),
        ParsedName("Сергiй Валерiйович АКСЬОНОВ", "aka", "strong", "cyrillic", True),
    ]
    assert entry.dates == [ParsedDate("birth", "1972-11-26")]
    assert entry.listed_on == "2014-03-17"
    assert entry.programs == ["EU-UKR"]
    assert entry.list_name == "32014R0269 Annex I.PERSONS"
    assert entry.data["measure"] == "Asset freeze" and entry.data["gender"] == "male"
    assert entry.data["birthPlace"].startswith("Beltsy")
    assert entry.remarks.startswith("Sergey Aksyonov was elected")


def test_the_transcriptions_labels_are_no_names(parsed):
    # "Korean:; Text of image; 차용범": the Journal prints the name as an image
    names = [n.name for e in parsed.entries for n in e.names]
    assert not [n for n in names if n.casefold() == "text of image" or n.endswith(":")]
    cha = next(e for e in parsed.entries if e.primary_name == "CHA Yong Beom")
    assert [(n.name, n.script, n.is_original_script) for n in cha.names] == [
        ("CHA Yong Beom", "latin", False),
        ("CHA Yong-bom", "latin", False),
        ("CHA Yong-pom", "latin", False),
        ("차용범", "hangul", True),
    ]
    anisimov = next(e for e in parsed.entries if e.primary_name == "Nikita Yurievich ANISIMOV")
    assert "Никита Юрьевич АНИСИМОВ" in [n.name for n in anisimov.names]
    aee = next(e for e in parsed.entries if e.primary_name == "Sichuan AEE")
    assert "AEE" in [n.name for n in aee.names]
    # a language's name before Latin letters is the name's own word
    assert "Russian Technologies" in names and "Russian Security Systems" in names


def test_vessel_with_imo(parsed):
    vessel = next(e for e in parsed.entries if e.entry_key == "32014R0833/XLII/1")
    assert (vessel.entity_type, vessel.primary_name) == ("vessel", "Angara")
    assert vessel.identifiers == [ParsedIdentifier("imo", "9179842")]
    assert vessel.listed_on == "2024-06-25"


def test_alternative_birth_dates_are_all_kept(parsed):
    entry = next(e for e in parsed.entries if any(d.value == "1970-01-18" for d in e.dates))
    assert [d.value for d in entry.dates] == ["1970-01-18", "1965-03-29"]


def test_missing_column_is_named(tmp_path: Path):
    text = (EU_DIR / "32014R0833.csv").read_text(encoding="utf-8")
    path = tmp_path / "annex.csv"
    path.write_text(text.replace("schema,", "kind,", 1), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        OJ.parse(path)
    assert (error.value.where, error.value.field_name) == ("line 1 (header)", "schema")


def test_truncated_row_is_named(tmp_path: Path):
    source = EU_DIR / "32014R0833.csv"
    path = write_truncated(tmp_path, source, 2_000)
    with pytest.raises(ListFormatError) as error:
        OJ.parse(path)
    assert error.value.where.startswith("line ")
    assert "truncated" in error.value.problem


def test_wrong_encoding_names_the_line(tmp_path: Path):
    lines = (EU_DIR / "32014R0269.csv").read_text(encoding="utf-8").splitlines()[:4]
    path = tmp_path / "annex.csv"
    path.write_bytes("\n".join(lines).encode("utf-8").replace("Bălți".encode(), b"B\xe3l\xfei"))
    with pytest.raises(ListFormatError) as error:
        OJ.parse(path)
    assert error.value.field_name == "encoding" and error.value.where == "line 2"


# --- EU Financial Sanctions Files XML (hand-written sample in that format) -----------------


def test_fsf_sample_is_detected_and_dated():
    assert FSF.detect(FSF_SAMPLE) and not OJ.detect(FSF_SAMPLE)
    parsed = FSF.parse(FSF_SAMPLE)
    assert parsed.publisher_date == "2025-03-14T18:01:02.313+01:00"
    assert [e.entry_key for e in parsed.entries] == ["EU.27.28", "EU.1042.9", "EU.8282.49"]


def test_fsf_person_field_by_field():
    entry = FSF.parse(FSF_SAMPLE).entries[0]
    assert entry.entity_type == "person"
    assert entry.primary_name == "Sergey Valeryevich Aksyonov"
    assert [(n.name, n.kind, n.strength, n.is_original_script) for n in entry.names[1:]] == [
        ("Sergei Valerievich Aksenov", "aka", "strong", False),
        ("Сергей Валерьевич Аксёнов", "aka", "strong", True),
        ("Goblin", "aka", "weak", False),
    ]
    assert entry.identifiers == [
        ParsedIdentifier("passport", "4614 920315", "RU", "National passport")
    ]
    assert entry.dates == [ParsedDate("birth", "1972-11-26")]
    assert entry.countries == ["RU", "UA"]
    assert entry.addresses[0].city == "Simferopol" and entry.addresses[0].country == "UA"
    assert entry.programs == ["UKR"] and entry.listed_on == "2014-03-17"
    assert entry.data["regulations"] == ["269/2014 (OJ L78)"]


def test_fsf_partial_dates_ranges_and_circa():
    entry = FSF.parse(FSF_SAMPLE).entries[1]
    assert [d.value for d in entry.dates] == ["1965~", "1960/1962", "1963-06"]
    assert entry.countries == []  # '00' is the FSF's unknown country
    assert entry.data["un_reference"] == "QDi.012"


def test_fsf_enterprise():
    entry = FSF.parse(FSF_SAMPLE).entries[2]
    assert entry.entity_type == "organization"
    assert (
        ParsedIdentifier("registration", "808000714", "BY", "Registration Number")
        in entry.identifiers
    )


@pytest.mark.parametrize("writer", [write_bomb, write_external_entity])
def test_fsf_entity_bomb_and_external_entity_are_refused(tmp_path: Path, writer):
    path = writer(tmp_path, "export", "sanctionEntity", FSF_ROOT)
    with pytest.raises(ListFormatError) as error:
        FSF.parse(path)
    assert error.value.field_name == "DOCTYPE"


def test_fsf_missing_subject_type_names_the_element(tmp_path: Path):
    text = FSF_SAMPLE.read_text(encoding="utf-8").replace(
        '<subjectType code="enterprise" classificationCode="E"/>', ""
    )
    path = tmp_path / "fsf.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        FSF.parse(path)
    assert error.value.where == "element <sanctionEntity> #3 (EU.8282.49)"
    assert error.value.field_name == "subjectType"


def test_fsf_truncated(tmp_path: Path):
    path = write_truncated(tmp_path, FSF_SAMPLE, 3_000)
    with pytest.raises(ListFormatError) as error:
        FSF.parse(path)
    assert error.value.where.startswith("line ")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("26.11.1972", ["1972-11-26"]),
        ("10.2.1983 (or 10.3.1983)", ["1983-02-10", "1983-03-10"]),
        ("7.8. 1978", ["1978-08-07"]),
        ("March 1978", ["1978-03"]),
        ("March/April 1965", ["1965"]),
        ("1964 (possibly: 21 April)", ["1964"]),
        ("28 September", []),
        ("N/D", []),
    ],
)
def test_published_dates_keep_only_what_is_given(text: str, values: list[str]):
    from screener.lists.eu import _published_dates

    assert _published_dates(text) == values
