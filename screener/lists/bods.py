"""Beneficial Ownership Data Standard (BODS) 0.2, 0.3 and 0.4 statements (JSON).

Entity and person statements become entries; relationship (0.4) or ownershipOrControl
(0.2/0.3) statements become links from the subject entity to its interested party, one per
interest: shareholding -> `ownership`, votingRights -> `voting`, anything else ->
`control`, prefixed `indirect_` when the interest is held indirectly (so a chain walk does
not count it twice) and `former_` when it has ended. Shares keep the publisher's precision:
an exact value, or a range with its bounds (exclusive bounds are noted in source_text).

0.4 publishes a record's history as several statements with one recordId: the latest
statement wins and a record whose latest status is `closed` is left out. 0.2/0.3 use
`replacesStatements` instead. Entities with an LEI are keyed by it, so a GLEIF-derived BODS
file and the GLEIF files themselves name the same company the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener import safe_json
from screener.lists.base import (
    ListFormatError,
    ParsedAddress,
    ParsedDate,
    ParsedEntry,
    ParsedIdentifier,
    ParsedLink,
    ParsedList,
    ParsedName,
)
from screener.lists.countries import country_code
from screener.lists.json_publication import JsonPublication
from screener.lists.reading import head_text, read_text
from screener.lists.scripts import is_non_latin, script_of

_KINDS_02 = {
    "entityStatement": "entity",
    "personStatement": "person",
    "ownershipOrControlStatement": "relationship",
}
_RELATIONS = {"shareholding": "ownership", "votingRights": "voting"}


@dataclass
class _Statement:
    file: Path
    index: int  # position in the file, 1-based
    kind: str  # entity | person | relationship
    record_id: str
    status: str
    date: str
    details: dict[str, Any]
    raw: dict[str, Any]

    @property
    def where(self) -> str:
        return f"statement #{self.index} ({self.raw.get('statementId') or self.raw.get('statementID')})"


class BODSParser:
    format_name = "bods-json"

    def detect(self, path: Path) -> bool:
        return _PUBLICATION.claims(path)

    def parse(self, path: Path) -> ParsedList:
        files = _PUBLICATION.files_to_parse(path)
        statements = [s for f in files for s in _read_statements(f)]
        current = _current_records(statements)
        keys = {s.record_id: _entry_key(s) for s in current if s.kind != "relationship"}
        entries = [_entry(s, keys[s.record_id]) for s in current if s.kind != "relationship"]
        links = [link for s in current if s.kind == "relationship" for link in _links(s, keys)]
        publishers = Counter(_publisher(s.raw) for s in statements)
        dates = [s.raw.get("publicationDetails", {}).get("publicationDate", "") for s in statements]
        publisher = publishers.most_common(1)[0][0] if publishers else ""
        return ParsedList(
            source_name=f"BODS: {publisher}" if len(publishers) == 1 else f"BODS: {path.stem}",
            format=self.format_name,
            publisher=publisher,
            files=files,
            entries=entries,
            links=links,
            publisher_date=max(dates, default="") or None,
            regime="other",
        )


def _looks_like_bods(path: Path) -> bool:
    head = head_text(path, 8192)
    return head.lstrip().startswith(("[", "{")) and (
        '"bodsVersion"' in head or '"statementType"' in head or '"recordType"' in head
    )


_PUBLICATION = JsonPublication("BODS JSON", (".json",), _looks_like_bods)


def _publisher(raw: dict[str, Any]) -> str:
    publisher = raw.get("publicationDetails", {}).get("publisher", {})
    return str(publisher.get("name", "")) if isinstance(publisher, dict) else ""


def _read_statements(path: Path) -> list[_Statement]:
    text = read_text(path)
    try:
        data = safe_json.loads(text, str(path))
    except safe_json.JsonError as exc:
        where = f"line {exc.line}, column {exc.column}" if exc.line else "document"
        raise ListFormatError(path, where, "json", exc.message) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ListFormatError(path, "document", "statements", "expected a JSON array of statements")
    return [_statement(path, i, raw) for i, raw in enumerate(data, start=1)]


def _statement(path: Path, index: int, raw: Any) -> _Statement:
    if not isinstance(raw, dict):
        raise ListFormatError(path, f"statement #{index}", "statement", "not a JSON object")
    if "recordType" in raw:  # BODS 0.4
        kind = raw["recordType"]
        record_id = raw.get("recordId", "")
        details = raw.get("recordDetails")
        status = raw.get("recordStatus", "new")
        field = "recordId"
    else:  # BODS 0.2 / 0.3
        kind = _KINDS_02.get(raw.get("statementType", ""), "")
        record_id = raw.get("statementID") or raw.get("statementId") or ""
        details = raw
        status = "new"
        field = "statementID"
    if kind not in ("entity", "person", "relationship"):
        raise ListFormatError(
            path, f"statement #{index}", "recordType/statementType", "unknown or missing"
        )
    if not record_id:
        raise ListFormatError(path, f"statement #{index}", field, "missing")
    if not isinstance(details, dict):
        raise ListFormatError(
            path, f"statement #{index}", "recordDetails", "missing or not an object"
        )
    return _Statement(
        path, index, kind, record_id, status, str(raw.get("statementDate", "")), details, raw
    )


def _current_records(statements: list[_Statement]) -> list[_Statement]:
    """The latest statement of each record, without replaced (0.2/0.3) or closed (0.4) ones."""
    replaced = {r for s in statements for r in s.raw.get("replacesStatements", [])}
    latest: dict[str, _Statement] = {}
    for statement in statements:
        if statement.record_id in replaced:
            continue
        previous = latest.get(statement.record_id)
        if previous is None or statement.date >= previous.date:
            latest[statement.record_id] = statement
    return [s for s in latest.values() if s.status != "closed"]


def _entry_key(statement: _Statement) -> str:
    for identifier in statement.details.get("identifiers", []) or []:
        if identifier.get("scheme") == "XI-LEI" and identifier.get("id"):
            return str(identifier["id"])
    return statement.record_id


def _entry(statement: _Statement, key: str) -> ParsedEntry:
    details = statement.details
    names = _person_names(details) if statement.kind == "person" else _entity_names(details)
    if not names:
        names = [ParsedName(f"(unnamed {details.get('personType') or 'entity'})", strength="weak")]
    countries = [
        c
        for c in [_code(details.get("jurisdiction") or details.get("incorporatedInJurisdiction"))]
        + [_code(n) for n in details.get("nationalities", []) or []]
        + [_code(a.get("country")) for a in details.get("addresses", []) or []]
        if c
    ]
    return ParsedEntry(
        entry_key=key,
        entity_type="person" if statement.kind == "person" else "organization",
        primary_name=names[0].name,
        list_name=statement.file.stem,
        names=names,
        identifiers=_identifiers(details),
        addresses=_addresses(details),
        dates=_dates(details),
        countries=list(dict.fromkeys(countries)),
        data=_extra(statement),
    )


def _entity_names(details: dict[str, Any]) -> list[ParsedName]:
    values = [details.get("name", "")] + list(details.get("alternateNames", []) or [])
    return _to_names([str(v) for v in values if v])


def _person_names(details: dict[str, Any]) -> list[ParsedName]:
    values = []
    for name in details.get("names", []) or []:
        full = name.get("fullName") or " ".join(
            p
            for p in (name.get("givenName"), name.get("patronymicName"), name.get("familyName"))
            if p
        )
        if full:
            values.append(str(full))
    return _to_names(values)


def _to_names(values: list[str]) -> list[ParsedName]:
    unique = list(dict.fromkeys(" ".join(v.split()) for v in values if v.strip()))
    return [
        ParsedName(v, "primary" if i == 0 else "aka", "strong", script_of(v), is_non_latin(v))
        for i, v in enumerate(unique)
    ]


def _code(value: Any) -> str | None:
    """A country from '{"name":..., "code":"US-DE"}', 'GB' or 'United Kingdom'."""
    if isinstance(value, dict):
        code = str(value.get("code") or "")
        return (
            code[:2].upper()
            if len(code) >= 2 and code[:2].isalpha()
            else country_code(value.get("name"))
        )
    return country_code(str(value)) if value else None


def _identifiers(details: dict[str, Any]) -> list[ParsedIdentifier]:
    found = []
    for identifier in details.get("identifiers", []) or []:
        value = str(identifier.get("id") or "").strip()
        if not value:
            continue
        scheme = identifier.get("scheme") or ""
        id_type = "lei" if scheme == "XI-LEI" else "registration"
        note = " / ".join(v for v in (scheme, identifier.get("schemeName") or "") if v)
        found.append(ParsedIdentifier(id_type, value, note=note or None))
    return found


def _addresses(details: dict[str, Any]) -> list[ParsedAddress]:
    found = []
    for address in details.get("addresses", []) or []:
        text = str(address.get("address") or "").strip()
        postcode = address.get("postCode")
        full = ", ".join(p for p in (text, postcode) if p)
        if full:
            found.append(ParsedAddress(full, country=_code(address.get("country"))))
    return found


def _day(value: Any) -> str:
    """'2012-11-29T00:00:00.000Z' -> '2012-11-29'; partial dates ('1956-05') unchanged."""
    text = str(value or "")
    return text[:10] if "T00:00:00" in text else text


def _dates(details: dict[str, Any]) -> list[ParsedDate]:
    dates = []
    if details.get("birthDate"):
        dates.append(ParsedDate("birth", _day(details["birthDate"])))
    if details.get("foundingDate"):
        dates.append(ParsedDate("incorporation", _day(details["foundingDate"])))
    return dates


def _extra(statement: _Statement) -> dict[str, object]:
    details = statement.details
    version = statement.raw.get("publicationDetails", {}).get("bodsVersion", "")
    extra: dict[str, object] = {
        "bods_version": version,
        "statement_id": statement.raw.get("statementId") or statement.raw.get("statementID"),
        "statement_date": statement.date,
        "record_status": statement.status,
    }
    entity_type = details.get("entityType")
    if isinstance(entity_type, dict):
        entity_type = entity_type.get("type")
    for key, value in (
        ("entity_type", entity_type),
        ("person_type", details.get("personType")),
        ("public_listing", details.get("publicListing")),
        ("political_exposure", details.get("politicalExposure")),
        ("death_date", details.get("deathDate")),
    ):
        if value:
            extra[key] = value
    return extra


def _links(statement: _Statement, keys: dict[str, str]) -> list[ParsedLink]:
    details = statement.details
    subject = _party_ref(details.get("subject"))
    if not subject:
        raise ListFormatError(statement.file, statement.where, "subject", "missing")
    party = _party_ref(details.get("interestedParty"))
    unspecified = _unspecified(details.get("interestedParty"))
    interests = details.get("interests") or [{}]
    return [
        _link(
            keys.get(subject, subject),
            keys.get(party, party) if party else None,
            unspecified,
            i,
            statement,
        )
        for i in interests
    ]


def _party_ref(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        for key in ("describedByEntityStatement", "describedByPersonStatement"):
            if value.get(key):
                return str(value[key])
    return None


def _unspecified(value: Any) -> str | None:
    if isinstance(value, dict) and "unspecified" in value:
        unspecified = value["unspecified"] or {}
        return f"unspecified: {unspecified.get('reason', '')} {unspecified.get('description', '')}".strip()
    return None


def _link(
    subject: str,
    party: str | None,
    unspecified: str | None,
    interest: dict[str, Any],
    statement: _Statement,
) -> ParsedLink:
    relation = _RELATIONS.get(interest.get("type", ""), "control")
    level = interest.get("directOrIndirect") or interest.get("interestLevel") or ""
    if level == "indirect":
        relation = f"indirect_{relation}"
    if interest.get("endDate"):
        relation = f"former_{relation}"
    share = interest.get("share") or {}
    exact, low, high = _share(statement, share)
    return ParsedLink(
        subject_key=subject,
        relation=relation,
        object_key=party,
        object_name=unspecified,
        percentage=exact,
        percentage_min=low,
        percentage_max=high,
        source_text=_describe(interest, statement),
    )


def _share(
    statement: _Statement, share: dict[str, Any]
) -> tuple[float | None, float | None, float | None]:
    """(exact, low, high). In 0.2/0.3 exclusiveMinimum/Maximum are booleans qualifying
    minimum/maximum; in 0.4 they are the bounds themselves."""
    values: dict[str, float | None] = {}
    for key in ("exact", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        raw = share.get(key)
        if isinstance(raw, bool):
            values[key] = None
            continue
        try:
            values[key] = float(raw) if raw is not None else None
        except (TypeError, ValueError):
            raise ListFormatError(
                statement.file, statement.where, f"share.{key}", f"{raw!r} is not a number"
            ) from None
    low = values["minimum"] if values["minimum"] is not None else values["exclusiveMinimum"]
    high = values["maximum"] if values["maximum"] is not None else values["exclusiveMaximum"]
    return values["exact"], low, high


def _describe(interest: dict[str, Any], statement: _Statement) -> str:
    parts = [f"{interest.get('type', 'interest')}"]
    share = interest.get("share") or {}
    if share:
        parts.append("share " + ", ".join(f"{k} {v}" for k, v in share.items()))
    for key in (
        "directOrIndirect",
        "interestLevel",
        "beneficialOwnershipOrControl",
        "startDate",
        "endDate",
    ):
        if key in interest:
            parts.append(f"{key} {interest[key]}")
    parts.append(
        f"statement {statement.raw.get('statementId') or statement.raw.get('statementID')}"
    )
    return "; ".join(parts)


PARSER = BODSParser()
