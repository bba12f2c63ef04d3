"""Dialogs of the Ownership tab: edit one edge, pick list links to pull into the case.

The edge dialog checks with the same `check_edge` the domain uses before it closes, so the
reviewer sees every problem (and any over-100 % warning) while the values are still there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.deals.fields import CONFIDENCES, CONTROL_TYPES
from screener.ownership.edit import EdgeInput
from screener.ownership.links import LinkCandidate

# The stored control types and confidences (screener.deals.fields), shown through self.tr.
CHOICE_LABELS = (
    QT_TRANSLATE_NOOP("EdgeDialog", "board majority"),
    QT_TRANSLATE_NOOP("EdgeDialog", "sole voting control"),
    QT_TRANSLATE_NOOP("EdgeDialog", "board appointment"),
    QT_TRANSLATE_NOOP("EdgeDialog", "dominant influence"),
    QT_TRANSLATE_NOOP("EdgeDialog", "contractual"),
    QT_TRANSLATE_NOOP("EdgeDialog", "verified"),
    QT_TRANSLATE_NOOP("EdgeDialog", "reported"),
    QT_TRANSLATE_NOOP("EdgeDialog", "estimated"),
    QT_TRANSLATE_NOOP("EdgeDialog", "list"),
)


class EdgeDialog(QDialog):
    """Holder, held, stakes, control and provenance of one edge."""

    def __init__(
        self,
        parties: list[tuple[str, str]],
        check: Callable[[EdgeInput], tuple[list[str], list[str]]],
        edge: EdgeInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ownership edge"))
        self._check = check
        self._warned: list[str] = []
        self.result_edge: EdgeInput | None = None
        form = QFormLayout()
        self.holder = self._party_box(parties)
        self.held = self._party_box(parties)
        self.equity = QLineEdit()
        self.equity.setPlaceholderText(self.tr("percent, blank if unknown"))
        self.voting = QLineEdit()
        self.voting.setPlaceholderText(self.tr("blank: same as equity"))
        self.control = QComboBox()
        self.control.addItem(self.tr("none"), None)
        for value in CONTROL_TYPES[1:]:
            self.control.addItem(self.tr(value.replace("_", " ")), value)
        self.joint = QCheckBox(self.tr("Held jointly with the other holders (UK aggregation)"))
        self.as_of = QLineEdit()
        self.as_of.setPlaceholderText(self.tr("YYYY-MM-DD, date the stake is known at"))
        self.source = QLineEdit("analyst")
        self.confidence = QComboBox()
        for value in CONFIDENCES:
            self.confidence.addItem(self.tr(value), value)
        form.addRow(self.tr("Holder"), self.holder)
        form.addRow(self.tr("Held"), self.held)
        form.addRow(self.tr("Equity %"), self.equity)
        form.addRow(self.tr("Voting %"), self.voting)
        form.addRow(self.tr("Control"), self.control)
        form.addRow("", self.joint)
        form.addRow(self.tr("As of"), self.as_of)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Confidence"), self.confidence)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        if edge is not None:
            self._fill(edge)

    def _party_box(self, parties: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        for key, name in parties:
            box.addItem(f"{name} [{key}]", key)
        return box

    def _fill(self, edge: EdgeInput) -> None:
        self.holder.setCurrentIndex(max(0, self.holder.findData(edge.holder_key)))
        self.held.setCurrentIndex(max(0, self.held.findData(edge.held_key)))
        self.equity.setText("" if edge.equity_pct is None else f"{edge.equity_pct:g}")
        self.voting.setText("" if edge.voting_pct is None else f"{edge.voting_pct:g}")
        self.control.setCurrentIndex(max(0, self.control.findData(edge.control_type)))
        self.joint.setChecked(edge.joint_arrangement)
        self.as_of.setText(edge.as_of.isoformat() if edge.as_of else "")
        self.source.setText(edge.source)
        self.confidence.setCurrentIndex(max(0, self.confidence.findData(edge.confidence)))

    def edge(self) -> tuple[EdgeInput | None, list[str]]:
        problems: list[str] = []
        values: dict[str, Any] = {}
        for name, field in (("equity_pct", self.equity), ("voting_pct", self.voting)):
            text = field.text().strip().rstrip("%").strip().replace(",", ".")
            try:
                values[name] = float(text) if text else None
            except ValueError:
                problems.append(self.tr("%s: not a number: %s") % (name, text))
        as_of_text = self.as_of.text().strip()
        try:
            values["as_of"] = date.fromisoformat(as_of_text) if as_of_text else None
        except ValueError:
            problems.append(self.tr("as of: expected a date YYYY-MM-DD, found %s") % as_of_text)
        if problems:
            return None, problems
        return EdgeInput(
            holder_key=self.holder.currentData(),
            held_key=self.held.currentData(),
            control_type=self.control.currentData(),
            joint_arrangement=self.joint.isChecked(),
            source=self.source.text().strip() or "analyst",
            confidence=self.confidence.currentData(),
            **values,
        ), []

    def try_accept(self) -> None:
        edge, problems = self.edge()
        warnings: list[str] = []
        if edge is not None:
            problems, warnings = self._check(edge)
        if problems:
            self.problems.setStyleSheet("color: #b42318;")
            self.problems.setText("\n".join(problems))
            return
        if warnings and warnings != self._warned:
            self._warned = warnings
            self.problems.setStyleSheet("color: #b54708;")
            self.problems.setText("\n".join(warnings) + "\n" + self.tr("Save again to keep it."))
            return
        self.result_edge = edge
        self.accept()


class ListLinksDialog(QDialog):
    """The links the lists record for a confirmed entry; tick the ones to pull."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("ListLinksDialog", "Pull"),
        QT_TRANSLATE_NOOP("ListLinksDialog", "Direction"),
        QT_TRANSLATE_NOOP("ListLinksDialog", "Counterparty"),
        QT_TRANSLATE_NOOP("ListLinksDialog", "Relation"),
        QT_TRANSLATE_NOOP("ListLinksDialog", "%"),
        QT_TRANSLATE_NOOP("ListLinksDialog", "Source"),
        QT_TRANSLATE_NOOP("ListLinksDialog", "As published"),
    )

    def __init__(self, candidates: list[LinkCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ownership links from the lists"))
        self.resize(900, 360)
        self.candidates = candidates
        self.table = QTableWidget(len(candidates), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        for row, candidate in enumerate(candidates):
            tick = QTableWidgetItem()
            flags = Qt.ItemFlag.ItemIsUserCheckable
            if candidate.pullable:
                flags |= Qt.ItemFlag.ItemIsEnabled
            tick.setFlags(flags)
            tick.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, tick)
            direction = (
                self.tr("holds this party")
                if candidate.direction == "owner"
                else self.tr("is held by this party")
            )
            cells = (
                direction,
                candidate.counterparty_name,
                candidate.relation,
                "" if candidate.percentage is None else f"{candidate.percentage:g}",
                self.tr("%1 · entry %2")
                .replace("%1", str(candidate.source))
                .replace("%2", str(candidate.entry_key)),
                candidate.source_text,
            )
            for column, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        note = QLabel(
            self.tr(
                "Links that are not ownership or control (e.g. 'linked to') are "
                "shown for information and cannot be pulled."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        return [
            self.candidates[row].link_id
            for row in range(self.table.rowCount())
            if (item := self.table.item(row, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]
