"""The CLI's root: version, the database option, `cases list`, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from sqlalchemy import text

from screener import __version__
from screener.cli import main
from screener.models import Case
from screener.store import make_engine, open_store


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_cases_list_json(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    with store.unit_of_work() as session:
        session.add(Case(id="SCR-1", title="Magnet plant stake", status="in_review"))
    store.dispose()
    result = CliRunner().invoke(main, ["--db", sqlite_url, "cases", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["id"], r["title"], r["status"]) for r in rows] == [("SCR-1", "Magnet plant stake", "in_review")]


def test_db_from_environment(sqlite_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SCREENER_DB", sqlite_url)
    result = CliRunner().invoke(main, ["cases", "list", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_invalid_db_url_exits_2_without_traceback() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "screener.cli", "--db", "nonsense://x", "cases", "list"],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "nonsense://x" in completed.stderr


def test_newer_schema_exits_2(sqlite_url: str) -> None:
    open_store(sqlite_url).dispose()
    with make_engine(sqlite_url).begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    result = CliRunner().invoke(main, ["--db", sqlite_url, "cases", "list"])
    assert result.exit_code == 2
    assert "newer version" in result.output
