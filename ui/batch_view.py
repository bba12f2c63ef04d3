"""The Batch screen window: a file of names screened against the lists, off the UI thread.

Pick a CSV or XLSX file, press Screen: reading the file, loading the lists and screening
run in a `ui.workers.Worker` (the screening itself in worker processes on every core), so
the window keeps painting. The bar shows names done and the time left; Cancel stops the
batch and leaves no partial results. When the batch is complete the table fills at once,
filters narrow it, a double-click opens the hit side by side, Export saves it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from screener.batch.build import build_screener
from screener.batch.engine import ScreenerDescription, review_threshold
from screener.batch.entities import group_by_entity, hit_refs
from screener.batch.model import BatchCancelled, BatchResult
from screener.batch.reader import BatchInputError, read_batch
from screener.batch.record import record_batch
from screener.batch.runner import screen_batch
from screener.batch.writer import OutputError, write_results
from screener.lists.entity_links import entity_map
from screener.store import Store
from ui.batch_charts import ScoreHistogram
from ui.batch_columns_dialog import ask_batch_columns, remembered_columns
from ui.batch_hit_dialog import BatchHitDialog
from ui.batch_results_model import (
    HIT_ROLE,
    QUERY_ROLE,
    SCORE_COLUMN,
    BatchFilterProxy,
    BatchResultsModel,
)
from ui.dashboard_charts import Bar, CountBars
from ui.screen_fit import resize_to_fit
from ui.workers import Worker

ALL_SOURCES = QT_TRANSLATE_NOOP("BatchScreenWindow", "All sources")
WORKER_NICENESS = 5  # the batch yields the CPU to the window on a busy machine
# While the batch's thread reads the file and builds the index (Python work holding the
# interpreter lock), every paint of the window calls back into Python many times, and each
# call waits for the lock up to the switch interval (5 ms by default): a header repaint
# could wait 100 ms. A 0.5 ms interval keeps those waits short while a batch runs.
UI_SWITCH_INTERVAL = 0.0005


@dataclass(frozen=True)
class ColumnsNeeded:
    """The file has no column read as the name: the user maps its columns (its header)."""

    path: Path
    header: list[str]


@dataclass(frozen=True)
class BatchOutcome:
    path: Path
    results: list[BatchResult]
    description: ScreenerDescription
    seconds: float


def run_batch_file(
    store: Store,
    path: Path,
    threshold: float,
    on_progress: Callable[[int, int, str], None],
    is_cancelled: Callable[[], bool],
    columns: dict[str, str] | None = None,
) -> BatchOutcome | ColumnsNeeded:
    """The whole batch as one task: read, load the lists, screen, record. Qt-free.

    A file whose names the reader cannot find (no 'name' column, or a mapped column that is
    gone) comes back as `ColumnsNeeded`, so the window can ask instead of failing."""
    on_progress(0, 0, str(QT_TRANSLATE_NOOP("BatchScreenWindow", "Reading the file")))
    try:
        queries = read_batch(path, columns)
    except BatchInputError as exc:
        if exc.header:
            return ColumnsNeeded(path, exc.header)
        raise
    on_progress(0, 0, str(QT_TRANSLATE_NOOP("BatchScreenWindow", "Loading the lists")))
    screener = build_screener(store, threshold=threshold, is_cancelled=is_cancelled)
    if is_cancelled():
        raise BatchCancelled("batch screening cancelled")
    started = time.perf_counter()
    results = screen_batch(
        queries,
        screener,
        on_progress=lambda done, total: on_progress(
            done, total, str(QT_TRANSLATE_NOOP("BatchScreenWindow", "Screening"))
        ),
        is_cancelled=is_cancelled,
        niceness=WORKER_NICENESS,
    )
    seconds = time.perf_counter() - started
    with store.unit_of_work() as session:
        results = group_by_entity(results, entity_map(session, hit_refs(results)))  # per entity
        record_batch(session, path, None, results, screener.description, seconds)
    return BatchOutcome(path, results, screener.description, seconds)


class BatchScreenWindow(QMainWindow):
    finished = Signal(object)  # BatchOutcome, after the table is filled
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.path: Path | None = None
        self.columns: dict[str, str] | None = None  # the user's mapping for this file
        self.outcome: BatchOutcome | None = None
        self.worker: Worker | None = None
        self._switch_interval = sys.getswitchinterval()
        self._started = 0.0
        self.setWindowTitle(self.tr("Batch screen"))
        resize_to_fit(self, 1200, 760)
        self.model = BatchResultsModel(self)
        self.proxy = BatchFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(self._build_file_row())
        layout.addLayout(self._build_progress_row())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("batchError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(
            "#batchError { color: #8a1c1c; background: #fbeaea; border: 1px solid #e4b4b4;"
            " border-radius: 3px; padding: 6px; }"
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.pictures = QWidget(central)
        pictures = QHBoxLayout(self.pictures)
        pictures.setContentsMargins(0, 0, 0, 0)
        self.histogram = ScoreHistogram(self.pictures)
        self.hits_per_list = CountBars(self.tr("Hits per list"), self.pictures)
        self.hits_per_list.picked.connect(self._pick_source)
        pictures.addWidget(self.histogram, 3)
        pictures.addWidget(self.hits_per_list, 2, Qt.AlignmentFlag.AlignTop)
        self.pictures.hide()  # until a batch has results
        layout.addWidget(self.pictures)
        layout.addLayout(self._build_filter_row())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_bottom_row())
        self.setCentralWidget(central)
        self._set_running(False)

    # ----- layout -------------------------------------------------------------------------
    def _build_file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(
            self.tr("A CSV or XLSX file with a 'name' column (optional: id, type, country, date)")
        )
        self.choose_button = QPushButton(self.tr("Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.threshold_box = QDoubleSpinBox(self)
        self.threshold_box.setRange(0.0, 1.0)
        self.threshold_box.setSingleStep(0.05)
        self.threshold_box.setDecimals(2)
        self.threshold_box.setValue(review_threshold())
        self.threshold_box.setToolTip(self.tr("Report hits scoring at least this"))
        self.columns_button = QPushButton(self.tr("Columns…"), self)
        self.columns_button.setToolTip(
            self.tr("Choose which column holds the names (and ids, types, countries, dates)")
        )
        self.columns_button.clicked.connect(self.choose_columns)
        self.screen_button = QPushButton(self.tr("Screen"), self)
        self.screen_button.setDefault(True)
        self.screen_button.clicked.connect(self.start)
        row.addWidget(QLabel(self.tr("File:")))
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.columns_button)
        row.addWidget(QLabel(self.tr("Threshold:")))
        row.addWidget(self.threshold_box)
        row.addWidget(self.screen_button)
        return row

    def _build_progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.eta_label = QLabel("", self)
        self.eta_label.setMinimumWidth(260)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.eta_label)
        row.addWidget(self.cancel_button)
        return row

    def _build_filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.min_score_box = QDoubleSpinBox(self)
        self.min_score_box.setRange(0.0, 1.0)
        self.min_score_box.setSingleStep(0.05)
        self.min_score_box.setDecimals(2)
        self.min_score_box.valueChanged.connect(
            lambda value: self.proxy.set_filters(min_score=value)
        )
        self.source_box = QComboBox(self)
        self.source_box.addItem(self.tr(str(ALL_SOURCES)), None)
        self.source_box.currentIndexChanged.connect(
            lambda: self.proxy.set_source(self.source_box.currentData())
        )
        self.text_box = QLineEdit(self)
        self.text_box.setPlaceholderText(self.tr("Filter by name or id…"))
        self.text_box.setClearButtonEnabled(True)
        self.text_box.textChanged.connect(lambda text: self.proxy.set_filters(text=text))
        self.clear_box = QCheckBox(self.tr("Show names without hits"), self)
        self.clear_box.toggled.connect(self.model.set_include_clear)
        row.addWidget(QLabel(self.tr("Min score:")))
        row.addWidget(self.min_score_box)
        row.addWidget(QLabel(self.tr("Source:")))
        row.addWidget(self.source_box)
        row.addWidget(self.text_box, 1)
        row.addWidget(self.clear_box)
        return row

    def _build_table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SCORE_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((50, 80, 240, 150, 100, 240, 60)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected_hit())
        return self.table

    def _build_bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.summary_label = QLabel(self.tr("Choose a file to screen."), self)
        self.open_button = QPushButton(self.tr("Open hit…"), self)
        self.open_button.clicked.connect(self.open_selected_hit)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.clicked.connect(self.export)
        row.addWidget(self.summary_label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.export_button)
        return row

    # ----- running ------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file to screen"), "", self.tr("Names (*.csv *.xlsx)")
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.columns = None
        self.file_edit.setText(str(path))
        self.screen_button.setEnabled(self.worker is None)
        self.columns_button.setEnabled(self.worker is None)

    def ask_columns(self, path: Path) -> dict[str, str] | None:
        """The column-mapping dialog for `path` (None: the user cancelled)."""
        return ask_batch_columns(self, path, self.store)

    def choose_columns(self) -> None:
        """Map the file's columns before screening (Columns…)."""
        if self.path is not None and self.worker is None:
            columns = self.ask_columns(self.path)
            if columns is not None:
                self.columns = columns

    def _columns_needed(self, needed: ColumnsNeeded) -> None:
        """No name column: use the mapping chosen this session for the same header, else ask;
        screen again with it (a cancelled dialog leaves the window as before)."""
        self.summary_label.setText(self.tr("Choose which column holds the names."))
        columns = remembered_columns(needed.header) if self.columns is None else None
        if columns is None:
            columns = self.ask_columns(needed.path)
        if columns is None:
            self.summary_label.setText(
                self.tr("%s was not screened: no column was chosen for the names.")
                % needed.path.name
            )
            return
        self.columns = columns
        self.start()

    def start(self) -> None:
        if self.path is None or self.worker is not None:
            return
        path, threshold, store = self.path, self.threshold_box.value(), self.store
        columns = self.columns
        self.outcome = None
        self.model.clear()
        self.error_label.hide()
        self._started = time.monotonic()
        worker = Worker(
            lambda on_progress, is_cancelled: run_batch_file(
                store, path, threshold, on_progress, is_cancelled, columns
            ),
            cancel_exceptions=(BatchCancelled,),
        )
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self.worker = worker
        self._set_running(True)
        self.summary_label.setText(self.tr("Screening %s…") % path.name)
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(UI_SWITCH_INTERVAL)
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.eta_label.setText(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if total <= 0:
            self.progress.setRange(0, 0)
            self.eta_label.setText(self.tr(stage) + "…")
            return
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
            self._started = time.monotonic()
        self.progress.setValue(done)
        self.progress.setFormat(
            self.tr("%1 of %2 names").replace("%1", f"{done:,}").replace("%2", f"{total:,}")
        )
        self.eta_label.setText(self._eta_text(done, total))

    def _eta_text(self, done: int, total: int) -> str:
        elapsed = time.monotonic() - self._started
        if done <= 0 or elapsed < 0.2:
            return self.tr("Screening…")
        left = elapsed * (total - done) / done
        rate = done / elapsed
        return self.tr("%s names/s, about %s left") % (f"{rate:,.0f}", _duration(left))

    def _on_finished(self, outcome: BatchOutcome | ColumnsNeeded) -> None:
        self.worker = None
        sys.setswitchinterval(self._switch_interval)
        if isinstance(outcome, ColumnsNeeded):
            self._set_running(False)
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.eta_label.setText("")
            self._columns_needed(outcome)
            return
        self.outcome = outcome
        self._set_running(False)
        self.progress.setFormat(self.tr("Done"))
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.eta_label.setText(
            self.tr("%s names/s") % f"{len(outcome.results) / max(outcome.seconds, 1e-9):,.0f}"
        )
        self.model.set_results(
            outcome.results,
            outcome.description.strong_threshold,
            include_clear=self.clear_box.isChecked(),
        )
        self._fill_sources(outcome)
        self._draw_pictures(outcome)
        alerting = sum(1 for result in outcome.results if result.alerts)
        hits = sum(len(result.hits) for result in outcome.results)
        self.summary_label.setText(
            self.tr("%s names screened in %.1f s: %s with hits (%s hits) at or above %.2f")
            % (
                f"{len(outcome.results):,}",
                outcome.seconds,
                f"{alerting:,}",
                f"{hits:,}",
                outcome.description.threshold,
            )
        )
        self.finished.emit(outcome)

    def _on_failed(self, message: str, _details: str) -> None:
        self.worker = None
        sys.setswitchinterval(self._switch_interval)
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.eta_label.setText(self.tr("Failed"))
        self.summary_label.setText(self.tr("The batch could not be screened."))
        self.error_label.setText(message)
        self.error_label.show()
        self.failed.emit(message)

    def _on_cancelled(self) -> None:
        self.worker = None
        sys.setswitchinterval(self._switch_interval)
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.eta_label.setText(self.tr("Cancelled"))
        self.summary_label.setText(self.tr("Cancelled: no results were kept."))
        self.cancelled.emit()

    def _set_running(self, running: bool) -> None:
        self.screen_button.setEnabled(not running and self.path is not None)
        self.choose_button.setEnabled(not running)
        self.columns_button.setEnabled(not running and self.path is not None)
        self.threshold_box.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        has_results = not running and self.outcome is not None
        self.export_button.setEnabled(has_results)
        self.open_button.setEnabled(has_results)

    def _draw_pictures(self, outcome: BatchOutcome) -> None:
        hits = [hit for result in outcome.results for hit in result.hits]
        self.histogram.set_scores(
            [hit.score for hit in hits],
            outcome.description.threshold,
            outcome.description.strong_threshold,
        )
        per_list: dict[str, int] = {}
        for hit in hits:
            per_list[hit.source] = per_list.get(hit.source, 0) + 1
        self.hits_per_list.set_bars([
            Bar(source, source, count, "#1f4e9c")
            for source, count in sorted(per_list.items(), key=lambda item: (-item[1], item[0]))
        ])
        self.pictures.setVisible(bool(hits))

    def _pick_source(self, source: str | None) -> None:
        """A click on a list's bar shows only its hits (again: every list)."""
        index = self.source_box.findData(source)
        self.source_box.setCurrentIndex(max(index, 0))

    def _fill_sources(self, outcome: BatchOutcome) -> None:
        sources = sorted({hit.source for result in outcome.results for hit in result.hits})
        self.source_box.blockSignals(True)
        self.source_box.clear()
        self.source_box.addItem(self.tr(str(ALL_SOURCES)), None)
        for source in sources:
            self.source_box.addItem(source, source)
        self.source_box.blockSignals(False)
        self.proxy.set_source(None)

    # ----- results ------------------------------------------------------------------------
    def open_selected_hit(self) -> BatchHitDialog | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        hit = self.proxy.data(rows[0], HIT_ROLE)
        query = self.proxy.data(rows[0], QUERY_ROLE)
        if hit is None:
            return None
        try:
            dialog = BatchHitDialog(self.store, query, hit, self)
        except LookupError as exc:
            QMessageBox.warning(self, self.tr("Batch screen"), str(exc))
            return None
        dialog.show()
        return dialog

    def export(self) -> None:
        if self.outcome is None:
            return
        suggested = str(self.outcome.path.with_name(self.outcome.path.stem + "-screened.xlsx"))
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export batch results"),
            suggested,
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv);;JSON (*.json)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        assert self.outcome is not None
        try:
            written = write_results(path, self.outcome.results)
        except OutputError as exc:
            QMessageBox.warning(self, self.tr("Export batch results"), str(exc))
            return None
        self.summary_label.setText(self.tr("Exported to %s") % written)
        return written

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Closing only hides the window: a running batch goes on and its results wait here
        (Tools > Batch screen brings them back); quitting the app asks first."""
        super().closeEvent(event)

    def running_description(self) -> str | None:
        """'A batch is running: 7,100 of 40,000' while one runs, else None."""
        if self.worker is None:
            return None
        done, total = self.worker.last_progress
        if total > 0:
            return self.tr("A batch is running: %1 of %2 names").replace(
                "%1", f"{done:,}"
            ).replace("%2", f"{total:,}")
        return self.tr("A batch is running")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s"
