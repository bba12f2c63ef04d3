"""A Korean name in Hangul meets the lists' spellings of it, syllable by syllable."""

from __future__ import annotations

import pytest

from screener.lists.eu import PARSER as EU
from screener.matching.algorithm import score_pair, score_records
from screener.matching.config import load_config
from screener.matching.korean import (
    KOREAN_READING,
    hangul_similarity,
    korean_readings,
    reading_similarity,
)
from screener.matching.phrase import phrase_match
from screener.matching.records import make_record
from tests.conftest import SHARED_DATA

THRESHOLD = load_config().review_threshold


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        # the EU annex's own: 김영복 beside KIM Yong Bok and KIM Young Bok (0.58 and 0.51
        # before), 노광철 beside NO Kwang Chol (0.67), 리창호 beside LEE, RI and RHEE
        ("김영복", "KIM Yong Bok"),
        ("김영복", "KIM Young Bok"),
        ("김영복", "KIM Young-bok"),
        ("노광철", "NO Kwang Chol"),
        ("리창호", "LEE Chang Ho"),
        ("리창호", "RI, Chang Ho"),
        ("리창호", "RHEE, Chang Ho"),
        ("차용범", "CHA Yong-pom"),  # McCune-Reischauer without the voicing
        ("신금철", "SHIN Geum Cheol"),  # the Revised Romanization
        ("김정은", "Kim Jong Un"),
        ("김정은", "Kim Jong-un"),
        ("김정은", "Kim Jongun"),
        ("최룡해", "Choe Ryong Hae"),
        ("장성택", "Jang Song Thaek"),
        ("명진 장", "Chang Myong-Chin"),  # given name first, as a deal file may write it
    ],
)
def test_a_name_in_hangul_meets_the_lists_spellings_of_it(hangul: str, latin: str) -> None:
    assert score_pair(hangul, latin, "Person").score >= THRESHOLD
    assert score_pair(latin, hangul, "Person").score >= THRESHOLD


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("영숙 김", "KIM YONG BOK"),  # a syllable apart: 0.79 before
        ("경숙 김", "KIM YONG BOK"),
        ("진우 장", "Chang Myong-Chin"),  # 0.74 before
        ("영환 박", "Young Han PARK"),  # 환 hwan is not 한 han
        ("경숙 나", "RA, Kyong-Su"),  # 숙 suk is not 수 su
        ("미경 김", "Gong Kim"),  # a given name's syllable is no middle name to drop
        ("김영복", "KIM Yong Chol"),
    ],
)
def test_another_korean_name_is_not_an_alert(hangul: str, latin: str) -> None:
    assert score_pair(hangul, latin, "Person").score < THRESHOLD


def test_a_name_written_surname_comma_given_name_is_read_too() -> None:
    assert korean_readings(["김", "영복"]) == korean_readings(["김영복"])
    assert score_pair("김, 영복", "KIM YONG BOK", "Person").score == 1.0
    assert score_pair("김, 영복", "김영복", "Person").score == 1.0
    assert score_pair("영숙, 김", "KIM YONG BOK", "Person").score < THRESHOLD


def test_two_names_in_hangul_are_compared_by_their_syllables() -> None:
    assert score_pair("영숙 김", "김영복", "Person").score < THRESHOLD  # 0.79 before
    assert score_pair("김영복", "김영복", "Person").score == 1.0
    assert hangul_similarity("영숙", "영복") == 0.5


def test_readings_are_the_three_styles() -> None:
    readings = korean_readings(["김영복"])
    assert readings == [("kim", "yongbok"), ("gim", "yeongbok"), ("kim", "youngbok")]
    # North Korea writes 리 (Ri); the South 이, spelt Lee by families, I by the RR
    assert korean_readings(["리창호"]) == [("ri", "changho")]
    assert korean_readings(["이창호"]) == [("i", "changho"), ("lee", "changho")]
    assert korean_readings(["영숙", "김"])[0] == ("yongsuk", "kim")
    assert korean_readings(["남궁민"])[0] == ("namgung", "min")  # a two-syllable surname
    # the YAML table's unquoted 'no' would be read as false, and 노 as the word 'false'
    assert ("no", "kwangchol") in korean_readings(["노광철"])
    assert korean_readings(["Kim"]) == [] and korean_readings(["김영복김영복"]) == []


def test_a_latin_word_spells_a_hangul_word_syllable_by_syllable() -> None:
    assert reading_similarity("yongpom", "용범", 0.85) == 0.85
    assert reading_similarity("rhee", "리", 0.85) == 0.85
    assert reading_similarity("younghan", "영환", 0.85) == 0.5
    assert reading_similarity("young", "영희", 0.85) == 0.0


def test_only_persons_names_are_read() -> None:
    person = make_record(["김영복"], "Person")
    assert [f.script for f in person.names].count(KOREAN_READING) == 3
    company = make_record(["조선광업개발무역회사"], "Organization")
    assert KOREAN_READING not in {f.script for f in company.names}


def test_the_explanation_says_what_was_read() -> None:
    score = score_pair("김영복", "KIM Yong Bok", "Person")
    assert phrase_match("김영복", "KIM Yong Bok", score.features_json()) == (
        "'김영복', read in Latin letters as 'kim yongbok', is the list's name 'KIM Yong Bok'."
    )
    # words written together on one side: the reading, not word by word ('jongchon' appears...)
    score = score_pair("박정천", "Jong-Chon PAK", "Person")
    assert phrase_match("박정천", "Jong-Chon PAK", score.features_json()) == (
        "'박정천', read in Latin letters as 'pak jongchon', is the list's name 'Jong-Chon PAK'."
    )
    score = score_pair("Kim Yong Bok", "김영복", "Person")
    assert phrase_match("Kim Yong Bok", "김영복", score.features_json()) == (
        "The list's name '김영복', read in Latin letters as 'kim yongbok', is the party's name "
        "'Kim Yong Bok'."
    )
    # the surname's other spellings are met word by word
    score = score_pair("Lee Chang-ho", "리창호", "Person")
    assert "are two readings of 리." in phrase_match(
        "Lee Chang-ho", "리창호", score.features_json()
    )
    score = score_pair("차용범", "CHA Yong-pom", "Person")
    assert "and 'yongpom' are two readings of 용범." in phrase_match(
        "차용범", "CHA Yong-pom", score.features_json()
    )
    assert "」と「yongpom」は용범の二通りの読みです。" in phrase_match(
        "차용범", "CHA Yong-pom", score.features_json(), "ja"
    )


def test_the_eu_annexs_korean_names_meet_its_own_latin_names() -> None:
    # the real annex: every entry that gives a name in Hangul, against its Latin names
    parsed = EU.parse(SHARED_DATA / "eu-oj-annexes-opensanctions-transcription" / "32014R0269.csv")
    found = {}
    for entry in parsed.entries:
        hangul = [n.name for n in entry.names if n.script == "hangul"]
        if hangul:
            latin = [n.name for n in entry.names if n.script == "latin"]
            query = make_record(hangul, "Person")
            found[entry.primary_name] = score_records(query, make_record(latin, "Person")).score
    assert found.keys() == {
        "KIM Yong Bok",
        "NO Kwang Chol",
        "LEE Chang Ho",
        "SHIN Geum Cheol",
        "CHA Yong Beom",
    }
    # the annex gives SHIN Geum Cheol's name in Hangul as 김금철 (Kim), not 신금철
    assert {name for name, score in found.items() if score >= THRESHOLD} == found.keys() - {
        "SHIN Geum Cheol"
    }
