"""Screener's one process pool: forked workers, each fed over its own pipe, Ctrl-C the parent's.

Batch screening, building the index and scoring a pair file do CPU work in Python, so threads
would share one core; one process per core the process may use does not. On Linux the
workers fork, so they start at once with the parent's modules and data shared copy-on-write;
macOS and Windows spawn, where forking a process that has loaded system frameworks is unsafe.

`multiprocessing.Pool` keeps three threads in the parent, and one of them (the worker
handler) wakes whenever an answer lies unread in the pool's shared result pipe and loops
until the result thread has read it: about a tenth of a CPU second per 10,000-name batch,
taken from the workers on a two-core machine (a bare pool of two workers spins some 4,000
times over a hundred short tasks). `ProcessPoolExecutor` tells a killed worker only through
its private attributes. Here each worker has its own duplex pipe; the parent waits on all of
them at once (`multiprocessing.connection.wait`, which also wakes for a helper process or to
poll a cancel flag), sends a worker its next task as soon as it answers, and keeps a second
task queued in each worker's pipe while there are plenty left, so that no worker waits for
the parent to be scheduled; near the end tasks go only to idle workers, so the workers
finish together.

A worker's exception comes back to the parent and is raised there; a worker that dies
(killed, out of memory) reads as end-of-file on its pipe and ends the work with
`WorkerDied`, never a hang. Ctrl-C is the parent's: workers ignore it, and it is held back
while the workers fork (landing during a fork, it would be swallowed by the fork handlers of
Python's own modules, logging's, and the run would go on to the end); the parent then raises
it and stops the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

Handle = Callable[[Any], Any]
Initializer = Callable[..., None]


def default_workers() -> int:
    """Every core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """Fork on Linux (shared memory, no pickling); spawn where fork is unsafe (macOS)."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class WorkerDied(RuntimeError):
    """A worker process ended without answering (killed, out of memory)."""


class WorkerPool:
    """`count` processes, each running `initializer(*initargs)` once, then `handle(task)` for
    every task it is sent. On Linux the workers fork, so `initargs` (the screener, the
    batch) are inherited, not pickled; elsewhere they are pickled once per worker. `role`
    names the workers in the error a dead one gives ("a batch worker ended ...")."""

    def __init__(
        self,
        context: BaseContext,
        count: int,
        handle: Handle,
        initializer: Initializer,
        initargs: tuple[Any, ...],
        *,
        role: str = "worker",
    ) -> None:
        self._role = role
        self._connections: list[Connection] = []
        self._processes: list[BaseProcess] = []
        self._in_flight: list[int] = []
        self._queue: deque[tuple[int, Any]] = deque()
        self._regions: list[deque[tuple[int, Any]]] = []  # per worker, its own run of tasks
        self._sent: list[deque[int]] = []  # per worker, the ids of its tasks in order
        forked = context.get_start_method() == "fork"
        try:
            with _ctrl_c_held():
                for _ in range(max(1, count)):
                    mine, theirs = context.Pipe(duplex=True)
                    self._connections.append(mine)
                    # A forked worker inherits the parent's end of its own pipe and of those
                    # made before it; it closes them, so that it reads end-of-file if the
                    # parent dies.
                    inherited = list(self._connections) if forked else []
                    process = context.Process(  # type: ignore[attr-defined]
                        target=_serve,
                        args=(theirs, inherited, handle, initializer, initargs),
                        daemon=True,
                    )
                    process.start()
                    theirs.close()
                    self._processes.append(process)
                    self._in_flight.append(0)
                    self._regions.append(deque())
                    self._sent.append(deque())
        except BaseException:  # Ctrl-C held back during the forks lands here
            self.terminate()
            raise

    def submit(self, tasks: Iterable[tuple[int, Any]]) -> None:
        """Queue `(task id, task)` pairs; they go out as workers are free."""
        self._queue.extend(tasks)
        self._feed()

    def submit_regions(self, regions: Sequence[Iterable[tuple[int, Any]]]) -> None:
        """Give worker w its own run of `(task id, task)` pairs, `regions[w]` (at most one
        run a worker): it is sent its run in order, then tasks `submit` queued, then the
        last task of the run with most left. Tasks alike kept in one run (a batch's names in
        alphabetical order) are handled by one worker, which reuses what it worked out for
        the first of them; taking from the other runs' ends keeps the workers finishing
        together."""
        for worker, tasks in enumerate(regions):
            self._regions[worker].extend(tasks)
        self._feed()

    @property
    def busy(self) -> bool:
        """A task is queued or being handled."""
        return bool(self._queue) or any(self._regions) or any(self._in_flight)

    def answers(
        self, timeout: float | None, also: Sequence[Connection] = ()
    ) -> list[tuple[int, Any]]:
        """`(task id, answer)` for the tasks answered within `timeout` seconds (possibly
        none; None waits for one); returns early too when one of `also` (a helper's pipe)
        has something."""
        watched = [c for c, n in zip(self._connections, self._in_flight, strict=True) if n]
        ready = {id(c) for c in wait([*watched, *also], timeout)}
        got: list[tuple[int, Any]] = []
        for worker, connection in enumerate(self._connections):
            if id(connection) not in ready:
                continue
            try:
                message: tuple[str, Any] = connection.recv()
            except (EOFError, OSError):
                raise self._died(worker) from None
            status, answer = message
            if status != "ok":
                assert isinstance(answer, BaseException)
                raise answer
            self._in_flight[worker] -= 1
            got.append((self._sent[worker].popleft(), answer))
        self._feed()
        return got

    def in_order(self, tasks: Sequence[Any]) -> Iterator[Any]:
        """Each task's answer, in the tasks' order, as soon as it and those before it are
        in (the tasks are handled in any order, on every worker)."""
        self.submit(enumerate(tasks))
        waiting: dict[int, Any] = {}
        following = 0
        while following < len(tasks):
            for task_id, answer in self.answers(None):
                waiting[task_id] = answer
            while following in waiting:
                yield waiting.pop(following)
                following += 1

    def close(self, *, wait: bool = True) -> None:
        """Let the workers finish and end (nothing must be left to do). With `wait=False`
        they are told to end and not waited for: a caller that has every answer need not
        wait while a forked worker gives back its memory (9-18 ms after a score-pairs share,
        serial time the user waits for). A thread of this process then reaps them as they
        end: left to multiprocessing's bookkeeping, each stayed a zombie until the next
        process started, in the window from one batch to the next."""
        for connection in self._connections:
            try:
                connection.send(None)
            except OSError:
                pass
        if wait:
            for process in self._processes:
                process.join()
        else:
            threading.Thread(
                target=_reap, args=(list(self._processes),), name="pool reaper", daemon=True
            ).start()
        for connection in self._connections:
            connection.close()

    def terminate(self) -> None:
        """Stop every worker now (cancelled, interrupted or failed work)."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join()
        for connection in self._connections:
            connection.close()

    def _died(self, worker: int) -> WorkerDied:
        process = self._processes[worker]
        process.join(1.0)
        return WorkerDied(f"a {self._role} ended without answering (exit code {process.exitcode})")

    def _feed(self) -> None:
        """Each idle worker gets a task; while more tasks wait than there are workers, each
        also keeps a second one queued in its pipe."""
        workers = len(self._connections)
        for depth in (1, 2):
            for worker in range(workers):
                waiting = len(self._queue) + sum(map(len, self._regions))
                if not waiting:
                    return
                if depth == 2 and waiting <= workers:
                    return
                if self._in_flight[worker] < depth:
                    task_id, task = self._next_task(worker)
                    try:
                        self._connections[worker].send(task)
                    except OSError:
                        raise self._died(worker) from None
                    self._in_flight[worker] += 1
                    self._sent[worker].append(task_id)


    def _next_task(self, worker: int) -> tuple[int, Any]:
        """The worker's next task: from its own run, else the queue, else the end of the
        longest run left (there is one: the caller saw a task waiting)."""
        own = self._regions[worker]
        if own:
            return own.popleft()
        if self._queue:
            return self._queue.popleft()
        return max(self._regions, key=len).pop()


def _reap(processes: list[BaseProcess]) -> None:
    """Wait for each process to end, so that none is left a zombie. Another thread's join
    of the same process (multiprocessing's `active_children`, a command's reaping at its
    end) sees it ended either way."""
    for process in processes:
        process.join()


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """A Ctrl-C that lands meanwhile is noted, then raised (through the handler there was
    before) once the block has run. A signal mask would not do: the kernel hands a signal
    sent to the process to any thread not blocking it, and the main thread then runs the
    handler wherever it is, a fork handler included. Off the main thread nothing is to do:
    Python runs signal handlers in the main thread only, so none interrupts these forks."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
    if noted:
        signal.raise_signal(signal.SIGINT)


def _serve(
    connection: Connection,
    inherited: list[Connection],
    handle: Handle,
    initializer: Initializer,
    initargs: tuple[Any, ...],
) -> None:
    """A worker: ignore Ctrl-C (the parent stops the workers), set up once, then answer
    each task until told to stop (None) or the parent goes away (end-of-file)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in inherited:
        other.close()
    initializer(*initargs)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer = ("ok", handle(task))
        except Exception as exc:  # raised again in the parent
            answer = ("error", exc)
        try:
            connection.send(answer)
        except Exception as exc:  # an answer or exception that does not pickle
            connection.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
