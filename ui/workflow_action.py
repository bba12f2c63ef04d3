"""Running a workflow change from the window: one unit of work, refusals shown as dialogs.

A refusal (a transition not allowed, a missing reason, four eyes), a concurrent edit by
another reviewer and a lost database are expected outcomes, not crashes: the user sees one
message, nothing is saved, and the caller reloads. Labels for states and outcomes are declared here
for Qt's translation tools (context "Workflow").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from screener.db_failures import WriteConflict
from screener.office import refusals
from screener.store import Store
from screener.workflow.errors import WorkflowError
from ui import database_failure
from ui.error_text import error_text, refusal_text

T = TypeVar("T")

LABELS = {
    "new": QT_TRANSLATE_NOOP("Workflow", "New"),
    "screening": QT_TRANSLATE_NOOP("Workflow", "Screening"),
    "in_review": QT_TRANSLATE_NOOP("Workflow", "In review"),
    "escalated": QT_TRANSLATE_NOOP("Workflow", "Escalated"),
    "decided": QT_TRANSLATE_NOOP("Workflow", "Decided"),
    "cleared": QT_TRANSLATE_NOOP("Workflow", "Cleared"),
    "cleared_with_mitigation": QT_TRANSLATE_NOOP("Workflow", "Cleared with mitigation"),
    "recommend_block": QT_TRANSLATE_NOOP("Workflow", "Recommend block"),
    "pending": QT_TRANSLATE_NOOP("Workflow", "Pending"),
    "confirmed": QT_TRANSLATE_NOOP("Workflow", "Confirmed"),
    "dismissed": QT_TRANSLATE_NOOP("Workflow", "Dismissed"),
    "unsure": QT_TRANSLATE_NOOP("Workflow", "Unsure"),
    "reviewer": QT_TRANSLATE_NOOP("Workflow", "Reviewer"),
    "approver": QT_TRANSLATE_NOOP("Workflow", "Approver"),
    "returned": QT_TRANSLATE_NOOP("Workflow", "Returned to reviewer"),
    "not_started": QT_TRANSLATE_NOOP("Workflow", "Not started"),
    "running": QT_TRANSLATE_NOOP("Workflow", "Running"),
    "due_soon": QT_TRANSLATE_NOOP("Workflow", "Due soon"),
    "overdue": QT_TRANSLATE_NOOP("Workflow", "Overdue"),
    "closed": QT_TRANSLATE_NOOP("Workflow", "Closed"),
}


def label(code: str | None) -> str:
    """The translated label of a state, outcome or role code ('—' for none)."""
    if not code:
        return "—"
    return QCoreApplication.translate("Workflow", str(LABELS.get(code, code.replace("_", " "))))


def run_change(parent: QWidget | None, store: Store, change: Callable[[Session], T]) -> T | None:
    """Run `change` in one unit of work (again if it lost a race); on a refusal, a conflict
    or a database failure show one dialog and return None: nothing was saved."""
    try:
        return store.write(change)
    except WriteConflict as exc:  # ConcurrentEditError too
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Workflow", "Changed by someone else"),
            error_text(exc),
        )
    except WorkflowError as exc:
        QMessageBox.warning(
            parent, QCoreApplication.translate("Workflow", "Not possible"), error_text(exc)
        )
    except Exception as exc:
        refused = refusals.server_refusal(exc)
        if refused is not None:  # a role revoked meanwhile, a four-eyes check on the server
            refusals.record(store, "server", refused)
            QMessageBox.warning(
                parent,
                QCoreApplication.translate("Workflow", "Refused by the server"),
                QCoreApplication.translate(
                    "Workflow", "The office server refused this; nothing was saved.\n\n%1"
                ).replace("%1", refusal_text(refused)),
            )
        elif not database_failure.explain(parent, exc):
            raise
    return None
