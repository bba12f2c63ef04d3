"""Long work off the UI thread: a QRunnable around a Qt-free domain function.

The domain function takes `on_progress(done, total)` and `is_cancelled()` callbacks (the
house pattern, as in Anki's taskman); `Worker` runs it on the global QThreadPool and reports
through the signals of a `WorkerSignals` QObject, which Qt delivers to the window's thread
as queued calls. The runnable never touches a widget. Progress is throttled (at most every
`PROGRESS_INTERVAL` seconds, and always the last report) so a fast loop cannot flood the
event loop with signals.

    worker = Worker(lambda on_progress, is_cancelled: import_path(store, path,
                    on_progress=on_progress, is_cancelled=is_cancelled))
    worker.signals.finished.connect(...); worker.start()
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from screener.db_failures import describe_failure
from ui.error_text import error_text

PROGRESS_INTERVAL = 0.05
# Every started worker stays referenced here until a later start finds it done, so its
# signals object outlives any window that is closed or deleted while the work runs (a
# signal from a collected source is "Signal source has been deleted").
_KEPT: set[Worker] = set()

Task = Callable[[Callable[..., None], Callable[[], bool]], Any]


class WorkerSignals(QObject):
    progress = Signal(int, int, str)  # done, total, stage ('' when the task gives none)
    finished = Signal(object)  # the task's return value
    failed = Signal(str, str)  # the message for the user, the traceback for the log
    cancelled = Signal()


class Worker(QRunnable):
    """Runs `task(on_progress, is_cancelled)` once on the thread pool."""

    def __init__(self, task: Task, cancel_exceptions: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self._task = task
        self._cancel_exceptions = cancel_exceptions
        self._cancel_requested = False
        self._last_progress = 0.0
        self._done = False
        self.last_progress: tuple[int, int] = (0, 0)  # done, total: for "7,100 of 40,000"

    def cancel(self) -> None:
        """Ask the task to stop at its next check; `cancelled` is emitted when it has."""
        self._cancel_requested = True

    def is_cancelled(self) -> bool:
        return self._cancel_requested

    def start(self, pool: QThreadPool | None = None) -> None:
        for done in [w for w in _KEPT if w.is_done]:  # long finished: safe to let go now
            _KEPT.discard(done)
        _KEPT.add(self)
        (pool or QThreadPool.globalInstance()).start(self)

    @property
    def is_done(self) -> bool:
        return self._done

    def run(self) -> None:
        try:
            self._run_task()
        finally:
            # Only now may a later start() let this worker go: a slot of the signal just
            # emitted can start the next worker while this thread is still inside emit(),
            # and freeing the runnable there crashes the process.
            self._done = True

    def _run_task(self) -> None:
        try:
            result = self._task(self._report, self.is_cancelled)
        except self._cancel_exceptions:
            self.signals.cancelled.emit()
            return
        except Exception as exc:  # reported to the window; the pool thread must not die
            failure = describe_failure(exc)
            said = error_text(failure if failure is not None else exc)
            message = said or type(exc).__name__
            self.signals.failed.emit(message, traceback.format_exc())
            return
        if self._cancel_requested:
            self.signals.cancelled.emit()
        else:
            self.signals.finished.emit(result)

    def _report(self, done: int, total: int, stage: str = "") -> None:
        if total > 0:  # stage reports without a count keep the last counted one
            self.last_progress = (done, total)
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self.signals.progress.emit(done, total, stage)
