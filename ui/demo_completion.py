"""Finishing the demo case after the window is up: lists, screening, ownership, assessment.

The demo pipeline (screener.demo.pipeline) loads the romanisation tables and builds a
candidate index, a couple of seconds that the first window should not wait for. It runs on
the thread pool; the status bar shows the stage, and the window reloads the case when it is
done. Closing the window cancels the work at its next step and waits for it, so nothing is
left writing to a database that is being closed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from screener.demo.pipeline import DemoPreparation, DemoPreparationCancelled, prepare_demo
from screener.lists.load import ImportCancelled
from screener.store import Store
from screener.workflow.screening import ScreeningCancelled
from ui.workers import Worker

CLOSE_WAIT_MS = 30_000
START_DELAY_MS = 150  # let the window paint before the work competes for the CPU
READY_MESSAGE_MS = 15_000


class DemoCompletion(QObject):
    """Runs `prepare_demo` once for `window` and refreshes the window when it is done."""

    done = Signal(object)  # the DemoPreparation, or None when it failed or was cancelled

    def __init__(self, window: QMainWindow, store: Store) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.result: DemoPreparation | None = None
        self.running = False
        self._started = False
        self.worker = Worker(
            lambda on_progress, is_cancelled: prepare_demo(
                store, on_progress=on_progress, is_cancelled=is_cancelled
            ),
            cancel_exceptions=(DemoPreparationCancelled, ImportCancelled, ScreeningCancelled),
        )
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._on_failed)
        self.worker.signals.cancelled.connect(self._on_cancelled)
        window.installEventFilter(self)
        application = QCoreApplication.instance()
        if application is not None:
            application.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.running = True
        self._window.statusBar().showMessage(self.tr("Preparing the demo case…"))
        self.worker.start(self._pool)

    def wait(self, timeout_ms: int = CLOSE_WAIT_MS) -> bool:
        """Block until the work is done and its result delivered (for scripts and tests)."""
        self.start()
        finished = self._pool.waitForDone(timeout_ms)
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        return finished and not self.running

    def stop(self) -> None:
        """Cancel at the next step and wait, or make sure the work never begins."""
        if not self.running:
            return
        if not self._started:  # stopped before the work began: never begin it
            self._started = True
            self.running = False
            return
        self.worker.cancel()
        self._pool.waitForDone(CLOSE_WAIT_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        self._window.statusBar().showMessage(
            self.tr("Preparing the demo case: %1 (%2 of %3)…")
            .replace("%1", stage)
            .replace("%2", str(min(done + 1, total)))
            .replace("%3", str(total))
        )

    def _on_finished(self, result: DemoPreparation | None) -> None:
        self.running = False
        self.result = result
        refresh = getattr(self._window, "refresh_cases", None)
        if refresh is not None:
            refresh()
        if result is not None and not result.already_prepared:
            matches = int(result.screening.get("matches", 0))
            self._window.statusBar().showMessage(
                self.tr("Demo case ready: %n possible match(es) to review, risk tier %1.", "",
                        matches)
                .replace(
                    "%1", QCoreApplication.translate("RiskTab", result.tier) if result.tier else "-"
                ),
                READY_MESSAGE_MS,
            )
        else:
            self._window.statusBar().clearMessage()
        self.done.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self.running = False
        self._window.statusBar().showMessage(
            self.tr("The demo case could not be prepared: %1").replace("%1", message)
        )
        logging.getLogger(__name__).error("demo preparation failed: %s\n%s", message, details)
        self.done.emit(None)

    def _on_cancelled(self) -> None:
        self.running = False
        self.done.emit(None)


def start_demo_completion(window: QMainWindow, store: Store) -> DemoCompletion:
    """Start finishing the demo once the event loop runs (the window shows first)."""
    completion = DemoCompletion(window, store)
    completion.running = True
    QTimer.singleShot(START_DELAY_MS, completion.start)
    return completion
