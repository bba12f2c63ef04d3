"""`screener screen` as a process: SQLAlchemy loads after the helper is forked, and neither the
exit codes nor the report depend on that order.

The command line starts without SQLAlchemy (about a sixth of a second), so the helper that
prepares Han and kana names is forked first and works on the idle core while the parent
imports it. Errors of the store and of the database are recognised once SQLAlchemy is
loaded; these tests run the command in a fresh interpreter, where that order is real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from screener.batch.runner import MIN_QUERIES_FOR_POOL
from screener.cli import main
from screener.lists.service import import_path
from screener.models import ListEntry
from screener.store import Store
from tests.conftest import SHARED_DATA

REPO = Path(__file__).resolve().parents[2]
OFAC_CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"


def _screener(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_DATA_HOME=str(data_home))
    return subprocess.run(
        [sys.executable, "-m", "screener.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _batch(path: Path, names: list[str]) -> Path:
    lines = ["id,name"] + [f"{i},{name}" for i, name in enumerate(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_command_line_and_screen_load_without_sqlalchemy() -> None:
    code = (
        "import sys, screener.cli, screener.cli.screen; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("not a url", "Invalid database URL"),
        ("sqlite:///{tmp}/nowhere/x.sqlite3", "folder does not exist"),
        ("sqlite:///{tmp}/junk.sqlite3", "Cannot"),
    ],
)
def test_an_unusable_database_is_one_line_and_exit_2(tmp_path: Path, url: str, said: str) -> None:
    (tmp_path / "junk.sqlite3").write_bytes(b"this is not a database" * 100)
    batch = _batch(tmp_path / "batch.csv", ["Zebulon Quillfeather"])
    done = _screener(
        "--db",
        url.format(tmp=tmp_path),
        "screen",
        str(batch),
        "--out",
        str(tmp_path / "out.json"),
        data_home=tmp_path / "data",
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("screener: error:") and said in lines[0]
    assert "Traceback" not in done.stderr and not (tmp_path / "out.json").exists()


def test_the_report_as_a_process_is_the_report_in_process(store: Store, tmp_path: Path) -> None:
    """In a fresh process the helper forks before SQLAlchemy loads; in this one SQLAlchemy
    is loaded long before: the same batch gives the same report, hits and explanations."""
    import_path(store, OFAC_CONS)
    with store.session() as session:
        listed = list(
            session.execute(select(ListEntry.primary_name).order_by(ListEntry.id).limit(40))
            .scalars()
            .all()
        )
    names = [*listed, "习近平", "トヨタ自動車", "山田 太郎"]
    names += [f"Quillfeather Upholstery {i}" for i in range(MIN_QUERIES_FOR_POOL)]
    batch = _batch(tmp_path / "batch.csv", [n.replace(",", " ") for n in names])
    as_process = _screener(
        "--db",
        store.url,
        "screen",
        str(batch),
        "--out",
        str(tmp_path / "process.json"),
        "--workers",
        "2",
        data_home=tmp_path / "data",
    )
    assert as_process.returncode == 1, as_process.stderr  # listed names alert
    in_process = CliRunner().invoke(
        main,
        ["--db", store.url, "screen", str(batch), "--out", str(tmp_path / "here.json")],
    )
    assert in_process.exit_code == 1, in_process.output
    report = json.loads((tmp_path / "process.json").read_text(encoding="utf-8"))
    assert report == json.loads((tmp_path / "here.json").read_text(encoding="utf-8"))
    assert sum(1 for result in report["results"] if result["hits"]) >= 30


@pytest.mark.parametrize("listed", [False, True])
def test_as_a_process_it_ends_at_once_with_its_exit_code_report_and_audit_record(
    store: Store, tmp_path: Path, listed: bool
) -> None:
    """The command itself ends without tearing the interpreter down (context.finish): the
    exit code, the report and the audit record of the screening are all there when it has."""
    from screener.models import AuditEvent

    import_path(store, OFAC_CONS)
    with store.session() as session:
        first = session.execute(select(ListEntry.primary_name).limit(1)).scalar_one()
    names = [first.replace(",", " ")] if listed else ["Zebulon Quillfeather"]
    done = _screener(
        "--db",
        store.url,
        "screen",
        str(_batch(tmp_path / "batch.csv", names)),
        "--out",
        str(tmp_path / "out.json"),
        data_home=tmp_path / "data",
    )
    assert done.returncode == (1 if listed else 0), done.stderr
    assert done.stderr == "" and done.stdout == ""  # not a terminal: no progress, no summary
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert bool(report["results"][0]["hits"]) is listed
    with store.session() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "batch.screen")
        ).scalar_one()
    assert event.details["names"] == 1 and event.details["alerting"] == int(listed)


def test_called_from_another_program_the_command_raises_system_exit(
    store: Store, tmp_path: Path
) -> None:
    """Only the `screener` process itself ends at once: a program calling `main` (here a test)
    gets SystemExit with the code and carries on."""
    import_path(store, OFAC_CONS)
    batch = _batch(tmp_path / "batch.csv", ["Zebulon Quillfeather"])
    with pytest.raises(SystemExit) as ended:
        main(["--db", store.url, "screen", str(batch), "--out", str(tmp_path / "o.json")])
    assert ended.value.code == 0 and (tmp_path / "o.json").exists()


def test_ctrl_c_as_a_process_writes_no_report_and_no_audit_record(
    store: Store, tmp_path: Path
) -> None:
    """Ctrl-C while the pool screens: exit 2 and one line, no report, no audit record of a
    screening that did not finish, and the workers end with the command (the fast ending of
    a finished run, context.finish, is not the way out of an interrupted one)."""
    import signal
    import time

    from screener.models import AuditEvent

    import_path(store, OFAC_CONS)
    names = [f"Quillfeather Upholstery Trading {i} Vostok Holdings" for i in range(20_000)]
    out = tmp_path / "out.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "screener.cli",
            "--db",
            store.url,
            "screen",
            str(_batch(tmp_path / "batch.csv", names)),
            "--out",
            str(out),
            "--workers",
            "2",
        ],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO), XDG_DATA_HOME=str(tmp_path / "data")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, workers = time.monotonic() + 90, []
        while len(workers) < 2 and time.monotonic() < deadline:
            try:
                children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
            except OSError:
                children = ""
            workers = [int(c) for c in children.split()]
            time.sleep(0.005)
        assert len(workers) >= 2, "the pool's workers never appeared"
        time.sleep(0.1)  # screening, past the forks
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 2, stderr
    assert stderr.strip().splitlines() == ["screener: error: interrupted; no report was written"]
    assert stdout == "" and not out.exists()
    with store.session() as session:
        assert (
            session.execute(select(AuditEvent).where(AuditEvent.action == "batch.screen")).first()
            is None
        )
    for worker in workers:
        stat = Path(f"/proc/{worker}/stat")
        assert not stat.exists() or stat.read_text().split(")")[1].split()[0] == "Z"


def test_screen_loads_numpy_without_blas_threads_and_keeps_a_users_setting() -> None:
    """OpenBLAS starts a thread per core when numpy loads (~50 ms of start-up, then spinning
    on the core the helper needs): `screen` has it start none; a user's own setting stays."""
    code = (
        "import os, click, screener.cli as c; "
        "c.main.get_command(click.Context(c.main), 'screen'); import numpy; "
        "print(os.environ.get('OPENBLAS_NUM_THREADS'), len(os.listdir('/proc/self/task')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env["PYTHONPATH"] = str(REPO)

    def run(**extra: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert run() == "1 1"  # this process alone: no BLAS thread
    assert run(OPENBLAS_NUM_THREADS="2").startswith("2 ")  # the user's setting kept
    if (os.cpu_count() or 1) > 1:
        assert run(OPENBLAS_NUM_THREADS="2") == "2 2"  # the setting is what starts them


def _ends_later() -> None:
    import time

    time.sleep(0.2)


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the test forks its child (multiprocessing's 'fork' context), which Windows lacks "
    "and macOS warns against; the command's children are forked on Linux, where CI runs this",
)
def test_the_command_reaps_the_children_it_told_to_end_before_it_ends() -> None:
    """A batch's workers and database helper end while the report is written, not waited
    for then; the command reaps them last, so no zombie is left and the CPU they spent is
    counted as the command's by whoever times it."""
    import multiprocessing

    from screener.cli.context import _reap_children

    child = multiprocessing.get_context("fork").Process(target=_ends_later, daemon=True)
    child.start()
    _reap_children()
    assert child.exitcode == 0 and not multiprocessing.active_children()
