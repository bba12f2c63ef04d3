"""The statutory thresholds sit exactly where the law puts them, and extras add up."""

from __future__ import annotations

import dataclasses

import pytest

from screener.risk.engine import evaluate
from screener.risk.packs import load_shipped_packs

from .factory import facts

PACKS = load_shipped_packs()


def fired(**groups: object) -> tuple[str, ...]:
    return evaluate(PACKS, facts(**groups)).fired_rule_ids  # type: ignore[arg-type]


def hit(rule_id: str, **groups: object):  # type: ignore[no-untyped-def]
    result = evaluate(PACKS, facts(**groups))  # type: ignore[arg-type]
    return next(h for h in result.hits if h.rule_id == rule_id)


@pytest.mark.parametrize(("voting", "government", "expected"), [
    (25.0, 49.0, True), (24.99, 49.0, False), (25.0, 48.99, False), (100.0, 100.0, True),
])  # fmt: skip
def test_cfius_mandatory_declaration_at_25_and_49_percent(
    voting: float, government: float, expected: bool
) -> None:
    rules = fired(
        target={"us_tid_business": True},
        transaction={"voting_after_pct": voting},
        ownership={"government_share_pct": government},
    )
    assert ("G3" in rules) is expected


def test_excepted_investor_is_exempt_from_mandatory_declaration() -> None:
    rules = fired(
        target={
            "us_tid_business": True,
            "critical_technology": True,
            "export_licence_required": True,
        },
        transaction={"voting_after_pct": 30.0},
        ownership={"government_share_pct": 60.0},
        acquirer={"excepted_investor": True},
    )
    assert "G3" not in rules and "G4" not in rules


JP = {"country": "JP", "jp_listing_known": True, "jp_core_materials": ("nickel",)}
FOREIGN = {"country_incorporation": "CN", "fefta_foreign_investor": True}


def stake(pct: float, related: float = 0.0) -> dict[str, float]:
    """An acquirer's stake after closing, as shares and votes, with related persons' too."""
    return {
        "stake_after_pct": pct,
        "voting_after_pct": pct,
        "fefta_shares_pct": pct + related,
        "fefta_votes_pct": pct + related,
    }


@pytest.mark.parametrize(("listed", "pct", "expected"), [
    (True, 1.0, True), (True, 0.99, False), (False, 0.01, True), (False, 0.0, False),
])  # fmt: skip
def test_fefta_1_percent_listed_and_any_unlisted_stake(
    listed: bool, pct: float, expected: bool
) -> None:
    rules = fired(target={**JP, "jp_listed": listed}, acquirer=FOREIGN, transaction=stake(pct))
    assert ("G5" in rules) is expected


def test_fefta_core_class_without_listed_minerals_still_notifies() -> None:
    rules = fired(
        target={"country": "JP", "jp_listed": True, "jp_mof_class": "core"},
        acquirer=FOREIGN,
        transaction=stake(3.0),
    )
    assert "G5" in rules


@pytest.mark.parametrize(("pct", "board_seats", "type_a", "expected"), [
    (9.99, 0, False, False),  # exemption holds below the core-sector cap
    (10.0, 0, False, True),  # at the cap the exemption is lost
    (5.0, 1, False, True),  # a board seat defeats the exemption
    (5.0, 0, True, True),  # Type-A investors lose exemptions
])  # fmt: skip
def test_fefta_exemption_conditions(
    pct: float, board_seats: int, type_a: bool, expected: bool
) -> None:
    rules = fired(
        target={**JP, "jp_listed": True},
        acquirer={**FOREIGN, "type_a_investor": type_a},
        transaction=stake(pct),
        deal={"fefta_exemption_claimed": True, "board_seats": board_seats},
    )
    assert ("G5" in rules) is expected


@pytest.mark.parametrize(
    ("blocked", "expected"), [(24.99, False), (25.0, True), (49.99, True), (50.0, False)]
)
def test_blocked_minority_band_ends_where_the_ofac_50_percent_rule_begins(
    blocked: float, expected: bool
) -> None:
    assert ("T5" in fired(ownership={"blocked_holders_pct": blocked})) is expected


def test_control_without_ownership_is_a_blocked_minority_risk() -> None:
    assert "T5" in fired(ownership={"blocked_control_without_ownership": True})


@pytest.mark.parametrize(("voting", "seats", "board", "expected"), [
    (50.0, 0, 0, False), (50.01, 0, 0, True), (10.0, 3, 5, True), (10.0, 2, 4, False),
])  # fmt: skip
def test_control_is_a_majority_of_votes_or_of_the_board(
    voting: float, seats: int, board: int, expected: bool
) -> None:
    rules = fired(
        transaction={"voting_after_pct": voting}, deal={"board_seats": seats, "board_size": board}
    )
    assert ("G6" in rules) is expected


def test_control_transaction_does_not_also_count_as_covered_investment() -> None:
    rules = fired(
        target={"us_tid_business": True},
        transaction={"voting_after_pct": 60.0},
        deal={"board_seats": 3},
    )
    assert "G6" in rules and "G7" not in rules


def test_adversary_government_doubles_t2() -> None:
    assert (
        hit("T2", ownership={"government_share_pct": 60.0, "government_country": "CN"}).points == 40
    )
    assert (
        hit("T2", ownership={"government_share_pct": 60.0, "government_country": "NO"}).points == 20
    )


def test_unresolved_ownership_above_25_percent_escalates() -> None:
    assert hit("T6", ownership={"unresolved_share_pct": 25.0}).outcomes == ()
    assert hit("T6", ownership={"unresolved_share_pct": 25.01}).outcomes == ("escalate",)


def test_1260h_listing_escalates() -> None:
    assert hit("T3", screening={"chain_confirmed": {"meu": 1}}).outcomes == ()
    assert hit("T3", screening={"chain_confirmed": {"dod_1260h": 1}}).outcomes == ("escalate",)


@pytest.mark.parametrize(
    ("stages", "points"),
    [(("mining",), 10), (("recycling",), 10), (("separation",), 25), (("mining", "magnet"), 25)],
)
def test_processing_stage_points(stages: tuple[str, ...], points: float) -> None:
    assert hit("V1", target={"stages": stages}).points == points


@pytest.mark.parametrize(("miles", "points"), [(0.5, 10), (1.0, 10), (1.01, 5), (100.0, 5)])
def test_military_installation_distance_points(miles: float, points: float) -> None:
    target = {"installation_distance_known": True, "installation_distance_miles": miles}
    assert hit("V6", target=target).points == points


def test_unknown_distance_is_not_read_as_zero_miles() -> None:
    assert "V6" not in fired(
        target={"installation_distance_known": False, "installation_distance_miles": 0.0}
    )


def test_hit_explains_itself_with_the_facts_it_read() -> None:
    result = hit("G3", target={"us_tid_business": True}, transaction={"voting_after_pct": 30.0},
                 ownership={"government_share_pct": 55.0})  # fmt: skip
    assert result.facts["transaction.voting_after_pct"] == 30.0
    assert result.facts["ownership.government_share_pct"] == 55.0
    assert result.facts["params.substantial_interest_pct"] == 25.0
    assert "31 CFR 800.401" in result.source


@pytest.mark.parametrize(("groups", "total", "tier"), [
    ({"deal": {"past_violations": ("x",)}}, 15, "Low"),
    ({"target": {"group_assets_same_stage": 3, "share_ex_china_pct": 20.0}}, 40, "Elevated"),
    ({"deal": {"past_violations": ("x",)}, "chain": {"adversary_linked": ("A",)}}, 55, "Elevated"),
    ({"chain": {"adversary_linked": ("A",)}, "target": {"dfars_covered": True}}, 70, "High"),
])  # fmt: skip
def test_total_and_tier(groups: dict[str, dict[str, object]], total: float, tier: str) -> None:
    result = evaluate(PACKS, facts(**groups))  # type: ignore[arg-type]
    assert (result.total, result.tier) == (total, tier)


def test_tier_boundaries_follow_the_pack_bands() -> None:
    pack = PACKS[0]
    assert [pack.tier_for(s) for s in (0, 39.99, 40, 69.99, 70)] == [
        "Low",
        "Low",
        "Elevated",
        "Elevated",
        "High",
    ]


def test_hard_outcome_overrides_a_low_score() -> None:
    result = evaluate(PACKS, facts(deal={"offshore_parent_transfer": True}))
    assert result.total == 0
    assert result.score_tier == "Low"
    assert result.tier == "High"
    assert result.hard_outcomes == ("escalate",)


def test_notification_alone_does_not_override_the_score() -> None:
    result = evaluate(PACKS, facts(target={"framework_project": True}))
    assert [o.outcome for o in result.outcomes] == ["notify_counterpart_government"]
    assert result.hard_outcomes == ()
    assert result.tier == "Low"


def test_weights_scale_points_and_disabled_rules_do_not_fire() -> None:
    us = next(p for p in PACKS if p.id == "us-cfius")
    t1 = next(r for r in us.rules if r.id == "T1")
    heavier = dataclasses.replace(us, rules=tuple(
        dataclasses.replace(r, weight=0.5) if r is t1 else r for r in us.rules))  # fmt: skip
    disabled = dataclasses.replace(us, rules=tuple(
        dataclasses.replace(r, enabled=False) if r is t1 else r for r in us.rules))  # fmt: skip
    adversary = facts(chain={"adversary_linked": ("A",)})
    assert evaluate([heavier], adversary).category_scores["threat"] == 20
    assert "T1" not in evaluate([disabled], adversary).fired_rule_ids


def test_pack_not_in_force_on_the_assessment_date_is_skipped() -> None:
    jp = next(p for p in PACKS if p.id == "jp-fefta")
    old = facts(deal={"offshore_parent_transfer": True})
    old = dataclasses.replace(old, as_of="2020-01-01")
    result = evaluate([jp], old)
    assert result.hits == () and result.packs_not_in_force == ("jp-fefta",)
