"""Which column of a batch file holds the names (and the ids, types, countries, dates).

A counterparty register exported from another system calls its name column 'company',
'Counterparty' or 'party_name'. Rather than refuse it, the Batch window opens the list
import's column-mapping dialog (`ui.column_mapping_dialog.ColumnMappingDialog`: the same
columns table, first values and preview) with the batch's own fields, and remembers the
choice for the rest of the session for any file with the same header row, so the next
register from the same system is screened without asking again. Saved profiles and the
list options (list name, value separator) belong to list import and are not shown.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QWidget

from screener.batch.identifiers import IDENTIFIER_COLUMNS
from screener.batch.reader import COLUMN_ALIASES, KNOWN_COLUMNS
from screener.headers import comparable
from screener.store import Store
from ui.column_mapping_dialog import IGNORE, ColumnMappingDialog, guess_field, identifier_choice

# A list field guessed from a header, read as the batch column it stands for.
FROM_LIST_FIELD = {
    "entry_key": "id",
    "name": "name",
    "entity_type": "type",
    "countries": "country",
    "dob": "date",
    **{f"identifiers.{column}": column for column in IDENTIFIER_COLUMNS},
}
# Headers registers give the column of names to screen.
NAME_WORDS = re.compile(
    r"(company|counterparty|party|organi[sz]ation|entity|customer|client|supplier|vendor|"
    r"acquirer|investor|buyer|holder|person)"
)
COUNTRY_WORDS = re.compile(r"(nation|domicile)")
# Session memory: a header row -> the columns the user chose for it.
_REMEMBERED: dict[tuple[str, ...], dict[str, str]] = {}


def remembered_columns(header: list[str]) -> dict[str, str] | None:
    """The mapping chosen earlier in this session for a file with this header row."""
    return _REMEMBERED.get(tuple(header))


def remember_columns(header: list[str], columns: dict[str, str]) -> None:
    _REMEMBERED[tuple(header)] = dict(columns)


def forget_columns() -> None:
    """A new session (and each test) starts with no remembered mapping."""
    _REMEMBERED.clear()


class BatchColumnMappingDialog(ColumnMappingDialog):
    """The list import's mapping dialog, asking for the batch's columns."""

    def __init__(self, path: Path, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(path, store, parent)
        self.intro.setText(
            self.tr(
                "Screener did not find a 'name' column in this file. Choose the column that "
                "holds the names to screen; an id, type, country or date column makes the "
                "results easier to read and the matching sharper."
            )
        )

    # the layout of the list dialog, without what only a list import needs
    def _file_row(self) -> QHBoxLayout:
        # a batch reads the first sheet with its header on row 1 (as the reader does)
        return _hidden(super()._file_row())

    def _options_box(self) -> QGroupBox:
        box = super()._options_box()
        box.hide()
        return box

    def _profile_row(self) -> QHBoxLayout:
        return _hidden(super()._profile_row())  # a session remembers, no saved profiles

    def _field_choices(self) -> list[tuple[str, str]]:
        choices = [
            (IGNORE, self.tr("(ignore)")),
            ("id", self.tr("ID (your reference)")),
            ("name", self.tr("Name to screen")),
            ("type", self.tr("Type (person or company)")),
            ("country", self.tr("Country")),
            ("date", self.tr("Birth / incorporation date")),
        ]
        choices.extend((column, identifier_choice(column)) for column in IDENTIFIER_COLUMNS)
        return choices

    def _guess(self, column: str) -> str:
        key = comparable(column)
        if key in KNOWN_COLUMNS:
            return key
        if key in COLUMN_ALIASES:
            return COLUMN_ALIASES[key]
        from_list = FROM_LIST_FIELD.get(guess_field(column), IGNORE)
        if from_list:
            return from_list
        if COUNTRY_WORDS.search(key):
            return "country"
        return "name" if NAME_WORDS.search(key) else IGNORE

    def _single(self, key: str) -> bool:
        return True  # every batch column is fed by one column of the file

    def chosen_columns(self) -> dict[str, str] | None:
        """Our column -> the file's header, or None while no name column is chosen."""
        assigned = self.assignments()
        if self._problem(assigned):
            return None
        return {field: headers[0] for field, headers in assigned.items()}

    def _problem(self, assigned: dict[str, list[str]]) -> str:
        if self.read_error:
            return self.read_error
        if not self.header:
            return self.tr("The file has no header row.")
        if "name" not in assigned:
            return self.tr("Choose the column that holds the names to screen.")
        for field, headers in assigned.items():
            if len(headers) > 1:
                return (
                    self.tr("Only one column can be '%1' (now: %2).")
                    .replace("%1", self._label_of(field))
                    .replace("%2", ", ".join(headers))
                )
        return ""


def _hidden(row: QHBoxLayout) -> QHBoxLayout:
    """The row's widgets are built (the list dialog's code reads them) but not shown."""
    for index in range(row.count()):
        item = row.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
    return row


def ask_batch_columns(parent: QWidget | None, path: Path, store: Store) -> dict[str, str] | None:
    """The columns the user chose for `path` (remembered for its header row), or None."""
    dialog = BatchColumnMappingDialog(Path(path), store, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    columns = dialog.chosen_columns()
    if columns is not None:
        remember_columns(dialog.header, columns)
    return columns
