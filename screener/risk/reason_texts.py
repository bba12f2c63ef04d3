"""The sentences the excepted-investor test writes, in English and Japanese, kept as data.

The test's reasons are stored in a hit's facts as the English sentences a reviewer reads in
the audit trail and in cases screened before this table existed. A Japanese memo or Risk tab
reads each stored sentence back against its English template and prints the Japanese one
with the same names, countries and figures; a sentence no template matches is printed as
stored. One table writes and reads, so a sentence cannot be written in a shape the reader
does not know. Japanese templates take the fields as already formatted (no format specs).
"""

from __future__ import annotations

import re
import string
from functools import cache

REASONS: dict[str, tuple[str, str]] = {
    "party_missing": ("{key}: party not described in the case", "{key}: 案件に当事者の記載なし"),
    "acquirer_missing": (
        "the acquirer is not described in the case",
        "取得者が案件に記載されていない",
    ),
    "parent_missing": ("{key}: parent not described in the case", "{key}: 親会社の記載なし"),
    "recorded_not_excepted": (
        "{name}: recorded as not an excepted investor",
        "{name}: 適用除外投資家に該当しないと記録",
    ),
    "recorded_excepted": (
        "{name}: recorded as an excepted investor; no fact against it",
        "{name}: 適用除外投資家と記録; これに反する事実なし",
    ),
    "flagged_but_facts_fail": (
        "{name}: flagged as excepted but the recorded facts fail",
        "{name}: 適用除外と記録されているが、記録された事実が要件を満たさない",
    ),
    "violations_unplaced": (
        "violations are recorded for the deal ({violations}): whether one falls in the five "
        "years before completion ({citation}) is not recorded",
        "本件に違反の記録あり ({violations}): 完了前5年以内 ({citation}) に当たるかは記録なし",
    ),
    "government_state_missing": (
        "{name}: which state's government is not recorded",
        "{name}: どの国の政府か記録なし",
    ),
    "government_not_excepted": (
        "{name}: government of {state} (not an excepted foreign state) (a)(2)",
        "{name}: {state} の政府 (適用除外外国ではない) (a)(2)",
    ),
    "nationality_missing": (
        "{name}: nationality not recorded {paragraph}",
        "{name}: 国籍の記録なし {paragraph}",
    ),
    "national_not_excepted": (
        "{name}: national of {nationality} (not an excepted foreign state) {paragraph}",
        "{name}: {nationality} の国民 (適用除外外国ではない) {paragraph}",
    ),
    "incorporation_missing": (
        "{name}: country of incorporation not recorded (a)(3)(i)",
        "{name}: 設立国の記録なし (a)(3)(i)",
    ),
    "organised_outside": (
        "{name}: organised in {state} (not an excepted state) (a)(3)(i)",
        "{name}: {state} で設立 (適用除外国ではない) (a)(3)(i)",
    ),
    "head_office_missing": (
        "{name}: principal place of business not recorded (a)(3)(ii)",
        "{name}: 主たる事業所の所在国の記録なし (a)(3)(ii)",
    ),
    "head_office_outside": (
        "{name}: principal place of business in {state} (not an excepted state) (a)(3)(ii)",
        "{name}: 主たる事業所が {state} に所在 (適用除外国ではない) (a)(3)(ii)",
    ),
    "state_owned_outside": (
        "{name}: owned by the state of {state} (not an excepted state) (a)(3)(iv)",
        "{name}: {state} の国が所有 (適用除外国ではない) (a)(3)(iv)",
    ),
    "board_missing": (
        "{name}: nationality of board members and observers not recorded (a)(3)(iii): "
        "{pct:g} % must be US or excepted-state nationals",
        "{name}: 取締役及びオブザーバーの国籍の記録なし (a)(3)(iii): "
        "{pct} % が米国又は適用除外国の国民である必要あり",
    ),
    "holder_fails": (
        "{name}: {holder} holds {votes:g} % and is not an excepted-state or US person (a)(3)(iv)",
        "{name}: {holder} が {votes} % を保有し、適用除外国又は米国の者ではない (a)(3)(iv)",
    ),
    "holder_unknown": (
        "{name}: whether {holder} ({votes:g} %) is an excepted-state or US person is not "
        "recorded (a)(3)(iv)",
        "{name}: {holder} ({votes} %) が適用除外国又は米国の者かは記録なし (a)(3)(iv)",
    ),
    "minimum_fails": (
        "{name}: {failing:g} % of the votes are held by persons who do not qualify; minimum "
        "excepted ownership is {minimum:g} % (a)(3)(v) and 800.233",
        "{name}: 議決権の {failing} % を要件を満たさない者が保有; 最低適用除外保有割合は "
        "{minimum} % (a)(3)(v) 及び 800.233",
    ),
    "minimum_unknown": (
        "{name}: qualifying owners recorded hold {qualifying:g} % of the votes; minimum "
        "excepted ownership is {minimum:g} % (a)(3)(v) and 800.233",
        "{name}: 記録された適格保有者の議決権は {qualifying} %; 最低適用除外保有割合は "
        "{minimum} % (a)(3)(v) 及び 800.233",
    ),
}


def reason(code: str, **fields: object) -> str:
    """The English sentence for `code` with its fields, as the hit stores it."""
    return REASONS[code][0].format(**fields)


def in_language(text: str, lang: str) -> str:
    """A stored English sentence in `lang`; a sentence no template matches, as stored."""
    if lang != "ja":
        return text
    for pattern, japanese in _readers():
        found = pattern.fullmatch(text)
        if found:
            return japanese.format(**found.groupdict())
    return text


def fields_of(template: str) -> list[str]:
    """The field names of a template, in order ('{votes:g} %' -> ['votes'])."""
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


_FIGURE = r"-?[0-9][0-9.e+-]*"


@cache
def _readers() -> list[tuple[re.Pattern[str], str]]:
    """Each English template as a pattern, the longest fixed text first (the most specific)."""
    readers = []
    for english, japanese in REASONS.values():
        parts = []
        for literal, field, spec, _ in string.Formatter().parse(english):
            parts.append(re.escape(literal))
            if field:  # a figure is digits, so a name with ': ' in it still splits right
                parts.append(f"(?P<{field}>{_FIGURE if spec else '.+?'})")
        fixed = sum(len(literal) for literal, *_ in string.Formatter().parse(english))
        readers.append((fixed, re.compile("".join(parts), re.DOTALL), japanese))
    readers.sort(key=lambda reader: -reader[0])
    return [(pattern, japanese) for _, pattern, japanese in readers]
