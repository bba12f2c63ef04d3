"""Changing a case's ownership edges by hand, each change validated and audited.

The Ownership tab calls these; so can scripts. Validation returns every problem at once;
warnings (owners of an entity summing over 100 %) do not stop the change.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.deals.fields import CONFIDENCES, CONTROL_TYPES
from screener.models import Case, OwnershipLink

OVER_FULL_TOLERANCE = 0.01


class EdgeError(ValueError):
    """The edge cannot be saved; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class EdgeInput:
    holder_key: str
    held_key: str
    equity_pct: float | None = None
    voting_pct: float | None = None
    control_type: str | None = None
    joint_arrangement: bool = False
    as_of: date | None = None
    source: str = "analyst"
    confidence: str = "reported"

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def check_edge(
    case: Case, edge: EdgeInput, replacing: OwnershipLink | None = None
) -> tuple[list[str], list[str]]:
    """(errors, warnings) for saving `edge` in `case` (in place of `replacing`)."""
    errors: list[str] = []
    keys = {p.key for p in case.parties}
    for label, key in (("holder", edge.holder_key), ("held", edge.held_key)):
        if key not in keys:
            errors.append(f"{label} {key!r} is not a party of case {case.id}")
    if edge.holder_key == edge.held_key:
        errors.append("a party cannot hold itself")
    for label, value in (("equity", edge.equity_pct), ("voting", edge.voting_pct)):
        if value is not None and not 0 <= value <= 100:
            errors.append(f"{label} % must be between 0 and 100, not {value:g}")
    control = edge.control_type if edge.control_type not in (None, "none") else None
    if edge.equity_pct is None and edge.voting_pct is None and control is None:
        errors.append("give an equity %, a voting % or a control type")
    if edge.control_type is not None and edge.control_type not in CONTROL_TYPES:
        errors.append(f"control type must be one of {', '.join(CONTROL_TYPES)}")
    if edge.confidence not in CONFIDENCES:
        errors.append(f"confidence must be one of {', '.join(CONFIDENCES)}")
    for link in case.ownership_links:
        same = (link.holder_key, link.held_key) == (edge.holder_key, edge.held_key)
        if same and link is not replacing:
            errors.append(f"{edge.holder_key} already holds {edge.held_key}: change that edge")
    return errors, _total_warnings(case, edge, replacing)


def _total_warnings(case: Case, edge: EdgeInput, replacing: OwnershipLink | None) -> list[str]:
    others = [
        link
        for link in case.ownership_links
        if link.held_key == edge.held_key
        and link is not replacing
        and link.holder_key != edge.holder_key
    ]
    total = sum(
        (link.equity_pct if link.equity_pct is not None else link.voting_pct) or 0.0
        for link in others
    )
    total += (edge.equity_pct if edge.equity_pct is not None else edge.voting_pct) or 0.0
    if total > 100 + OVER_FULL_TOLERANCE:
        return [f"owners of {edge.held_key} would hold {total:g} % in total"]
    return []


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise EdgeError([f"no case {case_id!r}"])
    return case


def add_edge(session: Session, case_id: str, edge: EdgeInput) -> tuple[OwnershipLink, list[str]]:
    """Add an edge; returns it with any warnings. Raises EdgeError if it is invalid."""
    case = _case(session, case_id)
    errors, warnings = check_edge(case, edge)
    if errors:
        raise EdgeError(errors)
    link = OwnershipLink(**edge.values())
    case.ownership_links.append(link)
    session.flush()
    audit.record(
        session,
        "ownership.edge_added",
        "ownership_link",
        link.id,
        case_id=case_id,
        details={"edge": edge.values(), "warnings": warnings} | state_of([link]),
    )
    return link, warnings


def update_edge(
    session: Session, case_id: str, link_id: int, edge: EdgeInput
) -> tuple[OwnershipLink, list[str]]:
    case = _case(session, case_id)
    link = next((x for x in case.ownership_links if x.id == link_id), None)
    if link is None:
        raise EdgeError([f"no edge {link_id} in case {case_id}"])
    errors, warnings = check_edge(case, edge, replacing=link)
    if errors:
        raise EdgeError(errors)
    changes = []
    for name, new in edge.values().items():
        old = getattr(link, name)
        if old != new:
            changes.append({"field": name, "old": old, "new": new})
            setattr(link, name, new)
    session.flush()
    if changes:
        audit.record(
            session,
            "ownership.edge_changed",
            "ownership_link",
            link.id,
            case_id=case_id,
            details={
                "edge": f"{link.holder_key} -> {link.held_key}",
                "changes": changes,
                "warnings": warnings,
            }
            | state_of([link]),
        )
    return link, warnings


def remove_edge(session: Session, case_id: str, link_id: int) -> None:
    case = _case(session, case_id)
    link = next((x for x in case.ownership_links if x.id == link_id), None)
    if link is None:
        raise EdgeError([f"no edge {link_id} in case {case_id}"])
    before = {name: getattr(link, name) for name in EdgeInput.__dataclass_fields__}
    case.ownership_links.remove(link)
    session.flush()
    audit.record(
        session,
        "ownership.edge_removed",
        "ownership_link",
        link_id,
        case_id=case_id,
        details={"edge": before} | state_of(removed=[("ownership_link", link_id)]),
    )
