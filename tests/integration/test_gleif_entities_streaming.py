"""GLEIF entity files (LEI-CDF) are checked, then re-read in batches, never held whole (issue 19).

6,000 entities (three of the loader's batches of 2,000), made from the first record of the
shared LEI sample with new LEIs, so a failure at the end comes after rows were written.
"""

from __future__ import annotations

import gc
import re
import weakref
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError, ParsedEntry, Reread
from screener.lists.gleif import PARSER
from screener.lists.load import BATCH, ImportCancelled
from screener.lists.service import import_path
from screener.store import Store
from tests.conftest import SHARED_DATA
from tests.integration.streaming_memory import walked_and_held_peaks
from tests.integration.test_list_import import snapshot

ENTITIES = 6000
GLEIF = SHARED_DATA / "gleif-lei-level2-samples"
SAMPLE_LEI = "001GPB6A9XPE8XJICC14"


def _lei(number: int) -> str:
    return f"TEST{number:016d}"


def _record() -> tuple[str, str, str]:
    """The sample's head, its first record and its tail."""
    text = (GLEIF / "lei-data.xml").read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"<lei:LEIRecord[ >]", text)]
    end = text.index("</lei:LEIRecord>", starts[0]) + len("</lei:LEIRecord>")
    return text[: starts[0]], text[starts[0] : end], "\n  </lei:LEIRecords>\n</lei:LEIData>\n"


def _lei_file(
    path: Path,
    numbers: range,
    content_date: str = "2026-01-01T00:00:00Z",
    *,
    name: str = "Entity",
    last: str = "",
) -> Path:
    head, record, tail = _record()
    head = head.replace("2023-06-05T08:20:51Z", content_date)
    legal = re.compile(r"(<lei:LegalName[^>]*>)[^<]*")
    records = [
        legal.sub(rf"\g<1>{name} {n}", record.replace(SAMPLE_LEI, _lei(n)), count=1)
        for n in numbers
    ]
    path.write_text(head + "\n".join(records) + last + tail, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _lei_file(tmp_path_factory.mktemp("gleif") / "lei.xml", range(ENTITIES))


def test_entries_are_made_as_they_are_walked_not_kept(big_file: Path) -> None:
    parsed = PARSER.parse(big_file)
    assert isinstance(parsed.entries, Reread) and len(parsed.entries) == ENTITIES
    alive: list[weakref.ref[ParsedEntry]] = []
    for entry in parsed.entries:
        alive.append(weakref.ref(entry))
    del entry
    gc.collect()
    assert sum(ref() is not None for ref in alive) == 0
    assert len(alive) == ENTITIES
    first = next(iter(parsed.entries))
    assert (first.entry_key, first.primary_name) == (_lei(0), "Entity 0")


def test_parsing_holds_a_fraction_of_what_the_entries_weigh(big_file: Path) -> None:
    walked, held, streamed_peak, held_peak = walked_and_held_peaks(
        PARSER.parse, big_file, lambda parsed: parsed.entries
    )
    assert walked == held == ENTITIES
    assert streamed_peak < held_peak / 4


def test_a_later_file_restating_an_entity_replaces_it_where_it_stood(tmp_path: Path) -> None:
    folder = tmp_path / "gleif"
    folder.mkdir()
    _lei_file(folder / "b-first.xml", range(5), "2026-01-01T00:00:00Z")
    _lei_file(folder / "a-later.xml", range(3, 7), "2026-02-01T00:00:00Z", name="Renamed")
    parsed = PARSER.parse(folder)
    entries = [(entry.entry_key, entry.primary_name) for entry in parsed.entries]
    assert len(parsed.entries) == len(entries) == 7
    assert entries == [
        *((_lei(n), f"Entity {n}") for n in range(3)),
        *((_lei(n), f"Renamed {n}") for n in range(3, 7)),  # 3 and 4 where they first stood
    ]
    assert parsed.publisher_date == "2026-02-01T00:00:00Z"


def test_parents_are_named_and_exceptions_attached_or_kept_as_links(tmp_path: Path) -> None:
    folder = tmp_path / "gleif"
    folder.mkdir()
    _lei_file(folder / "lei.xml", range(4))
    _lei_file(folder / "lei-later.xml", range(1, 2), "2026-03-01T00:00:00Z", name="Latest")
    rr = (GLEIF / "rr-data.xml").read_text(encoding="utf-8")
    (folder / "rr.xml").write_text(
        rr.replace("001GPB6A9XPE8XJICC14", _lei(0)).replace("5493001Z012YSB2A0K51", _lei(1))
    )
    repex = (GLEIF / "repex-data.xml").read_text(encoding="utf-8")
    (folder / "repex.xml").write_text(repex.replace(SAMPLE_LEI, _lei(2)))
    parsed = PARSER.parse(folder)
    links = list(parsed.links)
    to_parent = next(link for link in links if link.subject_key == _lei(0))
    assert (to_parent.object_key, to_parent.object_name) == (_lei(1), "Latest 1")
    entries = {entry.entry_key: entry for entry in parsed.entries}
    assert entries[_lei(2)].data["reporting_exceptions"]
    assert "reporting_exceptions" not in entries[_lei(3)].data
    orphans = [link.subject_key for link in links if link.relation == "reporting_exception"]
    assert orphans and _lei(2) not in orphans
    again = {entry.entry_key: entry for entry in parsed.entries}  # a second walk, the same
    assert again[_lei(2)].data == entries[_lei(2)].data
    assert [link.subject_key for link in parsed.links] == [link.subject_key for link in links]


def test_a_file_changed_between_the_passes_is_refused(tmp_path: Path) -> None:
    path = _lei_file(tmp_path / "lei.xml", range(10))
    parsed = PARSER.parse(path)
    _lei_file(path, range(12))
    with pytest.raises(ListFormatError, match="changed while it was being imported"):
        list(parsed.entries)


def test_a_bad_last_record_is_refused_before_anything_is_written(
    any_store: Store, big_file: Path, tmp_path: Path
) -> None:
    before = snapshot(any_store)
    head, record, tail = _record()
    bad = tmp_path / "bad-last.xml"
    text = big_file.read_text(encoding="utf-8")
    broken = record.replace(SAMPLE_LEI, "TOO-SHORT")
    bad.write_text(text.replace(tail, "\n" + broken + tail), encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        import_path(any_store, bad)
    assert error.value.file == str(bad)
    assert error.value.where == f"element <LEIRecord> #{ENTITIES + 1}"
    assert error.value.field_name == "LEI"
    assert snapshot(any_store) == before


def test_a_lei_twice_in_one_file_is_one_entry_as_before(any_store: Store, tmp_path: Path) -> None:
    path = _lei_file(tmp_path / "lei.xml", range(3))
    head, record, tail = _record()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(tail, "\n" + record.replace(SAMPLE_LEI, _lei(1)) + tail))
    result = import_path(any_store, path)
    assert result.entry_count == 3


def test_cancel_after_two_batches_leaves_nothing(any_store: Store, big_file: Path) -> None:
    before = snapshot(any_store)
    checks: list[int] = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > 1  # the loader asks after each batch of entries

    with pytest.raises(ImportCancelled):
        import_path(any_store, big_file, is_cancelled=cancelled)
    assert len(checks) == 2  # 4,000 entries written, 2,000 still to read
    assert snapshot(any_store) == before
    result = import_path(any_store, big_file)
    assert result.entry_count == ENTITIES > 2 * BATCH
