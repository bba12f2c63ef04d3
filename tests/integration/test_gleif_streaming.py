"""GLEIF relationship files are checked, then re-read in batches, never held whole (issue 19).

6,000 relationships (three of the loader's batches of 2,000), made from the first record of
the shared RR sample with new LEIs, so a failure at the end comes after rows were written.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError, ParsedLink, Reread
from screener.lists.gleif import PARSER
from screener.lists.load import BATCH, ImportCancelled
from screener.lists.service import import_path
from screener.store import Store
from tests.conftest import SHARED_DATA
from tests.integration.streaming_memory import walked_and_held_peaks
from tests.integration.test_list_import import snapshot

RELATIONSHIPS = 6000
SAMPLE = SHARED_DATA / "gleif-lei-level2-samples" / "rr-data.xml"


def _lei(number: int) -> str:
    return f"TEST{number:016d}"


def _rr_file(
    path: Path, count: int, content_date: str = "2026-01-01T00:00:00Z", *, last: str = ""
) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("<rr:RelationshipRecord ")
    record = text[start : text.index("</rr:RelationshipRecord>") + len("</rr:RelationshipRecord>")]
    head = text[:start].replace("2023-06-05T09:24:22Z", content_date)
    tail = "\n</rr:RelationshipRecords>\n</rr:RelationshipData>\n"
    records = [
        record.replace("001GPB6A9XPE8XJICC14", _lei(n)).replace("5493001Z012YSB2A0K51", _lei(n + 1))
        for n in range(count)
    ]
    path.write_text(head + "\n".join(records) + last + tail, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _rr_file(tmp_path_factory.mktemp("gleif") / "rr.xml", RELATIONSHIPS)


def test_links_are_made_as_they_are_walked_not_kept(big_file: Path) -> None:
    parsed = PARSER.parse(big_file)
    assert isinstance(parsed.links, Reread) and len(parsed.links) == RELATIONSHIPS
    alive: list[weakref.ref[ParsedLink]] = []
    for link in parsed.links:
        alive.append(weakref.ref(link))
    del link
    gc.collect()
    assert sum(ref() is not None for ref in alive) == 0
    assert len(alive) == RELATIONSHIPS
    first = next(iter(parsed.links))
    assert (first.subject_key, first.relation, first.object_key) == (
        _lei(0),
        "fund_managed_by",
        _lei(1),
    )


def test_parsing_holds_a_fraction_of_what_the_links_weigh(big_file: Path) -> None:
    walked, held, streamed_peak, held_peak = walked_and_held_peaks(
        PARSER.parse, big_file, lambda parsed: parsed.links
    )
    assert walked == held == RELATIONSHIPS
    assert streamed_peak < held_peak / 4


def test_a_later_file_restating_a_relationship_replaces_it_where_it_stood(tmp_path: Path) -> None:
    folder = tmp_path / "gleif"
    folder.mkdir()
    _rr_file(folder / "b-first.xml", 5, "2026-01-01T00:00:00Z")
    later = _rr_file(folder / "a-later.xml", 3, "2026-02-01T00:00:00Z")  # read second anyway
    text = later.read_text(encoding="utf-8")
    later.write_text(
        text.replace("<rr:RelationshipStatus>ACTIVE", "<rr:RelationshipStatus>INACTIVE", 1)
    )
    parsed = PARSER.parse(folder)
    links = [(link.subject_key, link.relation) for link in parsed.links]
    assert len(parsed.links) == len(links) == 5
    assert links == [
        (_lei(0), "former_fund_managed_by"),  # the later file's record, where the first stood
        *((_lei(n), "fund_managed_by") for n in range(1, 5)),
    ]
    assert parsed.publisher_date == "2026-02-01T00:00:00Z"


def test_a_file_changed_between_the_passes_is_refused(tmp_path: Path) -> None:
    path = _rr_file(tmp_path / "rr.xml", 10)
    parsed = PARSER.parse(path)
    _rr_file(path, 12)
    with pytest.raises(ListFormatError, match="changed while it was being imported"):
        list(parsed.links)


def test_a_bad_last_record_is_refused_before_anything_is_written(
    any_store: Store, big_file: Path, tmp_path: Path
) -> None:
    before = snapshot(any_store)
    text = big_file.read_text(encoding="utf-8")
    bad = tmp_path / "bad-last.xml"
    broken = "<rr:RelationshipRecord><rr:Relationship><rr:StartNode><rr:NodeID>X</rr:NodeID>"
    bad.write_text(
        text.replace(
            "\n</rr:RelationshipRecords>",
            broken
            + "</rr:StartNode></rr:Relationship></rr:RelationshipRecord>\n</rr:RelationshipRecords>",
        ),
        encoding="utf-8",
    )
    with pytest.raises(ListFormatError) as error:
        import_path(any_store, bad)
    assert error.value.where == f"element <RelationshipRecord> #{RELATIONSHIPS + 1}"
    assert error.value.field_name == "EndNode/NodeID"
    assert snapshot(any_store) == before


def test_cancel_after_two_batches_leaves_nothing(any_store: Store, big_file: Path) -> None:
    before = snapshot(any_store)
    checks: list[int] = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > 2  # the loader asks before each batch of links

    with pytest.raises(ImportCancelled):
        import_path(any_store, big_file, is_cancelled=cancelled)
    assert snapshot(any_store) == before
    result = import_path(any_store, big_file)
    assert result.link_count == RELATIONSHIPS > 2 * BATCH
