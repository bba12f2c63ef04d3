"""Wade-Giles and pinyin meet: a pinyin name's second reading in Wade-Giles spelling."""

from __future__ import annotations

import pytest

from screener.matching.algorithm import score_pair
from screener.matching.config import load_config
from screener.matching.records import make_record
from screener.matching.wade_giles import WADE_GILES, _table, wade_giles_reading


def test_the_shipped_table_is_pypinyins() -> None:
    """rules/matching/wade_giles.yaml is a copy of pypinyin's published table, not picked pairs."""
    from anyascii import anyascii

    from scripts.make_wade_giles_table import table

    expected = {k: anyascii(v).replace("'", "").lower() for k, v in table().items()}
    assert _table() == expected
    assert len(expected) > 400  # every syllable of Mandarin, not a handful


@pytest.mark.parametrize(
    ("pinyin", "reading"),
    [
        ("xi jinping", ("hsi", "chinping")),
        ("mao zedong", ("mao", "tsetung")),
        ("deng xiaoping", ("teng", "hsiaoping")),
        ("zhou enlai", ("chou", "enlai")),
    ],
)
def test_a_pinyin_name_reads_as_wade_giles(pinyin: str, reading: tuple[str, ...]) -> None:
    assert wade_giles_reading(pinyin.split()) == reading


@pytest.mark.parametrize(
    "words",
    [
        "angela merkel",
        "kim jong un",
        "tim cook",
        "hsi chin ping",
        "chou en lai",
        "xi",
        "li wei an hu ma",
    ],
)
def test_no_reading_for_what_is_no_pinyin_name_or_reads_the_same(words: str) -> None:
    assert wade_giles_reading(words.split()) is None


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [
        ("Mao Tse-tung", "Mao Zedong"),
        ("Hsi Chin-ping", "Xi Jinping"),
        ("Teng Hsiao-ping", "Deng Xiaoping"),
    ],
)
def test_a_wade_giles_name_meets_its_pinyin_spelling(wade_giles: str, pinyin: str) -> None:
    threshold = load_config().review_threshold
    assert score_pair(wade_giles, pinyin, "Person").score >= threshold
    assert score_pair(pinyin, wade_giles, "Person").score >= threshold


def test_two_pinyin_names_are_compared_as_written_not_through_their_readings() -> None:
    """Ji and Qi are both 'chi' in Wade-Giles without its apostrophe: two readings never meet."""
    query, candidate = make_record(["Ji Xiang"], "Person"), make_record(["Qi Xiang"], "Person")
    assert any(f.script == WADE_GILES for f in query.names)
    assert any(f.script == WADE_GILES for f in candidate.names)
    assert score_pair("Ji Xiang", "Qi Xiang", "Person").score < load_config().review_threshold


def test_only_persons_and_unknown_kinds_get_a_reading() -> None:
    assert any(f.script == WADE_GILES for f in make_record(["Mao Zedong"], None).names)
    assert not any(f.script == WADE_GILES for f in make_record(["Bao Feng"], "Company").names)


def test_a_two_syllable_word_stays_one_word() -> None:
    """Split, 'Xinyang' would lend its 'yang' to a one-syllable name: Li Yang is not Li Xinyang."""
    assert score_pair("李杨", "Li XINYANG", "Person").score < load_config().review_threshold


def test_a_name_in_han_characters_gets_no_reading() -> None:
    assert not any(f.script == WADE_GILES for f in make_record(["毛泽东"], "Person").names)


def test_a_word_is_cut_into_syllables_where_every_cut_found_them() -> None:
    """Only cuts leaving both halves no longer than the longest syllable are tried (issue 22:
    CPU per name); every word of two syllables of the table, and words that are none, get
    the syllables trying every cut gave."""
    from screener.matching.wade_giles import pinyin_syllables

    def every_cut(word: str) -> tuple[str, ...] | None:
        table = _table()
        if word in table:
            return (word,)
        for cut in range(1, len(word)):
            if word[:cut] in table and word[cut:] in table:
                return (word[:cut], word[cut:])
        return None

    syllables = sorted(_table())
    words = [a + b for a in syllables[::7] for b in syllables[::5]]
    words += ["patricia", "wheeler", "x", "", "zhuangzhuangzhuang", "shuangzhuang", "ab"]
    found = 0
    for word in words:
        pinyin_syllables.cache_clear()
        assert pinyin_syllables(word) == every_cut(word), word
        found += pinyin_syllables(word) is not None
    assert found > 1000


def test_the_syllable_table_reads_as_the_strict_python_loader_reads_it() -> None:
    """Parsed by libyaml (the shipped table, before a batch forks its workers), the same
    syllables as through screener.safe_yaml's pure-Python reader."""
    from anyascii import anyascii

    from screener.matching.wade_giles import _table
    from screener.paths import rules_dir
    from screener.safe_yaml import load_file

    strict = load_file(rules_dir() / "matching" / "wade_giles.yaml")["syllables"]
    assert len(strict) > 300
    assert _table() == {
        str(p): anyascii(str(w)).replace("'", "").lower() for p, w in strict.items()
    }
