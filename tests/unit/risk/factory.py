"""Facts for rule tests: a quiet baseline on which no shipped rule fires, plus overrides."""

from __future__ import annotations

import dataclasses
from typing import Any

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

ADVERSARIES = ("CN", "CU", "HK", "IR", "KP", "MO", "RU", "VE")


def quiet_facts() -> Facts:
    """A domestic, unremarkable deal: every shipped rule must stay silent on it."""
    acquirer = PartyFacts(
        key="ACQ", name="Acquirer Inc.", role="acquirer", country_incorporation="US"
    )
    return Facts(
        case_id="T-1",
        as_of="2026-01-15",
        jurisdictions=("US",),
        transaction=TransactionFacts(
            structure="share_purchase", stake_known=True, stake_after_pct=5.0, voting_after_pct=5.0
        ),
        deal=DealFacts(),
        target=TargetFacts(name="Plant", asset_type="warehouse", country="US"),
        acquirer=acquirer,
        chain=ChainFacts(parties=(acquirer,)),
        parties=(acquirer,),
        ownership=OwnershipFacts(report_available=True),
        screening=ScreeningFacts(screened=True),
        reference=ReferenceFacts(
            adversary_countries=ADVERSARIES, excepted_states=("AU", "CA", "GB", "NZ")
        ),
    )


def facts(**groups: dict[str, Any] | Any) -> Facts:
    """quiet_facts() with fields replaced per group, e.g. facts(deal={"closure_rights": True}).

    Nested groups take dicts too: facts(screening={"chain_confirmed": {"sdn": 1}}).
    """
    base = quiet_facts()
    changes = {}
    for group, value in groups.items():
        current = getattr(base, group)
        changes[group] = _merge(current, value) if isinstance(value, dict) else value
    return dataclasses.replace(base, **changes)


def _merge(current: Any, overrides: dict[str, Any]) -> Any:
    updates = {}
    for name, value in overrides.items():
        inner = getattr(current, name)
        if dataclasses.is_dataclass(inner) and isinstance(value, dict):
            updates[name] = _merge(inner, value)
        else:
            updates[name] = value
    return dataclasses.replace(current, **updates)


def counts(**values: int) -> ListCounts:
    return ListCounts(**values)
