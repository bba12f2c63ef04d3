"""A stored match as aligned rows (field, party, list entry): every field of both sides.

A reviewer decides by comparing the facts, not the score. Rows that a qualifier compared
and found different (country, year, type, legal form) are flagged, so the view can mark
them; rows only one side has still appear, so nothing the list says is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from screener.lists.base import type_shown
from screener.lists.listing_ends import ends_shown
from screener.models import ListEntry, ListVersion, MatchResult, Party

# Feature (qualifier) -> the row whose values it compared.
QUALIFIER_ROWS = {
    "country_mismatch": "Countries",
    "year_disjoint": "Birth / incorporation",
    "kind_mismatch": "Type",
    "legal_form_mismatch": "Name",
    "name_country_mismatch": "Name",
    "identifier_match": "Identifiers",
}


@dataclass(frozen=True)
class FieldRow:
    label: str
    party: str
    entry: str
    differs: bool = False
    decisive: bool = False


def match_fields(
    session: Session, match_id: int, lang: str = "en"
) -> tuple[MatchResult, list[FieldRow]]:
    """The match and its rows (values the code writes, such as '(passed)', in `lang`);
    LookupError if the match or its list entry is gone."""
    match = session.get(MatchResult, match_id)
    if match is None:
        raise LookupError(f"match {match_id} no longer exists")
    entry = session.get(
        ListEntry,
        match.list_entry_id,
        options=[
            selectinload(ListEntry.names),
            selectinload(ListEntry.identifiers),
            selectinload(ListEntry.addresses),
            selectinload(ListEntry.dates),
            selectinload(ListEntry.version).selectinload(ListVersion.source),
        ],
    )
    if entry is None:
        raise LookupError(f"list entry {match.list_entry_id} is no longer in the database")
    party = session.execute(
        select(Party).where(Party.case_id == match.case_id, Party.key == match.party_key)
    ).scalar_one_or_none()
    fired = {f["name"]: f for f in match.features or [] if f.get("score", 0) > 0}
    return match, _rows(match, party, entry, fired, lang)


def _rows(
    match: MatchResult,
    party: Party | None,
    entry: ListEntry,
    fired: dict[str, dict[str, Any]],
    lang: str,
) -> list[FieldRow]:
    p = party
    version = entry.version
    other_names = [
        f"{n.name} ({n.kind}{', weak' if n.strength == 'weak' else ''}{', ' + n.script if n.script else ''})"
        for n in entry.names
        if n.name != entry.primary_name
    ]
    party_names = [
        x for x in ([p.name_original, p.name_romanised, *(p.aliases or [])] if p else []) if x
    ]
    party_countries = _join_labelled(
        ("incorporated", p.country_incorporation if p else None),
        ("head office", p.country_headoffice if p else None),
        ("nationality", p.nationality if p else None),
    )
    entry_countries = ", ".join(entry.countries or [])
    address_countries = sorted({a.country for a in entry.addresses if a.country})
    if address_countries:
        entry_countries = "; ".join(
            x for x in (entry_countries, "addresses: " + ", ".join(address_countries)) if x
        )
    rows = [
        FieldRow("Name", p.name if p else match.query_name, entry.primary_name),
        FieldRow("Names compared", match.query_name, match.matched_name),
        FieldRow("Other names", "\n".join(party_names), "\n".join(other_names)),
        FieldRow("Type", p.party_type if p else "", type_shown(entry.entity_type, lang)),
        FieldRow("Countries", party_countries, entry_countries),
        FieldRow(
            "Birth / incorporation",
            (p.birth_date or "") if p else "",
            "\n".join(f"{d.kind}: {d.value}" for d in entry.dates),
        ),
        FieldRow(
            "Identifiers",
            "\n".join(f"{k}: {v}" for k, v in sorted((p.identifiers or {}).items()) if v)
            if p
            else "",
            "\n".join(
                f"{i.id_type}: {i.value}" + (f" ({i.country})" if i.country else "")
                for i in entry.identifiers
            ),
        ),
        FieldRow("Role / list", p.role if p else "", _source(entry, version)),
        FieldRow("Programmes", "", ", ".join(entry.programs or [])),
        FieldRow("Addresses", "", "\n".join(a.full for a in entry.addresses if a.full)),
        FieldRow("Listed on", "", entry.listed_on or ""),
        FieldRow("Listing ends", "", "\n".join(ends_shown(entry.data, date.today(), lang))),
        FieldRow("State ownership", _state(p), ""),
        FieldRow("Remarks / notes", (p.notes or "") if p else "", entry.remarks or ""),
        FieldRow("Entry key", match.party_key, entry.entry_key),
    ]
    flagged = {
        QUALIFIER_ROWS[name]
        for name in fired
        if name in QUALIFIER_ROWS and name != "identifier_match"
    }
    decisive = "identifier_match" in fired
    return [
        FieldRow(
            r.label, r.party, r.entry, r.label in flagged, decisive and r.label == "Identifiers"
        )
        for r in rows
    ]


def _source(entry: ListEntry, version: ListVersion | None) -> str:
    """The list, and for a consolidated entry the official lists it is on: its sub-list
    ("sanctioned") does not say whether that is the SDN list or a national one."""
    datasets = entry.official_datasets
    on = f"\non {', '.join(datasets)}" if datasets else ""
    if version is None:
        return entry.list_name + on
    parts = [
        version.source.name if version.source else "",
        entry.list_name,
        f"version {version.label}",
    ]
    if version.publisher_date:
        parts.append(f"published {version.publisher_date}")
    return " · ".join(x for x in parts if x) + on


def _join_labelled(*pairs: tuple[str, str | None]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in pairs if value)


def _state(party: Party | None) -> str:
    if party is None or not (party.is_state_owned or party.is_government):
        return ""
    kind = "government" if party.is_government else "state-owned"
    return f"{kind} ({party.state_country or '?'}, {party.state_level or '?'})"
