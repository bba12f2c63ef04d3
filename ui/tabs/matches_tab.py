"""The Matches tab: a case's screening hits, each beside its list entry, field by field.

The table lists one row per party and listed entity (party, names compared, the lists the
entity was found on, its best entry, best score, status): a person on the SDN list, the
CSL's copy and the UN list is one row and one decision (`screener.workflow.entity_hits`);
the row's tooltip and the line above the comparison name every membership.
the selected one is shown side by side (every party field against every entry field, rows
a qualifier found different marked) with the explanation and the feature table. "Screen
now" screens all parties against the active lists on the thread pool, with progress and
Cancel. Other parts of the window hook in through `match_selected(int)` and
`selected_match_id()`; the adjudication strip (confirm / dismiss / unsure) is bound to the
table and reloads the tab when a decision is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from screener.lists.link_evidence import evidence_lines
from screener.matching.db_index import INDEX_CACHE
from screener.matching.match_fields import FieldRow, match_fields
from screener.matching.phrase import phrase_match
from screener.models import Case, Party
from screener.store import Store
from screener.workflow.entity_hits import Membership, case_entity_hits
from screener.workflow.screening import ScreeningCancelled, ScreeningSummary, screen_case
from screener.workflow.screening_state import ScreeningState, screening_state
from ui.adjudication import AdjudicationPanel
from ui.entity_unlink import UnlinkButton
from ui.i18n import settings, shown_language
from ui.row_table_model import RowTableModel
from ui.workers import Worker
from ui.workflow_action import label

_Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
SPLITTER_KEY = "matches/splitter"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DIFFERS = QColor("#fde8e8")
DECISIVE = QColor("#e6f4ea")


@dataclass(frozen=True)
class MatchRow:
    id: int
    party: str
    query_name: str
    matched_name: str
    source: str
    entry_key: str
    score: float
    is_strong: bool
    status: str
    is_new: bool
    changed: bool
    memberships: tuple[Membership, ...] = ()

    @property
    def lists(self) -> str:
        """'OFAC-SDN · UN-SC · US-CSL': every list the entity was found on."""
        sources = dict.fromkeys(m.source for m in self.memberships) or {self.source: None}
        return " · ".join(sources)


class MatchTableModel(RowTableModel):
    CONTEXT = "MatchesTab"
    HEADERS = (
        QT_TRANSLATE_NOOP("MatchesTab", "Party"),
        QT_TRANSLATE_NOOP("MatchesTab", "Name screened"),
        QT_TRANSLATE_NOOP("MatchesTab", "Matched list name"),
        QT_TRANSLATE_NOOP("MatchesTab", "List"),
        QT_TRANSLATE_NOOP("MatchesTab", "Entry"),
        QT_TRANSLATE_NOOP("MatchesTab", "Score"),
        QT_TRANSLATE_NOOP("MatchesTab", "Status"),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            status = (
                label(row.status)
                + (" · " + QCoreApplication.translate("MatchesTab", "new") if row.is_new else "")
                + (
                    " · " + QCoreApplication.translate("MatchesTab", "changed")
                    if row.changed
                    else ""
                )
            )
            strong = "  ●" if row.is_strong else ""
            return (
                row.party,
                row.query_name,
                row.matched_name,
                row.lists,
                short_entry_key(row.entry_key)
                + (f" +{len(row.memberships) - 1}" if len(row.memberships) > 1 else ""),
                f"{row.score:.2f}{strong}",
                status,
            )[column]
        if role == SORT_ROLE:
            return row.score if column == 5 else self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.FontRole and row.is_new and column == 6:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.is_strong:
            return QBrush(QColor("#a61b1b"))
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            return membership_lines(row.memberships) or row.entry_key  # the full keys
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and row.is_strong:
            return QCoreApplication.translate(
                "MatchesTab", "Strong match: the names agree almost word for word"
            )
        return None


def short_entry_key(key: str) -> str:
    """'Entity List (EL) - Bureau of Industry and Security:4f3a9c0d…' -> 'EL:4f3a9c0d…'.

    The list (its abbreviation when it has one) and the first characters of the id, so the
    column stays narrow and headers are never clipped; the table's tooltip has the whole key.
    """
    listed, colon, ident = key.rpartition(":")
    if not colon:
        listed, ident = "", key
    abbreviation = re.search(r"\(([A-Z0-9-]{2,12})\)", listed)
    short_list = abbreviation.group(1) if abbreviation else listed[:16]
    short_id = ident if len(ident) <= 12 else ident[:8] + "…"
    return f"{short_list}:{short_id}" if short_list else short_id


def _with_space(label: str) -> str:
    """'One entity because: '; a Japanese full-width colon takes no space after it."""
    return label if label.endswith("：") else label + " "


def membership_lines(memberships: tuple[Membership, ...]) -> str:
    """One line per list: 'OFAC-SDN 6384 — SDN List (IRAQ2)'."""
    lines = []
    for m in memberships:
        line = f"{m.source} {m.entry_key}" + (f" — {m.list_name}" if m.list_name else "")
        lines.append(line + (f" ({', '.join(m.programs)})" if m.programs else ""))
    return "\n".join(lines)


def load_rows(store: Store, case_id: str) -> list[MatchRow]:
    """One row per party and listed entity; the row's id is its best match's."""
    with store.session() as session:
        names = dict(
            session.execute(select(Party.key, Party.name).where(Party.case_id == case_id)).all()
        )
        rows = []
        for hit in case_entity_hits(session, case_id):
            m = hit.best
            rows.append(
                MatchRow(
                    m.id,
                    names.get(m.party_key, m.party_key),
                    m.query_name,
                    m.matched_name,
                    m.source_name,
                    m.entry_key,
                    m.score,
                    m.is_strong,
                    hit.status,
                    hit.is_new,
                    hit.changed,
                    tuple(hit.memberships()),
                )
            )
        return rows


MEMBERSHIP_LINES_SHOWN = 7  # the lists and the joins' evidence; more scroll


class MatchesTab(QWidget):
    title = "Matches"
    match_selected = Signal(int)  # the MatchResult id now shown (0: none)
    screened = Signal(object)  # ScreeningSummary after a screening finished
    decided = Signal()  # a decision was saved here: what the other tabs say may have changed

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = self.tr("Matches")
        self.store = store
        self.case_id: str | None = None
        self.worker: Worker | None = None
        self._build()

    # -- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.count = QLabel(self)
        top.addWidget(self.count, 1)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        top.addWidget(self.progress)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        top.addWidget(self.cancel_button)
        self.screen_button = QPushButton(self.tr("Screen now"), self)
        self.screen_button.setToolTip(
            self.tr("Screen every party against all active list versions")
        )
        self.screen_button.clicked.connect(self.screen_now)
        top.addWidget(self.screen_button)
        layout.addLayout(top)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = MatchTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(split)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMaximumSectionSize(360)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # the list elides
        header.resizeSection(3, 190)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        split.addWidget(self.table)

        detail = QTabWidget(split)
        self.fields = QTableWidget(0, 3, detail)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Party"), self.tr("List entry")]
        )
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setWordWrap(True)
        fields_header = self.fields.horizontalHeader()
        fields_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        fields_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fields_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        side = QWidget(detail)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.explanation = QTextBrowser(side)
        self.explanation.setMaximumHeight(90)
        self.memberships = QLabel(side)
        self.memberships.setObjectName("entityMemberships")
        self.memberships.setWordWrap(True)
        self.memberships.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # the lists and the joins' evidence scroll within a few lines: on a 768-pixel screen
        # the window keeps its height however many lists an entity is on
        self.memberships_area = QScrollArea(side)
        self.memberships_area.setWidget(self.memberships)
        self.memberships_area.setWidgetResizable(True)
        self.memberships_area.setFrameShape(QFrame.Shape.NoFrame)
        lines = MEMBERSHIP_LINES_SHOWN * self.fontMetrics().lineSpacing()
        self.memberships_area.setMaximumHeight(lines)
        self.memberships_area.hide()
        self.unlink_button = UnlinkButton(self.store, side)
        self.unlink_button.unlinked.connect(self.reload)
        entity_row = QHBoxLayout()
        entity_row.addWidget(self.memberships_area, 1)
        entity_row.addWidget(self.unlink_button, 0, Qt.AlignmentFlag.AlignBottom)
        side_layout.addLayout(entity_row)
        side_layout.addWidget(self.explanation)
        side_layout.addWidget(self.fields, 1)
        detail.addTab(side, self.tr("Side by side"))
        self.features = QTableWidget(0, 4, detail)
        self.features.setHorizontalHeaderLabels(
            [self.tr("Feature"), self.tr("Score"), self.tr("Weight"), self.tr("Compared")]
        )
        self.features.verticalHeader().hide()
        self.features.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.features.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.features.horizontalHeader().setStretchLastSection(True)
        detail.addTab(self.features, self.tr("Features"))
        split.addWidget(detail)
        split.setStretchFactor(0, 2)  # the table keeps at least 8 rows on a 1366x768 screen
        split.setStretchFactor(1, 1)
        split.setSizes([600, 300])
        self.explanation.setMaximumHeight(70)
        self.split = split
        kept = settings().value(SPLITTER_KEY)
        if kept is not None:
            split.restoreState(kept)  # the officer's own split, remembered between runs
        split.splitterMoved.connect(
            lambda _pos, _index: settings().setValue(SPLITTER_KEY, split.saveState())
        )
        layout.addWidget(split, 1)

        self.adjudication = AdjudicationPanel(self.store, self)
        self.adjudication.bind_view(self.table, ID_ROLE)
        self.adjudication.install_shortcuts(self)
        self.adjudication.decided.connect(self.reload)
        self.adjudication.decided.connect(self.decided)
        layout.addWidget(self.adjudication)

    # -- tab contract ------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        keep = self.selected_match_id()
        rows = load_rows(self.store, self.case_id) if self.case_id else []
        self.model.load(rows)
        pending = sum(1 for r in rows if r.status == "pending")
        new = sum(1 for r in rows if r.is_new)
        state = self._screening_state()
        text = (
            self.tr("%n listed entity(ies) matched", "", len(rows))
            + " · "
            + self.tr("{pending} pending · {new} new").format(pending=pending, new=new)
            if self.case_id
            else self.tr("No case selected")
        )
        if state is not None and state.never_screened:
            text = self.tr("Not screened yet: press Screen now")
        elif state is not None and not state.is_screened:
            text += " · " + self.tr("not screened against the lists now active: screen again")
        self.count.setText(text)
        self.count.setStyleSheet(
            "color: #b42318; font-weight: 600;"
            if state is not None and not state.is_screened
            else ""
        )
        self.screen_button.setEnabled(self.case_id is not None and self.worker is None)
        if not self.select_match(keep) and rows:
            self.table.selectRow(0)
        if not rows:
            self._show_match(None)

    def _screening_state(self) -> ScreeningState | None:
        if self.case_id is None:
            return None
        with self.store.session() as session:
            case = session.get(Case, self.case_id)
            return screening_state(case, session) if case is not None else None

    def selected_match_id(self) -> int | None:
        current = self.table.currentIndex()
        if not current.isValid():
            return None
        value = current.sibling(current.row(), 0).data(ID_ROLE)
        return int(value) if value is not None else None

    def select_match(self, match_id: int | None) -> bool:
        if match_id is None:
            return False
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == match_id:
                self.table.selectRow(row)
                return True
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        match_id = current.sibling(current.row(), 0).data(ID_ROLE) if current.isValid() else None
        self._show_match(int(match_id) if match_id is not None else None)
        self.match_selected.emit(int(match_id) if match_id is not None else 0)

    # -- detail ------------------------------------------------------------------------
    def _show_match(self, match_id: int | None) -> None:
        self.fields.setRowCount(0)
        self.features.setRowCount(0)
        self._show_memberships(match_id)
        if match_id is None:
            self.explanation.setPlainText(
                self.tr("Select a match to compare the party with the list entry.")
            )
            return
        try:
            with self.store.session() as session:
                match, rows = match_fields(session, match_id, shown_language())
                features = list(match.features or [])
                explanation = (
                    phrase_match(match.query_name, match.matched_name, features, shown_language())
                    if features
                    else match.explanation
                )
        except LookupError as exc:
            self.explanation.setPlainText(str(exc))
            return
        self.explanation.setPlainText(explanation)
        self._fill_fields(rows)
        self._fill_features(features)

    def _show_memberships(self, match_id: int | None) -> None:
        """'Listed on 3 lists: …' above the comparison, when the entity has several."""
        row = next((r for r in self.model.rows if r.id == match_id), None)
        if row is None or len(row.memberships) < 2:
            self.memberships.hide()
            self.memberships_area.hide()
            self.unlink_button.show_for(())
            return
        self.unlink_button.show_for((m.source, m.entry_key) for m in row.memberships)
        why = "\n".join(evidence_lines(self.unlink_button.links, shown_language()))
        # why they are one first: the lists are in the table's List column as well
        self.memberships.setText(
            self.tr(
                "One listed entity on %n list(s); one decision covers them all:",
                "",
                len(row.memberships),
            )
            + ("\n" + _with_space(self.tr("One entity because:")) + why if why else "")
            + "\n"
            + membership_lines(row.memberships)
        )
        self.memberships.show()
        self.memberships_area.show()

    def _fill_fields(self, rows: list[FieldRow]) -> None:
        self.fields.setRowCount(len(rows))
        for number, row in enumerate(rows):
            label = QTableWidgetItem(QCoreApplication.translate("MatchesTab", row.label))
            label.setFont(_bold())
            cells = [label, QTableWidgetItem(row.party or "—"), QTableWidgetItem(row.entry or "—")]
            for column, item in enumerate(cells):
                if row.differs:
                    item.setBackground(DIFFERS)
                    item.setToolTip(self.tr("A qualifier found these values different"))
                elif row.decisive:
                    item.setBackground(DECISIVE)
                    item.setToolTip(self.tr("Equal identifier: decisive"))
                self.fields.setItem(number, column, item)

    def _fill_features(self, features: list[dict[str, Any]]) -> None:
        self.features.setRowCount(len(features))
        for number, feature in enumerate(features):
            values = feature.get("values") or {}
            compared = "; ".join(f"{k}: {_short(v)}" for k, v in values.items())
            cells = [
                feature["name"],
                f"{feature['score']:.2f}",
                f"{feature.get('weight', 0):+.2f}",
                compared,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if feature.get("weight", 0) < 0 and feature["score"] > 0:
                    item.setBackground(DIFFERS)
                self.features.setItem(number, column, item)

    # -- screening ---------------------------------------------------------------------
    def screen_now(self) -> None:
        if self.case_id is None or self.worker is not None:
            return
        store, case_id = self.store, self.case_id

        def task(on_progress: Any, is_cancelled: Any) -> ScreeningSummary:
            on_progress(0, 0, "loading the active lists")
            index = INDEX_CACHE.get(store)
            return screen_case(
                store, case_id, index, on_progress=on_progress, is_cancelled=is_cancelled
            )

        worker = Worker(task, cancel_exceptions=(ScreeningCancelled,))
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self.worker = worker
        self._set_running(True)
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.screen_button.setEnabled(not running and self.case_id is not None)
        if running:
            self.progress.setRange(0, 0)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.progress.setFormat(stage[:40] if stage else "%p%")
        self.progress.setTextVisible(bool(stage))

    def _on_finished(self, summary: ScreeningSummary) -> None:
        self.worker = None
        self._set_running(False)
        self.reload()
        self.screened.emit(summary)  # the case view reloads the header and every tab
        self.count.setText(
            self.count.text()
            + self.tr(" — screened {parties} parties: {new} new").format(
                parties=summary.parties, new=summary.new_matches
            )
        )

    def _on_failed(self, message: str, _trace: str) -> None:
        self.worker = None
        self._set_running(False)
        self.count.setText(self.tr("Screening failed: {message}").format(message=message))

    def _on_cancelled(self) -> None:
        self.worker = None
        self._set_running(False)
        self.reload()
        self.count.setText(
            self.count.text() + self.tr(" — screening cancelled; nothing was changed")
        )


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"
