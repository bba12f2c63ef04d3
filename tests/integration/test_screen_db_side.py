"""`screener screen` asks the database through a helper forked at its start
(screener/batch/db_side.py): the helper's answers are this process's, its failures are the
command's one line, and the command itself never loads SQLAlchemy when the kept index
read ahead is the active lists'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from screener.batch.db_side import DatabaseFailed, DatabaseHelper, DatabaseHere
from screener.batch.engine import ScreenerDescription
from screener.batch.model import BatchCounts
from screener.batch.runner import MIN_QUERIES_FOR_POOL
from screener.lists.service import import_path
from screener.models import AuditEvent, ListEntry
from screener.store import Store, open_store
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the database helper is forked, which Windows lacks and macOS warns against; there "
    "`DatabaseHelper.start` gives None and the command answers in its own process, which the "
    "screen command's other tests cover; CI runs on Linux",
)

REPO = Path(__file__).resolve().parents[2]
OFAC_CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
DOD_1260H = SHARED_DATA / "us-dod-1260h" / "sanctions.csv"


def _helper(store: Store, describe: object = None) -> DatabaseHelper:
    """A helper opening its own store on `store`'s database, as the command's opens it."""
    helper = DatabaseHelper.start(
        lambda: open_store(store.url),
        describe if callable(describe) else (lambda exc: f"said: {exc}"),
    )
    assert helper is not None
    return helper


def _batch_events(store: Store) -> list[dict[str, object]]:
    with store.session() as session:
        events = session.execute(
            select(AuditEvent).where(AuditEvent.action == "batch.screen").order_by(AuditEvent.id)
        ).scalars()
        return [dict(event.details) for event in events]


def test_the_helper_answers_as_this_process_does(store: Store, tmp_path: Path) -> None:
    import_path(store, OFAC_CONS)
    import_path(store, DOD_1260H)
    here = DatabaseHere(lambda: store)
    helper = _helper(store)
    try:
        active = helper.active_lists()
        assert active == here.active_lists()
        assert len(active.versions) == 2 and active.index_key
        with store.session() as session:
            keys = session.execute(select(ListEntry.entry_key).limit(30)).scalars().all()
        refs = {(str(v["source"]), key) for v in active.versions for key in keys}
        assert helper.entity_map(refs) == here.entity_map(refs)
        batch = tmp_path / "batch.csv"
        batch.write_text("id,name\n1,Zebulon Quillfeather\n", encoding="utf-8")
        counts = BatchCounts(names=7, alerting=2, hits=3)
        description = ScreenerDescription(0.7, 0.9, versions=active.versions, entries=5)
        helper.record(batch, tmp_path / "out.json", counts, description, 1.234)
        here.record(batch, tmp_path / "out.json", counts, description, 1.234)
    finally:
        helper.close()
        helper.stop()  # reaped (the command does not wait while it ends)
    recorded, again = _batch_events(store)
    assert recorded == again
    assert (recorded["names"], recorded["alerting"], recorded["hits"]) == (7, 2, 3)


def test_a_failure_in_the_helper_is_the_line_the_command_prints(store: Store) -> None:
    def broken() -> Store:
        raise RuntimeError("the disk is on fire")

    helper = DatabaseHelper.start(broken, lambda exc: f"said: {exc}")
    assert helper is not None
    try:
        with pytest.raises(DatabaseFailed) as failed:
            helper.active_lists()
        assert str(failed.value) == "said: the disk is on fire"
        with pytest.raises(DatabaseFailed) as after:  # it ended: no answer, no hang
            helper.entity_map({("OFAC-SDN", "1")})
        assert "ended without answering" in str(after.value)
    finally:
        helper.stop()


def test_a_helper_that_dies_is_an_error_not_a_hang(store: Store) -> None:
    def dies() -> Store:
        os._exit(3)

    helper = DatabaseHelper.start(dies, str)
    assert helper is not None
    with pytest.raises(DatabaseFailed) as failed:
        helper.active_lists()
    assert "ended without answering (exit code 3)" in str(failed.value)
    helper.stop()


# The command with an import hook that refuses SQLAlchemy to the command's own process (its
# helper and workers, other processes, may load it).
WITHOUT_SQLALCHEMY = """
import os, sys
command = os.getpid()

class Refused:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "sqlalchemy" and os.getpid() == command:
            raise ImportError("the command itself imported SQLAlchemy")
        return None

sys.meta_path.insert(0, Refused())
sys.argv = ["screener", *sys.argv[1:]]
from screener.cli import main
main()
"""


def _screener(
    url: str, batch: Path, out: Path, data_home: Path, *extra: str, guarded: bool = False
) -> subprocess.CompletedProcess[str]:
    start = ["-c", WITHOUT_SQLALCHEMY] if guarded else ["-m", "screener.cli"]
    return subprocess.run(
        [sys.executable, *start, "--db", url, "screen", str(batch), "--out", str(out)]
        + ["--workers", "2", *extra],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO), XDG_DATA_HOME=str(data_home)),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_on_its_kept_index_the_command_leaves_the_database_to_its_helper(
    store: Store, tmp_path: Path
) -> None:
    import_path(store, OFAC_CONS)
    with store.session() as session:
        listed = session.execute(select(ListEntry.primary_name).limit(20)).scalars().all()
    names = [n.replace(",", " ") for n in listed]
    names += [f"Quillfeather Upholstery {i}" for i in range(MIN_QUERIES_FOR_POOL)]
    batch = tmp_path / "batch.csv"
    batch.write_text("id,name\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names)), "utf-8")
    home = tmp_path / "data"

    first = _screener(store.url, batch, tmp_path / "1.json", home)  # builds and keeps the index
    assert first.returncode == 1, first.stderr
    again = _screener(store.url, batch, tmp_path / "2.json", home, guarded=True)
    assert again.returncode == 1, again.stderr  # listed names alert
    assert again.stderr == ""  # SQLAlchemy was never loaded: refused, it would be a traceback
    assert json.loads((tmp_path / "2.json").read_text("utf-8")) == json.loads(
        (tmp_path / "1.json").read_text("utf-8")
    )
    first_event, second_event = _batch_events(store)  # the helper kept the audit record
    assert {k: v for k, v in second_event.items() if k not in ("output", "seconds")} == {
        k: v for k, v in first_event.items() if k not in ("output", "seconds")
    }

    unknown = _screener(
        store.url, batch, tmp_path / "3.json", home, "--lists", "NOPE", guarded=True
    )
    assert unknown.returncode == 2
    lines = unknown.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "screener: error: no active list named 'NOPE'; active lists: "
    ), unknown.stderr
    assert not (tmp_path / "3.json").exists() and len(_batch_events(store)) == 2

    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"  # empty: the index read ahead is not its
    missing = _screener(other, batch, tmp_path / "4.json", home, guarded=True)
    assert missing.returncode == 2, missing.stderr
    assert missing.stderr.strip().splitlines() == [
        "screener: error: no list is imported yet; import one with 'screener lists import PATH'"
    ]
    assert not (tmp_path / "4.json").exists()

    garbage = tmp_path / "garbage.sqlite3"  # the store refuses it in the helper
    garbage.write_bytes(b"not a database, " * 400)
    refused = _screener(f"sqlite:///{garbage}", batch, tmp_path / "5.json", home, guarded=True)
    assert refused.returncode == 2, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("screener: error: Cannot open database "), lines
    assert "StoreError" not in lines[0]  # the store's own sentence, as other commands print it
    assert not (tmp_path / "5.json").exists()


ABANDONED = """
import sys
from screener.batch.db_side import DatabaseHelper
from screener.store import open_store
helper = DatabaseHelper.start(lambda: open_store(sys.argv[1]), str)
helper.active_lists()  # it has answered and waits for the next question
print(helper._process.pid, flush=True)
import os
os._exit(0)  # the command dies without a word to it
"""


def test_a_helper_whose_command_dies_ends_too(store: Store) -> None:
    import time

    done = subprocess.run(
        [sys.executable, "-c", ABANDONED, store.url],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    stat = Path(f"/proc/{int(done.stdout)}/stat")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not stat.exists() or stat.read_text().split(")")[1].split()[0] == "Z":
            break
        time.sleep(0.05)
    assert not stat.exists() or stat.read_text().split(")")[1].split()[0] == "Z"
