"""CPU seconds of batch screening: a figure that a busy machine disturbs less than wall time.

    .venv/bin/python benchmarks/batch_cpu.py --workdir DIR [--sets all,sdn-csl-un]
                                             [--engine-repo CHECKOUT] [--repeat 2]

DIR is a `benchmarks/batch_speed.py --workdir` (its list databases and 10,000-name batch).
For each list set, two figures, each the lower of `--repeat` runs:
1. The command: `screener screen BATCH --out OUT.json` as a child process, as batch_speed.py
   runs it (the checkout's bytecode compiled and the kept index built beforehand, untimed); the CPU of the whole process tree
   (the command, its pool workers and helper: user + system, from the rusage of the
   children reaped), beside its wall time, and how it splits between the command's own
   process, its helper (the database helper, screener/batch/db_side.py, on a kept index;
   code before 2026-12-07's eighth session: the helper preparing Han and kana names) and
   the pool's workers (about: each process's CPU as last sampled, every 20 ms, before it
   ended; with three children the first forked is the helper), and when the pool's workers
   started, in seconds from the command's start (the part of the run on one core, the
   other idle but for the helper).
2. In process: the kept index read as the command reads it, then every name of the batch
   screened in one process as a pool worker screens it (the cyclic collector off), the
   CPU per name. Han and kana dictionaries are loaded on the way, as one worker loads them.
The engine's code is taken from `--engine-repo` (default: this checkout), so two
checkouts compare on the same machine in one run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent

IN_PROCESS = """
import gc, sys, time
from pathlib import Path
from screener.batch.build import build_screener
from screener.batch.reader import read_batch
from screener.store import open_store
queries = read_batch(Path(sys.argv[2]), None)
screener = build_screener(open_store(sys.argv[1]))
gc.freeze()
gc.disable()
started = time.process_time()
for query in queries:
    screener.screen(query)
print(time.process_time() - started, len(queries))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], env: dict[str, str], repo: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the process tree, standard output."""
    before, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, cwd=repo, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - started, _children_cpu() - before
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}... failed: {done.stderr[-2000:]}")
    return wall, cpu, done.stdout


def _run_by_process(
    command: list[str], env: dict[str, str], repo: Path
) -> tuple[float, float, dict[str, float]]:
    """As `_run`, and the CPU seconds of the command's own process, its helper and its
    workers, each as last sampled before the process ended; under "pool", when the last
    worker started (seconds after the command)."""
    before, started = _children_cpu(), time.perf_counter()
    child = subprocess.Popen(
        command, env=env, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    root = psutil.Process(child.pid)
    seen: dict[int, tuple[float, float]] = {}  # pid -> (start time, CPU seconds)
    while child.poll() is None:
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in processes:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    seen[process.pid] = (process.create_time(), times.user + times.system)
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.02)
    _, stderr = child.communicate()
    wall, cpu = time.perf_counter() - started, _children_cpu() - before
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}... failed: {stderr.decode()[-2000:]}")
    children = sorted((start, pid) for pid, (start, _cpu) in seen.items() if pid != root.pid)
    began = seen.get(root.pid, (0.0, 0.0))[0]
    roles = {"command": seen.get(root.pid, (0.0, 0.0))[1], "helper": 0.0, "workers": 0.0}
    roles["pool"] = children[-1][0] - began if children and began else float("nan")
    for rank, (_start, pid) in enumerate(children):
        role = "helper" if rank == 0 and len(children) > 2 else "workers"
        roles[role] += seen[pid][1]
    return wall, cpu, roles


def bench(workdir: Path, name: str, repo: Path, repeat: int) -> None:
    db = f"sqlite:///{workdir / f'{name}.sqlite3'}"
    batch = workdir / "batch.csv"
    data_home = workdir / f"cpu-{name}-{hashlib.sha256(str(repo).encode()).hexdigest()[:8]}"
    env = dict(os.environ, XDG_DATA_HOME=str(data_home), PYTHONPATH=str(repo))
    screen = [sys.executable, "-m", "screener.cli", "--db", db, "screen"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(repo / "screener")], check=True)
    _run([*screen, str(workdir / "warm.csv"), "--out", str(workdir / "cpu-warm.json")], env, repo)
    commands = [
        _run_by_process(
            [*screen, str(batch), "--out", str(workdir / f"cpu-{name}.json")], env, repo
        )
        for _ in range(repeat)
    ]
    wall, cpu, roles = min(commands, key=lambda run: run[1])
    inside = [
        _run([sys.executable, "-c", IN_PROCESS, db, str(batch)], env, repo)[2]
        for _ in range(repeat)
    ]
    seconds, names = min((float(s), int(n)) for s, n in (line.split() for line in inside))
    load = os.getloadavg()[0]
    print(
        f"{name}: command {cpu:.2f} CPU s for {names:,} names ({wall:.2f} s wall; about "
        f"{roles['command']:.2f} in the command's process, {roles['helper']:.2f} in the "
        f"helper, {roles['workers']:.2f} in the workers; workers started at "
        f"{roles['pool']:.2f} s); "
        f"in process {seconds / names * 1e6:.0f} CPU us a name; load average {load:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--sets", default="sdn-csl-un,all")
    parser.add_argument("--engine-repo", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"engine code: {args.engine_repo}; {os.cpu_count()} cores")
    for name in args.sets.split(","):
        bench(args.workdir, name, args.engine_repo.resolve(), args.repeat)


if __name__ == "__main__":
    main()
