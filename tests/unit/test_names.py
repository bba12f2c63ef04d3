"""Name normalisation: scripts, order, honorifics, legal forms as a class, abbreviations, numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.names import (
    alternative_readings,
    detect_script,
    load_rules,
    normalise,
    phonetic_key,
    prepare_name,
    schema_kind,
)


def test_case_accents_and_punctuation_fold_away() -> None:
    assert prepare_name("  ZÓRVATH-Quellmâr  ", "Person").tokens == ("zorvath", "quellmar")


def test_surname_comma_given_is_reordered_for_persons() -> None:
    assert prepare_name("SELVIK, Borislav", "Person").tokens == ("borislav", "selvik")


def test_comma_in_an_organisation_name_is_not_a_surname_marker() -> None:
    form = prepare_name("Selvik, Dunmore & Partners", "Company")
    assert form.tokens[0] == "selvik"


def test_honorifics_are_dropped_from_person_names_only() -> None:
    assert prepare_name("Dr. Borislav Selvik", "Person").tokens == ("borislav", "selvik")
    assert prepare_name("General Dunmore Mining", "Company").tokens[0] == "general"


@pytest.mark.parametrize(
    ("name", "legal_class"),
    [
        ("Kestrel Mining Co., Ltd.", "limited_liability"),
        ("Kestrel Mining Company Limited", "limited_liability"),
        ("Kestrel Mining LLC", "limited_liability"),
        ("OOO Kestrel Mining", "limited_liability"),
        ("ООО «Кестрел Майнинг»", "limited_liability"),
        ("Kestrel Mining GmbH", "limited_liability"),
        ("Kestrel Mining JSC", "joint_stock"),
        ("PAO Kestrel Mining", "joint_stock"),
        ("АО Кестрел Майнинг", "joint_stock"),
        ("Kestrel Mining AG", "joint_stock"),
        ("Kestrel Mining S.A.", "joint_stock"),
        ("Kestrel Mining Aktiengesellschaft", "joint_stock"),
    ],
)
def test_legal_forms_are_recognised_as_a_class_not_as_words(name: str, legal_class: str) -> None:
    form = prepare_name(name, "Company")
    assert legal_class in form.legal_forms
    assert not {"co", "ltd", "llc", "ooo", "gmbh", "jsc", "ag", "sa", "pao"} & set(form.tokens)


def test_cjk_legal_forms_are_stripped_from_the_name() -> None:
    chinese = prepare_name("欧阳稀土股份有限公司", "Company")
    japanese = prepare_name("東邦鉱業株式会社", "Company")
    assert chinese.legal_forms == {"east_asian_stock"} and chinese.original_tokens == ("欧阳稀土",)
    assert japanese.legal_forms == {"east_asian_stock"} and japanese.script == "kana"


def test_a_misspelt_long_legal_form_is_still_a_legal_form() -> None:
    assert "joint_stock" in prepare_name("Kestrel Aktiengeselschaft", "Company").legal_forms


def test_abbreviations_are_written_out() -> None:
    assert prepare_name("Kestrel Intl Tech Grp", "Company").tokens == (
        "kestrel",
        "international",
        "technology",
        "group",
    )


def test_number_words_and_roman_numerals_become_digits() -> None:
    assert prepare_name("Brigade Forty-Seven", "Organization").tokens == ("brigade", "47")
    assert prepare_name("Kestrel Fund III L.P.", "Company").tokens == ("kestrel", "fund", "3")


def test_person_names_keep_words_that_look_like_roman_numerals() -> None:
    assert prepare_name("Xi Dunmore", "Person").tokens == ("xi", "dunmore")


def test_dotted_initials_become_one_word() -> None:
    assert prepare_name("K.M.G. Company", "Company").tokens == ("kmg",)


def test_digits_inside_a_person_name_read_as_letters() -> None:
    assert prepare_name("B0rislav Selv1k", "Person").tokens == ("borislav", "selvik")


def test_cyrillic_is_romanised_and_the_original_kept() -> None:
    form = prepare_name("Борислав Заречный", "Person")
    assert form.script == "cyrillic"
    assert form.tokens == ("borislav", "zarechnyy")
    assert form.original_tokens == ("борислав", "заречный")


def test_chinese_person_names_read_as_surname_and_given_name() -> None:
    assert prepare_name("欧阳青峰", "Person").tokens == ("ou", "yangqingfeng")
    assert prepare_name("青峰 欧阳", "Person").tokens == ("qingfeng", "ouyang")


def test_kanji_only_names_get_a_japanese_reading_as_well() -> None:
    readings = alternative_readings("森川花子", "Person")
    assert [r.script for r in readings] == ["han", "kana"]
    assert readings[1].tokens == ("morikawa", "hanako")


def test_kana_is_romanised_with_hepburn() -> None:
    assert prepare_name("モリカワ ハナコ", "Person").tokens == ("morikawa", "hanako")


def test_arabic_article_is_set_apart() -> None:
    assert prepare_name("كريم الفيض", "Person").tokens[1] == "al"


def test_indic_vowel_signs_are_kept_inside_words() -> None:
    assert len(prepare_name("मुरारीलाल शाह", "Person").tokens) == 2


def test_countries_named_inside_organisation_names_are_noted() -> None:
    assert prepare_name("Kestrel Mining (Norway) AS", "Company").countries == {"NO"}
    assert prepare_name("Jordan Selvik", "Person").countries == frozenset()


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Kestrel", "latin"),
        ("Кестрел", "cyrillic"),
        ("欧阳", "han"),
        ("カタカナ", "kana"),
        ("김", "hangul"),
        ("كريم", "arabic"),
        ("Κώστας", "greek"),
    ],
)
def test_script_detection(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_phonetic_key_joins_spelling_variants() -> None:
    assert phonetic_key("zarechnyy") == phonetic_key("sarechny")
    assert phonetic_key("mahmoud") == phonetic_key("mahmood")
    assert phonetic_key("qaddafi") == phonetic_key("kadhafi")
    assert phonetic_key("castro") != phonetic_key("castillo")


def test_phonetic_key_keeps_apart_names_the_old_skeleton_joined() -> None:
    """The hand-written skeleton folded these pairs together (issue 22); Double Metaphone does not."""
    assert phonetic_key("kirk") != phonetic_key("garcia")
    assert phonetic_key("ashley") != phonetic_key("osiel")
    assert phonetic_key("wallace") != phonetic_key("volga")


def test_phonetic_key_leaves_digits_and_other_scripts_alone() -> None:
    assert phonetic_key("1960") == "1960"
    assert phonetic_key("заречный") == "заречный"


def test_schema_kinds() -> None:
    assert schema_kind("LegalEntity") == "organization"
    assert schema_kind("Person") == "person"
    assert schema_kind("fund") == "organization"
    assert schema_kind(None) is None


def test_normalise_gives_the_romanised_form() -> None:
    assert normalise("SELVIK, Borislav", "Person") == "borislav selvik"


def test_every_shipped_rule_phrase_normalises_to_something() -> None:
    rules = load_rules()
    assert all(phrase for phrase in rules.legal_forms)
    assert rules.legal_form_family["joint_stock"] == {"stock"}


def test_malformed_name_rules_name_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from screener.names import NameRulesError

    bad = tmp_path / "names.yaml"
    bad.write_text("legal_forms:\n  x: [1, 2]\n", encoding="utf-8")
    with pytest.raises(NameRulesError, match="names.yaml"):
        load_rules(str(bad))


def test_the_bearers_country_picks_the_reading_of_han_characters() -> None:
    from screener.names import alternative_readings

    both = alternative_readings("山田太郎", "Person")
    assert len(both) == 2
    chinese = alternative_readings("山田太郎", "Person", frozenset({"CN"}))
    japanese = alternative_readings("山田太郎", "Person", frozenset({"JP"}))
    assert [f.tokens for f in chinese] == [both[0].tokens]
    assert [f.tokens for f in japanese] == [both[1].tokens]


def test_consonant_skeletons_meet_across_abjad_and_latin() -> None:
    from screener.names import consonant_skeleton

    assert consonant_skeleton("mohammad") == consonant_skeleton("mhmd")  # محمد
    assert consonant_skeleton("yusuf") == consonant_skeleton("ywsf")  # يوسف
    assert consonant_skeleton("hussein") == consonant_skeleton("hsyn")  # حسين
    assert consonant_skeleton("karim") != consonant_skeleton("mhmd")


def test_japanese_names_read_part_by_part_read_as_the_whole_name_does() -> None:
    """Kakasi is called once per name part and the parts are kept (issue 22: per-pair cost);
    reading part by part must give the words reading the whole name gives."""
    from screener.names import _basic_tokens, _kakasi, _romanise_cjk

    for name in ("藤井 直子", "三浦 陽一", "やまだ たろう", "佐藤 花子 ゆき"):
        whole = _basic_tokens(" ".join(d["hepburn"] for d in _kakasi().convert(name)))
        assert _romanise_cjk(name, "kana", "person") == whole


def test_chinese_name_parts_are_read_once_and_read_the_same() -> None:
    from screener.names import _syllables

    _syllables.cache_clear()
    first = prepare_name("张 玉华", "Person", japanese_reading=False).tokens
    again = prepare_name("玉华 李", "Person").tokens
    assert first == ("zhang", "yuhua") and again == ("yuhua", "li")
    assert _syllables.cache_info().hits >= 1  # '玉华' read once


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Kestrel Mining Joynt Stock Company", "joint_stock"),  # a typo in a word of the form
        ("Kestrel Mining Joint Stock Compan", "joint_stock"),  # the last word cut short
        ("Kestrel Mining Limitd", "limited_liability"),
        ("Kestrel Mining Gesellschaft mit beschrankter Haftun", "limited_liability"),
    ],
)
def test_a_legal_form_damaged_in_one_word_is_still_a_legal_form(name: str, form: str) -> None:
    prepared = prepare_name(name, "Company")
    assert prepared.tokens == ("kestrel", "mining") and form in prepared.legal_forms


@pytest.mark.parametrize(
    "name", ["Sunrise Corn", "Kestrel Compass", "Kestrel Akg", "Kestrel Companies"]
)
def test_a_word_near_a_short_legal_form_stays_a_word(name: str) -> None:
    prepared = prepare_name(name, "Company")
    assert len(prepared.tokens) == 2 and not prepared.legal_forms


def _damaged_by_every_form(word: str) -> str | None:
    """What the loop over every one-word legal form said before the table replaced it."""
    from screener.names import _one_word_damaged

    rules = load_rules()
    for form in rules.legal_forms_by_size.get(1, ()):
        if _one_word_damaged((word,), form, shortest=5):
            return rules.legal_forms[form]
    return None


def _damaged_by_table(word: str) -> str | None:
    from screener.names import _one_word_damaged

    rules = load_rules()
    for form in rules.damaged_one_word_forms.candidates(word):
        if _one_word_damaged((word,), form, shortest=5):
            return rules.legal_forms[form]
    return None


def test_the_damaged_legal_form_table_finds_what_comparing_every_form_found() -> None:
    """Every one-letter deletion, insertion and substitution and every cut of each one-word
    legal form, and words that are none of these, get the class the loop gave."""
    rules = load_rules()
    letters = "aekostz0"  # every position inserted into and replaced, by a few letters
    words: set[str] = {"kestrel", "mining", "limitless", "company", "gmbh", "corporations"}
    for (form,) in rules.legal_forms_by_size[1]:
        for i in range(len(form) + 1):
            words.add(form[:i])
            words.add(form[:i] + form[i + 1 :])
            for letter in letters:
                words.add(form[:i] + letter + form[i:])
                words.add(form[:i] + letter + form[i + 1 :])
    found = 0
    for word in sorted(words):
        expected = _damaged_by_every_form(word)
        assert _damaged_by_table(word) == expected, word
        found += expected is not None
    assert found > 1000  # the damage is found, not only agreed about


@pytest.mark.parametrize(
    ("text", "schema"),
    [
        ("Hannah Marie Schmidt", "Person"),
        ("SALEK, ABDULHAI", "Person"),
        ("Kestrel Mining GmbH (Spain)", "Company"),
        ("Владимир Путин", "Person"),
        ("习近平", None),
    ],
)
def test_a_prepared_form_is_the_form_its_dataclass_makes(text: str, schema: str | None) -> None:
    """prepare_name sets a form's fields through their slots (issue 22, speed): the form
    must be the one NameForm(...) makes, equal and hashed alike, with its own empty cache."""
    from screener.names import FORM_FIELDS, NameForm

    form = prepare_name(text, schema)
    made = NameForm(*(getattr(form, name) for name in FORM_FIELDS))
    assert form == made and hash(form) == hash(made)
    assert form.cache == {} and form.cache is not prepare_name(text, schema).cache


@pytest.mark.parametrize(
    "text",
    ["Hannah Marie Schmidt", "  two  spaces ", "ABC123 def", "a_b", "O'Brien", "x\ty", "", " "],
)
def test_ascii_words_split_at_spaces_as_the_general_way_splits_them(text: str) -> None:
    """Letters, digits and spaces only are split at spaces (issue 22, speed); the words are
    those of the general ASCII way: lower case, apostrophes joined, any other mark splits."""
    from screener.names import _ASCII_SPLIT, _basic_tokens, _merge_single_letters

    general = text.lower().replace("'", "").replace("`", "")
    assert _basic_tokens(text) == [t for t in _ASCII_SPLIT.split(general) if t]
    assert _merge_single_letters(["j", "c", "smith"]) == ["jc", "smith"]
    assert _merge_single_letters(["john", "smith"]) == ["john", "smith"]


@pytest.mark.parametrize(
    "text",
    [
        "Владимир  Путин",
        "Müller\u00a0Straße",  # a no-break space: NFKC makes it a space
        "三浦\u3000陽一",  # an ideographic space
        "José \u0301Ángel",  # a combining mark after a space
        "ΟΔΥΣΣΕΑΣ ΣΙΣΥΦΟΣ",  # final sigmas, folded alike
        "㈱ 三菱",  # NFKC turns ㈱ into '(株)'
        "Qa'ida al\u2019Mustafa",
        "अमित शाह",
        "김 정은",
        "محمد بن سلمان",
        "a_b ç",
    ],
)
def test_a_name_outside_ascii_is_tokenised_part_by_part_as_it_was_whole(text: str) -> None:
    """A non-ASCII name's words are found a space-separated part at a time and each part is
    kept (issue 22: CPU per name): the words must be those of the whole name tokenised."""
    import unicodedata

    from screener.names import _APOSTROPHES_GONE, _SPLIT, _basic_tokens

    folded = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES_GONE)
    assert _basic_tokens(text) == [t for t in _SPLIT.split(folded) if t]
    assert _basic_tokens(text) == _basic_tokens(text)  # kept, and kept the same


def test_kept_parts_are_forgotten_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most the bound is kept, and a part met in every name stays kept (the same tuple)
    however many other parts go by: only parts not met for a generation are forgotten."""
    from screener import names

    monkeypatch.setattr(names, "_PARTS_KEPT", 6)
    monkeypatch.setattr(names, "_PART_WORDS", {})
    monkeypatch.setattr(names, "_OLDER_PART_WORDS", {})
    common = names._part_words("Müller")
    for n in range(40):
        assert names._basic_tokens(f"Žofie{n} Müller") == [f"žofie{n}", "müller"]
        assert len(names._PART_WORDS) + len(names._OLDER_PART_WORDS) <= 6
        kept = names._PART_WORDS.get("Müller") or names._OLDER_PART_WORDS.get("Müller")
        assert kept is common
    assert "Žofie0" not in names._PART_WORDS and "Žofie0" not in names._OLDER_PART_WORDS


def test_kept_aging_bounds_the_keys_and_keeps_those_met_lately() -> None:
    from screener.names import kept_aging

    young: dict[str, int] = {}
    older: dict[str, int] = {}

    def found(key: str) -> int | None:
        value = young.get(key)
        if value is None and (value := older.get(key)) is not None:
            kept_aging(young, older, key, value, 4)  # found in the older generation: kept again
        return value

    for n in range(20):
        if found("hot") is None:
            assert n == 0
            kept_aging(young, older, "hot", 1, 4)
        kept_aging(young, older, f"cold{n}", n, 4)
        assert len(young) <= 2 and len(older) <= 2
    assert found("hot") == 1
    assert found("cold19") == 19 and found("cold0") is None  # met once, long ago: forgotten


def test_a_kept_word_has_the_facts_it_has_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Word facts are kept per word on the rules (issue 22); kept or found again, the same;
    never more than the bound kept, and a word met all along stays kept (issue 19)."""
    from screener import names

    rules = load_rules()
    words = ["smith", "ltd", "intl", "one", "mr", "iv", "spain", "limitd", "1", "b4", "al"]
    kept = [names.word_facts(word, rules) for word in words]
    rules.word_facts.clear()
    assert [names.word_facts(word, rules) for word in words] == kept
    assert kept[0] == ("smith", phonetic_key("smith"), True, True)
    assert not kept[1].plain and kept[1].plain_for_person  # a legal form's word
    assert not any(f.plain_for_person for f in kept[2:5])  # abbreviation, number, honorific
    assert kept[5].plain_for_person and not kept[5].plain  # a Roman numeral
    assert not kept[6].plain and kept[6].plain_for_person  # a country
    assert not kept[8].plain_for_person and not kept[9].plain_for_person  # digits
    monkeypatch.setattr(names, "_WORD_FACTS_KEPT", 4)
    rules.word_facts.clear()
    rules.older_word_facts.clear()
    smith = names.word_facts("smith", rules)
    for n in range(30):
        names.word_facts(f"word{n}", rules)
        assert len(rules.word_facts) + len(rules.older_word_facts) <= 4
        # a word met all along keeps its facts (not worked out again: the same tuple)
        assert names.word_facts("smith", rules) is smith
    assert names.word_facts("word0", rules) is not None
    assert "word1" not in rules.word_facts and "word1" not in rules.older_word_facts
    rules.word_facts.clear()
    rules.older_word_facts.clear()


_WORDS_OF_EVERY_STEP = [
    "kestrel", "mining", "smith", "ltd", "limited", "limitd", "co", "joint", "stock", "intl",
    "one", "forty", "four", "iv", "xii", "c", "mr", "haji", "dr", "spain", "korea", "north",
    "b4", "2", "gmbh", "al", "de",
]  # fmt: skip


@pytest.mark.parametrize("kind", ["person", "organization", "vessel", None])
def test_a_name_of_plain_words_is_what_the_steps_make_of_it(kind: str | None) -> None:
    """A name whose words are all plain skips the steps (issue 22: CPU per name): for every
    name of up to three words drawn from words each step acts on (legal forms, damaged ones,
    abbreviations, number words, Roman numerals, honorifics, countries, digits) and plain
    ones, wherever the shortcut is taken the steps give back the words, no legal form and no
    country; and the shortcut is taken for names of plain words."""
    import itertools

    from screener.names import _plain, _stepped, word_facts

    rules = load_rules()
    taken = 0
    for size in (1, 2, 3):
        for words in itertools.product(_WORDS_OF_EVERY_STEP, repeat=size):
            facts = [word_facts(word, rules) for word in words]
            if _plain(facts, kind, rules):
                taken += 1
                assert _stepped(list(words), kind, "latin", rules) == (list(words), set(), set())
    assert taken > 100
    assert _plain([word_facts(w, rules) for w in ("kestrel", "mining")], kind, rules)
    assert not _plain([word_facts(w, rules) for w in ("haji", "dr", "smith")], kind, rules)


def test_name_rules_are_read_by_libyaml_as_the_python_safe_loader_reads_them(
    tmp_path: Path,
) -> None:
    import yaml

    from screener.paths import rules_dir
    from screener.safe_yaml import SHIPPED_TABLE_LOADER, load_shipped_table

    path = rules_dir() / "matching" / "names.yaml"
    if yaml.__with_libyaml__:
        assert SHIPPED_TABLE_LOADER is yaml.CSafeLoader
    assert load_shipped_table(path) == yaml.safe_load(path.read_text(encoding="utf-8"))
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text("x: !!python/object/apply:os.system ['true']", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError):  # still no Python objects
        load_shipped_table(hostile)
