"""Screener's one pool: every task answered once (in order when asked), errors and deaths
reach the parent, Ctrl-C during the forks is not lost."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from typing import Any

import pytest

from screener.pools import WorkerDied, WorkerPool, start_method

_offset = 0


def _set_offset(offset: int) -> None:
    global _offset
    _offset = offset


def _add_offset(task: int) -> tuple[int, int]:
    time.sleep(0.001 * (task % 3))  # uneven tasks: answers come back out of order
    return task + _offset, os.getpid()


def _fail_on_seven(task: int) -> int:
    if task == 7:
        raise ValueError("seven is bad")
    return task


def _die_on_three(task: int) -> int:
    if task == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return task


def _drain(pool: WorkerPool) -> dict[int, Any]:
    answers: dict[int, Any] = {}
    while pool.busy:
        for task_id, answer in pool.answers(0.05):
            assert task_id not in answers
            answers[task_id] = answer
    return answers


def _pool(handle: Any, count: int = 2) -> WorkerPool:
    context = multiprocessing.get_context(start_method())
    return WorkerPool(context, count, handle, _set_offset, (1000,), role="test worker")


def test_each_worker_handles_its_own_run_first_then_takes_from_the_ends_of_others() -> None:
    """`submit_regions`: worker w is sent its own run in order (tasks alike stay on one
    worker), then, its run done, the last task of the longest run left; each task once."""
    pool = _pool(_add_offset)
    try:
        pool.submit_regions([[(i, i) for i in range(10)], [(i, i) for i in range(10, 20)]])
        answers = _drain(pool)
    finally:
        pool.close()
    assert sorted(answers) == list(range(20))
    assert all(answers[i][0] == i + 1000 for i in answers)
    worker_of = {i: pid for i, (_, pid) in answers.items()}
    assert worker_of[0] == worker_of[1] != worker_of[10] == worker_of[11]  # two sent each

    pool = _pool(_add_offset)
    try:
        pool.submit_regions([[(i, i) for i in range(10)], []])  # the second has none of its own
        answers = _drain(pool)
    finally:
        pool.close()
    assert sorted(answers) == list(range(10))
    worker_of = {i: pid for i, (_, pid) in answers.items()}
    assert worker_of[9] != worker_of[0] == worker_of[1]  # it took from the run's end


@pytest.mark.skipif(
    not os.path.isdir("/proc/self"),
    reason="a zombie is seen only through /proc (Linux, where the window and CI run); "
    "elsewhere the same reaper thread runs, with no /proc to look in",
)
def test_closing_without_waiting_leaves_the_workers_to_end_and_be_reaped_on_their_own() -> None:
    """Nothing here joins them or asks multiprocessing for its children (either reaps): a
    worker's /proc entry, which a zombie keeps, must still go. In the window they had stayed
    zombies until the next batch started."""
    pool = _pool(_add_offset)
    pool.submit((i, i) for i in range(40))
    workers = {pid for _, pid in _drain(pool).values()}
    assert len(workers) == 2
    pool.close(wait=False)
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{pid}") for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")], "left as zombies"


def test_every_task_is_answered_once_by_workers_set_up_once() -> None:
    pool = _pool(_add_offset)
    try:
        pool.submit((i, i) for i in range(40))
        answers = _drain(pool)
    finally:
        pool.close()
    assert {i: a[0] for i, a in answers.items()} == {i: i + 1000 for i in range(40)}
    assert len({pid for _, pid in answers.values()}) == 2  # both workers took tasks
    assert os.getpid() not in {pid for _, pid in answers.values()}


def test_tasks_submitted_later_are_answered_too() -> None:
    pool = _pool(_add_offset)
    try:
        pool.submit([(0, 0), (1, 1)])
        first = _drain(pool)
        pool.submit([(2, 2)])
        later = _drain(pool)
    finally:
        pool.close()
    assert set(first) == {0, 1} and later[2][0] == 1002


def test_a_workers_exception_is_raised_in_the_parent() -> None:
    pool = _pool(_fail_on_seven)
    try:
        pool.submit((i, i) for i in range(10))
        with pytest.raises(ValueError, match="seven is bad"):
            _drain(pool)
    finally:
        pool.terminate()


def test_a_worker_that_dies_ends_the_batch_with_an_error_not_a_hang() -> None:
    pool = _pool(_die_on_three)
    started = time.monotonic()
    try:
        pool.submit((i, i) for i in range(10))
        with pytest.raises(WorkerDied, match=r"a test worker ended .*\(exit code -9\)"):
            _drain(pool)
    finally:
        pool.terminate()
    assert time.monotonic() - started < 10


def test_answers_in_order_come_in_the_tasks_order_from_every_worker() -> None:
    pool = _pool(_add_offset)
    try:
        answers = list(pool.in_order(list(range(60))))
    finally:
        pool.close()
    assert [a[0] for a in answers] == [i + 1000 for i in range(60)]
    assert len({pid for _, pid in answers}) == 2


def test_a_worker_killed_while_answers_are_awaited_in_order_is_an_error() -> None:
    pool = _pool(_die_on_three)
    try:
        with pytest.raises(WorkerDied, match="exit code -9"):
            list(pool.in_order(list(range(10))))
    finally:
        pool.terminate()


_interrupt_next_fork = False


def _interrupt_during_fork() -> None:
    """Ctrl-C landing while a fork is under way, where Python's own fork handlers run."""
    global _interrupt_next_fork
    if _interrupt_next_fork:
        _interrupt_next_fork = False
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # time for whichever thread the kernel chose to take it


@pytest.mark.skipif(
    start_method() != "fork",
    reason="the Ctrl-C is sent from a fork handler (os.register_at_fork), and only a fork runs "
    "those: where workers are spawned (macOS, Windows) there is no fork for it to land in; "
    "Linux, where the app and CI run, forks",
)
def test_ctrl_c_during_the_forks_stops_the_pool_instead_of_being_swallowed() -> None:
    """Raised inside a fork handler, KeyboardInterrupt would be printed and dropped (as it
    is in logging's), and the work would go on to the end; held back, it lands once the
    workers are forked, and they are stopped. A second thread is running, as in a process
    with a thread pool: the kernel may hand it the signal, so blocking it in the forking
    thread alone would not hold it back."""
    global _interrupt_next_fork
    os.register_at_fork(before=_interrupt_during_fork)
    assert not multiprocessing.active_children()
    idle = threading.Event()
    other = threading.Thread(target=idle.wait, daemon=True)
    other.start()
    _interrupt_next_fork = True
    try:
        with pytest.raises(KeyboardInterrupt):
            _pool(_add_offset)
    finally:
        idle.set()
        other.join()
    assert not _interrupt_next_fork  # the signal was sent during a fork
    assert not multiprocessing.active_children()  # every worker forked was stopped
