"""A Korean name in Hangul read as the lists write it in Latin letters.

The EU's annex gives 김영복 beside KIM Yong Bok, 리창호 beside LEE Chang Ho, RI Chang Ho and
RHEE Chang Ho. Read by a generic transliteration (`screener.names`: anyascii, close to the
Revised Romanization, the given name in one word) 김영복 is 'gim yeongbog', which met KIM
Yong Bok at 0.58, below the review threshold, while 영숙 김, another person, met it at 0.79.
The lists write a North Korean name in McCune-Reischauer as North Korea writes it, a
syllable a word (Yong Bok) or joined (Yong-bok); a South Korean's in the Revised
Romanization or the spellings families keep (Lee, Park, Young, Soo); the surname in any of
them (LEE, RI, RHEE).

So a word of a Korean name meets a word in Latin letters when the letters spell its
syllables, each in any of those ways (`reading_similarity`), or the surname as the lists
spell it (rules/matching/korean_names.yaml); two words in Hangul meet syllable by
syllable. One syllable that differs is another name (영숙 is not 영복), never one letter
or one English sound apart. A person's name also gets a reading in each style, the given
name in one word (`korean_readings`): its words are what the index looks up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from rapidfuzz.distance import OSA

from screener.paths import rules_dir
from screener.safe_yaml import load_shipped_table

# The `script` of a reading: it meets names in Latin letters only (`alignment.align`).
KOREAN_READING = "korean_reading"
STYLES = ("dprk", "rr", "popular")
_FIRST, _LAST = 0xAC00, 0xD7A3  # the precomposed Hangul syllables
_VOWEL_COUNT, _FINAL_COUNT = 21, 28  # a syllable is (initial * 21 + vowel) * 28 + final
# A Korean name is a surname of one syllable (rarely two) and a given name of one to three.
MAX_SYLLABLES = 5


# The letters of a syllable in Unicode's order, as the table's columns and keys name them.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


@cache
def _table() -> dict[str, Any]:
    data = load_shipped_table(rules_dir() / "matching" / "korean_names.yaml")
    return {
        "more": {
            part: {str(k): tuple(_spelling(x) for x in v) for k, v in data[part].items()}
            for part in ("more_initials", "more_vowels", "more_finals")
        },
        "initials": {s: [_letters(x) for x in data["initials"][s]] for s in STYLES},
        "voiced": {s: [_letters(x) for x in data["voiced_initials"][s]] for s in STYLES},
        "vowels": {s: [_spelling(x) for x in data["vowels"][s]] for s in STYLES},
        "finals": ["", *(_spelling(x) for x in data["finals"]["all"])],
        "popular": {str(k): _spelling(v) for k, v in data["popular_syllables"].items()},
        "surnames": {str(k): tuple(_spelling(x) for x in v) for k, v in data["surnames"].items()},
    }


def _spelling(value: object) -> str:
    """A spelling as the table gives it; YAML reads an unquoted 'no' (노, NO Kwang Chol) as
    false, which would be read as the word 'false'."""
    if not isinstance(value, str):
        raise ValueError(f"korean_names.yaml: {value!r} is not a spelling (quote it)")
    return value


def _letters(value: object) -> str:
    return "" if value == "-" else _spelling(value)


def is_hangul(text: str) -> bool:
    """Whether every character of `text` is a precomposed Hangul syllable."""
    return bool(text) and all(_FIRST <= ord(c) <= _LAST for c in text)


@lru_cache(maxsize=20_000)
def syllable_reading(syllable: str, style: str, within_word: bool) -> str:
    """One Hangul syllable in one style; `within_word` when a syllable of the same word
    comes before it (North Korea voices the consonant there: Yong Bok, not Yong Pok)."""
    table = _table()
    if style == "popular" and syllable in table["popular"]:
        return str(table["popular"][syllable])
    code = ord(syllable) - _FIRST
    initial, rest = divmod(code, _VOWEL_COUNT * _FINAL_COUNT)
    vowel, final = divmod(rest, _FINAL_COUNT)
    initials = table["voiced" if within_word else "initials"][style]
    return f"{initials[initial]}{table['vowels'][style][vowel]}{table['finals'][final]}"


def korean_readings(parts: Sequence[str]) -> list[tuple[str, ...]]:
    """The readings of a person's name in Hangul, written in `parts` (its words as written:
    '김영복', or '영숙 김'), each a tuple of Latin words ('kim', 'yongbok'); [] when the name
    is not all Hangul or is too long to be a Korean person's name.

    Written as one word, the first syllable is the surname (the first two when they are a
    two-syllable surname: 남궁, 황보); written apart, a one-syllable word is the surname
    when it is one, and the other words are given names."""
    words = _words(parts)
    readings = (tuple(_spelt(text, surname, style) for text, surname in words) for style in STYLES)
    return list(dict.fromkeys(readings)) if words else []


def _words(parts: Sequence[str]) -> list[tuple[str, bool]]:
    """The name's words in Hangul, each with whether it is the surname; [] when the name is
    not all Hangul or is too long to be a Korean person's name."""
    if not parts or not all(is_hangul(p) for p in parts):
        return []
    if sum(len(p) for p in parts) > MAX_SYLLABLES:
        return []
    surnames = _table()["surnames"]
    if len(parts) == 1:
        name = parts[0]
        if len(name) == 1:
            return [(name, False)]
        cut = 2 if len(name) > 2 and name[:2] in surnames else 1
        return [(name[:cut], True), (name[cut:], False)]
    words = [(p, p in surnames and len(p) <= 2) for p in parts]
    if sum(surname for _, surname in words) > 1:  # two surnames: which one is unknown
        return [(p, False) for p in parts]
    return words


def _spelt(text: str, surname: bool, style: str) -> str:
    """How one word of the name is written in `style`: a given name as one word ('yongbok'),
    a surname as the style writes it, or, for the popular style, as the table spells it first
    (Lee, Park, Choi). The lists write a given name in one word or a syllable a word (Yong
    Bok, Yong-bok), which `alignment` joins to meet it: a syllable a word here made each
    syllable a name of its own, and 미경 김 'mi gyong kim' met Gong KIM, one syllable
    dropped and one a letter apart, as a middle name may be. The surname's other spellings
    (RHEE, RI) are met word by word (`reading_similarity`): a reading for each of them made
    a Hangul name up to 18 names to align with every candidate's, and `screener screen`
    a fifth slower on the dev batch, whose names are one in twenty Korean."""
    reading = "".join(syllable_reading(s, style, i > 0) for i, s in enumerate(text))
    if surname:
        known = _table()["surnames"].get(text)
        if known and (style == "popular" or reading not in known):
            return known[0]
    return reading


@lru_cache(maxsize=20_000)
def syllable_spellings(syllable: str) -> frozenset[str]:
    """Every spelling of one Hangul syllable the lists use: each style's, with the consonant
    voiced or not, the other spellings of its letters (`more_*`) and the popular one."""
    table = _table()
    code = ord(syllable) - _FIRST
    initial, rest = divmod(code, _VOWEL_COUNT * _FINAL_COUNT)
    vowel, final = divmod(rest, _FINAL_COUNT)
    more = table["more"]
    initials = {
        table[column][style][initial] for column in ("initials", "voiced") for style in STYLES
    }
    initials.update(more["more_initials"].get(INITIALS[initial], ()))
    vowels = {table["vowels"][style][vowel] for style in STYLES}
    vowels.update(more["more_vowels"].get(VOWELS[vowel], ()))
    finals = {table["finals"][final]}
    if final:
        finals.update(more["more_finals"].get(FINALS[final - 1], ()))
    found = {i + v + f for i in initials for v in vowels for f in finals}
    if syllable in table["popular"]:
        found.add(table["popular"][syllable])
    return frozenset(found)


def reading_similarity(word: str, hangul: str, full: float) -> float:
    """How alike a word in Latin letters is to a word of a Korean name in Hangul: `full`
    when the word spells it (its letters split in order into a spelling of each syllable:
    'yongpom' 용범, 'jongun' 정은, or a spelling of the surname: 'rhee' 리), else the share of
    its syllables the best such split spells ('younghan' spells 영 of 영환: 0.5). A syllable
    one letter apart is another syllable (환 hwan is not 한 han), as it is in pinyin."""
    known = _table()["surnames"].get(hangul)
    if known and word in known:
        return full
    spelt = _most_spelt(word, hangul)
    return full if spelt == len(hangul) else spelt / len(hangul)


def hangul_similarity(x: str, y: str) -> float:
    """Two words in Hangul: the share of their syllables that are the same, in order, when
    they have as many (영숙 and 영복 share one of two); else their likeness in syllables."""
    if x == y:
        return 1.0
    if len(x) == len(y):
        return sum(a == b for a, b in zip(x, y, strict=True)) / len(x)
    return float(OSA.normalized_similarity(x, y))


@lru_cache(maxsize=50_000)
def _most_spelt(word: str, hangul: str) -> int:
    """The most syllables of `hangul` that a split of `word` into as many non-empty parts,
    in order, spells (each part a spelling of its syllable)."""
    count, size = len(hangul), len(word)
    if size < count or not is_hangul(hangul):
        return 0
    spellings = [syllable_spellings(s) for s in hangul]
    # best[i][j]: the most of the first i syllables spelt by word[:j] split into i parts
    best = [[-1] * (size + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for i in range(1, count + 1):
        for j in range(i, size - (count - i) + 1):
            for k in range(i - 1, j):
                if best[i - 1][k] < 0:
                    continue
                value = best[i - 1][k] + (word[k:j] in spellings[i - 1])
                if value > best[i][j]:
                    best[i][j] = value
    return max(best[count][size], 0)


def name_parts(original: str) -> list[str]:
    """A name's words as written, punctuation set aside ('김, 영복' -> ['김', '영복']): what
    `korean_readings` and `hangul_words` read, on either side of a comparison."""
    return [part for part in _NOT_WORD.split(original) if part]


_NOT_WORD = re.compile(r"[\W_]+")


def hangul_words(parts: Sequence[str]) -> list[str]:
    """The words of a Korean name in Hangul as its readings write them: the surname and the
    given name apart (`korean_readings`), so each word of a reading has its Hangul."""
    return [text for text, _ in _words(parts)]
