"""The kept kanwa dictionary: pykakasi reads every name as with its own, whatever the file.

Each test hands pykakasi's shared dictionary slot back empty, as a new process has it, and
restores it after, so the process's own `screener.names` readings are not disturbed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pykakasi
import pytest
from pykakasi import kanji

from screener import kept_kanwa

NAMES = [
    "三浦 陽一",
    "藤井 直子 英樹",
    "株式会社 東京鉱業",
    "高橋 一郎",
    "小林 心",
    "中国国際人上長",
    "わたなべ ゆうこ",
    "サトウ タロウ",
    "龍之介",
    "齋藤 髙",
]


@pytest.fixture
def empty_slot() -> Iterator[dict[str, Any]]:
    state = kanji.Kanwa._shared_state
    before = state["_jisyo_table"]
    state["_jisyo_table"] = None
    yield state
    state["_jisyo_table"] = before


def _readings(names: list[str]) -> list[list[dict[str, str]]]:
    converter = pykakasi.kakasi()  # a new converter: its lru cache is per instance
    return [converter.convert(name) for name in names]


@pytest.fixture(scope="module")
def own() -> tuple[dict[int, Any], list[list[dict[str, str]]]]:
    """pykakasi's own dictionary, and the names as it reads them with it."""
    state = kanji.Kanwa._shared_state
    before = state["_jisyo_table"]
    state["_jisyo_table"] = None
    kanji.Kanwa()  # pykakasi loads its own dictionary
    table = state["_jisyo_table"]
    assert isinstance(table, dict)
    readings = _readings(NAMES)
    state["_jisyo_table"] = before
    return table, readings


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, own: Any) -> bytes:
    """A kept file as `install` writes it."""
    path = tmp_path_factory.mktemp("kanwa") / "kanwa.jsonl"
    kept_kanwa._write(path, own[0])
    return path.read_bytes()


def _place(data: bytes) -> Path:
    """The kept file where `install` looks for it, holding `data`."""
    from pykakasi.kanji import Configurations

    path = kept_kanwa._kept_path(Path(Configurations.dictpath(Configurations.jisyo_kanwa)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _kept_files() -> list[Path]:
    from screener.paths import user_data_dir

    return sorted((user_data_dir() / "dictionaries").glob(f"kanwa{kept_kanwa.FORMAT}-*.jsonl"))


def test_names_read_as_with_pykakasis_own_dictionary(empty_slot: dict[str, Any], own: Any) -> None:
    kept_kanwa.install()  # the first time: pykakasi's dictionary, and the kept file written
    assert isinstance(empty_slot["_jisyo_table"], dict)
    assert len(_kept_files()) == 1
    empty_slot["_jisyo_table"] = None
    kept_kanwa.install()  # the next process: the kept file, read per character
    table = empty_slot["_jisyo_table"]
    assert isinstance(table, kept_kanwa.KeptKanwa)
    assert _readings(NAMES) == own[1]


def test_every_character_keeps_its_words_in_order(
    empty_slot: dict[str, Any], own: Any, pristine: bytes
) -> None:
    _place(pristine)
    kept_kanwa.install()
    table = empty_slot["_jisyo_table"]
    assert isinstance(table, kept_kanwa.KeptKanwa)
    for code, words in own[0].items():
        read = table.get(code)
        assert read is not None and list(read) == list(words), chr(code)
        assert [[list(p) for p in v] for v in read.values()] == [
            [list(p) for p in v] for v in words.values()
        ], chr(code)
    assert table.get(ord("A")) is None and table.get(ord("A"), {}) == {}


def test_a_word_read_alone_is_the_word_the_whole_line_gives(
    empty_slot: dict[str, Any], own: Any, pristine: bytes
) -> None:
    """A name asks a character's table for a few words, each parsed alone from the line
    (issue 22: CPU per name): every word of the characters the names use, and words that
    are not there, read as pykakasi's own dictionary has them."""
    _place(pristine)
    kept_kanwa.install()
    table = empty_slot["_jisyo_table"]
    for char in {c for name in NAMES for c in name if not c.isspace()}:
        read, words = table.get(ord(char)), own[0].get(ord(char))
        if words is None:
            assert read is None
            continue
        assert isinstance(read, kept_kanwa.CharTable)
        for word, readings in words.items():
            assert [list(p) for p in read.get(word)] == [list(p) for p in readings], word
            assert [list(p) for p in read[word]] == [list(p) for p in readings], word
        for missing in (char + "ぬぬ", char * 9, char + '"', char + "\\", char + "\n"):
            assert read.get(missing) is None and missing not in read
        assert len(read) == len(words)


@pytest.mark.parametrize("damage", ["truncated", "header", "line", "middle", "empty"])
def test_a_damaged_file_never_changes_a_reading(
    empty_slot: dict[str, Any], damage: str, own: Any, pristine: bytes
) -> None:
    data = pristine
    path = _place(data)
    header_end = data.index(b"\n") + 1
    if damage == "truncated":
        path.write_bytes(data[:-1000])
    elif damage == "header":
        path.write_bytes(b"{not json\n" + data[header_end:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # the line of a character the names use, overwritten in place: the header fits
        import orjson

        header = orjson.loads(data[:header_end])
        line = header_end + header["offsets"][header["codes"].index(ord("三"))]
        if damage == "middle":  # still JSON, and far from the words the names ask for
            end = header_end + header["offsets"][header["codes"].index(ord("三")) + 1]
            at = data.rindex(b"null", line, end)
            path.write_bytes(data[:at] + b"true" + data[at + 4 :])
        else:
            path.write_bytes(data[:line] + b"\xff\xff" + data[line + 2 :])
    kept_kanwa.install()
    assert _readings(NAMES) == own[1]
    if damage in ("line", "middle"):  # found damaged when first read: pykakasi's own since
        assert empty_slot["_jisyo_table"]._whole is not None
    if damage not in ("line", "middle"):  # made again at once; a damaged line when read
        empty_slot["_jisyo_table"] = None
        kept_kanwa.install()
        assert isinstance(empty_slot["_jisyo_table"], kept_kanwa.KeptKanwa)


def test_switched_off_with_the_kept_index(
    empty_slot: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCREENER_INDEX_CACHE", "0")
    kept_kanwa.install()
    assert empty_slot["_jisyo_table"] is None and _kept_files() == []


def test_an_unwritable_data_directory_leaves_pykakasi_its_own(
    empty_slot: dict[str, Any], monkeypatch: pytest.MonkeyPatch, own: Any
) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(kept_kanwa, "_write", refused)
    kept_kanwa.install()
    assert isinstance(empty_slot["_jisyo_table"], dict)  # pykakasi's own, loaded once
    assert _kept_files() == []
    assert _readings(NAMES) == own[1]
