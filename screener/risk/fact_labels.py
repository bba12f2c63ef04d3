"""The facts a rule read, in words a reviewer signs: labels for fact keys, yes/no for booleans.

A hit stores the facts its condition read under their keys (`acquirer.excepted_investor`,
`params.substantial_interest_pct`) and their values as the engine saw them (True, 49, a
list). The memo and the window's Risk tab print the label ("Acquirer: excepted investor",
"取得者: 適用除外投資家") and keep the key for the curious (the Risk tab's tooltip). English
and Japanese are kept here as data, so a reviewer can correct a label without reading code.
A key not listed reads as its words ("target.some_new_field" -> "Target: some new field").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from screener.deals.choice_words import choice_words, is_choice
from screener.risk.reason_texts import in_language

GROUPS: dict[str, tuple[str, str]] = {
    "acquirer": ("Acquirer", "取得者"),
    "chain": ("Acquirer's ownership chain", "取得者の所有系列"),
    "deal": ("Deal", "取引条件"),
    "target": ("Target", "対象資産"),
    "ownership": ("Ownership", "所有関係"),
    "transaction": ("Transaction", "取引"),
    "screening": ("Screening", "スクリーニング"),
    "reference": ("Reference lists", "参照リスト"),
    "params": ("Rule threshold", "ルールの閾値"),
}

FIELDS: dict[str, tuple[str, str]] = {
    "jurisdictions": ("Jurisdictions", "管轄"),
    "country_incorporation": ("country of incorporation", "設立国"),
    "excepted_investor": ("excepted investor", "適用除外投資家"),
    "excepted_investor_status": ("excepted-investor test", "適用除外投資家の判定"),
    "excepted_investor_reasons": ("excepted-investor test, reasons", "適用除外投資家の判定理由"),
    "fefta_foreign_investor": ("foreign investor under FEFTA", "外為法上の外国投資家"),
    "fefta_shares_pct": ("shares held with related persons (%)", "密接関係者を含む保有株式 (%)"),
    "fefta_votes_pct": (
        "voting rights held with related persons (%)",
        "密接関係者を含む議決権 (%)",
    ),
    "is_state_owned": ("state-owned", "国有"),
    "type_a_investor": ("type A investor", "特定外国投資家"),
    "adversary_linked": ("parties linked to a foreign adversary", "懸念国と関係する当事者"),
    "all_excepted_investors": ("all excepted investors", "全員が適用除外投資家"),
    "adversary_ties": ("ties to adversary-linked parties", "懸念国関係者との結び付き"),
    "board_seats": ("board seats gained", "取得する取締役席"),
    "board_size": ("board size", "取締役会の定員"),
    "closure_rights": ("right to close or idle capacity", "閉鎖・休止の権利"),
    "fefta_exemption_claimed": ("FEFTA exemption claimed", "外為法の免除を申請"),
    "filing_in_asset_country": ("filing in the asset's country", "資産所在国での届出"),
    "gains_control": ("acquirer gains control", "取得者が支配権を取得"),
    "lender_country": ("lender's country", "融資者の国"),
    "observer_seats": ("observer seats", "オブザーバー席"),
    "offshore_parent_transfer": ("offshore parent transfer", "国外親会社の移転"),
    "offtake_rights": ("offtake rights", "引取権"),
    "past_violations": ("past violations", "過去の違反"),
    "relocation_rights": ("right to relocate production", "生産移転の権利"),
    "technology_access": ("access to technology", "技術へのアクセス"),
    "vetoes": ("vetoes", "拒否権"),
    "bis_affiliate_parties": ("parties under the BIS affiliates rule", "BIS関連会社規則の対象者"),
    "blocked_control_without_ownership": (
        "control by a blocked person without ownership",
        "所有を伴わない資産凍結対象者による支配",
    ),
    "blocked_holders_pct": ("share held by blocked persons (%)", "資産凍結対象者の保有割合 (%)"),
    "eu_owned_or_controlled_parties": (
        "parties listed, or owned or controlled under the EU rule",
        "リスト掲載又はEU規則で所有・支配される当事者",
    ),
    "government_country": ("government owner's country", "政府所有者の国"),
    "government_share_pct": ("share held by governments (%)", "政府保有割合 (%)"),
    "ofac_blocked_parties": (
        "parties listed, or blocked under the OFAC 50 % rule",
        "リスト掲載又はOFAC 50%ルールの対象者",
    ),
    "uk_owned_or_controlled_parties": (
        "parties listed, or owned or controlled under the UK rule",
        "リスト掲載又は英国規則で所有・支配される当事者",
    ),
    "unresolved_share_pct": ("unresolved ownership (%)", "実質的所有者不明の割合 (%)"),
    "blocked_minority_pct": ("blocked minority stake (%)", "凍結対象の少数持分 (%)"),
    "close_proximity_miles": ("close proximity (miles)", "近接距離 (マイル)"),
    "control_voting_pct": ("control threshold, voting (%)", "支配の閾値・議決権 (%)"),
    "core_classes": ("core sector classes", "コア業種の区分"),
    "core_exemption_cap_pct": ("core exemption cap (%)", "コア業種免除の上限 (%)"),
    "ex_china_share_pct": (
        "share of ex-China capacity threshold (%)",
        "中国以外の生産能力シェアの閾値 (%)",
    ),
    "extended_range_miles": ("extended range (miles)", "拡張範囲 (マイル)"),
    "government_interest_pct": ("government interest threshold (%)", "政府持分の閾値 (%)"),
    "listed_threshold_pct": ("listed-company threshold (%)", "上場会社の閾値 (%)"),
    "midstream_stages": ("midstream stages", "中流工程"),
    "ofac_threshold_pct": ("OFAC aggregate threshold (%)", "OFAC合算閾値 (%)"),
    "public_funders": ("public funders", "公的資金の提供者"),
    "same_stage_assets": ("assets at the same stage", "同一工程の資産数"),
    "strategic_veto_subjects": ("strategic veto subjects", "戦略的拒否権の対象"),
    "substantial_interest_pct": ("substantial interest threshold (%)", "実質的持分の閾値 (%)"),
    "uncontrolled_classifications": ("uncontrolled export classifications", "規制対象外の輸出分類"),
    "unresolved_escalate_pct": ("unresolved share to escalate (%)", "上申する不明割合 (%)"),
    "unresolved_score_pct": ("unresolved share to score (%)", "加点する不明割合 (%)"),
    "upstream_stages": ("upstream stages", "上流工程"),
    "adversary_countries": ("foreign-adversary countries", "懸念国"),
    "affiliates_rule_in_force": ("BIS affiliates rule in force", "BIS関連会社規則の施行"),
    "chain_confirmed": ("confirmed list matches in the chain", "系列内の確認済みリスト一致"),
    "china_controlled_materials": ("China-controlled materials", "中国が管理する鉱物"),
    "country": ("country", "国"),
    "critical_technology": ("critical technology", "重要技術"),
    "defence_customers": ("supplies defence customers", "防衛向け供給"),
    "dfars_covered": ("DFARS-covered products", "DFARS対象製品"),
    "doe_2023_materials": ("DOE 2023 critical materials", "DOE 2023 重要物質"),
    "dpa_title_iii": ("DPA Title III funded", "DPA第III編の資金"),
    "export_classification": ("export classification", "輸出分類"),
    "export_licence_required": ("export licence required", "輸出許可が必要"),
    "framework_project": ("framework project", "枠組み対象プロジェクト"),
    "group_assets_same_stage": ("group assets at the same stage", "同一工程のグループ資産数"),
    "installation_distance_known": ("distance to installation known", "施設までの距離が判明"),
    "installation_distance_miles": (
        "distance to the nearest installation (miles)",
        "最寄り施設までの距離 (マイル)",
    ),
    "jp_core_materials": ("Japan core materials", "日本のコア物資"),
    "jp_listed": ("listed in Japan", "日本で上場"),
    "jp_mof_class": ("MOF business class", "財務省の業種区分"),
    "proprietary_process_technology": ("proprietary process technology", "独自の処理技術"),
    "public_funding": ("public funding", "公的資金"),
    "share_ex_china_pct": ("share of ex-China capacity (%)", "中国以外の生産能力シェア (%)"),
    "sole_domestic_producer": ("sole domestic producer", "国内唯一の生産者"),
    "stages": ("processing stages", "処理工程"),
    "us_tid_business": ("US TID business", "米国TID事業"),
    "usgs_2025_materials": ("USGS 2025 critical minerals", "USGS 2025 重要鉱物"),
    "stake_after_pct": ("stake after (%)", "取得後の持分 (%)"),
    "voting_after_pct": ("voting rights after (%)", "取得後の議決権 (%)"),
}

# The list categories of rules/reference/list-categories.yaml, as a qualifier of a count
# ("screening.chain_confirmed.ns_cmic").
QUALIFIERS: dict[str, tuple[str, str]] = {
    "sdn": ("OFAC SDN", "OFAC SDN"),
    "ofac_non_sdn": ("OFAC non-SDN", "OFAC 非SDN"),
    "ns_cmic": ("NS-CMIC", "NS-CMIC"),
    "entity_list": ("BIS Entity List", "BIS エンティティ・リスト"),
    "meu": ("BIS MEU", "BIS 軍事エンドユーザー"),
    "dod_1260h": ("DoD 1260H", "国防総省 1260H"),
    "meti_end_user": ("METI End User List", "経済産業省 外国ユーザーリスト"),
    "dpl": ("BIS Denied Persons List", "BIS 取引禁止顧客リスト（DPL）"),
    "itar_debarred": ("ITAR debarred (State)", "ITAR 資格停止者（国務省）"),
    "eu": ("EU", "EU"),
    "eu_sectoral": ("EU sectoral (Reg. 833/2014)", "EU 分野別措置（規則833/2014）"),
    "uk": ("UK", "英国"),
    "un": ("UN", "国連"),
    "other": ("other lists", "その他のリスト"),
}

# Values of enumerated facts (`acquirer.excepted_investor_status`).
VALUES: dict[str, tuple[str, str]] = {
    "excepted": ("excepted", "適用除外"),
    "not_excepted": ("not excepted", "適用除外に該当しない"),
    "undetermined": ("undetermined", "未確定"),
}

_LANGUAGE = {"en": 0, "ja": 1}
_CODE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
_YES_NO = {"en": ("yes", "no"), "ja": ("はい", "いいえ")}
_NONE = {"en": "(none)", "ja": "(なし)"}
_NOT_RECORDED = {"en": "(not recorded)", "ja": "(記録なし)"}


def fact_label(key: str, lang: str = "en") -> str:
    """'acquirer.excepted_investor' -> 'Acquirer: excepted investor' (or its Japanese)."""
    which = _LANGUAGE.get(lang, 0)
    group, _, field = key.partition(".")
    if not field:
        return FIELDS.get(group, (group.replace("_", " "),) * 2)[which]
    parts = field.split("[")[0].split(".")  # chain_confirmed.eu, acquirer.government_share_pct
    if parts[0] in FIELDS or parts[-1] not in FIELDS:
        field, qualifiers = parts[0], parts[1:]
    else:
        field, qualifiers = parts[-1], parts[:-1]
    group_text = GROUPS.get(group, (group.capitalize(),) * 2)[which]
    field_text = FIELDS.get(field, (field.replace("_", " "),) * 2)[which]
    if qualifiers:
        shown = [_qualifier(q, which) for q in qualifiers]
        field_text += f" ({', '.join(shown)})"
    return f"{group_text}: {field_text}"


def _qualifier(qualifier: str, which: int) -> str:
    """'ns_cmic' -> 'NS-CMIC'; an unlisted short one in capitals (acronym), a long one in words."""
    if qualifier in QUALIFIERS:
        return QUALIFIERS[qualifier][which]
    return qualifier.upper() if len(qualifier) <= 3 else qualifier.replace("_", " ")


def fact_value(value: Any, lang: str = "en") -> str:
    """A fact's value as a reader writes it: yes/no, a list joined, '(not recorded)'."""
    yes, no = _YES_NO.get(lang, _YES_NO["en"])
    if isinstance(value, bool) or value in ("True", "False"):
        return yes if value in (True, "True") else no
    if isinstance(value, list | tuple):
        return ", ".join(fact_value(v, lang) for v in value) if value else _NONE.get(lang, "")
    if value == "" or value is None:
        return _NOT_RECORDED.get(lang, "")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and value in VALUES:
        return VALUES[value][_LANGUAGE.get(lang, 0)]
    if isinstance(value, str) and (_CODE.match(value) or is_choice(value)):
        return choice_words(value, lang)  # a deal file's or rule pack's code: 'metal_alloy'
    if isinstance(value, str):
        return in_language(value, lang)  # a sentence the excepted-investor test wrote
    return str(value)


def fact_sentences(key: str, value: Any, lang: str = "en") -> list[str] | None:
    """A fact that is a list of sentences (the excepted-investor test's reasons, which hold
    commas of their own), one sentence an item in `lang`; None for any other fact, which
    `fact_value` prints on one line."""
    if key.endswith("_reasons") and isinstance(value, list | tuple) and value:
        return [fact_value(sentence, lang) for sentence in value]
    return None


def holds_parties(key: str) -> bool:
    """Whether a fact's value is a list of the case's party keys (`ownership.*_parties`,
    `chain.adversary_linked` ...), which a reader knows by name, not by the deal file's key."""
    last = key.rsplit(".", 1)[-1]
    return last.endswith("_parties") or last in ("adversary_linked", "type_a_investors")


def with_party_names(key: str, value: Any, names: Mapping[str, str] | None) -> Any:
    """The value with each party key as the party's name ('ACQ' -> 'Pinewood Critical
    Materials Inc.'); other facts, and keys no party bears, as they are."""
    if not names or not holds_parties(key) or not isinstance(value, list | tuple):
        return value
    return [names.get(str(v), v) for v in value]


def facts_in_words(
    facts: Iterable[tuple[str, Any]], lang: str = "en", names: Mapping[str, str] | None = None
) -> str:
    """The facts a rule read, '; ' between them, as the memo and the results export print
    them; a list of reasons (the excepted-investor test's sentences,
    which hold commas of their own) last, one bullet per sentence. A fact with no key (an
    extra's note) is its value alone; parties are named by `names` (party key -> name)."""
    plain, listed = [], []
    for key, value in facts:
        value = with_party_names(key, value, names)
        label = f"{fact_label(key, lang)}: " if key else ""
        sentences = fact_sentences(key, value, lang)
        if sentences:
            listed.append(f"\n{label.rstrip()}" + "".join(f"\n• {s}" for s in sentences))
        else:
            plain.append(f"{label}{fact_value(value, lang)}")
    return "; ".join(plain) + "".join(listed)
