"""OpenSanctions FollowTheMoney entities (JSON lines, one entity per line).

Which entities become entries: every Person, Company, Organization, LegalEntity, Vessel and
Airplane, not only those with `target: true`. In the zala sample all 3 non-target companies
are Russian-register (ext_ru_egrul) subsidiaries that a sanctioned person owns 100 % or
75 % of; they are exactly what the 50 % rule blocks, and dropping them would leave those
ownership edges pointing at nothing. They are kept apart: `list_name` is "related (not
listed)", no programme, and `data["target"]` is False, so screening can tell a designation
from a company that is only owned by one.

Relationship entities become links: Ownership (asset owned by owner, with the percentage
when given), Directorship (organisation controlled by director), Family/Associate (linked).
An edge with an end date is history, so its relation is prefixed `former_`: the sample has
several Zakharov -> LLC CST stakes (51 %, 50 %, 48 %) of which only the open one is current.
Sanction entities give the programmes of the entity they point at; Address entities fill
in the addresses that `addressEntity` refers to.
"""

from __future__ import annotations

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

ENTITY_TYPES = {
    "Person": "person",
    "Company": "organization",
    "Organization": "organization",
    "LegalEntity": "organization",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
# schema -> (subject property, object property, relation)
LINK_SCHEMAS = {
    "Ownership": ("asset", "owner", "ownership"),
    "Directorship": ("organization", "director", "control"),
    "Family": ("person", "relative", "linked_to"),
    "Associate": ("person", "associate", "linked_to"),
    "UnknownLink": ("object", "subject", "linked_to"),
    "Representation": ("client", "agent", "linked_to"),
    "Membership": ("organization", "member", "linked_to"),
}
IDENTIFIER_PROPERTIES = {
    "leiCode": "lei",
    "imoNumber": "imo",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "innCode": "tax_id",
    "taxNumber": "tax_id",
    "kppCode": "registration",
    "passportNumber": "passport",
    "idNumber": "national_id",
    "swiftBic": "swift",
    "permId": "perm_id",
    "uniqueEntityId": "unique_entity_id",
    "mmsi": "mmsi",
    "callSign": "call_sign",
    "icaoCode": "icao",
}


class FollowTheMoneyParser:
    format_name = "ftm-json"

    def detect(self, path: Path) -> bool:
        return _PUBLICATION.claims(path)

    def parse(self, path: Path) -> ParsedList:
        files = _PUBLICATION.files_to_parse(path)
        entities: Entities = {}
        for file in files:
            entities.update(_read_entities(file))
        sanctions = _sanctions_by_entity(entities)
        entries = [
            _entry(file, line, entity, entities, sanctions.get(entity["id"], []))
            for file, line, entity in entities.values()
            if entity.get("schema") in ENTITY_TYPES
        ]
        links = [
            link
            for _, _, entity in entities.values()
            if entity.get("schema") in LINK_SCHEMAS
            for link in _links(entity, entities)
        ]
        dates = [e.get("last_change") or e.get("last_seen") or "" for _, _, e in entities.values()]
        return ParsedList(
            source_name="OpenSanctions-FtM",
            format=self.format_name,
            publisher="OpenSanctions",
            files=files,
            entries=entries,
            links=links,
            publisher_date=max(dates, default="") or None,
            regime="other",
        )


Entities = dict[str, tuple[Path, int, dict[str, Any]]]  # id -> (file, line, entity)


def _looks_like_ftm(path: Path) -> bool:
    first = head_text(path).lstrip().splitlines()[:1]
    return (
        bool(first)
        and first[0].startswith("{")
        and all(key in first[0] for key in ('"schema"', '"properties"', '"id"'))
    )


_PUBLICATION = JsonPublication("FtM JSON lines", (".json", ".jsonl", ".ijson"), _looks_like_ftm)


def _read_entities(path: Path) -> Entities:
    entities: Entities = {}
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entity = safe_json.loads(line, str(path))
        except safe_json.JsonError as exc:
            raise ListFormatError(path, f"line {number}", "json", exc.message) from None
        if not isinstance(entity, dict):
            raise ListFormatError(path, f"line {number}", "entity", "not a JSON object")
        for field_name in ("id", "schema"):
            if not entity.get(field_name):
                raise ListFormatError(path, f"line {number}", field_name, "missing")
        if not isinstance(entity.get("properties", {}), dict):
            raise ListFormatError(path, f"line {number}", "properties", "not an object")
        entities[entity["id"]] = (path, number, entity)
    return entities


def _props(entity: dict[str, Any], name: str) -> list[str]:
    # asked about 45 times an entity, mostly for properties it lacks: answer those at once
    # (a third of the parse of a large file went into building empty lists)
    values = entity.get("properties", _NONE).get(name)
    if not values or not isinstance(values, list):
        return []
    return [text for text in (str(v).strip() for v in values) if text]


_NONE: dict[str, Any] = {}


def _sanctions_by_entity(entities: Entities) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for _, _, entity in entities.values():
        if entity.get("schema") == "Sanction":
            for target in _props(entity, "entity"):
                found.setdefault(target, []).append(entity)
    return found


def _entry(
    path: Path,
    line: int,
    entity: dict[str, Any],
    entities: Entities,
    sanctions: list[dict[str, Any]],
) -> ParsedEntry:
    names = _names(entity)
    if not names:
        raise ListFormatError(path, f"line {line}", "name", f"entity {entity['id']} has no name")
    is_target = bool(entity.get("target"))
    countries = [
        c
        for prop in ("country", "nationality", "citizenship", "jurisdiction", "flag")
        for c in (country_code(v) for v in _props(entity, prop))
        if c
    ]
    programs = [p for s in sanctions for p in _props(s, "programId") or _props(s, "program")]
    return ParsedEntry(
        entry_key=entity["id"],
        entity_type=ENTITY_TYPES[entity["schema"]],
        primary_name=names[0].name,
        list_name="sanctioned" if is_target else "related (not listed)",
        names=names,
        identifiers=_identifiers(entity),
        addresses=_addresses(entity, entities),
        dates=_dates(entity),
        programs=list(dict.fromkeys(programs)) if is_target else [],
        countries=list(dict.fromkeys(countries)),
        remarks="\n".join(_props(entity, "notes")),
        listed_on=min(
            (d for s in sanctions for d in _props(s, "listingDate") + _props(s, "startDate")),
            default=None,
        ),
        data=_extra(entity, sanctions),
    )


def _names(entity: dict[str, Any]) -> list[ParsedName]:
    """The caption first, then every other name; FtM lists all scripts in one `name`."""
    caption = str(entity.get("caption") or "").strip()
    all_names = _props(entity, "name")
    primary = caption if caption and caption != entity.get("schema") else (all_names[:1] or [""])[0]
    names: list[ParsedName] = []
    seen: set[str] = set()
    for value, kind, strength in (
        [(primary, "primary", "strong")]
        + [(n, "aka", "strong") for n in all_names + _props(entity, "alias")]
        + [(n, "aka", "weak") for n in _props(entity, "weakAlias")]
        + [(n, "fka", "strong") for n in _props(entity, "previousName")]
    ):
        if value and value not in seen:
            seen.add(value)
            names.append(
                ParsedName(
                    value, kind, strength, script_of(value), is_original_script=is_non_latin(value)
                )
            )
    return names


def _identifiers(entity: dict[str, Any]) -> list[ParsedIdentifier]:
    return [
        ParsedIdentifier(id_type, value, note=prop)
        for prop, id_type in IDENTIFIER_PROPERTIES.items()
        for value in _props(entity, prop)
    ]


def _addresses(entity: dict[str, Any], entities: Entities) -> list[ParsedAddress]:
    found: dict[str, ParsedAddress] = {}
    for ref in _props(entity, "addressEntity"):
        address = entities[ref][2] if ref in entities else {}
        full = (_props(address, "full") or [""])[0]
        if full:
            country = next(iter(_props(address, "country")), None)
            city = next(iter(_props(address, "city")), None)
            found.setdefault(full, ParsedAddress(full, city=city, country=country_code(country)))
    for full in _props(entity, "address"):
        found.setdefault(full, ParsedAddress(full))
    return list(found.values())


def _dates(entity: dict[str, Any]) -> list[ParsedDate]:
    return [
        ParsedDate(kind, value)
        for prop, kind in (("birthDate", "birth"), ("incorporationDate", "incorporation"))
        for value in _props(entity, prop)
    ]


def _extra(entity: dict[str, Any], sanctions: list[dict[str, Any]]) -> dict[str, object]:
    extra: dict[str, object] = {
        "target": bool(entity.get("target")),
        "schema": entity["schema"],
        "datasets": entity.get("datasets", []),
        "referents": entity.get("referents", []),
    }
    for prop in ("position", "topics", "gender", "birthPlace", "legalForm", "status", "website"):
        if _props(entity, prop):
            extra[prop] = _props(entity, prop)
    if sanctions:
        extra["sanctions"] = [
            {
                "authority": ", ".join(_props(s, "authority")),
                "program": ", ".join(_props(s, "program")),
                "start": ", ".join(_props(s, "startDate") or _props(s, "listingDate")),
                "end": ", ".join(_props(s, "endDate")),
            }
            for s in sanctions
        ]
    return extra


def _links(entity: dict[str, Any], entities: Entities) -> list[ParsedLink]:
    subject_prop, object_prop, relation = LINK_SCHEMAS[entity["schema"]]
    subjects, objects = _props(entity, subject_prop), _props(entity, object_prop)
    if not subjects or not objects:
        return []  # a half edge carries no relation worth screening
    if _props(entity, "endDate"):
        relation = f"former_{relation}"
    percentage = _percentage(entity, entities)
    return [
        ParsedLink(
            subject_key=subject,
            relation=relation,
            object_key=obj,
            object_name=_caption(entities, obj),
            percentage=percentage,
            source_text=_describe(entity),
        )
        for subject in subjects
        for obj in objects
    ]


def _percentage(entity: dict[str, Any], entities: Entities) -> float | None:
    values = _props(entity, "percentage")
    if not values:
        return None
    text = values[0].rstrip("%").strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        path, line, _ = entities[entity["id"]]
        raise ListFormatError(
            path, f"line {line}", "percentage", f"{values[0]!r} is not a number"
        ) from None


def _caption(entities: Entities, entity_id: str) -> str | None:
    found = entities.get(entity_id)
    return str(found[2].get("caption") or "") or None if found else None


def _describe(entity: dict[str, Any]) -> str:
    parts = [entity["schema"]]
    for prop in ("role", "relationship", "percentage", "sharesCount", "startDate", "endDate"):
        values = _props(entity, prop)
        if values:
            parts.append(f"{prop}: {', '.join(values)}")
    parts.append(f"id: {entity['id']}")
    return "; ".join(parts)


PARSER = FollowTheMoneyParser()
