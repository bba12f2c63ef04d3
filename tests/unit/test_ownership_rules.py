"""Each regime's 50 % rule on the worked examples the guidance itself gives."""

from __future__ import annotations

from datetime import date

import pytest

from screener.ownership import (
    CAUTION,
    CONTROLLED,
    LISTED,
    OWNED,
    Holding,
    ListSeed,
    OwnershipGraph,
    build_report,
    load_regimes,
    propagate,
)

REGIMES = {r.id: r for r in load_regimes()}


def graph(*edges: tuple[str, str, float], **options: dict[tuple[str, str], dict]) -> OwnershipGraph:
    extra = options.get("extra", {})
    return OwnershipGraph.build(
        [], [Holding(h, held, pct, **extra.get((h, held), {})) for h, held, pct in edges]
    )


def seed(key: str, *categories: str) -> ListSeed:
    return ListSeed(key, frozenset(categories or ("sdn",)), "OFAC-SDN", f"E-{key}", key)


def statuses(regime: str, g: OwnershipGraph, *seeds: ListSeed) -> dict[str, str]:
    return {k: s.status for k, s in propagate(g, REGIMES[regime], list(seeds)).items()}


def test_faq_401_example_1_chain_of_fifty_percent_stakes():
    result = statuses("ofac", graph(("X", "A", 50), ("A", "B", 50)), seed("X"))
    assert result == {"X": LISTED, "A": OWNED, "B": OWNED}


def test_faq_401_example_2_two_blocked_quarter_stakes_add_up():
    g = graph(("X", "A", 50), ("X", "B", 50), ("A", "C", 25), ("B", "C", 25))
    result = propagate(g, REGIMES["ofac"], [seed("X")])
    assert result["C"].status == OWNED
    assert result["C"].counted_pct == 50
    assert sorted((c.holder, c.pct) for c in result["C"].contributions) == [("A", 25), ("B", 25)]


def test_faq_401_example_3_direct_and_indirect_stakes_are_not_multiplied():
    g = graph(("X", "A", 50), ("X", "B", 10), ("A", "B", 40))
    result = propagate(g, REGIMES["ofac"], [seed("X")])
    assert result["B"].status == OWNED
    assert result["B"].counted_pct == 50  # 40 + 10, not 50 % x 40 % + 10 %


def test_ofac_stake_through_an_unblocked_entity_does_not_count():
    # X holds 40 % of A (A is not blocked), A holds 100 % of B: B is not blocked.
    result = statuses("ofac", graph(("X", "A", 40), ("A", "B", 100)), seed("X"))
    assert result == {"X": LISTED, "A": CAUTION}


def test_ofac_adds_across_programmes_and_owners():
    g = graph(("X", "C", 30), ("Y", "C", 20))
    result = statuses("ofac", g, seed("X"), seed("Y"))
    assert result["C"] == OWNED


def test_ofac_below_fifty_is_caution_not_blocked():
    result = propagate(graph(("X", "C", 49.99)), REGIMES["ofac"], [seed("X")])
    assert result["C"].status == CAUTION
    assert not result["C"].is_blocked


def test_ofac_ignores_control_without_ownership():
    g = graph(("X", "C", 10), extra={("X", "C"): {"control_type": "board_majority"}})
    assert statuses("ofac", g, seed("X")).get("C") is None


def test_eu_aggregates_thirty_and_twenty_five_percent():
    g = graph(("X", "C", 30), ("Y", "C", 25))
    assert statuses("eu", g, seed("X", "eu"), seed("Y", "eu"))["C"] == OWNED


def test_eu_exactly_fifty_percent_is_not_more_than_half():
    g = graph(("X", "C", 25), ("Y", "C", 25))
    assert statuses("eu", g, seed("X", "eu"), seed("Y", "eu"))["C"] == CAUTION


def test_eu_board_majority_is_control_without_ownership():
    g = graph(("X", "C", 5), extra={("X", "C"): {"control_type": "board_majority"}})
    assert statuses("eu", g, seed("X", "eu"))["C"] == CONTROLLED


def test_uk_does_not_add_different_designated_persons():
    g = graph(("X", "C", 30), ("Y", "C", 25))
    result = propagate(g, REGIMES["uk"], [seed("X", "uk"), seed("Y", "uk")])
    assert result["C"].status == CAUTION
    assert result["C"].counted_pct == 30


def test_uk_adds_stakes_under_a_joint_arrangement():
    joint = {"joint_arrangement": True}
    g = graph(("X", "C", 30), ("Y", "C", 25), extra={("X", "C"): joint, ("Y", "C"): joint})
    assert statuses("uk", g, seed("X", "uk"), seed("Y", "uk"))["C"] == OWNED


def test_uk_adds_a_designated_person_and_the_entity_it_controls():
    # X designated; X holds 100 % of A (so A is owned); X 30 % + A 25 % of C = 55 %.
    g = graph(("X", "A", 100), ("X", "C", 30), ("A", "C", 25))
    assert statuses("uk", g, seed("X", "uk"))["C"] == OWNED


def test_uk_counts_votes_when_they_exceed_shares():
    g = graph(("X", "C", 10), extra={("X", "C"): {"voting_pct": 60.0}})
    assert statuses("uk", g, seed("X", "uk"))["C"] == OWNED
    assert statuses("ofac", g, seed("X")).get("C") is None  # OFAC counts equity only


def test_seeds_only_apply_to_the_regimes_of_their_list():
    g = graph(("X", "C", 100))
    assert statuses("ofac", g, seed("X", "ns_cmic")) == {}
    assert statuses("bis_affiliates", g, seed("X", "entity_list"))["C"] == OWNED
    assert statuses("eu", g, seed("X", "un"))["C"] == OWNED


def test_a_cycle_of_blocked_entities_terminates():
    g = graph(("X", "A", 60), ("A", "B", 60), ("B", "A", 40), ("B", "C", 10))
    result = statuses("ofac", g, seed("X"))
    assert result["A"] == OWNED and result["B"] == OWNED
    assert "C" not in result


def test_bis_affiliates_rule_is_suspended_inside_its_window():
    g = graph(("X", "C", 60))
    seeds = [seed("X", "entity_list")]
    kwargs = {"target": "C", "acquirer": None, "seeds": seeds, "is_adversary": lambda n: False}
    inside = build_report(g, regimes=[REGIMES["bis_affiliates"]], as_of=date(2026, 5, 1), **kwargs)
    after = build_report(g, regimes=[REGIMES["bis_affiliates"]], as_of=date(2026, 11, 10), **kwargs)
    before = build_report(g, regimes=[REGIMES["bis_affiliates"]], as_of=date(2025, 9, 1), **kwargs)
    assert not inside.regimes["bis_affiliates"].in_force
    assert "suspension" in inside.regimes["bis_affiliates"].suspended_reason.lower()
    # a Japanese memo and window say why in Japanese (they printed the English)
    assert inside.regimes["bis_affiliates"].suspended_reason_in("ja") == (
        "2025年11月の米中合意に基づく1年間の適用停止"
    )
    assert inside.regimes["bis_affiliates"].statuses["C"].status == OWNED  # shown, not in force
    assert after.regimes["bis_affiliates"].in_force
    assert not before.regimes["bis_affiliates"].in_force


def test_explanation_names_every_owner_stake_and_list_entry():
    g = graph(("X", "A", 50), ("X", "B", 10), ("A", "B", 40))
    report = build_report(
        g,
        target="B",
        acquirer=None,
        seeds=[seed("X")],
        regimes=[REGIMES["ofac"]],
        as_of=date(2026, 1, 1),
        is_adversary=lambda n: False,
    )
    lines = report.explain("ofac", "B")
    assert "owned" in lines[0] and "50 % counted" in lines[0]
    assert "A 40 %" in lines[0] and "X 10 %" in lines[0]
    assert any("listed - OFAC-SDN entry E-X" in line for line in lines)
    # a Japanese memo and window print the same chain in Japanese (it printed it in English)
    ja = report.explain("ofac", "B", "ja")
    nbsp = "\u00a0"  # '40 %' kept whole where Japanese wraps between any two characters
    assert ja[0] == (
        f"B: 所有による該当（OFAC 50 %ルール、算入 50{nbsp}%、基準 50{nbsp}%以上、"
        f"異なる所有者の持分を合算）: X 10{nbsp}%, A 40{nbsp}%"
    )
    assert any("リスト掲載 - OFAC-SDN エントリ E-X" in line for line in ja)
    assert len(ja) == len(lines)


def test_a_controlled_party_is_explained_by_who_controls_it_not_by_the_stakes_counted():
    # the UK does not add two designated persons' 30 % and 25 %; the one who appoints the
    # board controls K. The memo said "controlled (30 % counted, rule > 50 %)" and printed
    # the deal file's code "(board_appointment)" in English and Japanese
    g = graph(
        ("M", "K", 30), ("R", "K", 25), extra={("R", "K"): {"control_type": "board_appointment"}}
    )
    report = build_report(
        g,
        target="K",
        acquirer=None,
        seeds=[seed("M", "uk"), seed("R", "uk")],
        regimes=[REGIMES["uk"]],
        as_of=date(2026, 1, 1),
        is_adversary=lambda n: False,
    )
    (line, *_) = report.explain("uk", "K")
    assert line.startswith("K: controlled under UK OFSI ownership or control")
    assert "(control by R (appoints board); 30 % counted" in line
    assert line.endswith("M 30 %, R 25 % (appoints board)")
    (ja, *_) = report.explain("uk", "K", "ja")
    assert "支配による該当（" in ja and "支配: R (取締役任命権)、算入 30\u00a0%" in ja
    assert "board_appointment" not in ja


@pytest.mark.parametrize("regime", sorted(REGIMES))
def test_regime_settings_agree_with_the_reference_windows(regime: str):
    from screener.reference import load_reference

    reference = load_reference()
    if regime == "bis_affiliates":
        settings = REGIMES[regime]
        assert settings.in_force_from == reference.affiliates_rule_from
        assert settings.threshold_pct == reference.affiliates_rule_threshold_pct
        windows = {(s.start, s.end) for s in settings.suspensions}
        assert windows == {(w.start, w.end) for w in reference.affiliates_rule_suspensions}
    categories = {item[0] for item in reference.list_categories} | {"blocked_government"}
    assert REGIMES[regime].seed_categories <= categories
    assert {category for category, _ in REGIMES[regime].seed_programs} <= categories
