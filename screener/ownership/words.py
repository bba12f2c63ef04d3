"""The ownership engine's explanation in the reader's language: English or Japanese.

The memo and the Ownership tab print, under each regime, the chain of stakes and list
entries that gives a party its status ("Pinewood: owned under OFAC 50 % rule (60 % counted,
rule >= 50 %, different owners' stakes added): Harbour Star 60 %"). A Japanese memo printed
those lines, and each regime's rule, in English between Japanese headings. Names, list
entries and programmes stay as the lists and the deal file write them.
"""

from __future__ import annotations

from screener.ownership.party_status import CAUTION, CONTROLLED, LISTED, OWNED

LANGUAGES = ("en", "ja")

_STATUS = {
    "en": {LISTED: "listed", OWNED: "owned", CONTROLLED: "controlled", CAUTION: "caution"},
    "ja": {
        LISTED: "リスト掲載",
        OWNED: "所有による該当",
        CONTROLLED: "支配による該当",
        CAUTION: "注意（基準未満の保有）",
    },
}
_AGGREGATION = {
    "en": {
        "all": "different owners' stakes added",
        "connected": "stakes added only for connected owners",
        "single": "one owner alone",
    },
    "ja": {
        "all": "異なる所有者の持分を合算",
        "connected": "関連する所有者の持分のみ合算",
        "single": "単一の所有者のみ",
    },
}
# a stake's control beyond its shares (deal files' `control_type`), as the window's diagram,
# the memo's diagram and links table and the explanations write it
_CONTROL = {
    "en": {
        "none": "none",
        "board_majority": "board majority",
        "sole_voting_control": "sole vote",
        "board_appointment": "appoints board",
        "dominant_influence": "dominant influence",
        "contractual": "contract",
    },
    "ja": {
        "none": "なし",
        "board_majority": "取締役会の過半数",
        "sole_voting_control": "単独議決権",
        "board_appointment": "取締役任命権",
        "dominant_influence": "支配的影響力",
        "contractual": "契約",
    },
}
_PHRASES = {
    "en": {
        "clear": "clear",
        "see_above": "{status} (see above)",
        "listed": "listed - {entry}",
        "by_order": "blocked by order - {entry}",
        "reached": "{status} under {regime} ({pct} % counted, rule {rule}): {held}",
        # control, not the stakes, gives the status: the stakes counted fall short of the rule
        "controlled": "{status} under {regime} (control by {controllers}; {pct} % counted, "
        "rule {rule}): {held}",
    },
    "ja": {
        "clear": "該当なし",
        "see_above": "{status}（上記参照）",
        "listed": "リスト掲載 - {entry}",
        "by_order": "命令により資産凍結 - {entry}",
        # a no-break space keeps '80 %' whole where Japanese wraps between any two characters
        "reached": "{status}（{regime}、算入 {pct}\u00a0%、基準 {rule}）: {held}",
        "controlled": "{status}（{regime}、支配: {controllers}、算入 {pct}\u00a0%、基準 {rule}）: "
        "{held}",
    },
}


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


def status_word(status: str, lang: str = "en") -> str:
    """'owned', '所有による該当'; a status this table does not know, as it is."""
    return _STATUS[_lang(lang)].get(status, status)


def control_words(control_type: str, lang: str = "en") -> str:
    """'appoints board', '取締役任命権'; a type this table does not know, as it is."""
    return _CONTROL[_lang(lang)].get(control_type, control_type.replace("_", " "))


def phrase(key: str, lang: str = "en", **values: object) -> str:
    return _PHRASES[_lang(lang)][key].format(**values)


def rule_text(inclusive: bool, threshold_pct: float, aggregation: str, lang: str = "en") -> str:
    """'>= 50 %, different owners' stakes added'; '50 %以上、異なる所有者の持分を合算'."""
    added = _AGGREGATION[_lang(lang)][aggregation]
    if _lang(lang) == "ja":
        return f"{threshold_pct:g}\u00a0%{'以上' if inclusive else '超'}、{added}"
    return f"{'>=' if inclusive else '>'} {threshold_pct:g} %, {added}"
