"""First run: the demo case as a reviewer would find it after a day's work, not empty tabs.

On a new database the demo case (screener.demo.case) is imported, then this pipeline imports
small excerpts of real lists (resources/demo/lists, see PROVENANCE.md there), screens every
party of the case, computes its ownership report and assesses it with the shipped rule
packs. Every step goes through the ordinary service (list import, screen_case, case_report,
assess_case), so the audit trail shows the demo exactly as it would show a reviewer's work.

Guard rails:
- demo lists go only into a database holding no list versions other than demo excerpts
  (a half-finished earlier run is completed; a database with real lists is never given
  demo lists, and the demo case is screened against the real lists instead);
- nothing happens unless the demo case is in the database (it is imported only into a
  database without cases, and never again once the user deleted it);
- a Setting marks the demo as prepared, in the same unit of work as the audit record, so
  a second run adds nothing.
Matches are left pending: dismissing the false positive and confirming the true match is
the reviewer's part of the demo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from screener import audit
from screener.demo.case import DEMO_CASE_ID, ensure_demo_case
from screener.lists.detect import parser_for
from screener.lists.load import LoadResult, checksums_of, content_hash_of
from screener.lists.service import import_path
from screener.matching.db_index import build_index
from screener.models import Case, ListVersion, MatchResult, Setting
from screener.ownership.service import case_report
from screener.paths import resources_dir
from screener.risk.service import assess_case
from screener.store import Store
from screener.words import counted
from screener.workflow.notes import add_note
from screener.workflow.screening import screen_case

PREPARED_SETTING = "demo_case_prepared"
GUIDE_AUTHOR = "Screener (demo)"
DEMO_LABEL_PREFIX = "Demo excerpt"

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True)
class DemoList:
    file_name: str
    label: str


DEMO_LISTS: tuple[DemoList, ...] = (
    DemoList("csl_consolidated.csv", f"{DEMO_LABEL_PREFIX}: CSL, May 2022"),
    DemoList("dod_1260h_sanctions.csv", f"{DEMO_LABEL_PREFIX}: DoD 1260H, June 2026 edition"),
    DemoList("sdn.csv", f"{DEMO_LABEL_PREFIX}: OFAC sdn.csv, 2024-05-03"),
    DemoList("UN_consolidated.xml", f"{DEMO_LABEL_PREFIX}: UN list, 2026-02-27"),
)
STAGES = len(DEMO_LISTS) + 4  # lists, index, screening, ownership, assessment


class DemoPreparationCancelled(Exception):
    """Cancelled between two steps; the steps already done stay and a rerun completes it."""


@dataclass
class DemoPreparation:
    """What one run did; `already_prepared` runs did nothing."""

    case_id: str
    already_prepared: bool = False
    lists_imported: list[LoadResult] = field(default_factory=list)
    demo_lists_skipped: str | None = None
    screening: dict[str, Any] = field(default_factory=dict)
    ownership: dict[str, Any] = field(default_factory=dict)
    assessment_id: int | None = None
    tier: str | None = None
    total: float | None = None
    hits: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "already_prepared": self.already_prepared,
            "lists_imported": [r.as_dict() for r in self.lists_imported],
            "demo_lists_skipped": self.demo_lists_skipped,
            "screening": self.screening,
            "ownership": self.ownership,
            "assessment_id": self.assessment_id,
            "tier": self.tier,
            "total": self.total,
            "hits": self.hits,
            "seconds": self.seconds,
        }


def demo_lists_dir() -> Path:
    return resources_dir() / "demo" / "lists"


def _no_progress(_done: int, _total: int, _stage: str) -> None:
    return None


def _never() -> bool:
    return False


def is_prepared(store: Store) -> bool:
    with store.session() as session:
        return session.get(Setting, PREPARED_SETTING) is not None


def needs_preparation(store: Store) -> bool:
    """True when the demo case is in the database but not yet screened and assessed.

    Two cheap lookups, so the window can decide at start-up whether to start the work.
    """
    with store.session() as session:
        if session.get(Setting, PREPARED_SETTING) is not None:
            return False
        return session.get(Case, DEMO_CASE_ID) is not None


def demo_content_hashes() -> set[str]:
    """The content hash each demo excerpt gets as a list version (format + file bytes).

    A version is recognised as a demo excerpt by its content, not its label, which a user
    could give any list.
    """
    hashes = set()
    for demo_list in DEMO_LISTS:
        path = demo_lists_dir() / demo_list.file_name
        hashes.add(content_hash_of(parser_for(path).format_name, checksums_of([path])))
    return hashes


def real_list_labels(store: Store) -> list[str]:
    """Labels of the list versions that are not demo excerpts (a user's real lists)."""
    with store.session() as session:
        versions = session.execute(select(ListVersion.label, ListVersion.content_hash)).all()
    if not versions:
        return []
    demo = demo_content_hashes()
    return [label for label, content_hash in versions if content_hash not in demo]


def prepare_demo(
    store: Store,
    *,
    on_progress: ProgressCallback = _no_progress,
    is_cancelled: CancelCheck = _never,
) -> DemoPreparation | None:
    """Import, screen, compute ownership and assess the demo case; None if there is none.

    Safe to call on every start: a prepared demo returns at once with
    `already_prepared=True`, and a database with cases of its own gets no demo at all.
    """
    case_id = ensure_demo_case(store)
    if case_id is None:
        return None
    result = DemoPreparation(case_id=case_id)
    if is_prepared(store):
        result.already_prepared = True
        return result
    step = _Steps(on_progress, is_cancelled, result)
    real = real_list_labels(store)
    if real:
        result.demo_lists_skipped = (
            f"the database holds {counted(len(real), 'list version')} of its own"
        )
    else:
        for demo_list in DEMO_LISTS:
            with step(f"importing {demo_list.label}", f"import {demo_list.file_name}"):
                result.lists_imported.append(
                    import_path(
                        store,
                        demo_lists_dir() / demo_list.file_name,
                        label=demo_list.label,
                        is_cancelled=is_cancelled,
                    )
                )
    with step("building the candidate index", "index"):
        with store.session() as session:
            index = build_index(session)
    with step("screening the demo case", "screening"):
        result.screening = screen_case(store, case_id, index, is_cancelled=is_cancelled).as_dict()
    with step("computing ownership", "ownership"):
        with store.session() as session:
            result.ownership = _ownership_summary(case_report(session, case_id).to_dict())
    with step("assessing risk", "assessment"):
        stored = assess_case(store, case_id)
        result.assessment_id = stored.id
        result.tier = stored.result.tier
        result.total = stored.result.total
        result.hits = len(stored.result.hits)
    _mark_prepared(store, result)
    on_progress(STAGES, STAGES, "demo case ready")
    return result


def _ownership_summary(report: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of the report, for the audit record and the CLI."""
    target = report.get("target_view") or {}
    keep = ("adversary_share", "unresolved_share", "government_share", "country_share")
    summary = {key: target[key] for key in keep if key in target}
    summary["acquirer_state_share_deemed"] = report.get("acquirer_state_share_deemed")
    return summary


def _mark_prepared(store: Store, result: DemoPreparation) -> None:
    def mark(session: Session) -> None:
        if session.get(Setting, PREPARED_SETTING) is not None:
            return  # another process finished first; its record stands
        session.add(Setting(key=PREPARED_SETTING, value=result.case_id))
        add_note(session, result.case_id, _guide_note(session, result), user=GUIDE_AUTHOR)
        audit.record(
            session,
            "demo.prepared",
            "case",
            result.case_id,
            case_id=result.case_id,
            details=_audit_details(result),
        )

    store.write(mark)  # a race with another process ends in its record, on the retry


def _guide_note(session: Session, result: DemoPreparation) -> str:
    """What was done and what a reviewer would do next, written from the stored results."""
    lists = ", ".join(sorted({r.source_name for r in result.lists_imported})) or (
        f"the lists already in this database ({result.demo_lists_skipped})"
    )
    matches = session.execute(
        select(MatchResult)
        .where(MatchResult.case_id == result.case_id)
        .order_by(MatchResult.score.desc(), MatchResult.party_key)
    ).scalars()
    hits = [
        f"- {m.party_key}: {m.query_name} / {m.matched_name} "
        f"({m.source_name}{' / ' + m.entry.list_name if m.entry and m.entry.list_name else ''}, "
        f"score {m.score:.2f})"
        for m in matches
    ]
    ownership = result.ownership
    return "\n".join(
        [
            "Fictional demonstration case, prepared automatically on first run.",
            f"Screened every party against excerpts of real lists: {lists} "
            "(Lists window: versions labelled 'Demo excerpt'; not for real cases).",
            f"Ownership: {ownership.get('adversary_share', 0):.2f} % of the target is held "
            f"through foreign-adversary jurisdictions, {ownership.get('unresolved_share', 0):.2f} % "
            "is unresolved.",
            f"Risk: {result.total:g} points, tier {result.tier}.",
            f"Possible matches to decide ({len(hits)}):",
            *hits,
            "Next: in Matches compare each hit side by side, confirm or dismiss it with a reason, "
            "then Assess again in Risk: a confirmed listing of a party in the acquirer's chain "
            "changes the score.",
        ]
    )


def _audit_details(result: DemoPreparation) -> dict[str, Any]:
    """Flat values, so the History tab shows the record as one readable line."""
    lists = ", ".join(
        f"{r.source_name} v{r.version_id}{'' if r.created else ' (already there)'}"
        for r in result.lists_imported
    )
    return {
        "demo_lists": lists or f"none ({result.demo_lists_skipped})",
        "matches": result.screening.get("matches", 0),
        "assessment_id": result.assessment_id,
        "tier": result.tier,
    }


class _Steps:
    """Counts the stages for progress, checks for Cancel before each and times each."""

    def __init__(
        self, on_progress: ProgressCallback, is_cancelled: CancelCheck, result: DemoPreparation
    ) -> None:
        self._on_progress = on_progress
        self._is_cancelled = is_cancelled
        self._result = result
        self._done = 0

    def __call__(self, stage: str, timing_key: str) -> _Step:
        if self._is_cancelled():
            raise DemoPreparationCancelled(f"demo preparation cancelled before {stage}")
        self._on_progress(self._done, STAGES, stage)
        self._done += 1
        return _Step(self._result.seconds, timing_key)


class _Step:
    def __init__(self, seconds: dict[str, float], key: str) -> None:
        self._seconds = seconds
        self._key = key
        self._start = 0.0

    def __enter__(self) -> None:
        self._start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self._seconds[self._key] = round(time.perf_counter() - self._start, 3)
