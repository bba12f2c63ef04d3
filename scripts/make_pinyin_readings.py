"""Write rules/matching/pinyin_readings.yaml: the pinyin readings of characters that have several.

    .venv/bin/python scripts/make_pinyin_readings.py

A name in Han characters is read as pinyin with each character's usual reading (pypinyin's
`lazy_pinyin`), which is not always the name's: 曾 is read ceng, the surname is Zeng; 勒 is
read lei, and Dong Lecheng (董勒成) is listed as such. For every character in common use
that pypinyin (MIT licence) reads more than one way, the table gives its readings a name
may take, toneless: GB 2312 (the 6,763 simplified characters of both levels) and Big5's
common characters (5,401 traditional ones), as the lists write Chinese names in either.

Not every reading pypinyin lists: its heteronyms include archaic and dictionary-only
readings no name takes, and they met other names. 平 许 scored 0.935 against the listed
Bing Xu (平 'ping beng bing pian': no word reads 平 bing), 英 樊 0.935 against FAN, Yang
(英 'ying yang'). So a reading beyond the usual one counts when a word uses it: a phrase of
pypinyin's phrase dictionary reads the character so (曾祖 zengzu, 勒索 lesuo), or it is a
surname's own reading (单 Shan, 区 Ou), from rules/matching/pinyin_surname_readings.yaml,
reviewed by hand. The phrase dictionary is written in simplified characters, so a
traditional character takes the readings the words give its simplified form (長 as 长:
zhang and chang), by OpenCC's table (`simplified`).

Copied into the rules rather than read from pypinyin at run time: importing pypinyin loads
its phrase dictionary (0.3 s, ~60 MB) in every process that compares a name (as
scripts/make_wade_giles_table.py says). tests/unit/matching/test_pinyin.py checks the copy.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SURNAMES = REPO / "rules" / "matching" / "pinyin_surname_readings.yaml"

# (encoding, lead bytes, trail bytes) of the characters in common use
CHARACTER_SETS = (
    ("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)),
    ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
)


def common_characters() -> list[str]:
    found: set[str] = set()
    for encoding, leads, trails in CHARACTER_SETS:
        for lead in leads:
            for trail in trails:
                try:
                    found.add(bytes([lead, trail]).decode(encoding))
                except UnicodeDecodeError:
                    continue  # the code points no character takes
    return sorted(found)


def phrase_readings() -> dict[str, set[str]]:
    """character -> the toneless readings pypinyin's phrase dictionary gives it in a phrase.

    Each phrase has a list of readings per character (two for 朝阳: zhao or chao)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.phrases_dict import phrases_dict

    found: dict[str, set[str]] = defaultdict(set)
    for phrase, readings in phrases_dict.items():
        if len(phrase) != len(readings):
            continue  # not one reading per character: which is whose is not known
        for character, choices in zip(phrase, readings, strict=True):
            found[character].update(to_normal(choice) for choice in choices)
    return found


def simplified(character: str) -> str:
    """The simplified form of a traditional character (長 -> 长, 乾 -> 干), the character
    itself otherwise. The phrase dictionary is written in simplified characters: without
    it a traditional character's readings were its usual one alone (長 zhang, not chang).
    OpenCC's tables (opencc-python-reimplemented, Apache-2.0), read here only."""
    return str(_t2s().convert(character))


@cache
def _t2s() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def surname_readings() -> dict[str, set[str]]:
    """character -> its surname's own readings, from the reviewed table."""
    data = yaml.safe_load(SURNAMES.read_text(encoding="utf-8"))
    return {str(c): set(str(r).split()) for c, r in data["surnames"].items()}


def listed_readings(character: str) -> set[str]:
    """Every toneless reading pypinyin lists for `character`, archaic ones too."""
    from pypinyin import Style, pinyin

    readings = pinyin(character, style=Style.NORMAL, heteronym=True)[0]
    return {r for r in readings if r.isascii() and r.isalpha()}


def table() -> dict[str, tuple[str, ...]]:
    """character -> its toneless readings, the usual one first, for the characters a name
    may read more than one way."""
    from pypinyin import lazy_pinyin

    in_phrases, surnames = phrase_readings(), surname_readings()
    found = {}
    for character in common_characters():
        usual = lazy_pinyin(character)[0]
        listed = listed_readings(character)
        surname = surnames.get(character, set())
        if surname - listed:
            wrong = " ".join(sorted(surname - listed))
            raise ValueError(f"{SURNAMES.name}: pypinyin never reads {character} {wrong}")
        in_words = in_phrases.get(character, set()) | in_phrases.get(simplified(character), set())
        used = (listed & in_words) | surname
        if used - {usual} and usual in listed:
            found[character] = (usual, *sorted(used - {usual}))
    return found


def main() -> None:
    from pypinyin import __version__

    from scripts.rules_table import write_table

    comment = [
        "Characters a name may read more than one way: character -> its readings, the usual",
        f"one first. Generated by scripts/make_pinyin_readings.py from pypinyin {__version__}",
        "(MIT licence), over GB 2312 and Big5's common characters: a reading beyond the usual",
        "one counts when pypinyin's phrase dictionary uses it (for a traditional character,",
        "or its simplified form, by OpenCC), or it is a surname's own",
        "(pinyin_surname_readings.yaml); archaic readings no word takes are left out. Read by",
        "screener/matching/pinyin.py. Do not edit by hand: regenerate.",
    ]
    rows = [f"{c}: {' '.join(readings)}" for c, readings in table().items()]
    write_table("pinyin_readings.yaml", comment, "characters", rows)


if __name__ == "__main__":
    main()
