"""A given name meets its nickname (the `nicknames` package's table), in persons' names only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from screener.matching.algorithm import score_pair
from screener.matching.alignment import NICKNAMES_OF, nickname_pairs
from screener.matching.config import load_config


def test_the_table_is_the_packages_and_holds_both_directions() -> None:
    pairs = nickname_pairs()
    assert ("benjamin", "ben") in pairs and ("ben", "benjamin") in pairs
    assert ("william", "bill") in pairs and ("margaret", "peggy") in pairs
    assert len(pairs) > 4000


def test_the_table_by_name_holds_the_same_pairs() -> None:
    pairs = nickname_pairs()
    by_name = {(name, nick) for name, nicks in NICKNAMES_OF.items() for nick in nicks}
    assert by_name == pairs


@pytest.mark.parametrize(
    ("nick", "full"),
    [
        ("Ben Netanyahu", "Benjamin Netanyahu"),
        ("Bill Gates", "William Gates"),
        ("Peggy Olsen", "Margaret Olsen"),
    ],
)
def test_a_nickname_meets_the_given_name(nick: str, full: str) -> None:
    config = load_config()
    assert score_pair(nick, full, "Person", config=config).score >= config.review_threshold
    without = replace(config, nickname_similarity=0.0)
    assert score_pair(nick, full, "Person", config=without).score < config.review_threshold


def test_a_nickname_counts_less_than_the_same_name() -> None:
    assert score_pair("Bill Gates", "William Gates", "Person").score < 1.0


def test_companies_do_not_read_nicknames() -> None:
    """'Bill' in a company's name is an invoice, not William."""
    company = score_pair("Bill Holdings", "William Holdings", "Company").score
    person = score_pair("Bill Holdings", "William Holdings", "Person").score
    assert company < person


def test_long_names_find_the_nickname_among_many_words() -> None:
    """Past 16 word pairs only near pairs are tried one by one: nicknames are among them."""
    long_a = "Ben Abdul Karim Mohammed Hassan Netanyahu"
    long_b = "Benjamin Abdul Karim Mohammed Hassan Netanyahu"
    config = load_config()
    with_nicks = score_pair(long_a, long_b, "Person", config=config).score
    without = score_pair(
        long_a, long_b, "Person", config=replace(config, nickname_similarity=0.0)
    ).score
    assert with_nicks > without
