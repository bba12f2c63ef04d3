"""Start-up time: from process start to a visible main window on the demo case.

Runs `main.py` in a fresh process on a fresh SQLite database (first run: migrations and the
demo import) and again on the same database (later runs), offscreen, and prints both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.app as app_module
start = float(sys.argv[1])
original = app_module.build_window
def build_and_report(*args, **kwargs):
    window = original(*args, **kwargs)
    def report():
        if window.isVisible():
            print(f"VISIBLE {time.time() - start:.3f}", flush=True)
            QApplication.quit()
    QTimer.singleShot(0, report)
    return window
app_module.build_window = build_and_report
sys.exit(app_module.run(["--db", sys.argv[2]]))
"""


def measure(db_url: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(start), db_url],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("VISIBLE"))
    return float(line.split()[1])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'startup.sqlite3'}"
        first = measure(url)
        later = sorted(measure(url) for _ in range(3))[1]
    print(f"first start (new database, demo import): {first:.2f} s")
    print(f"later start (median of 3):               {later:.2f} s")


if __name__ == "__main__":
    main()
