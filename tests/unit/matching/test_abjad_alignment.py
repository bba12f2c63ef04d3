"""Names written without short vowels (Arabic, Persian, Hebrew) against their romanisations:
the consonant skeleton finds the partner of each word however long the names are."""

from __future__ import annotations

from screener.matching.alignment import Unit, align, token_similarity
from screener.matching.config import load_config
from screener.matching.rarity import default_rarity
from screener.names import prepare_name


def _pairs(a: str, b: str) -> dict[str, str]:
    alignment = align(
        prepare_name(a, "Person"), prepare_name(b, "Person"), default_rarity(), load_config()
    )
    return {q.text: c.text for q, c, _ in alignment.pairs}


def test_every_word_of_a_long_arabic_name_meets_its_romanisation() -> None:
    # Six words a side: past the size where only pairs near in spelling are tried.
    pairs = _pairs(
        "نور برزان إبراهيم حسن سليم التكريتي", "Noor Barzan Ibrahim Hasan Salim al-Tikriti"
    )
    assert pairs["brhym"] == "ibrahim"
    assert pairs["hsn"] == "hasan"
    assert pairs["slym"] == "salim"


def test_among_words_of_one_skeleton_the_closer_spelling_is_the_partner() -> None:
    config = load_config()
    ubaidi = Unit("ubaidi", "apt", 1.0)
    far, near = Unit("bd", "pt", 1.0, abjad=True), Unit("bydy", "pt", 1.0, abjad=True)
    assert token_similarity(near, ubaidi, config) > token_similarity(far, ubaidi, config)
    assert token_similarity(near, ubaidi, config) >= config.phonetic_similarity - 0.01


def test_a_final_h_and_a_leading_w_are_read_as_vowels() -> None:
    config = load_config()
    hamada = Unit("hamada", "hmt", 1.0)
    ould = Unit("ould", "alt", 1.0)
    hmdh = Unit("hmdh", "hmt", 1.0, abjad=True)  # حماده, the final -a written h
    wld = Unit("wld", "lt", 1.0, abjad=True)  # ولد
    assert token_similarity(hmdh, hamada, config) >= config.phonetic_similarity - 0.01
    assert token_similarity(wld, ould, config) >= config.phonetic_similarity - 0.01


def test_the_article_is_no_spelling_of_a_name_word_sharing_its_consonant() -> None:
    config = load_config()
    ali = Unit("ali", "al", 1.0)
    assert (
        token_similarity(Unit("al", "al", 0.2, abjad=True), ali, config) < config.short_token_floor
    )
    assert (
        token_similarity(Unit("ly", "l", 1.0, abjad=True), ali, config) >= config.short_token_floor
    )


def test_two_abjad_words_run_together_meet_one_romanised_word() -> None:
    pairs = _pairs("عبد اللطيف منصور", "Abdul Latif Mansoor")
    assert pairs.get("bdal") == "abdul"


def test_allah_is_one_word_not_the_article_and_a_word() -> None:
    assert prepare_name("الله", "Person").tokens == ("llh",)
    assert prepare_name("الخيري", "Person").tokens == ("al", "khyry")  # the article still apart
    assert _pairs("عبد الله منصور", "Abdallah Mansoor").get("bdllh") == "abdallah"


def test_letters_latin_spells_several_ways_are_one_sound_class() -> None:
    config = load_config()
    pairs = [("mdhlwm", "mazloom"), ("fdl", "fazl"), ("jwdy", "djouadi"), ("qrby", "karbi")]
    for abjad, latin in pairs:
        similarity = token_similarity(
            Unit(abjad, "", 1.0, abjad=True), Unit(latin, "", 1.0), config
        )
        assert similarity >= config.phonetic_similarity - 0.01, (abjad, latin)
    # Latin against Latin is spelling as before: no class makes 'fadl' a 'fazl'
    assert token_similarity(Unit("fadl", "ftl", 1.0), Unit("fazl", "fsl", 1.0), config) < 0.8


def test_one_consonant_agrees_only_as_written_not_by_sound_class() -> None:
    config = load_config()
    azawi = Unit("azawi", "asf", 1.0)
    assert token_similarity(Unit("ayda", "at", 1.0, abjad=True), azawi, config) < config.token_floor
    assert (
        token_similarity(Unit("ayza", "as", 1.0, abjad=True), azawi, config) >= config.token_floor
    )


def test_two_romanised_words_meet_one_abjad_word_on_consonants() -> None:
    """عبدالروف is written as one word ('bdlrwf'); its romanisation as two (Abdul Rauf)."""
    pairs = _pairs("عبدالروف خادم", "Abdul Rauf KHADEM")
    assert pairs["bdlrwf"] == "abdulrauf"
    assert pairs["khdm"] == "khadem"


def test_three_abjad_words_meet_one_romanised_word_on_consonants() -> None:
    """عبد القادر ('bd', 'al', 'qdr') against Abdelkader: no one or two of them spell it."""
    assert _pairs("عبد القادر لاغوب", "ABDELKADER LAAGOUB")["bdalqdr"] == "abdelkader"


def test_three_words_whose_first_two_spell_the_word_are_not_joined_as_three() -> None:
    # 'bd' + 'al' spell 'abdul' already: the third word stays a word of its own.
    pairs = _pairs("عبد الرحمن", "Abdul Rehman")
    assert pairs["bdal"] == "abdul" and pairs["rhmn"] == "rehman"
