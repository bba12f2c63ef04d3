"""Importing a new list version re-screens open cases, from the CLI as from the window."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import select

from screener.cli import main
from screener.demo.case import ensure_demo_case
from screener.memo import load_memo_data
from screener.models import Case, MatchResult
from screener.store import open_store
from screener.workflow.screening_state import screening_state
from tests.conftest import SHARED_DATA

DOD_1260H = SHARED_DATA / "us-dod-1260h" / "sanctions.csv"


def test_cli_import_flags_open_cases_with_new_hits(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    case_id = ensure_demo_case(store)
    store.dispose()
    result = CliRunner().invoke(main, ["--db", sqlite_url, "lists", "import", str(DOD_1260H), "--json"])
    assert result.exit_code == 0, result.output
    summaries = json.loads(result.output)["rescreen"]
    assert [s["cases_with_new_hits"] for s in summaries] == [[case_id]]
    store = open_store(sqlite_url)
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.has_new_hits
        sources = {m.source_name for m in session.execute(select(MatchResult)).scalars()}
        assert sources == {"US-DOD-1260H"}
    store.dispose()


def test_no_rescreen_leaves_cases_alone(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    ensure_demo_case(store)
    store.dispose()
    result = CliRunner().invoke(
        main, ["--db", sqlite_url, "lists", "import", str(DOD_1260H), "--no-rescreen", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rescreen"] == []
    store = open_store(sqlite_url)
    with store.session() as session:
        assert session.execute(select(MatchResult)).first() is None
    store.dispose()


def test_a_list_searched_at_its_import_is_a_list_the_memo_says_was_screened(
    sqlite_url: str,
) -> None:
    """`case status` counted the new list as searched; the memo's 'Lists screened' left it
    out when it hit nothing (it read the last screening's record and the matches only)."""
    store = open_store(sqlite_url)
    case_id = ensure_demo_case(store)
    ndaa = SHARED_DATA / "us-other-restricted-lists-opensanctions" / "ndaa_section_1286.csv"
    for command in (["lists", "import", str(DOD_1260H)], ["case", "screen", case_id]):
        done = CliRunner().invoke(main, ["--db", sqlite_url, *command])
        assert done.exit_code == 0, done.output
    result = CliRunner().invoke(main, ["--db", sqlite_url, "lists", "import", str(ndaa), "--json"])
    assert result.exit_code == 0, result.output
    with store.session() as session:
        sources = {m.source_name for m in session.execute(select(MatchResult)).scalars()}
        case = session.get(Case, case_id)
        assert case is not None and screening_state(case).is_screened
    assert "US-NDAA-1286" not in sources  # nothing hit: only the parties' record says so
    listed = {v.source for v in load_memo_data(store, case_id).list_versions}
    assert "US-NDAA-1286" in listed
    store.dispose()


def test_the_import_is_told_before_what_it_did_to_the_open_cases(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    case_id = ensure_demo_case(store)
    store.dispose()
    result = CliRunner().invoke(main, ["--db", sqlite_url, "lists", "import", str(DOD_1260H)])
    assert result.exit_code == 0, result.output
    first, second = result.output.splitlines()[:2]
    assert first.startswith("US-DOD-1260H: version ")
    assert second == f"Re-screened open cases against US-DOD-1260H: new hits in {case_id}"
