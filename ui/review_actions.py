"""The review workflow's entries in the main window: dashboard, audit check, language.

`install_review_actions(window)` is called once by MainWindow after its menus exist, so the
window's own module stays small and each feature adds its actions in one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import func, select

from screener import audit
from screener.models import AuditEvent
from screener.workflow import rescreen
from ui import i18n
from ui.dashboard import Dashboard
from ui.screen_fit import resize_to_fit
from ui.workers import Worker


def install_review_actions(window: Any) -> None:
    dashboard = QAction(QCoreApplication.translate("ReviewActions", "&Dashboard"), window)
    dashboard.setShortcut(QKeySequence("Ctrl+Shift+D"))
    dashboard.triggered.connect(lambda: show_dashboard(window))
    window.case_menu.addAction(dashboard)
    window.toolbar.addAction(dashboard)
    verify = QAction(QCoreApplication.translate("ReviewActions", "&Verify audit trail"), window)
    verify.triggered.connect(lambda: verify_audit_trail(window))
    window.tools_menu.addAction(verify)
    window.verify_audit_action = verify
    window.dashboard_action = dashboard
    rescreen_action = QAction(
        QCoreApplication.translate("ReviewActions", "Re-screen open cases for &new list versions"),
        window,
    )
    rescreen_action.triggered.connect(lambda: rescreen_new_list_versions(window))
    window.case_menu.addAction(rescreen_action)
    window.rescreen_action = rescreen_action
    _add_language_menu(window)
    for tab in getattr(window.case_view, "tab_widgets", []):
        if hasattr(tab, "case_changed"):
            tab.case_changed.connect(lambda _case_id: window.refresh_cases())


def show_dashboard(window: Any) -> Dashboard:
    existing = getattr(window, "dashboard", None)
    if existing is None:
        existing = Dashboard(window.store, window)
        existing.setWindowFlag(Qt.WindowType.Window, True)
        resize_to_fit(existing, 1100, 560)
        existing.case_activated.connect(window.select_case)
        window.dashboard = existing
    existing.reload()
    existing.show()
    existing.raise_()
    return existing


def rescreen_new_list_versions(window: Any, *, show: bool = True) -> Worker:
    """Run the list versions not yet re-screened against every open case, off the UI thread."""
    store = window.store

    def task(on_progress: Any, _is_cancelled: Any) -> list[rescreen.RescreenSummary]:
        return store.write(
            lambda session: rescreen.rescreen_new_versions(session, on_progress=on_progress)
        )

    worker = Worker(task)
    window.statusBar().showMessage(
        QCoreApplication.translate("ReviewActions", "Re-screening open cases…")
    )

    def finished(summaries: list[rescreen.RescreenSummary]) -> None:
        window.rescreen_worker = None
        window.refresh_cases()
        message = rescreen_message(summaries)
        window.statusBar().showMessage(message, 10000)
        if show:
            QMessageBox.information(
                window, QCoreApplication.translate("ReviewActions", "Re-screening"), message
            )

    def failed(message: str, _trace: str) -> None:
        window.rescreen_worker = None
        window.statusBar().clearMessage()
        QMessageBox.warning(
            window, QCoreApplication.translate("ReviewActions", "Re-screening failed"), message
        )

    worker.signals.finished.connect(finished)
    worker.signals.failed.connect(failed)
    window.rescreen_worker = worker
    worker.start()
    return worker


class ReviewActions(QObject):
    """The messages with a count: lupdate records plural forms only for `self.tr(text, "", n)`
    in a class (the class names the context), not for `QCoreApplication.translate`."""

    def rescreen_line(self, summary: rescreen.RescreenSummary) -> str:
        new = summary.new_matches + summary.reopened_matches
        return (
            self.tr("%1 (version %2): %3 added, %4 changed entries; %n new match(es)", "", new)
            .replace("%1", summary.source_name)
            .replace("%2", str(summary.list_version_id))
            .replace("%3", str(summary.added_entries))
            .replace("%4", str(summary.changed_entries))
        )

    def audit_intact(self, count: int) -> str:
        return self.tr(
            "The audit trail is intact: %n record(s), every hash and link checks out.", "", count
        )


def rescreen_message(summaries: list[rescreen.RescreenSummary]) -> str:
    if not summaries:
        return QCoreApplication.translate(
            "ReviewActions", "Every list version has already been run against the open cases."
        )
    hits = sorted({case_id for s in summaries for case_id in s.cases_with_new_hits})
    lines = [ReviewActions().rescreen_line(s) for s in summaries]
    if hits:
        lines.append(
            QCoreApplication.translate("ReviewActions", "Cases with new hits: %1").replace(
                "%1", ", ".join(hits)
            )
        )
    else:
        lines.append(QCoreApplication.translate("ReviewActions", "No open case has new hits."))
    return "\n".join(lines)


def audit_report(window: Any) -> tuple[bool, str]:
    """(intact, message): the same check as `screener audit verify`."""
    with window.store.session() as session:
        breaks = audit.verify(session)
        count = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    if not breaks:
        return True, ReviewActions().audit_intact(count)
    lines = "\n".join(f"• {b.describe()}" for b in breaks)
    return False, QCoreApplication.translate(
        "ReviewActions", "The audit trail has been tampered with:"
    ) + "\n\n" + lines


def verify_audit_trail(window: Any, *, show: bool = True) -> tuple[bool, str]:
    intact, message = audit_report(window)
    if show:
        box = QMessageBox.information if intact else QMessageBox.critical
        box(window, QCoreApplication.translate("ReviewActions", "Audit trail"), message)
    return intact, message


def _add_language_menu(window: Any) -> None:
    menu = window.tools_menu.addMenu(QCoreApplication.translate("ReviewActions", "&Language"))
    group = QActionGroup(window)
    current = i18n.stored_choice()
    choices = {
        i18n.SYSTEM: QCoreApplication.translate("ReviewActions", "System default"),
        **i18n.LANGUAGES,
    }
    for code, name in choices.items():
        action = QAction(name, window, checkable=True)
        action.setChecked(code == current)
        action.triggered.connect(lambda _=False, c=code: _choose_language(window, c))
        group.addAction(action)
        menu.addAction(action)
    window.language_menu = menu


def _choose_language(window: QWidget, code: str) -> None:
    i18n.store_choice(code)
    QMessageBox.information(
        window,
        QCoreApplication.translate("ReviewActions", "Language"),
        QCoreApplication.translate(
            "ReviewActions", "The language changes the next time Screener starts."
        ),
    )
    app = QApplication.instance()
    if app is not None:
        app.setProperty("screener_language_pending", code)
