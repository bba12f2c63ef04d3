"""Matcher speed: per-pair scoring, search latency with every list loaded, index build and memory.

1. Scoring the prepared ../shared/eval/name_pairs_dev.csv pairs: the score-only path used
   to rank candidates (explain=False: features that cannot change the score skipped; the
   score is identical) and the full-feature path (every feature evaluated, keeping the
   values it compared; they are laid out as the reviewer's dictionary when read, which the
   second figure times too: `features_json()` on every result): median and p95 µs.
2. The candidate index over every list in ../shared/data (or the active lists of --db):
   parse time, build time, entries, names, keys, resident memory added, pickled size; and
   the kept index (screener/matching/index_store.py) that `screener search` and `screen`
   read instead of building: its size on disk, the time to write it and to read it back.
3. `search` in-process: latency median / p95 over 1,000 queries (screening-set names, the
   damaged UN names and the pair names), and single-core queries per second.

Usage: python benchmarks/match_speed.py [--db URL] [--queries N] [--pairs-only] [--first-meeting]
(`--pairs-only`: part 1 alone, a few seconds, where the index build takes minutes.
`--first-meeting`: then the CPU per pair of scoring `score_pairs_speed.py`'s 20,000 pairs
as a file of pairs scores them, every name met for the first time: its weighted words and
the alignment's word caches made anew each round (prepared names kept), best of 5 rounds.
It is the scoring share of `score-pairs`' cost per pair, which `--pairs-only`, with every
name's words made before it times, does not show.)
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import pickle
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_common import shared_dir  # noqa: E402
from screener.matching.algorithm import score_records
from screener.matching.config import load_config
from screener.matching.index import EntrySource, MatchIndex, Query
from screener.matching.records import make_record

EVAL = shared_dir() / "eval"


def _rows(name: str) -> list[dict[str, str]]:
    with open(EVAL / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def pair_speed() -> None:
    config = load_config()
    pairs = [
        (make_record([r["name1"]], r["schema"]), make_record([r["name2"]], r["schema"]))
        for r in _rows("name_pairs_dev.csv")
    ]
    pairs = [(a, b) for a, b in pairs if a.names and b.names]
    for a, b in pairs:  # warm the per-name caches, as an index does at build time
        score_records(a, b, config=config)
    print(f"== full-feature scoring, {len(pairs)} prepared pairs (best of 5 rounds)")
    for explain, laid_out in ((False, False), (True, False), (True, True)):
        medians, p95s = [], []
        for _ in range(5):
            times = []
            for a, b in pairs:
                start = time.perf_counter()
                result = score_records(a, b, config=config, explain=explain)
                if laid_out:
                    result.features_json()
                times.append((time.perf_counter() - start) * 1e6)
            medians.append(statistics.median(times))
            p95s.append(_percentile(times, 0.95))
        label = (
            "... and the values read"
            if laid_out
            else "every feature + its values"
            if explain
            else "score only (same score)"
        )
        print(f"{label:28} median {min(medians):6.1f} µs   p95 {min(p95s):6.1f} µs")


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 1e6


def build_index(db_url: str | None) -> MatchIndex:
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    if db_url:
        from screener.matching.db_index import build_index as from_db
        from screener.store import open_store

        store = open_store(db_url)
        with store.session() as session:
            index = from_db(session)
        parsed_at = start
    else:
        from screener.matching.sources import sources_from_paths

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from match_quality import ALL_LISTS  # the same list of list files

        sources: list[EntrySource] = list(sources_from_paths(ALL_LISTS))
        parsed_at = time.perf_counter()
        index = MatchIndex.from_entries(sources)
        del sources
    built = time.perf_counter()
    gc.collect()
    size = len(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)) / 1e6
    print(
        f"\n== index over {'the active lists of ' + db_url if db_url else 'every list in ../shared/data'}"
    )
    if not db_url:
        print(f"parse lists      {parsed_at - start:6.1f} s")
    print(
        f"build index      {built - parsed_at:6.1f} s   ({len(index)} entries, {len(index.name_forms)} names, {len(index.postings)} keys)"
    )
    print(f"memory           {_rss_mb() - before:6.0f} MB resident added; pickled {size:.0f} MB")
    _kept_index(index)
    return index


def _kept_index(index: MatchIndex) -> None:
    """Write the index as `screener search` keeps it, then read it back (as a new call does)."""
    import tempfile

    from screener.matching.index_store import load_index, save_index

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        save_index(index, Path(folder), "benchmark")
        saved = time.perf_counter()
        was_enabled = gc.isenabled()
        gc.disable()  # as load_or_build reads it
        try:
            load_index(Path(folder), "benchmark")
        finally:
            if was_enabled:
                gc.enable()
        loaded = time.perf_counter()
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
    print(
        f"kept index       {size:6.0f} MB on disk; written in {saved - start:.1f} s, "
        f"read back in {loaded - saved:.1f} s"
    )


def search_speed(index: MatchIndex, count: int) -> None:
    names = [r["full_name"] for r in _rows("screen_negatives_dev.csv")[: count // 2]]
    names += [r["full_name"] for r in _rows("screen_positives_un_treated_dev.csv")]
    names += [r["name1"] for r in _rows("name_pairs_dev.csv")]
    names = names[:count]
    for name in names[:50]:
        index.search(Query([name]), limit=10)
    times = []
    for name in names:
        start = time.perf_counter()
        index.search(Query([name]), limit=10)
        times.append((time.perf_counter() - start) * 1e3)
    print(f"\n== search (explained top 10), {len(names)} queries, one core")
    print(
        f"latency median {statistics.median(times):5.2f} ms   p95 {_percentile(times, 0.95):5.2f} ms   max {max(times):5.1f} ms"
    )
    start = time.perf_counter()
    for name in names:
        index.search(Query([name], "Person"), limit=1, explain=False)
    rate = len(names) / (time.perf_counter() - start)
    print(f"screening throughput (best hit, not explained): {rate:.0f} queries/s on one core")


def first_meeting_speed(rounds: int = 5) -> None:
    import tempfile
    from functools import _lru_cache_wrapper

    from benchmarks.score_pairs_speed import write_pairs
    from screener.matching import alignment
    from screener.matching.pairs import PairScorer, read_pairs

    config = load_config()
    with tempfile.TemporaryDirectory(prefix="match-speed-") as folder:
        path = Path(folder) / "pairs.csv"
        write_pairs(path, 20_000)
        _columns, rows = read_pairs(path)
    scorer = PairScorer(config)
    pairs = []
    for row in rows:
        query = scorer.record(row["name1"], row["schema"] or None, None)
        candidate = scorer.record(row["name2"], row["schema"] or None, None)
        if query.names and candidate.names:
            pairs.append((query, candidate))
    forms = list({id(f): f for r in scorer.records.values() for f in r.names}.values())
    caches = [
        value
        for value in vars(alignment).values()
        if isinstance(value, _lru_cache_wrapper) and value.__module__ == alignment.__name__
    ]
    alignment.nickname_pairs()  # read once per process (pairs_pool loads it before forking)
    best = float("inf")
    gc.disable()
    for _ in range(rounds):
        for form in forms:
            form.cache.clear()
        for found in caches:
            if found is not alignment.nickname_pairs:
                found.cache_clear()
        started = time.process_time()
        for query, candidate in pairs:
            score_records(query, candidate, config=config, explain=False)
        best = min(best, time.process_time() - started)
    gc.enable()
    print(
        f"first meeting: {len(rows)} pairs of score_pairs_speed.py, {len(forms)} names, "
        f"scoring {best / len(rows) * 1e6:.1f} µs CPU per pair (best of {rounds}; load "
        f"{os.getloadavg()[0]:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--db", default=None, help="index the active lists of this database instead"
    )
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument(
        "--pairs-only", action="store_true", help="time the scoring of prepared pairs alone"
    )
    parser.add_argument(
        "--first-meeting",
        action="store_true",
        help="then score-pairs' scoring share: 20,000 pairs, each name met for the first time",
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    pair_speed()
    if args.first_meeting:
        first_meeting_speed()
    if args.pairs_only:
        return
    index = build_index(args.db)
    search_speed(index, args.queries)


if __name__ == "__main__":
    main()
