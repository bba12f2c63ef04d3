"""What every command shares: the database, opened once and only when a command needs it."""

from __future__ import annotations

import json
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


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"screener: error: {message}", err=True)
    sys.exit(code)


def echo_json(payload: Any) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


pass_app = click.make_pass_decorator(AppContext)
