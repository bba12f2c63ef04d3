"""Database failures in one line: the drivers' own error types with the texts servers send.

The stopped server, the lost connection and the lock wait are also produced for real by
tests/integration/test_database_faults.py and test_contention.py; states that cannot be
timed in a test (a server still recovering, a full server) are the texts PostgreSQL 15
sends, wrapped as SQLAlchemy wraps them.
"""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from screener.db_failures import WriteConflict, describe_failure, is_lost_race, server_of


def wrap(orig: Exception) -> OperationalError:
    return OperationalError("SELECT 1", {}, orig)


REFUSED = (
    'connection failed: connection to server at "10.0.0.5", port 5433 failed: Connection '
    "refused\n\tIs the server running on that host and accepting TCP/IP connections?"
)
RECOVERING = (
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  the '
    "database system is not yet accepting connections\nDETAIL:  Consistent recovery state has "
    "not been yet reached."
)


@pytest.mark.parametrize(
    ("orig", "expected"),
    [
        (psycopg.OperationalError(REFUSED), "Cannot reach the database server at 10.0.0.5:5433"),
        (psycopg.OperationalError(RECOVERING), "recovering and not yet accepting connections"),
        (
            psycopg.OperationalError(
                'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
                "FATAL:  the database system is starting up"
            ),
            "The database server is starting up",
        ),
        (
            psycopg.OperationalError(
                'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
                "FATAL:  sorry, too many clients already"
            ),
            "too many clients already",
        ),
        (
            psycopg.OperationalError(
                "consuming input failed: server closed the connection unexpectedly\n\tThis "
                "probably means the server terminated abnormally\n\tbefore or while processing"
            ),
            "connection to the database server was lost",
        ),
        (
            psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
            "shut down",
        ),
        (
            psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"),
            "lock timeout",
        ),
        (sqlite3.OperationalError("database is locked"), "busy with another writer"),
    ],
)
def test_each_failure_is_one_line_saying_nothing_was_saved(orig: Exception, expected: str) -> None:
    line = describe_failure(wrap(orig))
    assert line is not None and expected in line, line
    assert "\n" not in line and line.endswith(("Nothing was saved.", "try again.", "moment."))
    assert "Nothing was saved" in line


def test_lost_races_are_retried_and_other_errors_are_not() -> None:
    unique_pg = IntegrityError("INSERT", {}, psycopg.errors.UniqueViolation("duplicate key"))
    unique_lite = IntegrityError(
        "INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: x")
    )
    deadlock = OperationalError("UPDATE", {}, psycopg.errors.DeadlockDetected("deadlock"))
    assert is_lost_race(unique_pg) and is_lost_race(deadlock)
    assert not is_lost_race(unique_lite)  # SQLite writers are serialised: a bug, not a race
    assert describe_failure(unique_lite) is None
    assert is_lost_race(StaleDataError("expected to update 1 row(s); 0 were matched"))
    assert is_lost_race(WriteConflict("changed by someone else", retryable=True))
    assert not is_lost_race(WriteConflict("you were looking at version 1"))
    assert not is_lost_race(wrap(sqlite3.OperationalError("database is locked")))
    assert not is_lost_race(ValueError("bad input"))
    assert describe_failure(ValueError("bad input")) is None


def test_the_server_named_in_messages() -> None:
    assert server_of("postgresql+psycopg://u:secret@db.office:6543/screener") == "db.office:6543"
    assert server_of(None) is None
