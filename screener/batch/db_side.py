"""What `screener screen` asks of the database, answered in its own process or by a helper.

The command asks three things: the active list versions and the key of their kept index
(is the index read ahead theirs? screener/batch/kept.py), the listed entities of the entries
hit more than once (to fold a name's hits by entity), and to keep the batch's audit record.
Answering them in the command's process means importing SQLAlchemy and mapping the models,
about a fifth of a CPU second that used to run beside the pool's workers on a two-core
machine. `DatabaseHelper` is forked before the command imports the matcher, while the
second core idles through the command's start-up: it imports SQLAlchemy, opens the database
and works out the first answer there, then waits for the other two requests. The answers
are the same functions' (`DatabaseHere`), so they do not depend on where they were worked
out; a failure comes back as the one line the command prints (`DatabaseFailed`).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.batch.model import BatchCounts

if TYPE_CHECKING:
    from screener.batch.engine import ScreenerDescription
    from screener.lists.resolve import EntityMap, EntryRef
    from screener.store import Store


@dataclass(frozen=True)
class ActiveLists:
    """The active list versions (`build.active_versions`) and the key their kept index is
    stored under (None when the store is off)."""

    versions: list[dict[str, Any]]
    index_key: str | None


class DatabaseFailed(Exception):
    """The helper's question failed: the exception is the line the command prints."""


def database_modules() -> None:
    """Import what reads the database (SQLAlchemy, the models), as screener.cli imports a
    command's module: the command line starts without them (see screener/cli/context.py)."""
    from screener.collector import collector_paused_then_frozen

    with collector_paused_then_frozen():
        import screener.batch.build
        import screener.batch.record
        import screener.lists.entity_links  # noqa: F401


class DatabaseHere:
    """The answers worked out in this process, on `store()` (opened at the first need)."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store

    def active_lists(self) -> ActiveLists:
        database_modules()
        from screener.batch.build import active_index_key, active_versions

        with self._store().session() as session:
            return ActiveLists(active_versions(session), active_index_key(session))

    def entity_map(self, refs: Iterable[EntryRef]) -> EntityMap:
        from screener.lists.entity_links import entity_map

        with self._store().session() as session:
            return entity_map(session, refs)

    def record(
        self,
        input_file: Path,
        output_file: Path | None,
        counts: BatchCounts,
        description: ScreenerDescription,
        elapsed_seconds: float,
    ) -> None:
        """The batch's audit record (`record.record_counts`), committed."""
        from screener.batch.record import record_counts

        with self._store().unit_of_work() as session:
            record_counts(session, input_file, output_file, counts, description, elapsed_seconds)

    def close(self) -> None:
        """Nothing of its own to end: the store is the command's."""


class DatabaseHelper:
    """The same answers from a process forked now (`start`); `close` ends it."""

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self._process = process
        self._connection = connection
        self._active: ActiveLists | None = None

    @classmethod
    def start(
        cls, store: Callable[[], Store], describe: Callable[[BaseException], str]
    ) -> DatabaseHelper | None:
        """Fork the helper, which opens `store()` itself; `describe` words what it raises
        as the command's line. None where processes cannot be forked (a spawned helper would
        import the command's modules again: no time saved)."""
        if not sys.platform.startswith("linux"):
            return None
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_serve, args=(theirs, mine, DatabaseHere(store), describe), daemon=True
        )
        process.start()
        theirs.close()  # the helper's end: if it dies, this process reads end-of-file
        return cls(process, mine)

    def active_lists(self) -> ActiveLists:
        """The helper's first answer, sent without being asked (waited for)."""
        if self._active is None:
            answer = self._answer()
            assert isinstance(answer, ActiveLists)
            self._active = answer
        return self._active

    def entity_map(self, refs: Iterable[EntryRef]) -> EntityMap:
        self.active_lists()
        return self._ask("entity_map", set(refs))  # type: ignore[no-any-return]

    def record(
        self,
        input_file: Path,
        output_file: Path | None,
        counts: BatchCounts,
        description: ScreenerDescription,
        elapsed_seconds: float,
    ) -> None:
        self.active_lists()
        self._ask("record", input_file, output_file, counts, description, elapsed_seconds)

    def close(self) -> None:
        """Tell the helper to end, without waiting while it does (`stop` reaps it)."""
        try:
            self._connection.send(None)
        except OSError:
            pass
        self._connection.close()

    def stop(self) -> None:
        """End the helper now, whatever it is doing (an answer no longer wanted), and reap
        it."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._connection.close()

    def _ask(self, question: str, *args: Any) -> Any:
        try:
            self._connection.send((question, args))
        except OSError:
            pass  # it ended: the answer below says how
        return self._answer()

    def _answer(self) -> Any:
        try:
            status, answer = self._connection.recv()
        except (EOFError, OSError):
            self._process.join(1.0)
            raise DatabaseFailed(
                "batch screening failed: the database helper ended without answering "
                f"(exit code {self._process.exitcode})"
            ) from None
        if status != "ok":
            raise DatabaseFailed(str(answer))
        return answer


def _serve(
    connection: Connection,
    commands_end: Connection,
    here: DatabaseHere,
    describe: Callable[[BaseException], str],
) -> None:
    """In the helper: Ctrl-C is the command's to handle. The active lists are sent at once,
    then each question is answered until the command says it is done (None) or ends. The
    command's end of the pipe, inherited by the fork, is closed at once: if the command
    dies, the helper reads end-of-file and ends too."""
    commands_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _reply(connection, here.active_lists, (), describe):
        return
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        question, args = request
        if not _reply(connection, getattr(here, question), args, describe):
            return


def _reply(
    connection: Connection,
    work: Callable[..., Any],
    args: tuple[Any, ...],
    describe: Callable[[BaseException], str],
) -> bool:
    """Send what `work(*args)` gives, or the line its failure is; False once it failed."""
    try:
        answer: tuple[str, Any] = ("ok", work(*args))
    except Exception as exc:
        answer = ("error", describe(exc))
    try:
        connection.send(answer)
    except OSError:
        return False
    return answer[0] == "ok"
