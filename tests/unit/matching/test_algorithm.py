"""The whole score: legal forms, the generic-word trap, scripts, qualifiers, identifiers, config."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.matching.algorithm import FEATURES, score_pair, score_records
from screener.matching.config import MatchConfigError, load_config
from screener.matching.explain import explain
from tests.unit.matching.factory import record

REVIEW = load_config().review_threshold


def score(a: str, b: str, schema: str | None = None, **kwargs: str) -> float:
    return score_pair(a, b, schema, **kwargs).score


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kestrel Mining Co., Ltd.", "KESTREL MINING COMPANY LIMITED"),
        ("OOO Kestrel Mining", "Kestrel Mining LLC"),
        ("Kestrel Mining Aktiengesellschaft", "Kestrel Mining AG"),
        ("PAO Kestrel Mining", "Kestrel Mining PJSC"),
        ("Kestrel Intl Mfg Corp", "Kestrel International Manufacturing Corporation"),
    ],
)
def test_legal_form_equivalences_score_as_the_same_name(a: str, b: str) -> None:
    assert score(a, b, "Company") >= 0.95


def test_different_legal_form_families_lower_the_score_below_review() -> None:
    assert score("Kestrel Mining GmbH", "Kestrel Mining AG", "Company") < REVIEW


def test_generic_word_trap_x_company_does_not_match_every_company() -> None:
    assert score("Zorvath Company", "Quellmar Company", "Company") < 0.3
    assert score("Zorvath Trading Company", "Quellmar Trading Company", "Company") < REVIEW
    assert (
        score("Zorvath International Trading Co.", "Quellmar International Trading Co.", "Company")
        < REVIEW
    )
    assert score("Zorvath Trading Company", "Zorvath Company", "Company") >= REVIEW


def test_a_legal_form_alone_is_no_evidence() -> None:
    assert score("Company Limited", "Zorvath Company Limited", "Company") < REVIEW


def test_cyrillic_against_latin() -> None:
    assert score("Борислав Тимурович Заречный", "Borislav Zarechny", "Person") >= REVIEW
    assert score("Борислав Заречный", "Quellmar Dunmore", "Person") < 0.3


def test_chinese_against_pinyin() -> None:
    assert score("欧阳青峰", "Ouyang Qingfeng", "Person") >= REVIEW
    assert score("欧阳稀土股份有限公司", "Ouyang Xitu Co., Ltd.", "Company") >= REVIEW


def test_japanese_against_romaji() -> None:
    assert score("森川花子", "Hanako Morikawa", "Person") >= REVIEW
    assert score("モリカワ ハナコ", "MORIKAWA, Hanako", "Person") >= REVIEW


def test_same_script_names_compare_as_written() -> None:
    assert score("Борислав Заречный", "ЗАРЕЧНЫЙ Борислав", "Person") == 1.0


def test_order_and_surname_comma() -> None:
    assert score("SELVIK, Borislav", "Borislav Selvik", "Person") == 1.0


def test_a_substituted_name_part_is_not_a_match() -> None:
    assert score("Borislav Quellmar Selvik", "Borislav Dunmore Selvik", "Person") < REVIEW


def test_a_missing_middle_name_still_matches() -> None:
    assert score("Borislav Selvik", "Borislav Quellmar Selvik", "Person") >= REVIEW


def test_decisive_identifier_overrides_different_names() -> None:
    q = record("Kestrel Mining", "Company", identifiers=[("imo", "IMO 9876543")])
    c = record("Ostmark Shipping", "Company", identifiers=[("imo", "9876543")])
    result = score_records(q, c)
    assert result.score == 1.0 and result.is_strong


def test_qualifiers_lower_a_name_match() -> None:
    plain = score("Borislav Selvik", "Borislav Selvik", "Person")
    lowered = score_records(
        record("Borislav Selvik", countries=["NO"], dates=["1961"]),
        record("Borislav Selvik", countries=["MX"], dates=["1978"]),
    ).score
    assert plain == 1.0 and lowered < plain


def test_person_against_company_is_lowered() -> None:
    q, c = record("Kestrel Selvik", "Person"), record("Kestrel Selvik", "Company")
    assert score_records(q, c).score < 1.0


def test_score_is_within_bounds_and_flags_follow_thresholds() -> None:
    config = load_config()
    for a, b in [("Selvik", "Selvik"), ("Selvik", "Quellmar"), ("", "Selvik")]:
        result = score_pair(a, b, "Person")
        assert 0.0 <= result.score <= 1.0
        assert result.is_alert == (result.score >= config.review_threshold)
        assert result.is_strong == (result.score >= config.strong_threshold)


def test_explanation_names_the_signal_and_the_qualifiers() -> None:
    result = score_pair("Kestrel Mining GmbH", "Kestrel Mining AG", "Company", "NO", "MX")
    text = explain(result)
    assert "Kestrel Mining GmbH" in text and "Lowered" in text and "GmbH is not an AG" in text
    stored = result.features_json()
    assert {item["name"] for item in stored} == {f.name for f in FEATURES}
    assert all({"name", "score", "values", "weight"} <= set(item) for item in stored)


def test_explain_false_gives_the_same_score() -> None:
    q, c = record("Borislav Selvick", dates=["1961"]), record("SELVIK, Borislav", dates=["1960"])
    assert score_records(q, c, explain=False).score == score_records(q, c).score


def test_weights_and_thresholds_come_from_configuration(tmp_path: Path) -> None:
    override = tmp_path / "matching.yaml"
    override.write_text(
        "review_threshold: 0.5\nweights:\n  legal_form_mismatch: 0\n", encoding="utf-8"
    )
    config = load_config(str(override))
    assert (
        config.review_threshold == 0.5 and config.strong_threshold == load_config().strong_threshold
    )
    result = score_pair("Kestrel Mining GmbH", "Kestrel Mining AG", "Company", config=config)
    assert result.score == 1.0 and "legal_form_mismatch" not in {r.name for r in result.features}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("review_treshold: 0.5\n", "unknown setting 'review_treshold'"),
        ("review_threshold: high\n", "must be a number"),
    ],
)
def test_bad_configuration_is_named(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(MatchConfigError, match=message):
        load_config(str(bad))


def test_a_word_only_one_company_has_costs_its_full_rarity_weight() -> None:
    """Sibling companies ('Kestrel Ansan Shipping' and 'Kestrel Shipping') share all but one
    rare word: that word costs as much as it would count on its side when matched."""
    from screener.matching.rarity import TokenRarity

    # 'kestrel' is common on these lists, 'shipping' generic, 'ansan' rare
    corpus = TokenRarity.from_token_lists(
        [["kestrel", f"w{n}"] for n in range(60)] + [[f"v{n}"] for n in range(940)]
    )
    sibling = score_pair(
        "Kestrel Shipping Co", "Kestrel Ansan Shipping Company", "Company", rarity=corpus
    )
    assert not sibling.is_alert
    same = score_pair(
        "Kestrel Ansan Shipping Co", "Kestrel Ansan Shipping Company", "Company", rarity=corpus
    )
    assert same.is_alert
    # a generic word only one side has costs little
    generic = score_pair(
        "Kestrel Ansan Co", "Kestrel Ansan Shipping Company", "Company", rarity=corpus
    )
    assert generic.is_alert
