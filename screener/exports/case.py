"""One case's results as XLSX sheets (or the screening results as CSV), for the record.

The screening results are one row per party and listed entity, as the Matches tab, the memo
and the batch output count them (`screener.workflow.entity_hits`): `list`, `sub_list` and
`entry_id` are the best-scoring membership's, `listed_on` names every list entry the entity was
found on (that one first, as the batch output's `listed_on` does), and `programmes` gathers all
of theirs.

An export is made in the officer's language (`lang`, the memo's two). In English the columns
and fields are named by their keys and coded values (statuses, decisions, tiers) are written
as stored, so tools reading the files keep working; in Japanese the headings, the codes, the
rule titles and the facts are written in the memo's words (`screener.exports.headings`,
`screener.memo.labels`), so the workbook and the memo say the same thing in one language. In
both, `why_matched` holds the memo's sentences and `facts` the memo's facts in words.

Each export carries the audit chain's head it was made at (the Case sheet's
`audit_chain_head`, and a column of the screening results so a CSV has it too): a copy held
outside the database that `screener audit verify --anchor` checks the log still extends.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from screener.exports.files import Sheet, check_export_path, write_sheets
from screener.exports.headings import column_headings, field_name, sheet_title
from screener.memo.data import MemoMatch
from screener.memo.labels import coded_term, labels_for, outcome_words
from screener.memo.model import MemoData, load_memo_data
from screener.risk.fact_labels import facts_in_words
from screener.store import Store

MATCH_COLUMNS = (
    "case_id", "party", "list", "sub_list", "entry_id", "listed_on", "listed_name", "score",
    "strength", "status", "decision", "reason", "decided_by", "decided_at", "programmes",
    "why_matched", "explanation", "audit_chain_head",
)  # fmt: skip


HIT_COLUMNS = ("case_id", "rule", "category", "title", "points", "outcome", "facts", "source")
LINK_COLUMNS = (
    "case_id", "holder", "held", "equity_pct", "voting_pct", "control", "source", "confidence",
)  # fmt: skip


class _Words:
    """Stored codes in the export's language: as stored in English, in the memo's words in
    Japanese (a code the memo has no Japanese for as the memo prints it, 'notify funder')."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.labels = labels_for(lang)

    def term(self, raw: str | None) -> str:
        if not raw or self.lang == "en":
            return raw or ""
        return coded_term(self.labels, raw)

    def outcome(self, text: str | None) -> str:
        """'Escalate (C3)': the label in the reader's words, the rule ids kept."""
        if not text or self.lang == "en":
            return text or ""
        return outcome_words(self.labels, text)

    def control(self, control_type: str | None) -> str:
        """'board_majority' as stored; in words ('board majority') as the memo prints it."""
        if self.lang == "en":
            return control_type or ""
        return (control_type or "").replace("_", " ")

    def strength(self, is_strong: bool) -> str:
        key = "strong" if is_strong else "weak"
        return key if self.lang == "en" else self.labels[key]


def case_sheets(data: MemoData, lang: str = "en") -> list[Sheet]:
    """Screening results first (the CSV), then rule hits, ownership and the case summary."""
    words = _Words(lang)
    tables = (
        ("Screening results", MATCH_COLUMNS, _match_rows(data, words)),
        ("Rule hits", HIT_COLUMNS, _hit_rows(data, words)),
        ("Ownership links", LINK_COLUMNS, _link_rows(data, words)),
        ("Case", ("field", "value"), _case_rows(data, words)),
    )
    return [
        Sheet(sheet_title(title, lang), column_headings(columns, lang), tuple(rows))
        for title, columns, rows in tables
    ]


def _match_rows(data: MemoData, words: _Words) -> Iterable[tuple[Any, ...]]:
    for m in data.matches:
        yield (
            data.case_id, m.party_name, m.source_name, m.list_name, m.entry_key, _listed_on(m),
            m.matched_name, round(m.score, 4), words.strength(m.is_strong),
            words.term(m.status), words.term(m.decision), m.reason, m.decided_by or "",
            _to_the_second(m.decided_at), ", ".join(m.programs), m.why_in(words.lang),
            m.explanation,
            data.audit_head,
        )  # fmt: skip


def _to_the_second(when: datetime | None) -> datetime | None:
    """A decision's time (UTC) as a reader writes it: '2026-12-07 16:19:23', not with the
    microseconds the database keeps for ordering."""
    return when.replace(microsecond=0) if when is not None else None


def _listed_on(match: MemoMatch) -> str:
    """'UN-SC KPe.001; UK-OFSI DPR0001': the shown membership first, then the others."""
    own = f"{match.source_name} {match.entry_key}"
    others = (f"{m.source_name} {m.entry_key}" for m in match.memberships)
    return "; ".join(dict.fromkeys((own, *others)))


def _hit_rows(data: MemoData, words: _Words) -> Iterable[tuple[Any, ...]]:
    if data.assessment is None:
        return
    names = data.party_names
    for h in data.assessment.hits:
        yield (
            data.case_id, h.rule_id, words.term(h.category), h.title_in(words.lang), h.points,
            words.outcome(h.outcome), facts_in_words(h.facts, words.lang, names), h.source,
        )  # fmt: skip


def _link_rows(data: MemoData, words: _Words) -> Iterable[tuple[Any, ...]]:
    names = data.party_names
    for e in data.ownership.edges:
        yield (
            data.case_id, names.get(e.holder_key, e.holder_key), names.get(e.held_key, e.held_key),
            e.equity_pct, e.voting_pct, words.control(e.control_type), e.source, e.confidence,
        )  # fmt: skip


def _case_rows(data: MemoData, words: _Words) -> Iterable[tuple[Any, ...]]:
    a = data.assessment
    fields = (
        ("case_id", data.case_id),
        ("title", data.title),
        ("status", words.term(data.status)),
        ("decision", words.term(data.decision)),
        ("jurisdictions", ", ".join(data.jurisdictions)),
        ("filing_deadline", data.filing_deadline),
        ("risk_tier", words.term(a.tier) if a else ""),
        ("total_score", a.total_score if a else None),
        ("pack_hash", a.pack_hash if a else ""),
        ("handling_marking", data.handling_marking),
        ("exported_at", data.generated_at),
        ("audit_chain_head", data.audit_head),
        ("app_version", data.app_version),
    )
    for field, value in fields:
        yield field_name(field, words.lang), value


def export_case(store: Store, case_id: str, path: str | Path, lang: str = "en") -> Path:
    """One case's results to .xlsx (all sheets) or .csv (the screening results), in `lang`."""
    path = check_export_path(path)
    labels_for(lang)  # an unknown language is refused before the case is read
    return write_sheets(path, case_sheets(load_memo_data(store, case_id), lang))
