"""The typed fact model every rule condition reads.

A condition such as `transaction.voting_after_pct >= params.substantial_interest_pct` is
type-checked against these dataclasses when a pack loads: a misspelt field or a comparison
of text with a number is refused before any case is scored. Facts are plain values (text is
'' when unknown, numbers 0 with a `*_known` flag where unknown must not read as zero), so
conditions need no null handling and a snapshot stored as JSON rebuilds the same facts.

Groups: `transaction` (stakes), `deal` (rights and terms), `target` (the asset, with its
materials already matched against the mineral lists), `acquirer` and `chain` (the buyer and
everyone above it), `ownership` (results of the ownership engine per regime), `screening`
(confirmed and pending list matches by list) and `reference` (the dated lists in force).
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PartyFacts:
    """One party; `adversary_nexus` is true when it is incorporated, headquartered or
    controlled in a foreign-adversary country in force on the assessment date.

    `excepted_investor` is true only when the 31 CFR 800.219 test says "excepted";
    `excepted_investor_status` is excepted / not_excepted / undetermined with the reasons.
    `fefta_foreign_investor` follows FEFTA art. 26(1), including a Japanese company 50 % or
    more foreign-held by votes (`fefta_foreign_voting_pct`) or with mostly non-resident
    directors.
    """

    key: str
    name: str = ""
    party_type: str = "company"
    role: str = ""
    country_incorporation: str = ""
    country_headoffice: str = ""
    controller_country: str = ""
    is_government: bool = False
    is_state_owned: bool = False
    state_country: str = ""
    excepted_investor: bool = False
    excepted_investor_status: str = "undetermined"
    excepted_investor_reasons: tuple[str, ...] = ()
    fefta_foreign_investor: bool = False
    fefta_foreign_voting_pct: float = 0.0
    directors_nonresident_majority: bool = False
    type_a_investor: bool = False
    in_acquirer_chain: bool = False
    adversary_nexus: bool = False
    confirmed_lists: tuple[str, ...] = ()
    pending_lists: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainFacts:
    """The acquirer and every party above it in the ownership graph."""

    parties: tuple[PartyFacts, ...] = ()
    adversary_linked: tuple[str, ...] = ()
    all_excepted_investors: bool = False
    type_a_investors: tuple[str, ...] = ()


@dataclass(frozen=True)
class TransactionFacts:
    """Stakes after closing; `related_*` are what the acquirer's closely related persons
    (FEFTA: its >= 50 % group, joint holders) already hold of the target, and `fefta_*`
    the acquirer's shares and votes with them, as the FEFTA thresholds count them."""

    structure: str = ""
    stake_known: bool = False
    stake_before_pct: float = 0.0
    stake_after_pct: float = 0.0
    voting_before_pct: float = 0.0
    voting_after_pct: float = 0.0
    related_equity_pct: float = 0.0
    related_voting_pct: float = 0.0
    fefta_shares_pct: float = 0.0
    fefta_votes_pct: float = 0.0
    value: float = 0.0
    currency: str = ""


@dataclass(frozen=True)
class DealFacts:
    board_seats: int = 0
    board_size: int = 0
    observer_seats: int = 0
    vetoes: tuple[str, ...] = ()
    information_rights: bool = False
    technology_access: bool = False
    offtake_rights: bool = False
    relocation_rights: bool = False
    closure_rights: bool = False
    gains_control: bool = False
    offshore_parent_transfer: bool = False
    filing_in_asset_country: bool = False
    fefta_exemption_claimed: bool = False
    adversary_ties: tuple[str, ...] = ()
    past_violations: tuple[str, ...] = ()
    lender_country: str = ""
    financing: str = ""


@dataclass(frozen=True)
class TargetFacts:
    """The asset; `*_materials` are its minerals and elements found on each dated list."""

    name: str = ""
    asset_type: str = ""
    country: str = ""
    stages: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    usgs_2025_materials: tuple[str, ...] = ()
    doe_2023_materials: tuple[str, ...] = ()
    jp_core_materials: tuple[str, ...] = ()
    china_controlled_materials: tuple[str, ...] = ()
    installation_distance_known: bool = False
    installation_distance_miles: float = 0.0
    nearest_installation: str = ""
    share_global_pct: float = 0.0
    share_ex_china_pct: float = 0.0
    sole_domestic_producer: bool = False
    defence_customers: bool = False
    dfars_covered: bool = False
    dpa_title_iii: bool = False
    public_funding: tuple[str, ...] = ()
    framework_project: bool = False
    us_tid_business: bool = False
    critical_technology: bool = False
    export_licence_required: bool = False
    export_classification: str = ""
    proprietary_process_technology: bool = False
    jp_listing_known: bool = False
    jp_listed: bool = False
    jp_mof_class: str = ""
    group_assets_same_stage: int = 0


@dataclass(frozen=True)
class OwnershipFacts:
    """What the ownership engine concluded about the acquirer's chain, per regime.

    `*_parties` name the chain parties each regime's test catches (`bis_affiliate_parties`
    only those owned, not listed themselves). Shares are percentages of the acquirer:
    `government_share_pct` is the largest single state's share with a parent holding 50 %
    or more deemed to hold 100 % (31 CFR 800.244, 800.256), `government_lookthrough_pct`
    the multiplied-through share; `blocked_holders_pct` is the OFAC-counted stake of
    blocked holders. All zero/empty with `report_available` false when no report exists.
    """

    report_available: bool = False
    ofac_blocked_parties: tuple[str, ...] = ()
    eu_owned_or_controlled_parties: tuple[str, ...] = ()
    uk_owned_or_controlled_parties: tuple[str, ...] = ()
    bis_affiliate_parties: tuple[str, ...] = ()
    blocked_holders_pct: float = 0.0
    blocked_control_without_ownership: bool = False
    government_share_pct: float = 0.0
    government_lookthrough_pct: float = 0.0
    government_country: str = ""
    adversary_share_pct: float = 0.0
    unresolved_share_pct: float = 0.0


@dataclass(frozen=True)
class ListCounts:
    """Matches per list category (see rules/reference/list-categories.yaml)."""

    sdn: int = 0
    ofac_non_sdn: int = 0
    ns_cmic: int = 0
    entity_list: int = 0
    meu: int = 0
    dod_1260h: int = 0
    meti_end_user: int = 0
    dpl: int = 0  # BIS Denied Persons List: a denial order for export violations
    itar_debarred: int = 0  # State Department AECA/ITAR debarment
    eu: int = 0
    eu_sectoral: int = 0  # Reg. 833/2014 annexes: no asset freeze, no EU 50 % rule
    uk: int = 0
    un: int = 0
    other: int = 0


@dataclass(frozen=True)
class ScreeningFacts:
    """Matches of chain parties (`chain_*`) and of any case party (`case_*`)."""

    screened: bool = False
    chain_confirmed: ListCounts = field(default_factory=ListCounts)
    chain_pending: ListCounts = field(default_factory=ListCounts)
    case_confirmed: ListCounts = field(default_factory=ListCounts)
    confirmed_parties: tuple[str, ...] = ()
    pending_parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferenceFacts:
    """The dated reference lists as in force on `Facts.as_of`."""

    adversary_countries: tuple[str, ...] = ()
    excepted_states: tuple[str, ...] = ()
    affiliates_rule_in_force: bool = False


@dataclass(frozen=True)
class Facts:
    case_id: str = ""
    as_of: str = ""
    jurisdictions: tuple[str, ...] = ()
    transaction: TransactionFacts = field(default_factory=TransactionFacts)
    deal: DealFacts = field(default_factory=DealFacts)
    target: TargetFacts = field(default_factory=TargetFacts)
    acquirer: PartyFacts = field(default_factory=lambda: PartyFacts(key=""))
    chain: ChainFacts = field(default_factory=ChainFacts)
    parties: tuple[PartyFacts, ...] = ()
    ownership: OwnershipFacts = field(default_factory=OwnershipFacts)
    screening: ScreeningFacts = field(default_factory=ScreeningFacts)
    reference: ReferenceFacts = field(default_factory=ReferenceFacts)


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """A JSON-ready snapshot (tuples become lists)."""
    return dataclasses.asdict(facts)


def facts_from_dict(data: dict[str, Any]) -> Facts:
    """Rebuild facts from a stored snapshot; unknown keys are refused, not ignored."""
    return _build(Facts, data)


def _build(cls: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__}: expected a mapping, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
    return cls(**{name: _convert(hints[name], value) for name, value in data.items()})


def _convert(hint: Any, value: Any) -> Any:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    if typing.get_origin(hint) is tuple:
        (member, _ellipsis) = typing.get_args(hint)
        return tuple(_convert(member, item) for item in value)
    if hint is float:
        return float(value)
    return value


def fact_catalogue() -> list[tuple[str, str]]:
    """Every path a condition can read with its type, e.g. ('deal.board_seats', 'int')."""
    return list(_catalogue(Facts, ""))


def _catalogue(cls: type, prefix: str) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    for name, hint in typing.get_type_hints(cls).items():
        path = f"{prefix}{name}"
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            entries.extend(_catalogue(hint, path + "."))
        elif typing.get_origin(hint) is tuple:
            member = typing.get_args(hint)[0]
            label = member.__name__ if isinstance(member, type) else str(member)
            entries.append((path, f"list of {label}"))
        else:
            entries.append((path, getattr(hint, "__name__", str(hint))))
    return entries
