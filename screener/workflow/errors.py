"""Errors the workflow raises: each message is written for the reviewer who sees it.

A message is a template with named fields (`"Case {case} cannot move from {from_status} to
{to_status}."`) and their values, kept apart on the error: `str(error)` is the English
sentence (the CLI, the logs), and a window puts the template into the officer's language and
fills in the same values (ui/error_text.py). A value that is a stored code (a case state, an
object kind) is a `Code`, so the window says it with its own label for that code.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.db_failures import WriteConflict


@dataclass(frozen=True)
class Code:
    """A stored code inside a message: its English label here; a window translates `code`."""

    code: str
    english: str

    def __str__(self) -> str:
        return self.english

    def __format__(self, spec: str) -> str:
        return format(self.english, spec)


class WorkflowError(Exception):
    """A request the workflow refuses (a transition not allowed, a reason missing, ...)."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


class NotFoundError(WorkflowError):
    """The case or match asked for is not in the database."""


class ConcurrentEditError(WorkflowError, WriteConflict):
    """Someone else changed the same case or match since it was loaded: nothing was saved.

    `retryable` when the race was lost inside the transaction (`Store.write` runs it again);
    not when the reviewer acted on a version they saw before it moved on.
    """

    def __init__(self, template: str, /, *, retryable: bool = False, **params: object) -> None:
        WorkflowError.__init__(self, template, **params)
        self.retryable = retryable
