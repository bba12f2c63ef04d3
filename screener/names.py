"""Name normalisation: one comparable form for every way a name is written.

Reviewers miss true hits written in another script or order and drown in false alerts from
legal forms and generic words. So a name is turned into a `NameForm` that keeps both the
original script and a romanised form, with legal forms set aside as a *class* (AG and
Aktiengesellschaft are the same thing; neither is a word of the name), honorifics dropped,
abbreviations expanded and number words turned into digits.

Transliteration libraries, chosen for coverage and upkeep:
- Chinese (Han without kana): `pypinyin` (maintained since 2013, dictionary-based, handles
  polyphonic characters by phrase); person names are grouped surname + given name as Chinese
  names are written in Latin script (Xi Jinping).
- Japanese (any kana, or a Japanese legal form): `pykakasi` (Hepburn, segments words so the
  romaji tokens align with how names are romanised).
- Everything else (Cyrillic, Arabic, Persian, Greek, Armenian, Georgian, Hangul, Latin
  diacritics ...): `anyascii`, a table-driven transliterator covering all of Unicode with no
  native dependencies; it gives consonant skeletons for Arabic script, which the phonetic key
  (Double Metaphone) compares with Latin spellings.
Data (legal forms, abbreviations, honorifics, particles, generic words, number words) lives
in rules/matching/names.yaml so reviewers can read and extend it without touching code.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from anyascii import anyascii
from doublemetaphone import doublemetaphone
from rapidfuzz.distance import Levenshtein

from screener.paths import rules_dir
from screener.safe_yaml import load_shipped_table

PERSON = "person"
ORGANIZATION = "organization"
VESSEL = "vessel"

_SCHEMA_KIND = {
    "person": PERSON,
    "individual": PERSON,
    "company": ORGANIZATION,
    "organization": ORGANIZATION,
    "organisation": ORGANIZATION,
    "legalentity": ORGANIZATION,
    "entity": ORGANIZATION,
    "publicbody": ORGANIZATION,
    "government": ORGANIZATION,
    "fund": ORGANIZATION,
    "trust": ORGANIZATION,
    "vessel": VESSEL,
    "aircraft": VESSEL,
}

_APOSTROPHES = "'’‘ʻʼ`´ʹ"
_APOSTROPHES_GONE = str.maketrans({**dict.fromkeys(_APOSTROPHES), "_": " "})
# Word characters plus the combining marks that carry vowels and points in Indic, Arabic,
# Hebrew, Thai, Tibetan, Myanmar and Khmer scripts (Python's \w leaves them out).
_SPLIT = re.compile(
    "[^\\w\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0dff\u0e31-\u0e4e\u0eb1-\u0ecd\u0f18-\u0fbc\u1000-\u109f"
    "\u17b4-\u17d3\u3099\u309a]+"
)
_ASCII_SPLIT = re.compile("[^a-z0-9]+")
_BEYOND_LATIN = re.compile(r"[^\u0000-\u024f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_HANGUL_SYLLABLE_START = re.compile(r"(?<=.)(?=[A-Z])")
# The article al- written joined to its word; not the word Allah (الله), whose al- is its own.
_ARABIC_ARTICLE = re.compile(r"(?<!\w)ال(?!له(?!\w))(?=\w\w)")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_CJK_SCRIPTS = ("han", "kana", "hangul")


@lru_cache(maxsize=1024)
def schema_kind(schema: str | None) -> str | None:
    """Person, organisation or vessel from any of the publishers' words for it (or None).

    Kept per word: lists and files use a handful of words, and every name asks."""
    if not schema:
        return None
    return _SCHEMA_KIND.get(schema.replace(" ", "").replace("_", "").casefold())


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready for comparison.

    `cache` holds what the matcher derives per token-weighting (weighted words), so a list
    entry's name is weighed once, not once per comparison.
    `tokens` are romanised, lower-case ASCII words of the name proper (no legal form, no
    honorific); `original_tokens` the same words in their own script (equal to `tokens` for
    Latin names); `legal_forms` the classes found (e.g. 'joint_stock'); `countries` ISO codes
    of countries named inside an organisation's name ('Bowne (Spain)').
    """

    original: str
    script: str
    tokens: tuple[str, ...]
    original_tokens: tuple[str, ...]
    legal_forms: frozenset[str]
    countries: frozenset[str]
    phonetic: tuple[str, ...]
    sorted_tokens: tuple[str, ...] = ()
    joined: str = ""
    cache: dict[object, object] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def romanised(self) -> str:
        return " ".join(self.tokens)

    @property
    def token_set(self) -> frozenset[str]:
        """The words as a set, made when asked: kept on each of an index's 80,000 names it
        would cost some 18 MB, in every batch worker."""
        return frozenset(self.tokens)

    @property
    def phonetic_set(self) -> frozenset[str]:
        """The phonetic keys of three letters or more (made when asked, like `token_set`)."""
        return frozenset(k for k in self.phonetic if len(k) >= 3)


# The fields a form compares by, in the order NameForm takes them: what makes two forms equal.
FORM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(NameForm) if f.compare)

(
    _set_original,
    _set_script,
    _set_tokens,
    _set_original_tokens,
    _set_legal_forms,
    _set_countries,
    _set_phonetic,
    _set_sorted_tokens,
    _set_joined,
    _set_cache,
) = (NameForm.__dict__[name].__set__ for name in (*FORM_FIELDS, "cache"))


def made_form(
    original: str,
    script: str,
    tokens: tuple[str, ...],
    original_tokens: tuple[str, ...],
    legal_forms: frozenset[str],
    countries: frozenset[str],
    phonetic: tuple[str, ...],
    sorted_tokens: tuple[str, ...],
    joined: str,
) -> NameForm:
    """`NameForm(...)`, each field set through its slot: a frozen dataclass's __init__ sets
    every field through `object.__setattr__`, twice the time, and every name a file or a
    list holds is made once (tests/unit/test_names.py holds the two ways equal). The kept
    index makes the names it reads through it too (screener/matching/index_store.py)."""
    form = _NEW(NameForm)
    _set_original(form, original)
    _set_script(form, script)
    _set_tokens(form, tokens)
    _set_original_tokens(form, original_tokens)
    _set_legal_forms(form, legal_forms)
    _set_countries(form, countries)
    _set_phonetic(form, phonetic)
    _set_sorted_tokens(form, sorted_tokens)
    _set_joined(form, joined)
    _set_cache(form, {})
    return form


_NEW = object.__new__


@dataclass(frozen=True)
class NameRules:
    """The data of rules/matching/names.yaml, normalised with the name tokeniser."""

    legal_forms: dict[tuple[str, ...], str]
    legal_words: frozenset[str]
    legal_form_family: dict[str, frozenset[str]]
    cjk_legal_forms: tuple[tuple[str, str], ...]
    abbreviations: dict[str, str]
    honorifics: frozenset[tuple[str, ...]]
    particles: frozenset[str]
    generic_words: frozenset[str]
    generic_weight: float
    number_words: dict[str, int]
    countries: dict[tuple[str, ...], str]
    country_words: frozenset[str]
    max_legal_form_len: int
    long_legal_words: dict[str, str]
    legal_forms_by_size: dict[int, tuple[tuple[str, ...], ...]]
    legal_forms_by_end: dict[tuple[int, str], tuple[tuple[str, ...], ...]]
    legal_forms_by_start: dict[tuple[int, str], tuple[tuple[str, ...], ...]]
    damaged_one_word_forms: DamagedWordTable
    patronymic_endings: tuple[str, ...]
    patronymic_weight: float
    # word -> the class of the legal form it is a damaged copy of (or None), as found so far.
    damaged_word_classes: dict[str, str | None] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The first words of the honorifics: only a name starting with one may lose a title.
    honorific_starts: frozenset[str] = frozenset()
    # word -> its `WordFacts` under these rules, as found so far (`word_facts`): the words
    # met lately, and the generation before them (`kept_aging`).
    word_facts: dict[str, WordFacts] = field(default_factory=dict, compare=False, repr=False)
    older_word_facts: dict[str, WordFacts] = field(default_factory=dict, compare=False, repr=False)


def detect_script(text: str) -> str:
    """The script that decides how a name is romanised (the first non-Latin one wins)."""
    if text.isascii() or not _BEYOND_LATIN.search(text):
        return "latin"  # most list names: no character past Latin Extended-B
    if _KANA.search(text):
        return "kana"
    if _HAN.search(text):
        return "han"
    if _HANGUL.search(text):
        return "hangul"
    for char in text:
        if char.isalpha() and ord(char) > 0x24F:
            name = unicodedata.name(char, "")
            return name.split(" ")[0].lower() or "other"
    return "latin"


def _basic_tokens(text: str) -> list[str]:
    """NFKC, casefold, apostrophes joined ('Qa'ida' -> 'qaida'), other punctuation splits."""
    if text.isascii():
        # Most names: NFKC leaves ASCII as it is, casefold is lower, the word characters are
        # letters and digits once '_' splits; half the time of the general way.
        if text.replace(" ", "").isalnum():
            return text.lower().split()  # only letters, digits and spaces: split at spaces
        text = text.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        return [t for t in _ASCII_SPLIT.split(text) if t]
    # Other names: tokenised a space-separated part at a time, each part once (`_part_words`).
    known = _PART_WORDS
    words: list[str] = []
    for part in text.split():
        found = known.get(part)
        words += _part_words(part) if found is None else found
    return words


_PART_WORDS: dict[str, tuple[str, ...]] = {}
_OLDER_PART_WORDS: dict[str, tuple[str, ...]] = {}
_PARTS_KEPT = 200_000


def _part_words(part: str) -> tuple[str, ...]:
    """`_basic_tokens` of one space-separated part of a name outside ASCII, kept per part:
    names share their parts ('محمد', '三浦', 'Müller'), and normalising, case-folding and
    splitting a part is the same work in every name. Every step works within a part: NFKC
    composes no character with a space, nor turns a space into a word character;
    casefold and the apostrophes' removal go a character at a time; a space splits words
    anyway. So the words of the parts are the words of the whole (the prepared-names check
    in benchmarks/prepared_names_identity.py holds them equal on every list name).
    Bounded: at most 200,000 parts (some 40 MB) are kept, those met lately (`kept_aging`),
    so a process meeting ever new names does not only grow."""
    words = _OLDER_PART_WORDS.get(part)
    if words is None:
        text = unicodedata.normalize("NFKC", part).casefold().translate(_APOSTROPHES_GONE)
        words = tuple([t for t in _SPLIT.split(text) if t])
    kept_aging(_PART_WORDS, _OLDER_PART_WORDS, part, words, _PARTS_KEPT)
    return words


def kept_aging(
    young: dict[Any, Any], older: dict[Any, Any], key: Any, value: Any, bound: int
) -> None:
    """Keep `key -> value` in `young`, with at most `bound` keys in `young` and `older` together.

    Once `young` holds half the bound it becomes `older`, the keys only the generation before
    held are forgotten, and `young` starts empty; a caller finding a key in `older` keeps it
    again here. So the keys a process keeps meeting (common words: 'trading', 'mohammed')
    stay kept however many names go by, and only those not met for a generation are found
    again. Forgetting every key at once at the bound made an index build over a million
    entries find every common word again from half-way on: its workers' time per entry rose
    by 14-18 % from there, and the build grew faster than the list (docs/figures.md, scale25)."""
    if len(young) >= bound // 2:
        older.clear()
        older.update(young)
        young.clear()
    young[key] = value


def _merge_single_letters(tokens: list[str]) -> list[str]:
    """'A.B.C.' arrives as a, b, c: runs of single letters are one word ('abc')."""
    if 1 not in map(len, tokens):
        return tokens  # most names: no word of one letter, nothing to merge
    merged: list[str] = []
    run: list[str] = []
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if run:
            merged.append("".join(run))
            run = []
        merged.append(token)
    if run:
        merged.append("".join(run))
    return merged


def _ascii_tokens(text: str) -> list[str]:
    """Latin-only tokens of a text: diacritics folded, then split and single letters merged."""
    return _merge_single_letters(_folded(_basic_tokens(text), text))


def _folded(tokens: list[str], text: str) -> list[str]:
    """The `_basic_tokens` of `text` folded to ASCII (`_folded_word`)."""
    # Most list names are ASCII already: nothing to fold.
    if not text.isascii() and not " ".join(tokens).isascii():
        return [word for token in tokens for word in _folded_word(token)]
    return tokens


@lru_cache(maxsize=200_000)
def _folded_word(token: str) -> tuple[str, ...]:
    """The ASCII words of one word, folded once per word (anyascii reads a character at a
    time in Python, some 60 µs for a name in Arabic script). anyascii maps each character on
    its own and a word holds no separator, so folding word by word gives the words folding
    the whole name gave."""
    if token.isascii():
        return (token,)
    return tuple(_basic_tokens(anyascii(token)))


@cache
def load_rules(path: str | None = None) -> NameRules:
    """Parse names.yaml once; every phrase goes through the same tokeniser as the names.

    A malformed file raises NameRulesError naming the file and the section at fault.
    """
    file = Path(path) if path else rules_dir() / "matching" / "names.yaml"
    try:
        data: dict[str, Any] = load_shipped_table(file)  # libyaml's safe loader
        return _parse_rules(data)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise NameRulesError(f"{file}: malformed name rules near {exc!s}") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise NameRulesError(f"{file}: cannot read name rules: {exc}") from exc


class NameRulesError(ValueError):
    """rules/matching/names.yaml is missing, unreadable or has a section of the wrong shape."""


def _parse_rules(data: dict[str, Any]) -> NameRules:
    legal: dict[tuple[str, ...], str] = {}
    family: dict[str, frozenset[str]] = {}
    cjk: list[tuple[str, str]] = []
    for cls, spec in data["legal_forms"].items():
        kinds = spec["family"]
        family[cls] = frozenset([kinds] if isinstance(kinds, str) else kinds)
        for form in spec["forms"]:
            if detect_script(form) in _CJK_SCRIPTS:
                cjk.append((unicodedata.normalize("NFKC", form), cls))
            for variant in {tuple(_ascii_tokens(form)), tuple(_basic_tokens(form))}:
                if variant:
                    legal.setdefault(variant, cls)
    abbreviations = {k.replace("'", ""): v for k, v in data["abbreviations"].items()}
    generic = data["generic_words"]
    countries = _country_phrases(data.get("country_aliases", {}))
    honorifics = frozenset(tuple(_ascii_tokens(h)) for h in data["honorifics"])
    return NameRules(
        legal_forms=legal,
        legal_words=frozenset(word for form in legal for word in form),
        legal_form_family=family,
        cjk_legal_forms=tuple(sorted(cjk, key=lambda item: -len(item[0]))),
        abbreviations=abbreviations,
        honorifics=honorifics,
        honorific_starts=frozenset(h[0] for h in honorifics if h),
        particles=frozenset(data["particles"]),
        generic_words=frozenset(generic["words"]),
        generic_weight=float(generic["weight"]),
        patronymic_endings=tuple(data["patronymic_suffixes"]["endings"]),
        patronymic_weight=float(data["patronymic_suffixes"]["weight"]),
        number_words={str(k): int(v) for k, v in data["number_words"].items()},
        countries=countries,
        country_words=frozenset(word for phrase in countries for word in phrase),
        max_legal_form_len=max(len(k) for k in legal),
        long_legal_words={k[0]: v for k, v in legal.items() if len(k) == 1 and len(k[0]) >= 9},
        legal_forms_by_size=_by_size(legal),
        legal_forms_by_end=_by_word(legal, -1),
        legal_forms_by_start=_by_word(legal, 0),
        damaged_one_word_forms=DamagedWordTable.of(_by_size(legal).get(1, ())),
    )


def _by_size(legal: dict[tuple[str, ...], str]) -> dict[int, tuple[tuple[str, ...], ...]]:
    """The legal forms with a word of four letters or more (one a typo can damage), by size."""
    sizes: dict[int, list[tuple[str, ...]]] = {}
    for form in legal:
        if any(len(word) >= 4 for word in form):
            sizes.setdefault(len(form), []).append(form)
    return {size: tuple(forms) for size, forms in sizes.items()}


def _by_word(
    legal: dict[tuple[str, ...], str], position: int
) -> dict[tuple[int, str], tuple[tuple[str, ...], ...]]:
    """Legal forms of two words or more by (size, the word at `position`): a form damaged in
    one word keeps its first or its last word, so one of the two finds it."""
    found: dict[tuple[int, str], list[tuple[str, ...]]] = {}
    for form in legal:
        if len(form) > 1 and any(len(word) >= 4 for word in form):
            found.setdefault((len(form), form[position]), []).append(form)
    return {key: tuple(forms) for key, forms in found.items()}


@dataclass(frozen=True)
class DamagedWordTable:
    """Which one-word legal forms a word may be a damaged copy of, found in O(letters).

    A word is within one edit of a form only if the two share a string once at most one
    letter is deleted from each (the symmetric-delete property: a deletion on either side
    undoes an insertion, the same position deleted on both undoes a substitution), and it is
    a cut-short form only if it is one of the form's prefixes. So every form and its one-letter
    deletions, and every prefix of five letters or more, point to the form's position; a word
    looks up itself and its own one-letter deletions. The positions found are candidates,
    checked with the very predicate the loop over every form used (`_one_word_damaged`), in the
    forms' order, so the answer is the one that loop gave: names were prepared at some 94 µs
    each, mostly comparing each last word with all 56 one-word forms.
    """

    forms: tuple[tuple[str, ...], ...]
    by_deletion: dict[str, tuple[int, ...]]
    by_prefix: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, forms: tuple[tuple[str, ...], ...]) -> DamagedWordTable:
        by_deletion: dict[str, set[int]] = {}
        by_prefix: dict[str, set[int]] = {}
        for position, (form,) in enumerate(forms):
            for key in _with_one_deleted(form):
                by_deletion.setdefault(key, set()).add(position)
            for end in range(5, len(form) + 1):
                by_prefix.setdefault(form[:end], set()).add(position)
        return cls(
            forms=forms,
            by_deletion={k: tuple(sorted(v)) for k, v in by_deletion.items()},
            by_prefix={k: tuple(sorted(v)) for k, v in by_prefix.items()},
        )

    def candidates(self, word: str) -> list[tuple[str, ...]]:
        """The forms `word` may be damaged from, in the forms' order (a superset: check each)."""
        found: set[int] = set(self.by_prefix.get(word, ()))
        for key in _with_one_deleted(word):
            found.update(self.by_deletion.get(key, ()))
        return [self.forms[position] for position in sorted(found)]


def _with_one_deleted(word: str) -> set[str]:
    """The word itself and every string one deleted letter away from it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _country_phrases(aliases: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    import pycountry

    phrases: dict[tuple[str, ...], str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                phrases[tuple(_ascii_tokens(value))] = country.alpha_2
    for code, words in aliases.items():
        for word in words:
            phrases[tuple(_ascii_tokens(word))] = code
    return phrases


def _romanise_cjk(text: str, script: str, kind: str | None) -> list[str]:
    """Romanised words; a person's name keeps the Latin convention of one word per name part.

    Written without spaces ('习近平', '이재명') the first syllable is the surname and the rest
    one given name (Xi Jinping); written with spaces ('建宏 張'), each part is one word.
    """
    if script == "kana":
        return [word for chunk in text.split() for word in _kana_reading(chunk)]
    chunks = _basic_tokens(text)
    words: list[str] = []
    for chunk in chunks:
        syllables = _syllables(chunk, script)
        if kind == PERSON and len(chunks) > 1:
            words.append("".join(syllables))
        elif kind == PERSON and 2 <= len(syllables) <= 4:
            words.extend([syllables[0], "".join(syllables[1:])])
        else:
            words.extend(syllables)
    return _basic_tokens(anyascii(" ".join(words)))


@lru_cache(maxsize=100_000)
def _kana_reading(chunk: str) -> tuple[str, ...]:
    """The Hepburn words of one space-separated part of a Japanese name, read once per part:
    names share their parts (Fujii, Hiroshi), and kakasi costs some 60 µs a call. Kakasi
    segments at spaces anyway, so reading part by part gives the words reading the whole
    name gives."""
    return tuple(_basic_tokens(" ".join(d["hepburn"] for d in _kakasi().convert(chunk))))


@lru_cache(maxsize=100_000)
def _syllables(chunk: str, script: str) -> tuple[str, ...]:
    """The syllables of one space-separated part of a Chinese or Korean name, read once per
    part (names share their parts; pypinyin costs some 20 µs a call)."""
    if script == "han":
        from pypinyin import lazy_pinyin

        return tuple(s for s in lazy_pinyin(chunk) if s.strip())
    # Hangul: anyascii writes each syllable capitalised ('GimJeongEun').
    return tuple(_basic_tokens(_HANGUL_SYLLABLE_START.sub(" ", anyascii(chunk))))


@cache
def _kakasi() -> Any:
    import pykakasi

    from screener import kakasi_lookup, kept_kanwa

    kept_kanwa.install()  # its dictionary read per character, not loaded whole (a third of a second)
    kakasi = pykakasi.kakasi()
    kakasi_lookup.install(kakasi)  # its longest match looked up, not scanned for
    return kakasi


def without_cjk_legal_forms(text: str) -> str:
    """A name in Chinese, Japanese or Korean script without the legal forms that open or
    close it (株式会社カラシニコフ・コンツェルン -> カラシニコフ・コンツェルン)."""
    return _strip_cjk_legal_forms(text, load_rules())[0].strip()


def _strip_cjk_legal_forms(text: str, rules: NameRules) -> tuple[str, set[str]]:
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        stripped = text.strip()
        for form, cls in rules.cjk_legal_forms:
            if stripped.endswith(form) and len(stripped) > len(form):
                text, changed = stripped[: -len(form)], True
            elif stripped.startswith(form) and len(stripped) > len(form):
                text, changed = stripped[len(form) :], True
            if changed:
                found.add(cls)
                break
    return text, found


def _expand(tokens: list[str], rules: NameRules) -> list[str]:
    """Abbreviations written out ('Intl' -> 'international')."""
    if rules.abbreviations.keys().isdisjoint(tokens):
        return tokens  # most names: nothing to write out
    out: list[str] = []
    for token in tokens:
        token = rules.abbreviations.get(token, token)
        out.extend(token.split(" "))
    return out


def _numbers(tokens: list[str], rules: NameRules, *, roman: bool) -> list[str]:
    """Number words and (after the first word of a non-person name) Roman numerals as digits."""
    if rules.number_words.keys().isdisjoint(tokens) and not (
        roman and any(_ROMAN.match(token) for token in tokens[1:])
    ):
        return tokens  # most names: no number in them
    out: list[str] = []
    for position, token in enumerate(tokens):
        value = rules.number_words.get(token)
        if value is None and roman and position > 0 and _ROMAN.match(token) and token != "c":
            value = _roman_value(token)
        if value is None:
            out.append(token)
        elif out and out[-1].isdigit() and int(out[-1]) % 10 == 0 and 0 < value < 10:
            out[-1] = str(int(out[-1]) + value)  # forty four -> 44
        else:
            out.append(str(value))
    return out


def _roman_value(token: str) -> int:
    total = 0
    for char, following in zip(token, token[1:] + " ", strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following != " " and _ROMAN_VALUES[following] > value else value
    return total


def _strip_legal_forms(tokens: list[str], rules: NameRules) -> tuple[list[str], set[str]]:
    """Legal forms at either end of the name, repeatedly ('X Corporation JSC' -> 'X'); at the
    end also a legal form with one word damaged (`_damaged_legal_form`)."""
    found: set[str] = set()
    if rules.legal_words.isdisjoint(tokens):
        # No word of any legal form: only a damaged one-word form can end the name.
        while len(tokens) > 1:
            cls = _damaged_legal_form((tokens[-1],), rules)
            if cls is None:
                break
            found.add(cls)
            tokens = tokens[:-1]
        return tokens, found
    longest = rules.max_legal_form_len
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for size in range(min(longest, len(tokens) - 1), 0, -1):
            tail = tuple(tokens[-size:])
            cls = rules.legal_forms.get(tail)
            if cls is None and size > 1:
                cls = _damaged_legal_form(tail, rules)
            if cls is not None:
                found.add(cls)
                tokens, changed = tokens[:-size], True
                break
            cls = rules.legal_forms.get(tuple(tokens[:size]))
            if cls is not None:
                found.add(cls)
                tokens, changed = tokens[size:], True
                break
        if not changed and len(tokens) > 1:
            cls = _damaged_legal_form((tokens[-1],), rules)
            if cls is not None:
                found.add(cls)
                tokens, changed = tokens[:-1], True
    return tokens, found


def _damaged_legal_form(tail: tuple[str, ...], rules: NameRules) -> str | None:
    """The class of the legal form that `tail` (the name's last words) is with one word
    damaged: a typo in a word of four letters or more ('Joynt Stock Company'; five or more
    for a one-word form: 'Limitd', not 'Corn' for 'Corp'), or the last word cut short after
    five letters or more ('Joint Stock Compan', as fixed-width registers cut names). Short
    forms ('AG', 'SA') are left alone: one letter changes them into another word."""
    if len(tail) == 1:
        return _damaged_one_word(tail[0], rules)
    size = len(tail)
    forms = rules.legal_forms_by_end.get((size, tail[-1]), ()) + rules.legal_forms_by_start.get(
        (size, tail[0]), ()
    )
    for form in forms:
        if _one_word_damaged(tail, form, shortest=4):
            return rules.legal_forms[form]
    return None


_KNOWN_WORDS_KEPT = 200_000


def _damaged_one_word(word: str, rules: NameRules) -> str | None:
    """`_damaged_legal_form` of a name's last word, worked out once per word: names end in
    the same words over and over ('trading', 'mining'), and the answer is the word's alone.
    The words kept are forgotten all at once past 200,000 (some 20 MB)."""
    known = rules.damaged_word_classes
    if word in known:
        return known[word]
    cls = _misspelt_legal_form(word, rules)
    if cls is None and len(word) >= 5:
        for form in rules.damaged_one_word_forms.candidates(word):
            if _one_word_damaged((word,), form, shortest=5):
                cls = rules.legal_forms[form]
                break
    if len(known) >= _KNOWN_WORDS_KEPT:
        known.clear()
    known[word] = cls
    return cls


def _one_word_damaged(tail: tuple[str, ...], form: tuple[str, ...], shortest: int) -> bool:
    differing = [i for i, (a, b) in enumerate(zip(tail, form, strict=True)) if a != b]
    if len(differing) != 1:
        return False
    i = differing[0]
    word, right = tail[i], form[i]
    if len(word) < shortest or len(right) < shortest:
        return False
    if i == len(form) - 1 and len(word) >= 5 and right.startswith(word):
        return True
    return Levenshtein.distance(word, right, score_cutoff=1) <= 1


def _misspelt_legal_form(token: str, rules: NameRules) -> str | None:
    """A long legal-form word with a typo ('Aktiengeselschaft') is still a legal form."""
    if len(token) < 9:
        return None
    for form, cls in rules.long_legal_words.items():
        if (
            abs(len(form) - len(token)) <= 2
            and Levenshtein.distance(form, token, score_cutoff=2) <= 2
        ):
            return cls
    return None


def _strip_honorifics(tokens: list[str], rules: NameRules) -> list[str]:
    """Leading titles go, but a name keeps two words: 'Haji Nazir' may be the name itself."""
    changed = True
    while changed and len(tokens) > 2:
        changed = False
        for size in (2, 1):
            if len(tokens) > size + 1 and tuple(tokens[:size]) in rules.honorifics:
                tokens, changed = tokens[size:], True
                break
    return tokens


def _named_countries(tokens: list[str], rules: NameRules) -> frozenset[str]:
    if rules.country_words.isdisjoint(tokens):
        return _NOTHING  # most names: no word of any country's name
    found = set()
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            code = rules.countries.get(tuple(tokens[start : start + size]))
            if code:
                found.add(code)
    return frozenset(found)


def _surname_first(text: str) -> str:
    """'SURNAME, Given' -> 'Given SURNAME' when the part before the comma is short."""
    if text.count(",") != 1:
        return text
    surname, given = (part.strip() for part in text.split(","))
    if surname and given and len(surname.split()) <= 2:
        return f"{given} {surname}"
    return text


def prepare_name(
    text: str,
    schema: str | None = None,
    rules: NameRules | None = None,
    *,
    japanese_reading: bool = False,
) -> NameForm:
    """The comparable form of one name; `schema` (Person, Company ...) decides the rules.

    Persons lose honorifics and have 'SURNAME, Given' reordered; organisations lose their
    legal forms (kept as classes) and have the countries named inside them noted. With no
    schema both are tried, as a search box does not know what the user typed.
    Kanji without kana cannot be told from Chinese: `japanese_reading` reads Han characters
    the Japanese way (pykakasi) instead of as pinyin; `alternative_readings` offers both.
    """
    rules = rules or load_rules()
    kind = schema_kind(schema)
    original = unicodedata.normalize("NFKC", text).strip()
    script = detect_script(original)
    body = _surname_first(original) if kind != ORGANIZATION else original
    legal: set[str] = set()
    if script in _CJK_SCRIPTS and kind != PERSON:
        body, legal = _strip_cjk_legal_forms(body, rules)
        if (
            legal & {"east_asian_stock", "limited_liability"}
            and script == "han"
            and _looks_japanese(original)
        ):
            script = "kana"
    if japanese_reading and script == "han":
        script = "kana"
    if script in _CJK_SCRIPTS:
        romanised = _romanise_cjk(body, script, kind)
        original_tokens = _basic_tokens(body)
    else:
        own_words = _basic_tokens(body)
        # Arabic writes the article al- joined to the word: set it apart, as Latin spellings do.
        spaced = _ARABIC_ARTICLE.sub("al ", body) if script == "arabic" else body
        # The name's words tokenised once, and again only when the article was set apart.
        romanised = _merge_single_letters(
            _folded(own_words, body) if spaced == body else _folded(_basic_tokens(spaced), spaced)
        )
        # A Latin name's own words are its romanised words (set below).
        original_tokens = [] if script == "latin" else _merge_single_letters(own_words)
    if kind != PERSON and script not in _CJK_SCRIPTS and script != "latin":
        original_tokens, _ = _strip_legal_forms(original_tokens, rules)
    known = rules.word_facts
    facts = [known.get(token) or word_facts(token, rules) for token in romanised]
    if _plain(facts, kind, rules):
        # Most names: no word that a step would change (`WordFacts`), so no step is taken.
        words = tuple([f.word for f in facts])
        phonetic = tuple([f.phonetic for f in facts])
        countries = _NOTHING
    else:
        tokens, found, countries = _stepped(romanised, kind, script, rules)
        legal |= found
        # Interned: a list repeats 'al' and 'mohammed' thousands of times; one string each.
        words = tuple(map(sys.intern, tokens))
        phonetic = tuple(map(phonetic_key, words))
    return made_form(
        original,
        script,
        words,
        # A Latin name's own words are its words: one tuple for both.
        words if script == "latin" else tuple(original_tokens),
        frozenset(legal) if legal else _NOTHING,
        countries,
        phonetic,
        tuple(sorted(words)),
        "".join(words),
    )


# The empty set every form without legal forms or named countries shares: a new one is 216
# bytes, twice in each of the names a file or an index holds, equal to this one in all ways.
_NOTHING: frozenset[str] = frozenset()


def _stepped(
    romanised: list[str], kind: str | None, script: str, rules: NameRules
) -> tuple[list[str], set[str], frozenset[str]]:
    """The words of a name once each step has been taken (abbreviations written out, legal
    forms set aside, numbers as digits, honorifics dropped, digits read as letters), the
    legal forms and the countries found on the way."""
    tokens = _expand(romanised, rules)
    legal: set[str] = set()
    countries = _NOTHING
    if kind != PERSON:
        tokens, legal = _strip_legal_forms(tokens, rules)
    tokens = _numbers(tokens, rules, roman=kind != PERSON and script == "latin")
    if kind != PERSON:
        countries = _named_countries(tokens, rules)
    if kind != ORGANIZATION:
        tokens = _strip_honorifics(tokens, rules)
    if kind == PERSON and not all(map(str.isalpha, tokens)):
        tokens = [_unleet(t) for t in tokens]
    return tokens, legal, countries


def _plain(facts: list[WordFacts], kind: str | None, rules: NameRules) -> bool:
    """No step of `_stepped` would change a name of these words, nor find a legal form or a
    country in it: `_stepped` would hand them back as they are."""
    if kind == PERSON:
        return all([f.plain_for_person for f in facts])
    # Only the last word may be a damaged legal form, and only in a name of two words or more.
    return all([f.plain for f in facts]) and (
        len(facts) < 2 or _damaged_one_word(facts[-1].word, rules) is None
    )


class WordFacts(NamedTuple):
    """What preparing a name needs to know of one of its romanised words, worked out once
    per word: names share their words far more than they repeat whole ('mohammed', 'li',
    'trading'), and each step of `prepare_name` (abbreviations, legal forms, number words,
    Roman numerals, countries, honorifics, digits standing for letters) asks every word.

    `plain` is true when no step would change the word or take it away in a name of any
    kind (nor notes a country or a legal form through it), but for a damaged legal form,
    which only the last word can be (`_damaged_one_word`, asked of that word alone);
    `plain_for_person` the same for a person's name, whose steps are fewer. A name whose
    words are all plain skips the steps (`prepare_name`): they would hand its words back as
    they were.
    """

    word: str  # interned
    phonetic: str  # `phonetic_key(word)`
    plain: bool
    plain_for_person: bool


_WORD_FACTS_KEPT = 200_000
_NEW_TUPLE = tuple.__new__


def word_facts(token: str, rules: NameRules) -> WordFacts:
    """The `WordFacts` of a romanised word under `rules`, kept per word on the rules.

    Bounded: at most 200,000 words (some 40 MB) are kept, those met lately (`kept_aging`);
    a long-running process meeting ever new words (a window searching all day, an index
    build over millions of names) would otherwise only grow."""
    known = rules.word_facts
    found = known.get(token)
    if found is None:
        found = rules.older_word_facts.get(token)
        if found is None:
            found = _found_word_facts(token, rules)
        kept_aging(known, rules.older_word_facts, found.word, found, _WORD_FACTS_KEPT)
    return found


def _found_word_facts(token: str, rules: NameRules) -> WordFacts:
    """`word_facts` worked out."""
    word = sys.intern(token)
    for_person = (
        word.isalpha()
        and word not in rules.abbreviations
        and word not in rules.number_words
        and word not in rules.honorific_starts
    )
    plain = (
        for_person
        and word not in rules.legal_words
        and word not in rules.country_words
        and not _ROMAN.match(word)
    )
    # tuple.__new__: what WordFacts(...) makes, without its __new__ written in Python.
    return _NEW_TUPLE(WordFacts, (word, _sound_of(word), plain, for_person))  # type: ignore[no-any-return]


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """The word's Double Metaphone code (primary): spelling variants share it (Mahmoud /
    Mahmood, Qaddafi / Kadhafi, Osama / Usama, Tchaikovsky / Chaykovskiy).

    A maintained implementation (`doublemetaphone`, C++) replaces the hand-written consonant
    skeleton, which called 'kirk' and 'garcia' alike; Double Metaphone was chosen over
    jellyfish's Metaphone on the dev pairs (F1 0.890 against 0.887, benchmarks/match_quality.py).
    The key is evidence beside the spelling, never alone: the matcher grants the sound-alike
    similarity only to words whose spelling is also close (`MatchConfig.sound_spelling_floor`).
    Digits and words outside ASCII letters keep their text. Interned (and kept) once per
    word: every name that has the word shares the one string.
    """
    return _sound_of(token)


def _sound_of(token: str) -> str:
    """`phonetic_key` worked out (`word_facts` keeps it with the word's other facts)."""
    if not token or not token.isascii() or not token.isalpha():
        return sys.intern(token)
    return sys.intern(str(doublemetaphone(token)[0]).lower() or token)


_SKELETON_DROPS = str.maketrans("", "", "aeiouwy")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def consonant_skeleton(token: str) -> str:
    """The consonants of a romanised word, as a script that writes no short vowels spells it.

    Arabic, Persian and Hebrew script write consonants and long vowels only: anyascii turns
    محمد into 'mhmd', يوسف into 'ywsf'. Their romanisations ('Mohammad', 'Yusuf') meet them
    on this skeleton: vowels dropped, w and y dropped after the first letter (they write the
    long vowels u and i), doubled letters collapsed: 'mohammad' and 'mhmd' are both 'mhmd',
    'yusuf' and 'ywsf' both 'ysf'. Used beside the spelling, only where one side is abjad.
    """
    if not token or not token.isascii() or not token.isalpha():
        return token
    head = token[0] if token[0] in "wy" else token[0].translate(_SKELETON_DROPS)
    return _DOUBLED.sub(r"\1", head + token[1:].translate(_SKELETON_DROPS))


_LEET = str.maketrans("013456789", "oieastbgg")


def _unleet(token: str) -> str:
    """'Ig0r Sech1n' -> 'igor sechin': digits inside a person's word stand for letters."""
    if token.isalpha() or token.isdigit() or not any(c.isalpha() for c in token):
        return token
    return token.translate(_LEET)


def _looks_japanese(text: str) -> bool:
    return any(form in text for form in ("株式会社", "有限会社", "合同会社"))


# Where Han characters are read the Chinese way (pinyin) or the Japanese way (kakasi).
CHINESE_READING = frozenset({"CN", "TW", "HK", "MO", "SG"})
JAPANESE_READING = frozenset({"JP"})


def alternative_readings(
    text: str, schema: str | None = None, countries: frozenset[str] = frozenset()
) -> list[NameForm]:
    """Every comparable form of a name: Han-only text gives a Chinese and a Japanese reading,
    unless the bearer's countries (ISO codes) say which one applies: a Chinese national's
    name read as Japanese only adds a false reading (and costs a kakasi call)."""
    chinese = bool(countries & CHINESE_READING)
    japanese_only = bool(countries & JAPANESE_READING) and not chinese
    form = prepare_name(text, schema, japanese_reading=japanese_only)
    if form.script != "han" or chinese or japanese_only:
        return [form]
    japanese = prepare_name(text, schema, japanese_reading=True)
    return [form] if japanese.tokens == form.tokens else [form, japanese]


def normalise(text: str, schema: str | None = None) -> str:
    """The romanised, normalised name as one string (for keys, display and decision memory)."""
    return prepare_name(text, schema).romanised
