"""The candidate index: finds true matches among many entries, filters, pickles, explains."""

from __future__ import annotations

import pickle

from screener.matching.index import EntrySource, MatchIndex, Query

ENTRIES = [
    EntrySource(
        "P-1",
        ["SELVIK, Borislav Timurovich", "Борислав Тимурович Селвик"],
        "person",
        "TEST-LIST",
        dates=["1961"],
        countries=["NO"],
    ),
    EntrySource("P-2", ["Quellmar DUNMORE"], "person", "TEST-LIST"),
    EntrySource(
        "C-1",
        ["Kestrel Rare Earth Separation Co., Ltd.", "欧阳稀土股份有限公司"],
        "organization",
        "TEST-LIST",
        identifiers=[("lei", "529900KESTREL0000042")],
    ),
    EntrySource("C-2", ["Zorvath Trading Company"], "organization", "OTHER-LIST"),
    EntrySource("V-1", ["OSTMARK STAR"], "vessel", "OTHER-LIST", identifiers=[("imo", "9876543")]),
    *(
        EntrySource(f"F-{i}", [f"Filler{i} Trading Company"], "organization", "OTHER-LIST")
        for i in range(300)
    ),
]


def build() -> MatchIndex:
    return MatchIndex.from_entries(ENTRIES)


def keys(matches) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.entry.entry_key for m in matches]


def test_finds_a_person_by_any_name_order_and_script() -> None:
    index = build()
    assert keys(index.search(Query.of("Borislav Selvik", "Person")))[:1] == ["P-1"]
    assert keys(index.search(Query.of("Селвик Борислав", "Person")))[:1] == ["P-1"]
    assert keys(index.search(Query.of("Borislav Selvick", "Person")))[:1] == ["P-1"]


def test_generic_words_do_not_bring_every_company() -> None:
    index = build()
    hits = index.search(Query.of("Brightwater Trading Company", "Company"))
    assert hits == []
    assert keys(index.search(Query.of("Zorvath Trading Co.", "Company"))) == ["C-2"]


def test_kind_filter_and_threshold() -> None:
    index = build()
    assert index.search(Query.of("Kestrel Rare Earth Separation"), kind="person") == []
    assert keys(index.search(Query.of("Kestrel Rare Earth Separation"), kind="company")) == ["C-1"]
    loose = index.search(Query.of("Borislav Quellmar"), threshold=0.1, limit=5)
    assert {"P-1", "P-2"} <= set(keys(loose))


def test_identifier_finds_an_entry_by_its_number_whatever_the_name() -> None:
    index = build()
    query = Query(["Kestrel Separation"], "Company", identifiers=[("lei", "529900KESTREL0000042")])
    hits = index.search(query)
    assert keys(hits)[:1] == ["C-1"] and hits[0].value == 1.0


def test_qualifiers_reach_search() -> None:
    index = build()
    same = index.search(Query(["Borislav Selvik"], "Person", dates=["1961-05-01"]))
    other = index.search(Query(["Borislav Selvik"], "Person", dates=["1990"]), threshold=0.0)
    assert same[0].value > other[0].value


def test_results_carry_features_and_list_data() -> None:
    match = build().search(Query.of("Borislav Selvik", "Person"))[0]
    assert match.entry.source_name == "TEST-LIST" and match.entry.primary_name.startswith("SELVIK")
    assert {r.name for r in match.score.features} >= {"name_token_overlap", "year_disjoint"}
    assert match.score.features[0].values  # explained


def test_candidate_set_is_small() -> None:
    index = build()
    record = Query.of("Filler7 Trading Company", "Company").record()
    assert 0 < len(index.candidate_names(record)) <= 20


def test_index_pickles_for_worker_processes() -> None:
    index = build()
    copy = pickle.loads(pickle.dumps(index))
    assert keys(copy.search(Query.of("Quellmar Dunmore", "Person"))) == ["P-2"]


def test_entries_without_names_are_skipped() -> None:
    index = MatchIndex.from_entries([EntrySource("X", ["", "  "], "person")])
    assert len(index) == 0 and index.search(Query.of("Selvik")) == []


def test_ids_summed_as_numpy_unique_and_bincount_sum_them() -> None:
    import numpy as np

    from screener.matching.index import _summed_by_id

    rng = np.random.default_rng(7)
    for size in (1, 2, 5, 300, 5000):
        ids = rng.integers(0, max(2, size // 3), size=size).astype(np.int32)
        weights = rng.random(size).astype(np.float32)
        expected_ids, inverse = np.unique(ids, return_inverse=True)
        unique, totals = _summed_by_id(ids, weights)
        assert np.array_equal(unique, expected_ids) and unique.dtype == ids.dtype
        assert np.array_equal(totals, np.bincount(inverse, weights=weights))  # bit for bit
