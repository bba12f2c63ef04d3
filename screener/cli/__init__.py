"""The `screener` command line: headless access to everything the desktop app does.

Each command group lives in its own module and is registered below; command names are a
contract other tools rely on, so they change only with the issue that names them.
Exit codes: 0 success, 1 a finding (an alert, a failed check), 2 an error.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Any

import click

from screener import __version__
from screener.cli.context import AppContext, fail, is_store_error
from screener.collector import collector_paused_then_frozen
from screener.db_failures import describe_failure, server_of

# Command name -> the module defining it. Modules are imported when their command runs, not
# at start-up: `screener screen` should not wait for the PDF, risk-rule and demo libraries
# (the whole set costs over a second of start-up; benchmarks/batch_speed.py).
COMMAND_MODULES = {
    "cases": "cases",
    "lists": "lists",
    "audit": "audit",
    "case": "workflow",
    "deals": "deals",
    "rules": "rules",
    "assess": "rules",
    "memo": "memo",
    "export": "memo",
    "ownership": "ownership",
    "search": "matching",
    "score-pairs": "matching",
    "calibrate": "matching",
    "screen": "screen",
    "demo": "demo",
    "office": "office",
    "whoami": "office",
}

# Commands that multiply no matrices, so numpy's OpenBLAS is loaded without its threads.
NO_BLAS_THREADS = frozenset({"screen"})


class ScreenerGroup(click.Group):
    """The command line's one error boundary: an unusable database, a lost or refused
    connection, a server shutting down or recovering, a lock timeout or a race lost every
    time become one clear line on stderr and exit code 2, never a traceback. Each command's
    module is loaded only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = self.commands.get(cmd_name)
        if found is not None or cmd_name not in COMMAND_MODULES:
            return found
        if cmd_name in NO_BLAS_THREADS:
            one_blas_thread()
        module = _imported(f"screener.cli.{COMMAND_MODULES[cmd_name]}")
        for command in module.COMMANDS:
            self.add_command(command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if is_store_error(exc):
                fail(str(exc))
            app = ctx.obj if isinstance(ctx.obj, AppContext) else None
            line = describe_failure(exc, server_of(app.db_url if app else None))
            if line is None:
                raise
            fail(line)


def one_blas_thread() -> None:
    """Have OpenBLAS, loaded with numpy, start no thread pool (a user's own setting stays).

    At load it starts a thread per core: some 50 ms of `screener screen`'s start-up, on the
    one core the command then uses, and the threads go on spinning on the other core, which
    the helper preparing Han and kana names needs (benchmarks/batch_speed.py). Batch
    screening multiplies no matrices; its workers are processes. Only numpy's first import
    reads the setting, so nothing changes in a process that has already loaded it."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _imported(name: str) -> Any:
    """Import a command's module with the cyclic collector paused, then freeze what it made.

    A command's libraries (SQLAlchemy's ORM, numpy, the matcher) are tens of thousands of
    objects that live as long as the process: walking them while they are made costs a
    sixth of the import time, and every later collection would walk them again.
    """
    with collector_paused_then_frozen():
        return importlib.import_module(name)


@click.group(cls=ScreenerGroup)
@click.version_option(__version__, prog_name="screener")
@click.option(
    "--db",
    "db_url",
    envvar="SCREENER_DB",
    default=None,
    help="SQLAlchemy database URL (default: embedded SQLite in the user data directory).",
)
@click.pass_context
def main(ctx: click.Context, db_url: str | None) -> None:
    """Screen critical-mineral asset sales against sanctions and ownership lists."""
    # psycopg logs its own clean-up after a lost connection ("error ignored terminating
    # ..."); the officer already gets the one line the error boundary writes
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    ctx.obj = AppContext(db_url)
    ctx.call_on_close(ctx.obj.close)
