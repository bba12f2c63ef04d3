"""`screener score-pairs` end to end on 20,000 pairs, start-up excluded, in µs per pair.

    .venv/bin/python benchmarks/score_pairs_speed.py [--pairs 20000] [--repeat 2] [--workers N]
        [--parts] [--slope] [--keep]

Writes 20,000 distinct pairs (synthetic persons from ../shared/eval paired with each other
and with the damaged UN rows, so no name repeats often enough for caches to flatter the
figure), then times `screener score-pairs PAIRS --out OUT` as a process on them and on a
small file of the first pairs, chosen to hold a name of every script the big file has (so
both runs pay the same fixed costs: interpreter start-up, imports, and the dictionaries
pypinyin and pykakasi load on their first Chinese or Japanese name, ~1 s);
(big - small) / (their difference in pairs) is the per-pair cost with name preparation,
scoring, reading and writing included and start-up excluded. Printed as wall time and as
the CPU time (user + system) of the process and its pool's workers, which a loaded machine
disturbs less. The big file is scored on a pool of every core (the command's default; the
small one stays in one process); `--workers 1` times the command in one process.
One untimed run of the small file comes first: what the command keeps in the user's data
directory on its first run (pykakasi's dictionary as `screener.kept_kanwa` keeps it, made
again when its format changes) would otherwise be made in the first timed small run and
make its per-pair figure too small. The folder of pair files and outputs is removed at the
end, kept with `--keep` (its path printed).

`--slope` then times the big file against its first half, both on the pool: the cost of a
pair more, whatever the fixed costs (which the pool may partly hide: the dictionaries load
in the command while its worker scores).
`--parts` then times the per-pair CPU in process, the collector paused as the command
pauses it, in two orders of the same work, each in a fresh process, twice: as the command
orders it (`PairScorer.scores`: every name prepared, each distinct name once, then every
pair scored; the two parts printed apart, a name's weighted words made on its first
comparison, so scoring still holds per-name work) and row by row (`PairScorer.score`:
a row's names prepared just before it is scored), which costs more for the same work.
"""

from __future__ import annotations

import argparse
import csv
import ctypes
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.batch_common import NEGATIVES, UN_TREATED  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# The first 40 pairs hold Latin, Han (read as Chinese and as Japanese: both dictionaries load),
# Hangul, Arabic, Cyrillic, Thai and Devanagari names.
SMALL = 40


def write_pairs(path: Path, count: int, first: int = 0) -> None:
    with NEGATIVES.open(encoding="utf-8") as handle:
        people = [r["full_name"] for r in csv.DictReader(handle)]
    with UN_TREATED.open(encoding="utf-8") as handle:
        listed = [r["full_name"] for r in csv.DictReader(handle)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["schema", "name1", "name2"])
        for n in range(first, first + count):
            other = listed[n % len(listed)] if n % 2 else people[(n * 7 + 1) % len(people)]
            writer.writerow(["Person", people[n % len(people)], other])


def adopt_orphans() -> None:
    """Make this process the reaper of its children's orphans (Linux): the command does not
    wait for its pool's worker to exit once it has the worker's lines (`WorkerPool.close`
    with `wait=False`), so the worker may outlive it; adopted here, the worker is reaped by
    `reap_orphans` and its CPU time counted in the command's, as when the command waited."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


_PR_SET_CHILD_SUBREAPER = 36


def reap_orphans() -> None:
    """Wait for every process adopted by `adopt_orphans` to end."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(pairs: Path, out: Path, workers: int | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `screener score-pairs` process. The wall time is
    until the command's process ends, as the user waits for it; CPU time is what the
    process and its workers used, a worker that ended after the command included
    (`adopt_orphans`). On a machine others load, the wall time also counts the time spent
    waiting for a core."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "screener.cli", "score-pairs", str(pairs), "--out", str(out)]
        + ([] if workers is None else ["--workers", str(workers)]),
        env=env,
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--parts", action="store_true", help="split preparing and scoring")
    parser.add_argument(
        "--slope", action="store_true", help="also the cost of a pair more: big file against half"
    )
    parser.add_argument("--workers", type=int, default=None, help="the command's --workers")
    parser.add_argument(
        "--keep", action="store_true", help="keep the folder of pair files and outputs (printed)"
    )
    parser.add_argument("--parts-of", type=Path, help=argparse.SUPPRESS)  # one order, in process
    parser.add_argument("--order", choices=("two-runs", "row-by-row"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parts_of:
        parts_of(args.parts_of, args.order or "two-runs")
        return
    adopt_orphans()
    folder = Path(tempfile.mkdtemp(prefix="score-pairs-"))
    try:
        measure(folder, args)
    finally:
        if args.keep:
            print(f"pair files and outputs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path, args: argparse.Namespace) -> None:
    big, small = folder / "big.csv", folder / "small.csv"
    write_pairs(big, args.pairs)
    write_pairs(small, SMALL)
    timed(small, folder / "small-out.csv", args.workers)  # untimed: what a first run keeps
    rates, cpu_rates = [], []
    for _ in range(args.repeat):
        load = os.getloadavg()[0]
        start_up, start_up_cpu = timed(small, folder / "small-out.csv", args.workers)
        whole, whole_cpu = timed(big, folder / "big-out.csv", args.workers)
        per_pair = (whole - start_up) / (args.pairs - SMALL) * 1e6
        per_pair_cpu = (whole_cpu - start_up_cpu) / (args.pairs - SMALL) * 1e6
        rates.append(per_pair)
        cpu_rates.append(per_pair_cpu)
        print(
            f"{args.pairs} pairs in {whole:.2f} s, {SMALL} pairs (start-up) {start_up:.2f} s: "
            f"{per_pair:.1f} µs per pair wall, {per_pair_cpu:.1f} µs CPU "
            f"(load average {load:.2f}, {os.cpu_count()} cores, "
            f"workers {args.workers or 'every core'})"
        )
    print(f"best: {min(rates):.1f} µs per pair wall, {min(cpu_rates):.1f} µs CPU")
    if args.slope:
        slope(folder, big, args)
    if args.parts:
        parts(big)


def slope(folder: Path, big: Path, args: argparse.Namespace) -> None:
    """The cost of one pair more: the big file against its first half, both scored as the
    command scores them (on the pool). Fixed costs cancel out whatever they are: the
    per-pair figure above also takes as fixed what the small run pays alone (the
    dictionaries, loaded there before any pair is scored, and on the pool while the worker
    already scores), so that figure is lower by what the pool hides of the fixed costs."""
    half = folder / "half.csv"
    count = args.pairs // 2
    write_pairs(half, count)
    walls, cpus = [], []
    for _ in range(args.repeat):
        load = os.getloadavg()[0]
        part, part_cpu = timed(half, folder / "half-out.csv", args.workers)
        whole, whole_cpu = timed(big, folder / "big-out.csv", args.workers)
        walls.append((whole - part) / (args.pairs - count) * 1e6)
        cpus.append((whole_cpu - part_cpu) / (args.pairs - count) * 1e6)
        print(
            f"slope: {args.pairs} pairs in {whole:.2f} s, {count} in {part:.2f} s: "
            f"{walls[-1]:.1f} µs per pair more wall, {cpus[-1]:.1f} µs CPU "
            f"(load average {load:.2f})"
        )
    print(f"slope best: {min(walls):.1f} µs per pair wall, {min(cpus):.1f} µs CPU")


def parts(pairs: Path) -> None:
    """Each way of ordering the work timed in a process of its own (so that neither finds
    the other's names prepared), twice, alternating."""
    for _ in range(2):
        for order in ("two-runs", "row-by-row"):
            subprocess.run(
                [sys.executable, __file__, "--parts-of", str(pairs), "--order", order],
                env=dict(os.environ, PYTHONPATH=str(REPO)),
                check=True,
            )


def parts_of(pairs: Path, order: str) -> None:
    """CPU µs per pair in process, the collector paused as the command pauses it: with
    `two-runs`, as `PairScorer.scores` orders the work (every name of the file prepared,
    then every pair scored), preparing and scoring timed apart; with `row-by-row`, each
    row's names prepared just before the row is scored (`PairScorer.score`), as the command
    did before the seventh session."""
    import gc

    from screener.matching.config import load_config
    from screener.matching.pairs import PairScorer, read_pairs, score_rows

    config = load_config()
    _columns, rows = read_pairs(pairs)
    list(score_rows(rows[:SMALL], config))  # the dictionaries loaded, as in the small run
    rows = rows[SMALL:]
    scorer = PairScorer(config)
    gc.disable()
    started = time.process_time()
    if order == "row-by-row":
        for row in rows:
            scorer.score(row)
        ended = time.process_time()
        split = ""
    else:
        records = [scorer.records_of(row) for row in rows]
        prepared = time.process_time()
        for query, candidate in records:
            scorer.score_records(query, candidate)
        ended = time.process_time()
        split = (
            f" (preparing {(prepared - started) / len(rows) * 1e6:.1f}, scoring "
            f"{(ended - prepared) / len(rows) * 1e6:.1f})"
        )
    gc.enable()
    print(
        f"in process, {order}, {len(rows)} pairs ({len(scorer.records)} distinct names): "
        f"{(ended - started) / len(rows) * 1e6:.1f} µs CPU per pair{split} "
        f"(load average {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
