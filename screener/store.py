"""The database: engine and session factory, the unit of work, and schema upgrades.

SQLite (embedded, in the user's data directory) is the default; any SQLAlchemy URL works,
and PostgreSQL is what an office shares. Every write goes through `Store.unit_of_work()`,
which commits or rolls back as a whole, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from screener.paths import default_database_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """A database that cannot be used as asked; the message is for the user."""


def default_url() -> str:
    """`SCREENER_DB` if set, else the embedded SQLite file in the user's data directory."""
    return os.environ.get("SCREENER_DB") or f"sqlite:///{default_database_path()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"Invalid database URL {url!r}: {exc}") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            folder = Path(database).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"Database folder does not exist: {folder}")
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(f"Cannot use database URL {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head; refuse a database written by a newer Screener."""
    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        raise StoreError(f"Cannot open database {engine.url!r}: {exc.orig}") from None
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    if current is not None and not _known(script, current):
        raise StoreError(
            f"Database {engine.url!r} has schema revision {current}, which this version of "
            "Screener does not know: it was written by a newer version. Nothing was changed."
        )
    try:
        command.upgrade(alembic_config(engine), "head")
    except DBAPIError as exc:
        raise StoreError(f"Cannot upgrade database {engine.url!r}: {exc.orig}") from None


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


class Store:
    """One database: a session factory and the unit of work that writes to it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """A session for reading; the caller closes it."""
        return self._sessions()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Commit everything done in the block, or nothing if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default upgrade) the database at `url`, or the default one."""
    engine = make_engine(url or default_url())
    if migrate:
        upgrade(engine)
    return Store(engine)
