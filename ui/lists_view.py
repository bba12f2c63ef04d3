"""The Lists manager: which lists and versions are loaded, importing new ones, what changed.

Top: every version of every source with its publisher date, import time, counts and which
one is in use. Import takes a file or a folder (dialog, or drag and drop onto the window)
and runs `screener.lists.service.import_path` on the thread pool with a progress bar and
Cancel; a cancelled or failed import leaves the database untouched. Below, two tabs work on
the selected version: an entry browser with search and a detail pane, and the changes
against another version of the same source.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from screener.heap import give_back_freed_memory
from screener.lists.base import TYPE_NOT_STATED, ListFormatError, type_shown
from screener.lists.catalog import (
    ENTRY_ORDER,
    entry_detail,
    entry_links,
    list_sources,
    search_entries,
    use_version,
)
from screener.lists.delta import Delta, change_counts, compute_delta
from screener.lists.detect import UnrecognisedList, format_names
from screener.lists.listing_ends import ends_shown
from screener.lists.load import ImportCancelled, LoadResult
from screener.lists.service import import_path
from screener.store import Store
from ui.list_labels import format_name, version_label
from ui.lists_models import DeltaModel, EntriesModel, SortRole, VersionsModel
from ui.role_gate import gate_lists_window
from ui.screen_fit import resize_to_fit
from ui.versions_timeline import VersionMark, VersionsTimeline, version_day
from ui.workers import Worker

AUTO = ""
MAPPED = "csv-mapped"


class QuerySortedProxy(QSortFilterProxyModel):
    """Keeps the rows in the order the query gave: sorting happens in the database, over
    every entry of the version, not over the rows loaded (see `search_entries`)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        super().sort(-1, Qt.SortOrder.AscendingOrder)  # the query already ordered them


def _table(
    model: Any, parent: QWidget, proxy_class: type[QSortFilterProxyModel] = QSortFilterProxyModel
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = proxy_class(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    return view, proxy


class ListsWindow(QMainWindow):
    version_imported = Signal(int)  # a new list version: open cases are re-screened against it

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.worker: Worker | None = None
        self.setWindowTitle(self.tr("Lists"))
        resize_to_fit(self, 1280, 820)
        self.setAcceptDrops(True)
        self.versions = VersionsModel(self)
        self.entries = EntriesModel(self)
        self.changes = DeltaModel(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addLayout(self._import_bar())
        layout.addLayout(self._progress_bar())
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.addWidget(self._versions_panel())
        splitter.addWidget(self._tabs())
        splitter.setSizes([260, 560])
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.search_timer = QTimer(self, singleShot=True, interval=250)
        self.search_timer.timeout.connect(self.run_search)
        self.reload()

    # ----- building -----------------------------------------------------------------------
    def _import_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.import_file_button = QPushButton(self.tr("Import file…"), self)
        self.import_folder_button = QPushButton(self.tr("Import folder…"), self)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("Detect format from content"), AUTO)
        for name in format_names():
            self.format_combo.addItem(format_name(name), name)
        self.format_combo.addItem(self.tr("CSV/XLSX with column mapping…"), MAPPED)
        self.source_edit = QLineEdit(self)
        self.source_edit.setPlaceholderText(self.tr("Source name (optional)"))
        self.source_edit.setMinimumWidth(200)
        self.import_file_button.clicked.connect(self.choose_file)
        self.import_folder_button.clicked.connect(self.choose_folder)
        hint = QLabel(self.tr("or drop files and folders here"), self)
        hint.setEnabled(False)
        for widget in (
            self.import_file_button,
            self.import_folder_button,
            QLabel(self.tr("Format:"), self),
        ):
            bar.addWidget(widget)
        bar.addWidget(self.format_combo)
        bar.addWidget(self.source_edit)
        bar.addWidget(hint)
        bar.addStretch(1)
        return bar

    def _progress_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMinimumWidth(320)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_import)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        self._set_busy(False)
        return row

    def _versions_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(
            self.tr("<b>Sources and versions</b> — screening uses the version marked in use"), panel
        )
        self.use_button = QPushButton(self.tr("Use this version for screening"), panel)
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.use_selected_version)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.use_button)
        self.versions_view, self.versions_proxy = _table(self.versions, panel)
        header = self.versions_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.versions_view.selectionModel().selectionChanged.connect(self._on_version_selected)
        layout.addLayout(heading)
        layout.addWidget(self.versions_view)
        self.timeline = VersionsTimeline(panel)
        self.timeline.version_picked.connect(self._select_version)
        layout.addWidget(self.timeline)
        return panel

    def _tabs(self) -> QTabWidget:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._entries_tab(), self.tr("Entries"))
        self.tabs.addTab(self._delta_tab(), self.tr("Changes between versions"))
        return self.tabs

    def _entries_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.search_edit = QLineEdit(tab)
        self.search_edit.setPlaceholderText(
            self.tr("Search names, aliases or entry id in the selected version")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())
        self.entries_label = QLabel(tab)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.entries_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.entries_view, self.entries_proxy = _table(self.entries, splitter, QuerySortedProxy)
        self.entries_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.entries_view.horizontalHeader().sortIndicatorChanged.connect(
            lambda _column, _order: self.run_search()
        )
        self.entries_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 90), (2, 90), (3, 160), (4, 110), (5, 80)):
            self.entries_view.setColumnWidth(column, width)
        self.entries_view.selectionModel().selectionChanged.connect(self._on_entry_selected)
        self.detail = QTextBrowser(splitter)
        self.detail.setOpenLinks(False)
        splitter.addWidget(self.entries_view)
        splitter.addWidget(self.detail)
        splitter.setSizes([860, 400])
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return tab

    def _delta_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.from_combo = QComboBox(tab)
        self.to_combo = QComboBox(tab)
        self.compare_button = QPushButton(self.tr("Compare"), tab)
        self.compare_button.clicked.connect(self.compare)
        self.delta_label = QLabel(tab)
        for widget in (
            QLabel(self.tr("From"), tab),
            self.from_combo,
            QLabel(self.tr("to"), tab),
            self.to_combo,
        ):
            row.addWidget(widget)
        row.addWidget(self.compare_button)
        row.addWidget(self.delta_label, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        self.delta_view, self.delta_proxy = _table(self.changes, splitter)
        self.delta_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.delta_view.setColumnWidth(2, 320)
        self.delta_view.selectionModel().selectionChanged.connect(self._on_change_selected)
        self.change_detail = QTextBrowser(splitter)
        splitter.addWidget(self.delta_view)
        splitter.addWidget(self.change_detail)
        splitter.setSizes([760, 460])
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        return tab

    # ----- versions ------------------------------------------------------------------------
    def reload(self) -> None:
        with self.store.session() as session:
            self.sources = list_sources(session)
        self.versions.set_sources(self.sources)
        self.versions_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # model order
        if self.versions.rowCount() and not self.versions_view.selectionModel().hasSelection():
            self.versions_view.selectRow(0)
        if not self.versions.rowCount():
            self.entries.load([])
            self.detail.setHtml(self._empty_help())

    def _draw_timeline(self, source: str, versions: list[dict[str, Any]]) -> None:
        """The selected source's versions by date, each with its changes against the one
        before it on the timeline."""
        ordered = sorted(versions, key=lambda v: (version_day(v), v["id"]))
        drawn = (source, tuple((v["id"], v["is_active"]) for v in ordered))
        if getattr(self, "_timeline_drawn", None) == drawn:
            return  # another version of the same source: the picture stands
        self._timeline_drawn = drawn
        marks = []
        with self.store.session() as session:
            for before, version in zip([None, *ordered], ordered, strict=False):
                counts: tuple[int | None, int | None, int | None] = (
                          change_counts(session, before["id"], version["id"])
                          if before is not None else (None, None, None))
                marks.append(VersionMark(version["id"], version_day(version), f"v{version['id']}",
                                         *counts, bool(version["is_active"])))
        self.timeline.set_marks(source, marks)

    def selected_version(self) -> dict[str, Any] | None:
        rows = self.versions_view.selectionModel().selectedRows()
        if not rows:
            return None
        row: dict[str, Any] = self.versions_proxy.data(rows[0], Qt.ItemDataRole.UserRole)
        return row

    def _on_version_selected(self, *_args: object) -> None:
        version = self.selected_version()
        if version is None:
            return
        self.use_button.setEnabled(not version["is_active"])
        self.run_search()
        siblings = next(s["versions"] for s in self.sources if s["name"] == version["source"])
        self._draw_timeline(version["source"], siblings)
        for combo in (self.from_combo, self.to_combo):
            combo.clear()
            for item in siblings:
                combo.addItem(version_label(item), item["id"])
        self.to_combo.setCurrentIndex(self.to_combo.findData(version["id"]))
        older = [v for v in siblings if v["id"] < version["id"]]
        self.from_combo.setCurrentIndex(self.from_combo.findData(older[0]["id"]) if older else -1)
        self.compare_button.setEnabled(len(siblings) > 1)
        self.changes.load([])
        self.change_detail.clear()
        self.delta_label.setText(
            ""
            if len(siblings) > 1
            else self.tr("Only one version of %s: import another to compare.") % version["source"]
        )

    def use_selected_version(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        version_id = version["id"]
        self.store.write(lambda session: use_version(session, version_id))
        self.status_label.setText(
            self.tr("%1 now uses version %2 for screening.")
            .replace("%1", version["source"])
            .replace("%2", version_label(version))
        )
        self.reload()
        self._select_version(version["id"])

    # ----- entries -------------------------------------------------------------------------
    def run_search(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        header = self.entries_view.horizontalHeader()
        column = max(header.sortIndicatorSection(), 0)
        with self.store.session() as session:
            rows = search_entries(
                session,
                version["id"],
                self.search_edit.text(),
                order=ENTRY_ORDER[column] if column < len(ENTRY_ORDER) else "name",
                descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
            )
        self.entries.load(rows)
        shown = len(rows)
        total = version["entry_count"]
        self.entries_label.setText(
            self.tr("%1 of %2 entries").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
            if self.search_edit.text().strip() or shown < total
            else self.tr("%1 entries").replace("%1", f"{total:,}")
        )
        self.detail.setHtml(self._empty_help() if not rows else "")

    def _on_entry_selected(self, *_args: object) -> None:
        rows = self.entries_view.selectionModel().selectedRows()
        version = self.selected_version()
        if not rows or version is None:
            return
        entry_row = self.entries_proxy.data(rows[0], Qt.ItemDataRole.UserRole)
        with self.store.session() as session:
            entry = entry_detail(session, entry_row.id)
            links = entry_links(session, version["id"], entry_row.entry_key)
            self.detail.setHtml(entry_html(entry, links) if entry is not None else "")

    def _empty_help(self) -> str:
        return self.tr(
            "<p>No list loaded yet.</p><p>Use <b>Import file…</b> or <b>Import folder…</b>, or drop "
            "a list file or a folder holding a multi-file set (for example OFAC's sdn.csv, add.csv, "
            "alt.csv) onto this window.</p>"
        )

    # ----- delta ---------------------------------------------------------------------------
    def compare(self) -> None:
        old, new = self.from_combo.currentData(), self.to_combo.currentData()
        if old is None or new is None or old == new:
            self.delta_label.setText(self.tr("Choose two different versions."))
            return
        self.delta_label.setText(self.tr("Comparing…"))
        self.compare_button.setEnabled(False)

        def task(_on_progress: Any, _is_cancelled: Any) -> Delta:
            with self.store.session() as session:
                return compute_delta(session, old, new)

        self.delta_worker = Worker(task)
        self.delta_worker.signals.finished.connect(self._show_delta)
        self.delta_worker.signals.failed.connect(
            lambda message, _tb: self.delta_label.setText(message)
        )
        self.delta_worker.start()

    def _show_delta(self, delta: Delta) -> None:
        self.compare_button.setEnabled(True)
        self.changes.set_delta(delta)
        self.delta_view.resizeColumnToContents(0)
        self.delta_label.setText(
            self.tr("v%1 → v%2: %3 added, %4 removed, %5 changed, %6 unchanged")
            .replace("%1", str(delta.from_version))
            .replace("%2", str(delta.to_version))
            .replace("%3", f"{len(delta.added):,}")
            .replace("%4", f"{len(delta.removed):,}")
            .replace("%5", f"{len(delta.changed):,}")
            .replace("%6", f"{delta.unchanged:,}")
        )

    def _on_change_selected(self, *_args: object) -> None:
        rows = self.delta_view.selectionModel().selectedRows()
        if rows:
            self.change_detail.setHtml(
                change_html(self.delta_proxy.data(rows[0], Qt.ItemDataRole.UserRole))
            )

    # ----- import --------------------------------------------------------------------------
    def choose_file(self) -> None:
        from ui.desktop import RECENT_LISTS, last_folder

        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a list file"),
            last_folder(RECENT_LISTS),
            self.tr("List files (*.csv *.txt *.xml *.zip *.json *.jsonl *.xlsx);;All files (*)"),
        )
        if path:
            self.start_import(Path(path))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder holding one list set")
        )
        if path:
            self.start_import(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.worker is None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths[0])

    def start_import(self, path: Path) -> None:
        """Import `path` on the thread pool; the window stays usable and can cancel."""
        if self.worker is not None:
            return
        from ui.desktop import RECENT_LISTS, remember

        remember(RECENT_LISTS, path)
        format_name = self.format_combo.currentData() or None
        source = self.source_edit.text().strip() or None
        task = (
            self._mapped_task(path)
            if format_name == MAPPED
            else self._import_task(path, format_name, source)
        )
        if task is None:
            return
        self._run(path, task)

    def _run(self, path: Path, task: Any) -> None:
        def then_give_back(on_progress: Any, is_cancelled: Any) -> Any:
            try:
                return task(on_progress, is_cancelled)
            finally:  # what the import made is freed: the window lives on (screener.heap)
                give_back_freed_memory()

        self.worker = Worker(then_give_back, cancel_exceptions=(ImportCancelled,))
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_imported)
        self.worker.signals.failed.connect(self._on_failed)
        self.worker.signals.cancelled.connect(self._on_cancelled)
        self.status_label.setText(self.tr("Reading %s…") % path.name)
        self._set_busy(True)
        self.worker.start()

    def _import_task(self, path: Path, format_name: str | None, source: str | None) -> Any:
        store = self.store

        def task(on_progress: Any, is_cancelled: Any) -> LoadResult | UnrecognisedList:
            try:
                return import_path(
                    store,
                    path,
                    format_name,
                    source,
                    on_progress=on_progress,
                    is_cancelled=is_cancelled,
                )
            except UnrecognisedList as exc:
                return exc  # not a failure to report but a choice to offer (map its columns)
            except ListFormatError as exc:  # the file as a person names it, not its folder
                raise ListFormatError(
                    Path(exc.file).name, exc.where, exc.field_name, exc.problem
                ) from None

        return task

    def _mapped_task(self, path: Path) -> Any:
        from screener.lists.csvmap import import_mapped
        from ui.column_mapping_dialog import ask_column_mapping

        if path.is_dir():
            QMessageBox.information(
                self,
                self.tr("Column mapping"),
                self.tr("Choose one CSV or XLSX file, not a folder."),
            )
            return None
        mapping = ask_column_mapping(self, path, self.store)
        if mapping is None:
            return None
        store = self.store

        def task(on_progress: Any, is_cancelled: Any) -> LoadResult:
            return import_mapped(
                store, path, mapping, on_progress=on_progress, is_cancelled=is_cancelled
            )

        return task

    def cancel_import(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status_label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if stage:
            self.status_label.setText(stage)

    def ask_to_map(self, path: Path, problem: str) -> bool:
        """Offer the column mapping for a CSV/XLSX whose layout no parser knows (`problem`,
        the reader's words, is what the question says in its own terms)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("List not recognised"),
            self.tr(
                "%1 is not a list layout Screener recognises. You can import it by saying "
                "which column holds the name, the aliases, the country and so on."
            ).replace("%1", path.name),
            parent=self,
        )
        mapping = box.addButton(self.tr("Map columns…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(mapping)
        box.exec()
        return box.clickedButton() is mapping

    def _on_unrecognised(self, exc: UnrecognisedList) -> None:
        """No parser claims the file: say what it is; for a CSV/XLSX offer the mapping."""
        path = Path(exc.file)
        self.status_label.setText(self.tr("Import failed; nothing was changed."))
        if not exc.mappable:
            QMessageBox.warning(self, self.tr("Import failed"), f"{path.name}: {exc.problem}")
            return
        if not self.ask_to_map(path, f"{path.name}: {exc.problem}"):
            return
        task = self._mapped_task(path)
        if task is not None:
            self._run(path, task)

    def _on_imported(self, result: LoadResult | UnrecognisedList) -> None:
        self._finish()
        if isinstance(result, UnrecognisedList):
            self._on_unrecognised(result)
            return
        if result.created:
            not_stated = self.tr("type not stated")
            counts = ", ".join(
                f"{n:,} {not_stated if kind == TYPE_NOT_STATED else kind}"
                for kind, n in result.counts.items()
            )
            self.status_label.setText(
                self.tr("Imported %1 version %2: %3 entries (%4).")
                .replace("%1", result.source_name)
                .replace("%2", f"v{result.version_id} {result.label}")
                .replace("%3", f"{result.entry_count:,}")
                .replace("%4", counts)
            )
        else:
            self.status_label.setText(
                self.tr("Identical to %1 version %2, already imported: nothing added.")
                .replace("%1", result.source_name)
                .replace("%2", f"v{result.version_id}")
            )
        self.reload()
        self._select_version(result.version_id)
        if result.created:
            self.version_imported.emit(result.version_id)

    def _on_failed(self, message: str, _details: str) -> None:
        self._finish()
        self.status_label.setText(self.tr("Import failed; nothing was changed."))
        QMessageBox.warning(self, self.tr("Import failed"), message)

    def _on_cancelled(self) -> None:
        self._finish()
        self.status_label.setText(self.tr("Import cancelled; nothing was changed."))

    def _finish(self) -> None:
        self.worker = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setRange(0, 0)
        for widget in (
            getattr(self, "import_file_button", None),
            getattr(self, "import_folder_button", None),
        ):
            if widget is not None:
                widget.setEnabled(not busy)

    def _select_version(self, version_id: int) -> None:
        for row in range(self.versions_proxy.rowCount()):
            index = self.versions_proxy.index(row, 0)
            if self.versions_proxy.data(index, Qt.ItemDataRole.UserRole)["id"] == version_id:
                self.versions_view.selectRow(row)
                return


def entry_html(entry: Any, links: list[Any]) -> str:
    """The entry as the publisher gave it: names, identifiers, dates, addresses, links."""
    e = html.escape
    parts = [f"<h3>{e(entry.primary_name)}</h3>"]
    parts.append(
        f"<p>{e(type_shown(entry.entity_type))} · {e(entry.list_name or '—')}"
        f" · id {e(entry.entry_key)}"
        + (f" · listed {e(entry.listed_on)}" if entry.listed_on else "")
        + "</p>"
    )
    ends = ends_shown(entry.data, date.today())
    if ends:  # a denial order's expiry, a CSL row's end date
        parts.append(f"<p><b>Listing ends:</b> {e(', '.join(ends))}</p>")
    if entry.programs:
        parts.append(f"<p><b>Programmes:</b> {e(', '.join(entry.programs))}</p>")
    datasets = entry.official_datasets
    if datasets:  # a consolidated entry: the official lists it says it is on
        parts.append(f"<p><b>Official lists (datasets):</b> {e(', '.join(datasets))}</p>")
    if entry.countries:
        parts.append(f"<p><b>Countries:</b> {e(', '.join(entry.countries))}</p>")
    other_names = [n for n in entry.names if n.name != entry.primary_name or n.kind != "primary"]
    if other_names:
        items = "".join(
            f"<li>{e(n.name)} <small>({e(n.kind)}, {e(n.strength)}"
            + (f", {e(n.script)}" if n.script and n.script != "latin" else "")
            + ")</small></li>"
            for n in other_names
        )
        parts.append(f"<p><b>Names</b></p><ul>{items}</ul>")
    if entry.identifiers:
        items = "".join(
            f"<li>{e(i.id_type)}: <b>{e(i.value)}</b>"
            + (f" ({e(i.country)})" if i.country else "")
            + (f" <small>{e(i.note)}</small>" if i.note else "")
            + "</li>"
            for i in entry.identifiers
        )
        parts.append(f"<p><b>Identifiers</b></p><ul>{items}</ul>")
    if entry.dates:
        items = "".join(f"<li>{e(d.kind)}: {e(d.value)}</li>" for d in entry.dates)
        parts.append(f"<p><b>Dates</b></p><ul>{items}</ul>")
    if entry.addresses:
        items = "".join(f"<li>{e(a.full)}</li>" for a in entry.addresses)
        parts.append(f"<p><b>Addresses</b></p><ul>{items}</ul>")
    if links:
        items = "".join(f"<li>{_link_text(link, entry.entry_key)}</li>" for link in links)
        parts.append(f"<p><b>Links</b></p><ul>{items}</ul>")
    if entry.remarks:
        parts.append(f"<p><b>Remarks</b><br>{e(entry.remarks)}</p>")
    return "".join(parts)


def _link_text(link: Any, entry_key: str) -> str:
    """'owned or controlled by X' from this entry's side, or 'X — owned or controlled by — this'."""
    e = html.escape
    relation = e(link.relation.replace("_", " "))
    share = f" ({link.percentage:g} %)" if link.percentage is not None else ""
    if link.subject_key == entry_key:
        return f"<i>{relation}</i> {e(link.object_name or link.object_key or '?')}{share}"
    return f"{e(link.subject_key)} <i>{relation}</i> this entry{share}"


def change_html(row: dict[str, Any]) -> str:
    """What changed in one entry: before/after for single values, removed/added for lists."""
    e = html.escape
    parts = [f"<h3>{e(row['name'])}</h3><p>{e(row['kind'])} · id {e(row['key'])}</p>"]
    for field, detail in row["details"].items():
        parts.append(f"<p><b>{e(field)}</b></p><ul>")
        if "before" in detail:
            parts.append(
                f"<li>before: {e(str(detail['before']))}</li><li>after: {e(str(detail['after']))}</li>"
            )
        for item in detail.get("removed", []):
            parts.append(f"<li style='color:#a00'>− {e(str(item))}</li>")
        for item in detail.get("added", []):
            parts.append(f"<li style='color:#070'>+ {e(str(item))}</li>")
        parts.append("</ul>")
    return "".join(parts)


def install_lists_actions(window: Any) -> None:
    """Add "Lists…" to the main window's Lists menu; one window, kept while imports run."""
    action = QAction(QCoreApplication.translate("MainWindow", "&Lists…"), window)

    def open_view() -> None:
        if getattr(window, "lists_window", None) is None:
            from ui.review_actions import rescreen_new_list_versions

            window.lists_window = ListsWindow(window.store, window)
            gate_lists_window(getattr(window, "role_gate", None), window.lists_window)
            from ui.desktop import remember_layout

            remember_layout(window.lists_window, "listsWindow")
            window.lists_window.version_imported.connect(
                lambda _version_id: rescreen_new_list_versions(window, show=False)
            )
        window.lists_window.show()
        window.lists_window.raise_()
        window.lists_window.activateWindow()

    action.setShortcut(QKeySequence("Ctrl+L"))
    action.triggered.connect(open_view)
    window.open_lists_window = open_view  # also for a dropped list file and recent list files
    window.lists_menu.addAction(action)
