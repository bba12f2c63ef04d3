"""Screening a batch of queries on every core, with progress, cancel and all-or-nothing results.

Scoring is pure CPU work in Python, so threads would share one core; worker processes do
not (`screener.pools.WorkerPool`). The screener (the index and its scorer) is built once in the
parent and reaches each worker when it starts: on Linux the workers fork, so they share the
parent's memory copy-on-write (`gc.freeze` keeps the collector from touching, and so
copying, those pages); elsewhere it is pickled once per worker, not once per task.
Queries travel in chunks so the pool's overhead stays small next to the scoring, while
progress still moves often enough for a smooth bar. A query repeated in the file (the same
party on several rows) is screened once. Results are returned only when every
chunk is in: a cancelled batch raises `BatchCancelled` and hands back nothing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from pickle import loads
from typing import Any, Protocol

from screener.batch.ahead import PreparedAhead, needs_dictionaries, query_key
from screener.batch.model import BatchCancelled, BatchHit, BatchQuery, BatchResult
from screener.collector import collector_paused, collector_paused_then_frozen
from screener.pools import WorkerPool, default_workers, start_method

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
# A row's result as soon as its answer is in: (row's position in the batch, its result).
ResultCallback = Callable[[int, BatchResult], None]

CHUNK_SIZE = 100
# The smallest chunk of a batch's tail: chunks shrink as the batch ends so that the workers
# finish together (`_tapered`), and below this the pool's round trip would outweigh a chunk.
MIN_TAIL_CHUNK = 10
# Below this many queries a pool costs more than it saves (process start, first-touch copies).
MIN_QUERIES_FOR_POOL = 400
POLL_SECONDS = 0.05


class QueryScreener(Protocol):
    """What the runner needs: one query in, its hits at or above the threshold out.

    `prepared` is what the screener's own preparation made of the query elsewhere (a
    helper process: screener/batch/ahead.py), when it did."""

    def screen(self, query: BatchQuery, prepared: Any = None) -> tuple[BatchHit, ...]: ...


def _no_progress(_done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


def screen_batch(
    queries: Sequence[BatchQuery],
    screener: QueryScreener,
    *,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    on_progress: ProgressCallback = _no_progress,
    is_cancelled: CancelCheck = _never,
    niceness: int = 0,
    ahead: PreparedAhead | None = None,
    meanwhile: Callable[[], None] | None = None,
    on_result: ResultCallback | None = None,
) -> list[BatchResult]:
    """Every query's result in input order; raises BatchCancelled if stopped part way.

    `niceness` lowers the workers' CPU priority (Unix `nice`): the window passes a positive
    value so that, on a busy machine, its own thread is scheduled before the batch.
    `ahead` (from `prepare_ahead`) is preparing the Han and kana names: the pool screens
    the other names meanwhile and those once they are prepared.
    `meanwhile` runs in this process once the workers have their first chunks (before any
    answer is gathered; without a pool, before the first query): what it raises stops the
    batch, its workers ended, and nothing is returned. `screener screen` checks there that
    the index it started on is the active lists' (screener/batch/kept.py).
    `on_result` is called in this process with each row's result (the row's position and
    the result returned for it) as its answer comes in, while the pool screens the rest:
    `screener screen` writes the row's part of its report then (writer.result_text).
    """
    workers = default_workers() if workers is None else max(1, workers)
    distinct, first_of = _distinct(queries)
    total = len(queries)

    def progress(done: int, _distinct_total: int) -> None:
        on_progress(total if done == len(distinct) else done * total // len(distinct), total)

    answered = _rows_answered(queries, first_of, on_result) if on_result is not None else None

    on_progress(0, total)
    try:
        if not _pooled(len(distinct), workers):
            if meanwhile is not None:
                meanwhile()
            chunks = _chunks(list(enumerate(distinct)), chunk_size)
            screened = _screen_here(chunks, screener, len(distinct), progress, is_cancelled)
            if answered is not None:
                for position, result in enumerate(screened):
                    answered(position, result.hits)
        else:
            late: _Late | None = None
            if ahead is not None:
                numbered = list(enumerate(distinct))
                waiting = [item for item in numbered if needs_dictionaries(item[1])]
                rest = [item for item in numbered if not needs_dictionaries(item[1])]
                runs = [_tapered(rest, chunk_size, workers)]  # one run, shared by all
                late = _Late(ahead, _chunks(waiting, chunk_size))
            else:
                runs = _runs(distinct, chunk_size, workers)
            screened = _screen_in_pool(
                runs,
                screener,
                workers,
                len(distinct),
                progress,
                is_cancelled,
                niceness,
                late,
                meanwhile,
                answered,
            )
    finally:
        if ahead is not None:
            ahead.close()
    return [
        found if (found := screened[first_of[i]]).query is query else BatchResult(query, found.hits)
        for i, query in enumerate(queries)
    ]


def _rows_answered(
    queries: Sequence[BatchQuery], first_of: list[int], on_result: ResultCallback
) -> Callable[[int, tuple[BatchHit, ...]], None]:
    """A distinct query's hits -> `on_result` for each row that is that query, with the
    result `screen_batch` returns for the row."""
    rows_of: dict[int, list[int]] = {}
    for row, position in enumerate(first_of):
        rows_of.setdefault(position, []).append(row)

    def answered(position: int, hits: tuple[BatchHit, ...]) -> None:
        for row in rows_of.get(position, ()):
            on_result(row, BatchResult(queries[row], hits))

    return answered


def prepare_ahead(
    queries: Sequence[BatchQuery], prepare: Callable[[BatchQuery], Any], workers: int | None
) -> PreparedAhead | None:
    """Start preparing the batch's Han and kana names in a helper (screener/batch/ahead.py)
    when `screen_batch` will screen on a pool and they are at most one worker's share of
    the batch; pass the result to it. A batch mostly in those scripts is better read by
    every worker, each loading the dictionaries, than by one helper the pool waits for."""
    workers = default_workers() if workers is None else max(1, workers)
    distinct = {query_key(q): q for q in queries}
    if not _pooled(len(distinct), workers):
        return None
    if sum(1 for q in distinct.values() if needs_dictionaries(q)) > len(distinct) // workers:
        return None
    return PreparedAhead.start(queries, prepare)


def _pooled(distinct: int, workers: int) -> bool:
    return workers > 1 and distinct >= MIN_QUERIES_FOR_POOL


Numbered = list[tuple[int, BatchQuery]]  # (position among the distinct queries, query)
Task = tuple[list[int], list[bytes] | None]  # positions, and their prepared queries (pickled)


class _Late:
    """Chunks of names a helper is preparing: sent to the pool once it has answered."""

    def __init__(self, ahead: PreparedAhead, chunks: list[Numbered]) -> None:
        self.ahead = ahead
        self.chunks = chunks

    def tasks(self) -> list[Task]:
        """Each chunk with its prepared queries; without them (the workers prepare the
        names) if the helper prepared not every one."""
        prepared = self.ahead.take()
        tasks: list[Task] = []
        for chunk in self.chunks:
            found = [prepared.get(query_key(query)) for _, query in chunk]
            records = [record for record in found if record is not None]
            usable = len(records) == len(found)
            tasks.append(([position for position, _ in chunk], records if usable else None))
        return tasks


def _chunks(numbered: Numbered, size: int) -> list[Numbered]:
    return [numbered[i : i + size] for i in range(0, len(numbered), size)]


def _tapered(numbered: Numbered, size: int, workers: int) -> list[Numbered]:
    """Chunks of `size` while there is plenty left, then each a share of what is left (a
    worker's half), down to MIN_TAIL_CHUNK: a worker that takes the last full chunk while
    the other has nothing left to take would leave a core idle for up to a chunk's time
    (a tenth of a second at a million entries, 6 % of a 3,000-name batch)."""
    chunks: list[Numbered] = []
    start = 0
    while start < len(numbered):
        left = len(numbered) - start
        step = min(size, max(MIN_TAIL_CHUNK, -(-left // (2 * workers))))
        chunks.append(numbered[start : start + step])
        start += step
    return chunks


def _runs(distinct: list[BatchQuery], size: int, workers: int) -> list[list[Numbered]]:
    """The pool's chunks, as one run of them a worker (`WorkerPool.submit_regions`).

    The queries go in the order of their names, cut into a run of neighbours per worker:
    names alike share words and candidates, and the worker screening them works each word
    and candidate out once for all of them (given chunks in turn, every worker worked out
    the batch's common words and candidates again: a sixth of their CPU on the 10,000-name
    benchmark batch). Names in Han or kana come first, so one worker loads the dictionaries
    that read them and no other takes them from its run's end. Each run shrinks towards its
    end (`_tapered`), where the workers done with their own take from the others'."""
    numbered = sorted(
        enumerate(distinct),
        key=lambda item: (not needs_dictionaries(item[1]), item[1].name.casefold()),
    )
    share = -(-len(numbered) // workers)
    return [
        _tapered(numbered[start : start + share], size, workers)
        for start in range(0, len(numbered), share)
    ]


def _distinct(queries: Sequence[BatchQuery]) -> tuple[list[BatchQuery], list[int]]:
    """Each distinct query once (registers repeat parties), and where each row's answer is.

    Rows are the same query when every field the screener reads is equal (name as written,
    type, country, date, identifiers); the row number and id only travel with the result.
    """
    distinct: list[BatchQuery] = []
    seen: dict[tuple[object, ...], int] = {}
    first_of: list[int] = []
    for query in queries:
        key = query_key(query)
        found = seen.get(key)
        if found is None:
            found = seen[key] = len(distinct)
            distinct.append(query)
        first_of.append(found)
    return distinct, first_of


def _screen_here(
    chunks: list[Numbered],
    screener: QueryScreener,
    total: int,
    on_progress: ProgressCallback,
    is_cancelled: CancelCheck,
) -> list[BatchResult]:
    results: list[BatchResult] = []
    # no cycles made; the collector walked every index name read: a quarter of a worker's time
    with collector_paused():
        for chunk in chunks:
            if is_cancelled():
                raise BatchCancelled("batch screening cancelled")
            results.extend(result for _, result in _screen_chunk_with(screener, chunk))
            on_progress(len(results), total)
    return results


def _screen_in_pool(
    runs: list[list[Numbered]],
    screener: QueryScreener,
    workers: int,
    total: int,
    on_progress: ProgressCallback,
    is_cancelled: CancelCheck,
    niceness: int,
    late: _Late | None = None,
    meanwhile: Callable[[], None] | None = None,
    answered: Callable[[int, tuple[BatchHit, ...]], None] | None = None,
) -> list[BatchResult]:
    context = multiprocessing.get_context(start_method())
    queries: list[BatchQuery | None] = [None] * total
    for chunk in [*(chunk for run in runs for chunk in run), *(late.chunks if late else [])]:
        for position, query in chunk:
            queries[position] = query
    # Objects that exist now are shared with the forked workers; keep the collector from
    # writing into their pages (and so copying them). No gc.collect(): over a large index it
    # would hold the interpreter lock for a second and freeze a window's event loop.
    # The queries reach the workers with the screener (inherited by a fork, not pickled):
    # tasks and answers carry positions and hits only (and a helper's prepared queries).
    # Tables every worker would load at its first query, loaded once here and shared.
    load_shared = getattr(screener, "load_shared", None)
    if load_shared is not None and context.get_start_method() == "fork":
        load_shared()
    gc.freeze()
    pool = WorkerPool(
        context, workers, _screen_task, _install, (screener, niceness, queries), role="batch worker"
    )
    try:
        tasks: list[list[Task]] = [
            [([position for position, _ in chunk], None) for chunk in run] for run in runs
        ]
        # The answers come in as thousands of hits, each with its features' dicts. Made
        # while the collector runs, they set off collections that walk every answer in so
        # far, again and again; paused, the first collection after the batch walks them all
        # once, while the user waits. So the collector stays off while they come in, and
        # they are frozen with whatever else this process made meanwhile, as everything
        # alive was when the pool started (above): hits hold no cycles, and reference
        # counting frees them when the results are let go (at 1M entries, 3,000 names:
        # this process's CPU 0.14 -> 0.09 s while the workers want both cores).
        with collector_paused_then_frozen():
            results = _collect(
                pool, tasks, late, queries, on_progress, is_cancelled, meanwhile, answered
            )
    except BaseException:
        pool.terminate()
        raise
    pool.close(wait=False)  # they free their memory while this process goes on with the report
    return results


def _collect(
    pool: WorkerPool,
    runs: list[list[Task]],
    late: _Late | None,
    queries: list[BatchQuery | None],
    on_progress: ProgressCallback,
    is_cancelled: CancelCheck,
    meanwhile: Callable[[], None] | None = None,
    on_answer: Callable[[int, tuple[BatchHit, ...]], None] | None = None,
) -> list[BatchResult]:
    """Gather chunks as they finish, polling the cancel flag so Cancel acts within ~50 ms;
    each answer goes back to its query's position (and to `on_answer`). Late chunks are
    sent once their helper has answered (the wait wakes for it)."""
    total = len(queries)
    results: list[BatchResult | None] = [None] * total
    numbered: list[list[tuple[int, Task]]] = []
    sent = 0
    for run in runs:
        numbered.append(list(enumerate(run, start=sent)))
        sent += len(run)
    if len(numbered) == 1:  # one run for every worker, in its order
        pool.submit(numbered[0])
    else:
        pool.submit_regions(numbered)
    running = _Meanwhile(meanwhile) if meanwhile is not None else None
    done = 0
    while pool.busy or late is not None:
        if is_cancelled():
            raise BatchCancelled("batch screening cancelled")
        if running is not None:
            running.check()
        helper = [late.ahead.connection] if late is not None else []
        answered = pool.answers(POLL_SECONDS, also=helper)
        if late is not None and late.ahead.ready(0.0):
            more = late.tasks()
            pool.submit(enumerate(more, start=sent))
            sent, late = sent + len(more), None
        for _task, answers in answered:
            for position, hits in answers:
                query = queries[position]
                assert query is not None
                results[position] = BatchResult(query, hits)
                if on_answer is not None:
                    on_answer(position, hits)
            done += len(answers)
            on_progress(done, total)
    if is_cancelled():
        raise BatchCancelled("batch screening cancelled")
    if running is not None:
        running.finish()
    if any(result is None for result in results):
        raise RuntimeError("a chunk of the batch came back incomplete")
    return results  # type: ignore[return-value]


class _Meanwhile:
    """`screen_batch`'s `meanwhile`, on a thread of this process while the answers are
    gathered on this one: run in line, it would leave the workers without new chunks (each
    holds two) and their answers unread in the pipes until it ended."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(work,), name="batch meanwhile", daemon=True
        )
        self._thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as exc:  # raised on the gathering thread (`check`, `finish`)
            self._error = exc

    def check(self) -> None:
        """Raise what the work raised, if it has ended so."""
        if self._error is not None:
            raise self._error

    def finish(self) -> None:
        """Wait for the work to end; raise what it raised."""
        self._thread.join()
        self.check()


_worker_screener: QueryScreener | None = None
_worker_queries: list[BatchQuery | None] = []


def _install(
    screener: QueryScreener, niceness: int = 0, queries: list[BatchQuery | None] | None = None
) -> None:
    """A worker's set-up (the pool already has it ignore Ctrl-C: the parent terminates it)."""
    global _worker_screener, _worker_queries
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)
    gc.disable()  # a worker lives for one batch: see collector_paused above
    _worker_screener = screener
    _worker_queries = queries or []


def _screen_task(task: Task) -> list[tuple[int, tuple[BatchHit, ...]]]:
    assert _worker_screener is not None, "worker started without a screener"
    screen, queries = _worker_screener.screen, _worker_queries
    positions, prepared = task
    answers = []
    for i, position in enumerate(positions):
        query = queries[position]
        assert query is not None, "worker started without the batch"
        answers.append(
            (position, screen(query) if prepared is None else screen(query, loads(prepared[i])))
        )
    return answers


def _screen_chunk_with(screener: QueryScreener, chunk: Numbered) -> list[tuple[int, BatchResult]]:
    return [(position, BatchResult(query, screener.screen(query))) for position, query in chunk]
