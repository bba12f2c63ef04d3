"""The alignment's shortcuts (issue 22, speed only) decide as the full tests would.

Each shortcut skips work when a cheap test shows it cannot change the answer: a doubled
letter is looked for only when both words begin and end alike, a typing slip only when the
first letter is in the other word, adjacent words join only when some word of the other
name is near their joined length, and equal words are looked for only among the other
name's words. These cases sit on either side of each shortcut.
"""

from __future__ import annotations

import pytest

from screener.matching.alignment import Unit, _join_spelt, align, token_similarity
from screener.matching.config import load_config
from screener.matching.rarity import default_rarity
from screener.names import phonetic_key, prepare_name


def _unit(text: str) -> Unit:
    return Unit(text, phonetic_key(text), 1.0)


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ("ayyub", "ayub", "sound"),  # a doubled letter: as alike as a sound-alike
        ("hassan", "hasan", "sound"),
        ("yyu", "yu", "sound"),  # short: the doubled letter, before the slip
        ("abc", "bac", "slip"),  # two neighbours swapped in a short word
        ("emna", "mena", 0.75),  # a swap the spelling already counts above the floor
        ("abc", "xyz", 0.0),  # no letter in common: neither shortcut's test passes
        ("mohammed", "ahmed", None),  # ends alike, begins differently: spelling only
    ],
)
def test_doubled_letters_and_slips_are_found_past_the_shortcuts(
    x: str, y: str, expected: float | str | None
) -> None:
    config = load_config()
    similarity = token_similarity(_unit(x), _unit(y), config)
    if expected == "sound":
        assert similarity == config.phonetic_similarity
    elif expected == "slip":
        assert similarity == config.short_token_floor
    elif expected is None:
        assert similarity < config.phonetic_similarity
    else:
        assert similarity == pytest.approx(expected)
    assert token_similarity(_unit(y), _unit(x), config) == similarity  # either order


def test_adjacent_words_join_when_together_they_spell_a_word_of_the_other_name() -> None:
    units = (_unit("pol"), _unit("pot"), _unit("saloth"))
    others = (_unit("polpot"), _unit("saloth"))
    joined = _join_spelt(units, (others[0], others[1]), frozenset({"polpot", "saloth"}))
    assert [u.text for u in joined] == ["polpot", "saloth"]
    assert joined[0].key == others[0].key  # the joined word sounds as the word it spells


def test_no_join_returns_the_words_themselves() -> None:
    units = (_unit("john"), _unit("smith"))
    assert [u.text for u in _join_spelt(units, (_unit("jonsmith"),), frozenset({"jonsmith"}))] == [
        "johnsmith"
    ]
    apart = (_unit("mary"), _unit("jones"))
    assert _join_spelt(apart, (_unit("smithson"),), frozenset({"smithson"})) is apart
    # a word of one letter, or a word the other name has, never joins
    assert _join_spelt((_unit("a"), _unit("bcdef")), (_unit("abcdef"),), frozenset()) == (
        _unit("a"),
        _unit("bcdef"),
    )
    assert [
        u.text
        for u in _join_spelt(
            (_unit("good"), _unit("will")), (_unit("goodwill"),), frozenset({"good"})
        )
    ] == ["good", "will"]


def test_equal_words_pair_first_even_when_a_word_repeats() -> None:
    rarity, config = default_rarity(), load_config()
    a = align(
        prepare_name("John John Smith", "Person"),
        prepare_name("John Smith", "Person"),
        rarity,
        config,
    )
    assert [(q.text, c.text, s) for q, c, s in a.pairs] == [
        ("john", "john", 1.0),
        ("smith", "smith", 1.0),
    ]
    assert [u.text for u in a.query_left] == ["john"] and not a.candidate_left
