"""Errors the workflow raises: each message is written for the reviewer who sees it."""

from __future__ import annotations


class WorkflowError(Exception):
    """A request the workflow refuses (a transition not allowed, a reason missing, ...)."""


class NotFoundError(WorkflowError):
    """The case or match asked for is not in the database."""


class ConcurrentEditError(WorkflowError):
    """Someone else changed the same case or match since it was loaded: nothing was saved."""
