"""A deal file's coded choices read in the memo's language."""

from __future__ import annotations

from screener.deals.choice_words import choice_words
from screener.deals.fields import ASSET_TYPES, PROCESSING_STAGES
from screener.risk.fact_labels import fact_value


def test_every_asset_type_and_stage_has_japanese_words() -> None:
    for code in (*ASSET_TYPES, *PROCESSING_STAGES):
        assert choice_words(code, "ja") != choice_words(code), code
    assert choice_words("separation_plant") == "separation plant"
    assert choice_words("separation plant", "ja") == "分離プラント"  # as the memo data keeps it
    assert choice_words("a_new_code", "ja") == "a new code"


def test_a_rules_facts_give_stages_in_the_readers_language() -> None:
    stages = ["separation", "metal_alloy", "magnet_manufacturing"]
    assert fact_value(stages, "ja") == "分離, 金属・合金製造, 磁石製造"
    assert fact_value(stages) == "separation, metal alloy, magnet manufacturing"
