"""Every shipped rule fires on a case made for it and stays silent on a near miss.

The cases are parametrised over the rule ids found in the shipped packs, so a rule added
to rules/*.yaml without a case here fails `test_every_shipped_rule_has_cases`.
"""

from __future__ import annotations

import pytest

from screener.risk.engine import evaluate
from screener.risk.facts import Facts
from screener.risk.packs import load_shipped_packs

from .factory import facts, quiet_facts

PACKS = load_shipped_packs()
SHIPPED_IDS = sorted(rule.id for pack in PACKS for rule in pack.rules)
DOMAIN_IDS = sorted(
    [f"G{i}" for i in range(1, 8)]
    + [f"T{i}" for i in range(1, 10)]
    + [f"V{i}" for i in range(1, 8)]
    + [f"C{i}" for i in range(1, 5)]
    + ["R18"]
)
JP_CORE = {
    "country": "JP",
    "jp_listing_known": True,
    "jp_listed": False,
    "jp_core_materials": ("cobalt",),
}
FOREIGN_ACQUIRER = {"key": "ACQ", "country_incorporation": "SG", "fefta_foreign_investor": True}

# rule id -> (facts on which it fires, a near miss on which it does not)
CASES: dict[str, tuple[Facts, Facts]] = {
    "G1": (
        facts(screening={"chain_confirmed": {"sdn": 1}}),
        facts(screening={"chain_pending": {"sdn": 1}, "case_confirmed": {"uk": 1}}),
    ),
    "G2": (
        facts(ownership={"eu_owned_or_controlled_parties": ("HOLD",)}),
        facts(screening={"chain_pending": {"eu": 1}}),
    ),
    "G3": (
        facts(
            target={"us_tid_business": True},
            transaction={"voting_after_pct": 25.0},
            ownership={"government_share_pct": 49.0},
        ),
        facts(
            target={"us_tid_business": True},
            transaction={"voting_after_pct": 24.99},
            ownership={"government_share_pct": 49.0},
        ),
    ),
    "G4": (
        facts(target={"critical_technology": True, "export_licence_required": True}),
        facts(target={"critical_technology": True, "export_licence_required": False}),
    ),
    "G5": (
        facts(target=JP_CORE, acquirer=FOREIGN_ACQUIRER, transaction={"stake_after_pct": 0.5}),
        facts(
            target=JP_CORE,
            acquirer={"country_incorporation": "JP", "fefta_foreign_investor": False},
            transaction={"stake_after_pct": 0.5},
        ),
    ),
    "G6": (
        facts(transaction={"voting_after_pct": 50.01}),
        facts(transaction={"voting_after_pct": 50.0}),
    ),
    "G7": (
        facts(target={"us_tid_business": True}, deal={"observer_seats": 1}),
        facts(target={"us_tid_business": True}, deal={"information_rights": True}),
    ),
    "T1": (facts(chain={"adversary_linked": ("HXG",)}), facts(chain={"adversary_linked": ()})),
    "T2": (
        facts(ownership={"government_share_pct": 49.0, "government_country": "SG"}),
        facts(ownership={"government_share_pct": 48.99, "government_country": "CN"}),
    ),
    "T3": (
        facts(screening={"chain_confirmed": {"entity_list": 1}}),
        facts(screening={"case_confirmed": {"entity_list": 1}, "chain_pending": {"meu": 2}}),
    ),
    "T4": (
        facts(
            reference={"affiliates_rule_in_force": True},
            ownership={"bis_affiliate_parties": ("SUB",)},
        ),
        facts(
            reference={"affiliates_rule_in_force": False},
            ownership={"bis_affiliate_parties": ("SUB",)},
        ),
    ),
    "T5": (
        facts(ownership={"blocked_holders_pct": 25.0}),
        facts(ownership={"blocked_holders_pct": 24.99}),
    ),
    "T6": (
        facts(ownership={"unresolved_share_pct": 10.01}),
        facts(ownership={"unresolved_share_pct": 10.0}),
    ),
    "T7": (facts(deal={"lender_country": "CN"}), facts(deal={"lender_country": "JP"})),
    "T8": (
        facts(deal={"past_violations": ("OFAC settlement 2019",)}),
        facts(deal={"past_violations": ()}, screening={"chain_pending": {"dpl": 1}}),
    ),
    "T9": (
        facts(chain={"all_excepted_investors": True}),
        facts(chain={"all_excepted_investors": False}),
    ),
    "V1": (facts(target={"stages": ("mining",)}), facts(target={"stages": ("exploration",)})),
    "V2": (
        facts(target={"china_controlled_materials": ("dysprosium",)}),
        facts(target={"materials": ("dysprosium",), "china_controlled_materials": ()}),
    ),
    "V3": (
        facts(target={"usgs_2025_materials": ("copper",)}),
        facts(target={"materials": ("gold",)}),
    ),
    "V4": (facts(target={"share_ex_china_pct": 10.0}), facts(target={"share_ex_china_pct": 9.99})),
    "V5": (
        facts(deal={"vetoes": ("closure or idling of capacity",)}),
        facts(deal={"vetoes": ("annual budget",), "information_rights": True}),
    ),
    "V6": (
        facts(target={"installation_distance_known": True, "installation_distance_miles": 100.0}),
        facts(target={"installation_distance_known": True, "installation_distance_miles": 100.01}),
    ),
    "V7": (
        facts(target={"export_classification": "1C011"}),
        facts(target={"export_classification": "EAR99"}),
    ),
    "C1": (facts(target={"dfars_covered": True}), facts(target={"share_global_pct": 50.0})),
    "C2": (
        facts(target={"public_funding": ("JOGMEC EQUITY 2024",)}),
        facts(target={"public_funding": ("PRIVATE BANK LOAN",)}),
    ),
    "C3": (facts(deal={"closure_rights": True}), facts(deal={"relocation_rights": True})),
    "C4": (
        facts(target={"group_assets_same_stage": 2}),
        facts(target={"group_assets_same_stage": 1}),
    ),
    "R18": (
        facts(deal={"offshore_parent_transfer": True, "filing_in_asset_country": False}),
        facts(deal={"offshore_parent_transfer": True, "filing_in_asset_country": True}),
    ),
}


@pytest.mark.parametrize("listing", ["dpl", "itar_debarred"])
def test_a_confirmed_denial_or_debarment_is_a_past_violation(listing: str) -> None:
    """T8 read only the deal file's own account; a chain owner confirmed on the DPL or
    debarred under the ITAR fired no rule at all (both lists counted as "other")."""
    hits = evaluate(PACKS, facts(screening={"chain_confirmed": {listing: 1}})).hits
    assert "T8" in {hit.rule_id for hit in hits}


def test_shipped_packs_implement_every_domain_rule_once() -> None:
    assert SHIPPED_IDS == DOMAIN_IDS


def test_every_shipped_rule_has_cases() -> None:
    assert sorted(CASES) == SHIPPED_IDS


def test_no_rule_fires_on_the_quiet_baseline() -> None:
    assert evaluate(PACKS, quiet_facts()).hits == ()


@pytest.mark.parametrize("rule_id", SHIPPED_IDS)
def test_rule_fires_on_its_case(rule_id: str) -> None:
    firing, _ = CASES[rule_id]
    assert rule_id in evaluate(PACKS, firing).fired_rule_ids


@pytest.mark.parametrize("rule_id", SHIPPED_IDS)
def test_rule_is_silent_on_its_near_miss(rule_id: str) -> None:
    _, near_miss = CASES[rule_id]
    assert rule_id not in evaluate(PACKS, near_miss).fired_rule_ids


@pytest.mark.parametrize("rule_id", SHIPPED_IDS)
def test_rule_declares_source_rationale_and_weight(rule_id: str) -> None:
    rule = next(r for p in PACKS for r in p.rules if r.id == rule_id)
    assert rule.source and rule.rationale and rule.title
    assert rule.weight == 1.0
    assert rule.score != 0 or rule.outcomes
