"""The domain model: every table the review mission needs, in one place.

Cases hold a transaction, a target asset and a graph of parties joined by ownership links.
Lists arrive as versions of a source; each version holds entries with their names,
identifiers, addresses, dates and links. Screening writes match results that reviewers
decide; assessments keep the rule hits with the pack hash and list versions that produced
them, so any past score can be reproduced. Every change is written to the audit log.

Several columns are JSON because the publishers' data is open-ended (identifiers by type,
programmes); the typed columns are what the rules and views read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    """Timestamps are stored in UTC so two offices on one database agree."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, list[str]: JSON}


class CaseStatus:
    """The lifecycle of a case; Decided carries an outcome in Case.decision."""

    NEW = "new"
    SCREENING = "screening"
    IN_REVIEW = "in_review"
    ESCALATED = "escalated"
    DECIDED = "decided"
    ALL = (NEW, SCREENING, IN_REVIEW, ESCALATED, DECIDED)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.NEW)
    decision: Mapped[str | None] = mapped_column(String(40))
    jurisdictions: Mapped[list[str]] = mapped_column(default=list)
    handling_marking: Mapped[str] = mapped_column(String(80), default="CUI")
    assignee: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    received_date: Mapped[date | None] = mapped_column(Date)
    filing_date: Mapped[date | None] = mapped_column(Date)
    filing_deadline: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[list[Any]] = mapped_column(default=list)
    source_file: Mapped[str | None] = mapped_column(String(500))
    has_new_hits: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    transaction: Mapped[Transaction | None] = relationship(
        back_populates="case", cascade="all, delete-orphan", uselist=False
    )
    parties: Mapped[list[Party]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Party.id"
    )
    ownership_links: Mapped[list[OwnershipLink]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="OwnershipLink.id"
    )
    matches: Mapped[list[MatchResult]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="MatchResult.id"
    )
    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Assessment.id"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Note.id"
    )
    sign_offs: Mapped[list[SignOff]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="SignOff.id"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    @property
    def party_names(self) -> dict[str, str]:
        """Party key -> name: rules and links name parties by the deal file's keys ('HKH'),
        which a reader knows by name."""
        return {party.key: party.name for party in self.parties}


class Transaction(Base):
    """The deal terms: who buys what share of the target, with which rights."""

    __tablename__ = "transactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(120))
    structure: Mapped[str] = mapped_column(String(40), default="share_purchase")
    acquirer_key: Mapped[str | None] = mapped_column(String(120))
    seller_key: Mapped[str | None] = mapped_column(String(120))
    target_key: Mapped[str | None] = mapped_column(String(120))
    stake_before_pct: Mapped[float | None] = mapped_column(Float)
    stake_after_pct: Mapped[float | None] = mapped_column(Float)
    voting_before_pct: Mapped[float | None] = mapped_column(Float)
    voting_after_pct: Mapped[float | None] = mapped_column(Float)
    board_seats: Mapped[int | None] = mapped_column(Integer)
    board_size: Mapped[int | None] = mapped_column(Integer)
    observer_seats: Mapped[int | None] = mapped_column(Integer)
    vetoes: Mapped[list[str]] = mapped_column(default=list)
    information_rights: Mapped[bool] = mapped_column(Boolean, default=False)
    technology_access: Mapped[bool] = mapped_column(Boolean, default=False)
    offtake_rights: Mapped[bool] = mapped_column(Boolean, default=False)
    relocation_rights: Mapped[bool] = mapped_column(Boolean, default=False)
    closure_rights: Mapped[bool] = mapped_column(Boolean, default=False)
    gains_control: Mapped[bool | None] = mapped_column(Boolean)
    offshore_parent_transfer: Mapped[bool] = mapped_column(Boolean, default=False)
    filing_in_asset_country: Mapped[bool | None] = mapped_column(Boolean)
    fefta_exemption_claimed: Mapped[bool] = mapped_column(Boolean, default=False)
    value: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))
    financing: Mapped[str | None] = mapped_column(String(300))
    lender_country: Mapped[str | None] = mapped_column(String(2))
    signing_date: Mapped[date | None] = mapped_column(Date)
    expected_completion: Mapped[date | None] = mapped_column(Date)
    adversary_ties: Mapped[list[str]] = mapped_column(default=list)
    past_violations: Mapped[list[str]] = mapped_column(default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    case: Mapped[Case] = relationship(back_populates="transaction")
    target: Mapped[TargetAsset | None] = relationship(
        back_populates="transaction", cascade="all, delete-orphan", uselist=False
    )


class TargetAsset(Base):
    """The mine, plant or stake being sold, with the facts the vulnerability rules read."""

    __tablename__ = "target_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[int] = mapped_column(
        ForeignKey("transactions.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(300))
    asset_type: Mapped[str] = mapped_column(String(40))
    legal_entity_key: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str | None] = mapped_column(String(2))
    region: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    nearest_installation: Mapped[str | None] = mapped_column(String(200))
    installation_distance_miles: Mapped[float | None] = mapped_column(Float)
    minerals: Mapped[list[str]] = mapped_column(default=list)
    elements: Mapped[list[str]] = mapped_column(default=list)
    product_forms: Mapped[list[str]] = mapped_column(default=list)
    processing_stages: Mapped[list[str]] = mapped_column(default=list)
    capacity: Mapped[float | None] = mapped_column(Float)
    capacity_unit: Mapped[str | None] = mapped_column(String(40))
    share_global_pct: Mapped[float | None] = mapped_column(Float)
    share_ex_china_pct: Mapped[float | None] = mapped_column(Float)
    sole_domestic_producer: Mapped[bool] = mapped_column(Boolean, default=False)
    defence_customers: Mapped[bool] = mapped_column(Boolean, default=False)
    dfars_covered: Mapped[bool] = mapped_column(Boolean, default=False)
    dpa_title_iii: Mapped[bool] = mapped_column(Boolean, default=False)
    public_funding: Mapped[list[str]] = mapped_column(default=list)
    framework_project: Mapped[bool] = mapped_column(Boolean, default=False)
    us_tid_business: Mapped[bool] = mapped_column(Boolean, default=False)
    critical_technology: Mapped[bool] = mapped_column(Boolean, default=False)
    export_licence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    export_classification: Mapped[str | None] = mapped_column(String(40))
    proprietary_process_technology: Mapped[bool] = mapped_column(Boolean, default=False)
    jp_listed: Mapped[bool | None] = mapped_column(Boolean)
    jp_mof_class: Mapped[str | None] = mapped_column(String(20))
    group_assets_same_stage: Mapped[int] = mapped_column(Integer, default=0)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)

    transaction: Mapped[Transaction] = relationship(back_populates="target")


class Party(Base):
    """A person, company, fund or government in a case's ownership graph.

    `key` is the party's id inside its deal file; edges refer to parties by key so a
    re-import can update the same party instead of adding a copy.
    """

    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("case_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(400))
    name_original: Mapped[str | None] = mapped_column(String(400))
    name_romanised: Mapped[str | None] = mapped_column(String(400))
    aliases: Mapped[list[str]] = mapped_column(default=list)
    party_type: Mapped[str] = mapped_column(String(20), default="company")
    role: Mapped[str] = mapped_column(String(20), default="owner")
    country_incorporation: Mapped[str | None] = mapped_column(String(2))
    country_headoffice: Mapped[str | None] = mapped_column(String(2))
    nationality: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[str | None] = mapped_column(String(20))
    identifiers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    is_state_owned: Mapped[bool] = mapped_column(Boolean, default=False)
    state_level: Mapped[str | None] = mapped_column(String(20))
    state_country: Mapped[str | None] = mapped_column(String(2))
    is_government: Mapped[bool] = mapped_column(Boolean, default=False)
    # None: not determined. The 31 CFR 800.219 test (screener/risk/excepted_investor.py)
    # respects an explicit no, and reads a yes only where no recorded fact fails the test.
    excepted_investor: Mapped[bool | None] = mapped_column(Boolean)
    # FEFTA art. 26(1)(iv): most directors (or representative directors) are non-residents.
    directors_nonresident_majority: Mapped[bool | None] = mapped_column(Boolean)
    type_a_investor: Mapped[bool] = mapped_column(Boolean, default=False)
    listed_company: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    # What the last screening of this party searched: when, which list versions, and a
    # fingerprint of the names and qualifiers it used (a later edit makes it unscreened).
    screened_at: Mapped[datetime | None] = mapped_column(DateTime)
    screened_versions: Mapped[list[Any]] = mapped_column(default=list)
    screened_fingerprint: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    case: Mapped[Case] = relationship(back_populates="parties")


class OwnershipLink(Base):
    """An edge holder -> held: equity and voting shares with their provenance."""

    __tablename__ = "ownership_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    holder_key: Mapped[str] = mapped_column(String(120))
    held_key: Mapped[str] = mapped_column(String(120))
    equity_pct: Mapped[float | None] = mapped_column(Float)
    voting_pct: Mapped[float | None] = mapped_column(Float)
    control_type: Mapped[str | None] = mapped_column(String(40))
    joint_arrangement: Mapped[bool] = mapped_column(Boolean, default=False)
    as_of: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="deal file")
    confidence: Mapped[str] = mapped_column(String(20), default="reported")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    case: Mapped[Case] = relationship(back_populates="ownership_links")


class ListSource(Base):
    """A publisher's list (OFAC SDN, UN consolidated, ...): versions hang below it."""

    __tablename__ = "list_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    publisher: Mapped[str] = mapped_column(String(200), default="")
    regime: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")

    versions: Mapped[list[ListVersion]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="ListVersion.id"
    )


class ListVersion(Base):
    """One import of a source: what files, which checksums, which publisher date."""

    __tablename__ = "list_versions"
    __table_args__ = (UniqueConstraint("source_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("list_sources.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(120), default="")
    format: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))
    file_checksums: Mapped[dict[str, Any]] = mapped_column(default=dict)
    publisher_date: Mapped[str | None] = mapped_column(String(32))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(120))
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    entry_count: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    source: Mapped[ListSource] = relationship(back_populates="versions")
    entries: Mapped[list[ListEntry]] = relationship(
        back_populates="version", cascade="all, delete-orphan", passive_deletes=True
    )


class ListEntry(Base):
    """One designated person, organisation, vessel or aircraft as the publisher gave it.

    `content_hash` covers every field, so decision memory and deltas can tell whether an
    entry changed between versions. `list_name` keeps sub-lists apart inside combined
    files (the CSL's Entity List, MEU, CMIC ...).
    """

    __tablename__ = "list_entries"
    __table_args__ = (
        UniqueConstraint("version_id", "entry_key"),
        Index("ix_list_entries_key", "entry_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id", ondelete="CASCADE"))
    entry_key: Mapped[str] = mapped_column(String(120))
    list_name: Mapped[str] = mapped_column(String(120), default="")
    entity_type: Mapped[str] = mapped_column(String(20))
    primary_name: Mapped[str] = mapped_column(String(600))
    programs: Mapped[list[str]] = mapped_column(default=list)
    countries: Mapped[list[str]] = mapped_column(default=list)
    remarks: Mapped[str] = mapped_column(Text, default="")
    listed_on: Mapped[str | None] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    content_hash: Mapped[str] = mapped_column(String(64))

    version: Mapped[ListVersion] = relationship(back_populates="entries")
    names: Mapped[list[EntryName]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EntryName.id"
    )
    identifiers: Mapped[list[EntryIdentifier]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EntryIdentifier.id"
    )
    addresses: Mapped[list[EntryAddress]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EntryAddress.id"
    )
    dates: Mapped[list[EntryDate]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="EntryDate.id"
    )

    @property
    def official_lists(self) -> list[str]:
        """The official lists a consolidated entry says it is on, by the consolidator's ids:
        its source datasets (`official_datasets`) and its designations' programme ids
        (`US-BIS-EL`, for datasets that merge several lists).

        Its sub-list says only "sanctioned", so these are what tell an SDN from an EU
        listing (rules/reference/list-categories.yaml)."""
        if not (self.data or {}).get("target"):
            return []
        return [*self.official_datasets, *map(str, self.programs or ())]

    @property
    def official_datasets(self) -> list[str]:
        """An OpenSanctions entity's source datasets (`us_ofac_sdn`, `eu_fsf` ...) when it is
        listed itself. None for an entity only related to a listed one (FtM `target:
        false`), whose datasets are where it was mentioned, and none for a publisher's own
        entry, whose sub-list says which list."""
        data = self.data or {}
        if not data.get("target"):
            return []
        return [str(name) for name in data.get("datasets") or ()]


class EntryName(Base):
    """A name of an entry: primary, a.k.a., f.k.a. or n.k.a., strong or weak."""

    __tablename__ = "entry_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("list_entries.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(600))
    kind: Mapped[str] = mapped_column(String(20), default="primary")
    strength: Mapped[str] = mapped_column(String(10), default="strong")
    script: Mapped[str | None] = mapped_column(String(20))
    is_original_script: Mapped[bool] = mapped_column(Boolean, default=False)


class EntryIdentifier(Base):
    __tablename__ = "entry_identifiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("list_entries.id", ondelete="CASCADE"), index=True
    )
    id_type: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(String(300))


class EntryAddress(Base):
    __tablename__ = "entry_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("list_entries.id", ondelete="CASCADE"), index=True
    )
    full: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100))


class EntryDate(Base):
    """A birth or incorporation date as published: '1965', '1965-06', '1960/1962'."""

    __tablename__ = "entry_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("list_entries.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(40))


class EntryLink(Base):
    """An ownership or control link found in a list (remarks, FtM Ownership, BODS, GLEIF)."""

    __tablename__ = "entry_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("list_versions.id", ondelete="CASCADE"), index=True
    )
    subject_key: Mapped[str] = mapped_column(String(120), index=True)
    object_key: Mapped[str | None] = mapped_column(String(120))
    object_name: Mapped[str | None] = mapped_column(String(600))
    relation: Mapped[str] = mapped_column(String(60))
    percentage: Mapped[float | None] = mapped_column(Float)
    percentage_min: Mapped[float | None] = mapped_column(Float)
    percentage_max: Mapped[float | None] = mapped_column(Float)
    source_text: Mapped[str] = mapped_column(Text, default="")


class ListedEntityLink(Base):
    """Two list entries found to be one listed entity, with the evidence that says so.

    Rebuilt over the active versions at every list import (`screener.lists.entity_links`);
    a row a reviewer undid stays (`undone_at`) so that no later import makes it again. Keys
    and sources are kept beside the entry ids because entry ids change with every version
    while the publisher's keys do not.
    """

    __tablename__ = "listed_entity_links"
    __table_args__ = (UniqueConstraint("source_a", "key_a", "source_b", "key_b"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_a_id: Mapped[int] = mapped_column(
        ForeignKey("list_entries.id", ondelete="CASCADE"), index=True
    )
    entry_b_id: Mapped[int] = mapped_column(
        ForeignKey("list_entries.id", ondelete="CASCADE"), index=True
    )
    source_a: Mapped[str] = mapped_column(String(80))
    key_a: Mapped[str] = mapped_column(String(120))
    source_b: Mapped[str] = mapped_column(String(80))
    key_b: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    evidence: Mapped[str] = mapped_column(String(300))
    linked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(120))


class ColumnProfile(Base):
    """A saved column mapping for importing an arbitrary CSV or XLSX list."""

    __tablename__ = "column_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MatchResult(Base):
    """A party scored against a list entry, with every feature that made the score."""

    __tablename__ = "match_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    party_key: Mapped[str] = mapped_column(String(120))
    list_entry_id: Mapped[int] = mapped_column(ForeignKey("list_entries.id"))
    list_version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"))
    source_name: Mapped[str] = mapped_column(String(80))
    entry_key: Mapped[str] = mapped_column(String(120))
    query_name: Mapped[str] = mapped_column(String(600))
    matched_name: Mapped[str] = mapped_column(String(600))
    score: Mapped[float] = mapped_column(Float)
    is_strong: Mapped[bool] = mapped_column(Boolean, default=False)
    features: Mapped[list[Any]] = mapped_column(default=list)
    explanation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    changed_since_dismissed: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    is_new: Mapped[bool] = mapped_column(Boolean, default=True)
    screened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    case: Mapped[Case] = relationship(back_populates="matches")
    entry: Mapped[ListEntry] = relationship()
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="match", cascade="all, delete-orphan", order_by="Decision.id"
    )


class Decision(Base):
    """A reviewer's confirm, dismiss or unsure on a match, with the required reason."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(
        ForeignKey("match_results.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    match: Mapped[MatchResult] = relationship(back_populates="decisions")


class DecisionMemory(Base):
    """A dismissal remembered across cases while the party and the entry stay unchanged.

    The party is identified by `party_identity` (a stable key such as a normalised name plus
    country or an identifier); `party_snapshot` and `entry_content_hash` record what was
    true when the reviewer dismissed, so a later change brings the match back.
    """

    __tablename__ = "decision_memory"
    __table_args__ = (UniqueConstraint("party_identity", "source_name", "entry_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_identity: Mapped[str] = mapped_column(String(600))
    source_name: Mapped[str] = mapped_column(String(80))
    entry_key: Mapped[str] = mapped_column(String(120))
    party_snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    entry_content_hash: Mapped[str] = mapped_column(String(64))
    entry_snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(120))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Assessment(Base):
    """A risk score with everything needed to reproduce it."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(120))
    packs: Mapped[list[Any]] = mapped_column(default=list)
    pack_hash: Mapped[str] = mapped_column(String(64))
    list_versions: Mapped[list[Any]] = mapped_column(default=list)
    category_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)
    total_score: Mapped[float] = mapped_column(Float, default=0.0)
    tier: Mapped[str] = mapped_column(String(20))
    outcomes: Mapped[list[Any]] = mapped_column(default=list)
    hits: Mapped[list[Any]] = mapped_column(default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)

    case: Mapped[Case] = relationship(back_populates="assessments")


class SignOff(Base):
    """Four eyes: a reviewer and a different approver sign a decision."""

    __tablename__ = "sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    user: Mapped[str] = mapped_column(String(120))
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    outcome: Mapped[str | None] = mapped_column(String(40))
    comment: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="sign_offs")


class StatusChange(Base):
    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="status_changes")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="notes")


class AuditEvent(Base):
    """An append-only, hash-chained record of one change.

    `hash` covers this record's fields and `prev_hash`, so editing or deleting any record
    breaks the chain at that point.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str] = mapped_column(String(120))
    case_id: Mapped[str | None] = mapped_column(String(40), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # HMAC of `hash` under the office key (screener.audit_seal), when the office uses one.
    seal: Mapped[str | None] = mapped_column(String(64))


class RulePackActivation(Base):
    """A rule pack made the office's active one: its exact text, who activated it, when.

    Insert-only (a later activation of the same pack id supersedes it), so the packs in
    force on any day can be read back; on the office server only the rules_admin role may
    add one (screener.office.policies).
    """

    __tablename__ = "rule_pack_activations"

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    activated_by: Mapped[str] = mapped_column(String(120))
    activated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
