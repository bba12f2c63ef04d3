"""Optimistic locking: a change is saved only onto the version the reviewer looked at.

Cases and matches carry a version column (SQLAlchemy `version_id_col`). Two checks cover
the two ways a second writer can collide with the first:
- the reviewer looked at version N in one session and acts later in another: the caller
  passes `expected_version=N` and `check_version` refuses if the row has moved on;
- two transactions load the same version at the same time: the second UPDATE matches no
  row (`WHERE version = N`) and SQLAlchemy raises StaleDataError, which `detect_conflicts`
  turns into the same clear ConcurrentEditError.
Either way nothing is overwritten silently. The second kind is a lost race: `Store.write`
runs the transaction again on fresh data, where the first check decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from screener.workflow.errors import ConcurrentEditError


def describe(obj: Any) -> str:
    """'case DEMO-1' or 'match 12': how the reviewer knows what collided."""
    kind = type(obj).__name__
    label = {"Case": "case", "MatchResult": "match", "Party": "party"}.get(kind, kind.lower())
    return f"{label} {getattr(obj, 'id', '?')}"


def check_version(obj: Any, expected_version: int | None) -> None:
    """Refuse to change `obj` when it is no longer the version the reviewer saw."""
    if expected_version is None or obj.version == expected_version:
        return
    raise ConcurrentEditError(
        f"{describe(obj).capitalize()} was changed by someone else (version {obj.version}, "
        f"you were looking at version {expected_version}). Nothing was saved; reload it and "
        "decide again."
    )


@contextmanager
def detect_conflicts(session: Session, what: str) -> Iterator[None]:
    """Flush inside the block so a lost race surfaces here, as a ConcurrentEditError."""
    try:
        yield
        session.flush()
    except StaleDataError:
        raise ConcurrentEditError(
            f"{what[:1].upper()}{what[1:]} was changed by someone else while you were saving. "
            "Nothing was saved; reload it and try again.",
            retryable=True,
        ) from None
