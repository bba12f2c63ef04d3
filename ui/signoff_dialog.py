"""Four-eyes sign-off: the reviewer proposes a decision, a different person approves it.

The dialog works out the user's role from the case: with no reviewer signature waiting it
offers to sign as reviewer (with an outcome); with one waiting it offers to approve or
return, and refuses when the user is the reviewer. What blocks a sign-off (undecided
matches, new hits) is listed before anything can be signed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from screener.identity import current_user
from screener.models import Case
from screener.store import Store
from screener.workflow import signoff
from screener.workflow.lifecycle import Outcome
from ui.workflow_action import label, run_change


class SignOffDialog(QDialog):
    def __init__(self, store: Store, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.case_id = case_id
        with store.session() as session:
            self.user = current_user(session)
        self.setWindowTitle(self.tr("Sign off case %1").replace("%1", case_id))
        self.setMinimumWidth(520)
        self._load()
        self._build()

    def _load(self) -> None:
        with self._store.session() as session:
            case = session.get(Case, self.case_id)
            if case is None:
                raise LookupError(self.case_id)
            self.version = case.version
            waiting = signoff.awaiting_approval(case)
            self.role = signoff.Role.APPROVER if waiting else signoff.Role.REVIEWER
            self.reviewer = waiting.user if waiting else None
            self.proposed = waiting.outcome if waiting else None
            self.reviewer_comment = waiting.comment if waiting else ""
            self.blockers = [self.describe(b) for b in signoff.blocking(case, self.proposed)]

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Signing as"), QLabel(f"<b>{self.user}</b> · {label(self.role)}"))
        self.outcome = QComboBox(self)
        for outcome in Outcome.ALL:
            self.outcome.addItem(label(outcome), outcome)
        if self.role == signoff.Role.REVIEWER:
            form.addRow(self.tr("Decision"), self.outcome)
        else:
            form.addRow(
                self.tr("Reviewed by"),
                QLabel(f"{self.reviewer} · <b>{label(self.proposed)}</b>"),
            )
            if self.reviewer_comment:
                comment = QLabel(self.reviewer_comment)
                comment.setWordWrap(True)
                form.addRow(self.tr("Reviewer's comment"), comment)
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(self.tr("Reasoning; mitigation measures if any"))
        self.comment.setMaximumHeight(90)
        form.addRow(self.tr("Comment"), self.comment)
        self.dissent = QPlainTextEdit(self)
        self.dissent.setPlaceholderText(self.tr("Optional: a dissent recorded with the decision"))
        self.dissent.setMaximumHeight(70)
        if self.role == signoff.Role.APPROVER:
            form.addRow(self.tr("Dissent"), self.dissent)
        else:
            self.dissent.hide()
        layout.addLayout(form)
        self.problems = QLabel(self)
        self.problems.setObjectName("signOffProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #9b1c1c;")
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        if self.role == signoff.Role.REVIEWER:
            self.sign_button = QPushButton(self.tr("Sign as reviewer"), self)
            buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.sign_button.clicked.connect(self.sign)
            self.return_button: QPushButton | None = None
        else:
            self.sign_button = QPushButton(self.tr("Approve decision"), self)
            self.return_button = QPushButton(self.tr("Return to reviewer"), self)
            buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(self.return_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.sign_button.clicked.connect(self.sign)
            self.return_button.clicked.connect(self.send_back)
        layout.addWidget(buttons)
        self.outcome.currentIndexChanged.connect(self._show_problems)
        self._show_problems()

    def _current_problems(self) -> list[str]:
        problems = list(self.blockers)
        if self.role == signoff.Role.REVIEWER:
            with self._store.session() as session:
                case = session.get(Case, self.case_id)
                problems = (
                    [self.describe(b) for b in signoff.blocking(case, self.outcome.currentData())]
                    if case
                    else []
                )
        elif self.reviewer == self.user:
            problems.append(
                self.tr("Four eyes: you signed as reviewer; another person must approve.")
            )
        return problems

    def describe(self, blocker: signoff.Blocker) -> str:
        if blocker.code == "not_signable":
            return self.tr(
                "The case is %1; only a case in review or escalated can be signed."
            ).replace("%1", label(blocker.status))
        if blocker.code == "undecided":
            return self.tr("%n screening match(es) are still undecided.", "", blocker.count)
        if blocker.code == "unsure":
            return self.tr(
                "%n match(es) are marked unsure: a case cannot be cleared while a possible hit "
                "is unresolved.",
                "",
                blocker.count,
            )
        if blocker.code == "new_hits":
            return self.tr("New list hits arrived since the last review: review them first.")
        names = ", ".join(blocker.names[:3]) + (
            self.tr(" and %n more", "", len(blocker.names) - 3) if len(blocker.names) > 3 else ""
        )
        if blocker.code == "not_screened":
            return self.tr(
                "Not screened: %n party(ies) were never screened or changed since (%1); "
                "screen the case first.",
                "",
                blocker.count,
            ).replace("%1", names)
        if blocker.code == "lists_changed":
            return self.tr(
                "Screened against old lists: %1 have a newer active version; screen the "
                "case again."
            ).replace("%1", names)
        if blocker.code == "no_lists":
            return self.tr("No sanctions list is loaded: import the lists and screen the case.")
        if blocker.code == "not_assessed":
            return self.tr("Not assessed: run the risk assessment first.")
        if blocker.code == "assessment_outdated":
            return self.tr(
                "The risk assessment is older than the latest screening or match decision: "
                "assess the case again."
            )
        return blocker.message

    def _show_problems(self) -> None:
        problems = self._current_problems()
        self.problems.setText("<br>".join(f"• {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        self.sign_button.setEnabled(not problems)
        if self.return_button is not None:
            self.return_button.setEnabled(self.reviewer != self.user)

    def sign(self) -> None:
        comment, dissent = self.comment.toPlainText(), self.dissent.toPlainText()

        def change(session: Session) -> object:
            if self.role == signoff.Role.REVIEWER:
                return signoff.sign_as_reviewer(
                    session,
                    self.case_id,
                    self.outcome.currentData(),
                    comment,
                    expected_version=self.version,
                )
            return signoff.approve(
                session,
                self.case_id,
                comment=comment,
                dissent=dissent,
                expected_version=self.version,
            )

        if run_change(self, self._store, change) is not None:
            self.accept()

    def send_back(self) -> None:
        comment = self.comment.toPlainText()

        def change(session: Session) -> object:
            return signoff.return_to_reviewer(
                session, self.case_id, comment, expected_version=self.version
            )

        if run_change(self, self._store, change) is not None:
            self.accept()
