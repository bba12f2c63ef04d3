"""Arabic and Persian spelling that a letter-by-letter transliteration misreads, set right.

A yeh or waw right after a word's first letter when that letter is alef or ayin writes a
vowel: ایوب is Ayyub, عیسی Isa or Eisa, اویس Owais. anyascii drops the ayin (and gives the
alef no letter) and writes the yeh as the consonant y: 'ywb', 'ysy', whose skeletons 'yb' and
'ys' no romanisation ('ayyub': 'b'; 'eisa': 's') shares. As in Hebrew (`hebrew`), a name with
such a word gets a second reading without that vowel letter; the name as written stays its
first reading (a leading yeh with no alef before it is a consonant: يوسف, Yusuf).
"""

from __future__ import annotations

import re

_ALEFS_AND_AYIN = "\u0627\u0623\u0625\u0622\u0639"  # ا أ إ آ ع
_YEH_AND_WAW = "\u064a\u06cc\u0648"  # ي ی و
_LETTER = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff"
_SILENT_THEN_VOWEL = re.compile(
    rf"(?<![{_LETTER}])([{_ALEFS_AND_AYIN}])[{_YEH_AND_WAW}](?=[{_LETTER}])"
)


def arabic_reading(text: str) -> str | None:
    """The name without the vowel letters after a silent first letter, or None without any."""
    spelt = _SILENT_THEN_VOWEL.sub(r"\1", text)
    return spelt if spelt != text else None
