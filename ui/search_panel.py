"""Search every active list as you type: list, entry, score and why, best first.

"Why" is said in sentences (`screener.matching.phrase`); the scorer's figures stay below
them in the detail pane, as a technical note.

Typing restarts a short timer (debounce), so a search runs when the reviewer pauses, not
on every key. The first search builds the candidate index over all active lists (seconds),
later ones reuse it until a list version changes; both run on the thread pool, and a
result that arrives after the text changed again is dropped, so the window never freezes
and never shows hits for an older query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from screener.matching.db_index import INDEX_CACHE
from screener.matching.explain import explain
from screener.matching.index import Match, Query
from screener.matching.phrase import phrase_match
from screener.store import Store
from ui.i18n import shown_language
from ui.row_table_model import RowTableModel
from ui.screen_fit import resize_to_fit
from ui.workers import Worker

DEBOUNCE_MS = 250
MAX_HITS = 25
MIN_SCORE = 0.5

_Index = QModelIndex | QPersistentModelIndex

# Labels translated inside f-strings (`self.tr('…')`), where pyside6-lupdate does not look.
IN_F_STRINGS = (
    QT_TRANSLATE_NOOP("SearchPanel", "Programmes"),
    QT_TRANSLATE_NOOP("SearchPanel", "Score detail"),
)


def reason(match: Match) -> str:
    """Why a hit scored, in sentences without figures, in the language the window speaks."""
    score = match.score
    return phrase_match(
        score.query_name, score.candidate_name, score.features_json(), shown_language()
    )


class HitTableModel(RowTableModel):
    CONTEXT = "SearchPanel"
    HEADERS = (
        QT_TRANSLATE_NOOP("SearchPanel", "Score"),
        QT_TRANSLATE_NOOP("SearchPanel", "List"),
        QT_TRANSLATE_NOOP("SearchPanel", "Entry"),
        QT_TRANSLATE_NOOP("SearchPanel", "Matched name"),
        QT_TRANSLATE_NOOP("SearchPanel", "Type"),
        QT_TRANSLATE_NOOP("SearchPanel", "Why"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.review_threshold = 0.0

    def load(self, hits: Iterable[Match], review_threshold: float = 0.0) -> None:
        self.review_threshold = review_threshold
        super().load(hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            entry, score = hit.entry, hit.score
            values = (
                f"{score.score:.2f}",
                f"{entry.source_name}{' · ' + entry.list_name if entry.list_name else ''}",
                f"{entry.entry_key} · {entry.primary_name}",
                score.candidate_name,
                entry.entity_type,
                reason(hit),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason(hit)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            if hit.score.is_strong:
                return QColor("#a61b1b")
            if hit.score.score < self.review_threshold:
                return QColor("#6b7686")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass(frozen=True)
class SearchOutcome:
    generation: int
    text: str
    hits: list[Match]
    review_threshold: float
    size: int


class SearchPanel(QWidget):
    """A search box over every active list, with the explanation of the selected hit."""

    searched = Signal(str, int)  # query, number of hits shown

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._generation = 0
        self._workers: set[Worker] = set()
        self._build()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(
            self.tr("Search all active lists: a person, company or vessel name…")
        )
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self._text_changed)
        row.addWidget(self.box, 1)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Any type"), None)
        self.kind.addItem(self.tr("Persons"), "person")
        self.kind.addItem(self.tr("Organisations"), "company")
        self.kind.currentIndexChanged.connect(self._text_changed)
        row.addWidget(self.kind)
        layout.addLayout(row)
        self.status = QLabel(self.tr("Type a name to search."), self)
        self.status.setObjectName("fieldCaption")
        layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.model = HitTableModel(self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate((0, 0, 1, 1, 0, 1)):
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch if mode else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QTextBrowser(split)
        self.detail.setPlaceholderText(self.tr("Select a hit to read why it scored as it did."))
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

    def _text_changed(self, *_args: object) -> None:
        self._generation += 1
        self.timer.start()

    def run_search(self) -> None:
        """Search the current text now (the debounce timer calls this)."""
        text = self.box.text().strip()
        generation = self._generation
        if not text:
            self.model.load([], 0.0)
            self.status.setText(self.tr("Type a name to search."))
            return
        kind = self.kind.currentData()
        if INDEX_CACHE.cached(self.store) is None:
            self.status.setText(self.tr("Loading the active lists (first search only)…"))
        else:
            self.status.setText(self.tr("Searching…"))
        store = self.store

        def task(_on_progress: Any, _is_cancelled: Any) -> SearchOutcome:
            index = INDEX_CACHE.get(store)
            hits = index.search(Query([text], kind), limit=MAX_HITS, threshold=MIN_SCORE, kind=kind)
            return SearchOutcome(generation, text, hits, index.config.review_threshold, len(index))

        worker = Worker(task)
        worker.signals.finished.connect(self._show_hits)
        worker.signals.failed.connect(self._show_failure)
        self._workers.add(worker)
        worker.start()

    def _show_failure(self, message: str, _trace: str) -> None:
        self.status.setText(message)

    def _show_hits(self, outcome: SearchOutcome) -> None:
        if outcome.generation != self._generation:
            return  # the text changed while this search ran
        text, hits = outcome.text, outcome.hits
        review_threshold, size = outcome.review_threshold, outcome.size
        self.model.load(hits, review_threshold)
        alerts = sum(1 for h in hits if h.score.score >= review_threshold)
        self.status.setText(
            self.tr(
                "{hits} hits for “{text}” in {size} list entries; {alerts} at or above the review threshold {threshold:.2f}."
            ).format(
                hits=len(hits), text=text, size=size, alerts=alerts, threshold=review_threshold
            )
        )
        if hits:
            self.table.selectRow(0)
        else:
            self.detail.clear()
        self.searched.emit(text, len(hits))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self.model.rows):
            self.detail.clear()
            return
        hit = self.model.rows[current.row()]
        entry = hit.entry
        lines = [
            f"<b>{_escape(entry.primary_name)}</b> — {_escape(entry.source_name)} {_escape(entry.list_name)} ({_escape(entry.entry_key)})",
            f"{self.tr('Programmes')}: {_escape(', '.join(entry.programs) or '—')}",
            f"<p>{_escape(reason(hit))}</p>",
            f"<p style='color:#6b7686'>{self.tr('Score detail')}: {_escape(explain(hit.score))}</p>",
        ]
        self.detail.setHtml("<br>".join(lines))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SearchDialog(QDialog):
    """The search panel in its own window (Tools ▸ Search lists)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search lists"))
        resize_to_fit(self, 980, 620)
        layout = QVBoxLayout(self)
        self.panel = SearchPanel(store, self)
        layout.addWidget(self.panel)
