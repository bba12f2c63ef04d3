"""Hebrew names meet their romanisations despite gershayim and vowel letters after a silent letter."""

from __future__ import annotations

import pytest

from screener.matching.algorithm import score_pair
from screener.matching.config import load_config
from screener.matching.hebrew import hebrew_reading


def test_the_reading_drops_gershayim_and_vowel_letters_after_aleph_or_ayin() -> None:
    assert hebrew_reading('להב"ה') == "להבה"
    assert hebrew_reading("להב״ה") == "להבה"
    assert hebrew_reading("אילי פדרמן") == "אלי פדרמן"
    assert hebrew_reading("עילאי") == "עלאי"
    assert hebrew_reading("אורי") == "ארי"


def test_names_without_either_mark_keep_one_reading() -> None:
    assert hebrew_reading("נעם פדרמן") is None
    assert hebrew_reading("ינון לוי") is None  # a leading yod is a consonant: Yinon
    assert hebrew_reading('Lehava "Youth"') is None


@pytest.mark.parametrize(
    ("hebrew", "latin", "schema"),
    [
        ("אילי פדרמן", "Eli FEDERMAN", "Person"),
        ("עילאי פדרמן", "Ilay FEDERMAN", "Person"),
        ('להב"ה', "LEHAVA", "Organization"),
    ],
)
def test_hebrew_script_meets_its_romanisation(hebrew: str, latin: str, schema: str) -> None:
    assert score_pair(hebrew, latin, schema).score >= load_config().review_threshold
