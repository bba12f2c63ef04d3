"""Adjudication controls for the Matches tab: confirm, dismiss or mark unsure, with a reason.

Keyboard first, because a reviewer works through dozens of matches: N next, P previous,
C confirm, D dismiss, U unsure. Every decision asks for a reason (the dialog will not accept
an empty one); with several rows selected, Dismiss dismisses them all with one reason.

The panel binds to the Matches tab's view: `bind_view(view, id_role)` reads the selected
match ids from the model (`id_role` on column 0) and moves the current row for N/P. The
version of each match is read when it is selected, and saving refuses if someone else has
decided it since (optimistic locking), so nothing is overwritten silently.

    panel = AdjudicationPanel(store, self)
    panel.bind_view(self.table, Qt.ItemDataRole.UserRole)
    panel.decided.connect(self.reload)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from screener.models import MatchResult
from screener.store import Store
from screener.workflow import adjudication
from screener.workflow.entity_hits import entity_siblings, group_status
from ui.workflow_action import label, run_change


@dataclass(frozen=True)
class SelectedMatch:
    """What the reviewer is looking at: the match, and the version they saw."""

    id: int
    version: int
    status: str
    party: str
    matched: str
    source: str
    score: float
    changed_since_dismissed: dict[str, Any] | None
    last_reason: str


class ReasonDialog(QDialog):
    """Asks why; OK stays disabled until there is a reason."""

    PRESETS = (
        QT_TRANSLATE_NOOP("ReasonDialog", "Different country of incorporation or nationality"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Different date of birth or incorporation"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Different entity type (person vs organisation)"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Only common words in the name match"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Identifier differs (LEI, registration number)"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Same identifier: this is the listed party"),
        QT_TRANSLATE_NOOP("ReasonDialog", "Name and country match; ownership confirms"),
    )

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        self.preset = QComboBox(self)
        self.preset.addItem(self.tr("Choose a common reason…"), "")
        for text in self.PRESETS:
            self.preset.addItem(QCoreApplication.translate("ReasonDialog", str(text)), text)
        self.preset.currentIndexChanged.connect(self._use_preset)
        layout.addWidget(self.preset)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("Reason (required): what you compared and found"))
        self.text.textChanged.connect(self._update_ok)
        layout.addWidget(self.text, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _use_preset(self) -> None:
        text = self.preset.currentText() if self.preset.currentData() else ""
        if text:
            self.text.setPlainText(text)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.text.toPlainText().strip()


class AdjudicationPanel(QFrame):
    """The strip under the matches table: what is selected, and the decision buttons."""

    decided = Signal()  # something was saved: reload the matches
    navigate = Signal(int)  # +1 next, -1 previous (emitted when no view is bound)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjudicationPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._store = store
        self._view: QAbstractItemView | None = None
        self._id_role = int(Qt.ItemDataRole.UserRole)
        self._watched: QItemSelectionModel | None = None
        self._shortcuts: list[QShortcut] = []
        self.selected: list[SelectedMatch] = []
        self.ask_reason = self._ask_reason_dialog
        self._build()
        self.set_selection([])

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.changed = QLabel(self)
        self.changed.setObjectName("changedSinceDismissed")
        self.changed.setWordWrap(True)
        self.changed.setTextFormat(Qt.TextFormat.RichText)
        self.changed.setStyleSheet(
            "background: #fff4d6; border: 1px solid #e0b84f; padding: 4px; border-radius: 3px;"
        )
        layout.addWidget(self.changed)
        buttons = QHBoxLayout()
        self.previous_button = self._button(
            self.tr("Previous (P)"), "P", lambda: self.move_selection(-1)
        )
        self.next_button = self._button(self.tr("Next (N)"), "N", lambda: self.move_selection(1))
        self.confirm_button = self._button(
            self.tr("Confirm (C)"), "C", lambda: self.decide("confirmed")
        )
        self.dismiss_button = self._button(
            self.tr("Dismiss (D)"), "D", lambda: self.decide("dismissed")
        )
        self.unsure_button = self._button(self.tr("Unsure (U)"), "U", lambda: self.decide("unsure"))
        for button in (self.previous_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.confirm_button, self.dismiss_button, self.unsure_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _button(self, text: str, key: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(self.tr("Shortcut: %s") % key)
        button.clicked.connect(slot)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # ----- binding to the Matches tab ---------------------------------------------------
    def bind_view(self, view: QAbstractItemView, id_role: int = Qt.ItemDataRole.UserRole) -> None:
        """Follow `view`'s selection and install N/P/C/D/U on it and on this panel."""
        self._view = view
        self._id_role = int(id_role)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._watch_selection_model()
        model = view.model()
        if model is not None:
            model.modelReset.connect(self._watch_selection_model)
            model.layoutChanged.connect(self.refresh)
        self.install_shortcuts(view.parentWidget() or view)

    def _watch_selection_model(self) -> None:
        """A model reset may bring a new selection model: follow it, once."""
        if self._view is None or self._view.selectionModel() is None:
            return
        selection = self._view.selectionModel()
        if selection is not self._watched:
            selection.selectionChanged.connect(self.refresh)
            self._watched = selection
        self.refresh()

    def install_shortcuts(self, widget: QWidget) -> None:
        """N/P/C/D/U on `widget` and its children; replaces any installed before.

        Only one set may exist: two shortcuts for the same key in overlapping widgets are
        ambiguous to Qt and neither would fire.
        """
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        actions = {
            "N": lambda: self.move_selection(1),
            "P": lambda: self.move_selection(-1),
            "C": lambda: self.decide("confirmed"),
            "D": lambda: self.decide("dismissed"),
            "U": lambda: self.decide("unsure"),
        }
        self._shortcuts = []
        for key, slot in actions.items():
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    def selected_ids(self) -> list[int]:
        if self._view is None or self._view.selectionModel() is None:
            return [m.id for m in self.selected]
        rows = self._view.selectionModel().selectedRows(0)
        ids = [rows_index.data(self._id_role) for rows_index in rows]
        return [int(i) for i in ids if i is not None]

    def refresh(self, *_args: object) -> None:
        self.set_selection(self.selected_ids())

    def set_selection(self, match_ids: list[int]) -> None:
        """Load the selected matches (and the versions the reviewer now sees)."""
        self.selected = self._load(match_ids) if match_ids else []
        self._show()

    def _load(self, match_ids: list[int]) -> list[SelectedMatch]:
        """Each selected row is a listed entity: its lists, status and change are the group's."""
        with self._store.session() as session:
            matches = session.execute(
                select(MatchResult).where(MatchResult.id.in_(match_ids))
            ).scalars()
            loaded = {}
            for m in matches:
                group = entity_siblings(session, m)
                changed = next(
                    (s.changed_since_dismissed for s in group if s.changed_since_dismissed), None
                )
                loaded[m.id] = SelectedMatch(
                    m.id,
                    m.version,
                    group_status(s.status for s in group),
                    m.query_name,
                    m.matched_name,
                    " · ".join(sorted({s.source_name for s in group})),
                    m.score,
                    changed,
                    m.decisions[-1].reason if m.decisions else "",
                )
        return [loaded[i] for i in match_ids if i in loaded]

    def _show(self) -> None:
        count = len(self.selected)
        for button in (self.confirm_button, self.unsure_button):
            button.setEnabled(count == 1)
        self.dismiss_button.setEnabled(count >= 1)
        self.dismiss_button.setText(
            self.tr("Dismiss %n selected (D)", "", count) if count > 1 else self.tr("Dismiss (D)")
        )
        self.changed.setVisible(False)
        if count == 0:
            self.summary.setText(self.tr("Select a match to decide it."))
            return
        if count > 1:
            self.summary.setText(
                self.tr("%n matches selected: dismiss them together with one reason.", "", count)
            )
            return
        match = self.selected[0]
        text = (
            self.tr("<b>%1</b> ↔ <b>%2</b> (%3) · score %4 · %5")
            .replace("%1", _html(match.party))
            .replace("%2", _html(match.matched))
            .replace("%3", _html(match.source))
            .replace("%4", f"{match.score:.2f}")
            .replace("%5", label(match.status))
        )
        if match.last_reason:
            text += "<br>" + self.tr("Last reason: %1").replace("%1", _html(match.last_reason))
        self.summary.setText(text)
        if match.changed_since_dismissed:
            self.changed.setText(describe_change(match.changed_since_dismissed))
            self.changed.setVisible(True)

    # ----- actions -------------------------------------------------------------------
    def move_selection(self, step: int) -> None:
        if self._view is None or self._view.model() is None:
            self.navigate.emit(step)
            return
        model = self._view.model()
        current = self._view.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(model.rowCount() - 1, row))
        if model.rowCount() == 0:
            return
        index: QModelIndex = model.index(row, 0)
        self._view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._view.scrollTo(index)

    def decide(self, outcome: str) -> bool:
        """Ask for the reason and save; returns True when something was saved."""
        chosen = list(self.selected)
        if not chosen or (outcome != "dismissed" and len(chosen) != 1):
            return False
        reason = self.ask_reason(outcome, len(chosen))
        if not reason:
            return False
        versions = {m.id: m.version for m in chosen}

        def save(session: Any) -> object:
            if len(chosen) > 1:
                return adjudication.bulk_dismiss(
                    session, list(versions), reason, expected_versions=versions
                )
            return adjudication.decide_entity(  # the row is a listed entity: all its lists
                session, chosen[0].id, outcome, reason, expected_version=chosen[0].version
            )

        saved = run_change(self, self._store, save) is not None
        self.decided.emit()
        self.refresh()
        if saved and len(chosen) == 1:
            self.move_selection(1)
        return saved

    def _ask_reason_dialog(self, outcome: str, count: int) -> str:
        title = {
            "confirmed": self.tr("Confirm match"),
            "dismissed": self.tr("Dismiss %n match(es)", "", count),
            "unsure": self.tr("Mark match unsure"),
        }[outcome]
        prompt = self.tr("Why? The reason is kept with the decision and printed in the memo.")
        dialog = ReasonDialog(title, prompt, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return ""
        return dialog.reason()


def describe_change(changed: dict[str, Any]) -> str:
    """'Changed since dismissed by ana on …: party country AU → CN; entry programs …'."""
    parts = []
    for side, caption in (
        ("party", QCoreApplication.translate("AdjudicationPanel", "party")),
        ("entry", QCoreApplication.translate("AdjudicationPanel", "list entry")),
    ):
        for field, change in (changed.get(side) or {}).items():
            if "before" in change:
                parts.append(
                    f"{caption} {field}: {_short(change['before'])} → {_short(change['after'])}"
                )
    for member in changed.get("new_memberships") or ():
        parts.append(
            QCoreApplication.translate("AdjudicationPanel", "new membership: %1").replace(
                "%1", str(member)
            )
        )
    head = (
        QCoreApplication.translate("AdjudicationPanel", "Changed since dismissed by %1 on %2 (%3)")
        .replace("%1", str(changed.get("dismissed_by", "?")))
        .replace("%2", str(changed.get("dismissed_at", "?"))[:10])
        .replace("%3", str(changed.get("reason", "")))
    )
    return _html(head) + "<br>" + "<br>".join(_html(p) for p in parts)


def _short(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
