"""The workflow's refusals, and the office server's, in the officer's language.

screener/ stays free of Qt, so its errors carry an English template with named fields and the
values apart (`screener.workflow.errors.WorkflowError`). The window looks the template up in
Qt's translations (context "ScreenerErrors"), fills in the same values, and says a stored
code (a case state, what collided) by its translated label. Every template the workflow
raises is declared below so pyside6-lupdate puts it in the .ts files; tests/ui/test_error_text.py
fails when a new one is raised without being declared and translated. The server's refusals
(`screener.office.refusals.server_refusal`) are sentences of two shapes, each naming what was
refused (a trigger's `screener_require_role(role, doing)`, or an action of
`screener.office.roles.ACTIONS`) and the role: `refusal_text` says them the same way.
"""

from __future__ import annotations

import re

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

# screener.db_failures' sentences (describe_failure): the database dialog and failed tasks
DATABASE_TEMPLATES = (
    QT_TRANSLATE_NOOP("ScreenerErrors", "The records this change builds on were changed by someone else while it was being saved. Nothing was saved; reload and try again."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server at {where} failed: {detail}. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server failed: {detail}. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The records this change builds on were changed by someone else while it was being saved ({attempts} attempts). Nothing was saved; reload and try again."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Cannot reach the database server at {where}: connection refused (is it running?). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Cannot reach the database server: connection refused (is it running?). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server at {where} did not answer within {seconds} s. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server did not answer within {seconds} s. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server's host name at {where} is unknown. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server's host name is unknown. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The connection to the database server was lost during the command (the server stopped or restarted). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database file {where} was busy with another writer for more than {seconds} s (lock timeout). Nothing was saved; try again."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database file was busy with another writer for more than {seconds} s (lock timeout). Nothing was saved; try again."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database file {where} failed: {detail}. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database file failed: {detail}. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database connection failed ({detail}). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server shut down (an administrator stopped it) during the command. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server crashed and dropped every connection during the command. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server is not accepting work yet (it is starting up, recovering or shutting down). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server refused the connection: too many clients already. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server's disk is full. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Another officer's work held a lock needed here for more than {seconds} s (lock timeout). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server cancelled the command (statement timeout). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database does not exist on the server. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server refused the login (wrong password). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server refused the login. Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database refused: this login may not do that (permission denied). Nothing was saved."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server is starting up. Nothing was saved; try again in a moment."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server is recovering after a crash. Nothing was saved; try again in a moment."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server is recovering and not yet accepting connections. Nothing was saved; try again in a moment."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server is shutting down. Nothing was saved; try again in a moment."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server refused the connection: too many clients already. Nothing was saved; try again in a moment."),
    QT_TRANSLATE_NOOP("ScreenerErrors", "The database server refused the connection: its remaining connections are reserved. Nothing was saved; try again in a moment."),
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


def error_text(error: object) -> str:
    """An error (or a `screener.db_failures.Sentence`) in the interface language when it
    carries a template, else as raised."""
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
    translated = QCoreApplication.translate(CONTEXT, template)
    if translated == template:  # English (or not translated): the sentence exactly as raised
        return str(error)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: English
        return str(error)


# What a trigger says was refused (screener_require_role's `doing`, screener/office) and the
# actions of screener.office.roles.ACTIONS, as the server's refusals name them.
REFUSED_DOINGS = (
    QT_TRANSLATE_NOOP("ScreenerErrors", "anchoring the audit trail"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "deciding a match"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "deciding a case"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "moving a case"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "signing as reviewer"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "approving"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "activating a rule pack"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Reading cases, lists and the audit trail"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Importing a deal file"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Screening a case"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Re-screening open cases"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Deciding a match"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Saying two list entries are not one entity"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Editing ownership"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Moving or assigning a case"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Adding a note"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Assessing risk"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Signing as reviewer"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Approving or returning a case"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Signing off"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Importing a list"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Choosing the active list version"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Saving or activating a rule pack"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Anchoring the audit trail"),
    QT_TRANSLATE_NOOP("ScreenerErrors", "Granting and revoking roles"),
)
_LACKS_ROLE = re.compile(
    r"^(?P<doing>.+) needs the (?P<role>[a-z_]+) role; (?P<login>.+) does not hold it$"
)
_GRANT_MISSING = re.compile(
    r"^(?P<doing>.+) needs the (?P<roles>[a-z_ ]+) role \((?P<detail>.+)\)$"
)
_NOT_ALLOWED = re.compile(r"^your roles on the server do not allow this \((?P<detail>.+)\)$")


def refusal_text(refused: str) -> str:
    """The server's refusal in the interface language, roles and the server's detail as said."""
    lacks = _LACKS_ROLE.match(refused)
    grant = _GRANT_MISSING.match(refused)
    if lacks is not None and lacks["doing"] in REFUSED_DOINGS:
        return (
            QCoreApplication.translate(
                "ScreenerErrors", "%1 needs the %2 role; %3 does not hold it"
            )
            .replace("%1", QCoreApplication.translate(CONTEXT, lacks["doing"]))
            .replace("%2", lacks["role"])
            .replace("%3", lacks["login"])
        )
    if grant is not None and grant["doing"] in REFUSED_DOINGS:
        return (
            QCoreApplication.translate("ScreenerErrors", "%1 needs the %2 role (%3)")
            .replace("%1", QCoreApplication.translate(CONTEXT, grant["doing"]))
            .replace("%2", grant["roles"])
            .replace("%3", grant["detail"])
        )
    allowed = _NOT_ALLOWED.match(refused)
    if allowed is not None:
        return QCoreApplication.translate(
            "ScreenerErrors", "your roles on the server do not allow this (%1)"
        ).replace("%1", allowed["detail"])
    return refused
