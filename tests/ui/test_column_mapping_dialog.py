"""The column mapping dialog: guesses, validation, profiles, and what it hands back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox

from screener.lists.csvmap import ColumnMapping, MappedTableParser, load_profile, save_profile
from screener.store import Store
from ui.column_mapping_dialog import ColumnMappingDialog, ask_column_mapping, guess_field

HEADER = [
    "Ref",
    "Name",
    "Aliases",
    "Entity type",
    "Nationality",
    "Date of birth",
    "LEI",
    "Programme",
    "Remarks",
    "Internal",
]
ROWS = [
    [
        "C-1",
        "Ivan PETROV",
        "Иван ПЕТРОВ;I. Petrov",
        "Individual",
        "Russia",
        "12 Mar 1970",
        "",
        "RUSSIA",
        "note",
        "x",
    ],
    [
        "C-2",
        "Example Magnets LLC",
        "",
        "Company",
        "China",
        "",
        "300300ABCDEF12345678",
        "CMIC",
        "",
        "y",
    ],
]


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "client_list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def _ok(dialog: ColumnMappingDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _box(dialog: ColumnMappingDialog, column: str) -> QComboBox:
    return dialog.field_boxes[dialog.header.index(column)]


def test_guesses_fill_the_form_and_give_a_usable_mapping(
    qtbot, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = ColumnMappingDialog(_file(tmp_path), store)
    qtbot.addWidget(dialog)
    assert dialog.header == HEADER and dialog.preview.rowCount() == 2
    assert _box(dialog, "Internal").currentData() == ""
    mapping = dialog.mapping()
    assert mapping is not None and _ok(dialog).isEnabled()
    assert (mapping.entry_key, mapping.name, mapping.entity_type) == ("Ref", "Name", "Entity type")
    assert mapping.aliases == ["Aliases"] and mapping.countries == ["Nationality"]
    assert mapping.identifiers == {"lei": "LEI"} and mapping.dob == "Date of birth"
    assert mapping.source_name == "CLIENT_LIST"
    parsed = MappedTableParser(mapping).parse(dialog.path)
    assert [e.primary_name for e in parsed.entries] == ["Ivan PETROV", "Example Magnets LLC"]


def test_name_is_required_and_single_fields_are_single(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ColumnMappingDialog(_file(tmp_path), store)
    qtbot.addWidget(dialog)
    name_box = _box(dialog, "Name")
    name_box.setCurrentIndex(name_box.findData(""))
    assert dialog.mapping() is None and not _ok(dialog).isEnabled()
    assert "primary name" in dialog.problem.text()
    name_box.setCurrentIndex(name_box.findData("name"))
    internal = _box(dialog, "Internal")
    internal.setCurrentIndex(internal.findData("name"))
    assert not _ok(dialog).isEnabled() and "Only one column" in dialog.problem.text()
    internal.setCurrentIndex(internal.findData("remarks"))
    assert _ok(dialog).isEnabled()
    assert dialog.mapping().remarks == ["Remarks", "Internal"]  # type: ignore[union-attr]


def test_save_and_load_a_profile(qtbot, store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = _file(tmp_path)
    dialog = ColumnMappingDialog(path, store)
    qtbot.addWidget(dialog)
    internal = _box(dialog, "Internal")
    internal.setCurrentIndex(internal.findData("aliases"))
    dialog.separator.setText(";")
    dialog.profile_name.setText("Client list")
    dialog._save_profile()
    saved = load_profile(store, "Client list")
    assert saved is not None and saved.aliases == ["Aliases", "Internal"]

    save_profile(store, "Wrong file", ColumnMapping(name="Name", remarks=["Comments"]))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    second = ColumnMappingDialog(path, store)
    qtbot.addWidget(second)
    assert second.profiles.findData("Client list") >= 0
    second.profiles.setCurrentIndex(second.profiles.findData("Client list"))
    second._load_selected_profile()
    assert second.mapping() == saved and not warnings
    second.profiles.setCurrentIndex(second.profiles.findData("Wrong file"))
    second._load_selected_profile()
    assert warnings and "Comments" in warnings[0]


def test_unreadable_file_shows_the_error(qtbot, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin.csv"
    path.write_bytes(b"Name\nJos\xe9\n")
    dialog = ColumnMappingDialog(path, store)
    qtbot.addWidget(dialog)
    assert "line 2" in dialog.problem.text() and not _ok(dialog).isEnabled()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on exec()
def test_ask_column_mapping_returns_none_on_cancel_and_the_mapping_on_ok(
    qtbot, store: Store, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = _file(tmp_path)

    def press(button: QDialogButtonBox.StandardButton) -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ColumnMappingDialog) and w.isVisible()
        )
        dialog.buttons.button(button).click()

    QTimer.singleShot(0, lambda: press(QDialogButtonBox.StandardButton.Cancel))
    assert ask_column_mapping(None, path, store) is None
    QTimer.singleShot(0, lambda: press(QDialogButtonBox.StandardButton.Ok))
    mapping = ask_column_mapping(None, path, store)
    assert mapping is not None and mapping.name == "Name"


def test_guess_field():
    assert guess_field("LEI code") == "identifiers.lei"
    assert guess_field("Primary name") == "name"
    assert guess_field("AKA names") == "aliases"
    assert guess_field("Citizenship") == "countries"
    assert guess_field("colour") == ""
