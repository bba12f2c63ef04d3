"""What the matcher compares: a party or a list entry reduced to comparable facts.

Both sides of a comparison are a `MatchRecord`: the prepared forms of every name (primary,
aliases, original script), the kind (person / organisation / vessel), countries, years of
birth or incorporation and identifiers. Records are plain frozen data, so an index of them
pickles into a multiprocessing pool and no database is needed to score.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache
from typing import Any

from screener.matching.arabic_script import arabic_reading
from screener.matching.hebrew import hebrew_reading
from screener.matching.katakana import KANA_READING, katakana_words, reading_words
from screener.matching.korean import KOREAN_READING, korean_readings, name_parts
from screener.matching.wade_giles import WADE_GILES, wade_giles_reading
from screener.names import (
    PERSON,
    NameForm,
    alternative_readings,
    load_rules,
    prepare_name,
    schema_kind,
)

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")
MIN_IDENTIFIER_LENGTH = 5


@dataclass(frozen=True, slots=True)
class MatchRecord:
    names: tuple[NameForm, ...]
    kind: str | None = None
    countries: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    identifiers: frozenset[tuple[str, str]] = frozenset()
    weak_names: frozenset[str] = frozenset()  # originals of names the list marks weak/low quality
    schema: str | None = None  # the stated kind (person, company, ...): see matching/schemas.py
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


def make_record(
    names: Iterable[str],
    schema: str | None = None,
    *,
    countries: Iterable[str] = (),
    dates: Iterable[str] = (),
    identifiers: Iterable[tuple[str, str]] = (),
    weak_names: Iterable[str] = (),
) -> MatchRecord:
    """A record from raw values as parties and publishers write them; blanks are skipped.

    `weak_names` are also compared, but flagged: a match on one of them is lowered.
    """
    seen: dict[tuple[str, ...], NameForm] = {}
    weak = [w for w in weak_names if w and w.strip()] if weak_names else []
    codes = frozenset(c for c in (country_code(x) for x in countries) if c) if countries else _NONE
    for name in [*names, *weak] if weak else names:
        if name and name.strip():
            for form in _readings(name, schema, codes):
                if form.tokens:
                    seen.setdefault(form.tokens + form.original_tokens, form)
    if weak:
        strong = {unicodedata.normalize("NFKC", n).strip() for n in names if n}
        weak_set = frozenset(
            n for n in (unicodedata.normalize("NFKC", w).strip() for w in weak) if n not in strong
        )
    else:
        weak_set = _NONE
    return new_record(
        tuple(seen.values()),
        schema_kind(schema),
        codes,
        frozenset(y for d in dates if d for y in years_in(d)) if dates else _NONE_INT,
        frozenset(normalise_identifiers(identifiers)) if identifiers else _NONE,
        weak_set,
        schema or None,
    )


_NONE: frozenset[Any] = frozenset()
_NONE_INT: frozenset[int] = frozenset()


def slot_setters(cls: type, expected: tuple[str, ...]) -> tuple[Any, ...] | None:
    """The setters of a slotted frozen dataclass's fields, in order; None if its fields are
    not `expected` or it has code to run when made (then its own `__init__` must make it).

    A frozen dataclass's `__init__` sets every field through `object.__setattr__` by name;
    a record (and a kept index's names and entries) is made for every name a file or list
    holds, and the slots' own setters make the same object in a third of the time
    (tests/unit/matching/test_records.py and test_index_store.py compare both ways)."""
    if tuple(f.name for f in fields(cls)) != expected or hasattr(cls, "__post_init__"):
        return None
    return tuple(cls.__dict__[name].__set__ for name in expected)


_NEW = object.__new__
_RECORD_SLOTS = slot_setters(
    MatchRecord,
    ("names", "kind", "countries", "years", "identifiers", "weak_names", "schema", "data"),
)
RecordFacts = tuple[
    str | None,
    frozenset[str],
    frozenset[int],
    frozenset[tuple[str, str]],
    frozenset[str],
    str | None,
]


def new_record(
    names: tuple[NameForm, ...],
    kind: str | None,
    countries: frozenset[str],
    years: frozenset[int],
    identifiers: frozenset[tuple[str, str]],
    weak_names: frozenset[str],
    schema: str | None,
    data: dict[str, object] | None = None,
) -> MatchRecord:
    """`MatchRecord(...)` made through its slots (see `slot_setters`); data empty unless given."""
    data = {} if data is None else data
    if _RECORD_SLOTS is None:
        return MatchRecord(names, kind, countries, years, identifiers, weak_names, schema, data)
    s0, s1, s2, s3, s4, s5, s6, s7 = _RECORD_SLOTS
    made = _NEW(MatchRecord)
    s0(made, names)
    s1(made, kind)
    s2(made, countries)
    s3(made, years)
    s4(made, identifiers)
    s5(made, weak_names)
    s6(made, schema)
    s7(made, data)
    return made  # type: ignore[no-any-return]


# The facts beside the kind that a record may hold, as bits: a kept index keeps each
# entry's (index_store), and a search asks for those its score reads (algorithm.facts_read).
WEAK_NAMES, COUNTRIES, YEARS, IDENTIFIERS = 1, 2, 4, 8


def facts_held(record: MatchRecord) -> int:
    """Which of weak names, countries, years and identifiers `record` has (bits)."""
    return (
        (WEAK_NAMES if record.weak_names else 0)
        | (COUNTRIES if record.countries else 0)
        | (YEARS if record.years else 0)
        | (IDENTIFIERS if record.identifiers else 0)
    )


def record_facts(record: MatchRecord) -> RecordFacts:
    """What a record brings to a score beside its names (kind ... schema), as `new_record`
    takes them: candidates with equal facts and the same names score the same."""
    return (
        record.kind,
        record.countries,
        record.years,
        record.identifiers,
        record.weak_names,
        record.schema,
    )


@lru_cache(maxsize=100_000)
def _readings(name: str, schema: str | None, countries: frozenset[str]) -> tuple[NameForm, ...]:
    """Lists repeat names (the CSL carries the SDN): prepare each (name, schema) once.

    A person's name (or an unknown kind's) in pinyin also gets its Wade-Giles reading
    (`wade_giles`), so 'Mao Tse-tung' meets 'Mao Zedong'; a Hebrew name its
    reading without the marks a transliteration misreads (`hebrew`), an Arabic-script name
    likewise (`arabic_script`); a person's name in Hangul its readings as the lists write
    Korean names (`korean`); a name in katakana (a foreign name as Japanese writes it) the
    sound of each word (`katakana`)."""
    forms = alternative_readings(name, schema, countries)
    if forms and forms[0].script in _VOWEL_LETTER_READINGS:
        spelt = _VOWEL_LETTER_READINGS[forms[0].script](name)
        if spelt is not None:
            forms.append(replace(prepare_name(spelt, schema), original=forms[0].original))
    if schema_kind(schema) in _PERSON_OR_UNKNOWN:
        for form in list(forms):
            if form.script == "latin":
                reading = wade_giles_reading(form.tokens)
                if reading is not None:
                    read = prepare_name(" ".join(reading), schema)
                    forms.append(replace(read, original=form.original, script=WADE_GILES))
        if forms and forms[0].script == "hangul":
            for words in korean_readings(name_parts(forms[0].original)):
                read = prepare_name(" ".join(words), schema)
                forms.append(replace(read, original=forms[0].original, script=KOREAN_READING))
    if forms and forms[0].script == "kana" and (katakana := katakana_words(name)):
        read = prepare_name(" ".join(reading_words(katakana)), schema)
        if read.tokens:
            legal = forms[0].legal_forms | read.legal_forms  # 株式会社 is the name's legal form
            read = replace(read, original=forms[0].original, script=KANA_READING)
            forms.append(replace(read, legal_forms=legal))
    return tuple(forms)


_PERSON_OR_UNKNOWN = frozenset({PERSON, None})
# Scripts whose vowel letters a transliteration misreads: the reading that sets them right.
_VOWEL_LETTER_READINGS = {"hebrew": hebrew_reading, "arabic": arabic_reading}


def years_in(value: str) -> list[int]:
    """Every year written in a date as published ('1960/1962', 'circa 1965', '1965-06-29')."""
    return [int(y) for y in _YEAR.findall(value)]


def normalise_identifiers(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(type, VALUE) with punctuation and case removed; short values say too little."""
    out = []
    for id_type, value in pairs:
        kind = (id_type or "").strip().lower()
        clean = _NOT_ALNUM.sub("", str(value)).upper()
        label = _NOT_ALNUM.sub("", kind).upper()
        if label and clean.startswith(label) and len(clean) > len(label):
            clean = clean[len(label) :]  # 'IMO 9876543' -> '9876543'
        if len(clean) >= MIN_IDENTIFIER_LENGTH:
            out.append((kind, clean))
    return out


@cache
def country_code(value: str) -> str | None:
    """ISO 3166 alpha-2 from a code (2 or 3 letters) or an English or native country name."""
    import pycountry

    text = (value or "").strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper()
    if len(text) == 3 and text.isalpha():
        found = pycountry.countries.get(alpha_3=text.upper())
        if found is not None:
            return str(found.alpha_2)
    tokens = tuple(prepare_name(text, "organization").tokens)
    code = load_rules().countries.get(tokens)
    if code:
        return code
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None
