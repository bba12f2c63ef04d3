"""A deal file's coded choices in the reader's words: 'separation_plant', 分離プラント.

A Japanese memo printed the target as "separation plant" and its stages as "separation,
refining" between Japanese headings, and a rule's facts as "metal_alloy" and "dysprosium,
terbium". The choices are the deal file's (`screener.deals.fields`) and the rule packs'
synonyms of them; the minerals are those the reference lists name
(rules/reference/mineral-names-ja.yaml). In English a code is its words ('separation
plant'); a code these tables do not know is that in Japanese too.
"""

from __future__ import annotations

from functools import cache

from screener.paths import rules_dir
from screener.safe_yaml import load_shipped_table

_JAPANESE: dict[str, str] = {
    # asset types
    "mine": "鉱山",
    "separation_plant": "分離プラント",
    "refinery": "精製所",
    "metal_alloy_plant": "金属・合金製造工場",
    "magnet_plant": "磁石製造工場",
    "recycler": "リサイクル施設",
    "equity_stake": "持分",
    # how the deal is made
    "share_purchase": "株式取得",
    "asset_purchase": "資産取得",
    "merger": "合併",
    "joint_venture": "合弁",
    "convertible": "転換社債",
    "secured_loan": "担保付融資",
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
    # the matters a veto reaches, as the CFIUS pack names them (strategic_veto_subjects)
    "offtake": "引取り",
    "sale": "売却",
    "relocation": "移転",
    "closure": "閉鎖",
    "technology": "技術",
    # the MOF's classes of an issuer's business under FEFTA
    "non_designated": "非指定業種",
    "designated": "指定業種",
    "core": "コア業種",
}


@cache
def _minerals() -> dict[str, str]:
    """English mineral name -> its Japanese name."""
    data = load_shipped_table(rules_dir() / "reference" / "mineral-names-ja.yaml")
    return {str(english): str(japanese) for english, japanese in data["names"].items()}


def is_choice(code: str) -> bool:
    return code in _JAPANESE or code in _minerals()


def choice_words(code: str, lang: str = "en") -> str:
    """'separation_plant' -> 'separation plant', or '分離プラント' in Japanese; 'dysprosium' ->
    'ジスプロシウム'. Written with spaces ('separation plant', as the memo's data keeps it), a
    code reads the same."""
    if lang == "ja":
        key = code.replace(" ", "_")
        if key in _JAPANESE:
            return _JAPANESE[key]
        if code in _minerals():
            return _minerals()[code]
    return code.replace("_", " ")
