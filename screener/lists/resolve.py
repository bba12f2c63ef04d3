"""Which list entries are the same listed entity, and the evidence that says so.

A reviewer must adjudicate a person once, not once per list that names him. Joining entries
on a similar name would merge namesakes, so a link is made only on evidence that says two
entries are one designation:

- `source_id`: a republisher names its source entry (the CSL's `SDN:<ent_num>` row is OFAC's
  SDN entry <ent_num>; its NS-CMIC, SSI ... rows are entries of OFAC's consolidated list; its
  DPL rows, whose publisher gives no ids, are the BIS DPL's entry of the same name, which is
  that list's key);
- `un_reference`: a UN Security Council reference number ('QDi.123') given as a field of the
  entry (UK 'UN Ref', EU FSF `unitedNationId`, OFAC remarks 'UN Ref QDi.123') is the UN entry
  of that number. Numbers merely mentioned in a narrative (a UK statement of reasons citing the
  leader of a group) are not used: they name someone else;
- `identifier`: the same passport, IMO, LEI, registration, national or tax number, of the
  same kind of entity, with a compatible name and no conflicting issuing country;
- `ftm_referent`: OpenSanctions' FtM entity lists the publisher ids it was built from
  (`ofac-32733`, `gb-hmt-15174`);
- `name_and_birth`: two persons whose names are the same words (any order, any case, accents
  set aside) and who were born on the same day. Most lists give a person's birth date and no
  number: the EU, UK and OFAC each list Arkady Romanovich Rotenberg, born 15 December 1951,
  and only this joins them. A year alone, or 1 January (what publishers write when only the
  year is known), says too little; a single word is no full name.

Pure: reads `EntryFacts`, returns `EntryLinkFound`s; the store-facing side is
`screener.lists.entity_links`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz

from screener.lists.base import TYPE_NOT_STATED
from screener.lists.dpl import entry_key_of as dpl_entry_key
from screener.names import normalise

T = TypeVar("T")
N = TypeVar("N", int, tuple[str, str])

CSL_SOURCE = "US-CSL"
SDN_SOURCE = "OFAC-SDN"
OFAC_CONSOLIDATED_SOURCE = "OFAC-CONSOLIDATED"
UN_SOURCE = "UN-SC"
UK_SOURCE = "UK-OFSI"
DPL_SOURCE = "US-BIS-DPL"
FTM_SOURCE = "OpenSanctions-FtM"

# the CSL's sub-list prefix -> the OFAC source that publishes those entries under that id
CSL_REPUBLISHED = {
    "SDN": (SDN_SOURCE,),
    "SSI": (OFAC_CONSOLIDATED_SOURCE,),
    "NS-PLC": (OFAC_CONSOLIDATED_SOURCE,),
    "NS-MBS": (OFAC_CONSOLIDATED_SOURCE,),
    "NS-CMIC": (OFAC_CONSOLIDATED_SOURCE,),
    "FSE": (OFAC_CONSOLIDATED_SOURCE,),
    "CAPTA": (OFAC_CONSOLIDATED_SOURCE,),
}

# OpenSanctions referent prefix -> the source whose entry key follows it
FTM_REFERENT_SOURCES = {
    "ofac-": (SDN_SOURCE, OFAC_CONSOLIDATED_SOURCE),
    "gb-hmt-": (UK_SOURCE,),
}

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
_WORD = re.compile(r"\w+")
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_ONLY_PLACEHOLDER = "-01-01"  # publishers write 1 January when they know only the year
PERSON = "person"
# the lists whose own keys other lists cite (a CSL republication, a UN number, an FtM
# referent), and the CSL whose keys cite them: every key-based link has both ends in these
KEYED_SOURCES = frozenset(
    {CSL_SOURCE, UN_SOURCE, DPL_SOURCE}
    | {source for sources in CSL_REPUBLISHED.values() for source in sources}
    | {source for sources in FTM_REFERENT_SOURCES.values() for source in sources}
)
# a list whose remarks may cite a UN number ('UN Ref QDi.123'): OFAC's, by name prefix
REMARKS_PREFIX = "OFAC"

UN_REFERENCE = re.compile(r"^[A-Z]{2}[ie]\.\d{3}$")
OFAC_UN_REMARK = re.compile(
    r"\bUN\s+Ref(?:erence)?(?:\s+(?:No\.?|Number))?[:\s]+([A-Z]{2}[ie]\.\d{3})\b"
)

# identifiers issued to one holder; SWIFT/BIC codes (branches) and phone numbers are not
STRONG_IDENTIFIERS = frozenset({"passport", "imo", "lei", "registration", "national_id", "tax_id"})
# a holder has one of these (passports and registrations change; tax ids, LEIs, IMOs do not)
ONE_PER_HOLDER = ("tax_id", "lei", "imo")
MIN_IDENTIFIER_LENGTH = 5
# more holders than this of one number means a placeholder or a shared registry number
MAX_HOLDERS = 6
NAME_COMPATIBLE = 90.0  # rapidfuzz token_set_ratio over the normalised names


@dataclass(frozen=True, slots=True)
class IdentifierFact:
    id_type: str
    value: str
    country: str | None = None


@dataclass(slots=True)
class EntryFacts:
    """What the linker reads of one stored entry (slots: a million of them at a time)."""

    entry_id: int
    source: str
    entry_key: str
    entity_type: str
    names: list[str]
    # empty by default as one shared tuple, not a list per entry (112 bytes a million times)
    identifiers: Sequence[IdentifierFact] = ()
    remarks: str = ""
    referents: Sequence[str] = ()
    un_reference: str | None = None  # a structured field (EU FSF unitedNationId)
    birth_dates: Sequence[str] = ()  # persons' full birth dates, 'YYYY-MM-DD'


@dataclass(frozen=True)
class EntryLinkFound:
    """Two entries are one listed entity; `a` sorts before `b` by (source, key)."""

    a: int
    b: int
    kind: str  # source_id | un_reference | identifier | ftm_referent | name_and_birth
    evidence: str


def find_links(entries: Iterable[EntryFacts], touching: str | None = None) -> list[EntryLinkFound]:
    """Every pair the evidence joins, each once with its first evidence (kinds in order).

    `touching`: only the pairs with an entry of that source (a new version of one list
    relinks only its own entries); comparing names, the costly part, is then done for
    those pairs alone.
    """
    facts = list(entries)
    by_key = {(e.source, e.entry_key): e for e in facts}
    source_of = {e.entry_id: e.source for e in facts}
    found: dict[tuple[int, int], EntryLinkFound] = {}
    for link in (
        *_source_id_links(facts, by_key),
        *_un_reference_links(facts, by_key),
        *_ftm_links(facts, by_key),
        *_identifier_links(facts, touching),
        *_name_and_birth_links(facts, touching),
    ):
        if touching is None or touching in (source_of[link.a], source_of[link.b]):
            found.setdefault((link.a, link.b), link)
    return sorted(_without_merged_aggregates(found.values(), facts), key=lambda k: (k.a, k.b))


def _without_merged_aggregates(
    links: Iterable[EntryLinkFound], facts: list[EntryFacts]
) -> list[EntryLinkFound]:
    """Drop an FtM record's links into a publisher that lists it as several entries.

    OpenSanctions merges what it judges one company (OFAC's ZALA AERO and CST, two tax
    ids, two registrations, under one FtM record); the publisher designated them apart, so
    neither its referents nor its identifiers may join them through the FtM record.
    """
    source_of = {f.entry_id: f.source for f in facts}
    kept = list(links)
    reached: dict[tuple[int, str], list[EntryLinkFound]] = defaultdict(list)
    for link in kept:
        for here, there in ((link.a, link.b), (link.b, link.a)):
            if source_of[here] == FTM_SOURCE:
                reached[(here, source_of[there])].append(link)
    dropped = {id(link) for found in reached.values() if len(found) > 1 for link in found}
    return [link for link in kept if id(link) not in dropped]


def group_entities(links: Iterable[tuple[N, N]]) -> list[set[N]]:
    """Connected entries: one set per listed entity that has more than one membership.

    Nodes are entry ids (one version) or (source, entry key) pairs (stable across versions).
    """
    parent: dict[N, N] = {}

    def root(node: N) -> N:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[N, set[N]] = defaultdict(set)
    for node in list(parent):
        groups[root(node)].add(node)
    return sorted(groups.values(), key=min)


EntryRef = tuple[str, str]  # (source, entry key): stable across a list's versions


@dataclass(frozen=True)
class EntityMap:
    """Which (source, key) entries are one listed entity, by the live links.

    Keyed by the publisher's keys, not entry ids, so a match stored against last month's
    version groups with this month's: `entity_of` names an entity by its smallest member.
    """

    entity: dict[EntryRef, EntryRef]
    members: dict[EntryRef, frozenset[EntryRef]]

    def entity_of(self, ref: EntryRef) -> EntryRef:
        return self.entity.get(ref, ref)

    def members_of(self, ref: EntryRef) -> frozenset[EntryRef]:
        """Every membership of the entity `ref` belongs to (itself alone when unlinked)."""
        return self.members.get(self.entity_of(ref), frozenset({ref}))

    @classmethod
    def of_links(cls, pairs: Iterable[tuple[EntryRef, EntryRef]]) -> EntityMap:
        entity: dict[EntryRef, EntryRef] = {}
        members: dict[EntryRef, frozenset[EntryRef]] = {}
        for group in group_entities(pairs):
            first = min(group)
            members[first] = frozenset(group)
            for ref in group:
                entity[ref] = first
        return cls(entity, members)


def group_hits(
    hits: Sequence[T], entry_ids: Sequence[int | None], entity_of: dict[int, int]
) -> list[list[T]]:
    """Hits of one listed entity in one group, groups in the order of their best hit.

    `hits` come best first; `entity_of` maps an entry id to its entity's id (entries
    without links are their own entity), so a group's first hit is its best score.
    """
    groups: dict[object, list[T]] = {}
    for hit, entry_id in zip(hits, entry_ids, strict=True):
        key: object = ("entry", id(hit)) if entry_id is None else entity_of.get(entry_id, entry_id)
        groups.setdefault(key, []).append(hit)
    return list(groups.values())


def un_references(entry: EntryFacts) -> set[str]:
    """The UN numbers an entry gives as its own (never those its narrative mentions)."""
    refs = {
        i.value.strip()
        for i in entry.identifiers
        if i.id_type == "un_reference" and UN_REFERENCE.match(i.value.strip())
    }
    if entry.un_reference and UN_REFERENCE.match(entry.un_reference.strip()):
        refs.add(entry.un_reference.strip())
    if entry.source.startswith(REMARKS_PREFIX):
        refs.update(OFAC_UN_REMARK.findall(entry.remarks))
    return refs


def names_compatible(left: EntryFacts, right: EntryFacts) -> bool:
    """Some name of one is, token for token, a name of the other (after normalising)."""
    left_forms = {_normalised(n) for n in left.names if n.strip()}
    right_forms = {_normalised(n) for n in right.names if n.strip()}
    return any(
        a and b and fuzz.token_set_ratio(a, b) >= NAME_COMPATIBLE
        for a in left_forms
        for b in right_forms
    )


@lru_cache(maxsize=65536)
def _normalised(name: str) -> str:
    """Names repeat across the entries one number joins; normalising costs ~0.25 ms."""
    return normalise(name)


def _link(left: EntryFacts, right: EntryFacts, kind: str, evidence: str) -> EntryLinkFound:
    first, second = sorted((left, right), key=lambda e: (e.source, e.entry_key))
    return EntryLinkFound(first.entry_id, second.entry_id, kind, evidence)


def _source_id_links(
    facts: list[EntryFacts], by_key: dict[tuple[str, str], EntryFacts]
) -> Iterator[EntryLinkFound]:
    for entry in facts:
        if entry.source != CSL_SOURCE or ":" not in entry.entry_key:
            continue
        prefix, source_id = entry.entry_key.split(":", 1)
        for source in CSL_REPUBLISHED.get(prefix, ()):
            target = by_key.get((source, source_id))
            if target is not None:
                yield _link(entry, target, "source_id", f"{CSL_SOURCE} {entry.entry_key}")
        if prefix == "DPL":  # the DPL keys its entries by name (it has no ids)
            target = by_key.get((DPL_SOURCE, dpl_entry_key(entry.names[0])))
            if target is not None:
                yield _link(entry, target, "source_id", f"{CSL_SOURCE} {entry.entry_key}")


def _un_reference_links(
    facts: list[EntryFacts], by_key: dict[tuple[str, str], EntryFacts]
) -> Iterator[EntryLinkFound]:
    for entry in facts:
        if entry.source == UN_SOURCE:
            continue
        for ref in sorted(un_references(entry)):
            target = by_key.get((UN_SOURCE, ref))
            if target is not None and same_kind(target, entry):
                yield _link(entry, target, "un_reference", f"{entry.source} cites UN {ref}")


def _ftm_links(
    facts: list[EntryFacts], by_key: dict[tuple[str, str], EntryFacts]
) -> Iterator[EntryLinkFound]:
    for entry in facts:
        if entry.source != FTM_SOURCE:
            continue
        named: dict[str, list[tuple[EntryFacts, str]]] = defaultdict(list)
        for referent in entry.referents:
            for prefix, sources in FTM_REFERENT_SOURCES.items():
                if not referent.startswith(prefix):
                    continue
                for source in sources:
                    target = by_key.get((source, referent[len(prefix) :]))
                    if target is not None:
                        named[source].append((target, referent))
        for targets in named.values():
            for target, referent in targets:  # several in one source: see find_links
                yield _link(entry, target, "ftm_referent", f"FtM referent {referent}")


def _identifier_key(identifier: IdentifierFact) -> tuple[str, str] | None:
    return identifier_key(identifier.id_type, identifier.value)


def identifier_key(id_type: str, value: str) -> tuple[str, str] | None:
    """The number two entries must share for an identifier link; None: no such evidence."""
    if id_type not in STRONG_IDENTIFIERS:
        return None
    value = _NOT_ALPHANUMERIC.sub("", value.upper())
    if id_type == "imo":
        value = value.removeprefix("IMO")
    if len(value) < MIN_IDENTIFIER_LENGTH or len(set(value)) < 3:
        return None
    return id_type, value


def compared_by_name(entries: Iterable[EntryFacts]) -> set[int]:
    """Ids of the entries whose names `find_links` may compare.

    Names are only checked between entries sharing a strong identifier, so a relink reads
    aliases for those alone, not for every active entry (issue 19: a full collection's
    aliases in four scripts were half of the relink's memory).
    """
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for entry in entries:
        for identifier in entry.identifiers:
            key = _identifier_key(identifier)
            if key is not None:
                holders[key].append(entry.entry_id)
    wanted: set[int] = set()
    for held in holders.values():
        if len(held) >= 2 and len(set(held)) <= MAX_HOLDERS:
            wanted.update(held)
    return wanted


def cites_keyed_list(referents: Iterable[str]) -> bool:
    """An FtM record names a publisher entry `_ftm_links` can join it to."""
    return any(r.startswith(prefix) for r in referents for prefix in FTM_REFERENT_SOURCES)


def _identifier_links(
    facts: list[EntryFacts], touching: str | None = None
) -> Iterator[EntryLinkFound]:
    holders: dict[tuple[str, str], list[tuple[EntryFacts, IdentifierFact]]] = defaultdict(list)
    for entry in facts:
        for identifier in entry.identifiers:
            key = _identifier_key(identifier)
            if key is not None:
                holders[key].append((entry, identifier))
    for (id_type, value), held in holders.items():
        if len(held) < 2 or len({e.entry_id for e, _ in held}) > MAX_HOLDERS:
            continue
        if touching is not None and all(e.source != touching for e, _ in held):
            continue
        for position, (left, left_id) in enumerate(held):
            for right, right_id in held[position + 1 :]:
                if touching is not None and touching not in (left.source, right.source):
                    continue
                if _identifier_joins(left, left_id, right, right_id):
                    yield _link(left, right, "identifier", f"{id_type} {value}")


def same_kind(left: EntryFacts, right: EntryFacts) -> bool:
    """Both of one kind, or one whose publisher does not say (the CSL's Entity List rows)."""
    return (
        left.entity_type == right.entity_type
        or TYPE_NOT_STATED in (left.entity_type, right.entity_type)
    )


def _identifier_joins(
    left: EntryFacts, left_id: IdentifierFact, right: EntryFacts, right_id: IdentifierFact
) -> bool:
    if left.source == right.source or not same_kind(left, right):
        return False
    countries = {_country(left_id.country), _country(right_id.country)} - {None}
    if len(countries) > 1 or _conflicting_numbers(left, right):
        return False
    return names_compatible(left, right)


def _conflicting_numbers(left: EntryFacts, right: EntryFacts) -> bool:
    """Both give a one-per-holder number of a kind and none agree: two holders.

    A publisher's copied registration number (the EU gives JSC NMZ the registration of the
    Nizhny Novgorod Plant of the 70th Anniversary of Victory) is outvoted by their tax ids.
    """
    for id_type in ONE_PER_HOLDER:
        mine = {key for i in left.identifiers if (key := _identifier_key(i)) and key[0] == id_type}
        theirs = {
            key for i in right.identifiers if (key := _identifier_key(i)) and key[0] == id_type
        }
        if mine and theirs and not mine & theirs:
            return True
    return False


def _country(country: str | None) -> str | None:
    return country.strip().casefold() if country and country.strip() else None


def name_and_birth_key(entity_type: str, name: str, birth_date: str) -> tuple[str, str] | None:
    """What two persons must share for a `name_and_birth` link; None: no such evidence.

    The primary name's words in any order (case, accents and punctuation set aside:
    'ROTENBERG, Arkady Romanovich' is 'Arkady Romanovich ROTENBERG'), at least two of them,
    and a full birth date that is not 1 January. Cheap on purpose (no transliteration):
    `linkable_entries` keys every listed person with a birth date.
    """
    if entity_type != PERSON or not FULL_DATE.match(birth_date):
        return None
    if birth_date.endswith(YEAR_ONLY_PLACEHOLDER):
        return None
    words = name_words(name)
    if words.count(" ") < 1:
        return None
    return words, birth_date


def name_words(name: str) -> str:
    """A name's words, sorted, without case or accents: the same words in any order."""
    decomposed = unicodedata.normalize("NFKD", name).casefold()
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(sorted(_WORD.findall(bare)))


def _name_and_birth_links(
    facts: list[EntryFacts], touching: str | None = None
) -> Iterator[EntryLinkFound]:
    born: dict[tuple[str, str], list[EntryFacts]] = defaultdict(list)
    for entry in facts:
        keys = {
            key
            for date in entry.birth_dates
            if (key := name_and_birth_key(entry.entity_type, entry.names[0], date)) is not None
        }
        for key in keys:
            born[key].append(entry)
    for (_, date), held in born.items():
        if len(held) < 2 or len(held) > MAX_HOLDERS:
            continue
        for position, left in enumerate(held):
            for right in held[position + 1 :]:
                if left.source == right.source:
                    continue
                if touching is not None and touching not in (left.source, right.source):
                    continue
                yield _link(left, right, "name_and_birth", f"same name, born {date}")
