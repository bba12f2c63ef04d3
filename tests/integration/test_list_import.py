"""Importing lists into a real database: versions, checksums, re-import, delta, rollback, CLI."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event, func, select, text

from screener.cli import main
from screener.identity import os_login
from screener.lists.base import ListFormatError, ParsedEntry, ParsedList, ParsedName
from screener.lists.catalog import list_sources
from screener.lists.delta import compute_delta
from screener.lists.load import ImportCancelled, load_parsed_list
from screener.lists.service import import_path
from screener.models import (
    AuditEvent,
    EntryAddress,
    EntryDate,
    EntryIdentifier,
    EntryLink,
    EntryName,
    ListEntry,
    ListSource,
    ListVersion,
)
from screener.store import IMPORT_CACHE_KIB, Store
from tests.conftest import SHARED_DATA

LEGACY = SHARED_DATA / "ofac-sdn-legacy-csv"
SET_2021 = LEGACY / "2021-07-07_complete-set"
SDN_2024 = LEGACY / "2024-05-03_sdn-only" / "sdn.csv"
CONS_CSV = SHARED_DATA / "ofac-consolidated-non-sdn" / "csv_2025-12-19"
TABLES = (
    ListSource,
    ListVersion,
    ListEntry,
    EntryName,
    EntryIdentifier,
    EntryAddress,
    EntryDate,
    EntryLink,
    AuditEvent,
)


def snapshot(store: Store) -> dict[str, int]:
    """Row counts of every table an import writes, plus the active flags."""
    with store.session() as session:
        counts = {
            m.__tablename__: session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in TABLES
        }
        active = (
            session.execute(select(ListVersion.id).where(ListVersion.is_active)).scalars().all()
        )
    counts["active_versions"] = hash(tuple(sorted(active)))
    return counts


def _ent_nums(path: Path) -> set[str]:
    return {
        line.split(",", 1)[0]
        for line in path.read_text("ascii").splitlines()
        if line.strip("\x1a").strip()
    }


@pytest.mark.slow
def test_sdn_2024_import_writes_a_version(store: Store) -> None:
    result = import_path(store, SDN_2024)
    assert result.created and result.source_name == "OFAC-SDN"
    assert result.entry_count == 14965
    assert result.counts == {"aircraft": 376, "organization": 6884, "person": 6854, "vessel": 851}
    assert result.file_checksums == {"sdn.csv": hashlib.sha256(SDN_2024.read_bytes()).hexdigest()}
    assert result.label == "2024-05-03_sdn-only/sdn.csv"
    with store.session() as session:
        assert session.execute(select(func.count()).select_from(ListEntry)).scalar_one() == 14965
        version = session.get(ListVersion, result.version_id)
        assert version is not None and version.is_active and version.imported_by == os_login()
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "list.import")
        ).scalar_one()
        assert event.object_id == str(result.version_id) and event.details["entries"] == 14965
        entry = session.execute(select(ListEntry).where(ListEntry.entry_key == "2686")).scalar_one()
        assert entry.primary_name == "NASRALLAH, Hasan" and entry.programs == ["SDGT", "SYRIA"]
        assert [(i.id_type, i.value, i.country) for i in entry.identifiers] == [
            ("passport", "042833", "Lebanon")
        ]
        assert [d.value for d in entry.dates][:1] == ["1960-08-31"]
        links = session.execute(select(func.count()).select_from(EntryLink)).scalar_one()
        assert links == result.link_count > 5824


def test_a_list_import_writes_with_the_import_page_cache(store: Store) -> None:
    sizes: list[int] = []

    def cache_size_at_insert(_conn, cursor, statement, *_args) -> None:  # noqa: ANN001
        if statement.startswith(("INSERT INTO list_entries", "INSERT INTO entry_links")):
            sizes.append(cursor.connection.execute("PRAGMA cache_size").fetchone()[0])

    event.listen(store.engine, "before_cursor_execute", cache_size_at_insert)
    import_path(store, SDN_2024)
    assert sizes and set(sizes) == {-IMPORT_CACHE_KIB}
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA cache_size")).scalar() == -2000


def test_identical_files_twice_add_nothing(any_store: Store) -> None:
    first = import_path(any_store, CONS_CSV)
    before = snapshot(any_store)
    again = import_path(any_store, CONS_CSV)
    assert first.created and not again.created
    assert again.version_id == first.version_id
    assert (again.entry_count, again.counts, again.link_count) == (
        442,
        {"organization": 363, "person": 79},
        283,
    )
    assert snapshot(any_store) == before


def test_renamed_copy_is_recognised_as_identical(store: Store, tmp_path: Path) -> None:
    first = import_path(store, CONS_CSV)
    for source in CONS_CSV.iterdir():
        (tmp_path / f"copy_of_{source.name}").write_bytes(source.read_bytes())
    # file names changed, bytes did not: the cons_ prefix is gone, so name the source
    again = import_path(store, tmp_path, source="OFAC-CONSOLIDATED")
    assert not again.created and again.version_id == first.version_id


@pytest.mark.slow
def test_delta_between_2021_and_2024_sdn(store: Store) -> None:
    old = import_path(store, SET_2021)
    new = import_path(store, SDN_2024)
    with store.session() as session:
        delta = compute_delta(session, old.version_id, new.version_id)
        versions = session.execute(select(ListVersion).order_by(ListVersion.id)).scalars().all()
        assert [v.is_active for v in versions] == [False, True]
    keys_2021, keys_2024 = _ent_nums(SET_2021 / "sdn.csv"), _ent_nums(SDN_2024)
    assert len(delta.added) == len(keys_2024 - keys_2021)
    assert len(delta.removed) == len(keys_2021 - keys_2024)
    assert len(delta.changed) + delta.unchanged == len(keys_2021 & keys_2024)
    assert {a.entry_key for a in delta.added} == keys_2024 - keys_2021
    # 2024 is sdn.csv alone: entries that had alt.csv aliases in 2021 lose them
    bnc = next(c for c in delta.changed if c.entry_key == "306")
    assert "names" in bnc.fields and "addresses" in bnc.fields
    assert bnc.details["names"]["removed"] == ["NATIONAL BANK OF CUBA | aka | strong | latin"]
    assert "primary_name" not in bnc.fields
    unchanged_sample = next(
        k for k in sorted(keys_2021 & keys_2024) if k not in {c.entry_key for c in delta.changed}
    )
    assert unchanged_sample


def test_cancel_mid_import_leaves_database_as_it_was(any_store: Store) -> None:
    import_path(any_store, SHARED_DATA / "us-dod-1260h")
    before = snapshot(any_store)
    polls = iter(range(100))
    with pytest.raises(ImportCancelled):
        import_path(any_store, CONS_CSV, is_cancelled=lambda: next(polls) >= 1)
    assert snapshot(any_store) == before


def test_failure_after_n_entries_rolls_back(any_store: Store) -> None:
    import_path(any_store, SHARED_DATA / "us-dod-1260h")
    before = snapshot(any_store)
    entries = [
        ParsedEntry(f"K{i}", "organization", f"Company {i}", names=[ParsedName(f"Company {i}")])
        for i in range(4500)
    ]
    entries[4200].primary_name = None  # type: ignore[assignment]  # NOT NULL: the third batch fails
    parsed = ParsedList(
        "FAULTY", "test", "test", [SHARED_DATA / "us-dod-1260h" / "sanctions.csv"], entries
    )
    written: list[int] = []
    with pytest.raises(Exception) as caught:  # noqa: B017 - the database's own IntegrityError
        with any_store.unit_of_work() as session:
            load_parsed_list(session, parsed, on_progress=lambda done, _t, _s: written.append(done))
    assert not isinstance(caught.value, ListFormatError)
    assert written[:2] == [2000, 4000]  # two batches were written before the failure
    assert snapshot(any_store) == before


def test_progress_callback_that_raises_rolls_back(store: Store) -> None:
    before = snapshot(store)

    def explode(done: int, _total: int, stage: str) -> None:
        if stage == "writing entries" and done > 0:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        import_path(store, CONS_CSV, on_progress=explode)
    assert snapshot(store) == before


def test_bad_file_touches_nothing(store: Store, tmp_path: Path) -> None:
    before = snapshot(store)
    broken = tmp_path / "sdn.csv"
    broken.write_bytes(SDN_2024.read_bytes()[:5000])
    with pytest.raises(ListFormatError):
        import_path(store, broken)
    assert snapshot(store) == before


def test_cli_import_show_and_diff(sqlite_url: str) -> None:
    runner = CliRunner()
    enhanced = SHARED_DATA / "ofac-consolidated-non-sdn" / "enhanced-xml_2025-01-10"
    first = runner.invoke(main, ["--db", sqlite_url, "lists", "import", str(CONS_CSV), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["entry_count"] == 442
    second = runner.invoke(main, ["--db", sqlite_url, "lists", "import", str(enhanced)])
    assert second.exit_code == 0, second.output
    assert "OFAC-CONSOLIDATED: version 2 (2025-01-10), 443 entries" in second.output
    again = runner.invoke(main, ["--db", sqlite_url, "lists", "import", str(enhanced)])
    assert "nothing added" in again.output

    shown = runner.invoke(main, ["--db", sqlite_url, "lists", "show", "--json"])
    sources = json.loads(shown.output)
    assert [s["name"] for s in sources] == ["OFAC-CONSOLIDATED"]
    assert [(v["id"], v["is_active"], v["publisher_date"]) for v in sources[0]["versions"]] == [
        (2, True, "2025-01-10"),
        (1, False, None),
    ]

    diff = runner.invoke(main, ["--db", sqlite_url, "lists", "diff", "OFAC-CONSOLIDATED", "--json"])
    assert diff.exit_code == 0, diff.output
    delta = json.loads(diff.output)
    assert (delta["from_version"], delta["to_version"]) == (1, 2)
    total = delta["summary"]
    assert total["added"] + total["changed"] + total["unchanged"] == 443
    assert total["removed"] + total["changed"] + total["unchanged"] == 442

    by_label = runner.invoke(
        main,
        [
            "--db",
            sqlite_url,
            "lists",
            "diff",
            "OFAC-CONSOLIDATED",
            "--from",
            "v2",
            "--to",
            "csv_2025-12-19",
        ],
    )
    assert by_label.exit_code == 0 and "v2 -> v1" in by_label.output


def test_cli_errors_are_one_line(sqlite_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    junk = tmp_path / "notes.txt"
    junk.write_text("nothing to see\n", "utf-8")
    result = runner.invoke(main, ["--db", sqlite_url, "lists", "import", str(junk)])
    assert result.exit_code == 2
    assert "notes.txt" in result.output and "Traceback" not in result.output
    missing = runner.invoke(main, ["--db", sqlite_url, "lists", "diff", "NOPE"])
    assert missing.exit_code == 2 and "no list source 'NOPE'" in missing.output


def test_catalog_lists_versions_newest_first(store: Store) -> None:
    import_path(store, SHARED_DATA / "us-bis-denied-persons")
    with store.session() as session:
        sources = list_sources(session)
    assert sources[0]["name"] == "US-BIS-DPL"
    assert sources[0]["versions"][0]["counts"] == {"unknown": 545}  # the DPL types nobody
    assert sources[0]["versions"][0]["publisher_date"] == "2023-11-28"


def test_the_collector_is_paused_while_a_list_imports_and_restored_after(store: Store) -> None:
    """Parsing and writing make millions of acyclic objects; the cyclic collector walking
    them took 43 % of an FtM import at 250k entries (issue 19). Paused for the import,
    its state restored after, on success and on failure alike."""
    import gc

    seen: list[bool] = []
    assert gc.isenabled()
    import_path(store, SHARED_DATA / "us-dod-1260h", on_progress=lambda *_: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    with pytest.raises(ImportCancelled):
        import_path(store, CONS_CSV, is_cancelled=lambda: True)
    assert gc.isenabled()
