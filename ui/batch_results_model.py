"""The batch results as a table: one row per hit, and optionally one per name without hits.

A 10,000-name batch gives tens of thousands of rows, so the model keeps flat tuples and the
proxy filters on plain attributes (minimum score, source, text) without touching a widget
per row. Sorting by score sorts numbers, not their display text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from screener.batch.model import BatchHit, BatchQuery, BatchResult
from ui.i18n import shown_language

AnyIndex = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
QUERY_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    QT_TRANSLATE_NOOP("BatchResultsModel", "Row"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "ID"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "Name screened"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "Source"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "Entry"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "List entry"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "Score"),
    QT_TRANSLATE_NOOP("BatchResultsModel", "Why"),
)
SCORE_COLUMN = 6
STRONG_COLOUR = QColor("#f6d5d2")
REVIEW_COLOUR = QColor("#fbecc9")


class BatchResultsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[BatchQuery, BatchHit | None]] = []
        self._results: list[BatchResult] = []
        self.strong_threshold = 1.0
        self.include_clear = False
        self._sort_column = SCORE_COLUMN
        self._sort_order = Qt.SortOrder.DescendingOrder

    def set_results(
        self,
        results: Sequence[BatchResult],
        strong_threshold: float = 1.0,
        *,
        include_clear: bool = False,
    ) -> None:
        """Hits only by default: a batch is mostly names without hits, and leaving them out
        of the model (not just hiding them in the proxy) keeps filling the table fast."""
        self.beginResetModel()
        self._results = list(results)
        self.strong_threshold = strong_threshold
        self.include_clear = include_clear
        self._rows = [
            (result.query, hit)
            for result in self._results
            for hit in (result.hits or ((None,) if include_clear else ()))  # type: ignore[arg-type]
        ]
        self._sort_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted here, in one Python sort, rather than by the proxy comparing cell by cell
        through data(): thousands of hits sort in milliseconds instead of a frozen moment."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if self._sort_column < 0:
            return
        column = self._sort_column
        self._rows.sort(
            key=lambda row: _sort_key(row[0], row[1], column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def set_include_clear(self, include_clear: bool) -> None:
        """Show (or drop) one row for each name that has no hit."""
        if include_clear != self.include_clear:
            self.set_results(self._results, self.strong_threshold, include_clear=include_clear)

    def clear(self) -> None:
        self.set_results([])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(COLUMNS[section]))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        query, hit = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(query, hit, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and hit is not None and index.column() == 7:
            return hit.reason(query.name, shown_language())
        if role == Qt.ItemDataRole.BackgroundRole and hit is not None:
            return STRONG_COLOUR if hit.score >= self.strong_threshold else REVIEW_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, SCORE_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == HIT_ROLE:
            return hit
        if role == QUERY_ROLE:
            return query
        return None

    def row_at(self, row: int) -> tuple[BatchQuery, BatchHit | None]:
        return self._rows[row]


def _display(query: BatchQuery, hit: BatchHit | None, column: int) -> Any:
    if column == 0:
        return str(query.row)
    if column == 1:
        return query.id
    if column == 2:
        return query.name
    if hit is None:
        return "—" if column == 6 else ""
    if column == 7:
        return hit.reason(query.name, shown_language())
    return (hit.source, hit.entry_id, hit.name, f"{hit.score:.3f}")[column - 3]


def _sort_key(query: BatchQuery, hit: BatchHit | None, column: int) -> Any:
    if column == 0:
        return query.row
    if column == SCORE_COLUMN:
        return (hit.score if hit else -1.0, -query.row)
    return (str(_display(query, hit, column)).casefold(), query.row)


class BatchFilterProxy(QSortFilterProxyModel):
    """Minimum score, one source, free text over the names and ids."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.min_score = 0.0
        self.source: str | None = None
        self.text = ""
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts itself; the proxy keeps its order and only filters."""
        model = self.sourceModel()
        if model is not None and column >= 0:
            model.sort(column, order)
        super().sort(-1, Qt.SortOrder.AscendingOrder)

    def set_filters(
        self,
        *,
        min_score: float | None = None,
        text: str | None = None,
    ) -> None:
        """Change any of the filters given; the others stay as they are."""
        self.beginFilterChange()
        if min_score is not None:
            self.min_score = min_score
        if text is not None:
            self.text = text.casefold().strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_source(self, source: str | None) -> None:
        """One source only, or every source (None)."""
        self.beginFilterChange()
        self.source = source or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, BatchResultsModel)
        query, hit = model.row_at(source_row)
        if hit is None:
            if self.source or self.min_score > 0:
                return False
        else:
            if hit.score < self.min_score or (self.source and hit.source != self.source):
                return False
        if self.text:
            haystack = " ".join(
                (query.name, query.id, hit.name if hit else "", hit.entry_id if hit else "")
            ).casefold()
            return self.text in haystack
        return True
