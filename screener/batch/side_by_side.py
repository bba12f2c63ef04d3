"""A screened name and the list entry it hit, as aligned rows of (field, party, entry).

The reviewer decides a hit by comparing every field, not the score: name against each of
the entry's names, type, country, date, identifiers, then what only the entry has
(programmes, addresses, remarks). Both the window and any printed report read these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, selectinload

from screener.batch.model import BatchHit, BatchQuery
from screener.lists.base import type_shown
from screener.lists.listing_ends import ends_shown
from screener.models import ListEntry, ListVersion


@dataclass(frozen=True)
class ComparedField:
    label: str
    party: str
    entry: str


def compare(
    session: Session, query: BatchQuery, hit: BatchHit, lang: str = "en"
) -> list[ComparedField]:
    """Rows for the side-by-side view (values the code writes in `lang`); raises
    LookupError if the entry is gone."""
    entry = session.get(
        ListEntry,
        hit.list_entry_id,
        options=[
            selectinload(ListEntry.names),
            selectinload(ListEntry.identifiers),
            selectinload(ListEntry.addresses),
            selectinload(ListEntry.dates),
            selectinload(ListEntry.version).selectinload(ListVersion.source),
        ],
    )
    if entry is None:
        raise LookupError(f"list entry {hit.list_entry_id} is no longer in the database")
    other_names = [f"{n.name} ({n.kind})" for n in entry.names if n.name != entry.primary_name]
    identifiers = [f"{i.id_type}: {i.value}" for i in entry.identifiers]
    party_ids = [f"{kind}: {value}" for kind, value in sorted(query.identifiers.items())]
    dates = [f"{d.kind}: {d.value}" for d in entry.dates]
    version = entry.version
    return [
        ComparedField("Name", query.name, entry.primary_name),
        ComparedField("Matched name", "", hit.matched_name or hit.name),
        ComparedField("Other names", "", "\n".join(other_names)),
        ComparedField("Type", query.party_type or "", type_shown(entry.entity_type, lang)),
        ComparedField("Country", query.country or "", ", ".join(entry.countries)),
        ComparedField("Date", query.date or "", "\n".join(dates)),
        ComparedField("Identifiers", "\n".join(party_ids), "\n".join(identifiers)),
        ComparedField("Source", f"row {query.row}, id {query.id}", _source(entry, version)),
        ComparedField("Programmes", "", ", ".join(entry.programs)),
        ComparedField("Addresses", "", "\n".join(a.full for a in entry.addresses if a.full)),
        ComparedField("Listed on", "", entry.listed_on or ""),
        ComparedField("Listing ends", "", "\n".join(ends_shown(entry.data, date.today(), lang))),
        ComparedField("Remarks", "", entry.remarks),
        ComparedField("Score", f"{hit.score:.3f}", ""),
        ComparedField("Why", hit.reason(query.name), ""),
    ]


def _source(entry: ListEntry, version: ListVersion) -> str:
    sub_list = f" / {entry.list_name}" if entry.list_name else ""
    return f"{version.source.name}{sub_list}, entry {entry.entry_key}, version {version.label}"
