"""Worker processes fed one chunk at a time, each over its own pipe, with no thread in the parent.

`multiprocessing.Pool` keeps three threads in the parent, and one of them (the worker
handler) wakes whenever an answer lies unread in the pool's shared result pipe and loops
until the result thread has read it: about a tenth of a CPU second per 10,000-name batch,
taken from the workers on a two-core machine (a bare pool of two workers spins some 4,000
times over a hundred short tasks). Here each worker has its own duplex pipe; the parent
waits on all of them at once (`multiprocessing.connection.wait`, which also wakes for a
helper process or to poll a cancel flag), sends a worker its next chunk as soon as it
answers, and keeps a second chunk queued in each worker's pipe while there are plenty left,
so that no worker waits for the parent to be scheduled; near the end chunks go only to idle
workers, so the workers finish together.

A worker's exception comes back to the parent and is raised there; a worker that dies
(killed, out of memory) ends the batch with an error rather than a hang.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

Handle = Callable[[Any], Any]
Initializer = Callable[..., None]


class WorkerDied(RuntimeError):
    """A worker process ended without answering (killed, out of memory)."""


class WorkerPool:
    """`count` processes, each running `initializer(*initargs)` once, then `handle(task)` for
    every task it is sent. On Linux the workers fork, so `initargs` (the screener, the
    batch) are inherited, not pickled; elsewhere they are pickled once per worker."""

    def __init__(
        self,
        context: BaseContext,
        count: int,
        handle: Handle,
        initializer: Initializer,
        initargs: tuple[Any, ...],
    ) -> None:
        self._connections: list[Connection] = []
        self._processes: list[BaseProcess] = []
        self._in_flight: list[int] = []
        self._queue: deque[tuple[int, Any]] = deque()
        self._sent: list[deque[int]] = []  # per worker, the ids of its tasks in order
        self._answers: dict[int, Any] = {}
        forked = context.get_start_method() == "fork"
        try:
            for _ in range(max(1, count)):
                mine, theirs = context.Pipe(duplex=True)
                self._connections.append(mine)
                # A forked worker inherits the parent's end of its own pipe and of those made
                # before it; it closes them, so that it reads end-of-file if the parent dies.
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
                self._sent.append(deque())
        except BaseException:
            self.terminate()
            raise

    def submit(self, tasks: Iterable[tuple[int, Any]]) -> None:
        """Queue `(task id, task)` pairs; they go out as workers are free."""
        self._queue.extend(tasks)
        self._feed()

    @property
    def busy(self) -> bool:
        """A task is queued or being handled."""
        return bool(self._queue) or any(self._in_flight)

    def answers(self, timeout: float, also: Sequence[Connection] = ()) -> list[tuple[int, Any]]:
        """`(task id, answer)` for the tasks answered within `timeout` seconds (possibly
        none); returns early too when one of `also` (a helper's pipe) has something."""
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

    def close(self) -> None:
        """Let the workers finish and end (nothing must be left to do)."""
        for connection in self._connections:
            try:
                connection.send(None)
            except OSError:
                pass
        for process in self._processes:
            process.join()
        for connection in self._connections:
            connection.close()

    def terminate(self) -> None:
        """Stop every worker now (a cancelled or failed batch)."""
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
        return WorkerDied(f"a batch worker ended without answering (exit code {process.exitcode})")

    def _feed(self) -> None:
        """Each idle worker gets a task; while more tasks wait than there are workers, each
        also keeps a second one queued in its pipe."""
        workers = len(self._connections)
        for depth in (1, 2):
            for worker in range(workers):
                if not self._queue:
                    return
                if depth == 2 and len(self._queue) <= workers:
                    return
                if self._in_flight[worker] < depth:
                    task_id, task = self._queue.popleft()
                    try:
                        self._connections[worker].send(task)
                    except OSError:
                        raise self._died(worker) from None
                    self._in_flight[worker] += 1
                    self._sent[worker].append(task_id)


def _serve(
    connection: Connection,
    inherited: list[Connection],
    handle: Handle,
    initializer: Initializer,
    initargs: tuple[Any, ...],
) -> None:
    """A worker: set up once, then answer each task until told to stop (None) or the
    parent goes away (end-of-file)."""
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
