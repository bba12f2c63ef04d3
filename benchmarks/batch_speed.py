"""Batch screening as the user waits: `screener screen` as a process against the brute force.

    .venv/bin/python benchmarks/batch_speed.py [--workdir DIR] [--sets all,sdn-csl-un]
                                               [--size 10000] [--repeat 1]

For each list set (every list in ../shared/data; SDN + CSL + UN):
1. Imports the lists into a SQLite database in --workdir (kept there and reused next time).
2. Writes the 10,000-name batch (the first synthetic negatives, then the 341 damaged UN rows).
3. Engine: compiles the timed checkout's bytecode and builds and keeps the index beforehand
   (`compileall`, as installing the app does, and one untimed `screener screen` of a few
   names; where PYTHONDONTWRITEBYTECODE is set, as on the shared machine, the checkout would
   otherwise be compiled from source at every start), then times `screener --db URL screen BATCH --out OUT.json` as a child process,
   end to end: interpreter start-up, imports, kept-index read, scoring on every core, the
   report written. The peak memory (RSS and PSS summed over the process and its workers) is
   sampled every 50 ms in one more run, untimed (the sampling's CPU, on the same cores, would
   be charged to the engine's time: ~0.15 s of a 1.3 s run). Quality is read from the
   report it wrote.
4. Brute force, the strongest ten lines a user would write, in this process (no start-up
   charged to it): every name of every active entry preprocessed once with
   `utils.default_process`, then `process.cdist(queries, names,
   scorer=fuzz.token_sort_ratio, workers=-1)`, once without and once with
   `score_cutoff=85`; the faster of the two counts. Quality is read at several cut-offs
   from the matrix without a cut-off and at 85 from the run with it.
5. Quality: UN treated recall (a hit when a best match at or above the threshold bears the
   untreated row's name: the UN entry, or the same designation on another list, as two of
   the 342 rows name UN entries the shipped UN file no longer has while OFAC and the UK
   still list them), the share of negatives alerting, precision (right hits over all
   alerting names); the engine's curve over thresholds at and
   above the shipped one, and whether it dominates the brute force's (for every cut-off,
   some engine threshold with recall and precision both at least as high).
The two contenders alternate in each repeat, so a burst of someone else's load does not
fall on one only; the load average is printed with every run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from rapidfuzz import utils
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_bruteforce import BruteForceIndex, brute_force, load_names  # noqa: E402
from benchmarks.batch_common import (  # noqa: E402
    SHARED_DATA,
    import_every_list,
    untreated_names,
    write_benchmark_batch,
)
from screener.models import EntryName, ListEntry, ListSource, ListVersion  # noqa: E402
from screener.store import Store, open_store  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BRUTE_CUTOFFS = (80, 85, 88, 90, 95)
TIMED_CUTOFF = 85
LIST_SETS = {
    "all": [SHARED_DATA],
    "sdn-csl-un": [
        SHARED_DATA / "ofac-sdn-legacy-csv",
        SHARED_DATA / "us-trade-csl",
        SHARED_DATA / "un-consolidated",
    ],
}


class TreeMemory(threading.Thread):
    """Peak RSS and PSS of a process plus its children, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = pss = 0
            for proc in processes:
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(processes))
            self._halt.wait(0.05)

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


@dataclass
class EngineRun:
    seconds: float
    peak_rss: int
    peak_pss: int
    processes: int
    report: Path


def entry_names(store: Store) -> dict[tuple[str, str], set[str]]:
    """Every name (as `_same_name` compares them) of each active entry, by (list, the
    entry's key on it)."""
    with store.session() as session:
        rows = session.execute(
            select(ListSource.name, ListEntry.entry_key, ListEntry.primary_name, EntryName.name)
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .outerjoin(EntryName, EntryName.entry_id == ListEntry.id)
            .where(ListVersion.is_active.is_(True))
        ).all()
    names: dict[tuple[str, str], set[str]] = {}
    for source, key, primary, alias in rows:
        bucket = names.setdefault((source, key), set())
        for name in (primary, alias):
            if name:
                bucket.add(_same_name(name))
    return names


def _same_name(name: str) -> str:
    """A name as its words, whatever the case, punctuation and order: OFAC writes
    'AL-QUBAYSI, Munir' where the UN writes 'MUNIR AL QUBAYSI'."""
    return " ".join(sorted(utils.default_process(name).split()))


def _right(
    keys: list[tuple[str, str]], wanted: str, names: dict[tuple[str, str], set[str]]
) -> bool:
    """A best match bears the untreated row's name: the UN entry, or the same designation
    on another list (two of the 342 rows name UN entries the shipped UN file no longer
    has; OFAC and the UK still list them under that name)."""
    name = _same_name(wanted)
    return any(name in names.get(key, ()) for key in keys)


def quality(
    best: dict[str, tuple[float, list[tuple[str, str]]]],
    threshold: float,
    names: dict[tuple[str, str], set[str]],
) -> Quality:
    """`best`: query id -> (its best score, UN keys among the entries reaching it)."""
    wanted = untreated_names()
    right = negatives = negatives_alerting = alerting = 0
    for query_id, (score, keys) in best.items():
        alerts = score >= threshold
        alerting += alerts
        if query_id in wanted:
            right += alerts and _right(keys, wanted[query_id], names)
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


def engine_best(report: Path) -> dict[str, tuple[float, list[tuple[str, str]]]]:
    """Query id -> (best score, the (list, key) of every entry at that score) from a
    `screener screen` report; a hit for a listed entity names its other entries in
    `listed_on` ('UN-SC CFi.013': the list, a space, the key)."""
    data = json.loads(report.read_text(encoding="utf-8"))
    best: dict[str, tuple[float, list[tuple[str, str]]]] = {}
    for result in data["results"]:
        hits = result["hits"]
        if not hits:
            best[result["id"]] = (0.0, [])
            continue
        top = max(h["score"] for h in hits)
        keys = []
        for h in hits:
            if h["score"] >= top - 1e-9:
                keys.append((h["source"], h["entry_id"]))
                for member in h.get("listed_on", []):
                    source, _, key = member.partition(" ")
                    keys.append((source, key))
        best[result["id"]] = (top, keys)
    return best


def engine_curve(
    report: Path, names: dict[tuple[str, str], set[str]], shipped: float
) -> list[tuple[float, Quality]]:
    """Quality at the shipped threshold and above, from the one report (hits >= shipped).

    At a higher threshold a query alerts when its best hit reaches it; the right entry must be
    among the best at or above it, as at the shipped threshold."""
    best = engine_best(report)
    steps = [shipped, *(t / 100 for t in range(int(shipped * 100) + 1, 100))]
    return [(t, quality(best, t, names)) for t in steps]


def run_engine(
    db_url: str, batch: Path, out: Path, data_home: Path, repo: Path, sample_memory: bool = False
) -> EngineRun:
    """The command as a process, timed; its peak memory sampled only when `sample_memory`:
    reading the processes' PSS every 50 ms walks their page tables, some 0.15 CPU s over a
    run on the same two cores, which a timed run would charge to the engine."""
    env = dict(os.environ, XDG_DATA_HOME=str(data_home), PYTHONPATH=str(repo))
    command = [
        sys.executable,
        "-m",
        "screener.cli",
        "--db",
        db_url,
        "screen",
        str(batch),
        "--out",
        str(out),
    ]
    started = time.perf_counter()
    # cwd: `python -m` puts the working directory first on sys.path, before PYTHONPATH.
    child = subprocess.Popen(
        command, env=env, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    memory = TreeMemory(child.pid)
    if sample_memory:
        memory.start()
    _, stderr = child.communicate()
    seconds = time.perf_counter() - started
    if sample_memory:
        memory.stop()
    if child.returncode not in (0, 1):
        raise SystemExit(f"screener screen failed ({child.returncode}): {stderr.decode()[-2000:]}")
    return EngineRun(seconds, memory.peak_rss, memory.peak_pss, memory.peak_processes, out)


def compile_bytecode(repo: Path) -> None:
    """The checkout's modules compiled as `pip install` compiles them: a user's start-up reads
    bytecode, never the source (the shared machine sets PYTHONDONTWRITEBYTECODE, so nothing
    else would write it)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(repo / "screener")], check=True)


def brute_best(
    ids: list[str], found: list[tuple[float, list[int]]], index: BruteForceIndex
) -> dict[str, tuple[float, list[tuple[str, str]]]]:
    return {
        query_id: (score / 100, [(index.sources[i], index.keys[i]) for i in positions])
        for query_id, (score, positions) in zip(ids, found, strict=True)
    }


def list_set_store(workdir: Path, name: str) -> tuple[str, Store]:
    path = workdir / f"{name}.sqlite3"
    url = f"sqlite:///{path}"
    fresh = not path.exists()
    store = open_store(url)
    if fresh:
        for folder in LIST_SETS[name]:
            report = import_every_list(store, folder)
            for where, source, count in report.imported:
                print(f"  imported {source:<28} {count:>6} entries  ({folder.name}/{where})")
            for where, why in report.unread:
                print(f"  not read: {where}: {why}")
    return url, store


def bench_set(
    name: str, workdir: Path, size: int, repeat: int, repo: Path, brute: bool = True
) -> None:
    print(f"\n=== {name}: {', '.join(p.name for p in LIST_SETS[name])}")
    url, store = list_set_store(workdir, name)
    batch = workdir / "batch.csv"
    negatives, positives = write_benchmark_batch(batch, size)
    warm = workdir / "warm.csv"
    write_benchmark_batch(warm, 345)  # a few names: builds and keeps the index, untimed
    data_home = workdir / f"data-{name}"
    compile_bytecode(repo)
    started = time.perf_counter()
    run_engine(url, warm, workdir / "warm.json", data_home, repo)
    print(f"  index built and kept beforehand in {time.perf_counter() - started:.1f} s (untimed)")
    index = load_names(store)
    texts, ids = _batch_rows(batch)
    print(
        f"  batch: {negatives} negatives + {positives} UN treated rows; brute force over {len(index.names):,} names"
    )
    engine_runs: list[EngineRun] = []
    brute_runs: dict[int | None, list[float]] = {None: [], TIMED_CUTOFF: []}
    found: dict[int | None, list[tuple[float, list[int]]]] = {}
    for run in range(repeat):
        load = os.getloadavg()
        engine_runs.append(run_engine(url, batch, workdir / f"{name}-out.json", data_home, repo))
        for cutoff in (None, TIMED_CUTOFF) if brute else ():
            found[cutoff], seconds = brute_force(texts, index, cutoff)
            brute_runs[cutoff].append(seconds)
        after = os.getloadavg()
        rates = (
            f", brute force {len(texts) / brute_runs[None][-1]:,.0f} (no cut-off) / "
            f"{len(texts) / brute_runs[TIMED_CUTOFF][-1]:,.0f} (cut-off {TIMED_CUTOFF}) names/s"
            if brute
            else ""
        )
        print(
            f"  run {run + 1}: engine {len(texts) / engine_runs[-1].seconds:,.0f} names/s{rates}; "
            f"load average {load[0]:.2f} before, {after[0]:.2f} after, {os.cpu_count()} cores"
        )
    engine = min(engine_runs, key=lambda r: r.seconds)
    engine_rate = len(texts) / engine.seconds
    sampled = run_engine(url, batch, workdir / f"{name}-mem.json", data_home, repo, True)
    names = entry_names(store)
    shipped = _shipped_threshold(repo)
    curve = engine_curve(engine.report, names, shipped)
    print(
        f"\n  ENGINE `screener screen` as a process, end to end (best of {repeat}): "
        f"{engine.seconds:.2f} s, {engine_rate:,.0f} names/s"
    )
    print(
        f"    peak memory (one more run, untimed), process + {sampled.processes - 1} "
        f"workers: RSS sum {sampled.peak_rss / 2**20:,.0f} MiB, PSS sum "
        f"{sampled.peak_pss / 2**20:,.0f} MiB"
    )
    print(f"    at the shipped threshold {shipped:.2f}: {_quality(curve[0][1])}")
    if not brute:
        print("  engine curve (threshold: recall / negatives alerting / precision):")
        print("    " + "; ".join(f"{t:.2f}: {_short(q)}" for t, q in curve[::2]))
        return
    brute_rates = {c: len(texts) / min(s) for c, s in brute_runs.items()}
    brute_rate = max(brute_rates.values())
    print(
        "  BRUTE FORCE cdist token_sort_ratio, workers=-1, in process (best of "
        f"{repeat}): {brute_rates[None]:,.0f} names/s without cut-off, "
        f"{brute_rates[TIMED_CUTOFF]:,.0f} with cut-off {TIMED_CUTOFF}"
    )
    brute_curve = []
    for cutoff in BRUTE_CUTOFFS:
        q = quality(brute_best(ids, found[None], index), cutoff / 100, names)
        brute_curve.append((cutoff, q))
        print(f"    cut-off {cutoff}: {_quality(q)}")
    q85 = quality(brute_best(ids, found[TIMED_CUTOFF], index), TIMED_CUTOFF / 100, names)
    print(f"    (run with score_cutoff={TIMED_CUTOFF}: {_quality(q85)})")
    print("  engine curve (threshold: recall / negatives alerting / precision):")
    print(
        "    "
        + "; ".join(
            f"{t:.2f}: {q.recall:.3f}/{q.negatives_alerting:.2%}/{q.precision:.3f}"
            for t, q in curve[::3]
        )
    )
    for cutoff, q in brute_curve:
        better = [t for t, e in curve if e.recall >= q.recall and e.precision >= q.precision]
        verdict = (
            f"dominated by engine threshold(s) {better[0]:.2f}..{better[-1]:.2f}"
            if better
            else "NOT dominated"
        )
        print(f"    brute force at {cutoff}: {verdict}")
    print(
        f"\n  RATIO {name}: engine {engine_rate:,.0f} names/s / faster brute force "
        f"{brute_rate:,.0f} names/s = {engine_rate / brute_rate:.2f}"
    )


def _batch_rows(batch: Path) -> tuple[list[str], list[str]]:
    import csv

    with batch.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["name"] for r in rows], [r["id"] for r in rows]


def _shipped_threshold(repo: Path) -> float:
    """The review threshold of the timed checkout (its rules/matching/matching.yaml)."""
    import yaml

    path = repo / "rules" / "matching" / "matching.yaml"
    return float(yaml.safe_load(path.read_text(encoding="utf-8"))["review_threshold"])


def _short(q: Quality) -> str:
    return f"{q.recall:.3f}/{q.negatives_alerting:.2%}/{q.precision:.3f}"


def _quality(q: Quality) -> str:
    return (
        f"UN treated recall {q.recall:.3f} ({q.un_right}/{q.un_total}), negatives alerting "
        f"{q.negatives_alerting:.2%}, precision {q.precision:.3f} ({q.un_right}/{q.alerting})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keeps the databases between runs")
    parser.add_argument("--sets", default="sdn-csl-un,all")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-brute-force", action="store_true", help="time the engine only")
    parser.add_argument(
        "--engine-repo",
        type=Path,
        default=REPO,
        help="the checkout whose `screener` is timed (e.g. an export of main for a baseline)",
    )
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="batch-speed-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"engine code: {args.engine_repo}")
    print(
        f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
        f"python {sys.version.split()[0]}; workdir {workdir}"
    )
    for name in args.sets.split(","):
        bench_set(name, workdir, args.size, args.repeat, args.engine_repo, not args.no_brute_force)


if __name__ == "__main__":
    main()
