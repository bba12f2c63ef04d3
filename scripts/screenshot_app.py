"""Grab offscreen screenshots of the main window on the demo case, one per case tab.

Usage: python scripts/screenshot_app.py OUTDIR [--lang en|ja] [--size 1366x768]. For looking at
the app as a reviewer would: the same translations and fonts as the app loads at start.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from screener.store import open_store  # noqa: E402
from ui.app import STYLE, build_window  # noqa: E402


def main(out: Path, lang: str = "en", size: tuple[int, int] = (1400, 880)) -> None:
    from ui.i18n import install_translators

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(STYLE)  # type: ignore[attr-defined]
    install_translators(app, lang)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'shot.sqlite3'}")
        window = build_window(store)
        window.resize(*size)
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
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--lang", default="en", choices=["en", "ja"])
    parser.add_argument("--size", default="1400x880")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    main(Path(args.out), args.lang, (width, height))
