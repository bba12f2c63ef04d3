"""One alias quality for one entry whichever path reads the lists: the database index
(`db_index.build_index`) and list files read without a database (`matching.sources`).

The CSL republishes an SDN entry (`SDN:<id>`) with every alias strong; OFAC marks one weak.
A UK entry citing the UN reference number gives as strong an alias the UN marks weak.
"""

from __future__ import annotations

from pathlib import Path

from screener.lists.base import ParsedEntry, ParsedIdentifier, ParsedList, ParsedName
from screener.lists.load import load_parsed_list
from screener.matching.db_index import build_index
from screener.matching.index import MatchIndex, Query
from screener.matching.sources import sources_from_lists, sources_from_parsed
from screener.store import Store


def entry(
    key: str, primary: str, weak: list[str], strong: list[str], **fields: object
) -> ParsedEntry:
    names = [ParsedName(primary)]
    names += [ParsedName(n, "aka", "weak") for n in weak]
    names += [ParsedName(n, "aka", "strong") for n in strong]
    return ParsedEntry(key, "person", primary, names=names, **fields)  # type: ignore[arg-type]


def lists(tmp_path: Path) -> list[ParsedList]:
    made = []
    for source, entries in (
        ("OFAC-SDN", [entry("10009", "QASIMOV, Ahmad Salim", ["Abu Salim"], [])]),
        ("US-CSL", [entry("SDN:10009", "QASIMOV, Ahmad Salim", [], ["Abu Salim"])]),
        ("UN-SC", [entry("QDi.123", "ABD AL HADI NURI", ["ABU HADI"], [])]),
        (
            "UK-OFSI",
            [
                entry(
                    "AFG0001",
                    "NURI, Abd al Hadi",
                    [],
                    ["Abu Hadi"],
                    identifiers=[ParsedIdentifier("un_reference", "QDi.123")],
                )
            ],
        ),
    ):
        path = tmp_path / f"{source}.txt"
        path.write_text(source)
        made.append(ParsedList(source, "test", "test", [path], entries))
    return made


def weak_by_key(sources: object) -> dict[str, list[str]]:
    return {s.entry_key: sorted(s.weak_names) for s in sources}  # type: ignore[attr-defined]


def test_files_read_together_carry_the_publishers_flags(tmp_path: Path) -> None:
    parsed = lists(tmp_path)
    alone = weak_by_key(s for p in parsed for s in sources_from_parsed(p))
    together = weak_by_key(sources_from_lists(parsed))
    assert alone["SDN:10009"] == [] and alone["AFG0001"] == []  # as each file publishes them
    assert together["SDN:10009"] == ["Abu Salim"]
    assert together["AFG0001"] == ["Abu Hadi"]
    assert together["10009"] == ["Abu Salim"] and together["QDi.123"] == ["ABU HADI"]


def test_the_same_entry_scores_the_same_from_files_and_from_the_database(
    store: Store, tmp_path: Path
) -> None:
    parsed = lists(tmp_path)
    with store.unit_of_work() as session:
        for one in parsed:
            load_parsed_list(session, one)
    with store.session() as session:
        database = build_index(session)
    files = MatchIndex.from_entries(sources_from_lists(parsed))
    for query in ("Abu Salim", "Abu Hadi"):
        from_db = {
            m.entry.entry_key: round(m.value, 6)
            for m in database.search(Query.of(query), threshold=0)
        }
        from_files = {
            m.entry.entry_key: round(m.value, 6) for m in files.search(Query.of(query), threshold=0)
        }
        assert from_db == from_files
    scores = {m.entry.entry_key: m.value for m in files.search(Query.of("Abu Salim"), threshold=0)}
    assert scores["SDN:10009"] == scores["10009"]
