"""The server stopped as a crash would (`pg_ctl -m immediate`) in the middle of a command.

The command is the real CLI as a process. It must end with one line on stderr and exit
code 2 (never a traceback), leave nothing half-written, and once the server is back the
next command must work. Plus the errors that never reach the server: refused connection
and a server that is still starting.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select

from screener import audit
from screener.models import Case, Decision, ListVersion, MatchResult
from screener.store import open_store
from tests.conftest import REPO, SHARED_DATA
from tests.pg_server import wait_until_ready

pytestmark = pytest.mark.postgres

SDN_FOLDER = SHARED_DATA / "ofac-sdn-legacy-csv" / "2021-07-07_complete-set"


def _cli(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCREENER_USER": "ana", **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "screener.cli", "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_backend(
    server: Any, database: str, condition: str, *params: str, seconds: float = 300
) -> None:
    """Until a client of `database` is in the state `condition` describes (SQL on
    pg_stat_activity)."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(server.admin_url(), autocommit=True) as admin:
        while time.monotonic() < deadline:
            row = admin.execute(
                f"SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND ({condition})",
                (database, *params),
            ).fetchone()
            if row and row[0]:
                return
            time.sleep(0.05)
    raise AssertionError(f"no backend of {database} reached: {condition}")


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def crash_db(crashable_postgres: Any) -> tuple[Any, str, str]:
    name = f"faults_{time.monotonic_ns()}"
    url = crashable_postgres.create_database(name)
    open_store(url).dispose()
    return crashable_postgres, url, name


def test_server_stopped_during_a_list_import(crash_db: tuple[Any, str, str]) -> None:
    server, url, name = crash_db
    command = _cli(url, "lists", "import", str(SDN_FOLDER), "--no-rescreen")
    try:
        _wait_for_backend(server, name, "query ILIKE %s AND xact_start IS NOT NULL", "%list_entr%")
        server.kill()
        _out, err = command.communicate(timeout=60)
    finally:
        if command.poll() is None:
            command.kill()
        server.restart()
        wait_until_ready(server)
    assert command.returncode == 2, err
    line = _one_line(err)
    assert "connection to the database server was lost" in line and "Nothing was saved" in line
    store = open_store(url)
    try:
        with store.session() as session:
            assert session.execute(select(func.count()).select_from(ListVersion)).scalar() == 0
            assert audit.verify(session) == []
    finally:
        store.dispose()
    again = _cli(url, "lists", "import", str(SHARED_DATA / "us-dod-1260h" / "sanctions.csv"))
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err


def test_server_stopped_during_an_adjudication(crash_db: tuple[Any, str, str]) -> None:
    from tests.factory import make_case, make_entry, make_match, make_version

    server, url, name = crash_db
    store = open_store(url)
    with store.unit_of_work() as session:
        case = make_case(session, "C-1")
        match_id = make_match(
            session, case, make_entry(session, make_version(session), "SDN-1", "NORTHERN MINERALS")
        ).id
    store.dispose()
    holder = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
    holder.execute("SELECT id FROM match_results WHERE id = %s FOR UPDATE", (match_id,))
    command = _cli(
        url,
        "case",
        "adjudicate",
        str(match_id),
        "--outcome",
        "dismiss",
        "--reason",
        "Different company",
    )
    try:  # the officer's UPDATE waits for the row: the server dies under it
        _wait_for_backend(server, name, "wait_event_type = 'Lock'")
        server.kill()
        _out, err = command.communicate(timeout=60)
    finally:
        if command.poll() is None:
            command.kill()
        holder.close()
        server.restart()
        wait_until_ready(server)
    assert command.returncode == 2, err
    assert "Nothing was saved" in _one_line(err)
    store = open_store(url)
    try:
        with store.session() as session:
            assert session.execute(select(func.count()).select_from(Decision)).scalar() == 0
            assert session.get(MatchResult, match_id).status == "pending"  # type: ignore[union-attr]
            assert audit.verify(session) == []
    finally:
        store.dispose()
    again = _cli(
        url,
        "case",
        "adjudicate",
        str(match_id),
        "--outcome",
        "dismiss",
        "--reason",
        "Different company",
    )
    _out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err


def test_a_stopped_server_is_one_line_and_exit_2(crash_db: tuple[Any, str, str]) -> None:
    server, url, _name = crash_db
    server.kill()
    try:
        command = _cli(url, "cases", "list")
        _out, err = command.communicate(timeout=60)
    finally:
        server.restart()
        wait_until_ready(server)
    assert command.returncode == 2
    line = _one_line(err)
    assert "connection refused" in line and f":{server.port}" in line, line


def test_case_note_and_case_screen_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    from screener.identity import os_login
    from tests.factory import make_case

    store = open_store(url)
    with store.unit_of_work() as session:
        make_case(session, "C-9", parties=[{"key": "tgt", "name": "360 Security Technology Inc."}])
    store.dispose()
    imported = _cli(url, "lists", "import", str(SHARED_DATA / "us-dod-1260h" / "sanctions.csv"))
    assert imported.wait(timeout=120) == 0
    note = _cli(url, "case", "note", "C-9", "Called the registry: no change", "--json")
    out, err = note.communicate(timeout=60)
    assert note.returncode == 0, err
    import json

    saved = json.loads(out)
    # SCREENER_USER=ana is ignored outside a demo/training database: the OS login wrote it.
    assert saved["case_id"] == "C-9" and saved["author"] == os_login()
    assert saved["text"] == "Called the registry: no change"
    screened = _cli(url, "case", "screen", "C-9", "--json")
    out, err = screened.communicate(timeout=120)
    assert screened.returncode == 0, err
    summary = json.loads(out)
    assert summary["case_id"] == "C-9" and summary["parties"] == 1
    assert summary["matches"] >= 1 and summary["list_versions"]
    missing = _cli(url, "case", "note", "NOPE", "text")
    _out, err = missing.communicate(timeout=60)
    assert missing.returncode == 2 and "NOPE" in _one_line(err)
    store = open_store(url)
    try:
        with store.session() as session:
            assert audit.verify(session) == []
            actions = [e.action for e in audit.events_for_case(session, "C-9")]
            assert actions.count("note.added") == 1 and actions.count("case.screened") == 1
    finally:
        store.dispose()


def test_a_lock_held_too_long_is_one_line_on_sqlite(tmp_path: Path) -> None:
    """Another writer holds the SQLite file's write lock past the wait: exit 2, nothing saved."""
    import sqlite3

    from tests.factory import make_case

    path = tmp_path / "locked.sqlite3"
    url = f"sqlite:///{path}"
    store = open_store(url)
    with store.unit_of_work() as session:
        make_case(session, "C-1")
    store.dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        command = _cli(
            url,
            "case",
            "note",
            "C-1",
            "Waited for the lock",
            env={"SCREENER_LOCK_WAIT_SECONDS": "1"},
        )
        _out, err = command.communicate(timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert command.returncode == 2, err
    line = _one_line(err)
    assert "lock timeout" in line and "Nothing was saved" in line, line
    again = _cli(url, "case", "note", "C-1", "Waited for the lock")
    assert again.wait(timeout=120) == 0


def test_a_lock_held_too_long_is_one_line_on_postgresql(crash_db: tuple[Any, str, str]) -> None:
    """Another transaction holds the case's row lock past lock_timeout: exit 2, nothing saved."""
    from tests.factory import make_case

    _server, url, _name = crash_db
    store = open_store(url)
    with store.unit_of_work() as session:
        make_case(session, "C-1")
    holder = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
    holder.execute("SELECT id FROM cases WHERE id = 'C-1' FOR UPDATE")
    try:
        command = _cli(
            url, "case", "move", "C-1", "escalated", env={"SCREENER_LOCK_WAIT_SECONDS": "1"}
        )
        _out, err = command.communicate(timeout=120)
    finally:
        holder.close()
    assert command.returncode == 2, err
    line = _one_line(err)
    assert "lock timeout" in line and "Nothing was saved" in line, line
    with store.session() as session:
        assert session.get(Case, "C-1").status == "in_review"  # type: ignore[union-attr]
    store.dispose()
