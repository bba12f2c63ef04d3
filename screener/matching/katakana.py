"""A foreign name in katakana meets the lists' Latin spelling of it by how Japanese writes it.

Japanese documents write a foreign person or company in katakana: プーチン, ローテンベルク,
カラシニコフ・コンツェルン (an alias OpenSanctions gives Kalashnikov Concern). Read as Japanese
(`screener.names`, pykakasi) they are 'puuchin', 'rootenberuku', 'karashinikofu kontsuerun',
which met Putin at 0.42, Rotenberg at 0.48 and Kalashnikov Concern at 0.48: Japanese adds a
vowel after a consonant that ends a syllable (Rotenberg -> ro-te-n-be-ru-ku), has one sound
for l and r and for b and v, writes ti as chi and si as shi, and marks long vowels and doubled
consonants that the Latin spelling does not write.

So a name in katakana gets a reading (`KANA_READING`) in which each word is that sound key:
its katakana read by a table of the sounds Japanese writes foreign names with
(rules/matching/katakana.yaml: ティ is ti, which pykakasi reads 'tei'), long vowels and
doubled consonants written once. A word of the lists' Latin name is brought into the same
key (`japanese_sound`): the vowel Japanese would add, l as r, v as b, and the same
spellings of ti, si, tu. The two keys are compared by spelling; alike, they count as words
that sound alike, never as equal: the key loses what Japanese cannot write.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from screener.names import without_cjk_legal_forms
from screener.paths import rules_dir
from screener.safe_yaml import load_shipped_table

# The `script` of a reading: it meets names in Latin letters only (`alignment.align`).
KANA_READING = "kana_reading"
# Keys at least this alike are words that sound alike (`kana_similarity`).
SOUND_FLOOR = 0.85
# A pair of words at least this alike is explained as the word as Japanese writes it.
KANA_ALIKE = 0.8
_KATAKANA = re.compile(r"^[\u30a1-\u30fc]+$")
_WORD_BREAKS = re.compile(r"[\s・＝=･]+")
_LATIN_WORD = re.compile(r"^[A-Za-z0-9&.\-]+$")


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    data = load_shipped_table(rules_dir() / "matching" / "katakana.yaml")
    for part in ("two", "one"):
        for kana, letters in data[part].items():
            if not isinstance(letters, str):  # an unquoted 'no' (ノ) is read as false
                raise ValueError(f"katakana.yaml: {kana}: {letters!r} is not letters (quote it)")
    return dict(data["two"]), dict(data["one"])


def katakana_words(text: str) -> list[str]:
    """The words of a name written in katakana (at '・', '＝' or spaces), its legal forms
    set aside (株式会社, 有限会社), a word in Latin letters kept as written (NPO); [] when
    no word is katakana or a word is in another script (a Japanese name in kanji and kana
    is read as Japanese)."""
    body = without_cjk_legal_forms(text)
    words = [w for w in _WORD_BREAKS.split(body) if w]
    if not any(_KATAKANA.match(w) for w in words):
        return []
    if not all(_KATAKANA.match(w) or _LATIN_WORD.match(w) for w in words):
        return []
    return words


def reading_words(words: list[str]) -> list[str]:
    """The words of `katakana_words` as the reading writes them: each katakana word's sound
    key, a word in Latin letters as it is."""
    return [katakana_key(w) if _KATAKANA.match(w) else w for w in words]


@lru_cache(maxsize=20_000)
def katakana_key(word: str) -> str:
    """The sound key of one word in katakana: 'プーチン' -> 'puchin'."""
    two, one = _table()
    letters: list[str] = []
    at = 0
    while at < len(word):
        pair = word[at : at + 2]
        if pair in two:
            letters.append(two[pair])
            at += 2
            continue
        letters.append(one.get(word[at], ""))
        at += 1
    return sound_key("".join(letters))


# The Latin letters Japanese hears as another: in this order, longest first.
_SPELLINGS = (
    ("tsch", "ch"),
    ("dzh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("ph", "f"),
    ("th", "s"),
    ("ck", "k"),
    ("kh", "h"),
    ("gh", "g"),
    ("zh", "j"),
    ("dj", "j"),
    ("cz", "ch"),
    ("sz", "sh"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "u"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_HARD_C = re.compile(r"c(?!h)")
# A consonant (or ch, sh, ts) with no vowel after it, not doubled and not a syllable's n.
_CLOSING = re.compile(r"(ch|sh|ts|c(?!h)|s(?!h)|t(?!s)|[bdfgjklmpqrvxz])(?![aeiouy]|\1)")
_Y_VOWEL = re.compile(r"y(?![aeiou])")
_CODA_M = re.compile(r"m(?=[bp])")
# The syllables written two ways, in the one spelling both sides are brought to.
_SYLLABLES = (
    (re.compile(r"s(?=i)(?!h)"), "sh"),
    (re.compile(r"t(?=i)"), "ch"),
    (re.compile(r"[dz](?=i)"), "j"),
    (re.compile(r"t(?=u)(?!s)"), "ts"),
    (re.compile(r"d(?=u)"), "z"),
    (re.compile(r"(?<![cs])h(?=u)"), "f"),
)
_RUNS = re.compile(r"(.)\1+")


def sound_key(letters: str) -> str:
    """Latin letters as read from katakana, brought to one spelling of each sound: l and r
    one, b and v one, ti as chi, si as shi, di and zi as ji, tu as tsu, hu as fu; a run of
    one letter (a long vowel, a doubled consonant) written once."""
    text = letters.replace("l", "r").replace("v", "b")
    for pattern, spelling in _SYLLABLES:
        text = pattern.sub(spelling, text)
    return _RUNS.sub(r"\1", text)


@lru_cache(maxsize=50_000)
def japanese_sound(word: str) -> str:
    """A word of a name in Latin letters as Japanese writes it, as a sound key: 'rotenberg'
    -> 'rotenberugu', 'putin' -> 'puchin', 'vladimir' -> 'buradimiru' -> 'burajimiru'."""
    text = word.lower()
    if not text.isascii() or not text.isalpha():
        return text
    for spelling, heard in _SPELLINGS:
        text = text.replace(spelling, heard)
    text = _SOFT_C.sub("s", text)
    text = _HARD_C.sub("k", text)
    text = _Y_VOWEL.sub("i", text)
    text = _CODA_M.sub("n", text)
    text = _drop_silent_h(text)
    text = _CLOSING.sub(_with_vowel, text)
    return sound_key(text)


def _drop_silent_h(text: str) -> str:
    """An h after a vowel and before no vowel is not heard (Shah, Mohammad's Muhammad)."""
    return _SILENT_H.sub("", text)


_SILENT_H = re.compile(r"(?<=[aeiou])h(?![aeiou])")


def _with_vowel(match: re.Match[str]) -> str:
    """The vowel Japanese writes after a consonant that closes a syllable: o after t and d
    (ト, ド), i after ch and j (チ, ジ) and after sh within a word (カラシニコフ; ブッシュ at
    its end), u after the rest (ク, ル, ス)."""
    consonant = match.group(1)
    if consonant in ("t", "d"):
        return consonant + "o"
    if consonant in ("ch", "j") or (consonant == "sh" and match.end() < len(match.string)):
        return consonant + "i"
    return consonant + "u"


def kana_similarity(key: str, latin: str, sound: float) -> float:
    """A word of a katakana name (its sound key) against a word in Latin letters: `sound`
    when their keys are at least `SOUND_FLOOR` alike (the Latin word heard any of the ways
    `_sounds` gives), else their keys' likeness in letters, below the floor."""
    similarity = 0.0
    for other in _sounds(latin):
        if key == other:
            return sound
        similarity = max(similarity, float(OSA.normalized_similarity(key, other)))
    return sound if similarity >= SOUND_FLOOR else min(similarity, sound)


@lru_cache(maxsize=50_000)
def _sounds(latin: str) -> tuple[str, ...]:
    """The keys of a Latin word as Japanese may write it: -er long or with r (センター,
    アリシェル), ng with g or as n alone (ヤング Young; ヨン, ジョン, as Korean and
    Chinese names are written: Kim Yong Bok is キム・ヨンボク, Jong-un ジョンウン)."""
    word = latin.lower()
    if not word.isascii():
        return (japanese_sound(word),)
    spellings = {word}
    if len(word) > 3 and word.endswith("er"):
        spellings.add(word[:-2] + "a")
    if "ng" in word:
        spellings |= {_NG.sub("n", w) for w in spellings}
    return tuple(dict.fromkeys(japanese_sound(w) for w in sorted(spellings, key=len, reverse=True)))


_NG = re.compile(r"ng")
