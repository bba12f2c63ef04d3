"""Everything the memo prints, read from the database into plain frozen values.

The layout never touches the ORM: this module reads a case once, in one session, and hands
`render` a `MemoData` (screener.memo.data). A case fills in over its life (screening, ownership, risk, sign-off
arrive at different times), so every part is optional and an absent part stays absent: the
memo says plainly that it is missing rather than printing an invented default.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener.audit_anchor import anchor_text
from screener.lists.entity_links import evidence_between
from screener.lists.link_evidence import SameEntityEvidence, evidence_within
from screener.lists.listing_ends import listing_ends
from screener.memo.data import (
    Fact,
    MemoAssessment,
    MemoClock,
    MemoData,
    MemoFilingDue,
    MemoHit,
    MemoListVersion,
    MemoMatch,
    MemoMembership,
    MemoMitigation,
    MemoNote,
    MemoObligation,
    MemoScreening,
    MemoScreeningState,
    MemoSignOff,
)
from screener.memo.ownership_view import build_ownership_view, shipped_reference
from screener.models import (
    Assessment,
    AuditEvent,
    Case,
    ListVersion,
    TargetAsset,
    Transaction,
)
from screener.reference import ReferenceData
from screener.risk.hit_text import has_japanese, hit_notes, hit_rationale
from screener.store import Store
from screener.workflow.clocks import clocks_for_case
from screener.workflow.entity_hits import EntityHit, case_entity_hits
from screener.workflow.obligation import next_obligation
from screener.workflow.screening_state import screening_state

SCREENED_ACTION = "case.screened"  # written by screener.workflow.screening.screen_case


class MemoError(LookupError):
    """The memo cannot be built as asked (for example: no such case)."""


def load_memo_data(store: Store, case_id: str) -> MemoData:
    with store.session() as session:
        return build_memo_data(session, case_id)


def build_memo_data(session: Session, case_id: str) -> MemoData:
    case = session.get(Case, case_id)
    if case is None:
        raise MemoError(f"no case with id {case_id!r}")
    transaction = case.transaction
    target = transaction.target if transaction is not None else None
    names = {party.key: party.name for party in case.parties}
    assessment = _latest_assessment(case)
    screened = _latest_screening(session, case.id)
    as_of = _as_of(assessment)
    reference = shipped_reference()
    return MemoData(
        case_id=case.id,
        title=case.title,
        status=case.status,
        decision=case.decision,
        handling_marking=case.handling_marking or "",
        jurisdictions=tuple(case.jurisdictions or ()),
        assignee=case.assignee,
        received_date=case.received_date,
        filing_date=case.filing_date,
        filing_deadline=case.filing_deadline,
        clocks=_clocks(case),
        summary=case.summary or "",
        recommendation=case.recommendation or "",
        target_name=target.name if target is not None else None,
        transaction_facts=_transaction_facts(transaction, names),
        target_facts=_target_facts(target),
        filing_facts=_filing_facts(transaction, target),
        ownership=build_ownership_view(session, case, as_of=as_of),
        matches=_matches(session, case, names, reference),
        screening=_screening(screened) if screened is not None else None,
        assessment=_assessment(assessment) if assessment is not None else None,
        mitigation=tuple(_mitigation(item) for item in case.mitigation or ()),
        notes=tuple(MemoNote(n.author, n.created_at, n.text) for n in case.notes),
        sign_offs=tuple(
            MemoSignOff(s.role, s.user, s.signed_at, s.outcome, s.comment, s.dissent)
            for s in case.sign_offs
        ),
        list_versions=_list_versions(session, case, assessment, screened),
        audit_head=anchor_text(session),
        as_of=as_of,
        filing_dues=_filing_dues(assessment, transaction, as_of, reference),
        obligation=_obligation(case),
        screening_state=_screening_state(session, case),
    )


def _obligation(case: Case) -> MemoObligation:
    """The one clock every screen shows (screener.workflow.obligation), as of today."""
    ob = next_obligation(case)
    return MemoObligation(
        ob.kind,
        ob.title,
        ob.due,
        ob.standing,
        ob.days_left,
        ob.filed_on,
        ob.closed_on,
        ob.days_late,
    )


def _screening_state(session: Session, case: Case) -> MemoScreeningState:
    state = screening_state(case, session)
    return MemoScreeningState(
        state.never_screened, state.unscreened, state.newer_lists, state.no_lists, state.assessed
    )


def _as_sentence(text: str) -> str:
    """A rule's extra note ('the controlling government is a foreign adversary') is a clause
    in the pack; printed after the rationale it must read as a sentence of its own."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] in ".!?。":
        return text
    return text + ("。" if _is_japanese(text[-1]) else ".")


def _is_japanese(character: str) -> bool:
    return "\u3000" <= character <= "\u9fff" or "\uff00" <= character <= "\uffef"


def _sentences(parts: Iterable[str]) -> str:
    """Sentences run on: a space after an English full stop, none after a Japanese one."""
    text = ""
    for part in (_as_sentence(p) for p in parts if p and p.strip()):
        text += part if not text or text.endswith("。") else " " + part
    return text


def _as_of(assessment: Assessment | None) -> date | None:
    """The date the assessment read the law and the facts as of (its facts record it)."""
    if assessment is None:
        return None
    try:
        return date.fromisoformat(str((assessment.facts or {}).get("as_of", "")))
    except ValueError:
        return assessment.created_at.date()


def _filing_dues(
    assessment: Assessment | None,
    transaction: Transaction | None,
    as_of: date | None,
    reference: ReferenceData,
) -> tuple[MemoFilingDue, ...]:
    """When each filing the assessment's hard outcomes require is due, from the dated
    lead times in rules/reference/filing-deadlines.yaml and the expected completion."""
    if assessment is None or as_of is None:
        return ()
    completion = transaction.expected_completion if transaction is not None else None
    dues = []
    for outcome in assessment.outcomes or ():
        code = str(outcome.get("outcome", "")) if isinstance(outcome, dict) else str(outcome)
        lead = reference.filing_lead(code, as_of)
        if lead is None:
            continue
        due = completion - timedelta(days=lead.days) if completion is not None else None
        dues.append(MemoFilingDue(code, lead.title, due, completion, lead.days, lead.citation))
    return tuple(dues)


def _clocks(case: Case) -> tuple[MemoClock, ...]:
    """The running clocks, due first; computed as of today like the dashboard's."""
    statuses = sorted(clocks_for_case(case), key=lambda c: (c.due or date.max, c.title))
    return tuple(
        MemoClock(c.title, c.regime, c.start, c.due, c.days_left, c.state, c.source)
        for c in statuses
    )


def _party_label(key: str | None, names: dict[str, str]) -> str | None:
    if key is None:
        return None
    return names.get(key, key)


def _transaction_facts(transaction: Transaction | None, names: dict[str, str]) -> tuple[Fact, ...]:
    if transaction is None:
        return ()
    t = transaction
    board = None
    if t.board_seats is not None:
        board = f"{t.board_seats} / {t.board_size}" if t.board_size else str(t.board_seats)
    value = None
    if t.value is not None:
        value = f"{t.value:,.0f} {t.currency or ''}".strip()
    facts = [
        Fact("acquirer", _party_label(t.acquirer_key, names)),
        Fact("seller", _party_label(t.seller_key, names)),
        Fact("target_entity", _party_label(t.target_key, names)),
        Fact("structure", t.structure.replace("_", " ") if t.structure else None),
        Fact("stake_before", _pct(t.stake_before_pct)),
        Fact("stake_after", _pct(t.stake_after_pct)),
        Fact("voting_before", _pct(t.voting_before_pct)),
        Fact("voting_after", _pct(t.voting_after_pct)),
        Fact("board_seats", board),
        Fact("observer_seats", t.observer_seats),
        Fact("vetoes", ", ".join(t.vetoes) if t.vetoes else None),
        Fact("information_rights", t.information_rights),
        Fact("technology_access", t.technology_access),
        Fact("offtake_rights", t.offtake_rights),
        Fact("relocation_rights", t.relocation_rights),
        Fact("closure_rights", t.closure_rights),
        Fact("value", value),
        Fact("financing", _join(t.financing, t.lender_country)),
        Fact("signing_date", t.signing_date),
        Fact("expected_completion", t.expected_completion),
        Fact("adversary_ties", "; ".join(t.adversary_ties) if t.adversary_ties else None),
        Fact("past_violations", "; ".join(t.past_violations) if t.past_violations else None),
        Fact("description", t.description or None),
    ]
    return tuple(f for f in facts if f.value is not None)


def _target_facts(target: TargetAsset | None) -> tuple[Fact, ...]:
    if target is None:
        return ()
    a = target
    place = ", ".join(p for p in (a.region, a.country) if p) or None
    installation = None
    if a.nearest_installation:
        distance = a.installation_distance_miles
        installation = a.nearest_installation + (
            f" ({distance:g} mi)" if distance is not None else ""
        )
    capacity = f"{a.capacity:g} {a.capacity_unit or ''}".strip() if a.capacity is not None else None
    facts = [
        Fact("asset_name", a.name),
        Fact("asset_type", a.asset_type.replace("_", " ")),
        Fact("location", place),
        Fact("nearest_installation", installation),
        Fact("minerals", ", ".join(a.minerals) if a.minerals else None),
        Fact("elements", ", ".join(a.elements) if a.elements else None),
        Fact("processing_stages", ", ".join(a.processing_stages) if a.processing_stages else None),
        Fact("product_forms", ", ".join(a.product_forms) if a.product_forms else None),
        Fact("capacity", capacity),
        Fact("share_global", _pct(a.share_global_pct)),
        Fact("share_ex_china", _pct(a.share_ex_china_pct)),
        Fact("sole_domestic_producer", a.sole_domestic_producer),
        Fact("defence_customers", a.defence_customers),
        Fact("dfars_covered", a.dfars_covered),
        Fact("dpa_title_iii", a.dpa_title_iii),
        Fact("public_funding", ", ".join(a.public_funding) if a.public_funding else None),
        Fact("export_classification", a.export_classification),
    ]
    return tuple(f for f in facts if f.value is not None)


def _filing_facts(transaction: Transaction | None, target: TargetAsset | None) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    if transaction is not None:
        facts += [
            Fact("gains_control", transaction.gains_control),
            Fact("offshore_parent_transfer", transaction.offshore_parent_transfer),
            Fact("filing_in_asset_country", transaction.filing_in_asset_country),
            Fact("fefta_exemption_claimed", transaction.fefta_exemption_claimed),
        ]
    if target is not None:
        facts += [
            Fact("us_tid_business", target.us_tid_business),
            Fact("critical_technology", target.critical_technology),
            Fact("export_licence_required", target.export_licence_required),
            Fact("framework_project", target.framework_project),
            Fact("jp_listed", target.jp_listed),
            Fact("jp_mof_class", target.jp_mof_class),
        ]
    return tuple(f for f in facts if f.value is not None)


def _pct(value: float | None) -> str | None:
    return None if value is None else f"{value:g} %"


def _join(*parts: str | None) -> str | None:
    present = [p for p in parts if p]
    return ", ".join(present) if present else None


def _ordered_hits(hits: list[EntityHit]) -> list[EntityHit]:
    """Confirmed and strong matches first: the reader of a memo wants the findings on top."""
    rank = {"confirmed": 0, "unsure": 1, "pending": 2, "dismissed": 3}
    return sorted(hits, key=lambda h: (rank.get(h.status, 2), -h.score, h.best.id))


def _matches(
    session: Session, case: Case, names: dict[str, str], reference: ReferenceData
) -> tuple[MemoMatch, ...]:
    """Every hit, ordered; the links between its lists read once for the whole case."""
    hits = _ordered_hits(case_entity_hits(session, case))
    links = evidence_between(session, (ref for hit in hits for ref in _refs(hit)))
    return tuple(_match(hit, names, reference, links) for hit in hits)


def _refs(hit: EntityHit) -> list[tuple[str, str]]:
    return [(m.source, m.entry_key) for m in hit.memberships()]


def _match(
    hit: EntityHit,
    names: dict[str, str],
    reference: ReferenceData,
    links: Sequence[SameEntityEvidence],
) -> MemoMatch:
    """One listed entity: its best-scoring match speaks for it, every membership is listed.

    The decision shown is the latest taken on any membership (one adjudication covers all).
    """
    match = hit.best
    decisions = [d for m in hit.matches for d in m.decisions]
    last = max(decisions, key=lambda d: (d.decided_at, d.id)) if decisions else None
    listed_as = _ListedAs(hit, reference)
    return MemoMatch(
        party_name=names.get(match.party_key, match.query_name),
        source_name=match.source_name,
        list_name=listed_as(match.source_name, match.entry_key),
        entry_key=match.entry_key,
        matched_name=match.matched_name,
        score=match.score,
        is_strong=match.is_strong,
        explanation=match.explanation or "",
        query_name=match.query_name or "",
        features=tuple(f for f in match.features or () if isinstance(f, dict)),
        status=hit.status,
        programs=tuple(dict.fromkeys(p for m in hit.memberships() for p in m.programs)),
        decision=last.outcome if last else None,
        reason=last.reason if last else "",
        decided_by=last.decided_by if last else None,
        decided_at=last.decided_at if last else None,
        changed_since_dismissed=tuple(
            sorted({item for m in hit.matches for item in _changed(m.changed_since_dismissed)})
        ),
        memberships=tuple(
            MemoMembership(m.source, listed_as(m.source, m.entry_key), m.entry_key, m.programs)
            for m in hit.memberships()
        ),
        listing_ends=tuple(
            sorted({end for m in hit.matches if m.entry for end in listing_ends(m.entry.data)})
        ),
        same_entity=tuple(evidence_within(links, _refs(hit))),
    )


class _ListedAs:
    """Each membership's sub-list as the memo prints it (`ReferenceData.listed_as`)."""

    def __init__(self, hit: EntityHit, reference: ReferenceData) -> None:
        self._reference = reference
        self._entries = {(m.source_name, m.entry_key): m.entry for m in hit.matches}

    def __call__(self, source: str, entry_key: str) -> str:
        entry = self._entries.get((source, entry_key))
        if entry is None:
            return ""
        return self._reference.listed_as(entry.list_name or "", entry.official_lists)


def _changed(changed: dict[str, Any] | None) -> list[str]:
    """What changed since the dismissal: the party's and the entry's fields, and any new
    membership of the entity ('new membership EU-FSF EU.1 — ...'), never the bookkeeping."""
    if not changed:
        return []
    if "party" not in changed and "entry" not in changed:
        return list(changed)  # a change written as {field: {before, after}}
    fields = [*(changed.get("party") or {}), *(changed.get("entry") or {})]
    fields += [f"new membership {member}" for member in changed.get("new_memberships") or ()]
    return fields


def _latest_assessment(case: Case) -> Assessment | None:
    if not case.assessments:
        return None
    return max(case.assessments, key=lambda a: (a.created_at, a.id))


def _assessment(a: Assessment) -> MemoAssessment:
    """Reads the risk service's record (screener.risk.service.assess_case) as stored."""
    outcomes = [o for o in a.outcomes or ()]
    hard = [o for o in outcomes if not isinstance(o, dict) or o.get("overrides_score", True)]
    references = [
        (str(v.get("id", "")), str(v.get("version", "")), str(v.get("sha256", "")))
        for v in a.list_versions or ()
        if isinstance(v, dict) and v.get("kind") == "reference"
    ]
    return MemoAssessment(
        created_at=a.created_at,
        created_by=a.created_by,
        tier=a.tier,
        total_score=a.total_score,
        category_scores=tuple((str(k), _number(v)) for k, v in (a.category_scores or {}).items()),
        outcomes=tuple(_outcome_text(o) for o in outcomes),
        hard_outcomes=tuple(_outcome_text(o) for o in hard),
        hits=tuple(_hit(h) for h in a.hits or ()),
        pack_hash=a.pack_hash,
        packs=tuple(_pack_text(p) for p in a.packs or ()),
        reference_data=tuple(references),
    )


def _number(value: Any) -> float:
    if isinstance(value, dict):
        value = value.get("score", value.get("points", 0))
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _first(mapping: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if mapping.get(key) not in (None, ""):
            return mapping[key]
    return None


def _outcome_text(outcome: Any) -> str:
    """An outcome record {outcome, label, rule_ids} as "label (G3, G4)"."""
    if not isinstance(outcome, dict):
        return str(outcome)
    what = str(_first(outcome, "label", "outcome", "name", "title") or "").replace("_", " ")
    rules = outcome.get("rule_ids") or [r for r in [_first(outcome, "rule_id", "rule")] if r]
    return f"{what} ({', '.join(map(str, rules))})" if rules else what


def _pack_text(pack: Any) -> str:
    if not isinstance(pack, dict):
        return str(pack)
    name = _first(pack, "name", "id", "title") or "pack"
    version = _first(pack, "version")
    return f"{name} {version}" if version else str(name)


def _hit(hit: Any) -> MemoHit:
    """A rule hit record (screener.risk.engine.RuleHit as stored)."""
    if not isinstance(hit, dict):
        return MemoHit(str(hit), str(hit), "", None, None, (), "", "")
    points = _first(hit, "points", "score", "weight")
    facts = hit.get("facts") or {}
    if isinstance(facts, dict):
        fact_pairs = tuple((str(k), _kept(v)) for k, v in facts.items())
    else:
        fact_pairs = tuple(("", _kept(v)) for v in facts)
    outcomes = hit.get("outcomes") or [o for o in [hit.get("outcome")] if o]
    rationale = _sentences((hit_rationale(hit, "en"), *hit_notes(hit, "en")))
    rationale_ja = (
        _sentences((hit_rationale(hit, "ja"), *hit_notes(hit, "ja"))) if has_japanese(hit) else ""
    )
    return MemoHit(
        rule_id=str(_first(hit, "rule_id", "id", "rule") or ""),
        title=str(_first(hit, "title", "name") or ""),
        category=str(_first(hit, "category") or "").lower(),
        points=float(points) if isinstance(points, int | float) and points else None,
        outcome=", ".join(str(o) for o in outcomes) or None,
        facts=fact_pairs,
        source=str(_first(hit, "source", "sources") or ""),
        rationale=rationale,
        title_ja=str(hit.get("title_ja") or ""),
        rationale_ja=rationale_ja,
    )


def _kept(value: Any) -> Any:
    """A fact's value as the engine saw it (a list as a tuple): the section prints it in the
    memo's language (screener.risk.fact_labels.fact_value), sentence by sentence."""
    return tuple(_kept(v) for v in value) if isinstance(value, list | tuple) else value


def _mitigation(item: Any) -> MemoMitigation:
    if isinstance(item, dict):
        return MemoMitigation(
            title=str(_first(item, "title", "name", "measure", "kind") or ""),
            description=str(_first(item, "description", "detail", "text") or ""),
            status=_first(item, "status"),
        )
    return MemoMitigation(str(item), "", None)


def _latest_screening(session: Session, case_id: str) -> AuditEvent | None:
    """Screening leaves no row when nothing matched; its audit record says it ran."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.case_id == case_id, AuditEvent.action == SCREENED_ACTION)
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def _screening(event: AuditEvent) -> MemoScreening:
    details = event.details or {}
    return MemoScreening(
        at=event.at,
        actor=event.actor,
        parties=int(details.get("parties") or 0),
        matches=int(details.get("matches") or 0),
    )


def _list_versions(
    session: Session, case: Case, assessment: Assessment | None, screened: AuditEvent | None
) -> tuple[MemoListVersion, ...]:
    """The list versions this case was screened or scored against, oldest source first.

    A list imported after the case's screening is searched for its open cases' parties
    (`screener.workflow.rescreen`), which records it on each party, not in a screening
    record: the parties' own record names it, as the sign-off blockers read it.
    """
    ids = {m.list_version_id for m in case.matches}
    for party in case.parties:
        ids.update(v for v in party.screened_versions or () if isinstance(v, int))
    if screened is not None:
        ids.update(
            v for v in (screened.details or {}).get("list_versions", ()) if isinstance(v, int)
        )
    for item in (assessment.list_versions if assessment is not None else None) or ():
        if isinstance(item, dict) and item.get("kind") == "reference":
            continue
        ref = item.get("version_id", item.get("id")) if isinstance(item, dict) else item
        if isinstance(ref, int):
            ids.add(ref)
    if not ids:
        return ()
    rows = session.scalars(select(ListVersion).where(ListVersion.id.in_(ids))).all()
    return tuple(
        MemoListVersion(
            source=v.source.name,
            label=v.label,
            publisher_date=v.publisher_date,
            imported_at=v.imported_at,
            content_hash=v.content_hash,
            entry_count=v.entry_count,
        )
        for v in sorted(rows, key=lambda v: (v.source.name, v.id))
    )


__all__ = [
    "Fact",
    "MemoAssessment",
    "MemoClock",
    "MemoData",
    "MemoError",
    "MemoHit",
    "MemoListVersion",
    "MemoMatch",
    "MemoMitigation",
    "MemoNote",
    "MemoScreening",
    "MemoSignOff",
    "build_memo_data",
    "load_memo_data",
]
