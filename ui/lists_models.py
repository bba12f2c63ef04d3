"""Qt table models for the Lists manager: list versions, entries, and a delta's changes.

Plain read-only QAbstractTableModels over rows the domain layer returns (`screener.lists.
catalog`, `screener.lists.delta`); sorting is left to a QSortFilterProxyModel, and the
SortRole gives numbers and dates their natural order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from screener.lists.base import TYPE_NOT_STATED, type_shown
from screener.lists.catalog import EntryRow
from screener.lists.delta import Delta
from ui.list_labels import format_name, human_date, version_label
from ui.row_table_model import RowTableModel

SortRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class _Table(RowTableModel):
    """Rows of plain values; subclasses say which columns and how to show each cell."""

    CONTEXT = "ListsTable"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == SortRole:
            return self.sort_value(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and self.is_number(index.column()):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        return self.display(row, column)

    def tooltip(self, row: Any, column: int) -> str | None:
        return None

    def is_number(self, column: int) -> bool:
        return False


class VersionsModel(_Table):
    """Every version of every source: dates, counts by type, which one screening uses."""

    CONTEXT = "VersionsModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("VersionsModel", "Source"),
        QT_TRANSLATE_NOOP("VersionsModel", "Version"),
        QT_TRANSLATE_NOOP("VersionsModel", "Published"),
        QT_TRANSLATE_NOOP("VersionsModel", "Imported"),
        QT_TRANSLATE_NOOP("VersionsModel", "Entries"),
        QT_TRANSLATE_NOOP("VersionsModel", "Persons"),
        QT_TRANSLATE_NOOP("VersionsModel", "Organisations"),
        QT_TRANSLATE_NOOP("VersionsModel", "Vessels"),
        QT_TRANSLATE_NOOP("VersionsModel", "Aircraft"),
        # the publisher does not say person or organisation (the CSL's BIS and State lists)
        QT_TRANSLATE_NOOP("VersionsModel", "Type not stated"),
        QT_TRANSLATE_NOOP("VersionsModel", "Format"),
        QT_TRANSLATE_NOOP("VersionsModel", "In use"),
    )
    _COUNT_KEYS = {
        5: "person", 6: "organization", 7: "vessel", 8: "aircraft", 9: TYPE_NOT_STATED
    }  # fmt: skip

    def set_sources(self, sources: list[dict[str, Any]]) -> None:
        self.load(
            [
                dict(version, source=source["name"])
                for source in sources
                for version in source["versions"]
            ]
        )

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return str(row["source"])
        if column == 1:
            return version_label(row)
        if column == 2:
            return human_date(row["publisher_date"])
        if column == 3:
            return f"{human_date(row['imported_at'])}  {row['imported_by'] or ''}".strip()
        if column == 4:
            return f"{row['entry_count']:,}"
        if column in self._COUNT_KEYS:
            count = row["counts"].get(self._COUNT_KEYS[column], 0)
            return f"{count:,}" if count else ""
        if column == 10:
            return format_name(str(row["format"]))
        return (
            _tr(self.CONTEXT, str(QT_TRANSLATE_NOOP("VersionsModel", "✓ active")))
            if row["is_active"]
            else ""
        )

    def tooltip(self, row: dict[str, Any], column: int) -> str | None:
        """The stored values behind the readable ones, for support and audit."""
        return {1: str(row["label"]), 2: str(row["publisher_date"] or ""),
                10: str(row["format"])}.get(column)

    def sort_value(self, row: dict[str, Any], column: int) -> Any:
        if column == 1:
            return row["id"]
        if column == 2:
            return str(row["publisher_date"] or "")
        if column == 3:
            return row["imported_at"].isoformat()
        if column == 4:
            return row["entry_count"]
        if column in self._COUNT_KEYS:
            return row["counts"].get(self._COUNT_KEYS[column], 0)
        return self.display(row, column)

    def is_number(self, column: int) -> bool:
        return 4 <= column <= 9


class EntriesModel(_Table):
    CONTEXT = "EntriesModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("EntriesModel", "Name"),
        QT_TRANSLATE_NOOP("EntriesModel", "Type"),
        QT_TRANSLATE_NOOP("EntriesModel", "List"),
        QT_TRANSLATE_NOOP("EntriesModel", "Programmes"),
        QT_TRANSLATE_NOOP("EntriesModel", "Countries"),
        QT_TRANSLATE_NOOP("EntriesModel", "Entry id"),
    )

    def display(self, row: EntryRow, column: int) -> str:
        values = (
            row.primary_name,
            type_shown(row.entity_type),
            row.list_name,
            ", ".join(row.programs),
            ", ".join(row.countries),
            row.entry_key,
        )
        return values[column]


class DeltaModel(_Table):
    """One row per added, removed or changed entry, with the fields that changed."""

    CONTEXT = "DeltaModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("DeltaModel", "Change"),
        QT_TRANSLATE_NOOP("DeltaModel", "Entry id"),
        QT_TRANSLATE_NOOP("DeltaModel", "Name"),
        QT_TRANSLATE_NOOP("DeltaModel", "Fields changed"),
    )
    KINDS: dict[str, Any] = {
        "added": QT_TRANSLATE_NOOP("DeltaModel", "added"),
        "removed": QT_TRANSLATE_NOOP("DeltaModel", "removed"),
        "changed": QT_TRANSLATE_NOOP("DeltaModel", "changed"),
    }

    def set_delta(self, delta: Delta) -> None:
        rows: list[dict[str, Any]] = [
            {
                "kind": "added",
                "key": s.entry_key,
                "name": s.primary_name,
                "fields": [],
                "details": {},
            }
            for s in delta.added
        ]
        rows += [
            {
                "kind": "removed",
                "key": s.entry_key,
                "name": s.primary_name,
                "fields": [],
                "details": {},
            }
            for s in delta.removed
        ]
        rows += [
            {
                "kind": "changed",
                "key": c.entry_key,
                "name": c.primary_name,
                "fields": c.fields,
                "details": c.details,
            }
            for c in delta.changed
        ]
        self.load(rows)

    def display(self, row: dict[str, Any], column: int) -> str:
        if column == 0:
            return _tr(self.CONTEXT, self.KINDS[row["kind"]])
        if column == 1:
            return str(row["key"])
        if column == 2:
            return str(row["name"])
        return ", ".join(row["fields"])
