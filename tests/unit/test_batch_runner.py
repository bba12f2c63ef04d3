"""The batch runner screens each distinct query once and answers every row in file order."""

from __future__ import annotations

import gc
import os
from typing import Any

import pytest

from screener.batch.ahead import PreparedAhead
from screener.batch.model import BatchHit, BatchQuery
from screener.batch.runner import (
    MIN_QUERIES_FOR_POOL,
    MIN_TAIL_CHUNK,
    _runs,
    _tapered,
    prepare_ahead,
    screen_batch,
)
from screener.pools import start_method


class CountingScreener:
    """Answers a query with one hit naming it, and counts the queries it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def screen(self, query: BatchQuery, prepared: Any = None) -> tuple[BatchHit, ...]:
        self.asked.append(query.name)
        return (BatchHit("LIST", query.name, query.name, 0.9, "same name", 1),)


def test_a_repeated_query_is_screened_once_and_answers_each_row() -> None:
    rows = [
        BatchQuery(row=2, id="a", name="Ivan Petrov", country="RU"),
        BatchQuery(row=3, id="b", name="Ivan Petrov", country="RU"),
        BatchQuery(row=4, id="c", name="Ivan Petrov", country="BY"),  # another country
        BatchQuery(row=5, id="d", name="Ivan Petrov", country="RU", identifiers={"inn": "1"}),
        BatchQuery(row=6, id="e", name="Ivan Petrov", country="RU"),
    ]
    screener = CountingScreener()
    seen: list[tuple[int, int]] = []
    results = screen_batch(
        rows, screener, workers=1, on_progress=lambda done, total: seen.append((done, total))
    )
    assert [r.query for r in results] == rows  # every row, in file order, with its own id
    assert all(r.hits == results[0].hits for r in results)
    assert len(screener.asked) == 3  # RU, BY, RU with an identifier
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)


def test_names_alike_go_to_one_worker_and_han_and_kana_names_first() -> None:
    """One run of chunks a worker: the names in their order, cut into neighbours, so that a
    worker's names share words and candidates; Han and kana names first, so one worker
    loads the dictionaries that read them and no other takes them from its run's end."""
    latin = [BatchQuery(row=i, id=str(i), name=f"{'zyx'[i % 3]}name {i}") for i in range(30)]
    cjk = [BatchQuery(row=100 + i, id=f"c{i}", name=n) for i, n in enumerate(["习近平", "トヨタ"])]
    queries = [*latin[:10], cjk[0], *latin[10:], cjk[1]]
    runs = _runs(queries, 8, workers=2)
    assert len(runs) == 2 and all(len(chunk) <= 8 for run in runs for chunk in run)
    order = [queries[p].name for run in runs for chunk in run for p, _ in chunk]
    assert sorted(p for run in runs for chunk in run for p, _ in chunk) == list(range(32))
    assert set(order[:2]) == {"习近平", "トヨタ"}
    assert order[:2] == sorted(order[:2]) and order[2:] == sorted(order[2:], key=str.casefold)
    first = {queries[p].name for chunk in runs[0] for p, _ in chunk}
    assert len(first) == 16 and {"习近平", "トヨタ"} <= first
    assert all(name[0] in "xy" for name in first - {"习近平", "トヨタ"})


def test_chunks_shrink_towards_the_end_so_the_workers_finish_together() -> None:
    """Full chunks while each worker has two or more left, then halves of a worker's share:
    the last chunks are small, so no worker takes a full one as the other runs out."""
    numbered = [(i, BatchQuery(row=i, id=str(i), name=f"Name {i}")) for i in range(3000)]
    chunks = _tapered(numbered, 100, workers=2)
    sizes = [len(chunk) for chunk in chunks]
    assert [p for chunk in chunks for p, _ in chunk] == list(range(3000))  # each once, in order
    assert sizes[:26] == [100] * 26 and sizes == sorted(sizes, reverse=True)
    assert max(sizes[-4:]) <= MIN_TAIL_CHUNK
    assert [len(c) for c in _tapered(numbered[:5], 100, workers=2)] == [5]
    assert [len(c) for c in _tapered(numbered[:300], 100, workers=1)][:2] == [100, 100]


class SayingWhoPrepared:
    """Answers with a hit that says whether the query came prepared by a helper."""

    def screen(self, query: BatchQuery, prepared: Any = None) -> tuple[BatchHit, ...]:
        why = "by itself" if prepared is None else prepared
        return (BatchHit("LIST", query.name, query.name, 0.9, why, 1),)


def _prepare(query: BatchQuery) -> str:
    return f"prepared {query.name}"


def _broken(query: BatchQuery) -> str:
    raise RuntimeError("no dictionary")


def _batch() -> list[BatchQuery]:
    latin = [BatchQuery(row=i, id=str(i), name=f"Name {i}") for i in range(MIN_QUERIES_FOR_POOL)]
    cjk = [BatchQuery(row=1000 + i, id=f"c{i}", name=f"习近平 {i}") for i in range(30)]
    kana = [BatchQuery(row=2000, id="k", name="トヨタ")]
    return [*latin[:100], *cjk, *latin[100:], *kana, cjk[0]]


def test_a_helper_prepares_the_han_and_kana_names_and_the_pool_screens_them_prepared() -> None:
    queries = _batch()
    ahead = prepare_ahead(queries, _prepare, workers=2)
    assert isinstance(ahead, PreparedAhead) and ahead.count == 31  # distinct Han/kana queries
    results = screen_batch(queries, SayingWhoPrepared(), workers=2, chunk_size=16, ahead=ahead)
    assert [r.query for r in results] == queries
    for result in results:
        (hit,) = result.hits
        cjk = not result.query.name.startswith("Name")
        assert hit.why == (f"prepared {result.query.name}" if cjk else "by itself")


def test_without_a_helper_answer_the_workers_prepare_the_names_themselves() -> None:
    queries = _batch()
    ahead = prepare_ahead(queries, _broken, workers=2)
    assert ahead is not None
    results = screen_batch(queries, SayingWhoPrepared(), workers=2, chunk_size=16, ahead=ahead)
    assert [r.query for r in results] == queries
    assert all(r.hits[0].why == "by itself" for r in results)


def test_no_helper_without_such_names_or_without_a_pool() -> None:
    latin = [q for q in _batch() if q.name.startswith("Name")]
    assert prepare_ahead(latin, _prepare, workers=2) is None
    assert prepare_ahead(_batch(), _prepare, workers=1) is None
    assert prepare_ahead(_batch()[:50], _prepare, workers=2) is None  # too few for a pool
    mostly_cjk = [BatchQuery(row=i, id=str(i), name=f"山田 {i}") for i in range(300)]
    mostly_cjk += latin[:200]  # more than one worker's share: every worker reads some
    assert prepare_ahead(mostly_cjk, _prepare, workers=2) is None


class SharingScreener:
    """Counts `load_shared` calls in the process that makes them; answers with the pid that
    screened and how many loads that process saw."""

    def __init__(self) -> None:
        self.loads: list[int] = []

    def load_shared(self) -> None:
        self.loads.append(os.getpid())

    def screen(self, query: BatchQuery, prepared: Any = None) -> tuple[BatchHit, ...]:
        seen = f"{os.getpid()} {len(self.loads)}"
        return (BatchHit("LIST", query.name, seen, 0.9, "same name", 1),)


@pytest.mark.skipif(
    start_method() != "fork",
    reason="a forked worker shares the tables its parent loaded; a spawned one (macOS, Windows) "
    "loads its own by design, which this test would count as a second load; Linux forks",
)
def test_tables_are_loaded_once_before_the_workers_fork_and_shared_by_them() -> None:
    """Each worker used to load the nickname, Wade-Giles and schema tables at its first
    query (some 18 ms of CPU apiece): the parent loads them once and the fork shares them."""
    queries = [BatchQuery(row=i, id=str(i), name=f"Name {i}") for i in range(MIN_QUERIES_FOR_POOL)]
    screener = SharingScreener()
    results = screen_batch(queries, screener, workers=2)
    assert screener.loads == [os.getpid()]  # once, in this process
    answers = {hit.name for result in results for hit in result.hits}
    assert all(int(answer.split()[0]) != os.getpid() for answer in answers)  # in the workers
    assert {answer.split()[1] for answer in answers} == {"1"}  # which see the parent's load


def test_the_engine_loads_the_tables_its_first_query_would() -> None:
    from screener.batch.engine import EngineScreener, ScreenerDescription
    from screener.matching import wade_giles
    from screener.matching.alignment import nickname_pairs
    from screener.matching.index import EntrySource, MatchIndex
    from screener.matching.schemas import load_schema_table

    index = MatchIndex.from_entries([EntrySource("P-1", ["Ivan Petrov"], "person")])
    for table in (nickname_pairs, load_schema_table, wade_giles._table):
        table.cache_clear()
    EngineScreener(index, ScreenerDescription(0.7, 0.9)).load_shared()
    for table in (nickname_pairs, load_schema_table, wade_giles._table):
        assert table.cache_info().currsize == 1, table


def test_meanwhile_runs_here_while_the_workers_screen_and_its_error_stops_the_batch() -> None:
    """`screener screen` checks the index it started on while the pool screens: the batch
    is answered only once that check is done, and a failed check stops it."""
    queries = [BatchQuery(row=i, id=str(i), name=f"Name {i}") for i in range(MIN_QUERIES_FOR_POOL)]
    ran: list[int] = []
    results = screen_batch(
        queries, CountingScreener(), workers=2, meanwhile=lambda: ran.append(os.getpid())
    )
    assert ran == [os.getpid()] and len(results) == len(queries)

    def fails() -> None:
        raise LookupError("not the active lists' index")

    with pytest.raises(LookupError, match="active lists"):
        screen_batch(queries, CountingScreener(), workers=2, meanwhile=fails)
    few = queries[:3]  # no pool: before the first query
    with pytest.raises(LookupError):
        screen_batch(few, CountingScreener(), workers=2, meanwhile=fails)


@pytest.mark.parametrize("workers", [1, 2])
def test_each_rows_result_is_handed_over_as_its_answer_comes_in(workers: int) -> None:
    """`on_result` gets every row once, repeated queries included, with the very result
    the batch returns for that row; on a pool, before the last answer is in."""
    rows = [
        BatchQuery(row=i + 2, id=str(i), name=f"Name {i % 450}") for i in range(900)
    ]  # 450 distinct queries, each on two rows: a pool from 400
    handed: dict[int, object] = {}
    progress_when_handed: list[int] = []
    done = [0]

    def on_result(row: int, result: object) -> None:
        assert row not in handed
        handed[row] = result
        progress_when_handed.append(done[0])

    results = screen_batch(
        rows,
        CountingScreener(),
        workers=workers,
        on_progress=lambda count, _total: done.__setitem__(0, count),
        on_result=on_result,
    )
    assert handed == dict(enumerate(results))
    if workers > 1:
        assert min(progress_when_handed) < len(rows)  # handed over while the pool screened


def test_a_pools_answers_come_in_with_the_collector_off_and_are_then_out_of_its_reach() -> None:
    """A pool's answers are thousands of hits unpickled in this process: the cyclic
    collector would walk them again and again as they come in, or, paused, all at once
    when the batch is done. It is off while they come in, they are frozen with the rest
    of this process's objects once they are all in, and it runs again after."""
    rows = [BatchQuery(row=i + 2, id=str(i), name=f"Name {i}") for i in range(450)]
    collector_on: list[bool] = []
    assert gc.isenabled()
    results = screen_batch(
        rows,
        CountingScreener(),
        workers=2,
        on_result=lambda _row, _result: collector_on.append(gc.isenabled()),
    )
    assert len(collector_on) == len(rows) and not any(collector_on)
    assert gc.isenabled()
    walked = {id(o) for o in gc.get_objects()}  # the generations the collector walks
    assert not any(id(hit) in walked for result in results for hit in result.hits)
