"""EU sanctions from OpenSanctions' transcription of Official Journal annexes (CSV).

The EU Financial Sanctions Files were not obtainable for this project (see eu_fsf.py for
that format); these CSVs transcribe the annexes of Council Regulations 269/2014 and
833/2014 with one row per listed subject. `recordId` is the number in the annex, so an
entry is keyed `celex/annex/recordId` (the same number appears in several annexes); the
few rows without a number are keyed by name within their annex. Dates are `d.m.yyyy`
without padding; multi-valued cells are joined with '; '; aliases often carry the
original-script form in parentheses, which we keep as a name in original script.
"""

from __future__ import annotations

import re
from pathlib import Path

from screener.lists.base import (
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedList,
    ParsedName,
)
from screener.lists.countries import country_code, country_codes
from screener.lists.reading import csv_rows, head_text
from screener.lists.scripts import is_non_latin, script_of

REQUIRED_COLUMNS = ("celex", "recordId", "programKey", "annex", "schema", "name")
ENTITY_TYPES = {
    "Person": "person",
    # the annexes list natural persons and "legal persons, entities and bodies" apart, so a
    # LegalEntity row here is stated to be an entity (in OpenSanctions' own FtM data the same
    # word means "not said": screener.lists.ftm)
    "LegalEntity": "organization",
    "Company": "organization",
    "Organization": "organization",
    "PublicBody": "organization",
    "Asset": "organization",  # ports and facilities under transport bans (833/2014 XLVII)
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
IDENTIFIER_COLUMNS = {
    "passportNumber": ("passport", None),
    "registrationNumber": ("registration", None),
    "taxNumber": ("tax_id", None),
    "idNumber": ("national_id", None),
    "innCode": ("tax_id", "INN"),
    "ogrnCode": ("registration", "OGRN"),
    "kppCode": ("registration", "KPP"),
    "okpoCode": ("registration", "OKPO"),
    "leiCode": ("lei", None),
    "swiftBic": ("swift", None),
    "imoNumber": ("imo", None),
    "mmsi": ("mmsi", None),
}
EXTRA_COLUMNS = (
    "measure",
    "birthPlace",
    "position",
    "gender",
    "legalForm",
    "sector",
    "phone",
    "email",
    "website",
    "flag",
    "ticker",
    "fatherName",
    "motherName",
)
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DMY_ANYWHERE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.\s?(\d{4})\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}
_MONTH_YEAR = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_MONTH_CHOICE = re.compile(r"[a-z]+\s*/\s*[a-z]+\s+\d{4}", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ORIGINAL_IN_PARENS = re.compile(r"^(?P<latin>[^()]+?)\s*\((?P<original>[^()]+)\)$")
# What the transcription writes where the Journal prints a name as an image, and the
# language it says the name is in ("Korean:", "Chinese: AEE", "Russian, Общество ...").
_LABELS_ALONE = frozenset({"text of image"})
_LANGUAGE_LABEL = re.compile(
    r"^(?:arabic|armenian|belarusian|chinese|farsi|georgian|hebrew|japanese|korean|persian"
    r"|russian|ukrainian)\b(?P<colon>\s*:)?[\s,]*",
    re.IGNORECASE,
)


class EUJournalAnnexParser:
    format_name = "eu-oj-csv"

    def detect(self, path: Path) -> bool:
        files = _csv_files(path)
        return bool(files) and all(_looks_like_annex_csv(f) for f in files)

    def parse(self, path: Path) -> ParsedList:
        files = _csv_files(path)
        if not files:
            raise ListFormatError(path, "folder", "file", "no annex CSV file found")
        entries: list[ParsedEntry] = []
        for file in files:
            entries.extend(_parse_file(file))
        name = (
            "EU-OJ"
            if path.is_dir()
            else f"EU-OJ-{entries[0].data['celex']}"
            if entries
            else "EU-OJ"
        )
        return ParsedList(
            source_name=name,
            format=self.format_name,
            publisher="Council of the European Union (OJ annexes, transcribed by OpenSanctions)",
            files=files,
            entries=entries,
            publisher_date=None,  # the transcription carries no date of its own
            regime="eu",
        )


def _csv_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
    return [path] if path.is_file() else []


def _looks_like_annex_csv(path: Path) -> bool:
    first_line = head_text(path).splitlines()[:1]
    return bool(first_line) and all(col in first_line[0].split(",") for col in REQUIRED_COLUMNS)


def _parse_file(path: Path) -> list[ParsedEntry]:
    rows = csv_rows(path)
    _, header = next(rows, (1, []))
    columns = [c.strip() for c in header]
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise ListFormatError(path, "line 1 (header)", column, "column missing")
    entries: dict[str, ParsedEntry] = {}
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            raise ListFormatError(
                path,
                f"line {line}",
                columns[min(len(cells), len(columns)) - 1],
                f"{len(cells)} cells where the header has {len(columns)} (truncated row?)",
            )
        row = {col: cell.strip() for col, cell in zip(columns, cells, strict=True)}
        entry = _entry(path, line, row)
        if entry.entry_key in entries:
            raise ListFormatError(path, f"line {line}", "recordId", f"{entry.entry_key} repeated")
        entries[entry.entry_key] = entry
    return list(entries.values())


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _iso_date(text: str) -> str:
    """'17.3.2014' -> '2014-03-17'; anything else ('1965', 'circa 1960') as published."""
    match = _DMY.match(text.strip())
    if not match:
        return text.strip()
    day, month, year = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _entry(path: Path, line: int, row: dict[str, str]) -> ParsedEntry:
    entity_type = ENTITY_TYPES.get(row["schema"])
    if entity_type is None:
        raise ListFormatError(path, f"line {line}", "schema", f"unknown value {row['schema']!r}")
    if not row["name"]:
        raise ListFormatError(path, f"line {line}", "name", "empty")
    record = row["recordId"] or f"name:{row['name']}"
    nationalities = [
        n.strip() for part in _split(row.get("nationality", "")) for n in part.split(",")
    ]
    places = nationalities + _split(row.get("country", "")) + _split(row.get("jurisdiction", ""))
    return ParsedEntry(
        entry_key=f"{row['celex']}/{row['annex']}/{record}",
        entity_type=entity_type,
        primary_name=row["name"],
        list_name=f"{row['celex']} Annex {row['annex']}",
        names=_names(row),
        identifiers=_identifiers(row),
        addresses=[_address(a) for a in _split(row.get("address", ""))],
        dates=_dates(row),
        programs=[row["programKey"]] if row["programKey"] else [],
        countries=country_codes(places),
        remarks="\n".join(v for v in (row.get("reason", ""), row.get("notes", "")) if v),
        listed_on=_iso_date(row["startDate"]) if row.get("startDate") else None,
        data=_extra(row),
    )


def _names(row: dict[str, str]) -> list[ParsedName]:
    names = [ParsedName(row["name"], script=script_of(row["name"]))]
    for column, kind, strength in (
        ("alias", "aka", "strong"),
        ("weakAlias", "aka", "weak"),
        ("previousName", "fka", "strong"),
    ):
        for alias in _split(row.get(column, "")):
            names.extend(_alias_names(alias, kind, strength))
    unique: dict[tuple[str, str], ParsedName] = {}
    for name in names:
        unique.setdefault((name.name, name.kind), name)
    return list(unique.values())


def _alias_names(alias: str, kind: str, strength: str) -> list[ParsedName]:
    """'Sergei AKSENOV (Сергей АКСЁНОВ)' is two names: the Latin one and the original.

    The transcription copies the annex's labels into the aliases: "Korean:; Text of image;
    김영복" for a name the Journal prints as an image, "Chinese: AEE", "Russian Никита
    Юрьевич АНИСИМОВ". A label is no name of the person (32 entries had the alias "Text
    of image", shown in the memo and matched like any other): it goes, and the name it
    labels stays. A language's name before a name in Latin letters is part of that name
    (Russian Technologies)."""
    alias = _without_label(alias)
    if not alias:
        return []
    match = _ORIGINAL_IN_PARENS.match(alias)
    if match and is_non_latin(match.group("original")) and not is_non_latin(match.group("latin")):
        latin, original = match.group("latin"), match.group("original")
        return [
            ParsedName(latin, kind, strength, script_of(latin)),
            ParsedName(original, kind, strength, script_of(original), is_original_script=True),
        ]
    return [
        ParsedName(alias, kind, strength, script_of(alias), is_original_script=is_non_latin(alias))
    ]


def _without_label(alias: str) -> str:
    """The alias without the transcription's label ("" when it is only a label)."""
    if alias.casefold() in _LABELS_ALONE:
        return ""
    match = _LANGUAGE_LABEL.match(alias)
    if match is None:
        return alias
    rest = alias[match.end() :].strip()
    if match.group("colon") or (rest and is_non_latin(rest)):
        return rest
    return alias


def _identifiers(row: dict[str, str]) -> list[ParsedIdentifier]:
    found = []
    for column, (id_type, note) in IDENTIFIER_COLUMNS.items():
        for value in _split(row.get(column, "")):
            found.append(ParsedIdentifier(id_type, value, note=note))
    return found


def _address(text: str) -> ParsedAddress:
    last = text.rsplit(",", 1)[-1].strip()
    return ParsedAddress(full=text, country=country_code(last))


def _dates(row: dict[str, str]) -> list[ParsedDate]:
    dates: list[ParsedDate] = []
    for column, kind in (("birthDate", "birth"), ("incorporationDate", "incorporation")):
        for part in _split(row.get(column, "")):
            dates.extend(ParsedDate(kind, value) for value in _published_dates(part))
    return dates


def _published_dates(text: str) -> list[str]:
    """Every date in a cell such as '10.2.1983 (or 10.3.1983)' or 'March 1978'.

    Full dates become ISO; a month and year 'yyyy-mm'; a lone year stays a year. Cells
    with no year at all ('28 September', 'N/D') give nothing rather than a guess.
    """
    full = _DMY_ANYWHERE.findall(text)
    if full:
        return [f"{int(y):04d}-{int(m):02d}-{int(d):02d}" for d, m, y in full]
    month_year = _MONTH_YEAR.findall(text)
    if month_year and not _MONTH_CHOICE.search(text):  # 'March/April 1965' is only a year
        return [f"{int(y):04d}-{_MONTHS[m.lower()]:02d}" for m, y in month_year]
    return _YEAR.findall(text)


def _extra(row: dict[str, str]) -> dict[str, object]:
    extra: dict[str, object] = {"celex": row["celex"], "annex": row["annex"]}
    if row.get("recordId"):
        extra["record_id"] = row["recordId"]
    if row.get("nationality"):
        extra["nationality"] = row["nationality"]
    for column in EXTRA_COLUMNS:
        if row.get(column):
            extra[column] = row[column]
    extra["schema"] = row["schema"]
    return extra


PARSER = EUJournalAnnexParser()
