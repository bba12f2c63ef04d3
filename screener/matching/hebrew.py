"""Hebrew spelling that a letter-by-letter transliteration misreads, set right before comparing.

Two marks of Hebrew writing reach the romanised words wrongly:
- gershayim (״, typed as '"') marks an acronym inside a word (להב"ה, Lehava): punctuation to
  the tokeniser, it split the word in two ('lhv', 'h');
- a yod or vav right after a word's first letter when that letter is aleph or ayin (silent
  in a romanisation) writes the vowel i or o/u (אילי Eli, אורי Uri): transliterated as the
  consonant y or w, it gave 'yly' a skeleton 'yl' that no romanisation 'Eli' shares.
A Hebrew name with either gets a second reading without them (records._readings); the name
as written stays its first reading.
"""

from __future__ import annotations

import re

_LETTER = "\u05d0-\u05ea"
_GERSHAYIM = re.compile(rf'(?<=[{_LETTER}])["\u05f4](?=[{_LETTER}])')
# A word's first letter aleph or ayin, then yod or vav: the vowel letter is dropped (the
# skeleton of a word is its consonants: the romanisation's vowel has none).
_SILENT_THEN_VOWEL = re.compile(rf"(?<![{_LETTER}])([\u05d0\u05e2])[\u05d9\u05d5](?=[{_LETTER}])")


def hebrew_reading(text: str) -> str | None:
    """The name without gershayim inside words and without vowel letters after a silent first
    letter, or None when it has neither."""
    spelt = _SILENT_THEN_VOWEL.sub(r"\1", _GERSHAYIM.sub("", text))
    return spelt if spelt != text else None
