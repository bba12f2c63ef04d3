"""The Notes tab: the reviewers' running notes on a case, newest last, each audited.

Notes are never edited or deleted: a correction is a new note, so the file reads as it was
written and the audit trail matches it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from screener.models import Note
from screener.store import Store
from screener.workflow.notes import add_note
from ui.workflow_action import run_change

# Labels translated inside f-strings (`self.tr('…')`), where pyside6-lupdate does not look.
IN_F_STRINGS = (QT_TRANSLATE_NOOP("NotesTab", "No notes yet."),)


class NotesTab(QWidget):
    title = "Notes"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Notes")
        self._store = store
        self.case_id: str | None = None
        layout = QVBoxLayout(self)
        self.history = QTextBrowser(self)
        self.history.setOpenLinks(False)
        layout.addWidget(self.history, 1)
        layout.addWidget(QLabel(self.tr("New note (kept as written; correct with a new note)")))
        self.editor = QPlainTextEdit(self)
        self.editor.setMaximumHeight(110)
        self.editor.setPlaceholderText(self.tr("What you checked, whom you asked, what is open…"))
        self.editor.textChanged.connect(self._update_button)
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_button = QPushButton(self.tr("Add note"), self)
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self._update_button()

    def _update_button(self) -> None:
        self.add_button.setEnabled(
            self.case_id is not None and bool(self.editor.toPlainText().strip())
        )

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        notes: list[Note] = []
        if case_id is not None:
            with self._store.session() as session:
                notes = list(
                    session.execute(
                        select(Note).where(Note.case_id == case_id).order_by(Note.id)
                    ).scalars()
                )
        if not notes:
            self.history.setHtml(f"<p style='color:#5b6778'>{self.tr('No notes yet.')}</p>")
        else:
            self.history.setHtml("".join(_note_html(note) for note in notes))
        self._update_button()

    def add(self) -> None:
        text, case_id = self.editor.toPlainText().strip(), self.case_id
        if not text or case_id is None:
            return
        if run_change(self, self._store, lambda session: add_note(session, case_id, text)):
            self.editor.clear()
        self.show_case(case_id)


def _note_html(note: Note) -> str:
    body = note.text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
    return (
        f"<p><span style='color:#5b6778'>{note.created_at:%Y-%m-%d %H:%M} UTC · "
        f"<b>{note.author}</b></span><br>{body}</p>"
    )
