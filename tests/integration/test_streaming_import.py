"""A large FtM file is imported in batches, never held whole, and still all-or-nothing (issue 19).

The file here is 6,000 entities (three batches of the loader's 2,000), big enough that a
failure on its last line comes after rows were already written in the same transaction.
"""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest

from screener.lists.base import ListFormatError, ParsedEntry, Reread
from screener.lists.ftm import PARSER
from screener.lists.load import BATCH, ImportCancelled
from screener.lists.service import import_path
from screener.store import Store
from tests.conftest import SHARED_DATA
from tests.integration.streaming_memory import walked_and_held_peaks
from tests.integration.test_list_import import snapshot

ENTITIES = 6000
ZALA = SHARED_DATA / "opensanctions-ftm" / "zala_entities.ftm.json"


def _lines(count: int) -> list[str]:
    """Persons and companies, a Sanction for every third, an Ownership for every company."""
    lines = []
    for n in range(count):
        schema = "Person" if n % 2 else "Company"
        lines.append(
            json.dumps(
                {
                    "id": f"e{n}",
                    "schema": schema,
                    "caption": f"Name {n} Holding",
                    "properties": {"name": [f"Name {n} Holding", f"Имя {n}"], "country": ["ru"]},
                    "target": n % 3 == 0,
                }
            )
        )
        if n % 3 == 0:
            lines.append(
                json.dumps(
                    {
                        "id": f"s{n}",
                        "schema": "Sanction",
                        "properties": {"entity": [f"e{n}"], "program": ["RUSSIA-EO14024"]},
                    }
                )
            )
        if schema == "Company" and n:
            lines.append(
                json.dumps(
                    {
                        "id": f"o{n}",
                        "schema": "Ownership",
                        "properties": {
                            "asset": [f"e{n}"],
                            "owner": [f"e{n - 1}"],
                            "percentage": ["51"],
                        },
                    }
                )
            )
    return lines


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ftm") / "big.ftm.json"
    path.write_text("\n".join(_lines(ENTITIES)) + "\n", encoding="utf-8")
    return path


def test_entries_are_made_as_they_are_walked_not_kept(big_file: Path) -> None:
    parsed = PARSER.parse(big_file)
    assert isinstance(parsed.entries, Reread) and len(parsed.entries) == ENTITIES
    alive: list[weakref.ref[ParsedEntry]] = []
    for entry in parsed.entries:
        alive.append(weakref.ref(entry))
    del entry
    gc.collect()
    assert sum(ref() is not None for ref in alive) == 0  # nothing holds the entries walked
    assert len(alive) == ENTITIES
    links = list(parsed.links)
    assert len(links) == len(parsed.links) == ENTITIES // 2 - 1
    assert links[0].object_name == "Name 1 Holding" and links[0].percentage == 51.0
    target = next(e for e in parsed.entries if e.entry_key == "e3")
    assert target.programs == ["RUSSIA-EO14024"] and target.list_name == "sanctioned"


def test_parsing_holds_a_fraction_of_what_the_entries_weigh(big_file: Path) -> None:
    """The first pass keeps captions and sanctions only; the entries would weigh far more."""
    walked, held, streamed_peak, held_peak = walked_and_held_peaks(
        PARSER.parse, big_file, lambda parsed: parsed.entries
    )
    assert walked == held == ENTITIES
    assert streamed_peak < held_peak / 4


def test_a_file_changed_between_the_passes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.ftm.json"
    path.write_text("\n".join(_lines(10)) + "\n", encoding="utf-8")
    parsed = PARSER.parse(path)
    path.write_text("\n".join(_lines(12)) + "\n", encoding="utf-8")
    with pytest.raises(ListFormatError, match="changed while it was being imported"):
        list(parsed.entries)


def test_failure_on_the_last_line_leaves_the_database_as_it_was(
    any_store: Store, big_file: Path, tmp_path: Path
) -> None:
    import_path(any_store, ZALA)
    before = snapshot(any_store)
    lines = big_file.read_text(encoding="utf-8").splitlines()
    entity_lines = [i for i, line in enumerate(lines) if '"Sanction"' not in line]
    duplicate = json.loads(lines[entity_lines[0]])  # the same id again, on the last line
    bad = tmp_path / "duplicate-last.ftm.json"
    bad.write_text("\n".join([*lines, json.dumps(duplicate)]) + "\n", encoding="utf-8")
    written: list[int] = []
    with pytest.raises(ListFormatError) as error:
        import_path(
            any_store,
            bad,
            on_progress=lambda done, _t, stage: (
                written.append(done) if stage == "writing entries" else None
            ),
        )
    assert error.value.field_name == "entry_key" and f"entry {ENTITIES + 1}" in str(error.value)
    assert max(written) >= 2 * BATCH  # batches were in the database before the failure
    assert snapshot(any_store) == before

    unreadable = tmp_path / "bad-json-last.ftm.json"
    unreadable.write_text("\n".join([*lines, '{"id": "x", "schema"']) + "\n", encoding="utf-8")
    with pytest.raises(ListFormatError) as error:
        import_path(any_store, unreadable)
    assert (error.value.where, error.value.field_name) == (f"line {len(lines) + 1}", "json")
    assert snapshot(any_store) == before


def test_cancel_after_two_batches_leaves_nothing(any_store: Store, big_file: Path) -> None:
    before = snapshot(any_store)
    progress: list[int] = []
    with pytest.raises(ImportCancelled):
        import_path(
            any_store,
            big_file,
            on_progress=lambda done, _t, stage: (
                progress.append(done) if stage == "writing entries" else None
            ),
            is_cancelled=lambda: len(progress) > 2,
        )
    assert snapshot(any_store) == before
    result = import_path(any_store, big_file)
    assert result.entry_count == ENTITIES and result.link_count == ENTITIES // 2 - 1
    assert result.counts == {"organization": ENTITIES // 2, "person": ENTITIES // 2}


def test_a_second_walk_reads_again_what_the_first_let_go(big_file: Path) -> None:
    """A completed walk drops the first pass's sanctions and captions (the relink after it
    needs the memory); walking again must give the same entries and links."""
    parsed = PARSER.parse(big_file)
    entries = [(e.entry_key, e.programs, e.listed_on) for e in parsed.entries]
    links = [(link.subject_key, link.object_name) for link in parsed.links]
    assert [(e.entry_key, e.programs, e.listed_on) for e in parsed.entries] == entries
    assert [(link.subject_key, link.object_name) for link in parsed.links] == links
    assert sum(1 for _, programs, _ in entries if programs) == ENTITIES // 3
