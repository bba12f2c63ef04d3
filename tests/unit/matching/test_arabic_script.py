"""Arabic-script vowel letters after a silent first letter, and Persian 'gh' for qaf."""

from __future__ import annotations

import pytest

from screener.matching.algorithm import score_pair
from screener.matching.arabic_script import arabic_reading
from screener.matching.config import load_config


def test_the_reading_drops_a_vowel_letter_after_alef_or_ayin() -> None:
    assert arabic_reading("عیسی زارع پور") == "عسی زارع پور"
    assert arabic_reading("اویس") == "ایس"  # Owais: the waw is the vowel


def test_a_leading_yeh_without_alef_is_a_consonant() -> None:
    assert arabic_reading("يوسف") is None
    assert arabic_reading("محمد باقری") is None


@pytest.mark.parametrize(
    ("written", "romanised"),
    [
        ("عیسی زارع پور", "Eisa ZAREPOUR"),  # ayin + yeh: the vowel of Eisa
        ("محمد باقری", "Mohammad BAGHERI"),  # qaf written 'gh' in Persian
        ("قاسم دماوندیان", "Ghassem DAMAVANDIAN"),
    ],
)
def test_persian_names_meet_their_romanisations(written: str, romanised: str) -> None:
    assert score_pair(written, romanised, "Person").score >= load_config().review_threshold
