"""Fonts for the memo, and the choice of font for each run of text.

No single embeddable TrueType font covers Latin, Cyrillic, Arabic, Chinese, Japanese and
Korean, so the memo embeds three (DejaVu Sans for alphabetic scripts including Arabic, Droid
Sans Fallback for Chinese and Japanese, NanumSquare for Hangul, which Droid lacks: a Korean
name printed as empty boxes) and switches font wherever the script changes. Arabic is shaped
and put in visual order before drawing, because reportlab draws code points left to right as
given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from screener.paths import resources_dir

SANS = "MemoSans"
SANS_BOLD = "MemoSans-Bold"
CJK = "MemoCJK"
HANGUL = "MemoHangul"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumSquareR.ttf",
}

_CJK_RANGES = (
    (0x2E80, 0x2FFF),  # radicals
    (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
    (0x3100, 0x31FF),  # bopomofo, kanbun, katakana extensions
    (0x3200, 0x9FFF),  # enclosed CJK, compatibility, unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x2FFFF),  # supplementary ideographs
)
_HANGUL_RANGES = (
    (0x1100, 0x11FF),  # jamo
    (0x3130, 0x318F),  # compatibility jamo
    (0xAC00, 0xD7AF),  # syllables
)
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_RTL_RANGES = (*_ARABIC_RANGES, (0x0590, 0x05FF))  # Hebrew needs reordering, not shaping


class FontError(RuntimeError):
    """A memo font is missing from resources/fonts."""


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@functools.cache
def register_memo_fonts() -> None:
    """Register the embedded fonts once per process; parsing a 4 MB font is the slow part."""
    for name, filename in _FILES.items():
        path = fonts_dir() / filename
        if not path.is_file():
            raise FontError(f"memo font missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
            addMapping(CJK, bold, italic, CJK)
            addMapping(HANGUL, bold, italic, HANGUL)


@functools.cache
def _covers(font_name: str, code_point: int) -> bool:
    font = pdfmetrics.getFont(font_name)
    return code_point in font.face.charToGlyph  # type: ignore[attr-defined]


def _in(ranges: tuple[tuple[int, int], ...], code_point: int) -> bool:
    return any(low <= code_point <= high for low, high in ranges)


@functools.lru_cache(maxsize=8192)
def font_for(char: str, bold: bool = False) -> str:
    """Hangul goes to the Hangul font, other CJK characters to the CJK font; everything else
    to DejaVu unless only CJK has it."""
    register_memo_fonts()
    code_point = ord(char)
    latin = SANS_BOLD if bold else SANS
    if _in(_HANGUL_RANGES, code_point) and _covers(HANGUL, code_point):
        return HANGUL
    if _in(_CJK_RANGES, code_point) and _covers(CJK, code_point):
        return CJK
    if _covers(latin, code_point) or not _covers(CJK, code_point):
        return latin
    return CJK


def visual_order(text: str) -> str:
    """Shape Arabic and reorder right-to-left scripts so a left-to-right renderer draws
    them as a reader expects."""
    if text.isascii() or not any(_in(_RTL_RANGES, ord(c)) for c in text):
        return text
    if any(_in(_ARABIC_RANGES, ord(c)) for c in text):
        text = arabic_reshaper.reshape(text)
    return str(get_display(text))


def runs(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """Split text into (font name, text) runs, each drawable in one font."""
    if text.isascii():  # the common case: one run, no per-character look-up
        if text:
            yield (SANS_BOLD if bold else SANS), text
        return
    text = visual_order(text)
    current: str | None = None
    buffer: list[str] = []
    for char in text:
        font = current if char.isspace() and current is not None else font_for(char, bold)
        if font != current and buffer:
            yield current or SANS, "".join(buffer)
            buffer = []
        current = font
        buffer.append(char)
    if buffer:
        yield current or SANS, "".join(buffer)


_EAST_ASIAN = frozenset({CJK, HANGUL})


def markup(text: object, bold: bool = False) -> str:
    """Paragraph markup for a value: escaped, with a <font> switch wherever the script changes."""
    if text is None:
        return ""
    parts = []
    for font, chunk in runs(str(text), bold):
        escaped = escape(chunk).replace("\n", "<br/>")
        parts.append(
            escaped if font not in _EAST_ASIAN else f'<font face="{font}">{escaped}</font>'
        )
    joined = "".join(parts)
    return f"<b>{joined}</b>" if bold else joined


@functools.lru_cache(maxsize=16384)
def string_width(text: str, size: float, bold: bool = False) -> float:
    return sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text, bold))
