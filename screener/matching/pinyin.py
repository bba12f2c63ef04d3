"""Words of a Chinese name read as pinyin, compared syllable by syllable.

A name in Han characters is read as pinyin (`screener.names`), and its words met Latin names
one letter or one sound apart: 琳 杨 'lin yang' scored 0.89 against Lian Yang, 莹 赵 'ying
zhao' 0.89 against Yin Zhao, 靜宜 黄 'jingyi huang' 0.86 against Jinghua Zhuang (Metaphone
gives 'jingyi' and 'jinghua' one English sound). In pinyin each syllable is a character:
lin and lian, ying and yin, huang and zhuang are different characters, so different names,
and a list writing a Chinese name in pinyin writes its syllables as they are. Such pairs
were half the dev negatives' false alerts against the CSL.

So a word read from Han characters and a word that is pinyin too, of as many syllables, are
alike by the share of their syllables that are equal, or that are another reading of that
syllable's character: the usual reading chosen for a name in characters is not always the
name's (曾 is read ceng, the surname is Zeng; 勒 lei, and 董勒成 is listed as Dong Lecheng;
rules/matching/pinyin_readings.yaml: the readings pypinyin's words give a character, and a
surname's own; not the archaic ones no word takes, 平 as bing met Bing Xu). Words that are
not pinyin of as many syllables are compared by spelling: by spelling and sound as any other
words when one is no pinyin (Wade-Giles 'Hsu', Cantonese 'Wong'), by spelling alone when a
syllable is more or less ('meiying' against 'ming', which Metaphone reads as one English
sound).
"""

from __future__ import annotations

from functools import cache

from rapidfuzz.distance import OSA

from screener.matching.wade_giles import pinyin_syllables
from screener.paths import rules_dir
from screener.safe_yaml import load_shipped_table


@cache
def _readings() -> dict[str, frozenset[str]]:
    """character -> every reading of it, for the characters read more than one way."""
    data = load_shipped_table(rules_dir() / "matching" / "pinyin_readings.yaml")
    return {str(c): frozenset(str(r).split()) for c, r in data["characters"].items()}


def load_readings() -> None:
    """Read the table now: a batch reads it once before its workers fork."""
    _readings()


def readings_of(characters: str) -> frozenset[str]:
    """What `characters` (one character) may be read as, beyond its usual reading."""
    return _readings().get(characters, frozenset())


def pinyin_similarity(
    x: str, x_characters: str, y: str, y_characters: str, other_reading: float
) -> float | None:
    """How alike two words are syllable by syllable; None when they are not both pinyin.

    `*_characters` are the Han characters a word was read from ("" when it was not, or they
    are not known): a syllable another reading of its character gives counts as the same,
    and a word the same but for such readings is as alike as `other_reading`, words of the
    same sound. Words of different syllable counts are alike by their spelling alone."""
    left, right = pinyin_syllables(x), pinyin_syllables(y)
    if left is None or right is None:
        return None
    if len(left) != len(right):
        # a syllable more or less: spelling alone, never the English sound ('meiying' is
        # not 'ming', though Metaphone reads both MNK)
        return float(OSA.normalized_similarity(x, y))
    left_readings = _per_syllable(x_characters, len(left))
    right_readings = _per_syllable(y_characters, len(right))
    same = 0
    for a, b, a_also, b_also in zip(left, right, left_readings, right_readings, strict=True):
        if a == b or b in a_also or a in b_also or (a_also & b_also):
            same += 1
    if same == len(left):
        return 1.0 if x == y else other_reading
    return same / len(left)


def _per_syllable(characters: str, syllables: int) -> tuple[frozenset[str], ...]:
    """Each syllable's other readings, when the word has one character per syllable."""
    if len(characters) != syllables:
        return (frozenset(),) * syllables
    return tuple(readings_of(c) for c in characters)


def read_otherwise(x: str, x_characters: str, y: str, y_characters: str) -> str:
    """The characters that another reading makes the same ('曾' in ceng / zeng), when the two
    words are the same but for such readings; "" otherwise. For the explanation a reviewer
    reads: 'ceng' and 'zeng' are two readings of 曾, not one letter apart."""
    left, right = pinyin_syllables(x), pinyin_syllables(y)
    if x == y or left is None or right is None or len(left) != len(right):
        return ""
    read = ""
    for position, (a, b) in enumerate(zip(left, right, strict=True)):
        if a == b:
            continue
        for characters, other in ((x_characters, b), (y_characters, a)):
            if len(characters) == len(left) and other in readings_of(characters[position]):
                read += characters[position]
                break
        else:
            return ""
    return read
