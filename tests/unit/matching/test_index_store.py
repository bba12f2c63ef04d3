"""The kept index: read back equal to the one built, never trusted when altered or stale."""

from __future__ import annotations

import json
import mmap
import zipfile
from array import array
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from screener.matching import index_store, records
from screener.matching.algorithm import facts_read, scored_facts
from screener.matching.index import EntrySource, MatchIndex, Query, _with_names
from screener.matching.index_store import (
    IndexFileError,
    index_key,
    load_index,
    load_or_build,
    save_index,
)
from screener.matching.records import facts_held
from screener.names import NameForm
from tests.unit.matching.test_index import ENTRIES, build

QUERIES = [
    Query(["Borislav Selvik"], "Person", countries=["NO"], dates=["1961"]),
    Query(["Борислав Селвик"]),
    Query(["Kestrel Rare Earth Separation Company Limited"], "Company"),
    Query(["欧阳稀土股份有限公司"]),
    Query(["Nobody"], identifiers=[("imo", "IMO 9876543")]),
    Query(["Zorvath Trading"]),
]


def _same(a: MatchIndex, b: MatchIndex) -> None:
    assert list(a.entries) == list(b.entries)
    assert list(a.name_forms) == list(b.name_forms)
    assert a.postings.keys() == b.postings.keys()
    assert all(np.array_equal(a.postings[k], b.postings[k]) for k in a.postings)
    assert dict(a.key_weight) == dict(b.key_weight)
    assert a.rarity.__dict__ == b.rarity.__dict__
    assert np.array_equal(a.name_entry, b.name_entry)
    assert np.array_equal(a.name_group, b.name_group)
    for query in QUERIES:
        left = [(m.entry.entry_key, m.value, m.score.features_json()) for m in a.search(query)]
        right = [(m.entry.entry_key, m.value, m.score.features_json()) for m in b.search(query)]
        assert left == right


def _counting_build(calls: list[int]) -> Callable[[], MatchIndex]:
    """`build`, noting each call in `calls`: whether load_or_build built or read back."""

    def counted() -> MatchIndex:
        calls.append(1)
        return build()

    return counted


def test_a_kept_index_reads_back_equal(tmp_path: Path) -> None:
    built = build()
    save_index(built, tmp_path, "k1")
    assert {p.suffix for p in tmp_path.iterdir()} == {".json", ".npz", ".manifest"}
    _same(built, load_index(tmp_path, "k1"))


def test_a_name_shared_by_entries_stays_one_object(tmp_path: Path) -> None:
    built = build()
    save_index(built, tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    assert len({id(f) for f in back.name_forms}) == len({id(f) for f in built.name_forms})


@pytest.mark.parametrize("suffix", [".json", ".npz"])
def test_an_altered_file_is_refused(tmp_path: Path, suffix: str) -> None:
    save_index(build(), tmp_path, "k1")
    path = tmp_path / f"k1{suffix}"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IndexFileError, match="do not match the manifest"):
        load_index(tmp_path, "k1")


@pytest.mark.parametrize("where", ["the arrays' directory", "an array", "the JSON's header"])
def test_damage_anywhere_is_refused(tmp_path: Path, where: str) -> None:
    """The manifest vouches for the `.npz` through the CRC-32 its archive keeps of each array
    (checked by zipfile as the array is read), and for the JSON through its own CRC-32."""
    save_index(build(), tmp_path, "k1")
    path = tmp_path / ("k1.json" if where == "the JSON's header" else "k1.npz")
    data = bytearray(path.read_bytes())
    if where == "an array":  # a byte of the postings' data, not of a header or the directory
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("flat.npy")
        local = info.header_offset  # its local header: 30 bytes, then the name and extra field
        name_length = int.from_bytes(data[local + 26 : local + 28], "little")
        extra_length = int.from_bytes(data[local + 28 : local + 30], "little")
        at = local + 30 + name_length + extra_length + info.compress_size - 2  # the last id
    else:
        at = len(data) - 30 if where == "the arrays' directory" else 3
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IndexFileError, match="do not match the manifest"):
        load_index(tmp_path, "k1")


def test_a_file_replaced_by_another_build_is_refused(tmp_path: Path) -> None:
    """Another index's arrays, whole and undamaged, do not pass for this one's."""
    save_index(build(), tmp_path, "k1")
    other = MatchIndex.from_entries([EntrySource("X-1", ["Someone Else"], "person")])
    save_index(other, tmp_path / "other", "k2")
    (tmp_path / "k1.npz").write_bytes((tmp_path / "other" / "k2.npz").read_bytes())
    with pytest.raises(IndexFileError, match="do not match the manifest"):
        load_index(tmp_path, "k1")


def test_a_damaged_index_is_rebuilt_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_store, "index_dir", lambda: tmp_path)
    save_index(build(), tmp_path, "k1")
    (tmp_path / "k1.json").write_text('{"format": 1}', encoding="utf-8")
    calls: list[int] = []
    counted = _counting_build(calls)
    _same(build(), load_or_build("k1", counted))
    assert calls == [1]
    _same(build(), load_or_build("k1", counted))  # kept again, read back without building
    assert calls == [1]


def test_only_the_latest_index_is_kept(tmp_path: Path) -> None:
    save_index(build(), tmp_path, "old")
    save_index(build(), tmp_path, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "new.json",
        "new.manifest",
        "new.npz",
    ]


def test_the_key_follows_the_list_versions() -> None:
    one = index_key([(1, "a" * 64, 10, 1, 10)])
    assert one == index_key([(1, "a" * 64, 10, 1, 10)])
    assert one != index_key([(1, "b" * 64, 10, 1, 10)])  # other content
    assert one != index_key([(1, "a" * 64, 10, 11, 20)])  # other entry ids
    assert one != index_key([(1, "a" * 64, 10, 1, 10), (2, "c" * 64, 5, 11, 15)])


def test_the_store_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_store, "index_dir", lambda: tmp_path)
    monkeypatch.setenv("SCREENER_INDEX_CACHE", "0")
    load_or_build("k1", build)
    assert not list(tmp_path.iterdir())


def test_entries_cover_every_source_field(tmp_path: Path) -> None:
    assert any(e.identifiers for e in ENTRIES) and any(e.dates for e in ENTRIES)
    built = build()
    save_index(built, tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    original = {e.entry_key: e.record for e in built.entries}
    for entry in back.entries:
        record = original[entry.entry_key]
        assert (entry.record.identifiers, entry.record.years) == (
            record.identifiers,
            record.years,
        )


def test_an_unwritable_data_directory_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unwritable() -> Path:
        raise PermissionError("read-only home")

    monkeypatch.setattr(index_store, "index_dir", unwritable)
    assert len(load_or_build("k1", build)) == len(build())


def test_a_kept_index_makes_a_name_only_when_the_matcher_asks(tmp_path: Path) -> None:
    """Reading makes no per-name object (a batch worker would copy them all): a search makes
    the names and entries it meets, and the same object each time it meets one again."""
    save_index(build(), tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    entries = back.entries
    assert isinstance(entries, index_store.LazyRows)
    assert not entries._made
    back.search(QUERIES[0])
    made = sorted(entries._made)
    assert 0 < len(made) < len(entries)
    assert entries[made[0]] is entries[made[0]]
    assert back.name_forms[0] is back.name_forms[0]
    last = len(entries) - 1
    assert entries[-1] is entries[last] and entries[last] is entries[-1]
    with pytest.raises(IndexError):
        entries[len(entries)]
    with pytest.raises(IndexError):
        entries[-len(entries) - 1]
    # positions are machine integers, and made rows are kept in memory of the process that
    # made them: reading writes nothing a forked worker shares with its parent
    assert isinstance(entries._bounds, array) and isinstance(back.name_forms._refs, array)  # type: ignore[attr-defined]
    assert isinstance(back.keys.starts, array) and isinstance(entries._made, dict)


def test_keys_and_words_kept_over_several_lines_read_back_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys and word frequencies are written a few thousand a line (one long line would hold
    the interpreter lock while it is read); any split reads back the same index."""
    monkeypatch.setattr(index_store, "ROWS_PER_LINE", 7)
    built = build()
    save_index(built, tmp_path, "k1")
    lines = (tmp_path / "k1.json").read_bytes().count(b"\n")
    assert lines > 1 + len(built.keys.numbers) // 7
    _same(built, load_index(tmp_path, "k1"))


def test_rows_made_through_their_slots_equal_the_classes_own(tmp_path: Path) -> None:
    """Kept names, records and entries are made by setting their slots (a third of the
    time of a frozen dataclass's __init__): the same objects, each name with a cache of its
    own; a class with other fields than expected is made by its own __init__."""
    built = build()
    save_index(built, tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    assert records._RECORD_SLOTS and index_store._ENTRY_SLOTS
    for made, original in zip(back.entries, built.entries, strict=True):
        assert type(made) is type(original) and made == original
        assert type(made.record) is type(original.record) and made.record == original.record
        assert made.record.data == {}
    forms = list(back.name_forms)
    for form, built_form in zip(forms, built.name_forms, strict=True):
        assert type(form) is type(built_form) and form == built_form
        assert form.cache == {}
    assert len({id(f.cache) for f in forms}) == len({id(f) for f in forms})
    assert records.slot_setters(NameForm, ("original", "script")) is None


def test_a_candidate_record_is_the_entry_narrowed_to_its_names(tmp_path: Path) -> None:
    """Scoring reads an entry's facts and its candidate names: the kept entries give that
    record without making the entry (nor its other names), equal to the entry's record
    narrowed as the search narrows it, before and after the entry is made."""
    built = build()
    save_index(built, tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    entries = back.entries
    assert isinstance(entries, index_store.KeptEntries)
    starts = np.searchsorted(back.name_entry, np.arange(len(entries) + 1)).tolist()
    for position in range(len(entries)):
        names = tuple(back.name_forms[starts[position] : starts[position + 1]])
        for chosen in (names[:1], names[-1:], names):
            assert position not in entries._made
            narrowed = entries.narrowed(position, chosen)
            assert narrowed.names == chosen
            assert narrowed == _with_names(built.entries[position].record, chosen)
    for position in range(len(entries)):
        record = entries[position].record
        names = record.names
        assert entries.narrowed(position, names) is record
        assert entries.narrowed(position, names[:1]) == _with_names(record, names[:1])


def _entries_with_every_set_of_facts() -> list[EntrySource]:
    """A person, a company, a vessel and an entry of no type, each with every combination of
    weak names, countries, years and identifiers (and a name many of them share)."""
    sources = []
    for number in range(16):
        for kind in ("person", "organization", "vessel", ""):
            sources.append(
                EntrySource(
                    f"{kind or 'none'}-{number}",
                    [f"Marlow Tessaly {kind} {number}", "Marlow Tessaly"],
                    kind,
                    "TEST-LIST",
                    weak_names=["Tess"] if number & 1 else (),
                    countries=["NO", "SE"] if number & 2 else (),
                    dates=["1961"] if number & 4 else (),
                    identifiers=[("imo", "9876543")] if number & 8 else (),
                )
            )
    return sources


def test_an_entry_holding_no_fact_the_score_reads_is_scored_without_reading_its_row(
    tmp_path: Path,
) -> None:
    """A kept index knows which facts each entry holds (`entry_facts`): for a query whose
    score reads none of them (`facts_read`), the candidate's record is made from the entry's
    type alone, its row unread. It scores as the entry's own record: the same names, kind
    and schema, and the same facts as far as the score reads them (`scored_facts`, whose
    test shows that equal such facts give equal scores)."""
    built = MatchIndex.from_entries(_entries_with_every_set_of_facts())
    save_index(built, tmp_path, "k1")
    starts = np.searchsorted(built.name_entry, np.arange(len(built.entries) + 1)).tolist()
    for facts in range(8):  # which of countries, years, identifiers the query gives
        query = Query(
            ["Marlow Tessaly"],
            countries=["NO"] if facts & 1 else (),
            dates=["1961"] if facts & 2 else (),
            identifiers=[("imo", "IMO 9876543")] if facts & 4 else (),
        ).record()
        reads = facts_read(query)
        back = load_index(tmp_path, "k1")
        entries = back.entries
        assert isinstance(entries, index_store.KeptEntries)
        unread = 0
        for position, entry in enumerate(built.entries):
            names = tuple(back.name_forms[starts[position] : starts[position + 1]])
            own = _with_names(entry.record, names)
            assert facts_held(own) == entries._held[position]
            candidate = entries.narrowed(position, names, reads)
            assert (candidate.names, candidate.kind, candidate.schema) == (
                own.names,
                own.kind,
                own.schema,
            )
            assert scored_facts(query, candidate) == scored_facts(query, own)
            if not facts_held(own) & reads:
                unread += 1
                assert position not in entries._facts  # its row was not read
            else:
                assert candidate == own
        assert unread > 0
        if not facts:  # only the weak names are read, and half the entries hold none
            assert unread == len(built.entries) // 2
        assert [m.score for m in back.search(query)] == [m.score for m in built.search(query)]


def test_names_picked_together_are_the_names_read_one_by_one(tmp_path: Path) -> None:
    """A search reads its candidate names in one call (`_NameForms.picked`): the same objects
    as reading each, made or not yet made."""
    save_index(build(), tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    forms = back.name_forms
    assert isinstance(forms, index_store._NameForms)
    ids = list(range(len(forms)))[::-1]
    first = forms.picked(ids[::2])  # made here
    assert first == [forms[i] for i in ids[::2]]
    every = forms.picked(ids)  # half made before
    assert all(a is forms[i] for a, i in zip(every, ids, strict=True))
    assert all(a is b for a, b in zip(first, every[::2], strict=True))


def test_a_republished_entry_is_scored_once_and_one_with_other_facts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list republishing another's entry brings the same name objects and facts: scored
    once, both entries answered; an entry with those names but another country is scored on
    its own facts, and one more with that country again takes its score; a third country is
    scored again."""
    from screener.matching.index import EntrySource

    entries = [
        EntrySource("SDN-1", ["Borislav Quellmar Selvik"], "person", "OFAC SDN", countries=["NO"]),
        EntrySource("CSL-1", ["Borislav Quellmar Selvik"], "person", "CSL", countries=["NO"]),
        EntrySource("UN-1", ["Borislav Quellmar Selvik"], "person", "UN", countries=["RU"]),
        EntrySource("EU-1", ["Borislav Quellmar Selvik"], "person", "EU", countries=["RU"]),
        EntrySource("UK-1", ["Borislav Quellmar Selvik"], "person", "UK", countries=["DE"]),
    ]
    from screener.matching.index_build import build_kept_from

    # built as the database's index is: a name several entries bear is one row, one object
    back = index_store.index_from_parts(build_kept_from([entries], len(entries), workers=1))
    assert len({id(form) for form in back.name_forms}) == 1
    calls = _quick_scores_counted(monkeypatch)
    query = Query(["Borislav Quellmar Selvik"], "Person", countries=["NO"])
    found = {m.entry.entry_key: m.value for m in back.search(query, threshold=0.0)}
    assert len(calls) == 3  # SDN-1 and CSL-1 once, UN-1 and EU-1 once, UK-1 on its own
    assert found["SDN-1"] == found["CSL-1"] != found["UN-1"] == found["EU-1"]
    assert "UK-1" in found
    monkeypatch.undo()
    assert found == {m.entry.entry_key: m.value for m in build_fresh(entries, query)}


def test_facts_a_query_does_not_give_do_not_part_candidates_with_the_same_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query with no country: the five entries bearing the name differ only in their
    countries, which its score does not read (`scored_facts`): scored once, every entry
    answered with that score, and, when not explained, with the values it would compare
    on its own (a quick score compares no country the query lacks)."""
    from screener.matching.algorithm import score_records
    from screener.matching.index import EntrySource
    from screener.matching.index_build import build_kept_from

    countries = ["NO", "NO", "RU", "RU", "DE"]
    entries = [
        EntrySource(f"E-{i}", ["Borislav Quellmar Selvik"], "person", "L", countries=[c])
        for i, c in enumerate(countries)
    ]
    back = index_store.index_from_parts(build_kept_from([entries], len(entries), workers=1))
    calls = _quick_scores_counted(monkeypatch)
    query = Query(["Borislav Quellmar Selvik"], "Person")
    found = back.search(query, threshold=0.0)
    assert len(calls) == 1
    quick = back.search(query, threshold=0.0, explain=False)
    monkeypatch.undo()
    assert len(found) == len(quick) == 5
    assert {m.entry.entry_key: m.value for m in found} == {
        m.entry.entry_key: m.value for m in build_fresh(entries, query)
    }
    for match in quick:
        alone = score_records(query.record(), match.entry.record, explain=False, min_score=0.0)
        assert [r.as_dict() for r in match.score.features] == [r.as_dict() for r in alone.features]


def _quick_scores_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The first name of each candidate `MatchIndex.search` scores quickly, from now on."""
    from screener.matching import index as index_module

    calls: list[str] = []
    real = index_module.score_records

    def counted(query: object, candidate: object, **kwargs: object) -> object:
        if not kwargs.get("explain"):
            calls.append(candidate.names[0].original)  # type: ignore[attr-defined]
        return real(query, candidate, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module, "score_records", counted)
    return calls


def build_fresh(entries: list[object], query: Query) -> list[object]:
    """The same search on the index as built (each entry its own name objects)."""
    return MatchIndex.from_entries(entries).search(query, threshold=0.0)  # type: ignore[arg-type, return-value]


def _rewrite_npz(folder: Path, key: str, **changed: np.ndarray) -> None:
    """Replace arrays of a kept `.npz` and vouch for it in the manifest, as a writer would."""
    path = folder / f"{key}.npz"
    with np.load(path) as arrays:
        kept = {name: arrays[name] for name in arrays.files if name not in changed}
    np.savez(path, **kept, **changed)
    manifest = json.loads((folder / f"{key}.manifest").read_text(encoding="utf-8"))
    manifest.update(index_store._checksums((folder / f"{key}.json").read_bytes(), path))
    (folder / f"{key}.manifest").write_text(json.dumps(manifest), encoding="utf-8")


def test_an_index_kept_in_an_older_format_is_rebuilt_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Format 5 found its lines by their newlines and kept no bounds, format 6 kept no
    entry's facts: such an index (its manifest says so) is refused and built again, as is
    one whose arrays lack the bounds or the entries' facts, or hold facts for fewer
    entries."""
    monkeypatch.setattr(index_store, "index_dir", lambda: tmp_path)
    for older in (5, 6):
        save_index(build(), tmp_path, "k1")
        manifest = tmp_path / "k1.manifest"
        kept = json.loads(manifest.read_text(encoding="utf-8"))
        manifest.write_text(json.dumps({**kept, "format": older}), encoding="utf-8")
        with pytest.raises(IndexFileError, match="another format"):
            load_index(tmp_path, "k1")
        calls: list[int] = []
        counted = _counting_build(calls)
        _same(build(), load_or_build("k1", counted))
        assert calls == [1]
    for lacking in ("bounds", "entry_facts"):
        save_index(build(), tmp_path, "k1")
        with np.load(tmp_path / "k1.npz") as arrays:
            without = {name: arrays[name] for name in arrays.files if name != lacking}
        np.savez(tmp_path / "k1.npz", **without)
        _rewrite_npz(tmp_path, "k1")
        with pytest.raises(IndexFileError, match="unexpected contents"):
            load_index(tmp_path, "k1")
    save_index(build(), tmp_path, "k1")
    with np.load(tmp_path / "k1.npz") as arrays:
        fewer = arrays["entry_facts"][:-1].copy()
    _rewrite_npz(tmp_path, "k1", entry_facts=fewer)
    with pytest.raises(IndexFileError, match="facts of another length"):
        load_index(tmp_path, "k1")


@pytest.mark.parametrize("shift", ["a line moved", "a line short", "the file short"])
def test_lines_bounded_elsewhere_than_at_their_newlines_are_refused(
    tmp_path: Path, shift: str
) -> None:
    save_index(build(), tmp_path, "k1")
    with np.load(tmp_path / "k1.npz") as arrays:
        bounds = arrays["bounds"].copy()
    if shift == "a line moved":
        bounds[len(bounds) // 2] += 1
    elif shift == "a line short":
        bounds = np.delete(bounds, len(bounds) // 2)
    else:
        bounds[-1] -= 1
    _rewrite_npz(tmp_path, "k1", bounds=bounds)
    with pytest.raises(IndexFileError, match="unexpected contents"):
        load_index(tmp_path, "k1")


def test_a_kept_index_is_read_from_the_mapped_file(tmp_path: Path) -> None:
    """The file's pages are the kernel's cached ones, mapped, not copied into the process;
    its lines are where the kept bounds say (no search for newlines)."""
    built = build()
    save_index(built, tmp_path, "k1")
    back = load_index(tmp_path, "k1")
    assert isinstance(back.entries._data, mmap.mmap)  # type: ignore[attr-defined]
    data = (tmp_path / "k1.json").read_bytes()
    with np.load(tmp_path / "k1.npz") as arrays:
        bounds = arrays["bounds"]
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    assert np.array_equal(bounds, np.concatenate([[0], ends + 1]))
    _same(built, back)


def test_a_kept_index_is_read_with_the_collector_paused_then_out_of_its_reach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its millions of long-lived objects are not walked by collections while it is read,
    nor after (frozen); the collector is on again afterwards."""
    import gc

    monkeypatch.setattr(index_store, "index_dir", lambda: tmp_path)
    save_index(build(), tmp_path, "k1")
    seen: list[bool] = []
    load = index_store.load_index

    def watched(*args: object, **kwargs: object) -> MatchIndex:
        seen.append(gc.isenabled())
        return load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_store, "load_index", watched)
    gc.unfreeze()
    try:
        back = load_or_build("k1", lambda: pytest.fail("read, not built"))
        assert seen == [False] and gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert len(back) == len(build())
    finally:
        gc.unfreeze()
