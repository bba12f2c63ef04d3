"""File > Import deal file…: pick an XLSX, JSON or CSV deal file, import it, show what happened.

Errors refuse the whole file (nothing is written) and are listed with file, sheet, row and
column so the user can fix them in one pass; warnings are listed after a successful import.
Also File > Save deal-file template…, which writes the blank XLSX template.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from screener.deals import DealFileError, ImportResult, Issue, import_deal_file
from screener.models import Case
from screener.paths import resources_dir
from screener.workflow.screening_state import active_versions, screening_state
from ui.tabs.matches_tab import MatchesTab

FILE_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow",
    "Deal files (*.xlsx *.json *.csv);;Excel workbook (*.xlsx);;JSON (*.json);;"
    "CSV folder (transaction.csv parties.csv ownership.csv) (*.csv)",
)


# Issue severities as screener.deals.issues stores them, shown through self.tr.
SEVERITIES = (
    QT_TRANSLATE_NOOP("IssuesDialog", "error"),
    QT_TRANSLATE_NOOP("IssuesDialog", "warning"),
)


class IssuesDialog(QDialog):
    """Every error and warning of a deal file, one per row, with where to find it."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("IssuesDialog", "Severity"),
        QT_TRANSLATE_NOOP("IssuesDialog", "File"),
        QT_TRANSLATE_NOOP("IssuesDialog", "Where"),
        QT_TRANSLATE_NOOP("IssuesDialog", "Problem"),
    )

    def __init__(
        self,
        heading: str,
        issues: list[Issue],
        parent: QWidget | None = None,
        source: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Deal file"))
        self.resize(960, 420)
        layout = QVBoxLayout(self)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.table = QTableWidget(len(issues), len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, issue in enumerate(issues):
            cells = (
                self.tr(issue.severity),
                shown_file(issue, source),
                shown_place(issue, source),
                issue.message,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0 and issue.is_error:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Row heights follow the wrapped text once the columns have their real width."""
        super().showEvent(event)
        self.table.resizeRowsToContents()


class DealImport(QObject):
    """The messages with a count: lupdate records plural forms only for `self.tr(text, "", n)`
    in a class (the class names the context), not for `QCoreApplication.translate`."""

    def not_imported(self, name: str, errors: int) -> str:
        return self.tr(
            "<b>%1 was not imported</b>: %n error(s). Nothing was written; fix "
            "the file and import it again.",
            "",
            errors,
        ).replace("%1", name)

    def imported_with_warnings(self, name: str, summary: str, warnings: int) -> str:
        return (
            self.tr("<b>%1 imported</b> (%2) with %n warning(s):", "", warnings)
            .replace("%1", name)
            .replace("%2", summary)
        )


def shown_file(issue: Issue, _source: Path | None = None) -> str:
    """The file the problem is in as the user names it: the reader already names the CSV
    file of a folder (parties.csv), never the folder."""
    return issue.file


def shown_place(issue: Issue, _source: Path | None = None) -> str:
    """Where in the file: sheet (only where the file has sheets), row and column, in the
    window's language; '—' for a problem with the file as a whole."""
    if issue.json_path is not None:
        return issue.place()
    parts = []
    if issue.sheet and not issue.file.lower().endswith(".csv"):
        parts.append(
            QCoreApplication.translate("IssuesDialog", "sheet '%1'").replace("%1", issue.sheet)
        )
    if issue.row is not None:
        parts.append(
            QCoreApplication.translate("IssuesDialog", "row %1").replace("%1", str(issue.row))
        )
    if issue.column:
        parts.append(
            QCoreApplication.translate("IssuesDialog", "column '%1'").replace("%1", issue.column)
        )
    return ", ".join(parts) or "—"


def import_path(window: Any, path: Path, *, modal: bool = True) -> ImportResult | None:
    """Import `path`; show errors or warnings; refresh the case list and open the case."""
    try:
        result = import_deal_file(window.store, path)
    except DealFileError as exc:
        errors = len([i for i in exc.issues if i.is_error])
        heading = DealImport().not_imported(path.name, errors)
        window.deal_issues_dialog = IssuesDialog(heading, exc.issues, window, path)
        _show(window.deal_issues_dialog, modal)
        return None
    from ui.desktop import RECENT_DEALS, remember

    remember(RECENT_DEALS, path)
    summary = ", ".join(
        f"{c.case_id} {QCoreApplication.translate('MainWindow', c.outcome)}" for c in result.cases
    )
    if result.warnings:
        heading = DealImport().imported_with_warnings(path.name, summary, len(result.warnings))
        window.deal_issues_dialog = IssuesDialog(heading, result.warnings, window, path)
        _show(window.deal_issues_dialog, modal)
    else:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Imported %s: %s") % (path.name, summary), 8000
        )
    window.refresh_cases()
    if result.case_ids:
        window.select_case(result.case_ids[0])
        offer_screening(window, path, result.case_ids, modal)
    return result


def offer_screening(
    window: Any, path: Path, case_ids: list[str], modal: bool
) -> QMessageBox | None:
    """An imported deal was not searched against any list: offer to screen it at once.

    Only the cases that need it: a case imported again unchanged after its screening was
    offered, and said to be unscreened, too."""
    with window.store.session() as session:
        if not active_versions(session):
            return None  # the Summary tab says no list is loaded
        cases = [session.get(Case, case_id) for case_id in case_ids]
        case_ids = [c.id for c in cases if c is not None and not screening_state(c).is_screened]
    if not case_ids:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("MainWindow", "Screen the imported case?"),
        QCoreApplication.translate(
            "MainWindow",
            "%s was imported but its parties have not been screened: no list was searched "
            "yet, and a case is signed only after it was screened. Screen %s now against the "
            "active lists?",
        )
        % (path.name, ", ".join(case_ids)),
        parent=window,
    )
    screen = box.addButton(
        QCoreApplication.translate("MainWindow", "Screen now"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("MainWindow", "Later"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(screen)
    window.screen_offer = box
    window.screen_offer_button = screen

    def chosen(button: object) -> None:
        if button is screen:
            screen_imported(window, case_ids)

    box.buttonClicked.connect(chosen)
    if modal:
        box.exec()
    else:  # tests and scripted use: the window stays usable while the offer is shown
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
    return box


def screen_imported(window: Any, case_ids: list[str]) -> None:
    """Screen the first case in its Matches tab (with progress); the others queue behind it."""
    queue = list(case_ids)

    def next_case(_summary: object = None) -> None:
        if not queue:
            matches.screened.disconnect(next_case)
            return
        case_id = queue.pop(0)
        window.select_case(case_id)
        window.case_view.screen_now()

    matches = window.case_view.tab(MatchesTab)
    matches.screened.connect(next_case)
    next_case()


def _show(dialog: QDialog, modal: bool) -> None:
    if modal:
        dialog.exec()
    else:
        dialog.show()


def save_template_to(window: Any, path: Path) -> bool:
    """Write the blank template and say where it went (or why it did not)."""
    try:
        shutil.copyfile(resources_dir() / "deal_template.xlsx", path)
    except OSError as exc:
        QMessageBox.warning(
            window,
            QCoreApplication.translate("MainWindow", "Template not saved"),
            QCoreApplication.translate("MainWindow", "The template could not be saved to %1: %2")
            .replace("%1", str(path))
            .replace("%2", exc.strerror or str(exc)),
        )
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Template saved to %1").replace("%1", str(path)),
        10000,
    )
    return True


def install_deal_import_actions(window: Any) -> None:
    """File > Import deal file… and File > Save deal-file template…, before Quit."""
    import_action = QAction(QCoreApplication.translate("MainWindow", "&Import deal file…"), window)
    import_action.setShortcut(QKeySequence("Ctrl+I"))

    def choose() -> None:
        from ui.desktop import RECENT_DEALS, last_folder

        name, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("MainWindow", "Import deal file"),
            last_folder(RECENT_DEALS),
            QCoreApplication.translate("MainWindow", str(FILE_FILTER)),
        )
        if name:
            import_path(window, Path(name))

    import_action.triggered.connect(choose)
    template_action = QAction(
        QCoreApplication.translate("MainWindow", "Save deal-file &template…"), window
    )

    def save_template() -> None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            QCoreApplication.translate("MainWindow", "Save deal-file template"),
            "deal_template.xlsx",
            "Excel workbook (*.xlsx)",
        )
        if name:
            save_template_to(window, Path(name))

    template_action.triggered.connect(save_template)
    actions = window.file_menu.actions()
    first = actions[0] if actions else None
    window.file_menu.insertAction(first, import_action)
    window.file_menu.insertAction(first, template_action)
    window.import_deal_action = import_action
