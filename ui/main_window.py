"""The main window: the case list on the left, the selected case on the right.

Menus are attributes (`file_menu`, `case_menu`, `lists_menu`, `rules_menu`, `tools_menu`,
`help_menu`) so each feature adds its own actions in one place below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from screener import __version__
from screener.identity import DECLARED, identify
from screener.office.refusals import record_sign_in
from screener.office.roles import ROLES
from screener.store import Store
from ui import database_failure
from ui.case_list_model import STATUS_LABELS, CaseFilterProxy, CaseListModel
from ui.case_view import CaseView
from ui.deal_import import install_deal_import_actions
from ui.desktop import install_desktop_conventions, remember_layout
from ui.fonts import prepare_scripts
from ui.lists_view import install_lists_actions
from ui.memo_preview import install_memo_actions
from ui.review_actions import install_review_actions
from ui.role_gate import RoleGate, gate_main_window, method_label
from ui.rules_view import install_rules_actions
from ui.screen_fit import resize_to_fit
from ui.tabs.matches_tab import MatchesTab
from ui.tabs.risk_tab import RiskTab
from ui.workers import Worker

if TYPE_CHECKING:
    from ui.demo_completion import DemoCompletion


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        prepare_scripts(QApplication.instance())  # type: ignore[arg-type]
        database_failure.install()  # a lost database is a dialog, never a dead window
        self.store = store
        self.demo_completion: DemoCompletion | None = None  # set by ui.app on a first run
        self.setWindowTitle(self.tr("Screener — critical-minerals transaction review"))
        resize_to_fit(self, 1400, 860)
        self.case_model = CaseListModel(store, self)
        self.case_proxy = CaseFilterProxy(self)
        self.case_proxy.setSourceModel(self.case_model)
        self.case_view = CaseView(store, self)
        self._build_central()
        self._build_menus()
        install_deal_import_actions(self)
        install_review_actions(self)
        install_memo_actions(self)
        install_rules_actions(self)
        install_lists_actions(self)
        self._sign_in()
        self.case_view.tab(MatchesTab).screened.connect(lambda _summary: self.refresh_cases())
        self.case_view.tab(MatchesTab).decided.connect(self._reload_current_case_row)
        self.refresh_cases()
        install_desktop_conventions(self)  # last: restores the layout of what now exists

    def _sign_in(self) -> None:
        """Who is signed in and how, in the status bar; what the roles do not allow, disabled.

        The sign-in is an audit record (the login, how it was established, the roles).
        """
        with self.store.session() as session:
            self.identity = identify(session)
        roles = ", ".join(r for r in ROLES if r in self.identity.roles) or self.tr("none")
        self.signed_in_label = QLabel(
            self.tr("Signed in: %1 (%2); roles: %3")
            # a declared actor carries "(declared, not authenticated)"; the method says it once
            .replace("%1", self.identity.actor.removesuffix(DECLARED))
            .replace("%2", method_label(self.identity.method))
            .replace("%3", roles)
        )
        if self.identity.note:
            self.signed_in_label.setToolTip(self.identity.note)
        self.statusBar().addPermanentWidget(self.signed_in_label)
        self.role_gate = RoleGate(self.identity, self)
        gate_main_window(self.role_gate, self)
        record_sign_in(self.store, self.identity)

    # ----- layout -------------------------------------------------------------------------
    def _build_central(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        case_list = self._build_case_list()
        case_list.setMinimumWidth(280)
        splitter.addWidget(case_list)
        splitter.addWidget(self.case_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        # wide enough for case, title, state and deadline at 1366 px (the title needs ~120 px)
        splitter.setSizes([520, 880])
        self.setCentralWidget(splitter)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        database = QLabel(self.tr("Database: %s") % self.store.short_name)
        database.setToolTip(self.store.url)  # the whole URL (password hidden) on demand
        self.statusBar().addPermanentWidget(database)

    def _build_case_list(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        filters = QHBoxLayout()
        self.search_box = QLineEdit(panel)
        self.search_box.setPlaceholderText(self.tr("Search cases…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self.case_proxy.setFilterFixedString)
        self.status_filter = QComboBox(panel)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status, label in STATUS_LABELS.items():
            self.status_filter.addItem(self.tr(label), status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.case_proxy.set_status(self.status_filter.currentData())
        )
        filters.addWidget(self.search_box, 1)
        filters.addWidget(self.status_filter)
        layout.addLayout(filters)
        self.case_table = QTableView(panel)
        self.case_table.setModel(self.case_proxy)
        self.case_table.setSortingEnabled(True)
        self.case_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.case_table.verticalHeader().setVisible(False)
        self.case_table.setAlternatingRowColors(True)
        self.case_table.setWordWrap(False)
        header = self.case_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4):  # jurisdictions and assignee: on the Dashboard; keeps state and deadline in view
            self.case_table.setColumnHidden(column, True)
        self.case_table.selectionModel().selectionChanged.connect(self._on_case_selected)
        layout.addWidget(self.case_table, 1)
        return panel

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.case_menu = bar.addMenu(self.tr("&Case"))
        self.lists_menu = bar.addMenu(self.tr("&Lists"))
        self.rules_menu = bar.addMenu(self.tr("&Rules"))
        self.tools_menu = bar.addMenu(self.tr("&Tools"))
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)

        refresh = self._action(self.tr("&Refresh"), self.refresh_cases, QKeySequence.StandardKey.Refresh)
        self.case_menu.addAction(refresh)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        self.help_menu.addAction(self._action(self.tr("&About Screener"), self.show_about))
        self.tools_menu.addAction(
            self._action(self.tr("&Batch screen…"), self.show_batch_screen, QKeySequence("Ctrl+B"))
        )
        search = self._action(self.tr("&Search lists…"), self.show_list_search, QKeySequence("Ctrl+Shift+F"))
        self.tools_menu.addAction(search)
        self.toolbar.addAction(search)
        self.toolbar.addAction(refresh)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    # ----- behaviour ----------------------------------------------------------------------
    def show_batch_screen(self) -> None:
        """One Batch screen window, kept so a running batch survives closing and reopening."""
        from ui.batch_view import BatchScreenWindow

        if getattr(self, "batch_window", None) is None:
            self.batch_window = BatchScreenWindow(self.store, self)
            remember_layout(self.batch_window, "batchWindow")
        self.batch_window.show()
        self.batch_window.raise_()
        self.batch_window.activateWindow()

    def show_list_search(self) -> None:
        """Search every active list as you type (one window, kept between uses)."""
        from ui.search_panel import SearchDialog

        if getattr(self, "search_dialog", None) is None:
            self.search_dialog = SearchDialog(self.store, self)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.panel.box.setFocus()

    def refresh_cases(self) -> None:
        selected = self.case_view.case_id
        self.case_model.reload()
        count = self.case_model.rowCount()
        self.count_label.setText(self.tr("%n case(s)", "", count))
        if selected is not None:
            self.select_case(selected)

    def _reload_current_case_row(self) -> None:
        """After a decision, the case list's row says what the case now is (its new-hits
        mark goes once the new hits are decided)."""
        if self.case_view.case_id is not None:
            self.case_model.reload_case(self.case_view.case_id)

    def select_case(self, case_id: str) -> bool:
        row = self.case_model.row_of(case_id)
        if row is None:
            return False
        proxy_index = self.case_proxy.mapFromSource(self.case_model.index(row, 0))
        if not proxy_index.isValid():
            return False
        self.case_table.selectRow(proxy_index.row())
        self.case_view.show_case(case_id)
        return True

    def current_case_id(self) -> str | None:
        return self.case_view.case_id

    def _on_case_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        case_id = self.case_proxy.data(indexes[0], Qt.ItemDataRole.UserRole)
        if case_id != self.case_view.case_id:
            self.case_view.show_case(case_id)

    def running_work(self) -> list[tuple[str, Worker]]:
        """What is running now, described for the user: a batch, a screening, an assessment."""
        found: list[tuple[str, Worker]] = []
        batch = getattr(self, "batch_window", None)
        if batch is not None and batch.worker is not None:
            found.append((batch.running_description() or "", batch.worker))
        matches = self.case_view.tab(MatchesTab)
        if matches.worker is not None:  # type: ignore[attr-defined]
            found.append((self.tr("A case screening is running"), matches.worker))  # type: ignore[attr-defined]
        risk = self.case_view.tab(RiskTab)
        if risk.worker is not None:  # type: ignore[attr-defined]
            found.append((self.tr("A risk assessment is running"), risk.worker))  # type: ignore[attr-defined]
        return found

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Quitting with work running asks first; stopping waits for the work to stop, so no
        signal reaches a window that is gone."""
        running = self.running_work()
        if running:
            text = "\n".join(description for description, _ in running)
            answer = self.ask_to_stop(text + "\n\n" + self.tr("Stop it and quit?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            for _description, worker in running:
                worker.cancel()
            QThreadPool.globalInstance().waitForDone(30000)
        batch = getattr(self, "batch_window", None)
        if batch is not None:
            batch.close()
        super().closeEvent(event)

    def ask_to_stop(self, text: str) -> QMessageBox.StandardButton:
        """The question, as its own method so a test can answer it."""
        return QMessageBox.question(
            self,
            self.tr("Work is running"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Screener"),
            self.tr(
                "<h3>Screener %s</h3><p>National-security review of critical-mineral and "
                "rare-earth asset sales: screening, ownership, risk and review memos.</p>"
                "<p>Works offline. Database: %s</p>"
            )
            % (__version__, self.store.url),
        )
