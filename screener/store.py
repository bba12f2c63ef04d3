"""The database: engine and session factory, the unit of work, and schema upgrades.

SQLite (embedded, in the user's data directory) is the default; any SQLAlchemy URL works,
and PostgreSQL is what an office shares. Every write goes through `Store.unit_of_work()`,
which commits or rolls back as a whole, so a failed import leaves nothing behind.

Many officers write at once. On SQLite a unit of work starts with `BEGIN IMMEDIATE`, so a
writer holds the write lock before it reads what it builds on (pysqlite on its own begins
only at the first INSERT, after the reads); reading sessions start a plain snapshot and
never block a writer. `Store.write` runs a change again when it lost a race to another
writer, a bounded number of times, then gives up with the "changed by someone else" line.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from screener.db_failures import (
    CONNECT_SECONDS,
    LOCK_WAIT_SECONDS,
    WriteConflict,
    describe_failure,
    gave_up_message,
    is_lost_race,
)
from screener.paths import default_database_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
WRITE_ATTEMPTS = 4  # a lost race is run again up to three times, then the officer is told
WRITER = "screener_writer"  # execution option: this connection's transactions write

T = TypeVar("T")


class StoreError(Exception):
    """A database that cannot be used as asked; the message is for the user."""


def default_url() -> str:
    """`SCREENER_DB` if set, else the embedded SQLite file in the user's data directory."""
    return os.environ.get("SCREENER_DB") or f"sqlite:///{default_database_path()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy, not pysqlite, says when a transaction begins (see _sqlite_begin)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")
    cursor.close()


IMPORT_CACHE_KIB = 256 * 1024  # an import's SQLite page cache (see `import_page_cache`)


@contextmanager
def import_page_cache(session: Session) -> Iterator[None]:
    """On SQLite, a page cache of IMPORT_CACHE_KIB for the session's connection while it imports.

    SQLite's default cache is 2 MB a connection. A list import writes every entry under two
    indexes on its publisher key (`list_entries` (version_id, entry_key) and `entry_key`)
    and every link under its subject key: keys in no order, so each insert lands on a
    random leaf. Once those indexes outgrow 2 MB, nearly every insert reads a page back from
    the operating system and spills a dirty one to the WAL: a million FtM entries made 26 GB
    of read() and 11 GB of write() calls for a 675 MB database, 18 s of the kernel's time
    (issue 19). Those three indexes are 74 MB at a million entries. With 256 MB the same
    import reads 6 GB (the file twice, the WAL once at the checkpoint, the rest mostly the
    linker's scan) and writes 1.35 GB (the WAL, then the checkpoint: twice the database),
    5 s of the kernel's time, and is 6-7 % faster at 250k and at 1M entries; 128 MB left
    7 s of the kernel's time and 512 MB saved nothing more (docs/figures.md, import27).
    Its peak memory grows by the cache: 904 MB at 1M, the target being 1.5 GB.
    Only the importing connection, and only while it imports: every pooled connection of
    the window, every index-build worker and every officer's process would otherwise keep up
    to 256 MB of pages it read once. The old size is put back however the block ends, which
    frees the pages beyond it (to the allocator: the process may keep them for reuse); the
    transaction is not touched, so a failure or a Cancel still rolls back everything.
    PostgreSQL sizes its own buffers: nothing is done there.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    (before,) = raw.execute("PRAGMA cache_size").fetchone()
    raw.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size={int(before)}")


def _sqlite_begin(connection: Connection) -> None:
    """A writer takes the write lock first, so nothing it reads changes before it commits."""
    if not connection.get_execution_options().get(WRITER, False):
        connection.exec_driver_sql("BEGIN")
        return
    _begin_immediate(connection.connection.dbapi_connection)


def _begin_immediate(dbapi_connection: Any) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock in short random steps.

    SQLite's own busy handler backs off to 100 ms between tries, so a writer that has waited
    a while loses every time to newcomers still trying every millisecond: with six officers
    some waited seconds for a 20 ms transaction. Every waiter here tries every few
    milliseconds, so the lock goes to whoever asks next, not to the newest.
    """
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
            time.sleep(random.uniform(0.002, 0.008))
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={LOCK_WAIT_SECONDS * 1000}")


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
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": LOCK_WAIT_SECONDS}
    elif parsed.get_backend_name() == "postgresql":
        # a restarted server leaves dead pooled connections: test each before use, so the
        # window's next action after a restart works; a lock held too long is reported
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {
            "connect_timeout": CONNECT_SECONDS,
            "options": f"-c lock_timeout={LOCK_WAIT_SECONDS * 1000}",
        }
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(f"Cannot use database URL {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head; refuse a database written by a newer Screener.

    A database already at head (every run but the first after an upgrade) is seen with one
    SELECT, without loading alembic: a third of a second of every command's start-up.
    """
    if _at_head(engine):
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        raise StoreError(f"Cannot open database {_shown(engine)}: {_one_line(exc)}") from None
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    if current is not None and not _known(script, current):
        raise StoreError(
            f"Database {engine.url!r} has schema revision {current}, which this version of "
            "Screener does not know: it was written by a newer version. Nothing was changed."
        )
    try:
        command.upgrade(alembic_config(engine), "head")
    except DBAPIError as exc:
        raise StoreError(f"Cannot upgrade database {_shown(engine)}: {_one_line(exc)}") from None


_REVISION = re.compile(r"^revision(?:: *str)? *= *['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:: *[^=]+)? *= *(?:None|['\"]([^'\"]+)['\"])", re.MULTILINE)


@cache
def _head_of_files() -> str | None:
    """The head revision read from the migration files' own `revision` lines, or None when
    any file is not written the usual way (then alembic decides, as always)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        found, down = _REVISION.findall(text), _DOWN.search(text)
        if len(found) != 1 or down is None:
            return None
        revisions.add(found[0])
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """True only when the database plainly records the files' head revision; on any doubt
    or error False, and `upgrade` goes the whole way (and reports what is wrong)."""
    head = _head_of_files()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return False
            stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return [row[0] for row in stamped] == [head]
    except Exception:  # noqa: BLE001 - the full upgrade path reports it properly
        return False


def _shown(engine: Engine) -> str:
    return repr(engine.url.render_as_string(hide_password=True))


def _one_line(exc: DBAPIError) -> str:
    return describe_failure(exc) or str(exc.orig).splitlines()[0]


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
        self._writers = sessionmaker(
            engine.execution_options(**{WRITER: True}), expire_on_commit=False
        )
        self.races_lost = 0  # transactions run again by `write` (the contention benchmark reads it)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def short_name(self) -> str:
        """The database in a few words for a status bar: a whole URL (a temporary folder's
        path, or host, port and role) crowded out the messages beside it."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return Path(url.database).name if url.database else "in memory"
        return f"{url.host or 'local'}/{url.database or ''}"

    def session(self) -> Session:
        """A session for reading; the caller closes it."""
        return self._sessions()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Commit everything done in the block, or nothing if it raises."""
        session = self._writers()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def write(self, change: Callable[[Session], T], *, attempts: int = WRITE_ATTEMPTS) -> T:
        """Run `change` in one unit of work; a lost race runs it again on fresh data.

        Only races (a row another writer changed or inserted first, a deadlock, a
        serialization failure) are retried; after `attempts` tries the officer gets
        WriteConflict ("changed by someone else ... reload"). Any other error is raised at
        once, with nothing saved.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.unit_of_work() as session:
                    return change(session)
            except Exception as exc:
                if not is_lost_race(exc):
                    raise
                if attempt == attempts:
                    if isinstance(exc, WriteConflict):
                        raise
                    raise WriteConflict(gave_up_message(attempts)) from exc
                self.races_lost += 1
                time.sleep(random.uniform(0.005, 0.05) * attempt)  # let the winner finish
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default upgrade) the database at `url`, or the default one."""
    engine = make_engine(url or default_url())
    if migrate:
        upgrade(engine)
    return Store(engine)
