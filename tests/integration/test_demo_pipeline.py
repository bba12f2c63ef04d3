"""The first-run demo: real list excerpts imported, the demo case screened, owned, assessed.

Runs the real services on a real SQLite database; the excerpts are checked against the full
source files in the shared data folder, row by row.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import defusedxml.ElementTree as SafeET
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from screener import audit
from screener.cli import main
from screener.demo.case import DEMO_CASE_ID
from screener.demo.pipeline import (
    DEMO_LABEL_PREFIX,
    DEMO_LISTS,
    GUIDE_AUTHOR,
    PREPARED_SETTING,
    DemoPreparationCancelled,
    demo_lists_dir,
    needs_preparation,
    prepare_demo,
)
from screener.lists.service import import_path
from screener.models import (
    Assessment,
    AuditEvent,
    Case,
    ListEntry,
    ListVersion,
    MatchResult,
    Note,
    Setting,
)
from screener.store import Store, open_store
from tests.conftest import SHARED_DATA


def count(store: Store, model: type) -> int:
    with store.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def matches_of(store: Store, party_key: str) -> list[tuple[str, str, str, bool, str]]:
    with store.session() as session:
        rows = session.execute(
            select(MatchResult).where(
                MatchResult.case_id == DEMO_CASE_ID, MatchResult.party_key == party_key
            )
        ).scalars()
        return sorted(
            (m.source_name, m.entry.list_name or "", m.matched_name, m.is_strong, m.status)
            for m in rows
        )


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One first run shared by the read-only tests of this module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'first-run.sqlite3'}"
    store = open_store(url)
    result = prepare_demo(store)
    assert result is not None and not result.already_prepared
    yield store
    store.dispose()


def test_first_run_imports_the_demo_lists_as_versions(prepared: Store) -> None:
    with prepared.session() as session:
        versions = session.execute(select(ListVersion)).scalars().all()
        sources = {v.source.name for v in versions}
        labels = [v.label for v in versions]
        assert all(v.is_active for v in versions)
    assert sources == {"US-CSL", "US-DOD-1260H", "OFAC-SDN", "UN-SC"}
    assert sorted(labels) == sorted(d.label for d in DEMO_LISTS)
    assert all(label.startswith(DEMO_LABEL_PREFIX) for label in labels)
    assert count(prepared, ListEntry) == 756 + 20 + 114 + 45


def test_the_demo_parties_hit_a_true_match_and_a_false_positive(prepared: Store) -> None:
    cnnc = matches_of(prepared, "CNNC")
    assert ("US-CSL", "NS-CMIC", "CHINA NATIONAL NUCLEAR CORPORATION", True, "pending") in cnnc
    assert (
        "US-DOD-1260H",
        "DoD 1260H",
        "China National Nuclear Corporation",
        True,
        "pending",
    ) in cnnc
    look_alike = matches_of(prepared, "MMT")
    assert ("OFAC-SDN", "SDN", "METAL & MINERAL TRADE S.A.R.L.") in {m[:3] for m in look_alike}
    assert all(status == "pending" for *_rest, status in look_alike)
    with prepared.session() as session:
        case = session.get(Case, DEMO_CASE_ID)
        assert case is not None and case.has_new_hits


def test_the_demo_case_is_assessed_with_the_shipped_packs(prepared: Store) -> None:
    with prepared.session() as session:
        rows = session.execute(select(Assessment)).scalars().all()
        assert len(rows) == 1
        row = rows[0]
        assert row.case_id == DEMO_CASE_ID
        assert row.tier and row.hits
        assert {p["id"] for p in row.packs} >= {"sanctions"}
        screened = {v["source"] for v in row.list_versions if v["kind"] == "screening"}
        assert screened >= {"US-CSL", "US-DOD-1260H", "OFAC-SDN"}
        assert row.facts["screening"]["screened"] is True
        assert set(row.facts["screening"]["pending_parties"]) >= {"CNNC", "MMT"}
        assert row.facts["ownership"]["adversary_share_pct"] > 0
        assert row.facts["ownership"]["unresolved_share_pct"] > 0


def test_every_step_is_in_an_intact_audit_trail(prepared: Store) -> None:
    with prepared.session() as session:
        events = audit.events_for_case(session, DEMO_CASE_ID)
        actions = [e.action for e in events]
        prepared_details = events[-1].details
        list_imports = session.execute(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "list.import")
        ).scalar_one()
        assert audit.verify(session) == []
    assert actions == [
        "case.imported",
        "case.screened",
        "case.status_changed",  # New -> In review once the results exist
        "assessment.create",
        "note.added",
        "demo.prepared",
    ]
    assert list_imports == len(DEMO_LISTS)
    assert prepared_details["demo_lists"].startswith("US-CSL v1, US-DOD-1260H v2")
    assert prepared_details["tier"] and prepared_details["matches"] >= 3


def test_a_guide_note_tells_what_was_done_and_what_to_do_next(prepared: Store) -> None:
    with prepared.session() as session:
        notes = session.execute(select(Note).where(Note.case_id == DEMO_CASE_ID)).scalars().all()
        assert [n.author for n in notes] == [GUIDE_AUTHOR]
        text = notes[0].text
    assert "OFAC-SDN, UN-SC, US-CSL, US-DOD-1260H" in text
    assert "- CNNC: China National Nuclear Corporation / CHINA NATIONAL NUCLEAR CORPORATION" in text
    assert "- MMT: Metals and Minerals Trade LLC / METAL & MINERAL TRADE S.A.R.L." in text
    assert "42.00 % of the target" in text


def test_a_second_run_adds_nothing(prepared: Store) -> None:
    models = (ListVersion, ListEntry, MatchResult, Assessment, AuditEvent, Setting, Case, Note)
    before = {model: count(prepared, model) for model in models}
    assert not needs_preparation(prepared)
    again = prepare_demo(prepared)
    assert again is not None and again.already_prepared
    assert {model: count(prepared, model) for model in models} == before


def test_a_database_with_real_lists_gets_no_demo_lists(store: Store) -> None:
    # recognised by content, not by label: a real list labelled like a demo one is still real
    real = import_path(
        store,
        SHARED_DATA / "us-dod-1260h" / "sanctions.csv",
        label=f"{DEMO_LABEL_PREFIX}: not really",
    )
    result = prepare_demo(store)
    assert result is not None
    assert result.lists_imported == []
    assert result.demo_lists_skipped == "the database holds 1 list version of its own"
    with store.session() as session:
        assert session.execute(select(ListVersion.id)).scalars().all() == [real.version_id]
    # the demo case is screened against the real list instead, and still assessed
    assert ("US-DOD-1260H", "DoD 1260H", "China National Nuclear Corporation", True, "pending") in (
        matches_of(store, "CNNC")
    )
    assert count(store, Assessment) == 1


def test_a_database_with_cases_of_its_own_gets_no_demo(store: Store) -> None:
    with store.unit_of_work() as session:
        session.add(Case(id="REAL-1", title="A real case"))
    assert prepare_demo(store) is None
    assert count(store, ListVersion) == 0
    assert count(store, Case) == 1


def test_cancel_between_steps_keeps_what_was_done_and_a_rerun_completes(store: Store) -> None:
    stages: list[str] = []

    def cancel_once_the_lists_are_in() -> bool:
        return bool(stages) and stages[-1] == "building the candidate index"

    with pytest.raises(DemoPreparationCancelled):
        prepare_demo(
            store,
            on_progress=lambda _d, _t, stage: stages.append(stage),
            is_cancelled=cancel_once_the_lists_are_in,
        )
    assert count(store, ListVersion) == len(DEMO_LISTS)
    assert count(store, MatchResult) == count(store, Assessment) == 0
    with store.session() as session:
        assert session.get(Setting, PREPARED_SETTING) is None
    assert needs_preparation(store)

    result = prepare_demo(store)
    assert result is not None and not result.already_prepared
    assert [r.created for r in result.lists_imported] == [False] * len(DEMO_LISTS)
    assert count(store, ListVersion) == len(DEMO_LISTS)
    assert count(store, Assessment) == 1


def test_cli_demo_load(sqlite_url: str, store: Store) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["--db", sqlite_url, "demo", "load", "--json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["case_id"] == DEMO_CASE_ID
    assert data["tier"] and data["hits"] > 0
    assert len(data["lists_imported"]) == len(DEMO_LISTS)
    again = runner.invoke(main, ["--db", sqlite_url, "demo", "load"])
    assert again.exit_code == 0
    assert "already loaded; nothing changed" in again.output


def test_cli_demo_load_refuses_a_database_with_cases(sqlite_url: str, store: Store) -> None:
    with store.unit_of_work() as session:
        session.add(Case(id="REAL-1", title="A real case"))
    result = CliRunner().invoke(main, ["--db", sqlite_url, "demo", "load"])
    assert result.exit_code == 2
    assert "this database holds 1 case" in result.output and "case(s)" not in result.output


# ----- the excerpts themselves ---------------------------------------------------------------


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    path = demo_lists_dir() / "build_excerpts.py"
    spec = importlib.util.spec_from_file_location("build_excerpts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_excerpts_are_small(builder: ModuleType) -> None:
    sizes = [(demo_lists_dir() / d.file_name).stat().st_size for d in DEMO_LISTS]
    assert sum(sizes) < 1_000_000


@pytest.mark.parametrize(
    ("excerpt", "source"),
    [
        ("csl_consolidated.csv", "us-trade-csl/consolidated.csv"),
        ("dod_1260h_sanctions.csv", "us-dod-1260h/sanctions.csv"),
    ],
)
def test_csv_excerpts_copy_whole_records_verbatim(
    builder: ModuleType, excerpt: str, source: str
) -> None:
    source_text = (SHARED_DATA / source).read_bytes().decode("utf-8")
    source_records = {raw for _line, _cells, raw in builder.csv_records(source_text)}
    records = list(builder.csv_records((demo_lists_dir() / excerpt).read_bytes().decode("utf-8")))
    assert records[0][2] == source_text.splitlines(keepends=True)[0]  # the header row
    assert len(records) > 20
    assert all(raw in source_records for _line, _cells, raw in records)


def test_the_sdn_excerpt_keeps_the_legacy_layout(builder: ModuleType) -> None:
    source = (SHARED_DATA / "ofac-sdn-legacy-csv/2024-05-03_sdn-only/sdn.csv").read_bytes()
    excerpt = (demo_lists_dir() / "sdn.csv").read_bytes()
    assert excerpt.endswith(b"\r\n\x1a")
    lines = excerpt[:-1].split(b"\r\n")[:-1]
    assert len(lines) == 114
    source_lines = set(source.split(b"\r\n"))
    assert all(line in source_lines for line in lines)


def test_the_un_excerpt_is_well_formed_and_keeps_the_root(builder: ModuleType) -> None:
    path = demo_lists_dir() / "UN_consolidated.xml"
    root = SafeET.parse(path).getroot()
    assert root.tag == "CONSOLIDATED_LIST"
    assert root.get("dateGenerated") == "2026-02-27T00:00:09.554Z"
    source = (SHARED_DATA / "un-consolidated" / "UN_consolidated.xml").read_text(encoding="utf-8")
    excerpt = path.read_text(encoding="utf-8")
    records = list(builder.UN_RECORD.finditer(excerpt))
    assert len(records) == 45
    assert all(record.group(0) in source for record in records)
    references = {builder.UN_REFERENCE.search(r.group(0)).group(1) for r in records}
    assert references == builder.UN_INDIVIDUALS | builder.UN_ENTITIES


def test_the_builder_reproduces_the_shipped_excerpts(
    builder: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "HERE", tmp_path)
    builder.main(SHARED_DATA)
    for demo_list in DEMO_LISTS:
        shipped = (demo_lists_dir() / demo_list.file_name).read_bytes()
        assert (tmp_path / demo_list.file_name).read_bytes() == shipped, demo_list.file_name


def test_first_and_second_run_on_sqlite_and_postgresql(any_store: Store) -> None:
    first = prepare_demo(any_store)
    assert first is not None and first.tier and first.screening["strong_matches"] >= 2
    models = (ListVersion, ListEntry, MatchResult, Assessment, AuditEvent)
    before = {model: count(any_store, model) for model in models}
    second = prepare_demo(any_store)
    assert second is not None and second.already_prepared
    assert {model: count(any_store, model) for model in models} == before
    with any_store.session() as session:
        assert audit.verify(session) == []


def test_confirming_the_true_match_raises_the_assessment(store: Store) -> None:
    """The demo's point: CNNC sits in the acquirer's chain, so its listing matters."""
    from screener.risk.service import assess_case
    from screener.workflow.adjudication import decide_match

    first = prepare_demo(store)
    assert first is not None and first.total is not None
    with store.unit_of_work() as session:
        hits = session.execute(
            select(MatchResult.id).where(MatchResult.party_key == "CNNC")
        ).scalars()
        for match_id in hits:
            decide_match(session, match_id, "confirm", "Same name and USCC as the listing")
    again = assess_case(store, DEMO_CASE_ID)
    assert "T3" in again.result.fired_rule_ids
    assert "T3" not in {hit["rule_id"] for hit in _stored_hits(store, first.assessment_id)}
    assert again.result.total > first.total


def _stored_hits(store: Store, assessment_id: int | None) -> list[dict]:
    with store.session() as session:
        row = session.get(Assessment, assessment_id)
        assert row is not None
        return list(row.hits)
