"""pykakasi's longest kanji match looked up (issue 22: CPU per name): the same answers as
pykakasi's scan over every word of a character's table."""

from __future__ import annotations

import random

from screener.names import _kakasi


def test_the_lookup_answers_what_pykakasis_scan_answers() -> None:
    from pykakasi.kanji import JConv

    kakasi = _kakasi()
    jconv = kakasi._kakasi._jconv
    assert jconv.convert.__name__ == "longest_match"  # the lookup is installed
    scan = JConv.convert.__wrapped__  # pykakasi's own, past its cache
    texts: list[str] = []
    rng = random.Random(22)
    for char in "三田中山藤井陽一浦清水習近平張玉華東京株式会社鈴木一郎高橋朗的邊辺渡丸":
        table = jconv._kanwa.load(char) or {}
        words = sorted(table)
        for word in rng.sample(words, min(40, len(words))):
            texts += [word, word + "山田", word[:-1] + "子", word + "かな", word + "る"]
    texts += ["朗", "丸\u3099", "一\ufe00二", "\u4e00\U000e0100山", "葛\U000e0100城"]  # variants
    hiragana = ["", "る", "く", "かな", "ら"]
    differing = []
    for text in texts:
        for following in hiragana:
            if jconv.convert(text, following) != scan(jconv, text, following):
                differing.append((text, following))
    assert not differing
    assert len(texts) > 500
    assert jconv.convert("三浦", "") == ("みうら", 2)


def test_a_name_reads_as_it_read_with_pykakasis_scan() -> None:
    from pykakasi.kanji import JConv

    from screener.names import _kana_reading

    kakasi = _kakasi()
    jconv = kakasi._kakasi._jconv
    names = ["三浦", "陽一", "藤井", "直子", "鈴木", "一郎", "東京都", "習近平", "渡邊"]
    looked_up = [tuple(d["hepburn"] for d in kakasi.convert(n)) for n in names]
    jconv.convert = JConv.convert.__get__(jconv)
    try:
        scanned = [tuple(d["hepburn"] for d in kakasi.convert(n)) for n in names]
    finally:
        from screener import kakasi_lookup

        kakasi_lookup.install(kakasi)
    assert looked_up == scanned
    assert _kana_reading("三浦") == ("miura",)
