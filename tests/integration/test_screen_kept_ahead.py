"""`screener screen` starts its pool on the kept index before it reads the database
(screener/batch/kept.py): the report is the one the active lists give, whether that index is
theirs or stale (a list imported since), and a stale one is never used for the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from screener.batch.build import build_screener
from screener.batch.db_side import DatabaseHere
from screener.batch.kept import StaleKeptIndex, checked_screener, latest_kept_index
from screener.batch.runner import MIN_QUERIES_FOR_POOL
from screener.lists.service import import_path
from screener.matching.config import load_config
from screener.matching.db_index import version_facts
from screener.matching.index_store import index_dir, index_key
from screener.store import Store
from tests.conftest import SHARED_DATA

REPO = Path(__file__).resolve().parents[2]
OFAC_CONS = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
DOD_1260H = SHARED_DATA / "us-dod-1260h" / "sanctions.csv"
ONLY_ON_1260H = "Advanced Micro-Fabrication Equipment Inc. China"


def _screen(store: Store, batch: Path, out: Path, data_home: Path) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_DATA_HOME=str(data_home))
    done = subprocess.run(
        [sys.executable, "-m", "screener.cli", "--db", store.url, "screen", str(batch)]
        + ["--out", str(out), "--workers", "2"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return report


def _hits_from(report: dict[str, object], name: str) -> list[str]:
    results = report["results"]
    assert isinstance(results, list)
    return [hit["source"] for r in results if r["name"] == name for hit in r["hits"]]


def test_a_kept_index_read_ahead_gives_the_report_of_the_active_lists(
    store: Store, tmp_path: Path
) -> None:
    import_path(store, OFAC_CONS)
    names = [ONLY_ON_1260H, "Zebulon Quillfeather"]
    names += [f"Quillfeather Upholstery {i}" for i in range(MIN_QUERIES_FOR_POOL)]
    batch = tmp_path / "batch.csv"
    batch.write_text("id,name\n" + "".join(f"{i},{n}\n" for i, n in enumerate(names)), "utf-8")
    kept_home = tmp_path / "kept"

    first = _screen(store, batch, tmp_path / "1.json", kept_home)  # builds and keeps it
    again = _screen(store, batch, tmp_path / "2.json", kept_home)  # starts on it
    assert again == first and _hits_from(again, ONLY_ON_1260H) == []

    import_path(store, DOD_1260H)  # the kept index is now stale
    stale = _screen(store, batch, tmp_path / "3.json", kept_home)
    fresh = _screen(store, batch, tmp_path / "4.json", tmp_path / "fresh")  # nothing kept
    assert stale == fresh
    assert _hits_from(stale, ONLY_ON_1260H)  # found on the list imported since


def test_the_index_read_ahead_is_used_only_when_the_active_versions_name_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert latest_kept_index() is None  # nothing kept yet
    import_path(store, OFAC_CONS)
    built = build_screener(store)  # builds and keeps the index
    kept = latest_kept_index()
    assert kept is not None
    with store.session() as session:
        assert kept.key == index_key(version_facts(session))
    here = DatabaseHere(lambda: store)
    config = load_config()
    screener = checked_screener(kept, here.active_lists(), config, threshold=None, sources=[])
    assert screener.index is kept.index
    assert screener.description == built.description
    import_path(store, DOD_1260H)
    with pytest.raises(StaleKeptIndex):
        checked_screener(kept, here.active_lists(), config, threshold=None, sources=[])
    monkeypatch.setenv("SCREENER_INDEX_CACHE", "0")
    assert latest_kept_index() is None
    with pytest.raises(StaleKeptIndex):  # with the store off, nothing read ahead is used
        checked_screener(kept, here.active_lists(), config, threshold=None, sources=[])


def test_a_damaged_kept_index_is_not_read_ahead(store: Store) -> None:
    import_path(store, OFAC_CONS)
    build_screener(store)
    kept = latest_kept_index()
    assert kept is not None
    data = index_dir() / f"{kept.key}.json"
    data.write_bytes(data.read_bytes().replace(b'"', b"'", 1))
    assert latest_kept_index() is None
