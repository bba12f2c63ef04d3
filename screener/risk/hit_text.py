"""A stored rule hit's words (title, rationale, notes) in the reader's language.

Hits are stored as dicts (screener.risk.engine.RuleHit.record). Since the packs carry Japanese,
a hit holds `title_ja`, `rationale_ja` and `notes_ja` beside the English; a hit stored before
that, or scored by a pack without Japanese, has none and reads in English in either language,
so an old assessment still prints exactly what its pack said.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from screener.risk.packs import in_language


def hit_title(hit: Mapping[str, Any], lang: str) -> str:
    return in_language(str(hit.get("title") or ""), str(hit.get("title_ja") or ""), lang)


def hit_rationale(hit: Mapping[str, Any], lang: str) -> str:
    return in_language(str(hit.get("rationale") or ""), str(hit.get("rationale_ja") or ""), lang)


def hit_notes(hit: Mapping[str, Any], lang: str) -> tuple[str, ...]:
    """The extras' notes, each in Japanese where the pack gave one, else in English."""
    notes = [str(note) for note in hit.get("notes") or () if note]
    japanese = [str(note or "") for note in hit.get("notes_ja") or ()]
    japanese += [""] * (len(notes) - len(japanese))
    return tuple(in_language(en, ja, lang) for en, ja in zip(notes, japanese, strict=False))


def has_japanese(hit: Mapping[str, Any]) -> bool:
    """Whether the hit carries any Japanese words (a hit stored before packs did has none)."""
    return bool(hit.get("title_ja") or hit.get("rationale_ja") or any(hit.get("notes_ja") or ()))
