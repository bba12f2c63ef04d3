"""First run of the app: time to a visible window, and to a fully prepared demo case.

Starts `ui.app.run` in a fresh process on a new SQLite database (offscreen), reports when
the main window is visible and when the demo pipeline (list excerpts, screening, ownership,
assessment; screener/demo/pipeline.py) has finished in the background, with its stages.
Then times `screener demo load` (the same pipeline, headless) in a fresh process.
Prints the median of RUNS runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = 3

PROBE = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import ui.app as app_module
start = float(sys.argv[1])
original = app_module.build_window
def build_and_report(*args, **kwargs):
    window = original(*args, **kwargs)
    def visible():
        if window.isVisible():
            print(f"VISIBLE {time.time() - start:.3f}", flush=True)
    QTimer.singleShot(0, visible)
    completion = window.demo_completion
    def done(result):
        seconds = result.seconds if result is not None else {}
        print(f"READY {time.time() - start:.3f} {json.dumps(seconds)}", flush=True)
        QApplication.quit()
    if completion is None:
        QTimer.singleShot(0, lambda: done(None))
    else:
        completion.done.connect(done)
    return window
app_module.build_window = build_and_report
sys.exit(app_module.run(["--db", sys.argv[2]]))
"""


def first_start(folder: Path, number: int) -> tuple[float, float, dict[str, float]]:
    url = f"sqlite:///{folder / f'first-{number}.sqlite3'}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(start), url],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    visible = ready = 0.0
    stages: dict[str, float] = {}
    for line in out.splitlines():
        if line.startswith("VISIBLE"):
            visible = float(line.split()[1])
        elif line.startswith("READY"):
            _, seconds, payload = line.split(" ", 2)
            ready, stages = float(seconds), json.loads(payload)
    return visible, ready, stages


def cli_load(folder: Path, number: int) -> float:
    url = f"sqlite:///{folder / f'cli-{number}.sqlite3'}"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "screener.cli", "--db", url, "demo", "load"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        runs = [first_start(folder, n) for n in range(RUNS)]
        cli = [cli_load(folder, n) for n in range(RUNS)]
    visible = statistics.median(r[0] for r in runs)
    ready = statistics.median(r[1] for r in runs)
    print(f"first start, window visible (median of {RUNS}):      {visible:.2f} s")
    print(f"first start, demo screened and assessed (median):  {ready:.2f} s")
    median_run = sorted(runs, key=lambda r: r[1])[len(runs) // 2]
    for stage, seconds in median_run[2].items():
        print(f"    {stage:<34} {seconds:.2f} s")
    print(f"'screener demo load' on a new database (median):   {statistics.median(cli):.2f} s")


if __name__ == "__main__":
    main()
