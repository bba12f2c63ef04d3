"""Bad files in the window, said as people say them (issue 26), and the batch's column mapping.

Deal import, list import and batch input each meet an empty file, a PDF renamed .xlsx and a
register whose name column is called something else; the window says "empty", "not an Excel
workbook", names the CSV file (not its folder), gives one error with its suggestion, never
shows command-line options, and offers the column mapping where a mapping can read the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from screener.deals import validate_deal_file
from screener.deals.writer import write_csv_folder
from screener.demo.case import demo_case_path
from screener.lists.service import import_path
from screener.models import ListEntry, ListVersion
from screener.store import Store
from tests.conftest import SHARED_DATA
from ui import i18n
from ui.app import build_window
from ui.batch_columns_dialog import BatchColumnMappingDialog, forget_columns
from ui.batch_view import BatchScreenWindow
from ui.column_mapping_dialog import ColumnMappingDialog
from ui.deal_import import import_path as import_deal
from ui.lists_view import ListsWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
OFAC_CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"


def _press_ok_in(kind: type, choose: dict[str, str] | None = None) -> list[object]:
    """Once the modal `kind` dialog is up: pick fields for columns, then press OK."""
    seen: list[object] = []

    def press() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
            None,
        )
        if dialog is None:
            QTimer.singleShot(20, press)
            return
        seen.append(dialog)
        for column, field in (choose or {}).items():
            row = dialog.header.index(column)
            box: QComboBox = dialog.field_boxes[row]
            box.setCurrentIndex(box.findData(field))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, press)
    return seen


# ----- deal import -------------------------------------------------------------------------
def test_deal_import_names_the_csv_file_and_gives_one_error_with_its_suggestion(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "deal"
    write_csv_folder(validate_deal_file(demo_case_path()).transactions, folder)
    rows = list(csv.reader((folder / "parties.csv").open(encoding="utf-8")))
    rows[0][rows[0].index("name")] = "party_name"
    with (folder / "parties.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    assert import_deal(window, folder / "parties.csv", modal=False) is None
    table = window.deal_issues_dialog.table
    assert table.rowCount() == 1, "one error for the missing column, not one per row"
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[1] == "parties.csv" and cells[2] == "row 1, column 'name'"
    assert cells[3].endswith("the file has 'party_name': rename it to 'name'")
    window.deal_issues_dialog.grab().save(str(tmp_path / "deal_issues.png"))


def test_deal_import_says_empty_and_not_an_excel_workbook(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = build_window(store, load_demo=False)
    qtbot.addWidget(window)
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "deal.xlsx").write_bytes(PDF)
    said = []
    for name in ("empty.xlsx", "deal.xlsx"):
        import_deal(window, tmp_path / name, modal=False)
        table = window.deal_issues_dialog.table
        said.append([table.item(0, c).text() for c in range(1, 4)])
    assert said == [
        ["empty.xlsx", "—", "the file is empty"],
        ["deal.xlsx", "—", "not an Excel workbook (it is a PDF document)"],
    ]


# ----- list import -------------------------------------------------------------------------
def test_list_import_says_what_the_file_is_without_command_line_options(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = ListsWindow(store)
    qtbot.addWidget(window)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "sanctions.xlsx").write_bytes(PDF)
    for name in ("empty.csv", "sanctions.xlsx"):
        window.start_import(tmp_path / name)
        qtbot.waitUntil(lambda: window.worker is None, timeout=30_000)
    assert shown[0] == "empty.csv: the file is empty"
    assert shown[1] == "sanctions.xlsx: not an Excel workbook (it is a PDF document)"
    assert not any("--format" in text or "zip" in text.lower() for text in shown)


def test_an_unrecognised_csv_list_offers_the_column_mapping(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "client_watchlist.csv"
    path.write_text(
        "Ref,Full Name,Nation\nW1,Kestrel Rare Earth Trading,CN\nW2,Quellmar Dunmore,RU\n",
        encoding="utf-8",
    )
    window = ListsWindow(store)
    qtbot.addWidget(window)
    offered: list[str] = []
    window.ask_to_map = lambda p, problem: offered.append(problem) or True  # type: ignore[method-assign]
    mapped = _press_ok_in(ColumnMappingDialog)
    window.start_import(path)
    qtbot.waitUntil(lambda: bool(offered), timeout=30_000)
    qtbot.waitUntil(lambda: window.worker is None and bool(mapped), timeout=30_000)
    assert offered == ["client_watchlist.csv: not a list layout Screener recognises"]
    with store.session() as session:
        names = set(session.scalars(select(ListEntry.primary_name)))
        sources = [v.source.name for v in session.scalars(select(ListVersion))]
    assert names == {"Kestrel Rare Earth Trading", "Quellmar Dunmore"}
    assert sources == ["CLIENT_WATCHLIST"]


# ----- batch input -------------------------------------------------------------------------
@pytest.fixture
def listed(store: Store) -> list[str]:
    import_path(store, OFAC_CONS)
    forget_columns()
    with store.session() as session:
        query = select(ListEntry.primary_name).where(ListEntry.entity_type != "person")
        return list(session.scalars(query.order_by(ListEntry.id).limit(2)))


def _register(path: Path, names: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ref", "company", "nation"])
        writer.writerows([f"R{i}", name, ""] for i, name in enumerate(names))
    return path


def test_a_batch_without_a_name_column_is_mapped_by_the_user_and_remembered(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path
) -> None:
    window = BatchScreenWindow(store)
    qtbot.addWidget(window)
    window.set_file(_register(tmp_path / "register.csv", listed))
    dialogs = _press_ok_in(BatchColumnMappingDialog, {"ref": "id"})
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.screen_button.click()
    assert len(dialogs) == 1
    assert window.columns == {"id": "ref", "name": "company", "country": "nation"}
    names = {window.proxy.index(r, 2).data() for r in range(window.proxy.rowCount())}
    ids = {window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())}
    assert names == set(listed) and ids == {"R0", "R1"}

    # the next file with the same header row is read the same way without asking
    second = BatchScreenWindow(store)
    qtbot.addWidget(second)
    second.set_file(_register(tmp_path / "register_march.csv", listed[:1]))
    second.ask_columns = lambda _path: pytest.fail("asked again")  # type: ignore[method-assign]
    with qtbot.waitSignal(second.finished, timeout=60_000):
        second.screen_button.click()
    assert second.outcome is not None and len(second.outcome.results) == 1


def test_the_batch_mapping_dialog_offers_the_batch_fields(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    path = _register(tmp_path / "register.csv", ["Acme Ltd"])
    dialog = BatchColumnMappingDialog(path, store)
    qtbot.addWidget(dialog)
    fields = [dialog.field_boxes[0].itemData(i) for i in range(dialog.field_boxes[0].count())]
    assert fields[:6] == ["", "id", "name", "type", "country", "date"] and "lei" in fields
    assert dialog.chosen_columns() == {"id": "ref", "name": "company", "country": "nation"}
    assert not dialog.profile_name.isVisibleTo(dialog) and not dialog.sheet.isVisibleTo(dialog)
    company = dialog.field_boxes[1]
    company.setCurrentIndex(0)
    assert dialog.chosen_columns() is None
    assert "names to screen" in dialog.problem.text()
    dialog.grab().save(str(tmp_path / "batch_columns.png"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_both_mapping_dialogs_name_identifiers_alike(
    qtbot: QtBot, qapp: QApplication, store: Store, tmp_path: Path, lang: str
) -> None:
    """The list import and the batch offer an identifier column with the same words (one
    table of names, ui.column_mapping_dialog.IDENTIFIER_NAMES), in either language."""
    assert i18n.install_translators(qapp, lang) == lang
    try:
        path = _register(tmp_path / "register.csv", ["Acme Ltd"])
        offered = []
        for dialog in (ColumnMappingDialog(path, store), BatchColumnMappingDialog(path, store)):
            qtbot.addWidget(dialog)
            box = dialog.field_boxes[0]
            offered.append({
                str(box.itemData(i)).removeprefix("identifiers."): box.itemText(i)
                for i in range(box.count())
                if box.itemText(i).startswith(("Identifier", "識別子"))
            })  # fmt: skip
    finally:
        i18n.install_translators(qapp, "en")
    listing, batch = offered
    shared = listing.keys() & batch.keys()
    assert {"lei", "passport", "imo", "swift", "tax_id"} <= shared
    assert {kind: listing[kind] for kind in shared} == {kind: batch[kind] for kind in shared}
    word = "識別子: 旅券" if lang == "ja" else "Identifier: passport"
    assert batch["passport"] == word and batch["ogrn"].endswith("OGRN")


def test_batch_errors_say_empty_and_not_an_excel_workbook(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path
) -> None:
    window = BatchScreenWindow(store)
    qtbot.addWidget(window)
    (tmp_path / "names.xlsx").write_bytes(PDF)
    (tmp_path / "names.csv").write_bytes(b"")
    said = []
    for name in ("names.xlsx", "names.csv"):
        window.set_file(tmp_path / name)
        with qtbot.waitSignal(window.failed, timeout=30_000) as blocker:
            window.screen_button.click()
        said.append(blocker.args[0])
    assert said == [
        "names.xlsx: not an Excel workbook (it is a PDF document)",
        "names.csv: the file is empty",
    ]
