"""What went wrong with the database, in one line an officer can act on.

A command that loses its database half way (the server stopped, restarting, full, a lock
held too long) must not print a driver traceback: the officer needs to know what happened
and that nothing was saved. `describe_failure` is the one place that reads the driver's
error (SQLSTATE for PostgreSQL, the message for SQLite) and says it in one sentence; the CLI
and the window both show what it returns: a `Sentence`, the English line the CLI prints, with
its template and values kept apart so the window can say it in the officer's language
(ui/error_text.py). `is_lost_race` names the errors that only mean
"another writer got there first", which a writer retries before giving up with
`WriteConflict`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.exc import DBAPIError


class Sentence(str):
    """One English sentence (the string itself) with its template and values kept apart."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, /, **params: object) -> Sentence:
        said = super().__new__(cls, template.format(**params))
        said.template = template
        said.params = params
        return said

    @classmethod
    def worded(cls, line: str, template: str, params: dict[str, object]) -> Sentence:
        """`line` as printed (say, without its last dot), translatable as `template`."""
        said = super().__new__(cls, line)
        said.template = template
        said.params = params
        return said


def _at(where: str | None, with_place: str, without: str, **params: object) -> Sentence:
    """The sentence naming the server or file (`where`) when it is known."""
    if where:
        return Sentence(with_place, where=where, **params)
    return Sentence(without, **params)


# SQLite busy timeout and PostgreSQL lock_timeout, the same patience (an office may set it)
LOCK_WAIT_SECONDS = max(1, int(os.environ.get("SCREENER_LOCK_WAIT_SECONDS") or 30))
CONNECT_SECONDS = 5  # a server that does not answer is reported, not waited on forever


class WriteConflict(Exception):
    """Someone else changed what this write builds on; nothing was saved.

    `retryable` is True for a lost race inside one transaction (running it again on fresh
    data may succeed); False when the officer acted on a version they saw earlier, which a
    retry cannot fix.
    """

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


def gave_up_message(attempts: int = 1) -> Sentence:
    if attempts > 1:
        return Sentence(
            "The records this change builds on were changed by someone else while it was "
            "being saved ({attempts} attempts). Nothing was saved; reload and try again.",
            attempts=attempts,
        )
    return Sentence(
        "The records this change builds on were changed by someone else while it was being "
        "saved. Nothing was saved; reload and try again."
    )


def server_of(url: str | None) -> str | None:
    """'host:port' of a database server URL, for the message; None for a file."""
    if not url:
        return None
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # an unusable URL is reported elsewhere, by open_store
        return None
    if parsed.get_backend_name() == "sqlite":
        return parsed.database
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}"


# PostgreSQL SQLSTATEs that mean another transaction won a race (retry on fresh data)
_RACE_STATES = {"40001", "40P01", "23505"}

# each a whole sentence (a template: {seconds} is the lock wait)
_SERVER_STATES = {
    "57P01": "The database server shut down (an administrator stopped it) during the command. "
    "Nothing was saved.",
    "57P02": "The database server crashed and dropped every connection during the command. "
    "Nothing was saved.",
    "57P03": "The database server is not accepting work yet (it is starting up, recovering "
    "or shutting down). Nothing was saved.",
    "53300": "The database server refused the connection: too many clients already. "
    "Nothing was saved.",
    "53100": "The database server's disk is full. Nothing was saved.",
    "55P03": "Another officer's work held a lock needed here for more than {seconds} s "
    "(lock timeout). Nothing was saved.",
    "57014": "The database server cancelled the command (statement timeout). Nothing was saved.",
    "3D000": "The database does not exist on the server. Nothing was saved.",
    "28P01": "The database server refused the login (wrong password). Nothing was saved.",
    "28000": "The database server refused the login. Nothing was saved.",
    "42501": "The database refused: this login may not do that (permission denied). "
    "Nothing was saved.",
}


# a server that refuses a new connection says why in the message (no SQLSTATE reaches libpq's
# connection error): the phrases of PostgreSQL's postmaster
_AGAIN = ". Nothing was saved; try again in a moment."
_CONNECT_REFUSALS = (
    ("the database system is starting up", "The database server is starting up" + _AGAIN),
    (
        "the database system is in recovery mode",
        "The database server is recovering after a crash" + _AGAIN,
    ),
    (
        "the database system is not yet accepting connections",
        "The database server is recovering and not yet accepting connections" + _AGAIN,
    ),
    ("the database system is shutting down", "The database server is shutting down" + _AGAIN),
    (
        "too many clients already",
        "The database server refused the connection: too many clients already" + _AGAIN,
    ),
    (
        "remaining connection slots are reserved",
        "The database server refused the connection: its remaining connections are reserved"
        + _AGAIN,
    ),
)


def _dbapi_error(exc: BaseException) -> DBAPIError | None:
    """`exc` if it is SQLAlchemy's wrapper of a driver error. Read from SQLAlchemy only once
    it is loaded (no exception can be one of its errors before): the command line starts
    without it, so `screener screen` can fork its helper before paying for the import."""
    module = sys.modules.get("sqlalchemy.exc")
    if module is not None and isinstance(exc, module.DBAPIError):
        return exc
    return None


def _stale_data(exc: BaseException) -> bool:
    """An ORM flush found a row changed or gone under it (SQLAlchemy's StaleDataError)."""
    module = sys.modules.get("sqlalchemy.orm.exc")
    return module is not None and isinstance(exc, module.StaleDataError)


def is_lost_race(exc: BaseException) -> bool:
    """Another writer committed first: the same transaction run again may well succeed."""
    if isinstance(exc, WriteConflict):
        return exc.retryable
    if _stale_data(exc):
        return True
    wrapped = _dbapi_error(exc)
    if wrapped is not None:
        state = _sqlstate(wrapped.orig)
        # SQLite is not here: its writers are serialised (BEGIN IMMEDIATE), so a unique key
        # violated there is a mistake in the program, not another writer's work
        return state in _RACE_STATES
    return False


def describe_failure(exc: BaseException, where: str | None = None) -> Sentence | None:
    """One line for a database failure, or None when `exc` is not one."""
    if isinstance(exc, WriteConflict):
        line = first_line(str(exc))
        worded = exc if hasattr(exc, "template") else (exc.args[0] if exc.args else None)
        template, params = getattr(worded, "template", None), getattr(worded, "params", None)
        if isinstance(template, str) and isinstance(params, dict):  # a workflow conflict
            return Sentence.worded(line, template, params)
        return Sentence("{line}", line=line)
    if _stale_data(exc):
        return gave_up_message()
    wrapped = _dbapi_error(exc)
    if wrapped is None:
        return _driver_failure(exc, where)
    return _driver_failure(wrapped.orig, where) or (
        Sentence(
            "The database connection failed ({detail}). Nothing was saved.",
            detail=first_line(str(wrapped.orig)),
        )
        if wrapped.connection_invalidated
        else None
    )


def _driver_failure(orig: Any, where: str | None) -> Sentence | None:
    if isinstance(orig, sqlite3.Error):
        return _sqlite_failure(orig, where)
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    if isinstance(orig, psycopg.Error):
        return _postgres_failure(orig, where)
    return None


def _postgres_failure(orig: Any, where: str | None) -> Sentence | None:
    import psycopg

    state = _sqlstate(orig)
    text = str(orig)
    where = where or _server_in(text)
    if state in _SERVER_STATES:
        return Sentence(_SERVER_STATES[state], seconds=LOCK_WAIT_SECONDS)
    if state in _RACE_STATES:
        return gave_up_message(1)
    if not isinstance(orig, (psycopg.OperationalError, psycopg.InterfaceError)):
        return None
    lowered = text.lower()
    for phrase, what in _CONNECT_REFUSALS:
        if phrase in lowered:
            return Sentence(what)
    if "connection refused" in lowered or "no such file or directory" in lowered:
        return _at(
            where,
            "Cannot reach the database server at {where}: connection refused (is it running?). "
            "Nothing was saved.",
            "Cannot reach the database server: connection refused (is it running?). "
            "Nothing was saved.",
        )
    if "timeout expired" in lowered or "timed out" in lowered:
        return _at(
            where,
            "The database server at {where} did not answer within {seconds} s. Nothing was saved.",
            "The database server did not answer within {seconds} s. Nothing was saved.",
            seconds=CONNECT_SECONDS,
        )
    if "could not translate host name" in lowered or "name or service not known" in lowered:
        return _at(
            where,
            "The database server's host name at {where} is unknown. Nothing was saved.",
            "The database server's host name is unknown. Nothing was saved.",
        )
    if any(
        phrase in lowered
        for phrase in (
            "server closed the connection",
            "terminating connection",
            "consuming input failed",
            "connection is closed",
            "connection is lost",
            "the connection is lost",
            "ssl connection has been closed",
            "sending query failed",
            "eof detected",
        )
    ):
        return Sentence(
            "The connection to the database server was lost during the command (the server "
            "stopped or restarted). Nothing was saved."
        )
    return _at(
        where,
        "The database server at {where} failed: {detail}. Nothing was saved.",
        "The database server failed: {detail}. Nothing was saved.",
        detail=first_line(text),
    )


def _sqlite_failure(orig: sqlite3.Error, where: str | None) -> Sentence | None:
    text = str(orig)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return _at(
            where,
            "The database file {where} was busy with another writer for more than {seconds} s "
            "(lock timeout). Nothing was saved; try again.",
            "The database file was busy with another writer for more than {seconds} s "
            "(lock timeout). Nothing was saved; try again.",
            seconds=LOCK_WAIT_SECONDS,
        )
    if isinstance(orig, (sqlite3.OperationalError, sqlite3.DatabaseError)) and not isinstance(
        orig, sqlite3.IntegrityError
    ):
        return _at(
            where,
            "The database file {where} failed: {detail}. Nothing was saved.",
            "The database file failed: {detail}. Nothing was saved.",
            detail=first_line(text),
        )
    return None


def _server_in(text: str) -> str | None:
    """libpq names the server it could not reach: 'server at "host", port N failed'."""
    found = re.search(r'server at "([^"]+)"(?: \([^)]*\))?, port (\d+)', text)
    return f"{found.group(1)}:{found.group(2)}" if found else None


def _sqlstate(orig: Any) -> str | None:
    return getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)


def first_line(text: str) -> str:
    """Drivers add DETAIL and HINT lines; the officer gets the first, without a trailing dot."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line.rstrip(".")
    return text.strip()
