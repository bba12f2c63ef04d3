"""Each feature alone: its score stays in [0, 1], fires on what it names and not otherwise."""

from __future__ import annotations

import pytest

from screener.matching import features as f
from screener.matching.algorithm import FEATURES
from tests.unit.matching.factory import context, record

PAIRS = [
    ("Borislav Selvik", "Borislav Selvik", "Person"),
    ("Borislav Selvik", "SELVIK, Borislav", "Person"),
    ("Borislav Selvik", "Quellmar Dunmore", "Person"),
    ("Kestrel Mining LLC", "Kestrel Mining AG", "Company"),
    ("Борислав Заречный", "Borislav Zarechny", "Person"),
    ("欧阳青峰", "Ouyang Qingfeng", "Person"),
    ("B. Selvik", "Borislav Selvik", "Person"),
    ("Kestrel", "Kestrel Mining Holdings", "Company"),
]


@pytest.mark.parametrize("feature", FEATURES, ids=lambda x: x.name)
@pytest.mark.parametrize(("a", "b", "schema"), PAIRS)
def test_every_feature_scores_within_bounds(feature, a: str, b: str, schema: str) -> None:  # type: ignore[no-untyped-def]
    result = feature.func(context(record(a, schema), record(b, schema)))
    assert result.name == feature.name
    assert 0.0 <= result.score <= 1.0
    assert isinstance(result.values, dict) and result.values


def test_every_feature_has_a_reviewer_sentence() -> None:
    for feature in FEATURES:
        sentence = (feature.func.__doc__ or "").strip()
        assert sentence[:1].isupper() and sentence.endswith((".", ")")), feature.name


def test_name_exact_ignores_order_case_and_legal_form() -> None:
    ctx = context(
        record("KESTREL MINING, LLC", "Company"), record("Mining Kestrel L.L.C.", "Company")
    )
    assert f.name_exact(ctx).score == 1.0
    assert f.name_exact(context(record("Kestrel Mining"), record("Kestrel Metals"))).score == 0.0


def test_token_overlap_tolerates_a_typo_but_not_a_different_name() -> None:
    typo = f.name_token_overlap(
        context(record("Borislav Selvick"), record("Borislav Selvik"))
    ).score
    other = f.name_token_overlap(
        context(record("Borislav Dunmore"), record("Borislav Selvik"))
    ).score
    assert typo > 0.85
    assert other < 0.4


def test_token_overlap_reports_what_it_paired() -> None:
    result = f.name_token_overlap(context(record("Borislav Selvick"), record("Selvik, Borislav")))
    assert ["borislav", "borislav", 1.0] in result.values["pairs"]
    assert result.values["only_in_query"] == [] and result.values["only_in_candidate"] == []


def test_joined_catches_words_run_together() -> None:
    ctx = context(record("BorislavSelvik"), record("Borislav Selvik"))
    assert f.name_joined(ctx).score == 1.0
    assert f.name_token_overlap(ctx).score == 1.0


def test_phonetic_hears_spelling_variants() -> None:
    assert (
        f.name_phonetic(context(record("Mahmoud Qaddafi"), record("Mahmood Kadhafi"))).score == 1.0
    )
    assert (
        f.name_phonetic(context(record("Quellmar Dunmore"), record("Borislav Selvik"))).score == 0.0
    )


def test_sound_alike_counts_only_when_the_spelling_is_close() -> None:
    """Sound is evidence beside spelling, never a substitute: the floor on spelling holds."""
    from screener.matching.alignment import Unit, token_similarity
    from screener.matching.config import load_config

    config = load_config()
    close = token_similarity(Unit("mahmoud", "mmt", 1.0), Unit("mahmood", "mmt", 1.0), config)
    assert close >= config.phonetic_similarity
    # Same key, spelling far apart (below the floor): the key alone grants nothing.
    far = token_similarity(Unit("mahmoud", "mmt", 1.0), Unit("muemmat", "mmt", 1.0), config)
    assert far < config.sound_spelling_floor
    ctx = context(record("Amoud Mahmoud"), record("Kirk Muemmat"))
    assert f.name_phonetic(ctx).score == 0.0


def test_arabic_script_skeleton_sounds_like_its_romanisation() -> None:
    """'ywsf' (anyascii of Arabic يوسف) is compared by its consonants with 'yssf'."""
    from screener.matching.alignment import Unit, token_similarity
    from screener.matching.config import load_config

    config = load_config()
    youssouf = Unit("youssouf", "asf", 1.0)
    abjad = Unit("ywsf", "asf", 1.0, abjad=True)
    assert token_similarity(abjad, youssouf, config) >= config.phonetic_similarity
    latin = Unit("ywsf", "asf", 1.0)  # the same letters typed in Latin: too far to count
    assert token_similarity(latin, youssouf, config) < config.sound_spelling_floor


def test_initials_stand_for_given_names() -> None:
    assert f.name_initials(context(record("JK Selvik"), record("Jan-Karel Selvik"))).score > 0.7
    assert f.name_initials(context(record("Q. Selvik"), record("Borislav Selvik"))).score == 0.0


def test_original_script_compares_words_as_written() -> None:
    same = f.name_original_script(context(record("Борислав Заречный"), record("Заречный Борислав")))
    assert same.score == 1.0 and same.values["script"] == "cyrillic"
    assert f.name_original_script(context(record("Borislav"), record("Borislav"))).score == 0.0


def test_legal_form_mismatch_compares_classes() -> None:
    def fired(a: str, b: str) -> float:
        return f.legal_form_mismatch(context(record(a, "Company"), record(b, "Company"))).score

    assert fired("Kestrel Mining GmbH", "Kestrel Mining AG") == 1.0
    assert fired("OAO Kestrel Mining", "Kestrel Mining JSC") == 0.0
    assert fired("Kestrel Mining Co., Ltd.", "Kestrel Mining Limited Liability Company") == 0.0
    assert (
        fired("Kestrel Mining Inc.", "Kestrel Mining GmbH") == 0.0
    )  # generic forms agree with any


def test_country_qualifiers() -> None:
    ctx = context(
        record("Kestrel", "Company", countries=["NO"]),
        record("Kestrel", "Company", countries=["Mexico"]),
    )
    assert f.country_mismatch(ctx).score == 1.0
    same = context(
        record("Kestrel", "Company", countries=["MX"]),
        record("Kestrel", "Company", countries=["MEX"]),
    )
    assert f.country_mismatch(same).score == 0.0
    unknown = context(record("Kestrel", "Company"), record("Kestrel", "Company", countries=["MX"]))
    assert f.country_mismatch(unknown).score == 0.0


def test_name_country_mismatch() -> None:
    ctx = context(
        record("Kestrel Mining (Norway) AS", "Company"),
        record("Kestrel Mining (Spain) S.L.", "Company"),
    )
    assert f.name_country_mismatch(ctx).score == 1.0
    half = context(
        record("Kestrel Mining AS", "Company"), record("Kestrel Mining Spain S.L.", "Company")
    )
    assert f.name_country_mismatch(half).score == 0.5


def test_year_disjoint_allows_one_year_of_slack() -> None:
    def fired(a: str, b: str) -> float:
        return f.year_disjoint(
            context(record("Selvik", dates=[a]), record("Selvik", dates=[b]))
        ).score

    assert fired("1961-04-02", "1970") == 1.0
    assert fired("1961", "1960/1962") == 0.0
    assert fired("circa 1961", "1962") == 0.0


def test_kind_mismatch_person_against_organisation() -> None:
    assert (
        f.kind_mismatch(context(record("Selvik", "Person"), record("Selvik", "Company"))).score
        == 1.0
    )
    assert (
        f.kind_mismatch(context(record("Selvik", "Company"), record("Selvik", "Vessel"))).score
        == 0.0
    )


def test_identifier_match_ignores_punctuation_and_case() -> None:
    q = record("Kestrel", "Company", identifiers=[("lei", "5299-00abcdef1234567890")])
    c = record("Other Name", "Company", identifiers=[("lei", "529900ABCDEF1234567890")])
    assert f.identifier_match(context(q, c)).score == 1.0
    assert f.identifier_match(context(q, record("Kestrel", "Company"))).score == 0.0


def test_single_word_name() -> None:
    assert f.single_word_name(context(record("Selvik"), record("Borislav Selvik"))).score == 1.0
    assert f.single_word_name(context(record("Selvik"), record("Selvik"))).score == 0.0


def test_weak_alias_lowers_a_match_on_a_low_quality_name() -> None:
    from screener.matching.records import make_record

    entry = make_record(["Borislav Selvik"], "Person", weak_names=["Quellmar"])
    assert f.weak_alias(context(record("Quellmar"), entry)).score == 1.0
    assert f.weak_alias(context(record("Borislav Selvik"), entry)).score == 0.0


def test_values_read_later_are_the_values_compared() -> None:
    import pickle

    ctx = context(record("Borislav Selvik", "Person"), record("Borislav Selvick", "Person"))
    result = f.name_token_overlap(ctx)
    assert result.values == result.values  # laid out afresh, same content each time
    assert ["borislav", "borislav", 1.0] in result.values["pairs"]
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result and copy.values == result.values and copy.score == result.score
    assert f.FeatureResult("x", 0.5, {"a": 1}).values == {"a": 1}
    assert f.FeatureResult("x", 0.5, {"a": 1}) != f.FeatureResult("x", 0.5, {"a": 2})


@pytest.mark.parametrize(
    ("original", "latin"),
    [
        ("محمد علي", "Muhammad Ali"),
        ("يوسف حسين", "Yusuf Hussein"),
        ("مسعود پزشکیان", "Masoud Pezeshkian"),
    ],
)
def test_arabic_and_persian_script_meet_their_romanisation(original: str, latin: str) -> None:
    from screener.matching.algorithm import score_pair

    assert score_pair(original, latin, "Person").is_alert
    assert not score_pair(original, "Kirk Garcia", "Person").is_alert


def test_the_index_finds_a_latin_entry_for_an_arabic_script_query() -> None:
    from screener.matching.index import EntrySource, MatchIndex, Query

    index = MatchIndex.from_entries(
        [
            EntrySource("1", ["Yusuf Hussein AL-RAWI"], "person"),
            EntrySource("2", ["Kirk Garcia"], "person"),
        ]
    )
    found = index.search(Query.of("يوسف حسين الراوي", "person"))
    assert [m.entry.entry_key for m in found] == ["1"]


def test_a_doubled_letter_is_as_alike_as_a_shared_sound() -> None:
    """'Ayyub' / 'Ayub' differ by a doubled letter, a spelling of one sound: they count as
    much as 'Bashir' / 'Bashar', which share their Double Metaphone code (issue 22)."""
    from screener.matching.alignment import Unit, token_similarity
    from screener.matching.config import load_config

    config = load_config()
    doubled = token_similarity(Unit("ayyub", "ap", 1.0), Unit("ayub", "ap", 1.0), config)
    assert doubled == config.phonetic_similarity
    other = token_similarity(Unit("ayyub", "ap", 1.0), Unit("ayab", "ap", 1.0), config)
    assert other < config.phonetic_similarity
