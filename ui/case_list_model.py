"""A Qt table model over the cases in the database, with a proxy for search and filter."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from sqlalchemy import select

from screener.models import Case
from screener.store import Store
from screener.workflow.obligation import Obligation, next_obligation
from ui.obligation_text import colour as obligation_colour
from ui.obligation_text import long_text, short_text

STATUS_LABELS = {
    "new": "New",
    "screening": "Screening",
    "in_review": "In review",
    "escalated": "Escalated",
    "decided": "Decided",
}

_Index = QModelIndex | QPersistentModelIndex
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class CaseRow:
    id: str
    title: str
    status: str
    assignee: str
    obligation: Obligation
    jurisdictions: str
    has_new_hits: bool

    @classmethod
    def from_case(cls, case: Case) -> CaseRow:
        return cls(
            id=case.id,
            title=case.title,
            status=case.status,
            assignee=case.assignee or "",
            obligation=next_obligation(case),
            jurisdictions=", ".join(case.jurisdictions or []),
            has_new_hits=case.has_new_hits,
        )


class CaseListModel(QAbstractTableModel):
    HEADERS = ("Case", "Title", "Status", "Jurisdictions", "Assignee", "Next due")

    def __init__(self, store: Store, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._store = store
        self._rows: list[CaseRow] = []

    def reload(self) -> None:
        with self._store.session() as session:
            cases = session.execute(select(Case).order_by(Case.created_at.desc())).scalars()
            rows = [CaseRow.from_case(case) for case in cases]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def reload_case(self, case_id: str) -> None:
        """Read one case's row again (a decision cleared its new hits, say) without
        resetting the model: the selection, and so the case shown, stay as they are."""
        number = self.row_of(case_id)
        if number is None:
            return
        with self._store.session() as session:
            case = session.get(Case, case_id)
            if case is None:
                return
            self._rows[number] = CaseRow.from_case(case)
        self.dataChanged.emit(self.index(number, 0), self.index(number, self.columnCount() - 1))

    def case_id_at(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, case_id: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == case_id:
                return number
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            red_or_amber = obligation_colour(row.obligation)
            return QColor(red_or_amber) if red_or_amber else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return long_text(row.obligation)
        if role == Qt.ItemDataRole.ToolTipRole and row.has_new_hits:
            return self.tr("New screening hits since the last review")
        return None

    def _display(self, row: CaseRow, column: int) -> str:
        if column == 0:
            return ("● " if row.has_new_hits else "") + row.id
        values = (
            row.title,
            self.tr(STATUS_LABELS.get(row.status, row.status)),
            row.jurisdictions,
            row.assignee,
            short_text(row.obligation),
        )
        return values[column - 1]


class CaseFilterProxy(QSortFilterProxyModel):
    """Search over every column, case-insensitively, plus an optional status filter."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._status: str | None = None

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._status is not None:
            index = self.sourceModel().index(source_row, 0, source_parent)
            if index.data(STATUS_ROLE) != self._status:
                return False
        return super().filterAcceptsRow(source_row, source_parent)
