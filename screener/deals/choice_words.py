"""A deal file's coded choices in the reader's words: 'separation_plant', 分離プラント.

A Japanese memo printed the target as "separation plant" and its stages as "separation,
refining" between Japanese headings, and a rule's facts as "metal_alloy". The choices are
the deal file's (`screener.deals.fields`) and the rule packs' synonyms of them. In English a
code is its words ('separation plant'); a code this table does not know is that in Japanese
too.
"""

from __future__ import annotations

_JAPANESE: dict[str, str] = {
    # asset types
    "mine": "鉱山",
    "separation_plant": "分離プラント",
    "refinery": "精製所",
    "metal_alloy_plant": "金属・合金製造工場",
    "magnet_plant": "磁石製造工場",
    "recycler": "リサイクル施設",
    "equity_stake": "持分",
    # processing stages, and the rule packs' words for them
    "mining": "採掘",
    "beneficiation": "選鉱",
    "separation": "分離",
    "refining": "精製",
    "metal_alloy": "金属・合金製造",
    "metal": "金属製造",
    "alloy": "合金製造",
    "magnet": "磁石製造",
    "magnet_manufacturing": "磁石製造",
    "recycling": "リサイクル",
}


def is_choice(code: str) -> bool:
    return code in _JAPANESE


def choice_words(code: str, lang: str = "en") -> str:
    """'separation_plant' -> 'separation plant', or '分離プラント' in Japanese. Written with
    spaces ('separation plant', as the memo's data keeps it), a code reads the same."""
    key = code.replace(" ", "_")
    if lang == "ja" and key in _JAPANESE:
        return _JAPANESE[key]
    return code.replace("_", " ")
