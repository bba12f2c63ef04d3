"""'Not one entity': a reviewer undoes the join of a hit's list entries from the Matches tab.

One decision covers every list a listed entity is on, so a wrong join (two namesakes born the
same day, a shared number copied by a publisher) would carry one person's decision to
another. The Matches tab shows each join's evidence; this button undoes the one the reviewer
names, with a reason, audited (`screener.lists.entity_links.undo_link`), as `screener lists
unlink` does. Later imports do not make it again; the hit splits into one row per entity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from screener.lists.entity_links import LinkNotFound, evidence_between, undo_link
from screener.lists.link_evidence import SameEntityEvidence
from screener.lists.resolve import EntryRef
from screener.store import Store
from ui.i18n import shown_language
from ui.workflow_action import run_change

# (the joins' lines) -> (the chosen join's position, the reason), or None when cancelled
Ask = Callable[[list[str]], "tuple[int, str] | None"]


class UnlinkButton(QPushButton):
    unlinked = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Not one entity…"))
        self.setToolTip(
            self.tr(
                "Undo a join of these list entries: each list's entry is then decided on its own"
            )
        )
        self.store = store
        self.links: list[SameEntityEvidence] = []
        self.ask: Ask = self._ask_dialog
        self.clicked.connect(self.undo)
        self.hide()

    def show_for(self, refs: Iterable[EntryRef]) -> None:
        """The joins between a hit's memberships; hidden when there are none."""
        wanted = list(refs)
        if len(wanted) < 2:
            self.links = []
        else:
            with self.store.session() as session:
                self.links = evidence_between(session, wanted)
        self.setVisible(bool(self.links))

    def undo(self) -> bool:
        if not self.links:
            return False
        chosen = self.ask([link.line_in(shown_language()) for link in self.links])
        if chosen is None:
            return False
        position, reason = chosen
        link_id = self.links[position].link_id
        if link_id is None or not reason.strip():
            return False
        try:
            done = run_change(self, self.store, lambda s: undo_link(s, link_id, reason.strip()))
        except LinkNotFound:  # another reviewer undid it a moment ago
            QMessageBox.information(
                self, self.tr("Not one entity"), self.tr("That join was undone already.")
            )
            self.unlinked.emit()
            return False
        if done is None:
            return False
        self.unlinked.emit()
        return True

    def _ask_dialog(self, lines: list[str]) -> tuple[int, str] | None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Not one entity"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Which join is wrong?"), dialog))
        choice = QComboBox(dialog)
        choice.addItems(lines)
        layout.addWidget(choice)
        layout.addWidget(
            QLabel(self.tr("Why are they not one entity? The reason is kept in the audit trail."))
        )
        reason = QLineEdit(dialog)
        layout.addWidget(reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        reason.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return choice.currentIndex(), reason.text()
