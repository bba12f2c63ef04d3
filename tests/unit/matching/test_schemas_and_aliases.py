"""The schema table (who meets whom) and one alias quality for an entry republished elsewhere."""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

import pytest

from screener.matching.index import EntrySource, MatchIndex, Query
from screener.matching.publisher_flags import carry_publisher_flags
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


def test_an_entry_citing_a_un_reference_carries_the_un_weak_and_strong_flags() -> None:
    entries = [
        Row(1, "QDi.123", "UN-SC"),
        Row(2, "AFG0001", "UK-OFSI"),
        Row(3, "12345", "OFAC-SDN"),
        Row(4, "QDi.999", "UN-SC"),  # linked to nobody: its flags stay its own
    ]
    names = {1: ["Abd al Hadi"], 2: ["Abu Hadi", "Abd al-Hadi"], 3: ["Abu Hadi"], 4: ["Abu Hadi"]}
    weak = {1: ["ABU HADI"], 2: ["abd al hadi"]}
    # (entry a, entry b, kind) as screener/lists/resolve.py writes them: UK and OFAC cite the UN
    links = [(1, 2, "un_reference"), (3, 1, "un_reference"), (2, 3, "identifier")]
    carry_publisher_flags(entries, names, weak, links)
    assert names[2] == ["Abd al-Hadi", "abd al hadi"]  # the UN gives "Abd al Hadi" as strong
    assert weak[2] == ["Abu Hadi"]  # and "Abu Hadi" as weak
    assert names[3] == [] and weak[3] == ["Abu Hadi"]
    assert names[4] == ["Abu Hadi"] and 4 not in weak
    assert weak[1] == ["ABU HADI"]  # the publisher keeps its own


def test_only_links_that_name_a_publishers_original_carry_flags() -> None:
    entries = [Row(1, "A1", "UK-OFSI"), Row(2, "E1", "EU-FSF")]
    names, weak = {1: ["Abu Hadi"], 2: ["Abu Hadi"]}, {1: ["X"]}
    carry_publisher_flags(entries, names, weak, [(1, 2, "identifier"), (1, 2, "un_reference")])
    assert names == {1: ["Abu Hadi"], 2: ["Abu Hadi"]} and weak == {1: ["X"]}
