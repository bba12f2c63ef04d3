"""The index read from the database a chunk at a time and prepared by a pool is the index of
every active entry read at once, publisher flags carried over, prepared in one process."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from screener.lists.base import ParsedEntry, ParsedList, ParsedName
from screener.lists.load import load_parsed_list
from screener.matching import index_build
from screener.matching.db_index import EntryReader, build_index
from screener.matching.index import EntrySource, MatchIndex
from screener.matching.publisher_flags import carry_publisher_flags
from screener.models import EntryName, ListEntry, ListSource, ListVersion
from screener.store import Store
from tests.unit.matching.test_index_build import _identical

ALIAS = "Abu Sultan"


def entry(key: str, name: str, *aliases: ParsedName, **fields: object) -> ParsedEntry:
    names = [ParsedName(name), *aliases]
    return ParsedEntry(key, "person", name, names=names, **fields)  # type: ignore[arg-type]


def load(store: Store, tmp_path: Path, source: str, entries: list[ParsedEntry]) -> None:
    path = tmp_path / f"{source}-{len(list(tmp_path.iterdir()))}.txt"
    path.write_text(repr([(e.entry_key, e.primary_name) for e in entries]) + path.name)
    with store.unit_of_work() as session:
        load_parsed_list(session, ParsedList(source, "test", "test", [path], entries))


def seed(store: Store, tmp_path: Path) -> None:
    """OFAC marks an alias weak, the CSL republishes the entry with it strong; an older UK
    version (switched off by its next one) sits between active entries' ids."""
    weak = ParsedName(ALIAS, kind="aka", strength="weak")
    load(store, tmp_path, "OFAC-SDN", [
        entry("6384", "AL-TAI, Sultan Hashim Ahmad", weak, programs=["IRAQ2"]),
        entry("7001", "Borislav SELVIK", countries=["NO"]),
    ])  # fmt: skip
    load(store, tmp_path, "UK-OFSI", [entry(f"U{i}", f"Kestrel Holder {i}") for i in range(5)])
    load(store, tmp_path, "US-CSL", [
        entry("SDN:6384", "AL-TAI, Sultan Hashim Ahmad", ParsedName(ALIAS, kind="aka")),
        entry("X-1", "Quellmar Dunmore"),
    ])  # fmt: skip
    load(store, tmp_path, "UK-OFSI", [entry(f"U{i}", f"Kestrel Holder {i}") for i in range(3)])


def read_at_once(store: Store) -> list[EntrySource]:
    """Every active entry in one read, flags carried over all of them (as before chunks)."""
    with store.session() as session:
        rows = session.execute(
            select(ListEntry.id, ListEntry.entry_key, ListEntry.primary_name, ListEntry.entity_type,
                   ListEntry.list_name, ListEntry.version_id, ListEntry.countries,
                   ListEntry.programs, ListSource.name)
            .join(ListVersion, ListEntry.version_id == ListVersion.id)
            .join(ListSource, ListVersion.source_id == ListSource.id)
            .where(ListVersion.is_active.is_(True))
            .order_by(ListEntry.id)
        ).all()  # fmt: skip
        names: dict[int, list[str]] = defaultdict(list)
        weak: dict[int, list[str]] = defaultdict(list)
        for entry_id, name, strength in session.execute(
            select(EntryName.entry_id, EntryName.name, EntryName.strength).order_by(EntryName.id)
        ):
            (weak if strength == "weak" else names)[entry_id].append(name)
        carry_publisher_flags(rows, names, weak)
    return [
        EntrySource(row.entry_key, [row.primary_name, *names.get(row.id, [])], row.entity_type,
                    row.name, row.list_name or "", row.id, row.version_id,
                    countries=list(row.countries), programs=list(row.programs),
                    weak_names=weak.get(row.id, []))
        for row in rows
    ]  # fmt: skip


@pytest.mark.parametrize("workers_from", [0, 10**9])  # a pool, then the parent alone
def test_chunks_read_and_prepared_apart_make_the_index_of_all_entries(
    any_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers_from: int
) -> None:
    """On SQLite and PostgreSQL. With a pool each forked worker reads its own chunks over
    connections of its own: the parent reads none of them (it only numbered them)."""
    store = any_store
    seed(store, tmp_path)
    # ids 1-2 OFAC, 3-7 the old UK version, 8-9 CSL, 10-12 UK: the first chunk's range holds
    # switched-off entries, which it must not read
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 3)
    monkeypatch.setattr(index_build, "MIN_ENTRIES_FOR_POOL", workers_from)
    read_here: list[tuple[int, int]] = []
    between = EntryReader.between

    def counted(reader: EntryReader, low: int, high: int) -> list[EntrySource]:
        read_here.append((low, high))
        return between(reader, low, high)

    monkeypatch.setattr(EntryReader, "between", counted)
    with store.session() as session:
        built = build_index(session)
        # the parent's session still reads after its workers have come and gone
        assert len(EntryReader(session)) == 7
    assert len(read_here) == (0 if workers_from == 0 else 3)
    sources = read_at_once(store)
    assert len(sources) == 2 + 2 + 3  # the first UK version is switched off
    _identical(MatchIndex.from_entries(sources), built)
    copy = next(e for e in built.entries if e.entry_key == "SDN:6384")
    assert copy.record.weak_names == frozenset({ALIAS})  # OFAC's flag, carried to the CSL


def test_a_database_in_memory_is_read_by_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process cannot open SQLite in memory: the parent reads, the pool prepares."""
    from screener.store import open_store

    store = open_store("sqlite://")
    seed(store, tmp_path)
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 3)
    monkeypatch.setattr(index_build, "MIN_ENTRIES_FOR_POOL", 0)
    with store.session() as session:
        assert EntryReader(session).reopener() is None
        built = build_index(session)
    _identical(MatchIndex.from_entries(read_at_once(store)), built)


def test_workers_reading_their_own_chunks_keep_the_bytes_the_parent_reading_kept(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept index (its JSON lines, their bounds, every array) is the same whether the
    forked workers read the chunks or the parent reads them and hands them over."""
    from screener.matching.db_index import build_kept_parts

    seed(store, tmp_path)
    monkeypatch.setattr(index_build, "CHUNK_ENTRIES", 2)
    kept = []
    for workers_from in (0, 10**9):
        monkeypatch.setattr(index_build, "MIN_ENTRIES_FOR_POOL", workers_from)
        with store.session() as session:
            kept.append(build_kept_parts(session))
    by_workers, by_parent = kept
    assert by_workers.data == by_parent.data
    for name in (
        "bounds",
        "name_form",
        "name_entry",
        "name_group",
        "entry_type",
        "entry_facts",
        "flat",
    ):
        assert np.array_equal(getattr(by_workers, name), getattr(by_parent, name)), name
    assert np.array_equal(by_workers.offsets, by_parent.offsets)
