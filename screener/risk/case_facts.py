"""Building the fact model from a case in the database.

Tolerant by design: a case without a transaction, without screening results or without an
ownership report still yields facts (empty groups), so a first assessment can run while
evidence is still arriving; the snapshot records what was known when.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date

from screener.lists.resolve import EntityMap
from screener.models import Case, MatchResult, OwnershipLink, Party, TargetAsset, Transaction
from screener.reference import ReferenceData
from screener.risk.excepted_investor import ExceptedInvestorTester, ExceptedVerdict
from screener.risk.facts import (
    ChainFacts,
    DealFacts,
    Facts,
    ListCounts,
    OwnershipFacts,
    PartyFacts,
    ReferenceFacts,
    ScreeningFacts,
    TargetFacts,
    TransactionFacts,
)
from screener.risk.fefta_investor import FeftaInvestors, FeftaStatus, RelatedHoldings
from screener.risk.reason_texts import reason

CONFIRMED = ("confirmed",)
PENDING = ("pending", "unsure")


def _upper(code: str | None) -> str:
    return (code or "").strip().upper()


def _acquirer_key(case: Case) -> str:
    if case.transaction is not None and case.transaction.acquirer_key:
        return case.transaction.acquirer_key
    for party in case.parties:
        if party.role == "acquirer":
            return party.key
    return ""


def _chain_keys(acquirer: str, links: Iterable[OwnershipLink]) -> list[str]:
    """The acquirer and everyone above it, nearest first; cycles end the walk."""
    holders: dict[str, list[str]] = {}
    for link in links:
        holders.setdefault(link.held_key, []).append(link.holder_key)
    order, seen, queue = [], set(), deque([acquirer] if acquirer else [])
    while queue:
        key = queue.popleft()
        if key in seen:
            continue
        seen.add(key)
        order.append(key)
        queue.extend(holders.get(key, []))
    return order


def _controller_country(key: str, links: Iterable[OwnershipLink], parties: dict[str, Party]) -> str:
    """Country of a holder that controls `key` (a control type, or a majority of votes)."""
    for link in links:
        if link.held_key != key or link.holder_key not in parties:
            continue
        votes = link.voting_pct if link.voting_pct is not None else link.equity_pct
        controls = (link.control_type or "none").lower() not in ("", "none") or (votes or 0) > 50
        if controls:
            holder = parties[link.holder_key]
            return _upper(holder.country_headoffice or holder.country_incorporation)
    return ""


class _Nexus:
    """Which country codes make a party adversary-linked on the assessment date."""

    def __init__(self, reference: ReferenceData, on: date) -> None:
        in_force = [item for item in reference.adversaries if item.in_force(on)]
        self.country = {item.code for item in in_force if item.scope == "country"}
        self.any = {item.code for item in in_force}

    def linked(self, party: Party, controller_country: str) -> bool:
        places = {
            _upper(party.country_incorporation),
            _upper(party.country_headoffice),
            controller_country,
        }
        if places & self.country:
            return True
        state = party.is_government or party.is_state_owned
        return state and bool({_upper(party.state_country), *places} & self.any)


def _matches_by_party(
    matches: Iterable[MatchResult], reference: ReferenceData, entities: EntityMap | None
) -> dict[str, dict[str, list[str]]]:
    """Per party, the categories of its confirmed and pending hits, one per listed entity:
    a person on the BIS DPL and in the CSL's copy of it is one denied person (the Matches tab
    and the memo show one hit), so he counts once on the DPL, not twice."""
    seen: set[tuple[str, object, str, str]] = set()
    by_party: dict[str, dict[str, list[str]]] = {}
    for match in sorted(matches, key=lambda m: m.id):
        entry = match.entry
        categories = reference.match_categories(
            match.source_name,
            entry.list_name if entry is not None else "",
            entry.official_lists if entry is not None else (),
        )
        status = (
            "confirmed"
            if match.status in CONFIRMED
            else "pending"
            if match.status in PENDING
            else ""
        )
        if not status:
            continue
        ref = (match.source_name, match.entry_key)
        entity = entities.entity_of(ref) if entities is not None else ref
        for category in sorted(categories):
            if (key := (match.party_key, entity, status, category)) not in seen:
                seen.add(key)
                by_party.setdefault(match.party_key, {}).setdefault(status, []).append(category)
    return by_party


def _count(categories: Iterable[str]) -> ListCounts:
    counts = {name: 0 for name in ListCounts.__dataclass_fields__}
    for category in categories:
        counts[category if category in counts else "other"] += 1
    return ListCounts(**counts)


def _party_facts(
    party: Party,
    chain: set[str],
    controller: str,
    nexus: _Nexus,
    lists: dict[str, list[str]],
    excepted: ExceptedVerdict,
    fefta: FeftaStatus,
) -> PartyFacts:
    return PartyFacts(
        key=party.key,
        name=party.name,
        party_type=party.party_type,
        role=party.role,
        country_incorporation=_upper(party.country_incorporation),
        country_headoffice=_upper(party.country_headoffice),
        controller_country=controller,
        is_government=party.is_government,
        is_state_owned=party.is_state_owned,
        state_country=_upper(party.state_country),
        excepted_investor=excepted.excepted,
        excepted_investor_status=excepted.status,
        excepted_investor_reasons=excepted.reasons,
        fefta_foreign_investor=fefta.foreign,
        fefta_foreign_voting_pct=fefta.foreign_voting_pct,
        directors_nonresident_majority=bool(party.directors_nonresident_majority),
        type_a_investor=party.type_a_investor,
        in_acquirer_chain=party.key in chain,
        adversary_nexus=nexus.linked(party, controller),
        confirmed_lists=tuple(sorted(set(lists.get("confirmed", [])))),
        pending_lists=tuple(sorted(set(lists.get("pending", [])))),
    )


def _transaction_facts(txn: Transaction | None, related: RelatedHoldings) -> TransactionFacts:
    if txn is None:
        return TransactionFacts()
    stake_after = txn.stake_after_pct or 0.0
    voting_after = txn.voting_after_pct if txn.voting_after_pct is not None else stake_after
    return TransactionFacts(
        structure=txn.structure or "",
        stake_known=txn.stake_after_pct is not None,
        stake_before_pct=txn.stake_before_pct or 0.0,
        stake_after_pct=stake_after,
        voting_before_pct=txn.voting_before_pct
        if txn.voting_before_pct is not None
        else txn.stake_before_pct or 0.0,
        voting_after_pct=voting_after,
        related_equity_pct=related.equity_pct,
        related_voting_pct=related.voting_pct,
        fefta_shares_pct=min(100.0, stake_after + related.equity_pct),
        fefta_votes_pct=min(100.0, voting_after + related.voting_pct),
        value=txn.value or 0.0,
        currency=txn.currency or "",
    )


def _deal_facts(txn: Transaction | None) -> DealFacts:
    if txn is None:
        return DealFacts()
    return DealFacts(
        board_seats=txn.board_seats or 0,
        board_size=txn.board_size or 0,
        observer_seats=txn.observer_seats or 0,
        vetoes=tuple(str(v).strip().lower() for v in txn.vetoes or ()),
        information_rights=txn.information_rights,
        technology_access=txn.technology_access,
        offtake_rights=txn.offtake_rights,
        relocation_rights=txn.relocation_rights,
        closure_rights=txn.closure_rights,
        gains_control=bool(txn.gains_control),
        offshore_parent_transfer=txn.offshore_parent_transfer,
        filing_in_asset_country=bool(txn.filing_in_asset_country),
        fefta_exemption_claimed=txn.fefta_exemption_claimed,
        adversary_ties=tuple(txn.adversary_ties or ()),
        past_violations=tuple(txn.past_violations or ()),
        lender_country=_upper(txn.lender_country),
        financing=txn.financing or "",
    )


def _target_facts(target: TargetAsset | None, reference: ReferenceData, on: date) -> TargetFacts:
    if target is None:
        return TargetFacts()
    materials = sorted(
        {reference.material_name(m) for m in [*target.minerals, *target.elements] if m.strip()}
    )
    china = reference.china_controlled(on)
    distance = target.installation_distance_miles
    return TargetFacts(
        name=target.name,
        asset_type=target.asset_type,
        country=_upper(target.country),
        stages=tuple(
            s.strip().lower().replace(" ", "_").replace("/", "_") for s in target.processing_stages
        ),
        materials=tuple(materials),
        usgs_2025_materials=tuple(
            m for m in materials if reference.on_list(m, reference.usgs_2025)
        ),
        doe_2023_materials=tuple(m for m in materials if reference.on_list(m, reference.doe_2023)),
        jp_core_materials=tuple(
            m for m in materials if reference.on_list(m, reference.jp_core_minerals)
        ),
        china_controlled_materials=tuple(m for m in materials if reference.on_list(m, china)),
        installation_distance_known=distance is not None,
        installation_distance_miles=distance if distance is not None else 0.0,
        nearest_installation=target.nearest_installation or "",
        share_global_pct=target.share_global_pct or 0.0,
        share_ex_china_pct=target.share_ex_china_pct or 0.0,
        sole_domestic_producer=target.sole_domestic_producer,
        defence_customers=target.defence_customers,
        dfars_covered=target.dfars_covered,
        dpa_title_iii=target.dpa_title_iii,
        public_funding=tuple(str(f).strip().upper() for f in target.public_funding or ()),
        framework_project=target.framework_project,
        us_tid_business=target.us_tid_business,
        critical_technology=target.critical_technology,
        export_licence_required=target.export_licence_required,
        export_classification=(target.export_classification or "").strip().upper(),
        proprietary_process_technology=target.proprietary_process_technology,
        jp_listing_known=target.jp_listed is not None,
        jp_listed=bool(target.jp_listed),
        jp_mof_class=(target.jp_mof_class or "").strip().lower(),
        group_assets_same_stage=target.group_assets_same_stage or 0,
    )


def build_facts(
    case: Case,
    reference: ReferenceData,
    *,
    as_of: date,
    ownership: OwnershipFacts | None = None,
    entities: EntityMap | None = None,
) -> Facts:
    """Facts for `case` as of `as_of`; `ownership` is the ownership engine's result if any;
    `entities` joins a party's hits on one listed entity (without it, each entry is one)."""
    parties = {party.key: party for party in case.parties}
    acquirer_key = _acquirer_key(case)
    chain_order = [key for key in _chain_keys(acquirer_key, case.ownership_links) if key in parties]
    chain = set(chain_order)
    nexus = _Nexus(reference, as_of)
    excepted = set(reference.excepted_state_codes(as_of))
    matches = _matches_by_party(case.matches, reference, entities)
    txn = case.transaction
    excepted_test = ExceptedInvestorTester(
        parties,
        case.ownership_links,
        excepted,
        reference.excepted_investor_test,
        violations=txn.past_violations or () if txn is not None else (),
    )
    fefta = FeftaInvestors(parties, case.ownership_links, reference.fefta_investor_test)
    all_facts = {
        key: _party_facts(
            party,
            chain,
            _controller_country(key, case.ownership_links, parties),
            nexus,
            matches.get(key, {}),
            excepted_test.verdict(key),
            fefta.status(key),
        )
        for key, party in parties.items()
    }
    chain_facts = tuple(all_facts[key] for key in chain_order)
    missing_acquirer = PartyFacts(
        key=acquirer_key,
        excepted_investor_reasons=(reason("acquirer_missing"),),
        fefta_foreign_investor=True,
    )
    related = fefta.related_holdings(acquirer_key, (txn.target_key or "") if txn else "")
    return Facts(
        case_id=case.id,
        as_of=as_of.isoformat(),
        jurisdictions=tuple(_upper(j) for j in case.jurisdictions or ()),
        transaction=_transaction_facts(txn, related),
        deal=_deal_facts(txn),
        target=_target_facts(txn.target if txn is not None else None, reference, as_of),
        acquirer=all_facts.get(acquirer_key, missing_acquirer),
        chain=ChainFacts(
            parties=chain_facts,
            adversary_linked=tuple(p.key for p in chain_facts if p.adversary_nexus),
            all_excepted_investors=bool(chain_facts)
            and all(p.excepted_investor for p in chain_facts),
            type_a_investors=tuple(p.key for p in chain_facts if p.type_a_investor),
        ),
        parties=tuple(all_facts.values()),
        ownership=ownership or OwnershipFacts(),
        screening=ScreeningFacts(
            screened=bool(case.matches),
            chain_confirmed=_count(
                c for k in chain for c in matches.get(k, {}).get("confirmed", [])
            ),
            chain_pending=_count(c for k in chain for c in matches.get(k, {}).get("pending", [])),
            case_confirmed=_count(c for v in matches.values() for c in v.get("confirmed", [])),
            confirmed_parties=tuple(sorted(k for k, v in matches.items() if v.get("confirmed"))),
            pending_parties=tuple(sorted(k for k, v in matches.items() if v.get("pending"))),
        ),
        reference=ReferenceFacts(
            adversary_countries=reference.adversary_codes(as_of),
            excepted_states=tuple(sorted(excepted)),
            affiliates_rule_in_force=reference.affiliates_rule_in_force(as_of),
        ),
    )
