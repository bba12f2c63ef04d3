"""Per-word preparation is done once per word and weighting (issue 22: per-pair cost)."""

from __future__ import annotations

from screener.matching.alignment import words_of
from screener.matching.rarity import TokenRarity, default_rarity
from screener.names import prepare_name


def test_names_sharing_a_word_share_its_weighed_unit() -> None:
    first = words_of(prepare_name("Borislav Selvik", "Person"), default_rarity())
    second = words_of(prepare_name("Selvik Quellmar", "Person"), default_rarity())
    assert first.units[1] is second.units[0]
    assert first.units[1].weight == default_rarity().weight("selvik")


def test_another_weighting_weighs_the_word_again() -> None:
    corpus = TokenRarity.from_token_lists([["selvik", f"x{n}"] for n in range(200)])
    common = words_of(prepare_name("Borislav Selvik", "Person"), corpus)
    rare = words_of(prepare_name("Borislav Selvik", "Person"), default_rarity())
    assert common.units[1].weight < rare.units[1].weight == 1.0


def test_a_names_words_keep_what_the_alignment_checks_first() -> None:
    words = words_of(prepare_name("J.C. Borislav al Selvik", "Person"), default_rarity())
    assert words.has_initials and "jc" in words.initials
    assert words.total_weight == sum(u.weight for u in words.units)
    assert {len("borislav") - 2, len("borislav") + 2} <= words.near_lengths
    assert "al" not in words.initials  # a particle with a vowel is a word, not initials


def test_near_lengths_are_within_two_letters_of_each_long_word_however_long() -> None:
    """Lengths of 4+ letter words only; a word longer than the lengths kept ready still counts."""
    long_word = "b" + "o" * 69  # 70 letters
    words = words_of(prepare_name(f"Ali Borislav Selvik {long_word}", "Person"), default_rarity())
    assert [len(u.text) for u in words.units] == [3, 8, 6, 70]
    assert words.near_lengths == frozenset({*range(6, 11), *range(4, 9), *range(68, 73)})
    assert words.pair_lengths == frozenset({3 + 8, 8 + 6, 6 + 70})
