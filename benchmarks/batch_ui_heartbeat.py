"""Does the window stay responsive while a 10,000-name batch runs? A 10 ms heartbeat says.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/batch_ui_heartbeat.py [--db URL]

Opens the Batch screen window on a database holding every list in ../shared/data (imported
first unless --db names one), starts the issue's 10,000-name batch and, from the click on
Screen until the results table is filled, records the gap between ticks of a QTimer firing
every 10 ms on the window's event loop. A gap above 100 ms would be a visible freeze. The
first batch includes building the index; a second batch on the same lists reuses it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from benchmarks.batch_common import import_every_list, write_benchmark_batch  # noqa: E402
from screener.store import open_store  # noqa: E402
from ui.batch_view import BatchScreenWindow  # noqa: E402

TICK_MS = 10
LIMIT_MS = 100


class Heartbeat:
    """Gaps between the ticks of a 10 ms timer: the longest time the event loop was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.gaps: list[int] = []

    def start(self) -> None:
        self.gaps.clear()
        self.clock.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        self.gaps.append(self.clock.restart())


def run_batch(app: QApplication, window: BatchScreenWindow, beat: Heartbeat) -> float:
    done: list[object] = []
    window.finished.connect(done.append)
    window.failed.connect(done.append)
    started = time.perf_counter()
    beat.start()
    window.screen_button.click()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    beat.stop()
    window.finished.disconnect(done.append)
    window.failed.disconnect(done.append)
    if not hasattr(done[0], "results"):
        raise SystemExit(f"the batch failed: {done[0]}")
    return time.perf_counter() - started


def report(label: str, seconds: float, beat: Heartbeat, window: BatchScreenWindow) -> None:
    gaps = sorted(beat.gaps)
    longest = gaps[-1] if gaps else 0
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0
    over = sum(1 for g in gaps if g > LIMIT_MS)
    names = len(window.outcome.results) if window.outcome else 0
    print(
        f"{label}: {names} names in {seconds:.1f} s (window to table filled); "
        f"{len(gaps)} ticks, longest gap {longest} ms, p99 {p99} ms, gaps > {LIMIT_MS} ms: {over}"
        f" -> {'OK' if longest <= LIMIT_MS else 'BLOCKED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="reuse a database that already holds the lists")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="batch-heartbeat-"))
    store = open_store(args.db or f"sqlite:///{workdir / 'lists.sqlite3'}")
    if not args.db:
        imported = import_every_list(store)
        print(f"imported {len(imported.imported)} list sets in {imported.seconds:.0f} s")
    batch = workdir / "batch.csv"
    write_benchmark_batch(batch)

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    window = BatchScreenWindow(store)
    window.show()
    window.set_file(batch)
    settle = time.perf_counter() + 0.5  # the first paint of the window is not the batch's doing
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.001)
    beat = Heartbeat()
    seconds = run_batch(app, window, beat)
    report("first batch (builds the index)", seconds, beat, window)
    seconds = run_batch(app, window, beat)
    report("second batch (index kept)", seconds, beat, window)
    window.grab().save(str(workdir / "batch-window.png"))
    print(f"screenshot: {workdir / 'batch-window.png'}")
    window.close()


if __name__ == "__main__":
    main()
