"""Match explanations as sentences a reviewer can sign: no scores, no scorer notation."""

from __future__ import annotations

import re

from screener.matching.phrase import phrase_match

FEATURES = [
    {"name": "name_exact", "score": 0.0, "weight": 1.0, "values": {}},
    {
        "name": "name_token_overlap",
        "score": 0.87,
        "weight": 1.0,
        "values": {
            "pairs": [["trade", "trade", 1.0], ["minerals", "mineral", 0.88], ["metals", "metal", 0.83]],
            "only_in_query": ["and"],
            "only_in_candidate": [],
        },
    },
    {"name": "country_mismatch", "score": 1.0, "weight": -0.1,
     "values": {"query": ["AU"], "candidate": ["KP"]}},
]  # fmt: skip


def test_pairs_read_as_sentences_without_figures() -> None:
    text = phrase_match("Minerals and Metals Trade", "MINERAL METAL TRADE", FEATURES)
    assert "'minerals' and 'mineral' differ by one letter." in text
    assert "'trade' appears in both names." in text
    assert "Only the party's name has: and." in text
    assert "The countries have none in common (party: AU; list: KP)." in text
    assert not re.search(r"\d\.\d", text) and "~" not in text and "[" not in text


def test_the_japanese_sentences_are_japanese() -> None:
    text = phrase_match("Minerals and Metals Trade", "MINERAL METAL TRADE", FEATURES, "ja")
    assert "「minerals」と「mineral」の違いは1文字です。" in text
    assert "当事者の名称にのみある語: and。" in text
    assert "differ" not in text


def test_an_identifier_and_exact_names_are_said_first() -> None:
    features = [
        {
            "name": "identifier_match",
            "score": 1.0,
            "values": {"shared": ["LEI 5493001KJTIIGC8Y1R12"]},
        },
        {"name": "name_exact", "score": 1.0, "values": {}},
    ]
    text = phrase_match("Acme Ltd", "ACME LIMITED", features)
    assert text.startswith("Both carry the same identifier: LEI 5493001KJTIIGC8Y1R12.")
    assert "are the same name once case" in text


def test_names_written_the_same_are_not_repeated() -> None:
    features = [{"name": "name_exact", "score": 1.0, "values": {}}]
    assert phrase_match("BANK OF KUNLUN CO LTD", "BANK OF KUNLUN  CO LTD", features) == (
        "The names are written the same."
    )
    assert phrase_match("Acme Ltd", "ACME LTD", features, "ja").startswith("「Acme Ltd」と")
