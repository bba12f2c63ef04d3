"""One case's results as XLSX sheets (or the screening results as CSV), for the record.

The screening results are one row per party and listed entity, as the Matches tab, the memo
and the batch output count them (`screener.workflow.entity_hits`): `list`, `sub_list` and
`entry_id` are the best-scoring membership's, `listed_on` names every list entry the entity was
found on (that one first, as the batch output's `listed_on` does), and `programmes` gathers all
of theirs.

Each export carries the audit chain's head it was made at (the Case sheet's
`audit_chain_head`, and a column of the screening results so a CSV has it too): a copy held
outside the database that `screener audit verify --anchor` checks the log still extends.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from screener.exports.files import Sheet, check_export_path, write_sheets
from screener.memo.data import MemoMatch
from screener.memo.model import MemoData, load_memo_data
from screener.store import Store

MATCH_COLUMNS = (
    "case_id", "party", "list", "sub_list", "entry_id", "listed_on", "listed_name", "score",
    "strength", "status", "decision", "reason", "decided_by", "decided_at", "programmes",
    "explanation", "audit_chain_head",
)  # fmt: skip


def case_sheets(data: MemoData) -> list[Sheet]:
    """Screening results first (the CSV), then rule hits, ownership and the case summary."""
    return [
        Sheet("Screening results", MATCH_COLUMNS, tuple(_match_rows(data))),
        Sheet(
            "Rule hits",
            ("case_id", "rule", "category", "title", "points", "outcome", "facts", "source"),
            tuple(_hit_rows(data)),
        ),
        Sheet(
            "Ownership links",
            (
                "case_id",
                "holder",
                "held",
                "equity_pct",
                "voting_pct",
                "control",
                "source",
                "confidence",
            ),
            tuple(_link_rows(data)),
        ),
        Sheet("Case", ("field", "value"), tuple(_case_rows(data))),
    ]


def _match_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    for m in data.matches:
        yield (
            data.case_id, m.party_name, m.source_name, m.list_name, m.entry_key, _listed_on(m),
            m.matched_name,
            round(m.score, 4), "strong" if m.is_strong else "weak", m.status, m.decision or "",
            m.reason, m.decided_by or "", m.decided_at, ", ".join(m.programs), m.explanation,
            data.audit_head,
        )  # fmt: skip


def _listed_on(match: MemoMatch) -> str:
    """'UN-SC KPe.001; UK-OFSI DPR0001': the shown membership first, then the others."""
    own = f"{match.source_name} {match.entry_key}"
    others = (f"{m.source_name} {m.entry_key}" for m in match.memberships)
    return "; ".join(dict.fromkeys((own, *others)))


def _hit_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    if data.assessment is None:
        return
    for h in data.assessment.hits:
        facts = "; ".join(f"{k}: {v}" if k else v for k, v in h.facts)
        yield (
            data.case_id,
            h.rule_id,
            h.category,
            h.title,
            h.points,
            h.outcome or "",
            facts,
            h.source,
        )


def _link_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    names = {n.key: n.name for n in data.ownership.nodes}
    for e in data.ownership.edges:
        yield (
            data.case_id, names.get(e.holder_key, e.holder_key), names.get(e.held_key, e.held_key),
            e.equity_pct, e.voting_pct, e.control_type or "", e.source, e.confidence,
        )  # fmt: skip


def _case_rows(data: MemoData) -> Iterable[tuple[Any, ...]]:
    a = data.assessment
    yield from (
        ("case_id", data.case_id),
        ("title", data.title),
        ("status", data.status),
        ("decision", data.decision or ""),
        ("jurisdictions", ", ".join(data.jurisdictions)),
        ("filing_deadline", data.filing_deadline),
        ("risk_tier", a.tier if a else ""),
        ("total_score", a.total_score if a else None),
        ("pack_hash", a.pack_hash if a else ""),
        ("handling_marking", data.handling_marking),
        ("exported_at", data.generated_at),
        ("audit_chain_head", data.audit_head),
        ("app_version", data.app_version),
    )


def export_case(store: Store, case_id: str, path: str | Path) -> Path:
    """One case's results to .xlsx (all sheets) or .csv (the screening results)."""
    path = check_export_path(path)
    return write_sheets(path, case_sheets(load_memo_data(store, case_id)))
