"""Role checks for commands: exit 2 with one line naming the missing role, the attempt recorded.

`refused_unless(app, action)` wraps a command's work: before it, the officer's roles are
checked (`screener.office.refusals.check`); during it, a refusal by the server (a role
revoked meanwhile, a four-eyes trigger) becomes the same one line, recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from screener.cli.context import AppContext, fail
from screener.office import refusals
from screener.office.roles import RoleRefused


@contextmanager
def refused_unless(app: AppContext, action_key: str) -> Iterator[None]:
    store = app.store()
    try:
        refusals.check(store, action_key)
    except RoleRefused as exc:
        fail(str(exc))
    try:
        yield
    except Exception as exc:
        words = refusals.server_refusal(exc, action_key)
        if words is None:
            raise
        refusals.record(store, action_key, words)
        fail(f"the server refused: {words}")
