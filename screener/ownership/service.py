"""The ownership report of a case in the database.

Builds the pure `OwnershipGraph` from a case's parties and links, turns confirmed list
matches into seeds (the match's list category decides which regimes each seeds, through
rules/reference/list-categories.yaml), and reads the adversary list in force on the as-of
date. The rules engine reads the report as facts; the CLI and the Ownership tab show it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.models import Case, MatchResult
from screener.ownership import (
    Holding,
    ListSeed,
    OwnershipGraph,
    OwnershipReport,
    PartyNode,
    build_report,
    load_regimes,
)
from screener.reference import ReferenceData, load_reference

CONFIRMED = "confirmed"
BLOCKED_GOVERNMENT = "blocked_government"  # the seed category of ownership-regimes.yaml


class CaseNotFound(LookupError):
    pass


def graph_from_case(case: Case) -> OwnershipGraph:
    parties = [
        PartyNode(
            key=p.key,
            name=p.name,
            party_type=p.party_type,
            country=p.country_incorporation or p.nationality,
            head_office=p.country_headoffice,
            is_government=p.is_government,
            is_state_owned=p.is_state_owned,
            state_country=p.state_country,
            listed_company=p.listed_company,
        )
        for p in case.parties
    ]
    stakes = [
        Holding(
            link.holder_key,
            link.held_key,
            link.equity_pct,
            link.voting_pct,
            link.control_type if link.control_type != "none" else None,
            link.joint_arrangement,
            link.source,
        )
        for link in case.ownership_links
    ]
    return OwnershipGraph.build(parties, stakes)


def seeds_for_case(session: Session, case_id: str, reference: ReferenceData) -> list[ListSeed]:
    """Every confirmed match of a case party, as a seed tagged with its list category."""
    query = select(MatchResult).where(
        MatchResult.case_id == case_id, MatchResult.status == CONFIRMED
    )
    seeds = []
    for match in session.execute(query).scalars():
        entry = match.entry
        official = entry.official_lists
        listed_as = reference.listed_as(entry.list_name or "", official)
        seeds.append(
            ListSeed(
                party=match.party_key,
                categories=reference.match_categories(
                    match.source_name, entry.list_name or "", official
                ),
                source=f"{match.source_name} / {listed_as}" if listed_as else match.source_name,
                entry_key=match.entry_key,
                entry_name=entry.primary_name,
                programs=tuple(entry.programs or ()),
            )
        )
    return seeds


def government_seeds(case: Case, reference: ReferenceData, on: date) -> list[ListSeed]:
    """Parties that belong to a government blocked by its programme's order on `on`.

    The orders (rules/reference/blocked-governments.yaml) block the government, its agencies
    and anyone it owns or controls, designated or not (OFAC FAQ 398), so a party flagged as
    that state's government or state-owned by it seeds the OFAC 50 % rule.
    """
    seeds = []
    for party in case.parties:
        if not (party.is_government or party.is_state_owned):
            continue
        state = party.state_country or party.country_incorporation or ""
        blocked = reference.blocked_government(state, on)
        if blocked is None:
            continue
        seeds.append(
            ListSeed(
                party=party.key,
                categories=frozenset({BLOCKED_GOVERNMENT}),
                source=blocked.order,
                entry_key=blocked.code,
                entry_name=blocked.name,
                basis=blocked.describe(),
            )
        )
    return seeds


def adversary_test(reference: ReferenceData, on: date) -> Callable[[PartyNode], bool]:
    """A party is adversary-linked when incorporated, headquartered or (for a state party)
    belonging to a foreign adversary in force on `on`; regime-scoped entries (Maduro regime)
    reach only state parties."""
    in_force = [a for a in reference.adversaries if a.in_force(on)]
    countries = {a.code for a in in_force if a.scope == "country"}
    regimes = {a.code for a in in_force if a.scope != "country"}

    def is_adversary(node: PartyNode) -> bool:
        if node.country in countries or node.head_office in countries:
            return True
        return node.state is not None and node.state in countries | regimes

    return is_adversary


def case_report(
    session: Session,
    case_id: str,
    as_of: date | None = None,
    reference: ReferenceData | None = None,
) -> OwnershipReport:
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFound(f"No case {case_id!r}")
    on = as_of or date.today()
    reference = reference or load_reference()
    transaction = case.transaction
    return build_report(
        graph_from_case(case),
        target=transaction.target_key if transaction else None,
        acquirer=transaction.acquirer_key if transaction else None,
        seeds=seeds_for_case(session, case_id, reference) + government_seeds(case, reference, on),
        regimes=load_regimes(),
        as_of=on,
        is_adversary=adversary_test(reference, on),
    )
