"""Choose which column of an arbitrary CSV/XLSX list feeds which field, and save it by name.

The user sees every column of the file with a sample value and assigns each one a field
(or leaves it ignored); a preview of the first rows shows what will be read. Guesses from
the header names fill the form in first, a saved profile can be loaded for the next edition
of the same file, and the current choice can be saved as a profile. The Lists manager
calls `ask_column_mapping(parent, path, store)` when the chosen format is 'csv-mapped'.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.lists.base import TYPE_NOT_STATED, ListFormatError
from screener.lists.csvmap import (
    DEFAULT_TYPES,
    IDENTIFIER_TYPES,
    ColumnMapping,
    load_profile,
    preview,
    profile_names,
    save_profile,
    sheet_names,
)
from screener.store import Store
from ui.screen_fit import resize_to_fit

IGNORE = ""
SINGLE_FIELDS = ("entry_key", "name", "entity_type", "dob", "programme")
MULTI_FIELDS = ("aliases", "countries", "addresses", "remarks")
# Header words -> field, tried in order; the first field a header matches is the guess.
GUESSES: tuple[tuple[str, str], ...] = (
    (r"\b(lei)\b", "identifiers.lei"),
    (r"\bimo\b", "identifiers.imo"),
    (r"passport", "identifiers.passport"),
    (r"\b(swift|bic)\b", "identifiers.swift"),
    (r"(tax|inn|vat)", "identifiers.tax_id"),
    (r"(registration|reg\.? ?no|company number)", "identifiers.registration"),
    (r"(alias|aka|other name|alternative)", "aliases"),
    (r"^(id|key|uid|ref|reference|entry id|record id|entity id)$", "entry_key"),
    (r"(^name$|full name|primary name|entity name|^name 6$)", "name"),
    (r"(^type$|entity type|subject type|kind)", "entity_type"),
    (r"(country|nationality|citizenship|jurisdiction)", "countries"),
    (r"(dob|birth|incorporat|founded)", "dob"),
    (r"(program|regime|sanction)", "programme"),
    (r"address", "addresses"),
    (r"(remark|note|comment|reason)", "remarks"),
)

# An identifier's kind as the mapping dialogs (list import and batch) offer it; the kinds not
# here are registry names (OGRN, INN, DUNS) shown as they are written, upper case.
IDENTIFIER_NAMES = {
    "lei": QT_TRANSLATE_NOOP("ColumnMappingDialog", "LEI"),
    "registration": QT_TRANSLATE_NOOP("ColumnMappingDialog", "registration number"),
    "tax_id": QT_TRANSLATE_NOOP("ColumnMappingDialog", "tax ID"),
    "passport": QT_TRANSLATE_NOOP("ColumnMappingDialog", "passport"),
    "national_id": QT_TRANSLATE_NOOP("ColumnMappingDialog", "national ID"),
    "imo": QT_TRANSLATE_NOOP("ColumnMappingDialog", "IMO number"),
    "swift": QT_TRANSLATE_NOOP("ColumnMappingDialog", "SWIFT/BIC"),
    "other": QT_TRANSLATE_NOOP("ColumnMappingDialog", "other"),
}


def identifier_choice(kind: str) -> str:
    """'Identifier: passport', translated: a column holding identifiers of this kind."""
    known = IDENTIFIER_NAMES.get(kind)
    name = QCoreApplication.translate("ColumnMappingDialog", str(known)) if known else kind.upper()
    return QCoreApplication.translate("ColumnMappingDialog", "Identifier: %1").replace("%1", name)


def guess_field(header: str) -> str:
    text = re.sub(r"[_\-]+", " ", header.strip().lower())  # full_name reads as full name
    for pattern, field_name in GUESSES:
        if re.search(pattern, text):
            return field_name
    return IGNORE


class ColumnMappingDialog(QDialog):
    def __init__(self, path: Path, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._store = store
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.setWindowTitle(self.tr("Map columns: %1").replace("%1", path.name))
        resize_to_fit(self, 900, 720)
        self._build()
        self._reload()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            self.tr(
                "Choose which of our fields each column of the file holds. The primary name "
                "is required; an entry key column keeps entries stable between editions."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(self._file_row())
        layout.addWidget(self._columns_box(), 3)
        layout.addWidget(self._options_box())
        layout.addWidget(self._preview_box(), 2)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        layout.addLayout(self._profile_row())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this mapping"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.sheet = QComboBox()
        sheets = self._sheet_names()
        self.sheet.addItems(sheets)
        self.sheet.setEnabled(bool(sheets))
        self.sheet.currentIndexChanged.connect(self._reload)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 50)
        self.header_row.valueChanged.connect(self._reload)
        row.addWidget(QLabel(self.tr("Sheet")))
        row.addWidget(self.sheet, 1)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("Header row")))
        row.addWidget(self.header_row)
        row.addStretch(2)
        return row

    def _columns_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Columns"))
        inner = QVBoxLayout(box)
        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First value"), self.tr("Our field")]
        )
        self.columns.verticalHeader().setVisible(False)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        inner.addWidget(self.columns)
        return box

    def _options_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Reading"))
        row = QHBoxLayout(box)
        self.default_type = QComboBox()
        for entity_type in DEFAULT_TYPES:
            self.default_type.addItem(self._type_label(entity_type), entity_type)
        self.default_type.setCurrentIndex(0)  # not stated: persons and organisations meet it
        self.separator = QLineEdit(";")
        self.separator.setMaximumWidth(48)
        self.separator.setToolTip(self.tr("Several values in one cell are separated by this"))
        self.separator.textChanged.connect(self._validate)
        self.source_name = QLineEdit(self.path.stem.upper()[:60])
        self.source_name.textChanged.connect(self._validate)
        row.addWidget(QLabel(self.tr("Type when none is given")))
        row.addWidget(self.default_type)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("Value separator")))
        row.addWidget(self.separator)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("List name")))
        row.addWidget(self.source_name, 1)
        return box

    def _preview_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Preview (first rows)"))
        inner = QVBoxLayout(box)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setDefaultSectionSize(140)
        inner.addWidget(self.preview)
        return box

    def _profile_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.profiles = QComboBox()
        self.profiles.addItem(self.tr("(no saved profile)"), "")
        for name in profile_names(self._store):
            self.profiles.addItem(name, name)
        load = QPushButton(self.tr("Load"))
        load.clicked.connect(self._load_selected_profile)
        self.profile_name = QLineEdit()
        self.profile_name.setPlaceholderText(self.tr("Profile name"))
        save = QPushButton(self.tr("Save profile"))
        save.clicked.connect(self._save_profile)
        row.addWidget(QLabel(self.tr("Profile")))
        row.addWidget(self.profiles, 1)
        row.addWidget(load)
        row.addSpacing(24)
        row.addWidget(self.profile_name, 1)
        row.addWidget(save)
        return row

    # --- field choices ----------------------------------------------------------------------

    def _field_choices(self) -> list[tuple[str, str]]:
        choices = [
            (IGNORE, self.tr("(ignore)")),
            ("entry_key", self.tr("Entry key (stable id)")),
            ("name", self.tr("Primary name")),
            ("aliases", self.tr("Alias")),
            ("entity_type", self.tr("Type")),
            ("countries", self.tr("Country")),
            ("dob", self.tr("Birth / incorporation date")),
            ("programme", self.tr("Programme")),
            ("addresses", self.tr("Address")),
            ("remarks", self.tr("Remarks")),
        ]
        for id_type in IDENTIFIER_TYPES:
            choices.append((f"identifiers.{id_type}", identifier_choice(id_type)))
        return choices

    def _type_label(self, entity_type: str) -> str:
        labels = {
            TYPE_NOT_STATED: self.tr("Not stated (person or organisation)"),
            "person": self.tr("Person"),
            "organization": self.tr("Organisation"),
            "vessel": self.tr("Vessel"),
            "aircraft": self.tr("Aircraft"),
        }
        return labels[entity_type]

    # --- data -------------------------------------------------------------------------------

    def _sheet_names(self) -> list[str]:
        try:
            return sheet_names(self.path)
        except ListFormatError:
            return []

    def _reload(self) -> None:
        sheet = self.sheet.currentText() or None
        try:
            self.header, self.rows = preview(self.path, sheet, self.header_row.value())
            self.read_error = ""
        except ListFormatError as exc:
            self.header, self.rows = [], []
            self.read_error = str(exc)
        self._fill_columns()
        self._fill_preview()
        self._validate()

    def _fill_columns(self) -> None:
        choices = self._field_choices()
        self.columns.setRowCount(len(self.header))
        self.field_boxes: list[QComboBox] = []
        for row, column in enumerate(self.header):
            name_item = QTableWidgetItem(column or self.tr("(no header)"))
            name_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            sample = self.rows[0][row] if self.rows and row < len(self.rows[0]) else ""
            sample_item = QTableWidgetItem(sample.replace("\n", " ")[:120])
            sample_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            sample_item.setForeground(Qt.GlobalColor.darkGray)
            box = QComboBox()
            for key, label in choices:
                box.addItem(label, key)
            box.setEnabled(bool(column))
            box.setCurrentIndex(max(0, box.findData(self._guess(column) if column else IGNORE)))
            box.currentIndexChanged.connect(self._validate)
            self.columns.setItem(row, 0, name_item)
            self.columns.setItem(row, 1, sample_item)
            self.columns.setCellWidget(row, 2, box)
            self.field_boxes.append(box)
        self._drop_duplicate_guesses()

    def _guess(self, column: str) -> str:
        """The field a header most likely holds (a subclass for other fields says its own)."""
        return guess_field(column)

    def _single(self, key: str) -> bool:
        """A field only one column may feed."""
        return key in SINGLE_FIELDS or key.startswith("identifiers.")

    def _drop_duplicate_guesses(self) -> None:
        """A single-value field guessed for two columns keeps only the first guess."""
        seen: set[str] = set()
        for box in self.field_boxes:
            key = box.currentData()
            if key and self._single(str(key)):
                if key in seen:
                    box.setCurrentIndex(0)
                seen.add(key)

    def _fill_preview(self) -> None:
        self.preview.clear()
        self.preview.setColumnCount(len(self.header))
        self.preview.setHorizontalHeaderLabels(self.header)
        self.preview.setRowCount(len(self.rows))
        for r, cells in enumerate(self.rows):
            for c in range(len(self.header)):
                text = cells[c] if c < len(cells) else ""
                self.preview.setItem(r, c, QTableWidgetItem(text.replace("\n", " ")))

    def assignments(self) -> dict[str, list[str]]:
        """Our field -> the file columns assigned to it, in column order."""
        found: dict[str, list[str]] = {}
        for column, box in zip(self.header, self.field_boxes, strict=True):
            key = box.currentData()
            if key:
                found.setdefault(key, []).append(column)
        return found

    def mapping(self) -> ColumnMapping | None:
        """The mapping as chosen, or None while it is not usable (see `problem`)."""
        assigned = self.assignments()
        if self._problem(assigned):
            return None
        single = {f: assigned[f][0] for f in SINGLE_FIELDS if f in assigned}
        return ColumnMapping(
            name=single["name"],
            entry_key=single.get("entry_key"),
            aliases=assigned.get("aliases", []),
            entity_type=single.get("entity_type"),
            default_type=self.default_type.currentData(),
            countries=assigned.get("countries", []),
            dob=single.get("dob"),
            identifiers={
                k.split(".", 1)[1]: v[0]
                for k, v in assigned.items()
                if k.startswith("identifiers.")
            },
            programme=single.get("programme"),
            addresses=assigned.get("addresses", []),
            remarks=assigned.get("remarks", []),
            separator=self.separator.text(),
            sheet=self.sheet.currentText() or None,
            header_row=self.header_row.value(),
            source_name=self.source_name.text().strip(),
        )

    def _problem(self, assigned: dict[str, list[str]]) -> str:
        if self.read_error:
            return self.read_error
        if not self.header:
            return self.tr("The file has no header row at this position.")
        if "name" not in assigned:
            return self.tr("Choose the column that holds the primary name.")
        for field_name in SINGLE_FIELDS:
            if len(assigned.get(field_name, [])) > 1:
                return (
                    self.tr("Only one column can be '%1' (now: %2).")
                    .replace("%1", self._label_of(field_name))
                    .replace("%2", ", ".join(assigned[field_name]))
                )
        for key, columns in assigned.items():
            if key.startswith("identifiers.") and len(columns) > 1:
                return self.tr("Only one column per identifier type (%1).").replace("%1", key[12:])
        if not self.source_name.text().strip():
            return self.tr("Give the list a name.")
        return ""

    def _label_of(self, field_name: str) -> str:
        return dict(self._field_choices()).get(field_name, field_name)

    def _validate(self) -> None:
        problem = self._problem(self.assignments()) if hasattr(self, "field_boxes") else ""
        self.problem.setText(problem)
        ok = (
            self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            if hasattr(self, "buttons")
            else None
        )
        if ok is not None:
            ok.setEnabled(not problem)

    # --- profiles ---------------------------------------------------------------------------

    def apply(self, mapping: ColumnMapping) -> None:
        """Show a saved mapping: sheet and header row first, then each column's field."""
        if mapping.sheet and self.sheet.findText(mapping.sheet) >= 0:
            self.sheet.setCurrentText(mapping.sheet)
        self.header_row.setValue(mapping.header_row)
        self._reload()
        wanted: dict[str, str] = {}
        for field_name, column in mapping.columns_used():
            wanted.setdefault(column, field_name)
        missing = [c for c in wanted if c not in self.header]
        for column, box in zip(self.header, self.field_boxes, strict=True):
            box.setCurrentIndex(max(0, box.findData(wanted.get(column, IGNORE))))
        self.default_type.setCurrentIndex(max(0, self.default_type.findData(mapping.default_type)))
        self.separator.setText(mapping.separator)
        self.source_name.setText(mapping.source_name)
        if missing:
            QMessageBox.warning(
                self,
                self.tr("Profile does not fit"),
                self.tr("These columns of the profile are not in this file: %1").replace(
                    "%1", ", ".join(missing)
                ),
            )
        self._validate()

    def _load_selected_profile(self) -> None:
        name = self.profiles.currentData()
        if not name:
            return
        mapping = load_profile(self._store, name)
        if mapping is not None:
            self.profile_name.setText(name)
            self.apply(mapping)

    def _save_profile(self) -> None:
        mapping = self.mapping()
        name = self.profile_name.text().strip()
        if mapping is None or not name:
            self.problem.setText(
                self.problem.text() or self.tr("Give the profile a name before saving it.")
            )
            return
        save_profile(self._store, name, mapping)
        if self.profiles.findData(name) < 0:
            self.profiles.addItem(name, name)
        self.profiles.setCurrentIndex(self.profiles.findData(name))
        self.problem.setText("")


def ask_column_mapping(parent: QWidget | None, path: Path, store: Store) -> ColumnMapping | None:
    """The mapping the user chose for `path`, or None if they cancelled."""
    dialog = ColumnMappingDialog(Path(path), store, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.mapping()
