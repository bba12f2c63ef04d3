"""Ownership results for the rules, taken from the ownership engine's report.

The ownership engine (screener.ownership, screener.ownership.service) owns the graph
arithmetic: the 50 % rules per regime, look-through stakes, state and adversary shares.
This module only picks out what the rules read about the acquirer and the parties above
it. A case without an acquirer in its graph yields `report_available` false rather than
a guess.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from screener.models import Case
from screener.ownership import OwnershipReport
from screener.ownership.service import case_report
from screener.ownership.status import CONTROLLED, LISTED
from screener.reference import ReferenceData
from screener.risk.facts import OwnershipFacts

OFAC, EU, UK, BIS = "ofac", "eu", "uk", "bis_affiliates"


def ownership_facts_for_case(
    session: Session, case: Case, reference: ReferenceData, on: date
) -> OwnershipFacts:
    return ownership_facts_from_report(case_report(session, case.id, as_of=on, reference=reference))


def _caught(
    report: OwnershipReport, regime: str, chain: list[str], *, owned_only: bool = False
) -> tuple[str, ...]:
    result = report.regimes.get(regime)
    if result is None or not result.in_force:
        return ()
    caught = []
    for key in chain:
        status = result.statuses.get(key)
        if (
            status is not None
            and status.is_blocked
            and not (owned_only and status.status == LISTED)
        ):
            caught.append(key)
    return tuple(caught)


def ownership_facts_from_report(report: OwnershipReport) -> OwnershipFacts:
    """What the report says about the acquirer's chain (the acquirer and all above it)."""
    acquirer = report.acquirer
    view = report.acquirer_view
    if acquirer is None or view is None:
        return OwnershipFacts(report_available=False)
    chain = report.graph.above(acquirer)
    ofac = report.regimes.get(OFAC)
    acquirer_ofac = ofac.statuses.get(acquirer) if ofac is not None and ofac.in_force else None
    deemed = report.acquirer_state_share_deemed
    state = max(deemed, key=lambda country: deemed[country]) if deemed else ""
    return OwnershipFacts(
        report_available=True,
        ofac_blocked_parties=_caught(report, OFAC, chain),
        eu_owned_or_controlled_parties=_caught(report, EU, chain),
        uk_owned_or_controlled_parties=_caught(report, UK, chain),
        bis_affiliate_parties=_caught(report, BIS, chain, owned_only=True),
        blocked_holders_pct=acquirer_ofac.counted_pct if acquirer_ofac is not None else 0.0,
        blocked_control_without_ownership=any(
            status.status == CONTROLLED
            for result in report.regimes.values()
            if result.in_force
            for key, status in result.statuses.items()
            if key in chain
        ),
        government_share_pct=deemed.get(state, 0.0) if state else 0.0,
        government_lookthrough_pct=max(view.government_share.values(), default=0.0),
        government_country=state,
        adversary_share_pct=view.adversary_share,
        unresolved_share_pct=view.unresolved_share,
    )
