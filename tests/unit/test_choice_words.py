"""A deal file's coded choices read in the memo's language."""

from __future__ import annotations

from screener.deals.choice_words import choice_words
from screener.deals.fields import ASSET_TYPES, MOF_CLASSES, PROCESSING_STAGES
from screener.risk.fact_labels import fact_value


def test_every_asset_type_and_stage_has_japanese_words() -> None:
    for code in (*ASSET_TYPES, *PROCESSING_STAGES, *MOF_CLASSES):
        assert choice_words(code, "ja") != choice_words(code), code
    assert choice_words("separation_plant") == "separation plant"
    assert choice_words("separation plant", "ja") == "分離プラント"  # as the memo data keeps it
    assert choice_words("a_new_code", "ja") == "a new code"


def test_a_rules_facts_give_stages_in_the_readers_language() -> None:
    stages = ["separation", "metal_alloy", "magnet_manufacturing"]
    assert fact_value(stages, "ja") == "分離, 金属・合金製造, 磁石製造"
    assert fact_value(stages) == "separation, metal alloy, magnet manufacturing"


def test_every_mineral_the_reference_lists_name_has_a_japanese_name() -> None:
    """A list updated with a new mineral fails here until the Japanese memo can name it."""
    from screener.reference import load_reference

    reference = load_reference()
    named = (
        reference.usgs_2025
        | reference.doe_2023
        | reference.jp_core_minerals
        | {d.name for d in reference.china_controls}
        | set(reference.symbol_names.values())
        | set(reference.material_forms)
    )
    missing = sorted(m for m in named if choice_words(m, "ja") == m)
    assert missing == []
    assert fact_value(["dysprosium", "terbium"], "ja") == "ジスプロシウム, テルビウム"


def test_the_matters_a_veto_reaches_read_in_japanese() -> None:
    from screener.risk.packs import load_shipped_packs

    (cfius,) = [p for p in load_shipped_packs() if "strategic_veto_subjects" in p.parameters.values]
    subjects = cfius.parameters.values["strategic_veto_subjects"]
    assert all(choice_words(s, "ja") != s for s in subjects), subjects
