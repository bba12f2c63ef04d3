"""Errors the workflow raises: each message is written for the reviewer who sees it."""

from __future__ import annotations

from screener.db_failures import WriteConflict


class WorkflowError(Exception):
    """A request the workflow refuses (a transition not allowed, a reason missing, ...)."""


class NotFoundError(WorkflowError):
    """The case or match asked for is not in the database."""


class ConcurrentEditError(WorkflowError, WriteConflict):
    """Someone else changed the same case or match since it was loaded: nothing was saved.

    `retryable` when the race was lost inside the transaction (`Store.write` runs it again);
    not when the reviewer acted on a version they saw before it moved on.
    """
