"""Pairing the words of two names, in any order, with typo, phonetic and initial tolerance.

Every name feature reads one alignment, computed once per name pair: which word of the
query went with which word of the candidate, how alike they were, and which words were left
over. Left-over words cost differently: a word only one side has (a middle name, a dropped
'Europe') costs `extra_token_penalty`; words left on both sides are a substitution (Ahmed
for Yahya) and cost `substitution_penalty`. Words stuck together or split apart ('PolPot',
'Good Will') and initials ('J.C.' for Jean-Claude) are paired before the general pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import repeat
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from screener.matching.config import MatchConfig
from screener.matching.katakana import KANA_READING, kana_similarity, katakana_words
from screener.matching.korean import (
    KOREAN_READING,
    hangul_similarity,
    hangul_words,
    name_parts,
    reading_similarity,
)
from screener.matching.pinyin import pinyin_similarity
from screener.matching.rarity import TokenRarity
from screener.matching.wade_giles import WADE_GILES as WADE_GILES_SCRIPT
from screener.names import NameForm, consonant_skeleton, load_rules

MERGE_SIMILARITY = 0.88
_REPEATED = re.compile(r"(.)\1+")
# Scripts that write consonants only: their romanised words have no vowels and still sound.
ABJADS = frozenset({"arabic", "hebrew", "syriac"})
HAN = "han"  # a name in Han characters, read as pinyin (`screener.names`)
HANGUL = "hangul"  # a name in Hangul, read by anyascii (`screener.names`)
LATIN = "latin"  # a name in Latin letters (`screener.names.detect_script`)
# Above this many word pairs the spelling matrix is computed in one C call (rapidfuzz cdist).
MATRIX_MIN_PAIRS = 16
# Words this short change meaning with one letter (Li / Lu, Wen / Wei): they need a higher floor.
SHORT_WORD = 4


@dataclass(slots=True)
class Unit:
    """One word of a name, or adjacent words joined to meet the other side."""

    text: str
    key: str
    weight: float
    initials: bool = False
    sounded: bool = True  # has vowels, or comes from a script that omits them (Arabic)
    patronymic: bool = False  # Borisovich: never a spelling variant of the surname Borisov
    abjad: bool = False  # romanised from a script that writes no short vowels (Arabic 'mhmd')
    consonants_only: bool = False  # letters and no vowel: 'jc' reads as initials, 'al' does not
    acronym: bool = False  # the other name's words an organisation's acronym stands for
    pinyin: bool = False  # read from Han characters: compared syllable by syllable (`pinyin`)
    han: str = ""  # those characters, when the name's words say which are the word's
    hangul: str = ""  # the Hangul a word of a Korean name was read from (`korean`)
    kana: str = ""  # a word of a name in katakana, of which `text` is the sound (`katakana`)


@dataclass(slots=True)
class Alignment:
    pairs: list[tuple[Unit, Unit, float]]
    query_left: list[Unit]
    candidate_left: list[Unit]
    score: float
    # The weighted words of the two names as aligned (before joining), for the features.
    words: tuple[Words, Words] | None = field(default=None, repr=False, compare=False)

    @property
    def matched_weight(self) -> float:
        return sum((q.weight + c.weight) / 2 for q, c, _ in self.pairs)


def token_similarity(a: Unit, b: Unit, config: MatchConfig) -> float:
    """1.0 equal; spelling similarity raised to `phonetic_similarity` when they sound alike."""
    x, y = a.text, b.text
    if x == y:
        return 1.0
    x0, y0 = x[0], y[0]
    if x0.isdigit() or y0.isdigit():
        return 0.0
    size_x, size_y = len(x), len(y)
    if size_x == 1 or size_y == 1:
        return config.initial_similarity if x0 == y0 else 0.0
    if a.pinyin or b.pinyin:
        syllabic = pinyin_similarity(x, a.han, y, b.han, config.phonetic_similarity)
        if syllabic is not None:
            return syllabic
    if a.hangul or b.hangul:
        return _korean_similarity(a, b, config.phonetic_similarity)
    if bool(a.kana) != bool(b.kana):  # the other is in Latin letters: `align` meets no other
        kana, latin = (x, y) if a.kana else (y, x)
        return kana_similarity(kana, latin, config.phonetic_similarity)
    similarity = OSA.normalized_similarity(x, y)
    sound = config.phonetic_similarity
    if similarity < sound:  # each raise below is to at most `sound`
        if a.abjad or b.abjad:
            similarity = max(similarity, _skeleton_similarity(x, y, config))
        if (
            similarity < sound
            and a.key == b.key
            and len(a.key) >= 3
            and a.sounded
            and b.sounded
            and spelt_close(a, b, similarity, config)
        ):
            similarity = sound
        if (
            similarity < sound
            and size_x != size_y
            # collapsing runs keeps the first and last letters: most pairs differ there already
            and x0 == y0
            and x[-1] == y[-1]
            and _single_letters(x) == _single_letters(y)
        ):
            # A doubled letter is a spelling of the same sound (Ayyub / Ayub, Hassan / Hasan):
            # as alike as words that share their sound, however short the word.
            similarity = sound
    if (
        similarity < config.short_token_floor
        and size_x <= SHORT_WORD + 1
        and x0 in y  # a slip keeps every letter: most pairs fail here already
        and _slip(x, y)
    ):
        similarity = config.short_token_floor
    return similarity


def _korean_similarity(a: Unit, b: Unit, full: float) -> float:
    """A word of a Korean name against another word, syllable by syllable (`korean`): two
    words in Hangul by their syllables, a word in Latin letters by the syllables it spells;
    never by English sound or one letter apart, which made 영환 'younghwan' Young Han."""
    if a.hangul and b.hangul:
        return hangul_similarity(a.hangul, b.hangul)
    if a.hangul:
        return reading_similarity(b.text, a.hangul, full)
    return reading_similarity(a.text, b.hangul, full)


@lru_cache(maxsize=100_000)
def _single_letters(word: str) -> str:
    """The word with every run of one letter written once ('ayyub' -> 'ayub')."""
    return _REPEATED.sub(r"\1", word)


_VOWELS = str.maketrans("", "", "aeiouy")


def _skeleton_similarity(x: str, y: str, config: MatchConfig) -> float:
    """A word from a script without short vowels against another word: their consonant
    skeletons compared ('mhmd' / 'mohammad' are both 'mhmd'), a full agreement counting as
    words that sound alike (`phonetic_similarity`), a partial one proportionally less.

    A word-final h is the mark of an unwritten final -a (ta marbuta: حماده 'hmdh' / Hamada)
    and a leading w or y a vowel as often as a consonant (ولد 'wld' / Ould): skeletons that
    agree once these are set aside agree. A particle ('al') has a one-letter skeleton and is
    no spelling of a name word that shares it ('ali'); a one-letter skeleton agrees only on
    the letter as written, not on its sound class."""
    sx, sy = _abjad_skeleton(x), _abjad_skeleton(y)
    if sx == sy and sx:
        if len(sx) == 1 and (
            x in _particles() or y in _particles() or consonant_skeleton(x) != consonant_skeleton(y)
        ):
            # One consonant is little evidence: it must be the same letter as written, not
            # one sound class ('ayda' / 'azawi' share no letter but d ~ z).
            return 0.0
        # 'ly' (علي, the ayn unwritten) and 'ali': 'l'. Among words of one skeleton the closer
        # length is the likelier partner ('bydy' rather than 'bd' for 'ubaidi'): a tie-break
        # of at most 0.01.
        return config.phonetic_similarity - 0.01 * (1.0 - min(len(x), len(y)) / max(len(x), len(y)))
    if len(sx) < 2 or len(sy) < 2:
        return 0.0
    return config.phonetic_similarity * OSA.normalized_similarity(sx, sy)


# Letters of Arabic script that Latin spellings write in several ways, each way to one letter:
# ظ and ذ are 'dh' (anyascii) or 'z' (Mazloom), ض 'd' (anyascii, Ramadan) or 'z' (Persian
# and Urdu: Fazl, Ramazan), so d, dh and z are one class; ث 'th' or 's' (Usman), ق 'q' or
# 'k' or, in Persian, 'gh' as غ is (قاسم Ghassem, باقری Bagheri), و 'w' or 'v' (Persian),
# ج 'j' or 'dj' (French: Djouadi), ش 'sh' or 'ch' (Chawki).
# Only skeletons compared across an abjad and a Latin spelling use them.
_SOUND_CLASS = {
    "dh": "z",
    "th": "s",
    "gh": "k",
    "q": "k",
    "v": "w",
    "dj": "j",
    "ch": "sh",
    "d": "z",
}
_SOUND_CLASSES = re.compile("dh|th|gh|dj|ch|q|v|d")


def _sound_class(match: re.Match[str]) -> str:
    return _SOUND_CLASS[match.group(0)]


@lru_cache(maxsize=100_000)
def _abjad_skeleton(word: str) -> str:
    skeleton = _SOUND_CLASSES.sub(_sound_class, consonant_skeleton(word))
    if len(skeleton) > 2 and skeleton.endswith("h"):
        skeleton = skeleton[:-1]
    if len(skeleton) > 2 and skeleton[0] in "wy":
        skeleton = skeleton[1:]
    return skeleton


def _particles() -> frozenset[str]:
    return load_rules().particles


def spelt_close(a: Unit, b: Unit, similarity: float, config: MatchConfig) -> bool:
    """Sound is evidence, never a substitute for spelling: two words that sound alike count
    as alike only when their spelling is also close (`sound_spelling_floor`); 'kirk' and
    'garcia' share no more than a key. A word from a script that writes no vowels (Arabic
    'mhmd') is compared with the other's consonants ('mhmmd'), as that is all it spells."""
    if similarity >= config.sound_spelling_floor:
        return True
    if a.abjad or b.abjad:
        x, y = a.text.translate(_VOWELS), b.text.translate(_VOWELS)
        return bool(x and y) and OSA.normalized_similarity(x, y) >= config.sound_spelling_floor
    return False


@cache
def nickname_pairs() -> frozenset[tuple[str, str]]:
    """(given name, nickname) both ways: Benjamin / Ben, William / Bill, Margaret / Peggy.

    The table is the `nicknames` package's (Apache-2.0; hand-curated English given names and
    their nicknames and diminutives), read once per process (~0.1 s) when a person's words
    first fail to pair on spelling. A nickname is a different spelling of the same given
    name: it counts as alike as a sound-alike (`nickname_similarity`), not as equal."""
    from nicknames import NickNamer

    pairs: set[tuple[str, str]] = set()
    for name, nicks in NickNamer().nickname_lookup.items():
        for nick in nicks:
            if name != nick:
                pairs.add((name, nick))
                pairs.add((nick, name))
    by_name: dict[str, set[str]] = {}
    for name, nick in pairs:
        by_name.setdefault(name, set()).add(nick)
    NICKNAMES_OF.clear()
    NICKNAMES_OF.update((name, frozenset(nicks)) for name, nicks in by_name.items())
    return frozenset(pairs)


# The same table by name: name -> its nicknames and the names it is a nickname of, filled
# with `nickname_pairs` (a word's row of pairs looks its name up once, not once a pair).
NICKNAMES_OF: dict[str, frozenset[str]] = {}


def _slip(x: str, y: str) -> bool:
    """A doubled letter (Yyu / Yu) or two neighbours swapped (Emna / Mena): a typing slip,
    which in a short word the spelling distance would otherwise count as a different name."""
    if len(x) == len(y):
        return sorted(x) == sorted(y) and OSA.distance(x, y) == 1
    return set(x) == set(y) and _REPEATED.sub(r"\1", x) == _REPEATED.sub(r"\1", y)


class Words(NamedTuple):
    """A name's weighted words with what the alignment checks first, computed once per name.

    A named tuple (immutable, as the frozen dataclass it was): made for every name a file
    or an index compares, and a tuple is made in a fraction of a frozen dataclass's time."""

    units: tuple[Unit, ...]
    texts: frozenset[str]
    near_lengths: frozenset[int]  # lengths within 2 letters of a word of 4 or more letters
    pair_lengths: frozenset[int]  # lengths of two adjacent words joined
    initials: tuple[str, ...]  # words that read as initials ('jc')
    long_units: tuple[Unit, ...]  # words of 4+ letters: what adjacent words may join to spell
    sounds: dict[str, float]  # consonant skeleton (3+ letters) -> weight of the words with it
    total_weight: float
    has_initials: bool  # a one-letter word or a run of initials


def _words(form: NameForm, rarity: TokenRarity, original_script: bool) -> Words:
    key = (rarity, original_script)
    cached = form.cache.get(key)
    if cached is None:
        cached = form.cache[key] = _weighed(form, rarity, original_script)
    return cached  # type: ignore[return-value]


def _weighed(form: NameForm, rarity: TokenRarity, original_script: bool) -> Words:
    """A name's `Words`, made in one pass over its words (a name of a file of pairs is
    weighed for the one or two pairs it is in: this is per-pair cost there)."""
    if original_script:
        tokens = keys = form.original_tokens
    else:
        tokens, keys = form.tokens, form.phonetic
        if len(keys) != len(tokens):
            raise ValueError(f"a name form with {len(tokens)} words and {len(keys)} keys")
    abjad = form.script in ABJADS
    pinyin = form.script == HAN and not original_script
    units = tuple(map(_unit, tokens, keys, repeat(rarity), repeat(abjad), repeat(pinyin)))
    if pinyin:
        units = _with_characters(units, form.original_tokens)
    elif form.script in _KOREAN and not original_script:
        units = _with_hangul(units, form)
    elif form.script == KANA_READING and not original_script:
        units = _with_katakana(units, form)
    near: set[int] = set()
    pair_lengths: set[int] = set()
    long: list[Unit] = []
    sounds: dict[str, float] = {}
    initials: list[str] = []
    total = 0.0
    single = False
    previous = -1  # the length of the word before, none before the first
    for unit in units:
        text = unit.text
        size = len(text)
        if previous >= 0:
            pair_lengths.add(previous + size)
        previous = size
        total += unit.weight
        if size >= 4:
            long.append(unit)
            near |= _NEAR[size] if size < _NEAR_KEPT else frozenset(range(size - 2, size + 3))
        elif size == 1:
            single = True
        elif unit.consonants_only:
            initials.append(text)
        key = unit.key
        if unit.sounded and len(key) >= 3:
            sounds[key] = sounds.get(key, 0.0) + unit.weight
    return _new_words(
        Words,
        (
            units,
            frozenset(tokens),
            frozenset(near),
            frozenset(pair_lengths),
            tuple(initials),
            tuple(long),
            sounds,
            total,
            single or bool(initials),
        ),
    )


_new_words = tuple.__new__  # a Words made without its generated __new__ (one call less)
# The lengths within 2 letters of a word's length, made once per length, not once per word.
_NEAR_KEPT = 64
_NEAR = [frozenset(range(size - 2, size + 3)) for size in range(_NEAR_KEPT)]


def _acronyms(form: NameForm, words: Words, original_script: bool) -> tuple[str, ...]:
    """The name's words that may be an organisation's acronym (`_capital_words`), looked
    for only when an organisation's name is aligned (a person's name has none), once per
    name."""
    key = ("acronyms", original_script)
    found = form.cache.get(key)
    if found is None:
        tokens = form.original_tokens if original_script else form.tokens
        found = form.cache[key] = _capital_words(form.original, tokens, words.initials)
    return found  # type: ignore[return-value]


@lru_cache(maxsize=200_000)
def _unit(text: str, key: str, rarity: TokenRarity, abjad: bool, pinyin: bool) -> Unit:
    """One word weighed, once per (word, weighting): names share their words (Mohammed,
    Trading), and a name's words are weighed for every name it is compared with first.
    The unit is shared by every name with that word, so nothing may change it."""
    vowel = _has_vowel(text)
    return Unit(
        text,
        key,
        rarity.weight(text),
        sounded=abjad or vowel,
        patronymic=len(text) > 6 and text.endswith(load_rules().patronymic_endings),
        abjad=abjad,
        consonants_only=not vowel and text.isalpha(),
        pinyin=pinyin,
    )


def _with_characters(units: tuple[Unit, ...], original: tuple[str, ...]) -> tuple[Unit, ...]:
    """Each word of a name read from Han characters with the characters it was read from:
    a word per part written apart ('建宏 張'), or, written together ('习近平'), the first
    character the surname and the rest the given name, as `screener.names` reads it."""
    if len(original) == len(units):
        parts = original
    elif len(original) == 1 and len(units) == 2:
        parts = (original[0][:1], original[0][1:])
    else:
        return units
    return tuple(replace(unit, han=part) for unit, part in zip(units, parts, strict=True))


def _with_hangul(units: tuple[Unit, ...], form: NameForm) -> tuple[Unit, ...]:
    """Each word of a Korean name's reading, or of its transliteration, with the Hangul it
    was read from, when the name's words say which (`korean.hangul_words`). A reading's words
    come in the order `korean` read them; the transliteration's in the order written, but
    for a name written 'surname, given name', which `screener.names` turns round: its words
    are left as they are (`original.split()` then holds 'surname,', no Hangul word)."""
    parts = name_parts(form.original) if form.script == KOREAN_READING else form.original.split()
    words = hangul_words(parts)
    if len(words) != len(units):
        return units
    return tuple(replace(unit, hangul=word) for unit, word in zip(units, words, strict=True))


_KOREAN = frozenset({HANGUL, KOREAN_READING})


def _with_katakana(units: tuple[Unit, ...], form: NameForm) -> tuple[Unit, ...]:
    """Each word of a katakana name's reading with the katakana it is the sound of (its own
    sound when the words do not line up: a word of the reading is never compared as
    spelling)."""
    words = katakana_words(form.original)
    if len(words) != len(units):
        return tuple(replace(unit, kana=unit.text) for unit in units)
    return tuple(
        replace(unit, kana="" if word.isascii() else word)  # NPO stays a word in Latin letters
        for unit, word in zip(units, words, strict=True)
    )


def words_of(form: NameForm, rarity: TokenRarity) -> Words:
    """The cached weighted words of a name (romanised)."""
    return _words(form, rarity, False)


def _join_adjacent(
    units: Sequence[Unit],
    others: Sequence[Unit],
    long_others: tuple[Unit, ...],
    other_texts: frozenset[str] | None = None,
) -> Sequence[Unit]:
    """Join two adjacent words when together they spell a word of the other name.

    Where either name is written without short vowels, joins are found on consonants: two
    or three abjad words meet one romanised word (عبد القادر 'bd al qdr' / Abdelkader), and
    two romanised words one abjad word (Abdul Rauf / عبدالروف 'bdlrwf').
    `long_others` are the other name's words of 4+ letters (`Words.long_units`): the joined
    words are compared with those within 2 letters of their length.
    `other_texts` are the texts of `others` when the caller has them already.
    """
    abjad = bool(units and units[0].abjad) or bool(others and others[0].abjad)
    if len(units) < 2 or not (long_others or abjad):
        return units
    if other_texts is None:
        other_texts = frozenset(o.text for o in others)
    if not abjad:
        return _join_spelt(units, long_others, other_texts)
    return _join_abjad(units, others, other_texts)


def _join_abjad(
    units: Sequence[Unit], others: Sequence[Unit], other_texts: frozenset[str]
) -> list[Unit]:
    """`_join_adjacent` where either name is written without short vowels: two adjacent
    words, neither a word of the other name, join when they spell one of its words of 3+
    letters (4+ for a romanised word) on consonants or in letters (`_spelt_by_two`), the first
    such word in the other name's order lending its key; failing that, three adjacent words
    join on consonants (`_spelt_by_three`). The other words' skeletons are read once
    per call and each joined word's once, not once for each word it is tried against."""
    near = [(o, _abjad_skeleton(o.text)) for o in others if len(o.text) >= (3 if o.abjad else 4)]
    out: list[Unit] = []
    index, count = 0, len(units)
    while index < count:
        first = units[index]
        if index + 1 < count and near:
            second = units[index + 1]
            a, b = first.text, second.text
            if a not in other_texts and b not in other_texts:
                joined = a + b
                found = _spelt_by_two(joined, first, second, near)
                run = 2
                if found is None and index + 2 < count:
                    third = units[index + 2].text
                    if third not in other_texts:
                        found = _spelt_by_three(a, b, third, near)
                        run = 3
                if found is not None:
                    words = units[index : index + run]
                    out.append(
                        Unit(
                            "".join(w.text for w in words),
                            found.key,
                            max(w.weight for w in words),
                            abjad=first.abjad,
                        )
                    )
                    index += run
                    continue
        out.append(first)
        index += 1
    return out


def _spelt_by_two(
    joined: str, first: Unit, second: Unit, near: list[tuple[Unit, str]]
) -> Unit | None:
    """The first of the other name's words (with their abjad skeletons) that two adjacent
    words run together spell: on consonants when neither word's alone does ('bd' + 'al' /
    'abdul': 'bdl'), or in letters (`_spelt_joined`)."""
    joined_skeleton = _abjad_skeleton(joined)
    two_letters = len(second.text) >= 2
    both_long = two_letters and len(first.text) >= 2
    size = len(joined)
    for other, target in near:
        if (
            two_letters
            and joined_skeleton == target
            and len(target) >= 3
            and _abjad_skeleton(first.text) != target
            and _abjad_skeleton(second.text) != target
        ):
            return other
        if (
            both_long
            and -2 <= len(other.text) - size <= 2
            and _spelt_joined(joined, other.text, first, second)
        ):
            return other
    return None


def _spelt_by_three(a: str, b: str, c: str, near: list[tuple[Unit, str]]) -> Unit | None:
    """The first of the other name's words whose consonants three words run together spell
    when no one or two of them alone do ('bd' + 'al' + 'qdr' / 'abdelkader': 'bdlqdr')."""
    skeleton = _abjad_skeleton(a + b + c)
    if len(skeleton) < 4:
        return None
    parts: set[str] | None = None
    for other, target in near:
        if target == skeleton:
            if parts is None:
                parts = {
                    _abjad_skeleton(a),
                    _abjad_skeleton(b),
                    _abjad_skeleton(c),
                    _abjad_skeleton(a + b),
                    _abjad_skeleton(b + c),
                }
            if target not in parts:
                return other
    return None


def _join_spelt(
    units: Sequence[Unit], long_others: tuple[Unit, ...], other_texts: frozenset[str]
) -> Sequence[Unit]:
    """`_join_adjacent` where neither name is abjad: two adjacent words of two letters or
    more, neither of them a word of the other name, join when together they spell one of its
    words of 4+ letters within 2 letters of their length (`_spelt_joined`), or spell the
    Korean given name it was read from (Yong-pom, 용범 'yongbom'), or sound as its katakana
    (Yong Bok, ヨンボク). Most pairs of names
    have no such words: the units are then returned as they are, no list made."""
    out: list[Unit] | None = None
    index, count = 0, len(units)
    while index < count:
        first = units[index]
        if index + 1 < count:
            second = units[index + 1]
            a, b = first.text, second.text
            if len(a) >= 2 and len(b) >= 2 and a not in other_texts and b not in other_texts:
                joined = a + b
                size = len(joined)
                for other in long_others:
                    if -2 <= len(other.text) - size <= 2 and (
                        _spelt_joined(joined, other.text, first, second)
                        or (other.hangul and reading_similarity(joined, other.hangul, 1.0) == 1.0)
                        or (other.kana and kana_similarity(other.text, joined, 1.0) == 1.0)
                    ):
                        if out is None:
                            out = list(units[:index])
                        weight = max(first.weight, second.weight)
                        out.append(Unit(joined, other.key, weight, abjad=first.abjad))
                        index += 2
                        break
                else:
                    if out is not None:
                        out.append(first)
                    index += 1
                continue
        if out is not None:
            out.append(first)
        index += 1
    return units if out is None else out


def _spelt_joined(joined: str, word: str, first: Unit, second: Unit) -> bool:
    """In letters, the joined words are `MERGE_SIMILARITY` alike to `word` and closer to it
    than either word alone."""
    similarity = Levenshtein.normalized_similarity(joined, word)
    if similarity < MERGE_SIMILARITY:
        return False
    alone = max(
        Levenshtein.normalized_similarity(first.text, word),
        Levenshtein.normalized_similarity(second.text, word),
    )
    return similarity > alone


_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])")
# Words an acronym passes over ('Organization of Petroleum Exporting Countries': OPEC).
ACRONYM_SKIPS = frozenset(
    {"of", "the", "and", "for", "de", "du", "des", "la", "le", "el", "et", "und", "y"}
)


def _capital_words(
    original: str, tokens: Sequence[str], initials: Sequence[str]
) -> tuple[str, ...]:
    """Words of two to six letters written in capitals, which an organisation's name uses for
    an acronym ('PLA', 'IRGC'). Words without vowels are initials already (`initials`)."""
    if not _CAPITALS.search(original):
        return ()
    capitals = {w.lower() for w in _CAPITALS.findall(original)}
    return tuple(t for t in tokens if t in capitals and t not in initials)


def _acronym_runs(acronyms: Sequence[str], others: Sequence[Unit]) -> Sequence[Unit]:
    """'PLA' against People's Liberation Army: the words whose first letters spell an
    organisation's acronym (passing over 'of', 'the' ...) become one unit for them."""
    out = list(others)
    for acronym in acronyms:
        for start in range(len(out)):
            if out[start].initials or out[start].text in ACRONYM_SKIPS:
                continue
            letters, end = "", start
            while end < len(out) and len(letters) < len(acronym):
                word = out[end]
                if word.initials or len(word.text) < 2:
                    break
                if word.text not in ACRONYM_SKIPS or end == start:
                    letters += word.text[0]
                end += 1
            if letters == acronym and end - start >= 2:
                window = out[start:end]
                weight = max(w.weight for w in window)
                out[start:end] = [Unit(acronym, acronym, weight, initials=True, acronym=True)]
                break
    return out


def _initials_runs(initials: Sequence[str], others: Sequence[Unit]) -> Sequence[Unit]:
    """'jc' against Jean Claude: the run of initials becomes one unit for those words."""
    out = list(others)
    for run in initials:
        for start in range(len(out) - len(run) + 1):
            window = out[start : start + len(run)]
            if all(len(w.text) > 1 for w in window) and "".join(w.text[0] for w in window) == run:
                weight = max(w.weight for w in window)
                out[start : start + len(run)] = [Unit(run, run, weight, initials=True)]
                break
    return out


_VOWEL = re.compile("[aeiouy]")


def _has_vowel(text: str) -> bool:
    """Acronyms (CNNC, CNECC) have no sound to compare: only spelling counts for them."""
    return _VOWEL.search(text) is not None


def align(
    query: NameForm,
    candidate: NameForm,
    rarity: TokenRarity,
    config: MatchConfig,
    *,
    original_script: bool = False,
    person: bool = True,
) -> Alignment:
    """Pair the words of two names; `person` selects how much a one-sided extra word costs.

    The Wade-Giles reading of a pinyin name (`wade_giles`) meets names written in Latin
    letters only, as a Taiwanese passport writes them: not another such reading, nor a name
    in Han characters read as pinyin (it meets the name as written: `pinyin`), nor a Japanese
    reading of one ('shungou chou', 俊豪 張, met 'chung chou', Chong Zhou's reading).
    Likewise the readings of a Korean name (`korean`) or of a name in katakana (`katakana`)
    meet names in Latin letters only. A Korean name as transliterated (김영복 'gim yeongbog')
    meets them too, its words compared by the Hangul they were read from (`_with_hangul`),
    not by their letters, which met KIM YONG BOK one sound apart (영숙 김 'yeongsug')."""
    scripts = query.script, candidate.script
    if not _SPECIAL_SCRIPTS.isdisjoint(scripts) and (  # most pairs: two names in Latin letters
        not _scripts_meet(*scripts) or (person and _read_instead(query, candidate))
    ):
        return Alignment([], [], [], 0.0)
    qw = _words(query, rarity, original_script)
    cw = _words(candidate, rarity, original_script)
    q: Sequence[Unit] = qw.units
    c: Sequence[Unit] = cw.units
    if not (qw.texts <= cw.texts or cw.texts <= qw.texts):
        # Some word has no equal on the other side: it may be words run together, or initials.
        # Words written without short vowels are shorter than their romanisation: no
        # length says which of them may run together (they are few: all are tried).
        abjad = q[0].abjad or c[0].abjad
        if abjad or not qw.pair_lengths.isdisjoint(cw.near_lengths):
            q = _join_adjacent(q, c, cw.long_units, cw.texts)
        if abjad or not cw.pair_lengths.isdisjoint(qw.near_lengths):
            c = _join_adjacent(c, q, qw.long_units, qw.texts if q is qw.units else None)
        if qw.initials and len(c) >= 2:
            c = _initials_runs(qw.initials, c)
        if cw.initials and len(q) >= 2:
            q = _initials_runs(cw.initials, q)
        if not person:
            if len(c) >= 2 and (acronyms := _acronyms(query, qw, original_script)):
                c = _acronym_runs(acronyms, c)
            if len(q) >= 2 and (acronyms := _acronyms(candidate, cw, original_script)):
                q = _acronym_runs(acronyms, q)
    alignment = _greedy(q, c, config, person, cw.texts if c is cw.units else None)
    alignment.words = (qw, cw)
    return alignment


def _scripts_meet(query: str, candidate: str) -> bool:
    """Whether names in these two scripts (or readings: `align`) are compared at all."""
    if query in _LATIN_ONLY:
        return candidate == LATIN
    if candidate in _LATIN_ONLY:
        return query == LATIN
    return True


def _read_instead(query: NameForm, candidate: NameForm) -> bool:
    """Whether one is a Korean person's name as transliterated and the other in Latin letters:
    its readings (`korean`) meet the Latin name then, and it need not: each pair aligned is
    time a batch spends. A name too long to be a Korean person's (블라디미르 푸틴) has no
    readings and is met as transliterated."""
    if query.script == HANGUL:
        return candidate.script == LATIN and _has_readings(query.original)
    return (
        query.script == LATIN and candidate.script == HANGUL and _has_readings(candidate.original)
    )


@lru_cache(maxsize=20_000)
def _has_readings(original: str) -> bool:
    return bool(hangul_words(name_parts(original)))


# Readings that meet names in Latin letters and nothing else.
_LATIN_ONLY = frozenset({WADE_GILES_SCRIPT, KOREAN_READING, KANA_READING})
# The scripts `align` looks at before aligning: the readings, and Korean as transliterated.
_SPECIAL_SCRIPTS = _LATIN_ONLY | {HANGUL}


def _greedy(
    q: Sequence[Unit],
    c: Sequence[Unit],
    config: MatchConfig,
    person: bool,
    texts: frozenset[str] | None = None,
) -> Alignment:
    """Equal words pair first; the rest pair by best similarity above the floor. `texts`
    are the texts of `c` when the caller has them already (the name's words, not joined)."""
    pairs: list[tuple[Unit, Unit, float]] = []
    q_left: list[Unit] = []
    c_left = list(c)
    if texts is None:
        texts = frozenset([b.text for b in c])  # most words of one name are no word of the other
    for a in q:
        if not a.initials and a.text in texts:
            text = a.text
            for index, b in enumerate(c_left):
                if b.text == text and not b.initials:
                    pairs.append((a, b, 1.0))
                    del c_left[index]
                    break
            else:
                q_left.append(a)
        else:
            q_left.append(a)
    if q_left and c_left:
        _pair_fuzzy(q_left, c_left, pairs, config, person)
    score = _score(pairs, q_left, c_left, config, person)
    return Alignment(pairs, q_left, c_left, score)


def _pair_fuzzy(
    q_left: list[Unit],
    c_left: list[Unit],
    pairs: list[tuple[Unit, Unit, float]],
    config: MatchConfig,
    person: bool = False,
) -> None:
    found: list[tuple[float, int, int]] = []
    floor, short_floor = config.token_floor, config.short_token_floor
    initial_similarity = config.initial_similarity
    nickname_similarity = config.nickname_similarity
    nicknames = nickname_pairs() if person and nickname_similarity else None
    for i, columns in _pairs_to_try(q_left, c_left, config, nicknames):
        a = q_left[i]
        x, patronymic = a.text, a.patronymic
        x_nicknames = NICKNAMES_OF.get(x) if nicknames else None
        size_x = len(x)
        a_initials, a_acronym = a.initials, a.acronym
        x_short = size_x <= SHORT_WORD
        for j in columns:
            b = c_left[j]
            if b.patronymic != patronymic and not (a.kana or b.kana):
                continue  # katakana does not say which word is a patronymic
            y = b.text
            if a_initials or b.initials:
                if a_acronym or b.acronym:
                    if x == y and config.acronym_similarity:
                        found.append((-config.acronym_similarity, i, j))
                elif x == y and initial_similarity:
                    found.append((-initial_similarity, i, j))
                continue
            similarity = token_similarity(a, b, config)
            if x_nicknames and similarity < nickname_similarity and y in x_nicknames:
                similarity = nickname_similarity
            size_y = len(y)
            if similarity >= (short_floor if x_short and size_y <= SHORT_WORD else floor) or (
                similarity > 0 and (size_x == 1 or size_y == 1)
            ):
                found.append((-similarity, i, j))
    if not found:
        return
    if len(found) == 1:  # the usual case: one word left on each side, or one near pair
        negative, i, j = found[0]
        pairs.append((q_left.pop(i), c_left.pop(j), -negative))
        return
    found.sort()
    used_q: set[int] = set()
    used_c: set[int] = set()
    for negative, i, j in found:
        if i not in used_q and j not in used_c:
            used_q.add(i)
            used_c.add(j)
            pairs.append((q_left[i], c_left[j], -negative))
    q_left[:] = [u for i, u in enumerate(q_left) if i not in used_q]
    c_left[:] = [u for j, u in enumerate(c_left) if j not in used_c]


def _any_abjad(units: list[Unit]) -> bool:
    return any(u.abjad for u in units)


def _pairs_to_try(
    q: list[Unit],
    c: list[Unit],
    config: MatchConfig,
    nicknames: frozenset[tuple[str, str]] | None = None,
) -> Iterable[tuple[int, Iterable[int]]]:
    """Word pairs that could reach the floor, as (query word, the candidate words to try
    against it) in order: all of them for short names; for long names the spelling matrix
    is computed in one call and only near pairs, sound-alikes, initials and a given name
    against its nickname are looked at one by one."""
    if len(q) * len(c) <= MATRIX_MIN_PAIRS or _any_abjad(q) or _any_abjad(c):
        # A word written without short vowels ('brhym') is far in spelling from its
        # romanisation ('ibrahim'): only the consonant skeleton meets it, so every pair is tried.
        every = range(len(c))
        return [(i, every) for i in range(len(q))]
    cutoff = min(config.token_floor, config.short_token_floor)
    matrix = process.cdist(
        [u.text for u in q],
        [u.text for u in c],
        scorer=OSA.normalized_similarity,
        score_cutoff=cutoff,
        dtype=np.float32,
    )
    rows, cols = np.nonzero(matrix)
    chosen = set(zip(rows.tolist(), cols.tolist(), strict=True))
    keys: dict[str, list[int]] = {}
    for j, b in enumerate(c):
        keys.setdefault(b.key, []).append(j)
    for i, a in enumerate(q):
        chosen.update((i, j) for j in keys.get(a.key, ()))
        if a.initials or len(a.text) == 1:
            chosen.update((i, j) for j in range(len(c)))
    for j, b in enumerate(c):
        if b.initials or len(b.text) == 1:
            chosen.update((i, j) for i in range(len(q)))
    if nicknames:
        chosen.update(
            (i, j)
            for i, a in enumerate(q)
            for j, b in enumerate(c)
            if (a.text, b.text) in nicknames
        )
    tried: dict[int, list[int]] = {}
    for i, j in sorted(chosen):
        tried.setdefault(i, []).append(j)
    return tried.items()


def _score(
    pairs: list[tuple[Unit, Unit, float]],
    query_left: list[Unit],
    candidate_left: list[Unit],
    config: MatchConfig,
    person: bool,
) -> float:
    """Weighted share of the two names that found a partner, fuzzy partners counting less."""
    if not pairs:
        return 0.0
    earned = 0.0
    total = 0.0
    for a, b, similarity in pairs:
        weight = a.weight + b.weight
        if similarity >= 1.0 and not (a.initials or b.initials):
            earned += weight
        else:
            earned += weight * _credit(a, b, similarity, config)
        total += weight
    left_q = left_c = 0.0
    for u in query_left:
        left_q += u.weight
    for u in candidate_left:
        left_c += u.weight
    if left_q and left_c:
        penalty = config.substitution_penalty
    else:
        penalty = config.extra_token_penalty if person else config.extra_token_penalty_organization
    total += penalty * (left_q + left_c)
    return earned / total if total else 0.0


def is_initial(a: Unit, b: Unit) -> bool:
    return a.initials or b.initials or len(a.text) == 1 or len(b.text) == 1


def _credit(a: Unit, b: Unit, similarity: float, config: MatchConfig) -> float:
    """Equal words earn 1; an initial earns `initial_similarity`; typos earn on a curve."""
    if similarity >= 1.0 and not (a.initials or b.initials):
        return 1.0
    if is_initial(a, b):
        return similarity
    base = config.credit_base
    share = max(similarity - base, 0.0) / (1 - base)
    return float(share ** (1 / config.fuzz_exponent))
