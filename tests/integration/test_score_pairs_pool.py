"""`screener score-pairs` as a process on a file large enough to be scored on a pool."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from screener.matching.pairs_pool import MIN_PAIRS_FOR_POOL
from tests.unit.matching.test_pairs_pool import _mixed_rows

REPO = Path(__file__).resolve().parents[2]


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _command(pairs: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "screener.cli",
        "score-pairs",
        str(pairs),
        "--out",
        str(out),
        *extra,
    ]


def _run(pairs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(pairs, out, *extra),
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_pooled_file_is_byte_for_byte_the_one_process_file(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    _write(pairs, _mixed_rows(MIN_PAIRS_FOR_POOL + 1_000))
    pooled, alone = tmp_path / "pooled.csv", tmp_path / "alone.csv"
    on_pool = _run(pairs, pooled, "--workers", "2")
    in_one = _run(pairs, alone, "--workers", "1")
    assert on_pool.returncode == 0 and in_one.returncode == 0, on_pool.stderr + in_one.stderr
    assert on_pool.stdout.replace(str(pooled), str(alone)) == in_one.stdout
    assert pooled.read_bytes() == alone.read_bytes()
    assert len(pooled.read_text(encoding="utf-8").splitlines()) == MIN_PAIRS_FOR_POOL + 1_001


def test_a_bad_row_deep_in_a_large_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    rows = _mixed_rows(MIN_PAIRS_FOR_POOL + 1_000)
    rows[2_500]["schema"] = "Planet"
    pairs = tmp_path / "pairs.csv"
    _write(pairs, rows)
    done = _run(pairs, tmp_path / "out.csv", "--workers", "2")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"screener: error: {pairs}, row 2502, field 'schema': unknown schema 'Planet'"
    ]
    assert not (tmp_path / "out.csv").exists()


def _workers_of(pid: int, count: int, within: float = 60.0) -> list[int]:
    """The process's children once `count` of them run (the pool's workers)."""
    deadline = time.monotonic() + within
    children: list[int] = []
    while time.monotonic() < deadline:
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            text = ""
        children = [int(c) for c in text.split()]
        if len(children) >= count:
            return children
        time.sleep(0.005)
    raise AssertionError(f"no {count} workers appeared: {children}")


def _started(pairs: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(pairs, out, "--workers", "2"),
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_worker_killed_mid_run_ends_it_with_one_line_and_exit_2(tmp_path: Path) -> None:
    """A worker killed (as the out-of-memory killer would) must not hang the pool."""
    pairs = tmp_path / "pairs.csv"
    _write(pairs, _mixed_rows(30_000))
    out = tmp_path / "out.csv"
    process = _started(pairs, out)
    try:
        # --workers 2: this process scores one share, one forked worker the other.
        os.kill(_workers_of(process.pid, 1)[0], signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 2, stderr
    assert len(stderr.strip().splitlines()) == 1
    assert stderr.startswith(f"screener: error: {pairs}: a scoring worker stopped unexpectedly")
    assert stdout == "" and not out.exists()


def test_ctrl_c_in_a_pooled_run_stops_it_and_writes_nothing(tmp_path: Path) -> None:
    """Sent as the first worker appears: while the pool is still forking, where Python's
    own fork handlers would swallow it if it were not held back."""
    pairs = tmp_path / "pairs.csv"
    _write(pairs, _mixed_rows(30_000))
    out = tmp_path / "out.csv"
    process = _started(pairs, out)
    try:
        workers = _workers_of(process.pid, 1)
        process.send_signal(signal.SIGINT)
        _stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 1, stderr  # click's "Aborted!", as without a pool
    assert "Aborted!" in stderr and "Traceback" not in stderr
    assert not out.exists()
    for worker in workers:  # the workers have ended with the command
        assert not Path(f"/proc/{worker}").exists() or "Z" in _state(worker)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0]
    except OSError:
        return "Z"
