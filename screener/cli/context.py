"""What every command shares: the database, opened once and only when a command needs it."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from screener.store import Store


class AppContext:
    """The database URL, and the store opened on first use. SQLAlchemy is imported then, not
    at start-up: `screener screen` forks its helper before (screener/cli/screen.py)."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._store: Store | None = None

    def store(self) -> Store:
        if self._store is None:
            from screener.store import open_store

            self._store = open_store(self.db_url)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"screener: error: {message}", err=True)
    sys.exit(code)


def finish(app: AppContext, code: int) -> NoReturn:
    """End a command that has done its work with exit code `code`.

    When this process is the `screener` command itself (its console script or
    `python -m screener.cli`), it flushes its output, closes the database and ends at once:
    otherwise the interpreter frees a batch's index, libraries and modules one object at a
    time before it exits, a twentieth of a second the user waits for nothing. Inside another
    program (a test's CliRunner, a script calling `main`), it raises SystemExit as usual."""
    if _is_the_command():
        app.close()
        _reap_children()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing left to say
                pass
        os._exit(code)
    sys.exit(code)


def is_store_error(exc: BaseException) -> bool:
    """The store refused the database (unusable URL, missing driver, a newer schema): its
    message is the user's line as it is. Read once the store is loaded: commands load it
    when they open the database, and nothing raises its error before."""
    store = sys.modules.get("screener.store")
    return store is not None and isinstance(exc, store.StoreError)


def _reap_children() -> None:
    """Wait for the processes the command started and told to end (a batch's pool workers
    and database helper end while the report is written, not waited for then): none is left
    a zombie, and the CPU they spent counts as the command's for whoever times it (`time`,
    the rusage of children). By now they have ended; a stuck one is left after 5 s."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is None:  # no command that started any has run
        return
    for child in multiprocessing.active_children():
        child.join(5.0)


def _is_the_command() -> bool:
    """The process's main module is the `screener` console script or `screener.cli.__main__`:
    both call `screener.cli.main`, which they import as `main`."""
    from screener.cli import main

    return getattr(sys.modules.get("__main__"), "main", None) is main


def echo_json(payload: Any) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


pass_app = click.make_pass_decorator(AppContext)
