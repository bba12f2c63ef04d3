"""The ownership part of the memo: the graph to draw and the stakes to tabulate.

The graph (parties and holder -> held links) is read straight from the case. Effective stakes,
government share, the unresolved portion and blocked status are the ownership engine's
findings (`screener.ownership`); the memo prints them when the engine has produced them and
says so when it has not, rather than computing a second, possibly different, answer here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from screener.models import Case, Party


@dataclass(frozen=True)
class OwnershipNode:
    key: str
    name: str
    party_type: str
    role: str
    country: str | None
    markers: tuple[str, ...]


@dataclass(frozen=True)
class OwnershipEdge:
    holder_key: str
    held_key: str
    equity_pct: float | None
    voting_pct: float | None
    control_type: str | None
    source: str
    confidence: str


@dataclass(frozen=True)
class StakeRow:
    name: str
    country: str | None
    effective_pct: float | None
    voting_pct: float | None
    is_ultimate: bool
    markers: tuple[str, ...]
    path: str


@dataclass(frozen=True)
class RegimeFinding:
    regime: str
    status: str
    explanation: str


@dataclass(frozen=True)
class OwnershipView:
    target_key: str | None
    nodes: tuple[OwnershipNode, ...]
    edges: tuple[OwnershipEdge, ...]
    stakes: tuple[StakeRow, ...] | None
    government_pct: float | None
    adversary_pct: float | None
    unresolved_pct: float | None
    regimes: tuple[RegimeFinding, ...]

    @property
    def has_graph(self) -> bool:
        return bool(self.edges)


def party_markers(party: Party, confirmed_keys: set[str]) -> tuple[str, ...]:
    """Status markers printed on a diagram box; keys of screener.memo.labels."""
    markers = []
    if party.key in confirmed_keys:
        markers.append("marker_listed")
    if party.is_government:
        markers.append("marker_government")
    elif party.is_state_owned:
        markers.append("marker_state_owned")
    if party.type_a_investor:
        markers.append("marker_type_a")
    if party.excepted_investor:
        markers.append("marker_excepted")
    return tuple(markers)


def build_ownership_view(session: Session, case: Case) -> OwnershipView:
    transaction = case.transaction
    target_key = None
    if transaction is not None:
        target = transaction.target
        target_key = transaction.target_key or (target.legal_entity_key if target else None)
    confirmed = {m.party_key for m in case.matches if m.status == "confirmed"}
    report = _engine_report(session, case)
    blocked = set(report.get("blocked", ())) if report else set()
    nodes = []
    for party in case.parties:
        markers = party_markers(party, confirmed)
        if party.key in blocked:
            markers = ("marker_blocked", *markers)
        nodes.append(
            OwnershipNode(
                key=party.key,
                name=party.name,
                party_type=party.party_type,
                role=party.role,
                country=party.country_incorporation or party.nationality,
                markers=markers,
            )
        )
    edges = tuple(
        OwnershipEdge(
            link.holder_key,
            link.held_key,
            link.equity_pct,
            link.voting_pct,
            link.control_type,
            link.source,
            link.confidence,
        )
        for link in case.ownership_links
    )
    return OwnershipView(
        target_key=target_key,
        nodes=tuple(nodes),
        edges=edges,
        stakes=report.get("stakes") if report else None,
        government_pct=report.get("government_pct") if report else None,
        adversary_pct=report.get("adversary_pct") if report else None,
        unresolved_pct=report.get("unresolved_pct") if report else None,
        regimes=report.get("regimes", ()) if report else (),
    )


def _engine_report(session: Session, case: Case) -> dict[str, Any] | None:
    """The ownership engine's findings for this case, or None while no engine is installed."""
    return None
