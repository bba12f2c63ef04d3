"""Ownership rules as they stood on the as-of date: dated aggregation, blocked governments,
and the Affiliates Rule's seeds beyond the Entity List (issue 13, items 1-3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from screener.models import Case, Party
from screener.ownership import (
    LISTED,
    OWNED,
    Holding,
    ListSeed,
    OwnershipGraph,
    build_report,
    load_regimes,
    propagate,
)
from screener.ownership.regimes import REGIMES_FILE, RegimeSettingsError
from screener.ownership.service import government_seeds
from screener.paths import rules_dir
from screener.reference import load_reference

REGIMES = {r.id: r for r in load_regimes()}
REFERENCE = load_reference()


def graph(*edges: tuple[str, str, float]) -> OwnershipGraph:
    return OwnershipGraph.build([], [Holding(h, held, pct) for h, held, pct in edges])


def sdn(key: str, *programs: str) -> ListSeed:
    return ListSeed(key, frozenset({"sdn"}), "OFAC-SDN", f"E-{key}", key, programs)


def ofac_status(g: OwnershipGraph, on: date, *seeds: ListSeed) -> dict[str, str]:
    report = build_report(
        g, target=None, acquirer=None, seeds=list(seeds), regimes=[REGIMES["ofac"]], as_of=on,
        is_adversary=lambda n: False,
    )  # fmt: skip
    return {k: s.status for k, s in report.regimes["ofac"].statuses.items()}


# 1. OFAC: one owner alone before the revised guidance of 13 Aug 2014, aggregation from then.
@pytest.mark.parametrize(("day", "blocked"), [
    (date(2014, 8, 12), False), (date(2014, 8, 13), True),
])  # fmt: skip
def test_ofac_adds_different_blocked_owners_only_from_13_august_2014(
    day: date, blocked: bool
) -> None:
    result = ofac_status(graph(("X", "C", 30), ("Y", "C", 20)), day, sdn("X"), sdn("Y"))
    assert (result.get("C") == OWNED) is blocked


@pytest.mark.parametrize(("pct", "blocked"), [(50.0, True), (49.99, False)])
def test_before_2014_one_blocked_owner_at_50_percent_still_blocks(
    pct: float, blocked: bool
) -> None:
    result = ofac_status(graph(("X", "C", pct)), date(2010, 1, 1), sdn("X"))
    assert (result.get("C") == OWNED) is blocked


def test_the_ofac_rule_text_says_which_aggregation_applied() -> None:
    assert "one owner alone" in REGIMES["ofac"].on(date(2014, 8, 12)).rule_text
    assert "added" in REGIMES["ofac"].on(date(2014, 8, 13)).rule_text
    assert not REGIMES["ofac"].in_force(date(2008, 2, 13))
    assert REGIMES["ofac"].in_force(date(2008, 2, 14))


# 2. Blocked governments block without designation, from the order's date.
def _case(state: str, pct: float) -> tuple[Case, OwnershipGraph]:
    case = Case(id="G-1", title="t")
    case.parties = [
        Party(key="GOV", name="Ministry", party_type="government", is_government=True,
              state_country=state, country_incorporation=state),
        Party(key="ACQ", name="Buyer", country_incorporation="PA"),
    ]  # fmt: skip
    return case, graph(("GOV", "ACQ", pct))


@pytest.mark.parametrize(("state", "day", "pct", "blocked"), [
    ("VE", date(2019, 8, 5), 50.0, True),     # EO 13884 from 5 Aug 2019
    ("VE", date(2019, 8, 4), 50.0, False),    # the day before the order
    ("VE", date(2026, 1, 1), 49.99, False),   # below the 50 % rule
    ("IR", date(2026, 1, 1), 50.0, True),
    ("KP", date(2026, 1, 1), 100.0, True),
    ("CU", date(2026, 1, 1), 60.0, True),
    ("SY", date(2025, 6, 30), 60.0, True),    # EO 13582 until revoked
    ("SY", date(2025, 7, 1), 60.0, False),    # EO 14312 ended the blocking
    ("CN", date(2026, 1, 1), 100.0, False),   # an adversary, not a blocked government
])  # fmt: skip
def test_an_entity_half_owned_by_a_blocked_government_is_blocked(
    state: str, day: date, pct: float, blocked: bool
) -> None:
    case, g = _case(state, pct)
    seeds = government_seeds(case, REFERENCE, day)
    result = ofac_status(g, day, *seeds)
    assert (result.get("ACQ") == OWNED) is blocked


def test_the_path_names_the_order_and_its_date() -> None:
    case, g = _case("VE", 50.0)
    day = date(2026, 1, 1)
    report = build_report(
        g, target=None, acquirer="ACQ", seeds=government_seeds(case, REFERENCE, day),
        regimes=[REGIMES["ofac"]], as_of=day, is_adversary=lambda n: False,
    )  # fmt: skip
    assert report.regimes["ofac"].statuses["GOV"].status == LISTED
    lines = report.explain("ofac", "ACQ")
    assert "owned" in lines[0]
    assert any(
        "blocked by order" in line
        and "Executive Order 13884" in line
        and "2019-08-05" in line
        and "84 FR 38843" in line
        for line in lines
    )


def test_a_state_owned_company_of_a_blocked_government_seeds_too() -> None:
    case = Case(id="G-2", title="t")
    case.parties = [Party(key="SOE", name="Oil Co", is_state_owned=True, state_country="VE")]
    seeds = government_seeds(case, REFERENCE, date(2026, 1, 1))
    assert [s.party for s in seeds] == ["SOE"]
    case.parties[0].is_state_owned = False
    assert government_seeds(case, REFERENCE, date(2026, 1, 1)) == []


# 3. The Affiliates Rule is seeded by SDNs named by the EAR's end-user controls too.
@pytest.mark.parametrize(("programs", "owned"), [
    (("NPWMD] [DPRK2",), True),   # 15 CFR 744.8
    (("SDGT",), True),            # 744.12
    (("[SDT]",), True),           # 744.13
    (("FTO",), True),             # 744.14
    (("UKRAINE-EO13662",), False),
    ((), False),
])  # fmt: skip
def test_affiliates_rule_seeded_by_end_user_control_sdn_programmes(
    programs: tuple[str, ...], owned: bool
) -> None:
    result = propagate(graph(("X", "C", 50)), REGIMES["bis_affiliates"], [sdn("X", *programs)])
    assert (result.get("C") is not None and result["C"].status == OWNED) is owned


def test_affiliates_rule_seeded_by_the_entity_list_at_50_not_below() -> None:
    seed = ListSeed("X", frozenset({"entity_list"}), "CSL", "E-X", "X")
    assert propagate(graph(("X", "C", 50)), REGIMES["bis_affiliates"], [seed])["C"].status == OWNED
    below = propagate(graph(("X", "C", 49.99)), REGIMES["bis_affiliates"], [seed])
    assert below["C"].status != OWNED


def test_only_the_bis_rule_reaches_parties_with_licence_requirements_instead_of_blocking() -> None:
    assert {rid: r.effect for rid, r in REGIMES.items()} == {
        "ofac": "blocked", "eu": "blocked", "uk": "blocked", "bis_affiliates": "licence",
    }  # fmt: skip
    assert all(r.title_ja for r in REGIMES.values())  # a Japanese memo names them in Japanese


def test_an_unknown_effect_is_refused_naming_the_regime(tmp_path: Path) -> None:
    text = (rules_dir() / "reference" / REGIMES_FILE).read_text(encoding="utf-8")
    broken = tmp_path / REGIMES_FILE
    broken.write_text(text.replace("    effect: licence\n", "    effect: frozen\n"), "utf-8")
    with pytest.raises(RegimeSettingsError, match="regime 'bis_affiliates': field 'effect'"):
        load_regimes(broken)
