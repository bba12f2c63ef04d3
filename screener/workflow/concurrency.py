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

from screener.workflow.errors import Code, ConcurrentEditError

KINDS = {"Case": "case", "MatchResult": "match", "Party": "party"}


def kind_of(obj: Any) -> str:
    """'case', 'match' or 'party': the word for what collided."""
    kind = type(obj).__name__
    return KINDS.get(kind, kind.lower())


def _kind(code: str) -> Code:
    """The kind at the head of a sentence: 'Case', code 'case'."""
    return Code(code, code[:1].upper() + code[1:])


def check_version(obj: Any, expected_version: int | None) -> None:
    """Refuse to change `obj` when it is no longer the version the reviewer saw."""
    if expected_version is None or obj.version == expected_version:
        return
    raise ConcurrentEditError(
        "{kind} {id} was changed by someone else (version {version}, you were looking at "
        "version {expected}). Nothing was saved; reload it and decide again.",
        kind=_kind(kind_of(obj)),
        id=getattr(obj, "id", "?"),
        version=obj.version,
        expected=expected_version,
    )


@contextmanager
def detect_conflicts(session: Session, kind: str, object_id: object) -> Iterator[None]:
    """Flush inside the block so a lost race on the `kind` (case, match) `object_id` surfaces
    here, as a ConcurrentEditError."""
    try:
        yield
        session.flush()
    except StaleDataError:
        raise ConcurrentEditError(
            "{kind} {id} was changed by someone else while you were saving. Nothing was saved; "
            "reload it and try again.",
            retryable=True,
            kind=_kind(kind),
            id=object_id,
        ) from None
