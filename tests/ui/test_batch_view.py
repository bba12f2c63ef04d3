"""The Batch screen window: a real batch off the UI thread, filters, side by side, export, cancel."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from screener.lists.service import import_path
from screener.models import AuditEvent, ListEntry
from screener.store import Store
from tests.conftest import SHARED_DATA
from ui.batch_results_model import BatchResultsModel
from ui.batch_view import BatchScreenWindow

OFAC_CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
# The offscreen platform warns on show(); nothing to do with the window.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "raise()")
UNLISTED = ["Zebulon Quillfeather", "Marisol Etxeberria-Van Dyck", "Quokka Upholstery GmbH"]


@pytest.fixture
def listed(store: Store) -> list[str]:
    import_path(store, OFAC_CONS)
    with store.session() as session:
        return list(
            session.execute(
                select(ListEntry.primary_name)
                .where(ListEntry.entity_type != "person")
                .order_by(ListEntry.id)
                .limit(3)
            ).scalars()
        )


def batch_file(path: Path, names: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name"])
        writer.writerows([f"P{i}", name] for i, name in enumerate(names))
    return path


def batch_events(store: Store) -> int:
    with store.session() as session:
        return session.execute(
            select(func.count()).where(AuditEvent.action == "batch.screen")
        ).scalar_one()


def test_model_passes_qt_model_tester(qtmodeltester, store: Store) -> None:  # type: ignore[no-untyped-def]
    model = BatchResultsModel()
    qtmodeltester.check(model)


def test_batch_runs_filters_opens_a_hit_and_exports(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path
) -> None:
    window = BatchScreenWindow(store)
    qtbot.addWidget(window)
    window.set_file(batch_file(tmp_path / "names.csv", [*listed, *UNLISTED]))
    with qtbot.waitSignal(window.finished, timeout=60_000):
        window.screen_button.click()
    assert window.outcome is not None and len(window.outcome.results) == 6
    shown = window.proxy.rowCount()
    assert shown >= 3, "each listed name hits at least its own entry"
    names_shown = {window.proxy.index(r, 2).data() for r in range(shown)}
    assert names_shown == set(listed)
    assert window.export_button.isEnabled() and not window.cancel_button.isEnabled()

    scores = [float(window.proxy.index(r, 6).data()) for r in range(shown)]
    assert scores == sorted(scores, reverse=True), "best hits first"
    window.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    names = [window.proxy.index(r, 2).data().casefold() for r in range(shown)]
    assert names == sorted(names)
    window.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)

    window.clear_box.setChecked(True)
    assert window.proxy.rowCount() == shown + len(UNLISTED)
    window.text_box.setText(listed[0].lower())
    assert {window.proxy.index(r, 2).data() for r in range(window.proxy.rowCount())} == {listed[0]}
    window.text_box.clear()
    window.min_score_box.setValue(1.0)
    assert all(
        float(window.proxy.index(r, 6).data()) >= 1.0 for r in range(window.proxy.rowCount())
    )
    window.min_score_box.setValue(0.0)
    sources = [window.source_box.itemData(i) for i in range(window.source_box.count())]
    assert sources[0] is None and len(sources) >= 2
    window.source_box.setCurrentIndex(1)
    assert all(
        window.proxy.index(r, 3).data() == sources[1] for r in range(window.proxy.rowCount())
    )
    window.source_box.setCurrentIndex(0)
    window.clear_box.setChecked(False)

    why = window.proxy.index(0, 7).data()
    assert "The names are written the same." in why and "Score" not in why, "sentences, no figures"
    window.table.selectRow(0)
    dialog = window.open_selected_hit()
    assert dialog is not None
    qtbot.addWidget(dialog)
    why_label = dialog.findChild(QLabel, "hitWhy")
    assert why_label.text() == why and why_label.toolTip().startswith("Score ")
    entry_side = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert window.proxy.index(0, 5).data() in entry_side
    assert any(
        "Score" in (dialog.table.verticalHeaderItem(r).text())
        for r in range(dialog.table.rowCount())
    )

    out = window.export_to(tmp_path / "results.json")
    assert out is not None
    assert len(json.loads(out.read_text())["results"]) == 6
    assert batch_events(store) == 1


def test_cancel_keeps_no_results_and_records_nothing(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path
) -> None:
    window = BatchScreenWindow(store)
    qtbot.addWidget(window)
    names = [f"{name} {i}" for i in range(600) for name in (*listed, *UNLISTED)]
    window.set_file(batch_file(tmp_path / "big.csv", names))

    with qtbot.waitSignal(window.cancelled, timeout=60_000):
        window.screen_button.click()
        qtbot.waitUntil(lambda: window.progress.maximum() > 1, timeout=30_000)
        window.cancel_button.click()
    assert window.outcome is None
    assert window.model.rowCount() == 0
    assert not window.export_button.isEnabled() and window.screen_button.isEnabled()
    assert "Cancelled" in window.summary_label.text()
    assert batch_events(store) == 0


def test_bad_file_shows_row_errors_in_the_window(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nAcme,spaceship\n,person\n", encoding="utf-8")
    window = BatchScreenWindow(store)
    qtbot.addWidget(window)
    window.set_file(bad)
    with qtbot.waitSignal(window.failed, timeout=30_000):
        window.screen_button.click()
    assert window.error_label.isVisibleTo(window)
    assert "bad.csv, row 2, field 'type'" in window.error_label.text()
    assert "bad.csv, row 3, field 'name'" in window.error_label.text()
    assert window.model.rowCount() == 0


def test_tools_menu_opens_one_batch_window(qtbot: QtBot, store: Store) -> None:
    from ui.main_window import MainWindow

    main = MainWindow(store)
    qtbot.addWidget(main)
    actions = [a for a in main.tools_menu.actions() if "Batch screen" in a.text()]
    assert len(actions) == 1
    actions[0].trigger()
    first = main.batch_window
    assert isinstance(first, BatchScreenWindow) and first.isVisible()
    actions[0].trigger()
    assert main.batch_window is first


def test_a_hidden_batch_keeps_running_and_quitting_asks_first(
    qtbot: QtBot, store: Store, listed: list[str], tmp_path: Path
) -> None:
    from ui.main_window import MainWindow

    main = MainWindow(store)
    qtbot.addWidget(main)
    main.show()
    main.show_batch_screen()
    batch = main.batch_window
    names = [f"{name} {i}" for i in range(600) for name in (*listed, *UNLISTED)]
    batch.set_file(batch_file(tmp_path / "big.csv", names))
    batch.screen_button.click()
    try:
        _hide_then_quit(qtbot, main, batch, store)
    finally:
        if batch.worker is not None:  # a failed check must not leave the batch running
            batch.worker.cancel()
            qtbot.waitUntil(lambda: batch.worker is None, timeout=30_000)


def _hide_then_quit(qtbot: QtBot, main, batch: BatchScreenWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: batch.worker is not None and batch.worker.last_progress[1] > 0, timeout=60_000
    )
    batch.close()  # the Batch window's close button: hides, never cancels
    assert not batch.isVisible() and batch.worker is not None
    assert not batch.worker.is_cancelled()

    questions: list[str] = []
    main.ask_to_stop = lambda text: questions.append(text) or QMessageBox.StandardButton.No  # type: ignore[method-assign]
    assert not main.close(), "No: the window stays and the batch goes on"
    assert questions and questions[0].startswith("A batch is running: ")
    assert re.search(r"running: [\d,]+ of 3,600 names", questions[0])
    assert questions[0].endswith("Stop it and quit?")
    assert batch.worker is not None and not batch.worker.is_cancelled()

    main.ask_to_stop = lambda text: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    assert main.close(), "Yes: the batch is stopped, waited for, and the window closes"
    qtbot.waitUntil(lambda: batch.worker is None, timeout=30_000)
    assert batch.outcome is None and batch_events(store) == 0
