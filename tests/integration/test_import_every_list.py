"""The benchmarks' `import_every_list` loads a multi-file set once, as the set.

The EU-OJ transcription is two annex files read as one list ("EU-OJ"); importing the folder
and then each file as well ("EU-OJ-32014R0269", ...) would put every EU entry in the index
twice and double its hits. The walk stops at the folder when the folder reads as a set.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from benchmarks.batch_common import SHARED_DATA, import_every_list
from screener.models import ListSource
from screener.store import Store

EU = SHARED_DATA / "eu-oj-annexes-opensanctions-transcription"


def _excerpt(source: Path, target: Path, rows: int = 3) -> None:
    """The file's header and first rows: the real layout, a test-sized set."""
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(rows + 1)]
    target.write_text("".join(lines), encoding="utf-8")


def test_the_eu_annexes_are_imported_once_as_one_list(store: Store, tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = data / EU.name
    folder.mkdir(parents=True)
    for annex in sorted(EU.glob("*.csv")):
        _excerpt(annex, folder / annex.name)
    (folder / "PROVENANCE.md").write_text("where the files came from\n", encoding="utf-8")

    report = import_every_list(store, data)

    assert report.imported == [(EU.name, "EU-OJ", 6)]
    assert report.unread == []
    with store.session() as session:
        assert list(session.execute(select(ListSource.name)).scalars()) == ["EU-OJ"]
