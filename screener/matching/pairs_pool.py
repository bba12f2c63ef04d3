"""Scoring a large pair file on every core, the output the same as one process gives.

Scoring is pure CPU work in Python, so threads would share one core; worker processes do
not. A file of `MIN_PAIRS_FOR_POOL` rows or more is shared out among the workers by its
names (`shares_by_name`): preparing a name costs about half as much as scoring a pair, and
a name two workers meet is prepared twice (cut into spans of consecutive rows, the
benchmark's 20,000 pairs had 3,774 of their 21,726 names prepared twice). Each row is
scored and its line formatted by the same `PairScorer.lines` as in one process, and the
line goes back to its place, so the written file is byte for byte the one a single process
writes. Smaller files
stay in one process: starting the workers and copying their first pages costs more than it
saves there.

The pool is Screener's one pool (`screener.pools.WorkerPool`), one worker fewer than the
processes asked for: the parent scores the first share itself meanwhile (one fork fewer, and
none of that share's touches of the parent's pages copies one). On Linux it forks: the
workers start at once with the rows, the configuration and the parent's scorer shared
copy-on-write, and nothing but spans and the lines of their rows crosses a pipe.
Before forking, the parent loads what every worker would otherwise load for itself: the
word rarities and the nickname table. The pypinyin and pykakasi dictionaries, which only
Chinese and Japanese names need (some 0.2 CPU s together), are the parent's alone: the
rows with a Han or kana name are all in its share, and it loads the dictionaries after the
fork, on its first such name, while the workers already score (`shares_by_name` counts the
loading as work the parent has done, `DICTIONARIES_COST`); before, the second core idled
while the parent loaded them. A file of mostly such rows (more than `MOST_DICTIONARY_ROWS`)
has them loaded before forking, shared by every worker, as before.
Ctrl-C is the parent's: the workers ignore it,
the parent stops them and the spans not scored are dropped. A worker that dies (killed, out of
memory) ends the run with `PairsPoolError`, never a hang.
"""

from __future__ import annotations

import gc
import multiprocessing
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from screener.matching.alignment import nickname_pairs
from screener.matching.config import MatchConfig
from screener.matching.pairs import PairScorer
from screener.matching.rarity import default_rarity
from screener.names import detect_script
from screener.pools import WorkerDied, WorkerPool, default_workers, start_method

# Below this many rows a pool costs more than it saves: forking, the workers' first touches
# of shared pages and each worker warming its own word caches. Measured as processes (the
# command with --workers 1 and 2, load 3 on 2 cores): even at 2,000 rows, ~10 % faster at 4,000.
MIN_PAIRS_FOR_POOL = 2_000
# A row's share of a worker's work, in the units of preparing one name: scoring a pair
# costs about twice as much as preparing a name (benchmarks/score_pairs_speed.py --parts).
ROW_COST = 2
LEAD = 0.01  # how far ahead of the least busy worker a name's owner may be and still get its rows
_DICTIONARY_SCRIPTS = frozenset({"han", "kana"})
# Loading the pypinyin and pykakasi dictionaries, in the units of preparing one name, and
# what a row needing them costs beyond `ROW_COST` (a Han name is read two ways, Chinese and
# Japanese, and each reading aligned): fitted so that the command and its worker end
# together on score_pairs_speed.py's 20,000 pairs and on their first 6,000 (the CPU of each
# share and of the loading timed apart: 0.11-0.18 s for the loading, 20-28 µs a unit).
DICTIONARIES_COST = 9_000
TAKEN_ROW_EXTRA = 1
# Above this share of the rows, rows needing the dictionaries are not all kept in this
# process: the dictionaries are loaded before forking and every worker scores such rows.
MOST_DICTIONARY_ROWS = 1 / 3
# Characters whose names are read with the dictionaries: Han (pinyin, or Japanese readings)
# and kana, halfwidth kana included (NFKC makes them kana). A name routed wrongly by this
# test is scored the same, only by a process that then loads the dictionaries itself.
_DICTIONARY_CHARACTERS = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"
)


class PairsPoolError(RuntimeError):
    """A scoring worker stopped without answering."""


def score_file(
    rows: Sequence[dict[str, str]],
    columns: Sequence[str],
    config: MatchConfig | None = None,
    *,
    workers: int | None = None,
) -> tuple[list[str], int]:
    """Every row's line of the output file (`pairs.scored_lines`), in input order, and how
    many rows alert: on `workers` processes (default: every core; this one and a pool of
    the others) when the file is large enough to gain from them, else in this process. A
    worker formats the lines of the rows it scored: the parent, which waits for the last
    worker, then has only to put them in their places and write them (it made a result
    object for each row and formatted every line itself, about 3 µs a pair after the
    workers had ended)."""
    scorer = PairScorer(config)
    workers = default_workers() if workers is None else max(1, workers)
    if not pooled(len(rows), workers):
        return scorer.lines(columns, rows)
    return _lines_on_pool(rows, columns, scorer, workers)


def pooled(rows: int, workers: int) -> bool:
    """Whether `score_file` scores this many rows on a pool of `workers` processes."""
    return workers > 1 and rows >= MIN_PAIRS_FOR_POOL


def _lines_on_pool(
    rows: Sequence[dict[str, str]], columns: Sequence[str], scorer: PairScorer, workers: int
) -> tuple[list[str], int]:
    method = start_method()
    kept: set[int] = set()  # rows this process scores, loading the dictionaries after the fork
    if method == "fork":
        _load_shared(scorer)
        kept = dictionary_rows(rows)
        if len(kept) > MOST_DICTIONARY_ROWS * len(rows):
            _load_dictionaries(rows, scorer)
            kept = set()
        # What exists now is shared with the forked workers: keep the collector from
        # writing into those pages (and so copying them).
        gc.freeze()
    shares = shares_by_name(rows, workers, kept, DICTIONARIES_COST if kept else 0)
    # This process scores the first share itself while the workers score the others: one
    # fork fewer, and the pages of one share's work are never copied from the parent's.
    own, others = shares[0], shares[1:]
    pool = WorkerPool(
        multiprocessing.get_context(method),
        len(others),
        _score_share,
        _install,
        (rows, columns, scorer if method == "fork" else PairScorer(scorer.config)),
        role="scoring worker",
    )
    lines = [""] * len(rows)
    try:
        pool.submit(enumerate(others))  # before this process starts on its own share
        part, alerts = scorer.lines(columns, [rows[i] for i in own])
        for position, line in zip(own, part, strict=True):
            lines[position] = line
        waiting = len(others)
        while waiting:
            for task, (part, alerted) in pool.answers(None):
                for position, line in zip(others[task], part, strict=True):
                    lines[position] = line
                alerts += alerted
                waiting -= 1
    except WorkerDied as exc:
        pool.terminate()
        raise PairsPoolError(
            "a scoring worker stopped unexpectedly (killed or out of memory); nothing written"
        ) from exc
    except BaseException:  # Ctrl-C included
        pool.terminate()
        raise
    pool.close(wait=False)  # every answer is in: its exit is no part of the run
    return lines, alerts


def shares_by_name(
    rows: Sequence[dict[str, str]],
    workers: int,
    first_takes: AbstractSet[int] = frozenset(),
    head_start: int = 0,
) -> list[list[int]]:
    """The row positions each worker scores, in file order: a row goes to the worker that
    already has one of its names, so that each name is prepared (and its words weighed) in
    one worker, unless that worker is ahead of the least busy one by more than `LEAD` of
    the work; then, as a row whose names no worker has yet, to the least busy worker. Work
    counts `ROW_COST` per row and one per name a worker prepares. A file of one query
    against many candidates has the query prepared in every worker and its candidates
    shared out. Names are told apart by their text alone here (a name under two schemas
    is still one guess): this runs in the parent before the workers start, so it is kept
    to about a microsecond a row. The rows at `first_takes` all go to the first share (the
    parent's), which starts `head_start` units of work ahead (what it does before scoring,
    there: loading the dictionaries those rows need), each such row counting
    `TAKEN_ROW_EXTRA` more."""
    count = max(1, min(workers, len(rows)))
    shares: list[list[int]] = [[] for _ in range(count)]
    work = [0.0] * count
    # The head start is counted a little at every row, not all at once: counted at once, the
    # first share would be too far ahead to take the rows of the names it already has.
    spread = head_start / len(rows) if rows else 0.0
    owner: dict[str, int] = {}
    known = owner.get
    lead = max(ROW_COST * 16, int(LEAD * (ROW_COST + 1) * len(rows) / count))
    least = 0  # the least busy worker
    for position, row in enumerate(rows):
        work[0] += spread
        first, second = row["name1"], row["name2"]
        chosen: int | None = 0
        added = ROW_COST + TAKEN_ROW_EXTRA
        if position not in first_takes:
            added = ROW_COST
            chosen = known(first)
            if chosen is None or work[chosen] - work[least] > lead:
                chosen = known(second)
                if chosen is None or work[chosen] - work[least] > lead:
                    chosen = least
        assert chosen is not None
        shares[chosen].append(position)
        if first not in owner:
            owner[first] = chosen
            added += 1
        if second not in owner:
            owner[second] = chosen
            added += 1
        work[chosen] += added
        if chosen == least:
            least = work.index(min(work))
    return [share for share in shares if share]


def dictionary_rows(rows: Sequence[dict[str, str]]) -> set[int]:
    """The positions of the rows with a name that needs the pypinyin or pykakasi dictionary
    (a Han or kana character): one test of each name outside ASCII."""
    found = _DICTIONARY_CHARACTERS.search
    kept = set()
    for position, row in enumerate(rows):
        first, second = row["name1"], row["name2"]
        if first.isascii():
            if second.isascii() or not found(second):
                continue
        elif not found(first) and (second.isascii() or not found(second)):
            continue
        kept.add(position)
    return kept


def _load_shared(scorer: PairScorer) -> None:
    """Load once, in the parent, what each worker would load on its first need of it (the
    word rarities and the nickname table, some 40 ms)."""
    default_rarity()
    if scorer.config.nickname_similarity:
        nickname_pairs()


def _load_dictionaries(rows: Sequence[dict[str, str]], scorer: PairScorer) -> None:
    """Load the dictionaries in the parent, for every worker: with the first Han name, read
    both ways (or the first kana name); the workers prepare every other name, in parallel."""
    wanted = set(_DICTIONARY_SCRIPTS)
    for row in rows:
        schema = row.get("schema") or None
        for name, country in ((row["name1"], "country1"), (row["name2"], "country2")):
            if not name.isascii() and (script := detect_script(name)) in wanted:
                if script == "han":  # with no country to say which, read both ways
                    scorer.record(name, schema, None)
                    wanted -= {"han", "kana"}
                else:
                    scorer.record(name, schema, row.get(country) or None)
                    wanted.discard(script)
                if not wanted:
                    return


_rows: Sequence[dict[str, str]] = ()
_columns: Sequence[str] = ()
_scorer: PairScorer | None = None


def _install(rows: Sequence[dict[str, str]], columns: Sequence[str], scorer: PairScorer) -> None:
    """A worker lives for one file, so its collector stays off (scoring makes next to no
    reference cycles: see the score-pairs command)."""
    global _rows, _columns, _scorer
    gc.disable()
    _rows, _columns, _scorer = rows, columns, scorer


def _score_share(share: list[int]) -> tuple[list[str], int]:
    assert _scorer is not None, "worker started without a scorer"
    rows = _rows
    return _scorer.lines(_columns, [rows[i] for i in share])
