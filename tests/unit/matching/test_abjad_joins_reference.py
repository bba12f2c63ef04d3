"""The abjad joins (`_join_abjad`, issue 22: speed only) join exactly the words the plain
rule joins: for each two adjacent words, neither a word of the other name, the first word
of the other name (3+ letters, 4+ romanised) that they spell on consonants or in letters;
failing that, three adjacent words spelling one on consonants. The reference below is that
rule written word pair by word pair, as it was before the skeletons were read once a call."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from rapidfuzz.distance import Levenshtein

from screener.matching.alignment import (
    MERGE_SIMILARITY,
    Unit,
    _abjad_skeleton,
    _join_abjad,
    words_of,
)
from screener.matching.rarity import default_rarity
from screener.names import prepare_name


def _spells(joined: str, word: str, first: Unit, second: Unit) -> bool:
    target = _abjad_skeleton(word)
    if (
        len(second.text) >= 2
        and len(target) >= 3
        and _abjad_skeleton(joined) == target
        and _abjad_skeleton(first.text) != target
        and _abjad_skeleton(second.text) != target
    ):
        return True
    if abs(len(joined) - len(word)) > 2 or len(first.text) < 2 or len(second.text) < 2:
        return False
    similarity = Levenshtein.normalized_similarity(joined, word)
    alone = max(
        Levenshtein.normalized_similarity(first.text, word),
        Levenshtein.normalized_similarity(second.text, word),
    )
    return similarity >= MERGE_SIMILARITY and similarity > alone


def _three(words: tuple[str, str, str], word: str) -> bool:
    target = _abjad_skeleton(word)
    if len(target) < 4 or _abjad_skeleton("".join(words)) != target:
        return False
    a, b, c = words
    parts = {_abjad_skeleton(p) for p in (a, b, c, a + b, b + c)}
    return target not in parts


def _reference(units: Sequence[Unit], others: Sequence[Unit]) -> list[tuple[str, str]]:
    texts = {o.text for o in others}
    near = [o for o in others if len(o.text) >= (3 if o.abjad else 4)]
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(units):
        first = units[index]
        found, run = None, 0
        if index + 1 < len(units) and near:
            second = units[index + 1]
            if first.text not in texts and second.text not in texts:
                joined = first.text + second.text
                found = next((o for o in near if _spells(joined, o.text, first, second)), None)
                run = 2
                if found is None and index + 2 < len(units):
                    third = units[index + 2].text
                    if third not in texts:
                        words = (first.text, second.text, third)
                        found = next((o for o in near if _three(words, o.text)), None)
                        run = 3
        if found is None:
            out.append((first.text, first.key))
            index += 1
        else:
            out.append(("".join(u.text for u in units[index : index + run]), found.key))
            index += run
    return out


@pytest.mark.parametrize(
    ("abjad", "latin", "joins"),
    [
        ("عبد القادر محمد", "Abdelkader Mohammed", True),  # three words on consonants
        ("عبد ال قادر", "Abdelkader", True),
        ("عبدالروف احمد", "Abdul Rauf Ahmad", True),  # two romanised words, one abjad word
        ("عبد الله بن محمد", "Abdallah bin Mohammed", True),  # two abjad words
        (
            "نور برزان إبراهيم حسن سليم التكريتي",
            "Noor Barzan Ibrahim Hasan Salim al-Tikriti",
            False,
        ),
        ("ابو بكر البغدادي", "Abu Bakr al-Baghdadi", False),
        ("حسين موسوی", "Hossein Mousavi", False),
        ("محمد علي", "Mohamed Ali Ahmed Hassan", False),
    ],
)
def test_abjad_joins_are_the_plain_rules(abjad: str, latin: str, joins: bool) -> None:
    rarity = default_rarity()
    a = words_of(prepare_name(abjad, "Person"), rarity).units
    b = words_of(prepare_name(latin, "Person"), rarity).units
    shorter = False
    for units, others in ((a, b), (b, a)):
        texts = frozenset(o.text for o in others)
        joined = [(u.text, u.key) for u in _join_abjad(units, others, texts)]
        assert joined == _reference(units, others)
        shorter = shorter or len(joined) < len(units)
    assert shorter == joins
