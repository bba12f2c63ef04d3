"""Grab offscreen screenshots of the main window on the demo case, one per case tab.

Usage: python scripts/screenshot_app.py OUTDIR. For looking at the app as a reviewer would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from screener.store import open_store  # noqa: E402
from ui.app import STYLE, build_window  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(STYLE)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'shot.sqlite3'}")
        window = build_window(store)
        window.resize(1400, 880)
        window.show()
        if window.demo_completion is not None:  # first run: let the demo finish (lists, risk)
            window.demo_completion.wait()
        tabs = window.case_view.tabs
        for number in range(tabs.count()):
            tabs.setCurrentIndex(number)
            app.processEvents()
            name = tabs.tabText(number).replace("&", "").lower().replace(" ", "_")
            window.grab().save(str(out / f"main_{number}_{name}.png"))
        store.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
