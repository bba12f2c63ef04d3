"""Batch screening speed and quality: 10,000 names against every list in ../shared/data.

    .venv/bin/python benchmarks/batch_speed.py [--db sqlite:///kept.sqlite3] [--workers 2]

1. Imports every list the lists service reads into a fresh SQLite database (or reuses --db).
2. Builds the engine's candidate index over every active list version.
3. Writes the issue's batch file (the first 9,659 synthetic negatives, then the 341 damaged
   UN rows) and reads it with the batch reader.
4. Screens it with `screener.batch.runner.screen_batch` on every core, sampling the memory
   (RSS and PSS) of the parent and its worker processes.
5. Quality at the shipped review threshold: UN recall (a hit when the best match at or above
   the threshold is the UN entry bearing the untreated row's name), the share of negatives
   alerting, and precision (right UN entries over all alerting names).
6. The brute force a user would write (rapidfuzz cdist, token_sort_ratio, every list name),
   timed on the same names, with its precision and recall at several cut-offs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_bruteforce import best_matches, load_names  # noqa: E402
from benchmarks.batch_common import (  # noqa: E402
    import_every_list,
    untreated_names,
    write_benchmark_batch,
)
from screener.batch.build import build_screener  # noqa: E402
from screener.batch.model import BatchResult  # noqa: E402
from screener.batch.reader import read_batch  # noqa: E402
from screener.batch.runner import default_workers, screen_batch  # noqa: E402
from screener.models import EntryName, ListEntry, ListSource, ListVersion  # noqa: E402
from screener.store import Store, open_store  # noqa: E402

UN_SOURCE = "UN-SC"
BRUTE_CUTOFFS = (80, 85, 90, 95)


class MemorySampler(threading.Thread):
    """Peak RSS and PSS of this process plus its children, sampled every 100 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._halt.is_set():
            processes = [me, *me.children(recursive=True)]
            rss = pss = 0
            for process in processes:
                try:
                    info = process.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(processes))
            self._halt.wait(0.1)

    def stop(self) -> None:
        self._halt.set()
        self.join()


@dataclass
class Quality:
    recall: float
    negatives_alerting: float
    precision: float
    un_right: int
    un_total: int
    alerting: int


def un_entry_names(store: Store) -> dict[int, set[str]]:
    """Every name (casefolded) of each active UN entry, by database id."""
    with store.session() as session:
        rows = session.execute(
            select(ListEntry.id, ListEntry.primary_name, EntryName.name)
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .outerjoin(EntryName, EntryName.entry_id == ListEntry.id)
            .where(ListSource.name == UN_SOURCE, ListVersion.is_active.is_(True))
        ).all()
    names: dict[int, set[str]] = {}
    for entry_id, primary, alias in rows:
        bucket = names.setdefault(entry_id, set())
        for name in (primary, alias):
            if name:
                bucket.add(" ".join(name.casefold().split()))
    return names


def is_right(entry_ids: list[int], wanted: str, un_names: dict[int, set[str]]) -> bool:
    key = " ".join(wanted.casefold().split())
    return any(key in un_names.get(entry_id, ()) for entry_id in entry_ids)


def engine_quality(results: list[BatchResult], un_names: dict[int, set[str]]) -> Quality:
    wanted = untreated_names()
    right = negatives = negatives_alerting = alerting = 0
    for result in results:
        hits = result.hits
        if hits:
            alerting += 1
        if result.query.id in wanted:
            top = [h.list_entry_id for h in hits if hits and h.score >= hits[0].score - 1e-9]
            right += is_right(top, wanted[result.query.id], un_names)
        else:
            negatives += 1
            negatives_alerting += bool(hits)
    return Quality(
        recall=right / len(wanted),
        negatives_alerting=negatives_alerting / max(negatives, 1),
        precision=right / max(alerting, 1),
        un_right=right,
        un_total=len(wanted),
        alerting=alerting,
    )


def brute_quality(
    ids: list[str], best: list, entry_ids: list[int], cutoff: float, un_names: dict[int, set[str]]
) -> Quality:
    wanted = untreated_names()
    right = negatives = negatives_alerting = alerting = 0
    for query_id, found in zip(ids, best, strict=True):
        alerts = found.score >= cutoff
        alerting += alerts
        if query_id in wanted:
            top = [entry_ids[i] for i in found.candidates]
            right += alerts and is_right(top, wanted[query_id], un_names)
        else:
            negatives += 1
            negatives_alerting += alerts
    return Quality(
        right / len(wanted),
        negatives_alerting / max(negatives, 1),
        right / max(alerting, 1),
        right,
        len(wanted),
        alerting,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="reuse a database that already holds the lists")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--no-brute-force", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each contender")
    parser.add_argument(
        "--compare-exact",
        action="store_true",
        help="also screen with the engine's own search (no pre-filter) and compare the hits",
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="batch-speed-"))
    url = args.db or f"sqlite:///{workdir / 'lists.sqlite3'}"
    store = open_store(url)
    if not args.db:
        report = import_every_list(store)
        print(f"imported {len(report.imported)} list sets in {report.seconds:.1f} s:")
        for path, source, count in report.imported:
            print(f"  {source:<28} {count:>6} entries  ({path})")
        for path, why in report.unread:
            print(f"  not read: {path}: {why}")

    started = time.perf_counter()
    screener = build_screener(store)
    build_seconds = time.perf_counter() - started
    parent_rss = psutil.Process().memory_info().rss
    print(
        f"\nindex: {screener.description.entries} entries, "
        f"{len(screener.index.name_forms)} names, built in {build_seconds:.1f} s, "
        f"parent RSS {parent_rss / 2**20:.0f} MiB"
    )

    batch_file = workdir / "batch.csv"
    negatives, positives = write_benchmark_batch(batch_file, args.size)
    started = time.perf_counter()
    queries = read_batch(batch_file)
    read_seconds = time.perf_counter() - started
    print(
        f"batch: {negatives} negatives + {positives} UN treated rows, read in {read_seconds:.2f} s"
    )

    workers = args.workers or default_workers()
    threshold = screener.description.threshold
    exact = build_screener(store, exact=True) if args.compare_exact else None
    names = None if args.no_brute_force else load_names(store)
    texts = [q.name for q in queries]
    fast_rates: list[float] = []
    exact_rates: list[float] = []
    brute_rates: list[float] = []
    sampler = MemorySampler()
    results: list[BatchResult] = []
    best: list = []
    same = True
    # The machine is shared: runs alternate so that a burst of someone else's load does not
    # fall on one contender only; each figure is the best of --repeat runs.
    for run in range(args.repeat):
        if run == 0:
            sampler.start()
        started = time.perf_counter()
        results = screen_batch(queries, screener, workers=workers)
        fast_rates.append(len(queries) / (time.perf_counter() - started))
        if run == 0:
            sampler.stop()
        if exact is not None:
            started = time.perf_counter()
            exact_results = screen_batch(queries, exact, workers=workers)
            exact_rates.append(len(queries) / (time.perf_counter() - started))
            same = same and [r.hits for r in exact_results] == [r.hits for r in results]
        if names is not None:
            best, brute_seconds = best_matches(texts, names)
            brute_rates.append(len(texts) / brute_seconds)
        print(f"  run {run + 1}: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    un_names = un_entry_names(store)
    quality = engine_quality(results, un_names)
    rate = max(fast_rates)
    print(f"\nENGINE, batch fast path ({workers} worker processes, threshold {threshold:.2f})")
    print(f"  {len(queries)} names: {_rates(fast_rates)} names/s, best {rate:,.0f}")
    print(
        f"  peak memory, parent + {sampler.peak_processes - 1} children: "
        f"RSS sum {sampler.peak_rss / 2**20:,.0f} MiB, PSS sum {sampler.peak_pss / 2**20:,.0f} MiB"
    )
    _print_quality(quality)
    if exact_rates:
        print(
            f"\nENGINE, MatchIndex.search on every candidate: {_rates(exact_rates)} names/s, "
            f"best {max(exact_rates):,.0f}; hits identical to the fast path: {same}"
        )
    if names is None:
        return
    brute_rate = max(brute_rates)
    print(f"\nBRUTE FORCE (rapidfuzz cdist token_sort_ratio, workers=-1, {len(names.names)} names)")
    print(f"  {len(texts)} names: {_rates(brute_rates)} names/s, best {brute_rate:,.0f}")
    ids = [q.id for q in queries]
    for cutoff in BRUTE_CUTOFFS:
        print(f"  cut-off {cutoff}:")
        _print_quality(brute_quality(ids, best, names.entry_ids, cutoff, un_names), indent=4)
    print(f"\nengine speed / brute-force speed = {rate / brute_rate:.2f} (best against best)")


def _rates(rates: list[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


def _print_quality(quality: Quality, indent: int = 2) -> None:
    pad = " " * indent
    print(
        f"{pad}UN treated recall {quality.recall:.3f} ({quality.un_right}/{quality.un_total}), "
        f"negatives alerting {quality.negatives_alerting:.2%}, "
        f"precision {quality.precision:.3f} ({quality.un_right}/{quality.alerting} alerting names)"
    )


if __name__ == "__main__":
    main()
