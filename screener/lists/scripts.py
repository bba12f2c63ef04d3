"""Which writing system a name is in, so names in original script can be told apart.

Matching transliterates Cyrillic, Arabic or Han names before comparing them, and the memo
shows the original next to the Latin form; both need to know the script. The first letter
that is not Latin decides, because publishers mix Latin punctuation and digits into names.
"""

from __future__ import annotations

import unicodedata

_SCRIPT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("CYRILLIC", "cyrillic"),
    ("ARABIC", "arabic"),
    ("CJK", "han"),
    ("HIRAGANA", "kana"),
    ("KATAKANA", "kana"),
    ("HANGUL", "hangul"),
    ("GREEK", "greek"),
    ("HEBREW", "hebrew"),
    ("GEORGIAN", "georgian"),
    ("ARMENIAN", "armenian"),
    ("THAI", "thai"),
    ("DEVANAGARI", "devanagari"),
    ("ETHIOPIC", "ethiopic"),
)


def script_of(text: str) -> str | None:
    """'latin', a non-Latin script name, or None when the text has no letters."""
    seen_latin = False
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            seen_latin = True
            continue
        for prefix, script in _SCRIPT_PREFIXES:
            if name.startswith(prefix):
                return script
        return "other"
    return "latin" if seen_latin else None


def is_non_latin(text: str) -> bool:
    script = script_of(text)
    return script is not None and script != "latin"
