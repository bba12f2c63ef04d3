"""Regime facts from stored cases, each at its legal boundary (issue 13, items 0, 0b, 4, 5).

Excepted investor is the 31 CFR 800.219 test, not a country; a FEFTA foreign investor
includes a Japanese company foreign-held by votes or run by non-resident directors; FEFTA
counts votes and closely related persons and has no exemption for unlisted core-sector
shares; the CFIUS 49 % government test counts votes and the parent rule of 800.244(c).
"""

from __future__ import annotations

from datetime import date

import pytest

from screener.models import Case, OwnershipLink, Party, TargetAsset, Transaction
from screener.reference import load_reference
from screener.risk.engine import evaluate
from screener.risk.facts import Facts
from screener.risk.packs import load_shipped_packs
from screener.risk.service import facts_for_case
from screener.store import Store

DAY = date(2026, 1, 15)
PACKS = load_shipped_packs()
REFERENCE = load_reference()


def company(key: str, country: str, **extra: object) -> Party:
    return Party(key=key, name=extra.pop("name", key), country_incorporation=country,
                 country_headoffice=extra.pop("head_office", country), **extra)  # fmt: skip


def link(holder: str, held: str, equity: float, voting: float | None = None) -> OwnershipLink:
    return OwnershipLink(holder_key=holder, held_key=held, equity_pct=equity, voting_pct=voting)


def stored_facts(
    store: Store,
    parties: list[Party],
    links: list[OwnershipLink],
    *,
    target: TargetAsset,
    stake: float = 30.0,
    voting: float | None = None,
    **deal: object,
) -> Facts:
    with store.unit_of_work() as session:
        case = Case(id="R-1", title="t", jurisdictions=[target.country])
        case.parties = [*parties, company("TGT", target.country, role="target")]
        case.ownership_links = links
        txn = Transaction(acquirer_key="ACQ", target_key="TGT", stake_after_pct=stake,
                          voting_after_pct=voting, **deal)  # fmt: skip
        txn.target = target
        case.transaction = txn
        session.add(case)
    with store.session() as session:
        return facts_for_case(session, "R-1", as_of=DAY, reference=REFERENCE)


def fired(facts: Facts) -> tuple[str, ...]:
    return evaluate(PACKS, facts).fired_rule_ids


def us_tid() -> TargetAsset:
    return TargetAsset(name="Plant", asset_type="magnet_plant", country="US", us_tid_business=True,
                       critical_technology=True, export_licence_required=True)  # fmt: skip


# 0. Excepted investor: the 800.219 test.
def test_a_canadian_shell_of_a_prc_state_company_is_not_excepted(store: Store) -> None:
    facts = stored_facts(
        store,
        [
            company("ACQ", "CA", role="acquirer", name="Maple Shell Ltd"),
            company("SOE", "CN", name="PRC Metals Group", is_state_owned=True, state_country="CN"),
        ],
        [link("SOE", "ACQ", 100.0)],
        target=us_tid(),
        stake=25.0,
    )
    assert facts.acquirer.excepted_investor_status == "not_excepted"
    assert not facts.acquirer.excepted_investor
    assert any("PRC Metals Group" in reason for reason in facts.acquirer.excepted_investor_reasons)
    assert facts.ownership.government_share_pct == 100.0
    result = evaluate(PACKS, facts)
    rules = result.fired_rule_ids
    assert "G3" in rules and "G4" in rules and "T9" not in rules
    g3 = next(h for h in result.hits if h.rule_id == "G3")  # the reviewer sees why
    assert any("fails the excepted-investor test" in note for note in g3.notes)
    assert g3.facts["acquirer.excepted_investor_reasons"]


def test_a_canadian_company_with_owners_unrecorded_is_undetermined(store: Store) -> None:
    facts = stored_facts(store, [company("ACQ", "CA", role="acquirer")], [], target=us_tid())
    assert facts.acquirer.excepted_investor_status == "undetermined"
    assert any("board" in reason for reason in facts.acquirer.excepted_investor_reasons)
    result = evaluate(PACKS, facts)
    assert "G4" in result.fired_rule_ids and "T9" not in result.fired_rule_ids
    g4 = next(h for h in result.hits if h.rule_id == "G4")
    assert any("undetermined" in note for note in g4.notes)


def test_an_explicit_no_is_respected_for_an_australian_company(store: Store) -> None:
    facts = stored_facts(
        store, [company("ACQ", "AU", role="acquirer", excepted_investor=False)], [], target=us_tid()
    )
    assert facts.acquirer.excepted_investor_status == "not_excepted"
    assert "G4" in fired(facts)


def _excepted_chain(parent_country: str) -> tuple[list[Party], list[OwnershipLink]]:
    return (
        [
            company("ACQ", "CA", role="acquirer", excepted_investor=True),
            company("PAR", parent_country, excepted_investor=True),
            Party(
                key="P1",
                name="Founder",
                party_type="person",
                nationality=parent_country,
                excepted_investor=True,
            ),  # fmt: skip
        ],
        [link("PAR", "ACQ", 100.0), link("P1", "PAR", 100.0)],
    )


def test_an_explicit_yes_with_no_fact_against_it_is_excepted(store: Store) -> None:
    parties, links = _excepted_chain("GB")
    facts = stored_facts(store, parties, links, target=us_tid())
    assert facts.acquirer.excepted_investor_status == "excepted"
    rules = fired(facts)
    assert "G4" not in rules and "T9" in rules


def test_an_explicit_yes_fails_when_a_parent_is_from_a_non_excepted_state(store: Store) -> None:
    parties, links = _excepted_chain("SG")
    facts = stored_facts(store, parties, links, target=us_tid())
    assert facts.acquirer.excepted_investor_status == "not_excepted"
    assert "flagged as excepted" in facts.acquirer.excepted_investor_reasons[0]
    assert "G4" in fired(facts)


def test_a_recorded_violation_leaves_an_explicit_yes_undetermined(store: Store) -> None:
    parties, links = _excepted_chain("GB")
    facts = stored_facts(
        store, parties, links, target=us_tid(), past_violations=["BIS settlement 2024"]
    )
    assert facts.acquirer.excepted_investor_status == "undetermined"
    assert "G4" in fired(facts)


# 0b. FEFTA foreign investor.
def jp_core_unlisted() -> TargetAsset:
    return TargetAsset(name="Mine", asset_type="mine", country="JP", jp_listed=False,
                       minerals=["cobalt"])  # fmt: skip


def jp_core_listed() -> TargetAsset:
    return TargetAsset(name="Refiner", asset_type="refinery", country="JP", jp_listed=True,
                       jp_mof_class="core", minerals=["nickel"])  # fmt: skip


@pytest.mark.parametrize(("equity", "voting", "foreign"), [
    (50.0, None, True), (49.99, None, False),
    (30.0, 50.0, True),   # votes decide, not the economic stake
    (60.0, 49.99, False),
])  # fmt: skip
def test_a_japanese_spv_50_percent_foreign_held_by_votes_is_a_foreign_investor(
    store: Store, equity: float, voting: float | None, foreign: bool
) -> None:
    facts = stored_facts(
        store,
        [company("ACQ", "JP", role="acquirer"), company("FOR", "CN")],
        [link("FOR", "ACQ", equity, voting)],
        target=jp_core_unlisted(),
        stake=5.0,
    )
    assert facts.acquirer.fefta_foreign_investor is foreign
    assert ("G5" in fired(facts)) is foreign


def test_foreign_votes_count_through_a_japanese_company_that_is_itself_foreign(
    store: Store,
) -> None:
    facts = stored_facts(
        store,
        [company("ACQ", "JP", role="acquirer"), company("MID", "JP"), company("FOR", "US")],
        [link("FOR", "MID", 50.0), link("MID", "ACQ", 50.0)],
        target=jp_core_unlisted(),
        stake=5.0,
    )
    assert facts.acquirer.fefta_foreign_investor
    assert facts.acquirer.fefta_foreign_voting_pct == 50.0


@pytest.mark.parametrize(("directors", "foreign"), [(True, True), (False, False), (None, False)])
def test_a_japanese_company_with_mostly_non_resident_directors_is_foreign(
    store: Store, directors: bool | None, foreign: bool
) -> None:
    facts = stored_facts(
        store,
        [company("ACQ", "JP", role="acquirer", directors_nonresident_majority=directors)],
        [],
        target=jp_core_unlisted(),
        stake=5.0,
    )
    assert facts.acquirer.fefta_foreign_investor is foreign
    assert ("G5" in fired(facts)) is foreign


# 4. FEFTA: no exemption for unlisted core-sector shares; votes and related persons count.
@pytest.mark.parametrize(("listed", "notifies"), [(False, True), (True, False)])
def test_the_below_10_percent_exemption_covers_listed_shares_only(
    store: Store, listed: bool, notifies: bool
) -> None:
    target = jp_core_listed() if listed else jp_core_unlisted()
    facts = stored_facts(
        store, [company("ACQ", "SG", role="acquirer")], [], target=target, stake=5.0,
        fefta_exemption_claimed=True, board_seats=0,
    )  # fmt: skip
    assert ("G5" in fired(facts)) is notifies


@pytest.mark.parametrize(("parent_votes", "notifies"), [(50.0, True), (49.99, False)])
def test_closely_related_persons_holdings_count_toward_1_percent(
    store: Store, parent_votes: float, notifies: bool
) -> None:
    facts = stored_facts(
        store,
        [company("ACQ", "SG", role="acquirer"), company("PAR", "SG"), company("SIS", "SG")],
        [link("PAR", "ACQ", 100.0), link("PAR", "SIS", parent_votes), link("SIS", "TGT", 0.5)],
        target=jp_core_listed(),
        stake=0.6,
    )
    assert facts.transaction.related_equity_pct == (0.5 if notifies else 0.0)
    assert ("G5" in fired(facts)) is notifies


@pytest.mark.parametrize(("voting", "notifies"), [(1.0, True), (0.99, False)])
def test_fefta_counts_votes_not_only_shares(store: Store, voting: float, notifies: bool) -> None:
    facts = stored_facts(
        store, [company("ACQ", "SG", role="acquirer")], [], target=jp_core_listed(), stake=0.5,
        voting=voting,
    )  # fmt: skip
    assert ("G5" in fired(facts)) is notifies


# 5. CFIUS 800.244: votes, and the parent rule of 800.244(c) for the 49 % government test.
@pytest.mark.parametrize(("state_votes_in_parent", "parent_votes", "share", "declares"), [
    (50.0, 49.0, 49.0, True),     # parent deemed 100 % state-held: 49 % of the acquirer
    (49.99, 49.0, 24.4951, False),  # no parent: multiplied through, 24.5 %
    (100.0, 48.99, 48.99, False),   # just below 49 %
])  # fmt: skip
def test_government_share_uses_the_parent_rule_at_49_percent(
    store: Store, state_votes_in_parent: float, parent_votes: float, share: float, declares: bool
) -> None:
    facts = stored_facts(
        store,
        [
            company("ACQ", "SG", role="acquirer"),
            company("PAR", "SG"),
            Party(
                key="GOV",
                name="Ministry",
                party_type="government",
                is_government=True,
                state_country="NO",
                country_incorporation="NO",
            ),
        ],  # fmt: skip
        [link("GOV", "PAR", state_votes_in_parent), link("PAR", "ACQ", parent_votes)],
        target=us_tid(),
        stake=25.0,
    )
    assert facts.ownership.government_share_pct == pytest.approx(share, abs=1e-3)
    assert ("G3" in fired(facts)) is declares


@pytest.mark.parametrize(("equity", "voting", "declares"), [
    (60.0, 48.99, False), (40.0, 49.0, True),
])  # fmt: skip
def test_government_share_counts_votes_not_equity(
    store: Store, equity: float, voting: float, declares: bool
) -> None:
    facts = stored_facts(
        store,
        [
            company("ACQ", "SG", role="acquirer"),
            Party(
                key="GOV",
                name="Ministry",
                party_type="government",
                is_government=True,
                state_country="NO",
                country_incorporation="NO",
            ),
        ],  # fmt: skip
        [link("GOV", "ACQ", equity, voting)],
        target=us_tid(),
        stake=25.0,
    )
    assert ("G3" in fired(facts)) is declares


@pytest.mark.parametrize(("stake", "voting", "declares"), [
    (10.0, 25.0, True), (30.0, 24.99, False),
])  # fmt: skip
def test_substantial_interest_is_25_percent_of_the_votes(
    store: Store, stake: float, voting: float, declares: bool
) -> None:
    facts = stored_facts(
        store,
        [
            company("ACQ", "SG", role="acquirer"),
            Party(
                key="GOV",
                name="Ministry",
                party_type="government",
                is_government=True,
                state_country="NO",
                country_incorporation="NO",
            ),
        ],  # fmt: skip
        [link("GOV", "ACQ", 100.0)],
        target=us_tid(),
        stake=stake,
        voting=voting,
    )
    assert ("G3" in fired(facts)) is declares


@pytest.mark.parametrize(("state", "foreign"), [("CN", True), ("JP", False)])
def test_a_government_is_a_foreign_investor_by_its_state(
    store: Store, state: str, foreign: bool
) -> None:
    facts = stored_facts(
        store,
        [
            Party(
                key="ACQ",
                name="Agency",
                role="acquirer",
                party_type="government",
                is_government=True,
                state_country=state,
            )
        ],  # fmt: skip
        [],
        target=jp_core_unlisted(),
        stake=5.0,
    )
    assert facts.acquirer.fefta_foreign_investor is foreign
