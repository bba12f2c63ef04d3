"""Ownership results for the rules, taken from the ownership engine (screener.ownership).

The ownership engine owns the graph arithmetic (50 % rules per regime, effective stakes,
government and adversary shares); this module only translates its report into the
`OwnershipFacts` the rules read. When no engine or no report is available the facts say so
(`report_available` false) instead of guessing.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from screener.models import Case
from screener.risk.facts import OwnershipFacts
from screener.risk.reference import ReferenceData


def _engine() -> Any | None:
    try:
        return importlib.import_module("screener.ownership")
    except ImportError:
        return None


def ownership_facts_for_case(
    session: Session, case: Case, reference: ReferenceData, on: date
) -> OwnershipFacts | None:
    """The ownership engine's report on `case` as facts, or None when there is none yet."""
    engine = _engine()
    if engine is None or not hasattr(engine, "analyse_case"):
        return None
    report = engine.analyse_case(session, case.id, as_of=on)
    return ownership_facts_from_report(report) if report is not None else None


def ownership_facts_from_report(report: Any) -> OwnershipFacts:
    """Map an OwnershipReport onto the facts; missing attributes read as nothing found."""

    def parties(name: str) -> tuple[str, ...]:
        return tuple(sorted(str(key) for key in getattr(report, name, ()) or ()))

    def pct(name: str) -> float:
        return float(getattr(report, name, 0.0) or 0.0)

    return OwnershipFacts(
        report_available=True,
        ofac_blocked_parties=parties("ofac_blocked_parties"),
        eu_owned_or_controlled_parties=parties("eu_owned_or_controlled_parties"),
        uk_owned_or_controlled_parties=parties("uk_owned_or_controlled_parties"),
        bis_affiliate_parties=parties("bis_affiliate_parties"),
        blocked_holders_pct=pct("blocked_holders_pct"),
        blocked_control_without_ownership=bool(
            getattr(report, "blocked_control_without_ownership", False)
        ),
        government_share_pct=pct("government_share_pct"),
        government_country=str(getattr(report, "government_country", "") or ""),
        adversary_share_pct=pct("adversary_share_pct"),
        unresolved_share_pct=pct("unresolved_share_pct"),
    )
