"""The workflow's refusals in the officer's language.

screener/ stays free of Qt, so its errors carry an English template with named fields and the
values apart (`screener.workflow.errors.WorkflowError`). The window looks the template up in
Qt's translations (context "ScreenerErrors"), fills in the same values, and says a stored
code (a case state, what collided) by its translated label. Every template the workflow
raises is declared below so pyside6-lupdate puts it in the .ts files; tests/ui/test_error_text.py
fails when a new one is raised without being declared and translated.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from screener.workflow.errors import Code

CONTEXT = "ScreenerErrors"

TEMPLATES = (
    QT_TRANSLATE_NOOP("ScreenerErrors", "A case is decided only by sign-off: a reviewer and a different approver."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "A note needs some text."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "A reason is required: say why, so the decision can be defended."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Case {case} cannot be signed: {problems}"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Case {case} cannot move from {from_status} to {to_status}."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Case {case} has no reviewer's signature waiting for approval."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Case {case} is decided: reopen it (move it back to In review, with a reason) before changing its matches."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Clearing with mitigation needs the mitigation measures in the comment."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Four eyes: {actor} decided a match of case {case} and cannot also approve it. Another person must approve."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Four eyes: {actor} signed as reviewer and cannot also approve. Another person must approve."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "No case with id '{case}'."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "No list version with id {version}."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "No match with id {match}."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Reopening a decided case needs a reason."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Say why the case goes back to the reviewer."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Select at least one match to dismiss."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The case is already signed by a reviewer and waits for approval."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Unknown case state '{status}'; expected one of {expected}."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Unknown decision '{outcome}'; expected confirm, dismiss or unsure."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Unknown decision '{outcome}'; expected one of {expected}."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "{kind} {id} was changed by someone else (version {version}, you were looking at version {expected}). Nothing was saved; reload it and decide again."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "{kind} {id} was changed by someone else while you were saving. Nothing was saved; reload it and try again."),
)  # fmt: skip

# the English labels a `Code` carries (screener.workflow.lifecycle.STATUS_LABELS, what collided)
CODE_LABELS = (
    QT_TRANSLATE_NOOP("ScreenerErrors", "New"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Screening"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "In review"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Escalated"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Decided"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Case"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Match"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Party"),
)


def error_text(error: BaseException) -> str:
    """The error in the interface language when it carries a template, else as raised."""
    template = getattr(error, "template", None)
    params = getattr(error, "params", None)
    if not isinstance(template, str) or not isinstance(params, dict):
        return str(error)
    values = {
        name: QCoreApplication.translate(CONTEXT, value.english)
        if isinstance(value, Code)
        else value
        for name, value in params.items()
    }
    try:
        return QCoreApplication.translate(CONTEXT, template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: English
        return str(error)
