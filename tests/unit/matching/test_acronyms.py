"""An organisation's acronym written in capitals meets the words it stands for."""

from __future__ import annotations

from dataclasses import replace

import pytest

from screener.matching.algorithm import score_pair
from screener.matching.config import load_config


@pytest.mark.parametrize(
    ("acronym", "full"),
    [
        ("PLA", "People’s Liberation Army"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("OPEC", "Organization of the Petroleum Exporting Countries"),
    ],
)
def test_an_acronym_meets_its_words(acronym: str, full: str) -> None:
    config = load_config()
    assert score_pair(acronym, full, "Organization", config=config).score >= config.review_threshold
    assert score_pair(full, acronym, "Organization", config=config).score >= config.review_threshold
    without = replace(config, acronym_similarity=0.0)
    assert score_pair(acronym, full, "Organization", config=without).score < config.review_threshold


def test_only_words_written_in_capitals_are_acronyms() -> None:
    assert score_pair("Pla", "People’s Liberation Army", "Organization").score < 0.5


def test_a_persons_name_has_no_acronyms() -> None:
    assert score_pair("ALI", "Abdul Latif Ibrahim", "Person").score < 0.5


def test_an_acronym_counts_less_than_the_words_themselves() -> None:
    assert score_pair("IRGC", "Islamic Revolutionary Guard Corps", "Organization").score < 1.0
