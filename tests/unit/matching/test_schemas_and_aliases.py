"""The schema table (who meets whom) and one alias quality for an entry republished elsewhere."""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

import pytest

from screener.matching.db_index import carry_publisher_flags
from screener.matching.index import EntrySource, MatchIndex, Query
from screener.matching.schemas import SchemaTableError, load_schema_table


def test_the_shipped_table_keeps_kinds_apart_and_lets_the_untyped_meet_all() -> None:
    table = load_schema_table()
    assert table.compatible("Company", "organization")
    assert table.compatible("organisation", "company")
    assert not table.compatible("company", "vessel")
    assert not table.compatible("person", "organization")
    assert not table.compatible("vessel", "aircraft")
    assert table.compatible(None, "vessel")  # an untyped query meets every kind
    assert table.compatible("company", "")  # so does an entry of unknown kind
    assert table.compatible("company", "spaceship")


def test_a_company_query_never_meets_a_vessel_of_the_same_name() -> None:
    index = MatchIndex.from_entries(
        [
            EntrySource("V-1", ["KESTREL VOYAGER"], "vessel", "TEST"),
            EntrySource("C-1", ["KESTREL VOYAGER LLC"], "organization", "TEST"),
        ]
    )
    company = [m.entry.entry_key for m in index.search(Query.of("Kestrel Voyager", "company"))]
    untyped = [m.entry.entry_key for m in index.search(Query.of("Kestrel Voyager"))]
    assert company == ["C-1"]
    assert sorted(untyped) == ["C-1", "V-1"]


def test_a_table_naming_an_unknown_kind_is_refused_with_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "schemas.yaml"
    bad.write_text("kinds:\n  person: [person]\nmeets:\n  person: [robot]\n", encoding="utf-8")
    with pytest.raises(SchemaTableError, match="schemas.yaml.*robot"):
        load_schema_table(str(bad))


Row = namedtuple("Row", "id entry_key name")


def test_the_csl_copy_of_an_sdn_entry_carries_ofac_weak_alias_flags() -> None:
    entries = [
        Row(1, "10009", "OFAC-SDN"),
        Row(2, "SDN:10009", "US-CSL"),
        Row(3, "SDN:99999", "US-CSL"),  # no OFAC entry loaded for it: left as published
    ]
    names = {1: ["SALIM, Abu Ahmad"], 2: ["Abu Salim", "SALIM, Abu Ahmad"], 3: ["Abu Salim"]}
    weak = {1: ["ABU SALIM"]}
    carry_publisher_flags(entries, names, weak)
    assert names[2] == ["SALIM, Abu Ahmad"]
    assert weak[2] == ["Abu Salim"]
    assert names[3] == ["Abu Salim"] and 3 not in weak


def test_a_weak_alias_scores_the_same_on_the_publisher_and_its_copy() -> None:
    entries = [Row(1, "10009", "OFAC-SDN"), Row(2, "SDN:10009", "US-CSL")]
    names = {1: ["Ahmad Salim Qasimov"], 2: ["Ahmad Salim Qasimov", "Abu Salim"]}
    weak = {1: ["Abu Salim"]}
    carry_publisher_flags(entries, names, weak)
    index = MatchIndex.from_entries(
        EntrySource(r.entry_key, names[r.id], "person", r.name, weak_names=weak.get(r.id, []))
        for r in entries
    )
    scores = {m.entry.entry_key: m.value for m in index.search(Query.of("Abu Salim"), threshold=0)}
    assert scores["10009"] == pytest.approx(scores["SDN:10009"])
