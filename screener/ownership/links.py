"""Pulling ownership links found in the lists into a case, with their provenance.

Once a reviewer confirms that a case party is a list entry, the links the publisher (or
OpenSanctions, BODS, GLEIF) records for that entry become candidate edges: "owned or
controlled by X" in an OFAC remark, an FtM Ownership with a percentage, a GLEIF parent. The
reviewer picks which to pull; each becomes an OwnershipLink whose `source` names the list,
its version and the entry, with confidence "list", and the pull is audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from screener import audit
from screener.audit_state import state_of
from screener.models import (
    Case,
    EntryLink,
    ListEntry,
    ListVersion,
    MatchResult,
    OwnershipLink,
    Party,
)
from screener.paths import rules_dir

CONFIRMED = "confirmed"
LIST_CONFIDENCE = "list"
LIST_CONTROL_TYPE = "dominant_influence"


def link_relations(path: Path | None = None) -> dict[str, str]:
    """relation -> equity | voting | control, from rules/reference/ownership-regimes.yaml."""
    path = path or rules_dir() / "reference" / "ownership-regimes.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("list_link_relations") or {}).items()}


@dataclass(frozen=True)
class LinkCandidate:
    """A list link touching a confirmed entry; `direction` says who would hold whom."""

    link_id: int
    party_key: str
    direction: str  # "owner": the counterparty holds the party; "owned": the party holds it
    counterparty_entry: str | None
    counterparty_name: str
    relation: str
    kind: str | None  # equity | voting | control; None: not an ownership relation
    percentage: float | None
    source: str
    entry_key: str
    source_text: str

    @property
    def pullable(self) -> bool:
        return self.kind is not None

    def provenance(self) -> str:
        return f"{self.source}, entry {self.entry_key}: {self.relation}"


def list_link_candidates(session: Session, case_id: str, party_key: str) -> list[LinkCandidate]:
    relations = link_relations()
    query = select(MatchResult).where(
        MatchResult.case_id == case_id,
        MatchResult.party_key == party_key,
        MatchResult.status == CONFIRMED,
    )
    found: list[LinkCandidate] = []
    for match in session.execute(query).scalars():
        version = session.get(ListVersion, match.list_version_id)
        label = (
            f"{match.source_name} {version.label or version.publisher_date or ''}".strip()
            if version
            else match.source_name
        )
        links = (
            select(EntryLink)
            .where(
                EntryLink.version_id == match.list_version_id,
                or_(
                    EntryLink.subject_key == match.entry_key,
                    EntryLink.object_key == match.entry_key,
                ),
            )
            .order_by(EntryLink.id)
        )
        for link in session.execute(links).scalars():
            owner_side = link.subject_key == match.entry_key
            other = link.object_key if owner_side else link.subject_key
            found.append(
                LinkCandidate(
                    link_id=link.id,
                    party_key=party_key,
                    direction="owner" if owner_side else "owned",
                    counterparty_entry=other,
                    counterparty_name=_name(
                        session,
                        match.list_version_id,
                        other,
                        link.object_name if owner_side else None,
                    ),
                    relation=link.relation,
                    kind=relations.get(link.relation),
                    percentage=link.percentage,
                    source=label,
                    entry_key=match.entry_key,
                    source_text=link.source_text,
                )
            )
    return found


def _name(session: Session, version_id: int, entry_key: str | None, fallback: str | None) -> str:
    if entry_key:
        entry = session.execute(
            select(ListEntry).where(
                ListEntry.version_id == version_id, ListEntry.entry_key == entry_key
            )
        ).scalar()
        if entry is not None:
            return entry.primary_name
    return fallback or entry_key or "(unnamed)"


def _party_key(candidate: LinkCandidate, source: str) -> str:
    base = candidate.counterparty_entry or candidate.counterparty_name
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{source.split()[0]}-{base}").strip("-")
    return slug[:120]


def pull_list_links(
    session: Session, case_id: str, party_key: str, link_ids: list[int]
) -> list[OwnershipLink]:
    """Add the chosen candidates as edges (and counterparties as parties); audited."""
    case = session.get(Case, case_id)
    if case is None:
        raise LookupError(f"no case {case_id!r}")
    chosen = [c for c in list_link_candidates(session, case_id, party_key) if c.link_id in link_ids]
    added: list[OwnershipLink] = []
    for candidate in chosen:
        if not candidate.pullable:
            raise ValueError(
                f"list link {candidate.link_id} ({candidate.relation}) is not an "
                "ownership or control relation"
            )
        other = _ensure_party(case, candidate)
        holder, held = (other, party_key) if candidate.direction == "owner" else (party_key, other)
        if any((e.holder_key, e.held_key) == (holder, held) for e in case.ownership_links):
            continue
        edge = OwnershipLink(
            holder_key=holder,
            held_key=held,
            equity_pct=candidate.percentage if candidate.kind == "equity" else None,
            voting_pct=candidate.percentage if candidate.kind == "voting" else None,
            control_type=LIST_CONTROL_TYPE if candidate.kind == "control" else None,
            source=candidate.provenance()[:300],
            confidence=LIST_CONFIDENCE,
        )
        if edge.equity_pct is None and edge.voting_pct is None and edge.control_type is None:
            edge.control_type = LIST_CONTROL_TYPE  # a stake of unknown size: show it as control
        case.ownership_links.append(edge)
        session.flush()
        audit.record(
            session,
            "ownership.list_link_pulled",
            "ownership_link",
            edge.id,
            case_id=case_id,
            details={
                "holder": holder,
                "held": held,
                "relation": candidate.relation,
                "percentage": candidate.percentage,
                "source": candidate.source,
                "entry": candidate.entry_key,
                "link_id": candidate.link_id,
                "source_text": candidate.source_text[:500],
            }
            | state_of([edge]),
        )
        added.append(edge)
    return added


def _ensure_party(case: Case, candidate: LinkCandidate) -> str:
    key = _party_key(candidate, candidate.source)
    if not any(p.key == key for p in case.parties):
        case.parties.append(
            Party(
                key=key,
                name=candidate.counterparty_name,
                role="owner" if candidate.direction == "owner" else "other",
                identifiers={"list_entry": candidate.counterparty_entry}
                if candidate.counterparty_entry
                else {},
                notes=f"Pulled from {candidate.provenance()}",
            )
        )
    return key
