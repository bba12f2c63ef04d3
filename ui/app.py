"""Start the desktop app: open (and upgrade) the database, load the demo case, show the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from screener import __version__
from screener.store import Store, StoreError

STYLE = """
QMainWindow, QDialog { background: #f5f6f8; }
#caseHeader { background: white; border: 1px solid #d5d9e0; border-radius: 4px; }
#caseTitle { font-size: 15pt; font-weight: 600; color: #1b2a41; padding: 2px 0 6px 0; }
#fieldCaption { color: #5b6778; font-size: 8.5pt; text-transform: uppercase; }
QTableView { background: white; gridline-color: #e3e6eb; selection-background-color: #2f5d8a; }
QHeaderView::section { background: #e9edf2; padding: 4px; border: none;
                       border-right: 1px solid #d5d9e0; font-weight: 600; }
QTabWidget::pane { border-top: 1px solid #d5d9e0; }
QToolBar { spacing: 6px; }
"""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="screener-app", description="Screener desktop app")
    parser.add_argument("--db", help="SQLAlchemy database URL (default: embedded SQLite)")
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo case")
    parser.add_argument("--version", action="version", version=f"Screener {__version__}")
    return parser.parse_args(list(argv))


def open_store_or_explain(url: str | None) -> Store | None:
    """A database that cannot be used gets a dialog, not a traceback; nothing is written.

    An office server asking for the officer's password gets the sign-in dialog first.
    """
    from ui.sign_in import open_with_sign_in

    try:
        return open_with_sign_in(url)
    except StoreError as exc:
        QMessageBox.critical(None, "Screener — database problem", str(exc))
        return None


def build_window(store: Store, *, load_demo: bool = True):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    demo_case_id = None
    if load_demo:
        from screener.demo.case import ensure_demo_case

        demo_case_id = ensure_demo_case(store)
    window = MainWindow(store)
    if demo_case_id is not None:
        window.select_case(demo_case_id)
    elif window.case_model.rowCount():
        window.select_case(window.case_model.case_id_at(0))
    window.demo_completion = None
    if demo_case_id is not None:
        from screener.demo.pipeline import needs_preparation

        if needs_preparation(store):  # first run: lists, screening, ownership, risk
            from ui.demo_completion import start_demo_completion

            window.demo_completion = start_demo_completion(window, store)
    return window


def run(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Screener")
    app.setApplicationVersion(__version__)
    app.setStyleSheet(STYLE)  # type: ignore[attr-defined]
    from ui.fonts import prepare_scripts
    from ui.i18n import install_translators

    prepare_scripts(app)  # type: ignore[arg-type]
    from ui.desktop import install_error_dialog, start_logging

    start_logging()
    install_error_dialog()

    install_translators(app)  # type: ignore[arg-type]
    store = open_store_or_explain(args.db)
    if store is None:
        return 2
    window = build_window(store, load_demo=not args.no_demo)
    window.show()
    return app.exec()  # type: ignore[attr-defined]
