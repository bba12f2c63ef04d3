"""Screening a stored case against stored list versions, on a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from screener.cli import main
from screener.identity import os_login
from screener.lists.base import ParsedDate, ParsedEntry, ParsedIdentifier, ParsedList, ParsedName
from screener.lists.load import load_parsed_list
from screener.matching.db_index import build_index, index_signature
from screener.models import AuditEvent, Case, ListVersion, MatchResult
from screener.store import Store
from screener.workflow.screening import ScreeningCancelled, screen_case
from tests.factory import make_case

PARTIES = [
    {
        "key": "target",
        "name": "Brightwater Magnetics Pty Ltd",
        "party_type": "company",
        "role": "target",
    },
    {
        "key": "buyer",
        "name": "Kestrel Rare Earth Separation Co Ltd",
        "party_type": "company",
        "role": "acquirer",
        "country_incorporation": "CN",
    },
    {
        "key": "owner",
        "name": "Borislav Selvik",
        "name_original": "Борислав Селвик",
        "party_type": "person",
        "role": "owner",
        "birth_date": "1961-04-02",
        "nationality": "NO",
    },
    {"key": "float", "name": "Public shareholders", "party_type": "dispersed", "role": "owner"},
]


def _list(label: str = "2026-01") -> ParsedList:
    entries = [
        ParsedEntry(
            "T-1",
            "organization",
            "KESTREL RARE EARTH SEPARATION CO., LTD.",
            names=[
                ParsedName("欧阳稀土股份有限公司", "aka", script="han", is_original_script=True)
            ],
            identifiers=[ParsedIdentifier("registration", "91-1234567")],
            countries=["CN"],
            programs=["TEST"],
        ),
        ParsedEntry(
            "T-2",
            "person",
            "SELVIK, Borislav",
            names=[ParsedName("Борислав Тимурович Селвик", "aka")],
            dates=[ParsedDate("birth", "1961")],
            programs=["TEST"],
        ),
        ParsedEntry("T-3", "person", "DUNMORE, Quellmar", programs=["TEST"]),
    ]
    return ParsedList("TEST-SANCTIONS", "test", "Test publisher", [], entries, publisher_date=label)


def _seed(store: Store) -> None:
    with store.unit_of_work() as session:
        load_parsed_list(session, _list())
        make_case(session, "C-9", parties=PARTIES)


def _matches(store: Store) -> list[MatchResult]:
    with store.session() as session:
        return list(session.execute(select(MatchResult).order_by(MatchResult.party_key)).scalars())


def test_screen_case_stores_matches_with_features_and_list_version(store: Store) -> None:
    _seed(store)
    with store.session() as session:
        index = build_index(session)
    progress: list[tuple[int, int]] = []
    summary = screen_case(store, "C-9", index, on_progress=lambda d, t, _s: progress.append((d, t)))
    assert summary.parties == 3 and summary.new_matches == 2 == summary.matches
    rows = _matches(store)
    assert [(r.party_key, r.entry_key) for r in rows] == [("buyer", "T-1"), ("owner", "T-2")]
    for row in rows:
        assert row.source_name == "TEST-SANCTIONS" and row.list_version_id and row.list_entry_id
        assert row.score >= 0.71 and row.status == "pending" and row.is_new
        assert {f["name"] for f in row.features} >= {"name_token_overlap", "country_mismatch"}
        assert row.explanation.startswith("Score ")
    assert progress[-1] == (3, 3)
    with store.session() as session:
        assert session.get(Case, "C-9").has_new_hits  # type: ignore[union-attr]
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "case.screened")
        ).scalar_one()
        assert event.details["matches"] == 2


def test_rescreen_updates_keeps_decided_and_drops_stale_pending(store: Store) -> None:
    _seed(store)
    with store.session() as session:
        index = build_index(session)
    screen_case(store, "C-9", index)
    again = screen_case(store, "C-9", index)
    assert again.new_matches == 0 and all(not r.is_new for r in _matches(store))
    with store.unit_of_work() as session:
        buyer = session.execute(
            select(MatchResult).where(MatchResult.party_key == "buyer")
        ).scalar_one()
        buyer.status = "confirmed"
        session.execute(select(ListVersion)).scalar_one().is_active = False
    with store.session() as session:
        assert index_signature(session) == ()
        empty = build_index(session)
    summary = screen_case(store, "C-9", empty)
    assert summary.matches == 0 and summary.removed == 1
    assert [(r.party_key, r.status) for r in _matches(store)] == [("buyer", "confirmed")]


def test_cancelled_screening_writes_nothing(store: Store) -> None:
    _seed(store)
    with store.session() as session:
        index = build_index(session)
    with pytest.raises(ScreeningCancelled):
        screen_case(store, "C-9", index, is_cancelled=lambda: True)
    assert _matches(store) == []


def test_search_command_reads_the_active_lists(store: Store, sqlite_url: str) -> None:
    _seed(store)
    result = CliRunner().invoke(
        main, ["--db", sqlite_url, "search", "Borislav Selvik", "--type", "person", "--json"]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert hits[0]["list"] == "TEST-SANCTIONS" and hits[0]["entry_key"] == "T-2"
    assert "same name once case" in hits[0]["why"] and "Score" not in hits[0]["why"]
    assert hits[0]["score_detail"].startswith("Score ")
    shown = CliRunner().invoke(main, ["--db", sqlite_url, "search", "Selvik Borislav"]).output
    assert "'Selvik Borislav' and 'SELVIK, Borislav' are the same name" in shown
    assert "[1.00]" not in shown and "Score 1.00" not in shown
    none = CliRunner().invoke(
        main, ["--db", sqlite_url, "search", "Brightwater Magnetics", "--json"]
    )
    assert json.loads(none.output) == []


def test_search_command_reads_back_the_kept_index_until_the_lists_change(
    store: Store, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screener.matching import db_index
    from screener.matching.index_store import index_dir

    _seed(store)
    args = ["--db", sqlite_url, "search", "Borislav Selvik", "--json"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert len(list(index_dir().glob("*.manifest"))) == 1
    with store.session() as session:
        assert len(db_index.kept_index(session)) == len(build_index(session))

    def no_build(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the kept index should have been read")

    monkeypatch.setattr(db_index, "build_index", no_build)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == json.loads(first.output)
    monkeypatch.undo()
    with store.unit_of_work() as session:
        session.execute(select(ListVersion)).scalar_one().is_active = False
    after = CliRunner().invoke(main, args)
    assert after.exit_code == 0 and json.loads(after.output) == []


def test_score_pairs_and_calibrate_commands(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "schema,name1,name2,is_match,note\n"
        "Person,Borislav Selvik,SELVIK Borislav,true,order\n"
        "Company,Zorvath Trading Company,Quellmar Trading Company,false,generic\n"
        "Company,Kestrel Mining GmbH,Kestrel Mining AG,false,forms\n",
        encoding="utf-8",
    )
    out = tmp_path / "scores.csv"
    result = CliRunner().invoke(main, ["score-pairs", str(pairs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "schema,name1,name2,is_match,note,score,alert"
    assert (
        lines[1].endswith(",true") and lines[2].endswith(",false") and lines[3].endswith(",false")
    )
    table = CliRunner().invoke(main, ["calibrate", str(pairs), "--json"])
    assert table.exit_code == 0
    assert json.loads(table.output)["at_review_threshold"]["f1"] == 1.0


def test_bad_pairs_file_names_row_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name1,name2,schema\nA,B,Planet\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score-pairs", str(bad), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "row 2, field 'schema'" in result.output
    missing = tmp_path / "missing.csv"
    missing.write_text("first,second\nA,B\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["calibrate", str(missing)])
    assert result.exit_code == 2 and "field 'name1'" in result.output
    unlabelled = tmp_path / "unlabelled.csv"
    unlabelled.write_text("name1,name2\nA,B\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["calibrate", str(unlabelled)])
    assert result.exit_code == 2 and "is_match" in result.output
    oversized = tmp_path / "oversized.csv"  # a cell past the csv module's field limit
    oversized.write_text('name1,name2\nA,B\n"' + "A" * 200_000 + '",B\n', encoding="utf-8")
    for command in (["score-pairs", str(oversized), "--out", str(tmp_path / "o.csv")],
                    ["calibrate", str(oversized)]):  # fmt: skip
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert "oversized.csv, row 3, field '(csv)': not valid CSV at line 3" in result.output


def test_index_cache_rebuilds_only_when_active_versions_change(store: Store) -> None:
    from screener.matching.db_index import IndexCache

    _seed(store)
    cache = IndexCache()
    first = cache.get(store)
    assert cache.get(store) is first and cache.cached(store) is first and len(first) == 3
    with store.unit_of_work() as session:
        session.execute(select(ListVersion)).scalar_one().is_active = False
    second = cache.get(store)
    assert second is not first and len(second) == 0


@pytest.mark.postgres
def test_screening_stores_the_same_on_postgresql(postgres_url: str) -> None:
    from screener.store import open_store

    store = open_store(postgres_url)
    try:
        _seed(store)
        with store.session() as session:
            index = build_index(session)
        summary = screen_case(store, "C-9", index)
        assert summary.matches == 2
        rows = _matches(store)
        assert all(r.features and r.explanation and r.list_version_id for r in rows)
    finally:
        store.dispose()


@pytest.mark.parametrize("start", ["new", "screening"])
def test_screening_a_new_case_moves_it_to_in_review_recorded_and_audited(
    store: Store, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREENER_USER", "officer.kim")  # ignored: not a training database
    with store.unit_of_work() as session:
        make_case(session, "C-9", parties=PARTIES, status=start)
        load_parsed_list(session, _list())
    with store.session() as session:
        index = build_index(session)
    screen_case(store, "C-9", index)
    with store.session() as session:
        case = session.get(Case, "C-9")
        assert case is not None and case.status == "in_review"
        change = case.status_changes[-1]
        assert (change.from_status, change.to_status) == (start, "in_review")
        assert change.changed_by == os_login() and change.changed_at is not None
        moved = session.execute(
            select(AuditEvent).where(AuditEvent.action == "case.status_changed")
        ).scalar_one()
        assert moved.actor == os_login() and moved.details["to"] == "in_review"
    screen_case(store, "C-9", index)  # a second screening leaves In review alone
    with store.session() as session:
        assert len(session.get(Case, "C-9").status_changes) == 1  # type: ignore[union-attr]


def test_screening_leaves_an_escalated_case_escalated(store: Store) -> None:
    with store.unit_of_work() as session:
        make_case(session, "C-9", parties=PARTIES, status="escalated")
    with store.session() as session:
        index = build_index(session)
    screen_case(store, "C-9", index)
    with store.session() as session:
        assert session.get(Case, "C-9").status == "escalated"  # type: ignore[union-attr]


def test_a_clean_screening_still_records_every_list_version_searched(store: Store) -> None:
    with store.unit_of_work() as session:
        version = load_parsed_list(session, _list())
        clean = {"key": "buyer", "name": "Tallgrass Orchard Cooperative", "party_type": "company"}
        make_case(session, "C-CLEAN", parties=[clean])
    with store.session() as session:
        index = build_index(session)
    summary = screen_case(store, "C-CLEAN", index)
    assert summary.parties == 1 and summary.matches == 0
    assert summary.list_versions == [version.version_id]


def test_score_pairs_as_a_process_writes_every_row_and_its_summary(tmp_path: Path) -> None:
    """As a process it ends without tearing down its caches (issue 22): the file and the
    summary line must still be complete and the exit code 0."""
    import os
    import subprocess
    import sys

    pairs = tmp_path / "pairs.csv"
    rows = [f"Person,Borislav Selvik {n},SELVIK Borislav {n}" for n in range(200)]
    pairs.write_text("schema,name1,name2\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "screener.cli", "score-pairs", str(pairs), "--out", str(out)],
        cwd=repo,
        env=dict(os.environ, PYTHONPATH=str(repo)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("200 pairs scored")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 201 and all(line.endswith((",true", ",false")) for line in lines[1:])
