"""Assessing a stored case and proving a stored assessment can be reproduced.

An Assessment row keeps the exact pack texts (with their hashes), the list and reference
versions and the full facts snapshot. Re-evaluating the stored facts with the stored packs
must give the same total, tier, outcomes and hits; `reproduce` checks exactly that, so a
reviewer can show years later why a deal scored as it did, even after the packs changed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit
from screener.identity import current_user
from screener.lists.entity_links import entity_map
from screener.models import Assessment as AssessmentRow
from screener.models import Case, ListVersion
from screener.reference import ReferenceData, load_reference
from screener.risk.activation import active_packs
from screener.risk.case_facts import build_facts
from screener.risk.engine import Assessment, evaluate
from screener.risk.facts import Facts, OwnershipFacts, facts_from_dict, facts_to_dict
from screener.risk.ownership_facts import ownership_facts_for_case
from screener.risk.packs import RulePack, parse_pack
from screener.store import Store


class AssessmentError(LookupError):
    """The case or assessment does not exist, or a stored pack no longer matches its hash."""


@dataclass(frozen=True)
class StoredAssessment:
    id: int
    facts: Facts
    result: Assessment


@dataclass(frozen=True)
class Reproduction:
    assessment_id: int
    reproduced: bool
    differences: tuple[str, ...]
    result: Assessment


def _today() -> date:
    return datetime.now(UTC).date()


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def facts_for_case(
    session: Session,
    case_id: str,
    *,
    as_of: date | None = None,
    reference: ReferenceData | None = None,
    ownership: OwnershipFacts | None = None,
) -> Facts:
    case = session.get(Case, case_id)
    if case is None:
        raise AssessmentError(f"no case {case_id!r}")
    reference = reference or load_reference()
    on = as_of or _today()
    if ownership is None:
        ownership = ownership_facts_for_case(session, case, reference, on)
    entities = entity_map(session, {(m.source_name, m.entry_key) for m in case.matches})
    return build_facts(case, reference, as_of=on, ownership=ownership, entities=entities)


def _list_versions(session: Session, case: Case, reference: ReferenceData) -> list[dict[str, Any]]:
    version_ids = sorted({match.list_version_id for match in case.matches})
    versions = []
    for version in session.execute(
        select(ListVersion).where(ListVersion.id.in_(version_ids))
    ).scalars():
        versions.append(
            {
                "kind": "screening",
                "source": version.source.name,
                "version_id": version.id,
                "label": version.label,
                "content_hash": version.content_hash,
                "publisher_date": version.publisher_date,
            }
        )
    versions.extend(
        {"kind": "reference", "id": ref.id, "version": ref.version, "sha256": ref.sha256}
        for ref in reference.files
    )
    return versions


def _pack_records(packs: Sequence[RulePack]) -> list[dict[str, Any]]:
    return [
        {"id": p.id, "version": p.version, "sha256": p.sha256, "source": p.source, "text": p.text}
        for p in packs
    ]


def assess_case(
    store: Store,
    case_id: str,
    *,
    packs: Sequence[RulePack] | None = None,
    as_of: date | None = None,
    reference: ReferenceData | None = None,
) -> StoredAssessment:
    """Score the case now and store the assessment with everything needed to reproduce it."""
    reference = reference or load_reference()
    with store.unit_of_work() as session:
        packs = tuple(packs) if packs is not None else active_packs(session)
        facts = facts_for_case(session, case_id, as_of=as_of, reference=reference)
        result = evaluate(packs, facts)
        case = session.get(Case, case_id)
        assert case is not None
        row = AssessmentRow(
            case_id=case_id,
            created_by=current_user(session),
            packs=_pack_records(packs),
            pack_hash=result.pack_hash,
            list_versions=_list_versions(session, case, reference),
            category_scores=dict(result.category_scores),
            total_score=result.total,
            tier=result.tier,
            outcomes=_jsonable([o.__dict__ for o in result.outcomes]),
            hits=_jsonable([h.record() for h in result.hits]),
            facts=_jsonable(facts_to_dict(facts)),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "assessment.create",
            "assessment",
            row.id,
            case_id=case_id,
            details={
                "total": result.total,
                "tier": result.tier,
                "outcomes": list(result.hard_outcomes),
                "rules_fired": list(result.fired_rule_ids),
                "pack_hash": result.pack_hash,
                "packs": [f"{p.id}@{p.version}" for p in packs],
            },
        )
        return StoredAssessment(row.id, facts, result)


def stored_packs(row: AssessmentRow) -> tuple[RulePack, ...]:
    """The packs exactly as they were used, refused if the stored text was altered."""
    packs = []
    for record in row.packs:
        pack = parse_pack(record["text"], record.get("source", record["id"]))
        if pack.sha256 != record["sha256"]:
            raise AssessmentError(
                f"assessment {row.id}: stored pack {record['id']} does not match its hash"
            )
        packs.append(pack)
    return tuple(packs)


def reproduce(store: Store, assessment_id: int) -> Reproduction:
    """Re-evaluate a stored assessment's facts with its stored packs and compare."""
    with store.session() as session:
        row = session.get(AssessmentRow, assessment_id)
        if row is None:
            raise AssessmentError(f"no assessment {assessment_id}")
        packs = stored_packs(row)
        result = evaluate(packs, facts_from_dict(row.facts))
        stored = {
            "total": row.total_score,
            "tier": row.tier,
            "pack_hash": row.pack_hash,
            "category_scores": row.category_scores,
            "outcomes": row.outcomes,
            "hits": row.hits,
        }
    now = {
        "total": result.total,
        "tier": result.tier,
        "pack_hash": result.pack_hash,
        "category_scores": dict(result.category_scores),
        "outcomes": _jsonable([o.__dict__ for o in result.outcomes]),
        "hits": _jsonable([h.record() for h in result.hits]),
    }
    differences = tuple(
        f"{key}: stored {stored[key]!r}, now {now[key]!r}"
        for key in stored
        if stored[key] != now[key]
    )
    return Reproduction(assessment_id, not differences, differences, result)


def latest_assessment(session: Session, case_id: str) -> AssessmentRow | None:
    return session.execute(
        select(AssessmentRow)
        .where(AssessmentRow.case_id == case_id)
        .order_by(AssessmentRow.id.desc())
        .limit(1)
    ).scalar()
