"""The batch runner screens each distinct query once and answers every row in file order."""

from __future__ import annotations

from screener.batch.model import BatchHit, BatchQuery
from screener.batch.runner import _plan, screen_batch


class CountingScreener:
    """Answers a query with one hit naming it, and counts the queries it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def screen(self, query: BatchQuery) -> tuple[BatchHit, ...]:
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


def test_han_and_kana_names_go_to_one_worker_when_they_are_a_share_of_the_batch() -> None:
    """The Chinese and Japanese dictionaries take a second and 100 MB to load: such names
    travel together, first, so one worker loads them while the other screens the rest."""
    latin = [BatchQuery(row=i, id=str(i), name=f"Name {i}") for i in range(30)]
    cjk = [BatchQuery(row=100 + i, id=f"c{i}", name=n) for i, n in enumerate(["习近平", "トヨタ"])]
    queries = [*latin[:10], cjk[0], *latin[10:], cjk[1]]
    chunks = _plan(queries, 8, workers=2)
    assert [q.name for _, q in chunks[0]] == ["习近平", "トヨタ"]
    assert sorted(p for chunk in chunks for p, _ in chunk) == list(range(len(queries)))
    assert all(len(chunk) <= 8 for chunk in chunks[1:])
    # More than one worker's share: ordinary chunks, every worker reads some.
    mostly_cjk = [*cjk * 10, *latin[:5]]
    assert all(len(chunk) <= 8 for chunk in _plan(mostly_cjk, 8, workers=2))
